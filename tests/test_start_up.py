"""Starting fast: the first frame before the kiosk is built, and the article read meanwhile.

`kiosk` shows a plain window in the background colour as soon as Qt can draw it (systemd hears
READY=1 then), and builds the screens right after that frame. The child process that reads the
article is started first (kiosk.content_loader.start_early) and taken over by the content
watcher, whose loading takes a while. tests/benchmarks/bench.py measures how long each step
takes; these tests hold the behaviour.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

import kiosk.content_loader as content_loader
from kiosk import library_loader, words
from kiosk.app import EarlyStart, KioskController, KioskStart, present
from kiosk.clock import QtClock
from kiosk.config import Settings
from kiosk.content_loader import ContentLoader, LoadResult, start_early
from kiosk.content_watch import ContentWatcher
from kiosk.navigation import Screen
from kiosk.session import KioskSession
from kiosk.theme import NORMAL
from kiosk.ui.rotation import RotatedView
from kiosk.ui.window import KioskWindow

from .conftest import BUNDLED

SIZE = QSize(1280, 720)
SETTINGS = Settings(animations=False, speech_engine="mock")
ARTICLE = "---\ntitle: Early\nsummary: Read early.\n---\n\nFirst words.\n\n## Part\n\nMore.\n"


@pytest.fixture(autouse=True)
def no_early_reading_left_over(qapp):  # type: ignore[no-untyped-def]
    yield
    if content_loader._early is not None:
        content_loader._early._discard()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "article.md").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def counted_readings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every child that reads content writes a line here as it starts."""
    log = tmp_path / "readings.log"
    bootstrap = (
        "import sys; open(sys.argv[1], 'a').write('read\\n'); sys.path.insert(0, sys.argv[2]); "
        "from kiosk.content_child import child_main; raise SystemExit(child_main(sys.argv[3:]))"
    )
    package_root = content_loader.CHILD_COMMAND[-1]
    command = (sys.executable, "-P", "-c", bootstrap, str(log), package_root)
    monkeypatch.setattr(content_loader, "CHILD_COMMAND", command)
    return log


