"""The child process that reads one article for the kiosk or `kiosk check`: it finds the
article file, reads it (kiosk.article.read_article_bytes: ordinary files only, never waiting,
never past the size limit), parses it and writes the result for its parent. The parent
(kiosk.content_loader) kills it when it takes too long; it also ends itself shortly after, and
cannot take more than MEMORY_LIMIT_BYTES of memory, should the parent be gone.

It imports nothing but the standard library and kiosk.article (no Qt), so that it starts in
about 40 ms.

Protocol: `child_main([path, known_fingerprint, time_limit_seconds])` writes to standard
output, once the file is read, one line of JSON:
    {"file": "/path/article.md", "fingerprint": "/path/article.md:<sha256>",
     "line": 12, "run": "["}
("line" and "run": where the parse will probably be slow, if anywhere), and then the pickled
result, one of:
    ("article", Article)                   the article, parsed
    ("unchanged",)                         the bytes read have the fingerprint `known`
    ("error", path, problem, fix, line)    a ContentError
A file that cannot be found or read gives `{}` as the first line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import pickle
import resource
import signal
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.article import ContentError, find_article_file, parse_article, read_article_bytes

# A child that runs away with memory gets a MemoryError instead of pushing the kiosk (on a
# small board, perhaps with 1 GB) into swap. The slowest Markdown measured needs ~120 MB.
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024
# A paragraph with fewer Markdown symbols than this parses quickly whatever they are.
_SLOW_SYMBOL_COUNT = 1000
_MARKUP_SYMBOLS = "[]()!*_&#`<>\\"
# child_main's first argument when it is to read a library (library_main), and the one that
# comes before an explicit list of files.
LIBRARY_FLAG = "--library"
FILES_FLAG = "--files"


def too_complex(path: Path, time_limit: float, hint: dict[str, Any]) -> ContentError:
    """The error for an article that took longer than `time_limit` to read."""
    line = hint.get("line") if isinstance(hint.get("line"), int) else None
    run = hint.get("run") if isinstance(hint.get("run"), str) else ""
    seconds = "1 second" if time_limit == 1 else f"{time_limit:g} seconds"
    problem = f"The article is too complex to show: reading it took longer than {seconds}."
    if line is not None and run:
        fix = (
            f"Markdown slows down a great deal on long runs of symbols: remove or shorten the "
            f"long run of '{run}' near line {line}, or split the article into smaller files."
        )
    else:
        fix = (
            "Split the article into smaller files, and look for long runs of symbols such as "
            "'[', '*', '_' or '&' (Markdown slows down a great deal on them)."
        )
    return ContentError(path, problem, fix, line)


def child_main(argv: Sequence[str]) -> int:
    """Read `argv[0]`, compare with the fingerprint `argv[1]`, parse, and write the result
    (see the module's docstring). `argv[2]` is the parent's time limit, in seconds. With
    LIBRARY_FLAG first, read a whole library instead (see library_main)."""
    if argv and argv[0] == LIBRARY_FLAG:
        return library_main(argv[1:])
    path = Path(argv[0])
    known = argv[1]
    time_limit = float(argv[2])
    _limit_resources(time_limit)
    out = sys.stdout.buffer
    result: tuple[Any, ...]
    try:
        file = find_article_file(path)
        data = read_article_bytes(file)
    except ContentError as error:
        out.write(b"{}\n")
        result = _error(error)
    else:
        hint = _hint(file, data)
        out.write(json.dumps(hint).encode() + b"\n")
        out.flush()
        result = (
            ("unchanged",) if hint["fingerprint"] == known else _parse(data, file, hint, time_limit)
        )
    out.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    out.flush()
    return 0


def library_main(argv: Sequence[str]) -> int:
    """Read a library: `argv[0]` is the time limit for each file, in seconds; then either
    one path (a content folder, whose articles kiosk.library.library_files finds, or one
    article file) or FILES_FLAG and the files to read.

    Writes frames (see write_frame): first a JSON list of the files it will read; then, for
    each file, a JSON hint (as child_main's first line) before parsing it and the pickled
    result (as child_main's) after. A parent that sees a hint and no result before its time
    limit knows which file to blame, and reads the files after it in a new child."""
    from kiosk.library import library_files

    time_limit = float(argv[0])
    rest = list(argv[1:])
    out = sys.stdout.buffer
    if rest[:1] == [FILES_FLAG]:
        files = [Path(name) for name in rest[1:]]
    else:
        path = Path(rest[0])
        try:
            files = library_files(path) if _is_folder(path) else [path]
        except ContentError as error:
            # No files, and the folder's own error as the result of reading the folder.
            write_frame(out, json.dumps([]).encode())
            write_frame(out, json.dumps({"file": str(path)}).encode())
            write_frame(out, pickle.dumps(_error(error), protocol=pickle.HIGHEST_PROTOCOL))
            return 0
    # Each file gets the whole limit: the alarm that ends an orphaned child allows for all.
    _limit_resources(time_limit * max(1, len(files)))
    write_frame(out, json.dumps([str(file) for file in files]).encode())
    for file in files:
        result: tuple[Any, ...]
        try:
            data = read_article_bytes(file)
        except ContentError as error:
            hint: dict[str, Any] = {"file": str(file)}
            result = _error(error)
            write_frame(out, json.dumps(hint).encode())
        else:
            hint = _hint(file, data)
            write_frame(out, json.dumps(hint).encode())
            result = _parse(data, file, hint, time_limit)
        write_frame(out, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


def _is_folder(path: Path) -> bool:
    """Raises ContentError when `path` cannot be looked at."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        # find_article_file says why (a closed folder on the way, say) in staff's words.
        find_article_file(path)
        raise


def write_frame(out: BinaryIO, payload: bytes) -> None:
    """One frame of library_main's output: its length in ASCII digits, a newline, the bytes."""
    out.write(b"%d\n" % len(payload))
    out.write(payload)
    out.flush()


def read_frames(output: bytes) -> tuple[list[bytes], int]:
    """The whole frames at the start of `output`, and how many bytes they take (a child
    killed half-way may leave a part of one; more output may complete it)."""
    frames = []
    position = 0
    while True:
        end = output.find(b"\n", position)
        if end < 0:
            break
        try:
            length = int(output[position:end])
        except ValueError:
            break
        start = end + 1
        if start + length > len(output):
            break
        frames.append(output[start : start + length])
        position = start + length
    return frames, position


def _hint(file: Path, data: bytes) -> dict[str, Any]:
    printed = f"{file}:{hashlib.sha256(data).hexdigest()}"
    return {"file": str(file), "fingerprint": printed, **_slow_spot(data)}


def _error(error: ContentError) -> tuple[Any, ...]:
    return ("error", str(error.path), error.problem, error.fix, error.line)


def _parse(data: bytes, file: Path, hint: dict[str, Any], time_limit: float) -> tuple[Any, ...]:
    try:
        return ("article", parse_article(data, file))
    except ContentError as error:
        return _error(error)
    except MemoryError:
        advice = too_complex(file, time_limit, hint)
        return (
            "error",
            str(file),
            "The article is too complex to show: reading it needs more than "
            f"{MEMORY_LIMIT_BYTES // 1024 // 1024} MB of memory.",
            advice.fix,
            advice.line,
        )


def _limit_resources(time_limit: float) -> None:
    """The child ends by itself a little after the parent's limit, even if the parent is gone
    (killed by the watchdog, say) and nobody is left to kill it."""
    seconds = math.ceil(time_limit) + 2
    signal.alarm(seconds)
    for kind, value in ((resource.RLIMIT_CPU, seconds), (resource.RLIMIT_AS, MEMORY_LIMIT_BYTES)):
        soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        if soft == resource.RLIM_INFINITY or soft > value:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(kind, (value, hard))


def _slow_spot(data: bytes) -> dict[str, Any]:
    """Where Python-Markdown will probably be slow: the first line of the paragraph with the
    most Markdown symbols, and the symbol (or short pattern) repeated there. {} if none is
    dense enough to matter."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    best_count, best_line, best_text = 0, 0, ""
    start_line, paragraph = 1, list[str]()
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            if not paragraph:
                start_line = number
            paragraph.append(line)
            continue
        joined = "\n".join(paragraph)
        paragraph = []
        if len(joined) < _SLOW_SYMBOL_COUNT:
            continue
        count = sum(joined.count(symbol) for symbol in _MARKUP_SYMBOLS)
        if count > best_count:
            best_count, best_line, best_text = count, start_line, joined
    if best_count < _SLOW_SYMBOL_COUNT:
        return {}
    return {"line": best_line, "run": _repeated_unit(best_text)}


def _repeated_unit(text: str) -> str:
    """The short pattern `text` repeats, such as '[' or '![a](b)'; else its commonest symbol."""
    sample = "".join(text.split())[:200]
    for size in range(1, 9):
        unit = sample[:size]
        if len(sample) >= size * 8 and sample == (unit * (len(sample) // size + 1))[: len(sample)]:
            return unit
    return max(_MARKUP_SYMBOLS, key=text.count)
