"""The start screen for any article: every part reachable at full size on every screen, text size
and contrast chosen there, "Carry on reading" for a few seconds after Home, and the reading time.

Windows here are sized by their pixels (a panel said to be 120" across), as a test window of
800x480 is meant to stand for a 7" panel's layout whatever the test machine's screen reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QRect, QSize, Signal
from PySide6.QtWidgets import QWidget

from kiosk import navigation, words
from kiosk.article import Article, parse_article
from kiosk.config import Settings
from kiosk.navigation import END, START, Screen
from kiosk.session import RESUME_OFFER_S, KioskSession, article_words, reading_minutes
from kiosk.theme import TextSize, Theme
from kiosk.ui.start_screen import StartScreen, most_per_page
from kiosk.ui.widgets import BigButton, TextLabel

from .helpers import ManualClock, click, reading

PIXELS = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=120)
FIVE_SIZES = {
    "800x480": QSize(800, 480),
    "1280x800": QSize(1280, 800),
    "1920x1080": QSize(1920, 1080),
    "1080x1920": QSize(1080, 1920),
    "3840x2160": QSize(3840, 2160),
}
TWELVE_TITLES = [
    "What ketamine is",
    "How it eases long-lasting pain",
    "Who may be offered it",
    "Before your first treatment",
    "What happens on the day",
    "How it feels",
    "Side effects",
    "Who should not have it",
    "How long treatment lasts",
    "Costs and insurance",
    "Questions to ask your care team",
    "Where to find help",
]
SHORT_TITLES = ["Before", "The day", "Pain", "Walking", "At home", "Driving", "Work", "Sleep"]


def article_with(titles: list[str], *, words_each: int = 200) -> Article:
    """An article with an introduction, a section for each title, and a summary."""
    text = (
        "---\ntitle: Ketamine as a treatment for chronic pain\n"
        "summary: How ketamine may ease long-lasting pain, who is being treated, and how long "
        "treatment lasts.\n---\n\nOpening words.\n\n"
    )
    for title in titles:
        text += f"## {title}\n\n" + "Words of this part here. " * (words_each // 5) + "\n\n"
    return parse_article(text.encode(), Path("many-parts.md"))


@pytest.fixture(scope="module")
def twelve() -> Article:
    return article_with(TWELVE_TITLES)


def rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def shown_buttons(start: StartScreen) -> list[BigButton]:
    return [button for button in start.findChildren(BigButton) if button.isVisible()]


def shown_labels(start: StartScreen) -> list[TextLabel]:
    return [
        label
        for label in start.findChildren(TextLabel)
        if label.isVisible() and label is not start.disclaimer_label and label.text()
    ]


def assert_well_laid_out(window: QWidget) -> None:
    """Every control at full size, apart, on the screen and clear of the disclaimer; every
    word shown whole and clear of the controls."""
    start = window.start_screen
    theme = window.session.theme
    screen = rect_in(window, start)
    disclaimer = rect_in(window, start.disclaimer_label)
    assert start.disclaimer_label.isVisible()
    assert screen.contains(disclaimer)
    assert disclaimer.height() >= start.disclaimer_label.heightForWidth(disclaimer.width())
    buttons = [
        (button.text() or button.accessibleName(), button) for button in shown_buttons(start)
    ]
    rects = [(name, rect_in(window, button)) for name, button in buttons]
    for (name, button), (_, rect) in zip(buttons, rects, strict=True):
        assert rect.height() >= theme.touch_target_min, name
        assert rect.width() >= theme.touch_target_min, name
        assert rect.height() >= button.heightForWidth(rect.width()), f"{name}: words cut"
        assert screen.contains(rect), f"{name} is off the screen"
        assert not rect.intersects(disclaimer), f"{name} covers the disclaimer"
    for index, (name, rect) in enumerate(rects):
        grown = rect.adjusted(-theme.gap + 1, -theme.gap + 1, theme.gap - 1, theme.gap - 1)
        for other_name, other in rects[index + 1 :]:
            assert not grown.intersects(other), f"{name} is too close to {other_name}"
    for label in shown_labels(start):
        rect = rect_in(window, label)
        assert rect.height() >= label.heightForWidth(rect.width()), f"{label.text()!r} is cut"
        assert screen.contains(rect), label.text()
        assert not rect.intersects(disclaimer), label.text()
        for name, other in rects:
            assert not rect.intersects(other), f"{label.text()!r} is under {name}"


def page_through(window: QWidget) -> list[int]:
    """Every part's index as the list shows them, page after page with "More parts"."""
    start = window.start_screen
    seen: list[int] = []
    for _ in start.section_buttons:
        assert_well_laid_out(window)
        seen += [index for index, button in enumerate(start.section_buttons) if button.isVisible()]
        if not start.sections.more_button.isVisible():
            break
        click(start.sections.more_button)
    return seen


