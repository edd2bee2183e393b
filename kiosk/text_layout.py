"""Sections laid out with Qt's text engine at the real size and font, and measured for paging.

Each section is laid out as one QTextDocument (an InertDocument) at the column width;
`measure` reads its lines off that one layout and kiosk.pages cuts them into pages, so what is
measured is exactly what is drawn. This module also answers where a page's text starts and
which characters it shows; drawing a page is kiosk.ui.page_painter's job.

A section's heading leaves its first page room for a line of text: on a small panel at large
text it is drawn smaller (never below the text's size) or cut after a whole word, so nothing
runs under the footer. Later pages repeat the title on one line, growing with the text.

A picture (kiosk.article's PICTURE block) is an empty text block exactly as tall as the picture
(its one line, which kiosk.page_painter draws the picture over), then its caption, centred, in
the body font. It is decoded (kiosk.picture_decoder) at the size it is shown at: as wide as the
column at most, and short enough to fit on one page with its caption (on the section's first
page when nothing comes before it, else on a later page, which has more room), never more than
twice its own size. Where the caption would leave the picture less than half a page (a small
panel at large text), the picture has the page and the caption starts the next. A picture
that cannot be decoded is shown as its description, as text.

Every line wraps inside the column, code included: Qt lays `<pre>` out as lines that never
break, so those blocks are made to wrap (keeping their spaces, like CSS `white-space:
pre-wrap`), and a word longer than the column breaks anywhere rather than run past it.

A table (kiosk.article's TABLE block) is shown as a grid where it fits (`_grid`): at the
column's width, font and text size, every cell on one line and the columns side by side with
kiosk.theme's column gap between them. Each row is then one paragraph, its cells parted by a
tab (one character, so Read aloud reads a row as one sentence, its cells in order, and every
position in the text stays where it was), with tab stops at the columns' starts (from the
right in a right-to-left article, whose first column is then on the right); the heading row is
bold. The rows are bands a little apart (`table_marks`: every other one shaded, rules between
them, a thicker one under the heading row), and a page a grid goes on onto shows its heading
row again above its rows (kiosk.pages' Page.heading_row; `repeated_heading_row`). A table that
does not fit so is shown as stacked rows (kiosk.article), a list item a row. Either way a page
ends between rows, and a table that fits on a page is kept whole (kiosk.pages).

Measuring tells kiosk.pages what each block is (paragraph, heading, list item and which list,
table row and which table, code) and which lines end a sentence or hold a sentence end (where
Read aloud's sentences end: Unicode UAX #29), so pages can end at sentence ends and keep lists
and tables whole. Where a page would end mid-sentence although a sentence ends inside one of
its last lines, that line is ended early there: the space after the sentence becomes a forced
line break (U+2028, one character for one, so every position in the text stays where it was
and Read aloud, the marked sentence and the page a reader is on still agree), and the section
is measured again and cut again.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
import re
from collections.abc import Collection
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QImage,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLine,
    QTextOption,
)

from kiosk import words
from kiosk.article import Article, BlockKind, Section
from kiosk.inert import InertDocument
from kiosk.pages import Line, MeasuredBlock, Page, TextKind, line_to_end_early, paginate
from kiosk.picture_decoder import decode_picture
from kiosk.speech import sentences
from kiosk.theme import LINE_HEIGHT, TableSizes, Theme, load_bundled_fonts, table_sizes

HEADING_LINE_HEIGHT = 1.2
# What ends a line early at a sentence end: Qt's forced line break inside a paragraph (U+2028).
_LINE_BREAK = "\u2028"
# A shortened title ends in an ellipsis, without the punctuation before it.
_ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_TRAILING = " :;,.-\N{EN DASH}\N{EM DASH}"
# Set on the text blocks of a code block, which Qt made unbreakable and this module makes wrap.
_CODE_PROPERTY = QTextFormat.Property.UserProperty + 1
# Set on a picture's empty text block (the room it is drawn in) and on its caption's.
_PICTURE_PROPERTY = QTextFormat.Property.UserProperty + 2
_CAPTION_PROPERTY = QTextFormat.Property.UserProperty + 3
# A picture's caption takes no more of its page than leaves the picture this share of it.
_LEAST_PICTURE_SHARE = 0.5
# What a picture's text block holds until it is emptied (Qt leaves an empty paragraph out).
_PICTURE_MARK = "\u200b"
# Set on the text blocks of a table's rows: the table's number (its block's in the section);
# on a grid's rows, also the row's number under the heading row (the heading row's is -1).
_TABLE_PROPERTY = QTextFormat.Property.UserProperty + 4
_TABLE_ROW_PROPERTY = QTextFormat.Property.UserProperty + 5
# Parts a grid's cells in its HTML until each becomes a tab (Qt's HTML import turns a tab into
# a space): a private-use character, taken out of the cells themselves.
_CELL_MARK = "\ue000"
# Around each cell of a grid (see `_marked_html`): Unicode's left-to-right and right-to-left
# isolates, and the end of one.
_LEFT_TO_RIGHT_ISOLATE = "\u2066"
_RIGHT_TO_LEFT_ISOLATE = "\u2067"
_POP_ISOLATE = "\u2069"
_HEADING_ROW = -1
_CELL_MARK_IN_HTML = re.compile(r"&#(?:[xX]0*[eE]000|0*57344);")
# A picture shown as its description, as kiosk.article writes it; and where the description goes
# in the words that mark it while they are split around it (a private-use character).
_PICTURE_IN_ENGLISH = re.compile(r"<em>\[Picture: (.*?)\]</em>", re.DOTALL)
_DESCRIPTION_SLOT = "\ue001"
# The first tag of a section's block that Qt turns into a text block of its own: it carries the
# block's number (as the text block's user state) into the document. A list's first item, not the
# list, becomes the first text block.
_FIRST_TAG = re.compile(r"<(li|p|pre|h[1-6]|blockquote)\b")


class MarkKind(Enum):
    """What a mark of a grid is, and so its colour (kiosk.theme.Palette)."""

    STRIPE = "stripe"  # every other row's band: table_stripe
    RULE = "rule"  # between two rows: table_rule
    HEADING_RULE = "heading rule"  # under the heading row: table_rule, thicker


@dataclasses.dataclass(frozen=True)
class TableMark:
    """A shaded band or a rule of a grid, drawn under its text, in the body's coordinates."""

    rect: QRectF
    kind: MarkKind


