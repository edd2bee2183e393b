"""`kiosk check`: content and config checked the way the kiosk would load them, said for staff.

Errors (exit 1): what would stop the kiosk showing an article or using a setting. Warnings:
what staff should fix but the kiosk can live with (review details, hard reading, pictures).
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
    article_files,
    find_article_file,
    read_article_bytes,
)
from kiosk.config import LoadedConfig, Settings
from kiosk.content_loader import TIME_LIMIT_S, load_in_child

if TYPE_CHECKING:
    from kiosk.theme import Theme

log = logging.getLogger(__name__)

REVIEW_KEYS = ("last_reviewed", "next_review", "reviewed_by", "sources")
MAX_READING_GRADE = 8.0
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


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
    shown_by_kiosk: bool = False
    sections: int = 0
    pages: list[int] = field(default_factory=list)
    screen_size: str = ""
    font: str = ""  # the font the pages were measured with: the kiosk's
    sized_for: str = ""  # the panel and viewing distance the pages were measured for
    reading_grade: float | None = None


@dataclass
class CheckReport:
    config_file: str
    content: str
    # The physical sizes the kiosk will use on the configured panel, in words.
    panel_sizes: str = ""
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
        lines.append("")
        for article in self.articles:
            shown = " (this is the one the kiosk shows)" if article.shown_by_kiosk else ""
            lines.append(f"Article: {article.path}{shown}")
            if article.title:
                lines.append(f"  Title: {article.title}")
                pages = ", ".join(str(count) for count in article.pages)
                lines.append(
                    f"  {article.sections} sections and '{ABOUT_TITLE}'; pages at "
                    f"{article.screen_size}: {sum(article.pages)} ({pages})"
                )
                lines.append(f"  Pages measured in: {article.font}")
                lines.append(f"  Sized for: {article.sized_for}")
            if article.reading_grade is not None:
                lines.append(f"  Reading grade (Flesch-Kincaid): {article.reading_grade:.1f}")
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
    try:
        files = _article_files(content)
    except ContentError as error:
        report.findings.append(Finding("error", error.where, f"{error.problem} {error.fix}"))
        return report
    fonts_loaded = _load_fonts()
    report.findings.extend(_font_warnings(fonts_loaded))
    report.panel_sizes, short_of_the_eye = _panel_sizes(kiosk_theme(settings))
    report.findings.extend(short_of_the_eye)
    for index, path in enumerate(files):
        article_report = ArticleReport(
            path=str(path), shown_by_kiosk=index == 0, screen_size=_kiosk_size(settings)
        )
        report.articles.append(article_report)
        loaded = load_in_child(path, time_limit=time_limit)
        if loaded.error is not None:
            refusal = loaded.error
            report.findings.append(
                Finding("error", refusal.where, f"{refusal.problem} {refusal.fix}")
            )
            continue
        article = loaded.article
        assert article is not None  # nothing was known, so the file is never "unchanged"
        _describe(article, article_report, settings, fonts_loaded)
        report.findings.extend(article_warnings(article, today, path=path))
        article_report.reading_grade = _reading_grade(article)
    return report


def article_warnings(
    article: Article, today: dt.date | None = None, *, path: Path | None = None
) -> list[Finding]:
    """What `kiosk check` warns about in one article, which the kiosk shows all the same:
    what the reading left out (empty sections, direction controls), review details, summary,
    pictures, reading grade. `path` names the file in the findings
    (default: the article's own). Reads the file again (for its pictures' lines) and takes
    most of a second the first time (textstat's dictionary): not on the GUI thread."""
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


def _article_files(content: Path) -> list[Path]:
    """The article files the kiosk chooses from, the one it shows first. Raises ContentError,
    with the kiosk's words, when there is none or the content cannot be looked at."""
    shown = find_article_file(content)
    return [content] if shown == content else article_files(content)


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
                        "update next_review.",
                    )
                )
    findings.extend(_picture_warnings(path))
    return findings


def _picture_warnings(path: Path) -> list[Finding]:
    findings = []
    folder = path.parent.resolve()
    try:
        text = read_article_bytes(path).decode("utf-8-sig", errors="replace")
    except ContentError:
        return []  # changed since it was checked; the next check sees it
    for number, line in enumerate(text.splitlines(), start=1):
        for target in _IMAGE.findall(line):
            where = f"{path}, line {number}"
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
                findings.append(
                    Finding(
                        "warning",
                        where,
                        f"The picture '{target[:60]}' is not a file in the content folder; the "
                        "kiosk never loads anything from elsewhere and shows only its description.",
                    )
                )
                continue
            picture = (folder / target).resolve()
            if not picture.is_relative_to(folder) or not picture.is_file():
                findings.append(
                    Finding(
                        "warning",
                        where,
                        f"The picture '{target}' is missing from the content folder; the kiosk "
                        "shows only its description.",
                    )
                )
    return findings


def _reading_grade(article: Article) -> float | None:
    text = "\n".join(section.text for section in article.sections)
    if not text.strip() or not article.language.lower().startswith("en"):
        return None  # Flesch-Kincaid is defined for English
    import textstat  # imported here: it loads a pronunciation dictionary, slow at start-up

    return float(textstat.flesch_kincaid_grade(text))
