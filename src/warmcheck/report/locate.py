"""Where a finding is in the file, for formats that annotate files (SARIF,
GitHub): their lines start at 1 and belong to the file on disk.

A finding's own line and column are of the text the rules read: the file
itself for plain text, Markdown and templates, the decoded body for mail,
the extracted text for HTML; line 0 is the message headers. Here they are
put on the file's lines where that can be known for sure:

- a finding on the subject goes to the ``Subject:`` line (of a plain
  draft's text, or of a mail file's header block);
- a mail file whose body is stored as it reads (no transfer encoding, one
  part) has its body lines shifted below the header block.

Anything else keeps its own position, and :attr:`Place.note` says what it
is measured in. The file is only read, and only for mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import vocabulary
from ..core import Finding, Report
from ..mail.sources import SUFFIXES

#: Kinds whose text is the file itself, line for line and column for column.
_AS_WRITTEN = {"text", "markdown", "template"}


@dataclass(frozen=True)
class Place:
    line: int
    column: int
    end_line: int
    end_column: int
    #: What the position is, when it is not exactly the finding's words in
    #: the file (empty when it is).
    note: str = ""


def place(report: Report, finding: Finding) -> Place:
    """Where ``finding`` of ``report`` is in the report's file."""
    kind = _kind(report.source)
    if finding.line == 0:
        return _in_headers(report, finding, kind)
    if kind in _AS_WRITTEN:
        return Place(finding.line, finding.column, finding.end_line, finding.end_column)
    if kind == "email":
        shift = _mail(report.source).body_shift(report.text)
        if shift is not None:
            return Place(finding.line + shift, finding.column, finding.end_line + shift, finding.end_column)
    what = "the text read from the HTML" if kind == "html" else "the decoded message body"
    return Place(finding.line, finding.column, finding.end_line, finding.end_column, f"line {finding.line} of {what}")


def _kind(source: str) -> str | None:
    return SUFFIXES.get(Path(source).suffix.lower())


def _in_headers(report: Report, finding: Finding, kind: str | None) -> Place:
    """A finding on line 0: the subject, or a header's directive."""
    header = finding.text.partition(":")[0] if finding.rule.startswith("WC") else None
    if kind in _AS_WRITTEN and not header and report.subject is not None:
        for number, line in enumerate(report.text.split("\n")[:20], start=1):
            match = vocabulary.PLAIN_SUBJECT_LINE.match(line)
            if match and match.group(1) == report.subject:
                base = match.start(1)
                return Place(number, base + finding.column, number, base + finding.end_column)
    if kind == "email":
        found = _mail(report.source).header_line(header or "subject")
        if found is not None:
            return Place(found, 1, found, 1, "in the subject" if header is None else "")
    return Place(1, 1, 1, 1, "in the subject" if header is None else "in the message headers")


class _MailFile:
    """The header block of a mail file on disk, and its body as stored."""

    def __init__(self, data: bytes) -> None:
        self.fields: dict[str, int] = {}
        self.body: str | None = None
        self.shift = 0
        lines = data.split(b"\n")
        for number, raw in enumerate(lines, start=1):
            line = raw.rstrip(b"\r")
            if not line:
                self.shift = number
                try:
                    self.body = b"\n".join(lines[number:]).decode("utf-8").replace("\r\n", "\n")
                except UnicodeDecodeError:
                    self.body = None
                return
            match = re.match(rb"([!-9;-~]+)[ \t]*:", line)
            if match:
                self.fields.setdefault(match.group(1).decode("ascii").lower(), number)

    def header_line(self, name: str) -> int | None:
        return self.fields.get(name.lower())

    def body_shift(self, text: str) -> int | None:
        """How many lines the body is below line 1, if the text the rules
        read is the body as stored; else None."""
        if self.body is None or self.body.rstrip() != text.rstrip():
            return None
        return self.shift


def _mail(source: str) -> _MailFile:
    try:
        stat = Path(source).stat()
    except OSError:
        return _MailFile(b"")
    return _read(source, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read(source: str, mtime: int, size: int) -> _MailFile:
    """A mail file read once for all its findings (keyed by its time and size)."""
    path = Path(source)
    try:
        if path.is_file() and size <= 50_000_000:
            return _MailFile(path.read_bytes())
    except OSError:
        pass
    return _MailFile(b"")
