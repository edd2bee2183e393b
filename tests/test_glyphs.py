"""Characters no installed font draws, and which font package draws them."""

from __future__ import annotations

from kiosk.glyphs import font_package, missing_characters


def test_each_script_names_the_package_that_draws_it():
    assert font_package("中") == "fonts-noto-cjk"
    assert font_package("한") == "fonts-noto-cjk"
    assert font_package("😀") == "fonts-noto-color-emoji"
    assert font_package("ع") == "fonts-noto-core"
    assert font_package("ᱚ") == "fonts-noto-core"


def test_only_characters_no_font_has_are_missing(qapp):
    # With the Latin-only DejaVu Sans Mono as the only font, the Chinese characters are missing
    # (each once, in the text's order) and the Latin ones, spaces and marks are not.
    found = missing_characters("Café 中文 and 中 again\u200b", families=["DejaVu Sans Mono"])
    assert [(missing.characters, missing.package) for missing in found] == [
        ("中文", "fonts-noto-cjk")
    ]
    assert "中 (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)" in found[0].describe()


def test_a_font_that_draws_the_script_leaves_nothing_missing(qapp):
    assert missing_characters("Café", families=["DejaVu Sans"]) == []
