"""Running the kiosk: logging, the window, content reloads, crash handling, systemd.

KioskController owns everything a running kiosk needs beyond its window: it loads and watches
the content, keeps the staff screen's status, turns an exception into a log entry and a fresh
start screen, and tells systemd it is alive.

The first frame comes first (run_kiosk): a plain window in the background colour is on the
screen, and systemd told, as soon as Qt can draw it; KioskStart then loads and builds the rest
(translations, the session, the screens, the content's reading) in one step. So this module
imports at its top only what that first frame needs, and the rest where it is used.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QLoggingCategory,
    QMessageLogContext,
    QObject,
    QSize,
    Qt,
    QTimer,
    QtMsgType,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import paths
from kiosk.config import ConfigError, Settings
from kiosk.crashes import CrashRecord
from kiosk.lifecycle import EXIT_ALREADY_RUNNING, KioskProcess
from kiosk.staff import StaffLock, set_pin_command
from kiosk.systemd import SystemdNotifier
from kiosk.ui.keep_on_top import KeepOnTop
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.article import Article
    from kiosk.check import WarningsReader
    from kiosk.clock import QtClock
    from kiosk.closing_time import ClosingTime
    from kiosk.content_watch import ContentWatcher
    from kiosk.display_power import DisplayPower
    from kiosk.library import Library
    from kiosk.library_loader import LibraryResult

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

WINDOWED_SIZE = QSize(1280, 720)
REVIEW_CHECK_EVERY_S = 3600
# Why patients see "This screen is being updated" when every article is hidden as overdue.
ALL_OVERDUE = (
    'Every article is past its review date and overdue_articles = "hide", so patients see '
    "'This screen is being updated'. Have the articles reviewed and update their next_review "
    'dates, or set overdue_articles = "show".'
)
# A kiosk that could not be built after its first frame (the error is in the log).
EXIT_START_FAILED = 1
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
# How often the metrics_file is written (kiosk.metrics), besides at each change of content.
METRICS_EVERY_S = 60

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class LogFile(logging.FileHandler):
    """The size-capped log file: once a record would take it to LOG_MAX_BYTES it is renamed
    kiosk.log.1 (the one before that .2, and so on; LOG_BACKUPS are kept) and a new one begun,
    as logging.handlers.RotatingFileHandler does. That class is not used because loading
    logging.handlers (with pickle and queue, which it loads) adds 4 ms to every start, and
    the kiosk's first frame waits for the log.

    A full or broken disk is said once on standard error (the journal), then nothing more
    until writing works again: the standard handler prints a 25-line traceback for every
    record."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8")
        self.failing = False
        self._failed_now = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        try:
            if self._full_with(record):
                self._roll_over()
        except Exception:
            self.handleError(record)
        else:
            super().emit(record)
        if self.failing and not self._failed_now:
            self.failing = False
            sys.stderr.write(f"kiosk: the log file {self.baseFilename} is written again\n")

    def _full_with(self, record: logging.LogRecord) -> bool:
        path = Path(self.baseFilename)
        # Only an ordinary file is rolled over (not /dev/null, say).
        if path.exists() and not path.is_file():
            return False
        if self.stream is None:
            self.stream = self._open()
        line = f"{self.format(record)}{self.terminator}"
        self.stream.seek(0, os.SEEK_END)
        return self.stream.tell() + len(line) >= LOG_MAX_BYTES

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
        path = Path(self.baseFilename)
        for number in range(LOG_BACKUPS, 0, -1):
            older = path.with_name(f"{path.name}.{number - 1}") if number > 1 else path
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{number}"))
        self.stream = self._open()

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


