"""`kiosk set-pin` and the config edit behind it: the file keeps every other setting, comment
and blank line, or it is refused with a message and left exactly as it was."""

from __future__ import annotations

import dataclasses
import io
import os
import sys
import tomllib
from pathlib import Path

import pytest
import tomlkit

from kiosk import cli
from kiosk.config import (
    ConfigEditError,
    default_config_text,
    load_config_file,
    set_top_level_value,
)
from kiosk.staff import verify_pin

PIN = "2580"
# The shape 'kiosk set-pin' writes; a real scrypt hash is only needed where a PIN is checked.
HASH = "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g="


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def files_beside(path: Path) -> list[str]:
    """What is in the config's folder: a refusal or a failed write leaves no temporary file."""
    return sorted(item.name for item in path.parent.iterdir())


# Found in review: each of these damaged the file, or left staff without a PIN.


def test_a_quoted_key_is_replaced_not_written_a_second_time(tmp_path):
    path = write(tmp_path, '"staff_pin_hash" = ""  # set by kiosk set-pin\nidle_timeout = 120\n')
    set_top_level_value(path, "staff_pin_hash", HASH)
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"staff_pin_hash": HASH, "idle_timeout": 120}
    assert text == f'"staff_pin_hash" = "{HASH}"  # set by kiosk set-pin\nidle_timeout = 120\n'


def test_a_key_inside_a_table_is_left_alone_and_the_setting_goes_on_top(tmp_path):
    path = write(tmp_path, 'idle_timeout = 120\n\n[old]\nstaff_pin_hash = "kept"\n')
    set_top_level_value(path, "staff_pin_hash", HASH)
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text) == {
        "idle_timeout": 120,
        "staff_pin_hash": HASH,
        "old": {"staff_pin_hash": "kept"},
    }
    assert text.index("staff_pin_hash") < text.index("[old]")


def test_a_line_inside_a_multiline_string_is_not_touched(tmp_path):
    disclaimer = 'disclaimer = """\nLooks like a setting:\nstaff_pin_hash = x\n"""\n'
    path = write(tmp_path, disclaimer + 'staff_pin_hash = ""\n')
    set_top_level_value(path, "staff_pin_hash", HASH)
    values = tomllib.loads(path.read_text(encoding="utf-8"))
    assert values == {
        "disclaimer": "Looks like a setting:\nstaff_pin_hash = x\n",
        "staff_pin_hash": HASH,
    }


# What else the edit keeps, and what it refuses.


def test_comments_blank_lines_and_layout_are_kept(tmp_path):
    original = (
        "# Front desk kiosk\n"
        "\n"
        "idle_timeout   = 120   # long articles\n"
        "staff_pin_hash = ''    # written by kiosk set-pin\n"
        "\n"
        "\n"
        "# Louder: the room is noisy\n"
        "speech_volume = 95\n"
    )
    path = write(tmp_path, original)
    set_top_level_value(path, "staff_pin_hash", HASH)
    assert path.read_text(encoding="utf-8") == original.replace(
        "staff_pin_hash = ''    #", f'staff_pin_hash = "{HASH}"    #'
    )


def test_in_the_default_file_only_the_hash_line_changes(tmp_path):
    original = default_config_text()
    path = write(tmp_path, original)
    set_top_level_value(path, "staff_pin_hash", HASH)
    before = original.splitlines()
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [('staff_pin_hash = ""', f'staff_pin_hash = "{HASH}"')]


def test_a_new_key_goes_above_the_first_table_and_every_line_stays(tmp_path):
    original = "# notes\nidle_timeout = 120  # slow readers\n\n[extra]\nthing = 1\n"
    path = write(tmp_path, original)
    set_top_level_value(path, "staff_pin_hash", HASH)
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text) == {
        "idle_timeout": 120,
        "staff_pin_hash": HASH,
        "extra": {"thing": 1},
    }
    lines = text.splitlines()
    lines.remove(f'staff_pin_hash = "{HASH}"')
    assert [line for line in lines if line] == [line for line in original.splitlines() if line]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'idle_timeout = 120\nidle_timeout = 90\nstaff_pin_hash = ""\n', "not valid TOML"),
        (b"idle_timeout = \n", "not valid TOML"),
        (b'disclaimer = "Caf\xe9"\n', "not UTF-8"),
        (b'[staff_pin_hash]\nold = "x"\n', "table named staff_pin_hash"),
        (b"staff_pin_hash.old = 1\n", "table named staff_pin_hash"),
    ],
    ids=["duplicate key", "no value", "latin-1", "table", "dotted key"],
)
def test_a_file_that_cannot_be_edited_safely_is_refused_and_left_alone(tmp_path, content, says):
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    path.chmod(0o644)
    with pytest.raises(ConfigEditError, match=says) as refusal:
        set_top_level_value(path, "staff_pin_hash", HASH)
    assert str(path) in str(refusal.value)
    assert path.read_bytes() == content
    assert path.stat().st_mode & 0o777 == 0o644
    assert files_beside(path) == ["config.toml"]


def test_the_toml_error_and_its_line_are_named(tmp_path):
    path = write(tmp_path, 'idle_timeout = 120\nlog_level = "info\n')
    with pytest.raises(ConfigEditError) as refusal:
        set_top_level_value(path, "staff_pin_hash", HASH)
    message = str(refusal.value)
    assert "not valid TOML" in message
    assert "line 2" in message


