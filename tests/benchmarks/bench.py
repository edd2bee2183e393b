"""Measure the kiosk: start-up, page turns, swipe frames, pagination, idle CPU and memory growth.

    python tests/benchmarks/bench.py [--quick] [--json PATH]

Prints a table (figure, value, target) and optionally writes the figures as JSON. Offscreen
at 1920x1080 with the bundled article. --quick runs every measurement with small counts, to
show the script works; the figures then mean little. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_STATE = tempfile.mkdtemp(prefix="kiosk-bench-")
for _variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ[_variable] = _STATE

from PySide6.QtCore import QEventLoop, QObject, QPoint, QSize, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.article import Article, load_article, parse_article  # noqa: E402
from kiosk.clock import QtClock  # noqa: E402
from kiosk.config import Settings  # noqa: E402
from kiosk.navigation import Position, Screen  # noqa: E402
from kiosk.session import KioskSession  # noqa: E402
from kiosk.text_layout import ArticleLayout  # noqa: E402
from kiosk.theme import TextSize, Theme  # noqa: E402
from kiosk.ui.window import KioskWindow  # noqa: E402

BUNDLED = ROOT / "content" / "ketamine-chronic-pain.md"
SIZE = QSize(1920, 1080)
TARGETS = {
    "startup_first_frame_ms": ("<=", 300),
    "startup_peak_rss_mb": ("<=", 100),
    "page_turn_ms_p50": ("<=", 16),
    "page_turn_ms_p95": ("<=", 16),
    "page_turn_ms_max": (None, None),
    "swipe_frame_ms_p95": ("<=", 16.7),
    "paginate_article_ms": ("<=", 50),
    "paginate_large_ms": ("<=", 1000),
    "idle_cpu_percent_start": ("<=", 0.5),
    "idle_cpu_percent_reading": ("<=", 0.5),
    "rss_growth_mb": ("<=", 5),
    "qobject_growth": ("<=", 0),
}


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def rss_mb() -> float:
    with Path("/proc/self/statm").open(encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_events_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


# Start-up, in fresh processes


def startup(runs: int) -> dict[str, float]:
    """From before launching the process to systemd's READY=1, sent after the first frame."""
    folder = tempfile.mkdtemp(prefix="kiosk-start-")
    address = str(Path(folder) / "notify")
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(address)
    receiver.settimeout(60)
    env = dict(os.environ, NOTIFY_SOCKET=address, QT_QPA_PLATFORM="offscreen")
    env.pop("WATCHDOG_USEC", None)
    # A kiosk starts from compiled bytecode after its first run; so do these processes (the
    # first one, not counted, writes it if this environment had turned that off).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times, peaks = [], []
    for run in range(runs + 1):
        # A fresh state folder each time: no crash record or lock from the run before.
        env["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="kiosk-state-", dir=folder)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--windowed", "--content", str(BUNDLED)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            # Only READY=1 counts; a STOPPING=1 of the run before may still be queued.
            message = receiver.recv(4096).decode()
            while message.startswith(("STOPPING=1", "STATUS=", "WATCHDOG=1", "EXTEND_TIMEOUT")):
                message = receiver.recv(4096).decode()
            elapsed = time.perf_counter() - started
            with Path(f"/proc/{process.pid}/status").open(encoding="ascii") as status:
                peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
        finally:
            process.terminate()
            process.wait(timeout=30)
        if not message.startswith("READY=1"):
            raise RuntimeError(f"unexpected first message {message!r}")
        if run == 0:
            continue
        times.append(elapsed)
        peaks.append(peak_kb / 1024)
    receiver.close()
    return {
        "startup_first_frame_ms": ms(statistics.median(times)),
        "startup_peak_rss_mb": round(max(peaks), 1),
    }


# In this process


def make_window(app: QApplication, article: Article, settings: Settings) -> KioskWindow:
    clock = QtClock()
    window = KioskWindow(KioskSession(article, settings, clock), settings, clock)
    window.resize(SIZE)
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    return window


def page_turns(window: KioskWindow, turns: int) -> dict[str, float]:
    """Input event to new page painted (synchronous repaint), animations off."""
    window.session.go_to(Position(Screen.READING, 0, 0))
    slide = window.reading_screen.slide
    durations = []
    for number in range(turns):
        if window.session.position.screen is not Screen.READING:
            window.session.go_to(Position(Screen.READING, 0, 0))
        key = Qt.Key.Key_Right if (number // 20) % 2 == 0 else Qt.Key.Key_Left
        started = time.perf_counter()
        QTest.keyClick(window, key)
        slide.repaint()
        durations.append(time.perf_counter() - started)
    return {
        "page_turn_ms_p50": ms(percentile(durations, 0.5)),
        "page_turn_ms_p95": ms(percentile(durations, 0.95)),
        "page_turn_ms_max": ms(max(durations)),
    }


def swipe_frames(window: KioskWindow, swipes: int) -> dict[str, float]:
    """Time per frame while the page follows a finger (mouse) and while it snaps back."""
    window.reading_screen.slide.animations = True
    window.session.go_to(Position(Screen.READING, 1, 0))
    slide = window.reading_screen.slide
    frames = []
    middle = QPoint(slide.width() // 2, slide.height() // 2)
    for _ in range(swipes):
        QTest.mousePress(slide, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
        for step in range(1, 13):
            started = time.perf_counter()
            QTest.mouseMove(slide, middle + QPoint(-10 * step, 0), 16)
            slide.repaint()
            frames.append(time.perf_counter() - started)
        QTest.mouseMove(slide, middle + QPoint(-110, 0), 400)  # rest: no fling
        QTest.mouseRelease(
            slide,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            middle + QPoint(-110, 0),
            16,
        )
        animation = slide._animation
        duration = animation.duration()
        for time_ms in range(0, duration + 1, 16):
            started = time.perf_counter()
            animation.setCurrentTime(time_ms)
            slide.repaint()
            frames.append(time.perf_counter() - started)
        slide.finish_animation()
    slide.animations = False
    return {"swipe_frame_ms_p95": ms(percentile(frames, 0.95))}


def large_article(pages_wanted: int) -> Article:
    paragraph = " ".join(["Words a patient reads calmly at the kiosk."] * 12)
    parts = ["---\ntitle: Long\n---\n"]
    for number in range(pages_wanted // 2):
        parts.append(f"## Part {number + 1}\n\n{paragraph}\n\n{paragraph}\n\n- one\n- two\n")
    return parse_article("\n".join(parts).encode(), Path("large.md"))


def pagination(article: Article, large_pages: int, repeat: int) -> dict[str, float]:
    sizes = [(1920, 1080), (1280, 800), (1080, 1920)]
    article_times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for width, height in sizes:
            for text_size in TextSize:
                ArticleLayout(article, Theme(width, height, text_size=text_size))
        article_times.append(time.perf_counter() - started)
    large = large_article(large_pages)
    started = time.perf_counter()
    layout = ArticleLayout(large, Theme(1920, 1080))
    large_time = time.perf_counter() - started
    return {
        "paginate_article_ms": ms(min(article_times)),
        "paginate_large_ms": ms(large_time),
        "paginate_large_pages": sum(layout.page_counts),
    }


def idle_cpu(window: KioskWindow, seconds: float) -> dict[str, float]:
    results = {}
    for name, position in (
        ("idle_cpu_percent_start", Position(Screen.START)),
        ("idle_cpu_percent_reading", Position(Screen.READING, 1, 0)),
    ):
        window.session.go_to(position)
        QApplication.processEvents()
        before = cpu_seconds()
        run_events_for(seconds)
        results[name] = round(100 * (cpu_seconds() - before) / seconds, 3)
    return results


def qobjects(app: QApplication, window: KioskWindow) -> int:
    return (
        len(window.findChildren(QObject))
        + len(app.findChildren(QObject))
        + len(app.topLevelWidgets())
    )


def growth(app: QApplication, window: KioskWindow, turns: int, resets: int) -> dict[str, float]:
    def exercise(count_turns: int, count_resets: int) -> None:
        for number in range(count_turns):
            if window.session.position.screen is not Screen.READING:
                window.session.go_to(Position(Screen.READING, 0, 0))
            QTest.keyClick(window, Qt.Key.Key_Right if (number // 20) % 2 == 0 else Qt.Key.Key_Left)
            if number % 50 == 0:
                app.processEvents()
        for _ in range(count_resets):
            window.session.go_to(Position(Screen.READING, 1, 0))
            window.reading_screen.text_size_button.click()
            # What the idle warning running out does.
            window.session.reset_for_next_patient()
            app.processEvents()

    exercise(1000 if turns >= 1000 else turns // 10, 100 if resets >= 100 else resets // 10)
    gc.collect()
    app.processEvents()
    rss_before, objects_before = rss_mb(), qobjects(app, window)
    exercise(turns, resets)
    gc.collect()
    app.processEvents()
    return {
        "rss_growth_mb": round(rss_mb() - rss_before, 2),
        "qobject_growth": qobjects(app, window) - objects_before,
    }


def measure(quick: bool) -> dict[str, float]:
    figures: dict[str, float] = {}
    figures.update(startup(3 if quick else 11))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    article = load_article(BUNDLED)
    settings = Settings(animations=False, prevent_screen_blanking=False)
    window = make_window(app, article, settings)
    steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
        ("page turns", lambda: page_turns(window, 200 if quick else 1200)),
        ("swipe frames", lambda: swipe_frames(window, 5 if quick else 60)),
        ("pagination", lambda: pagination(article, 500, 2 if quick else 5)),
        ("idle CPU", lambda: idle_cpu(window, 1.0 if quick else 10.0)),
        ("growth", lambda: growth(app, window, 500 if quick else 10_000, 20 if quick else 1_000)),
    ]
    for name, step in steps:
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        figures.update(step())
    window.close()
    return figures


def table(figures: dict[str, float]) -> str:
    lines = [f"{'figure':28} {'value':>10}  target", "-" * 52]
    for key, value in figures.items():
        comparison, target = TARGETS.get(key, (None, None))
        verdict = ""
        if comparison == "<=" and target is not None:
            verdict = f"<= {target}  " + ("ok" if value <= target else "MISSED")
        lines.append(f"{key:28} {value:>10}  {verdict}")
    return "\n".join(lines)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with Path("/proc/cpuinfo").open(encoding="ascii", errors="replace") as info:
            cpu = next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="Small counts: shows it works.")
    parser.add_argument("--json", type=Path, metavar="PATH", help="Also write the figures here.")
    args = parser.parse_args()
    figures = measure(args.quick)
    print(table(figures))
    if args.json:
        args.json.write_text(
            json.dumps({"figures": figures, "quick": args.quick, "machine": machine()}, indent=2)
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
