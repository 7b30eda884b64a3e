"""The editor's text: lines and positions as the Language Server Protocol
counts them, and a buffer that follows full and incremental edits.

LSP lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (and nothing else: not at
U+2028 or a form feed, which ``str.splitlines`` would break on), and a
position's character is counted in the code units of the negotiated
encoding: UTF-16 by default, so a character outside the Basic Multilingual
Plane (most emoji) is two. warmcheck counts columns in code points, so every
position crosses :func:`to_units` or :func:`from_units` on its way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"

_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` is in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def to_units(line: str, column: int, encoding: str = UTF16) -> int:
    """A 0-based code-point column of ``line`` in code units."""
    return units(line[: max(0, column)], encoding)


def from_units(line: str, count: int, encoding: str = UTF16) -> int:
    """A column in code units back to code points (clamped to the line; a
    position inside a surrogate pair or a UTF-8 sequence moves past it)."""
    if encoding == UTF32 or line.isascii():
        return max(0, min(count, len(line)))
    seen = 0
    for index, ch in enumerate(line):
        if seen >= count:
            return index
        seen += units(ch, encoding)
    return len(line)


def line_starts(text: str) -> list[int]:
    """Offsets where each LSP line starts."""
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their line ends (a final line break
    leaves an empty last line, as an editor shows it)."""
    return _BREAK.split(text)


@dataclass
class Buffer:
    """One open document: its text as the editor has it now."""

    uri: str
    language_id: str
    version: int
    text: str

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """An LSP position as an offset into ``text`` (clamped to the text)."""
        starts = line_starts(self.text)
        if line >= len(starts):
            return len(self.text)
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        content = self.text[start:end].rstrip("\r\n")
        return start + from_units(content, character, encoding)

    def apply(self, start: tuple[int, int] | None, end: tuple[int, int] | None, new: str, encoding: str = UTF16) -> None:
        """One content change: the whole text (no range), or a range replaced."""
        if start is None or end is None:
            self.text = new
            return
        a = self.offset(*start, encoding)
        b = max(a, self.offset(*end, encoding))
        self.text = self.text[:a] + new + self.text[b:]
