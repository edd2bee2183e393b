"""Noticing that nobody is reading any more: warn first, then hand the screen back.

One QObject watches every input event of the application (an event filter on the
QApplication). While armed, `idle_timeout` seconds without input start a warning that counts
down `idle_warning` seconds; input during the warning cancels it and is swallowed, so the touch
that says "still reading" does not also press what lies beneath. Timers are single-shot and
re-armed from the time of the last input, so a busy finger costs no timer restarts.
"""

from __future__ import annotations

import logging
import math
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot

log = logging.getLogger(__name__)

_TIMER_SLACK_S = 0.02

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
    }
)
# Everything a swallowed touch can still send after the press that cancelled the warning.
INPUT_EVENTS = ACTIVITY_EVENTS | {QEvent.Type.MouseMove, QEvent.Type.TouchCancel}
SEQUENCE_ENDS = frozenset(
    {
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.KeyRelease,
    }
)
BEGINNINGS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Arm it on screens that should time out; it tells when to warn and when to give up."""

    warning_started = Signal(int)  # the warning appears, with whole seconds left
    countdown_changed = Signal(int)  # whole seconds left, once a second during the warning
    warning_cancelled = Signal()  # the patient touched the screen during the warning
    expired = Signal()  # the warning ran out: go back to the start

    def __init__(self, timeout_s: float, warning_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_s = timeout_s
        self._warning_s = warning_s
        self._armed = False
        self._warning = False
        self._swallowing = False
        self._last_input = time.monotonic()
        self._deadline = 0.0
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle_timer)
        self._tick_timer = QTimer(self)
        self._tick_timer.setSingleShot(True)
        self._tick_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick_timer.timeout.connect(self._on_tick)

    @property
    def armed(self) -> bool:
        return self._armed

    @property
    def warning(self) -> bool:
        return self._warning

    def seconds_left(self) -> int:
        # Timers may wake a few milliseconds early; that must not show the old number again.
        return max(0, math.ceil(self._deadline - time.monotonic() - _TIMER_SLACK_S))

    def set_armed(self, armed: bool) -> None:
        """Arm on reading and end screens; disarm on the start screen, which never times out."""
        if armed == self._armed:
            return
        self._armed = armed
        self._end_warning()
        if armed:
            self._last_input = time.monotonic()
            self._idle_timer.start(self._ms(self._timeout_s))
        else:
            self._idle_timer.stop()

    def run_out(self) -> None:
        """Expire now, as if the timeout and the whole warning had passed untouched (for the
        benchmarks and the monkey test, which cannot wait minutes)."""
        if not self._armed:
            return
        self._last_input = time.monotonic() - self._timeout_s
        self._on_idle_timer()
        self._deadline = time.monotonic()
        self._on_tick()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in INPUT_EVENTS:
            return False
        if self._swallowing:
            if kind in SEQUENCE_ENDS:
                self._swallowing = False
            return True
        if kind not in ACTIVITY_EVENTS:
            return False
        self._last_input = time.monotonic()
        if self._warning and kind in BEGINNINGS:
            self._cancel_warning()
            self._swallowing = kind != QEvent.Type.Wheel
            return True
        return False

    def _cancel_warning(self) -> None:
        self._end_warning()
        log.info("Idle warning dismissed by a touch")
        self.warning_cancelled.emit()
        if self._armed:
            self._idle_timer.start(self._ms(self._timeout_s))

    def _end_warning(self) -> None:
        self._warning = False
        self._tick_timer.stop()

    @Slot()
    def _on_idle_timer(self) -> None:
        if not self._armed or self._warning:
            return
        quiet_for = time.monotonic() - self._last_input
        if quiet_for < self._timeout_s:
            self._idle_timer.start(self._ms(self._timeout_s - quiet_for))
            return
        self._warning = True
        self._deadline = time.monotonic() + self._warning_s
        log.info("No input for %g s: showing the idle warning", self._timeout_s)
        self.warning_started.emit(self.seconds_left())
        self._schedule_tick()

    def _schedule_tick(self) -> None:
        remaining = self._deadline - time.monotonic()
        # Wake on the next whole second, so the number on screen changes on time.
        until_next = remaining - math.floor(remaining - _TIMER_SLACK_S) if remaining > 0 else 0.0
        self._tick_timer.start(self._ms(until_next))

    @Slot()
    def _on_tick(self) -> None:
        if not self._warning:
            return
        if time.monotonic() >= self._deadline - _TIMER_SLACK_S:
            self._end_warning()
            self._armed = False
            log.info("Idle warning ran out: returning to the start screen")
            self.expired.emit()
            return
        self.countdown_changed.emit(self.seconds_left())
        self._schedule_tick()

    @staticmethod
    def _ms(seconds: float) -> int:
        return max(1, round(seconds * 1000))


class InactivityTimer(QObject):
    """Fires once after `seconds` without any input while started: staff screens use it to hand
    the screen back to patients when staff walk away."""

    timed_out = Signal()

    def __init__(self, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round(seconds * 1000)))
        self._timer.timeout.connect(self.timed_out)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._timer.isActive() and event.type() in ACTIVITY_EVENTS:
            self._timer.start()
        return False
