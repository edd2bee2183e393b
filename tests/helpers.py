"""Driving the kiosk as a patient would: taps, touches, drags, keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.navigation import Position, Screen
from kiosk.ui.window import KioskWindow


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