@dataclasses.dataclass(frozen=True)
class RepeatedRow:
    """A grid's heading row shown again atop a page: its band in the body (the body is drawn
    there, clipped to it), how far down it is moved to stand above the page's first row, and
    its marks (in the body's coordinates, before the move)."""

    band: QRectF
    shift: float
    marks: tuple[TableMark, ...]


@dataclasses.dataclass(frozen=True)
class _Grid:
    """A table shown as a grid: its rows' cells (inert HTML; the heading row first where it has
    words), where each column starts after the first (from the row's start), and how wide
    its rows' words reach."""

    rows: tuple[tuple[str, ...], ...]
    has_heading: bool
    tabs: tuple[float, ...]
    width: float
    sizes: TableSizes


class SectionLayout:
    """One section laid out for one theme: its heading, its text and the pages cut from it."""

    def __init__(
        self,
        section: Section,
        theme: Theme,
        *,
        right_to_left: bool = False,
        language: str | None = None,
    ) -> None:
        """`language`: the article's, which the "(continued)" mark after the section's title is
        in (None: the interface's, as for a title that is the kiosk's own word)."""
        self.section = section
        self._language = None if section.kiosk_title else language
        self.heading = _fitting_heading(section.title, theme, right_to_left)
        self._theme = theme
        self._right_to_left = right_to_left
        self._continued_heading: QTextDocument | None = None
        column_height = theme.column_rect.height()
        self._column_height = float(column_height)
        # Later pages of a section repeat its title on one line, smaller than the heading (it
        # grows with the text as the heading does), leaving the room to text; that line is
        # exactly one fixed line pitch high (see _set_block_formats).
        self._body_tops = (
            self.heading.size().height() + theme.heading_gap,
            round(continued_title_px(theme) * HEADING_LINE_HEIGHT) + theme.continued_heading_gap,
        )
        first, later = (
            max(column_height - top, float(theme.line_height_px)) for top in self._body_tops
        )
        # The pictures by the number of the text block they are drawn over.
        self.pictures: dict[int, QImage] = {}
        # The tables shown as grids, by their block's number in the section.
        self.grids = _grids(section, theme, right_to_left)
        self.body = _body_document(
            section, theme, right_to_left, (first, later), self.pictures, self.grids, self._language
        )
        self.pages: tuple[Page, ...] = _pages(self.body, first, later)

    @property
    def continued_heading(self) -> QTextDocument:
        """The one-line "(continued)" title, made when a later page is first drawn."""
        if self._continued_heading is None:
            self._continued_heading = _heading_document(
                _continued_title(self.section.title, self._theme, self._language),
                self._theme,
                self._right_to_left,
                continued_title_px(self._theme),
            )
        return self._continued_heading

    def body_top(self, page_index: int) -> float:
        """Where the text starts below the column's top: under the full heading on a
        section's first page, under the one-line "continued" title on the others; and under
        a grid's heading row shown again, on a page the grid goes on onto."""
        top = self._body_tops[0 if page_index == 0 else 1]
        if page_index < len(self.pages):
            top += self.pages[page_index].heading_row_room
        return top

    def body_height(self, page_index: int) -> float:
        """The room for text on a page."""
        column_bottom = self._column_height
        return max(column_bottom - self.body_top(page_index), 0.0)

    def page_text_range(self, page_index: int) -> tuple[int, int]:
        """(first, after last) character of the body on a page."""
        page = self.pages[page_index]
        first, last = page.lines[0], page.lines[-1]
        start_line = self.body.findBlockByNumber(first.block).layout().lineAt(first.line)
        start = self.body.findBlockByNumber(first.block).position() + start_line.textStart()
        end_block = self.body.findBlockByNumber(last.block)
        end_line = end_block.layout().lineAt(last.line)
        end = end_block.position() + end_line.textStart() + end_line.textLength()
        return start, end

    def pictures_on(self, page_index: int) -> list[tuple[QRectF, QImage]]:
        """The pictures on a page, each with where it is drawn in the body's coordinates
        (centred in the column, at the top of its text block)."""
        found = []
        for number in self.pages[page_index].blocks:
            image = self.pictures.get(number)
            if image is not None:
                top = self.body.findBlockByNumber(number).layout().position().y()
                left = (self.body.textWidth() - image.width()) / 2
                found.append((QRectF(QPointF(left, top), image.size().toSizeF()), image))
        return found

    def table_marks(self, page_index: int) -> list[TableMark]:
        """The shaded bands and rules of the grids' rows on a page, in the body's coordinates:
        a rule between two rows on the page, a thicker one under a heading row, every other
        row under the heading shaded."""
        page = self.pages[page_index]
        shown = set(page.blocks)
        marks: list[TableMark] = []
        for number in page.blocks:
            block = self.body.findBlockByNumber(number)
            row = _grid_row(block)
            if row is None:
                continue
            table, index = row
            band = self._band(block, self.grids[table])
            marks.extend(self._row_marks(block, band, index, number - 1 in shown))
        # Every shading first, then the rules: a row's shading never covers the rule above it.
        marks.sort(key=lambda mark: mark.kind is not MarkKind.STRIPE)
        return marks

    def repeated_heading_row(self, page_index: int) -> RepeatedRow | None:
        """The grid's heading row a page shows again above its lines, if it does."""
        page = self.pages[page_index]
        if page.heading_row is None:
            return None
        block = self.body.findBlockByNumber(page.heading_row.block)
        row = _grid_row(block)
        assert row is not None, "only a grid's heading row is shown again"
        table, index = row
        band = self._band(block, self.grids[table])
        shift = page.top - page.heading_row_room - page.heading_row.top
        return RepeatedRow(band, shift, tuple(self._row_marks(block, band, index, False)))

    def _band(self, block: QTextBlock, grid: _Grid) -> QRectF:
        """A grid row's band: as wide as the grid and its padding either side, centred on its
        line's letters, as tall as the distance from row to row (so the bands of a grid's rows
        meet)."""
        line = block.layout().lineAt(0)
        middle = block.layout().position().y() + line.y() + line.height() / 2
        step = block.blockFormat().lineHeight() + grid.sizes.row_gap
        padding = grid.sizes.padding
        left = self.body.textWidth() - grid.width if self._right_to_left else 0.0
        return QRectF(left - padding, middle - step / 2, grid.width + 2 * padding, step)

    def _row_marks(
        self, block: QTextBlock, band: QRectF, index: int, row_above: bool
    ) -> list[TableMark]:
        """A row's marks: its shade, the rule above it (with a row above it on the page), or
        the rule under it (a heading row)."""
        sizes = self.grids[block.blockFormat().intProperty(_TABLE_PROPERTY)].sizes
        marks = []
        if index == _HEADING_ROW:
            rule = sizes.heading_rule
            where = QRectF(band.left(), band.bottom() - rule / 2, band.width(), rule)
            return [TableMark(where, MarkKind.HEADING_RULE)]
        if index % 2 == 1:
            marks.append(TableMark(band, MarkKind.STRIPE))
        if row_above and index > 0:
            rule = sizes.rule
            where = QRectF(band.left(), band.top() - rule / 2, band.width(), rule)
            marks.append(TableMark(where, MarkKind.RULE))
        return marks

    def page_at(self, position: int) -> int:
        """The page showing the character at `position` of the body."""
        for index in range(len(self.pages)):
            if position < self.page_text_range(index)[1]:
                return index
        return len(self.pages) - 1


