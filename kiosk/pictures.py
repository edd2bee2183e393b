"""Pictures in an article: which files may be shown, their bounds, and their size on the page.

A picture (`![alt](file)`) is shown only when it is a PNG or JPEG file inside the content
folder (the article's own folder or a folder in it, after symbolic links are followed), no
larger than MAX_PICTURE_BYTES and MAX_PICTURE_PIXELS. `find_picture` checks all that by
reading no more than the file's header and its last bytes (never its pixels), and says what is
wrong in staff's words (PictureError) otherwise: kiosk.article turns that into the text
placeholder and a note for `kiosk check`.

This module imports nothing from Qt: it runs in the child process that reads articles
(kiosk.content_child). Decoding the pixels, bounded the same way, is kiosk.picture_decoder's
job, on the GUI side, at the size the picture is shown at.
"""

from __future__ import annotations

import math
import os
import re
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

# A picture for a leaflet is a few hundred kilobytes; anything near these limits is a camera's
# original, which is as sharp on the panel when saved smaller and takes far less to decode.
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PICTURE_PIXELS = 40_000_000
# Pictures shown in one article (each costs a look at its file in the child, and memory on
# the page); more are shown as their description.
MAX_PICTURES = 50
# A small picture is shown at most this many times its own size: more, and its pixels show
# as blocks and blur (it looks broken); twice still lets a small diagram be seen from a chair.
MAX_UPSCALE = 2.0

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunk that ends every whole PNG file: length 0, "IEND", its CRC.
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_START = b"\xff\xd8"
_JPEG_END = b"\xff\xd9"
# Where a JPEG's end marker is looked for: the last bytes (some cameras pad after it).
_JPEG_TAIL_BYTES = 64 * 1024
# Markers a JPEG header is walked through before its size is found; real files have a dozen.
_MAX_JPEG_MARKERS = 1000
# JPEG start-of-frame markers (they hold the size): C0 to CF but for C4, C8 and CC.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_SCAN = 0xDA
# Markers that stand alone, without a length: TEM and the restart markers.
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
# EXIF orientations 5 to 8 turn the picture a quarter: its width is the stored height.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_EXIF_ORIENTATION = 0x0112
# Other formats, named for staff from their first bytes.
_OTHER_FORMATS = (
    (b"GIF8", "a GIF"),
    (b"RIFF", "a WebP (or another RIFF file)"),
    (b"BM", "a BMP"),
    (b"II*\x00", "a TIFF"),
    (b"MM\x00*", "a TIFF"),
    (b"%PDF", "a PDF document"),
    (b"<svg", "an SVG drawing"),
    (b"<?xml", "an SVG drawing or other XML file"),
)
_PICTURE_ENDINGS = (".png", ".jpg", ".jpeg", ".jpe", ".jfif")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
FORMATS_RULE = "Pictures must be PNG or JPEG files inside the content folder"


class PictureError(Exception):
    """A picture the kiosk does not show, said for staff: which file, what is wrong, what to
    do."""


@dataclass(frozen=True)
class Picture:
    """A picture the kiosk may show: the file (resolved, inside the content folder), its
    description, its size in pixels as shown (a JPEG's EXIF turn applied), and the file's
    size and modification time when it was looked at (so a changed file is told apart)."""

    path: Path
    alt: str
    width: int
    height: int
    file_bytes: int
    modified_ns: int


