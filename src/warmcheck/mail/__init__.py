"""How each kind of input becomes the text the rules read.

``warmcheck.message`` is the public face (``read``, ``read_all``, ``Draft``);
the work is done here, one module per step:

    mime.py      RFC 822 / MIME bytes -> body text, header facts, attachments
    html.py      HTML -> text with block breaks, link and image facts
    markdown.py  Markdown -> the same text with its markup blanked out
    templates.py Jinja2 templates parsed (never run), their fields masked
    scopes.py    text -> greeting, body, sign-off, signature, quoted, footer
    suppress.py  ``warmcheck: disable=...`` directives, found once per draft
    sources.py   files, folders, mbox and standard input -> one input at a time

The words these steps recognise (reply intros, greetings, sign-offs,
unsubscribe lines...) live in :mod:`warmcheck.vocabulary`.

Heavy parsers (selectolax, markdown-it-py) are imported only when an input
of their kind appears.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import vocabulary


@dataclass(frozen=True)
class Attachment:
    """A part of a message that is not its text: listed, never read."""

    name: str | None
    content_type: str
    size: int
    #: Shown in the body (an inline image) rather than offered as a file.
    inline: bool = False


#: A web address written out in plain text.
_URL = re.compile(r"https?://[^\s<>()\"']+|www\.[^\s<>()\"']+", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    url: str
    #: The words of the link (empty for a bare address in plain text).
    text: str = ""

    @property
    def is_web(self) -> bool:
        return not self.url.lower().startswith(("mailto:", "tel:", "#"))


@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""
    width: int | None = None
    height: int | None = None
    #: A 1x1 (or so) image without alt text from a tracking address: an open tracker.
    tracking: bool = False


@dataclass(frozen=True)
class Facts:
    """What a draft's markup and form show beyond its text, found once when
    the draft is read: its links and images, the body's format, why it
    looks like a newsletter, and for a template its own text and fields."""

    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    #: Links of an HTML body that take the reader off a list, or to a web
    #: copy of the mailing (by address or words).
    unsubscribe_links: tuple[str, ...] = ()
    view_in_browser_links: tuple[str, ...] = ()
    #: ``plain`` or ``html``: the part of a mail the text came from.
    body_format: str | None = None
    #: Why the message looks like a newsletter or list mail, if it does.
    newsletter_signals: tuple[str, ...] = ()
    #: A template draft's own text (its fields unmasked), and its fields.
    template: str | None = None
    template_variables: tuple[str, ...] = ()

    @classmethod
    def of(cls, links: Iterable[Mapping[str, str]], images: Iterable[Mapping[str, Any]] = ()) -> Facts:
        """Facts from the link and image tables a converter collected."""
        return cls(
            links=tuple(Link(str(link["url"]), str(link.get("text") or "")) for link in links),
            images=tuple(
                Image(str(i["src"]), str(i.get("alt") or ""), i.get("width"), i.get("height"), bool(i.get("tracking")))
                for i in images
            ),
        )

    @classmethod
    def of_html(cls, links: Iterable[Mapping[str, str]], images: Iterable[Mapping[str, Any]]) -> Facts:
        """Facts of an HTML body: its links read for a way off the list and a web copy."""
        facts = cls.of(links, images)
        out = vocabulary.UNSUBSCRIBE_LINK
        return dataclasses.replace(
            facts,
            unsubscribe_links=tuple(link.url for link in facts.links if out.search(link.url) or out.search(link.text)),
            view_in_browser_links=tuple(link.url for link in facts.links if vocabulary.VIEW_IN_BROWSER.search(link.text)),
        )

    @classmethod
    def of_text(cls, text: str) -> Facts:
        """The web addresses written out in plain text, as links without words."""
        return cls(links=tuple(Link(m.group(0).rstrip(".,;:!?")) for m in _URL.finditer(text)))

    @property
    def link_count(self) -> int:
        """Web links (not mailto:, tel: or #anchors)."""
        return sum(link.is_web for link in self.links)

    @property
    def tracking_pixels(self) -> tuple[str, ...]:
        return tuple(i.src for i in self.images if i.tracking)



@dataclass
class MarkupText:
    """What a markup converter (html.py, markdown.py) hands back."""

    text: str
    #: Line numbers (0-based) inside a quotation of an earlier message.
    quoted_lines: set[int] = field(default_factory=set)
    facts: Facts = Facts()
