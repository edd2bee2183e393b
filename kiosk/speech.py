"""Reading the page aloud, one sentence at a time so the sentence being spoken can be marked on
screen, without the speech engine ever holding up the GUI thread.

This module owns the decision whether to offer Read aloud, the queue of sentences, the steps of
volume and speed a patient may choose (`Volume`, `Speed`, and the engine's values for them), and
the speech worker's process (`kiosk.speech_worker`): the engine lives there because creating it
can take seconds, or forever with a wedged speech-dispatcher, and the binding keeps the
interpreter lock meanwhile, so no thread of ours could help. Whether to offer the button is
decided from the list of installed engines alone (about a millisecond); the worker starts when a
patient first taps Read aloud. A worker that does not answer in time, or dies, is killed and the
button hidden, with one line in the log saying why.

QtTextToSpeech is in PySide6-Addons and needs the system's PulseAudio library to import; a kiosk
without it (or without any speech engine) simply has no Read aloud button, and says why once.
"""

from __future__ import annotations

import collections
import enum
import importlib
import json
import logging
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QObject,
    QProcess,
    QTextBoundaryFinder,
    QTimer,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

# Run by path rather than `-m kiosk.speech_worker`: the child then runs exactly the file beside
# this one, whatever is on its sys.path; -P keeps the worker's own folder off sys.path.
WORKER_COMMAND = (sys.executable, "-P", str(Path(__file__).resolve().with_name("speech_worker.py")))

# A sentence can take a while at the slowest rate; a worker silent for longer than this is stuck.
_SECONDS_PER_CHARACTER = 0.2
# How long a worker whose stdin was closed may take to stop the engine and exit before it is
# killed.
_GRACE_MS = 1000
_STDERR_LINES_KEPT = 3

# Full stops that UAX #29 takes for a sentence end when a capital follows ("Dr. Smith",
# "e.g. Paracetamol"); lower-case words after "e.g." or "i.e." it already keeps together.
_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)|(?i:e\.g|i\.e))\.[\"'\u201d\u2019)\]]*$"
)
# Separators that end a sentence whatever comes before them (UAX #29's Sep, plus CR).
_HARD_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, without the spaces after it.

    Sentences are found by Unicode's rules (UAX #29); newlines and paragraph separators end a
    sentence, and a title or "e.g." before a capital does not.
    """
    if not text:
        return []
    index = _python_indices(text)
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Sentence, text)
    found: list[tuple[int, int]] = []
    previous = 0
    while (boundary := finder.toNextBoundary()) != -1:
        first, last = index[previous], index[boundary]
        previous = boundary
        chunk = text[first:last]
        body = chunk.strip()
        if not body:
            continue
        start = first + len(chunk) - len(chunk.lstrip())
        end = start + len(body)
        if found and _continues(text, found[-1], start):
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


def _python_indices(text: str) -> list[int]:
    """Python string index for each UTF-16 position that Qt reports (they differ after a
    character outside the Basic Multilingual Plane, such as an emoji)."""
    index: list[int] = []
    for position, character in enumerate(text):
        index.append(position)
        if ord(character) > 0xFFFF:
            index.append(position)
    index.append(len(text))
    return index


def _continues(text: str, sentence: tuple[int, int], next_start: int) -> bool:
    """Whether the sentence found next belongs to `sentence`, which ended in an abbreviation."""
    start, end = sentence
    gap = text[end:next_start]
    return not _HARD_BREAKS.intersection(gap) and bool(_ABBREVIATION.search(text[start:end]))


class Volume(enum.Enum):
    """How loud a patient asked Read aloud to speak: steps around the configured volume."""

    QUIET = -1
    NORMAL = 0
    LOUD = 1


class Speed(enum.Enum):
    """How fast a patient asked Read aloud to speak: steps around the configured rate."""

    SLOWER = -1
    NORMAL = 0
    FASTER = 1


_Step = TypeVar("_Step", Volume, Speed)

# A patient's volume step scales the configured speech_volume: half is clearly quieter for the
# people sitting nearby (-6 dB) yet still heard at arm's length; loud is half as loud again, as
# far as the engine goes (at the default 80 %, that is full volume).
_VOLUME_FACTORS = {Volume.QUIET: 0.5, Volume.NORMAL: 1.0, Volume.LOUD: 1.5}
# A speed step moves the engine's rate (-1..1) by this much around the configured speech_rate:
# 3 on its -10..10 scale, a change of pace a listener notices at once.
_RATE_STEP = 0.3


def next_step(step: _Step, by: int) -> _Step | None:
    """The step `by` places beyond `step` (+1: louder or faster), or None past the last one:
    the steps do not wrap round, so a patient who keeps tapping Louder never gets Quiet."""
    try:
        return type(step)(step.value + by)
    except ValueError:
        return None


def engine_volume(speech_volume: int, step: Volume = Volume.NORMAL) -> float:
    """QTextToSpeech's volume (0..1) for the configured `speech_volume` (0..100 %) at `step`."""
    return _clamp(speech_volume / 100 * _VOLUME_FACTORS[step], 0.0, 1.0)