def grow_text_to_largest(window: QWidget) -> None:
    session = window.session
    while session.theme.text_size.larger() is not None:
        session.larger_text()


# Any article at any size


@pytest.mark.parametrize("largest_text", [False, True], ids=["standard", "largest-text"])
@pytest.mark.parametrize("size_name", list(FIVE_SIZES))
def test_every_part_of_a_long_article_is_reachable_at_full_size(
    make_window, twelve, size_name, largest_text
):
    window = make_window(FIVE_SIZES[size_name], settings=PIXELS, article=twelve)
    if largest_text:
        grow_text_to_largest(window)
    start = window.start_screen
    count = len(twelve.slides)
    assert count == 14
    assert page_through(window) == list(range(count))
    assert start.sections.page_count > 1, "fourteen parts do not fit at once here"


@pytest.mark.parametrize("size_name", list(FIVE_SIZES))
def test_carry_on_reading_fits_without_moving_anything(make_window, twelve, size_name):
    window = make_window(FIVE_SIZES[size_name], settings=PIXELS, article=twelve)
    start = window.start_screen
    before = {button: rect_in(window, button) for button in shown_buttons(start)}
    start.set_resume(TWELVE_TITLES[10])
    assert start.resume_button.isVisible()
    assert_well_laid_out(window)
    assert {button: rect_in(window, button) for button in before} == before
    start.set_resume(None)
    assert not start.resume_button.isVisible()
    assert {button: rect_in(window, button) for button in shown_buttons(start)} == before


@pytest.mark.parametrize("size_name", list(FIVE_SIZES))
def test_a_short_article_shows_every_part_at_once_as_before(make_window, article, size_name):
    window = make_window(FIVE_SIZES[size_name], settings=PIXELS)
    start = window.start_screen
    assert all(button.isVisible() for button in start.section_buttons)
    assert start.sections.page_count == 1
    assert start.sections.columns == 1
    assert not start.sections.more_button.isVisible()
    assert not start.sections.page_label.isVisible()
    assert start.summary_label.isVisible()
    assert start.summary_label.text() == article.summary
    assert_well_laid_out(window)


def test_short_titles_take_two_columns_where_there_is_room(make_window):
    window = make_window(
        FIVE_SIZES["1080x1920"], settings=PIXELS, article=article_with(SHORT_TITLES)
    )
    start = window.start_screen
    assert start.sections.columns == 2
    first, second = (rect_in(window, button) for button in start.section_buttons[:2])
    assert first.top() == second.top()
    assert page_through(window) == list(range(len(SHORT_TITLES) + 2))


def test_long_titles_stay_in_one_column(make_window, twelve):
    window = make_window(FIVE_SIZES["1920x1080"], settings=PIXELS, article=twelve)
    assert window.start_screen.sections.columns == 1


def test_the_list_says_which_parts_it_shows_and_pages_both_ways(make_window, twelve):
    window = make_window(FIVE_SIZES["1920x1080"], settings=PIXELS, article=twelve)
    parts = window.start_screen.sections
    per_page = parts.per_page
    assert parts.page_label.text() == words.parts_shown(1, per_page, 14)
    assert parts.page_label.text() == f"Parts 1\N{EN DASH}{per_page} of 14"
    assert not parts.previous_button.isVisible()
    click(parts.more_button)
    assert parts.page == 1
    assert parts.page_label.text() == words.parts_shown(per_page + 1, 2 * per_page, 14)
    assert parts.previous_button.isVisible()
    # The arrows stay where they were, page after page.
    more = rect_in(window, parts.more_button)
    click(parts.more_button)
    if parts.more_button.isVisible():
        assert rect_in(window, parts.more_button) == more
    click(parts.previous_button)
    assert parts.page == 1


