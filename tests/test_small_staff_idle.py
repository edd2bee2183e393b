"""The idle warning, the PIN pad, the staff notices and the staff screen on the panels clinics
buy, 7" to 55", sized for the eye (screen_diagonal_inches): everything on the screen, nothing
on top of anything else, every word shown (or scrolling, for staff's long lists), every key
and button at least 15 mm and 4 mm from the next, and the idle card's words growing with the
patient's text size as far as the panel allows."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from kiosk.config import Settings
from kiosk.staff import StaffLock, hash_pin
from kiosk.theme import (
    MINIMUM_GAP_MM,
    MINIMUM_TOUCH_MM,
    TextSize,
    Theme,
    load_bundled_fonts,
    panel_density,
)
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.staff import ScrollingWords, StaffButton
from kiosk.ui.window import KioskWindow

from .helpers import build_window, click, reading, touch_path, touch_tap

PIN = "4826"
PIN_HASH = hash_pin(PIN)

PANELS = [
    pytest.param(QSize(800, 480), 7.0, id="7in-800x480"),
    pytest.param(QSize(1280, 800), 10.1, id="10in-1280x800"),
    pytest.param(QSize(800, 1280), 10.1, id="10in-800x1280"),
    pytest.param(QSize(1366, 768), 15.6, id="15.6in-1366x768"),
    pytest.param(QSize(1920, 1080), 21.5, id="21.5in-1920x1080"),
    pytest.param(QSize(1080, 1920), 21.5, id="21.5in-1080x1920"),
    pytest.param(QSize(3840, 2160), 55.0, id="55in-3840x2160"),
]
# Panels with room for the idle card's words to grow well past Standard at 200 %.
ROOMY = {"21.5in-1920x1080", "21.5in-1080x1920", "55in-3840x2160"}

STATUS = (
    "Showing: Ketamine for chronic pain\n"
    "From: /home/clinic/kiosk/content/ketamine-chronic-pain.md\n"
    "Loaded: 2025-03-04 08:15\nNext review due: 2026-01-01\n"
    "Config file: /home/clinic/.config/kiosk/kiosk.toml\n"
    "Log file: /home/clinic/.local/state/kiosk/kiosk.log"
)
WARNINGS = [
    f"ketamine-chronic-pain.md line {line}: the section reads at grade 11 (aim for 6 to 8)."
    for line in range(10, 130, 10)
]


def theme_for(size: QSize, diagonal: float, text_size: TextSize = TextSize.STANDARD) -> Theme:
    density = panel_density(size, None, diagonal)
    assert density is not None
    return Theme(
        size.width(), size.height(), text_size=text_size, pixels_per_mm=density.pixels_per_mm
    )


@pytest.fixture
def staffed(qtbot, article, tmp_path):
    """A shown kiosk window of a panel's size and diagonal, with a staff PIN (or none)."""

    def make(size: QSize, diagonal: float, pin_hash: str = PIN_HASH) -> KioskWindow:
        settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)
        window = build_window(
            article,
            settings=settings,
            staff_lock=StaffLock(tmp_path / "staff-lock.json"),
            pin_hash=lambda: pin_hash,
            set_pin_command="/home/clinic/kiosk/.venv/bin/kiosk set-pin",
        )
        qtbot.addWidget(window)
        window.resize(size)
        with qtbot.waitExposed(window):
            window.show()
        qtbot.waitUntil(lambda: window.size() == size)
        return window

    return make


def open_pin_pad(window: KioskWindow, touchscreen) -> None:
    for _ in range(5):
        touch_tap(window, touchscreen, QPoint(10, 10))
    assert window.pin_pad.isVisible()


def open_staff_screen(window: KioskWindow, touchscreen, qtbot) -> None:
    open_pin_pad(window, touchscreen)
    for digit in PIN:
        click(window.pin_pad.digit_buttons[int(digit)])
    click(window.pin_pad.ok_button)
    qtbot.waitUntil(lambda: window.current_screen() is window.staff_screen, timeout=5000)


