"""Running the kiosk: logging, the window, content reloads, crash handling, systemd.

KioskController owns everything a running kiosk needs beyond its window: it loads and watches
the content, keeps the staff screen's status, turns an exception into a log entry and a fresh
start screen, and tells systemd it is alive.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QLoggingCategory,
    QMessageLogContext,
    QObject,
    QSize,
    Qt,
    QtMsgType,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import paths, words
from kiosk.article import Article, ContentError
from kiosk.autostart import STAFF_EXIT_STATUS
from kiosk.clock import QtClock
from kiosk.config import ConfigError, Settings
from kiosk.content_watch import ContentWatcher
from kiosk.crashes import CrashRecord
from kiosk.lifecycle import EXIT_ALREADY_RUNNING, KioskProcess
from kiosk.screensaver import ScreenSaverInhibitor
from kiosk.session import KioskSession
from kiosk.staff import StaffLock, set_pin_command
from kiosk.systemd import SystemdNotifier
from kiosk.ui.keep_on_top import KeepOnTop
from kiosk.ui.rotation import RotatedView, keep_alive
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

WINDOWED_SIZE = QSize(1280, 720)
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class LogFile(logging.handlers.RotatingFileHandler):
    """The size-capped log file. A full or broken disk is said once on standard error (the
    journal), then nothing more until writing works again: the standard handler prints a
    25-line traceback for every record."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
        self.failing = False
        self._failed_now = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)
        if self.failing and not self._failed_now:
            self.failing = False
            sys.stderr.write(f"kiosk: the log file {self.baseFilename} is written again\n")

    def handleError(self, record: logging.LogRecord) -> None:
        self._failed_now = True
        if self.failing:
            return
        self.failing = True
        error = sys.exc_info()[1]
        sys.stderr.write(
            f"kiosk: cannot write the log file {self.baseFilename} ({error}); the log goes "
            "to standard error only until writing works again\n"
        )


def configure_logging(level: str = "info", log_file: Path | None = None) -> Path | None:
    """Log to standard error (the journal under systemd) and to a size-capped rotating file;
    Qt's own messages go the same way. Returns the log file in use, if any."""
    root = logging.getLogger()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(formatter)
    root.addHandler(stderr)
    used: Path | None = None
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handler = LogFile(log_file)
        except OSError as error:
            log.warning("No log file (%s): logging to standard error only", error)
        else:
            handler.setFormatter(formatter)
            root.addHandler(handler)
            used = log_file
    qInstallMessageHandler(_qt_message)
    # Qt Multimedia reports looking for PipeWire as a warning on every start of a machine
    # without it; the kiosk says once, in its own words, whether Read aloud is offered.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
    return used


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setApplicationName(paths.APP_NAME)
    QGuiApplication.setDesktopFileName(paths.APP_NAME)
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    from kiosk.translations import install_translations

    # Before any screen exists: screens ask kiosk.words for their texts when they are built.
    install_translations(app)
    return app


def present(
    window: KioskWindow, app: QApplication, settings: Settings, *, windowed: bool
) -> QWidget:
    """Show the window: full-screen with no pointer for patients, or windowed for trying out.

    With a `rotation`, the window is shown turned inside a RotatedView, which the application
    keeps while it runs. Returns the top-level widget on the screen: the window or that view.
    """
    top_level: QWidget = window
    if settings.rotation:
        size = WINDOWED_SIZE if windowed else app.primaryScreen().size()
        top_level = RotatedView(window, settings.rotation, size)
        keep_alive(top_level, app)
    if windowed:
        top_level.resize(WINDOWED_SIZE)
        top_level.show()
        return top_level
    show_full_screen(window, app, top_level)
    if settings.hide_cursor:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    return top_level


def show_full_screen(
    window: KioskWindow, app: QApplication, top_level: QWidget | None = None
) -> None:
    """Frameless and full-screen on the primary screen, with or without a window manager.
    `top_level` is the widget on the screen when that is not the window itself (a turned
    kiosk's RotatedView)."""
    window.set_kiosk_mode(True)
    shown = top_level or window
    shown.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
    screen = app.primaryScreen()
    # With no window manager, showFullScreen() keeps whatever size the window had.
    shown.setGeometry(screen.geometry())
    screen.geometryChanged.connect(shown.setGeometry)
    shown.showFullScreen()
    KeepOnTop(shown, lambda: window.close_permitted)


