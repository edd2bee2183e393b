"""Counting what patients do, for the anonymous reading figures (kiosk.figures).

A reading begins when a patient leaves the start screen for a page and ends when the start
screen comes back (Home, or the idle reset). Per reading, the recorder counts once that it
started, once each section it reached, once if it reached the end, and once each comfort
choice it used (text size, high contrast, Read aloud); and every page shown. It keeps only
the current reading's few flags in memory; what reaches the file is kiosk.figures' daily
counts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.figures import WRITE_EVERY_S, Measure, ReadingFigures, section_measure
from kiosk.navigation import Position, Screen
from kiosk.session import KioskSession


class FiguresRecorder(QObject):
    """Watches `session` and counts into `figures`, writing them once a minute and when
    `flush` is called (at quitting)."""

    def __init__(
        self, session: KioskSession, figures: ReadingFigures, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._figures = figures
        self._reading = False
        self._sections: set[int] = set()
        self._used: set[Measure] = set()  # counted in this reading
        self._chosen_before: set[Measure] = set()  # on the start screen, for the next reading
        self._finished = False
        self._previous_choices = self._choices()
        session.position_changed.connect(self._on_position)
        session.choices_changed.connect(self._on_choices)
        session.speaking_changed.connect(self._on_speaking)
        self._writer = QTimer(self)
        self._writer.setInterval(WRITE_EVERY_S * 1000)
        self._writer.timeout.connect(self.flush)
        self._writer.start()

    @property
    def path(self) -> Path:
        """The figures' file."""
        return self._figures.path

    @Slot()
    def flush(self) -> None:
        self._figures.write()

    def today(self) -> dict[tuple[str, str, str], int]:
        """Today's counts so far (see ReadingFigures.today)."""
        return self._figures.today()

    def _count(self, measure: Measure | str, amount: int = 1) -> None:
        article = self._session.article
        if article is None:
            return
        key = article.path.name.removesuffix(".md")
        self._figures.count(key, article.language, measure, amount)

    def _choices(self) -> tuple[object, bool]:
        theme = self._session.theme
        return theme.text_size, theme.high_contrast

    @Slot(object, int)
    def _on_position(self, position: Position, _direction: int) -> None:
        if position.screen is Screen.START:
            self._reading = False
            return
        if not self._reading:
            self._reading = True
            self._sections = set()
            self._used = set()
            self._finished = False
            self._count(Measure.STARTED)
            for measure in sorted(self._chosen_before):
                self._use(measure)
            self._chosen_before = set()
        if position.screen is Screen.READING:
            self._count(Measure.PAGES)
            if position.section not in self._sections:
                self._sections.add(position.section)
                self._count(section_measure(position.section + 1))
        elif position.screen is Screen.END and not self._finished:
            self._finished = True
            self._count(Measure.FINISHED)

    @Slot()
    def _on_choices(self) -> None:
        size, contrast = self._choices()
        previous_size, previous_contrast = self._previous_choices
        self._previous_choices = (size, contrast)
        if size != previous_size:
            self._use(Measure.TEXT_SIZE)
        if contrast and not previous_contrast:
            self._use(Measure.CONTRAST)

    @Slot(bool)
    def _on_speaking(self, speaking: bool) -> None:
        if speaking:
            self._use(Measure.READ_ALOUD)

    def _use(self, measure: Measure) -> None:
        """Count `measure` once per reading; chosen on the start screen, for the reading that
        follows."""
        if not self._reading:
            self._chosen_before.add(measure)
        elif measure not in self._used:
            self._used.add(measure)
            self._count(measure)
