"""Every interface word in the patient's language, at once; the place kept; a right-to-left
interface mirrored (issue 13, point 2).

A real kiosk (KioskController over a content folder) with a leaflet in English, Spanish,
Arabic and Simplified Chinese and a second leaflet in English only, so that there is a menu.
Each test chooses languages as the patient does, through the session, and reads what is on
the screen: every label's and button's words, and what a screen reader says.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk import navigation, words
from kiosk.app import KioskController, present
from kiosk.config import Settings
from kiosk.languages import language_names
from kiosk.navigation import Screen
from kiosk.translations import use_language
from kiosk.ui.widgets import BigButton

from .conftest import ROOT
from .helpers import click, reading

LANGUAGES = ("es", "ar", "zh-CN")
LANDSCAPE = QSize(1920, 1080)

# The leaflet in four languages: the title, the summary, and three parts (title, words).
HANDS = {
    "en": (
        "Washing your hands",
        "Why clean hands stop germs spreading, and how to wash them well.",
        [
            ("Why wash your hands", "Germs on your hands can make you and other people ill."),
            ("How to wash them", "Wet your hands, use soap, and rub them for 20 seconds."),
            ("When to wash them", "Before you eat, after the toilet, and when you come home."),
        ],
    ),
    "es": (
        "Lavarse las manos",
        "Por qué las manos limpias evitan que los gérmenes se propaguen y cómo lavarlas bien.",
        [
            ("Por qué lavarse las manos", "Los gérmenes de las manos pueden enfermarle."),
            ("Cómo lavarlas", "Mójese las manos, use jabón y frótelas durante 20 segundos."),
            ("Cuándo lavarlas", "Antes de comer, después del baño y al llegar a casa."),
        ],
    ),
    "ar": (
        "غسل اليدين",
        "لماذا تمنع اليدان النظيفتان انتشار الجراثيم، وكيف تغسلهما جيدًا.",
        [
            ("لماذا تغسل يديك", "الجراثيم على يديك قد تسبب المرض لك وللآخرين."),
            ("كيف تغسلهما", "بلّل يديك، واستعمل الصابون، وافركهما لمدة 20 ثانية."),
            ("متى تغسلهما", "قبل الأكل، وبعد المرحاض، وعند عودتك إلى البيت."),
        ],
    ),
    "zh-CN": (
        "洗手",
        "为什么干净的手能阻止病菌传播，以及怎样把手洗干净。",  # noqa: RUF001
        [
            ("为什么要洗手", "手上的病菌会让您和别人生病。"),
            ("怎样洗手", "把手弄湿，用肥皂，双手互相搓20秒。"),  # noqa: RUF001
            ("什么时候洗手", "吃饭前、上厕所后和回到家时都要洗手。"),
        ],
    ),
}
# Texts a translation may leave as they are: the signs on the text size buttons.
SAME_IN_EVERY_LANGUAGE = {"A+", "A\u2212"}
_LETTERS = re.compile(r"[^\W\d_]")
_NUMBERED = re.compile(r"^\d+\.\s+(.*)$", re.DOTALL)


def write_leaflets(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for language, (title, summary, parts) in HANDS.items():
        body = "".join(f"## {part}\n\n{text}\n\n" for part, text in parts)
        name = "hands.md" if language == "en" else f"hands.{language}.md"
        front = f"---\ntitle: {title}\nsummary: {summary}\n---\n\n"
        (folder / name).write_text(front + body, encoding="utf-8")
    (folder / "sleep.md").write_text(
        "---\ntitle: Sleeping well\nsummary: Rest before your visit.\n---\n\n"
        "## Why sleep matters\n\nRest helps you heal.\n",
        encoding="utf-8",
    )


@pytest.fixture
def kiosk(qapp, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """A kiosk showing the content folder at a panel's size, `make(size, diagonal)`; its
    interface back in English afterwards, whatever the test did."""
    folder = tmp_path / "content"
    write_leaflets(folder)
    controllers: list[KioskController] = []

    def make(
        size: QSize = LANDSCAPE, diagonal: float = 21.5, content: Path = folder
    ) -> KioskController:
        settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)
        # A state folder each: kiosks started one after another in a test are not a crash.
        state = tmp_path / f"state-{len(controllers)}"
        controller = KioskController(qapp, settings, content, state_dir=state, debounce_ms=50)
        controllers.append(controller)
        present(controller.window, qapp, settings, windowed=True)
        controller.window.resize(size)
        qtbot.waitUntil(
            lambda: controller.services_started and not controller.watcher.reading, timeout=5000
        )
        if content == folder:
            qtbot.waitUntil(lambda: controller.session.has_menu, timeout=5000)
        else:
            qtbot.waitUntil(lambda: controller.session.article is not None, timeout=5000)
        qtbot.waitUntil(lambda: controller.window.size() == size)
        # The closed notice's day and time, whenever the test runs.
        controller.window.wall = lambda: dt.datetime(2026, 3, 2, 20, 0)
        return controller

    yield make
    for controller in controllers:
        controller._on_quit()
        controller.window.close()
        controller.window.deleteLater()
        controller.deleteLater()
    use_language(qapp, "en")


def choose_language(controller: KioskController, qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    """As a language button does; then wait until the screens have their words again (Qt
    tells them in an event of its own)."""
    controller.session.choose_language(language)
    reading_screen = controller.window.reading_screen
    qtbot.waitUntil(
        lambda: (
            reading_screen.home_button.text() == words.home_button()
            and controller.window.start_screen.start_button.text() == words.start_button()
        )
    )


def open_hands(controller: KioskController) -> None:
    session = controller.session
    assert session.library is not None
    keys = [leaflet.key for leaflet in session.library.leaflets]
    session.go_to(navigation.MENU)
    session.choose_leaflet(keys.index(next(key for key in keys if key.endswith("hands"))))


# What the patient reads


def words_on(widget: QWidget) -> list[str]:
    """Every word shown or spoken in `widget` and the visible widgets in it."""
    found = []
    for shown in [widget, *widget.findChildren(QWidget)]:
        if not shown.isVisible():
            continue
        if isinstance(shown, (QLabel, QAbstractButton)):
            found.append(shown.text())
        found += [shown.accessibleName(), shown.accessibleDescription()]
    return [text for text in found if text.strip()]


def walk(controller: KioskController, qtbot) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The words of every screen a patient can see, in the language chosen, by screen."""
    session, window = controller.session, controller.window
    language = session.language
    seen: dict[str, list[str]] = {}

    def look(name: str, where: QWidget | None = None) -> None:
        qtbot.wait(1)  # whatever was posted (a page placed) happens first
        seen[name] = words_on(where or window)

    session.go_to(navigation.MENU)
    menu = window.menu_screen
    assert menu is not None
    assert window.current_screen() is menu
    look("menu")
    if menu.languages_button.isVisible():
        click(menu.languages_button)
        look("menu's languages")
        click(menu.back_button)
    open_hands(controller)
    start = window.start_screen
    assert window.current_screen() is start
    look("start")
    if start.languages_button.isVisible():
        click(start.languages_button)
        look("start's languages")
        click(start.languages_back_button)
    if start.parts_button.isVisible():
        click(start.parts_button)
        look("list of parts")
        click(start.sections.back_button)
    session.go_to(reading(1))
    screen = window.reading_screen
    look("reading")
    sheet = screen.sheet
    for name, opener in (("Sound", screen.sound_button), ("Menu", screen.menu_button)):
        if not opener.isVisible():
            continue
        click(opener)
        look(f"sheet from {name}")
        if sheet.sound_button.isVisible():
            click(sheet.sound_button)
            look("sound page")
        click(sheet.close_button)
    session.go_to(navigation.END)
    look("end")
    session.go_to(reading(0))
    window.idle_overlay.start(20)
    look("idle warning")
    window.idle_overlay.hide()
    session.show_updating("a test")
    look("updating")
    session.clear_updating()
    window.start_cleaning()
    look("cleaning pause")
    window.close_staff_access()
    window.set_closed(True, dt.datetime(2026, 3, 3, 8, 0))
    # Closing starts afresh for the next patient; the notice is read in the language chosen.
    choose_language(controller, qtbot, language)
    window.closed_screen.show_notice()
    seen["closed notice"] = [window.closed_screen.notice_words]
    window.set_closed(False, None)
    choose_language(controller, qtbot, language)
    return seen


