"""The reading screen on small panels (a compact canvas: 7" and 10" panels, a 15.6" laptop
panel), sized for the eye at 60 cm: one bar below the page in landscape, Home and Menu above
and Back and Next below in portrait, every target 15 mm and 4 mm apart, the choices in a sheet
the Menu button opens, and text sizes offered only as far as a page still holds three lines."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtTest import QTest

from kiosk import words
from kiosk.config import Settings
from kiosk.navigation import START
from kiosk.session import KioskSession
from kiosk.text_layout import ArticleLayout
from kiosk.theme import (
    MINIMUM_GAP_MM,
    MINIMUM_READABLE_LINES,
    MINIMUM_TOUCH_MM,
    TextSize,
    Theme,
    panel_density,
)
from kiosk.ui.widgets import BigButton

from .helpers import ManualClock, centre_in, click, reading, touch_tap
from .test_panels import gap, settings_for, targets

# (name, window size, diagonal in inches, the largest text size it offers)
SMALL = [
    ("7in-800x480", QSize(800, 480), 7.0, TextSize.STANDARD),
    ("10in-1280x800", QSize(1280, 800), 10.1, TextSize.LARGER),
    ("10in-800x1280", QSize(800, 1280), 10.1, TextSize.LARGEST),
    ("15.6in-1366x768", QSize(1366, 768), 15.6, TextSize.LARGEST),
]
IDS = [panel[0] for panel in SMALL]


def theme_for(size: QSize, diagonal: float, text_size: TextSize = TextSize.STANDARD) -> Theme:
    density = panel_density(size, None, diagonal)
    assert density is not None
    return Theme(size.width(), size.height(), text_size, pixels_per_mm=density.pixels_per_mm)


def settle(qtbot, window) -> None:
    """Wait for Qt's layout pass: the page gets the room the theme measured it for."""
    slide = window.reading_screen.slide
    qtbot.waitUntil(lambda: slide.size() == window.session.theme.slide_size)