class ArticleLayout:
    """Every section of an article laid out for one theme."""

    def __init__(self, article: Article, theme: Theme) -> None:
        # Text is measured with the fonts Qt knows at that moment: the bundled one first.
        load_bundled_fonts()
        from kiosk.take_home import take_home_block

        self.article = article
        self.theme = theme
        slides = list(article.slides)
        code = take_home_block(article)
        if code is not None:
            # "About this information" ends with the QR code of the article's url.
            slides[-1] = dataclasses.replace(slides[-1], blocks=(*slides[-1].blocks, code))
        self.sections = tuple(
            SectionLayout(
                section, theme, right_to_left=article.right_to_left, language=article.language
            )
            for section in slides
        )

    @property
    def page_counts(self) -> tuple[int, ...]:
        return tuple(len(section.pages) for section in self.sections)


def _pages(body: QTextDocument, first: float, later: float) -> tuple[Page, ...]:
    """Cut a section's body into pages, first ending early the lines that let a page end at a
    sentence end (kiosk.pages.line_to_end_early), one page at a time from the top.

    Ending a line early moves the rest of its paragraph down a little, which now and then
    moves a page end elsewhere after all: such a line is joined up again and left as it was."""
    made: set[tuple[int, int]] = set()  # (block, position) of every early line end
    refused: set[tuple[int, int]] = set()  # early line ends taken back
    blocks = measure(body)
    # Each round ends one more line early or takes one back for good: a bound, never reached.
    for _ in range(4 * sum(len(block.lines) for block in blocks) + 4):
        line = line_to_end_early(blocks, first, later)
        if line is not None:
            made.add(end_line_early(body, line, refused))
        else:
            pages = paginate(blocks, first, later)
            stray = made - _early_page_ends(body, pages)
            if not stray:
                return pages
            for block, position in stray:
                _replace(body, block, position, " ")
            made -= stray
            refused |= stray
        blocks = measure(body, refused)
    for block, position in made:
        _replace(body, block, position, " ")
    return paginate(measure(body, refused | made), first, later)