def engine_rate(speech_rate: int, step: Speed = Speed.NORMAL) -> float:
    """QTextToSpeech's rate (-1..1, 0 normal) for the configured `speech_rate` (-10..10) at
    `step`."""
    return _clamp(speech_rate / 10 + step.value * _RATE_STEP, -1.0, 1.0)


def _clamp(value: float, lowest: float, highest: float) -> float:
    # Rounded, so that 0.1 + 0.2 is sent as 0.3 and equal steps compare equal.
    return round(max(lowest, min(highest, value)), 3)


# A table row's cells, as kiosk.text_layout draws a grid: each in a direction isolate, parted
# by tabs (an empty cell is an isolate with nothing in it).
_ISOLATES = re.compile("[\u2066-\u2069]")
_CELL_BREAKS = re.compile(r"\s*\t[\s\t]*")


def _spoken(text: str) -> str:
    """What the engine is given for a sentence of the page: the isolates around a table's
    cells left out (an engine may say them), and a comma for each tab between cells, which
    engines read as a space: the pause a reader hears between cells. Positions on the page
    stay those of the text."""
    text = _ISOLATES.sub("", text)
    if "\t" not in text:
        return text
    return _CELL_BREAKS.sub(", ", text).strip(", ")


def _import_text_to_speech() -> Any:
    return importlib.import_module("PySide6.QtTextToSpeech")


class _WorkerProcess(QObject):
    """One run of the speech worker: its process, the events it writes, and its end.

    A child of the application, not of ReadAloud: a ReadAloud being deleted retires its worker,
    which then finishes in the background instead of blocking the GUI thread on a kill.
    """

    event_received = Signal(object)  # one event from the worker: a dict with "event"
    ended = Signal(str)  # the worker ended, or could not start, without being asked to: why

    def __init__(self, command: Sequence[str], application: QCoreApplication) -> None:
        super().__init__(application)
        self._process = QProcess(self)
        self._process.setProgram(command[0])
        self._process.setArguments(list(command[1:]))
        self._output = b""
        self._diagnostics: collections.deque[str] = collections.deque(maxlen=_STDERR_LINES_KEPT)
        self._waiting: list[bytes] = []
        self._retired = False
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(_GRACE_MS)
        self._grace.timeout.connect(self._process.kill)
        self._process.started.connect(self._on_started)
        self._process.readyReadStandardOutput.connect(self._read_events)
        self._process.readyReadStandardError.connect(self._read_diagnostics)
        self._process.finished.connect(self._on_finished)
        self._process.errorOccurred.connect(self._on_error)
        application.aboutToQuit.connect(self._end_now)

    def start(self) -> None:
        """Start the process; returns at once (the worker says "ready" when its engine is)."""
        self._process.start()

    def send(self, command: dict[str, Any]) -> None:
        if self._retired:
            return
        line = (json.dumps(command) + "\n").encode()
        if self._process.state() == QProcess.ProcessState.Running:
            self._process.write(line)
        else:
            self._waiting.append(line)

    @Slot()
    def retire(self) -> None:
        """End the worker without another word from it: closing its stdin makes it stop the
        engine and exit; it is killed if it has not after a short grace."""
        if self._retired:
            return
        self._retired = True
        state = self._process.state()
        if state == QProcess.ProcessState.NotRunning:
            self.deleteLater()
            return
        if state == QProcess.ProcessState.Running:
            self._process.closeWriteChannel()  # else when it has started
        self._grace.start()

    def kill(self) -> None:
        """End a worker that is stuck or broken now."""
        self.retire()
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()

    @Slot()
    def _on_started(self) -> None:
        if self._retired:
            self._waiting.clear()
            self._process.closeWriteChannel()
            return
        for line in self._waiting:
            self._process.write(line)
        self._waiting.clear()

    @Slot()
    def _read_events(self) -> None:
        self._output += bytes(self._process.readAllStandardOutput().data())
        *lines, self._output = self._output.split(b"\n")
        for line in lines:
            if self._retired:
                return
            try:
                event = json.loads(line)
            except ValueError:
                event = None
            if isinstance(event, dict) and isinstance(event.get("event"), str):
                self.event_received.emit(event)
            elif line.strip():
                log.debug("Speech worker wrote something that is not an event: %r", line[:200])

    @Slot()
    def _read_diagnostics(self) -> None:
        text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.strip():
                self._diagnostics.append(line.strip())
                log.debug("Speech worker: %s", line.rstrip())

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._grace.stop()
        if self._retired:
            self.deleteLater()
            return
        how = "crashed" if status == QProcess.ExitStatus.CrashExit else f"ended (exit code {code})"
        last = f": {self._diagnostics[-1]}" if self._diagnostics else ""
        self.ended.emit(f"the speech worker {how}{last}")

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Other errors (a crash, a broken pipe) are followed by finished().
        if error == QProcess.ProcessError.FailedToStart and not self._retired:
            command = " ".join([self._process.program(), *self._process.arguments()])
            self.ended.emit(
                f"the speech worker could not start ({self._process.errorString()}): {command}"
            )

    @Slot()
    def _end_now(self) -> None:
        # The application is quitting: no event loop will reap the worker later, and Qt warns
        # about a QProcess destroyed while running. A killed process exits in milliseconds.
        self._retired = True
        self._grace.stop()
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()
            self._process.waitForFinished(1000)


