"""Edge taps turn the page only in the margins beside the text, never on its words: a reader
who puts a finger on the first or last word of a line keeps the page (issue point 3). Where
a margin is too narrow to aim at (a 7" panel, whose width goes to the words), there are no
edge taps at all; Back, Next and swipes remain.

On every panel of tests/test_panels.py, on a section's first page and a later one, through the
real window with touches as a finger makes them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QTextDocument

from kiosk import navigation
from kiosk.theme import EDGE_ZONE_TARGET_SHARE, MINIMUM_EDGE_ZONE_MM, Theme

from .helpers import ManualClock, reading, touch_tap
from .test_panels import PANELS, settings_for

# Landscape 1920x1080 and wider give each margin more than a target; the compact panels none.
WITH_ZONES = {"21.5in-1920x1080", "21.5in-1080x1920", "55in-3840x2160"}


def zones(theme: Theme, slide_width: int) -> list[QRect]:
    """The two edge tap zones, in the slide's coordinates (none where the width is 0)."""
    width = theme.edge_zone_width
    if not width:
        return []
    height = theme.slide_size.height()
    return [QRect(0, 0, width, height), QRect(slide_width - width, 0, width, height)]


def line_rects(document: QTextDocument, first: float, last: float) -> list[tuple[QRectF, str]]:
    """Each line of `document` whose top lies in [first, last): its painted text's rectangle
    (document coordinates), with its words."""
    found = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = origin.y() + line.y()
            text = block.text()[line.textStart() : line.textStart() + line.textLength()]
            if first <= top < last and text.strip():
                rect = line.naturalTextRect().translated(origin)
                found.append((rect, text))
        block = block.next()
    return found


def letters(document: QTextDocument, first: float, last: float) -> list[tuple[QRectF, str]]:
    """The first and the last letter of each line of `document` whose top lies in [first,
    last), as rectangles in document coordinates."""
    found = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = origin.y() + line.y()
            start, length = line.textStart(), line.textLength()
            text = block.text()
            inked = [i for i in range(start, start + length) if not text[i].isspace()]
            if not (first <= top < last) or not inked:
                continue
            for index in (inked[0], inked[-1]):
                left = line.cursorToX(index)[0]
                right = line.cursorToX(index + 1)[0]
                rect = QRectF(min(left, right), top, abs(right - left), line.height())
                found.append((rect.translated(origin.x(), 0), text[index]))
        block = block.next()
    return found


def painted(window, page: int) -> list[tuple[QRect, str]]:
    """Where the words of `page` of section 2 are painted, line by line, in the slide's
    coordinates: the heading (or its "continued" line) and the body."""
    theme = window.session.theme
    section = window.session.layout.sections[1]
    column = theme.column_rect
    shown = section.pages[page]
    heading = section.heading if page == 0 else section.continued_heading
    rects = [
        (rect.translated(column.left(), column.top()), text)
        for rect, text in line_rects(heading, 0, heading.size().height())
    ]
    shift = column.top() + section.body_top(page) - shown.top
    rects += [
        (rect.translated(column.left(), shift), text)
        for rect, text in line_rects(section.body, shown.top, shown.bottom)
    ]
    return [(rect.toAlignedRect(), text) for rect, text in rects]


def letter_points(window, page: int) -> list[tuple[QPoint, str]]:
    """The middle of the first and last letter of each body line of `page`, in the window."""
    theme = window.session.theme
    section = window.session.layout.sections[1]
    column = theme.column_rect
    shown = section.pages[page]
    shift = column.top() + section.body_top(page) - shown.top
    slide = window.reading_screen.slide
    points = []
    for rect, letter in letters(section.body, shown.top, shown.bottom):
        centre = rect.translated(column.left(), shift).center().toPoint()
        points.append((slide.mapTo(window, centre), letter))
    return points


@pytest.fixture
def clock():
    return ManualClock()


def show_page(qtbot, window, page: int) -> None:
    """Section 2's `page`, once Qt has given the page the room the theme measured it for."""
    window.session.go_to(reading(1, page))
    slide = window.reading_screen.slide
    qtbot.waitUntil(lambda: slide.size() == window.session.theme.slide_size)