def application(argv: list[str] | None = None, *, translations: bool = True) -> QApplication:
    """The QApplication, created once, with the kiosk's translations installed (unless
    `translations` is False: then they must be installed before any screen is built, as
    KioskStart does)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setApplicationName(paths.APP_NAME)
    QGuiApplication.setDesktopFileName(paths.APP_NAME)
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    if translations:
        # Before any screen exists: screens ask kiosk.words for their texts when they are built.
        _install_translations(app)
    return app


def _install_translations(app: QApplication) -> None:
    # Imported here: it compiles the translations when they changed, which the first frame
    # does not wait for.
    from kiosk.translations import install_translations

    install_translations(app)


def present(
    window: KioskWindow, app: QApplication, settings: Settings, *, windowed: bool
) -> QWidget:
    """Show the window: full-screen with no pointer for patients, or windowed for trying out.

    With a `rotation`, the window is shown turned inside a RotatedView, which the application
    keeps while it runs. Returns the top-level widget on the screen: the window or that view.
    """
    top_level: QWidget = window
    if settings.rotation:
        from kiosk.ui.rotation import RotatedView, keep_alive

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


class EarlyStart(NamedTuple):
    """What KioskStart made before the controller: the window on the screen (plain), the
    notifier that told systemd of its first frame, the crash record started before it, and
    the content's first reading, under way."""

    window: KioskWindow
    notifier: SystemdNotifier
    crashes: CrashRecord
    watcher: ContentWatcher


