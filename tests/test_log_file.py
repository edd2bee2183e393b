"""A full disk under the log file: said once, then quiet until writing works again."""

from __future__ import annotations

import errno
import logging

from kiosk import app
from kiosk.app import LogFile


class FullDisk:
    def write(self, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def tell(self) -> int:
        return 0


def test_a_full_disk_is_said_once_then_quiet_until_writing_works(tmp_path, capsys):
    handler = LogFile(tmp_path / "kiosk.log")
    working = handler.stream
    handler.stream = FullDisk()
    logger = logging.getLogger("kiosk.test.full_disk")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(5):
            logger.warning("record %d", number)
        said = capsys.readouterr().err
        assert said.count("cannot write the log file") == 1
        assert "No space left on device" in said
        assert "Traceback" not in said
        assert "Logging error" not in said
        handler.stream = working
        logger.warning("the disk has room again")
        assert "is written again" in capsys.readouterr().err
        handler.flush()
        assert "the disk has room again" in (tmp_path / "kiosk.log").read_text()
    finally:
        logger.removeHandler(handler)
        handler.close()


def test_the_log_file_is_capped_and_keeps_five_older_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(app, "LOG_MAX_BYTES", 200)
    handler = LogFile(tmp_path / "kiosk.log")
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("kiosk.test.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(100):
            logger.warning("record %03d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == ["kiosk.log", *(f"kiosk.log.{n}" for n in range(1, 6))]
    for path in tmp_path.iterdir():
        assert path.stat().st_size < 200
    # The newest records in kiosk.log, older ones in .1, .2 ... in order, none lost between.
    kept = [
        line
        for name in [f"kiosk.log.{n}" for n in range(5, 0, -1)] + ["kiosk.log"]
        for line in (tmp_path / name).read_text().splitlines()
    ]
    numbers = [int(line.split()[1]) for line in kept]
    assert numbers == list(range(numbers[0], 100))
