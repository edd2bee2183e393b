"""Telling taps, swipes, flings and snap-backs apart, with times under the test's control."""

from __future__ import annotations

from kiosk.swipe import Gesture, SwipeTracker


def tracker() -> SwipeTracker:
    return SwipeTracker(swipe_distance=150, tap_slop=24, fling_speed=0.6)


def drag(points: list[tuple[float, float]], y: float = 500) -> Gesture:
    """Press at the first (x, ms), move through the rest, release at the last."""
    follower = tracker()
    (x0, t0), *middle, (x1, t1) = points
    follower.press(x0, y, t0)
    for x, t in middle:
        follower.move(x, y, t)
    return follower.release(x1, y, t1)


def test_a_touch_that_stays_put_is_a_tap_even_when_held_long():
    assert drag([(500, 0), (510, 400), (505, 2000)]) is Gesture.TAP


def test_a_long_drag_turns_the_page_whatever_its_speed():
    assert drag([(800, 0), (700, 500), (600, 1000), (600, 1400)]) is Gesture.SWIPE_LEFT
    assert drag([(600, 0), (700, 500), (800, 1000), (800, 1400)]) is Gesture.SWIPE_RIGHT


def test_a_short_quick_flick_turns_the_page():
    assert drag([(800, 0), (770, 20), (740, 40), (740, 45)]) is Gesture.SWIPE_LEFT


def test_a_short_slow_drag_snaps_back():
    assert drag([(800, 0), (780, 300), (760, 600), (750, 900)]) is Gesture.SNAP_BACK


def test_a_drag_that_stops_before_lifting_is_no_fling():
    assert drag([(800, 0), (740, 30), (740, 500)]) is Gesture.SNAP_BACK


def test_a_quick_flick_back_towards_the_start_snaps_back():
    assert drag([(800, 0), (700, 500), (790, 520)]) is Gesture.SNAP_BACK


def test_a_mostly_vertical_drag_is_neither_tap_nor_swipe():
    follower = tracker()
    follower.press(500, 100, 0)
    follower.move(510, 300, 100)
    assert follower.offset == 0
    assert follower.release(520, 500, 200) is Gesture.NONE


def test_the_page_follows_the_finger_once_it_is_a_drag():
    follower = tracker()
    follower.press(500, 500, 0)
    assert follower.move(510, 500, 10) == 0  # still inside the tap slop
    assert follower.move(400, 500, 20) == -100