def place(window: QWidget, widget: QWidget) -> QRect:
    """Where `widget` is, in the window's coordinates."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def gap(first: QRect, second: QRect) -> int:
    """The distance between two rectangles that do not overlap (0 when they touch)."""
    dx = max(second.left() - first.right() - 1, first.left() - second.right() - 1, 0)
    dy = max(second.top() - first.bottom() - 1, first.top() - second.bottom() - 1, 0)
    return max(dx, dy)


def assert_targets(theme: Theme, window: QWidget, targets: dict[str, QWidget]) -> None:
    """Every target on the window, 15 mm or more a side and 4 mm or more from the others."""
    rects = {name: place(window, widget) for name, widget in targets.items()}
    for name, rect in rects.items():
        assert window.rect().contains(rect), f"{name} {rect} is off the screen"
        for side in (rect.width(), rect.height()):
            millimetres = theme.mm(side)
            assert millimetres is not None
            assert millimetres >= MINIMUM_TOUCH_MM - 0.05, f"{name}: {millimetres:.1f} mm"
    for (first, a), (second, b) in itertools.combinations(rects.items(), 2):
        assert not a.intersects(b), f"{first} {a} overlaps {second} {b}"
        apart = theme.mm(gap(a, b))
        assert apart is not None
        assert apart >= MINIMUM_GAP_MM - 0.05, f"{first} / {second}: {apart:.1f} mm apart"


def assert_apart(window: QWidget, widgets: dict[str, QWidget]) -> None:
    """Nothing off the screen, nothing on top of anything else."""
    rects = {name: place(window, widget) for name, widget in widgets.items()}
    for name, rect in rects.items():
        assert window.rect().contains(rect), f"{name} {rect} is off the screen"
    for (first, a), (second, b) in itertools.combinations(rects.items(), 2):
        assert not a.intersects(b), f"{first} {a} overlaps {second} {b}"


def words_shown(label: QWidget) -> bool:
    """Whether all of a label's words show: none cut off at its foot."""
    return bool(label.heightForWidth(label.width()) <= label.height())


def assert_words_shown(label: QWidget) -> None:
    assert words_shown(label), label.text()  # type: ignore[attr-defined]


def settle(qtbot, view: ScrollingWords) -> None:
    """Until the scrolling words are laid out for the words they hold now."""
    content = view.widget()
    viewport = view.viewport()
    qtbot.waitUntil(
        lambda: content.height() == max(viewport.height(), content.heightForWidth(viewport.width()))
    )


def assert_button_words_fit(theme: Theme, button: StaffButton, padding: int, icon: bool) -> None:
    """No word of the button is split or cut, and all its lines show."""
    metrics = QFontMetrics(theme.font(button.text_px, bold=True))
    room = button.width() - 2 * padding - (theme.icon_room if icon else 0)
    for word in button.text().split():
        assert metrics.horizontalAdvance(word) <= room, f"{word!r} does not fit {button.text()!r}"
    lines = metrics.boundingRect(QRect(0, 0, room, 100_000), button._text_flags, button.text())
    assert lines.height() <= button.height(), button.text()


# The idle warning card


@pytest.fixture
def idle_card(qtbot):
    """The card alone over a page of a panel's size, as the kiosk shows it: in the bundled
    font."""
    pages: list[QWidget] = []

    def make(size: QSize, diagonal: float, text_size: TextSize) -> IdleOverlay:
        return _idle_card(size, diagonal, text_size, qtbot, pages)

    return make


def _idle_card(
    size: QSize, diagonal: float, text_size: TextSize, qtbot, pages: list[QWidget]
) -> IdleOverlay:
    assert load_bundled_fonts()
    page = QWidget()
    pages.append(page)  # pytest-qt holds only a weak reference
    qtbot.addWidget(page)
    page.resize(size)
    overlay = IdleOverlay(theme_for(size, diagonal, text_size), page)
    overlay.start(30)
    assert overlay.size() == size
    return overlay


