"""Telling a tap from a swipe from a fling, for one finger (or a mouse). No Qt in here.

A touch that never moves further than the tap slop is a tap, however long it is held: shaky
hands wobble. Once it moves further, it is a drag and can never become a tap. On release a drag
turns the page when it went far enough, or when it was a quick flick in the direction it went;
otherwise the page snaps back. A mostly vertical drag is neither tap nor swipe.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum

# Velocity is read from the last stretch of the movement: a finger that stops before lifting
# did not fling.
VELOCITY_WINDOW_MS = 100.0


class Gesture(Enum):
    NONE = "none"  # nothing to do (a vertical drag, a cancelled touch)
    TAP = "tap"
    SWIPE_LEFT = "swipe_left"  # the finger moved towards the left: the next page
    SWIPE_RIGHT = "swipe_right"
    SNAP_BACK = "snap_back"  # a drag that did not go far or fast enough


@dataclass
class SwipeTracker:
    """Follows one pointer from press to release. Distances in px, times in ms, speed px/ms."""

    swipe_distance: float
    tap_slop: float
    fling_speed: float
    _start: tuple[float, float] | None = None
    _dragging: bool = False
    _vertical: bool = False
    _samples: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=32))
    _offset: float = 0.0

    @property
    def active(self) -> bool:
        return self._start is not None

    @property
    def offset(self) -> float:
        """How far the page should follow the finger sideways (0 until it is a drag)."""
        return self._offset if self._dragging else 0.0

    @property
    def start_x(self) -> float:
        return self._start[0] if self._start else 0.0

    def press(self, x: float, y: float, time_ms: float) -> None:
        self._start = (x, y)
        self._dragging = False
        self._vertical = False
        self._offset = 0.0
        self._samples.clear()
        self._samples.append((time_ms, x))

    def move(self, x: float, y: float, time_ms: float) -> float:
        """Track the pointer; returns the offset the page should follow."""
        if self._start is None:
            return 0.0
        dx = x - self._start[0]
        dy = y - self._start[1]
        if not self._dragging and not self._vertical and max(abs(dx), abs(dy)) > self.tap_slop:
            if abs(dx) >= abs(dy):
                self._dragging = True
            else:
                self._vertical = True
        self._offset = dx
        self._samples.append((time_ms, x))
        return self.offset

    def release(self, x: float, y: float, time_ms: float) -> Gesture:
        if self._start is None:
            return Gesture.NONE
        self.move(x, y, time_ms)
        gesture = self._classify(time_ms)
        self._start = None
        self._dragging = False
        self._vertical = False
        return gesture

    def cancel(self) -> None:
        self._start = None
        self._dragging = False
        self._vertical = False
        self._offset = 0.0

    def _classify(self, time_ms: float) -> Gesture:
        if self._vertical:
            return Gesture.NONE
        if not self._dragging:
            return Gesture.TAP
        dx = self._offset
        velocity = self._velocity(time_ms)
        far_enough = abs(dx) >= self.swipe_distance
        # A fling counts only in the direction the finger went, and was still going at the end.
        flung = (
            abs(velocity) >= self.fling_speed
            and (velocity < 0) == (dx < 0)
            and (self._last_direction() < 0) == (dx < 0)
        )
        if far_enough or flung:
            return Gesture.SWIPE_LEFT if dx < 0 else Gesture.SWIPE_RIGHT
        return Gesture.SNAP_BACK

    def _last_direction(self) -> float:
        """Which way the pointer last moved sideways: negative left, positive right, 0 never."""
        samples = list(self._samples)
        for (_, before), (_, after) in zip(
            reversed(samples[:-1]), reversed(samples[1:]), strict=True
        ):
            if after != before:
                return after - before
        return 0.0

    def _velocity(self, now_ms: float) -> float:
        recent = [(t, x) for t, x in self._samples if now_ms - t <= VELOCITY_WINDOW_MS]
        if len(recent) < 2:
            return 0.0
        (first_t, first_x), (last_t, last_x) = recent[0], recent[-1]
        elapsed = max(last_t - first_t, 1.0)
        return (last_x - first_x) / elapsed