def english_sources() -> set[str]:
    """The English texts of the interface without places to fill (kiosk_en.ts)."""
    root = ET.parse(ROOT / "assets" / "translations" / "kiosk_en.ts").getroot()
    texts = {message.findtext("source", "") for message in root.iter("message")}
    return {text for text in texts if "%" not in text}


def not_interface_words(controller: KioskController) -> set[str]:
    """What is on the screen but is not the interface's to translate: the leaflets' own
    words (in every language), the languages' names, the disclaimer staff set."""
    session = controller.session
    assert session.library is not None
    found = {Settings().disclaimer, *language_names(session.library.languages)}
    for article in session.library.articles:
        found |= {article.title, article.summary, f"{article.title}. {article.summary}"}
        found |= {slide.title for slide in article.slides}
    return found


def untranslated(
    seen: dict[str, list[str]], english: set[str], leaflets: set[str]
) -> list[tuple[str, str]]:
    """(screen, text) of each English interface text in `seen`."""
    found = []
    for screen, texts in seen.items():
        for text in texts:
            numbered = _NUMBERED.match(text)
            if (
                text in leaflets
                or (numbered and numbered.group(1) in leaflets)
                or text in SAME_IN_EVERY_LANGUAGE
                or not _LETTERS.search(text)
            ):
                continue
            if text in english:
                found.append((screen, text))
    return found


