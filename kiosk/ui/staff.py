"""Staff-only screens: the in-app PIN pad (never the system keyboard) and the staff screen.

Both are reached only through the hidden corner gesture, and both hand back to the kiosk by
themselves after a short time untouched.

Both place their parts by hand (`_place`), not with Qt layouts, so that what goes where on each
panel is decided in one readable place, and what a message says never moves a key:

- The PIN pad stacks its prompt, dots (or message), keys and Cancel where the keys fit at
  their largest; on a low landscape window (a 7" to 15" panel) the prompt, dots, message and
  Cancel go beside the keys, which fill the height. Keys are `staff_target_min` (15 mm) or more.
- The staff screen's words (status, problems, warnings) and the reading figures
  (kiosk.ui.figures_chart) take the room above its buttons and scroll with a finger when
  longer; the buttons go in a row where their words fit on one line, one above the other in
  portrait, else in a row whose words wrap.
- Notices (no PIN set, locked) show a heading, their words (scrolling when long) and Close,
  with the hold button when no PIN is set.

Sizes are the Theme's staff sizes: staff stand close, and these screens keep their layout
whatever text size the patient chose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QScrollArea,
    QStackedLayout,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kiosk import words
from kiosk.clock import Clock
from kiosk.figures import Row
from kiosk.staff import PIN_MAX_DIGITS
from kiosk.theme import Theme
from kiosk.ui.figures_chart import FiguresChart, summarise
from kiosk.ui.widgets import BigButton, HoldButton, Icon, TextLabel

# How long a button must be held to open the staff screen while no PIN is set.
NO_PIN_HOLD_SECONDS = 3.0
# Lines of a message the PIN pad keeps room for above its keys (stacked), whether it shows one
# or not, so that a message ("Wrong PIN. 4 tries left.", "Checking...") never moves a key; up
# to PIN_MESSAGE_MOST_LINES where the window has the room. Longer ones scroll.
PIN_MESSAGE_LINES = 2
PIN_MESSAGE_MOST_LINES = 5
# A dot and the space after it, in dot diameters.
DOT_PITCH = 1.6
# The keys of the PIN pad, row by row: digits, then Clear, 0 and OK.
KEY_ROWS = 4
KEY_COLUMNS = 3
# The share of a low landscape window a notice's buttons take beside its words.
NOTICE_BUTTONS_SHARE = 0.4
# The least share of a low landscape window the PIN's prompt, dots and message take beside
# the keys (more where the prompt needs it on two lines).
PIN_COLUMN_SHARE = 0.35

Placement = list[tuple[QWidget, QRect]]


def _staff_button_height(button: BigButton, theme: Theme, width: int) -> int:
    """What a staff button `width` wide needs: its words, and at least
    `staff_button_height`."""
    text_rect = button._text_rect(QRect(0, 0, width, 100_000))
    used = button._font_metrics().boundingRect(text_rect, button._text_flags, button.text())
    needed = used.height() + 2 * theme.staff_button_vertical_padding
    return max(theme.staff_button_height, needed)


class StaffButton(BigButton):
    """A button of the PIN pad and the staff screens, in the Theme's staff sizes: at least
    `staff_button_height` high rather than a patient's button's (15 mm on a small panel),
    taller where its words wrap. A PIN `key` keeps little room beside its words, and its words
    get smaller where they would not fit on one line (`fit_words`). Its screen places it; it
    never grows itself."""

    def __init__(
        self,
        text: str,
        theme: Theme,
        *,
        key: bool = False,
        primary: bool = False,
        icon: Icon = Icon.NONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, theme, primary=primary, icon=icon, parent=parent)
        self._key = key
        self._text_px: int | None = None

    @property
    def text_px(self) -> int:
        """The size of the words as drawn now."""
        return self._text_px or self._theme.staff_button_text_px

    @property
    def _padding(self) -> int:
        theme = self._theme
        return theme.pin_key_padding if self._key else theme.staff_button_padding

    def _font(self) -> QFont:
        return self._theme.font(self.text_px, bold=True)

    def set_theme(self, theme: Theme) -> None:
        self._text_px = None
        super().set_theme(theme)

    def fit_words(self, width: int, at_most: int | None = None) -> None:
        """Words no larger than fit on one line in a key `width` wide (down to
        `pin_key_smallest_px`), nor than `at_most`."""
        theme = self._theme
        room = self._text_rect(QRect(0, 0, width, 1)).width()
        size = min(theme.staff_button_text_px, at_most or theme.staff_button_text_px)
        while size > theme.pin_key_smallest_px:
            if QFontMetrics(theme.font(size, bold=True)).horizontalAdvance(self.text()) <= room:
                break
            size -= 1
        self._text_px = size
        self.update()

    def set_words_px(self, size: int | None) -> None:
        """Words of `size` px (None: `staff_button_text_px`), for a row of buttons that fits
        a small panel only with smaller words (`_arrange_buttons`)."""
        if size != self._text_px:
            self._text_px = size
            self.updateGeometry()
            self.update()

    def heightForWidth(self, width: int) -> int:
        return _staff_button_height(self, self._theme, width)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._theme.staff_target_min, self._theme.staff_button_height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        QAbstractButton.resizeEvent(self, event)


class StaffHoldButton(HoldButton):
    """The "Hold to open the staff screen" button, sized as a StaffButton."""

    @property
    def text_px(self) -> int:
        """The size of the words."""
        return self._theme.staff_button_text_px

    @property
    def _padding(self) -> int:
        return self._theme.staff_button_padding

    def _font(self) -> QFont:
        return self._theme.font(self.text_px, bold=True)

    def heightForWidth(self, width: int) -> int:
        return _staff_button_height(self, self._theme, width)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._theme.staff_target_min, self._theme.staff_button_height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        QAbstractButton.resizeEvent(self, event)


class ScrollingWords(QScrollArea):
    """Words that may be longer than their room: a finger (or the mouse) drags them, and a bar
    beside them shows that there is more. Nothing is ever cut off.

    The words follow the finger exactly, without a fling: staff read as they drag, and a
    list that runs on by itself would have to be caught."""

    def __init__(self, labels: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        self._column = QVBoxLayout(content)
        self._column.setContentsMargins(0, 0, 0, 0)
        for label in labels:
            self._column.addWidget(label)
        self._column.addStretch(1)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self._bar_gap = 0
        # Where a drag began: the finger's height and how far the words were scrolled then.
        self._drag_from: tuple[float, int] | None = None

    def set_theme(self, theme: Theme, spacing: int) -> None:
        palette = theme.palette
        bar = theme.scroll_bar_width
        self._column.setSpacing(spacing)
        style = f"""
            QScrollArea {{ background: transparent; border: none; }}
            QScrollArea > QWidget > QWidget {{ background: transparent; }}
            QScrollBar:vertical {{
                background: {palette.track}; width: {bar}px; margin: 0px;
                border: none; border-radius: {bar // 2}px;
            }}
            QScrollBar::handle:vertical {{
                background: {palette.accent}; min-height: {2 * bar}px;
                border-radius: {bar // 2}px;
            }}
            QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{
                height: 0px; border: none; background: none;
            }}
            QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
            """
        if style != self.styleSheet():  # a style sheet costs a few milliseconds each time
            self.setStyleSheet(style)
        self._bar_gap = theme.pin_pad_gap // 2
        self._set_margins()

    def _set_margins(self) -> None:
        """A little space between the words and the bar, on the bar's side."""
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            self.setViewportMargins(self._bar_gap, 0, 0, 0)
        else:
            self.setViewportMargins(0, 0, self._bar_gap, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._set_margins()

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress):
            height = _pointer_height(event)
            if height is not None:
                self._drag_from = (height, self.verticalScrollBar().value())
                event.accept()
                return True
        elif kind in (QEvent.Type.TouchUpdate, QEvent.Type.MouseMove):
            height = _pointer_height(event)
            if self._drag_from is not None and height is not None:
                start, value = self._drag_from
                self.verticalScrollBar().setValue(round(value - (height - start)))
                event.accept()
                return True
        elif kind in (
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
            QEvent.Type.MouseButtonRelease,
        ):
            dragging = self._drag_from is not None
            self._drag_from = None
            if dragging:
                event.accept()
                return True
        return super().viewportEvent(event)

    def words_height(self, width: int) -> int:
        """How tall the words are, all of them, in a view `width` wide."""
        content = self.widget()
        if content is None:
            return 0
        return content.heightForWidth(max(1, width - self._bar_gap))

    def scroll_to_top(self) -> None:
        self.verticalScrollBar().setValue(0)


def _pointer_height(event: QEvent) -> float | None:
    """How far down its widget one finger (or the left mouse button) is; None for anything
    else (a second finger, another button)."""
    if isinstance(event, QTouchEvent):
        points = event.points()
        return points[0].position().y() if len(points) == 1 else None
    if isinstance(event, QMouseEvent):
        if event.type() == QEvent.Type.MouseMove:
            pressed = bool(event.buttons() & Qt.MouseButton.LeftButton)
        else:
            pressed = event.button() == Qt.MouseButton.LeftButton
        return event.position().y() if pressed else None
    return None


class PinDots(QWidget):
    """The digits typed so far, as dots in a row: never the digits themselves."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._count = 0

    @property
    def count(self) -> int:
        return self._count

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_count(self, count: int) -> None:
        self._count = count
        self.setAccessibleDescription("\N{BLACK CIRCLE} " * count)
        self.update()

    def dot_diameter(self) -> int:
        """As large as the Theme allows, with PIN_MAX_DIGITS of them fitting across."""
        across = self.width() / (PIN_MAX_DIGITS * DOT_PITCH)
        return max(1, min(self._theme.pin_dot_size, int(across), self.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._count:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self._theme.palette.text))
        diameter = self.dot_diameter()
        pitch = diameter * DOT_PITCH
        row = pitch * (self._count - 1) + diameter
        left = (self.width() - row) / 2
        top = (self.height() - diameter) / 2
        for index in range(self._count):
            painter.drawEllipse(QRectF(left + index * pitch, top, diameter, diameter))


def _centred(width: int, height: int, within: QRect, top: int) -> QRect:
    """A rectangle `width` x `height` centred across `within`, `top` down."""
    return QRect(within.left() + (within.width() - width) // 2, top, width, height)


def _lines(metrics: QFontMetrics, flags: int, text: str, room: int) -> int:
    """How many lines `text` takes `room` wide; 0 where a word does not fit."""
    if any(metrics.horizontalAdvance(word) > room for word in text.split()):
        return 0
    used = metrics.boundingRect(QRect(0, 0, room, 100_000), flags, text)
    return max(1, round(used.height() / metrics.lineSpacing()))


# Widths found by `_narrowest`, by words, size, room beside them and lines: a screen is placed
# again at every theme change and resize, and the search measures the words many times.
_narrowest_found: dict[tuple[str, str, int, int], int] = {}


def _narrowest(button: BigButton, lines: int) -> int:
    """The narrowest `button` gets with its words on at most `lines` lines, no word split
    (at least its `minimumSizeHint`)."""
    metrics = button._font_metrics()
    text = button.text()
    beside = 1000 - button._text_rect(QRect(0, 0, 1000, 1)).width()  # padding, icon
    key = (text, button._font().key(), beside, lines)
    if key not in _narrowest_found:
        flags = button._text_flags
        low = max((metrics.horizontalAdvance(word) for word in text.split()), default=1)
        high = metrics.horizontalAdvance(text) + 1
        while not 0 < _lines(metrics, flags, text, high) <= lines:
            high *= 2  # the words' advance and their set width can differ by a pixel
        while low < high:
            middle = (low + high) // 2
            if 0 < _lines(metrics, flags, text, middle) <= lines:
                high = middle
            else:
                low = middle + 1
        if len(_narrowest_found) > 1000:
            _narrowest_found.clear()
        _narrowest_found[key] = low + beside
    return max(_narrowest_found[key], button.minimumSizeHint().width())


@dataclass(frozen=True)
class ButtonBlock:
    """Where a screen's buttons go, side by side or one above the other."""

    sizes: tuple[QSize, ...]
    in_row: bool
    gap: int

    @property
    def height(self) -> int:
        if self.in_row:
            return max(size.height() for size in self.sizes)
        return sum(size.height() for size in self.sizes) + self.gap * (len(self.sizes) - 1)

    @property
    def width(self) -> int:
        if self.in_row:
            return sum(size.width() for size in self.sizes) + self.gap * (len(self.sizes) - 1)
        return max(size.width() for size in self.sizes)


def _arrange_buttons(
    buttons: Sequence[BigButton],
    width: int,
    theme: Theme,
    preferred: Sequence[int],
    *,
    wrap: bool,
) -> ButtonBlock:
    """`buttons` in `width`: in a row at their `preferred` widths (or their words', if wider)
    where that fits, else at their words' widths; else, if they may `wrap` (in landscape), in a
    row whose words wrap onto two or three lines, `staff_gap_min` apart if need be, or (staff
    buttons, on a 7" panel) onto two or three lines of smaller words, down to
    `pin_key_smallest_px`; else one above the other."""
    count = len(buttons)
    shrinkable = [button for button in buttons if isinstance(button, StaffButton)]
    if len(shrinkable) < count:
        shrinkable = []
    for button in shrinkable:
        button.set_words_px(None)
    natural = [_narrowest(button, 1) for button in buttons]
    roomy = [max(want, need) for want, need in zip(preferred, natural, strict=True)]

    def row(widths: Sequence[int], gap: int) -> ButtonBlock:
        sizes = tuple(QSize(w, b.heightForWidth(w)) for b, w in zip(buttons, widths, strict=True))
        height = max(size.height() for size in sizes)
        return ButtonBlock(tuple(QSize(size.width(), height) for size in sizes), True, gap)

    for widths in (roomy, natural):
        if sum(widths) + theme.gap * (count - 1) <= width:
            return row(widths, theme.gap)
    if wrap:
        for lines in (2, 3):
            narrow = [_narrowest(button, lines) for button in buttons]
            for gap in (theme.gap, theme.staff_gap_min):
                spare = width - sum(narrow) - gap * (count - 1)
                if spare >= 0:
                    return row([w + spare // count for w in narrow], gap)
        gap = theme.staff_gap_min
        for size in range(theme.staff_button_text_px - 1, theme.pin_key_smallest_px - 1, -1):
            for button in shrinkable:
                button.set_words_px(size)
            for lines in (2, 3):
                narrow = [_narrowest(button, lines) for button in shrinkable]
                spare = width - sum(narrow) - gap * (count - 1)
                if narrow and spare >= 0:
                    return row([w + spare // count for w in narrow], gap)
        for button in shrinkable:
            button.set_words_px(None)
    widths = [min(w, width) for w in roomy]
    sizes = tuple(QSize(w, b.heightForWidth(w)) for b, w in zip(buttons, widths, strict=True))
    return ButtonBlock(sizes, False, theme.gap)


def _place_buttons(
    buttons: Sequence[BigButton], block: ButtonBlock, area: QRect, top: int, *, centred: bool
) -> Placement:
    """`buttons` as `block` says, from `top` down, centred across `area` or at its leading
    edge."""
    placed: Placement = []
    if block.in_row:
        left = area.left() + ((area.width() - block.width) // 2 if centred else 0)
        for button, size in zip(buttons, block.sizes, strict=True):
            placed.append((button, QRect(left, top, size.width(), size.height())))
            left += size.width() + block.gap
        return placed
    for button, size in zip(buttons, block.sizes, strict=True):
        left = area.left() + ((area.width() - size.width()) // 2 if centred else 0)
        placed.append((button, QRect(left, top, size.width(), size.height())))
        top += size.height() + block.gap
    return placed


class PinPad(QWidget):
    """Large digits, the entered PIN shown as dots, OK and Cancel. Covers the whole window.

    The dots and the pad's message share one place of fixed size: the dots while digits are
    typed, else the message (which scrolls when long). So a message moves nothing.
    """

    pin_entered = Signal(str)  # OK with the digits typed
    cancelled = Signal()  # Cancel, or Close on a message
    opened_without_pin = Signal()  # no PIN is set, and the hold button was held long enough

    def __init__(self, theme: Theme, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._digits = ""
        self._checking = False
        self._keys_shown = True
        self.setAutoFillBackground(False)
        self.title_label = TextLabel(words.pin_prompt(), self)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = PinDots(theme, self)
        self.message_label = TextLabel()
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message_view = ScrollingWords([self.message_label], self)
        self.digit_buttons = [
            StaffButton(str(digit), theme, key=True, parent=self) for digit in range(10)
        ]
        self.clear_button = StaffButton(words.clear_button(), theme, key=True, parent=self)
        self.ok_button = StaffButton(words.ok_button(), theme, key=True, primary=True, parent=self)
        self.cancel_button = StaffButton(words.cancel_button(), theme, icon=Icon.BACK, parent=self)
        self.hold_button = StaffHoldButton(
            words.hold_to_open_button(), theme, clock, NO_PIN_HOLD_SECONDS, self
        )
        self.hold_button.hide()
        digits = self.digit_buttons
        self.key_rows: list[list[StaffButton]] = [
            digits[1:4],
            digits[4:7],
            digits[7:10],
            [self.clear_button, digits[0], self.ok_button],
        ]

        for digit, button in enumerate(self.digit_buttons):
            button.clicked.connect(lambda _=False, d=digit: self._press(str(d)))
        self.clear_button.clicked.connect(self._clear)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self._cancel)
        self.hold_button.held.connect(self.opened_without_pin)
        self.set_theme(theme)
        self.hide()

    @property
    def digits(self) -> str:
        return self._digits

    @property
    def checking(self) -> bool:
        """A PIN is being checked: the pad says so and ignores every key and button."""
        return self._checking

    @property
    def keys(self) -> list[StaffButton]:
        """The twelve keys, row by row."""
        return [key for row in self.key_rows for key in row]

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        self.message_label.set_style(theme, theme.staff_words_px, palette.text)
        self.message_view.set_theme(theme, 0)
        self.dots.set_theme(theme)
        for button in (*self.keys, self.cancel_button, self.hold_button):
            button.set_theme(theme)
        self._set_title_style()
        self._place()
        self.update()

    def _set_title_style(self) -> None:
        theme = self._theme
        size = theme.pin_prompt_px if self._keys_shown else theme.staff_heading_px
        self.title_label.set_style(theme, size, theme.palette.text, bold=True)

    def start(self, message: str = "") -> None:
        """Open for a PIN."""
        self._digits = ""
        self._checking = False
        self.hold_button.hide()
        self.cancel_button.setText(words.cancel_button())
        self.title_label.setText(words.pin_prompt())
        self.message_label.setText(message)
        self._show_keys(True)
        self._refresh()
        self._cover()

    def show_message(self, message: str) -> None:
        """Keep the keys, clear the digits, say something (a wrong PIN)."""
        self._digits = ""
        self._checking = False
        self.message_label.setText(message)
        self.message_view.scroll_to_top()
        self._refresh()

    def show_notice(self, title: str, message: str = "") -> None:
        """Only words and a Close button: staff access is not set up, or is locked."""
        self._digits = ""
        self._checking = False
        self.hold_button.hide()
        self.title_label.setText(title)
        self.message_label.setText(message)
        self.cancel_button.setText(words.close_button())
        self._show_keys(False)
        self._refresh()
        self._cover()

    def show_checking(self) -> None:
        """The PIN entered is being checked: say so, and take no input until the outcome is
        shown (a second OK would check it twice, a Cancel would hide the outcome)."""
        self._digits = ""
        self._checking = True
        self.message_label.setText(words.checking_pin())
        self._refresh()

    def show_no_pin_notice(self, set_pin_command: str) -> None:
        """No PIN is set yet: say so, say how to set one, and offer the staff screen behind a
        button that must be held down (a patient who found the corner does not get in by a
        tap)."""
        self.show_notice(words.no_pin_title(), words.no_pin_notice(set_pin_command))
        self.hold_button.show()
        self._place()

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._place()
        self.message_view.scroll_to_top()
        self.show()
        self.raise_()

    def _show_keys(self, visible: bool) -> None:
        self._keys_shown = visible
        for button in self.keys:
            button.setVisible(visible)
        self._set_title_style()
        self._place()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Digits, Backspace and Enter from a staff keyboard, as the buttons would."""
        if not self.ok_button.isVisible():
            return False
        if self._checking:
            return True  # taken, and ignored
        key = event.key()
        if event.text().isdigit() and event.text().isascii():
            self._press(event.text())
        elif key == Qt.Key.Key_Backspace:
            self._digits = self._digits[:-1]
            self._refresh()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        else:
            return False
        return True

    def _press(self, digit: str) -> None:
        if not self._checking and len(self._digits) < PIN_MAX_DIGITS:
            self._digits += digit
            self._refresh()

    def _clear(self) -> None:
        if not self._checking:
            self._digits = ""
            self._refresh()

    def _cancel(self) -> None:
        if not self._checking:
            self.cancelled.emit()

    def _submit(self) -> None:
        if self._checking:
            return
        digits, self._digits = self._digits, ""
        self._refresh()
        self.pin_entered.emit(digits)

    def _refresh(self) -> None:
        self.dots.set_count(len(self._digits))
        # The message comes back when the digits go (OK, Clear, a wrong PIN).
        typing = bool(self._digits)
        self.dots.setVisible(typing)
        self.message_view.setVisible(not typing)

    # Placing

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        area = _content_area(self, self._theme)
        if area.width() <= 0 or area.height() <= 0:
            return
        placed = self._place_keys(area) if self._keys_shown else self._place_notice(area)
        direction = self.layoutDirection()
        placed = [
            (widget, QStyle.visualRect(direction, self.rect(), rect)) for widget, rect in placed
        ]
        if self._keys_shown and direction == Qt.LayoutDirection.RightToLeft:
            # The keys' block goes to the other side, but a keypad reads 1 2 3 from the left
            # in every language, as on a phone.
            keys = [rect for widget, rect in placed if widget in self.keys]
            grid = keys[0]
            for rect in keys[1:]:
                grid = grid.united(rect)
            placed = [
                (widget, QStyle.visualRect(direction, grid, rect) if widget in self.keys else rect)
                for widget, rect in placed
            ]
        for widget, rect in placed:
            widget.setGeometry(rect)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place()

    def _entry_height(self) -> int:
        """Room for the dots, or PIN_MESSAGE_LINES of a message."""
        lines = QFontMetrics(self.message_label.font()).lineSpacing() * PIN_MESSAGE_LINES
        return max(self._theme.pin_dots_height, lines)

    def _fit_keys(self, width: int, height: int) -> tuple[QSize, int]:
        """The largest key (up to `pin_key_size`) and the space between keys for a 4 x 3 grid
        in `width` x `height`: `gap` apart where keys of `staff_target_min` fit so, else
        `staff_gap_min` apart."""
        theme = self._theme
        largest = theme.pin_key_size
        key = largest
        spacing = theme.gap
        for spacing in (theme.gap, theme.staff_gap_min):
            key = QSize(
                min(largest.width(), (width - spacing * (KEY_COLUMNS - 1)) // KEY_COLUMNS),
                min(largest.height(), (height - spacing * (KEY_ROWS - 1)) // KEY_ROWS),
            )
            if min(key.width(), key.height()) >= theme.staff_target_min:
                break
        return key, spacing

    def _grid(self, key: QSize, spacing: int, left: int, top: int) -> Placement:
        """The keys, `key` in size and `spacing` apart, from (`left`, `top`); the words of
        Clear and OK as large as fit those keys, and the same size on both."""
        placed: Placement = []
        for row, buttons in enumerate(self.key_rows):
            for column, button in enumerate(buttons):
                x = left + column * (key.width() + spacing)
                y = top + row * (key.height() + spacing)
                placed.append((button, QRect(x, y, key.width(), key.height())))
                button.fit_words(key.width())
        words = (self.clear_button, self.ok_button)
        smallest = min(button.text_px for button in words)
        for button in words:
            button.fit_words(key.width(), at_most=smallest)
        return placed

    @staticmethod
    def _grid_size(key: QSize, spacing: int) -> QSize:
        return QSize(
            KEY_COLUMNS * key.width() + (KEY_COLUMNS - 1) * spacing,
            KEY_ROWS * key.height() + (KEY_ROWS - 1) * spacing,
        )

    def _place_keys(self, area: QRect) -> Placement:
        """Prompt, dots or message, keys and Cancel, one above the other and centred, where
        the keys fit at their largest or the window is portrait; else side by side."""
        theme = self._theme
        gap = theme.pin_pad_gap
        cancel_width = min(theme.pin_cancel_size.width(), area.width())
        cancel_height = self.cancel_button.heightForWidth(cancel_width)
        prompt_height = self.title_label.heightForWidth(area.width())
        entry_height = self._entry_height()
        # Cancel is a target beside the keys: as far from them as they are from each other.
        cancel_gap = max(theme.gap, theme.staff_gap_min)
        around_keys = prompt_height + entry_height + cancel_height + 2 * gap + cancel_gap
        key, spacing = self._fit_keys(area.width(), area.height() - around_keys)
        if key != theme.pin_key_size and area.width() > area.height():
            return self._place_keys_beside(area)
        grid = self._grid_size(key, spacing)
        # Room to spare (a tall window) goes to the message first: a longer one then shows
        # whole (the wrong PIN, and why the lock cannot be saved).
        line = QFontMetrics(self.message_label.font()).lineSpacing()
        spare_lines = (area.height() - around_keys - grid.height()) // line
        more_lines = max(0, min(spare_lines, PIN_MESSAGE_MOST_LINES - PIN_MESSAGE_LINES))
        entry_height += more_lines * line
        around_keys += more_lines * line
        total = around_keys + grid.height()
        top = area.top() + max(0, (area.height() - total) // 2)
        placed: Placement = [
            (self.title_label, QRect(area.left(), top, area.width(), prompt_height))
        ]
        top += prompt_height + gap
        entry = QRect(area.left(), top, area.width(), entry_height)
        placed += [(self.dots, entry), (self.message_view, entry)]
        top += entry_height + gap
        placed += self._grid(key, spacing, area.left() + (area.width() - grid.width()) // 2, top)
        top += grid.height() + cancel_gap
        placed.append((self.cancel_button, _centred(cancel_width, cancel_height, area, top)))
        return placed

    def _prompt_width(self, most: int) -> int:
        """The narrowest the prompt gets on two lines (at most `most`)."""
        one_line = self.title_label.heightForWidth(100_000)
        lines = one_line + QFontMetrics(self.title_label.font()).lineSpacing() + 1
        low, high = 1, max(1, most)
        while low < high:
            middle = (low + high) // 2
            if self.title_label.heightForWidth(middle) <= lines:
                high = middle
            else:
                low = middle + 1
        return low

    def _place_keys_beside(self, area: QRect) -> Placement:
        """Landscape, too low for the keys at their largest under the prompt: the keys fill the
        height at the trailing side; prompt, dots or message, and Cancel beside them, in a
        column as wide as the prompt needs on two lines."""
        theme = self._theme
        gap = theme.pin_pad_gap
        column_gap = theme.gap
        keys_least = KEY_COLUMNS * theme.staff_target_min + (KEY_COLUMNS - 1) * theme.gap
        most = area.width() - column_gap - keys_least
        column_width = min(
            most, max(self._prompt_width(most), round(area.width() * PIN_COLUMN_SHARE))
        )
        key, spacing = self._fit_keys(area.width() - column_gap - column_width, area.height())
        grid = self._grid_size(key, spacing)
        grid_top = area.top() + (area.height() - grid.height()) // 2
        placed = self._grid(key, spacing, area.right() + 1 - grid.width(), grid_top)
        column = QRect(
            area.left(), grid_top, area.width() - grid.width() - column_gap, grid.height()
        )
        prompt_height = self.title_label.heightForWidth(column.width())
        placed.append(
            (self.title_label, QRect(column.left(), column.top(), column.width(), prompt_height))
        )
        cancel_width = min(theme.pin_cancel_size.width(), column.width())
        cancel_height = max(key.height(), self.cancel_button.heightForWidth(cancel_width))
        cancel_top = column.bottom() + 1 - cancel_height
        placed.append(
            (self.cancel_button, _centred(cancel_width, cancel_height, column, cancel_top))
        )
        entry_top = column.top() + prompt_height + gap
        entry = QRect(column.left(), entry_top, column.width(), cancel_top - gap - entry_top)
        placed += [(self.dots, entry), (self.message_view, entry)]
        return placed

    def _notice_buttons(self) -> tuple[list[BigButton], list[int]]:
        """The notice's buttons and their preferred widths: Close, after the hold button when
        no PIN is set."""
        theme = self._theme
        if self.hold_button.isHidden():
            return [self.cancel_button], [theme.pin_cancel_size.width()]
        return [self.hold_button, self.cancel_button], [
            theme.hold_button_width,
            theme.pin_cancel_size.width(),
        ]

    def _place_notice(self, area: QRect) -> Placement:
        """A heading, its words (scrolling when long) and the buttons under them, centred; in
        landscape, where that leaves the words less room than beside the buttons, the
        buttons one above the other at the trailing side."""
        theme = self._theme
        gap = theme.pin_pad_gap
        buttons, preferred = self._notice_buttons()
        landscape = area.width() > area.height()
        block = _arrange_buttons(buttons, area.width(), theme, preferred, wrap=landscape)
        title_height = self.title_label.heightForWidth(area.width())
        words_needed = self.message_view.words_height(area.width())
        room = max(0, area.height() - title_height - block.height - 2 * gap)
        if landscape and words_needed > room:
            beside = self._place_notice_beside(area, buttons, preferred)
            words_rect = next(rect for widget, rect in beside if widget is self.message_view)
            if words_rect.width() * words_rect.height() > area.width() * room:
                return beside
        words_height = min(words_needed, room)
        total = title_height + words_height + block.height + 2 * gap
        top = area.top() + max(0, (area.height() - total) // 2)
        placed: Placement = [
            (self.title_label, QRect(area.left(), top, area.width(), title_height))
        ]
        top += title_height + gap
        placed.append((self.message_view, QRect(area.left(), top, area.width(), words_height)))
        top += words_height + gap
        placed += _place_buttons(buttons, block, area, top, centred=True)
        return placed

    def _place_notice_beside(
        self, area: QRect, buttons: Sequence[BigButton], preferred: Sequence[int]
    ) -> Placement:
        theme = self._theme
        gap = theme.pin_pad_gap
        column_width = min(max(preferred), round(area.width() * NOTICE_BUTTONS_SHARE))
        block = _arrange_buttons(
            buttons, column_width, theme, [column_width] * len(buttons), wrap=False
        )
        block = ButtonBlock(
            tuple(QSize(column_width, size.height()) for size in block.sizes), False, block.gap
        )
        words_column = QRect(
            area.left(), area.top(), area.width() - column_width - theme.gap, area.height()
        )
        title_height = self.title_label.heightForWidth(words_column.width())
        words_needed = self.message_view.words_height(words_column.width())
        words_height = min(words_needed, max(0, area.height() - title_height - gap))
        total = max(title_height + gap + words_height, block.height)
        top = area.top() + max(0, (area.height() - total) // 2)
        placed: Placement = [
            (self.title_label, QRect(words_column.left(), top, words_column.width(), title_height)),
            (
                self.message_view,
                QRect(
                    words_column.left(),
                    top + title_height + gap,
                    words_column.width(),
                    words_height,
                ),
            ),
        ]
        buttons_area = QRect(area.right() + 1 - column_width, top, column_width, total)
        buttons_top = top + (total - block.height) // 2
        placed += _place_buttons(buttons, block, buttons_area, buttons_top, centred=True)
        return placed

    def hideEvent(self, event: QHideEvent) -> None:
        # The check's outcome was the staff screen, or the pad closed: it opens afresh.
        self._checking = False
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.palette.card))


class StaffScreen(QWidget):
    """What staff need to know and do: which content, since when, what is wrong (the
    controller's problems, and what 'kiosk check' warns about the article shown), whether
    anyone reads it (the reading figures, once the controller gives them: `set_figures`), what
    next: reload, clean the screen (the window runs the pause), go back, exit.

    "Exit kiosk" asks first, on a page of its own ("Close the kiosk?"); only "Yes, close it"
    leaves. "Exit kiosk" is the first of the staff screen's buttons and "No, go back" the
    first answer; should "Yes, close it" still come where "Exit kiosk" was, the answers trade
    places, so that a second, shaky tap on the same spot never answers the question.
    """

    reload_requested = Signal()  # "Reload content"
    exit_requested = Signal()  # "Exit kiosk", then "Yes, close it"
    back_requested = Signal()  # "Back to kiosk"
    cleaning_requested = Signal()  # "Clean the screen"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._problems: list[str] = []
        self._warnings: list[str] | None = []
        # What day it is for the reading figures (the last of the days they show).
        self.today: Callable[[], dt.date] = dt.date.today

        self.overview = QWidget()
        # The heading scrolls with the words: on a small panel they need every line.
        self.heading_label = TextLabel(words.staff_heading())
        self.status_label = TextLabel()
        self.problems_label = TextLabel()
        self.figures_chart = FiguresChart(theme)
        self.figures_chart.hide()
        self.details = ScrollingWords(
            [self.heading_label, self.status_label, self.problems_label, self.figures_chart],
            self.overview,
        )
        self.exit_button = StaffButton(words.exit_button(), theme, parent=self.overview)
        self.reload_button = StaffButton(words.reload_button(), theme, parent=self.overview)
        self.clean_button = StaffButton(words.clean_screen_button(), theme, parent=self.overview)
        self.back_button = StaffButton(
            words.back_to_kiosk_button(), theme, primary=True, icon=Icon.BACK, parent=self.overview
        )
        self.buttons = [self.exit_button, self.reload_button, self.clean_button, self.back_button]

        # The second step of "Exit kiosk". "No, go back" is the primary button: the safe
        # answer is the one that stands out.
        self.exit_confirmation = QWidget()
        self.confirm_heading_label = TextLabel(words.exit_confirm_heading(), self.exit_confirmation)
        self.confirm_detail_label = TextLabel(words.exit_confirm_detail())
        for label in (self.confirm_heading_label, self.confirm_detail_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.confirm_detail = ScrollingWords([self.confirm_detail_label], self.exit_confirmation)
        self.no_button = StaffButton(
            words.exit_confirm_no_button(),
            theme,
            primary=True,
            icon=Icon.BACK,
            parent=self.exit_confirmation,
        )
        self.yes_button = StaffButton(
            words.exit_confirm_yes_button(), theme, parent=self.exit_confirmation
        )

        self._pages = QStackedLayout(self)
        self._pages.setContentsMargins(0, 0, 0, 0)
        self._pages.addWidget(self.overview)
        self._pages.addWidget(self.exit_confirmation)

        self.reload_button.clicked.connect(self.reload_requested)
        self.clean_button.clicked.connect(self.cleaning_requested)
        self.exit_button.clicked.connect(self.ask_to_exit)
        self.no_button.clicked.connect(self.show_overview)
        self.yes_button.clicked.connect(self.exit_requested)
        self.back_button.clicked.connect(self.back_requested)

    @property
    def asking_to_exit(self) -> bool:
        """Whether "Close the kiosk?" is on the screen."""
        return self._pages.currentWidget() is self.exit_confirmation

    @Slot()
    def ask_to_exit(self) -> None:
        self._pages.setCurrentWidget(self.exit_confirmation)

    @Slot()
    def show_overview(self) -> None:
        self._pages.setCurrentWidget(self.overview)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        style = f"StaffScreen {{ background: {palette.card}; }}"
        if style != self.styleSheet():
            self.setStyleSheet(style)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.heading_label.set_style(theme, theme.staff_heading_px, palette.text, bold=True)
        self.status_label.set_style(theme, theme.small_px, palette.text)
        self.problems_label.set_style(theme, theme.small_px, palette.text)
        self.figures_chart.set_theme(theme)
        self.details.set_theme(theme, theme.pin_pad_gap)
        self.confirm_heading_label.set_style(theme, theme.staff_heading_px, palette.text, bold=True)
        self.confirm_detail_label.set_style(theme, theme.staff_words_px, palette.text)
        self.confirm_detail.set_theme(theme, 0)
        for button in (*self.buttons, self.no_button, self.yes_button):
            button.set_theme(theme)
        self._place()

    def set_status(self, status: str, problems: list[str]) -> None:
        """The controller's account: what is shown, from where, and what is wrong."""
        self.status_label.setText(status)
        self._problems = list(problems)
        self._show_problems()

    @Slot(object)
    def set_warnings(self, warnings: list[str] | None) -> None:
        """What 'kiosk check' warns about the article shown, in its words
        (kiosk.check.WarningsReader): [] when nothing, None while they are being found."""
        self._warnings = None if warnings is None else list(warnings)
        self._show_problems()

    def set_figures(self, rows: list[Row], titles: Mapping[str, str]) -> None:
        """The reading figures of the last days (kiosk.figures rows; more are left out) under
        the words, as a chart; `titles` names the articles by key."""
        self.figures_chart.set_model(summarise(rows, titles, self.today()))
        self.figures_chart.show()

    def _show_problems(self) -> None:
        lines: list[str] = []
        if self._problems:
            lines.append(words.problems_heading())
            lines += (f"\N{BULLET} {problem}" for problem in self._problems)
        if self._warnings:
            if lines:
                lines.append("")
            lines.append(words.warnings_heading())
            lines += (f"\N{BULLET} {warning}" for warning in self._warnings)
        elif self._warnings is None:
            if lines:
                lines.append("")
            lines.append(words.checking_content())
        self.problems_label.setText("\n".join(lines) or words.no_problems())

    # Placing

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        area = _content_area(self, self._theme)
        if area.width() <= 0 or area.height() <= 0:
            return
        overview = self._place_overview(area)
        # The question goes above where the overview's buttons were, where it fits there.
        buttons_top = min(rect.top() for widget, rect in overview if widget in self.buttons)
        above = QRect(area.left(), area.top(), area.width(), buttons_top - area.top())
        confirmation = self._place_confirmation(above)
        detail = next(rect for widget, rect in confirmation if widget is self.confirm_detail)
        shown = detail.height() >= self.confirm_detail.words_height(detail.width())
        if not shown or not all(above.contains(rect) for _, rect in confirmation):
            confirmation = self._place_confirmation(area)
        # Both pages fill the screen, so their places compare as they are.
        exit_rect = next(rect for widget, rect in overview if widget is self.exit_button)
        no = next(rect for widget, rect in confirmation if widget is self.no_button)
        yes = next(rect for widget, rect in confirmation if widget is self.yes_button)
        if yes.intersects(exit_rect):
            swapped = {id(self.no_button): yes, id(self.yes_button): no}
            confirmation = [
                (widget, swapped.get(id(widget), rect)) for widget, rect in confirmation
            ]
        for widget, rect in (*overview, *confirmation):
            widget.setGeometry(QStyle.visualRect(self.layoutDirection(), self.rect(), rect))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place()

    def _place_overview(self, area: QRect) -> Placement:
        """The words at the top, taking the room the buttons leave; the buttons at the
        bottom, from the leading edge."""
        theme = self._theme
        block = _arrange_buttons(
            self.buttons,
            area.width(),
            theme,
            [theme.staff_button_width] * len(self.buttons),
            wrap=area.width() > area.height(),
        )
        buttons_top = area.bottom() + 1 - block.height
        details = QRect(
            area.left(),
            area.top(),
            area.width(),
            max(0, buttons_top - theme.notice_gap - area.top()),
        )
        placed: Placement = [(self.details, details)]
        placed += _place_buttons(self.buttons, block, area, buttons_top, centred=False)
        return placed

    def _place_confirmation(self, area: QRect) -> Placement:
        """The question, its detail and the two answers, centred."""
        theme = self._theme
        gap = theme.notice_gap
        answers: list[BigButton] = [self.no_button, self.yes_button]
        block = _arrange_buttons(
            answers,
            area.width(),
            theme,
            [theme.staff_button_width] * len(answers),
            wrap=area.width() > area.height(),
        )
        buttons_height = block.height
        heading_height = self.confirm_heading_label.heightForWidth(area.width())
        room = area.height() - heading_height - buttons_height - 2 * gap
        detail_height = min(self.confirm_detail.words_height(area.width()), max(room, 0))
        total = heading_height + detail_height + buttons_height + 2 * gap
        top = area.top() + max(0, (area.height() - total) // 2)
        placed: Placement = [
            (self.confirm_heading_label, QRect(area.left(), top, area.width(), heading_height))
        ]
        top += heading_height + gap
        placed.append((self.confirm_detail, QRect(area.left(), top, area.width(), detail_height)))
        top += detail_height + gap
        placed += _place_buttons(answers, block, area, top, centred=True)
        return placed

    def hideEvent(self, event: QHideEvent) -> None:
        # Staff come back to the overview, never to a question asked before they left.
        self.show_overview()
        self.details.scroll_to_top()
        super().hideEvent(event)


def _content_area(screen: QWidget, theme: Theme) -> QRect:
    """Where a staff screen's contents go: inside its margins."""
    return screen.rect().adjusted(
        theme.staff_side_margin,
        theme.staff_margin,
        -theme.staff_side_margin,
        -theme.staff_margin,
    )
