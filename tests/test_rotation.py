"""A panel mounted on its side (the `rotation` setting): the kiosk drawn turned, and touches,
clicks and the staff corner following what the patient sees, not what the panel reports.

Every touch here is put on the panel where the patient sees its target, by `on_panel`, which
works the turn out by hand (it never asks Qt), so a touch mapped the wrong way lands elsewhere.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QTransform
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from kiosk import cli, navigation
from kiosk.app import present
from kiosk.check import run_check
from kiosk.config import ConfigError, LoadedConfig, Settings, load_config_file
from kiosk.navigation import Position
from kiosk.preview import render_previews
from kiosk.staff import StaffLock, hash_pin
from kiosk.ui.rotation import RotatedView
from kiosk.ui.window import KioskWindow

from .conftest import BUNDLED
from .helpers import build_window, horizontal, reading, touch_path

PANEL = QSize(1920, 1080)  # the test screen, as the computer sees it
PIN = "4826"
TURNED = [90, 180, 270]
QUARTER = [90, 270]


def on_panel(rotation: int, point: QPoint, kiosk: QSize) -> QPoint:
    """The panel pixel that shows the kiosk's pixel `point`, the picture turned clockwise."""
    x, y = point.x(), point.y()
    width, height = kiosk.width(), kiosk.height()
    if rotation == 90:  # the kiosk's top edge runs down the panel's right-hand side
        return QPoint(height - 1 - y, x)
    if rotation == 180:
        return QPoint(width - 1 - x, height - 1 - y)
    if rotation == 270:  # the kiosk's top edge runs up the panel's left-hand side
        return QPoint(y, width - 1 - x)
    return QPoint(point)


@pytest.fixture
def turned(qtbot, article):
    """A kiosk turned on the 1920x1080 test panel, windowed, after its first frame."""

    def make(rotation: int, settings: Settings | None = None, **staff: object) -> RotatedView:
        window = build_window(article, settings, **staff)
        view = RotatedView(window, rotation, PANEL)
        qtbot.addWidget(view)
        with qtbot.waitExposed(view), qtbot.waitSignal(window.first_frame_shown):
            view.show()
        return view

    return make


def on_section_two(view: RotatedView) -> KioskWindow:
    window = view.kiosk
    window.session.go_to(reading(1, 0))
    return window


def seen_at(widget: QWidget, window: KioskWindow) -> QPoint:
    """The middle of `widget`, where the patient sees it, in the upright kiosk's pixels."""
    return widget.mapTo(window, widget.rect().center())


def slide_point(window: KioskWindow, fraction_x: float, fraction_y: float = 0.5) -> QPoint:
    slide = window.reading_screen.slide
    local = QPoint(round(slide.width() * fraction_x), round(slide.height() * fraction_y))
    return slide.mapTo(window, local)


def touch(view: RotatedView, device, points: list[QPoint]) -> None:
    """One finger along points the patient sees, put on the panel where they show."""
    size = view.kiosk.size()
    touch_path(view.viewport(), device, [on_panel(view.rotation, p, size) for p in points])


def after(window: KioskWindow, position: Position, intent: navigation.Intent) -> Position:
    return navigation.transition(position, intent, window.session.page_counts)


# The picture


@pytest.mark.parametrize("rotation", TURNED)
def test_the_kiosk_is_laid_out_for_the_turned_panel(turned, rotation):
    view = turned(rotation)
    expected = PANEL.transposed() if rotation in QUARTER else PANEL
    assert view.kiosk.size() == expected
    theme = view.kiosk.session.theme
    assert (theme.width, theme.height) == (expected.width(), expected.height())
    assert theme.portrait == (rotation in QUARTER)


