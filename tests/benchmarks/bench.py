"""Measure the kiosk in a real window: start-up against a bare Qt window, drag and page-turn
frames at 1920x1080 and 3840x2160 for every text size, touch-to-painted latency, peak memory,
pagination, idle CPU and memory growth.

    python tests/benchmarks/bench.py [--quick] [--startup-only | --frames-only SIZE]
                                     [--memory-steps] [--json PATH]
                                     [--display :N | --xvfb | --offscreen]

Where it measures: on the X display in $DISPLAY if there is one, else on an Xvfb server this
script starts for each screen size (and stops again); with neither, Qt's offscreen platform,
which the output then says. --display picks an X display, --xvfb always starts Xvfb.

- Start-up: fresh `python -m kiosk` processes on the bundled content folder (the article in two
  languages, as the kiosk starts by default), full-screen, each with a fresh state and config
  folder (the cache folder is shared, as a kiosk that restarts keeps its own), timed from
  launch to systemd's READY=1 (sent after the first frame) and to the article being handed to
  the screen (its log line "Showing '...'"; it is painted in the frame after). The log tells
  which screen the first frame painted: the start screen, or the plain screen shown while the
  article is still being read; a run that painted "This screen is being updated" stops the
  benchmark. Interleaved with as many runs of a bare PySide6 window (one QLabel, full-screen):
  the Qt floor. Peak memory (VmHWM) is read once the article is shown and speech was probed.
- Frames, in one fresh process per screen size (its QApplication made as the kiosk makes it),
  the window that size, animations on, for each text size the session's "Text size" button
  steps through: back-to-back swipes forward through the article (a finger, as Qt touch
  events, drags a page a third of the way, then lets go; the next lands as soon as the page
  is at rest), and pages turned by the arrow key, with real animation frames. Frame cost is
  the time spent in the page's paintEvent for one frame (drag: while the page follows the
  finger; turn: every frame of a turn's animation, and the page at rest); touch-to-painted is
  from a touch move to the end of the window's frame showing it (painted and handed to the X
  server); frames a second count every frame from the key press to the page at rest. Peak
  memory (VmHWM) is read after all text sizes, speech probed as the kiosk does.
- Pagination, idle CPU and memory growth run in the 1920x1080 process.

--quick runs everything with small counts, to show the script works (CI runs it; keep it well
under a minute); its figures mean little. --startup-only measures start-up alone (full counts
unless --quick), for work on it; --frames-only 4k (or 1080p) measures that screen size's
frames and peak memory alone, without start-up or the other size. --memory-steps also prints,
for each screen size, the process's memory after each step (window shown, speech probed, first
page painted, each text size's drags and turns, each text size change) and the peak within that
step (the kernel's high-water mark is reset after each, so a short-lived copy shows up where it
happens); the peak reported is then the highest of those. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import resource
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# Importing Qt creates no application: each worker process makes its own, on the platform its
# environment names.
import PySide6  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, QSize, Qt, QTimer, Signal  # noqa: E402
from PySide6.QtGui import QPaintEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.app import application  # noqa: E402
from kiosk.article import Article, load_article, parse_article  # noqa: E402
from kiosk.clock import QtClock  # noqa: E402
from kiosk.config import Settings  # noqa: E402
from kiosk.navigation import Position, Screen  # noqa: E402
from kiosk.session import KioskSession  # noqa: E402
from kiosk.text_layout import ArticleLayout  # noqa: E402
from kiosk.theme import TextSize, Theme  # noqa: E402
from kiosk.ui.reading_screen import SlideView  # noqa: E402
from kiosk.ui.window import KioskWindow  # noqa: E402

BUNDLED_FOLDER = ROOT / "content"  # what the kiosk shows by default: the article in two languages
BUNDLED = BUNDLED_FOLDER / "ketamine-chronic-pain.md"
SIZES = {"1080p": (1920, 1080), "4k": (3840, 2160)}
MAIN_SIZE = "1080p"  # start-up, pagination, idle CPU and growth are measured at this size
FRAME_BUDGET_MS = 1000 / 60

FRAME_TARGET_MS = {"1080p": 4.0, "4k": 8.0}  # page frame cost p95, at every text size
TARGETS: dict[str, tuple[str, float]] = {  # figure -> (unit, upper bound)
    "startup_first_frame_ratio": ("x", 1.5),
    "paginate_article_ms": ("ms", 50),
    "paginate_large_ms": ("ms", 1000),
    "idle_cpu_percent_start": ("%", 0.05),  # "0 %": nothing runs while nobody touches it
    "idle_cpu_percent_reading": ("%", 0.05),
    "rss_growth_mb": ("MB", 5),  # flat over 10,000 page turns
    "rss_growth_patients_mb": ("MB", 5),  # and over 1,000 patients' visits
    "qobject_growth": ("", 0),
    "4k_peak_rss_mb": ("MB", 150),
}


def target(key: str) -> tuple[str, float] | None:
    """(unit, upper bound) for a figure, or None when it is only reported. Frame figures are
    named {screen size}_{text size}_{figure}, for whichever text sizes the kiosk offers."""
    if key in TARGETS:
        return TARGETS[key]
    size = key.split("_", 1)[0]
    if size in FRAME_TARGET_MS and key.endswith(("_drag_frame_ms_p95", "_turn_frame_ms_p95")):
        return "ms", FRAME_TARGET_MS[size]
    if key.endswith("_touch_to_painted_ms_p95"):
        return "ms", round(FRAME_BUDGET_MS, 1)  # one frame at 60 Hz
    return None


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def peak_rss_mb(pid: int | str = "self") -> float:
    with Path(f"/proc/{pid}/status").open(encoding="ascii") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return round(kb / 1024, 1)


def memory_status() -> dict[str, float]:
    """This process's resident memory now, in MB: VmRSS and VmHWM (its peak), and RSS split
    into anonymous (the heap, pixmaps, images), file-backed (libraries) and shared memory (the
    X11 window's MIT-SHM backing store)."""
    wanted = ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem")
    found: dict[str, float] = {}
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in wanted:
                found[name] = round(int(value.split()[0]) / 1024, 1)
    return found


class MemorySteps:
    """Memory after each step of a worker and the peak within it. After each reading the
    kernel's high-water mark is reset (writing 5 to /proc/self/clear_refs), so each step's peak
    is its own and a copy that lives only for a moment is pinned to the step that made it."""

    def __init__(self, size: str) -> None:
        self.size = size
        self.lines: list[str] = []
        self.peak = 0.0
        self.resettable = self._reset()

    @staticmethod
    def _reset() -> bool:
        try:
            Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
        except OSError:
            return False
        return True

    def __call__(self, step: str) -> None:
        now = memory_status()
        self.peak = max(self.peak, now["VmHWM"])
        self.lines.append(
            f"{self.size} memory, {step}: peak {now['VmHWM']} MB, now {now['VmRSS']} MB "
            f"(anonymous {now['RssAnon']}, files {now['RssFile']}, shared {now['RssShmem']})"
        )
        if self.resettable:
            self._reset()


# Where windows are shown


@dataclass
class Place:
    """An X display (`display` like ":5") or Qt's offscreen platform (`display` empty)."""

    display: str
    how: str  # said in the output: where the figures were measured

    def environment(self, width: int, height: int, folder: str) -> dict[str, str]:
        env = dict(os.environ)
        if self.display:
            env["DISPLAY"] = self.display
            env["QT_QPA_PLATFORM"] = "xcb"
            return env
        screen = Path(folder) / f"screen-{width}x{height}.json"
        screen.write_text(
            json.dumps(
                {"screens": [{"name": "bench", "width": width, "height": height, "dpr": 1}]}
            ),
            encoding="utf-8",
        )
        env.pop("DISPLAY", None)
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
        return env


@contextlib.contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """An Xvfb server with one screen of this size for as long as the block runs."""
    reader, writer = os.pipe()
    process = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(writer),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(writer,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(writer)
    try:
        number = b""
        deadline = time.monotonic() + 15
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([reader], [], [], 0.5)
            if ready:
                chunk = os.read(reader, 64)
                if not chunk:
                    break
                number += chunk
        if not number.strip().isdigit():
            raise OSError(f"Xvfb did not start (exit status {process.poll()})")
        yield f":{number.decode().strip()}"
    finally:
        os.close(reader)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def place_for(choice: str, width: int, height: int) -> Iterator[Place]:
    """`choice`: "xvfb", an X display name, or "offscreen" with why after a colon."""
    if choice.startswith("offscreen"):
        why = choice.partition(":")[2] or "asked for"
        yield Place("", f"Qt's offscreen platform, not a real window ({why})")
        return
    if choice != "xvfb":
        yield Place(choice, f"a real X11 window on the display {choice}")
        return
    try:
        server = xvfb(width, height)
        display = server.__enter__()
    except OSError as error:
        yield Place("", f"Qt's offscreen platform, not a real window (Xvfb failed: {error})")
        return
    try:
        yield Place(
            display, f"a real X11 window on Xvfb {display} ({width}x{height}, started here)"
        )
    finally:
        server.__exit__(*sys.exc_info())


def choose_place(args: argparse.Namespace) -> str:
    if args.offscreen:
        return "offscreen:--offscreen"
    if args.display:
        return str(args.display)
    if not args.xvfb and os.environ.get("DISPLAY"):
        return os.environ["DISPLAY"]
    if shutil.which("Xvfb"):
        return "xvfb"
    return "offscreen:no X display, and no Xvfb to start one"


# Start-up, in fresh processes

FLOOR_SCRIPT = """
import os, socket, sys
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel

class Label(QLabel):
    painted = False

    def event(self, event):
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest and not self.painted:
            self.painted = True
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.connect(os.environ["NOTIFY_SOCKET"])
                sock.send(b"READY=1")
        return handled

app = QApplication(sys.argv)
label = Label("Ketamine as a treatment for chronic pain")
label.setGeometry(app.primaryScreen().geometry())
label.showFullScreen()
sys.exit(app.exec())
"""

READY_LOGGED = "Told systemd the kiosk is ready"
ARTICLE_SHOWN = "kiosk.session: Showing '"
UPDATING_SHOWN = ("Showing the 'being updated' page", "The article cannot be shown")
SPEECH_NOT_OFFERED = "Read aloud is not offered"


class Lines:
    """A process's standard error, line by line, each with the time it arrived."""

    def __init__(self, stream: Any) -> None:
        self.lines: list[tuple[float, str]] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: Any) -> None:
        for raw in stream:
            with self._changed:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace")))
                self._changed.notify_all()
        with self._changed:
            self.lines.append((time.perf_counter(), ""))  # end of the stream
            self._changed.notify_all()

    def wait_for(self, *needles: str, timeout: float) -> tuple[int, float] | None:
        """(index, arrival time) of the first line holding any needle."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for index, (arrived, line) in enumerate(self.lines):
                    if any(needle in line for needle in needles):
                        return index, arrived
                if self.lines and self.lines[-1][1] == "":
                    return None
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._changed.wait(left)

    def tail(self) -> str:
        return "".join(line for _, line in self.lines[-15:])


def receive_ready(receiver: socket.socket) -> str:
    # Only READY=1 counts; a STOPPING=1 of a run before may still be queued.
    message = receiver.recv(4096).decode()
    while message.startswith(("STOPPING=1", "STATUS=", "WATCHDOG=1", "EXTEND_TIMEOUT")):
        message = receiver.recv(4096).decode()
    return message


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the kiosk stops cleanly), then whatever is left of its process group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def floor_once(env: dict[str, str], receiver: socket.socket) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", FLOOR_SCRIPT],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        message = receive_ready(receiver)
        elapsed = time.perf_counter() - started
    finally:
        stop(process)
    if not message.startswith("READY=1"):
        raise RuntimeError(f"the bare Qt window sent {message!r}")
    return elapsed


@dataclass
class KioskStart:
    first_frame: float
    article: float
    screen: str  # what the first frame painted
    peak_rss_mb: float
    speech: str


def kiosk_once(env: dict[str, str], receiver: socket.socket, folder: str) -> KioskStart:
    # A fresh state folder (no crash record or lock from the run before) and no config file.
    fresh = tempfile.mkdtemp(prefix="run-", dir=folder)
    env = dict(env, XDG_STATE_HOME=f"{fresh}/state", XDG_CONFIG_HOME=f"{fresh}/config")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--content", str(BUNDLED_FOLDER)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    log = Lines(process.stderr)
    try:
        message = receive_ready(receiver)
        first_frame = time.perf_counter() - started
        if not message.startswith("READY=1"):
            raise RuntimeError(f"the kiosk sent {message!r}:\n{log.tail()}")
        ready = log.wait_for(READY_LOGGED, timeout=10)
        shown = log.wait_for(ARTICLE_SHOWN, *UPDATING_SHOWN, timeout=30)
        if ready is None or shown is None:
            raise RuntimeError(f"the kiosk did not log its first frame or article:\n{log.tail()}")
        line = log.lines[shown[0]][1]
        if any(needle in line for needle in UPDATING_SHOWN):
            raise RuntimeError(f"the kiosk painted 'This screen is being updated':\n{log.tail()}")
        if shown[0] < ready[0]:
            screen, article = "start screen", first_frame
        else:
            screen, article = "plain screen", shown[1] - started
        speech = probed_speech(process.pid, log)
        peak = peak_rss_mb(process.pid)
    finally:
        stop(process)
    return KioskStart(first_frame, article, screen, peak, speech)


def probed_speech(pid: int, log: Lines, timeout: float = 10) -> str:
    """Wait until the kiosk has looked for a speech engine (it loads Qt's text-to-speech module
    then, after the first frame): 'offered', 'not offered' or 'not probed'."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.wait_for(SPEECH_NOT_OFFERED, timeout=0):
            return "not offered"
        with contextlib.suppress(OSError), Path(f"/proc/{pid}/maps").open() as maps:
            if "TextToSpeech" in maps.read():
                time.sleep(0.2)  # its plug-ins load next
                return "offered"
        time.sleep(0.02)
    return "not probed"


def startup(place: Place, runs: int, folder: str) -> tuple[dict[str, float], list[str]]:
    address = str(Path(folder) / "notify")
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(address)
    receiver.settimeout(60)
    width, height = SIZES[MAIN_SIZE]
    env = place.environment(width, height, folder)
    env["NOTIFY_SOCKET"] = address
    env.pop("WATCHDOG_USEC", None)
    # A kiosk starts from compiled bytecode after its first run; so do these processes (the
    # first of each, not counted, writes it if this environment had turned that off), and its
    # cache folder (Qt's compiled translations) is kept from the run before.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[variable] = f"{folder}/{variable.lower()}"
    floors: list[float] = []
    starts: list[KioskStart] = []
    try:
        for run in range(runs + 1):
            floor = floor_once(env, receiver)
            start = kiosk_once(env, receiver, folder)
            if run:
                floors.append(floor)
                starts.append(start)
    finally:
        receiver.close()
    first_frame = statistics.median(start.first_frame for start in starts)
    floor = statistics.median(floors)
    figures = {
        "startup_first_frame_ms": ms(first_frame),
        "startup_article_ms": ms(statistics.median(start.article for start in starts)),
        "qt_floor_first_frame_ms": ms(floor),
        "startup_first_frame_ratio": round(first_frame / floor, 2),
        "startup_runs_article_in_first_frame": sum(
            start.screen == "start screen" for start in starts
        ),
        "startup_peak_rss_mb": max(start.peak_rss_mb for start in starts),
    }
    screens = sorted({start.screen for start in starts})
    notes = [
        "start-up: the first frame painted "
        + ", ".join(
            f"the {screen} in {sum(s.screen == screen for s in starts)} of {len(starts)} runs"
            for screen in screens
        )
        + f"; speech {starts[-1].speech} when memory was read",
    ]
    return figures, notes


# Frames, in a worker process per screen size


def run_worker(
    size: str, place: Place, quick: bool, folder: str, memory_steps: bool = False
) -> dict[str, Any]:
    width, height = SIZES[size]
    env = place.environment(width, height, folder)
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[variable] = f"{folder}/worker-{size}/{variable.lower()}"
    env.pop("NOTIFY_SOCKET", None)
    out = Path(folder) / f"worker-{size}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", size, "--json", str(out)]
    if quick:
        command.append("--quick")
    if memory_steps:
        command.append("--memory-steps")
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        status = process.wait(timeout=3600)
    finally:
        stop(process)
    if status != 0:
        raise RuntimeError(f"the {size} worker failed with status {status}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


class Recorder(QObject):
    """Every frame of the window (when it started and ended) and each page paint's duration."""

    frame_done = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[tuple[float, float]] = []
        self.paints: list[float] = []


RECORDER: Recorder | None = None


class MeasuredWindow(KioskWindow):
    """The kiosk's window, timing each frame: the top-level widget paints what is dirty and
    hands the frame to the window system in its UpdateRequest."""

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.UpdateRequest or RECORDER is None:
            return super().event(event)
        started = time.perf_counter()
        handled = super().event(event)
        RECORDER.frames.append((started, time.perf_counter()))
        RECORDER.frame_done.emit()
        return handled


class MeasuredSlide(SlideView):
    """The page view, timing its own paintEvent (the bench swaps the window's view to it)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        started = time.perf_counter()
        super().paintEvent(event)
        if RECORDER is not None:
            RECORDER.paints.append(time.perf_counter() - started)


def run_events_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(max(0, round(seconds * 1000)), loop.quit)
    loop.exec()


def wait_for(signal: Any, timeout: float) -> None:
    """Run the event loop until `signal` fires or `timeout` seconds pass."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(round(timeout * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


class FrameBench:
    """Drags and page turns in a real window of the kiosk, for the text size shown now."""

    def __init__(self, window: MeasuredWindow, recorder: Recorder) -> None:
        self.window = window
        self.session = window.session
        self.slide = window.reading_screen.slide
        self.recorder = recorder
        self.device = QTest.createTouchDevice()

    def settle(self) -> None:
        """Let any motion end and the screen be painted, then forget those paints."""
        deadline = time.perf_counter() + 3
        while self.slide.is_animating and time.perf_counter() < deadline:
            wait_for(self.slide._animation.finished, 0.5)
        run_events_for(0.05)
        self.recorder.paints.clear()

    def wait_until_still(self, linger: float = 0.02) -> None:
        """Until the turn's animation has ended and a frame has shown the page at rest; then
        `linger` seconds more of the event loop."""
        deadline = time.perf_counter() + 3
        while self.slide.is_animating and time.perf_counter() < deadline:
            wait_for(self.slide._animation.finished, 0.5)
        ended = time.perf_counter()
        frames = self.recorder.frames
        if not frames or frames[-1][0] < ended:
            # The page at rest is painted in the frame after the animation's last step.
            wait_for(self.recorder.frame_done, 0.1)
        run_events_for(linger)

    def reading_positions(self) -> list[Position]:
        return [
            Position(Screen.READING, section, page)
            for section, count in enumerate(self.session.page_counts)
            for page in range(count)
        ]

    def drags(self, count: int, moves: int) -> tuple[list[float], list[float], list[float]]:
        """Back-to-back swipes forward through the article: a finger drags the page left by a
        third of its width, a move every 16 ms, and lets go; the page follows it, then turns,
        and the next finger lands as soon as that page is at rest (from the first page again
        after the last). Returns (drag paints, turn paints, latencies from a move to the end
        of the frame showing it)."""
        window, slide, recorder = self.window, self.slide, self.recorder
        drag_paints: list[float] = []
        turn_paints: list[float] = []
        latencies: list[float] = []
        positions = self.reading_positions()
        for number in range(count):
            # Only from a page with another after it: the drag pulls in the next one.
            if number == 0 or self.session.position not in positions[:-1]:
                self.session.go_to(positions[0])
                self.settle()
            recorder.paints.clear()
            # The page's middle, in the window (the page view has its size once shown).
            point = slide.mapTo(window, QPoint(slide.width() // 2, slide.height() // 2))
            step = QPoint(max(1, slide.width() // (3 * moves)), 0)
            QTest.touchEvent(window, self.device).press(0, point, window).commit(False)
            for _ in range(moves):
                point = point - step
                before = slide.offset
                frames = len(recorder.frames)
                moved = time.perf_counter()
                QTest.touchEvent(window, self.device).move(0, point, window).commit(False)
                if slide.offset != before:
                    if len(recorder.frames) == frames:
                        wait_for(recorder.frame_done, 2)
                    if len(recorder.frames) > frames:
                        latencies.append(recorder.frames[frames][1] - moved)
                run_events_for(moved + 0.016 - time.perf_counter())
            drag_paints += recorder.paints
            recorder.paints.clear()
            QTest.touchEvent(window, self.device).release(0, point, window).commit(False)
            self.wait_until_still(linger=0)
            turn_paints += recorder.paints
            recorder.paints.clear()
        return drag_paints, turn_paints, latencies

    def turns(self, count: int) -> tuple[list[float], int, float]:
        """The arrow key turns pages forward through the article, back to its first page at
        the end. Returns (paints, frames, seconds) from each key press to the page at rest."""
        recorder = self.recorder
        paints: list[float] = []
        frames = 0
        seconds = 0.0
        positions = self.reading_positions()
        for number in range(count):
            if number == 0 or self.session.position == positions[-1]:
                self.session.go_to(positions[0])
                self.settle()
            first = len(recorder.frames)
            pressed = time.perf_counter()
            QTest.keyClick(self.window, Qt.Key.Key_Right)
            self.wait_until_still()
            shown = [frame for frame in recorder.frames[first:] if frame[1] >= pressed]
            if shown:
                frames += len(shown)
                seconds += shown[-1][1] - pressed
            paints += recorder.paints
            recorder.paints.clear()
        return paints, frames, seconds


def frame_figures(
    bench: FrameBench, prefix: str, quick: bool, step: Callable[[str], None] | None = None
) -> dict[str, float]:
    text_size = prefix.split("_", 1)[1]
    drag_paints, swipe_turn_paints, latencies = bench.drags(2 if quick else 20, 12)
    if step is not None:
        step(f"{text_size} text, swipes")
    key_turn_paints, frames, seconds = bench.turns(3 if quick else 40)
    if step is not None:
        step(f"{text_size} text, arrow-key turns")
    turn_paints = key_turn_paints + swipe_turn_paints
    return {
        f"{prefix}_drag_frame_ms_p50": ms(percentile(drag_paints, 0.5)),
        f"{prefix}_drag_frame_ms_p95": ms(percentile(drag_paints, 0.95)),
        f"{prefix}_turn_frame_ms_p50": ms(percentile(turn_paints, 0.5)),
        f"{prefix}_turn_frame_ms_p95": ms(percentile(turn_paints, 0.95)),
        f"{prefix}_turn_fps": round(frames / seconds, 1) if seconds else 0.0,
        f"{prefix}_touch_to_painted_ms_p95": ms(percentile(latencies, 0.95)),
    }


def worker(size: str, quick: bool, out: Path, memory_steps: bool = False) -> int:
    """One screen size, in its own process: frames for every text size, then peak memory; at
    the main size also pagination, idle CPU and growth. Writes {"figures", "notes"} to `out`.
    With `memory_steps`, memory after each step too (see MemorySteps)."""
    global RECORDER
    memory = MemorySteps(size) if memory_steps else None

    def mark(name: str) -> None:
        if memory is not None:
            memory(name)

    # As the kiosk makes it (with whatever it sets up for Qt before that).
    app = application([sys.argv[0]])
    RECORDER = Recorder()
    width, height = SIZES[size]
    article = load_article(BUNDLED)
    settings = Settings(animations=True, prevent_screen_blanking=False)
    clock = QtClock()
    window = MeasuredWindow(KioskSession(article, settings, clock), settings, clock)
    window.move(0, 0)
    window.resize(QSize(width, height))
    window.show()
    QTest.qWaitForWindowExposed(window)
    mark("window shown")
    # Only adds timing around the page view's own paintEvent.
    window.reading_screen.slide.__class__ = MeasuredSlide
    session = window.session
    # As the kiosk does after its first frame: this loads Qt's text-to-speech module.
    session.read_aloud.probe()
    bench = FrameBench(window, RECORDER)

    figures: dict[str, float] = {}
    found: list[tuple[str, int]] = []
    session.reset_for_next_patient()
    run_events_for(0.1)
    mark("speech probed, start screen")
    session.go_to(bench.reading_positions()[0])
    bench.settle()
    mark("first page painted, its neighbours kept")
    # Every text size A+ steps through, from Standard to the largest (where it stops).
    for text_step in TextSize:
        assert session.theme.text_size is text_step, "A+ skipped a text size"
        text_size = text_step.name.lower()
        found.append((text_size, session.theme.body_px))
        progress(f"  {size}, {text_size} text ({session.theme.body_px} px) ...")
        figures.update(frame_figures(bench, f"{size}_{text_size}", quick, mark))
        session.larger_text()
        run_events_for(0.05)
        mark(f"text size made larger than {text_size}")
    figures[f"{size}_peak_rss_mb"] = peak_rss_mb() if memory is None else memory.peak
    screen = app.primaryScreen().size()
    notes = [
        f"{size}: {app.platformName()} window {window.width()}x{window.height()} on a "
        f"{screen.width()}x{screen.height()} screen, device pixel ratio "
        f"{window.devicePixelRatio():g}; text sizes "
        + ", ".join(f"{name} ({px} px)" for name, px in found)
        + f"; speech {'offered' if session.read_aloud.available else 'not offered'}; "
        f"QT_MAX_CACHED_GLYPH_SIZE {os.environ.get('QT_MAX_CACHED_GLYPH_SIZE', 'not set')}"
    ]
    if memory is not None:
        notes += memory.lines
        if not memory.resettable:
            notes.append(f"{size}: the peak could not be reset, so each step's is the run's so far")
    if size == MAIN_SIZE:
        window.reading_screen.slide.animations = False
        RECORDER = None  # frames are no longer counted: the lists would only grow
        session.reset_for_next_patient()
        run_events_for(0.1)
        steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
            ("pagination", lambda: pagination(article, 500, 2 if quick else 5)),
            ("idle CPU", lambda: idle_cpu(window, 1.0 if quick else 10.0)),
            (
                "growth",
                lambda: growth(app, window, 500 if quick else 10_000, 20 if quick else 1_000),
            ),
        ]
        for name, step in steps:
            progress(f"  {name} ...")
            figures.update(step())
    session.read_aloud.shutdown()
    window.close()
    out.write_text(json.dumps({"figures": figures, "notes": notes}), encoding="utf-8")
    return 0


# Pagination, idle CPU and growth, in the main size's worker


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


def rss_mb() -> float:
    with Path("/proc/self/statm").open(encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def idle_cpu(window: KioskWindow, seconds: float) -> dict[str, float]:
    results = {}
    for name, position in (
        ("idle_cpu_percent_start", Position(Screen.START)),
        ("idle_cpu_percent_reading", Position(Screen.READING, 1, 0)),
    ):
        window.session.go_to(position)
        run_events_for(0.1)
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


def growth(app: QApplication, window: KioskWindow, turns: int, patients: int) -> dict[str, float]:
    """RSS after `turns` page turns (by key, forward to the last page and back, animations off,
    each page painted), then after `patients` visits (start screen, "Tap to start", three
    pages; every third patient a larger text, every fifth high contrast; then the idle reset),
    each after a tenth as much to warm up; live QObjects before and after both."""
    session = window.session
    slide = window.reading_screen.slide

    def turn_pages(count: int) -> None:
        session.go_to(Position(Screen.READING, 0, 0))
        last = sum(session.page_counts) - 1
        for number in range(count):
            forward = (number // last) % 2 == 0
            QTest.keyClick(window, Qt.Key.Key_Right if forward else Qt.Key.Key_Left)
            slide.repaint()
            if number % 50 == 0:
                app.processEvents()

    def visits(count: int) -> None:
        for number in range(count):
            window.start_screen.start_button.click()
            if number % 3 == 0:
                window.reading_screen.larger_text_button.click()
            if number % 5 == 0:
                window.reading_screen.contrast_button.click()
            for _ in range(3):
                QTest.keyClick(window, Qt.Key.Key_Right)
                slide.repaint()
            # What the idle warning running out does.
            session.reset_for_next_patient()
            app.processEvents()

    def settled() -> float:
        gc.collect()
        app.processEvents()
        return rss_mb()

    turn_pages(turns // 10)
    before, objects = settled(), qobjects(app, window)
    turn_pages(turns)
    after_turns = settled()
    objects_grown = qobjects(app, window) - objects
    visits(patients // 10)
    before_visits, objects = settled(), qobjects(app, window)
    visits(patients)
    after_visits = settled()
    return {
        "rss_growth_mb": round(after_turns - before, 2),
        "rss_growth_patients_mb": round(after_visits - before_visits, 2),
        "qobject_growth": objects_grown + qobjects(app, window) - objects,
    }


# The report


def verdict(key: str, value: float) -> str:
    found = target(key)
    if found is None:
        return ""
    unit, bound = found
    if value <= bound:
        return "met"
    return f"missed by {value - bound:.3g}{' ' if unit in ('ms', 'MB') else ''}{unit}"


def table(figures: dict[str, float]) -> str:
    lines = [f"{'figure':42} {'value':>10}  {'target':>10}  verdict", "-" * 80]
    for key, value in figures.items():
        found = target(key)
        goal = "" if found is None else f"<= {found[1]:g}{found[0]}"
        lines.append(f"{key:42} {value:>10}  {goal:>10}  {verdict(key, value)}")
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
        "pyside6": PySide6.__version__,
        "system": platform.platform(),
    }


def measure(
    choice: str,
    quick: bool,
    startup_only: bool = False,
    frames_only: str | None = None,
    memory_steps: bool = False,
) -> tuple[dict[str, float], list[str]]:
    """Start-up, then each screen size's frames; `startup_only` skips the frames and
    `frames_only` (a screen size) skips start-up and every other size."""
    figures: dict[str, float] = {}
    notes: list[str] = []
    folder = tempfile.mkdtemp(prefix="kiosk-bench-")
    sizes = {} if startup_only else SIZES
    if frames_only is not None:
        sizes = {frames_only: SIZES[frames_only]}
    try:
        width, height = SIZES[MAIN_SIZE]
        if frames_only is None:
            with place_for(choice, width, height) as place:
                notes.append(f"start-up measured in {place.how}")
                progress(f"measuring start-up in {place.how} ...")
                found, said = startup(place, 3 if quick else 11, folder)
                figures.update(found)
                notes += said
        for size, (width, height) in sizes.items():
            with place_for(choice, width, height) as place:
                notes.append(f"{size} frames measured in {place.how}")
                progress(f"measuring {size} frames in {place.how} ...")
                result = run_worker(size, place, quick, folder, memory_steps)
                figures.update(result["figures"])
                notes += result["notes"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figures, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="Small counts: shows it works.")
    only = parser.add_mutually_exclusive_group()
    only.add_argument(
        "--startup-only", action="store_true", help="Measure start-up only, not frames."
    )
    only.add_argument(
        "--frames-only",
        choices=sorted(SIZES),
        metavar="SIZE",
        help=f"Measure only this screen size's frames and peak memory ({', '.join(SIZES)}).",
    )
    parser.add_argument(
        "--memory-steps",
        action="store_true",
        help="Also print memory after each step of the frame measurements, and each step's peak.",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="Also write the figures here.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--display", metavar=":N", help="Measure on this X display.")
    where.add_argument("--xvfb", action="store_true", help="Start Xvfb even when $DISPLAY is set.")
    where.add_argument(
        "--offscreen", action="store_true", help="Qt's offscreen platform: no real window."
    )
    parser.add_argument("--worker", choices=sorted(SIZES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        if args.json is None:
            parser.error("--worker needs --json")
        return worker(args.worker, args.quick, args.json, args.memory_steps)
    started = time.monotonic()
    figures, notes = measure(
        choose_place(args), args.quick, args.startup_only, args.frames_only, args.memory_steps
    )
    notes.append(f"the whole run took {time.monotonic() - started:.0f} s")
    about = machine()
    quick = "; --quick: small counts, the figures mean little" if args.quick else ""
    print(
        f"{about['cpu']}, {about['cores']} cores; Python {about['python']}, "
        f"PySide6 {about['pyside6']}{quick}"
    )
    for note in notes:
        print(f"- {note}")
    print(table(figures))
    if args.json:
        report = {
            "figures": figures,
            "verdicts": {key: verdict(key, value) for key, value in figures.items()},
            "targets": {key: found[1] for key in figures if (found := target(key)) is not None},
            "notes": notes,
            "quick": args.quick,
            "machine": about,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
