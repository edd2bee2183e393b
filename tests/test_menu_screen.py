"""The menu, the front screen of a library of leaflets: a tile for each leaflet under its
topic, on every panel clinics buy (7" to 55", landscape and portrait) at every text size the
panel offers, with nothing over anything else, nothing in the staff corner, every title whole;
paged with arrows; a tap opens a leaflet, a language button switches the language; mirrored in a
right-to-left language."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk import words
from kiosk.article import parse_article
from kiosk.config import Settings
from kiosk.languages import language_name, language_names
from kiosk.library import Library, build_library
from kiosk.theme import (
    BURN_IN_STEP_S,
    MINIMUM_GAP_MM,
    MINIMUM_TOUCH_MM,
    TextSize,
    Theme,
    contrast_ratio,
    load_bundled_fonts,
    menu_sizes,
    panel_density,
)
from kiosk.ui.menu_screen import LeafletTile, MenuEntry, MenuScreen, menu_entries
from kiosk.ui.widgets import TextLabel

from .helpers import ManualClock

PANELS = {
    "7in-800x480": (QSize(800, 480), 7.0),
    "10in-1280x800": (QSize(1280, 800), 10.1),
    "10in-800x1280": (QSize(800, 1280), 10.1),
    "15.6in-1366x768": (QSize(1366, 768), 15.6),
    "21.5in-1920x1080": (QSize(1920, 1080), 21.5),
    "21.5in-1080x1920": (QSize(1080, 1920), 21.5),
    "55in-3840x2160": (QSize(3840, 2160), 55.0),
}
LANGUAGES = ["en", "es", "ar", "zh-CN"]

# Leaflets as clinics write them: short and long titles, some under a topic, some not.
LEAFLETS = [
    ("Ketamine as a treatment for chronic pain", "Pain relief"),
    ("Giving consent before your operation", "Before your operation"),
    ("Fasting before surgery", "Before your operation"),
    ("Caring for your wound at home", "After your operation"),
    ("Managing pain after surgery", "Pain relief"),
    ("Physiotherapy after a knee replacement", "After your operation"),
    ("Blood thinners: what you need to know", ""),
    ("Asthma inhalers and how to use them", "Breathing"),
    ("Living with diabetes", ""),
    ("Allergies", ""),
    ("Sleep and pain", "Pain relief"),
    ("Going home from hospital", "After your operation"),
    ("Driving after an operation", "After your operation"),
    ("Your anaesthetic", "Before your operation"),
    ("Stopping smoking before surgery", "Before your operation"),
    ("Eating well to heal", "After your operation"),
    ("Looking after your back", "Pain relief"),
    ("Pain diaries", "Pain relief"),
    ("Medicines and alcohol", ""),
    ("What happens on the day of your operation", ""),
    ("Hip replacement", "After your operation"),
    ("Cataract surgery", ""),
    ("Hearing aids", ""),
    ("Breathing exercises", "Breathing"),
    ("Zinc and you", ""),
]
SUMMARY = (
    "How it may ease long-lasting pain, who is being treated, and how long treatment lasts, "
    "with the questions to ask your care team before you start."
)


@pytest.fixture(autouse=True)
def bundled_font(qapp) -> None:  # type: ignore[no-untyped-def]
    """The kiosk's own font, as the window loads it at start: the sizes are measured in it."""
    assert load_bundled_fonts()


def panel_theme(panel: str) -> Theme:
    """The theme the kiosk gives a full-screen window on `panel` (KioskSession.set_screen_size
    with the panel's screen_diagonal_inches)."""
    size, diagonal = PANELS[panel]
    settings = Settings(screen_diagonal_inches=diagonal)
    density = panel_density(size, None, settings.screen_diagonal_inches)
    assert density is not None
    return Theme.for_size(size, density.pixels_per_mm, settings.viewing_distance_cm)


