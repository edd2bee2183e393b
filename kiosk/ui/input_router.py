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
                 anything else reaches the screens, but a
                 touch that must not count as a tap (below)
                 is undone before it is let go
   IDLE_WARNING  anywhere, corner included: keeps reading,      any key keeps reading and is
                 and the whole touch is consumed, so it never   consumed
                 presses what lies under the warning
   PIN_PAD       reaches the PIN pad                            digits, Backspace, Enter go
                                                                to the PIN pad; others do
                                                                nothing
   STAFF         reaches the staff screen                       nothing
   CLEANING      reaches the cleaning screen (`cover`) and      nothing
                 nothing else: it ignores all but a still
                 hold on its countdown
   CLOSED        five taps in the top-left corner ask for       nothing
                 staff access (those taps do nothing else);
                 anything else reaches the closed screen
                 (`cover`), which swallows it and says when
                 the clinic opens
   ============  =============================================  ============================

The mode is READING unless the idle warning is up, staff have the screen or clean it, or the
clinic is closed; the window sets PIN_PAD, STAFF, CLEANING and CLOSED (with the screen that
covers the window in the last two), the idle watcher's signals set and clear IDLE_WARNING.

Forgiving touch, for shaky and slow hands (READING only: staff type PINs like "1123" and hold
the staff screen's hold buttons). The router follows each finger from landing to lifting on a
control: a button, or one half of a widget that reads touches itself (the page: each half holds
one edge tap zone). A finger that lifts without having moved is a tap, and it is undone, so
that letting go does nothing, when

- it landed on the control tapped last, or inside the place that control had (a bounce lands
  where the finger was, whatever the screen shows there now), within `repeat_tap_ms` of the
  last tap lifting (an undone bounce counts as the last tap, so a burst of them is one tap); or
- it was held down for LONG_PRESS_S or longer.

A button is undone by letting it up before the release reaches it, a widget that reads touches
by telling it the touch was cancelled: Qt's own ways, so the widget itself needs nothing. Swipes
are never undone. Only touches count: a mouse button does not bounce, and staff trying the kiosk
with a mouse click as fast as they like. Time comes from the injected clock.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QInputDevice, QKeyEvent, QKeySequence, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk import navigation
from kiosk.clock import Clock
from kiosk.config import Settings
from kiosk.idle import IdleWatcher, InactivityTimer
from kiosk.navigation import Intent

log = logging.getLogger(__name__)

CORNER_TAPS = 5
CORNER_SECONDS = 3.0
# A touch held down this long without moving is no tap: letting go does nothing (a hand that
# rests on the glass, a finger that stays while its owner thinks better of it).
LONG_PRESS_S = 1.0
# Until the window says how far the page lets a finger wander and still calls it a tap
# (`tap_slop_px`, from kiosk.theme.tap_slop), a finger on it that stays within this share of
# its width has not moved: on ordinary panels more than the page's tap slop and half the way
# to a swipe that turns it (kiosk.theme.swipe_distance), so what is undone as a tap is a tap,
# or a drag that would only have snapped back.
STILL_SHARE = 0.04


class Mode(Enum):
    """What the screen is doing, as far as input is concerned."""

    READING = "reading"  # a patient uses the kiosk (start, reading and end screens)
    IDLE_WARNING = "idle warning"  # "Still reading?" counts down
    PIN_PAD = "PIN pad"  # staff are entering the PIN, or reading why they cannot
    STAFF = "staff"  # the staff screen
    CLEANING = "cleaning"  # staff wipe the screen: every touch is ignored for a while
    CLOSED = "closed"  # outside the opening hours: a black screen, staff access still works


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
# A widget gets a second quick press as a double click instead.
_LANDINGS = _PRESSES
_MOVES = frozenset({QEvent.Type.MouseMove, QEvent.Type.TouchUpdate})
_LIFTS = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd})


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


