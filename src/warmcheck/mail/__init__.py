"""How each kind of input becomes the text the rules read.

``warmcheck.message`` is the public face (``read``, ``read_all``, ``Draft``);
the work is done here, one module per step:

    mime.py      RFC 822 / MIME bytes -> body text, header facts, attachments
    html.py      HTML -> text with block breaks, link and image facts
    markdown.py  Markdown -> the same text with its markup blanked out
    scopes.py    text -> greeting, body, sign-off, signature, quoted, footer
    suppress.py  ``warmcheck: disable=...`` directives, found once per draft
    sources.py   files, folders, mbox and standard input -> one input at a time

The words these steps recognise (reply intros, greetings, sign-offs,
unsubscribe lines...) live in :mod:`warmcheck.vocabulary`.

Heavy parsers (selectolax, markdown-it-py) are imported only when an input
of their kind appears.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Attachment:
    """A part of a message that is not its text: listed, never read."""

    name: str | None
    content_type: str
    size: int
    #: Shown in the body (an inline image) rather than offered as a file.
    inline: bool = False


@dataclass
class MarkupText:
    """What a markup converter (html.py, markdown.py) hands back."""

    text: str
    #: Line numbers (0-based) inside a quotation of an earlier message.
    quoted_lines: set[int] = field(default_factory=set)
    facts: dict[str, Any] = field(default_factory=dict)
