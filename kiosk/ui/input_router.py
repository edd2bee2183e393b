"""Who gets each touch, click and key: one application-wide event filter with explicit modes.

Every input event of the application passes `InputRouter.eventFilter` first, and the order of
the decisions is the order of the code below:

1. A context menu never opens, in any mode (right-click, long press, the Menu key).
2. Every touch, click and key counts as activity: the idle and staff time-outs start again.
3. In kiosk mode (`lockdown`), keys that would close the window, leave full-screen or open
   something else are consumed, whatever the mode.
4. The rest is decided by the mode:

   ============  =============================================  ============================
   mode          a touch or click                               a key
   ============  =============================================  ============================
   READING       five taps in the top-left corner ask for       arrows, Page Up/Down, Space
                 staff access (those taps do nothing else);     and Home turn pages
                 anything else reaches the screens
   IDLE_WARNING  anywhere, corner included: keeps reading,      any key keeps reading and is
                 and the whole touch is consumed, so it never   consumed
                 presses what lies under the warning
   PIN_PAD       reaches the PIN pad                            digits, Backspace, Enter go
                                                                to the PIN pad; others do
                                                                nothing
   STAFF         reaches the staff screen                       nothing
   ============  =============================================  ============================

The mode is READING unless the idle warning is up or staff have the screen; the window sets
PIN_PAD and STAFF, the idle watcher's signals set and clear IDLE_WARNING.
"""

from __future__ import annotations

import logging
from collections import deque
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QInputDevice, QKeyEvent, QKeySequence, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk import navigation
from kiosk.clock import Clock
from kiosk.idle import IdleWatcher, InactivityTimer
from kiosk.navigation import Intent

log = logging.getLogger(__name__)

CORNER_TAPS = 5
CORNER_SECONDS = 3.0


class Mode(Enum):
    """What the screen is doing, as far as input is concerned."""

    READING = "reading"  # a patient uses the kiosk (start, reading and end screens)
    IDLE_WARNING = "idle warning"  # "Still reading?" counts down
    PIN_PAD = "PIN pad"  # staff are entering the PIN, or reading why they cannot
    STAFF = "staff"  # the staff screen


KEY_INTENTS = {
    Qt.Key.Key_Right: navigation.NEXT,
    Qt.Key.Key_PageDown: navigation.NEXT,
    Qt.Key.Key_Space: navigation.NEXT,
    Qt.Key.Key_Left: navigation.BACK,
    Qt.Key.Key_PageUp: navigation.BACK,
    Qt.Key.Key_Home: navigation.HOME,
}
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

