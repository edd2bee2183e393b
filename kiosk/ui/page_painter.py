"""Drawing one page of a laid-out section: its heading, its lines, and the words read aloud.

The layout (kiosk.text_layout) says what is on each page and where; this module only paints it,
in the colours of the palette it is given.
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

from kiosk.text_layout import SectionLayout
from kiosk.theme import Palette


def paint_page(
    painter: QPainter,
    layout: SectionLayout,
    page_index: int,
    left: float,
    top: float,
    palette: Palette,
    highlight: tuple[int, int] | None = None,
) -> None:
    """Draw the heading and page `page_index` of a section with the column's top-left at
    (left, top); `highlight` is a (start, end) character range of the body to mark (read
    aloud)."""
    page = layout.pages[page_index]
    painter.save()
    painter.translate(left, top)
    if page_index == 0:
        _draw(layout.heading, painter, palette.text, QRectF(), ())
    else:
        _draw(layout.continued_heading, painter, palette.muted_text, QRectF(), ())
    painter.translate(0, layout.body_top(page_index) - page.top)
    width = layout.body.textWidth()
    selections: tuple[QAbstractTextDocumentLayout.Selection, ...] = ()
    if highlight is not None:
        selections = (_highlight(layout.body, *highlight, palette),)
    # Only this page's lines: the rest of the section's one document lies above and below.
    # The clip bounds the height only; sideways it is wider than the column on both sides.
    clip = QRectF(-width, page.top, 3 * width, page.height)
    _draw(layout.body, painter, palette.text, clip, selections)
    painter.restore()


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
