"""The "Still reading?" warning: a calm card over a dimmed screen, with a visible countdown.

It draws only. The idle watcher swallows the touch that dismisses it, so that touch never
reaches the buttons underneath.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk import words
from kiosk.theme import Theme


class IdleOverlay(QWidget):
    """Covers the whole window while the idle warning counts down."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._seconds_left = 0
        self._total = 1
        self.hide()

    @property
    def seconds_left(self) -> int:
        return self._seconds_left

    @property
    def message(self) -> str:
        """All the words on the card, as a patient reads them."""
        return "\n".join(text for text, _, _, _ in self._parts())

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def start(self, seconds: int) -> None:
        self._total = max(seconds, 1)
        self._seconds_left = seconds
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.setAccessibleDescription(self.message)

    def set_seconds_left(self, seconds: int) -> None:
        self._seconds_left = seconds
        self.setAccessibleDescription(self.message)
        self.update()

    def card_rect(self) -> QRect:
        theme = self._theme
        width = min(theme.idle_card_width, self.width() - 2 * theme.margin)
        return self._card_rect(width, self._content_height(width - 2 * self._padding))

    def _card_rect(self, width: int, content_height: int) -> QRect:
        height = content_height + 2 * self._theme.card_vertical_padding
        return QRect((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    @property
    def _padding(self) -> int:
        return self._theme.card_padding

    def _parts(self) -> list[tuple[str, QFont, str, int]]:
        """(words, font, colour, space after) from top to bottom; the ring goes after part 2."""
        theme = self._theme
        palette = theme.palette
        return [
            (
                words.idle_question(),
                theme.font(theme.title_px, bold=True),
                palette.text,
                theme.card_question_gap,
            ),
            (
                words.idle_instruction(),
                theme.font(theme.idle_instruction_px),
                palette.text,
                theme.card_instruction_gap,
            ),
            (words.idle_countdown(self._seconds_left), theme.font(theme.small_px), palette.text, 0),
        ]

    def _text_height(self, text: str, font: QFont, width: int) -> int:
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), self._flags, text)
        return rect.height()

    @property
    def _flags(self) -> int:
        return int(
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        )

    @property
    def _ring_block(self) -> int:
        return self._theme.ring_diameter + self._theme.ring_gap

    def _content_height(self, width: int) -> int:
        parts = self._parts()
        height = sum(self._text_height(text, font, width) + after for text, font, _, after in parts)
        return height + self._ring_block

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        palette = theme.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scrim = QColor(palette.scrim)
        scrim.setAlphaF(palette.scrim_opacity)
        painter.fillRect(self.rect(), scrim)

        # The card's outline, inside its rectangle, is what meets the dimmed screen: it
        # stands out 3:1 from anything dimmed (kiosk.theme.Palette.non_text_pairs).
        card = self.card_rect()
        edge = theme.border_width
        painter.setPen(QPen(QColor(palette.card_edge), edge))
        painter.setBrush(QColor(palette.card))
        radius = theme.corner_radius * 2
        painter.drawRoundedRect(
            QRectF(card).adjusted(edge / 2, edge / 2, -edge / 2, -edge / 2), radius, radius
        )

        left = card.left() + self._padding
        width = card.width() - 2 * self._padding
        top = card.top() + theme.card_vertical_padding
        for index, (text, font, colour, after) in enumerate(self._parts()):
            if index == 2:
                self._paint_ring(painter, card.center().x(), top)
                top += self._ring_block
            painter.setPen(QColor(colour))
            painter.setFont(font)
            height = self._text_height(text, font, width)
            painter.drawText(QRect(left, top, width, height), self._flags, text)
            top += height + after

    def _paint_ring(self, painter: QPainter, centre_x: int, top: int) -> None:
        """The countdown as a ring that empties, with the seconds left inside it."""
        theme = self._theme
        palette = theme.palette
        diameter = theme.ring_diameter
        ring_width = theme.ring_width
        ring = QRectF(centre_x - diameter / 2, top, diameter, diameter)
        track = ring.adjusted(ring_width / 2, ring_width / 2, -ring_width / 2, -ring_width / 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(palette.track), ring_width))
        painter.drawEllipse(track)
        pen = QPen(QColor(palette.accent), ring_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(track, 90 * 16, round(360 * 16 * self._seconds_left / self._total))
        painter.setPen(QColor(palette.accent))
        painter.setFont(theme.font(theme.heading_px, bold=True))
        painter.drawText(ring, int(Qt.AlignmentFlag.AlignCenter), str(self._seconds_left))
