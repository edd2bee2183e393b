"""The start screen: what the article is and how long it takes, one big way in, a way straight to
each part, the patient's text size and contrast, and for a few seconds after Home, a way back.

Two arrangements, whichever the window holds at Standard size, measured with the real fonts at
the sizes the theme gives (`StartScreen._fit`):

- Roomy: the introduction (title, summary, "Tap to start" with the reading time, text size and
  contrast) beside the list of parts in landscape, above it in portrait.
- Compact, where the roomy one does not fit (a 7" or 10" panel read from 60 cm): one column.
  The title, and the buttons in rows as the width allows: "Tap to start", "Choose a part", text
  size and contrast. "Choose a part" opens the list of parts in the whole screen, paged, with
  Back (the parts view); where the column has room, the list is under the buttons instead.

Where room is short, what gives first is the summary, then the reading time beside "Tap to
start" (under the title instead, then not at all), the wide gaps between buttons (4 mm then,
the least allowed), "Choose a part" (the shorter "Parts" then), the title's size, the list on
the screen itself (behind "Choose a part"), and last text size and contrast (the reading
screen has them too); a title too long even then is cut after a word, with "...". Never a
button's size (a touch target at the least), never the disclaimer, and nothing is ever drawn
over anything else. In the parts view of a 7" panel, a part's title too long for a page of its
own is cut the same way (its button's accessible name keeps it whole).

Every part keeps a full-size button however many there are (`SectionList`): one column, or two
where each title still fits on two lines and that shows more of them; and where the screen holds
fewer than all, pages with large "Previous parts" / "More parts" buttons and words saying which
parts are shown.

The screen's words and buttons grow with the patient's text size, as the reading screen's bars
do (kiosk.theme `zoom`): as far as the text size asks (`body_px` over `standard_body_px`) and
the room allows, keeping what the screen shows at Standard size (a larger size never takes A-
away), and as many parts on a page of the list, up to MINIMUM_PARTS_A_PAGE. "Text size" shows the
size chosen ("125%"), so every press of A- or A+ changes something to see even where there is
no room to grow.

Nothing moves when "Carry on reading" comes or goes (it goes by itself after a few seconds,
perhaps while a finger is on its way to another button): it takes the summary's place, or
where no summary is shown in the compact arrangement, the title's (the patient has just left
the article); that place is always as tall as a two-line button, whatever the part's title
(cut after a word, with "...", where it would take more).

With a menu of leaflets to go back to, or a leaflet in more than one language, a row across the
top comes first (`_Band`): "All leaflets" (back to the menu) at its start, and at its end the
leaflet's languages, each in its own name, the one chosen marked; or where the row has no room
for a button each, one globe button with the language chosen, which opens them in the place of
the rest of the screen (the languages view, with Back). The row is never given up: where it is
short of room, "All leaflets" says "Leaflets", and last the two take a row each; the rest of the
screen gives way below it as above. In the compact arrangement, before the title gets smaller,
the row's two buttons may join the other buttons instead of taking a row of their own; and on
a 7" panel in words longer than English, the room kept for "Carry on reading", then "Choose a
part", give way to them (the title's words then follow the row closer, 12 px rather than a
gap between buttons). Its words, as every word the screen sets itself, follow the interface's
language when it changes (`_show_words`), and the screen is fitted again.

No button lies in the top-left corner, where taps only count towards staff access.

Against burn-in (kiosk.ui.drift), everything the screen draws moves together, a pixel every few
minutes while it shows and nobody touches it, within a square a few pixels wide: the whole
arrangement shifted, never laid out again, and never off the screen or into the staff corner.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTextBoundaryFinder, Signal, Slot
from PySide6.QtGui import QFontMetrics, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import words
from kiosk.article import Article
from kiosk.clock import Clock
from kiosk.languages import language_name, language_names
from kiosk.theme import Theme, burn_in_span
from kiosk.ui.drift import BurnInDrift, BurnInVeil, Room, room_for
from kiosk.ui.widgets import BigButton, Icon, LanguagesButton, TextChoices, TextLabel

# The fewest parts a page of the list may show for the screen to grow with the text: fewer,
# and the patient pages more than the larger words are worth.
MINIMUM_PARTS_A_PAGE = 3
# The start screen grows with the text in steps this large (of Standard's size).
ZOOM_STEP = 0.05
# Two lines of anything: what a button with two lines of words measures.
_TWO_LINES = "0\n0"
_ELLIPSIS = "\u2026"


def most_per_page(heights: Sequence[int], columns: int, room: int, gap: int) -> int:
    """How many buttons of `heights` (in order) a page of `columns` columns, `room` pixels tall,
    holds, the same number on every page (whole rows; the last page may hold fewer); 0 if not
    even one fits."""
    count = len(heights)
    if count == 0:
        return 0
    largest = -(-count // columns) * columns
    for per_page in range(largest, 0, -columns):
        pages = (heights[start : start + per_page] for start in range(0, count, per_page))
        if all(page_height(page, columns, gap) <= room for page in pages):
            return min(per_page, count)
    return 0


def page_height(heights: Sequence[int], columns: int, gap: int) -> int:
    """How tall a page of buttons of `heights` is, in rows of `columns` as tall as their
    tallest, `gap` apart."""
    rows = [max(heights[start : start + columns]) for start in range(0, len(heights), columns)]
    return sum(rows) + gap * (len(rows) - 1)


def _text_width(label: TextLabel, text: str) -> int:
    """The width of `text` on one line in `label`'s font (with a pixel to spare for rounding)."""
    return QFontMetrics(label.font()).horizontalAdvance(text) + 2


def _widest_line_width(label: TextLabel) -> int:
    """The width `label` needs for each of its lines on one line."""
    return max((_text_width(label, line) for line in label.text().splitlines()), default=0)


def _longest_word_width(label: TextLabel) -> int:
    """The width `label` needs at the least: its longest word on a line."""
    return max((_text_width(label, word) for word in label.text().split()), default=0)


def _button_width(button: BigButton, theme: Theme, *, icon: bool = False) -> int:
    """The width `button` needs for its words on one line at `theme`'s sizes (as BigButton
    draws them), never narrower than a touch target."""
    metrics = QFontMetrics(theme.font(theme.button_text_px, bold=True))
    words_width = max(metrics.horizontalAdvance(line) for line in button.text().splitlines())
    room = theme.icon_room if icon else 0
    return max(theme.touch_target_min, words_width + room + 2 * theme.button_padding + 2)


def _cut_to_fit(text: str, fits: Callable[[str], bool]) -> str:
    """The most of `text` that `fits` accepts with an ellipsis after it, cut where a line may
    break (after a word; between two characters of a script written without spaces), one
    piece at the least; `text` itself when it fits whole."""
    if fits(text):
        return text
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    ends: list[int] = []
    position = finder.toNextBoundary()
    while 0 < position < len(text):
        before = text[position - 1]
        after_word = before.isspace() or unicodedata.east_asian_width(before) in ("W", "F")
        if after_word and text[:position].strip():
            ends.append(position)
        position = finder.toNextBoundary()
    if not ends:
        return text
    low, high = 0, len(ends) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[: ends[middle]].rstrip() + _ELLIPSIS):
            low = middle
        else:
            high = middle - 1
    return text[: ends[low]].rstrip() + _ELLIPSIS


