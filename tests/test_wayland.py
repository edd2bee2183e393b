"""The kiosk as a Wayland client under a real compositor: weston, in a private runtime folder.

weston's headless backend has no screen and no input devices, which is enough to see the first
frame, the full-screen window and the kiosk staying up. The pointer and the keyboard need a
seat, which weston's X11 backend (inside Xvfb) provides. Where weston (or Xvfb, xdotool,
weston-screenshooter) is missing or cannot start, the test says so and is skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.theme import Palette

from .conftest import BUNDLED

WIDTH, HEIGHT = 1280, 720
SOCKET_NAME = "kiosk-test"
START_SECONDS = 30
# A heartbeat every 0.1 s: the test's clock while it waits for the screen to change.
WATCHDOG_USEC = "200000"
BACKGROUND = Palette().background


@dataclass
class Compositor:
    runtime: Path  # XDG_RUNTIME_DIR: the socket lives here
    log: Path

    def client_env(self) -> dict[str, str]:
        env = dict(os.environ, XDG_RUNTIME_DIR=str(self.runtime), WAYLAND_DISPLAY=SOCKET_NAME)
        # Only Wayland: no falling back to an X server that happens to be around.
        env.pop("DISPLAY", None)
        return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextmanager
def xvfb() -> Iterator[str]:
    """An X server for weston's X11 backend; yields its DISPLAY."""
    if shutil.which("Xvfb") is None:
        pytest.skip("needs Xvfb for a compositor with a pointer and a keyboard")
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        number = process.stdout.readline().strip()  # Xvfb writes it once it accepts clients
        if not number:
            pytest.skip("Xvfb could not start here")
        yield f":{number.decode()}"
    finally:
        _stop(process)
        if process.stdout is not None:
            process.stdout.close()


