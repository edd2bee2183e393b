"""On a read-only root file system, with only the kiosk's state folder writable, the kiosk
starts, shows its words translated (compiled into the state folder) and keeps its log, figures
and staff lock there."""

from __future__ import annotations

from .test_lifecycle import (  # noqa: F401  (the real-process fixtures)
    READY,
    child_env,
    short_folder,
    start_kiosk,
)


def test_only_the_state_folder_needs_to_be_writable(start_kiosk, child_env, tmp_path):
    # A file where folders would be: nothing can be made under it, whoever runs the test
    # (root ignores a folder's permissions, not this).
    blocked = tmp_path / "read-only"
    blocked.write_text("not a folder", encoding="utf-8")
    state = tmp_path / "state"
    env = dict(child_env)
    for variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "HOME"):
        env[variable] = str(blocked / variable.lower())
    env["XDG_STATE_HOME"] = str(state)
    kiosk = start_kiosk(env=env)
    kiosk.wait_for_message(READY)
    status, _ = kiosk.stop()
    assert status == 0
    # The words were compiled where the kiosk may write, and its log is kept there too.
    assert (state / "kiosk" / "translations" / "kiosk_en.qm").is_file()
    assert (state / "kiosk" / "log" / "kiosk.log").is_file()
