"""Anonymous reading figures: daily counts per article and language, kept 400 days, written
at most when asked (once a minute), whole after a crash, printed for staff."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap

from kiosk.figures import (
    KEEP_DAYS,
    Measure,
    ReadingFigures,
    as_csv,
    as_json,
    as_text,
    read_rows,
    section_measure,
)

from .conftest import ROOT

DAY = dt.date(2026, 11, 25)


def figures_on(path, day=DAY):  # type: ignore[no-untyped-def]
    today = [day]
    return ReadingFigures(path, lambda: today[0]), today


def test_counts_are_added_up_per_day_article_language_and_measure(tmp_path):
    path = tmp_path / "figures.sqlite3"
    figures, today = figures_on(path)
    for _ in range(3):
        figures.count("ketamine", "en", Measure.STARTED)
    figures.count("ketamine", "en", Measure.PAGES, 12)
    figures.count("ketamine", "es", Measure.STARTED)
    figures.count("ketamine", "en", section_measure(2))
    # Nothing reaches the file until it is written (once a minute, by the kiosk).
    assert read_rows(path) == []
    assert figures.write()
    figures.count("ketamine", "en", Measure.STARTED)
    today[0] = DAY + dt.timedelta(days=1)
    figures.count("ketamine", "en", Measure.STARTED)
    assert figures.write()
    found = {(row.day, row.language, row.measure): row.count for row in read_rows(path)}
    assert found == {
        (DAY, "en", "readings started"): 4,
        (DAY, "en", "pages viewed"): 12,
        (DAY, "en", "section reached 2"): 1,
        (DAY, "es", "readings started"): 1,
        (DAY + dt.timedelta(days=1), "en", "readings started"): 1,
    }


def test_the_file_holds_nothing_finer_than_a_day(tmp_path):
    path = tmp_path / "figures.sqlite3"
    figures, _ = figures_on(path)
    figures.count("ketamine", "en", Measure.STARTED)
    figures.write()
    with sqlite3.connect(path) as database:
        tables = [name for (name,) in database.execute("SELECT name FROM sqlite_master")]
        columns = [row[1] for row in database.execute("PRAGMA table_info(daily)")]
        (day,) = database.execute("SELECT day FROM daily").fetchone()
    assert tables == ["daily"]
    assert columns == ["day", "article", "language", "measure", "count"]
    assert day == "2026-11-25"  # a date, no time of day


def test_rows_older_than_400_days_are_dropped(tmp_path):
    path = tmp_path / "figures.sqlite3"
    figures, today = figures_on(path, DAY - dt.timedelta(days=KEEP_DAYS + 1))
    figures.count("old", "en", Measure.STARTED)
    figures.write()
    today[0] = DAY
    figures.count("new", "en", Measure.STARTED)
    figures.write()
    assert [row.article for row in read_rows(path)] == ["new"]


def test_written_counts_survive_the_kiosk_being_killed(tmp_path):
    path = tmp_path / "figures.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from kiosk.figures import ReadingFigures, Measure
        figures = ReadingFigures(Path({str(path)!r}))
        figures.count("ketamine", "en", Measure.STARTED, 5)
        figures.write()
        figures.count("ketamine", "en", Measure.STARTED, 100)  # not written: lost
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    (row,) = read_rows(path)
    assert row.count == 5
    with sqlite3.connect(path) as database:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_file_that_cannot_be_written_keeps_the_counts_for_the_next_try(tmp_path, caplog):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    figures, _ = figures_on(blocked / "figures.sqlite3")
    figures.count("ketamine", "en", Measure.STARTED)
    assert not figures.write()
    assert figures.pending == 1
    assert "Reading figures could not be written" in caplog.text


def test_staff_read_totals_and_how_far_readers_got(tmp_path):
    path = tmp_path / "figures.sqlite3"
    figures, _ = figures_on(path)
    figures.count("ketamine", "en", Measure.STARTED, 10)
    figures.count("ketamine", "en", section_measure(1), 10)
    figures.count("ketamine", "en", section_measure(2), 6)
    figures.count("ketamine", "en", Measure.FINISHED, 3)
    figures.write()
    rows = read_rows(path)
    text = as_text(rows)
    assert "ketamine (en)" in text
    assert "  readings started: 10" in text
    assert "  readings finished: 3" in text
    assert "  reached section 2: 6 (60 % of readings)" in text
    assert as_csv(rows).splitlines()[0] == "day,article,language,measure,count"
    assert "2026-11-25,ketamine,en,readings started,10" in as_csv(rows)
    assert {
        "day": "2026-11-25",
        "article": "ketamine",
        "language": "en",
        "measure": "readings finished",
        "count": 3,
    } in json.loads(as_json(rows))
    assert read_rows(path, since=DAY + dt.timedelta(days=1)) == []


def test_kiosk_stats_prints_the_figures_for_staff(tmp_path, monkeypatch, capsys):
    from kiosk import cli

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    from kiosk import figures as figures_module

    figures = ReadingFigures(figures_module.default_path(), lambda: DAY)
    figures.count("ketamine", "en", Measure.STARTED, 2)
    figures.write()
    assert cli.main(["stats"]) == 0
    assert "  readings started: 2" in capsys.readouterr().out
    assert cli.main(["stats", "--csv", "--since", "2026-11-25"]) == 0
    assert "2026-11-25,ketamine,en,readings started,2" in capsys.readouterr().out
    assert cli.main(["stats", "--json", "--since", "2026-11-26"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_kill_in_the_middle_of_writing_leaves_whole_minutes(tmp_path):
    """kill -9 while the kiosk is writing, again and again: the file is never damaged, and it
    holds whole writes only (each write adds 3 to one count and 1 to another: never one
    without the other)."""
    path = tmp_path / "figures.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from kiosk.figures import ReadingFigures, Measure
        figures = ReadingFigures(Path({str(path)!r}))
        print("writing", flush=True)
        while True:
            figures.count("ketamine", "en", Measure.STARTED, 3)
            figures.count("ketamine", "en", Measure.FINISHED, 1)
            figures.write()
        """
    )
    for _ in range(5):
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline() == "writing\n"
        # Kill it once it has written a few times: somewhere inside a write, most likely.
        while not read_rows(path) or max(row.count for row in read_rows(path)) < 30:
            pass
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
        with sqlite3.connect(path) as database:
            assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counts = {row.measure: row.count for row in read_rows(path)}
        assert counts["readings started"] == 3 * counts["readings finished"]