def _early_page_ends(body: QTextDocument, pages: tuple[Page, ...]) -> set[tuple[int, int]]:
    """The early line ends (block, position) that end a page."""
    found = set()
    for page in pages[:-1]:
        last = page.lines[-1]
        block = body.findBlockByNumber(last.block)
        text = block.text()
        line = block.layout().lineAt(last.line)
        end = _python_indices(text)[line.textStart() + line.textLength()]
        if text[end - 1 : end] == _LINE_BREAK:
            found.add((last.block, end - 1))
    return found


def measure(
    document: QTextDocument, refused: Collection[tuple[int, int]] = ()
) -> list[MeasuredBlock]:
    """Every text block that has lines, with its lines' extents, top to bottom, and what it is.

    The paragraphs of one list item share a group, as do the lines of one code block (a text
    block each) and a picture with its caption; the items of one list, nested ones included,
    share a list number. A picture is one line as tall as it is, weighing as many lines of
    text as fit in its height. Where one list or code block ends and the next begins comes
    from the numbers `_body_document` marks the section's blocks with. `refused`: (block,
    position) of sentence ends that no line is to be ended early at.
    """
    document.size()  # lays the document out; until then its blocks have no lines
    pitch = round(document.defaultFont().pixelSize() * LINE_HEIGHT)
    measured: list[MeasuredBlock] = []
    source = -1  # which of the section's blocks a text block comes from
    groups = 0
    above: tuple[int, TextKind, int | None] | None = None  # the block above: source, kind, group
    block = document.begin()
    while block.isValid():
        source = block.userState() if block.userState() >= 0 else source
        kind = _kind(block)
        group: int | None = None
        if above is not None and above[0] == source and _continues(block, kind, above[1]):
            # A list item's further paragraph is part of the item, as far as paging goes.
            kind = above[1]
            group = above[2]
        elif kind in (TextKind.CODE, TextKind.LIST_ITEM, TextKind.PICTURE):
            groups += 1
            group = groups
        list_number = source if kind is TextKind.LIST_ITEM else None
        if block.blockFormat().boolProperty(_PICTURE_PROPERTY):
            lines: tuple[Line, ...] = (_picture_line(block, pitch),)
        else:
            lines = _lines(block, kind, refused)
        if lines:
            table = _table_row(block)
            table_number = None if table is None else table[0]
            table_heading = table is not None and table[1] == _HEADING_ROW
            measured.append(
                MeasuredBlock(kind, lines, group, list_number, table_number, table_heading)
            )
        above = (source, kind, group)
        block = block.next()
    return measured


def _table_row(block: QTextBlock) -> tuple[int, int | None] | None:
    """(table, row) of a table's row: the table's number and, in a grid, the row's (None in
    stacked rows); None for a block of anything else."""
    block_format = block.blockFormat()
    if not block_format.hasProperty(_TABLE_PROPERTY):
        return None
    row = None
    if block_format.hasProperty(_TABLE_ROW_PROPERTY):
        row = block_format.intProperty(_TABLE_ROW_PROPERTY)
    return block_format.intProperty(_TABLE_PROPERTY), row


def _grid_row(block: QTextBlock) -> tuple[int, int] | None:
    """(table, row) of a grid's row (the heading row's is _HEADING_ROW); None for a block of
    anything else."""
    row = _table_row(block)
    if row is None or row[1] is None:
        return None
    return row[0], row[1]


def _kind(block: QTextBlock) -> TextKind:
    block_format = block.blockFormat()
    if block_format.hasProperty(_TABLE_ROW_PROPERTY):
        return TextKind.TABLE_ROW
    if block_format.boolProperty(_PICTURE_PROPERTY) or block_format.boolProperty(_CAPTION_PROPERTY):
        return TextKind.PICTURE
    if block_format.headingLevel() > 0:
        return TextKind.HEADING
    if block_format.boolProperty(_CODE_PROPERTY):
        return TextKind.CODE
    if block.textList() is not None:
        return TextKind.LIST_ITEM
    return TextKind.PARAGRAPH


def _continues(block: QTextBlock, kind: TextKind, above: TextKind) -> bool:
    """Whether a text block goes on with the group of the one above it (from the same block of
    the section): the next line of a code block, or a further paragraph of a list item
    (indented, and not itself an item)."""
    if kind in (TextKind.CODE, TextKind.PICTURE):
        return above is kind
    return (
        kind is TextKind.PARAGRAPH
        and above is TextKind.LIST_ITEM
        and block.blockFormat().indent() > 0
    )


def _lines(
    block: QTextBlock, kind: TextKind, refused: Collection[tuple[int, int]]
) -> tuple[Line, ...]:
    """A text block's lines, each with its extent and the sentence ends at and inside it."""
    layout = block.layout()
    origin = layout.position().y()
    # Lines are drawn at the block's fixed pitch even when Qt reports them shorter.
    fixed = block.blockFormat().lineHeight()
    text = block.text()
    ends = _sentence_ends(text, kind)
    number = block.blockNumber()
    cuts = [cut for cut in _sentence_cuts(text, kind, ends) if (number, cut) not in refused]
    index = _python_indices(text)
    lines = []
    for line_number in range(layout.lineCount()):
        line = layout.lineAt(line_number)
        top = origin + line.y()
        start, end = _line_span(text, index, line)
        within = any(start < cut < end for cut in cuts)
        bottom = top + max(line.height(), fixed)
        lines.append(Line(number, line_number, top, bottom, end in ends, within))
    return tuple(lines)


