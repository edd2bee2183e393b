"""Every word the kiosk shows a patient or staff member on screen, marked for Qt's translation.

Each function returns one text through `QCoreApplication.translate` in the "kiosk" context,
with the English source written inline: that is what `pyside6-lupdate` extracts into
assets/translations/ (kiosk.translations loads the result at start). Screens call these
functions when they show a text, never at import, so an installed translation applies.

Counts use Qt's numerus form (`%n`), through `kiosk.tr(text, None, count)` below rather than
`QCoreApplication.translate`: lupdate (Qt 6.11) takes a variable fourth argument of `translate`
for an old "encoding" argument and never marks the text as having plural forms, but it does
for `<context>.tr(text, disambiguation, n)`. The English source is written in the plural,
which reads right for every count but one even before a translation loads;
assets/translations/kiosk_en.ts supplies the singular. Other numbers and names fill
`%1`-style places, so translators always see whole sentences and may reorder them. A `#:`
comment above a text is shown to translators.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from kiosk import navigation
from kiosk.navigation import Position

if TYPE_CHECKING:
    from kiosk.article import AboutWords
    from kiosk.speech import Speed, Volume

_PLACE = re.compile(r"%([1-9])")
# How kiosk.translations names the translator it installs: this prefix and the language.
TRANSLATOR_NAME_PREFIX = "kiosk-translator-"


class _Counted:
    """Translation of texts with a count (see the module docstring for why not `translate`)."""

    @staticmethod
    def tr(text: str, disambiguation: str | None, n: int) -> str:
        return QCoreApplication.translate("kiosk", text, disambiguation, n)


# Named after the context on purpose: lupdate files `kiosk.tr(...)` texts under "kiosk".
kiosk = _Counted()


def _fill(text: str, *values: object) -> str:
    """Put values in a translated text's %1, %2, ... places, in one pass (as QString.arg):
    a value that itself contains "%2" is left alone."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if index < len(values) else match.group(0)

    return _PLACE.sub(value, text)


# Start screen


def start_button() -> str:
    return QCoreApplication.translate("kiosk", "Tap to start")


def sections_intro() -> str:
    """Above the buttons that open the article at a section."""
    return QCoreApplication.translate("kiosk", "Or go straight to a part:")


def section_button(number: int, title: str) -> str:
    """A section's button on the start screen: its number, then the article's own title."""
    #: %1 is the section's number, %2 its title (from the article, not translated).
    return _fill(QCoreApplication.translate("kiosk", "%1.  %2"), number, title)


# Reading screen


def back_button() -> str:
    return QCoreApplication.translate("kiosk", "Back")


def home_button() -> str:
    return QCoreApplication.translate("kiosk", "Home")


def next_button() -> str:
    return QCoreApplication.translate("kiosk", "Next")


def next_section_button(title: str) -> str:
    """Next on a section's last page: where it goes. The screen shortens `title` (with "…")
    to fit the button; the button's accessible name has it whole."""
    #: %1 is the next section's title (from the article, not translated).
    return _fill(QCoreApplication.translate("kiosk", "Next: %1"), title)


def next_to_end_button() -> str:
    """Next on the article's last page: it goes to the end screen ("You have reached the
    end")."""
    return QCoreApplication.translate("kiosk", "Next: The end")


def text_size_label() -> str:
    """Between the reading screen's two text size buttons ("A" and a minus sign, "A" and a
    plus sign), where there is room for it."""
    return QCoreApplication.translate("kiosk", "Text size")


def text_size_letter() -> str:
    """The letter drawn on the two text size buttons, small beside a minus sign and large
    beside a plus sign."""
    #: One letter of the language's alphabet that looks like a letter at a glance.
    return QCoreApplication.translate("kiosk", "A")


def smaller_text_spoken() -> str:
    """The minus sign button's accessible name (faded out at Standard, the smallest)."""
    return QCoreApplication.translate("kiosk", "Smaller text")


