"""Articles written the way staff write them: plain Markdown files with or without front matter,
lists indented by two spaces, tables, code, formatting in titles, and stray direction controls.

Each file is written to disk and read through the kiosk's own entry points (load_article, and
`kiosk check`, which reads in the same child process as the kiosk); the tests say what a patient
sees (titles, sections, list numbers and levels as laid out) or what staff read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QTextBlock, QTextListFormat

from kiosk import cli
from kiosk.article import (
    INTRODUCTION_TITLE,
    MAX_NESTING,
    Article,
    BlockKind,
    ContentError,
    Section,
    load_article,
)
from kiosk.check import run_check
from kiosk.config import load_config_file
from kiosk.text_layout import ArticleLayout, SectionLayout
from kiosk.theme import TextSize, Theme

BULLETS = (
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
)
FRONT = "---\ntitle: Knee replacement\nsummary: What happens.\n---\n\n"


def write(folder: Path, text: str, name: str = "article.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def read(folder: Path, text: str, name: str = "article.md") -> Article:
    return load_article(write(folder, text, name))


def titles(article: Article) -> list[str]:
    return [section.title for section in article.sections]


def texts(section: Section) -> list[str]:
    return [block.text for block in section.blocks]


def warnings_for(path: Path) -> list[str]:
    """What `kiosk check` says about one article file, one warning a line."""
    report = run_check(path, load_config_file(None), today=dt.date(2026, 1, 1))
    assert report.exit_code == 0, [str(finding) for finding in report.errors]
    return [f"{finding.where}: {finding.message}" for finding in report.warnings]


def text_blocks(layout: SectionLayout) -> list[QTextBlock]:
    found = []
    block = layout.body.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def laid_out(article: Article, size: tuple[int, int] = (1920, 1080)) -> ArticleLayout:
    return ArticleLayout(article, Theme(*size))


# 1. No front matter: the title comes from the first '# ' heading, else from the file name.


def test_a_file_without_front_matter_takes_its_title_from_its_first_heading(tmp_path):
    article = read(
        tmp_path,
        "# Knee replacement surgery\n\nYou are having a new knee.\n\n## Before\n\nStop eating.\n",
        "knee-replacement.md",
    )
    assert article.title == "Knee replacement surgery"
    # The heading is the title, not a section of its own: the text under it is the introduction.
    assert titles(article) == [INTRODUCTION_TITLE, "Before"]
    assert texts(article.sections[0]) == ["You are having a new knee."]


def test_a_heading_underlined_with_equals_signs_is_a_title_too(tmp_path):
    article = read(tmp_path, "Knee replacement\n================\n\nYou are having a new knee.\n")
    assert article.title == "Knee replacement"
    assert titles(article) == [INTRODUCTION_TITLE]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("knee-replacement.md", "Knee replacement"),
        ("02_flu_vaccine.md", "Flu vaccine"),  # a number that orders the files is left out
        ("MRI-scan.es.md", "MRI scan"),  # a language tag too; letters stay as written
        ("2024-flu-season.md", "2024 flu season"),  # a year is kept
    ],
)
def test_without_any_heading_the_title_comes_from_the_file_name(tmp_path, name, title):
    article = read(tmp_path, "Just text, as staff type it.\n\n## Before\n\nStop eating.\n", name)
    assert article.title == title
    assert titles(article) == [INTRODUCTION_TITLE, "Before"]


def test_a_front_matter_title_wins_and_a_first_heading_repeating_it_is_no_section(tmp_path):
    article = read(tmp_path, FRONT + "# Knee replacement\n\nYou are having a new knee.\n")
    assert article.title == "Knee replacement"
    assert titles(article) == [INTRODUCTION_TITLE]
    other = read(tmp_path, FRONT + "# After the operation\n\nRest.\n")
    assert other.title == "Knee replacement"
    assert titles(other) == ["After the operation"]


# 2. Front matter with '---' lines, or in Python-Markdown's `meta` style without them.


def test_meta_style_front_matter_gives_the_same_article_as_dashes(tmp_path):
    body = "\nYou are having a new knee.\n\n## Before\n\nStop eating.\n"
    dashes = read(
        tmp_path,
        "---\ntitle: Knee replacement\nsummary: What happens before\n    and after.\n"
        "language: en\nsources: NHS\n    NICE\n---\n" + body,
        "dashes.md",
    )
    meta = read(
        tmp_path,
        "Title: Knee replacement\nSUMMARY: What happens before\n    and after.\n"
        "Language: en\nSources: NHS\n    NICE\n" + body,
        "meta.md",
    )
    for article in (dashes, meta):
        assert article.title == "Knee replacement"
        assert article.summary == "What happens before and after."
        assert article.metadata["sources"] == ("NHS", "NICE")
    assert (meta.language, meta.metadata, meta.sections) == (
        dashes.language,
        dashes.metadata,
        dashes.sections,
    )


def test_a_first_line_that_only_looks_like_a_setting_stays_text(tmp_path):
    article = read(tmp_path, "Note: bring your glasses.\n\nAnd your letter.\n", "visit.md")
    assert article.title == "Visit"
    assert texts(article.sections[0]) == ["Note: bring your glasses.", "And your letter."]


# 3. An empty section is left out and is a warning, never a refusal.


def test_an_empty_section_is_left_out_and_kiosk_check_names_it(qapp, tmp_path):
    path = write(
        tmp_path,
        FRONT + "Intro.\n\n## Before the operation\n\n## After the operation\n\nRest.\n",
    )
    article = load_article(path)
    assert titles(article) == [INTRODUCTION_TITLE, "After the operation"]
    assert (
        f"{path}, line 8: The section 'Before the operation' has nothing under its heading, so "
        "the kiosk leaves it out. Write its text below the heading, or remove the heading."
    ) in warnings_for(path)


def test_an_article_whose_every_section_is_empty_is_refused_clearly(qapp, tmp_path, capsys):
    path = write(tmp_path, FRONT + "## Before\n\n## After\n")
    with pytest.raises(ContentError) as refused:
        load_article(path)
    assert refused.value.line == 6
    assert refused.value.problem == (
        "The article has no text to show: its headings ('Before', 'After') have nothing under them."
    )
    assert cli.main(["check", str(path)]) == 1
    assert f"ERROR: {path}, line 6: The article has no text to show" in capsys.readouterr().out


# 4. Indented continuation lines are part of their paragraph or list item.


@pytest.mark.parametrize("indent", [2, 3, 4, 40])
def test_indented_continuation_lines_are_one_paragraph(tmp_path, indent):
    space = " " * indent
    article = read(
        tmp_path,
        FRONT + f"Take one tablet\n{space}each morning\n{space}with water.\n\n"
        f"- Bring your glasses\n{space}and your letter.\n- Come early.\n",
    )
    (section,) = article.sections
    assert [block.kind for block in section.blocks] == [BlockKind.PARAGRAPH, BlockKind.LIST]
    assert texts(section) == [
        "Take one tablet each morning with water.",
        "Bring your glasses and your letter. Come early.",
    ]
    assert section.blocks[1].html.count("<li>") == 2


def test_lists_nested_too_deeply_are_still_refused_with_their_line(tmp_path):
    nested = "".join(f"{'  ' * level}- level {level + 1}\n" for level in range(MAX_NESTING + 1))
    with pytest.raises(ContentError) as refused:
        read(tmp_path, FRONT + nested)
    assert refused.value.line == 6 + MAX_NESTING
    assert "nested too deeply" in refused.value.problem


# 5 and 6. Numbered lists keep their numbers; nested lists keep their levels, as laid out.


def list_items(layout: SectionLayout) -> list[tuple[str, str, int]]:
    """(number as drawn, or "bullet"; words; level) of each list item on the slide."""
    found = []
    for block in text_blocks(layout):
        text_list = block.textList()
        if text_list is not None:
            bullet = text_list.format().style() in BULLETS
            number = "bullet" if bullet else text_list.itemText(block)
            found.append((number, block.text(), text_list.format().indent()))
    return found


@pytest.mark.parametrize("gap", ["\n", ""])
def test_a_numbered_list_after_a_bullet_list_keeps_its_numbers(qapp, tmp_path, gap):
    article = read(
        tmp_path,
        FRONT + f"Bring:\n\n- your glasses\n- your letter\n{gap}3. Sign in.\n4. Sit down.\n",
    )
    (section,) = article.sections
    assert [block.kind for block in section.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.LIST,
        BlockKind.LIST,
    ]
    items = list_items(laid_out(article).sections[0])
    assert [(number, words) for number, words, _ in items] == [
        ("bullet", "your glasses"),
        ("bullet", "your letter"),
        ("3.", "Sign in."),
        ("4.", "Sit down."),
    ]


def test_a_list_straight_after_a_line_of_text_is_a_list(tmp_path):
    article = read(tmp_path, FRONT + "Bring these:\n- your glasses\n- your letter\n")
    (section,) = article.sections
    assert [block.kind for block in section.blocks] == [BlockKind.PARAGRAPH, BlockKind.LIST]
    assert texts(section) == ["Bring these:", "your glasses your letter"]


@pytest.mark.parametrize("step", ["  ", "   ", "    ", "\t"])
def test_nested_lists_keep_five_levels(qapp, tmp_path, step):
    nested = "".join(f"{step * level}- level {level + 1}\n" for level in range(5))
    numbered = "".join(f"{step * level}1. step {level + 1}\n" for level in range(5))
    article = read(tmp_path, FRONT + nested + "\nThen:\n\n" + numbered)
    items = list_items(laid_out(article).sections[0])
    assert [(words, level) for _, words, level in items] == [
        *((f"level {n}", n) for n in range(1, 6)),
        *((f"step {n}", n) for n in range(1, 6)),
    ]


def test_a_numbered_list_indented_two_spaces_under_a_number_is_nested(tmp_path):
    article = read(tmp_path, FRONT + "1. Before\n  1. Stop eating\n  2. Shower\n2. After\n")
    (block,) = article.sections[0].blocks
    assert block.html.replace("\n", "") == (
        "<ol><li>Before<ol><li>Stop eating</li><li>Shower</li></ol></li><li>After</li></ol>"
    )


# 7. Bold and italics in titles are left out, never shown as tags or asterisks.


def test_formatting_in_titles_is_stripped_to_its_words(tmp_path):
    article = read(
        tmp_path,
        "---\ntitle: '**Knee** <b>replacement</b> *surgery*'\n"
        "summary: What <i>happens</i> __before__ it\n---\n\n"
        "Intro with <b>tags</b> kept as text.\n\n"
        "## <b>Before</b> your *operation*\n\nStop eating.\n\n"
        "### <I>What</I> to **bring**\n\nYour glasses.\n",
    )
    # Quotes around the whole value, as YAML front matter has them, are left out too.
    assert article.title == "Knee replacement surgery"
    assert article.summary == "What happens before it"
    assert titles(article) == [INTRODUCTION_TITLE, "Before your operation"]
    sub_heading = article.sections[1].blocks[1]
    assert sub_heading.kind is BlockKind.HEADING
    assert sub_heading.text == "What to bring"
    assert "&lt;" not in sub_heading.html
    # In the text itself, typed HTML still shows as typed: nothing in an article is interpreted.
    assert article.sections[0].text == "Intro with <b>tags</b> kept as text."


def test_a_heading_title_without_front_matter_is_stripped_too(tmp_path):
    article = read(tmp_path, "# <b>Knee</b> *replacement*\n\nText.\n")
    assert article.title == "Knee replacement"


# 8. Direction-override and isolate characters are removed, with a warning naming the line.

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_direction_controls_are_removed_from_every_text_and_named_by_line(qapp, tmp_path):
    path = write(
        tmp_path,
        f"---\ntitle: Knee\u202e replacement\nsummary: S\u2066ee\u2069 below.\n---\n\n"
        f"Take \u202e2 tablets\u202c daily.\n\n## Be\u2067fore\u2069\n\n"
        f"Stop eating {CONTROLS}at midnight.\n\n"
        "\u05e9\u05dc\u05d5\u05dd\u200f.\n",  # a right-to-left mark is needed, and kept
    )
    article = load_article(path)
    assert article.title == "Knee replacement"
    assert article.summary == "See below."
    assert titles(article) == [INTRODUCTION_TITLE, "Before"]
    assert texts(article.sections[0]) == ["Take 2 tablets daily."]
    assert texts(article.sections[1]) == [
        "Stop eating at midnight.",
        "\u05e9\u05dc\u05d5\u05dd\u200f.",
    ]
    shown = article.title + article.summary + "".join(s.title + s.html for s in article.sections)
    assert not set(CONTROLS) & set(shown)
    found = [warning for warning in warnings_for(path) if "direction of the text" in warning]
    assert [warning.split(": ", 1)[0] for warning in found] == [
        f"{path}, line {number}" for number in (2, 3, 6, 8, 10)
    ]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in found[0]
    assert "Delete them from the file" in found[0]


def test_many_lines_with_direction_controls_are_counted_not_listed(qapp, tmp_path):
    path = write(tmp_path, FRONT + "".join(f"Line \u202e{n}.\n\n" for n in range(20)))
    found = [warning for warning in warnings_for(path) if "characters" in warning]
    assert len(found) == 6
    assert found[-1] == (
        f"{path}, line 16: 15 more lines, from line 16, hold such characters too; the kiosk "
        "leaves them all out."
    )


# 9. Fenced code keeps its lines; a table is shown as its rows, never as raw pipes.


def test_a_fenced_code_block_keeps_its_lines(qapp, tmp_path):
    article = read(tmp_path, FRONT + "Type:\n\n```\nkiosk check\n  --json\nkiosk run\n```\n")
    code = article.sections[0].blocks[1]
    assert code.kind is BlockKind.CODE
    assert code.text == "kiosk check\n  --json\nkiosk run"
    # Laid out as three lines of text, one under the other.
    section = laid_out(article).sections[0]  # kept: its blocks live in its document
    shown = [block.text() for block in text_blocks(section)]
    assert shown[-3:] == ["kiosk check", "  --json", "kiosk run"]


TABLE = """When to take your tablets:

