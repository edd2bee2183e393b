"""Starting the kiosk at boot, on every kind of desktop session: the files that
`kiosk install-autostart` writes (from the templates in assets/autostart/) and
`kiosk uninstall-autostart` removes.

With systemd (the default where the machine runs it) there are two files. The user service
runs the kiosk, restarts it and watches it. The XDG autostart entry is what makes it start on
every session: GNOME and KDE reach graphical-session.target, which the service is also wanted
by, but Raspberry Pi OS's labwc and wayfire, openbox, XFCE and LXDE never do; all of them run
~/.config/autostart entries at login. The entry hands the session's display variables to the
user manager (a service does not inherit them) and then restarts the service, so a kiosk left
waiting with an older session's display starts over on this one.

Without systemd (`--desktop`) the autostart entry starts the kiosk itself, with no restarts.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import platformdirs

from kiosk.paths import assets_dir

STAFF_EXIT_STATUS = 64  # "Exit kiosk" on the staff screen: systemd must not restart it
SERVICE = "kiosk.service"
# What a session knows and a systemd user service does not: where the display is, and its
# kind (Qt prefers Wayland when WAYLAND_DISPLAY is set and falls back to X11 when it fails).
SESSION_VARIABLES = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "XDG_SESSION_TYPE",
    "XDG_CURRENT_DESKTOP",
)


class Kind(Enum):
    SYSTEMD = "systemd"  # a user service, plus the autostart entry that starts it
    DESKTOP = "desktop"  # an autostart entry that starts the kiosk itself


@dataclass(frozen=True)
class File:
    path: Path
    text: str


def unit_dir() -> Path:
    return platformdirs.user_config_path() / "systemd" / "user"


def unit_path() -> Path:
    return unit_dir() / SERVICE


def desktop_entry_path() -> Path:
    return platformdirs.user_config_path() / "autostart" / "kiosk.desktop"


def console_script() -> Path:
    """The `kiosk` command installed beside this Python. Units start it rather than
    `python -m kiosk`, which imports a folder named `kiosk` in the working directory (a
    checkout at ~/kiosk, and a user service starts in ~) instead of the installed package.
    Not resolved: a venv's python is a link to the system's, and the script is in the venv."""
    return Path(sys.executable).absolute().parent / "kiosk"


def kiosk_command(config: Path | None, content: Path | None) -> list[str]:
    """The kiosk's command line, with the options given now (as absolute paths: units and
    autostart entries do not start in the folder install-autostart ran in)."""
    words = [str(console_script())]
    if config is not None:
        words += ["--config", str(config.resolve())]
    if content is not None:
        words += ["--content", str(content.resolve())]
    return words


_SYSTEMD_PLAIN = re.compile(r"[\w@%+=:,./$-]+")
_DESKTOP_RESERVED = re.compile(r"[\s\"'\\><~|&;$*?#()`]")


def systemd_command_line(words: list[str]) -> str:
    """`words` as an ExecStart= value: systemd expands %-specifiers and $VARIABLES everywhere
    and reads backslash escapes inside quotes too, so shell quoting is not enough."""
    quoted = []
    for word in words:
        word = word.replace("%", "%%").replace("$", "$$")
        if not _SYSTEMD_PLAIN.fullmatch(word):
            word = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
        quoted.append(word)
    return " ".join(quoted)


def desktop_command_line(words: list[str]) -> str:
    """`words` as an Exec= value of a desktop entry: double quotes only, with " ` $ and \\
    escaped inside them, %% for a literal %, and then every backslash doubled again, because
    the file's own string escapes are read before the quoting (Desktop Entry Specification)."""
    quoted = []
    for word in words:
        word = word.replace("%", "%%")
        if not word or _DESKTOP_RESERVED.search(word):
            word = '"' + re.sub(r'(["`$\\])', r"\\\1", word) + '"'
        quoted.append(word)
    return " ".join(quoted).replace("\\", "\\\\")


def session_start_command() -> list[str]:
    """What the autostart entry runs in the session: hand its display over, then (re)start."""
    variables = " ".join(SESSION_VARIABLES)
    script = (
        f"systemctl --user import-environment {variables}; "
        f"systemctl --user --no-block restart {SERVICE}"
    )
    return ["sh", "-c", script]


def _template(name: str) -> str:
    return (assets_dir() / "autostart" / name).read_text(encoding="utf-8")


def files(kind: Kind, config: Path | None = None, content: Path | None = None) -> list[File]:
    """The files install-autostart writes for `kind`, with their text."""
    command = kiosk_command(config, content)
    if kind is Kind.DESKTOP:
        entry = _template("kiosk.desktop").format(exec_line=desktop_command_line(command))
        return [File(desktop_entry_path(), entry)]
    unit = _template("kiosk.service").format(
        exec_start=systemd_command_line(command), staff_exit_status=STAFF_EXIT_STATUS
    )
    entry = _template("kiosk-session.desktop").format(
        exec_line=desktop_command_line(session_start_command()), service=SERVICE
    )
    return [File(unit_path(), unit), File(desktop_entry_path(), entry)]


def render(kind: Kind, config: Path | None = None, content: Path | None = None) -> str:
    """The files as `--print` shows them: each under a comment line naming where it goes."""
    return "\n".join(f"# {file.path}\n{file.text}" for file in files(kind, config, content))


def install(kind: Kind, config: Path | None = None, content: Path | None = None) -> list[Path]:
    written = []
    for file in files(kind, config, content):
        file.path.parent.mkdir(parents=True, exist_ok=True)
        file.path.write_text(file.text, encoding="utf-8")
        written.append(file.path)
    return written


def uninstall() -> list[Path]:
    """Remove what install wrote, and the links `systemctl --user enable` made to the unit
    (left behind, they point at nothing and `systemctl disable` can no longer remove them)."""
    candidates = [unit_path(), desktop_entry_path()]
    if unit_dir().is_dir():
        candidates += sorted(unit_dir().glob(f"*.wants/{SERVICE}"))
    removed = []
    for path in candidates:
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    return removed


def next_steps(kind: Kind) -> str:
    if kind is Kind.DESKTOP:
        return "The kiosk starts the next time this user logs in to the desktop."
    return (
        "Make this user log in to the desktop automatically, then run:\n"
        "  systemctl --user daemon-reload\n"
        f"  systemctl --user enable {SERVICE}\n"
        "and restart the computer: the kiosk starts with the desktop session.\n"
        f"See it with 'systemctl --user status {SERVICE}' and its log with "
        "'journalctl --user -u kiosk'."
    )


def stop_hint() -> str:
    return (
        f"If the kiosk runs now, stop it with: systemctl --user stop {SERVICE}\n"
        "then: systemctl --user daemon-reload"
    )


def preferred_kind() -> Kind:
    """systemd where this machine has it (it restarts the kiosk), else the desktop's autostart."""
    return Kind.SYSTEMD if Path("/run/systemd/system").is_dir() else Kind.DESKTOP
