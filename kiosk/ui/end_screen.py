"""The end screen: the patient has read it all; start again, or go back to the last page.

"You have reached the end", "Thank you for reading.", the two buttons and the disclaimer, in
one centred column. What the window holds decides the rest (`EndScreen._fit`), from the most to
the least: the buttons side by side with their full words, one above the other, side by side
with "Back" for "Back to the last page" (its accessible name says it whole), one above the
other so; then the heading's size, and last the thanks. On a small canvas (a 7" panel) the
margins and the gaps between buttons are the compact ones (4 mm). The words and buttons grow
with the patient's text size as far as that leaves everything in place, as the start screen's do.

An article with a web address (`set_take_home_url`, kiosk.take_home) gets a QR code with "Scan
with your phone's camera to read this at home": under the buttons with the words beside it, or
where the screen is short, beside the column with the words under it. Any way that holds the
code comes before every way without it; the code is as large as the room allows up to its
Theme size, and never smaller than a phone can read (TAKE_HOME_LEAST_MM): a screen with no
room for that (a 7" 800x480 panel, whose buttons and disclaimer fill it) shows no code rather
than one no phone can read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import words
from kiosk.theme import Theme, take_home_sizes
from kiosk.ui.qr_code import QrCode
from kiosk.ui.widgets import BigButton, Icon, TextLabel

# The end screen grows with the text in steps this large (of Standard's size).
ZOOM_STEP = 0.05


class TakeHome(Enum):
    """Where the take-home QR code and its words go."""

    ROW = "row"  # under the buttons, the words beside the code
    SIDE = "side"  # beside the column (at its end), the words under the code
    NONE = "none"  # no code: the article has no address, or the screen no room


@dataclass(frozen=True)
class _Way:
    """One way of holding the end screen's words and buttons."""

    compact: bool  # the small canvas's margins, gaps and buttons as tall as their words
    short_back: bool  # "Back" for "Back to the last page"
    side_by_side: bool
    title_index: int  # into Theme.screen_title_sizes
    thanks: bool
    take_home: TakeHome = TakeHome.NONE


@dataclass(frozen=True)
class _CodeBlock:
    """The QR code and its words as one way holds them."""

    code: int  # the code's side, quiet zone included
    caption: QSize  # its words
    gap: int  # between the two
    width: int
    height: int


@dataclass(frozen=True)
class _Frame:
    """What one way's margins, disclaimer, buttons and QR code beside the column take,
    whatever its heading and thanks: the same for the ways that differ only in those."""

    side: int
    margin: int
    gap: int
    button_gap: int
    room: int
    column_room: int
    bottom: int  # where the column must end (above the disclaimer)
    beside: _CodeBlock | None
    sizes: tuple[QSize, QSize]  # Back's, Start again's
    buttons_height: int
    row_width: int  # the two buttons side by side, the gap between included


def _frame_key(way: _Way) -> tuple[object, ...]:
    return way.compact, way.short_back, way.side_by_side, way.take_home


def _caption_px(theme: Theme, way: _Way) -> int:
    """The size of the words with the code: the thanks' size, or the disclaimer's where the
    screen is compact."""
    return theme.small_px if way.compact else theme.ui_body_px


def _words_fit(button: BigButton, theme: Theme, width: int) -> bool:
    """Whether each of `button`'s words fits on a line of a button `width` wide, beside its
    icon (a column beside the QR code can be narrower than a long word)."""
    metrics = QFontMetrics(theme.font(theme.button_text_px, bold=True))
    widest = max((metrics.horizontalAdvance(word) for word in button.text().split()), default=0)
    return widest + 2 + theme.icon_room + 2 * theme.button_padding <= width


def _wraps_within(label: TextLabel, width: int) -> bool:
    """Whether `label`'s words wrap within `width` pixels: no word is wider."""
    metrics = QFontMetrics(label.font())
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, label.text()).width() <= width


