"""What a patient sees and what each button does, on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton

from kiosk import words
from kiosk.config import Settings
from kiosk.navigation import END, START
from kiosk.theme import MINIMUM_GAP_PX, MINIMUM_TOUCH_PX, Palette, TextSize, contrast_ratio

from .conftest import SIZES
from .helpers import click, reading


def test_start_screen_shows_title_summary_start_and_every_section(make_window, article):
    window = make_window()
    start = window.start_screen
    assert window.current_screen() is start
    assert start.title_label.text() == article.title
    assert start.summary_label.text() == article.summary
    assert start.start_button.text() == words.start_button()
    assert start.start_button.isVisible()
    labels = [button.text() for button in start.section_buttons]
    assert len(labels) == 5
    for label, section in zip(labels, article.slides, strict=True):
        assert section.title in label


def test_tap_to_start_opens_the_first_page(make_window):
    window = make_window()
    click(window.start_screen.start_button)
    assert window.session.position == reading(0, 0)
    assert window.current_screen() is window.reading_screen
    assert window.reading_screen.position_label.text() == "Part 1 of 5 \N{MIDDLE DOT} Page 1 of 1"


def test_a_section_button_jumps_straight_to_that_section(make_window):
    window = make_window()
    click(window.start_screen.section_buttons[2])
    assert window.session.position == reading(2, 0)
    assert window.reading_screen.position_label.text().startswith("Part 3 of 5")


def test_next_walks_every_page_to_the_end_screen_and_back(make_window):
    window = make_window()
    click(window.start_screen.start_button)
    counts = window.session.page_counts
    visited = [window.session.position]
    for _ in range(sum(counts) - 1):
        click(window.reading_screen.next_button)
        visited.append(window.session.position)
    assert visited == [reading(s, p) for s, n in enumerate(counts) for p in range(n)]
    bar = window.reading_screen.progress_bar
    assert bar.fraction == pytest.approx(1.0)
    click(window.reading_screen.next_button)
    assert window.session.position == END
    assert window.current_screen() is window.end_screen
    click(window.end_screen.back_button)
    assert window.session.position == visited[-1]
    click(window.reading_screen.next_button)
    click(window.end_screen.start_again_button)
    assert window.session.position == START
    assert window.current_screen() is window.start_screen


def test_back_from_the_first_page_and_home_return_to_the_start(make_window):
    window = make_window()
    click(window.start_screen.start_button)
    click(window.reading_screen.back_button)
    assert window.session.position == START
    click(window.start_screen.section_buttons[3])
    click(window.reading_screen.home_button)
    assert window.session.position == START


def test_progress_bar_and_position_follow_the_page(make_window):
    window = make_window()
    click(window.start_screen.section_buttons[1])
    counts = window.session.page_counts
    assert counts[1] == 2, "at 1920x1080 the second section takes two pages"
    click(window.reading_screen.next_button)
    assert window.reading_screen.position_label.text() == "Part 2 of 5 \N{MIDDLE DOT} Page 2 of 2"
    assert window.reading_screen.progress_bar.fraction == pytest.approx(3 / sum(counts))


def touch_targets(window):
    start, reading_screen, end = window.start_screen, window.reading_screen, window.end_screen
    return {
        "start": [
            start.start_button,
            start.smaller_button,
            start.larger_button,
            start.contrast_button,
            # The list's page shown, and its arrows (tests/test_start_screen.py pages through).
            *start.sections.shown_buttons(),
            *(
                button
                for button in (start.sections.previous_button, start.sections.more_button)
                if button.isVisible()
            ),
        ],
        "reading": [
            reading_screen.back_button,
            reading_screen.home_button,
            reading_screen.next_button,
            reading_screen.smaller_text_button,
            reading_screen.larger_text_button,
            reading_screen.contrast_button,
            reading_screen.read_aloud_button,
            reading_screen.sound_button,
        ],
        "end": [end.back_button, end.start_again_button],
    }


@pytest.mark.parametrize("size_name", list(SIZES))
def test_every_touch_target_is_big_and_apart(make_window, size_name):
    window = make_window(
        SIZES[size_name], settings=Settings(animations=False, speech_engine="mock")
    )
    scale = window.session.theme.scale
    for position, screen in ((START, "start"), (reading(1, 0), "reading"), (END, "end")):
        window.session.go_to(position)
        buttons = touch_targets(window)[screen]
        rects = []
        for button in buttons:
            assert button.isVisible()
            rect = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
            name = button.accessibleName()
            assert rect.width() >= MINIMUM_TOUCH_PX * scale - 1, name
            assert rect.height() >= MINIMUM_TOUCH_PX * scale - 1, name
            assert window.rect().contains(rect), f"{name} is off screen"
            rects.append((button.accessibleName(), rect))
        for index, (name, rect) in enumerate(rects):
            for other_name, other in rects[index + 1 :]:
                grown = rect.adjusted(
                    *(round(d * MINIMUM_GAP_PX * scale) - 1 for d in (-1, -1, 1, 1))
                )
                assert not grown.intersects(other), f"{name} is too close to {other_name}"


def test_every_text_colour_has_at_least_7_to_1_contrast():
    for what, foreground, background in Palette().text_pairs():
        assert contrast_ratio(foreground, background) >= 7, what


def test_contrast_formula_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_idle_overlay_words(make_window):
    window = make_window()
    window.session.go_to(reading(0, 0))
    window.idle_overlay.start(30)
    assert window.idle_overlay.isVisible()
    assert words.idle_question() in window.idle_overlay.message
    assert words.idle_instruction() in window.idle_overlay.message
    assert "30 seconds" in window.idle_overlay.message


def test_window_adapts_to_a_new_screen_size_and_keeps_the_reader_in_place(make_window, qtbot):
    window = make_window()
    click(window.start_screen.section_buttons[3])
    window.resize(SIZES["portrait"])
    qtbot.waitUntil(lambda: window.session.theme.height == 1920)
    assert window.session.position == reading(3, 0)
    # The pages were measured for exactly the area the slide gets once the layout settles.
    slide = window.reading_screen.slide
    qtbot.waitUntil(lambda: slide.size() == window.session.theme.slide_size)


@pytest.mark.parametrize(
    ("size", "rows"),
    [
        (QSize(1920, 1080), 1),
        (QSize(1920, 1200), 1),
        (QSize(1080, 1920), 2),
        (QSize(3840, 2160), 1),
    ],
    ids=["1920x1080", "1920x1200", "1080x1920", "3840x2160"],
)
def test_sound_sits_beside_read_aloud_and_its_word_fits_at_every_text_size(
    make_window, qtbot, size, rows
):
    window = make_window(size)
    session, screen = window.session, window.reading_screen
    session.go_to(reading(1, 0))
    slide = screen.slide
    for _ in range(len(list(TextSize))):
        qtbot.waitUntil(lambda: slide.size() == session.theme.slide_size)
        assert screen.controls_theme.header_rows == rows, session.theme.text_size
        sound, read_aloud = screen.sound_button, screen.read_aloud_button
        assert sound.isVisible()
        assert sound.heightForWidth(sound.width()) <= sound.height(), "its word wraps"
        assert sound.y() == read_aloud.y(), "beside Read aloud, on its row"
        apart = sound.x() - read_aloud.x() - read_aloud.width()
        assert apart >= screen.controls_theme.gap - 1
        header = QRect(screen.header.mapTo(window, QPoint(0, 0)), screen.header.size())
        assert header.contains(QRect(sound.mapTo(window, QPoint(0, 0)), sound.size()))
        session.larger_text()


def test_sound_opens_read_alouds_volume_and_speed_and_close_puts_the_page_back(make_window):
    window = make_window()
    screen = window.reading_screen
    window.session.go_to(reading(1, 0))
    click(screen.sound_button)
    sheet = screen.sheet
    shown = {
        button.accessibleName()
        for button in sheet.card.findChildren(QAbstractButton)
        if button.isVisible()
    }
    assert shown == {
        words.read_aloud_button(),
        words.quieter_spoken(),
        words.louder_spoken(),
        words.slower_spoken(),
        words.faster_spoken(),
        words.close_button(),
    }
    assert sheet.volume_label.text() == words.volume_label(window.session.speech_volume)
    click(sheet.close_button)
    assert not sheet.isVisible()
    assert window.session.position == reading(1, 0)
