"""The reading screen's slides painted once and moved as images (kiosk.ui.page_cache).

What a patient sees must not change for it: every frame here is compared with the slides
painted straight onto an image, as the reading screen painted them on every frame before it
kept images. Both are rendered in the same process with the same fonts, so whole frames are
compared, not probes: pixel for pixel where the images hold the window's own 32-bit pixels,
within a level of 255 on a 4K panel, where they hold 24-bit ones (see `within_a_level`). Where
a change must show (text size, contrast, the sentence read aloud) the frame is compared with
the new state and with the old one, so a stale image fails.
"""

from __future__ import annotations

import weakref

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtTest import QTest

from kiosk.article import load_article
from kiosk.config import Settings
from kiosk.navigation import END, START, Position, Screen
from kiosk.ui.page_cache import COMPACT_FORMAT, FAST_FORMAT, PageCache
from kiosk.ui.reading_screen import SlideView
from kiosk.ui.rotation import RotatedView

from .conftest import ROOT
from .helpers import build_window, click, reading

HEBREW = ROOT / "tests" / "data" / "hebrew.md"
ANIMATED = Settings(animations=True, speech_engine="mock")


def painted_directly(
    slide: SlideView,
    placed: list[tuple[Position, float]],
    highlight: tuple[int, int] | None = None,
) -> QImage:
    """The slides at their x offsets, painted straight onto an image (the first one with
    `highlight`), as SlideView.paintEvent did on every frame before it kept images."""
    ratio = slide.devicePixelRatioF()
    image = QImage(slide.size() * ratio, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    painter.setLayoutDirection(slide.layoutDirection())  # what QPainter(widget) inherits
    painter.fillRect(QRect(0, 0, slide.width(), slide.height()), QColor(slide._background))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    for number, (position, x) in enumerate(placed):
        slide._paint_slide(painter, position, x, highlight if number == 0 else None)
    painter.end()
    return image


def frame(slide: SlideView) -> QImage:
    """What the slide shows now, through its own paintEvent."""
    return slide.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def same(first: QImage, second: QImage) -> bool:
    return first.convertToFormat(QImage.Format.Format_RGB32) == second.convertToFormat(
        QImage.Format.Format_RGB32
    )


def within_a_level(first: QImage, second: QImage) -> bool:
    """The same picture, each pixel's red, green and blue within one level (of 255): what a
    4K panel's 24-bit images must show. Where a letter's antialiased edge is blended into
    24-bit pixels the result may round one level apart from blending it onto the window's
    32-bit ones, which no eye can tell; a wrong, stale or shifted page differs by tens to
    hundreds of levels."""
    first = first.convertToFormat(QImage.Format.Format_RGB32).copy()
    second = second.convertToFormat(QImage.Format.Format_RGB32)
    if first.size() != second.size():
        return False
    # |first - second| per channel, then raised to at least 1: all ones when within 1.
    first.setDevicePixelRatio(1.0)
    second.setDevicePixelRatio(1.0)
    painter = QPainter(first)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(0, 0, second)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Lighten)
    painter.fillRect(first.rect(), QColor(1, 1, 1))
    painter.end()
    ones = QImage(first.size(), QImage.Format.Format_RGB32)
    ones.fill(QColor(1, 1, 1))
    return first == ones


def test_within_a_level_tells_a_rounded_edge_from_a_different_picture():
    page = QImage(QSize(40, 20), QImage.Format.Format_RGB32)
    page.fill(QColor("#fbf8f3"))
    assert within_a_level(page, page.copy())
    rounded = page.copy()
    rounded.setPixelColor(5, 5, QColor("#fcf7f3"))  # one level apart in two channels
    assert within_a_level(page, rounded)
    for changed in ("#fdf8f3", "#fbf8f1", "#1b1b1b"):
        other = page.copy()
        other.setPixelColor(5, 5, QColor(changed))
        assert not within_a_level(page, other)
    assert not within_a_level(page, page.copy(QRect(0, 0, 40, 19)))


