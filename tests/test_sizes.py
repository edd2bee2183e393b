"""Sizes by the eye: text and touch targets from the panel's physical size and the viewing
distance (kiosk.theme), on the panels clinics buy, 7" to 55"."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QSize, QSizeF
from PySide6.QtGui import QFontMetricsF

from kiosk.theme import (
    CAP_HEIGHT_RATIO,
    MINIMUM_GAP_MM,
    MINIMUM_TOUCH_MM,
    Theme,
    load_bundled_fonts,
    panel_density,
)

# (name, pixels, diagonal in inches): the panels of the issue, landscape and portrait.
PANELS = [
    ('7" 800x480', QSize(800, 480), 7.0),
    ('10" 1280x800', QSize(1280, 800), 10.1),
    ('10" 800x1280 portrait', QSize(800, 1280), 10.1),
    ('21.5" 1920x1080', QSize(1920, 1080), 21.5),
    ('21.5" 1080x1920 portrait', QSize(1080, 1920), 21.5),
    ('55" 3840x2160', QSize(3840, 2160), 55.0),
]


def theme_for(pixels: QSize, diagonal: float, distance_cm: float = 60) -> Theme:
    density = panel_density(pixels, None, diagonal)
    assert density is not None
    return Theme.for_size(pixels, density.pixels_per_mm, distance_cm)


def test_the_capital_height_ratio_is_the_bundled_fonts(qapp):
    assert load_bundled_fonts()
    font = Theme(1920, 1080).font(200)
    assert QFontMetricsF(font).capHeight() / 200 == pytest.approx(CAP_HEIGHT_RATIO, abs=0.002)


@pytest.mark.parametrize(
    ("name", "pixels", "diagonal"),
    PANELS,
    ids=[panel[0] for panel in PANELS],
)
def test_standard_capitals_fill_at_least_0_7_degrees_on_every_panel(name, pixels, diagonal):
    theme = theme_for(pixels, diagonal)
    degrees = theme.degrees(theme.body_cap_px)
    assert degrees is not None
    assert degrees >= 0.7, (name, degrees)


@pytest.mark.parametrize(
    ("name", "pixels", "diagonal"),
    PANELS,
    ids=[panel[0] for panel in PANELS],
)
def test_touch_targets_and_gaps_are_large_enough_on_every_panel(name, pixels, diagonal):
    theme = theme_for(pixels, diagonal)
    assert theme.mm(theme.touch_target_min) >= MINIMUM_TOUCH_MM, name
    assert theme.mm(theme.gap) >= MINIMUM_GAP_MM, name
    # Never below 88 px in 1080p terms, whatever the panel says.
    assert theme.touch_target_min >= 88 * min(pixels.width(), pixels.height()) / 1080 - 0.5


def test_a_7_inch_panel_gets_text_three_times_what_its_pixels_would_give():
    small = theme_for(QSize(800, 480), 7.0)
    by_pixels_only = Theme.for_size(QSize(800, 480))
    assert by_pixels_only.body_px == 20  # what was seen: capitals 2.5 mm high
    assert small.body_px >= 56
    assert small.mm(small.body_cap_px) >= 7.3


def test_farther_away_means_larger_text():
    near = theme_for(QSize(1920, 1080), 21.5, 60)
    far = theme_for(QSize(1920, 1080), 21.5, 120)
    assert far.body_px >= 2 * near.body_px - 2
    assert far.degrees(far.body_cap_px) == pytest.approx(near.degrees(near.body_cap_px), 0.05)


def test_a_large_panel_keeps_its_layout_rather_than_shrinking_text():
    """A 55" 4K panel is read by its pixels (twice the reference): text bigger than the floor."""
    wall = theme_for(QSize(3840, 2160), 55.0)
    assert wall.scale == wall.pixel_scale == 2.0
    assert wall.degrees(wall.body_cap_px) > 0.7


def test_an_unknown_panel_size_leaves_sizes_to_the_pixels():
    theme = Theme.for_size(QSize(1920, 1080))
    assert theme.eye_scale == 0
    assert theme.scale == 1.0
    assert theme.mm(100) is None
    assert theme.degrees(100) is None


@pytest.mark.parametrize(
    ("physical", "believed"),
    [
        (QSizeF(476, 268), True),  # a 21.5" panel's own EDID size
        (QSizeF(160, 90), False),  # EDID's aspect ratio only, not a size
        (QSizeF(160, 100), False),
        (QSizeF(0, 0), False),  # no size reported
        (QSizeF(30, 17), False),  # 1.4": a driver's guess
        (QSizeF(4000, 2250), False),  # 180": another
        (QSizeF(476, 476), False),  # square millimetres for 16:9 pixels
    ],
)
def test_a_reported_panel_size_is_used_only_when_believable(physical, believed):
    density = panel_density(QSize(1920, 1080), physical)
    assert (density is not None) is believed
    if density is not None:
        assert density.source == "panel"
        assert density.diagonal_inches == pytest.approx(21.5, abs=0.2)
        assert density.pixels_per_mm == pytest.approx(1920 / 476, rel=0.01)


def test_a_configured_diagonal_wins_over_the_panel():
    density = panel_density(QSize(1920, 1080), QSizeF(160, 90), 32.0)
    assert density is not None
    assert density.source == "setting"
    assert density.pixels_per_mm == pytest.approx(math.hypot(1920, 1080) / (32 * 25.4))


def test_a_small_panel_gets_the_compact_layouts_and_the_reference_panel_does_not():
    assert theme_for(QSize(800, 480), 7.0).compact
    assert theme_for(QSize(1280, 800), 10.1).compact
    assert not theme_for(QSize(1920, 1080), 21.5).compact
    assert not theme_for(QSize(1080, 1920), 21.5).compact
    assert not theme_for(QSize(3840, 2160), 55.0).compact


def test_a_panel_too_small_for_the_distance_keeps_a_canvas_its_screens_fit_and_says_so():
    """A 7" panel read from 2 m would need capitals 24 mm high: more than its screens can hold.
    Sizes stop at the smallest canvas the screens are laid out for, and the theme says the
    eye is not served (kiosk check warns)."""
    far = theme_for(QSize(800, 480), 7.0, 200)
    assert far.eye_limited
    assert min(far.canvas.width(), far.canvas.height()) == pytest.approx(360, abs=0.5)
    assert not theme_for(QSize(800, 480), 7.0, 60).eye_limited
