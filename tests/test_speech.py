"""Read aloud: whether it is offered, sentences, the patient's volume and speed, and the speech
worker process that keeps the engine away from the GUI thread (Qt's "mock" engine through the
real worker; small stand-in workers for the ways a worker can misbehave, and to record what the
worker is told)."""

from __future__ import annotations

import itertools
import json
import logging
import os
import subprocess
import sys
import textwrap
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer

from kiosk import navigation, speech
from kiosk.article import Article
from kiosk.config import Settings
from kiosk.session import KioskSession
from kiosk.speech import WORKER_COMMAND, ReadAloud, Speed, Volume

from .helpers import ManualClock, reading

# A stand-in worker that speaks the protocol but no words. Modes: "record" answers like a quick
# engine and writes every line it receives to a file; "silent" never answers; "mute" is ready
# but never finishes a sentence; "die" exits when asked to speak; "refuse" has no engine;
# "stuck" hangs without ever reading its stdin, as a worker wedged inside the engine would.
FAKE_WORKER = textwrap.dedent(
    """
    import json, sys, threading
    mode, record = sys.argv[1], open(sys.argv[2], "a", encoding="utf-8")
    if mode == "stuck":
        threading.Event().wait()

    def send(**event):
        print(json.dumps(event), flush=True)

    while line := sys.stdin.readline():
        record.write(line)
        record.flush()
        if mode == "silent":
            continue
        command = json.loads(line)
        if command["cmd"] == "start":
            if mode == "refuse":
                send(event="error", message="no voices")
                continue
            send(event="ready", engine="fake", locale="en_GB", voice="Fake", locales=["en_GB"])
        elif command["cmd"] == "say" and mode == "record":
            send(event="done", id=command["id"])
        elif command["cmd"] == "say" and mode == "die":
            raise SystemExit(3)
    """
)

Reader = Callable[..., ReadAloud]