def test_a_part_on_a_later_page_opens_that_part(make_window, twelve):
    window = make_window(FIVE_SIZES["1280x800"], settings=PIXELS, article=twelve)
    parts = window.start_screen.sections
    click(parts.more_button)
    button = parts.shown_buttons()[0]
    index = window.start_screen.section_buttons.index(button)
    click(button)
    assert window.session.position == reading(index, 0)


def test_the_next_visit_to_the_start_screen_shows_the_first_parts(make_window, twelve):
    window = make_window(FIVE_SIZES["1920x1080"], settings=PIXELS, article=twelve)
    parts = window.start_screen.sections
    click(parts.more_button)
    click(parts.shown_buttons()[0])
    window.session.request(navigation.HOME)
    assert window.current_screen() is window.start_screen
    assert parts.page == 0
    assert parts.shown_buttons()[0] is window.start_screen.section_buttons[0]


def test_most_per_page_keeps_whole_rows_and_the_same_count_on_every_page():
    assert most_per_page([100] * 5, 1, 540, 10) == 5
    assert most_per_page([100] * 5, 1, 539, 10) == 4
    assert most_per_page([100, 200, 100, 100], 1, 310, 10) == 2  # every page of 2 fits
    assert most_per_page([100] * 5, 2, 210, 10) == 4  # two rows of two
    assert most_per_page([100] * 3, 1, 99, 10) == 0
    assert most_per_page([], 1, 1000, 10) == 0


# Text size and contrast


@pytest.fixture
def start_screen(qtbot):
    screen = StartScreen(Theme(1920, 1080))
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.set_disclaimer(Settings().disclaimer)
    screen.set_article(article_with(TWELVE_TITLES[:3]))
    screen.set_theme(Theme(1920, 1080))
    screen.show()
    return screen