@pytest.mark.parametrize("rotation", TURNED)
def test_the_panel_shows_the_kiosk_turned(turned, rotation):
    view = turned(rotation)
    window = on_section_two(view)
    QApplication.processEvents()
    upright = window.grab().toImage()
    panel = view.grab().toImage()
    assert (panel.width(), panel.height()) == (PANEL.width(), PANEL.height())
    # A person would notice the Next button: the accent colour, where the patient expects it.
    button = window.reading_screen.next_button
    fill = button.mapTo(window, QPoint(button.width() // 2, button.height() // 6))  # no words
    assert QColor(upright.pixel(fill)).name() == window.session.theme.palette.accent
    next_at = on_panel(rotation, fill, window.size())
    assert QColor(panel.pixel(next_at)).name() == window.session.theme.palette.accent
    # And the rest of the picture: every probe shows what the upright kiosk has there (a few
    # glyph edges may be smoothed differently when drawn turned).
    probes = [
        QPoint(x, y) for x in range(5, upright.width(), 37) for y in range(5, upright.height(), 41)
    ]
    same = sum(
        _close(upright.pixel(p), panel.pixel(on_panel(rotation, p, window.size()))) for p in probes
    )
    assert same / len(probes) > 0.98


def _close(first: int, second: int) -> bool:
    a, b = QColor(first), QColor(second)
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


def test_the_title_reads_down_the_right_of_the_panel_at_90(turned):
    # The start screen's title, top left for the patient, is top right on the panel, where
    # its box lies across: the near-black words are there, and not where an unturned
    # picture would have put them.
    view = turned(90)
    panel = view.grab().toImage()
    title = view.kiosk.start_screen.title_label
    box = QRect(title.mapTo(view.kiosk, QPoint(0, 0)), title.size())
    turned_box = QRect(PANEL.width() - box.bottom() - 1, box.left(), box.height(), box.width())
    assert _near_black(panel, turned_box) > 300
    assert _near_black(panel, box) < 10


def _near_black(image: QImage, box: QRect) -> int:
    return sum(
        QColor(image.pixel(x, y)).lightness() < 50
        for x in range(box.left(), box.right() + 1, 3)
        for y in range(box.top(), box.bottom() + 1, 3)
    )


# Touches and clicks


@pytest.mark.parametrize("rotation", TURNED)
def test_a_swipe_the_patient_sees_right_to_left_goes_to_the_next_page(
    turned, touchscreen, rotation
):
    view = turned(rotation)
    window = on_section_two(view)
    touch(view, touchscreen, horizontal(slide_point(window, 0.7), -400))
    assert window.session.position == after(window, reading(1, 0), navigation.NEXT)
    touch(view, touchscreen, horizontal(slide_point(window, 0.3), 400))
    assert window.session.position == reading(1, 0)


@pytest.mark.parametrize("rotation", TURNED)
def test_two_fingers_do_not_turn_the_page(turned, touchscreen, rotation):
    # Only touch events tell two fingers (a palm, a child's hand) from one: a view that let
    # touches turn into mouse presses would turn the page here.
    view = turned(rotation)
    window = on_section_two(view)
    size, viewport = window.size(), view.viewport()
    first, second = slide_point(window, 0.6, 0.4), slide_point(window, 0.6, 0.6)
    fingers = [(first, second)] + [
        (first + QPoint(-80 * step, 0), second + QPoint(-80 * step, 0)) for step in range(1, 6)
    ]
    panel = [(on_panel(rotation, a, size), on_panel(rotation, b, size)) for a, b in fingers]
    QTest.touchEvent(viewport, touchscreen).press(0, panel[0][0], viewport).press(
        1, panel[0][1], viewport
    ).commit()
    for a, b in panel[1:]:
        QTest.touchEvent(viewport, touchscreen).move(0, a, viewport).move(1, b, viewport).commit()
    QTest.touchEvent(viewport, touchscreen).release(0, panel[-1][0], viewport).release(
        1, panel[-1][1], viewport
    ).commit()
    assert window.session.position == reading(1, 0)


@pytest.mark.parametrize("rotation", QUARTER)
def test_a_swipe_along_the_panels_own_width_is_up_or_down_for_the_patient(
    turned, touchscreen, rotation
):
    view = turned(rotation)
    window = on_section_two(view)
    middle = QPoint(PANEL.width() // 2, PANEL.height() // 2)
    for dx in (-400, 400):
        touch_path(view.viewport(), touchscreen, horizontal(middle, dx))
        assert window.session.position == reading(1, 0)


@pytest.mark.parametrize("rotation", TURNED)
def test_taps_on_the_edges_the_patient_sees_turn_pages(turned, touchscreen, rotation):
    view = turned(rotation)
    window = on_section_two(view)
    touch(view, touchscreen, [slide_point(window, 0.95)])
    following = after(window, reading(1, 0), navigation.NEXT)
    assert window.session.position == following
    touch(view, touchscreen, [slide_point(window, 0.05)])
    assert window.session.position == reading(1, 0)


@pytest.mark.parametrize("rotation", TURNED)
def test_touching_or_clicking_where_next_shows_turns_the_page(turned, touchscreen, rotation):
    view = turned(rotation)
    window = on_section_two(view)
    touch(view, touchscreen, [seen_at(window.reading_screen.next_button, window)])
    once = after(window, reading(1, 0), navigation.NEXT)
    assert window.session.position == once
    at = on_panel(rotation, seen_at(window.reading_screen.next_button, window), window.size())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert window.session.position == after(window, once, navigation.NEXT)


@pytest.mark.parametrize("rotation", TURNED)
def test_five_taps_in_the_top_left_the_patient_sees_open_the_pin_pad(
    turned, qtbot, touchscreen, tmp_path, rotation
):
    view = turned(
        rotation,
        staff_lock=StaffLock(tmp_path / "staff-lock.json"),
        pin_hash=lambda: hash_pin(PIN),
    )
    window = on_section_two(view)
    # The panel's own top-left corner is somewhere else for the patient: nothing opens.
    for _ in range(5):
        touch_path(view.viewport(), touchscreen, [QPoint(30, 30)])
    assert not window.pin_pad.isVisible()
    for _ in range(5):
        touch(view, touchscreen, [QPoint(30, 30)])
    assert window.pin_pad.isVisible()
    # The PIN pad turns with the kiosk: its digits are where the patient sees them.
    pad = window.pin_pad
    for digit in PIN:
        touch(view, touchscreen, [seen_at(pad.digit_buttons[int(digit)], window)])
    touch(view, touchscreen, [seen_at(pad.ok_button, window)])
    qtbot.waitUntil(lambda: window.current_screen() is window.staff_screen)  # checked aside


def test_keys_work_as_on_an_upright_kiosk(turned):
    view = turned(90)
    window = on_section_two(view)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert window.session.position == after(window, reading(1, 0), navigation.NEXT)


# The first frame and the window


def test_the_first_frame_is_reported_once_the_turned_picture_is_painted(qtbot, article):
    window = build_window(article)
    view = RotatedView(window, 90, PANEL)
    qtbot.addWidget(view)
    reported: list[int] = []
    painted = _PaintCounter(view.viewport())
    window.first_frame_shown.connect(lambda: reported.append(painted.count))
    for _ in range(5):
        QApplication.processEvents()
    assert reported == [], "the first frame was reported before the view was on the screen"
    with qtbot.waitSignal(window.first_frame_shown):
        view.show()
    assert reported[0] >= 1
    view.viewport().repaint()
    QApplication.processEvents()
    assert len(reported) == 1


class _PaintCounter(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def kiosk_at_90(qapp, qtbot, article):
    """The kiosk presented full-screen at 90, as `kiosk --rotation 90` shows it."""
    window = build_window(article)
    view = present(window, qapp, Settings(rotation=90, hide_cursor=False), windowed=False)
    assert isinstance(view, RotatedView)
    qtbot.waitUntil(view.isFullScreen)
    yield view
    view.permit_close()
    view.close()
    view.deleteLater()


def test_kiosk_mode_turned_is_full_screen_and_locked_down(kiosk_at_90, qapp, qtbot):
    view = kiosk_at_90
    screen = qapp.primaryScreen().geometry()
    qtbot.waitUntil(lambda: view.geometry() == screen)
    assert view.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert view.kiosk.size() == PANEL.transposed()
    # On the screen: the view alone (the kiosk inside it counts as a window for Qt).
    shown = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.graphicsProxyWidget() is None
    ]
    assert shown == [view]
    # A close request is refused, and leaving full screen is undone.
    assert view.close() is False
    assert view.isVisible()
    view.showNormal()
    qtbot.waitUntil(view.isFullScreen)
    # Escape never reaches the kiosk.
    window = view.kiosk
    window.session.go_to(reading(1, 0))
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.isFullScreen()
    assert window.session.position == reading(1, 0)


def test_exit_kiosk_lets_the_turned_window_close(kiosk_at_90):
    view = kiosk_at_90
    view.kiosk.exit_requested.emit()
    assert view.close() is True


def test_the_turned_window_stays_up_when_its_caller_lets_go(qapp, qtbot, article):
    window = build_window(article)
    present(window, qapp, Settings(rotation=90), windowed=True)
    gc.collect()
    QApplication.processEvents()
    views = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, RotatedView) and w.isVisible()
    ]
    assert len(views) == 1
    views[0].close()
    views[0].deleteLater()


def test_rotation_0_shows_the_window_itself_as_before(qapp, qtbot, article):
    window = build_window(article)
    qtbot.addWidget(window)
    shown = present(window, qapp, Settings(), windowed=True)
    assert shown is window
    assert window.isWindow()
    assert window.graphicsProxyWidget() is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QGraphicsView) and w.isVisible()
    ]


