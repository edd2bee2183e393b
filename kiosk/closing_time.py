"""Following the opening hours as the day goes by: says when the clinic closes and opens.

It asks the wall clock (in the kiosk's time zone) at each opening or closing it expects, and
at least once a minute besides, so a machine that was suspended, or whose clock was set
(NTP at boot), is right again within a minute. The waiting itself is done by a kiosk.clock
Clock, so tests drive a whole week in no time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.clock import Alarm, Clock
from kiosk.opening_hours import OpeningHours, local_zone

log = logging.getLogger(__name__)

# The longest the kiosk goes without asking the wall clock again.
RECHECK_S = 60.0


def local_now() -> dt.datetime:
    return dt.datetime.now(local_zone())


class ClosingTime(QObject):
    """Whether the clinic is closed now, kept up to date; `closed_changed` says when that
    changes."""

    closed_changed = Signal(bool)

    def __init__(
        self,
        hours: OpeningHours,
        clock: Clock,
        wall: Callable[[], dt.datetime] = local_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hours = hours
        self._clock = clock
        self._wall = wall
        self._closed = False
        self._alarm: Alarm | None = None

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def hours(self) -> OpeningHours:
        return self._hours

    def opens_at(self) -> dt.datetime | None:
        """When the clinic next opens (None: it never closes, or never opens)."""
        return self._hours.next_opening(self._wall())

    def start(self) -> None:
        """Look at the clock now and keep looking. Nothing to do for a kiosk that never
        closes."""
        if self._hours.always_open:
            return
        self._check()

    def stop(self) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None

    def _check(self) -> None:
        self._alarm = None
        now = self._wall()
        closed = not self._hours.is_open(now)
        change = self._hours.next_change(now)
        wait = RECHECK_S
        if change is not None:
            wait = min(wait, max((change - now).total_seconds(), 0.0))
        # A moment after the change, never before it.
        self._alarm = self._clock.call_later(wait + 0.01, self._check)
        if closed != self._closed:
            self._closed = closed
            log.info(
                "The clinic is %s by the opening hours: the display is %s",
                "closed" if closed else "open",
                "turned off (off by schedule)" if closed else "on",
            )
            self.closed_changed.emit(closed)
