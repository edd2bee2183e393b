"""The end screen: the patient has read it all; start again, or go back to the last page.

"You have reached the end", "Thank you for reading.", the two buttons and the disclaimer, in
one centred column. What the window holds decides the rest (`EndScreen._fit`), from the most to
the least: the buttons side by side with their full words, one above the other, side by side
with "Back" for "Back to the last page" (its accessible name says it whole), one above the
other so; then the heading's size, and last the thanks. On a small canvas (a 7" panel) the
margins and the gaps between buttons are the compact ones (4 mm). The words and buttons grow
with the patient's text size as far as that leaves everything in place, as the start screen's do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import words
from kiosk.theme import Theme
from kiosk.ui.widgets import BigButton, Icon, TextLabel

# The end screen grows with the text in steps this large (of Standard's size).
ZOOM_STEP = 0.05


@dataclass(frozen=True)
class _Way:
    """One way of holding the end screen's words and buttons."""

    compact: bool  # the small canvas's margins, gaps and buttons as tall as their words
    short_back: bool  # "Back" for "Back to the last page"
    side_by_side: bool
    title_index: int  # into Theme.screen_title_sizes
    thanks: bool


class EndScreen(QWidget):
    """ "You have reached the end", with Start again and Back to the last page."""

    start_again_requested = Signal()  # "Start again"
    back_requested = Signal()  # "Back to the last page"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel_theme = theme  # as the window gives it
        self._theme = theme  # as drawn: grown with the text as far as there is room
        self._fitted: tuple[object, ...] = ()
        self.heading_label = TextLabel(words.end_heading(), self)
        self.thanks_label = TextLabel(words.thanks(), self)
        self.disclaimer_label = TextLabel(parent=self)
        for label in (self.heading_label, self.thanks_label, self.disclaimer_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_again_button = BigButton(
            words.start_again_button(), theme, primary=True, icon=Icon.HOME, parent=self
        )
        self.back_button = BigButton(
            words.back_to_last_page_button(), theme, icon=Icon.BACK, parent=self
        )
        self.back_button.setAccessibleName(words.back_to_last_page_button())
        # Measures how tall a button with two lines of words is (never shown): a button's words
        # take two lines at the most.
        self._two_lines = BigButton("0\n0", theme, parent=self)
        self._two_lines.hide()
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.disclaimer_label.hide()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_disclaimer(self, text: str) -> None:
        self.disclaimer_label.setText(text)
        self.disclaimer_label.setVisible(bool(text))
        self._fitted = ()
        self._fit()

    def set_theme(self, theme: Theme) -> None:
        self._panel_theme = theme
        palette = theme.palette
        self.setStyleSheet(f"EndScreen {{ background: {palette.background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._fit()

    @property
    def zoom(self) -> float:
        """How much the screen's words and buttons are grown for the patient's text size."""
        return self._theme.scale / self._panel_theme.scale

    # Fitting

    def _fit(self) -> None:
        """The largest zoom, in ZOOM_STEPs up to the text size's, at which one of the ways
        (`_ways`) holds everything; the first way that does at it."""
        fitted = (self._panel_theme, self.width(), self.height(), self.layoutDirection())
        if fitted == self._fitted or not self.isVisible() or self.width() <= 0:
            return
        base = self._panel_theme
        wanted = base.text_size.factor
        steps = int((wanted - 1) / ZOOM_STEP + 1e-9)
        zooms = [1 + step * ZOOM_STEP for step in range(steps + 1)]
        if wanted > zooms[-1] + 1e-9:
            zooms.append(wanted)
        themes = [dataclasses.replace(base, zoom=base.zoom * zoom) for zoom in zooms]
        # Roomy or compact as at Standard size: larger words, not a different screen.
        # Nor a smaller heading.
        standard = self._first_fitting(themes[0])
        compact = standard.compact if standard else True
        heading = themes[0].screen_title_sizes[standard.title_index] if standard else 0
        low, high = 0, len(themes) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self._first_fitting(themes[middle], compact, heading) is not None:
                low = middle
            else:
                high = middle - 1
        theme = themes[low]
        way = self._first_fitting(theme, compact, heading) or self._last_way(theme)
        self._place(theme, way)
        self._fitted = fitted

    def _ways(self, theme: Theme) -> Iterator[_Way]:
        titles = range(len(theme.screen_title_sizes))
        for compact in (False, True) if not theme.compact else (True,):
            for short_back in (False, True):
                for side_by_side in (True, False):
                    for title_index in titles:
                        for thanks in (True, False):
                            yield _Way(compact, short_back, side_by_side, title_index, thanks)

    def _last_way(self, theme: Theme) -> _Way:
        return _Way(True, True, False, len(theme.screen_title_sizes) - 1, False)

    def _first_fitting(
        self, theme: Theme, compact: bool | None = None, least_heading: int = 0
    ) -> _Way | None:
        """The first of the ways that fits: only roomy or `compact` ones when given, and only
        with a heading of `least_heading` pixels or more."""
        for way in self._ways(theme):
            if compact is not None and way.compact != compact:
                continue
            if theme.screen_title_sizes[way.title_index] < least_heading:
                continue
            if self._measure(theme, way) is not None:
                return way
        return None

    def _measure(self, theme: Theme, way: _Way) -> dict[QWidget, QRect] | None:
        """Where everything goes holding `way` at `theme`'s sizes; None if it does not fit."""
        width, height = self.width(), self.height()
        buttons_theme = dataclasses.replace(theme, slim=True) if way.compact else theme
        side = theme.compact_side_margin if way.compact else theme.side_margin
        margin = theme.compact_margin if way.compact else theme.margin
        gap = theme.compact_gap if way.compact else theme.block_gap
        button_gap = theme.compact_gap if way.compact else theme.end_button_gap
        room = width - 2 * side
        if room <= 0:
            return None
        self._take_sizes(theme, buttons_theme, way)

        places: dict[QWidget, QRect] = {}
        disclaimer = (
            self.disclaimer_label.heightForWidth(room) if self.disclaimer_label.text() else 0
        )
        bottom = height - margin - disclaimer
        if disclaimer:
            places[self.disclaimer_label] = QRect(side, bottom, room, disclaimer)
            bottom -= gap
        buttons = (self.back_button, self.start_again_button)
        sizes = [self._button_size(button, buttons_theme, way, room) for button in buttons]
        two_lines = self._two_lines.heightForWidth(room)
        if any(size.height() > two_lines for size in sizes):
            return None
        if way.side_by_side:
            row_width = sizes[0].width() + button_gap + sizes[1].width()
            if row_width > room:
                return None
            buttons_height = max(size.height() for size in sizes)
        else:
            # One above the other, as wide as each other.
            widest = max(size.width() for size in sizes)
            sizes = [
                QSize(widest, max(size.height(), button.heightForWidth(widest)))
                for size, button in zip(sizes, buttons, strict=True)
            ]
            buttons_height = sizes[0].height() + button_gap + sizes[1].height()
        heading = self.heading_label.heightForWidth(room)
        thanks = self.thanks_label.heightForWidth(room) if way.thanks else 0
        column = heading + (gap + thanks if thanks else 0) + gap + buttons_height
        free = bottom - margin - column
        if free < 0:
            return None
        # A little above the middle: more room below than above, as a page's air.
        y = margin + free * 2 // 5
        places[self.heading_label] = QRect(side, y, room, heading)
        y += heading + gap
        if thanks:
            places[self.thanks_label] = QRect(side, y, room, thanks)
            y += thanks + gap
        if way.side_by_side:
            x = side + (room - row_width) // 2
            for button, size in zip(buttons, sizes, strict=True):
                top = y + (buttons_height - size.height()) // 2
                places[button] = QRect(x, top, size.width(), size.height())
                x += size.width() + button_gap
        else:
            for button, size in zip(buttons, sizes, strict=True):
                places[button] = QRect(
                    side + (room - size.width()) // 2, y, size.width(), size.height()
                )
                y += size.height() + button_gap
        return places

    def _take_sizes(self, theme: Theme, buttons_theme: Theme, way: _Way) -> None:
        self.heading_label.setFont(theme.font(theme.screen_title_sizes[way.title_index], bold=True))
        self.thanks_label.setFont(theme.font(theme.ui_body_px))
        self.disclaimer_label.setFont(theme.font(theme.small_px))
        self.back_button.setText(
            words.back_button() if way.short_back else words.back_to_last_page_button()
        )
        for button in (self.start_again_button, self.back_button, self._two_lines):
            button.set_theme(buttons_theme)

    def _button_size(self, button: BigButton, theme: Theme, way: _Way, room: int) -> QSize:
        """The roomy arrangement's buttons are end_button_size (their words wrapped inside
        where they need more); the compact one's as wide as their words on one line."""
        if way.compact:
            metrics = QFontMetrics(theme.font(theme.button_text_px, bold=True))
            words_width = metrics.horizontalAdvance(button.text()) + 2
            wanted = words_width + theme.icon_room + 2 * theme.button_padding
            width = min(max(wanted, theme.touch_target_min), room)
            return QSize(width, button.heightForWidth(width))
        size = theme.end_button_size
        width = min(size.width(), room)
        return QSize(width, max(size.height(), button.heightForWidth(width)))

    def _place(self, theme: Theme, way: _Way) -> None:
        self._theme = theme
        places = self._measure(theme, way)
        if places is None:
            # Even the least does not fit (a long disclaimer on a small panel): the words and
            # buttons that would reach the disclaimer are left out rather than drawn over it.
            places = self._measure_anyway(theme)
        palette = theme.palette
        self.heading_label.set_style(
            theme, theme.screen_title_sizes[way.title_index], palette.text, bold=True
        )
        self.thanks_label.set_style(theme, theme.ui_body_px, palette.muted_text)
        self.disclaimer_label.set_style(theme, theme.small_px, palette.muted_text)
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for widget in (
            self.heading_label,
            self.thanks_label,
            self.back_button,
            self.start_again_button,
            self.disclaimer_label,
        ):
            rect = places.get(widget)
            if rect is None:
                widget.hide()
                continue
            if right_to_left:
                rect = QRect(
                    self.width() - rect.x() - rect.width(), rect.y(), rect.width(), rect.height()
                )
            if isinstance(widget, BigButton):
                widget.setMinimumHeight(0)
            widget.setGeometry(rect)
            widget.show()

    def _measure_anyway(self, theme: Theme) -> dict[QWidget, QRect]:
        """The heading and the buttons one above the other from the top, in the compact
        margins, as far as they stay clear of the disclaimer."""
        places: dict[QWidget, QRect] = {}
        side = theme.compact_side_margin
        margin = theme.compact_margin
        room = max(self.width() - 2 * side, 1)
        disclaimer = (
            self.disclaimer_label.heightForWidth(room) if self.disclaimer_label.text() else 0
        )
        bottom = self.height() - margin - disclaimer
        if disclaimer:
            places[self.disclaimer_label] = QRect(side, bottom, room, disclaimer)
            bottom -= theme.compact_gap
        y = margin
        for widget in (self.heading_label, self.back_button, self.start_again_button):
            widget_height = widget.heightForWidth(room)
            if y + widget_height > bottom:
                break
            places[widget] = QRect(side, y, room, widget_height)
            y += widget_height + theme.compact_gap
        return places

    # Qt

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
