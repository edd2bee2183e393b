"""Page cutting: measured lines in, pages out. Pure: no Qt.

kiosk.text_layout lays each section out with Qt at the real size and font and measures it into
`MeasuredBlock`s; `paginate` cuts those lines into pages. Pages are cut between whole lines of
that one layout, so what is measured is exactly what is drawn: a line is never clipped, a page
never runs under the footer, and text is never shrunk to fit.

Every place between two lines is a possible page end. A section is cut all at once, at the
places that cost least together (`_Charge`), each of these rules outweighing all after it:

0. A picture and its caption are never split where they fit on a page together (as
   kiosk.text_layout makes them, but on pages of a few lines); where not, the caption is kept
   whole as a list item's paragraph is.
1. Rules kept hardest (`_Keep`): a heading is never the last thing on a page, nor left there
   with one line of its text, nor is a grid's heading row (nor with one row under it); a list
   item's paragraph or a line of code that fits on a page is never split, nor a list item of
   several paragraphs or a code block that fits on one; a short list (at most
   `SHORT_LIST_ITEMS` items, nested ones included), or a table, that fits on a page with its
   lead-in (the paragraph just before it) stays with it; a lead-in stays with its list's (or
   table's) first item; and then a table (of any number of rows) that fits on a page is not
   split. So a table is split rather than part from its lead-in (which would leave the lead-in
   alone under the section's heading, the rest of the page empty); split, a grid shows its
   heading row again above the rows on the next page, so it is still read as a table.
2. No page of one or two lines (`SHORT_PAGE_LINES`) where the lines can be shared out.
3. Pages as full as they can be: a page keeps `FULL_PAGE_LINES` (five) lines and `MIN_FILL`
   (two thirds) of the lines it could hold, or all of them if it could hold five or fewer,
   so a small panel's page (or one at large text) never gives a line up. Rule 2 comes first,
   and bends the page under the section's heading before a later one. The page before the
   last gives lines up (keeping five) for the last to hold five, where the two hold ten.
4. A paragraph that fits on a page is not split.
5. A split block leaves no line alone at the foot or head of a page, nor a split table its
   last row.
6. A page ends at a sentence end (the end of a paragraph, list item or line of code counts).
7. Fewer pages; and of cuts that cost the same, the one whose pages are fullest first.

So a page gives up lines to end at a sentence end, or to keep a paragraph whole, only within
rule 3: none of a page of five lines, one of six or seven, a third of a larger one; and only
where the section as a whole gains (a sentence end that costs a page more, ending one more
mid-sentence, is passed over). A rule is bent only when nothing better is left: a list item
taller than the room under the section's heading, a tiny screen, large text.

A sentence seldom ends just where Qt wraps a line. So `line_to_end_early` cuts the section as
if every line of running text with a sentence end inside it could end there, and names the
first page end that falls inside such a line; kiosk.text_layout ends that line after the
sentence (a forced line break where a space was), measures again and asks again, until no
page gains. A line ended early still counts as one line of its page.

A picture is one line as tall as the picture; where rules 2 and 3 count lines, it counts as
the lines of text it stands in for (`Line.weight`), so a page that a picture fills is full.

A table is cut between its rows, never inside one (a row is one text block: a grid's row is one
line; a stacked row is a list item). A page that a grid (TABLE_ROW blocks) goes on onto shows
the grid's heading row again above its first row (`Page.heading_row`), so that page has that
much less room for the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum

# Layout positions are fractional; this much overshoot is rounding, not overflow.
_EPSILON = 0.01
# A page keeps at least this share of the lines it could hold...
MIN_FILL = 2 / 3
# ... and at least this many (kiosk.theme.MINIMUM_PAGE_LINES: the room the bars leave a page),
# or all it could hold if fewer.
FULL_PAGE_LINES = 5
# A list of at most this many items that fits on a page is kept together with its lead-in.
SHORT_LIST_ITEMS = 6
# A page of at most this many lines is avoided wherever the section can be evened out.
SHORT_PAGE_LINES = 2


class TextKind(Enum):
    """What a measured block of text is, as far as cutting pages cares."""

    PARAGRAPH = "paragraph"  # also a paragraph of a quote, and a rule
    HEADING = "heading"
    LIST_ITEM = "list item"  # and each further paragraph of the same item
    CODE = "code"  # one line of code (however many lines it wraps to)
    PICTURE = "picture"  # a picture (one line, as tall as it is) or its caption's lines
    TABLE_ROW = "table row"  # one row of a table shown as a grid: its cells on one line


@dataclass(frozen=True)
class Line:
    """One laid-out line: its text block (by number in the document), line in it, and extent.

    `ends_sentence`: a sentence ends with this line (so does the text of its block: the last
    line of a paragraph or list item counts, as does the end of a line of code).
    `sentence_ends_within`: a sentence ends inside this line, before its last words, where the
    line could be ended early (see `line_to_end_early`).
    `weight`: how many lines of text it counts as on a page (a picture's height in lines)."""

    block: int
    line: int
    top: float
    bottom: float
    ends_sentence: bool = False
    sentence_ends_within: bool = False
    weight: int = 1


@dataclass(frozen=True)
class MeasuredBlock:
    """One text block's lines, top to bottom, and what the block is.

    `group`: the blocks of one list item (its paragraphs), of one code block (its lines of
    code) or of one picture (the picture and its caption) share a number, which no other block
    has. `list_number`: the items of one list (nested ones included) share it. `table`: the rows
    of one table share it (a grid's TABLE_ROWs, or a stacked table's list items).
    `table_heading`: this is a grid's heading row, shown again atop every page the grid goes
    on onto.
    """

    kind: TextKind
    lines: tuple[Line, ...]
    group: int | None = None
    list_number: int | None = None
    table: int | None = None
    table_heading: bool = False

    @property
    def is_heading(self) -> bool:
        return self.kind is TextKind.HEADING

    @property
    def height(self) -> float:
        return self.lines[-1].bottom - self.lines[0].top


@dataclass(frozen=True)
class Page:
    """A run of whole lines from one section's document, from `top` to `bottom`.

    `heading_row`: the line of a grid's heading row, shown again above this page's lines (the
    grid goes on from the page before); it takes `heading_row_room` above them (its line and
    the gap under it, as on the page it comes from)."""

    lines: tuple[Line, ...]
    heading_row: Line | None = None
    heading_row_room: float = 0.0

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def blocks(self) -> tuple[int, ...]:
        """Numbers of the text blocks on this page, in order, each once."""
        return tuple(dict.fromkeys(line.block for line in self.lines))


class _Keep(IntEnum):
    """What a page end breaks, from least to worst (see the module's docstring)."""

    NOTHING = 0
    PARAGRAPH = 1  # a paragraph that fits on a page
    LEAD_IN = 2  # a list's (or table's) lead-in parted from its first item
    SHORT_LIST = 3  # a short list, or a table, kept with its lead-in
    TABLE = 4  # a table that fits on a page
    GROUP = 5  # a list item of several paragraphs, or a code block, that fits on a page
    ITEM = 6  # a list item's paragraph, or a line of code, that fits on a page
    HEADING = 7  # a heading (or a table's heading row) left as the last thing on a page (or
    # split, or left with one line)
    PICTURE = 8  # a picture parted from its caption, or its caption split


class _Charge(IntEnum):
    """What a cut is charged for, from the weightiest (the module's docstring, in its order):
    each charge outweighs any number of those after it."""

    PICTURE = 0
    HEADING = 1
    ITEM = 2
    GROUP = 3
    SHORT_LIST = 4
    LEAD_IN = 5
    TABLE = 6  # a table that fits on a page split (its heading row shows again)
    SHORT_PAGE = 7  # each line a page holds fewer than three
    LATER_LACKS = 8  # each line a page after the first holds fewer than its floor
    FIRST_LACKS = 9  # the same, on the page under the section's heading
    LAST_LACKS = 10  # each line a last page holds fewer than five, where it could hold them
    PARAGRAPH = 11  # a paragraph that fits on a page split
    LONE_LINE = 12
    MID_SENTENCE = 13
    PAGE = 14


# A cut's cost is one number, each charge counted in bits of its own: no count reaches 2**32
# (a count is at most a page's lines, pictures weighed, for every line of the section), so no
# sum of lesser charges reaches the next.
_CHARGE_BITS = 32
_KEEP_CHARGES = {
    _Keep.PARAGRAPH: _Charge.PARAGRAPH,
    _Keep.LEAD_IN: _Charge.LEAD_IN,
    _Keep.SHORT_LIST: _Charge.SHORT_LIST,
    _Keep.TABLE: _Charge.TABLE,
    _Keep.GROUP: _Charge.GROUP,
    _Keep.ITEM: _Charge.ITEM,
    _Keep.HEADING: _Charge.HEADING,
    _Keep.PICTURE: _Charge.PICTURE,
}


def _charge(what: _Charge, count: int = 1) -> int:
    return count << (_CHARGE_BITS * (len(_Charge) - 1 - what))


@dataclass(frozen=True)
class _Place:
    """A page end after one line: what it breaks, whether it leaves a split block's line
    alone, whether it ends a sentence, and whether it lies in running text (a paragraph or
    list item, whose line can be ended early at a sentence end)."""

    keep: _Keep
    lone: bool = False
    sentence: bool = True
    in_text: bool = False


class _Section:
    """One section's lines, each with the page end after it, cut into pages."""

    def __init__(
        self, blocks: Sequence[MeasuredBlock], first_height: float, later_height: float | None
    ) -> None:
        self.first = first_height
        self.later = first_height if later_height is None else later_height
        # A block without lines has nothing to place (and no extent to measure).
        blocks = [block for block in blocks if block.lines]
        self.lines = [line for block in blocks for line in block.lines]
        # weights[n]: the weight of the lines before line n (see `weight`).
        self.weights = [0]
        for line in self.lines:
            self.weights.append(self.weights[-1] + line.weight)
        self.places = _places(blocks, self.later)
        # heading_rows[n]: the grid's heading row a page starting at line n shows again above
        # it, and the room that takes (None: a page starting there repeats none).
        self.heading_rows = _heading_rows(blocks)
        self.fits = [
            _last_fitting(
                self.lines,
                start,
                (self.first if start == 0 else self.later) - self.heading_row_room(start),
            )
            for start in range(len(self.lines))
        ]

    def heading_row_room(self, start: int) -> float:
        """The room the grid's heading row shown again atop a page starting at line `start`
        takes (0 if none is)."""
        repeated = self.heading_rows[start]
        return 0.0 if repeated is None else repeated[1]

    def page(self, start: int, end: int) -> Page:
        """The page of lines `start` to `end`."""
        repeated = self.heading_rows[start]
        if repeated is None:
            return Page(tuple(self.lines[start : end + 1]))
        return Page(tuple(self.lines[start : end + 1]), *repeated)

    def weight(self, first: int, last: int) -> int:
        """How many lines of text lines `first` to `last` count as."""
        return self.weights[last + 1] - self.weights[first]

    def can_end_early(self, index: int) -> bool:
        """Whether line `index` of running text holds a sentence end it could be ended at."""
        return self.lines[index].sentence_ends_within and self.places[index].in_text

    def end_charge(self, index: int, early: bool) -> int:
        """What ending a page after line `index` is charged for, whatever the page holds
        (`early`: a line that can be ended early at a sentence end counts as ending one)."""
        place = self.places[index]
        charge = _charge(_KEEP_CHARGES[place.keep]) if place.keep else 0
        if place.lone:
            charge += _charge(_Charge.LONE_LINE)
        if not (place.sentence or (early and self.can_end_early(index))):
            charge += _charge(_Charge.MID_SENTENCE)
        return charge

    def cut(self, early: bool = False) -> list[int]:
        """The first line of each page: the cut of least cost, of equals the one whose pages
        are fullest first."""
        count = len(self.lines)
        if count <= 1:
            return list(range(count))
        ends = [self.end_charge(index, early) for index in range(count)]
        page = _charge(_Charge.PAGE)

        def last_page(start: int, before: int | None) -> int:
            """The section's last page, from line `start`, after a page of `before` lines
            (None: the section's only page)."""
            lines = self.weight(start, count - 1)
            cost = page + _charge(_Charge.SHORT_PAGE, _short(lines))
            if before is not None and before + lines >= 2 * FULL_PAGE_LINES:
                cost += _charge(_Charge.LAST_LACKS, max(0, FULL_PAGE_LINES - lines))
            return cost

        lacks = _Charge.LATER_LACKS
        # more[start]: the least cost of the lines from `start` on, on two pages or more; the
        # first page's last line; and whether the page after it is the section's last.
        more: list[tuple[int, int, bool] | None] = [None] * count
        for start in range(count - 2, -1, -1):
            if start == 0:
                lacks = _Charge.FIRST_LACKS
            fitting = self.fits[start]
            floor = _floor(self.weight(start, fitting))
            # The page before the last gives up lines for the last to hold five, keeping five.
            before_last = min(
                floor, max(FULL_PAGE_LINES, self.weight(start, count - 1) - FULL_PAGE_LINES)
            )
            chosen: tuple[int, int, bool] | None = None
            # Later ends first, and a last page before more pages: of cuts that cost the same,
            # the one whose pages are fullest first is kept.
            for end in range(min(fitting, count - 2), start - 1, -1):
                lines = self.weight(start, end)
                this = ends[end] + page + _charge(_Charge.SHORT_PAGE, _short(lines))
                if self.fits[end + 1] == count - 1:
                    cost = this + _charge(lacks, max(0, before_last - lines))
                    cost += last_page(end + 1, lines)
                    if chosen is None or cost < chosen[0]:
                        chosen = (cost, end, True)
                following = more[end + 1]
                if following is not None:
                    cost = this + _charge(lacks, max(0, floor - lines)) + following[0]
                    if chosen is None or cost < chosen[0]:
                        chosen = (cost, end, False)
            more[start] = chosen
        cut = more[0]
        if cut is None or (self.fits[0] == count - 1 and last_page(0, None) <= cut[0]):
            return [0]
        starts = [0]
        while cut is not None:
            _, end, then_last = cut
            starts.append(end + 1)
            cut = None if then_last else more[end + 1]
        return starts

    def page_ranges(self, early: bool = False) -> Iterator[tuple[int, int]]:
        """(first line, last line) of each page."""
        starts = self.cut(early)
        ends = [start - 1 for start in starts[1:]] + [len(self.lines) - 1] * bool(starts)
        yield from zip(starts, ends, strict=True)


def _floor(could: int) -> int:
    """The fewest lines a page that could hold `could` lines keeps (rule 3)."""
    return min(could, max(FULL_PAGE_LINES, math.ceil(MIN_FILL * could - _EPSILON)))


def _short(count: int) -> int:
    """How many lines a page of `count` lines holds fewer than three."""
    return max(0, SHORT_PAGE_LINES + 1 - count)


def paginate(
    blocks: Sequence[MeasuredBlock], first_height: float, later_height: float | None = None
) -> tuple[Page, ...]:
    """Cut measured blocks into pages: the first no taller than `first_height`, the others no
    taller than `later_height` (the same as the first if not given)."""
    section = _Section(blocks, first_height, later_height)
    return tuple(section.page(start, end) for start, end in section.page_ranges())


def line_to_end_early(
    blocks: Sequence[MeasuredBlock], first_height: float, later_height: float | None = None
) -> Line | None:
    """The first line that, ended early at the last sentence end inside it, would let a page
    end at a sentence end instead of mid-sentence; None when no page would gain.

    Pages are cut as if every line of running text with a sentence end inside it could end
    there; the first page that then ends after such a line names it."""
    section = _Section(blocks, first_height, later_height)
    for _, end in list(section.page_ranges(early=True))[:-1]:
        if not section.places[end].sentence and section.can_end_early(end):
            return section.lines[end]
    return None


def _heading_rows(blocks: Sequence[MeasuredBlock]) -> list[tuple[Line, float] | None]:
    """For each line, the grid's heading row a page starting there shows again, and the room
    it takes there: the row's line and the gap under it, as far as from the heading row's top
    to the next row's (None where a page starting at the line shows none: the line is not a
    later row of a grid with a heading row)."""
    found: list[tuple[Line, float] | None] = []
    headings: dict[int, tuple[Line, float]] = {}
    for number, block in enumerate(blocks):
        repeated = None
        if block.kind is TextKind.TABLE_ROW and block.table is not None:
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            if block.table_heading and following is not None and following.table == block.table:
                heading = block.lines[0]
                headings[block.table] = (heading, following.lines[0].top - heading.top)
            elif not block.table_heading:
                repeated = headings.get(block.table)
        found.extend([repeated] * len(block.lines))
    return found


def _places(blocks: Sequence[MeasuredBlock], later: float) -> list[_Place]:
    """The page end after each line (the last line's is never used)."""
    kept_lists = _kept_lists(blocks, later)
    kept_tables, kept_leads = _kept_tables(blocks, later)
    kept_groups = {
        group
        for group, (first, last) in _spans(blocks, lambda block: block.group).items()
        if _height(blocks, first, last) <= later + _EPSILON
    }
    places: list[_Place] = []
    for number, block in enumerate(blocks):
        after = _place_after(blocks, number, kept_lists, kept_groups, kept_tables, kept_leads)
        keep = _Keep.NOTHING
        if block.is_heading:
            keep = _Keep.HEADING
        elif block.kind is TextKind.PICTURE and block.group in kept_groups:
            keep = _Keep.PICTURE
        elif block.height <= later + _EPSILON:
            keep = _Keep.PARAGRAPH if block.kind is TextKind.PARAGRAPH else _Keep.ITEM
            # Splitting a list's lead-in parts most of it from the list.
            if after.keep in (_Keep.LEAD_IN, _Keep.SHORT_LIST):
                keep = max(keep, after.keep)
        in_text = block.kind in (TextKind.PARAGRAPH, TextKind.LIST_ITEM)
        last = len(block.lines) - 1
        under_heading = number > 0 and blocks[number - 1].is_heading
        for index, line in enumerate(block.lines[:-1]):
            lone = index in (0, last - 1)
            sentence = line.ends_sentence and not block.is_heading
            # A heading with only one line of its text under it ends a page as a heading does.
            if index == 0 and under_heading:
                places.append(_Place(_Keep.HEADING, lone, sentence, in_text))
                continue
            places.append(_Place(keep, lone, sentence, in_text))
        places.append(after)
    return places


def _place_after(
    blocks: Sequence[MeasuredBlock],
    number: int,
    kept_lists: dict[int, int],
    kept_groups: set[int],
    kept_tables: set[int],
    kept_leads: set[int],
) -> _Place:
    """The page end after the last line of block `number`."""
    block = blocks[number]
    following = blocks[number + 1] if number + 1 < len(blocks) else None
    if following is None:
        return _Place(_Keep.NOTHING)
    if block.is_heading or _heads_rows(blocks, number):
        return _Place(_Keep.HEADING)
    if block.group is not None and block.group == following.group:
        kept = _Keep.PICTURE if block.kind is TextKind.PICTURE else _Keep.GROUP
        return _Place(kept if block.group in kept_groups else _Keep.NOTHING)
    if block.table is not None and block.table == following.table:
        kept = _Keep.TABLE if block.table in kept_tables else _Keep.NOTHING
        after = blocks[number + 2] if number + 2 < len(blocks) else None
        # Nor is a table's last row left alone at the head of a page (rule 5, for rows).
        return _Place(kept, lone=after is None or after.table != block.table)
    if number in kept_lists and kept_lists[number] == kept_lists.get(number + 1):
        return _Place(_Keep.SHORT_LIST)
    if number in kept_leads:
        return _Place(_Keep.SHORT_LIST)
    if _leads_in(block, following):
        return _Place(_Keep.LEAD_IN)
    return _Place(_Keep.NOTHING)


def _heads_rows(blocks: Sequence[MeasuredBlock], number: int) -> bool:
    """Whether a page end after block `number` would leave a grid's heading row at the foot
    of a page alone or with just one row under it, the grid going on."""
    block, following = blocks[number], blocks[number + 1]
    if block.table is None or following.table != block.table:
        return False
    above = blocks[number - 1] if number > 0 else None
    return block.table_heading or (
        above is not None and above.table == block.table and above.table_heading
    )


def _leads_in(block: MeasuredBlock, following: MeasuredBlock) -> bool:
    """Whether `block` is the paragraph just before the list (or table) that `following`
    starts."""
    return block.kind is TextKind.PARAGRAPH and (
        following.kind is TextKind.LIST_ITEM or following.table is not None
    )


def _spans(
    blocks: Sequence[MeasuredBlock], key: Callable[[MeasuredBlock], int | None]
) -> dict[int, tuple[int, int]]:
    """The first and last block number of every run of blocks with the same key (not None)."""
    spans: dict[int, tuple[int, int]] = {}
    for number, block in enumerate(blocks):
        value = key(block)
        if value is not None:
            spans[value] = (spans.get(value, (number, number))[0], number)
    return spans


def _height(blocks: Sequence[MeasuredBlock], first: int, last: int) -> float:
    return blocks[last].lines[-1].bottom - blocks[first].lines[0].top


def _kept_lists(blocks: Sequence[MeasuredBlock], later: float) -> dict[int, int]:
    """The blocks of every short list kept together with its lead-in: block number -> the
    number of the list's first block."""
    kept: dict[int, int] = {}
    items = _spans(blocks, lambda block: block.list_number)
    for list_number, (first, last) in items.items():
        members = blocks[first : last + 1]
        # Only a list whose items follow one another is one run of text to keep together.
        if any(block.list_number != list_number for block in members):
            continue
        if len({block.group for block in members}) > SHORT_LIST_ITEMS:
            continue
        if first > 0 and _leads_in(blocks[first - 1], blocks[first]):
            first -= 1
        if _height(blocks, first, last) <= later + _EPSILON:
            kept.update(dict.fromkeys(range(first, last + 1), first))
    return kept


def _kept_tables(blocks: Sequence[MeasuredBlock], later: float) -> tuple[set[int], set[int]]:
    """The tables that fit on a page (kept whole), and the lead-ins kept with their table:
    those that fit on a page with it (block numbers)."""
    tables: set[int] = set()
    leads: set[int] = set()
    for table, (first, last) in _spans(blocks, lambda block: block.table).items():
        if _height(blocks, first, last) > later + _EPSILON:
            continue
        tables.add(table)
        lead_in = first - 1
        if (
            lead_in >= 0
            and _leads_in(blocks[lead_in], blocks[first])
            and _height(blocks, lead_in, last) <= later + _EPSILON
        ):
            leads.add(lead_in)
    return tables, leads


def _last_fitting(lines: Sequence[Line], start: int, room: float) -> int:
    """The last line that fits on a page starting at `start` (at least that line itself)."""
    end = start
    while end + 1 < len(lines) and lines[end + 1].bottom - lines[start].top <= room + _EPSILON:
        end += 1
    return end
