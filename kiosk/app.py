"""Building the Qt application: logging, the kiosk window, and the offscreen preview renderer."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QSize, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk import navigation
from kiosk.article import Article
from kiosk.config import Settings
from kiosk.navigation import Position, Screen
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

APP_NAME = "kiosk"
WINDOWED_SIZE = QSize(1280, 720)
BUNDLED_CONTENT = Path(__file__).resolve().parent.parent / "content"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def configure_logging(level: int = logging.INFO) -> None:
    """Log to standard error (the journal, under systemd), Qt's own messages included."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    qInstallMessageHandler(_qt_message)


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setApplicationName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_NAME)
    return QApplication(argv if argv is not None else [sys.argv[0]])


def run_kiosk(article: Article, settings: Settings, *, windowed: bool) -> int:
    """Show the kiosk and run until it is closed."""
    app = application()
    window = KioskWindow(article, settings)
    present(window, app, settings, windowed=windowed)
    log.info("Showing '%s' from %s", article.title, article.path)
    return app.exec()


def present(window: KioskWindow, app: QApplication, settings: Settings, *, windowed: bool) -> None:
    """Show the window: full-screen with no pointer for patients, or windowed for trying out."""
    if windowed:
        window.resize(WINDOWED_SIZE)
        window.show()
        return
    show_full_screen(window, app)
    if settings.hide_cursor:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)


def show_full_screen(window: KioskWindow, app: QApplication) -> None:
    """Frameless and full-screen on the primary screen, with or without a window manager."""
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
    screen = app.primaryScreen()
    # With no window manager, showFullScreen() keeps whatever size the window had.
    window.setGeometry(screen.geometry())
    screen.geometryChanged.connect(window.setGeometry)
    window.showFullScreen()


def render_previews(article: Article, settings: Settings, out_dir: Path, size: QSize) -> list[Path]:
    """Render every screen to numbered PNG files without showing a window."""
    app = application()
    out_dir.mkdir(parents=True, exist_ok=True)
    window = KioskWindow(article, settings)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.reading_screen.slide.animations = False
    window.resize(size)
    window.show()
    app.processEvents()
    counts = window.page_counts
    shots: list[tuple[str, Position]] = [("start", navigation.START)]
    for section, pages in enumerate(counts):
        for page in range(pages):
            name = f"section{section + 1}-page{page + 1}"
            shots.append((name, Position(Screen.READING, section, page)))
    shots.append(("end", navigation.END))
    written: list[Path] = []
    number = 0

    def save(name: str) -> None:
        nonlocal number
        number += 1
        app.processEvents()
        path = out_dir / f"{number:02d}-{name}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    for name, position in shots:
        window.show_position(position)
        save(name)
    window.show_position(Position(Screen.READING, 0, 0))
    window.idle_overlay.start(round(settings.idle_warning))
    save("idle-warning")
    window.idle_overlay.hide()
    window.close()
    window.deleteLater()
    return written


def use_offscreen_platform() -> None:
    """Render without a display unless the caller chose a Qt platform already."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
