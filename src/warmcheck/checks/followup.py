"""Follow-up memory checks (family FU): what the ledger of sent mail shows,
which no single draft does. The Linter puts the ledger's facts in
``Draft.context["ledger"]`` (:mod:`warmcheck.ledger.facts` describes them);
these checks judge them against their options. Without a ledger there are
no facts, and they find nothing.

Facts read here: ``earlier`` (mails to this reader: ``days_ago``,
``similarity`` to this draft, ``answers``: it answered a mail of theirs),
``replies`` (mail back from them: ``days_ago``), ``answers`` (this draft
answers a mail received) and ``similar`` (earlier mails to others like this
one: ``days_ago``, ``similarity``, ``readers``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..core import Hit
from . import check, first_line_hit

if TYPE_CHECKING:
    from ..metrics import Analysis


def _facts(analysis: Analysis) -> Mapping[str, Any] | None:
    facts = analysis.draft.context.get("ledger")
    return facts if isinstance(facts, Mapping) else None


def _entries(facts: Mapping[str, Any], key: str) -> Iterator[Mapping[str, Any]]:
    """The well-formed entries of one list of facts (each with a number of
    days); anything else is passed over."""
    items = facts.get(key)
    if not isinstance(items, list):
        return
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("days_ago"), int | float):
            yield item


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _when(days_ago: float) -> str:
    days = int(days_ago)
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


@check(
    "unanswered-run",
    options={"days": (int, 14), "min_earlier": (int, 2)},
    values={"count": "count", "first": "days"},
)
def unanswered_run(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """``min_earlier`` or more earlier mails to this reader within ``days``
    days, and no reply from them since the first: this one would be one
    more chaser. Mail that answered one of theirs is not a chaser, and
    neither is this draft when it answers a mail received."""
    facts = _facts(analysis)
    if facts is None or facts.get("answers") is True:
        return
    run = [e["days_ago"] for e in _entries(facts, "earlier") if e["days_ago"] <= options["days"] and e.get("answers") is not True]
    if len(run) < max(1, options["min_earlier"]):
        return
    first = max(run)
    if any(r["days_ago"] <= first for r in _entries(facts, "replies")):
        return
    yield Hit(*_anchor(analysis), {"count": len(run), "first": int(first)})


@check(
    "nothing-new",
    options={"threshold": (float, 0.80), "days": (int, 30), "min_words": (int, 15)},
    values={"similarity": "share", "when": "when"},
)
def nothing_new(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The text is at least ``threshold`` the same as the last mail to this
    reader, sent within ``days`` days; drafts under ``min_words`` words of
    body are not judged (a short note is like any other short note)."""
    facts = _facts(analysis)
    if facts is None or len(analysis.words("body")) < options["min_words"]:
        return
    last = next(iter(sorted(_entries(facts, "earlier"), key=lambda e: e["days_ago"])), None)
    if last is None or last["days_ago"] > options["days"]:
        return
    similarity = _number(last.get("similarity"))
    if similarity is not None and similarity >= options["threshold"]:
        yield Hit(*_anchor(analysis), {"similarity": similarity, "when": _when(last["days_ago"])})


@check(
    "same-text-to-many",
    options={"threshold": (float, 0.80), "min_readers": (int, 10), "days": (int, 30), "min_words": (int, 15)},
    values={"readers": "count"},
)
def same_text_to_many(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The text is at least ``threshold`` the same as mails sent to
    ``min_readers`` or more other readers within ``days`` days: a blast
    sent one by one. Drafts under ``min_words`` words of body are not judged."""
    facts = _facts(analysis)
    if facts is None or len(analysis.words("body")) < options["min_words"]:
        return
    readers: set[object] = set()
    for entry in _entries(facts, "similar"):
        similarity = _number(entry.get("similarity"))
        if entry["days_ago"] <= options["days"] and similarity is not None and similarity >= options["threshold"]:
            found = entry.get("readers")
            if isinstance(found, list):
                readers.update(r for r in found if isinstance(r, int | str))
    if readers and len(readers) >= options["min_readers"]:
        yield Hit(*_anchor(analysis), {"readers": len(readers)})


def _anchor(analysis: Analysis) -> tuple[int, int]:
    """Where a finding about the whole mail points: its first line of words."""
    hit = first_line_hit(analysis)
    return hit.start, hit.end
