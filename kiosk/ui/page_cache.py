"""Slides painted once into images, so a frame of a drag or a page turn is a copy of pixels.

Painting text at the kiosk's sizes is slow: Qt keeps rasterised glyphs only up to 64 px (and
raising that limit, QT_MAX_CACHED_GLYPH_SIZE, leaves larger letters undrawn in Qt 6.11), so a
4K page's text took 55 ms, every time. The reading screen's SlideView therefore paints each
slide (a reading page, or the start or end card seen at the edge of a drag) once into an image
at its device pixel ratio, and moves the images while a finger drags or a page turns. This
module owns those images: which are kept, for how long, and when they are thrown away. What a
slide looks like is the SlideView's business; it hands in the function that paints one.

Memory, which at 4K is most of the kiosk's (issue 11):
- An image covers only the slide's `area`, the text column and a little room around it: the
  rest of a slide is background, which a frame fills.
- At most `limit` (3) images are kept, the current slide and its two neighbours.
- Their pixels are the window's own 32-bit ones (FAST_FORMAT), drawn by a plain copy, while
  three fit in FAST_BUDGET_BYTES: 3.6-5 MB each at 1920x1080, 15 MB at most for three.
- Beyond that they are 24-bit (COMPACT_FORMAT): the page's colours just as exact, in three
  bytes a pixel instead of four, and drawn at about a fifth more than a copy's cost. At
  3840x2160 that is 11-15 MB each (the column grows taller from the third text size), 45 MB at
  most for three instead of 60.
- Each image's pixels are a memory mapping of their own, given back to the system the moment
  the image is dropped. From the C heap they were not: once one slide's pixels had been freed,
  glibc served the next ones from its heap, where freed pixels stayed part of the process, and
  a text-size change left the kiosk 20-40 MB larger at 4K.
- A "look" names everything else that decides the pixels (the laid-out article, the theme, the
  size, the ratio, the text direction); when it changes every image is dropped before any is
  painted again, since none of them can be right any more.
- Above BUDGET_BYTES for three even then (a panel beyond 4K) nothing is kept, and the
  SlideView paints each frame's slides straight onto the screen: slow, but never a memory
  surprise.
"""

from __future__ import annotations

import math
import mmap
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage, QPainter

from kiosk.navigation import Position

# Three slides' images up to this size keep the window's 32-bit pixels: a frame copies them.
# A 1920x1080 panel's take 15 MB at most, a 2560x1440 one's 26 MB.
FAST_BUDGET_BYTES = 32 * 1024 * 1024
FAST_FORMAT = QImage.Format.Format_RGB32
# The most the kept images may take together, in the compact format beyond the fast budget:
# three slides of a 4K panel fit.
BUDGET_BYTES = 64 * 1024 * 1024
# Exact colours in three bytes a pixel. Qt draws it onto a 32-bit window with a vectorised
# conversion, a little slower than a copy; a letter's antialiased edge may blend one level
# (of 255) apart from painting onto the window directly. RGB16 would take two bytes, but turns
# the page's background #fbf8f3 into #fffbf7 (a visible box around the text) and letters'
# edges up to 20 levels off; RGB666 and ARGB8565 take three bytes too and draw at five times
# the cost, ARGB4444 at four times.
COMPACT_FORMAT = QImage.Format.Format_RGB888
_BYTES_PER_PIXEL = {FAST_FORMAT: 4, COMPACT_FORMAT: 3}

# Paints one slide, whole, in slide coordinates (the image shows its configured area).
SlidePainter = Callable[[QPainter, Position], None]


class _Kept(NamedTuple):
    image: QImage
    memory: mmap.mmap  # the image's pixels; unmapped once neither refers to it


