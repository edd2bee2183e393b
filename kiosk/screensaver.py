"""Keeping the screen awake while the kiosk runs: org.freedesktop.ScreenSaver.Inhibit over
D-Bus, where the desktop offers it. Where it does not, one log line says so (on a bare X
server, `xset s off -dpms` in the session start-up does the same job)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class ScreenSaverInhibitor(QObject):
    """Holds the inhibition for as long as it lives (or until `release`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cookie: int | None = None
        self._interface: Any = None

    @property
    def active(self) -> bool:
        return self._cookie is not None

    def inhibit(self) -> bool:
        # Imported here: D-Bus is not needed for the first frame.
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info(
                "No D-Bus session bus: the kiosk cannot keep the screen from blanking "
                "(on a bare X server, run 'xset s off -dpms' when the session starts)"
            )
            return False
        interface = QDBusInterface(SERVICE, PATH, SERVICE, bus, self)
        if not interface.isValid():
            log.info(
                "The desktop offers no %s service: the kiosk cannot keep the screen from blanking",
                SERVICE,
            )
            return False
        reply = interface.call("Inhibit", "kiosk", "Showing patient information")
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.info("The screen saver refused to stay off: %s", reply.errorMessage())
            return False
        self._interface = interface
        self._cookie = int(reply.arguments()[0])
        log.info("Screen blanking is off while the kiosk runs")
        return True

    def release(self) -> None:
        if self._interface is not None and self._cookie is not None:
            self._interface.call("UnInhibit", self._cookie)
        self._cookie = None
