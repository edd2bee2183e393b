"""The Qt binding must be safe to call millions of times: a kiosk runs for months."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont


def test_calls_that_return_nothing_do_not_eat_references_to_none():
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every such call, and the
    process aborts once None's count reaches zero. pyproject.toml keeps 3.11 on 6.11."""
    font = QFont()
    before = sys.getrefcount(None)
    for size in range(2_000):
        font.setPixelSize(10 + size % 50)
    assert sys.getrefcount(None) >= before - 100
