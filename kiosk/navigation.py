"""Where the patient is, and what each input does: a pure state model with no Qt in it.

The window turns every tap, swipe and key into an Intent, asks `transition` for the new
Position, and tells the screens to show it. No widget decides where to go next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class Screen(Enum):
    """The patient-facing screens."""

    MENU = "menu"  # the library's leaflets, when it has more than one
    START = "start"
    READING = "reading"
    END = "end"


class Action(Enum):
    """What a patient (or staff at a keyboard) can ask for."""

    NEXT = "next"  # Next button, swipe left, right edge, Right/PageDown/Space
    BACK = "back"  # Back button, swipe right, left edge, Left/PageUp
    HOME = "home"  # Home button, Home key, idle reset
    START_READING = "start_reading"  # "Tap to start" and "Start again"
    JUMP_TO_SECTION = "jump_to_section"  # a section button on the start screen


@dataclass(frozen=True)
class Intent:
    """One request; `section` is used by JUMP_TO_SECTION only."""

    action: Action
    section: int = 0


NEXT = Intent(Action.NEXT)
BACK = Intent(Action.BACK)
HOME = Intent(Action.HOME)
START_READING = Intent(Action.START_READING)


def jump_to(section: int) -> Intent:
    return Intent(Action.JUMP_TO_SECTION, section)


@dataclass(frozen=True, order=True)
class Position:
    """A screen, and on the reading screen the section and page (both counted from 0)."""

    screen: Screen = Screen.START
    section: int = 0
    page: int = 0


START = Position()
END = Position(Screen.END)
MENU = Position(Screen.MENU)


def transition(position: Position, intent: Intent, page_counts: Sequence[int]) -> Position:
    """The position after `intent`, for an article whose sections have `page_counts` pages.

    Next on a section's last page goes to the next section's first page, and on the article's
    last page to the end screen. Back mirrors it, and from the first page returns to the start.
    """
    if not page_counts:
        return START
    position = clamp(position, page_counts)
    action = intent.action
    if action is Action.HOME:
        return START
    if action is Action.START_READING:
        return Position(Screen.READING, 0, 0)
    if action is Action.JUMP_TO_SECTION:
        section = min(max(intent.section, 0), len(page_counts) - 1)
        return Position(Screen.READING, section, 0)
    if action is Action.NEXT:
        return _next(position, page_counts)
    return _back(position, page_counts)


def _next(position: Position, page_counts: Sequence[int]) -> Position:
    if position.screen is Screen.START:
        return Position(Screen.READING, 0, 0)
    if position.screen is Screen.END:
        return END
    if position.page + 1 < page_counts[position.section]:
        return Position(Screen.READING, position.section, position.page + 1)
    if position.section + 1 < len(page_counts):
        return Position(Screen.READING, position.section + 1, 0)
    return END


def _back(position: Position, page_counts: Sequence[int]) -> Position:
    if position.screen is Screen.START:
        return START
    if position.screen is Screen.END:
        return last_page(page_counts)
    if position.page > 0:
        return Position(Screen.READING, position.section, position.page - 1)
    if position.section > 0:
        section = position.section - 1
        return Position(Screen.READING, section, page_counts[section] - 1)
    return START


def last_page(page_counts: Sequence[int]) -> Position:
    section = len(page_counts) - 1
    return Position(Screen.READING, section, page_counts[section] - 1)


def clamp(position: Position, page_counts: Sequence[int]) -> Position:
    """The nearest valid position, for when the pages change under the patient (a resize)."""
    if position.screen is not Screen.READING:
        return position
    if not page_counts:
        return START
    section = min(max(position.section, 0), len(page_counts) - 1)
    page = min(max(position.page, 0), page_counts[section] - 1)
    return Position(Screen.READING, section, page)


def is_valid(position: Position, page_counts: Sequence[int]) -> bool:
    return clamp(position, page_counts) == position


def page_number(position: Position, page_counts: Sequence[int]) -> int:
    """The page's number across the whole article, counted from 1 (0 off the reading screen)."""
    if position.screen is not Screen.READING:
        return 0
    return sum(page_counts[: position.section]) + position.page + 1


def progress(position: Position, page_counts: Sequence[int]) -> float:
    """How far through the article the patient is, from 0.0 (start) to 1.0 (end screen)."""
    if position.screen is Screen.END:
        return 1.0
    total = sum(page_counts)
    return page_number(position, page_counts) / total if total else 0.0


@dataclass(frozen=True)
class Place:
    """A reading position as the footer counts it: section and page from 1, with totals
    (the page within its section). kiosk.words puts it into words."""

    section: int
    sections: int
    page: int
    pages: int


def locate(position: Position, page_counts: Sequence[int]) -> Place | None:
    """The numbers of the footer's position line; None off the reading screen."""
    if position.screen is not Screen.READING:
        return None
    return Place(
        position.section + 1, len(page_counts), position.page + 1, page_counts[position.section]
    )