def test_text_size_and_contrast_controls_ask_for_their_change(qtbot, start_screen):
    start_screen.set_choices(can_smaller=True, can_larger=True, high_contrast=False)
    for button, signal in (
        (start_screen.smaller_button, start_screen.smaller_text_requested),
        (start_screen.larger_button, start_screen.larger_text_requested),
        (start_screen.contrast_button, start_screen.contrast_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            click(button)
    assert start_screen.smaller_button.accessibleName() == words.smaller_text_spoken()
    assert start_screen.larger_button.accessibleName() == words.larger_text_spoken()


def test_the_controls_show_the_choices_they_are_told(start_screen):
    asked: list[str] = []
    start_screen.smaller_text_requested.connect(lambda: asked.append("smaller"))
    start_screen.larger_text_requested.connect(lambda: asked.append("larger"))
    start_screen.set_choices(can_smaller=False, can_larger=True, high_contrast=False)
    assert not start_screen.smaller_button.isEnabled()
    click(start_screen.smaller_button)
    assert asked == []
    # High contrast shows what the session says, not its own idea of it.
    click(start_screen.contrast_button)
    assert not start_screen.contrast_button.isChecked()
    start_screen.set_choices(can_smaller=True, can_larger=False, high_contrast=True)
    assert start_screen.contrast_button.isChecked()
    assert start_screen.smaller_button.isEnabled()
    assert not start_screen.larger_button.isEnabled()
    click(start_screen.larger_button)
    assert asked == []


def test_the_screen_says_the_text_size_and_grows_with_it(start_screen):
    assert words.text_size_percent(100) in start_screen.text_size_label.text()
    standard_title = start_screen.title_label.font().pixelSize()
    start_screen.set_theme(Theme(1080, 1920, text_size=TextSize.LARGE))
    start_screen.resize(1080, 1920)
    start_screen.set_theme(Theme(1080, 1920, text_size=TextSize.LARGE))
    assert words.text_size_label() in start_screen.text_size_label.text()
    assert words.text_size_percent(125) in start_screen.text_size_label.text()
    assert start_screen.zoom > 1
    assert start_screen.title_label.font().pixelSize() > standard_title


def test_the_window_shows_the_patients_choices_on_the_start_screen(make_window):
    window = make_window(FIVE_SIZES["1920x1080"], settings=PIXELS)
    start = window.start_screen
    assert not start.smaller_button.isEnabled()
    assert start.larger_button.isEnabled()
    click(start.larger_button)
    assert window.session.theme.text_size is TextSize.LARGE
    assert start.smaller_button.isEnabled()
    assert words.text_size_percent(125) in start.text_size_label.text()
    click(start.contrast_button)
    assert window.session.theme.high_contrast
    assert start.contrast_button.isChecked()
    click(start.smaller_button)
    assert window.session.theme.text_size is TextSize.STANDARD


# Carry on where you were


def test_carry_on_reading_takes_the_summarys_place_and_asks_to_go_back(qtbot, start_screen):
    start_screen.set_resume("Who is getting treatment for chronic pain?")
    button = start_screen.resume_button
    assert button.isVisible()
    assert button.text() == "Carry on reading: Who is getting treatment for chronic pain?"
    assert not start_screen.summary_label.isVisible()
    with qtbot.waitSignal(start_screen.resume_requested, timeout=1000):
        click(button)
    start_screen.set_resume(None)
    assert not button.isVisible()
    assert start_screen.summary_label.isVisible()


def test_a_long_title_is_shortened_on_carry_on_but_spoken_whole(start_screen):
    title = "A very long title of a part " * 6
    start_screen.set_resume(title)
    button = start_screen.resume_button
    assert button.text().endswith("\N{HORIZONTAL ELLIPSIS}")
    assert button.accessibleName() == words.carry_on_button(title)
    assert button.height() >= button.heightForWidth(button.width())


@pytest.fixture
def window_clock():
    return ManualClock()


@pytest.fixture
def resumable(make_window, window_clock):
    """A window on the bundled article at 1920x1080, left with Home from the second page of
    the second section."""
    window = make_window(FIVE_SIZES["1920x1080"], settings=PIXELS, clock=window_clock)
    click(window.start_screen.section_buttons[1])
    click(window.reading_screen.next_button)
    assert window.session.position == reading(1, 1)
    click(window.reading_screen.home_button)
    assert window.current_screen() is window.start_screen
    return window


def test_carry_on_appears_after_home_and_returns_to_the_same_page(resumable, article):
    start = resumable.start_screen
    assert start.resume_button.isVisible()
    title = article.slides[1].title  # "The science behind how ketamine works for chronic pain"
    assert start.resume_button.accessibleName() == words.carry_on_button(title)
    assert start.resume_button.text().startswith(words.carry_on_button("The science"))
    click(start.resume_button)
    assert resumable.session.position == reading(1, 1)
    assert resumable.current_screen() is resumable.reading_screen
    assert not start.resume_button.isVisible()


def test_carry_on_goes_after_ten_seconds(resumable, window_clock):
    start = resumable.start_screen
    window_clock.advance(RESUME_OFFER_S - 0.5)
    assert start.resume_button.isVisible()
    window_clock.advance(0.5)
    assert not start.resume_button.isVisible()
    assert start.summary_label.isVisible()


def test_carry_on_goes_with_the_idle_reset(resumable):
    resumable.session.idle.expired.emit()
    assert not resumable.start_screen.resume_button.isVisible()


def test_carry_on_goes_with_any_other_way_in(resumable):
    click(resumable.start_screen.start_button)
    click(resumable.reading_screen.back_button)
    assert resumable.session.position == START
    assert not resumable.start_screen.resume_button.isVisible()


# The session's side of "Carry on reading"


class QuietReadAloud(QObject):
    """A voice that never speaks: the session without a speech engine."""

    sentence_started = Signal(int, int)
    stopped = Signal()
    availability_changed = Signal(bool)
    speaking = False

    def set_rate(self, rate: float) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def set_language(self, language: str) -> None: ...
    def speak(self, text: str) -> None: ...
    def stop(self) -> None: ...


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def session(qapp, clock):
    article = article_with(TWELVE_TITLES[:2], words_each=600)
    session = KioskSession(article, Settings(), clock, read_aloud=QuietReadAloud())  # type: ignore[arg-type]
    session.set_screen_size(QSize(1280, 800))
    return session


def home_from(session: KioskSession, section: int, page: int) -> None:
    session.request(navigation.jump_to(section))
    for _ in range(page):
        session.request(navigation.NEXT)
    assert session.position == reading(section, page)
    session.request(navigation.HOME)


def test_home_from_a_page_offers_to_carry_on_there(session):
    changes: list[object] = []
    session.resume_changed.connect(lambda: changes.append(session.resume_position))
    assert session.page_counts[1] >= 3
    home_from(session, 1, 2)
    assert session.position == START
    assert session.resume_position == reading(1, 2)
    assert changes == [reading(1, 2)]
    session.resume()
    assert session.position == reading(1, 2)
    assert session.resume_position is None
    assert changes == [reading(1, 2), None]


def test_the_offer_lasts_ten_seconds(session, clock):
    home_from(session, 1, 1)
    clock.advance(RESUME_OFFER_S - 0.01)
    assert session.resume_position == reading(1, 1)
    clock.advance(0.01)
    assert session.resume_position is None
    session.resume()
    assert session.position == START


@pytest.mark.parametrize(
    "taken_back",
    [
        lambda session: session.idle.expired.emit(),
        lambda session: session.reset_for_next_patient(),
        lambda session: session.request(navigation.START_READING),
        lambda session: session.request(navigation.jump_to(0)),
        lambda session: session.set_staff_present(True),
        lambda session: session.show_updating("staff asked"),
        lambda session: session.set_article(article_with(TWELVE_TITLES[2:4])),
    ],
    ids=["idle", "next patient", "start", "a part", "staff", "updating", "new content"],
)
def test_anything_else_takes_the_offer_back(session, clock, taken_back):
    home_from(session, 1, 1)
    taken_back(session)
    assert session.resume_position is None
    clock.advance(RESUME_OFFER_S)  # and the wake-up that would have ended it does nothing
    assert session.resume_position is None


def test_only_home_from_a_reading_page_offers_it(session):
    session.request(navigation.HOME)
    assert session.resume_position is None
    session.go_to(END)
    session.request(navigation.HOME)  # the end screen's "Start again"
    assert session.resume_position is None


def test_a_new_text_size_keeps_the_offer_on_the_same_words(session):
    home_from(session, 1, 2)
    words_at_top = session.layout.sections[1].page_text_range(2)[0]
    session.larger_text()
    position = session.resume_position
    assert position is not None
    assert position.screen is Screen.READING
    first, end = session.layout.sections[1].page_text_range(position.page)
    assert first <= words_at_top < end
    session.resume()
    assert session.position == position


# How long it takes to read


def test_reading_time_is_whole_minutes_never_zero_and_rounder_when_long():
    assert reading_minutes(0, 60) == 1
    assert reading_minutes(20, 60) == 1
    assert reading_minutes(89, 60) == 1
    assert reading_minutes(90, 60) == 2
    assert reading_minutes(480, 60) == 8
    assert reading_minutes(600, 60) == 10
    assert reading_minutes(720, 60) == 10  # 12 minutes: about 10
    assert reading_minutes(780, 60) == 15  # 13 minutes: about 15
    assert reading_minutes(480, 120) == 4


def test_the_words_counted_are_the_sections_not_the_review_details():
    article = parse_article(
        b"---\ntitle: T\nsources: A very long list of sources that nobody reads aloud\n---\n\n"
        b"One two three.\n\n## Four five\n\nSix, seven - eight.\n",
        Path("count.md"),
    )
    # Introduction / One two three / Four five / Six seven eight ("-" is no word)
    assert article_words(article) == 9


def test_the_session_says_how_long_its_article_takes(qapp, article):
    slow = KioskSession(
        article, Settings(reading_speed_wpm=60), ManualClock(), read_aloud=QuietReadAloud()
    )  # type: ignore[arg-type]
    fast = KioskSession(
        article, Settings(reading_speed_wpm=300), ManualClock(), read_aloud=QuietReadAloud()
    )  # type: ignore[arg-type]
    assert slow.reading_minutes == reading_minutes(article_words(article), 60)
    assert 4 <= slow.reading_minutes <= 7
    assert fast.reading_minutes == 1


def test_reading_time_words():
    assert words.reading_time(8) == "About 8 minutes to read"
    assert words.reading_time(1) == "About 1 minute to read"


def test_the_start_screen_says_how_long_the_article_takes(make_window, article):
    window = make_window(FIVE_SIZES["1920x1080"], settings=PIXELS)
    label = window.start_screen.reading_time_label
    assert label.isVisible()
    assert label.text() == words.reading_time(window.session.reading_minutes)
