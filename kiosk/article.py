"""Reading an article file: Markdown with front matter -> an Article of sections and blocks.

This module owns the content format and every message staff see about a broken content file.
It imports nothing from Qt, so it is tested without a QApplication.

Files are read the way staff write them: front matter between '---' lines, or as
Python-Markdown's `meta` lines, or none (the title is then the first '# ' heading, else the
file name); lists indented by two spaces as well as four; tables; fenced code. What the kiosk
can live with but staff should fix (a heading with nothing under it, which is left out;
characters that turn text around, which are taken out) is an Article's `notes`, which
`kiosk check` and the staff screen list as warnings. What it cannot show is a ContentError.

The Markdown is rendered inert: raw HTML is escaped and shown as text, links keep only their
words. A picture on a line of its own (`![description](file.png)`) is a PICTURE block when
kiosk.pictures accepts its file (a PNG or JPEG inside the content folder, within the limits:
only its header is read here); any other picture keeps only its description, "[Picture: ...]",
and staff get a note saying why. Nothing in an article can load a resource from elsewhere or
open a link.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import errno
import hashlib
import html
import os
import pwd
import re
import stat
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from xml.etree import ElementTree

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from kiosk.pictures import MAX_PICTURES, Picture, PictureError, find_picture

ARTICLE_SUFFIX = ".md"
# An article is a few pages of text; anything larger is a mistake (a picture or a document
# saved under the wrong name), and reading it would keep the screen busy.
MAX_ARTICLE_BYTES = 1024 * 1024
# Names that editors, sync tools and copies give their own files: never articles. Hidden names
# (starting with '.') are left out too; see is_ignored_name.
IGNORED_BEGINNINGS = (".", "~", "#")
IGNORED_ENDINGS = ("~", "#", ".swp", ".swo", ".tmp", ".temp", ".part", ".partial", ".crdownload")
_READ_CHUNK = 64 * 1024
# What a path is when it is not an ordinary file, in staff's words.
_KIND_WORDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device (such as /dev/zero)",
    stat.S_IFBLK: "a disk device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}
# Lists and quotes inside each other: a few levels are useful, hundreds only slow things down.
MAX_NESTING = 8
INTRODUCTION_TITLE = "Introduction"
ABOUT_TITLE = "About this information"
NO_REVIEW_DETAILS = (
    "This article does not say when it was reviewed or where its information comes from. "
    "Please ask your care team about anything in it."
)
# Languages written from right to left (ISO 639 codes).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
)
# The front matter settings the kiosk reads (kiosk.library reads id, topic and order).
KNOWN_METADATA = (
    "title",
    "summary",
    "language",
    "id",
    "topic",
    "order",
    "url",
    "last_reviewed",
    "next_review",
    "reviewed_by",
    "sources",
)
FRONT_MATTER_EXAMPLE = (
    "---\ntitle: Ketamine as a treatment for chronic pain\n"
    "summary: One sentence that says what the article is about.\nlanguage: en\n---"
)

# The front matter syntax of Python-Markdown's `meta` extension: `key: value`, and lines
# indented by four or more spaces continue the previous value.
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_META_CONTINUATION = re.compile(r"^(?:[ ]{4,}|\t)(?P<value>.*)$")
_FENCE = re.compile(r"^-{3,}\s*$")
_FENCE_END = re.compile(r"^(?:-{3,}|\.{3,})\s*$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# Section headings as Python-Markdown finds them: '#' or '##' at the very start of a line, or
# a line underlined with '=' or '-'.
_SECTION_HEADING = re.compile(r"^#{1,2}(?!#)")
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)[ ]*$")
_TAG = re.compile(r"<[^>]*>")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# What staff type into a title to make it bold or italic (Markdown keeps it as text): left out.
_FORMATTING_TAG = re.compile(
    r"</?(?:b|i|em|strong|u|s|strike|del|ins|mark|small|big|sub|sup|span|font|tt)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile(r"^[ ]{0,3}((?:>[ ]?)+)")
_SECTION_TAGS = ("h1", "h2")
# Lists as staff write them (see _MarkdownSource): a bullet or a number and a full stop, then
# spaces; and what is not a list although it starts like one.
_LIST_MARKER = re.compile(r"^(?P<indent>[ ]*)(?P<marker>[*+-]|\d{1,9}\.)(?P<space>[ ]+|$)")
# Fenced code as Python-Markdown's fenced_code extension reads it (its FENCED_BLOCK_RE, line by
# line): an opening fence, perhaps with a language or {attributes}; a closing one alone.
_FENCE_OPENING = re.compile(
    r"^(?P<fence>~{3,}|`{3,})[ ]*"
    r"(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=(?P<quote>[\"'])[^\n]*?(?P=quote)[ ]*)?)$"
)
_FENCE_CLOSING = re.compile(r"^(?P<fence>~{3,}|`{3,})[ ]*$")
_THEMATIC_BREAK = re.compile(r"^[ ]{0,3}([-*_])(?:[ ]*\1){2,}[ ]*$")
_ATX_HEADING = re.compile(r"^[ ]{0,3}#")
_INDENT = 4  # Python-Markdown's spaces per level of lists
_MAX_BLOCK_INDENT = 3  # more, after an empty line, and the line is code
# Characters that embed, override or isolate the direction of the text after them (U+202A to
# U+202E, U+2066 to U+2069). In an article they can only do harm: U+202E shows "2 tablets" as
# "stelbat 2". The marks U+200E and U+200F, which only say which way a neutral character such
# as a full stop goes, are kept: Hebrew and Arabic text needs them.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Lines named one by one in the notes about such characters; the rest are counted.
MAX_DIRECTION_NOTES = 5
_FILE_NAME_SEPARATORS = re.compile(r"[-_.\s]+")
# A number that orders files by name ("02-knee.md"): one to three digits, so that a year stays.
_LEADING_NUMBER = re.compile(r"^\d{1,3}\s+")


class ContentError(Exception):
    """A content file the kiosk cannot show, said so that clinic staff can fix it."""

    def __init__(self, path: Path, problem: str, fix: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        self.line = line
        super().__init__(str(self))

    @property
    def where(self) -> str:
        return f"{self.path}, line {self.line}" if self.line is not None else str(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.problem} {self.fix}"


class BlockKind(Enum):
    """What a top-level piece of an article's text is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"  # a sub-heading inside a section (### and deeper)
    LIST = "list"
    QUOTE = "quote"
    CODE = "code"
    RULE = "rule"
    # A table: shown as a grid where it fits across the page (kiosk.text_layout, from
    # Block.rows, the cells themselves), else as a list of its rows, each cell on a line of its
    # own after its column's heading (Block.html).
    TABLE = "table"
    # A picture on a line of its own, with its description as its caption (Block.picture).
    PICTURE = "picture"


