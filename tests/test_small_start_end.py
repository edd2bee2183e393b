"""The start, end and updating screens on the panels clinics buy, sized for the eye (7" to 55",
landscape and portrait, read from 60 cm): all of it on the screen at once, nothing over anything
else, every button at least 15 mm and 4 mm from the next and clear of the staff corner, no
words cut; every part reachable ("Choose a part" on a small panel opens them, paged); words and
buttons growing with the patient's text size as far as there is room, never losing a control.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk import navigation, words
from kiosk.article import Article, parse_article
from kiosk.config import Settings
from kiosk.navigation import END, START
from kiosk.theme import MINIMUM_GAP_MM, MINIMUM_TOUCH_MM, TextSize
from kiosk.ui.start_screen import Arrangement
from kiosk.ui.widgets import TextLabel

from .helpers import click, reading
from .test_start_screen import TWELVE_TITLES

PANELS = {
    "7in-800x480": (QSize(800, 480), 7.0),
    "10in-1280x800": (QSize(1280, 800), 10.1),
    "10in-800x1280": (QSize(800, 1280), 10.1),
    "15.6in-1366x768": (QSize(1366, 768), 15.6),
    "21.5in-1920x1080": (QSize(1920, 1080), 21.5),
    "21.5in-1080x1920": (QSize(1080, 1920), 21.5),
    "55in-3840x2160": (QSize(3840, 2160), 55.0),
}
SMALL = ["7in-800x480", "10in-1280x800", "10in-800x1280"]


def article_with(titles: list[str], *, title: str = "Ketamine as a treatment for chronic pain"):
    text = (
        f"---\ntitle: {title}\nsummary: How ketamine may ease long-lasting pain, who is being "
        "treated, and how long treatment lasts.\n---\n\nOpening words.\n\n"
    )
    for heading in titles:
        text += f"## {heading}\n\n" + "Words of this part here. " * 40 + "\n\n"
    return parse_article(text.encode(), Path("parts.md"))


@pytest.fixture(scope="module")
def twelve() -> Article:
    return article_with(TWELVE_TITLES)


def open_on(make_window, panel: str, article: Article | None = None):
    size, diagonal = PANELS[panel]
    settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)
    if article is None:
        return make_window(size, settings=settings)
    return make_window(size, settings=settings, article=article)


def rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def shown_buttons(screen: QWidget) -> list[QAbstractButton]:
    return [button for button in screen.findChildren(QAbstractButton) if button.isVisible()]


def shown_words(screen: QWidget) -> list[TextLabel]:
    return [label for label in screen.findChildren(TextLabel) if label.isVisible() and label.text()]


def assert_well_laid_out(window, screen: QWidget) -> None:
    """What a patient would notice: everything inside the screen; every button a touch target
    (15 mm at the least) with its words whole, 4 mm from the next, out of the staff corner;
    every line of words whole and clear of the buttons and of each other."""
    theme = window.session.theme
    where = rect_in(window, screen)
    corner = QRect(0, 0, window.router.corner_px, window.router.corner_px)
    buttons = [(button.accessibleName(), button) for button in shown_buttons(screen)]
    rects = [(name, rect_in(window, button)) for name, button in buttons]
    assert rects, "no buttons"
    for (name, button), (_, rect) in zip(buttons, rects, strict=True):
        assert where.contains(rect), f"{name!r} {rect} is off the screen {where}"
        for side in (rect.width(), rect.height()):
            assert side >= theme.touch_target_min, f"{name!r} {rect}"
            assert theme.mm(side) >= MINIMUM_TOUCH_MM - 0.05, f"{name!r} {rect}"
        assert rect.height() >= button.heightForWidth(rect.width()), f"{name!r}: words cut"
        assert not rect.intersects(corner), f"{name!r} lies in the staff corner"
    for (first_name, first), (second_name, second) in itertools.combinations(rects, 2):
        apart = max(
            second.left() - first.right() - 1,
            first.left() - second.right() - 1,
            second.top() - first.bottom() - 1,
            first.top() - second.bottom() - 1,
        )
        assert theme.mm(apart) >= MINIMUM_GAP_MM - 0.05, f"{first_name!r} / {second_name!r}"
    labels = [(label, rect_in(window, label)) for label in shown_words(screen)]
    for label, rect in labels:
        assert where.contains(rect), f"{label.text()!r} is off the screen"
        assert rect.height() >= label.heightForWidth(rect.width()), f"{label.text()!r} is cut"
        for name, other in rects:
            assert not rect.intersects(other), f"{label.text()!r} is under {name!r}"
    for (first, first_rect), (second, second_rect) in itertools.combinations(labels, 2):
        assert not first_rect.intersects(second_rect), f"{first.text()!r} / {second.text()!r}"


def grow(window) -> list[TextSize]:
    """Every text size from Standard up, as A+ gives them; the sizes seen."""
    session = window.session
    seen = [session.theme.text_size]
    while True:
        session.larger_text()
        if session.theme.text_size is seen[-1]:
            return seen
        seen.append(session.theme.text_size)


# The start screen


def every_text_size(window, screen):
    """Give `screen` the panel's theme at each text size in turn, Standard to 200 % (whether
    or not the session offers them all on this panel: the screen must hold any)."""
    for size in TextSize:
        screen.set_theme(dataclasses.replace(window.session.theme, text_size=size))
        yield size


@pytest.mark.parametrize("parts", [2, 5, 14], ids=["2-parts", "5-parts", "14-parts"])
@pytest.mark.parametrize("panel", list(PANELS))
def test_the_start_screen_holds_everything_at_every_text_size(make_window, panel, parts, twelve):
    article = {2: article_with([]), 5: None, 14: twelve}[parts]
    window = open_on(make_window, panel, article)
    start = window.start_screen
    theme = window.session.theme
    for size in every_text_size(window, start):
        assert_well_laid_out(window, start)
        assert start.title_label.isVisible()
        assert start.start_button.isVisible()
        assert start.disclaimer_label.isVisible()
        assert start.disclaimer_label.text() == Settings().disclaimer
        # A way to every part: the list itself, or "Choose a part".
        assert start.sections.isVisible() or start.parts_button.isVisible()
        assert start.title_label.font().pixelSize() >= theme.minimum_body_px
        assert start.disclaimer_label.font().pixelSize() >= theme.small_px
        if start.text_size_label.isVisible():
            assert words.text_size_percent(size.value) in start.text_size_label.text()
        # "Carry on reading" comes and goes without moving anything.
        before = {button: rect_in(window, button) for button in shown_buttons(start)}
        start.set_resume("The science behind how ketamine works for chronic pain")
        assert start.resume_button.isVisible()
        assert_well_laid_out(window, start)
        assert {button: rect_in(window, button) for button in before} == before
        start.set_resume(None)
        assert not start.resume_button.isVisible()


@pytest.mark.parametrize("panel", list(PANELS))
def test_a_larger_text_size_never_takes_a_control_away(make_window, panel):
    window = open_on(make_window, panel)
    start = window.start_screen
    controls = (
        start.start_button,
        start.parts_button,
        start.smaller_button,
        start.larger_button,
        start.contrast_button,
    )
    standard = [button.isVisible() for button in controls]
    standard_title = start.title_label.font().pixelSize()
    grow(window)
    assert [button.isVisible() for button in controls] == standard
    assert start.title_label.font().pixelSize() >= standard_title
    assert start.sections.isVisible() == (not start.parts_button.isVisible())


@pytest.mark.parametrize(
    "panel", ["10in-1280x800", "10in-800x1280", "21.5in-1920x1080", "21.5in-1080x1920"]
)
def test_the_start_screen_grows_with_the_text_where_there_is_room(make_window, panel):
    window = open_on(make_window, panel)
    start = window.start_screen
    standard = start.start_button.height(), start.title_label.font().pixelSize()
    grow(window)
    assert start.zoom > 1
    assert start.start_button.height() > standard[0]
    assert start.title_label.font().pixelSize() > standard[1]
    assert words.text_size_percent(window.session.theme.text_size.value) in (
        start.text_size_label.text()
    )


def test_a_7_inch_panel_has_no_room_to_grow_and_keeps_its_layout(make_window):
    window = open_on(make_window, "7in-800x480", article_with([]))
    start = window.start_screen
    standard = start.title_label.font().pixelSize()
    start.set_theme(dataclasses.replace(window.session.theme, text_size=TextSize.LARGEST))
    assert start.zoom == 1
    assert start.title_label.font().pixelSize() == standard
    assert_well_laid_out(window, start)


@pytest.mark.parametrize("panel", SMALL)
def test_a_small_panel_shows_the_compact_start_screen(make_window, panel):
    window = open_on(make_window, panel)
    start = window.start_screen
    assert start.arrangement is Arrangement.COMPACT
    # One column: the buttons under the title, not beside it.
    assert rect_in(window, start.start_button).top() > rect_in(window, start.title_label).bottom()
    assert start.parts_button.isVisible()
    assert not start.sections.isVisible()
    assert start.parts_button.text() in (words.choose_part_button(), words.parts_button())


@pytest.mark.parametrize("panel", ["21.5in-1920x1080", "21.5in-1080x1920", "55in-3840x2160"])
def test_a_large_panel_keeps_the_roomy_start_screen(make_window, panel):
    window = open_on(make_window, panel)
    start = window.start_screen
    assert start.arrangement is Arrangement.ROOMY
    assert start.sections.isVisible()
    assert not start.parts_button.isVisible()
    assert start.summary_label.isVisible()
    assert start.reading_time_label.isVisible()


def page_through_parts(window) -> list[int]:
    """Open the parts (where they are behind "Choose a part"), and every part's index as the
    list shows them page after page with "More parts", checking each page."""
    start = window.start_screen
    if start.parts_button.isVisible():
        click(start.parts_button)
        assert start.showing_parts
        assert not start.start_button.isVisible()
        assert start.sections.back_button.isVisible()
    seen: list[int] = []
    for _ in start.section_buttons:
        assert_well_laid_out(window, start)
        seen += [index for index, button in enumerate(start.section_buttons) if button.isVisible()]
        if not start.sections.more_button.isVisible():
            break
        click(start.sections.more_button)
    return seen


@pytest.mark.parametrize("largest_text", [False, True], ids=["standard", "largest-text"])
@pytest.mark.parametrize("panel", list(PANELS))
def test_every_part_of_a_long_article_is_reachable_at_full_size(
    make_window, twelve, panel, largest_text
):
    window = open_on(make_window, panel, twelve)
    if largest_text:
        grow(window)
    assert page_through_parts(window) == list(range(14))
    for button in window.start_screen.section_buttons:
        # A title cut to fit a small panel's page is still spoken whole.
        assert button.accessibleName().startswith(
            button.text().removesuffix("\N{HORIZONTAL ELLIPSIS}")
        )


@pytest.mark.parametrize("panel", SMALL)
def test_back_from_the_parts_shows_the_title_and_tap_to_start_again(make_window, twelve, panel):
    window = open_on(make_window, panel, twelve)
    start = window.start_screen
    click(start.parts_button)
    click(start.sections.more_button)
    click(start.sections.back_button)
    assert not start.showing_parts
    assert start.start_button.isVisible()
    assert start.title_label.isVisible()
    assert not start.sections.isVisible()
    assert_well_laid_out(window, start)
    # And the list opens at its first part again.
    click(start.parts_button)
    assert start.sections.shown_buttons()[0] is start.section_buttons[0]


def test_a_part_on_a_later_page_of_the_parts_opens_that_part(make_window, twelve):
    window = open_on(make_window, "7in-800x480", twelve)
    start = window.start_screen
    click(start.parts_button)
    click(start.sections.more_button)
    click(start.sections.more_button)
    button = start.sections.shown_buttons()[0]
    index = start.section_buttons.index(button)
    assert index > 1
    click(button)
    assert window.session.position == reading(index, 0)
    # Home: the start screen as a new patient finds it, not the list left open.
    window.session.request(navigation.HOME)
    assert window.current_screen() is start
    assert not start.showing_parts
    assert start.start_button.isVisible()


def test_a_long_title_is_cut_on_a_small_panel_but_spoken_whole(make_window):
    title = "What to expect before, during and after your treatment with ketamine " * 3
    window = open_on(make_window, "7in-800x480", article_with([], title=title.strip()))
    start = window.start_screen
    assert start.title_label.text().endswith("\N{HORIZONTAL ELLIPSIS}")
    assert start.title_label.accessibleName() == title.strip()
    assert_well_laid_out(window, start)


def test_carry_on_reading_on_a_small_panel_keeps_clear_of_the_staff_corner(make_window):
    window = open_on(make_window, "7in-800x480")
    start = window.start_screen
    start.set_resume("The science behind how ketamine works for chronic pain")
    button = rect_in(window, start.resume_button)
    corner = window.router.corner_px
    assert button.top() < corner, "the title's place, at the top of a small screen"
    assert button.left() >= corner
    assert start.resume_button.accessibleName() == words.carry_on_button(
        "The science behind how ketamine works for chronic pain"
    )


# The end screen


@pytest.mark.parametrize("panel", list(PANELS))
def test_the_end_screen_holds_everything_at_every_text_size(make_window, panel):
    window = open_on(make_window, panel)
    window.session.go_to(END)
    end = window.end_screen
    for _ in every_text_size(window, end):
        assert_well_laid_out(window, end)
        assert end.heading_label.isVisible()
        assert end.disclaimer_label.isVisible()
        assert end.back_button.isVisible()
        assert end.start_again_button.isVisible()
        assert end.back_button.accessibleName() == words.back_to_last_page_button()
        assert end.heading_label.font().pixelSize() >= window.session.theme.minimum_body_px


@pytest.mark.parametrize("panel", ["10in-1280x800", "21.5in-1920x1080", "55in-3840x2160"])
def test_the_end_screen_grows_with_the_text_where_there_is_room(make_window, panel):
    window = open_on(make_window, panel)
    window.session.go_to(END)
    end = window.end_screen
    standard = end.start_again_button.height(), end.heading_label.font().pixelSize()
    grow(window)
    assert end.zoom > 1
    assert end.start_again_button.height() > standard[0]
    assert end.heading_label.font().pixelSize() >= standard[1]


def test_the_end_screens_buttons_work_on_a_7_inch_panel(make_window):
    window = open_on(make_window, "7in-800x480")
    last = reading(4, window.session.page_counts[4] - 1)
    window.session.go_to(last)
    window.session.request(navigation.NEXT)
    assert window.current_screen() is window.end_screen
    click(window.end_screen.back_button)
    assert window.session.position == last
    window.session.request(navigation.NEXT)
    click(window.end_screen.start_again_button)
    assert window.session.position == START


# The updating notice


@pytest.mark.parametrize("panel", list(PANELS))
def test_the_updating_notice_fits_every_panel(make_window, panel):
    window = open_on(make_window, panel)
    window.session.show_updating("staff asked")
    screen = window.updating_screen
    assert window.current_screen() is screen
    labels = [
        (label, rect_in(window, label)) for label in (screen.heading_label, screen.detail_label)
    ]
    for label, rect in labels:
        assert label.isVisible()
        assert rect_in(window, screen).contains(rect), label.text()
        assert rect.height() >= label.heightForWidth(rect.width()), label.text()
        assert label.font().pixelSize() >= window.session.theme.minimum_body_px
    assert not labels[0][1].intersects(labels[1][1])
