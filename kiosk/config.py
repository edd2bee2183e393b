"""The kiosk's settings: declared once, typed, frozen, validated where they enter.

Each setting is a field of `Settings` with its default, what is allowed and a sentence of help.
The command-line options, the commented default config file and every message about a bad
value are generated from these declarations. Values from people (the command line, the TOML
config file) are validated here; a bad one is a ConfigProblem naming the file, the setting, the
value and what is allowed. Edits to the file ('kiosk set-pin') keep its comments and layout,
and are written only once the edited text reads back as the same settings plus the new value.
No Qt in here.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import staff

# WCAG 2.2.1 (Timing Adjustable): a patient gets at least 20 seconds to say "still reading".
MINIMUM_IDLE_WARNING = 20
# Under this, "Still reading?" would come before most patients have read a page.
MINIMUM_IDLE_TIMEOUT = 30
LOG_LEVELS = ("debug", "info", "warning", "error")
ROTATIONS = (0, 90, 180, 270)
_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX\u00d7]\s*(\d{2,5})\s*$")
# A top-level `staff_pin_hash = "..."` line as set-pin writes it (the key bare or quoted, the
# value in either quotes, perhaps a comment after it): the PIN of a file that is not valid TOML.
_PIN_HASH_LINE = re.compile(
    r"""(?:staff_pin_hash|"staff_pin_hash"|'staff_pin_hash')\s*=\s*"""
    r"""(?:"([^"\\]*)"|'([^']*)')\s*(?:#.*)?"""
)


def _setting(
    default: Any,
    help: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    unit: str = "",
    choices: tuple[str, ...] | tuple[int, ...] = (),
    allowed: str = "",
    advice: str = "",
    on_command_line: bool = True,
) -> Any:
    """A setting's declaration. `advice`: what to do about a value that cannot be used, said
    after what is allowed."""
    return field(
        default=default,
        metadata={
            "help": help,
            "minimum": minimum,
            "maximum": maximum,
            "unit": unit,
            "choices": choices,
            "allowed": allowed,
            "advice": advice,
            "on_command_line": on_command_line,
        },
    )


