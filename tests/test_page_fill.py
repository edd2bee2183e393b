"""How full pages are, and where they end, on the panels clinics buy (7" to 55", sized for the
eye with screen_diagonal_inches) at every text size, with the bundled article: the share of
pages that end at a sentence end, the fewest lines a page shows, and pages of one or two
lines. A page keeps five lines, or all it could hold if fewer (a small panel's page of three
to five lines never gives one up), and gives lines up only to spare a page of one or two."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QSize

from kiosk.article import Article
from kiosk.config import Settings
from kiosk.text_layout import ArticleLayout
from kiosk.theme import TextSize, Theme, panel_density

from .test_pagination import could_hold, ends_at_sentence_end

# (window size, diagonal in inches)
PANELS = {
    "7in-800x480": (QSize(800, 480), 7.0),
    "10in-1280x800": (QSize(1280, 800), 10.1),
    "21.5in-1920x1080": (QSize(1920, 1080), 21.5),
    "21.5in-1080x1920": (QSize(1080, 1920), 21.5),
    "55in-3840x2160": (QSize(3840, 2160), 55.0),
}
# The share of pages (but a section's last) that end at a sentence end, every step the panel
# offers together. With no line ended early at a sentence end it would be 4 %, 0 %, 13 %, 23 %
# and 0 %: a page may give up few of its lines, and on a small panel none, so most such ends
# come from a line ended early. (When written: 23 %, 17 %, 30 %, 65 % and 50 %; when any page
# could give up a third of its lines, 30 %, 45 %, 69 %, 78 % and 83 %.)
LEAST_AT_SENTENCE_END = {
    "7in-800x480": 0.12,
    "10in-1280x800": 0.10,
    "21.5in-1920x1080": 0.20,
    "21.5in-1080x1920": 0.45,
    "55in-3840x2160": 0.35,
}
FULL_PAGE = 5
SHORT_PAGE = 2


def panel_theme(size: QSize, diagonal: float, text_size: TextSize) -> Theme:
    density = panel_density(size, None, diagonal)
    assert density is not None
    return Theme(size.width(), size.height(), text_size, False, density.pixels_per_mm)


@dataclass
class Figures:
    """What a patient would count, page by page, on one panel at every text size."""

    steps: list[int] = field(default_factory=list)  # the text sizes the panel offers
    page_ends: int = 0
    at_sentence_end: int = 0
    # Fewest lines on a page that is not its section's first (under the heading) or last.
    fewest_lines: int = 99
    # (step, section, lines on each page) of sections where a page is left with one or two
    # lines although the pages could have shared them out; and where a page holds fewer
    # lines than it could and fewer than five, although its section's last page was left
    # with more than three.
    short: list[tuple[int, str, list[int]]] = field(default_factory=list)
    underfull: list[tuple[int, str, list[int], list[int]]] = field(default_factory=list)


def figures(article: Article, size: QSize, diagonal: float) -> Figures:
    found = Figures()
    for text_size in TextSize:
        theme = panel_theme(size, diagonal, text_size)
        if text_size.value > theme.largest_text_size.value:
            continue  # not offered on this panel: a page would hold a line or two
        found.steps.append(text_size.value)
        layout = ArticleLayout(article, theme)
        for section in layout.sections:
            counts = [len(page.lines) for page in section.pages]
            could = could_hold(section)
            title = section.section.title
            for page in section.pages[:-1]:
                found.page_ends += 1
                found.at_sentence_end += ends_at_sentence_end(section, page)
            for lines in counts[1:-1]:
                found.fewest_lines = min(found.fewest_lines, lines)
            # A page of one or two lines where it could hold more: only a last page, and only
            # where it and the page before hold fewer than six lines between them.
            for index, lines in enumerate(counts):
                if lines > SHORT_PAGE or len(counts) == 1:
                    continue
                if index == len(counts) - 1:
                    if counts[index - 1] + lines >= 2 * (SHORT_PAGE + 1):
                        found.short.append((text_size.value, title, counts))
                elif lines < could[index]:
                    found.short.append((text_size.value, title, counts))
            for index, lines in enumerate(counts[:-1]):
                if lines < min(FULL_PAGE, could[index]) and counts[-1] > SHORT_PAGE + 1:
                    found.underfull.append((text_size.value, title, counts, could))
    return found


@pytest.fixture(scope="module")
def panel_figures(article: Article) -> dict[str, Figures]:
    return {name: figures(article, size, diagonal) for name, (size, diagonal) in PANELS.items()}


@pytest.mark.parametrize("panel", list(PANELS))
def test_no_page_of_one_or_two_lines_where_the_section_could_be_evened_out(
    qapp, panel_figures, panel
):
    assert panel_figures[panel].short == []


@pytest.mark.parametrize("panel", list(PANELS))
def test_pages_are_as_full_as_they_can_be(qapp, panel_figures, panel):
    """A page holds five lines, or all it could hold if fewer, unless it gave some to its
    section's last page, which then holds three."""
    assert panel_figures[panel].underfull == []


@pytest.mark.parametrize("panel", ["21.5in-1920x1080", "21.5in-1080x1920", "55in-3840x2160"])
def test_a_later_page_shows_five_lines_or_more_on_large_panels(qapp, panel_figures, panel):
    assert panel_figures[panel].fewest_lines >= FULL_PAGE


@pytest.mark.parametrize("panel", list(PANELS))
def test_pages_end_at_sentence_ends_where_they_can(qapp, panel_figures, panel):
    found = panel_figures[panel]
    share = found.at_sentence_end / found.page_ends
    assert share >= LEAST_AT_SENTENCE_END[panel], (
        f"{found.at_sentence_end} of {found.page_ends} pages end at a sentence end"
    )


def test_the_kiosk_shows_the_pages_measured_here(make_window, article):
    """The figures above are the kiosk's own: a window on a 7" panel cuts the same pages."""
    size, diagonal = PANELS["7in-800x480"]
    window = make_window(
        size,
        settings=Settings(animations=False, speech_engine="mock", screen_diagonal_inches=diagonal),
    )
    measured = ArticleLayout(article, panel_theme(size, diagonal, TextSize.STANDARD))
    assert window.session.layout.page_counts == measured.page_counts


@pytest.mark.parametrize("panel", list(PANELS))
def test_every_page_with_its_heading_fits_above_the_footer(qapp, article, panel):
    """On a small panel at large text a long heading does not leave room for a line of text
    under it: it is drawn smaller, never below the text's own size, and where even that is too
    tall, cut after a whole word. Nothing is clipped or runs under the footer."""
    size, diagonal = PANELS[panel]
    for text_size in TextSize:
        theme = panel_theme(size, diagonal, text_size)
        column = theme.column_rect.height()
        for section in ArticleLayout(article, theme).sections:
            where = (text_size.value, section.section.title)
            for index, page in enumerate(section.pages):
                assert section.body_top(index) + page.height <= column + 1, where
            heading = section.heading
            assert theme.body_px <= heading.defaultFont().pixelSize() <= theme.heading_px
            shown = heading.toPlainText()
            if shown != section.section.title:
                assert heading.defaultFont().pixelSize() == theme.body_px, where
                kept = shown.removesuffix("\N{HORIZONTAL ELLIPSIS}")
                assert kept != shown, where
                assert section.section.title.startswith(kept + " "), f"cut inside a word: {shown}"
