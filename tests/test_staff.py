"""Staff access: the hidden corner, the PIN pad, the lock, the staff screen, `kiosk set-pin`."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib

import pytest
from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QRect, QSize, Qt
from PySide6.QtTest import QTest

from kiosk import paths
from kiosk.config import Settings
from kiosk.navigation import START
from kiosk.staff import LOCK_SECONDS, PinResult, StaffLock, hash_pin, verify_pin
from kiosk.theme import MINIMUM_GAP_PX
from kiosk.ui.window import KioskWindow

from .conftest import ROOT
from .helpers import ManualClock, WallClock, build_window, click, reading, touch_tap

PIN = "4826"
PIN_HASH = hash_pin(PIN)


@pytest.fixture
def lock_file(tmp_path):
    return tmp_path / "state" / "staff-lock.json"


@pytest.fixture
def staffed(qtbot, article, lock_file):
    """A windowed kiosk with a PIN set, on the second section."""

    def make(
        pin_hash: str = PIN_HASH,
        timeout: float = 30.0,
        clock=None,
        size: QSize | None = None,
        diagonal: float | None = None,
    ) -> KioskWindow:
        size = size or QSize(1920, 1080)
        settings = (
            settings_for(size)
            if diagonal is None
            else Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)
        )
        window = build_window(
            article,
            settings=settings,
            clock=clock,
            staff_lock=StaffLock(lock_file),
            pin_hash=lambda: pin_hash,
            staff_timeout_s=timeout,
            set_pin_command="/opt/kiosk/.venv/bin/kiosk set-pin",
        )
        qtbot.addWidget(window)
        window.resize(size)
        with qtbot.waitExposed(window):
            window.show()
        qtbot.waitUntil(lambda: window.size() == size)
        click(window.start_screen.section_buttons[1])
        return window

    return make


def settings_for(size: QSize) -> Settings:
    """Settings for a window of `size` on the tests' 1920x1080 screen. Qt's offscreen screen
    reports 100 dpi whatever tests/conftest.py asks (a believable 22-inch panel), so a small
    window would be sized for the eye on that panel. Said to be 120 inches, the panel's eye
    scale falls below the pixels': a small window is laid out as the pixels say, the layout
    an 800x480 kiosk had before the eye's scale."""
    small = min(size.width(), size.height()) < 1080
    return Settings(
        animations=False, speech_engine="mock", screen_diagonal_inches=120.0 if small else 0.0
    )


SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(800, 480)]
# Windows of a size and a panel diagonal, sized for the eye: the small panels' own layouts.
PANELS = [pytest.param(size, None, id=f"{size.width()}x{size.height()}") for size in SIZES] + [
    pytest.param(QSize(800, 480), 7.0, id="7in-800x480"),
    pytest.param(QSize(1280, 800), 10.1, id="10in-1280x800"),
    pytest.param(QSize(800, 1280), 10.1, id="10in-800x1280"),
    pytest.param(QSize(1366, 768), 15.6, id="15.6in-1366x768"),
]


def corner_taps(window, touchscreen, count: int = 5) -> None:
    for _ in range(count):
        touch_tap(window, touchscreen, QPoint(30, 30))


def enter(window, pin: str) -> None:
    """Type the PIN, press OK, and wait for its check (in a worker thread) to come back."""
    pad = window.pin_pad
    for digit in pin:
        click(pad.digit_buttons[int(digit)])
    click(pad.ok_button)
    wait_for_check(pad)


def wait_for_check(pad) -> None:
    """Until the PIN check (in a worker thread) has come back, handling events meanwhile."""
    deadline = time.monotonic() + 5
    while pad.checking and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    assert not pad.checking, "the PIN check never came back"


# The PIN itself


def test_only_a_salted_hash_is_kept():
    assert PIN not in PIN_HASH
    assert hash_pin(PIN) != PIN_HASH  # a new salt every time
    assert verify_pin(PIN, PIN_HASH)
    assert not verify_pin("4827", PIN_HASH)
    assert not verify_pin(PIN, "not a hash")