CORE_SCREENS = {
    "menu",
    "start",
    "reading",
    "end",
    "idle warning",
    "updating",
    "cleaning pause",
    "closed notice",
}
PANELS = {
    '21.5" 1920x1080': (QSize(1920, 1080), 21.5),
    '10.1" 1280x800': (QSize(1280, 800), 10.1),
    '7" 800x480': (QSize(800, 480), 7.0),
}


@pytest.mark.parametrize("panel", PANELS)
def test_every_word_a_patient_sees_is_in_the_language_chosen(kiosk, qtbot, panel):
    size, diagonal = PANELS[panel]
    controller = kiosk(size, diagonal)
    english_walk = walk(controller, qtbot)
    english = english_sources() | {text for texts in english_walk.values() for text in texts}
    leaflets = not_interface_words(controller)
    for language in LANGUAGES:
        choose_language(controller, qtbot, language)
        seen = walk(controller, qtbot)
        # (Longer words may take a small panel to another form: the list of parts given up,
        # the sound page taken instead; the walk reads whichever there is.)
        assert seen.keys() >= CORE_SCREENS, f"{language}: not every screen was seen"
        left = untranslated(seen, english, leaflets)
        assert not left, f"{language}: English words on {panel}: {left}"
    choose_language(controller, qtbot, "en")
    again = walk(controller, qtbot)
    for screen, texts in english_walk.items():
        assert Counter(again[screen]) == Counter(texts), f"not all English again on the {screen}"


def test_the_walk_would_see_a_word_left_in_english(kiosk, qtbot):
    """Guards the test above: the same walk, with one button's words put back in English,
    finds it."""
    controller = kiosk()
    english_walk = walk(controller, qtbot)
    english = english_sources() | {text for texts in english_walk.values() for text in texts}
    choose_language(controller, qtbot, "es")
    controller.window.end_screen.start_again_button.setText("Start again")
    left = untranslated(walk(controller, qtbot), english, not_interface_words(controller))
    assert ("end", "Start again") in left


def test_switching_language_while_reading_keeps_the_part(kiosk, qtbot):
    controller = kiosk()
    session, screen = controller.session, controller.window.reading_screen
    open_hands(controller)
    session.go_to(reading(1))
    choose_language(controller, qtbot, "es")
    assert session.position == reading(1)
    assert screen.isVisible()
    spanish_parts = HANDS["es"][2]
    layout = screen.slide._layout
    assert layout is not None
    assert layout.sections[1].section.title == spanish_parts[1][0], "not the same part"
    # Next names the next part, in Spanish words and with its Spanish title.
    assert screen.next_button.accessibleName() == words.next_section_button(spanish_parts[2][0])
    assert screen.next_button.text().startswith("Siguiente")
    choose_language(controller, qtbot, "en")
    assert session.position == reading(1)
    assert screen.next_button.accessibleName() == words.next_section_button(HANDS["en"][2][2][0])


def test_the_start_screen_offers_the_leaflets_languages_and_a_way_back_to_the_menu(kiosk, qtbot):
    controller = kiosk()
    session, start = controller.session, controller.window.start_screen
    open_hands(controller)
    names = language_names(["en", "es", "ar", "zh-CN"])
    shown = {button.text(): button for button in start.language_buttons if button.isVisible()}
    assert set(shown) == set(names), "each of the leaflet's languages, in its own name"
    assert shown["English"].isChecked(), "the language chosen is marked"
    click(shown["Español"])
    qtbot.waitUntil(lambda: start.start_button.text() == "Toque para empezar")
    assert session.language == "es"
    assert session.article is not None
    assert session.article.title == HANDS["es"][0]
    spanish = {button.text(): button for button in start.language_buttons}
    assert spanish["Español"].isChecked()
    assert not spanish["English"].isChecked()
    assert start.menu_button.isVisible()
    click(start.menu_button)
    assert session.position.screen is Screen.MENU
    assert controller.window.current_screen() is controller.window.menu_screen


