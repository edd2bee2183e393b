"""Waiting for a display before Qt starts: which display servers Qt will try (from
QT_QPA_PLATFORM, WAYLAND_DISPLAY, XDG_SESSION_TYPE and DISPLAY), whether one of them answers,
and the retry loop that says why the kiosk is waiting.

No Qt here, on purpose: Qt ends the whole process when its platform plugin cannot connect (with
a misleading hint about xcb-cursor0), so the kiosk has to know the display answers before it
creates the QApplication. Under systemd that abort, repeated at every restart, made systemd
give up for good on a machine whose display came up a little late.

X11 is checked with the real connection handshake (the cookie from the Xauthority file, as
libxcb sends it), so a missing or wrong XAUTHORITY is a reason to wait, named in the log, not a
crash: it costs one local connection and a few milliseconds, against the half second of a child
process that would create a QGuiApplication. Wayland needs no authentication, so connecting to
the compositor's socket is the whole check.
"""

from __future__ import annotations

import errno
import logging
import re
import socket
import struct
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
CONNECT_TIMEOUT_SECONDS = 2.0
# Each message to systemd while waiting gives the start this long again: longer than one retry
# and one slow check together, so a wait of any length never times the start out.
EXTEND_WHILE_WAITING_SECONDS = 10.0
# After a long wait, the rest of the start (fonts, content, first frame) gets systemd's own
# default start time again.
EXTEND_AFTER_WAITING_SECONDS = 90.0

# Qt platform plugins that need no display server (they draw into memory, a framebuffer, or
# a VNC client).
NEEDS_NO_DISPLAY = frozenset(
    {"offscreen", "minimal", "minimalegl", "linuxfb", "eglfs", "vnc", "vkkhrdisplay"}
)

Environ = Mapping[str, str]


# The small records here are NamedTuples: this module loads before every kiosk start, and a
# NamedTuple costs a sixth of a frozen dataclass to define.


class Status(NamedTuple):
    """What a look for the display found: `reason` says why it cannot be used yet."""

    usable: bool
    found: str = ""
    reason: str = ""


def qt_platforms(environ: Environ) -> tuple[str, ...]:
    """The platform plugins Qt will try, in order (their names, without options).

    With no QT_QPA_PLATFORM, Qt 6 tries Wayland first when the session looks like one
    (WAYLAND_DISPLAY set, or XDG_SESSION_TYPE=wayland), then X11.
    """
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        names = [entry.split(":", 1)[0].strip().lower() for entry in chosen.split(";")]
        return tuple(name for name in names if name)
    wayland_session = bool(environ.get("WAYLAND_DISPLAY")) or (
        environ.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    )
    return ("wayland", "xcb") if wayland_session else ("xcb",)


def needs_display(platform: str) -> bool:
    return platform not in NEEDS_NO_DISPLAY


# --- X11 -----------------------------------------------------------------------------------


class XDisplay(NamedTuple):
    """A parsed DISPLAY: a local socket (host ""), a TCP host, or a socket path."""

    name: str
    host: str
    number: int
    path: str = ""

    @property
    def local(self) -> bool:
        return not self.host or bool(self.path)


_X_DISPLAY = re.compile(r"^(?:(?P<protocol>[a-z0-9]+)/)?(?P<host>.*):(?P<number>\d+)(?:\.\d+)?$")


def parse_x_display(value: str) -> XDisplay | None:
    """DISPLAY as libxcb reads it: `[protocol/][host]:number[.screen]`, or a socket path.
    None when it cannot be read."""
    value = value.strip()
    if value.startswith("/"):
        digits = re.search(r"(\d+)$", value)
        return XDisplay(value, "", int(digits.group(1)) if digits else 0, path=value)
    match = _X_DISPLAY.match(value)
    if match is None:
        return None
    host = match.group("host")
    if match.group("protocol") == "unix" or host == "unix":  # the local socket, by name
        host = ""
    if host.startswith("[") and host.endswith("]"):  # an IPv6 address
        host = host[1:-1]
    return XDisplay(value, host, int(match.group("number")))


class XauthEntry(NamedTuple):
    family: int
    address: bytes
    number: bytes
    name: bytes
    data: bytes


FAMILY_INTERNET = 0
FAMILY_INTERNET6 = 6
FAMILY_LOCAL = 256
FAMILY_WILD = 65535
MIT_COOKIE = b"MIT-MAGIC-COOKIE-1"


