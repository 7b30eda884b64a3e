"""Checks on mail-merge templates and their rendered copies (rules/templates.yaml).

They read the Jinja2 template itself: the one kept in a template draft's
facts (``warmcheck template.j2``), or the draft's own text when it holds
Jinja2 syntax (a template pasted as a draft). A rendered copy carries
``merge_gaps`` in its context instead: where a field had no value for its recipient.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core import Hit
from . import check

if TYPE_CHECKING:
    from ..mail.templates import TemplateInfo
    from ..metrics import Analysis

# "Hi ," "Dear ," : a greeting whose name came out empty.
_EMPTY_GREETING = re.compile(
    r"^[ \t]*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))[ \t]+[,!.:;]", re.IGNORECASE | re.MULTILINE
)


def _template(analysis: Analysis) -> TemplateInfo | None:
    """What the draft's template holds; parsed once for every template check."""
    return analysis.memo(("template", ""), lambda: _read_template(analysis))


def _read_template(analysis: Analysis) -> TemplateInfo | None:
    if analysis.draft.context.get("campaign_copy"):
        return None
    source = analysis.draft.facts.template
    if source is None:
        source = analysis.text
        if "{{" not in source and "{%" not in source:
            return None
    from ..mail.templates import template_info

    return template_info(source)


def _line_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _quote(text: str, offset: int, limit: int = 60) -> str:
    """The line around ``offset``, cut to ``limit`` characters so that the
    spot itself (a gap, a fallback) is always in view."""
    start, end = _line_of(text, offset)
    if end - start <= limit:
        return " ".join(text[start:end].split())
    left = max(start, min(offset - limit // 2, end - limit))
    right = min(end, left + limit)
    shown = " ".join(text[left:right].split())
    return ("..." if left > start else "") + shown + ("..." if right < end else "")


@check(
    "template-fallback",
    values={"fallback": "fallback", "field": "field", "reads": "line"},
)
def template_fallback(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A literal that stands in for a missing field: ``{{ name | default("there") }}``,
    ``{{ name or "friend" }}``. The reader without that field gets the generic text."""
    info = _template(analysis)
    if info is None:
        return
    for fb in info.fallbacks:
        start, end = _line_of(info.source, fb.tag.start)
        line = info.source[start : fb.tag.start] + fb.value + info.source[fb.tag.end : end]
        values = {"fallback": fb.value, "field": fb.field, "reads": _quote(line, fb.tag.start - start)}
        # Zero width: in a template draft the field's own text is masked, so
        # the message quotes what matters instead.
        yield Hit(fb.tag.start, fb.tag.start, values)


@check("name-only-template", values={"reason": "reason"})
def name_only_template(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """Every merge field only swaps in who the reader is (a name, a company), or
    there is none: each copy will be the same text."""
    from ..mail.templates import SWAP_FIELDS

    info = _template(analysis)
    if info is None:
        return
    # The sender's own fields ([Your Name]) make no copy more personal.
    fields = info.reader_variables
    swaps = [v for v in fields if v.lower() in SWAP_FIELDS]
    if len(swaps) != len(fields):
        return
    if not swaps:
        if analysis.draft.kind != "template":
            return
        yield Hit(0, 0, {"reason": "it has no merge fields"})
        return
    tags = info.field_tags(swaps[0])
    where = tags[0].start if tags else 0
    reason = f"its only merge fields ({', '.join(swaps)}) swap in who the reader is"
    yield Hit(where, where, {"reason": reason})


@check("missing-merge-value", values={"field": "field", "reads": "line"})
def missing_merge_value(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A field with no value for this recipient: a gap ("Hi ,") or a fallback.
    In a plain draft, a greeting whose name came out empty."""
    gaps = analysis.draft.context.get("merge_gaps")
    text = analysis.text
    if not isinstance(gaps, list):
        for m in _EMPTY_GREETING.finditer(text):
            yield Hit(m.start(), m.end(), {"field": "the name in the greeting", "reads": _quote(text, m.start())})
        return
    for offset, name, fallback in gaps:
        field = f'"{name}"' if fallback is None else f'"{name}" (the fallback "{fallback}" stands in)'
        yield Hit(offset, offset, {"field": field, "reads": _quote(text, offset)})


@check("template-fields", values={"fields": "fields"})
def template_fields(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The fields (``jinja2.meta``) every recipient needs a value for, at the first one."""
    info = _template(analysis)
    if info is None or not info.variables:
        return
    first = min((t for v in info.variables for t in info.field_tags(v)), key=lambda t: t.start, default=None)
    where = first.start if first else 0
    yield Hit(where, where, {"fields": ", ".join(info.variables)})
