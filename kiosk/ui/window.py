"""The kiosk window: holds the screens, turns their requests into navigation, shows the result.

Input flows one way: a screen emits an intent signal, the window asks the pure navigation
model for the new position, and tells the screens what to show. Layout flows one way too:
window size -> Theme -> ArticleLayout -> screens. The staff gesture, PIN pad and staff screen
live here too; loading content and leaving the app are the controller's (kiosk.app).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk import navigation
from kiosk.article import Article
from kiosk.config import Settings
from kiosk.idle import IdleWatcher, InactivityTimer
from kiosk.navigation import Action, Intent, Position, Screen
from kiosk.pagination import ArticleLayout
from kiosk.speech import ReadAloud
from kiosk.staff import PinResult, StaffLock
from kiosk.theme import TextSize, Theme, load_bundled_fonts
from kiosk.ui.end_screen import EndScreen
from kiosk.ui.guard import CORNER_PX, KioskGuard
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.reading_screen import ReadingScreen
from kiosk.ui.staff import NOT_SET_UP_TEXT, PinPad, StaffScreen
from kiosk.ui.start_screen import StartScreen
from kiosk.ui.updating_screen import UpdatingScreen

log = logging.getLogger(__name__)

REFERENCE_SIZE = QSize(1920, 1080)
STAFF_TIMEOUT_S = 30.0

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
    first_frame_shown = Signal()  # the first frame is on the screen (for systemd's READY=1)
    reload_requested = Signal()  # staff: "Reload content"
    exit_requested = Signal()  # staff: "Exit kiosk"

    def __init__(
        self,
        article: Article | None,
        settings: Settings,
        *,
        staff_lock: StaffLock | None = None,
        pin_hash: Callable[[], str] | None = None,
        staff_timeout_s: float = STAFF_TIMEOUT_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        load_bundled_fonts()
        self.setWindowTitle(article.title if article else "Waiting-room kiosk")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._article = article
        self._pending_article: Article | None = None
        self._settings = settings
        self._staff_lock = staff_lock
        self._pin_hash = pin_hash or (lambda: settings.staff_pin_hash)
        self._updating_reason = ""
        self._position = navigation.START
        self._theme = Theme.for_size(REFERENCE_SIZE)
        self._layout = ArticleLayout(article, self._theme) if article else None
        self._first_frame = False
        self._allow_close = False
        self.kiosk_mode = False

        self.stack = QStackedWidget(self)
        self.start_screen = StartScreen(self._theme)
        self.reading_screen = ReadingScreen(self._theme)
        self.end_screen = EndScreen(self._theme)
        self.updating_screen = UpdatingScreen(self._theme)
        self.staff_screen = StaffScreen(self._theme)
        for screen in (
            self.start_screen,
            self.reading_screen,
            self.end_screen,
            self.updating_screen,
            self.staff_screen,
        ):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The window's size is the screen's: the screens adapt to it, never the reverse.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.stack)
        self.idle_overlay = IdleOverlay(self._theme, self)
        self.pin_pad = PinPad(self._theme, self)

        self.reading_screen.slide.animations = settings.animations
        self.start_screen.set_disclaimer(settings.disclaimer)
        self.end_screen.set_disclaimer(settings.disclaimer)
        # The speech engine loads after the first frame: patients see the screen sooner.
        self.read_aloud = ReadAloud(
            settings.speech_engine,
            settings.speech_rate,
            settings.speech_volume,
            self,
            load_now=False,
        )
        self.reading_screen.read_aloud_button.setVisible(False)
        self.first_frame_shown.connect(self.load_speech, Qt.ConnectionType.QueuedConnection)
        self.read_aloud.sentence_started.connect(self._on_sentence)
        self.read_aloud.stopped.connect(self._on_speech_stopped)
        self.reading_screen.text_size_requested.connect(self._next_text_size)
        self.reading_screen.contrast_requested.connect(self._toggle_contrast)
        self.reading_screen.read_aloud_requested.connect(self._toggle_read_aloud)
        self._speech_start = 0
        self._speech_heading = 0
        if article:
            self._set_direction(article)
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

        app = QApplication.instance()
        self.idle = IdleWatcher(settings.idle_timeout, settings.idle_warning, self)
        self.idle.warning_started.connect(self.idle_overlay.start)
        self.idle.countdown_changed.connect(self.idle_overlay.set_seconds_left)
        self.idle.warning_cancelled.connect(self.idle_overlay.hide)
        self.idle.expired.connect(self._on_idle_expired)
        self.guard = KioskGuard(self)
        self.guard.staff_gesture.connect(self.open_staff_access)
        self.staff_timer = InactivityTimer(staff_timeout_s, self)
        self.staff_timer.timed_out.connect(self.close_staff_access)
        if app is not None:
            for watcher in (self.staff_timer, self.idle, self.guard):
                app.installEventFilter(watcher)

        self.pin_pad.pin_entered.connect(self._on_pin_entered)
        self.pin_pad.cancelled.connect(self.close_staff_access)
        self.staff_screen.back_requested.connect(self.close_staff_access)
        self.staff_screen.reload_requested.connect(self.reload_requested)
        self.staff_screen.exit_requested.connect(self._on_staff_exit)

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
    def article(self) -> Article | None:
        return self._article

    @property
    def article_layout(self) -> ArticleLayout | None:
        return self._layout

    @property
    def page_counts(self) -> tuple[int, ...]:
        return self._layout.page_counts if self._layout else ()

    @property
    def in_staff_mode(self) -> bool:
        return self.pin_pad.isVisible() or self.stack.currentWidget() is self.staff_screen

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    # Content

    def set_article(self, article: Article) -> None:
        """Show a new article: now if nobody is reading, else when the start screen returns."""
        nobody_reading = self._position.screen is Screen.START or self.in_staff_mode
        if nobody_reading or not self._article:
            self._install_article(article)
            if not self.in_staff_mode:
                self.show_position(navigation.START)
        else:
            self._pending_article = article
            log.info("New content waits until the start screen shows")

    def _install_article(self, article: Article) -> None:
        self._pending_article = None
        self._article = article
        self.setWindowTitle(article.title)
        self._set_direction(article)
        self._layout = ArticleLayout(article, self._theme)
        self.start_screen.set_article(article)
        self.start_screen.set_theme(self._theme)
        self.reading_screen.set_theme(self._theme, self._layout)
        log.info("Showing '%s' (%s pages a section)", article.title, list(self.page_counts))

    def _set_direction(self, article: Article) -> None:
        """Right-to-left articles mirror the whole screen: text, buttons and swipes."""
        direction = (
            Qt.LayoutDirection.RightToLeft
            if article.right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
        self.setLayoutDirection(direction)
        self.reading_screen.slide.right_to_left = article.right_to_left
        self.read_aloud.set_language(article.language)

    def show_updating(self, reason: str) -> None:
        """The calm "being updated" page for patients, whatever else is loaded."""
        self._updating_reason = reason
        log.warning("Showing the 'being updated' page: %s", reason)
        self.show_position(navigation.START)

    def clear_updating(self) -> None:
        self._updating_reason = ""

    def set_staff_status(self, status: str, problems: list[str]) -> None:
        self.staff_screen.set_status(status, problems)

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
        if position != self._position:
            self.read_aloud.stop()
        if position.screen is Screen.START and self._pending_article is not None:
            self._install_article(self._pending_article)
        if self._article is None or self._updating_reason:
            self._position = navigation.START
            self.stack.setCurrentWidget(self.updating_screen)
            self.idle.set_armed(False)
            self.idle_overlay.hide()
            self.position_changed.emit(self._position)
            return
        counts = self.page_counts
        position = navigation.clamp(position, counts)
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
        if not self.idle.warning:
            self.idle_overlay.hide()
        self.position_changed.emit(position)

    @Slot()
    def _on_idle_expired(self) -> None:
        self.idle_overlay.hide()
        self.reset_for_next_patient()

    def reset_for_next_patient(self) -> None:
        """Back to the start screen with everything a patient changed undone."""
        self.read_aloud.stop()
        self.reading_screen.slide.finish_animation()
        if self._theme.text_size is not TextSize.STANDARD or self._theme.high_contrast:
            self._change_theme(
                dataclasses.replace(self._theme, text_size=TextSize.STANDARD, high_contrast=False)
            )
        self.show_position(navigation.START)

    # Reading comfort

    @property
    def speech_ready(self) -> bool:
        """True once the speech engine was looked for (after the first frame)."""
        return self.read_aloud.loaded

    @Slot()
    def load_speech(self) -> None:
        self.read_aloud.load()
        self.reading_screen.read_aloud_button.setVisible(self.read_aloud.available)

    @Slot()
    def _next_text_size(self) -> None:
        self._change_theme(dataclasses.replace(self._theme, text_size=self._theme.text_size.next()))

    @Slot()
    def _toggle_contrast(self) -> None:
        self._change_theme(
            dataclasses.replace(self._theme, high_contrast=not self._theme.high_contrast)
        )

    def _change_theme(self, theme: Theme) -> None:
        """Lay out again for a new theme, keeping the reader on the words they were reading:
        the new page is the one that holds what was at the top of the old one."""
        position = self._position
        anchor = None
        if position.screen is Screen.READING and self._layout is not None:
            anchor = self._layout.sections[position.section].page_text_range(position.page)[0]
        if self._article:
            self._layout = ArticleLayout(self._article, theme)
        self._apply_theme(theme)
        if anchor is not None and self._layout is not None:
            page = self._layout.sections[position.section].page_at(anchor)
            position = Position(Screen.READING, position.section, page)
        if not self.in_staff_mode:
            self.show_position(position)

    @Slot()
    def _toggle_read_aloud(self) -> None:
        if self.read_aloud.speaking:
            self.read_aloud.stop()
            return
        position = self._position
        if position.screen is not Screen.READING or self._layout is None:
            return
        section = self._layout.sections[position.section]
        start, end = section.page_text_range(position.page)
        self._speech_start = start
        text = section.section.title + "\n" if position.page == 0 else ""
        self._speech_heading = len(text)
        self.read_aloud.speak(text + section.body.toPlainText()[start:end])
        self.reading_screen.set_reading_aloud(self.read_aloud.speaking)

    @Slot(int, int)
    def _on_sentence(self, start: int, end: int) -> None:
        offset = self._speech_start - self._speech_heading
        if end <= self._speech_heading:
            self.reading_screen.slide.set_highlight(None)
            return
        first = max(start, self._speech_heading)
        self.reading_screen.slide.set_highlight((first + offset, end + offset))

    @Slot()
    def _on_speech_stopped(self) -> None:
        self.reading_screen.slide.set_highlight(None)
        self.reading_screen.set_reading_aloud(False)

    # Staff

    @Slot()
    def open_staff_access(self) -> None:
        """The corner gesture: the PIN pad, or why staff access is not available."""
        self.idle.set_armed(False)
        self.idle_overlay.hide()
        self.guard.gesture_enabled = False
        self.staff_timer.start()
        stored = self._pin_hash()
        locked_until = self._staff_lock.locked_until() if self._staff_lock else 0.0
        if not stored:
            log.info("Staff gesture, but no PIN is set up")
            self.pin_pad.show_notice(NOT_SET_UP_TEXT)
        elif locked_until:
            self.pin_pad.show_notice("Staff access is locked", _locked_text(locked_until))
        else:
            self.pin_pad.start()

    @Slot(str)
    def _on_pin_entered(self, pin: str) -> None:
        self.staff_timer.start()
        if self._staff_lock is None:
            self.pin_pad.show_notice("Staff access is not available here.")
            return
        attempt = self._staff_lock.attempt(pin, self._pin_hash())
        if attempt.result == PinResult.ACCEPTED:
            self.pin_pad.hide()
            self.stack.setCurrentWidget(self.staff_screen)
        elif attempt.result == PinResult.WRONG:
            tries = "try" if attempt.tries_left == 1 else "tries"
            self.pin_pad.show_message(f"Wrong PIN. {attempt.tries_left} {tries} left.")
        elif attempt.result == PinResult.LOCKED:
            self.pin_pad.show_notice("Staff access is locked", _locked_text(attempt.locked_until))
        else:
            self.pin_pad.show_notice(NOT_SET_UP_TEXT)

    @Slot()
    def close_staff_access(self) -> None:
        """Back to the kiosk's start screen (also after 30 s untouched)."""
        self.staff_timer.stop()
        self.pin_pad.hide()
        self.guard.gesture_enabled = True
        self.show_position(navigation.START)

    @Slot()
    def _on_staff_exit(self) -> None:
        log.info("Staff chose Exit kiosk")
        self.permit_close()
        self.exit_requested.emit()

    def permit_close(self) -> None:
        """From now on the window may close and leave full-screen (staff are leaving)."""
        self._allow_close = True

    # Qt

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest and not self._first_frame:
            # UpdateRequest is when a top-level widget paints and flushes its frame.
            self._first_frame = True
            self.first_frame_shown.emit()
        return handled

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.pin_pad.isVisible() and self.pin_pad.handle_key(event):
            return
        intent = KEY_INTENTS.get(Qt.Key(event.key()))
        if (
            intent is None
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            or self.in_staff_mode
        ):
            super().keyPressEvent(event)
            return
        event.accept()
        self.request(intent)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not self._allow_close:
            log.info("Ignored a request to close the kiosk window")
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.WindowStateChange
            and self.kiosk_mode
            and not self._allow_close
            and not self.isFullScreen()
        ):
            log.info("Something took the kiosk out of full screen; going back")
            QTimer.singleShot(0, self.showFullScreen)

    def set_kiosk_mode(self, enabled: bool) -> None:
        self.kiosk_mode = enabled
        self.guard.lockdown = enabled

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in (self.idle_overlay, self.pin_pad):
            overlay.setGeometry(self.rect())
        size = event.size()
        theme = dataclasses.replace(
            self._theme, width=max(size.width(), 1), height=max(size.height(), 1)
        )
        if theme != self._theme:
            self._change_theme(theme)

    def _apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.guard.corner_px = theme.px(CORNER_PX)
        self.start_screen.set_theme(theme)
        if self._layout:
            self.reading_screen.set_theme(theme, self._layout)
        self.end_screen.set_theme(theme)
        self.updating_screen.set_theme(theme)
        self.staff_screen.set_theme(theme)
        self.idle_overlay.set_theme(theme)
        self.pin_pad.set_theme(theme)


def _locked_text(until: float) -> str:
    clock = time.strftime("%H:%M", time.localtime(until))
    return f"Too many wrong PINs. Try again after {clock}."
