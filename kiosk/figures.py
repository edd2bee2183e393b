"""Anonymous reading figures: daily counts, and nothing finer.

Clinics ask whether anyone reads the screen. The kiosk answers with counts per day, per
article and language: readings started, pages viewed, each section reached (how far readers
get), readings finished, and how often text size, contrast and Read aloud were used. There is
no row per reading, no time of day, no order of events: nothing that could single out a
patient. Rows older than KEEP_DAYS are dropped.

The counts are kept in memory and added to a SQLite file (the standard library's sqlite3, in
WAL mode) at most once a minute, so an SD card is written a few times an hour, not at every
touch. A crash or power cut loses at most the last minute's counts; what was written stays
whole (SQLite's journal). No Qt in here: the caller says when to write and what day it is.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.paths import state_dir

log = logging.getLogger(__name__)

KEEP_DAYS = 400
WRITE_EVERY_S = 60
FILE_NAME = "figures.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily (
    day TEXT NOT NULL,
    article TEXT NOT NULL,
    language TEXT NOT NULL,
    measure TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, article, language, measure)
) WITHOUT ROWID
"""


class Measure(StrEnum):
    """What is counted. SECTION_REACHED is counted per section, as "section 3 reached"."""

    STARTED = "readings started"
    PAGES = "pages viewed"
    FINISHED = "readings finished"
    SECTION_REACHED = "section reached"
    TEXT_SIZE = "text size changed"
    CONTRAST = "high contrast chosen"
    READ_ALOUD = "read aloud used"


def section_measure(number: int) -> str:
    """The measure for reaching section `number` (1 is the first)."""
    return f"{Measure.SECTION_REACHED.value} {number}"


def default_path() -> Path:
    """Beside the kiosk's other state (the crash record, the staff lock)."""
    return state_dir() / FILE_NAME


@dataclass(frozen=True)
class Row:
    day: dt.date
    article: str
    language: str
    measure: str
    count: int


class ReadingFigures:
    """The day's counts in memory, added to the file by `write` (which the kiosk calls once a
    minute, and at the end)."""

    def __init__(self, path: Path, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.path = path
        self._today = today
        self._pending: Counter[tuple[str, str, str, str]] = Counter()

    def count(self, article: str, language: str, measure: Measure | str, amount: int = 1) -> None:
        """Count `amount` of `measure` for `article` in `language`, today."""
        name = measure.value if isinstance(measure, Measure) else measure
        self._pending[(self._today().isoformat(), article, language, name)] += amount

    @property
    def pending(self) -> int:
        return len(self._pending)

    def today(self) -> dict[tuple[str, str, str], int]:
        """Today's counts, written or not: (article, language, measure) -> count."""
        day = self._today()
        totals: Counter[tuple[str, str, str]] = Counter()
        try:
            for row in read_rows(self.path, since=day):
                if row.day == day:
                    totals[(row.article, row.language, row.measure)] += row.count
        except (sqlite3.Error, OSError) as error:
            log.warning("Reading figures could not be read from %s: %s", self.path, error)
        for (written_day, article, language, measure), amount in self._pending.items():
            if written_day == day.isoformat():
                totals[(article, language, measure)] += amount
        return dict(totals)

    def write(self) -> bool:
        """Add the counts kept in memory to the file, in one transaction, and drop rows older
        than KEEP_DAYS. Nothing is written when nothing was counted. False (after a warning in
        the log; the counts are kept for the next try) when the file cannot be written."""
        if not self._pending:
            return True
        try:
            with _open(self.path) as database, database:
                database.executemany(
                    "INSERT INTO daily (day, article, language, measure, count) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, article, language, measure) "
                    "DO UPDATE SET count = count + excluded.count",
                    [(*key, amount) for key, amount in self._pending.items()],
                )
                oldest = self._today() - dt.timedelta(days=KEEP_DAYS)
                database.execute("DELETE FROM daily WHERE day < ?", (oldest.isoformat(),))
        except (sqlite3.Error, OSError) as error:
            log.warning("Reading figures could not be written to %s: %s", self.path, error)
            return False
        self._pending.clear()
        return True


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    database = sqlite3.connect(path, timeout=5)
    try:
        database.execute("PRAGMA journal_mode=WAL")
        # FULL: a transaction that has returned is on the card, power cut or not. It costs a
        # sync or two a minute.
        database.execute("PRAGMA synchronous=FULL")
        database.execute(_SCHEMA)
        yield database
    finally:
        database.close()


def read_rows(path: Path, since: dt.date | None = None) -> list[Row]:
    """Every row in the file from `since` on (all of them if None), by day, article,
    language and measure. An absent file has none."""
    if not path.exists():
        return []
    with _open(path) as database:
        found = database.execute(
            "SELECT day, article, language, measure, count FROM daily WHERE day >= ? "
            "ORDER BY day, article, language, measure",
            ((since or dt.date.min).isoformat(),),
        ).fetchall()
    return [Row(dt.date.fromisoformat(day), *rest) for day, *rest in found]


def as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["day", "article", "language", "measure", "count"])
    for row in rows:
        writer.writerow([row.day.isoformat(), row.article, row.language, row.measure, row.count])
    return out.getvalue()


def as_json(rows: list[Row]) -> str:
    return json.dumps(
        [
            {
                "day": row.day.isoformat(),
                "article": row.article,
                "language": row.language,
                "measure": row.measure,
                "count": row.count,
            }
            for row in rows
        ],
        indent=2,
        ensure_ascii=False,
    )


def as_text(rows: list[Row]) -> str:
    """A table per article and language for staff: each measure's total over the days, and
    how far readers got (the share of readings that reached each section)."""
    if not rows:
        return "No reading figures yet."
    totals: dict[tuple[str, str], Counter[str]] = {}
    for row in rows:
        totals.setdefault((row.article, row.language), Counter())[row.measure] += row.count
    first, last = rows[0].day, rows[-1].day
    lines = [f"Reading figures from {first.isoformat()} to {last.isoformat()}:", ""]
    for (article, language), counts in sorted(totals.items()):
        lines.append(f"{article} ({language})")
        started = counts[Measure.STARTED.value]
        for measure in Measure:
            if measure is Measure.SECTION_REACHED:
                continue
            lines.append(f"  {measure.value}: {counts[measure.value]}")
        sections = sorted(
            (int(name.rsplit(" ", 1)[1]), amount)
            for name, amount in counts.items()
            if name.startswith(Measure.SECTION_REACHED.value + " ")
        )
        for number, amount in sections:
            share = f" ({100 * amount / started:.0f} % of readings)" if started else ""
            lines.append(f"  reached section {number}: {amount}{share}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
