"""Markdown -> the same text with its markup blanked out.

Findings in a Markdown draft must point into the file, so the text the rules
read keeps every character's place: markup (``#``, ``**``, list markers,
``>``, link targets, HTML, images) becomes spaces and the words stay where
they are. markdown-it-py parses the file (CommonMark, tables, strikethrough);
its token stream says which lines each block spans and which characters are
text, and everything else on those lines is blanked.

Imported only when a Markdown input appears.
"""

from __future__ import annotations

import re
from typing import Any

from . import Facts, MarkupText
from .suppress import COMMENT as COMMENT_DIRECTIVE

_YAML_KEY = re.compile(r"[\w\"'-][^:]*:(?:\s|$)")
_FRONT_MATTER = re.compile(r"\A---[ \t\r]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t\r]*(?:\n|\Z)")



def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def to_text(source: str) -> MarkupText:
    """``source`` with markup blanked; same length, same line breaks. YAML
    front matter (``---`` first, to a ``---`` or ``...`` line) is metadata,
    not the message: blanked too."""
    front = _FRONT_MATTER.match(source)
    if front and _is_yaml(front.group()):
        source = re.sub(r"[^\r\n]", " ", front.group()) + source[front.end() :]
    tokens = _parser().parse(source)
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    starts.append(len(source) + 1)

    def span(lines: list[int]) -> tuple[int, int]:
        first, last = lines
        return starts[min(first, len(starts) - 1)], min(starts[min(last, len(starts) - 1)], len(source))

    keep = bytearray(len(source))  # 1 where a character is text
    quoted: set[int] = set()
    links: list[dict[str, str]] = []
    images: list[dict[str, Any]] = []
    cursor = 0
    for token in tokens:
        if token.type == "blockquote_open" and token.map:
            quoted.update(range(*token.map))
        elif token.type in ("code_block", "fence") and token.map:
            first, last = token.map
            if token.type == "fence":
                first += 1  # the opening fence line
                closing = source[span([last - 1, last])[0] : span([last - 1, last])[1]].strip()
                if last - 1 >= first and closing.startswith(token.markup):
                    last -= 1
            a, b = span([first, last])
            keep[a:b] = b"\x01" * (b - a)
        elif token.type == "inline" and token.map:
            a, b = span(token.map)
            cursor = _keep_inline(source, token.children or [], max(a, cursor), b, keep, links, images)
    chars = [ch if keep[i] or ch in "\n\r" else " " for i, ch in enumerate(source)]
    text = "".join(chars)
    # Suppression comments stay readable, wherever they stand.
    for match in COMMENT_DIRECTIVE.finditer(source):
        text = text[: match.start()] + match.group(0) + text[match.end() :]
    return MarkupText(text, quoted, Facts.of(links, images))


def _is_yaml(block: str) -> bool:
    """Whether the lines between the fences read as YAML keys (``title: x``,
    indented or list lines), not as a draft that opens with a rule."""
    inner = block.splitlines()[1:-1]
    return any(inner) and all(
        not line.strip() or line[:1] in " \t#-" or _YAML_KEY.match(line) for line in inner
    )


def _keep_inline(
    source: str,
    children: list[Any],
    cursor: int,
    end: int,
    keep: bytearray,
    links: list[dict[str, str]],
    images: list[dict[str, Any]],
) -> int:
    """Mark the text of one inline token's children as kept, finding each piece
    in order in ``source[cursor:end]``. A piece that the source spells
    differently (``&amp;`` for ``&``, ``\\*`` for ``*``) is matched character
    by character."""
    link: dict[str, str] | None = None
    for child in children:
        kind = child.type
        if kind == "link_open":
            link = {"url": str(child.attrGet("href") or ""), "text": ""}
            links.append(link)
            continue
        if kind == "link_close":
            link = None
            continue
        if kind == "image":
            images.append({"src": str(child.attrGet("src") or ""), "alt": child.content, "tracking": False})
            continue
        if kind not in ("text", "code_inline") or not child.content:
            continue
        found = source.find(child.content, cursor, end)
        if found >= 0:
            keep[found : found + len(child.content)] = b"\x01" * len(child.content)
            cursor = found + len(child.content)
        else:
            cursor = _keep_chars(source, child.content, cursor, end, keep)
        if link is not None:
            link["text"] += child.content
    return cursor


def _keep_chars(source: str, content: str, cursor: int, end: int, keep: bytearray) -> int:
    """Match ``content`` one character at a time, each near the last; a
    character the source does not have close by (an entity's) is skipped."""
    for ch in content:
        found = source.find(ch, cursor, min(end, cursor + 12))
        if found >= 0:
            keep[found] = 1
            cursor = found + 1
    return cursor
