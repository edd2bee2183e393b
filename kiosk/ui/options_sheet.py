"""The reading screen's sheet of choices: a card over the dimmed page, opened by the Menu button
(on a compact panel, whose bars have no room for the choices) or the Sound button beside Read
aloud (elsewhere), and closed by its Close button or a tap beside the card.

On a compact panel it holds the text size steps, High contrast, Read aloud and Read aloud's
volume and speed, and Home where the bar has no room for it; opened by Sound, Read aloud with
its volume and speed. It shows the patient's choices as the reading screen passes them on from
the session, and says what the patient asks for; it decides nothing.

Its groups of controls (a caption, where a group has one, above its buttons) are laid out in
columns, in reading order, Close last: the split that fills the window most evenly, with a
roomy padding where that fits and a tight one on a 7" panel; a column beside the staff corner
starts below it, so that no button lies where taps only count towards staff access. A tap
beside the card lands on the dimmed backdrop, itself a button, so the input router treats it
as one: a bounce of the tap that opened the sheet does not close it again.

Where the window has no room for all of it (a 7" panel, in words longer than English), Read
aloud's volume and speed give way to a Sound button, which shows them in the card instead (the
sound page); where even that page has no room for Read aloud itself, it shows the volume and
the speed only (Read aloud is on the first page). Its words follow the interface's language
when that changes, and the card is laid out again for them.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk import words
from kiosk.speech import Speed, Volume
from kiosk.theme import LABEL_LINE_HEIGHT, Theme
from kiosk.ui.widgets import BigButton, Icon, SignButton, TextLabel


@dataclass(frozen=True)
class SheetContents:
    """Which groups of controls the sheet shows."""

    home: bool = False  # Home (where the bar has no room for it)
    text: bool = False  # High contrast, and the text size steps where the panel offers any
    text_size: bool = False  # the text size steps (within `text`)
    speech: bool = False  # Read aloud, its volume and its speed (while Read aloud is offered)


@dataclass
class _Group:
    """A caption (or none) above a row of buttons, all the same height."""

    caption: TextLabel | None
    buttons: list[BigButton]
    widths: list[int]

    def size(self, theme: Theme, caption_height: int, button_height: int) -> QSize:
        row = sum(self.widths) + theme.gap * (len(self.widths) - 1)
        width, height = row, button_height
        if self.caption is not None:
            caption = QFontMetrics(self.caption.font()).horizontalAdvance(self.caption.text())
            width = max(width, caption)
            height += caption_height + theme.sheet_caption_gap
        return QSize(width, height)


@dataclass(frozen=True)
class _Arrangement:
    """The card laid out: its groups in columns, each column's width, left edge (on the card,
    as seen) and how far down it starts, the padding, and the card's place."""

    groups: list[_Group]
    columns: list[list[int]]
    widths: list[int]
    lefts: list[int]
    shifts: list[int]
    padding: int
    card: QRect