_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})
_PRESSES = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin}
)
_POINTER = _PRESSES | {
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
}
# The end of a touch or a click: what a consumed press may still send until then.
_POINTER_ENDS = frozenset(
    {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
)
# What a person does, as opposed to a pointer merely moving.
_ACTIVITY = (_PRESSES | _POINTER_ENDS | _KEYS | {QEvent.Type.Wheel, QEvent.Type.TouchUpdate}) - {
    QEvent.Type.ShortcutOverride
}

_INPUT = _KEYS | _POINTER | {QEvent.Type.Wheel, QEvent.Type.ContextMenu}


def is_blocked_key(event: QKeyEvent) -> bool:
    """A key that would close the kiosk, leave full-screen or open something else."""
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    if key in _ALWAYS_BLOCKED_KEYS:
        return True
    if modifiers & Qt.KeyboardModifier.ControlModifier and key in _BLOCKED_WITH_CONTROL:
        return True
    return bool(modifiers & Qt.KeyboardModifier.AltModifier and key in _BLOCKED_WITH_ALT)


def _from_touch(event: QMouseEvent) -> bool:
    return event.pointingDevice().type() == QInputDevice.DeviceType.TouchScreen


class InputRouter(QObject):
    """The kiosk window's one application-wide event filter (see the module's table)."""

    mode_changed = Signal(object)  # the new Mode
    staff_gesture = Signal()  # five taps in the top-left corner within three seconds
    navigation_requested = Signal(object)  # an Intent from a key
    key_for_pin_pad = Signal(object)  # a QKeyEvent for the PIN pad

    def __init__(
        self,
        window: QWidget,
        idle: IdleWatcher,
        staff_timer: InactivityTimer,
        clock: Clock,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._idle = idle
        self._staff_timer = staff_timer
        self._clock = clock
        self._mode = Mode.READING
        self.lockdown = False
        self.corner_px = 1
        self._taps: deque[float] = deque(maxlen=CORNER_TAPS)
        self._swallowing = False
        idle.warning_started.connect(self._on_warning_started)
        idle.warning_cancelled.connect(self._on_warning_over)
        idle.expired.connect(self._on_warning_over)

    @property
    def mode(self) -> Mode:
        return self._mode

    def set_mode(self, mode: Mode) -> None:
        if mode is not self._mode:
            log.debug("Input mode: %s", mode.value)
            self._mode = mode
            self._taps.clear()
            self.mode_changed.emit(mode)

    @Slot()
    def _on_warning_started(self) -> None:
        if self._mode is Mode.READING:
            self.set_mode(Mode.IDLE_WARNING)

    @Slot()
    def _on_warning_over(self) -> None:
        if self._mode is Mode.IDLE_WARNING:
            self.set_mode(Mode.READING)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # Most events are not input (paints, timers): they pass without another look.
        if kind not in _INPUT or not self._window.isVisible():
            return False  # a closed kiosk window decides nothing for anyone
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in _ACTIVITY:
            self._idle.note_activity()
            self._staff_timer.note_activity()
        if kind in _KEYS:
            assert isinstance(event, QKeyEvent)
            return self._route_key(event)
        if kind in _POINTER or kind == QEvent.Type.Wheel:
            return self._route_pointer(event)
        return False

    def _route_key(self, event: QKeyEvent) -> bool:
        if self.lockdown and is_blocked_key(event):
            if event.type() == QEvent.Type.KeyPress:
                name = QKeySequence(event.keyCombination()).toString()
                log.debug("Ignored a locked-down key: %s", name or event.key())
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        if self._mode is Mode.IDLE_WARNING:
            self._idle.keep_reading()
            return True
        if self._mode is Mode.PIN_PAD:
            self.key_for_pin_pad.emit(event)
            return True
        if self._mode is Mode.STAFF:
            return True
        intent: Intent | None = KEY_INTENTS.get(Qt.Key(event.key()))
        if intent is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        self.navigation_requested.emit(intent)
        return True

    def _route_pointer(self, event: QEvent) -> bool:
        kind = event.type()
        if self._swallowing:
            if kind in _POINTER_ENDS:
                self._swallowing = False
            return kind != QEvent.Type.Wheel
        if kind not in _PRESSES and kind != QEvent.Type.Wheel:
            return False
        if self._mode is Mode.IDLE_WARNING:
            self._idle.keep_reading()
            # The rest of this touch belongs to the warning too (a wheel turn has no rest).
            self._swallowing = kind != QEvent.Type.Wheel
            return True
        if self._mode is Mode.READING and kind != QEvent.Type.Wheel:
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
        # For a window turned inside a graphics view (kiosk.ui.rotation), Qt maps through the
        # view's transform too: the corner is the top-left the patient sees, whichever way the
        # panel is mounted (tests/test_rotation.py holds Qt to that).
        local = self._window.mapFromGlobal(global_position)
        return (
            0 <= local.x() < self.corner_px
            and 0 <= local.y() < self.corner_px
            and self._window.rect().contains(QPoint(local))
        )

    def _count_tap(self) -> None:
        now = self._clock.now()
        self._taps.append(now)
        if len(self._taps) == CORNER_TAPS and now - self._taps[0] <= CORNER_SECONDS:
            self._taps.clear()
            log.info("Staff corner gesture")
            self.staff_gesture.emit()