def _picture_line(block: QTextBlock, pitch: int) -> Line:
    """A picture's one line: from the top of its text block, exactly as tall as the picture
    (Qt puts the empty line's own text at the bottom of that room), weighing the lines of text
    that fit in that height."""
    top = block.layout().position().y()
    height = block.blockFormat().lineHeight()
    weight = max(1, math.floor(height / max(pitch, 1)))
    return Line(block.blockNumber(), 0, top, top + height, True, False, weight)


def _line_span(text: str, index: list[int], line: QTextLine) -> tuple[int, int]:
    """Where a line's text starts and ends in its block's `text` (Python indices), leaving out
    the spaces after its last word (Qt counts those in the line, and in UTF-16 units, which
    `index`, from _python_indices, turns into Python's)."""
    start = index[line.textStart()]
    end = index[line.textStart() + line.textLength()]
    return start, len(text[:end].rstrip())


def _sentence_ends(text: str, kind: TextKind) -> frozenset[int]:
    """Where sentences end in a text block's text, as read aloud (kiosk.speech.sentences: UAX
    #29, without "Dr." or "e.g." before a capital); the text's own end always counts. A heading
    ends none a page could end on; a line of code ends only with the line itself."""
    if kind is TextKind.HEADING:
        return frozenset()
    if kind is TextKind.CODE:
        return frozenset({len(text.rstrip())})
    return _sentence_ends_in(text)


@functools.lru_cache(maxsize=4096)
def _sentence_ends_in(text: str) -> frozenset[int]:
    # Remembered: a section is measured again after each line ended early, and most of its
    # text blocks have not changed.
    return frozenset(end for _, end in sentences(text)) | {len(text.rstrip())}


def _sentence_cuts(text: str, kind: TextKind, ends: Collection[int]) -> list[int]:
    """Sentence ends in running text followed by a space, which a forced line break can take the
    place of (so the text keeps its length and every position in it stays where it was)."""
    if kind not in (TextKind.PARAGRAPH, TextKind.LIST_ITEM):
        return []
    return sorted(end for end in ends if text[end : end + 1] == " ")


def end_line_early(
    document: QTextDocument, line: Line, refused: Collection[tuple[int, int]] = ()
) -> tuple[int, int]:
    """End a line of the document at the last sentence end inside it (but those `refused`):
    the space after that sentence becomes a forced line break, and the rest of the line moves
    to the next. Returns (block, position) of the break."""
    block = document.findBlockByNumber(line.block)
    text = block.text()
    start, end = _line_span(text, _python_indices(text), block.layout().lineAt(line.line))
    kind = TextKind.LIST_ITEM if block.textList() is not None else TextKind.PARAGRAPH
    cuts = _sentence_cuts(text, kind, _sentence_ends(text, kind))
    cut = max(cut for cut in cuts if start < cut < end and (line.block, cut) not in refused)
    _replace(document, line.block, cut, _LINE_BREAK)
    return line.block, cut


