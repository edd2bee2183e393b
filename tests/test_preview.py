"""`kiosk preview` at any of the patient's choices: a text size (a percentage or a name) and
normal colours or high contrast."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from kiosk.config import Settings
from kiosk.preview import parse_text_size, render_previews, text_size_percent
from kiosk.text_layout import ArticleLayout
from kiosk.theme import HIGH_CONTRAST, NORMAL, TextSize, Theme

from .conftest import ROOT

SIZE = QSize(1920, 1080)


def nearest(percent: int) -> TextSize:
    """The text size step nearest `percent` (the steps themselves are kiosk.theme's)."""
    return min(TextSize, key=lambda size: abs(text_size_percent(size) - percent))


def test_standard_is_100_percent_and_the_steps_grow():
    percents = [text_size_percent(size) for size in TextSize]
    assert percents[0] == 100
    assert percents == sorted(percents)
    assert percents[-1] <= 200


@pytest.mark.parametrize("size", list(TextSize), ids=lambda size: size.name)
def test_a_text_size_is_a_percentage_or_a_name(size):
    percent = text_size_percent(size)
    assert parse_text_size(str(percent)) is size
    assert parse_text_size(f"{percent}%") is size
    assert parse_text_size(f" {percent} % ") is size
    assert parse_text_size(size.name) is size
    assert parse_text_size(size.name.lower().replace("_", "-")) is size
    assert parse_text_size(size.name.title().replace("_", " ")) is size


@pytest.mark.parametrize("wrong", ["151", "0", "huge", "", "-100"])
def test_a_text_size_the_kiosk_lacks_is_refused_with_the_choices(wrong):
    with pytest.raises(ValueError, match="text size") as refused:
        parse_text_size(wrong)
    message = str(refused.value)
    for size in TextSize:
        assert str(text_size_percent(size)) in message
        assert size.name.lower().replace("_", "-") in message


def background_at_margin(path) -> str:
    image = QImage(str(path))
    return QColor(image.pixel(8, image.height() // 2)).name()


def test_preview_renders_a_150_percent_high_contrast_page(qapp, article, tmp_path):
    size = nearest(150)
    settings = Settings(animations=False, speech_engine="mock")
    written = render_previews(
        article,
        settings,
        tmp_path / "large",
        SIZE,
        text_size=str(text_size_percent(size)),
        high_contrast=True,
    )
    pages = [path for path in written if "-section" in path.name]
    expected = ArticleLayout(article, Theme(SIZE.width(), SIZE.height(), text_size=size))
    assert len(pages) == sum(expected.page_counts)
    standard = ArticleLayout(article, Theme(SIZE.width(), SIZE.height())).page_counts
    assert len(pages) > sum(standard), "the text did not grow"
    for path in written:
        assert background_at_margin(path) == HIGH_CONTRAST.background, path.name
    first = QImage(str(pages[0]))
    assert (first.width(), first.height()) == (SIZE.width(), SIZE.height())


def test_preview_by_default_renders_standard_text_in_normal_colours(qapp, article, tmp_path):
    settings = Settings(animations=False, speech_engine="mock")
    written = render_previews(article, settings, tmp_path / "plain", SIZE)
    pages = [path for path in written if "-section" in path.name]
    standard = ArticleLayout(article, Theme(SIZE.width(), SIZE.height())).page_counts
    assert len(pages) == sum(standard)
    assert background_at_margin(pages[0]) == NORMAL.background


def test_preview_takes_a_text_size_by_name_too(qapp, article, tmp_path):
    largest = list(TextSize)[-1]
    settings = Settings(animations=False, speech_engine="mock")
    written = render_previews(
        article, settings, tmp_path / "named", SIZE, text_size=largest.name.lower()
    )
    pages = [path for path in written if "-section" in path.name]
    expected = ArticleLayout(article, Theme(SIZE.width(), SIZE.height(), text_size=largest))
    assert len(pages) == sum(expected.page_counts)
    assert background_at_margin(pages[0]) == NORMAL.background


def test_a_text_size_the_panel_does_not_offer_is_a_clear_error(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "preview",
            "--out",
            str(tmp_path),
            "--size",
            "800x480",
            "--screen-diagonal-inches",
            "7",
            "--text-size",
            "200",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 2
    assert "this panel offers text sizes up to 100 % of Standard" in done.stderr
    assert "Traceback" not in done.stderr
