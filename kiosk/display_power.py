"""Turning the panel off and on for opening hours, by the best means the session offers.

In order of preference:

- X11: DPMS, with `xset dpms force off` (the panel's backlight goes off; a touch wakes it).
  xset leaves DPMS's own blanking timers switched on after forcing a level, so turning on
  again also says `xset -dpms`: the kiosk keeps the screen awake while the clinic is open.
- Wayland, on wlroots compositors (labwc, sway, wayfire): `wlopm --off '*'` / `--on '*'`.
- Wayland, on KDE Plasma: `kscreen-doctor --dpms off` / `on`.
- Everywhere else (GNOME on Wayland, cage, weston, a tool missing): a black screen with
  nothing drawn. An LCD still glows faintly, but nothing can burn in and no light draws a
  patient to a switched-off service.

No Qt in here: the kiosk says which platform it is on, and tests give a runner that records
the commands instead of running them.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 5.0
BLACK_SCREEN = "a black screen"

Runner = Callable[[Sequence[str]], bool]


@dataclass(frozen=True)
class PowerMethod:
    """How the panel is switched: `name` in staff's words, and the commands (none: only the
    black screen)."""

    name: str
    off: tuple[tuple[str, ...], ...] = ()
    on: tuple[tuple[str, ...], ...] = ()

    @property
    def switches_the_panel(self) -> bool:
        return bool(self.off)


def choose_method(
    platform: str,
    environment: Mapping[str, str],
    which: Callable[[str], str | None] = shutil.which,
) -> PowerMethod:
    """The best way to switch the panel on this session: `platform` is Qt's platform name
    ("xcb", "wayland", "offscreen", ...)."""
    if platform == "xcb" and which("xset"):
        return PowerMethod(
            "DPMS (xset)",
            off=(("xset", "dpms", "force", "off"),),
            on=(("xset", "dpms", "force", "on"), ("xset", "-dpms")),
        )
    if platform.startswith("wayland"):
        desktop = environment.get("XDG_CURRENT_DESKTOP", "").lower()
        if "kde" in desktop and which("kscreen-doctor"):
            return PowerMethod(
                "KDE's display power (kscreen-doctor)",
                off=(("kscreen-doctor", "--dpms", "off"),),
                on=(("kscreen-doctor", "--dpms", "on"),),
            )
        if which("wlopm"):
            return PowerMethod(
                "the compositor's output power (wlopm)",
                off=(("wlopm", "--off", "*"),),
                on=(("wlopm", "--on", "*"),),
            )
    return PowerMethod(BLACK_SCREEN)


def run_command(command: Sequence[str]) -> bool:
    """Run one switching command; whether it worked (a failure is logged, never raised)."""
    try:
        done = subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("Switching the display with %r failed: %s", " ".join(command), error)
        return False
    # xset says an X server without DPMS (Xvfb, some VNC servers) "does not have extension
    # for dpms option" and still exits 0.
    refused = "does not have extension" in done.stderr
    if done.returncode != 0 or refused:
        said = (done.stderr or done.stdout).strip().splitlines()
        detail = said[0][:300] if said else f"exit code {done.returncode}"
        log.warning("Switching the display with %r failed: %s", " ".join(command), detail)
        return False
    return True


class DisplayPower:
    """Switches the panel with one PowerMethod. The black screen is the caller's: it is
    always shown while closed, whether the panel goes off or not."""

    def __init__(self, method: PowerMethod, runner: Runner = run_command) -> None:
        self.method = method
        self._runner = runner
        self.panel_off = False
        # A method that failed once (an X server without DPMS) is not tried again: the black
        # screen stays, and the log says so once, not at every touch.
        self.failed = False

    def off(self) -> bool:
        """Turn the panel off; False if it could not be (the black screen stays). Harmless
        when it is off already."""
        if self.panel_off:
            return True
        if self.failed or not self.method.switches_the_panel:
            return False
        worked = all(self._runner(command) for command in self.method.off)
        self.panel_off = worked
        if not worked:
            self.failed = True
            log.warning(
                "The display could not be switched off with %s: the screen stays black",
                self.method.name,
            )
        return worked

    def on(self) -> bool:
        """Turn the panel on (nothing to do if it is not off)."""
        if not self.panel_off:
            return True
        # Every command runs even if one fails: DPMS blanking must go off after forcing on.
        results = [self._runner(command) for command in self.method.on]
        worked = all(results)
        if worked:
            self.panel_off = False
        return worked
