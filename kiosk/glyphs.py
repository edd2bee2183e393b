"""Which characters of an article no installed font can draw: a patient would see an empty box
("tofu") in their place. `kiosk check` names them, and the font package that draws them.

Qt draws a character the kiosk's font lacks with another installed font that has it (fontconfig
chooses which), so a character is missing only when no installed font has it. Needs a
QGuiApplication (the fonts are Qt's).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

# Characters that draw nothing by nature: no font needs a glyph for them.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})

# Debian and Ubuntu packages that draw a script, by a word of the characters' Unicode names
# (the first that matches is named). Noto covers every script; these are its smallest parts.
_PACKAGES = (
    (("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC"), "fonts-noto-cjk"),
    (("EMOJI", "FACE", "HAND", "HEART"), "fonts-noto-color-emoji"),
)
_DEFAULT_PACKAGE = "fonts-noto-core"


@dataclass(frozen=True)
class MissingCharacters:
    """Characters no installed font draws, in the article's order, and what to install."""

    characters: str
    package: str

    def describe(self) -> str:
        shown = " ".join(
            f"{character} (U+{ord(character):04X} {unicodedata.name(character, 'unnamed')})"
            for character in self.characters[:5]
        )
        more = len(self.characters) - 5
        if more > 0:
            shown += f" and {more} more"
        return shown


def missing_characters(text: str, families: Iterable[str] | None = None) -> list[MissingCharacters]:
    """The characters of `text` that none of `families` (default: every installed font)
    draws, grouped by the package that would draw them."""
    wanted = _visible_characters(text)
    if not wanted:
        return []
    fonts = [_raw_font(family) for family in (families or QFontDatabase.families())]
    missing = [
        character
        for character in wanted
        if not any(font.isValid() and font.supportsCharacter(ord(character)) for font in fonts)
    ]
    grouped: dict[str, list[str]] = {}
    for character in missing:
        grouped.setdefault(font_package(character), []).append(character)
    return [MissingCharacters("".join(found), package) for package, found in grouped.items()]


def font_package(character: str) -> str:
    """The Debian/Ubuntu package whose fonts draw `character`."""
    name = unicodedata.name(character, "")
    for words, package in _PACKAGES:
        if any(word in name for word in words):
            return package
    if 0x1F000 <= ord(character) <= 0x1FAFF:
        return "fonts-noto-color-emoji"
    return _DEFAULT_PACKAGE


def _visible_characters(text: str) -> list[str]:
    """Each character that needs a glyph, once, in the order of the text; ASCII letters are
    drawn by every font and left out to keep a long article quick to check."""
    seen: dict[str, None] = {}
    for character in text:
        if ord(character) < 0x80 or character in seen:
            continue
        if unicodedata.category(character) in _INVISIBLE_CATEGORIES:
            continue
        seen[character] = None
    return list(seen)


_raw_fonts: dict[str, QRawFont] = {}


def _raw_font(family: str) -> QRawFont:
    font = _raw_fonts.get(family)
    if font is None:
        font = _raw_fonts[family] = QRawFont.fromFont(QFont(family))
    return font
