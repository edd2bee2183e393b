"""The crash record: unclean ends and recent crashes counted on disk, across restarts."""

from __future__ import annotations

from kiosk.crashes import CrashRecord


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_crash_record_counts_an_unclean_end(tmp_path):
    clock = Clock()
    record = CrashRecord(tmp_path, clock)
    record.started()
    record.started()  # the first run never said it stopped cleanly
    assert record.recent() == 1
    record.stopped_cleanly()
    record.started()
    assert record.recent() == 1
    record.record()
    record.record()
    assert record.too_many()
    clock.now += 61
    assert not record.too_many()
