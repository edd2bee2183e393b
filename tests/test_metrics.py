"""The metrics file a fleet's node_exporter reads: what it says about a running kiosk, written
whole, and `kiosk_up 0` when the kiosk stops."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.app import KioskController, present
from kiosk.config import ConfigError, Settings, settings_from_mapping
from kiosk.metrics import DisplayState, KioskState, ShownArticle, write_metrics

from .conftest import BUNDLED


def samples(path: Path) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = path.read_text(encoding="utf-8")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_the_file_says_what_a_fleet_alerts_on(tmp_path):
    path = tmp_path / "kiosk.prom"
    state = KioskState(
        version="1.2.3",
        articles=[ShownArticle("ketamine", "en", "Ketamine", "ab12")],
        content_loaded_at=1_764_000_000.0,
        started_at=1_763_990_000.0,
        display=DisplayState.OFF_BY_SCHEDULE,
        speech_available=True,
        readings_today={("ketamine", "en", "readings started"): 7},
    )
    assert write_metrics(path, state)
    found = samples(path)
    assert found[("kiosk_up", ())] == 1
    assert found[("kiosk_info", (("version", "1.2.3"),))] == 1
    article = (
        ("article", "ketamine"),
        ("content_hash", "ab12"),
        ("language", "en"),
        ("title", "Ketamine"),
    )
    assert found[("kiosk_article_info", article)] == 1
    assert found[("kiosk_content_last_load_timestamp_seconds", ())] == 1_764_000_000.0
    assert found[("kiosk_start_time_seconds", ())] == 1_763_990_000.0
    assert found[("kiosk_display_state", (("state", "off_by_schedule"),))] == 1
    assert found[("kiosk_display_state", (("state", "on"),))] == 0
    assert found[("kiosk_display_state", (("state", "off_unexpectedly"),))] == 0
    assert found[("kiosk_speech_available", ())] == 1
    readings = (("article", "ketamine"), ("language", "en"), ("measure", "readings started"))
    assert found[("kiosk_readings_today", readings)] == 7
    # Written through a temporary file and a rename: nothing else is left in the folder.
    assert [entry.name for entry in tmp_path.iterdir()] == ["kiosk.prom"]


def test_a_folder_that_cannot_be_written_is_a_warning_not_a_crash(tmp_path, caplog):
    assert not write_metrics(tmp_path / "missing" / "kiosk.prom", KioskState(version="1"))
    assert "could not be written" in caplog.text


def test_the_setting_takes_only_files_the_collector_reads():
    assert settings_from_mapping({"metrics_file": "/tmp/kiosk.prom"}).metrics_file == (
        "/tmp/kiosk.prom"
    )
    with pytest.raises(ConfigError, match=r"a path ending in \.prom"):
        settings_from_mapping({"metrics_file": "/tmp/kiosk.txt"}, "config.toml")


def test_a_running_kiosk_writes_it_and_says_when_it_stops(qapp, qtbot, tmp_path):
    path = tmp_path / "kiosk.prom"
    controller = KioskController(
        qapp,
        Settings(animations=False, speech_engine="mock", metrics_file=str(path)),
        BUNDLED,
        state_dir=tmp_path / "state",
        debounce_ms=50,
        pin_hash=lambda: "set",
    )
    try:
        present(controller.window, qapp, Settings(), windowed=True)
        qtbot.waitUntil(lambda: controller.session.article is not None, timeout=10_000)
        qtbot.waitUntil(path.exists, timeout=5_000)
        found = samples(path)
        assert found[("kiosk_up", ())] == 1
        assert found[("kiosk_content_last_load_ok", ())] == 1
        shown = [labels for name, labels in found if name == "kiosk_article_info"]
        assert ("title", "Ketamine as a treatment for chronic pain") in shown[0]
    finally:
        controller._on_quit()
        controller.window.close()
        controller.window.deleteLater()
        controller.deleteLater()
    assert samples(path)[("kiosk_up", ())] == 0