class KioskController(QObject):
    """Everything a running kiosk does besides drawing: content, crashes, staff, systemd.

    It makes its window, or builds into the one KioskStart put on the screen (`early`)."""

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
        early: EarlyStart | None = None,
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
        if early is None:
            self.crashes = CrashRecord(folder)
            self.crashes.started()
        else:
            self.crashes = early.crashes
        for problem in self._config_problems:
            log.error("Config: %s", problem)

        self._content_path = content_path
        if early is None:
            self.watcher = self._first_load(content_path, debounce_ms, content_time_limit)
        else:
            self.watcher = early.watcher
            self.watcher.setParent(self)
            self._connect_watcher(self.watcher)
        # Imported here, not at the top: a kiosk's first frame does not wait for these.
        from kiosk.clock import QtClock
        from kiosk.screensaver import ScreenSaverInhibitor
        from kiosk.session import KioskSession

        clock = QtClock(self)
        self.session = KioskSession(None, settings, clock, first_reading=True, parent=self)
        self._pin_hash = pin_hash or (lambda: settings.staff_pin_hash)
        self.staff_lock = StaffLock(folder / "staff-lock.json")
        self._set_pin_command = set_pin_command(config_file)
        staff_access: dict[str, Any] = {
            "staff_lock": self.staff_lock,
            "pin_hash": self._pin_hash,
            "set_pin_command": self._set_pin_command,
        }
        if early is None:
            self.window = KioskWindow(self.session, settings, clock, **staff_access)
        else:
            self.window = early.window
            self.window.build(self.session, settings, clock, **staff_access)
        self.window.reload_requested.connect(self.reload_now)
        self.window.exit_requested.connect(self._on_exit_requested)
        # Whether a PIN is set is read afresh each time: 'kiosk set-pin' needs no restart.
        self.window.staff_screen_opened.connect(self._refresh_status)
        # What 'kiosk check' warns about the article shown (see _read_warnings).
        self._warnings_reader: WarningsReader | None = None
        self.window.staff_screen_opened.connect(self._read_warnings)
        self.session.article_changed.connect(self._read_warnings)

        # Anonymous daily reading figures ('kiosk stats'), beside the crash record.
        from kiosk.figures import FILE_NAME, ReadingFigures
        from kiosk.figures_recorder import FiguresRecorder

        self.figures = FiguresRecorder(
            self.session, ReadingFigures(folder / FILE_NAME), parent=self
        )
        self._errors = 0
        self._started_at = dt.datetime.now().timestamp()
        # Everything the last good reading found, overdue articles too (staff see them all).
        self._library_read: Library | None = None
        self._review_timer: QTimer | None = None
        if settings.overdue_articles == "hide":
            # A review date passes while the kiosk runs: looked at again each hour.
            self._review_timer = QTimer(self)
            self._review_timer.setInterval(REVIEW_CHECK_EVERY_S * 1000)
            self._review_timer.timeout.connect(self._offer_again)
            self._review_timer.start()
        # Opening hours: the display off while the clinic is closed (kiosk.closing_time).
        self.closing: ClosingTime | None = None
        self.display_power: DisplayPower | None = None
        if settings.opening_hours:
            self._follow_opening_hours(settings.opening_hours, clock)
        self.window.staff_screen_opened.connect(self._show_figures)
        self._metrics_timer: QTimer | None = None
        if settings.metrics_file:
            self._metrics_timer = QTimer(self)
            self._metrics_timer.setInterval(METRICS_EVERY_S * 1000)
            self._metrics_timer.timeout.connect(self.write_metrics)
            self._metrics_timer.start()
            self.session.article_changed.connect(self.write_metrics)

        self.inhibitor = ScreenSaverInhibitor(self)
        if early is None:
            self.notifier = SystemdNotifier(self)
            self.window.first_frame_shown.connect(self.notifier.ready)
            # Watching the content folder and keeping the screen awake wait for the first
            # frame: patients see the screen sooner after a reboot.
            self.window.first_frame_shown.connect(
                self._start_services, Qt.ConnectionType.QueuedConnection
            )
            self._after_first_reading = False
        else:
            self.notifier = early.notifier
            # The first frame was shown long ago: these wait for the article instead (or
            # for the first reading's failure), which patients are waiting for.
            self._after_first_reading = True
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

    def _follow_opening_hours(self, written: str, clock: QtClock) -> None:
        from kiosk.closing_time import ClosingTime
        from kiosk.display_power import DisplayPower, choose_method
        from kiosk.opening_hours import parse_opening_hours

        hours = parse_opening_hours(written)  # checked when the settings were read
        self.closing = ClosingTime(hours, clock, parent=self)
        self.display_power = DisplayPower(choose_method(QGuiApplication.platformName(), os.environ))
        log.info(
            "Opening hours: %s; outside them the display is switched off with %s",
            hours.describe(),
            self.display_power.method.name,
        )
        self.closing.closed_changed.connect(self._on_closed_changed)
        self.window.closed_notice_changed.connect(self._on_closed_notice)

    @Slot(bool)
    def _on_closed_changed(self, closed: bool) -> None:
        assert self.closing is not None
        assert self.display_power is not None
        self.window.set_closed(closed, self.closing.opens_at() if closed else None)
        if closed:
            self.display_power.off()
        else:
            self.display_power.on()
        self.write_metrics()

    @Slot(bool)
    def _on_closed_notice(self, showing: bool) -> None:
        """While closed, something must be seen (the notice a touch shows, or the PIN pad and
        staff screen): the panel on for it (X11 wakes it by itself, a Wayland compositor does
        not), and off again after."""
        if self.display_power is None or self.closing is None or not self.closing.closed:
            return
        if showing:
            self.display_power.on()
        else:
            self.display_power.off()

    def _offered_articles(self) -> list[Article]:
        """Every article patients are offered (the one shown, before the library is read)."""
        library, article = self.session.library, self.session.article
        if library is not None:
            return library.articles
        return [article] if article is not None else []

    @Slot()
    def _show_figures(self) -> None:
        """The last 14 days of reading figures on the staff screen."""
        from kiosk.figures import read_rows

        since = dt.date.today() - dt.timedelta(days=13)
        self.figures.flush()
        rows = read_rows(self.figures.path, since=since)
        titles = {
            shown.path.name.removesuffix(".md"): shown.title for shown in self._offered_articles()
        }
        self.window.staff_screen.set_figures(rows, titles)

    @Slot()
    def _start_services(self) -> None:
        if self.watcher.watching:
            return
        if self.closing is not None:
            self.closing.start()
        if self._settings.prevent_screen_blanking:
            self.inhibitor.inhibit()
        # Reads the content once more, so a change made while the kiosk was starting is not
        # missed; the bytes already read are not parsed again.
        self.watcher.start_watching()

    def _first_reading_done(self) -> None:
        """Built after its first frame: now that the article is on the screen (or cannot be),
        look for a speech engine and start the services (see `_start_services`)."""
        if not self._after_first_reading:
            return
        self._after_first_reading = False
        # After the frame that shows the article: these wait behind what is already queued.
        QTimer.singleShot(0, self.session.read_aloud.probe)
        QTimer.singleShot(0, self._start_services)

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
        from kiosk.content_watch import ContentWatcher

        options: dict[str, Any] = {}
        if debounce_ms is not None:
            options["debounce_ms"] = debounce_ms
        if time_limit is not None:
            options["time_limit"] = time_limit
        watcher = ContentWatcher(path, parent=self, **options)
        self._connect_watcher(watcher)
        watcher.reload()
        return watcher

    def _connect_watcher(self, watcher: ContentWatcher) -> None:
        watcher.article_loaded.connect(self._on_article_loaded)
        watcher.library_loaded.connect(self._on_library_loaded)
        watcher.library_failed.connect(self._on_library_failed)

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
        self.write_metrics()
        self._first_reading_done()

    @Slot(object)
    def _on_library_loaded(self, library: Library) -> None:
        """Every file of the content checks out: the library patients are offered."""
        if self.session.library is not None:
            log.info("Content changed: %s", _library_summary(library))
        elif self.session.article is None or len(library.articles) > 1:
            log.info("Offering %s", _library_summary(library))
        self._content_problem = ""
        self._loaded_at = dt.datetime.now()
        self._offer(library)
        self._refresh_status()
        self.write_metrics()
        self._first_reading_done()

    def _offer(self, library: Library) -> None:
        """Give patients the library, without the articles past their review date when
        overdue_articles is "hide"."""
        from kiosk.library import DEFAULT_LANGUAGE, without_overdue

        self._library_read = library
        offered: Library | None = library
        if self._settings.overdue_articles == "hide":
            offered = without_overdue(library, dt.date.today(), DEFAULT_LANGUAGE)
        hidden_all = ALL_OVERDUE
        if offered is None:
            if self.session.updating_reason != hidden_all:
                self.session.show_updating(hidden_all)
            return
        if self.session.updating_reason == hidden_all:
            self.session.clear_updating()
        self.session.set_library(offered)

    @Slot()
    def _offer_again(self) -> None:
        if self._library_read is not None:
            self._offer(self._library_read)
            self._refresh_status()

    @Slot(object)
    def _on_library_failed(self, result: LibraryResult) -> None:
        """Some file of the content cannot be shown. The last good library stays; with none
        yet, the articles that could be read are shown, and staff are told about the rest."""
        library = result.library
        problems = list(library.problems) if library is not None else []
        if result.error is not None:
            problems.insert(0, result.error)
        described = " ".join(str(problem) for problem in problems[:3])
        if len(problems) > 3:
            described += f" (and {len(problems) - 3} more: 'kiosk check' lists them all)"
        if self.session.library is not None:
            kept = self.session.library
            shown = (
                f"'{kept.leaflets[0].first.title}'" if len(kept.leaflets) == 1 else "the content"
            )
            self._content_problem = (
                f"New content was not applied: {described} The screen keeps showing {shown} "
                "as it was before this change, until every file checks out."
            )
        elif library is not None:
            self._content_problem = (
                f"Some content cannot be shown: {described} The other articles are shown."
            )
            if self.session.article is None:
                log.info("Offering %s", _library_summary(library))
            self._loaded_at = dt.datetime.now()
            self._offer(library)
        elif self.session.article is not None:
            self._content_problem = (
                f"New content was not applied: {described} The screen keeps showing "
                f"'{self.session.article.title}'."
            )
        else:
            self._content_problem = f"The article cannot be shown: {described}"
            self.session.first_reading_failed()
        log.error("%s", self._content_problem)
        self._refresh_status()
        self.write_metrics()
        self._first_reading_done()

    @Slot()
    def write_metrics(self, up: bool = True) -> None:
        """Write the metrics_file, if set (see kiosk.metrics)."""
        if not self._settings.metrics_file:
            return
        from kiosk import __version__
        from kiosk.metrics import DisplayState, KioskState, ShownArticle, write_metrics

        article = self.session.article
        offered = self._offered_articles()
        articles = [
            ShownArticle(
                shown.path.name.removesuffix(".md"),
                shown.language,
                shown.title,
                shown.source_digest,
            )
            for shown in offered
        ]
        on_screen = self.window.isVisible() and not self.window.isMinimized()
        display = DisplayState.ON if on_screen else DisplayState.OFF_UNEXPECTEDLY
        if self.closing is not None and self.closing.closed:
            display = DisplayState.OFF_BY_SCHEDULE
        state = KioskState(
            version=__version__,
            up=up,
            started_at=self._started_at,
            articles=articles,
            content_loaded_at=self._loaded_at.timestamp() if article is not None else None,
            content_ok=not self._content_problem,
            content_problems=1 if self._content_problem else 0,
            errors=self._errors,
            crashes_recent=self.crashes.recent(),
            display=display,
            speech_available=self.session.read_aloud.available,
            readings_today=self.figures.today(),
        )
        write_metrics(Path(self._settings.metrics_file).expanduser(), state)

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
    def _read_warnings(self) -> None:
        """What 'kiosk check' warns about the article shown, for the staff screen: read off
        the GUI thread (the reading grade takes most of a second the first time) each time
        staff open their screen, and again if the article changes while they are there."""
        if not self.window.in_staff_mode:
            return
        if self._warnings_reader is None:
            from kiosk.check import WarningsReader  # not before the first frame

            self._warnings_reader = WarningsReader(self)
            self._warnings_reader.ready.connect(self.window.staff_screen.set_warnings)
        self._warnings_reader.read(self.session.article)

    @Slot()
    def _refresh_status(self) -> None:
        from kiosk import words  # loaded with the screens: not before the first frame

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
            library = self.session.library
            if library is not None and len(library.articles) > 1:
                lines.append(f"Offering: {_library_summary(library)}")
            lines += self._overdue_lines()
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
        if self.session.updating_reason == ALL_OVERDUE:
            problems.append(ALL_OVERDUE)
        if not self._pin_hash():
            problems.append(words.no_pin_problem(self._set_pin_command))
        if self.staff_lock.save_problem:
            problems.append(
                words.lock_not_saved(str(self.staff_lock.state_file), self.staff_lock.save_problem)
            )
        problems += [f"Config: {problem}" for problem in self._config_problems]
        self.window.staff_screen.set_status("\n".join(lines), problems)

    def _overdue_lines(self) -> list[str]:
        """Each article past its review date, and whether patients still see it."""
        from kiosk.library import overdue_articles

        if self._library_read is None:
            return []
        hidden = self._settings.overdue_articles == "hide"
        lines = []
        for article, due in overdue_articles(self._library_read, dt.date.today()):
            fate = (
                'hidden from patients (overdue_articles = "hide")'
                if hidden
                else 'still shown to patients (overdue_articles = "show")'
            )
            lines.append(
                f"Review overdue since {due.isoformat()}: '{article.title}' "
                f"({article.path.name}), {fate}. Have it reviewed and update next_review."
            )
        return lines

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
        self._errors += 1
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
        from kiosk.autostart import STAFF_EXIT_STATUS

        self._app.exit(STAFF_EXIT_STATUS)

    @Slot()
    def _on_quit(self) -> None:
        self.watcher.shutdown()
        self.figures.flush()
        self.write_metrics(up=False)
        self.notifier.stopping()
        self.session.read_aloud.shutdown()
        self.inhibitor.release()
        self.crashes.stopped_cleanly()
        sys.excepthook = self._previous_hook


