"""The navigation model: where each input takes the patient. No Qt needed."""

from __future__ import annotations

import pytest

from kiosk import navigation
from kiosk.navigation import END, START, Place, Position, Screen, locate, progress, transition

COUNTS = (1, 2, 1, 3)


def reading(section: int, page: int) -> Position:
    return Position(Screen.READING, section, page)


@pytest.mark.parametrize(
    ("start", "intent", "expected"),
    [
        (START, navigation.START_READING, reading(0, 0)),
        (START, navigation.NEXT, reading(0, 0)),
        (START, navigation.BACK, START),
        (START, navigation.HOME, START),
        (reading(1, 0), navigation.NEXT, reading(1, 1)),
        (reading(1, 1), navigation.NEXT, reading(2, 0)),  # last page -> next section
        (reading(2, 0), navigation.BACK, reading(1, 1)),  # first page -> previous last page
        (reading(1, 1), navigation.BACK, reading(1, 0)),
        (reading(0, 0), navigation.BACK, START),
        (reading(3, 2), navigation.NEXT, END),
        (END, navigation.BACK, reading(3, 2)),
        (END, navigation.NEXT, END),
        (END, navigation.HOME, START),
        (reading(3, 1), navigation.HOME, START),
        (START, navigation.jump_to(3), reading(3, 0)),
        (reading(1, 1), navigation.jump_to(0), reading(0, 0)),
        (START, navigation.jump_to(99), reading(3, 0)),
    ],
)
def test_transition(start, intent, expected):
    assert transition(start, intent, COUNTS) == expected


def test_next_walks_every_page_once_then_the_end():
    position = START
    seen = []
    while position != END:
        position = transition(position, navigation.NEXT, COUNTS)
        seen.append(position)
    assert seen[:-1] == [reading(s, p) for s, n in enumerate(COUNTS) for p in range(n)]
    assert seen[-1] == END


def test_clamp_keeps_the_reader_on_a_page_that_still_exists():
    assert navigation.clamp(reading(3, 2), (1, 1, 1, 1)) == reading(3, 0)
    assert navigation.clamp(reading(9, 0), COUNTS) == reading(3, 0)
    assert navigation.clamp(END, COUNTS) == END


def test_position_line_counts_from_one_within_the_section():
    assert locate(reading(1, 0), COUNTS) == Place(section=2, sections=4, page=1, pages=2)
    assert locate(reading(3, 2), COUNTS) == Place(section=4, sections=4, page=3, pages=3)
    assert locate(START, COUNTS) is None
    assert locate(END, COUNTS) is None


def test_progress_runs_from_zero_to_one():
    assert progress(START, COUNTS) == 0
    assert progress(reading(0, 0), COUNTS) == pytest.approx(1 / 7)
    assert progress(reading(3, 2), COUNTS) == 1
    assert progress(END, COUNTS) == 1