def library_of(count: int, tmp_path: Path) -> Library:
    """`count` leaflets, each an article read from its file's bytes, some with a short
    summary, some with a long one."""
    articles = []
    for number, (title, topic) in enumerate(LEAFLETS[:count]):
        summary = SUMMARY if number % 3 else "What to expect, step by step."
        front = f"---\ntitle: {title}\nsummary: {summary}\n"
        if topic:
            front += f"topic: {topic}\n"
        text = front + "---\n\nOpening words.\n\n## A part\n\nMore words.\n"
        articles.append(parse_article(text.encode(), tmp_path / f"leaflet-{number:02}.md"))
    return build_library(articles, folder=tmp_path)


def open_menu(qtbot, panel: str, entries: list[MenuEntry], **kwargs: object) -> MenuScreen:  # type: ignore[no-untyped-def]
    """A menu filling `panel`, shown, with `entries` and the languages given (none by default)."""
    theme = panel_theme(panel)
    menu = MenuScreen(theme)
    qtbot.addWidget(menu)
    clock = kwargs.get("clock")
    if isinstance(clock, ManualClock):
        menu.set_clock(clock)
    menu.resize(PANELS[panel][0])
    if kwargs.get("right_to_left"):
        menu.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    menu.set_entries(entries)
    languages = kwargs.get("languages", [])
    assert isinstance(languages, list)
    menu.set_languages(languages, str(kwargs.get("current", "en")))
    with qtbot.waitExposed(menu):
        menu.show()
    qtbot.waitUntil(lambda: menu.size() == PANELS[panel][0])
    return menu


def offered_text_sizes(theme: Theme) -> list[TextSize]:
    return [size for size in TextSize if size.value <= theme.largest_text_size.value]


def rect_of(menu: MenuScreen, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(menu, QPoint(0, 0)), widget.size())


def shown(menu: MenuScreen) -> list[QWidget]:
    """Everything the menu shows: its buttons, tiles and words."""
    return [
        child
        for child in menu.findChildren(QWidget)
        if child.isVisible()
        and child.parent() is menu
        and (isinstance(child, QAbstractButton) or (isinstance(child, TextLabel) and child.text()))
    ]


def name_of(widget: QWidget) -> str:
    if isinstance(widget, TextLabel):
        return repr(widget.text())
    return repr(widget.accessibleName())


def assert_well_laid_out(menu: MenuScreen, theme: Theme, *, whole_titles: bool = True) -> None:
    """What a patient would notice: everything on the screen and clear of everything else;
    every button and tile a touch target (15 mm at the least), 4 mm and the theme's least gap
    from the next, out of the staff corner; every title whole and every line of words whole."""
    screen = menu.rect()
    corner = QRect(0, 0, theme.staff_corner, theme.staff_corner)
    widgets = shown(menu)
    rects = {widget: rect_of(menu, widget) for widget in widgets}
    assert any(isinstance(widget, LeafletTile) for widget in widgets), "no tiles"
    for widget, rect in rects.items():
        assert screen.contains(rect), f"{name_of(widget)} {rect} is off the screen"
        if isinstance(widget, QAbstractButton):
            for side in (rect.width(), rect.height()):
                assert side >= theme.touch_target_min, f"{name_of(widget)} {rect}"
                assert theme.mm(side) >= MINIMUM_TOUCH_MM - 0.05, f"{name_of(widget)} {rect}"
            assert not rect.intersects(corner), f"{name_of(widget)} lies in the staff corner"
            assert rect.height() >= widget.heightForWidth(rect.width()), f"{name_of(widget)} cut"
        else:
            assert rect.height() >= widget.heightForWidth(rect.width()), f"{name_of(widget)} cut"
        if isinstance(widget, LeafletTile) and whole_titles:
            title, _ = widget.words_shown()
            assert title == widget.entry.title, f"{widget.entry.title!r} is shown as {title!r}"
    for (first, first_rect), (second, second_rect) in itertools.combinations(rects.items(), 2):
        assert not first_rect.intersects(second_rect), f"{name_of(first)} / {name_of(second)}"
        if isinstance(first, QAbstractButton) and isinstance(second, QAbstractButton):
            apart = max(
                second_rect.left() - first_rect.right() - 1,
                first_rect.left() - second_rect.right() - 1,
                second_rect.top() - first_rect.bottom() - 1,
                first_rect.top() - second_rect.bottom() - 1,
            )
            where = f"{name_of(first)} / {name_of(second)}: {apart} px"
            assert apart >= theme.compact_gap, where
            assert theme.mm(apart) >= MINIMUM_GAP_MM - 0.05, where


