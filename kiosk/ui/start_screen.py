"""The start screen: what the article is and how long it takes, one big way in, a way straight to
each part, the patient's text size and contrast, and for a few seconds after Home, a way back.

Every part keeps a full-size button however many there are (`SectionList`): one column, or two
where each title still fits on two lines and that shows more of them; and where the screen holds
fewer than all, pages with large "Previous parts" / "More parts" buttons and words saying which
parts are shown. All of it is measured with the real fonts at the sizes the theme gives.

The screen's words and buttons grow with the patient's text size, as the reading screen's bars
do (kiosk.theme `zoom`): as far as the text size asks (`body_px` over the Standard `ui_body_px`)
and the room allows, which is measured here: the introduction in its column, and at least
MINIMUM_PARTS_A_PAGE parts on a page. "Text size" shows the size chosen ("125%"), so every
press of A- or A+ changes something to see even where there is no room to grow. Where even the
Standard size leaves too little room, the summary is left out, never a button, the title or the
disclaimer; and the screen is never taller than the window, so nothing covers the disclaimer.

Nothing moves when "Carry on reading" comes or goes (it goes by itself after a few seconds,
perhaps while a finger is on its way to another button): it takes the summary's place, and that
place is always as tall as a two-line button, whatever the part's title (cut after a word, with
"...", where it would take more).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import words
from kiosk.article import Article
from kiosk.theme import DISABLED_OPACITY, Theme
from kiosk.ui.widgets import BigButton, Icon, TextLabel

# The fewest parts a page of the list may show for the screen to grow with the text: fewer,
# and the patient pages more than the larger words are worth.
MINIMUM_PARTS_A_PAGE = 3
# The start screen grows with the text in steps this large (of Standard's size).
ZOOM_STEP = 0.05
# Two lines of anything: what a button with two lines of words measures.
_TWO_LINES = "0\n0"


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


def _longest_word_width(label: TextLabel) -> int:
    """The width `label` needs at the least: its longest word on a line."""
    return max((_text_width(label, word) for word in label.text().split()), default=0)


class SectionList(QWidget):
    """The article's parts as buttons, with "Or go straight to a part:" above them, arranged to
    show as many as fit at full size; pages with arrow buttons when not all fit. Buttons are
    placed by hand (`_place`), so none can ever be squeezed onto another."""

    section_chosen = Signal(int)  # a part's button, by section index

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.heading_label = TextLabel(words.sections_intro(), self)
        self.page_label = TextLabel("", self)
        self.previous_button = BigButton(
            words.previous_parts_button(), theme, icon=Icon.BACK, parent=self
        )
        self.more_button = BigButton(words.more_parts_button(), theme, icon=Icon.NEXT, parent=self)
        # Measures how tall a button with two lines of words is (never shown).
        self._two_lines = BigButton(_TWO_LINES, theme, parent=self)
        self._two_lines.hide()
        self.buttons: list[BigButton] = []
        self.columns = 1
        self.per_page = 1
        self._first = 0  # the first part on the page shown
        # Heights of buttons' words at a width, for this theme: arranging asks many times.
        self._heights: dict[tuple[int, int], int] = {}
        self.previous_button.clicked.connect(self.show_previous_page)
        self.more_button.clicked.connect(self.show_next_page)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_titles(self, labels: Sequence[str]) -> None:
        """One button for each part, with these words, from the first page."""
        for button in self.buttons:
            # Out of the screen at once: deleteLater waits for the event loop, and until then
            # a hidden-but-parented button would still be painted and laid out.
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self.buttons = []
        self._heights.clear()
        for index, text in enumerate(labels):
            button = BigButton(text, self._theme, align_left=True, parent=self)
            button.hide()
            button.clicked.connect(lambda _=False, chosen=index: self.section_chosen.emit(chosen))
            self.buttons.append(button)
        self._first = 0
        self._arrange()

    def set_theme(self, theme: Theme, *, place: bool = True) -> None:
        """Take `theme`'s sizes (and, with `place`, its colours, and arrange the list: without,
        only so that `arrangement` can measure)."""
        self._theme = theme
        self._heights.clear()
        palette = theme.palette
        if place:
            self.heading_label.set_style(theme, theme.small_px, palette.muted_text)
            self.page_label.set_style(theme, theme.small_px, palette.text, bold=True)
        else:
            self.heading_label.setFont(theme.font(theme.small_px))
            self.page_label.setFont(theme.font(theme.small_px, bold=True))
        for button in (*self.buttons, self.previous_button, self.more_button, self._two_lines):
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
        count, gap = len(self.buttons), self._theme.gap
        if count == 0 or width <= 0:
            return 1, 0
        one = self._button_heights(width)
        half = (width - gap) // 2
        two = self._button_heights(half)
        two_fit = half > 0 and max(two) <= self.two_line_height(half)
        room = height - self._height(self.heading_label, -2, width)
        room -= self._theme.sections_label_gap
        if most_per_page(one, 1, room, gap) >= count:
            return 1, count
        if two_fit and most_per_page(two, 2, room, gap) >= count:
            return 2, count
        room -= self._nav_height(width) + gap + self._page_words_below(width)
        single = most_per_page(one, 1, room, gap)
        double = most_per_page(two, 2, room, gap) if two_fit else 0
        return (2, double) if double > single else (1, single)

    def _height(self, widget: BigButton | TextLabel, key: int, width: int) -> int:
        """`widget`'s height at `width`, remembered under `key` until the theme changes."""
        height = self._heights.get((key, width))
        if height is None:
            height = self._heights[(key, width)] = widget.heightForWidth(width)
        return height

    def _button_heights(self, width: int) -> list[int]:
        return [self._height(button, index, width) for index, button in enumerate(self.buttons)]

    def _nav_widths(self, width: int) -> tuple[int, int]:
        """Widths of Previous parts and More parts: their words on one line if both fit so,
        else half the width each."""
        wanted = (self.previous_button.sizeHint().width(), self.more_button.sizeHint().width())
        if sum(wanted) + self._theme.gap <= width:
            return wanted
        most = max((width - self._theme.gap) // 2, self._theme.touch_target_min)
        return min(wanted[0], most), min(wanted[1], most)

    def _nav_height(self, width: int) -> int:
        previous, more = self._nav_widths(width)
        return max(
            self._height(self.previous_button, -3, previous),
            self._height(self.more_button, -4, more),
        )

    def _widest_page_words(self) -> str:
        count = len(self.buttons)
        return words.parts_shown(count, count, count + 1)

    def _page_words_fit_beside_heading(self, width: int) -> bool:
        """Whether "Parts 10-12 of 13" fits on the heading's line, after its words."""
        needed = _text_width(self.heading_label, self.heading_label.text())
        widest = _text_width(self.page_label, self._widest_page_words())
        return needed + self._theme.gap + widest <= width

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
        height = lines + theme.sections_label_gap + theme.gap + 2 * theme.button_height
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
        theme = self._theme
        width, height, gap = self.width(), self.height(), theme.gap
        columns, per_page, count = self.columns, self.per_page, len(self.buttons)
        column_width = width if columns == 1 else (width - gap) // 2
        heights = self._button_heights(column_width)
        pages = [heights[start : start + per_page] for start in range(0, count, per_page)]
        list_height = max((page_height(page, columns, gap) for page in pages), default=0)
        paged = len(pages) > 1
        heading = self._height(self.heading_label, -2, width)
        below_heading = theme.sections_label_gap
        words_below = self._page_words_below(width) if paged else 0
        nav_height = self._nav_height(width) if paged else 0
        block = heading + below_heading + list_height + words_below
        if paged:
            block += gap + nav_height
        top = max(0, (height - block) // 2)

        last = min(self._first + per_page, count)
        if paged:
            self.page_label.setText(words.parts_shown(self._first + 1, last, count))
        if paged and not words_below:
            heading_width = _text_width(self.heading_label, self.heading_label.text())
            self._put(self.heading_label, 0, top, heading_width, heading)
            self.page_label.setAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            beside = width - heading_width - gap
            self._put(self.page_label, width - beside, top, beside, heading)
        else:
            self._put(self.heading_label, 0, top, width, heading)
            self.page_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            below = top + heading + theme.sections_label_gap
            self._put(self.page_label, 0, below, width, words_below - theme.sections_label_gap)

        y = top + heading + words_below + below_heading
        for row_start in range(self._first, last, columns):
            row = range(row_start, min(row_start + columns, last))
            row_height = max(heights[index] for index in row)
            for column, index in enumerate(row):
                x = column * (column_width + gap)
                self._put(self.buttons[index], x, y, column_width, row_height)
            y += row_height + gap
        if paged:
            nav_top = top + heading + words_below + below_heading + list_height + gap
            previous_width, more_width = self._nav_widths(width)
            self._put(self.previous_button, 0, nav_top, previous_width, nav_height)
            self._put(self.more_button, width - more_width, nav_top, more_width, nav_height)
        # Shown once in place: a button shown at another size first would keep the height
        # its words needed there.
        self.page_label.setVisible(paged)
        for index, button in enumerate(self.buttons):
            button.setVisible(self._first <= index < last)
        self.previous_button.setVisible(paged and self.page > 0)
        self.more_button.setVisible(paged and self.page + 1 < self.page_count)

    def _put(self, widget: QWidget, x: int, y: int, width: int, height: int) -> None:
        """Place `widget`, mirrored in a right-to-left article. A button forgets the taller
        minimum it took at a narrower width before (BigButton grows rather than cut words):
        the height given here is what its words need at this width."""
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            x = self.width() - x - width
        if isinstance(widget, BigButton):
            widget.setMinimumHeight(0)
        widget.setGeometry(QRect(x, y, width, height))


class StartScreen(QWidget):
    """Title, summary (or "Carry on reading"), "Tap to start" with the reading time, text size
    and contrast, and the article's parts; the disclaimer at the bottom."""

    start_requested = Signal()  # "Tap to start"
    section_chosen = Signal(int)  # a section button, by section index
    resume_requested = Signal()  # "Carry on reading: ...": back to the page left with Home
    smaller_text_requested = Signal()  # "A-"
    larger_text_requested = Signal()  # "A+"
    contrast_requested = Signal()  # "High contrast": on or off

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel_theme = theme  # as the window gives it
        self._theme = theme  # as drawn: grown with the text as far as there is room
        self._fitting = False
        self._fitted: tuple[object, ...] = ()  # what the zoom was last fitted to
        self._content = 0  # counts changes of the words shown, for `_fitted`
        self._resume_title = ""  # the part "Carry on reading" goes back to
        self.title_label = TextLabel()
        self.summary_label = TextLabel()
        self.resume_button = BigButton("", theme, primary=True, icon=Icon.NEXT)
        self.resume_button.hide()
        self.start_button = BigButton(words.start_button(), theme, primary=True, icon=Icon.NEXT)
        self.reading_time_label = TextLabel()
        self.reading_time_label.hide()
        self.smaller_button = BigButton(words.smaller_text_button(), theme)
        self.smaller_button.setAccessibleName(words.smaller_text_spoken())
        self.text_size_label = TextLabel()
        self._show_text_size()
        self.text_size_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.larger_button = BigButton(words.larger_text_button(), theme)
        self.larger_button.setAccessibleName(words.larger_text_spoken())
        self.contrast_button = BigButton(words.high_contrast_button(), theme, compact=True)
        self.contrast_button.setCheckable(True)
        self._faint: dict[BigButton, QGraphicsOpacityEffect] = {}
        for button in (self.smaller_button, self.larger_button):
            # Drawn faded into the background where there is no smaller or larger size.
            effect = QGraphicsOpacityEffect(button)
            effect.setOpacity(DISABLED_OPACITY)
            effect.setEnabled(False)
            button.setGraphicsEffect(effect)
            self._faint[button] = effect
        self.sections = SectionList(theme)
        self.disclaimer_label = TextLabel()
        self.disclaimer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.start_button.clicked.connect(self.start_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.smaller_button.clicked.connect(self.smaller_text_requested)
        self.larger_button.clicked.connect(self.larger_text_requested)
        self.contrast_button.clicked.connect(self._on_contrast_clicked)
        self.sections.section_chosen.connect(self.section_chosen)

        # The summary and "Carry on reading" share one place of a fixed height.
        self._slot = QWidget()
        self._slot_layout = QVBoxLayout(self._slot)
        self._slot_layout.setContentsMargins(0, 0, 0, 0)
        self._slot_layout.addWidget(self.summary_label)
        self._slot_layout.addWidget(self.resume_button)
        self._slot_layout.addStretch(1)
        # "Tap to start" with the reading time beside it, or under it when there is no room.
        self._start_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._start_row.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._start_row.addWidget(self.reading_time_label, 1)
        # A-, "Text size", A+ and High contrast: one row, or two where one is too narrow.
        self._choices = QVBoxLayout()
        self._choices_row = QHBoxLayout()
        for widget in (self.smaller_button, self.text_size_label, self.larger_button):
            self._choices_row.addWidget(widget)
        self._choices_row.addWidget(self.contrast_button)
        self._choices_row.addStretch(1)
        self._contrast_row = QHBoxLayout()
        self._contrast_row.addStretch(1)
        self._choices.addLayout(self._choices_row)
        self._choices.addLayout(self._contrast_row)
        self._contrast_on_first_row = True

        self._heading = QVBoxLayout()
        self._heading.addWidget(self.title_label)
        self._heading.addWidget(self._slot)
        self._intro = QVBoxLayout()
        self._intro.addStretch(1)
        self._intro.addLayout(self._heading)
        self._intro.addLayout(self._start_row)
        self._intro.addLayout(self._choices)
        self._intro.addStretch(1)
        # Side by side on a landscape screen, one above the other on a portrait one.
        # The body takes what the disclaimer leaves, never more: on a screen too small for
        # even the Standard size it is cut at its foot rather than cover the disclaimer.
        self._body_area = QWidget()
        self._body_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._body_area)
        self._body.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._body.addLayout(self._intro, 1)
        self._body.addWidget(self.sections, 1)
        self._outer = QVBoxLayout(self)
        self._outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._outer.addWidget(self._body_area, 1)
        self._outer.addWidget(self.disclaimer_label)
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
    def text_size_percent(self) -> int:
        """The patient's text size, as a percentage of Standard (to the nearest 5)."""
        theme = self._panel_theme
        return 5 * round(20 * theme.body_px / theme.ui_body_px)

    def set_disclaimer(self, text: str) -> None:
        self.disclaimer_label.setText(text)
        self.disclaimer_label.setVisible(bool(text))
        self._content_changed()

    def set_article(self, article: Article) -> None:
        self.title_label.setText(article.title)
        self.summary_label.setText(article.summary)
        self.sections.set_titles(
            [
                words.section_button(index + 1, section.title)
                for index, section in enumerate(article.slides)
            ]
        )
        self._content_changed()

    def set_reading_minutes(self, minutes: int) -> None:
        """ "About 8 minutes to read" beside "Tap to start" (nothing for 0)."""
        self.reading_time_label.setText(words.reading_time(minutes) if minutes > 0 else "")
        self.reading_time_label.setVisible(minutes > 0)
        self._content_changed()

    def set_resume(self, section_title: str | None) -> None:
        """Offer "Carry on reading: <section_title>" in the summary's place; None takes it
        back. Nothing else moves."""
        if section_title is None:
            self.resume_button.hide()
        else:
            self._resume_title = section_title
            self.resume_button.setAccessibleName(words.carry_on_button(section_title))
            self.resume_button.show()
        self._arrange_intro(final=True)

    def set_choices(self, can_smaller: bool, can_larger: bool, high_contrast: bool) -> None:
        """Show the patient's choices: A- and A+ faint where there is no smaller or larger
        size, High contrast switched on or off."""
        for button, usable in (
            (self.smaller_button, can_smaller),
            (self.larger_button, can_larger),
        ):
            button.setEnabled(usable)
            self._faint[button].setEnabled(not usable)
        self.contrast_button.setChecked(high_contrast)

    def set_theme(self, theme: Theme) -> None:
        self._panel_theme = theme
        self._show_text_size()
        self._fit_zoom()

    def _show_text_size(self) -> None:
        """ "Text size" and under it the size chosen ("125%"), between A- and A+: something
        that visibly changes at each press, however little room the screen has to grow."""
        percent = words.text_size_percent(self.text_size_percent)
        self.text_size_label.setText(f"{words.text_size_label()}\n{percent}")

    def _content_changed(self) -> None:
        self._content += 1
        self._fit_zoom()

    # Growing with the text, as far as the room allows

    def _fit_zoom(self) -> None:
        """Draw with the largest zoom, in ZOOM_STEPs up to what the text size asks, at which
        everything fits (`_arrange_intro`); at Standard size when none does."""
        fitted = (self._panel_theme, self.width(), self.height(), self._content)
        if self._fitting or fitted == self._fitted or not self.isVisible():
            return  # (a hidden screen is fitted when it shows: text grows while reading)
        self._fitting = True
        try:
            base = self._panel_theme
            wanted = max(1.0, self.text_size_percent / 100)
            steps = int((wanted - 1) / ZOOM_STEP + 1e-9)
            zooms = [1 + step * ZOOM_STEP for step in range(steps + 1)]
            if wanted > zooms[-1] + 1e-9:
                zooms.append(wanted)
            themes = [dataclasses.replace(base, zoom=base.zoom * zoom) for zoom in zooms]
            # Larger words need more room, so the zooms that fit come first: find the last,
            # measuring only (colours and placing wait for the one chosen).
            low, high = 0, len(themes) - 1
            while low < high:
                middle = (low + high + 1) // 2
                self._apply(themes[middle], final=False)
                if self._arrange_intro(final=False):
                    low = middle
                else:
                    high = middle - 1
            self._apply(themes[low], final=True)
            self._arrange_intro(final=True)
            self._fitted = fitted
        finally:
            self._fitting = False

    def _apply(self, theme: Theme, *, final: bool) -> None:
        """Take `theme`'s sizes; when `final`, its colours too, and place the list."""
        self._theme = theme
        palette = theme.palette
        landscape = theme.width >= theme.height
        self._body.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        # Landscape: two halves. Portrait: the introduction as tall as it needs, the parts
        # the rest.
        self._body.setStretch(0, 1 if landscape else 0)
        self._outer.setContentsMargins(
            theme.side_margin, theme.margin, theme.side_margin, theme.start_bottom_margin
        )
        self._outer.setSpacing(theme.disclaimer_gap)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.setSpacing(theme.start_column_gap)
        self._intro.setSpacing(theme.block_gap)
        self._heading.setSpacing(theme.sections_label_gap)
        for row in (self._start_row, self._choices, self._choices_row, self._contrast_row):
            row.setSpacing(theme.gap)
        labels = (
            (self.disclaimer_label, theme.small_px, palette.muted_text, False),
            (self.title_label, theme.title_px, palette.text, True),
            (self.summary_label, theme.ui_body_px, palette.muted_text, False),
            (self.reading_time_label, theme.small_px, palette.muted_text, False),
            (self.text_size_label, theme.small_px, palette.text, False),
        )
        for label, pixels, colour, bold in labels:
            if final:
                label.set_style(theme, pixels, colour, bold=bold)
            else:
                label.setFont(theme.font(pixels, bold=bold))
        if final:
            self.setStyleSheet(f"StartScreen {{ background: {palette.background}; }}")
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        for button in (self.start_button, self.resume_button):
            button.set_theme(theme)
        self.start_button.setMinimumSize(theme.start_button_size)
        # A-, A+ and High contrast as the reading screen's slim bars draw them: as tall as
        # their words need, never less than a touch target.
        slim = dataclasses.replace(theme, slim=True)
        for button in (self.smaller_button, self.larger_button, self.contrast_button):
            button.set_theme(slim)
        for button in (self.smaller_button, self.larger_button):
            button.setFixedSize(_letter_button_width(slim, button.text()), slim.button_height)
        self.contrast_button.setFixedSize(
            self.contrast_button.sizeHint().width(), slim.button_height
        )
        self.sections.set_theme(theme, place=final)

    def _arrange_intro(self, *, final: bool) -> bool:
        """Whether the introduction fits at the sizes taken last, with at least
        MINIMUM_PARTS_A_PAGE parts on a page (the summary may be left out). When `final`,
        arrange it: the reading time beside "Tap to start" or under it, High contrast beside
        A+ or under it, the summary if there is room, and its place as tall as "Carry on
        reading"."""
        theme = self._theme
        margins = self._outer.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        height = self.height() - margins.top() - margins.bottom()
        if width <= 0 or height <= 0:
            return True
        landscape = self._body.direction() == QBoxLayout.Direction.LeftToRight
        column = (width - theme.start_column_gap) // 2 if landscape else width
        if self.disclaimer_label.isVisibleTo(self):
            height -= self.disclaimer_label.heightForWidth(width) + theme.disclaimer_gap

        start_width = max(self.start_button.minimumWidth(), self.start_button.sizeHint().width())
        start_height = max(
            self.start_button.minimumHeight(), self.start_button.heightForWidth(start_width)
        )
        time = self.reading_time_label
        room_beside = column - start_width - theme.gap
        beside = room_beside > 0 and time.heightForWidth(room_beside) <= start_height
        start_row = start_height
        if time.text() and not beside:
            start_row += theme.gap + time.heightForWidth(column)

        row = [self.smaller_button, self.larger_button, self.contrast_button]
        row_width = sum(button.minimumWidth() for button in row) + 3 * theme.gap
        label = self.text_size_label
        whole = max((_text_width(label, line) for line in label.text().splitlines()), default=0)
        # "Text size" may take two lines rather than push High contrast onto a row of its own.
        label_width = whole if row_width + whole <= column else _longest_word_width(label)
        one_row = row_width + label_width <= column
        buttons = self.contrast_button.minimumHeight()
        choices = max(buttons, label.heightForWidth(label_width))
        if not one_row:
            choices += theme.gap + buttons

        resume = self.sections.two_line_height(column)
        needed = self.title_label.heightForWidth(column) + theme.sections_label_gap
        needed += start_row + choices + 2 * theme.block_gap
        list_minimum = self.sections.minimumSizeHint().height()
        room = height if landscape else height - theme.start_column_gap - list_minimum
        summary = self.summary_label.heightForWidth(column) if self.summary_label.text() else 0
        if needed + max(resume, summary) > room:
            summary = 0  # the one thing left out for room: the title says what this is
        slot = max(summary, resume)
        if landscape:
            parts = self.sections.arrangement(width - column - theme.start_column_gap, height)
        else:
            parts = self.sections.arrangement(
                width, height - needed - slot - theme.start_column_gap
            )
        enough = min(len(self.sections.buttons), MINIMUM_PARTS_A_PAGE)
        fits = needed + resume <= room and start_width <= column and parts[1] >= enough
        if final:
            self._start_row.setDirection(
                QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
            )
            label.setFixedWidth(label_width)
            self._set_contrast_on_first_row(one_row)
            self._fit_resume_words(column)
            self.summary_label.setVisible(summary > 0 and not self.resume_button.isVisibleTo(self))
            self._slot.setFixedHeight(slot)
            # Words and sizes changed above: place everything now, not at the next layout pass.
            # (Measuring other sizes may have resized some of it meanwhile.)
            for layout in (self._outer, self._body, self._slot_layout):
                layout.invalidate()
                layout.activate()
        return fits

    def _fit_resume_words(self, width: int) -> None:
        """Put "Carry on reading: <title>" on its button in two lines at most at `width`, the
        title cut after a word and "..." where it must be (the accessible name has it
        whole)."""
        button = self.resume_button
        two_lines = self.sections.two_line_height(width)
        title = self._resume_title
        button.setText(words.carry_on_button(title))
        if button.heightForWidth(width) > two_lines:
            # The most words of the title that fit, then an ellipsis (one word at the least).
            title_words = title.split()
            low, high = 1, max(len(title_words) - 1, 1)
            while low < high:
                middle = (low + high + 1) // 2
                button.setText(words.carry_on_button(" ".join(title_words[:middle]) + "\u2026"))
                if button.heightForWidth(width) <= two_lines:
                    low = middle
                else:
                    high = middle - 1
            button.setText(words.carry_on_button(" ".join(title_words[:low]) + "\u2026"))
        # Its full height at once: a BigButton otherwise takes it only at the next layout pass.
        button.setMinimumHeight(min(button.heightForWidth(width), two_lines))

    def _set_contrast_on_first_row(self, first: bool) -> None:
        if first == self._contrast_on_first_row:
            return
        self._contrast_on_first_row = first
        if first:
            self._contrast_row.removeWidget(self.contrast_button)
            self._choices_row.insertWidget(3, self.contrast_button)
        else:
            self._choices_row.removeWidget(self.contrast_button)
            self._contrast_row.insertWidget(0, self.contrast_button)

    @Slot()
    def _on_contrast_clicked(self) -> None:
        # Qt switched the button over already; the session decides, and set_choices shows it.
        self.contrast_button.setChecked(not self.contrast_button.isChecked())
        self.contrast_requested.emit()

    # Qt

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_zoom()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_zoom()


def _letter_button_width(theme: Theme, text: str) -> int:
    """A- and A+: their letters (in BigButton's words' font) with its padding, and never
    narrower than tall."""
    metrics = QFontMetrics(theme.font(theme.button_text_px, bold=True))
    return max(theme.button_height, metrics.horizontalAdvance(text) + 2 * theme.button_padding)