class ReadAloud(QObject):
    """Speaks text sentence by sentence through the speech worker and says which one is being
    spoken; hides Read aloud when the engine is missing, stuck or broken."""

    sentence_started = Signal(int, int)  # (start, end) within the text given to speak()
    stopped = Signal()  # finished, stopped, or the engine failed while speaking
    availability_changed = Signal(bool)  # offer the Read aloud button, or hide it
    voice_changed = Signal(str)  # the locale the engine now speaks in, such as "nb_NO"

    def __init__(
        self,
        engine: str = "",
        rate: int = 0,
        volume: int = 80,
        parent: QObject | None = None,
        *,
        start_timeout: float = 10.0,
        sentence_timeout: float = 10.0,
        worker_command: Sequence[str] = WORKER_COMMAND,
    ) -> None:
        """`rate` is -10..10, `volume` 0..100 (as in the config; set_rate() and set_volume()
        change them later). The worker must say it is ready within `start_timeout` seconds, and
        finish each sentence within `sentence_timeout` seconds plus 0.2 s per character;
        `worker_command` starts the worker."""
        super().__init__(parent)
        self._engine = engine
        self._rate = engine_rate(rate)
        self._volume = engine_volume(volume)
        self._command = tuple(worker_command)
        self._sentence_timeout = sentence_timeout
        self._language = ""
        self._probed = False
        self._available = False  # an engine that works (the language aside)
        self.unavailable_reason = ""
        # The engine's languages, once its worker has said (None: not known yet), and the
        # languages it was asked for and had no voice for: Read aloud is not offered in them
        # (an English voice reading Arabic words would help nobody).
        self._engine_languages: set[QLocale.Language] | None = None
        self._voiceless: set[str] = set()
        self._offered = False  # what availability_changed said last

        self._text = ""
        self._queue: collections.deque[tuple[int, int]] = collections.deque()
        self._speaking = False
        self._worker: _WorkerProcess | None = None
        self._ready = False
        self._started_at = 0.0
        self._sent_language = ""
        self._sent_rate_volume = (self._rate, self._volume)
        self._voice_locale = ""
        self._said = 0  # id of the last sentence sent; a "done" for any other is stale
        self._awaiting: int | None = None
        self._awaiting_bound = 0.0

        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.setInterval(round(start_timeout * 1000))
        self._start_timer.timeout.connect(self._on_start_timeout)
        self._sentence_timer = QTimer(self)
        self._sentence_timer.setSingleShot(True)
        self._sentence_timer.timeout.connect(self._on_sentence_timeout)

    # What the window asks

    @property
    def probed(self) -> bool:
        """True once probe() has looked for a speech engine."""
        return self._probed

    @property
    def available(self) -> bool:
        """Whether Read aloud is offered now: an engine works and has a voice for the
        language (as far as is known: the engine's voices are listed when it first starts)."""
        return self._available and self._speaks(self._language)

    def _speaks(self, language: str) -> bool:
        if not language:
            return True
        if language in self._voiceless:
            return False
        if self._engine_languages is None:
            return True
        return QLocale(language.replace("_", "-")).language() in self._engine_languages

    def _say_availability(self) -> None:
        """Tell the window whether to offer Read aloud, when that changed."""
        offered = self.available
        if offered != self._offered:
            self._offered = offered
            if not offered and self._speaking:
                self.stop()
            self.availability_changed.emit(offered)

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def rate(self) -> float:
        """The engine's rate: -1 (slowest) to 1 (fastest), 0 normal."""
        return self._rate

    @property
    def volume(self) -> float:
        """The engine's volume: 0 (silent) to 1 (full)."""
        return self._volume

    @property
    def voice_locale(self) -> str:
        """The locale the engine speaks in ("en_GB"); empty until the worker has started."""
        return self._voice_locale

    @Slot()
    def probe(self) -> None:
        """Decide whether to offer Read aloud from the list of installed engines (fast: no
        engine is created), and say so through availability_changed."""
        if not self._probed:
            self._probed = True
            reason = self._why_not_offered()
            if reason:
                self.unavailable_reason = reason
                log.info("Read aloud is not offered: %s", reason)
            else:
                self._available = True
        self._offered = self.available
        self.availability_changed.emit(self._offered)

    def _why_not_offered(self) -> str:
        try:
            module = _import_text_to_speech()
        except ImportError as error:
            return (
                f"the speech module cannot load on this system ({error}); it needs "
                "pip install 'kiosk[speech]', PulseAudio's library (libpulse0) and a speech "
                "engine (speech-dispatcher, espeak-ng)"
            )
        engines = list(module.QTextToSpeech.availableEngines())
        if self._engine and self._engine not in engines:
            return (
                f"the speech engine '{self._engine}' is not installed (available: "
                f"{', '.join(engines) or 'none'})"
            )
        if not engines:
            return "no speech engine is installed; install speech-dispatcher and espeak-ng"
        return ""

    def set_language(self, language: str) -> None:
        """Speak with a voice for the article's language, where the engine has one (applied in
        the worker when it runs)."""
        self._language = language
        if self._awaiting is None:
            self._sync_language()
        self._say_availability()

    def warm_up(self) -> None:
        """Start the speech engine now, without speaking: it lists its voices, so Read aloud
        is hidden at once for a language it has none for, rather than at the first press.
        Nothing when Read aloud is not offered or the engine already runs."""
        if self._available and self._worker is None:
            self._start_worker()

    def set_rate(self, rate: float) -> None:
        """Speak at `rate` (-1..1): at once where the engine can, else from the next sentence
        on (the worker is told now, before any later sentence)."""
        self._rate = _clamp(rate, -1.0, 1.0)
        self._sync_rate_volume()

    def set_volume(self, volume: float) -> None:
        """Speak at `volume` (0..1): at once where the engine can, else from the next sentence
        on."""
        self._volume = _clamp(volume, 0.0, 1.0)
        self._sync_rate_volume()

    def speak(self, text: str) -> None:
        """Read `text` aloud from its first sentence, starting the worker if it is not running."""
        self.stop()
        if not self._probed:
            self.probe()
        if not self.available:
            return
        found = sentences(text)
        if not found:
            return
        self._text = text
        self._queue = collections.deque(found)
        self._speaking = True
        if self._worker is None:
            self._start_worker()
        elif self._ready:
            self._next_sentence()

    @Slot()
    def stop(self) -> None:
        """Stop speaking; does nothing at all when nothing is being spoken."""
        if not self._speaking:
            return
        self._speaking = False
        self._queue.clear()
        if self._awaiting is not None and self._worker is not None:
            self._worker.send({"cmd": "stop"})
            self._awaiting = None
            self._sentence_timer.stop()
            self._sync_language()
        self.stopped.emit()

    @Slot()
    def shutdown(self) -> None:
        """End the worker now (it is started again by the next speak())."""
        self.stop()
        self._start_timer.stop()
        self._sentence_timer.stop()
        if self._worker is not None:
            self._worker.retire()
        self._worker = None
        self._ready = False

    # The worker

    def _start_worker(self) -> None:
        application = QCoreApplication.instance()
        if application is None:
            raise RuntimeError("Read aloud needs a running QCoreApplication")
        worker = _WorkerProcess(self._command, application)
        worker.event_received.connect(self._on_event)
        worker.ended.connect(self._fail)
        # Deleting this object (the window closing) ends its worker too.
        self.destroyed.connect(worker.retire)
        self._worker = worker
        self._ready = False
        self._sent_language = ""
        self._sent_rate_volume = (self._rate, self._volume)
        self._started_at = time.monotonic()
        self._start_timer.start()
        worker.start()
        worker.send(
            {"cmd": "start", "engine": self._engine, "rate": self._rate, "volume": self._volume}
        )

    def _sync_rate_volume(self) -> None:
        # Unlike the language, sent in the middle of a sentence too: the engine applies what it
        # can at once, and the rest before it speaks the next sentence, which is sent later.
        wanted = (self._rate, self._volume)
        if self._ready and self._worker is not None and wanted != self._sent_rate_volume:
            self._sent_rate_volume = wanted
            self._worker.send({"cmd": "set", "rate": self._rate, "volume": self._volume})

    def _sync_language(self) -> None:
        if self._ready and self._worker is not None and self._language != self._sent_language:
            self._sent_language = self._language
            self._worker.send({"cmd": "locale", "language": self._language})

    def _next_sentence(self) -> None:
        if not self._queue:
            self._speaking = False
            self.stopped.emit()
            return
        assert self._worker is not None
        self._sync_language()
        start, end = self._queue.popleft()
        self._said += 1
        self._awaiting = self._said
        spoken = _spoken(self._text[start:end])
        self._worker.send({"cmd": "say", "id": self._said, "text": spoken})
        self._awaiting_bound = self._sentence_timeout + _SECONDS_PER_CHARACTER * (end - start)
        self._sentence_timer.start(round(self._awaiting_bound * 1000))
        self.sentence_started.emit(start, end)

    @Slot(object)
    def _on_event(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "ready":
            self._on_ready(event)
        elif kind == "done":
            if event.get("id") != self._awaiting:
                return  # the end of a sentence that was stopped
            self._awaiting = None
            self._sentence_timer.stop()
            self._sync_language()
            if self._speaking:
                self._next_sentence()
        elif kind == "set":
            log.debug(
                "Read aloud: the engine now speaks at rate %s, volume %s",
                event.get("rate"),
                event.get("volume"),
            )
        elif kind == "locale":
            self._voice_locale = str(event.get("locale", ""))
            if not event.get("found"):
                language = str(event.get("language", ""))
                log.info(
                    "No voice for the language '%s': Read aloud is not offered in it", language
                )
                self._voiceless.add(language)
                self._say_availability()
            self.voice_changed.emit(self._voice_locale)
        elif kind == "error":
            message = str(event.get("message", "no reason given"))
            if self._ready:
                self._fail(f"{self._engine_label()} failed while speaking ({message})")
            else:
                self._fail(
                    f"{self._engine_label()} cannot speak ({message}); are speech-dispatcher "
                    "and espeak-ng installed?"
                )

    def _on_ready(self, event: dict[str, Any]) -> None:
        self._start_timer.stop()
        self._ready = True
        self._voice_locale = str(event.get("locale", ""))
        # Debug only: at the default level the log says nothing about what patients do.
        log.debug(
            "Read aloud: the speech engine '%s' is ready after %.1f s (voice %s, %s)",
            event.get("engine", ""),
            time.monotonic() - self._started_at,
            event.get("voice", ""),
            self._voice_locale,
        )
        self.voice_changed.emit(self._voice_locale)
        locales = event.get("locales")
        if isinstance(locales, list):
            self._engine_languages = {QLocale(str(name)).language() for name in locales}
        self._say_availability()
        self._sync_language()
        self._sync_rate_volume()
        if self._speaking and self._awaiting is None:
            self._next_sentence()

    def _engine_label(self) -> str:
        if self._engine:
            return f"the speech engine '{self._engine}'"
        return "the default speech engine"

    @Slot()
    def _on_start_timeout(self) -> None:
        seconds = self._start_timer.interval() / 1000
        self._fail(
            f"{self._engine_label()} did not answer within {seconds:g} s; is speech-dispatcher "
            "stuck?"
        )

    @Slot()
    def _on_sentence_timeout(self) -> None:
        self._fail(
            f"{self._engine_label()} did not finish a sentence within "
            f"{self._awaiting_bound:.3g} s; is speech-dispatcher stuck?"
        )

    @Slot(str)
    def _fail(self, reason: str) -> None:
        """Give up on speech for this run of the kiosk: a stuck engine would only stick again."""
        self._start_timer.stop()
        self._sentence_timer.stop()
        if self._worker is not None:
            self._worker.kill()
        self._worker = None
        self._ready = False
        self._awaiting = None
        was_available, self._available = self._available, False
        self.unavailable_reason = reason
        log.warning("Read aloud stopped: %s", reason)
        if self._speaking:
            self._speaking = False
            self._queue.clear()
            self.stopped.emit()
        if was_available and self._offered:
            self._offered = False
            self.availability_changed.emit(False)
