"""Start at boot on every desktop session: the files install-autostart writes, what they run
when systemd or a session starts them, and the refusals that keep a patient screen from
becoming a trap."""

from __future__ import annotations

import configparser
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import __version__, cli
from kiosk.autostart import STAFF_EXIT_STATUS
from kiosk.staff import hash_pin

CONSOLE_SCRIPT = Path(sys.executable).absolute().parent / "kiosk"
SESSION_VARIABLES = [
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "XDG_SESSION_TYPE",
    "XDG_CURRENT_DESKTOP",
]
# A stand-in for a program an autostart entry runs: it reports its arguments and the display
# variables it was given to the test's socket, then ends.
REPORTER = """#!{python}
import json, os, socket, sys
names = {names!r}
report = {{"argv": sys.argv[1:], "env": {{name: os.environ.get(name) for name in names}}}}
sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sender.sendto(json.dumps(report).encode(), os.environ["KIOSK_TEST_REPORT"])
"""


@pytest.fixture
def config_with_pin(tmp_path: Path) -> Path:
    path = tmp_path / "my config.toml"
    path.write_text(f'staff_pin_hash = "{hash_pin("2468")}"\n', encoding="utf-8")
    return path


def unit_file(home: Path) -> Path:
    return home / "config" / "systemd" / "user" / "kiosk.service"


def autostart_entry(home: Path) -> Path:
    return home / "config" / "autostart" / "kiosk.desktop"


def read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def exec_start_words(unit: configparser.ConfigParser) -> list[str]:
    """ExecStart= as systemd splits it, for the paths these tests use (no backslashes)."""
    words = shlex.split(unit["Service"]["ExecStart"])
    return [word.replace("%%", "%").replace("$$", "$") for word in words]