def tiles_on_each_page(menu: MenuScreen, qtbot) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """The leaflets (by index) on each page, turning the pages with Next from the first."""
    menu.show_first_page()
    pages = [[menu.tiles.index(tile) for tile in menu.shown_tiles()]]
    while menu.next_button.isVisible():
        qtbot.mouseClick(menu.next_button, Qt.MouseButton.LeftButton)
        pages.append([menu.tiles.index(tile) for tile in menu.shown_tiles()])
    return pages


# Laid out on every panel


@pytest.mark.parametrize("count", [1, 3, 25], ids=["1-leaflet", "3-leaflets", "25-leaflets"])
@pytest.mark.parametrize("panel", list(PANELS))
def test_the_menu_holds_every_page_on_every_panel_at_every_text_size(qtbot, tmp_path, panel, count):
    library = library_of(count, tmp_path)
    menu = open_menu(qtbot, panel, menu_entries(library, "en"), languages=LANGUAGES)
    theme = panel_theme(panel)
    for size in offered_text_sizes(theme):
        menu.set_theme(dataclasses.replace(theme, text_size=size))
        pages = tiles_on_each_page(menu, qtbot)
        for number in range(len(pages)):
            menu.show_first_page()
            for _ in range(number):
                menu.show_next_page()
            assert_well_laid_out(menu, theme)
        assert sorted(itertools.chain(*pages)) == list(range(count)), f"at {size}"


def test_a_summary_too_long_for_its_tile_is_cut_after_a_word(qtbot, tmp_path):
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library_of(25, tmp_path), "en"))
    long_ones = [tile for tile in menu.shown_tiles() if tile.entry.summary == SUMMARY]
    assert long_ones
    for tile in long_ones:
        _, summary = tile.words_shown()
        assert summary.endswith("\u2026")
        kept = summary.removesuffix("\u2026")
        assert SUMMARY.startswith(kept)
        assert SUMMARY[len(kept)] in " ,", f"{summary!r} is cut inside a word"


def test_a_title_too_long_for_a_page_of_its_own_is_cut_only_on_a_small_panel(qtbot):
    """The last resort: on a 7" panel a title of four lines leaves no room for the page arrows
    under it. It is cut after a word; the tile's spoken name keeps it whole; on a 10" panel
    it is whole."""
    title = "What happens on the day of your operation, from arriving to going home again"
    entries = [MenuEntry(title, "", "", False), MenuEntry("Allergies", "", "", False)]
    small = open_menu(qtbot, "7in-800x480", entries, languages=LANGUAGES)
    tile = small.shown_tiles()[0]
    shown_title, _ = tile.words_shown()
    assert shown_title.endswith("\u2026")
    kept = shown_title.removesuffix("\u2026")
    assert title.startswith(kept)
    assert title[len(kept)] in " ,", f"{shown_title!r} is cut inside a word"
    assert tile.accessibleName().startswith(title)
    assert_well_laid_out(small, panel_theme("7in-800x480"), whole_titles=False)
    large = open_menu(qtbot, "10in-1280x800", entries, languages=LANGUAGES)
    assert large.shown_tiles()[0].words_shown()[0] == title


