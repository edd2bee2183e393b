"""The patient's session: what is shown, where the patient is, what they chose, and the rules.

KioskSession is the one model of the kiosk. It holds the article on screen and the one waiting
to replace it, the patient's choices (text size, contrast, Read aloud's volume and speed), the
screen size, the pages measured for all of these, and the position. Its rules live here and
nowhere else:

- a new article replaces the shown one at once when nobody is reading, else it waits until the
  start screen returns;
- a change of text size or screen keeps the reader on the words they were reading;
- text grows a step at a time up to the largest size whose pages still hold three lines on
  this screen (Theme.largest_text_size), and a screen too small for the size chosen brings
  it down to that;
- for RESUME_OFFER_S after Home on a reading page, the start screen offers to carry on at
  that page (the same words, even after a change of text size); any other move, the next
  patient, staff and new content take the offer back;
- the next patient starts afresh: start screen, Standard text, normal contrast, silence, and
  Read aloud at the configured volume and speed;
- reading aloud starts at the top of the page (with the heading on a section's first page),
  marks the sentence being read, and stops as soon as the patient leaves the page (another
  page, Home, the next patient, staff, the "being updated" page) or its words move (a larger
  text; high contrast moves none);
- Read aloud's volume and speed go a step at a time, within a few steps around the configured
  ones and never round from the last to the first; a change reaches the voice at once, or
  from the next sentence where the engine cannot change in mid-sentence;
- a reading or end screen hands back to the start screen after a quiet spell and a "Still
  reading?" warning; on a reading page the quiet spell lasts at least as long as its words take
  at `reading_speed_wpm`, and it does not run while Read aloud speaks;
- the start screen undoes a patient's choices after a quiet spell, without a warning; once
  they are undone nothing waits to run there.

Screens render the session and send it intents; the controller and the staff screen read the
session. It owns no widget, so it is tested without one.
"""

from __future__ import annotations

import dataclasses
import logging
import re

from PySide6.QtCore import QObject, QSize, Signal, Slot

from kiosk import navigation, speech
from kiosk.article import Article
from kiosk.clock import Alarm, Clock
from kiosk.config import Settings
from kiosk.idle import IdleWatcher
from kiosk.library import DEFAULT_LANGUAGE, Library
from kiosk.navigation import Action, Intent, Position, Screen
from kiosk.speech import ReadAloud, Speed, Volume
from kiosk.text_layout import ArticleLayout
from kiosk.theme import TextSize, Theme

log = logging.getLogger(__name__)

# Pages are measured for this size until the window says how large it really is.
REFERENCE_SIZE = QSize(1920, 1080)
# How long the start screen offers "Carry on reading" after Home: long enough to see it and
# reach for it after an accidental Home, short enough that the next patient never gets it.
RESUME_OFFER_S = 10.0

# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, Han): each
# character counts as a word. That errs towards more time, never less: a reader of Chinese
# reads about as many characters a minute as a reader of English reads words.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


def count_words(text: str) -> int:
    """The words in `text` that a reader reads: runs of letters or digits between spaces
    (punctuation alone is no word), and each character of a script written without spaces."""
    unspaced = len(_UNSPACED.findall(text))
    spaced = _UNSPACED.sub(" ", text).split()
    return unspaced + sum(1 for word in spaced if any(c.isalnum() for c in word))


def article_words(article: Article) -> int:
    """The words a patient reads in `article`: its sections' titles and text (not the review
    details of "About this information", which few read through)."""
    return sum(count_words(f"{section.title}\n{section.text}") for section in article.sections)


def reading_minutes(word_count: int, words_a_minute: int) -> int:
    """About how many minutes `word_count` words take at `words_a_minute`, as the start
    screen says it: whole minutes and at least 1 (never "0 minutes"); beyond 10, to the
    nearest 5, as no one reads a long article to the minute."""
    minutes = word_count / max(words_a_minute, 1)
    if minutes <= 10:
        return max(1, int(minutes + 0.5))
    return 5 * int(minutes / 5 + 0.5)


