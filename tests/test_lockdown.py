"""Nothing a patient presses gets them out of the kiosk, or into a menu or a dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTextEdit

from kiosk.app import present
from kiosk.config import Settings
from kiosk.ui.window import KioskWindow

from .helpers import click, reading

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def kiosk(qapp, qtbot, article):
    window = KioskWindow(article, Settings(animations=False))
    present(window, qapp, Settings(hide_cursor=False), windowed=False)
    qtbot.waitUntil(window.isFullScreen)
    click(window.start_screen.section_buttons[1])
    assert window.position == reading(1, 0)
    yield window
    window.permit_close()
    window.close()
    window.deleteLater()


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Escape, NO),
        (Qt.Key.Key_Q, CTRL),
        (Qt.Key.Key_W, CTRL),
        (Qt.Key.Key_N, CTRL),
        (Qt.Key.Key_F11, NO),
        (Qt.Key.Key_Left, ALT),
        (Qt.Key.Key_Right, ALT),
        (Qt.Key.Key_Meta, NO),
        (Qt.Key.Key_Super_L, NO),
        (Qt.Key.Key_F4, ALT),
        (Qt.Key.Key_Menu, NO),
    ],
)
def test_escape_keys_do_nothing(kiosk, qapp, key, modifiers):
    QTest.keyClick(kiosk, key, modifiers)
    qapp.processEvents()
    assert kiosk.isVisible()
    assert kiosk.isFullScreen()
    assert kiosk.position == reading(1, 0), "the key also moved the page"


def test_a_close_request_is_refused(kiosk, qapp):
    assert kiosk.close() is False
    qapp.processEvents()
    assert kiosk.isVisible()


def test_leaving_full_screen_is_undone(kiosk, qtbot):
    kiosk.showNormal()
    qtbot.waitUntil(kiosk.isFullScreen)


def test_right_click_and_long_press_open_no_menu(kiosk, qapp, touchscreen):
    slide = kiosk.reading_screen.slide
    QTest.mouseClick(slide, Qt.MouseButton.RightButton, NO, QPoint(400, 300))
    button = kiosk.reading_screen.next_button
    QTest.mouseClick(button, Qt.MouseButton.RightButton)
    qapp.processEvents()
    assert QApplication.activePopupWidget() is None
    assert QApplication.activeModalWidget() is None
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [kiosk]
    assert kiosk.position == reading(1, 0)


def test_no_text_can_be_selected_or_typed(kiosk):
    assert not kiosk.findChildren(QLineEdit)
    assert not kiosk.findChildren(QTextEdit)
    for label in kiosk.findChildren(QLabel):
        assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_ordinary_keys_still_work_for_staff(kiosk):
    QTest.keyClick(kiosk, Qt.Key.Key_Right)
    assert kiosk.position == reading(1, 1)