def _replace(document: QTextDocument, number: int, position: int, character: str) -> None:
    """Put `character` in place of the one at `position` (a Python index) of a block's text."""
    block = document.findBlockByNumber(number)
    cursor = QTextCursor(block)
    # Qt counts positions in UTF-16 units.
    cursor.setPosition(block.position() + len(block.text()[:position].encode("utf-16-le")) // 2)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(character)


def _python_indices(text: str) -> list[int]:
    """The Python index of each of Qt's UTF-16 positions in `text`, and of its end."""
    if not text or max(text) < "\U00010000":
        return list(range(len(text) + 1))
    index = []
    for position, character in enumerate(text):
        index.extend([position] * (2 if ord(character) > 0xFFFF else 1))
    index.append(len(text))
    return index


def _marked_html(
    section: Section,
    shown: Collection[int] = (),
    grids: dict[int, _Grid] | None = None,
    right_to_left: bool = False,
    language: str | None = None,
) -> str:
    """The section's HTML, its blocks numbered for `measure` (see _FIRST_TAG). The blocks
    `shown` are pictures: a text block to hold the picture, then its caption; the `grids` are
    tables shown as grids: a paragraph a row, its cells parted by _CELL_MARK, each cell in a
    direction isolate of the article's direction. A tab does not end the Unicode bidirectional
    algorithm's runs: without the isolates a dose after a Hebrew or Arabic name in an English
    article ("10 - 20") would be drawn reversed ("20 - 10"). A picture shown as its description
    says "[Picture: ...]" in `language` (the article's; None: the interface's)."""
    parts = []
    grids = grids or {}
    isolate = _RIGHT_TO_LEFT_ISOLATE if right_to_left else _LEFT_TO_RIGHT_ISOLATE
    for number, block in enumerate(section.blocks):
        block_html = block.html
        grid = grids.get(number)
        if grid is not None:
            rows = (
                _CELL_MARK.join(
                    _cell_html(cell, grid.has_heading and row == 0, isolate) for cell in cells
                )
                for row, cells in enumerate(grid.rows)
            )
            block_html = "".join(f"<p>{row}</p>" for row in rows)
        if block.kind is BlockKind.CODE:
            # The newline that ends the code's last line would become an empty line of its own.
            block_html = block_html.replace("\n</code></pre>", "</code></pre>")
        block_html = _pictures_in_language(block_html, language)
        if number in shown:
            block_html = f'<p align="center">{_PICTURE_MARK}</p>'
            if block.text:
                block_html += f'<p align="center">{html.escape(block.text)}</p>'
        parts.append(_FIRST_TAG.sub(rf'<\1 style="-qt-user-state: {number}"', block_html, count=1))
    return "\n".join(parts)


def _body_document(
    section: Section,
    theme: Theme,
    right_to_left: bool,
    rooms: tuple[float, float],
    pictures: dict[int, QImage],
    grids: dict[int, _Grid],
    language: str | None = None,
) -> QTextDocument:
    """A section's body laid out in the column. `rooms`: the room for text on the section's
    first page and on a later one; `pictures` gets the pictures shown, by text block; `grids`
    are the tables shown as grids; `language` is the article's (see `_marked_html`)."""
    document = _new_document(theme, right_to_left)
    _style_body(document, theme)
    shown = _decoded_pictures(section, theme, right_to_left, rooms)
    document.setHtml(_marked_html(section, shown, grids, right_to_left, language))
    _mark_tables(document, section, grids, theme, right_to_left)
    _set_block_formats(document, LINE_HEIGHT)
    _make_room_for_pictures(document, section, shown, theme, pictures)
    return document


def _style_body(document: QTextDocument, theme: Theme) -> None:
    document.setDefaultFont(theme.font(theme.body_px))
    gap = theme.paragraph_gap_px
    sub_heading = round(theme.body_px * 1.2)
    document.setDefaultStyleSheet(
        f"p, li, pre {{ margin-top: 0px; margin-bottom: {gap}px; }}"
        f"h3, h4, h5, h6 {{ font-size: {sub_heading}px; font-weight: bold;"
        f" margin-top: {gap}px; margin-bottom: {gap // 2}px; }}"
        f"ul, ol {{ margin-top: 0px; margin-bottom: {gap}px; }}"
        f"blockquote {{ margin-left: {theme.body_px}px; margin-top: 0px;"
        f" margin-bottom: {gap}px; font-style: italic; }}"
        f"pre {{ font-size: {theme.body_px}px; }}"
    )
    document.setIndentWidth(theme.body_px * 1.2)


def _pictures_in_language(block_html: str, language: str | None) -> str:
    """`block_html` with each picture that kiosk.article shows as its description ("<em>[Picture:
    ...]</em>", in English: the child process that reads articles has no translations) marked
    in `language` instead."""
    if "[Picture: " not in block_html:
        return block_html
    marked = words.picture_placeholder(_DESCRIPTION_SLOT, language)
    before, _, after = marked.partition(_DESCRIPTION_SLOT)

    def in_language(found: re.Match[str]) -> str:
        return f"<em>{html.escape(before)}{found.group(1)}{html.escape(after)}</em>"

    return _PICTURE_IN_ENGLISH.sub(in_language, block_html)


def _cell_html(cell: str, heading: bool, isolate: str = "") -> str:
    """A grid cell's HTML: in `isolate` if one is given (see `_marked_html`), in bold in the
    heading row."""
    # The cell mark would part the cell in two, written as itself or as a character reference.
    cell = _CELL_MARK_IN_HTML.sub("", cell.replace(_CELL_MARK, ""))
    if isolate:
        cell = f"{isolate}{cell}{_POP_ISOLATE}"
    return f"<b>{cell}</b>" if heading and cell else cell


def _grids(section: Section, theme: Theme, right_to_left: bool) -> dict[int, _Grid]:
    """The section's tables that are shown as grids, by block number (see `_grid`)."""
    found = {}
    for number, block in enumerate(section.blocks):
        if block.kind is BlockKind.TABLE:
            grid = _grid(block.rows, theme, right_to_left)
            if grid is not None:
                found[number] = grid
    return found


def _grid(rows: tuple[tuple[str, ...], ...], theme: Theme, right_to_left: bool) -> _Grid | None:
    """A table as a grid, where one fits in the column: every cell on one line (the heading
    row's in bold) and the columns side by side, the widest cell of each a column gap from
    the next column. None where not, or where the table has no rows under its heading (its
    headings alone read better as a list)."""
    if len(rows) < 2:
        return None
    columns = max(len(row) for row in rows)
    has_heading = any(_plain(cell) for cell in rows[0])
    shown = tuple(tuple(row) + ("",) * (columns - len(row)) for row in rows[int(not has_heading) :])
    widths = _cell_widths(shown, has_heading, theme, right_to_left)
    if widths is None:
        return None
    sizes = table_sizes(theme)
    tabs = []
    start = 0.0
    for width in widths[:-1]:
        start += width + sizes.column_gap
        tabs.append(start)
    width = start + widths[-1]
    # Below the column's width by a pixel or two: Qt rounds advances when it lays text out.
    if width > theme.column_width - 2:
        return None
    return _Grid(shown, has_heading, tuple(tabs), width, sizes)


def _cell_widths(
    rows: tuple[tuple[str, ...], ...], has_heading: bool, theme: Theme, right_to_left: bool
) -> list[float] | None:
    """The widest cell of each column, laid out as the body lays it out (the heading row's in
    bold); None where a cell takes more than one line whatever the width."""
    document = _new_document(theme, right_to_left)
    _style_body(document, theme)
    option = QTextOption(document.defaultTextOption())
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    document.setDefaultTextOption(option)
    columns = len(rows[0])
    cells = [
        f'<p style="-qt-user-state: {row * columns + column}">'
        f"{_cell_html(cell, has_heading and row == 0)}</p>"
        for row, cells in enumerate(rows)
        for column, cell in enumerate(cells)
    ]
    document.setHtml("".join(cells))
    document.size()  # lays the document out
    widths = [0.0] * columns
    block = document.begin()
    while block.isValid():
        # An empty cell has no text block: it is no width.
        if block.userState() >= 0 and block.text():
            layout = block.layout()
            if layout.lineCount() != 1:
                return None
            column = block.userState() % columns
            widths[column] = max(widths[column], layout.lineAt(0).naturalTextWidth())
        block = block.next()
    return widths


def _plain(cell_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", cell_html)).strip()


def _mark_tables(
    document: QTextDocument,
    section: Section,
    grids: dict[int, _Grid],
    theme: Theme,
    right_to_left: bool,
) -> None:
    """Mark every text block of a table with its table's number (for `measure`); and make each
    grid's rows rows: its cells' marks tabs, tab stops at its columns, its rows a row gap apart
    (the last a paragraph gap above what follows), in the article's direction whatever their
    words."""
    cursor = QTextCursor(document)
    source = -1
    row = 0
    block = document.begin()
    while block.isValid():
        if block.userState() >= 0:
            source, row = block.userState(), 0
        if 0 <= source < len(section.blocks) and section.blocks[source].kind is BlockKind.TABLE:
            block_format = QTextBlockFormat(block.blockFormat())
            block_format.setProperty(_TABLE_PROPERTY, source)
            grid = grids.get(source)
            if grid is not None:
                for position, character in enumerate(block.text()):
                    if character == _CELL_MARK:
                        _replace(document, block.blockNumber(), position, "\t")
                _format_grid_row(block_format, grid, row, theme, right_to_left)
                row += 1
            cursor.setPosition(block.position())
            cursor.setBlockFormat(block_format)
        block = block.next()


def _format_grid_row(
    block_format: QTextBlockFormat, grid: _Grid, row: int, theme: Theme, right_to_left: bool
) -> None:
    """A grid's row `row` (0: the first, the heading row where it has one)."""
    last = row == len(grid.rows) - 1
    index = row - 1 if grid.has_heading else row
    block_format.setProperty(_TABLE_ROW_PROPERTY, _HEADING_ROW if index < 0 else index)
    # Tab stops count from the row's start: from the right in a right-to-left article, where a
    # right tab puts the start of a cell (its right end) at the stop.
    kind = QTextOption.TabType.RightTab if right_to_left else QTextOption.TabType.LeftTab
    block_format.setTabPositions([QTextOption.Tab(tab, kind) for tab in grid.tabs])
    block_format.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
    )
    block_format.setTopMargin(0)
    block_format.setBottomMargin(theme.paragraph_gap_px if last else grid.sizes.row_gap)


def _caption_gap(theme: Theme) -> int:
    """Between a picture and its caption: less than between paragraphs, as the two belong
    together."""
    return theme.paragraph_gap_px // 2


def _decoded_pictures(
    section: Section, theme: Theme, right_to_left: bool, rooms: tuple[float, float]
) -> dict[int, QImage]:
    """The section's pictures that decode, by block number, each at the size it is shown at:
    the column's width at most, and no taller than fits on a page with its caption (the first
    page's room for a picture that starts the section: nothing can go before it)."""
    decoded = {}
    for number, block in enumerate(section.blocks):
        if block.picture is None:
            continue
        page = rooms[0] if number == 0 else rooms[1]
        room = page
        if block.text:
            room -= _caption_gap(theme) + _caption_extent(block.text, theme, right_to_left)
        if room < page * _LEAST_PICTURE_SHARE:
            # A page of a few lines (a small panel, large text) and a caption of a few: a
            # picture squeezed beside its caption would be a stamp. It has the page, and its
            # caption starts the next one.
            room = page
        image = decode_picture(block.picture, theme.column_width, math.floor(room))
        if image is not None:
            decoded[number] = image
    return decoded


def _caption_extent(caption: str, theme: Theme, right_to_left: bool) -> float:
    """How far below its text block's top a caption's last line ends, as `measure` measures it."""
    document = _new_document(theme, right_to_left)
    _style_body(document, theme)
    document.setHtml(f'<p align="center">{html.escape(caption)}</p>')
    _set_block_formats(document, LINE_HEIGHT)
    (block,) = measure(document)
    return block.lines[-1].bottom - document.begin().layout().position().y()


def _make_room_for_pictures(
    document: QTextDocument,
    section: Section,
    shown: dict[int, QImage],
    theme: Theme,
    pictures: dict[int, QImage],
) -> None:
    """Empty the text block of each picture shown and make it exactly as tall as the picture;
    mark it and its caption as a picture's; and record the picture by its text block."""
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        number = block.userState()
        image = shown.get(number)
        if image is not None and block.text() == _PICTURE_MARK:
            cursor.setPosition(block.position())
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
            block_format = QTextBlockFormat(block.blockFormat())
            # The least height, as the text is put at its bottom: a fixed height would put it
            # near the top and push the line's top down.
            block_format.setLineHeight(
                image.height(), QTextBlockFormat.LineHeightTypes.MinimumHeight.value
            )
            block_format.setProperty(_PICTURE_PROPERTY, True)
            captioned = bool(section.blocks[number].text)
            block_format.setBottomMargin(
                _caption_gap(theme) if captioned else theme.paragraph_gap_px
            )
            cursor.setBlockFormat(block_format)
            pictures[block.blockNumber()] = image
            caption = block.next()
            if captioned and caption.isValid():
                caption_format = QTextBlockFormat(caption.blockFormat())
                caption_format.setProperty(_CAPTION_PROPERTY, True)
                cursor.setPosition(caption.position())
                cursor.setBlockFormat(caption_format)
        block = block.next()


def continued_title_px(theme: Theme) -> int:
    """The one-line "(continued)" title's size: the theme's small text at Standard, growing
    with the patient's text size as the article's text does (as headings do)."""
    return max(theme.small_px, round(theme.small_px * theme.body_px / theme.standard_body_px))


def _continued_title(title: str, theme: Theme, language: str | None = None) -> str:
    """The section title marked as continued, on one line. Where that is too long, the title
    is cut after its last whole word that fits, with an ellipsis; where less than a quarter
    of it would be left beside the mark, the title alone is cut so (the page's position in
    the footer says the section goes on); where not even one word fits, the title is cut
    after its last letter that fits (never inside a letter: Qt keeps a letter and its
    accents together)."""
    metrics = QFontMetricsF(theme.font(continued_title_px(theme), bold=True))
    # Below the column's width by a pixel or two: Qt rounds advances when it lays text out.
    room = theme.column_width - 2

    def fits(text: str) -> bool:
        return metrics.horizontalAdvance(text) <= room

    whole = words.continued_title(title, language)
    if fits(whole):
        return whole
    title_words = title.split()
    # Less than a quarter of the title beside the mark says too little (as on Next).
    for marked, least in ((True, len(title) / 4), (False, 0.0)):
        for count in range(len(title_words) - 1, 0, -1):
            kept = " ".join(title_words[:count]).rstrip(_TRAILING)
            shortened = kept + _ELLIPSIS
            if marked:
                shortened = words.continued_title(shortened, language)
            if len(kept) >= least and fits(shortened):
                return shortened
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)