def test_one_leaflet_is_one_tile_with_no_arrows(qtbot, tmp_path):
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library_of(1, tmp_path), "en"))
    assert [tile.entry.title for tile in menu.shown_tiles()] == [LEAFLETS[0][0]]
    assert menu.page_count == 1
    assert not menu.previous_button.isVisible()
    assert not menu.next_button.isVisible()
    assert not menu.page_label.isVisible()
    # One leaflet, one language: nothing to choose but the text size and contrast.
    assert menu.heading_label.isVisible()
    assert menu.heading_label.text() == words.menu_heading()
    assert menu.larger_button.isVisible()
    assert not any(button.isVisible() for button in menu.language_buttons)


# Topics


def test_tiles_are_grouped_under_their_topics_and_the_others_come_last(qtbot, tmp_path):
    library = library_of(25, tmp_path)
    menu = open_menu(qtbot, "21.5in-1080x1920", menu_entries(library, "en"))
    seen: list[tuple[str, str]] = []  # (heading, title) in reading order, every page
    for _page in range(menu.page_count):
        labels = [label for label in menu.topic_labels if label.isVisible()]
        items = [(rect_of(menu, label).top(), "heading", label.text()) for label in labels]
        items += [
            (rect_of(menu, tile).top(), "tile", tile.entry.title) for tile in menu.shown_tiles()
        ]
        heading = ""
        for _, kind, text in sorted(items):
            if kind == "heading":
                heading = text
            else:
                seen.append((heading, text))
        menu.show_next_page()
    topic_of = dict(LEAFLETS)
    for heading, title in seen:
        assert heading == (topic_of[title] or words.other_leaflets_heading()), title
    # The menu's order: topics in the order of their first leaflet, those without one last.
    headings = list(dict.fromkeys(heading for heading, _ in seen))
    assert headings[-1] == words.other_leaflets_heading()
    assert [title for _, title in seen] == [leaflet.first.title for leaflet in library.leaflets]


def test_with_no_topics_there_are_no_headings(qtbot):
    entries = [MenuEntry(title, "", "", False) for title, _ in LEAFLETS[:6]]
    menu = open_menu(qtbot, "21.5in-1920x1080", entries)
    assert len(menu.shown_tiles()) == 6
    assert not any(label.isVisible() for label in menu.topic_labels)


# Paging


@pytest.mark.parametrize("panel", ["7in-800x480", "21.5in-1920x1080"])
def test_the_arrows_page_through_every_leaflet_once(qtbot, tmp_path, panel):
    menu = open_menu(qtbot, panel, menu_entries(library_of(25, tmp_path), "en"))
    count = menu.page_count
    assert count > 1
    pages = tiles_on_each_page(menu, qtbot)
    assert len(pages) == count
    assert sorted(itertools.chain(*pages)) == list(range(25))  # each on exactly one page
    # The last page: no Next; "Page n of n".
    assert menu.page == count - 1
    assert menu.page_label.text() == words.menu_page(count, count)
    assert not menu.next_button.isVisible()
    assert menu.previous_button.isVisible()
    # Back one page shows the tiles it showed before.
    qtbot.mouseClick(menu.previous_button, Qt.MouseButton.LeftButton)
    assert menu.page == count - 2
    assert [menu.tiles.index(tile) for tile in menu.shown_tiles()] == pages[-2]
    assert menu.page_label.text() == words.menu_page(count - 1, count)
    # The first page: no Previous.
    menu.show_first_page()
    assert menu.page == 0
    assert menu.page_label.text() == words.menu_page(1, count)
    assert not menu.previous_button.isVisible()
    assert menu.next_button.isVisible()


def test_the_next_patient_starts_on_the_first_page(qtbot, tmp_path):
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library_of(25, tmp_path), "en"))
    first = [menu.tiles.index(tile) for tile in menu.shown_tiles()]
    menu.show_next_page()
    menu.show_next_page()
    assert menu.page == 2
    menu.show_first_page()
    assert menu.page == 0
    assert [menu.tiles.index(tile) for tile in menu.shown_tiles()] == first


