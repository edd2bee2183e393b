"""The kiosk window: holds the screens, turns their requests into navigation, shows the result.

Input flows one way: a screen emits an intent signal, the window asks the pure navigation
model for the new position, and tells the screens what to show. Layout flows one way too:
window size -> Theme -> ArticleLayout -> screens.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk import navigation
from kiosk.article import Article
from kiosk.config import Settings
from kiosk.idle import IdleWatcher
from kiosk.navigation import Action, Intent, Position, Screen
from kiosk.pagination import ArticleLayout
from kiosk.theme import Theme
from kiosk.ui.end_screen import EndScreen
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.reading_screen import ReadingScreen
from kiosk.ui.start_screen import StartScreen

log = logging.getLogger(__name__)

REFERENCE_SIZE = QSize(1920, 1080)

KEY_INTENTS = {
    Qt.Key.Key_Right: navigation.NEXT,
    Qt.Key.Key_PageDown: navigation.NEXT,
    Qt.Key.Key_Space: navigation.NEXT,
    Qt.Key.Key_Left: navigation.BACK,
    Qt.Key.Key_PageUp: navigation.BACK,
    Qt.Key.Key_Home: navigation.HOME,
}


class KioskWindow(QWidget):
    """The one top-level window of the kiosk."""

    position_changed = Signal(object)  # the new navigation.Position, after it is shown

    def __init__(self, article: Article, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(article.title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._article = article
        self._settings = settings
        self._position = navigation.START
        self._theme = Theme.for_size(REFERENCE_SIZE)
        self._layout = ArticleLayout(article, self._theme)

        self.stack = QStackedWidget(self)
        self.start_screen = StartScreen(self._theme)
        self.reading_screen = ReadingScreen(self._theme)
        self.end_screen = EndScreen(self._theme)
        for screen in (self.start_screen, self.reading_screen, self.end_screen):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The window's size is the screen's: the screens adapt to it, never the reverse.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.stack)
        self.idle_overlay = IdleOverlay(self._theme, self)

        self.reading_screen.slide.animations = settings.animations
        self.start_screen.set_article(article)

        self.start_screen.start_requested.connect(lambda: self.request(navigation.START_READING))
        self.start_screen.section_chosen.connect(
            lambda index: self.request(navigation.jump_to(index))
        )
        self.reading_screen.next_requested.connect(lambda: self.request(navigation.NEXT))
        self.reading_screen.back_requested.connect(lambda: self.request(navigation.BACK))
        self.reading_screen.home_requested.connect(lambda: self.request(navigation.HOME))
        self.end_screen.start_again_requested.connect(lambda: self.request(navigation.HOME))
        self.end_screen.back_requested.connect(lambda: self.request(navigation.BACK))

        self.idle = IdleWatcher(settings.idle_timeout, settings.idle_warning, self)
        self.idle.warning_started.connect(self.idle_overlay.start)
        self.idle.countdown_changed.connect(self.idle_overlay.set_seconds_left)
        self.idle.warning_cancelled.connect(self.idle_overlay.hide)
        self.idle.expired.connect(self._on_idle_expired)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

        self._apply_theme(self._theme)
        self.show_position(navigation.START)

    # State, for the app and for tests

    @property
    def position(self) -> Position:
        return self._position

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def article_layout(self) -> ArticleLayout:
        return self._layout

    @property
    def page_counts(self) -> tuple[int, ...]:
        return self._layout.page_counts

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    # Navigation

    def request(self, intent: Intent) -> None:
        """Do what a patient asked for."""
        old = self._position
        new = navigation.transition(old, intent, self.page_counts)
        direction = 0
        if old.screen is Screen.READING and new.screen is Screen.READING:
            if intent.action is Action.NEXT:
                direction = 1
            elif intent.action is Action.BACK:
                direction = -1
        self.show_position(new, direction)

    def show_position(self, position: Position, direction: int = 0) -> None:
        counts = self.page_counts
        self._position = position
        if position.screen is Screen.READING:
            previous = navigation.transition(position, navigation.BACK, counts)
            following = navigation.transition(position, navigation.NEXT, counts)
            self.reading_screen.show_position(position, previous, following, direction)
        screen = {
            Screen.START: self.start_screen,
            Screen.READING: self.reading_screen,
            Screen.END: self.end_screen,
        }[position.screen]
        self.stack.setCurrentWidget(screen)
        # The start screen never times out; everything else hands back to it when idle.
        self.idle.set_armed(position.screen is not Screen.START)
        if position.screen is not Screen.READING or not self.idle.warning:
            self.idle_overlay.hide()
        self.position_changed.emit(position)

    @Slot()
    def _on_idle_expired(self) -> None:
        self.idle_overlay.hide()
        self.reset_for_next_patient()

    def reset_for_next_patient(self) -> None:
        """Back to the start screen with everything a patient changed undone."""
        self.reading_screen.slide.finish_animation()
        self.show_position(navigation.START)

    # Qt

    def keyPressEvent(self, event: QKeyEvent) -> None:
        intent = KEY_INTENTS.get(Qt.Key(event.key()))
        if intent is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        event.accept()
        self.request(intent)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.idle_overlay.setGeometry(self.rect())
        theme = Theme.for_size(event.size())
        if theme != self._theme:
            self._layout = ArticleLayout(self._article, theme)
            self._apply_theme(theme)
            self.show_position(navigation.clamp(self._position, self.page_counts))

    def _apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        log.info(
            "Laid out '%s' for %dx%d: %s pages a section",
            self._article.title,
            theme.width,
            theme.height,
            list(self.page_counts),
        )
        self.start_screen.set_theme(theme)
        self.reading_screen.set_theme(theme, self._layout)
        self.end_screen.set_theme(theme)
        self.idle_overlay.set_theme(theme)
