"""The kiosk as a clinic installs it: a built wheel in a fresh venv, run from another folder.

The `packaging` tests build the wheel from a copy of the checkout and install it into a new
venv in a temporary folder, made without --system-site-packages, so that neither the checkout
nor the test venv's (editable) kiosk can stand in for what the wheel carries. pip installs the
dependencies as it would for a clinic, from its cache where the test venv's own install left
them. Deselect them with `-m "not packaging"` when working offline.

Also here: the system checker the README runs before pip (scripts/check-system.py), with
faked systems.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from kiosk import __version__

from .conftest import ROOT

# Installing PySide6-Essentials from pip's cache takes seconds; from PyPI, longer. This only
# bounds a wedged pip.
INSTALL_TIMEOUT_S = 900
RUN_TIMEOUT_S = 120
# What the wheel must carry, per top-level folder of the checkout (screenshots are for the
# README only).
BUNDLED_FOLDERS = ("content", "assets/fonts", "assets/translations", "assets/autostart")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    elsewhere: Path  # the working directory: outside the checkout, with a folder named kiosk
    env: dict[str, str]

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args,
            cwd=self.elsewhere,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
        )

    def kiosk(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return self.run(str(self.venv / "bin" / "kiosk"), *args, stdin=stdin)


def _clean_env() -> dict[str, str]:
    """This process's environment without what ties a child to the test venv or the checkout."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV", "__PYVENV"))
    }