@pytest.mark.parametrize(("name", "size", "diagonal"), PANELS, ids=[p[0] for p in PANELS])
def test_edge_zones_are_the_margins_and_never_lie_over_painted_words(
    make_window, qtbot, clock, name, size, diagonal
):
    window = make_window(size, settings=settings_for(diagonal), clock=clock)
    show_page(qtbot, window, 0)
    theme = window.session.theme
    found = zones(theme, window.reading_screen.slide.width())
    assert bool(found) == (name in WITH_ZONES), f"{name}: margin {theme.column_rect.left()} px"
    for zone in found:
        assert zone.width() >= EDGE_ZONE_TARGET_SHARE * theme.touch_target_min
        millimetres = theme.mm(zone.width())
        assert millimetres is not None
        assert millimetres >= MINIMUM_EDGE_ZONE_MM
    counts = window.session.page_counts
    for page in (0, counts[1] - 1):
        show_page(qtbot, window, page)
        lines = painted(window, page)
        assert len(lines) >= 3, (name, page)
        for rect, text in lines:
            for zone in found:
                assert not zone.intersects(rect), f"{name} page {page + 1}: {text!r} in {zone}"


@pytest.mark.parametrize(("name", "size", "diagonal"), PANELS, ids=[p[0] for p in PANELS])
def test_a_tap_on_the_first_or_last_letter_of_a_line_keeps_the_page(
    make_window, qtbot, clock, touchscreen, name, size, diagonal
):
    window = make_window(size, settings=settings_for(diagonal), clock=clock)
    counts = window.session.page_counts
    pages = sorted({0, min(1, counts[1] - 1)})
    for page in pages:
        show_page(qtbot, window, page)
        points = letter_points(window, page)
        # A first page under a long heading may hold one line (two letters) on a 7" panel.
        assert len(points) >= 2, (name, page)
        for point, letter in points:
            touch_tap(window, touchscreen, point)
            # Apart in time, so that no tap is taken for the bounce of the one before.
            clock.advance(1.0)
            assert window.session.position == reading(1, page), (
                f"{name}: a tap on {letter!r} at {point.x()},{point.y()} turned page {page + 1}"
            )


@pytest.mark.parametrize(("name", "size", "diagonal"), PANELS, ids=[p[0] for p in PANELS])
def test_a_tap_in_a_margin_turns_the_page_where_it_is_wide_enough(
    make_window, qtbot, clock, touchscreen, name, size, diagonal
):
    window = make_window(size, settings=settings_for(diagonal), clock=clock)
    show_page(qtbot, window, 0)
    theme = window.session.theme
    slide = window.reading_screen.slide
    middle = slide.height() // 2
    # The middle of each margin; where there is no zone, as near the edge as a finger gets.
    margin = theme.column_rect.left()
    left = slide.mapTo(window, QPoint(margin // 2, middle))
    right = slide.mapTo(window, QPoint(slide.width() - 1 - margin // 2, middle))
    touch_tap(window, touchscreen, right)
    clock.advance(1.0)
    if name in WITH_ZONES:
        following = navigation.transition(
            reading(1, 0), navigation.NEXT, window.session.page_counts
        )
        assert window.session.position == following
        touch_tap(window, touchscreen, left)
        assert window.session.position == reading(1, 0)
    else:
        assert window.session.position == reading(1, 0)
        touch_tap(window, touchscreen, left)
        assert window.session.position == reading(1, 0)


def test_no_zones_without_a_usable_margin_and_zones_as_wide_as_the_margin_otherwise():
    # Pixels only (a panel of unknown size): a 1080p panel's margin of 280 px is a zone.
    assert Theme(1920, 1080).edge_zone_width == Theme(1920, 1080).column_rect.left() == 280
    # 1080x1920 at 21.5": a 56 px margin is 14 mm, more than the 10 mm a fingertip needs.
    portrait = Theme(1080, 1920, pixels_per_mm=4.03)
    assert portrait.edge_zone_width == portrait.column_rect.left() == 56
    # The same margin on a denser panel is under 10 mm: no zone.
    dense = Theme(1080, 1920, pixels_per_mm=6.0)
    margin = dense.column_rect.left()
    assert dense.mm(margin) is not None
    assert dense.mm(margin) < MINIMUM_EDGE_ZONE_MM
    assert dense.edge_zone_width == 0
