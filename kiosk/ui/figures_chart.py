"""The staff screen's reading figures: readings started and finished, day by day, over the last
DAYS days, and where readers stop.

`summarise` turns kiosk.figures rows (daily counts) into a `FiguresModel` without any widget,
so the figures are tested on their own. One article gets one chart; several get one chart each
for the TOP_ARTICLES most read and one for all the others added together, so each chart has
the same two series: readings started (a wide grey bar each day) and readings finished (a
narrower dark bar inside it). All charts share one scale, the busiest day's, so they compare
at a glance. "Where readers stop" gives, for each article charted, the share of its readings
started that reached each part ("section reached N" against "readings started"), as words and
a bar each, and between which two parts the most readers stop.

`FiguresChart` draws the model with QPainter (QtCharts comes only with PySide6's Addons, which
the kiosk does not need). It sits in the staff screen's scrolling words, so it says how tall
it is for a width (`heightForWidth`) and draws what `plan` places: words in the staff screen's
sizes on every panel, bars as wide as the panel allows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QDate, QLocale, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import words
from kiosk.figures import Measure, Row
from kiosk.theme import Theme

DAYS = 14
TOP_ARTICLES = 3
# A day's slot across the chart: the started bar takes this share of it, the finished bar
# inside it this share.
STARTED_BAR_SHARE = 0.72
FINISHED_BAR_SHARE = 0.4
# Day labels go under every day where they fit, else under every second, else every seventh
# (always under today).
LABEL_STEPS = (1, 2, 7)
_SECTION_PREFIX = Measure.SECTION_REACHED.value + " "


@dataclass(frozen=True)
class DaySeries:
    """One chart: readings started and finished on each day shown, oldest first."""

    title: str  # the article's title ("" for all the other articles together)
    started: tuple[int, ...]
    finished: tuple[int, ...]
    others: bool = False

    @property
    def total_started(self) -> int:
        return sum(self.started)

    @property
    def total_finished(self) -> int:
        return sum(self.finished)


@dataclass(frozen=True)
class PartShare:
    """How many readings of an article got as far as part `number`."""

    number: int
    reached: int
    percent: int  # of the readings started, 0 to 100


@dataclass(frozen=True)
class ReaderStops:
    """Where the readers of one article stop."""

    title: str
    started: int
    parts: tuple[PartShare, ...]
    # (part, next part) between which the share of readings falls most; None if it never falls.
    biggest_drop: tuple[int, int] | None


@dataclass(frozen=True)
class FiguresModel:
    """What the chart shows: the days, one series per chart, and where readers stop."""

    days: tuple[dt.date, ...]
    series: tuple[DaySeries, ...]
    stops: tuple[ReaderStops, ...]

    @property
    def empty(self) -> bool:
        """Nothing was read on any day shown."""
        return not any(
            series.total_started or series.total_finished for series in self.series
        ) and not any(stops.parts for stops in self.stops)

    @property
    def busiest_day(self) -> int:
        """The most readings started (or finished) by one chart on one day: the charts' scale."""
        counts = [count for s in self.series for count in (*s.started, *s.finished)]
        return max(counts, default=0)


