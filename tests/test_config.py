"""Settings: defaults that match the design, and messages that name what is wrong."""

from __future__ import annotations

import pytest

from kiosk.config import MINIMUM_IDLE_WARNING, ConfigError, Settings, settings_from_mapping


def test_defaults():
    settings = Settings()
    assert settings.idle_timeout == 90
    assert settings.idle_warning == 30
    assert settings.animations is True
    assert settings.hide_cursor is True


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
        ("idle_timeout", "soon", "whole number from 10 to 3600"),
        ("idle_timeout", "0", "whole number from 10 to 3600"),
        ("idle_timeout", True, "whole number"),
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
