"""Going back to the start when nobody is reading: warn first, let a touch keep reading."""

from __future__ import annotations

import pytest

from kiosk.config import Settings
from kiosk.navigation import END, START
from kiosk.ui.idle_overlay import QUESTION_TEXT

from .helpers import centre_in, click, reading, touch_tap

# Shortened through the settings, as only tests may: people get at least 20 s of warning.
QUICK = Settings(idle_timeout=0.2, idle_warning=1.5, animations=False)


@pytest.fixture
def window(make_window):
    window = make_window(settings=QUICK)
    click(window.start_screen.section_buttons[1])
    assert window.position == reading(1, 0)
    return window


def test_warning_then_countdown_then_back_to_the_start(window, qtbot):
    overlay = window.idle_overlay
    with qtbot.waitSignal(window.idle.warning_started, timeout=3000):
        pass
    assert overlay.isVisible()
    assert QUESTION_TEXT in overlay.message
    assert overlay.seconds_left == 2
    assert "Going back to the start in 2 seconds" in overlay.message
    with qtbot.waitSignal(window.idle.countdown_changed, timeout=3000) as tick:
        pass
    assert tick.args == [1]
    assert overlay.seconds_left == 1
    assert "in 1 second" in overlay.message
    with qtbot.waitSignal(window.idle.expired, timeout=3000):
        pass
    assert window.position == START
    assert window.current_screen() is window.start_screen
    assert not overlay.isVisible()


def test_a_touch_keeps_reading_and_does_not_press_what_is_underneath(window, qtbot, touchscreen):
    next_button = window.reading_screen.next_button
    with qtbot.waitSignal(window.idle.warning_started, timeout=3000):
        pass
    with qtbot.waitSignal(window.idle.warning_cancelled, timeout=1000):
        touch_tap(window, touchscreen, centre_in(window, next_button))
    assert not window.idle_overlay.isVisible()
    assert window.position == reading(1, 0), "the dismissing touch also pressed Next"
    # The next touch is an ordinary one again.
    touch_tap(window, touchscreen, centre_in(window, next_button))
    assert window.position == reading(1, 1)


def test_a_mouse_click_on_the_warning_is_swallowed_too(window, qtbot):
    with qtbot.waitSignal(window.idle.warning_started, timeout=3000):
        pass
    with qtbot.waitSignal(window.idle.warning_cancelled, timeout=1000):
        click(window.reading_screen.home_button)
    assert window.position == reading(1, 0)
    # Dismissing starts the quiet time again: the warning comes back later, not at once.
    assert not window.idle.warning
    with qtbot.waitSignal(window.idle.warning_started, timeout=3000):
        pass


def test_the_end_screen_times_out_too(window, qtbot):
    window.show_position(END)
    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass
    assert window.position == START


def test_the_start_screen_never_times_out(make_window, qtbot):
    window = make_window(settings=QUICK)
    assert not window.idle.armed
    click(window.start_screen.start_button)
    assert window.idle.armed
    click(window.reading_screen.home_button)
    assert not window.idle.armed
    with qtbot.assertNotEmitted(window.idle.warning_started, wait=600):
        pass
    assert not window.idle_overlay.isVisible()


def test_the_default_warning_gives_at_least_twenty_seconds():
    assert Settings().idle_warning >= 20