def _one_point(event: QEvent) -> QPointF | None:
    """Where one finger, or the mouse's left button, is in the receiving widget; None for two
    fingers or more, or another mouse button."""
    if isinstance(event, QTouchEvent):
        points = event.points()
        return points[0].position() if len(points) == 1 else None
    buttons = (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    if isinstance(event, QMouseEvent) and event.button() in buttons:
        return event.position()
    return None


@dataclass
class _Control:
    """What a finger landed on: a button, or one half of a widget that reads touches itself."""

    widget: QWidget
    side: int  # 0 for a button; -1 the left half of the widget, +1 the right half
    area: QRect  # where it was when the finger landed, in the window's coordinates


@dataclass
class _Touch:
    """One finger on a control, from landing to lifting."""

    control: _Control
    landed: float  # clock time
    origin: QPointF  # where it landed, in the widget
    repeat: bool  # on the control tapped last (or where it was), soon after that tap
    moved: bool = False


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
        # The screen that covers the window in CLEANING and CLOSED, and gets their touches.
        self.cover: QWidget | None = None
        self.lockdown = False
        self.corner_px = 1
        self._taps: deque[float] = deque(maxlen=CORNER_TAPS)
        self._swallowing = False
        # Forgiving touch (see the module's docstring). The window sets these two, as it
        # sets corner_px; tap_slop_px 0 means STILL_SHARE of the page's width.
        self.repeat_tap_ms: int = Settings().repeat_tap_ms
        self.tap_slop_px = 0.0
        self._touching = False  # a finger is on the screen (as the window first hears of it)
        self._touch: _Touch | None = None
        self._last_tap: tuple[_Control, float] | None = None
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
            self._touch = None
            self._last_tap = None
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
            return self._route_pointer(watched, event)
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
        if self._mode in (Mode.STAFF, Mode.CLEANING, Mode.CLOSED):
            return True
        intent: Intent | None = KEY_INTENTS.get(Qt.Key(event.key()))
        if intent is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        self.navigation_requested.emit(intent)
        return True

    def _route_pointer(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self._touching = True
        elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._touching = False
        if self._swallowing:
            if kind in _POINTER_ENDS:
                self._swallowing = False
            return kind != QEvent.Type.Wheel
        if self._mode in (Mode.CLEANING, Mode.CLOSED) and not self._for_cover(watched):
            return True
        if kind == QEvent.Type.Wheel or kind in _PRESSES:
            if self._mode is Mode.IDLE_WARNING:
                self._idle.keep_reading()
                # The rest of this touch belongs to the warning too (a wheel turn has no rest).
                self._swallowing = kind != QEvent.Type.Wheel
                return True
            corner_counts = self._mode in (Mode.READING, Mode.CLOSED)
            if corner_counts and kind != QEvent.Type.Wheel:
                assert isinstance(event, (QMouseEvent, QTouchEvent))
                if self._in_corner(event):
                    # A touch arrives once as a touch and may come again as a mouse press made
                    # from it; count the touch only.
                    if isinstance(event, QTouchEvent) or not _from_touch(event):
                        self._count_tap()
                    self._swallowing = True
                    return True
        if self._mode is Mode.READING and isinstance(watched, QWidget):
            self._follow_finger(watched, event)
        return False

    def _for_cover(self, watched: QObject) -> bool:
        """Whether a pointer event on its way to `watched` may go on to the screen that covers
        the window (CLEANING, CLOSED): it goes through the window's own QWindow (or the view
        that turns it) first, then to that screen; to no other widget."""
        if not isinstance(watched, QWidget):
            return True
        cover = self.cover
        if cover is None:
            return False
        if watched is cover or cover.isAncestorOf(watched):
            return True
        # The window itself, or the view that turns it: it hands the event to the cover.
        return watched is self._window or not self._window.isAncestorOf(watched)

    # Forgiving touch

    def _follow_finger(self, widget: QWidget, event: QEvent) -> None:
        """Follow a finger on a control from landing to lifting, and undo a tap that must
        not count before the control sees it lift."""
        kind = event.type()
        touch = self._touch
        if kind == QEvent.Type.TouchCancel:
            if touch is not None and touch.control.widget is widget:
                self._touch = None
            return
        where = _one_point(event)
        if kind in _LANDINGS:
            # A mouse press made from a touch may say it comes from a mouse (a graphics view
            # that turns the kiosk makes its own), but the window heard the finger first.
            finger = self._touching or isinstance(event, QTouchEvent)
            finger |= isinstance(event, QMouseEvent) and _from_touch(event)
            self._touch = self._land(widget, where) if finger and where is not None else None
            return
        if touch is None or touch.control.widget is not widget:
            return
        if where is None:
            if isinstance(event, QTouchEvent):
                touch.moved = True  # a second finger: no tap any more
        elif kind in _MOVES and touch.control.side:
            # Measured as the page measures it (kiosk.swipe): the larger of across and down.
            shift = where - touch.origin
            slop = self.tap_slop_px or STILL_SHARE * widget.width()
            touch.moved |= max(abs(shift.x()), abs(shift.y())) > slop
        elif kind in _LIFTS:
            self._lift(touch, event)

    def _land(self, widget: QWidget, where: QPointF) -> _Touch | None:
        control = self._control(widget, where)
        if control is None:
            return None
        now = self._clock.now()
        last = self._last_tap
        repeat = False
        if last is not None and now - last[1] < self.repeat_tap_ms / 1000:
            tapped = last[0]
            same = tapped.widget is widget and tapped.side == control.side
            point = widget.mapTo(self._window, where.toPoint())
            repeat = same or tapped.area.contains(point)
        return _Touch(control, now, where, repeat)

    def _control(self, widget: QWidget, where: QPointF) -> _Control | None:
        """The control a finger landed on, or None where a tap does nothing anyway."""
        if not self._window.isAncestorOf(widget):
            return None  # the view that turns the kiosk, say: its widgets come next
        if isinstance(widget, QAbstractButton):
            return _Control(widget, 0, self._in_window(widget, widget.rect()))
        if widget.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents):
            half = widget.width() // 2
            if where.x() < half:
                return _Control(
                    widget, -1, self._in_window(widget, QRect(0, 0, half, widget.height()))
                )
            right = QRect(half, 0, widget.width() - half, widget.height())
            return _Control(widget, 1, self._in_window(widget, right))
        return None

    def _in_window(self, widget: QWidget, rect: QRect) -> QRect:
        return QRect(widget.mapTo(self._window, rect.topLeft()), rect.size())

    def _lift(self, touch: _Touch, event: QEvent) -> None:
        self._touch = None
        now = self._clock.now()
        held_long = now - touch.landed >= LONG_PRESS_S
        if not touch.moved and (touch.repeat or held_long):
            log.debug("Ignored a %s", "long press" if held_long else "repeated tap")
            self._undo(touch.control.widget, event)
        # An undone bounce counts as the last tap too: a burst of them is one tap.
        self._last_tap = (touch.control, now) if not touch.moved and not held_long else None

    @staticmethod
    def _undo(widget: QWidget, event: QEvent) -> None:
        """Make the lift that comes next do nothing."""
        if isinstance(widget, QAbstractButton):
            # A button that is not down when it is let go does not click.
            widget.setDown(False)
            return
        # A widget that reads touches itself (the page) is told the touch was cancelled, as
        # the system tells it when a touch is taken away; it was ready for that already.
        assert isinstance(event, (QMouseEvent, QTouchEvent))
        cancel = QTouchEvent(QEvent.Type.TouchCancel, event.pointingDevice())
        QCoreApplication.sendEvent(widget, cancel)

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
