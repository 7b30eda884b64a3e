"""``warmcheck check --show-text``: the text the rules read, each line with
its number and scope, under what the headers and markup told."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..message import Draft

#: Width of the scope column: "signature" and "greeting+body" fit.
_WIDTH = 13


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def render(draft: Draft) -> str:
    h = draft.headers
    out = [f"== {draft.source} ({draft.kind}) =="]
    if h.subject is not None:
        out.append(f"subject: {h.subject}")
    if draft.kind == "email":
        who = [f"to {h.to}, cc {h.cc}, bcc {h.bcc}" + (", undisclosed recipients" if h.undisclosed else "")]
        if h.reader_name or h.reader_address:
            who.append(f"reader: {h.reader_name or ''} <{h.reader_address or ''}>".replace(" <>", ""))
        if h.sender_name or h.sender_address:
            who.append(f"sender: {h.sender_name or ''} <{h.sender_address or ''}>".replace(" <>", ""))
        who.append("a reply" if h.is_reply else "a forward" if h.is_forward else "first contact")
        out.append("; ".join(who))
        listed = [x for x in (h.list_unsubscribe and "List-Unsubscribe", h.precedence and f"Precedence: {h.precedence}",
                              h.list_id and f"List-Id: {h.list_id}") if x]  # fmt: skip
        if listed:
            out.append("list headers: " + ", ".join(str(x) for x in listed))
    facts = draft.facts
    noted = [f"{facts.link_count} links"] if facts.link_count else []
    for found, label in ((facts.images, "images"), (facts.tracking_pixels, "tracking pixels"),
                         (facts.unsubscribe_links, "unsubscribe links"),
                         (facts.view_in_browser_links, "view-in-browser links")):  # fmt: skip
        if found:
            noted.append(f"{len(found)} {label}")
    if noted:
        out.append("facts: " + ", ".join(noted))
    for a in draft.attachments:
        out.append(f"attachment: {a.name or '(no name)'} ({a.content_type}, {_size(a.size)}{', inline' if a.inline else ''})")
    if draft.suggested_profile:
        why = ", ".join(facts.newsletter_signals)
        out.append(f"profile: {draft.suggested_profile}" + (f" ({why})" if why else ""))
    for warning in draft.warnings:
        out.append(f"warning: {warning}")
    out.append("")

    scope_of: list[str | None] = [None] * len(draft.text)
    for seg in draft.segments:
        for i in range(seg.start, min(seg.end, len(scope_of))):
            scope_of[i] = seg.scope
    lines = draft.text.split("\n")
    if draft.text.endswith("\n"):
        lines.pop()
    width = len(str(len(lines)))
    pos = 0
    for number, line in enumerate(lines, start=1):
        names: list[str] = []
        for i in range(pos, pos + len(line)):
            name = scope_of[i]
            if name and not line[i - pos].isspace() and name not in names:
                names.append(name)
        if not names:
            name = scope_of[pos] if pos < len(scope_of) else None
            names = [name] if name else ["header"]
        out.append(f"{number:>{width}} {'+'.join(names):<{_WIDTH}}| {line.rstrip(chr(13))}")
        pos += len(line) + 1
    return "\n".join(out) + "\n"
