"""Burn-in care: the start screen's content drifts a pixel at a time, and its colours move a
level every other step, so no pixel it shows keeps its colour for hours.

A kiosk shows its start screen most of its life, all night where the clinic leaves it on, and
a panel keeps a ghost of whatever stays put for months. So `BurnInDrift` moves the whole
arrangement (the screen places everything at its own place plus `offset`) along a closed path
through every point of a small square (kiosk.theme `burn_in_span`, BURN_IN_SPAN_PX at 1080p):
one pixel every BURN_IN_STEP_S, so every edge of the words and buttons is spread evenly over the
square's width instead of burning in sharp, and no reader sees a step.

- The arrangement is shifted, never laid out again: gaps between targets stay as they are, and
  nothing moves over anything else.
- The screen says where its content may go (`Room`: nothing off the screen, no button into the
  staff corner). The path's square is centred on where the content is laid out, slid or
  narrowed where that room is short (a button laid out right under the staff corner).
- No step while a finger is down or for BURN_IN_HOLD_S after a touch or key. A finger "down" for
  longer than a step without any input since (a touch that never lifted, a hand resting on the
  glass) holds nothing: burn-in care must not end for a stuck touch.
- Only while the screen shows: one wake-up a step (`Clock.call_later`) and one move of the
  screen's widgets, so one repaint; nothing pending and nothing watching input while hidden.

A shift changes only the pixels on an edge; a pixel inside an even area (the background, a
button's face, a thick stroke) keeps its colour however the content moves. So every other step
is `tinted`: a `BurnInVeil` over the whole screen moves every channel of every pixel it shows
BURN_IN_TINT_LEVEL levels (the channel XOR that), by one fill in a raster operation as cheap as
a plain fill. Every colour moves by that one level, so the look and every contrast stay
(kiosk.theme `burn_in_tinted`), and it works on whatever the screen's widgets draw (words
smoothed at their edges included), however they take their colours, with no widget told
anything. It is shown or hidden in the same step as the move, so the step is still one
repaint; hidden, it costs nothing; it lets every touch through. A screen adopts the whole care
with a drift (its content placed at `offset` from where it is laid out, following `moved`), a
veil, `BurnInVeil(drift, screen)`, and the drift started and stopped as it shows and hides.

Touches are noticed by a passive application event filter, installed only while the screen
shows: it records when, and never consumes or changes an event, so the input router's decisions
(kiosk.ui.input_router) do not depend on the order of the two.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.clock import Alarm, Clock, QtClock
from kiosk.theme import BURN_IN_HOLD_S, BURN_IN_STEP_S, BURN_IN_TINT_LEVEL

log = logging.getLogger(__name__)

# What a person does: a finger or mouse button going down, moving or lifting, a key, a wheel.
_PRESSES = frozenset(
    {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick}
)
_LIFTS = frozenset({QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.MouseButtonRelease})
_INPUT = _PRESSES | _LIFTS | {QEvent.Type.TouchUpdate, QEvent.Type.KeyPress, QEvent.Type.Wheel}


def drift_path(side: int) -> list[tuple[int, int]]:
    """A closed walk through every point (x, y) of a `side` x `side` square, each once: every
    step one pixel along one axis (one diagonal step closes the walk on an odd side, where no
    other way exists). It starts in the middle, so content laid out in the middle of its
    square starts where it was laid out."""
    if side <= 1:
        return [(0, 0)]
    last = side - 1
    walk = [(0, y) for y in range(side)]  # down the first column
    # Along the rows from the bottom, in the other columns, turning at each end.
    snake_rows = range(last, 1, -1) if side % 2 else range(last, -1, -1)
    for turn, y in enumerate(snake_rows):
        columns = range(1, side) if turn % 2 == 0 else range(last, 0, -1)
        walk.extend((x, y) for x in columns)
    if side % 2:
        # The top two rows, up and down each column from the right: ends beside the start.
        for turn, x in enumerate(range(last, 0, -1)):
            rows = (1, 0) if turn % 2 == 0 else (0, 1)
            walk.extend((x, y) for y in rows)
    middle = walk.index((side // 2, side // 2))
    return walk[middle:] + walk[:middle]


@dataclass(frozen=True)
class Room:
    """Where the content may be moved from where it is laid out: offsets from `low` to `high`
    along each axis (pixels, each range holding 0)."""

    low: QPoint
    high: QPoint

    def holds(self, offset: QPoint) -> bool:
        return (
            self.low.x() <= offset.x() <= self.high.x()
            and self.low.y() <= offset.y() <= self.high.y()
        )

    def nearest(self, offset: QPoint) -> QPoint:
        """The offset in the room nearest to `offset`."""
        return QPoint(
            min(max(offset.x(), self.low.x()), self.high.x()),
            min(max(offset.y(), self.low.y()), self.high.y()),
        )


def room_for(size: QRect, drawn: Sequence[QRect], targets: Sequence[QRect], corner: int) -> Room:
    """How far everything `drawn` (where it is laid out) may move and stay inside `size`, with
    no touch target of `targets` moving into the `corner` x `corner` square at the top left
    (kept clear along the axis on which it is clear by more, where it is clear both ways)."""
    low_x = low_y = -(10**6)
    high_x = high_y = 10**6
    for rect in drawn:
        low_x = max(low_x, size.left() - rect.left())
        low_y = max(low_y, size.top() - rect.top())
        high_x = min(high_x, size.right() - rect.right())
        high_y = min(high_y, size.bottom() - rect.bottom())
    for rect in targets:
        clear_below = rect.top() - corner  # how far it may rise and stay below the corner
        clear_beside = rect.left() - corner  # how far it may go left and stay beside it
        if clear_below >= clear_beside and clear_below >= 0:
            low_y = max(low_y, -clear_below)
        elif clear_beside >= 0:
            low_x = max(low_x, -clear_beside)
    # Where the layout itself breaks a rule (forced onto too small a screen), it stays put
    # along that axis rather than move further the wrong way.
    return Room(
        QPoint(min(low_x, 0), min(low_y, 0)),
        QPoint(max(high_x, 0), max(high_y, 0)),
    )


def _axis_offset(point: int, span: int, low: int, high: int) -> int:
    """The offset along one axis for the path's `point` (0 to `span`): the span centred on 0
    where the room from `low` to `high` allows, slid along it where one side is short, and
    narrowed (some offsets taken twice) where the room is narrower than the span."""
    width = min(span, high - low)
    start = min(max(-(span // 2), low), high - width)
    return start + point * (width + 1) // (span + 1)


def _step_towards(offset: QPoint, target: QPoint) -> QPoint:
    """One pixel (at the most) along each axis from `offset` towards `target`."""

    def step(here: int, there: int) -> int:
        return here + (there > here) - (there < here)

    return QPoint(step(offset.x(), target.x()), step(offset.y(), target.y()))


class BurnInDrift(QObject):
    """Where the start screen's content is now (`offset`), whether its colours are `tinted`,
    and the one wake-up a step that moves it on while the screen shows (see the module
    docstring)."""

    moved = Signal()  # `offset` changed: the screen puts its content there
    tint_changed = Signal()  # `tinted` changed: a BurnInVeil shows or hides

    def __init__(self, room: Callable[[], Room], span: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._room = room  # asked at each step: the content may have changed since
        self._clock: Clock = QtClock(self)
        self._span = span
        self._path = drift_path(span + 1)
        self._point = 0  # where on the path the content is heading
        self._offset = QPoint(0, 0)
        self._tinted = False
        self._alarm: Alarm | None = None
        self._running = False
        self._finger_down = False
        self._last_input = -float("inf")

    @property
    def offset(self) -> QPoint:
        """How far the content is moved from where it is laid out, in pixels."""
        return QPoint(self._offset)

    @property
    def tinted(self) -> bool:
        """Whether the screen's colours are a level off now (every other step)."""
        return self._tinted

    def set_clock(self, clock: Clock) -> None:
        """Time and wake-ups from `clock` from now on (the window's, so tests move time)."""
        self._clock = clock
        # A time on the old clock means nothing on the new one.
        self._last_input = -float("inf")
        if self._running:
            self._wake_in(BURN_IN_STEP_S)

    def set_span(self, span: int) -> None:
        """The square's side, in pixels (a new panel size): the walk goes on from its middle."""
        if span != self._span:
            self._span = span
            self._path = drift_path(span + 1)
            self._point = 0

    def fit(self) -> None:
        """Keep the content inside the room the screen has now (it was laid out afresh, or
        "Carry on reading" came): moved only if it must be, as little as it must be."""
        nearest = self._room().nearest(self._offset)
        if nearest != self._offset:
            self._offset = nearest
            self.moved.emit()

    def start(self) -> None:
        """The screen shows: a step every BURN_IN_STEP_S from now, and touches noticed."""
        if self._running:
            return
        self._running = True
        application = QCoreApplication.instance()
        if application is not None:
            application.installEventFilter(self)
        self._wake_in(BURN_IN_STEP_S)

    def stop(self) -> None:
        """The screen is hidden: nothing pending, nothing watched (the content stays where it
        is, and goes on from there when the screen shows again)."""
        if not self._running:
            return
        self._running = False
        application = QCoreApplication.instance()
        if application is not None:
            application.removeEventFilter(self)
        self._finger_down = False
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only notes the time: every event goes on as it came (see the module docstring).
        kind = event.type()
        if kind in _INPUT:
            self._last_input = self._clock.now()
            if kind in _PRESSES:
                self._finger_down = True
            elif kind in _LIFTS:
                self._finger_down = False
        return False

    def _held_for(self) -> float:
        """Seconds until the content may move (0: now)."""
        quiet = self._clock.now() - self._last_input
        if self._finger_down and quiet < BURN_IN_STEP_S:
            return BURN_IN_HOLD_S
        return max(0.0, BURN_IN_HOLD_S - quiet)

    def _wake_in(self, seconds: float) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
        self._alarm = self._clock.call_later(seconds, self._step)

    def _step(self) -> None:
        self._alarm = None
        if not self._running:
            return
        held = self._held_for()
        if held > 0:
            self._wake_in(held)
            return
        self._move_on()
        # At every step, moved or not (a screen with no room to drift): the even areas too.
        self._tinted = not self._tinted
        self.tint_changed.emit()
        self._wake_in(BURN_IN_STEP_S)

    def _move_on(self) -> None:
        """A pixel along the path, towards the point the content is heading for; from a point
        it has reached (or, in a narrow room, is at already), towards the next."""
        room = self._room()
        for _ in range(len(self._path)):
            offset = _step_towards(self._offset, self._target(room))
            if offset != self._offset:
                self._offset = offset
                self.moved.emit()
                return
            self._point = (self._point + 1) % len(self._path)
        log.debug("The start screen has no room to drift: it stays where it is")

    def _target(self, room: Room) -> QPoint:
        x, y = self._path[self._point]
        span = self._span
        return QPoint(
            _axis_offset(x, span, room.low.x(), room.high.x()),
            _axis_offset(y, span, room.low.y(), room.high.y()),
        )


class BurnInVeil(QWidget):
    """Over everything `screen` draws while `drift` is tinted: every channel of every pixel
    XOR BURN_IN_TINT_LEVEL, which moves it that many levels of 255. Hidden otherwise. Lets
    every touch and click through to what is under it; always the screen's topmost child,
    whatever the screen adds after it, and the screen's size."""

    def __init__(self, drift: BurnInDrift, screen: QWidget) -> None:
        super().__init__(screen)
        self._drift = drift
        self._screen = screen
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(screen.rect())
        self.setVisible(drift.tinted)
        screen.installEventFilter(self)
        drift.tint_changed.connect(self._follow_tint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._screen:
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(self._screen.rect())
            elif event.type() == QEvent.Type.ChildAdded:
                self.raise_()  # over the new child too
        return False

    @Slot()
    def _follow_tint(self) -> None:
        self.setVisible(self._drift.tinted)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Bitwise, so as cheap as a plain fill, and exact: every value moves by the level.
        painter.setCompositionMode(QPainter.CompositionMode.RasterOp_SourceXorDestination)
        level = BURN_IN_TINT_LEVEL
        painter.fillRect(event.rect(), QColor(level, level, level))
