"""Sections -> pages, measured with Qt's own text layout at the real size and font.

Each section is laid out once as a QTextDocument at the column width. Pages are then cut from
that one layout between lines, so what is measured is exactly what is drawn: a line is never
clipped, a page never runs under the footer, and text is never shrunk to fit.

Rules, in order: a block that fits on a page is never split; a block taller than a page is
split between lines; a heading is never the last thing on a page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from kiosk.article import Article, Section
from kiosk.theme import LINE_HEIGHT, Theme

log = logging.getLogger(__name__)

HEADING_LINE_HEIGHT = 1.2
# Layout positions are fractional; this much overshoot is rounding, not overflow.
_EPSILON = 0.01


class InertDocument(QTextDocument):
    """A text document that loads nothing: no picture, no style sheet, from anywhere.

    Articles reach Qt with links and pictures already removed; this is the second lock on the
    door, and it says in the log what it turned away.
    """

    refused: ClassVar[list[str]] = []  # addresses refused in this process, newest last

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        address = name.toString() if isinstance(name, QUrl) else name
        InertDocument.refused.append(address)
        del InertDocument.refused[:-100]
        log.warning("Refused to load %r for an article: the kiosk loads nothing", address[:200])
        return None


@dataclass(frozen=True)
class Line:
    """One laid-out line: its text block (by number in the document), line in it, and extent."""

    block: int
    line: int
    top: float
    bottom: float


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


class SectionLayout:
    """One section laid out for one theme: its heading, its text and the pages cut from it."""

    def __init__(self, section: Section, theme: Theme, *, right_to_left: bool = False) -> None:
        self.section = section
        self.heading = _heading_document(section.title, theme, right_to_left, theme.heading_px)
        self._theme = theme
        self._right_to_left = right_to_left
        self._continued_heading: QTextDocument | None = None
        self.body = _body_document(section, theme, right_to_left)
        column_height = theme.column_rect.height()
        self._column_height = float(column_height)
        # Later pages of a section repeat its title on one small line, leaving the room to text;
        # that line is exactly one fixed line pitch high (see _set_line_heights).
        self._body_tops = (
            self.heading.size().height() + theme.heading_gap,
            round(theme.small_px * HEADING_LINE_HEIGHT) + theme.px(24),
        )
        first, later = (
            max(column_height - top, float(theme.line_height_px)) for top in self._body_tops
        )
        self.pages = paginate(self.body, first, later)
        palette = theme.palette
        self._muted_colour = palette.muted_text
        self._text_colour = palette.text
        self._highlight_colour = palette.accent
        self._highlight_text = palette.on_accent

    def paint_page(
        self,
        painter: QPainter,
        page_index: int,
        left: float,
        top: float,
        highlight: tuple[int, int] | None = None,
    ) -> None:
        """Draw the heading and page `page_index` with the column's top-left at (left, top);
        `highlight` is a (start, end) character range of the body to mark (read aloud)."""
        page = self.pages[page_index]
        painter.save()
        painter.translate(left, top)
        if page_index == 0:
            _draw(self.heading, painter, self._text_colour, QRectF(), ())
        else:
            _draw(self.continued_heading, painter, self._muted_colour, QRectF(), ())
        painter.translate(0, self.body_top(page_index) - page.top)
        width = self.body.textWidth()
        selections: tuple[QAbstractTextDocumentLayout.Selection, ...] = ()
        if highlight is not None:
            selections = (self._highlight(*highlight),)
        clip = QRectF(-width, page.top, 3 * width, page.height)
        _draw(self.body, painter, self._text_colour, clip, selections)
        painter.restore()

    @property
    def continued_heading(self) -> QTextDocument:
        """The one-line "(continued)" title, made when a later page is first drawn."""
        if self._continued_heading is None:
            self._continued_heading = _heading_document(
                _continued_title(self.section.title, self._theme),
                self._theme,
                self._right_to_left,
                self._theme.small_px,
            )
        return self._continued_heading

    def body_top(self, page_index: int) -> float:
        """Where the text starts below the column's top: under the full heading on a
        section's first page, under the one-line "continued" title on the others."""
        return self._body_tops[0 if page_index == 0 else 1]

    def body_height(self, page_index: int) -> float:
        """The room for text on a page."""
        column_bottom = self._column_height
        return max(column_bottom - self.body_top(page_index), 0.0)

    def _highlight(self, start: int, end: int) -> QAbstractTextDocumentLayout.Selection:
        cursor = QTextCursor(self.body)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QAbstractTextDocumentLayout.Selection()
        selection.cursor = cursor
        text_format = QTextCharFormat()
        text_format.setBackground(QColor(self._highlight_colour))
        text_format.setForeground(QColor(self._highlight_text))
        selection.format = text_format
        return selection

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

    def page_at(self, position: int) -> int:
        """The page showing the character at `position` of the body."""
        for index in range(len(self.pages)):
            if position < self.page_text_range(index)[1]:
                return index
        return len(self.pages) - 1


