"""Settings: defaults that match the design, and messages that name what is wrong."""

from __future__ import annotations

import pytest

from kiosk.config import (
    MINIMUM_IDLE_TIMEOUT,
    MINIMUM_IDLE_WARNING,
    ConfigError,
    Settings,
    load_config_file,
    settings_from_mapping,
)


def test_defaults():
    settings = Settings()
    assert settings.idle_timeout == 90
    assert settings.idle_warning == 30
    assert settings.animations is True
    assert settings.hide_cursor is True
    assert settings.reading_speed_wpm == 60  # DESIGN.md: the words on the page at 60 a minute
    assert settings.repeat_tap_ms == 400  # DESIGN.md: a repeated tap ignored within 400 ms


def test_values_from_text_are_typed():
    settings = settings_from_mapping(
        {"idle_timeout": "120", "idle_warning": 25, "animations": "false", "hide_cursor": False}
    )
    assert settings == Settings(
        idle_timeout=120, idle_warning=25, animations=False, hide_cursor=False
    )


def test_idle_warning_never_below_twenty_seconds():
    assert MINIMUM_IDLE_WARNING == 20
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping({"idle_warning": "5"}, source="command line")
    message = str(caught.value)
    assert "command line" in message
    assert "idle_warning" in message
    assert "'5'" in message
    assert "20 to 600 seconds" in message


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [
        ("idle_timeout", "soon", "whole number from 30 to 3600"),
        ("idle_timeout", "0", "whole number from 30 to 3600"),
        ("idle_timeout", True, "whole number"),
        ("reading_speed_wpm", "19", "whole number of words a minute from 20 to 300"),
        ("reading_speed_wpm", 301, "whole number of words a minute from 20 to 300"),
        ("reading_speed_wpm", "fast", "whole number of words a minute from 20 to 300"),
        ("repeat_tap_ms", "-1", "whole number from 0 to 1000 milliseconds"),
        ("repeat_tap_ms", 1001, "whole number from 0 to 1000 milliseconds"),
        ("repeat_tap_ms", 0.4, "whole number from 0 to 1000 milliseconds"),
        ("animations", "maybe", "true or false"),
        ("hide_cursor", 1, "true or false"),
    ],
)
def test_bad_values_name_key_value_and_what_is_allowed(key, value, allowed):
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping({key: value})
    assert caught.value.key == key
    assert caught.value.value == value
    assert allowed in str(caught.value)


def test_unknown_setting_lists_the_known_ones():
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping({"idle_timout": 5})
    assert "no such setting" in str(caught.value)
    assert "idle_timeout" in str(caught.value)


def test_an_idle_timeout_under_thirty_seconds_is_refused_with_what_to_do(tmp_path):
    assert MINIMUM_IDLE_TIMEOUT == 30
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping({"idle_timeout": "29"}, source="command line")
    message = str(caught.value)
    assert message.startswith("command line: idle_timeout = '29' cannot be used.")
    assert "Allowed: a whole number from 30 to 3600 seconds." in message
    assert "use 30 or more, or leave idle_timeout out to use the default, 90" in message
    # From the config file: the same words, naming the file; the kiosk uses the default.
    path = tmp_path / "config.toml"
    path.write_text("idle_timeout = 29\n", encoding="utf-8")
    loaded = load_config_file(path)
    assert loaded.settings.idle_timeout == 90
    (problem,) = loaded.problems
    assert str(problem).startswith(f"{path}: idle_timeout = 29 cannot be used.")
    assert "use 30 or more" in str(problem)
    assert settings_from_mapping({"idle_timeout": 30}).idle_timeout == 30


@pytest.mark.parametrize(
    ("key", "lowest", "highest"), [("reading_speed_wpm", 20, 300), ("repeat_tap_ms", 0, 1000)]
)
def test_the_new_settings_take_their_whole_range(key, lowest, highest):
    for value in (lowest, str(highest)):
        assert getattr(settings_from_mapping({key: value}), key) == int(value)
