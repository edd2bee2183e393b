"""The content folder as a library: every article in it (and in its sub-folders, one level),
grouped into leaflets, each leaflet in one or more languages.

A leaflet's versions are files that share a name up to a language tag (`consent.md`,
`consent.es.md`, `consent.ar.md`) or that share an `id:` in their front matter. A file's
language is its name's tag, else its front matter's `language:`, else English. Leaflets are
ordered by topic (the topics in the order of their first leaflet), then by an optional
`order:` number, then by title; so staff arrange the menu by writing, not by renaming files.

This module imports nothing from Qt: the child process that reads the content
(kiosk.content_child) builds the file list with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.article import (
    ARTICLE_SUFFIX,
    Article,
    ContentError,
    article_files,
    is_ignored_name,
)

DEFAULT_LANGUAGE = "en"
# A language tag in a file name, before ".md": two letters, perhaps a region or script
# ("pt-BR", "zh-Hans", "zh_CN"), or one of the three-letter codes clinics meet. Three letters
# in general would take "notes.old.md" for a language.
_NAME_TAG = re.compile(r"^(?:[a-z]{2}|fil|yue|ckb|prs|haw)(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}))?$")


def library_files(folder: Path) -> list[Path]:
    """The articles in `folder` and in its sub-folders one level down, in name order (a
    folder's own files first). Hidden and temporary names are left out, folders included.
    Raises ContentError when `folder` cannot be listed; a sub-folder that cannot be is
    left out (its name says nothing to a patient, and the rest of the library still shows)."""
    files = article_files(folder)
    try:
        with os.scandir(folder) as entries:
            folders = sorted(
                entry.name
                for entry in entries
                if not is_ignored_name(entry.name) and _is_folder(entry)
            )
    except OSError:
        folders = []
    for name in folders:
        try:
            files.extend(article_files(folder / name))
        except ContentError:
            continue
    return files


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def name_language(path: Path) -> tuple[str, str | None]:
    """A file's leaflet name and the language tag its name carries, if any:
    `consent.es.md` -> ("consent", "es"); `consent.md` -> ("consent", None)."""
    stem = path.name.removesuffix(ARTICLE_SUFFIX)
    base, dot, tag = stem.rpartition(".")
    if dot and base and _NAME_TAG.match(tag):
        return base, normal_language(tag)
    return stem, None


def normal_language(tag: str) -> str:
    """A language tag as the kiosk keeps it: "zh_CN" and "zh-cn" -> "zh-CN", "ES" -> "es"."""
    language, _, region = tag.replace("_", "-").partition("-")
    if not region:
        return language.lower()
    region = region.upper() if len(region) == 2 else region.title()
    return f"{language.lower()}-{region}"


def base_language(tag: str) -> str:
    """ "pt-BR" -> "pt"."""
    return tag.split("-")[0]


@dataclass(frozen=True)
class Leaflet:
    """One leaflet: the same information in one or more languages."""

    key: str
    # Language tag -> the article in that language; the first is the leaflet's own language
    # (the file without a tag, else the kiosk's default language, else the first by tag).
    versions: dict[str, Article]
    topic: str = ""
    order: float | None = None

    @property
    def languages(self) -> list[str]:
        return list(self.versions)

    @property
    def first(self) -> Article:
        return next(iter(self.versions.values()))

    def version(self, language: str) -> Article:
        """The article in `language`, else in a language of the same base ("pt" for "pt-BR"),
        else the leaflet's own."""
        if language in self.versions:
            return self.versions[language]
        for tag, article in self.versions.items():
            if base_language(tag) == base_language(language):
                return article
        return self.first


@dataclass(frozen=True)
class Library:
    """Every leaflet the kiosk offers, in the order the menu shows them, and the files that
    could not be read (each a ContentError staff can act on)."""

    leaflets: tuple[Leaflet, ...]
    problems: tuple[ContentError, ...] = ()
    folder: Path | None = None  # the content folder it was read from, if a folder

    @property
    def languages(self) -> list[str]:
        """Every language some leaflet is in, the default language first, then by tag."""
        found = {tag for leaflet in self.leaflets for tag in leaflet.versions}
        return sorted(found, key=lambda tag: (tag != DEFAULT_LANGUAGE, tag))

    @property
    def articles(self) -> list[Article]:
        return [article for leaflet in self.leaflets for article in leaflet.versions.values()]

    def missing_translations(self) -> list[tuple[Leaflet, list[str]]]:
        """Leaflets that lack a language some other leaflet has, with the languages missing."""
        everywhere = self.languages
        missing = []
        for leaflet in self.leaflets:
            absent = [tag for tag in everywhere if tag not in leaflet.versions]
            if absent:
                missing.append((leaflet, absent))
        return missing

    def leaflet_of(self, article: Article) -> Leaflet | None:
        for leaflet in self.leaflets:
            if any(version.path == article.path for version in leaflet.versions.values()):
                return leaflet
        return None

    def topics(self) -> list[tuple[str, list[Leaflet]]]:
        """The leaflets grouped by topic, in menu order ("" for those with none)."""
        groups: dict[str, list[Leaflet]] = {}
        for leaflet in self.leaflets:
            groups.setdefault(leaflet.topic, []).append(leaflet)
        return list(groups.items())


def build_library(
    articles: Iterable[Article],
    problems: Sequence[ContentError] = (),
    *,
    folder: Path | None = None,
    default_language: str = DEFAULT_LANGUAGE,
) -> Library:
    """Group `articles` into leaflets and put them in menu order. `folder` is the content
    folder, so that files of the same name in two sub-folders stay two leaflets."""
    grouped: dict[str, list[Article]] = {}
    for article in articles:
        name, tag = name_language(article.path)
        language = tag or normal_language(article.language or default_language)
        if language != article.language:
            article = dataclasses.replace(article, language=language)
        shared_id = _single(article, "id")
        if shared_id:
            key = f"id:{shared_id}"
        else:
            place = article.path.parent
            if folder is not None and place != folder and place.is_relative_to(folder):
                name = f"{place.relative_to(folder).as_posix()}/{name}"
            key = name
        grouped.setdefault(key, []).append(article)
    leaflets = [_leaflet(key, versions, default_language) for key, versions in grouped.items()]
    return Library(tuple(_menu_order(leaflets)), tuple(problems), folder)


def _leaflet(key: str, versions: list[Article], default_language: str) -> Leaflet:
    def own_first(article: Article) -> tuple[int, str]:
        tagged = name_language(article.path)[1] is not None
        return (
            0 if not tagged else 1 if article.language == default_language else 2,
            article.language,
        )

    ordered: dict[str, Article] = {}
    for article in sorted(versions, key=own_first):
        # Two files in one language (a copy, say): the first by the rule above is shown.
        ordered.setdefault(article.language, article)
    first = next(iter(ordered.values()))
    return Leaflet(key, ordered, topic=_single(first, "topic"), order=_order(first))


def _menu_order(leaflets: list[Leaflet]) -> list[Leaflet]:
    def within_topic(leaflet: Leaflet) -> tuple[bool, float, str]:
        order = leaflet.order
        return (order is None, order if order is not None else 0.0, leaflet.first.title.casefold())

    by_topic: dict[str, list[Leaflet]] = {}
    for leaflet in sorted(leaflets, key=within_topic):
        by_topic.setdefault(leaflet.topic, []).append(leaflet)
    # Topics in the order of their first leaflet; leaflets without a topic after the topics.
    topics = sorted(by_topic, key=lambda topic: topic == "")
    return [leaflet for topic in topics for leaflet in by_topic[topic]]


def _single(article: Article, key: str) -> str:
    return " ".join(article.metadata.get(key, ())).strip()


def _order(article: Article) -> float | None:
    written = _single(article, "order")
    try:
        return float(written) if written else None
    except ValueError:
        return None


def library_warnings(library: Library) -> list[tuple[Path, str]]:
    """What `kiosk check` says about the library as a whole: a leaflet missing in a language
    others have, and an `order:` that is not a number. Each as (file, words for staff)."""
    warnings = []
    for leaflet, absent in library.missing_translations():
        warnings.append(
            (
                leaflet.first.path,
                f"'{leaflet.first.title}' is not in {', '.join(absent)}, which other articles "
                "are: a patient reading in that language is shown it in "
                f"{leaflet.first.language}. Add {_example_name(leaflet.first.path, absent[0])} "
                "when a translation is ready.",
            )
        )
    for article in library.articles:
        written = _single(article, "order")
        if written and _order(article) is None:
            warnings.append(
                (
                    article.path,
                    f"'order: {written}' is not a number, so the menu puts this article after "
                    "the numbered ones. Write a number such as 'order: 2'.",
                )
            )
    return warnings


def _example_name(path: Path, language: str) -> str:
    name, _ = name_language(path)
    return f"{name}.{language}{ARTICLE_SUFFIX}"


def review_due(article: Article) -> dt.date | None:
    """The date in the article's `next_review`, if it gives one that reads as a date."""
    written = _single(article, "next_review")
    try:
        return dt.date.fromisoformat(written) if written else None
    except ValueError:
        return None


def overdue_articles(library: Library, today: dt.date) -> list[tuple[Article, dt.date]]:
    """The articles whose review date has passed, with that date, in menu order."""
    overdue = []
    for article in library.articles:
        due = review_due(article)
        if due is not None and due < today:
            overdue.append((article, due))
    return overdue


def without_overdue(library: Library, today: dt.date, default_language: str) -> Library | None:
    """The library without the articles past their review date; None when that leaves
    nothing to offer."""
    overdue = {article.path for article, _ in overdue_articles(library, today)}
    if not overdue:
        return library
    kept = [article for article in library.articles if article.path not in overdue]
    if not kept:
        return None
    return build_library(
        kept, library.problems, folder=library.folder, default_language=default_language
    )