def _children() -> set[int]:
    """Processes whose parent is this test process (running or not yet reaped)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.add(int(entry.name))
    return found


def _gone(pids: set[int]) -> bool:
    return not any(Path(f"/proc/{pid}").exists() for pid in pids)


@pytest.fixture
def make_reader(qtbot) -> Iterator[Reader]:  # type: ignore[no-untyped-def]
    """ReadAloud objects that are shut down after the test, which then checks that no worker
    process is left behind."""
    readers: list[ReadAloud] = []

    def make(engine: str = "mock", **options: object) -> ReadAloud:
        reader = ReadAloud(engine, **options)  # type: ignore[arg-type]
        readers.append(reader)
        return reader

    yield make
    for reader in readers:
        reader.shutdown()
    qtbot.waitUntil(lambda: not _children(), timeout=5000)


@pytest.fixture
def fake(tmp_path: Path) -> Callable[[str], tuple[list[str], Path]]:
    """The command for a stand-in worker in a mode, and the file where it records its stdin."""
    script = tmp_path / "fake_worker.py"
    script.write_text(FAKE_WORKER, encoding="utf-8")

    def command(mode: str) -> tuple[list[str], Path]:
        record = tmp_path / f"{mode}.jsonl"
        record.touch()
        return [sys.executable, str(script), mode, str(record)], record

    return command


def _received(record: Path) -> list[tuple[str, str]]:
    lines = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    return [(line["cmd"], line.get("text", "")) for line in lines]


def _levels(record: Path) -> list[tuple[str, object]]:
    """What the worker was told, with the rate and volume of "start" and "set" commands."""
    found: list[tuple[str, object]] = []
    for line in record.read_text(encoding="utf-8").splitlines():
        command = json.loads(line)
        if command["cmd"] in ("start", "set"):
            found.append((command["cmd"], (command.get("rate"), command.get("volume"))))
        else:
            found.append((command["cmd"], command.get("text", "")))
    return found


# Sentences


def _split(text: str) -> list[str]:
    return [text[start:end] for start, end in speech.sentences(text)]


def test_sentences_are_found():
    text = "One sentence. Two? Three! “Quoted.” Last words"
    assert _split(text) == [
        "One sentence.",
        "Two?",
        "Three!",
        "“Quoted.”",
        "Last words",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith said so. Next one.", ["Dr. Smith said so.", "Next one."]),
        ("Use it, e.g. daily. Then stop.", ["Use it, e.g. daily.", "Then stop."]),
        ("Ask Mr. Jones or Mrs. Brown. Ok.", ["Ask Mr. Jones or Mrs. Brown.", "Ok."]),
        ("Take one, i.e. One tablet. Fine.", ["Take one, i.e. One tablet.", "Fine."]),
        ("A pain killer, E.g. Paracetamol, helps.", ["A pain killer, E.g. Paracetamol, helps."]),
        ("She has MS. Then rest.", ["She has MS.", "Then rest."]),
        ("Ask your Dr.\nNext line", ["Ask your Dr.", "Next line"]),
        ("Title\nFirst line\u2029Second. Third.", ["Title", "First line", "Second.", "Third."]),
        ("  Spaced.   Out.  \n\n", ["Spaced.", "Out."]),
        ("", []),
    ],
)
def test_sentences_keep_abbreviations_and_end_at_line_breaks(text, expected):
    assert _split(text) == expected


def test_sentence_positions_are_python_indices_after_an_emoji():
    text = "Smile 🙂 please. Then go."
    assert _split(text) == ["Smile 🙂 please.", "Then go."]


# Volume and speed steps


def test_volume_steps_scale_the_configured_volume_within_the_engines_range():
    assert [speech.engine_volume(80, step) for step in Volume] == [0.4, 0.8, 1.0]
    assert [speech.engine_volume(50, step) for step in Volume] == [0.25, 0.5, 0.75]
    assert [speech.engine_volume(100, step) for step in Volume] == [0.5, 1.0, 1.0]
    assert [speech.engine_volume(0, step) for step in Volume] == [0.0, 0.0, 0.0]


def test_speed_steps_move_the_configured_rate_within_the_engines_range():
    assert [speech.engine_rate(0, step) for step in Speed] == [-0.3, 0.0, 0.3]
    assert [speech.engine_rate(-2, step) for step in Speed] == [-0.5, -0.2, 0.1]
    assert [speech.engine_rate(10, step) for step in Speed] == [0.7, 1.0, 1.0]
    assert [speech.engine_rate(-10, step) for step in Speed] == [-1.0, -1.0, -0.7]


def test_steps_end_at_both_ends_without_wrapping_round():
    assert speech.next_step(Volume.NORMAL, 1) is Volume.LOUD
    assert speech.next_step(Volume.LOUD, 1) is None
    assert speech.next_step(Volume.QUIET, -1) is None
    assert speech.next_step(Speed.NORMAL, -1) is Speed.SLOWER
    assert speech.next_step(Speed.FASTER, 1) is None
    assert speech.next_step(Speed.SLOWER, -1) is None


def test_the_configured_rate_and_volume_become_the_engines(make_reader):
    reader = make_reader("mock", rate=-5, volume=60)
    assert (reader.rate, reader.volume) == (-0.5, 0.6)
    reader.set_rate(3)
    reader.set_volume(-1)
    assert (reader.rate, reader.volume) == (1.0, 0.0), "kept within the engine's range"


# Whether Read aloud is offered


def test_an_installed_engine_is_offered_without_starting_it(make_reader, qtbot):
    reader = make_reader("mock")
    assert not reader.probed
    with qtbot.waitSignal(reader.availability_changed) as offered:
        reader.probe()
    assert offered.args == [True]
    assert reader.available
    assert reader.probed
    assert not _children()


def test_an_engine_that_is_not_installed_is_not_offered(make_reader, qtbot, caplog):
    reader = make_reader("nonexistent")
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignal(reader.availability_changed) as offered,
    ):
        reader.probe()
    assert offered.args == [False]
    assert "Read aloud is not offered: the speech engine 'nonexistent' is not installed" in (
        caplog.text
    )
    assert "mock" in caplog.text  # the engines that are installed
    assert [record.levelname for record in caplog.records] == ["INFO"]


def test_a_speech_module_that_cannot_load_is_not_offered(make_reader, qtbot, monkeypatch, caplog):
    def broken() -> None:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr(speech, "_import_text_to_speech", broken)
    reader = make_reader("mock")
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignal(reader.availability_changed) as offered,
    ):
        reader.probe()
        reader.speak("Nothing to say.")
    assert offered.args == [False]
    assert not reader.speaking
    assert caplog.text.count("Read aloud is not offered") == 1
    for package in ("pip install 'kiosk[speech]'", "libpulse0", "speech-dispatcher", "espeak-ng"):
        assert package in caplog.text
    assert [record.levelname for record in caplog.records] == ["INFO"]
    assert not _children()


def test_no_engine_at_all_is_not_offered(make_reader, qtbot, monkeypatch, caplog):
    none = types.SimpleNamespace(QTextToSpeech=types.SimpleNamespace(availableEngines=list))
    monkeypatch.setattr(speech, "_import_text_to_speech", lambda: none)
    reader = make_reader("")
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignal(reader.availability_changed) as offered,
    ):
        reader.probe()
    assert offered.args == [False]
    assert "Read aloud is not offered: no speech engine is installed" in caplog.text


# Speaking with the mock engine through the real worker


def test_speaking_marks_each_sentence_in_order_then_stops(make_reader, qtbot):
    reader = make_reader("mock")
    reader.probe()
    text = "One. Two words here. Three."
    started: list[tuple[int, int]] = []
    stops: list[bool] = []
    reader.sentence_started.connect(lambda start, end: started.append((start, end)))
    reader.stopped.connect(lambda: stops.append(True))
    with qtbot.waitSignal(reader.stopped, timeout=15000):
        reader.speak(text)
        assert reader.speaking
    assert started == speech.sentences(text)
    assert stops == [True]
    assert not reader.speaking
    assert reader.available


def test_stop_midway_stops_and_nothing_more_is_spoken(make_reader, qtbot):
    reader = make_reader("mock")
    reader.probe()
    started: list[tuple[int, int]] = []
    stops: list[bool] = []
    reader.sentence_started.connect(lambda start, end: started.append((start, end)))
    reader.stopped.connect(lambda: stops.append(True))
    with qtbot.waitSignal(reader.sentence_started, timeout=15000):
        reader.speak("First sentence here. Second one. Third one.")
    reader.stop()
    assert not reader.speaking
    assert stops == [True]
    # Whatever the worker still says about the first text must not start its next sentence.
    with qtbot.waitSignal(reader.stopped, timeout=15000):
        reader.speak("Last.")
    assert started == [(0, 20), (0, 5)]
    assert stops == [True, True]


def test_the_voice_follows_the_articles_language(make_reader, qtbot, caplog):
    reader = make_reader("mock")
    reader.probe()
    reader.set_language("nb")
    with qtbot.waitSignal(
        reader.voice_changed, timeout=15000, check_params_cb=lambda locale: locale == "nb_NO"
    ):
        reader.speak("Hei.")
    qtbot.waitUntil(lambda: not reader.speaking, timeout=15000)
    with qtbot.waitSignal(reader.voice_changed, timeout=5000) as changed:
        reader.set_language("en-US")
    assert changed.args == ["en_US"]
    assert reader.voice_locale == "en_US"
    # No Swahili voice: Read aloud is not offered for a Swahili article (an English voice
    # reading Swahili words would help nobody), and comes back for an English one.
    offered: list[bool] = []
    reader.availability_changed.connect(offered.append)
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignal(reader.voice_changed, timeout=5000),
    ):
        reader.set_language("sw")
    assert not reader.available
    assert offered == [False]
    assert "No voice for the language 'sw': Read aloud is not offered in it" in caplog.text
    reader.speak("Habari.")
    assert not reader.speaking
    reader.set_language("en")
    assert reader.available
    assert offered == [False, True]


def test_a_new_rate_and_volume_reach_the_mock_engine_while_it_speaks(make_reader, qtbot, caplog):
    reader = make_reader("mock", rate=10)
    reader.probe()
    started: list[tuple[int, int]] = []

    def change(start: int, end: int) -> None:
        started.append((start, end))
        if len(started) == 1:
            reader.set_volume(0.4)

    reader.sentence_started.connect(change)
    with (
        caplog.at_level(logging.DEBUG, logger="kiosk.speech"),
        qtbot.waitSignal(reader.stopped, timeout=15000),
    ):
        reader.speak("One sentence here. Two more words. Three.")
    assert "the engine now speaks at rate 1.0, volume 0.4" in caplog.text
    assert len(started) == 3, "a change of volume does not stop or restart the reading"
    assert reader.available


# Rate and volume: what the worker is told, and when


def test_a_change_while_speaking_reaches_the_worker_before_the_next_sentence(
    make_reader, fake, qtbot
):
    command, record = fake("record")
    reader = make_reader("mock", worker_command=command)
    reader.probe()

    def change(start: int, end: int) -> None:
        if start == 0:
            reader.set_volume(0.4)
            reader.set_rate(0.3)

    reader.sentence_started.connect(change)
    with qtbot.waitSignal(reader.stopped, timeout=10000):
        reader.speak("One. Two. Three.")
    assert _levels(record) == [
        ("start", (0.0, 0.8)),
        ("say", "One."),
        ("set", (0.0, 0.4)),
        ("set", (0.3, 0.4)),
        ("say", "Two."),
        ("say", "Three."),
    ]


def test_a_choice_before_the_worker_runs_goes_with_its_start(make_reader, fake, qtbot):
    command, record = fake("record")
    reader = make_reader("mock", worker_command=command)
    reader.probe()
    reader.set_rate(-0.3)
    reader.set_rate(-0.3)  # the same again: nothing to say
    with qtbot.waitSignal(reader.stopped, timeout=10000):
        reader.speak("One.")
        reader.set_volume(1.0)  # while the worker starts: told once it is ready
    assert _levels(record) == [
        ("start", (-0.3, 0.8)),
        ("set", (-0.3, 1.0)),
        ("say", "One."),
    ]


def test_the_patients_choices_reach_the_worker_and_the_next_patient_gets_the_default(
    make_reader, fake, qtbot, article: Article
):
    command, record = fake("record")
    reader = make_reader("mock", worker_command=command)
    settings = Settings(animations=False, speech_engine="mock")
    session = KioskSession(article, settings, ManualClock(), read_aloud=reader)
    reader.probe()
    session.request(navigation.jump_to(1))
    session.louder()
    session.slower()
    session.slower()
    with qtbot.waitSignal(reader.stopped, timeout=10000):
        session.toggle_read_aloud()
    session.reset_for_next_patient()
    assert (reader.rate, reader.volume) == (0.0, 0.8)
    session.request(navigation.jump_to(1))
    session.quieter()
    with qtbot.waitSignal(reader.stopped, timeout=10000):
        session.toggle_read_aloud()
    told = [entry for entry in _levels(record) if entry[0] in ("start", "set")]
    assert told == [
        ("start", (-0.3, 1.0)),
        ("set", (-0.3, 0.8)),  # the next patient: Normal again
        ("set", (0.0, 0.8)),
        ("set", (0.0, 0.4)),  # and Quiet
    ]
    says = [index for index, entry in enumerate(_levels(record)) if entry[0] == "say"]
    assert _levels(record).index(("set", (0.0, 0.4))) < says[-1]


@pytest.mark.parametrize(
    "leave",
    [
        lambda session: session.request(navigation.NEXT),
        lambda session: session.request(navigation.HOME),
        lambda session: session.larger_text(),
        lambda session: session.set_staff_present(True),
    ],
    ids=["Next", "Home", "a larger text", "the staff corner"],
)
def test_leaving_the_page_tells_the_worker_to_stop(make_reader, fake, qtbot, article, leave):
    command, record = fake("mute")  # never finishes a sentence
    reader = make_reader("mock", worker_command=command)
    settings = Settings(animations=False, speech_engine="mock")
    session = KioskSession(article, settings, ManualClock(), read_aloud=reader)
    reader.probe()
    session.go_to(reading(1))
    with qtbot.waitSignal(reader.sentence_started, timeout=10000):
        session.toggle_read_aloud()
    with qtbot.waitSignal(reader.stopped, timeout=1000):
        leave(session)
    assert not reader.speaking
    qtbot.waitUntil(lambda: _received(record)[-1] == ("stop", ""), timeout=5000)
    assert reader.available


# Stop when nothing is spoken


def test_stop_when_idle_emits_nothing_and_sends_nothing(make_reader, fake, qtbot):
    command, record = fake("record")
    reader = make_reader("mock", worker_command=command)
    reader.probe()
    with qtbot.assertNotEmitted(reader.stopped):
        reader.stop()
    assert not _children()  # not even a worker started
    with qtbot.waitSignal(reader.stopped, timeout=10000):
        reader.speak("One. Two.")
    with qtbot.assertNotEmitted(reader.stopped):
        reader.stop()
    with qtbot.waitSignal(reader.stopped, timeout=10000):
        reader.speak("Three.")
    assert _received(record) == [
        ("start", ""),
        ("say", "One."),
        ("say", "Two."),
        ("say", "Three."),
    ]


# Workers that misbehave


def test_a_worker_that_never_answers_is_given_up_without_blocking_the_screen(
    make_reader, fake, qtbot, caplog
):
    command, _ = fake("silent")
    reader = make_reader("mock", start_timeout=0.5, worker_command=command)
    reader.probe()
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    stops: list[bool] = []
    reader.stopped.connect(lambda: stops.append(True))
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignal(reader.availability_changed, timeout=5000) as offered,
    ):
        reader.speak("Hello there.")
        assert reader.speaking
    ticks.append(time.perf_counter())
    timer.stop()
    assert offered.args == [False]
    assert not reader.available
    assert stops == [True]
    assert "Read aloud stopped: the speech engine 'mock' did not answer within 0.5 s" in (
        caplog.text
    )
    assert "did not answer" in reader.unavailable_reason
    largest_gap = max(later - earlier for earlier, later in itertools.pairwise(ticks))
    assert largest_gap < 0.1, f"the GUI thread was blocked for {largest_gap * 1000:.0f} ms"
    qtbot.waitUntil(lambda: not _children(), timeout=5000)
    # Given up for good: a later tap does not start another worker that would hang again.
    reader.speak("Again.")
    assert not reader.speaking
    assert not _children()


def test_a_sentence_that_never_ends_is_given_up(make_reader, fake, qtbot, caplog):
    command, _ = fake("mute")
    reader = make_reader("mock", sentence_timeout=0.3, worker_command=command)
    reader.probe()
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignals([reader.stopped, reader.availability_changed], timeout=5000),
    ):
        reader.speak("Hi.")
    assert not reader.available
    assert not reader.speaking
    assert "did not finish a sentence within 0.9 s; is speech-dispatcher stuck?" in caplog.text


def test_a_worker_that_dies_while_speaking_hides_read_aloud(make_reader, fake, qtbot, caplog):
    command, _ = fake("die")
    reader = make_reader("mock", worker_command=command)
    reader.probe()
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignals([reader.stopped, reader.availability_changed], timeout=10000),
    ):
        reader.speak("Hi.")
    assert not reader.available
    assert "Read aloud stopped: the speech worker ended (exit code 3)" in caplog.text


def test_an_engine_that_cannot_start_hides_read_aloud(make_reader, fake, qtbot, caplog):
    command, _ = fake("refuse")
    reader = make_reader("mock", worker_command=command)
    reader.probe()
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignals([reader.stopped, reader.availability_changed], timeout=10000),
    ):
        reader.speak("Hi.")
    assert "Read aloud stopped: the speech engine 'mock' cannot speak (no voices)" in caplog.text
    assert not any(record.levelname == "ERROR" for record in caplog.records)


def test_a_worker_that_cannot_start_hides_read_aloud(make_reader, tmp_path, qtbot, caplog):
    reader = make_reader("mock", worker_command=[str(tmp_path / "no-such-program")])
    reader.probe()
    with (
        caplog.at_level(logging.INFO, logger="kiosk.speech"),
        qtbot.waitSignals([reader.stopped, reader.availability_changed], timeout=5000),
    ):
        reader.speak("Hi.")
    assert "Read aloud stopped: the speech worker could not start" in caplog.text


# No process left behind


def _speak_until_the_worker_runs(reader: ReadAloud, qtbot) -> set[int]:  # type: ignore[no-untyped-def]
    reader.probe()
    with qtbot.waitSignal(reader.sentence_started, timeout=15000):
        reader.speak("A fairly long sentence that is still being read. Another.")
    pids = _children()
    assert len(pids) == 1
    return pids


def test_the_worker_ends_on_shutdown_and_starts_again_when_needed(make_reader, qtbot):
    reader = make_reader("mock")
    pids = _speak_until_the_worker_runs(reader, qtbot)
    with qtbot.waitSignal(reader.stopped):
        reader.shutdown()
    qtbot.waitUntil(lambda: _gone(pids), timeout=5000)
    assert reader.available
    with qtbot.waitSignal(reader.stopped, timeout=15000):
        reader.speak("Back again.")


def test_the_worker_ends_when_its_owner_is_deleted(qtbot):
    owner = QObject()
    reader = ReadAloud("mock", parent=owner)
    pids = _speak_until_the_worker_runs(reader, qtbot)
    with qtbot.waitSignal(owner.destroyed):
        owner.deleteLater()
    qtbot.waitUntil(lambda: _gone(pids), timeout=5000)


def test_a_stuck_worker_is_killed_on_shutdown(make_reader, fake, qtbot):
    command, _ = fake("stuck")
    reader = make_reader("mock", worker_command=command)
    reader.probe()
    reader.speak("Hi.")
    qtbot.waitUntil(lambda: bool(_children()))
    pids = _children()
    reader.shutdown()
    qtbot.waitUntil(lambda: _gone(pids), timeout=5000)


def test_the_worker_ends_when_the_application_quits(tmp_path):
    script = textwrap.dedent(
        """
        import os
        from PySide6.QtCore import QCoreApplication, QTimer
        from kiosk.speech import ReadAloud

        app = QCoreApplication([])
        reader = ReadAloud("mock")
        reader.probe()
        reader.sentence_started.connect(lambda start, end: app.quit())
        reader.speak("A long sentence that quitting cuts short. Another one.")
        QTimer.singleShot(20000, lambda: app.exit(2))
        status = app.exec()

        def parent_of(entry):
            try:  # any process on the machine may end while the list is read
                return open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1]
            except OSError:
                return None

        left = [
            entry
            for entry in os.listdir("/proc")
            if entry.isdigit() and parent_of(entry) == str(os.getpid())
        ]
        print(status, len(left))
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert run.stdout.split() == ["0", "0"], run.stderr
    assert "QProcess" not in run.stderr


