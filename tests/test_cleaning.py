"""The cleaning pause: "Clean the screen" on the staff screen ignores every touch for 30
seconds with a large countdown, then the start screen is back; a still 3-second hold on the
countdown ends it sooner, a wipe never does.

The kiosk's clock is a ManualClock: 30 seconds take no time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest

from kiosk.config import Settings
from kiosk.navigation import START
from kiosk.ui.cleaning import CLEANING_S, HOLD_S
from kiosk.ui.input_router import Mode

from .helpers import ManualClock, build_window, centre_in, click, reading, touch_tap

SETTINGS = Settings(animations=False, speech_engine="mock")


@pytest.fixture
def clock():
    return ManualClock()


def open_staff_screen(window, clock, touchscreen) -> None:
    """The corner, then (no PIN is set) the hold button for 3 seconds."""
    for _ in range(5):
        touch_tap(window, touchscreen, QPoint(10, 10))
    hold = window.pin_pad.hold_button
    centre = hold.rect().center()
    QTest.mousePress(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    clock.advance(3)
    QTest.mouseRelease(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert window.current_screen() is window.staff_screen


@pytest.fixture
def cleaning(qtbot, article, clock, touchscreen):
    """A shown kiosk, a patient on the first page, staff who pressed "Clean the screen"."""

    def make(size: QSize | None = None, diagonal: float = 0.0):
        size = size or QSize(1920, 1080)
        settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)
        window = build_window(article, settings, clock, pin_hash=lambda: "")
        qtbot.addWidget(window)
        window.resize(size)
        with qtbot.waitExposed(window):
            window.show()
        qtbot.waitUntil(lambda: window.size() == size)
        click(window.start_screen.start_button)
        assert window.session.position == reading(0, 0)
        open_staff_screen(window, clock, touchscreen)
        click(window.staff_screen.clean_button)
        return window

    return make


def ring_centre(window) -> QPoint:
    screen = window.cleaning_screen
    return screen.mapTo(window, screen.countdown_rect().center())


def test_clean_the_screen_shows_a_large_countdown_in_place_of_the_staff_screen(cleaning):
    window = cleaning()
    screen = window.cleaning_screen
    assert screen.isVisible()
    assert screen.geometry() == window.rect()
    # The staff screen is left: under the pause waits the start screen.
    assert not window.staff_screen.isVisible()
    assert window.current_screen() is window.start_screen
    assert "Cleaning: touches are ignored for 30 seconds" in screen.message
    assert screen.seconds_left == CLEANING_S
    ring = screen.countdown_rect()
    theme = window.session.theme
    assert ring.width() >= theme.cleaning_ring_least
    assert window.rect().contains(ring)


def test_touches_and_keys_during_the_pause_do_nothing(cleaning, clock, touchscreen):
    window = cleaning()
    session = window.session
    staff = window.staff_screen
    places = [
        centre_in(window, staff.exit_button),
        centre_in(window, staff.back_button),
        centre_in(window, staff.clean_button),
        centre_in(window, window.start_screen.start_button),
        QPoint(10, 10),
    ]
    for _ in range(5):  # the staff corner too
        for point in places:
            touch_tap(window, touchscreen, point)
    # A cloth: a few fingers' worth of contact dragged across the glass.
    wipe = QTest.touchEvent(window, touchscreen)
    for finger, x in enumerate((400, 480, 560)):
        wipe.press(finger, QPoint(x, 300), window)
    wipe.commit()
    for step in range(1, 8):
        wipe = QTest.touchEvent(window, touchscreen)
        for finger, x in enumerate((400, 480, 560)):
            wipe.move(finger, QPoint(x + 150 * step, 300 + 40 * step), window)
        wipe.commit()
    wipe = QTest.touchEvent(window, touchscreen)
    for finger, x in enumerate((400, 480, 560)):
        wipe.release(finger, QPoint(x + 1050, 580), window)
    wipe.commit()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Home):
        QTest.keyClick(window, key)
    assert window.cleaning_screen.isVisible()
    assert window.router.mode is Mode.CLEANING
    assert not window.pin_pad.isVisible()
    assert not staff.asking_to_exit
    assert session.position == START


def test_thirty_seconds_later_the_start_screen_is_back(cleaning, clock, touchscreen):
    window = cleaning()
    screen = window.cleaning_screen
    clock.advance(1)
    assert screen.seconds_left == CLEANING_S - 1
    # The staff screen's own time-out does not cut the pause short.
    clock.advance(CLEANING_S - 2.1)
    assert screen.isVisible()
    assert screen.seconds_left == 2
    clock.advance(1)
    assert screen.seconds_left == 1
    clock.advance(0.2)
    assert not screen.isVisible()
    assert window.current_screen() is window.start_screen
    assert window.router.mode is Mode.READING
    assert not window.in_staff_mode
    assert window.session.position == START
    touch_tap(window, touchscreen, centre_in(window, window.start_screen.start_button))
    assert window.session.position == reading(0, 0)


def test_a_still_three_second_hold_on_the_countdown_ends_it(cleaning, clock, touchscreen):
    window = cleaning()
    screen = window.cleaning_screen
    centre = ring_centre(window)
    finger = QTest.touchEvent(window, touchscreen)
    finger.press(0, centre, window).commit()
    assert screen.holding
    # A shaky finger stays a still one.
    for shake in (QPoint(4, -3), QPoint(-5, 2), QPoint(3, 5)):
        clock.advance(0.9)
        QTest.touchEvent(window, touchscreen).move(0, centre + shake, window).commit()
    assert screen.isVisible()
    clock.advance(HOLD_S - 2.7 + 0.01)
    assert not screen.isVisible()
    assert window.current_screen() is window.start_screen
    assert window.router.mode is Mode.READING
    # Lifting the finger afterwards presses nothing on the start screen.
    QTest.touchEvent(window, touchscreen).release(0, centre, window).commit()
    assert window.session.position == START


def test_a_hold_let_go_too_early_does_not_end_it(cleaning, clock, touchscreen):
    window = cleaning()
    centre = ring_centre(window)
    QTest.touchEvent(window, touchscreen).press(0, centre, window).commit()
    clock.advance(HOLD_S - 0.1)
    QTest.touchEvent(window, touchscreen).release(0, centre, window).commit()
    clock.advance(1)
    assert window.cleaning_screen.isVisible()


def test_a_moving_wipe_over_the_countdown_does_not_end_it(cleaning, clock, touchscreen):
    window = cleaning()
    screen = window.cleaning_screen
    centre = ring_centre(window)
    slop = window.session.theme.tap_slop
    # One finger (or the cloth's one contact) lands on the countdown and wipes round it.
    QTest.touchEvent(window, touchscreen).press(0, centre, window).commit()
    for step in range(1, 13):
        clock.advance(0.5)
        offset = QPoint(round(3 * slop) if step % 2 else -round(3 * slop), 0)
        QTest.touchEvent(window, touchscreen).move(0, centre + offset, window).commit()
    # Back over the middle and still for longer than a hold: it moved, so it is no hold.
    QTest.touchEvent(window, touchscreen).move(0, centre, window).commit()
    clock.advance(HOLD_S + 1)
    assert screen.isVisible()
    QTest.touchEvent(window, touchscreen).release(0, centre, window).commit()
    assert screen.isVisible()


def test_a_hand_resting_on_the_countdown_does_not_end_it(cleaning, clock, touchscreen):
    window = cleaning()
    centre = ring_centre(window)
    palm = QTest.touchEvent(window, touchscreen)
    for finger, shift in enumerate((QPoint(0, 0), QPoint(40, 10), QPoint(-30, 25))):
        palm.press(finger, centre + shift, window)
    palm.commit()
    clock.advance(HOLD_S + 1)
    assert window.cleaning_screen.isVisible()


def test_a_finger_that_lands_beside_the_countdown_and_slides_onto_it_holds_nothing(
    cleaning, clock, touchscreen
):
    window = cleaning()
    ring = window.cleaning_screen.countdown_rect()
    beside = window.cleaning_screen.mapTo(window, QPoint(ring.right() + 40, ring.center().y()))
    QTest.touchEvent(window, touchscreen).press(0, beside, window).commit()
    QTest.touchEvent(window, touchscreen).move(0, ring_centre(window), window).commit()
    clock.advance(HOLD_S + 1)
    assert window.cleaning_screen.isVisible()


def test_staff_with_a_mouse_can_hold_the_countdown_too(cleaning, clock):
    window = cleaning()
    screen = window.cleaning_screen
    where = screen.countdown_rect().center()
    QTest.mousePress(screen, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    clock.advance(HOLD_S)
    assert not screen.isVisible()
    assert window.current_screen() is window.start_screen


def test_after_cleaning_at_night_the_screen_is_black_again(cleaning, clock, touchscreen):
    window = cleaning()
    window.wall = lambda: dt.datetime(2026, 3, 14, 19, 30)
    window.set_closed(True, dt.datetime(2026, 3, 16, 8, 0))
    assert not window.cleaning_screen.isVisible(), "closing ends the pause"
    assert window.closed_screen.isVisible()
    open_staff_screen(window, clock, touchscreen)
    click(window.staff_screen.clean_button)
    assert window.cleaning_screen.isVisible()
    clock.advance(CLEANING_S)
    assert not window.cleaning_screen.isVisible()
    assert window.closed_screen.isVisible()
    assert window.router.mode is Mode.CLOSED


@pytest.mark.parametrize(
    ("size", "diagonal"),
    [
        (QSize(800, 480), 7.0),
        (QSize(1280, 800), 10.1),
        (QSize(800, 1280), 10.1),
        (QSize(1366, 768), 15.6),
        (QSize(1920, 1080), 21.5),
        (QSize(1080, 1920), 21.5),
        (QSize(3840, 2160), 55.0),
    ],
    ids=["7in", "10in", "10in-portrait", "15.6in", "21.5in", "21.5in-portrait", "55in"],
)
def test_every_word_and_the_countdown_fit_every_panel(cleaning, size, diagonal):
    window = cleaning(size, diagonal)
    screen = window.cleaning_screen
    layout = screen.cleaning_layout()
    assert layout.fits
    theme = window.session.theme
    parts = {"heading": layout.heading, "ring": layout.ring, "hint": layout.hint}
    for name, rect in parts.items():
        assert screen.rect().contains(rect), f"{name} {rect} is off the screen"
    assert not layout.heading.intersects(layout.ring)
    assert not layout.hint.intersects(layout.ring)
    assert not layout.heading.intersects(layout.hint)
    # The countdown is a target a finger holds, 15 mm or more across.
    millimetres = theme.mm(layout.ring.width())
    assert millimetres is not None
    assert millimetres >= 15
    # Its seconds are the largest words on the screen.
    assert layout.ring.height() * 0.38 >= layout.heading_px
