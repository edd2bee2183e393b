"""A stand-in for a desktop's org.freedesktop.ScreenSaver service, for the tests: logs calls.

Usage: python fake_screensaver.py LOGFILE  (with DBUS_SESSION_BUS_ADDRESS set)
"""

import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

LOG = Path(sys.argv[1])


def record(line: str) -> None:
    with LOG.open("a", encoding="utf-8") as log:
        log.write(line + "\n")


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class FakeScreenSaver(QObject):
    @Slot(str, str, result=int)
    def Inhibit(self, name: str, reason: str) -> int:
        record(f"Inhibit {name} | {reason}")
        return 42

    @Slot(int)
    def UnInhibit(self, cookie: int) -> None:
        record(f"UnInhibit {cookie}")


app = QCoreApplication([])
bus = QDBusConnection.sessionBus()
fake = FakeScreenSaver()
if not bus.registerObject(
    "/org/freedesktop/ScreenSaver", fake, QDBusConnection.RegisterOption.ExportAllSlots
) or not bus.registerService("org.freedesktop.ScreenSaver"):
    sys.exit(f"could not register: {bus.lastError().message()}")
print("ready", flush=True)
app.exec()