class KioskSession(QObject):
    """One patient's visit, and the rules that carry it from one patient to the next."""

    article_changed = Signal()  # another article is shown (or none: the "being updated" page)
    layout_changed = Signal()  # pages were measured afresh: size, text size or contrast changed
    position_changed = Signal(object, int)  # (Position, +1 forwards / -1 backwards / 0 a jump)
    choices_changed = Signal()  # the patient's text size or contrast changed
    speech_choices_changed = Signal()  # the patient's Read aloud volume or speed changed
    speaking_changed = Signal(bool)  # Read aloud started or stopped
    highlight_changed = Signal(object)  # (start, end) of the body text being read, or None
    resume_changed = Signal()  # the offer to carry on where the patient was came or went
    library_changed = Signal()  # the leaflets offered changed (the menu shows them)
    language_changed = Signal(str)  # the patient chose another language (a tag: "es")

    def __init__(
        self,
        article: Article | None,
        settings: Settings,
        clock: Clock,
        *,
        read_aloud: ReadAloud | None = None,
        first_reading: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """`first_reading`: the article is being read elsewhere and will be handed over (or
        reported missing) in a moment; until then the screen shows nothing but calm colour."""
        super().__init__(parent)
        self._article = article
        self._first_reading = first_reading and article is None
        self._waiting: Article | None = None
        # Every leaflet offered (None until the whole content has been read), and a newer
        # library that waits, like a new article, until nobody is reading.
        self._library: Library | None = None
        self._waiting_library: Library | None = None
        self._language = DEFAULT_LANGUAGE
        self._updating_reason = ""
        self._staff_present = False
        self._position = navigation.START
        self._theme = Theme.for_size(REFERENCE_SIZE)
        self._layout = ArticleLayout(article, self._theme) if article else None
        self._speech_start = 0
        self._speech_heading = 0
        self._speech_volume = Volume.NORMAL
        self._speech_speed = Speed.NORMAL
        # The start screen shows something other than its front (the list of parts): a
        # quiet spell brings the front back for the next patient.
        self._start_screen_away = False
        self._settings = settings
        self._clock = clock
        # Where Home was pressed, as (section, where its page starts in the section's text),
        # while the start screen offers to carry on there; and the wake-up that ends the offer.
        self._resume: tuple[int, int] | None = None
        self._resume_alarm: Alarm | None = None
        self.idle = IdleWatcher(settings.idle_warning, clock, self)
        self.idle.expired.connect(self.reset_for_next_patient)
        self.read_aloud = read_aloud or ReadAloud(
            settings.speech_engine, settings.speech_rate, settings.speech_volume, self
        )
        self.read_aloud.sentence_started.connect(self._on_sentence)
        self.read_aloud.stopped.connect(self._on_speech_stopped)
        self._apply_speech_choices()
        if article:
            self.read_aloud.set_language(article.language)

    # What is shown

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def waiting_article(self) -> Article | None:
        """A new article that waits for the reader to go back to the start screen (in a
        waiting library, the new version of the leaflet shown, else its first leaflet)."""
        library = self._waiting_library
        if library is None or self._waiting is not None:
            return self._waiting
        leaflet = library.leaflet_of(self._article) if self._article else None
        waiting = (leaflet or library.leaflets[0]).version(self._language)
        return None if self._article and _same_article(waiting, self._article) else waiting

    @property
    def layout(self) -> ArticleLayout | None:
        return self._layout

    @property
    def library(self) -> Library | None:
        return self._library

    @property
    def language(self) -> str:
        """The language the patient reads in: the interface's words and the leaflets'."""
        return self._language

    @property
    def has_menu(self) -> bool:
        """More than one leaflet: the front screen is the menu of leaflets."""
        return self._library is not None and len(self._library.leaflets) > 1

    @property
    def article_languages(self) -> list[str]:
        """The languages the article shown is written in (its leaflet's): what its start
        screen offers. The menu offers every language of the library."""
        if self._library is None or self._article is None:
            return []
        leaflet = self._library.leaflet_of(self._article)
        return leaflet.languages if leaflet is not None else []

    @property
    def front(self) -> Position:
        """Where a patient begins: the menu, or with one leaflet its start screen."""
        return navigation.MENU if self.has_menu else navigation.START

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def position(self) -> Position:
        return self._position

    @property
    def page_counts(self) -> tuple[int, ...]:
        return self._layout.page_counts if self._layout else ()

    @property
    def reading_minutes(self) -> int:
        """About how long the article shown takes to read at reading_speed_wpm (0: none)."""
        if self._article is None:
            return 0
        return reading_minutes(article_words(self._article), self._settings.reading_speed_wpm)

    @property
    def updating_reason(self) -> str:
        return self._updating_reason

    @property
    def first_reading(self) -> bool:
        """The first article is still being read: a plain screen, not yet "being updated"."""
        return self._first_reading

    def first_reading_failed(self) -> None:
        """The first reading found nothing to show: say "This screen is being updated"."""
        if self._first_reading:
            self._first_reading = False
            self.article_changed.emit()
            self._move_to(navigation.START, 0)

    @property
    def showing_updating(self) -> bool:
        """Patients see "This screen is being updated": no article, or staff asked for it."""
        return self._article is None or bool(self._updating_reason)

    @property
    def staff_present(self) -> bool:
        return self._staff_present

    # Content

    def set_article(self, article: Article) -> None:
        """Show a new article: now if nobody is reading, else when the start screen returns."""
        if self._article is None or self._staff_present or self._position.screen is Screen.START:
            self._install(article)
        else:
            self._waiting = article
            log.info("New content waits until the start screen shows")

    def _install(self, article: Article, position: Position | None = navigation.START) -> None:
        """Show `article`, then `position` (its start screen by default; None: the caller
        moves)."""
        self._first_reading = False
        self._forget_resume()
        self._waiting = None
        self._article = article
        self._stop_speaking()
        self.read_aloud.set_language(article.language)
        self._layout = ArticleLayout(article, self._theme)
        log.info("Showing '%s' (%s pages a section)", article.title, list(self.page_counts))
        self.article_changed.emit()
        self.layout_changed.emit()
        if position is not None:
            self._move_to(position, 0)

    def set_library(self, library: Library) -> None:
        """Offer a new library: now if nobody is reading, else when the front screen returns.
        The article shown stays (and its reader's place) when the library still has it."""
        shown = self._article
        leaflet = library.leaflet_of(shown) if shown is not None else None
        unchanged = (
            shown is not None
            and leaflet is not None
            and self._waiting is None
            and _same_article(leaflet.version(self._language), shown)
        )
        if (
            unchanged
            or shown is None
            or self._staff_present
            or self._position.screen in (Screen.MENU, Screen.START)
        ):
            self._install_library(library)
        else:
            self._waiting_library = library
            log.info("New content waits until the start screen shows")

    def _install_library(self, library: Library) -> None:
        self._waiting_library = None
        previous = self._language
        if self._language not in library.languages:
            # Content in no language the interface is in (a clinic's Spanish leaflets): the
            # interface takes the content's language, as a patient's choice would.
            self._language = library.languages[0] if library.languages else DEFAULT_LANGUAGE
        shown = self._article
        leaflet = library.leaflet_of(shown) if shown is not None else None
        if leaflet is None:
            leaflet = library.leaflets[0]
        article = leaflet.version(self._language)
        first = self._library is None
        self._library = library
        language_changed = self._language != previous
        if language_changed:
            log.info("The content is in %s: the interface is too", self._language)
            self.language_changed.emit(self._language)
        self.library_changed.emit()
        # With the language, the kiosk's own part titles change: the article is laid out again.
        if (
            shown is not None
            and _same_article(shown, article)
            and self._waiting is None
            and not language_changed
        ):
            # The same bytes: the first frame's article, or a reader's, carries on undisturbed;
            # the menu takes over the front once there is one.
            self._article = article
            screen = self._position.screen
            busy = screen in (Screen.READING, Screen.END) or (screen is Screen.START and not first)
            self._move_to(self._position if busy else self.front, 0)
            return
        self._install(article, self.front)

    def choose_leaflet(self, index: int) -> None:
        """A tile on the menu: that leaflet's start screen, in the patient's language."""
        if self._library is None or not 0 <= index < len(self._library.leaflets):
            return
        article = self._library.leaflets[index].version(self._language)
        if self._article is not None and _same_article(self._article, article):
            self._move_to(navigation.START, 0)
            return
        self._install(article, navigation.START)

    def choose_language(self, language: str) -> None:
        """The patient chose a language: every interface word and the article follow it,
        and a reader stays in the same part when the translation has the same parts."""
        if language == self._language:
            return
        self._language = language
        log.info("Language chosen: %s", language)
        self.language_changed.emit(language)
        self.library_changed.emit()
        article = self._article
        leaflet = self._library.leaflet_of(article) if self._library and article else None
        if leaflet is None or article is None:
            return
        translation = leaflet.version(language)
        if _same_article(translation, article):
            return
        left = self._position
        pages_in_part = self.page_counts[left.section] if left.screen is Screen.READING else 0
        if left.screen is not Screen.READING:
            self._install(translation, left)
        elif len(article.slides) != len(translation.slides):
            # Parts that do not match cannot keep the place: the translation's start screen.
            self._install(translation, navigation.START)
        else:
            # The same part, at the same share of it: pages differ in length between languages.
            self._install(translation, None)
            pages_now = self.page_counts[left.section]
            page = min(left.page * pages_now // max(pages_in_part, 1), pages_now - 1)
            self._move_to(Position(Screen.READING, left.section, page), 0)

    def show_updating(self, reason: str) -> None:
        """The calm "being updated" page for patients, whatever else is loaded."""
        self._first_reading = False
        self._forget_resume()
        self._updating_reason = reason
        log.warning("Showing the 'being updated' page: %s", reason)
        self.article_changed.emit()
        self._move_to(navigation.START, 0)

    def clear_updating(self) -> None:
        if self._updating_reason:
            self._updating_reason = ""
            self.article_changed.emit()
            self._move_to(navigation.START, 0)

    def set_staff_present(self, present: bool) -> None:
        """Staff have the screen (PIN pad or staff screen): nobody reads, nothing times out."""
        self._staff_present = present
        if present:
            self._stop_speaking()
            self._forget_resume()
        self._arm_idle()

    # Navigation

    def request(self, intent: Intent) -> None:
        """Do what a patient asked for."""
        old = self._position
        article = self._article
        if old.screen is Screen.MENU:
            return  # the menu pages itself, and its tiles choose a leaflet
        new = navigation.transition(old, intent, self.page_counts)
        if self.has_menu and (
            intent.action is Action.HOME
            or (old.screen is Screen.START and intent.action is Action.BACK)
        ):
            new = navigation.MENU
        direction = 0
        if old.screen is Screen.READING and new.screen is Screen.READING:
            if intent.action is Action.NEXT:
                direction = 1
            elif intent.action is Action.BACK:
                direction = -1
        self._move_to(new, direction)
        if (
            intent.action is Action.HOME
            and old.screen is Screen.READING
            and self._position.screen in (Screen.START, Screen.MENU)
            and self._article is article  # not if Home let waiting content in
        ):
            self._offer_resume(old)

    def go_to(self, position: Position) -> None:
        """Show a position directly (the preview renders every page this way)."""
        self._move_to(position, 0)

    def _move_to(self, position: Position, direction: int) -> None:
        front = position.screen in (Screen.MENU, Screen.START)
        if front and self._waiting_library is not None:
            self._install_library(self._waiting_library)  # shows the front screen itself
            return
        if position.screen is Screen.START and self._waiting is not None:
            self._install(self._waiting)  # shows the start screen itself
            return
        if position.screen is Screen.MENU and not self.has_menu:
            position = navigation.START
        if self.showing_updating:
            position = navigation.START
        position = navigation.clamp(position, self.page_counts)
        if position != self._position:
            self._stop_speaking()
            # From the menu to the leaflet left with Home: the offer to carry on still stands.
            if not (self._position.screen is Screen.MENU and position.screen is Screen.START):
                self._forget_resume()
        self._position = position
        self._arm_idle()
        self.position_changed.emit(position, direction)

    def _arm_idle(self) -> None:
        """What a quiet spell does on the screen shown now, and how long it lasts."""
        idle = self.idle
        idle.hold(self.read_aloud.speaking)
        if self._staff_present or self.showing_updating:
            idle.disarm()
        elif self._position.screen not in (Screen.START, Screen.MENU):
            idle.arm(self.quiet_spell(), warn=True)
        elif self.choices_are_fresh and not self._start_screen_away:
            # Nothing to undo: nothing waits to run, however long the screen stays untouched.
            idle.disarm()
        else:
            # The next patient must not inherit Extra large text; there is nothing to keep
            # reading here, so no warning either.
            idle.arm(self._settings.idle_timeout, warn=False)

    def quiet_spell(self) -> float:
        """Seconds without a touch before "Still reading?" on the screen shown: idle_timeout,
        or on a reading page as long as its words take at reading_speed_wpm, if longer."""
        shortest = float(self._settings.idle_timeout)
        if self._position.screen is not Screen.READING or self._layout is None:
            return shortest
        heading, _, body = self._page_text(self._position)
        words = count_words(heading + body)
        return max(shortest, words * 60.0 / max(self._settings.reading_speed_wpm, 1))

    @property
    def choices_are_fresh(self) -> bool:
        """Nothing a patient chose is in force: Standard text, normal contrast, silence, and
        Read aloud's normal volume and speed."""
        return (
            self._theme == self._fresh_theme()
            and not self.read_aloud.speaking
            and self._speech_volume is Volume.NORMAL
            and self._speech_speed is Speed.NORMAL
            and self._language == self.front_language
        )

    @property
    def front_language(self) -> str:
        """The language the next patient is greeted in: the library's first."""
        languages = self._library.languages if self._library is not None else []
        return languages[0] if languages else self._language

    def _fresh_theme(self) -> Theme:
        return dataclasses.replace(self._theme, text_size=TextSize.STANDARD, high_contrast=False)

    @Slot()
    def set_start_screen_away(self, away: bool) -> None:
        """The start screen shows its list of parts (True) or its front again (False)."""
        self._start_screen_away = away
        self._arm_idle()

    def reset_for_next_patient(self) -> None:
        """Back to the start screen with everything a patient changed undone."""
        self._stop_speaking()
        self._forget_resume()
        if self._theme != self._fresh_theme():
            self._set_theme(self._fresh_theme())
            self.choices_changed.emit()
        if (self._speech_volume, self._speech_speed) != (Volume.NORMAL, Speed.NORMAL):
            self._speech_volume = Volume.NORMAL
            self._speech_speed = Speed.NORMAL
            self._apply_speech_choices()
            self.speech_choices_changed.emit()
        if self._language != self.front_language:
            self.choose_language(self.front_language)
        self._move_to(self.front, 0)

    # Carrying on where the patient was

    @property
    def resume_position(self) -> Position | None:
        """The page "Carry on reading" goes back to, while the start screen offers it: the
        page that now holds the words that were at the top when Home was pressed."""
        if self._resume is None or self._layout is None:
            return None
        section, start = self._resume
        page = self._layout.sections[section].page_at(start)
        return Position(Screen.READING, section, page)

    @Slot()
    def resume(self) -> None:
        """Back to the page the patient left with Home; nothing once the offer has gone."""
        position = self.resume_position
        if position is not None:
            self._move_to(position, 0)

    def _offer_resume(self, left: Position) -> None:
        if self._layout is None or not navigation.is_valid(left, self.page_counts):
            return
        start, _ = self._layout.sections[left.section].page_text_range(left.page)
        self._forget_resume()
        self._resume = (left.section, start)
        self._resume_alarm = self._clock.call_later(RESUME_OFFER_S, self._forget_resume)
        self.resume_changed.emit()

    def _forget_resume(self) -> None:
        if self._resume_alarm is not None:
            self._resume_alarm.cancel()
            self._resume_alarm = None
        if self._resume is not None:
            self._resume = None
            self.resume_changed.emit()

    # The patient's choices and the screen

    @Slot()
    def larger_text(self) -> None:
        """One text size step larger; nothing at the largest (200 %, or less where the panel
        would show fewer than three lines a page: Theme.largest_text_size)."""
        self._choose_text_size(self._theme.larger_text_size)

    @Slot()
    def smaller_text(self) -> None:
        """One text size step smaller; nothing at Standard."""
        self._choose_text_size(self._theme.text_size.smaller())

    def _choose_text_size(self, size: TextSize | None) -> None:
        if size is not None:
            self._set_theme(dataclasses.replace(self._theme, text_size=size))
            self.choices_changed.emit()

    def toggle_contrast(self) -> None:
        self._set_theme(
            dataclasses.replace(self._theme, high_contrast=not self._theme.high_contrast)
        )
        self.choices_changed.emit()

    def set_screen_size(self, size: QSize, pixels_per_mm: float | None = None) -> None:
        """Lay out for a window of `size` on a panel of `pixels_per_mm` (None: not known, so
        sizes follow the pixels; kiosk.theme)."""
        theme = dataclasses.replace(
            self._theme,
            width=max(size.width(), 1),
            height=max(size.height(), 1),
            pixels_per_mm=pixels_per_mm,
            viewing_distance_cm=self._settings.viewing_distance_cm,
        )
        largest = theme.largest_text_size
        chose_too_large = theme.text_size.value > largest.value
        if chose_too_large:
            # A smaller window (a panel turned, say) has no room for the size chosen.
            theme = dataclasses.replace(theme, text_size=largest)
        if theme != self._theme:
            self._set_theme(theme)
        if chose_too_large:
            self.choices_changed.emit()

    def _set_theme(self, theme: Theme) -> None:
        """Measure the pages again, keeping the reader on the words they were reading: the new
        page is the one that holds what was at the top of the old one."""
        position = self._position
        shown = None
        if position.screen is Screen.READING and self._layout is not None:
            shown = self._layout.sections[position.section].page_text_range(position.page)
        self._theme = theme
        if self._article is not None:
            self._layout = ArticleLayout(self._article, theme)
        if shown is not None and self._layout is not None:
            section = self._layout.sections[position.section]
            page = section.page_at(shown[0])
            position = Position(Screen.READING, position.section, page)
            if section.page_text_range(page) != shown:
                # The voice would read on past the page's new end, or over words now on the
                # page before; the same page number is not the same page.
                self._stop_speaking()
        self.layout_changed.emit()
        self._move_to(position, 0)

    # Read aloud's volume and speed

    @property
    def speech_volume(self) -> Volume:
        """How loud the patient asked Read aloud to speak."""
        return self._speech_volume

    @property
    def speech_speed(self) -> Speed:
        """How fast the patient asked Read aloud to speak."""
        return self._speech_speed

    @property
    def can_go_louder(self) -> bool:
        return self._volume_step(1) is not None

    @property
    def can_go_quieter(self) -> bool:
        return self._volume_step(-1) is not None

    @property
    def can_go_faster(self) -> bool:
        return self._speed_step(1) is not None

    @property
    def can_go_slower(self) -> bool:
        return self._speed_step(-1) is not None

    @Slot()
    def louder(self) -> None:
        """One step louder; nothing at the loudest."""
        self._choose_volume(self._volume_step(1))

    @Slot()
    def quieter(self) -> None:
        """One step quieter; nothing at the quietest."""
        self._choose_volume(self._volume_step(-1))

    @Slot()
    def faster(self) -> None:
        """One step faster; nothing at the fastest."""
        self._choose_speed(self._speed_step(1))

    @Slot()
    def slower(self) -> None:
        """One step slower; nothing at the slowest."""
        self._choose_speed(self._speed_step(-1))

    def _volume_step(self, by: int) -> Volume | None:
        """The volume step `by` steps on, if there is one the voice would sound different at
        (at a configured full volume, Loud is no louder than Normal)."""
        step = speech.next_step(self._speech_volume, by)
        level = self._settings.speech_volume
        if step is None or speech.engine_volume(level, step) == speech.engine_volume(
            level, self._speech_volume
        ):
            return None
        return step

    def _speed_step(self, by: int) -> Speed | None:
        """The speed step `by` steps on, if there is one the voice would sound different at."""
        step = speech.next_step(self._speech_speed, by)
        rate = self._settings.speech_rate
        if step is None or speech.engine_rate(rate, step) == speech.engine_rate(
            rate, self._speech_speed
        ):
            return None
        return step

    def _choose_volume(self, step: Volume | None) -> None:
        if step is not None:
            self._speech_volume = step
            self._speech_choices_made()

    def _choose_speed(self, step: Speed | None) -> None:
        if step is not None:
            self._speech_speed = step
            self._speech_choices_made()

    def _speech_choices_made(self) -> None:
        self._apply_speech_choices()
        self.speech_choices_changed.emit()
        # Off Normal, the start screen has something to undo for the next patient.
        self._arm_idle()

    def _apply_speech_choices(self) -> None:
        """Tell the voice the rate and volume for the patient's steps (it passes them on to
        the engine at once, even in mid-sentence)."""
        settings = self._settings
        self.read_aloud.set_volume(
            speech.engine_volume(settings.speech_volume, self._speech_volume)
        )
        self.read_aloud.set_rate(speech.engine_rate(settings.speech_rate, self._speech_speed))

    # Reading aloud

    def _stop_speaking(self) -> None:
        # Only a voice that speaks is told to stop: the engine runs in another process.
        if self.read_aloud.speaking:
            self.read_aloud.stop()

    def toggle_read_aloud(self) -> None:
        if self.read_aloud.speaking:
            self.read_aloud.stop()
            return
        position = self._position
        if position.screen is not Screen.READING or self._layout is None:
            return
        heading, start, body = self._page_text(position)
        self._speech_start = start
        self._speech_heading = len(heading)
        self.read_aloud.speak(heading + body)
        self.speaking_changed.emit(self.read_aloud.speaking)
        self.idle.hold(self.read_aloud.speaking)

    def _page_text(self, position: Position) -> tuple[str, int, str]:
        """The words of a reading page: the heading above them (with a line end; only on a
        section's first page), where the page starts in the section's body, and its body."""
        assert self._layout is not None
        section = self._layout.sections[position.section]
        start, end = section.page_text_range(position.page)
        heading = section.section.title + "\n" if position.page == 0 else ""
        return heading, start, section.body.toPlainText()[start:end]

    @Slot(int, int)
    def _on_sentence(self, start: int, end: int) -> None:
        """Turn a sentence of the spoken text into characters of the page's body."""
        if end <= self._speech_heading:
            self.highlight_changed.emit(None)
            return
        offset = self._speech_start - self._speech_heading
        first = max(start, self._speech_heading)
        self.highlight_changed.emit((first + offset, end + offset))

    @Slot()
    def _on_speech_stopped(self) -> None:
        self.highlight_changed.emit(None)
        self.speaking_changed.emit(False)
        # The quiet spell starts when the voice stops, not when the page was turned.
        self.idle.hold(False)


def _same_article(one: Article, other: Article) -> bool:
    """The same file with the same bytes: nothing a patient sees would change."""
    return one.path == other.path and one.source_digest == other.source_digest
