"""The kiosk process's life around its window: one kiosk per screen, waiting for the display,
stop signals that run the normal shutdown, and native crashes written down.

Stop signals (SIGTERM from `systemctl stop`, SIGINT from Ctrl+C, SIGHUP) are handled where the
event loop can see them, as qutebrowser's crashsignal.py does: Python runs a signal handler only
between bytecodes, and while Qt's event loop waits in C++ no bytecode runs, so an idle screen
would never notice a SIGTERM. The signal also writes a byte to a socket pair
(`signal.set_wakeup_fd`); a QSocketNotifier on the other end wakes the loop and calls into
Python, which runs the handler, which asks the application to quit. The controller's
aboutToQuit slot does the clean part (STOPPING=1, the "running" marker removed), so a stop is
never counted as a crash. Before Qt exists, while waiting for the display, the same socket is
waited on with select(), so a stop ends the wait at once.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import os
import select
import signal
import socket
import sys
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO

from PySide6.QtCore import QCoreApplication, QLockFile, QSocketNotifier, QTimer, Slot

from kiosk import display, systemd

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
LOCK_FILE_NAME = "kiosk.lock"
CRASH_FILE_NAME = "crash.log"
CRASH_FILE_MAX_BYTES = 1_000_000
# A second kiosk exits with "a problem, said in words". Under systemd (Restart=always) it is
# tried again every RestartSec: one journal line each time, and the service takes the screen
# within seconds of the other kiosk (one started by hand, say) being closed.
EXIT_ALREADY_RUNNING = 1


class StopSignals:
    """SIGTERM, SIGINT and SIGHUP, turned into a request to stop that the kiosk can wait on
    (before Qt) or that quits the application (once it exists)."""

    def __init__(self) -> None:
        self.received: signal.Signals | None = None
        self._app: QCoreApplication | None = None
        self._notifier: QSocketNotifier | None = None
        self._receiver, self._sender = socket.socketpair()
        for end in (self._receiver, self._sender):
            end.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(
            self._sender.fileno(), warn_on_full_buffer=False
        )
        self._previous = {number: signal.signal(number, self._on_signal) for number in STOP_SIGNALS}

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        # Runs on the GUI thread between bytecodes (in _drain, or in whatever Python code the
        # signal interrupted), so it may use Qt.
        name = signal.Signals(number).name
        if self.received is None:
            self.received = signal.Signals(number)
            log.info("%s received: stopping the kiosk", name)
        else:
            log.info("%s received while already stopping", name)
        if self._app is not None:
            # Before exec() an exit would be lost; a zero timer fires once the loop runs.
            QTimer.singleShot(0, self._exit_app)

    @Slot()
    def _exit_app(self) -> None:
        # exit(), not quit(): since Qt 6, quit() first asks each window to close, and the
        # full-screen kiosk window refuses (patients must not close it), which cancels the quit.
        if self._app is not None:
            self._app.exit(0)

    @Slot()
    def _drain(self) -> None:
        # Being a Python function is the point: entering it runs the pending handlers.
        try:
            while self._receiver.recv(512):
                pass
        except (BlockingIOError, OSError):
            pass

    def wait(self, seconds: float) -> bool:
        """Wait up to `seconds`, ending early on a stop signal. True when asked to stop."""
        if self.received is None:
            select.select([self._receiver], [], [], seconds)
        self._drain()
        return self.received is not None

    def quit_on_stop(self, app: QCoreApplication) -> None:
        """From now on a stop signal quits `app` (at once if one came already)."""
        self._app = app
        self._notifier = QSocketNotifier(self._receiver.fileno(), QSocketNotifier.Type.Read, app)
        self._notifier.activated.connect(self._drain)
        if self.received is not None:
            QTimer.singleShot(0, self._exit_app)

    def close(self) -> None:
        """Back to the signal handling there was before."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._receiver.close()
        self._sender.close()


