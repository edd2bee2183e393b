"""Code in an article: indented and fenced blocks are code, shown inert. No Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.article import BlockKind, parse_article

FRONT = "---\ntitle: Code\n---\n\n"


def blocks_of(markdown: str) -> list[tuple[BlockKind, str, str]]:
    article = parse_article((FRONT + markdown).encode(), Path("code.md"))
    return [
        (block.kind, block.html, block.text)
        for section in article.sections
        for block in section.blocks
    ]


@pytest.mark.parametrize("fence", ["```", "~~~", "```python"])
def test_a_fenced_block_is_code_and_stays_inert(fence):
    closing = fence[:3]
    found = blocks_of(f"Type this:\n\n{fence}\n<b>kiosk</b> check & go\n{closing}\n\nDone.\n")
    assert [kind for kind, _, _ in found] == [
        BlockKind.PARAGRAPH,
        BlockKind.CODE,
        BlockKind.PARAGRAPH,
    ]
    _, html, text = found[1]
    assert html.startswith("<pre")
    assert "&lt;b&gt;kiosk&lt;/b&gt; check &amp; go" in html
    assert "<b>" not in html
    assert text == "<b>kiosk</b> check & go"


def test_an_indented_block_is_code():
    found = blocks_of("Type this:\n\n    kiosk check\n    second line\n")
    assert found[1][0] is BlockKind.CODE
    assert found[1][1].startswith("<pre><code>kiosk check\nsecond line")


def test_a_heading_inside_a_fence_starts_no_section():
    article = parse_article(
        (FRONT + "## One\n\n```\n## not a heading\n```\n\n## Two\n\nText.\n").encode(),
        Path("code.md"),
    )
    assert [section.title for section in article.sections] == ["One", "Two"]


def test_line_numbers_stay_right_after_a_fence():
    """The source scan and Markdown agree on the headings, so staff get the right line."""
    article = parse_article(
        (FRONT + "## One\n\n```\n## inside\n```\n\n## Empty\n\n## Three\n\nText.\n").encode(),
        Path("code.md"),
    )
    assert [section.title for section in article.sections] == ["One", "Three"]
    (note,) = article.notes
    assert note.line == 11
    assert "'Empty'" in note.message
