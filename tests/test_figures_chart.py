"""The staff screen's reading figures: readings started and finished day by day over the last
14 days (one chart per article read most, one for all the others), and where readers stop.

The figures are checked in the model the chart draws from (`summarise`); the chart itself is
drawn on a 7" panel and on a 55" 4K one and probed where its bars are.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from kiosk.config import Settings
from kiosk.figures import Measure, Row, section_measure
from kiosk.theme import Theme
from kiosk.ui.figures_chart import DAYS, FiguresChart, summarise

from .helpers import ManualClock, build_window, touch_tap

TODAY = dt.date(2026, 3, 16)
STARTED = Measure.STARTED.value
FINISHED = Measure.FINISHED.value
TITLES = {
    "ketamine": "Ketamine for chronic pain",
    "sleep": "Sleeping well after surgery",
    "falls": "Preventing falls at home",
    "flu": "The flu jab",
    "hips": "Your new hip",
}


def day(back: int) -> dt.date:
    """`back` days before TODAY."""
    return TODAY - dt.timedelta(days=back)


def one_article() -> list[Row]:
    """Ketamine, read in English and Spanish: 10 started on Monday 2 March (14 days ago, not
    shown), 6 + 2 started and 3 finished today, 4 started and 4 finished 13 days ago; of the
    12 readings shown, 12 reached part 1, 9 part 2, 3 part 3."""
    return [
        Row(day(14), "ketamine", "en", STARTED, 10),
        Row(day(14), "ketamine", "en", FINISHED, 9),
        Row(day(13), "ketamine", "en", STARTED, 4),
        Row(day(13), "ketamine", "en", FINISHED, 4),
        Row(day(13), "ketamine", "en", section_measure(1), 4),
        Row(day(13), "ketamine", "en", section_measure(2), 4),
        Row(day(13), "ketamine", "en", section_measure(3), 3),
        Row(day(0), "ketamine", "en", STARTED, 6),
        Row(day(0), "ketamine", "es", STARTED, 2),
        Row(day(0), "ketamine", "en", FINISHED, 3),
        Row(day(0), "ketamine", "en", section_measure(1), 6),
        Row(day(0), "ketamine", "es", section_measure(1), 2),
        Row(day(0), "ketamine", "en", section_measure(2), 5),
        Row(day(0), "ketamine", "en", Measure.PAGES.value, 40),
        Row(day(0), "ketamine", "en", Measure.TEXT_SIZE.value, 2),
    ]


def several_articles() -> list[Row]:
    """Five articles started 1 to 5 times a day on the last three days: ketamine the most
    (5 a day), then sleep, falls, flu, hips (1 a day); each finished once a day."""
    rows = []
    for back in (0, 1, 2):
        for times, article in enumerate(("hips", "flu", "falls", "sleep", "ketamine"), 1):
            rows.append(Row(day(back), article, "en", STARTED, times))
            rows.append(Row(day(back), article, "en", FINISHED, 1))
    return rows


# The figures


def test_one_article_two_series_over_the_last_14_days():
    model = summarise(one_article(), TITLES, TODAY)
    assert model.days == tuple(day(back) for back in range(DAYS - 1, -1, -1))
    assert len(model.series) == 1
    series = model.series[0]
    assert series.title == "Ketamine for chronic pain"
    assert not series.others
    # Every language counts; the day before the 14 does not.
    assert series.total_started == 12
    assert series.total_finished == 7
    assert series.started[0] == 4
    assert series.started[-1] == 8
    assert series.finished[-1] == 3
    assert sum(series.started[1:-1]) == 0
    assert model.busiest_day == 8


def test_where_readers_stop_is_the_share_of_readings_that_reached_each_part():
    model = summarise(one_article(), TITLES, TODAY)
    (stops,) = model.stops
    assert stops.title == "Ketamine for chronic pain"
    assert stops.started == 12
    assert [(part.number, part.reached, part.percent) for part in stops.parts] == [
        (1, 12, 100),
        (2, 9, 75),
        (3, 3, 25),
    ]
    # From 9 to 3 is the largest fall.
    assert stops.biggest_drop == (2, 3)


def test_several_articles_give_the_most_read_and_all_the_others_together():
    model = summarise(several_articles(), TITLES, TODAY)
    titles = [series.title for series in model.series]
    assert titles == [
        "Ketamine for chronic pain",
        "Sleeping well after surgery",
        "Preventing falls at home",
        "",
    ]
    others = model.series[-1]
    assert others.others
    assert others.started[-3:] == (3, 3, 3)  # flu twice and hips once a day
    assert others.total_finished == 6
    assert model.series[0].total_started == 15
    assert model.busiest_day == 5
    # Where readers stop: only for the articles charted, and not without parts counted.
    assert model.stops == ()


def test_four_articles_are_each_charted_rather_than_one_called_all_the_others():
    rows = [row for row in several_articles() if row.article != "hips"]
    model = summarise(rows, TITLES, TODAY)
    assert [series.others for series in model.series] == [False] * 4
    assert model.series[-1].title == "The flu jab"


def test_an_article_no_longer_shown_keeps_its_name_and_odd_measures_are_left_out():
    rows = [
        Row(day(1), "old-leaflet", "en", STARTED, 2),
        Row(day(1), "old-leaflet", "en", "section reached x", 5),
        Row(day(1), "old-leaflet", "en", "section reached 0", 5),
    ]
    model = summarise(rows, {}, TODAY)
    assert [series.title for series in model.series] == ["old-leaflet"]
    assert model.stops == ()


def test_with_no_figures_the_chart_says_so(qapp):
    model = summarise([], TITLES, TODAY)
    assert model.empty
    chart = FiguresChart(Theme(1920, 1080))
    chart.set_model(model)
    plan = chart.plan(1600)
    assert "No readings counted yet." in plan.words
    assert plan.boxes == []


# The chart on the staff screen


def open_staff_screen(window, clock, touchscreen) -> None:
    for _ in range(5):
        touch_tap(window, touchscreen, QPoint(10, 10))
    hold = window.pin_pad.hold_button
    centre = hold.rect().center()
    QTest.mousePress(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    clock.advance(3)
    QTest.mouseRelease(hold, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert window.current_screen() is window.staff_screen


@pytest.fixture
def staff_screen(qtbot, article, touchscreen):
    def make(size: QSize, diagonal: float):
        clock = ManualClock()
        settings = Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal)
        window = build_window(article, settings, clock, pin_hash=lambda: "")
        qtbot.addWidget(window)
        window.resize(size)
        with qtbot.waitExposed(window):
            window.show()
        qtbot.waitUntil(lambda: window.size() == size)
        open_staff_screen(window, clock, touchscreen)
        screen = window.staff_screen
        screen.today = lambda: TODAY
        return window, screen

    return make


@pytest.mark.parametrize(
    ("size", "diagonal"),
    [(QSize(800, 480), 7.0), (QSize(3840, 2160), 55.0)],
    ids=["7in-800x480", "55in-3840x2160"],
)
def test_the_chart_draws_the_totals_and_shares_at_7_inches_and_at_4k(
    staff_screen, qtbot, size, diagonal
):
    window, screen = staff_screen(size, diagonal)
    screen.set_figures(one_article(), TITLES)
    chart = screen.figures_chart
    # Laid out in the scrolling words as tall as it says it is.
    qtbot.waitUntil(lambda: chart.height() == chart.heightForWidth(chart.width()) > 0)
    plan = chart.plan(chart.width())
    assert "Readings in the last 14 days" in plan.words
    assert "Started: 12. Finished: 7." in plan.words
    assert "Where readers stop" in plan.words
    for words in ("Part 1", "100%", "Part 2", "75%", "Part 3", "25%"):
        assert words in plan.words
    assert "More readers stop between part 2 and part 3 than anywhere else." in plan.words
    for part in plan.texts:
        assert QRect(0, 0, chart.width(), chart.height()).contains(part.rect), part.text
    theme = window.session.theme
    palette = theme.palette
    # Today's started bar is the busiest day's: the bars' full height; 13 days ago half of it.
    started = sorted(plan.boxes_of("started"), key=lambda box: box.rect.left())
    assert len(started) == 2
    assert started[1].rect.height() == pytest.approx(theme.chart_bars_height)
    assert started[0].rect.height() == pytest.approx(theme.chart_bars_height / 2)
    finished = sorted(plan.boxes_of("finished"), key=lambda box: box.rect.left())
    assert finished[1].rect.height() == pytest.approx(theme.chart_bars_height * 3 / 8)
    # Each share's bar is its share of the track.
    tracks = plan.boxes_of("share track")
    shares = plan.boxes_of("share")
    assert [
        round(100 * s.rect.width() / t.rect.width()) for s, t in zip(shares, tracks, strict=True)
    ] == [
        100,
        75,
        25,
    ]
    # Drawn: today's bars in their colours, where the plan put them.
    image = chart.grab().toImage()
    for box, colour in ((started[1], palette.track), (finished[1], palette.accent)):
        middle = box.rect.toAlignedRect().center()
        assert QColor(image.pixel(middle)).name() == colour
    # And the words fit across: the chart is no wider than the staff screen's words.
    assert chart.width() <= screen.details.viewport().width()


def test_the_staff_screen_shows_no_chart_until_it_has_figures(staff_screen):
    _, screen = staff_screen(QSize(1920, 1080), 21.5)
    assert not screen.figures_chart.isVisible()
    screen.set_figures([], TITLES)
    assert screen.figures_chart.isVisible()
    assert "No readings counted yet." in screen.figures_chart.plan(1000).words