class ScreenLock:
    """One kiosk per screen: a lock file in the state folder, held while the kiosk runs.

    QLockFile holds an flock() on the file as long as its process lives, so a lock left by a
    kiosk that died (or whose pid now belongs to another program) is taken over, and a lock
    still held is never mistaken for a stale one however old it is (stale time 0: never by age).
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE_NAME
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> str:
        """Take the lock: "" when this kiosk may show, else why it must not."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("No lock against a second kiosk (%s)", error)
            return ""
        if self._lock.tryLock(0):
            return ""
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            # A read-only or full disk must not keep patients from the screen.
            log.warning("No lock against a second kiosk: cannot write %s", self.path)
            return ""
        holder = self.holder()
        if self._lock.removeStaleLockFile():
            log.warning("Took over the lock of a kiosk that is no longer running (pid %s)", holder)
            if self._lock.tryLock(0):
                return ""
            holder = self.holder()
        return f"Another kiosk is already running (pid {holder}); only one can show on this screen."

    def holder(self) -> int | str:
        info = self._lock.getLockInfo()
        return info[0] if info else "unknown"

    def release(self) -> None:
        self._lock.unlock()


def _crash_traces_to_stderr() -> None:
    if sys.__stderr__ is not None:
        faulthandler.enable(sys.__stderr__, all_threads=True)


# Open for the life of the process: faulthandler writes to its descriptor as the process dies.
_crash_file: IO[str] | None = None


def write_native_crashes(log_file: Path | None) -> Path | None:
    """Have faulthandler write a hard crash's traceback (segfault, abort, the watchdog's
    SIGABRT: every thread, where it was) to crash.log beside the log file, or to standard
    error when there is no log file. A file of its own: the rotating log is renamed under any
    descriptor held on it. Returns the crash file in use."""
    global _crash_file
    if log_file is None:
        _crash_traces_to_stderr()
        return None
    path = log_file.with_name(CRASH_FILE_NAME)
    try:
        mode = "w" if path.exists() and path.stat().st_size > CRASH_FILE_MAX_BYTES else "a"
        crash_file = path.open(mode, encoding="utf-8")
        # Names the run, so a traceback below it can be matched with the log.
        crash_file.write(f"--- kiosk started {dt.datetime.now():%Y-%m-%d %H:%M:%S}, ")
        crash_file.write(f"pid {os.getpid()}\n")
        crash_file.flush()
    except OSError as error:
        log.warning("Native crashes go to standard error only (%s)", error)
        _crash_traces_to_stderr()
        return None
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = crash_file
    faulthandler.enable(crash_file, all_threads=True)
    return path


class KioskProcess:
    """What a running kiosk holds besides its window, for the length of a `with` block: the
    stop signals, the screen lock, the crash file."""

    def __init__(self, state_dir: Path, log_file: Path | None) -> None:
        self._state_dir = state_dir
        self._log_file = log_file
        self.crash_file: Path | None = None

    def __enter__(self) -> KioskProcess:
        # Signals first: a stop from here on is a clean one.
        self.signals = StopSignals()
        self.lock = ScreenLock(self._state_dir)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.signals.close()
        self.lock.release()

    def claim_screen(self) -> bool:
        """Take the screen, and from then on write native crashes down; False (and the
        reason logged) when another kiosk shows on it."""
        problem = self.lock.acquire()
        if problem:
            log.error("%s", problem)
            systemd.notify(f"STATUS={problem}")  # what `systemctl status` shows
            return False
        # Only the kiosk that shows: one refused every RestartSec adds nothing to crash.log.
        self.crash_file = write_native_crashes(self._log_file)
        return True

    def wait_for_display(self) -> bool:
        """True once Qt can start; False when told to stop first (systemd hears STOPPING=1)."""
        watchdog_seconds = systemd.watchdog_interval_ms() / 1000
        found = display.wait_for_display(
            os.environ,
            wait=self.signals.wait,
            notify=systemd.notify,
            retry_seconds=min(display.RETRY_SECONDS, watchdog_seconds or display.RETRY_SECONDS),
            watchdog=watchdog_seconds > 0,
        )
        if not found:
            systemd.notify("STOPPING=1")
        return found

    def quit_on_stop(self, app: QCoreApplication) -> None:
        self.signals.quit_on_stop(app)

    @property
    def stopped_by(self) -> str:
        return self.signals.received.name if self.signals.received else ""
