"""Reader-focus checks (SF): is the message about the reader or about the sender?

The reading of sentences (who is the subject, is the reader mentioned) lives
in :mod:`warmcheck.checks.reading`, shared with the other families.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..options import REQUIRED
from . import check, first_line_hit
from .context import SHARED_CONTEXT
from .reading import (
    answers_reader,
    asked_about_sender,
    body_words,
    content_sentences,
    lead_word,
    mentions_reader,
    paragraphs,
    phrase_matcher,
    self_centred,
    sentence_hit,
    words_of,
)

if TYPE_CHECKING:
    from ..metrics import Analysis


@check(
    "sender-centred-pronouns",
    options={"max": (float, 0.75), "min_total": (int, 8), "min_words": (int, 40)},
    values={"value": "share", "part": "first_person", "other": "second_person"},
)
def sender_centred_pronouns(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """More than ``max`` of the person words (``min_total`` of them or more,
    in ``min_words`` words or more) are I, we and the sender's names rather
    than you. A reply that answers the reader's question about the sender
    ("What have you been up to?") is left alone: that was asked for."""
    part, other = analysis.metric("first_person"), analysis.metric("second_person")
    if part + other < options["min_total"] or analysis.metric("words") < options["min_words"]:
        return
    share = part / (part + other)
    if share > options["max"] and not asked_about_sender(analysis):
        anchor = first_line_hit(analysis, options["scope"])
        yield Hit(anchor.start, anchor.end, {"value": f"{share:.0%}", "part": int(part), "other": int(other)})


@check("opens-with-sender")
def opens_with_sender(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The body's first real sentence is about the sender and not the reader
    ("I am the founder of..."; but not "I read your article..."). A reply is
    left alone: its first line answers the reader's message ("I agree"), and
    so is a first sentence that recalls a shared moment ("I've been meaning
    to write since our walk on Sunday")."""
    if answers_reader(analysis):
        return
    first = next((s for s in analysis.sentences(options["scope"]) if words_of(s)), None)
    if first is not None and self_centred(analysis, first) and not SHARED_CONTEXT.search(first.text):
        yield sentence_hit(first)


@check(
    "self-centred-sentences",
    options={"min_sentences": (int, 4), "min_share": (float, 0.6)},
    values={"count": "count", "total": "total"},
)
def self_centred_sentences(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """At least ``min_sentences`` sentences, and ``min_share`` of them, have
    the sender as subject and never mention the reader. Each such sentence
    is a finding, so the writer sees which to rewrite. A reply is left
    alone: there, sentences about the sender answer what the reader wrote
    ("What have you been up to?")."""
    if answers_reader(analysis):  # sentences about yourself answer the reader's message
        return
    sentences = content_sentences(analysis, options["scope"])
    selfish = [s for s in sentences if self_centred(analysis, s)]
    if len(selfish) < options["min_sentences"]:
        return
    if len(selfish) / len(sentences) < options["min_share"]:
        return
    for s in selfish:
        hit = sentence_hit(s)
        yield Hit(hit.start, hit.end, {"count": len(selfish), "total": len(sentences)})


@check(
    "paragraphs-open-with-sender",
    options={"min_paragraphs": (int, 3), "min_share": (float, 0.6)},
    values={"count": "count", "total": "total"},
)
def paragraphs_open_with_sender(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """Paragraph after paragraph (``min_paragraphs``, and ``min_share`` of
    those of five words or more) opens with the sender ("I...", "We...",
    "Our...")."""
    opening = []
    total = 0
    for a, b in paragraphs(analysis, options["scope"]):
        paragraph = analysis.passage(a, b)
        if paragraph is None or len(words_of(paragraph)) < 5:
            continue
        total += 1
        # The first sentence that starts in the paragraph and has words.
        sentences = analysis.all_sentences
        lo, hi = (bisect.bisect_left(sentences, i, key=lambda s: s.start) for i in (paragraph.start, paragraph.end))
        first = next((s for s in sentences[lo:hi] if s.start_char >= a and words_of(s)), None)
        if first is None:
            continue
        lead = lead_word(first)
        if lead is not None and analysis.is_first_person(lead) and not mentions_reader(analysis, first):
            opening.append(first)
    if len(opening) >= options["min_paragraphs"] and len(opening) / max(1, total) >= options["min_share"]:
        for s in opening:
            hit = sentence_hit(s)
            yield Hit(hit.start, hit.end, {"count": len(opening), "total": total})


@check(
    "about-us-paragraph",
    options={"markers": (list, REQUIRED), "min_markers": (int, 2)},
    values={"found": "markers found"},
)
def about_us_paragraph(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A paragraph with ``min_markers`` or more distinct elevator-pitch
    ``markers`` (who we are, what we do, our clients, our awards) is an
    "about us" pitch; one marker alone ("our team") is ordinary mail. A
    heading ("ABOUT US", a short line with no full stop) is read with the
    paragraph below it, which it names."""
    from spacy.util import filter_spans

    matcher = phrase_matcher(analysis, options["markers"])
    heading: tuple[int, set[str]] | None = None
    for a, b in paragraphs(analysis, options["scope"]):
        span = analysis.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        distinct = {s.text.lower() for s in filter_spans(matcher(span, as_spans=True))}
        text = analysis.text[a:b]
        if heading is not None:
            a, distinct = heading[0], distinct | heading[1]
        heading = (a, distinct) if _HEADING.fullmatch(text) else None
        if heading is None and len(distinct) >= options["min_markers"]:
            line_end = analysis.text.find("\n", a, b)
            yield Hit(a, line_end if line_end > 0 else b, {"found": ", ".join(sorted(distinct)[:4])})


#: A paragraph that is a heading: one line of at most four words, no full stop (a colon or a
#: question mark may end it: "HOW DOES IT WORK?").
_HEADING = re.compile(r"(?:\w+[ \t]+){0,3}\w+[ \t]*[:?]?")


@check("reader-absent", options={"min_words": (int, 80)}, values={"words": "count"})
def reader_absent(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A body of ``min_words`` or more that never addresses the reader: no
    "you", no "your", no name (formulas like "thank you" do not count)."""
    sentences = content_sentences(analysis, options["scope"])
    words = body_words(analysis, options["scope"])
    if words < options["min_words"]:
        return
    if any(mentions_reader(analysis, s) for s in sentences):
        return
    hit = sentence_hit(sentences[0])
    yield Hit(hit.start, hit.end, {"words": words})

