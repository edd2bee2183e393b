"""Staff-only screens: the in-app PIN pad (never the system keyboard) and the staff screen.

Both are reached only through the hidden corner gesture, and both hand back to the kiosk by
themselves after a short time untouched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QFontMetrics, QHideEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedLayout, QVBoxLayout, QWidget

from kiosk import words
from kiosk.clock import Clock
from kiosk.staff import PIN_MAX_DIGITS
from kiosk.theme import Theme
from kiosk.ui.widgets import BigButton, HoldButton, Icon, TextLabel

# How long a button must be held to open the staff screen while no PIN is set.
NO_PIN_HOLD_SECONDS = 3.0
# Lines of a message the PIN pad keeps room for above its keys, whether it shows one or not,
# so that a message ("Wrong PIN. 4 tries left.", "Checking...") never moves a key.
PIN_MESSAGE_LINES = 2


class PinPad(QWidget):
    """Large digits, the entered PIN shown as dots, OK and Cancel. Covers the whole window.

    The dots and the pad's message share one row of fixed height above the keys: the dots
    while digits are typed, else the message. So a message moves nothing, and the room kept
    for one does not push Cancel onto the keys on a 1080-pixel screen.
    """

    pin_entered = Signal(str)  # OK with the digits typed
    cancelled = Signal()  # Cancel, or Close on a message
    opened_without_pin = Signal()  # no PIN is set, and the hold button was held long enough

    def __init__(self, theme: Theme, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._digits = ""
        self._checking = False
        self.setAutoFillBackground(False)
        self.title_label = TextLabel(words.pin_prompt())
        self.dots_label = TextLabel()
        self.message_label = TextLabel()
        for label in (self.title_label, self.dots_label, self.message_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_buttons = [BigButton(str(digit), theme) for digit in range(10)]
        self.clear_button = BigButton(words.clear_button(), theme)
        self.ok_button = BigButton(words.ok_button(), theme, primary=True)
        self.cancel_button = BigButton(words.cancel_button(), theme, icon=Icon.BACK)
        self.hold_button = HoldButton(
            words.hold_to_open_button(), theme, clock, NO_PIN_HOLD_SECONDS
        )
        self.hold_button.hide()

        self._keys = QGridLayout()
        for digit in range(1, 10):
            self._keys.addWidget(self.digit_buttons[digit], (digit - 1) // 3, (digit - 1) % 3)
        self._keys.addWidget(self.clear_button, 3, 0)
        self._keys.addWidget(self.digit_buttons[0], 3, 1)
        self._keys.addWidget(self.ok_button, 3, 2)
        self._entry = QWidget()
        self._entry_pages = QStackedLayout(self._entry)
        self._entry_pages.addWidget(self.message_label)
        self._entry_pages.addWidget(self.dots_label)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.title_label)
        column.addWidget(self._entry)
        keys_row = QHBoxLayout()
        keys_row.addStretch(1)
        keys_row.addLayout(self._keys)
        keys_row.addStretch(1)
        column.addLayout(keys_row)
        cancel_row = QHBoxLayout()
        cancel_row.addStretch(1)
        cancel_row.addWidget(self.hold_button, 0, Qt.AlignmentFlag.AlignHCenter)
        cancel_row.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        cancel_row.addStretch(1)
        column.addLayout(cancel_row)
        column.addStretch(1)
        self._column = column

        for digit, button in enumerate(self.digit_buttons):
            button.clicked.connect(lambda _=False, d=digit: self._press(str(d)))
        self.clear_button.clicked.connect(self._clear)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self._cancel)
        self.hold_button.held.connect(self.opened_without_pin)
        self._cancel_row = cancel_row
        self.hide()

    @property
    def digits(self) -> str:
        return self._digits

    @property
    def checking(self) -> bool:
        """A PIN is being checked: the pad says so and ignores every key and button."""
        return self._checking

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        self._column.setSpacing(theme.pin_pad_gap)
        self._column.setContentsMargins(theme.margin, theme.margin, theme.margin, theme.margin)
        self._keys.setSpacing(theme.gap)
        self.title_label.set_style(theme, theme.heading_px, palette.text, bold=True)
        self.dots_label.set_style(theme, theme.title_px, palette.text, bold=True)
        self.message_label.set_style(theme, theme.ui_body_px, palette.text)
        message_lines = QFontMetrics(theme.font(theme.ui_body_px)).lineSpacing()
        self._entry.setMinimumHeight(max(theme.pin_dots_height, message_lines * PIN_MESSAGE_LINES))
        for button in (*self.digit_buttons, self.clear_button, self.ok_button):
            button.set_theme(theme)
            button.setFixedSize(theme.pin_key_size)
        self.cancel_button.set_theme(theme)
        self.cancel_button.setFixedSize(theme.pin_cancel_size)
        self.hold_button.set_theme(theme)
        self.hold_button.setFixedSize(theme.hold_button_width, theme.pin_cancel_size.height())
        # Side by side where they fit, one above the other on a portrait screen.
        self._cancel_row.setDirection(
            QHBoxLayout.Direction.TopToBottom
            if theme.portrait
            else QHBoxLayout.Direction.LeftToRight
        )
        self._cancel_row.setSpacing(theme.gap)
        self.update()

    def start(self, message: str = "") -> None:
        """Open for a PIN."""
        self._digits = ""
        self._checking = False
        self._show_keys(True)
        self.hold_button.hide()
        self.cancel_button.setText(words.cancel_button())
        self.title_label.setText(words.pin_prompt())
        self.message_label.setText(message)
        self._refresh()
        self._cover()

    def show_message(self, message: str) -> None:
        """Keep the keys, clear the digits, say something (a wrong PIN)."""
        self._digits = ""
        self._checking = False
        self.message_label.setText(message)
        self._refresh()

    def show_notice(self, title: str, message: str = "") -> None:
        """Only words and a Close button: staff access is not set up, or is locked."""
        self._digits = ""
        self._checking = False
        self._show_keys(False)
        self.hold_button.hide()
        self.title_label.setText(title)
        self.message_label.setText(message)
        self.cancel_button.setText(words.close_button())
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

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def _show_keys(self, visible: bool) -> None:
        for button in (*self.digit_buttons, self.clear_button, self.ok_button):
            button.setVisible(visible)

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
        self.dots_label.setText("\N{BLACK CIRCLE} " * len(self._digits))
        # The message comes back when the digits go (OK, Clear, a wrong PIN).
        self._entry_pages.setCurrentWidget(self.dots_label if self._digits else self.message_label)

    def hideEvent(self, event: QHideEvent) -> None:
        # The check's outcome was the staff screen, or the pad closed: it opens afresh.
        self._checking = False
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.palette.card))


class StaffScreen(QWidget):
    """What staff need to know and do: which content, since when, what is wrong (the
    controller's problems, and what 'kiosk check' warns about the article shown), what next.

    "Exit kiosk" asks first, on a page of its own ("Close the kiosk?"); only "Yes, close it"
    leaves. Its buttons sit in the middle of the screen, away from where "Exit kiosk" was, so
    that a second, shaky tap on the same spot never answers the question.
    """

    reload_requested = Signal()  # "Reload content"
    exit_requested = Signal()  # "Exit kiosk", then "Yes, close it"
    back_requested = Signal()  # "Back to kiosk"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._problems: list[str] = []
        self._warnings: list[str] | None = []

        self.overview = QWidget()
        self.heading_label = TextLabel(words.staff_heading())
        self.status_label = TextLabel()
        self.problems_label = TextLabel()
        self.reload_button = BigButton(words.reload_button(), theme)
        self.exit_button = BigButton(words.exit_button(), theme)
        self.back_button = BigButton(
            words.back_to_kiosk_button(), theme, primary=True, icon=Icon.BACK
        )
        buttons = QHBoxLayout()
        for button in (self.reload_button, self.exit_button, self.back_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._buttons = buttons
        column = QVBoxLayout(self.overview)
        column.addWidget(self.heading_label)
        column.addWidget(self.status_label)
        column.addWidget(self.problems_label, 1, Qt.AlignmentFlag.AlignTop)
        column.addLayout(buttons)
        self._column = column

        # The second step of "Exit kiosk". "No, go back" is the primary button: the safe
        # answer is the one that stands out.
        self.exit_confirmation = QWidget()
        self.confirm_heading_label = TextLabel(words.exit_confirm_heading())
        self.confirm_detail_label = TextLabel(words.exit_confirm_detail())
        for label in (self.confirm_heading_label, self.confirm_detail_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_button = BigButton(
            words.exit_confirm_no_button(), theme, primary=True, icon=Icon.BACK
        )
        self.yes_button = BigButton(words.exit_confirm_yes_button(), theme)
        answers = QHBoxLayout()
        answers.addStretch(1)
        answers.addWidget(self.no_button, 0, Qt.AlignmentFlag.AlignHCenter)
        answers.addWidget(self.yes_button, 0, Qt.AlignmentFlag.AlignHCenter)
        answers.addStretch(1)
        self._answers = answers
        confirm_column = QVBoxLayout(self.exit_confirmation)
        confirm_column.addStretch(1)
        confirm_column.addWidget(self.confirm_heading_label)
        confirm_column.addWidget(self.confirm_detail_label)
        confirm_column.addLayout(answers)
        confirm_column.addStretch(1)
        self._confirm_column = confirm_column

        self._pages = QStackedLayout(self)
        self._pages.addWidget(self.overview)
        self._pages.addWidget(self.exit_confirmation)

        self.reload_button.clicked.connect(self.reload_requested)
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
        self.setStyleSheet(f"StaffScreen {{ background: {palette.card}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        direction = (
            QHBoxLayout.Direction.TopToBottom
            if theme.portrait
            else QHBoxLayout.Direction.LeftToRight
        )
        for column in (self._column, self._confirm_column):
            column.setContentsMargins(
                theme.side_margin, theme.margin, theme.side_margin, theme.margin
            )
            column.setSpacing(theme.notice_gap)
        for row in (self._buttons, self._answers):
            row.setSpacing(theme.gap)
            row.setDirection(direction)
        self.heading_label.set_style(theme, theme.title_px, palette.text, bold=True)
        self.status_label.set_style(theme, theme.small_px, palette.text)
        self.problems_label.set_style(theme, theme.small_px, palette.text)
        self.confirm_heading_label.set_style(theme, theme.title_px, palette.text, bold=True)
        self.confirm_detail_label.set_style(theme, theme.ui_body_px, palette.text)
        for button in (
            self.reload_button,
            self.exit_button,
            self.back_button,
            self.no_button,
            self.yes_button,
        ):
            button.set_theme(theme)
            button.setFixedSize(theme.staff_button_width, theme.button_height)

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

    def hideEvent(self, event: QHideEvent) -> None:
        # Staff come back to the overview, never to a question asked before they left.
        self.show_overview()
        super().hideEvent(event)
