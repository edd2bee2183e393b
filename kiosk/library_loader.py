"""Reading the whole content library in a child process, each file with its own time limit.

One child (kiosk.content_child.library_main) reads every article file in turn, so that a
library of many leaflets costs one process start, not one each. It says which file it is on
before parsing it: when a file takes longer than TIME_LIMIT_S the parent kills the child, that
file is refused as too complex (with the line that probably slowed it down), and a new child
reads the files after it. A crash is handled the same way. So no file can hold up the screen,
and one bad file never hides the others.

LibraryLoader is the kiosk's side (asynchronous: the result comes as a Qt signal);
load_library_in_child is `kiosk check`'s (it waits).
"""

from __future__ import annotations

import json
import logging
import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal, Slot

from kiosk import content_loader
from kiosk.content_loader import TIME_LIMIT_S, LoadResult, result_from_output

if TYPE_CHECKING:
    from kiosk.article import ContentError
    from kiosk.library import Library

log = logging.getLogger(__name__)

# The child's command-line flags (kiosk.content_child's, which a test holds equal): written here
# too because importing that module loads Python-Markdown, 55 ms that would hold up the child
# started before the watcher is built (start_early).
LIBRARY_FLAG = "--library"
FILES_FLAG = "--files"


@dataclass(frozen=True)
class LibraryResult:
    """What one reading of the library gave. `library` holds every article that could be read
    (None when none could, or the folder itself could not be read: then `error` says why);
    `results` has each file's LoadResult, in the order the files were read."""

    library: Library | None
    results: tuple[LoadResult, ...] = ()
    error: ContentError | None = None

    @property
    def fingerprint(self) -> str:
        """Which files, and which bytes of each, this reading saw."""
        return "\n".join(result.fingerprint for result in self.results)


@dataclass
class _Reading:
    """What the child(ren) have said so far, frame by frame."""

    path: Path
    time_limit: float
    files: list[Path] | None = None
    results: list[LoadResult] = field(default_factory=list)
    current: dict[str, Any] | None = None  # the hint of the file being read
    _buffer: bytes = b""
    _expect_list: bool = True

    def new_child(self) -> None:
        """A child is starting: it lists its files first."""
        self._buffer = b""
        self._expect_list = True

    def feed(self, output: bytes) -> bool:
        """Take more of a child's output; whether a new file was begun (its clock starts)."""
        from kiosk.content_child import read_frames

        self._buffer += output
        frames, used = read_frames(self._buffer)
        self._buffer = self._buffer[used:]
        begun = False
        for frame in frames:
            begun = self._take(frame) or begun
        return begun

    def _take(self, frame: bytes) -> bool:
        if self._expect_list:
            self._expect_list = False
            # A child started for the files after a slow one lists only those: the first
            # child's list is the whole library.
            if self.files is None:
                self.files = [Path(name) for name in json.loads(frame)]
            return False
        if self.current is None:
            decoded = json.loads(frame)
            self.current = decoded if isinstance(decoded, dict) else {}
            return True
        hint, self.current = self.current, None
        header = json.dumps(hint).encode() + b"\n"
        path = Path(str(hint.get("file", self.path)))
        self.results.append(result_from_output(path, header + frame, time_limit=self.time_limit))
        return False

    def pending(self) -> list[Path]:
        """The files not read yet, the one being read (if any) excluded."""
        if self.files is None:
            return []
        done = len(self.results) + (1 if self.current is not None else 0)
        return self.files[done:]

    def end_current(self, *, timed_out: bool, failure: str) -> bool:
        """The child ended: if it was reading a file, that file gets the blame (True)."""
        if self.current is None:
            return False
        hint, self.current = self.current, None
        path = Path(str(hint.get("file", self.path)))
        header = json.dumps(hint).encode() + b"\n"
        self.results.append(
            result_from_output(
                path,
                header,
                timed_out=timed_out,
                time_limit=self.time_limit,
                failure=failure or "ended before it had read the file",
            )
        )
        return True

    def outcome(self, default_language: str) -> LibraryResult:
        from kiosk.article import ContentError
        from kiosk.library import build_library

        if not self.files and self.results:
            # The folder could not be listed: the one result is its error.
            return LibraryResult(None, (), self.results[0].error)
        if self.files is None:
            error = ContentError(
                self.path,
                "The content could not be read: the process that reads it gave no result.",
                "Press Reload content to try again; if this stays, see the kiosk's log.",
            )
            return LibraryResult(None, (), error)
        articles = [result.article for result in self.results if result.article is not None]
        errors = [result.error for result in self.results if result.error is not None]
        if not articles:
            if errors:
                return LibraryResult(None, tuple(self.results), errors[0])
            return LibraryResult(None, (), _no_article(self.path))
        library = build_library(
            articles,
            errors,
            folder=self.path if self.path.is_dir() else None,
            default_language=default_language,
        )
        return LibraryResult(library, tuple(self.results))


