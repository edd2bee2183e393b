"""The "Still reading?" warning: a calm card over a dimmed screen, with a visible countdown.

It draws only. The idle watcher swallows the touch that dismisses it, so that touch never
reaches the buttons underneath.

The card grows with the patient's text size as far as the window allows: it takes the largest
zoom (up to the text size's factor) at which its words and ring fit, roomy or tight
(`Theme.idle_card`), stacked (question, instruction, ring, countdown) or, where the window is
too low for that, with the ring beside the words. A 7" panel holds it only tight with the ring
beside the words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QStyle, QWidget

from kiosk import words
from kiosk.theme import IdleCardSizes, Theme
from kiosk.ui.widgets import paint_countdown_ring

# The card's zoom goes down from the text size's factor by this much until the card fits.
ZOOM_STEP = 0.05
# Where not even the tight card fits at Standard (a translation much longer than English on a
# 7" panel), its words go below Standard this far at most, rather than be cut off.
LAST_RESORT_ZOOM = 0.6


@dataclass(frozen=True)
class CardPart:
    """One block of words on the card, where it goes and how it is set."""

    role: str  # "question", "instruction" or "countdown"
    rect: QRect
    font: QFont
    flags: int


@dataclass(frozen=True)
class CardLayout:
    """Where everything on the card goes, in the overlay's coordinates."""

    card: QRect
    ring: QRect
    parts: tuple[CardPart, ...]
    sizes: IdleCardSizes
    zoom: float
    beside: bool  # the ring beside the words, rather than between them
    fits: bool


