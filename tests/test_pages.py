"""Page cutting on its own, with made-up lines: no Qt, no fonts, no QApplication.

Lines here are 10 px high and blocks sit flush one under another unless a test says otherwise,
so "room 100" means ten lines.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.pages import Line, MeasuredBlock, Page, TextKind, line_to_end_early, paginate

from .conftest import ROOT

PITCH = 10.0


KINDS = {
    "h": TextKind.HEADING,
    "p": TextKind.PARAGRAPH,
    "li": TextKind.LIST_ITEM,
    "li+": TextKind.LIST_ITEM,
    "code": TextKind.CODE,
}
Spec = tuple[str, int] | tuple[str, int, set[int]] | tuple[str, int, set[int], set[int]]


def blocks(*spec: Spec, pitch: float = PITCH) -> list[MeasuredBlock]:
    """Blocks one under another: ("h", 1) is a one-line heading, ("p", 5) a five-line paragraph,
    ("li", 2) a two-line list item (items in a row make one list), ("li+", 2) a further
    paragraph of the item above, ("code", 4) a code block of four lines of code (a block each).
    A third element lists the lines (by number in the block) that end a sentence, a fourth
    those with a sentence end inside them; a paragraph's or item's last line ends one anyway."""
    built: list[MeasuredBlock] = []
    top = 0.0
    group = 0
    list_number = None
    for kind, count, *flags in spec:
        ends = flags[0] if flags else set()
        within = flags[1] if len(flags) > 1 else set()
        if kind not in ("li", "li+"):
            list_number = None
        elif list_number is None:
            list_number = len(built)
        if kind != "li+":
            group += 1
        sizes = [1] * count if kind == "code" else [count]
        for size in sizes:
            number = len(built)
            lines = []
            for index in range(size):
                ends_sentence = index in ends or (kind != "h" and index == size - 1)
                lines.append(Line(number, index, top, top + pitch, ends_sentence, index in within))
                top += pitch
            in_group = kind in ("li", "li+", "code")
            built.append(
                MeasuredBlock(KINDS[kind], tuple(lines), group if in_group else None, list_number)
            )
    return built


def page_lines(pages: tuple[Page, ...]) -> list[int]:
    return [len(page.lines) for page in pages]


def where(line: Line | None) -> tuple[int, int] | None:
    """(block, line in it) of a line, if any."""
    return None if line is None else (line.block, line.line)


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
    assert paginate([MeasuredBlock(TextKind.PARAGRAPH, ())], 100) == ()


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
    assert shape(paginate(blocks(("p", 11), ("p", 5)), 100)) == [[(0, 9)], [(0, 2), (1, 5)]]


def test_the_first_page_and_the_later_pages_have_their_own_heights():
    tall = blocks(("p", 25))
    assert [len(page.lines) for page in paginate(tall, 50, 100)] == [5, 10, 10]
    # Without a later height, every page has the first page's.
    assert [len(page.lines) for page in paginate(tall, 50)] == [5, 5, 5, 5, 5]
    for index, page in enumerate(paginate(tall, 50, 100)):
        assert page.height <= (50 if index == 0 else 100)


def test_a_line_taller_than_a_page_stands_alone():
    built = blocks(("p", 2))
    tall = MeasuredBlock(TextKind.PARAGRAPH, (Line(1, 0, 20.0, 320.0),))
    after = MeasuredBlock(TextKind.PARAGRAPH, (Line(2, 0, 320.0, 330.0),))
    pages = paginate([*built, tall, after], 100)
    assert shape(pages) == [[(0, 2)], [(1, 1)], [(2, 1)]]


def test_a_page_ends_after_a_sentence_if_it_keeps_two_thirds_of_its_lines():
    # A sentence ends with the eighth line: the page gives up two lines to end there.
    assert page_lines(paginate(blocks(("p", 25, {7})), 100))[0] == 8
    # With the seventh, it keeps 7 of 10 lines: still enough.
    assert page_lines(paginate(blocks(("p", 25, {6})), 100))[0] == 7
    # With the sixth, it would give up four lines of ten, more than a third: it fills up.
    assert page_lines(paginate(blocks(("p", 25, {5})), 100))[0] == 10
    # Of several sentence ends, the last one that fits.
    assert page_lines(paginate(blocks(("p", 25, {6, 8, 12})), 100))[0] == 9
    # Two thirds of the lines the page could hold (here nine), not of its height.
    assert page_lines(paginate(blocks(("p", 15, {5})), 95)) == [6, 9]


def test_a_sentence_end_that_only_costs_a_page_more_is_passed_over():
    # Ending the first page at its sixth line would take four pages, and two of them would
    # still end mid-sentence: three full pages end no worse.
    assert page_lines(paginate(blocks(("p", 25, {5})), 95)) == [9, 9, 7]


def test_a_page_of_five_lines_or_fewer_never_gives_one_up():
    """On a small panel (or at large text) a page that holds three to five lines keeps them
    all, wherever its sentences end: ending early would cost a whole line of a tiny page."""
    for lines in (3, 4, 5):
        for sentence_end in range(lines - 1):
            pages = paginate(blocks(("p", 4 * lines, {sentence_end})), lines * PITCH)
            assert page_lines(pages) == [lines] * 4, (lines, sentence_end)


def test_a_page_of_six_or_seven_lines_keeps_five():
    for lines in (6, 7):
        room = lines * PITCH
        # The sentence ends with the fifth line: the page gives up the rest to end there...
        assert page_lines(paginate(blocks(("p", lines + 5, {4})), room)) == [5, lines]
        # ... but not with the fourth.
        assert page_lines(paginate(blocks(("p", lines + 5, {3})), room)) == [lines, 5]


def test_a_paragraph_that_fits_on_a_page_is_split_rather_than_leave_a_page_short():
    # Six lines of room: moving the five-line paragraph on whole would leave two lines alone.
    assert shape(paginate(blocks(("p", 2), ("p", 5), ("p", 5)), 60)) == [
        [(0, 2), (1, 4)],
        [(1, 1), (2, 5)],
    ]
    # With ten lines of room, two thirds of the page is kept with it whole (seven lines).
    assert shape(paginate(blocks(("p", 7), ("p", 5)), 100)) == [[(0, 7)], [(1, 5)]]


def test_a_sentence_end_does_not_bend_the_other_rules():
    # The sentence end would leave the block's last line alone on the next page.
    assert page_lines(paginate(blocks(("p", 11, {9}), ("p", 5)), 100)) == [9, 7]
    # A heading's line is no sentence end to stop at; the heading moves on whole.
    pages = paginate(blocks(("p", 8), ("h", 2, {0}), ("p", 4)), 100)
    assert shape(pages) == [[(0, 8)], [(1, 2), (2, 4)]]


def test_the_last_page_is_evened_out_with_the_pages_before():
    # Not 10, 10 and 1 lines: the last page takes five, the page before keeping six (a page
    # before the last gives up lines for it, down to five).
    assert page_lines(paginate(blocks(("p", 21)), 100)) == [10, 6, 5]
    assert page_lines(paginate(blocks(("p", 23)), 100)) == [10, 8, 5]
    assert page_lines(paginate(blocks(("p", 12)), 100)) == [7, 5]
    # The pages before fill a little less where that lets one more of them end a sentence.
    assert page_lines(paginate(blocks(("p", 21, {13})), 100)) == [7, 7, 7]
    # Blocks that fit on a page move over whole to even the pages out.
    assert shape(paginate(blocks(("p", 6), ("p", 3), ("p", 2)), 100)) == [
        [(0, 6)],
        [(1, 3), (2, 2)],
    ]
    # Or a paragraph is split, rather than leave two lines alone.
    assert shape(paginate(blocks(("p", 9), ("p", 2)), 100)) == [[(0, 6)], [(0, 3), (1, 2)]]
    # Also when the page before is a section's first, under its heading; of two places as
    # even, the one that leaves the fuller page first.
    assert page_lines(paginate(blocks(("p", 7)), 50, 100)) == [4, 3]


def test_a_page_under_the_heading_gives_up_lines_before_a_later_page_does():
    # Five lines of room: not 5, 5 and 1, nor 5, 3 and 3.
    assert page_lines(paginate(blocks(("p", 11)), 50)) == [3, 5, 3]


def test_the_last_page_keeps_its_lines_when_nothing_can_be_evened_out():
    # A list item that fits on a page is never split: two lines stay on their own.
    assert shape(paginate(blocks(("li", 9), ("p", 2)), 100)) == [[(0, 9)], [(1, 2)]]
    # Pages of five lines give none up: the last keeps its three.
    assert page_lines(paginate(blocks(("p", 13)), 50)) == [5, 5, 3]


WARNING_SIGNS = (("p", 5), ("p", 1), *[("li", 1)] * 6)


def test_a_short_list_stays_with_its_lead_in():
    # The lead-in and six items would straddle the first page's foot: they move on together.
    assert shape(paginate(blocks(*WARNING_SIGNS), 100)) == [
        [(0, 5)],
        [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1)],
    ]
    # Seven items are no short list: it is split between items, its lead-in with the first
    # items, and the next page starts with an item (and holds five lines).
    pages = paginate(blocks(("p", 5), ("p", 1), *[("li", 1)] * 7), 100)
    assert shape(pages) == [
        [(0, 5), (1, 1), (2, 1), (3, 1)],
        [(4, 1), (5, 1), (6, 1), (7, 1), (8, 1)],
    ]
    # A short list that does not fit on a page with its lead-in is split between its items.
    pages = paginate(blocks(("p", 2), ("p", 2), *[("li", 2)] * 6), 100)
    assert shape(pages) == [
        [(0, 2), (1, 2), (2, 2), (3, 2), (4, 2)],
        [(5, 2), (6, 2), (7, 2)],
    ]


def test_a_lead_in_does_not_end_a_page_without_its_list():
    pages = paginate(blocks(("p", 9), ("p", 1), *[("li", 1)] * 8), 100)
    assert shape(pages)[0] == [(0, 9)]
    assert shape(pages)[1][0] == (1, 1)


def test_a_list_item_is_never_split():
    pages = paginate(blocks(("p", 2), *[("li", 3)] * 8), 100)
    assert shape(pages) == [
        [(0, 2), (1, 3), (2, 3)],
        [(3, 3), (4, 3), (5, 3)],
        [(6, 3), (7, 3), (8, 3)],
    ]
    # Only an item taller than a page is split, between its lines.
    pages = paginate(blocks(("li", 2), ("li", 15)), 100)
    assert shape(pages) == [[(0, 2), (1, 8)], [(1, 7)]]


def test_a_list_item_of_several_paragraphs_is_never_split():
    pages = paginate(blocks(("p", 6), ("li", 2), ("li+", 3), ("li", 1)), 100)
    assert shape(pages) == [[(0, 6)], [(1, 2), (2, 3), (3, 1)]]
    # One taller than a page is split between its paragraphs, and a paragraph that fits on a
    # page is not split.
    pages = paginate(blocks(("li", 4), ("li+", 4), ("li+", 4)), 100)
    assert shape(pages) == [[(0, 4), (1, 4)], [(2, 4)]]


def test_a_code_block_that_fits_on_a_page_moves_on_whole():
    assert page_lines(paginate(blocks(("p", 6), ("code", 6)), 100)) == [6, 6]
    # One taller than a page is split between its lines of code.
    assert page_lines(paginate(blocks(("p", 2), ("code", 12)), 100)) == [9, 5]


def test_the_line_to_end_early_at_a_sentence_end():
    # A sentence ends inside the eighth line: ended there, the page keeps eight lines.
    assert where(line_to_end_early(blocks(("p", 25, set(), {7})), 100)) == (0, 7)
    # Not inside the fifth: the page would keep too few of its lines.
    assert line_to_end_early(blocks(("p", 25, set(), {4})), 100) is None
    # Not when the page ends at a sentence end anyway.
    assert line_to_end_early(blocks(("p", 25, {8}, {7})), 100) is None
    # Not in a block that moves to the next page whole, nor in code.
    assert line_to_end_early(blocks(("p", 3), ("p", 8, set(), {5})), 100) is None
    assert line_to_end_early(blocks(("code", 25, set(), {7})), 100) is None
    # Nor where a line of the block would be left alone.
    assert line_to_end_early(blocks(("p", 11, set(), {9}), ("p", 5)), 100) is None
    # When the last two pages are evened out, at the sentence end inside the line that
    # evens them best.
    assert where(line_to_end_early(blocks(("p", 21, set(), {13})), 100)) == (0, 13)


# Blocks as a section gives them: short headings, paragraphs, list items and code of ordinary
# lines, and now and then something taller than any page (a very large line, a picture).
HEADING = st.tuples(st.just(TextKind.HEADING), st.integers(1, 2), st.floats(20, 60))
TEXT = st.tuples(
    st.sampled_from([TextKind.PARAGRAPH, TextKind.LIST_ITEM, TextKind.CODE]),
    st.integers(1, 30),
    st.floats(20, 60),
)
TOO_TALL = st.tuples(st.just(TextKind.PARAGRAPH), st.integers(1, 3), st.floats(200, 1200))
BLOCK = st.tuples(
    st.one_of(HEADING, TEXT, TOO_TALL),
    st.floats(0, 40),  # the gap above
    st.lists(st.booleans(), min_size=30, max_size=30),  # which lines end a sentence
    st.lists(st.booleans(), min_size=30, max_size=30),  # which have one end inside
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=25), st.floats(300, 900), st.floats(300, 900))
def test_every_line_once_in_order_and_every_page_fits(spec, one_height, other_height):
    # On the kiosk the first page also holds the section's full heading: it is never the taller.
    first, later = sorted((one_height, other_height))
    measured = []
    top = 0.0
    for number, ((kind, count, pitch), gap, ends, within) in enumerate(spec):
        top += gap
        lines = tuple(
            Line(
                number,
                index,
                top + index * pitch,
                top + (index + 1) * pitch,
                ends[index],
                within[index],
            )
            for index in range(count)
        )
        top = lines[-1].bottom
        # Items in a row are one list, numbered by their first.
        list_number = None
        if kind is TextKind.LIST_ITEM:
            previous = measured[-1] if measured else None
            same_list = previous is not None and previous.kind is TextKind.LIST_ITEM
            list_number = previous.list_number if same_list and previous else number
        group = number if kind in (TextKind.LIST_ITEM, TextKind.CODE) else None
        measured.append(MeasuredBlock(kind, lines, group, list_number))

    pages = paginate(measured, first, later)

    assert [line for page in pages for line in page.lines] == [
        line for block in measured for line in block.lines
    ]
    for index, page in enumerate(pages):
        room = first if index == 0 else later
        assert page.lines
        if page.height > room + 0.01:
            assert len(page.lines) == 1, f"page {index + 1} runs over with several lines"
    early = line_to_end_early(measured, first, later)
    assert early is None or early.sentence_ends_within


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 60),
    st.integers(3, 12),
    st.integers(3, 12),
    st.sets(st.integers(0, 59)),
    st.sets(st.integers(0, 59)),
)
def test_no_page_of_one_or_two_lines_where_the_lines_could_be_shared_out(
    count, first_lines, later_lines, ends, within
):
    """One paragraph, sentences ending anywhere: whenever some number of pages could each
    hold three lines or more, every page does."""
    first_lines = min(first_lines, later_lines)  # the first page also holds the heading
    pages = paginate(blocks(("p", count, ends, within)), first_lines * PITCH, later_lines * PITCH)
    counts = page_lines(pages)
    assert sum(counts) == count
    could_share = any(
        3 * number <= count <= first_lines + later_lines * (number - 1)
        for number in range(1, count + 1)
    )
    assert min(counts) >= 3 or not could_share, counts
