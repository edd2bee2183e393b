"""The panel settings staff give for sizing by the eye: screen_diagonal_inches and
viewing_distance_cm, with messages that say what is allowed."""

from __future__ import annotations

import pytest

from kiosk.config import ConfigError, Settings, settings_from_mapping


@pytest.mark.parametrize(("given", "used"), [(21.5, 21.5), ("10.1", 10.1), (55, 55.0), (0, 0.0)])
def test_a_diagonal_in_inches_is_taken_with_its_decimals(given, used):
    assert settings_from_mapping({"screen_diagonal_inches": given}).screen_diagonal_inches == used


@pytest.mark.parametrize("given", [2, 0.5, 200, "big", True, float("nan"), -21.5])
def test_a_diagonal_no_panel_has_is_refused_saying_what_is_allowed(given):
    with pytest.raises(ConfigError) as refused:
        settings_from_mapping({"screen_diagonal_inches": given}, "kiosk.toml")
    message = str(refused.value)
    assert "screen_diagonal_inches" in message
    assert "from 3 to 120 inches" in message
    assert "0 (use the size the panel reports)" in message


def test_the_viewing_distance_is_whole_centimetres_from_30_to_300():
    assert Settings().viewing_distance_cm == 60
    assert settings_from_mapping({"viewing_distance_cm": 90}).viewing_distance_cm == 90
    with pytest.raises(ConfigError, match="whole number from 30 to 300 centimetres"):
        settings_from_mapping({"viewing_distance_cm": 10})
