"""The menu: the front screen of a library of leaflets. A large tile for each leaflet (its title
and summary, in the language chosen), grouped under topic headings, paged with large arrows; the
patient's text size and contrast, and the languages the library is in, each in its own name.

Everything is placed by measurement with the real fonts at the theme's sizes (`MenuScreen._fit`),
never by a layout that could squeeze one thing onto another:

- At the top, the heading ("Choose what to read") with text size and contrast at the row's far
  end, and under them the languages, one button each, the one chosen marked. A row goes onto
  two where it does not fit, and none reaches into the staff corner.
- The tiles, in as many columns as the width suits (kiosk.theme MENU_TILE_*), under their topics'
  headings (leaflets without a topic last, under "Other leaflets" where others have one). A
  topic with no more tiles than a row holds shares a row with the topic before where it fits,
  each under its own heading; a topic's heading is repeated at the top of a page its tiles
  carry on to.
- "Previous page", "Page 2 of 3" and "Next page" at the foot, only where the tiles take more
  than one page: never a scroll area, which a shaky finger drags by mistake. The arrows are
  in the same place on every page, and gone where there is no page to go to; on a 7" panel
  "Previous" and "Next", or the arrows alone (their spoken names keep the words).

A title is never cut: a tile grows for it, and a page holds fewer tiles. A summary shows a few
lines at the most (kiosk.theme MENU_SUMMARY_LINES), cut after a word with "...": as many as
show the leaflets on the fewest pages. Where room is short, the menu gives up, in this order,
until a page holds MENU_TILES_A_PAGE tiles (else one): the heading, the topics' headings (the
tiles keep their order), the row of languages (then one button with the language chosen, which
opens the others in the tiles' place), text size and contrast (the reading screen has them
too), and the summaries' last line. Only where a tile with no summary is taller than a page
even then (a title of four lines on a 7" panel) is its title cut after a word, with "...";
its spoken name keeps it whole.

Its words and tiles grow with the patient's text size, as the start screen's do (kiosk.theme
`zoom`), as far as a page still shows MENU_TILES_A_PAGE tiles, keeping what the screen shows at
Standard size.

In a right-to-left language (the widget's layoutDirection) everything is mirrored: tiles run from
the right, Previous is at the right. A tile's words take their own article's direction: an
Arabic title is right-aligned in an English menu too. The staff corner stays at the top left.

Against burn-in (kiosk.ui.drift) everything drifts together, a pixel every few minutes while
the menu shows and nobody touches it, as the start screen does.

Its own words follow the interface's language when that changes (`_show_words`); the menu is
then fitted again, as their lengths ask.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTextBoundaryFinder,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import words
from kiosk.clock import Clock
from kiosk.languages import language_names
from kiosk.library import Library
from kiosk.theme import (
    MENU_TILES_A_PAGE,
    MenuSizes,
    Theme,
    burn_in_span,
    menu_sizes,
)
from kiosk.ui.drift import BurnInDrift, BurnInVeil, Room, room_for
from kiosk.ui.widgets import (
    BigButton,
    Icon,
    LanguagesButton,
    PageArrow,
    TextChoices,
    TextLabel,
)

# The menu grows with the text in steps this large (of Standard's size).
ZOOM_STEP = 0.05
_ELLIPSIS = "\u2026"
# Characters a shortened summary does not end on before its "...".
_TRAILING = " \t\n,;:\u3001\uff0c\u060c"


@dataclass(frozen=True)
class MenuEntry:
    """One tile, in the language shown."""

    title: str
    summary: str
    topic: str  # "" for none
    right_to_left: bool  # the article's own direction (Article.right_to_left)


def menu_entries(library: Library, language: str) -> list[MenuEntry]:
    """A tile for each of `library`'s leaflets, in menu order, in `language` where the leaflet
    has it (else in its own language: Leaflet.version). A translation's own `topic:` names
    the topic in its language; without one, the leaflet's topic."""
    entries = []
    for leaflet in library.leaflets:
        article = leaflet.version(language)
        topic = " ".join(article.metadata.get("topic", ())).strip() or leaflet.topic
        entries.append(MenuEntry(article.title, article.summary, topic, article.right_to_left))
    return entries


# Words in a tile, laid out with QTextLayout: the lines are known, so a summary can be cut
# after the last word that fits its lines, and a tile's height is exactly what is painted.


@functools.cache
def _text_option(right_to_left: bool) -> QTextOption:
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    side = Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
    )
    return option


def lay_out(text: str, font: QFont, width: float, right_to_left: bool) -> tuple[QTextLayout, int]:
    """`text` in lines `width` wide, a line pitch apart (taller where a line's letters need
    it); with the height the lines take."""
    layout = QTextLayout(text, font)
    layout.setTextOption(_text_option(right_to_left))
    pitch = QFontMetricsF(font).lineSpacing()
    top = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1.0))
        line.setPosition(QPointF(0, top))
        top += max(line.height(), pitch)
    layout.endLayout()
    return layout, math.ceil(top)


def shortened(text: str, font: QFont, width: float, lines: int, right_to_left: bool) -> str:
    """`text` as it fits in `lines` lines `width` wide: whole, or cut after a word (a break
    between two characters in a script without spaces) with "..."; "" for no lines."""
    if lines <= 0 or not text:
        return ""
    layout, _ = lay_out(text, font, width, right_to_left)
    if layout.lineCount() <= lines:
        return text
    last = layout.lineAt(lines - 1)
    end = last.textStart() + last.textLength()

    def fits(cut: str) -> bool:
        return lay_out(cut, font, width, right_to_left)[0].lineCount() <= lines

    def word_end(position: int) -> bool:
        before = text[position - 1]
        return before.isspace() or unicodedata.east_asian_width(before) in ("W", "F")

    for kind, usable in (
        (QTextBoundaryFinder.BoundaryType.Line, word_end),
        # A word longer than the lines (nothing else to cut at): after a letter.
        (QTextBoundaryFinder.BoundaryType.Grapheme, lambda position: True),
    ):
        for position in reversed(_boundaries(text, kind, end)):
            cut = text[:position].rstrip(_TRAILING)
            if cut and usable(position) and fits(cut + _ELLIPSIS):
                return cut + _ELLIPSIS
    return _ELLIPSIS


def _boundaries(text: str, kind: QTextBoundaryFinder.BoundaryType, end: int) -> list[int]:
    """Where `text` may be cut, as `kind` says, from its start up to `end`."""
    finder = QTextBoundaryFinder(kind, text)
    found = []
    position = finder.toNextBoundary()
    while 0 < position <= end:
        found.append(position)
        position = finder.toNextBoundary()
    return found