class SectionList(QWidget):
    """The article's parts as buttons, with "Or go straight to a part:" above them, arranged to
    show as many as fit at full size; pages with arrow buttons when not all fit. Buttons are
    placed by hand (`_place`), so none can ever be squeezed onto another.

    `compact` is the parts view of a small screen: Back and the words saying which parts are
    shown share the top row, the parts under them, the arrows at the foot."""

    section_chosen = Signal(int)  # a part's button, by section index
    back_requested = Signal()  # "Back", in the parts view: to the rest of the start screen

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._gap = theme.gap
        self._compact = False
        # Room kept at the end of the heading's row for buttons the screen puts there (the
        # leaflet's languages); with it, the list starts at its top rather than centred.
        self._heading_room = QSize()
        self.heading_label = TextLabel(parent=self)
        self.page_label = TextLabel("", self)
        self.previous_button = BigButton("", theme, icon=Icon.BACK, parent=self)
        self.more_button = BigButton("", theme, icon=Icon.NEXT, parent=self)
        self.back_button = BigButton("", theme, icon=Icon.BACK, parent=self)
        self.back_button.hide()
        # Measures how tall a button with two lines of words is (never shown).
        self._two_lines = BigButton(_TWO_LINES, theme, parent=self)
        self._two_lines.hide()
        self.buttons: list[BigButton] = []
        self._titles: list[str] = []  # each part's words, whole
        self.columns = 1
        self.per_page = 1
        self._first = 0  # the first part on the page shown
        # Heights of buttons' words at a width, for this theme: arranging asks many times.
        self._heights: dict[tuple[int, int], int] = {}
        self.show_words()
        self.previous_button.clicked.connect(self.show_previous_page)
        self.more_button.clicked.connect(self.show_next_page)
        self.back_button.clicked.connect(self.back_requested)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_words(self) -> None:
        """The list's own words (not the parts'), in the interface's language; its screen
        arranges it again after (the words take other room)."""
        self.heading_label.setText(words.sections_intro())
        self._nav_wanted(short=False)
        self.back_button.set_label(words.back_button())
        self._heights.clear()

    def relabel(self, labels: Sequence[str]) -> None:
        """New words for the parts' buttons, one for each (the page shown stays)."""
        for button, text in zip(self.buttons, labels, strict=True):
            button.set_label(text)
        self._titles = list(labels)
        self._heights.clear()

    def set_titles(self, labels: Sequence[str]) -> None:
        """One button for each part, with these words, from the first page."""
        for button in self.buttons:
            # Out of the screen at once: deleteLater waits for the event loop, and until then
            # a hidden-but-parented button would still be painted and laid out.
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self.buttons = []
        self._titles = list(labels)
        self._heights.clear()
        for index, text in enumerate(labels):
            button = BigButton(text, self._theme, align_left=True, parent=self)
            button.hide()
            button.clicked.connect(lambda _=False, chosen=index: self.section_chosen.emit(chosen))
            self.buttons.append(button)
        self._first = 0
        self._arrange()

    def set_heading_room(self, room: QSize) -> None:
        """Keep `room` (width and height) free at the end of the heading's row, for the
        screen's own buttons there; an empty size keeps none. The list is arranged again when
        it next is."""
        if room.isEmpty():
            room = QSize()
        if room != self._heading_room:
            self._heading_room = room
            self._heights.clear()

    def heading_row_height(self, width: int) -> int:
        """How tall the heading's row is in a list `width` wide: the heading's words (beside
        the room kept at its end), or the room kept if taller."""
        room = self._heading_room
        if room.isEmpty():
            return self._height(self.heading_label, -2, width)
        words_width = max(width - room.width() - self._gap, 1)
        return max(self._height(self.heading_label, -8, words_width), room.height())

    def set_theme(
        self, theme: Theme, *, gap: int | None = None, compact: bool = False, place: bool = True
    ) -> None:
        """Take `theme`'s sizes, with `gap` between buttons (the theme's by default), as the
        parts view (`compact`) or not; with `place`, its colours too, and arrange the list
        (without, only so that `arrangement` can measure)."""
        self._theme = theme
        self._gap = theme.gap if gap is None else gap
        self._compact = compact
        self._heights.clear()
        palette = theme.palette
        if place:
            self.heading_label.set_style(theme, theme.small_px, palette.muted_text)
            self.page_label.set_style(theme, theme.small_px, palette.text, bold=True)
        else:
            self.heading_label.setFont(theme.font(theme.small_px))
            self.page_label.setFont(theme.font(theme.small_px, bold=True))
        for button in (
            *self.buttons,
            self.previous_button,
            self.more_button,
            self.back_button,
            self._two_lines,
        ):
            button.set_theme(theme)
        if place:
            self._arrange()

    # Paging

    @property
    def page(self) -> int:
        """The page shown, from 0."""
        return self._first // max(self.per_page, 1)

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.buttons) // max(self.per_page, 1)))

    def shown_buttons(self) -> list[BigButton]:
        """The parts' buttons on the page shown."""
        return self.buttons[self._first : self._first + self.per_page]

    @Slot()
    def show_next_page(self) -> None:
        if self.page + 1 < self.page_count:
            self._first += self.per_page
            self._arrange()

    @Slot()
    def show_previous_page(self) -> None:
        if self.page > 0:
            self._first -= self.per_page
            self._arrange()

    def show_first_page(self) -> None:
        if self._first:
            self._first = 0
            self._arrange()

    # Measuring

    def two_line_height(self, width: int) -> int:
        """How tall a button `width` wide with two lines of words is."""
        return self._height(self._two_lines, -1, width)

    def arrangement(self, width: int, height: int) -> tuple[int, int]:
        """(columns, parts a page) in a list `width` x `height`: all on one page in one column
        if they fit, else in two (where every title still fits on two lines); else pages, in
        whichever of the two shows more parts a page (one column when even). Parts a page is
        0 when not even one fits."""
        count, gap = len(self.buttons), self._gap
        if count == 0 or width <= 0:
            return 1, 0
        self._whole_titles()
        one = self._button_heights(width)
        half = (width - gap) // 2
        two = self._button_heights(half)
        two_fit = half > 0 and max(two) <= self.two_line_height(half)
        room = height - self._overhead(width, paged=False)
        if most_per_page(one, 1, room, gap) >= count:
            return 1, count
        if two_fit and most_per_page(two, 2, room, gap) >= count:
            return 2, count
        room = height - self._overhead(width, paged=True)
        single = most_per_page(one, 1, room, gap)
        double = most_per_page(two, 2, room, gap) if two_fit else 0
        if not single and not double and self._compact:
            # A title too long for a page of its own in the parts view of a small screen:
            # cut after a word (the button's accessible name keeps it whole).
            single = 1 if self._cut_titles(width, room) else 0
        return (2, double) if double > single else (1, single)

    def _cut_titles(self, width: int, room: int) -> bool:
        """Cut the parts' words that need more than `room` at `width`; whether they fit so."""
        fits_so = True
        for button, title in zip(self.buttons, self._titles, strict=True):
            if button.heightForWidth(width) <= room:
                continue

            def fits(text: str, button: BigButton = button) -> bool:
                button.setText(text)
                return button.heightForWidth(width) <= room

            button.setText(_cut_to_fit(title, fits))
            fits_so = fits_so and button.heightForWidth(width) <= room
        self._heights.clear()
        return fits_so

    def _whole_titles(self) -> None:
        """Every part's words whole again (see `_cut_titles`)."""
        for button, title in zip(self.buttons, self._titles, strict=True):
            if button.text() != title:
                button.setText(title)
                self._heights.clear()

    def _overhead(self, width: int, *, paged: bool) -> int:
        """Height the list takes besides its parts: the heading (with the page words), and
        the arrows when `paged`."""
        if self._compact:
            height = self._top_row_height(width, paged=paged) + self._gap
        else:
            height = self.heading_row_height(width) + self._theme.sections_label_gap
            if paged:
                height += self._page_words_below(width)
        if paged:
            height += self._nav_height(width) + self._gap
        return height

    def _height(self, widget: BigButton | TextLabel, key: int, width: int) -> int:
        """`widget`'s height at `width`, remembered under `key` until the theme changes."""
        height = self._heights.get((key, width))
        if height is None:
            height = self._heights[(key, width)] = widget.heightForWidth(width)
        return height

    def _button_heights(self, width: int) -> list[int]:
        return [self._height(button, index, width) for index, button in enumerate(self.buttons)]

    def _nav(self, width: int) -> tuple[QSize, QSize, bool]:
        """(Previous parts' size, More parts' size, one above the other): side by side with
        their words on one line if both fit so (in the parts view, the shorter "Previous" and
        "More" where the longer do not); else side by side, half the width each, where no word
        is cut so; else one above the other, as wide as their words."""
        gap = self._gap
        wanted = self._nav_wanted(short=False)
        if sum(wanted) + gap > width and self._compact:
            short = self._nav_wanted(short=True)
            if sum(short) + gap <= width:
                return self._nav_sizes(short, short=True, stacked=False)
            self._nav_wanted(short=False)
        if sum(wanted) + gap <= width:
            return self._nav_sizes(wanted, short=False, stacked=False)
        half = max((width - gap) // 2, self._theme.touch_target_min)
        halves = (min(wanted[0], half), min(wanted[1], half))
        buttons = (self.previous_button, self.more_button)
        if all(
            self._least_width(button) <= side for button, side in zip(buttons, halves, strict=True)
        ):
            return self._nav_sizes(halves, short=False, stacked=False)
        return self._nav_sizes(
            (min(wanted[0], width), min(wanted[1], width)), short=False, stacked=True
        )

    def _nav_sizes(
        self, widths: tuple[int, int], *, short: bool, stacked: bool
    ) -> tuple[QSize, QSize, bool]:
        keys = (-6, -7) if short else (-3, -4)
        buttons = (self.previous_button, self.more_button)
        sizes = [
            QSize(width, self._height(button, key + 10 * stacked, width))
            for button, key, width in zip(buttons, keys, widths, strict=True)
        ]
        return sizes[0], sizes[1], stacked

    def _least_width(self, button: BigButton) -> int:
        """The narrowest `button` gets without cutting a word: its longest word on a line."""
        metrics = QFontMetrics(self._theme.font(self._theme.button_text_px, bold=True))
        longest = max(metrics.horizontalAdvance(word) for word in button.text().split())
        return longest + self._theme.icon_room + 2 * self._theme.button_padding + 2

    def _nav_wanted(self, *, short: bool) -> tuple[int, int]:
        """Put the long or `short` words on Previous parts and More parts, and say the widths
        they need on one line."""
        # Called aloud by their long words, whichever they show.
        previous, more = words.previous_parts_button(), words.more_parts_button()
        if short:
            self.previous_button.set_label(words.previous_parts_short_button(), previous)
            self.more_button.set_label(words.more_parts_short_button(), more)
        else:
            self.previous_button.set_label(previous)
            self.more_button.set_label(more)
        return (
            _button_width(self.previous_button, self._theme, icon=True),
            _button_width(self.more_button, self._theme, icon=True),
        )

    def _nav_height(self, width: int) -> int:
        """The arrows' height: one row, or two, one above the other."""
        previous, more, stacked = self._nav(width)
        if stacked:
            return previous.height() + self._gap + more.height()
        return max(previous.height(), more.height())

    def _back_size(self, width: int) -> QSize:
        """The parts view's Back: its word on one line (or as many as the width needs)."""
        back_width = min(_button_width(self.back_button, self._theme, icon=True), width)
        return QSize(back_width, self._height(self.back_button, -5, back_width))

    def _top_words(self, *, paged: bool) -> str:
        """The parts view's words beside Back: which parts are shown, or the heading."""
        return self._widest_page_words() if paged else self.heading_label.text()

    def _top_row_height(self, width: int, *, paged: bool) -> int:
        back = self._back_size(width)
        room = width - back.width() - self._gap
        metrics = QFontMetrics(self.page_label.font())
        flags = int(Qt.TextFlag.TextWordWrap)
        text = self._top_words(paged=paged)
        words_height = metrics.boundingRect(QRect(0, 0, max(room, 1), 10_000), flags, text)
        return max(back.height(), words_height.height())

    def _widest_page_words(self) -> str:
        """The longest "Parts 13-14 of 14" the list may show, for room kept for it."""
        count = len(self.buttons)
        candidates = [words.parts_shown(count, count, count)]
        if count > 1:
            candidates.append(words.parts_shown(count - 1, count, count))
        return max(candidates, key=lambda text: _text_width(self.page_label, text))

    def _page_words_fit_beside_heading(self, width: int) -> bool:
        """Whether "Parts 10-12 of 13" fits on the heading's line, after its words (never
        where the row keeps room for the screen's buttons)."""
        if not self._heading_room.isEmpty():
            return False
        needed = _text_width(self.heading_label, self.heading_label.text())
        widest = _text_width(self.page_label, self._widest_page_words())
        return needed + self._gap + widest <= width

    def _page_words_below(self, width: int) -> int:
        """Height the page words take under the heading (0 when they fit beside it)."""
        if self._page_words_fit_beside_heading(width):
            return 0
        metrics = QFontMetrics(self.page_label.font())
        flags = int(Qt.TextFlag.TextWordWrap)
        words_rect = metrics.boundingRect(
            QRect(0, 0, width, 10_000), flags, self._widest_page_words()
        )
        return words_rect.height() + self._theme.sections_label_gap

    # Qt

    def minimumSizeHint(self) -> QSize:
        """Room for the heading, one part and the arrows: fewer parts a page, never a cut."""
        theme = self._theme
        lines = 2 * QFontMetrics(theme.font(theme.small_px)).lineSpacing()
        height = lines + theme.sections_label_gap + self._gap + 2 * theme.button_height
        return QSize(theme.touch_target_min, height)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Whoever comes back to the start screen finds the list from its first part.
        self.show_first_page()

    # Placing

    def _arrange(self) -> None:
        width, height = self.width(), self.height()
        if width <= 0 or height <= 0:
            return
        self.columns, per_page = self.arrangement(width, height)
        self.per_page = max(per_page, 1)
        self._first = min(self._first, max(len(self.buttons) - 1, 0))
        self._first -= self._first % self.per_page
        self._place()

    def _place(self) -> None:
        """Heading (with the page words), the page's parts row by row, and the arrows: one
        block, centred in the height, the arrows in the same place on every page."""
        width, height, gap = self.width(), self.height(), self._gap
        columns, per_page, count = self.columns, self.per_page, len(self.buttons)
        column_width = width if columns == 1 else (width - gap) // 2
        heights = self._button_heights(column_width)
        pages = [heights[start : start + per_page] for start in range(0, count, per_page)]
        list_height = max((page_height(page, columns, gap) for page in pages), default=0)
        paged = len(pages) > 1
        above = self._overhead(width, paged=paged)
        nav_height = self._nav_height(width) if paged else 0
        if paged:
            above -= nav_height + gap
        block = above + list_height + (gap + nav_height if paged else 0)
        # At the top where the screen's buttons share the heading's row (they are placed
        # there), else centred.
        top = 0 if not self._heading_room.isEmpty() else max(0, (height - block) // 2)

        last = min(self._first + per_page, count)
        page_words = words.parts_shown(self._first + 1, last, count) if paged else ""
        if self._compact:
            self._place_top_row(top, paged, page_words)
        else:
            self._place_heading(top, paged, page_words)

        y = top + above
        for row_start in range(self._first, last, columns):
            row = range(row_start, min(row_start + columns, last))
            row_height = max(heights[index] for index in row)
            for column, index in enumerate(row):
                x = column * (column_width + gap)
                self._put(self.buttons[index], x, y, column_width, row_height)
            y += row_height + gap
        if paged:
            nav_top = top + above + list_height + gap
            previous, more, stacked = self._nav(width)
            if stacked:
                # Previous on the first row, More on the second: each where it always is.
                more_top = nav_top + previous.height() + gap
                self._put(self.previous_button, 0, nav_top, previous.width(), previous.height())
                self._put(
                    self.more_button, width - more.width(), more_top, more.width(), more.height()
                )
            else:
                self._put(self.previous_button, 0, nav_top, previous.width(), nav_height)
                self._put(self.more_button, width - more.width(), nav_top, more.width(), nav_height)
        # Shown once in place: a button shown at another size first would keep the height
        # its words needed there.
        for index, button in enumerate(self.buttons):
            button.setVisible(self._first <= index < last)
        self.previous_button.setVisible(paged and self.page > 0)
        self.more_button.setVisible(paged and self.page + 1 < self.page_count)

    def _place_heading(self, top: int, paged: bool, page_words: str) -> None:
        """The heading, with the page words after it on its line or under it."""
        width, gap = self.width(), self._gap
        heading = self.heading_row_height(width)
        words_below = self._page_words_below(width) if paged else 0
        self.page_label.setText(page_words)
        if paged and not words_below:
            heading_width = _text_width(self.heading_label, self.heading_label.text())
            self._put(self.heading_label, 0, top, heading_width, heading)
            self.page_label.setAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            beside = width - heading_width - gap
            self._put(self.page_label, width - beside, top, beside, heading)
        else:
            room = self._heading_room
            heading_width = width if room.isEmpty() else max(width - room.width() - gap, 1)
            self._put(self.heading_label, 0, top, heading_width, heading)
            self.page_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            below = top + heading + self._theme.sections_label_gap
            self._put(
                self.page_label, 0, below, width, words_below - self._theme.sections_label_gap
            )
        self.heading_label.show()
        self.page_label.setVisible(paged)
        self.back_button.hide()

    def _place_top_row(self, top: int, paged: bool, page_words: str) -> None:
        """The parts view's top row: the words, and Back at the right. Neither is mirrored
        for a right-to-left article: on the left, Back would lie in the staff corner."""
        width = self.width()
        row = self._top_row_height(width, paged=paged)
        back = self._back_size(width)
        self.back_button.setMinimumHeight(0)
        self.back_button.setGeometry(
            QRect(
                width - back.width(), top + (row - back.height()) // 2, back.width(), back.height()
            )
        )
        self.back_button.show()
        self.page_label.setText(page_words or self.heading_label.text())
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.page_label.setGeometry(QRect(0, top, max(width - back.width() - self._gap, 1), row))
        self.page_label.show()
        self.heading_label.hide()

    def _put(self, widget: QWidget, x: int, y: int, width: int, height: int) -> None:
        """Place `widget`, mirrored in a right-to-left article. A button forgets the taller
        minimum it took at a narrower width before (BigButton grows rather than cut words):
        the height given here is what its words need at this width."""
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            x = self.width() - x - width
        if isinstance(widget, BigButton):
            widget.setMinimumHeight(0)
        widget.setGeometry(QRect(x, y, width, height))


class Arrangement(Enum):
    """How the start screen is laid out (see the module docstring)."""

    ROOMY = "roomy"
    COMPACT = "compact"


class Languages(Enum):
    """How the row at the top offers the leaflet's languages."""

    NONE = "none"  # one language: nothing to choose
    ROW = "row"  # a button for each
    BUTTON = "button"  # one globe button that opens them (the languages view)


@dataclass
class _Band:
    """The row at the top: "All leaflets" and the languages, in left-to-right coordinates
    (mirrored as the rest in a right-to-left screen); nothing and no height without either."""

    places: dict[QWidget, QRect] = field(default_factory=dict)
    height: int = 0
    languages: Languages = Languages.NONE
    menu_words: str = ""  # "All leaflets", or where the row is short of room "Leaflets"


class TimePlace(Enum):
    """Where the compact arrangement puts the reading time."""

    BESIDE_START = "beside start"
    UNDER_TITLE = "under title"
    NOWHERE = "nowhere"


@dataclass(frozen=True)
class Structure:
    """What the start screen holds, chosen at Standard size and kept as the text grows."""

    arrangement: Arrangement
    title_index: int  # into Theme.screen_title_sizes
    parts_inline: bool = True  # the list on the screen itself, not behind "Choose a part"
    comfort: bool = True  # A-, "Text size", A+ and High contrast
    cut_title: bool = False  # the title cut after a word where it would take too many lines
    # "All leaflets" and the languages in a row at the top (else, compact, among the buttons).
    band_on_top: bool = True
    # "Choose a part" where the list is not on the screen, and the room kept for "Carry on
    # reading" (two lines): given up (the latter first) only on a small panel that has "All
    # leaflets" and the languages to show, in words longer than English (the parts are then
    # read in turn from "Tap to start"; the offer to carry on is not made).
    parts_offered: bool = True
    resume_place: bool = True
    # Roomy: the languages at the end of the parts heading's row rather than in a row across
    # the top, where that row would take the room of the summary or of parts.
    band_beside_parts: bool = False


@dataclass
class _Plan:
    """Where everything goes, in left-to-right coordinates (`fixed` ones as they are)."""

    structure: Structure
    title_px: int
    title_text: str
    places: dict[QWidget, QRect] = field(default_factory=dict)
    fixed: set[QWidget] = field(default_factory=set)
    summary: bool = False
    # The summary shortened to the room left ("…" after a word); None: the whole of it.
    summary_text: str | None = None
    resume_over_title: bool = False
    parts_word: str = ""
    # The compact parts view: the list's place, and whether the disclaimer stays under it.
    parts_rect: QRect = field(default_factory=QRect)
    parts_disclaimer: bool = True
    parts_per_page: int = 0
    gap: int = 0
    band: _Band = field(default_factory=_Band)
    # Kept free at the end of the parts heading's row, for the row's buttons put there.
    heading_room: QSize = field(default_factory=QSize)
    # The languages view (the globe button's): the languages and Back, under the row.
    language_view: dict[QWidget, QRect] = field(default_factory=dict)


class _View(Enum):
    FRONT = "front"
    PARTS = "parts"  # the compact arrangement's list of parts, in the whole screen
    LANGUAGES = "languages"  # the leaflet's languages, under the row at the top


class StartScreen(QWidget):
    """Title, summary (or "Carry on reading"), "Tap to start" with the reading time, text size
    and contrast, and the article's parts; the disclaimer at the bottom."""

    start_requested = Signal()  # "Tap to start"
    section_chosen = Signal(int)  # a section button, by section index
    resume_requested = Signal()  # "Carry on reading: ...": back to the page left with Home
    smaller_text_requested = Signal()  # "A-"
    larger_text_requested = Signal()  # "A+"
    contrast_requested = Signal()  # "High contrast": on or off
    language_chosen = Signal(str)  # a language's button, by its tag from set_languages
    menu_requested = Signal()  # "All leaflets": back to the menu of leaflets
    # The screen shows the list of parts or the languages (True), or its front again.
    parts_view_changed = Signal(bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel_theme = theme  # as the window gives it
        self._theme = theme  # as drawn: grown with the text as far as there is room
        self._fitting = False
        self._fitted: tuple[object, ...] = ()  # what the zoom was last fitted to
        self._content = 0  # counts changes of the words shown, for `_fitted`
        self._resume_title = ""  # the part "Carry on reading" goes back to
        self._resume_offered = False
        self._title_text = ""
        self._summary_text = ""
        self._section_titles: list[str] = []  # the article's, as written
        self._reading_minutes = 0
        self._languages: list[str] = []  # the leaflet's, as tags
        self._current_language = ""
        self._menu_available = False
        self._view = _View.FRONT
        self._plan: _Plan | None = None
        self._sizes_taken: tuple[object, ...] | None = None  # what `_take_sizes` gave last
        # Heights measured at the sizes taken last: fitting asks for the same ones many times.
        self._measured: dict[tuple[object, ...], object] = {}
        self._sections_theme = theme  # the list's sizes in the plan chosen
        # Where each widget shown is laid out; it is drawn `_drift.offset` from there.
        self._home: dict[QWidget, QRect] = {}
        self._drift = BurnInDrift(self._drift_room, burn_in_span(theme), self)
        self._drift.moved.connect(self._follow_drift)
        # Every other step, all the screen's colours a level off: over all it draws.
        self._veil = BurnInVeil(self._drift, self)
        self.title_label = TextLabel(parent=self)
        self.summary_label = TextLabel(parent=self)
        self.resume_button = BigButton("", theme, primary=True, icon=Icon.NEXT, parent=self)
        self.start_button = BigButton("", theme, primary=True, icon=Icon.NEXT, parent=self)
        self.reading_time_label = TextLabel(parent=self)
        self.parts_button = BigButton("", theme, parent=self)
        self._choices = TextChoices(theme, self)
        self.smaller_button = self._choices.smaller
        self.text_size_label = self._choices.size_label
        self.larger_button = self._choices.larger
        self.contrast_button = self._choices.contrast
        # The row at the top: back to the menu, and the leaflet's languages.
        self.menu_button = BigButton("", theme, compact=True, icon=Icon.BACK, parent=self)
        self.languages_button = LanguagesButton(theme, self)
        self.language_buttons: list[BigButton] = []
        self.languages_back_button = BigButton("", theme, icon=Icon.BACK, parent=self)
        self.sections = SectionList(theme, self)
        self.disclaimer_label = TextLabel(parent=self)
        self.disclaimer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Measures how tall "Carry on reading" may get: two lines (never shown).
        self._two_lines = BigButton(_TWO_LINES, theme, parent=self)
        self._front = (
            self.title_label,
            self.summary_label,
            self.resume_button,
            self.start_button,
            self.reading_time_label,
            self.parts_button,
            self.smaller_button,
            self.text_size_label,
            self.larger_button,
            self.contrast_button,
        )
        for widget in (*self._front, *self._band_widgets(), self._two_lines):
            widget.hide()
        self.languages_back_button.hide()
        self._show_words()

        self.start_button.clicked.connect(self.start_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.parts_button.clicked.connect(self.show_parts)
        self.smaller_button.clicked.connect(self.smaller_text_requested)
        self.larger_button.clicked.connect(self.larger_text_requested)
        self.contrast_button.clicked.connect(self._on_contrast_clicked)
        self.sections.section_chosen.connect(self.section_chosen)
        self.sections.back_requested.connect(self.show_front)
        self.menu_button.clicked.connect(self.menu_requested)
        self.languages_button.clicked.connect(self._on_languages_clicked)
        self.languages_back_button.clicked.connect(self.show_front)

        # The window's size, whatever the words would like (the screens adapt to the window).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.set_choices(can_smaller=False, can_larger=True, high_contrast=False)

    # What it shows

    @property
    def section_buttons(self) -> list[BigButton]:
        """Every part's button, on whichever page of the list it is."""
        return self.sections.buttons

    @property
    def zoom(self) -> float:
        """How much the screen's words and buttons are grown for the patient's text size."""
        return self._theme.scale / self._panel_theme.scale

    @property
    def arrangement(self) -> Arrangement:
        """Roomy or compact, as the screen is drawn now."""
        return self._plan.structure.arrangement if self._plan else Arrangement.ROOMY

    @property
    def showing_parts(self) -> bool:
        """Whether the compact arrangement's parts view is shown (after "Choose a part")."""
        return self._view is _View.PARTS

    @property
    def showing_languages(self) -> bool:
        """Whether the languages view is shown (after the globe button)."""
        return self._view is _View.LANGUAGES

    @property
    def languages_offered(self) -> Languages:
        """How the row at the top offers the languages, as the screen is drawn now."""
        return self._plan.band.languages if self._plan else Languages.NONE

    @property
    def text_size_percent(self) -> int:
        """The patient's text size, as a percentage of Standard (to the nearest 5)."""
        theme = self._panel_theme
        return 5 * round(20 * theme.body_px / theme.standard_body_px)

    def set_disclaimer(self, text: str) -> None:
        self.disclaimer_label.setText(text)
        self._content_changed()

    def set_article(self, article: Article) -> None:
        self._title_text = article.title
        self.title_label.setText(article.title)
        self.title_label.setAccessibleName(article.title)
        self._summary_text = article.summary
        self.summary_label.setText(article.summary)
        self._section_titles = [section.title for section in article.slides]
        self.sections.set_titles(self._section_labels())
        self._view = _View.FRONT
        self._content_changed()

    def set_reading_minutes(self, minutes: int) -> None:
        """ "About 8 minutes to read" beside "Tap to start" (nothing for 0)."""
        self._reading_minutes = minutes
        self._show_reading_time()
        self._content_changed()

    def set_languages(self, languages: Sequence[str], current: str) -> None:
        """The leaflet's languages (tags), each offered in its own name, `current` marked
        (the patient's: none is marked when the leaflet is not in it); nothing to choose
        with fewer than two."""
        tags = list(languages)
        if tags == self._languages and current == self._current_language:
            return
        if tags != self._languages:
            for button in self.language_buttons:
                # Out of the screen at once: deleteLater waits for the event loop.
                button.hide()
                button.setParent(None)
                button.deleteLater()
            self._languages = tags
            self.language_buttons = []
            if len(tags) > 1:
                for tag, name in zip(tags, language_names(tags), strict=True):
                    button = BigButton(name, self._theme, compact=True, parent=self)
                    button.setCheckable(True)
                    button.hide()
                    button.clicked.connect(lambda _=False, chosen=tag: self._on_language(chosen))
                    self.language_buttons.append(button)
        self._current_language = current
        for tag, button in zip(self._languages, self.language_buttons, strict=False):
            button.setChecked(tag == current)
        self._show_language_chosen()
        if self._view is _View.LANGUAGES and not self.language_buttons:
            self.show_front()
        self._content_changed()

    def set_menu_available(self, available: bool) -> None:
        """Offer "All leaflets", back to the menu of leaflets (a library of more than one)."""
        if available != self._menu_available:
            self._menu_available = available
            self._content_changed()

    def set_resume(self, section_title: str | None) -> None:
        """Offer "Carry on reading: <section_title>" in the summary's place (or the title's);
        None takes it back. Nothing else moves."""
        self._resume_offered = section_title is not None
        if section_title is not None:
            self._resume_title = section_title
            self.resume_button.setAccessibleName(words.carry_on_button(section_title))
        if self._plan is not None:
            self._place()

    def set_choices(self, can_smaller: bool, can_larger: bool, high_contrast: bool) -> None:
        """Show the patient's choices: A- and A+ faint where there is no smaller or larger
        size, High contrast switched on or off."""
        self._choices.set_choices(can_smaller, can_larger, high_contrast)

    def set_theme(self, theme: Theme) -> None:
        self._panel_theme = theme
        self._drift.set_span(burn_in_span(theme))
        self._show_text_size()
        self._fit()

    def set_clock(self, clock: Clock) -> None:
        """Time the burn-in drift's steps by `clock` (the window's) rather than the screen's own."""
        self._drift.set_clock(clock)

    @Slot()
    def show_parts(self) -> None:
        """The compact arrangement's list of parts, in the whole screen ("Choose a part")."""
        if self._plan is not None and not self._plan.structure.parts_inline:
            self._view = _View.PARTS
            self._place()
            self.parts_view_changed.emit(True)

    @Slot()
    def show_front(self) -> None:
        """Title, "Tap to start" and the rest: back from the parts view or the languages."""
        if self._view is not _View.FRONT:
            self._view = _View.FRONT
            self._place()
            self.parts_view_changed.emit(False)

    @Slot()
    def show_languages(self) -> None:
        """The leaflet's languages in the place of the rest of the screen (the globe
        button's, where the row at the top has no room for a button each)."""
        if self._plan is not None and self._plan.band.languages is Languages.BUTTON:
            self._view = _View.LANGUAGES
            self._place()
            self.parts_view_changed.emit(True)

    @Slot()
    def _on_languages_clicked(self) -> None:
        if self._view is _View.LANGUAGES:
            self.show_front()
        else:
            self.show_languages()

    def _on_language(self, tag: str) -> None:
        # As with contrast: the button shows the language chosen once set_languages says so.
        for other, button in zip(self._languages, self.language_buttons, strict=False):
            button.setChecked(other == self._current_language)
        self.show_front()
        self.language_chosen.emit(tag)

    def _band_widgets(self) -> tuple[BigButton, ...]:
        return (self.menu_button, self.languages_button, *self.language_buttons)

    # The words

    def _show_words(self) -> None:
        """Every word the screen sets itself (not the article's, nor the disclaimer), in the
        interface's language: when it is made, and again when the language changes."""
        self.start_button.set_label(words.start_button())
        self.parts_button.set_label(words.choose_part_button())
        self._choices.show_words()
        self.menu_button.set_label(words.all_leaflets_button())
        self.languages_back_button.set_label(words.back_button())
        self._show_text_size()
        self._show_reading_time()
        self._show_language_chosen()
        self.sections.show_words()
        self.sections.relabel(self._section_labels())
        if self._resume_offered:
            self.resume_button.setAccessibleName(words.carry_on_button(self._resume_title))

    def _section_labels(self) -> list[str]:
        return [
            words.section_button(index + 1, title)
            for index, title in enumerate(self._section_titles)
        ]

    def _show_reading_time(self) -> None:
        minutes = self._reading_minutes
        self.reading_time_label.setText(words.reading_time(minutes) if minutes > 0 else "")

    def _show_language_chosen(self) -> None:
        """The globe button's words: the language chosen, in its own name."""
        named = dict(zip(self._languages, language_names(self._languages), strict=True))
        current = self._current_language
        name = named.get(current) or (language_name(current) if current else "")
        self.languages_button.set_label(name, words.languages_spoken(name))

    def _show_text_size(self) -> None:
        """ "Text size" and under it the size chosen ("125%"), between A- and A+: something
        that visibly changes at each press, however little room the screen has to grow."""
        self._choices.show_size(self.text_size_percent)

    def _content_changed(self) -> None:
        self._content += 1
        self._fit()

    # Growing with the text, as far as the room allows

    def _fit(self) -> None:
        """Choose what the screen holds at Standard size (`_choose`), then draw it with the
        largest zoom, in ZOOM_STEPs up to what the text size asks, at which it still fits."""
        fitted = (
            self._panel_theme,
            self.width(),
            self.height(),
            self._content,
            self.layoutDirection(),
        )
        if self._fitting or fitted == self._fitted or not self.isVisible():
            return  # (a hidden screen is fitted when it shows: text grows while reading)
        self._fitting = True
        self._sizes_taken = None
        try:
            base = self._panel_theme
            wanted = max(1.0, self.text_size_percent / 100)
            steps = int((wanted - 1) / ZOOM_STEP + 1e-9)
            zooms = [1 + step * ZOOM_STEP for step in range(steps + 1)]
            if wanted > zooms[-1] + 1e-9:
                zooms.append(wanted)
            themes = [dataclasses.replace(base, zoom=base.zoom * zoom) for zoom in zooms]
            structure, standard = self._choose(themes[0])
            # Larger words need more room, so the zooms that fit come first: find the last.
            low, high = 0, len(themes) - 1
            while low < high:
                middle = (low + high + 1) // 2
                plan = self._plan_for(themes[middle], structure)
                if plan is not None and plan.parts_per_page >= min(
                    standard.parts_per_page, MINIMUM_PARTS_A_PAGE
                ):
                    low = middle
                else:
                    high = middle - 1
            chosen = self._plan_for(themes[low], structure)
            if chosen is None:  # only at Standard size, when nothing fits (see _choose)
                chosen = self._plan_for(themes[low], structure, force=True)
            assert chosen is not None
            self._plan = chosen
            self._apply_colours(themes[low])
            if (self._view is _View.PARTS and chosen.structure.parts_inline) or (
                self._view is _View.LANGUAGES and chosen.band.languages is not Languages.BUTTON
            ):
                self._view = _View.FRONT
            self._place()
            self._fitted = fitted
        finally:
            self._fitting = False

    def _structures(self) -> Iterator[Structure]:
        """What the screen may hold, from the most to the least."""
        titles = range(len(self._panel_theme.screen_title_sizes))
        band = self._menu_available or len(self.language_buttons) > 1
        for index in titles[:2]:
            yield Structure(Arrangement.ROOMY, index)
            if band:
                yield Structure(Arrangement.ROOMY, index, band_beside_parts=True)
        # Where there is a row at the top, it may join the buttons rather than take a row
        # of its own: before the title gets smaller.
        places = (True, False) if band else (True,)
        for parts_inline, comfort in ((True, True), (False, True), (False, False)):
            for index in titles:
                for on_top in places:
                    yield Structure(
                        Arrangement.COMPACT, index, parts_inline, comfort, band_on_top=on_top
                    )
        for on_top in places:
            yield Structure(
                Arrangement.COMPACT, titles[-1], False, False, cut_title=True, band_on_top=on_top
            )
        if band:
            # The room kept for "Carry on reading" (a few seconds after Home), then "Choose a
            # part", give way to "All leaflets" and the languages.
            for parts, resume in ((True, False), (False, True), (False, False)):
                for on_top in places:
                    yield Structure(
                        Arrangement.COMPACT,
                        titles[-1],
                        False,
                        False,
                        cut_title=True,
                        band_on_top=on_top,
                        parts_offered=parts,
                        resume_place=resume,
                    )

    def _choose(self, theme: Theme) -> tuple[Structure, _Plan]:
        """The first structure that fits at Standard size, and its plan; where none does (a
        disclaimer of many lines on a small panel), the least, forced. With a row at the top,
        first the roomy ones that keep all the screen would show without it (the summary, as
        many parts): the row gives way before they do."""
        structure = Structure(Arrangement.ROOMY, 0)
        # Measured whole: a plan placed before may have shortened it.
        self.summary_label.setText(self._summary_text)
        if self._menu_available or len(self.language_buttons) > 1:
            for structure in self._structures():
                if structure.arrangement is not Arrangement.ROOMY:
                    continue
                plan = self._plan_for(theme, structure)
                if plan is not None and self._keeps_all(structure, plan):
                    return structure, plan
        for structure in self._structures():
            plan = self._plan_for(theme, structure)
            if plan is not None:
                return structure, plan
        plan = self._plan_for(theme, structure, force=True)
        assert plan is not None
        return structure, plan

    def _summary_cut(self, width: int, room: int) -> tuple[int, str | None]:
        """The summary shortened at a word end to fit `room` pixels at `width`, and its
        height; (0, None) when not even two lines fit."""
        metrics = self.summary_label.fontMetrics()
        if 2 * metrics.lineSpacing() > room or not self._summary_text:
            return 0, None

        def height(text: str) -> int:
            flags = int(Qt.TextFlag.TextWordWrap)
            return metrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, text).height()

        cut = _cut_to_fit(self._summary_text, lambda text: height(text) <= room)
        if height(cut) > room:
            return 0, None
        return height(cut), cut

    def _keeps_all(self, structure: Structure, plan: _Plan) -> bool:
        """Whether roomy `plan` (at the sizes taken) shows the summary and as many parts a page
        as `structure` would without the row at the top."""
        alone = self._plan_roomy(
            dataclasses.replace(structure, band_beside_parts=False), _Band(), force=False
        )
        if alone is None:
            return True
        return plan.summary >= alone.summary and plan.parts_per_page >= alone.parts_per_page

    def _plan_for(self, theme: Theme, structure: Structure, *, force: bool = False) -> _Plan | None:
        """Where everything goes with `theme`'s sizes holding `structure`; None if it does
        not fit (with `force`, placed even so, clipped to the screen)."""
        width, height = self.width(), self.height()
        if width <= 0 or height <= 0:
            return None
        self._take_sizes(theme, structure.arrangement, parts_view=not structure.parts_inline)
        compact = structure.arrangement is Arrangement.COMPACT
        band = self._band(compact)
        self.sections.set_heading_room(QSize())
        if compact:
            plan = self._plan_compact(structure, band, force=force)
        else:
            plan = self._plan_roomy(structure, band, force=force)
        if plan is not None and plan.band.languages is Languages.BUTTON:
            plan.language_view = self._language_view(plan.band, compact=compact)
        return plan

    def _take_sizes(self, theme: Theme, arrangement: Arrangement, *, parts_view: bool) -> None:
        """Give every widget `theme`'s fonts and sizes (colours wait for the one chosen)."""
        key = (theme, arrangement, parts_view)
        if self._sizes_taken == key:
            return
        self._sizes_taken = key
        self._measured.clear()
        self._theme = theme
        compact = arrangement is Arrangement.COMPACT
        # A-, A+ and High contrast as the reading screen's slim bars draw them: as tall as
        # their words need, never less than a touch target; in the compact arrangement every
        # button is.
        slim = dataclasses.replace(theme, slim=True)
        buttons = slim if compact else theme
        for label, pixels, bold in (
            (self.disclaimer_label, theme.small_px, False),
            (self.summary_label, theme.ui_body_px, False),
            (self.reading_time_label, theme.small_px, False),
            (self.text_size_label, theme.small_px, False),
        ):
            label.setFont(theme.font(pixels, bold=bold))
        for button in (self.start_button, self.resume_button, self.parts_button, self._two_lines):
            button.set_theme(buttons)
        for button in (
            self.smaller_button,
            self.larger_button,
            self.contrast_button,
            *self._band_widgets(),
            self.languages_back_button,
        ):
            button.set_theme(slim)
        gap = theme.compact_gap if compact else theme.gap
        self.sections.set_theme(buttons, gap=gap, compact=compact and parts_view, place=False)

    def _slim(self) -> Theme:
        return dataclasses.replace(self._theme, slim=True)

    def _title_height(self, pixels: int, width: int, text: str) -> int:
        key = ("title", pixels, width, text)
        height = self._measured.get(key)
        if not isinstance(height, int):
            self.title_label.setFont(self._theme.font(pixels, bold=True))
            self.title_label.setText(text)
            height = self._measured[key] = self.title_label.heightForWidth(width)
        return height

    def _height(self, widget: TextLabel | BigButton, width: int) -> int:
        """`widget`'s height at `width` (0 for a label without words), at the sizes taken."""
        key = (widget, width, widget.text())
        height = self._measured.get(key)
        if not isinstance(height, int):
            empty = isinstance(widget, TextLabel) and not widget.text()
            height = self._measured[key] = 0 if empty else widget.heightForWidth(width)
        return height

    def _disclaimer_height(self, width: int) -> int:
        return self._height(self.disclaimer_label, width)

    def _comfort_sizes(self) -> tuple[list[QSize], int]:
        """(A-, "Text size", A+ and High contrast's sizes, with "Text size" on as few lines as
        its words allow; the width "Text size" needs at the least)."""
        key = ("comfort", self.text_size_label.text())
        known = self._measured.get(key)
        if known is None:
            known = self._measured[key] = self._measure_comfort()
        assert isinstance(known, tuple)
        return known

    def _measure_comfort(self) -> tuple[list[QSize], int]:
        slim = self._slim()
        label = self.text_size_label
        label_width = _widest_line_width(label)
        sizes = [
            QSize(_letter_button_width(slim, self.smaller_button.text()), slim.button_height),
            QSize(label_width, label.heightForWidth(label_width)),
            QSize(_letter_button_width(slim, self.larger_button.text()), slim.button_height),
            QSize(self.contrast_button.sizeHint().width(), slim.button_height),
        ]
        return sizes, _longest_word_width(label)

    # The row at the top, and the languages view

    def _band(self, compact: bool) -> _Band:
        """The row at the top at the sizes taken (see `_measure_band`)."""
        key = ("band", compact)
        known = self._measured.get(key)
        if not isinstance(known, _Band):
            known = self._measured[key] = self._measure_band(compact)
        return known

    def _measure_band(self, compact: bool) -> _Band:
        """ "All leaflets" at the row's start and the languages at its end, the first of these
        that fits across: a button for each language beside "All leaflets", then beside
        "Leaflets"; the globe button beside either; else the two on a row each. Clear of the
        staff corner: the row keeps off its side (its end in a right-to-left screen, which
        the mirroring puts on the left)."""
        languages = len(self.language_buttons) > 1
        if not self._menu_available and not languages:
            return _Band()
        theme = self._theme
        side = theme.compact_side_margin if compact else theme.side_margin
        top = theme.compact_margin if compact else theme.margin
        gap = theme.compact_gap if compact else theme.gap
        corner = self._panel_theme.staff_corner
        clear = max(side, corner + gap) if top < corner else side
        if self._right_to_left():
            start, end = side, self.width() - clear
        else:
            start, end = clear, self.width() - side
        room = max(end - start, 1)
        long_words = words.all_leaflets_button()
        menu_forms = [long_words, words.all_leaflets_short_button()] if self._menu_available else []
        forms = [Languages.ROW, Languages.BUTTON] if languages else [Languages.NONE]

        def menu_size(text: str) -> QSize:
            self.menu_button.set_label(text, long_words)
            width = min(self.menu_button.one_line_width(), room)
            return QSize(width, self._height(self.menu_button, width))

        def language_sizes(form: Languages) -> list[tuple[QWidget, QSize]]:
            shown: list[BigButton] = []
            if form is Languages.ROW:
                shown = list(self.language_buttons)
            elif form is Languages.BUTTON:
                shown = [self.languages_button]
            sized: list[tuple[QWidget, QSize]] = []
            for button in shown:
                width = min(button.one_line_width(), room)
                sized.append((button, QSize(width, self._height(button, width))))
            return sized

        def across(sized: Sequence[tuple[QWidget, QSize]]) -> int:
            return sum(size.width() for _, size in sized) + gap * max(len(sized) - 1, 0)

        def rows(*sized_rows: list[tuple[QWidget, QSize]]) -> dict[QWidget, QRect]:
            """Each row's widgets at the row's end (the first widget of a row that holds
            "All leaflets" at its start), each row as tall as its tallest."""
            places: dict[QWidget, QRect] = {}
            y = top
            for sized in sized_rows:
                if not sized:
                    continue
                height = max(size.height() for _, size in sized)
                rest = sized
                if sized[0][0] is self.menu_button:
                    size = sized[0][1]
                    middle = y + (height - size.height()) // 2
                    places[self.menu_button] = QRect(start, middle, size.width(), size.height())
                    rest = sized[1:]
                x = end - across(rest)
                for widget, size in rest:
                    middle = y + (height - size.height()) // 2
                    places[widget] = QRect(x, middle, size.width(), size.height())
                    x += size.width() + gap
                y += height + gap
            return places

        def height_of(places: dict[QWidget, QRect]) -> int:
            return max(rect.bottom() + 1 for rect in places.values()) - top

        for form in forms:
            for text in menu_forms or [""]:
                menu: list[tuple[QWidget, QSize]] = []
                if text:
                    menu = [(self.menu_button, menu_size(text))]
                sized = language_sizes(form)
                if across(menu) + (gap if menu and sized else 0) + across(sized) <= room:
                    places = rows([*menu, *sized])
                    return _Band(places, height_of(places), form, text)

        def fits_alone(text: str) -> bool:
            self.menu_button.set_label(text, long_words)
            return self.menu_button.one_line_width() <= room

        # A row each: "All leaflets" as it fits, then the languages as they fit.
        least = menu_forms[-1] if menu_forms else ""
        text = next((text for text in menu_forms if fits_alone(text)), least)
        menu = [(self.menu_button, menu_size(text))] if text else []
        form = next((form for form in forms if across(language_sizes(form)) <= room), forms[-1])
        places = rows(menu, language_sizes(form))
        return _Band(places, height_of(places), form, text)

    def _language_view(self, band: _Band, *, compact: bool) -> dict[QWidget, QRect]:
        """The languages in the rest of the screen: a grid of buttons as wide as each other,
        under the row at the top, and Back at the foot, at the start."""
        theme = self._theme
        side = theme.compact_side_margin if compact else theme.side_margin
        gap = theme.compact_gap if compact else theme.gap
        top = (theme.compact_margin if compact else theme.margin) + band.height + gap
        if not band.height:
            # Nothing above: the first row starts below the staff corner.
            top = max(top, self._panel_theme.staff_corner + gap)
        bottom = self.height() - (theme.compact_margin if compact else theme.start_bottom_margin)
        inner = max(self.width() - 2 * side, 1)
        buttons = self.language_buttons
        width = min(max(button.one_line_width() for button in buttons), inner)
        height = max(self._height(button, width) for button in buttons)
        columns = max(1, min(len(buttons), (inner + gap) // (width + gap)))
        places: dict[QWidget, QRect] = {}
        for index, button in enumerate(buttons):
            row, column = divmod(index, columns)
            places[button] = QRect(
                side + column * (width + gap), top + row * (height + gap), width, height
            )
        back = self.languages_back_button
        back_width = min(back.one_line_width(), inner)
        back_height = self._height(back, back_width)
        places[back] = QRect(side, bottom - back_height, back_width, back_height)
        return places

    def _right_to_left(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    # The roomy arrangement

    def _plan_roomy(self, structure: Structure, band: _Band, *, force: bool) -> _Plan | None:
        """The introduction beside the list (landscape) or above it (portrait), under the
        row at the top."""
        theme, gap = self._theme, self._theme.gap
        width, height = self.width(), self.height()
        side, top = theme.side_margin, theme.margin
        by_parts = structure.band_beside_parts
        if by_parts and not self._band_fits_beside(band):
            return None
        if band.height and not by_parts:
            top += band.height + theme.block_gap
        inner_width = width - 2 * side
        inner_height = height - top - theme.start_bottom_margin
        title_px = theme.screen_title_sizes[structure.title_index]
        plan = _Plan(structure, title_px, self._title_text, gap=gap)
        disclaimer = self._disclaimer_height(inner_width)
        body = inner_height - (disclaimer + theme.disclaimer_gap if disclaimer else 0)
        landscape = width >= height
        column = (inner_width - theme.start_column_gap) // 2 if landscape else inner_width
        if column <= 0 or body <= 0:
            return None

        title = self._title_height(title_px, column, self._title_text)
        start_width = max(theme.start_button_size.width(), self.start_button.sizeHint().width())
        start_height = max(
            theme.start_button_size.height(), self.start_button.heightForWidth(start_width)
        )
        time = self.reading_time_label
        room_beside = column - start_width - gap
        beside = room_beside > 0 and self._height(time, room_beside) <= start_height
        start_row = start_height
        time_height = self._height(time, column) if not beside else 0
        if time_height:
            start_row += gap + time_height

        sizes, least_label = self._comfort_sizes()
        buttons_width = sizes[0].width() + sizes[2].width() + sizes[3].width() + 3 * gap
        label_width = sizes[1].width()
        if buttons_width + label_width > column:
            # "Text size" may take two lines rather than push High contrast onto a row of
            # its own.
            label_width = least_label
        one_row = buttons_width + label_width <= column
        label_height = self.text_size_label.heightForWidth(label_width)
        first_row = max(sizes[0].height(), label_height)
        choices = first_row + (0 if one_row else gap + sizes[3].height())

        resume = self._height(self._two_lines, column)
        summary = self._height(self.summary_label, column)
        needed = title + theme.sections_label_gap + start_row + choices + 2 * theme.block_gap
        list_minimum = self.sections.minimumSizeHint().height()
        room = body if landscape else body - theme.start_column_gap - list_minimum
        if needed + max(resume, summary) > room:
            # The one thing left out for room: the title says what this is. Under a row of
            # languages it is shortened instead, where two lines or more still fit: the row
            # must not cost the patient the line that says what the leaflet is about.
            summary, plan.summary_text = (
                self._summary_cut(column, room - needed) if band.height else (0, None)
            )
        slot = max(summary, resume)
        intro = needed + slot
        if landscape:
            list_rect = QRect(
                side + column + theme.start_column_gap,
                top,
                inner_width - column - theme.start_column_gap,
                body,
            )
        else:
            list_top = top + intro + theme.start_column_gap
            list_rect = QRect(side, list_top, inner_width, top + body - list_top)
        plan.band = band
        if by_parts:
            band_beside = self._band_beside(band, list_rect)
            if band_beside is None:
                return None
            plan.band = band_beside
            plan.heading_room = QSize(_across(band.places.values()), band.height)
        self.sections.set_heading_room(plan.heading_room)
        parts = self.sections.arrangement(list_rect.width(), list_rect.height())[1]
        enough = min(len(self.sections.buttons), MINIMUM_PARTS_A_PAGE)
        fits = intro <= room and start_width <= column and parts >= enough
        if not fits and not force:
            return None
        plan.summary = summary > 0
        plan.parts_per_page = parts

        places = plan.places
        y = top + max(0, (body - intro) // 2) if landscape else top
        places[self.title_label] = QRect(side, y, column, title)
        y += title + theme.sections_label_gap
        if plan.summary:
            places[self.summary_label] = QRect(side, y, column, summary)
        places[self.resume_button] = QRect(side, y, column, resume)
        y += slot + theme.block_gap
        places[self.start_button] = QRect(side, y, start_width, start_height)
        if time.text():
            if beside:
                x = side + start_width + gap
                places[time] = QRect(x, y, column - start_width - gap, start_height)
            else:
                places[time] = QRect(side, y + start_height + gap, column, time_height)
        y += start_row + theme.block_gap
        x = side
        row = [
            QSize(sizes[0]),
            QSize(label_width, label_height),
            QSize(sizes[2]),
        ]
        if one_row:
            row.append(QSize(sizes[3]))
        for widget, size in zip(
            (self.smaller_button, self.text_size_label, self.larger_button, self.contrast_button),
            row,
            strict=False,
        ):
            places[widget] = QRect(
                x, y + (first_row - size.height()) // 2, size.width(), size.height()
            )
            x += size.width() + gap
        if not one_row:
            places[self.contrast_button] = QRect(
                side, y + first_row + gap, sizes[3].width(), sizes[3].height()
            )
        places[self.sections] = list_rect
        places[self.disclaimer_label] = QRect(
            side, height - theme.start_bottom_margin - disclaimer, inner_width, disclaimer
        )
        return plan

    def _band_fits_beside(self, band: _Band) -> bool:
        """Whether the row at the top may go beside the parts heading: a language's button
        each, in one row, without "All leaflets" (whose place is the screen's start)."""
        if band.languages is not Languages.ROW or self.menu_button in band.places:
            return False
        return len({rect.top() for rect in band.places.values()}) == 1

    def _band_beside(self, band: _Band, list_rect: QRect) -> _Band | None:
        """The row's buttons at the end of the parts heading's row (the list starts at the top
        of `list_rect`), the heading's longest word still beside them, none in the staff
        corner; None where they do not fit so."""
        rects = list(band.places.values())
        across = _across(rects)
        heading = self.sections.heading_label
        if across + self._theme.gap + _longest_word_width(heading) > list_rect.width():
            return None
        right = max(rect.right() for rect in rects)
        top = min(rect.top() for rect in rects)
        shift = (list_rect.right() - right, list_rect.top() - top)
        places = {widget: rect.translated(*shift) for widget, rect in band.places.items()}
        corner = self._panel_theme.staff_corner
        for rect in places.values():
            drawn = rect
            if self._right_to_left():
                drawn = QRect(self.width() - rect.x() - rect.width(), rect.y(), rect.width(), 1)
            if drawn.left() < corner and drawn.top() < corner:
                return None
        return _Band(places, band.height, band.languages, band.menu_words)

    # The compact arrangement

    def _plan_compact(self, structure: Structure, band: _Band, *, force: bool) -> _Plan | None:
        """One column (see the module docstring) under the row at the top: the first of the
        ways to hold `structure`, from the most to the least, that fits."""
        theme = self._theme
        gaps = (theme.gap, theme.compact_gap) if theme.gap > theme.compact_gap else (theme.gap,)
        parts_words = [words.choose_part_button(), words.parts_button()]
        extras = (
            (True, TimePlace.BESIDE_START),
            (True, TimePlace.UNDER_TITLE),
            (False, TimePlace.BESIDE_START),
            (False, TimePlace.UNDER_TITLE),
            (False, TimePlace.NOWHERE),
        )
        last: tuple[int, str, bool, TimePlace] = (
            gaps[-1],
            parts_words[-1],
            False,
            TimePlace.NOWHERE,
        )
        bands = [band] if structure.band_on_top else self._inline_bands()
        for parts_word in parts_words:
            for shown in bands:
                for gap in gaps:
                    for summary, time_place in extras:
                        plan = self._compact_way(
                            structure, shown, gap, parts_word, summary, time_place
                        )
                        if plan is not None:
                            return plan
        if force:
            return self._compact_way(structure, bands[-1], *last, force=True)
        return None

    def _inline_bands(self) -> list[_Band]:
        """The row at the top's buttons to go among the others instead (their places hold
        only their sizes): "All leaflets", else "Leaflets", and the globe button."""
        long_words = words.all_leaflets_button()
        menu_forms = [long_words, words.all_leaflets_short_button()]
        languages = Languages.BUTTON if len(self.language_buttons) > 1 else Languages.NONE
        bands = []
        for text in menu_forms if self._menu_available else [""]:
            places: dict[QWidget, QRect] = {}
            if text:
                self.menu_button.set_label(text, long_words)
                width = self.menu_button.one_line_width()
                places[self.menu_button] = QRect(0, 0, width, self._height(self.menu_button, width))
            if languages is Languages.BUTTON:
                button = self.languages_button
                width = button.one_line_width()
                places[button] = QRect(0, 0, width, self._height(button, width))
            bands.append(_Band(places, 0, languages, text))
        return bands

    def _compact_way(
        self,
        structure: Structure,
        band: _Band,
        gap: int,
        parts_word: str,
        summary_shown: bool,
        time_place: TimePlace,
        *,
        force: bool = False,
    ) -> _Plan | None:
        theme = self._theme
        width, height = self.width(), self.height()
        side, margin = theme.compact_side_margin, theme.compact_margin
        # Under the row at the top; the parts view has the whole screen (`full_height`). The
        # title's words follow the row closer than a button may, where no "Carry on reading"
        # takes their place.
        below_band = gap if structure.resume_place else theme.compact_label_gap
        top = margin + (band.height + below_band if band.height else 0)
        inner_width = width - 2 * side
        full_height = height - 2 * margin
        inner_height = height - top - margin
        if inner_width <= 0 or inner_height <= 0:
            return None
        title_px = theme.screen_title_sizes[structure.title_index]
        plan = _Plan(structure, title_px, self._title_text, gap=gap, parts_word=parts_word)
        disclaimer = self._disclaimer_height(inner_width)
        body = inner_height - (disclaimer + gap if disclaimer else 0)
        time = self.reading_time_label
        if not time.text():
            time_place = TimePlace.NOWHERE
        if not self.summary_label.text():
            summary_shown = False

        # The buttons, in chunks that stay together, in rows as the width allows.
        start_width = min(_button_width(self.start_button, self._slim(), icon=True), inner_width)
        start_height = self._height(self.start_button, start_width)
        start_chunk: list[tuple[QWidget, QSize]] = [
            (self.start_button, QSize(start_width, start_height))
        ]
        if time_place is TimePlace.BESIDE_START:
            room = inner_width - start_width - gap
            time_width = min(_text_width(time, time.text()), room)
            if time_width <= 0 or self._height(time, time_width) > start_height:
                return None
            start_chunk.append((time, QSize(time_width, start_height)))
        chunks = [start_chunk]
        parts_button = (
            structure.parts_offered
            and not structure.parts_inline
            and len(self.sections.buttons) > 1
        )
        if parts_button:
            self.parts_button.setText(parts_word)
            parts_width = min(_button_width(self.parts_button, self._slim()), inner_width)
            parts_size = QSize(parts_width, self._height(self.parts_button, parts_width))
            chunks.append([(self.parts_button, parts_size)])
        inline = not structure.band_on_top
        if inline:
            # The row at the top's buttons among the others: "All leaflets", the globe.
            for widget, rect in band.places.items():
                size = QSize(min(rect.width(), inner_width), rect.height())
                chunks.append([(widget, size)])
        if structure.comfort:
            sizes, _ = self._comfort_sizes()
            widgets = (self.smaller_button, self.text_size_label, self.larger_button)
            chunks.append(list(zip(widgets, sizes[:3], strict=True)))
            chunks.append([(self.contrast_button, sizes[3])])
        flowed = _flow(chunks, inner_width, gap)
        if flowed is None:
            return None
        rows, rows_height = flowed

        # Above the buttons: the title (or "Carry on reading" over it), the summary, the time.
        resume_over_title = not summary_shown
        # Two lines, at any width (none where the structure keeps no room for it).
        resume = self._height(self._two_lines, inner_width) if structure.resume_place else 0
        summary = self._height(self.summary_label, inner_width) if summary_shown else 0
        time_height = self._height(time, inner_width) if time_place is TimePlace.UNDER_TITLE else 0
        below_title = 0
        if summary_shown:
            below_title += theme.compact_label_gap + max(summary, resume)
        if time_height:
            below_title += theme.compact_label_gap + time_height
        # No button in the staff corner: the first row of buttons starts below it.
        corner = max(0, self._panel_theme.staff_corner - top)

        title_text = self._title_text
        title = self._title_height(title_px, inner_width, title_text)
        title_area = max(title, resume) if resume_over_title else title
        above_rows = title_area + below_title + gap
        block = above_rows + rows_height
        if structure.cut_title and max(corner, above_rows) + rows_height > body:
            room = body - rows_height - max(corner - above_rows, 0) - below_title - gap
            if room > 0:

                def title_fits(text: str) -> bool:
                    return self._title_height(title_px, inner_width, text) <= room

                title_text = _cut_to_fit(title_text, title_fits)
                title = self._title_height(title_px, inner_width, title_text)
                title_area = max(title, resume) if resume_over_title else title
                above_rows = title_area + below_title + gap
                block = above_rows + rows_height
        plan.title_text = title_text

        list_rect = QRect()
        if structure.parts_inline and len(self.sections.buttons) > 1:
            block_top = max(0, corner - above_rows)
            list_top = block_top + block + gap
            list_rect = QRect(side, top + list_top, inner_width, body - list_top)
            parts = self.sections.arrangement(list_rect.width(), list_rect.height())[1]
            fits_height = list_rect.height() > 0
            plan.parts_per_page = parts
            enough = min(len(self.sections.buttons), MINIMUM_PARTS_A_PAGE)
            fits = fits_height and parts >= enough
        else:
            block_top = max((body - block) // 2, corner - above_rows, 0)
            fits = block_top + block <= body
            if parts_button and (fits or force):
                plan.parts_per_page, plan.parts_disclaimer = self._parts_view(
                    inner_width, full_height, disclaimer + gap if disclaimer else 0
                )
                fits = fits and plan.parts_per_page > 0
            else:
                plan.parts_per_page = len(self.sections.buttons)
        if not fits and not force:
            return None
        plan.summary = summary_shown
        plan.resume_over_title = resume_over_title
        # Among the buttons, the row's buttons are placed with them (the row takes no room).
        plan.band = _Band({}, 0, band.languages, band.menu_words) if inline else band

        places = plan.places
        y = top + block_top
        places[self.title_label] = QRect(side, y, inner_width, title)
        if resume_over_title and resume:
            places[self.resume_button] = self._clear_of_corner(QRect(side, y, inner_width, resume))
        y += title_area
        if summary_shown:
            y += theme.compact_label_gap
            places[self.summary_label] = QRect(side, y, inner_width, summary)
            if resume:
                rect = QRect(side, y, inner_width, resume)
                places[self.resume_button] = self._clear_of_corner(rect)
            y += max(summary, resume)
        # Placed as it is, in a right-to-left article too: the staff corner does not turn.
        plan.fixed.add(self.resume_button)
        if time_height:
            y += theme.compact_label_gap
            places[time] = QRect(side, y, inner_width, time_height)
            y += time_height
        y += gap
        for row_height, row in rows:
            for widget, rect in row:
                places[widget] = rect.translated(side, y + (row_height - rect.height()) // 2)
            y += row_height + gap
        if list_rect.isValid():
            places[self.sections] = list_rect
        plan.parts_rect = QRect(side, margin, inner_width, full_height)
        if plan.parts_disclaimer and disclaimer:
            plan.parts_rect.setHeight(full_height - disclaimer - gap)
        places[self.disclaimer_label] = QRect(
            side, height - margin - disclaimer, inner_width, disclaimer
        )
        if force:
            # Nothing drawn over the disclaimer: what does not fit above it is left out.
            limit = height - margin - (disclaimer + gap if disclaimer else 0)
            for widget in [w for w, r in places.items() if w is not self.disclaimer_label]:
                if places[widget].bottom() >= limit:
                    del places[widget]
        return plan

    def _clear_of_corner(self, rect: QRect) -> QRect:
        """`rect`, narrowed from the left where it reaches into the staff corner."""
        corner = self._panel_theme.staff_corner
        if rect.top() >= corner or rect.left() >= corner:
            return rect
        return QRect(corner, rect.top(), rect.right() + 1 - corner, rect.height())

    def _parts_view(self, width: int, height: int, disclaimer: int) -> tuple[int, bool]:
        """(Parts a page the parts view shows, whether the disclaimer stays under them): it
        stays unless the list would show fewer parts a page for it."""
        key = ("parts view", width, height, disclaimer)
        known = self._measured.get(key)
        if known is None:
            known = self._measured[key] = self._measure_parts_view(width, height, disclaimer)
        assert isinstance(known, tuple)
        return known

    def _measure_parts_view(self, width: int, height: int, disclaimer: int) -> tuple[int, bool]:
        without = self.sections.arrangement(width, height)[1]
        with_disclaimer = self.sections.arrangement(width, height - disclaimer)[1]
        if disclaimer and with_disclaimer >= without:
            return with_disclaimer, True
        return without, not disclaimer

    # Placing

    def _apply_colours(self, theme: Theme) -> None:
        """The chosen sizes' colours (and fonts, once more, as labels take them together)."""
        palette = theme.palette
        plan = self._plan
        assert plan is not None
        self.setStyleSheet(f"StartScreen {{ background: {palette.background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        for label, pixels, colour, bold in (
            (self.disclaimer_label, theme.small_px, palette.muted_text, False),
            (self.title_label, plan.title_px, palette.text, True),
            (self.summary_label, theme.ui_body_px, palette.muted_text, False),
            (self.reading_time_label, theme.small_px, palette.muted_text, False),
            (self.text_size_label, theme.small_px, palette.text, False),
        ):
            label.set_style(theme, pixels, colour, bold=bold)
        compact = plan.structure.arrangement is Arrangement.COMPACT
        self._sections_theme = dataclasses.replace(theme, slim=True) if compact else theme
        self.sections.set_theme(
            self._sections_theme,
            gap=plan.gap,
            compact=compact and not plan.structure.parts_inline,
            place=False,
        )
        self.title_label.setText(plan.title_text)
        cut = plan.summary_text
        self.summary_label.setText(cut if cut is not None else self._summary_text)
        self.summary_label.setAccessibleName(self._summary_text)  # spoken whole
        self.parts_button.setText(plan.parts_word or words.choose_part_button())
        self.parts_button.setAccessibleName(self.parts_button.text())
        self.menu_button.set_label(
            plan.band.menu_words or words.all_leaflets_button(), words.all_leaflets_button()
        )

    def _place(self) -> None:
        """Put everything where the plan says, for the view shown (the front, the compact
        arrangement's parts view, or the languages view)."""
        plan = self._plan
        if plan is None:
            return
        parts_view = self._view is _View.PARTS and not plan.structure.parts_inline
        language_view = self._view is _View.LANGUAGES and bool(plan.language_view)
        places = {**plan.places, **plan.band.places}
        if language_view:
            places.update(plan.language_view)
        self.languages_button.setChecked(language_view)
        self.reading_time_label.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        resume = self._resume_offered and self.resume_button in places and not parts_view
        if resume:
            self._fit_resume_words(places[self.resume_button])
        shown: set[QWidget] = set()
        if parts_view:
            shown.add(self.sections)
            if plan.parts_disclaimer:
                shown.add(self.disclaimer_label)
        elif language_view:
            shown.update(plan.band.places)
            shown.update(plan.language_view)
        else:
            shown.update(places)
            shown.discard(self.resume_button)
            if resume:
                shown.add(self.resume_button)
                shown.discard(self.title_label if plan.resume_over_title else self.summary_label)
            if not plan.summary:
                shown.discard(self.summary_label)
            if not self.disclaimer_label.text():
                shown.discard(self.disclaimer_label)
        everything: tuple[QWidget, ...] = (
            *self._front,
            self.sections,
            self.disclaimer_label,
            *self._band_widgets(),
            self.languages_back_button,
        )
        for widget in everything:
            if widget not in shown:
                widget.hide()
        self._home.clear()
        if self.sections in shown:
            self.sections.set_heading_room(plan.heading_room)
            self.sections.set_theme(
                self._sections_theme, gap=plan.gap, compact=parts_view, place=True
            )
        for widget in shown:
            rect: QRect
            if parts_view and widget is self.sections:
                rect = plan.parts_rect
            elif widget is self.resume_button:
                # At the top of its place, as tall as its words (two lines at the most).
                rect = QRect(places[widget])
                rect.setHeight(min(rect.height(), widget.heightForWidth(rect.width())))
            else:
                rect = places[widget]
            if widget not in plan.fixed and self.layoutDirection() == (
                Qt.LayoutDirection.RightToLeft
            ):
                rect = QRect(
                    self.width() - rect.x() - rect.width(), rect.y(), rect.width(), rect.height()
                )
            if isinstance(widget, BigButton):
                widget.setMinimumHeight(0)
            self._home[widget] = rect
            widget.setGeometry(rect.translated(self._drift.offset))
        for widget in shown:
            widget.show()
        self._drift.fit()

    # Burn-in drift

    def _drift_room(self) -> Room:
        """How far the content may drift from where it is laid out: all of it on the screen,
        no button in the staff corner (the parts' buttons where the list shows them)."""
        drawn = list(self._home.values())
        targets = [rect for widget, rect in self._home.items() if isinstance(widget, BigButton)]
        list_place = self._home.get(self.sections)
        if list_place is not None:
            targets.extend(
                button.geometry().translated(list_place.topLeft())
                for button in self.sections.findChildren(BigButton)
                if button.isVisibleTo(self.sections)
            )
        return room_for(self.rect(), drawn, targets, self._panel_theme.staff_corner)

    @Slot()
    def _follow_drift(self) -> None:
        """Everything shown, moved together to the drift's offset from where it is laid out
        (moved, not resized: nothing is laid out again)."""
        offset = self._drift.offset
        for widget, rect in self._home.items():
            widget.move(rect.topLeft() + offset)

    def _fit_resume_words(self, rect: QRect) -> None:
        """Put "Carry on reading: <title>" on its button in two lines at most at `rect`'s
        width, the title cut after a word and "..." where it must be (the accessible name has
        it whole)."""
        button = self.resume_button
        width, two_lines = rect.width(), rect.height()
        whole = words.carry_on_button(self._resume_title)

        def fits(text: str) -> bool:
            button.setText(words.carry_on_button(text))
            return button.heightForWidth(width) <= two_lines

        button.setText(words.carry_on_button(_cut_to_fit(self._resume_title, fits)))
        button.setAccessibleName(whole)

    @Slot()
    def _on_contrast_clicked(self) -> None:
        # Qt switched the button over already; the session decides, and set_choices shows it.
        self.contrast_button.setChecked(not self.contrast_button.isChecked())
        self.contrast_requested.emit()

    # Qt

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._fit()
        elif event.type() == QEvent.Type.LanguageChange:
            # Other words take other room: fitted again (now, or when it next shows).
            self._show_words()
            self._content_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
        # The parts' buttons are placed in the list only now, if it was laid out while hidden.
        self._drift.fit()
        self._drift.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._drift.stop()
        # Whoever comes back to the start screen finds its front, not the list left open.
        self.show_front()


def _flow(
    chunks: Sequence[Sequence[tuple[QWidget, QSize]]], width: int, gap: int
) -> tuple[list[tuple[int, list[tuple[QWidget, QRect]]]], int] | None:
    """Chunks of widgets side by side, `gap` apart, in rows `width` wide: each chunk on the
    row it fits in, else on the next. ((row height, [(widget, rect from the row's top-left)])
    for each row, the rows' height with `gap` between them); None if a chunk is wider than
    `width`."""
    rows: list[tuple[int, list[tuple[QWidget, QRect]]]] = []
    x = width + 1
    for chunk in chunks:
        chunk_width = sum(size.width() for _, size in chunk) + gap * (len(chunk) - 1)
        if chunk_width > width:
            return None
        if not rows or x + gap + chunk_width > width:
            rows.append((0, []))
            x = -gap
        height, placed = rows[-1]
        for widget, size in chunk:
            x += gap
            placed.append((widget, QRect(x, 0, size.width(), size.height())))
            x += size.width()
            height = max(height, size.height())
        rows[-1] = (height, placed)
    total = sum(height for height, _ in rows) + gap * max(len(rows) - 1, 0)
    return rows, total


def _across(rects: Iterable[QRect]) -> int:
    """How wide `rects` are together, from the leftmost's left to the rightmost's right."""
    rects = list(rects)
    return max(rect.right() for rect in rects) + 1 - min(rect.left() for rect in rects)


def _letter_button_width(theme: Theme, text: str) -> int:
    """A- and A+: their letters (in BigButton's words' font) with its padding, and never
    narrower than tall."""
    metrics = QFontMetrics(theme.font(theme.button_text_px, bold=True))
    return max(theme.button_height, metrics.horizontalAdvance(text) + 2 * theme.button_padding)
