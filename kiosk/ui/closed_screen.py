"""What the kiosk shows while the clinic is closed: nothing, on black.

The panel itself is turned off where the session allows (kiosk.display_power); this screen is
what is there whatever happens, so nothing stays lit to burn in or to draw a patient to a
closed service. A touch shows, dimly, when the screen turns on again ("The clinic is closed.
This screen turns on at 08:00."), for NOTICE_S seconds, and does nothing else: no screen
behind it can be reached. The time and day are written as the interface's language writes
them (`notice_words`).

The window covers itself with this screen and gives it every touch but the staff corner's
(kiosk.ui.input_router, Mode.CLOSED); `notice_changed` tells whoever switches the panel that
it must be on to show the words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QRect, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk import words
from kiosk.clock import Alarm, Clock
from kiosk.theme import Theme

NOTICE_S = 15.0
_NOTICE_FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
# Further ahead than this, the day the clinic opens is a date, not a day of the week.
WEEK_DAYS = 7

_PRESSES = frozenset(
    {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.TabletPress}
)
# The rest of a touch or click, and anything else a hand or a keyboard sends.
_SWALLOWED = frozenset(
    {
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ContextMenu,
    }
)


def notice_words(opens_at: dt.datetime | None, now: dt.datetime, locale: QLocale) -> str:
    """What a touch shows while closed: when the screen turns on, today ("at 08:00"), within
    the week ("at 08:00 on Monday") or later (with the date), in `locale`'s way of writing
    times and days. Without an opening time (the hours never open again), only that the
    clinic is closed."""
    if opens_at is None:
        return words.clinic_closed()
    if opens_at.tzinfo is not None and now.tzinfo is not None:
        opens_at = opens_at.astimezone(now.tzinfo)
    time = locale.toString(QTime(opens_at.hour, opens_at.minute), QLocale.FormatType.ShortFormat)
    days_ahead = (opens_at.date() - now.date()).days
    if days_ahead <= 0:
        return words.closed_until_today(time)
    if days_ahead < WEEK_DAYS:
        day = locale.dayName(opens_at.isoweekday(), QLocale.FormatType.LongFormat)
    else:
        date = QDate(opens_at.year, opens_at.month, opens_at.day)
        day = locale.toString(date, QLocale.FormatType.LongFormat)
    return words.closed_until_day(time, day)


class ClosedScreen(QWidget):
    """Black, and on a touch the words `notice()` gives for NOTICE_S seconds."""

    notice_changed = Signal(bool)  # the words came (True) or went (False): the panel must be on

    def __init__(
        self,
        theme: Theme,
        clock: Clock,
        notice: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._clock = clock
        self._notice = notice
        self._shown_words = ""
        self._alarm: Alarm | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()

    @property
    def notice_words(self) -> str:
        """The words on the screen now ("" while it is black)."""
        return self._shown_words

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def cover(self) -> None:
        """Cover the whole of the parent window, black."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.go_dark()
        self.show()
        self.raise_()

    def go_dark(self) -> None:
        """Black, with no words (at closing, and NOTICE_S after a touch)."""
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None
        if self._shown_words:
            self._shown_words = ""
            self.notice_changed.emit(False)
        self.update()

    def show_notice(self) -> None:
        """The dim words for NOTICE_S seconds from now (a touch while closed)."""
        if self._alarm is not None:
            self._alarm.cancel()
        was_dark = not self._shown_words
        self._shown_words = self._notice()
        self._alarm = self._clock.call_later(NOTICE_S, self._notice_done)
        if was_dark:
            self.notice_changed.emit(True)
        self.update()

    def _notice_done(self) -> None:
        self._alarm = None
        self.go_dark()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self._shown_words:
            # The words shown, in the interface's language now (they stay as long as before).
            self._shown_words = self._notice()
            self.update()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in _PRESSES:
            self.show_notice()
            event.accept()
            return True
        if kind in _SWALLOWED:
            event.accept()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Black in either palette: a panel that cannot be switched off shows nothing at all.
        painter.fillRect(self.rect(), QColor(Qt.GlobalColor.black))
        if not self._shown_words:
            return
        painter.setFont(self.notice_font())
        painter.setPen(QColor(self._theme.closed_notice_ink))
        painter.drawText(self.notice_area(), _NOTICE_FLAGS, self._shown_words)

    def notice_area(self) -> QRect:
        """Where the words may go: all but a margin."""
        margin = self._theme.margin
        return self.rect().adjusted(margin, margin, -margin, -margin)

    def notice_font(self) -> QFont:
        """The largest of `closed_notice_px`, the body size and `small_px` at which the words
        shown fit `notice_area` (the smallest, if none does)."""
        theme = self._theme
        area = self.notice_area()
        font = theme.font(theme.small_px)
        for size in (theme.closed_notice_px, theme.ui_body_px, theme.small_px):
            font = theme.font(size)
            used = QFontMetrics(font).boundingRect(
                QRect(0, 0, max(area.width(), 1), 100_000), _NOTICE_FLAGS, self._shown_words
            )
            if used.height() <= area.height() and used.width() <= area.width():
                break
        return font