def press_and_drag(window, touchscreen, dx: int) -> None:
    """One finger down in the middle of the slide and moved `dx` pixels, still down."""
    slide = window.reading_screen.slide
    start = slide.mapTo(window, QPoint(slide.width() // 2, slide.height() // 2))
    QTest.touchEvent(window, touchscreen).press(0, start, window).commit()
    QTest.touchEvent(window, touchscreen).move(0, start + QPoint(dx // 2, 0), window).commit()
    QTest.touchEvent(window, touchscreen).move(0, start + QPoint(dx, 0), window).commit()


def lift(window, touchscreen) -> None:
    slide = window.reading_screen.slide
    point = slide.mapTo(window, QPoint(slide.width() // 2 + round(slide.offset), 10))
    QTest.touchEvent(window, touchscreen).release(0, point, window).commit()


def accent_rows(image: QImage, accent: str) -> list[int]:
    """The rows of `image` with any pixel in the read-aloud highlight's colour."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixel = QColor(accent).rgb().to_bytes(4, "little")
    rows = []
    for y in range(image.height()):
        line = bytes(image.constScanLine(y))[: image.width() * 4]
        if any(line[i : i + 4] == pixel for i in range(0, len(line), 4)):
            rows.append(y)
    return rows


# At rest and mid-drag: the same pixels as painting the slides directly


def test_a_page_at_rest_is_the_page_painted_directly(make_window):
    window = make_window(settings=ANIMATED)
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    assert same(frame(slide), painted_directly(slide, [(reading(1, 0), 0)]))


@pytest.mark.parametrize(
    ("start", "fraction", "neighbour"),
    [
        (reading(1, 0), -0.3, reading(1, 1)),  # pulling in the next page from the right
        (reading(1, 1), 0.3, reading(1, 0)),  # and the previous one from the left
        (reading(0, 0), 0.3, START),  # the start screen's card at the edge
    ],
    ids=["next", "previous", "start card"],
)
def test_mid_drag_frame_is_the_two_slides_painted_directly(
    make_window, touchscreen, start, fraction, neighbour
):
    window = make_window(settings=ANIMATED)
    window.session.go_to(start)
    slide = window.reading_screen.slide
    width = slide.width()
    dx = round(width * fraction)
    press_and_drag(window, touchscreen, dx)
    assert slide.offset == dx
    side = width if dx < 0 else -width
    expected = painted_directly(slide, [(start, dx), (neighbour, dx + side)])
    assert same(frame(slide), expected)
    lift(window, touchscreen)


def test_the_end_card_follows_the_last_page(make_window, touchscreen):
    window = make_window(settings=ANIMATED)
    counts = window.session.page_counts
    last = reading(len(counts) - 1, counts[-1] - 1)
    window.session.go_to(last)
    slide = window.reading_screen.slide
    dx = -round(slide.width() * 0.3)
    press_and_drag(window, touchscreen, dx)
    expected = painted_directly(slide, [(last, dx), (END, dx + slide.width())])
    assert same(frame(slide), expected)
    lift(window, touchscreen)


def test_right_to_left_pages_come_in_from_the_left(make_window, touchscreen):
    window = make_window(article=load_article(HEBREW), settings=ANIMATED)
    window.session.go_to(reading(0, 0))
    slide = window.reading_screen.slide
    dx = round(slide.width() * 0.3)  # a swipe to the right pulls in the next page
    press_and_drag(window, touchscreen, dx)
    following = reading(1, 0)
    assert window.session.page_counts[0] == 1
    expected = painted_directly(slide, [(reading(0, 0), dx), (following, dx - slide.width())])
    assert same(frame(slide), expected)
    lift(window, touchscreen)


def test_a_page_turn_frame_is_the_two_slides_painted_directly(make_window):
    window = make_window(settings=ANIMATED)
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    click(window.reading_screen.next_button)
    assert slide.is_animating
    animation = slide._animation
    animation.pause()
    animation.setCurrentTime(animation.duration() // 3)
    x = round(slide.offset)  # the frame places images on whole pixels
    assert 0 < x < slide.width()
    expected = painted_directly(slide, [(reading(1, 1), x), (reading(1, 0), x - slide.width())])
    assert same(frame(slide), expected)
    slide.finish_animation()


# Memory: the current slide and its neighbours, nothing more


def test_paging_through_the_whole_article_keeps_at_most_three_images(make_window, qtbot):
    window = make_window(settings=ANIMATED)
    slide = window.reading_screen.slide
    cache = slide._cache
    # A jump, with no turn: the pages kept from before are not the new page's neighbours.
    window.session.go_to(reading(2, 0))
    slide.repaint()
    window.session.go_to(reading(0, 0))
    slide.repaint()
    assert set(cache.positions()) <= {reading(0, 0), START, reading(1, 0)}
    seen = 0
    while window.session.position.screen is Screen.READING:
        qtbot.waitUntil(lambda: not slide.is_animating)
        slide.repaint()
        # At rest the neighbours are painted ahead, so a drag's first frame is a copy too.
        qtbot.waitUntil(lambda: len(cache) == 3)
        showing = {slide._current, slide._previous, slide._next}
        assert set(cache.positions()) == showing
        assert cache.bytes_kept() <= 3 * cache.bytes_per_image()
        click(window.reading_screen.next_button)
        slide.repaint()  # a frame of the turn: the outgoing page and the incoming one
        assert len(cache) <= 3
        assert cache.bytes_kept() <= 3 * cache.bytes_per_image()
        seen += 1
    assert seen == sum(window.session.page_counts)


def test_the_images_are_dropped_while_the_reading_screen_is_hidden(make_window, qtbot):
    window = make_window()
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    slide.repaint()
    assert len(slide._cache) >= 1
    click(window.reading_screen.home_button)
    assert not slide.isVisible()
    assert len(slide._cache) == 0


# A 4K panel: the images hold only the text column in 24-bit pixels, so three fit the budget

UHD = QSize(3840, 2160)
MB = 1024 * 1024


def test_on_a_4k_panel_the_images_hold_the_text_column_and_frames_are_unchanged(
    make_window, touchscreen, qtbot
):
    window = make_window(UHD, settings=ANIMATED)
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    assert within_a_level(frame(slide), painted_directly(slide, [(reading(1, 0), 0)]))
    qtbot.waitUntil(lambda: len(slide._cache) == 3)  # the neighbours, painted ahead
    assert slide._cache.image_format == COMPACT_FORMAT
    for image in slide._cache.images():
        assert image.width() < slide.width() * 0.8
        # Three bytes a pixel: 12 MB at Standard, where four bytes took 16.
        assert image.sizeInBytes() < 13 * MB
    assert slide._cache.bytes_kept() < 37 * MB
    dx = -round(slide.width() * 0.3)
    press_and_drag(window, touchscreen, dx)
    expected = painted_directly(slide, [(reading(1, 0), dx), (reading(1, 1), dx + slide.width())])
    # Letters above 64 px are filled as outlines, not copied from Qt's glyph cache, and one cut
    # by the window's edge is smoothed a shade differently in its outermost pixels; the
    # rest of the frame must be identical.
    inner = QRect(2, 0, slide.width() - 4, slide.height())
    assert within_a_level(frame(slide).copy(inner), expected.copy(inner))
    lift(window, touchscreen)


def test_beyond_the_budget_slides_are_painted_live_and_look_the_same(make_window, touchscreen):
    """A panel beyond 4K, where three kept slides would not fit the budget: nothing is kept,
    and a frame at rest and mid-drag is still the slides painted directly."""
    window = make_window(settings=ANIMATED)
    slide = window.reading_screen.slide
    slide._cache = PageCache(slide._paint_cached_slide, budget_bytes=0)
    window.session.go_to(reading(1, 0))
    assert same(frame(slide), painted_directly(slide, [(reading(1, 0), 0)]))
    assert not slide._cache.enabled
    dx = -round(slide.width() * 0.3)
    press_and_drag(window, touchscreen, dx)
    expected = painted_directly(slide, [(reading(1, 0), dx), (reading(1, 1), dx + slide.width())])
    assert same(frame(slide), expected)
    assert len(slide._cache) == 0
    lift(window, touchscreen)


def test_the_cache_keeps_nothing_when_its_images_would_not_fit_the_budget():
    def paint(painter: QPainter, position: Position) -> None:
        painter.fillRect(QRect(0, 0, 100, 100), QColor("white"))

    cache = PageCache(paint, limit=3, budget_bytes=3 * 100 * 100 * 3)
    cache.configure(QRect(0, 0, 100, 100), 1.0, ("look",))
    assert cache.enabled
    cache.image(START)
    assert len(cache) == 1
    cache.configure(QRect(0, 0, 102, 100), 1.0, ("look",))  # three no longer fit
    assert not cache.enabled
    assert cache.image(START).size() == QSize(102, 100)  # still painted for whoever asks
    assert len(cache) == 0


def test_a_slide_beyond_the_limit_is_painted_after_the_oldest_is_dropped():
    """Never limit + 1 images at once, not even while the new one is painted: the peak memory
    is the limit's."""
    kept_while_painting: list[int] = []
    cache: PageCache

    def paint(painter: QPainter, position: Position) -> None:
        kept_while_painting.append(len(cache))
        painter.fillRect(QRect(0, 0, 10, 10), QColor("white"))

    cache = PageCache(paint, limit=3)
    cache.configure(QRect(0, 0, 10, 10), 1.0, ("look",))
    for page in range(6):
        cache.image(reading(0, page))
    assert kept_while_painting == [0, 1, 2, 2, 2, 2]
    assert cache.bytes_kept() == 3 * cache.bytes_per_image()


def test_images_hold_32_bit_pixels_while_three_fit_the_fast_budget_and_24_bit_beyond():
    def paint(painter: QPainter, position: Position) -> None:
        painter.fillRect(QRect(0, 0, 30, 20), QColor("#fbf8f3"))
        painter.fillRect(QRect(10, 5, 10, 10), QColor("#1b1b1b"))

    cache = PageCache(paint, fast_budget_bytes=3 * 30 * 20 * 4)
    cache.configure(QRect(0, 0, 30, 20), 1.0, ("look",))
    assert cache.image(START).format() == FAST_FORMAT
    assert cache.bytes_per_image() == 30 * 4 * 20
    cache.configure(QRect(0, 0, 30, 21), 1.0, ("look",))  # three 32-bit ones no longer fit
    assert len(cache) == 0
    image = cache.image(START)
    assert image.format() == COMPACT_FORMAT
    # Rows start on 4-byte boundaries: 30 pixels x 3 bytes = 90, so 92 a row.
    assert image.sizeInBytes() == cache.bytes_per_image() == 92 * 21
    # The colours are exact, the page's background and its text alike.
    assert image.pixelColor(0, 0).name() == "#fbf8f3"
    assert image.pixelColor(15, 10).name() == "#1b1b1b"


def test_an_images_memory_goes_with_it():
    def paint(painter: QPainter, position: Position) -> None:
        painter.fillRect(QRect(0, 0, 30, 20), QColor("white"))

    cache = PageCache(paint)
    cache.configure(QRect(0, 0, 30, 20), 1.0, ("look",))
    cache.image(START)
    memory = weakref.ref(cache._kept[START].memory)
    cache.clear()
    assert memory() is None, "the image's memory outlived it"


# No stale image: what the patient changes shows at once, at rest and mid-drag


@pytest.mark.parametrize("change", ["text size", "contrast"])
def test_a_changed_look_repaints_every_slide(make_window, touchscreen, change):
    window = make_window(settings=ANIMATED)
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    slide.repaint()
    dx = -round(slide.width() * 0.3)
    press_and_drag(window, touchscreen, dx)
    before_drag = frame(slide)
    lift(window, touchscreen)
    slide.finish_animation()
    window.session.go_to(reading(1, 0))
    before = frame(slide)
    button = window.reading_screen
    click(button.larger_text_button if change == "text size" else button.contrast_button)
    position = window.session.position
    after = frame(slide)
    assert not same(after, before)
    assert same(after, painted_directly(slide, [(position, 0)]))
    # The neighbour kept from before the change must not come back either.
    press_and_drag(window, touchscreen, dx)
    neighbour = slide._next
    during = frame(slide)
    assert not same(during, before_drag)
    assert same(during, painted_directly(slide, [(position, dx), (neighbour, dx + slide.width())]))
    lift(window, touchscreen)


def test_a_text_size_change_lets_go_of_every_old_image_before_painting_a_new_one(
    make_window, qtbot
):
    """On a 4K panel three old images and three new ones would be 80 MB at once: each old one
    must be gone, its memory given back, before the first page of the new size is painted."""
    window = make_window(UHD, settings=ANIMATED)
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    cache = slide._cache
    qtbot.waitUntil(lambda: len(cache) == 3)
    old = [weakref.ref(kept.memory) for kept in cache._kept.values()]
    old += [weakref.ref(image) for image in cache.images()]
    alive_while_painting: list[int] = []
    paint = cache._paint

    def watching(painter: QPainter, position: Position) -> None:
        alive_while_painting.append(sum(ref() is not None for ref in old))
        paint(painter, position)

    cache._paint = watching
    click(window.reading_screen.larger_text_button)
    slide.repaint()
    qtbot.waitUntil(lambda: len(cache) == 3)
    assert alive_while_painting, "nothing was painted for the new text size"
    assert set(alive_while_painting) == {0}
    position = window.session.position
    assert within_a_level(frame(slide), painted_directly(slide, [(position, 0)]))


def test_the_marked_sentence_moves_on_and_goes(make_window):
    window = make_window()
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    accent = window.session.theme.palette.accent
    first, end = window.session.layout.sections[1].page_text_range(0)
    assert accent_rows(frame(slide), accent) == []
    early = (first, first + 40)
    slide.set_highlight(early)
    early_rows = accent_rows(frame(slide), accent)
    assert early_rows
    assert same(frame(slide), painted_directly(slide, [(reading(1, 0), 0)], early))
    later = (end - 60, end)
    slide.set_highlight(later)
    later_rows = accent_rows(frame(slide), accent)
    assert later_rows
    assert min(later_rows) > max(early_rows), "the old sentence is still marked"
    assert same(frame(slide), painted_directly(slide, [(reading(1, 0), 0)], later))
    slide.set_highlight(None)
    assert accent_rows(frame(slide), accent) == []
    assert same(frame(slide), painted_directly(slide, [(reading(1, 0), 0)]))


def test_the_marked_sentence_moves_with_the_finger(make_window, touchscreen):
    window = make_window(settings=ANIMATED)
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    first, _ = window.session.layout.sections[1].page_text_range(0)
    sentence = (first + 100, first + 180)
    slide.set_highlight(sentence)
    dx = -round(slide.width() * 0.3)
    press_and_drag(window, touchscreen, dx)
    expected = painted_directly(
        slide, [(reading(1, 0), dx), (reading(1, 1), dx + slide.width())], sentence
    )
    assert same(frame(slide), expected)
    lift(window, touchscreen)


# Crisp text: images at the screen's own pixel density, never an enlarged copy


def test_images_have_the_slides_device_pixel_ratio(make_window):
    window = make_window()
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    slide.repaint()
    images = slide._cache.images()
    assert images
    for image in images:
        assert image.devicePixelRatio() == slide.devicePixelRatioF()
        assert image.size() == slide._cache.area.size() * slide.devicePixelRatioF()


def test_at_twice_the_density_a_slide_is_painted_at_twice_the_pixels():
    """A 2x panel gets every device pixel painted, not a 1x picture blown up."""

    def paint(painter: QPainter, position: Position) -> None:
        painter.fillRect(QRect(0, 0, 100, 50), QColor("white"))
        # Half a logical pixel wide: only at 2x does it fill a device pixel exactly.
        painter.fillRect(QRectF(10, 0, 0.5, 50), QColor("black"))

    cache = PageCache(paint)
    cache.configure(QRect(0, 0, 100, 50), 2.0, ("look",))
    image = cache.image(START)
    assert image.size() == QSize(200, 100)
    assert image.devicePixelRatio() == 2.0
    assert QColor(image.pixel(20, 50)).name() == "#000000"
    assert QColor(image.pixel(21, 50)).name() == "#ffffff"


def test_the_cache_keeps_its_limit_and_forgets_on_a_new_look():
    painted: list[Position] = []

    def paint(painter: QPainter, position: Position) -> None:
        painted.append(position)
        painter.fillRect(QRect(0, 0, 10, 10), QColor("white"))

    cache = PageCache(paint, limit=3)
    cache.configure(QRect(0, 0, 10, 10), 1.0, ("a",))
    for page in range(5):
        cache.image(reading(0, page))
    assert cache.positions() == [reading(0, 2), reading(0, 3), reading(0, 4)]
    cache.image(reading(0, 4))
    assert painted.count(reading(0, 4)) == 1
    cache.configure(QRect(0, 0, 10, 10), 1.0, ("a",))
    assert len(cache) == 3
    cache.configure(QRect(0, 0, 10, 10), 1.0, ("b",))
    assert len(cache) == 0


def test_a_turned_kiosk_shows_the_page_turned_pixel_for_pixel(qtbot, article):
    window = build_window(article, ANIMATED)
    view = RotatedView(window, 90, QSize(1920, 1080))
    qtbot.addWidget(view)
    with qtbot.waitExposed(view), qtbot.waitSignal(window.first_frame_shown):
        view.show()
    window.session.go_to(reading(1, 0))
    slide = window.reading_screen.slide
    shown = view.grab().toImage()
    assert slide._cache.images()
    for image in slide._cache.images():
        assert image.devicePixelRatio() == view.devicePixelRatioF()
    upright = painted_directly(slide, [(reading(1, 0), 0)])
    turned = upright.transformed(QTransform().rotate(90))
    # The slide's top-left, turned, lands at the panel's right-hand side.
    top_left = slide.mapTo(window, QPoint(0, 0))
    x = view.width() - top_left.y() - slide.height()
    seen = shown.copy(QRect(x, top_left.x(), slide.height(), slide.width()))
    assert same(seen, turned)
