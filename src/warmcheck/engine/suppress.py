"""Suppression comments: ``warmcheck: disable=BL001,hype`` on a line.

In HTML and Markdown the same words go in a comment,
``<!-- warmcheck: disable=... -->``. A directive that shares its line with
text applies to that line; one alone on its line applies to the next line
with text. The directive itself is blanked out before the rules read the
draft, so it never counts as the sender's words. A directive that suppresses
nothing is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(
    r"(?:<!--[ \t]*)?warmcheck:[ \t]*disable[ \t]*=[ \t]*([\w\-]+(?:[ \t]*,[ \t]*[\w\-]+)*)[ \t]*(?:-->)?"
)


@dataclass
class Suppression:
    refs: tuple[str, ...]
    #: 1-based line the directive applies to.
    line: int
    #: Where the directive itself stands (offsets into the text).
    start: int
    end: int
    used: set[str] = field(default_factory=set)


def extract(text: str) -> tuple[str, list[Suppression]]:
    """The text with directives blanked out (same length), and the directives."""
    found: list[Suppression] = []
    lines = text.splitlines(keepends=True)
    offset = 0
    pending: list[Suppression] = []
    chars = list(text)
    for number, line in enumerate(lines, start=1):
        match = _DIRECTIVE.search(line)
        if match:
            refs = tuple(r.strip() for r in match.group(1).split(","))
            start, end = offset + match.start(), offset + match.end()
            for i in range(start, end):
                chars[i] = " "
            rest = (line[: match.start()] + line[match.end() :]).strip()
            sup = Suppression(refs, number, start, end)
            if rest:
                sup.line = number
            else:
                pending.append(sup)
            found.append(sup)
        elif line.strip() and pending:
            for sup in pending:
                sup.line = number
            pending = []
        offset += len(line)
    return "".join(chars), found