def larger_text_spoken() -> str:
    """The plus sign button's accessible name (faded out at 200 %, the largest)."""
    return QCoreApplication.translate("kiosk", "Larger text")


def high_contrast_button() -> str:
    return QCoreApplication.translate("kiosk", "High contrast")


def read_aloud_button() -> str:
    return QCoreApplication.translate("kiosk", "Read aloud")


def stop_reading_button() -> str:
    """The Read aloud button while it reads."""
    return QCoreApplication.translate("kiosk", "Stop reading")


def position_line(position: Position, page_counts: Sequence[int]) -> str:
    """Where the patient is, under the page: "Part 2 of 4 · Page 1 of 2" ("" off the
    reading screen)."""
    place = navigation.locate(position, page_counts)
    if place is None:
        return ""
    #: The footer of the reading screen. Pages are counted within the section.
    text = QCoreApplication.translate("kiosk", "Part %1 of %2 \u00b7 Page %3 of %4")
    return _fill(text, place.section, place.sections, place.page, place.pages)


def percent_read(percent: int) -> str:
    """The progress bar's accessible description."""
    return kiosk.tr("%n percent read", None, percent)


def continued_title(title: str, language: str | None = None) -> str:
    """A section's title on its later pages; `title` may be shortened to fit one line. With
    `language` (the article's), the mark is in that language, as the title is, whatever the
    interface's language."""
    if language is not None:
        from kiosk.translations import in_language

        return _fill(in_language(language, "kiosk", "%1 (continued)"), title)
    #: %1 is the section's title (from the article, not translated).
    return _fill(QCoreApplication.translate("kiosk", "%1 (continued)"), title)


def picture_placeholder(description: str, language: str | None = None) -> str:
    """In a picture's place where it cannot be shown (outside the content folder, unreadable,
    too large): its description, marked as a picture. With `language` (the article's), in that
    language, as the description is."""
    if language is not None:
        from kiosk.translations import in_language

        return _fill(in_language(language, "kiosk", "[Picture: %1]"), description)
    #: %1 is the picture's description (from the article, not translated).
    return _fill(QCoreApplication.translate("kiosk", "[Picture: %1]"), description)


def default_disclaimer() -> str:
    """The notice under the start and end screens, unless the clinic wrote its own."""
    return QCoreApplication.translate(
        "kiosk", "General information, not medical advice. Please ask your care team."
    )


def introduction_title() -> str:
    """The title of an article's text before its first heading."""
    return QCoreApplication.translate("kiosk", "Introduction")


def about_words() -> AboutWords:
    """The words of an article's last page, "About this information"."""
    from kiosk.article import AboutWords

    translate = QCoreApplication.translate
    return AboutWords(
        title=translate("kiosk", "About this information"),
        last_reviewed=translate("kiosk", "Last reviewed"),
        next_review=translate("kiosk", "Next review due"),
        reviewed_by=translate("kiosk", "Reviewed by"),
        #: The heading over the list of sources an article's facts come from.
        sources=translate("kiosk", "Sources"),
        none_given=translate(
            "kiosk",
            "This article does not say when it was reviewed or where its information comes "
            "from. Please ask your care team about anything in it.",
        ),
    )


def menu_button() -> str:
    """On a small panel's reading screen: opens the sheet of choices (text size, high contrast,
    Read aloud with its volume and speed, and Home where the bar has no room for it). Keep it
    short: on a 7" panel it shares one row with Back, the page number and Next."""
    return QCoreApplication.translate("kiosk", "Menu")


def position_page(position: Position, page_counts: Sequence[int]) -> str:
    """Where the patient is, where the whole position_line does not fit: "Page 1 of 2" (the
    page within the section; "" off the reading screen)."""
    place = navigation.locate(position, page_counts)
    if place is None:
        return ""
    #: The short form of "Part %1 of %2 · Page %3 of %4" on a small panel.
    text = QCoreApplication.translate("kiosk", "Page %1 of %2")
    return _fill(text, place.page, place.pages)


