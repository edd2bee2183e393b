"""Staying up under systemd: its messages in order, and the screen kept awake.

The files that start the kiosk at boot are tested in test_autostart.py."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys

import pytest

from kiosk.screensaver import ScreenSaverInhibitor

from .conftest import BUNDLED, ROOT


def test_ready_after_the_first_frame_then_watchdog_heartbeats(tmp_path, private_folders):
    """Run the real kiosk with a notify socket, as systemd would, and read what it says."""
    address = str(tmp_path / "notify.sock")
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(address)
    receiver.settimeout(60)
    env = dict(
        os.environ,
        NOTIFY_SOCKET=address,
        WATCHDOG_USEC="200000",
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.qpa.*=true",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--windowed",
            "--content",
            str(BUNDLED),
            "--log-level",
            "debug",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log_file = private_folders / "state" / "kiosk" / "log" / "kiosk.log"
    shown = "kiosk.app: Showing 'Ketamine as a treatment for chronic pain'"
    try:
        messages = [receiver.recv(4096).decode() for _ in range(3)]
        # The first frame comes before the article (read in a child process meanwhile): the
        # heartbeat goes on until it is shown, a tenth of a second apart.
        for _ in range(300):
            if log_file.exists() and shown in log_file.read_text():
                break
            messages.append(receiver.recv(4096).decode())
    finally:
        process.terminate()
        process.wait(timeout=30)
        receiver.close()
    assert messages[0].startswith("READY=1")
    assert set(messages[1:]) == {"WATCHDOG=1"}
    # The run logged to its rotating log file, Qt's own messages included.
    log_text = log_file.read_text()
    assert shown in log_text
    assert " qt: " in log_text


CLIENT = """
import logging, sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
logging.basicConfig(level=logging.INFO, stream=sys.stdout)
from kiosk.screensaver import ScreenSaverInhibitor
inhibitor = ScreenSaverInhibitor()
print("inhibited", inhibitor.inhibit(), inhibitor.active)
inhibitor.release()
"""


@pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")
def test_the_desktop_is_asked_to_keep_the_screen_awake(tmp_path):
    """A private session bus with a stand-in screen saver service, as a desktop has."""
    calls = tmp_path / "calls.log"
    with subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as bus:
        try:
            address = bus.stdout.readline().strip()
            env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, QT_QPA_PLATFORM="offscreen")
            with subprocess.Popen(
                [sys.executable, str(ROOT / "tests" / "data" / "fake_screensaver.py"), str(calls)],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            ) as service:
                try:
                    assert service.stdout.readline().strip() == "ready"
                    client = subprocess.run(
                        [sys.executable, "-c", CLIENT],
                        env=env,
                        cwd=ROOT,
                        capture_output=True,
                        text=True,
                        timeout=60,
                        check=False,
                    )
                finally:
                    service.terminate()
        finally:
            bus.terminate()
    assert "inhibited True True" in client.stdout, client.stdout + client.stderr
    assert "Screen blanking is off while the kiosk runs" in client.stdout
    assert calls.read_text().splitlines() == [
        "Inhibit kiosk | Showing patient information",
        "UnInhibit 42",
    ]


def test_screen_blanking_without_a_desktop_bus_is_one_log_line(qapp, caplog, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    inhibitor = ScreenSaverInhibitor()
    with caplog.at_level(logging.INFO, logger="kiosk.screensaver"):
        assert inhibitor.inhibit() is False
    lines = [record for record in caplog.records if record.name == "kiosk.screensaver"]
    assert len(lines) == 1
    assert "cannot keep the screen from blanking" in lines[0].getMessage()
    assert not inhibitor.active
