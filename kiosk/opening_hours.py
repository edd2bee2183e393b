"""Opening hours: when the clinic is open, in the clinic's own wall-clock time.

Staff write them as one line, the way a door sign reads:

    Mon-Fri 08:00-12:30, 13:30-18:00; Sat 09:00-12:00

Days not named are closed; an empty setting means always open. A range may end at 24:00, or
run past midnight ("Fri 18:00-02:00" is open until 02:00 on Saturday). "Mon-Fri" may also be
written "Monday-Friday"; days go in the week's order, and a range of days may wrap round
("Sat-Mon").

Times are wall-clock times in the kiosk's time zone, so a clinic that opens at 08:00 opens at
08:00 on the Monday after the clocks change, not at 07:00 or 09:00: each opening and closing
is worked out on its own day's calendar, never by adding hours to the last one. No Qt in here;
the clock is given by the caller, so tests drive it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_KEYS = (
    {name[:2].lower(): index for index, name in enumerate(DAY_NAMES)}
    | {name[:3].lower(): index for index, name in enumerate(DAY_NAMES)}
    | {name.lower(): index for index, name in enumerate(DAY_NAMES)}
)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
MINUTES_A_DAY = 24 * 60
EXAMPLE = "Mon-Fri 08:00-18:00; Sat 09:00-12:00"
# How far ahead the next opening or closing is looked for: a week and a day covers any
# schedule that opens at all.
_DAYS_AHEAD = 8


class OpeningHoursError(ValueError):
    """What is wrong with written opening hours, in staff's words."""


@dataclass(frozen=True)
class Opening:
    """One time the clinic opens: on `weekday` (0 is Monday) from `start` to `end`, in minutes
    after that day's midnight (`end` may pass 24:00, into the next day)."""

    weekday: int
    start: int
    end: int


