"""A seeded random stream of everything hands and keys can do, through the real kiosk window.

After every event: no exception, exactly one visible top-level window, still full-screen, a
known screen, and the position shown equals the navigation model's. A staff PIN is set, and
staff visits (right and wrong PINs) and content reloads are mixed in. CI runs 5,000 events;
KIOSK_MONKEY_EVENTS=100000 runs the long version. A failure names the seed and the event
number; KIOSK_MONKEY_SEED=N replays it.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk import navigation, words
from kiosk.app import present
from kiosk.article import Article, parse_article
from kiosk.config import Settings
from kiosk.navigation import Screen
from kiosk.staff import StaffLock, hash_pin
from kiosk.ui.widgets import BigButton
from kiosk.ui.window import KioskWindow

from .helpers import ManualClock, build_window

EVENTS = int(os.environ.get("KIOSK_MONKEY_EVENTS", "5000"))
SEED = int(os.environ.get("KIOSK_MONKEY_SEED", "20261125"))
NO = Qt.KeyboardModifier.NoModifier
KEYS = [
    (Qt.Key.Key_Right, NO),
    (Qt.Key.Key_Left, NO),
    (Qt.Key.Key_PageDown, NO),
    (Qt.Key.Key_PageUp, NO),
    (Qt.Key.Key_Space, NO),
    (Qt.Key.Key_Home, NO),
    (Qt.Key.Key_Escape, NO),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F11, NO),
    (Qt.Key.Key_Meta, NO),
    (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Return, NO),
    (Qt.Key.Key_4, NO),
    (Qt.Key.Key_Backspace, NO),
]


PIN = "4826"
PIN_HASH = hash_pin(PIN)


def _edited(article: Article) -> Article:
    """The article as staff might save it next: another title and one more section."""
    text = article.path.read_text(encoding="utf-8")
    text = text.replace(article.title, "Ketamine and chronic pain: an update", 1)
    text += "\n\n## One more thing\n\nAsk your care team about anything here.\n"
    return parse_article(text.encode(), article.path)


class Monkey:
    def __init__(  # type: ignore[no-untyped-def]
        self,
        window: KioskWindow,
        device,
        rng: random.Random,
        clock: ManualClock,
        settings: Settings,
    ) -> None:
        self.window = window
        self.device = device
        self.rng = rng
        self.clock = clock
        self.settings = settings
        self.articles = [window.session.article, _edited(window.session.article)]
        # The longest single input event, and what it was: in CPU time the GUI thread spent
        # on it (work done, whatever else the machine runs), and in wall-clock time (which also
        # catches a wait on a file or a process, but grows when the cores are busy elsewhere).
        self.longest = (0.0, "")
        self.longest_wall = (0.0, "")

    def timed(self, what: str, send: Callable[[], object]) -> None:
        """Send one input event and remember how long the GUI thread was busy with it."""
        started, started_cpu = time.perf_counter(), time.thread_time()
        send()
        self.longest = max(self.longest, (time.thread_time() - started_cpu, what))
        self.longest_wall = max(self.longest_wall, (time.perf_counter() - started, what))

    def point(self) -> QPoint:
        width, height = self.window.width(), self.window.height()
        if self.rng.random() < 0.2:  # corners and edges get their share
            x = self.rng.choice([0, 5, 60, 115, width // 2, width - 60, width - 1])
            y = self.rng.choice([0, 5, 60, 115, height // 2, height - 60, height - 1])
            return QPoint(x, y)
        return QPoint(self.rng.randrange(width), self.rng.randrange(height))

    def touch(self, points: list[QPoint]) -> None:
        window, device = self.window, self.device
        self.timed(
            "touch down", QTest.touchEvent(window, device).press(0, points[0], window).commit
        )
        for point in points[1:]:
            self.timed("touch move", QTest.touchEvent(window, device).move(0, point, window).commit)
        self.timed(
            "touch up", QTest.touchEvent(window, device).release(0, points[-1], window).commit
        )

    def tap(self) -> str:
        point = self.point()
        self.touch([point])
        return f"tap at {point.x()},{point.y()}"

    def tap_button(self) -> str:
        buttons = [b for b in self.window.findChildren(BigButton) if b.isVisible()]
        if not buttons:
            return self.tap()
        button = self.rng.choice(buttons)
        self.touch([button.mapTo(self.window, button.rect().center())])
        return f"tap on '{button.text()}'"

    def swipe(self) -> str:
        start = self.point()
        dx = self.rng.randint(-900, 900)
        dy = self.rng.randint(-80, 80)
        steps = self.rng.randint(1, 12)
        path = [start + QPoint(dx * n // steps, dy * n // steps) for n in range(steps + 1)]
        self.touch(path)
        return f"swipe from {start.x()},{start.y()} by {dx},{dy} in {steps} steps"

    def fingers(self) -> str:
        window, device = self.window, self.device
        count = self.rng.randint(2, 4)
        points = [self.point() for _ in range(count)]
        sequence = QTest.touchEvent(window, device)
        for number, point in enumerate(points):
            sequence.press(number, point, window)
        self.timed("fingers down", sequence.commit)
        shift = QPoint(self.rng.randint(-400, 400), 0)
        sequence = QTest.touchEvent(window, device)
        for number, point in enumerate(points):
            sequence.move(number, point + shift, window)
        self.timed("fingers move", sequence.commit)
        sequence = QTest.touchEvent(window, device)
        for number, point in enumerate(points):
            sequence.release(number, point + shift, window)
        self.timed("fingers up", sequence.commit)
        return f"{count} fingers"

    def long_press(self) -> str:
        point = self.point()
        window = self.window
        self.timed("press", lambda: QTest.mousePress(window, Qt.MouseButton.LeftButton, NO, point))
        self.timed("hold", lambda: QTest.mouseMove(window, point, 900))
        self.timed(
            "release",
            lambda: QTest.mouseRelease(window, Qt.MouseButton.LeftButton, NO, point, 900),
        )
        return f"long press at {point.x()},{point.y()}"

    def mouse_drag(self) -> str:
        start = self.point()
        end = start + QPoint(self.rng.randint(-700, 700), self.rng.randint(-50, 50))
        window = self.window
        delay = self.rng.choice([5, 16, 60, 200])
        self.timed("press", lambda: QTest.mousePress(window, Qt.MouseButton.LeftButton, NO, start))
        self.timed("drag", lambda: QTest.mouseMove(window, (start + end) / 2, delay))
        self.timed("drag", lambda: QTest.mouseMove(window, end, delay))
        self.timed(
            "release",
            lambda: QTest.mouseRelease(window, Qt.MouseButton.LeftButton, NO, end, delay),
        )
        return "mouse drag"

    def right_click(self) -> str:
        point = self.point()
        self.timed(
            "right click",
            lambda: QTest.mouseClick(self.window, Qt.MouseButton.RightButton, NO, point),
        )
        return "right click"

    def key(self) -> str:
        key, modifiers = self.rng.choice(KEYS)
        self.timed(f"key {key.name}", lambda: QTest.keyClick(self.window, key, modifiers))
        return f"key {key.name}"

    def idle_warning(self) -> str:
        self.timed("idle warning", lambda: self.clock.advance(self.settings.idle_timeout))
        return "idle warning"

    def idle_expiry(self) -> str:
        quiet = self.settings.idle_timeout + self.settings.idle_warning
        self.timed("idle expiry", lambda: self.clock.advance(quiet))
        return "idle expiry"

    def staff_visit(self) -> str:
        """Five taps in the corner, then a PIN: the right one half the time."""
        for _ in range(5):
            self.touch([QPoint(10, 10)])
        pin = PIN if self.rng.random() < 0.5 else f"{self.rng.randrange(10_000):04d}"
        pad = self.window.pin_pad
        if pad.isVisible() and pad.ok_button.isVisible():
            for digit in pin:
                button = pad.digit_buttons[int(digit)]
                self.touch([button.mapTo(self.window, button.rect().center())])
            self.touch([pad.ok_button.mapTo(self.window, pad.ok_button.rect().center())])
        return f"staff corner and PIN {pin}"

    def reload(self) -> str:
        """New content arrives, as the content watcher hands it over."""
        self.articles.reverse()
        article = self.articles[0]
        self.timed("content reload", lambda: self.window.session.set_article(article))
        return f"content reload ({article.title})"

    def actions(self) -> list[tuple[Callable[[], str], int]]:
        return [
            (self.staff_visit, 2),
            (self.reload, 2),
            (self.tap, 20),
            (self.tap_button, 25),
            (self.swipe, 15),
            (self.fingers, 4),
            (self.long_press, 4),
            (self.mouse_drag, 8),
            (self.right_click, 2),
            (self.key, 12),
            (self.idle_warning, 2),
            (self.idle_expiry, 2),
        ]


def check(window: KioskWindow) -> None:
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [window], f"visible top-level windows: {visible}"
    assert window.isFullScreen(), "the kiosk left full-screen"
    counts = window.session.page_counts
    position = window.session.position
    assert navigation.is_valid(position, counts), f"invalid position {position}"
    screen = window.current_screen()
    expected = {
        Screen.START: window.start_screen,
        Screen.READING: window.reading_screen,
        Screen.END: window.end_screen,
    }[position.screen]
    if screen is window.staff_screen:
        assert window.in_staff_mode
        return
    assert screen is expected, f"{screen} shown for {position}"
    if position.screen is Screen.READING:
        shown = window.reading_screen.position_label.text()
        assert shown == words.position_line(position, counts), f"{shown!r} for {position}"


@pytest.mark.parametrize("animations", [True, False], ids=["animated", "still"])
def test_monkey(qapp, qtbot, article, touchscreen, tmp_path, animations):
    settings = Settings(animations=animations, hide_cursor=False, idle_timeout=3600)
    clock = ManualClock()
    window = build_window(
        article,
        settings,
        clock,
        staff_lock=StaffLock(tmp_path / "lock.json"),
        pin_hash=lambda: PIN_HASH,
    )
    with qtbot.waitSignal(window.first_frame_shown):
        present(window, qapp, settings, windowed=False)
    qtbot.waitUntil(window.isFullScreen)
    seed = SEED + (0 if animations else 1)
    rng = random.Random(seed)
    monkey = Monkey(window, touchscreen, rng, clock, settings)
    actions, weights = zip(*monkey.actions(), strict=True)
    events = EVENTS // 2
    try:
        with qtbot.captureExceptions() as exceptions:
            for number in range(events):
                action = rng.choices(actions, weights)[0]
                what = action()
                if number % 25 == 0:
                    monkey.timed("pending events", qapp.processEvents)
                try:
                    assert not exceptions, f"exception: {exceptions[0][1]!r}"
                    check(window)
                except AssertionError as error:
                    pytest.fail(
                        f"monkey seed {seed}, event {number} ({what}): {error}. "
                        f"Replay: KIOSK_MONKEY_SEED={SEED} KIOSK_MONKEY_EVENTS={EVENTS}"
                    )
        # DESIGN.md: nothing blocks the GUI thread for more than 100 ms after the first frame.
        # Its CPU time is held to that; wall-clock time only to 500 ms, since on a loaded
        # 2-core machine (CI, tests in parallel) waiting for a core alone can take 150 ms.
        longest, longest_wall = monkey.longest, monkey.longest_wall
        assert longest[0] < 0.1, (
            f"the GUI thread was busy {longest[0] * 1000:.0f} ms ({longest[1]})"
        )
        assert longest_wall[0] < 0.5, (
            f"the GUI thread was held up {longest_wall[0] * 1000:.0f} ms ({longest_wall[1]})"
        )
    finally:
        window.permit_close()
        window.close()
        window.deleteLater()
