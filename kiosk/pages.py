"""Page cutting: measured lines in, pages out. Pure: no Qt.

kiosk.text_layout lays each section out with Qt at the real size and font and measures it into
`MeasuredBlock`s; `paginate` cuts those lines into pages. Pages are cut between whole lines of
that one layout, so what is measured is exactly what is drawn: a line is never clipped, a page
never runs under the footer, and text is never shrunk to fit.

Every place between two lines is a possible page end. What it would break (`_Keep`), from
the rules pages are least unwilling to bend to the ones they keep hardest:

- nothing: between two blocks, or inside a block taller than a page;
- a list's lead-in (the paragraph just before it) parted from the list's first item;
- a short list (at most `SHORT_LIST_ITEMS` items, nested ones included) that fits on a page
  together with its lead-in: the two stay together, and no item is parted from the next;
- a list item of several paragraphs, or a code block of several lines of code, that fits on a
  page: such a group of blocks is never split;
- a block that fits on a page (a paragraph, a heading, a list item's paragraph, a line of code):
  such a block is never split;
- a heading: a heading is never the last thing on a page.

and, among places that break the same, how well a page ends there (`_End`): after a line that
ends a sentence (the end of a paragraph, list item or line of code counts), then mid-sentence,
then leaving one line of a split block alone at the foot or head of a page.

Each page is filled as far as it goes, then ends at the place that breaks the least and, of
those, ends best, the latest of equals. A sentence end counts only if the page keeps at least
`MIN_FILL` (two thirds) of the height of the lines it could hold; below that it is no better
than mid-sentence: a page gives up at most a third of its lines to end at a sentence end. A
rule is bent only when a page offers nothing better: a block that fits on a later page but not
on the first, under the section's heading, with nothing above it; a tiny screen; large text.

A sentence seldom ends just where Qt wraps a line. So before cutting, `line_to_end_early` names
the first page that would end mid-sentence although a sentence ends inside one of the lines it
could end after (that page still at least `MIN_FILL` full, the same rule broken or none, no lone
line left): kiosk.text_layout ends that line after the sentence (a forced line break where a
space was), measures again and asks again, until no page gains.

Then, when the section's last page holds only one or two lines (`SHORT_PAGE_LINES`), it and the
page before are cut again to even them out: at a place that breaks nothing (or the same block
or list the old place broke), is no lone line, and leaves both pages at least three lines; of
those, the most even one at a sentence end that leaves each page at least a third of the two
pages' height, else the most even one; of two as even, the one with the fuller page first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum

# Layout positions are fractional; this much overshoot is rounding, not overflow.
_EPSILON = 0.01
# A page may end early at a sentence end if it keeps this much of the height of the lines it
# could hold.
MIN_FILL = 2 / 3
# A list of at most this many items that fits on a page is kept together with its lead-in.
SHORT_LIST_ITEMS = 6
# A section's last page with at most this many lines is evened out with the page before it.
SHORT_PAGE_LINES = 2


class TextKind(Enum):
    """What a measured block of text is, as far as cutting pages cares."""

    PARAGRAPH = "paragraph"  # also a paragraph of a quote, and a rule
    HEADING = "heading"
    LIST_ITEM = "list item"  # and each further paragraph of the same item
    CODE = "code"  # one line of code (however many lines it wraps to)


@dataclass(frozen=True)
class Line:
    """One laid-out line: its text block (by number in the document), line in it, and extent.

    `ends_sentence`: a sentence ends with this line (so does the text of its block: the last
    line of a paragraph or list item counts, as does the end of a line of code).
    `sentence_ends_within`: a sentence ends inside this line, before its last words, where the
    line could be ended early (see `line_to_end_early`)."""

    block: int
    line: int
    top: float
    bottom: float
    ends_sentence: bool = False
    sentence_ends_within: bool = False


@dataclass(frozen=True)
class MeasuredBlock:
    """One text block's lines, top to bottom, and what the block is.

    `group`: the blocks of one list item (its paragraphs) or of one code block (its lines of
    code) share a number, which no other block has. `list_number`: the items of one list
    (nested ones included) share it.
    """

    kind: TextKind
    lines: tuple[Line, ...]
    group: int | None = None
    list_number: int | None = None

    @property
    def is_heading(self) -> bool:
        return self.kind is TextKind.HEADING

    @property
    def height(self) -> float:
        return self.lines[-1].bottom - self.lines[0].top


@dataclass(frozen=True)
class Page:
    """A run of whole lines from one section's document, from `top` to `bottom`."""

    lines: tuple[Line, ...]

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
    LEAD_IN = 1
    SHORT_LIST = 2
    GROUP = 3
    BLOCK = 4
    HEADING = 5


