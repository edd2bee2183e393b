"""Staff access without Qt: the PIN (only ever a salted scrypt hash) and the lock after wrong
tries (kept on disk, so a restart does not reset it).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
MAX_WRONG_TRIES = 5
LOCK_SECONDS = 5 * 60
# scrypt cost: about 50 ms and 16 MiB here; slow enough to make guessing a stolen hash costly.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1

Clock = Callable[[], float]


def set_pin_command(config_file: Path | None = None) -> str:
    """The command line that sets the staff PIN for this installation, with the full path of
    the `kiosk` command beside this Python: a venv's commands are not on staff's PATH."""
    words = [str(Path(sys.executable).parent / "kiosk"), "set-pin"]
    if config_file is not None:
        words += ["--config", str(config_file)]
    return shlex.join(words)


def check_pin_format(pin: str) -> str | None:
    """What is wrong with a new PIN, in words, or None when it is fine."""
    if not pin.isdigit() or not pin.isascii():
        return "A PIN is digits only (0-9)."
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        return f"A PIN has {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits."
    if len(set(pin)) == 1:
        return "A PIN of one digit repeated is too easy to guess."
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """'scrypt$N$r$p$salt$hash' for a PIN; a new random salt unless one is given."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return "$".join(
        [
            "scrypt",
            str(_SCRYPT_N),
            str(_SCRYPT_R),
            str(_SCRYPT_P),
            base64.b64encode(salt).decode("ascii"),
            base64.b64encode(digest).decode("ascii"),
        ]
    )


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_text, digest_text = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_text)
        expected = base64.b64decode(digest_text)
        digest = hashlib.scrypt(
            pin.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


class PinResult:
    """What a PIN attempt came to."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET_UP = "not_set_up"


@dataclass(frozen=True)
class Attempt:
    result: str
    tries_left: int = MAX_WRONG_TRIES
    locked_until: float = 0.0  # a time.time() value


class StaffLock:
    """Counts wrong PINs and locks staff access for five minutes after five, across restarts."""

    def __init__(self, state_file: Path, clock: Clock = time.time) -> None:
        self._file = state_file
        self._clock = clock

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
            return int(data.get("wrong_tries", 0)), float(data.get("locked_until", 0.0))
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, TypeError, AttributeError):
            log.warning("The staff lock file %s is unreadable; starting it afresh", self._file)
            return 0, 0.0

    def _write(self, wrong_tries: int, locked_until: float) -> None:
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._file.with_name(self._file.name + ".new")
            temporary.write_text(
                json.dumps({"wrong_tries": wrong_tries, "locked_until": locked_until}),
                encoding="utf-8",
            )
            temporary.replace(self._file)
        except OSError as error:
            log.error("Could not save the staff lock to %s: %s", self._file, error)

    def locked_until(self) -> float:
        """When the lock ends (a time.time() value), or 0 when staff access is open."""
        _, until = self._read()
        return until if until > self._clock() else 0.0

    def attempt(self, pin: str, stored_hash: str) -> Attempt:
        if not stored_hash:
            return Attempt(PinResult.NOT_SET_UP)
        wrong, until = self._read()
        now = self._clock()
        if until > now:
            return Attempt(PinResult.LOCKED, 0, until)
        if until:  # a lock that has run out starts the count again
            wrong = 0
        if verify_pin(pin, stored_hash):
            self._write(0, 0.0)
            log.info("Staff PIN accepted")
            return Attempt(PinResult.ACCEPTED)
        wrong += 1
        if wrong >= MAX_WRONG_TRIES:
            until = now + LOCK_SECONDS
            self._write(0, until)
            log.warning("%d wrong staff PINs: staff access locked for %d s", wrong, LOCK_SECONDS)
            return Attempt(PinResult.LOCKED, 0, until)
        self._write(wrong, 0.0)
        log.warning("Wrong staff PIN (%d of %d)", wrong, MAX_WRONG_TRIES)
        return Attempt(PinResult.WRONG, MAX_WRONG_TRIES - wrong)
