"""Staff access without Qt: the PIN (only ever a salted scrypt hash, whose cost must lie in a
range that is neither weak nor ruinous) and the lock after wrong tries.

The lock fails closed. Its count and lock live in memory for the life of the process and are
saved to a small JSON file, so a restart does not reset them; a wrong try that cannot be saved
(a full or read-only disk) still counts and still locks, and says so. A lock file that cannot
be trusted counts as a lock. No lock lasts longer than LOCK_SECONDS from now, whatever the wall
clock did meanwhile (set back, or reset to 2000 by a flat clock battery).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import math
import os
import re
import shlex
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
MAX_WRONG_TRIES = 5
LOCK_SECONDS = 5 * 60
# scrypt cost of a new hash: about 30 ms and 16 MiB here; slow enough to make guessing a
# stolen hash costly.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
# What a stored hash may ask for. Below it a PIN is guessed quickly (a 1-byte digest lets 44
# of 10,000 PINs in); above it each check ties up the kiosk (p = 1024 took 25 s) or its memory
# (128 * N * r bytes). N * r * p at most 8 times set-pin's: the dearest check allowed takes
# about 0.35 s and 128 MiB on the 2-core development machine.
SCRYPT_N_RANGE = (2**14, 2**17)
SCRYPT_R_RANGE = (8, 32)
SCRYPT_P_RANGE = (1, 4)
SCRYPT_MAX_WORK = 8 * _SCRYPT_N * _SCRYPT_R * _SCRYPT_P
_SCRYPT_MAX_MEMORY = 128 * SCRYPT_MAX_WORK + 2**20  # V (128 N r) plus B (128 r p), and room
SALT_BYTES_RANGE = (16, 64)
DIGEST_BYTES_RANGE = (32, 64)
# Stands for a staff_pin_hash that is there but cannot be used (a weak hash, or a config
# file that cannot be read): unlike "", which means no PIN at all, it locks staff access.
PIN_HASH_UNUSABLE = "unusable"
_HASH_PARTS = re.compile(r"scrypt\$([0-9]{1,10})\$([0-9]{1,10})\$([0-9]{1,10})\$([^$]*)\$([^$]*)")
# A lock file is a few dozen bytes; anything much larger is not one.
_MAX_STATE_BYTES = 4096

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


@dataclass(frozen=True)
class _Scrypt:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _parse_hash(stored: str) -> _Scrypt | str:
    """The parts of a stored hash, or what is wrong with it, in words for staff."""
    match = _HASH_PARTS.fullmatch(stored)
    if match is None:
        return "it is not a hash written by 'kiosk set-pin' (scrypt$N$r$p$salt$hash)"
    n, r, p = (int(part) for part in match.group(1, 2, 3))
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        digest = base64.b64decode(match.group(5), validate=True)
    except binascii.Error:
        return "its salt or hash is not base64 text"
    low, high = SCRYPT_N_RANGE
    if not low <= n <= high or n & (n - 1):
        return f"its cost N = {n} is not a power of two from {low} to {high}"
    if not SCRYPT_R_RANGE[0] <= r <= SCRYPT_R_RANGE[1]:
        return f"its block size r = {r} is not from {SCRYPT_R_RANGE[0]} to {SCRYPT_R_RANGE[1]}"
    if not SCRYPT_P_RANGE[0] <= p <= SCRYPT_P_RANGE[1]:
        return f"its parallelism p = {p} is not from {SCRYPT_P_RANGE[0]} to {SCRYPT_P_RANGE[1]}"
    if n * r * p > SCRYPT_MAX_WORK:
        return (
            f"its cost N x r x p = {n * r * p} is over {SCRYPT_MAX_WORK}: each PIN check would "
            "take too long"
        )
    if not SALT_BYTES_RANGE[0] <= len(salt) <= SALT_BYTES_RANGE[1]:
        return f"its salt is {len(salt)} bytes, not {SALT_BYTES_RANGE[0]} to {SALT_BYTES_RANGE[1]}"
    if not DIGEST_BYTES_RANGE[0] <= len(digest) <= DIGEST_BYTES_RANGE[1]:
        return (
            f"its hash is {len(digest)} bytes, not {DIGEST_BYTES_RANGE[0]} to "
            f"{DIGEST_BYTES_RANGE[1]}: too short lets wrong PINs in"
        )
    return _Scrypt(n, r, p, salt, digest)


def pin_hash_problem(stored: str) -> str | None:
    """Why a stored PIN hash cannot be used, in words for staff, or None when it can."""
    if stored == PIN_HASH_UNUSABLE:
        return "the staff PIN in the config file could not be read"
    parsed = _parse_hash(stored)
    return parsed if isinstance(parsed, str) else None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the one behind `stored`. A hash outside the accepted range is never a
    match: its check would be too weak or too slow. Takes up to about 0.35 s: not on the GUI
    thread (kiosk.pin_check)."""
    parsed = _parse_hash(stored)
    if isinstance(parsed, str):
        return False
    try:
        digest = hashlib.scrypt(
            pin.encode("utf-8"),
            salt=parsed.salt,
            n=parsed.n,
            r=parsed.r,
            p=parsed.p,
            maxmem=_SCRYPT_MAX_MEMORY,
            dklen=len(parsed.digest),
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, parsed.digest)