def find_picture(source: str, folder: Path, alt: str) -> Picture:
    """The picture that `source` (as written in the article) names inside `folder`, its
    header read. Raises PictureError, naming `source`, when the kiosk does not show it."""
    written = source.strip()
    if not written:
        raise PictureError(
            "A picture has no file name between its round brackets; the kiosk shows only its "
            "description. Write the picture's file name there, as in ![A knee](knee.png)."
        )
    if _SCHEME.match(written) or written.startswith("//"):
        raise PictureError(
            f"The picture '{_short(written)}' is not a file in the content folder; the kiosk "
            "never loads anything from elsewhere and shows only its description. "
            f"{FORMATS_RULE}: copy the picture there and write its file name."
        )
    if written.startswith(("/", "\\", "~")):
        raise PictureError(
            f"The picture '{_short(written)}' is written as a full path, which leaves the "
            "content folder; the kiosk shows only its description. "
            f"{FORMATS_RULE}: write its path from the article's folder (for example "
            "'pictures/knee.png')."
        )
    root = folder.resolve()
    candidate = folder / written
    if not os.path.lexists(candidate) and unquote(written) != written:
        candidate = folder / unquote(written)  # "my%20picture.png", as editors write spaces
    try:
        # Where it leads, symbolic links followed ("../x.png" and a link out both leave).
        _inside(root, candidate.resolve(), written)
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        raise PictureError(
            f"The picture '{_short(written)}' is missing from the content folder; the kiosk "
            "shows only its description. Put the file there, or correct its name (capital "
            "letters count)."
        ) from None
    _inside(root, resolved, written)
    return _read_picture(resolved, written, alt)


def _inside(root: Path, resolved: Path, written: str) -> None:
    if not resolved.is_relative_to(root):
        raise PictureError(
            f"The picture '{_short(written)}' is outside the content folder (it leads to "
            f"{_short(str(resolved))}); the kiosk shows only its description. {FORMATS_RULE} "
            "(the article's folder or a folder in it): copy it there."
        )


def shown_size(width: int, height: int, max_width: float, max_height: float) -> tuple[int, int]:
    """A picture of `width` x `height` pixels scaled to fit `max_width` x `max_height`, its
    shape kept, never more than MAX_UPSCALE times its own size (whole pixels, at least 1)."""
    scale = min(max_width / width, max_height / height, MAX_UPSCALE)
    return max(1, math.floor(width * scale + 1e-6)), max(1, math.floor(height * scale + 1e-6))


