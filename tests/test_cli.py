"""The `kiosk` command as staff use it: options, messages, exit codes, previews, full screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk import cli
from kiosk.app import present
from kiosk.config import Settings

from .conftest import BUNDLED, ROOT
from .helpers import build_window


def run(*args: str, env_drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in env_drop}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--idle-warning", "5"], ["idle_warning", "'5'", "20 to 600 seconds"]),
        (["--idle-timeout", "soon"], ["idle_timeout", "'soon'", "whole number"]),
        (["preview", "--out", "x", "--size", "big"], ["'big'", "WIDTHxHEIGHT"]),
    ],
)
def test_bad_values_get_a_clear_message_and_exit_code_2(capsys, args, words):
    assert cli.main(args) == cli.EXIT_USAGE
    message = capsys.readouterr().err
    for word in words:
        assert word in message
    assert "Traceback" not in message


def test_settings_come_from_the_command_line():
    args = cli.build_parser().parse_args(
        ["--idle-timeout", "120", "--idle-warning", "45", "--no-animations", "--no-hide-cursor"]
    )
    assert cli.settings_from_args(args) == Settings(
        idle_timeout=120, idle_warning=45, animations=False, hide_cursor=False
    )


def test_help_lists_every_setting():
    text = cli.build_parser().format_help()
    for flag in (
        "--content",
        "--windowed",
        "--idle-timeout",
        "--idle-warning",
        "--animations",
        "--no-animations",
        "--hide-cursor",
        "preview",
    ):
        assert flag in text


def test_broken_content_is_explained_without_a_traceback(tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: T\nnot a setting\n---\nText\n", encoding="utf-8")
    result = run("check", str(broken))
    assert result.returncode == cli.EXIT_PROBLEM
    assert f"{broken}, line 3" in result.stdout
    assert "name: value" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_preview_renders_every_screen_without_a_display(tmp_path):
    out = tmp_path / "shots"
    result = run(
        "preview",
        "--content",
        str(BUNDLED),
        "--out",
        str(out),
        "--size",
        "1080x1920",
        env_drop=("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"),
    )
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.split()]
    names = [path.name for path in printed]
    assert names[0] == "01-start.png"
    assert "section1-page1" in names[1]
    assert names[-2].endswith("-end.png")
    assert names[-1].endswith("-idle-warning.png")
    assert sorted(out.iterdir()) == sorted(printed)
    for path in printed:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1080, 1920)


def letter_share(image: QImage) -> float:
    """The share of pixels in the middle of `image` (every 4th, each way; between the header
    and the footer) in the body text's near-black, so no button or bar counts."""
    seen = dark = 0
    for y in range(image.height() // 5, image.height() * 3 // 4, 4):
        for x in range(0, image.width(), 4):
            seen += 1
            dark += image.pixelColor(x, y).lightness() < 64
    return dark / seen


@pytest.mark.parametrize("size", ["3840x2160", "1920x1080"])
def test_large_text_is_drawn_through_the_kiosks_own_start_up(tmp_path, size):
    """The kiosk's own QApplication (kiosk.app.application), not the tests' one: a Qt setting
    made there once left every letter above 64 px undrawn (a 4K panel showed empty pages)."""
    out = tmp_path / "shots"
    result = run("preview", "--content", str(BUNDLED), "--out", str(out), "--size", size)
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.split()]
    start = QImage(str(printed[0]))
    first_page = QImage(str(next(path for path in printed if "section1-page1" in path.name)))
    # Letters cover a few per cent of a page; with none drawn, nothing is near-black there.
    assert letter_share(first_page) > 0.02
    assert letter_share(start) > 0.01


def test_kiosk_mode_is_frameless_full_screen_without_a_pointer(qapp, qtbot, article):
    window = build_window(article)
    try:
        present(window, qapp, Settings(), windowed=False)
        screen = qapp.primaryScreen().geometry()
        qtbot.waitUntil(lambda: window.geometry() == screen)
        assert window.isFullScreen()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert qapp.overrideCursor().shape() == Qt.CursorShape.BlankCursor
        qtbot.waitUntil(lambda: window.session.theme.width == screen.width())
    finally:
        window.permit_close()
        window.close()
        window.deleteLater()
        while qapp.overrideCursor() is not None:
            qapp.restoreOverrideCursor()


def test_windowed_mode_keeps_the_pointer(qapp, qtbot, article):
    window = build_window(article)
    qtbot.addWidget(window)
    present(window, qapp, Settings(), windowed=True)
    assert not window.isFullScreen()
    assert qapp.overrideCursor() is None


def test_a_command_whose_reader_has_gone_ends_without_a_traceback():
    # `true` reads nothing and is gone before the kiosk's command prints (as `head` is once
    # it has its lines).
    done = subprocess.run(
        f"'{sys.executable}' '{ROOT / 'main.py'}' config --defaults | true",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr
