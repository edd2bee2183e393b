"""Burn-in care: the start screen, what a kiosk shows all night, never keeps its words and buttons
on the same pixels for long, and no reader sees it move.

On the reference panel (21.5", 1920x1080) and a 7" 800x480 one: everything the screen draws
moves together a pixel every few minutes (the arrangement intact: no gap changes, nothing over
anything else), never more than about a millimetre from where it is laid out, never off the
screen or into the staff corner, never while a finger is down or just after a touch; over a
night every edge of the words and buttons has moved off its pixels. Every other step, all its
colours (background, buttons, words) are a level of 255 off, together: no eye sees it, the
contrast stays what the theme promises, and so not one pixel of the screen, not even inside a
large even area, keeps its colour all night, in normal or high contrast. Nothing wakes up
while the screen is hidden. The kiosk's clock is a ManualClock: hours pass in no time.
"""

from __future__ import annotations

import itertools
from array import array

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import Settings
from kiosk.session import RESUME_OFFER_S
from kiosk.theme import (
    BURN_IN_HOLD_S,
    BURN_IN_SPAN_PX,
    BURN_IN_STEP_S,
    HIGH_CONTRAST,
    NORMAL,
    Palette,
    Theme,
    burn_in_tinted,
    contrast_ratio,
)
from kiosk.ui.drift import BurnInVeil, drift_path, room_for
from kiosk.ui.widgets import BigButton

from .helpers import ManualClock, centre_in, click, touch_tap
from .test_small_start_end import assert_well_laid_out

PANELS = {
    "21.5in-1920x1080": (QSize(1920, 1080), 21.5),
    "7in-800x480": (QSize(800, 480), 7.0),
}
STEP = BURN_IN_STEP_S
NIGHT_S = 8 * 3600


class WakeUpClock(ManualClock):
    """A ManualClock that says whose wake-ups are pending."""

    def pending_inside(self, widget: QWidget) -> list[object]:
        """Wake-ups asked for by `widget` or anything it holds."""
        found = []
        for alarm in self._alarms:
            owner = getattr(alarm.callback, "__self__", None)
            while isinstance(owner, QObject) and owner is not widget:
                owner = owner.parent()
            if not alarm.cancelled and owner is widget:
                found.append(alarm)
        return found


@pytest.fixture
def clock() -> WakeUpClock:
    return WakeUpClock()


def open_start(
    make_window, clock: ManualClock, panel: str, idle_timeout: int = 90, *, high_contrast=False
):
    size, diagonal = PANELS[panel]
    settings = Settings(
        animations=False,
        speech_engine="mock",
        screen_diagonal_inches=diagonal,
        idle_timeout=idle_timeout,
    )
    window = make_window(size, settings=settings, clock=clock)
    assert window.current_screen() is window.start_screen
    if high_contrast:
        # As the patient's High contrast button does (not on a 7" panel's start screen).
        window.session.toggle_contrast()
    return window


def placed(window, screen: QWidget) -> dict[str, QRect]:
    """Every widget the patient sees on `screen` (words, buttons, the parts' buttons), by its
    words, where it is in the window."""
    shown = {}
    for widget in screen.findChildren(QWidget):
        # (The tint is no thing seen: it changes the colours of all the rest.)
        if widget.isVisible() and widget.width() > 0 and not isinstance(widget, BurnInVeil):
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            key = f"{type(widget).__name__}:{name}"
            assert key not in shown, f"two widgets called {key!r}"
            shown[key] = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return shown


def common_shift(before: dict[str, QRect], after: dict[str, QRect]) -> QPoint:
    """How far everything moved, asserting it all moved together and kept its size."""
    assert before.keys() == after.keys(), "something came or went"
    shifts = {name: after[name].topLeft() - before[name].topLeft() for name in before}
    for name in before:
        assert after[name].size() == before[name].size(), f"{name} changed size"
    first = next(iter(shifts.values()))
    moved_apart = {name: (shift.x(), shift.y()) for name, shift in shifts.items() if shift != first}
    assert not moved_apart, f"the arrangement broke: {moved_apart} while the rest moved {first}"
    return first


