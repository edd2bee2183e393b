"""Checking a staff PIN off the GUI thread.

A check is scrypt (kiosk.staff.verify_pin): 40 ms for the hash 'kiosk set-pin' writes, up to
about 0.35 s for the dearest hash accepted, longer on a slow box. The window must keep
painting and routing input meanwhile, so the check (and the count of wrong tries that goes
with it) runs in a thread of its own; hashlib.scrypt lets go of the GIL while it works. The
outcome comes back as a signal on the thread this object lives in.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.staff import Attempt, StaffLock

log = logging.getLogger(__name__)


class PinChecker(QObject):
    """One PIN check at a time, in a worker thread; `checked` says how it went."""

    checked = Signal(object)  # the Attempt, on this object's (the GUI) thread
    _done = Signal(object)  # from the worker thread: the Attempt, or the exception it raised

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        # Queued: the worker thread only posts the outcome; the GUI thread handles it.
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._busy

    def check(self, lock: StaffLock, pin: str, stored_hash: str) -> bool:
        """Start checking `pin`; False (and nothing starts) while a check is under way."""
        if self._busy:
            return False
        self._busy = True
        # A daemon thread: a check never holds up the kiosk's exit.
        threading.Thread(
            target=self._run, args=(lock, pin, stored_hash), name="pin-check", daemon=True
        ).start()
        return True

    def _run(self, lock: StaffLock, pin: str, stored_hash: str) -> None:
        outcome: Attempt | Exception
        try:
            outcome = lock.attempt(pin, stored_hash)
        except Exception as error:  # handed to the GUI thread, which raises it there
            outcome = error
        try:
            self._done.emit(outcome)
        except RuntimeError:  # this object was deleted meanwhile (the window closed)
            log.debug("A PIN check ended after its window closed")

    @Slot(object)
    def _deliver(self, outcome: Attempt | Exception) -> None:
        self._busy = False
        if isinstance(outcome, Exception):
            # Raised where the controller's exception hook sees it and counts it, as any
            # other error on the GUI thread.
            raise outcome
        self.checked.emit(outcome)