def position_numbers(position: Position, page_counts: Sequence[int]) -> str:
    """The shortest position, on the smallest panels: "1 / 2" (the page within the section;
    "" off the reading screen)."""
    place = navigation.locate(position, page_counts)
    if place is None:
        return ""
    #: The page within the section and how many it has, as on a 7" panel: "3 / 8".
    text = QCoreApplication.translate("kiosk", "%1 / %2")
    return _fill(text, place.page, place.pages)


# End screen


def end_heading() -> str:
    """On the end screen, and on its edge while a finger drags the last page."""
    return QCoreApplication.translate("kiosk", "You have reached the end")


def thanks() -> str:
    return QCoreApplication.translate("kiosk", "Thank you for reading.")


def start_again_button() -> str:
    return QCoreApplication.translate("kiosk", "Start again")


def back_to_last_page_button() -> str:
    return QCoreApplication.translate("kiosk", "Back to the last page")


# Idle warning


def idle_question() -> str:
    return QCoreApplication.translate("kiosk", "Still reading?")


def idle_instruction() -> str:
    return QCoreApplication.translate("kiosk", "Tap anywhere to continue")


def idle_countdown(seconds: int) -> str:
    """Under the countdown ring."""
    return kiosk.tr("Going back to the start in %n seconds", None, seconds)


# Updating page


def updating_heading() -> str:
    return QCoreApplication.translate("kiosk", "This screen is being updated")


def updating_detail() -> str:
    return QCoreApplication.translate(
        "kiosk", "Please ask at the desk if you would like information in the meantime."
    )


# Staff access: the PIN pad and its notices


def pin_prompt() -> str:
    return QCoreApplication.translate("kiosk", "Staff access: enter the PIN")


def clear_button() -> str:
    """The PIN pad's key that empties the digits typed."""
    return QCoreApplication.translate("kiosk", "Clear")


def ok_button() -> str:
    return QCoreApplication.translate("kiosk", "OK")


def cancel_button() -> str:
    return QCoreApplication.translate("kiosk", "Cancel")


def close_button() -> str:
    """The PIN pad's only button while it shows a notice."""
    return QCoreApplication.translate("kiosk", "Close")


def wrong_pin(tries_left: int) -> str:
    return kiosk.tr("Wrong PIN. %n tries left.", None, tries_left)


def staff_locked() -> str:
    return QCoreApplication.translate("kiosk", "Staff access is locked")


def staff_locked_until(clock: str) -> str:
    """Under "Staff access is locked"; `clock` is the time of day it opens again."""
    #: %1 is a time of day, such as 14:05.
    text = QCoreApplication.translate("kiosk", "Too many wrong PINs. Try again after %1.")
    return _fill(text, clock)


def no_pin_title() -> str:
    """The corner gesture on a kiosk that has no staff PIN yet."""
    return QCoreApplication.translate("kiosk", "No staff PIN is set")


def no_pin_notice(command: str) -> str:
    """Under "No staff PIN is set"; `command` sets a PIN when run on the kiosk's computer."""
    #: %1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin
    text = QCoreApplication.translate(
        "kiosk",
        "Anyone can open the staff screen until a PIN is set. To open it, hold the button "
        "below for 3 seconds. To set a PIN, run this on the kiosk's computer:\n%1",
    )
    return _fill(text, command)


def hold_to_open_button() -> str:
    return QCoreApplication.translate("kiosk", "Hold to open the staff screen")


def no_pin_problem(command: str) -> str:
    """On the staff screen's list of problems while no PIN is set."""
    #: %1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin
    text = QCoreApplication.translate(
        "kiosk", "No staff PIN is set: anyone can open this screen. Set one with: %1"
    )
    return _fill(text, command)


def staff_not_available() -> str:
    """When this kiosk was started without a place to keep the PIN lock."""
    return QCoreApplication.translate("kiosk", "Staff access is not available here.")


def checking_pin() -> str:
    """On the PIN pad while the PIN entered is being checked (a fraction of a second)."""
    return QCoreApplication.translate("kiosk", "Checking\u2026")


