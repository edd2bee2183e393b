"""Time for everything that waits: one `Clock` that tells the time and wakes a callback later.

The idle watcher, the staff screen's time-out and the staff corner gesture ask a Clock instead
of calling `time.monotonic()` and starting QTimers of their own. The running kiosk uses
`QtClock` (monotonic time, QTimer wake-ups); tests hand in a clock they advance by hand, so a
90-second time-out is tested in no time and never by sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer


class Alarm(Protocol):
    """A wake-up that has been asked for; `cancel()` takes it back (harmless when done)."""

    def cancel(self) -> None: ...


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never jumps (not the wall clock)."""
        ...

    def call_later(self, seconds: float, callback: Callable[[], None]) -> Alarm:
        """Call `callback` once, `seconds` from now (on the GUI thread)."""
        ...


class _TimerAlarm:
    """One single-shot QTimer, removed once it has fired or been cancelled."""

    def __init__(self, parent: QObject, seconds: float, callback: Callable[[], None]) -> None:
        self._callback = callback
        self._timer: QTimer | None = QTimer(parent)
        self._timer.setSingleShot(True)
        # Countdowns show whole seconds: a coarse timer could show a number twice.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._fire)
        self._timer.start(max(1, round(seconds * 1000)))

    def _fire(self) -> None:
        self._release()
        self._callback()

    def cancel(self) -> None:
        self._release()

    def _release(self) -> None:
        # The timer may have gone already with the object that asked for the wake-up.
        if self._timer is not None and shiboken6.isValid(self._timer):
            self._timer.stop()
            self._timer.deleteLater()
        self._timer = None


class QtClock(QObject):
    """Monotonic time, and wake-ups from precise single-shot QTimers owned by this object."""

    def now(self) -> float:
        return time.monotonic()

    def call_later(self, seconds: float, callback: Callable[[], None]) -> Alarm:
        # A wake-up asked for by a Qt object (a bound method) belongs to that object: its
        # timer goes when the object does, and never calls into a deleted one.
        owner = getattr(callback, "__self__", None)
        return _TimerAlarm(owner if isinstance(owner, QObject) else self, seconds, callback)
