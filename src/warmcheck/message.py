"""Any input -> :class:`Draft`: the text the rules read, split into scopes,
with the facts its headers and markup give.

Positions in findings are character offsets into ``Draft.text``. For plain
text and Markdown that text has the same length and line breaks as the file
itself (Markdown markup is blanked with spaces), so offsets map straight to
the file's lines and columns; for mail and HTML it is the decoded body text.

The steps live in :mod:`warmcheck.mail`; this module is the one door in:
``read`` (one draft) and ``read_all`` (every draft of a file, folder, mbox or
standard input, streamed).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses
from pathlib import Path
from typing import Any, BinaryIO

from . import vocabulary
from .core import WarmcheckError
from .mail import Attachment, Facts
from .mail import scopes as _scopes
from .mail import sources as _sources
from .mail import suppress as _suppress
from .mail.sources import MAX_BYTES
from .mail.suppress import Suppression

#: The most text one draft may hold: spaCy refuses longer texts (its
#: ``max_length``), and a mail this long is not a note to be linted.
MAX_CHARS = 1_000_000


class InputError(WarmcheckError):
    """An input that cannot be read as a draft. The message names the problem;
    the caller adds the source."""


@dataclass(frozen=True)
class Segment:
    """A stretch ``text[start:end]`` of the draft belonging to one scope."""

    scope: str
    start: int
    end: int


@dataclass(frozen=True)
class Headers:
    """Facts from the message headers, or what a plain draft says of them."""

    subject: str | None = None
    to: int = 0
    cc: int = 0
    bcc: int = 0
    #: "undisclosed-recipients" in To or Cc: the real readers are hidden.
    undisclosed: bool = False
    #: The first recipient's display name ("Ana Lopez"; "Lopez, Ana" is turned round).
    reader_name: str | None = None
    sender_name: str | None = None
    sender_domain: str | None = None
    #: In-Reply-To, References, or a "Re:" subject.
    is_reply: bool = False
    #: A "Re:" subject on a message with none of the headers a mail program
    #: writes on a reply (In-Reply-To, References, Thread-Index). A plain
    #: draft has no headers to tell by: False.
    unthreaded_reply: bool = False
    list_unsubscribe: bool = False
    #: ``Precedence`` lower-cased: ``bulk``, ``list``, ``junk``...
    precedence: str | None = None
    reader_address: str | None = None
    sender_address: str | None = None
    #: A "Fwd:" subject.
    is_forward: bool = False
    list_id: str | None = None
    #: The ``Message-ID`` (without its angle brackets), and the message ids
    #: that ``In-Reply-To`` and ``References`` name: the mail this one answers.
    message_id: str | None = None
    references: tuple[str, ...] = ()

    @property
    def recipients(self) -> int:
        return self.to + self.cc + self.bcc


@dataclass(frozen=True)
class Draft:
    """One message as the rules see it."""

    source: str
    text: str
    segments: tuple[Segment, ...]
    headers: Headers = Headers()
    #: ``text``, ``markdown``, ``html``, ``email`` or ``template``.
    kind: str = "text"
    #: What the markup and form show beyond the text (links, images, body
    #: format, newsletter signals, a template's own text), found once when read.
    facts: Facts = field(default_factory=Facts)
    #: What a caller knows of the draft that reading it cannot tell: a
    #: campaign copy's recipient, consent and merge gaps, a batch's sameness.
    #: The campaign rules read it; examples in rule packs give it as ``context``.
    context: Mapping[str, object] = field(default_factory=dict)
    #: Problems that did not stop the draft from being read.
    warnings: tuple[str, ...] = ()
    #: The profile the message's shape asks for (a newsletter), if any.
    suggested_profile: str | None = None
    #: The parts of a message that are not its text (mail only).
    attachments: tuple[Attachment, ...] = ()
    #: The ``warmcheck: disable=...`` directives in ``text``, found when the
    #: draft was read. ``text`` still holds them; the engine blanks them out
    #: before the rules read it (``mail.suppress.blank``).
    suppressions: tuple[Suppression, ...] = ()

    def ranges(self, scope: str) -> list[tuple[int, int]]:
        """Character ranges of ``scope``; ``all`` is every segment but the quoted history."""
        if scope == "subject":
            return []
        wanted = {"greeting", "body", "signoff", "signature", "footer"} if scope == "all" else {scope}
        return [(s.start, s.end) for s in self.segments if s.scope in wanted]

    def scope_text(self, scope: str) -> str:
        """The text of one scope, its pieces joined by blank lines."""
        if scope == "subject":
            return self.headers.subject or ""
        return "\n\n".join(self.text[a:b] for a, b in self.ranges(scope))


# Builders: one per kind of input ---------------------------------------------

#: A carriage return that does not start a CRLF: an old Mac line end.
_BARE_CR = re.compile(r"\r(?!\n)")


def _lines(text: str) -> str:
    """Bare CRs turned into LFs: each ends a line, as an editor shows it, and
    the text keeps its length (positions stay the file's)."""
    return _BARE_CR.sub("\n", text) if "\r" in text else text


def _segments(
    text: str, quoted_lines: Any = (), find_subject: bool = False
) -> tuple[tuple[Segment, ...], str | None, tuple[Suppression, ...]]:
    """The scopes of ``text``, the subject a plain draft gives, and the
    suppression directives (found here, once per draft)."""
    # Every builder comes through here: the one place to refuse a text the
    # NLP engine cannot take.
    if len(text) > MAX_CHARS:
        raise InputError(f"too long to check ({len(text):,} characters of text; at most {MAX_CHARS:,})")
    # Scopes are found as if suppression directives were not there: a
    # greeting line that carries one is still the greeting.
    unsuppressed, suppressions = _suppress.extract(text)
    ranges, subject = _scopes.segment(unsuppressed, quoted_lines=quoted_lines, find_subject=find_subject)
    return tuple(Segment(*r) for r in ranges), subject, suppressions


def _plain_reader(text: str) -> tuple[str | None, str | None]:
    """The reader's name and address from a plain draft's own ``To:`` line
    (``À :``, ``Para:``, ``An:``, ``Aan:``) among the header lines it opens with."""
    block = vocabulary.PLAIN_HEADER_BLOCK.match(text)
    to = vocabulary.PLAIN_TO_LINE.search(block.group(0)) if block else None
    found = getaddresses([to.group(1)]) if to else []
    if len(found) != 1:
        return None, None
    from .mail.mime import person_name

    name, address = found[0]
    return person_name(name, address), address or None


def from_text(text: str, source: str = "<string>") -> Draft:
    """A plain-text draft; an optional ``Subject: ...`` line at the top is its
    subject, and a ``To:`` line there names the reader."""
    text = _lines(text)
    segments, subject, suppressions = _segments(text, find_subject=True)
    reader_name, reader_address = _plain_reader(text)
    is_reply, is_forward = vocabulary.subject_marks(subject)
    headers = Headers(
        subject=subject, reader_name=reader_name, reader_address=reader_address, is_reply=is_reply, is_forward=is_forward
    )
    return Draft(
        source=source, text=text, segments=segments, headers=headers, facts=Facts.of_text(text),
        suppressions=suppressions,
    )  # fmt: skip


def from_markdown(text: str, source: str = "<string>") -> Draft:
    """A Markdown draft: markup blanked, every word where it is in the file."""
    from .mail import markdown

    result = markdown.to_text(_lines(text))
    segments, subject, suppressions = _segments(result.text, result.quoted_lines, find_subject=True)
    return Draft(
        source=source, text=result.text, segments=segments, headers=Headers(subject=subject),
        kind="markdown", facts=result.facts, suppressions=suppressions,
    )  # fmt: skip


def from_html(html: str, source: str = "<string>") -> Draft:
    """An HTML draft or newsletter: its visible text, block by block."""
    from .mail import html as html_text

    try:
        result = html_text.to_text(html)
    except html_text.TooDeep as exc:
        raise InputError(str(exc)) from None
    segments, subject, suppressions = _segments(result.text, result.quoted_lines, find_subject=True)
    signals = html_text.newsletter_signals(result.facts)
    facts = dataclasses.replace(result.facts, newsletter_signals=tuple(signals))
    warnings = () if result.text.strip() else ("the HTML has no text, only markup or images",)
    return Draft(
        source=source, text=result.text, segments=segments, headers=Headers(subject=subject), kind="html",
        facts=facts, warnings=warnings, suggested_profile="newsletter" if signals else None,
        suppressions=suppressions,
    )  # fmt: skip


def from_message(msg: Message, source: str = "<message>") -> Draft:
    """An RFC 822 message: its body text (plain preferred, else HTML), header
    facts and the list of its attachments."""
    from .mail import mime

    try:
        parsed = mime.parse(msg)
    except mime.MimeError as exc:
        raise InputError(str(exc)) from None
    except RecursionError:  # a message built in memory, nested deeper than any parser reads
        raise InputError(f"MIME parts nested too deeply (more than {mime.MAX_DEPTH} levels)") from None
    segments, _, suppressions = _segments(parsed.text, parsed.html_quoted or ())
    suppressions += _suppress.from_header(parsed.disabled)
    headers = Headers(**parsed.headers)
    signals = mime.newsletter_signals(headers, parsed.facts)
    facts = dataclasses.replace(parsed.facts, newsletter_signals=tuple(signals))
    return Draft(
        source=source, text=parsed.text, segments=segments, headers=headers, kind="email", facts=facts,
        warnings=tuple(parsed.warnings), suggested_profile="newsletter" if signals else None,
        attachments=tuple(parsed.attachments), suppressions=suppressions,
    )  # fmt: skip


def _from_email_bytes(data: bytes, source: str) -> Draft:
    from .mail import mime

    try:
        msg = mime.parse_bytes(data)
    except mime.MimeError as exc:
        raise InputError(str(exc)) from None
    return from_message(msg, source)


def from_template(text: str, source: str = "<string>") -> Draft:
    """A Jinja2 template as a draft: merge fields masked (same length, so
    positions are the template's own), the template and its variables kept
    in its facts for the template rules. :class:`InputError` if it does not
    parse; the caller adds the source."""
    from .mail import templates  # Jinja2, only for templates

    problem = templates.syntax_problem(text)
    if problem:
        raise InputError(problem)
    info = templates.analyse(text)
    draft = from_text(templates.mask(info), source)
    facts = dataclasses.replace(draft.facts, template=text, template_variables=tuple(info.variables))
    return dataclasses.replace(draft, kind="template", facts=facts)


def from_bytes(data: bytes, source: str, kind: str) -> Draft:
    """One draft of a known kind from its bytes."""
    try:
        if kind == "email":
            return _from_email_bytes(data, source)
        text = _sources.decode_text(data, html=kind == "html")
    except _sources.SourceError as exc:
        raise InputError(str(exc)) from None
    if kind == "html":
        return from_html(text, source)
    if kind == "markdown":
        return from_markdown(text, source)
    if kind == "template":
        return from_template(text, source)
    return from_text(text, source)


def read_message(fh: BinaryIO, *, name: str = "<message>", max_bytes: int = MAX_BYTES) -> Draft:
    """The one message a pre-send hook is given, from a binary stream (see
    ``mail.sources.one_message``); over ``max_bytes`` it is read without its
    attachments' bodies."""
    try:
        item = _sources.one_message(fh, name, max_bytes)
    except _sources.SourceError as exc:
        raise InputError(str(exc)) from None
    return from_bytes(item.data, item.name, item.kind)


# The two doors in ------------------------------------------------------------

ErrorHandler = Callable[[str, InputError], None]


def read(
    source: str | bytes | Path | Message, *, name: str | None = None, max_bytes: int = MAX_BYTES
) -> Draft:
    """One draft from a path, bytes (kind told by content), a str (plain text)
    or an email message. An input holding several drafts (an mbox, a folder)
    is an error here: :func:`read_all` reads those."""
    if isinstance(source, Message):
        return from_message(_sources.modern(source), name or "<message>")
    if isinstance(source, str):
        if not source.strip():  # as an empty file is
            raise InputError("empty: no text to check")
        return from_text(source, name or "<string>")
    drafts = read_all(source, name=name, max_bytes=max_bytes)
    first = next(drafts)
    if next(drafts, None) is not None:
        raise InputError("holds more than one draft (an mbox or a folder); read it with read_all")
    return first


def read_all(
    source: bytes | Path | BinaryIO,
    *,
    name: str | None = None,
    max_bytes: int = MAX_BYTES,
    on_error: ErrorHandler | None = None,
) -> Iterator[Draft]:
    """Every draft in one input, one at a time: a file (by its extension, or
    by its content when it has none), a folder (recursively, by extension),
    an mbox, or bytes or a binary stream such as standard input (RFC 822,
    mbox, HTML or text, told by content; a stream is read once).

    An input that cannot be read raises :class:`InputError`. Inside a folder
    or an mbox, ``on_error(name, error)`` is called for each unreadable draft
    and reading goes on; without it the first one raises.
    """
    try:
        for item in _sources.items(source, name=name, max_bytes=max_bytes):
            try:
                if item.error is not None:
                    raise InputError(item.error)
                yield from_bytes(item.data, item.name, item.kind)
            except InputError as exc:
                if not item.many:
                    raise
                if on_error is None:
                    raise InputError(f"{item.name}: {exc}") from None
                on_error(item.name, exc)
    except _sources.SourceError as exc:
        raise InputError(str(exc)) from None