@dataclass(frozen=True)
class Settings:
    """Every setting, with its default. Times are in seconds."""

    content: str = _setting(
        "",
        "The articles to offer: a folder of Markdown files (and folders of them one level "
        "down), or one Markdown file. With more than one article the start screen is a menu "
        "of them. Empty: the content bundled with the kiosk.",
        allowed="Allowed: the path of a file or folder, in quotes.",
        on_command_line=False,
    )
    overdue_articles: str = _setting(
        "show",
        "An article whose next_review date has passed: 'show' keeps offering it to patients "
        "(staff see the date on the staff screen and in 'kiosk check'); 'hide' takes it away "
        "from patients until its next_review is updated.",
        choices=("show", "hide"),
    )
    idle_timeout: float = _setting(
        90,
        "Seconds without a touch on a reading or end screen before the 'Still reading?' "
        "warning appears; longer on a page whose words take longer than that at "
        "reading_speed_wpm. The start screen undoes a patient's text size and contrast "
        "after this long untouched.",
        minimum=MINIMUM_IDLE_TIMEOUT,
        maximum=3600,
        unit="seconds",
        advice="A shorter time would ask 'Still reading?' before most patients have read "
        f"the page: use {MINIMUM_IDLE_TIMEOUT} or more, or leave idle_timeout out to use the "
        "default, 90.",
    )
    idle_warning: float = _setting(
        30,
        "Seconds the 'Still reading?' warning counts down before the start screen returns.",
        minimum=MINIMUM_IDLE_WARNING,
        maximum=600,
        unit="seconds",
    )
    reading_speed_wpm: int = _setting(
        60,
        "How many words a minute the slowest readers read: a reading page stays without a "
        "touch at least as long as its words take at this speed before 'Still reading?' "
        "(a page of 120 words at 60 gets 2 minutes; never less than idle_timeout).",
        minimum=20,
        maximum=300,
        allowed="Allowed: a whole number of words a minute from 20 to 300.",
    )
    repeat_tap_ms: int = _setting(
        400,
        "A second tap on the same button or page edge that lands within this many "
        "milliseconds of the first one lifting is ignored, so that a shaky hand's bounce "
        "turns one page, not two. 0: every tap counts.",
        minimum=0,
        maximum=1000,
        unit="milliseconds",
    )
    animations: bool = _setting(
        True,
        "Slide pages in and out when they turn, and let a page follow the finger (false: no "
        "motion at all; pages change at once).",
    )
    hide_cursor: bool = _setting(True, "Hide the mouse pointer in kiosk mode.")
    speech_engine: str = _setting(
        "",
        'The speech engine for Read aloud, such as "speechd" (speech-dispatcher). Empty: the '
        "system's default. With no working engine the Read aloud button is not shown.",
        allowed='Allowed: an engine name in quotes, or "".',
    )
    speech_rate: int = _setting(
        0,
        "How fast Read aloud speaks: -10 (slowest) to 10 (fastest); 0 is normal.",
        minimum=-10,
        maximum=10,
    )
    speech_volume: int = _setting(
        80, "How loud Read aloud speaks, in percent.", minimum=0, maximum=100, unit="percent"
    )
    disclaimer: str = _setting(
        "General information, not medical advice. Please ask your care team.",
        "The short notice at the bottom of the start and end screens.",
        allowed="Allowed: one line of text in quotes.",
        on_command_line=False,
    )
    prevent_screen_blanking: bool = _setting(
        True, "Keep the screen from blanking or locking while the kiosk runs."
    )
    screen_diagonal_inches: float = _setting(
        0.0,
        "The panel's diagonal in inches, such as 21.5: text and buttons are sized for the eye "
        "from it (Standard text's capitals 0.7 degrees high at viewing_distance_cm). 0: use "
        "the size the panel reports ('kiosk check' says what it found).",
        minimum=0,
        maximum=120,
        unit="inches",
        allowed="Allowed: 0 (use the size the panel reports), or a diagonal from 3 to 120 "
        "inches, like 21.5.",
    )
    viewing_distance_cm: int = _setting(
        60,
        "How far patients' eyes are from the panel, in centimetres: farther means larger "
        "text and buttons.",
        minimum=30,
        maximum=300,
        unit="centimetres",
    )
    screen_size: str = _setting(
        "1920x1080",
        "The kiosk screen's size, WIDTHxHEIGHT: 'kiosk check' and 'kiosk preview' measure "
        "pages for it. The running kiosk always uses the real screen.",
        allowed='Allowed: WIDTHxHEIGHT in pixels, each 320 to 16384, like "1920x1080".',
    )
    rotation: int = _setting(
        0,
        "Turn the picture this many degrees clockwise, for a panel mounted on its side or "
        "upside down: 90 when the panel's normal top edge is now on the left, 270 when it is "
        "on the right, 180 when it is at the bottom. Touches and clicks turn with it; nothing "
        "needs setting in the desktop or for the touchscreen.",
        choices=ROTATIONS,
        unit="degrees",
    )
    opening_hours: str = _setting(
        "",
        "When the clinic is open, as on a door sign: outside these hours the screen is turned "
        "off (a touch shows when it turns on again) and the start screen returns at opening. "
        "Days not named are closed; a range may run past midnight. Empty: always on.",
        allowed='Allowed: days and times like "Mon-Fri 08:00-12:30, 13:30-18:00; Sat '
        '09:00-12:00" (24-hour clock), or "".',
    )
    metrics_file: str = _setting(
        "",
        "Write the kiosk's state for monitoring to this Prometheus text file every minute, for "
        "node_exporter's textfile collector (see the README's 'Running many kiosks'). Empty: "
        "no file.",
        allowed="Allowed: a path ending in .prom, such as "
        '"/var/lib/prometheus/node-exporter/kiosk.prom", or "".',
        on_command_line=False,
    )
    log_level: str = _setting("info", "How much goes into the log file.", choices=LOG_LEVELS)
    staff_pin_hash: str = _setting(
        "",
        "The staff PIN, stored only as a salted hash. Set it with 'kiosk set-pin'; never "
        "write a PIN here. Empty: staff access is not set up.",
        allowed="Allowed: what 'kiosk set-pin' writes, or \"\".",
        on_command_line=False,
    )

    @property
    def screen_width_height(self) -> tuple[int, int]:
        return parse_size(self.screen_size)

    @property
    def kiosk_width_height(self) -> tuple[int, int]:
        """The kiosk's own width and height on that screen: a quarter turn swaps them."""
        width, height = self.screen_width_height
        return (height, width) if self.rotation in (90, 270) else (width, height)