def start_as_seen(controller: KioskController) -> tuple[tuple[int, int], bool, int]:
    """What a patient sees of the start screen's arrangement: its side margins (the title's
    left, the list's right), whether the summary shows whole, and how many parts a page."""
    start = controller.window.start_screen
    article = controller.session.article
    assert article is not None
    summary = start.summary_label
    whole = (
        summary.isVisible()
        and summary.text() == article.summary
        and summary.heightForWidth(summary.width()) <= summary.height()
    )
    title, parts = start.title_label.geometry(), start.sections.geometry()
    margins = (title.left(), start.width() - 1 - parts.right())
    shown = sum(button.isVisible() for button in start.section_buttons)
    return margins, whole, shown


@pytest.mark.parametrize(
    ("size", "diagonal"), [(QSize(1920, 1080), 21.5), (QSize(3840, 2160), 55.0)]
)
def test_the_language_row_takes_neither_the_summary_nor_the_margins(
    kiosk, qtbot, tmp_path, size, diagonal
):
    """The bundled article in English and Spanish: the row of languages on the start screen
    leaves it as it is with one language, the summary whole under the title, the usual side
    margins and as many parts."""
    names = {"en": "ketamine-chronic-pain.md", "es": "ketamine-chronic-pain.es.md"}
    both = tmp_path / "both"
    both.mkdir()
    for language, name in names.items():
        alone = tmp_path / language
        alone.mkdir()
        for folder in (alone, both):
            (folder / name).write_bytes((ROOT / "content" / name).read_bytes())
    with_row = kiosk(size, diagonal, content=both)
    for language in ("en", "es"):
        choose_language(with_row, qtbot, language)
        start = with_row.window.start_screen
        qtbot.waitUntil(start.isVisible)
        assert all(button.isVisible() for button in start.language_buttons), "a row of languages"
        seen = start_as_seen(with_row)
        without_row = kiosk(size, diagonal, content=tmp_path / language)
        qtbot.waitUntil(without_row.window.start_screen.isVisible)
        expected = start_as_seen(without_row)
        assert expected[1], f"{size} {language}: the summary shows without a row of languages"
        assert seen[1], f"{size} {language}: the summary gave way to the languages"
        assert seen[0] == expected[0], f"{size} {language}: other side margins with the row"
        assert seen[2] == expected[2], f"{size} {language}: fewer parts with the row"


def test_the_start_screens_row_fits_every_panel(kiosk, qtbot):
    """ "All leaflets" and the languages (a button each, or the globe), in Spanish's longer
    words too: touch targets, apart, on the screen, never in the staff corner."""
    for size, diagonal in (
        (QSize(800, 480), 7.0),
        (QSize(800, 1280), 10.1),
        (QSize(1366, 768), 15.6),
        (QSize(1080, 1920), 21.5),
        (QSize(3840, 2160), 55.0),
    ):
        controller = kiosk(size, diagonal)
        for language in ("en", "es", "ar"):
            choose_language(controller, qtbot, language)
            open_hands(controller)
            start = controller.window.start_screen
            qtbot.wait(1)
            theme = controller.session.theme
            buttons = [b for b in start.findChildren(BigButton) if b.isVisible()]
            assert start.menu_button in buttons, f"{size}: no way back to the menu"
            languages = [start.languages_button, *start.language_buttons]
            assert any(button in buttons for button in languages), f"{size}: no languages"
            assert start.start_button in buttons, f"{size}: no way in"
            rects = [QRect(b.mapTo(start, QPoint(0, 0)), b.size()) for b in buttons]
            corner = QRect(0, 0, theme.staff_corner, theme.staff_corner)
            for button, rect in zip(buttons, rects, strict=True):
                where = f"{size} {language} {button.text()!r}"
                assert start.rect().contains(rect), f"{where} is off the screen"
                assert min(rect.width(), rect.height()) >= theme.touch_target_min, where
                assert not rect.intersects(corner), f"{where} is in the staff corner"
            for index, rect in enumerate(rects):
                for other in rects[index + 1 :]:
                    apart = rect.adjusted(-3, -3, 3, 3)  # 4 mm is more than 3 px anywhere
                    assert not apart.intersects(other), f"{size} {language}: buttons touch"
        controller.window.close()


# Right to left


