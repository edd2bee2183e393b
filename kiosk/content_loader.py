"""Reading an article in a child process with a time limit, so that no file can hold up the
screen or `kiosk check`.

Python-Markdown slows down badly on some text well under the size limit (20 KB of '[' takes
about 40 s, 150,000 character references over a minute), and a thread cannot be stopped, so
neither the kiosk nor `kiosk check` parses in its own process: kiosk.content_child finds,
reads and parses the article in a child process and hands the Article back, pickled. A child
that takes longer than TIME_LIMIT_S is killed, and staff read that the article is too complex,
with the line that probably slowed it down.

This module owns running that child: its command line, its time limit, making sense of what it
wrote (or did not write), and the two ways of running it: ContentLoader for the kiosk
(asynchronous: the result comes as a Qt signal, and the GUI thread never waits) and
load_in_child for `kiosk check` (it waits).

The kiosk starts its first reading early (start_early), as soon as its first frame is shown
and before it loads the rest, so that the child runs on another processor core meanwhile; the
ContentLoader that then asks for the same reading takes that child over instead of starting
another. This module loads quickly for that: what reads and parses articles (kiosk.article,
Python-Markdown) is imported when a result is read, not before.
"""

from __future__ import annotations

import json
import logging
import math
import pickle
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal, Slot

import kiosk

if TYPE_CHECKING:
    from kiosk.article import Article, ContentError

log = logging.getLogger(__name__)

# Reading and parsing a real article takes a few tens of milliseconds, plus about as much to
# start the child; a file that takes longer than this is refused. Not a setting: no article a
# person writes comes near it, and a longer limit only keeps patients waiting on a broken one.
TIME_LIMIT_S = 5.0
_STDERR_KEPT = 2000

# The child imports the kiosk package that started it, wherever that lives (an installed wheel,
# or a checkout run as `python main.py`); -P keeps the working folder off its import path.
_PACKAGE_ROOT = str(Path(kiosk.__file__).resolve().parent.parent)
_BOOTSTRAP = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from kiosk.content_child import child_main; raise SystemExit(child_main(sys.argv[2:]))"
)
# Read when a child starts (the default of `command` below), so that a test can run it with
# a Python that an unprivileged user may start.
CHILD_COMMAND: tuple[str, ...] = (sys.executable, "-P", "-c", _BOOTSTRAP, _PACKAGE_ROOT)


@dataclass(frozen=True)
class LoadResult:
    """What one reading of the content gave: a new article, an error, or neither (the bytes
    are the ones already shown). `fingerprint` says which file and which bytes were read, or
    is "" when no bytes could be read."""

    article: Article | None = None
    error: ContentError | None = None
    fingerprint: str = ""

    @property
    def unchanged(self) -> bool:
        return self.article is None and self.error is None


def fingerprint(article: Article) -> str:
    """Which file, and which bytes of it, an article was read from."""
    return f"{article.path}:{article.source_digest}"


# The kiosk's side


