"""The TOML config file: defaults staff can copy, and messages that name file, key and value."""

from __future__ import annotations

import tomllib

from kiosk import cli, paths
from kiosk.config import (
    Settings,
    load_config_file,
    set_top_level_value,
)


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_printed_defaults_are_a_complete_valid_config(capsys):
    assert cli.main(["config", "--defaults"]) == 0
    text = capsys.readouterr().out
    values = tomllib.loads(text)
    assert set(values) == {
        "content",
        "overdue_articles",
        "idle_timeout",
        "idle_warning",
        "reading_speed_wpm",
        "repeat_tap_ms",
        "screen_diagonal_inches",
        "viewing_distance_cm",
        "animations",
        "hide_cursor",
        "prevent_screen_blanking",
        "screen_size",
        "rotation",
        "log_level",
        "opening_hours",
        "metrics_file",
        "staff_pin_hash",
        "speech_engine",
        "speech_rate",
        "speech_volume",
        "disclaimer",
    }
    assert text.count("\n# ") > len(values)  # every setting is explained
    loaded = load_config_file(write_default(capsys, text))
    assert loaded.settings == Settings()
    assert loaded.problems == ()


def write_default(capsys, text):
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_path_follows_the_platform_conventions(capsys, private_folders):
    assert cli.main(["config", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str(
        private_folders / "config" / "kiosk" / "config.toml"
    )


def test_good_values_are_used(tmp_path):
    loaded = load_config_file(
        write(
            tmp_path,
            "idle_timeout = 120\nanimations = false\n"
            'screen_size = "1080x1920"\nlog_level = "DEBUG"\n',
        )
    )
    assert loaded.problems == ()
    assert loaded.settings.idle_timeout == 120
    assert loaded.settings.animations is False
    assert loaded.settings.screen_width_height == (1080, 1920)
    assert loaded.settings.log_level == "debug"


def test_a_bad_value_names_file_key_value_and_what_is_allowed_and_uses_the_default(tmp_path):
    path = write(tmp_path, "idle_timeout = 120\nidle_warning = 5\n")
    loaded = load_config_file(path)
    assert loaded.settings.idle_timeout == 120  # the good one is kept
    assert loaded.settings.idle_warning == Settings().idle_warning
    (problem,) = loaded.problems
    message = str(problem)
    assert str(path) in message
    assert "idle_warning = 5" in message
    assert "20 to 600 seconds" in message


def test_an_unknown_key_is_named(tmp_path):
    (problem,) = load_config_file(write(tmp_path, "idle_timout = 50\n")).problems
    assert "idle_timout" in str(problem)
    assert "no such setting" in str(problem)


def test_a_file_that_is_not_toml_says_where(tmp_path):
    loaded = load_config_file(write(tmp_path, "idle_timeout = 120\nanimations = maybe\n"))
    assert loaded.settings == Settings()
    (problem,) = loaded.problems
    assert "not valid TOML" in str(problem)
    assert "line 2" in str(problem)


def test_a_missing_default_file_means_defaults_but_a_named_one_is_a_problem(tmp_path):
    assert load_config_file(tmp_path / "none.toml").problems == ()
    (problem,) = load_config_file(tmp_path / "none.toml", required=True).problems
    assert "does not exist" in str(problem)


def test_check_reports_config_problems_and_exits_non_zero(tmp_path, capsys):
    path = write(tmp_path, 'log_level = "loud"\n')
    assert cli.main(["check", "--config", str(path)]) == 1
    out = capsys.readouterr().out
    assert "log_level = 'loud'" in out
    assert '"debug", "info", "warning", "error"' in out


def test_command_line_beats_the_config_file(tmp_path):
    path = write(tmp_path, "idle_timeout = 120\nidle_warning = 40\n")
    args = cli.build_parser().parse_args(["--config", str(path), "--idle-warning", "50"])
    settings = cli.settings_from_args(args, cli.load_config(args).settings)
    assert (settings.idle_timeout, settings.idle_warning) == (120, 50)


def test_writing_one_value_keeps_everything_else(tmp_path):
    path = write(tmp_path, "# my notes\nidle_timeout = 120\n\n[extra]\nthing = 1\n")
    set_top_level_value(path, "staff_pin_hash", "scrypt$1$1$1$AA==$AA==")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes\nidle_timeout = 120\n")
    values = tomllib.loads(text)
    assert values["staff_pin_hash"] == "scrypt$1$1$1$AA==$AA=="
    assert values["extra"] == {"thing": 1}
    assert path.stat().st_mode & 0o077 == 0
