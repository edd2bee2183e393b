"""Talking to systemd when it supervises the kiosk: READY=1 after the first frame, and a
WATCHDOG=1 heartbeat from a timer on the GUI thread, so that a frozen screen gets restarted.

The protocol is one datagram per message on the socket named by $NOTIFY_SOCKET; with no such
variable (not under systemd, or in tests) every call does nothing.
"""

from __future__ import annotations

import logging
import os
import socket

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger(__name__)


def notify(message: str) -> bool:
    """Send one sd_notify message. True when it was sent."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode("utf-8"))
    except OSError as error:
        log.warning("Could not tell systemd %r: %s", message, error)
        return False
    return True


def watchdog_interval_ms() -> int:
    """Half the watchdog period systemd asked for, in ms; 0 when there is no watchdog."""
    try:
        microseconds = int(os.environ.get("WATCHDOG_USEC", "0"))
    except ValueError:
        return 0
    pid = os.environ.get("WATCHDOG_PID")
    if microseconds <= 0 or (pid and pid != str(os.getpid())):
        return 0
    return max(1, microseconds // 2000)


class SystemdNotifier(QObject):
    """READY=1 once, then a heartbeat for as long as the GUI thread runs its event loop."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ready = False
        self._heartbeat = QTimer(self)
        self._heartbeat.timeout.connect(self._beat)

    @Slot()
    def ready(self) -> None:
        if self._ready:
            return
        self._ready = True
        if notify("READY=1\nSTATUS=Showing the article"):
            log.info("Told systemd the kiosk is ready")
        interval = watchdog_interval_ms()
        if interval:
            self._heartbeat.start(interval)
            self._beat()

    @Slot()
    def _beat(self) -> None:
        notify("WATCHDOG=1")

    def stopping(self) -> None:
        self._heartbeat.stop()
        notify("STOPPING=1")
