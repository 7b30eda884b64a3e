"""Shape checks (SH): the subject line and the layout of the body.

Sentence boundaries come from the engine (the sentencizer on the light
engine, the parser on the full model); everything else is token attributes,
so these checks give the same answers on both engines within a sentence
split or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..vocabulary import PARAGRAPH, REPLY_SUBJECT, SUBJECT_PREFIXES
from . import check, first_line_hit

if TYPE_CHECKING:
    from ..metrics import Analysis

#: Kinds of draft that come with real headers, so a missing subject is missing.
_MAIL_KINDS = frozenset({"eml", "email", "mail", "mime", "mbox", "message"})


def _subject(analysis: Analysis) -> str | None:
    return analysis.draft.headers.subject


def _inherited(analysis: Analysis) -> bool:
    """A reply or forward keeps the subject someone else wrote: not the
    sender's to fix."""
    headers = analysis.draft.headers
    subject = headers.subject or ""
    return headers.is_reply or getattr(headers, "is_forward", False) or bool(SUBJECT_PREFIXES.match(subject))


@check("subject-all-caps", options={"min_letters": (int, 5)})
def subject_all_caps(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A subject whose letters are all capitals: two or more words, or one
    word of ``min_letters`` letters or more (so "FYI" or "Q3" alone pass)."""
    subject = _subject(analysis) or ""
    if _inherited(analysis):
        return
    prefix = SUBJECT_PREFIXES.match(subject)
    start = prefix.end() if prefix else 0
    words = re.findall(r"[^\W\d_]+", subject[start:])
    letters = sum(len(w) for w in words)
    long_words = [w for w in words if len(w) >= 2]
    if not words or any(not w.isupper() for w in words):
        return
    if len(long_words) >= 2 or letters >= options["min_letters"]:
        yield Hit(start, len(subject.rstrip()))


@check("empty-subject")
def empty_subject(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A subject header that is there but blank, or a mail with none at all.
    A plain-text draft without a ``Subject:`` line is not judged."""
    subject = _subject(analysis)
    if subject is None and analysis.draft.kind not in _MAIL_KINDS:
        return
    if subject is None or not SUBJECT_PREFIXES.sub("", subject).strip():
        yield Hit(0, len(subject or ""))


@check("wall-of-text", options={"max_words": (int, 150)}, values={"value": "count"})
def wall_of_text(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A paragraph (lines between blank lines) of more than ``max_words``
    words in the scope."""
    max_words = options["max_words"]
    for start, end in analysis.ranges(options["scope"]):
        for para in PARAGRAPH.finditer(analysis.text[start:end]):
            words = len(re.findall(r"[^\W_]+(?:['’][^\W_]+)?", para.group()))
            if words > max_words:
                first_line = para.group().split("\n", 1)[0].rstrip()
                a = start + para.start()
                yield Hit(a, a + len(first_line), {"value": words})


@check("long-sentence", options={"max_words": (int, 40)}, values={"value": "count"})
def long_sentence(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A sentence of more than ``max_words`` words."""
    max_words = options["max_words"]
    for sent in analysis.sentences(options["scope"]):
        words = sum(1 for t in sent if t.is_alpha or t.like_num)
        if words > max_words:
            # Cut at the draft's own line break (the rules read soft breaks as spaces).
            first_line = analysis.draft.text[sent.start_char : sent.end_char].rstrip().split("\n", 1)[0]
            yield Hit(sent.start_char, sent.start_char + len(first_line), {"value": words})


@check("very-short", options={"min_words": (int, 12)}, values={"value": "count"})
def very_short(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """Fewer than ``min_words`` words of the sender's own (but some), in a
    mail that is not a reply: a quick answer in a thread has its context."""
    words = analysis.metric("words")
    headers = analysis.draft.headers
    subject = headers.subject or ""
    if headers.is_reply or REPLY_SUBJECT.match(subject) or analysis.ranges("quoted"):
        return
    if 0 < words < options["min_words"]:
        for start, end in analysis.ranges("body") or analysis.ranges("all"):
            chunk = analysis.text[start:end]
            if chunk.strip():
                start += len(chunk) - len(chunk.lstrip())
                line = chunk.strip().split("\n", 1)[0].rstrip()
                yield Hit(start, start + len(line), {"value": int(words)})
                return


@check("long-subject", options={"max_words": (int, 10), "max_chars": (int, 80)}, values={"value": "count"})
def long_subject(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A subject of more than ``max_words`` words or ``max_chars`` characters
    that the sender wrote (not one kept from the mail they answer)."""
    subject = (_subject(analysis) or "").rstrip()
    if not subject or _inherited(analysis):
        return
    words = len(subject.split())
    if words > options["max_words"] or len(subject) > options["max_chars"]:
        yield Hit(0, len(subject), {"value": words})


@check(
    "mostly-pictures",
    options={"min_images": (int, 3), "max_words_per_image": (int, 10)},
    values={"images": "count", "words": "count"},
)
def mostly_pictures(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """An HTML mail of ``min_images`` pictures or more (open trackers and
    spacers aside) with fewer than ``max_words_per_image`` words of text for
    each: many mail programs hold back the pictures of mail from a stranger,
    and the reader then sees next to nothing."""
    images = [
        i
        for i in analysis.draft.facts.images
        if not i.tracking and not (i.width is not None and i.height is not None and min(i.width, i.height) <= 2)
    ]
    words = len(analysis.words("all"))
    if len(images) >= options["min_images"] and words < options["max_words_per_image"] * len(images):
        anchor = first_line_hit(analysis, "all")
        yield Hit(anchor.start, anchor.end, {"images": len(images), "words": words})