def reporter(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(REPORTER.format(python=sys.executable, names=SESSION_VARIABLES))
    path.chmod(0o755)
    return path


@pytest.fixture
def reports(tmp_path: Path) -> Iterator[socket.socket]:
    """The socket the stand-in programs report to, waited on with a timeout."""
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(str(tmp_path / "report.sock"))
    receiver.settimeout(30)
    yield receiver
    receiver.close()


def launch_like_a_desktop(entry: Path, env: dict[str, str]) -> None:
    """Start an autostart entry as desktops do (GLib reads Exec= by the specification)."""
    if shutil.which("gio") is None:
        pytest.skip("needs gio (libglib2.0-bin) to launch the entry the way a desktop does")
    subprocess.run(["gio", "launch", str(entry)], env=env, check=True, timeout=30)


def test_the_unit_keeps_the_kiosk_up_and_lets_staff_exit(capsys, config_with_pin, private_folders):
    assert cli.main(["install-autostart", "--systemd", "--config", str(config_with_pin)]) == 0
    unit = read_ini(unit_file(private_folders))
    service = unit["Service"]
    assert (service["Type"], service["NotifyAccess"], service["WatchdogSec"]) == (
        "notify",
        "main",
        "30",
    )
    assert service["Restart"] == "always"
    # Exit kiosk is a clean stop that is not restarted.
    assert service["SuccessExitStatus"] == str(STAFF_EXIT_STATUS)
    assert service["RestartPreventExitStatus"] == str(STAFF_EXIT_STATUS)
    # However late the display comes, systemd never gives up on the kiosk.
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    assert int(service["TimeoutStartSec"]) >= 90
    # GNOME and KDE start it with their session target; nothing makes that target required.
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    for dependency in ("Requires", "Requisite", "BindsTo"):
        assert dependency not in unit["Unit"]
    assert exec_start_words(unit) == [
        str(CONSOLE_SCRIPT),
        "--config",
        str(config_with_pin),
    ]
    out = capsys.readouterr().out
    assert "systemctl --user enable kiosk.service" in out


def test_the_unit_starts_the_kiosk_beside_a_checkout_named_kiosk(
    config_with_pin, private_folders, tmp_path
):
    """A user service starts in the home folder; a checkout at ~/kiosk is a folder named
    kiosk there, which `python -m kiosk` imported instead of the installed package."""
    assert cli.main(["install-autostart", "--systemd", "--config", str(config_with_pin)]) == 0
    home = tmp_path / "clinic"
    (home / "kiosk" / "kiosk").mkdir(parents=True)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    started = subprocess.run(
        [*exec_start_words(read_ini(unit_file(private_folders))), "--version"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (started.returncode, started.stdout) == (0, f"kiosk {__version__}\n"), started.stderr


def test_systemd_reads_the_unit_without_a_complaint(config_with_pin, private_folders):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("needs systemd-analyze (systemd) to read the unit as systemd does")
    assert cli.main(["install-autostart", "--systemd", "--config", str(config_with_pin)]) == 0
    with tempfile.TemporaryDirectory(prefix="kiosk-run-") as runtime:
        verified = subprocess.run(
            ["systemd-analyze", "verify", "--user", "--man=no", str(unit_file(private_folders))],
            env=dict(os.environ, XDG_RUNTIME_DIR=runtime),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    if "Failed to initialize manager" in verified.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {verified.stderr.strip()}")
    assert (verified.returncode, verified.stderr) == (0, "")


def test_every_desktop_session_hands_its_display_to_the_service_and_starts_it(
    config_with_pin, private_folders, reports, tmp_path
):
    """Sessions that never reach graphical-session.target (Raspberry Pi OS labwc and
    wayfire, openbox, XFCE, LXDE) all run ~/.config/autostart entries at login."""
    assert cli.main(["install-autostart", "--systemd", "--config", str(config_with_pin)]) == 0
    fake_bin = tmp_path / "bin"
    reporter(fake_bin, "systemctl")
    session = {
        "DISPLAY": ":0",
        "WAYLAND_DISPLAY": "wayland-0",
        "XAUTHORITY": "/home/clinic/.Xauthority",
        "XDG_SESSION_TYPE": "wayland",
        "XDG_CURRENT_DESKTOP": "labwc:wlroots",
    }
    env = dict(
        os.environ,
        **session,
        PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}",
        KIOSK_TEST_REPORT=str(tmp_path / "report.sock"),
    )
    launch_like_a_desktop(autostart_entry(private_folders), env)
    calls = [json.loads(reports.recv(65536)) for _ in range(2)]
    assert calls[0] == {
        "argv": ["--user", "import-environment", *SESSION_VARIABLES],
        "env": session,
    }
    assert calls[1]["argv"] == ["--user", "--no-block", "restart", "kiosk.service"]


def test_without_systemd_the_entry_starts_the_kiosk_with_its_options(
    config_with_pin, private_folders, reports, tmp_path, monkeypatch
):
    venv_bin = tmp_path / "venv" / "bin"
    reporter(venv_bin, "kiosk")
    monkeypatch.setattr(sys, "executable", str(venv_bin / "python"))
    content = tmp_path / "Dr O'Neil's 100% $HOME articles"
    content.mkdir()
    argv = ["install-autostart", "--desktop", "--config", str(config_with_pin)]
    assert cli.main([*argv, "--content", str(content)]) == 0
    env = dict(os.environ, KIOSK_TEST_REPORT=str(tmp_path / "report.sock"))
    launch_like_a_desktop(autostart_entry(private_folders), env)
    started = json.loads(reports.recv(65536))
    assert started["argv"] == ["--config", str(config_with_pin), "--content", str(content)]


@pytest.mark.parametrize("given", [False, True], ids=["default config", "--config FILE"])
def test_install_refuses_until_a_staff_pin_is_set(capsys, private_folders, tmp_path, given):
    config = tmp_path / "clinic config.toml"
    config.write_text("idle_timeout = 120\n", encoding="utf-8")
    options = ["--config", str(config)] if given else []
    assert cli.main(["install-autostart", "--systemd", *options]) == 1
    err = capsys.readouterr().err
    assert "No staff PIN is set" in err
    expected = f"{CONSOLE_SCRIPT} set-pin"
    if given:
        expected += f" --config '{config}'"
    assert f"  {expected}\n" in err
    assert "Nothing was installed." in err
    assert not unit_file(private_folders).exists()
    assert not autostart_entry(private_folders).exists()

    pinned = config if given else private_folders / "config" / "kiosk" / "config.toml"
    pinned.parent.mkdir(parents=True, exist_ok=True)
    pinned.write_text(f'staff_pin_hash = "{hash_pin("2468")}"\n', encoding="utf-8")
    assert cli.main(["install-autostart", "--systemd", *options]) == 0
    assert unit_file(private_folders).is_file()
    assert autostart_entry(private_folders).is_file()


@pytest.mark.parametrize("kind", ["--systemd", "--desktop"])
def test_print_shows_the_files_warns_and_writes_nothing(capsys, private_folders, kind):
    assert cli.main(["install-autostart", kind, "--print"]) == 0
    out, err = capsys.readouterr()
    assert f"Exec{'Start' if kind == '--systemd' else ''}={CONSOLE_SCRIPT}" in out
    assert "No staff PIN is set" in err
    assert f"{CONSOLE_SCRIPT} set-pin" in err
    assert not (private_folders / "config").exists()


def test_install_refuses_without_the_kiosk_command_beside_python(
    capsys, config_with_pin, private_folders, tmp_path, monkeypatch
):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python3"))
    assert cli.main(["install-autostart", "--systemd", "--config", str(config_with_pin)]) == 1
    assert f"no kiosk command beside this Python ({tmp_path / 'bin' / 'kiosk'})" in (
        capsys.readouterr().err
    )
    assert not (private_folders / "config").exists()


def test_uninstall_removes_everything_install_and_enable_wrote(
    capsys, config_with_pin, private_folders
):
    assert cli.main(["install-autostart", "--systemd", "--config", str(config_with_pin)]) == 0
    unit = unit_file(private_folders)
    # What 'systemctl --user enable kiosk.service' adds.
    enabled = unit.parent / "graphical-session.target.wants" / "kiosk.service"
    enabled.parent.mkdir()
    enabled.symlink_to(unit)
    capsys.readouterr()

    assert cli.main(["uninstall-autostart"]) == 0
    for path in (unit, autostart_entry(private_folders), enabled):
        assert not path.exists()
        assert not path.is_symlink()
    out = capsys.readouterr().out
    assert "systemctl --user stop kiosk.service" in out

    assert cli.main(["uninstall-autostart"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out
