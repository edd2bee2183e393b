"""Test set-up: Qt offscreen on a 1920x1080 screen, the bundled article, quick settings.

The platform is chosen here, before anything creates a QApplication, so every test sees the
same virtual screen whatever machine runs it.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_SCREEN = {
    "screens": [
        {
            "name": "kiosk",
            "x": 0,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "physicalDpi": 96,
            "dpr": 1,
        }
    ]
}
_screen_file = Path(tempfile.gettempdir()) / f"kiosk-test-screen-{os.getpid()}.json"
_screen_file.write_text(json.dumps(_SCREEN), encoding="utf-8")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_file}"
os.environ.pop("NOTIFY_SOCKET", None)

import shiboken6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QSize  # noqa: E402

from kiosk.article import Article, load_article  # noqa: E402
from kiosk.clock import Clock, QtClock  # noqa: E402
from kiosk.config import Settings  # noqa: E402
from kiosk.session import KioskSession  # noqa: E402
from kiosk.speech import ReadAloud  # noqa: E402
from kiosk.ui.window import KioskWindow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content" / "ketamine-chronic-pain.md"
SIZES = {
    "landscape": QSize(1920, 1080),
    "small": QSize(1280, 800),
    "portrait": QSize(1080, 1920),
}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _screen_file.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, state and logs in a fresh folder for each test, never the user's own."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    return home


@pytest.fixture(autouse=True)
def no_speech_worker_outlives_its_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """End every Read aloud worker a test started. A window closed by the test keeps its
    session (and so its worker) alive until garbage collection, which may be much later;
    the kiosk itself ends its one worker when it quits."""
    readers: weakref.WeakSet[ReadAloud] = weakref.WeakSet()
    original_init = ReadAloud.__init__

    def recording_init(self: ReadAloud, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        readers.add(self)

    monkeypatch.setattr(ReadAloud, "__init__", recording_init)
    yield
    started = [reader for reader in readers if shiboken6.isValid(reader)]
    for reader in started:
        reader.shutdown()
    if started:
        # The worker leaves when its input closes; let the event loop see it go.
        deadline = time.monotonic() + 5
        while _speech_workers() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _speech_workers() -> list[int]:
    """Speech workers this test process started that are still there."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and b"speech_worker" in command:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="session")
def article() -> Article:
    return load_article(BUNDLED)


@pytest.fixture
def settings() -> Settings:
    """Animations off, so a tap shows its page at once; Qt's mock speech engine, so no test
    starts the system's speech service; timeouts stay at their defaults."""
    return Settings(animations=False, speech_engine="mock")


WindowFactory = Callable[..., KioskWindow]


@pytest.fixture
def make_window(qtbot, article: Article, settings: Settings) -> WindowFactory:  # type: ignore[no-untyped-def]
    """Build a shown kiosk window at a size (windowed, so any size fits the test screen)."""

    def make(
        size: QSize = SIZES["landscape"],
        *,
        settings: Settings = settings,
        article: Article = article,
        clock: Clock | None = None,
    ) -> KioskWindow:
        clock = clock or QtClock()
        session = KioskSession(article, settings, clock)
        window = KioskWindow(session, settings, clock)
        qtbot.addWidget(window)
        window.resize(size)
        # The speech engine is looked for after the first frame, as in the kiosk.
        with (
            qtbot.waitExposed(window),
            qtbot.waitSignal(session.read_aloud.availability_changed, timeout=5000),
        ):
            window.show()
        qtbot.waitUntil(lambda: window.size() == size)
        return window

    return make


@pytest.fixture(scope="session")
def touchscreen(qapp):  # type: ignore[no-untyped-def]
    """A touchscreen, as a waiting-room kiosk has."""
    from PySide6.QtGui import QInputDevice
    from PySide6.QtTest import QTest

    return QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)


@pytest.fixture(scope="session", autouse=True)
def translations(qapp, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The English translation (its plural forms), as kiosk.app.application() installs it.
    Compiled into a folder of the test run's own, never the user's cache."""
    from kiosk.translations import install_translations

    translator = install_translations(qapp, cache_dir=tmp_path_factory.mktemp("translations"))
    assert translator is not None, "the English translation did not load (see the log)"
    return translator


@pytest.fixture(autouse=True)
def english_after_each_test(qapp, translations):  # type: ignore[no-untyped-def]
    """The interface back in English after a test that chose another language (a patient's
    choice installs its translation for the whole application): no later test may find its
    words in Spanish because of the order the tests ran in."""
    yield
    from PySide6.QtCore import QTranslator

    from kiosk.translations import use_language
    from kiosk.words import TRANSLATOR_NAME_PREFIX

    english = f"{TRANSLATOR_NAME_PREFIX}en"
    if any(
        translator.objectName().startswith(TRANSLATOR_NAME_PREFIX)
        and translator.objectName() != english
        for translator in qapp.findChildren(QTranslator)
    ):
        use_language(qapp, "en")


@pytest.fixture
def running_kiosk(qapp, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """Starts a whole kiosk (KioskController) on a content folder: `make(folder, *,
    before_show=None, settings=None, **controller_options)` shows it windowed and returns once
    its content is read and its services started. `settings` are Settings' values beside the
    tests' own (no animations, the mock voice). Every kiosk started is stopped at the end."""
    from kiosk.app import KioskController, present

    controllers: list[KioskController] = []

    def make(
        folder: Path,
        *,
        before_show: Callable[[], object] | None = None,
        settings: dict[str, object] | None = None,
        **options: object,
    ) -> KioskController:
        chosen = Settings(animations=False, speech_engine="mock", **(settings or {}))  # type: ignore[arg-type]
        controller = KioskController(
            qapp,
            chosen,
            folder,
            state_dir=tmp_path / "state",
            debounce_ms=50,
            **options,  # type: ignore[arg-type]
        )
        controllers.append(controller)
        if before_show is not None:
            before_show()
        present(controller.window, qapp, Settings(), windowed=True)
        # The content is read in a child process; the first frame does not wait for it.
        qtbot.waitUntil(
            lambda: controller.services_started and not controller.watcher.reading, timeout=10_000
        )
        return controller

    yield make
    for controller in controllers:
        controller._on_quit()
        controller.window.close()
        controller.window.deleteLater()
        controller.deleteLater()
