"""Pages measured with the real fonts: everything shown once, in order, and nothing clipped;
pages that end at sentence ends, lists kept with their lead-ins, code that wraps, and lines
and paragraphs spaced as WCAG 1.4.8 asks."""

from __future__ import annotations

import itertools
import math
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QTextBlock, QTextDocument

from kiosk.article import Article, parse_article
from kiosk.pages import FULL_PAGE_LINES, MIN_FILL, Page, TextKind
from kiosk.speech import sentences
from kiosk.text_layout import ArticleLayout, SectionLayout, measure
from kiosk.theme import LINE_HEIGHT, TextSize, Theme, panel_density

from .conftest import SIZES
from .helpers import painted_page

LONG_PARAGRAPH = " ".join(
    f"Sentence number {n} tells the patient something calm and useful about their care."
    for n in range(1, 41)
)


# The panels the kiosk meets: a 7" Raspberry Pi screen to a 4K wall screen, one portrait.
SCREENS = {
    "800x480": QSize(800, 480),
    "1280x800": QSize(1280, 800),
    "1920x1080": QSize(1920, 1080),
    "1080x1920": QSize(1080, 1920),
    "3840x2160": QSize(3840, 2160),
}
EVERY_THEME = [
    pytest.param(
        Theme(size.width(), size.height(), text_size=text_size), id=f"{name}-{text_size.name}"
    )
    for name, size in SCREENS.items()
    for text_size in TextSize
]
TEXT_KINDS = (TextKind.PARAGRAPH, TextKind.LIST_ITEM)
WARNING_SIGNS = """Call the clinic at once if you notice any of these warning signs:

- a fever over 38 °C
- a rash that spreads
- trouble breathing
- chest pain or a racing heart
- confusion or seeing things that are not there
- vomiting that does not stop
"""


def article_from(markdown: str) -> Article:
    return parse_article(f"---\ntitle: T\n---\n\n{markdown}".encode(), Path("t.md"))


def filler(sentences_wanted: int) -> str:
    return " ".join(LONG_PARAGRAPH.split(". ")[:sentences_wanted]) + "."


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


def line_text(layout: SectionLayout, block_number: int, line_number: int) -> str:
    block = layout.body.findBlockByNumber(block_number)
    line = block.layout().lineAt(line_number)
    return block.text()[line.textStart() : line.textStart() + line.textLength()]


def ends_at_sentence_end(layout: SectionLayout, page: Page) -> bool:
    """Whether a page's last line ends a sentence, as Read aloud reads them (or its block)."""
    last = page.lines[-1]
    text = layout.body.findBlockByNumber(last.block).text()
    line = layout.body.findBlockByNumber(last.block).layout().lineAt(last.line)
    end = len(text[: line.textStart() + line.textLength()].rstrip())
    return end == len(text.rstrip()) or end in {stop for _, stop in sentences(text)}


def blocks_of(layout: SectionLayout) -> list[QTextBlock]:
    found = []
    block = layout.body.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def page_of(layout: SectionLayout, block_number: int) -> set[int]:
    """The pages a text block's lines are on."""
    return {
        index
        for index, page in enumerate(layout.pages)
        for line in page.lines
        if line.block == block_number
    }


def could_hold(section: SectionLayout) -> list[int]:
    """How many of the section's lines each page could hold, from its first line on."""
    lines = [line for block in measure(section.body) for line in block.lines]
    where = {(line.block, line.line): index for index, line in enumerate(lines)}
    counts = []
    for index, page in enumerate(section.pages):
        first = where[(page.lines[0].block, page.lines[0].line)]
        room = section.body_height(index) + 0.01
        fitting = [line for line in lines[first:] if line.bottom - lines[first].top <= room]
        counts.append(max(len(fitting), 1))
    return counts