def limit_px(window) -> int:
    return window.session.theme.px(BURN_IN_SPAN_PX / 2)


@pytest.mark.parametrize("panel", PANELS)
def test_after_a_few_minutes_everything_has_moved_a_pixel_together(make_window, clock, panel):
    window = open_start(make_window, clock, panel)
    screen = window.start_screen
    home = placed(window, screen)
    clock.advance(STEP - 1)
    assert common_shift(home, placed(window, screen)) == QPoint(0, 0), "moved too soon"
    clock.advance(1)
    shift = common_shift(home, placed(window, screen))
    assert abs(shift.x()) + abs(shift.y()) == 1, f"one step is one pixel, not {shift}"
    clock.advance(STEP)
    shift = common_shift(home, placed(window, screen))
    assert 0 < abs(shift.x()) + abs(shift.y()) <= 2
    assert_well_laid_out(window, screen)


@pytest.mark.parametrize("panel", PANELS)
def test_through_a_night_nothing_stays_put_and_nothing_strays(make_window, clock, panel):
    """Sampled every minute for eight hours: all of it where it was laid out plus one shift,
    never more than about a millimetre each way, inside the screen, no button in the staff
    corner; never on the same pixels for longer than a step; every offset of the square
    visited, as evenly as the walk goes (once or twice each)."""
    window = open_start(make_window, clock, panel)
    screen = window.start_screen
    theme = window.session.theme
    home = placed(window, screen)
    limit = limit_px(window)
    assert 0.9 <= theme.mm(limit) <= 1.1, "about a millimetre each way"
    corner = QRect(0, 0, window.router.corner_px, window.router.corner_px)
    buttons = {name for name in home if name.startswith(f"{BigButton.__name__}:")}
    assert len(buttons) >= 2
    visits: dict[tuple[int, int], int] = {}
    last_shift, still_since, longest_still = QPoint(0, 0), 0, 0
    for minute in range(1, NIGHT_S // 60 + 1):
        clock.advance(60)
        now = placed(window, screen)
        shift = common_shift(home, now)
        assert abs(shift.x()) <= limit, f"{shift} at {minute} min"
        assert abs(shift.y()) <= limit, f"{shift} at {minute} min"
        for name, rect in now.items():
            assert window.rect().contains(rect), f"{name} {rect} off the screen"
            if name in buttons:
                assert not rect.intersects(corner), f"{name} {rect} in the staff corner"
        if shift != last_shift:
            visits[(shift.x(), shift.y())] = visits.get((shift.x(), shift.y()), 0) + 1
            last_shift, still_since = shift, minute
        longest_still = max(longest_still, minute - still_since)
    assert longest_still * 60 <= STEP, f"on the same pixels for {longest_still} minutes"
    side = 2 * limit + 1
    assert len(visits) == side * side, "every offset of the square, in a night"
    assert set(visits.values()) <= {1, 2, 3}, "the walk lingers nowhere"
    assert_well_laid_out(window, screen)


def _grey(window) -> tuple[int, int, bytes]:
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return image.bytesPerLine(), image.height(), bytes(image.constBits())


@pytest.mark.parametrize("panel", PANELS)
def test_over_a_night_every_edge_drawn_leaves_its_pixels(make_window, clock, panel):
    """Every pixel on an edge of what the screen draws (one that differs from a neighbour:
    the words' strokes, the buttons' outlines and words) shows something else at some time in
    the night, by the drift alone: seen only at the steps whose colours are not tinted.
    (Inside a large even area, a button's fill or the background, the drift leaves a pixel as
    it is: the tint changes those, below.) Grey levels: every colour pair the screen draws
    differs in lightness (3:1 contrast at the least)."""
    window = open_start(make_window, clock, panel)
    line, height, first = _grey(window)
    size = len(first)
    home = int.from_bytes(first, "big")
    changed = 0
    for _ in range(NIGHT_S // int(2 * STEP)):
        clock.advance(2 * STEP)  # a tinted step, and an untinted one
        changed |= int.from_bytes(_grey(window)[2], "big") ^ home
    full = (1 << (8 * size)) - 1
    edges = 0
    for bits in (8, 8 * line):  # the neighbour on either side, and above and below
        # (Compared where there is a neighbour: not above the first row, nor below the last.)
        after = (1 << (8 * size - bits)) - 1
        before = full ^ ((1 << bits) - 1)
        edges |= ((home ^ (home >> bits)) & after) | ((home ^ (home << bits)) & before)
    to_flag = bytes.maketrans(bytes(range(256)), b"\0" + b"\1" * 255)
    edge_pixels = edges.to_bytes(size, "big").translate(to_flag)
    changed_pixels = changed.to_bytes(size, "big").translate(to_flag)
    assert edge_pixels.count(1) > 1000, "the screen draws words and buttons"
    stuck = [
        index
        for index, (edge, moved) in enumerate(zip(edge_pixels, changed_pixels, strict=True))
        if edge and not moved
    ]
    where = [(index % line, index // line) for index in stuck[:5]]
    assert not stuck, f"{len(stuck)} edge pixels never changed, first at {where} ({height} rows)"


# (High contrast, idle timeout, how long the screen shows so): normal contrast all night; a
# patient's high contrast for as long as the start screen keeps it untouched (idle_timeout at
# its longest, an hour).
CONTRASTS = {"normal contrast": (False, 90, NIGHT_S), "high contrast": (True, 3600, 3600)}


def open_start_in(make_window, clock: ManualClock, panel: str, contrast: str):
    """The start screen in `contrast`, and how many drift steps it shows so."""
    high_contrast, idle_timeout, seconds = CONTRASTS[contrast]
    window = open_start(make_window, clock, panel, idle_timeout, high_contrast=high_contrast)
    assert window.session.theme.high_contrast is high_contrast
    return window, int((seconds - 1) // STEP)


def _rgb32(screen: QWidget) -> bytes:
    """What `screen` shows now, four bytes a pixel (no padding at the ends of rows)."""
    image = screen.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert image.bytesPerLine() == 4 * image.width()
    return bytes(image.constBits())


def _still_pixels(screen: QWidget, clock: ManualClock, steps: int) -> tuple[int, int]:
    """(How many pixels of `screen` never showed anything but their first colour, the first
    of them) over `steps` drift steps; stops at the first step after which none is left.
    Every step's picture is XORed with the first and ORed into `changed`: a pixel still 0 in
    it has not changed yet."""
    first = _rgb32(screen)
    home = int.from_bytes(first, "little")
    changed = 0
    still = array("I", bytes(len(first)))
    for _ in range(steps):
        clock.advance(STEP)
        changed |= int.from_bytes(_rgb32(screen), "little") ^ home
        still = array("I", changed.to_bytes(len(first), "little"))
        if 0 not in still:
            return 0, -1
    return still.count(0), still.index(0)


@pytest.mark.parametrize("contrast", CONTRASTS)
@pytest.mark.parametrize("panel", PANELS)
def test_over_a_night_not_one_pixel_keeps_its_colour(make_window, clock, panel, contrast):
    """The start screen drawn at every step of eight hours (of the hour high contrast may
    stay): every pixel, inside the background, a button's face and a letter's stroke as well as
    on their edges, shows another colour at some time."""
    window, steps = open_start_in(make_window, clock, panel, contrast)
    screen = window.start_screen
    still, first = _still_pixels(screen, clock, steps)
    assert window.session.theme.high_contrast is CONTRASTS[contrast][0]
    where = (first % screen.width(), first // screen.width())
    assert still == 0, f"{still} pixels kept their colour all night, the first at {where}"


def test_the_list_of_parts_on_a_small_panel_leaves_no_pixel_still_either(make_window, clock):
    """The list of parts in the whole of a 7" panel, for the hour it may stay open."""
    window = open_start(make_window, clock, "7in-800x480", idle_timeout=3600)
    screen = window.start_screen
    click(screen.parts_button)
    assert screen.showing_parts
    still, first = _still_pixels(screen, clock, 3600 // int(STEP) - 1)
    assert screen.showing_parts
    where = (first % screen.width(), first // screen.width())
    assert still == 0, f"{still} pixels kept their colour, the first at {where}"


def _probes(screen: QWidget, theme: Theme) -> list[tuple[str, QWidget, QPoint, str]]:
    """(what, widget, a point in it, the theme's colour there) for the background, a primary
    and a secondary button's face, and the title's words: points inside even areas, where a
    pixel shows that colour alone."""
    palette = theme.palette
    start = screen.start_button
    border = theme.border_width
    secondary = next(
        button
        for button in screen.findChildren(BigButton)
        if button.isVisible() and button.isEnabled() and button.colours()[0] == palette.button_face
    )
    probes = [
        (
            "the background",
            screen,
            QPoint(screen.width() - 1, screen.height() - 1),
            palette.background,
        ),
        ("a primary button's face", start, QPoint(3 * border, start.height() // 2), palette.accent),
        (
            "a secondary button's face",
            secondary,
            QPoint(3 * border, secondary.height() // 2),
            palette.button_face,
        ),
    ]
    title = screen.title_label
    picture = screen.grab().toImage()
    text = QColor(palette.text).rgb()

    def inside_a_stroke(point: QPoint) -> bool:
        at = title.mapTo(screen, point)
        return all(
            picture.pixel(at.x() + dx, at.y() + dy) == text
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        )

    strokes = [
        QPoint(x, y)
        for y in range(1, title.height() - 1, 2)
        for x in range(1, title.width() - 1, 2)
        if inside_a_stroke(QPoint(x, y))
    ]
    assert len(strokes) > 50, "the title's words are drawn in the text colour"
    probes.extend(("the title's words", title, point, palette.text) for point in strokes[::7])
    return probes


def _levels_tinted(colour: str) -> list[int]:
    """How many levels of 255 the tint moves each of `colour`'s channels."""
    tinted = burn_in_tinted(colour)
    return [abs(int(colour[i : i + 2], 16) - int(tinted[i : i + 2], 16)) for i in (1, 3, 5)]


@pytest.mark.parametrize("contrast", CONTRASTS)
@pytest.mark.parametrize("panel", PANELS)
def test_the_colours_move_a_level_at_the_most_and_all_together(make_window, clock, panel, contrast):
    """At every step of a night (of the hour high contrast may stay): the background, the
    buttons' faces and the words each show the theme's colour, or at every other step that
    colour a level of 255 away on each channel (no eye sees a level), all of them at the same
    steps: the look and the contrast stay."""
    window, steps = open_start_in(make_window, clock, panel, contrast)
    screen = window.start_screen
    probes = _probes(screen, window.session.theme)
    tinted_steps = []
    for step in range(steps + 1):
        if step:
            clock.advance(STEP)
        # Only where the probes are (the whole screen 160 times is slow), as the screen shows
        # it, the tint included: each probed widget's place, and the background's one pixel.
        pictures = {
            widget: screen.grab(QRect(widget.mapTo(screen, QPoint(0, 0)), widget.size())).toImage()
            for widget in {widget for _, widget, _, _ in probes if widget is not screen}
        }
        seen = set()
        for what, widget, point, colour in probes:
            if widget is screen:
                pixel = screen.grab(QRect(point, QSize(1, 1))).toImage().pixel(0, 0)
            else:
                pixel = pictures[widget].pixel(point)
            drawn = QColor(pixel).name()
            assert drawn in (colour, burn_in_tinted(colour)), f"{what}: {drawn} at step {step}"
            seen.add(drawn == colour)
        assert len(seen) == 1, f"at step {step} some colours are tinted and some are not"
        if not seen.pop():
            tinted_steps.append(step)
    assert tinted_steps == list(range(1, steps + 1, 2)), "every other step"
    for what, _, _, colour in probes:
        moved = _levels_tinted(colour)
        assert all(1 <= level <= 2 for level in moved), f"{what}: {colour} moved {moved}"


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high contrast"])
def test_tinted_colours_keep_the_contrast_the_theme_promises(palette: Palette):
    """Every colour pair, both tinted: text still 7:1 or more, everything else 3:1, and no ratio
    more than 3 % off the untinted one. Every colour moves a level on each channel, pure black
    and pure white too (the way they can)."""
    for pairs, least in ((palette.text_pairs(), 7.0), (palette.non_text_pairs(), 3.0)):
        for what, foreground, background in pairs:
            ratio = contrast_ratio(foreground, background)
            tinted = contrast_ratio(burn_in_tinted(foreground), burn_in_tinted(background))
            assert tinted >= least, f"{what}: {tinted:.2f}:1 tinted"
            assert abs(tinted - ratio) <= 0.03 * ratio, f"{what}: {ratio:.2f} -> {tinted:.2f}"
    for name, colour in vars(palette).items():
        if isinstance(colour, str):
            assert _levels_tinted(colour) == [1, 1, 1], f"{name} {colour} moved more or less"


def test_a_tap_goes_through_the_tint(make_window, clock, touchscreen):
    """In a tinted step, "Tap to start" takes a finger as ever."""
    window = open_start(make_window, clock, "21.5in-1920x1080")
    screen = window.start_screen
    background = window.session.theme.palette.background
    clock.advance(STEP)
    corner = screen.grab().toImage().pixel(screen.width() - 1, screen.height() - 1)
    assert QColor(corner).name() == burn_in_tinted(background), "a tinted step"
    touch_tap(window, touchscreen, centre_in(window, screen.start_button))
    assert window.current_screen() is window.reading_screen


def test_a_touch_holds_the_drift_until_the_finger_has_gone_a_while(make_window, clock, touchscreen):
    window = open_start(make_window, clock, "21.5in-1920x1080")
    screen = window.start_screen
    home = placed(window, screen)
    clock.advance(STEP - 5)
    # A finger comes down on the disclaimer (words that do nothing) and rests there.
    finger = centre_in(window, screen.disclaimer_label)
    QTest.touchEvent(window, touchscreen).press(0, finger, window).commit()
    clock.advance(60)
    assert common_shift(home, placed(window, screen)) == QPoint(0, 0), "moved under a finger"
    QTest.touchEvent(window, touchscreen).release(0, finger, window).commit()
    clock.advance(BURN_IN_HOLD_S - 1)
    assert common_shift(home, placed(window, screen)) == QPoint(0, 0), "moved just after"
    clock.advance(2)
    shift = common_shift(home, placed(window, screen))
    assert abs(shift.x()) + abs(shift.y()) == 1, "the step waited for the hand, then came"


def test_a_touch_that_never_lifts_does_not_stop_the_care(make_window, clock, touchscreen):
    """A hand resting on the glass, or a touch the panel never ends: burn-in care goes on."""
    window = open_start(make_window, clock, "7in-800x480")
    screen = window.start_screen
    home = placed(window, screen)
    finger = centre_in(window, screen.disclaimer_label)
    QTest.touchEvent(window, touchscreen).press(0, finger, window).commit()
    clock.advance(2 * STEP + BURN_IN_HOLD_S)
    assert common_shift(home, placed(window, screen)) != QPoint(0, 0)
    QTest.touchEvent(window, touchscreen).release(0, finger, window).commit()


def test_nothing_wakes_while_the_start_screen_is_hidden(make_window, clock):
    window = open_start(make_window, clock, "21.5in-1920x1080")
    screen = window.start_screen
    assert len(clock.pending_inside(screen)) == 1, "one wake-up while it shows"
    clock.advance(STEP)
    left_at = placed(window, screen)
    click(screen.start_button)
    assert window.current_screen() is window.reading_screen
    assert clock.pending_inside(screen) == [], "the hidden start screen still wakes up"
    # While reading, the start screen's content stays where it was...
    for _ in range(4):
        click(window.reading_screen.next_button)
        clock.advance(30)
    click(window.reading_screen.home_button)
    assert window.current_screen() is window.start_screen
    clock.advance(RESUME_OFFER_S)  # "Carry on reading" gone again
    assert common_shift(left_at, placed(window, screen)) == QPoint(0, 0)
    # ...and goes on from there once the screen has shown a step's time.
    assert len(clock.pending_inside(screen)) == 1
    clock.advance(STEP)
    assert common_shift(left_at, placed(window, screen)) != QPoint(0, 0)


def test_a_step_is_one_repaint_and_then_stillness(make_window, clock, qtbot):
    """No animation: one step (its move and its colours) repaints the screen once, and
    nothing is painted after it."""
    window = open_start(make_window, clock, "21.5in-1920x1080")
    screen = window.start_screen
    paints = []

    class PaintCounter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints.append(watched)
            return False

    counter = PaintCounter(screen)
    screen.installEventFilter(counter)
    QApplication.processEvents()
    for _ in range(2):  # a step with the colours tinted, and one without
        paints.clear()
        clock.advance(STEP)
        qtbot.waitUntil(lambda: len(paints) >= 1)
        for _ in range(20):
            QApplication.processEvents()
        assert len(paints) == 1


def test_carry_on_reading_at_the_staff_corner_keeps_clear_of_it_while_drifting(make_window, clock):
    """On a 7" panel "Carry on reading" sits beside the staff corner, at its very edge: the
    drift never takes it further left."""
    window = open_start(make_window, clock, "7in-800x480")
    screen = window.start_screen
    corner = window.router.corner_px
    screen.set_resume("What ketamine is")
    for _ in range(120):
        clock.advance(STEP)
        button = QRect(
            screen.resume_button.mapTo(window, QPoint(0, 0)), screen.resume_button.size()
        )
        assert button.top() < corner
        assert button.left() >= corner, f"{button} in the staff corner ({corner} px)"
    assert_well_laid_out(window, screen)


def test_the_list_of_parts_on_a_small_panel_drifts_as_one_too(make_window, clock):
    """On a 7" panel "Parts" opens the list in the whole screen: it moves together as well,
    Back stays clear of the staff corner and the list stays well laid out. (Left untouched,
    the list gives way to the front after idle_timeout: here the longest, an hour.)"""
    window = open_start(make_window, clock, "7in-800x480", idle_timeout=3600)
    screen = window.start_screen
    click(screen.parts_button)
    assert screen.showing_parts
    home = placed(window, screen)
    shifts = set()
    for _ in range(19):
        clock.advance(STEP)
        shift = common_shift(home, placed(window, screen))
        shifts.add((shift.x(), shift.y()))
        assert_well_laid_out(window, screen)
    assert len(shifts) == 19, "a new place at every step"
    assert screen.showing_parts


# The walk and the room, without a screen


@pytest.mark.parametrize("side", range(1, 14))
def test_the_walk_visits_every_point_of_its_square_once_a_pixel_at_a_time(side):
    walk = drift_path(side)
    assert sorted(walk) == sorted(itertools.product(range(side), repeat=2))
    assert walk[0] == (side // 2, side // 2), "starts in the middle"
    for (x, y), (next_x, next_y) in itertools.pairwise([*walk, walk[0]]):
        assert max(abs(next_x - x), abs(next_y - y)) <= 1, "a step of more than a pixel"
    diagonal = sum(
        1 for (x, y), (nx, ny) in itertools.pairwise([*walk, walk[0]]) if x != nx and y != ny
    )
    assert diagonal <= 1


def test_the_room_keeps_buttons_out_of_the_corner_and_everything_on_the_screen():
    screen = QRect(0, 0, 800, 480)
    under_corner = QRect(20, 100, 200, 90)  # right under a 100 px corner
    beside_corner = QRect(100, 10, 300, 90)  # right beside it
    near_the_bottom = QRect(20, 470, 760, 8)
    room = room_for(screen, [under_corner, beside_corner, near_the_bottom], [], 100)
    assert (room.low, room.high) == (QPoint(-20, -10), QPoint(20, 2))
    room = room_for(screen, [under_corner, beside_corner], [under_corner, beside_corner], 100)
    assert room.low == QPoint(0, 0), "either button would enter the corner"
    assert room.high == QPoint(400, 290)
    # Laid out wrong already (forced onto too small a screen): it stays put, no worse.
    room = room_for(screen, [QRect(-5, 0, 900, 100)], [], 100)
    assert (room.low.x(), room.high.x()) == (0, 0)