def test_new_entries_keep_the_page_where_it_still_exists(qtbot, tmp_path):
    library = library_of(25, tmp_path)
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library, "en"))
    menu.show_next_page()
    menu.set_entries(menu_entries(library, "es"))  # the same leaflets in another language
    assert menu.page == 1
    menu.set_entries(menu_entries(library_of(3, tmp_path / "few"), "en"))
    assert menu.page_count == 1
    assert menu.page == 0
    assert len(menu.shown_tiles()) == 3


def test_a_larger_text_size_keeps_the_tiles_in_sight_and_grows_them(qtbot, tmp_path):
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library_of(25, tmp_path), "en"))
    theme = panel_theme("21.5in-1920x1080")
    menu.show_next_page()
    menu.show_next_page()
    watched = menu.shown_tiles()[0]
    standard = watched.title_px, menu.heading_label.font().pixelSize()
    menu.set_theme(dataclasses.replace(theme, text_size=TextSize.LARGER))
    assert watched in menu.shown_tiles()
    assert watched.title_px > standard[0]
    assert menu.heading_label.font().pixelSize() > standard[1]
    assert words.text_size_percent(150) in menu.text_size_label.text()


# Taps


def test_a_tap_on_a_tile_opens_its_leaflet(qtbot, tmp_path):
    library = library_of(25, tmp_path)
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library, "en"))
    menu.show_next_page()
    for tile in menu.shown_tiles():
        with qtbot.waitSignal(menu.leaflet_chosen) as chosen:
            qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        index = chosen.args[0]
        assert library.leaflets[index].first.title == tile.entry.title


def test_a_language_button_asks_for_its_language(qtbot, tmp_path):
    menu = open_menu(
        qtbot,
        "21.5in-1920x1080",
        menu_entries(library_of(3, tmp_path), "en"),
        languages=LANGUAGES,
        current="en",
    )
    names = {button.text(): button for button in menu.language_buttons if button.isVisible()}
    assert list(names) == ["English", "Español", "العربية", "中文"]
    assert [button.isChecked() for button in names.values()] == [True, False, False, False]
    with qtbot.waitSignal(menu.language_chosen) as chosen:
        qtbot.mouseClick(names["Español"], Qt.MouseButton.LeftButton)
    assert chosen.args == ["es"]
    # The menu marks a language once it is the kiosk's (set_languages), not on a tap.
    assert names["English"].isChecked()
    assert not names["Español"].isChecked()
    menu.set_languages(LANGUAGES, "es")
    assert names["Español"].isChecked()
    assert not names["English"].isChecked()


def test_a_small_panel_offers_the_languages_behind_one_button(qtbot, tmp_path):
    menu = open_menu(
        qtbot,
        "7in-800x480",
        menu_entries(library_of(3, tmp_path), "en"),
        languages=LANGUAGES,
        current="es",
    )
    button = menu.languages_button
    assert button.isVisible()
    assert button.text() == "Español"
    assert not any(language.isVisible() for language in menu.language_buttons)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert menu.showing_languages
    assert menu.shown_tiles() == []
    assert_languages_view_well_laid_out(menu)
    shown_names = [language.text() for language in menu.language_buttons if language.isVisible()]
    assert shown_names == ["English", "Español", "العربية", "中文"]
    with qtbot.waitSignal(menu.language_chosen) as chosen:
        qtbot.mouseClick(menu.language_buttons[2], Qt.MouseButton.LeftButton)
    assert chosen.args == ["ar"]
    assert not menu.showing_languages
    assert menu.shown_tiles()
    # Back closes the languages without choosing one; so does the next patient.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(menu.back_button, Qt.MouseButton.LeftButton)
    assert not menu.showing_languages
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    menu.show_first_page()
    assert not menu.showing_languages


def assert_languages_view_well_laid_out(menu: MenuScreen) -> None:
    theme = panel_theme("7in-800x480")
    rects = [rect_of(menu, widget) for widget in shown(menu)]
    corner = QRect(0, 0, theme.staff_corner, theme.staff_corner)
    for rect in rects:
        assert menu.rect().contains(rect)
        assert not rect.intersects(corner)
        assert min(rect.width(), rect.height()) >= theme.touch_target_min
    for first, second in itertools.combinations(rects, 2):
        assert not first.intersects(second)


