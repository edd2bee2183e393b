"""`kiosk check`: content and config checked the way the kiosk would load them, said for staff.

Errors (exit 1): what would stop the kiosk showing an article or using a setting. Warnings:
what staff should fix but the kiosk can live with (review details, hard reading, pictures).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

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
    reading_grade: float | None = None


@dataclass
class CheckReport:
    config_file: str
    content: str
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
        lines = [f"Config file: {self.config_file}", f"Content: {self.content}", ""]
        for article in self.articles:
            shown = " (this is the one the kiosk shows)" if article.shown_by_kiosk else ""
            lines.append(f"Article: {article.path}{shown}")
            if article.title:
                lines.append(f"  Title: {article.title}")
                pages = ", ".join(str(count) for count in article.pages)
                lines.append(
                    f"  {article.sections} sections and '{ABOUT_TITLE}'; pages at "
                    f"{article.screen_size}: "
                    f"{sum(article.pages)} ({pages})"
                )
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
        _describe(article, article_report, settings)
        report.findings.extend(_warnings(article, path, today))
        grade = _reading_grade(article)
        article_report.reading_grade = grade
        if grade is not None and grade > MAX_READING_GRADE:
            report.findings.append(
                Finding(
                    "warning",
                    str(path),
                    f"The text reads at school grade {grade:.1f} (Flesch-Kincaid); patient "
                    f"information should be grade {MAX_READING_GRADE:g} or below. Shorter "
                    "sentences and everyday words help.",
                )
            )
    return report


def _article_files(content: Path) -> list[Path]:
    """The article files the kiosk chooses from, the one it shows first. Raises ContentError,
    with the kiosk's words, when there is none or the content cannot be looked at."""
    shown = find_article_file(content)
    return [content] if shown == content else article_files(content)


def _describe(article: Article, report: ArticleReport, settings: Settings) -> None:
    from kiosk.text_layout import ArticleLayout
    from kiosk.theme import Theme

    report.title = article.title
    report.sections = len(article.sections)
    # Pages are the kiosk's: on a panel turned a quarter, its width and height swap.
    width, height = settings.kiosk_width_height
    report.pages = list(ArticleLayout(article, Theme(width, height)).page_counts)


def _kiosk_size(settings: Settings) -> str:
    width, height = settings.kiosk_width_height
    return f"{width}x{height}"


def _warnings(article: Article, path: Path, today: dt.date) -> list[Finding]:
    findings = []
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
