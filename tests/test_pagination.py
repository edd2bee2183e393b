"""Pages measured with the real fonts: everything shown once, in order, and nothing clipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.article import Article, parse_article
from kiosk.text_layout import ArticleLayout, SectionLayout
from kiosk.theme import LINE_HEIGHT, Theme
from kiosk.ui.page_painter import paint_page

from .conftest import SIZES

LONG_PARAGRAPH = " ".join(
    f"Sentence number {n} tells the patient something calm and useful about their care."
    for n in range(1, 41)
)


def synthetic_article() -> Article:
    """One section of many kinds of block, long enough for at least five pages."""
    parts = ["---\ntitle: A long article\n---\n\n## A very long section\n"]
    for number in range(1, 9):
        parts.append(f"Paragraph {number}. " + LONG_PARAGRAPH[: 180 + 60 * number] + "\n")
        if number % 3 == 0:
            parts.append(f"### Sub-heading {number}\n")
            parts.append("- first point to remember\n- second point\n- third point\n")
        if number == 4:
            parts.append("> A quoted sentence from a patient, set apart.\n")
            parts.append(LONG_PARAGRAPH + "\n")  # alone taller than a page
    parts.append("### A heading near the end\n\nThe last words.\n")
    return parse_article("\n".join(parts).encode("utf-8"), Path("long.md"))


def line_texts(layout: SectionLayout) -> list[str]:
    texts = []
    for page in layout.pages:
        for line in page.lines:
            block = layout.body.findBlockByNumber(line.block)
            text_line = block.layout().lineAt(line.line)
            texts.append(
                block.text()[text_line.textStart() : text_line.textStart() + text_line.textLength()]
            )
    return texts


def all_lines(layout: SectionLayout) -> list[tuple[int, int]]:
    found = []
    block = layout.body.begin()
    while block.isValid():
        found.extend((block.blockNumber(), n) for n in range(block.layout().lineCount()))
        block = block.next()
    return found


def check_section(layout: SectionLayout, theme: Theme) -> None:
    column = theme.column_rect
    shown = [(line.block, line.line) for page in layout.pages for line in page.lines]
    # Every line of every block appears exactly once, in order.
    assert shown == all_lines(layout)
    assert "".join(line_texts(layout)).replace(" ", "") == layout.body.toPlainText().replace(
        "\n", ""
    ).replace("\u2029", "").replace(" ", "")
    headings = set()
    block = layout.body.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            headings.add(block.blockNumber())
        block = block.next()
    for index, page in enumerate(layout.pages):
        # The page's text fits inside the column, above the footer.
        assert page.height <= layout.body_height(index) + 0.01
        assert column.top() + layout.body_top(index) + page.height <= column.bottom() + 1
        assert column.bottom() < theme.slide_size.height()
        if index < len(layout.pages) - 1:
            assert page.lines[-1].block not in headings, "a heading ended a page"
    # A block is split across pages only when it alone is taller than a page.
    for number in {line.block for page in layout.pages for line in page.lines}:
        pages_with_block = [p for p in layout.pages if number in p.blocks]
        if len(pages_with_block) > 1:
            block = layout.body.findBlockByNumber(number)
            height = block.layout().lineCount() * block.blockFormat().lineHeight()
            assert height > layout.body_height(1) - 2 * block.blockFormat().lineHeight()


def paint_slide(layout: SectionLayout, theme: Theme, page: int) -> QImage:
    image = QImage(theme.slide_size, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.palette.background))
    painter = QPainter(image)
    column = theme.column_rect
    paint_page(painter, layout, page, column.left(), column.top(), theme.palette)
    painter.end()
    return image


@pytest.mark.parametrize("size_name", list(SIZES))
def test_bundled_article_pages_fit_at_every_screen_size(qapp, article, size_name):
    theme = Theme.for_size(SIZES[size_name])
    layout = ArticleLayout(article, theme)
    assert len(layout.sections) == 5  # four sections and "About this information"
    for section in layout.sections:
        check_section(section, theme)


@pytest.mark.parametrize("size_name", list(SIZES))
def test_long_section_continues_over_five_or_more_pages(qapp, size_name):
    theme = Theme.for_size(SIZES[size_name])
    layout = ArticleLayout(synthetic_article(), theme)
    section = layout.sections[0]
    if size_name != "portrait":
        assert len(section.pages) >= 5
    check_section(section, theme)


@pytest.mark.parametrize("size_name", list(SIZES))
def test_nothing_is_drawn_below_the_text_column(qapp, size_name):
    """Probe the pixels: between the column's bottom and the footer, only background."""
    theme = Theme.for_size(SIZES[size_name])
    layout = ArticleLayout(synthetic_article(), theme)
    section = layout.sections[0]
    column = theme.column_rect
    below = QRect(
        0, column.bottom() + 1, theme.width, theme.slide_size.height() - column.bottom() - 1
    )
    empty = QImage(below.size(), QImage.Format.Format_RGB32)
    empty.fill(QColor(theme.palette.background))
    for page in range(len(section.pages)):
        image = paint_slide(section, theme, page)
        assert image.copy(below) == empty, f"page {page + 1} draws under its column"
        assert image.copy(QRect(column.left(), column.top(), column.width(), 20)) != QImage(
            column.width(), 20, QImage.Format.Format_RGB32
        ), "page is blank"


@pytest.mark.parametrize("size_name", list(SIZES))
def test_text_is_never_below_the_minimum_size_and_lines_are_spaced(qapp, article, size_name):
    theme = Theme.for_size(SIZES[size_name])
    layout = ArticleLayout(article, theme)
    for section in layout.sections:
        block = section.body.begin()
        while block.isValid():
            font_px = block.charFormat().font().pixelSize()
            if font_px <= 0:
                font_px = section.body.defaultFont().pixelSize()
            assert font_px >= theme.minimum_body_px
            assert block.blockFormat().lineHeight() >= 1.4 * font_px
            block = block.next()
    assert theme.body_px >= round(40 * theme.scale)
    assert LINE_HEIGHT >= 1.4


def test_a_heading_moves_to_the_next_page_with_its_text(qapp):
    """Fill a page so that a sub-heading would land on its last line."""
    theme = Theme.for_size(SIZES["landscape"])
    for filler_words in range(40, 160, 4):
        filler = " ".join(["words"] * filler_words)
        text = f"---\ntitle: T\n---\n\n## S\n\n{filler}\n\n### Heading\n\n{LONG_PARAGRAPH[:300]}\n"
        layout = ArticleLayout(parse_article(text.encode(), Path("h.md")), theme)
        check_section(layout.sections[0], theme)


def test_later_pages_repeat_the_title_on_one_small_line_and_give_the_room_to_text(qapp):
    theme = Theme.for_size(SIZES["small"])
    section = ArticleLayout(synthetic_article(), theme).sections[0]
    assert section.continued_heading.toPlainText() == "A very long section (continued)"
    assert section.continued_heading.blockCount() == 1
    assert (
        section.continued_heading.documentLayout()
        .blockBoundingRect(section.continued_heading.begin())
        .height()
        < theme.heading_px * 1.5
    )
    # The room kept for it is the height it really takes when drawn.
    assert section.body_top(1) == section.continued_heading.size().height() + theme.px(24)
    assert section.body_top(1) < section.body_top(0)
    assert section.body_height(1) > section.body_height(0)