def test_text_size_and_contrast_buttons_ask_for_them(qtbot, tmp_path):
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library_of(3, tmp_path), "en"))
    menu.set_choices(can_smaller=True, can_larger=True, high_contrast=False)
    for button, signal in (
        (menu.smaller_button, menu.smaller_text_requested),
        (menu.larger_button, menu.larger_text_requested),
        (menu.contrast_button, menu.contrast_requested),
    ):
        with qtbot.waitSignal(signal):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not menu.contrast_button.isChecked()  # until the session says it is on
    menu.set_choices(can_smaller=False, can_larger=True, high_contrast=True)
    assert menu.contrast_button.isChecked()
    assert not menu.smaller_button.isEnabled()


def test_high_contrast_turns_the_menu_white_on_black(qtbot, tmp_path):
    menu = open_menu(qtbot, "21.5in-1920x1080", menu_entries(library_of(3, tmp_path), "en"))
    theme = dataclasses.replace(panel_theme("21.5in-1920x1080"), high_contrast=True)
    menu.set_theme(theme)
    image = menu.grab().toImage()
    assert image.pixelColor(5, 5) == QColor(theme.palette.background)
    tile = menu.shown_tiles()[0]
    inside = tile.mapTo(menu, QPoint(tile.width() // 2, theme.border_width + 1))
    assert image.pixelColor(inside) == QColor(theme.palette.button_face)
    assert contrast_ratio(theme.palette.accent, theme.palette.button_face) >= 7


def test_against_burn_in_everything_drifts_together_and_stays_clear(qtbot, tmp_path):
    clock = ManualClock()
    menu = open_menu(
        qtbot,
        "21.5in-1920x1080",
        menu_entries(library_of(25, tmp_path), "en"),
        languages=LANGUAGES,
        clock=clock,
    )
    home = {widget: rect_of(menu, widget) for widget in shown(menu)}
    clock.advance(5 * BURN_IN_STEP_S)
    moved = {widget: rect_of(menu, widget) for widget in shown(menu)}
    assert moved.keys() == home.keys()
    shifts = {(moved[w].topLeft() - home[w].topLeft()).toTuple() for w in home}
    assert len(shifts) == 1, f"the arrangement broke: {shifts}"
    (dx, dy) = shifts.pop()
    assert 0 < abs(dx) + abs(dy) <= 5
    assert_well_laid_out(menu, panel_theme("21.5in-1920x1080"))


# Right to left


ARABIC = [
    MenuEntry(
        "الكيتامين كعلاج للألم المزمن",
        "كيف يمكن أن يخفف الكيتامين الألم طويل الأمد، ومن يعالج به.",
        "الألم",
        True,
    ),
    MenuEntry("الصيام قبل الجراحة", "متى تتوقف عن الأكل والشرب.", "الألم", True),
    MenuEntry("Allergies", "What to tell your care team.", "الألم", False),
]


def test_a_right_to_left_menu_is_mirrored(qtbot):
    menu = open_menu(
        qtbot,
        "21.5in-1920x1080",
        ARABIC,
        languages=LANGUAGES,
        current="ar",
        right_to_left=True,
    )
    first, second, *_ = menu.shown_tiles()
    first_rect, second_rect = rect_of(menu, first), rect_of(menu, second)
    assert first_rect.top() == second_rect.top()
    # The first tile at the right, the next to its left.
    assert first_rect.left() > second_rect.right()
    assert menu.width() - first_rect.right() - 1 <= panel_theme("21.5in-1920x1080").side_margin
    # The heading at the right; text size and contrast at the left, beyond the staff corner.
    heading = rect_of(menu, menu.heading_label)
    contrast = rect_of(menu, menu.contrast_button)
    assert heading.left() > menu.width() // 2 > contrast.right()
    assert_well_laid_out(menu, panel_theme("21.5in-1920x1080"))


def test_arabic_titles_are_right_aligned_in_any_menu(qtbot):
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        menu = open_menu(qtbot, "21.5in-1920x1080", ARABIC)
        menu.setLayoutDirection(direction)
        qtbot.waitUntil(lambda menu=menu: len(menu.shown_tiles()) == 3)
        _, arabic, english = menu.shown_tiles()  # two short titles
        left, right = ink_columns(arabic)  # the words at the right, none at the left
        assert right > arabic.width() * 9 // 10
        assert left > arabic.width() // 4
        left, right = ink_columns(english)  # the words at the left, none at the right
        assert left < english.width() // 10
        assert right < english.width() * 3 // 4


def ink_columns(tile: LeafletTile) -> tuple[int, int]:
    """The leftmost and rightmost columns of the title's first line where the words' ink is."""
    image = tile.grab().toImage()
    ink = QColor(tile.colours()[1])
    border = 3 * panel_theme("21.5in-1920x1080").border_width
    columns = [
        x
        for x in range(border, image.width() - border)
        for y in range(border, image.height() // 3, 2)
        if image.pixelColor(x, y) == ink
    ]
    assert columns, "no words drawn"
    return min(columns), max(columns)


def test_a_right_to_left_menu_swaps_the_arrows(qtbot, tmp_path):
    menu = open_menu(
        qtbot,
        "21.5in-1920x1080",
        menu_entries(library_of(25, tmp_path), "en"),
        right_to_left=True,
    )
    menu.show_next_page()
    previous, following = rect_of(menu, menu.previous_button), rect_of(menu, menu.next_button)
    assert previous.left() > menu.width() // 2 > following.right()


# Languages in their own names


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("en", "English"),
        ("en-GB", "English"),
        ("es", "Español"),
        ("ar", "العربية"),
        ("zh-CN", "中文"),
        ("zh_CN", "中文"),
        ("pt-BR", "Português"),
        ("de", "Deutsch"),
        ("qq", "qq"),  # a tag Qt does not know: as written
    ],
)
def test_a_language_is_named_in_its_own_words(tag, name):
    assert language_name(tag) == name


def test_two_tags_of_one_name_are_told_apart():
    assert language_names(["en", "pt-BR", "pt-PT"]) == [
        "English",
        "Português",
        "Português europeu",
    ]


@pytest.mark.parametrize("panel", ["21.5in-1920x1080", "55in-3840x2160", "15.6in-1366x768"])
def test_no_summary_is_cut_while_its_tile_has_room_for_more(qtbot, panel):
    """Tiles in a row are as tall as the tallest: one whose title takes a line where its
    neighbour's takes two shows more of its summary in that room, never "..." over an empty
    band a line tall (unless it shows the most lines a summary may have)."""
    summary = "What consent means, and the questions you can ask before you agree to treatment."
    entries = [
        MenuEntry("Giving your consent", summary, "Before your visit", False),
        MenuEntry("Eating and drinking before a procedure", summary, "Before your visit", False),
        MenuEntry("Ketamine as a treatment for chronic pain", summary, "Living with pain", False),
        MenuEntry("Sleeping well with chronic pain", summary, "Living with pain", False),
        MenuEntry("Gentle exercise for back pain", summary, "Living with pain", False),
    ]
    menu = open_menu(qtbot, panel, entries, languages=["en", "es"])
    theme = panel_theme(panel)
    sizes = menu_sizes(theme)
    line = QFontMetricsF(theme.font(sizes.summary_px)).lineSpacing()
    tiles = menu.shown_tiles()
    assert len({tile.height() for tile in tiles}) < len(tiles), "tiles share a row's height"
    for tile in tiles:
        _, shown_summary = tile.words_shown()
        if shown_summary.endswith("\u2026") and tile.summary_lines < sizes.summary_lines:
            empty = tile.height() - tile.heightForWidth(tile.width())
            assert empty < line, f"{tile.entry.title!r}: {shown_summary!r} over {empty} px empty"
