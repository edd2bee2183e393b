"""`kiosk check`: what staff read about their content and config."""

from __future__ import annotations

import datetime as dt
import json
import re

from kiosk import cli
from kiosk.article import load_article
from kiosk.check import run_check, staff_warnings
from kiosk.config import load_config_file

from .conftest import BUNDLED


def run(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["check", *args])
    return code, capsys.readouterr().out


def test_the_bundled_article_passes_with_honest_warnings(capsys):
    code, out = run(capsys, str(BUNDLED))
    assert code == 0
    assert "Title: Ketamine as a treatment for chronic pain" in out
    # Four sections and "About this information", measured at the configured screen size.
    assert re.search(
        r"4 sections and 'About this information'; pages at 1920x1080: \d+ \(1, 2, \d, 1, 1\)", out
    )
    assert "Review details are missing: last_reviewed, next_review, reviewed_by, sources" in out
    assert "school grade" in out  # the client's text reads above grade 8
    assert "OK: 0 errors" in out


def test_json_for_machines(capsys):
    code, out = run(capsys, str(BUNDLED), "--json")
    report = json.loads(out)
    assert code == 0
    assert report["ok"] is True
    (article,) = report["articles"]
    assert len(article["pages"]) == 5
    assert article["sections"] == 4
    assert article["reading_grade"] > 8
    assert {f["level"] for f in report["findings"]} == {"warning"}


def test_overdue_review_and_missing_pictures_are_warnings(qapp, tmp_path):
    article = tmp_path / "a.md"
    article.write_text(
        "---\ntitle: T\nsummary: S\nlast_reviewed: 2024-01-01\nnext_review: 2025-01-01\n"
        "reviewed_by: Dr A\nsources: NHS\n---\n\nSee the chart.\n\n![A chart](chart.png)\n\n"
        "![Far away](https://example.org/x.png)\n",
        encoding="utf-8",
    )
    report = run_check(article, load_config_file(None), today=dt.date(2026, 11, 25))
    messages = [str(finding) for finding in report.findings]
    assert report.exit_code == 0
    assert any("review was due on 2025-01-01" in m for m in messages)
    assert any("line 12" in m and "'chart.png' is missing" in m for m in messages)
    assert any("line 14" in m and "never loads anything from elsewhere" in m for m in messages)
    assert not any("Review details are missing" in m for m in messages)


def test_a_broken_article_is_an_error_with_its_line(tmp_path, capsys):
    (tmp_path / "a.md").write_text("---\ntitle: Good\n---\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: Bad\n", encoding="utf-8")
    code, out = run(capsys, str(tmp_path))
    assert code == 1
    assert "Start screen: Good (en)" in out, "the menu lists only what patients can see"
    assert f"ERROR: {tmp_path / 'b.md'}, line 1: The front matter starts" in out
    assert "Problems found: 1 errors" in out


def test_a_missing_folder_is_an_error(tmp_path, capsys):
    code, out = run(capsys, str(tmp_path / "nowhere"))
    assert code == 1
    assert "does not exist" in out


def test_what_the_reading_left_out_is_a_warning_with_its_line(qapp, tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text(
        "Title: Knee replacement\nSummary: What happens.\n\nIntro.\n\n## Before\n\n"
        "## After\n\nRest \u202efor a week.\n",
        encoding="utf-8",
    )
    code, out = run(capsys, str(path))
    assert code == 0
    assert "Title: Knee replacement" in out
    assert (
        f"WARNING: {path}, line 6: The section 'Before' has nothing under its heading, so the "
        "kiosk leaves it out." in out
    )
    assert f"WARNING: {path}, line 10: This line holds invisible characters" in out
    # The staff screen lists the same, naming the file without its folder.
    shown = staff_warnings(load_article(path), dt.date(2026, 1, 1))
    assert any(line.startswith("a.md, line 6: The section 'Before'") for line in shown)


def leaflet(folder, name: str, title: str, body: str = "Some plain words.") -> None:
    (folder / name).write_text(
        f"---\ntitle: {title}\nsummary: About {title}.\n---\n\n{body}\n", encoding="utf-8"
    )


def test_a_library_is_checked_whole_with_its_menu_and_missing_translations(tmp_path, capsys):
    leaflet(tmp_path, "consent.md", "Consent")
    leaflet(tmp_path, "consent.es.md", "Consentimiento")
    (tmp_path / "more").mkdir()
    leaflet(tmp_path / "more", "sleep.md", "Sleep")
    code, out = run(capsys, str(tmp_path))
    assert code == 0
    assert "Start screen: a menu of 2 leaflets, in this order:" in out
    assert "1. Consent (en, es)" in out
    assert "2. Sleep (en)" in out
    assert "Title: Consentimiento" in out
    assert "Language: es" in out
    assert "'Sleep' is not in es, which other articles are" in out
    assert "Add sleep.es.md when a translation is ready" in out


def test_a_broken_file_in_a_library_is_an_error_and_says_what_the_kiosk_keeps(tmp_path, capsys):
    leaflet(tmp_path, "a.md", "Good")
    leaflet(tmp_path, "b.md", "Also good")
    (tmp_path / "c.md").write_text("---\ntitle: Bad\n", encoding="utf-8")
    code, out = run(capsys, str(tmp_path))
    assert code == 1
    assert "Start screen: a menu of 2 leaflets" in out
    assert "keeps showing the content as it was before that file changed" in out


def test_characters_no_font_draws_are_named_with_the_package_to_install(tmp_path, capsys):
    # Santali in Ol Chiki script: no font of a plain desktop install draws it.
    leaflet(tmp_path, "santali.md", "Santali", body="ᱥᱟᱱᱛᱟᱲᱤ words.")
    code, out = run(capsys, str(tmp_path))
    assert code == 0
    assert "No installed font can draw ᱥ (U+1C65 OL CHIKI LETTER IS)" in out
    assert "patients would see empty boxes" in out
    assert "sudo apt-get install fonts-noto-core" in out