class _End(IntEnum):
    """How well a page ends, from best to worst."""

    SENTENCE = 0
    MID_SENTENCE = 1
    LONE_LINE = 2


@dataclass(frozen=True)
class _Place:
    """A page end after one line: what it breaks (and which block or list), how well it ends,
    and whether it lies inside a block of running text (which a line can be ended early in)."""

    keep: _Keep
    end: _End
    unit: int = -1  # the block, group or list it splits, to tell one broken rule from another
    in_text: bool = False


class _Section:
    """One section's lines, each with the page end after it, cut page by page."""

    def __init__(
        self, blocks: Sequence[MeasuredBlock], first_height: float, later_height: float | None
    ) -> None:
        self.first = first_height
        self.later = first_height if later_height is None else later_height
        # A block without lines has nothing to place (and no extent to measure).
        blocks = [block for block in blocks if block.lines]
        self.lines = [line for block in blocks for line in block.lines]
        self.places = _places(blocks, self.later)

    def room(self, page: int) -> float:
        return self.first if page == 0 else self.later

    def greedy(self) -> Iterator[tuple[int, int, int]]:
        """(first line, last line that fits, last line) of each page, filled as far as it
        goes and ended at the best place on it."""
        start = page = 0
        while start < len(self.lines):
            fitting = _last_fitting(self.lines, start, self.room(page))
            last = fitting
            if fitting < len(self.lines) - 1:
                last = min(
                    range(start, fitting + 1),
                    key=lambda index: (
                        self.places[index].keep,
                        self.ending(start, fitting, index),
                        -index,
                    ),
                )
            yield start, fitting, last
            start, page = last + 1, page + 1

    def ending(self, start: int, fitting: int, index: int) -> _End:
        """How well the page from `start`, which could hold lines up to `fitting`, ends after
        line `index`: a sentence end only counts if the page is full enough then."""
        ending = self.places[index].end
        if ending is _End.SENTENCE and not self.full_enough(start, fitting, index):
            return _End.MID_SENTENCE
        return ending

    def full_enough(self, start: int, fitting: int, index: int) -> bool:
        """Whether the page from `start`, ended after line `index`, keeps MIN_FILL of the
        height of the lines it could hold (up to `fitting`)."""
        filled = self.lines[index].bottom - self.lines[start].top
        could = self.lines[fitting].bottom - self.lines[start].top
        return filled >= MIN_FILL * could - _EPSILON

    def can_end_early(self, index: int) -> bool:
        """Whether line `index` holds a sentence end it could be ended at, leaving no lone line
        (see line_to_end_early)."""
        place = self.places[index]
        return (
            self.lines[index].sentence_ends_within
            and place.in_text
            and place.end is not _End.LONE_LINE
        )


def paginate(
    blocks: Sequence[MeasuredBlock], first_height: float, later_height: float | None = None
) -> tuple[Page, ...]:
    """Cut measured blocks into pages: the first no taller than `first_height`, the others no
    taller than `later_height` (the same as the first if not given)."""
    section = _Section(blocks, first_height, later_height)
    lines = section.lines
    starts = [start for start, _, _ in section.greedy()]
    if not starts:
        return ()
    if len(starts) > 1 and len(lines) - starts[-1] <= SHORT_PAGE_LINES:
        starts[-1] = _even_out(section, starts[-2], starts[-1], len(starts) - 2)
    ends = [*starts[1:], len(lines)]
    return tuple(Page(tuple(lines[start:end])) for start, end in zip(starts, ends, strict=True))


def line_to_end_early(
    blocks: Sequence[MeasuredBlock], first_height: float, later_height: float | None = None
) -> Line | None:
    """The first line that, ended early at the last sentence end inside it, would let a page
    end at a sentence end instead of mid-sentence; None when no page would gain.

    A page gains when it would end mid-sentence (or on a lone line) and one of the lines it
    could end after holds a sentence end, with the page then at least MIN_FILL full and no
    rule broken that the page does not break anyway: the latest such line. The last two pages
    gain when evening them out would take such a line (as if it ended a sentence already)."""
    section = _Section(blocks, first_height, later_height)
    lines, places = section.lines, section.places
    starts = []
    for start, fitting, last in section.greedy():
        starts.append(start)
        if last == len(lines) - 1 or section.ending(start, fitting, last) is _End.SENTENCE:
            continue
        broken = places[last]
        for index in range(fitting, start - 1, -1):
            place = places[index]
            # Ending there must break no rule, or only the one the page breaks anyway.
            no_worse = place.keep is _Keep.NOTHING or (place.keep, place.unit) == (
                broken.keep,
                broken.unit,
            )
            if (
                section.can_end_early(index)
                and no_worse
                and section.full_enough(start, fitting, index)
            ):
                return lines[index]
    if len(starts) > 1 and len(lines) - starts[-1] <= SHORT_PAGE_LINES:
        index = _even_out(section, starts[-2], starts[-1], len(starts) - 2, early=True) - 1
        if not lines[index].ends_sentence and section.can_end_early(index):
            return lines[index]
    return None


