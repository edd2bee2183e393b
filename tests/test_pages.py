"""Page cutting on its own, with made-up lines: no Qt, no fonts, no QApplication.

Lines here are 10 px high and blocks sit flush one under another unless a test says otherwise,
so "room 100" means ten lines.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.pages import Line, MeasuredBlock, Page, paginate

from .conftest import ROOT

PITCH = 10.0


def blocks(*spec: tuple[str, int], pitch: float = PITCH) -> list[MeasuredBlock]:
    """Blocks one under another: ("h", 1) is a one-line heading, ("p", 5) a five-line paragraph."""
    built = []
    top = 0.0
    for number, (kind, count) in enumerate(spec):
        lines = []
        for index in range(count):
            lines.append(Line(number, index, top, top + pitch))
            top += pitch
        built.append(MeasuredBlock(kind == "h", tuple(lines)))
    return built


def shape(pages: tuple[Page, ...]) -> list[list[tuple[int, int]]]:
    """Each page as its (block, lines of that block on the page) runs, in order."""
    runs: list[list[tuple[int, int]]] = []
    for page in pages:
        counts = dict.fromkeys(page.blocks, 0)
        for line in page.lines:
            counts[line.block] += 1
        runs.append(list(counts.items()))
    return runs


def test_page_cutting_imports_no_qt():
    code = (
        "import kiosk.pages, sys; "
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_nothing_to_cut_gives_no_pages():
    assert paginate([], 100) == ()
    assert paginate([MeasuredBlock(False, ())], 100) == ()


def test_a_block_that_fits_on_a_page_is_never_split():
    # Seven lines, then five: the five would fit after the seven only in part, so they all
    # start the next page.
    assert shape(paginate(blocks(("p", 7), ("p", 5)), 100)) == [[(0, 7)], [(1, 5)]]
    # A block exactly as tall as the room fits (no rounding overflow).
    assert shape(paginate(blocks(("p", 10)), 100)) == [[(0, 10)]]


def test_a_heading_never_ends_a_page():
    # The heading would be the tenth line; it moves over with the text it introduces.
    pages = paginate(blocks(("p", 9), ("h", 1), ("p", 4)), 100)
    assert shape(pages) == [[(0, 9)], [(1, 1), (2, 4)]]
    # Two headings in a row (a section's sub-heading under another) move together.
    pages = paginate(blocks(("p", 8), ("h", 1), ("h", 1), ("p", 4)), 100)
    assert shape(pages) == [[(0, 8)], [(1, 1), (2, 1), (3, 4)]]
    # A heading of two lines moves whole.
    pages = paginate(blocks(("p", 8), ("h", 2), ("p", 4)), 100)
    assert shape(pages) == [[(0, 8)], [(1, 2), (2, 4)]]


def test_a_block_taller_than_a_page_is_split_between_lines():
    pages = paginate(blocks(("p", 3), ("p", 25)), 100)
    # It starts right after the short block and fills every page to the bottom.
    assert shape(pages) == [[(0, 3), (1, 7)], [(1, 10)], [(1, 8)]]
    assert [line.line for page in pages[1:] for line in page.lines] == list(range(7, 25))


def test_a_split_block_keeps_at_least_two_lines_together_at_each_end():
    # Room for only one of its lines at the foot of the page: it starts the next page instead.
    assert shape(paginate(blocks(("p", 9), ("p", 25)), 100)) == [
        [(0, 9)],
        [(1, 10)],
        [(1, 10)],
        [(1, 5)],
    ]
    # Its last line alone would start a page: the line before it comes along.
    assert shape(paginate(blocks(("p", 21)), 100)) == [[(0, 10)], [(0, 9)], [(0, 2)]]


def test_the_first_page_and_the_later_pages_have_their_own_heights():
    tall = blocks(("p", 25))
    assert [len(page.lines) for page in paginate(tall, 50, 100)] == [5, 10, 10]
    # Without a later height, every page has the first page's.
    assert [len(page.lines) for page in paginate(tall, 50)] == [5, 5, 5, 5, 5]
    for index, page in enumerate(paginate(tall, 50, 100)):
        assert page.height <= (50 if index == 0 else 100)


def test_a_line_taller_than_a_page_stands_alone():
    built = blocks(("p", 2))
    tall = MeasuredBlock(False, (Line(1, 0, 20.0, 320.0),))
    after = MeasuredBlock(False, (Line(2, 0, 320.0, 330.0),))
    pages = paginate([*built, tall, after], 100)
    assert shape(pages) == [[(0, 2)], [(1, 1)], [(2, 1)]]


# Blocks as a section gives them: short headings, paragraphs and lists of ordinary lines, and
# now and then something taller than any page (a very large line, a picture).
HEADING = st.tuples(st.just(True), st.integers(1, 2), st.floats(20, 60))
TEXT = st.tuples(st.just(False), st.integers(1, 30), st.floats(20, 60))
TOO_TALL = st.tuples(st.just(False), st.integers(1, 3), st.floats(200, 1200))
BLOCK = st.tuples(st.one_of(HEADING, TEXT, TOO_TALL), st.floats(0, 40))  # and the gap above


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=25), st.floats(300, 900), st.floats(300, 900))
def test_every_line_once_in_order_and_every_page_fits(spec, one_height, other_height):
    # On the kiosk the first page also holds the section's full heading: it is never the taller.
    first, later = sorted((one_height, other_height))
    measured = []
    top = 0.0
    for number, ((is_heading, count, pitch), gap) in enumerate(spec):
        top += gap
        lines = tuple(
            Line(number, index, top + index * pitch, top + (index + 1) * pitch)
            for index in range(count)
        )
        top = lines[-1].bottom
        measured.append(MeasuredBlock(is_heading, lines))

    pages = paginate(measured, first, later)

    assert [line for page in pages for line in page.lines] == [
        line for block in measured for line in block.lines
    ]
    for index, page in enumerate(pages):
        room = first if index == 0 else later
        assert page.lines
        if page.height > room + 0.01:
            assert len(page.lines) == 1, f"page {index + 1} runs over with several lines"
