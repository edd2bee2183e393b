"""Page cutting: measured lines in, pages out. Pure: no Qt.

kiosk.text_layout lays each section out with Qt at the real size and font and measures it into
`MeasuredBlock`s; `paginate` cuts those lines into pages. Pages are cut between whole lines of
that one layout, so what is measured is exactly what is drawn: a line is never clipped, a page
never runs under the footer, and text is never shrunk to fit.

Rules, in order: a block that fits on a page is never split; a block taller than a page is
split between lines; a heading is never the last thing on a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Layout positions are fractional; this much overshoot is rounding, not overflow.
_EPSILON = 0.01


@dataclass(frozen=True)
class Line:
    """One laid-out line: its text block (by number in the document), line in it, and extent."""

    block: int
    line: int
    top: float
    bottom: float


@dataclass(frozen=True)
class MeasuredBlock:
    """One text block's lines, top to bottom, and whether the block is a heading."""

    is_heading: bool
    lines: tuple[Line, ...]


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


def paginate(
    blocks: Sequence[MeasuredBlock], first_height: float, later_height: float | None = None
) -> tuple[Page, ...]:
    """Cut measured blocks into pages: the first no taller than `first_height`, the others no
    taller than `later_height` (the same as the first if not given)."""
    later = first_height if later_height is None else later_height
    # A block without lines has nothing to place (and no extent to measure).
    blocks = [block for block in blocks if block.lines]
    pages: list[Page] = []
    current: list[Line] = []
    headings = {line.block for block in blocks if block.is_heading for line in block.lines}

    def available() -> float:
        return first_height if not pages else later

    def fits(bottom: float) -> bool:
        return not current or bottom - current[0].top <= available() + _EPSILON

    def only_headings() -> bool:
        return all(line.block in headings for line in current)

    def lines_that_fit(lines: Sequence[Line]) -> int:
        return sum(1 for line in lines if fits(line.bottom))

    def break_page(widow: bool = False) -> None:
        nonlocal current
        carried: list[Line] = []
        if widow:
            # Never leave one lonely line of a paragraph to start the next page.
            carried.append(current.pop())
        # A heading never ends a page: it moves over with the text it introduces.
        while current and current[-1].block in headings and not only_headings():
            heading_block = current[-1].block
            while current and current[-1].block == heading_block:
                carried.insert(0, current.pop())
        pages.append(Page(tuple(current)))
        current = carried

    for block in blocks:
        lines = block.lines
        block_height = lines[-1].bottom - lines[0].top
        # Split a block only when it could never fit on one page, and then only if at least
        # two of its lines stay on this page; otherwise it starts a new page.
        if (
            current
            and not fits(lines[-1].bottom)
            and not only_headings()
            and (block_height <= later + _EPSILON or lines_that_fit(lines) < 2)
        ):
            break_page()
        for index, line in enumerate(lines):
            if not fits(line.bottom):
                own_lines = sum(1 for placed in current if placed.block == line.block)
                break_page(widow=index == len(lines) - 1 and own_lines >= 3)
            current.append(line)
    if current:
        pages.append(Page(tuple(current)))
    return tuple(pages)
