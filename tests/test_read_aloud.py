"""Read aloud on the kiosk's own screens: the voice stops, and its mark goes, as soon as the
page the patient listens to is no longer the page shown (the session's tests cover every way
of leaving; these press the real buttons and the staff corner)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from kiosk import words
from kiosk.config import Settings

from .helpers import ManualClock, click, reading, touch_tap

# The mock engine at its normal rate: a page takes several seconds, so it still speaks when
# the test presses the next button.
MOCK = Settings(animations=False, speech_engine="mock")


def _reading_aloud(make_window, qtbot):  # type: ignore[no-untyped-def]
    # A clock moved by hand: the staff screen's time-out, started by the corner, must not
    # go off in a later test, after this window is gone.
    window = make_window(settings=MOCK, clock=ManualClock())
    click(window.start_screen.section_buttons[1])
    with qtbot.waitSignal(window.session.read_aloud.sentence_started, timeout=10000):
        click(window.reading_screen.read_aloud_button)
    assert window.session.read_aloud.speaking
    return window


def test_a_larger_text_stops_the_voice_and_its_mark(make_window, qtbot):
    window = _reading_aloud(make_window, qtbot)
    slide = window.reading_screen.slide
    qtbot.waitUntil(lambda: slide._highlight is not None, timeout=10000)
    click(window.reading_screen.larger_text_button)
    assert window.session.position == reading(1, 0), "the same page number, other words"
    assert not window.session.read_aloud.speaking
    assert slide._highlight is None
    button = window.reading_screen.read_aloud_button
    assert not button.isChecked()
    assert button.text() == words.read_aloud_button()


def test_high_contrast_reads_on(make_window, qtbot):
    window = _reading_aloud(make_window, qtbot)
    click(window.reading_screen.contrast_button)
    assert window.session.theme.high_contrast
    assert window.session.read_aloud.speaking


def test_the_staff_corner_stops_the_voice(make_window, qtbot, touchscreen):
    window = _reading_aloud(make_window, qtbot)
    for _ in range(5):
        touch_tap(window, touchscreen, QPoint(30, 30))
    assert window.session.staff_present
    assert not window.session.read_aloud.speaking
    assert window.reading_screen.slide._highlight is None
