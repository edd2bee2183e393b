"""Sections laid out with Qt's text engine at the real size and font, and measured for paging.

Each section is laid out once as a QTextDocument (an InertDocument) at the column width;
`measure` reads its lines off that one layout and kiosk.pages cuts them into pages, so what is
measured is exactly what is drawn. This module also answers where a page's text starts and
which characters it shows; drawing a page is kiosk.ui.page_painter's job.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QTextBlockFormat, QTextCursor, QTextDocument, QTextOption

from kiosk import words
from kiosk.article import Article, Section
from kiosk.inert import InertDocument
from kiosk.pages import Line, MeasuredBlock, Page, paginate
from kiosk.theme import LINE_HEIGHT, Theme, load_bundled_fonts

HEADING_LINE_HEIGHT = 1.2


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
            round(theme.small_px * HEADING_LINE_HEIGHT) + theme.continued_heading_gap,
        )
        first, later = (
            max(column_height - top, float(theme.line_height_px)) for top in self._body_tops
        )
        self.pages: tuple[Page, ...] = paginate(measure(self.body), first, later)

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
        # Text is measured with the fonts Qt knows at that moment: the bundled one first.
        load_bundled_fonts()
        self.article = article
        self.theme = theme
        self.sections = tuple(
            SectionLayout(section, theme, right_to_left=article.right_to_left)
            for section in article.slides
        )

    @property
    def page_counts(self) -> tuple[int, ...]:
        return tuple(len(section.pages) for section in self.sections)


def measure(document: QTextDocument) -> list[MeasuredBlock]:
    """Every text block that has lines, with its lines' extents, top to bottom."""
    document.size()  # lays the document out; until then its blocks have no lines
    measured = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position().y()
        # Lines are drawn at the block's fixed pitch even when Qt reports them shorter.
        fixed = block.blockFormat().lineHeight()
        lines = []
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = origin + line.y()
            lines.append(Line(block.blockNumber(), number, top, top + max(line.height(), fixed)))
        if lines:
            is_heading = block.blockFormat().headingLevel() > 0
            measured.append(MeasuredBlock(is_heading, tuple(lines)))
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
    metrics = QFontMetricsF(theme.font(theme.small_px, bold=True))
    # The words around the title, measured without it, are what the title must leave room for.
    room = theme.column_width - metrics.horizontalAdvance(words.continued_title("")) - 2
    return words.continued_title(metrics.elidedText(title, Qt.TextElideMode.ElideRight, room))


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
