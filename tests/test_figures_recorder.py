"""What the reading figures count as a patient reads: one reading from the start screen back
to it, each section once, the end once, each comfort choice once, every page shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize

from kiosk.config import Settings
from kiosk.figures import ReadingFigures, read_rows
from kiosk.figures_recorder import FiguresRecorder
from kiosk.navigation import START, Position, Screen

from .helpers import reading

DAY = dt.date(2026, 11, 25)


def counts(path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {row.measure: row.count for row in read_rows(path)}


def test_a_reading_is_counted_once_with_its_sections_pages_and_end(make_window, tmp_path):
    window = make_window(QSize(1920, 1080), settings=Settings(animations=False))
    session = window.session
    path = tmp_path / "figures.sqlite3"
    recorder = FiguresRecorder(session, ReadingFigures(path, lambda: DAY))
    session.go_to(reading(0, 0))
    session.go_to(reading(0, 1))
    session.go_to(reading(1, 0))
    session.go_to(reading(0, 1))  # back again: a page viewed, the section not reached again
    session.go_to(Position(Screen.END))
    session.go_to(START)
    session.go_to(reading(2, 0))  # the next patient, straight to the third section
    recorder.flush()
    assert counts(path) == {
        "readings started": 2,
        "pages viewed": 5,
        "section reached 1": 1,
        "section reached 2": 1,
        "section reached 3": 1,
        "readings finished": 1,
    }
    (row, *_) = read_rows(path)
    assert (row.article, row.language) == ("ketamine-chronic-pain", "en")


def test_comfort_choices_count_once_per_reading_even_when_made_on_the_start_screen(
    make_window, tmp_path
):
    window = make_window(QSize(1920, 1080), settings=Settings(animations=False))
    session = window.session
    path = tmp_path / "figures.sqlite3"
    recorder = FiguresRecorder(session, ReadingFigures(path, lambda: DAY))
    session.larger_text()  # on the start screen: counted for the reading that follows
    session.go_to(reading(0, 0))
    session.larger_text()
    session.toggle_contrast()
    session.toggle_contrast()
    session.toggle_contrast()
    recorder.flush()
    found = counts(path)
    assert found["text size changed"] == 1
    assert found["high contrast chosen"] == 1
    assert "read aloud used" not in found


def test_nothing_is_written_between_the_minutes(make_window, tmp_path):
    window = make_window(QSize(1920, 1080), settings=Settings(animations=False))
    path = tmp_path / "figures.sqlite3"
    FiguresRecorder(window.session, ReadingFigures(path, lambda: DAY))
    window.session.go_to(reading(0, 0))
    assert not path.exists()
