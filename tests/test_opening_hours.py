"""Opening hours as staff write them, and when the clinic opens and closes, with the clocks
changing and across midnight."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kiosk.opening_hours import OpeningHoursError, parse_opening_hours

LONDON = ZoneInfo("Europe/London")
HOURS = parse_opening_hours("Mon-Fri 08:00-12:30, 13:30-18:00; Sat 09:00-12:00")


def at(text: str, zone: dt.tzinfo = LONDON) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.mark.parametrize(
    ("when", "open_"),
    [
        ("2026-11-23 07:59", False),  # Monday, before opening
        ("2026-11-23 08:00", True),
        ("2026-11-23 12:30", False),  # lunch
        ("2026-11-23 13:30", True),
        ("2026-11-23 17:59", True),
        ("2026-11-23 18:00", False),
        ("2026-11-28 10:00", True),  # Saturday morning
        ("2026-11-28 12:00", False),
        ("2026-11-29 10:00", False),  # Sunday: not named, closed
    ],
)
def test_open_and_closed_through_the_week(when, open_):
    assert HOURS.is_open(at(when)) is open_


def test_the_next_change_is_the_next_opening_or_closing():
    assert HOURS.next_change(at("2026-11-23 07:00")) == at("2026-11-23 08:00")
    assert HOURS.next_change(at("2026-11-23 09:00")) == at("2026-11-23 12:30")
    assert HOURS.next_change(at("2026-11-23 12:45")) == at("2026-11-23 13:30")
    # Saturday noon: closed until Monday morning.
    assert HOURS.next_change(at("2026-11-28 12:00")) == at("2026-11-30 08:00")
    assert HOURS.next_opening(at("2026-11-23 09:00")) == at("2026-11-23 13:30")


def test_monday_opens_at_eight_on_the_weekend_the_clocks_go_forward():
    # The clocks go forward at 01:00 on Sunday 29 March 2026 (GMT to BST): Monday still opens
    # at 08:00 by the clock on the wall, which is 07:00 UTC, not 08:00 UTC.
    opening = HOURS.next_change(at("2026-03-28 12:00"))
    assert opening == at("2026-03-30 08:00")
    assert opening.astimezone(dt.UTC).hour == 7
    assert HOURS.is_open(at("2026-03-30 08:00"))
    assert not HOURS.is_open(at("2026-03-30 07:59"))


def test_monday_opens_at_eight_on_the_weekend_the_clocks_go_back():
    opening = HOURS.next_change(at("2026-10-24 12:00"))
    assert opening == at("2026-10-26 08:00")
    assert opening.astimezone(dt.UTC).hour == 8


def test_a_range_past_midnight_is_open_until_it_ends_next_day():
    late = parse_opening_hours("Fri 18:00-02:00")
    assert late.is_open(at("2026-11-27 23:59"))  # Friday night
    assert late.is_open(at("2026-11-28 01:59"))  # Saturday, small hours
    assert not late.is_open(at("2026-11-28 02:00"))
    assert late.next_change(at("2026-11-27 20:00")) == at("2026-11-28 02:00")


def test_a_day_that_ends_at_midnight_and_one_that_never_closes():
    until_midnight = parse_opening_hours("Mon 08:00-24:00")
    assert until_midnight.is_open(at("2026-11-23 23:59"))
    assert not until_midnight.is_open(at("2026-11-24 00:00"))
    assert until_midnight.next_change(at("2026-11-23 12:00")) == at("2026-11-24 00:00")
    always = parse_opening_hours("Mon-Sun 00:00-24:00")
    assert always.is_open(at("2026-11-23 00:00"))
    assert always.is_open(at("2026-11-29 23:59"))


def test_empty_means_always_open():
    hours = parse_opening_hours("")
    assert hours.always_open
    assert hours.is_open(at("2026-11-29 03:00"))
    assert hours.next_change(at("2026-11-29 03:00")) is None


def test_days_may_wrap_and_be_written_in_full_and_closed_days_be_said():
    hours = parse_opening_hours("Saturday-Monday 10:00-14:00; Tue closed")
    assert hours.is_open(at("2026-11-29 11:00"))  # Sunday
    assert hours.is_open(at("2026-11-23 11:00"))  # Monday
    assert not hours.is_open(at("2026-11-24 11:00"))  # Tuesday
    assert hours.describe().startswith("Monday 10:00-14:00; Tuesday closed; Wednesday closed")


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("Mon-Fri", "gives days but no times"),
        ("Monday 8-18", "is not a time range like '08:00-18:00'"),
        ("Funday 08:00-18:00", "does not start with a day or days"),
        ("Mon 08:00-25:00", "is not a time of day"),
        ("Mon 08:00-12:00, 11:00-14:00", "overlap"),
    ],
)
def test_written_wrongly_is_a_clear_message(written, words):
    with pytest.raises(OpeningHoursError, match=words):
        parse_opening_hours(written)


def test_a_bad_setting_names_the_file_the_setting_and_the_form():
    from kiosk.config import ConfigError, settings_from_mapping

    with pytest.raises(ConfigError) as refused:
        settings_from_mapping({"opening_hours": "Mon 8-18"}, "kiosk.toml")
    message = str(refused.value)
    assert message.startswith("kiosk.toml: opening_hours = 'Mon 8-18' cannot be used.")
    assert "is not a time range like '08:00-18:00'" in message
    assert settings_from_mapping({"opening_hours": " Sat 09:00-12:00 "}).opening_hours == (
        "Sat 09:00-12:00"
    )
