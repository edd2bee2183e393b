"""`kiosk check`: content and config checked the way the kiosk would load them, said for staff.

Errors (exit 1): what would stop the kiosk showing an article or using a setting. Warnings:
what staff should fix but the kiosk can live with (review details, hard reading, pictures, a
take-home address the end screen cannot make a QR code for).
The staff screen lists the same warnings for the article it shows (`staff_warnings`, read off
the GUI thread by `WarningsReader`). Pages are counted as the kiosk cuts them: with the
bundled font, at the configured screen size.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.article import (
    ABOUT_TITLE,
    Article,
    ContentError,
    read_article_bytes,
)
from kiosk.config import LoadedConfig, Settings
from kiosk.content_loader import TIME_LIMIT_S
from kiosk.library import library_warnings
from kiosk.library_loader import load_library_in_child
from kiosk.take_home import URL_KEY, take_home_url, url_problem, written_url

if TYPE_CHECKING:
    from kiosk.theme import Theme

log = logging.getLogger(__name__)

REVIEW_KEYS = ("last_reviewed", "next_review", "reviewed_by", "sources")
MAX_READING_GRADE = 8.0


@dataclass
class Finding:
    level: str  # "error" or "warning"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper()}: {self.where}: {self.message}"


@dataclass
class ArticleReport:
    path: str
    title: str = ""
    language: str = ""
    sections: int = 0
    pages: list[int] = field(default_factory=list)
    screen_size: str = ""
    font: str = ""  # the font the pages were measured with: the kiosk's
    sized_for: str = ""  # the panel and viewing distance the pages were measured for
    reading_grade: float | None = None
    take_home_url: str = ""  # what the end screen's QR code opens ("" for no code)


@dataclass
class CheckReport:
    config_file: str
    content: str
    # The physical sizes the kiosk will use on the configured panel, in words.
    panel_sizes: str = ""
    # The leaflets in the order the menu offers them, each with its languages.
    menu: list[str] = field(default_factory=list)
    articles: list[ArticleReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.level == "warning"]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def to_json(self) -> str:
        data = asdict(self)
        data["errors"] = len(self.errors)
        data["warnings"] = len(self.warnings)
        data["ok"] = not self.errors
        return json.dumps(data, indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        lines = [f"Config file: {self.config_file}", f"Content: {self.content}"]
        if self.panel_sizes:
            lines.append(f"Sizes on the panel: {self.panel_sizes}")
        if len(self.menu) > 1:
            lines.append(f"Start screen: a menu of {len(self.menu)} leaflets, in this order:")
            lines += [f"  {number}. {entry}" for number, entry in enumerate(self.menu, 1)]
        elif self.menu:
            lines.append(f"Start screen: {self.menu[0]}")
        lines.append("")
        for article in self.articles:
            lines.append(f"Article: {article.path}")
            if article.title:
                lines.append(f"  Title: {article.title}")
                lines.append(f"  Language: {article.language}")
                pages = ", ".join(str(count) for count in article.pages)
                lines.append(
                    f"  {article.sections} sections and '{ABOUT_TITLE}'; pages at "
                    f"{article.screen_size}: {sum(article.pages)} ({pages})"
                )
                lines.append(f"  Pages measured in: {article.font}")
                lines.append(f"  Sized for: {article.sized_for}")
            if article.reading_grade is not None:
                lines.append(f"  Reading grade (Flesch-Kincaid): {article.reading_grade:.1f}")
            if article.take_home_url:
                lines.append(
                    "  Take it home: patients can scan a QR code on the end screen to read "
                    f"this at {article.take_home_url}"
                )
            lines.append("")
        for finding in self.findings:
            lines.append(str(finding))
        if self.findings:
            lines.append("")
        verdict = "Problems found" if self.errors else "OK"
        lines.append(f"{verdict}: {len(self.errors)} errors, {len(self.warnings)} warnings.")
        return "\n".join(lines)


def run_check(
    content: Path,
    config: LoadedConfig,
    today: dt.date | None = None,
    *,
    time_limit: float = TIME_LIMIT_S,
) -> CheckReport:
    """Check the content at `content` as the kiosk would read it: each article is read in a
    child process that gets `time_limit` seconds, so no file can hang the check."""
    today = today or dt.date.today()
    settings = config.settings
    report = CheckReport(
        config_file=str(config.path) if config.path else "(none: built-in defaults)",
        content=str(content),
    )
    for problem in config.problems:
        report.findings.append(
            Finding(
                "error",
                problem.source or "config",
                str(problem).removeprefix(f"{problem.source}: "),
            )
        )
    fonts_loaded = _load_fonts()
    report.findings.extend(_font_warnings(fonts_loaded))
    report.panel_sizes, short_of_the_eye = _panel_sizes(kiosk_theme(settings))
    report.findings.extend(short_of_the_eye)
    read = load_library_in_child(content, time_limit=time_limit)
    if read.library is None and not read.results and read.error is not None:
        error = read.error
        report.findings.append(Finding("error", error.where, f"{error.problem} {error.fix}"))
        return report
    # The language each file is offered in (its name's tag counts: kiosk.library).
    offered_in = {
        article.path: article.language
        for article in (read.library.articles if read.library is not None else [])
    }
    for loaded in read.results:
        path = loaded.article.path if loaded.article is not None else None
        where = path or (loaded.error.path if loaded.error is not None else content)
        article_report = ArticleReport(path=str(where), screen_size=_kiosk_size(settings))
        report.articles.append(article_report)
        if loaded.error is not None:
            refusal = loaded.error
            report.findings.append(
                Finding("error", refusal.where, f"{refusal.problem} {refusal.fix}")
            )
            continue
        article = loaded.article
        assert article is not None  # nothing was known, so the file is never "unchanged"
        _describe(article, article_report, settings, fonts_loaded)
        article_report.language = offered_in.get(article.path, article.language)
        report.findings.extend(article_warnings(article, today, path=article.path))
        report.findings.extend(_tofu_warnings(article))
        article_report.reading_grade = _reading_grade(article)
        article_report.take_home_url = take_home_url(article) or ""
    if read.library is not None:
        library = read.library
        report.menu = [
            f"{leaflet.first.title} ({', '.join(leaflet.languages)})"
            for leaflet in library.leaflets
        ]
        report.findings.extend(
            Finding("warning", str(path), words) for path, words in library_warnings(library)
        )
        if library.problems:
            report.findings.append(
                Finding(
                    "warning",
                    str(content),
                    "While any file above has an error, a running kiosk keeps showing the "
                    "content as it was before that file changed (at start: the other "
                    "articles).",
                )
            )
    elif read.error is not None and not read.results:
        error = read.error
        report.findings.append(Finding("error", error.where, f"{error.problem} {error.fix}"))
    return report


def _tofu_warnings(article: Article) -> list[Finding]:
    """Characters no installed font draws: patients would see empty boxes."""
    from kiosk.glyphs import missing_characters

    text = "\n".join(
        [article.title, article.summary, *(f"{s.title}\n{s.text}" for s in article.sections)]
    )
    return [
        Finding(
            "warning",
            str(article.path),
            f"No installed font can draw {missing.describe()}: patients would see empty boxes "
            f"there. Install the fonts that draw them (sudo apt-get install {missing.package}) "
            "and restart the kiosk, or write the text without them.",
        )
        for missing in missing_characters(text)
    ]


def article_warnings(
    article: Article, today: dt.date | None = None, *, path: Path | None = None
) -> list[Finding]:
    """What `kiosk check` warns about in one article, which the kiosk shows all the same:
    what the reading left out (empty sections, direction controls), review details, summary,
    pictures, reading grade. `path` names the file in the findings
    (default: the article's own). Takes most of a second the first time (textstat's
    dictionary): not on the GUI thread."""
    path = path or article.path
    findings = _warnings(article, path, today or dt.date.today())
    grade = _reading_grade(article)
    if grade is not None and grade > MAX_READING_GRADE:
        findings.append(
            Finding(
                "warning",
                str(path),
                f"The text reads at school grade {grade:.1f} (Flesch-Kincaid); patient "
                f"information should be grade {MAX_READING_GRADE:g} or below. Shorter "
                "sentences and everyday words help.",
            )
        )
    return findings


def staff_warnings(
    article: Article, today: dt.date | None = None, *, fonts_loaded: bool = True
) -> list[str]:
    """The warnings `kiosk check` gives for the article on the screen, one sentence each, as
    the staff screen lists them: the file is named without its folder (the staff screen
    says where it is)."""
    findings = _font_warnings(fonts_loaded) + article_warnings(article, today)
    folder = str(article.path.parent) + "/"
    return [f"{finding.where.removeprefix(folder)}: {finding.message}" for finding in findings]


class WarningsReader(QObject):
    """Reads `staff_warnings` for an article in a thread of its own (the reading grade takes
    most of a second the first time) and hands them to the GUI thread with `ready`: None at
    once while they are being read, then those of the article asked for last."""

    # list[str]: the warnings ([] for none, or for no article); None: being read
    ready = Signal(object)
    _found = Signal(int, list)  # (request number, warnings), from the reading thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = 0
        self._found.connect(self._on_found)

    @Slot(object)
    def read(self, article: Article | None) -> None:
        """Read the warnings for `article` (None: there are none); `ready` brings them."""
        self._request += 1
        if article is None:
            self.ready.emit([])
            return
        # Asked here, on the GUI thread: Qt's font database is the GUI thread's.
        fonts_loaded = _load_fonts()
        self.ready.emit(None)
        thread = threading.Thread(
            target=self._read,
            args=(self._request, article, fonts_loaded),
            name="kiosk-check-warnings",
            daemon=True,
        )
        thread.start()

    def _read(self, request: int, article: Article, fonts_loaded: bool) -> None:
        try:
            found = staff_warnings(article, fonts_loaded=fonts_loaded)
        except Exception as error:  # a thread's exception would go unseen: say it instead
            log.exception("The content check of %s failed", article.path)
            found = [f"{article.path.name}: the content check failed ({error}); see the log."]
        # RuntimeError: the reader was deleted meanwhile (the kiosk is closing).
        with contextlib.suppress(RuntimeError):
            self._found.emit(request, found)

    @Slot(int, list)
    def _on_found(self, request: int, found: list[str]) -> None:
        if request == self._request:
            self.ready.emit(found)


def _load_fonts() -> bool:
    """Make the bundled font known to Qt, as the kiosk does before it measures a page."""
    from kiosk.theme import load_bundled_fonts

    return load_bundled_fonts()


def _font_warnings(fonts_loaded: bool) -> list[Finding]:
    if fonts_loaded:
        return []
    from kiosk.paths import assets_dir
    from kiosk.theme import BUNDLED_FAMILY

    return [
        Finding(
            "warning",
            str(assets_dir() / "fonts"),
            f"The bundled font {BUNDLED_FAMILY} could not be loaded, so the kiosk shows "
            "the system's sans-serif font and pages are counted with it. Reinstall the "
            "kiosk to bring the font back.",
        )
    ]


def kiosk_theme(settings: Settings) -> Theme:
    """The theme the kiosk lays its pages out in on the configured screen: the kiosk's size
    there (a quarter turn swaps width and height), the panel's pixels per millimetre from
    screen_diagonal_inches, and the viewing distance. With screen_diagonal_inches = 0 the
    kiosk asks the panel, which a check cannot: sizes then follow the pixels alone."""
    from PySide6.QtCore import QSize

    from kiosk.theme import Theme, panel_density

    density = panel_density(
        QSize(*settings.screen_width_height), None, settings.screen_diagonal_inches
    )
    return Theme.for_size(
        QSize(*settings.kiosk_width_height),
        density.pixels_per_mm if density is not None else None,
        settings.viewing_distance_cm,
    )


def _panel_sizes(theme: Theme) -> tuple[str, list[Finding]]:
    """The physical sizes the kiosk will use on the configured panel, in words, and a
    warning when the panel is too small for the sizes the eye needs at the viewing distance."""
    capitals = theme.mm(theme.body_cap_px)
    target = theme.mm(theme.touch_target_min)
    gap = theme.mm(theme.gap)
    angle = theme.degrees(theme.body_cap_px)
    if capitals is None or target is None or gap is None or angle is None:
        return (
            "not known until the kiosk asks the panel (screen_diagonal_inches is 0); "
            "set it to see them here",
            [],
        )
    words = (
        f"Standard text's capitals {capitals:.1f} mm high ({angle:.2f} degrees at "
        f"{theme.viewing_distance_cm:g} cm); buttons at least {target:.0f} mm, "
        f"{gap:.1f} mm apart"
    )
    findings = []
    if theme.eye_limited:
        findings.append(
            Finding(
                "warning",
                "screen_diagonal_inches",
                f"The panel is too small to be read from {theme.viewing_distance_cm:g} cm: "
                f"Standard text's capitals are {capitals:.1f} mm high where "
                f"{theme.minimum_cap_mm:.1f} mm are needed. Use a larger panel, or set "
                "viewing_distance_cm to how far patients really sit.",
            )
        )
    return words, findings


def _describe(
    article: Article, report: ArticleReport, settings: Settings, fonts_loaded: bool
) -> None:
    from kiosk.text_layout import ArticleLayout
    from kiosk.theme import BUNDLED_FAMILY

    report.title = article.title
    report.sections = len(article.sections)
    report.font = BUNDLED_FAMILY if fonts_loaded else "the system's sans-serif font"
    # The kiosk's pages: its theme, measured with the font it has.
    report.pages = list(ArticleLayout(article, kiosk_theme(settings)).page_counts)
    if settings.screen_diagonal_inches > 0:
        report.sized_for = (
            f"a {settings.screen_diagonal_inches:g}-inch panel seen from "
            f"{settings.viewing_distance_cm} cm"
        )
    else:
        report.sized_for = (
            "its pixels only (screen_diagonal_inches is 0, so the kiosk sizes text for the "
            "size the panel reports; set it to count the pages the kiosk will show)"
        )


def _kiosk_size(settings: Settings) -> str:
    width, height = settings.kiosk_width_height
    return f"{width}x{height}"


def _warnings(article: Article, path: Path, today: dt.date) -> list[Finding]:
    # What the reading found and the kiosk copes with (an empty section left out, characters
    # that turn text around taken out), where it is in the file.
    findings = [
        Finding(
            "warning",
            f"{path}, line {note.line}" if note.line is not None else str(path),
            note.message,
        )
        for note in article.notes
    ]
    missing = [key for key in REVIEW_KEYS if not article.metadata.get(key)]
    if missing:
        findings.append(
            Finding(
                "warning",
                str(path),
                "Review details are missing: " + ", ".join(missing) + ". Add them to the front "
                "matter (dates as YYYY-MM-DD) so patients can see who checked the information "
                "and when.",
            )
        )
    if not article.summary:
        findings.append(
            Finding(
                "warning", str(path), "There is no 'summary:' line; the start screen shows none."
            )
        )
    next_review = " ".join(article.metadata.get("next_review", ())).strip()
    if next_review:
        try:
            due = dt.date.fromisoformat(next_review)
        except ValueError:
            findings.append(
                Finding(
                    "warning",
                    str(path),
                    f"next_review '{next_review}' is not a date like 2027-03-31.",
                )
            )
        else:
            if due < today:
                findings.append(
                    Finding(
                        "warning",
                        str(path),
                        f"The review was due on {due.isoformat()}: have the article checked and "
                        "update next_review. Until then patients still see it, unless "
                        'overdue_articles = "hide" takes it away from them.',
                    )
                )
    findings.extend(_take_home_warnings(article, path))
    return findings


def _take_home_warnings(article: Article, path: Path) -> list[Finding]:
    url = written_url(article)
    problem = url_problem(url) if url else None
    if problem is None:
        return []
    shown = url if len(url) <= 80 else url[:77] + "..."
    return [
        Finding(
            "warning",
            _front_matter_line(path, URL_KEY),
            f"The {URL_KEY} '{shown}' {problem} Until then the end screen shows no QR code.",
        )
    ]


def _front_matter_line(path: Path, key: str) -> str:
    """`path`, with the line number of its front matter's `key:` line where one is found."""
    try:
        text = read_article_bytes(path).decode("utf-8-sig", errors="replace")
    except ContentError:
        return str(path)  # changed since it was checked; the next check sees it
    setting = re.compile(rf"^[ ]{{0,3}}{re.escape(key)}\s*:", re.IGNORECASE)
    for number, line in enumerate(text.splitlines(), start=1):
        if setting.match(line):
            return f"{path}, line {number}"
    return str(path)


def _reading_grade(article: Article) -> float | None:
    text = "\n".join(section.text for section in article.sections)
    if not text.strip() or not article.language.lower().startswith("en"):
        return None  # Flesch-Kincaid is defined for English
    import textstat  # imported here: it loads a pronunciation dictionary, slow at start-up

    return float(textstat.flesch_kincaid_grade(text))
