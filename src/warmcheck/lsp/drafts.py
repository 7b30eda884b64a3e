"""An editor buffer as a draft, and a finding's place back in the buffer.

Which kind of draft a buffer is comes from its file name first (``.md``,
``.eml``, mutt's and neomutt's ``mutt-*`` temporary files...), then from the
editor's language id (``markdown``, ``html``, ``mail``, ``plaintext``). A
``mail`` buffer with a header block is read as RFC 822, as a mail client
will send it; without one (mutt with ``edit_headers`` off) it is plain text.

Findings are placed in the draft's text. For plain text, Markdown and
templates that text is the buffer itself; for a mail buffer it is the
decoded body, which is the buffer after the header block unless a transfer
encoding or an HTML body stands between them; for HTML it is the extracted
text. Where the draft's text is not the buffer's, each finding is found in
the buffer by its words (markup and line breaks allowed between them), the
same occurrence as in the draft's text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from .. import message as messages
from .. import vocabulary
from ..core import Finding
from ..message import Draft
from .text import line_starts

#: Kinds of buffer: how each is read.
TEXT, MARKDOWN, HTML, MAIL, TEMPLATE = "text", "markdown", "html", "mail", "template"

_SUFFIXES = {
    ".txt": TEXT, ".text": TEXT,
    ".md": MARKDOWN, ".markdown": MARKDOWN,
    ".html": HTML, ".htm": HTML,
    ".eml": MAIL,
    ".j2": TEMPLATE, ".jinja": TEMPLATE, ".jinja2": TEMPLATE,
}  # fmt: skip
_LANGUAGES = {
    "plaintext": TEXT, "text": TEXT,
    "markdown": MARKDOWN,
    "html": HTML,
    "mail": MAIL, "email": MAIL, "eml": MAIL, "message": MAIL,
    "jinja": TEMPLATE, "jinja2": TEMPLATE, "j2": TEMPLATE,
}  # fmt: skip
#: The temporary files mail clients hand to the editor: mutt, neomutt, aerc.
_MAIL_NAMES = re.compile(r"^(?:neo)?mutt-|^aerc-compose-")

#: A header field's first line (RFC 5322 field name, then a colon).
_FIELD = re.compile(r"^[!-9;-~]+[ \t]*:")
_DISABLE_FIELD = re.compile(r"^x-warmcheck-disable[ \t]*:[ \t]*", re.IGNORECASE)
#: Markup and spacing that may stand between two words of a finding in the buffer.
_BETWEEN = r"(?:\s|<[^>]*>|&nbsp;|&#160;|&#xa0;)+"


def path_of(uri: str) -> str | None:
    """The file system path of a ``file:`` URI, else None (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return unquote(parsed.path)


def kind_of(uri: str, language_id: str) -> str | None:
    """What a buffer is to warmcheck, or None for a buffer it does not read
    (source code, a configuration file)."""
    name = PurePosixPath(urlparse(uri).path).name
    if _MAIL_NAMES.match(name):
        return MAIL
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    return _LANGUAGES.get(language_id.lower())


@dataclass(frozen=True)
class HeaderBlock:
    """A mail buffer's header block: where it ends (the offset of its blank
    line) and what its ``X-Warmcheck-Disable`` fields say."""

    end: int
    #: The line end the block uses, for a field added to it.
    newline: str
    disabled: tuple[str, ...]
    #: Where the last ``X-Warmcheck-Disable`` field (with its continuation
    #: lines) ends, if there is one: a code is added there.
    disable_end: int | None


def header_block(text: str) -> HeaderBlock | None:
    """The header block a mail buffer opens with: header fields up to a blank line."""
    offset = 0
    fields = 0
    disabled: list[str] = []
    disable_end: int | None = None
    in_disable = False
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if not content:
            if not fields:
                return None
            newline = line[len(content) :] or "\n"
            return HeaderBlock(offset, newline, tuple(disabled), disable_end)
        if content[:1] in (" ", "\t") and fields:
            if in_disable:
                disabled.extend(_refs(content))
                disable_end = offset + len(content)
        elif _FIELD.match(content):
            fields += 1
            match = _DISABLE_FIELD.match(content)
            in_disable = match is not None
            if match:
                disabled.extend(_refs(content[match.end() :]))
                disable_end = offset + len(content)
        else:
            return None
        offset += len(line)
    return None  # all headers and no body: not a message yet


def _refs(value: str) -> list[str]:
    return [ref for ref in re.split(r"[\s,]+", value) if ref]


def read(text: str, kind: str, source: str) -> Draft:
    """The draft a buffer holds. Raises ``InputError`` as the CLI would."""
    if kind == MARKDOWN:
        return messages.from_markdown(text, source)
    if kind == HTML:
        return messages.from_html(text, source)
    if kind == TEMPLATE:
        return messages.from_template(text, source)
    if kind == MAIL and header_block(text) is not None:
        return messages.from_bytes(text.encode("utf-8", "surrogatepass"), source, "email")
    return messages.from_text(text, source)


class Placer:
    """Puts findings of a draft back in the buffer it was read from, as
    offsets into the buffer's text (code points)."""

    def __init__(self, text: str, draft: Draft, kind: str) -> None:
        self.text = text
        self.draft = draft
        self.starts = line_starts(text)
        self.draft_starts = [0, *(i + 1 for i, ch in enumerate(draft.text) if ch == "\n")]
        block = header_block(text) if kind == MAIL and draft.kind == "email" else None
        self.header = block
        #: Where the draft's text starts in the buffer, and whether it is the
        #: buffer's text from there on, line for line and column for column.
        self.body_start = 0
        self.direct = draft.kind in ("text", "markdown", "template")
        if block is not None:
            self.body_start = block.end + len(block.newline)
            body = text[self.body_start :].replace("\r\n", "\n").replace("\r", "\n")
            self.direct = body.rstrip() == draft.text.rstrip()
        self._first_line = self.line_of(self.body_start)

    def line_of(self, offset: int) -> int:
        """The 0-based buffer line an offset is on."""
        return bisect.bisect_right(self.starts, offset) - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a buffer line's content (without its line end)."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return start, start + len(self.text[start:end].rstrip("\r\n"))

    def place(self, finding: Finding) -> tuple[int, int]:
        """The finding's words in the buffer: (start, end) offsets."""
        if finding.line == 0:
            return self._subject(finding)
        if self.direct:
            return self._direct(finding.line, finding.column), self._direct(finding.end_line, finding.end_column)
        return self._search(finding)

    def _direct(self, line: int, column: int) -> int:
        index = min(self._first_line + line - 1, len(self.starts) - 1)
        start, end = self.line_span(index)
        return min(start + column - 1, end)

    def _draft_offset(self, line: int, column: int) -> int:
        index = min(max(line - 1, 0), len(self.draft_starts) - 1)
        return min(self.draft_starts[index] + column - 1, len(self.draft.text))

    def _search(self, finding: Finding) -> tuple[int, int]:
        """The same occurrence of the finding's words in the buffer as in the
        draft's text; else its first word; else the start of the body."""
        at = self._draft_offset(finding.line, finding.column)
        words = finding.text.split()
        empty = not words
        if empty:  # a finding that points between words: find its line
            index = min(max(finding.line - 1, 0), len(self.draft_starts) - 1)
            words = self.draft.text[self.draft_starts[index] :].split("\n", 1)[0].split()[:8]
        for tries in (words, words[:1]):
            if not tries:
                continue
            before = len(re.findall(r"\s+".join(map(re.escape, tries)), self.draft.text[:at]))
            found = list(re.finditer(_BETWEEN.join(map(re.escape, tries)), self.text[self.body_start :]))
            if found:
                match = found[min(before, len(found) - 1)]
                start = self.body_start + match.start()
                return (start, start) if empty else (start, self.body_start + match.end())
        return self.body_start, self.body_start

    def _subject(self, finding: Finding) -> tuple[int, int]:
        """A finding on line 0: on the buffer's Subject line, or, for one
        about another header (an unused ``X-Warmcheck-Disable``), where its
        words stand among the header lines."""
        if finding.scope != "subject" and finding.text:
            limit = self.header.end if self.header is not None else self.starts[min(len(self.starts) - 1, 40)]
            at = self.text.find(finding.text, 0, limit)
            if at >= 0:
                return at, at + len(finding.text)
        subject = self.draft.headers.subject or ""
        found = self._subject_value()
        if found is None:
            return 0, 0
        start, end = found
        value = self.text[start:end]
        if value.startswith(subject):
            return min(start + finding.column - 1, end), min(start + finding.end_column - 1, end)
        at = value.find(finding.text) if finding.text else -1
        if at >= 0:
            return start + at, start + at + len(finding.text)
        return start, end

    def _subject_value(self) -> tuple[int, int] | None:
        """Where the subject's value stands: in the header block of a mail
        buffer, or on a plain draft's ``Subject:`` line among its first lines."""
        limit = self.header.end if self.header is not None else len(self.text)
        for line in range(min(len(self.starts), 40)):
            start, end = self.line_span(line)
            if start >= limit:
                break
            match = vocabulary.PLAIN_SUBJECT_LINE.match(self.text[start:end])
            if match:
                return start + match.start(1), start + match.end(1)
        return None
