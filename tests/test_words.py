"""Words on screen: all in kiosk.words, all extracted for translation, plurals that read right.

Also the source rules that keep it so: no screen writes its own words or sizes, and no screen
imports another.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk import translations, words
from kiosk.navigation import END, START, Position, Screen

from .conftest import ROOT

KIOSK = ROOT / "kiosk"
UI = KIOSK / "ui"
COMMITTED_TS = ROOT / "assets" / "translations" / "kiosk_en.ts"
UI_MODULES = sorted(path for path in UI.glob("*.py") if path.name != "__init__.py")


def source_texts(ts_file: Path) -> set[tuple[str, str, bool]]:
    """(context, source, has plural forms) of every message in a .ts file."""
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", ""), bool(message.get("numerus")))
        for context in root.iter("context")
        for message in context.iter("message")
    }


# The translation file


def lupdate() -> Path:
    """Qt's lupdate, as bundled with PySide6 (what pyside6-lupdate runs)."""
    import PySide6

    for name in ("lupdate", "lupdate.exe"):
        path = Path(PySide6.__path__[0]) / name
        if path.is_file():
            return path
    raise AssertionError("PySide6 comes without lupdate: cannot check the translation file")


def test_the_committed_translation_file_has_every_word_on_screen(tmp_path):
    fresh = tmp_path / "kiosk_en.ts"
    # The same command as in kiosk.translations' docstring, into a new file.
    subprocess.run(
        [
            *(str(lupdate()), "-silent", "-extensions", "py", "-locations", "none"),
            *("-no-obsolete", str(KIOSK), "-ts", str(fresh)),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    expected = source_texts(fresh)
    committed = source_texts(COMMITTED_TS)
    assert len(expected) > 40, "lupdate found too few texts: is kiosk/words.py still read?"
    assert committed == expected, (
        "assets/translations/kiosk_en.ts is out of date: regenerate it as kiosk.translations "
        f"says. Missing: {sorted(expected - committed)}; no longer used: "
        f"{sorted(committed - expected)}"
    )


def test_every_plural_text_has_both_english_forms():
    root = ET.parse(COMMITTED_TS).getroot()
    plurals = [message for message in root.iter("message") if message.get("numerus") == "yes"]
    assert plurals
    for message in plurals:
        forms = [form.text or "" for form in message.iter("numerusform")]
        source = message.findtext("source")
        assert len(forms) == 2, source
        assert all("%n" in form for form in forms), source
        translation = message.find("translation")
        assert translation is not None, source
        assert translation.get("type") != "unfinished", source


def translation_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of QCoreApplication.translate(...) and kiosk.tr(...) (kiosk.words' two forms)."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and (
            (node.func.attr == "translate" and ast.unparse(node.func.value) == "QCoreApplication")
            or (node.func.attr == "tr" and ast.unparse(node.func.value) == "kiosk")
        )
    ]


def test_every_translated_text_is_a_literal_lupdate_can_read():
    """lupdate skips a text held in a variable or built with an f-string, silently."""
    tree = ast.parse((KIOSK / "words.py").read_text(encoding="utf-8"))
    # The functions, that is: not kiosk.tr's own implementation.
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    calls = [call for function in functions for call in translation_calls(function)]
    assert len(calls) > 40
    for call in calls:
        is_tr = isinstance(call.func, ast.Attribute) and call.func.attr == "tr"
        context, text = (None, call.args[0]) if is_tr else (call.args[0], call.args[1])
        where = f"kiosk/words.py:{call.lineno}"
        if context is not None:
            assert isinstance(context, ast.Constant), where
            assert context.value == "kiosk", where
        assert isinstance(text, ast.Constant), where
        assert isinstance(text.value, str), where
        assert not call.keywords, f"{where}: lupdate drops calls with keyword arguments"
        if "%n" in text.value:
            assert is_tr, f"{where}: a count needs kiosk.tr (see kiosk.words) to get plural forms"


# Plurals and numbers


def test_the_countdown_says_second_for_one_and_seconds_for_more():
    assert words.idle_countdown(1) == "Going back to the start in 1 second"
    assert words.idle_countdown(2) == "Going back to the start in 2 seconds"
    assert words.idle_countdown(30) == "Going back to the start in 30 seconds"


def test_wrong_pin_says_try_for_one_and_tries_for_more():
    assert words.wrong_pin(1) == "Wrong PIN. 1 try left."
    assert words.wrong_pin(4) == "Wrong PIN. 4 tries left."


def test_numbers_and_names_fill_their_places():
    counts = (1, 2, 1, 3)
    position = Position(Screen.READING, 1, 0)
    assert words.position_line(position, counts) == "Part 2 of 4 \N{MIDDLE DOT} Page 1 of 2"
    assert words.position_line(Position(Screen.READING, 3, 2), counts).endswith("Page 3 of 3")
    assert words.position_line(START, counts) == ""
    assert words.position_line(END, counts) == ""
    assert words.percent_read(1) == "1 percent read"
    assert words.percent_read(100) == "100 percent read"
    assert words.staff_locked_until("14:05") == "Too many wrong PINs. Try again after 14:05."
    assert words.section_button(3, "Side effects") == "3.  Side effects"
    # A title is put in once, never read again as a place to fill.
    assert words.continued_title("Costs %1 and %2") == "Costs %1 and %2 (continued)"


def test_next_says_where_it_goes_and_a_title_is_put_in_once():
    assert words.next_section_button("Side effects") == "Next: Side effects"
    assert words.next_section_button("Costs %1") == "Next: Costs %1"
    assert words.next_to_end_button() == "Next: The end"


# Loading the translation


def test_the_translation_is_compiled_once_and_again_when_the_source_changes(tmp_path):
    source = tmp_path / "kiosk_en.ts"
    source.write_bytes(COMMITTED_TS.read_bytes())
    cache = tmp_path / "cache"
    compiled = translations.compiled_translation(source, cache)
    assert compiled.stat().st_size > 0
    first = compiled.stat().st_mtime_ns
    assert translations.compiled_translation(source, cache) == compiled
    assert compiled.stat().st_mtime_ns == first, "compiled again although nothing changed"
    os.utime(source, ns=(first + 10**9, first + 10**9))
    translations.compiled_translation(source, cache)
    assert compiled.stat().st_mtime_ns != first
    assert [path.name for path in cache.iterdir()] == ["kiosk_en.qm"]  # no temporary left


def test_a_missing_translation_is_one_warning_and_the_english_source_shows(qapp, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.translations"):
        assert translations.install_translations(qapp, "xx", cache_dir=tmp_path) is None
    assert len(caplog.records) == 1
    assert "showing the English source texts" in caplog.text
    assert words.start_button() == "Tap to start"


# What the screens' source may contain


USER_FACING_CALLS = {
    "setText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "drawText",
    "show_notice",
    "show_message",
    "set_status",
    "BigButton",
    "TextLabel",
}


def _has_words(node: ast.AST) -> bool:
    """A string literal with a letter in it, anywhere inside `node` (f-strings included)."""
    return any(
        isinstance(inner, ast.Constant)
        and isinstance(inner.value, str)
        and re.search(r"[^\W\d_]", inner.value)
        for inner in ast.walk(node)
    )


def user_facing_literals(source: str) -> list[str]:
    """Words written into a screen's source rather than taken from kiosk.words: literals given
    to the calls that put text on screen, and module-level text constants."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            name = name or (node.func.id if isinstance(node.func, ast.Name) else None)
            if name in USER_FACING_CALLS:
                for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                    if _has_words(argument):
                        found.append(f"line {node.lineno}: {ast.unparse(argument)}")
    for statement in tree.body:
        value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Constant | ast.JoinedStr) and _has_words(value):
            found.append(f"line {statement.lineno}: {ast.unparse(statement)}")
    return found


def test_the_literal_check_catches_words_written_in_a_screen():
    sample = (
        'GREETING = "Hello"\n'
        'button = BigButton("Start", theme)\n'
        'label.setText(f"Page {number}")\n'
        'painter.drawText(rect, flags, "Done" if finished else words.next_button())\n'
        'label.setText("\\N{BLACK CIRCLE} " * count)\n'
        "label.setText(words.start_button())\n"
    )
    assert len(user_facing_literals(sample)) == 4


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda path: path.name)
def test_screens_take_their_words_from_kiosk_words(path):
    assert user_facing_literals(path.read_text(encoding="utf-8")) == []


SCREENS = {
    path.stem
    for path in UI_MODULES
    if path.name.endswith("_screen.py") or path.name in ("idle_overlay.py", "staff.py")
}


def imported_modules(tree: ast.AST) -> set[str]:
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_no_screen_imports_another(screen):
    tree = ast.parse((UI / f"{screen}.py").read_text(encoding="utf-8"))
    others = {f"kiosk.ui.{other}" for other in SCREENS - {screen}}
    assert imported_modules(tree) & others == set()


def test_the_screen_list_is_complete():
    assert {"start_screen", "reading_screen", "end_screen", "updating_screen"} <= SCREENS
    assert {"idle_overlay", "staff"} <= SCREENS


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda path: path.name)
def test_screens_take_every_size_from_the_theme_by_name(path):
    """A size is theme.<name>, never theme.px(<number>) in a screen (see kiosk.theme)."""
    source = path.read_text(encoding="utf-8")
    unnamed = [
        f"line {source.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
        for match in re.finditer(r"px\(\s*[\d.][^)]*\)", source)
    ]
    assert unnamed == []
