"""The `kiosk` command: run the kiosk, or render its screens to PNG files.

Exit codes: 0 done, 1 the content cannot be shown, 2 a bad option or setting value.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.article import Article, ContentError, load_article
from kiosk.config import ConfigError, Settings, setting_infos, settings_from_mapping

log = logging.getLogger(__name__)

EXIT_CONTENT = 1
EXIT_USAGE = 2
_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX\u00d7]\s*(\d{2,5})\s*$")


def build_parser() -> argparse.ArgumentParser:
    from kiosk.app import BUNDLED_CONTENT

    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="A touchscreen reading kiosk for clinic waiting rooms. "
        "With no command, shows the article full-screen.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    _add_content_option(parser, BUNDLED_CONTENT)
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
        description="Render the start screen, every reading page, the end screen and the idle "
        "warning to numbered PNG files in DIR, without showing a window, and print their paths.",
    )
    _add_content_option(preview, BUNDLED_CONTENT)
    preview.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="Folder for the PNG files (created if missing).",
    )
    preview.add_argument(
        "--size",
        default="1920x1080",
        metavar="WIDTHxHEIGHT",
        help="Screen size to render at, for example 1080x1920 (default: %(default)s).",
    )
    _add_setting_options(preview)
    return parser


def _add_content_option(parser: argparse.ArgumentParser, default: Path) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=default,
        metavar="PATH",
        help="The article to show: a Markdown file, or a folder whose first .md file (by name) "
        "is shown (default: the bundled content folder).",
    )


def _add_setting_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("settings")
    for info in setting_infos():
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
            group.add_argument(
                flag,
                dest=info.name,
                default=None,
                metavar=(info.unit or "VALUE").upper(),
                help=f"{info.help} {info.allowed} (default: {info.default})",
            )


def settings_from_args(args: argparse.Namespace) -> Settings:
    values = {
        info.name: getattr(args, info.name)
        for info in setting_infos()
        if getattr(args, info.name, None) is not None
    }
    return settings_from_mapping(values, source="command line")


def parse_size(text: str) -> tuple[int, int]:
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(
            f"'{text}' is not a screen size. Write it as WIDTHxHEIGHT, like 1920x1080."
        )
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 16384 and 320 <= height <= 16384):
        raise ValueError(f"'{text}' is not a screen size: use 320 to 16384 pixels a side.")
    return width, height


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = settings_from_args(args)
        size = parse_size(args.size) if args.command == "preview" else None
    except (ConfigError, ValueError) as error:
        parser.print_usage(sys.stderr)
        print(f"kiosk: error: {error}", file=sys.stderr)
        return EXIT_USAGE

    from kiosk import app

    app.configure_logging()
    article = _load_or_report(args.content)
    if article is None:
        return EXIT_CONTENT
    if size is not None:
        app.use_offscreen_platform()
        from PySide6.QtCore import QSize

        for path in app.render_previews(article, settings, args.out, QSize(*size)):
            print(path)
        return 0
    return app.run_kiosk(article, settings, windowed=args.windowed)


def _load_or_report(path: Path) -> Article | None:
    try:
        return load_article(path)
    except ContentError as error:
        print(f"kiosk: the article cannot be shown.\n{error}", file=sys.stderr)
        return None
