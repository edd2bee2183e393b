"""A QR code for a web address, drawn here from its module matrix (kiosk.take_home.qr_matrix,
made by segno): nothing is fetched.

The code is for a phone's camera: black modules on a white quiet zone of QUIET_ZONE_MODULES
whatever the palette (kiosk.theme's "Take it home"), every module a whole number of device
pixels and drawn without smoothing, so that each edge is sharp. Whoever lays the code out asks
`side_for` what side it can have in the room there is (a whole number of modules); a widget
given more room than that draws the code in its middle on white.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.take_home import qr_matrix
from kiosk.theme import TAKE_HOME_DARK, TAKE_HOME_LIGHT

# White modules around the code on every side: what the QR standard asks, and what lets a
# camera find the code's corners against whatever is beside it.
QUIET_ZONE_MODULES = 4


class QrCode(QWidget):
    """A QR code for one web address (none: the widget draws nothing and wants no room)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url: str | None = None
        self._matrix: tuple[tuple[bool, ...], ...] = ()

    @property
    def url(self) -> str | None:
        return self._url

    @property
    def matrix(self) -> tuple[tuple[bool, ...], ...]:
        """The code's modules as drawn (quiet zone left out); () without an address."""
        return self._matrix

    def set_url(self, url: str | None) -> None:
        if url == self._url:
            return
        self._url = url
        self._matrix = qr_matrix(url) if url else ()
        self.setAccessibleDescription(url or "")
        self.update()

    @property
    def modules(self) -> int:
        """The code's side in modules, quiet zone included (0 without an address)."""
        return len(self._matrix) + 2 * QUIET_ZONE_MODULES if self._matrix else 0

    def side_for(self, room: int) -> int:
        """The largest side, in pixels, of a code of whole modules within `room` (0 for none)."""
        if not self.modules:
            return 0
        return room // self.modules * self.modules

    def least_side(self, least_symbol: int) -> int:
        """The smallest side of whole modules (quiet zone included) at which the modules'
        square, quiet zone left out, is at least `least_symbol` pixels wide."""
        if not self._matrix:
            return 0
        module = max(1, math.ceil(least_symbol / len(self._matrix)))
        return module * self.modules

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._matrix:
            return
        painter = QPainter(self)
        # In device pixels, so that a module is a whole number of them on a panel whose
        # pixels are not the widget's (a scaled desktop).
        ratio = self.devicePixelRatioF()
        painter.scale(1 / ratio, 1 / ratio)
        width = math.floor(self.width() * ratio)
        height = math.floor(self.height() * ratio)
        painter.fillRect(0, 0, width, height, QColor(TAKE_HOME_LIGHT))
        module = min(width, height) // self.modules
        if module < 1:
            return  # no room for a code a camera could read: white rather than a blur
        left = (width - module * self.modules) // 2 + QUIET_ZONE_MODULES * module
        top = (height - module * self.modules) // 2 + QUIET_ZONE_MODULES * module
        dark = QColor(TAKE_HOME_DARK)
        for row, modules in enumerate(self._matrix):
            y = top + row * module
            column = 0
            while column < len(modules):
                if not modules[column]:
                    column += 1
                    continue
                start = column
                while column < len(modules) and modules[column]:
                    column += 1
                # One rectangle for each run of dark modules in a row: whole pixels, no
                # smoothing (the painter's antialiasing is off), so edges stay sharp.
                painter.fillRect(left + start * module, y, (column - start) * module, module, dark)
        painter.end()
