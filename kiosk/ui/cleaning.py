"""The cleaning pause: staff wipe the glass while every touch is ignored.

"Clean the screen" on the staff screen covers the whole window with this screen for
CLEANING_S seconds: a large countdown in a ring, "Cleaning: touches are ignored for 30
seconds" above it and how to stop sooner below, on the screens' calm background. Every touch,
click and key meanwhile does nothing (the input router gives them all to this screen, Mode
.CLEANING, and it takes them all). When the time is up, `finished` hands back to the kiosk.

Staff who are done sooner hold a finger on the countdown for HOLD_S seconds. What counts as a
hold is what a cloth never does: one finger (a second finger or a palm anywhere spoils it) that
lands on the ring and stays within `Theme.tap_slop` of where it landed (the distance within
which a touch is a tap, about 6 mm) for the whole HOLD_S. A wipe always moves, and a hand
that rests on the glass lands with more than one point, so neither ends the pause; a finger
that moved or was joined by another must lift and land again to start a hold. While a still
finger holds, the inside of the ring fills, so staff see that holding works. Time comes from
the injected Clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QStyle, QWidget

from kiosk import words
from kiosk.clock import Alarm, Clock
from kiosk.theme import Theme
from kiosk.ui.widgets import paint_countdown_ring

CLEANING_S = 30
HOLD_S = 3.0
# Wake-ups may come a few milliseconds early; that must not show the old number again.
_TIMER_SLACK_S = 0.02
# The seconds in the ring, as a share of its diameter.
NUMBER_SHARE = 0.38
# Beside the words (a low window), the ring takes at most this share of the width: the
# larger where the words fit beside it.
RING_BESIDE_SHARES = (0.4, 0.3)

_TOUCHES = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
    }
)
_MOUSE = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonRelease,
    }
)
# Whatever else a hand or a keyboard sends: taken, and nothing comes of it.
_IGNORED = frozenset(
    {
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ContextMenu,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
    }
)


@dataclass(frozen=True)
class CleaningLayout:
    """Where the heading, the ring and the hint go, in the screen's coordinates."""

    heading: QRect
    ring: QRect
    hint: QRect
    beside: bool  # the ring beside the words (a low window), not between them
    heading_px: int  # the heading's size: smaller where the window has no room for more
    fits: bool  # every word shows (else the smallest arrangement tried)


