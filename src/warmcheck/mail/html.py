"""HTML -> the text a reader sees, block structure kept as line breaks, and
the facts rules need that the text does not show: links, images, tracking
pixels, unsubscribe and "view in browser" links.

The parser is selectolax (Lexbor, an HTML5 parser written in C): fast, and
forgiving of the broken markup newsletters and spam are full of. It is
imported only when an HTML input appears.
"""

from __future__ import annotations

import re
from typing import Any

from .. import vocabulary
from . import Facts, MarkupText

#: Elements that end a line before and after them.
_BLOCK = frozenset(
    "address article aside dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tbody thead tfoot tr ul center".split()
)
#: Blocks that stand apart by a blank line, like paragraphs.
_PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6 blockquote ul ol table pre hr".split())
_SKIP = frozenset("head script style title noscript template svg math object iframe select button".split())
_CELL = frozenset(("td", "th"))

_TRACKER_SRC = re.compile(r"pixel|track|beacon|/open\b|open\.(?:gif|png)|/o\.gif|/wf/open|\.gif\?|/e/o/|spacer", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|(?:^|;)\s*(?:width|height)\s*:\s*[01]px", re.IGNORECASE)
#: The marks mail clients put on the history they quote: the class or id of
#: a container (Gmail's ``gmail_quote``, Thunderbird's ``moz-cite-prefix``,
#: Outlook on the web's ``divRplyFwdMsg``...) or of the blockquote itself
#: (Yahoo's ``iosymail``, some webmails' ``isReplyContent``).
_QUOTE_CLASSES = re.compile(
    r"\b(?:gmail_quote|yahoo_quoted|moz-cite-prefix|protonmail_quote|OutlookMessageHeader|tutanota_quote|zmail_extra"
    r"|iosymail|skiff_quote)\b"
)
_QUOTE_IDS = re.compile(
    r"^(?:divRplyFwdMsg|appendonsend|x_divRplyFwdMsg|mail-editor-reference-message-container|isReplyContent"
    r"|oriMsgHtmlSeperator|isForwardContent|origbody)$"
)
#: Ids after which everything is history: Outlook on the web writes the
#: earlier message's header in ``divRplyFwdMsg`` and its text after it, not
#: inside; old Hotmail and Yahoo put ``<hr id="replySplit">`` above it.
_HISTORY_FOLLOWS = re.compile(r"^(?:divRplyFwdMsg|appendonsend|x_divRplyFwdMsg|replySplit)$")
#: A line that says an earlier message follows: "Ana wrote:", "On Mon, ...
#: Ana <ana@...> wrote:", "-----Original Message-----", in each language.
_ATTRIBUTION = re.compile(rf"\b(?:{'|'.join(map(re.escape, vocabulary.REPLY_INTRO_VERBS))})[ \t]*:[ \t]*$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u200b\u200c\u200d\ufeff\u034f\u00ad]+")



class _Builder:
    """Lines of text built from the tree, each marked quoted or not."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, bool]] = []
        self.current: list[str] = []
        self.current_quoted = False
        self.pending = 0  # 1: a line break is due, 2: a blank line is due
        self.quoted_spans: list[tuple[int, int]] = []  # lines found quoted after they were built

    def text(self, value: str, quoted: bool, pre: bool = False) -> None:
        if not pre:
            value = _SPACES.sub(" ", value)
            if not self.current or self.pending:
                value = value.lstrip(" ")
        if not value:
            return
        if self.pending:
            self._break()
        if not self.current:
            self.current_quoted = quoted
        if pre:
            first, *rest = value.split("\n")
            self.current.append(first)
            for piece in rest:
                self._flush()
                self.current_quoted = quoted
                self.current.append(piece)
        else:
            self.current.append(value)

    def block(self, level: int) -> None:
        self.pending = max(self.pending, level)

    def cut(self) -> int:
        """End the line being built; the number of lines so far."""
        self.pending = max(self.pending, 1)
        self._break()
        return len(self.lines)

    def last_line(self, start: int = 0, first: bool = False) -> str:
        """The last (or ``first``) line with words from line ``start`` on."""
        order = range(start, len(self.lines)) if first else range(len(self.lines) - 1, start - 1, -1)
        return next((self.lines[i][0] for i in order if self.lines[i][0]), "")

    def quote_from(self, start: int) -> None:
        """Mark the lines with words from ``start`` on as quoted."""
        self.quoted_spans.append((start, len(self.lines)))

    def line_break(self) -> None:
        if self.pending:
            self._break()
        self._flush(force=True)

    def _break(self) -> None:
        if self.current:
            self._flush()
        if self.pending == 2 and self.lines and self.lines[-1][0]:
            self.lines.append(("", False))
        self.pending = 0

    def _flush(self, force: bool = False) -> None:
        line = "".join(self.current).rstrip()
        if line or force:
            self.lines.append((line, self.current_quoted))
        self.current = []

    def result(self) -> tuple[str, set[int]]:
        self._flush()
        # Quoted spans nest or follow each other: one pass over their ends.
        ends = [0] * (len(self.lines) + 1)
        for start, end in self.quoted_spans:
            ends[start] += 1
            ends[end] -= 1
        out: list[tuple[str, bool]] = []
        depth = 0
        for i, (line, quoted) in enumerate(self.lines):
            depth += ends[i]
            quoted = quoted or (depth > 0 and bool(line))
            if not line and (not out or not out[-1][0]):
                continue  # no leading or doubled blank lines
            out.append((line, quoted))
        while out and not out[-1][0]:
            out.pop()
        quoted_lines = {i for i, (_, q) in enumerate(out) if q}
        return "\n".join(line for line, _ in out) + ("\n" if out else ""), quoted_lines


def _pixels(value: str | None) -> int | None:
    if not value:
        return None
    match = re.match(r"\s*(\d+)", value)
    return int(match.group(1)) if match else None


_END = object()

#: Elements nested deeper than this are refused: the HTML parser takes time
#: in the square of the depth (90,000 deep: 18 s), and no mail nests a
#: thousand elements.
MAX_DEPTH = 1000

#: Elements that do not nest: void, or closed by the next of their kind.
_FLAT = frozenset(
    "area base br col embed hr img input link meta source track wbr p li dt dd td th tr option optgroup "
    "thead tbody tfoot colgroup rb rt rp".split()
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^<>]*)>")


class TooDeep(ValueError):
    """HTML nested deeper than :data:`MAX_DEPTH`."""


def _check_depth(html: str) -> None:
    """Refuse markup nested deeper than MAX_DEPTH, judged by a count of open
    and close tags in one pass (an upper bound of what the parser builds)."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, rest = match.groups()
        if name.lower() in _FLAT or rest.endswith("/"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_DEPTH:
            raise TooDeep(f"HTML nested too deeply (more than {MAX_DEPTH:,} elements one inside another)")


def to_text(html: str) -> MarkupText:
    """The text of an HTML document or fragment, with its link and image
    facts; :class:`TooDeep` for markup nested beyond :data:`MAX_DEPTH`."""
    from selectolax.lexbor import LexborHTMLParser

    _check_depth(html)
    tree = LexborHTMLParser(html)
    builder = _Builder()
    links: list[dict[str, str]] = []
    images: list[dict[str, Any]] = []
    root = tree.root
    if root is None:
        return MarkupText("")
    # Depth-first, without recursion: spam nests tags thousands deep.
    # Stack items: (node, quoted, pre) to enter, or (_END, tag, ends_quote,
    # undecided) to leave.
    # (The marker is compared by identity: a node compared with a string
    # serialises its whole subtree, which made deep markup take time in the
    # square of its depth.)
    stack: list[tuple[Any, ...]] = [(root, False, False)]
    open_links: list[tuple[dict[str, str], int]] = []
    history = False  # past the mark of a quoted message that runs to the end
    collected: list[str] = []  # text of the links being read
    while stack:
        item = stack.pop()
        if item[0] is _END:
            _, tag, ends_quote, undecided = item
            if tag == "a" and open_links:
                link, start = open_links.pop()
                link["text"] = _SPACES.sub(" ", "".join(collected[start:])).strip()
                if not open_links:
                    collected.clear()
            if tag in _BLOCK or tag == "blockquote" or ends_quote:
                builder.block(2 if tag in _PARAGRAPH else 1)
            elif tag in _CELL:
                builder.text(" ", False)
            if undecided >= 0:
                builder.cut()
                if _introduces_quote(builder.last_line(undecided, first=True)):
                    builder.quote_from(undecided)
            continue
        node, quoted, pre = item
        if node.is_text_node:
            value = node.text_content or ""
            builder.text(value, quoted or history, pre)
            if open_links:
                collected.append(value)
            continue
        if node.is_comment_node:
            comment = node.comment_content or ""
            if "warmcheck:" in comment:
                # Kept in the text so that the suppression comment works.
                builder.text(f"<!-- {comment.strip()} -->", quoted)
            continue
        tag = node.tag or ""
        if tag in _SKIP:
            continue
        attrs = node.attributes if node.is_element_node else {}
        history = history or bool(_HISTORY_FOLLOWS.match(attrs.get("id") or ""))
        if tag == "br":
            builder.line_break()
            continue
        if tag == "img":
            images.append(_image(attrs))
            continue
        starts_quote = False
        undecided = -1  # a blockquote whose first line will tell: the line it starts on
        if tag in _BLOCK or tag == "blockquote":
            builder.block(2 if tag in _PARAGRAPH else 1)
        if not quoted and tag in ("div", "blockquote") and _marked_quote(attrs):
            starts_quote = quoted = True
        elif not quoted and tag == "blockquote":
            # A blockquote is quoted history when it looks like one; spam and
            # newsletters also indent their whole text with it.
            start = builder.cut()
            if _introduces_quote(builder.last_line()):
                starts_quote = quoted = True
            else:
                undecided = start
        if tag == "a" and attrs.get("href"):
            link = {"url": (attrs.get("href") or "").strip(), "text": ""}
            links.append(link)
            open_links.append((link, len(collected)))
        stack.append((_END, tag if tag != "a" or attrs.get("href") else "", starts_quote, undecided))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for child in reversed(children):
            stack.append((child, quoted, pre or tag == "pre"))
    text, quoted_lines = builder.result()
    return MarkupText(text, quoted_lines, Facts.of_html(links, images))


def _marked_quote(attrs: dict[str, str | None]) -> bool:
    """The element is quoted history by its client's mark: a quoting class or
    id, or (on a blockquote) ``type="cite"`` as Thunderbird and Apple Mail
    write it."""
    return bool(
        (attrs.get("type") or "").strip().lower() == "cite"
        or _QUOTE_CLASSES.search(attrs.get("class") or "")
        or _QUOTE_IDS.match(attrs.get("id") or "")
    )


def _introduces_quote(line: str) -> bool:
    """The line says an earlier message follows (before a blockquote, or as
    its first line, as Outlook Express wrote it)."""
    return len(line) <= 300 and bool(
        _ATTRIBUTION.search(line) or vocabulary.REPLY_INTRO.match(line) or vocabulary.FORWARD_SEPARATOR.match(line)
    )


def _image(attrs: dict[str, str | None]) -> dict[str, Any]:
    width, height = _pixels(attrs.get("width")), _pixels(attrs.get("height"))
    src = (attrs.get("src") or "").strip()
    style = attrs.get("style") or ""
    tiny = width is not None and height is not None and width <= 2 and height <= 2
    tracker = tiny or bool(_HIDDEN.search(style)) or (
        bool(_TRACKER_SRC.search(src)) and not (attrs.get("alt") or "").strip() and (width or 0) <= 2
    )
    return {"src": src, "alt": (attrs.get("alt") or "").strip(), "width": width, "height": height, "tracking": tracker}


def newsletter_signals(facts: Facts) -> list[str]:
    """Why an HTML message looks like a newsletter, if it does."""
    signals = []
    if facts.view_in_browser_links:
        signals.append('a "view in browser" link')
    if facts.unsubscribe_links and facts.link_count >= 5:
        signals.append("an unsubscribe link among many links")
    return signals
