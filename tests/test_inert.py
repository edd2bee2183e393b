"""Hostile content stays inert: shown as text or not at all, quickly, loading nothing."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QDesktopServices

from kiosk.article import ContentError, load_article
from kiosk.inert import InertDocument

from .helpers import build_window, click, touch_tap

FRONT = "---\ntitle: Hostile\n---\n\n"
HOSTILE = {
    "script": "<script>alert('x')</script>\n\nText after.\n",
    "iframe": '<iframe src="http://example.org/"></iframe>\n\nText after.\n',
    "remote image tag": 'Look: <img src="http://example.org/track.png">\n',
    "local image tag": 'Look: <img src="/etc/passwd">\n',
    "file image": "![x](file:///etc/passwd)\n",
    "javascript link": "[x](javascript:alert(1))\n",
    "data image": "![big](data:image/png;base64,"
    + base64.b64encode(b"\x89PNG" * (15 * 1024 * 1024 // 4)).decode()
    + ")\n",
    "nested lists": "".join("    " * depth + "- item\n" for depth in range(1000)),
    "nested quotes": "".join(">" * depth + " quote\n" for depth in range(1, 1001)),
    "ten megabytes": ("Lorem ipsum dolor sit amet. " * 40 + "\n\n") * 9000,
}


@pytest.fixture
def opened_urls(monkeypatch):
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    return opened


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_content_is_inert_fast_and_loads_nothing(
    name, tmp_path, qtbot, opened_urls, touchscreen
):
    path = tmp_path / "hostile.md"
    path.write_text(FRONT + HOSTILE[name], encoding="utf-8")
    refused_before = len(InertDocument.refused)
    started = time.perf_counter()
    try:
        article = load_article(path)
    except ContentError as error:
        refusal: ContentError | None = error
    else:
        refusal = None
    if refusal is not None:
        assert time.perf_counter() - started < 2.0
        assert refusal.fix  # staff are told what to do; patients keep the last good content
        return
    window = build_window(article)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    with qtbot.waitExposed(window):
        window.show()
    click(window.start_screen.start_button)
    window.grab()  # paint the page for real
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"{name} took {elapsed:.2f} s"
    html = "".join(section.html for section in article.sections)
    for dangerous in ("<script", "<iframe", "<img", "<a ", "<a>"):
        assert dangerous not in html
    # Tap where the words are, then everywhere else on the page: nothing opens.
    for x in range(300, 1700, 200):
        for y in range(100, 800, 150):
            touch_tap(window, touchscreen, QPoint(x, y))
    assert opened_urls == []
    assert len(InertDocument.refused) == refused_before


def test_the_document_itself_refuses_to_load_anything(qapp, caplog):
    document = InertDocument()
    document.setHtml('<p>x <img src="http://example.org/a.png"> <img src="/etc/passwd"></p>')
    document.size()
    assert {"http://example.org/a.png", "/etc/passwd"} <= set(InertDocument.refused)
    assert "Refused to load 'http://example.org/a.png'" in caplog.text


def test_raw_html_shows_as_its_own_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(FRONT + HOSTILE["script"], encoding="utf-8")
    article = load_article(path)
    assert article.sections[0].blocks[0].text == "<script>alert('x')</script>"
    assert Path(article.path) == path
