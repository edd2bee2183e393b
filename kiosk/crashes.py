"""The record of recent crashes, on disk and without Qt, so that a crash loop can be seen
across restarts: after too many, the controller shows "being updated" instead of the start.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

# Wall-clock seconds (time.time): the record outlives the process, which a monotonic clock
# does not.
Clock = Callable[[], float]


class CrashRecord:
    """When the kiosk crashed lately, on disk, so that a crash loop can be seen across restarts.

    A run leaves a marker file while it runs and removes it on a clean exit; a marker found at
    start-up means the last run died, and counts as a crash.
    """

    WINDOW_SECONDS = 60.0
    LIMIT = 3

    def __init__(self, folder: Path, clock: Clock = time.time) -> None:
        self._file = folder / "crashes.json"
        self._marker = folder / "running"
        self._clock = clock

    def _times(self) -> list[float]:
        try:
            return [float(t) for t in json.loads(self._file.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError, RecursionError):  # the last: JSON nested deep
            return []

    def record(self) -> None:
        now = self._clock()
        recent = [t for t in self._times() if self._is_recent(t, now)] + [now]
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            self._file.write_text(json.dumps(recent), encoding="utf-8")
        except OSError as error:
            log.error("Could not save the crash record to %s: %s", self._file, error)

    def recent(self) -> int:
        now = self._clock()
        return sum(1 for t in self._times() if self._is_recent(t, now))

    def _is_recent(self, moment: float, now: float) -> bool:
        # A crash dated after now is stale, not recent: the wall clock was set back since (or
        # the file is damaged), and counting it would keep "being updated" on the screen
        # until the clock caught up. NaN compares false either way, so it is stale too.
        return 0 <= now - moment <= self.WINDOW_SECONDS

    def too_many(self) -> bool:
        return self.recent() >= self.LIMIT

    def started(self) -> None:
        """Call at start-up: counts an unclean end of the last run, then marks this one."""
        if self._marker.exists():
            log.warning("The last run of the kiosk did not end cleanly")
            self.record()
        try:
            self._marker.parent.mkdir(parents=True, exist_ok=True)
            self._marker.write_text(str(os.getpid()), encoding="utf-8")
        except OSError as error:
            log.error("Could not write %s: %s", self._marker, error)

    def stopped_cleanly(self) -> None:
        self._marker.unlink(missing_ok=True)