def _fitting_heading(title: str, theme: Theme, right_to_left: bool) -> QTextDocument:
    """A section's heading at the theme's size, where it leaves its first page room for a
    line of text (two on a compact canvas, where they fit under a heading as small as the
    text). On a small panel at large text it may not: then it is smaller, down to the
    size of the text itself (never below); and where even that is too tall, it is cut after
    its last whole word on the lines that fit, with an ellipsis (Read aloud still reads it
    whole), so that nothing runs under the footer."""
    # On a compact canvas, where a page holds a few lines, a heading that leaves its page one
    # line is smaller first, so that two fit under it if they can; else one.
    for lines_kept in (2, 1) if theme.compact else (1,):
        room = theme.column_rect.height() - theme.heading_gap + 0.5
        room -= lines_kept * theme.line_height_px
        heading = _heading_document(title, theme, right_to_left, theme.heading_px)
        pixel_size = theme.heading_px
        while heading.size().height() > room and pixel_size > theme.body_px:
            pixel_size -= 1
            heading = _heading_document(title, theme, right_to_left, pixel_size)
        if heading.size().height() <= room:
            return heading
    title_words = title.split()
    for count in range(len(title_words) - 1, 0, -1):
        if heading.size().height() <= room:
            break
        shortened = " ".join(title_words[:count]).rstrip(_TRAILING) + _ELLIPSIS
        heading = _heading_document(shortened, theme, right_to_left, pixel_size)
    if heading.size().height() > room:
        # Not even one word fits on the lines there are: one line, cut after a whole letter.
        metrics = QFontMetricsF(theme.font(pixel_size, bold=True))
        shortened = metrics.elidedText(title, Qt.TextElideMode.ElideRight, theme.column_width - 2)
        heading = _heading_document(shortened, theme, right_to_left, pixel_size)
    return heading


