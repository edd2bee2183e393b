"""Reading an article file: Markdown with front matter -> an Article of sections and blocks.

This module owns the content format and every message staff see about a broken content file.
It imports nothing from Qt, so it is tested without a QApplication.

The Markdown is rendered inert: raw HTML is escaped and shown as text, links keep only their
words, images keep only their description. Nothing in an article can load a resource or open
a link.
"""

from __future__ import annotations

import errno
import hashlib
import html
import os
import pwd
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from xml.etree import ElementTree

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.treeprocessors import Treeprocessor

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
KNOWN_METADATA = (
    "title",
    "summary",
    "language",
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
_SECTION_HEADING = re.compile(r"^[ ]{0,3}#{1,2}(?:[ \t]+|$)")
_SETEXT_UNDERLINE = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$")
_TAG = re.compile(r"<[^>]*>")
_QUOTE_MARKS = re.compile(r"^[ ]{0,3}((?:>[ ]?)+)")
_SECTION_TAGS = ("h1", "h2")


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
}


@dataclass(frozen=True)
class Block:
    """One top-level block of a section: its kind, its inert HTML and its plain text."""

    kind: BlockKind
    html: str
    text: str


@dataclass(frozen=True)
class Section:
    """A slide's worth of article: a heading and the blocks below it."""

    title: str
    blocks: tuple[Block, ...]

    @property
    def html(self) -> str:
        return "\n".join(block.html for block in self.blocks)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


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

    @property
    def right_to_left(self) -> bool:
        return self.language.split("-")[0].lower() in RTL_LANGUAGES

    @property
    def slides(self) -> tuple[Section, ...]:
        """Everything a patient pages through: the sections, then "About this information"."""
        return (*self.sections, about_section(self))


