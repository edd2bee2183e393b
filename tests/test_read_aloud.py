"""Read aloud on the kiosk's own screens: the voice stops, and its mark goes, as soon as the
page the patient listens to is no longer the page shown (the session's tests cover every way
of leaving; these press the real buttons and the staff corner); its volume and speed, on the
screen, reach the voice, stop at their last steps and are the configured ones again for the
next patient."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor

from kiosk import words
from kiosk.config import Settings
from kiosk.navigation import START
from kiosk.session import KioskSession
from kiosk.speech import ReadAloud
from kiosk.theme import contrast_ratio
from kiosk.ui.window import KioskWindow

from .helpers import ManualClock, click, reading, touch_tap
from .test_speech import FAKE_WORKER

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


# Read aloud's volume and speed on the screen: a stand-in worker (tests/test_speech.py) records
# every line the kiosk sends it and never finishes a sentence, so the voice is still "speaking"
# when the patient reaches for Louder.


def _window_with_recorded_worker(qtbot, article, tmp_path, size=None, **options):  # type: ignore[no-untyped-def]
    """A shown kiosk window (1920x1080 unless `size`) whose voice is the recording stand-in:
    the window, the file of what the worker is told, and the kiosk's clock."""
    script = tmp_path / "fake_worker.py"
    script.write_text(FAKE_WORKER, encoding="utf-8")
    record = tmp_path / "told.jsonl"
    record.touch()
    clock = ManualClock()
    settings = Settings(animations=False, speech_engine="mock", **options)
    reader = ReadAloud("mock", worker_command=[sys.executable, str(script), "mute", str(record)])
    session = KioskSession(article, settings, clock, read_aloud=reader)
    window = KioskWindow(session, settings, clock)
    qtbot.addWidget(window)
    window.resize(size or QSize(1920, 1080))
    with (
        qtbot.waitExposed(window),
        qtbot.waitSignal(reader.availability_changed, timeout=5000),
    ):
        window.show()
    return window, record, clock


def _told(record) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """The (rate, volume) of every "start" and "set" the worker was told, in order."""
    lines = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    return [(line["rate"], line["volume"]) for line in lines if line["cmd"] in ("start", "set")]


def test_louder_and_slower_on_screen_reach_the_voice_while_it_speaks(qtbot, article, tmp_path):
    window, record, _ = _window_with_recorded_worker(qtbot, article, tmp_path)
    screen = window.reading_screen
    window.session.go_to(reading(1))
    click(screen.read_aloud_button)
    qtbot.waitUntil(lambda: '"say"' in record.read_text(encoding="utf-8"), timeout=5000)
    assert screen.sound_button.isVisible()
    click(screen.sound_button)
    sheet = screen.sheet
    assert sheet.isVisible()
    assert sheet.volume_label.text() == "Volume: Normal"
    click(sheet.louder_button)
    qtbot.waitUntil(lambda: _told(record)[-1] == (0.0, 1.0), timeout=5000)
    click(sheet.slower_button)
    qtbot.waitUntil(lambda: _told(record)[-1] == (-0.3, 1.0), timeout=5000)
    assert window.session.read_aloud.speaking, "a step changes the voice, it does not stop it"
    assert sheet.volume_label.text() == "Volume: Loud"
    assert sheet.speed_label.text() == "Speed: Slower"
    window.session.read_aloud.shutdown()


def test_the_last_step_each_way_greys_out(qtbot, article, tmp_path):
    window, _, _ = _window_with_recorded_worker(qtbot, article, tmp_path)
    screen = window.reading_screen
    window.session.go_to(reading(1))
    click(screen.sound_button)
    sheet = screen.sheet
    steps = (sheet.quieter_button, sheet.louder_button, sheet.slower_button, sheet.faster_button)
    assert all(button.isEnabled() for button in steps)
    click(sheet.quieter_button)
    click(sheet.faster_button)
    assert not sheet.quieter_button.isEnabled()
    assert not sheet.faster_button.isEnabled()
    assert sheet.louder_button.isEnabled()
    assert sheet.slower_button.isEnabled()
    assert (sheet.volume_label.text(), sheet.speed_label.text()) == (
        "Volume: Quiet",
        "Speed: Faster",
    )
    click(sheet.quieter_button)  # nothing: the steps never wrap round
    assert window.session.speech_volume.name == "QUIET"
    # Drawn faded: its edge and words in the faded ink, none in the working accent.
    theme = window.session.theme
    image = sheet.quieter_button.grab().toImage()
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert QColor(theme.disabled_ink).name() in colours
    assert theme.palette.accent not in colours
    assert contrast_ratio(theme.disabled_ink, theme.palette.card) >= 3


@pytest.mark.parametrize("leave", ["idle", "home"])
def test_the_next_patient_hears_the_configured_volume_and_speed(qtbot, article, tmp_path, leave):
    window, _, clock = _window_with_recorded_worker(qtbot, article, tmp_path)
    session, screen = window.session, window.reading_screen
    session.go_to(reading(1))
    click(screen.sound_button)
    click(screen.sheet.louder_button)
    click(screen.sheet.slower_button)
    assert (session.read_aloud.volume, session.read_aloud.rate) == (1.0, -0.3)
    if leave == "home":
        click(screen.sheet.close_button)
        click(screen.home_button)
        assert session.position == START
        # The start screen undoes the choices after its quiet spell.
        clock.advance(session.quiet_spell() + 1)
    else:
        # "Still reading?", unanswered.
        clock.advance(session.quiet_spell() + Settings().idle_warning + 1)
    assert session.position == START
    assert (session.read_aloud.volume, session.read_aloud.rate) == (0.8, 0.0)
    sheet = screen.sheet
    assert (sheet.volume_label.text(), sheet.speed_label.text()) == (
        "Volume: Normal",
        "Speed: Normal",
    )
    assert all(
        button.isEnabled()
        for button in (sheet.quieter_button, sheet.louder_button, sheet.slower_button)
    )


def test_a_small_panels_menu_holds_read_aloud_and_its_volume_and_speed(qtbot, article, tmp_path):
    window, record, _ = _window_with_recorded_worker(
        qtbot, article, tmp_path, QSize(800, 480), screen_diagonal_inches=7.0
    )
    screen = window.reading_screen
    window.session.go_to(reading(1))
    assert not screen.read_aloud_button.isVisible()
    assert not screen.sound_button.isVisible()
    click(screen.menu_button)
    sheet = screen.sheet
    click(sheet.read_aloud_button)
    qtbot.waitUntil(lambda: '"say"' in record.read_text(encoding="utf-8"), timeout=5000)
    click(sheet.quieter_button)
    qtbot.waitUntil(lambda: _told(record)[-1] == (0.0, 0.4), timeout=5000)
    assert sheet.volume_label.text() == "Volume: Quiet"
    window.session.read_aloud.shutdown()


def test_without_read_aloud_there_is_no_sound_button(make_window):
    window = make_window(settings=Settings(animations=False, speech_engine="nonexistent"))
    window.session.go_to(reading(1))
    assert not window.reading_screen.sound_button.isVisible()