# The setting, `kiosk check` and `kiosk preview`


@pytest.mark.parametrize(("value", "expected"), [(90, 90), ("270", 270), (" 180 ", 180), (0, 0)])
def test_rotation_is_a_quarter_turn_in_degrees(value, expected):
    assert Settings().rotation == 0
    assert Settings(rotation=0) == Settings()
    assert load_settings({"rotation": value}).rotation == expected


def load_settings(values):
    from kiosk.config import settings_from_mapping

    return settings_from_mapping(values, source="command line")


@pytest.mark.parametrize("value", [45, "ninety", True, 90.0, -90, 360])
def test_other_rotations_are_refused_with_what_is_allowed(value):
    with pytest.raises(ConfigError) as caught:
        load_settings({"rotation": value})
    assert str(caught.value) == (
        f"command line: rotation = {value!r} cannot be used. Allowed: 0, 90, 180, 270 degrees."
    )


def test_rotation_from_the_command_line_and_the_config_file(tmp_path, capsys):
    args = cli.build_parser().parse_args(["--rotation", "90"])
    assert cli.settings_from_args(args).rotation == 90
    assert cli.main(["--rotation", "45"]) == cli.EXIT_USAGE
    assert "rotation = '45' cannot be used. Allowed: 0, 90, 180, 270" in capsys.readouterr().err
    config = tmp_path / "config.toml"
    config.write_text("rotation = 270\n", encoding="utf-8")
    assert load_config_file(config).settings.rotation == 270
    config.write_text("rotation = 45\n", encoding="utf-8")
    loaded = load_config_file(config)
    assert loaded.settings.rotation == 0
    assert [problem.key for problem in loaded.problems] == ["rotation"]
    assert cli.main(["config", "--defaults"]) == 0
    defaults = capsys.readouterr().out
    assert "rotation = 0" in defaults
    assert "degrees clockwise" in defaults
    assert "degrees clockwise" in cli.build_parser().format_help()


