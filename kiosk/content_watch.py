"""Watching the content folder: a change is read and checked after a short quiet spell, and
reported as a new Article or as a ContentError. Nothing here touches the screen.

Fleet tools replace a content folder by renaming a new one over it (rsync --delay-updates,
git checkouts, Syncthing). The old folder's watch dies with it, so the parent folder is watched
too, and every path is watched again after each change.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.article import ARTICLE_SUFFIX, Article, ContentError, load_article

log = logging.getLogger(__name__)

DEBOUNCE_MS = 700


class ContentWatcher(QObject):
    article_loaded = Signal(object)  # a new, valid Article
    article_failed = Signal(object)  # the ContentError that keeps the last good article on

    def __init__(
        self, path: Path, debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._fingerprint = ""
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_change)
        self._watcher.directoryChanged.connect(self._on_change)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.reload)
        self._watch()

    @property
    def path(self) -> Path:
        return self._path

    def remember(self, article: Article | None) -> None:
        """The article on screen now, so that an unchanged file is not reported again."""
        self._fingerprint = _fingerprint(article) if article else ""

    def _watch(self) -> None:
        wanted = {str(self._path.parent)}
        if self._path.exists():
            wanted.add(str(self._path))
        if self._path.is_dir():
            wanted.update(str(p) for p in self._path.iterdir() if p.suffix == ARTICLE_SUFFIX)
        # Watch everything afresh: a watch follows the folder it was made on, so after a
        # rename-over the same path must be watched again to see the new folder.
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._watcher.addPaths(sorted(wanted))

    @Slot(str)
    def _on_change(self, changed: str) -> None:
        self._debounce.start()

    @Slot()
    def reload(self, force: bool = False) -> None:
        """Read the content now; report it if it changed (or always, with force)."""
        self._watch()
        try:
            article = load_article(self._path)
        except ContentError as error:
            log.error("New content was not applied: %s", error)
            self._fingerprint = ""
            self.article_failed.emit(error)
            return
        fingerprint = _fingerprint(article)
        if fingerprint == self._fingerprint and not force:
            return
        self._fingerprint = fingerprint
        log.info("Content changed: '%s' from %s", article.title, article.path)
        self.article_loaded.emit(article)


def _fingerprint(article: Article) -> str:
    """Which file, and which bytes of it, an article was read from."""
    return f"{article.path}:{article.source_digest}"
