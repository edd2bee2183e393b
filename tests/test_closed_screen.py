"""Outside the opening hours: a black screen that says, dimly and only when touched, when it
turns on; the patient's session starts afresh under it; staff still get in; opening brings the
start screen back.

The kiosk's clock is a ManualClock (the notice's 15 seconds take no time) and the wall clock a
fixed day, so whether the clinic opens "today" never depends on when the tests run.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtTest import QTest

from kiosk import words
from kiosk.config import Settings
from kiosk.navigation import START
from kiosk.theme import HIGH_CONTRAST, NORMAL, Theme, contrast_ratio
from kiosk.ui.closed_screen import NOTICE_S, notice_words
from kiosk.ui.input_router import Mode

from .helpers import ManualClock, build_window, centre_in, click, reading, touch_tap

SETTINGS = Settings(animations=False, speech_engine="mock")
BRITISH = QLocale("en_GB")
# Saturday 14 March 2026, and the opening times a closed kiosk may be told.
SATURDAY_EVENING = dt.datetime(2026, 3, 14, 19, 30)
MONDAY_MORNING = dt.datetime(2026, 3, 16, 8, 0)


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def window(qtbot, article, clock):
    """A shown kiosk with no staff PIN (the hold button opens the staff screen), on the first
    page of the second part, in a British locale, on a Saturday evening."""
    previous = QLocale()
    QLocale.setDefault(BRITISH)
    window = build_window(article, SETTINGS, clock, pin_hash=lambda: "")
    qtbot.addWidget(window)
    window.resize(QSize(1920, 1080))
    with qtbot.waitExposed(window):
        window.show()
    window.wall = lambda: SATURDAY_EVENING
    click(window.start_screen.section_buttons[1])
    assert window.session.position == reading(1, 0)
    yield window
    QLocale.setDefault(previous)


def corner_taps(window, touchscreen) -> None:
    for _ in range(5):
        touch_tap(window, touchscreen, QPoint(10, 10))


def hold_open_staff_screen(window, clock) -> None:
    """No PIN is set: holding the pad's button for 3 seconds opens the staff screen."""
    hold = window.pin_pad.hold_button
    centre = hold.rect().center()
    QTest.mousePress(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    clock.advance(3)
    QTest.mouseRelease(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert window.current_screen() is window.staff_screen


def pixel(window, point: QPoint) -> str:
    return QColor(window.grab().toImage().pixel(point)).name()


# The words


def test_the_notice_says_the_time_today_the_day_this_week_and_the_date_beyond():
    evening = dt.datetime(2026, 3, 16, 6, 30)
    assert (
        notice_words(MONDAY_MORNING, evening, BRITISH)
        == "The clinic is closed. This screen turns on at 08:00."
    )
    assert (
        notice_words(MONDAY_MORNING, SATURDAY_EVENING, BRITISH)
        == "The clinic is closed. This screen turns on at 08:00 on Monday."
    )
    after_the_holidays = dt.datetime(2026, 3, 30, 7, 45)
    later = notice_words(after_the_holidays, SATURDAY_EVENING, BRITISH)
    assert later.startswith("The clinic is closed. This screen turns on at 07:45 on ")
    assert "30 March 2026" in later
    assert notice_words(None, SATURDAY_EVENING, BRITISH) == "The clinic is closed."


def test_the_opening_time_is_read_in_the_kiosks_time_zone():
    london = dt.UTC
    paris = dt.timezone(dt.timedelta(hours=1))
    opens = dt.datetime(2026, 3, 16, 9, 0, tzinfo=paris)
    now = dt.datetime(2026, 3, 16, 6, 0, tzinfo=london)
    assert notice_words(opens, now, BRITISH).endswith("at 08:00.")


def test_times_and_days_are_written_as_the_interface_language_writes_them(qapp):
    previous = QLocale()
    try:
        # A British machine showing the English words keeps its own 24-hour clock ...
        QLocale.setDefault(BRITISH)
        assert words.interface_locale().name() == "en_GB"
        # ... a German one showing them writes English days, not "Montag".
        QLocale.setDefault(QLocale("de_DE"))
        locale = words.interface_locale()
        assert locale.language() == QLocale.Language.English
        assert "Monday" in notice_words(MONDAY_MORNING, SATURDAY_EVENING, locale)
    finally:
        QLocale.setDefault(previous)


def test_the_dim_words_still_read_at_7_to_1_on_black():
    for palette in (NORMAL, HIGH_CONTRAST):
        theme = Theme(1920, 1080, high_contrast=palette is HIGH_CONTRAST)
        assert contrast_ratio(theme.closed_notice_ink, "#000000") >= 7.0
        assert contrast_ratio(theme.closed_notice_ink, "#000000") < 7.5, "no longer dim"


# Closing


def test_closing_covers_the_screen_in_black_and_starts_afresh_underneath(window, clock, qtbot):
    session = window.session
    session.larger_text()
    with qtbot.waitSignal(session.read_aloud.sentence_started, timeout=10000):
        click(window.reading_screen.read_aloud_button)
    assert session.read_aloud.speaking
    window.set_closed(True, MONDAY_MORNING)
    assert window.closed_screen.isVisible()
    assert window.closed_screen.geometry() == window.rect()
    assert session.position == START
    assert not session.read_aloud.speaking
    assert session.choices_are_fresh
    assert window.router.mode is Mode.CLOSED
    for point in (QPoint(5, 5), window.rect().center(), QPoint(1900, 1070)):
        assert pixel(window, point) == "#000000"
    assert window.closed_screen.notice_words == ""
    # Nothing under it waits to run: not the idle time-out, not the start screen's drift.
    assert not session.idle.armed
    clock.advance(24 * 3600)
    assert window.closed_screen.isVisible()
    assert pixel(window, window.rect().center()) == "#000000"


def test_a_touch_shows_when_the_screen_turns_on_dimly_for_15_seconds(window, clock, touchscreen):
    panel: list[bool] = []
    window.closed_notice_changed.connect(panel.append)
    window.set_closed(True, MONDAY_MORNING)
    assert panel == [False], "closing lets the panel go dark"
    touch_tap(window, touchscreen, QPoint(960, 900))
    shown = "The clinic is closed. This screen turns on at 08:00 on Monday."
    assert window.closed_screen.notice_words == shown
    assert panel == [False, True], "the panel is on while the words show"
    # The words are drawn in the dim grey, nothing else lights up.
    image = window.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, 1920, 7) for y in (540, 560)}
    assert colours <= {"#000000", *(QColor(v, v, v).name() for v in range(0, 0x97))}
    assert len(colours) > 1, "no words on the screen"
    clock.advance(NOTICE_S - 0.1)
    assert window.closed_screen.notice_words == shown
    # Another touch keeps them 15 s from then.
    touch_tap(window, touchscreen, QPoint(300, 300))
    clock.advance(NOTICE_S - 0.1)
    assert window.closed_screen.notice_words == shown
    clock.advance(0.2)
    assert window.closed_screen.notice_words == ""
    assert panel == [False, True, False]
    assert pixel(window, window.rect().center()) == "#000000"


