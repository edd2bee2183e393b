"""The start screen: what the article is, one big way in, and a way straight to each section."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QVBoxLayout, QWidget

from kiosk import words
from kiosk.article import Article
from kiosk.theme import Theme
from kiosk.ui.widgets import BigButton, Icon, TextLabel


class StartScreen(QWidget):
    """Title, summary, "Tap to start", and one button per section."""

    start_requested = Signal()  # "Tap to start"
    section_chosen = Signal(int)  # a section button, by section index

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.title_label = TextLabel()
        self.summary_label = TextLabel()
        self.start_button = BigButton(words.start_button(), theme, primary=True, icon=Icon.NEXT)
        self.sections_label = TextLabel(words.sections_intro())
        self.section_buttons: list[BigButton] = []
        self.start_button.clicked.connect(self.start_requested)

        self._intro = QVBoxLayout()
        self._intro.addStretch(1)
        self._intro.addWidget(self.title_label)
        self._intro.addWidget(self.summary_label)
        self._intro.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._intro.addStretch(1)
        self._sections = QGridLayout()
        self._contents = QVBoxLayout()
        self._contents.addStretch(1)
        self._contents.addWidget(self.sections_label)
        self._contents.addLayout(self._sections)
        self._contents.addStretch(1)
        # Side by side on a landscape screen, one above the other on a portrait one.
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body.addLayout(self._intro, 1)
        self._body.addLayout(self._contents, 1)
        self.disclaimer_label = TextLabel()
        self.disclaimer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self._body, 1)
        self._outer.addWidget(self.disclaimer_label)

    def set_disclaimer(self, text: str) -> None:
        self.disclaimer_label.setText(text)
        self.disclaimer_label.setVisible(bool(text))

    def set_article(self, article: Article) -> None:
        self.title_label.setText(article.title)
        self.summary_label.setText(article.summary)
        self.summary_label.setVisible(bool(article.summary))
        for button in self.section_buttons:
            self._sections.removeWidget(button)
            button.deleteLater()
        self.section_buttons = []
        for index, section in enumerate(article.slides):
            text = words.section_button(index + 1, section.title)
            button = BigButton(text, self._theme, align_left=True)
            button.clicked.connect(lambda _=False, chosen=index: self.section_chosen.emit(chosen))
            self.section_buttons.append(button)
        self._place_section_buttons()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        self.setStyleSheet(f"StartScreen {{ background: {palette.background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        landscape = theme.width >= theme.height
        self._body.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        self._outer.setContentsMargins(
            theme.side_margin, theme.margin, theme.side_margin, theme.start_bottom_margin
        )
        self._outer.setSpacing(theme.disclaimer_gap)
        self._body.setContentsMargins(0, 0, 0, 0)
        self.disclaimer_label.set_style(theme, theme.small_px, palette.muted_text)
        self._body.setSpacing(theme.start_column_gap)
        self._intro.setSpacing(theme.block_gap)
        self._contents.setSpacing(theme.sections_label_gap)
        self._sections.setSpacing(theme.gap)
        self.title_label.set_style(theme, theme.title_px, palette.text, bold=True)
        self.summary_label.set_style(theme, theme.ui_body_px, palette.muted_text)
        self.sections_label.set_style(theme, theme.small_px, palette.muted_text)
        self.start_button.set_theme(theme)
        self.start_button.setMinimumSize(theme.start_button_size)
        for button in self.section_buttons:
            button.set_theme(theme)
            button.setMinimumHeight(theme.button_height)

    def _place_section_buttons(self) -> None:
        for index, button in enumerate(self.section_buttons):
            self._sections.addWidget(button, index, 0)
            button.setMinimumHeight(self._theme.button_height)
