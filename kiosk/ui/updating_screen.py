"""What patients see when there is nothing safe to show: a calm notice, never a blank screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk import words
from kiosk.theme import Theme
from kiosk.ui.widgets import TextLabel


class UpdatingScreen(QWidget):
    """Shown while there is no valid article, or after repeated crashes. Staff see why on the
    staff screen."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading_label = TextLabel(words.updating_heading())
        self.detail_label = TextLabel(words.updating_detail())
        for label in (self.heading_label, self.detail_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._column = QVBoxLayout(self)
        self._column.addStretch(1)
        self._column.addWidget(self.heading_label)
        self._column.addWidget(self.detail_label)
        self._column.addStretch(1)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        palette = theme.palette
        self.setStyleSheet(f"UpdatingScreen {{ background: {palette.background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._column.setContentsMargins(
            theme.side_margin, theme.margin, theme.side_margin, theme.margin
        )
        self._column.setSpacing(theme.notice_gap)
        self.heading_label.set_style(theme, theme.title_px, palette.text, bold=True)
        self.detail_label.set_style(theme, theme.ui_body_px, palette.muted_text)

    def set_words_shown(self, shown: bool) -> None:
        """Hide the words while the first article is read (a fraction of a second at start):
        a plain screen then, rather than a flash of "being updated" before the article."""
        self.heading_label.setVisible(shown)
        self.detail_label.setVisible(shown)
