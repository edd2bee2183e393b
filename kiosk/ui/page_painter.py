"""Drawing one page of a laid-out section: its heading, its lines, its pictures, its grids' row
bands and rules (and a grid's heading row again, atop a page the grid goes on onto), and the
words read aloud.

The layout (kiosk.text_layout) says what is on each page and where; this module only paints it,
in the colours of the palette it is given, and says which rows of a page the words being read
aloud cover (so the reading screen can repaint those rows alone when the sentence moves on).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from kiosk.text_layout import MarkKind, SectionLayout, TableMark
from kiosk.theme import Palette


def paint_page(
    painter: QPainter,
    layout: SectionLayout,
    page_index: int,
    left: float,
    top: float,
    palette: Palette,
    highlight: tuple[int, int] | None = None,
    only: QRectF | None = None,
) -> None:
    """Draw the heading and page `page_index` of a section with the column's top-left at
    (left, top); `highlight` is a (start, end) character range of the body to mark (read
    aloud). With `only` (in the painter's coordinates), nothing outside it is drawn, and the
    lines that lie wholly outside it are not even laid out for drawing."""
    page = layout.pages[page_index]
    body_top = layout.body_top(page_index)
    painter.save()
    if only is not None:
        painter.setClipRect(only, Qt.ClipOperation.IntersectClip)
    painter.translate(left, top)
    width = layout.body.textWidth()
    if only is None or only.top() < top + body_top:
        if page_index == 0:
            _draw(layout.heading, painter, palette.text, QRectF(), ())
        else:
            _draw(layout.continued_heading, painter, palette.muted_text, QRectF(), ())
    painter.translate(0, body_top - page.top)
    # Under the words, and under the marking of the words read aloud; before the repeated
    # heading row, so that the first row's shading does not cover the rule under it.
    _draw_marks(painter, layout.table_marks(page_index), palette)
    repeated = layout.repeated_heading_row(page_index)
    if repeated is not None:
        # Above the page's first row, where the rows above it were on their own page.
        painter.save()
        painter.translate(0, repeated.shift)
        _draw_marks(painter, repeated.marks, palette)
        band = QRectF(-width, repeated.band.top(), 3 * width, repeated.band.height())
        _draw(layout.body, painter, palette.text, band, ())
        painter.restore()
    selections: tuple[QAbstractTextDocumentLayout.Selection, ...] = ()
    if highlight is not None:
        selections = (_highlight(layout.body, *highlight, palette),)
    # Only this page's lines: the rest of the section's one document lies above and below.
    # The clip bounds the height only; sideways it is wider than the column on both sides.
    clip = QRectF(-width, page.top, 3 * width, page.height)
    if only is not None:
        clip = clip.intersected(only.translated(-left, -(top + body_top - page.top)))
        if clip.isEmpty():
            painter.restore()
            return
    _draw(layout.body, painter, palette.text, clip, selections)
    # Over the room the layout left for them (their text blocks are empty).
    for where, image in layout.pictures_on(page_index):
        if where.intersects(clip):
            painter.drawImage(where.topLeft(), image)
    painter.restore()


def highlight_rows(
    layout: SectionLayout, page_index: int, highlight: tuple[int, int]
) -> tuple[float, float] | None:
    """The rows (top, bottom), below the column's top, of the lines of page `page_index` that
    hold any of the body's characters `highlight`; None if the page shows none of them."""
    start, end = highlight
    page = layout.pages[page_index]
    top = bottom = None
    block = layout.body.findBlock(start)
    while block.isValid() and block.position() < end:
        block_layout = block.layout()
        origin = block_layout.position().y()
        # Lines are drawn at the block's fixed pitch even when Qt reports them shorter.
        fixed = block.blockFormat().lineHeight()
        for number in range(block_layout.lineCount()):
            line = block_layout.lineAt(number)
            first = block.position() + line.textStart()
            if first >= end or first + max(line.textLength(), 1) <= start:
                continue
            line_top = origin + line.y()
            line_bottom = line_top + max(line.height(), fixed)
            top = line_top if top is None else min(top, line_top)
            bottom = line_bottom if bottom is None else max(bottom, line_bottom)
        block = block.next()
    if top is None or bottom is None:
        return None
    top, bottom = max(top, page.top), min(bottom, page.top + page.height)
    if bottom <= top:
        return None
    shift = layout.body_top(page_index) - page.top
    return top + shift, bottom + shift


def _draw_marks(
    painter: QPainter, marks: list[TableMark] | tuple[TableMark, ...], palette: Palette
) -> None:
    colours = {
        MarkKind.STRIPE: QColor(palette.table_stripe),
        MarkKind.RULE: QColor(palette.table_rule),
        MarkKind.HEADING_RULE: QColor(palette.table_rule),
    }
    for mark in marks:
        painter.fillRect(mark.rect, colours[mark.kind])


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


def _highlight(
    body: QTextDocument, start: int, end: int, palette: Palette
) -> QAbstractTextDocumentLayout.Selection:
    cursor = QTextCursor(body)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    selection = QAbstractTextDocumentLayout.Selection()
    selection.cursor = cursor
    text_format = QTextCharFormat()
    text_format.setBackground(QColor(palette.accent))
    text_format.setForeground(QColor(palette.on_accent))
    selection.format = text_format
    return selection