@contextmanager
def weston(
    shell: str, backend: str = "headless", env: dict[str, str] | None = None
) -> Iterator[Compositor]:
    """weston with `shell` ("kiosk" or "desktop"), ready for clients when this yields."""
    binary = shutil.which("weston")
    if binary is None:
        pytest.skip("weston is not installed (apt-get install weston)")
    # Short: a Unix socket's path must fit in 108 bytes.
    runtime = Path(tempfile.mkdtemp(prefix="kiosk-wl-"))
    runtime.chmod(0o700)
    log = runtime / "weston.log"
    ready = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ready.bind(str(runtime / "ready"))
    ready.settimeout(0.5)
    process = subprocess.Popen(
        [
            binary,
            f"--backend={backend}-backend.so",
            f"--shell={shell}-shell.so",
            f"--socket={SOCKET_NAME}",
            "--no-config",
            f"--width={WIDTH}",
            f"--height={HEIGHT}",
            "--use-pixman",  # draws into memory, so screenshots show the picture
            "--debug",  # allows weston-screenshooter
            "--logger-scopes=log,proto",  # every Wayland request and event, in the log
            f"--log={log}",
            # Says READY=1 to NOTIFY_SOCKET once it takes clients.
            "--modules=systemd-notify.so",
        ],
        env=dict(
            env or os.environ, XDG_RUNTIME_DIR=str(runtime), NOTIFY_SOCKET=str(runtime / "ready")
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        message = b""
        while process.poll() is None and time.monotonic() < deadline and not message:
            try:
                message = ready.recv(4096)
            except TimeoutError:
                continue
        if b"READY=1" not in message:
            _stop(process)
            pytest.skip(f"weston could not start here:\n{_tail(log)}")
        yield Compositor(runtime, log)
    finally:
        _stop(process)
        ready.close()
        shutil.rmtree(runtime, ignore_errors=True)


def kiosk_protocol(compositor: Compositor) -> str:
    """The Wayland messages between weston and the kiosk (not weston's own helper clients),
    from weston's protocol log: "client 0x… rq" for requests, "ev" for events."""
    text = compositor.log.read_text(errors="replace")
    found = re.search(r"client (\S+) rq xdg_toplevel@\d+\.set_app_id\(\"kiosk\"\)", text)
    if found is None:
        return ""
    prefix = f"client {found.group(1)} "
    return "\n".join(line for line in text.splitlines() if prefix in line)


class Kiosk:
    """The kiosk started as systemd would start it, and what it tells systemd."""

    def __init__(self, compositor: Compositor, folder: Path) -> None:
        self.output = folder / "kiosk-output.log"
        self.receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        address = str(compositor.runtime / "kiosk-notify")
        self.receiver.bind(address)
        self.receiver.settimeout(60)
        env = dict(
            compositor.client_env(),
            QT_QPA_PLATFORM="wayland",
            NOTIFY_SOCKET=address,
            WATCHDOG_USEC=WATCHDOG_USEC,
        )
        with self.output.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "--content", str(BUNDLED), "--log-level", "debug"],
                cwd=folder,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def wait_for(self, prefix: str) -> str:
        """The next message to systemd that starts with `prefix` (others are passed over)."""
        while True:
            try:
                message = self.receiver.recv(4096).decode()
            except TimeoutError:
                pytest.fail(f"No {prefix} from the kiosk. Its output:\n{_tail(self.output)}")
            if message.startswith(prefix):
                return message

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        _stop(self.process)
        self.receiver.close()


@contextmanager
def kiosk(compositor: Compositor, folder: Path) -> Iterator[Kiosk]:
    started = Kiosk(compositor, folder)
    try:
        yield started
    finally:
        started.stop()


def screenshot(compositor: Compositor, folder: Path) -> QImage:
    if shutil.which("weston-screenshooter") is None:
        pytest.skip("needs weston-screenshooter (in Debian's weston package) to see the screen")
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    shot = subprocess.run(
        ["weston-screenshooter"],
        cwd=folder,
        env=compositor.client_env(),
        timeout=30,
        capture_output=True,
        text=True,
        check=False,
    )
    pictures = list(folder.glob("*.png"))
    if shot.returncode != 0 or len(pictures) != 1:
        pytest.skip(f"weston-screenshooter took no picture here: {shot.stderr.strip()}")
    return QImage(str(pictures[0]))


def probes() -> dict[str, tuple[int, int]]:
    """Points only the kiosk's background covers on its start screen: the corners, and the
    middle of the top edge, where a desktop's panel is unless the kiosk is full-screen."""
    inset = 6
    return {
        "top left": (inset, inset),
        "top middle": (WIDTH // 2, inset),
        "top right": (WIDTH - 1 - inset, inset),
        "bottom left": (inset, HEIGHT - 1 - inset),
        "bottom right": (WIDTH - 1 - inset, HEIGHT - 1 - inset),
    }


def colours(image: QImage) -> dict[str, str]:
    return {name: image.pixelColor(x, y).name() for name, (x, y) in probes().items()}


def screen_when(
    compositor: Compositor,
    running: Kiosk,
    folder: Path,
    shows: Callable[[QImage], bool],
    beats: int = 100,
) -> QImage:
    """Screenshots until `shows` is true of one, a heartbeat apart (10 s at most)."""
    image = screenshot(compositor, folder)
    for _ in range(beats):
        if shows(image):
            break
        running.wait_for("WATCHDOG=1")
        image = screenshot(compositor, folder)
    return image


def fills_the_screen(image: QImage) -> bool:
    whole_output = (image.width(), image.height()) == (WIDTH, HEIGHT)
    return whole_output and set(colours(image).values()) == {BACKGROUND}


def test_first_frame_and_stays_up_under_the_kiosk_shell(tmp_path, private_folders):
    """weston's kiosk shell, as on a single-purpose Wayland screen."""
    with weston("kiosk") as compositor, kiosk(compositor, tmp_path) as running:
        assert running.wait_for("READY=1").startswith("READY=1")
        for _ in range(10):  # a second of heartbeats from its screen thread
            running.wait_for("WATCHDOG=1")
        assert running.running(), _tail(running.output)
        # The compositor was asked for full screen, and gave the whole output.
        protocol = kiosk_protocol(compositor)
        assert re.search(r"rq xdg_toplevel@\d+\.set_fullscreen\(", protocol)
        assert re.search(rf"ev xdg_toplevel@\d+\.configure\({WIDTH}, {HEIGHT}, ", protocol)


def test_full_screen_over_the_desktop_panel(tmp_path, private_folders, qapp):
    """weston's desktop shell has a panel along the top: a maximized window would leave it
    showing, a full-screen one covers it."""
    with weston("desktop") as compositor, kiosk(compositor, tmp_path) as running:
        running.wait_for("READY=1")
        image = screen_when(compositor, running, tmp_path / "shots", fills_the_screen)
        assert (image.width(), image.height()) == (WIDTH, HEIGHT)
        assert colours(image) == dict.fromkeys(probes(), BACKGROUND)
        assert running.running(), _tail(running.output)


def test_no_pointer_and_shortcut_keys_do_nothing(tmp_path, private_folders, qapp):
    """With a seat (weston's X11 backend in Xvfb, keys typed there): the kiosk has the
    keyboard, hides the pointer, and keys that close or leave full screen elsewhere do not."""
    if shutil.which("xdotool") is None:
        pytest.skip("needs xdotool to type on the compositor's keyboard")
    with (
        xvfb() as display,
        weston("kiosk", "x11", dict(os.environ, DISPLAY=display)) as compositor,
        kiosk(compositor, tmp_path) as running,
    ):
        running.wait_for("READY=1")
        image = screen_when(compositor, running, tmp_path / "shots", fills_the_screen)
        assert colours(image) == dict.fromkeys(probes(), BACKGROUND)

        # Move the pointer over the kiosk until the compositor says it entered (Xvfb starts
        # with its pointer in the middle, and a move to where it is already is no motion).
        entered = re.compile(r"ev wl_pointer@\d+\.enter\(")
        xdotool = ["xdotool"]
        for step in range(50):
            spot = (WIDTH // 2 + (step % 2) * 7, HEIGHT // 2 + (step % 2) * 5)
            subprocess.run(
                [*xdotool, "mousemove", str(spot[0]), str(spot[1])],
                env=dict(os.environ, DISPLAY=display),
                check=True,
                timeout=30,
            )
            running.wait_for("WATCHDOG=1")
            if entered.search(kiosk_protocol(compositor)):
                break
        keys = ["Escape", "alt+F4", "ctrl+q", "ctrl+w", "F11", "super"]
        subprocess.run(
            [*xdotool, "key", *keys],
            env=dict(os.environ, DISPLAY=display),
            check=True,
            timeout=30,
        )
        # Wait until the last key's release has reached the kiosk, then for its screen
        # thread to have run twice more.
        super_released = re.compile(r"ev wl_keyboard@\d+\.key\(\d+, \d+, 125, 0\)")
        for _ in range(100):
            if super_released.search(kiosk_protocol(compositor)):
                break
            running.wait_for("WATCHDOG=1")
        protocol = kiosk_protocol(compositor)
        assert super_released.search(protocol)
        running.wait_for("WATCHDOG=1")
        running.wait_for("WATCHDOG=1")

        assert running.running(), _tail(running.output)
        assert re.search(r"ev wl_keyboard@\d+\.enter\(", protocol)
        set_cursor = re.compile(r"rq wl_pointer@\d+\.set_cursor\(\d+, (\S+?),")
        for _ in range(50):  # the kiosk answers the pointer's entering when it gets to it
            if set_cursor.search(protocol):
                break
            running.wait_for("WATCHDOG=1")
            protocol = kiosk_protocol(compositor)
        cursors = set_cursor.findall(protocol)
        assert cursors, "the pointer never entered the kiosk"
        assert cursors[-1] == "nil"  # no cursor image: the pointer is hidden
        assert "unset_fullscreen" not in protocol
        image = screen_when(compositor, running, tmp_path / "shots", fills_the_screen)
        assert colours(image) == dict.fromkeys(probes(), BACKGROUND)
