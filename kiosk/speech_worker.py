"""The speech worker: a child process that owns the QTextToSpeech engine, so that nothing the
engine does (loading 1,500 voices, waiting on a busy or wedged speech-dispatcher) can freeze the
kiosk's screen. `kiosk.speech.ReadAloud` starts it on first use and talks to it in JSON lines.

Protocol: one JSON object per line, UTF-8, on the worker's stdin and stdout.

Kiosk to worker:
    {"cmd": "start", "engine": "mock", "rate": 0.0, "volume": 0.8}   first line; "" = default
    {"cmd": "locale", "language": "nb"}     speak with a voice for this language, if there is one
    {"cmd": "say", "id": 3, "text": "One sentence."}
    {"cmd": "stop"}                          stop speaking now; no "done" follows
    {"cmd": "set", "rate": 0.3, "volume": 0.4}   either or both: from now on where the engine
                                             can, else from the next "say"; values outside
                                             -1..1 and 0..1 are brought inside them
Worker to kiosk:
    {"event": "ready", "engine": "mock", "locale": "en_GB", "voice": "Bob", "locales": [...]}
    {"event": "locale", "language": "nb", "locale": "nb_NO", "voice": "Eivind", "found": true}
    {"event": "set", "rate": 0.3, "volume": 0.4}   the engine's rate and volume after a "set"
                                             (for the log: nothing waits for it)
    {"event": "done", "id": 3}               the sentence was spoken
    {"event": "error", "message": "..."}     the engine cannot start or failed; give up on it

A line that is not a command, or a command with a missing or wrong field, is ignored (said on
stderr) and changes nothing; the worker goes on with the next line.

The worker exits by itself when its stdin closes (the kiosk ended it or is gone), and on Linux
the kernel kills it if the kiosk dies while the worker is stuck inside the engine. Only the
standard library and PySide6 are imported, so the file also runs by path.
"""

from __future__ import annotations

import collections
import ctypes
import importlib
import json
import math
import os
import signal
import sys
from typing import Any, TextIO

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    QtMsgType,
    Slot,
    qInstallMessageHandler,
)

_PR_SET_PDEATHSIG = 1
# Qt's last warnings: an engine that fails to start says why there ("Error loading
# text-to-speech plug-in"), while its errorString() is only "engine not initialized".
_qt_warnings: collections.deque[str] = collections.deque(maxlen=1)


def pick_locale(locales: list[QLocale], current: QLocale, language: str) -> QLocale | None:
    """The engine's locale for `language` ("nb", "en-US"), or None when it has none.

    A territory in the request wins; without one the current locale is kept if it already speaks
    the language (an en_GB voice stays for "en"), otherwise the engine's first for it is taken.
    """
    tag = language.strip().replace("-", "_")
    if not tag:
        return None
    wanted = QLocale(tag)
    same = [locale for locale in locales if locale.language() == wanted.language()]
    if not same or wanted.language() == QLocale.Language.C:
        return None
    if "_" in tag:
        for locale in same:
            if locale.territory() == wanted.territory():
                return locale
    if current.language() == wanted.language():
        return current
    return same[0]