_KIND_BY_TAG = {
    "p": BlockKind.PARAGRAPH,
    "h3": BlockKind.HEADING,
    "h4": BlockKind.HEADING,
    "h5": BlockKind.HEADING,
    "h6": BlockKind.HEADING,
    "ul": BlockKind.LIST,
    "ol": BlockKind.LIST,
    "blockquote": BlockKind.QUOTE,
    "pre": BlockKind.CODE,
    "hr": BlockKind.RULE,
    "table": BlockKind.TABLE,
}


@dataclass(frozen=True)
class Block:
    """One top-level block of a section: its kind, its inert HTML and its plain text.

    A code block's text keeps its lines; other blocks' text is one line. A table's `rows` are
    its cells' inert HTML, the heading row first (its `html` is the table as stacked rows).
    A picture's `text` is its description (the caption, read aloud) and its `html` the text
    shown should its file fail to decode: "[Picture: description]"."""

    kind: BlockKind
    html: str
    text: str
    rows: tuple[tuple[str, ...], ...] = ()
    picture: Picture | None = None


@dataclass(frozen=True)
class Section:
    """A slide's worth of article: a heading and the blocks below it."""

    title: str
    blocks: tuple[Block, ...]
    # The title is the kiosk's own word (the introduction's, "About this information"), shown
    # in the patient's language rather than as written here.
    kiosk_title: bool = False

    @property
    def html(self) -> str:
        return "\n".join(block.html for block in self.blocks)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class ContentNote:
    """Something in an article file that staff should fix but the kiosk can live with, found
    while reading it (an empty section, characters left out): `kiosk check` and the staff
    screen list it as a warning. `line`: where in the file, when known."""

    message: str
    line: int | None = None


@dataclass(frozen=True)
class Article:
    """A whole article as read from one file."""

    path: Path
    title: str
    summary: str
    language: str
    sections: tuple[Section, ...]
    metadata: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # SHA-256 of the bytes this article was read from: tells an unchanged file from an edit,
    # even one made between reading the file and watching it.
    source_digest: str = ""
    notes: tuple[ContentNote, ...] = ()

    @property
    def right_to_left(self) -> bool:
        return self.language.split("-")[0].lower() in RTL_LANGUAGES

    @property
    def slides(self) -> tuple[Section, ...]:
        """Everything a patient pages through: the sections, then "About this information";
        the kiosk's own titles in the interface's language (see kiosk.words)."""
        from kiosk import words  # the screens' process only: reading an article needs no Qt

        sections = tuple(
            dataclasses.replace(section, title=words.introduction_title())
            if section.kiosk_title
            else section
            for section in self.sections
        )
        return (*sections, about_section(self, words.about_words()))


def about_section(article: Article, about_words: AboutWords | None = None) -> Section:
    """Review details from the front matter, as written there, under the labels of
    `about_words` (default: English). Absent ones are left out."""
    labels = about_words or AboutWords()
    rows = (
        ("last_reviewed", labels.last_reviewed),
        ("next_review", labels.next_review),
        ("reviewed_by", labels.reviewed_by),
    )
    blocks = []
    for key, label in rows:
        value = " ".join(article.metadata.get(key, ())).strip()
        if value:
            text = f"{label}: {value}"
            blocks.append(
                Block(
                    BlockKind.PARAGRAPH,
                    f"<p><b>{html.escape(label)}:</b> {html.escape(value)}</p>",
                    text,
                )
            )
    sources = [source for source in article.metadata.get("sources", ()) if source.strip()]
    if sources:
        heading = labels.sources
        blocks.append(Block(BlockKind.HEADING, f"<h3>{html.escape(heading)}</h3>", heading))
        items = "".join(f"<li>{html.escape(source)}</li>" for source in sources)
        blocks.append(Block(BlockKind.LIST, f"<ul>{items}</ul>", "\n".join(sources)))
    if not blocks:
        none = labels.none_given
        blocks.append(Block(BlockKind.PARAGRAPH, f"<p>{html.escape(none)}</p>", none))
    return Section(title=labels.title, blocks=tuple(blocks), kiosk_title=True)


@dataclass(frozen=True)
class AboutWords:
    """The words of "About this information", English by default (kiosk.words translates)."""

    title: str = ABOUT_TITLE
    last_reviewed: str = "Last reviewed"
    next_review: str = "Next review due"
    reviewed_by: str = "Reviewed by"
    sources: str = "Sources"
    none_given: str = NO_REVIEW_DETAILS


def is_ignored_name(name: str) -> bool:
    """Whether a file name is one that editors, sync tools and copies leave beside articles.

    Hidden names (`._article.md`, which macOS leaves on copies; Syncthing's
    `.syncthing.article.md.tmp`; rsync's `.~tmp~` folder; Emacs's `.#article.md`) and
    temporary ones (`article.md~`, `~$article.md`, `.swp`, `.part`, ...) are never articles:
    one of them sorting first would push the real article aside, and a half-written one would
    show half an article.
    """
    return name.startswith(IGNORED_BEGINNINGS) or name.endswith(IGNORED_ENDINGS)


def article_files(folder: Path) -> list[Path]:
    """A folder's articles in file-name order: `.md` entries that are neither folders nor
    hidden or temporary files. Raises ContentError when the folder cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name
                for entry in entries
                if entry.name.endswith(ARTICLE_SUFFIX)
                and not is_ignored_name(entry.name)
                and not _is_folder(entry)
            ]
    except OSError as error:
        raise _os_error(folder, error, folder=True) from error
    return [folder / name for name in sorted(names)]


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False  # not a folder we could enter; reading it as a file says what is wrong


def find_article_file(path: Path) -> Path:
    """The article file to show for `path`: the file itself, or a folder's first article.

    A folder's articles are taken in file-name order, so staff can choose which one shows by
    naming it (for example with a leading number). Raises ContentError when there is none or
    the path cannot be looked at.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise _os_error(path, error) from error
    if not stat.S_ISDIR(mode):
        return path
    articles = article_files(path)
    if not articles:
        raise ContentError(
            path,
            "This folder holds no article.",
            f"Put an article file ending in {ARTICLE_SUFFIX} in it, or choose another folder. "
            "Hidden and temporary files (names starting with '.', or ending in '~', '.tmp', "
            "'.part' and the like) are left out.",
        )
    return articles[0]


