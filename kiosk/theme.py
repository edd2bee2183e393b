"""Colours, fonts and sizes, derived from the screen: the one place a pixel size is decided.

Sizes follow the eye, not pixels. Every size is given for the reference screen (21.5", 1920x1080,
read from 60 cm: Standard body text 44 px) and multiplied by one scale, the larger of two:

- the shorter side of the window over 1080, so a layout fills a large panel as it fills the
  reference one, and a 1080x1920 portrait panel (the same panel, turned) matches the landscape;
- the eye's: what makes Standard body text's capitals 0.7 degrees of view at the viewing
  distance (EN 301 549 5.1.4), from the panel's pixels per millimetre. On a 7" 800x480 panel
  that is 1.3 (body text 58 px) where the pixels alone would give 0.44 (20 px, a third of the
  floor). Touch targets (88 px at the reference) then measure at least 21 mm, gaps 4 mm.

When the panel's size is unknown (see `panel_density`) only the first applies; `kiosk check`
says so. Widgets take every size and colour from here.

The patient's text size (`TextSize`, 100 to 200 %) grows the article, and the reading screen's
header and footer (`Theme.bars`) with it, as far as a page keeps room for its heading and
MINIMUM_PAGE_LINES lines: past that the bars go slim rather than take the page's room.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QRect, QSize, QSizeF
from PySide6.QtGui import QFont, QFontDatabase

from kiosk.paths import assets_dir

log = logging.getLogger(__name__)

REFERENCE_HEIGHT = 1080
VIEWING_DISTANCE_CM = 60  # a patient seated or standing at arm's length
CAP_ANGLE_DEGREES = 0.7  # EN 301 549 5.1.4: capitals of body text, seen from the reader's eye
# Height of Atkinson Hyperlegible's capitals as a share of its pixel size (tests/test_sizes.py
# measures it from the bundled font).
CAP_HEIGHT_RATIO = 0.668
MINIMUM_TOUCH_MM = 15.0
MINIMUM_GAP_MM = 4.0
# The smallest canvas, in reference px, the screens are laid out for: the eye's scale stops
# where a panel would be smaller than this (a 7" 800x480 panel at 60 cm is 611x366).
SMALLEST_CANVAS_SHORT_SIDE = 360
SMALLEST_CANVAS_LONG_SIDE = 600
# Below this many reference px on its shorter side, a canvas gets the compact layouts (a 10"
# 1280x800 panel at 60 cm is 865x540; the 21.5" reference 1920x1080).
COMPACT_SHORT_SIDE = 900
MM_PER_INCH = 25.4

# Sizes at 1080 px (see DESIGN.md: body >= 40 px, heading >= 64 px, targets >= 88 px).
BODY_PX = 44
MINIMUM_BODY_PX = 40
HEADING_PX = 64
TITLE_PX = 80
LINE_HEIGHT = 1.5  # >= 1.5 x font size, WCAG 1.4.8
MINIMUM_TOUCH_PX = 88
MINIMUM_GAP_PX = 17  # 4 mm at the eye's scale of the reference panel
MARGIN_PX = 56
STAFF_CORNER_PX = 120
# A slide heading's line pitch, as kiosk.text_layout sets it (tests/test_text_size.py).
HEADING_LINE_HEIGHT = 1.2
# A button's one line of words: the bundled font's bold line spacing (1.24) rounded up.
LABEL_LINE_HEIGHT = 1.25

# The reading screen's header and footer (`Theme.bars`). A page keeps room for its heading and
# this many lines of text at every text size (on a 1920x1080 panel, and any of its shape);
# the bars' words and buttons grow with the text up to MAXIMUM_BAR_ZOOM, as far as that allows.
MINIMUM_PAGE_LINES = 5
MAXIMUM_BAR_ZOOM = 1.5
BAR_ZOOM_STEP = 0.05
# How wide the header's words and buttons are at zoom 1, in reference px, gaps included, as the
# bundled font sets the English words (tests/test_text_size.py measures them): all in one row,
# and the wider of two rows where one does not fit. The screen shrinks its words towards zoom 1
# if a translation is wider than this. (Read aloud's Sound button beside it takes 164 of them.)
HEADER_ONE_ROW_PX = 1508
HEADER_TWO_ROWS_PX = 730
# The footer's Back, position and Next in one row, the same way: where they do not fit, the
# position goes above the buttons (as in portrait).
FOOTER_ONE_ROW_PX = 1100
# A button that does nothing now: the accent this much over the background (3:1 or more).
DISABLED_OPACITY = 0.6
# Every page of the reading screen holds at least this many lines of text below its one-line
# title (a section's later pages): a text size that would leave fewer is not offered.
MINIMUM_READABLE_LINES = 3
# Beside the reading screen's text on a compact canvas, in reference px: there the panel's
# width goes to the words, and the margins are too narrow for edge taps.
COMPACT_PAGE_MARGIN_PX = 24
# A margin beside the text turns the page when tapped only if it is at least this wide: a
# fingertip's pad (about 10 mm), and this share of a touch target. A narrower strip is hit more
# often by a finger meant for the first letters of a line than by one aimed at it, and Back,
# Next and swipes do the same.
MINIMUM_EDGE_ZONE_MM = 10.0
EDGE_ZONE_TARGET_SHARE = 0.6

# Atkinson Hyperlegible (Braille Institute, made for low vision) is bundled; the others are
# fallbacks, also for letters it lacks (Hebrew, Arabic), and then the system's sans-serif.
BUNDLED_FAMILY = "Atkinson Hyperlegible"
FONT_FAMILIES = [BUNDLED_FAMILY, "DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial"]
_fonts_loaded: bool | None = None


def load_bundled_fonts(folder: Path | None = None) -> bool:
    """Make the bundled font available to Qt, once. False (logged once) if it cannot load."""
    global _fonts_loaded
    folder = folder or assets_dir() / "fonts"
    if _fonts_loaded is not None:
        return _fonts_loaded
    families: set[str] = set()
    for path in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    _fonts_loaded = BUNDLED_FAMILY in families
    if not _fonts_loaded:
        log.warning(
            "The bundled font %s could not be loaded from %s; using the system's sans-serif font",
            BUNDLED_FAMILY,
            folder,
        )
    return _fonts_loaded


# Sizes some panels report that are not sizes: EDID may carry only the aspect ratio (16:9 as
# 160x90, 16:10 as 160x100), and some drivers make 16x9 mm up, so a 55" television would be
# taken for a 7" panel and get text five times too large.
_ASPECT_ONLY_MM = {(160, 90), (160, 100), (16, 9), (16, 10), (4, 3), (160, 120)}
# A size outside this range (diagonal, inches) is a driver's guess, not a panel.
PLAUSIBLE_DIAGONAL_INCHES = (3.0, 120.0)


@dataclass(frozen=True)
class PanelDensity:
    """Logical pixels per millimetre on the panel, and where that figure came from."""

    pixels_per_mm: float
    diagonal_inches: float
    source: str  # "setting" (screen_diagonal_inches) or "panel" (what the panel reports)


def panel_density(
    pixels: QSize, physical_mm: QSizeF | None, diagonal_inches: float = 0.0
) -> PanelDensity | None:
    """The density of a panel `pixels` in size: from a configured diagonal when one is given,
    else from the physical size the panel reports, when that is believable; None if neither."""
    pixel_diagonal = math.hypot(pixels.width(), pixels.height())
    if pixel_diagonal <= 0:
        return None
    if diagonal_inches > 0:
        return PanelDensity(
            pixel_diagonal / (diagonal_inches * MM_PER_INCH), diagonal_inches, "setting"
        )
    if physical_mm is None or physical_mm.width() <= 0 or physical_mm.height() <= 0:
        return None
    width_mm, height_mm = physical_mm.width(), physical_mm.height()
    if (round(width_mm), round(height_mm)) in _ASPECT_ONLY_MM or (
        round(height_mm),
        round(width_mm),
    ) in _ASPECT_ONLY_MM:
        return None
    diagonal = math.hypot(width_mm, height_mm) / MM_PER_INCH
    low, high = PLAUSIBLE_DIAGONAL_INCHES
    if not low <= diagonal <= high:
        return None
    # Square pixels: a reported shape far from the pixels' shape is made up too.
    if abs(math.log((width_mm / height_mm) / (pixels.width() / pixels.height()))) > 0.15:
        return None
    return PanelDensity(pixel_diagonal / (diagonal * MM_PER_INCH), diagonal, "panel")


class TextSize(Enum):
    """The patient's text size: a percentage of Standard, up to 200 % (WCAG 1.4.4). The patient
    goes a step at a time with the reading screen's "-" and "+"; the steps end at both ends
    (never round from the largest to the smallest)."""

    STANDARD = 100
    LARGE = 125
    LARGER = 150
    EXTRA_LARGE = 175
    LARGEST = 200

    @property
    def factor(self) -> float:
        """How many times Standard."""
        return self.value / 100

    def larger(self) -> TextSize | None:
        """The next step up; None at the largest."""
        sizes = list(TextSize)
        index = sizes.index(self) + 1
        return sizes[index] if index < len(sizes) else None

    def smaller(self) -> TextSize | None:
        """The next step down; None at Standard."""
        sizes = list(TextSize)
        index = sizes.index(self) - 1
        return sizes[index] if index >= 0 else None


@dataclass(frozen=True)
class Palette:
    """Colours as '#rrggbb'. Every text colour reaches at least 7:1 on its background
    (`text_pairs`); everything else that tells the patient something, at least 3:1 against
    what it sits on (`non_text_pairs`, WCAG 1.4.11): a button's edge, a press, progress, the
    idle card. tests/test_feedback.py checks both lists, and rendered buttons.

    A press turns a button over, so that a finger (and a shaky one) sees at once that it
    landed: a white button fills with the accent and its words turn white; an accent button
    turns pale and its words take the accent.
    """

    background: str = "#fbf8f3"  # warm off-white: calmer than pure white on a bright panel
    text: str = "#1b1b1b"
    muted_text: str = "#3b3b3b"  # secondary words (summary, position)
    # Primary buttons, button edges, progress. Deep enough that a mid-grey track can stand
    # 3:1 from both it and the background.
    accent: str = "#10375e"
    on_accent: str = "#ffffff"
    button_face: str = "#ffffff"
    pressed_primary: str = "#dde6ef"  # a primary (or switched-on) button while pressed
    on_pressed_primary: str = "#10375e"
    pressed_secondary: str = "#10375e"  # a white button while pressed
    on_pressed_secondary: str = "#ffffff"
    rule: str = "#c9c2b5"  # dividers: decoration, not information
    track: str = "#888785"  # the part of the progress bar and countdown ring not yet filled
    scrim: str = "#000000"  # behind the idle warning, drawn at scrim_opacity
    scrim_opacity: float = 0.6
    card: str = "#ffffff"  # the idle card, the PIN pad, the staff screen
    card_edge: str = "#ffffff"  # the idle card's outline against the dimmed screen
    # A table shown as a grid (kiosk.text_layout): every other row's band, and the rules that
    # part its rows. The band never lowers the words' contrast below body text's on the page
    # (here it is lighter; in high contrast it is the background, and the rules carry the rows);
    # the rules stand 3:1 from the page and the band, so an eye can follow a row across.
    table_stripe: str = "#ffffff"
    table_rule: str = "#958e82"

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every place text is drawn."""
        return [
            ("body text", self.text, self.background),
            ("secondary text", self.muted_text, self.background),
            ("primary button", self.on_accent, self.accent),
            ("pressed primary button", self.on_pressed_primary, self.pressed_primary),
            ("secondary button", self.accent, self.button_face),
            ("pressed secondary button", self.on_pressed_secondary, self.pressed_secondary),
            ("idle warning", self.text, self.card),
            ("idle countdown", self.accent, self.card),
            ("staff screen and PIN pad", self.text, self.card),
        ]

    def non_text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, colour, the colour beside it) for every part that is not words but tells
        something: each must reach 3:1."""
        pairs = [
            ("button edge on a screen", self.accent, self.background),
            ("button edge on a card", self.accent, self.card),
            ("primary button on a screen", self.accent, self.background),
            ("pressed primary button against its resting face", self.pressed_primary, self.accent),
            (
                "pressed secondary button against its resting face",
                self.pressed_secondary,
                self.button_face,
            ),
            ("switched-on button against switched-off", self.accent, self.button_face),
            (
                "hold button's bar on the pressed button",
                self.on_pressed_primary,
                self.pressed_primary,
            ),
            ("progress against its track", self.accent, self.track),
            ("progress track against the screen", self.track, self.background),
            ("countdown ring against its track", self.accent, self.track),
            ("countdown ring's track against the idle card", self.track, self.card),
        ]
        # The idle card's edge against whatever the scrim dims beneath it: any colour here.
        for name, colour in vars(self).items():
            if isinstance(colour, str) and name not in ("scrim", "card_edge"):
                dimmed = blend(self.scrim, colour, self.scrim_opacity)
                pairs.append((f"idle card's edge against dimmed {name}", self.card_edge, dimmed))
        return pairs


NORMAL = Palette()
# White on black with yellow controls: the usual high-contrast scheme for low vision.
HIGH_CONTRAST = Palette(
    background="#000000",
    text="#ffffff",
    muted_text="#e8e8e8",
    accent="#ffd23f",
    on_accent="#000000",
    button_face="#000000",
    pressed_primary="#2e2e2e",
    on_pressed_primary="#ffd23f",
    pressed_secondary="#ffd23f",
    on_pressed_secondary="#000000",
    rule="#9a9a9a",
    track="#6f6f6f",
    scrim="#000000",
    card="#1a1a1a",
    # The dark card would all but vanish into the dimmed black screen without an outline.
    card_edge="#ffffff",
    # Any band but black would dim the white words: the rules alone part the rows.
    table_stripe="#000000",
    table_rule="#9a9a9a",
)


def blend(top: str, bottom: str, opacity: float) -> str:
    """The '#rrggbb' seen where `top` is drawn at `opacity` over `bottom`."""
    channels = (
        round(
            int(top[index : index + 2], 16) * opacity
            + int(bottom[index : index + 2], 16) * (1 - opacity)
        )
        for index in (1, 3, 5)
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = []
    for index in (1, 3, 5):
        value = int(colour[index : index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1.0 to 21.0."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Theme:
    """Everything a screen needs to draw itself at one window size."""

    width: int
    height: int
    text_size: TextSize = TextSize.STANDARD
    high_contrast: bool = False
    # Logical pixels per millimetre on the panel (None: not known, sizes follow pixels only).
    pixels_per_mm: float | None = None
    viewing_distance_cm: float = VIEWING_DISTANCE_CM
    # Only in `bars`, the theme of the reading screen's header and footer: their words and
    # buttons grown this much, and made `slim` where the page needs the room.
    zoom: float = 1.0
    slim: bool = False

    @classmethod
    def for_size(
        cls,
        size: QSize,
        pixels_per_mm: float | None = None,
        viewing_distance_cm: float = VIEWING_DISTANCE_CM,
    ) -> Theme:
        return cls(
            max(size.width(), 1),
            max(size.height(), 1),
            pixels_per_mm=pixels_per_mm,
            viewing_distance_cm=viewing_distance_cm,
        )

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    @cached_property
    def pixel_scale(self) -> float:
        """The reference layout stretched to this window's shorter side."""
        return min(self.width, self.height) / REFERENCE_HEIGHT

    @cached_property
    def eye_scale(self) -> float:
        """The scale at which Standard body text's capitals are CAP_ANGLE_DEGREES high at the
        viewing distance on this panel; 0 when the panel's size is not known."""
        if not self.pixels_per_mm:
            return 0.0
        return self.minimum_cap_mm * self.pixels_per_mm / CAP_HEIGHT_RATIO / BODY_PX

    @cached_property
    def minimum_cap_mm(self) -> float:
        """How tall capitals must be, in millimetres, to fill CAP_ANGLE_DEGREES of view."""
        distance_mm = self.viewing_distance_cm * 10
        return 2 * distance_mm * math.tan(math.radians(CAP_ANGLE_DEGREES / 2))

    @cached_property
    def panel_scale(self) -> float:
        """The panel's scale: see the module's docstring. The eye's scale counts up to what
        leaves the screens the smallest canvas they are laid out for (SMALLEST_CANVAS_*);
        beyond that (a small panel read from far away) `eye_limited` is true and `kiosk
        check` says the panel falls short of the eye's sizes."""
        return max(self.pixel_scale, min(self.eye_scale, self.largest_scale))

    @cached_property
    def largest_scale(self) -> float:
        """The scale at which this window is the smallest canvas the screens are laid out for."""
        short, long = sorted((self.width, self.height))
        return min(short / SMALLEST_CANVAS_SHORT_SIDE, long / SMALLEST_CANVAS_LONG_SIDE)

    @cached_property
    def eye_limited(self) -> bool:
        """Whether the eye asks for more than the panel has room for (see `panel_scale`)."""
        return self.eye_scale > self.panel_scale + 1e-9

    @cached_property
    def canvas(self) -> QSizeF:
        """This window in reference px: the room every screen's layout has."""
        return QSizeF(self.width / self.panel_scale, self.height / self.panel_scale)

    @cached_property
    def compact(self) -> bool:
        """A small canvas (a 7" or 10" panel, or a larger one read from far away): the
        screens use their compact layouts."""
        return min(self.canvas.width(), self.canvas.height()) < COMPACT_SHORT_SIDE

    @cached_property
    def scale(self) -> float:
        """What every reference size is multiplied by: the panel's scale, and in `bars` its
        zoom."""
        return self.panel_scale * self.zoom

    def mm(self, pixels: float) -> float | None:
        """`pixels` on this panel in millimetres (None when the panel's size is not known)."""
        return pixels / self.pixels_per_mm if self.pixels_per_mm else None

    def degrees(self, pixels: float) -> float | None:
        """The angle `pixels` fill at the viewing distance (None when the size is not known)."""
        millimetres = self.mm(pixels)
        if millimetres is None:
            return None
        return math.degrees(2 * math.atan(millimetres / 2 / (self.viewing_distance_cm * 10)))

    @cached_property
    def body_cap_px(self) -> float:
        """Height of the body text's capitals, at the patient's chosen size."""
        return self.body_px * CAP_HEIGHT_RATIO

    def px(self, reference_px: float) -> int:
        """A size given for the 1080 px reference screen, at this screen's scale."""
        return max(1, round(reference_px * self.scale))

    # Text

    @cached_property
    def standard_body_px(self) -> int:
        """Article text at Standard (never below the minimum). Rounded up, not to the nearest
        pixel, so capitals never fall short of the angle by a fraction."""
        return max(math.ceil(BODY_PX * self.scale - 0.05), self.minimum_body_px)

    @cached_property
    def body_px(self) -> int:
        """Article text at the patient's chosen size: Standard's, times the step (at 200 %
        exactly twice; a fraction of a pixel rounded up)."""
        return math.ceil(self.standard_body_px * self.text_size.value / 100 - 0.01)

    @cached_property
    def ui_body_px(self) -> int:
        """Words on the start, end and overlay screens: the standard size whatever the
        patient chose for the article, so those screens keep their layout."""
        return self.px(BODY_PX)

    @cached_property
    def minimum_body_px(self) -> int:
        return self.px(MINIMUM_BODY_PX)

    @cached_property
    def heading_px(self) -> int:
        """Slide headings: 64 px at the standard size, growing with the text. On a compact
        canvas, where a page holds only a few lines, a fifth larger than the text and bold
        is heading enough, and leaves the text its lines."""
        if self.compact:
            return round(self.body_px * 1.2)
        return max(self.px(HEADING_PX), round(self.body_px * 1.35))

    @cached_property
    def title_px(self) -> int:
        return self.px(TITLE_PX)

    @cached_property
    def button_text_px(self) -> int:
        return self.px(42)

    @cached_property
    def small_px(self) -> int:
        """The smallest text anywhere (footer position), still far above 'small print'."""
        return self.px(36)

    def font(self, pixel_size: int, *, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPixelSize(pixel_size)
        font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        # Glyphs on a screen read at arm's length: hinting keeps stems crisp.
        font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
        return font

    @cached_property
    def line_height_px(self) -> int:
        return round(self.body_px * LINE_HEIGHT)

    @cached_property
    def paragraph_gap_px(self) -> int:
        """At least half a line pitch: from one paragraph's last baseline to the next one's
        first is then at least 1.5 x the line-to-line distance (WCAG 1.4.8)."""
        return max(round(self.body_px * 0.8), (self.line_height_px + 1) // 2)

    # Layout

    @cached_property
    def margin(self) -> int:
        return self.px(MARGIN_PX)

    @cached_property
    def gap(self) -> int:
        """Space between neighbouring touch targets (>= 16 px at 1080). On a compact canvas
        only what DESIGN.md asks (4 mm, and MINIMUM_GAP_PX at the panel's scale): the room
        goes to the targets and the words."""
        if self.compact:
            return max(self.physical_px(MINIMUM_GAP_MM), self.px(MINIMUM_GAP_PX))
        return max(self.px(32), self.px(MINIMUM_GAP_PX))

    def physical_px(self, millimetres: float) -> int:
        """`millimetres` on this panel in whole pixels, rounded up (0 when its size is not
        known)."""
        if not self.pixels_per_mm:
            return 0
        return math.ceil(millimetres * self.pixels_per_mm - 1e-6)

    @cached_property
    def page_margin(self) -> int:
        """Left and right of the reading screen's text column, at the least: narrow on a
        compact canvas, whose width the words need."""
        if self.compact:
            return max(self.gap, self.px(COMPACT_PAGE_MARGIN_PX))
        return self.margin

    @cached_property
    def column_width(self) -> int:
        """Width of the text column: about 60 characters a line on a landscape screen."""
        return min(self.width - 2 * self.page_margin, self.px(1360))

    @cached_property
    def portrait(self) -> bool:
        return self.height > self.width

    @cached_property
    def footer_height(self) -> int:
        """The reading screen's footer (see `bars`). Landscape: one row of buttons and
        position. Portrait: position above the buttons."""
        return self.bars.bar_heights[1]

    @cached_property
    def footer_inset(self) -> int:
        """Space above and below the reading screen's footer row(s); little in `slim` bars."""
        return self.px(4) if self.slim else self.px(28)

    @cached_property
    def button_height(self) -> int:
        """A button's height; in `slim` bars only what its line of words needs, but never
        less than a touch target."""
        if not self.slim:
            return self.px(112)
        words = math.ceil(self.button_text_px * LABEL_LINE_HEIGHT)
        return max(self.touch_target_min, words + 2 * self.button_vertical_padding)

    @cached_property
    def button_min_width(self) -> int:
        return self.px(220)

    @cached_property
    def corner_radius(self) -> int:
        return self.px(20)

    @cached_property
    def border_width(self) -> int:
        return max(2, self.px(4))

    @cached_property
    def slide_size(self) -> QSize:
        """The reading screen's area between header and footer, where pages are drawn."""
        return QSize(self.width, self.height - self.header_height - self.footer_height)

    @cached_property
    def header_height(self) -> int:
        """The reading screen's header: Home and the comfort controls (see `bars`)."""
        return self.bars.bar_heights[0]

    @cached_property
    def header_inset(self) -> int:
        """Space above and below the reading screen's header row(s) (footer_inset's twin)."""
        return self.px(4) if self.slim else self.px(20)

    @cached_property
    def slide_top_margin(self) -> int:
        """Between the header and the page's heading: less where the bars are slim."""
        return self._slide_margins(self.bars.slim)[0]

    @cached_property
    def slide_bottom_margin(self) -> int:
        return self._slide_margins(self.bars.slim)[1]

    def _slide_margins(self, slim: bool) -> tuple[int, int]:
        """(top, bottom) margin of the page between the bars (little on a compact canvas,
        whose every line counts)."""
        if slim or self.compact:
            return self.px(12), self.px(8)
        return self.px(64), self.px(40)

    @cached_property
    def heading_gap(self) -> int:
        """Space between a slide's heading and its text."""
        return self.px(20) if self.compact else self.px(40)

    @cached_property
    def continued_heading_gap(self) -> int:
        """Space between the one-line "(continued)" title of a later page and its text."""
        return self.px(12) if self.compact else self.px(24)

    @cached_property
    def column_rect(self) -> QRect:
        """Where a page's heading and text go, inside the slide area."""
        left = (self.width - self.column_width) // 2
        top = self.slide_top_margin
        height = self.slide_size.height() - top - self.slide_bottom_margin
        return QRect(left, top, self.column_width, height)

    @cached_property
    def staff_corner(self) -> int:
        """The side of the top-left square where five taps ask for staff access: on a compact
        canvas a touch target's, so that it keeps the little room there is for the page's
        words and the bars' buttons (staff know where it is)."""
        if self.compact:
            return self.touch_target_min
        return self.px(STAFF_CORNER_PX)

    @cached_property
    def edge_zone_width(self) -> int:
        """A tap this close to the left or right edge of the slide turns the page: the margin
        beside the text column, never the text, and only where that margin is a target a
        finger can aim at (MINIMUM_EDGE_ZONE_MM, EDGE_ZONE_TARGET_SHARE); 0, no edge taps,
        where it is narrower."""
        margin = self.column_rect.left()
        usable = max(
            self.physical_px(MINIMUM_EDGE_ZONE_MM),
            math.ceil(EDGE_ZONE_TARGET_SHARE * self.touch_target_min),
        )
        return margin if margin >= usable else 0

    @cached_property
    def swipe_distance(self) -> float:
        """A drag this far turns the page (about 8 % of the width)."""
        return self.width * 0.08

    @cached_property
    def tap_slop(self) -> float:
        """A touch that moves less than this is a tap, never a swipe."""
        return float(self.px(24))

    @cached_property
    def fling_speed(self) -> float:
        """A release faster than this (px per ms) turns the page after a short drag."""
        return 0.6 * self.scale

    # Buttons and bars (kiosk.ui.widgets)

    @cached_property
    def touch_target_min(self) -> int:
        """The smallest side of any touch target: the panel's, whatever the `zoom`. On a
        compact canvas only what DESIGN.md asks (15 mm, and 88 px at 1080p), not 88 px at
        the eye's scale (22 mm): the room goes to the page."""
        if self.compact:
            return max(
                self.physical_px(MINIMUM_TOUCH_MM), round(MINIMUM_TOUCH_PX * self.pixel_scale)
            )
        return max(1, round(MINIMUM_TOUCH_PX * self.panel_scale))

    @cached_property
    def button_padding(self) -> int:
        """Space between a button's edge and its words, left and right."""
        return self.px(32)

    @cached_property
    def compact_button_padding(self) -> int:
        """The same for the compact comfort buttons, whose words may wrap; less on a compact
        canvas, where a row of them has to fit across a 7" panel."""
        return self.px(10) if self.compact else self.px(20)

    @cached_property
    def button_vertical_padding(self) -> int:
        """Space kept above and below a button's words when they wrap onto more lines (in
        `slim` bars, where they never wrap, around their one line)."""
        return self.px(8) if self.slim else self.px(24)

    @cached_property
    def compact_button_vertical_padding(self) -> int:
        """The same for the compact comfort buttons."""
        return self.px(8)

    @cached_property
    def icon_room(self) -> int:
        """Width kept beside a button's words for its icon and the space next to it."""
        return self.px(40) + self.px(12)

    @cached_property
    def icon_size(self) -> int:
        """Side of the arrow or house drawn on a button."""
        return self.px(30)

    @cached_property
    def icon_gap(self) -> int:
        """Space between a drawn icon and the button's words."""
        return self.px(14)

    @cached_property
    def icon_stroke(self) -> int:
        """Line width of a drawn icon: never thinner than 3 px, even on a small screen."""
        return max(3, self.px(6))

    @cached_property
    def compact_icon_size(self) -> int:
        """Side of the icon on a compact button (its words are smaller too)."""
        return self.px(26)

    @cached_property
    def compact_icon_gap(self) -> int:
        """Space between a compact button's icon and its words."""
        return self.px(10)

    @cached_property
    def compact_icon_room(self) -> int:
        """Width kept beside a compact button's words for its icon and the space next to it."""
        return self.compact_icon_size + self.compact_icon_gap + self.px(4)

    @cached_property
    def progress_bar_height(self) -> int:
        """Thickness of the reading progress bar: thin on a compact canvas, where it shares
        the one bar's height with the position's words."""
        return self.px(8) if self.compact else self.px(16)

    # Start, end, updating and staff screens

    @cached_property
    def side_margin(self) -> int:
        """Left and right margin of the full-screen start, end, updating and staff screens."""
        return self.px(96)

    @cached_property
    def block_gap(self) -> int:
        """Space between the stacked title, words and buttons of the start and end screens."""
        return self.px(40)

    @cached_property
    def start_bottom_margin(self) -> int:
        """Below the start screen's disclaimer: less than the top, so it sits near the edge."""
        return self.px(32)

    @cached_property
    def disclaimer_gap(self) -> int:
        """Space above the start screen's disclaimer."""
        return self.px(24)

    @cached_property
    def start_column_gap(self) -> int:
        """Between the start screen's two halves: side by side (landscape) or stacked."""
        return self.px(56) if self.portrait else self.px(96)

    @cached_property
    def sections_label_gap(self) -> int:
        """Between "Or go straight to a part:" and the section buttons."""
        return self.px(24)

    @cached_property
    def start_button_size(self) -> QSize:
        """The smallest "Tap to start" button: the largest target on the start screen."""
        return QSize(self.px(520), self.px(140))

    @cached_property
    def end_button_size(self) -> QSize:
        """The end screen's "Start again" and "Back to the last page" buttons."""
        return QSize(self.px(700), self.px(140))

    @cached_property
    def end_button_gap(self) -> int:
        """Space between the end screen's two buttons."""
        return self.px(48)

    @cached_property
    def notice_gap(self) -> int:
        """Space between the stacked heading, words and buttons of the updating and staff
        screens."""
        return self.px(32)

    @cached_property
    def hold_button_width(self) -> int:
        """The staff notice's "Hold to open the staff screen" button: its words on one line."""
        return self.px(780)

    @cached_property
    def staff_button_width(self) -> int:
        """Width of each button on the staff screen."""
        return self.px(520)

    @cached_property
    def screen_title_sizes(self) -> tuple[int, ...]:
        """The start, end and updating screens' titles, largest first: each screen takes the
        largest its other words and buttons leave room for (a small canvas has little), never
        smaller than the words of those screens."""
        return self.title_px, self.px(HEADING_PX), self.ui_body_px

    @cached_property
    def compact_side_margin(self) -> int:
        """Left and right margin of the start and end screens' compact arrangement, for a
        canvas too small for the roomy one (a 7" or 10" panel)."""
        return self.px(24)

    @cached_property
    def compact_margin(self) -> int:
        """Above and below the compact arrangement."""
        return self.px(16)

    @cached_property
    def compact_gap(self) -> int:
        """Between the compact arrangement's buttons where `gap` leaves too little room: the
        least DESIGN.md allows (4 mm, and MINIMUM_GAP_PX at this scale)."""
        return max(self.physical_px(MINIMUM_GAP_MM), self.px(MINIMUM_GAP_PX))

    @cached_property
    def compact_label_gap(self) -> int:
        """Between the compact arrangement's title and the words under it."""
        return self.px(12)

    # PIN pad

    @cached_property
    def pin_pad_gap(self) -> int:
        """Space between the PIN pad's prompt, dots, message, keys and Cancel (and between a
        staff notice's heading, words and buttons): less on a small canvas."""
        return self.px(12) if self.staff_compact else self.px(24)

    @cached_property
    def pin_dots_height(self) -> int:
        """Room for the dots of the PIN typed so far, kept while there are none."""
        return self.px(100)

    @cached_property
    def pin_key_size(self) -> QSize:
        """A digit, Clear or OK key of the PIN pad, at its largest (smaller where the window
        has no room, down to `staff_target_min`)."""
        return QSize(self.px(200), self.px(120))

    @cached_property
    def pin_cancel_size(self) -> QSize:
        """The PIN pad's Cancel (or Close) button, at its largest."""
        return QSize(self.px(300), self.button_height)

    @cached_property
    def pin_dot_size(self) -> int:
        """A dot standing for a digit typed, at its largest (smaller where PIN_MAX_DIGITS dots
        would not fit across)."""
        return self.px(40)

    # The PIN pad's and the staff screen's own sizes. Staff stand close, and these screens
    # keep their layout whatever text size the patient chose.

    @cached_property
    def staff_compact(self) -> bool:
        """A canvas too small for the staff screens' roomy sizes (a 7" or 10" panel, not a
        15.6" one): smaller headings and words, less margin, and keys and buttons of 15 mm."""
        return min(self.canvas.width(), self.canvas.height()) < 700

    @cached_property
    def staff_target_min(self) -> int:
        """The smallest side of a PIN key or a button on the PIN pad, the staff notices and
        the staff screen: 15 mm (MINIMUM_TOUCH_MM) where the panel's size is known, else a
        patient's `touch_target_min`. A 7" panel has no room for twelve keys of a patient's
        22 mm beside the PIN's prompt; keys and buttons are larger wherever there is room."""
        if self.pixels_per_mm:
            return math.ceil(MINIMUM_TOUCH_MM * self.pixels_per_mm)
        return self.touch_target_min

    @cached_property
    def staff_gap_min(self) -> int:
        """The least space between two keys or buttons there: 4 mm (MINIMUM_GAP_MM) where the
        panel's size is known; they are `gap` apart wherever there is room."""
        if self.pixels_per_mm:
            return math.ceil(MINIMUM_GAP_MM * self.pixels_per_mm)
        return self.px(MINIMUM_GAP_PX)

    @cached_property
    def staff_button_height(self) -> int:
        """The least height of a button there: a patient's button's where there is room, else
        `staff_target_min` (taller where its words wrap)."""
        return self.staff_target_min if self.staff_compact else self.button_height

    @cached_property
    def staff_button_vertical_padding(self) -> int:
        """Space kept above and below a staff button's words when they wrap."""
        return self.px(12)

    @cached_property
    def staff_button_padding(self) -> int:
        """Between a staff button's edge and its words, left and right."""
        return self.px(20) if self.staff_compact else self.button_padding

    @cached_property
    def staff_margin(self) -> int:
        """Above and below the PIN pad's and staff screen's contents; little on a small
        canvas, where the keys need the room."""
        return self.px(16) if self.staff_compact else self.margin

    @cached_property
    def staff_side_margin(self) -> int:
        """Left and right of them."""
        return self.px(16) if self.staff_compact else self.side_margin

    @cached_property
    def staff_heading_px(self) -> int:
        """Headings there ("Staff", "Close the kiosk?", "No staff PIN is set"), bold: smaller
        on a small canvas, where the title size would give each word a line."""
        return self.px(48) if self.staff_compact else self.title_px

    @cached_property
    def pin_prompt_px(self) -> int:
        """The PIN pad's prompt, "Staff access: enter the PIN", bold."""
        return self.small_px if self.staff_compact else self.px(HEADING_PX)

    @cached_property
    def staff_button_text_px(self) -> int:
        """The words on a staff button (bold): a patient's button's where there is room."""
        return self.small_px if self.staff_compact else self.button_text_px

    @cached_property
    def pin_key_padding(self) -> int:
        """Between a PIN key's edge and its words. A key's words get smaller where they would
        not fit on one line (a key's "Clear" on a 7" panel), down to `pin_key_smallest_px`."""
        return self.px(8)

    @cached_property
    def pin_key_smallest_px(self) -> int:
        """The smallest a PIN key's words get to fit it."""
        return self.px(24)

    @cached_property
    def staff_words_px(self) -> int:
        """The PIN pad's messages, the staff notices' words and the exit question's detail:
        body size where there is room, never below `small_px`."""
        return self.small_px if self.staff_compact else self.ui_body_px

    @cached_property
    def scroll_bar_width(self) -> int:
        """The bar beside staff words longer than their room (a finger drags the words)."""
        return self.px(16)

    # Reading screen

    @cached_property
    def footer_button_min_width(self) -> int:
        """The narrowest Back, Home or Next button."""
        return self.px(240)

    @cached_property
    def sign_size(self) -> int:
        """Width of the minus and plus drawn on the text size buttons, after their letter."""
        return self.px(28)

    @cached_property
    def sign_stroke(self) -> int:
        """Line width of that minus and plus: an icon's, never thinner than 3 px."""
        return self.icon_stroke

    @cached_property
    def sign_letter_px(self) -> tuple[int, int]:
        """The letter on the smaller and on the larger text button: a small and a large one."""
        return self.px(34), self.px(54)

    @cached_property
    def header_side_margin(self) -> int:
        """Left of the header's buttons: clear of the staff corner (where taps only count
        towards staff access), which is at the top left whichever way an article's text runs
        (a right-to-left one mirrors the row, not the corner)."""
        return max(self.margin, self.staff_corner)

    @cached_property
    def header_right_margin(self) -> int:
        """Right of the header's buttons: no corner to keep clear of there."""
        return self.margin

    @cached_property
    def narrow_button_padding(self) -> int:
        """Left and right of the words of a button that has to be narrow: Sound, beside Read
        aloud in a header that has little room to spare."""
        return self.px(12)

    @cached_property
    def disabled_ink(self) -> str:
        """Edge and sign of a button that does nothing now ("+" at the largest text size): the
        accent faded into the background, still 3:1 on it (tests/test_text_size.py)."""
        palette = self.palette
        return blend(palette.accent, palette.background, DISABLED_OPACITY)

    @cached_property
    def single_bar(self) -> bool:
        """Whether the reading screen has one bar only, below the page: on a compact landscape
        canvas, where two bars would leave a 7" 800x480 panel's page two lines instead of
        three. It holds Back, where the patient is, Next, the Menu button, and Home where it
        fits (else Home is in the Menu)."""
        return self.compact and not self.portrait

    @cached_property
    def bar_button_height(self) -> int:
        """A button of the reading screen's bars on a compact canvas: a touch target, or what
        its line of words needs if more; elsewhere `button_height`."""
        if not self.compact:
            return self.button_height
        words = math.ceil(self.small_px * LABEL_LINE_HEIGHT)
        return max(self.touch_target_min, words + 2 * self.compact_button_vertical_padding)

    @cached_property
    def compact_bar_inset(self) -> int:
        """Space above and below the buttons of a compact canvas's bars."""
        return self.px(4)

    @cached_property
    def bar_button_growth(self) -> int:
        """How much wider than its words a compact canvas's bar button gets where the bar has
        room (on a 7" panel it has none)."""
        return self.px(20)

    @cached_property
    def page_lines(self) -> int:
        """How many lines of text a section's later page holds below its one-line title (the
        title counted at the body's size, the largest kiosk.text_layout sets it)."""
        title = round(max(self.small_px, self.body_px) * HEADING_LINE_HEIGHT)
        room = self.column_rect.height() - title - self.continued_heading_gap
        return max(0, room // self.line_height_px)

    @cached_property
    def largest_text_size(self) -> TextSize:
        """The largest text size the patient may choose on this panel: each step up to it
        leaves a page MINIMUM_READABLE_LINES lines (a larger one would show a line or two at a
        time). Standard whatever a page holds."""
        largest = TextSize.STANDARD
        for size in list(TextSize)[1:]:
            if dataclasses.replace(self, text_size=size).page_lines < MINIMUM_READABLE_LINES:
                break
            largest = size
        return largest

    @cached_property
    def larger_text_size(self) -> TextSize | None:
        """The text size one step up, if this panel offers it (`largest_text_size`); None at
        the largest."""
        larger = self.text_size.larger()
        if larger is None or larger.value > self.largest_text_size.value:
            return None
        return larger

    # The reading screen's sheet of choices (kiosk.ui.options_sheet)

    @cached_property
    def sheet_margin(self) -> int:
        """Between the sheet's card and the window's edges, where a tap closes the sheet (on a
        7" panel the card all but fills the screen)."""
        return self.px(4) if self.compact else self.px(48)

    @cached_property
    def sheet_padding(self) -> int:
        """Between the sheet card's edge and its contents."""
        return self.px(24) if self.compact else self.px(40)

    @cached_property
    def sheet_tight_padding(self) -> int:
        """The same where the roomy padding leaves the card too large for the window (a 7"
        panel)."""
        return self.px(8)

    @cached_property
    def sheet_caption_gap(self) -> int:
        """Between a caption ("Volume: Normal") and the buttons under it."""
        return self.px(8)

    @cached_property
    def sheet_column_gap(self) -> int:
        """Between two columns of the sheet's controls."""
        return self.gap if self.compact else 2 * self.gap

    # The reading screen's header and footer: how far they grow with the text

    @cached_property
    def bars(self) -> Theme:
        """The theme the reading screen's header and footer are drawn with: this one, with their
        words and buttons grown by `zoom` as the patient's text grows (up to MAXIMUM_BAR_ZOOM),
        and `slim` (buttons as tall as their words need, little air) when the roomy bars would
        leave a page less than `page_minimum_height`. The zoom is the largest that leaves that
        room at this text size and at every larger one, so the bars' words never shrink when
        the text grows; it stays at 1 where even Standard words leave too little (a small panel
        seen from close). It is also kept to what the header's row(s) hold across the panel.
        On a compact canvas the bars have a layout of their own and do not grow."""
        base = dataclasses.replace(self, zoom=1.0, slim=False)
        if self.compact:
            return base
        zoom = min(
            base._fitting_zoom(size) for size in TextSize if size.value >= self.text_size.value
        )
        slim = not base._bars_fit(zoom, slim=False)
        return dataclasses.replace(base, zoom=zoom, slim=slim)

    @cached_property
    def page_minimum_height(self) -> int:
        """What a page must hold: its heading on one line, and MINIMUM_PAGE_LINES of text."""
        heading = round(self.heading_px * HEADING_LINE_HEIGHT)
        return heading + self.heading_gap + MINIMUM_PAGE_LINES * self.line_height_px

    @cached_property
    def header_rows(self) -> int:
        """1 where the header's words fit across the panel in one row at zoom 1 (with
        HEADER_ONE_ROW_PX to spare), else 2."""
        return 1 if self._header_room >= HEADER_ONE_ROW_PX else 2

    @cached_property
    def header_zoom_limit(self) -> float:
        """The largest zoom at which the header's words still fit across the panel."""
        widest = HEADER_ONE_ROW_PX if self.header_rows == 1 else HEADER_TWO_ROWS_PX
        return self._header_room / widest

    @cached_property
    def _header_room(self) -> float:
        """Room across the panel for the header's row(s), in reference px at zoom 1: all but
        the staff corner at its left and a margin at its right."""
        return self.width / self.panel_scale - max(MARGIN_PX, STAFF_CORNER_PX) - MARGIN_PX

    @cached_property
    def footer_rows(self) -> int:
        """2 (the position above Back and Next) in portrait or where the three do not fit
        across the panel in one row at zoom 1, else 1 (always on a compact landscape canvas,
        whose one bar is a row)."""
        if self.compact:
            return 2 if self.portrait else 1
        room = self.width / self.panel_scale - 2 * MARGIN_PX
        return 2 if self.portrait or room < FOOTER_ONE_ROW_PX else 1

    @cached_property
    def position_height(self) -> int:
        """The footer's line of words saying where the patient is, and the progress bar."""
        words = math.ceil(self.small_px * LABEL_LINE_HEIGHT)
        return words + self.position_bar_gap + self.progress_bar_height

    @cached_property
    def bar_heights(self) -> tuple[int, int]:
        """(header, footer) height, at this theme's zoom and shape. On a compact canvas one
        bar below the page (`single_bar`), or in portrait a header of one row (Home, Menu)
        and a footer with the position above Back and Next."""
        if self.compact:
            return self._compact_bar_heights
        rows = self.header_rows
        header = rows * self.button_height + (rows - 1) * self.gap + 2 * self.header_inset
        if self.footer_rows == 2:
            footer = self.position_height + self.footer_row_gap + self.button_height
        else:
            footer = max(self.button_height, self.position_height)
        return header, footer + 2 * self.footer_inset

    @cached_property
    def _compact_bar_heights(self) -> tuple[int, int]:
        insets = 2 * self.compact_bar_inset
        button = self.bar_button_height
        if self.single_bar:
            return 0, max(button, self.position_height) + insets
        footer = self.position_height + self.footer_row_gap + button
        return button + insets, footer + insets

    def _fitting_zoom(self, size: TextSize) -> float:
        """The largest zoom (a BAR_ZOOM_STEP at a time, at most `size`'s factor) at which bars,
        roomy or slim, leave a page its minimum at text `size`; 1 if none does."""
        at_size = dataclasses.replace(self, text_size=size)
        top = min(size.factor, MAXIMUM_BAR_ZOOM, self.header_zoom_limit)
        steps = max(0, math.floor((top - 1) / BAR_ZOOM_STEP + 1e-9))
        for step in range(steps, 0, -1):
            zoom = 1 + step * BAR_ZOOM_STEP
            if at_size._bars_fit(zoom, slim=False) or at_size._bars_fit(zoom, slim=True):
                return zoom
        return 1.0

    def _bars_fit(self, zoom: float, *, slim: bool) -> bool:
        """Whether bars at `zoom`, roomy or `slim`, leave a page its minimum."""
        header, footer = dataclasses.replace(self, zoom=zoom, slim=slim).bar_heights
        top, bottom = self._slide_margins(slim)
        return self.height - header - footer - top - bottom >= self.page_minimum_height

    @cached_property
    def footer_row_gap(self) -> int:
        """Portrait: space between the position line and the row of buttons below it."""
        return self.px(16)

    @cached_property
    def position_bar_gap(self) -> int:
        """Space between the position words and the progress bar under them."""
        return self.px(4) if self.compact else self.px(12)

    # Idle warning card

    @cached_property
    def idle_card_width(self) -> int:
        """The widest the idle warning card gets at Standard (narrower on a small screen)."""
        return self.px(1120)

    def idle_card(self, zoom: float = 1.0, *, tight: bool = False) -> IdleCardSizes:
        """The idle warning card's sizes, its words and ring grown `zoom` times with the
        patient's text (kiosk.ui.idle_overlay picks the largest zoom that fits). `tight`: little
        air around the words, a smaller question and ring, for a small canvas (a 7" panel
        holds the card no other way) or a large text size."""
        grown = dataclasses.replace(self, zoom=self.zoom * zoom)
        px = grown.px
        if tight:
            return IdleCardSizes(
                margin=self.px(8),
                width=px(1120),
                padding=px(24),
                vertical_padding=px(16),
                question_px=px(56),
                instruction_px=px(BODY_PX),
                countdown_px=px(36),
                question_gap=px(8),
                instruction_gap=px(16),
                ring_diameter=px(120),
                ring_width=px(12),
                ring_gap=px(16),
            )
        return IdleCardSizes(
            margin=self.margin,
            width=px(1120),
            padding=px(56),
            vertical_padding=px(48),
            question_px=px(TITLE_PX),
            instruction_px=px(BODY_PX + 4),
            countdown_px=px(36),
            question_gap=px(16),
            instruction_gap=px(40),
            ring_diameter=px(170),
            ring_width=px(14),
            ring_gap=px(24),
        )

    # Closed, cleaning and chart

    @cached_property
    def closed_notice_px(self) -> int:
        """The closed screen's words ("The clinic is closed. This screen turns on at 08:00."):
        a heading's size, for a patient who walks up to a dark screen in the evening."""
        return self.px(HEADING_PX)

    @property
    def closed_notice_ink(self) -> str:
        """Those words' colour on the black closed screen, in either palette: the dimmest grey
        that still reaches the 7:1 of all text (7.1:1), so only the letters glow, faintly, in
        a dark room."""
        return "#969696"

    @cached_property
    def cleaning_title_px(self) -> int:
        """ "Cleaning: touches are ignored for 30 seconds", bold: a staff heading's size."""
        return self.staff_heading_px

    @cached_property
    def cleaning_ring_diameter(self) -> int:
        """The cleaning pause's countdown ring at its largest (smaller where the window has
        no room, down to `cleaning_ring_least`). Its seconds are the largest words there."""
        return self.px(360)

    @cached_property
    def cleaning_ring_least(self) -> int:
        """The smallest ring stacked between the words: below it the ring goes beside them.
        It is also what a finger holds to end the pause, so never less than a staff target."""
        return max(self.px(200), self.staff_target_min)

    @cached_property
    def cleaning_ring_width(self) -> int:
        return self.px(20)

    @cached_property
    def cleaning_gap(self) -> int:
        """Between the cleaning pause's heading, ring and hint."""
        return self.px(16) if self.staff_compact else self.px(40)

    @cached_property
    def chart_bars_height(self) -> int:
        """The height of the reading figures' bars at their tallest (the busiest day)."""
        return self.px(160) if self.staff_compact else self.px(240)

    @cached_property
    def chart_gap(self) -> int:
        """Between the lines and bars of one article's figures."""
        return self.px(8) if self.staff_compact else self.px(16)

    @cached_property
    def chart_block_gap(self) -> int:
        """Between one article's figures and the next, and above the figures' headings."""
        return self.px(24) if self.staff_compact else self.px(48)

    @cached_property
    def chart_line_width(self) -> int:
        """The chart's base line."""
        return max(2, self.px(3))

    @cached_property
    def chart_swatch(self) -> int:
        """The side of a colour sample beside "Readings started" and "Readings finished"."""
        return self.px(28)

    @cached_property
    def chart_share_bar_height(self) -> int:
        """The bar showing how many readings got as far as a part."""
        return self.px(20) if self.staff_compact else self.px(28)


@dataclass(frozen=True)
class IdleCardSizes:
    """The idle warning card's sizes in pixels, at one zoom (`Theme.idle_card`). The words
    never fall below Standard: the instruction is body text, the countdown `small_px`."""

    margin: int  # the least dimmed screen left around the card
    width: int  # the widest the card gets
    padding: int  # between the card's sides and its contents
    vertical_padding: int  # between the card's top and bottom and its contents
    question_px: int  # "Still reading?", bold
    instruction_px: int  # "Tap anywhere to continue"
    countdown_px: int  # "Going back to the start in 30 seconds"
    question_gap: int  # below the question
    instruction_gap: int  # below the instruction (stacked), or beside the ring
    ring_diameter: int
    ring_width: int
    ring_gap: int  # below the ring, above the countdown words (stacked)

    @property
    def ring_number_px(self) -> int:
        """The seconds left, inside the ring."""
        return max(1, round(self.ring_diameter * 0.38))


# Burn-in drift
#
# The start screen is what a kiosk shows most of its life, all night where the clinic leaves it
# on; a panel shows a ghost of whatever stays on the same pixels for months. So the screen moves
# all it draws a pixel at a time, one step every BURN_IN_STEP_S, within a square this many
# reference px wide (kiosk.ui.drift): 8 px at 1080p, 2 mm on a 21.5" panel, about the width of a
# bold letter's stem. No reader sees a pixel's step minutes apart, and every edge of the words
# and buttons is spread over the square's width instead of burning in sharp.
BURN_IN_SPAN_PX = 8
# Seconds between steps: a slow walk that crosses the whole square in about four hours.
BURN_IN_STEP_S = 180.0
# No step while a finger is down or for this long after the last touch: what a patient reads
# or reaches for stays where it is.
BURN_IN_HOLD_S = 15.0
# A shift changes only the pixels on an edge: inside an even area (the background, a button's
# face, a thick stroke) a pixel keeps its colour however the content moves. So every other
# step every channel of every pixel the screen shows moves this many levels of 255, all at
# once: no eye sees a level, and every contrast stays within a hair of what it was. It is the
# channel's value XOR this (a power of two, so each value moves by exactly this much: up from
# an even value, down from an odd one, so pure black and pure white move too), by one fill over
# the whole screen (kiosk.ui.drift.BurnInVeil) that costs no more than a plain fill.
BURN_IN_TINT_LEVEL = 1


def burn_in_span(theme: Theme) -> int:
    """How far, in pixels, the start screen's content may drift along each axis on `theme`'s
    panel: BURN_IN_SPAN_PX at its scale, an even number, so that the content can sit in the
    middle of its square."""
    return 2 * theme.px(BURN_IN_SPAN_PX / 2)


def burn_in_tinted(colour: str) -> str:
    """'#rrggbb' as the start screen shows it in a tinted step: each channel XOR
    BURN_IN_TINT_LEVEL."""
    channels = (int(colour[index : index + 2], 16) ^ BURN_IN_TINT_LEVEL for index in (1, 3, 5))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


# Take it home
#
# The end screen's QR code for an article's `url` (kiosk.ui.qr_code, kiosk.take_home). It is
# read by a phone's camera, not by the eye: whatever the palette, black modules on white (a
# camera needs dark on light, and high contrast keeps it so), a quiet zone of 4 white modules
# around them, and each module a whole number of pixels, so that no edge is blurred.
TAKE_HOME_DARK = "#000000"
TAKE_HOME_LIGHT = "#ffffff"
# The code's side, quiet zone included, where the screen has room: at 1080p on 21.5" about
# 65 mm, which a phone reads from well beyond arm's length.
TAKE_HOME_CODE_PX = 260
# The code's modules (quiet zone left out) are never narrower than this: a phone held at a
# seated patient's arm's length (about 30 cm from the panel) still reads it. A screen with no
# room for that leaves the code out rather than show one no phone can read.
TAKE_HOME_LEAST_MM = 25.0
# The same where the panel's size is not known: 25 mm on the 21.5" reference panel.
TAKE_HOME_LEAST_PX = 100
# The caption beside or under the code ("Scan with your phone's camera ...") is at most this
# wide: three short lines beside the code rather than one long one across the screen.
TAKE_HOME_CAPTION_PX = 560


@dataclass(frozen=True)
class TakeHomeSizes:
    """The end screen's QR code and caption, in pixels on one panel (`take_home_sizes`)."""

    code: int  # the code's side, quiet zone included, where there is room
    least_symbol: int  # the least width of its modules' square (quiet zone left out)
    caption_width: int  # the widest the caption gets
    caption_gap: int  # between the code and its caption


def take_home_sizes(theme: Theme) -> TakeHomeSizes:
    """The QR code's sizes on `theme`'s panel: from the panel, never grown with the patient's
    text (the code is for a camera; only its caption is words)."""
    if theme.pixels_per_mm:
        least = theme.physical_px(TAKE_HOME_LEAST_MM)
    else:
        least = theme.px(TAKE_HOME_LEAST_PX)
    return TakeHomeSizes(
        code=theme.px(TAKE_HOME_CODE_PX),
        least_symbol=least,
        caption_width=theme.px(TAKE_HOME_CAPTION_PX),
        caption_gap=theme.compact_gap if theme.compact else theme.gap,
    )


# Menu
#
# The front screen of a library (kiosk.ui.menu_screen): a tile for each leaflet, its title and
# summary, grouped under topic headings and paged. The tiles share the panel's width equally,
# as few columns as keep each tile narrower than MENU_TILE_MOST_PX (a summary's lines short
# enough to read) and as many as keep it wider than MENU_TILE_LEAST_PX (a title's lines long
# enough for its words): whichever of those shows the leaflets on the fewest pages.
MENU_TILE_LEAST_PX = 480
MENU_TILE_MOST_PX = 900
# A summary shows at most this many lines on a tile (fewer on a compact canvas), cut after a
# word with "..." where it has more: enough to tell leaflets apart, and more tiles to a page.
MENU_SUMMARY_LINES = 3
MENU_COMPACT_SUMMARY_LINES = 2
# A page of the menu shows this many tiles at the least where the panel has room: the menu
# leaves out its heading, topics' headings and choices before it shows fewer, and its words and
# tiles grow with the patient's text size only as far as that (or as many as it shows at
# Standard size, if fewer). More paging than that costs a reader more than it gives.
MENU_TILES_A_PAGE = 2


@dataclass(frozen=True)
class MenuSizes:
    """The menu's sizes in pixels, at one theme's scale and zoom (`menu_sizes`)."""

    side_margin: int  # left and right of everything
    top_margin: int  # above the heading's row
    bottom_margin: int  # below the tiles, or the page arrows
    gap: int  # between neighbouring buttons and tiles (4 mm at the least)
    block_gap: int  # between the rows of choices at the top and the tiles
    heading_px: int  # "Choose what to read", bold
    topic_px: int  # a topic's heading over its tiles, bold
    topic_gap: int  # between a topic's heading and its tiles
    title_px: int  # a tile's title, bold
    summary_px: int  # a tile's summary
    summary_gap: int  # between a tile's title and its summary
    tile_padding: int  # between a tile's sides and its words
    tile_vertical_padding: int  # between a tile's top and bottom and its words
    summary_lines: int  # the most lines a summary shows
    tile_least_width: int
    tile_most_width: int


def menu_sizes(theme: Theme) -> MenuSizes:
    """The menu's sizes on `theme`'s panel: the start screen's margins and gaps, a tile's words
    at the start screen's sizes (a compact canvas's title at the words' size), all grown with
    `theme`'s zoom."""
    px = theme.px
    compact = theme.compact
    return MenuSizes(
        side_margin=theme.compact_side_margin if compact else theme.side_margin,
        top_margin=theme.compact_margin if compact else theme.margin,
        bottom_margin=theme.compact_margin if compact else theme.start_bottom_margin,
        gap=theme.compact_gap if compact else theme.gap,
        block_gap=theme.compact_gap if compact else theme.block_gap,
        heading_px=theme.ui_body_px if compact else px(HEADING_PX),
        topic_px=theme.small_px if compact else theme.ui_body_px,
        topic_gap=theme.compact_label_gap if compact else theme.sections_label_gap,
        title_px=theme.ui_body_px if compact else px(BODY_PX + 4),
        summary_px=theme.small_px,
        summary_gap=px(4) if compact else px(8),
        tile_padding=px(16) if compact else theme.button_padding,
        tile_vertical_padding=px(12) if compact else px(24),
        summary_lines=MENU_COMPACT_SUMMARY_LINES if compact else MENU_SUMMARY_LINES,
        tile_least_width=px(MENU_TILE_LEAST_PX),
        tile_most_width=px(MENU_TILE_MOST_PX),
    )


# Tables
#
# A table is shown as a grid (kiosk.text_layout) where every cell fits on one line and all the
# columns fit across the text column with TABLE_COLUMN_GAP_EM of the article's text between
# them; else as stacked rows. Its rows are bands a little apart, every other one shaded
# (Palette.table_stripe) and parted by thin rules (Palette.table_rule), a thicker rule under the
# heading row. In ems of the article's text at the patient's size, so a grid grows with it.
TABLE_COLUMN_GAP_EM = 1.5
# Between one row's line and the next's, beyond the line pitch: rows a little further apart
# than a paragraph's lines, nearer than paragraphs.
TABLE_ROW_GAP_EM = 0.4
# Between the band's edge and the words at either end of a row: the band reaches this far into
# the page's margin (the words line up with the text above and below), at most half of it.
TABLE_PADDING_EM = 0.3
# The rules between rows and under the heading row, at the reference panel's scale.
TABLE_RULE_PX = 2
TABLE_HEADING_RULE_PX = 4


@dataclass(frozen=True)
class TableSizes:
    """A grid's sizes in pixels, at one theme's text size (`table_sizes`)."""

    column_gap: int  # the least room between the widest cell of a column and the next column
    row_gap: int  # between one row's line and the next row's
    padding: int  # how far a band reaches beyond the words of its row, into the margin
    rule: int  # the rule between two rows
    heading_rule: int  # the rule under the heading row


def table_sizes(theme: Theme) -> TableSizes:
    """A grid's sizes on `theme`'s panel, grown with the article's text."""
    return TableSizes(
        column_gap=round(theme.body_px * TABLE_COLUMN_GAP_EM),
        row_gap=round(theme.body_px * TABLE_ROW_GAP_EM),
        padding=min(round(theme.body_px * TABLE_PADDING_EM), theme.page_margin // 2),
        rule=theme.px(TABLE_RULE_PX),
        heading_rule=theme.px(TABLE_HEADING_RULE_PX),
    )
