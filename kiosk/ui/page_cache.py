"""Slides painted once into pixmaps, so a frame of a drag or a page turn is a copy of pixels.

Painting text at the kiosk's sizes is slow: Qt keeps rasterised glyphs only up to 64 px (and
raising that limit, QT_MAX_CACHED_GLYPH_SIZE, leaves larger letters undrawn in Qt 6.11), so a
4K page's text took 55 ms, every time. The reading screen's SlideView therefore paints each
slide (a reading page, or the start or end card seen at the edge of a drag) once into a pixmap
at its device pixel ratio, and moves the pixmaps while a finger drags or a page turns. This
module owns those pixmaps: which are kept, for how long, and when they are thrown away. What a
slide looks like is the SlideView's business; it hands in the function that paints one.

A pixmap covers only the slide's `area`, the text column and a little room around it: the rest
of a slide is background, which a frame fills. Memory: at most `limit` (3) pixmaps, the current
slide and its two neighbours, each the area x devicePixelRatio^2 x 4 bytes: 3.6 MB at
1920x1080 and 16 MB at 3840x2160, so 11 MB and 48 MB for three. A "look" names everything else
that decides the pixels (the laid-out article, the theme, the size, the ratio, the text
direction); when it changes every pixmap is dropped, since none of them can be right any more.
Above BUDGET_BYTES for three (a panel beyond 4K) nothing is kept, and the SlideView paints each
frame's slides straight onto the screen: slow, but never a memory surprise.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter, QPixmap

from kiosk.navigation import Position

# The most the kept pixmaps may take together (see the module's docstring): three slides of a
# 4K panel fit.
BUDGET_BYTES = 64 * 1024 * 1024

# Paints one slide, whole, in slide coordinates (the pixmap shows its configured area).
SlidePainter = Callable[[QPainter, Position], None]


class PageCache:
    """Up to `limit` pixmaps of slides, one per position, each painted on first use."""

    def __init__(
        self, paint: SlidePainter, limit: int = 3, budget_bytes: int = BUDGET_BYTES
    ) -> None:
        self._paint = paint
        self._limit = limit
        self._budget_bytes = budget_bytes
        self._enabled = True
        self._look: tuple[object, ...] | None = None
        self._size = QSize()
        self._area = QRect()
        self._ratio = 1.0
        # Least recently used first: the one to drop when a new slide would exceed the limit.
        self._pixmaps: OrderedDict[Position, QPixmap] = OrderedDict()

    def configure(self, area: QRect, ratio: float, look: tuple[object, ...]) -> None:
        """Paint the slides' `area` (in slide coordinates) at `ratio` for `look` from now on;
        drop every pixmap if that changed."""
        if area != self._area or ratio != self._ratio or look != self._look:
            self.clear()
            self._area = QRect(area)
            self._size = area.size()
            self._ratio = ratio
            self._look = look
            self._enabled = self._limit * self.bytes_per_pixmap() <= self._budget_bytes

    @property
    def area(self) -> QRect:
        """The part of a slide each pixmap holds; it is drawn at the slide's x + area.left()."""
        return QRect(self._area)

    @property
    def enabled(self) -> bool:
        """Whether pixmaps are kept at the configured size: False when `limit` of them would
        not fit in the budget, and the slides are to be painted straight onto the screen."""
        return self._enabled

    def bytes_per_pixmap(self) -> int:
        width, height = self._device_size()
        return width * height * 4

    def _device_size(self) -> tuple[int, int]:
        # Device pixels, rounded up so a fractional ratio never leaves a column unpainted.
        return (
            math.ceil(self._size.width() * self._ratio),
            math.ceil(self._size.height() * self._ratio),
        )

    def pixmap(self, position: Position) -> QPixmap:
        """The slide at `position`, painted now if it is not kept already (and not kept at all
        when the cache is not `enabled`)."""
        pixmap = self._pixmaps.get(position)
        if pixmap is None:
            pixmap = self._render(position)
            if not self._enabled:
                return pixmap
            self._pixmaps[position] = pixmap
            while len(self._pixmaps) > self._limit:
                self._pixmaps.popitem(last=False)
        else:
            self._pixmaps.move_to_end(position)
        return pixmap

    def __contains__(self, position: object) -> bool:
        return position in self._pixmaps

    def __len__(self) -> int:
        return len(self._pixmaps)

    def positions(self) -> list[Position]:
        return list(self._pixmaps)

    def pixmaps(self) -> list[QPixmap]:
        return list(self._pixmaps.values())

    def retain(self, positions: Iterable[Position]) -> None:
        """Drop every pixmap but those of `positions` (the slides that can be on screen next)."""
        wanted = set(positions)
        for position in [position for position in self._pixmaps if position not in wanted]:
            del self._pixmaps[position]

    def clear(self) -> None:
        self._pixmaps.clear()

    def _render(self, position: Position) -> QPixmap:
        # The pixmap carries the ratio, so the painter lays text out at its logical size and
        # rasterises it at the screen's (crisp, never an enlarged copy).
        pixmap = QPixmap(*self._device_size())
        pixmap.setDevicePixelRatio(self._ratio)
        painter = QPainter(pixmap)
        try:
            painter.translate(-self._area.left(), -self._area.top())
            self._paint(painter, position)
        finally:
            painter.end()
        return pixmap
