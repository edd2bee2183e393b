"""The web address an article's QR code takes a patient to ("Take it home"), from its front matter.

An article's optional `url:` setting puts a QR code on the end screen, so that a patient can read
the same leaflet at home on their phone. The kiosk only draws the code; it never opens the
address. Only an address a phone can open safely and a camera can read off the screen is used:
https, with a host on the internet, no user name or password, no spaces or invisible characters,
at most MAX_URL_LENGTH characters. `url_problem` says, for staff (`kiosk check`), what is wrong
with any other; the end screen then shows no code. `qr_matrix` encodes an address with segno
(kiosk.ui.qr_code draws it). Pure: no Qt.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.article import Article, Block, BlockKind

log = logging.getLogger(__name__)

# The front matter setting.
URL_KEY = "url"
# A longer address makes a QR code so dense that a phone struggles to read it off a panel at
# the size the end screen has room for (300 characters are a version 13 code: 69 modules).
MAX_URL_LENGTH = 300
# Error correction level M (15 % of the code may be lost): a clean screen loses little, and M
# keeps a long address in fewer, and so larger, modules than Q or H would.
ERROR_CORRECTION = "m"


def written_url(article: Article) -> str:
    """The `url:` setting as written in the front matter ("" when there is none). A value
    continued on a second line is joined with a space, which `url_problem` then refuses."""
    return " ".join(article.metadata.get(URL_KEY, ())).strip()


def url_problem(url: str) -> str | None:
    """What is wrong with `url` as a take-home address, in words for staff (what to do
    included); None when it is good."""
    if len(url) > MAX_URL_LENGTH:
        return (
            f"is {len(url)} characters long; a QR code for more than {MAX_URL_LENGTH} is too "
            "dense for a phone to read off the screen. Use a shorter address for the same page "
            "(your organisation's web team can make a short link)."
        )
    if any(character.isspace() or _invisible(character) for character in url):
        return (
            "contains spaces or invisible characters, which a web address cannot have. Write "
            "it on one line, as your browser's address bar shows it."
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks the port: ValueError for "https://a:x")
    except ValueError:
        return _not_an_address()
    scheme = parts.scheme.lower()
    if scheme == "http":
        return (
            "starts with http://; the kiosk only makes QR codes for https:// addresses, which "
            "a phone opens securely. Write https:// if the site has it (most do)."
        )
    if scheme != "https":
        return _not_an_address()
    # A name with a dot ("www.example.org"): "localhost" or a machine's own name opens nothing
    # on a patient's phone.
    host = (parts.hostname or "").strip(".")
    if "." not in host:
        return _not_an_address()
    if parts.username is not None or parts.password is not None:
        return (
            "contains a user name or password (before an '@'), which would be shown to every "
            "patient and can hide where the link really goes. Give the page's own address."
        )
    return None


def take_home_url(article: Article) -> str | None:
    """The address the article's QR code takes a patient to; None when it has no `url:` or
    the one it has is not usable (`url_problem`)."""
    url = written_url(article)
    if not url or url_problem(url) is not None:
        return None
    return url


def _not_an_address() -> str:
    return (
        "is not a web address. Write the whole address of the page, starting with https:// "
        "(for example https://www.example.org/leaflets/ketamine)."
    )


def _invisible(character: str) -> bool:
    """Control and formatting characters (zero-width spaces, direction marks): a QR code
    would carry them, and the phone would open a different address from the one staff see."""
    return unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn")


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of `url`'s QR code, rows from the top, True for dark; quiet zone left out.
    Always error correction level M (segno would raise it where that costs no size, which
    would make the code depend on the address's length in a way no one asked for)."""
    import segno  # here: it takes 60 ms to import, and most articles have no url

    code = segno.make_qr(url, error=ERROR_CORRECTION, boost_error=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)


# The About page's QR code is a picture on the page (kiosk.pictures): a PNG of this many pixels
# a module, shown at most twice that (pictures are never enlarged more), so a 33-module code is
# at most about 400 px across: large enough to scan, never the whole page.
ABOUT_PAGE_MODULE_PX = 5
QUIET_ZONE_MODULES = 4


def qr_picture_file(url: str, folder: Path) -> Path:
    """A PNG of `url`'s QR code in `folder` (written once, atomically: the name is the
    address's hash), black on a white quiet zone of QUIET_ZONE_MODULES."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(url.encode()).hexdigest()[:24]}.png"
    if not path.exists():
        import segno

        code = segno.make_qr(url, error=ERROR_CORRECTION, boost_error=False)
        descriptor, temporary = tempfile.mkstemp(suffix=".png", dir=folder)
        os.close(descriptor)
        try:
            code.save(
                temporary,
                kind="png",
                scale=ABOUT_PAGE_MODULE_PX,
                border=QUIET_ZONE_MODULES,
                dark="black",
                light="white",
            )
            Path(temporary).replace(path)
        finally:
            Path(temporary).unlink(missing_ok=True)
    return path


def take_home_block(article: Article) -> Block | None:
    """The QR code of the article's `url` as a picture for the end of "About this
    information", its caption saying what it is for; None without a usable url. The picture
    file is made once (in the state folder), when the article is first laid out."""
    from kiosk import paths, words
    from kiosk.pictures import PictureError, find_picture

    url = take_home_url(article)
    if url is None:
        return None
    caption = words.take_home_caption()
    try:
        path = qr_picture_file(url, paths.state_dir() / "take-home")
        picture = find_picture(path.name, path.parent, caption)
    except (OSError, PictureError) as error:
        # The end screen still draws its own code; the About page goes without.
        log.warning("The QR code for %s could not be made for the About page: %s", url, error)
        return None
    return Block(BlockKind.PICTURE, f"<p>{html.escape(url)}</p>", caption, picture=picture)
