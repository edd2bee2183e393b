"""`kiosk check` and the kiosk agree: the staff screen lists the warnings `kiosk check` gives
for the article shown, and `kiosk check` counts the pages the kiosk shows."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize

from kiosk import check
from kiosk import theme as theme_module
from kiosk.article import load_article
from kiosk.check import WarningsReader, run_check, staff_warnings
from kiosk.clock import QtClock
from kiosk.config import Settings, load_config_file
from kiosk.session import KioskSession
from kiosk.theme import BUNDLED_FAMILY, panel_density

from .conftest import BUNDLED, ROOT
from .helpers import build_window

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def faulty(tmp_path) -> Path:
    """An article `kiosk check` warns about four ways: an overdue review, no summary, a
    missing picture and one from elsewhere."""
    path = tmp_path / "faulty.md"
    path.write_text(
        "---\ntitle: T\nlast_reviewed: 2024-01-01\nnext_review: 2025-01-01\n"
        "reviewed_by: Dr A\nsources: NHS\n---\n\nSee the chart.\n\n![A chart](chart.png)\n\n"
        "![Far away](https://example.org/x.png)\n",
        encoding="utf-8",
    )
    return path


def long_article(tmp_path: Path) -> Path:
    """The bundled article with its sections three times over: pages that break often."""
    head, _, body = BUNDLED.read_text(encoding="utf-8").partition("\n## ")
    path = tmp_path / "long.md"
    path.write_text(head + "\n" + ("## " + body + "\n") * 3, encoding="utf-8")
    return path


def check_says(report, path: Path) -> list[str]:
    """`kiosk check`'s warnings as the staff screen words them: the file without its folder
    (then the line, if any), and the same sentence."""
    return [
        f"{path.name}{finding.where.removeprefix(str(path))}: {finding.message}"
        for finding in report.warnings
    ]


# The warnings


@pytest.mark.parametrize("which", ["bundled", "faulty"])
def test_the_staff_screen_lists_what_kiosk_check_warns(qtbot, faulty, which):
    path = BUNDLED if which == "bundled" else faulty
    report = run_check(path, load_config_file(None), today=TODAY)
    expected = check_says(report, path)
    assert len(expected) >= 2
    assert staff_warnings(load_article(path), TODAY) == expected

    window = build_window(load_article(path))
    qtbot.addWidget(window)
    screen = window.staff_screen
    screen.set_status("Showing: T", [])
    reader = WarningsReader(window)
    reader.ready.connect(screen.set_warnings)
    with qtbot.waitSignal(reader.ready, timeout=1000):
        reader.read(window.session.article)
    # At once: the screen says the content is being checked, not that all is well.
    assert "Checking the content" in screen.problems_label.text()
    assert "No problems found" not in screen.problems_label.text()
    with qtbot.waitSignal(reader.ready, timeout=10_000, check_params_cb=found) as ready:
        pass
    assert ready.args is not None
    shown = screen.problems_label.text()
    assert "Checking the content" not in shown
    assert "No problems found" not in shown
    for warning in ready.args[0]:
        assert f"\N{BULLET} {warning}" in shown
    # Read on the day, so only the overdue review may differ from the check dated TODAY.
    assert len(ready.args[0]) == len(expected)


def found(warnings: list[str] | None) -> bool:
    """Whether `ready` brought the warnings (None: they are being read)."""
    return warnings is not None


def test_only_the_last_articles_warnings_arrive(qtbot, faulty):
    reader = WarningsReader()
    arrived: list[list[str]] = []
    reader.ready.connect(arrived.append)
    reader.read(load_article(faulty))
    reader.read(None)  # the article went while its warnings were being read
    for thread in threading.enumerate():
        if thread.name == "kiosk-check-warnings":
            thread.join(10)
    QCoreApplication.processEvents()
    QCoreApplication.processEvents()
    assert arrived == [None, []]
    reader.deleteLater()


def test_warnings_are_read_off_the_gui_thread(qtbot, faulty, monkeypatch):
    reader = WarningsReader()
    seen: list[str] = []

    def recording(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return staff_warnings(*args, **kwargs)

    monkeypatch.setattr(check, "staff_warnings", recording)
    with qtbot.waitSignal(reader.ready, timeout=10_000, check_params_cb=found):
        reader.read(load_article(faulty))
    assert seen == ["kiosk-check-warnings"]
    reader.deleteLater()


# The pages


@pytest.mark.parametrize(
    ("screen_size", "diagonal", "rotation"),
    [
        ("1920x1080", 21.5, 0),
        ("1920x1080", 21.5, 90),
        ("1280x800", 10.1, 0),
        ("800x480", 7, 0),
        ("3840x2160", 55, 0),
        ("1280x800", 0, 0),
    ],
)
def test_check_counts_the_pages_a_kiosk_session_shows(
    qapp, tmp_path, screen_size, diagonal, rotation
):
    path = long_article(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(
        f'screen_size = "{screen_size}"\nrotation = {rotation}\n'
        f"screen_diagonal_inches = {diagonal}\n",
        encoding="utf-8",
    )
    loaded = load_config_file(config, required=True)
    assert not loaded.problems
    (checked,) = run_check(path, loaded).articles
    assert checked.font == BUNDLED_FAMILY
    # The kiosk's session, sized as its window sizes it on that panel (KioskWindow._fit_to):
    # the window's size, and the panel's density from its pixels and the configured diagonal.
    settings = loaded.settings
    session = KioskSession(load_article(path), settings, QtClock())
    density = panel_density(QSize(*settings.screen_width_height), None, diagonal)
    session.set_screen_size(
        QSize(*settings.kiosk_width_height), density.pixels_per_mm if density else None
    )
    assert checked.pages == list(session.page_counts)
    session.read_aloud.shutdown()


def test_check_counts_the_pages_a_kiosk_window_shows(make_window, tmp_path):
    path = long_article(tmp_path)
    config = tmp_path / "config.toml"
    # The tests' screen: 1920x1080 pixels (tests/conftest.py), said to be 21.5 inches.
    config.write_text("screen_diagonal_inches = 21.5\n", encoding="utf-8")
    loaded = load_config_file(config, required=True)
    (checked,) = run_check(path, loaded).articles
    settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=21.5)
    window = make_window(QSize(1920, 1080), settings=settings, article=load_article(path))
    assert checked.pages == list(window.session.page_counts)
    assert "a 21.5-inch panel seen from 60 cm" in run_check(path, loaded).to_text()


def test_kiosk_check_measures_with_the_bundled_font_in_a_process_of_its_own(make_window, tmp_path):
    path = long_article(tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (checked,) = json.loads(result.stdout)["articles"]
    assert checked["font"] == BUNDLED_FAMILY
    window = make_window(QSize(1920, 1080), article=load_article(path))
    assert checked["pages"] == list(window.session.page_counts)


def test_without_the_bundled_font_check_says_so(qapp, monkeypatch):
    monkeypatch.setattr(theme_module, "_fonts_loaded", False)
    report = run_check(BUNDLED, load_config_file(None), today=TODAY)
    (checked,) = report.articles
    assert checked.font == "the system's sans-serif font"
    assert any(
        f"The bundled font {BUNDLED_FAMILY} could not be loaded" in finding.message
        for finding in report.warnings
    )
    assert "Pages measured in: the system's sans-serif font" in report.to_text()


def test_the_controllers_staff_screen_lists_what_kiosk_check_warns(
    qapp, qtbot, tmp_path, touchscreen
):
    from PySide6.QtCore import QPoint

    from kiosk.app import KioskController
    from kiosk.config import Settings
    from kiosk.staff import hash_pin

    from .conftest import BUNDLED
    from .helpers import touch_tap
    from .test_staff import PIN, enter

    controller = KioskController(
        qapp,
        Settings(animations=False, speech_engine="mock"),
        BUNDLED,
        pin_hash=lambda: hash_pin(PIN),
        state_dir=tmp_path / "state",
    )
    window = controller.window
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: controller.session.article is not None, timeout=10_000)
    for _ in range(5):
        touch_tap(window, touchscreen, QPoint(30, 30))
    enter(window, PIN)
    screen = window.staff_screen
    qtbot.waitUntil(lambda: "school grade" in screen.problems_label.text(), timeout=10_000)
    assert "Review details are missing" in screen.problems_label.text()
    controller.session.read_aloud.shutdown()


@pytest.mark.parametrize(
    ("screen_size", "diagonal", "distance", "needed_mm", "warned"),
    [
        ("1920x1080", 21.5, 60, 7.3, False),
        ("800x480", 7, 60, 7.3, False),
        # A 7" panel read from 2 m: its screens cannot hold the 24 mm capitals that needs.
        ("800x480", 7, 200, 24.4, True),
    ],
)
def test_check_reports_the_physical_sizes_and_warns_when_the_panel_cannot_meet_them(
    qapp, tmp_path, screen_size, diagonal, distance, needed_mm, warned
):
    config = tmp_path / "config.toml"
    config.write_text(
        f'screen_size = "{screen_size}"\nscreen_diagonal_inches = {diagonal}\n'
        f"viewing_distance_cm = {distance}\n",
        encoding="utf-8",
    )
    report = run_check(BUNDLED, load_config_file(config, required=True)).to_text()
    found = re.search(r"Sizes on the panel: Standard text's capitals ([\d.]+) mm high", report)
    assert found, report
    assert (float(found[1]) < needed_mm) is warned
    assert (f"The panel is too small to be read from {distance} cm" in report) is warned