def _heading_document(
    title: str, theme: Theme, right_to_left: bool, pixel_size: int
) -> QTextDocument:
    document = _new_document(theme, right_to_left)
    document.setDefaultFont(theme.font(pixel_size, bold=True))
    document.setPlainText(title)
    _set_block_formats(document, HEADING_LINE_HEIGHT)
    return document


def _new_document(theme: Theme, right_to_left: bool) -> QTextDocument:
    document = InertDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(0)
    option = QTextOption(document.defaultTextOption())
    if right_to_left:
        option = QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    # Between words, and anywhere in a word too long for the column (a web address, code).
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setTextWidth(theme.column_width)
    return document


def _set_block_formats(document: QTextDocument, factor: float) -> None:
    """Give every block a fixed line pitch of `factor` x its largest font size, and let the
    lines of code blocks wrap (marking those blocks as code for `measure`)."""
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        pixel_size = max(
            [document.defaultFont().pixelSize()]
            + [piece.format.font().pixelSize() for piece in block.textFormats()]
        )
        block_format = QTextBlockFormat(block.blockFormat())
        block_format.setLineHeight(
            round(pixel_size * factor), QTextBlockFormat.LineHeightTypes.FixedHeight.value
        )
        if block_format.nonBreakableLines():
            block_format.setNonBreakableLines(False)
            block_format.setProperty(_CODE_PROPERTY, True)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(block_format)
        block = block.next()
