"""A running kiosk with a library: the menu as its front screen, a tile's leaflet, Home and the
quiet spell back to the menu, and content that changes under it (a file still being synced or
half-edited never takes the last good library away)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import navigation, words
from kiosk.app import KioskController
from kiosk.navigation import MENU, START

from .conftest import ROOT
from .helpers import click

ARTICLE = (
    "---\ntitle: {title}\nsummary: What to know about {title}.\n{extra}---\n\n"
    "Opening words.\n\n## A part\n\nMore words about {title}.\n"
)


def write(folder: Path, name: str, title: str, extra: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(ARTICLE.format(title=title, extra=extra), encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    write(folder, "consent.md", "Consent", "topic: Your visit\n")
    write(folder, "sleep.md", "Sleep", "topic: Your visit\n")
    write(folder / "after", "wounds.md", "Wound care")
    return folder


@pytest.fixture
def start(running_kiosk):  # type: ignore[no-untyped-def]
    return running_kiosk


def tile_titles(controller: KioskController) -> list[str]:
    menu = controller.window.menu_screen
    assert menu is not None
    return [tile.entry.title for tile in menu.tiles]


def test_the_kiosk_opens_on_the_menu_of_every_leaflet(start, library):
    controller = start(library)
    window = controller.window
    assert window.menu_screen is not None
    assert window.current_screen() is window.menu_screen
    assert controller.session.position == MENU
    assert tile_titles(controller) == ["Consent", "Sleep", "Wound care"]
    status = window.staff_screen.status_label.text()
    assert "Offering: 3 leaflets in en: 'Consent', 'Sleep', 'Wound care'" in status


def test_a_tile_opens_its_leaflet_and_home_returns_to_the_menu(start, library, qtbot):
    controller = start(library)
    window = controller.window
    menu = window.menu_screen
    click(menu.shown_tiles()[1])
    assert window.current_screen() is window.start_screen
    assert window.start_screen.title_label.text() == "Sleep"
    click(window.start_screen.start_button)
    assert window.current_screen() is window.reading_screen
    click(window.reading_screen.home_button)
    assert window.current_screen() is window.menu_screen
    assert controller.session.position == MENU


def test_the_end_of_a_leaflet_offers_all_leaflets_and_goes_there(start, library):
    controller = start(library)
    window = controller.window
    click(window.menu_screen.shown_tiles()[0])
    controller.session.go_to(navigation.END)
    button = window.end_screen.start_again_button
    assert window.current_screen() is window.end_screen
    assert button.text() == words.all_leaflets_button() == "All leaflets"
    click(button)
    assert window.current_screen() is window.menu_screen


def test_the_end_of_the_only_leaflet_starts_it_again(start, tmp_path):
    folder = tmp_path / "one"
    write(folder, "only.md", "Only")
    controller = start(folder)
    window = controller.window
    controller.session.go_to(navigation.END)
    assert window.end_screen.start_again_button.text() == "Start again"
    click(window.end_screen.start_again_button)
    assert window.current_screen() is window.start_screen


def test_the_next_patient_finds_the_menu(start, library, qtbot):
    controller = start(library)
    window = controller.window
    click(window.menu_screen.shown_tiles()[0])
    click(window.start_screen.start_button)
    controller.session.reset_for_next_patient()  # as the idle warning's end does
    assert window.current_screen() is window.menu_screen
    assert window.menu_screen.page == 0


def test_one_leaflet_keeps_its_own_start_screen(start, tmp_path):
    folder = tmp_path / "one"
    write(folder, "only.md", "Only")
    controller = start(folder)
    window = controller.window
    assert window.menu_screen is None, "a kiosk with one leaflet never builds a menu"
    assert window.current_screen() is window.start_screen
    assert controller.session.position == START


def test_a_new_leaflet_appears_on_the_menu(start, library, qtbot):
    controller = start(library)
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=10_000):
        write(library, "pain.md", "Pain relief")
    assert "Pain relief" in tile_titles(controller)


def test_a_broken_file_keeps_the_last_good_library_and_tells_staff(start, library, qtbot):
    controller = start(library)
    with qtbot.waitSignal(controller.watcher.library_failed, timeout=10_000):
        write(library, "pain.md", "Pain relief")
        (library / "consent.md").write_text("---\ntitle: Consent\nno colon\n", encoding="utf-8")
    # Neither the new leaflet nor the broken edit: the library as it was.
    assert tile_titles(controller) == ["Consent", "Sleep", "Wound care"]
    problems = controller.window.staff_screen.problems_label.text()
    assert "New content was not applied" in problems
    assert "consent.md, line 3" in problems
    assert "until every file checks out" in problems
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=10_000):
        write(library, "consent.md", "Consent, fixed", "topic: Your visit\n")
    assert tile_titles(controller) == ["Consent, fixed", "Sleep", "Pain relief", "Wound care"]


def test_a_broken_file_at_the_first_start_leaves_the_others_on_the_menu(start, library):
    # No library has been shown yet: patients get the leaflets that can be read, and staff are
    # told which file cannot be, and where.
    (library / "aaa-broken.md").write_text("---\ntitle: Broken\nno colon\n", encoding="utf-8")
    controller = start(library)
    window = controller.window
    assert window.current_screen() is window.menu_screen
    assert tile_titles(controller) == ["Consent", "Sleep", "Wound care"]
    problems = window.staff_screen.problems_label.text()
    assert "Some content cannot be shown" in problems
    assert "aaa-broken.md, line 3" in problems
    assert "The other articles are shown" in problems


def test_files_a_sync_is_still_writing_are_never_offered(start, library, qtbot):
    controller = start(library)
    # Syncthing's and rsync's temporary names, an editor's swap file and a hidden file.
    partial = ARTICLE.format(title="Half", extra="")[:30]
    for name in (".syncthing.pain.md.tmp", ".pain.md.Xy12Ab", "pain.md~", ".pain.md.swp"):
        (library / name).write_text(partial, encoding="utf-8")
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=10_000):
        write(library, "zz-done.md", "Done")  # a whole file, written after them
    assert tile_titles(controller) == ["Consent", "Sleep", "Done", "Wound care"]
    assert "New content was not applied" not in (
        controller.window.staff_screen.problems_label.text()
    )


def test_a_reader_is_not_moved_by_a_new_library(start, library, qtbot):
    controller = start(library)
    window = controller.window
    click(window.menu_screen.shown_tiles()[0])
    click(window.start_screen.start_button)
    where = controller.session.position
    with qtbot.waitSignal(controller.watcher.library_loaded, timeout=10_000):
        write(library, "pain.md", "Pain relief")
    assert controller.session.position == where
    assert window.current_screen() is window.reading_screen
    controller.session.request(navigation.HOME)
    assert "Pain relief" in tile_titles(controller)


def test_staff_read_their_screens_in_the_clinics_language(start, tmp_path, qtbot):
    folder = tmp_path / "content"
    write(folder, "consent.md", "Consent")
    write(folder, "consent.es.md", "Consentimiento")
    write(folder, "sleep.md", "Sleep")
    controller = start(folder)
    window = controller.window
    controller.session.choose_language("es")
    assert controller.session.language == "es"
    english = "Staff access: enter the PIN"
    assert words.pin_prompt() != english, "the interface speaks Spanish to the patient"
    window.open_staff_access()
    assert controller.session.language == "en"
    assert words.pin_prompt() == english
    window.close_staff_access()
    assert window.current_screen() is window.menu_screen, "a staff visit ends on the menu"


def test_a_leaflets_start_screen_keeps_its_summary_under_the_menu_and_language_row(
    start, tmp_path, qtbot
):
    # With "All leaflets" and two languages across the top of a 1920x1080 screen, the
    # summary (what the leaflet is about) stays, shortened at a word if it must be.
    folder = tmp_path / "content"
    summary = (
        "How ketamine may ease long-lasting pain, who is being treated, and how long it lasts."
    )
    for name, title in (
        ("ketamine.md", "Ketamine as a treatment for chronic pain"),
        ("ketamine.es.md", "La ketamina para el dolor crónico"),
    ):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(
            f"---\ntitle: {title}\nsummary: {summary}\n---\n\n"
            + "Words. " * 40
            + "".join(f"\n\n## Part {n}\n\nMore words." for n in range(1, 5))
            + "\n",
            encoding="utf-8",
        )
    write(folder, "sleep.md", "Sleep")
    controller = start(folder)
    window = controller.window
    window.resize(1920, 1080)
    controller.session.choose_leaflet(0)
    qtbot.waitUntil(lambda: window.start_screen.width() == 1920)
    shown = window.start_screen.summary_label
    assert window.start_screen.menu_button.isVisible()
    assert len(window.start_screen.language_buttons) == 2
    assert shown.isVisible()
    assert shown.text().startswith("How ketamine may ease long-lasting pain")
    assert shown.accessibleName() == summary, "spoken whole"


def test_the_bundled_spanish_leaflet_keeps_its_roomy_start_screen_in_a_library(
    start, tmp_path, qtbot
):
    # Under "Todos los folletos" and the languages, the Spanish start screen is laid out as
    # the English one is: its summary, and three parts a page, not the small-screen layout.
    from kiosk.ui.start_screen import Arrangement

    folder = tmp_path / "content"
    folder.mkdir()
    for bundled in sorted((ROOT / "content").glob("ketamine-chronic-pain*.md")):
        (folder / bundled.name).write_bytes(bundled.read_bytes())
    write(folder, "sleep.md", "Sleep")
    controller = start(folder)
    window = controller.window
    window.resize(1920, 1080)
    session = controller.session
    session.choose_leaflet(0)
    session.choose_language("es")
    screen = window.start_screen
    # Qt tells the screens of the new words in an event of its own.
    qtbot.waitUntil(
        lambda: screen.width() == 1920 and screen.start_button.text() == "Toque para empezar"
    )
    assert screen.title_label.text().startswith("La ketamina")
    assert screen.arrangement is Arrangement.ROOMY
    assert screen.summary_label.isVisible()
    assert len(screen.sections.shown_buttons()) >= 3


@pytest.mark.parametrize("leaflets", [1, 2], ids=["one Spanish leaflet", "two Spanish leaflets"])
def test_content_only_in_spanish_gets_a_spanish_interface(start, tmp_path, qtbot, leaflets):
    # A clinic whose leaflets are all in Spanish: its patients never see an English button.
    folder = tmp_path / "contenido"
    for number in range(leaflets):
        write(folder, f"hoja{number}.es.md", f"Hoja {number}", "language: es\n")
    controller = start(folder)
    window = controller.window
    assert controller.session.language == "es"
    if leaflets == 2:
        menu = window.menu_screen
        assert menu is not None
        assert window.current_screen() is menu
        qtbot.waitUntil(
            lambda: menu.heading_label.text() == words.menu_heading() != "Choose what to read"
        )
        click(menu.shown_tiles()[0])
    screen = window.start_screen
    assert window.current_screen() is screen
    qtbot.waitUntil(lambda: screen.start_button.text() == "Toque para empezar")
    # The kiosk's own part titles too: the introduction and "About this information".
    titles = [button.text() for button in screen.sections.buttons]
    assert titles[0].endswith("Introducción")
    assert titles[-1].endswith("Sobre esta información")
    click(screen.start_button)
    assert window.reading_screen.home_button.text() == "Inicio"
