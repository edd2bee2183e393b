"""The kiosk on the panels clinics buy, 7" to 55", sized for the eye (screen_diagonal_inches):
what a patient at 60 cm sees on each screen, in millimetres and degrees, and every touch
target's size and distance from its neighbours."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.config import Settings
from kiosk.navigation import Screen
from kiosk.theme import MINIMUM_GAP_MM, MINIMUM_TOUCH_MM

from .helpers import reading

# (name, window size, diagonal in inches)
PANELS = [
    ("7in-800x480", QSize(800, 480), 7.0),
    ("10in-1280x800", QSize(1280, 800), 10.1),
    ("10in-800x1280", QSize(800, 1280), 10.1),
    ("15.6in-1366x768", QSize(1366, 768), 15.6),
    ("21.5in-1920x1080", QSize(1920, 1080), 21.5),
    ("21.5in-1080x1920", QSize(1080, 1920), 21.5),
    ("55in-3840x2160", QSize(3840, 2160), 55.0),
]


def settings_for(diagonal: float) -> Settings:
    return Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)


def targets(screen: QWidget, window: QWidget) -> list[tuple[str, QRect]]:
    """Every visible button on `screen`, by its words, in the window's coordinates."""
    found = []
    for button in screen.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.isVisible():
            top_left = button.mapTo(window, button.rect().topLeft())
            found.append((button.text() or button.accessibleName(), QRect(top_left, button.size())))
    return found


def gap(first: QRect, second: QRect) -> int:
    """The distance between two rectangles that do not overlap (0 when they touch)."""
    dx = max(second.left() - first.right() - 1, first.left() - second.right() - 1, 0)
    dy = max(second.top() - first.bottom() - 1, first.top() - second.bottom() - 1, 0)
    return max(dx, dy)


@pytest.mark.parametrize(("name", "size", "diagonal"), PANELS, ids=[p[0] for p in PANELS])
def test_standard_text_fills_0_7_degrees_at_60_cm(make_window, name, size, diagonal):
    window = make_window(size, settings=settings_for(diagonal))
    theme = window.session.theme
    assert theme.pixels_per_mm is not None
    degrees = theme.degrees(theme.body_cap_px)
    assert degrees is not None
    assert degrees >= 0.7, f"{name}: capitals {theme.mm(theme.body_cap_px):.1f} mm"


def _target_cases() -> list[object]:
    cases: list[object] = []
    for name, size, diagonal in PANELS:
        for where in ("start", "reading", "end"):
            cases.append(pytest.param(name, size, diagonal, where, id=f"{where}-{name}"))
    return cases


@pytest.mark.parametrize(("name", "size", "diagonal", "where"), _target_cases())
def test_every_target_is_15_mm_and_4_mm_from_the_next(make_window, name, size, diagonal, where):
    window = make_window(size, settings=settings_for(diagonal))
    theme = window.session.theme
    if where == "reading":
        window.session.go_to(reading(1, 0))
        screen: QWidget = window.reading_screen
    elif where == "end":
        window.session.go_to(window.session.position.__class__(Screen.END))
        screen = window.end_screen
    else:
        screen = window.start_screen
    found = targets(screen, window)
    assert found, f"{name}: no buttons on the {where} screen"
    for words, rect in found:
        for side in (rect.width(), rect.height()):
            millimetres = theme.mm(side)
            assert millimetres is not None
            assert millimetres >= MINIMUM_TOUCH_MM - 0.05, f"{name} {where}: {words!r} {rect}"
    for (first_words, first), (second_words, second) in itertools.combinations(found, 2):
        assert not first.intersects(second), f"{name} {where}: {first_words!r} / {second_words!r}"
        apart = theme.mm(gap(first, second))
        assert apart is not None
        assert apart >= MINIMUM_GAP_MM - 0.05, f"{name} {where}: {first_words!r} / {second_words!r}"
