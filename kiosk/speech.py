"""Reading the page aloud with QtTextToSpeech, one sentence at a time so the sentence being
spoken can be marked on screen.

QtTextToSpeech is in PySide6-Addons and needs the system's PulseAudio library to import; a
kiosk without it (or without any speech engine) simply has no Read aloud button, and says why
once in the log.
"""

from __future__ import annotations

import importlib
import logging
import re
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal, Slot

log = logging.getLogger(__name__)

_SENTENCE = re.compile(r"[^.!?\u2029\n]+(?:[.!?]+[\"'\u201d\u2019)\]]*)?\s*|[\u2029\n]+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, without the spaces after it."""
    found = []
    for match in _SENTENCE.finditer(text):
        chunk = match.group(0)
        stripped = chunk.rstrip()
        if stripped.strip():
            start = match.start() + (len(chunk) - len(chunk.lstrip()))
            found.append((start, match.start() + len(stripped)))
    return found


def _import_text_to_speech() -> Any:
    return importlib.import_module("PySide6.QtTextToSpeech")


class ReadAloud(QObject):
    """Speaks text sentence by sentence and says which one is being spoken."""

    sentence_started = Signal(int, int)  # (start, end) within the text given to speak()
    stopped = Signal()  # finished, or stopped

    def __init__(
        self,
        engine: str = "",
        rate: int = 0,
        volume: int = 80,
        parent: QObject | None = None,
        *,
        load_now: bool = True,
    ) -> None:
        super().__init__(parent)
        self._queue: list[tuple[int, int]] = []
        self._text = ""
        self._speaking = False
        self._tts: Any = None
        self._engine_name = engine
        self._rate = rate
        self._volume = volume
        self._language = ""
        self.loaded = False
        self.unavailable_reason = ""
        if load_now:
            self.load()

    def load(self) -> None:
        """Find the speech engine (slow: the kiosk does it after its first frame)."""
        if self.loaded:
            return
        self.loaded = True
        engine, rate, volume = self._engine_name, self._rate, self._volume
        try:
            module = _import_text_to_speech()
        except ImportError as error:
            self.unavailable_reason = (
                f"the speech module cannot load on this system ({error}); install PulseAudio's "
                "library (libpulse0) and a speech engine (speech-dispatcher, espeak-ng)"
            )
        else:
            engines = list(module.QTextToSpeech.availableEngines())
            if engine and engine not in engines:
                self.unavailable_reason = (
                    f"the speech engine '{engine}' is not installed (available: "
                    f"{', '.join(engines) or 'none'})"
                )
            elif not engines:
                self.unavailable_reason = "no speech engine is installed"
            else:
                tts = module.QTextToSpeech(engine, self) if engine else module.QTextToSpeech(self)
                if tts.state() == module.QTextToSpeech.State.Error or not tts.availableVoices():
                    name = (
                        f"the speech engine '{tts.engine()}'"
                        if tts.engine()
                        else (f"the default speech engine ({', '.join(engines)})")
                    )
                    self.unavailable_reason = (
                        f"{name} has no working voice ({tts.errorString() or 'no voices'}); "
                        "is speech-dispatcher with espeak-ng installed?"
                    )
                else:
                    tts.setRate(max(-1.0, min(1.0, rate / 10)))
                    tts.setVolume(max(0.0, min(1.0, volume / 100)))
                    tts.stateChanged.connect(self._on_state)
                    self._tts = tts
                    self._ready_state = module.QTextToSpeech.State.Ready
        if self.unavailable_reason:
            log.info("Read aloud is not offered: %s", self.unavailable_reason)
        elif self._language:
            self.set_language(self._language)

    @property
    def available(self) -> bool:
        return self._tts is not None

    @property
    def speaking(self) -> bool:
        return self._speaking

    def set_language(self, language: str) -> None:
        """Speak with a voice for the article's language, where the engine has one."""
        self._language = language
        if not self._tts:
            return
        wanted = QLocale(language.replace("-", "_"))
        for locale in self._tts.availableLocales():
            if locale.language() == wanted.language():
                self._tts.setLocale(locale)
                return
        log.info("No voice for the language '%s'; using %s", language, self._tts.locale().name())

    def speak(self, text: str) -> None:
        """Read `text` aloud from its first sentence."""
        self.stop()
        if not self._tts:
            return
        self._text = text
        self._queue = sentences(text)
        self._speaking = bool(self._queue)
        self._next_sentence()

    def stop(self) -> None:
        was_speaking = self._speaking
        self._queue = []
        self._speaking = False
        if self._tts:
            self._tts.stop()
        if was_speaking:
            self.stopped.emit()

    def _next_sentence(self) -> None:
        if not self._queue:
            if self._speaking:
                self._speaking = False
                self.stopped.emit()
            return
        start, end = self._queue.pop(0)
        self.sentence_started.emit(start, end)
        self._tts.say(self._text[start:end])

    @Slot(object)
    def _on_state(self, state: object) -> None:
        if state == self._ready_state and self._speaking:
            self._next_sentence()
