"""The log keeps no trail of a patient's visit: at the default level nothing a patient does
(touches, pages, keys, choices, reading aloud, going idle) is written down."""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.config import Settings

from .helpers import ManualClock, click, touch_tap

SETTINGS = Settings(animations=False, speech_engine="mock", speech_rate=10)


def test_a_whole_visit_leaves_nothing_in_the_log(make_window, touchscreen, caplog, qtbot):
    clock = ManualClock()
    window = make_window(settings=SETTINGS, clock=clock)
    window.set_kiosk_mode(True)  # keys are locked down, as in the clinic
    reading = window.reading_screen
    with caplog.at_level(logging.INFO):
        caplog.clear()
        click(window.start_screen.start_button)
        click(reading.next_button)
        QTest.keyClick(window, Qt.Key.Key_Right)
        QTest.keyClick(window, Qt.Key.Key_Escape)
        QTest.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        click(reading.larger_text_button)
        click(reading.contrast_button)
        with qtbot.waitSignal(window.session.read_aloud.stopped, timeout=20_000):
            click(reading.read_aloud_button)
        touch_tap(window, touchscreen, QPoint(20, 20))  # a stray tap in the staff corner
        clock.advance(SETTINGS.idle_timeout)  # "Still reading?"
        touch_tap(window, touchscreen, QPoint(960, 500))  # yes
        clock.advance(SETTINGS.idle_timeout + SETTINGS.idle_warning)  # gone
        assert window.current_screen() is window.start_screen
    trail = [
        f"{record.name}: {record.getMessage()}"
        for record in caplog.records
        if record.name.startswith("kiosk") and record.levelno >= logging.INFO
    ]
    assert trail == []