class CleaningScreen(QWidget):
    """Covers the whole window while the cleaning pause counts down."""

    finished = Signal()  # the time ran out, or staff held the countdown: back to the kiosk

    def __init__(self, theme: Theme, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._clock = clock
        self._total = CLEANING_S
        self._seconds_left = 0
        self._deadline = 0.0
        self._tick_alarm: Alarm | None = None
        self._hold_alarm: Alarm | None = None
        self._hold_origin: QPointF | None = None
        # A finger that moved, or was joined by another, holds nothing until all lift.
        self._spoiled = False
        self._layout: CleaningLayout | None = None
        # The ring's filling while a finger holds: only a picture, the clock decides.
        self._hold_fill = QVariantAnimation(self)
        self._hold_fill.setStartValue(0.0)
        self._hold_fill.setEndValue(1.0)
        self._hold_fill.setDuration(round(HOLD_S * 1000))
        self._hold_fill.valueChanged.connect(self.update)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()

    @property
    def running(self) -> bool:
        return self._tick_alarm is not None

    @property
    def seconds_left(self) -> int:
        return self._seconds_left

    @property
    def holding(self) -> bool:
        """A still finger is on the countdown, on its way to ending the pause."""
        return self._hold_alarm is not None

    @property
    def message(self) -> str:
        """All the words on the screen, as staff read them."""
        return "\n".join(
            (
                words.cleaning_heading(self._total),
                str(self._seconds_left),
                words.cleaning_hint(round(HOLD_S)),
            )
        )

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._layout = None
        self.update()

    def start(self, seconds: int = CLEANING_S) -> None:
        """Cover the window and ignore every touch for `seconds`."""
        self._total = seconds
        self._seconds_left = seconds
        self._deadline = self._clock.now() + seconds
        self._end_hold()
        self._spoiled = False
        self._layout = None
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self._show_words()
        self._schedule_tick()

    def stop(self) -> None:
        """Gone, without `finished` (the clinic closed meanwhile, say)."""
        if self._tick_alarm is not None:
            self._tick_alarm.cancel()
            self._tick_alarm = None
        self._end_hold()
        self.hide()

    def _finish(self) -> None:
        self.stop()
        self.finished.emit()

    def _schedule_tick(self) -> None:
        """One wake-up when the whole seconds left go down by one."""
        remaining = self._deadline - self._clock.now()
        if remaining <= _TIMER_SLACK_S:
            self._tick_alarm = None
            self._finish()
            return
        until_next = remaining - (math.ceil(remaining - _TIMER_SLACK_S) - 1)
        self._tick_alarm = self._clock.call_later(until_next, self._tick)

    def _tick(self) -> None:
        remaining = self._deadline - self._clock.now()
        self._seconds_left = max(0, math.ceil(remaining - _TIMER_SLACK_S))
        self._show_words()
        self.update()
        self._schedule_tick()

    # Holding the countdown

    def countdown_rect(self) -> QRect:
        """The ring and its seconds: what a finger holds to end the pause."""
        return self.cleaning_layout().ring

    def _begin_hold(self, where: QPointF) -> None:
        self._end_hold()
        if self._spoiled or not self.countdown_rect().contains(where.toPoint()):
            self._spoiled = True
            return
        self._hold_origin = where
        self._hold_alarm = self._clock.call_later(HOLD_S, self._held)
        self._hold_fill.start()

    def _follow_hold(self, where: QPointF) -> None:
        origin = self._hold_origin
        if origin is None:
            return
        shift = where - origin
        if max(abs(shift.x()), abs(shift.y())) > self._theme.tap_slop:
            self._spoil()

    def _spoil(self) -> None:
        self._end_hold()
        self._spoiled = True

    def _end_hold(self) -> None:
        if self._hold_alarm is not None:
            self._hold_alarm.cancel()
            self._hold_alarm = None
        self._hold_origin = None
        if self._hold_fill.state() == QVariantAnimation.State.Running:
            self._hold_fill.stop()
            self.update()

    def _held(self) -> None:
        self._hold_alarm = None
        self._finish()

    def _on_touch(self, event: QTouchEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            # Every finger is off the glass: the next landing may start a hold.
            self._end_hold()
            self._spoiled = False
            return
        points = event.points()
        if len(points) != 1:
            self._spoil()
        elif kind == QEvent.Type.TouchBegin:
            self._begin_hold(points[0].position())
        else:
            self._follow_hold(points[0].position())

    def _on_mouse(self, event: QMouseEvent) -> None:
        if event.pointingDevice().type() == QInputDevice.DeviceType.TouchScreen:
            return  # made from a touch, which was followed as one
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._spoiled = False
            self._begin_hold(event.position())
        elif kind == QEvent.Type.MouseMove:
            self._follow_hold(event.position())
        elif kind == QEvent.Type.MouseButtonRelease:
            self._end_hold()
            self._spoiled = False

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in _TOUCHES:
            assert isinstance(event, QTouchEvent)
            self._on_touch(event)
        elif kind in _MOUSE:
            assert isinstance(event, QMouseEvent)
            self._on_mouse(event)
        elif kind not in _IGNORED:
            return super().event(event)
        event.accept()
        return True

    # Placing and drawing

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._layout = None
        elif event.type() == QEvent.Type.LanguageChange:
            self._layout = None  # other words take other room
            self._show_words()
            self.update()

    def _show_words(self) -> None:
        """The words are painted as they are in the interface's language; a screen reader
        gets them all, as the countdown goes and when the language changes."""
        self.setAccessibleDescription(self.message)

    def _fonts(self, heading_px: int) -> tuple[QFont, QFont]:
        theme = self._theme
        return theme.font(heading_px, bold=True), theme.font(theme.staff_words_px)

    def _flags(self, beside: bool) -> int:
        across = Qt.AlignmentFlag.AlignLeft if beside else Qt.AlignmentFlag.AlignHCenter
        return int(across | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)

    def _words_height(self, font: QFont, text: str, width: int, beside: bool) -> int:
        bounds = QRect(0, 0, max(width, 1), 100_000)
        return QFontMetrics(font).boundingRect(bounds, self._flags(beside), text).height()

    def cleaning_layout(self) -> CleaningLayout:
        """The ring as large as the window leaves it (up to `cleaning_ring_diameter`) between
        the heading and the hint; in a window too low for `cleaning_ring_least` there, beside
        them."""
        if self._layout is None:
            self._layout = self._arrange()
        return self._layout

    def _arrange(self) -> CleaningLayout:
        theme = self._theme
        area = self.rect().adjusted(
            theme.staff_side_margin,
            theme.staff_margin,
            -theme.staff_side_margin,
            -theme.staff_margin,
        )
        # The heading as large as a staff heading where it fits, else as the other words.
        sizes = sorted({theme.cleaning_title_px, theme.staff_words_px}, reverse=True)
        for heading_px in sizes:
            stacked = self._stacked(area, heading_px)
            if stacked.fits:
                return stacked
        beside = stacked
        for heading_px in sizes:
            for share in RING_BESIDE_SHARES:
                beside = self._beside(area, heading_px, share)
                if beside.fits:
                    return beside
        return beside

    def _stacked(self, area: QRect, heading_px: int) -> CleaningLayout:
        """Heading, ring and hint one above the other, centred; fits if the ring gets at
        least `cleaning_ring_least`."""
        theme = self._theme
        gap = theme.cleaning_gap
        heading_font, hint_font = self._fonts(heading_px)
        heading = words.cleaning_heading(self._total)
        hint = words.cleaning_hint(round(HOLD_S))
        heading_height = self._words_height(heading_font, heading, area.width(), False)
        hint_height = self._words_height(hint_font, hint, area.width(), False)
        room = area.height() - heading_height - hint_height - 2 * gap
        ring = max(0, min(theme.cleaning_ring_diameter, room, area.width()))
        total = heading_height + ring + hint_height + 2 * gap
        top = area.top() + max(0, (area.height() - total) // 2)
        heading_rect = QRect(area.left(), top, area.width(), heading_height)
        top += heading_height + gap
        ring_rect = QRect(area.left() + (area.width() - ring) // 2, top, ring, ring)
        top += ring + gap
        hint_rect = QRect(area.left(), top, area.width(), hint_height)
        fits = ring >= theme.cleaning_ring_least
        return CleaningLayout(heading_rect, ring_rect, hint_rect, False, heading_px, fits)

    def _beside(self, area: QRect, heading_px: int, share: float) -> CleaningLayout:
        """The ring at the leading side, taking at most `share` of the width; the heading and
        the hint beside it. Fits if the words do."""
        theme = self._theme
        gap = theme.cleaning_gap
        heading_font, hint_font = self._fonts(heading_px)
        ring = min(theme.cleaning_ring_diameter, area.height(), round(area.width() * share))
        ring = max(ring, min(theme.staff_target_min, area.height()))
        column = max(1, area.width() - ring - gap)
        heading = words.cleaning_heading(self._total)
        hint = words.cleaning_hint(round(HOLD_S))
        heading_height = self._words_height(heading_font, heading, column, True)
        hint_height = self._words_height(hint_font, hint, column, True)
        words_height = heading_height + gap + hint_height
        ring_rect = QRect(area.left(), area.top() + (area.height() - ring) // 2, ring, ring)
        left = ring_rect.right() + 1 + gap
        top = area.top() + max(0, (area.height() - words_height) // 2)
        heading_rect = QRect(left, top, column, heading_height)
        hint_rect = QRect(left, top + heading_height + gap, column, hint_height)
        direction = self.layoutDirection()
        return CleaningLayout(
            QStyle.visualRect(direction, self.rect(), heading_rect),
            QStyle.visualRect(direction, self.rect(), ring_rect),
            QStyle.visualRect(direction, self.rect(), hint_rect),
            True,
            heading_px,
            words_height <= area.height(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        palette = theme.palette
        layout = self.cleaning_layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(palette.background))
        heading_font, hint_font = self._fonts(layout.heading_px)
        painter.setPen(QColor(palette.text))
        painter.setFont(heading_font)
        flags = self._flags(layout.beside)
        painter.drawText(layout.heading, flags, words.cleaning_heading(self._total))
        painter.setFont(hint_font)
        painter.drawText(layout.hint, flags, words.cleaning_hint(round(HOLD_S)))
        self._paint_ring(painter, QRectF(layout.ring))

    def _paint_ring(self, painter: QPainter, ring: QRectF) -> None:
        """The seconds left in a ring that empties; inside it, while a finger holds, a disc
        that fills towards the end of the pause."""
        theme = self._theme
        palette = theme.palette
        width = theme.cleaning_ring_width
        holding = self._hold_fill.state() == QVariantAnimation.State.Running
        if holding:
            value = self._hold_fill.currentValue()
            fraction = float(value) if isinstance(value, float) else 0.0
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(palette.pressed_primary))
            inside = ring.adjusted(width, width, -width, -width)
            painter.drawPie(inside, 90 * 16, -round(360 * 16 * fraction))
        share = self._seconds_left / max(self._total, 1)
        paint_countdown_ring(painter, theme, ring, width, share)
        # Over the filling disc, the words' colour a pressed button has.
        painter.setPen(QColor(palette.on_pressed_primary if holding else palette.accent))
        painter.setFont(theme.font(max(1, round(ring.height() * NUMBER_SHARE)), bold=True))
        painter.drawText(ring, int(Qt.AlignmentFlag.AlignCenter), str(self._seconds_left))
