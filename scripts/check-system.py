"""Say in one line why the kiosk cannot be installed on this system, before pip tries.

The README's commands run `python3 scripts/check-system.py` first. It exits 0 silently where
the kiosk's packages have builds, and otherwise prints one line naming what is missing and
which systems have it, and exits 1. Without it, pip answers an unsupported system with a
resolver error about PySide6 versions that tells a clinic's IT person nothing.

It runs on whatever `python3` the system has, possibly far older than the kiosk needs, so it
is written for any Python from 2.7 on (no f-strings, no annotations) and imports nothing of
the kiosk.
"""

import os
import platform
import struct
import sys

MINIMUM_PYTHON = (3, 11)

# The oldest glibc that PySide6's wheels (of the versions pinned in pyproject.toml: 6.11 on
# Python 3.11, 6.12 on 3.12 and later) are built for, by processor: their manylinux tags,
# checked with `pip download --platform manylinux_2_NN_<arch> --only-binary=:all:`.
# On 64-bit ARM every release from 6.8.1 on needs glibc 2.39.
GLIBC_NEEDED = {
    "x86_64": ((2, 34), "x86-64", "Debian 12, Ubuntu 22.04 or newer"),
    "aarch64": (
        (2, 39),
        "64-bit ARM",
        "Raspberry Pi OS Trixie, Debian 13, Ubuntu 24.04 or newer",
    ),
}
# The names platform.machine() gives the same processors on some systems.
MACHINE_ALIASES = {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64", "armv8l": "aarch64"}


def problem(system, machine, pointer_bits, libc, python):
    """The one line to print, or None if the kiosk can be installed.

    system: platform.system(); machine: platform.machine(); pointer_bits: 32 or 64 (of this
    Python, which is what pip installs for); libc: os.confstr('CS_GNU_LIBC_VERSION'), for
    example 'glibc 2.36', or None where it is not glibc; python: sys.version_info.
    """
    if tuple(python[:2]) < MINIMUM_PYTHON:
        return (
            "kiosk: this is Python %d.%d; the kiosk needs Python %d.%d or newer (on Ubuntu "
            "22.04: sudo apt-get install python3.11-venv, then use python3.11 instead of "
            "python3)." % (python[0], python[1], MINIMUM_PYTHON[0], MINIMUM_PYTHON[1])
        )
    if system != "Linux":
        return None  # PySide6 has wheels for macOS and Windows; the kiosk is made for Linux
    arch = MACHINE_ALIASES.get(machine.lower(), machine.lower())
    # A Raspberry Pi running 32-bit Raspberry Pi OS has a 64-bit kernel (machine 'aarch64')
    # under 32-bit programs; pip installs for the programs.
    if arch.startswith("arm") or (arch == "aarch64" and pointer_bits == 32):
        return (
            "kiosk: this is a 32-bit ARM system (%s, %d-bit Python); PySide6 has no build for "
            "it: install a 64-bit system (Raspberry Pi OS Trixie 64-bit on a Raspberry Pi 3, 4, "
            "5 or Zero 2 W)." % (machine, pointer_bits)
        )
    if arch not in GLIBC_NEEDED:
        return (
            "kiosk: PySide6 has no build for this processor (%s); the kiosk runs on x86-64 and "
            "64-bit ARM." % machine
        )
    needed, label, systems = GLIBC_NEEDED[arch]
    name, _, version = (libc or "").partition(" ")
    if name != "glibc":
        return (
            "kiosk: this system's C library is not glibc (%s); PySide6 for %s needs glibc %d.%d "
            "(%s)." % (libc or "musl?", label, needed[0], needed[1], systems)
        )
    have = _version(version)
    if have < needed:
        return "kiosk: this system has glibc %s; PySide6 for %s needs glibc %d.%d (%s)." % (
            version,
            label,
            needed[0],
            needed[1],
            systems,
        )
    return None


def _version(text):
    numbers = []
    for part in text.split("."):
        digits = "".join(character for character in part if character.isdigit())
        numbers.append(int(digits or 0))
    return tuple(numbers[:2])


def _libc():
    try:
        return os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, ValueError, OSError):
        return None  # not glibc (musl), or not Unix


def main():
    line = problem(
        platform.system(),
        platform.machine(),
        struct.calcsize("P") * 8,
        _libc(),
        sys.version_info,
    )
    if line:
        sys.stderr.write(line + "\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
