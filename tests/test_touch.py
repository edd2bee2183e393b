"""Turning pages by touch, mouse and keyboard, through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.config import Settings
from kiosk.navigation import START
from kiosk.ui.reading_screen import MAX_TURN_MS

from .helpers import click, horizontal, mouse_drag, reading, touch_path, touch_tap


@pytest.fixture
def window(make_window):
    """The reading screen on section 2, page 1 (section 2 has two pages at 1920x1080)."""
    window = make_window()
    click(window.start_screen.section_buttons[1])
    assert window.session.position == reading(1, 0)
    return window


def slide_point(window, fraction_x: float, fraction_y: float = 0.5) -> QPoint:
    slide = window.reading_screen.slide
    local = QPoint(round(slide.width() * fraction_x), round(slide.height() * fraction_y))
    return slide.mapTo(window, local)


def test_swipe_left_shows_the_next_page_and_right_the_previous(window, touchscreen):
    touch_path(window, touchscreen, horizontal(slide_point(window, 0.7), -400))
    assert window.session.position == reading(1, 1)
    touch_path(window, touchscreen, horizontal(slide_point(window, 0.3), 400))
    assert window.session.position == reading(1, 0)


def test_swipe_on_a_sections_last_page_goes_to_the_next_section(window, touchscreen):
    click(window.reading_screen.next_button)
    touch_path(window, touchscreen, horizontal(slide_point(window, 0.7), -400))
    assert window.session.position == reading(2, 0)


def test_the_page_follows_the_finger_before_it_lets_go(make_window, touchscreen):
    window = make_window(settings=Settings(animations=True))
    click(window.start_screen.section_buttons[1])
    slide = window.reading_screen.slide
    start = slide_point(window, 0.6)
    QTest.touchEvent(window, touchscreen).press(0, start, window).commit()
    QTest.touchEvent(window, touchscreen).move(0, start + QPoint(-150, 0), window).commit()
    assert slide.offset == pytest.approx(-150)
    QTest.touchEvent(window, touchscreen).move(0, start + QPoint(-300, 4), window).commit()
    assert slide.offset == pytest.approx(-300)
    QTest.touchEvent(window, touchscreen).release(0, start + QPoint(-300, 4), window).commit()
    assert window.session.position == reading(1, 1)


def test_without_animations_the_page_stays_still_under_the_finger(window, touchscreen):
    slide = window.reading_screen.slide
    start = slide_point(window, 0.6)
    QTest.touchEvent(window, touchscreen).press(0, start, window).commit()
    QTest.touchEvent(window, touchscreen).move(0, start + QPoint(-300, 0), window).commit()
    assert slide.offset == 0
    QTest.touchEvent(window, touchscreen).release(0, start + QPoint(-300, 0), window).commit()
    assert window.session.position == reading(1, 1)


def test_a_drag_that_comes_back_snaps_back_to_the_same_page(window, touchscreen):
    start = slide_point(window, 0.6)
    path = [
        start,
        start + QPoint(-60, 0),
        start + QPoint(-120, 0),
        start + QPoint(-30, 0),
        start + QPoint(-20, 0),
    ]
    touch_path(window, touchscreen, path)
    assert window.session.position == reading(1, 0)
    assert window.reading_screen.slide.offset == 0


def test_a_tap_in_the_middle_is_never_a_swipe(window, touchscreen):
    touch_tap(window, touchscreen, slide_point(window, 0.5))
    touch_path(
        window, touchscreen, [slide_point(window, 0.5), slide_point(window, 0.5) + QPoint(8, 3)]
    )
    assert window.session.position == reading(1, 0)


def test_taps_on_the_outer_edges_turn_pages(window, touchscreen):
    touch_tap(window, touchscreen, slide_point(window, 0.93))
    assert window.session.position == reading(1, 1)
    touch_tap(window, touchscreen, slide_point(window, 0.07))
    assert window.session.position == reading(1, 0)
    touch_tap(window, touchscreen, slide_point(window, 0.20))  # beyond the 15 % edge
    assert window.session.position == reading(1, 0)


def test_two_fingers_do_not_turn_the_page(window, touchscreen):
    first, second = slide_point(window, 0.6, 0.4), slide_point(window, 0.6, 0.6)
    QTest.touchEvent(window, touchscreen).press(0, first, window).press(1, second, window).commit()
    for step in range(1, 6):
        shift = QPoint(-80 * step, 0)
        QTest.touchEvent(window, touchscreen).move(0, first + shift, window).move(
            1, second + shift, window
        ).commit()
    QTest.touchEvent(window, touchscreen).release(0, first + shift, window).release(
        1, second + shift, window
    ).commit()
    assert window.session.position == reading(1, 0)


def test_touching_the_next_button_turns_the_page(window, touchscreen):
    button = window.reading_screen.next_button
    touch_tap(window, touchscreen, button.mapTo(window, button.rect().center()))
    assert window.session.position == reading(1, 1)


def test_mouse_drag_turns_pages_too(window):
    slide = window.reading_screen.slide
    middle = QPoint(slide.width() // 2, slide.height() // 2)
    mouse_drag(slide, horizontal(middle, -500))
    assert window.session.position == reading(1, 1)
    mouse_drag(slide, horizontal(middle, 500))
    assert window.session.position == reading(1, 0)


def test_a_fast_short_fling_turns_the_page_and_a_slow_one_does_not(window):
    slide = window.reading_screen.slide
    middle = QPoint(slide.width() // 2, slide.height() // 2)
    short = horizontal(middle, -100, steps=4)  # 100 px: well under 8 % of 1920
    mouse_drag(slide, short, step_ms=200)
    assert window.session.position == reading(1, 0)
    mouse_drag(slide, short, step_ms=10)
    assert window.session.position == reading(1, 1)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_Right, reading(1, 1)),
        (Qt.Key.Key_PageDown, reading(1, 1)),
        (Qt.Key.Key_Space, reading(1, 1)),
        (Qt.Key.Key_Left, reading(0, 0)),
        (Qt.Key.Key_PageUp, reading(0, 0)),
        (Qt.Key.Key_Home, START),
    ],
)
def test_keys_for_staff(window, key, expected):
    QTest.keyClick(window, key)
    assert window.session.position == expected


def test_page_turns_slide_briefly_when_animations_are_on(make_window, qtbot, touchscreen):
    window = make_window(settings=Settings(animations=True))
    click(window.start_screen.section_buttons[1])
    slide = window.reading_screen.slide
    click(window.reading_screen.next_button)
    assert window.session.position == reading(1, 1)
    assert slide.is_animating
    assert slide._animation.duration() <= MAX_TURN_MS
    assert slide.offset > 0  # the new page comes in from the right
    qtbot.waitUntil(lambda: not slide.is_animating, timeout=2000)
    assert slide.offset == 0
    # A swipe continues from where the finger left the page: less way to go, less time.
    touch_path(window, touchscreen, horizontal(slide_point(window, 0.3), 700))
    assert window.session.position == reading(1, 0)
    assert slide._animation.duration() < MAX_TURN_MS
    qtbot.waitUntil(lambda: not slide.is_animating, timeout=2000)


def test_no_motion_at_all_when_animations_are_off(window, touchscreen):
    slide = window.reading_screen.slide
    click(window.reading_screen.next_button)
    assert not slide.is_animating
    assert slide.offset == 0
    start = slide_point(window, 0.6)
    touch_path(window, touchscreen, [start, start + QPoint(-60, 0), start + QPoint(-50, 0)])
    assert not slide.is_animating
    assert slide.offset == 0
