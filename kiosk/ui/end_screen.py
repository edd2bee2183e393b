"""The end screen: the patient has read it all; start again, or go back to the last page."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk import words
from kiosk.theme import Theme
from kiosk.ui.widgets import BigButton, Icon, TextLabel


class EndScreen(QWidget):
    """ "You have reached the end", with Start again and Back to the last page."""

    start_again_requested = Signal()  # "Start again"
    back_requested = Signal()  # "Back to the last page"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.heading_label = TextLabel(words.end_heading())
        self.thanks_label = TextLabel(words.thanks())
        for label in (self.heading_label, self.thanks_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_again_button = BigButton(
            words.start_again_button(), theme, primary=True, icon=Icon.HOME
        )
        self.back_button = BigButton(words.back_to_last_page_button(), theme, icon=Icon.BACK)
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.back_button.clicked.connect(self.back_requested)

        self._buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._buttons.addWidget(self.start_again_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._buttons.addStretch(1)
        self._column = QVBoxLayout(self)
        self._column.addStretch(2)
        self._column.addWidget(self.heading_label)
        self._column.addWidget(self.thanks_label)
        self._column.addSpacing(1)
        self._column.addLayout(self._buttons)
        self._column.addStretch(3)
        self.disclaimer_label = TextLabel()
        self.disclaimer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._column.addWidget(self.disclaimer_label)

    def set_disclaimer(self, text: str) -> None:
        self.disclaimer_label.setText(text)
        self.disclaimer_label.setVisible(bool(text))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        self.setStyleSheet(f"EndScreen {{ background: {palette.background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._column.setContentsMargins(
            theme.side_margin, theme.margin, theme.side_margin, theme.margin
        )
        self._column.setSpacing(theme.block_gap)
        # Side by side where both fit across, else one above the other; never wider than the
        # screen leaves room for (a small panel sized for the eye has little).
        room = theme.width - 2 * theme.side_margin
        size = theme.end_button_size
        side_by_side = 2 * size.width() + theme.end_button_gap <= room
        if size.width() > room:
            size = QSize(room, size.height())
        self._buttons.setDirection(
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        self._buttons.setSpacing(theme.end_button_gap)
        self.heading_label.set_style(theme, theme.title_px, palette.text, bold=True)
        self.thanks_label.set_style(theme, theme.ui_body_px, palette.muted_text)
        self.disclaimer_label.set_style(theme, theme.small_px, palette.muted_text)
        for button in (self.start_again_button, self.back_button):
            button.set_theme(theme)
            button.setFixedSize(size)
