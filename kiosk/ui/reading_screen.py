"""The reading screen: the page as a slide that follows the finger, the bars around it, and
the sheet of choices (kiosk.ui.options_sheet) over it.

The screen shows the positions the window gives it and reports what the patient asked for
(next, back, home, the choices). It never decides where to go; the neighbours it shows while a
finger drags are the ones the window told it. Its slides are painted once and kept as pixmaps
(kiosk.ui.page_cache), so a frame of a drag or a turn is a copy of pixels, whatever the text.

The bars' words follow the interface's language when that changes (`_show_words`), and the
bars are measured again for them; the kept pixmaps, which hold the end screen's heading at the
edge of a drag, are dropped.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QRegion,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk import words
from kiosk.navigation import Position, Screen, is_valid, progress
from kiosk.speech import Speed, Volume
from kiosk.swipe import Gesture, SwipeTracker
from kiosk.text_layout import ArticleLayout
from kiosk.theme import BAR_ZOOM_STEP, TextSize, Theme
from kiosk.ui.options_sheet import OptionsSheet, SheetContents
from kiosk.ui.page_cache import PageCache
from kiosk.ui.page_painter import highlight_rows, paint_page
from kiosk.ui.widgets import BigButton, Icon, PageArrow, ProgressBar, SignButton, TextLabel

log = logging.getLogger(__name__)

# DESIGN.md: page turns animate briefly, never longer than this.
MAX_TURN_MS = 250


class SlideView(QWidget):
    """Draws the current page, and during a drag or a turn the page beside it: each painted
    once into a pixmap, moved as pixels while anything moves."""

    next_requested = Signal()  # swipe left, or a tap in the margin right of the text
    back_requested = Signal()  # swipe right, or a tap in the margin left of the text

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._theme = theme
        self._layout: ArticleLayout | None = None
        self._current = Position(Screen.READING)
        self._previous = Position(Screen.START)
        self._next = Position(Screen.END)
        self._outgoing: Position | None = None
        self._direction = 0  # +1: the current page came in from the right
        self._offset = 0.0
        self._highlight: tuple[int, int] | None = None
        self.animations = True
        self.right_to_left = False  # mirrors swipes, edge taps and the way pages slide
        self._tracker = self._new_tracker()
        self._animation = QVariantAnimation(self)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_step)
        self._animation.finished.connect(self._on_animation_finished)
        self._cache = PageCache(self._paint_cached_slide)
        self._band: _Band | None = None
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm_neighbours)

    # What to show

    def set_theme(self, theme: Theme, layout: ArticleLayout) -> None:
        self._theme = theme
        self._layout = layout
        self._tracker = self._new_tracker()
        self._settle()

    def show_position(
        self, current: Position, previous: Position, following: Position, direction: int = 0
    ) -> None:
        """Show `current`: direction +1/-1 slides it in from the right/left, 0 shows it at once."""
        old = self._current
        old_offset = self._offset
        self._animation.stop()
        self._current, self._previous, self._next = current, previous, following
        if direction == 0 or not self.animations or old == current or not self.isVisible():
            self._settle()
            return
        # Continue from wherever the old page is now (a drag may have moved it already).
        self._outgoing = old
        self._highlight = None
        direction *= self._forward
        self._direction = direction
        start = old_offset + direction * self.width()
        self._animate(start)

    def set_highlight(self, characters: tuple[int, int] | None) -> None:
        """Mark a stretch of the current page's text (the sentence being read aloud)."""
        self._highlight = characters
        self.update()

    @property
    def _forward(self) -> int:
        """+1 when the next page lies to the right (left-to-right text), -1 when to the left."""
        return -1 if self.right_to_left else 1

    @property
    def is_animating(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    @property
    def offset(self) -> float:
        """How far the current page is drawn from its resting place (0 at rest)."""
        return self._offset

    def finish_animation(self) -> None:
        if self.is_animating:
            self._animation.stop()
            self._settle()

    # Input: one finger or a mouse

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            self._on_touch(event)
            return True
        if kind == QEvent.Type.TouchCancel:
            self._cancel_drag()
            return True
        return super().event(event)

    def _on_touch(self, event: QTouchEvent) -> None:
        event.accept()
        points = event.points()
        if len(points) != 1:
            # Two or more fingers (a palm, a child's hand): not a page turn.
            self._cancel_drag()
            return
        point = points[0].position()
        time_ms = float(event.timestamp())
        if event.type() == QEvent.Type.TouchBegin:
            self._press(point, time_ms)
        elif event.type() == QEvent.Type.TouchUpdate:
            self._move(point, time_ms)
        else:
            self._release(point, time_ms)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press(event.position(), float(event.timestamp()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move(event.position(), float(event.timestamp()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._release(event.position(), float(event.timestamp()))
        event.accept()

    def _press(self, point: QPointF, time_ms: float) -> None:
        # A finger landing on a moving page catches it where it is.
        self.finish_animation()
        self._tracker.press(point.x(), point.y(), time_ms)

    def _move(self, point: QPointF, time_ms: float) -> None:
        if not self._tracker.active:
            return
        offset = self._tracker.move(point.x(), point.y(), time_ms)
        if not self.animations:
            # No motion at all: the page stays put under the finger and turns on release.
            return
        if offset != self._offset:
            self._offset = offset
            self.update()

    def _release(self, point: QPointF, time_ms: float) -> None:
        if not self._tracker.active:
            return
        start_x = self._tracker.start_x
        gesture = self._tracker.release(point.x(), point.y(), time_ms)
        towards_right = self.next_requested if self._forward > 0 else self.back_requested
        towards_left = self.back_requested if self._forward > 0 else self.next_requested
        if gesture is Gesture.TAP:
            self._offset = 0.0
            # Only the margins beside the text, where they are wide enough (Theme): a tap on
            # the first or last words of a line is someone reading, not turning.
            zone = self._theme.edge_zone_width
            if zone and start_x < zone:
                towards_left.emit()
            elif zone and start_x >= self.width() - zone:
                towards_right.emit()
        elif gesture is Gesture.SWIPE_LEFT:  # the finger pulls in the page on the right
            towards_right.emit()
        elif gesture is Gesture.SWIPE_RIGHT:
            towards_left.emit()
        else:
            self._snap_back()

    def _cancel_drag(self) -> None:
        if self._tracker.active:
            self._tracker.cancel()
            self._snap_back()

    def _snap_back(self) -> None:
        self._outgoing = None
        if self._offset == 0:
            return
        if self.animations:
            self._animate(self._offset)
        else:
            self._settle()

    # Motion

    def _new_tracker(self) -> SwipeTracker:
        return SwipeTracker(
            swipe_distance=self._theme.swipe_distance,
            tap_slop=self._theme.tap_slop,
            fling_speed=self._theme.fling_speed,
        )

    def _animate(self, start: float) -> None:
        """Move the current page from `start` to rest, faster the less way there is to go."""
        width = max(self.width(), 1)
        duration = max(1, round(MAX_TURN_MS * min(abs(start) / width, 1.0)))
        self._offset = start
        self._animation.setDuration(duration)
        self._animation.setStartValue(float(start))
        self._animation.setEndValue(0.0)
        self._animation.start()

    @Slot(object)
    def _on_animation_step(self, value: object) -> None:
        assert isinstance(value, float)
        self._offset = value
        self.update()

    @Slot()
    def _on_animation_finished(self) -> None:
        self._settle()

    def _settle(self) -> None:
        self._offset = 0.0
        self._outgoing = None
        self._direction = 0
        self.update()

    # Drawing
    #
    # Each slide is painted once into a pixmap (kiosk.ui.page_cache) and a frame only places
    # pixmaps: painting text costs per letter, and at the kiosk's sizes a great deal. The
    # sentence read aloud is a band of its own over the current page, so that the page's
    # pixmap is still right when the sentence moves on or a turn clears it.

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        width, height = self.width(), self.height()
        background = self._background
        if self._layout is None:
            painter.fillRect(self.rect(), background)
            return
        self._configure_cache()
        placed = self._placed_slides()
        live = not self._cache.enabled
        area = self._cache.area
        if live:
            # Too large a panel to keep pixmaps of (kiosk.ui.page_cache): straight onto the
            # screen, each slide clipped to its own place.
            painter.fillRect(self.rect(), background)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        else:
            # A pixmap holds only a slide's text column; the rest of the frame is background.
            uncovered = QRegion(self.rect())
            for _, x in placed:
                uncovered -= QRegion(area.translated(round(x), 0))
            painter.setClipRegion(uncovered)
            painter.fillRect(self.rect(), background)
            painter.setClipping(False)
        for position, x in placed:
            if live:
                painter.save()
                painter.setClipRect(QRectF(x, 0, width, height))
                self._paint_slide(painter, position, x)
                painter.restore()
            else:
                painter.drawImage(QPointF(x + area.left(), area.top()), self._cache.image(position))
            if position == self._current:
                band = self._highlight_band()
                if band is not None:
                    painter.drawPixmap(QPointF(x, band.top), band.pixmap)
        if self._offset == 0 and self._outgoing is None and not live:
            # At rest: paint the neighbours now, so the first frame of a drag is a copy too.
            self._warm_timer.start()

    def _placed_slides(self) -> list[tuple[Position, float]]:
        """The slides on screen and where their left edges are, on whole device pixels (so a
        pixmap is copied, never resampled)."""
        width = self.width()
        right_neighbour = self._next if self._forward > 0 else self._previous
        left_neighbour = self._previous if self._forward > 0 else self._next
        placed = [(self._current, self._offset)]
        if self._outgoing is not None:
            placed.append((self._outgoing, self._offset - self._direction * width))
        elif self._offset < 0:
            placed.append((right_neighbour, self._offset + width))
        elif self._offset > 0:
            placed.append((left_neighbour, self._offset - width))
        ratio = self.devicePixelRatioF()
        snapped = [(position, round(x * ratio) / ratio) for position, x in placed]
        return [(position, x) for position, x in snapped if abs(x) < width]

    def _configure_cache(self) -> None:
        """Drop the kept pixmaps if anything but the position decides their pixels now, and
        keep only the slides that can be on screen before the position changes again."""
        look = (self._layout, self._theme, self.layoutDirection())
        self._cache.configure(self._text_area(), self.devicePixelRatioF(), look)
        wanted = [self._current, self._previous, self._next]
        if self._outgoing is not None:
            wanted.append(self._outgoing)
        self._cache.retain(wanted)

    @Slot()
    def _warm_neighbours(self) -> None:
        """Paint one neighbour that is not kept yet; come back for the other (a finger landing
        meanwhile is served in between)."""
        moving = self._offset != 0 or self._outgoing is not None or self._tracker.active
        if self._layout is None or moving or not self.isVisible():
            return  # the next paint at rest asks again
        self._configure_cache()
        if not self._cache.enabled:
            return
        ahead = [self._next, self._previous]  # the next page is the likelier drag
        missing = [position for position in ahead if position not in self._cache]
        if missing:
            self._cache.image(missing[0])
        if len(missing) > 1:
            self._warm_timer.start()

    def _text_area(self) -> QRect:
        """Where a slide draws anything but background: its text column, with room for
        letters' antialiased edges and italic overhang, within the slide."""
        room = self._theme.margin // 2
        column = self._theme.column_rect.adjusted(-room, -room, room, room)
        return column.intersected(self.rect())

    def _paint_cached_slide(self, painter: QPainter, position: Position) -> None:
        """The whole slide at `position`, as the cache keeps it."""
        # A painter on a pixmap knows nothing of the widget: give it what it would inherit.
        painter.setLayoutDirection(self.layoutDirection())
        painter.fillRect(QRect(0, 0, self.width() + 1, self.height() + 1), self._background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._paint_slide(painter, position, 0.0)

    def _highlight_band(self) -> _Band | None:
        """The rows of the current page that hold the sentence read aloud, painted marked,
        once per sentence: a few lines of text rather than the whole page."""
        layout, current, highlight = self._layout, self._current, self._highlight
        if highlight is None or layout is None or current.screen is not Screen.READING:
            self._band = None
            return None
        ratio = self.devicePixelRatioF()
        direction = self.layoutDirection()
        key = (layout, self._theme, direction, self.size(), ratio, current, highlight)
        if self._band is not None and self._band.key == key:
            return self._band
        section = layout.sections[current.section]
        rows = highlight_rows(section, current.page, highlight)
        if rows is None:
            self._band = None
            return None
        column = self._theme.column_rect
        # Some room above and below the lines: the marking's edges are antialiased and may
        # reach a pixel beyond them. On whole device pixels, so the band's text lands exactly
        # where the page's would.
        room = self._theme.line_height_px / 4
        top = math.floor(max(column.top() + rows[0] - room, 0) * ratio) / ratio
        bottom = math.ceil(min(column.top() + rows[1] + room, self.height()) * ratio) / ratio
        pixmap = QPixmap(math.ceil(self.width() * ratio), round((bottom - top) * ratio))
        pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        painter.setLayoutDirection(direction)
        painter.translate(0, -top)
        rows_rect = QRectF(0, top, self.width() + 1, bottom - top)
        painter.fillRect(rows_rect, self._background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        palette = layout.theme.palette
        page = current.page
        paint_page(
            painter, section, page, column.left(), column.top(), palette, highlight, only=rows_rect
        )
        painter.end()
        self._band = _Band(key, top, pixmap)
        return self._band

    @property
    def _background(self) -> QColor:
        return QColor(self._theme.palette.background)

    def _paint_slide(
        self,
        painter: QPainter,
        position: Position,
        x: float,
        highlight: tuple[int, int] | None = None,
    ) -> None:
        """Paint the slide at `position` with its left edge at `x`, straight onto `painter`
        (the pixmaps are made with it; tests compare frames against it)."""
        if abs(x) >= self.width() or self._layout is None:
            return
        column = self._theme.column_rect
        if position.screen is Screen.READING:
            section = self._layout.sections[position.section]
            left = x + column.left()
            palette = self._layout.theme.palette
            paint_page(painter, section, position.page, left, column.top(), palette, highlight)
            return
        # The start or end screen, seen at the edge of a drag: its big words only.
        text = (
            self._layout.article.title if position.screen is Screen.START else words.end_heading()
        )
        painter.save()
        painter.setPen(QColor(self._theme.palette.text))
        painter.setFont(self._theme.font(self._theme.heading_px, bold=True))
        target = column.translated(round(x), 0)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        painter.drawText(target, flags, text)
        painter.restore()

    def hideEvent(self, event: QHideEvent) -> None:
        # Off screen (the start screen, most of the day) the pixmaps are only memory.
        self._cache.clear()
        self._band = None
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            # The end screen's words at the edge of a drag are in the pixmaps kept.
            self._cache.clear()
            self.update()


class _Band(NamedTuple):
    """The current page's rows that hold the sentence read aloud, marked, and what they were
    painted for (`key`)."""

    key: tuple[object, ...]
    top: float
    pixmap: QPixmap


class _BarWidths(NamedTuple):
    """How wide the header's and footer's parts are at one zoom, in pixels."""

    home: int
    sign: int
    text_size_label: int
    contrast: int
    read_aloud: int  # the wider of "Read aloud" and "Stop reading"
    sound: int
    back: int
    next: int  # plain "Next"
    position: int  # the widest "Section n of m · Page p of q" of the article
    gap: int

    def header_rows(self, rows: int, caption: bool) -> list[int]:
        """The width of each header row (with or without "Text size" between the signs)."""
        signs = self.sign + self.gap + self.sign
        if caption:
            signs += self.gap + self.text_size_label
        comfort = self.contrast + self.gap + self.read_aloud + self.gap + self.sound
        if rows == 1:
            return [self.home + self.gap + signs + 2 * self.gap + comfort]
        return [self.home + self.gap + signs, comfort]

    def footer_rows(self, rows: int) -> list[int]:
        """The width each footer row needs."""
        if rows == 2:
            return [self.position, self.back + 2 * self.gap + self.next]
        return [self.back + self.gap + self.position + self.gap + self.next]


class _CompactBar(NamedTuple):
    """How a compact canvas's bars hold their parts: whether Home has room in a bar (else it is
    in the Menu), which form of the position line fits, and whether Back has its word (else,
    where even the shortest position has no room beside the words of a language longer than
    English on a 7" panel, its arrow alone; its accessible name keeps the word)."""

    home_in_bar: bool
    position_form: Callable[[Position, Sequence[int]], str]
    back_words: bool = True


# The position line's forms, longest first: a compact bar shows the longest that fits.
POSITION_FORMS: tuple[Callable[[Position, Sequence[int]], str], ...] = (
    words.position_line,
    words.position_page,
    words.position_numbers,
)


class ReadingScreen(QWidget):
    """The page; above it Home and the reading comfort controls, below it Back, where the
    patient is, and Next.

    Home sits at the top, away from Back: a finger that misses Back never lands on Home and
    loses the place. The bars' words and buttons grow with the text, as far as the theme's
    `bars` allow and their rows hold across the screen. Read aloud's volume and speed are in a
    sheet (kiosk.ui.options_sheet) that the Sound button beside Read aloud opens.

    On a compact canvas (Theme.compact) the comfort controls and Read aloud go into that sheet,
    opened by a Menu button. In landscape there is one bar, below the page (Theme.single_bar):
    Home, Menu, Back, where the patient is, and Next, in that order so that Home's neighbour is
    Menu and Next's the position; where Home has no room (a 7" panel) it is in the Menu, and
    where even then the shortest position has no room (a 7" panel in words longer than
    English), Back shows its arrow alone. In portrait the header holds Home and Menu, the
    footer the position above Back and Next."""

    next_requested = Signal()  # Next button, swipe left, right edge tap
    back_requested = Signal()  # Back button, swipe right, left edge tap
    home_requested = Signal()  # Home button
    smaller_text_requested = Signal()  # "A-" beside "Text size": one step smaller
    larger_text_requested = Signal()  # "A+" beside "Text size": one step larger
    contrast_requested = Signal()  # "High contrast": on or off
    read_aloud_requested = Signal()  # "Read aloud" / "Stop reading"
    quieter_requested = Signal()  # "Quieter": Read aloud a step more quietly
    louder_requested = Signal()  # "Louder"
    slower_requested = Signal()  # "Slower": Read aloud a step more slowly
    faster_requested = Signal()  # "Faster"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._controls = theme.bars
        self._layout: ArticleLayout | None = None
        self._page_counts: tuple[int, ...] = ()
        self._current = Position(Screen.READING)
        self._following = Position(Screen.END)
        self._next_width = 0  # the widest the Next button may be
        self._speech_available = False
        self._caption = True  # "Text size" between the signs (large layouts)
        self._compact_bar = _CompactBar(True, words.position_line)
        self._menu_open = False  # the sheet was opened by Menu (else by Sound)
        self._growth = 0  # how much wider than their words a compact bar's buttons are
        self.slide = SlideView(theme, self)
        controls = self._controls
        # Every part has its bar as parent from the start: placed in rows only once the
        # screen has a theme and an article, and never a window of its own meanwhile.
        self.header = QWidget(self)
        self.header.setObjectName("header")
        self.footer = QWidget(self)
        self.footer.setObjectName("footer")
        header, footer = self.header, self.footer
        self.home_button = BigButton("", controls, icon=Icon.HOME, parent=header)
        self.menu_button = BigButton("", controls, compact=True, parent=header)
        self.smaller_text_button = SignButton(False, controls, header)
        self.larger_text_button = SignButton(True, controls, header)
        self.text_size_label = TextLabel(parent=header)
        self.text_size_label.setWordWrap(False)
        self.text_size_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.contrast_button = BigButton("", controls, compact=True, parent=header)
        self.contrast_button.setCheckable(True)
        self.read_aloud_button = BigButton("", controls, compact=True, parent=header)
        self.read_aloud_button.setCheckable(True)
        self.sound_button = BigButton("", controls, compact=True, narrow=True, parent=header)
        self.back_button = PageArrow("", controls, icon=Icon.BACK, parent=footer)
        self.next_button = BigButton("", controls, primary=True, icon=Icon.NEXT, parent=footer)
        self._header_column = QVBoxLayout(header)
        self._header_rows = (QHBoxLayout(), QHBoxLayout())
        for row in self._header_rows:
            self._header_column.addLayout(row)

        self.position_label = TextLabel(parent=footer)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress_bar = ProgressBar(controls, footer)
        self._footer_grid = QGridLayout(footer)
        self._position_box = QVBoxLayout()
        self._position_box.addStretch(1)
        self._position_box.addWidget(self.position_label)
        self._position_box.addWidget(self.progress_bar)
        self._position_box.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.slide, 1)
        column.addWidget(self.footer)
        # Over everything else, hidden until Menu or Sound opens it.
        self.sheet = OptionsSheet(controls, self)
        self._show_words()

        self.home_button.clicked.connect(self.home_requested)
        self.smaller_text_button.clicked.connect(self.smaller_text_requested)
        self.larger_text_button.clicked.connect(self.larger_text_requested)
        self.contrast_button.clicked.connect(self.contrast_requested)
        self.read_aloud_button.clicked.connect(self.read_aloud_requested)
        self.menu_button.clicked.connect(self._open_menu)
        self.sound_button.clicked.connect(self._open_sound)
        self.back_button.clicked.connect(self.back_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.slide.next_requested.connect(self.next_requested)
        self.slide.back_requested.connect(self.back_requested)
        sheet = self.sheet
        sheet.home_requested.connect(self.home_requested)
        sheet.smaller_text_requested.connect(self.smaller_text_requested)
        sheet.larger_text_requested.connect(self.larger_text_requested)
        sheet.contrast_requested.connect(self.contrast_requested)
        sheet.read_aloud_requested.connect(self.read_aloud_requested)
        sheet.quieter_requested.connect(self.quieter_requested)
        sheet.louder_requested.connect(self.louder_requested)
        sheet.slower_requested.connect(self.slower_requested)
        sheet.faster_requested.connect(self.faster_requested)

    @property
    def controls_theme(self) -> Theme:
        """The theme the header and footer are drawn with now (see `_fitting_controls`)."""
        return self._controls

    @property
    def home_in_bar(self) -> bool:
        """Whether Home is on the bars (else, on a 7" panel, in the Menu)."""
        return not self._theme.compact or self._compact_bar.home_in_bar

    def set_theme(self, theme: Theme, layout: ArticleLayout) -> None:
        self._theme = theme
        self._layout = layout
        self._page_counts = layout.page_counts
        palette = theme.palette
        self.setStyleSheet(
            f"ReadingScreen {{ background: {palette.background}; }}"
            f"QWidget#footer {{ background: {palette.background};"
            f" border-top: {theme.border_width // 2 or 1}px solid {palette.rule}; }}"
            f"QWidget#header {{ background: {palette.background};"
            f" border-bottom: {theme.border_width // 2 or 1}px solid {palette.rule}; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        if theme.compact:
            controls, self._caption = theme.bars, False
        else:
            controls, self._caption = self._fitting_controls(theme)
        self._controls = controls
        for button in self._buttons():
            button.set_theme(controls)
        for button in (self.home_button, self.back_button, self.next_button):
            button.set_compact(theme.compact)
        can_larger = theme.larger_text_size is not None
        can_smaller = theme.text_size.smaller() is not None
        self.smaller_text_button.setEnabled(can_smaller)
        self.larger_text_button.setEnabled(can_larger)
        self.contrast_button.setChecked(theme.high_contrast)
        self.text_size_label.set_style(controls, controls.small_px, palette.text, bold=True)
        self.position_label.set_style(controls, controls.small_px, palette.muted_text)
        self.progress_bar.set_theme(controls)
        if theme.compact:
            self._place_compact(theme, controls)
        else:
            widths = self._widths(controls)
            height = controls.button_height
            for button in self._buttons():
                button.set_base_height(None)
            self.home_button.setFixedSize(widths.home, height)
            for sign in (self.smaller_text_button, self.larger_text_button):
                sign.setFixedSize(widths.sign, height)
            self.contrast_button.setFixedSize(widths.contrast, height)
            self.read_aloud_button.setFixedSize(widths.read_aloud, height)
            self.sound_button.setFixedSize(widths.sound, height)
            self.back_button.setFixedSize(widths.back, height)
            self._place_header(theme, controls)
            self._place_footer(theme, controls, widths)
        self._show_back_words()
        self._show_visible_parts()
        self.sheet.set_theme(dataclasses.replace(controls, slim=False))
        self.sheet.set_text_choices(
            can_smaller=can_smaller, can_larger=can_larger, high_contrast=theme.high_contrast
        )
        self._update_sheet()
        self._show_next_label()
        self.position_label.setText(self._position_text(self._current))
        self.slide.set_theme(theme, layout)

    def _buttons(self) -> tuple[BigButton, ...]:
        return (
            self.home_button,
            self.menu_button,
            self.smaller_text_button,
            self.larger_text_button,
            self.contrast_button,
            self.read_aloud_button,
            self.sound_button,
            self.back_button,
            self.next_button,
        )

    def _show_visible_parts(self) -> None:
        """Show what this layout has on its bars, hide the rest (Read aloud and Sound only
        while Read aloud is offered)."""
        compact = self._theme.compact
        for button in (self.smaller_text_button, self.larger_text_button, self.contrast_button):
            button.setVisible(not compact)
        self.text_size_label.setVisible(not compact and self._caption)
        for button in (self.read_aloud_button, self.sound_button):
            button.setVisible(not compact and self._speech_available)
        self.menu_button.setVisible(compact)
        self.home_button.setVisible(self.home_in_bar)
        shown: tuple[QWidget, ...] = (
            self.back_button,
            self.next_button,
            self.position_label,
            self.progress_bar,
        )
        for widget in shown:
            widget.setVisible(True)
        self.header.setVisible(not self._theme.single_bar)

    def _fitting_controls(self, theme: Theme) -> tuple[Theme, bool]:
        """The theme's `bars`, their zoom lowered (never below 1) until the header's and
        footer's rows fit across the screen (the theme counts on English words), and whether
        "Text size" fits between the signs (not on the smallest screens)."""
        bars = theme.bars
        header_room = theme.width - theme.header_side_margin - theme.header_right_margin
        footer_room = theme.width - 2 * theme.margin
        zoom = bars.zoom
        while True:
            controls = dataclasses.replace(bars, zoom=zoom)
            widths = self._widths(controls)
            header = max(widths.header_rows(bars.header_rows, caption=True))
            footer = max(widths.footer_rows(bars.footer_rows))
            if zoom <= 1.0 or (header <= header_room and footer <= footer_room):
                return controls, header <= header_room
            zoom = max(1.0, round(zoom - BAR_ZOOM_STEP, 6))

    def _widths(self, controls: Theme) -> _BarWidths:
        small = _metrics(controls, controls.small_px, bold=True)
        return _BarWidths(
            home=self._button_width(controls, words.home_button()),
            sign=max(controls.button_height, SignButton.width_for(controls)),
            text_size_label=small.horizontalAdvance(words.text_size_label()),
            contrast=compact_width(controls, small, words.high_contrast_button()),
            read_aloud=compact_width(
                controls, small, words.read_aloud_button(), words.stop_reading_button()
            ),
            # Only as wide as its one short word needs: the header has no room to spare.
            sound=max(
                controls.button_height,
                small.horizontalAdvance(words.sound_button())
                + 2 * controls.narrow_button_padding
                + 2,
            ),
            back=self._button_width(controls, words.back_button()),
            next=self._button_width(controls, words.next_button()),
            position=self._position_width(controls),
            gap=controls.gap,
        )

    def _button_width(self, controls: Theme, text: str) -> int:
        """A bar button with an icon and `text` on one line (Home, Back, Next): on a compact
        canvas with the compact buttons' smaller words and icon."""
        if self._theme.compact:
            metrics = _metrics(controls, controls.small_px, bold=True)
            room = controls.compact_icon_room + 2 * controls.compact_button_padding + 2
            width = max(metrics.horizontalAdvance(text) + room, controls.touch_target_min)
            return width + self._growth
        metrics = _metrics(controls, controls.button_text_px, bold=True)
        width = metrics.horizontalAdvance(text) + _icon_button_room(controls)
        return max(width, controls.footer_button_min_width)

    def _position_width(
        self,
        controls: Theme,
        form: Callable[[Position, Sequence[int]], str] = words.position_line,
    ) -> int:
        """The widest position line of the article in `form` (its last pages hold the largest
        numbers), with a digit to spare."""
        metrics = _metrics(controls, controls.small_px, bold=False)
        counts = self._page_counts or (1,)
        lines = [
            form(Position(Screen.READING, section, pages - 1), counts)
            for section, pages in enumerate(counts)
        ]
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        return widest + metrics.horizontalAdvance("0")

    def _position_text(self, position: Position) -> str:
        """The position line in the form the bars have room for ("" for a position this
        article does not have: a new one may have fewer sections)."""
        if not is_valid(position, self._page_counts):
            return ""
        return self._compact_bar.position_form(position, self._page_counts)

    def _next_labels(self) -> list[str]:
        """Every label Next can have in this article."""
        labels = [words.next_button(), words.next_to_end_button()]
        if self._layout is not None:
            titles = [layout.section.title for layout in self._layout.sections[1:]]
            labels += [words.next_section_button(title) for title in titles]
        return labels

    def _place_header(self, theme: Theme, controls: Theme) -> None:
        """One row where it fits: Home, then the text size pair, contrast, Read aloud and Sound
        at the far end. Else two: Home and the text size pair; contrast, Read aloud and
        Sound."""
        first, second = self._clear_header(controls)
        first.addWidget(self.home_button)
        first.addStretch(1)
        first.addWidget(self.smaller_text_button)
        first.addWidget(self.text_size_label)
        first.addWidget(self.larger_text_button)
        rest = first
        if controls.header_rows == 1:
            first.addSpacing(controls.gap)
        else:
            rest = second
            rest.addStretch(1)
        rest.addWidget(self.contrast_button)
        rest.addWidget(self.read_aloud_button)
        rest.addWidget(self.sound_button)
        rows = controls.header_rows
        content = rows * controls.button_height + (rows - 1) * controls.gap
        self._fit_header(theme, content, theme.header_right_margin, controls.gap)

    def _clear_header(self, controls: Theme) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The header's two rows, emptied, with the header's widgets back in it."""
        for row in self._header_rows:
            while row.count():
                row.takeAt(0)
            row.setSpacing(controls.gap)
        for widget in (self.home_button, self.menu_button):
            if widget.parentWidget() is not self.header:
                widget.setParent(self.header)
        return self._header_rows

    def _fit_header(self, theme: Theme, content: int, right: int, spacing: int) -> None:
        """The header's height and margins: on the left always clear of the staff corner (the
        margins are the screen's, not mirrored with a right-to-left row)."""
        self.header.setFixedHeight(theme.header_height)
        inset = max((theme.header_height - content) // 2, 0)
        self._header_column.setContentsMargins(theme.header_side_margin, inset, right, inset)
        self._header_column.setSpacing(spacing)

    def _clear_footer(self) -> QGridLayout:
        grid = self._footer_grid
        while grid.count():
            grid.takeAt(0)  # a layout taken out (the position box) is its own again
        for column in range(grid.columnCount()):
            grid.setColumnStretch(column, 0)
            grid.setColumnMinimumWidth(column, 0)
        return grid

    def _place_footer(self, theme: Theme, controls: Theme, widths: _BarWidths) -> None:
        """Back and Next at the two ends, as far from each other as can be. In one row the
        position sits beside Back, in a box as wide as Next leaves when it names the next
        part (so the box and its progress bar never move or change length from one page to
        the next). In two rows (portrait, narrow screens) the position is above them."""
        self._compact_bar = _CompactBar(True, words.position_line)
        grid = self._clear_footer()
        start = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
        end = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
        row_width = theme.width - 2 * theme.margin
        gap = controls.gap
        if controls.footer_rows == 2:
            grid.addLayout(self._position_box, 0, 0, 1, 3)
            grid.addWidget(self.back_button, 1, 0, start)
            grid.addWidget(self.next_button, 1, 2, end)
            grid.setColumnStretch(1, 1)
            # Two gaps: the empty middle column between them counts as a column.
            self._next_width = max(row_width - widths.back - 2 * gap, widths.next)
            content = controls.position_height + controls.footer_row_gap + controls.button_height
        else:
            room = row_width - widths.back - widths.position - 2 * gap
            wanted = max(self._button_width(controls, label) for label in self._next_labels())
            self._next_width = max(min(wanted, room), widths.next)
            grid.addWidget(self.back_button, 0, 0, start)
            grid.addLayout(self._position_box, 0, 1)
            grid.addWidget(self.next_button, 0, 2, end)
            grid.setColumnStretch(1, 1)
            grid.setColumnMinimumWidth(2, self._next_width)
            content = max(controls.button_height, controls.position_height)
        self._fit_footer(theme, controls, content, theme.margin)

    def _fit_footer(self, theme: Theme, controls: Theme, content: int, side: int) -> None:
        grid = self._footer_grid
        self.footer.setFixedHeight(theme.footer_height)
        inset = max((theme.footer_height - content) // 2, 0)
        grid.setContentsMargins(side, inset, side, inset)
        grid.setHorizontalSpacing(controls.gap)
        grid.setVerticalSpacing(controls.footer_row_gap)
        self._position_box.setSpacing(controls.position_bar_gap)

    def _place_compact(self, theme: Theme, controls: Theme) -> None:
        """A compact canvas's bars (see the class docstring): each button as wide as its words
        on one line (and a little wider where the bar has room), Home on a bar where it fits,
        the longest position line that fits."""
        height = controls.bar_button_height
        for button in self._buttons():
            button.set_base_height(height)
        gap = controls.gap
        side = theme.page_margin
        row_width = theme.width - 2 * side
        forms = [(form, self._position_width(controls, form)) for form in POSITION_FORMS]
        self._growth = 0
        home, menu, back, plain_next = self._compact_widths(controls)
        grid = self._clear_footer()
        start = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
        end = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
        header_first, _ = self._clear_header(controls)
        if theme.single_bar:
            arrow_back = self._compact_widths(controls, back_words=False)[2]
            # Home on the bar, then Back's word, give way before the position's numbers.
            fitting = [
                (with_home, back_words, form, width)
                for with_home, back_words in ((True, True), (False, True), (False, False))
                for form, width in forms
                if menu
                + (back if back_words else arrow_back)
                + plain_next
                + 3 * gap
                + width
                + (home + gap if with_home else 0)
                <= row_width
            ]
            with_home, back_words, form, position = (
                fitting[0] if fitting else (False, False, POSITION_FORMS[-1], forms[-1][1])
            )
            count = 4 if with_home else 3
            buttons = menu + (back if back_words else arrow_back) + plain_next + 3 * gap
            spare = row_width - buttons - position - (home + gap if with_home else 0)
            self._growth = max(0, min(controls.bar_button_growth, spare // count))
            home, menu, back, plain_next = self._compact_widths(controls, back_words=back_words)
            self._compact_bar = _CompactBar(with_home, form, back_words)
            column = 0
            if with_home:
                self.home_button.setParent(self.footer)
                grid.addWidget(self.home_button, 0, column, start)
                column += 1
            self.menu_button.setParent(self.footer)
            grid.addWidget(self.menu_button, 0, column, start)
            grid.addWidget(self.back_button, 0, column + 1, start)
            grid.addLayout(self._position_box, 0, column + 2)
            grid.addWidget(self.next_button, 0, column + 3, end)
            grid.setColumnStretch(column + 2, 1)
            # Room to spare (a 15.6" panel) lets Next name the next part, as on large panels.
            used = menu + back + 3 * gap + position + (home + gap if with_home else 0)
            wanted = max(self._button_width(controls, label) for label in self._next_labels())
            self._next_width = max(min(wanted, row_width - used), plain_next)
            grid.setColumnMinimumWidth(column + 3, self._next_width)
            content = max(height, controls.position_height)
            self.header.setFixedHeight(0)
        else:
            header_room = theme.width - theme.header_side_margin - theme.page_margin
            with_home = home + gap + menu <= header_room
            growth = controls.bar_button_growth
            if home + menu + gap + 2 * growth <= header_room and (
                back + plain_next + 2 * gap + 2 * growth <= row_width
            ):
                self._growth = growth
                home, menu, back, plain_next = self._compact_widths(controls)
            fits = [form for form, width in forms if width <= row_width]
            self._compact_bar = _CompactBar(with_home, fits[0] if fits else POSITION_FORMS[-1])
            if with_home:
                header_first.addWidget(self.home_button)
            header_first.addStretch(1)
            header_first.addWidget(self.menu_button)
            self._fit_header(theme, height, theme.page_margin, gap)
            grid.addLayout(self._position_box, 0, 0, 1, 3)
            grid.addWidget(self.back_button, 1, 0, start)
            grid.addWidget(self.next_button, 1, 2, end)
            grid.setColumnStretch(1, 1)
            self._next_width = max(row_width - back - 2 * gap, plain_next)
            content = controls.position_height + controls.footer_row_gap + height
        self.home_button.setFixedSize(home, height)
        self.menu_button.setFixedSize(menu, height)
        self.back_button.setFixedSize(back, height)
        self._fit_footer(theme, controls, content, side)

    def _compact_widths(
        self, controls: Theme, *, back_words: bool = True
    ) -> tuple[int, int, int, int]:
        """Home, Menu, Back (with its word, or its arrow alone) and plain Next on a compact
        canvas's bars."""
        small = _metrics(controls, controls.small_px, bold=True)
        menu = small.horizontalAdvance(words.menu_button()) + 2 * controls.compact_button_padding
        arrow = max(controls.touch_target_min, controls.bar_button_height) + self._growth
        return (
            self._button_width(controls, words.home_button()),
            max(menu + 2, controls.touch_target_min) + self._growth,
            self._button_width(controls, words.back_button()) if back_words else arrow,
            self._button_width(controls, words.next_button()),
        )

    def _show_next_label(self) -> None:
        """Next says "Next", or on a section's last page where it goes: the next section's
        title, or the end. Shortened with "…" after a whole word to fit; plain "Next" when
        less than a quarter of the title would show. The accessible name has it whole."""
        following = self._following
        title = ""
        if following.screen is Screen.END:
            label = words.next_to_end_button()
        elif (
            following.screen is Screen.READING
            and following.section != self._current.section
            and self._layout is not None
            and following.section < len(self._layout.sections)
        ):
            title = self._layout.sections[following.section].section.title
            label = words.next_section_button(title)
        else:
            label = words.next_button()
        controls = self._controls
        compact = self._theme.compact
        if compact:
            metrics = _metrics(controls, controls.small_px, bold=True)
            beside_words = controls.compact_icon_room + 2 * controls.compact_button_padding + 2
            beside_words += self._growth
        else:
            metrics = _metrics(controls, controls.button_text_px, bold=True)
            beside_words = _icon_button_room(controls)
        room = max(self._next_width - beside_words, 0)
        shown = label
        if metrics.horizontalAdvance(label) > room:
            shown = shorten(label, title, metrics, room) or words.next_button()
        self.next_button.setText(shown)
        self.next_button.setAccessibleName(label)
        height = controls.bar_button_height if compact else controls.button_height
        self.next_button.setFixedSize(self._button_width(controls, shown), height)

    def set_reading_aloud(self, speaking: bool) -> None:
        self.read_aloud_button.setChecked(speaking)
        self._show_read_aloud_words()
        self.sheet.set_reading_aloud(speaking)

    def _show_read_aloud_words(self) -> None:
        speaking = self.read_aloud_button.isChecked()
        self.read_aloud_button.set_label(
            words.stop_reading_button() if speaking else words.read_aloud_button()
        )

    def _show_words(self) -> None:
        """Every word the bars set themselves (not the article's), in the interface's
        language: when the screen is made, and again when the language changes. Next's and
        the position's follow the page shown (`show_position`)."""
        self.home_button.set_label(words.home_button())
        self.menu_button.set_label(words.menu_button())
        self.smaller_text_button.setAccessibleName(words.smaller_text_spoken())
        self.larger_text_button.setAccessibleName(words.larger_text_spoken())
        self.text_size_label.setText(words.text_size_label())
        self.contrast_button.set_label(words.high_contrast_button())
        self._show_read_aloud_words()
        self.sound_button.set_label(words.sound_button(), words.sound_spoken())
        self._show_back_words()
        self._show_next_label()
        self.position_label.setText(self._position_text(self._current))
        if is_valid(self._current, self._page_counts):
            spoken = words.position_line(self._current, self._page_counts)
            self.position_label.setAccessibleName(spoken)

    def _show_back_words(self) -> None:
        """Back's word, or on the smallest bar its arrow alone (`_CompactBar`)."""
        shown = self._compact_bar.back_words or not self._theme.compact
        self.back_button.set_words(words.back_button() if shown else None)
        self.back_button.setAccessibleName(words.back_button())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._show_words()
            if self._layout is not None:
                # Other words take other room: the bars are measured again.
                self.set_theme(self._theme, self._layout)

    def set_read_aloud_available(self, available: bool) -> None:
        """Offer Read aloud (and its volume and speed) or not: the window says which."""
        self._speech_available = available
        self._show_visible_parts()
        self._update_sheet()

    def set_speech_choices(
        self,
        volume: Volume,
        speed: Speed,
        *,
        can_quieter: bool,
        can_louder: bool,
        can_slower: bool,
        can_faster: bool,
    ) -> None:
        """Read aloud's volume and speed, as the session has them."""
        self.sheet.set_speech_choices(
            volume,
            speed,
            can_quieter=can_quieter,
            can_louder=can_louder,
            can_slower=can_slower,
            can_faster=can_faster,
        )

    # The sheet

    @Slot()
    def _open_menu(self) -> None:
        self._menu_open = True
        self._update_sheet()
        self.sheet.open_sheet()

    @Slot()
    def _open_sound(self) -> None:
        self._menu_open = False
        self._update_sheet()
        self.sheet.open_sheet()

    def _update_sheet(self) -> None:
        """What the sheet holds: for Menu the comfort controls, Read aloud while it is offered,
        and Home where the bar has none; for Sound, Read aloud's. An open sheet whose button
        has gone (another layout, Read aloud no longer offered) closes."""
        theme = self._theme
        if self._menu_open:
            contents = SheetContents(
                home=not self.home_in_bar,
                text=True,
                text_size=theme.largest_text_size is not TextSize.STANDARD,
                speech=self._speech_available,
            )
            opener_gone = not theme.compact
        else:
            contents = SheetContents(speech=True)
            opener_gone = theme.compact or not self._speech_available
        self.sheet.set_contents(contents)
        if opener_gone:
            self.sheet.close_sheet()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.sheet.isVisibleTo(self):
            self.sheet.setGeometry(self.rect())

    def hideEvent(self, event: QHideEvent) -> None:
        # The sheet belongs to this visit of the page: Home, the next patient, staff close it.
        self.sheet.close_sheet()
        super().hideEvent(event)

    def show_position(
        self, current: Position, previous: Position, following: Position, direction: int = 0
    ) -> None:
        self._current = current
        self._following = following
        self.slide.show_position(current, previous, following, direction)
        self.position_label.setText(self._position_text(current))
        self.position_label.setAccessibleName(words.position_line(current, self._page_counts))
        self.progress_bar.set_fraction(progress(current, self._page_counts))
        self._show_next_label()


@functools.lru_cache(maxsize=16)
def _metrics(controls: Theme, pixel_size: int, *, bold: bool) -> QFontMetrics:
    """The bars' words measured: a text size step tries a few zooms, each measuring a dozen
    texts, and a page turn measures Next's."""
    return QFontMetrics(controls.font(pixel_size, bold=bold))


def _icon_button_room(controls: Theme) -> int:
    """What a bar button with an icon needs besides its words: the icon, and padding."""
    # Two pixels spare: the painter may set the words a pixel wider than measured.
    return controls.icon_room + 2 * controls.button_padding + 2


def compact_width(controls: Theme, metrics: QFontMetrics, *texts: str) -> int:
    """A compact bar button wide enough for the widest of `texts` on one line."""
    words_width = max(metrics.horizontalAdvance(text) for text in texts)
    return max(words_width + 2 * controls.compact_button_padding + 2, controls.button_min_width)


def shorten(label: str, title: str, metrics: QFontMetrics, room: int) -> str:
    """`label` cut after its last whole word that fits in `room` px, with "…"; "" when less
    than a quarter of `title` (or no whole word of it) would be left."""
    elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
    kept = elided.removesuffix("\N{HORIZONTAL ELLIPSIS}")
    if len(kept) < len(label) and not label[len(kept)].isspace() and " " in kept:
        kept = kept[: kept.rfind(" ")]
    kept = kept.rstrip(" :;,.-\N{EN DASH}")
    title_left = len(kept) - (len(label) - len(title))
    if not title or title_left <= 0 or title_left < len(title) / 4:
        return ""
    return kept + "\N{HORIZONTAL ELLIPSIS}"
