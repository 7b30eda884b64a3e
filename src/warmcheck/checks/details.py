"""Specific details in a draft (a name, a place, a date, a number): what
makes a note about something, read by PR003 and by the chaser check (BL019).
On the full model they come from the entity recogniser; on the light
engine from facts of English, documented on :func:`specific_details`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..metrics import Analysis, Passage


_MONTHS_DAYS = frozenset(
    "january february march april june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday yesterday tomorrow tonight".split()
)
_SPECIFIC_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "DATE", "TIME", "NORP", "LAW"})
#: Capitalised words that are no detail: pronouns, greetings, sentence glue.
_GENERIC_CAPS = frozenset("i i'm i've i'll i'd ok okay hi hello dear thanks thank please mr mrs ms dr re fw fwd ps".split())


def specific_details(analysis: Analysis, sentences: list[Passage]) -> list[tuple[int, int]]:
    """Specific details: named entities, dates, numbers. The checks ask
    whether there is one, so the full model stops at the first stretch of
    sentences that has any.

    Full model: the entity recogniser's people, places, organisations, dates,
    events, works and products, read about ``_ENTITY_STRETCH`` tokens at a
    time (the recogniser is the model's most costly part). Light engine:
    numbers (in digits: "two" is no detail, nor a list's "1." or "#2", as
    the entity recogniser finds), month and day names, and capitalised
    words that do not open a sentence (a name or place mid-sentence),
    leaving out "I" and greetings."""
    if analysis.engine.has_parse:
        return _entity_details(analysis, sentences)
    found: list[tuple[int, int]] = []
    for s in sentences:
        first = True
        for t in s:
            if t.is_space or t.is_punct:
                continue
            if (t.like_num and any(c.isdigit() for c in t.text) and not _list_marker(t)) or t.lower_ in _MONTHS_DAYS or (not first and t.is_title and t.is_alpha and t.lower_ not in _GENERIC_CAPS):
                found.append((t.idx, t.idx + len(t)))
            first = False
    return found


def _list_marker(t: Token) -> bool:
    """A number that counts items: "1." or "2)" opening a line, "#2"."""
    doc = t.doc
    if t.i > 0 and doc[t.i - 1].text == "#":
        return True
    # A line break is a token of its own, so a number opening a line follows a space token.
    opens_line = t.i == 0 or doc[t.i - 1].is_space
    return opens_line and t.i + 1 < len(doc) and doc[t.i + 1].text in {".", ")"}


#: Tokens of sentences the entity recogniser reads at once, at least.
_ENTITY_STRETCH = 64


def _entity_details(analysis: Analysis, sentences: list[Passage]) -> list[tuple[int, int]]:
    """The specific entities inside ``sentences``, from the first stretch
    of consecutive sentences (about ``_ENTITY_STRETCH`` tokens, with the text
    between them as context) that has one."""
    i = 0
    while i < len(sentences):
        j = i + 1
        while j < len(sentences) and sentences[j - 1].end - sentences[i].start < _ENTITY_STRETCH:
            j += 1
        stretch = sentences[i:j]
        found = [
            (a, b)
            for label, a, b in analysis.engine.entities(analysis.doc, stretch[0].start, stretch[-1].end)
            if label in _SPECIFIC_ENTS and any(s.start_char <= a and b <= s.end_char for s in stretch)
        ]
        if found:
            return found
        i = j
    return []
