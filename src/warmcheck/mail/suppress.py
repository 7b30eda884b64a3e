"""Suppression directives: ``warmcheck: disable=BL001,hype`` on a line.

In HTML and Markdown the same words go in a comment,
``<!-- warmcheck: disable=... -->``. A directive that shares its line with
text applies to that line; one alone on its line applies to the next line
with text. The directive itself is blanked out before the rules read the
draft, so it never counts as the sender's words. A directive that suppresses
nothing is reported (by the engine, which keeps count during a check:
:mod:`warmcheck.engine.suppress`).

Directives are found once, when a draft is read, and kept on it
(``Draft.suppressions``) as frozen values: a draft may be checked many times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"(?:<!--[ \t]*)?warmcheck:[ \t]*disable[ \t]*=[ \t]*([\w\-]+(?:[ \t]*,[ \t]*[\w\-]+)*)[ \t]*(?:-->)?"
)

#: A directive in an HTML or Markdown comment, as the markup converters find
#: it (they keep it in the text so that it can be read here).
COMMENT = re.compile(r"<!--[ \t]*warmcheck:.*?-->")


@dataclass(frozen=True)
class Suppression:
    """One directive: the rules it names and the line it applies to."""

    refs: tuple[str, ...]
    #: 1-based line the directive applies to.
    line: int
    #: Where the directive itself stands (offsets into the text).
    start: int
    end: int


def extract(text: str) -> tuple[str, tuple[Suppression, ...]]:
    """The text with directives blanked out (same length), and the directives."""
    found: list[tuple[tuple[str, ...], int, int, int]] = []
    #: Directives alone on their line, waiting for the next line with text.
    pending: list[int] = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        match = _DIRECTIVE.search(line)
        if match:
            refs = tuple(r.strip() for r in match.group(1).split(","))
            found.append((refs, number, offset + match.start(), offset + match.end()))
            if not (line[: match.start()] + line[match.end() :]).strip():
                pending.append(len(found) - 1)
        elif line.strip() and pending:
            for k in pending:
                refs, _, start, end = found[k]
                found[k] = (refs, number, start, end)
            pending = []
        offset += len(line)
    suppressions = tuple(Suppression(*item) for item in found)
    return blank(text, suppressions), suppressions


def blank(text: str, suppressions: tuple[Suppression, ...]) -> str:
    """``text`` with the directives replaced by spaces (same length)."""
    if not suppressions:
        return text
    chars = list(text)
    for sup in suppressions:
        chars[sup.start : sup.end] = " " * (sup.end - sup.start)
    return "".join(chars)