def test_an_edit_that_would_change_other_settings_is_never_written(tmp_path, monkeypatch):
    # The last line of defence: whatever tomlkit produces is read back before it is written.
    original = '# notes\nidle_timeout = 120\nstaff_pin_hash = ""\n'
    path = write(tmp_path, original)
    monkeypatch.setattr(
        tomlkit.TOMLDocument, "as_string", lambda self: f'staff_pin_hash = "{HASH}"\n'
    )
    with pytest.raises(ConfigEditError, match="idle_timeout"):
        set_top_level_value(path, "staff_pin_hash", HASH)
    assert path.read_text(encoding="utf-8") == original
    assert files_beside(path) == ["config.toml"]


def test_a_tomlkit_failure_is_a_refusal_not_a_traceback(tmp_path, monkeypatch):
    original = 'staff_pin_hash = ""\n'
    path = write(tmp_path, original)

    def fail(text: str) -> None:
        raise AttributeError("tomlkit could not cope")

    monkeypatch.setattr(tomlkit, "parse", fail)
    with pytest.raises(ConfigEditError, match="could not cope"):
        set_top_level_value(path, "staff_pin_hash", HASH)
    assert path.read_text(encoding="utf-8") == original


def test_a_config_that_cannot_be_read_is_refused(tmp_path):
    path = tmp_path / "config.toml"
    path.mkdir()  # a folder where the file should be: reading it fails on every system
    with pytest.raises(ConfigEditError, match="could not be read"):
        set_top_level_value(path, "staff_pin_hash", HASH)
    assert path.is_dir()
    assert list(path.iterdir()) == []


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a file to another user")
def test_run_as_root_the_file_stays_the_kiosk_users(tmp_path):
    path = write(tmp_path, "idle_timeout = 120\n")
    os.chown(path, 4321, 4321)
    set_top_level_value(path, "staff_pin_hash", HASH)
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_missing_file_is_created_with_its_folders_readable_only_by_its_owner(tmp_path):
    path = tmp_path / "new" / "kiosk" / "config.toml"
    set_top_level_value(path, "staff_pin_hash", HASH)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"staff_pin_hash": HASH}
    assert path.stat().st_mode & 0o777 == 0o600
    assert files_beside(path) == ["config.toml"]


def test_an_existing_file_ends_up_readable_only_by_its_owner(tmp_path):
    path = write(tmp_path, "idle_timeout = 120\n")
    path.chmod(0o644)
    set_top_level_value(path, "staff_pin_hash", HASH)
    assert path.stat().st_mode & 0o777 == 0o600
    assert files_beside(path) == ["config.toml"]


def test_a_symlinked_config_stays_a_symlink(tmp_path):
    target = write(tmp_path, "idle_timeout = 120\n")
    link = tmp_path / "link" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    set_top_level_value(link, "staff_pin_hash", HASH)
    assert link.is_symlink()
    assert tomllib.loads(target.read_text(encoding="utf-8"))["staff_pin_hash"] == HASH


# The command, end to end.


def set_pin(monkeypatch, path: Path, answers: str = f"{PIN}\n{PIN}\n") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    return cli.main(["set-pin", "--config", str(path)])


def test_set_pin_keeps_every_setting_and_adds_only_the_hash(tmp_path, monkeypatch, capsys):
    path = write(
        tmp_path,
        "# Front desk\n"
        '"staff_pin_hash" = ""  # kiosk set-pin writes this\n'
        "idle_timeout = 120\n"
        'disclaimer = """\nAsk at the desk.\nstaff_pin_hash = not this one\n"""\n'
        "speech_volume = 95\n",
    )
    before = load_config_file(path)
    assert before.problems == ()
    assert set_pin(monkeypatch, path) == 0
    out, err = capsys.readouterr()
    assert "The staff PIN is set" in out
    assert str(path) in out
    assert err.count("PIN") == 2  # only the two prompts
    after = load_config_file(path)
    assert after.problems == ()
    stored = after.settings.staff_pin_hash
    assert verify_pin(PIN, stored)
    assert after.settings == dataclasses.replace(before.settings, staff_pin_hash=stored)
    text = path.read_text(encoding="utf-8")
    assert PIN not in text.replace(stored, "")
    assert text.startswith("# Front desk\n")
    assert "# kiosk set-pin writes this" in text
    assert path.stat().st_mode & 0o777 == 0o600


def test_set_pin_on_a_broken_file_says_what_is_wrong_and_changes_nothing(
    tmp_path, monkeypatch, capsys
):
    content = b'idle_timeout = 120\nstaff_pin_hash = ""\nidle_timeout = 90\n'
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    assert set_pin(monkeypatch, path) == 1
    out, err = capsys.readouterr()
    assert "PIN is set" not in out
    assert str(path) in err
    assert "not valid TOML" in err
    assert "line 3" in err
    assert "Nothing was changed." in err
    assert path.read_bytes() == content
    assert files_beside(path) == ["config.toml"]


def test_set_pin_creates_a_missing_config(tmp_path, monkeypatch, capsys):
    path = tmp_path / "kiosk" / "config.toml"
    assert set_pin(monkeypatch, path) == 0
    assert "The staff PIN is set" in capsys.readouterr().out
    loaded = load_config_file(path, required=True)
    assert loaded.problems == ()
    assert verify_pin(PIN, loaded.settings.staff_pin_hash)
    assert path.stat().st_mode & 0o777 == 0o600