def test_touches_and_keys_are_swallowed_while_closed(window, touchscreen):
    next_was = centre_in(window, window.reading_screen.next_button)
    window.set_closed(True, MONDAY_MORNING)
    start_was = centre_in(window, window.start_screen.start_button)
    for point in (next_was, start_was, QPoint(960, 540)):
        touch_tap(window, touchscreen, point)
        assert window.session.position == START
        assert window.closed_screen.isVisible()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, next_was)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
        QTest.keyClick(window, key)
    assert window.session.position == START
    assert window.closed_screen.isVisible()


def test_the_staff_corner_still_opens_the_pin_pad_and_the_staff_screen(window, clock, touchscreen):
    panel: list[bool] = []
    window.closed_notice_changed.connect(panel.append)
    window.set_closed(True, MONDAY_MORNING)
    corner_taps(window, touchscreen)
    assert window.pin_pad.isVisible()
    assert panel == [False, True], "the panel comes on for staff"
    hold_open_staff_screen(window, clock)
    assert not window.closed_screen.isVisible()
    assert window.staff_screen.isVisible()
    click(window.staff_screen.back_button)
    # Staff leave: black again, the clinic is still closed.
    assert window.closed_screen.isVisible()
    assert window.router.mode is Mode.CLOSED
    assert window.session.position == START
    assert panel == [False, True, False]
    touch_tap(window, touchscreen, QPoint(960, 540))
    assert window.closed_screen.notice_words.startswith("The clinic is closed.")


