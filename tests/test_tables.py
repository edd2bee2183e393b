"""Tables as a patient sees them: a real grid (columns lined up, the heading row bold, rows in
bands) where the table fits across the page at the page's font and text size, else the stacked
rows it always was; long grids go on by row, with the heading row again atop every page; right-
to-left tables mirrored; and Read aloud marking the row it reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QImage, QTextBlock

from kiosk import speech
from kiosk.article import Article, parse_article
from kiosk.config import Settings
from kiosk.pages import TextKind
from kiosk.text_layout import ArticleLayout, SectionLayout, measure
from kiosk.theme import (
    HIGH_CONTRAST,
    NORMAL,
    TABLE_COLUMN_GAP_EM,
    TextSize,
    Theme,
    contrast_ratio,
    panel_density,
)
from kiosk.ui.page_painter import highlight_rows

from .helpers import ManualClock, click, painted_page

DOSING = """| Time | Dose | With food |
|------|------|-----------|
| Morning | 1 tablet | Yes |
| Noon | Half a tablet | No |
| Evening | 1 tablet | Yes |
| Bedtime | 2 tablets | No |
| At night if you wake | None | No |
"""
DOSING_ROWS = [
    "Time\tDose\tWith food",
    "Morning\t1 tablet\tYes",
    "Noon\tHalf a tablet\tNo",
    "Evening\t1 tablet\tYes",
    "Bedtime\t2 tablets\tNo",
    "At night if you wake\tNone\tNo",
]
LONG_CELL = """| Side effect | How common | What to do | When to call |
|---|---|---|---|
| Upset stomach | Common | Take with food | If it lasts a week or you cannot keep food down |
| Headache | Common | Rest and drink water | If it is very bad |
"""
FORTY_DAYS = "| Day | Dose | With food |\n|---|---|---|\n" + "".join(
    f"| Day {day} | {day % 3 + 1} tablets | {'Yes' if day % 2 else 'No'} |\n"
    for day in range(1, 41)
)
ARABIC = """| الوقت | الجرعة | مع الطعام |
|------|------|-----------|
| الصباح | قرص واحد | نعم |
| الظهر | نصف قرص | لا |
| المساء | قرص واحد | نعم |
"""
SEVEN_INCHES = panel_density(QSize(800, 480), None, 7.0)
assert SEVEN_INCHES is not None


def article_from(body: str, language: str = "en") -> Article:
    front = f"---\ntitle: Your tablets\nlanguage: {language}\n---\n\n## How much to take\n\n"
    return parse_article((front + body).encode("utf-8"), Path("tablets.md"))


def first_section(article: Article, theme: Theme) -> SectionLayout:
    return ArticleLayout(article, theme).sections[0]


def grid_rows(section: SectionLayout) -> list[QTextBlock]:
    """The text blocks of the section's table rows shown as a grid, top to bottom."""
    return [
        section.body.findBlockByNumber(block.lines[0].block)
        for block in measure(section.body)
        if block.kind is TextKind.TABLE_ROW
    ]


def visible(text: str) -> str:
    """A grid row's text without the direction isolates around its cells (they draw nothing)."""
    return re.sub("[\u2066-\u2069]", "", text)


def cell_starts(row: QTextBlock) -> list[float]:
    """Where each cell of a grid row starts on its line (a right-to-left cell: its right end)."""
    line = row.layout().lineAt(0)
    starts = [0] + [index + 1 for index, character in enumerate(row.text()) if character == "\t"]
    return [line.cursorToX(start)[0] for start in starts]


def cell_ends(row: QTextBlock) -> list[float]:
    """Where each cell of a left-to-right grid row ends on its line."""
    line = row.layout().lineAt(0)
    ends = [index for index, character in enumerate(row.text()) if character == "\t"]
    return [line.cursorToX(end)[0] for end in [*ends, len(row.text())]]


def is_bold(row: QTextBlock) -> bool:
    """Whether every word of a row is bold."""
    iterator = row.begin()
    weights = []
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.text().strip():
            weights.append(fragment.charFormat().fontWeight())
        iterator += 1
    return bool(weights) and all(weight >= QFont.Weight.Bold.value for weight in weights)


def line_middle(section: SectionLayout, theme: Theme, page: int, row: QTextBlock) -> int:
    """The middle of a row's letters on the slide, on page `page`."""
    line = row.layout().lineAt(0)
    top = row.layout().position().y() + line.y()
    shift = theme.column_rect.top() + section.body_top(page) - section.pages[page].top
    return round(shift + top + line.height() / 2)