class ArticleLayout:
    """Every section of an article laid out for one theme."""

    def __init__(self, article: Article, theme: Theme) -> None:
        self.article = article
        self.theme = theme
        self.sections = tuple(
            SectionLayout(section, theme, right_to_left=article.right_to_left)
            for section in article.slides
        )

    @property
    def page_counts(self) -> tuple[int, ...]:
        return tuple(len(section.pages) for section in self.sections)


def _draw(
    document: QTextDocument,
    painter: QPainter,
    colour: str,
    clip: QRectF,
    selections: tuple[QAbstractTextDocumentLayout.Selection, ...],
) -> None:
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    if not clip.isNull():
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        context.clip = clip
    context.selections = list(selections)
    document.documentLayout().draw(painter, context)


def paginate(
    document: QTextDocument, first_height: float, later_height: float | None = None
) -> tuple[Page, ...]:
    """Cut a laid-out document into pages: the first no taller than `first_height`, the
    others no taller than `later_height` (the same as the first if not given)."""
    later = first_height if later_height is None else later_height
    blocks = _measure(document)
    pages: list[Page] = []
    current: list[Line] = []
    headings = {number for number, (is_heading, _) in enumerate(blocks) if is_heading}

    def available() -> float:
        return first_height if not pages else later

    def fits(bottom: float) -> bool:
        return not current or bottom - current[0].top <= available() + _EPSILON

    def only_headings() -> bool:
        return all(line.block in headings for line in current)

    def lines_that_fit(lines: list[Line]) -> int:
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

    for _, lines in blocks:
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


def _measure(document: QTextDocument) -> list[tuple[bool, list[Line]]]:
    """(is a heading, its lines) for every text block that has lines."""
    document.size()  # lays the document out; until then its blocks have no lines
    measured = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position().y()
        fixed = block.blockFormat().lineHeight()
        lines = []
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = origin + line.y()
            lines.append(Line(block.blockNumber(), number, top, top + max(line.height(), fixed)))
        if lines:
            measured.append((block.blockFormat().headingLevel() > 0, lines))
        block = block.next()
    return measured


def _body_document(section: Section, theme: Theme, right_to_left: bool) -> QTextDocument:
    document = _new_document(theme, right_to_left)
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
    document.setHtml(section.html)
    _set_line_heights(document, LINE_HEIGHT)
    return document


def _continued_title(title: str, theme: Theme) -> str:
    """The section title on one line, shortened if need be, marked as continued."""
    suffix = " (continued)"
    metrics = QFontMetricsF(theme.font(theme.small_px, bold=True))
    room = theme.column_width - metrics.horizontalAdvance(suffix) - 2
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, room) + suffix


def _heading_document(
    title: str, theme: Theme, right_to_left: bool, pixel_size: int
) -> QTextDocument:
    document = _new_document(theme, right_to_left)
    document.setDefaultFont(theme.font(pixel_size, bold=True))
    document.setPlainText(title)
    _set_line_heights(document, HEADING_LINE_HEIGHT)
    return document


def _new_document(theme: Theme, right_to_left: bool) -> QTextDocument:
    document = InertDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(0)
    if right_to_left:
        option = QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
    document.setTextWidth(theme.column_width)
    return document


def _set_line_heights(document: QTextDocument, factor: float) -> None:
    """Give every block a fixed line pitch of `factor` x its largest font size."""
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
        cursor.setPosition(block.position())
        cursor.setBlockFormat(block_format)
        block = block.next()
