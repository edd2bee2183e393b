"""Nothing a patient presses gets them out of the kiosk, or into a menu or a dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTextEdit

from kiosk.app import present
from kiosk.config import Settings

from .helpers import build_window, click, reading

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class KeySpy(QObject):
    """Records the key presses that reach a widget (after the application's event filters)."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.keys: list[Qt.Key] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            self.keys.append(Qt.Key(event.key()))
        return False


@pytest.fixture
def kiosk(qapp, qtbot, article):
    window = build_window(article)
    present(window, qapp, Settings(hide_cursor=False), windowed=False)
    qtbot.waitUntil(window.isFullScreen)
    click(window.start_screen.section_buttons[1])
    assert window.session.position == reading(1, 0)
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
    # Offscreen these keys would do nothing anyway: what shows that they are locked is that
    # the input router consumes them before any widget (or the window system) sees them.
    seen = KeySpy(kiosk)
    QTest.keyClick(kiosk, key, modifiers)
    qapp.processEvents()
    assert key not in seen.keys, "the key got past the input router"
    assert kiosk.isVisible()
    assert kiosk.isFullScreen()
    assert kiosk.session.position == reading(1, 0), "the key also moved the page"


def test_the_same_keys_reach_the_window_outside_kiosk_mode(kiosk, qapp):
    # The spy above can see keys: with lockdown off, F11 gets through.
    kiosk.set_kiosk_mode(False)
    seen = KeySpy(kiosk)
    QTest.keyClick(kiosk, Qt.Key.Key_F11)
    assert seen.keys == [Qt.Key.Key_F11]
    kiosk.set_kiosk_mode(True)


def test_a_close_request_is_refused(kiosk, qapp):
    assert kiosk.close() is False
    qapp.processEvents()
    assert kiosk.isVisible()


def test_leaving_full_screen_is_undone(kiosk, qtbot):
    kiosk.showNormal()
    qtbot.waitUntil(kiosk.isFullScreen)


def test_right_click_and_long_press_open_no_menu(kiosk, qapp, touchscreen):
    # A widget that would ask for a menu if a context-menu event reached it.
    button = kiosk.reading_screen.next_button
    button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    asked: list[QPoint] = []
    button.customContextMenuRequested.connect(asked.append)
    slide = kiosk.reading_screen.slide
    QTest.mouseClick(slide, Qt.MouseButton.RightButton, NO, QPoint(400, 300))
    QTest.mouseClick(button, Qt.MouseButton.RightButton)
    menu_event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), button.mapToGlobal(QPoint(5, 5)), NO
    )
    QApplication.sendEvent(button, menu_event)
    qapp.processEvents()
    assert asked == [], "a context menu was asked for"
    assert QApplication.activePopupWidget() is None
    assert QApplication.activeModalWidget() is None
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [kiosk]
    assert kiosk.session.position == reading(1, 0)


def test_no_text_can_be_selected_or_typed(kiosk):
    assert not kiosk.findChildren(QLineEdit)
    assert not kiosk.findChildren(QTextEdit)
    for label in kiosk.findChildren(QLabel):
        assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_ordinary_keys_still_work_for_staff(kiosk):
    QTest.keyClick(kiosk, Qt.Key.Key_Right)
    assert kiosk.session.position == reading(1, 1)


def test_being_minimised_puts_it_back_at_once(kiosk, qtbot):
    # Super+D or Alt+Space → Iconify under a window manager.
    kiosk.showMinimized()
    qtbot.waitUntil(lambda: kiosk.isFullScreen() and not kiosk.isMinimized())


def test_after_exit_kiosk_nothing_holds_the_window(kiosk, qtbot, qapp):
    kiosk.permit_close()
    kiosk.showMinimized()
    qtbot.waitUntil(kiosk.isMinimized)
    with qtbot.assertNotEmitted(kiosk.windowHandle().windowStateChanged, wait=400):
        pass
    assert kiosk.isMinimized()
