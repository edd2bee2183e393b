"""The kiosk window: holds the screens and overlays, shows the session, hands intents to it.

The window is a view. It renders the KioskSession (which article, which page, which choices)
and turns what screens and the input router ask for into calls on the session; it never
decides where to go next and keeps no state of the patient's. The staff side (PIN pad, staff
screen) lives here too, because it is a matter of what covers the screen: the input router's
mode says who gets the input meanwhile. Loading content and leaving the app are the
controller's (kiosk.app).

The kiosk shows the window before it has anything in it: `KioskWindow.plain()` is a window in
the background colour, on the screen as soon as Qt can draw it, and `build()` fills it with
the screens once that first frame is shown (kiosk.app.run_kiosk). `KioskWindow(session, ...)`
does both at once. So that this module loads quickly, what only a built window uses (the
screens, the session, the input router, kiosk.words and kiosk.navigation) is imported in the
methods that use it.

Two screens cover everything else for a while. Outside the opening hours (`set_closed`) the
closed screen, black, covers the window whatever was on it, and the patient's session starts
afresh under it; the staff corner still opens the PIN pad over it, and the staff screen
shows as usual until staff leave it. The cleaning pause ("Clean the screen" on the staff
screen) covers the window for 30 seconds and hands back to the start screen (or the closed
screen). `closed_notice_changed` says when, while closed, the window shows something, or
nothing but black again, so that the controller turns the panel on and off.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk import staff
from kiosk.languages import is_right_to_left
from kiosk.staff import Attempt, PinResult, StaffLock
from kiosk.theme import NORMAL

if TYPE_CHECKING:
    from kiosk.clock import Clock
    from kiosk.config import Settings
    from kiosk.navigation import Position
    from kiosk.session import KioskSession
    from kiosk.ui.menu_screen import MenuScreen

log = logging.getLogger(__name__)

STAFF_TIMEOUT_S = 30.0


class KioskWindow(QWidget):
    """The one top-level window of the kiosk."""

    first_frame_shown = Signal()  # the first frame is on the screen (for systemd's READY=1)
    reload_requested = Signal()  # staff: "Reload content"
    exit_requested = Signal()  # staff: "Exit kiosk"
    staff_screen_opened = Signal()  # staff got in: their screen is about to show
    # While closed: something must be seen (True: a touch's notice, the PIN pad, the staff
    # screen), so the panel must be on; or all is black again (False), so it may be off.
    closed_notice_changed = Signal(bool)

    def __init__(
        self,
        session: KioskSession,
        settings: Settings,
        clock: Clock,
        *,
        staff_lock: StaffLock | None = None,
        pin_hash: Callable[[], str] | None = None,
        set_pin_command: str = "",
        staff_timeout_s: float = STAFF_TIMEOUT_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._prepare()
        self.build(
            session,
            settings,
            clock,
            staff_lock=staff_lock,
            pin_hash=pin_hash,
            set_pin_command=set_pin_command,
            staff_timeout_s=staff_timeout_s,
        )

    @classmethod
    def plain(cls, parent: QWidget | None = None) -> KioskWindow:
        """The window with nothing in it yet: the background colour of the screens, which the
        patient sees until `build()` fills it (it paints no words, so it needs no fonts)."""
        window = cls.__new__(cls)
        QWidget.__init__(window, parent)
        window._prepare()
        return window

    def _prepare(self) -> None:
        """What the window is before it holds any screen."""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(NORMAL.background))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._built = False
        self._first_frame = False
        self._allow_close = False
        self.kiosk_mode = False
        self._closed = False
        self._opens_at: dt.datetime | None = None
        self._dark = False

    @property
    def built(self) -> bool:
        """Whether the screens are in the window (see `build`)."""
        return self._built

    @property
    def first_frame_done(self) -> bool:
        """Whether `first_frame_shown` has been emitted."""
        return self._first_frame

    def build(
        self,
        session: KioskSession,
        settings: Settings,
        clock: Clock,
        *,
        staff_lock: StaffLock | None = None,
        pin_hash: Callable[[], str] | None = None,
        set_pin_command: str = "",
        staff_timeout_s: float = STAFF_TIMEOUT_S,
    ) -> None:
        """Put every screen and overlay in the window, showing `session`. All of it happens
        before the next frame, so no one sees a screen half made.

        Read aloud's engine is looked for after the first frame. A window built after that
        frame leaves it to the caller to say when (`session.read_aloud.probe()`):
        KioskController does once the article is on the screen."""
        if self._built:
            raise RuntimeError("the kiosk window is built already")
        from kiosk.closing_time import local_now
        from kiosk.idle import InactivityTimer
        from kiosk.pin_check import PinChecker
        from kiosk.theme import load_bundled_fonts
        from kiosk.ui.cleaning import CleaningScreen
        from kiosk.ui.closed_screen import ClosedScreen
        from kiosk.ui.end_screen import EndScreen
        from kiosk.ui.idle_overlay import IdleOverlay
        from kiosk.ui.input_router import InputRouter
        from kiosk.ui.reading_screen import ReadingScreen
        from kiosk.ui.staff import PinPad, StaffScreen
        from kiosk.ui.start_screen import StartScreen
        from kiosk.ui.updating_screen import UpdatingScreen

        load_bundled_fonts()
        self.session = session
        self._staff_lock = staff_lock
        self._pin_hash = pin_hash or (lambda: settings.staff_pin_hash)
        self._set_pin_command = set_pin_command or staff.set_pin_command()

        theme = session.theme
        self.stack = QStackedWidget(self)
        self.start_screen = StartScreen(theme)
        self.start_screen.set_clock(clock)
        self.reading_screen = ReadingScreen(theme)
        self.end_screen = EndScreen(theme)
        self.updating_screen = UpdatingScreen(theme)
        self.staff_screen = StaffScreen(theme)
        # Built when the content first holds more than one leaflet (see _menu): a kiosk with
        # one article never pays for it.
        self.menu_screen: MenuScreen | None = None
        self._clock = clock
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
        self.idle_overlay = IdleOverlay(theme, self)
        self.cleaning_screen = CleaningScreen(theme, clock, self)
        # The wall clock in the kiosk's time zone: whether the clinic opens today.
        self.wall: Callable[[], dt.datetime] = local_now
        self.closed_screen = ClosedScreen(theme, clock, self._closed_notice, self)
        self.pin_pad = PinPad(theme, clock, self)
        self.pin_checker = PinChecker(self)
        self.reading_screen.slide.animations = settings.animations
        self.reading_screen.set_read_aloud_available(False)
        self._disclaimer = settings.disclaimer
        self._show_disclaimer()

        self.staff_timer = InactivityTimer(staff_timeout_s, clock, self)
        self.staff_timer.timed_out.connect(self.close_staff_access)
        self.router = InputRouter(self, session.idle, self.staff_timer, clock)
        self.router.lockdown = self.kiosk_mode
        self.router.repeat_tap_ms = settings.repeat_tap_ms
        self._screen_diagonal_inches = settings.screen_diagonal_inches
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.router)
        self._connect_intents()
        self._connect_session()
        self._built = True
        if self.isVisible():
            # Shown plain before: the screens take the window's size now, before it is
            # painted again, not at a later resize or layout pass.
            self.stack.show()
            layout.activate()
            self._fit_to(self.size())
        self._on_article_changed()
        self._on_layout_changed()
        self._on_speech_choices_changed()
        self._on_position_changed(session.position, 0)
        if self._closed:
            self._close_for_the_day()

    def _connect_intents(self) -> None:
        """What the screens and the router ask for goes to the session (or the staff side)."""
        from kiosk import navigation

        session = self.session
        self.start_screen.start_requested.connect(lambda: session.request(navigation.START_READING))
        self.start_screen.section_chosen.connect(
            lambda index: session.request(navigation.jump_to(index))
        )
        start = self.start_screen
        start.resume_requested.connect(session.resume)
        start.smaller_text_requested.connect(session.smaller_text)
        start.larger_text_requested.connect(session.larger_text)
        start.contrast_requested.connect(session.toggle_contrast)
        start.language_chosen.connect(session.choose_language)
        start.menu_requested.connect(lambda: session.request(navigation.HOME))
        reading = self.reading_screen
        reading.next_requested.connect(lambda: session.request(navigation.NEXT))
        reading.back_requested.connect(lambda: session.request(navigation.BACK))
        reading.home_requested.connect(lambda: session.request(navigation.HOME))
        reading.smaller_text_requested.connect(session.smaller_text)
        reading.larger_text_requested.connect(session.larger_text)
        reading.contrast_requested.connect(session.toggle_contrast)
        reading.read_aloud_requested.connect(session.toggle_read_aloud)
        reading.quieter_requested.connect(session.quieter)
        reading.louder_requested.connect(session.louder)
        reading.slower_requested.connect(session.slower)
        reading.faster_requested.connect(session.faster)
        self.end_screen.start_again_requested.connect(lambda: session.request(navigation.HOME))
        self.end_screen.back_requested.connect(lambda: session.request(navigation.BACK))
        self.router.navigation_requested.connect(session.request)
        self.router.staff_gesture.connect(self.open_staff_access)
        self.router.key_for_pin_pad.connect(self._on_pin_pad_key)
        self.pin_pad.pin_entered.connect(self._on_pin_entered)
        self.pin_checker.checked.connect(self._on_pin_checked)
        self.pin_pad.cancelled.connect(self.close_staff_access)
        self.pin_pad.opened_without_pin.connect(self._on_opened_without_pin)
        self.staff_screen.back_requested.connect(self.close_staff_access)
        self.staff_screen.reload_requested.connect(self.reload_requested)
        self.staff_screen.exit_requested.connect(self._on_staff_exit)
        self.staff_screen.cleaning_requested.connect(self.start_cleaning)
        self.cleaning_screen.finished.connect(self.close_staff_access)
        self.closed_screen.notice_changed.connect(self._update_dark)

    def _connect_session(self) -> None:
        """How the session's changes reach the screen."""
        session = self.session
        session.article_changed.connect(self._on_article_changed)
        session.layout_changed.connect(self._on_layout_changed)
        session.position_changed.connect(self._on_position_changed)
        # A list of parts left open times out like changed choices: the next patient gets
        # the front of the start screen.
        self.start_screen.parts_view_changed.connect(session.set_start_screen_away)
        session.speaking_changed.connect(self.reading_screen.set_reading_aloud)
        session.highlight_changed.connect(self.reading_screen.slide.set_highlight)
        session.resume_changed.connect(self._on_resume_changed)
        session.speech_choices_changed.connect(self._on_speech_choices_changed)
        session.library_changed.connect(self._on_library_changed)
        session.language_changed.connect(self._on_language_changed)
        idle = session.idle
        idle.warning_started.connect(self.idle_overlay.start)
        idle.countdown_changed.connect(self.idle_overlay.set_seconds_left)
        idle.warning_cancelled.connect(self.idle_overlay.hide)
        idle.expired.connect(self.idle_overlay.hide)
        read_aloud = session.read_aloud
        read_aloud.availability_changed.connect(self.reading_screen.set_read_aloud_available)
        # Looking for a speech engine waits for the first frame: patients see the screen sooner.
        # (Built after it, the window leaves that to its builder: see `build`.)
        if not self._first_frame:
            self.first_frame_shown.connect(read_aloud.probe, Qt.ConnectionType.QueuedConnection)

    # Showing the session

    @Slot()
    def _on_article_changed(self) -> None:
        from kiosk import words
        from kiosk.take_home import take_home_url

        article = self.session.article
        self.setWindowTitle(article.title if article else words.window_title())
        self.end_screen.set_take_home_url(take_home_url(article) if article else None)
        if article is None:
            return
        # Right-to-left articles mirror the whole screen: text, buttons and swipes.
        self.setLayoutDirection(_direction(article.right_to_left))
        if self.menu_screen is not None:
            # The menu follows the patient's language, not the leaflet behind it.
            self.menu_screen.setLayoutDirection(_direction(is_right_to_left(self.session.language)))
        self.reading_screen.slide.right_to_left = article.right_to_left
        self.start_screen.set_article(article)
        self.start_screen.set_reading_minutes(self.session.reading_minutes)
        self._show_start_choices()

    def _menu(self) -> MenuScreen:
        """The menu of leaflets, built the first time it is needed."""
        if self.menu_screen is None:
            from kiosk.ui.menu_screen import MenuScreen

            session = self.session
            menu = MenuScreen(session.theme)
            menu.set_clock(self._clock)
            menu.leaflet_chosen.connect(session.choose_leaflet)
            menu.language_chosen.connect(session.choose_language)
            menu.smaller_text_requested.connect(session.smaller_text)
            menu.larger_text_requested.connect(session.larger_text)
            menu.contrast_requested.connect(session.toggle_contrast)
            # A later page left open times out like changed choices (see the start screen).
            menu.away_changed.connect(session.set_start_screen_away)
            self.stack.insertWidget(0, menu)
            self.menu_screen = menu
            self._theme_menu()
        return self.menu_screen

    def _show_disclaimer(self) -> None:
        """The notice under the start and end screens: the clinic's own words as written, or
        the kiosk's, in the patient's language."""
        from kiosk import words
        from kiosk.config import Settings

        text = self._disclaimer
        if text == Settings().disclaimer:
            text = words.default_disclaimer()
        self.start_screen.set_disclaimer(text)
        self.end_screen.set_disclaimer(text)

    def _show_start_choices(self) -> None:
        """The start screen's languages (its leaflet's) and its way back to the menu."""
        session = self.session
        self.start_screen.set_languages(session.article_languages, session.language)
        self.start_screen.set_menu_available(session.has_menu)
        self.end_screen.set_menu_available(session.has_menu)

    @Slot()
    def _on_library_changed(self) -> None:
        """The leaflets on the menu, in the patient's language."""
        from kiosk.ui.menu_screen import menu_entries

        self._show_start_choices()
        session = self.session
        library = session.library
        if library is None or (not session.has_menu and self.menu_screen is None):
            return
        menu = self._menu()
        menu.set_entries(menu_entries(library, session.language))
        menu.set_languages(library.languages, session.language)
        menu.setLayoutDirection(_direction(is_right_to_left(session.language)))

    @Slot(str)
    def _on_language_changed(self, language: str) -> None:
        """Every interface word in the patient's language (Qt tells each widget to show its
        words again), and the menu mirrored for a right-to-left one."""
        from kiosk.translations import use_language

        app = QApplication.instance()
        if app is not None:
            use_language(app, language)
        # Whether the engine has a voice for the language is known once it has started.
        self.session.read_aloud.warm_up()
        if self.menu_screen is not None:
            self.menu_screen.setLayoutDirection(_direction(is_right_to_left(language)))
        self._show_start_choices()
        self._show_disclaimer()

    def _theme_menu(self) -> None:
        menu = self.menu_screen
        if menu is None:
            return
        theme = self.session.theme
        menu.set_theme(theme)
        menu.set_choices(
            can_smaller=theme.text_size.smaller() is not None,
            can_larger=theme.larger_text_size is not None,
            high_contrast=theme.high_contrast,
        )

    @Slot()
    def _on_resume_changed(self) -> None:
        """Offer "Carry on reading" on the start screen while the session does."""
        session = self.session
        position = session.resume_position
        article = session.article
        self.start_screen.set_resume(
            article.slides[position.section].title if position and article else None
        )

    @Slot()
    def _on_layout_changed(self) -> None:
        theme = self.session.theme
        self.router.corner_px = theme.staff_corner
        self.router.tap_slop_px = theme.tap_slop
        self.start_screen.set_theme(theme)
        self.start_screen.set_choices(
            can_smaller=theme.text_size.smaller() is not None,
            # Up to the largest size this panel has room for (Theme.largest_text_size).
            can_larger=theme.larger_text_size is not None,
            high_contrast=theme.high_contrast,
        )
        if self.session.layout is not None:
            self.reading_screen.set_theme(theme, self.session.layout)
        self._theme_menu()
        self.end_screen.set_theme(theme)
        self.updating_screen.set_theme(theme)
        self.staff_screen.set_theme(theme)
        self.idle_overlay.set_theme(theme)
        self.pin_pad.set_theme(theme)
        self.cleaning_screen.set_theme(theme)
        self.closed_screen.set_theme(theme)

    @Slot()
    def _on_speech_choices_changed(self) -> None:
        """Read aloud's volume and speed, and which steps are left, on the reading screen."""
        session = self.session
        self.reading_screen.set_speech_choices(
            session.speech_volume,
            session.speech_speed,
            can_quieter=session.can_go_quieter,
            can_louder=session.can_go_louder,
            can_slower=session.can_go_slower,
            can_faster=session.can_go_faster,
        )

    @Slot(object, int)
    def _on_position_changed(self, position: Position, direction: int) -> None:
        from kiosk import navigation
        from kiosk.navigation import Screen
        from kiosk.ui.input_router import Mode

        session = self.session
        if position.screen is Screen.START:
            self.start_screen.show_front()  # after a quiet spell, too, on the screen already
        elif position.screen is Screen.MENU and self.stack.currentWidget() is not self._menu():
            self._menu().show_first_page()  # a patient arriving from a leaflet, or the next one
        if session.showing_updating:
            self.updating_screen.set_words_shown(not session.first_reading)
            screen: QWidget = self.updating_screen
        else:
            if position.screen is Screen.READING:
                counts = session.page_counts
                previous = navigation.transition(position, navigation.BACK, counts)
                following = navigation.transition(position, navigation.NEXT, counts)
                self.reading_screen.show_position(position, previous, following, direction)
            screen = {
                Screen.MENU: self.menu_screen or self.start_screen,
                Screen.START: self.start_screen,
                Screen.READING: self.reading_screen,
                Screen.END: self.end_screen,
            }[position.screen]
        if self.router.mode is not Mode.STAFF:
            self.stack.setCurrentWidget(screen)

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    # Staff

    @property
    def in_staff_mode(self) -> bool:
        from kiosk.ui.input_router import Mode

        return self.router.mode in (Mode.PIN_PAD, Mode.STAFF, Mode.CLEANING)

    @Slot()
    def open_staff_access(self) -> None:
        """The corner gesture: the PIN pad, or why staff access is not available."""
        from kiosk import words
        from kiosk.ui.input_router import Mode

        self.router.set_mode(Mode.PIN_PAD)
        self._update_dark()
        self.session.set_staff_present(True)
        session = self.session
        if session.language != session.front_language:
            # Staff read their screens in the clinic's language; the patient's visit ends
            # with the staff visit anyway (the start screen follows it).
            session.choose_language(session.front_language)
        self.staff_timer.start()
        stored = self._pin_hash()
        locked_until = self._staff_lock.locked_until() if self._staff_lock else 0.0
        unusable = staff.pin_hash_problem(stored) if stored else None
        if not stored:
            log.info("Staff gesture, but no PIN is set up")
            self.pin_pad.show_no_pin_notice(self._set_pin_command)
        elif unusable:
            # Fails closed: a hash that is weak, ruinous or unreadable is no reason to let
            # anyone in (as no PIN at all would).
            log.error("Staff gesture, but the staff PIN cannot be used: %s", unusable)
            self.pin_pad.show_notice(
                words.pin_unusable_title(), words.pin_unusable_notice(self._set_pin_command)
            )
        elif locked_until:
            self.pin_pad.show_notice(
                words.staff_locked(), self._with_lock_problem(_locked_text(locked_until))
            )
        else:
            self.pin_pad.start(self._with_lock_problem(""))

    @Slot(object)
    def _on_pin_pad_key(self, event: QKeyEvent) -> None:
        self.pin_pad.handle_key(event)

    @Slot(str)
    def _on_pin_entered(self, pin: str) -> None:
        from kiosk import words

        self.staff_timer.start()
        if self._staff_lock is None:
            self.pin_pad.show_notice(words.staff_not_available())
            return
        # scrypt takes up to a third of a second: checked off the GUI thread, the outcome
        # comes back to _on_pin_checked; the pad says "Checking..." and takes no input.
        if self.pin_checker.check(self._staff_lock, pin, self._pin_hash()):
            self.pin_pad.show_checking()

    @Slot(object)
    def _on_pin_checked(self, attempt: Attempt) -> None:
        from kiosk import words
        from kiosk.ui.input_router import Mode

        if self.router.mode is not Mode.PIN_PAD:
            return  # the pad closed meanwhile: a late "accepted" opens nothing
        self.staff_timer.start()
        if attempt.result == PinResult.ACCEPTED:
            self._show_staff_screen()
        elif attempt.result == PinResult.WRONG:
            self.pin_pad.show_message(
                self._with_lock_problem(words.wrong_pin(attempt.tries_left), attempt.not_saved)
            )
        elif attempt.result == PinResult.LOCKED:
            self.pin_pad.show_notice(
                words.staff_locked(),
                self._with_lock_problem(_locked_text(attempt.locked_until), attempt.not_saved),
            )
        elif attempt.result == PinResult.UNUSABLE:
            self.pin_pad.show_notice(
                words.pin_unusable_title(), words.pin_unusable_notice(self._set_pin_command)
            )
        else:
            self.pin_pad.show_no_pin_notice(self._set_pin_command)

    def _with_lock_problem(self, message: str, not_saved: str | None = None) -> str:
        """`message`, and below it that the lock cannot be saved (`not_saved` says why; by
        default the lock's latest problem), when it cannot."""
        from kiosk import words

        lock = self._staff_lock
        if lock is None:
            return message
        reason = lock.save_problem if not_saved is None else not_saved
        if not reason:
            return message
        notice = words.lock_not_saved(str(lock.state_file), reason)
        return f"{message}\n{notice}" if message else notice

    @Slot()
    def _on_opened_without_pin(self) -> None:
        log.warning("The staff screen was opened without a PIN: none is set")
        self._show_staff_screen()

    def _show_staff_screen(self) -> None:
        from kiosk.ui.input_router import Mode

        self.staff_timer.start()
        self.pin_pad.hide()
        self.router.set_mode(Mode.STAFF)
        self._uncover_closed()
        self.staff_screen_opened.emit()
        self.stack.setCurrentWidget(self.staff_screen)

    @Slot()
    def close_staff_access(self) -> None:
        """Back to the kiosk's start screen (also after 30 s untouched, and at the end of the
        cleaning pause), or to the closed screen outside the opening hours."""
        from kiosk.ui.input_router import Mode

        self.staff_timer.stop()
        self.pin_pad.hide()
        self.cleaning_screen.stop()
        if self._closed:
            self._cover_closed()
        else:
            self.router.set_mode(Mode.READING)
        self.session.set_staff_present(False)
        self.session.go_to(self.session.front)
        self._update_dark()

    @Slot()
    def start_cleaning(self) -> None:
        """ "Clean the screen": leave the staff screen and ignore every touch for 30 s (or
        until staff hold the countdown), with the start screen under it."""
        from kiosk import navigation
        from kiosk.ui.input_router import Mode

        log.info("Staff started the cleaning pause")
        self.staff_timer.stop()
        self.pin_pad.hide()
        self.router.cover = self.cleaning_screen
        self.router.set_mode(Mode.CLEANING)
        self.session.go_to(navigation.START)
        self.cleaning_screen.start()

    # Opening hours

    @property
    def closed(self) -> bool:
        """Whether the window was told the clinic is closed (`set_closed`)."""
        return self._closed

    @property
    def dark(self) -> bool:
        """The window shows nothing but black: closed, untouched, no staff."""
        return self._dark

    def set_closed(self, closed: bool, opens_at: dt.datetime | None) -> None:
        """The clinic closed (`opens_at`: when it opens next, None if never) or opened.

        Closing covers the window with the closed screen, over whatever is shown (the idle
        warning, the PIN pad, the staff screen or the cleaning pause, all ended), and starts
        the patient's session afresh under it: the start screen, Standard text, Read aloud
        silent. Opening shows the start screen again; staff who are on their screen then
        keep it until they leave it."""
        from kiosk.ui.input_router import Mode

        self._opens_at = opens_at
        if closed == self._closed:
            return
        self._closed = closed
        if not self._built:
            return  # `build` covers the window when it is built
        if closed:
            log.info("The clinic is closed: the kiosk shows a black screen")
            self._close_for_the_day()
        elif self.router.mode is Mode.CLOSED:
            log.info("The clinic is open: the kiosk shows its start screen")
            self.router.set_mode(Mode.READING)
            self._uncover_closed()
            self.session.reset_for_next_patient()
        self._update_dark()

    def _close_for_the_day(self) -> None:
        self.cleaning_screen.stop()
        self.staff_timer.stop()
        self.pin_pad.hide()
        # The closed mode first: the session's move to the start screen below then shows
        # the start screen under the cover (not while the staff screen has the window).
        self._cover_closed()
        self.session.set_staff_present(False)
        self.session.reset_for_next_patient()
        self._update_dark()

    def _cover_closed(self) -> None:
        from kiosk.ui.input_router import Mode

        self.router.cover = self.closed_screen
        self.router.set_mode(Mode.CLOSED)
        self.closed_screen.cover()
        # Nothing under the black screen paints or wakes up (the start screen's drift).
        self.stack.hide()

    def _uncover_closed(self) -> None:
        if not self.closed_screen.isHidden():
            self.closed_screen.go_dark()
            self.closed_screen.hide()
        self.stack.show()

    def _closed_notice(self) -> str:
        """What a touch shows while closed, as the day and time are now."""
        from kiosk import words
        from kiosk.ui.closed_screen import notice_words

        return notice_words(self._opens_at, self.wall(), words.interface_locale())

    @Slot()
    def _update_dark(self) -> None:
        from kiosk.ui.input_router import Mode

        dark = (
            self._closed and self.router.mode is Mode.CLOSED and not self.closed_screen.notice_words
        )
        if dark != self._dark:
            self._dark = dark
            self.closed_notice_changed.emit(not dark)

    @Slot()
    def _on_staff_exit(self) -> None:
        log.info("Staff chose Exit kiosk")
        self.permit_close()
        self.exit_requested.emit()

    def permit_close(self) -> None:
        """From now on the window may close and leave full-screen (staff are leaving)."""
        self._allow_close = True

    @property
    def close_permitted(self) -> bool:
        return self._allow_close

    # Qt

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if (
            event.type() == QEvent.Type.UpdateRequest
            and not self._first_frame
            # Turned inside a graphics view (kiosk.ui.rotation), this window gets one before
            # anything is on the screen: the view reports the first frame instead.
            and self.graphicsProxyWidget() is None
        ):
            # UpdateRequest is when a top-level widget paints and flushes its frame.
            self._first_frame = True
            self.first_frame_shown.emit()
        return handled

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not self._allow_close:
            log.info("Ignored a request to close the kiosk window")
            event.ignore()
            return
        super().closeEvent(event)

    def set_kiosk_mode(self, enabled: bool) -> None:
        self.kiosk_mode = enabled
        if self._built:
            self.router.lockdown = enabled

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._built:
            self._fit_to(event.size())

    def _fit_to(self, size: QSize) -> None:
        for overlay in (self.idle_overlay, self.pin_pad, self.cleaning_screen, self.closed_screen):
            overlay.setGeometry(self.rect())
        self.session.set_screen_size(size, self._pixels_per_mm())

    def _pixels_per_mm(self) -> float | None:
        """The panel's density, from screen_diagonal_inches or the size the panel reports
        (kiosk.theme.panel_density); None when neither is known."""
        from kiosk.theme import panel_density

        if self._screen_diagonal_inches > 0:
            # The diagonal of the panel this window fills: full-screen, the window is the
            # panel (turned or not); a window of its own stands for a panel of its size, as
            # in 'kiosk preview' and 'kiosk check'.
            density = panel_density(self.size(), None, self._screen_diagonal_inches)
        elif QGuiApplication.platformName() == "offscreen":
            # Qt's offscreen platform (tests, previews) has no panel: the size it reports is
            # invented from an assumed 100 dpi.
            density = None
        else:
            screen = self.screen()
            density = panel_density(screen.size(), screen.physicalSize())
        return density.pixels_per_mm if density is not None else None


def _locked_text(until: float) -> str:
    from kiosk import words

    clock = time.strftime("%H:%M", time.localtime(until))
    return words.staff_locked_until(clock)


def _direction(right_to_left: bool) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
