"""The `kiosk` command: run the kiosk, and the staff tools around it.

Exit codes: 0 done, 1 a problem with the content, the config or a PIN (said in words),
2 a bad option or option value, 64 staff chose "Exit kiosk".
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__, paths
from kiosk.config import (
    ConfigEditError,
    ConfigError,
    LoadedConfig,
    Settings,
    default_config_text,
    load_config_file,
    parse_size,
    set_top_level_value,
    setting_infos,
    settings_from_mapping,
)

if TYPE_CHECKING:
    from kiosk.library import Library

log = logging.getLogger(__name__)

EXIT_PROBLEM = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="A touchscreen reading kiosk for clinic waiting rooms. "
        "With no command, shows the article full-screen.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    _add_common_options(parser)
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="Show the kiosk in an ordinary window instead of full-screen (for trying it out).",
    )
    _add_setting_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    preview = commands.add_parser(
        "preview",
        help="Render every screen to numbered PNG files, without a display.",
        description="Render the menu (when the content holds more than one leaflet), then for "
        "every article in every language: its start screen, every reading page, the end screen "
        "and the idle warning, to numbered PNG files in DIR, without showing a window, and print "
        "their paths.",
    )
    _add_common_options(preview)
    preview.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="Folder for the PNG files (created if missing).",
    )
    preview.add_argument(
        "--size",
        default=None,
        metavar="WIDTHxHEIGHT",
        help="Screen size to render at, for example 1080x1920 (default: the "
        "screen_size setting, 1920x1080).",
    )
    preview.add_argument(
        "--text-size",
        default=None,
        metavar="SIZE",
        help="The patient's text size: a percentage of Standard, such as 150, or a size's "
        "name, such as extra-large (default: Standard).",
    )
    preview.add_argument(
        "--contrast",
        choices=("normal", "high"),
        default="normal",
        help="Render in the normal colours or in high contrast (default: normal).",
    )
    _add_setting_options(preview)

    check = commands.add_parser(
        "check",
        help="Check the content and the config as the kiosk would load them.",
        description="Check the article(s) and the config file the way the kiosk would load "
        "them: errors exit with status 1; warnings (review details, reading grade, pictures) "
        "do not.",
    )
    check.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="Content folder or article file to check (default: the one the kiosk shows).",
    )
    check.add_argument("--config", type=Path, metavar="FILE", help="Config file to check.")
    check.add_argument("--json", action="store_true", help="Print the report as JSON.")

    config = commands.add_parser("config", help="Print the default config file, or its path.")
    config_what = config.add_mutually_exclusive_group(required=True)
    config_what.add_argument(
        "--defaults",
        action="store_true",
        help="Print a complete, commented config file with every default.",
    )
    config_what.add_argument(
        "--path", action="store_true", help="Print where the kiosk looks for its config file."
    )

    stats = commands.add_parser(
        "stats",
        help="Print the anonymous reading figures (daily counts per article).",
        description="Print the kiosk's anonymous reading figures: per article and language, "
        "readings started and finished, pages viewed, how far readers got, and how often text "
        "size, high contrast and Read aloud were used. Daily counts only, kept 400 days.",
    )
    stats.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="Only days from DATE on (YYYY-MM-DD; default: every day kept).",
    )
    stats_format = stats.add_mutually_exclusive_group()
    stats_format.add_argument(
        "--csv", action="store_true", help="One row per day, article, language and measure."
    )
    stats_format.add_argument("--json", action="store_true", help="The same rows as JSON.")

    set_pin = commands.add_parser(
        "set-pin",
        help="Set the staff PIN (asked twice; stored only as a salted hash).",
        description="Ask for a new staff PIN twice and store its salted scrypt hash in the "
        "config file.",
    )
    set_pin.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="Config file to store it in (default: the kiosk's config file).",
    )

    install = commands.add_parser(
        "install-autostart",
        help="Start the kiosk at boot, on any desktop session (needs a staff PIN first).",
        description="Write a systemd user service (restarts the kiosk if it stops, with a "
        "watchdog) and an XDG autostart entry that starts it with every desktop session; or, "
        "for machines without systemd, only an autostart entry that starts the kiosk itself. "
        "Default: systemd where the machine runs it. Refuses while no staff PIN is set.",
    )
    kind = install.add_mutually_exclusive_group()
    kind.add_argument(
        "--systemd",
        action="store_true",
        help="A systemd user service and the autostart entry that starts it.",
    )
    kind.add_argument(
        "--desktop",
        action="store_true",
        help="Only an XDG autostart entry that starts the kiosk (no restarts).",
    )
    install.add_argument(
        "--print", action="store_true", help="Print the files instead of writing them."
    )
    _add_common_options(install)
    commands.add_parser(
        "uninstall-autostart",
        help="Remove what install-autostart wrote (and systemctl enable's links to it).",
    )
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-01") from None


def _stats(args: argparse.Namespace) -> int:
    from kiosk import figures

    rows = figures.read_rows(figures.default_path(), since=args.since)
    if args.csv:
        print(figures.as_csv(rows), end="")
    elif args.json:
        print(figures.as_json(rows))
    else:
        print(figures.as_text(rows), end="")
    return 0


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help=f"Config file (default: {paths.config_file()} if it exists).",
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar="PATH",
        help="The content: a folder of articles (and its folders one level down), or one "
        "article file (default: the content setting, else the bundled content folder).",
    )


def _add_setting_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("settings (override the config file)")
    for info in setting_infos():
        if not info.on_command_line:
            continue
        flag = "--" + info.name.replace("_", "-")
        if info.kind is bool:
            group.add_argument(
                flag,
                dest=info.name,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=f"{info.help} (default: {str(info.default).lower()})",
            )
        else:
            metavar = (info.unit or info.name.split("_")[-1]).upper()
            group.add_argument(
                flag,
                dest=info.name,
                default=None,
                metavar=metavar,
                help=f"{info.help} {info.allowed} (default: {info.default})",
            )


def settings_from_args(args: argparse.Namespace, base: Settings | None = None) -> Settings:
    values = {
        info.name: getattr(args, info.name)
        for info in setting_infos()
        if info.on_command_line and getattr(args, info.name, None) is not None
    }
    return settings_from_mapping(values, source="command line", base=base)


def load_config(args: argparse.Namespace) -> LoadedConfig:
    chosen = getattr(args, "config", None)
    if chosen is not None:
        return load_config_file(chosen, required=True)
    return load_config_file(paths.config_file())


def content_path(args: argparse.Namespace, settings: Settings) -> Path:
    chosen = getattr(args, "content", None)
    if chosen is not None:
        return Path(chosen)
    if settings.content:
        return Path(settings.content).expanduser()
    return paths.bundled_content()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command
    if command in ("config", "check", "stats", "preview") and argv is None:
        # Piped into `head`, a command that prints ends quietly, as shell tools do, rather
        # than with a BrokenPipeError traceback.
        import signal

        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if command == "config":
        print(default_config_text() if args.defaults else paths.config_file())
        return 0
    if command == "uninstall-autostart":
        return _uninstall_autostart()
    if command == "set-pin":
        return _set_pin(args.config or paths.config_file())
    if command == "stats":
        return _stats(args)

    loaded = load_config(args)
    if command == "check":
        return _check(args, loaded)
    try:
        settings = settings_from_args(args, loaded.settings)
        size = parse_size(args.size or settings.screen_size) if command == "preview" else None
        text_size = None
        if command == "preview" and args.text_size is not None:
            from kiosk.preview import parse_text_size

            text_size = parse_text_size(args.text_size)
    except (ConfigError, ValueError) as error:
        parser.print_usage(sys.stderr)
        print(f"kiosk: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if command == "install-autostart":
        return _install_autostart(args)

    from kiosk import app

    if size is not None:
        app.configure_logging(settings.log_level)
        for problem in loaded.problems:
            log.warning("Config: %s", problem)
        library = _library_or_report(content_path(args, settings))
        if library is None:
            return EXIT_PROBLEM
        from kiosk import preview

        preview.use_offscreen_platform()
        from PySide6.QtCore import QSize

        try:
            shots = preview.render_previews(
                library,
                settings,
                args.out,
                QSize(*size),
                text_size=text_size,
                high_contrast=args.contrast == "high",
            )
        except preview.TextSizeNotOfferedError as error:
            print(f"kiosk: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        for path in shots:
            print(path)
        return 0

    log_file = app.configure_logging(settings.log_level, paths.log_file())
    config_path = args.config or (paths.config_file() if loaded.path else None)

    known_pin_hash = loaded.settings.staff_pin_hash

    def current_pin_hash() -> str:
        # Read at each staff gesture, so 'kiosk set-pin' works without a restart.
        nonlocal known_pin_hash
        current = load_config(args)
        if known_pin_hash and (current.path is None or not current.path.exists()):
            # The file that held the PIN has gone: no PIN would open the staff screen to
            # anyone, so the last one stands until the kiosk restarts. (A broken file keeps
            # its own PIN: kiosk.config.)
            log.warning("The config file has gone; the staff PIN read from it earlier stands")
            return known_pin_hash
        known_pin_hash = current.settings.staff_pin_hash
        return known_pin_hash

    return app.run_kiosk(
        settings,
        content_path(args, settings),
        windowed=args.windowed,
        config_file=config_path,
        config_problems=loaded.problems,
        pin_hash=current_pin_hash,
        log_file=log_file,
    )


def _library_or_report(path: Path) -> Library | None:
    """The content as the kiosk reads it (each file in a child process, with its time limit);
    a file it refuses is named on standard error, and the rest are shown."""
    from kiosk.library_loader import load_library_in_child

    read = load_library_in_child(path)
    problems = list(read.library.problems) if read.library is not None else []
    if read.error is not None and read.library is None:
        problems.insert(0, read.error)
    for problem in problems:
        print(f"kiosk: this article cannot be shown.\n{problem}", file=sys.stderr)
    return read.library


def _check(args: argparse.Namespace, loaded: LoadedConfig) -> int:
    from kiosk import app, preview
    from kiosk.check import run_check

    preview.use_offscreen_platform()
    app.application()
    target = args.path or content_path(args, loaded.settings)
    report = run_check(target, loaded)
    print(report.to_json() if args.json else report.to_text())
    return report.exit_code


def _ask(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip()


def _set_pin(config_file: Path) -> int:
    from kiosk.staff import check_pin_format, hash_pin

    first = _ask("New staff PIN (4 to 8 digits): ")
    problem = check_pin_format(first)
    if problem:
        print(f"kiosk: {problem} Nothing was changed.", file=sys.stderr)
        return EXIT_PROBLEM
    second = _ask("The same PIN again: ")
    if second != first:
        print("kiosk: The two PINs differ. Nothing was changed.", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        set_top_level_value(config_file, "staff_pin_hash", hash_pin(first))
    except ConfigEditError as error:
        print(f"kiosk: {error} Nothing was changed.", file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as error:
        print(
            f"kiosk: Could not write {config_file}: {error}. Nothing was changed.", file=sys.stderr
        )
        return EXIT_PROBLEM
    print(f"The staff PIN is set; only its salted hash is stored, in {config_file}.")
    return 0


def _install_autostart(args: argparse.Namespace) -> int:
    from kiosk import autostart
    from kiosk.staff import set_pin_command

    if args.systemd:
        kind = autostart.Kind.SYSTEMD
    elif args.desktop:
        kind = autostart.Kind.DESKTOP
    else:
        kind = autostart.preferred_kind()
    problems = []
    script = autostart.console_script()
    if not script.is_file():
        problems.append(
            f"There is no kiosk command beside this Python ({script}), and that is what the "
            "kiosk would be started with. Install the kiosk into this environment (pip install "
            ".) and run install-autostart with that environment's kiosk command."
        )
    # Read as the kiosk reads it: with no PIN, anyone who finds the staff corner and holds
    # its button can open the staff screen and end the kiosk.
    loaded = load_config(args)
    if not loaded.settings.staff_pin_hash:
        problems += [str(problem) for problem in loaded.problems]
        config = args.config.resolve() if args.config is not None else None
        problems.append(
            "No staff PIN is set, so anyone who finds the staff corner could open the staff "
            f"screen and end the kiosk. Set one first:\n  {set_pin_command(config)}"
        )
    if args.print:
        for problem in problems:
            print(f"kiosk: warning: {problem}", file=sys.stderr)
        if problems:
            print("kiosk: warning: install-autostart refuses until then.", file=sys.stderr)
        print(autostart.render(kind, args.config, args.content), end="")
        return 0
    if problems:
        for problem in problems:
            print(f"kiosk: {problem}", file=sys.stderr)
        print("kiosk: Nothing was installed.", file=sys.stderr)
        return EXIT_PROBLEM
    for path in autostart.install(kind, args.config, args.content):
        print(f"Wrote {path}")
    print(autostart.next_steps(kind))
    return 0


def _uninstall_autostart() -> int:
    from kiosk import autostart

    removed = autostart.uninstall()
    for path in removed:
        print(f"Removed {path}")
    if not removed:
        print("Nothing to remove: the kiosk was not set to start at boot.")
    else:
        print(autostart.stop_hint())
    return 0