def about_section(article: Article) -> Section:
    """Review details from the front matter, as written there. Absent ones are left out."""
    rows = (
        ("last_reviewed", "Last reviewed"),
        ("next_review", "Next review due"),
        ("reviewed_by", "Reviewed by"),
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
        blocks.append(Block(BlockKind.HEADING, "<h3>Sources</h3>", "Sources"))
        items = "".join(f"<li>{html.escape(source)}</li>" for source in sources)
        blocks.append(Block(BlockKind.LIST, f"<ul>{items}</ul>", "\n".join(sources)))
    if not blocks:
        blocks.append(
            Block(
                BlockKind.PARAGRAPH, f"<p>{html.escape(NO_REVIEW_DETAILS)}</p>", NO_REVIEW_DETAILS
            )
        )
    return Section(title=ABOUT_TITLE, blocks=tuple(blocks))


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
    lines = text.split("\n")
    metadata, metadata_lines, body_start = _read_front_matter(lines, path)
    title = _single_value(metadata, "title")
    if not title:
        raise ContentError(
            path,
            "The article has no title.",
            f"Add a 'title:' line to the front matter at the top of the file, like:\n"
            f"{FRONT_MATTER_EXAMPLE}",
            line=metadata_lines.get("title", 1),
        )
    language = _single_value(metadata, "language") or "en"
    if not _LANGUAGE_TAG.match(language):
        raise ContentError(
            path,
            f"'{language}' is not a language code.",
            "Write a language code such as 'en', 'es' or 'pt-BR' after 'language:'.",
            line=metadata_lines.get("language"),
        )
    body_lines = lines[body_start:]
    _check_nesting(body_lines, body_start, path)
    sections = _read_sections(body_lines, body_start, path)
    return Article(
        path=path,
        title=title,
        summary=_single_value(metadata, "summary"),
        language=language,
        sections=sections,
        metadata=metadata,
        source_digest=hashlib.sha256(data).hexdigest(),
    )


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


def _read_front_matter(
    lines: list[str], path: Path
) -> tuple[dict[str, tuple[str, ...]], dict[str, int], int]:
    """Parse the front matter: (values by key, line number by key, index of the first body line).

    Python-Markdown's own `meta` extension silently turns a line it cannot read into article
    text; staff need to hear about that line instead, so the same syntax is read here.
    """
    if not lines or not _FENCE.match(lines[0]):
        return {}, {}, 0
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
    raise ContentError(
        path,
        "The front matter starts with '---' on line 1 but never ends.",
        "Add a line with just '---' after the last setting (title, summary, ...).",
        line=1,
    )


def _check_nesting(body_lines: list[str], first_line: int, path: Path) -> None:
    """Refuse lists and quotes nested deeper than MAX_NESTING, before Markdown spends time."""
    for index, line in enumerate(body_lines):
        expanded = line.expandtabs(4)
        indent_levels = (len(expanded) - len(expanded.lstrip(" "))) // 4
        quotes = _QUOTE_MARKS.match(line)
        quote_levels = quotes.group(1).count(">") if quotes else 0
        if max(indent_levels, quote_levels) > MAX_NESTING:
            raise ContentError(
                path,
                "This line is nested too deeply (lists or quotes inside each other, or "
                "indented too far) to show.",
                f"Use at most {MAX_NESTING} levels of lists and quotes inside each other.",
                line=first_line + index + 1,
            )


def _single_value(metadata: Mapping[str, tuple[str, ...]], key: str) -> str:
    return " ".join(metadata.get(key, ())).strip()


class _InertBlocks(Treeprocessor):
    """Runs last: makes links and images inert, then records each top-level block."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.blocks: list[tuple[str, str, str]] = []  # (tag, html, text)

    def run(self, root: ElementTree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    child.tag = "span"
                    child.attrib.clear()
                elif child.tag == "img":
                    parent.remove(child)
                    parent.insert(index, _image_replacement(child))
        self.blocks = []
        for element in root:
            serialized: str = self.md.serializer(element)
            for processor in self.md.postprocessors:
                serialized = processor.run(serialized)
            serialized = serialized.strip()
            # A fenced code block reaches the tree as a paragraph holding a placeholder.
            tag = "pre" if serialized.startswith("<pre") else element.tag
            self.blocks.append((tag, serialized, _plain_text(serialized)))


def _image_replacement(image: ElementTree.Element) -> ElementTree.Element:
    """An image shows as its description, in italics, and is never loaded."""
    replacement = ElementTree.Element("em")
    description = (image.get("alt") or "").strip()
    replacement.text = f"[Picture: {description}]" if description else ""
    replacement.tail = image.tail
    return replacement


def _plain_text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _markdown_blocks(body: str) -> list[tuple[str, str, str]]:
    # Fenced code (``` or ~~~) is code, as staff who write Markdown expect, and as
    # _heading_lines already reads it; its text is escaped like any other.
    # The extension itself, not its name: a name makes Markdown search every installed
    # package's entry points for it, 14 ms of each reading.
    md = markdown.Markdown(extensions=[FencedCodeExtension()], output_format="html")
    # Raw HTML is never interpreted: without these two steps it stays text and gets escaped.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    collector = _InertBlocks(md)
    md.treeprocessors.register(collector, "kiosk_inert_blocks", -10)
    md.convert(body)
    return collector.blocks


def _heading_lines(body_lines: list[str], first_line: int) -> list[int]:
    """Source line numbers of section headings (# or ##, or setext), in order; best effort."""
    numbers = []
    in_fence = False
    for index, line in enumerate(body_lines):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        if _SECTION_HEADING.match(line):
            numbers.append(first_line + index + 1)
        elif (
            index > 0
            and _SETEXT_UNDERLINE.match(line)
            and body_lines[index - 1].strip()
            and not _SECTION_HEADING.match(body_lines[index - 1])
        ):
            numbers.append(first_line + index)
    return numbers


def _read_sections(body_lines: list[str], first_line: int, path: Path) -> tuple[Section, ...]:
    try:
        raw_blocks = _markdown_blocks("\n".join(body_lines))
    except RecursionError as error:
        raise ContentError(
            path,
            "The article nests lists or quotes too deeply to show.",
            "Use at most a few levels of lists and quotes inside each other.",
        ) from error
    heading_lines = _heading_lines(body_lines, first_line)
    section_count = sum(1 for tag, _, _ in raw_blocks if tag in _SECTION_TAGS)
    # Line numbers are only trusted when the source scan found exactly the headings Markdown did.
    if len(heading_lines) != section_count:
        heading_lines = []
    sections: list[Section] = []
    title = INTRODUCTION_TITLE
    title_line: int | None = None
    blocks: list[Block] = []
    heading_count = 0

    def close_section() -> None:
        if blocks:
            sections.append(Section(title=title, blocks=tuple(blocks)))
        elif title_line is not None or heading_count:
            raise ContentError(
                path,
                f"The section '{title}' has no text under its heading.",
                "Write the section's text below the heading, or remove the heading.",
                line=title_line,
            )

    for tag, block_html, text in raw_blocks:
        if tag in _SECTION_TAGS:
            close_section()
            title = text or INTRODUCTION_TITLE
            title_line = heading_lines[heading_count] if heading_lines else None
            heading_count += 1
            blocks = []
            continue
        kind = _KIND_BY_TAG.get(tag, BlockKind.PARAGRAPH)
        if kind is BlockKind.RULE or text or kind is BlockKind.CODE:
            blocks.append(Block(kind=kind, html=block_html, text=text))
    close_section()
    if not any(block.text for section in sections for block in section.blocks):
        raise ContentError(
            path,
            "The article has no text to show.",
            "Write the article below the front matter: an introduction, then a '## ' heading "
            "for each section with its text below it.",
            line=first_line + 1,
        )
    return tuple(sections)
