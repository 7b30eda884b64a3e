"""What the editor offers on a finding: the rule explained (a hover), a
suppression, and the fix where a rule has an obvious one.

Everything here is plain text work on the buffer: an edit is ``(start, end,
new_text)`` in code-point offsets of the buffer, made into LSP ranges by the
server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core import FAMILIES, Report
from . import drafts
from .checker import Checked, Located

#: A directive already on a line: its list of rule references is group 1.
_DIRECTIVE = re.compile(r"warmcheck:[ \t]*disable[ \t]*=[ \t]*([\w\-]+(?:[ \t]*,[ \t]*[\w\-]+)*)")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class Action:
    title: str
    edits: tuple[Edit, ...]
    #: The finding it answers (for the diagnostic it is attached to).
    located: Located
    preferred: bool = False


def at(checked: Checked, offset: int) -> list[Located]:
    """The findings whose words hold ``offset``."""
    return [loc for loc in checked.located if loc.start <= offset <= max(loc.end, loc.start)]


def hover(checked: Checked, located: list[Located]) -> str:
    """Markdown for the findings under the cursor: what, why, what instead
    (as ``warmcheck explain`` says it)."""
    parts = []
    seen: set[str] = set()
    for loc in located:
        f = loc.finding
        if f.rule in seen:
            continue
        seen.add(f.rule)
        rule = checked.rules.get(f.rule)
        family = FAMILIES.get(f.family, f.family)
        points = f" · -{f.points} points" if f.points else ""
        text = [f"**{f.rule} {f.name}** · {family} · {f.severity}{points}", "", f.message]
        if rule is not None and rule.why:
            text += ["", f"**Why:** {rule.why.strip()}"]
        text += ["", f"**Instead:** {(rule.suggestion if rule is not None else f.suggestion).strip()}"]
        text += ["", f"`warmcheck explain {f.rule}`"]
        parts.append("\n".join(text))
    return "\n\n---\n\n".join(parts)


def summary(report: Report) -> str:
    """One line: the scores and the verdict."""
    s = report.scores
    return (
        f"warmcheck: warmth {s['warmth']} (reader focus {s['reader_focus']}, one-to-one {s['one_to_one']}, "
        f"personal reference {s['personal_reference']}) {report.verdict}"
    )


def actions(checked: Checked, located: Located) -> list[Action]:
    """The fix (where there is an obvious one), then the suppression."""
    found = [a for a in (_fix(checked, located), _suppress(checked, located)) if a is not None]
    return found


# Suppressions ----------------------------------------------------------------


def _suppress(checked: Checked, loc: Located) -> Action | None:
    code = loc.finding.rule
    header = checked.header
    if header is not None:
        if code in header.disabled:
            return None
        if header.disable_end is not None:
            edit = Edit(header.disable_end, header.disable_end, f", {code}")
        else:
            edit = Edit(header.end, header.end, f"X-Warmcheck-Disable: {code}{header.newline}")
        return Action(f"Disable {code} ({loc.finding.name}) for this message (X-Warmcheck-Disable header)", (edit,), loc)
    if loc.finding.line == 0:
        return None  # the subject: no line of its own to carry a directive
    text = checked.text
    line_start = text.rfind("\n", 0, loc.start) + 1
    line_end = len(text)
    for stop in ("\n", "\r"):
        found = text.find(stop, loc.start)
        if found >= 0:
            line_end = min(line_end, found)
    existing = _DIRECTIVE.search(text, line_start, line_end)
    if existing:
        if code in re.split(r"[ \t]*,[ \t]*", existing.group(1)):
            return None
        edit = Edit(existing.end(1), existing.end(1), f",{code}")
    elif checked.kind == drafts.HTML:
        edit = Edit(loc.start, loc.start, f"<!-- warmcheck: disable={code} --> ")
    else:
        if checked.kind == drafts.MARKDOWN:
            directive = f"<!-- warmcheck: disable={code} -->"
        elif checked.kind == drafts.TEMPLATE:
            directive = f"{{# warmcheck: disable={code} #}}"
        else:
            directive = f"warmcheck: disable={code}"
        content_end = line_start + len(text[line_start:line_end].rstrip())
        edit = Edit(content_end, line_end, f"  {directive}")
    return Action(f"Disable {code} ({loc.finding.name}) on this line", (edit,), loc)


# Fixes -------------------------------------------------------------------------

_NAME_FIELDS = {
    "first": {"firstname", "fname", "first", "givenname", "forename", "firstnamecapitalized"},
    "last": {"lastname", "lname", "last", "surname", "familyname"},
    "full": {"name", "fullname", "contactname", "recipientname", "recipient", "readername", "yourname", "theirname"},
}
#: What may follow a generic greeting on its line and go with it ("Dear valued customer,").
_GREETING_REST = re.compile(r"[\w'’ ]{0,30}[,:;!.]?[ \t]*")


def _fix(checked: Checked, loc: Located) -> Action | None:
    f = loc.finding
    name = checked.reader_name
    if f.name == "repeated-exclamation":
        mark = "?" if "?" in f.text else "!"
        return Action(f"Use one '{mark}'", (Edit(loc.start, loc.end, mark),), loc, preferred=True)
    if not name:
        return None
    first, last = name.split()[0], name.split()[-1]
    if f.name == "generic-greeting":
        text = checked.text
        line_end = min(i for i in (text.find("\n", loc.end), text.find("\r", loc.end), len(text)) if i >= 0)
        after = text[loc.end : line_end]
        if _GREETING_REST.fullmatch(after):  # the whole salutation goes: "Dear valued customer,"
            end = loc.end + len(after.rstrip())
        else:  # the greeting opens a longer line: "Hi there, how are you?"
            end = loc.end + (1 if after[:1] in (",", ":", "!") else 0)
        new = f"Hi {first},"
        return Action(f"Greet {first} by name: '{new}'", (Edit(loc.start, end, new),), loc, preferred=True)
    if f.name in ("unfilled-merge-tag", "merge-tag-in-subject"):
        field_name = re.sub(r"[^a-z]", "", f.text.lower())
        for which, fields in _NAME_FIELDS.items():
            if field_name in fields:
                value = {"first": first, "last": last, "full": name}[which]
                return Action(f"Fill in the merge tag: '{value}'", (Edit(loc.start, loc.end, value),), loc, preferred=True)
    return None
