"""Any input -> one :class:`Draft`: the text the rules read, split into scopes.

Positions in findings are character offsets into ``Draft.text``. For plain
text and Markdown that text has the same length and line breaks as the file
itself, so offsets map straight to the file's lines and columns; for mail and
HTML it is the decoded body text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

#: The parts of a draft a rule can read. ``all`` is every part of the body
#: text; the subject lives in the headers.
SCOPES = ("subject", "greeting", "body", "signoff", "signature", "quoted", "footer", "all")


class InputError(Exception):
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
    undisclosed: bool = False
    reader_name: str | None = None
    sender_name: str | None = None
    sender_domain: str | None = None
    is_reply: bool = False
    list_unsubscribe: bool = False
    precedence: str | None = None

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
    kind: str = "text"
    #: Facts for rules that the text alone does not show (links, images...).
    facts: dict[str, object] = field(default_factory=dict)
    #: Problems that did not stop the draft from being read.
    warnings: tuple[str, ...] = ()
    #: The profile the message's shape asks for (a newsletter), if any.
    suggested_profile: str | None = None

    def ranges(self, scope: str) -> list[tuple[int, int]]:
        """Character ranges of ``scope``; ``all`` is every segment but the quoted history."""
        if scope == "subject":
            return []
        if scope == "all":
            wanted = {"greeting", "body", "signoff", "signature", "footer"}
        else:
            wanted = {scope}
        return [(s.start, s.end) for s in self.segments if s.scope in wanted]

    def scope_text(self, scope: str) -> str:
        """The text of one scope, its pieces joined by blank lines."""
        if scope == "subject":
            return self.headers.subject or ""
        return "\n\n".join(self.text[a:b] for a, b in self.ranges(scope))


_GREETING = re.compile(
    r"^[ \t]*(?:(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|to whom)\b[^\n]{0,60}"
    r"|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?,)[ \t]*$",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(
    r"^[ \t]*(?:best|best regards|kind regards|regards|warm regards|warmly|cheers|thanks|thank you|"
    r"many thanks|sincerely|yours(?: truly| sincerely)?|all the best|talk soon|take care)[,!.]?[ \t]*$",
    re.IGNORECASE,
)
_SUBJECT_LINE = re.compile(r"\ASubject:[ \t]*([^\n]*)\n", re.IGNORECASE)


def _plain_segments(text: str) -> tuple[tuple[Segment, ...], str | None]:
    """Split a plain-text draft into scopes, line by line."""
    lines = text.splitlines(keepends=True)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)

    scopes = ["body"] * len(lines)
    subject = None
    first = 0
    match = _SUBJECT_LINE.match(text)
    if match:
        subject = match.group(1).strip()
        scopes[0] = "header"
        first = 1
    # The salutation is the first line with words in it, when it looks like one.
    for i in range(first, len(lines)):
        if lines[i].strip():
            if _GREETING.match(lines[i].rstrip("\r\n")):
                scopes[i] = "greeting"
            break
    tail = "body"
    for i in range(first, len(lines)):
        stripped = lines[i].rstrip("\r\n")
        if scopes[i] == "greeting":
            continue
        if stripped.lstrip().startswith(">"):
            scopes[i] = "quoted"
            continue
        if stripped == "-- ":
            tail = "signature"
        elif tail == "body" and _SIGNOFF.match(stripped):
            scopes[i] = "signoff"
            tail = "signature"
            continue
        scopes[i] = tail

    segments: list[Segment] = []
    for i, scope in enumerate(scopes):
        if scope == "header":
            continue
        start, end = offsets[i], offsets[i] + len(lines[i])
        if segments and segments[-1].scope == scope and segments[-1].end == start:
            segments[-1] = Segment(scope, segments[-1].start, end)
        else:
            segments.append(Segment(scope, start, end))
    return tuple(segments), subject


def from_text(text: str, source: str = "<string>") -> Draft:
    """A plain-text draft; an optional first line ``Subject: ...`` is its subject."""
    segments, subject = _plain_segments(text)
    return Draft(source=source, text=text, segments=segments, headers=Headers(subject=subject))


def decode(data: bytes, source: str) -> str:
    if b"\x00" in data:
        raise InputError("binary data, not a text draft")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start}); save the draft as UTF-8") from None


def read(
    source: str | bytes | Path | Message, *, name: str | None = None, max_bytes: int = 10_000_000
) -> Draft:
    """Read a path, bytes, str or email message into a draft."""
    if isinstance(source, Message):
        payload = source.get_payload(decode=True) or b""
        return from_text(decode(payload, name or "<message>"), name or "<message>")
    if isinstance(source, Path):
        try:
            if source.stat().st_size > max_bytes:
                raise InputError(f"larger than the {max_bytes}-byte limit (max_bytes)")
            data = source.read_bytes()
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
        return from_text(decode(data, str(source)), name or str(source))
    if isinstance(source, bytes):
        if len(source) > max_bytes:
            raise InputError(f"larger than the {max_bytes}-byte limit (max_bytes)")
        return from_text(decode(source, name or "<bytes>"), name or "<bytes>")
    return from_text(source, name or "<string>")


def read_all(
    source: bytes | Path, *, name: str | None = None, max_bytes: int = 10_000_000
) -> Iterator[Draft]:
    """Every draft in one input: a file, or bytes from standard input."""
    if isinstance(source, Path) and source.is_dir():
        raise InputError("is a folder")
    if isinstance(source, Path) and not source.exists():
        raise InputError("no such file")
    yield read(source, name=name, max_bytes=max_bytes)