def describe_bytes(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB"


def _read_picture(path: Path, written: str, alt: str) -> Picture:
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise _unreadable(written, error.strerror or str(error)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise PictureError(
                f"'{_short(written)}' is not a picture file (it is a folder or a device); the "
                f"kiosk shows only the picture's description. {FORMATS_RULE}."
            )
        if info.st_size > MAX_PICTURE_BYTES:
            raise PictureError(
                f"The picture '{_short(written)}' is too large: {describe_bytes(info.st_size)}, "
                f"where a picture is at most {MAX_PICTURE_BYTES // 1024 // 1024} MB; the kiosk "
                "shows only its description. Save it smaller (2000 pixels wide is plenty), as "
                "JPEG for a photograph."
            )
        with os.fdopen(os.dup(descriptor), "rb") as file:
            width, height = _picture_size(file, info.st_size, written)
    except OSError as error:
        raise _unreadable(written, error.strerror or str(error)) from None
    finally:
        os.close(descriptor)
    if width * height > MAX_PICTURE_PIXELS:
        raise PictureError(
            f"The picture '{_short(written)}' is too large: {width} x {height} pixels, where a "
            f"picture is at most {MAX_PICTURE_PIXELS // 1_000_000} megapixels; the kiosk shows "
            "only its description. Save it smaller (2000 pixels wide is plenty)."
        )
    return Picture(path, alt, width, height, info.st_size, info.st_mtime_ns)


def _picture_size(file: BinaryIO, size: int, written: str) -> tuple[int, int]:
    """(width, height) as shown, from a PNG's or JPEG's header; PictureError for another
    format or a file that is damaged or cut short."""
    start = file.read(32)
    if start.startswith(_PNG_SIGNATURE):
        return _png_size(file, start, size, written)
    if start.startswith(_JPEG_START):
        return _jpeg_size(file, size, written)
    kind = next((name for magic, name in _OTHER_FORMATS if start.startswith(magic)), "")
    if start.startswith(b"RIFF") and start[8:12] == b"WEBP":
        kind = "a WebP"
    if not kind and written.lower().endswith(_PICTURE_ENDINGS):
        # Named as a picture the kiosk shows, but something else, or damaged from the start.
        raise _unreadable(written, "what it holds is not a PNG or JPEG picture")
    what = f"is {kind} file" if kind else "is not a PNG or JPEG file"
    raise PictureError(
        f"The picture '{_short(written)}' {what}; the kiosk shows only its description. "
        f"{FORMATS_RULE}: save it as PNG (a drawing) or JPEG (a photograph)."
    )


def _png_size(file: BinaryIO, start: bytes, size: int, written: str) -> tuple[int, int]:
    # The first chunk is IHDR, 13 bytes, whose first eight are the width and the height.
    length, kind = struct.unpack(">I4s", start[8:16]) if len(start) >= 16 else (0, b"")
    if kind != b"IHDR" or length != 13 or len(start) < 24:
        raise _unreadable(written, "its PNG header is damaged")
    width, height = struct.unpack(">II", start[16:24])
    if not width or not height:
        raise _unreadable(written, "its PNG header gives no size")
    file.seek(max(size - len(_PNG_END), 0))
    if file.read(len(_PNG_END)) != _PNG_END:
        raise _unreadable(written, "the file ends too soon: it is incomplete")
    return width, height


def _jpeg_size(file: BinaryIO, size: int, written: str) -> tuple[int, int]:
    """The size in a JPEG's start-of-frame segment, turned as its EXIF orientation says."""
    file.seek(len(_JPEG_START))
    turned = False
    for _ in range(_MAX_JPEG_MARKERS):
        byte = file.read(1)
        if byte != b"\xff":
            break
        marker = file.read(1)
        while marker == b"\xff":  # fill bytes before a marker
            marker = file.read(1)
        if not marker:
            break
        code = marker[0]
        if code in _JPEG_STANDALONE:
            continue
        if code in (_JPEG_SCAN, 0xD9, 0xD8):
            break  # the pixels (or the end) came before the size
        length_bytes = file.read(2)
        if len(length_bytes) < 2:
            break
        (length,) = struct.unpack(">H", length_bytes)
        if length < 2:
            break
        if code == 0xE1:
            segment = file.read(length - 2)
            turned = turned or _exif_orientation(segment) in _QUARTER_TURNS
            continue
        if code in _JPEG_FRAMES:
            frame = file.read(5)
            if len(frame) < 5:
                break
            _, height, width = struct.unpack(">BHH", frame)
            if not width or not height:
                raise _unreadable(written, "its JPEG header gives no size")
            file.seek(max(size - _JPEG_TAIL_BYTES, 0))
            if _JPEG_END not in file.read(_JPEG_TAIL_BYTES):
                raise _unreadable(written, "the file ends too soon: it is incomplete")
            return (height, width) if turned else (width, height)
        file.seek(length - 2, os.SEEK_CUR)
    raise _unreadable(written, "its JPEG header is damaged")


def _exif_orientation(segment: bytes) -> int:
    """The orientation (1 to 8) in an APP1 segment holding EXIF; 1 (as stored) if none."""
    if not segment.startswith(b"Exif\x00\x00"):
        return 1
    tiff = segment[6:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return 1
    (first,) = struct.unpack(order + "I", tiff[4:8])
    if first + 2 > len(tiff):
        return 1
    (count,) = struct.unpack(order + "H", tiff[first : first + 2])
    for index in range(count):
        entry = first + 2 + 12 * index
        if entry + 12 > len(tiff):
            break
        tag, kind = struct.unpack(order + "HH", tiff[entry : entry + 4])
        if tag == _EXIF_ORIENTATION and kind == 3:  # a SHORT, at the start of the value
            (value,) = struct.unpack(order + "H", tiff[entry + 8 : entry + 10])
            return int(value)
    return 1


def _unreadable(written: str, reason: str) -> PictureError:
    return PictureError(
        f"The picture '{_short(written)}' could not be read ({reason}); the kiosk shows only "
        "its description. Save or copy the picture again."
    )


def _short(written: str) -> str:
    """What staff wrote, cut short if it is long (a data: address can be megabytes)."""
    return written if len(written) <= 80 else written[:77] + "..."
