"""Staff access fails closed: a full disk, a damaged lock file, a clock set back, a weak or
ruinous PIN hash, or one typo in config.toml never opens the staff screen to anyone, never
locks staff out for longer than a lock lasts, and never takes the screen down.

Faults are injected, not made with file modes (the test machine runs as root, which writes
anyway): a state "folder" that is a regular file, a config "file" that is a folder, and a
monkeypatched Path.replace that fails with ENOSPC as on a full disk. Every clock is injected.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import logging
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from kiosk import staff, words
from kiosk.app import KioskController, present
from kiosk.config import Settings, load_config_file
from kiosk.crashes import CrashRecord
from kiosk.staff import LOCK_SECONDS, PinResult, StaffLock, hash_pin, verify_pin

from .helpers import WallClock, build_window, click, touch_tap

PIN = "4826"
PIN_HASH = hash_pin(PIN)
WRONG = "1234"
# 2025-10-09 08:53:20 UTC, and 2000-01-01 00:00 UTC: what a flat clock battery boots into.
NOW_2025 = 1_760_000_000.0
NOW_2000 = 946_684_800.0


@pytest.fixture
def lock_file(tmp_path):
    return tmp_path / "state" / "staff-lock.json"


@pytest.fixture
def staffed(qtbot, article):
    """A shown kiosk window with a staff PIN, on a reading page."""

    def make(lock: StaffLock, pin_hash: str = PIN_HASH):
        window = build_window(
            article,
            staff_lock=lock,
            pin_hash=lambda: pin_hash,
            set_pin_command="/opt/kiosk/.venv/bin/kiosk set-pin",
        )
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        with qtbot.waitExposed(window):
            window.show()
        click(window.start_screen.section_buttons[1])
        return window

    return make


def open_pin_pad(window, touchscreen) -> None:
    for _ in range(5):
        touch_tap(window, touchscreen, QPoint(30, 30))
    assert window.pin_pad.isVisible()


def type_pin(window, pin: str) -> None:
    pad = window.pin_pad
    for digit in pin:
        click(pad.digit_buttons[int(digit)])
    click(pad.ok_button)


def clock_text(moment: float) -> str:
    return time.strftime("%H:%M", time.localtime(moment))


def scrypt_hash(n: int, r: int, p: int, salt: bytes, digest: bytes) -> str:
    encode = base64.b64encode
    return f"scrypt${n}${r}${p}${encode(salt).decode()}${encode(digest).decode()}"


# 1. A wrong try that cannot be saved still counts, and still locks


def test_wrong_tries_that_cannot_be_saved_still_lock(tmp_path):
    # The state folder is a regular file: nothing can be written under it.
    (tmp_path / "state").write_text("not a folder", encoding="utf-8")
    clock = WallClock()
    lock = StaffLock(tmp_path / "state" / "staff-lock.json", clock)
    results = [lock.attempt(WRONG, PIN_HASH) for _ in range(5)]
    assert [r.tries_left for r in results[:4]] == [4, 3, 2, 1]
    assert results[4].result == PinResult.LOCKED
    assert results[4].locked_until == clock.now + LOCK_SECONDS
    assert results[4].not_saved == lock.save_problem == "File exists"  # from mkdir
    assert lock.attempt(PIN, PIN_HASH).result == PinResult.LOCKED  # even the right PIN
    clock.now += LOCK_SECONDS + 1
    assert lock.attempt(PIN, PIN_HASH).result == PinResult.ACCEPTED


def test_on_a_full_disk_the_pin_pad_and_the_log_say_the_lock_cannot_be_saved(
    staffed, touchscreen, qtbot, lock_file, monkeypatch, caplog
):
    # A full disk: the lock file's new version cannot be put in place (ENOSPC).
    replace = Path.replace

    def full_disk(self: Path, target: Path) -> Path:
        if Path(target).name == "staff-lock.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", full_disk)
    window = staffed(StaffLock(lock_file))
    pad = window.pin_pad
    open_pin_pad(window, touchscreen)
    saying = (
        f"Staff access: wrong tries cannot be saved to {lock_file} (No space left on "
        "device); the lock still holds until the kiosk restarts."
    )
    with caplog.at_level(logging.WARNING, logger="kiosk.staff"):
        for tries_left in (4, 3, 2, 1):
            type_pin(window, WRONG)
            qtbot.waitUntil(
                lambda n=tries_left: pad.message_label.text().startswith(f"Wrong PIN. {n} ")
            )
            assert pad.message_label.text() == f"{words.wrong_pin(tries_left)}\n{saying}"
        type_pin(window, WRONG)
        qtbot.waitUntil(lambda: pad.title_label.text() == "Staff access is locked")
    assert saying in pad.message_label.text()
    assert [r.getMessage() for r in caplog.records].count(saying) == 1, "logged once, not per try"
    # Closed and opened again, it is still locked: the right PIN gets no chance.
    click(pad.cancel_button)
    open_pin_pad(window, touchscreen)
    assert pad.title_label.text() == "Staff access is locked"
    assert not pad.digit_buttons[4].isVisible()


# 2. A damaged lock file locks for one lock period, and nothing raises

DAMAGED = {
    "Infinity": '{"wrong_tries": 0, "locked_until": Infinity}',
    "NaN": '{"wrong_tries": 0, "locked_until": NaN}',
    "a float too big": '{"wrong_tries": 0, "locked_until": 1e400}',
    "an int too big": '{"wrong_tries": 0, "locked_until": 1' + "0" * 400 + "}",
    "nested deep": "[" * 2000 + "]" * 2000,
    "nested huge": "[" * 100_000 + "]" * 100_000,
    "garbage": "\x00\ufffdgarbage",
    "cut short": '{"wrong_tries": 4, "lock',
    "empty": "",
    "not an object": "[1, 2]",
    "a count in words": '{"wrong_tries": "4", "locked_until": 0}',
    "a negative count": '{"wrong_tries": -1000, "locked_until": 0}',
    "a count of true": '{"wrong_tries": true, "locked_until": 0}',
    "a count too high": '{"wrong_tries": 99, "locked_until": 0}',
    "a negative time": '{"wrong_tries": 0, "locked_until": -5}',
    "no time": '{"wrong_tries": 0}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_lock_file_locks_for_one_lock_period(lock_file, content, caplog):
    lock_file.parent.mkdir(parents=True)
    lock_file.write_text(content, encoding="utf-8")
    clock = WallClock()
    with caplog.at_level(logging.ERROR, logger="kiosk.staff"):
        lock = StaffLock(lock_file, clock)
        # Not forever, and not reset to no wrong tries at all.
        assert lock.locked_until() == clock.now + LOCK_SECONDS
    assert "cannot be trusted" in caplog.text
    assert lock.attempt(PIN, PIN_HASH).result == PinResult.LOCKED
    clock.now += LOCK_SECONDS + 1
    assert lock.attempt(PIN, PIN_HASH).result == PinResult.ACCEPTED
    assert json.loads(lock_file.read_text(encoding="utf-8"))["wrong_tries"] == 0


@pytest.mark.parametrize("until", ["Infinity", "1e18"])
def test_a_lock_file_dated_far_ahead_locks_for_five_minutes_and_the_corner_still_works(
    staffed, touchscreen, lock_file, until
):
    lock_file.parent.mkdir(parents=True)
    lock_file.write_text(f'{{"wrong_tries": 0, "locked_until": {until}}}', encoding="utf-8")
    clock = WallClock()
    window = staffed(StaffLock(lock_file, clock))
    open_pin_pad(window, touchscreen)  # raised OverflowError here, counted as a crash
    pad = window.pin_pad
    assert pad.title_label.text() == "Staff access is locked"
    assert pad.message_label.text() == words.staff_locked_until(
        clock_text(clock.now + LOCK_SECONDS)
    )


# 3. Clocks: never locked longer than a lock lasts; crashes "in the future" are stale


def test_a_clock_set_back_an_hour_locks_for_five_minutes_not_65(lock_file):
    clock = WallClock()
    lock = StaffLock(lock_file, clock)
    for _ in range(5):
        lock.attempt(WRONG, PIN_HASH)
    clock.now -= 3600
    assert lock.locked_until() == clock.now + LOCK_SECONDS
    clock.now += LOCK_SECONDS + 1
    assert lock.attempt(PIN, PIN_HASH).result == PinResult.ACCEPTED


def test_a_reboot_with_the_clock_at_2000_locks_for_five_minutes_not_27_years(
    staffed, touchscreen, lock_file
):
    before = StaffLock(lock_file, WallClock(NOW_2025))
    for _ in range(5):
        before.attempt(WRONG, PIN_HASH)
    clock = WallClock(NOW_2000)
    window = staffed(StaffLock(lock_file, clock))
    open_pin_pad(window, touchscreen)
    assert window.pin_pad.message_label.text() == words.staff_locked_until(
        clock_text(NOW_2000 + LOCK_SECONDS)
    )
    clock.now += LOCK_SECONDS + 1
    click(window.pin_pad.cancel_button)
    open_pin_pad(window, touchscreen)
    assert window.pin_pad.digit_buttons[4].isVisible(), "still locked after five minutes"


def test_crashes_dated_in_the_future_are_not_recent(tmp_path):
    clock = WallClock()
    record = CrashRecord(tmp_path, clock)
    for _ in range(3):
        record.record()
    assert record.too_many()
    clock.now -= 3600  # set back: the three crashes now lie in the future
    assert record.recent() == 0
    assert not record.too_many()
    record.record()
    assert record.recent() == 1


@pytest.mark.parametrize(
    "content", ["[Infinity, Infinity, Infinity]", "[" * 2000 + "]" * 2000], ids=["inf", "nested"]
)
def test_a_damaged_crash_record_counts_no_crashes(tmp_path, content):
    (tmp_path / "crashes.json").write_text(content, encoding="utf-8")
    assert not CrashRecord(tmp_path, WallClock()).too_many()


# 4. Hashes: weak or ruinous ones are refused; the PIN is checked off the GUI thread

SALT = bytes(range(16))
DIGEST = bytes(range(32))
REFUSED = {
    "a 1-byte digest at N = 2": (scrypt_hash(2, 1, 1, SALT, b"\x01"), "cost N = 2 "),
    "p = 1024": (scrypt_hash(2**14, 8, 1024, SALT, DIGEST), "parallelism p = 1024 "),
    "N = 2^20": (scrypt_hash(2**20, 8, 1, SALT, DIGEST), "cost N = 1048576 "),
    "N not a power of two": (scrypt_hash(16385, 8, 1, SALT, DIGEST), "power of two"),
    "r = 1": (scrypt_hash(2**14, 1, 1, SALT, DIGEST), "block size r = 1 "),
    "N r p too dear": (scrypt_hash(2**17, 8, 2, SALT, DIGEST), "take too long"),
    "an 8-byte salt": (scrypt_hash(2**14, 8, 1, SALT[:8], DIGEST), "salt is 8 bytes"),
    "a 16-byte digest": (scrypt_hash(2**14, 8, 1, SALT, DIGEST[:16]), "hash is 16 bytes"),
    "not base64": ("scrypt$16384$8$1$@@@@$AAAA", "not base64"),
    "a PIN, not a hash": (PIN, "not a hash written by 'kiosk set-pin'"),
}


@pytest.mark.parametrize(("stored", "says"), REFUSED.values(), ids=REFUSED.keys())
def test_a_weak_or_ruinous_hash_in_the_config_is_named_and_keeps_staff_out(tmp_path, stored, says):
    path = tmp_path / "config.toml"
    path.write_text(f'idle_timeout = 120\nstaff_pin_hash = "{stored}"\n', encoding="utf-8")
    loaded = load_config_file(path)
    (problem,) = loaded.problems
    assert says in str(problem)
    assert "Run 'kiosk set-pin' again" in str(problem)
    # Neither the salt, the digest nor a PIN written there by mistake reaches the log.
    assert stored.rsplit("$", 1)[-1] not in str(problem)
    assert loaded.settings.idle_timeout == 120
    # Not "" (no PIN: anyone may open the staff screen), and not the hash itself.
    assert loaded.settings.staff_pin_hash not in ("", stored)
    assert staff.pin_hash_problem(loaded.settings.staff_pin_hash)


def test_no_pin_of_10000_opens_a_weak_hash():
    salt = b"s" * 16
    weak = scrypt_hash(
        2, 1, 1, salt, hashlib.scrypt(PIN.encode(), salt=salt, n=2, r=1, p=1, dklen=1)
    )
    # With the old check, 44 of the 10,000 four-digit PINs matched its one byte.
    assert [pin for pin in (f"{i:04d}" for i in range(10_000)) if verify_pin(pin, weak)] == []


@pytest.mark.parametrize(("n", "r", "p"), [(2**17, 8, 1), (2**15, 32, 1), (2**14, 16, 4)], ids=str)
def test_the_dearest_hashes_accepted_do_work(tmp_path, n, r, p):
    salt = bytes(16)
    digest = hashlib.scrypt(PIN.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=2**28)
    stored = scrypt_hash(n, r, p, salt, digest)
    path = tmp_path / "config.toml"
    path.write_text(f'staff_pin_hash = "{stored}"\n', encoding="utf-8")
    assert load_config_file(path).problems == ()
    # These need up to 128 MiB, over OpenSSL's default limit of 32 MiB: never a match before.
    assert verify_pin(PIN, stored)
    assert not verify_pin(WRONG, stored)


def test_a_ruinous_hash_says_so_at_the_corner_instead_of_checking_for_25_seconds(
    staffed, touchscreen, lock_file
):
    window = staffed(StaffLock(lock_file), pin_hash=REFUSED["p = 1024"][0])
    open_pin_pad(window, touchscreen)
    pad = window.pin_pad
    assert pad.title_label.text() == "The staff PIN cannot be used"
    assert "/opt/kiosk/.venv/bin/kiosk set-pin" in pad.message_label.text()
    assert not pad.digit_buttons[0].isVisible()
    assert not pad.hold_button.isVisible(), "a bad hash must not open the staff screen to all"


def test_the_pin_is_checked_off_the_gui_thread_and_the_pad_says_checking(
    staffed, touchscreen, qtbot, lock_file, monkeypatch
):
    release = threading.Event()
    checked_on: list[threading.Thread] = []
    real_verify = staff.verify_pin

    def slow_verify(pin: str, stored: str) -> bool:
        checked_on.append(threading.current_thread())
        release.wait(timeout=3)  # a slow scrypt, until the test lets it finish
        return real_verify(pin, stored)

    monkeypatch.setattr(staff, "verify_pin", slow_verify)
    window = staffed(StaffLock(lock_file))
    pad = window.pin_pad
    open_pin_pad(window, touchscreen)
    try:
        type_pin(window, PIN)
        # The window still answers while the check runs: it says so and takes no input.
        assert pad.message_label.text() == "Checking\u2026"
        click(pad.digit_buttons[7])
        click(pad.cancel_button)
        assert pad.digits == ""
        assert pad.isVisible()
        assert window.current_screen() is not window.staff_screen
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.current_screen() is window.staff_screen)
    assert checked_on
    assert checked_on[0] is not threading.main_thread()


# 5. One typo in config.toml keeps the PIN, and the staff screen names the problem


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_typo_elsewhere_keeps_the_pin(tmp_path):
    path = write_config(
        tmp_path,
        f'idle_timeout = 120\nanimations = maybe\nstaff_pin_hash = "{PIN_HASH}"  # set-pin\n',
    )
    loaded = load_config_file(path)
    assert loaded.settings.staff_pin_hash == PIN_HASH
    (problem,) = loaded.problems
    assert "not valid TOML" in str(problem)
    assert "line 2" in str(problem)
    assert "The staff PIN is kept" in str(problem)


def test_a_broken_file_without_a_pin_still_has_none(tmp_path):
    path = write_config(tmp_path, 'idle_timeout = 120\nanimations = maybe\nstaff_pin_hash = ""\n')
    assert load_config_file(path).settings.staff_pin_hash == ""


@pytest.mark.parametrize(
    "text",
    [
        f'animations = maybe\nstaff_pin_hash = "{PIN_HASH}\n',  # the hash line itself broken
        f'animations = maybe\n[old]\nstaff_pin_hash = "{PIN_HASH}"\n',  # not at the top level
        f'staff_pin_hash = "{PIN_HASH}"\nstaff_pin_hash = "{hash_pin("1357")}"\n',  # two
    ],
    ids=["broken line", "in a table", "two PINs"],
)
def test_a_pin_line_that_cannot_be_read_keeps_the_staff_screen_closed(
    tmp_path, staffed, touchscreen, lock_file, text
):
    loaded = load_config_file(write_config(tmp_path, text))
    window = staffed(StaffLock(lock_file), pin_hash=loaded.settings.staff_pin_hash)
    open_pin_pad(window, touchscreen)
    assert window.pin_pad.title_label.text() == "The staff PIN cannot be used"
    assert not window.pin_pad.hold_button.isVisible()


def test_a_config_that_cannot_be_read_keeps_the_staff_screen_closed(
    tmp_path, staffed, touchscreen, lock_file
):
    # A folder where the config file should be: reading it fails (EISDIR) even as root.
    path = tmp_path / "config.toml"
    path.mkdir()
    loaded = load_config_file(path, required=True)
    assert "could not be read" in str(loaded.problems[0])
    window = staffed(StaffLock(lock_file), pin_hash=loaded.settings.staff_pin_hash)
    open_pin_pad(window, touchscreen)
    assert window.pin_pad.title_label.text() == "The staff PIN cannot be used"
    assert not window.pin_pad.hold_button.isVisible()


def test_with_a_typo_in_the_config_staff_get_in_with_their_pin_and_see_the_problem(
    qapp, qtbot, tmp_path, touchscreen
):
    path = write_config(
        tmp_path, f'idle_timeout = 120\nanimations = maybe\nstaff_pin_hash = "{PIN_HASH}"\n'
    )
    loaded = load_config_file(path)
    controller = KioskController(
        qapp,
        Settings(animations=False, speech_engine="mock"),
        tmp_path / "no content",
        config_file=path,
        config_problems=loaded.problems,
        # As kiosk.cli does: read afresh at each staff gesture.
        pin_hash=lambda: load_config_file(path).settings.staff_pin_hash,
        state_dir=tmp_path / "state",
    )
    window = controller.window
    try:
        present(window, qapp, Settings(), windowed=True)
        qtbot.waitUntil(lambda: controller.services_started)
        open_pin_pad(window, touchscreen)
        type_pin(window, PIN)
        qtbot.waitUntil(lambda: window.current_screen() is window.staff_screen)
        problems = window.staff_screen.problems_label.text()
        assert "not valid TOML" in problems
        assert "The staff PIN is kept" in problems
        assert "No staff PIN is set" not in problems
    finally:
        controller._on_quit()
        window.close()
        window.deleteLater()
        controller.deleteLater()


def test_a_config_file_that_has_gone_keeps_the_pin_it_held(tmp_path, monkeypatch):
    from kiosk import app, cli

    path = write_config(tmp_path, f'staff_pin_hash = "{PIN_HASH}"\n')
    started: dict[str, object] = {}
    monkeypatch.setattr(app, "configure_logging", lambda *args, **kwargs: None)
    monkeypatch.setattr(app, "run_kiosk", lambda *args, **kwargs: started.update(kwargs) or 0)
    assert cli.main(["--config", str(path)]) == 0
    pin_hash = started["pin_hash"]
    assert pin_hash() == PIN_HASH
    path.unlink()  # removed by a sync gone wrong: no PIN would let anyone in
    assert pin_hash() == PIN_HASH