| Time | What to take |
|:-----|-------------:|
| Morning | 1 **white** tablet |
| Evening | 2 [blue](https://example.org) tablets |
| Night | |
"""


def test_a_table_shows_each_row_with_its_column_headings(qapp, tmp_path):
    article = read(tmp_path, FRONT + TABLE)
    table = article.sections[0].blocks[1]
    assert table.kind is BlockKind.TABLE
    assert "|" not in article.sections[0].text
    assert table.rows == (
        ("Time", "What to take"),
        ("Morning", "1 <strong>white</strong> tablet"),
        ("Evening", "2 <span>blue</span> tablets"),
        ("Night", ""),
    )
    assert "href" not in table.html
    # Where the table is too wide for a grid (a portrait panel at 200 %), each row is one item
    # on the slide, a cell a line, after its column's heading; an empty cell is left out.
    section = ArticleLayout(article, Theme(1080, 1920, text_size=TextSize.LARGEST)).sections[0]
    rows = [block.text() for block in text_blocks(section) if block.textList() is not None]
    assert rows == [
        "Time: Morning\u2028What to take: 1 white tablet",
        "Time: Evening\u2028What to take: 2 blue tablets",
        "Time: Night",
    ]


def test_a_table_without_column_headings_shows_its_cells_a_line_each(tmp_path):
    article = read(tmp_path, FRONT + "| | |\n|---|---|\n| Morning | 1 tablet |\n")
    (table,) = article.sections[0].blocks
    assert table.html == "<ul><li>Morning<br>1 tablet</li></ul>"


def test_a_long_table_continues_on_the_next_page_by_row(qapp, tmp_path):
    rows = "".join(f"| Day {n} | Take {n} tablets after breakfast |\n" for n in range(1, 41))
    article = read(tmp_path, FRONT + "| Day | Dose |\n|---|---|\n" + rows)
    for text_size in (TextSize.STANDARD, TextSize.LARGEST):
        section = ArticleLayout(article, Theme(800, 480, text_size=text_size)).sections[0]
        assert len(section.pages) > 1
        pages_of_row: dict[int, set[int]] = {}
        for index, page in enumerate(section.pages):
            for line in page.lines:
                pages_of_row.setdefault(line.block, set()).add(index)
        assert len(pages_of_row) == 40 + (
            1 if section.grids else 0
        )  # a grid's heading row is a row too
        assert all(len(pages) == 1 for pages in pages_of_row.values()), "a row was split"
