"""The interface in Spanish, Arabic and Simplified Chinese: every word on screen translated,
every number and name still put in its place, and the translation what the patient then sees.

The English .ts (assets/translations/kiosk_en.ts, which tests/test_words.py keeps up to date
with kiosk.words) is the list of words; each language's .ts must have them all, finished.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk import translations, words
from kiosk.navigation import Position, Screen

from .conftest import ROOT

TRANSLATIONS = ROOT / "assets" / "translations"
ENGLISH_TS = TRANSLATIONS / "kiosk_en.ts"
# Each language with the number of plural forms Qt's rules give it (Arabic: 0, 1, 2, 3-10,
# 11-99, 100-102; Spanish: 1 and the rest; Chinese: one form for every count).
PLURAL_FORMS = {"es": 2, "ar": 6, "zh_CN": 1}
LANGUAGES = sorted(PLURAL_FORMS)

# Places a translation must keep: Qt's %n and %1-style places (also their %L forms), Python's
# {name} places, and markup tags.
_PLACEHOLDER = re.compile(r"%L?(?:n|[1-9][0-9]?)|\{[A-Za-z_][A-Za-z0-9_]*\}|<[^<>]+>")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Message:
    plural: bool
    finished: bool
    forms: tuple[str, ...]  # the translation, or its plural forms


def messages(ts_file: Path) -> dict[tuple[str, str], Message]:
    """Every message of a .ts file by (context, English source text)."""
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{ts_file.name}: {message.findtext('source')!r}"
            plural = message.get("numerus") == "yes"
            if plural:
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            found[(name, message.findtext("source", ""))] = Message(
                plural=plural,
                finished=translation.get("type") not in ("unfinished", "vanished", "obsolete"),
                forms=forms,
            )
    return found


def placeholders(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER.findall(text))


ENGLISH = messages(ENGLISH_TS)


def test_the_english_list_of_words_is_read():
    """Guards the tests below: an empty English list would let every language pass."""
    assert len(ENGLISH) > 40
    assert ("kiosk", "Next") in ENGLISH


# What is wrong with a language's .ts: each list names the English texts concerned


def untranslated(ts_file: Path) -> list[str]:
    """English texts with no translation, an unfinished one, or an empty plural form."""
    translated = messages(ts_file)
    return sorted(
        source
        for key in ENGLISH
        for source in [key[1]]
        if key not in translated
        or not translated[key].finished
        or not all(form.strip() for form in translated[key].forms)
    )


def wrong_plural_forms(ts_file: Path, forms: int) -> list[str]:
    """English texts with a count whose translation has not the language's plural forms
    (or that lost or gained plural forms)."""
    translated = messages(ts_file)
    return sorted(
        source
        for key, message in ENGLISH.items()
        for source in [key[1]]
        if key in translated
        and (
            translated[key].plural != message.plural
            or (message.plural and len(translated[key].forms) != forms)
        )
    )


def left_in_english(ts_file: Path) -> list[str]:
    """Texts with words whose "translation" is the English itself. Only texts with no word
    in them ("%1.  %2", "A+") may stay the same."""
    return sorted(
        source
        for key, translation in messages(ts_file).items()
        for source in [key[1]]
        if key in ENGLISH
        and len(_LETTERS.findall(_PLACEHOLDER.sub("", source))) > 1
        and source in translation.forms
    )


def lost_places(ts_file: Path) -> list[str]:
    """English texts whose translation (any of its forms) has other places to fill, or
    other line breaks, than the English."""
    return sorted(
        source
        for key, translation in messages(ts_file).items()
        for source in [key[1]]
        if key in ENGLISH
        and any(
            placeholders(form) != placeholders(source) or form.count("\n") != source.count("\n")
            for form in translation.forms
        )
    )


# Every word, in every language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_on_screen_has_a_finished_translation(language):
    missing = untranslated(translations.ts_file(language))
    assert not missing, (
        f"kiosk_{language}.ts has no finished translation for {missing}: run lupdate with "
        f"-target-language {language} -ts assets/translations/kiosk_{language}.ts (as "
        "kiosk.translations says for English) and fill them in"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_count_has_each_plural_form_of_the_language(language):
    forms = PLURAL_FORMS[language]
    wrong = wrong_plural_forms(translations.ts_file(language), forms)
    assert not wrong, (
        f"kiosk_{language}.ts: these need {forms} plural forms (lupdate -target-language "
        f"{language} writes them): {wrong}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_is_left_in_english(language):
    """A translation copied from the English (to make the test above pass) is still English
    on screen."""
    english = left_in_english(translations.ts_file(language))
    assert not english, f"kiosk_{language}.ts leaves these in English: {english}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_and_name_keeps_its_place(language):
    """A lost %1 shows no section title; a lost %n no count; a lost line break puts a long
    command line in the middle of a sentence."""
    wrong = lost_places(translations.ts_file(language))
    assert not wrong, f"kiosk_{language}.ts changes the places to fill in: {wrong}"


def test_the_checks_name_each_text_a_careless_edit_breaks(tmp_path):
    """The four checks above, on a Spanish file with one fault of each kind."""
    tree = ET.parse(translations.ts_file("es"))
    context = next(tree.getroot().iter("context"))
    by_source = {message.findtext("source"): message for message in context.iter("message")}
    # A new English word that lupdate added, not yet translated
    new = by_source["Next"].find("translation")
    assert new is not None
    new.set("type", "unfinished")
    new.text = ""
    # A word the .ts never got (lupdate not run for this language)
    context.remove(by_source["Home"])
    # A count given a single form
    plural = by_source["Wrong PIN. %n tries left."].find("translation")
    assert plural is not None
    plural.remove(plural.findall("numerusform")[1])
    # The English copied in, and a title's place lost
    by_source["Start again"].find("translation").text = "Start again"  # type: ignore[union-attr]
    by_source["Next: %1"].find("translation").text = "Siguiente"  # type: ignore[union-attr]
    broken = tmp_path / "kiosk_es.ts"
    tree.write(broken, encoding="utf-8")

    assert untranslated(broken) == ["Home", "Next"]
    assert wrong_plural_forms(broken, PLURAL_FORMS["es"]) == ["Wrong PIN. %n tries left."]
    assert left_in_english(broken) == ["Start again"]
    assert lost_places(broken) == ["Next: %1"]


def test_the_place_check_sees_a_lost_or_added_place():
    """The place check, on texts it must refuse, and on texts whose places moved."""
    assert placeholders("Next: %1") != placeholders("Siguiente")
    assert placeholders("Wrong PIN. %n tries left.") != placeholders("PIN incorrecto.")
    assert placeholders("%1 and %2") != placeholders("%1 y %1")
    assert placeholders("Hello {name}") != placeholders("Hola {nombre}")
    assert placeholders("<b>%1</b>") != placeholders("%1")
    # and accepts a sentence whose places moved
    assert placeholders("Parts %1\N{EN DASH}%2 of %3") == placeholders(
        "第 %1\N{EN DASH}%2 部分，共 %3 部分"  # noqa: RUF001 (Chinese punctuation)
    )
    assert placeholders("%1%") == placeholders("%1\u00a0%")


# What a patient then sees


@pytest.fixture
def installed(qapp: QApplication, tmp_path: Path) -> Iterator[Callable[[str], QTranslator]]:
    """Install a language over the English, as the kiosk does; afterwards take it out again,
    so the tests that follow (in any order) see English."""
    installed_here: list[QTranslator] = []

    def install(language: str) -> QTranslator:
        compiled = translations.compiled_translation(translations.ts_file(language), tmp_path)
        assert compiled.stat().st_size > 0
        translator = translations.install_translations(qapp, language, cache_dir=tmp_path)
        assert translator is not None, f"the {language} translation did not load (see the log)"
        installed_here.append(translator)
        return translator

    yield install
    for translator in installed_here:
        QCoreApplication.removeTranslator(translator)
        # Out of the application's children, so installing the language again loads it anew.
        translator.setParent(None)
    assert words.next_button() == "Next"
    assert words.idle_countdown(1) == "Going back to the start in 1 second"


EXPECTED = {
    "es": {
        "next": "Siguiente",
        "start": "Toque para empezar",
        "countdown": ("Volviendo al inicio en 1 segundo", "Volviendo al inicio en 5 segundos"),
        "wrong_pin": ("PIN incorrecto. Queda 1 intento.", "PIN incorrecto. Quedan 4 intentos."),
        "position": "Parte 2 de 4 \N{MIDDLE DOT} Página 1 de 2",
        "continued": "Efectos secundarios (continuación)",
    },
    "ar": {
        "next": "التالي",
        "start": "اضغط للبدء",
        "countdown": ("العودة إلى البداية بعد 1 ثانية", "العودة إلى البداية بعد 5 ثوانٍ"),
        "wrong_pin": ("الرقم السري خاطئ. تبقى 1 محاولة.", "الرقم السري خاطئ. تبقى 4 محاولات."),
        "position": "الجزء 2 من 4 \N{MIDDLE DOT} الصفحة 1 من 2",
        "continued": "الآثار الجانبية (تابع)",
    },
    "zh_CN": {
        "next": "下一页",
        "start": "点击开始",
        "countdown": ("1 秒后回到首页", "5 秒后回到首页"),
        "wrong_pin": ("密码错误。还可以再试 1 次。", "密码错误。还可以再试 4 次。"),
        "position": "第 2 部分，共 4 部分 \N{MIDDLE DOT} 第 1 页，共 2 页",  # noqa: RUF001
        "continued": "副作用（续）",  # noqa: RUF001 (Chinese brackets)
    },
}
SIDE_EFFECTS = {"es": "Efectos secundarios", "ar": "الآثار الجانبية", "zh_CN": "副作用"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_screens_words_come_out_in_the_language(installed, language):
    expected = EXPECTED[language]
    installed(language)
    assert words.next_button() == expected["next"]
    assert words.start_button() == expected["start"]
    assert (words.idle_countdown(1), words.idle_countdown(5)) == expected["countdown"]
    assert (words.wrong_pin(1), words.wrong_pin(4)) == expected["wrong_pin"]
    position = Position(Screen.READING, 1, 0)
    assert words.position_line(position, (1, 2, 1, 3)) == expected["position"]
    assert words.continued_title(SIDE_EFFECTS[language]) == expected["continued"]


def test_arabic_counts_take_the_dual_and_the_plural_of_three_to_ten(installed):
    """Arabic says a count of 2, of 3 to 10 and of 11 or more each its own way."""
    installed("ar")
    assert words.idle_countdown(2).endswith("2 ثانيتين")
    assert words.idle_countdown(10).endswith("10 ثوانٍ")
    assert words.idle_countdown(30).endswith("30 ثانية")
    assert words.idle_countdown(103).endswith("103 ثوانٍ")
    assert words.reading_time(2).endswith("2 دقيقتين")
    assert words.wrong_pin(2) == "الرقم السري خاطئ. تبقى 2 محاولتان."


def test_a_command_line_in_arabic_text_keeps_left_to_right(installed):
    """A path starting with "/" inside Arabic would show its slash at the wrong end: the
    translation sets it apart as left-to-right text, on its own line as in English."""
    installed("ar")
    command = "/home/clinic/kiosk/.venv/bin/kiosk set-pin"
    notice = words.no_pin_notice(command)
    assert notice.endswith("\n\u2066" + command + "\u2069")
    assert notice.startswith("يستطيع")


def test_after_a_language_is_taken_out_english_is_back(qapp, tmp_path):
    """What the fixture above relies on: the kiosk's English is what stays installed."""
    translator = translations.install_translations(qapp, "es", cache_dir=tmp_path)
    assert translator is not None
    try:
        assert words.back_button() == "Atrás"
    finally:
        QCoreApplication.removeTranslator(translator)
        translator.setParent(None)
    assert words.back_button() == "Back"
    assert words.wrong_pin(1) == "Wrong PIN. 1 try left."
    assert qapp.findChild(QTranslator, "kiosk-translator-es") is None


