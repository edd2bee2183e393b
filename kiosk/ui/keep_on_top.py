"""Keeping the full-screen kiosk full-screen, shown and in front, whatever the desktop does.

A keyboard left plugged in under a window manager can minimise the kiosk (Super+D, Alt+Space →
Iconify), switch to another desktop (Ctrl+Alt+→, which hides it) or raise another window over
it. The guard watches the top-level window on the screen (the kiosk window, or the view that
shows it turned) and puts it back at once: full-screen, shown, raised and active. Restores are
spaced out a little, so a compositor that keeps answering "full-screen" with "maximised" cannot
make the two argue in a tight loop. Staff leaving through Exit kiosk turn the guard off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# At most a few restores a second: quick enough that nobody sees the desktop for long.
RESTORE_DELAY_MS = 150


class KeepOnTop(QObject):
    """Puts `window` back full-screen and in front whenever something else moves it, until
    `may_leave()` says staff are leaving."""

    def __init__(self, window: QWidget, may_leave: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._may_leave = may_leave
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.setInterval(RESTORE_DELAY_MS)
        self._restore_timer.timeout.connect(self._restore)
        self._reason = ""
        window.installEventFilter(self)
        # A desktop switch on X11 unmaps the window without telling the widget: only the
        # platform window learns that it is no longer exposed.
        self._surface = window.windowHandle()
        if self._surface is not None:
            self._surface.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._may_leave():
            return False
        kind = event.type()
        window = self._window
        if watched is self._surface and watched is not None:
            unmapped = kind == QEvent.Type.Expose and not self._surface.isExposed()
            if unmapped and window.isVisible() and not window.isMinimized():
                self._schedule("something hid the kiosk (another desktop?)")
            return False
        if watched is not window:
            return False
        if kind == QEvent.Type.WindowStateChange and not window.isFullScreen():
            self._schedule("something took the kiosk out of full screen")
        elif kind == QEvent.Type.WindowStateChange and window.isMinimized():
            self._schedule("something minimised the kiosk")
        elif kind == QEvent.Type.Hide and event.spontaneous():
            self._schedule("something hid the kiosk (another desktop?)")
        elif (
            kind == QEvent.Type.WindowDeactivate
            and window.isVisible()
            and QGuiApplication.platformName() == "xcb"
        ):
            self._schedule("another window came in front of the kiosk")
        return False

    def _schedule(self, reason: str) -> None:
        self._reason = reason
        if not self._restore_timer.isActive():
            self._restore_timer.start()

    @Slot()
    def _restore(self) -> None:
        if self._may_leave():
            return
        log.info("Back in front: %s", self._reason)
        window = self._window
        if self._surface is not None and not self._surface.isExposed():
            # Mapped again, it appears on the desktop that is showing now.
            window.hide()
        state = window.windowState() & ~Qt.WindowState.WindowMinimized
        window.setWindowState(state | Qt.WindowState.WindowFullScreen)
        window.showFullScreen()
        # Only on X11 may a window put itself in front; Wayland compositors decide that.
        if QGuiApplication.platformName() == "xcb":
            window.raise_()
            window.activateWindow()
