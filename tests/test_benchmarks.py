"""The benchmark script runs and reports every figure. Times are not asserted here: they live
in the README's Performance section, measured with the full run."""

from __future__ import annotations

import json
import subprocess
import sys

from kiosk.theme import TextSize

from .conftest import ROOT

STARTUP = {
    "startup_first_frame_ms",
    "startup_article_ms",
    "qt_floor_first_frame_ms",
    "startup_first_frame_ratio",
    "startup_runs_article_in_first_frame",
    "startup_peak_rss_mb",
}
# For each screen size and each text size the "Text size" button steps through.
PER_TEXT_SIZE = (
    "drag_frame_ms_p50",
    "drag_frame_ms_p95",
    "turn_frame_ms_p50",
    "turn_frame_ms_p95",
    "turn_fps",
    "touch_to_painted_ms_p95",
)
SCREEN_SIZES = ("1080p", "4k")
OTHERS = {
    "paginate_article_ms",
    "paginate_large_ms",
    "paginate_large_pages",
    "idle_cpu_percent_start",
    "idle_cpu_percent_reading",
    "rss_growth_mb",
    "rss_growth_patients_mb",
    "qobject_growth",
}
FIGURES = (
    STARTUP
    | OTHERS
    | {f"{screen}_peak_rss_mb" for screen in SCREEN_SIZES}
    | {
        f"{screen}_{text_size.name.lower()}_{figure}"
        for screen in SCREEN_SIZES
        for text_size in TextSize
        for figure in PER_TEXT_SIZE
    }
)


def test_quick_benchmark_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "benchmarks" / "bench.py"),
            "--quick",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    figures = report["figures"]
    assert set(figures) >= FIGURES
    assert figures["paginate_large_pages"] >= 500
    # Every start-up painted the kiosk's own screen, never "This screen is being updated"
    # (the benchmark stops if one did), and said where it measured.
    assert 0 <= figures["startup_runs_article_in_first_frame"] <= 3
    assert any("measured in" in note for note in report["notes"])
    for figure in FIGURES:
        assert figure in result.stdout
        assert figure in report["verdicts"]


def test_frames_only_measures_one_screen_size_and_says_where_its_memory_went(tmp_path):
    """What work on 4K memory runs in seconds: that size's frames and peak memory alone, and
    the memory after each step, so a copy that lives only for a moment shows where it is made."""
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "benchmarks" / "bench.py"),
            "--quick",
            "--frames-only",
            "4k",
            "--memory-steps",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    figures = report["figures"]
    expected = {"4k_peak_rss_mb"} | {
        f"4k_{text_size.name.lower()}_{figure}"
        for text_size in TextSize
        for figure in PER_TEXT_SIZE
    }
    assert set(figures) == expected
    steps = [note for note in report["notes"] if note.startswith("4k memory, ")]
    named = ["window shown", "speech probed", "first page painted"]
    for text_size in TextSize:
        name = text_size.name.lower()
        named += [f"{name} text, swipes", f"{name} text, arrow-key turns"]
        named.append(f"text size made larger than {name}")
    assert len(steps) == len(named)
    for step, name in zip(steps, named, strict=True):
        assert name in step
    # The peak reported is the highest of the steps' peaks.
    peaks = [float(step.split("peak ", 1)[1].split(" MB", 1)[0]) for step in steps]
    assert figures["4k_peak_rss_mb"] == max(peaks)
    for step in steps:
        assert step in result.stdout
