"""Take it home: an article's `url` puts a QR code on the end screen that a phone reads back as
that address; an address a phone should not open gets no code, and `kiosk check` says why.

The code is read off the screen twice: module by module (sampling the middle of each module in
a grab of the window, compared with segno's encoding of the address) and by a real decoder
(zxing-cpp), as a phone's camera would read the whole screen.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton

from kiosk import words
from kiosk.article import Article, parse_article
from kiosk.check import run_check, staff_warnings
from kiosk.config import load_config_file
from kiosk.navigation import END
from kiosk.take_home import MAX_URL_LENGTH, qr_matrix, take_home_url
from kiosk.text_layout import ArticleLayout
from kiosk.theme import TAKE_HOME_LEAST_MM, Theme
from kiosk.ui.qr_code import QUIET_ZONE_MODULES
from kiosk.ui.widgets import TextLabel

from .test_small_start_end import PANELS, assert_well_laid_out, every_text_size, open_on, rect_in

URL = "https://www.example-clinic.org/leaflets/ketamine-chronic-pain"
OTHER_URL = "https://www.example-clinic.org/leaflets/ketamine-chronic-pain-2"
LONGEST_URL = "https://www.example-clinic.org/" + "a" * (MAX_URL_LENGTH - 31)


def article_with_url(url: str | None, path: Path = Path("ketamine.md")) -> Article:
    setting = f"url: {url}\n" if url is not None else ""
    text = (
        f"---\ntitle: Ketamine\nsummary: What it is.\n{setting}---\n\nOpening words.\n\n"
        "## Who it helps\n\nPeople with long-lasting pain.\n"
    )
    return parse_article(text.encode(), path)


# Which addresses get a code


def test_an_https_address_gets_a_code():
    assert take_home_url(article_with_url(URL)) == URL
    assert take_home_url(article_with_url(LONGEST_URL)) == LONGEST_URL


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "http://www.example-clinic.org/leaflets/ketamine",
        "javascript:alert(1)",
        "data:text/html,hello",
        "ftp://www.example-clinic.org/leaflet.pdf",
        "www.example-clinic.org/leaflets/ketamine",
        "https:///leaflets/ketamine",
        "https://localhost/leaflets/ketamine",
        "https://www.example-clinic.org:port/leaflets",
        "https://user:secret@www.example-clinic.org/leaflets",
        "https://www.example-clinic.org/leaflets/ketamine chronic pain",
        "https://www.example-clinic.org/leaf\u200blets",
        "https://www.example-clinic.org/leaf\u00adlets",
        LONGEST_URL + "a",
    ],
)
def test_no_code_for_an_address_a_phone_should_not_open(url):
    assert take_home_url(article_with_url(url)) is None


# The code on the screen


def grab(window) -> QImage:
    return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def is_dark(image: QImage, x: int, y: int) -> bool:
    colour = image.pixelColor(x, y)
    return colour.red() + colour.green() + colour.blue() < 3 * 128


def read_modules(image: QImage, area: QRect) -> tuple[tuple[bool, ...], ...]:
    """The QR code's modules in `area` of a screenshot, read as a scanner would: the dark
    pixels' bounding box; the module's size from the top-left finder pattern (7 modules wide);
    then the colour at the middle of each module."""
    dark = [
        (x, y)
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
        if is_dark(image, x, y)
    ]
    assert dark, "no code drawn"
    left = min(x for x, _ in dark)
    top = min(y for _, y in dark)
    right = max(x for x, _ in dark)
    finder = 0
    while is_dark(image, left + finder, top):
        finder += 1
    module = finder / 7
    count = round((right - left + 1) / module)
    return tuple(
        tuple(
            is_dark(image, round(left + (column + 0.5) * module), round(top + (row + 0.5) * module))
            for column in range(count)
        )
        for row in range(count)
    )


def end_screen_with(make_window, panel: str, url: str):
    window = open_on(make_window, panel, article_with_url(url))
    window.session.go_to(END)
    window.end_screen.set_take_home_url(take_home_url(window.session.article))
    return window


def code_rect(window) -> QRect:
    return rect_in(window, window.end_screen.take_home_code)


def test_the_code_on_the_end_screen_reads_back_as_the_address(make_window):
    window = end_screen_with(make_window, "21.5in-1920x1080", URL)
    end = window.end_screen
    assert end.take_home_code.isVisible()
    assert end.take_home_label.isVisible()
    assert end.take_home_label.text() == words.take_home_caption()
    image = grab(window)
    modules = read_modules(image, code_rect(window))
    assert modules == qr_matrix(URL)
    assert modules != qr_matrix(OTHER_URL)
    # A phone's view: the whole screen, decoded by a real reader.
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [URL]


def test_the_longest_address_allowed_still_reads_back_on_a_10_inch_panel(make_window):
    window = end_screen_with(make_window, "10in-1280x800", LONGEST_URL)
    assert window.end_screen.take_home_code.isVisible()
    image = grab(window)
    assert read_modules(image, code_rect(window)) == qr_matrix(LONGEST_URL)
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [LONGEST_URL]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_code_is_crisp_black_on_white_with_its_quiet_zone(make_window, high_contrast):
    window = end_screen_with(make_window, "21.5in-1920x1080", URL)
    if high_contrast:
        window.session.toggle_contrast()
    rect = code_rect(window)
    image = grab(window)
    colours = {
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    }
    # Only black and white, no grey edge anywhere: every module whole pixels, unsmoothed.
    assert colours == {"#000000", "#ffffff"}
    matrix = qr_matrix(URL)
    modules = len(matrix) + 2 * QUIET_ZONE_MODULES
    assert rect.width() == rect.height()
    assert rect.width() % modules == 0
    quiet = QUIET_ZONE_MODULES * (rect.width() // modules)
    symbol = rect.adjusted(quiet, quiet, -quiet, -quiet)
    ring = [
        (x, y)
        for x, y in itertools.product(
            range(rect.left(), rect.right() + 1), range(rect.top(), rect.bottom() + 1)
        )
        if not symbol.contains(x, y)
    ]
    assert not any(is_dark(image, x, y) for x, y in ring), "dark in the quiet zone"
    assert is_dark(image, symbol.left(), symbol.top())  # the top-left finder's corner
    assert is_dark(image, symbol.right(), symbol.top())  # the top-right one's
    assert read_modules(image, rect) == matrix


def test_a_right_to_left_screen_moves_the_code_but_never_mirrors_it(make_window):
    window = end_screen_with(make_window, "21.5in-1920x1080", URL)
    end = window.end_screen
    left_to_right = code_rect(window)
    end.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    right_to_left = code_rect(window)
    assert right_to_left.left() == end.width() - left_to_right.left() - left_to_right.width()
    assert right_to_left.top() == left_to_right.top()
    assert read_modules(grab(window), right_to_left) == qr_matrix(URL)


def test_an_article_without_an_address_has_no_code(make_window):
    window = end_screen_with(make_window, "21.5in-1920x1080", URL)
    window.end_screen.set_take_home_url(None)
    assert not window.end_screen.take_home_code.isVisible()
    assert not window.end_screen.take_home_label.isVisible()
    image = grab(window)
    assert zxingcpp.read_barcodes(image) == []


# Fitting every panel


def assert_code_well_placed(window) -> None:
    """The code on the screen, clear of every button and line of words, its modules whole
    pixels and at least TAKE_HOME_LEAST_MM wide (quiet zone left out)."""
    end = window.end_screen
    theme = window.session.theme
    rect = code_rect(window)
    assert rect_in(window, end).contains(rect)
    code = end.take_home_code
    assert rect.width() == rect.height() == code.side_for(rect.width())
    module = rect.width() // code.modules
    assert theme.mm(module * len(code.matrix)) >= TAKE_HOME_LEAST_MM
    others = [
        widget
        for widget in end.findChildren(QAbstractButton) + end.findChildren(TextLabel)
        if widget.isVisible()
    ]
    for widget in others:
        assert not rect.intersects(rect_in(window, widget)), widget.accessibleName() or widget


@pytest.mark.parametrize("panel", list(PANELS))
def test_the_end_screen_with_a_code_fits_every_panel_at_every_text_size(make_window, panel):
    window = end_screen_with(make_window, panel, URL)
    end = window.end_screen
    for _ in every_text_size(window, end):
        assert_well_laid_out(window, end)
        assert end.back_button.isVisible()
        assert end.start_again_button.isVisible()
        assert end.disclaimer_label.isVisible()
        if panel == "7in-800x480":
            # The buttons and the disclaimer fill a 7" panel: a code there would be too small
            # for a phone, so there is none.
            assert not end.take_home_code.isVisible()
            assert not end.take_home_label.isVisible()
            continue
        assert end.take_home_code.isVisible()
        assert end.take_home_label.isVisible()
        assert_code_well_placed(window)


@pytest.mark.parametrize("panel", ["21.5in-1920x1080", "21.5in-1080x1920", "55in-3840x2160"])
def test_a_phone_reads_the_code_on_large_panels_at_the_largest_text(make_window, panel):
    window = end_screen_with(make_window, panel, URL)
    end = window.end_screen
    sizes = list(every_text_size(window, end))
    assert len(sizes) > 1
    assert end.zoom > 1
    assert_well_laid_out(window, end)
    assert_code_well_placed(window)
    assert [code.text for code in zxingcpp.read_barcodes(grab(window))] == [URL]


# kiosk check


def write_article(folder: Path, url: str) -> Path:
    path = folder / "ketamine.md"
    path.write_text(
        f"---\ntitle: Ketamine\nsummary: What it is.\nurl: {url}\n---\n\nOpening words.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://www.example-clinic.org/ketamine", "only makes QR codes for https://"),
        ("www.example-clinic.org/ketamine", "is not a web address"),
        ("javascript:alert(1)", "is not a web address"),
        (LONGEST_URL + "a", f"is {MAX_URL_LENGTH + 1} characters long"),
        ("https://www.example-clinic.org/a b", "contains spaces"),
    ],
)
def test_check_warns_about_an_address_that_gets_no_code(qapp, tmp_path, url, said):
    path = write_article(tmp_path, url)
    report = run_check(path, load_config_file(None), today=dt.date(2026, 1, 1))
    (finding,) = [f for f in report.findings if "QR code" in f.message]
    assert finding.level == "warning"
    assert finding.where == f"{path}, line 4"
    assert said in finding.message
    assert "the end screen shows no QR code" in finding.message
    assert report.exit_code == 0
    assert report.articles[0].take_home_url == ""
    assert any("QR code" in warning for warning in staff_warnings(report_article(path)))


def report_article(path: Path) -> Article:
    return parse_article(path.read_bytes(), path)


def test_check_says_where_a_good_address_takes_patients(qapp, tmp_path):
    path = write_article(tmp_path, URL)
    report = run_check(path, load_config_file(None), today=dt.date(2026, 1, 1))
    assert not [f for f in report.findings if "QR code" in f.message]
    assert report.articles[0].take_home_url == URL
    assert f"scan a QR code on the end screen to read this at {URL}" in report.to_text()


# The About page


@pytest.mark.parametrize("panel", ["7in-800x480", "21.5in-1920x1080", "55in-3840x2160"])
def test_the_about_page_ends_with_the_code_and_its_caption(make_window, panel):
    from kiosk.navigation import Position, Screen

    window = open_on(make_window, panel, article_with_url(URL))
    session = window.session
    about = session.layout.sections[-1].section
    assert about.blocks[-1].picture is not None
    assert about.blocks[-1].text == words.take_home_caption()  # the caption, read aloud too
    last = len(session.page_counts) - 1
    read = []
    for page in range(session.page_counts[last]):
        session.go_to(Position(Screen.READING, last, page))
        read += [code.text for code in zxingcpp.read_barcodes(grab(window))]
    # On one page (a small panel gives the code a page of its own, its caption the next).
    assert read == [URL]


def test_no_code_on_the_about_page_without_a_usable_address(make_window):
    for url in (None, "http://www.example-clinic.org/leaflets/ketamine"):
        about = ArticleLayout(article_with_url(url), Theme.for_size(QSize(1920, 1080)))
        assert all(block.picture is None for block in about.sections[-1].section.blocks)