class PageCache:
    """Up to `limit` images of slides, one per position, each painted on first use."""

    def __init__(
        self,
        paint: SlidePainter,
        limit: int = 3,
        budget_bytes: int = BUDGET_BYTES,
        fast_budget_bytes: int = FAST_BUDGET_BYTES,
    ) -> None:
        self._paint = paint
        self._limit = limit
        self._budget_bytes = budget_bytes
        self._fast_budget_bytes = min(fast_budget_bytes, budget_bytes)
        self._format = FAST_FORMAT
        self._enabled = True
        self._look: tuple[object, ...] | None = None
        self._size = QSize()
        self._area = QRect()
        self._ratio = 1.0
        # Least recently used first: the one to drop when a new slide would exceed the limit.
        self._kept: OrderedDict[Position, _Kept] = OrderedDict()

    def configure(self, area: QRect, ratio: float, look: tuple[object, ...]) -> None:
        """Paint the slides' `area` (in slide coordinates) at `ratio` for `look` from now on;
        drop every image if that changed."""
        if area != self._area or ratio != self._ratio or look != self._look:
            self.clear()
            self._area = QRect(area)
            self._size = area.size()
            self._ratio = ratio
            self._look = look
            self._format = FAST_FORMAT
            if self._limit * self.bytes_per_image() > self._fast_budget_bytes:
                self._format = COMPACT_FORMAT
            self._enabled = self._limit * self.bytes_per_image() <= self._budget_bytes

    @property
    def area(self) -> QRect:
        """The part of a slide each image holds; it is drawn at the slide's x + area.left()."""
        return QRect(self._area)

    @property
    def enabled(self) -> bool:
        """Whether images are kept at the configured size: False when `limit` of them would
        not fit in the budget, and the slides are to be painted straight onto the screen."""
        return self._enabled

    @property
    def image_format(self) -> QImage.Format:
        """The kept images' pixel format at the configured size (see the module's docstring)."""
        return self._format

    def bytes_per_image(self) -> int:
        return self._bytes_per_line() * self._device_size()[1]

    def bytes_kept(self) -> int:
        return sum(kept.image.sizeInBytes() for kept in self._kept.values())

    def _bytes_per_line(self) -> int:
        # QImage rows start on 4-byte boundaries.
        return (self._device_size()[0] * _BYTES_PER_PIXEL[self._format] + 3) // 4 * 4

    def _device_size(self) -> tuple[int, int]:
        # Device pixels, rounded up so a fractional ratio never leaves a column unpainted.
        return (
            math.ceil(self._size.width() * self._ratio),
            math.ceil(self._size.height() * self._ratio),
        )

    def image(self, position: Position) -> QImage:
        """The slide at `position`, painted now if it is not kept already (and not kept at all
        when the cache is not `enabled`). Draw it with QPainter.drawImage."""
        kept = self._kept.get(position)
        if kept is None:
            if self._enabled:
                # Room first: a slide beyond the limit never shares the memory with all the rest.
                while len(self._kept) >= self._limit:
                    self._kept.popitem(last=False)
            kept = self._render(position)
            if not self._enabled:
                return kept.image
            self._kept[position] = kept
        else:
            self._kept.move_to_end(position)
        return kept.image

    def __contains__(self, position: object) -> bool:
        return position in self._kept

    def __len__(self) -> int:
        return len(self._kept)

    def positions(self) -> list[Position]:
        return list(self._kept)

    def images(self) -> list[QImage]:
        return [kept.image for kept in self._kept.values()]

    def retain(self, positions: Iterable[Position]) -> None:
        """Drop every image but those of `positions` (the slides that can be on screen next)."""
        wanted = set(positions)
        for position in [position for position in self._kept if position not in wanted]:
            del self._kept[position]

    def clear(self) -> None:
        self._kept.clear()

    def _render(self, position: Position) -> _Kept:
        width, height = self._device_size()
        line = self._bytes_per_line()
        # A private anonymous mapping: zero pages until painted, unmapped when dropped.
        memory = mmap.mmap(-1, max(line * height, 1), flags=mmap.MAP_PRIVATE)
        image = QImage(memoryview(memory), width, height, line, self._format)
        # The image carries the ratio, so the painter lays text out at its logical size and
        # rasterises it at the screen's (crisp, never an enlarged copy).
        image.setDevicePixelRatio(self._ratio)
        painter = QPainter(image)
        try:
            painter.translate(-self._area.left(), -self._area.top())
            self._paint(painter, position)
        finally:
            painter.end()
        return _Kept(image, memory)