class KioskController(QObject):
    """Everything a running kiosk does besides drawing: content, crashes, staff, systemd."""

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        content_path: Path,
        *,
        config_file: Path | None = None,
        config_problems: tuple[ConfigError, ...] = (),
        pin_hash: Callable[[], str] | None = None,
        state_dir: Path | None = None,
        log_file: Path | None = None,
        debounce_ms: int | None = None,
        content_time_limit: float | None = None,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._settings = settings
        self._config_file = config_file
        self._config_problems = [str(problem) for problem in config_problems]
        self._log_file = log_file
        self._content_problem = ""
        self._crash_problem = ""
        self._loaded_at = dt.datetime.now()
        folder = state_dir or paths.state_dir()
        self.crashes = CrashRecord(folder)
        self.crashes.started()
        for problem in self._config_problems:
            log.error("Config: %s", problem)

        self._content_path = content_path
        self.watcher = self._first_load(content_path, debounce_ms, content_time_limit)
        clock = QtClock(self)
        self.session = KioskSession(None, settings, clock, first_reading=True, parent=self)
        self._pin_hash = pin_hash or (lambda: settings.staff_pin_hash)
        self.staff_lock = StaffLock(folder / "staff-lock.json")
        self._set_pin_command = set_pin_command(config_file)
        self.window = KioskWindow(
            self.session,
            settings,
            clock,
            staff_lock=self.staff_lock,
            pin_hash=self._pin_hash,
            set_pin_command=self._set_pin_command,
        )
        self.window.reload_requested.connect(self.reload_now)
        self.window.exit_requested.connect(self._on_exit_requested)
        # Whether a PIN is set is read afresh each time: 'kiosk set-pin' needs no restart.
        self.window.staff_screen_opened.connect(self._refresh_status)

        self.notifier = SystemdNotifier(self)
        self.window.first_frame_shown.connect(self.notifier.ready)
        # Watching the content folder and keeping the screen awake wait for the first frame:
        # patients see the screen sooner after a reboot.
        self.window.first_frame_shown.connect(
            self._start_services, Qt.ConnectionType.QueuedConnection
        )
        self.inhibitor = ScreenSaverInhibitor(self)
        app.aboutToQuit.connect(self._on_quit)
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle_exception

        if self.crashes.too_many():
            self._crash_problem = (
                f"The kiosk stopped unexpectedly {self.crashes.recent()} times within a "
                "minute, so patients see 'This screen is being updated'. See the log, fix the "
                "cause, then press Reload content."
            )
            self.session.show_updating(self._crash_problem)
        # The staff screen names what patients see: a waiting article counts once it shows.
        self.session.article_changed.connect(self._refresh_status)
        self._refresh_status()

    @Slot()
    def _start_services(self) -> None:
        if self.watcher.watching:
            return
        if self._settings.prevent_screen_blanking:
            self.inhibitor.inhibit()
        # Reads the content once more, so a change made while the kiosk was starting is not
        # missed; the bytes already read are not parsed again.
        self.watcher.start_watching()

    @property
    def services_started(self) -> bool:
        return self.watcher.watching

    def _first_load(
        self, path: Path, debounce_ms: int | None, time_limit: float | None
    ) -> ContentWatcher:
        """Start reading the content, in a child process with a time limit; the article shows
        when it arrives. The first frame does not wait for it: it shows "This screen is being
        updated" if the article is not there yet (on a fast machine it comes about 30 ms after;
        on a slow one the child is done before the window). Nothing in the content stops the
        kiosk starting: a problem keeps "being updated" on the screen and tells staff."""
        options: dict[str, Any] = {}
        if debounce_ms is not None:
            options["debounce_ms"] = debounce_ms
        if time_limit is not None:
            options["time_limit"] = time_limit
        watcher = ContentWatcher(path, parent=self, **options)
        watcher.article_loaded.connect(self._on_article_loaded)
        watcher.article_failed.connect(self._on_article_failed)
        watcher.reload()
        return watcher

    @Slot(object)
    def _on_article_loaded(self, article: Article) -> None:
        if self.session.article is None:
            log.info("Showing '%s' from %s", article.title, article.path)
        else:
            log.info("Content changed: '%s' from %s", article.title, article.path)
        self._content_problem = ""
        self._loaded_at = dt.datetime.now()
        self.session.set_article(article)
        self._refresh_status()

    @Slot(object)
    def _on_article_failed(self, error: ContentError) -> None:
        shown = self.session.article
        if shown is None:
            self._content_problem = f"The article cannot be shown: {error}"
            self.session.first_reading_failed()
        else:
            self._content_problem = (
                f"New content was not applied: {error} The screen keeps showing '{shown.title}'."
            )
        log.error("%s", self._content_problem)
        self._refresh_status()

    @Slot()
    def reload_now(self) -> None:
        """Staff pressed Reload content: read it again now, even if unchanged, and give up a
        crash-loop notice. The staff screen shows the outcome once the reading is done."""
        self._crash_problem = ""
        self.session.clear_updating()
        self._start_services()
        self.watcher.reload(force=True)
        self._refresh_status()

    @Slot()
    def _refresh_status(self) -> None:
        article = self.session.article
        lines = []
        if article:
            lines.append(f"Showing: {article.title}")
            lines.append(f"From: {article.path}")
            lines.append(f"Loaded: {self._loaded_at:%Y-%m-%d %H:%M}")
            next_review = " ".join(article.metadata.get("next_review", ())) or (
                "not given in the article"
            )
            lines.append(f"Next review due: {next_review}")
            waiting = self.session.waiting_article
            if waiting is not None:
                lines.append(
                    f"Waiting to show: {waiting.title} (once the patient reading now is done)"
                )
        else:
            lines.append(f"Showing: nothing yet (content folder {self._content_path})")
        lines.append(f"Config file: {self._config_file or 'none, built-in defaults'}")
        if self._log_file:
            lines.append(f"Log file: {self._log_file}")
        problems = [p for p in (self._crash_problem, self._content_problem) if p]
        if not self._pin_hash():
            problems.append(words.no_pin_problem(self._set_pin_command))
        if self.staff_lock.save_problem:
            problems.append(
                words.lock_not_saved(str(self.staff_lock.state_file), self.staff_lock.save_problem)
            )
        problems += [f"Config: {problem}" for problem in self._config_problems]
        self.window.staff_screen.set_status("\n".join(lines), problems)

    def handle_exception(
        self,
        kind: type[BaseException],
        value: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        """An exception escaped a slot: log it and give the next patient a fresh start."""
        if issubclass(kind, KeyboardInterrupt):
            self._app.quit()
            return
        log.critical(
            "Unexpected error; back to the start screen", exc_info=(kind, value, traceback)
        )
        self.crashes.record()
        try:
            if self.crashes.too_many():
                self._crash_problem = (
                    f"{self.crashes.recent()} unexpected errors within a minute (see the log), "
                    "so patients see 'This screen is being updated'. Press Reload content "
                    "after fixing the cause."
                )
                self.session.show_updating(self._crash_problem)
            else:
                self.session.reset_for_next_patient()
            self._refresh_status()
        except Exception:  # the window itself is broken: let systemd restart the process
            log.critical("The screen could not be reset; stopping", exc_info=True)
            self._app.exit(1)

    @Slot()
    def _on_exit_requested(self) -> None:
        self._app.exit(STAFF_EXIT_STATUS)

    @Slot()
    def _on_quit(self) -> None:
        self.watcher.shutdown()
        self.notifier.stopping()
        self.session.read_aloud.shutdown()
        self.inhibitor.release()
        self.crashes.stopped_cleanly()
        sys.excepthook = self._previous_hook


def run_kiosk(
    settings: Settings,
    content_path: Path,
    *,
    windowed: bool,
    config_file: Path | None,
    config_problems: tuple[ConfigError, ...],
    pin_hash: Callable[[], str],
    log_file: Path | None,
) -> int:
    """Show the kiosk and run until staff exit it or it is told to stop (SIGTERM, SIGINT,
    SIGHUP: a clean stop, status 0). Returns the process's exit status."""
    with KioskProcess(paths.state_dir(), log_file) as process:
        if not process.claim_screen():
            return EXIT_ALREADY_RUNNING
        if not process.wait_for_display():
            return 0
        app = application()
        process.quit_on_stop(app)
        controller = KioskController(
            app,
            settings,
            content_path,
            config_file=config_file,
            config_problems=config_problems,
            pin_hash=pin_hash,
            log_file=log_file,
        )
        present(controller.window, app, settings, windowed=windowed)
        status = app.exec()
        stopped_by = f", {process.stopped_by}" if process.stopped_by else ""
    log.info("The kiosk stopped (status %d%s)", status, stopped_by)
    return status
