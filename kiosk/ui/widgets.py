"""Building blocks shared by the screens: the big touch button (and the text size buttons drawn
as a letter and a sign, and the globe button that opens the languages), the progress bar, text
labels.

Words a widget draws or says by itself (the text size letter, the progress bar's spoken
share) follow the interface's language when it changes (QEvent.LanguageChange); the words on a
button are its screen's to set again.
"""

from __future__ import annotations

import math
from enum import Enum

from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QGraphicsOpacityEffect,
    QLabel,
    QSizePolicy,
    QWidget,
)

from kiosk import words
from kiosk.clock import Alarm, Clock
from kiosk.theme import DISABLED_OPACITY, Theme


class Icon(Enum):
    """A small drawn symbol beside a button's words (never instead of them)."""

    NONE = "none"
    BACK = "back"
    NEXT = "next"
    HOME = "home"


class BigButton(QAbstractButton):
    """A large, high-contrast touch button whose words wrap instead of shrinking. A button that
    does nothing now (at the end of its steps, say) says so: no face, its edge and words faded
    but still 3:1 (Theme.disabled_ink)."""

    def __init__(
        self,
        text: str,
        theme: Theme,
        *,
        primary: bool = False,
        icon: Icon = Icon.NONE,
        align_left: bool = False,
        compact: bool = False,
        narrow: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._compact = compact  # smaller words (and icon) that may wrap onto two lines
        self._narrow = narrow  # little room beside its words (theme.narrow_button_padding)
        self._primary = primary
        self._icon = icon
        self._base_height: int | None = None  # the theme's button_height unless set
        # What the button sits on (its face when it does nothing): a card, or the screen.
        self.on_card = False
        horizontal = Qt.AlignmentFlag.AlignLeft if align_left else Qt.AlignmentFlag.AlignHCenter
        self._text_flags = int(
            horizontal | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        self.setText(text)
        self.setAccessibleName(text)
        # Keys belong to the window (arrows turn pages); a focused button would steal Space.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.updateGeometry()
        self.update()

    def one_line_width(self) -> int:
        """The width its words need on one line (each line of them), with its icon and
        padding; never narrower than a touch target."""
        metrics = self._font_metrics()
        lines = self.text().splitlines() or [""]
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        # Two pixels spare: the painter may set the words a pixel wider than measured.
        wanted = widest + self._icon_width() + 2 * self._padding + 2
        return max(self._theme.touch_target_min, wanted)

    def set_label(self, text: str, spoken: str = "") -> None:
        """The button's words, and what it is called aloud (`spoken`, else its words)."""
        self.setText(text)
        self.setAccessibleName(spoken or text)

    def set_compact(self, compact: bool) -> None:
        """Smaller words and icon (a compact bar's buttons), or the usual ones."""
        self._compact = compact
        self.updateGeometry()
        self.update()

    def set_base_height(self, height: int | None) -> None:
        """The height the button has while its words fit on one line (None: the theme's
        button_height)."""
        self._base_height = height
        self.updateGeometry()

    @property
    def _padding(self) -> int:
        if self._narrow:
            return self._theme.narrow_button_padding
        return self._theme.compact_button_padding if self._compact else self._theme.button_padding

    def _icon_width(self) -> int:
        """Room for the icon and the space between it and the words."""
        if self._icon is Icon.NONE:
            return 0
        return self._theme.compact_icon_room if self._compact else self._theme.icon_room

    def _font(self) -> QFont:
        size = self._theme.small_px if self._compact else self._theme.button_text_px
        return self._theme.font(size, bold=True)

    def _font_metrics(self) -> QFontMetrics:
        return QFontMetrics(self._font())

    def sizeHint(self) -> QSize:
        metrics = self._font_metrics()
        text_width = metrics.horizontalAdvance(self.text())
        width = text_width + self._icon_width() + 2 * self._padding
        width = max(width, self._theme.button_min_width)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        side = self._theme.touch_target_min
        return QSize(max(side, self._theme.button_min_width // 2), self._height())

    def _height(self) -> int:
        return self._theme.button_height if self._base_height is None else self._base_height

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        text_rect = self._text_rect(QRect(0, 0, width, 10_000))
        used = self._font_metrics().boundingRect(text_rect, self._text_flags, self.text())
        vertical_padding = (
            self._theme.compact_button_vertical_padding
            if self._compact
            else self._theme.button_vertical_padding
        )
        return max(self._height(), used.height() + 2 * vertical_padding)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Words that wrap need a taller button; grow rather than cut a line off.
        needed = self.heightForWidth(event.size().width())
        if needed > self.minimumHeight() and needed > event.size().height():
            self.setMinimumHeight(needed)

    def _text_rect(self, rect: QRect) -> QRect:
        inner = rect.adjusted(self._padding, 0, -self._padding, 0)
        if self._icon is not Icon.NONE:
            gap = self._icon_width()
            if self._icon_on_right():
                inner = inner.adjusted(0, 0, -gap, 0)
            else:
                inner = inner.adjusted(gap, 0, 0, 0)
        return inner

    def colours(self) -> tuple[str, str]:
        """(face, words) as drawn now. A press turns the button over (kiosk.theme.Palette): a
        finger sees at once that it landed, with the words as clear as at rest. A button that
        does nothing has the face of what it sits on, and faded words."""
        palette = self._theme.palette
        if not self.isEnabled():
            surface = palette.card if self.on_card else palette.background
            return surface, self._theme.disabled_ink
        if self._primary or self.isChecked():
            if self.isDown():
                return palette.pressed_primary, palette.on_pressed_primary
            return palette.accent, palette.on_accent
        if self.isDown():
            return palette.pressed_secondary, palette.on_pressed_secondary
        return palette.button_face, palette.accent

    def _paint_frame(self, painter: QPainter) -> str:
        """The button's face and edge; returns the colour its words and signs take."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = self._theme.border_width
        frame = QRectF(self.rect()).adjusted(border / 2, border / 2, -border / 2, -border / 2)
        fill, ink = self.colours()
        edge = self._theme.palette.accent if self.isEnabled() else ink
        painter.setPen(QPen(QColor(edge), border))
        painter.setBrush(QColor(fill))
        radius = self._theme.corner_radius
        painter.drawRoundedRect(frame, radius, radius)
        return ink

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Words from the start side, in the button's direction: a part's title in an Arabic
        # article is right-aligned, its number at the right.
        painter.setLayoutDirection(self.layoutDirection())
        ink = self._paint_frame(painter)
        painter.setPen(QColor(ink))
        painter.setFont(self._font())
        text_rect = self._text_rect(self.rect())
        used = painter.boundingRect(text_rect, self._text_flags, self.text())
        painter.drawText(text_rect, self._text_flags, self.text())
        if self._icon is not Icon.NONE:
            self._paint_icon(painter, used, QColor(ink))

    def _right_to_left(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _icon_on_right(self) -> bool:
        """Next's arrow trails its word, others lead it; mirrored for right-to-left text."""
        return (self._icon is Icon.NEXT) != self._right_to_left()

    def _paint_icon(self, painter: QPainter, text: QRect, colour: QColor) -> None:
        theme = self._theme
        size = theme.compact_icon_size if self._compact else theme.icon_size
        gap = theme.compact_icon_gap if self._compact else theme.icon_gap
        middle = text.center().y() + 1
        left = text.right() + gap if self._icon_on_right() else text.left() - gap - size
        points_right = (self._icon is Icon.NEXT) != self._right_to_left()
        pen = QPen(colour, self._theme.icon_stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        half = size / 2
        if self._icon is not Icon.HOME and points_right:
            path.moveTo(QPointF(left + half * 0.5, middle - half))
            path.lineTo(QPointF(left + half * 1.5, middle))
            path.lineTo(QPointF(left + half * 0.5, middle + half))
        elif self._icon is not Icon.HOME:
            path.moveTo(QPointF(left + half * 1.5, middle - half))
            path.lineTo(QPointF(left + half * 0.5, middle))
            path.lineTo(QPointF(left + half * 1.5, middle + half))
        else:  # a house: roof and walls
            path.moveTo(QPointF(left, middle - half * 0.1))
            path.lineTo(QPointF(left + half, middle - half))
            path.lineTo(QPointF(left + size, middle - half * 0.1))
            path.moveTo(QPointF(left + size * 0.18, middle - half * 0.3))
            path.lineTo(QPointF(left + size * 0.18, middle + half))
            path.lineTo(QPointF(left + size * 0.82, middle + half))
            path.lineTo(QPointF(left + size * 0.82, middle - half * 0.3))
        painter.drawPath(path)


class SignButton(BigButton):
    """A text size button: a letter and a minus or plus sign, drawn (a small letter for
    smaller, a large one for larger; "Text size" stands beside or above the two where there is
    room, and the accessible name says what each does). At the end of the steps it does
    nothing, and looks it (BigButton)."""

    def __init__(self, plus: bool, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__("", theme, compact=True, parent=parent)
        self.plus = plus

    @staticmethod
    def width_for(theme: Theme) -> int:
        """How wide the larger text button's letter and sign, with padding, are."""
        letter = QFontMetricsF(theme.font(theme.sign_letter_px[1], bold=True))
        drawn = letter.horizontalAdvance(words.text_size_letter()) + theme.icon_gap / 2
        return math.ceil(drawn + theme.sign_size + 2 * theme.compact_button_padding)

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        painter = QPainter(self)
        ink = self._paint_frame(painter)
        font = theme.font(theme.sign_letter_px[1 if self.plus else 0], bold=True)
        letter = words.text_size_letter()
        metrics = QFontMetricsF(font)
        letter_width = metrics.horizontalAdvance(letter)
        gap = theme.icon_gap / 2
        left = (self.width() - letter_width - gap - theme.sign_size) / 2
        baseline = self.height() / 2 + metrics.capHeight() / 2
        painter.setPen(QColor(ink))
        painter.setFont(font)
        painter.drawText(QPointF(left, baseline), letter)
        pen = QPen(QColor(ink), theme.sign_stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        half = theme.sign_size / 2
        centre = QPointF(left + letter_width + gap + half, self.height() / 2)
        painter.drawLine(centre - QPointF(half, 0), centre + QPointF(half, 0))
        if self.plus:
            painter.drawLine(centre - QPointF(0, half), centre + QPointF(0, half))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.update()  # the letter is the language's


class LanguagesButton(BigButton):
    """Where a screen has no room for a button for each language: a globe and the language
    chosen, in its own name. It opens the languages (checked while they show)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__("", theme, compact=True, parent=parent)
        self.setCheckable(True)

    def _icon_width(self) -> int:
        return self._theme.compact_icon_room

    def _text_rect(self, rect: QRect) -> QRect:
        inner = rect.adjusted(self._padding, 0, -self._padding, 0)
        room = self._icon_width()
        if self._right_to_left():
            return inner.adjusted(0, 0, -room, 0)
        return inner.adjusted(room, 0, 0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        painter = QPainter(self)
        painter.setLayoutDirection(self.layoutDirection())
        ink = QColor(self._paint_frame(painter))
        font = theme.font(theme.small_px, bold=True)
        painter.setFont(font)
        painter.setPen(ink)
        text_rect = self._text_rect(self.rect())
        flags = int(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        used = painter.boundingRect(text_rect, flags, self.text())
        painter.drawText(text_rect, flags, self.text())
        # A globe: the outline, a meridian and the equator.
        size = theme.compact_icon_size
        gap = theme.compact_icon_gap
        left = used.right() + gap if self._right_to_left() else used.left() - gap - size
        globe = QRectF(left, used.center().y() - size / 2 + 1, size, size)
        pen = QPen(ink, max(2, theme.icon_stroke * 2 // 3))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(globe)
        painter.drawEllipse(globe.adjusted(size * 0.3, 0, -size * 0.3, 0))
        middle = globe.center().y()
        painter.drawLine(QPointF(globe.left(), middle), QPointF(globe.right(), middle))


class PageArrow(BigButton):
    """An arrow button (a page arrow, Back): its words with an arrow, or where a small panel
    has no room for words, the arrow alone, large, in the middle (its accessible name keeps
    the words)."""

    def __init__(
        self, text: str, theme: Theme, *, icon: Icon, parent: QWidget | None = None
    ) -> None:
        super().__init__(text, theme, icon=icon, parent=parent)
        self._arrow = icon

    def set_words(self, text: str | None) -> None:
        """Words beside the arrow, or None for the arrow alone."""
        self._icon = self._arrow if text else Icon.NONE
        self.setText(text or "")
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        ink = QColor(self._paint_frame(painter))
        pen = QPen(ink, self._theme.icon_stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        half = self._theme.icon_size / 2
        centre = QRectF(self.rect()).center()
        # Next points the way the text reads on, Previous back: mirrored right to left.
        points_right = (self._arrow is Icon.NEXT) != self._right_to_left()
        arms = -1 if points_right else 1  # the side the chevron's arms reach back to
        tip = centre + QPointF(-arms * half / 2, 0)
        painter.drawPolyline(
            [tip + QPointF(arms * half, -half), tip, tip + QPointF(arms * half, half)]
        )


class ProgressBar(QWidget):
    """How far through the article the patient is: a thick, rounded bar, no numbers on it.
    The filled part stands out 3:1 from the track, and the track from the screen, so both
    how far and how far to go can be seen (kiosk.theme.Palette.non_text_pairs)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._fraction = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setFixedHeight(theme.progress_bar_height)
        self.update()

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_fraction(self, fraction: float) -> None:
        self._fraction = min(max(fraction, 0.0), 1.0)
        self._describe()
        self.update()

    def _describe(self) -> None:
        self.setAccessibleDescription(words.percent_read(round(self._fraction * 100)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._describe()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self._theme.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = self.height() / 2
        painter.setBrush(QColor(palette.track))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        if self._fraction > 0:
            length = max(self.height(), self.width() * self._fraction)
            # Progress runs the way the text reads: from the right in right-to-left articles.
            start = (
                self.width() - length
                if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
                else 0
            )
            filled = QRectF(start, 0, length, self.height())
            painter.setBrush(QColor(palette.accent))
            painter.drawRoundedRect(filled, radius, radius)


class TextLabel(QLabel):
    """Plain words (never rich text: staff content must not become markup), themed and wrapped."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def set_style(self, theme: Theme, pixel_size: int, colour: str, *, bold: bool = False) -> None:
        self.setFont(theme.font(pixel_size, bold=bold))
        self.setStyleSheet(f"color: {colour}; background: transparent;")


class HoldButton(BigButton):
    """A button that acts only after it has been held down for `seconds`: a confirmation a
    passing patient does not give by accident. A bar along its bottom fills while it is held;
    letting go early does nothing."""

    held = Signal()  # held down for the whole time

    def __init__(
        self, text: str, theme: Theme, clock: Clock, seconds: float, parent: QWidget | None = None
    ) -> None:
        super().__init__(text, theme, primary=True, parent=parent)
        self._clock = clock
        self._seconds = seconds
        self._alarm: Alarm | None = None
        # The bar is only a picture of the time held; the clock decides when it is enough.
        self._fill = QVariantAnimation(self)
        self._fill.setStartValue(0.0)
        self._fill.setEndValue(1.0)
        self._fill.setDuration(round(seconds * 1000))
        self._fill.valueChanged.connect(self.update)
        self.pressed.connect(self._on_pressed)
        self.released.connect(self._on_released)

    @Slot()
    def _on_pressed(self) -> None:
        self._cancel()
        self._alarm = self._clock.call_later(self._seconds, self._on_held)
        self._fill.start()

    @Slot()
    def _on_released(self) -> None:
        self._cancel()
        self._fill.stop()
        self.update()

    def _cancel(self) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None

    def _on_held(self) -> None:
        self._alarm = None
        if self.isDown():
            self.held.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._fill.state() != QVariantAnimation.State.Running:
            return
        value = self._fill.currentValue()
        fraction = float(value) if isinstance(value, float) else 0.0
        theme = self._theme
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        # In the words' colour: as clear on the pressed face as they are.
        painter.setBrush(QColor(self.colours()[1]))
        inset = theme.border_width * 2
        bar = QRectF(
            inset,
            self.height() - 2 * inset,
            (self.width() - 2 * inset) * fraction,
            theme.border_width,
        )
        painter.drawRect(bar)


def paint_countdown_ring(
    painter: QPainter, theme: Theme, ring: QRectF, ring_width: float, share: float
) -> QRectF:
    """A countdown's ring (the idle warning's, the cleaning pause's): the track, and over it
    the accent arc of the `share` of the time left, from twelve o'clock. Returns the track's
    rectangle (the ring's centre line)."""
    palette = theme.palette
    track = ring.adjusted(ring_width / 2, ring_width / 2, -ring_width / 2, -ring_width / 2)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(palette.track), ring_width))
    painter.drawEllipse(track)
    pen = QPen(QColor(palette.accent), ring_width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawArc(track, 90 * 16, round(360 * 16 * share))
    return track


class TextChoices:
    """A-, "Text size" with the size chosen, A+, and High contrast: the patient's choices as the
    start screen and the menu offer them (each places them; this makes and shows them).

    A- and A+ read left to right in a right-to-left screen too, as the signs do; where there is
    no smaller or larger size the button is drawn faded into the background."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        self.smaller = BigButton("", theme, parent=parent)
        self.size_label = TextLabel(parent=parent)
        self.size_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.larger = BigButton("", theme, parent=parent)
        self.contrast = BigButton("", theme, compact=True, parent=parent)
        self.contrast.setCheckable(True)
        self._faint: dict[BigButton, QGraphicsOpacityEffect] = {}
        for button in (self.smaller, self.larger):
            button.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            effect = QGraphicsOpacityEffect(button)
            effect.setOpacity(DISABLED_OPACITY)
            effect.setEnabled(False)
            button.setGraphicsEffect(effect)
            self._faint[button] = effect

    def show_words(self) -> None:
        """The buttons' words (and spoken names) in the interface's language."""
        self.smaller.set_label(words.smaller_text_button(), words.smaller_text_spoken())
        self.larger.set_label(words.larger_text_button(), words.larger_text_spoken())
        self.contrast.set_label(words.high_contrast_button())

    def show_size(self, percent: int) -> None:
        """ "Text size" and under it the size chosen ("125%"): something that visibly changes
        at each press, however little room the screen has to grow."""
        self.size_label.setText(f"{words.text_size_label()}\n{words.text_size_percent(percent)}")

    def set_choices(self, can_smaller: bool, can_larger: bool, high_contrast: bool) -> None:
        """A- and A+ faint where there is no smaller or larger size; High contrast on or off."""
        for button, usable in ((self.smaller, can_smaller), (self.larger, can_larger)):
            button.setEnabled(usable)
            self._faint[button].setEnabled(not usable)
        self.contrast.setChecked(high_contrast)
