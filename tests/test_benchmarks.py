"""The benchmark script runs and reports every figure. Times are not asserted here: they live
in the README's Performance section, measured with the full run."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT

FIGURES = {
    "startup_first_frame_ms",
    "startup_peak_rss_mb",
    "page_turn_ms_p50",
    "page_turn_ms_p95",
    "page_turn_ms_max",
    "swipe_frame_ms_p95",
    "paginate_article_ms",
    "paginate_large_ms",
    "idle_cpu_percent_start",
    "idle_cpu_percent_reading",
    "rss_growth_mb",
    "qobject_growth",
}


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
    assert set(report["figures"]) >= FIGURES
    assert report["figures"]["paginate_large_pages"] >= 500
    for figure in FIGURES:
        assert figure in result.stdout
