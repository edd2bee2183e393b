"""Slides painted once into pixmaps, so a frame of a drag or a page turn is a copy of pixels.

Qt keeps rasterised glyphs only up to a size limit, and the kiosk's text is above it: painting
a page's text costs milliseconds at 1080p and tens of milliseconds at 4K, every time. The
reading screen's SlideView therefore paints each slide (a reading page, or the start or end
card seen at the edge of a drag) once into a pixmap at its own size and device pixel ratio,
and moves the pixmaps while a finger drags or a page turns. This module owns those pixmaps:
which are kept, for how long, and when they are thrown away. What a slide looks like is the
SlideView's business; it hands in the function that paints one.

Memory: at most `limit` (3) pixmaps, the current slide and its two neighbours, each the size
of the slide area x devicePixelRatio^2 x 4 bytes: 3840x1520 on a 4K panel is 23 MB, so 70 MB
for three (17.5 MB at 1920x1080). A "look" names everything else that decides the pixels (the
laid-out article, the theme, the size, the ratio, the text direction); when it changes every
pixmap is dropped, since none of them can be right any more.

Painting into a pixmap still costs what painting text costs: a whole page at 4K took 55 ms,
and the neighbours are painted ahead while nothing moves. So kiosk.app also raises Qt's glyph
cache limit (QT_MAX_CACHED_GLYPH_SIZE, 64 px by default) to GLYPH_CACHE_PX, above the largest
text the kiosk draws (a 194 px heading at 4K, Extra large): the same page then takes 1.5 ms.
Each glyph is kept once per font and size as an alpha mask of its own box, at most its pixel
size squared in bytes (21 KB for a 144 px letter; four times that with sub-pixel
antialiasing): about 100 letters in five fonts is at most 10 MB per text size at 4K. In
practice it did not show in the kiosk's RSS (every page at every size and contrast at 4K:
198 MB with it, 199 MB without).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPixmap

from kiosk.navigation import Position

# Pixel size up to which Qt keeps rasterised glyphs; see the module's docstring.
GLYPH_CACHE_PX = 256

# Paints one slide, whole, onto a painter over a pixmap of the configured size.
SlidePainter = Callable[[QPainter, Position], None]


class PageCache:
    """Up to `limit` pixmaps of slides, one per position, each painted on first use."""

    def __init__(self, paint: SlidePainter, limit: int = 3) -> None:
        self._paint = paint
        self._limit = limit
        self._look: tuple[object, ...] | None = None
        self._size = QSize()
        self._ratio = 1.0
        # Least recently used first: the one to drop when a new slide would exceed the limit.
        self._pixmaps: OrderedDict[Position, QPixmap] = OrderedDict()

    def configure(self, size: QSize, ratio: float, look: tuple[object, ...]) -> None:
        """Paint at `size` x `ratio` for `look` from now on; drop every pixmap if that changed."""
        if size != self._size or ratio != self._ratio or look != self._look:
            self.clear()
            self._size = QSize(size)
            self._ratio = ratio
            self._look = look

    def pixmap(self, position: Position) -> QPixmap:
        """The slide at `position`, painted now if it is not kept already."""
        pixmap = self._pixmaps.get(position)
        if pixmap is None:
            pixmap = self._render(position)
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
        # Device pixels, rounded up so a fractional ratio never leaves a column unpainted; the
        # pixmap carries the ratio, so the painter lays text out at its logical size and
        # rasterises it at the screen's (crisp, never an enlarged copy).
        pixmap = QPixmap(
            math.ceil(self._size.width() * self._ratio),
            math.ceil(self._size.height() * self._ratio),
        )
        pixmap.setDevicePixelRatio(self._ratio)
        painter = QPainter(pixmap)
        try:
            self._paint(painter, position)
        finally:
            painter.end()
        return pixmap
