"""Rendering without a display: every screen of the content to numbered PNG files (`kiosk
preview`): the menu when there is one, then every article in every language it is written in;
and the choice of Qt's offscreen platform for such runs (also `kiosk check`).

The files show what the panel shows: with a `rotation`, the kiosk turned on a screen of the
size asked for (a 1920x1080 panel at 90 gives 1920x1080 files holding a portrait kiosk). Any
of the patient's text sizes, in normal colours or high contrast, as the patient would choose
them on the reading screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

from kiosk import navigation
from kiosk.app import application
from kiosk.article import Article
from kiosk.clock import QtClock
from kiosk.config import Settings
from kiosk.library import Library
from kiosk.navigation import Position, Screen
from kiosk.session import KioskSession
from kiosk.theme import TextSize
from kiosk.ui.rotation import RotatedView
from kiosk.ui.window import KioskWindow


def use_offscreen_platform() -> None:
    """Render without a display unless the caller chose a Qt platform already."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def text_size_percent(size: TextSize) -> int:
    """`size` as a percentage of the Standard (first) size."""
    standard = next(iter(TextSize))
    return round(size.value * 100 / standard.value)


def parse_text_size(value: str) -> TextSize:
    """A text size from the command line: a percentage of Standard ("150" or "150%") or a
    size's name ("extra-large", any case). ValueError, naming what is allowed, otherwise."""
    wanted = value.strip().removesuffix("%").strip()
    for size in TextSize:
        if wanted.isdigit() and int(wanted) == text_size_percent(size):
            return size
        if wanted.upper().replace("-", "_").replace(" ", "_") == size.name:
            return size
    percents = ", ".join(str(text_size_percent(size)) for size in TextSize)
    names = ", ".join(size.name.lower().replace("_", "-") for size in TextSize)
    raise ValueError(
        f"text size '{value}' is not one of the kiosk's: a percentage ({percents}) or a name "
        f"({names})"
    )


def render_previews(
    content: Article | Library,
    settings: Settings,
    out_dir: Path,
    size: QSize,
    *,
    text_size: TextSize | str | None = None,
    high_contrast: bool = False,
) -> list[Path]:
    """Render every screen to numbered PNG files without showing a window. `size` is the
    screen's, as the computer sees it (before `settings.rotation` turns the kiosk).
    `text_size` (a TextSize, or what `parse_text_size` reads; default Standard) and
    `high_contrast` are the patient's choices, made before the first file. A library gives
    its menu (if it has one), then each leaflet's screens in each of its languages, the
    interface's words in that language too; each file's name starts with the article's."""
    chosen_size = parse_text_size(text_size) if isinstance(text_size, str) else text_size
    app = application()
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = QtClock()
    library = content if isinstance(content, Library) else None
    session = KioskSession(content if isinstance(content, Article) else None, settings, clock)
    window = KioskWindow(session, settings, clock)
    window.reading_screen.slide.animations = False
    if library is not None:
        session.set_library(library)
    shown: QWidget = window
    if settings.rotation:
        shown = RotatedView(window, settings.rotation, size)
    shown.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    shown.resize(size)
    shown.show()
    # Decides whether the Read aloud button shows, as the kiosk does after its first frame.
    session.read_aloud.probe()
    _choose(session, chosen_size, high_contrast)
    app.processEvents()
    written: list[Path] = []

    def save(name: str) -> None:
        app.processEvents()
        path = out_dir / f"{len(written) + 1:02d}-{name}.png"
        if not shown.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    if library is None or len(library.articles) == 1:
        _render_article(session, window, settings, save, prefix="")
    else:
        first_language = session.language
        if session.has_menu:
            session.go_to(navigation.MENU)
            save("menu")
        for index, leaflet in enumerate(library.leaflets):
            for language, article in leaflet.versions.items():
                session.choose_language(language)
                session.choose_leaflet(index)
                name = article.path.name.removesuffix(".md")
                _render_article(session, window, settings, save, prefix=f"{name}-")
        session.choose_language(first_language)
    shown.close()
    shown.deleteLater()
    session.read_aloud.shutdown()
    return written


def _render_article(
    session: KioskSession,
    window: KioskWindow,
    settings: Settings,
    save: Callable[[str], None],
    prefix: str,
) -> None:
    """The start screen, every page, the end screen and the idle warning of the article shown."""
    shots: list[tuple[str, Position]] = [("start", navigation.START)]
    for section, pages in enumerate(session.page_counts):
        for page in range(pages):
            shots.append(
                (f"section{section + 1}-page{page + 1}", Position(Screen.READING, section, page))
            )
    shots.append(("end", navigation.END))
    for name, position in shots:
        session.go_to(position)
        save(prefix + name)
    session.go_to(Position(Screen.READING, 0, 0))
    window.idle_overlay.start(round(settings.idle_warning))
    save(prefix + "idle-warning")
    window.idle_overlay.hide()


class TextSizeNotOfferedError(ValueError):
    """The panel is too small for the text size asked for: the kiosk never offers it there."""


def _choose(session: KioskSession, text_size: TextSize | None, high_contrast: bool) -> None:
    """Make the patient's choices through the session, as the reading screen's buttons do."""
    if high_contrast != session.theme.high_contrast:
        session.toggle_contrast()
    if text_size is None:
        return
    for _ in TextSize:
        shown = session.theme.text_size
        if shown is text_size:
            return
        if shown.value < text_size.value:
            if session.theme.larger_text_size is None:
                raise TextSizeNotOfferedError(
                    f"this panel offers text sizes up to {shown.value} % of Standard (a page "
                    f"must keep 3 lines), not {text_size.value} %"
                )
            session.larger_text()
        else:
            session.smaller_text()
    raise ValueError(f"the session never reached the text size {text_size.name}")