# Words that belong to the article's text


def _later_page_title(article_name: str) -> str:
    """The one-line title atop the second page of the article's first section that goes on
    over the page and has a title of its own (not the kiosk's word "Introduction")."""
    from kiosk.article import load_article
    from kiosk.text_layout import ArticleLayout
    from kiosk.theme import Theme

    layout = ArticleLayout(load_article(ROOT / "content" / article_name), Theme(1280, 800))
    section = next(
        laid_out
        for laid_out in layout.sections
        if len(laid_out.pages) > 1 and not laid_out.section.kiosk_title
    )
    return section.continued_heading.toPlainText()


def test_continued_follows_the_articles_language_not_the_interfaces(installed):
    # A Spanish speaker who chose Español on the menu and opened a leaflet that exists only in
    # English reads "(continued)" after its English title; the Spanish leaflet says
    # "(continuación)" whatever language the interface was in when it was laid out.
    assert _later_page_title("ketamine-chronic-pain.es.md").endswith(" (continuación)")
    installed("es")
    assert words.next_button() == "Siguiente"
    assert _later_page_title("ketamine-chronic-pain.md").endswith(" (continued)")
    assert _later_page_title("ketamine-chronic-pain.es.md").endswith(" (continuación)")


def test_a_language_the_kiosk_has_no_words_for_keeps_the_english_mark():
    assert translations.in_language("fi", "kiosk", "%1 (continued)") == "%1 (continued)"
    assert words.continued_title("Johdanto", "fi") == "Johdanto (continued)"


def test_a_picture_that_cannot_be_shown_is_marked_in_the_articles_language(installed, tmp_path):
    from kiosk.article import parse_article
    from kiosk.text_layout import ArticleLayout
    from kiosk.theme import Theme

    def shown(language: str, description: str) -> str:
        text = (
            f"---\ntitle: T\nlanguage: {language}\n---\n\nWords.\n\n## Part\n\n"
            f"![{description}](missing.png)\n\nMore words about it.\n"
        )
        article = parse_article(text.encode(), tmp_path / f"t.{language}.md")
        layout = ArticleLayout(article, Theme(1920, 1080))
        return "\n".join(section.body.toPlainText() for section in layout.sections)

    assert "[Imagen: Un dibujo de la rodilla]" in shown("es", "Un dibujo de la rodilla")
    assert "[Picture: A drawing of the knee]" in shown("en", "A drawing of the knee")
    installed("es")  # the interface in Spanish: an English article's picture stays English
    assert "[Picture: A drawing of the knee]" in shown("en", "A drawing of the knee")
    assert "[صورة: رسم]" in shown("ar", "رسم")