def _places(blocks: Sequence[MeasuredBlock], later: float) -> list[_Place]:
    """The page end after each line (the last line's is never used)."""
    kept_lists = _kept_lists(blocks, later)
    kept_groups = {
        group
        for group, (first, last) in _spans(blocks, lambda block: block.group).items()
        if _height(blocks, first, last) <= later + _EPSILON
    }
    places: list[_Place] = []
    for number, block in enumerate(blocks):
        keep = _Keep.BLOCK if block.height <= later + _EPSILON else _Keep.NOTHING
        in_text = block.kind in (TextKind.PARAGRAPH, TextKind.LIST_ITEM)
        last = len(block.lines) - 1
        for index, line in enumerate(block.lines[:-1]):
            if index == 0 or index == last - 1:
                end = _End.LONE_LINE
            elif line.ends_sentence and not block.is_heading:
                end = _End.SENTENCE
            else:
                end = _End.MID_SENTENCE
            places.append(_Place(keep, end, number, in_text))
        following = blocks[number + 1] if number + 1 < len(blocks) else None
        if following is None:
            places.append(_Place(_Keep.NOTHING, _End.SENTENCE))
        elif block.is_heading:
            places.append(_Place(_Keep.HEADING, _End.SENTENCE, number))
        elif block.group is not None and block.group == following.group:
            keep = _Keep.GROUP if block.group in kept_groups else _Keep.NOTHING
            places.append(_Place(keep, _End.SENTENCE, block.group))
        elif number in kept_lists and kept_lists[number] == kept_lists.get(number + 1):
            places.append(_Place(_Keep.SHORT_LIST, _End.SENTENCE, kept_lists[number]))
        elif _leads_in(block, following):
            places.append(_Place(_Keep.LEAD_IN, _End.SENTENCE, number))
        else:
            places.append(_Place(_Keep.NOTHING, _End.SENTENCE))
    return places


def _leads_in(block: MeasuredBlock, following: MeasuredBlock) -> bool:
    """Whether `block` is the paragraph just before the list that `following` starts."""
    return block.kind is TextKind.PARAGRAPH and following.kind is TextKind.LIST_ITEM


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


def _last_fitting(lines: Sequence[Line], start: int, room: float) -> int:
    """The last line that fits on a page starting at `start` (at least that line itself)."""
    end = start
    while end + 1 < len(lines) and lines[end + 1].bottom - lines[start].top <= room + _EPSILON:
        end += 1
    return end


def _even_out(
    section: _Section, start: int, last_start: int, page: int, *, early: bool = False
) -> int:
    """Where the last page should start so that it and page `page` before it (from `start`)
    are even; `last_start` if they cannot be. `early`: count a line that can be ended early at
    a sentence end as if it ended one."""
    lines, places = section.lines, section.places
    least = SHORT_PAGE_LINES + 1
    total = lines[-1].bottom - lines[start].top
    now = places[last_start - 1]
    candidates: list[tuple[bool, float, bool, int]] = []
    for index in range(start + least - 1, len(lines) - least):
        place = places[index]
        if place.end is _End.LONE_LINE:
            continue
        if place.keep is not _Keep.NOTHING and (place.keep, place.unit) != (now.keep, now.unit):
            continue
        before = lines[index].bottom - lines[start].top
        after = lines[-1].bottom - lines[index + 1].top
        if before > section.room(page) + _EPSILON or after > section.later + _EPSILON:
            continue
        sentence_end = place.end is _End.SENTENCE or (early and section.can_end_early(index))
        at_sentence_end = sentence_end and min(before, after) >= total / 3
        # Of two places as even, the one that leaves the fuller page first.
        candidates.append((not at_sentence_end, abs(before - after), before < after, index))
    if not candidates:
        return last_start
    return min(candidates)[-1] + 1
