"""The kiosk's settings: declared once, typed, frozen, validated where they enter.

Each setting is a field of `Settings` with its default, its allowed range and a sentence of
help; the command line is generated from these declarations. Values are validated where they
come in from people (`settings_from_mapping`), and a bad one raises ConfigError naming the
setting, the value and what is allowed. No Qt in here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# WCAG 2.2.1 (Timing Adjustable): a patient gets at least 20 seconds to say "still reading".
MINIMUM_IDLE_WARNING = 20


def _setting(
    default: Any,
    help: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    unit: str = "",
) -> Any:
    return field(
        default=default,
        metadata={"help": help, "minimum": minimum, "maximum": maximum, "unit": unit},
    )


@dataclass(frozen=True)
class Settings:
    """Every setting, with its default. Times are in seconds."""

    idle_timeout: float = _setting(
        90,
        "Seconds without a touch on a reading or end screen before the 'Still reading?' "
        "warning appears.",
        minimum=10,
        maximum=3600,
        unit="seconds",
    )
    idle_warning: float = _setting(
        30,
        "Seconds the 'Still reading?' warning counts down before the start screen returns.",
        minimum=MINIMUM_IDLE_WARNING,
        maximum=600,
        unit="seconds",
    )
    animations: bool = _setting(
        True,
        "Slide pages in and out when they turn (false: pages change at once, no motion).",
    )
    hide_cursor: bool = _setting(True, "Hide the mouse pointer in kiosk mode.")


class ConfigError(Exception):
    """A setting with a value the kiosk cannot use, said so that staff can fix it."""

    def __init__(self, key: str, value: object, allowed: str, source: str = "") -> None:
        self.key = key
        self.value = value
        self.allowed = allowed
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.key} = {self.value!r} cannot be used. {self.allowed}"


@dataclass(frozen=True)
class SettingInfo:
    """What one setting is: the declaration behind the command line and the messages."""

    name: str
    kind: type
    default: Any
    help: str
    minimum: float | None
    maximum: float | None
    unit: str

    @property
    def allowed(self) -> str:
        if self.kind is bool:
            return "Allowed: true or false."
        unit = f" {self.unit}" if self.unit else ""
        return f"Allowed: a whole number from {self.minimum:g} to {self.maximum:g}{unit}."


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
            )
        )
    return tuple(infos)


def settings_from_mapping(
    values: Mapping[str, object], source: str = "", base: Settings | None = None
) -> Settings:
    """Settings from people's values (command line, later a file), on top of `base`.

    Raises ConfigError for an unknown setting or a value outside what is allowed.
    """
    infos = {info.name: info for info in setting_infos()}
    checked: dict[str, Any] = {}
    for key, value in values.items():
        info = infos.get(key)
        if info is None:
            known = ", ".join(sorted(infos))
            raise ConfigError(
                key, value, f"There is no such setting. Known settings: {known}.", source
            )
        checked[key] = _check(info, value, source)
    return dataclasses.replace(base or Settings(), **checked)


def _check(info: SettingInfo, value: object, source: str) -> Any:
    if info.kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        raise ConfigError(info.name, value, info.allowed, source)
    number: int
    if isinstance(value, bool):
        raise ConfigError(info.name, value, info.allowed, source)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("+").isdigit():
        number = int(value.strip())
    else:
        raise ConfigError(info.name, value, info.allowed, source)
    assert info.minimum is not None
    assert info.maximum is not None
    if not info.minimum <= number <= info.maximum:
        raise ConfigError(info.name, value, info.allowed, source)
    return number