def lock_not_saved(state_file: str, reason: str) -> str:
    """On the PIN pad when the count of wrong PINs could not be written to disk."""
    #: %1 is a file's path; %2 is the system's reason, such as "No space left on device".
    text = QCoreApplication.translate(
        "kiosk",
        "Staff access: wrong tries cannot be saved to %1 (%2); the lock still holds until "
        "the kiosk restarts.",
    )
    return _fill(text, state_file, reason)


def pin_unusable_title() -> str:
    """The corner gesture when the stored staff PIN hash cannot be used."""
    return QCoreApplication.translate("kiosk", "The staff PIN cannot be used")


def pin_unusable_notice(command: str) -> str:
    """Under "The staff PIN cannot be used"; `command` sets a new PIN."""
    #: %1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin
    text = QCoreApplication.translate(
        "kiosk",
        "The staff PIN kept in the config file cannot be read or is not safe, so the staff "
        "screen stays closed. The log and 'kiosk check' say why. To set the PIN again, run "
        "this on the kiosk's computer:\n%1",
    )
    return _fill(text, command)


# Staff screen


def staff_heading() -> str:
    return QCoreApplication.translate("kiosk", "Staff")


def reload_button() -> str:
    return QCoreApplication.translate("kiosk", "Reload content")


def exit_button() -> str:
    return QCoreApplication.translate("kiosk", "Exit kiosk")


def back_to_kiosk_button() -> str:
    return QCoreApplication.translate("kiosk", "Back to kiosk")


def problems_heading() -> str:
    """Above the list of problems with the content (one per line below it)."""
    return QCoreApplication.translate("kiosk", "Problems:")


def no_problems() -> str:
    return QCoreApplication.translate("kiosk", "No problems found.")


# Staff screen: what 'kiosk check' warns about, and the second step of "Exit kiosk"


def warnings_heading() -> str:
    """Above the warnings 'kiosk check' gives for the article shown (one per line below it):
    things to fix that do not stop the kiosk."""
    return QCoreApplication.translate("kiosk", "To fix when you can (the kiosk still works):")


def exit_confirm_heading() -> str:
    """The question after "Exit kiosk": the kiosk closes only on a second, clear answer."""
    return QCoreApplication.translate("kiosk", "Close the kiosk?")


def exit_confirm_detail() -> str:
    """Under "Close the kiosk?"."""
    return QCoreApplication.translate(
        "kiosk", "Patients will see the desktop until it starts again."
    )


def exit_confirm_yes_button() -> str:
    return QCoreApplication.translate("kiosk", "Yes, close it")


def exit_confirm_no_button() -> str:
    return QCoreApplication.translate("kiosk", "No, go back")


def checking_content() -> str:
    """On the staff screen for the second it takes to find what 'kiosk check' warns about."""
    return QCoreApplication.translate("kiosk", "Checking the content\u2026")


# The window


def window_title() -> str:
    """The window's title while no article is shown (an article's title replaces it)."""
    return QCoreApplication.translate("kiosk", "Waiting-room kiosk")


# Read aloud's volume and speed (the steps are kiosk.speech.Volume and Speed; the session's
# louder(), quieter(), faster() and slower() move them)


def quieter_button() -> str:
    """Beside Read aloud: speak more quietly (greyed out at the quietest)."""
    return QCoreApplication.translate("kiosk", "Quieter")


def louder_button() -> str:
    """Beside Read aloud: speak louder (greyed out at the loudest)."""
    return QCoreApplication.translate("kiosk", "Louder")


def slower_button() -> str:
    """Beside Read aloud: speak more slowly (greyed out at the slowest)."""
    return QCoreApplication.translate("kiosk", "Slower")


def faster_button() -> str:
    """Beside Read aloud: speak faster (greyed out at the fastest)."""
    return QCoreApplication.translate("kiosk", "Faster")


def quieter_spoken() -> str:
    """The Quieter button's accessible name: what it does, without the buttons around it."""
    return QCoreApplication.translate("kiosk", "Read aloud more quietly")


