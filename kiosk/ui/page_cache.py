"""Slides painted once into pixmaps, so a frame of a drag or a page turn is a copy of pixels.

Qt keeps rasterised glyphs only up to a size limit, and the kiosk's text is above it: painting
a page's text costs milliseconds at 1080p and tens of milliseconds at 4K, every time. The
reading screen's SlideView therefore paints each slide (a reading page, or the start or end
card seen at the edge of a drag) once into a pixmap at its own size and device pixel ratio,
and moves the pixmaps while a finger drags or a page turns. This module owns those pixmaps:
which are kept, for how long, and when they are thrown away. What a slide looks like is the
SlideView's business; it hands in the function that paints one.

Memory: at most `limit` (3) pixmaps, the current slide and its two neighbours, each the size
of the slide area x devicePixelRatio^2 x 4 bytes: 5.8 MB at 1920x1080, so 17.5 MB for three.
A "look" names everything else that decides the pixels (the laid-out article, the theme, the
size, the ratio, the text direction); when it changes every pixmap is dropped, since none of
them can be right any more.

Three pixmaps are kept only while they fit in BUDGET_BYTES. On a 4K panel one slide is
3840x1520 pixels, 23 MB, and three of them took the kiosk's peak memory from 122 MB to 210 MB
there; so above the budget the cache keeps nothing and the SlideView paints each frame's
slides straight onto the screen. That costs little, because kiosk.app also raises Qt's glyph
cache limit (QT_MAX_CACHED_GLYPH_SIZE, 64 px by default) to GLYPH_CACHE_PX, above the largest
text the kiosk draws (a 194 px heading at 4K, Extra large): a whole 4K page then paints in
about 1.5 ms instead of 55 ms, every glyph a copy of its kept alpha mask. Each glyph is kept
once per font and size, at most its pixel size squared in bytes (21 KB for a 144 px letter):
about 100 letters in five fonts is at most 10 MB per text size at 4K.
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

# The most the kept pixmaps may take together (see the module's docstring): three slides of a
# 2560x1440 panel fit, three of a 4K panel do not.
BUDGET_BYTES = 32 * 1024 * 1024

# Paints one slide, whole, onto a painter over a pixmap of the configured size.
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
            self._enabled = self._limit * self.bytes_per_pixmap() <= self._budget_bytes

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
            self._paint(painter, position)
        finally:
            painter.end()
        return pixmap
