"""Driving the kiosk as a patient would: taps, touches, drags, keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.article import Article
from kiosk.clock import Clock, QtClock
from kiosk.config import Settings
from kiosk.navigation import Position, Screen
from kiosk.session import KioskSession
from kiosk.text_layout import SectionLayout
from kiosk.theme import Theme
from kiosk.ui.page_painter import paint_page
from kiosk.ui.window import KioskWindow


def build_window(
    article: Article | None,
    settings: Settings | None = None,
    clock: Clock | None = None,
    **staff: object,
) -> KioskWindow:
    """A kiosk window over a fresh session, as the controller builds it (not shown yet)."""
    settings = settings or Settings(animations=False, speech_engine="mock")
    clock = clock or QtClock()
    session = KioskSession(article, settings, clock)
    return KioskWindow(session, settings, clock, **staff)  # type: ignore[arg-type]


def reading(section: int, page: int = 0) -> Position:
    return Position(Screen.READING, section, page)


def centre_in(window: KioskWindow, widget: QWidget) -> QPoint:
    """The middle of `widget`, in the window's coordinates."""
    return widget.mapTo(window, widget.rect().center())


def click(widget: QWidget) -> None:
    QTest.mouseClick(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.rect().center()
    )


def touch_path(window: KioskWindow, device: QPointingDevice, points: list[QPoint]) -> None:
    """One finger: down at the first point, through the others, up at the last."""
    QTest.touchEvent(window, device).press(0, points[0], window).commit()
    for point in points[1:]:
        QTest.touchEvent(window, device).move(0, point, window).commit()
    QTest.touchEvent(window, device).release(0, points[-1], window).commit()


def touch_tap(window: KioskWindow, device: QPointingDevice, point: QPoint) -> None:
    touch_path(window, device, [point])


def mouse_drag(widget: QWidget, points: list[QPoint], step_ms: int = 16) -> None:
    """Press, move through the points `step_ms` apart (event time, not waiting), release."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(widget, point, step_ms)
    QTest.mouseRelease(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1], step_ms
    )


def horizontal(start: QPoint, dx: int, steps: int = 8) -> list[QPoint]:
    return [QPoint(start.x() + round(dx * n / steps), start.y()) for n in range(steps + 1)]


@dataclass
class _ManualAlarm:
    when: float
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """A kiosk.clock.Clock that moves only when a test says so: `advance(90)` is 90 seconds
    later at once, with every wake-up due meanwhile run in order."""

    def __init__(self) -> None:
        self._now = 1000.0
        self._alarms: list[_ManualAlarm] = []

    def now(self) -> float:
        return self._now

    def call_later(self, seconds: float, callback: Callable[[], None]) -> _ManualAlarm:
        alarm = _ManualAlarm(self._now + max(seconds, 0.0), callback)
        self._alarms.append(alarm)
        return alarm

    def advance(self, seconds: float) -> None:
        target = self._now + seconds
        while True:
            due = [a for a in self._alarms if not a.cancelled and a.when <= target]
            if not due:
                break
            alarm = min(due, key=lambda a: a.when)
            self._alarms.remove(alarm)
            self._now = max(self._now, alarm.when)
            alarm.callback()
        self._alarms = [a for a in self._alarms if not a.cancelled]
        self._now = target


class WallClock:
    """A stand-in for time.time() (staff lock, crash record), moved by setting `now`."""

    def __init__(self, now: float = 1_760_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def painted_page(layout: SectionLayout, theme: Theme, page: int) -> QImage:
    """A section's page as the reading screen paints it, in the slide's coordinates."""
    image = QImage(theme.slide_size, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.palette.background))
    painter = QPainter(image)
    column = theme.column_rect
    paint_page(painter, layout, page, column.left(), column.top(), theme.palette)
    painter.end()
    return image