class ConfigError(Exception):
    """A setting with a value the kiosk cannot use, said so that staff can fix it."""

    def __init__(self, key: str | None, value: object, allowed: str, source: str = "") -> None:
        self.key = key
        self.value = value
        self.allowed = allowed
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if self.key is None:
            return f"{where}{self.allowed}"
        return f"{where}{self.key} = {self.value!r} cannot be used. {self.allowed}"


@dataclass(frozen=True)
class SettingInfo:
    """What one setting is: the declaration behind options, the default file and messages."""

    name: str
    kind: type
    default: Any
    help: str
    minimum: float | None
    maximum: float | None
    unit: str
    choices: tuple[str, ...] | tuple[int, ...]
    allowed_text: str
    advice: str
    on_command_line: bool

    @property
    def allowed(self) -> str:
        if self.allowed_text:
            return self.allowed_text
        if self.kind is bool:
            return "Allowed: true or false."
        unit = f" {self.unit}" if self.unit else ""
        if self.choices:
            # Words are written in quotes in TOML, numbers without.
            listed = ", ".join(
                f'"{choice}"' if isinstance(choice, str) else str(choice) for choice in self.choices
            )
            return f"Allowed: {listed}{unit}."
        number = "a number" if self.kind is float else "a whole number"
        return f"Allowed: {number} from {self.minimum:g} to {self.maximum:g}{unit}."

    @property
    def escaped_default(self) -> str:
        return str(self.default).replace("\\", "\\\\").replace('"', '\\"')

    def toml_default(self) -> str:
        if self.kind is bool:
            return "true" if self.default else "false"
        if self.kind is str:
            return f'"{self.escaped_default}"'
        return str(self.default)


def setting_infos() -> tuple[SettingInfo, ...]:
    infos = []
    for item in dataclasses.fields(Settings):
        meta = item.metadata
        infos.append(
            SettingInfo(
                name=item.name,
                kind=type(item.default),
                default=item.default,
                help=meta["help"],
                minimum=meta["minimum"],
                maximum=meta["maximum"],
                unit=meta["unit"],
                choices=meta["choices"],
                allowed_text=meta["allowed"],
                advice=meta["advice"],
                on_command_line=meta["on_command_line"],
            )
        )
    return tuple(infos)


def settings_from_mapping(
    values: Mapping[str, object], source: str = "", base: Settings | None = None
) -> Settings:
    """Settings from people's values on top of `base`. Raises ConfigError at the first bad one."""
    settings, problems = _apply(values, source, base or Settings())
    if problems:
        raise problems[0]
    return settings


def _apply(
    values: Mapping[str, object], source: str, base: Settings
) -> tuple[Settings, list[ConfigError]]:
    """Settings with every good value applied, and a problem for each bad one."""
    infos = {info.name: info for info in setting_infos()}
    checked: dict[str, Any] = {}
    problems: list[ConfigError] = []
    for key, value in values.items():
        info = infos.get(key)
        if info is None:
            known = ", ".join(sorted(infos))
            problems.append(
                ConfigError(
                    key, value, f"There is no such setting. Known settings: {known}.", source
                )
            )
            continue
        try:
            checked[key] = _check(info, value, source)
        except ConfigError as problem:
            problems.append(problem)
            if key == "staff_pin_hash":
                # Not the default: "" means no PIN, and anyone may open the staff screen.
                checked[key] = staff.PIN_HASH_UNUSABLE
    return dataclasses.replace(base, **checked), problems


