"""Loading the kiosk's translations (assets/translations/kiosk_<language>.ts) at start, and
changing them when a patient chooses another language (use_language).

The .ts files are the committed source, written by `pyside6-lupdate` from kiosk.words and
filled in by hand or in Qt Linguist. Qt loads only compiled .qm files, so the .ts is compiled
with Qt's `lrelease` into the user's cache folder, and again only when the .ts is newer. If
that fails the kiosk still runs on kiosk.words' English source texts (one warning in the log).

To refresh the English file after changing kiosk.words (tests/test_words.py checks it is
up to date), from the checkout's top folder:

    pyside6-lupdate -extensions py -locations none -no-obsolete kiosk \
        -ts assets/translations/kiosk_en.ts

then fill in the singular and plural of any new `%n` text.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk import paths
from kiosk.words import TRANSLATOR_NAME_PREFIX

log = logging.getLogger(__name__)

# lrelease compiles a few dozen texts in well under a second; this only bounds a wedged tool.
LRELEASE_TIMEOUT_S = 30.0


def ts_file(language: str) -> Path:
    return paths.assets_dir() / "translations" / f"kiosk_{language}.ts"


# Translations loaded for words in an article's language, beside the installed one (`in_language`).
_set_apart: dict[str, QTranslator | None] = {}


def in_language(language: str, context: str, source: str) -> str:
    """`source` in `language` (an article's language tag) whatever the interface's language:
    for the few words that belong to an article's text, such as "(continued)" after its
    section's title. The English source where the kiosk has no translation for it."""
    wanted = interface_language(language)
    if wanted is None or wanted == "en":
        return source
    application = QCoreApplication.instance()
    installed = (
        application.findChild(QTranslator, f"{TRANSLATOR_NAME_PREFIX}{wanted}")
        if application is not None
        else None
    )
    translator = installed if isinstance(installed, QTranslator) else None
    if translator is None:
        if wanted not in _set_apart:
            _set_apart[wanted] = _load(wanted, None)
        translator = _set_apart[wanted]
    translated = translator.translate(context, source) if translator is not None else ""
    return translated or source


def _load(language: str, cache_dir: Path | None) -> QTranslator | None:
    """The translation for `language`, compiled if need be and loaded (not installed); None
    if it could not be, after one warning."""
    compiled = _compiled(language, cache_dir)
    if compiled is None:
        return None
    translator = QTranslator()
    if not translator.load(str(compiled)):
        log.warning(
            "Translations for '%s' could not be loaded from %s; showing the English source texts",
            language,
            compiled,
        )
        return None
    return translator


def install_translations(
    app: QCoreApplication, language: str = "en", *, cache_dir: Path | None = None
) -> QTranslator | None:
    """Compile (if need be) and install the translation for `language`; None if it could not
    be loaded, after one warning. Installing a language twice is harmless: the first stays."""
    name = f"{TRANSLATOR_NAME_PREFIX}{language}"
    existing = app.findChild(QTranslator, name)
    if isinstance(existing, QTranslator):
        return existing
    compiled = _compiled(language, cache_dir)
    if compiled is None:
        return None
    translator = QTranslator(app)
    translator.setObjectName(name)
    if not translator.load(str(compiled)) or not app.installTranslator(translator):
        log.warning(
            "Translations for '%s' could not be loaded from %s; showing the English source texts",
            language,
            compiled,
        )
        translator.deleteLater()
        return None
    return translator


def _compiled(language: str, cache_dir: Path | None) -> Path | None:
    """The compiled translation for `language` (see `compiled_translation`), in `cache_dir` or
    the user's cache folder (else the state folder); None after one warning if it could not
    be prepared."""
    folders = [cache_dir or platformdirs.user_cache_path(paths.APP_NAME) / "translations"]
    if cache_dir is None:
        # On a read-only root file system only the state folder may be writable.
        folders.append(paths.state_dir() / "translations")
    compiled = None
    problem: OSError | None = None
    for folder in folders:
        try:
            compiled = compiled_translation(ts_file(language), folder)
            break
        except OSError as error:
            problem = error
    if compiled is None:
        log.warning(
            "Translations for '%s' could not be prepared (%s); showing the English source texts",
            language,
            problem,
        )
    return compiled


def compiled_translation(source: Path, folder: Path) -> Path:
    """The .qm for the .ts `source` in `folder`, compiled first if it is missing or older than
    the .ts. Raises OSError (also for a missing .ts, or lrelease failing or wedged)."""
    compiled = folder / source.with_suffix(".qm").name
    source_time = source.stat().st_mtime_ns
    try:
        fresh = compiled.stat().st_mtime_ns >= source_time
    except FileNotFoundError:
        fresh = False
    if not fresh:
        _compile(source, compiled)
    return compiled


def _compile(source: Path, compiled: Path) -> None:
    """Run lrelease into a temporary file beside the .qm, then put it in place in one step,
    so a second kiosk starting at the same moment never loads half a file."""
    # Imported here: most starts find the compiled file in place.
    import subprocess
    import tempfile

    compiled.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(suffix=".qm", dir=compiled.parent)
    os.close(descriptor)
    try:
        try:
            result = subprocess.run(
                [str(lrelease()), "-silent", str(source), "-qm", temporary],
                capture_output=True,
                text=True,
                timeout=LRELEASE_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise OSError(f"lrelease did not finish {source} within {error.timeout:g} s") from error
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip() or f"exit code {result.returncode}"
            raise OSError(f"lrelease failed on {source}: {detail}")
        Path(temporary).replace(compiled)
    finally:
        Path(temporary).unlink(missing_ok=True)
    log.info("Compiled the translations %s into %s", source.name, compiled)


def lrelease() -> Path:
    """Qt's lrelease: the one bundled with PySide6, else pyside6-lrelease beside this Python
    (a venv) or on the PATH."""
    package = Path(PySide6.__path__[0])
    for name in ("lrelease", "lrelease.exe"):
        if (package / name).is_file():
            return package / name
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    if beside.is_file():
        return beside
    import shutil

    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found is None:
        raise FileNotFoundError("no lrelease found (it comes with PySide6)")
    return Path(found)


def interface_language(tag: str) -> str | None:
    """The kiosk's translation for a language tag ("es-MX" -> "es", "zh" or "zh-Hans" ->
    "zh_CN", "en-GB" -> "en"), or None when it has none (its words then stay English)."""
    folder = paths.assets_dir() / "translations"
    available = {source.stem.removeprefix("kiosk_") for source in folder.glob("kiosk_*.ts")}
    language, _, region = tag.replace("_", "-").partition("-")
    candidates = [f"{language}_{region}" if region else language, language]
    if language == "zh":
        candidates.append("zh_CN")  # Simplified Chinese: the written form most patients read
    return next((candidate for candidate in candidates if candidate in available), None)


def use_language(app: QCoreApplication, tag: str) -> bool:
    """Make `tag` the language of every interface word: its translation installed, any other
    patient language's removed (English's stays beneath: it gives the singular of counted
    texts). Qt then sends every widget a LanguageChange event. Whether the words are
    translated (False: English words, for a language the kiosk has no translation for)."""
    wanted = interface_language(tag) or "en"
    for translator in app.findChildren(QTranslator):
        name = translator.objectName()
        if not name.startswith(TRANSLATOR_NAME_PREFIX) or name in (
            f"{TRANSLATOR_NAME_PREFIX}en",
            TRANSLATOR_NAME_PREFIX + wanted,
        ):
            continue
        app.removeTranslator(translator)
        translator.setParent(None)  # not found by install_translations while it waits to go
        translator.deleteLater()
    if wanted == "en":
        return interface_language(tag) is not None
    return install_translations(app, wanted) is not None