def check_section(layout: SectionLayout, theme: Theme) -> None:
    column = theme.column_rect
    shown = [(line.block, line.line) for page in layout.pages for line in page.lines]
    # Every line of every block appears exactly once, in order.
    assert shown == all_lines(layout)
    # (A line ended early at a sentence end ends in a forced line break, "\n" as plain text.)
    assert "".join(line_texts(layout)).replace(" ", "").replace(
        "\u2028", ""
    ) == layout.body.toPlainText().replace("\n", "").replace("\u2029", "").replace(" ", "")
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
    # A block is split across pages only when it alone is taller than a page, or when it is a
    # paragraph that, moved on whole, would have left its first page short of lines.
    kinds = {block.lines[0].block: block.kind for block in measure(layout.body)}
    for number in {line.block for page in layout.pages for line in page.lines}:
        pages_with_block = [p for p in layout.pages if number in p.blocks]
        if len(pages_with_block) > 1:
            block = layout.body.findBlockByNumber(number)
            height = block.layout().lineCount() * block.blockFormat().lineHeight()
            if height > layout.body_height(1) - 2 * block.blockFormat().lineHeight():
                continue
            assert kinds[number] is TextKind.PARAGRAPH, f"a {kinds[number].value} was split"
            # (Headings right above it would go with it.)
            kept_with = number
            while kept_with > 0 and kinds.get(kept_with - 1) is TextKind.HEADING:
                kept_with -= 1
            first = layout.pages.index(pages_with_block[0])
            above = sum(1 for line in layout.pages[first].lines if line.block < kept_with)
            could = could_hold(layout)[first]
            assert above < min(could, max(FULL_PAGE_LINES, math.ceil(MIN_FILL * could)))


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
        image = painted_page(section, theme, page)
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
            assert block.blockFormat().lineHeight() >= 1.5 * font_px - 0.5
            block = block.next()
    assert theme.body_px >= round(40 * theme.scale)
    assert LINE_HEIGHT >= 1.5


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


def lines_of(document: QTextDocument) -> int:
    """How many lines a document is drawn on."""
    document.size()  # lays it out
    count = 0
    block = document.begin()
    while block.isValid():
        count += block.layout().lineCount()
        block = block.next()
    return count


def test_the_continued_title_grows_with_the_text_and_stays_on_one_line(qapp):
    """The title on a section's later pages grows step by step with the patient's text size,
    to twice its size at 200 %, as the text and headings do; it stays one line high, and the
    page keeps the room it really takes."""
    sizes = []
    for text_size in TextSize:
        theme = Theme(1920, 1080, text_size)
        section = ArticleLayout(synthetic_article(), theme).sections[0]
        title = section.continued_heading
        sizes.append(title.defaultFont().pixelSize())
        assert title.toPlainText() == "A very long section (continued)"
        assert lines_of(title) == 1, text_size
        assert section.body_top(1) == title.size().height() + theme.continued_heading_gap
        assert sizes[-1] < theme.body_px, "the title is no larger than the text it repeats"
    assert sizes == sorted(set(sizes)), sizes
    assert sizes[-1] == 2 * sizes[0]


LONG_TITLE = "What to do when the pain comes back after your treatment has ended"


def continued_section(title: str, theme: Theme) -> SectionLayout:
    """A section under `title`, long enough for later pages."""
    return ArticleLayout(article_from(f"## {title}\n\n{LONG_PARAGRAPH}\n"), theme).sections[0]


@pytest.mark.parametrize(
    ("size", "diagonal"),
    [(QSize(800, 480), 7.0), (QSize(1280, 800), 10.1), (QSize(1080, 1920), 21.5)],
    ids=["7in", "10in", "portrait"],
)
@pytest.mark.parametrize("text_size", [TextSize.STANDARD, TextSize.LARGEST], ids=["100", "200"])
def test_a_long_continued_title_is_shortened_after_a_whole_word(qapp, size, diagonal, text_size):
    density = panel_density(size, None, diagonal)
    assert density is not None
    theme = Theme(size.width(), size.height(), text_size, False, density.pixels_per_mm)
    title = continued_section(LONG_TITLE, theme).continued_heading
    shown = title.toPlainText()
    assert lines_of(title) == 1, shown
    if shown == f"{LONG_TITLE} (continued)":
        return
    # Beside the mark, or, where not even one word fits beside it, alone.
    kept = shown.removesuffix(" (continued)")
    assert kept.endswith("\N{HORIZONTAL ELLIPSIS}"), shown
    kept = kept.removesuffix("\N{HORIZONTAL ELLIPSIS}")
    assert kept, "no word of the title left"
    assert LONG_TITLE.startswith(kept + " "), f"cut inside a word: {shown!r}"


def test_shortening_a_title_of_one_long_word_never_cuts_inside_a_letter(qapp):
    """Where not even one word fits, the title is cut after its last whole letter (an
    accented letter made of two characters stays whole)."""
    theme = Theme(800, 480, TextSize.LARGEST, False, 5.25)
    for title in ("Pneumonoultramicroscopicsilicovolcanoconiosis", "e\u0301" * 60):
        heading = continued_section(title, theme).continued_heading
        shown = heading.toPlainText()
        assert lines_of(heading) == 1, shown
        assert shown.endswith("\N{HORIZONTAL ELLIPSIS}"), shown
        kept = shown.removesuffix("\N{HORIZONTAL ELLIPSIS}")
        assert kept, shown
        assert title.startswith(kept), shown
        assert not unicodedata.combining(title[len(kept)]), f"a letter cut apart: {shown!r}"


