"""Pictures on the page: a PNG or JPEG from inside the content folder shows whole on one page,
fitted to the column, with its description as a caption under it (and read aloud); any other
picture stays its description and `kiosk check` names its file; decoding is bounded."""

from __future__ import annotations

import datetime as dt
import logging
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage

from kiosk.article import Article, BlockKind, load_article
from kiosk.check import article_warnings, run_check
from kiosk.config import Settings, load_config_file
from kiosk.navigation import Position, Screen
from kiosk.pages import Line, MeasuredBlock, TextKind, paginate
from kiosk.picture_decoder import decode_picture, forget_decoded_pictures
from kiosk.pictures import MAX_PICTURE_BYTES, MAX_UPSCALE, find_picture
from kiosk.session import KioskSession
from kiosk.text_layout import ArticleLayout, SectionLayout
from kiosk.theme import TextSize, Theme

from .helpers import ManualClock, painted_page
from .test_pagination import check_section
from .test_session import FakeReadAloud

MAGENTA = QColor(255, 0, 255)
FRONT = "---\ntitle: Pictures\nsummary: About pictures.\n---\n\n"
TEXT = (
    "Your nurse will show you how the knee bends after the operation. Most people walk with "
    "a frame on the first day. The physiotherapist visits every morning and afternoon. "
)
PANELS = {
    "800x480": Theme(800, 480),
    "1920x1080": Theme(1920, 1080),
    "1080x1920": Theme(1080, 1920),
    "3840x2160": Theme(3840, 2160),
    "800x480 at 200%": Theme(800, 480, text_size=TextSize.LARGEST),
    "1920x1080 at 200%": Theme(1920, 1080, text_size=TextSize.LARGEST),
}
# The smallest whole PNG: a 1 x 1 GIF, written out byte by byte (Qt cannot write GIF).
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture(autouse=True)
def nothing_decoded_before():
    """Each test decodes its own pictures (and logs its own failures)."""
    forget_decoded_pictures()
    yield
    forget_decoded_pictures()


