"""Watching the content folder: a change is read and checked after a short quiet spell, and
reported as a new Library or as the problems that keep the last good one on. Nothing here
touches the screen, and nothing here reads an article on the GUI thread: each reading runs in a
child process with a time limit, one at a time, and its result comes back as a signal.

The first reading is of one article (kiosk.content_loader, begun before the first frame): it
puts something on the screen at once. Every reading after it is of the whole library
(kiosk.library_loader), and is applied only when every file in it checks out: a sync tool
still writing, or a staff member's half-finished edit, never takes a leaflet away from
patients.

Fleet tools replace a content folder by renaming a new one over it (rsync --delay-updates,
git checkouts, Syncthing). The old folder's watch dies with it, so the folder above is watched
too (and the one above that when the content is a single file), and every path is watched
again after each change.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.article import ARTICLE_SUFFIX, Article, ContentError, is_ignored_name
from kiosk.content_loader import TIME_LIMIT_S, ContentLoader, LoadResult
from kiosk.library import build_library, library_files
from kiosk.library_loader import LibraryLoader, LibraryResult
from kiosk.pictures import Picture

log = logging.getLogger(__name__)

DEBOUNCE_MS = 700


class ContentWatcher(QObject):
    article_loaded = Signal(object)  # the first reading's Article, to show at once
    library_loaded = Signal(object)  # a new Library in which every file checks out
    # A LibraryResult with problems: files refused (library.problems) or nothing readable
    # (library None, error set). The receiver keeps the last good library on.
    library_failed = Signal(object)

    def __init__(
        self,
        path: Path,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
        *,
        time_limit: float = TIME_LIMIT_S,
        default_language: str = "en",
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._fingerprint = ""
        self._first_done = False
        self._read: Signature | None = None  # what the last reading saw (see _signature)
        # The picture files the articles show: a picture replaced is a change to read.
        self._pictures: list[Path] = []
        self._forced = False  # the library reading running was asked for with force
        self._watching = False
        self._stopped = False
        self._pending = False  # a reading was asked for while another ran
        self._pending_force = False
        self._loader = ContentLoader(time_limit, parent=self)
        self._loader.finished.connect(self._on_result)
        self._library_loader = LibraryLoader(
            time_limit, default_language=default_language, parent=self
        )
        self._library_loader.finished.connect(self._on_library)
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
        return self._loader.running or self._library_loader.running or self._pending

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
        self._library_loader.shutdown()

    def _watch(self) -> None:
        wanted = {str(self._path.parent)}
        try:
            if self._path.is_dir():
                wanted.add(str(self._path))
                for entry in self._path.iterdir():
                    if is_ignored_name(entry.name):
                        continue
                    if entry.suffix == ARTICLE_SUFFIX:
                        wanted.add(str(entry))
                    elif entry.is_dir():
                        # The library's sub-folders, one level down, and their articles.
                        wanted.add(str(entry))
                        wanted.update(
                            str(file)
                            for file in entry.iterdir()
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
        for picture in self._pictures:
            wanted.update((str(picture), str(picture.parent)))
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
        if self._loader.running or self._library_loader.running:
            self._pending = True
            return
        self._start()

    def _start(self) -> None:
        self._pending = False
        force, self._pending_force = self._pending_force, False
        signature = _signature(self._path, self._pictures)
        if not self._first_done:
            self._read = signature
            if self._only_article():
                self._loader.start(self._path)
                return
            # A library from the first: the menu (or the patient's language) comes from all
            # of it, and one article's reading first would only delay it.
            self._first_done = True
            self._library_loader.start(self._path)
            return
        if not force and signature is not None and signature == self._read:
            # Not a byte can have changed since the last reading (the same files, sizes and
            # modification times): nothing is read, so a file too slow to read is not read
            # again only to be refused again.
            return
        self._read = signature
        self._forced = force
        self._library_loader.start(self._path)

    @Slot(object)
    def _on_result(self, result: LoadResult) -> None:
        """The first reading: the content's one article, to show now. With more files, the
        whole library is read next and shown instead."""
        self._first_done = True
        if not self._only_article():
            # The menu comes from the whole library: showing this one article first would
            # flash its start screen before the menu.
            self._read = None
            self._pending = True
        elif result.article is not None:
            self.article_loaded.emit(result.article)
            folder = self._path if self._path.is_dir() else None
            self.library_loaded.emit(build_library([result.article], folder=folder))
        else:
            self._fingerprint = result.fingerprint or f"error: {result.error}"
            self.library_failed.emit(LibraryResult(None, (result,), result.error))
        if self._pending:
            self._start()

    def _only_article(self) -> bool:
        """The content is one article file (or cannot even be listed)."""
        try:
            return not self._path.is_dir() or len(library_files(self._path)) <= 1
        except (OSError, ContentError):
            return True

    @Slot(object)
    def _on_library(self, result: LibraryResult) -> None:
        # The receiver says what it makes of a result, in staff's words, in the log.
        # The same files with the same bytes, or the same folder that cannot be read, are not
        # reported (or refused) again.
        fingerprint = result.fingerprint or f"error: {result.error}"
        if result.library is not None:
            self._pictures = sorted(
                {
                    picture.path
                    for article in result.library.articles
                    for picture in _pictures(article)
                }
            )
            if self._watching:
                self._watch()
        if self._forced or fingerprint != self._fingerprint:
            self._fingerprint = fingerprint
            library = result.library
            if library is not None and not library.problems:
                log.debug("Read a library of %d leaflets at %s", len(library.leaflets), self._path)
                self.library_loaded.emit(library)
            else:
                self.library_failed.emit(result)
        self._forced = False
        if self._pending:
            self._start()


Signature = tuple[tuple[str, int, int, int], ...]


def _signature(path: Path, pictures: Sequence[Path] = ()) -> Signature | None:
    """Which article files the content holds, and the pictures they show, with their sizes
    and modification times; None when that cannot be known (then the content is read)."""
    try:
        files = library_files(path) if path.is_dir() else [path]
        stats = [(str(file), file.stat()) for file in [*files, *pictures]]
    except (OSError, ContentError):
        return None
    return tuple((name, stat.st_ino, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


def _pictures(article: Article) -> Iterator[Picture]:
    for section in article.sections:
        for block in section.blocks:
            if block.picture is not None:
                yield block.picture
