"""The session with a library: the menu as the front screen, leaflets chosen from it, a
language chosen, and a new library that waits for the reader. No window, a clock moved by hand."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk import navigation
from kiosk.article import Article, parse_article
from kiosk.library import Library, build_library
from kiosk.navigation import MENU, START, Position, Screen
from kiosk.session import KioskSession

from .helpers import ManualClock, reading
from .test_session import SETTINGS, FakeReadAloud


def leaflet_file(folder: Path, name: str, title: str, parts: int = 3, extra: str = "") -> Article:
    body = "".join(
        f"## Part {number}\n\n" + f"Words of part {number} in {title}. " * 60 + "\n\n"
        for number in range(1, parts + 1)
    )
    text = f"---\ntitle: {title}\nsummary: About {title}.\n{extra}---\n\nOpening words.\n\n{body}"
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return parse_article(text.encode(), path)


def library_of(*articles: Article, folder: Path) -> Library:
    return build_library(articles, folder=folder)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def new_session(qapp, clock, article: Article | None = None) -> KioskSession:  # type: ignore[no-untyped-def]
    session = KioskSession(article, SETTINGS, clock, read_aloud=FakeReadAloud())
    session.set_screen_size(QSize(1920, 1080))
    return session


@pytest.fixture
def three(tmp_path: Path) -> Library:
    return library_of(
        leaflet_file(tmp_path, "consent.md", "Consent"),
        leaflet_file(tmp_path, "ketamine.md", "Ketamine"),
        leaflet_file(tmp_path, "sleep.md", "Sleep"),
        folder=tmp_path,
    )


def test_with_several_leaflets_the_front_screen_is_the_menu(qapp, clock, three):
    session = new_session(qapp, clock)
    session.set_library(three)
    assert session.has_menu
    assert session.position == MENU
    assert session.article is not None  # the first leaflet waits behind the menu
    session.choose_leaflet(2)
    assert session.position == START
    assert session.article.title == "Sleep"


def test_home_back_and_the_idle_reset_return_to_the_menu(qapp, clock, three):
    session = new_session(qapp, clock)
    session.set_library(three)
    session.choose_leaflet(1)
    session.request(navigation.BACK)
    assert session.position == MENU, "Back on a leaflet's start screen goes to the menu"
    session.choose_leaflet(1)
    session.request(navigation.START_READING)
    session.request(navigation.NEXT)
    session.request(navigation.HOME)
    assert session.position == MENU
    session.choose_leaflet(1)
    assert session.resume_position is not None, "the reader may still carry on where they were"
    session.request(navigation.START_READING)
    session.reset_for_next_patient()
    assert session.position == MENU


def test_the_menu_ignores_page_turns(qapp, clock, three):
    session = new_session(qapp, clock)
    session.set_library(three)
    for intent in (navigation.NEXT, navigation.BACK, navigation.START_READING):
        session.request(intent)
        assert session.position == MENU


def test_one_leaflet_keeps_todays_start_screen(qapp, clock, tmp_path):
    session = new_session(qapp, clock)
    session.set_library(library_of(leaflet_file(tmp_path, "a.md", "Only"), folder=tmp_path))
    assert not session.has_menu
    assert session.position == START
    session.request(navigation.START_READING)
    session.request(navigation.HOME)
    assert session.position == START


def test_the_first_frames_article_carries_on_when_the_library_holds_it(qapp, clock, tmp_path):
    article = leaflet_file(tmp_path, "a.md", "Only")
    session = new_session(qapp, clock, article)
    session.request(navigation.START_READING)
    session.request(navigation.NEXT)
    where = session.position
    changes: list[str] = []
    session.article_changed.connect(lambda: changes.append("changed"))
    session.set_library(library_of(article, folder=tmp_path))
    assert session.position == where, "an unchanged article must not move its reader"
    assert changes == []


def test_a_new_library_waits_for_the_reader_then_shows_the_menu(qapp, clock, tmp_path, three):
    session = new_session(qapp, clock)
    session.set_library(three)
    session.choose_leaflet(0)
    session.request(navigation.START_READING)
    edited = leaflet_file(tmp_path, "consent.md", "Consent, revised")
    newer = library_of(edited, *three.articles[1:], folder=tmp_path)
    session.set_library(newer)
    assert session.position == reading(0, 0)
    assert session.article.title == "Consent"
    assert session.waiting_article is not None
    assert session.waiting_article.title == "Consent, revised"
    session.request(navigation.HOME)
    assert session.library is newer
    assert session.position == MENU
    assert session.article.title == "Consent, revised"


def test_a_leaflet_that_is_gone_gives_way_to_the_first(qapp, clock, tmp_path, three):
    session = new_session(qapp, clock)
    session.set_library(three)
    session.choose_leaflet(2)
    fewer = library_of(*three.articles[:2], folder=tmp_path)
    session.set_library(fewer)
    assert session.position == MENU
    assert session.article.title == "Consent"


@pytest.fixture
def translated(tmp_path: Path) -> Library:
    english = leaflet_file(tmp_path, "ketamine.md", "Ketamine")
    spanish = leaflet_file(tmp_path, "ketamine.es.md", "Ketamina")
    other = leaflet_file(tmp_path, "sleep.md", "Sleep")
    return library_of(english, spanish, other, folder=tmp_path)


def test_choosing_a_language_keeps_the_place_when_the_parts_match(qapp, clock, translated):
    session = new_session(qapp, clock)
    session.set_library(translated)
    assert session.library.languages == ["en", "es"]
    session.choose_leaflet(0)
    session.request(navigation.jump_to(2))
    session.request(navigation.NEXT)
    english_place = session.position
    languages: list[str] = []
    session.language_changed.connect(languages.append)
    session.choose_language("es")
    assert languages == ["es"]
    assert session.article.title == "Ketamina"
    assert session.position.screen is Screen.READING
    assert session.position.section == english_place.section
    assert session.article.language == "es"


def test_a_translation_with_other_parts_starts_at_its_start_screen(qapp, clock, tmp_path):
    english = leaflet_file(tmp_path, "a.md", "Leaflet", parts=3)
    spanish = leaflet_file(tmp_path, "a.es.md", "Folleto", parts=2)
    session = new_session(qapp, clock)
    session.set_library(library_of(english, spanish, folder=tmp_path))
    session.request(navigation.jump_to(2))
    session.choose_language("es")
    assert session.article.title == "Folleto"
    assert session.position == START


def test_a_leaflet_without_the_language_shows_its_own(qapp, clock, translated):
    session = new_session(qapp, clock)
    session.set_library(translated)
    session.choose_language("es")
    session.choose_leaflet(1)
    assert session.article.title == "Sleep", "no Spanish version: the English one"


def test_the_next_patient_is_greeted_in_the_first_language(qapp, clock, translated):
    session = new_session(qapp, clock)
    session.set_library(translated)
    session.choose_language("es")
    assert not session.choices_are_fresh, "a language left chosen must time out"
    session.reset_for_next_patient()
    assert session.language == "en"
    assert session.position == MENU
    assert session.choices_are_fresh


def test_the_languages_offered_on_a_leaflet_are_its_own(qapp, clock, translated):
    session = new_session(qapp, clock)
    session.set_library(translated)
    assert session.library.languages == ["en", "es"]  # on the menu: all of the library's
    session.choose_leaflet(1)
    assert session.article_languages == ["en"], "Sleep has no Spanish version to switch to"


def test_the_menu_position_is_never_kept_without_a_menu(qapp, clock, tmp_path):
    session = new_session(qapp, clock)
    session.set_library(library_of(leaflet_file(tmp_path, "a.md", "Only"), folder=tmp_path))
    session.go_to(Position(Screen.MENU))
    assert session.position == START


def test_an_article_read_as_english_by_default_joins_its_translation(qapp, clock, tmp_path):
    english = leaflet_file(tmp_path, "a.md", "Leaflet")
    spanish = dataclasses.replace(leaflet_file(tmp_path, "a.es.md", "Folleto"), language="es")
    library = library_of(english, spanish, folder=tmp_path)
    assert len(library.leaflets) == 1
    assert library.leaflets[0].languages == ["en", "es"]