def dark_pixels(image: QImage, top: int, bottom: int, left: int, right: int) -> int:
    """How many pixels of a rectangle are as dark as text (on the normal palette)."""
    return sum(
        QColor(image.pixel(x, y)).lightness() < 100
        for y in range(top, bottom)
        for x in range(left, right, 2)
    )


def test_a_small_dosing_table_is_a_grid_on_a_wide_screen(qapp):
    """At 1920x1080 Standard the dosing table is a grid: each row's cells on one line, every
    column starting at the same place in every row, a column gap of 1.5 em or more after a
    column's widest cell, the heading row bold and the others not."""
    theme = Theme(1920, 1080)
    section = first_section(article_from(DOSING), theme)
    rows = grid_rows(section)
    assert [visible(row.text()) for row in rows] == DOSING_ROWS
    assert all(row.layout().lineCount() == 1 for row in rows), "a row on one line"
    starts = [cell_starts(row) for row in rows]
    for row_starts in starts:
        assert row_starts == pytest.approx(starts[0], abs=0.5), "columns line up"
    assert starts[0][0] == pytest.approx(0, abs=0.5), "the table starts where the text does"
    ends = [cell_ends(row) for row in rows]
    for column in range(2):
        gap = starts[0][column + 1] - max(row_ends[column] for row_ends in ends)
        assert gap >= TABLE_COLUMN_GAP_EM * theme.body_px - 1, f"gap after column {column}"
    assert is_bold(rows[0])
    assert not any(is_bold(row) for row in rows[1:])
    # And so it is drawn: the words of "Noon" and of "Half a tablet" on the same row.
    page = section.page_at(rows[2].position())
    image = painted_page(section, theme, page)
    middle = line_middle(section, theme, page, rows[2])
    left = theme.column_rect.left()
    for column in (0, 1, 2):
        start = left + round(starts[0][column])
        assert dark_pixels(image, middle - 10, middle + 10, start, start + 40) > 0, column


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high contrast"])
def test_rows_are_bands_that_keep_the_words_contrast(qapp, high_contrast):
    """Every other row under the heading is shaded, and thin rules part the rows, so an eye
    follows a row across; the shade never dims the words below the page's own contrast, and
    the rules stand 3:1 from the page (in high contrast, where only black keeps white words
    at 21:1, the rules alone part the rows)."""
    palette = HIGH_CONTRAST if high_contrast else NORMAL
    page_contrast = contrast_ratio(palette.text, palette.background)
    assert contrast_ratio(palette.text, palette.table_stripe) >= page_contrast
    for beside in (palette.background, palette.table_stripe):
        assert contrast_ratio(palette.table_rule, beside) >= 3
    theme = Theme(1920, 1080, high_contrast=high_contrast)
    section = first_section(article_from(DOSING), theme)
    rows = grid_rows(section)
    page = section.page_at(rows[1].position())
    image = painted_page(section, theme, page)
    # Just beyond the row's words at the start of the row: the band reaches into the margin.
    edge = theme.column_rect.left() - 2
    first, second = (line_middle(section, theme, page, row) for row in rows[1:3])
    assert QColor(image.pixel(edge, first)).name() == palette.background
    assert QColor(image.pixel(edge, second)).name() == palette.table_stripe
    # Between the two rows, in the gap between the first two columns: a rule.
    gap = theme.column_rect.left() + round(cell_starts(rows[1])[1]) - 10
    between = (first + second) // 2
    seen = {QColor(image.pixel(gap, y)).name() for y in range(between - 6, between + 7)}
    assert palette.table_rule in seen


def test_the_same_table_is_stacked_where_its_columns_do_not_fit(qapp):
    """Where a grid would not fit across (200 % text, a 7" panel), or a cell is too long for
    one line (in a portrait column too), the table is stacked rows as it always was: a list
    item a row, a cell a line after its column's heading."""
    article = article_from(DOSING)
    assert grid_rows(first_section(article, Theme(1920, 1080)))
    assert grid_rows(first_section(article, Theme(1080, 1920)))
    narrow = [
        Theme(1920, 1080, text_size=TextSize.LARGEST),
        Theme(800, 480, text_size=TextSize.LARGEST, pixels_per_mm=SEVEN_INCHES.pixels_per_mm),
    ]
    for theme in narrow:
        section = first_section(article, theme)
        assert not grid_rows(section), f"{theme.width}x{theme.height} {theme.text_size.name}"
        items = [block for block in measure(section.body) if block.kind is TextKind.LIST_ITEM]
        first = section.body.findBlockByNumber(items[0].lines[0].block)
        assert first.text() == "Time: Morning\u2028Dose: 1 tablet\u2028With food: Yes"
        assert len(items) == 5
    for theme in (Theme(1920, 1080), Theme(1080, 1920)):
        section = first_section(article_from(LONG_CELL), theme)
        assert not grid_rows(section), "a long cell stacks the table"