def test_check_measures_pages_for_the_turned_panel(article):
    def pages(**values: object):
        report = run_check(BUNDLED, LoadedConfig(Settings(**values), None))  # type: ignore[arg-type]
        return report.articles[0].screen_size, report.articles[0].pages

    portrait = pages(screen_size="1080x1920")
    assert pages(screen_size="1920x1080", rotation=90) == portrait
    assert pages(screen_size="1920x1080", rotation=270) == portrait
    assert pages(screen_size="1920x1080", rotation=180) == pages(screen_size="1920x1080")
    assert portrait[1] != pages(screen_size="1920x1080")[1], "the test needs a difference"


def test_preview_shows_what_the_turned_panel_shows(article, tmp_path):
    settings = Settings(animations=False, speech_engine="mock")
    upright = render_previews(article, settings, tmp_path / "upright", PANEL.transposed())
    turned = render_previews(
        article, Settings(animations=False, speech_engine="mock", rotation=90), tmp_path, PANEL
    )
    assert [path.name for path in turned] == [path.name for path in upright]
    for upright_file, turned_file in zip(upright, turned, strict=True):
        image = QImage(str(turned_file))
        assert (image.width(), image.height()) == (PANEL.width(), PANEL.height())
        # Turned back, the panel's picture is the upright portrait kiosk.
        back = image.transformed(QTransform().rotate(-90))
        expected = QImage(str(upright_file))
        assert back.size() == expected.size()
        probes = [
            (x, y) for x in range(3, expected.width(), 29) for y in range(3, expected.height(), 31)
        ]
        same = sum(_close(expected.pixel(x, y), back.pixel(x, y)) for x, y in probes)
        assert same / len(probes) > 0.98, turned_file.name
