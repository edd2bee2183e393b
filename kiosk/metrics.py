"""A Prometheus text file for node_exporter's textfile collector: how a fleet watches its
kiosks without a server of the kiosk's own.

With `metrics_file` set (a path ending in .prom, in the folder the collector reads), the kiosk
writes the file every WRITE_EVERY_S seconds and whenever its content changes; prometheus_client
writes a temporary file beside it and renames it over the old one, so the collector never reads
half a file. A kiosk that stops writing is seen as a stale file (node_textfile_mtime_seconds);
one that stops cleanly writes `kiosk_up 0` first. The README's "Running many kiosks" gives the
alert rules.

No Qt in here: the kiosk fills a KioskState and calls write_metrics.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile

log = logging.getLogger(__name__)

WRITE_EVERY_S = 60
SUFFIX = ".prom"


class DisplayState(StrEnum):
    ON = "on"
    OFF_BY_SCHEDULE = "off_by_schedule"  # closed: opening_hours turned it off
    OFF_UNEXPECTEDLY = "off_unexpectedly"  # should be on, but the kiosk is not on the screen


@dataclass
class ShownArticle:
    key: str  # the file's name without .md: stable across edits of the title
    language: str
    title: str
    content_hash: str  # SHA-256 of the file's bytes


@dataclass
class KioskState:
    """What the metrics say, gathered by the kiosk when it writes them."""

    version: str
    up: bool = True
    started_at: float | None = None  # Unix time this kiosk process started
    articles: list[ShownArticle] = field(default_factory=list)
    content_loaded_at: float | None = None  # Unix time of the last load that was applied
    content_ok: bool = True  # the last reading of the content was applied
    content_problems: int = 0  # files refused in the last reading
    errors: int = 0  # unexpected errors since start
    crashes_recent: int = 0  # unclean ends in the last minute (the crash record)
    display: DisplayState = DisplayState.ON
    speech_available: bool = False
    # (article key, language, measure) -> today's count
    readings_today: dict[tuple[str, str, str], int] = field(default_factory=dict)


def registry_for(state: KioskState) -> CollectorRegistry:
    registry = CollectorRegistry()

    def gauge(name: str, documentation: str, labels: tuple[str, ...] = ()) -> Gauge:
        return Gauge(name, documentation, labels, registry=registry)

    gauge("kiosk_up", "1 while the kiosk runs; 0 written as it stops cleanly").set(int(state.up))
    gauge("kiosk_info", "The kiosk's version", ("version",)).labels(state.version).set(1)
    started = gauge(
        "kiosk_start_time_seconds",
        "When this kiosk process started: a restart changes it (changes() counts them)",
    )
    if state.started_at is not None:
        started.set(state.started_at)
    shown = gauge(
        "kiosk_article_info",
        "An article the kiosk offers, with the SHA-256 of its file",
        ("article", "language", "title", "content_hash"),
    )
    for article in state.articles:
        shown.labels(article.key, article.language, article.title, article.content_hash).set(1)
    gauge("kiosk_articles", "How many articles (all languages) the kiosk offers").set(
        len(state.articles)
    )
    loaded = gauge(
        "kiosk_content_last_load_timestamp_seconds", "When content was last read and applied"
    )
    if state.content_loaded_at is not None:
        loaded.set(state.content_loaded_at)
    gauge(
        "kiosk_content_last_load_ok",
        "1 if the last reading of the content was applied, 0 if it was refused",
    ).set(int(state.content_ok))
    gauge("kiosk_content_problems", "Content files refused in the last reading").set(
        state.content_problems
    )
    gauge("kiosk_errors", "Unexpected errors since the kiosk started").set(state.errors)
    gauge("kiosk_crashes_recent", "Unclean ends of the kiosk within the last minute").set(
        state.crashes_recent
    )
    display = gauge(
        "kiosk_display_state",
        "1 for the display's state: on, off_by_schedule or off_unexpectedly",
        ("state",),
    )
    for state_name in DisplayState:
        display.labels(state_name.value).set(int(state.display is state_name))
    gauge("kiosk_speech_available", "1 if Read aloud has a working voice").set(
        int(state.speech_available)
    )
    readings = gauge(
        "kiosk_readings_today",
        "Today's anonymous reading figures (see 'kiosk stats')",
        ("article", "language", "measure"),
    )
    for (article_key, language, measure), count in sorted(state.readings_today.items()):
        readings.labels(article_key, language, measure).set(count)
    return registry


def write_metrics(path: Path, state: KioskState) -> bool:
    """Write the metrics file (through a temporary file and a rename). False, after a
    warning in the log, when it cannot be written."""
    try:
        write_to_textfile(str(path), registry_for(state))
    except OSError as error:
        log.warning("The metrics file %s could not be written: %s", path, error)
        return False
    return True
