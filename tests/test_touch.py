"""Turning pages by touch, mouse and keyboard, through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtTest import QTest

from kiosk import navigation
from kiosk.config import Settings
from kiosk.navigation import START
from kiosk.theme import TextSize
from kiosk.ui.reading_screen import MAX_TURN_MS
from kiosk.ui.rotation import RotatedView

from .helpers import (
    ManualClock,
    build_window,
    centre_in,
    click,
    horizontal,
    mouse_drag,
    reading,
    touch_path,
    touch_tap,
)


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


def test_taps_in_the_margins_beside_the_text_turn_pages(window, touchscreen):
    touch_tap(window, touchscreen, slide_point(window, 0.93))
    assert window.session.position == reading(1, 1)
    touch_tap(window, touchscreen, slide_point(window, 0.07))
    assert window.session.position == reading(1, 0)
    # On the text column, just inside its edge (tests/test_edge_zones.py taps every line).
    column = window.session.theme.column_rect
    inside = window.reading_screen.slide.mapTo(
        window, QPoint(column.left() + 4, column.center().y())
    )
    touch_tap(window, touchscreen, inside)
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


# Forgiving touch: a shaky hand's bounce is one tap, a resting finger is no tap. The kiosk's
# clock is a ManualClock here, so "120 ms later" is exactly that.


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def steady(make_window, clock):
    """The reading screen on section 2, page 1, on a clock moved by hand."""
    window = make_window(clock=clock)
    click(window.start_screen.section_buttons[1])
    assert window.session.position == reading(1, 0)
    return window


def tap_on(window, touchscreen, widget) -> None:
    touch_tap(window, touchscreen, centre_in(window, widget))


def test_a_bounce_on_next_120_ms_later_turns_one_page(steady, clock, touchscreen):
    next_button = steady.reading_screen.next_button
    tap_on(steady, touchscreen, next_button)
    clock.advance(0.12)
    tap_on(steady, touchscreen, next_button)
    assert steady.session.position == reading(1, 1), "the bounce turned a second page"
    assert not next_button.isDown()


def test_two_taps_on_next_500_ms_apart_turn_two_pages(steady, clock, touchscreen):
    next_button = steady.reading_screen.next_button
    tap_on(steady, touchscreen, next_button)
    clock.advance(0.5)
    tap_on(steady, touchscreen, next_button)
    assert steady.session.position == reading(2, 0)


def test_a_burst_of_bounces_is_one_tap(steady, clock, touchscreen):
    next_button = steady.reading_screen.next_button
    for _ in range(5):
        tap_on(steady, touchscreen, next_button)
        clock.advance(0.3)
    assert steady.session.position == reading(1, 1)
    clock.advance(0.2)  # 500 ms after the last bounce: a tap of its own
    tap_on(steady, touchscreen, next_button)
    assert steady.session.position == reading(2, 0)


def test_a_quick_tap_on_another_control_counts(steady, clock, touchscreen):
    reading_screen = steady.reading_screen
    tap_on(steady, touchscreen, reading_screen.next_button)
    clock.advance(0.12)
    tap_on(steady, touchscreen, reading_screen.back_button)
    assert steady.session.position == reading(1, 0)
    clock.advance(0.12)
    tap_on(steady, touchscreen, reading_screen.larger_text_button)
    clock.advance(0.12)
    tap_on(steady, touchscreen, reading_screen.contrast_button)
    assert steady.session.theme.text_size is not TextSize.STANDARD
    assert steady.session.theme.high_contrast
    # The page's two edge tap zones are two controls too.
    touch_tap(steady, touchscreen, slide_point(steady, 0.93))
    assert steady.session.position.page == 1
    clock.advance(0.12)
    touch_tap(steady, touchscreen, slide_point(steady, 0.07))
    assert steady.session.position.page == 0


def test_a_bounce_on_the_same_edge_zone_turns_one_page(steady, clock, touchscreen):
    touch_tap(steady, touchscreen, slide_point(steady, 0.93))
    clock.advance(0.12)
    touch_tap(steady, touchscreen, slide_point(steady, 0.95, 0.55))
    assert steady.session.position == reading(1, 1)
    clock.advance(0.5)
    touch_tap(steady, touchscreen, slide_point(steady, 0.93))
    assert steady.session.position == reading(2, 0)


def test_a_swipe_right_after_a_tap_still_turns_the_page(steady, clock, touchscreen):
    touch_tap(steady, touchscreen, slide_point(steady, 0.93))
    clock.advance(0.12)
    touch_path(steady, touchscreen, horizontal(slide_point(steady, 0.9), -500))
    assert steady.session.position == reading(2, 0)


def test_a_bounce_on_what_appeared_under_the_finger_does_nothing(make_window, clock, touchscreen):
    # "Tap to start" lies over the page's left margin, an edge tap zone: a bounce there would
    # go Back, to the start screen again.
    window = make_window(clock=clock)
    start = window.start_screen.start_button
    button = QRect(start.mapTo(window, QPoint(0, 0)), start.size())
    slide = window.reading_screen.slide
    window.session.go_to(reading(0))
    edge = QRect(
        slide.mapTo(window, QPoint(0, 0)),
        QSize(window.session.theme.edge_zone_width, slide.height()),
    )
    window.session.go_to(START)
    both = button & edge
    assert not both.isEmpty(), "the test needs the button over the edge zone"
    touch_tap(window, touchscreen, both.center())
    assert window.session.position == reading(0)
    clock.advance(0.12)
    touch_tap(window, touchscreen, both.center())
    assert window.session.position == reading(0), "the bounce went back to the start"
    clock.advance(0.5)
    touch_tap(window, touchscreen, both.center())
    assert window.session.position == START


def test_a_long_press_does_nothing(steady, clock, touchscreen):
    next_button = steady.reading_screen.next_button
    point = centre_in(steady, next_button)
    QTest.touchEvent(steady, touchscreen).press(0, point, steady).commit()
    clock.advance(2)
    QTest.touchEvent(steady, touchscreen).release(0, point, steady).commit()
    assert steady.session.position == reading(1, 0), "a finger held on Next turned the page"
    assert not next_button.isDown()
    edge = slide_point(steady, 0.93)
    QTest.touchEvent(steady, touchscreen).press(0, edge, steady).commit()
    clock.advance(2)
    QTest.touchEvent(steady, touchscreen).move(0, edge + QPoint(5, 3), steady).commit()
    QTest.touchEvent(steady, touchscreen).release(0, edge + QPoint(5, 3), steady).commit()
    assert steady.session.position == reading(1, 0), "a finger held on the edge turned the page"
    # A long press is no tap to bounce from: a quick tap after it counts.
    clock.advance(0.1)
    tap_on(steady, touchscreen, next_button)
    assert steady.session.position == reading(1, 1)


def test_a_press_under_a_second_is_still_a_tap(steady, clock, touchscreen):
    point = centre_in(steady, steady.reading_screen.next_button)
    QTest.touchEvent(steady, touchscreen).press(0, point, steady).commit()
    clock.advance(0.9)
    QTest.touchEvent(steady, touchscreen).release(0, point, steady).commit()
    assert steady.session.position == reading(1, 1)


def test_a_slow_swipe_still_turns_the_page(steady, clock, touchscreen):
    points = horizontal(slide_point(steady, 0.7), -500)
    QTest.touchEvent(steady, touchscreen).press(0, points[0], steady).commit()
    for point in points[1:]:
        clock.advance(0.3)
        QTest.touchEvent(steady, touchscreen).move(0, point, steady).commit()
    QTest.touchEvent(steady, touchscreen).release(0, points[-1], steady).commit()
    assert steady.session.position == reading(1, 1)


def test_with_repeat_tap_ms_0_every_tap_counts(steady, clock, touchscreen):
    steady.router.repeat_tap_ms = 0
    next_button = steady.reading_screen.next_button
    tap_on(steady, touchscreen, next_button)
    tap_on(steady, touchscreen, next_button)
    assert steady.session.position == reading(2, 0)


def test_the_repeat_tap_ms_setting_reaches_the_router(make_window, clock, touchscreen):
    settings = Settings(animations=False, speech_engine="mock", repeat_tap_ms=0)
    window = make_window(settings=settings, clock=clock)
    click(window.start_screen.section_buttons[1])
    tap_on(window, touchscreen, window.reading_screen.next_button)
    tap_on(window, touchscreen, window.reading_screen.next_button)
    assert window.session.position == reading(2, 0)


def test_the_router_knows_how_far_a_tap_on_the_page_may_wander(steady):
    assert steady.router.tap_slop_px == steady.session.theme.tap_slop


def test_a_mouse_clicks_as_fast_as_staff_like(steady):
    # A mouse button does not bounce, and staff try the kiosk with one.
    click(steady.reading_screen.next_button)
    click(steady.reading_screen.next_button)
    assert steady.session.position == reading(2, 0)


def test_staff_type_a_pin_with_repeated_digits_as_fast_as_they_like(steady, touchscreen, qapp):
    steady.open_staff_access()
    pad = steady.pin_pad
    pad.start()
    qapp.processEvents()  # the pad lays its keys out before the first touch
    for digit in "1123":
        tap_on(steady, touchscreen, pad.digit_buttons[int(digit)])
    assert pad.digits == "1123"


def test_a_bounce_is_one_tap_on_a_panel_mounted_on_its_side(qtbot, article, clock, touchscreen):
    # Turned, a touch on a button reaches it through a graphics view, as a mouse press that
    # no longer says it came from a finger.
    window = build_window(article, clock=clock)
    view = RotatedView(window, 90, QSize(1920, 1080))
    qtbot.addWidget(view)
    with qtbot.waitExposed(view), qtbot.waitSignal(window.first_frame_shown):
        view.show()
    window.session.go_to(reading(1, 0))
    counts = window.session.page_counts
    once = navigation.transition(reading(1, 0), navigation.NEXT, counts)
    twice = navigation.transition(once, navigation.NEXT, counts)
    kiosk = window.size()

    def tap(target: QPoint) -> None:
        # A quarter turn clockwise: the kiosk's top edge runs down the panel's right side.
        on_panel = QPoint(kiosk.height() - 1 - target.y(), target.x())
        viewport = view.viewport()
        QTest.touchEvent(viewport, touchscreen).press(0, on_panel, viewport).commit()
        QTest.touchEvent(viewport, touchscreen).release(0, on_panel, viewport).commit()

    next_button = centre_in(window, window.reading_screen.next_button)
    tap(next_button)
    clock.advance(0.12)
    tap(next_button)
    assert window.session.position == once
    clock.advance(0.5)
    tap(next_button)
    assert window.session.position == twice