class Worker(QObject):
    """Reads commands from stdin as the event loop allows, drives the engine, writes events."""

    def __init__(self, out: TextIO, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._out = out
        self._buffer = b""
        self._tts: Any = None
        self._states: Any = None
        # The sentence being spoken, and whether the engine has left Ready since it was given:
        # a Ready before that is the tail of an earlier stop, not the end of this sentence.
        self._current: int | None = None
        self._left_ready = False
        self._stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self._stdin.activated.connect(self._read)

    def _send(self, **event: Any) -> None:
        self._out.write(json.dumps(event) + "\n")
        self._out.flush()

    @Slot()
    def _read(self) -> None:
        try:
            chunk = os.read(self._stdin.socket(), 65536)
        except OSError:
            chunk = b""
        if not chunk:
            self._finish()
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                self._handle(line)

    def _handle(self, line: bytes) -> None:
        try:
            command = json.loads(line)
            name = command["cmd"]
        except (ValueError, TypeError, KeyError):
            print(f"speech worker: ignored a line that is not a command: {line[:200]!r}")
            return
        try:
            if name == "start":
                self._start(str(command.get("engine", "")), command)
            elif self._tts is None:
                print(f"speech worker: ignored '{name}' before the engine started")
            elif name == "say":
                self._say(int(command["id"]), str(command["text"]))
            elif name == "stop":
                self._current = None
                self._tts.stop()
            elif name == "locale":
                self._set_language(str(command["language"]))
            elif name == "set":
                self._set_rate_volume(command)
            else:
                print(f"speech worker: ignored the unknown command '{name}'")
        except (KeyError, ValueError, TypeError) as error:
            print(f"speech worker: ignored '{name}' with a missing or wrong field: {error!r}")

    def _start(self, engine: str, command: dict[str, Any]) -> None:
        if self._tts is not None:
            return
        try:
            module = importlib.import_module("PySide6.QtTextToSpeech")
        except ImportError as error:
            self._fail(f"the speech module cannot load ({error})")
            return
        engine_class = module.QTextToSpeech
        _qt_warnings.clear()
        # The slow part (libspeechd lists every voice; a wedged speech-dispatcher never answers):
        # the reason this runs in a process of its own.
        tts = engine_class(engine, self) if engine else engine_class(self)
        if tts.state() == engine_class.State.Error or not tts.availableVoices():
            why = [tts.errorString() or "it has no voices", *_qt_warnings]
            self._fail(": ".join(why))
            return
        tts.setRate(_level(command.get("rate", 0.0), -1.0, 1.0))
        tts.setVolume(_level(command.get("volume", 0.8), 0.0, 1.0))
        tts.stateChanged.connect(self._on_state)
        self._tts = tts
        self._states = engine_class.State
        self._send(
            event="ready",
            engine=tts.engine(),
            locale=tts.locale().name(),
            voice=tts.voice().name(),
            locales=[locale.name() for locale in tts.availableLocales()],
        )

    def _say(self, sentence: int, text: str) -> None:
        self._current = sentence
        self._left_ready = False
        self._tts.say(text)

    def _set_rate_volume(self, command: dict[str, Any]) -> None:
        # Both checked before either is applied: a wrong field changes nothing.
        rate = _level(command["rate"], -1.0, 1.0) if "rate" in command else None
        volume = _level(command["volume"], 0.0, 1.0) if "volume" in command else None
        if rate is None and volume is None:
            raise KeyError("rate or volume")
        if rate is not None:
            self._tts.setRate(rate)
        if volume is not None:
            self._tts.setVolume(volume)
        self._send(event="set", rate=self._tts.rate(), volume=self._tts.volume())

    def _set_language(self, language: str) -> None:
        locale = pick_locale(list(self._tts.availableLocales()), self._tts.locale(), language)
        if locale is not None and locale != self._tts.locale():
            self._tts.setLocale(locale)
        self._send(
            event="locale",
            language=language,
            locale=self._tts.locale().name(),
            voice=self._tts.voice().name(),
            found=locale is not None,
        )

    @Slot(object)
    def _on_state(self, state: object) -> None:
        if self._current is None:
            return
        if state == self._states.Error:
            self._current = None
            self._send(event="error", message=self._tts.errorString() or "the engine failed")
        elif state == self._states.Ready:
            if self._left_ready:
                done, self._current = self._current, None
                self._send(event="done", id=done)
        else:
            self._left_ready = True

    def _fail(self, message: str) -> None:
        self._send(event="error", message=message)
        self._finish()

    def _finish(self) -> None:
        self._stdin.setEnabled(False)
        if self._tts is not None:
            self._tts.stop()
        QCoreApplication.quit()


def _level(value: object, lowest: float, highest: float) -> float:
    """A rate or volume brought within the engine's range; ValueError if it is no number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number")
    if not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    return max(lowest, min(highest, float(value)))


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the kiosk dies: a worker stuck inside the engine
    (holding the interpreter lock) would never notice its stdin closing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg:
        _qt_warnings.append(message)
    print(message)


def _protocol_output() -> TextIO:
    """Stdout for the protocol alone: anything else printing to it (a C library, a stray
    print) goes to stderr instead, where the kiosk logs it, and cannot garble an event."""
    protocol = os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return os.fdopen(protocol, "w", encoding="utf-8", buffering=1)


def main() -> int:
    _die_with_parent()
    # Ctrl+C in a terminal reaches the whole process group; the kiosk ends the worker itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = _protocol_output()
    qInstallMessageHandler(_log_qt_message)
    app = QCoreApplication(sys.argv[:1])
    worker = Worker(out)
    status = app.exec()
    del worker
    return status


if __name__ == "__main__":
    raise SystemExit(main())
