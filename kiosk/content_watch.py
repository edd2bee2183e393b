"""Watching the content folder: a change is read and checked after a short quiet spell, and
reported as a new Article or as a ContentError. Nothing here touches the screen, and nothing
here reads an article on the GUI thread: each reading runs in a child process with a time limit
(kiosk.content_loader), one at a time, and its result comes back as a signal.

Fleet tools replace a content folder by renaming a new one over it (rsync --delay-updates,
git checkouts, Syncthing). The old folder's watch dies with it, so the folder above is watched
too (and the one above that when the content is a single file), and every path is watched
again after each change.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.article import ARTICLE_SUFFIX, is_ignored_name
from kiosk.content_loader import TIME_LIMIT_S, ContentLoader, LoadResult

log = logging.getLogger(__name__)

DEBOUNCE_MS = 700


class ContentWatcher(QObject):
    article_loaded = Signal(object)  # a new, valid Article
    article_failed = Signal(object)  # the ContentError that keeps the last good article on

    def __init__(
        self,
        path: Path,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
        *,
        time_limit: float = TIME_LIMIT_S,
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._fingerprint = ""
        self._watching = False
        self._stopped = False
        self._pending = False  # a reading was asked for while another ran
        self._pending_force = False
        self._loader = ContentLoader(time_limit, parent=self)
        self._loader.finished.connect(self._on_result)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_change)
        self._watcher.directoryChanged.connect(self._on_change)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.reload)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def watching(self) -> bool:
        return self._watching

    @property
    def reading(self) -> bool:
        """A reading runs now, or waits to."""
        return self._loader.running or self._pending

    def start_watching(self) -> None:
        """Watch the content for changes from now on, and read it once more: a change made
        since it was last read is not missed (unchanged bytes are not parsed again)."""
        if self._watching:
            return
        self._watching = True
        self.reload()

    def shutdown(self) -> None:
        """Stop watching and end a running reading: the kiosk is stopping, and no reading
        process may outlive it."""
        self._stopped = True
        self._debounce.stop()
        self._pending = False
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._loader.shutdown()

    def _watch(self) -> None:
        wanted = {str(self._path.parent)}
        try:
            if self._path.is_dir():
                wanted.add(str(self._path))
                wanted.update(
                    str(file)
                    for file in self._path.iterdir()
                    if file.suffix == ARTICLE_SUFFIX and not is_ignored_name(file.name)
                )
            elif self._path.exists():
                wanted.add(str(self._path))
                # A file's folder may itself be renamed away and replaced.
                wanted.add(str(self._path.parent.parent))
        except OSError as error:
            # Unreadable or half-replaced: what can be watched still is, and the reading
            # that follows tells staff what is wrong.
            log.debug("Watching %s only in part: %s", self._path, error)
        # Watch everything afresh: a watch follows the folder it was made on, so after a
        # rename-over the same path must be watched again to see the new folder.
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        # A path that is gone or closed to the kiosk cannot be watched (Qt would warn at each
        # change); the folder above it still sees it come back.
        readable = sorted(path for path in wanted if os.access(path, os.R_OK))
        if readable:
            self._watcher.addPaths(readable)

    @Slot(str)
    def _on_change(self, changed: str) -> None:
        self._debounce.start()

    @Slot()
    def reload(self, force: bool = False) -> None:
        """Read the content; report it if it changed (or always, with force). The result comes
        as a signal once the reading process is done; a reading asked for while another runs
        starts when that one ends."""
        if self._stopped:
            return
        if self._watching:
            self._watch()
        self._pending_force = self._pending_force or force
        if self._loader.running:
            self._pending = True
            return
        self._start()

    def _start(self) -> None:
        force = self._pending_force
        self._pending = self._pending_force = False
        self._loader.start(self._path, known="" if force else self._fingerprint)

    @Slot(object)
    def _on_result(self, result: LoadResult) -> None:
        # The receiver says what it makes of a result, in staff's words, in the log.
        if result.error is not None:
            # The same broken bytes are not read (and reported) again until they change.
            self._fingerprint = result.fingerprint
            self.article_failed.emit(result.error)
        elif result.article is not None:
            self._fingerprint = result.fingerprint
            log.debug("Read '%s' from %s", result.article.title, result.article.path)
            self.article_loaded.emit(result.article)
        if self._pending:
            self._start()