def _no_article(path: Path) -> ContentError:
    from kiosk.article import ARTICLE_SUFFIX, ContentError

    return ContentError(
        path,
        "This folder holds no article.",
        f"Put an article file ending in {ARTICLE_SUFFIX} in it (or in a folder inside it), or "
        "choose another folder. Hidden and temporary files (names starting with '.', or "
        "ending in '~', '.tmp', '.part' and the like) are left out.",
    )


def start_early(path: Path, time_limit: float = TIME_LIMIT_S) -> None:
    """Start reading the content at `path` now, before the content watcher is built (loading
    it takes a while): as a library when `path` looks like a folder of several articles, else
    as one article (kiosk.content_loader.start_early). The watcher's first reading takes the
    child over. Needs the QCoreApplication."""
    if not _several_articles(path):
        content_loader.start_early(path, time_limit)
        return
    program, *base = content_loader.CHILD_COMMAND
    content_loader.start_early_child([program, *_arguments(_Reading(path, time_limit), base)])


def _several_articles(path: Path) -> bool:
    """Whether `path` is a folder with more than one article file in it or one level down: a
    quick look, without loading kiosk.article (a wrong guess costs only the early start)."""

    def looks_like_article(name: str) -> bool:
        # Hidden and temporary names are never articles (kiosk.article.is_ignored_name).
        return name.endswith(".md") and not name.startswith((".", "~"))

    found = 0
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith((".", "~")):
                    continue
                if entry.is_dir():
                    with os.scandir(entry.path) as inner:
                        found += sum(1 for item in inner if looks_like_article(item.name))
                elif looks_like_article(entry.name):
                    found += 1
                if found > 1:
                    return True
    except OSError:
        return False
    return False


def _arguments(reading: _Reading, base: Sequence[str]) -> list[str]:
    arguments = [*base, LIBRARY_FLAG, f"{reading.time_limit:g}"]
    if reading.files is None:
        return [*arguments, str(reading.path)]
    return [*arguments, FILES_FLAG, *(str(file) for file in reading.pending())]


def _failure(code: int, crashed: bool, diagnostics: bytes) -> str:
    if not crashed:
        return ""
    last = diagnostics.decode("utf-8", "replace").strip().splitlines()[-1:]
    return f"it stopped unexpectedly (exit code {code})" + (f": {last[0][:2000]}" if last else "")


# The kiosk's side


