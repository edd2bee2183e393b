"""Going back to the start when nobody is reading: warn first, let a touch keep reading.

The kiosk's clock is a ManualClock here: a 90-second quiet spell takes no time, and no test
sleeps or waits on a real timer.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import words
from kiosk.config import Settings
from kiosk.navigation import END, START
from kiosk.session import RESUME_OFFER_S
from kiosk.theme import TextSize
from kiosk.ui.drift import BurnInDrift
from kiosk.ui.input_router import Mode

from .helpers import ManualClock, centre_in, click, reading, touch_tap

SETTINGS = Settings(animations=False, speech_engine="mock")  # 90 s, then 30 s of warning
TIMEOUT = SETTINGS.idle_timeout
WARNING = SETTINGS.idle_warning


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def window(make_window, clock):
    window = make_window(settings=SETTINGS, clock=clock)
    click(window.start_screen.section_buttons[1])
    assert window.session.position == reading(1, 0)
    return window


def test_warning_then_countdown_then_back_to_the_start(window, clock):
    overlay = window.idle_overlay
    clock.advance(TIMEOUT - 1)
    assert not overlay.isVisible()
    clock.advance(1)
    assert overlay.isVisible()
    assert words.idle_question() in overlay.message
    assert overlay.seconds_left == 30
    assert "Going back to the start in 30 seconds" in overlay.message
    clock.advance(1)
    assert overlay.seconds_left == 29
    clock.advance(WARNING - 2)
    assert "in 1 second" in overlay.message
    assert window.session.position == reading(1, 0)
    clock.advance(1)
    assert window.session.position == START
    assert window.current_screen() is window.start_screen
    assert not overlay.isVisible()


def test_a_touch_keeps_reading_and_does_not_press_what_is_underneath(window, clock, touchscreen):
    next_button = window.reading_screen.next_button
    clock.advance(TIMEOUT)
    assert window.idle_overlay.isVisible()
    touch_tap(window, touchscreen, centre_in(window, next_button))
    assert not window.idle_overlay.isVisible()
    assert window.session.position == reading(1, 0), "the dismissing touch also pressed Next"
    # The next touch is an ordinary one again.
    touch_tap(window, touchscreen, centre_in(window, next_button))
    assert window.session.position == reading(1, 1)


def test_a_touch_in_the_staff_corner_keeps_reading_too(window, clock, touchscreen):
    # The staff corner gesture must not eat the touch that says "still reading".
    clock.advance(TIMEOUT)
    assert window.idle_overlay.isVisible()
    touch_tap(window, touchscreen, QPoint(5, 5))
    assert not window.idle_overlay.isVisible()
    assert not window.session.idle.warning
    clock.advance(WARNING)
    assert window.session.position == reading(1, 0), "the warning ran out after all"


def test_a_mouse_click_on_the_warning_is_swallowed_too(window, clock):
    clock.advance(TIMEOUT)
    click(window.reading_screen.home_button)
    assert not window.idle_overlay.isVisible()
    assert window.session.position == reading(1, 0)
    # Dismissing starts the quiet time again: the warning comes back later, not at once.
    clock.advance(TIMEOUT - 1)
    assert not window.session.idle.warning
    clock.advance(1)
    assert window.session.idle.warning


def test_a_key_keeps_reading_without_turning_the_page(window, clock):
    clock.advance(TIMEOUT)
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert not window.idle_overlay.isVisible()
    assert window.session.position == reading(1, 0)


def test_every_touch_starts_the_quiet_spell_again(window, clock):
    clock.advance(TIMEOUT - 5)
    click(window.reading_screen.next_button)
    clock.advance(TIMEOUT - 5)
    assert not window.session.idle.warning, "the warning ignored the last touch"
    clock.advance(5)
    assert window.session.idle.warning


def test_the_end_screen_times_out_too(window, clock):
    window.session.go_to(END)
    clock.advance(TIMEOUT + WARNING)
    assert window.session.position == START


def wake_ups(clock: ManualClock) -> list[object]:
    """The wake-ups asked of the clock and not taken back, but for the start screen's burn-in
    step (one every few minutes while it shows: tests/test_burn_in.py)."""
    return [
        alarm
        for alarm in clock._alarms
        if not alarm.cancelled
        and not isinstance(getattr(alarm.callback, "__self__", None), BurnInDrift)
    ]


def test_a_fresh_start_screen_never_times_out_and_waits_for_nothing(make_window, clock):
    window = make_window(settings=SETTINGS, clock=clock)
    assert not window.session.idle.armed
    click(window.start_screen.start_button)
    assert window.session.idle.armed
    click(window.reading_screen.home_button)
    assert not window.session.idle.armed
    clock.advance(RESUME_OFFER_S)  # "Carry on reading" is offered this long, then nothing
    assert wake_ups(clock) == []
    clock.advance(10 * TIMEOUT)
    assert not window.idle_overlay.isVisible()
    assert window.current_screen() is window.start_screen


def test_the_start_screen_undoes_the_last_patients_choices_without_a_warning(
    make_window, clock, touchscreen
):
    window = make_window(settings=SETTINGS, clock=clock)
    session, reading_screen = window.session, window.reading_screen
    warnings = []
    session.idle.warning_started.connect(warnings.append)
    click(window.start_screen.start_button)
    click(reading_screen.larger_text_button)
    click(reading_screen.larger_text_button)
    click(reading_screen.contrast_button)
    click(reading_screen.home_button)
    assert window.current_screen() is window.start_screen
    clock.advance(TIMEOUT - 5)
    touch_tap(window, touchscreen, centre_in(window, window.start_screen.title_label))
    clock.advance(TIMEOUT - 1)
    assert session.theme.text_size is TextSize.LARGER, "undone despite the touch"
    assert session.theme.high_contrast
    clock.advance(1)
    assert session.theme.text_size is TextSize.STANDARD
    assert not session.theme.high_contrast
    assert window.current_screen() is window.start_screen
    assert warnings == [], "the start screen asked 'Still reading?'"
    assert not window.idle_overlay.isVisible()
    assert window.router.mode is Mode.READING
    # Undone, nothing waits to run: the screen may stay untouched all night at no cost.
    assert not session.idle.armed
    assert wake_ups(clock) == []
    clock.advance(10 * TIMEOUT)
    assert warnings == []


def test_the_countdown_waits_for_read_aloud_to_finish(make_window, clock, qtbot):
    settings = Settings(animations=False, speech_engine="mock", speech_rate=10)
    window = make_window(settings=settings, clock=clock)
    click(window.start_screen.section_buttons[1])
    read_aloud = window.session.read_aloud
    click(window.reading_screen.read_aloud_button)
    assert read_aloud.speaking
    clock.advance(TIMEOUT + WARNING)
    assert not window.idle_overlay.isVisible(), "'Still reading?' while the page is read"
    assert window.session.position == reading(1, 0)
    with qtbot.waitSignal(read_aloud.stopped, timeout=20_000):
        pass  # the mock voice reads the page to its end, in real time
    clock.advance(TIMEOUT - 1)
    assert not window.idle_overlay.isVisible()
    clock.advance(1)
    assert window.idle_overlay.isVisible()


def test_the_warning_goes_away_when_nothing_is_left_to_time_out(window, clock):
    clock.advance(TIMEOUT)
    assert window.idle_overlay.isVisible()
    window.session.show_updating("staff asked for it")
    assert not window.idle_overlay.isVisible()
    assert window.router.mode is Mode.READING, "touches would go on being swallowed"


def test_the_default_warning_gives_at_least_twenty_seconds():
    assert Settings().idle_warning >= 20


def test_a_wake_up_never_calls_into_a_deleted_timer(qtbot):
    """The staff screen's time-out, deleted with its window while its wake-up is pending on the
    kiosk's clock: the wake-up goes with it (no "Signal source has been deleted" later)."""
    import shiboken6

    from kiosk.clock import QtClock
    from kiosk.idle import InactivityTimer

    clock = QtClock()
    staff_timer = InactivityTimer(0.01, clock)
    staff_timer.start()
    shiboken6.delete(staff_timer)
    later: list[bool] = []
    alarm = clock.call_later(0.05, lambda: later.append(True))  # kept, as its users keep it
    qtbot.waitUntil(lambda: later == [True])
    assert alarm is not None


def test_a_list_of_parts_left_open_gives_the_next_patient_the_front(make_window, clock):
    """On a 7" panel "Choose a part" fills the screen with the list: left there, it goes back
    to the start screen's front after idle_timeout, as a patient's choices do."""
    from PySide6.QtCore import QSize

    settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=7)
    window = make_window(QSize(800, 480), settings=settings, clock=clock)
    start = window.start_screen
    assert start.parts_button.isVisible()
    click(start.parts_button)
    assert not start.start_button.isVisible(), "the list of parts did not fill the screen"
    assert window.session.idle.armed
    clock.advance(TIMEOUT)
    assert start.start_button.isVisible()
    assert window.current_screen() is start
    assert not window.session.idle.armed