def read_xauthority(data: bytes) -> list[XauthEntry]:
    """The entries of an Xauthority file (big-endian family, then four counted strings)."""
    entries: list[XauthEntry] = []
    offset = 0
    try:
        while offset < len(data):
            (family,) = struct.unpack_from(">H", data, offset)
            offset += 2
            fields = []
            for _ in range(4):
                (length,) = struct.unpack_from(">H", data, offset)
                offset += 2
                if offset + length > len(data):
                    return entries
                fields.append(data[offset : offset + length])
                offset += length
            entries.append(XauthEntry(family, *fields))
    except struct.error:  # a truncated file: the entries read so far still count
        pass
    return entries


def pick_cookie(
    entries: Sequence[XauthEntry], family: int, address: bytes, number: int
) -> tuple[bytes, bytes] | None:
    """The MIT cookie libXau would choose for this display: a matching or wildcard address,
    and the display's number or none."""
    wanted = str(number).encode()
    for entry in entries:
        address_matches = entry.family == FAMILY_WILD or (
            entry.family == family and entry.address == address
        )
        number_matches = not entry.number or entry.number == wanted
        if address_matches and number_matches and entry.name == MIT_COOKIE:
            return entry.name, entry.data
    return None


def xauthority_file(environ: Environ) -> Path | None:
    chosen = environ.get("XAUTHORITY")
    if chosen:
        return Path(chosen)
    home = environ.get("HOME")
    return Path(home) / ".Xauthority" if home else None


def _cookie_for(display: XDisplay, sock: socket.socket, environ: Environ) -> tuple[bytes, bytes]:
    path = xauthority_file(environ)
    try:
        entries = read_xauthority(path.read_bytes()) if path else []
    except OSError:  # no file: connect without a cookie, as libxcb does
        entries = []
    family, address = FAMILY_LOCAL, socket.gethostname().encode()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        peer = sock.getpeername()[0]
        if not peer.startswith("127.") and peer != "::1":  # loopback counts as local
            family = FAMILY_INTERNET if sock.family == socket.AF_INET else FAMILY_INTERNET6
            address = socket.inet_pton(sock.family, peer)
    return pick_cookie(entries, family, address, display.number) or (b"", b"")