def _checked(command: list[str], timeout: float, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # From a copy: a build in place would write build/ and *.egg-info into the checkout,
    # under the feet of anyone else running the tests there.
    source = tmp_path_factory.mktemp("source") / "kiosk-source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "preview"
        ),
    )
    out = tmp_path_factory.mktemp("dist")
    _checked(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(out), str(source)],
        env=_clean_env(),
        timeout=INSTALL_TIMEOUT_S,
    )
    (built,) = out.glob("kiosk-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    top = tmp_path_factory.mktemp("clinic")
    venv = top / "venv"
    # A venv made from a venv's Python is based on the base interpreter and, without
    # --system-site-packages, sees none of the test venv's packages.
    _checked([sys.executable, "-m", "venv", str(venv)], timeout=RUN_TIMEOUT_S)
    _checked(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        env=_clean_env(),
        timeout=INSTALL_TIMEOUT_S,
    )
    elsewhere = top / "elsewhere"
    # A folder named kiosk in the working directory, as for a checkout at ~/kiosk, that
    # would break the kiosk if it were imported instead of the installed package.
    (elsewhere / "kiosk").mkdir(parents=True)
    (elsewhere / "kiosk" / "__init__.py").write_text(
        'raise ImportError("the kiosk folder in the working directory was imported")\n',
        encoding="utf-8",
    )
    home = top / "home"
    env = _clean_env()
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return Installed(wheel, venv, elsewhere, env)


def _files_under(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.packaging
def test_the_wheel_carries_the_article_fonts_translations_and_autostart_files(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for folder in BUNDLED_FOLDERS:
        expected = {f"kiosk/_bundled/{folder}/{name}" for name in _files_under(ROOT / folder)}
        assert expected, f"{folder} is empty in the checkout"
        assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert "kiosk/_bundled/assets/fonts/OFL.txt" in names  # the font's licence travels with it
    assert not any("screenshots" in name for name in names)


@pytest.mark.packaging
def test_check_finds_the_bundled_article_in_the_installed_wheel(installed):
    result = installed.kiosk("check")
    assert result.returncode == 0, result.stdout + result.stderr
    content = next(line for line in result.stdout.splitlines() if line.startswith("Content: "))
    assert content.startswith(f"Content: {installed.venv}/")
    assert content.endswith("/site-packages/kiosk/_bundled/content")
    assert "Title: Ketamine as a treatment for chronic pain" in result.stdout
    assert "does not exist" not in result.stdout + result.stderr


@pytest.mark.packaging
def test_preview_renders_every_screen_in_the_bundled_font(installed, tmp_path):
    out = tmp_path / "previews"
    result = installed.kiosk("preview", "--out", str(out))
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.splitlines()]
    assert len(printed) >= 5  # start, the reading pages, end, idle warning
    assert all(path.is_file() and path.suffix == ".png" for path in printed)
    assert "could not be loaded" not in result.stderr  # no font fallback
    assert " WARNING " not in result.stderr, result.stderr
    assert " ERROR " not in result.stderr, result.stderr
    # PySide6-Addons is an extra this venv does not have: Read aloud is hidden, said once.
    assert result.stderr.count("Read aloud is not offered") == 1
    assert "pip install 'kiosk[speech]'" in result.stderr


@pytest.mark.packaging
def test_install_autostart_prints_what_it_would_install(installed, tmp_path):
    config = tmp_path / "config.toml"
    set_pin = installed.kiosk("set-pin", "--config", str(config), stdin="2468\n2468\n")
    assert set_pin.returncode == 0, set_pin.stderr
    result = installed.kiosk("install-autostart", "--print", "--config", str(config))
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    # It starts the kiosk installed in this venv.
    assert str(installed.venv / "bin") in result.stdout


@pytest.mark.packaging
def test_the_installed_kiosk_ignores_a_kiosk_folder_in_the_working_directory(installed):
    python = str(installed.venv / "bin" / "python")
    script = str(installed.venv / "bin" / "kiosk")
    for command in ([python, "-P", "-m", "kiosk", "--version"], [script, "--version"]):
        result = installed.run(*command)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"kiosk {__version__}"


# The checker the README runs before pip, with faked systems.


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    path = ROOT / "scripts" / "check-system.py"
    spec = importlib.util.spec_from_file_location("check_system", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SUPPORTED = [
    ("x86_64", 64, "glibc 2.36", (3, 11)),  # Debian 12
    ("x86_64", 64, "glibc 2.35", (3, 11)),  # Ubuntu 22.04 with python3.11
    ("aarch64", 64, "glibc 2.41", (3, 13)),  # Raspberry Pi OS Trixie, Debian 13
    ("aarch64", 64, "glibc 2.39", (3, 12)),  # Ubuntu 24.04
    ("arm64", 64, "glibc 2.39", (3, 12)),
    ("AMD64", 64, "glibc 2.34", (3, 14)),
]


@pytest.mark.parametrize(("machine", "bits", "libc", "python"), SUPPORTED)
def test_the_checker_passes_systems_pyside6_has_wheels_for(checker, machine, bits, libc, python):
    assert checker.problem("Linux", machine, bits, libc, python) is None


UNSUPPORTED = [
    # Raspberry Pi OS Bookworm 64-bit
    (
        ("aarch64", 64, "glibc 2.36", (3, 11)),
        "kiosk: this system has glibc 2.36; PySide6 for 64-bit ARM needs glibc 2.39 (Raspberry "
        "Pi OS Trixie, Debian 13, Ubuntu 24.04 or newer).",
    ),
    # Raspberry Pi OS 32-bit on a Pi 4: a 64-bit kernel under 32-bit programs
    (("aarch64", 32, "glibc 2.36", (3, 11)), "32-bit ARM system (aarch64, 32-bit Python)"),
    (("armv7l", 32, "glibc 2.36", (3, 11)), "install a 64-bit system (Raspberry Pi OS Trixie"),
    (("armv6l", 32, "glibc 2.31", (3, 11)), "PySide6 has no build for it"),
    # Debian 11 with a Python built by hand
    (
        ("x86_64", 64, "glibc 2.31", (3, 11)),
        "kiosk: this system has glibc 2.31; PySide6 for x86-64 needs glibc 2.34 (Debian 12, "
        "Ubuntu 22.04 or newer).",
    ),
    # Ubuntu 22.04's own python3
    (("x86_64", 64, "glibc 2.35", (3, 10)), "this is Python 3.10; the kiosk needs Python 3.11"),
    (("riscv64", 64, "glibc 2.39", (3, 12)), "no build for this processor (riscv64)"),
    (("x86_64", 64, None, (3, 12)), "C library is not glibc"),  # Alpine (musl)
]


@pytest.mark.parametrize(("system", "says"), UNSUPPORTED)
def test_the_checker_says_in_one_line_why_a_system_is_not_supported(checker, system, says):
    machine, bits, libc, python = system
    line = checker.problem("Linux", machine, bits, libc, python)
    assert line is not None
    assert says in line
    assert line.startswith("kiosk: ")
    assert "\n" not in line


def test_the_checker_prints_its_line_and_exits_1(checker, monkeypatch, capsys):
    monkeypatch.setattr(checker.platform, "machine", lambda: "aarch64")
    monkeypatch.setattr(checker.platform, "system", lambda: "Linux")
    monkeypatch.setattr(checker.os, "confstr", lambda name: "glibc 2.36")
    assert checker.main() == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "needs glibc 2.39" in captured.err


def test_the_checker_is_silent_on_this_machine_which_runs_the_tests():
    # The test machine is a supported system (CI: Debian 12, x86-64); the checker must agree.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check-system.py")],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
