"""Suppression directives, and the ``X-Warmcheck-Disable:`` mail header.

A directive is written in the draft, or in a comment in HTML and Markdown
(``<!-- warmcheck: ... -->``):

- ``warmcheck: disable=BL001,hype`` silences those rules on its line; alone
  on its line, on the next line with text;
- ``warmcheck: disable-file=SH`` silences them in the whole draft, subject
  included, wherever it stands;
- ``warmcheck: off`` (every rule) or ``warmcheck: off=BL004`` (those rules)
  silences from its line until ``warmcheck: on``, or to the end.

Rules are named by code, name or family prefix, as ``--ignore`` names them.
A directive is blanked out before the rules read the draft, so it never
counts as the sender's words; one that names a rule and suppresses nothing
is reported (by the engine, which keeps count during a check:
:mod:`warmcheck.engine.suppress`).

Mail has a channel of its own that the reader never sees: an
``X-Warmcheck-Disable: BL007, SF001`` header silences those rules in the
whole message, and ``warmcheck sendmail`` removes it before the message goes.

Directives are found once, when a draft is read, and kept on it
(``Draft.suppressions``) as frozen values: a draft may be checked many times.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

_REFS = r"[\w\-]+(?:[ \t]*,[ \t]*[\w\-]+)*"
_DIRECTIVE = re.compile(
    r"(?:<!--[ \t]*)?warmcheck:[ \t]*"
    rf"(?:(?P<verb>disable-file|disable|off)[ \t]*=[ \t]*(?P<refs>{_REFS})|(?P<switch>off|on)(?![\w=-]))"
    r"[ \t]*(?:-->)?"
)

#: A directive in an HTML or Markdown comment, as the markup converters find
#: it (they keep it in the text so that it can be read here).
COMMENT = re.compile(r"<!--[ \t]*warmcheck:.*?-->")

#: The mail header that carries directives the reader never sees.
HEADER = "X-Warmcheck-Disable"

#: The last line of any draft, for directives that run to the end.
END = 2**31 - 1

Kind = Literal["line", "block", "file", "header", "on"]


@dataclass(frozen=True)
class Suppression:
    """One directive: the rules it names and the lines it applies to."""

    refs: tuple[str, ...]
    #: 1-based line the directive applies to (0: the headers and subject).
    line: int
    #: Where the directive itself stands (offsets into the text; a header's
    #: directive stands in no text: both 0).
    start: int
    end: int
    #: The last line it applies to (None: ``line`` only).
    until: int | None = None
    #: ``line`` (disable=), ``block`` (off ... on), ``file`` (disable-file=),
    #: ``header`` (X-Warmcheck-Disable), ``on`` (the end of a block: silences nothing).
    kind: Kind = "line"
    #: The header field as written, for a directive from a header.
    written: str = ""

    def covers(self, line: int) -> bool:
        """Whether a finding on ``line`` is in the directive's reach."""
        if self.kind == "on":
            return False
        return self.line <= line <= (self.line if self.until is None else self.until)


def _refs(text: str) -> tuple[str, ...]:
    return tuple(r for r in re.split(r"[\s,]+", text) if r)


def extract(text: str) -> tuple[str, tuple[Suppression, ...]]:
    """The text with directives blanked out (same length), and the
    directives (one a line at most)."""
    found: list[Suppression] = []
    #: ``disable=`` directives alone on their line, waiting for the next line with text.
    pending: list[int] = []
    #: ``off`` blocks not yet closed by ``on``.
    open_blocks: list[int] = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        match = _DIRECTIVE.search(line)
        if match:
            start, end = offset + match.start(), offset + match.end()
            verb = match.group("verb") or match.group("switch")
            refs = _refs(match.group("refs") or "")
            if verb == "disable":
                found.append(Suppression(refs, number, start, end))
                if not (line[: match.start()] + line[match.end() :]).strip():
                    pending.append(len(found) - 1)
            elif verb == "disable-file":
                found.append(Suppression(refs, 0, start, end, until=END, kind="file"))
            elif verb == "off":
                open_blocks.append(len(found))
                found.append(Suppression(refs, number, start, end, until=END, kind="block"))
            else:
                for k in open_blocks:
                    found[k] = dataclasses.replace(found[k], until=number)
                open_blocks = []
                found.append(Suppression((), number, start, end, kind="on"))
        elif line.strip() and pending:
            for k in pending:
                found[k] = dataclasses.replace(found[k], line=number)
            pending = []
        offset += len(line)
    suppressions = tuple(found)
    return blank(text, suppressions), suppressions


def from_header(values: Iterable[str]) -> tuple[Suppression, ...]:
    """The directives of a message's ``X-Warmcheck-Disable`` fields: each
    silences the rules it names in the whole message."""
    out = []
    for value in values:
        value = " ".join(value.split())
        if _refs(value):
            out.append(Suppression(_refs(value), 0, 0, 0, until=END, kind="header", written=f"{HEADER}: {value}"))
    return tuple(out)


def blank(text: str, suppressions: tuple[Suppression, ...]) -> str:
    """``text`` with the directives replaced by spaces (same length)."""
    if not any(sup.end > sup.start for sup in suppressions):
        return text
    chars = list(text)
    for sup in suppressions:
        chars[sup.start : sup.end] = " " * (sup.end - sup.start)
    return "".join(chars)
