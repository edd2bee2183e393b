"""Where the kiosk's files are: its own (config, state, log) and the ones it ships with.

On Linux: the config file in ~/.config/kiosk/, state (staff lock, crash record) in
~/.local/state/kiosk/, the log in ~/.local/state/kiosk/log/. The XDG_* variables move them.

The bundled article and assets (fonts, translations, autostart templates) live in the
repository's top-level content/ and assets/ folders. A built wheel carries them inside the
package as kiosk/_bundled/content and kiosk/_bundled/assets (pyproject.toml maps them there);
a checkout, whether run as `python main.py` or installed with `pip install -e .`, imports
kiosk/ from the checkout and reads the top-level folders directly. This module is the only
place that knows both layouts; everything else asks bundled_content() and assets_dir().
"""

from __future__ import annotations

import atexit
import contextlib
import functools
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "kiosk"
CONFIG_FILE_NAME = "config.toml"
LOG_FILE_NAME = "kiosk.log"
# Where a wheel carries content/ and assets/: inside the package (see pyproject.toml).
BUNDLED_PACKAGE_FOLDER = "_bundled"


def config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME) / CONFIG_FILE_NAME


def state_dir() -> Path:
    return platformdirs.user_state_path(APP_NAME)


def log_file() -> Path:
    return platformdirs.user_log_path(APP_NAME) / LOG_FILE_NAME


# Keeps the folders as_file() handed out usable until the process ends. For a package on the
# file system (every pip, pipx or editable install) as_file() returns the folder itself and
# closing does nothing; only a zipped package would be extracted to a temporary folder.
_opened = contextlib.ExitStack()
atexit.register(_opened.close)


def bundled_content() -> Path:
    """The folder holding the article shown when no other is configured."""
    return _bundled("content")


def assets_dir() -> Path:
    """The folder holding fonts/, translations/ and autostart/."""
    return _bundled("assets")


@functools.cache
def _bundled(name: str) -> Path:
    package = Path(_opened.enter_context(resources.as_file(resources.files("kiosk"))))
    return find_bundled(package, name)


def find_bundled(package: Path, name: str) -> Path:
    """The bundled folder `name` for the kiosk package installed at `package`: inside it (a
    wheel), else beside it in a checkout."""
    in_wheel = package / BUNDLED_PACKAGE_FOLDER / name
    if in_wheel.is_dir():
        return in_wheel
    in_checkout = package.parent / name
    # Only beside a checkout's pyproject.toml: a stray folder of that name next to an
    # installed package in site-packages is not ours.
    if (package.parent / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    # Neither: name the place a wheel has it, so the error message points somewhere.
    return in_wheel