def test_the_staff_screen_left_open_is_covered_at_closing(window, clock, touchscreen):
    corner_taps(window, touchscreen)
    hold_open_staff_screen(window, clock)
    window.set_closed(True, MONDAY_MORNING)
    assert window.closed_screen.isVisible()
    assert not window.in_staff_mode
    assert window.session.position == START
    # Its time-out, due meanwhile, changes nothing.
    clock.advance(60)
    assert window.closed_screen.isVisible()
    assert window.router.mode is Mode.CLOSED


def test_the_still_reading_warning_is_covered_at_closing(window, clock, touchscreen):
    clock.advance(SETTINGS.idle_timeout)
    assert window.idle_overlay.isVisible()
    window.set_closed(True, MONDAY_MORNING)
    assert not window.idle_overlay.isVisible()
    assert window.router.mode is Mode.CLOSED
    touch_tap(window, touchscreen, QPoint(960, 540))
    assert window.closed_screen.notice_words != ""


# Opening


def test_opening_shows_the_start_screen_and_touches_work_again(window, touchscreen):
    window.set_closed(True, MONDAY_MORNING)
    touch_tap(window, touchscreen, QPoint(960, 540))
    window.set_closed(False, None)
    assert not window.closed_screen.isVisible()
    assert window.current_screen() is window.start_screen
    assert window.router.mode is Mode.READING
    assert pixel(window, window.rect().center()) != "#000000"
    touch_tap(window, touchscreen, centre_in(window, window.start_screen.start_button))
    assert window.session.position == reading(0, 0)


def test_staff_at_work_when_the_clinic_opens_keep_their_screen(window, clock, touchscreen):
    window.set_closed(True, MONDAY_MORNING)
    corner_taps(window, touchscreen)
    hold_open_staff_screen(window, clock)
    window.set_closed(False, None)
    assert window.current_screen() is window.staff_screen
    click(window.staff_screen.back_button)
    assert window.current_screen() is window.start_screen
    assert window.router.mode is Mode.READING


@pytest.mark.parametrize(
    ("size", "diagonal"),
    [(QSize(800, 480), 7.0), (QSize(1080, 1920), 21.5), (QSize(3840, 2160), 55.0)],
    ids=["7in", "portrait", "55in"],
)
def test_every_word_of_the_notice_shows_on_every_panel(qtbot, article, size, diagonal):
    settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)
    window = build_window(article, settings, ManualClock())
    qtbot.addWidget(window)
    window.resize(size)
    with qtbot.waitExposed(window):
        window.show()
    window.wall = lambda: SATURDAY_EVENING
    window.set_closed(True, dt.datetime(2026, 3, 30, 7, 45))
    screen = window.closed_screen
    screen.show_notice()
    area = screen.notice_area()
    font = screen.notice_font()
    used = QFontMetrics(font).boundingRect(
        QRect(0, 0, area.width(), 100_000),
        int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
        screen.notice_words,
    )
    assert used.height() <= area.height()
    assert used.width() <= area.width()
    # Never below the smallest words anywhere in the kiosk.
    assert font.pixelSize() >= window.session.theme.small_px
