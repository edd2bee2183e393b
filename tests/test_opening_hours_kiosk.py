"""A running kiosk with opening hours: closed now, it shows the black screen, says "off by
schedule" in its metrics and log, and a tap shows when it turns on."""

from __future__ import annotations

import datetime as dt
import logging

from prometheus_client.parser import text_string_to_metric_families

from kiosk.app import KioskController, present
from kiosk.config import Settings
from kiosk.opening_hours import DAY_NAMES, local_zone

from .conftest import BUNDLED
from .helpers import click


def closed_all_day_today() -> str:
    """Hours that leave today closed: open only tomorrow, for an hour."""
    tomorrow = (dt.datetime.now(local_zone()) + dt.timedelta(days=1)).weekday()
    return f"{DAY_NAMES[tomorrow][:3]} 08:00-09:00"


def test_a_kiosk_started_while_closed_is_dark_and_says_why(qapp, qtbot, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    metrics = tmp_path / "kiosk.prom"
    settings = Settings(
        animations=False,
        speech_engine="mock",
        opening_hours=closed_all_day_today(),
        metrics_file=str(metrics),
    )
    controller = KioskController(
        qapp,
        settings,
        BUNDLED,
        state_dir=tmp_path / "state",
        debounce_ms=50,
        pin_hash=lambda: "set",
    )
    try:
        present(controller.window, qapp, Settings(), windowed=True)
        qtbot.waitUntil(lambda: controller.window.closed, timeout=10_000)
        assert "The clinic is closed by the opening hours" in caplog.text
        found = {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(metrics.read_text(encoding="utf-8"))
            for sample in family.samples
        }
        assert found[("kiosk_display_state", (("state", "off_by_schedule"),))] == 1
        assert found[("kiosk_display_state", (("state", "on"),))] == 0
        # A tap shows when it turns on, dimly; nothing else happens.
        screen = controller.window.closed_screen
        assert screen.notice_words == ""
        click(screen)
        assert "The clinic is closed." in screen.notice_words
        assert "8:00" in screen.notice_words  # in the machine's own way: 08:00 or 8:00 AM
    finally:
        controller._on_quit()
        controller.window.close()
        controller.window.deleteLater()
        controller.deleteLater()