def louder_spoken() -> str:
    """The Louder button's accessible name."""
    return QCoreApplication.translate("kiosk", "Read aloud louder")


def slower_spoken() -> str:
    """The Slower button's accessible name."""
    return QCoreApplication.translate("kiosk", "Read aloud more slowly")


def faster_spoken() -> str:
    """The Faster button's accessible name."""
    return QCoreApplication.translate("kiosk", "Read aloud faster")


def volume_label(volume: Volume) -> str:
    """The volume in use, shown (and spoken) with the Quieter and Louder buttons."""
    from kiosk.speech import Volume  # only here: the module costs 4 ms to import

    if volume is Volume.QUIET:
        return QCoreApplication.translate("kiosk", "Volume: Quiet")
    if volume is Volume.LOUD:
        return QCoreApplication.translate("kiosk", "Volume: Loud")
    return QCoreApplication.translate("kiosk", "Volume: Normal")


def speed_label(speed: Speed) -> str:
    """The reading speed in use, shown (and spoken) with the Slower and Faster buttons."""
    from kiosk.speech import Speed

    if speed is Speed.SLOWER:
        return QCoreApplication.translate("kiosk", "Speed: Slower")
    if speed is Speed.FASTER:
        return QCoreApplication.translate("kiosk", "Speed: Faster")
    return QCoreApplication.translate("kiosk", "Speed: Normal")


def sound_button() -> str:
    """Beside Read aloud on the reading screen's header: opens Read aloud's volume and speed
    (Quieter, Louder, Slower, Faster)."""
    return QCoreApplication.translate("kiosk", "Sound")


def sound_spoken() -> str:
    """The Sound button's accessible name."""
    return QCoreApplication.translate("kiosk", "Read aloud's volume and speed")


# Start screen: how long the article takes, choices, "carry on", and paging through the parts


def reading_time(minutes: int) -> str:
    """Under the title on the start screen: roughly how long the whole article takes to read
    (kiosk.session.reading_minutes rounds it)."""
    return kiosk.tr("About %n minutes to read", None, minutes)


def smaller_text_button() -> str:
    """The start screen's button that makes the text one step smaller (greyed out at the
    smallest), before "Text size" (text_size_label); smaller_text_spoken is its accessible
    name. Keep it short: it sits on a small square button."""
    #: A letter A and a minus sign: the usual sign for "smaller text".
    return QCoreApplication.translate("kiosk", "A\u2212")


def larger_text_button() -> str:
    """The start screen's button that makes the text one step larger (greyed out at the
    largest), after "Text size"; larger_text_spoken is its accessible name."""
    #: A letter A and a plus sign: the usual sign for "larger text".
    return QCoreApplication.translate("kiosk", "A+")


def carry_on_button(title: str) -> str:
    """For a few seconds after Home, on the start screen: back to the page the patient left."""
    #: %1 is the title of the section the patient was reading (from the article).
    return _fill(QCoreApplication.translate("kiosk", "Carry on reading: %1"), title)


def more_parts_button() -> str:
    """Under the list of parts when it does not fit on the screen at once: the next few."""
    return QCoreApplication.translate("kiosk", "More parts")


def previous_parts_button() -> str:
    """Under the list of parts: the few before those shown."""
    return QCoreApplication.translate("kiosk", "Previous parts")


def more_parts_short_button() -> str:
    """ "More parts" where a small screen has no room for it on one line."""
    return QCoreApplication.translate("kiosk", "More")


def previous_parts_short_button() -> str:
    """ "Previous parts" where a small screen has no room for it on one line."""
    return QCoreApplication.translate("kiosk", "Previous")


def choose_part_button() -> str:
    """On a small screen's start screen, beside "Tap to start": opens the list of parts."""
    return QCoreApplication.translate("kiosk", "Choose a part")