def test_pages_of_the_bundled_article_end_at_sentence_ends(qapp, article):
    """Every page but a section's last, at every screen and text size: before pages ended at
    sentence ends, 0 of 61 did; with no line ended early, 10 of 146 do.

    A page keeps five lines (or all it could hold, if fewer) and two thirds of them, so it
    gives up few lines to end at a sentence end: when written, 65 of 148 pages ended at one
    (by step: 3/7, 7/18, 17/28, 18/41, 20/54), where, when any page could give up a third of
    its lines, 119 of 157 did (tests/test_page_fill.py has the panels' own figures)."""
    counted: dict[TextSize, list[int]] = {text_size: [0, 0] for text_size in TextSize}
    for size in SCREENS.values():
        for text_size in TextSize:
            layout = ArticleLayout(article, Theme(size.width(), size.height(), text_size))
            for section in layout.sections:
                for page in section.pages[:-1]:
                    counted[text_size][0] += ends_at_sentence_end(section, page)
                    counted[text_size][1] += 1
    shares = {size.name: f"{good}/{total}" for size, (good, total) in counted.items()}
    good = sum(good for good, _ in counted.values())
    total = sum(total for _, total in counted.values())
    assert good >= 0.35 * total, shares
    for at_sentence_end, pages in counted.values():
        assert at_sentence_end >= 0.25 * pages, shares


@pytest.mark.parametrize("theme", EVERY_THEME)
def test_a_line_ends_early_only_where_a_page_ends(qapp, article, theme):
    """A line ended early at a sentence end (a forced line break) is always a page's last."""
    for layout in (
        *ArticleLayout(article, theme).sections,
        ArticleLayout(synthetic_article(), theme).sections[0],
    ):
        page_ends = {(page.lines[-1].block, page.lines[-1].line) for page in layout.pages}
        for block in blocks_of(layout):
            for number in range(block.layout().lineCount()):
                if "\u2028" in line_text(layout, block.blockNumber(), number):
                    assert (block.blockNumber(), number) in page_ends
                    assert line_text(layout, block.blockNumber(), number).endswith("\u2028")
        check_section(layout, theme)


@pytest.mark.parametrize("theme", EVERY_THEME)
def test_no_section_ends_on_a_page_of_one_or_two_lines(qapp, article, theme):
    """Unless it and the page before hold fewer than six lines, so that one of the two would
    hold one or two lines however they were cut."""
    for section in ArticleLayout(article, theme).sections:
        counts = [len(page.lines) for page in section.pages]
        if len(counts) > 1 and counts[-2] + counts[-1] >= 6:
            assert counts[-1] >= 3, (section.section.title, counts)


def test_a_long_paragraph_never_leaves_one_or_two_lines_on_its_last_page(qapp):
    theme = Theme(1920, 1080)
    for sentences_wanted in range(4, 40):
        layout = ArticleLayout(article_from(f"## S\n\n{filler(sentences_wanted)}\n"), theme)
        section = layout.sections[0]
        if len(section.pages) > 1:
            assert len(section.pages[-1].lines) >= 3, sentences_wanted
        check_section(section, theme)


def test_a_short_list_stays_with_its_lead_in(qapp):
    """The lead-in and the six warning signs, after ever more text: on one page whenever
    they fit on one."""
    kept = 0
    for name, size in SCREENS.items():
        for text_size in TextSize:
            theme = Theme(size.width(), size.height(), text_size)
            for sentences_wanted in range(1, 12):
                markdown = f"## Warning signs\n\n{filler(sentences_wanted)}\n\n{WARNING_SIGNS}"
                section = ArticleLayout(article_from(markdown), theme).sections[0]
                check_section(section, theme)
                blocks = blocks_of(section)
                lead_in = next(b for b in blocks if b.text().startswith("Call the clinic"))
                items = [b for b in blocks if b.textList() is not None]
                assert len(items) == 6
                top = lead_in.layout().position().y()
                bottom = (
                    items[-1].layout().position().y() + items[-1].layout().boundingRect().height()
                )
                pages = set().union(*(page_of(section, b.blockNumber()) for b in [lead_in, *items]))
                if bottom - top <= section.body_height(1) - theme.paragraph_gap_px:
                    assert len(pages) == 1, (name, text_size, sentences_wanted)
                    kept += 1
                else:
                    # Too tall to keep together: the lead-in at least goes with the first item.
                    assert page_of(section, lead_in.blockNumber()) <= page_of(
                        section, items[0].blockNumber()
                    )
    assert kept >= 20  # on the portrait screens, the list and its lead-in fit on a page


