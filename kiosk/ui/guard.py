"""Lockdown and the hidden staff gesture, as one application-wide event filter.

In kiosk mode, keys that would close, leave full-screen or open something else are swallowed,
and no context menu ever opens. Five taps in the top-left corner within three seconds ask for
staff access; those taps do nothing else.
"""

from __future__ import annotations

import logging
import time
from collections import deque

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QInputDevice, QKeyEvent, QKeySequence, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.idle import SEQUENCE_ENDS

log = logging.getLogger(__name__)

CORNER_PX = 120  # at 1080p, scaled with the screen
CORNER_TAPS = 5
CORNER_SECONDS = 3.0

_ALWAYS_BLOCKED_KEYS = frozenset(
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_F11,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Menu,
        Qt.Key.Key_Close,
    }
)
_BLOCKED_WITH_CONTROL = frozenset({Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_N})
_BLOCKED_WITH_ALT = frozenset({Qt.Key.Key_F4, Qt.Key.Key_Left, Qt.Key.Key_Right})
_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
_POINTER = _PRESSES | {
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
}
_ENDS = SEQUENCE_ENDS - {QEvent.Type.KeyRelease}  # the end of a touch or a click


def _from_touch(event: QMouseEvent) -> bool:
    return event.pointingDevice().type() == QInputDevice.DeviceType.TouchScreen


def is_blocked_key(event: QKeyEvent) -> bool:
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    if key in _ALWAYS_BLOCKED_KEYS:
        return True
    if modifiers & Qt.KeyboardModifier.ControlModifier and key in _BLOCKED_WITH_CONTROL:
        return True
    return bool(modifiers & Qt.KeyboardModifier.AltModifier and key in _BLOCKED_WITH_ALT)


class KioskGuard(QObject):
    """Watches every event of the application on behalf of one kiosk window."""

    staff_gesture = Signal()  # five taps in the top-left corner within three seconds

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.lockdown = False
        self.gesture_enabled = True
        self.corner_px = CORNER_PX
        self._taps: deque[float] = deque(maxlen=CORNER_TAPS)
        self._swallowing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True  # never a menu: not by right-click, long-press or the menu key
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if self.lockdown and is_blocked_key(event):
                if kind == QEvent.Type.KeyPress:
                    name = QKeySequence(event.keyCombination()).toString()
                    log.info("Ignored a locked-down key: %s", name or event.key())
                return True
            return False
        if kind not in _POINTER:
            return False
        if self._swallowing:
            if kind in _ENDS:
                self._swallowing = False
            return True
        if kind in _PRESSES and self.gesture_enabled and self._window.isVisible():
            assert isinstance(event, (QMouseEvent, QTouchEvent))
            if self._in_corner(event):
                # A touch arrives once as a touch and may come again as a mouse press made
                # from it; count the touch only.
                if isinstance(event, QTouchEvent) or not _from_touch(event):
                    self._count_tap()
                self._swallowing = True
                return True
        return False

    def _in_corner(self, event: QMouseEvent | QTouchEvent) -> bool:
        if isinstance(event, QTouchEvent):
            points = event.points()
            if len(points) != 1:
                return False
            global_position = points[0].globalPosition().toPoint()
        else:
            global_position = event.globalPosition().toPoint()
        local = self._window.mapFromGlobal(global_position)
        return (
            0 <= local.x() < self.corner_px
            and 0 <= local.y() < self.corner_px
            and self._window.rect().contains(QPoint(local))
        )

    def _count_tap(self) -> None:
        now = time.monotonic()
        self._taps.append(now)
        if len(self._taps) == CORNER_TAPS and now - self._taps[0] <= CORNER_SECONDS:
            self._taps.clear()
            log.info("Staff corner gesture")
            self.staff_gesture.emit()
