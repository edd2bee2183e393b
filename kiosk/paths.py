"""Where the kiosk keeps its files, per the platform's conventions (platformdirs).

On Linux: the config file in ~/.config/kiosk/, state (staff lock, crash record) in
~/.local/state/kiosk/, the log in ~/.local/state/kiosk/log/. The XDG_* variables move them.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "kiosk"
CONFIG_FILE_NAME = "config.toml"
LOG_FILE_NAME = "kiosk.log"


def config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME) / CONFIG_FILE_NAME


def state_dir() -> Path:
    return platformdirs.user_state_path(APP_NAME)


def log_file() -> Path:
    return platformdirs.user_log_path(APP_NAME) / LOG_FILE_NAME


def bundled_content() -> Path:
    return Path(__file__).resolve().parent.parent / "content"


def assets_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "assets"