class ContentLoader(QObject):
    """Reads content in a child process, one reading at a time, and reports each as a signal.

    The GUI thread only starts the child and reads what it wrote; the child is killed when it
    runs out of time, and when the application quits.
    """

    finished = Signal(object)  # the LoadResult of the reading started last

    def __init__(
        self,
        time_limit: float = TIME_LIMIT_S,
        command: Sequence[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._time_limit = time_limit
        self._command = list(command) if command is not None else None
        self._process: QProcess | None = None
        self._path = Path()
        self._timed_out = False
        self._ended_early: Ending | None = None
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, path: Path, known: str = "") -> None:
        """Read the content at `path` (a file, or a folder holding articles). `known` is the
        fingerprint of the article already shown: the same bytes are not parsed again."""
        if self._process is not None:
            raise RuntimeError("a reading is already running")
        self._path = path
        self._timed_out = False
        program, *arguments = self._command or CHILD_COMMAND
        arguments = [*arguments, str(path), known, f"{self._time_limit:g}"]
        early = take_early(program, arguments)
        if early is not None:
            self._take_over(early)
            return
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments(arguments)
        process.setStandardInputFile(QProcess.nullDevice())
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self._deadline.start(math.ceil(self._time_limit * 1000))
        process.start()

    def _take_over(self, early: EarlyReading) -> None:
        """Carry on with a reading start_early began: its time limit counts from then."""
        process = early.take()
        process.setParent(self)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self._deadline.start(early.milliseconds_left(self._time_limit))
        if early.ended is not None:
            # It ended before this loader took it: reported as if it had just ended (after
            # start() returns, as always).
            self._ended_early = early.ended
            QTimer.singleShot(0, self._report_early_end)

    @Slot()
    def _report_early_end(self) -> None:
        ended, self._ended_early = self._ended_early, None
        if ended is None or self._process is None:
            return
        if isinstance(ended, QProcess.ProcessError):
            self._on_error(ended)
        else:
            self._on_finished(*ended)

    @Slot()
    def shutdown(self) -> None:
        """End a running reading without a result (the application is quitting)."""
        process = self._process
        if process is None:
            return
        self._process = None
        self._deadline.stop()
        process.finished.disconnect(self._on_finished)
        process.errorOccurred.disconnect(self._on_error)
        process.kill()
        process.waitForFinished(1000)  # a killed process ends in milliseconds
        process.deleteLater()

    @Slot()
    def _on_deadline(self) -> None:
        if self._process is not None:
            self._timed_out = True
            log.warning(
                "Reading %s took longer than %g s: stopping it", self._path, self._time_limit
            )
            self._process.kill()

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        output = bytes(process.readAllStandardOutput().data())
        diagnostics = bytes(process.readAllStandardError().data())
        crashed = status == QProcess.ExitStatus.CrashExit or code != 0
        self._end(
            result_from_output(
                self._path,
                output,
                timed_out=self._timed_out,
                time_limit=self._time_limit,
                failure=_failure(code, crashed, diagnostics),
            )
        )

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Other errors (a crash, a kill) are followed by finished().
        process = self._process
        if process is None or error != QProcess.ProcessError.FailedToStart:
            return
        reason = f"the kiosk could not start it: {process.errorString()}"
        self._end(result_from_output(self._path, b"", failure=reason))

    def _end(self, result: LoadResult) -> None:
        process = self._process
        self._process = None
        self._deadline.stop()
        if process is not None:
            process.deleteLater()
        self.finished.emit(result)


# How a child ended: finished(exit code, exit status), or errorOccurred(error).
Ending = tuple[int, QProcess.ExitStatus] | QProcess.ProcessError


class EarlyReading(QObject):
    """A reading start_early began, and how it ended if it did, until a loader takes it (or
    the application quits first, which ends it)."""

    def __init__(self, process: QProcess, application: QCoreApplication) -> None:
        super().__init__(application)
        self.process = process
        self.started = time.monotonic()
        self.ended: Ending | None = None
        self._taken = False
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        application.aboutToQuit.connect(self._discard)

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self.ended = (code, status)

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.ended = error

    def milliseconds_left(self, time_limit: float) -> int:
        """What is left of `time_limit` seconds counted from this reading's start: a loader
        that takes it over gives it no more time than one that had started it."""
        left = time_limit - (time.monotonic() - self.started)
        return max(0, math.ceil(left * 1000))

    def take(self) -> QProcess:
        """The process, for a loader to carry on with; this object is done."""
        self._taken = True
        self.process.finished.disconnect(self._on_finished)
        self.process.errorOccurred.disconnect(self._on_error)
        self.deleteLater()
        return self.process

    @Slot()
    def _discard(self) -> None:
        global _early
        if self._taken:
            return
        if _early is self:
            _early = None
        self.take()
        process = self.process
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(1000)  # a killed process ends in milliseconds
        process.deleteLater()


_early: EarlyReading | None = None


def start_early(path: Path, time_limit: float = TIME_LIMIT_S) -> None:
    """Start reading the content at `path` now, before anything asks for it: the first
    ContentLoader that asks for the same reading (its default command, `path`, no known
    fingerprint, `time_limit`) takes the child over instead of starting another. A reading
    nobody takes is ended when the application quits. Needs the QCoreApplication."""
    program, *arguments = CHILD_COMMAND
    start_early_child([program, *arguments, str(path), "", f"{time_limit:g}"])


def start_early_child(command: Sequence[str]) -> None:
    """Start the content child with `command` now; the first loader that would start the same
    command line takes it over (take_early). A reading started before is ended."""
    global _early
    application = QCoreApplication.instance()
    if application is None:
        raise RuntimeError("reading content needs a QCoreApplication")
    if _early is not None:
        _early._discard()
    program, *arguments = command
    process = QProcess(application)
    process.setProgram(program)
    process.setArguments(arguments)
    process.setStandardInputFile(QProcess.nullDevice())
    _early = EarlyReading(process, application)
    process.start()


def take_early(program: str, arguments: list[str]) -> EarlyReading | None:
    """The early reading with this command line, taken off the shelf; else None."""
    global _early
    early = _early
    if early is None:
        return None
    if (early.process.program(), early.process.arguments()) != (program, arguments):
        return None
    _early = None
    return early


def _failure(code: int, crashed: bool, diagnostics: bytes) -> str:
    if not crashed:
        return ""
    last = diagnostics.decode("utf-8", "replace").strip().splitlines()[-1:]
    detail = f": {last[0][:_STDERR_KEPT]}" if last else ""
    return f"it stopped unexpectedly (exit code {code}){detail}"


# `kiosk check`'s side


def load_in_child(
    path: Path,
    *,
    known: str = "",
    time_limit: float = TIME_LIMIT_S,
    command: Sequence[str] | None = None,
) -> LoadResult:
    """Read the content at `path` in a child process and wait for it, at most `time_limit`
    seconds (then the child is killed)."""
    import subprocess

    try:
        completed = subprocess.run(
            [*(command or CHILD_COMMAND), str(path), known, f"{time_limit:g}"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=time_limit,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout if isinstance(expired.stdout, bytes) else b""
        return result_from_output(path, output, timed_out=True, time_limit=time_limit)
    except OSError as error:
        return result_from_output(path, b"", failure=f"it could not start: {error}")
    failure = _failure(completed.returncode, completed.returncode != 0, completed.stderr)
    return result_from_output(path, completed.stdout, time_limit=time_limit, failure=failure)


# Both sides


def result_from_output(
    path: Path,
    output: bytes,
    *,
    timed_out: bool = False,
    time_limit: float = TIME_LIMIT_S,
    failure: str = "",
) -> LoadResult:
    """The LoadResult for what a child wrote before it ended (or was killed)."""
    # Imported here: unpickling an Article loads kiosk.article (and Python-Markdown) anyway.
    from kiosk.article import Article, ContentError
    from kiosk.content_child import too_complex

    header, _, payload = output.partition(b"\n")
    try:
        decoded: object = json.loads(header) if header else {}
    except ValueError:
        decoded = {}
    hint: dict[str, Any] = decoded if isinstance(decoded, dict) else {}
    file = Path(hint["file"]) if isinstance(hint.get("file"), str) else path
    printed = hint.get("fingerprint") if isinstance(hint.get("fingerprint"), str) else ""
    if timed_out:
        return LoadResult(error=too_complex(file, time_limit, hint), fingerprint=str(printed))
    try:
        # Only ever the output of this module's own child, which pickles nothing but what
        # child_main builds: an Article or plain values.
        result = pickle.loads(payload) if payload else None
    except Exception:  # a child that died half-way through writing
        result = None
    if isinstance(result, tuple) and result:
        if result[0] == "article" and isinstance(result[1], Article):
            return LoadResult(article=result[1], fingerprint=fingerprint(result[1]))
        if result[0] == "unchanged":
            return LoadResult(fingerprint=str(printed))
        if result[0] == "error" and len(result) == 5:
            _, where, problem, fix, line = result
            error = ContentError(Path(where), problem, fix, line)
            return LoadResult(error=error, fingerprint=str(printed))
    log.error("Reading %s failed: %s", path, failure or "the child wrote no result")
    return LoadResult(
        error=ContentError(
            file,
            f"The article could not be read: the process that reads it "
            f"{failure or 'gave no result'}.",
            "Press Reload content to try again; if this stays, see the kiosk's log.",
        ),
        fingerprint=str(printed),
    )
