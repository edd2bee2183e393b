"""Reading article files: the bundled article, inert Markdown, and every message staff see."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.article import (
    INTRODUCTION_TITLE,
    BlockKind,
    ContentError,
    load_article,
    parse_article,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds"
FRONT = "---\ntitle: A test article\nsummary: One line.\nlanguage: en\n---\n\n"


def parse(text: str, name: str = "article.md") -> object:
    return parse_article(text.encode("utf-8"), Path(name))


def write(tmp_path: Path, content: bytes | str, name: str = "article.md") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def error_for(path: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_article(path)
    return caught.value


def test_bundled_article_has_title_summary_and_four_sections(article):
    assert article.title == "Ketamine as a treatment for chronic pain"
    assert article.summary
    assert "\n" not in article.summary
    assert article.language == "en"
    assert [section.title for section in article.sections] == [
        INTRODUCTION_TITLE,
        "The science behind how ketamine works for chronic pain",
        "Who is getting treatment for chronic pain?",
        "How long does treatment last?",
    ]


def test_bundled_article_keeps_the_clients_text_word_for_word(article):
    seed_files = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not seed_files:
        pytest.skip("the client's original text is not beside this checkout")
    paragraphs = seed_files[0].read_text(encoding="utf-8").strip().split("\n\n")
    intro = paragraphs[0]
    assert article.sections[0].text == intro
    for section, paragraph in zip(article.sections[1:], paragraphs[1:], strict=True):
        heading, body = paragraph.split("\n", 1)
        assert section.title == heading
        assert section.text == body


def test_bundled_article_invents_no_review_metadata(article):
    for key in ("last_reviewed", "next_review", "reviewed_by", "sources"):
        assert key not in article.metadata


def test_a_folder_shows_its_first_article_by_name(tmp_path):
    write(tmp_path, FRONT.replace("A test article", "Second") + "Text.", "b.md")
    write(tmp_path, FRONT.replace("A test article", "First") + "Text.", "a.md")
    write(tmp_path, "not an article", "notes.txt")
    assert load_article(tmp_path).title == "First"


def test_text_before_the_first_heading_is_the_introduction():
    article = parse(FRONT + "Opening words.\n\n## Part one\n\nMore words.\n")
    assert [s.title for s in article.sections] == [INTRODUCTION_TITLE, "Part one"]
    assert article.sections[0].text == "Opening words."


def test_an_article_without_introduction_starts_with_its_first_section():
    article = parse(FRONT + "## Part one\n\nWords.\n\n## Part two\n\nMore.\n")
    assert [s.title for s in article.sections] == ["Part one", "Part two"]


def test_sub_headings_lists_and_quotes_stay_inside_their_section():
    article = parse(FRONT + "## Part\n\nText.\n\n### Detail\n\n- one\n- two\n\n> a quote\n")
    (section,) = article.sections
    assert [block.kind for block in section.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.LIST,
        BlockKind.QUOTE,
    ]


def test_raw_html_is_shown_as_text_and_never_interpreted():
    article = parse(FRONT + 'Hello <b onclick="x()">there</b>\n\n<script>alert(1)</script>\n')
    html = article.sections[0].html
    assert "<script" not in html
    assert "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in article.sections[0].text


def test_links_keep_their_words_and_lose_their_address():
    article = parse(FRONT + "Ask [your nurse](https://example.org/x) or <https://example.org>.\n")
    html = article.sections[0].html
    assert "href" not in html
    assert "<a" not in html
    assert "your nurse" in article.sections[0].text


def test_images_show_their_description_and_are_never_loaded():
    article = parse(FRONT + "See ![a diagram of a nerve](file:///etc/passwd) here.\n")
    html = article.sections[0].html
    assert "<img" not in html
    assert "passwd" not in html
    assert "[Picture: a diagram of a nerve]" in article.sections[0].text


def test_front_matter_values_may_continue_on_indented_lines():
    article = parse("---\ntitle: T\nsources: First source\n    Second source\n---\n\nText.\n")
    assert article.metadata["sources"] == ("First source", "Second source")


def test_windows_line_endings_and_a_byte_order_mark_are_fine():
    data = ("\ufeff" + FRONT + "Text.\n").replace("\n", "\r\n").encode("utf-8")
    assert parse_article(data, Path("a.md")).title == "A test article"


# Every way a content file can be wrong: which file, which line, and what to do.


def test_missing_file(tmp_path):
    error = error_for(tmp_path / "nowhere.md")
    assert error.path == tmp_path / "nowhere.md"
    assert "does not exist" in str(error)


def test_folder_without_articles(tmp_path):
    error = error_for(tmp_path)
    assert "holds no article" in error.problem
    assert ".md" in error.fix


def test_empty_file(tmp_path):
    error = error_for(write(tmp_path, "  \n\n"))
    assert "empty" in error.problem
    assert "title:" in error.fix


def test_not_utf8_names_the_line(tmp_path):
    data = (FRONT + "Fine line.\n").encode("utf-8") + "Caf\xe9 au lait\n".encode("latin-1")
    error = error_for(write(tmp_path, data))
    assert error.line == 8
    assert "UTF-8" in error.problem
    assert "UTF-8" in error.fix
    assert f"{tmp_path / 'article.md'}, line 8" in str(error)


def test_no_readable_text(tmp_path):
    error = error_for(write(tmp_path, FRONT + "\n\n"))
    assert "no text" in error.problem
    assert "## " in error.fix


def test_heading_with_nothing_under_it_is_left_out_with_a_note_naming_its_line(tmp_path):
    article = load_article(write(tmp_path, FRONT + "Intro.\n\n## Empty part\n\n## Next\n\nText.\n"))
    assert [section.title for section in article.sections] == [INTRODUCTION_TITLE, "Next"]
    (note,) = article.notes
    assert note.line == 9
    assert "'Empty part' has nothing under its heading" in note.message
    assert "remove the heading" in note.message


def test_a_section_holding_only_a_rule_is_empty_too(tmp_path):
    article = load_article(write(tmp_path, FRONT + "## Rule only\n\n***\n\n## Next\n\nText.\n"))
    assert [section.title for section in article.sections] == ["Next"]
    assert [note.line for note in article.notes] == [7]


def test_front_matter_that_never_ends(tmp_path):
    error = error_for(write(tmp_path, "---\ntitle: T\n\nText.\n"))
    assert error.line == 1
    assert "never ends" in error.problem
    assert "'---'" in error.fix


def test_front_matter_line_that_is_not_a_setting(tmp_path):
    error = error_for(write(tmp_path, "---\ntitle: T\nthis is not a setting\n---\nText.\n"))
    assert error.line == 3
    assert "'this is not a setting'" in error.problem
    assert "name: value" in error.fix


def test_setting_given_twice(tmp_path):
    error = error_for(write(tmp_path, "---\ntitle: T\ntitle: U\n---\nText.\n"))
    assert error.line == 3
    assert "line 2" in error.fix


def test_without_a_title_anywhere_the_file_name_is_the_title(tmp_path):
    article = load_article(write(tmp_path, "Just text, no front matter.\n", "eye-drops.md"))
    assert article.title == "Eye drops"
    assert article.sections[0].text == "Just text, no front matter."


def test_bad_language_code(tmp_path):
    error = error_for(write(tmp_path, "---\ntitle: T\nlanguage: English\n---\nText.\n"))
    assert error.line == 3
    assert "'English'" in error.problem


def test_binary_file(tmp_path):
    error = error_for(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert "binary" in error.problem or "UTF-8" in error.problem
