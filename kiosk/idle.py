"""Noticing that nobody is reading any more: warn first, then hand the screen back.

The input router tells the watcher about every touch, click and key (`note_activity`), and
about a touch that answers the warning (`keep_reading`). The session arms it for the screen
shown (`arm`): after `quiet_s` seconds without input it either starts a warning that counts
down `warning_s` seconds, or (`warn=False`) says at once that the quiet spell ran out; either
way it ends with `expired`. While Read aloud speaks the watcher is held (`hold`): no quiet
spell runs, and a new one starts when the speaking stops. Disarmed, it has no wake-up pending
at all.

Time comes from an injected Clock, so tests run on a clock they advance by hand. A busy finger
costs nothing: input only records the time, and the one pending wake-up checks, when it comes,
whether the quiet spell really lasted.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.clock import Alarm, Clock

log = logging.getLogger(__name__)

# Wake-ups may come a few milliseconds early; that must not show the old number again.
_TIMER_SLACK_S = 0.02


class IdleWatcher(QObject):
    """Armed on screens that should time out; it tells when to warn and when to give up."""

    warning_started = Signal(int)  # the warning appears, with whole seconds left
    countdown_changed = Signal(int)  # whole seconds left, once a second during the warning
    warning_cancelled = Signal()  # the warning went away without running out (a touch, most)
    expired = Signal()  # the quiet spell (and its warning, if any) ran out: start afresh

    def __init__(self, warning_s: float, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._warning_s = warning_s
        self._clock = clock
        self._quiet_s = 0.0
        self._warns = True
        self._armed = False
        self._held = False
        self._warning = False
        self._last_input = clock.now()
        self._deadline = 0.0
        self._alarm: Alarm | None = None

    @property
    def armed(self) -> bool:
        return self._armed

    @property
    def warning(self) -> bool:
        return self._warning

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._deadline - self._clock.now() - _TIMER_SLACK_S))

    def arm(self, quiet_s: float, *, warn: bool = True) -> None:
        """Time out after `quiet_s` seconds without input, with the warning first (`warn`) or
        without. Armed already, the quiet spell keeps counting from the last input; a warning
        on screen runs on if this one warns too."""
        if self._armed and (quiet_s, warn) == (self._quiet_s, self._warns):
            return
        if not self._armed:
            self._armed = True
            self._last_input = self._clock.now()
        self._quiet_s = quiet_s
        self._warns = warn
        if self._warning:
            if warn:
                return
            self._end_warning()
        self._wait_for_quiet()

    def disarm(self) -> None:
        """Nothing times out: no wake-up stays pending, and a warning on screen goes away."""
        self._armed = False
        self._cancel_alarm()
        if self._warning:
            self._end_warning()

    def hold(self, held: bool) -> None:
        """While held (Read aloud speaks) no quiet spell runs; let go, one starts afresh."""
        if held == self._held:
            return
        self._held = held
        if held:
            self._cancel_alarm()
            if self._warning:
                self._end_warning()
        else:
            self._last_input = self._clock.now()
            self._wait_for_quiet()

    def note_activity(self) -> None:
        """Someone touched, clicked or typed: the quiet spell starts again."""
        self._last_input = self._clock.now()

    def keep_reading(self) -> None:
        """A touch during the warning: the patient is still there."""
        if not self._warning:
            return
        self._last_input = self._clock.now()
        log.debug("Idle warning dismissed")
        self._end_warning()
        self._wait_for_quiet()

    def _end_warning(self) -> None:
        self._warning = False
        self._cancel_alarm()
        self.warning_cancelled.emit()

    def _wait_for_quiet(self) -> None:
        """One wake-up when the quiet spell would end, counted from the last input."""
        if not self._armed or self._held or self._warning:
            self._cancel_alarm()
            return
        remaining = self._last_input + self._quiet_s - self._clock.now()
        self._wake_in(max(remaining, 0.0), self._check_quiet)

    def _check_quiet(self) -> None:
        self._alarm = None
        if not self._armed or self._held or self._warning:
            return
        quiet_for = self._clock.now() - self._last_input
        if quiet_for < self._quiet_s - _TIMER_SLACK_S:
            self._wake_in(self._quiet_s - quiet_for, self._check_quiet)
            return
        if not self._warns:
            self._armed = False
            log.debug("No input for %g s: starting afresh", self._quiet_s)
            self.expired.emit()
            return
        self._warning = True
        self._deadline = self._clock.now() + self._warning_s
        log.debug("No input for %g s: showing the idle warning", self._quiet_s)
        self.warning_started.emit(self.seconds_left())
        self._schedule_tick()

    def _schedule_tick(self) -> None:
        remaining = self._deadline - self._clock.now()
        # Wake on the next whole second, so the number on screen changes on time.
        until_next = remaining - math.floor(remaining - _TIMER_SLACK_S) if remaining > 0 else 0.0
        self._wake_in(until_next, self._tick)

    def _tick(self) -> None:
        self._alarm = None
        if not self._warning:
            return
        if self._clock.now() >= self._deadline - _TIMER_SLACK_S:
            self._warning = False
            self._armed = False
            log.debug("Idle warning ran out: returning to the start screen")
            self.expired.emit()
            return
        self.countdown_changed.emit(self.seconds_left())
        self._schedule_tick()

    def _wake_in(self, seconds: float, callback: Callable[[], None]) -> None:
        self._cancel_alarm()
        self._alarm = self._clock.call_later(seconds, callback)

    def _cancel_alarm(self) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None


class InactivityTimer(QObject):
    """Fires once after `seconds` without any input while started: staff screens use it to hand
    the screen back to patients when staff walk away."""

    timed_out = Signal()

    def __init__(self, seconds: float, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seconds = seconds
        self._clock = clock
        self._last_input = 0.0
        self._alarm: Alarm | None = None

    @property
    def running(self) -> bool:
        return self._alarm is not None

    def start(self) -> None:
        self.stop()
        self._last_input = self._clock.now()
        self._alarm = self._clock.call_later(self._seconds, self._check)

    def stop(self) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None

    def note_activity(self) -> None:
        self._last_input = self._clock.now()

    def _check(self) -> None:
        quiet_for = self._clock.now() - self._last_input
        if quiet_for < self._seconds - _TIMER_SLACK_S:
            self._alarm = self._clock.call_later(self._seconds - quiet_for, self._check)
            return
        self._alarm = None
        self.timed_out.emit()