class LeafletTile(BigButton):
    """A leaflet's tile: its title (bold, whole, in the button's words' colour) and under it its
    summary, in the article's own direction. Pressed, it turns over as every button does."""

    def __init__(self, entry: MenuEntry, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(entry.title, theme, align_left=True, parent=parent)
        self.entry = entry
        self._sizes = menu_sizes(theme)
        self.summary_lines = self._sizes.summary_lines
        self.title_lines: int | None = None  # None: whole (see MenuScreen's last resort)
        self._shown: dict[int, tuple[str, str]] = {}  # width -> (title, summary) drawn
        spoken = f"{entry.title}. {entry.summary}" if entry.summary else entry.title
        self.setAccessibleName(spoken)

    def set_sizes(self, theme: Theme, summary_lines: int, title_lines: int | None) -> None:
        self.set_theme(theme)
        self._sizes = menu_sizes(theme)
        self.summary_lines = summary_lines
        self.title_lines = title_lines
        self._shown.clear()
        self.update()

    @property
    def title_px(self) -> int:
        """The pixel size of the title's letters."""
        return self._sizes.title_px

    def words_shown(self, width: int | None = None) -> tuple[str, str]:
        """(title, summary) as the tile shows them at `width` (its own by default)."""
        width = self.width() if width is None else width
        known = self._shown.get(width)
        if known is None:
            known = self._shown[width] = tile_words(
                self.entry, self._theme, self._sizes, width, self.summary_lines, self.title_lines
            )
        return known

    def heightForWidth(self, width: int) -> int:
        measure = measure_tile(self.entry, self._theme, self._sizes, width, self.title_lines)
        return measure.height(self._theme, self._sizes, self.summary_lines)

    def sizeHint(self) -> QSize:
        width = self._sizes.tile_least_width
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ink = self._paint_frame(painter)
        sizes, entry = self._sizes, self.entry
        inner = QRectF(self.rect()).adjusted(
            sizes.tile_padding,
            sizes.tile_vertical_padding,
            -sizes.tile_padding,
            -sizes.tile_vertical_padding,
        )
        title, summary = self.words_shown()
        painter.setPen(QColor(ink))
        layout, title_height = lay_out(
            title, self._theme.font(sizes.title_px, bold=True), inner.width(), entry.right_to_left
        )
        layout.draw(painter, inner.topLeft())
        if summary:
            turned = self.isDown() or self.isChecked()
            painter.setPen(QColor(ink if turned else self._theme.palette.muted_text))
            layout, _ = lay_out(
                summary, self._theme.font(sizes.summary_px), inner.width(), entry.right_to_left
            )
            layout.draw(painter, inner.topLeft() + QPointF(0, title_height + sizes.summary_gap))


def tile_words(
    entry: MenuEntry,
    theme: Theme,
    sizes: MenuSizes,
    width: int,
    summary_lines: int,
    title_lines: int | None = None,
) -> tuple[str, str]:
    """A tile's (title, summary) at `width`: the title whole (or in `title_lines` lines, the
    last resort), the summary in `summary_lines` lines at the most."""
    inner = width - 2 * sizes.tile_padding
    title = entry.title
    if title_lines is not None:
        font = theme.font(sizes.title_px, bold=True)
        title = shortened(title, font, inner, title_lines, entry.right_to_left)
    summary = shortened(
        entry.summary, theme.font(sizes.summary_px), inner, summary_lines, entry.right_to_left
    )
    return title, summary


@dataclass(frozen=True)
class TileMeasure:
    """What a tile's height is made of, at one width: its title's height as shown, and the
    height of each line of its whole summary."""

    title: int
    summary_lines: tuple[float, ...]

    def height(self, theme: Theme, sizes: MenuSizes, summary_lines: int) -> int:
        """The tile's height showing `summary_lines` lines of summary at the most: its words
        with the padding around them, never less than a touch target."""
        height = self.title
        shown = self.summary_lines[:summary_lines]
        if shown:
            height += sizes.summary_gap + math.ceil(sum(shown))
        return max(theme.touch_target_min, height + 2 * sizes.tile_vertical_padding)


def measure_tile(
    entry: MenuEntry, theme: Theme, sizes: MenuSizes, width: int, title_lines: int | None = None
) -> TileMeasure:
    """`entry`'s tile `width` wide: its title whole (or in `title_lines` lines, the last
    resort) and its summary's lines. A summary cut to fewer lines takes those lines' room:
    the same words up to its last line, in the same font."""
    inner = width - 2 * sizes.tile_padding
    rtl = entry.right_to_left
    title, _ = tile_words(entry, theme, sizes, width, 0, title_lines)
    title_height = lay_out(title, theme.font(sizes.title_px, bold=True), inner, rtl)[1]
    summary_font = theme.font(sizes.summary_px)
    layout, _ = lay_out(entry.summary, summary_font, inner, rtl)
    pitch = QFontMetricsF(summary_font).lineSpacing()
    lines = tuple(
        max(layout.lineAt(number).height(), pitch) for number in range(layout.lineCount())
    )
    return TileMeasure(title_height, lines if entry.summary else ())


class _ArrowWords(Enum):
    """What the page arrows say besides their arrow."""

    LONG = "long"  # "Previous page", "Next page"
    SHORT = "short"  # "Previous", "Next"
    NONE = "none"  # nothing: the arrow alone


class _Languages(Enum):
    """How the menu offers the library's languages."""

    NONE = "none"  # one language: nothing to choose
    ROW = "row"  # a button for each
    BUTTON = "button"  # one button that opens them (LanguagesButton)


@dataclass(frozen=True)
class _Structure:
    """What the menu holds besides its tiles, chosen at Standard size and kept as text grows."""

    heading: bool  # "Choose what to read"
    comfort: bool  # text size and contrast
    languages: _Languages
    topics: bool  # the topics' headings over their tiles (the tiles keep their order)


@dataclass
class _Page:
    """One page of tiles: where each tile and each topic heading goes."""

    tiles: list[tuple[int, QRect]] = field(default_factory=list)
    headings: list[tuple[str, QRect]] = field(default_factory=list)


@dataclass
class _Plan:
    """Where everything goes, in the reading direction's coordinates (x from the side a line
    starts at): mirrored when placed in a right-to-left menu."""

    structure: _Structure
    theme: Theme
    sizes: MenuSizes
    places: dict[QWidget, QRect] = field(default_factory=dict)  # the rows at the top
    pages: list[_Page] = field(default_factory=list)
    nav: dict[QWidget, QRect] = field(default_factory=dict)  # arrows and page words
    arrow_words: _ArrowWords = field(default_factory=lambda: _ArrowWords.LONG)
    columns: int = 1
    summary_lines: int = 0
    title_lines: dict[int, int] = field(default_factory=dict)  # the last resort's cut titles
    # Tiles showing more summary lines than `summary_lines`, where their page has the room.
    tile_lines: dict[int, int] = field(default_factory=dict)
    language_view: dict[QWidget, QRect] = field(default_factory=dict)

    @property
    def tiles_a_page(self) -> float:
        """How many tiles a page shows, on average (pages end early before a topic that
        does not fit under the one before)."""
        return sum(len(page.tiles) for page in self.pages) / max(len(self.pages), 1)


# A row of the choices at the top: its height, and what it holds with each one's place from
# the row's top-left.
_Row = tuple[int, list[tuple[QWidget, QRect]]]
_Chunk = list[tuple[QWidget, QSize]]


def _flow(chunks: Sequence[_Chunk], widths: Callable[[int], int], gap: int) -> list[_Row] | None:
    """Chunks of widgets side by side, `gap` apart, each on the row it fits in, else on the
    next; row n is `widths(n)` wide. None if a chunk is wider than its row."""
    rows: list[_Row] = []
    x = 0
    for chunk in chunks:
        chunk_width = sum(size.width() for _, size in chunk) + gap * (len(chunk) - 1)
        if not rows or x + gap + chunk_width > widths(len(rows) - 1):
            if chunk_width > widths(len(rows)):
                return None
            rows.append((0, []))
            x = -gap
        height, placed = rows[-1]
        for widget, size in chunk:
            x += gap
            placed.append((widget, QRect(x, 0, size.width(), size.height())))
            x += size.width()
            height = max(height, size.height())
        rows[-1] = (height, placed)
    return rows


def _to_end(row: _Row, width: int) -> _Row:
    """`row` moved to the far end of a row `width` wide."""
    height, placed = row
    used = max((rect.right() + 1 for _, rect in placed), default=0)
    return height, [(widget, rect.translated(width - used, 0)) for widget, rect in placed]


@dataclass
class _Band:
    """A row of tiles, with the headings of the topics it starts above their columns: one
    topic's row, or several small topics side by side (each under its own heading)."""

    tiles: list[tuple[int, int]] = field(default_factory=list)  # (column, entry index)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (column, span, words)
    continues: str | None = None  # the heading of the topic whose later row this is
    open: bool = False  # a later small topic may take its free columns


def _bands(groups: Sequence[tuple[str | None, list[int]]], columns: int) -> list[_Band]:
    """The groups' tiles in rows of `columns`: a topic with more tiles than that in rows of
    its own under its heading; a smaller one beside the one before where its row has room."""
    bands: list[_Band] = []
    free = 0
    for heading, indices in groups:
        count = len(indices)
        if count <= columns:
            if not (bands and bands[-1].open and free >= count):
                bands.append(_Band(open=True))
                free = columns
            band = bands[-1]
            first = columns - free
            if heading is not None:
                band.headings.append((first, count, heading))
            band.tiles.extend((first + offset, index) for offset, index in enumerate(indices))
            free -= count
            continue
        for start in range(0, count, columns):
            band = _Band(continues=heading if start else None)
            if heading is not None and not start:
                band.headings.append((0, columns, heading))
            row = indices[start : start + columns]
            band.tiles.extend(enumerate(row))
            bands.append(band)
    return bands


def _paginate(
    groups: Sequence[tuple[str | None, list[int]]],
    heights: Callable[[int], int],
    heading_heights: Callable[[str, int], int],
    columns: int,
    width: int,
    room: int,
    sizes: MenuSizes,
) -> list[_Page] | None:
    """The groups' tiles in rows (`_bands`) under their headings, in pages `room` tall, a
    topic's heading repeated at the top of a page its tiles carry on to; None if a row with
    its headings is taller than a page."""
    gap = sizes.gap
    tile_width = (width - gap * (columns - 1)) // columns

    def span_width(span: int) -> int:
        return span * tile_width + (span - 1) * gap

    pages: list[_Page] = []
    page = _Page()
    y = 0
    for band in _bands(groups, columns):
        row_height = max(heights(index) for _, index in band.tiles)
        for _attempt in range(2):
            fresh = not page.tiles
            headings = list(band.headings)
            if fresh and band.continues is not None:
                headings.append((0, columns, band.continues))
            above = max(
                (heading_heights(text, span_width(span)) for _, span, text in headings),
                default=-sizes.topic_gap,
            )
            above += sizes.topic_gap
            lead = 0 if fresh else (sizes.block_gap if headings else gap)
            if y + lead + above + row_height <= room:
                break
            if fresh:
                return None
            pages.append(page)
            page, y = _Page(), 0
        y += lead
        for column, span, text in headings:
            x = column * (tile_width + gap)
            page.headings.append((text, QRect(x, y, span_width(span), above - sizes.topic_gap)))
        y += above
        for column, index in band.tiles:
            x = column * (tile_width + gap)
            page.tiles.append((index, QRect(x, y, tile_width, row_height)))
        y += row_height
    if page.tiles:
        pages.append(page)
    return pages


class MenuScreen(QWidget):
    """Heading, text size, contrast and languages at the top; a page of leaflets' tiles under
    their topics; page arrows at the foot (see the module docstring)."""

    leaflet_chosen = Signal(int)  # a tile, by index into the entries given
    language_chosen = Signal(str)  # a language button, by its tag from set_languages
    smaller_text_requested = Signal()  # "A-"
    larger_text_requested = Signal()  # "A+"
    contrast_requested = Signal()  # "High contrast": on or off
    # Shows something other than its front (a later page, or the languages): a quiet spell
    # brings the front back for the next patient.
    away_changed = Signal(bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel_theme = theme  # as the window gives it
        self._theme = theme  # as drawn: grown with the text as far as there is room
        self._entries: list[MenuEntry] = []
        self._languages: list[str] = []
        self._current_language = ""
        self._plan: _Plan | None = None
        self._fitted: tuple[object, ...] = ()
        self._content = 0  # counts changes of what is shown, for `_fitted`
        self._fitting = False
        # The first tile of the page shown, kept in sight as the layout changes (None: keep
        # the page's number, as after new entries).
        self._first_shown: int | None = 0
        self._page = 0
        self._language_view = False
        self._away = False
        # Heights measured at the sizes of one theme: fitting asks for the same ones often.
        self._heights: dict[tuple[object, ...], int] = {}
        # Widths of words on one line, by font and words.
        self._advances: dict[tuple[str, str], int] = {}
        # Tiles' words measured, by what they depend on: kept from one text size to the next.
        self._tile_measures: dict[tuple[object, ...], TileMeasure] = {}
        self._home: dict[QWidget, QRect] = {}  # where each widget shown is laid out
        self._drift = BurnInDrift(self._drift_room, burn_in_span(theme), self)
        self._drift.moved.connect(self._follow_drift)
        # Every pixel changes colour by a level now and then, too (kiosk.ui.drift).
        self._veil = BurnInVeil(self._drift, self)

        self.heading_label = TextLabel(parent=self)
        self._choices = TextChoices(theme, self)
        self.smaller_button = self._choices.smaller
        self.text_size_label = self._choices.size_label
        self.larger_button = self._choices.larger
        self.contrast_button = self._choices.contrast
        self.languages_button = LanguagesButton(theme, self)
        self.language_buttons: list[BigButton] = []
        self.back_button = PageArrow("", theme, icon=Icon.BACK, parent=self)
        self.tiles: list[LeafletTile] = []
        self.topic_labels: list[TextLabel] = []
        self.previous_button = PageArrow(
            words.previous_page_button(), theme, icon=Icon.BACK, parent=self
        )
        self.next_button = PageArrow(words.next_page_button(), theme, icon=Icon.NEXT, parent=self)
        self.page_label = TextLabel(parent=self)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in self._fixed_widgets():
            widget.hide()
        self._show_words()

        self.smaller_button.clicked.connect(self.smaller_text_requested)
        self.larger_button.clicked.connect(self.larger_text_requested)
        self.contrast_button.clicked.connect(self._on_contrast_clicked)
        self.languages_button.clicked.connect(self._on_languages_clicked)
        self.back_button.clicked.connect(self._close_language_view)
        self.previous_button.clicked.connect(self.show_previous_page)
        self.next_button.clicked.connect(self.show_next_page)

        # The window's size, whatever the words would like (the screens adapt to the window).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.set_choices(can_smaller=False, can_larger=True, high_contrast=False)

    # What it shows

    def set_entries(self, entries: Sequence[MenuEntry]) -> None:
        """A tile for each of `entries`, in this order (under their topics); the page shown
        stays where it still exists."""
        for tile in self.tiles:
            # Out of the screen at once: deleteLater waits for the event loop.
            tile.hide()
            tile.setParent(None)
            tile.deleteLater()
        self._entries = list(entries)
        self.tiles = []
        for index, entry in enumerate(self._entries):
            tile = LeafletTile(entry, self._theme, self)
            tile.hide()
            tile.clicked.connect(lambda _=False, chosen=index: self.leaflet_chosen.emit(chosen))
            self.tiles.append(tile)
        self._heights.clear()
        self._tile_measures.clear()
        self._first_shown = None
        self._content_changed()

    def set_languages(self, languages: Sequence[str], current: str) -> None:
        """A button for each language `languages` (tags) names, in its own name, `current`
        marked; none with fewer than two."""
        same = list(languages) == self._languages
        if not same:
            for button in self.language_buttons:
                button.hide()
                button.setParent(None)
                button.deleteLater()
            self._languages = list(languages)
            self.language_buttons = []
            if len(self._languages) > 1:
                names = language_names(self._languages)
                for tag, name in zip(self._languages, names, strict=True):
                    button = BigButton(name, self._theme, compact=True, parent=self)
                    button.setCheckable(True)
                    button.hide()
                    button.clicked.connect(lambda _=False, chosen=tag: self._on_language(chosen))
                    self.language_buttons.append(button)
        self._current_language = current
        for tag, button in zip(self._languages, self.language_buttons, strict=False):
            button.setChecked(tag == current)
        self._show_language_chosen()
        if same and self._structure().languages is _Languages.ROW:
            return  # only which is marked changed: nothing moves
        self._content_changed()

    def set_choices(self, can_smaller: bool, can_larger: bool, high_contrast: bool) -> None:
        """Show the patient's choices: A- and A+ faint where there is no smaller or larger
        size, High contrast switched on or off."""
        self._choices.set_choices(can_smaller, can_larger, high_contrast)

    def set_theme(self, theme: Theme) -> None:
        self._panel_theme = theme
        self._drift.set_span(burn_in_span(theme))
        self._show_text_size()
        self._fit()

    def set_clock(self, clock: Clock) -> None:
        """Time the burn-in drift's steps by `clock` (the window's) rather than the screen's own."""
        self._drift.set_clock(clock)

    def show_first_page(self) -> None:
        """The first page of tiles, the languages closed: for the next patient."""
        self._first_shown = 0
        self._page = 0
        self._language_view = False
        self._place()
        self._report_away()

    def _report_away(self) -> None:
        away = self._page > 0 or self._language_view
        if away != self._away:
            self._away = away
            self.away_changed.emit(away)

    # Paging

    @property
    def page(self) -> int:
        """The page of tiles shown, from 0."""
        return self._page

    @property
    def page_count(self) -> int:
        return max(1, len(self._plan.pages)) if self._plan is not None else 1

    @property
    def showing_languages(self) -> bool:
        """Whether the languages show in the tiles' place (a small screen's language button)."""
        return self._language_view and self._structure().languages is _Languages.BUTTON

    def shown_tiles(self) -> list[LeafletTile]:
        """The tiles on the page shown, in reading order."""
        if self._plan is None or not self._plan.pages or self.showing_languages:
            return []
        return [self.tiles[index] for index, _ in self._plan.pages[self._page].tiles]

    @Slot()
    def show_next_page(self) -> None:
        if self._page + 1 < self.page_count:
            self._go_to(self._page + 1)

    @Slot()
    def show_previous_page(self) -> None:
        if self._page > 0:
            self._go_to(self._page - 1)

    def _go_to(self, page: int) -> None:
        self._page = page
        self._first_shown = self._first_on(page)
        self._place()
        self._report_away()

    def _first_on(self, page: int) -> int | None:
        """The first tile on `page` of the plan."""
        plan = self._plan
        if plan is None or not 0 <= page < len(plan.pages) or not plan.pages[page].tiles:
            return None
        return plan.pages[page].tiles[0][0]

    # Choices

    @Slot()
    def _on_contrast_clicked(self) -> None:
        # Qt switched the button over already; the session decides, and set_choices shows it.
        self.contrast_button.setChecked(not self.contrast_button.isChecked())
        self.contrast_requested.emit()

    def _on_language(self, tag: str) -> None:
        # As with contrast: the button shows the language chosen once set_languages says so.
        for other, button in zip(self._languages, self.language_buttons, strict=False):
            button.setChecked(other == self._current_language)
        self._language_view = False
        self._place()
        self._report_away()
        self.language_chosen.emit(tag)

    @Slot()
    def _on_languages_clicked(self) -> None:
        self._language_view = not self._language_view
        self._place()
        self._report_away()

    @Slot()
    def _close_language_view(self) -> None:
        self._language_view = False
        self._place()
        self._report_away()

    def _show_words(self) -> None:
        """Every word the menu sets itself (not the leaflets'), in the interface's language:
        when it is made, and again when the language changes. The page arrows' and the
        topics' words are set as the menu is fitted; the page's, as it is placed."""
        self.heading_label.setText(words.menu_heading())
        self._choices.show_words()
        self.back_button.set_words(words.back_button())
        self.back_button.setAccessibleName(words.back_button())
        self._show_arrow_words(self._plan.arrow_words if self._plan else _ArrowWords.LONG)
        self._show_text_size()
        self._show_language_chosen()

    def _show_language_chosen(self) -> None:
        """The language button's words: the language chosen, in its own name."""
        named = dict(zip(self._languages, language_names(self._languages), strict=True))
        name = named.get(self._current_language, self._current_language)
        self.languages_button.set_label(name, words.languages_spoken(name))

    def _show_text_size(self) -> None:
        """ "Text size" and under it the size chosen ("125%"), between A- and A+."""
        theme = self._panel_theme
        self._choices.show_size(5 * round(20 * theme.body_px / theme.standard_body_px))

    def _content_changed(self) -> None:
        self._content += 1
        self._fit()

    # Fitting: what the menu holds, and how far it grows with the text

    def _structure(self) -> _Structure:
        if self._plan is not None:
            return self._plan.structure
        return _Structure(True, True, _Languages.NONE, True)

    def _structures(self) -> Iterable[_Structure]:
        """What the menu may hold besides its tiles, from the most to the least."""
        ways = (_Languages.ROW, _Languages.BUTTON) if self.language_buttons else (_Languages.NONE,)
        for comfort in (True, False):
            for languages in ways:
                for topics in (True, False):
                    for heading in (True, False):
                        yield _Structure(heading, comfort, languages, topics)

    def _fit(self) -> None:
        """Choose what the menu holds at Standard size (`_choose`), then draw it with the
        largest zoom, in ZOOM_STEPs up to what the text size asks, at which it still fits with
        MENU_TILES_A_PAGE tiles a page (or as many as at Standard, if fewer)."""
        fitted = (
            self._panel_theme,
            self.width(),
            self.height(),
            self._content,
            self.layoutDirection(),
        )
        if self._fitting or fitted == self._fitted or not self.isVisible():
            return  # (a hidden menu is fitted when it shows: text grows while reading)
        if self.width() <= 0 or self.height() <= 0:
            return
        self._fitting = True
        try:
            base = self._panel_theme
            wanted = max(1.0, base.body_px / base.standard_body_px)
            steps = int((wanted - 1) / ZOOM_STEP + 1e-9)
            zooms = [1 + step * ZOOM_STEP for step in range(steps + 1)]
            if wanted > zooms[-1] + 1e-9:
                zooms.append(wanted)
            themes = [dataclasses.replace(base, zoom=base.zoom * zoom) for zoom in zooms]
            standard, least_lines = self._choose(themes[0])
            enough = min(standard.tiles_a_page, MENU_TILES_A_PAGE)
            chosen = standard
            # Larger words need more room, so the zooms that fit come first: find the last.
            low, high = 0, len(themes) - 1
            while low < high:
                middle = (low + high + 1) // 2
                plan = self._plan_for(themes[middle], standard.structure, least_lines)
                if plan is not None and plan.tiles_a_page >= enough:
                    low, chosen = middle, plan
                else:
                    high = middle - 1
            self._plan = chosen
            self._theme = chosen.theme
            self._page = self._page_holding(self._first_shown)
            self._first_shown = self._first_on(self._page)
            self._apply(chosen)
            self._place()
            self._fitted = fitted
        finally:
            self._fitting = False

    def _choose(self, theme: Theme) -> tuple[_Plan, int]:
        """The first structure that fits at Standard size, its plan, and the fewest summary
        lines it allows. Fitting is asked for in steps, each tried on every structure before
        the next: MENU_TILES_A_PAGE tiles a page (or all) with a line of summary, then with
        none; then a tile a page, with a line and with none. Where nothing fits, the least
        structure, with titles too long for a page cut (the last resort)."""
        summaries = any(entry.summary for entry in self._entries)
        enough = min(len(self._entries), MENU_TILES_A_PAGE)
        for tiles_a_page in (enough, 1) if enough > 1 else (1,):
            for least_lines in (1, 0) if summaries else (0,):
                for structure in self._structures():
                    plan = self._plan_for(theme, structure, least_lines)
                    if plan is not None and plan.tiles_a_page >= tiles_a_page:
                        return plan, least_lines
        structures = list(self._structures())
        plan = self._plan_for(theme, structures[-1], 0, cut_titles=True)
        assert plan is not None
        return plan, 0

    def _plan_for(
        self, theme: Theme, structure: _Structure, least_lines: int, *, cut_titles: bool = False
    ) -> _Plan | None:
        """Where everything goes with `theme`'s sizes holding `structure`, with at least
        `least_lines` lines of summary; None if it does not fit."""
        sizes = menu_sizes(theme)
        plan = _Plan(structure, theme, sizes)
        self._take_sizes(theme)
        width, height = self.width(), self.height()
        inner = width - 2 * sizes.side_margin
        if inner <= 0:
            return None
        rows = self._top_rows(plan, inner)
        if rows is None:
            return None
        # No button in the staff corner: rows that would reach it keep clear of its side.
        y = sizes.top_margin
        for row_height, placed in rows:
            for widget, rect in placed:
                plan.places[widget] = rect.translated(
                    sizes.side_margin, y + (row_height - rect.height()) // 2
                )
            y += row_height + sizes.gap
        if rows:
            top = y - sizes.gap + sizes.block_gap
        else:
            # Nothing above the tiles: they start below the staff corner.
            top = max(sizes.top_margin, self._panel_theme.staff_corner + sizes.gap)
        bottom = height - sizes.bottom_margin
        if structure.languages is _Languages.BUTTON and not self._place_language_view(
            plan, inner, top, bottom
        ):
            return None
        return (
            plan if self._place_tiles(plan, inner, top, bottom, least_lines, cut_titles) else None
        )

    def _take_sizes(self, theme: Theme) -> None:
        """Fonts and sizes of `theme` for every widget that measures itself."""
        if self._theme is theme and self._heights.get(("theme",)) == id(theme):
            return
        self._theme = theme
        self._heights.clear()
        self._heights[("theme",)] = id(theme)
        slim = self._slim(theme)
        for button in (
            self.smaller_button,
            self.larger_button,
            self.contrast_button,
            self.languages_button,
            *self.language_buttons,
        ):
            button.set_theme(slim)
        arrows = self._arrow_theme(theme)
        for button in (self.previous_button, self.next_button, self.back_button):
            button.set_theme(arrows)
        sizes = menu_sizes(theme)
        self.heading_label.setFont(theme.font(sizes.heading_px, bold=True))
        self.text_size_label.setFont(theme.font(theme.small_px))
        self.page_label.setFont(theme.font(theme.small_px, bold=True))

    @staticmethod
    def _slim(theme: Theme) -> Theme:
        """The choices at the top, as the start screen's: as tall as their words need, never
        less than a touch target."""
        return dataclasses.replace(theme, slim=True)

    def _arrow_theme(self, theme: Theme) -> Theme:
        """The page arrows (and Back): a start screen's button, slim, so that the page keeps
        the room for its tiles (still a touch target, 20 mm high on a 21.5" panel)."""
        return self._slim(theme)

    # The rows at the top

    def _top_rows(self, plan: _Plan, inner: int) -> list[_Row] | None:
        """The heading, text size and contrast, and the languages, in rows `inner` wide (the
        first narrower where a button would reach the staff corner); None where one does not
        fit."""
        theme, sizes, structure = plan.theme, plan.sizes, plan.structure
        gap = sizes.gap
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        corner = max(0, self._panel_theme.staff_corner - sizes.side_margin + gap)
        # The heading starts the first row at the left (only words: a tap there does nothing
        # but count towards staff access); buttons start it without a heading, and end it at
        # the left in a right-to-left menu.
        reach = sizes.top_margin < self._panel_theme.staff_corner and (rtl or not structure.heading)
        first = inner - corner if reach else inner

        def widths(row: int) -> int:
            return first if row == 0 else inner

        end: list[_Chunk] = []
        if structure.languages is _Languages.BUTTON:
            end.append([(self.languages_button, self._button_size(self.languages_button, inner))])
        if structure.comfort:
            end.extend(self._comfort_chunks(theme))
        languages: list[_Chunk] = []
        if structure.languages is _Languages.ROW:
            languages = [
                [(button, self._button_size(button, inner))] for button in self.language_buttons
            ]
        start: list[_Chunk] = []
        below: list[_Chunk] = []
        if structure.heading:
            heading_width = min(self._words_width(self.heading_label), first)
            start = [
                [
                    (
                        self.heading_label,
                        QSize(heading_width, self._label_height(self.heading_label, heading_width)),
                    )
                ]
            ]
            below = languages
        else:
            start = languages
        rows = self._two_sided(start, end, widths, gap)
        if rows is None:
            return None
        if below:
            above = len(rows)
            more = _flow(below, lambda row: widths(row + above), gap)
            if more is None:
                return None
            rows.extend(more)
        rows = [row for row in rows if row[1]]
        # Moved past the staff corner: the first row's start, or its end in a right-to-left
        # menu (which mirrors it to the left).
        if rows and first < inner and not rtl:
            height, placed = rows[0]
            rows[0] = (
                height,
                [(widget, rect.translated(inner - first, 0)) for widget, rect in placed],
            )
        return rows

    def _two_sided(
        self, start: list[_Chunk], end: list[_Chunk], widths: Callable[[int], int], gap: int
    ) -> list[_Row] | None:
        """`start` from a row's start and `end` at its far end: on one row where they fit
        together, else `end` on rows of its own under `start`'s."""
        together = _flow([*start, *end], widths, gap)
        if together is not None and len(together) == 1 and start and end:
            height, placed = together[0]
            at_end = {widget for chunk in end for widget, _ in chunk}
            first = [(w, r) for w, r in placed if w not in at_end]
            _, last = _to_end((height, [(w, r) for w, r in placed if w in at_end]), widths(0))
            return [(height, first + last)]
        starts = _flow(start, widths, gap) if start else []
        if starts is None:
            return None
        above = len(starts)
        ends = _flow(end, lambda row: widths(row + above), gap) if end else []
        if ends is None:
            return None
        return starts + [_to_end(row, widths(index + above)) for index, row in enumerate(ends)]

    def _comfort_chunks(self, theme: Theme) -> list[_Chunk]:
        """A-, "Text size" and A+ together, and High contrast."""
        slim = self._slim(theme)
        label = self.text_size_label
        label_width = self._words_width(label)
        side = slim.button_height
        letters = slim.font(slim.button_text_px, bold=True)

        def letter_size(button: BigButton) -> QSize:
            width = self._line_width(letters, button.text()) - 2 + 2 * slim.button_padding
            return QSize(max(side, width), side)

        contrast = self.contrast_button
        return [
            [
                (self.smaller_button, letter_size(self.smaller_button)),
                (label, QSize(label_width, self._label_height(label, label_width))),
                (self.larger_button, letter_size(self.larger_button)),
            ],
            [(contrast, QSize(contrast.sizeHint().width(), slim.button_height))],
        ]

    def _button_size(self, button: BigButton, most: int) -> QSize:
        """A language's button (or the one that opens the languages): as wide as its words on
        one line (where `most` allows) and the globe, as tall as they need; never less than a
        touch target. The row then holds more of them."""
        theme = self._slim(self._theme)
        font = theme.font(theme.small_px, bold=True)
        width = self._line_width(font, button.text()) + 2 * theme.compact_button_padding
        if isinstance(button, LanguagesButton):
            width += theme.compact_icon_room
        width = min(max(theme.touch_target_min, width), most)
        return QSize(width, self._measure(button, width))

    # The tiles

    def _groups(self, headings: bool) -> list[tuple[str | None, list[int]]]:
        """The entries by topic, topics in the order of their first entry, those without one
        last: under "Other leaflets" where there are topics, else under no heading. Without
        `headings`, in that order under none."""
        topics: dict[str, list[int]] = {}
        for index, entry in enumerate(self._entries):
            topics.setdefault(entry.topic, []).append(index)
        named = [(topic, indices) for topic, indices in topics.items() if topic]
        groups: list[tuple[str | None, list[int]]] = list(named)
        if "" in topics:
            groups.append((words.other_leaflets_heading() if named else None, topics[""]))
        if not headings:
            return [(None, [index for _, indices in groups for index in indices])]
        return groups

    def _columns(self, sizes: MenuSizes, inner: int) -> range:
        """How many columns of tiles the width suits (kiosk.theme MENU_TILE_*)."""
        gap = sizes.gap
        most = max(1, (inner + gap) // (sizes.tile_least_width + gap))
        least = min(most, max(1, math.ceil((inner + gap) / (sizes.tile_most_width + gap))))
        return range(least, most + 1)

    def _place_tiles(
        self, plan: _Plan, inner: int, top: int, bottom: int, least_lines: int, cut_titles: bool
    ) -> bool:
        """The tiles' pages between `top` and `bottom`, with at least `least_lines` lines of
        summary: in the fewest pages any number of columns and of summary lines (up to the
        most) takes; of those, with the most summary lines, in the fewest columns. The arrows
        go under them where there is more than one page."""
        sizes, theme = plan.sizes, plan.theme
        groups = self._groups(plan.structure.topics)
        if not self._entries:
            return True
        nav_height = self._place_nav(plan, inner, bottom)
        if nav_height is None:
            return False
        paged_bottom = bottom - nav_height - sizes.gap
        heading_heights = self._topic_height_for(theme, sizes)
        best: tuple[tuple[int, int, int], list[_Page], bool] | None = None
        for lines in range(sizes.summary_lines, least_lines - 1, -1):
            for columns in self._columns(sizes, inner):
                tile_width = (inner - sizes.gap * (columns - 1)) // columns
                heights = [
                    self._tile_height(theme, sizes, index, tile_width, lines)
                    for index in range(len(self._entries))
                ]
                height = heights.__getitem__
                pages = _paginate(
                    groups, height, heading_heights, columns, inner, bottom - top, sizes
                )
                paged = pages is None or len(pages) > 1
                if paged:
                    pages = _paginate(
                        groups, height, heading_heights, columns, inner, paged_bottom - top, sizes
                    )
                if pages is None:
                    continue
                rank = (len(pages), -lines, columns)
                if best is None or rank < best[0]:
                    best = (rank, pages, paged)
        if best is not None:
            (_, lines, plan.columns), pages, paged = best
            plan.summary_lines = -lines
            room = (paged_bottom if paged else bottom) - top
            for page in pages:
                self._grow_summaries(plan, page, room)
                self._fill_tiles(plan, page)
            self._keep_pages(plan, pages, top, paged_bottom if paged else bottom)
            if not paged:
                plan.nav.clear()
            return True
        if not cut_titles:
            return False
        # The last resort: one column, no summary, and each title too long for a page of its
        # own cut after a word (its tile's accessible name keeps it whole).
        topics = [heading_heights(h, inner) + sizes.topic_gap for h, _ in groups if h is not None]
        room = paged_bottom - top - max(topics, default=0)
        title_font = theme.font(sizes.title_px, bold=True)
        for index, entry in enumerate(self._entries):
            if self._tile_height(theme, sizes, index, inner, 0) <= room:
                continue
            title_width = inner - 2 * sizes.tile_padding
            whole = lay_out(entry.title, title_font, title_width, entry.right_to_left)[0]
            kept = max(1, whole.lineCount() - 1)
            while kept > 1 and self._tile_height(theme, sizes, index, inner, 0, kept) > room:
                kept -= 1
            plan.title_lines[index] = kept

        def cut_height(index: int) -> int:
            return self._tile_height(theme, sizes, index, inner, 0, plan.title_lines.get(index))

        pages = _paginate(
            groups, cut_height, heading_heights, 1, inner, max(paged_bottom - top, 1), sizes
        )
        plan.columns, plan.summary_lines = 1, 0
        self._keep_pages(plan, pages or [], top, paged_bottom)
        return True

    def _grow_summaries(self, plan: _Plan, page: _Page, room: int) -> None:
        """Give the room a page has to spare to its tiles' summaries: as many more lines each
        (up to the most) as the page still holds, its rows moved down to make way."""
        sizes, theme = plan.sizes, plan.theme
        used = max(rect.bottom() + 1 for _, rect in page.tiles)
        tops = sorted({rect.top() for _, rect in page.tiles})
        for lines in range(sizes.summary_lines, plan.summary_lines, -1):
            grown = {
                top: max(
                    self._tile_height(theme, sizes, index, rect.width(), lines)
                    for index, rect in page.tiles
                    if rect.top() == top
                )
                for top in tops
            }
            before = {rect.top(): rect.height() for _, rect in page.tiles}
            if used + sum(grown[top] - before[top] for top in tops) > room:
                continue

            def moved(
                y: int, grown: dict[int, int] = grown, before: dict[int, int] = before
            ) -> int:
                """How far down whatever starts at `y` goes: the growth of the rows above."""
                return sum(grown[top] - before[top] for top in tops if top < y)

            page.tiles = [
                (index, QRect(rect.x(), rect.y() + moved(rect.y()), rect.width(), grown[rect.y()]))
                for index, rect in page.tiles
            ]
            page.headings = [
                (text, rect.translated(0, moved(rect.y()))) for text, rect in page.headings
            ]
            for index, _ in page.tiles:
                plan.tile_lines[index] = lines
            return

    def _fill_tiles(self, plan: _Plan, page: _Page) -> None:
        """Let each tile's summary take the lines its tile has room for (up to the most):
        a tile is as tall as the tallest in its row, and one with a shorter title would
        otherwise end its summary with "..." over an empty band."""
        sizes, theme = plan.sizes, plan.theme
        for index, rect in page.tiles:
            lines = plan.tile_lines.get(index, plan.summary_lines)
            shown = lines
            while shown < sizes.summary_lines and (
                self._tile_height(theme, sizes, index, rect.width(), shown + 1) <= rect.height()
            ):
                shown += 1
            if shown > lines:
                plan.tile_lines[index] = shown

    @staticmethod
    def _keep_pages(plan: _Plan, pages: list[_Page], top: int, tiles_bottom: int) -> None:
        """`pages` placed from `top`: a single page in the middle of its room, more from the
        top, so that nothing moves but the tiles when the page turns."""
        sizes = plan.sizes
        shift_down = 0
        if len(pages) == 1:
            used = max(
                [rect.bottom() + 1 for _, rect in pages[0].tiles]
                + [rect.bottom() + 1 for _, rect in pages[0].headings]
            )
            shift_down = max(0, (tiles_bottom - top - used) // 2)
        for page in pages:
            page.tiles = [
                (index, rect.translated(sizes.side_margin, top + shift_down))
                for index, rect in page.tiles
            ]
            page.headings = [
                (text, rect.translated(sizes.side_margin, top + shift_down))
                for text, rect in page.headings
            ]
        plan.pages = pages

    def _tile_height(
        self,
        theme: Theme,
        sizes: MenuSizes,
        index: int,
        width: int,
        lines: int,
        title_lines: int | None = None,
    ) -> int:
        # What a tile's words take depends on their sizes and the width alone.
        key = (sizes, index, width, title_lines)
        measure = self._tile_measures.get(key)
        if measure is None:
            entry = self._entries[index]
            measure = measure_tile(entry, theme, sizes, width, title_lines)
            self._tile_measures[key] = measure
        return measure.height(theme, sizes, lines)

    def _topic_height_for(self, theme: Theme, sizes: MenuSizes) -> Callable[[str, int], int]:
        """A topic's heading's height at a width, at `theme`'s sizes."""
        font = theme.font(sizes.topic_px, bold=True)

        def height(text: str, width: int) -> int:
            key = ("topic", id(theme), text, width)
            known = self._heights.get(key)
            if known is None:
                known = self._heights[key] = lay_out(text, font, width, False)[1]
            return known

        return height

    # The arrows and the languages' own view

    def _place_nav(self, plan: _Plan, inner: int, bottom: int) -> int | None:
        """Previous page, "Page n of m" and Next page across the foot: the first of these that
        fits, their height (None where none does): with long words, short ones, arrows
        alone (a 7" panel), and last the page words above the arrows."""
        sizes = plan.sizes
        gap = sizes.gap
        count = max(len(self._entries), 1)
        page_words = words.menu_page(count, count)
        words_width = self._line_width(self.page_label.font(), page_words)
        words_height = QFontMetrics(self.page_label.font()).lineSpacing()
        for arrow_words, stacked in (
            (_ArrowWords.LONG, False),
            (_ArrowWords.SHORT, False),
            (_ArrowWords.NONE, False),
            (_ArrowWords.NONE, True),
        ):
            self._show_arrow_words(arrow_words)
            previous = self._arrow_size(self.previous_button, inner)
            following = self._arrow_size(self.next_button, inner)
            arrows = max(previous.height(), following.height())
            between = inner - previous.width() - following.width() - 2 * gap
            if not stacked and between < words_width:
                continue
            row_top = bottom - arrows
            left = sizes.side_margin
            plan.nav = {
                self.previous_button: QRect(left, row_top, previous.width(), arrows),
                self.next_button: QRect(
                    left + inner - following.width(), row_top, following.width(), arrows
                ),
            }
            plan.arrow_words = arrow_words
            if stacked:
                words_top = row_top - gap - words_height
                plan.nav[self.page_label] = QRect(left, words_top, inner, words_height)
                return arrows + gap + words_height
            plan.nav[self.page_label] = QRect(
                left + previous.width() + gap, row_top, between, arrows
            )
            return arrows
        return None

    def _show_arrow_words(self, shown: _ArrowWords) -> None:
        """Give the page arrows the long words, the short ones, or none."""
        for button, long, short in (
            (
                self.previous_button,
                words.previous_page_button(),
                words.previous_page_short_button(),
            ),
            (self.next_button, words.next_page_button(), words.next_page_short_button()),
        ):
            button.set_words({_ArrowWords.LONG: long, _ArrowWords.SHORT: short}.get(shown))
            button.setAccessibleName(long)

    def _arrow_size(self, button: PageArrow, most: int) -> QSize:
        """A page arrow (or Back) with its words on one line: as wide as they are, or where
        it has none, a touch target's square."""
        theme = self._arrow_theme(self._theme)
        if not button.text():
            side = max(theme.touch_target_min, theme.bar_button_height)
            return QSize(side, side)
        font = theme.font(theme.button_text_px, bold=True)
        width = self._line_width(font, button.text()) + theme.icon_room + 2 * theme.button_padding
        width = min(max(width, theme.touch_target_min), most)
        return QSize(width, self._measure(button, width))

    def _place_language_view(self, plan: _Plan, inner: int, top: int, bottom: int) -> bool:
        """The languages in the tiles' place, as a grid of equal buttons, and Back at the foot
        where Previous page is; False where they do not fit."""
        sizes = plan.sizes
        gap = sizes.gap
        buttons = self.language_buttons
        sizes_wanted = [self._button_size(button, inner) for button in buttons]
        width = max(size.width() for size in sizes_wanted)
        height = max(self._measure(button, width) for button in buttons)
        columns = max(1, min(len(buttons), (inner + gap) // (width + gap)))
        rows = math.ceil(len(buttons) / columns)
        back = self._arrow_size(self.back_button, inner)
        needed = rows * height + (rows - 1) * gap + gap + back.height()
        if needed > bottom - top:
            return False
        for index, button in enumerate(buttons):
            row, column = divmod(index, columns)
            plan.language_view[button] = QRect(
                sizes.side_margin + column * (width + gap),
                top + row * (height + gap),
                width,
                height,
            )
        plan.language_view[self.back_button] = QRect(
            sizes.side_margin, bottom - back.height(), back.width(), back.height()
        )
        return True

    # Measuring

    def _measure(self, widget: BigButton | TextLabel, width: int) -> int:
        key = ("measure", id(widget), widget.text(), width)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = widget.heightForWidth(width)
        return height

    def _label_height(self, label: TextLabel, width: int) -> int:
        return self._measure(label, width)

    def _words_width(self, label: TextLabel) -> int:
        return max(
            (self._line_width(label.font(), line) for line in label.text().splitlines()), default=0
        )

    def _line_width(self, font: QFont, text: str) -> int:
        """`text` on one line in `font` (with a pixel to spare for rounding)."""
        key = (font.key(), text)
        width = self._advances.get(key)
        if width is None:
            width = self._advances[key] = QFontMetrics(font).horizontalAdvance(text) + 2
        return width

    # Placing

    def _page_holding(self, index: int | None) -> int:
        """The page of the plan that shows tile `index`; for None, the page shown if it
        still exists, else the last."""
        plan = self._plan
        if plan is None or not plan.pages:
            return 0
        for number, page in enumerate(plan.pages):
            if any(shown == index for shown, _ in page.tiles):
                return number
        return min(self._page, len(plan.pages) - 1)

    def _apply(self, plan: _Plan) -> None:
        """The chosen sizes' fonts and colours."""
        theme, sizes = plan.theme, plan.sizes
        self._take_sizes(theme)
        palette = theme.palette
        self.setStyleSheet(f"MenuScreen {{ background: {palette.background}; }}")
        self.heading_label.set_style(theme, sizes.heading_px, palette.text, bold=True)
        self.text_size_label.set_style(theme, theme.small_px, palette.text)
        self.page_label.set_style(theme, theme.small_px, palette.text, bold=True)
        for label in self.topic_labels:
            label.set_style(theme, sizes.topic_px, palette.text, bold=True)
        for index, tile in enumerate(self.tiles):
            lines = plan.tile_lines.get(index, plan.summary_lines)
            tile.set_sizes(theme, lines, plan.title_lines.get(index))
        self._show_arrow_words(plan.arrow_words)

    def _fixed_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.heading_label,
            self.smaller_button,
            self.text_size_label,
            self.larger_button,
            self.contrast_button,
            self.languages_button,
            self.back_button,
            self.previous_button,
            self.next_button,
            self.page_label,
        )

    def _place(self) -> None:
        """Put everything where the plan says, for the page (or the languages) shown."""
        plan = self._plan
        if plan is None:
            return
        self._page = min(self._page, max(len(plan.pages) - 1, 0))
        places: dict[QWidget, QRect] = dict(plan.places)
        language_view = self.showing_languages
        self.languages_button.setChecked(language_view)
        if language_view:
            places.update(plan.language_view)
        elif plan.pages:
            page = plan.pages[self._page]
            for index, rect in page.tiles:
                places[self.tiles[index]] = rect
            while len(self.topic_labels) < len(page.headings):
                label = TextLabel(parent=self)
                label.set_style(plan.theme, plan.sizes.topic_px, plan.theme.palette.text, bold=True)
                self.topic_labels.append(label)
            for label, (text, rect) in zip(self.topic_labels, page.headings, strict=False):
                label.setText(text)
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                places[label] = rect
            if len(plan.pages) > 1:
                self.page_label.setText(words.menu_page(self._page + 1, len(plan.pages)))
                places[self.page_label] = plan.nav[self.page_label]
                if self._page > 0:
                    places[self.previous_button] = plan.nav[self.previous_button]
                if self._page + 1 < len(plan.pages):
                    places[self.next_button] = plan.nav[self.next_button]
        everything = (
            *self._fixed_widgets(),
            *self.language_buttons,
            *self.tiles,
            *self.topic_labels,
        )
        for widget in everything:
            if widget not in places:
                widget.hide()
        self._home.clear()
        mirrored = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for widget, rect in places.items():
            if mirrored:
                rect = QRect(
                    self.width() - rect.x() - rect.width(), rect.y(), rect.width(), rect.height()
                )
            if isinstance(widget, BigButton):
                # The height given is what its words need at this width (BigButton keeps
                # a taller minimum it took at a narrower width before).
                widget.setMinimumHeight(0)
            self._home[widget] = rect
            widget.setGeometry(rect.translated(self._drift.offset))
        for widget in places:
            widget.show()
        self._drift.fit()

    # Burn-in drift

    def _drift_room(self) -> Room:
        """How far the content may drift from where it is laid out: all of it on the screen,
        no button in the staff corner."""
        drawn = list(self._home.values())
        targets = [rect for widget, rect in self._home.items() if isinstance(widget, BigButton)]
        return room_for(self.rect(), drawn, targets, self._panel_theme.staff_corner)

    @Slot()
    def _follow_drift(self) -> None:
        offset = self._drift.offset
        for widget, rect in self._home.items():
            widget.move(rect.topLeft() + offset)

    # Qt

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._fit()
        elif event.type() == QEvent.Type.LanguageChange:
            # Other words take other room: fitted again (now, or when it next shows).
            self._show_words()
            self._content_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
        self._drift.fit()
        self._drift.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._drift.stop()
        if self._language_view:
            self._language_view = False
            self._place()
            self._report_away()