def test_no_list_item_is_split(qapp):
    """Items of two paragraphs each: an item that fits on a page is never split."""
    items = "\n".join(
        f"1. Step {n}: {filler(2)}\n\n    {filler(1)} Ask us if unsure.\n" for n in range(1, 9)
    )
    checked = 0
    for size in SCREENS.values():
        for text_size in TextSize:
            theme = Theme(size.width(), size.height(), text_size)
            for sentences_wanted in range(1, 8, 2):
                markdown = f"## Steps\n\n{filler(sentences_wanted)}\n\n{items}"
                section = ArticleLayout(article_from(markdown), theme).sections[0]
                check_section(section, theme)
                blocks = blocks_of(section)
                for index, block in enumerate(blocks):
                    if block.textList() is None:
                        continue
                    item = [block]
                    for following in blocks[index + 1 :]:
                        if (
                            following.textList() is not None
                            or following.blockFormat().indent() == 0
                        ):
                            break
                        item.append(following)
                    assert len(item) == 2
                    # Measured as pages are cut: by the lines' fixed pitch, gaps included.
                    numbers = {b.blockNumber() for b in item}
                    lines = [
                        line
                        for page in section.pages
                        for line in page.lines
                        if line.block in numbers
                    ]
                    height = max(line.bottom for line in lines) - min(line.top for line in lines)
                    if height <= section.body_height(1):
                        pages = set().union(*(page_of(section, b.blockNumber()) for b in item))
                        assert len(pages) == 1, (size, text_size, block.text()[:20])
                        checked += 1
    assert checked > 100


LONG_PATH = "/srv/kiosk/content/" + "a-very-long-folder-name/" * 6 + "article.md"
LONG_WORDS = " ".join(["argument"] * 40)
CODE = f"""Type this:

    kiosk check --content {LONG_PATH}
    {LONG_WORDS}

Or this:

```
{"x" * 300}
    indented {LONG_WORDS}
```

See https://example.org/{"long-address-" * 20} for more.
"""


@pytest.mark.parametrize("theme", EVERY_THEME)
def test_long_code_lines_wrap_within_the_column(qapp, article, theme):
    """No line of any block, code included, is wider than the column: nothing is clipped."""
    layouts = [
        *ArticleLayout(article_from(f"## Code\n\n{CODE}"), theme).sections,
        *ArticleLayout(article, theme).sections,
        *ArticleLayout(synthetic_article(), theme).sections,
    ]
    for layout in layouts:
        width = layout.body.textWidth()
        assert width == theme.column_width
        for block in blocks_of(layout):
            origin = block.layout().position().x()
            for number in range(block.layout().lineCount()):
                line = block.layout().lineAt(number)
                assert origin + line.x() + line.naturalTextWidth() <= width + 0.5, line_text(
                    layout, block.blockNumber(), number
                )
        check_section(layout, theme)
    code = layouts[0]
    # The code keeps its lines: each starts a line of its own, the indented one its spaces.
    texts = [block.text() for block in blocks_of(code)]
    assert "x" * 300 in texts
    assert any(text.startswith("    indented argument") for text in texts)


@pytest.mark.parametrize("size_name", list(SIZES))
def test_paragraph_spacing_is_at_least_one_and_a_half_line_spacings(qapp, article, size_name):
    """WCAG 1.4.8: from one paragraph's last baseline to the next one's first is at least 1.5
    times the distance from one line's baseline to the next."""
    theme = Theme.for_size(SIZES[size_name])
    for layout in (
        *ArticleLayout(article, theme).sections,
        *ArticleLayout(synthetic_article(), theme).sections,
    ):
        kinds = {block.lines[0].block: block.kind for block in measure(layout.body)}
        paragraphs = [b for b in blocks_of(layout) if kinds[b.blockNumber()] in TEXT_KINDS]
        for above, below in itertools.pairwise(paragraphs):
            if above.next() != below or not above.text() or not below.text():
                continue
            pitch = above.blockFormat().lineHeight()
            last = above.layout().lineAt(above.layout().lineCount() - 1)
            first = below.layout().lineAt(0)
            last_baseline = above.layout().position().y() + last.y() + last.ascent()
            first_baseline = below.layout().position().y() + first.y() + first.ascent()
            assert first_baseline - last_baseline >= 1.5 * pitch - 0.5
            if above.layout().lineCount() > 1:
                second = above.layout().lineAt(1)
                assert second.y() - above.layout().lineAt(0).y() == pytest.approx(pitch)