def summarise(
    rows: Iterable[Row], titles: Mapping[str, str], today: dt.date, days: int = DAYS
) -> FiguresModel:
    """The chart's model for the `days` days up to `today`, from daily rows (all languages of
    an article together; rows outside those days are left out). `titles` names articles by
    key; an article no longer shown keeps its key as its name."""
    first = today - dt.timedelta(days=days - 1)
    shown_days = tuple(first + dt.timedelta(days=offset) for offset in range(days))
    index = {day: offset for offset, day in enumerate(shown_days)}
    started: dict[str, list[int]] = {}
    finished: dict[str, list[int]] = {}
    reached: dict[str, Counter[int]] = {}

    def per_day(table: dict[str, list[int]], article: str) -> list[int]:
        return table.setdefault(article, [0] * days)

    for row in rows:
        offset = index.get(row.day)
        if offset is None:
            continue
        if row.measure == Measure.STARTED.value:
            per_day(started, row.article)[offset] += row.count
        elif row.measure == Measure.FINISHED.value:
            per_day(finished, row.article)[offset] += row.count
        elif row.measure.startswith(_SECTION_PREFIX):
            number = row.measure.removeprefix(_SECTION_PREFIX)
            if number.isdigit() and int(number) > 0:
                reached.setdefault(row.article, Counter())[int(number)] += row.count
            else:
                continue
        else:
            continue
        # Every article counted in these days has both series, if only of zeros.
        per_day(started, row.article)
        per_day(finished, row.article)

    def title(article: str) -> str:
        return titles.get(article) or article

    ranked = sorted(
        started, key=lambda a: (-sum(started[a]), -sum(finished[a]), title(a).casefold(), a)
    )
    # One chart for "all the others" only where it stands for two articles or more.
    shown = ranked if len(ranked) <= TOP_ARTICLES + 1 else ranked[:TOP_ARTICLES]
    rest = ranked[len(shown) :]
    series = [DaySeries(title(a), tuple(started[a]), tuple(finished[a])) for a in shown]
    if rest:
        series.append(
            DaySeries(
                "",
                tuple(sum(started[a][day] for a in rest) for day in range(days)),
                tuple(sum(finished[a][day] for a in rest) for day in range(days)),
                others=True,
            )
        )
    stops = [
        _stops(title(a), sum(started[a]), reached[a])
        for a in shown
        if sum(started[a]) and reached.get(a)
    ]
    return FiguresModel(shown_days, tuple(series), tuple(stops))


def _stops(title: str, started: int, reached: Counter[int]) -> ReaderStops:
    parts = tuple(
        PartShare(number, reached[number], min(100, round(100 * reached[number] / started)))
        for number in range(1, max(reached) + 1)
    )
    drops = [
        (parts[i].reached - parts[i + 1].reached, parts[i].number, parts[i + 1].number)
        for i in range(len(parts) - 1)
    ]
    fall, before, after = max(drops, key=lambda drop: drop[0], default=(0, 0, 0))
    return ReaderStops(title, started, parts, (before, after) if fall > 0 else None)


# Drawing


@dataclass(frozen=True)
class TextPart:
    rect: QRect
    font: QFont
    flags: int
    text: str
    colour: str


@dataclass(frozen=True)
class BoxPart:
    rect: QRectF
    colour: str
    role: str  # "started", "finished", "base line", "swatch", "share track", "share"


@dataclass
class ChartPlan:
    """Everything the chart draws at one width, and how tall that is."""

    texts: list[TextPart] = field(default_factory=list)
    boxes: list[BoxPart] = field(default_factory=list)
    height: int = 0

    def boxes_of(self, role: str) -> list[BoxPart]:
        return [box for box in self.boxes if box.role == role]

    @property
    def words(self) -> list[str]:
        return [part.text for part in self.texts]