class LibraryLoader(QObject):
    """Reads the library in child processes, one reading at a time, and reports each as a
    signal. The GUI thread only starts children and reads what they wrote."""

    finished = Signal(object)  # the LibraryResult of the reading started last

    def __init__(
        self,
        time_limit: float = TIME_LIMIT_S,
        command: Sequence[str] | None = None,
        default_language: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._time_limit = time_limit
        # None: content_loader.CHILD_COMMAND, read when each child starts (as ContentLoader).
        self._command = list(command) if command is not None else None
        self._default_language = default_language
        self._process: QProcess | None = None
        self._reading: _Reading | None = None
        self._timed_out = False
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        return self._reading is not None

    def start(self, path: Path) -> None:
        """Read the library at `path` (a content folder, or one article file)."""
        if self._reading is not None:
            raise RuntimeError("a reading is already running")
        self._reading = _Reading(path, self._time_limit)
        self._start_child()

    def _start_child(self) -> None:
        reading = self._reading
        assert reading is not None
        program, *base = self._command or content_loader.CHILD_COMMAND
        reading.new_child()
        arguments = _arguments(reading, base)
        self._timed_out = False
        early = content_loader.take_early(program, arguments) if reading.files is None else None
        if early is not None:
            self._take_over(early)
            return
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments(arguments)
        process.setStandardInputFile(QProcess.nullDevice())
        self._follow(process)
        # Listing the folder, and then each file, gets the whole limit.
        self._deadline.start(math.ceil(self._time_limit * 1000))
        process.start()

    def _follow(self, process: QProcess) -> None:
        process.readyReadStandardOutput.connect(self._on_output)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process

    def _take_over(self, early: content_loader.EarlyReading) -> None:
        """Carry on with the child start_early began: what it wrote while nobody listened is
        read first, and an end it came to is reported (both after start() returns)."""
        process = early.take()
        process.setParent(self)
        self._follow(process)
        self._deadline.start(early.milliseconds_left(self._time_limit))
        ended = early.ended
        QTimer.singleShot(0, lambda: self._catch_up(process, ended))

    def _catch_up(self, process: QProcess, ended: content_loader.Ending | None) -> None:
        if process is not self._process:
            return  # shut down meanwhile
        self._on_output()
        if isinstance(ended, QProcess.ProcessError):
            self._on_error(ended)
        elif ended is not None:
            self._on_finished(*ended)

    @Slot()
    def shutdown(self) -> None:
        """End a running reading without a result (the application is quitting)."""
        process, self._process = self._process, None
        self._reading = None
        self._deadline.stop()
        if process is None:
            return
        process.readyReadStandardOutput.disconnect(self._on_output)
        process.finished.disconnect(self._on_finished)
        process.errorOccurred.disconnect(self._on_error)
        process.kill()
        process.waitForFinished(1000)  # a killed process ends in milliseconds
        process.deleteLater()

    @Slot()
    def _on_output(self) -> None:
        if self._process is None or self._reading is None:
            return
        if self._reading.feed(bytes(self._process.readAllStandardOutput().data())):
            self._deadline.start(math.ceil(self._time_limit * 1000))

    @Slot()
    def _on_deadline(self) -> None:
        if self._process is not None and self._reading is not None:
            self._timed_out = True
            current = (self._reading.current or {}).get("file", self._reading.path)
            log.warning("Reading %s took longer than %g s: stopping it", current, self._time_limit)
            self._process.kill()

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process, reading = self._process, self._reading
        if process is None or reading is None:
            return
        reading.feed(bytes(process.readAllStandardOutput().data()))
        crashed = status == QProcess.ExitStatus.CrashExit or code != 0
        failure = _failure(code, crashed, bytes(process.readAllStandardError().data()))
        self._child_ended(process, reading, failure)

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Other errors (a crash, a kill) are followed by finished().
        process, reading = self._process, self._reading
        if process is None or reading is None or error != QProcess.ProcessError.FailedToStart:
            return
        self._child_ended(
            process, reading, f"the kiosk could not start it: {process.errorString()}"
        )

    def _child_ended(self, process: QProcess, reading: _Reading, failure: str) -> None:
        self._process = None
        self._deadline.stop()
        process.deleteLater()
        blamed = reading.end_current(timed_out=self._timed_out, failure=failure)
        if blamed and reading.pending():
            self._start_child()  # the files after the one that failed
            return
        if failure and not blamed:
            log.error("Reading the library at %s failed: %s", reading.path, failure)
        self._reading = None
        self.finished.emit(reading.outcome(self._default_language))


# `kiosk check`'s side


def load_library_in_child(
    path: Path,
    *,
    time_limit: float = TIME_LIMIT_S,
    command: Sequence[str] | None = None,
    default_language: str = "en",
) -> LibraryResult:
    """Read the library at `path` in child processes and wait for them (each file at most
    `time_limit` seconds)."""
    import select
    import subprocess

    reading = _Reading(path, time_limit)
    base = list(command or content_loader.CHILD_COMMAND)
    while True:
        reading.new_child()
        try:
            child = subprocess.Popen(
                _arguments(reading, base),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as error:
            log.error("Reading the library at %s failed: it could not start: %s", path, error)
            break
        assert child.stdout is not None
        deadline = time.monotonic() + time_limit
        timed_out = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                child.kill()
                timed_out = True
                break
            ready, _, _ = select.select([child.stdout], [], [], left)
            if not ready:
                continue
            chunk = os.read(child.stdout.fileno(), 65536)
            if not chunk:
                break
            if reading.feed(chunk):
                deadline = time.monotonic() + time_limit
        _, diagnostics = child.communicate()
        code = child.returncode
        failure = "" if timed_out else _failure(code, code != 0, diagnostics)
        blamed = reading.end_current(timed_out=timed_out, failure=failure)
        if not (blamed and reading.pending()):
            break
    return reading.outcome(default_language)
