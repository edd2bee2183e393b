"""Starting the kiosk at boot: a systemd user service (restarts it, watches it) or an XDG
autostart entry (starts it with the desktop session). Written from templates in assets/."""

from __future__ import annotations

import shlex
import sys
from enum import Enum
from pathlib import Path

import platformdirs

from kiosk.paths import assets_dir

STAFF_EXIT_STATUS = 64  # "Exit kiosk" on the staff screen: systemd must not restart it


class Kind(Enum):
    SYSTEMD = "systemd"
    DESKTOP = "desktop"


def target_path(kind: Kind) -> Path:
    config_home = platformdirs.user_config_path()
    if kind is Kind.SYSTEMD:
        return config_home / "systemd" / "user" / "kiosk.service"
    return config_home / "autostart" / "kiosk.desktop"


def exec_start(config: Path | None, content: Path | None) -> str:
    """The command that starts the kiosk: this Python, with the options given now."""
    words = [sys.executable, "-m", "kiosk"]
    if config is not None:
        words += ["--config", str(config.resolve())]
    if content is not None:
        words += ["--content", str(content.resolve())]
    return shlex.join(words)


def render(kind: Kind, config: Path | None = None, content: Path | None = None) -> str:
    template_name = "kiosk.service" if kind is Kind.SYSTEMD else "kiosk.desktop"
    template = (assets_dir() / "autostart" / template_name).read_text(encoding="utf-8")
    return template.format(
        exec_start=exec_start(config, content), staff_exit_status=STAFF_EXIT_STATUS
    )


def install(kind: Kind, config: Path | None = None, content: Path | None = None) -> Path:
    path = target_path(kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind, config, content), encoding="utf-8")
    return path


def uninstall() -> list[Path]:
    removed = []
    for kind in Kind:
        path = target_path(kind)
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def next_steps(kind: Kind) -> str:
    if kind is Kind.SYSTEMD:
        return (
            "To start it now and at every login, run:\n"
            "  systemctl --user daemon-reload\n"
            "  systemctl --user enable --now kiosk.service\n"
            "Make the kiosk's user log in automatically to a desktop session, and it starts "
            "with it.\nSee it with 'systemctl --user status kiosk' and its log with "
            "'journalctl --user -u kiosk'."
        )
    return "The kiosk starts the next time this user logs in to the desktop."


def preferred_kind() -> Kind:
    """systemd where this machine has it (it restarts the kiosk), else the desktop's autostart."""
    return Kind.SYSTEMD if Path("/run/systemd/system").is_dir() else Kind.DESKTOP