def in_window(window, widget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def words_cut(window, buttons: list[BigButton], labels) -> list[str]:
    """Words that do not fit where they are drawn (none should)."""
    found = []
    for button in buttons:
        if button.heightForWidth(button.width()) > button.height():
            found.append(f"{button.text()!r} wraps in its button")
    for label in labels:
        metrics = QFontMetrics(label.font())
        if metrics.horizontalAdvance(label.text()) > label.width():
            found.append(f"{label.text()!r} is cut")
        if metrics.height() > label.height():
            found.append(f"{label.text()!r} is cut off below")
    return found


def check_targets(window, found: list[tuple[str, QRect]], where: str) -> None:
    """Every target at least 15 mm (and the theme's minimum) on each side, 4 mm (and the
    theme's gap) from every other, whole on the screen and clear of the staff corner."""
    theme = window.session.theme
    corner = QRect(0, 0, theme.staff_corner, theme.staff_corner)
    for name, rect in found:
        for side in (rect.width(), rect.height()):
            assert side >= theme.touch_target_min, (where, name, rect)
            millimetres = theme.mm(side)
            assert millimetres is not None
            assert millimetres >= MINIMUM_TOUCH_MM - 0.05, (where, name, rect)
        assert window.rect().contains(rect), (where, name, "off the screen")
        assert not rect.intersects(corner), (where, name, "in the staff corner")
    for (name, rect), (other_name, other) in itertools.combinations(found, 2):
        assert not rect.intersects(other), (where, name, other_name)
        apart = gap(rect, other)
        assert apart >= theme.gap - 1, (where, name, other_name, apart)
        millimetres = theme.mm(apart)
        assert millimetres is not None
        assert millimetres >= MINIMUM_GAP_MM - 0.05, (where, name, other_name)


# The bars


@pytest.mark.parametrize(("name", "size", "diagonal", "largest"), SMALL, ids=IDS)
def test_the_bars_fit_a_small_panel_at_every_text_size_it_offers(
    make_window, qtbot, name, size, diagonal, largest
):
    window = make_window(size, settings=settings_for(diagonal))
    session, screen = window.session, window.reading_screen
    assert session.theme.compact
    counts = session.page_counts
    session.go_to(reading(1, counts[1] - 1))  # Next may name the next part here
    for step in [size for size in TextSize if size.value <= largest.value]:
        assert session.theme.text_size is step
        settle(qtbot, window)
        theme = session.theme
        where = f"{name} at {step.value} %"
        assert screen.header.height() == theme.header_height
        assert screen.footer.height() == theme.footer_height
        assert screen.slide.size() == theme.slide_size
        found = targets(screen, window)
        check_targets(window, found, where)
        bars = [in_window(window, screen.footer)]
        if screen.header.isVisible():
            bars.append(in_window(window, screen.header))
        for button_name, rect in found:
            assert any(bar.contains(rect) for bar in bars), (where, button_name, "off its bar")
        for label in (screen.position_label, screen.progress_bar):
            box = in_window(window, label)
            for button_name, rect in found:
                assert not box.intersects(rect), (where, button_name, "covers the position")
        shown = [button for button in screen.findChildren(BigButton) if button.isVisible()]
        assert words_cut(window, shown, [screen.position_label]) == [], where
        session.larger_text()
    assert session.theme.text_size is largest, "no larger size than the panel offers"


def test_a_7_inch_panel_has_one_bar_below_the_page_with_home_in_the_menu(make_window):
    window = make_window(QSize(800, 480), settings=settings_for(7.0))
    window.session.go_to(reading(1, 0))
    screen = window.reading_screen
    assert window.session.theme.single_bar
    assert not screen.header.isVisible()
    assert screen.header.height() == 0
    assert [text for text, _ in sorted(targets(screen, window), key=lambda t: t[1].x())] == [
        words.menu_button(),
        words.back_button(),
        words.next_button(),
    ]
    assert not screen.home_in_bar
    # The page keeps three lines: a later page (its one-line title, then text) holds them.
    theme = window.session.theme
    assert theme.page_lines >= MINIMUM_READABLE_LINES
    later = window.session.layout.sections[1]
    assert later.body_height(1) >= MINIMUM_READABLE_LINES * theme.line_height_px


@pytest.mark.parametrize(
    ("name", "size", "diagonal", "largest"),
    SMALL[1:2] + SMALL[3:],
    ids=[
        IDS[1],
        IDS[3],
    ],
)
def test_on_a_wider_landscape_panel_home_is_on_the_bar_with_menu_between_it_and_back(
    make_window, name, size, diagonal, largest
):
    window = make_window(size, settings=settings_for(diagonal))
    window.session.go_to(reading(1, 0))
    screen = window.reading_screen
    placed = dict(targets(screen, window))
    order = [text for text, _ in sorted(placed.items(), key=lambda item: item[1].x())]
    assert order == [
        words.home_button(),
        words.menu_button(),
        words.back_button(),
        words.next_button(),
    ]
    # A finger that misses Back never lands on Home; one that misses Next lands on no button.
    home, back, next_button = (
        placed[words.home_button()],
        placed[words.back_button()],
        placed[words.next_button()],
    )
    assert gap(home, back) > 2 * gap(home, placed[words.menu_button()])
    nearest_to_next = min(
        gap(next_button, rect) for text, rect in placed.items() if rect != next_button
    )
    assert nearest_to_next > 2 * window.session.theme.gap


def test_a_small_portrait_panel_has_home_and_menu_above_and_back_and_next_below(make_window):
    window = make_window(QSize(800, 1280), settings=settings_for(10.1))
    window.session.go_to(reading(1, 0))
    screen = window.reading_screen
    header, footer = in_window(window, screen.header), in_window(window, screen.footer)
    placed = dict(targets(screen, window))
    assert header.contains(placed[words.home_button()])
    assert header.contains(placed[words.menu_button()])
    assert footer.contains(placed[words.back_button()])
    assert footer.contains(placed[words.next_button()])
    assert in_window(window, screen.position_label).bottom() < placed[words.back_button()].top()


@pytest.mark.parametrize(
    ("name", "size", "diagonal", "form"),
    [
        ("7in-800x480", QSize(800, 480), 7.0, words.position_numbers),
        ("10in-800x1280", QSize(800, 1280), 10.1, words.position_line),
        ("15.6in-1366x768", QSize(1366, 768), 15.6, words.position_line),
    ],
)
def test_the_position_says_as_much_as_fits_and_says_it_all_to_a_screen_reader(
    make_window, name, size, diagonal, form
):
    window = make_window(size, settings=settings_for(diagonal))
    window.session.go_to(reading(1, 1))
    label = window.reading_screen.position_label
    counts = window.session.page_counts
    assert label.text() == form(reading(1, 1), counts), name
    if form is words.position_numbers:
        assert label.text() == f"2 / {counts[1]}"
    assert label.accessibleName() == words.position_line(reading(1, 1), counts)


# The sheet of choices


def sheet_targets(window) -> list[tuple[str, QRect]]:
    sheet = window.reading_screen.sheet
    return [
        (button.accessibleName(), in_window(window, button))
        for button in sheet.card.findChildren(BigButton)
        if button.isVisible()
    ]


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high contrast"])
@pytest.mark.parametrize(("name", "size", "diagonal", "largest"), SMALL, ids=IDS)
def test_menu_opens_a_sheet_with_every_choice_big_apart_and_on_the_screen(
    make_window, qtbot, name, size, diagonal, largest, contrast
):
    window = make_window(size, settings=settings_for(diagonal))
    if contrast:
        window.session.toggle_contrast()
    window.session.go_to(reading(1, 0))
    settle(qtbot, window)
    screen = window.reading_screen
    click(screen.menu_button)
    sheet = screen.sheet
    assert sheet.isVisible()
    found = sheet_targets(window)
    names = {text for text, _ in found}
    expected = {
        words.high_contrast_button(),
        words.read_aloud_button(),
        words.quieter_spoken(),
        words.louder_spoken(),
        words.slower_spoken(),
        words.faster_spoken(),
        words.close_button(),
    }
    if largest is not TextSize.STANDARD:
        expected |= {words.smaller_text_spoken(), words.larger_text_spoken()}
    if not screen.home_in_bar:
        expected.add(words.home_button())
    assert names == expected, name
    check_targets(window, found, f"{name} sheet")
    card = in_window(window, sheet.card)
    assert window.rect().contains(card), name
    captions = [
        label
        for label in (sheet.text_size_label, sheet.volume_label, sheet.speed_label)
        if label.isVisible()
    ]
    for label in captions:
        box = in_window(window, label)
        assert card.contains(box)
        for text, rect in found:
            assert not box.intersects(rect), (name, label.text(), text)
    shown = [button for button in sheet.card.findChildren(BigButton) if button.isVisible()]
    assert words_cut(window, shown, captions) == [], name
    # The card's face, between its edge and its first row, and the dimmed page beside it.
    theme = window.session.theme
    palette = theme.palette
    image = window.grab().toImage()
    inside = QPoint(card.center().x(), card.top() + theme.border_width + 1)
    assert QColor(image.pixel(inside)).name() == palette.card, name


def test_the_sheets_choices_do_what_they_say_and_it_closes_beside_the_card(make_window, qtbot):
    window = make_window(QSize(1280, 800), settings=settings_for(10.1))
    window.session.go_to(reading(1, 0))
    settle(qtbot, window)
    screen, session = window.reading_screen, window.session
    sheet = screen.sheet
    click(screen.menu_button)
    click(sheet.larger_text_button)
    assert session.theme.text_size is TextSize.LARGE
    assert sheet.isVisible(), "a choice leaves the sheet open for the next one"
    click(sheet.contrast_button)
    assert session.theme.high_contrast
    assert sheet.contrast_button.isChecked()
    click(sheet.read_aloud_button)
    assert session.read_aloud.speaking
    assert sheet.read_aloud_button.text() == words.stop_reading_button()
    click(sheet.read_aloud_button)
    assert not session.read_aloud.speaking
    click(sheet.close_button)
    assert not sheet.isVisible()
    # A tap beside the card, on the dimmed page, closes it too; one on the card does not.
    click(screen.menu_button)
    card = in_window(window, sheet.card)
    left = Qt.MouseButton.LeftButton
    QTest.mouseClick(sheet.card, left, Qt.KeyboardModifier.NoModifier, QPoint(4, 4))
    assert sheet.isVisible()
    outside = sheet.backdrop.mapFrom(window, QPoint(card.left() // 2, card.center().y()))
    QTest.mouseClick(sheet.backdrop, left, Qt.KeyboardModifier.NoModifier, outside)
    assert not sheet.isVisible()
    assert session.position == reading(1, 0), "the tap beside the card turned no page"


def test_home_from_the_menu_of_a_7_inch_panel(make_window, qtbot):
    window = make_window(QSize(800, 480), settings=settings_for(7.0))
    window.session.go_to(reading(1, 0))
    settle(qtbot, window)
    screen = window.reading_screen
    click(screen.menu_button)
    assert screen.sheet.home_button.isVisible()
    click(screen.sheet.home_button)
    assert window.session.position == START
    assert not screen.sheet.is_open, "the sheet went with the page"


def test_a_bounce_of_the_tap_that_opened_the_menu_does_not_close_it(
    make_window, qtbot, touchscreen
):
    clock = ManualClock()
    window = make_window(QSize(1280, 800), settings=settings_for(10.1), clock=clock)
    window.session.go_to(reading(1, 0))
    settle(qtbot, window)
    screen = window.reading_screen
    menu = centre_in(window, screen.menu_button)
    touch_tap(window, touchscreen, menu)
    assert screen.sheet.isVisible()
    clock.advance(0.12)
    touch_tap(window, touchscreen, menu)  # lands on the dimmed page, beside the card
    assert screen.sheet.isVisible(), "the bounce closed the sheet"
    clock.advance(0.5)
    touch_tap(window, touchscreen, menu)
    assert not screen.sheet.isVisible(), "a tap of its own beside the card closes it"


def test_the_sheet_closes_when_the_patient_has_gone(make_window, qtbot):
    settings = Settings(
        animations=False,
        speech_engine="mock",
        screen_diagonal_inches=10.1,
        idle_timeout=0.2,
        idle_warning=0.3,
        reading_speed_wpm=100_000,
    )
    window = make_window(QSize(1280, 800), settings=settings)
    window.session.go_to(reading(1, 0))
    click(window.reading_screen.menu_button)
    with qtbot.waitSignal(window.session.idle.expired, timeout=5000):
        pass
    assert window.session.position == START
    assert not window.reading_screen.sheet.is_open


# Text sizes the panel has room for


@pytest.mark.parametrize(("name", "size", "diagonal", "largest"), SMALL, ids=IDS)
def test_text_grows_only_as_far_as_a_page_holds_three_lines(
    qapp, article, name, size, diagonal, largest
):
    standard = theme_for(size, diagonal)
    assert standard.largest_text_size is largest, name
    for text_size in [size for size in TextSize if size.value <= largest.value]:
        theme = theme_for(size, diagonal, text_size)
        assert theme.page_lines >= MINIMUM_READABLE_LINES, (name, text_size)
        # Measured by the text engine: every later page has room for three lines.
        for section in ArticleLayout(article, theme).sections:
            if len(section.pages) > 1:
                room = section.body_height(1)
                assert room >= MINIMUM_READABLE_LINES * theme.line_height_px, (name, text_size)
    too_large = largest.larger()
    if too_large is not None:
        assert theme_for(size, diagonal, too_large).page_lines < MINIMUM_READABLE_LINES


def test_a_plus_greys_out_at_the_largest_size_a_10_inch_panel_offers(make_window, qtbot):
    window = make_window(QSize(1280, 800), settings=settings_for(10.1))
    session = window.session
    assert window.start_screen.larger_button.isEnabled()
    session.go_to(reading(1, 0))
    settle(qtbot, window)
    sheet = window.reading_screen.sheet
    click(window.reading_screen.menu_button)
    click(sheet.larger_text_button)
    click(sheet.larger_text_button)
    assert session.theme.text_size is TextSize.LARGER
    assert not sheet.larger_text_button.isEnabled()
    assert sheet.smaller_text_button.isEnabled()
    click(sheet.larger_text_button)
    session.larger_text()
    assert session.theme.text_size is TextSize.LARGER, "no step beyond what the panel offers"
    faded = QColor(session.theme.disabled_ink).name()
    image = sheet.larger_text_button.grab().toImage()
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert faded in colours
    assert session.theme.palette.accent not in colours
    # The start screen reads the same rule.
    assert not window.start_screen.larger_button.isEnabled()


def test_a_7_inch_panel_offers_standard_text_only(make_window, qtbot):
    window = make_window(QSize(800, 480), settings=settings_for(7.0))
    assert not window.start_screen.larger_button.isEnabled()
    window.session.larger_text()
    assert window.session.theme.text_size is TextSize.STANDARD
    window.session.go_to(reading(1, 0))
    settle(qtbot, window)
    click(window.reading_screen.menu_button)
    sheet = window.reading_screen.sheet
    assert not sheet.larger_text_button.isVisible(), "no text size steps to offer"
    assert not sheet.text_size_label.isVisible()


def test_a_smaller_screen_brings_a_larger_text_size_down_to_what_it_offers(qapp, article):
    session = KioskSession(article, Settings(speech_engine="mock"), ManualClock())
    large = panel_density(QSize(1920, 1080), None, 21.5)
    small = panel_density(QSize(1280, 800), None, 10.1)
    assert large is not None
    assert small is not None
    session.set_screen_size(QSize(1920, 1080), large.pixels_per_mm)
    for _ in TextSize:
        session.larger_text()
    assert session.theme.text_size is TextSize.LARGEST
    changed = []
    session.choices_changed.connect(lambda: changed.append(session.theme.text_size))
    session.set_screen_size(QSize(1280, 800), small.pixels_per_mm)
    assert session.theme.text_size is TextSize.LARGER
    assert changed == [TextSize.LARGER]
    assert session.theme.page_lines >= MINIMUM_READABLE_LINES
    assert math.isclose(session.theme.pixels_per_mm or 0, small.pixels_per_mm)
