"""The opening hours followed through the week with an injected clock: the display goes off
at closing and on at opening (midnight and the clocks changing included), by the best means
the session offers."""

from __future__ import annotations

import datetime as dt
import shutil
from zoneinfo import ZoneInfo

import pytest

from kiosk.closing_time import ClosingTime
from kiosk.display_power import BLACK_SCREEN, DisplayPower, choose_method, run_command
from kiosk.opening_hours import parse_opening_hours

from .helpers import ManualClock
from .test_lifecycle import x_server  # noqa: F401  (a real X server)

LONDON = ZoneInfo("Europe/London")


class Week:
    """A wall clock in London that moves with a ManualClock."""

    def __init__(self, start: str) -> None:
        self.clock = ManualClock()
        self._origin = self.clock.now()
        self._start = dt.datetime.fromisoformat(start).replace(tzinfo=LONDON)

    def __call__(self) -> dt.datetime:
        # Elapsed real seconds, added in UTC: the wall clock jumps when the clocks change.
        passed = dt.timedelta(seconds=self.clock.now() - self._origin)
        return (self._start.astimezone(dt.UTC) + passed).astimezone(LONDON)

    def advance_to(self, when: str) -> None:
        target = dt.datetime.fromisoformat(when).replace(tzinfo=LONDON)
        self.clock.advance((target - self()).total_seconds())


def follow(hours: str, start: str) -> tuple[Week, ClosingTime, list[tuple[str, bool]]]:
    week = Week(start)
    closing = ClosingTime(parse_opening_hours(hours), week.clock, week)
    changes: list[tuple[str, bool]] = []
    closing.closed_changed.connect(
        lambda closed: changes.append((week().strftime("%a %H:%M"), closed))
    )
    closing.start()
    return week, closing, changes


def test_the_display_goes_off_at_closing_and_on_at_opening():
    week, closing, changes = follow("Mon-Fri 08:00-18:00; Sat 09:00-12:00", "2026-11-23 07:00")
    assert closing.closed  # Monday 07:00: closed from the start
    week.advance_to("2026-11-24 09:00")
    assert changes == [
        ("Mon 07:00", True),
        ("Mon 08:00", False),
        ("Mon 18:00", True),
        ("Tue 08:00", False),
    ]


def test_closed_from_saturday_noon_until_monday_morning():
    week, closing, changes = follow("Mon-Fri 08:00-18:00; Sat 09:00-12:00", "2026-11-28 11:00")
    assert not closing.closed
    assert closing.opens_at() == dt.datetime(2026, 11, 30, 8, 0, tzinfo=LONDON)
    week.advance_to("2026-11-30 08:30")
    assert changes == [("Sat 12:00", True), ("Mon 08:00", False)]


def test_it_comes_on_at_eight_on_the_monday_after_the_clocks_go_forward():
    week, _, changes = follow("Mon-Fri 08:00-18:00", "2026-03-27 17:00")
    week.advance_to("2026-03-30 09:00")
    assert [change for change in changes if not change[1]] == [("Mon 08:00", False)]


def test_a_range_past_midnight_goes_off_in_the_small_hours():
    week, _, changes = follow("Fri 18:00-02:00", "2026-11-27 17:00")
    week.advance_to("2026-11-28 03:00")
    assert changes == [("Fri 17:00", True), ("Fri 18:00", False), ("Sat 02:00", True)]


def test_a_clock_set_late_is_noticed_within_a_minute():
    week, closing, _ = follow("Mon-Fri 08:00-18:00", "2026-11-23 07:00")
    week._start += dt.timedelta(hours=2)  # NTP at boot: it was 09:00 all along
    week.clock.advance(61)
    assert not closing.closed


def test_always_open_never_wakes():
    week, closing, _ = follow("", "2026-11-23 07:00")
    assert not closing.closed
    assert week.clock._alarms == []


def test_the_best_means_of_switching_the_panel_for_each_session():
    tools = {"xset", "wlopm", "kscreen-doctor"}

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in tools else None

    assert choose_method("xcb", {}, which).off == (("xset", "dpms", "force", "off"),)
    assert choose_method("wayland", {"XDG_CURRENT_DESKTOP": "labwc"}, which).off == (
        ("wlopm", "--off", "*"),
    )
    assert choose_method("wayland", {"XDG_CURRENT_DESKTOP": "KDE"}, which).off == (
        ("kscreen-doctor", "--dpms", "off"),
    )
    assert choose_method("wayland", {}, lambda name: None).name == BLACK_SCREEN
    assert choose_method("offscreen", {}, which).name == BLACK_SCREEN


def test_turning_on_after_dpms_switches_dpms_blanking_off_again():
    ran: list[tuple[str, ...]] = []
    power = DisplayPower(
        choose_method("xcb", {}, lambda name: "/usr/bin/xset"),
        lambda command: ran.append(tuple(command)) is None,
    )
    assert power.off()
    assert power.panel_off
    assert power.off()  # already off: nothing run
    assert power.on()
    assert power.on()  # already on: nothing run
    assert ran == [
        ("xset", "dpms", "force", "off"),
        ("xset", "dpms", "force", "on"),
        ("xset", "-dpms"),
    ]


def test_a_failing_tool_leaves_the_black_screen_and_is_not_tried_at_every_touch(caplog):
    ran: list[object] = []
    power = DisplayPower(
        choose_method("xcb", {}, lambda name: "/usr/bin/xset"), lambda c: bool(ran.append(c))
    )
    assert not power.off()
    assert not power.panel_off
    assert not power.off()
    assert len(ran) == 1
    assert caplog.text.count("could not be switched off") == 1


@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xset")), reason="needs Xvfb and xset"
)
def test_an_x_server_without_dpms_is_a_failure_not_a_dark_panel(x_server, monkeypatch, caplog):  # noqa: F811
    """Xvfb has no DPMS: xset says so and exits 0 all the same. The kiosk takes that as the
    panel staying on (the black screen is all there is), and says why in the log."""
    monkeypatch.setenv("DISPLAY", x_server().name)
    assert not run_command(("xset", "dpms", "force", "off"))
    assert "does not have extension" in caplog.text
