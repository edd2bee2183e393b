"""A keyboard left plugged in under a window manager (openbox) cannot hide the kiosk: show
desktop, another desktop or iconify, and it is back in front at once. Real X server, real
window manager, real key presses (xdotool)."""

from __future__ import annotations

import select
import shutil
import subprocess
import time

import pytest

from .test_lifecycle import (  # noqa: F401  (the real-process fixtures)
    READY,
    child_env,
    on_x,
    short_folder,
    start_kiosk,
    x_server,
)

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("Xvfb", "openbox", "xdotool")),
    reason="needs Xvfb, openbox and xdotool (apt-get install xvfb openbox xdotool)",
)


def xdotool(env: dict[str, str], *words: str) -> str:
    done = subprocess.run(
        ["xdotool", *words], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    return done.stdout.strip()


def kiosk_on_screen(env: dict[str, str], pid: int) -> bool:
    """The kiosk's window is mapped, and on the desktop that is showing."""
    found = xdotool(env, "search", "--onlyvisible", "--pid", str(pid)).split()
    if not found:
        return False
    current = xdotool(env, "get_desktop")
    return all(
        xdotool(env, "get_desktop_for_window", window) in (current, "-1") for window in found
    )


def comes_back(env: dict[str, str], pid: int, within_s: float = 10.0) -> bool:
    """Whether the kiosk is on the screen again within `within_s` (asked each 50 ms)."""
    deadline = time.monotonic() + within_s
    while not kiosk_on_screen(env, pid):
        if time.monotonic() > deadline:
            return False
        select.select([], [], [], 0.05)  # between two questions to the X server
    return True


@pytest.fixture
def under_openbox(child_env, x_server):  # type: ignore[no-untyped-def]
    server = x_server()
    env = on_x(child_env, server.name)
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    yield env
    manager.terminate()
    manager.wait(timeout=30)


@pytest.mark.parametrize(
    ("keys", "what"),
    [
        ("super+d", "show desktop"),
        ("ctrl+alt+Right", "the next desktop"),
    ],
)
def test_the_window_managers_keys_cannot_hide_the_kiosk(start_kiosk, under_openbox, keys, what):
    env = under_openbox
    kiosk = start_kiosk(env=env, windowed=False)
    kiosk.wait_for_message(READY)
    # READY follows the first frame painted; under a window manager the window may be mapped
    # (and reparented) a moment after that, so wait for it rather than asking once.
    assert comes_back(env, kiosk.pid), "the kiosk never came on the screen"
    xdotool(env, "key", keys)
    kiosk.wait_for_line("Back in front")
    # The kiosk asks to be shown again; the X server and the window manager map it a moment
    # later (and an earlier "Back in front", from start-up, may be the line found).
    assert comes_back(env, kiosk.pid), f"{what} ({keys}) left the kiosk off the screen"
    assert kiosk.process.poll() is None