def parts_button() -> str:
    """The same, where the screen is too narrow for "Choose a part" beside "Tap to start"."""
    #: Keep it short: it sits beside "Tap to start" on a 7-inch screen.
    return QCoreApplication.translate("kiosk", "Parts")


def all_leaflets_button() -> str:
    """At the top of a leaflet's start screen, and on its end screen, where the kiosk has a
    menu of leaflets: back to the menu, to choose another leaflet."""
    return QCoreApplication.translate("kiosk", "All leaflets")


def all_leaflets_short_button() -> str:
    """ "All leaflets" where a small screen has no room for it beside the languages."""
    #: Keep it short: it shares a row with the language buttons on a 7-inch screen.
    return QCoreApplication.translate("kiosk", "Leaflets")


def parts_shown(first: int, last: int, total: int) -> str:
    """Which of the article's parts the start screen's list shows now."""
    if first == last:
        #: %1 is the part's number, %2 how many parts there are.
        return _fill(QCoreApplication.translate("kiosk", "Part %1 of %2"), first, total)
    #: %1 and %2 are the first and last part shown, %3 how many parts there are.
    text = QCoreApplication.translate("kiosk", "Parts %1\u2013%2 of %3")
    return _fill(text, first, last, total)


def text_size_percent(percent: int) -> str:
    """Under "Text size" between the start screen's A- and A+: the size chosen, of Standard."""
    #: %1 is a whole number from 100 (Standard) to 200; write the percent sign as your
    #: language does ("125 %" in French).
    return _fill(QCoreApplication.translate("kiosk", "%1%"), percent)


def percent(value: int) -> str:
    """A whole percentage, as the language writes one (the staff screen's reading figures)."""
    return _fill(QCoreApplication.translate("kiosk", "%1%"), value)


# The language of the words (for times and dates written in them)


def interface_locale() -> QLocale:
    """The locale the words are in: the installed translation's language, with this machine's
    own habits where it speaks that language too (a British kiosk's "08:00" rather than
    "8:00 AM"). The system's locale where no translation is installed."""
    system = QLocale()
    app = QCoreApplication.instance()
    if app is None:
        return system
    for translator in app.findChildren(QTranslator):
        name = translator.objectName()
        if not name.startswith(TRANSLATOR_NAME_PREFIX):
            continue
        language = translator.language() or name.removeprefix(TRANSLATOR_NAME_PREFIX)
        wanted = QLocale(language)
        return system if system.language() == wanted.language() else wanted
    return system


# Closed screen (outside the opening hours)


def clinic_closed() -> str:
    """On the black screen after a touch, when it is not known when the clinic opens."""
    return QCoreApplication.translate("kiosk", "The clinic is closed.")


def closed_until_today(time: str) -> str:
    """On the black screen after a touch, when the clinic opens later today."""
    #: %1 is a time of day, such as 08:00.
    text = QCoreApplication.translate("kiosk", "The clinic is closed. This screen turns on at %1.")
    return _fill(text, time)


def closed_until_day(time: str, day: str) -> str:
    """On the black screen after a touch, when the clinic opens on another day."""
    #: %1 is a time of day, such as 08:00; %2 a day of the week ("Monday") or, more than a
    #: week ahead, a date ("Monday, 5 January 2026").
    text = QCoreApplication.translate(
        "kiosk", "The clinic is closed. This screen turns on at %1 on %2."
    )
    return _fill(text, time, day)


# Cleaning pause (from the staff screen)


def clean_screen_button() -> str:
    """On the staff screen: every touch is ignored for a while, so the glass can be wiped."""
    return QCoreApplication.translate("kiosk", "Clean the screen")


def cleaning_heading(seconds: int) -> str:
    """Above the cleaning pause's countdown."""
    return kiosk.tr("Cleaning: touches are ignored for %n seconds", None, seconds)


def cleaning_hint(seconds: int) -> str:
    """Under the cleaning pause's countdown: how staff end it sooner."""
    return kiosk.tr("To stop sooner, hold a finger on the number for %n seconds.", None, seconds)


# Reading figures (on the staff screen)


