"""Rendering without a display: every screen of an article to numbered PNG files
(`kiosk preview`), and the choice of Qt's offscreen platform for such runs (also `kiosk check`).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSize, Qt

from kiosk import navigation
from kiosk.app import application
from kiosk.article import Article
from kiosk.clock import QtClock
from kiosk.config import Settings
from kiosk.navigation import Position, Screen
from kiosk.session import KioskSession
from kiosk.ui.window import KioskWindow


def use_offscreen_platform() -> None:
    """Render without a display unless the caller chose a Qt platform already."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def render_previews(article: Article, settings: Settings, out_dir: Path, size: QSize) -> list[Path]:
    """Render every screen to numbered PNG files without showing a window."""
    app = application()
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = QtClock()
    session = KioskSession(article, settings, clock)
    window = KioskWindow(session, settings, clock)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.reading_screen.slide.animations = False
    window.resize(size)
    window.show()
    # Decides whether the Read aloud button shows, as the kiosk does after its first frame.
    session.read_aloud.probe()
    app.processEvents()
    counts = session.page_counts
    shots: list[tuple[str, Position]] = [("start", navigation.START)]
    for section, pages in enumerate(counts):
        for page in range(pages):
            name = f"section{section + 1}-page{page + 1}"
            shots.append((name, Position(Screen.READING, section, page)))
    shots.append(("end", navigation.END))
    written: list[Path] = []

    def save(name: str) -> None:
        app.processEvents()
        path = out_dir / f"{len(written) + 1:02d}-{name}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    for name, position in shots:
        session.go_to(position)
        save(name)
    session.go_to(Position(Screen.READING, 0, 0))
    window.idle_overlay.start(round(settings.idle_warning))
    save("idle-warning")
    window.idle_overlay.hide()
    window.close()
    window.deleteLater()
    session.read_aloud.shutdown()
    return written