def test_five_wrong_pins_lock_for_five_minutes_even_across_a_restart(lock_file):
    clock = WallClock()
    lock = StaffLock(lock_file, clock)
    for tries_left in (4, 3, 2, 1):
        assert lock.attempt("0000", PIN_HASH).tries_left == tries_left
    locked = lock.attempt("0000", PIN_HASH)
    assert locked.result == PinResult.LOCKED
    assert locked.locked_until == clock.now + LOCK_SECONDS
    restarted = StaffLock(lock_file, clock)
    assert restarted.attempt(PIN, PIN_HASH).result == PinResult.LOCKED  # even the right PIN
    clock.now += LOCK_SECONDS + 1
    assert restarted.attempt(PIN, PIN_HASH).result == PinResult.ACCEPTED


def test_the_right_pin_resets_the_count(lock_file):
    lock = StaffLock(lock_file, WallClock())
    for _ in range(4):
        lock.attempt("0000", PIN_HASH)
    assert lock.attempt(PIN, PIN_HASH).result == PinResult.ACCEPTED
    assert lock.attempt("0000", PIN_HASH).tries_left == 4


def test_set_pin_asks_twice_and_stores_only_the_hash(private_folders):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "set-pin"],
        input=f"{PIN}\n{PIN}\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    config = paths.config_file()
    text = config.read_text(encoding="utf-8")
    assert PIN not in text
    assert verify_pin(PIN, tomllib.loads(text)["staff_pin_hash"])
    assert str(config) in result.stdout


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        (f"{PIN}\n4827\n", "differ"),
        ("12\n12\n", "4 to 8 digits"),
        ("1111\n1111\n", "repeated"),
        ("12ab\n12ab\n", "digits only"),
    ],
)
def test_set_pin_refuses_mistakes_and_changes_nothing(private_folders, answers, says):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "set-pin"],
        input=answers,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert says in result.stderr
    assert "Nothing was changed" in result.stderr
    assert not paths.config_file().exists()


# The gesture and the screens


def test_five_corner_taps_open_the_pin_pad_and_do_nothing_else(staffed, touchscreen):
    window = staffed()
    corner_taps(window, touchscreen, 4)
    assert not window.pin_pad.isVisible()
    corner_taps(window, touchscreen, 1)
    assert window.pin_pad.isVisible()
    assert window.pin_pad.digit_buttons[5].isVisible()
    assert window.session.position == reading(1, 0), "the corner taps also turned pages"
    assert not window.session.idle.armed


def test_the_right_pin_opens_the_staff_screen(staffed, touchscreen):
    window = staffed()
    window.staff_screen.set_status("Showing: Ketamine\nNext review due: 2027-01-31", ["A problem"])
    corner_taps(window, touchscreen)
    enter(window, PIN)
    assert not window.pin_pad.isVisible()
    screen = window.staff_screen
    assert window.current_screen() is screen
    assert "Next review due: 2027-01-31" in screen.status_label.text()
    assert "A problem" in screen.problems_label.text()
    for button in (screen.reload_button, screen.exit_button, screen.back_button):
        assert button.isVisible()
    click(screen.back_button)
    assert window.session.position == START
    assert window.current_screen() is window.start_screen


def test_a_staff_keyboard_can_type_the_pin(staffed, touchscreen):
    window = staffed()
    corner_taps(window, touchscreen)
    QTest.keyClicks(window, "48")
    assert window.pin_pad.digits == "48"
    QTest.keyClick(window, Qt.Key.Key_Backspace)
    QTest.keyClicks(window, "826")
    QTest.keyClick(window, Qt.Key.Key_Return)
    wait_for_check(window.pin_pad)
    assert window.current_screen() is window.staff_screen


def test_a_wrong_pin_says_how_many_tries_are_left_then_locks(staffed, touchscreen, lock_file):
    window = staffed()
    corner_taps(window, touchscreen)
    enter(window, "1234")
    assert window.pin_pad.message_label.text() == "Wrong PIN. 4 tries left."
    assert window.pin_pad.digits == ""
    for _ in range(4):
        enter(window, "1234")
    assert window.pin_pad.title_label.text() == "Staff access is locked"
    assert "Try again after" in window.pin_pad.message_label.text()
    assert not window.pin_pad.digit_buttons[1].isVisible()
    # After a restart the lock still holds.
    click(window.pin_pad.cancel_button)
    again = staffed()
    corner_taps(again, touchscreen)
    assert again.pin_pad.title_label.text() == "Staff access is locked"