def test_the_worker_exits_by_itself_when_its_stdin_closes():
    worker = subprocess.Popen(
        WORKER_COMMAND,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert worker.stdin is not None
    assert worker.stdout is not None
    with worker:
        worker.stdin.write(json.dumps({"cmd": "start", "engine": "mock"}) + "\n")
        worker.stdin.flush()
        ready = json.loads(worker.stdout.readline())
        assert ready["event"] == "ready"
        assert "nb_NO" in ready["locales"]
        worker.stdin.close()
        assert worker.wait(timeout=10) == 0


def test_the_worker_sets_the_engines_rate_and_volume_and_ignores_nonsense():
    worker = subprocess.Popen(
        WORKER_COMMAND,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stdin is not None
    assert worker.stdout is not None
    commands = [
        {"cmd": "start", "engine": "mock", "rate": 0.0, "volume": 0.8},
        {"cmd": "set", "rate": 0.3, "volume": 0.4},
        {"cmd": "set", "rate": "fast"},  # each of these is ignored, and changes nothing
        {"cmd": "set", "rate": 0.5, "volume": None},
        {"cmd": "set"},
        {"cmd": "set", "volume": 7},  # brought within the engine's range
        {"cmd": "set", "rate": -0.3},
    ]
    with worker:
        for command in commands:
            worker.stdin.write(json.dumps(command) + "\n")
        worker.stdin.close()
        events = [json.loads(line) for line in worker.stdout]
        assert worker.wait(timeout=10) == 0
        assert worker.stderr is not None
        complaints = worker.stderr.read()
    assert [event["event"] for event in events] == ["ready", "set", "set", "set"]
    assert [(event["rate"], event["volume"]) for event in events[1:]] == [
        (pytest.approx(0.3), pytest.approx(0.4)),
        (pytest.approx(0.3), 1.0),
        (pytest.approx(-0.3), 1.0),
    ]
    assert complaints.count("ignored 'set' with a missing or wrong field") == 3


def test_a_warmed_up_engine_hides_read_aloud_for_a_language_without_a_voice(make_reader, qtbot):
    # A patient chooses a language: the engine starts and lists its voices before anyone
    # presses Read aloud, so the button is gone before it could disappoint.
    reader = make_reader("mock")
    reader.probe()
    assert reader.available
    reader.set_language("sw")
    assert reader.available, "not known yet: the engine has not listed its voices"
    with qtbot.waitSignal(
        reader.availability_changed, timeout=15000, check_params_cb=lambda offered: not offered
    ):
        reader.warm_up()
    assert not reader.speaking
    reader.set_language("nb")
    assert reader.available