def picture_file(path: Path, width: int, height: int, colour: QColor = MAGENTA) -> Path:
    """A real picture, one colour, saved by Qt as the file name says (PNG or JPEG)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(colour)
    assert image.save(str(path)), path
    return path


def article_in(folder: Path, markdown: str) -> Article:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "article.md"
    path.write_text(FRONT + markdown, encoding="utf-8")
    return load_article(path)


def pictures_of(article: Article) -> list[tuple[BlockKind, str]]:
    return [
        (block.kind, block.text)
        for section in article.sections
        for block in section.blocks
        if block.kind is BlockKind.PICTURE or "[Picture" in block.text
    ]


def page_with_picture(layout: SectionLayout) -> int:
    (found,) = [index for index in range(len(layout.pages)) if layout.pictures_on(index)]
    return found


def run_of(image: QImage, colour: QColor, *, x: int | None = None, y: int | None = None) -> range:
    """The pixels of `colour` along column `x` or row `y`: one unbroken run, as a range."""
    length = image.height() if x is not None else image.width()
    found = [
        n
        for n in range(length)
        if image.pixelColor(x if x is not None else n, n if x is not None else y) == colour
    ]
    assert found, "the picture is not on the page"
    assert found == list(range(found[0], found[-1] + 1)), "the picture is broken up"
    return range(found[0], found[-1] + 1)


def ink(image: QImage, area: QRect, background: QColor) -> QRect:
    """The smallest rectangle in `area` holding every pixel that is not `background`."""
    blank = struct.pack("<I", background.rgb() & 0xFFFFFFFF) * area.width()
    bits = bytes(image.constBits())
    stride = image.bytesPerLine()
    found = QRect()
    for y in range(area.top(), area.bottom() + 1):
        row = bits[y * stride + area.left() * 4 : y * stride + (area.right() + 1) * 4]
        if row == blank:
            continue
        pixels = [n for n in range(0, len(row), 4) if row[n : n + 4] != blank[:4]]
        found = found.united(
            QRect(area.left() + pixels[0] // 4, y, (pixels[-1] - pixels[0]) // 4 + 1, 1)
        )
    return found


# Showing a picture


def test_a_picture_shows_on_the_page_with_its_caption_under_it(qapp, tmp_path):
    picture_file(tmp_path / "knee.png", 800, 600)
    article = article_in(
        tmp_path, f"{TEXT}\n\n![The knee bends to a right angle](knee.png)\n\n{TEXT}\n"
    )
    assert pictures_of(article) == [(BlockKind.PICTURE, "The knee bends to a right angle")]
    assert article.notes == ()
    theme = PANELS["1920x1080"]
    layout = ArticleLayout(article, theme).sections[0]
    index = page_with_picture(layout)
    image = painted_page(layout, theme, index)
    column = theme.column_rect
    across = run_of(image, MAGENTA, y=column.top() + round(layout.body_top(index)) + 50)
    down = run_of(image, MAGENTA, x=column.center().x())
    # Centred in the column, as wide as it allows or twice the picture's own size.
    assert abs((across.start - column.left()) - (column.right() + 1 - across.stop)) <= 1
    assert len(across) == min(column.width(), 2 * 800) or len(down) < 2 * 600
    assert len(across) / len(down) == pytest.approx(800 / 600, abs=0.01)
    # The caption: text under the picture, centred, within the column, above the footer.
    background = QColor(theme.palette.background)
    below = QRect(column.left(), down.stop, column.width(), column.bottom() - down.stop)
    caption = ink(image, below, background)
    assert not caption.isEmpty()
    assert caption.top() > down.stop
    assert caption.bottom() <= column.bottom()
    assert caption.height() < 2 * theme.line_height_px, "one line of caption"
    assert abs(caption.center().x() - column.center().x()) <= theme.body_px
    start, end = layout.page_text_range(index)
    assert "The knee bends to a right angle" in layout.body.toPlainText()[start:end]


@pytest.mark.parametrize("panel", list(PANELS))
@pytest.mark.parametrize("shape", [(3000, 2000), (1000, 4000)])
def test_a_picture_is_whole_on_one_page_with_its_caption(qapp, tmp_path, panel, shape):
    picture_file(tmp_path / "pictures" / "big.png", *shape)
    article = article_in(
        tmp_path,
        f"## Walking\n\n{TEXT * 3}\n\n![A frame with wheels, beside the bed](pictures/big.png)"
        f"\n\n{TEXT * 2}\n",
    )
    theme = PANELS[panel]
    layout = ArticleLayout(article, theme).sections[0]
    check_section(layout, theme)  # every line once, in order, and nothing under the footer
    index = page_with_picture(layout)
    ((where, decoded),) = layout.pictures_on(index)
    page = layout.pages[index]
    caption_lines = [line for line in page.lines if line.top >= where.bottom()]
    assert caption_lines, "the caption is on the picture's page"
    assert page.top <= where.top()
    assert where.bottom() <= page.bottom
    assert where.width() <= theme.column_width
    assert decoded.size() == where.size().toSize()
    # On the screen: all of it, inside the column, above the footer.
    image = painted_page(layout, theme, index)
    column = theme.column_rect
    down = run_of(image, MAGENTA, x=column.center().x())
    across = run_of(image, MAGENTA, y=down.start + len(down) // 2)
    assert (len(across), len(down)) == (decoded.width(), decoded.height())
    assert column.top() < down.start
    assert down.stop <= column.bottom()
    assert column.left() <= across.start
    assert across.stop <= column.right() + 1


def test_a_picture_that_does_not_fit_below_the_text_starts_the_next_page(qapp, tmp_path):
    picture_file(tmp_path / "tall.png", 600, 1800)
    article = article_in(tmp_path, f"{TEXT}\n\n![A tall picture](tall.png)\n")
    theme = PANELS["1920x1080"]
    layout = ArticleLayout(article, theme).sections[0]
    assert len(layout.pages) == 2
    assert not layout.pictures_on(0)
    ((where, _),) = layout.pictures_on(1)
    assert where.top() == layout.pages[1].top, "it starts the page"
    # Taller than a page: made smaller to fit one page with its caption, its shape kept.
    assert where.height() < 1800
    assert where.height() + theme.line_height_px <= layout.body_height(1)
    assert where.width() / where.height() == pytest.approx(600 / 1800, abs=0.01)


def test_a_picture_that_starts_a_section_fits_under_its_heading(qapp, tmp_path):
    picture_file(tmp_path / "tall.png", 600, 1800)
    article = article_in(tmp_path, "## Before\n\n![A tall picture](tall.png)\n\nAfter it.\n")
    for theme in (PANELS["800x480"], PANELS["3840x2160"]):
        layout = ArticleLayout(article, theme).sections[0]
        ((where, _),) = layout.pictures_on(0)
        assert where.top() == layout.pages[0].top
        assert where.height() + theme.line_height_px <= layout.body_height(0)


def test_a_small_picture_is_shown_at_most_twice_its_size(qapp, tmp_path):
    picture_file(tmp_path / "icon.png", 60, 40)
    article = article_in(tmp_path, "![A small sign](icon.png)\n")
    layout = ArticleLayout(article, PANELS["3840x2160"]).sections[0]
    ((where, _),) = layout.pictures_on(0)
    assert (where.width(), where.height()) == (60 * MAX_UPSCALE, 40 * MAX_UPSCALE)


def test_pictures_in_a_paragraph_are_set_apart_from_its_words(qapp, tmp_path):
    picture_file(tmp_path / "a.png", 100, 100)
    picture_file(tmp_path / "b.jpg", 100, 100)
    article = article_in(tmp_path, "Before ![First](a.png) between ![Second](b.jpg) after.\n")
    assert [(block.kind, block.text) for block in article.sections[0].blocks] == [
        (BlockKind.PARAGRAPH, "Before"),
        (BlockKind.PICTURE, "First"),
        (BlockKind.PARAGRAPH, "between"),
        (BlockKind.PICTURE, "Second"),
        (BlockKind.PARAGRAPH, "after."),
    ]


def test_a_phone_photo_stored_on_its_side_is_shown_upright(qapp, tmp_path):
    """A JPEG whose EXIF says "turn a quarter" is as tall as it is shown, not as stored."""
    stored = picture_file(tmp_path / "photo.jpg", 400, 200)
    # EXIF (big-endian TIFF) with one entry: orientation (0x0112), a SHORT, 6 (turn right).
    tiff = b"MM\x00*\x00\x00\x00\x08" + b"\x00\x01" + b"\x01\x12\x00\x03\x00\x00\x00\x01"
    tiff += b"\x00\x06\x00\x00" + b"\x00\x00\x00\x00"
    exif = b"Exif\x00\x00" + tiff
    data = stored.read_bytes()
    stored.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + data[2:])
    picture = find_picture("photo.jpg", tmp_path, "A photo")
    assert (picture.width, picture.height) == (200, 400)
    decoded = decode_picture(picture, 1000, 1000)
    assert decoded is not None
    assert (decoded.width(), decoded.height()) == (400, 800)


# Read aloud


def test_read_aloud_reads_the_caption_where_the_picture_is(qapp, tmp_path):
    picture_file(tmp_path / "knee.png", 100, 50)
    article = article_in(
        tmp_path, "## After\n\nFirst words.\n\n![The knee in a bandage](knee.png)\n\nLast words.\n"
    )
    speech = FakeReadAloud()
    session = KioskSession(article, Settings(animations=False), ManualClock(), read_aloud=speech)
    session.set_screen_size(QSize(1920, 1080))
    assert session.page_counts[0] == 1
    session.go_to(Position(Screen.READING, 0, 0))
    session.toggle_read_aloud()
    (spoken,) = speech.spoken
    assert "The knee in a bandage" in spoken
    assert spoken.index("First words.") < spoken.index("The knee") < spoken.index("Last words.")
    assert "\ufffc" not in spoken
    assert "\u200b" not in spoken


# Pictures the kiosk does not show


def _refused(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """name -> (how the article writes the picture, what the warning says), with the files."""
    content = tmp_path / "content"
    outside = picture_file(tmp_path / "outside.png", 50, 50)
    picture_file(content / "inside.png", 50, 50)
    (content / "link.png").symlink_to(outside)
    (content / "moving.gif").write_bytes(GIF)
    (content / "broken.png").write_bytes(b"This is not a picture at all." * 10)
    whole = picture_file(tmp_path / "whole.png", 200, 200).read_bytes()
    (content / "cut.png").write_bytes(whole[: len(whole) // 2])
    with (content / "huge.png").open("wb") as file:
        file.write(whole)
        file.truncate(MAX_PICTURE_BYTES + 1)
    (content / "giant.png").write_bytes(_png_header(100_000, 100_000))
    return {
        "up and out": ("../outside.png", "is outside the content folder"),
        "absolute": (f"{content / 'inside.png'}", "is written as a full path"),
        "link out": ("link.png", "is outside the content folder"),
        "remote": ("https://example.org/knee.png", "never loads anything from elsewhere"),
        "data": ("data:image/png;base64,iVBORw0KGgo=", "never loads anything from elsewhere"),
        "file address": ("file:///etc/passwd", "never loads anything from elsewhere"),
        "gif": ("moving.gif", "is a GIF file"),
        "corrupt": ("broken.png", "could not be read"),
        "cut short": ("cut.png", "could not be read (the file ends too soon"),
        "too many bytes": ("huge.png", "is too large: 20.0 MB"),
        "too many pixels": ("giant.png", "is too large: 100000 x 100000 pixels"),
        "missing": ("gone.png", "is missing from the content folder"),
    }


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be `width` x `height`: signature, header, no pixels, end."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_pictures_the_kiosk_does_not_show_stay_their_description_and_are_named(qapp, tmp_path):
    refused = _refused(tmp_path)
    markdown = "".join(
        f"Paragraph {number}.\n\n![Picture {number}]({source})\n\n"
        for number, (source, _) in enumerate(refused.values())
    )
    article = article_in(tmp_path / "content", markdown)
    assert pictures_of(article) == [
        (BlockKind.PARAGRAPH, f"[Picture: Picture {number}]") for number in range(len(refused))
    ]
    path = tmp_path / "content" / "article.md"
    warnings = [str(finding) for finding in article_warnings(article, dt.date(2026, 1, 1))]
    for number, (name, (source, says)) in enumerate(refused.items()):
        line = 8 + 4 * number  # the front matter and an empty line, then two lines each
        named = [w for w in warnings if w.startswith(f"WARNING: {path}, line {line}: ")]
        assert any(f"'{source[:77]}" in w and says in w for w in named), (name, named)
    # Each one says what a picture must be, or how to make it so.
    for source, _ in refused.values():
        (note,) = [note for note in article.notes if f"'{source[:77]}" in note.message]
        assert "PNG or JPEG files inside the content folder" in note.message or (
            "Save" in note.message or "Put the file there" in note.message
        )
    # Nothing was drawn for them: the pages hold their descriptions as text.
    layout = ArticleLayout(article, PANELS["1920x1080"])
    assert all(not section.pictures for section in layout.sections)


def test_kiosk_check_warns_about_a_picture_it_will_not_show(qapp, tmp_path):
    """Through the child process that reads articles, as `kiosk check` runs."""
    content = tmp_path / "content"
    (content / "giant.png").parent.mkdir(parents=True)
    (content / "giant.png").write_bytes(_png_header(100_000, 100_000))
    picture_file(content / "fine.png", 100, 100)
    (content / "article.md").write_text(
        FRONT + "Words.\n\n![Giant](giant.png)\n\n![Fine](fine.png)\n", encoding="utf-8"
    )
    report = run_check(content / "article.md", load_config_file(None))
    messages = [str(finding) for finding in report.warnings]
    assert any(
        "line 8" in m and "'giant.png' is too large: 100000 x 100000 pixels" in m for m in messages
    )
    assert not any("fine.png" in m for m in messages)


def test_a_picture_in_a_list_stays_its_description_and_staff_hear_why(qapp, tmp_path):
    picture_file(tmp_path / "knee.png", 100, 100)
    article = article_in(tmp_path, "- Rest ![A pillow under the knee](knee.png)\n")
    assert article.sections[0].blocks[0].text == "Rest [Picture: A pillow under the knee]"
    (note,) = article.notes
    assert note.line == 6
    assert "'knee.png' is inside a list" in note.message
    assert "on a line of its own" in note.message


def test_a_picture_without_a_description_shows_and_staff_are_asked_for_one(qapp, tmp_path):
    picture_file(tmp_path / "knee.png", 100, 100)
    article = article_in(tmp_path, "Words.\n\n![](knee.png)\n")
    assert [block.kind for block in article.sections[0].blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.PICTURE,
    ]
    (note,) = article.notes
    assert note.line == 8
    assert "'knee.png' has no description" in note.message


@pytest.mark.qt_log_ignore("libpng")
def test_a_picture_that_fails_to_decode_shows_its_description_logged_once(qapp, tmp_path, caplog):
    # A whole PNG (its header and its end are right) whose pixels are damaged.
    data = bytearray(picture_file(tmp_path / "damaged.png", 300, 200).read_bytes())
    data[40:-20] = b"\x13" * (len(data) - 60)
    (tmp_path / "damaged.png").write_bytes(bytes(data))
    article = article_in(tmp_path, "Words.\n\n![A damaged picture](damaged.png)\n")
    assert pictures_of(article) == [(BlockKind.PICTURE, "A damaged picture")]
    with caplog.at_level(logging.WARNING, logger="kiosk.picture_decoder"):
        for theme in (PANELS["1920x1080"], PANELS["800x480"]):
            layout = ArticleLayout(article, theme).sections[0]
            assert not layout.pictures
            assert "[Picture: A damaged picture]" in layout.body.toPlainText()
            check_section(layout, theme)
    (logged,) = caplog.records
    assert "damaged.png" in logged.getMessage()


# Bounded decoding


def test_a_large_photo_is_decoded_at_the_size_it_is_shown(qapp, tmp_path):
    photo = picture_file(tmp_path / "photo.jpg", 6000, 4000)
    article = article_in(tmp_path, "![A large photo](photo.jpg)\n")
    theme = PANELS["1920x1080"]
    layout = ArticleLayout(article, theme).sections[0]
    ((where, decoded),) = layout.pictures_on(0)
    assert decoded.width() <= theme.column_width
    assert decoded.size() == where.size().toSize()
    assert decoded.sizeInBytes() <= decoded.width() * decoded.height() * 4
    assert decoded.sizeInBytes() < 6000 * 4000 * 4 / 10
    # Laid out again at that size (a page turned back, the text size back to Standard): the
    # same picture, not decoded again.
    ((_, again),) = ArticleLayout(article, theme).sections[0].pictures_on(0)
    assert again.cacheKey() == decoded.cacheKey()
    assert article.sections[0].blocks[0].picture.path == photo


def test_a_picture_slower_to_decode_than_the_limit_shows_its_description(
    qapp, tmp_path, monkeypatch, caplog
):
    import kiosk.picture_decoder

    # A limit no real decoding meets: the screen stops waiting, the description shows.
    monkeypatch.setattr(kiosk.picture_decoder, "DECODE_TIME_LIMIT_S", 1e-6)
    picture_file(tmp_path / "photo.jpg", 3000, 2000)
    article = article_in(tmp_path, "Words.\n\n![A slow photo](photo.jpg)\n")
    with caplog.at_level(logging.WARNING, logger="kiosk.picture_decoder"):
        layout = ArticleLayout(article, PANELS["1920x1080"]).sections[0]
    assert not layout.pictures
    assert "[Picture: A slow photo]" in layout.body.toPlainText()
    assert "decoding it took longer than 1e-06 s" in caplog.text


def test_a_picture_grown_past_the_limits_since_it_was_read_is_not_decoded(qapp, tmp_path):
    path = picture_file(tmp_path / "knee.png", 100, 100)
    picture = find_picture("knee.png", tmp_path, "A knee")
    path.write_bytes(_png_header(100_000, 100_000))
    assert decode_picture(picture, 500, 500) is None
    picture_file(path, 100, 100)
    with path.open("r+b") as file:
        file.truncate(MAX_PICTURE_BYTES + 1)
    assert decode_picture(picture, 500, 500) is None


def test_reading_pictures_needs_no_qt(tmp_path):
    """The child process that reads articles reads a picture's header by hand, without Qt."""
    picture_file(tmp_path / "knee.png", 120, 80)
    picture_file(tmp_path / "knee.jpg", 120, 80)
    (tmp_path / "article.md").write_text(
        FRONT + "![A](knee.png)\n\n![B](knee.jpg)\n", encoding="utf-8"
    )
    code = (
        "import sys; from pathlib import Path; from kiosk.article import load_article; "
        f"a = load_article(Path({str(tmp_path / 'article.md')!r})); "
        "print([(b.kind.value, b.picture.width, b.picture.height) for b in a.sections[0].blocks]); "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines() == ["[('picture', 120, 80), ('picture', 120, 80)]", "[]"]


# Cutting pages


def _lines(block: int, tops: list[float], height: float, weight: int = 1) -> tuple[Line, ...]:
    return tuple(
        Line(block, n, top, top + height, True, False, weight) for n, top in enumerate(tops)
    )


def test_a_picture_counts_as_the_lines_it_stands_for():
    """A page that a picture fills is not a short page, so the paragraph after it is not split
    to fill it."""
    picture = MeasuredBlock(TextKind.PICTURE, _lines(0, [0], 60, weight=6), group=1)
    caption = MeasuredBlock(TextKind.PICTURE, _lines(1, [65], 10), group=1)
    paragraph = MeasuredBlock(TextKind.PARAGRAPH, _lines(2, [80 + 10 * n for n in range(10)], 10))
    pages = paginate([picture, caption, paragraph], 100)
    assert [page.blocks for page in pages] == [(0, 1), (2,)]


def test_a_picture_is_never_parted_from_its_caption():
    """Not even to keep a sub-heading with it: the heading is the lesser harm."""
    heading = MeasuredBlock(TextKind.HEADING, _lines(0, [0], 10))
    picture = MeasuredBlock(TextKind.PICTURE, _lines(1, [15], 80, weight=8), group=1)
    caption = MeasuredBlock(TextKind.PICTURE, _lines(2, [100], 10), group=1)
    pages = paginate([heading, picture, caption], 100)
    assert [page.blocks for page in pages] == [(0,), (1, 2)]