class IdleOverlay(QWidget):
    """Covers the whole window while the idle warning counts down."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._seconds_left = 0
        self._total = 1
        self._layout: CardLayout | None = None
        self.hide()

    @property
    def seconds_left(self) -> int:
        return self._seconds_left

    @property
    def message(self) -> str:
        """All the words on the card, as a patient reads them."""
        return "\n".join(self._words(part) for part in ("question", "instruction", "countdown"))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._layout = None
        self.update()

    def start(self, seconds: int) -> None:
        self._total = max(seconds, 1)
        self._seconds_left = seconds
        self._layout = None
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self._show_words()

    def set_seconds_left(self, seconds: int) -> None:
        self._seconds_left = seconds
        self._show_words()
        self.update()

    def _show_words(self) -> None:
        """The card's words are painted as they are in the interface's language; a screen
        reader gets them all, as the countdown goes and when the language changes."""
        self.setAccessibleDescription(self.message)

    def card_rect(self) -> QRect:
        return self.card_layout().card

    def card_layout(self) -> CardLayout:
        """Where the card, its ring and its words go at this size and text size."""
        if self._layout is None:
            self._layout = self._fit()
        return self._layout

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._layout = None
        elif event.type() == QEvent.Type.LanguageChange:
            self._layout = None  # other words take other room
            self._show_words()
            self.update()

    def _words(self, role: str, seconds: int | None = None) -> str:
        if role == "question":
            return words.idle_question()
        if role == "instruction":
            return words.idle_instruction()
        return words.idle_countdown(self._seconds_left if seconds is None else seconds)

    def _zooms(self) -> list[float]:
        """The zooms to try, largest first: the text size's factor down to 1, then below 1 as
        a last resort."""
        top = self._theme.text_size.factor
        steps = round((top - 1) / ZOOM_STEP)
        zooms = [1 + step * ZOOM_STEP for step in range(steps, -1, -1)]
        lowest = round((1 - LAST_RESORT_ZOOM) / ZOOM_STEP)
        return zooms + [1 - step * ZOOM_STEP for step in range(1, lowest + 1)]

    def _fit(self) -> CardLayout:
        """The largest card that fits: the largest zoom, roomy before tight, stacked before the
        ring beside the words."""
        layout: CardLayout | None = None
        for zoom in self._zooms():
            for tight in (False, True):
                sizes = self._theme.idle_card(zoom, tight=tight)
                for beside in (False, True):
                    layout = self._arrange(sizes, zoom, beside=beside)
                    if layout.fits:
                        return layout
        assert layout is not None
        return layout  # the smallest tried: still too large, but the most that can be shown

    def _text_size(self, role: str, font: QFont, width: int, flags: int) -> QSize:
        """The room the words of `role` take at most `width` wide. The countdown's room is
        the largest any of its numbers needs (its first, 1 for the singular, and the widest
        digits, 8, 88 ...), so it never moves as it counts."""
        metrics = QFontMetrics(font)
        texts = [self._words(role)]
        if role == "countdown":
            widest = [int("8" * digits) for digits in range(1, len(str(self._total)) + 1)]
            texts = [self._words(role, seconds) for seconds in (self._total, 1, *widest)]
        room = QSize(0, 0)
        for text in texts:
            used = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).size()
            room = room.expandedTo(used)
        return room

    def _arrange(self, sizes: IdleCardSizes, zoom: float, *, beside: bool) -> CardLayout:
        theme = self._theme
        available = self.rect().adjusted(sizes.margin, sizes.margin, -sizes.margin, -sizes.margin)
        card_width = min(sizes.width, available.width())
        fonts = {
            "question": theme.font(sizes.question_px, bold=True),
            "instruction": theme.font(sizes.instruction_px),
            "countdown": theme.font(sizes.countdown_px),
        }
        gaps = {"question": sizes.question_gap, "instruction": sizes.instruction_gap}
        ring_side = sizes.ring_diameter
        if beside:
            flags = int(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
            text_width = card_width - 2 * sizes.padding - ring_side - sizes.padding
        else:
            flags = int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
            text_width = card_width - 2 * sizes.padding
        roles = ("question", "instruction", "countdown")
        measured = {
            role: self._text_size(role, fonts[role], max(text_width, 1), flags) for role in roles
        }
        fits = text_width > 0 and all(size.width() <= text_width for size in measured.values())

        # Heights from the top of the contents, then the card around them, centred.
        offsets: dict[str, int] = {}
        top = 0
        ring_top = 0
        for role in roles:
            if role == "countdown" and not beside:
                ring_top = top
                top += ring_side + sizes.ring_gap
            offsets[role] = top
            top += measured[role].height()
            if role != "countdown":
                top += gaps[role]
        words_height = top
        content_height = max(words_height, ring_side) if beside else words_height
        card_height = content_height + 2 * sizes.vertical_padding
        fits = fits and card_height <= available.height()
        card = QRect(
            (self.width() - card_width) // 2,
            (self.height() - card_height) // 2,
            card_width,
            card_height,
        )
        inner_top = card.top() + sizes.vertical_padding
        if beside:
            ring = QRect(
                card.left() + sizes.padding,
                inner_top + (content_height - ring_side) // 2,
                ring_side,
                ring_side,
            )
            words_left = ring.right() + 1 + sizes.padding
            words_top = inner_top + (content_height - words_height) // 2
        else:
            ring = QRect(
                card.center().x() - ring_side // 2, inner_top + ring_top, ring_side, ring_side
            )
            words_left = card.left() + sizes.padding
            words_top = inner_top
        parts = []
        for role in roles:
            rect = QRect(words_left, words_top + offsets[role], text_width, measured[role].height())
            parts.append(CardPart(role, self._mirrored(rect, card), fonts[role], flags))
        return CardLayout(
            card=card,
            ring=self._mirrored(ring, card),
            parts=tuple(parts),
            sizes=sizes,
            zoom=zoom,
            beside=beside,
            fits=fits,
        )

    def _mirrored(self, rect: QRect, within: QRect) -> QRect:
        """`rect` as a right-to-left reader sees it: the ring on the right of the words."""
        local = rect.translated(-within.topLeft())
        inside = QRect(0, 0, within.width(), within.height())
        return QStyle.visualRect(self.layoutDirection(), inside, local).translated(within.topLeft())

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        palette = theme.palette
        layout = self.card_layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setLayoutDirection(self.layoutDirection())
        scrim = QColor(palette.scrim)
        scrim.setAlphaF(palette.scrim_opacity)
        painter.fillRect(self.rect(), scrim)

        # The card's outline, inside its rectangle, is what meets the dimmed screen: it
        # stands out 3:1 from anything dimmed (kiosk.theme.Palette.non_text_pairs).
        card = layout.card
        edge = theme.border_width
        painter.setPen(QPen(QColor(palette.card_edge), edge))
        painter.setBrush(QColor(palette.card))
        radius = theme.corner_radius * 2
        painter.drawRoundedRect(
            QRectF(card).adjusted(edge / 2, edge / 2, -edge / 2, -edge / 2), radius, radius
        )
        painter.setPen(QColor(palette.text))
        for part in layout.parts:
            painter.setFont(part.font)
            painter.drawText(part.rect, part.flags, self._words(part.role))
        self._paint_ring(painter, layout)

    def _paint_ring(self, painter: QPainter, layout: CardLayout) -> None:
        """The countdown as a ring that empties, with the seconds left inside it."""
        theme = self._theme
        palette = theme.palette
        ring = QRectF(layout.ring)
        share = self._seconds_left / self._total
        paint_countdown_ring(painter, theme, ring, layout.sizes.ring_width, share)
        painter.setPen(QColor(palette.accent))
        painter.setFont(theme.font(layout.sizes.ring_number_px, bold=True))
        painter.drawText(ring, int(Qt.AlignmentFlag.AlignCenter), str(self._seconds_left))