def read_article_bytes(path: Path) -> bytes:
    """The bytes of the article file at `path`, read so that no file can stall or swamp the
    kiosk: only an ordinary file (a link to one is fine), refused by its size before reading,
    opened without waiting (a named pipe would wait for a writer for ever), and read no further
    than the size limit (a device such as /dev/zero never ends). Raises ContentError."""
    try:
        info = path.stat()
    except OSError as error:
        raise _os_error(path, error) from error
    _check_ordinary_file(path, info)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise _os_error(path, error) from error
    try:
        # The path may have been swapped for something else since it was looked at.
        opened = os.fstat(descriptor)
        _check_ordinary_file(path, opened)
        chunks: list[bytes] = []
        left = MAX_ARTICLE_BYTES + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, _READ_CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise _os_error(path, error) from error
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(path, max(len(data), opened.st_size))  # it grew while being read
    return data


def _check_ordinary_file(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = _KIND_WORDS.get(stat.S_IFMT(info.st_mode), "not an ordinary file")
        target = _link_target(path)
        what = f"This is a link to {target}, which is" if target else "This is"
        raise ContentError(
            path,
            f"{what} {kind}, not an article file.",
            "Put the article itself here: an ordinary Markdown file saved from a text editor "
            f"(ending in {ARTICLE_SUFFIX}).",
        )
    if info.st_size > MAX_ARTICLE_BYTES:
        raise _too_large(path, info.st_size)


def _link_target(path: Path) -> str:
    try:
        return str(path.resolve(strict=True)) if path.is_symlink() else ""
    except (OSError, RuntimeError):
        return ""


def _too_large(path: Path, size: int) -> ContentError:
    megabytes = size / 1024 / 1024
    amount = f"{megabytes / 1024:.1f} GB" if megabytes >= 1024 else f"{megabytes:.1f} MB"
    return ContentError(
        path,
        f"The file is {amount}; an article is at most "
        f"{MAX_ARTICLE_BYTES // 1024 // 1024} MB of text.",
        "Check that this is the article's Markdown file. Pictures cannot be put inside it.",
    )


def _os_error(path: Path, error: OSError, *, folder: bool = False) -> ContentError:
    """What staff can do about a file or folder the system would not let the kiosk read."""
    reason = error.strerror or str(error)
    if error.errno == errno.ENOENT:
        return ContentError(
            path,
            "The content folder does not exist." if folder else "The article file does not exist.",
            "Check the path, or put the article file there.",
        )
    if error.errno == errno.ENOTDIR:
        blocker = _first_file_on_the_way(path)
        where = f"'{blocker}' is a file, not a folder" if blocker else "part of the path is a file"
        return ContentError(
            path,
            f"This cannot be reached: {where}.",
            "Check the path. If a sync or copy replaced the content folder by a file, put the "
            "folder back.",
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        blocker = _first_closed_folder(path)
        owner = _user_name()
        if blocker is not None and blocker != path.absolute():
            return ContentError(
                path,
                f"The kiosk is not allowed to read this ({reason}): it may not open the "
                f"folder {blocker}.",
                f"Let the kiosk's user ('{owner}') through that folder, for example with "
                f"'sudo chmod a+x {blocker}', or keep the content where that user may read it.",
            )
        everything = "-R a+rX" if _is_folder_path(path) else "a+r"
        return ContentError(
            path,
            f"The kiosk is not allowed to read this ({reason}).",
            f"Let the kiosk's user ('{owner}') read it, for example with "
            f"'sudo chmod {everything} {path}', or copy the content as that user (a copy made "
            "with sudo belongs to root).",
        )
    return ContentError(
        path,
        f"The file could not be read ({reason}).",
        "Check that the file exists and that the kiosk's user may read it.",
    )


def _first_file_on_the_way(path: Path) -> Path | None:
    for ancestor in reversed(path.parents):
        try:
            if not stat.S_ISDIR(ancestor.stat().st_mode):
                return ancestor
        except OSError:
            return None
    return None


def _first_closed_folder(path: Path) -> Path | None:
    """The first folder on the way to `path`, or `path` itself, that the kiosk may not open."""
    path = path.absolute()
    for folder in reversed(path.parents):
        if not os.access(folder, os.X_OK):
            return folder
    wanted = os.R_OK | os.X_OK if _is_folder_path(path) else os.R_OK
    return None if os.access(path, wanted) else path


def _is_folder_path(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _user_name() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def load_article(path: Path) -> Article:
    """Read the article at `path` (a file, or a folder holding one). Raises ContentError.

    This parses in the calling thread, with no time limit: the kiosk and `kiosk check` go
    through kiosk.content_loader, which parses in a child process that cannot take too long.
    """
    path = find_article_file(path)
    return parse_article(read_article_bytes(path), path)


def parse_article(data: bytes, path: Path) -> Article:
    """Turn the bytes of an article file into an Article. Raises ContentError."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(path, len(data))
    text = _decode(data, path)
    if not text.strip():
        raise ContentError(
            path,
            "The file is empty.",
            f"Write the article into it, starting with front matter like:\n{FRONT_MATTER_EXAMPLE}",
        )
    text, notes = _without_direction_controls(text)
    lines = text.split("\n")
    metadata, metadata_lines, body_start = _read_front_matter(lines, path)
    language = _single_value(metadata, "language") or "en"
    if not _LANGUAGE_TAG.match(language):
        raise ContentError(
            path,
            f"'{language}' is not a language code.",
            "Write a language code such as 'en', 'es' or 'pt-BR' after 'language:'.",
            line=metadata_lines.get("language"),
        )
    written_title = _inline_text(_single_value(metadata, "title"))
    body = _MarkdownSource.of(lines[body_start:], body_start, path)
    sections, heading_title, section_notes = _read_sections(body, path, written_title)
    return Article(
        path=path,
        title=written_title or heading_title or _title_from_file_name(path),
        summary=_inline_text(_single_value(metadata, "summary")),
        language=language,
        sections=sections,
        metadata=metadata,
        source_digest=_digest(data, sections),
        # In the file's order, as staff go through it.
        notes=tuple(sorted((*notes, *section_notes), key=lambda note: note.line or 0)),
    )


def _digest(data: bytes, sections: Sequence[Section]) -> str:
    """What tells this version of the article from another: its bytes, and each picture's file
    size and time (a picture replaced beside an unchanged article is a change to show)."""
    digest = hashlib.sha256(data)
    for section in sections:
        for block in section.blocks:
            if block.picture is not None:
                picture = block.picture
                digest.update(
                    f"\0{picture.path}:{picture.file_bytes}:{picture.modified_ns}".encode()
                )
    return digest.hexdigest()


def _decode(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ContentError(
            path,
            "The file is not saved as UTF-8 text, so some letters cannot be read.",
            "Open it in a text editor and save it again with the encoding 'UTF-8'.",
            line=line,
        ) from error
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ContentError(
            path,
            "The file holds binary data, not text.",
            "Check that this is the article's Markdown file and not another kind of file.",
            line=line,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _without_direction_controls(text: str) -> tuple[str, list[ContentNote]]:
    """The text without the characters that override or isolate the direction of what follows
    them, and a note for staff on each line that held one (a few lines named, then a count)."""
    if not _DIRECTION_CONTROLS.search(text):
        return text, []
    lines = text.split("\n")
    notes = []
    marked = [number for number, line in enumerate(lines, 1) if _DIRECTION_CONTROLS.search(line)]
    for number in marked[:MAX_DIRECTION_NOTES]:
        found = sorted(set(_DIRECTION_CONTROLS.findall(lines[number - 1])))
        names = ", ".join(
            f"U+{ord(character):04X} {_character_name(character)}" for character in found
        )
        notes.append(
            ContentNote(
                f"This line holds invisible characters that change the direction of the text "
                f"after them ({names}); they can make words read backwards, so the kiosk leaves "
                "them out. Delete them from the file (retype the line if they cannot be seen).",
                line=number,
            )
        )
    if len(marked) > MAX_DIRECTION_NOTES:
        more = marked[MAX_DIRECTION_NOTES:]
        notes.append(
            ContentNote(
                f"{len(more)} more lines, from line {more[0]}, hold such characters too; the "
                "kiosk leaves them all out.",
                line=more[0],
            )
        )
    return _DIRECTION_CONTROLS.sub("", text), notes


def _character_name(character: str) -> str:
    return unicodedata.name(character, "direction control")


def _read_front_matter(
    lines: list[str], path: Path
) -> tuple[dict[str, tuple[str, ...]], dict[str, int], int]:
    """Parse the front matter: (values by key, line number by key, index of the first body line).

    Two ways of writing it are read: between '---' lines, and Python-Markdown's own `meta`
    style, `key: value` lines at the very top ended by an empty line. A file without either
    has none, and its body starts on line 1.
    """
    if lines and _FENCE.match(lines[0]):
        return _read_fenced_front_matter(lines, path)
    first = _META_LINE.match(lines[0]) if lines else None
    # Only a setting the kiosk knows starts front matter without '---': an article whose first
    # line happens to be "Note: bring your glasses" keeps that line as its text.
    if first is not None and first.group("key").lower() in KNOWN_METADATA:
        return _read_meta_lines(lines, path)
    return {}, {}, 0


def _read_fenced_front_matter(
    lines: list[str], path: Path
) -> tuple[dict[str, tuple[str, ...]], dict[str, int], int]:
    """Front matter between '---' lines (the closing one may be '...').

    Python-Markdown's own `meta` extension silently turns a line it cannot read into article
    text; staff need to hear about that line instead, so the same syntax is read here.
    """
    values: dict[str, list[str]] = {}
    key_lines: dict[str, int] = {}
    key: str | None = None
    blank_line: int | None = None
    for index in range(1, len(lines)):
        line = lines[index]
        number = index + 1
        if _FENCE_END.match(line):
            return {k: tuple(v) for k, v in values.items()}, key_lines, index + 1
        if not line.strip():
            key = None
            blank_line = blank_line or number
            continue
        continuation = _META_CONTINUATION.match(line)
        if continuation and key is not None:
            values[key].append(continuation.group("value").strip())
            continue
        entry = _META_LINE.match(line)
        if entry is None and blank_line is not None:
            # Settings, an empty line, then text: the closing '---' was forgotten.
            raise ContentError(
                path,
                "The front matter starts with '---' on line 1 but never ends.",
                f"Add a line with just '---' after the last setting (before line {blank_line}).",
                line=1,
            )
        if entry is None:
            raise ContentError(
                path,
                f"This line of the front matter is not a 'name: value' setting: {line.strip()!r}.",
                "Write it as 'name: value' (for example 'title: My article'), or indent it "
                "by four spaces to continue the line above.",
                line=number,
            )
        key = _add_setting(values, key_lines, entry, number, path)
    raise ContentError(
        path,
        "The front matter starts with '---' on line 1 but never ends.",
        "Add a line with just '---' after the last setting (title, summary, ...).",
        line=1,
    )


def _read_meta_lines(
    lines: list[str], path: Path
) -> tuple[dict[str, tuple[str, ...]], dict[str, int], int]:
    """Front matter in Python-Markdown's `meta` style, without '---': settings from line 1 to
    the first empty line (or a '---' or '...' line). As in Python-Markdown, a line that is not
    a setting ends them too, and is the article's first line."""
    values: dict[str, list[str]] = {}
    key_lines: dict[str, int] = {}
    key: str | None = None
    for index, line in enumerate(lines):
        if not line.strip() or _FENCE_END.match(line):
            return {k: tuple(v) for k, v in values.items()}, key_lines, index + 1
        continuation = _META_CONTINUATION.match(line)
        if continuation and key is not None:
            values[key].append(continuation.group("value").strip())
            continue
        entry = _META_LINE.match(line)
        if entry is None:
            return {k: tuple(v) for k, v in values.items()}, key_lines, index
        key = _add_setting(values, key_lines, entry, index + 1, path)
    return {k: tuple(v) for k, v in values.items()}, key_lines, len(lines)


def _add_setting(
    values: dict[str, list[str]],
    key_lines: dict[str, int],
    entry: re.Match[str],
    number: int,
    path: Path,
) -> str:
    """Record one `key: value` line of the front matter; returns its key (in lower case:
    keys are read whatever their case, as Python-Markdown reads them)."""
    key = entry.group("key").lower()
    if key in values:
        raise ContentError(
            path,
            f"'{key}' is set twice in the front matter.",
            f"Keep one '{key}:' line (the first is on line {key_lines[key]}).",
            line=number,
        )
    value = entry.group("value").strip()
    values[key] = [value] if value else []
    key_lines[key] = number
    return key


def _single_value(metadata: Mapping[str, tuple[str, ...]], key: str) -> str:
    return " ".join(metadata.get(key, ())).strip()


def _title_from_file_name(path: Path) -> str:
    """A title made from the file name, for an article that gives none: "knee-replacement.md"
    and "02_knee_replacement.es.md" -> "Knee replacement". The words keep their letters as
    written ("mri-scan" -> "Mri scan", "MRI-scan" -> "MRI scan"); only the first is capitalised."""
    # Imported here: kiosk.library reads articles with this module, and knows the language tags
    # a file name may carry ("consent.es.md").
    from kiosk.library import name_language

    name, _ = name_language(path)
    words = " ".join(_FILE_NAME_SEPARATORS.split(_DIRECTION_CONTROLS.sub("", name))).strip()
    words = _LEADING_NUMBER.sub("", words) or words or path.name
    return words[0].upper() + words[1:]


class _MarkdownSource:
    """An article's body as Python-Markdown is to read it, and where each of its lines comes
    from in the file.

    Staff write lists the way most Markdown editors (CommonMark, GitHub) read them: a nested
    list is indented under its parent's words, by two or three spaces as often as by four, and
    a list may follow a line of text directly. Python-Markdown wants four spaces per level and
    an empty line before a list: read as written, two-space levels collapse into one, and a list
    after a line of text stays in that paragraph as '- ' text. So list lines are re-indented to
    four spaces per level, and an empty line goes where a list (or a list of the other kind:
    numbers after bullets) starts. Lines of fenced code are left exactly as they are.
    """

    def __init__(self, lines: list[str], line_numbers: list[int], fenced: set[int]) -> None:
        self.lines = lines
        self.line_numbers = line_numbers  # the file's line number of each of `lines`
        self.fenced = fenced  # indices of `lines` inside fenced code (fences included)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @classmethod
    def of(cls, body_lines: list[str], body_start: int, path: Path) -> _MarkdownSource:
        """The body read from `body_lines`, whose first is the file's line `body_start + 1`.
        Raises ContentError for lists or quotes nested deeper than MAX_NESTING."""
        # As Python-Markdown does before anything else: tabs are four columns.
        expanded = [line.expandtabs(4) for line in body_lines]
        fenced = _fenced_lines(expanded)
        rewriter = _ListRewriter(path)
        for index, line in enumerate(expanded):
            rewriter.read(line, body_start + index + 1, fenced=index in fenced)
        return cls(rewriter.lines, rewriter.line_numbers, rewriter.fenced)

    def section_heading_lines(self) -> list[int]:
        """File line numbers of the section headings (# and ##, or underlined with = or -) as
        Python-Markdown finds them, in order."""
        numbers = []
        for index, line in enumerate(self.lines):
            if index in self.fenced:
                continue
            if _SECTION_HEADING.match(line):
                numbers.append(self.line_numbers[index])
            elif (
                index > 0
                and _SETEXT_UNDERLINE.match(line)
                and self.lines[index - 1].strip()
                and not self.lines[index - 1].startswith("#")
                and (index < 2 or not self.lines[index - 2].strip())  # starts its block
                and index - 1 not in self.fenced
            ):
                numbers.append(self.line_numbers[index - 1])
        return numbers


class _ListRewriter:
    """Writes an article's body line by line as Python-Markdown is to read it (see
    _MarkdownSource): list lines four spaces per level, and an empty line where a new list
    starts or a list ends in a way Python-Markdown would not see."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []
        self.line_numbers: list[int] = []
        self.fenced: set[int] = set()  # indices of `lines` inside fenced code, left as written
        self._items: list[_OpenItem] = []  # the list items open at this line, outermost first
        self._paragraph = False  # the line above is running text that a list would interrupt
        self._after_blank = True
        # How far the first line of the block being written is indented (Python-Markdown reads
        # text between empty lines as one block): a list item less indented than that would be
        # taken into it.
        self._block_indent = 0

    def read(self, line: str, number: int, *, fenced: bool) -> None:
        """Take the file's line `number` (tabs expanded); `fenced`: inside fenced code."""
        _check_quote_nesting(line, number, self.path)
        if fenced:
            self._items.clear()
            self.fenced.add(len(self.lines))
            self._add(line, number)
            self._paragraph, self._after_blank = False, False
            return
        if not line.strip():
            self._add(line, number)
            self._paragraph, self._after_blank = False, True
            return
        marker = None if _THEMATIC_BREAK.match(line) else _LIST_MARKER.match(line)
        if marker is None or not self._list_line(line, number, marker):
            self._text_line(line, number)
        self._after_blank = False

    def _list_line(self, line: str, number: int, marker: re.Match[str]) -> bool:
        """Write a line that starts like a list item; False if it is text after all."""
        items = self._items
        indent = len(marker.group("indent"))
        if not items and indent > _MAX_BLOCK_INDENT:
            return False  # code, or a wrapped line of text
        item = _OpenItem.at(marker)
        previous: _OpenItem | None = None
        while items and indent < items[-1].holds_from:
            previous = items.pop()
        if not items and self._paragraph and not item.may_interrupt_text:
            return False  # "... in\n1984. It was ...": text, as in CommonMark
        depth = _INDENT * len(items)
        self._add(
            " " * depth + f"{marker.group('marker')} {line[marker.end() :]}",
            number,
            separate=(
                self._paragraph
                or (previous is not None and previous.ordered != item.ordered)
                or depth < self._block_indent
            ),
        )
        items.append(item)
        if len(items) > MAX_NESTING:
            raise _too_deep(self.path, number)
        self._paragraph = False
        return True

    def _text_line(self, line: str, number: int) -> None:
        items = self._items
        indent = len(line) - len(line.lstrip(" "))
        words = line.strip()
        heading_or_rule = bool(_THEMATIC_BREAK.match(line) or _ATX_HEADING.match(line))
        if items and indent < items[-1].holds_from and (heading_or_rule or words[0] == ">"):
            items.clear()  # a heading, a rule or a quote under a list ends it
            self._add(line, number, separate=True)
            self._paragraph = not heading_or_rule
        elif items and self._after_blank:
            while items and indent < items[-1].holds_from:
                items.pop()
            if items:  # a further paragraph of an item, perhaps indented more (code)
                deeper = max(indent - items[-1].content, 0)
                self._add(" " * (_INDENT * len(items) + deeper) + words, number)
            else:
                self._add(line, number)
            self._paragraph = True
        elif items:
            # Running on from the line above, however it is indented (a wrapped line).
            self._add(" " * (_INDENT * len(items)) + words, number)
        else:
            self._add(line, number)
            code = self._after_blank and indent > _MAX_BLOCK_INDENT
            self._paragraph = not (_ATX_HEADING.match(line) or code)

    def _add(self, text: str, number: int, *, separate: bool = False) -> None:
        """Add a line that comes from the file's line `number`; with `separate`, after an
        empty line (unless one is there already): a new block starts there."""
        if separate and self.lines and self.lines[-1].strip():
            self.lines.append("")
            self.line_numbers.append(number)
        if text.strip() and not (self.lines and self.lines[-1].strip()):
            self._block_indent = len(text) - len(text.lstrip(" "))
        self.lines.append(text)
        self.line_numbers.append(number)


@dataclass(frozen=True)
class _OpenItem:
    """A list item that later lines may still belong to."""

    marker: int  # the column of its bullet or number
    content: int  # the column its words start at
    ordered: bool
    may_interrupt_text: bool  # bullets, and numbered lists that start at 1 (as in CommonMark)

    @property
    def holds_from(self) -> int:
        """How far a line must be indented to belong to this item (a nested list, a further
        paragraph): up to its words, as CommonMark has it, but two spaces past its marker are
        enough. Staff indent a list under "1. " by two spaces as often as by three."""
        return min(self.content, self.marker + 2)

    @classmethod
    def at(cls, marker: re.Match[str]) -> _OpenItem:
        symbol = marker.group("marker")
        spaces = len(marker.group("space"))
        # Five spaces or more after the marker: the words start one space after it, the rest
        # is indentation (CommonMark); an empty item's words would too.
        width = spaces if 1 <= spaces <= _INDENT else 1
        ordered = symbol[0].isdigit()
        return cls(
            marker=len(marker.group("indent")),
            content=len(marker.group("indent")) + len(symbol) + width,
            ordered=ordered,
            may_interrupt_text=not ordered or int(symbol[:-1]) == 1,
        )


def _fenced_lines(lines: list[str]) -> set[int]:
    """Indices of the lines inside fenced code (``` or ~~~), fences included, found as
    Python-Markdown's fenced_code extension finds them: from an opening fence at the start of
    a line to the next line that is the same fence alone. An opening fence that is never
    closed is no fence. In one pass, however many fences are left open."""
    closings: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        closing = _FENCE_CLOSING.match(line)
        if closing is not None:
            closings.setdefault(closing.group("fence"), []).append(index)
    fenced: set[int] = set()
    index = 0
    while index < len(lines):
        opening = _FENCE_OPENING.match(lines[index])
        if opening is not None:
            candidates = closings.get(opening.group("fence"), [])
            found = bisect.bisect_right(candidates, index)
            if found < len(candidates):
                end = candidates[found]
                fenced.update(range(index, end + 1))
                index = end + 1
                continue
        index += 1
    return fenced


def _check_quote_nesting(line: str, number: int, path: Path) -> None:
    """Refuse quotes nested deeper than MAX_NESTING, before Markdown spends time on them."""
    quotes = _QUOTE_MARKS.match(line)
    if quotes and quotes.group(1).count(">") > MAX_NESTING:
        raise _too_deep(path, number)


def _too_deep(path: Path, number: int) -> ContentError:
    return ContentError(
        path,
        "This line is nested too deeply (lists or quotes inside each other) to show.",
        f"Use at most {MAX_NESTING} levels of lists and quotes inside each other.",
        line=number,
    )


class _InertBlocks(Treeprocessor):
    """Runs last: sets pictures apart from the text around them, makes links inert and every
    other picture its description, tables stacked rows, then records each top-level block
    (a picture set apart is an "img" block, for kiosk.pictures to look at)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.blocks: list[_RawBlock] = []
        self.images: list[_Image] = []  # every picture written, in the article's order

    def run(self, root: ElementTree.Element) -> None:
        self.images = []
        for number, image in enumerate(root.iter("img")):
            image.set(_IMAGE_NUMBER, str(number))
            self.images.append(_Image(image.get("src") or "", (image.get("alt") or "").strip()))
        _set_pictures_apart(root)
        tables = []
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    child.tag = "span"
                    child.attrib.clear()
                elif child.tag == "img" and parent is root:
                    number = int(child.get(_IMAGE_NUMBER, "0"))
                    self.images[number] = dataclasses.replace(self.images[number], alone=True)
                elif child.tag == "img":
                    parent.remove(child)
                    parent.insert(index, _image_replacement(child))
                elif child.tag == "table":
                    tables.append((parent, child))
        # Once every link and picture in them is inert.
        table_rows: dict[int, tuple[tuple[str, ...], ...]] = {}
        for parent, table in tables:
            stacked = _stacked_rows(table)
            table_rows[id(stacked)] = tuple(
                tuple(_inner_html(self._html(cell)) for cell in row) for row in _table_cells(table)
            )
            parent.insert(list(parent).index(table), stacked)
            parent.remove(table)
        self.blocks = []
        for element in root:
            if element.tag == "img":
                placeholder = ElementTree.Element("p")
                placeholder.append(_image_replacement(element))
                self.blocks.append(
                    _RawBlock(
                        "img",
                        self._html(placeholder),
                        (element.get("alt") or "").strip(),
                        image=int(element.get(_IMAGE_NUMBER, "0")),
                    )
                )
                continue
            serialized = self._html(element)
            # A fenced code block reaches the tree as a paragraph holding a placeholder.
            tag = "pre" if serialized.startswith("<pre") else element.tag
            rows = table_rows.get(id(element), ())
            if rows:
                tag = "table"
            if tag == "pre":
                # Code keeps its lines, as it is shown.
                text = html.unescape(_TAG.sub("", serialized)).strip("\n")
            else:
                text = _plain_text(serialized)
            self.blocks.append(_RawBlock(tag, serialized, text, rows))

    def _html(self, element: ElementTree.Element) -> str:
        serialized: str = self.md.serializer(element)
        for processor in self.md.postprocessors:
            serialized = processor.run(serialized)
        return serialized.strip()


@dataclass(frozen=True)
class _RawBlock:
    tag: str
    html: str
    text: str
    rows: tuple[tuple[str, ...], ...] = ()
    image: int | None = None  # a picture set apart: its number in _InertBlocks.images


@dataclass(frozen=True)
class _Image:
    """A picture as written: its file, its description, and whether it stood apart from
    lists, quotes, tables and headings (so that it can be shown as a picture)."""

    source: str
    alt: str
    alone: bool = False


# Each picture's number in _InertBlocks.images, carried on its element while the tree is
# rearranged (never serialized: pictures become text or blocks of their own).
_IMAGE_NUMBER = "data-kiosk-picture"


def _set_pictures_apart(root: ElementTree.Element) -> None:
    """Each paragraph that holds pictures becomes its text before, between and after them, and
    the pictures themselves, as top-level blocks in that order. Pictures in lists, quotes,
    tables, headings and links stay where they are (and become their description)."""
    for position in range(len(root) - 1, -1, -1):
        paragraph = root[position]
        if paragraph.tag != "p" or paragraph.find("img") is None:
            continue
        pieces = []
        text = ElementTree.Element("p")
        text.text = paragraph.text
        for child in list(paragraph):
            if child.tag != "img":
                text.append(child)
                continue
            if _has_words(text):
                pieces.append(text)
            text = ElementTree.Element("p")
            text.text, child.tail = child.tail, None
            pieces.append(child)
        if _has_words(text):
            pieces.append(text)
        root.remove(paragraph)
        for offset, piece in enumerate(pieces):
            root.insert(position + offset, piece)


def _has_words(paragraph: ElementTree.Element) -> bool:
    """Whether a paragraph holds more than spaces and line breaks."""
    return bool((paragraph.text or "").strip()) or any(
        child.tag != "br" or (child.tail or "").strip() for child in paragraph
    )


def _image_replacement(image: ElementTree.Element) -> ElementTree.Element:
    """An image shows as its description, in italics, and is never loaded."""
    replacement = ElementTree.Element("em")
    description = (image.get("alt") or "").strip()
    replacement.text = f"[Picture: {description}]" if description else ""
    replacement.tail = image.tail
    return replacement


def _table_cells(table: ElementTree.Element) -> list[list[ElementTree.Element]]:
    """A table's rows (the heading row first), each a list of its cells, as `td` elements."""
    rows = []
    for row in table.iter("tr"):
        cells = []
        for cell in row:
            duplicate = ElementTree.Element("td")
            duplicate.text = cell.text
            duplicate.extend(list(cell))
            cells.append(duplicate)
        rows.append(cells)
    return rows


def _stacked_rows(table: ElementTree.Element) -> ElementTree.Element:
    """A table as a list with one item per row, each cell on a line of its own after its
    column's heading ("Time: Morning", then "Dose: 1 tablet"): readable in a column of any
    width, and a page can end between rows but never inside one. Empty cells are left out."""
    rows = _table_cells(table)
    headings, body = (rows[0], rows[1:]) if rows else ([], [])
    stacked = ElementTree.Element("ul")
    for row in body or [headings]:
        item = ElementTree.Element("li")
        for column, cell in enumerate(row):
            if not _plain_text(ElementTree.tostring(cell, encoding="unicode")):
                continue
            if len(item) or (item.text or "").strip():
                ElementTree.SubElement(item, "br")
            heading = headings[column] if body and column < len(headings) else None
            if heading is not None and _plain_text(
                ElementTree.tostring(heading, encoding="unicode")
            ):
                label = ElementTree.SubElement(item, "b")
                label.text = heading.text
                label.extend(copy.deepcopy(list(heading)))
                _append_text(label, ":")
                label.tail = " "
            _append_text(item, cell.text or "")
            item.extend(copy.deepcopy(list(cell)))
        if len(item) or (item.text or "").strip():
            stacked.append(item)
    return stacked


def _append_text(element: ElementTree.Element, text: str) -> None:
    """Add `text` at the end of `element`'s content (after its last child, if it has one)."""
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _inner_html(element_html: str) -> str:
    """The HTML inside an element's outer tags: "<td>1 <b>tablet</b></td>" -> "1 <b>tablet</b>"."""
    return element_html[element_html.index(">") + 1 : element_html.rindex("<")].strip()


def _plain_text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _title_text(fragment: str) -> str:
    """The words of a title's HTML, as one line: tags left out without adding spaces, and
    formatting tags that staff typed (<b>, <i>, ...), which Markdown keeps as text, left out
    too (a title is shown in its own style)."""
    words = html.unescape(_TAG.sub("", _LINE_BREAK_TAG.sub(" ", fragment)))
    words = _FORMATTING_TAG.sub("", _LINE_BREAK_TAG.sub(" ", words))
    return " ".join(words.split())


def _inline_text(source: str) -> str:
    """The words of one line of Markdown written in the front matter (a title, a summary), its
    bold, italics and formatting tags left out: "**Knee** <i>surgery</i>" -> "Knee surgery".
    Quotes around the whole value, which YAML front matter copied from elsewhere has, are left
    out too."""
    if len(source) >= 2 and source[0] == source[-1] and source[0] in "\"'":
        source = source[1:-1].strip()
    if not source:
        return ""
    md = _inert_markdown()
    root = ElementTree.Element("div")
    ElementTree.SubElement(root, "p").text = source
    for processor in md.treeprocessors:
        if isinstance(processor, _InertBlocks):
            continue
        root = processor.run(root) or root
    serialized: str = md.serializer(root)
    for postprocessor in md.postprocessors:
        serialized = postprocessor.run(serialized)
    return _title_text(serialized)


def _inert_markdown() -> markdown.Markdown:
    """Python-Markdown set up as the kiosk reads articles: raw HTML stays text, fenced code
    (``` or ~~~) is code, tables are tables, and a list of numbers keeps its first number and
    stays apart from a list of bullets just above it (sane_lists).

    The extensions themselves, not their names: a name makes Markdown search every installed
    package's entry points for it, 14 ms of each reading."""
    md = markdown.Markdown(
        extensions=[FencedCodeExtension(), TableExtension(), SaneListExtension()],
        output_format="html",
    )
    # Raw HTML is never interpreted: without these two steps it stays text and gets escaped.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _markdown_blocks(body: str) -> tuple[list[_RawBlock], list[_Image]]:
    """The body's top-level blocks, and every picture written in it, in order."""
    md = _inert_markdown()
    collector = _InertBlocks(md)
    md.treeprocessors.register(collector, "kiosk_inert_blocks", -10)
    md.convert(body)
    return collector.blocks, collector.images


class _Pictures:
    """An article's pictures looked at (kiosk.pictures.find_picture: inside the content
    folder, PNG or JPEG, within the limits), and the notes that tell staff about those the
    kiosk shows as their description only."""

    def __init__(self, images: list[_Image], body: _MarkdownSource, path: Path) -> None:
        self.images = images
        self.folder = path.parent
        self.notes: list[ContentNote] = []
        self._lines = _ImageLines(body)
        self._looked_at = 0

    def block(self, raw: _RawBlock) -> Block | None:
        """The block for a picture set apart: a picture, or its description as text (None
        when it has none)."""
        assert raw.image is not None
        image = self.images[raw.image]
        picture = self._look_at(raw.image, "")
        if picture is None:
            if not raw.text:
                return None
            return Block(BlockKind.PARAGRAPH, raw.html, _plain_text(raw.html))
        if not image.alt:
            self._note(
                raw.image,
                f"The picture '{image.source}' has no description. Write one between its "
                f"square brackets, as in ![The knee after the operation]({image.source}): it "
                "is shown under the picture and read aloud, for patients who cannot see it well.",
            )
        return Block(BlockKind.PICTURE, raw.html, image.alt, picture=picture)

    def note_the_others(self) -> None:
        """Notes on the pictures inside lists, quotes, tables, headings and links, which are
        shown as their description whatever their file is."""
        for number, image in enumerate(self.images):
            if not image.alone:
                self._look_at(
                    number,
                    f"The picture '{image.source}' is inside a list, quote, table, heading or "
                    "link, where the kiosk shows only its description. Put it on a line of its "
                    "own, with an empty line above and below it.",
                )

    def _look_at(self, number: int, where_shown: str) -> Picture | None:
        """The picture numbered `number`, if the kiosk may show it; else None, and a note.
        `where_shown`: the note for a picture that is fine but in the wrong place."""
        image = self.images[number]
        self._looked_at += 1
        if self._looked_at > MAX_PICTURES:
            if self._looked_at == MAX_PICTURES + 1:
                self._note(
                    number,
                    f"The article has more than {MAX_PICTURES} pictures; the kiosk shows only "
                    f"the description of '{image.source}' and of those after it. Split the "
                    "article, or leave some pictures out.",
                )
            return None
        try:
            picture = find_picture(image.source, self.folder, image.alt)
        except PictureError as refusal:
            self._note(number, str(refusal))
            return None
        if where_shown:
            self._note(number, where_shown)
            return None
        return picture

    def _note(self, number: int, message: str) -> None:
        self.notes.append(ContentNote(message, line=self._lines.line_of(number, self.images)))


class _ImageLines:
    """Which line of the file each picture is written on: the next line, after the one of the
    picture before with the same file name, that holds that file name."""

    def __init__(self, body: _MarkdownSource) -> None:
        self._body = body
        self._found: list[int | None] = []
        # Per file name: the line index looked at, and how many of its pictures are taken.
        self._where: dict[str, tuple[int, int]] = {}

    def line_of(self, number: int, images: list[_Image]) -> int | None:
        while len(self._found) <= number:
            self._found.append(self._next(images[len(self._found)].source))
        return self._found[number]

    def _next(self, source: str) -> int | None:
        if not source:
            return None
        lines = self._body.lines
        index, taken = self._where.get(source, (0, 0))
        while index < len(lines):
            if taken < lines[index].count(source):
                self._where[source] = (index, taken + 1)
                return self._body.line_numbers[index]
            index, taken = index + 1, 0
        self._where[source] = (index, 0)
        return None


@dataclass
class _SectionDraft:
    title: str
    line: int | None  # of its heading; None for the introduction
    blocks: list[Block] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(block.text or block.picture for block in self.blocks)


def _read_sections(
    body: _MarkdownSource, path: Path, written_title: str
) -> tuple[tuple[Section, ...], str, list[ContentNote]]:
    """The article's sections, the title its first `# ` heading gives when `written_title` is
    empty (that heading is then no section of its own), and notes on sections left out and
    on pictures shown as their description only."""
    try:
        raw_blocks, images = _markdown_blocks(body.text)
    except RecursionError as error:
        raise ContentError(
            path,
            "The article nests lists or quotes too deeply to show.",
            "Use at most a few levels of lists and quotes inside each other.",
        ) from error
    heading_lines = body.section_heading_lines()
    section_count = sum(1 for block in raw_blocks if block.tag in _SECTION_TAGS)
    # Line numbers are only trusted when the source scan found exactly the headings Markdown did.
    if len(heading_lines) != section_count:
        heading_lines = []
    drafts = [_SectionDraft(INTRODUCTION_TITLE, None)]
    heading_title = ""
    heading_count = 0
    pictures = _Pictures(images, body, path)
    for index, block in enumerate(raw_blocks):
        if block.tag in _SECTION_TAGS:
            line = heading_lines[heading_count] if heading_lines else None
            heading_count += 1
            words = _title_text(block.html)
            if (
                block.tag == "h1"
                and len(drafts) == 1  # before any section: a title does not come later
                and _is_title_heading(words, written_title, heading_title, index)
            ):
                heading_title = words  # the article's title, not a section
                continue
            drafts.append(_SectionDraft(words or INTRODUCTION_TITLE, line))
            continue
        if block.image is not None:
            picture = pictures.block(block)
            if picture is not None:
                drafts[-1].blocks.append(picture)
            continue
        kind = _KIND_BY_TAG.get(block.tag, BlockKind.PARAGRAPH)
        if kind is BlockKind.HEADING:
            words = _title_text(block.html)
            block = _RawBlock(block.tag, f"<{block.tag}>{html.escape(words)}</{block.tag}>", words)
        if kind is BlockKind.RULE or block.text or kind is BlockKind.CODE:
            drafts[-1].blocks.append(Block(kind, block.html, block.text, block.rows))
    kept = [draft for draft in drafts if not draft.empty]
    left_out = [draft for draft in drafts if draft.empty and draft is not drafts[0]]
    if not kept:
        if left_out:
            names = ", ".join(f"'{draft.title}'" for draft in left_out[:3])
            raise ContentError(
                path,
                f"The article has no text to show: its headings ({names}"
                f"{', ...' if len(left_out) > 3 else ''}) have nothing under them.",
                "Write each section's text below its heading.",
                line=left_out[0].line,
            )
        raise ContentError(
            path,
            "The article has no text to show.",
            "Write the article below the front matter: an introduction, then a '## ' heading "
            "for each section with its text below it.",
            line=body.line_numbers[0] if body.line_numbers else None,
        )
    notes = [
        ContentNote(
            f"The section '{draft.title}' has nothing under its heading, so the kiosk leaves it "
            "out. Write its text below the heading, or remove the heading.",
            line=draft.line,
        )
        for draft in left_out
    ]
    pictures.note_the_others()
    sections = tuple(
        Section(title=draft.title, blocks=tuple(draft.blocks), kiosk_title=draft.line is None)
        for draft in kept
    )
    return sections, heading_title, [*notes, *pictures.notes]


def _is_title_heading(words: str, written_title: str, heading_title: str, index: int) -> bool:
    """Whether a `# ` heading before any section is the article's title rather than a
    section: the first one, in an article whose front matter gives no title; or the
    article's very first line when it repeats the front matter's title (staff often write
    both)."""
    if written_title:
        return index == 0 and words.casefold() == written_title.casefold()
    return not heading_title and bool(words)