def readings(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def shown_plain(qtbot) -> KioskWindow:  # type: ignore[no-untyped-def]
    window = KioskWindow.plain()
    qtbot.addWidget(window)
    window.resize(SIZE)
    with qtbot.waitExposed(window), qtbot.waitSignal(window.first_frame_shown):
        window.show()
    return window


# The window before and after it is built


def test_the_first_frame_is_the_background_colour_with_nothing_built(qtbot):
    window = shown_plain(qtbot)
    assert not window.built
    assert window.first_frame_done
    image = window.grab().toImage()
    for x, y in ((5, 5), (SIZE.width() // 2, SIZE.height() // 2), (SIZE.width() - 5, 700)):
        assert image.pixelColor(x, y) == QColor(NORMAL.background)


def test_built_after_its_first_frame_the_whole_screen_is_there_at_once(qtbot, article):
    window = shown_plain(qtbot)
    window.set_kiosk_mode(True)
    clock = QtClock()
    session = KioskSession(article, SETTINGS, clock)
    window.build(session, SETTINGS, clock)
    # Before the event loop runs again (before the next frame): every screen at the window's
    # size, the session measured for it, the start screen on top.
    assert window.built
    assert window.stack.geometry() == window.rect()
    assert session.theme.width == SIZE.width()
    assert window.current_screen() is window.start_screen
    assert window.start_screen.geometry() == window.rect()
    button = window.start_screen.start_button
    assert button.isVisibleTo(window)
    assert window.rect().contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size()))
    assert window.start_screen.title_label.text() == article.title
    assert window.router.lockdown  # kiosk mode, asked for before it was built
    # Built after the first frame, the window leaves looking for a speech engine to the caller.
    QApplication.processEvents()
    assert not session.read_aloud.probed
    image = window.grab().toImage()
    assert image.pixelColor(5, 5) == QColor(NORMAL.background)
    window.permit_close()


def test_a_window_cannot_be_built_twice(qtbot, article):
    window = shown_plain(qtbot)
    clock = QtClock()
    session = KioskSession(article, SETTINGS, clock)
    window.build(session, SETTINGS, clock)
    with pytest.raises(RuntimeError):
        window.build(session, SETTINGS, clock)


def test_a_turned_kiosk_is_built_after_its_first_frame_at_the_turned_size(qapp, qtbot, article):
    window = KioskWindow.plain()
    view = present(window, qapp, Settings(rotation=90), windowed=True)
    assert isinstance(view, RotatedView)
    qtbot.addWidget(view)
    qtbot.waitSignal(window.first_frame_shown).wait()
    clock = QtClock()
    session = KioskSession(article, SETTINGS, clock)
    window.build(session, SETTINGS, clock)
    turned = view.size().transposed()
    assert window.size() == turned
    assert (session.theme.width, session.theme.height) == (turned.width(), turned.height())
    assert window.start_screen.geometry() == window.rect()


# Reading the article while the kiosk starts


def test_a_reading_started_early_is_taken_over_not_started_again(
    qapp, qtbot, content, counted_readings
):
    start_early(content)
    loader = ContentLoader()
    results: list[LoadResult] = []
    loader.finished.connect(results.append)
    loader.start(content)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results[0].article is not None
    assert results[0].article.title == "Early"
    assert readings(counted_readings) == 1


def test_a_reading_that_ended_before_it_was_taken_over_is_still_reported(
    qapp, qtbot, content, counted_readings
):
    start_early(content)
    early = content_loader._early
    assert early is not None
    qtbot.waitUntil(lambda: early.ended is not None, timeout=10_000)
    loader = ContentLoader()
    with qtbot.waitSignal(loader.finished, timeout=5000) as finished:
        loader.start(content)
        assert loader.running  # reported after start() returns, as always
    result = finished.args[0]
    assert result.article is not None
    assert readings(counted_readings) == 1


def test_another_reading_is_not_taken_for_the_early_one(qapp, qtbot, content, tmp_path):
    start_early(content)
    other = tmp_path / "other"
    other.mkdir()
    (other / "other.md").write_text(ARTICLE.replace("Early", "Other"), encoding="utf-8")
    loader = ContentLoader()
    with qtbot.waitSignal(loader.finished, timeout=10_000) as finished:
        loader.start(other)
    assert finished.args[0].article.title == "Other"
    assert content_loader._early is not None  # still waiting for its own reader
    content_loader._early._discard()
    assert content_loader._early is None


def test_the_time_limit_counts_from_the_early_start(
    qapp, qtbot, content, monkeypatch: pytest.MonkeyPatch
):
    # A child that never answers, started 1.5 s before a loader with a 2 s limit takes it
    # over: stopped half a second later, not two.
    monkeypatch.setattr(
        content_loader,
        "CHILD_COMMAND",
        (sys.executable, "-c", "import time; time.sleep(30)", "-"),
    )
    start_early(content, time_limit=2)
    early = content_loader._early
    assert early is not None
    early.started -= 1.5
    loader = ContentLoader(time_limit=2)
    taken = time.monotonic()
    with qtbot.waitSignal(loader.finished, timeout=5000) as finished:
        loader.start(content)
    assert time.monotonic() - taken < 1.5
    error = finished.args[0].error
    assert error is not None
    assert "too complex" in error.problem


# The kiosk's own start (as run_kiosk does it)


@pytest.fixture
def kiosk_start(qapp, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    made: list[KioskStart] = []

    def start(folder: Path) -> KioskStart:
        window = KioskWindow.plain()
        qtbot.addWidget(window)

        def make_controller(early: EarlyStart) -> KioskController:
            return KioskController(
                qapp, SETTINGS, folder, state_dir=tmp_path / "state", early=early
            )

        kiosk = KioskStart(qapp, window, folder, make_controller, tmp_path / "state")
        made.append(kiosk)
        window.resize(SIZE)
        window.show()
        return kiosk

    yield start
    for kiosk in made:
        if kiosk.controller is not None:
            kiosk.controller._on_quit()
            kiosk.controller.deleteLater()
        kiosk.deleteLater()


def test_the_kiosk_is_built_after_its_first_frame_and_reads_the_article_once(
    kiosk_start, qtbot, content, counted_readings
):
    kiosk = kiosk_start(content)
    assert kiosk.controller is None  # nothing but the plain window before the first frame
    qtbot.waitUntil(lambda: kiosk.controller is not None, timeout=5000)
    controller = kiosk.controller
    window = controller.window
    qtbot.waitUntil(lambda: controller.session.article is not None, timeout=10_000)
    assert window.current_screen() is window.start_screen
    assert window.start_screen.title_label.text() == "Early"
    assert readings(counted_readings) == 1  # the early reading was taken over
    # Once the article is on the screen: speech looked for, and the content watched. Its
    # file's size and time are unchanged since the reading began, so it is not read again
    # (an edit saved meanwhile is: tests/test_running.py).
    qtbot.waitUntil(lambda: controller.session.read_aloud.probed, timeout=5000)
    qtbot.waitUntil(
        lambda: controller.services_started and not controller.watcher.reading, timeout=10_000
    )
    assert readings(counted_readings) == 1
    assert window.start_screen.title_label.text() == "Early"
    assert controller.session.position.screen is Screen.START


def test_a_library_is_read_once_from_the_start_and_opens_on_its_menu(
    kiosk_start, qtbot, content, counted_readings
):
    # Two leaflets (one in a folder of its own): the child started before the kiosk is built
    # reads the whole library, and the watcher takes it over; no single article is read
    # first, and no start screen shows before the menu.
    (content / "topics").mkdir()
    (content / "topics" / "second.md").write_text(
        ARTICLE.replace("Early", "Second"), encoding="utf-8"
    )
    kiosk = kiosk_start(content)
    qtbot.waitUntil(lambda: kiosk.controller is not None, timeout=5000)
    controller = kiosk.controller
    window = controller.window
    shown: list[object] = []
    window.stack.currentChanged.connect(lambda _: shown.append(window.current_screen()))
    qtbot.waitUntil(lambda: controller.session.library is not None, timeout=10_000)
    qtbot.waitUntil(
        lambda: controller.services_started and not controller.watcher.reading, timeout=10_000
    )
    assert window.current_screen() is window.menu_screen
    assert window.start_screen not in shown
    assert sorted(leaflet.first.title for leaflet in controller.session.library.leaflets) == [
        "Early",
        "Second",
    ]
    assert readings(counted_readings) == 1


def test_a_library_read_early_is_reported_even_when_it_ended_before_it_was_taken(
    qapp, qtbot, content, counted_readings
):
    (content / "second.md").write_text(ARTICLE.replace("Early", "Second"), encoding="utf-8")
    library_loader.start_early(content)
    early = content_loader._early
    assert early is not None
    qtbot.waitUntil(lambda: early.ended is not None, timeout=10_000)
    loader = library_loader.LibraryLoader()
    with qtbot.waitSignal(loader.finished, timeout=5000) as finished:
        loader.start(content)
        assert loader.running  # reported after start() returns, as always
    library = finished.args[0].library
    assert library is not None
    assert [leaflet.first.title for leaflet in library.leaflets] == ["Early", "Second"]
    assert readings(counted_readings) == 1


def test_one_article_is_still_started_early_as_one_article(qapp, content):
    library_loader.start_early(content)
    early = content_loader._early
    assert early is not None
    assert "--library" not in early.process.arguments()


def test_a_broken_article_at_start_shows_being_updated(kiosk_start, qtbot, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "article.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    kiosk = kiosk_start(folder)
    qtbot.waitUntil(lambda: kiosk.controller is not None, timeout=5000)
    controller = kiosk.controller
    window = controller.window
    screen = window.updating_screen
    qtbot.waitUntil(lambda: screen.heading_label.isVisibleTo(screen), timeout=10_000)
    assert window.current_screen() is screen
    assert screen.heading_label.text() == words.updating_heading()
    qtbot.waitUntil(lambda: controller.services_started, timeout=5000)


def test_a_kiosk_that_cannot_be_built_logs_why_and_ends(
    qapp, qtbot, tmp_path, caplog, monkeypatch: pytest.MonkeyPatch
):
    exits: list[int] = []
    monkeypatch.setattr(qapp, "exit", exits.append)
    window = KioskWindow.plain()
    qtbot.addWidget(window)

    def broken(early: EarlyStart) -> KioskController:
        raise OSError("no room left on the disk")

    kiosk = KioskStart(qapp, window, BUNDLED, broken, tmp_path / "state")
    with caplog.at_level(logging.CRITICAL):
        window.show()
        qtbot.waitUntil(lambda: bool(exits), timeout=5000)
    assert exits == [1]
    assert kiosk.controller is None
    assert "The kiosk could not start" in caplog.text
    assert "no room left on the disk" in caplog.text
    # Not a clean stop: the next start counts it as a crash.
    kiosk._on_quit()
    assert (tmp_path / "state" / "running").exists()
    # What the application's end would do: the reading it had started ends.
    for watcher in kiosk.findChildren(ContentWatcher):
        watcher.shutdown()
    kiosk.deleteLater()


def test_the_early_library_reading_speaks_the_childs_flags_without_loading_markdown():
    # library_loader writes the child's flags itself, so that starting the reading early does
    # not wait for Python-Markdown to load; they must be the child's own.
    import subprocess

    from kiosk import content_child

    assert (library_loader.LIBRARY_FLAG, library_loader.FILES_FLAG) == (
        content_child.LIBRARY_FLAG,
        content_child.FILES_FLAG,
    )
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, kiosk.library_loader as loader; from pathlib import Path; "
            "loader._arguments(loader._Reading(Path('.'), 5), []); "
            "print('markdown' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"
