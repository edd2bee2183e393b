"""A panel mounted on its side: the kiosk drawn turned, and touches, clicks and keys turned back.

With the `rotation` setting at 90, 180 or 270 (degrees clockwise), the KioskWindow is laid out
at the turned size (a 1920x1080 panel at 90 gets a 1080x1920 portrait kiosk) and shown through
a QGraphicsProxyWidget in a QGraphicsView whose transform turns it. That view, RotatedView, is
then the top-level window, and it owns what only a top-level window can do: full screen, the
refusal to close or leave full screen in kiosk mode, and the first frame (for systemd's
READY=1; the KioskWindow inside it is never on the screen itself). Rotation 0 uses no view.

Why a graphics view rather than drawing the kiosk into an image and forwarding events by hand:
Qt 6 carries everything through the proxy already, and tests/test_rotation.py holds it to that.
A touch on the view goes to the scene, which maps each point into the kiosk's own coordinates
and hands it to the widget under the finger (the reading screen's swipes); a touch nobody
accepts comes back as a mouse press at the turned position (buttons); keys go to the kiosk's
focus. QWidget.mapFromGlobal follows the proxy through the view too, so the input router's
staff corner is the top-left the patient sees. Overlays are children of the KioskWindow and
turn with it. No compositor or touch-matrix setting is needed, on X11 or Wayland alike.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QColor, QPaintEvent, QResizeEvent, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

QUARTER_TURNS = (90, 180, 270)


def turned_size(size: QSize, rotation: int) -> QSize:
    """The kiosk's own size on a screen of `size` turned by `rotation` degrees."""
    return size.transposed() if rotation in (90, 270) else QSize(size)


class RotatedView(QGraphicsView):
    """The top-level window that shows a KioskWindow turned `rotation` degrees clockwise, on a
    screen of `size` as the computer sees it (it follows later resizes)."""

    def __init__(
        self, kiosk: KioskWindow, rotation: int, size: QSize, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if rotation not in QUARTER_TURNS:
            raise ValueError(f"rotation must be one of {QUARTER_TURNS}, not {rotation!r}")
        self.kiosk = kiosk
        self.rotation = rotation
        self._first_frame = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setBackgroundBrush(QColor("black"))
        # The kiosk paints every pixel it covers; the view need not save and restore for it.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.resize(size)
        # The kiosk gets its turned size before the proxy first shows it, as an upright kiosk
        # gets the screen's before it shows: the proxy would show it at its size hint first.
        kiosk.resize(turned_size(size, rotation))
        self.setScene(QGraphicsScene(self))
        self._proxy = self.scene().addWidget(kiosk)
        # The scene gives touches only to items that accept them; without this every touch
        # would arrive as a mouse press, and the reading screen's swipes read touches.
        self._proxy.setAcceptTouchEvents(True)
        self.setTransform(QTransform().rotate(rotation))
        self.setWindowTitle(kiosk.windowTitle())
        kiosk.windowTitleChanged.connect(self.setWindowTitle)
        # Staff chose Exit kiosk: the window may close and leave full screen now.
        kiosk.exit_requested.connect(self.permit_close)

    def permit_close(self) -> None:
        """From now on the window may close and leave full-screen (staff are leaving)."""
        self.kiosk.permit_close()

    # Qt

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = turned_size(self.viewport().size(), self.rotation)
        self.kiosk.resize(size)
        # The turned scene fills the view exactly; the view centres it, so nothing scrolls.
        self.setSceneRect(QRectF(0, 0, size.width(), size.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._first_frame:
            self._first_frame = True
            # Once this paint is flushed to the screen: the kiosk's own signal, which the
            # controller and Read aloud wait for, is the one to say it.
            QTimer.singleShot(0, self._report_first_frame)

    @Slot()
    def _report_first_frame(self) -> None:
        self.kiosk.first_frame_shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The kiosk decides, as when it is the window itself: in kiosk mode it refuses until
        # staff leave, and closing it inside the view asks it.
        if not self.kiosk.close():
            event.ignore()
            return
        super().closeEvent(event)


class _Keeper(QObject):
    """Holds a parentless window for as long as its owner lives (see `keep_alive`)."""

    def __init__(self, window: QWidget, owner: QObject) -> None:
        super().__init__(owner)
        self.window = window
        window.destroyed.connect(self.deleteLater)


def keep_alive(window: QWidget, owner: QObject) -> None:
    """Keep `window` while `owner` lives. A parentless widget lives only as long as a Python
    reference to it; the view that turns the kiosk has no parent, and its caller may drop it."""
    _Keeper(window, owner)