class FiguresChart(QWidget):
    """The reading figures, drawn: see the module's docstring. Shows nothing without a
    model."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._model: FiguresModel | None = None
        self._plan: tuple[int, ChartPlan] | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @property
    def model(self) -> FiguresModel | None:
        return self._model

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._changed()

    def set_model(self, model: FiguresModel | None) -> None:
        self._model = model
        self._changed()

    def _changed(self) -> None:
        self._plan = None
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.plan(width).height

    def sizeHint(self) -> QSize:
        width = max(self.width(), 1)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        plan = self.plan(self.width())
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        for box in plan.boxes:
            painter.fillRect(box.rect, QColor(box.colour))
        for part in plan.texts:
            painter.setFont(part.font)
            painter.setPen(QColor(part.colour))
            painter.drawText(part.rect, part.flags, part.text)

    # Placing

    def plan(self, width: int) -> ChartPlan:
        """What goes where in a chart `width` wide."""
        if self._plan is None or self._plan[0] != width:
            self._plan = (width, _Planner(self._theme, max(width, 1)).plan(self._model))
        return self._plan[1]


class _Planner:
    """Places the chart's words and boxes from the top down, `width` wide."""

    def __init__(self, theme: Theme, width: int) -> None:
        self.theme = theme
        self.width = width
        self.palette = theme.palette
        self.heading_font = theme.font(theme.staff_words_px, bold=True)
        self.title_font = theme.font(theme.small_px, bold=True)
        self.font = theme.font(theme.small_px)
        self.locale = words.interface_locale()
        self.out = ChartPlan()
        self.top = 0

    def plan(self, model: FiguresModel | None) -> ChartPlan:
        if model is None:
            return self.out
        theme = self.theme
        self.words(words.figures_heading(len(model.days)), self.heading_font)
        self.top += theme.chart_gap
        if model.empty:
            self.words(words.no_figures(), self.font)
            return self.finish()
        self.words(
            words.figures_days(self.date(model.days[0]), self.date(model.days[-1])), self.font
        )
        self.top += theme.chart_gap
        self.legend()
        for series in model.series:
            self.top += theme.chart_block_gap
            self.chart(series, model)
        if model.stops:
            self.top += theme.chart_block_gap
            self.words(words.stops_heading(), self.heading_font)
            self.top += theme.chart_gap
            self.words(words.stops_intro(), self.font)
            for stops in model.stops:
                self.top += theme.chart_block_gap
                self.stops(stops)
        return self.finish()

    def finish(self) -> ChartPlan:
        self.out.height = self.top
        return self.out

    def date(self, day: dt.date) -> str:
        return self.locale.toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
        )

    def words(self, text: str, font: QFont, *, colour: str | None = None) -> None:
        """`text` across the whole width, wrapped, below what is placed already."""
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        flags |= int(Qt.TextFlag.TextWordWrap)
        bounds = QRect(0, self.top, self.width, 100_000)
        used = QFontMetrics(font).boundingRect(bounds, flags, text)
        rect = QRect(0, self.top, self.width, used.height())
        self.out.texts.append(TextPart(rect, font, flags, text, colour or self.palette.text))
        self.top += used.height()

    def legend(self) -> None:
        """A colour sample beside each series' name: in a row where both fit, else one above
        the other."""
        theme = self.theme
        metrics = QFontMetrics(self.font)
        swatch = theme.chart_swatch
        entries = [
            (words.figures_started(), self.palette.track),
            (words.figures_finished(), self.palette.accent),
        ]
        widths = [swatch + theme.chart_gap + metrics.horizontalAdvance(text) for text, _ in entries]
        row = sum(widths) + theme.gap <= self.width
        line = max(metrics.height(), swatch)
        left = 0
        for (text, colour), entry_width in zip(entries, widths, strict=True):
            box = QRectF(left, self.top + (line - swatch) / 2, swatch, swatch)
            self.out.boxes.append(BoxPart(box, colour, "swatch"))
            text_left = left + swatch + theme.chart_gap
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            rect = QRect(text_left, self.top, max(1, self.width - text_left), line)
            self.out.texts.append(TextPart(rect, self.font, flags, text, self.palette.text))
            if row:
                left += entry_width + theme.gap
            else:
                self.top += line + theme.chart_gap
        if row:
            self.top += line

    def chart(self, series: DaySeries, model: FiguresModel) -> None:
        """Title, totals, the bars of each day on the shared scale, and the days under them."""
        theme = self.theme
        palette = self.palette
        self.words(series.title or words.figures_other_articles(), self.title_font)
        self.words(words.figures_totals(series.total_started, series.total_finished), self.font)
        self.top += theme.chart_gap
        metrics = QFontMetrics(self.font)
        days = len(model.days)
        slot = self.width / days
        scale = max(model.busiest_day, 1)
        counts = [self.locale.toString(count) for count in series.started]
        # Each day's count above its bar where every count fits its slot; else the busiest
        # day's alone, so the scale is known.
        fits = max(metrics.horizontalAdvance(text) for text in counts) <= slot * 0.95
        busiest = max(range(days), key=lambda day: series.started[day])
        number_height = metrics.height()
        base = self.top + number_height + theme.chart_bars_height
        for day in range(days):
            middle = slot * (day + 0.5)
            for share, count, colour, role in (
                (STARTED_BAR_SHARE, series.started[day], palette.track, "started"),
                (FINISHED_BAR_SHARE, series.finished[day], palette.accent, "finished"),
            ):
                if not count:
                    continue
                height = max(theme.chart_line_width, theme.chart_bars_height * count / scale)
                bar_width = max(1.0, slot * share)
                bar = QRectF(middle - bar_width / 2, base - height, bar_width, height)
                self.out.boxes.append(BoxPart(bar, colour, role))
            count = series.started[day]
            if count and (fits or day == busiest):
                height = max(theme.chart_line_width, theme.chart_bars_height * count / scale)
                top = round(base - height) - number_height
                text_width = metrics.horizontalAdvance(counts[day])
                left = round(middle - text_width / 2)
                left = min(max(0, left), self.width - text_width)
                place = QRect(left, top, text_width, number_height)
                flags = int(Qt.AlignmentFlag.AlignCenter)
                self.out.texts.append(TextPart(place, self.font, flags, counts[day], palette.text))
        line = theme.chart_line_width
        self.out.boxes.append(
            BoxPart(QRectF(0, base, self.width, line), palette.muted_text, "base line")
        )
        self.top = base + line + theme.chart_gap // 2
        self.day_labels(model.days, slot, metrics)

    def day_labels(self, days: tuple[dt.date, ...], slot: float, metrics: QFontMetrics) -> None:
        """Each day's date in the month under its bars, or under every second or seventh
        day where they do not all fit (counted back from today, which always has one)."""
        labels = [self.locale.toString(day.day) for day in days]
        widest = max(metrics.horizontalAdvance(label) for label in labels)
        step = next((step for step in LABEL_STEPS if widest <= slot * step * 0.9), LABEL_STEPS[-1])
        flags = int(Qt.AlignmentFlag.AlignCenter)
        for day, label in enumerate(labels):
            if (len(labels) - 1 - day) % step:
                continue
            text_width = metrics.horizontalAdvance(label)
            left = round(slot * (day + 0.5) - text_width / 2)
            left = min(max(0, left), self.width - text_width)
            rect = QRect(left, self.top, text_width, metrics.height())
            self.out.texts.append(TextPart(rect, self.font, flags, label, self.palette.text))
        self.top += metrics.height()

    def stops(self, stops: ReaderStops) -> None:
        """An article's title, a row for each part (its name, a bar for its share, the share
        in words) and, in words, where most readers stop."""
        theme = self.theme
        palette = self.palette
        self.words(stops.title, self.title_font)
        self.top += theme.chart_gap
        metrics = QFontMetrics(self.font)
        names = [words.stops_part(part.number) for part in stops.parts]
        shares = [words.percent(part.percent) for part in stops.parts]
        name_width = max(metrics.horizontalAdvance(name) for name in names)
        share_width = metrics.horizontalAdvance(words.percent(100))
        gap = theme.chart_gap
        bar_left = name_width + gap
        bar_width = max(1, self.width - bar_left - gap - share_width)
        line = max(metrics.height(), theme.chart_share_bar_height)
        left_flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right_flags = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for part, name, share in zip(stops.parts, names, shares, strict=True):
            self.out.texts.append(
                TextPart(
                    QRect(0, self.top, name_width, line), self.font, left_flags, name, palette.text
                )
            )
            bar_top = self.top + (line - theme.chart_share_bar_height) / 2
            track = QRectF(bar_left, bar_top, bar_width, theme.chart_share_bar_height)
            self.out.boxes.append(BoxPart(track, palette.track, "share track"))
            if part.percent:
                filled = QRectF(track)
                filled.setWidth(bar_width * part.percent / 100)
                self.out.boxes.append(BoxPart(filled, palette.accent, "share"))
            share_rect = QRect(self.width - share_width, self.top, share_width, line)
            self.out.texts.append(TextPart(share_rect, self.font, right_flags, share, palette.text))
            self.top += line + gap // 2
        if stops.biggest_drop is not None:
            self.top += gap // 2
            self.words(words.stops_biggest_drop(*stops.biggest_drop), self.font)
