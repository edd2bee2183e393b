"""What patients see when there is nothing safe to show: a calm notice, never a blank screen.

The heading and the words under it, centred, the heading as large as the window leaves room
for (kiosk.theme `screen_title_sizes`): a 7" panel read from 60 cm has room for little.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import words
from kiosk.theme import Theme
from kiosk.ui.widgets import TextLabel


class UpdatingScreen(QWidget):
    """Shown while there is no valid article, or after repeated crashes. Staff see why on the
    staff screen."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.heading_label = TextLabel(parent=self)
        self.detail_label = TextLabel(parent=self)
        for label in (self.heading_label, self.detail_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._show_words()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.set_theme(theme)

    def _show_words(self) -> None:
        """The notice in the interface's language: when the screen is made, and again when
        the language changes."""
        self.heading_label.setText(words.updating_heading())
        self.detail_label.setText(words.updating_detail())

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        self.setStyleSheet(f"UpdatingScreen {{ background: {palette.background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.detail_label.set_style(theme, theme.ui_body_px, palette.muted_text)
        self._place()

    def set_words_shown(self, shown: bool) -> None:
        """Hide the words while the first article is read (a fraction of a second at start):
        a plain screen then, rather than a flash of "being updated" before the article."""
        self.heading_label.setVisible(shown)
        self.detail_label.setVisible(shown)

    def _place(self) -> None:
        """The largest heading with which both fit the window, the pair centred in it."""
        theme = self._theme
        width, height = self.width(), self.height()
        side = theme.compact_side_margin if theme.compact else theme.side_margin
        margin = theme.compact_margin if theme.compact else theme.margin
        room = max(width - 2 * side, 1)
        detail = self.detail_label.heightForWidth(room)
        sizes = theme.screen_title_sizes
        for pixels in sizes:
            self.heading_label.set_style(theme, pixels, theme.palette.text, bold=True)
            heading = self.heading_label.heightForWidth(room)
            block = heading + theme.notice_gap + detail
            if block <= height - 2 * margin or pixels == sizes[-1]:
                break
        top = max((height - block) // 2, 0)
        self.heading_label.setGeometry(QRect(side, top, room, heading))
        self.detail_label.setGeometry(QRect(side, top + heading + theme.notice_gap, room, detail))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._show_words()
            self._place()  # other words take other room
