"""Reading comfort: the font, text size, contrast, read aloud, review details, direction."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractAnimation, QPoint, QVariantAnimation
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo

from kiosk import speech, words
from kiosk import theme as theme_module
from kiosk.article import ABOUT_TITLE, NO_REVIEW_DETAILS, load_article, parse_article
from kiosk.clock import QtClock
from kiosk.config import Settings
from kiosk.navigation import START, Position, Screen
from kiosk.session import KioskSession
from kiosk.text_layout import ArticleLayout
from kiosk.theme import (
    BODY_PX,
    BUNDLED_FAMILY,
    HIGH_CONTRAST,
    NORMAL,
    TextSize,
    Theme,
    contrast_ratio,
)

from .conftest import SIZES
from .helpers import click, horizontal, reading, touch_path
from .test_pagination import check_section

HEBREW = Path(__file__).parent / "data" / "hebrew.md"
# The mock engine takes time by the word; at full speed a page is read in about a second.
MOCK = Settings(animations=False, speech_engine="mock", speech_rate=10)


def test_the_bundled_font_is_used_for_the_article(make_window):
    window = make_window()
    body = window.session.layout.sections[0].body
    assert QFontInfo(body.defaultFont()).family() == BUNDLED_FAMILY
    button_font = window.session.theme.font(40, bold=True)
    assert QFontInfo(button_font).family() == BUNDLED_FAMILY


def test_the_article_is_measured_and_drawn_in_the_bundled_font_from_the_start(
    qapp, article, monkeypatch
):
    # The session lays out the article before any window exists: the bundled font must be
    # known to Qt by then, or every page is measured and drawn in a fallback font.
    QFontDatabase.removeAllApplicationFonts()
    monkeypatch.setattr(theme_module, "_fonts_loaded", None)
    try:
        session = KioskSession(article, Settings(speech_engine="mock"), QtClock())
        first = session.layout
        assert theme_module.load_bundled_fonts()
        again = ArticleLayout(article, first.theme)  # measured with the bundled font for sure
        for measured, expected in zip(first.sections, again.sections, strict=True):
            assert measured.body.size() == expected.body.size(), measured.section.title
    finally:
        theme_module.load_bundled_fonts()


def test_without_the_font_the_system_sans_serif_is_used_and_logged_once(
    qapp, tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr(theme_module, "_fonts_loaded", None)
    with caplog.at_level(logging.WARNING, logger="kiosk.theme"):
        assert theme_module.load_bundled_fonts(tmp_path) is False
        assert theme_module.load_bundled_fonts(tmp_path) is False
    assert caplog.text.count("could not be loaded") == 1
    monkeypatch.setattr(theme_module, "_fonts_loaded", None)
    assert theme_module.load_bundled_fonts() is True


def test_text_size_steps_grow_and_keep_the_reader_in_place(make_window):
    window = make_window()
    click(window.start_screen.section_buttons[1])
    click(window.reading_screen.next_button)
    assert window.session.position == reading(1, 1)
    sizes = [window.session.theme.body_px]
    for expected in list(TextSize)[1:]:
        section = window.session.layout.sections[1]
        top_of_page = section.page_text_range(window.session.position.page)[0]
        click(window.reading_screen.larger_text_button)
        assert window.session.theme.text_size is expected
        section = window.session.layout.sections[1]
        start, end = section.page_text_range(window.session.position.page)
        assert start <= top_of_page < end, "the words at the top moved to another page"
        sizes.append(window.session.theme.body_px)
    assert sizes == [44, 55, 66, 77, 88]
    assert not window.reading_screen.larger_text_button.isEnabled()


@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("text_size", list(TextSize))
def test_no_text_clips_at_any_size_on_any_screen(qapp, article, size_name, text_size):
    size = SIZES[size_name]
    theme = Theme(size.width(), size.height(), text_size=text_size)
    assert theme.body_px >= theme.minimum_body_px
    assert theme.body_px >= round(BODY_PX * text_size.factor * theme.scale) - 1
    for section in ArticleLayout(article, theme).sections:
        check_section(section, theme)


def test_high_contrast_turns_the_screen_white_on_black(make_window):
    window = make_window()
    click(window.start_screen.start_button)
    click(window.reading_screen.contrast_button)
    assert window.session.theme.high_contrast
    assert window.reading_screen.contrast_button.isChecked()
    slide = window.reading_screen.slide
    image = slide.grab().toImage()
    assert QColor(image.pixel(10, 10)).name() == HIGH_CONTRAST.background
    click(window.reading_screen.contrast_button)
    assert QColor(slide.grab().toImage().pixel(10, 10)).name() == NORMAL.background


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high contrast"])
def test_every_text_colour_pair_reaches_7_to_1(palette):
    for what, foreground, background in palette.text_pairs():
        assert contrast_ratio(foreground, background) >= 7, what


def test_everything_a_patient_changed_resets_when_idle(make_window, qtbot):
    window = make_window(
        settings=Settings(
            animations=False,
            idle_timeout=0.2,
            idle_warning=0.3,
            speech_engine="mock",
            speech_rate=10,  # the quiet spell starts when the voice has read the page
            reading_speed_wpm=100_000,  # no page takes longer than idle_timeout to read
        )
    )
    click(window.start_screen.start_button)
    click(window.reading_screen.larger_text_button)
    click(window.reading_screen.contrast_button)
    click(window.reading_screen.read_aloud_button)
    with qtbot.waitSignal(window.session.idle.expired, timeout=5000):
        pass
    assert window.session.position == START
    assert window.session.theme.text_size is TextSize.STANDARD
    assert not window.session.theme.high_contrast
    assert not window.session.read_aloud.speaking


def test_read_aloud_speaks_the_page_and_marks_each_sentence(make_window, qtbot):
    window = make_window(settings=MOCK)
    button = window.reading_screen.read_aloud_button
    click(window.start_screen.section_buttons[1])
    assert button.isVisible()
    slide = window.reading_screen.slide
    marked = []
    window.session.read_aloud.sentence_started.connect(
        lambda start, end: marked.append(slide._highlight)
    )
    with qtbot.waitSignal(window.session.read_aloud.stopped, timeout=10000):
        click(button)
        assert window.session.read_aloud.speaking
        assert button.text() == words.stop_reading_button()
    page = window.session.layout.sections[1].page_text_range(0)
    highlights = [mark for mark in marked if mark is not None]
    assert len(highlights) >= 3
    assert all(page[0] <= start < end <= page[1] for start, end in highlights)
    assert slide._highlight is None


def test_speech_stops_on_page_change_and_home(make_window):
    window = make_window(settings=MOCK)
    click(window.start_screen.section_buttons[1])
    click(window.reading_screen.read_aloud_button)
    assert window.session.read_aloud.speaking
    click(window.reading_screen.next_button)
    assert not window.session.read_aloud.speaking
    assert window.reading_screen.slide._highlight is None
    click(window.reading_screen.read_aloud_button)
    click(window.reading_screen.home_button)
    assert not window.session.read_aloud.speaking


def test_no_speech_engine_means_no_button(make_window, caplog):
    with caplog.at_level(logging.INFO, logger="kiosk.speech"):
        window = make_window(settings=Settings(animations=False, speech_engine="nonexistent"))
    click(window.start_screen.start_button)
    assert not window.reading_screen.read_aloud_button.isVisible()
    assert "Read aloud is not offered: the speech engine 'nonexistent' is not installed" in (
        caplog.text
    )


def test_a_speech_module_that_cannot_load_means_no_button(make_window, monkeypatch, caplog):
    def broken() -> None:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr(speech, "_import_text_to_speech", broken)
    with caplog.at_level(logging.INFO, logger="kiosk.speech"):
        window = make_window(settings=MOCK)
    click(window.start_screen.start_button)
    assert not window.reading_screen.read_aloud_button.isVisible()
    assert "libpulse" in caplog.text
    assert caplog.text.count("Read aloud is not offered") == 1


def test_about_this_information_shows_only_what_the_article_says(tmp_path):
    text = (
        "---\ntitle: T\nlast_reviewed: 2026-03-01\nreviewed_by: Pain clinic team\n"
        "sources: NICE guideline NG193\n    NHS: Chronic pain\n---\n\nText.\n"
    )
    article = parse_article(text.encode(), tmp_path / "a.md")
    about = article.slides[-1]
    assert about.title == ABOUT_TITLE
    assert "Last reviewed: 2026-03-01" in about.text
    assert "Reviewed by: Pain clinic team" in about.text
    assert "NICE guideline NG193" in about.text
    assert "NHS: Chronic pain" in about.text
    assert "Next review" not in about.text  # absent, so left out


def test_the_bundled_article_invents_no_review_details(article):
    about = article.slides[-1]
    assert about.text == NO_REVIEW_DETAILS


def test_the_disclaimer_is_on_the_start_and_end_screens(make_window):
    window = make_window(settings=Settings(animations=False, disclaimer="Ask us anything."))
    assert window.start_screen.disclaimer_label.text() == "Ask us anything."
    assert window.start_screen.disclaimer_label.isVisible()
    window.session.go_to(Position(Screen.END))
    assert window.end_screen.disclaimer_label.isVisible()
    assert Settings().disclaimer == (
        "General information, not medical advice. Please ask your care team."
    )


def test_no_motion_at_all_without_animations(make_window, touchscreen, qtbot):
    window = make_window(
        settings=Settings(
            animations=False, idle_timeout=0.2, idle_warning=0.3, reading_speed_wpm=100_000
        )
    )
    ran = []
    for animation in window.findChildren(QVariantAnimation):
        animation.stateChanged.connect(
            lambda state, _old: (
                ran.append(state) if state == QAbstractAnimation.State.Running else None
            )
        )
    click(window.start_screen.start_button)
    click(window.reading_screen.next_button)
    click(window.reading_screen.back_button)
    start = window.reading_screen.slide.mapTo(window, QPoint(900, 300))
    touch_path(window, touchscreen, horizontal(start, -500))
    touch_path(window, touchscreen, horizontal(start, 60))
    click(window.reading_screen.larger_text_button)
    with qtbot.waitSignal(window.session.idle.expired, timeout=5000):
        pass
    assert ran == []


def test_a_hebrew_article_reads_right_to_left(make_window, touchscreen):
    hebrew = load_article(HEBREW)
    assert hebrew.right_to_left
    window = make_window(article=hebrew)
    for section in window.session.layout.sections:
        check_section(section, window.session.theme)
        assert section.body.defaultTextOption().textDirection().name == "RightToLeft"
    click(window.start_screen.start_button)
    footer = window.reading_screen
    assert footer.next_button.x() < footer.back_button.x(), "Next belongs on the left"
    # The next page is pulled in from the left: a swipe to the right.
    start = window.reading_screen.slide.mapTo(window, QPoint(700, 300))
    touch_path(window, touchscreen, horizontal(start, 500))
    assert window.session.position == reading(1, 0)
    touch_path(window, touchscreen, horizontal(start, -500))
    assert window.session.position == reading(0, 0)
    # Its words are drawn against the right edge of the column.
    image = window.reading_screen.slide.grab().toImage()
    column = window.session.theme.column_rect
    row = column.top() + window.session.layout.sections[0].body_top(0) + 20
    inked = [
        x
        for x in range(column.left(), column.right())
        if QColor(image.pixel(x, row)).lightness() < 100
    ]
    assert inked
    assert max(inked) > column.right() - 40
