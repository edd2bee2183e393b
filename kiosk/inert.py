"""InertDocument: the Qt text document every article is laid out in, which loads nothing.

Articles reach Qt with links and pictures already removed (kiosk.article); this document is the
second lock on the door, and it says in the log what it turned away.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

log = logging.getLogger(__name__)

# Enough recent addresses for staff and tests to see what was refused, without growing forever.
_REFUSED_KEPT = 100


class InertDocument(QTextDocument):
    """A text document that loads nothing: no picture, no style sheet, from anywhere."""

    refused: ClassVar[list[str]] = []  # addresses refused in this process, newest last

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        address = name.toString() if isinstance(name, QUrl) else name
        InertDocument.refused.append(address)
        del InertDocument.refused[:-_REFUSED_KEPT]
        log.warning("Refused to load %r for an article: the kiosk loads nothing", address[:200])
        return None
