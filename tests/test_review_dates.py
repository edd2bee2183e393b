"""Review dates that mean something: staff see an overdue article on their screen, and the
overdue_articles setting decides whether patients still see it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import ALL_OVERDUE, KioskController
from kiosk.config import ConfigError, settings_from_mapping

ARTICLE = (
    "---\ntitle: {title}\nsummary: About {title}.\nnext_review: {due}\n---\n\n"
    "First words.\n\n## Part\n\nMore words.\n"
)


def write(folder: Path, name: str, title: str, due: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(ARTICLE.format(title=title, due=due), encoding="utf-8")


@pytest.fixture
def start(running_kiosk):  # type: ignore[no-untyped-def]
    return running_kiosk


def staff_text(controller: KioskController) -> str:
    screen = controller.window.staff_screen
    return screen.status_label.text() + "\n" + screen.problems_label.text()


def test_an_overdue_article_is_still_shown_by_default_and_staff_are_told(start, tmp_path):
    content = tmp_path / "content"
    write(content, "old.md", "Old leaflet", "2020-01-31")
    controller = start(content)
    window = controller.window
    assert window.current_screen() is window.start_screen
    assert window.start_screen.title_label.text() == "Old leaflet"
    assert (
        "Review overdue since 2020-01-31: 'Old leaflet' (old.md), still shown to patients"
        in staff_text(controller)
    )


def test_hide_takes_an_overdue_article_away_from_patients(start, tmp_path):
    content = tmp_path / "content"
    write(content, "old.md", "Old leaflet", "2020-01-31")
    write(content, "fresh.md", "Fresh leaflet", "2999-12-31")
    controller = start(content, settings={"overdue_articles": "hide"})
    session = controller.session
    assert session.library is not None
    assert [leaflet.first.title for leaflet in session.library.leaflets] == ["Fresh leaflet"]
    assert not session.has_menu, "one leaflet left: its own start screen, not a menu of one"
    assert controller.window.start_screen.title_label.text() == "Fresh leaflet"
    assert "'Old leaflet' (old.md), hidden from patients" in staff_text(controller)
    assert "Fresh leaflet" not in staff_text(controller).split("Review overdue")[-1]


def test_hide_with_every_article_overdue_shows_being_updated_and_says_why(start, tmp_path, qtbot):
    content = tmp_path / "content"
    write(content, "old.md", "Old leaflet", "2020-01-31")
    controller = start(content, settings={"overdue_articles": "hide"})
    window = controller.window
    assert window.current_screen() is window.updating_screen
    assert ALL_OVERDUE in staff_text(controller)
    # Reviewed and given a new date: it comes back without a restart.
    write(content, "old.md", "Old leaflet, reviewed", "2999-01-31")
    qtbot.waitUntil(lambda: window.current_screen() is window.start_screen, timeout=10_000)
    assert window.start_screen.title_label.text() == "Old leaflet, reviewed"
    assert ALL_OVERDUE not in staff_text(controller)


def test_overdue_articles_accepts_only_show_or_hide():
    with pytest.raises(ConfigError) as raised:
        settings_from_mapping({"overdue_articles": "maybe"}, "kiosk.toml")
    assert "show" in str(raised.value)
    assert "hide" in str(raised.value)