def test_a_long_grid_goes_on_by_row_with_its_heading_row_again(qapp):
    """A 40-row grid continues on the next pages by row: no row is cut, every row appears
    once and in order, and each page after the first starts with the heading row again,
    drawn as on the first page, within the page's room."""
    for theme in (Theme(1920, 1080), Theme(1920, 1080, text_size=TextSize.LARGEST)):
        section = first_section(article_from(FORTY_DAYS), theme)
        rows = grid_rows(section)
        assert len(rows) == 41, "a grid at this size"
        numbers = [row.blockNumber() for row in rows]
        shown = [
            line.block for page in section.pages for line in page.lines if line.block in numbers
        ]
        assert shown == numbers, "every row once, in order"
        assert len(section.pages) > 2
        heading = rows[0]
        column = theme.column_rect
        first_page = painted_page(section, theme, 0)
        middle = line_middle(section, theme, 0, heading)
        half = theme.line_height_px // 3
        words = dark_pixels(first_page, middle - half, middle + half, column.left(), column.right())
        assert words > 0
        for index, page in enumerate(section.pages[1:], start=1):
            assert page.heading_row is not None, f"page {index + 1} shows the heading row"
            assert page.heading_row.block == heading.blockNumber()
            assert column.top() + section.body_top(index) + page.height <= column.bottom() + 1
            # Drawn in the room above the page's first row: the same words as on page 1.
            image = painted_page(section, theme, index)
            top = column.top() + section.body_top(index) - page.heading_row_room
            line = heading.layout().lineAt(0)
            again = round(top + line.height() / 2)
            repeated = dark_pixels(image, again - half, again + half, column.left(), column.right())
            assert repeated == pytest.approx(words, rel=0.05), f"page {index + 1}"
            assert section.page_text_range(index)[0] > heading.position(), "not read again"


def test_a_table_that_fits_on_a_page_is_never_split(qapp):
    """A grid that does not fit under a page's paragraphs, but does on a page of its own,
    moves there whole rather than be split."""
    theme = Theme(1920, 1080)
    filler = (
        "Your nurse will go through this table with you before you go home, and will give "
        "you a copy of it to keep. "
    ) * 3
    section = first_section(article_from(f"{filler}\n\n{filler}\n\n{DOSING}"), theme)
    rows = grid_rows(section)
    (page,) = {section.page_at(row.position()) for row in rows}
    assert page > 0
    # It could have been split: the page before had room for its first rows.
    before = page - 1
    step = rows[1].layout().position().y() - rows[0].layout().position().y()
    assert section.pages[before].height + 3 * step <= section.body_height(before)


def test_a_table_is_split_rather_than_leave_its_lead_in_alone_under_the_heading(qapp):
    """Where the lead-in and the whole table do not fit under the section's heading, the table
    starts under its lead-in and goes on over the page (its heading row again), rather than
    leave "When to take your tablets:" alone on an otherwise empty page."""
    theme = Theme(1920, 1080)
    body = "When to take your tablets:\n\n" + DOSING + "\nTake them with a full glass of water.\n"
    section = first_section(article_from(body), theme)
    rows = grid_rows(section)
    first_row_page = section.page_at(rows[0].position())
    assert first_row_page == 0, "the table starts on the page of its lead-in"
    assert section.page_at(rows[-1].position()) == 1, "and goes on over the page"
    assert section.pages[1].heading_row is not None


def test_a_small_table_moves_rather_than_split_a_table_before_it(qapp):
    """A table that fits on a page keeps all its rows together even where that leaves a small
    table after it a page of its own: a last row is never sent over the page alone."""
    theme = Theme(1920, 1080)
    four_rows = (
        "| Time | Dose | With food |\n|---|---|---|\n| Morning | 1 tablet | Yes |\n"
        "| Noon | 2 mg | No |\n| Evening | 1 tablet | No |\n| Night | None | No |\n"
    )
    small = "| A | B |\n|---|---|\n| one | two |\n"
    section = first_section(article_from(four_rows + "\n" + small), theme)
    rows = grid_rows(section)
    first_table = [row for row in rows if "Night" in row.text() or "Morning" in row.text()]
    assert len(first_table) == 2
    assert len(section.pages) == 2, "the two do not fit on one page"
    pages = {section.page_at(row.position()) for row in rows[:5]}
    assert pages == {0}, "the first table whole on the first page"


