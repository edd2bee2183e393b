"""The kiosk process from start to stop: waiting for a display, one kiosk per screen, stop
signals that end it cleanly (never counted as a crash), native crashes written down.

Most tests run the real kiosk as systemd would, with a notify socket, and watch what it says
there and on standard error; none sleeps: each waits for a message, a log line or the process's
exit, with a time limit.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import display
from kiosk.crashes import CrashRecord
from kiosk.display import Status, XauthEntry
from kiosk.lifecycle import LOCK_FILE_NAME, ScreenLock, StopSignals

from .conftest import BUNDLED, ROOT

STOP_WITHIN_SECONDS = 2.0
START_TIMEOUT = 60.0  # the first start on a cold, busy machine (imports, fonts)
READY = "READY=1"
STOPPING = "STOPPING=1"
ANOTHER = "Another kiosk is already running (pid {pid}); only one can show on this screen."


# --- The real kiosk, as systemd runs it ----------------------------------------------------


class Kiosk:
    """One kiosk process with its own notify socket; its standard error read line by line."""

    def __init__(self, env: dict[str, str], args: list[str], folder: Path) -> None:
        self.address = str(folder / f"notify-{id(self)}.sock")
        self.receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.receiver.bind(self.address)
        self.messages: list[str] = []
        self.lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", *args],
            env=dict(env, NOTIFY_SOCKET=self.address),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for_message(self, prefix: str, timeout: float = START_TIMEOUT) -> str:
        """The next message to systemd that starts with `prefix` (others are kept too)."""
        deadline = time.monotonic() + timeout
        while True:
            self.receiver.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                message = self.receiver.recv(4096).decode()
            except TimeoutError:
                raise AssertionError(
                    f"no {prefix!r} from the kiosk within {timeout} s; it said {self.messages}; "
                    f"its log:\n" + "\n".join(self.lines)
                ) from None
            self.messages.append(message)
            if message.startswith(prefix):
                return message

    def wait_for_line(self, text: str, timeout: float = START_TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                line = None
                ended = False
            else:
                ended = line is None
            if line is not None:
                self.lines.append(line)
                if text in line:
                    return line
                continue
            raise AssertionError(
                f"{'the kiosk ended' if ended else 'timed out'} before logging {text!r}; "
                "its log:\n" + "\n".join(self.lines)
            )

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self, number: signal.Signals = signal.SIGTERM) -> tuple[int, float]:
        """Send a stop signal: its exit status, and how long it took."""
        sent = time.monotonic()
        self.process.send_signal(number)
        status = self.wait(timeout=30)
        return status, time.monotonic() - sent

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        if self.process.stderr is not None:
            self.process.stderr.close()
        self.receiver.close()


@pytest.fixture
def short_folder() -> Iterator[Path]:
    # Unix socket paths are limited to 108 bytes; pytest's tmp_path can be longer.
    folder = Path(tempfile.mkdtemp(prefix="kiosk-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def child_env() -> dict[str, str]:
    """The test's environment (its private XDG folders), without systemd's variables."""
    env = dict(os.environ)
    for name in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        env.pop(name, None)
    return env


@pytest.fixture
def start_kiosk(child_env, short_folder) -> Iterator:  # type: ignore[no-untyped-def]
    kiosks: list[Kiosk] = []

    def start(*extra: str, env: dict[str, str] | None = None, windowed: bool = True) -> Kiosk:
        args = ["--content", str(BUNDLED), "--speech-engine", "mock", *extra]
        if windowed:
            args.insert(0, "--windowed")
        kiosk = Kiosk(child_env if env is None else env, args, short_folder)
        kiosks.append(kiosk)
        return kiosk

    yield start
    for kiosk in kiosks:
        kiosk.close()


def state_folder(private_folders: Path) -> Path:
    return private_folders / "state" / "kiosk"


# --- Stopping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda number: number.name
)
def test_a_stop_signal_runs_the_clean_shutdown(start_kiosk, private_folders, number):
    kiosk = start_kiosk()
    kiosk.wait_for_message(READY)
    status, took = kiosk.stop(number)
    assert status == 0
    assert took < STOP_WITHIN_SECONDS
    kiosk.wait_for_message(STOPPING, timeout=1)
    state = state_folder(private_folders)
    assert not (state / "running").exists()
    assert not (state / LOCK_FILE_NAME).exists()
    kiosk.wait_for_line(f"The kiosk stopped (status 0, {number.name})")


def test_restarts_are_not_counted_as_crashes(start_kiosk, private_folders):
    """systemctl restart, three times in a minute: patients still see the start screen."""
    for _ in range(3):
        kiosk = start_kiosk()
        kiosk.wait_for_message(READY)
        assert kiosk.stop()[0] == 0
    kiosk = start_kiosk()
    kiosk.wait_for_message(READY)
    assert kiosk.stop()[0] == 0
    assert CrashRecord(state_folder(private_folders)).recent() == 0
    log_text = (state_folder(private_folders) / "log" / "kiosk.log").read_text()
    assert "did not end cleanly" not in log_text
    assert "stopped unexpectedly" not in log_text


def test_a_stop_while_waiting_for_the_display_is_clean(start_kiosk, child_env, private_folders):
    env = without_display(child_env)
    kiosk = start_kiosk(env=env)
    kiosk.wait_for_line("Waiting for a display")
    status, took = kiosk.stop(signal.SIGTERM)
    assert (status, took < STOP_WITHIN_SECONDS) == (0, True)
    kiosk.wait_for_message(STOPPING, timeout=1)
    assert not (state_folder(private_folders) / "running").exists()


def test_a_hard_crash_leaves_a_native_traceback_and_counts(start_kiosk, private_folders):
    kiosk = start_kiosk()
    kiosk.wait_for_message(READY)
    os.kill(kiosk.pid, signal.SIGSEGV)
    assert kiosk.wait(timeout=30) == -signal.SIGSEGV
    crash_log = (state_folder(private_folders) / "log" / "crash.log").read_text()
    assert "Fatal Python error: Segmentation fault" in crash_log
    assert f"pid {kiosk.pid}" in crash_log
    assert 'kiosk/app.py", line' in crash_log  # where the GUI thread was
    # A real crash still counts, unlike a stop.
    again = start_kiosk()
    again.wait_for_message(READY)
    assert again.stop()[0] == 0
    assert CrashRecord(state_folder(private_folders)).recent() == 1


# --- One kiosk per screen ------------------------------------------------------------------


def test_a_second_kiosk_exits_at_once_and_the_first_keeps_showing(start_kiosk, private_folders):
    first = start_kiosk()
    first.wait_for_message(READY)
    second = start_kiosk()
    assert second.wait(timeout=START_TIMEOUT) == 1
    second.wait_for_line(ANOTHER.format(pid=first.pid))
    assert second.wait_for_message("STATUS=", timeout=1) == "STATUS=" + ANOTHER.format(
        pid=first.pid
    )
    assert not any(message.startswith(READY) for message in second.messages)
    assert first.process.poll() is None
    # The second did not take the first's "running" marker for a crash.
    assert first.stop()[0] == 0
    assert CrashRecord(state_folder(private_folders)).recent() == 0


def write_lock(private_folders: Path, pid: int) -> Path:
    lock = state_folder(private_folders) / LOCK_FILE_NAME
    lock.parent.mkdir(parents=True, exist_ok=True)
    # As QLockFile writes it: pid, program name, host name.
    program = Path(f"/proc/{pid}/exe").readlink().name if pid == os.getpid() else "python3"
    lock.write_text(f"{pid}\n{program}\n{socket.gethostname()}\n")
    return lock


def test_a_lock_left_by_a_dead_kiosk_is_taken_over(start_kiosk, private_folders):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=30)
    lock = write_lock(private_folders, dead.pid)
    kiosk = start_kiosk()
    kiosk.wait_for_message(READY)
    assert lock.read_text().split("\n")[0] == str(kiosk.pid)
    assert kiosk.stop()[0] == 0


def test_a_lock_naming_a_pid_now_used_by_another_program_is_taken_over(
    start_kiosk, private_folders
):
    # This test's own Python: alive, the same program, but holding no lock on the file.
    lock = write_lock(private_folders, os.getpid())
    kiosk = start_kiosk()
    kiosk.wait_for_message(READY)
    kiosk.wait_for_line(f"kiosk that is no longer running (pid {os.getpid()})")
    assert lock.read_text().split("\n")[0] == str(kiosk.pid)
    assert kiosk.stop()[0] == 0


def test_the_lock_refuses_a_second_holder_and_names_the_first(tmp_path):
    first, second = ScreenLock(tmp_path), ScreenLock(tmp_path)
    assert first.acquire() == ""
    assert second.acquire() == ANOTHER.format(pid=os.getpid())
    first.release()
    assert second.acquire() == ""
    second.release()


# --- Waiting for the display ---------------------------------------------------------------


def without_display(env: dict[str, str]) -> dict[str, str]:
    env = dict(env)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    env["XDG_SESSION_TYPE"] = "tty"
    return env


def test_with_no_display_it_waits_and_says_why(start_kiosk, child_env):
    kiosk = start_kiosk("--log-level", "debug", env=without_display(child_env))
    kiosk.wait_for_line("Waiting for a display: DISPLAY and WAYLAND_DISPLAY are not set")
    status = kiosk.wait_for_message("STATUS=")
    assert status.splitlines()[0] == (
        "STATUS=Waiting for a display: DISPLAY and WAYLAND_DISPLAY are not set"
    )
    assert "EXTEND_TIMEOUT_USEC=" in status
    kiosk.wait_for_line("Still waiting for a display (try 2)")
    kiosk.wait_for_message("EXTEND_TIMEOUT_USEC=")  # each try keeps systemd waiting too
    assert kiosk.process.poll() is None
    assert sum("Waiting for a display" in line for line in kiosk.lines) == 1
    assert kiosk.stop()[0] == 0


class Xvfb:
    """A virtual X server on a display number no one uses."""

    def __init__(self, number: int, *options: str) -> None:
        self.number = number
        self.name = f":{number}"
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", self.name, "-nolisten", "tcp", "-displayfd", str(write), *options],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        # Xvfb writes its display number once it accepts connections.
        with os.fdopen(read) as ready:
            assert ready.readline().strip() == str(number), "Xvfb did not start"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def free_display_number() -> int:
    start = 100 + os.getpid() % 400
    for number in range(start, start + 200):
        if not any(
            Path(path).exists() for path in (f"/tmp/.X11-unix/X{number}", f"/tmp/.X{number}-lock")
        ):
            return number
    raise AssertionError("no free X display number")


needs_xvfb = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")


@pytest.fixture
def x_server() -> Iterator:  # type: ignore[no-untyped-def]
    servers: list[Xvfb] = []

    def start(number: int | None = None, *options: str) -> Xvfb:
        server = Xvfb(free_display_number() if number is None else number, *options)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def on_x(env: dict[str, str], name: str) -> dict[str, str]:
    env = without_display(env)
    env["DISPLAY"] = name
    return env


@needs_xvfb
def test_it_starts_when_the_x_server_comes_up(start_kiosk, child_env, x_server):
    number = free_display_number()
    kiosk = start_kiosk(env=on_x(child_env, f":{number}"))
    kiosk.wait_for_line(f"Waiting for a display: cannot connect to display :{number}")
    x_server(number)
    kiosk.wait_for_line(f"Found display :{number}")
    kiosk.wait_for_message(READY)
    assert kiosk.stop()[0] == 0


@needs_xvfb
def test_ctrl_c_stops_the_full_screen_kiosk_under_x(start_kiosk, child_env, x_server):
    server = x_server()
    kiosk = start_kiosk(env=on_x(child_env, server.name), windowed=False)
    kiosk.wait_for_message(READY)
    status, took = kiosk.stop(signal.SIGINT)
    assert (status, took < STOP_WITHIN_SECONDS) == (0, True)
    kiosk.wait_for_message(STOPPING, timeout=1)


def xauthority_file(path: Path, number: int, cookie: bytes) -> Path:
    host = socket.gethostname().encode()

    def counted(data: bytes) -> bytes:
        return struct.pack(">H", len(data)) + data

    entry = struct.pack(">H", display.FAMILY_LOCAL) + b"".join(
        counted(field) for field in (host, str(number).encode(), display.MIT_COOKIE, cookie)
    )
    path.write_bytes(entry)
    return path


@needs_xvfb
def test_a_missing_xauthority_is_a_reason_to_wait_not_a_crash(tmp_path, x_server):
    number = free_display_number()
    cookie = os.urandom(16)
    good = xauthority_file(tmp_path / "Xauthority", number, cookie)
    server = x_server(number, "-auth", str(good))
    missing = {"DISPLAY": server.name, "XAUTHORITY": str(tmp_path / "nothing")}
    status = display.check_display(missing)
    assert not status.usable
    assert status.reason.startswith(f"display {server.name} refused the connection (Authoriz")
    assert str(tmp_path / "nothing") in status.reason
    assert display.check_display({"DISPLAY": server.name, "XAUTHORITY": str(good)}).usable


# --- Deciding what to wait for, without a display server -----------------------------------


@pytest.mark.parametrize(
    ("environ", "platforms"),
    [
        ({}, ("xcb",)),
        ({"DISPLAY": ":0"}, ("xcb",)),
        ({"WAYLAND_DISPLAY": "wayland-1"}, ("wayland", "xcb")),
        ({"XDG_SESSION_TYPE": "wayland"}, ("wayland", "xcb")),
        ({"QT_QPA_PLATFORM": "offscreen:configfile=/x.json"}, ("offscreen",)),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, ("wayland", "xcb")),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, ("xcb",)),
    ],
)
def test_the_platforms_qt_will_try(environ, platforms):
    assert display.qt_platforms(environ) == platforms


@pytest.mark.parametrize(
    ("value", "host", "number"),
    [
        (":0", "", 0),
        (":1.0", "", 1),
        ("unix:2", "", 2),
        ("localhost:10.0", "localhost", 10),
        ("[::1]:3", "::1", 3),
        ("/tmp/.X11-unix/X4", "", 4),
    ],
)
def test_display_names_are_read_as_libxcb_reads_them(value, host, number):
    parsed = display.parse_x_display(value)
    assert parsed is not None
    assert (parsed.host, parsed.number) == (host, number)


def test_a_display_name_that_is_not_one_is_said_so():
    assert display.parse_x_display("nonsense") is None
    assert "is not a display name" in display.probe_x("nonsense", {})


def no_probe(*args: object) -> str:
    raise AssertionError("no display server should be asked")


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "eglfs", "vnc"])
def test_platforms_without_a_display_server_do_not_wait(platform):
    status = display.check_display({"QT_QPA_PLATFORM": platform}, x=no_probe, wayland=no_probe)
    assert status.usable


def test_nothing_set_is_named_plainly():
    status = display.check_display({}, x=no_probe, wayland=no_probe)
    assert status == Status(False, reason="DISPLAY and WAYLAND_DISPLAY are not set")


def test_wayland_first_then_x_as_qt_does():
    environ = {"WAYLAND_DISPLAY": "wayland-1", "DISPLAY": ":0"}
    status = display.check_display(
        environ, x=lambda name, env: "", wayland=lambda env: "no compositor"
    )
    assert status == Status(True, found="display :0")
    status = display.check_display(
        environ, x=lambda name, env: "no X", wayland=lambda env: "no compositor"
    )
    assert status == Status(False, reason="no compositor; no X")


def test_an_explicit_platform_is_respected():
    environ = {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}
    status = display.check_display(environ, x=no_probe, wayland=no_probe)
    assert status == Status(False, reason="DISPLAY is not set")


def test_a_wayland_compositor_is_found_by_its_socket(short_folder):
    environ = {"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(short_folder)}
    reason = display.probe_wayland(environ)
    assert reason == (
        "cannot connect to Wayland display wayland-0 "
        f"(nothing is listening at {short_folder}/wayland-0 yet)"
    )
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as compositor:
        compositor.bind(str(short_folder / "wayland-0"))
        compositor.listen()
        assert display.probe_wayland(environ) == ""
        assert display.check_display(environ).usable
    absolute = {"WAYLAND_DISPLAY": str(short_folder / "wayland-0")}
    assert "XDG_RUNTIME_DIR" not in display.probe_wayland(absolute)
    assert "XDG_RUNTIME_DIR is not set" in display.probe_wayland({"QT_QPA_PLATFORM": "wayland"})


def test_the_cookie_is_chosen_as_libxau_chooses_it():
    host = b"kiosk-pc"
    entries = [
        XauthEntry(display.FAMILY_LOCAL, b"other-pc", b"0", display.MIT_COOKIE, b"wrong host"),
        XauthEntry(display.FAMILY_LOCAL, host, b"1", display.MIT_COOKIE, b"wrong number"),
        XauthEntry(display.FAMILY_LOCAL, host, b"0", b"XDM-AUTHORIZATION-1", b"wrong kind"),
        XauthEntry(display.FAMILY_LOCAL, host, b"0", display.MIT_COOKIE, b"right"),
    ]
    assert display.pick_cookie(entries, display.FAMILY_LOCAL, host, 0) == (
        display.MIT_COOKIE,
        b"right",
    )
    wild = [XauthEntry(display.FAMILY_WILD, b"", b"", display.MIT_COOKIE, b"any")]
    assert display.pick_cookie(wild, display.FAMILY_LOCAL, host, 5) == (display.MIT_COOKIE, b"any")
    assert display.pick_cookie(entries[:3], display.FAMILY_LOCAL, host, 0) is None


def test_an_xauthority_file_is_read_whole_or_up_to_a_cut(tmp_path):
    data = xauthority_file(tmp_path / "a", 7, b"cookie").read_bytes()
    (entry,) = display.read_xauthority(data * 2)[:1]
    assert (entry.number, entry.data) == (b"7", b"cookie")
    assert len(display.read_xauthority(data * 2)) == 2
    assert len(display.read_xauthority(data + data[:9])) == 1


class Tries:
    """A stand-in display that answers on a given try, and a wait that never really waits."""

    def __init__(self, reasons: list[str], stop_on_wait: int | None = None) -> None:
        self.reasons = reasons
        self.tries = 0
        self.waits: list[float] = []
        self.messages: list[str] = []
        self.stop_on_wait = stop_on_wait

    def check(self, environ: object) -> Status:
        self.tries += 1
        if self.tries > len(self.reasons):
            return Status(True, found="display :0")
        return Status(False, reason=self.reasons[self.tries - 1])

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        return len(self.waits) == self.stop_on_wait

    def run(self, **options: object) -> bool:
        return display.wait_for_display(
            {}, wait=self.wait, notify=self.messages.append, check=self.check, **options
        )


def test_the_wait_logs_each_new_reason_once_and_the_finding(caplog):
    tries = Tries(["no X yet", "no X yet", "no X yet", "refused: no cookie", "refused: no cookie"])
    with caplog.at_level(logging.INFO, logger="kiosk.display"):
        assert tries.run(retry_seconds=3.0) is True
    assert [record.getMessage() for record in caplog.records] == [
        "Waiting for a display: no X yet",
        "Waiting for a display: refused: no cookie",
        "Found display :0 after 6 tries: starting",
    ]
    assert tries.waits == [3.0] * 5
    # systemd hears each new reason, and every try extends the start's time limit.
    assert [m.splitlines()[0] for m in tries.messages if m.startswith("STATUS=")] == [
        "STATUS=Waiting for a display: no X yet",
        "STATUS=Waiting for a display: refused: no cookie",
        "STATUS=Starting on display :0",
    ]
    assert all("EXTEND_TIMEOUT_USEC=" in message for message in tries.messages)
    assert len(tries.messages) == 6


def test_no_wait_no_words():
    tries = Tries([])
    assert tries.run() is True
    assert (tries.waits, tries.messages) == ([], [])


def test_the_wait_pings_the_watchdog_and_ends_when_told_to_stop():
    tries = Tries(["no X yet"] * 10, stop_on_wait=2)
    assert tries.run(watchdog=True) is False
    assert tries.tries == 2
    assert all("WATCHDOG=1" in message for message in tries.messages)


def test_a_stop_signal_ends_a_wait_at_once():
    signals = StopSignals()
    try:
        started = time.monotonic()
        threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGTERM)).start()
        assert signals.wait(30.0) is True
        assert time.monotonic() - started < 10
        assert signals.received is signal.SIGTERM
    finally:
        signals.close()
    assert signal.getsignal(signal.SIGTERM) != signals._on_signal