def figures_heading(days: int) -> str:
    """Above the chart of readings started and finished, day by day."""
    return kiosk.tr("Readings in the last %n days", None, days)


def no_figures() -> str:
    """Instead of the chart, before anyone has read anything."""
    return QCoreApplication.translate("kiosk", "No readings counted yet.")


def figures_started() -> str:
    """Beside the chart's colour for readings started (a patient opened the article)."""
    return QCoreApplication.translate("kiosk", "Readings started")


def figures_finished() -> str:
    """Beside the chart's colour for readings finished (a patient reached the end)."""
    return QCoreApplication.translate("kiosk", "Readings finished")


def figures_totals(started: int, finished: int) -> str:
    """Under an article's title in the chart: its totals over the days shown."""
    #: %1 and %2 are numbers of readings.
    text = QCoreApplication.translate("kiosk", "Started: %1. Finished: %2.")
    return _fill(text, started, finished)


def figures_other_articles() -> str:
    """The chart's last group: every article but the most read ones, added together."""
    return QCoreApplication.translate("kiosk", "All other articles")


def figures_days(first: str, last: str) -> str:
    """Under the chart: the days it shows."""
    #: %1 and %2 are dates, such as "3 March".
    return _fill(QCoreApplication.translate("kiosk", "From %1 to %2"), first, last)


def stops_heading() -> str:
    """Above how far readers get in each article."""
    return QCoreApplication.translate("kiosk", "Where readers stop")


def stops_intro() -> str:
    """Under "Where readers stop": what the bars below it mean."""
    return QCoreApplication.translate(
        "kiosk", "How many of the readings started got as far as each part:"
    )


def stops_part(number: int) -> str:
    """Beside a bar of "Where readers stop"."""
    #: %1 is the part's number in the article.
    return _fill(QCoreApplication.translate("kiosk", "Part %1"), number)


def stops_biggest_drop(before: int, after: int) -> str:
    """Under an article's bars: between which two parts most readers stop."""
    #: %1 and %2 are the numbers of two parts that follow each other.
    text = QCoreApplication.translate(
        "kiosk", "More readers stop between part %1 and part %2 than anywhere else."
    )
    return _fill(text, before, after)


# Take it home


def take_home_caption() -> str:
    """Beside the QR code on the end screen, which opens the article's web page on a phone."""
    return QCoreApplication.translate("kiosk", "Scan with your phone's camera to read this at home")


# Menu (the front screen of a library of leaflets)


def menu_heading() -> str:
    """Above the menu's tiles, one for each leaflet: tapping one opens it."""
    return QCoreApplication.translate("kiosk", "Choose what to read")


def other_leaflets_heading() -> str:
    """The menu's heading over the leaflets staff gave no topic, after the topics' headings."""
    return QCoreApplication.translate("kiosk", "Other leaflets")


def previous_page_button() -> str:
    """Under the menu's tiles when they take more than one page: the page before."""
    return QCoreApplication.translate("kiosk", "Previous page")


def next_page_button() -> str:
    """Under the menu's tiles: the page after."""
    return QCoreApplication.translate("kiosk", "Next page")


def previous_page_short_button() -> str:
    """ "Previous page" where a small screen has no room for it on one line."""
    return QCoreApplication.translate("kiosk", "Previous", "page")


def next_page_short_button() -> str:
    """ "Next page" where a small screen has no room for it on one line."""
    return QCoreApplication.translate("kiosk", "Next", "page")


def menu_page(page: int, count: int) -> str:
    """Between the menu's page arrows: which page of tiles is shown."""
    #: %1 is the page's number, %2 how many pages there are.
    return _fill(QCoreApplication.translate("kiosk", "Page %1 of %2"), page, count)


def languages_spoken(name: str) -> str:
    """The accessible name of the menu's language button on a small screen, which shows the
    language chosen and opens the others."""
    #: %1 is the language chosen, in its own name ("English", "Español").
    return _fill(QCoreApplication.translate("kiosk", "Language: %1"), name)