def test_without_a_pin_the_gesture_says_so_and_how_to_set_one(staffed, touchscreen):
    window = staffed(pin_hash="", clock=ManualClock())
    corner_taps(window, touchscreen)
    pad = window.pin_pad
    assert pad.title_label.text() == "No staff PIN is set"
    assert "Anyone can open the staff screen" in pad.message_label.text()
    assert "/opt/kiosk/.venv/bin/kiosk set-pin" in pad.message_label.text()
    assert not pad.digit_buttons[0].isVisible()
    assert pad.hold_button.isVisible()
    click(pad.cancel_button)
    assert not pad.isVisible()
    assert window.session.position == START


def test_without_a_pin_holding_the_button_for_3_seconds_opens_the_staff_screen(
    staffed, touchscreen
):
    clock = ManualClock()
    window = staffed(pin_hash="", clock=clock)
    corner_taps(window, touchscreen)
    hold = window.pin_pad.hold_button
    centre = hold.rect().center()
    # A tap, or a hold let go too early, does nothing: a patient does not get in by chance.
    click(hold)
    QTest.mousePress(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    clock.advance(2.9)
    QTest.mouseRelease(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    clock.advance(5)
    assert window.current_screen() is not window.staff_screen
    assert window.pin_pad.isVisible()
    QTest.mousePress(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    clock.advance(3)
    assert window.current_screen() is window.staff_screen
    assert not window.pin_pad.isVisible()
    QTest.mouseRelease(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def test_pin_pad_and_staff_screen_hand_back_after_a_quiet_spell(staffed, touchscreen, qtbot):
    window = staffed(timeout=0.3)
    corner_taps(window, touchscreen)
    qtbot.waitUntil(lambda: not window.pin_pad.isVisible(), timeout=3000)
    assert window.current_screen() is window.start_screen
    corner_taps(window, touchscreen)
    enter(window, PIN)
    assert window.current_screen() is window.staff_screen
    qtbot.waitUntil(lambda: window.current_screen() is window.start_screen, timeout=3000)


def test_exit_kiosk_asks_first_and_no_keeps_the_kiosk_running(staffed, touchscreen, qtbot):
    window = staffed()
    corner_taps(window, touchscreen)
    enter(window, PIN)
    screen = window.staff_screen
    exits: list[bool] = []
    window.exit_requested.connect(lambda: exits.append(True))

    click(screen.exit_button)
    QCoreApplication.processEvents()
    assert exits == [], "one tap ended the kiosk"
    assert screen.asking_to_exit
    assert screen.confirm_heading_label.text() == "Close the kiosk?"
    assert screen.confirm_detail_label.text() == (
        "Patients will see the desktop until it starts again."
    )
    assert screen.yes_button.text() == "Yes, close it"
    assert screen.no_button.text() == "No, go back"
    assert not screen.exit_button.isVisible()
    theme = window.session.theme
    for button in (screen.yes_button, screen.no_button):
        assert button.isVisible()
        assert button.height() >= theme.touch_target_min
        assert button.width() >= theme.touch_target_min

    click(screen.no_button)
    QCoreApplication.processEvents()
    assert exits == []
    assert not window.close_permitted
    assert window.current_screen() is screen
    assert not screen.asking_to_exit
    assert screen.exit_button.isVisible()

    click(screen.exit_button)
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        click(screen.yes_button)
    assert window.close_permitted


@pytest.mark.parametrize(("size", "diagonal"), PANELS)
def test_a_second_tap_where_exit_was_never_answers_yes(staffed, touchscreen, qtbot, size, diagonal):
    """A shaky finger taps twice: the second tap lands where "Exit kiosk" was, and must not
    find "Yes, close it" there."""
    window = staffed(size=size, diagonal=diagonal)
    corner_taps(window, touchscreen)
    enter(window, PIN)
    screen = window.staff_screen
    exits: list[bool] = []
    window.exit_requested.connect(lambda: exits.append(True))
    exit_at = screen.exit_button.mapTo(window, screen.exit_button.rect().center())
    exit_rect = QRect(screen.exit_button.mapTo(window, QPoint(0, 0)), screen.exit_button.size())
    touch_tap(window, touchscreen, exit_at)
    assert screen.asking_to_exit
    QCoreApplication.processEvents()
    yes_rect = QRect(screen.yes_button.mapTo(window, QPoint(0, 0)), screen.yes_button.size())
    assert not yes_rect.intersects(exit_rect)
    assert window.rect().contains(yes_rect)
    touch_tap(window, touchscreen, exit_at)
    QCoreApplication.processEvents()
    assert exits == []


def test_the_staff_screen_opens_afresh_without_the_question(staffed, touchscreen):
    window = staffed()
    corner_taps(window, touchscreen)
    enter(window, PIN)
    click(window.staff_screen.exit_button)
    assert window.staff_screen.asking_to_exit
    window.close_staff_access()  # as after 30 s untouched
    corner_taps(window, touchscreen)
    enter(window, PIN)
    assert window.current_screen() is window.staff_screen
    assert not window.staff_screen.asking_to_exit
    assert window.staff_screen.exit_button.isVisible()


def test_the_staff_screen_lists_warnings_beside_problems(staffed, touchscreen):
    window = staffed()
    screen = window.staff_screen
    screen.set_status("Showing: Ketamine", [])
    assert screen.problems_label.text() == "No problems found."
    screen.set_warnings(["a.md: There is no 'summary:' line; the start screen shows none."])
    text = screen.problems_label.text()
    assert "No problems found" not in text
    assert "To fix when you can (the kiosk still works):" in text
    assert "\N{BULLET} a.md: There is no 'summary:' line" in text
    # The controller's status comes and goes; the warnings stay until they change.
    screen.set_status("Showing: Ketamine", ["A problem"])
    text = screen.problems_label.text()
    assert text.index("Problems:") < text.index("A problem") < text.index("To fix when")
    screen.set_warnings([])
    screen.set_status("Showing: Ketamine", [])
    assert screen.problems_label.text() == "No problems found."
    # While 'kiosk check' is being asked, the screen says so rather than "No problems".
    screen.set_warnings(None)
    assert screen.problems_label.text() == "Checking the content\N{HORIZONTAL ELLIPSIS}"


@pytest.mark.parametrize(("size", "diagonal"), PANELS)
def test_the_pin_pad_keys_never_move_when_a_message_shows(
    staffed, touchscreen, qtbot, size, diagonal
):
    window = staffed(size=size, diagonal=diagonal)
    corner_taps(window, touchscreen)
    pad = window.pin_pad
    keys = (*pad.digit_buttons, pad.clear_button, pad.ok_button, pad.cancel_button)

    def geometry() -> list[QRect]:
        QCoreApplication.processEvents()  # the layout moves things on a posted event
        return [QRect(key.mapTo(window, QPoint(0, 0)), key.size()) for key in keys]

    before = geometry()
    assert pad.message_label.text() == ""
    gap = window.session.theme.px(MINIMUM_GAP_PX) - 1
    for index, key in enumerate(before):
        assert window.rect().contains(key)
        grown = key.adjusted(-gap, -gap, gap, gap)
        assert not any(grown.intersects(other) for other in before[index + 1 :])
    enter(window, "1234")
    assert pad.message_label.text() == "Wrong PIN. 4 tries left."
    assert geometry() == before
    pad.show_checking()
    assert geometry() == before
    click(pad.digit_buttons[4])
    assert geometry() == before


def test_reload_content_is_asked_for(staffed, touchscreen, qtbot):
    window = staffed()
    corner_taps(window, touchscreen)
    enter(window, PIN)
    with qtbot.waitSignal(window.reload_requested, timeout=1000):
        click(window.staff_screen.reload_button)