def test_a_name_in_another_script_does_not_turn_the_next_cell_round(qapp):
    """A Hebrew or Arabic name in an English table leaves the dose after it as written: "10 -
    20", never "20 - 10" (each cell is set apart for the bidirectional algorithm)."""
    theme = Theme(1920, 1080)
    table = (
        "| Time | Name | Dose |\n|---|---|---|\n"
        "| Morning | \u05d0\u05e7\u05de\u05d5\u05dc | 10 - 20 |\n"
        "| Noon | \u0628\u0627\u0631\u0627\u0633\u064a\u062a\u0627\u0645\u0648\u0644 | 1, 2 |\n"
    )
    section = first_section(article_from(table), theme)
    rows = grid_rows(section)
    for row, (first, second) in zip(rows[1:], (("10", "20"), ("1,", "2")), strict=True):
        line = row.layout().lineAt(0)
        text = row.text()
        first_x = line.cursorToX(text.index(first))[0]
        second_x = line.cursorToX(text.rindex(second))[0]
        assert first_x < second_x, f"{visible(text)!r}: {first!r} drawn after {second!r}"


def test_a_grid_row_is_spoken_with_a_pause_between_cells():
    row = "\u2066Morning\u2069\t\u20661 tablet\u2069\t\u2066Yes\u2069"
    assert speech._spoken(row) == "Morning, 1 tablet, Yes"
    # An empty cell is a pause, not two.
    assert speech._spoken("\u2066Night\u2069\t\u2066\u2069\t\u2066No\u2069") == "Night, No"
    assert speech._spoken("Plain words. Unchanged.") == "Plain words. Unchanged."


def test_a_right_to_left_table_has_its_first_column_on_the_right(qapp):
    theme = Theme(1920, 1080)
    section = first_section(article_from(ARABIC, "ar"), theme)
    rows = grid_rows(section)
    assert len(rows) == 4
    starts = [cell_starts(row) for row in rows]
    width = section.body.textWidth()
    for row_starts in starts:
        assert row_starts == pytest.approx(starts[0], abs=0.5), "columns line up"
        assert row_starts[0] == pytest.approx(width, abs=0.5), "the first column at the right"
        assert row_starts[0] > row_starts[1] > row_starts[2]
    # Drawn so: the first column's words at the column's right edge, on every row.
    page = section.page_at(rows[0].position())
    image = painted_page(section, theme, page)
    right = theme.column_rect.left() + round(width)
    for row in rows:
        middle = line_middle(section, theme, page, row)
        assert dark_pixels(image, middle - 10, middle + 10, right - 40, right) > 0


def test_read_aloud_marks_the_grid_row_it_reads(make_window, qtbot):
    """A grid row is one sentence of Read aloud, its cells in order; the mark covers that row
    alone, where it is drawn."""
    article = article_from(DOSING)
    settings = Settings(animations=False, speech_engine="mock")
    window = make_window(article=article, settings=settings, clock=ManualClock())
    session = window.session
    click(window.start_screen.section_buttons[0])
    layout = session.layout
    assert layout is not None
    section = layout.sections[session.position.section]
    rows = grid_rows(section)
    assert rows, "a grid at 1920x1080"
    morning = rows[1]
    text = section.body.toPlainText()
    slide = window.reading_screen.slide

    def reading_morning() -> bool:
        marked = slide._highlight
        return marked is not None and marked[0] >= morning.position()

    click(window.reading_screen.read_aloud_button)
    qtbot.waitUntil(reading_morning, timeout=20000)
    start, end = slide._highlight
    assert visible(text[start:end]) == "Morning\t1 tablet\tYes"
    line = morning.layout().lineAt(0)
    page = session.position.page
    top = morning.layout().position().y() + line.y() + section.body_top(page)
    top -= section.pages[page].top
    marked_top, marked_bottom = highlight_rows(section, page, (start, end))
    assert marked_top == pytest.approx(top, abs=0.5)
    assert marked_bottom - marked_top == pytest.approx(morning.blockFormat().lineHeight(), abs=1)
    # On the screen: the marking's colour across the row's three cells, none on the row above.
    theme = session.theme
    image = slide.grab().toImage()
    accent = QColor(theme.palette.accent).name()
    column = theme.column_rect
    starts = cell_starts(morning)

    def marked(y: float) -> list[bool]:
        return [
            any(
                QColor(image.pixel(column.left() + round(x) + dx, round(y))).name() == accent
                for dx in range(0, 30)
            )
            for x in starts
        ]

    middle = column.top() + (marked_top + marked_bottom) / 2
    assert marked(middle) == [True, True, True]
    step = morning.layout().position().y() - rows[0].layout().position().y()
    assert marked(middle - step) == [False, False, False]