def _padded(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def _receive(sock: socket.socket, size: int) -> bytes:
    chunks = b""
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            break
        chunks += chunk
    return chunks


def x_handshake(sock: socket.socket, name: bytes, data: bytes) -> str:
    """Open an X11 connection on a connected socket: "" when the server accepts it, else the
    server's reason (for example "Authorization required, but no authorization protocol
    specified")."""
    setup = struct.pack("<BxHHHHxx", ord("l"), 11, 0, len(name), len(data))
    sock.sendall(setup + _padded(name) + _padded(data))
    head = _receive(sock, 8)
    if len(head) < 8:
        return "the display closed the connection"
    status, reason_length, _major, _minor, extra_words = struct.unpack("<BBHHH", head)
    if status == 1:
        return ""
    body = _receive(sock, extra_words * 4)
    # 0: refused, with a reason of reason_length bytes; 2: asks for more authentication than
    # a cookie, which the kiosk cannot give, with a padded reason.
    reason = body[:reason_length] if status == 0 else body.rstrip(b"\0")
    return reason.decode("utf-8", "replace").strip() or "the display refused the connection"


def _connect_x(display: XDisplay) -> socket.socket:
    if display.path:
        return _connect_unix([display.path])
    if display.local:
        path = _x_address(display)
        # Linux X servers listen on an abstract socket too; libxcb tries it first.
        return _connect_unix(["\0" + path, path])
    return socket.create_connection(
        (display.host, 6000 + display.number), timeout=CONNECT_TIMEOUT_SECONDS
    )


def _connect_unix(addresses: Sequence[str]) -> socket.socket:
    """Connect to the first address that answers; else raise the last one's error (the
    socket file's, which says more than an abstract socket's)."""
    failures: list[OSError] = []
    for address in addresses:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        sock.settimeout(CONNECT_TIMEOUT_SECONDS)
        try:
            sock.connect(address)
        except OSError as error:
            sock.close()
            failures.append(error)
            continue
        return sock
    raise failures[-1] if failures else FileNotFoundError(errno.ENOENT, "no socket")


def _plain(error: OSError, where: str) -> str:
    if isinstance(error, FileNotFoundError | ConnectionRefusedError):
        return f"nothing is listening at {where} yet"
    if isinstance(error, TimeoutError):
        return f"{where} did not answer"
    return f"{where}: {error.strerror or error}"


def _x_address(display: XDisplay) -> str:
    if display.path:
        return display.path
    if display.local:
        return f"/tmp/.X11-unix/X{display.number}"
    return f"{display.host} port {6000 + display.number}"


def probe_x(value: str, environ: Environ) -> str:
    """Why the X display named `value` refuses a connection; "" when it accepts one."""
    display = parse_x_display(value)
    if display is None:
        return f"DISPLAY={value!r} is not a display name (like :0)"
    try:
        with _connect_x(display) as sock:
            sock.settimeout(CONNECT_TIMEOUT_SECONDS)
            name, data = _cookie_for(display, sock, environ)
            refused = x_handshake(sock, name, data)
    except OSError as error:
        return f"cannot connect to display {value} ({_plain(error, _x_address(display))})"
    if refused:
        where = xauthority_file(environ)
        hint = f"; the cookie was looked for in {where}" if where else "; XAUTHORITY is not set"
        return f"display {value} refused the connection ({refused}{hint})"
    return ""


# --- Wayland -------------------------------------------------------------------------------


def wayland_socket(environ: Environ) -> tuple[str, str]:
    """The compositor's socket path as libwayland finds it, and the display's name;
    the path is "" (and the name says why) when it cannot be found."""
    name = environ.get("WAYLAND_DISPLAY") or "wayland-0"
    if name.startswith("/"):
        return name, name
    runtime = environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return "", name
    return str(Path(runtime) / name), name


def probe_wayland(environ: Environ) -> str:
    """Why the Wayland compositor refuses a connection; "" when it accepts one."""
    if environ.get("WAYLAND_SOCKET"):  # a connection handed over by the compositor itself
        return ""
    path, name = wayland_socket(environ)
    if not path:
        return f"cannot connect to Wayland display {name} (XDG_RUNTIME_DIR is not set)"
    try:
        _connect_unix([path]).close()
    except OSError as error:
        return f"cannot connect to Wayland display {name} ({_plain(error, path)})"
    return ""


# --- Deciding and waiting ------------------------------------------------------------------

XProbe = Callable[[str, Environ], str]
WaylandProbe = Callable[[Environ], str]


def check_display(
    environ: Environ,
    *,
    x: XProbe = probe_x,
    wayland: WaylandProbe = probe_wayland,
) -> Status:
    """Whether Qt can start now with the platforms it will try, and if not, why."""
    platforms = qt_platforms(environ)
    free = [platform for platform in platforms if not needs_display(platform)]
    if not platforms or free:
        return Status(True, found=f"the {free[0] if free else 'default'} platform")
    display = environ.get("DISPLAY", "")
    explicit = environ.get("QT_QPA_PLATFORM", "").strip()
    if platforms == ("xcb",) and not display and not explicit:
        return Status(False, reason="DISPLAY and WAYLAND_DISPLAY are not set")
    reasons = []
    for platform in platforms:
        if platform.startswith("wayland"):
            problem = wayland(environ)
            if not problem:
                return Status(True, found=f"Wayland display {wayland_socket(environ)[1]}")
        elif platform == "xcb":
            problem = x(display, environ) if display else "DISPLAY is not set"
            if not problem:
                return Status(True, found=f"display {display}")
        else:  # a platform this check does not know: let Qt try it
            return Status(True, found=f"the {platform} platform")
        if problem not in reasons:
            reasons.append(problem)
    return Status(False, reason="; ".join(reasons))


Check = Callable[[Environ], Status]
# Waits up to the given seconds; True when the kiosk was asked to stop meanwhile.
Wait = Callable[[float], bool]
Notify = Callable[[str], object]


def wait_for_display(
    environ: Environ,
    *,
    wait: Wait,
    notify: Notify = lambda message: None,
    check: Check = check_display,
    retry_seconds: float = RETRY_SECONDS,
    watchdog: bool = False,
) -> bool:
    """Return once a display answers (True), or when `wait` says the kiosk must stop (False).

    One log line for each new reason to wait and one when the display is found; systemd hears
    the reason as the unit's status, and the start's time limit is extended at each try (with
    a watchdog ping if there is a watchdog), so however long the display takes, systemd does
    not kill the kiosk or give up on it.
    """
    reason = ""
    tries = 0
    while True:
        status = check(environ)
        tries += 1
        if status.usable:
            if reason:
                log.info("Found %s after %d tries: starting", status.found, tries)
                notify(
                    f"STATUS=Starting on {status.found}\n"
                    f"EXTEND_TIMEOUT_USEC={int(EXTEND_AFTER_WAITING_SECONDS * 1e6)}"
                )
            return True
        message = f"EXTEND_TIMEOUT_USEC={int(EXTEND_WHILE_WAITING_SECONDS * 1e6)}"
        if watchdog:
            message += "\nWATCHDOG=1"
        if status.reason != reason:
            reason = status.reason
            log.warning("Waiting for a display: %s", reason)
            message = f"STATUS=Waiting for a display: {reason}\n{message}"
        else:
            log.debug("Still waiting for a display (try %d): %s", tries, reason)
        notify(message)
        if wait(retry_seconds):
            log.info("Asked to stop while waiting for a display")
            return False