@pytest.mark.parametrize("text_size", list(TextSize), ids=lambda s: f"{s.value}%")
@pytest.mark.parametrize(("size", "diagonal"), PANELS)
def test_the_idle_card_and_all_its_words_fit_every_panel(idle_card, size, diagonal, text_size):
    overlay = idle_card(size, diagonal, text_size)
    theme = theme_for(size, diagonal, text_size)
    layout = overlay.card_layout()
    card = layout.card
    assert layout.fits
    # The dimmed screen shows around the card: it is a card over the page, not a page.
    assert overlay.rect().adjusted(1, 1, -1, -1).contains(card), card
    blocks = {part.role: part.rect for part in layout.parts} | {"ring": layout.ring}
    for name, rect in blocks.items():
        assert card.contains(rect), f"{name} {rect} leaves the card {card}"
    for (first, a), (second, b) in itertools.combinations(blocks.items(), 2):
        assert not a.intersects(b), f"{first} overlaps {second}"
    for part in layout.parts:
        metrics = QFontMetrics(part.font)
        texts = [overlay._words(part.role, seconds) for seconds in range(30, 0, -1)]
        for text in texts:
            used = metrics.boundingRect(QRect(0, 0, part.rect.width(), 100_000), part.flags, text)
            assert used.height() <= part.rect.height(), f"{text!r} is cut off"
            assert used.width() <= part.rect.width(), f"{text!r} is cut off"
    fonts = {part.role: part.font.pixelSize() for part in layout.parts}
    # Never below Standard: the instruction is body text, the countdown the smallest words.
    assert fonts["instruction"] >= theme.ui_body_px
    assert fonts["countdown"] >= theme.small_px
    assert fonts["question"] > fonts["instruction"]


@pytest.mark.parametrize(("size", "diagonal"), PANELS)
def test_the_idle_card_grows_with_the_text_size_as_far_as_the_panel_allows(
    idle_card, request, size, diagonal
):
    sizes = []
    for text_size in TextSize:
        overlay = idle_card(size, diagonal, text_size)
        layout = overlay.card_layout()
        sizes.append(next(p.font.pixelSize() for p in layout.parts if p.role == "instruction"))
    assert sizes == sorted(sizes), f"the words shrink as the text grows: {sizes}"
    panel = request.node.callspec.id
    if panel in ROOMY:
        assert sizes[-1] >= 1.5 * sizes[0], f"{panel}: {sizes}"


def test_the_idle_card_on_a_7_inch_kiosk_is_over_the_page_it_warns_about(staffed):
    window = staffed(QSize(800, 480), 7.0)
    window.session.go_to(reading(1, 0))
    window.idle_overlay.start(30)
    assert window.idle_overlay.geometry() == window.rect()
    card = window.idle_overlay.card_rect()
    assert window.rect().adjusted(1, 1, -1, -1).contains(card)


# The PIN pad


@pytest.mark.parametrize(("size", "diagonal"), PANELS)
def test_the_pin_pad_fits_with_keys_of_15_mm_that_never_move(
    staffed, touchscreen, qtbot, size, diagonal
):
    window = staffed(size, diagonal)
    open_pin_pad(window, touchscreen)
    pad = window.pin_pad
    theme = window.session.theme
    targets: dict[str, QWidget] = {key.text(): key for key in pad.keys}
    targets["Cancel"] = pad.cancel_button
    assert_targets(theme, window, targets)
    assert_apart(window, {"prompt": pad.title_label, "message": pad.message_view, **targets})
    assert_words_shown(pad.title_label)
    for key in pad.keys:
        assert_button_words_fit(theme, key, theme.pin_key_padding, icon=False)
    before = {name: place(window, widget) for name, widget in targets.items()}

    for digit in "1234":
        click(pad.digit_buttons[int(digit)])
    assert pad.dots.isVisible()
    assert pad.dots.count == 4
    assert place(window, pad.dots) == place(window, pad.message_view)
    assert pad.dots.dot_diameter() * 4 < pad.dots.width()
    click(pad.ok_button)
    qtbot.waitUntil(lambda: pad.message_label.text() == "Wrong PIN. 4 tries left.", timeout=5000)
    assert {name: place(window, widget) for name, widget in targets.items()} == before
    assert pad.message_view.isVisible()
    # The whole message shows, without scrolling.
    settle(qtbot, pad.message_view)
    assert pad.message_view.verticalScrollBar().maximum() == 0
    # The label inside is laid out for the new words in an event of its own.
    qtbot.waitUntil(lambda: words_shown(pad.message_label))


@pytest.mark.parametrize(("size", "diagonal"), PANELS)
def test_without_a_pin_the_hold_button_and_close_fit_and_the_words_show_or_scroll(
    staffed, touchscreen, qtbot, size, diagonal
):
    window = staffed(size, diagonal, pin_hash="")
    open_pin_pad(window, touchscreen)
    pad = window.pin_pad
    theme = window.session.theme
    assert pad.hold_button.isVisible()
    assert_targets(theme, window, {"hold": pad.hold_button, "close": pad.cancel_button})
    assert_apart(
        window,
        {
            "title": pad.title_label,
            "words": pad.message_view,
            "hold": pad.hold_button,
            "close": pad.cancel_button,
        },
    )
    assert_words_shown(pad.title_label)
    for button, icon in ((pad.hold_button, False), (pad.cancel_button, True)):
        assert_button_words_fit(theme, button, theme.staff_button_padding, icon)  # type: ignore[arg-type]
    # At least three lines of the words show; the rest is a drag away.
    lines = QFontMetrics(pad.message_label.font()).lineSpacing()
    assert pad.message_view.height() >= min(3 * lines, pad.message_label.height())