@dataclass(frozen=True)
class OpeningHours:
    """The week's openings; none at all, with `always_open`, is a kiosk that never closes."""

    openings: tuple[Opening, ...] = ()
    always_open: bool = True

    def is_open(self, when: dt.datetime) -> bool:
        """Whether the clinic is open at the instant `when` (an aware datetime)."""
        if self.always_open:
            return True
        wall = when.astimezone(local_zone() if when.tzinfo is None else when.tzinfo)
        return any(start <= wall < end for start, end in self._intervals(wall.date(), wall.tzinfo))

    def next_change(self, when: dt.datetime) -> dt.datetime | None:
        """The first instant after `when` at which the clinic opens or closes (None: always
        open, or never open)."""
        if self.always_open or not self.openings:
            return None
        zone = when.tzinfo
        wall = when.astimezone(zone)
        now_open = self.is_open(wall)
        candidates = sorted(
            {
                moment
                for start, end in self._intervals(wall.date(), zone, days=_DAYS_AHEAD)
                for moment in (start, end)
                if moment > wall
            }
        )
        for moment in candidates:
            if self.is_open(moment) != now_open:
                return moment
        return None

    def next_opening(self, when: dt.datetime) -> dt.datetime | None:
        """When the clinic next opens after `when` (None: never, or it never closes)."""
        change = self.next_change(when)
        if change is None:
            return None
        if self.is_open(when):
            # Open now: the change is a closing; the opening after it.
            return self.next_change(change)
        return change

    def _intervals(
        self, day: dt.date, zone: dt.tzinfo | None, days: int = 1
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        """The openings from the day before `day` to `days` days after it, as instants: each
        on its own day's calendar, so a change of the clocks moves none of them."""
        intervals = []
        for offset in range(-1, days + 1):
            date = day + dt.timedelta(days=offset)
            for opening in self.openings:
                if opening.weekday == date.weekday():
                    intervals.append(
                        (_instant(date, opening.start, zone), _instant(date, opening.end, zone))
                    )
        return intervals

    def describe(self) -> str:
        """The schedule in staff's words, a day at a time."""
        if self.always_open:
            return "always open (opening_hours is empty)"
        parts = []
        for weekday, name in enumerate(DAY_NAMES):
            ranges = [
                f"{_clock(opening.start)}-{_clock(opening.end)}"
                for opening in self.openings
                if opening.weekday == weekday
            ]
            parts.append(f"{name} {', '.join(ranges) if ranges else 'closed'}")
        return "; ".join(parts)


def _instant(date: dt.date, minutes: int, zone: dt.tzinfo | None) -> dt.datetime:
    midnight = dt.datetime.combine(date, dt.time(), tzinfo=zone)
    days, minute = divmod(minutes, MINUTES_A_DAY)
    wall = midnight.replace(tzinfo=None) + dt.timedelta(days=days, minutes=minute)
    # A wall time the clocks skip (02:30 on the night they go forward) is read with the
    # offset before the change, which places it just after the gap.
    return wall.replace(tzinfo=zone)


def _clock(minutes: int) -> str:
    hours, minute = divmod(minutes, 60)
    if hours >= 24 and minutes != MINUTES_A_DAY:
        return f"{hours - 24:02}:{minute:02} (next day)"
    return f"{hours:02}:{minute:02}"


def parse_opening_hours(text: str) -> OpeningHours:
    """Read opening hours as staff write them (see the module's docstring). Raises
    OpeningHoursError saying what is wrong and showing the form."""
    text = text.strip()
    if not text:
        return OpeningHours()
    openings: list[Opening] = []
    for rule in (part.strip() for part in text.split(";")):
        if not rule:
            continue
        days_text, _, times_text = rule.partition(" ")
        days = _days(days_text, rule)
        ranges = [part.strip() for part in times_text.split(",") if part.strip()]
        if not ranges:
            raise OpeningHoursError(f"'{rule}' gives days but no times, like {EXAMPLE!r}.")
        if [part.lower() for part in ranges] == ["closed"]:
            continue
        for written in ranges:
            start, end = _range(written, rule)
            openings.extend(Opening(day, start, end) for day in days)
    _refuse_overlaps(openings)
    return OpeningHours(tuple(openings), always_open=False)


def _days(text: str, rule: str) -> list[int]:
    first, dash, last = text.partition("-")
    try:
        start = _DAY_KEYS[first.lower().rstrip(",")]
        end = _DAY_KEYS[last.lower()] if dash else start
    except KeyError:
        raise OpeningHoursError(
            f"'{rule}' does not start with a day or days, like 'Mon', 'Mon-Fri' or "
            f"'Saturday'. The whole line looks like {EXAMPLE!r}."
        ) from None
    return [(start + step) % 7 for step in range((end - start) % 7 + 1)]


def _range(written: str, rule: str) -> tuple[int, int]:
    start_text, dash, end_text = written.replace("\u2013", "-").partition("-")
    start, end = _minutes(start_text.strip(), rule), _minutes(end_text.strip(), rule)
    if not dash or start is None or end is None:
        raise OpeningHoursError(
            f"'{written}' in '{rule}' is not a time range like '08:00-18:00' (24-hour clock)."
        )
    if end <= start:
        end += MINUTES_A_DAY  # past midnight, into the next day
    return start, end


def _minutes(text: str, rule: str) -> int | None:
    found = _TIME.match(text)
    if not found:
        return None
    hours, minutes = int(found[1]), int(found[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise OpeningHoursError(f"'{text}' in '{rule}' is not a time of day (00:00 to 24:00).")
    return hours * 60 + minutes


def _refuse_overlaps(openings: list[Opening]) -> None:
    def week_minute(opening: Opening, minutes: int) -> int:
        return opening.weekday * MINUTES_A_DAY + minutes

    ordered = sorted(openings, key=lambda opening: week_minute(opening, opening.start))
    for before, after in itertools.pairwise(ordered):
        if week_minute(before, before.end) > week_minute(after, after.start):
            raise OpeningHoursError(
                f"On {DAY_NAMES[after.weekday]} the times {_clock(after.start)} and "
                f"{_clock(before.end)} overlap: give each time of day once."
            )


def local_zone() -> dt.tzinfo:
    """The kiosk's time zone: TZ if set, else the system's (/etc/localtime), with its rules
    for changing the clocks; else the fixed offset in force now."""
    name = os.environ.get("TZ", "").lstrip(":")
    try:
        if name:
            return ZoneInfo(name)
        with Path("/etc/localtime").open("rb") as file:
            return ZoneInfo.from_file(file)
    except (ZoneInfoNotFoundError, OSError, ValueError):
        zone = dt.datetime.now().astimezone().tzinfo
        return zone if zone is not None else dt.UTC