def hash_shape(stored: str) -> str:
    """A stored hash as it may be shown or logged: its parameters, never its salt or digest
    (with them, 10,000 guesses find a four-digit PIN), and nothing of a value that is not a
    hash (it could be a PIN written there by mistake)."""
    match = _HASH_PARTS.fullmatch(stored)
    if match is None:
        return "\N{HORIZONTAL ELLIPSIS}"
    return "$".join(["scrypt", *match.group(1, 2, 3), "\N{HORIZONTAL ELLIPSIS}"])


class PinResult:
    """What a PIN attempt came to."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET_UP = "not_set_up"
    UNUSABLE = "unusable"  # the stored hash cannot be used (pin_hash_problem says why)


@dataclass(frozen=True)
class Attempt:
    result: str
    tries_left: int = MAX_WRONG_TRIES
    locked_until: float = 0.0  # a time.time() value
    not_saved: str = ""  # why the count or lock could not be saved to disk, if it was not


class StaffLock:
    """Counts wrong PINs and locks staff access for LOCK_SECONDS after MAX_WRONG_TRIES.

    The count and the lock are kept here, and saved to `state_file` at each change so that a
    restart keeps them. Safe to use from two threads (kiosk.pin_check checks PINs off the GUI
    thread while the window asks whether staff access is locked).
    """

    def __init__(self, state_file: Path, clock: Clock = time.time) -> None:
        self._file = state_file
        self._clock = clock
        self._mutex = threading.Lock()
        self._save_problem = ""
        self._wrong = 0
        self._until = 0.0
        self._load()

    @property
    def state_file(self) -> Path:
        return self._file

    @property
    def save_problem(self) -> str:
        """Why the count or lock could not be saved lately ("" when it was): it then holds in
        memory only, until the kiosk restarts."""
        return self._save_problem

    def locked_until(self) -> float:
        """When the lock ends (a time.time() value), or 0 when staff access is open."""
        with self._mutex:
            now = self._now()
            return self._until if self._until > now else 0.0

    def attempt(self, pin: str, stored_hash: str) -> Attempt:
        """Check a PIN against the stored hash and count it. Slow (see verify_pin)."""
        if not stored_hash:
            return Attempt(PinResult.NOT_SET_UP)
        if pin_hash_problem(stored_hash) is not None:
            return Attempt(PinResult.UNUSABLE)
        with self._mutex:
            if self._until > self._now():
                return self._result(PinResult.LOCKED)
        # The slow part, outside the mutex: asking whether staff access is locked never waits
        # for it.
        right = verify_pin(pin, stored_hash)
        with self._mutex:
            now = self._now()
            if self._until > now:  # locked by another check meanwhile
                return self._result(PinResult.LOCKED)
            if right:
                self._wrong, self._until = 0, 0.0
                self._save()
                log.info("Staff PIN accepted")
                return self._result(PinResult.ACCEPTED)
            self._wrong += 1
            if self._wrong >= MAX_WRONG_TRIES:
                log.warning(
                    "%d wrong staff PINs: staff access locked for %d s",
                    self._wrong,
                    LOCK_SECONDS,
                )
                self._wrong, self._until = 0, now + LOCK_SECONDS
                self._save()
                return self._result(PinResult.LOCKED)
            self._save()
            log.warning("Wrong staff PIN (%d of %d)", self._wrong, MAX_WRONG_TRIES)
            return self._result(PinResult.WRONG)

    def _result(self, result: str) -> Attempt:
        locked = result == PinResult.LOCKED
        return Attempt(
            result,
            0 if locked else MAX_WRONG_TRIES - self._wrong,
            self._until if locked else 0.0,
            self._save_problem,
        )

    def _now(self) -> float:
        """The wall clock's time, with the lock brought within LOCK_SECONDS of it.

        The lock has to outlive the process, so it is a wall-clock time, and the wall clock
        jumps: set back an hour, a lock would last 65 minutes; after a reboot with the clock
        at 2000, 27 years. Such a lock is cut to LOCK_SECONDS from now rather than dropped: it
        still locks, and no longer than a lock ever does. (Set forward, the clock ends a lock
        early; only root or NTP moves it, and neither is guessing PINs at the screen.)
        """
        now = self._clock()
        if self._until - now > LOCK_SECONDS:
            log.warning(
                "The staff lock ran until %s, more than %d s from now (%s): the clock was set "
                "back. It now ends %d s from now.",
                _when(self._until),
                LOCK_SECONDS,
                _when(now),
                LOCK_SECONDS,
            )
            self._until = now + LOCK_SECONDS
            self._save()
        return now

    def _load(self) -> None:
        try:
            data = _read_small_file(self._file)
        except (FileNotFoundError, NotADirectoryError):  # no lock file, nor a folder for one
            return
        except OSError as error:
            problem = f"it cannot be read: {error.strerror or error}"
        else:
            state = _parse_state(data)
            if not isinstance(state, str):
                self._wrong, self._until = state
                return
            problem = state
        # A count that cannot be trusted must not start again at 0, or corrupting the file
        # (or a disk fault) would hand out five more tries at will. It counts as a lock: at
        # worst staff wait LOCK_SECONDS once. (Deleting the file does reset the count, but
        # whoever may delete it runs as the kiosk and can do anything the kiosk can.)
        until = self._clock() + LOCK_SECONDS
        log.error(
            "The staff lock file %s cannot be trusted (%s): staff access is locked until %s, "
            "as after too many wrong PINs",
            self._file,
            problem,
            _when(until),
        )
        self._wrong, self._until = 0, until
        self._save()

    def _save(self) -> None:
        """Write the count and lock to disk. When that fails they still hold in memory, and
        the problem is logged once (until saving works again) and told to staff."""
        text = json.dumps({"wrong_tries": self._wrong, "locked_until": self._until})
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._file.with_name(self._file.name + ".new")
            with temporary.open("w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                # A power cut must leave the old file or the new one, not an empty one.
                os.fsync(stream.fileno())
            temporary.replace(self._file)
        except OSError as error:
            reason = error.strerror or str(error)
            if reason != self._save_problem:
                log.error("%s", not_saved_message(self._file, reason))
            self._save_problem = reason
        else:
            if self._save_problem:
                log.info("Staff access: the lock is saved to %s again", self._file)
            self._save_problem = ""


def not_saved_message(state_file: Path, reason: str) -> str:
    """For the log: the staff lock could not be saved (words.lock_not_saved for the screen)."""
    return (
        f"Staff access: wrong tries cannot be saved to {state_file} ({reason}); the lock still "
        "holds until the kiosk restarts."
    )


def _read_small_file(path: Path) -> bytes:
    """A small regular file's bytes. Never blocks (a named pipe there is refused, not waited
    on) and never reads more than _MAX_STATE_BYTES + 1."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(0, "it is not a regular file")
        return os.read(handle, _MAX_STATE_BYTES + 1)
    finally:
        os.close(handle)