def _check(info: SettingInfo, value: object, source: str) -> Any:
    if info.name == "staff_pin_hash":
        return _check_pin_hash(value, source)
    problem = ConfigError(info.name, value, f"{info.allowed} {info.advice}".strip(), source)
    if info.kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        raise problem
    if info.kind is str:
        if not isinstance(value, str):
            raise problem
        return _check_text(info, value.strip(), problem)
    number: float
    if isinstance(value, bool):
        raise problem
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
        number = int(value.strip())
    elif info.kind is float and isinstance(value, float) and math.isfinite(value):
        number = value
    elif (
        info.kind is float
        and isinstance(value, str)
        and re.fullmatch(r"[+-]?\d+\.\d*", value.strip())
    ):
        number = float(value.strip())
    else:
        raise problem
    if info.choices:
        if number not in info.choices:
            raise problem
        return number
    assert info.minimum is not None
    assert info.maximum is not None
    if not info.minimum <= number <= info.maximum:
        raise problem
    if info.name == "screen_diagonal_inches" and 0 < number < 3:
        raise problem  # no kiosk panel is that small: a typing slip, not a size
    return float(number) if info.kind is float else number


def _check_text(info: SettingInfo, value: str, problem: ConfigError) -> str:
    if info.choices:
        if value.lower() not in info.choices:
            raise problem
        return value.lower()
    if info.name == "screen_size":
        try:
            width, height = parse_size(value)
        except ValueError:
            raise problem from None
        return f"{width}x{height}"
    if info.name == "opening_hours":
        from kiosk.opening_hours import OpeningHoursError, parse_opening_hours

        try:
            parse_opening_hours(value)
        except OpeningHoursError as error:
            raise ConfigError(
                info.name, value, f"{error} {problem.allowed}", problem.source
            ) from None
    if info.name == "metrics_file" and value and not value.endswith(".prom"):
        raise problem  # node_exporter reads only *.prom files
    return value


def _check_pin_hash(value: object, source: str) -> str:
    """A staff PIN hash whose scrypt cost is neither weak nor ruinous (kiosk.staff says
    which), or "" for none. The problem never shows the value: with the salt and digest a
    four-digit PIN is found in minutes, and a value that is not a hash may be a PIN written
    there by mistake."""
    text = value.strip() if isinstance(value, str) else ""
    if not isinstance(value, str):
        wrong = "it is not text in quotes"
    elif not text:
        return ""
    elif (problem := staff.pin_hash_problem(text)) is not None:
        wrong = problem
    else:
        return text
    raise ConfigError(
        "staff_pin_hash",
        staff.hash_shape(text),
        f"{wrong[0].upper()}{wrong[1:]}. Run 'kiosk set-pin' again to store a new one; until "
        "then the staff screen stays closed.",
        source,
    )


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080). Raises ValueError with a message for people."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(
            f"'{text}' is not a screen size. Write it as WIDTHxHEIGHT, like 1920x1080."
        )
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 16384 and 320 <= height <= 16384):
        raise ValueError(f"'{text}' is not a screen size: use 320 to 16384 pixels a side.")
    return width, height


@dataclass(frozen=True)
class LoadedConfig:
    """Settings as read from a config file, and what was wrong in it (each bad value is
    replaced by its default, so the kiosk keeps running; but a staff PIN hash that is there
    and cannot be used becomes staff.PIN_HASH_UNUSABLE, which keeps the staff screen closed,
    never "", which would open it to anyone)."""

    settings: Settings
    path: Path | None
    problems: tuple[ConfigError, ...] = ()