def ink_columns(image: QImage, rect: QRect) -> tuple[int, int]:
    """The leftmost and rightmost column of `rect` with dark ink (words) in it."""
    columns = [
        x
        for x in range(rect.left(), rect.right() + 1)
        if any(
            QColor(image.pixel(x, y)).lightness() < 100
            for y in range(rect.top(), rect.bottom() + 1, 2)
        )
    ]
    assert columns, "no words there"
    return columns[0], columns[-1]


def in_window(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_an_arabic_leaflet_mirrors_every_screen(kiosk, qtbot):
    controller = kiosk()
    window, session = controller.window, controller.session
    choose_language(controller, qtbot, "ar")
    open_hands(controller)
    qtbot.wait(1)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    start = window.start_screen
    middle = window.width() // 2
    # The start screen reads from the right: "All leaflets" and "Tap to start" on the right,
    # the languages on the left, the title's words against the right margin.
    assert in_window(window, start.menu_button).left() > middle
    assert in_window(window, start.start_button).left() > middle
    assert all(in_window(window, b).right() < middle for b in start.language_buttons)
    title = in_window(window, start.title_label)
    left, right = ink_columns(window.grab().toImage(), title)
    assert right > title.right() - title.width() // 10, "the title is not right-aligned"
    assert left > title.left() + title.width() // 3
    # The reading screen: Home at the right, Next at the left, the heading right-aligned.
    session.go_to(reading(1))
    screen = window.reading_screen
    qtbot.wait(1)
    assert in_window(window, screen.next_button).right() < middle
    assert in_window(window, screen.back_button).left() > middle
    assert in_window(window, screen.home_button).left() > middle
    column = session.theme.column_rect.translated(screen.slide.mapTo(window, QPoint(0, 0)))
    heading = QRect(column.left(), column.top(), column.width(), session.theme.heading_px)
    left, right = ink_columns(window.grab().toImage(), heading)
    assert right > column.right() - column.width() // 20, "the heading is not right-aligned"
    assert left > column.left() + column.width() // 3
    # Where the patient is, in Arabic words, its numbers in their order.
    position = screen.position_label.text()
    assert position == words.position_line(reading(1), session.page_counts)
    parts = str(len(session.page_counts))
    assert "الجزء" in position
    assert position.index("2") < position.index(parts)
    # The sheet of Read aloud's choices: its first column (Read aloud) on the right.
    click(screen.sound_button)
    sheet = screen.sheet
    assert (
        in_window(window, sheet.read_aloud_button).left()
        > in_window(window, sheet.close_button).right()
    )
    click(sheet.close_button)
    # The end screen: Back to the last page first, on the right.
    session.go_to(navigation.END)
    end = window.end_screen
    back = in_window(window, end.back_button)
    assert back.left() > in_window(window, end.start_again_button).right()


def test_an_arabic_leaflet_on_a_7_inch_panel_mirrors_its_bar(kiosk, qtbot):
    controller = kiosk(QSize(800, 480), 7.0)
    window, session = controller.window, controller.session
    choose_language(controller, qtbot, "ar")
    open_hands(controller)
    session.go_to(reading(1))
    screen = window.reading_screen
    qtbot.wait(1)
    following, back, menu = (
        in_window(window, button)
        for button in (screen.next_button, screen.back_button, screen.menu_button)
    )
    assert following.right() < back.left() < back.right() < menu.left()


def test_an_arabic_idle_warning_has_its_ring_on_the_right(kiosk, qtbot):
    # A low, wide window: the ring beside the words.
    controller = kiosk(QSize(1600, 600), 15.6)
    window, session = controller.window, controller.session
    choose_language(controller, qtbot, "ar")
    open_hands(controller)
    session.go_to(reading(1))
    window.idle_overlay.start(20)
    card = window.idle_overlay.card_layout()
    assert card.beside
    assert card.zoom == 1.0
    question = next(part for part in card.parts if part.role == "question")
    assert card.ring.left() > question.rect.right(), "the ring is not on the right"
    assert words.idle_question() in window.idle_overlay.accessibleDescription()
    window.idle_overlay.hide()


def test_switching_back_to_english_turns_the_interface_left_to_right_again(kiosk, qtbot):
    controller = kiosk()
    window, session = controller.window, controller.session
    choose_language(controller, qtbot, "ar")
    open_hands(controller)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    choose_language(controller, qtbot, "en")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    start = window.start_screen
    qtbot.wait(1)
    assert in_window(window, start.menu_button).right() < window.width() // 2
    session.go_to(reading(1))
    screen = window.reading_screen
    assert in_window(window, screen.next_button).left() > window.width() // 2
