"""The kiosk left alone: content edited under it, broken content, bad config, crashes."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QTimer

from kiosk import speech, words
from kiosk.app import KioskController
from kiosk.config import ConfigError, Settings
from kiosk.navigation import START

from .helpers import click, reading

ARTICLE = "---\ntitle: {title}\nsummary: About {title}.\n---\n\nFirst words.\n\n## Part\n\nMore.\n"


def write_article(folder, title: str, name: str = "article.md") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(ARTICLE.format(title=title), encoding="utf-8")


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    write_article(folder, "First")
    return folder


@pytest.fixture
def start(running_kiosk):  # type: ignore[no-untyped-def]
    return running_kiosk


def title_on_screen(controller) -> str:
    return controller.window.start_screen.title_label.text()


def test_an_edit_shows_on_the_start_screen(start, content, qtbot):
    controller = start(content)
    assert title_on_screen(controller) == "First"
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=5000):
        write_article(content, "Second")
    assert title_on_screen(controller) == "Second"


def test_an_edit_saved_while_the_kiosk_starts_is_shown(start, content, qtbot):
    # The article is read before the first frame; the watcher starts after it. An edit saved
    # in between must not be taken for the version already on screen.
    controller = start(content, before_show=lambda: write_article(content, "Second"))
    qtbot.waitUntil(lambda: title_on_screen(controller) == "Second", timeout=5000)


def test_the_staff_screen_names_the_article_patients_see(start, content, qtbot):
    controller = start(content)
    window = controller.window
    click(window.start_screen.start_button)
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=5000):
        write_article(content, "Second")
    status = window.staff_screen.status_label.text()
    assert "Showing: First" in status
    assert "Waiting to show: Second" in status
    click(window.reading_screen.home_button)
    status = window.staff_screen.status_label.text()
    assert "Showing: Second" in status, "the staff screen still names the old article"
    assert "Waiting to show" not in status


def test_a_reader_is_never_interrupted(start, content, qtbot):
    controller = start(content)
    window = controller.window
    click(window.start_screen.start_button)
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=5000):
        write_article(content, "Second")
    assert window.session.position == reading(0, 0)
    assert window.session.article.title == "First"
    click(window.reading_screen.home_button)
    assert window.session.article.title == "Second"
    assert title_on_screen(controller) == "Second"


def test_broken_new_content_keeps_the_last_good_and_tells_staff(start, content, qtbot):
    controller = start(content)
    with qtbot.waitSignal(controller.watcher.library_failed, timeout=5000):
        (content / "article.md").write_text(
            "---\ntitle: Broken\nno colon here\n---\nText\n", encoding="utf-8"
        )
    assert title_on_screen(controller) == "First"
    assert controller.window.current_screen() is controller.window.start_screen
    problems = controller.window.staff_screen.problems_label.text()
    assert "New content was not applied" in problems
    assert "article.md, line 3" in problems
    assert "as it was before this change" in problems


def test_a_folder_replaced_by_renames_is_picked_up(start, content, tmp_path, qtbot):
    controller = start(content)
    fresh = tmp_path / "content.new"
    write_article(fresh, "Replaced")
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=5000):
        content.rename(tmp_path / "content.old")
        fresh.rename(content)
    assert title_on_screen(controller) == "Replaced"
    # And the new folder is watched in its turn.
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=5000):
        write_article(content, "Edited again")
    assert title_on_screen(controller) == "Edited again"


def test_no_valid_content_at_start_shows_a_calm_page_then_the_article(start, tmp_path, qtbot):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "article.md").write_bytes(b"")
    controller = start(folder)
    window = controller.window
    assert window.current_screen() is window.updating_screen
    assert window.updating_screen.heading_label.text() == words.updating_heading()
    assert "The article cannot be shown" in window.staff_screen.problems_label.text()
    assert "empty" in window.staff_screen.problems_label.text()
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=5000):
        write_article(folder, "Fixed")
    assert window.current_screen() is window.start_screen
    assert title_on_screen(controller) == "Fixed"


def test_reload_content_on_the_staff_screen_shows_the_new_article(start, content, qtbot):
    controller = start(content)
    window = controller.window
    window.stack.setCurrentWidget(window.staff_screen)  # as after the right PIN
    write_article(content, "Reloaded")
    # The article is read in a child process: it shows once read, a moment later.
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=5000):
        controller.reload_now()
    assert "Showing: Reloaded" in window.staff_screen.status_label.text()
    click(window.staff_screen.back_button)
    assert title_on_screen(controller) == "Reloaded"


def test_config_problems_reach_staff_not_patients(start, content):
    problem = ConfigError("idle_warning", 5, "Allowed: 20 to 600.", "/etc/kiosk.toml")
    controller = start(content, config_problems=(problem,))
    window = controller.window
    assert window.current_screen() is window.start_screen
    assert "idle_warning = 5" in window.staff_screen.problems_label.text()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_the_start_screen_returns(start, content, qtbot, caplog):
    controller = start(content)
    window = controller.window
    click(window.start_screen.start_button)

    def broken() -> None:
        raise RuntimeError("something went wrong")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: window.session.position == START, timeout=3000)
    assert "something went wrong" in caplog.text
    assert window.current_screen() is window.start_screen


@pytest.mark.qt_no_exception_capture
def test_three_errors_within_a_minute_show_the_updating_page(start, content, qtbot):
    controller = start(content)
    window = controller.window

    def broken() -> None:
        raise RuntimeError("again")

    for _ in range(3):
        QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: window.current_screen() is window.updating_screen, timeout=3000)
    assert "3 unexpected errors within a minute" in window.staff_screen.problems_label.text()
    controller.reload_now()
    assert window.current_screen() is window.start_screen


def test_three_unclean_ends_within_a_minute_show_the_updating_page(start, content, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (state / "running").write_text("1")
    import json
    import time

    (state / "crashes.json").write_text(json.dumps([time.time(), time.time()]))
    controller = start(content)
    assert controller.window.current_screen() is controller.window.updating_screen
    assert "stopped unexpectedly 3 times" in controller.window.staff_screen.problems_label.text()


def test_the_staff_screen_says_when_no_pin_is_set_and_how_to_set_one(start, content):
    controller = start(content, pin_hash=lambda: "")
    problems = controller.window.staff_screen.problems_label.text()
    assert "No staff PIN is set: anyone can open this screen." in problems
    assert "kiosk set-pin" in problems


def test_a_fresh_machine_without_speech_logs_one_line_and_no_error(
    start, content, monkeypatch, caplog, qtbot
):
    def missing() -> None:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr(speech, "_import_text_to_speech", missing)
    with caplog.at_level(logging.INFO):
        controller = start(content)
        qtbot.waitUntil(lambda: controller.session.read_aloud.probed)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert caplog.text.count("Read aloud is not offered") == 1


def test_the_first_frame_never_flashes_being_updated_before_the_article(qapp, tmp_path, content):
    controller = KioskController(
        qapp, Settings(animations=False, speech_engine="mock"), content, state_dir=tmp_path
    )
    try:
        screen = controller.window.updating_screen
        # Reading the article takes a moment (in a child process); meanwhile the screen is
        # plain, without words.
        assert controller.session.article is None
        assert controller.window.current_screen() is screen
        assert not screen.heading_label.isVisibleTo(screen)
    finally:
        controller._on_quit()
        controller.window.close()
        controller.window.deleteLater()
        controller.deleteLater()


def test_the_staff_screen_says_when_wrong_pins_cannot_be_saved(start, content, tmp_path):
    from kiosk.staff import hash_pin

    pin_hash = hash_pin("4826")
    (tmp_path / "state" / "staff-lock.json").mkdir(parents=True)  # cannot be written over
    controller = start(content, pin_hash=lambda: pin_hash)
    controller.staff_lock.attempt("1111", pin_hash)
    controller.window.staff_screen_opened.emit()  # staff got in later
    problems = controller.window.staff_screen.problems_label.text()
    assert "staff-lock.json" in problems
    assert "lock still holds until the kiosk restarts" in problems
