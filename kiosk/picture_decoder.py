"""Decoding an article's pictures for the page, bounded, and a small cache of what was decoded.

kiosk.pictures checked each picture in the child that read the article (a PNG or JPEG inside
the content folder, within the limits); the file is read again here, when a page is laid out,
and checked again (it may have changed since): an ordinary file, no larger than
MAX_PICTURE_BYTES, no more than MAX_PICTURE_PIXELS. It is decoded straight to the size it is
shown at (QImageReader's scaled size: a JPEG is decoded at a fraction of its size, so memory
follows the screen, not the file), with Qt's allocation limit set to what the pixel limit
allows, within DECODE_TIME_LIMIT_S. A picture that fails is None (the page shows its
description instead), logged once.
"""

from __future__ import annotations

import concurrent.futures
import logging
import math
import os
import stat
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageReader, QPainter

from kiosk.pictures import MAX_PICTURE_BYTES, MAX_PICTURE_PIXELS, Picture, shown_size

log = logging.getLogger(__name__)

# Qt refuses to allocate more than this (in MB) for one decoded picture: the pixel limit at
# four bytes a pixel, so a file whose header lies about its size cannot take more.
ALLOCATION_LIMIT_MB = math.ceil(MAX_PICTURE_PIXELS * 4 / 1024 / 1024)
# Decoded pictures kept: those of the pages in use at two text sizes, say, and no more than
# this many bytes (a 4K panel's column-wide picture is about 20 MB).
# Longest the screen waits for one picture to decode (a 40-megapixel PNG takes about 0.25 s
# on a 2-core x86 machine; a Raspberry Pi is a few times slower).
DECODE_TIME_LIMIT_S = 2.0
# Decoding runs in these threads, so that the wait can end; Qt releases Python's lock while it
# decodes. Two: a slow picture never holds up the next one.
_decoders = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="picture")
CACHE_ENTRIES = 16
CACHE_BYTES = 128 * 1024 * 1024
_READ_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class _Key:
    path: Path
    file_bytes: int
    modified_ns: int
    box: tuple[int, int]  # the room it was fitted into, in whole pixels


class _Cache:
    """The pictures decoded lately, the oldest dropped first; and the files that failed, so
    that each is tried (and logged) once."""

    def __init__(self) -> None:
        self.images: OrderedDict[_Key, QImage] = OrderedDict()
        self.failed: set[tuple[Path, int, int]] = set()

    def get(self, key: _Key) -> QImage | None:
        image = self.images.get(key)
        if image is not None:
            self.images.move_to_end(key)
        return image

    def put(self, key: _Key, image: QImage) -> None:
        self.images[key] = image
        self.images.move_to_end(key)
        while len(self.images) > CACHE_ENTRIES or (
            len(self.images) > 1 and self.bytes > CACHE_BYTES
        ):
            self.images.popitem(last=False)

    @property
    def bytes(self) -> int:
        return sum(image.sizeInBytes() for image in self.images.values())

    def clear(self) -> None:
        self.images.clear()
        self.failed.clear()


_cache = _Cache()


def decode_picture(picture: Picture, max_width: float, max_height: float) -> QImage | None:
    """The picture fitted into `max_width` x `max_height` pixels (its shape kept, never more
    than twice its size: kiosk.pictures.shown_size), decoded at that size; None, logged once
    per file, when it cannot be (changed into something refused, damaged)."""
    box = (max(1, math.floor(max_width)), max(1, math.floor(max_height)))
    try:
        descriptor = os.open(
            picture.path,
            os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC | os.O_NOFOLLOW,
        )
    except OSError as error:
        _fail((picture.path, -1, -1), picture, f"it cannot be opened: {error.strerror}")
        return None
    try:
        info = os.fstat(descriptor)
        version = (picture.path, info.st_size, info.st_mtime_ns)
        if version in _cache.failed:
            return None
        key = _Key(picture.path, info.st_size, info.st_mtime_ns, box)
        cached = _cache.get(key)
        if cached is not None:
            return cached
        if not stat.S_ISREG(info.st_mode):
            _fail(version, picture, "it is no longer an ordinary file")
            return None
        if info.st_size > MAX_PICTURE_BYTES:
            _fail(version, picture, f"it has grown to {info.st_size} bytes")
            return None
        data = _read_all(descriptor)
    except OSError as error:
        _fail((picture.path, -1, -1), picture, f"it cannot be read: {error.strerror}")
        return None
    finally:
        os.close(descriptor)
    image, problem = _decode_in_time(data, box)
    if image is None:
        _fail(version, picture, problem)
        return None
    _cache.put(key, image)
    return image


def forget_decoded_pictures() -> None:
    """Drop every decoded picture and every failure remembered (tests; a reload of content)."""
    _cache.clear()


def _read_all(descriptor: int) -> bytes:
    chunks = []
    left = MAX_PICTURE_BYTES + 1
    while left > 0:
        chunk = os.read(descriptor, min(left, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _decode_in_time(data: bytes, box: tuple[int, int]) -> tuple[QImage | None, str]:
    """_decode, given at most DECODE_TIME_LIMIT_S: the page is being laid out and the screen
    waits. A decoding that takes longer is left to finish on its own and its picture is not
    shown (its size and pixels are bounded, so it does finish)."""
    future = _decoders.submit(_decode, data, box)
    try:
        return future.result(timeout=DECODE_TIME_LIMIT_S)
    except concurrent.futures.TimeoutError:
        return None, f"decoding it took longer than {DECODE_TIME_LIMIT_S:g} s"


def _decode(data: bytes, box: tuple[int, int]) -> tuple[QImage | None, str]:
    """(the picture in `data` fitted into `box`, None) or (None, why not)."""
    if len(data) > MAX_PICTURE_BYTES:
        return None, "it grew while it was read"
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    if reader.format() not in (b"png", b"jpeg"):
        return None, "it is no longer a PNG or JPEG file"
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    # A photograph from a phone is stored on its side, with a note (EXIF) to turn it.
    reader.setAutoTransform(True)
    stored = reader.size()
    if not stored.isValid() or stored.isEmpty():
        return None, f"its size cannot be read ({reader.errorString()})"
    if stored.width() * stored.height() > MAX_PICTURE_PIXELS:
        return None, f"it is {stored.width()} x {stored.height()} pixels"
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    width, height = (
        (stored.height(), stored.width()) if turned else (stored.width(), stored.height())
    )
    shown = QSize(*shown_size(width, height, *box))
    # The reader scales what is stored, before it turns it.
    reader.setScaledSize(shown.transposed() if turned else shown)
    image = reader.read()
    if image.isNull():
        return None, f"it cannot be decoded ({reader.errorString()})"
    if image.size() != shown:
        image = image.scaled(
            shown, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return _on_white(image), ""


def _on_white(image: QImage) -> QImage:
    """The picture ready to draw: a transparent one on white, as it was drawn to be seen (a
    diagram's dark lines would vanish on the high-contrast page's dark background)."""
    if not image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_RGB32)
    backed = QImage(image.size(), QImage.Format.Format_RGB32)
    backed.fill(QColor("white"))
    painter = QPainter(backed)
    painter.drawImage(0, 0, image)
    painter.end()
    return backed


def _fail(version: tuple[Path, int, int], picture: Picture, problem: str) -> None:
    if version in _cache.failed:
        return
    _cache.failed.add(version)
    log.warning(
        "The picture %s is shown as its description: %s. Save or copy it again.",
        picture.path,
        problem,
    )
