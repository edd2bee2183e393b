"""Property tests: any input to the article reader and the navigation model stays in bounds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import navigation
from kiosk.article import Article, ContentError, parse_article
from kiosk.navigation import END, START, Position, Screen, transition

MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("abc XYZ\n\n#-*>`[]()!<>/:&;=\"'_|\t\\0123456789é€😀")),
    max_size=400,
)
FRONT = st.sampled_from(
    ["", "---\ntitle: T\n---\n", "---\ntitle: T\nsummary: S\n---\n\n", "---\n", "title: T\n"]
)


def read(data: bytes) -> Article | ContentError:
    try:
        return parse_article(data, Path("fuzz.md"))
    except ContentError as error:
        return error


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_an_article_or_a_content_error(data):
    result = read(data)
    assert isinstance(result, Article | ContentError)
    if isinstance(result, ContentError):
        assert result.problem
        assert result.fix


@settings(max_examples=300, deadline=None)
@given(FRONT, MARKDOWNISH)
def test_any_text_gives_an_article_or_a_content_error(front, body):
    result = read((front + body).encode("utf-8"))
    assert isinstance(result, Article | ContentError)
    if isinstance(result, Article):
        assert result.title
        assert result.sections
        for section in result.sections:
            assert section.blocks
            assert "<script" not in section.html


ACTIONS = st.one_of(
    st.sampled_from([navigation.NEXT, navigation.BACK, navigation.HOME, navigation.START_READING]),
    st.integers(min_value=-3, max_value=12).map(navigation.jump_to),
)
COUNTS = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=8).map(tuple)


@settings(max_examples=300)
@given(COUNTS, st.lists(ACTIONS, max_size=60))
def test_the_position_is_always_valid_and_home_always_reaches_the_start(counts, intents):
    position = START
    for intent in intents:
        position = transition(position, intent, counts)
        assert navigation.is_valid(position, counts)
        assert transition(position, navigation.HOME, counts) == START


@settings(max_examples=300)
@given(COUNTS, st.lists(ACTIONS, max_size=40))
def test_next_then_back_returns_to_the_same_page_except_at_the_ends(counts, intents):
    position = START
    for intent in intents:
        position = transition(position, intent, counts)
    after = transition(transition(position, navigation.NEXT, counts), navigation.BACK, counts)
    if position.screen is Screen.READING:
        assert after == position
    elif position == END:
        assert after == navigation.last_page(counts)  # Next stays on the end screen
    else:
        assert after == START  # from the start, Next opens page 1 and Back returns


@settings(max_examples=200)
@given(COUNTS, st.integers(0, 10), st.integers(0, 10))
def test_clamp_always_gives_a_valid_position(counts, section, page):
    clamped = navigation.clamp(Position(Screen.READING, section, page), counts)
    assert navigation.is_valid(clamped, counts)