def _parse_state(data: bytes) -> tuple[int, float] | str:
    """(wrong tries, locked until) from a lock file, or what is wrong with it."""
    if len(data) > _MAX_STATE_BYTES:
        return f"it is over {_MAX_STATE_BYTES} bytes"
    try:
        # Infinity and NaN are not JSON, though Python's json reads them by default.
        values = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        return f"it is not JSON ({type(error).__name__})"
    if not isinstance(values, dict):
        return "it is not a JSON object"
    wrong = values.get("wrong_tries")
    until = values.get("locked_until")
    # type(), not isinstance(): True is an int to Python, not a count to anyone.
    if type(wrong) is not int or not 0 <= wrong < MAX_WRONG_TRIES:
        return f"wrong_tries is {_short(wrong)}, not a whole number from 0 to {MAX_WRONG_TRIES - 1}"
    not_a_time = f"locked_until is {_short(until)}, not a time"
    if isinstance(until, bool) or not isinstance(until, int | float):
        return not_a_time
    try:
        moment = float(until)
    except OverflowError:  # an int too big for a float
        return not_a_time
    if not math.isfinite(moment) or moment < 0:
        return not_a_time
    # A lock far in the future is valid here; _now() brings it within LOCK_SECONDS.
    return wrong, moment


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "\N{HORIZONTAL ELLIPSIS}"


def _when(moment: float) -> str:
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(moment))
    except (OverflowError, OSError, ValueError):
        return f"{moment:.0f} s after 1970"
