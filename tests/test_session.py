"""The patient's session on its own: no window, no widget, a clock moved by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtWidgets import QWidget

from kiosk import navigation
from kiosk.article import parse_article
from kiosk.config import Settings
from kiosk.navigation import START, Position, Screen
from kiosk.session import RESUME_OFFER_S, KioskSession, count_words
from kiosk.speech import Speed, Volume
from kiosk.theme import TextSize

from .helpers import ManualClock, reading

SETTINGS = Settings(animations=False)


class FakeReadAloud(QObject):
    """Stands in for the speech engine: records what it was asked to say, and the engine's
    rate and volume it was given."""

    sentence_started = Signal(int, int)
    stopped = Signal()
    availability_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.spoken: list[str] = []
        self.stop_calls = 0
        self.language = ""
        self.speaking = False
        self.rate = 0.0
        self.volume = 0.8

    def set_rate(self, rate: float) -> None:
        self.rate = rate

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def speak(self, text: str) -> None:
        self.spoken.append(text)
        self.speaking = True

    def stop(self) -> None:
        self.stop_calls += 1
        if self.speaking:
            self.speaking = False
            self.stopped.emit()

    def set_language(self, language: str) -> None:
        self.language = language


def titled(title: str, tmp_path: Path, language: str = "en"):
    text = (
        f"---\ntitle: {title}\nlanguage: {language}\n---\n\nOpening words.\n\n"
        "## First part\n\n" + "A sentence of the first part. " * 80 + "\n\n"
        "## Second part\n\nThe end. Dr. Smith says so.\n"
    )
    return parse_article(text.encode(), tmp_path / f"{title}.md")


@pytest.fixture
def clock():
    return ManualClock()


def wake_ups(clock: ManualClock) -> list[object]:
    """The wake-ups asked of the clock and not taken back."""
    return [alarm for alarm in clock._alarms if not alarm.cancelled]


@pytest.fixture
def speech():
    return FakeReadAloud()


@pytest.fixture
def session(qapp, tmp_path, clock, speech):
    session = KioskSession(titled("First", tmp_path), SETTINGS, clock, read_aloud=speech)
    session.set_screen_size(QSize(1280, 800))
    return session


def test_the_session_owns_no_widget(session):
    assert not session.findChildren(QWidget)


def test_a_new_article_waits_while_someone_reads_and_shows_on_the_start_screen(session, tmp_path):
    changes = []
    session.article_changed.connect(lambda: changes.append(session.article.title))
    session.request(navigation.START_READING)
    session.set_article(titled("Second", tmp_path))
    assert session.article.title == "First"
    assert session.waiting_article.title == "Second"
    assert changes == []
    session.request(navigation.HOME)
    assert session.article.title == "Second"
    assert session.waiting_article is None
    assert changes == ["Second"]
    assert session.position == START


def test_a_new_article_shows_at_once_on_the_start_screen_or_for_staff(session, tmp_path):
    session.set_article(titled("Second", tmp_path))
    assert session.article.title == "Second"
    session.request(navigation.START_READING)
    session.set_staff_present(True)
    session.set_article(titled("Third", tmp_path))
    assert session.article.title == "Third"


def test_the_next_patient_starts_afresh(session, speech):
    session.request(navigation.jump_to(1))
    session.larger_text()
    session.toggle_contrast()
    session.toggle_read_aloud()
    assert speech.speaking
    session.reset_for_next_patient()
    assert session.position == START
    assert session.theme.text_size is TextSize.STANDARD
    assert not session.theme.high_contrast
    assert not speech.speaking


def test_a_larger_text_keeps_the_words_that_were_at_the_top(session):
    session.request(navigation.jump_to(1))
    session.request(navigation.NEXT)
    session.request(navigation.NEXT)
    for _ in TextSize:
        top_words = session.layout.sections[1].page_text_range(session.position.page)[0]
        session.larger_text()
        section = session.layout.sections[1]
        first, end = section.page_text_range(session.position.page)
        assert first <= top_words < end


def test_idle_runs_everywhere_but_the_start_screen_and_hands_back_to_it(session, clock):
    clock.advance(10_000)
    assert not session.idle.warning
    session.request(navigation.START_READING)
    session.toggle_contrast()
    clock.advance(SETTINGS.idle_timeout)
    assert session.idle.warning
    clock.advance(SETTINGS.idle_warning)
    assert session.position == START
    assert not session.theme.high_contrast


def test_nothing_times_out_while_staff_have_the_screen(session, clock):
    session.request(navigation.START_READING)
    session.set_staff_present(True)
    clock.advance(10_000)
    assert not session.idle.warning
    assert session.position == reading(0, 0)


def test_reading_aloud_starts_with_the_heading_and_marks_the_page_text(session, speech):
    session.request(navigation.jump_to(2))
    marks = []
    session.highlight_changed.connect(marks.append)
    session.toggle_read_aloud()
    assert speech.spoken == ["Second part\nThe end. Dr. Smith says so."]
    heading = len("Second part\n")
    speech.sentence_started.emit(0, heading - 1)  # the heading itself: nothing to mark
    speech.sentence_started.emit(heading, heading + len("The end."))
    assert marks == [None, (0, len("The end."))]


def test_speech_is_told_to_stop_only_when_it_speaks(session, speech):
    session.request(navigation.START_READING)
    for _ in range(5):
        session.request(navigation.NEXT)
    assert speech.stop_calls == 0
    session.toggle_read_aloud()
    session.request(navigation.NEXT)
    assert not speech.speaking


def test_the_voice_follows_the_article(session, speech, tmp_path):
    session.set_article(titled("Segundo", tmp_path, language="es"))
    assert speech.language == "es"


def test_no_article_means_the_updating_page_and_no_reading(qapp, clock, speech):
    session = KioskSession(None, SETTINGS, clock, read_aloud=speech)
    assert session.showing_updating
    session.request(navigation.START_READING)
    assert session.position == START
    assert not session.idle.armed


def test_a_position_past_the_pages_is_brought_back(session):
    session.go_to(Position(Screen.READING, 99, 99))
    assert navigation.is_valid(session.position, session.page_counts)


def test_while_the_first_article_is_read_the_screen_says_nothing_yet(qapp, clock, speech):
    # No flash of "This screen is being updated" in the moment before the article arrives.
    session = KioskSession(None, SETTINGS, clock, read_aloud=speech, first_reading=True)
    assert session.showing_updating
    assert session.first_reading
    session.first_reading_failed()
    assert not session.first_reading, "a missing article must say 'being updated'"


def test_the_first_article_ends_the_first_reading(qapp, clock, speech, tmp_path):
    session = KioskSession(None, SETTINGS, clock, read_aloud=speech, first_reading=True)
    session.set_article(titled("First", tmp_path))
    assert not session.first_reading
    assert not session.showing_updating


# Time that fits the reader


def test_a_page_gets_the_time_its_words_take_at_the_reading_speed(qapp, tmp_path, clock, speech):
    settings = Settings(animations=False, reading_speed_wpm=30)  # two seconds a word
    session = KioskSession(titled("Long", tmp_path), settings, clock, read_aloud=speech)
    session.set_screen_size(QSize(1280, 800))
    session.request(navigation.jump_to(1))
    section = session.layout.sections[1]
    start, end = section.page_text_range(0)
    words = len(f"First part {section.body.toPlainText()[start:end]}".split())
    quiet = words * 2
    assert quiet > settings.idle_timeout, "the test needs a page of more than 45 words"
    assert session.quiet_spell() == pytest.approx(quiet)
    clock.advance(quiet - 1)
    assert not session.idle.warning
    clock.advance(1)
    assert session.idle.warning


def test_a_page_of_few_words_gets_idle_timeout(qapp, tmp_path, clock, speech):
    settings = Settings(animations=False, reading_speed_wpm=30)
    session = KioskSession(titled("Short", tmp_path), settings, clock, read_aloud=speech)
    session.request(navigation.jump_to(2))  # "Second part / The end. Dr. Smith says so."
    assert session.quiet_spell() == settings.idle_timeout
    clock.advance(settings.idle_timeout - 1)
    assert not session.idle.warning
    clock.advance(1)
    assert session.idle.warning


def test_words_are_counted_in_every_script():
    assert count_words("The end. Dr. Smith says so.") == 6
    assert count_words("Pain \u2014 and what helps: 3 things!") == 6  # a dash is no word
    assert count_words("\u6211\u4eec\u662f\u670b\u53cb\u3002") == 5  # no spaces: a word a character
    assert count_words("") == 0


def test_no_countdown_while_read_aloud_speaks(session, clock, speech):
    session.request(navigation.jump_to(2))
    session.toggle_read_aloud()
    assert speech.speaking
    clock.advance(10 * SETTINGS.idle_timeout)
    assert not session.idle.warning, "the countdown started while the page was read aloud"
    assert session.position == reading(2, 0)
    # The voice reaches the end of the page: the quiet spell starts from there.
    speech.speaking = False
    speech.stopped.emit()
    clock.advance(SETTINGS.idle_timeout - 1)
    assert not session.idle.warning
    clock.advance(1)
    assert session.idle.warning


def test_the_start_screen_undoes_a_patients_choices_after_a_quiet_spell(session, clock):
    warnings = []
    session.idle.warning_started.connect(warnings.append)
    session.request(navigation.START_READING)
    session.larger_text()
    session.larger_text()
    session.toggle_contrast()
    session.request(navigation.HOME)
    assert session.position == START
    clock.advance(SETTINGS.idle_timeout - 1)
    assert session.theme.text_size is TextSize.LARGER
    assert session.theme.high_contrast
    clock.advance(1)
    assert session.theme.text_size is TextSize.STANDARD
    assert not session.theme.high_contrast
    assert session.choices_are_fresh
    assert session.position == START
    assert warnings == [], "the start screen showed 'Still reading?'"
    # Reset, nothing waits to run: the screen may stay untouched all night.
    assert not session.idle.armed
    assert wake_ups(clock) == []


def test_a_fresh_start_screen_waits_for_nothing(session, clock):
    assert wake_ups(clock) == []
    session.request(navigation.START_READING)
    assert wake_ups(clock)
    session.request(navigation.HOME)
    assert not session.idle.armed
    clock.advance(RESUME_OFFER_S)  # "Carry on reading" is offered this long, then nothing
    assert wake_ups(clock) == []


# Read aloud's volume and speed


def test_volume_goes_a_step_at_a_time_and_stops_at_the_ends(session, speech):
    changes = []
    session.speech_choices_changed.connect(lambda: changes.append(session.speech_volume))
    assert session.speech_volume is Volume.NORMAL
    assert speech.volume == 0.8  # the configured speech_volume, 80 %
    assert session.can_go_louder
    assert session.can_go_quieter
    session.quieter()
    assert (session.speech_volume, speech.volume) == (Volume.QUIET, 0.4)
    assert not session.can_go_quieter
    session.quieter()  # at the quietest: nothing, and never round to Loud
    assert (session.speech_volume, speech.volume) == (Volume.QUIET, 0.4)
    session.louder()
    session.louder()
    assert (session.speech_volume, speech.volume) == (Volume.LOUD, 1.0)
    assert not session.can_go_louder
    assert session.can_go_quieter
    session.louder()
    assert (session.speech_volume, speech.volume) == (Volume.LOUD, 1.0)
    assert changes == [Volume.QUIET, Volume.NORMAL, Volume.LOUD]
    assert session.speech_speed is Speed.NORMAL
    assert speech.rate == 0.0


def test_speed_goes_a_step_at_a_time_and_stops_at_the_ends(session, speech):
    changes = []
    session.speech_choices_changed.connect(lambda: changes.append(session.speech_speed))
    assert (session.speech_speed, speech.rate) == (Speed.NORMAL, 0.0)
    session.faster()
    session.faster()
    assert (session.speech_speed, speech.rate) == (Speed.FASTER, 0.3)
    assert not session.can_go_faster
    session.slower()
    session.slower()
    session.slower()
    assert (session.speech_speed, speech.rate) == (Speed.SLOWER, -0.3)
    assert not session.can_go_slower
    assert session.can_go_faster
    assert changes == [Speed.FASTER, Speed.NORMAL, Speed.SLOWER]
    assert session.speech_volume is Volume.NORMAL
    assert speech.volume == 0.8


def test_the_steps_are_around_the_configured_volume_and_speed(qapp, qtbot, tmp_path, clock, speech):
    settings = Settings(animations=False, speech_volume=100, speech_rate=-5)
    session = KioskSession(titled("Loud", tmp_path), settings, clock, read_aloud=speech)
    assert (speech.volume, speech.rate) == (1.0, -0.5)
    # Full volume is as loud as the engine goes: no Louder that would sound like Normal.
    assert not session.can_go_louder
    with qtbot.assertNotEmitted(session.speech_choices_changed):
        session.louder()
    assert session.speech_volume is Volume.NORMAL
    session.quieter()
    session.slower()
    assert (speech.volume, speech.rate) == (0.5, -0.8)
    session.faster()
    session.faster()
    assert speech.rate == pytest.approx(-0.2)


def test_the_next_patient_gets_the_configured_volume_and_speed(session, speech):
    session.request(navigation.START_READING)
    session.louder()
    session.slower()
    changes = []
    session.speech_choices_changed.connect(lambda: changes.append(True))
    session.reset_for_next_patient()
    assert (session.speech_volume, session.speech_speed) == (Volume.NORMAL, Speed.NORMAL)
    assert (speech.volume, speech.rate) == (0.8, 0.0)
    assert changes == [True]
    assert session.choices_are_fresh


def test_the_start_screen_undoes_volume_and_speed_after_a_quiet_spell(session, clock, speech):
    warnings = []
    session.idle.warning_started.connect(warnings.append)
    session.request(navigation.START_READING)
    session.quieter()
    session.faster()
    session.request(navigation.HOME)
    assert not session.choices_are_fresh
    clock.advance(SETTINGS.idle_timeout - 1)
    assert session.speech_volume is Volume.QUIET
    clock.advance(1)
    assert (session.speech_volume, session.speech_speed) == (Volume.NORMAL, Speed.NORMAL)
    assert (speech.volume, speech.rate) == (0.8, 0.0)
    assert warnings == []
    assert wake_ups(clock) == []


def test_a_change_of_volume_or_speed_goes_on_reading(session, speech):
    session.request(navigation.jump_to(1))
    session.toggle_read_aloud()
    session.louder()
    session.slower()
    assert speech.speaking
    assert speech.spoken == [speech.spoken[0]]  # not started again from the top
    assert (speech.volume, speech.rate) == (1.0, -0.3)


# Leaving the page stops the voice

LEAVING = {
    "Next": lambda session: session.request(navigation.NEXT),
    "Back": lambda session: session.request(navigation.BACK),
    "Home": lambda session: session.request(navigation.HOME),
    "another part": lambda session: session.go_to(reading(2)),
    "a larger text that keeps the page number": lambda session: session.larger_text(),
    "the next patient (the idle return)": lambda session: session.idle.expired.emit(),
    "the staff corner": lambda session: session.set_staff_present(True),
    "the 'being updated' page": lambda session: session.show_updating("staff asked for it"),
}


@pytest.mark.parametrize("leave", LEAVING.values(), ids=LEAVING.keys())
def test_leaving_the_page_stops_the_voice_and_its_mark(session, speech, leave):
    session.request(navigation.jump_to(1))
    session.request(navigation.NEXT)
    session.toggle_read_aloud()
    assert speech.speaking
    marks = []
    speaking = []
    session.highlight_changed.connect(marks.append)
    session.speaking_changed.connect(speaking.append)
    leave(session)
    assert not speech.speaking
    assert marks == [None]
    assert speaking == [False]


def test_a_larger_text_stops_the_voice_even_on_the_same_page_number(session, speech):
    # The page keeps its number, but its words end earlier: the voice would read on past them.
    session.request(navigation.jump_to(1))
    before = session.layout.sections[1].page_text_range(0)
    session.toggle_read_aloud()
    session.larger_text()
    session.larger_text()  # 150 %: at 125 % this page ends at the same sentence
    assert session.position == reading(1, 0)
    assert session.layout.sections[1].page_text_range(0) != before
    assert not speech.speaking


def test_the_last_page_to_the_end_screen_stops_the_voice(session, speech):
    last = len(session.page_counts) - 1
    session.go_to(reading(last, session.page_counts[last] - 1))
    session.toggle_read_aloud()
    assert speech.speaking
    session.request(navigation.NEXT)
    assert session.position.screen is Screen.END
    assert not speech.speaking


def test_high_contrast_goes_on_reading(session, speech):
    # Only the colours change: every word stays where it was, and so does the voice.
    session.request(navigation.jump_to(1))
    session.toggle_read_aloud()
    session.toggle_contrast()
    assert speech.speaking
    assert speech.stop_calls == 0
    session.toggle_contrast()
    assert speech.speaking


def test_a_new_article_waits_and_the_voice_reads_on(session, speech, tmp_path):
    session.request(navigation.jump_to(1))
    session.toggle_read_aloud()
    session.set_article(titled("Second", tmp_path))
    assert speech.speaking, "the patient is still on the page"
    session.request(navigation.HOME)
    assert not speech.speaking
    assert session.article.title == "Second"