def load_config_file(path: Path | None, *, required: bool = False) -> LoadedConfig:
    """Read a TOML config file. A missing optional file means defaults; nothing raises."""
    if path is None:
        return LoadedConfig(Settings(), None)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if not required:
            return LoadedConfig(Settings(), None)
        return _unusable(
            path,
            "The config file does not exist. Check the path, or create it "
            "with 'kiosk config --defaults > FILE'.",
        )
    except OSError as error:
        # Whether it holds a PIN is unknown: the staff screen stays closed, not open to all.
        return _unusable(
            path,
            f"The config file could not be read ({error.strerror or error}). "
            "Check that the kiosk's user may read it. Until then the staff screen stays "
            "closed: the staff PIN in it cannot be read either.",
            staff.PIN_HASH_UNUSABLE,
        )
    try:
        values = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        pin_hash, said = _pin_hash_from_broken(data.decode("utf-8", errors="replace"))
        return _unusable(
            path,
            "The config file is not UTF-8 text. Save it again as UTF-8; "
            f"every setting uses its default until then.{said}",
            pin_hash,
        )
    except tomllib.TOMLDecodeError as error:
        pin_hash, said = _pin_hash_from_broken(data.decode("utf-8"))
        return _unusable(
            path,
            f"The config file is not valid TOML ({error}). Every setting "
            "uses its default until it is fixed; 'kiosk config --defaults' shows "
            f"the format.{said}",
            pin_hash,
        )
    settings, problems = _apply(values, str(path), Settings())
    return LoadedConfig(settings, path, tuple(problems))


def _unusable(path: Path, message: str, pin_hash: str = "") -> LoadedConfig:
    """A config file that cannot be used at all: every setting keeps its default, but for
    the staff PIN hash recovered from it, if any."""
    return LoadedConfig(
        Settings(staff_pin_hash=pin_hash), path, (ConfigError(None, None, message, str(path)),)
    )


def _pin_hash_from_broken(text: str) -> tuple[str, str]:
    """The staff PIN hash of a config file that is not valid TOML, and a sentence on what
    became of it.

    One typo elsewhere must not drop the PIN: that would leave the staff screen open to
    anyone (no PIN) exactly when staff need to see what is wrong. So the lines are read one
    by one. A file with no staff_pin_hash line had no PIN; one clean top-level line, with a
    hash good enough to use, keeps that PIN; anything else (the line itself broken, below a
    [table], two of them) keeps the staff screen closed until the file is fixed. A tolerant
    scan rather than a saved copy of the last good file: it is the PIN in the file now, so
    'kiosk set-pin' a minute before the typo still counts, and no second copy of the hash
    lies around.
    """
    found: set[str] = set()
    unclear = False
    top_level = True
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            top_level = False
        if stripped.startswith("#") or "staff_pin_hash" not in stripped:
            continue
        match = _PIN_HASH_LINE.fullmatch(stripped)
        if match is None or not top_level:
            unclear = True
        else:
            found.add((match.group(1) if match.group(1) is not None else match.group(2)).strip())
    if not found and not unclear:
        return "", ""
    if not unclear and found == {""}:
        return "", ""
    if not unclear and len(found) == 1:
        (pin_hash,) = found
        if staff.pin_hash_problem(pin_hash) is None:
            return pin_hash, " The staff PIN is kept from its staff_pin_hash line."
    return (
        staff.PIN_HASH_UNUSABLE,
        " Its staff_pin_hash line cannot be read either, so the staff screen stays closed "
        "until the file is fixed.",
    )


def default_config_text() -> str:
    """A complete, commented config file with every default, for staff to copy and edit."""
    lines = [
        "# Waiting-room kiosk settings (TOML).",
        "# Copy this file to the config path shown by 'kiosk config --path', change what you",
        "# need, and check it with 'kiosk check'. A bad value is reported there, logged, and",
        "# shown on the staff screen; the kiosk then uses that setting's default.",
        "",
    ]
    for info in setting_infos():
        lines.extend(_comment(info.help))
        lines.append(f"# {info.allowed}")
        lines.append(f"{info.name} = {info.toml_default()}")
        lines.append("")
    return "\n".join(lines)


def _comment(text: str, width: int = 92) -> list[str]:
    lines: list[str] = []
    current = "#"
    for word in text.split():
        if len(current) + 1 + len(word) > width:
            lines.append(current)
            current = "#"
        current += " " + word
    lines.append(current)
    return lines


class ConfigEditError(Exception):
    """A config file that was not edited, and why, said so that staff can fix it. Raised
    before anything is written: the file is exactly as it was."""