class KioskStart(QObject):
    """The kiosk's start after its first frame: tells systemd of that frame at once, then
    builds the rest of the kiosk (a KioskController) into the window, in one step. The
    reading of the content starts first (kiosk.library_loader.start_early), and the content
    watcher takes it over.

    The crash record is started before the first frame, as the kiosk starts: a kiosk that
    dies at any point after it counts as a crash, and one stopped before it is built (or
    whose building fails) is told apart from a clean stop."""

    def __init__(
        self,
        app: QApplication,
        window: KioskWindow,
        content_path: Path,
        make_controller: Callable[[EarlyStart], KioskController],
        state_dir: Path,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._window = window
        self._content_path = content_path
        self._make_controller = make_controller
        self._failed = False
        self.controller: KioskController | None = None
        self.crashes = CrashRecord(state_dir)
        self.crashes.started()
        self.notifier = SystemdNotifier(self)
        window.first_frame_shown.connect(self.notifier.ready)
        window.first_frame_shown.connect(self._build, Qt.ConnectionType.QueuedConnection)
        app.aboutToQuit.connect(self._on_quit)

    @Slot()
    def _build(self) -> None:
        if self.controller is not None or self._failed:
            return
        try:
            from kiosk.library_loader import start_early

            # The child process that reads the content (one article, or the whole library)
            # first: it runs on another core while the rest is built. The content watcher
            # takes it over (loading the watcher loads Python-Markdown, which takes a while).
            start_early(self._content_path)
            from kiosk.content_watch import ContentWatcher

            watcher = ContentWatcher(self._content_path, parent=self)
            watcher.reload()
            # Before any screen exists: screens ask kiosk.words for their texts when built.
            _install_translations(self._app)
            early = EarlyStart(self._window, self.notifier, self.crashes, watcher)
            self.controller = self._make_controller(early)
        except Exception:
            # As an exception out of the start always did: logged, and the process ends
            # (systemd starts it again), counted as a crash.
            log.critical("The kiosk could not start", exc_info=True)
            self._failed = True
            self._app.exit(EXIT_START_FAILED)

    @Slot()
    def _on_quit(self) -> None:
        if self.controller is not None:
            return  # the controller ends what it holds
        self.notifier.stopping()
        if not self._failed:
            self.crashes.stopped_cleanly()


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
    SIGHUP: a clean stop, status 0). Returns the process's exit status.

    The window is on the screen before the kiosk is built: plain, in the background colour,
    as soon as Qt can draw it; KioskStart builds the rest right after that first frame."""
    with KioskProcess(paths.state_dir(), log_file) as process:
        if not process.claim_screen():
            return EXIT_ALREADY_RUNNING
        if not process.wait_for_display():
            return 0
        app = application(translations=False)
        process.quit_on_stop(app)
        window = KioskWindow.plain()

        def make_controller(early: EarlyStart) -> KioskController:
            return KioskController(
                app,
                settings,
                content_path,
                config_file=config_file,
                config_problems=config_problems,
                pin_hash=pin_hash,
                log_file=log_file,
                early=early,
            )

        KioskStart(app, window, content_path, make_controller, paths.state_dir())
        present(window, app, settings, windowed=windowed)
        status = app.exec()
        stopped_by = f", {process.stopped_by}" if process.stopped_by else ""
    log.info("The kiosk stopped (status %d%s)", status, stopped_by)
    return status


def _library_summary(library: Library) -> str:
    """ "3 leaflets in English and Español: 'A', 'B', 'C'" for the log and the staff screen."""
    count = len(library.leaflets)
    titles = ", ".join(f"'{leaflet.first.title}'" for leaflet in library.leaflets[:12])
    if count > 12:
        titles += f" and {count - 12} more"
    languages = " and ".join(library.languages)
    return f"{count} leaflet{'s' if count != 1 else ''} in {languages}: {titles}"