# The staff screen


@pytest.mark.parametrize(("size", "diagonal"), PANELS)
def test_the_staff_screen_and_its_question_fit_every_panel(
    staffed, touchscreen, qtbot, size, diagonal
):
    window = staffed(size, diagonal)
    open_staff_screen(window, touchscreen, qtbot)
    screen = window.staff_screen
    screen.set_status(STATUS, ["No staff PIN is set: anyone can open this screen."])
    screen.set_warnings(WARNINGS)
    theme = window.session.theme
    buttons = {button.text(): button for button in screen.buttons}
    assert_targets(theme, window, buttons)
    assert_apart(window, {"words": screen.details, **buttons})
    for button in screen.buttons:
        icon = button is screen.back_button
        assert_button_words_fit(theme, button, theme.staff_button_padding, icon)
    # At least four lines of the words show at once; the rest scrolls.
    lines = QFontMetrics(screen.status_label.font()).lineSpacing()
    assert screen.details.viewport().height() >= 4 * lines
    bar = screen.details.verticalScrollBar()
    settle(qtbot, screen.details)
    assert bar.maximum() > 0

    exit_was = place(window, screen.exit_button)
    click(screen.exit_button)
    assert screen.asking_to_exit
    answers = {"no": screen.no_button, "yes": screen.yes_button}
    assert_targets(theme, window, answers)
    assert_apart(
        window,
        {"question": screen.confirm_heading_label, "detail": screen.confirm_detail, **answers},
    )
    assert_words_shown(screen.confirm_heading_label)
    settle(qtbot, screen.confirm_detail)
    assert screen.confirm_detail.verticalScrollBar().maximum() == 0
    for button in answers.values():
        icon = button is screen.no_button
        assert_button_words_fit(theme, button, theme.staff_button_padding, icon)
    assert not place(window, screen.yes_button).intersects(exit_was)


def test_on_a_7_inch_panel_a_finger_drags_the_staff_words_to_read_on(staffed, touchscreen, qtbot):
    window = staffed(QSize(800, 480), 7.0)
    open_staff_screen(window, touchscreen, qtbot)
    screen = window.staff_screen
    screen.set_status(STATUS, [])
    screen.set_warnings(WARNINGS)
    bar = screen.details.verticalScrollBar()
    viewport = screen.details.viewport()
    settle(qtbot, screen.details)
    assert bar.maximum() > viewport.height()
    assert bar.value() == 0
    centre = viewport.mapTo(window, viewport.rect().center())
    distance = viewport.height() // 2

    def drag(by: int) -> None:
        """A finger from below the middle to above it (`by` up), in eight steps."""
        points = [QPoint(centre.x(), centre.y() + by // 2 - by * step // 8) for step in range(9)]
        touch_path(window, touchscreen, points)

    drag(distance)
    assert bar.value() == distance, "the words follow the finger up"
    back = distance // 2
    drag(-back)
    assert bar.value() == distance - back, "and back down"
    for _ in range(bar.maximum() // distance + 2):
        drag(distance)
    assert bar.value() == bar.maximum(), "to the last line, and no further"
    assert window.current_screen() is screen
    assert not screen.asking_to_exit


def test_in_a_right_to_left_language_the_keypad_still_reads_1_2_3_from_the_left(
    staffed, touchscreen
):
    window = staffed(QSize(800, 480), 7.0)
    window.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    open_pin_pad(window, touchscreen)
    pad = window.pin_pad
    lefts = [place(window, key).left() for key in pad.digit_buttons[1:4]]
    assert lefts == sorted(lefts), "1 2 3 go right to left"
    assert place(window, pad.clear_button).left() < place(window, pad.ok_button).left()
    # The keys' block and the prompt trade sides, as the words read.
    assert place(window, pad.digit_buttons[3]).right() < place(window, pad.title_label).left()
