"""Visible feedback (WCAG 1.4.11, 1.4.6): a press shows, progress shows, the idle card stands
out, and every word stays readable in every state, in both palettes.

The colour pairs are documented data (kiosk.theme.Palette); these tests check the list, that
the widgets draw from it, and what they really put on the screen, probed pixel by pixel.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage

from kiosk.theme import HIGH_CONTRAST, NORMAL, Palette, Theme, contrast_ratio
from kiosk.ui.widgets import BigButton, ProgressBar

from .helpers import reading

PALETTES = [pytest.param(False, id="normal"), pytest.param(True, id="high contrast")]


def palette_of(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def colour_at(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()


# The documented pairs


@pytest.mark.parametrize("high_contrast", PALETTES)
def test_every_word_reaches_7_to_1_in_every_state(high_contrast):
    palette = palette_of(high_contrast)
    pairs = palette.text_pairs()
    names = {what for what, _, _ in pairs}
    assert {"pressed primary button", "pressed secondary button"} <= names
    for what, foreground, background in pairs:
        assert contrast_ratio(foreground, background) >= 7, what


@pytest.mark.parametrize("high_contrast", PALETTES)
def test_everything_else_that_tells_something_reaches_3_to_1(high_contrast):
    palette = palette_of(high_contrast)
    pairs = palette.non_text_pairs()
    for what, colour, beside in pairs:
        assert contrast_ratio(colour, beside) >= 3, f"{what}: {colour} beside {beside}"
    names = " / ".join(what for what, _, _ in pairs)
    for part in ("pressed primary", "pressed secondary", "progress", "track", "idle card"):
        assert part in names


@pytest.mark.parametrize("high_contrast", PALETTES)
def test_buttons_draw_only_documented_pairs(qapp, high_contrast):
    """Whatever state a button is in, its words and face are a pair the palette lists, and
    its pressed face stands 3:1 from its resting one."""
    theme = Theme(1920, 1080, high_contrast=high_contrast)
    palette = theme.palette
    text_pairs = {(foreground, background) for _, foreground, background in palette.text_pairs()}
    for primary in (False, True):
        button = BigButton("Next", theme, primary=primary)
        resting_face, resting_ink = button.colours()
        button.setDown(True)
        pressed_face, pressed_ink = button.colours()
        assert (resting_ink, resting_face) in text_pairs
        assert (pressed_ink, pressed_face) in text_pairs
        assert contrast_ratio(pressed_face, resting_face) >= 3, f"primary={primary}"
        button.deleteLater()


# What is really drawn


def grab(widget) -> QImage:
    return widget.grab().toImage()


def ink_in(image: QImage, area: QRect, face: str) -> str:
    """The colour in `area` that differs most from `face`: the solid inside of the letters."""
    best, best_ratio = face, 1.0
    for y in range(area.top(), area.bottom(), 2):
        for x in range(area.left(), area.right(), 2):
            colour = colour_at(image, x, y)
            ratio = contrast_ratio(colour, face)
            if ratio > best_ratio:
                best, best_ratio = colour, ratio
    return best


@pytest.mark.parametrize("high_contrast", PALETTES)
@pytest.mark.parametrize(
    "kind", ["secondary", "primary", "switched on"], ids=["secondary", "primary", "switched on"]
)
def test_a_pressed_button_looks_different_and_stays_readable(qtbot, high_contrast, kind):
    theme = Theme(1920, 1080, high_contrast=high_contrast)
    palette = theme.palette
    button = BigButton("Start again", theme, primary=kind == "primary")
    qtbot.addWidget(button)
    if kind == "switched on":
        button.setCheckable(True)
        button.setChecked(True)
    button.resize(QSize(theme.px(520), theme.button_height))
    # Beside the words, inside the border and clear of the rounded corners.
    face_at = QPoint(theme.border_width * 3, button.height() // 2)
    words = QRect(
        button.width() // 4, button.height() // 4, button.width() // 2, button.height() // 2
    )

    resting = grab(button)
    button.setDown(True)
    pressed = grab(button)

    resting_face = colour_at(resting, face_at.x(), face_at.y())
    pressed_face = colour_at(pressed, face_at.x(), face_at.y())
    assert contrast_ratio(resting_face, pressed_face) >= 3, (resting_face, pressed_face)
    for image, face in ((resting, resting_face), (pressed, pressed_face)):
        assert contrast_ratio(ink_in(image, words, face), face) >= 7
    # The edge, in the accent, stands out from the screen behind the button either way.
    edge = colour_at(pressed, theme.border_width // 2, button.height() // 2)
    assert edge == palette.accent
    assert contrast_ratio(edge, palette.background) >= 3
    assert contrast_ratio(edge, palette.card) >= 3


@pytest.mark.parametrize("high_contrast", PALETTES)
def test_progress_stands_out_from_its_track_and_the_track_from_the_screen(qtbot, high_contrast):
    theme = Theme(1920, 1080, high_contrast=high_contrast)
    palette = theme.palette
    bar = ProgressBar(theme)
    qtbot.addWidget(bar)
    bar.resize(800, theme.progress_bar_height)
    bar.set_fraction(0.5)
    image = grab(bar)
    middle = bar.height() // 2
    done = colour_at(image, 200, middle)
    to_go = colour_at(image, 600, middle)
    assert contrast_ratio(done, to_go) >= 3, (done, to_go)
    assert contrast_ratio(to_go, palette.background) >= 3, to_go


@pytest.mark.parametrize("high_contrast", PALETTES)
def test_the_idle_card_stands_out_from_the_dimmed_screen(make_window, high_contrast):
    window = make_window()
    window.session.go_to(reading(0, 0))
    if high_contrast:
        window.session.toggle_contrast()
    overlay = window.idle_overlay
    overlay.start(20)
    image = grab(window)
    card = overlay.card_rect()
    y = card.center().y()
    for outside, edge in (
        (card.left() - 4, card.left() + 1),
        (card.right() + 4, card.right() - 1),
    ):
        dimmed = colour_at(image, outside, y)
        rim = colour_at(image, edge, y)
        assert contrast_ratio(rim, dimmed) >= 3, (rim, dimmed)