def set_top_level_value(path: Path, key: str, value: str | int | float | bool) -> None:
    """Set the top-level `key` in a TOML config file, keeping comments and layout.

    The file is written only if it then reads (with tomllib, as the kiosk reads it) as exactly
    the same values as before plus the new one; otherwise ConfigEditError and nothing changes.
    A missing file is created. OSError when the new file cannot be written.
    """
    # A symlinked config (e.g. into /etc) stays a symlink: the file it points at is edited.
    path = path.resolve() if path.is_symlink() else path
    try:
        data: bytes | None = path.read_bytes()
    except FileNotFoundError:
        data = None
    except OSError as error:
        raise ConfigEditError(
            f"{path} could not be read ({error.strerror or error}). Check the path, and that "
            "you may read and write the file, then try again."
        ) from error
    text = _config_text(path, data)
    edited = _edited(path, text, key, value)
    _check_edit(path, {**tomllib.loads(text), key: value}, edited)
    _replace_file(path, edited.encode("utf-8"), path.stat() if data is not None else None)


def _config_text(path: Path, data: bytes | None) -> str:
    """The file's text, when it is UTF-8 and valid TOML; "" for a file that does not exist."""
    if data is None:
        return ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigEditError(
            f"{path} is not UTF-8 text ({error.reason} at byte {error.start}). Save it again "
            "as UTF-8, then try again."
        ) from error
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigEditError(
            f"{path} is not valid TOML ({error}). Fix it ('kiosk check' shows the problem "
            "too), or move it aside to start a new file, then try again."
        ) from error
    return text


def _edited(path: Path, text: str, key: str, value: str | int | float | bool) -> str:
    """The text with `key` set at the top level: replaced in place whatever its quoting
    (keeping a trailing comment), or added above the first [table]."""
    # Only staff's set-pin edits a file: the kiosk's start-up need not import tomlkit.
    import tomlkit
    import tomlkit.items

    try:
        document = tomlkit.parse(text)
        if isinstance(document.get(key), tomlkit.items.Table | tomlkit.items.AoT):
            # Replacing a [key] table, or key.name = ... lines, would drop what is in them.
            raise ConfigEditError(
                f"{path} has a table named {key} ([{key}] or {key}.something = ...), where "
                f"the kiosk expects the setting {key}. Rename or remove that table, then try "
                "again."
            )
        document[key] = value
        return document.as_string()
    except ConfigEditError:
        raise
    except Exception as error:
        # tomllib accepted the file, so this is tomlkit's own limit or bug: whatever it
        # raises, refusing with the file untouched beats a traceback.
        raise ConfigEditError(
            f"{path} is valid TOML, but could not be edited while keeping its comments and "
            f"layout ({type(error).__name__}: {error}). Move the file aside and try again (a "
            "new file is then created); copy your other settings back from the old one."
        ) from error


def _check_edit(path: Path, expected: Mapping[str, object], edited: str) -> None:
    """Read the edited text as the kiosk will: anything but `expected` is refused, so a
    mistake in the editing can never reach the file."""
    try:
        reread = tomllib.loads(edited)
    except tomllib.TOMLDecodeError as error:
        wrong = f"it would not be valid TOML: {error}"
    else:
        if reread == expected:
            return
        differ = sorted(
            name
            for name in expected.keys() | reread.keys()
            if name not in expected or name not in reread or expected[name] != reread[name]
        )
        wrong = "these would change: " + ", ".join(differ)
    raise ConfigEditError(
        f"Editing {path} went wrong ({wrong}). Move the file aside and try again (a new file "
        "is then created), then copy your other settings back from the old one."
    )


def _replace_file(path: Path, data: bytes, old: os.stat_result | None) -> None:
    """Write `data` to a temporary file beside `path` and move it over `path` in one step, so
    a crash or power cut leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file 0600 from the start: it holds the PIN's hash, so no one but
    # the kiosk's user may read it, not even for a moment.
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if old is not None and old.st_uid != os.getuid():
            # Run as root on the kiosk user's file: the file stays the kiosk user's, or the
            # kiosk could not read its own config (0600) any more.
            os.chown(temporary, old.st_uid, old.st_gid)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