class _Backdrop(QAbstractButton):
    """The dimmed page around the card: a tap on it closes the sheet."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(words.close_button())
        self._colour = QColor(Qt.GlobalColor.black)

    def set_theme(self, theme: Theme) -> None:
        palette = theme.palette
        self._colour = QColor(palette.scrim)
        self._colour.setAlphaF(palette.scrim_opacity)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), self._colour)


class _Card(QWidget):
    """The card the controls sit on. A tap between them does nothing (never closes)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._theme: Theme | None = None

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        if theme is None:
            return
        palette = theme.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = theme.border_width
        painter.setPen(QPen(QColor(palette.card_edge), border))
        painter.setBrush(QColor(palette.card))
        frame = self.rect().adjusted(border // 2, border // 2, -border // 2, -border // 2)
        painter.drawRoundedRect(frame, theme.corner_radius, theme.corner_radius)


class OptionsSheet(QWidget):
    """The sheet over the reading screen (see the module's docstring); hidden until opened."""

    home_requested = Signal()  # Home
    smaller_text_requested = Signal()  # A-: one text size step smaller
    larger_text_requested = Signal()  # A+: one text size step larger
    contrast_requested = Signal()  # High contrast: on or off
    read_aloud_requested = Signal()  # Read aloud / Stop reading
    quieter_requested = Signal()  # Read aloud more quietly
    louder_requested = Signal()  # Read aloud louder
    slower_requested = Signal()  # Read aloud more slowly
    faster_requested = Signal()  # Read aloud faster

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._contents = SheetContents()
        self._volume = Volume.NORMAL
        self._speed = Speed.NORMAL
        # Showing Read aloud's volume and speed in place of the rest (see the docstring).
        self._sound_page = False
        self.backdrop = _Backdrop(self)
        self.card = _Card(self)
        card = self.card
        self.home_button = BigButton("", theme, icon=Icon.HOME, parent=card)
        self.text_size_label = TextLabel(parent=card)
        self.text_size_label.setWordWrap(False)
        self.smaller_text_button = SignButton(False, theme, card)
        self.larger_text_button = SignButton(True, theme, card)
        self.contrast_button = self._button(checkable=True)
        self.read_aloud_button = self._button(checkable=True)
        self.sound_button = self._button()
        self.volume_label = TextLabel(parent=card)
        self.volume_label.setWordWrap(False)
        self.quieter_button = self._button()
        self.louder_button = self._button()
        self.speed_label = TextLabel(parent=card)
        self.speed_label.setWordWrap(False)
        for label in (self.text_size_label, self.volume_label, self.speed_label):
            # Leading: from the right in right-to-left text, as the columns are.
            label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.slower_button = self._button()
        self.faster_button = self._button()
        self.close_button = BigButton("", theme, primary=True, compact=True, parent=card)
        for button in self._all_buttons():
            button.on_card = True
        self._show_words()

        self.backdrop.clicked.connect(self.close_sheet)
        self.close_button.clicked.connect(self.close_sheet)
        self.home_button.clicked.connect(self.home_requested)
        self.smaller_text_button.clicked.connect(self.smaller_text_requested)
        self.larger_text_button.clicked.connect(self.larger_text_requested)
        self.contrast_button.clicked.connect(self.contrast_requested)
        self.read_aloud_button.clicked.connect(self.read_aloud_requested)
        self.quieter_button.clicked.connect(self.quieter_requested)
        self.louder_button.clicked.connect(self.louder_requested)
        self.slower_button.clicked.connect(self.slower_requested)
        self.faster_button.clicked.connect(self.faster_requested)
        self.sound_button.clicked.connect(self._show_sound_page)
        self.hide()

    def _button(self, *, checkable: bool = False) -> BigButton:
        button = BigButton("", self._theme, compact=True, parent=self.card)
        button.setCheckable(checkable)
        return button

    def _show_words(self) -> None:
        """Every word on the card, in the interface's language: when the sheet is made, and
        again when the language changes."""
        self.backdrop.setAccessibleName(words.close_button())
        self.home_button.set_label(words.home_button())
        self.text_size_label.setText(words.text_size_label())
        self.smaller_text_button.setAccessibleName(words.smaller_text_spoken())
        self.larger_text_button.setAccessibleName(words.larger_text_spoken())
        self.contrast_button.set_label(words.high_contrast_button())
        self._show_read_aloud_words()
        self.sound_button.set_label(words.sound_button(), words.sound_spoken())
        self.volume_label.setText(words.volume_label(self._volume))
        self.quieter_button.set_label(words.quieter_button(), words.quieter_spoken())
        self.louder_button.set_label(words.louder_button(), words.louder_spoken())
        self.speed_label.setText(words.speed_label(self._speed))
        self.slower_button.set_label(words.slower_button(), words.slower_spoken())
        self.faster_button.set_label(words.faster_button(), words.faster_spoken())
        self.close_button.set_label(words.close_button())

    def _show_read_aloud_words(self) -> None:
        speaking = self.read_aloud_button.isChecked()
        text = words.stop_reading_button() if speaking else words.read_aloud_button()
        self.read_aloud_button.set_label(text)

    def _all_buttons(self) -> tuple[BigButton, ...]:
        return (
            self.home_button,
            self.smaller_text_button,
            self.larger_text_button,
            self.contrast_button,
            self.read_aloud_button,
            self.sound_button,
            self.quieter_button,
            self.louder_button,
            self.slower_button,
            self.faster_button,
            self.close_button,
        )

    # What it shows

    @property
    def contents(self) -> SheetContents:
        return self._contents

    @property
    def is_open(self) -> bool:
        """Opened and not closed since (whether or not its screen is on show)."""
        return not self.isHidden()

    def set_theme(self, theme: Theme) -> None:
        """Sizes and colours: the reading screen's bars' theme."""
        self._theme = theme
        self.backdrop.set_theme(theme)
        self.card.set_theme(theme)
        palette = theme.palette
        for label in (self.text_size_label, self.volume_label, self.speed_label):
            label.set_style(theme, theme.small_px, palette.text, bold=True)
        for button in self._all_buttons():
            button.set_theme(theme)
            button.set_base_height(theme.bar_button_height)
        self.home_button.set_compact(theme.compact)
        self._place()

    @property
    def showing_sound_page(self) -> bool:
        """Whether the card shows Read aloud's volume and speed in place of the rest."""
        return self._sound_page

    def set_contents(self, contents: SheetContents) -> None:
        if contents != self._contents:
            self._sound_page = False
        self._contents = contents
        self._place()

    def set_text_choices(self, *, can_smaller: bool, can_larger: bool, high_contrast: bool) -> None:
        self.smaller_text_button.setEnabled(can_smaller)
        self.larger_text_button.setEnabled(can_larger)
        self.contrast_button.setChecked(high_contrast)

    def set_reading_aloud(self, speaking: bool) -> None:
        self.read_aloud_button.setChecked(speaking)
        self._show_read_aloud_words()

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
        """Read aloud's volume and speed as the session has them; a step that goes nowhere
        is faded."""
        self._volume, self._speed = volume, speed
        self.volume_label.setText(words.volume_label(volume))
        self.speed_label.setText(words.speed_label(speed))
        self.quieter_button.setEnabled(can_quieter)
        self.louder_button.setEnabled(can_louder)
        self.slower_button.setEnabled(can_slower)
        self.faster_button.setEnabled(can_faster)
        self._place()  # "Volume: Normal" and "Volume: Loud" differ in width

    @Slot()
    def open_sheet(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._place()
        self.show()
        self.raise_()

    @Slot()
    def close_sheet(self) -> None:
        self.hide()
        if self._sound_page:
            self._sound_page = False
            self._place()

    @Slot()
    def _show_sound_page(self) -> None:
        self._sound_page = True
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._show_words()
            self._place()  # other words, other widths

    # Layout

    def _forms(self) -> list[list[_Group]]:
        """The groups the card may show, from the most to the least (see the docstring)."""
        contents = self._contents
        if not contents.speech:
            return [self._groups(choices=True, reading=True, sound=False, steps=False)]
        if self._sound_page:
            return [
                self._groups(choices=False, reading=True, sound=False, steps=True),
                self._groups(choices=False, reading=False, sound=False, steps=True),
            ]
        whole = self._groups(choices=True, reading=True, sound=False, steps=True)
        if not (contents.home or contents.text):
            return [whole, self._groups(choices=False, reading=False, sound=False, steps=True)]
        return [whole, self._groups(choices=True, reading=True, sound=True, steps=False)]

    def _groups(self, *, choices: bool, reading: bool, sound: bool, steps: bool) -> list[_Group]:
        """The groups shown, in reading order, Close last: with `choices` Home and the text's
        (as the contents ask), with `reading` Read aloud, with `sound` the Sound button, with
        `steps` Read aloud's volume and speed (as far as the contents offer Read aloud)."""
        theme, contents = self._theme, self._contents
        groups = []
        if choices and contents.home:
            home = self._width(self.home_button, icon=True)
            groups.append(_Group(None, [self.home_button], [home]))
        if choices and contents.text and contents.text_size:
            sign = max(SignButton.width_for(theme), theme.bar_button_height)
            signs: list[BigButton] = [self.smaller_text_button, self.larger_text_button]
            groups.append(_Group(self.text_size_label, signs, [sign, sign]))
        if choices and contents.text:
            groups.append(_Group(None, [self.contrast_button], [self._width(self.contrast_button)]))
        if contents.speech and reading:
            reading_width = self._width(self.read_aloud_button, words.stop_reading_button())
            groups.append(_Group(None, [self.read_aloud_button], [reading_width]))
        if contents.speech and sound:
            groups.append(_Group(None, [self.sound_button], [self._width(self.sound_button)]))
        if contents.speech and steps:
            for caption, pair in (
                (self.volume_label, [self.quieter_button, self.louder_button]),
                (self.speed_label, [self.slower_button, self.faster_button]),
            ):
                groups.append(_Group(caption, pair, [self._width(button) for button in pair]))
        groups.append(_Group(None, [self.close_button], [self._width(self.close_button)]))
        return groups

    def _width(self, button: BigButton, *texts: str, icon: bool = False) -> int:
        """`button` wide enough for its words (and the widest of `texts`) on one line, in the
        compact buttons' words (Home: in the bar's, with its icon), and a touch target wide."""
        theme = self._theme
        compact = not icon or theme.compact
        pixels = theme.small_px if compact else theme.button_text_px
        metrics = QFontMetrics(theme.font(pixels, bold=True))
        widest = max(metrics.horizontalAdvance(text) for text in (button.text(), *texts))
        padding = theme.compact_button_padding if compact else theme.button_padding
        room = 2 * padding + 2
        if icon:
            room += theme.compact_icon_room if compact else theme.icon_room
        return max(widest + room, theme.touch_target_min)

    def _place(self) -> None:
        """Lay the groups out in as few columns as fit, and centre the card (a column beside
        the staff corner starts below it): the first form that fits, roomy or tight, with
        the staff corner's room; else the least, as tight as it gets."""
        theme = self._theme
        caption_height = math.ceil(theme.small_px * LABEL_LINE_HEIGHT)
        button_height = theme.bar_button_height
        room = self.rect().adjusted(
            theme.sheet_margin, theme.sheet_margin, -theme.sheet_margin, -theme.sheet_margin
        )
        chosen: _Arrangement | None = None
        for groups in self._forms():
            sizes = [group.size(theme, caption_height, button_height) for group in groups]
            for padding in (theme.sheet_padding, theme.sheet_tight_padding):
                inner = QSize(room.width() - 2 * padding, room.height() - 2 * padding)
                columns, fits = _columns(sizes, inner, theme.gap, theme.sheet_column_gap)
                chosen = self._arrange(groups, sizes, columns, padding, caption_height)
                if fits and chosen.card.height() <= room.height():
                    break
            else:
                continue
            break
        assert chosen is not None
        groups, columns = chosen.groups, chosen.columns
        shown = {button for group in groups for button in group.buttons}
        captions = {group.caption for group in groups if group.caption is not None}
        for button in self._all_buttons():
            button.setVisible(button in shown)
        for label in (self.text_size_label, self.volume_label, self.speed_label):
            label.setVisible(label in captions)
        mirrored = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.backdrop.setGeometry(self.rect())
        self.card.setGeometry(chosen.card)
        for column, width, left, shift in zip(
            columns, chosen.widths, chosen.lefts, chosen.shifts, strict=True
        ):
            y = chosen.padding + shift
            for index in column:
                group = groups[index]
                if group.caption is not None:
                    self._put(group.caption, left, y, width, caption_height)
                    y += caption_height + theme.sheet_caption_gap
                places = _share(group.widths, width, theme.gap)
                for button, (offset, button_width) in zip(group.buttons, places, strict=True):
                    if mirrored:
                        offset = width - offset - button_width
                    self._put(button, left + offset, y, button_width, button_height)
                y += button_height + theme.gap

    def _arrange(
        self,
        groups: list[_Group],
        sizes: list[QSize],
        columns: list[list[int]],
        padding: int,
        caption_height: int,
    ) -> _Arrangement:
        """The card for `groups` in `columns`, centred in the window, each column moved down
        as far as the staff corner asks."""
        theme = self._theme
        widths = [max(sizes[index].width() for index in column) for column in columns]
        heights = [
            sum(sizes[index].height() for index in column) + theme.gap * (len(column) - 1)
            for column in columns
        ]
        mirrored = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        card_width = sum(widths) + theme.sheet_column_gap * (len(columns) - 1) + 2 * padding
        lefts, x = [], padding  # each column's left edge on the card, as seen
        for width in widths:
            lefts.append(card_width - x - width if mirrored else x)
            x += width + theme.sheet_column_gap
        card = QRect(0, 0, card_width, 0)
        card.moveLeft((self.width() - card_width) // 2)
        shifts = [0] * len(columns)
        for _ in range(3):
            card.setHeight(max(map(sum, zip(heights, shifts, strict=True)), default=0))
            card.setHeight(card.height() + 2 * padding)
            card.moveTop(max((self.height() - card.height()) // 2, 0))
            shifts = [
                self._clear_of_staff_corner(groups[column[0]], card, left, padding, caption_height)
                for column, left in zip(columns, lefts, strict=True)
            ]
        return _Arrangement(groups, columns, widths, lefts, shifts, padding, card)

    def _clear_of_staff_corner(
        self, first: _Group, card: QRect, left: int, padding: int, caption_height: int
    ) -> int:
        """How far down a column starting at `left` of the card must begin so that its first
        buttons are clear of the staff corner (whose taps count only towards staff access),
        by a gap: 0 for a column away from it."""
        theme = self._theme
        corner = theme.staff_corner
        if card.left() + left >= corner:
            return 0
        top = card.top() + padding
        if first.caption is not None:
            top += caption_height + theme.sheet_caption_gap
        return max(0, corner + theme.gap - top)

    @staticmethod
    def _put(widget: QWidget, x: int, y: int, width: int, height: int) -> None:
        """Place `widget` at (x, y) of the card."""
        widget.setFixedSize(width, height)
        widget.move(x, y)


def _share(widths: list[int], room: int, gap: int) -> list[tuple[int, int]]:
    """(left, width) of buttons side by side, `gap` apart, filling `room`: a tidy column and
    larger targets. As wide as each other where each one's words allow; else each widened by
    the same."""
    count = len(widths)
    spare = room - sum(widths) - gap * (count - 1)
    even = (room - gap * (count - 1)) // count
    grown = [even] * count if max(widths) <= even else [w + spare // count for w in widths]
    grown[-1] = room - sum(grown[:-1]) - gap * (count - 1)
    places, left = [], 0
    for width in grown:
        places.append((left, width))
        left += width + gap
    return places


def _columns(
    sizes: list[QSize], room: QSize, gap: int, column_gap: int
) -> tuple[list[list[int]], bool]:
    """The groups (by index, in order) split into columns, each a run of consecutive groups:
    of the splits that fit `room`, the one that fills it most evenly (a tall column on a wide
    screen leaves the card cramped and far to reach); if none fits, the one that overflows
    least. And whether it fits."""
    count = len(sizes)
    if not count:
        return [], True
    scored: list[tuple[tuple[float, ...], list[list[int]]]] = []
    for columns in range(1, count + 1):
        for cuts in itertools.combinations(range(1, count), columns - 1):
            bounds = (0, *cuts, count)
            split = [list(range(start, end)) for start, end in itertools.pairwise(bounds)]
            width = sum(max(sizes[i].width() for i in column) for column in split)
            width += column_gap * (columns - 1)
            height = max(
                sum(sizes[i].height() for i in column) + gap * (len(column) - 1) for column in split
            )
            overflow = max(0, width - room.width()) + max(0, height - room.height())
            fill = max(width / max(room.width(), 1), height / max(room.height(), 1))
            scored.append(((overflow, fill, columns), split))
    score, split = min(scored, key=lambda entry: entry[0])
    return split, score[0] == 0