class EndScreen(QWidget):
    """ "You have reached the end", with Start again and Back to the last page. Where the kiosk
    has a menu of leaflets, Start again is "All leaflets", as on the leaflet's start screen:
    that is where it goes."""

    start_again_requested = Signal()  # "Start again" (or "All leaflets"): the kiosk's front
    back_requested = Signal()  # "Back to the last page"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel_theme = theme  # as the window gives it
        self._theme = theme  # as drawn: grown with the text as far as there is room
        self._fitted: tuple[object, ...] = ()
        self.heading_label = TextLabel(parent=self)
        self.thanks_label = TextLabel(parent=self)
        self.disclaimer_label = TextLabel(parent=self)
        for label in (self.heading_label, self.thanks_label, self.disclaimer_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_again_button = BigButton("", theme, primary=True, icon=Icon.HOME, parent=self)
        self.back_button = BigButton("", theme, icon=Icon.BACK, parent=self)
        # Measures how tall a button with two lines of words is (never shown): a button's words
        # take two lines at the most.
        self._two_lines = BigButton("0\n0", theme, parent=self)
        self._two_lines.hide()
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.disclaimer_label.hide()
        self.take_home_code = QrCode(self)
        self.take_home_label = TextLabel(parent=self)
        self.take_home_code.hide()
        self.take_home_label.hide()
        self._menu_available = False
        self._show_words()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def _show_words(self) -> None:
        """Every word the screen sets itself (not the disclaimer), in the interface's
        language: when it is made, and again when the language changes. Back's words are
        the long or the short, as the screen is fitted; its accessible name the long."""
        self.heading_label.setText(words.end_heading())
        self.thanks_label.setText(words.thanks())
        self.start_again_button.set_label(
            words.all_leaflets_button() if self._menu_available else words.start_again_button()
        )
        self.back_button.set_label(words.back_to_last_page_button())
        caption = words.take_home_caption() if self.take_home_code.url else ""
        self.take_home_label.setText(caption)
        self.take_home_code.setAccessibleName(caption)

    def set_menu_available(self, available: bool) -> None:
        """Name Start again for where it goes: "All leaflets" when the kiosk has a menu."""
        if available != self._menu_available:
            self._menu_available = available
            self._show_words()
            self._fitted = ()
            self._fit()

    def set_disclaimer(self, text: str) -> None:
        self.disclaimer_label.setText(text)
        self.disclaimer_label.setVisible(bool(text))
        self._fitted = ()
        self._fit()

    def set_take_home_url(self, url: str | None) -> None:
        """The web address the article's QR code opens (kiosk.take_home.take_home_url); None:
        no code."""
        self.take_home_code.set_url(url)
        self._show_words()
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
        # Nor a smaller heading, nor the QR code gone.
        standard = self._first_fitting(themes[0])
        compact = standard.compact if standard else True
        heading = themes[0].screen_title_sizes[standard.title_index] if standard else 0
        code = standard is not None and standard.take_home is not TakeHome.NONE
        low, high = 0, len(themes) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self._first_fitting(themes[middle], compact, heading, code) is not None:
                low = middle
            else:
                high = middle - 1
        theme = themes[low]
        way = self._first_fitting(theme, compact, heading, code) or self._last_way(theme)
        self._place(theme, way)
        self._fitted = fitted

    def _ways(self, theme: Theme) -> Iterator[_Way]:
        titles = range(len(theme.screen_title_sizes))
        # Not beside the column on a portrait screen: half its width leaves a word a line.
        with_code = (TakeHome.ROW,) if theme.portrait else (TakeHome.ROW, TakeHome.SIDE)
        without = (TakeHome.NONE,)
        for places in (with_code, without) if self.take_home_code.url else (without,):
            for compact in (False, True) if not theme.compact else (True,):
                for short_back in (False, True):
                    for side_by_side in (True, False):
                        for take_home in places:
                            for title_index in titles:
                                for thanks in (True, False):
                                    yield _Way(
                                        compact,
                                        short_back,
                                        side_by_side,
                                        title_index,
                                        thanks,
                                        take_home,
                                    )

    def _last_way(self, theme: Theme) -> _Way:
        return _Way(True, True, False, len(theme.screen_title_sizes) - 1, False)

    def _first_fitting(
        self,
        theme: Theme,
        compact: bool | None = None,
        least_heading: int = 0,
        code: bool | None = None,
    ) -> _Way | None:
        """The first of the ways that fits: only roomy or `compact` ones when given, only
        with a heading of `least_heading` pixels or more, and only with or without the QR
        code (`code`) when given."""
        # Ways that differ only in their heading and thanks share a frame: measured once.
        frames: dict[tuple[object, ...], _Frame | None] = {}
        for way in self._ways(theme):
            if compact is not None and way.compact != compact:
                continue
            if theme.screen_title_sizes[way.title_index] < least_heading:
                continue
            if code is not None and (way.take_home is not TakeHome.NONE) != code:
                continue
            if frames.get(_frame_key(way), True) is None:
                continue  # its buttons or code do not fit, whatever the heading
            if self._measure(theme, way, frames) is not None:
                return way
        return None

    def _measure(
        self,
        theme: Theme,
        way: _Way,
        frames: dict[tuple[object, ...], _Frame | None] | None = None,
    ) -> dict[QWidget, QRect] | None:
        """Where everything goes holding `way` at `theme`'s sizes; None if it does not fit.
        `frames`: those measured already at `theme` (`_frame`), and where to keep this one's."""
        buttons_theme = dataclasses.replace(theme, slim=True) if way.compact else theme
        self._take_sizes(theme, buttons_theme, way)
        key = _frame_key(way)
        if frames is not None and key in frames:
            frame = frames[key]
        else:
            frame = self._frame(theme, buttons_theme, way)
            if frames is not None:
                frames[key] = frame
        if frame is None:
            return None
        side, margin, gap, button_gap = frame.side, frame.margin, frame.gap, frame.button_gap
        room, column_room, bottom = frame.room, frame.column_room, frame.bottom
        buttons = (self.back_button, self.start_again_button)
        sizes, buttons_height, row_width = frame.sizes, frame.buttons_height, frame.row_width
        beside = frame.beside
        places: dict[QWidget, QRect] = {}
        if self.disclaimer_label.text():
            disclaimer = self.disclaimer_label.heightForWidth(room)
            places[self.disclaimer_label] = QRect(side, bottom + gap, room, disclaimer)
        heading = self.heading_label.heightForWidth(column_room)
        thanks = self.thanks_label.heightForWidth(column_room) if way.thanks else 0
        column = heading + (gap + thanks if thanks else 0) + gap + buttons_height
        below: _CodeBlock | None = None
        if way.take_home is TakeHome.ROW:
            below = self._code_below(room, bottom - margin - column - gap)
            if below is None:
                return None
            column += gap + below.height
        free = bottom - margin - column
        if free < 0:
            return None
        # A little above the middle: more room below than above, as a page's air.
        y = margin + free * 2 // 5
        places[self.heading_label] = QRect(side, y, column_room, heading)
        y += heading + gap
        if thanks:
            places[self.thanks_label] = QRect(side, y, column_room, thanks)
            y += thanks + gap
        if way.side_by_side:
            x = side + (column_room - row_width) // 2
            for button, size in zip(buttons, sizes, strict=True):
                top = y + (buttons_height - size.height()) // 2
                places[button] = QRect(x, top, size.width(), size.height())
                x += size.width() + button_gap
        else:
            for button, size in zip(buttons, sizes, strict=True):
                places[button] = QRect(
                    side + (column_room - size.width()) // 2, y, size.width(), size.height()
                )
                y += size.height() + button_gap
            y -= button_gap
        if below is not None:
            # The code at the start, its words beside it, the two centred under the buttons.
            y += (buttons_height if way.side_by_side else 0) + gap
            x = side + (room - below.width) // 2
            code, caption = below.code, below.caption
            places[self.take_home_code] = QRect(x, y + (below.height - code) // 2, code, code)
            places[self.take_home_label] = QRect(
                x + code + below.gap,
                y + (below.height - caption.height()) // 2,
                caption.width(),
                caption.height(),
            )
        if beside is not None:
            # At the column's end, the words under the code, a little above the middle too.
            x = side + column_room + button_gap
            top = margin + (bottom - margin - beside.height) * 2 // 5
            code, caption = beside.code, beside.caption
            places[self.take_home_code] = QRect(x + (beside.width - code) // 2, top, code, code)
            places[self.take_home_label] = QRect(
                x, top + code + beside.gap, caption.width(), caption.height()
            )
        return places

    def _frame(self, theme: Theme, buttons_theme: Theme, way: _Way) -> _Frame | None:
        """What `way`'s margins, disclaimer, buttons and code beside the column take (its
        words' sizes taken already); None where they do not fit across."""
        width, height = self.width(), self.height()
        side = theme.compact_side_margin if way.compact else theme.side_margin
        margin = theme.compact_margin if way.compact else theme.margin
        gap = theme.compact_gap if way.compact else theme.block_gap
        button_gap = theme.compact_gap if way.compact else theme.end_button_gap
        room = width - 2 * side
        if room <= 0:
            return None
        disclaimer = (
            self.disclaimer_label.heightForWidth(room) if self.disclaimer_label.text() else 0
        )
        bottom = height - margin - disclaimer
        if disclaimer:
            bottom -= gap
        # The column of words and buttons: all the room across, or beside the code.
        column_room = room
        beside: _CodeBlock | None = None
        if way.take_home is TakeHome.SIDE:
            beside = self._code_beside(room, bottom - margin)
            if beside is None:
                return None
            column_room = room - beside.width - button_gap
            if column_room <= 0:
                return None
        buttons = (self.back_button, self.start_again_button)
        sizes = [self._button_size(button, buttons_theme, way, column_room) for button in buttons]
        two_lines = self._two_lines.heightForWidth(column_room)
        if any(size.height() > two_lines for size in sizes):
            return None
        if not all(
            _words_fit(button, buttons_theme, size.width())
            for button, size in zip(buttons, sizes, strict=True)
        ):
            return None
        row_width = sizes[0].width() + button_gap + sizes[1].width()
        if way.side_by_side:
            if row_width > column_room:
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
        return _Frame(
            side=side,
            margin=margin,
            gap=gap,
            button_gap=button_gap,
            room=room,
            column_room=column_room,
            bottom=bottom,
            beside=beside,
            sizes=(sizes[0], sizes[1]),
            buttons_height=buttons_height,
            row_width=row_width,
        )

    def _code_below(self, room: int, height: int) -> _CodeBlock | None:
        """The QR code with its words beside it in a row `room` wide and at most `height`
        high: the largest code up to its Theme size; None where no readable one fits."""
        sizes = take_home_sizes(self._panel_theme)
        code = self.take_home_code.side_for(min(sizes.code, height))
        if code <= 0 or code < self.take_home_code.least_side(sizes.least_symbol):
            return None
        label = self.take_home_label
        natural = QFontMetrics(label.font()).horizontalAdvance(label.text()) + 2
        caption_width = min(sizes.caption_width, room - code - sizes.caption_gap, natural)
        if caption_width <= 0 or not _wraps_within(label, caption_width):
            return None
        caption = QSize(caption_width, label.heightForWidth(caption_width))
        if caption.height() > height:
            return None
        return _CodeBlock(
            code=code,
            caption=caption,
            gap=sizes.caption_gap,
            width=code + sizes.caption_gap + caption_width,
            height=max(code, caption.height()),
        )

    def _code_beside(self, room: int, height: int) -> _CodeBlock | None:
        """The QR code with its words under it, beside a column that keeps at least half of
        `room`, at most `height` high; None where no readable code fits."""
        sizes = take_home_sizes(self._panel_theme)
        least = self.take_home_code.least_side(sizes.least_symbol)
        width = max(min(sizes.caption_width, room * 2 // 5), least)
        if width > room // 2 or not _wraps_within(self.take_home_label, width):
            return None
        caption = QSize(width, self.take_home_label.heightForWidth(width))
        code = self.take_home_code.side_for(
            min(sizes.code, width, height - sizes.caption_gap - caption.height())
        )
        if code <= 0 or code < least:
            return None
        return _CodeBlock(
            code=code,
            caption=caption,
            gap=sizes.caption_gap,
            width=width,
            height=code + sizes.caption_gap + caption.height(),
        )

    def _take_sizes(self, theme: Theme, buttons_theme: Theme, way: _Way) -> None:
        self.heading_label.setFont(theme.font(theme.screen_title_sizes[way.title_index], bold=True))
        self.thanks_label.setFont(theme.font(theme.ui_body_px))
        self.disclaimer_label.setFont(theme.font(theme.small_px))
        self.take_home_label.setFont(theme.font(_caption_px(theme, way)))
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
        self.take_home_label.set_style(theme, _caption_px(theme, way), palette.text)
        self.take_home_label.setAlignment(
            Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
            if way.take_home is TakeHome.ROW
            else Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        )
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for widget in (
            self.heading_label,
            self.thanks_label,
            self.back_button,
            self.start_again_button,
            self.disclaimer_label,
            self.take_home_code,
            self.take_home_label,
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
        elif event.type() == QEvent.Type.LanguageChange:
            self._show_words()
            self._fitted = ()  # other words take other room
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
