"""Languages as a patient recognises them: each in its own name and script ("English",
"Español", "العربية", "中文"), for the buttons that switch the kiosk's language.

Qt knows the names (QLocale, from the Unicode CLDR), but names each locale, not the language:
"en" is "American English", "es" "español de España", "zh-CN" "简体中文". A patient looks for
the language, so a language is named as most of its locales in the tag's script name it
("English", "español"), with its first letter capitalised as a button's words are. Chinese is
the exception: CLDR names each Chinese locale by its script only, so its readers get the name
they know, "中文". Where a library has two tags of one name ("pt-BR" and "pt-PT"),
`language_names` tells them apart by the locale's own name.

No widgets here: the menu and the start screen both use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt

# Names CLDR gives no locale of the language in its plain form (see the module docstring).
_PLAIN_NAMES = {QLocale.Language.Chinese: "中文"}


def language_name(tag: str) -> str:
    """`tag`'s language in its own name, first letter capitalised: "es" -> "Español",
    "zh-CN" -> "中文". A tag Qt does not know is shown as written."""
    locale = _locale(tag)
    if locale is None:
        return tag
    plain = _PLAIN_NAMES.get(locale.language())
    if plain is not None:
        return plain
    names = Counter(
        name
        for other in QLocale.matchingLocales(
            locale.language(), locale.script(), QLocale.Country.AnyCountry
        )
        if (name := other.nativeLanguageName())
    )
    # The name most of its locales share; the tag's own locale's name breaks a tie.
    own = locale.nativeLanguageName()
    ranked = sorted(names.items(), key=lambda item: (-item[1], item[0] != own))
    name = ranked[0][0] if ranked else own
    return _capitalised(name) if name else tag


def language_names(tags: Sequence[str]) -> list[str]:
    """Each of `tags` named as `language_name` names it, except where two would read the
    same: those get their locale's own name ("Português", "Português europeu"), and where
    even that is the same, the tag after it."""
    names = [language_name(tag) for tag in tags]
    repeated = {name for name, count in Counter(names).items() if count > 1}
    for index, tag in enumerate(tags):
        if names[index] in repeated:
            locale = _locale(tag)
            own = locale.nativeLanguageName() if locale is not None else ""
            names[index] = _capitalised(own) if own else tag
    repeated = {name for name, count in Counter(names).items() if count > 1}
    return [
        f"{name} ({tag})" if name in repeated else name
        for name, tag in zip(names, tags, strict=True)
    ]


def _locale(tag: str) -> QLocale | None:
    """The locale `tag` stands for; None if Qt does not know its language."""
    locale = QLocale(tag.replace("_", "-"))
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return None
    return locale


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def is_right_to_left(tag: str) -> bool:
    """Whether the language is written right to left (Arabic, Hebrew, Persian, Urdu...)."""
    locale = _locale(tag)
    return locale is not None and locale.textDirection() == Qt.LayoutDirection.RightToLeft
