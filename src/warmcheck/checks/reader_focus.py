"""Reader-focus checks (SF): is the message about the reader or about the sender?

Every check runs on both engines. Where the full model is loaded
(``analysis.engine.has_parse``) the grammatical subject comes from the
dependency parse; on the light engine it falls back to a fact of English:
"I" and "we" are only ever subjects, so a sentence that contains them (outside
a polite formula) has the sender as a subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import Hit, check

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span, Token

    from ..metrics import Analysis

#: Pronouns that can only be subjects: on the light engine they mark the sender as subject.
NOMINATIVE_SELF = frozenset({"i", "we"})
SELF_POSSESSIVE = frozenset({"my", "our"})
#: Words a sentence may start with before its subject ("So I ...", "And we ...").
LEAD_FILLERS = frozenset(
    "so and but also now well anyway then plus still just actually honestly ps p.s. first second finally "
    "today recently lately again".split()
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: "I think X", "I agree that X": the sentence is about X, not the sender.
#: Lemmas for the full model; the light engine matches the listed forms.
OPINION_LEMMAS = frozenset(
    "think believe agree disagree know understand suppose guess feel hope wonder doubt suspect recommend "
    "suggest expect assume imagine".split()
)
OPINION_FORMS = OPINION_LEMMAS | frozenset(
    "thought believed agreed knew understood supposed guessed felt hoped wondered doubted suspected "
    "recommended suggested expected assumed imagined".split()
)
_BETWEEN = frozenset("do don't dont did didn't also really still just fully completely totally would 'd".split())

# Matchers compiled once per spaCy vocabulary (one per engine), not per draft.
_MATCHERS: dict[tuple[int, str], tuple[Any, PhraseMatcher]] = {}


def phrase_matcher(analysis: Analysis, key: str, phrases: Iterable[str], attr: str = "LOWER") -> PhraseMatcher:
    """A PhraseMatcher for ``phrases``, built once per engine vocabulary."""
    vocab = analysis.engine.nlp.vocab
    slot = (id(vocab), key)
    cached = _MATCHERS.get(slot)
    if cached is None or cached[0] is not vocab:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(vocab, attr=attr)
        matcher.add(key, list(analysis.engine.nlp.tokenizer.pipe(sorted(set(phrases)))))
        cached = (vocab, matcher)
        _MATCHERS[slot] = cached
    return cached[1]


def body_spans(analysis: Analysis, scope: str) -> list[Span]:
    """The doc spans of a scope, one per contiguous range."""
    spans = []
    for a, b in analysis.ranges(scope):
        span = analysis.doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def paragraphs(analysis: Analysis, scope: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (split on blank lines) of a scope,
    without their surrounding white space."""
    out = []
    for a, b in analysis.ranges(scope):
        for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", analysis.text[a:b]):
            out.append((a + m.start(), a + len(m.group(0).rstrip()) + m.start()))
    return out


def words_of(span: Span) -> list[Token]:
    return [t for t in span if t.is_alpha or t.like_num]


def mentions_reader(analysis: Analysis, sent: Span) -> bool:
    """The sentence addresses the reader: you/your outside a formula, or their name."""
    if any(analysis.is_second_person(t) for t in sent):
        return True
    name = reader_first_name(analysis)
    return bool(name) and any(t.text == name for t in sent)


def known_reader_name(analysis: Analysis) -> str | None:
    """The reader's display name, from the To header (or a plain draft's own
    To: line). None when only an address is known."""
    return analysis.draft.headers.reader_name


def reader_first_name(analysis: Analysis) -> str | None:
    """The reader's first name from the headers, or from a "Hi Ana," greeting."""
    name = known_reader_name(analysis)
    if name:
        parts = [p for p in re.split(r"[\s,]+", name) if p[:1].isalpha()]
        if "," in name and len(parts) >= 2:  # "Last, First"
            return parts[1]
        return parts[0] if parts else None
    greeting = analysis.draft.scope_text("greeting")
    m = re.search(r"^\W*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\s+)?([A-Z][a-z][\w'-]*)", greeting)
    if m and m.group(1).lower() not in _NOT_NAMES:
        return m.group(1)
    return None


_NOT_NAMES = frozenset("there all everyone everybody team folks friend friends sir madam customer colleague colleagues hi hello hey dear".split())


def sender_subject(analysis: Analysis, sent: Span) -> Token | None:
    """The token that makes the sender the main subject of ``sent``, if any.

    Full model: the subject (nsubj, nsubjpass) of the sentence's root verb,
    when it is I/we, a sender name, or possessed by my/our ("our team").
    Light engine (no parse): the sentence's first word after fillers such as
    "so" or "and", or the first word after a short opening phrase and its
    comma ("Last year, we..."), when it is I/we/my/our or a sender name.
    "I think X" and "I agree that X" are about X: an opinion verb (by lemma
    on the full model, by listed forms on the light engine) clears them."""
    sender = {a for a, _ in analysis.sender_mentions("all")} if analysis.sender_terms else set()

    def is_sender(t: Token) -> bool:
        return analysis.is_first_person(t) or t.idx in sender

    if analysis.engine.has_parse:
        for t in sent:
            if t.dep_ not in _SUBJECT_DEPS or t.head.dep_ != "ROOT" or t.idx in analysis.formula_offsets:
                continue
            if t.head.lemma_.lower() in OPINION_LEMMAS:
                return None
            if is_sender(t) or any(c.dep_ == "poss" and analysis.is_first_person(c) for c in t.children):
                return t
        return None
    candidates = [_lead(sent)]
    words = [t for t in sent if not t.is_space][:6]
    comma = next((i for i, t in enumerate(words) if t.text == ","), None)
    if comma is not None and comma + 1 < len(words):
        candidates.append(words[comma + 1])
    for t in candidates:
        if t is not None and t.lower_ in NOMINATIVE_SELF and _opinion_follows(t):
            return None
        if t is not None and t.lower_ in NOMINATIVE_SELF | SELF_POSSESSIVE and is_sender(t):
            return t
        if t is not None and t.idx in sender:
            return t
    return None


def _opinion_follows(t: Token) -> bool:
    """Light engine: "I (really) think...", "we agree..." by word forms."""
    doc = t.doc
    i = t.i + 1
    while i < len(doc) and (doc[i].lower_ in _BETWEEN or doc[i].lower_ in ("n't", "not")):
        i += 1
    return i < len(doc) and doc[i].lower_ in OPINION_FORMS


def answers_reader(analysis: Analysis) -> bool:
    """The message replies to the reader: marked as a reply, or quoting them.
    A reply's context is the reader's own message."""
    return bool(getattr(analysis.draft.headers, "is_reply", False) or analysis.ranges("quoted"))


def _lead(sent: Span) -> Token | None:
    for t in sent:
        if t.is_space or t.is_punct or t.lower_ in LEAD_FILLERS:
            continue
        return t
    return None


def self_centred(analysis: Analysis, sent: Span) -> bool:
    """About the sender and not the reader: the sender is the subject and the
    reader is nowhere in the sentence."""
    return len(words_of(sent)) >= 3 and sender_subject(analysis, sent) is not None and not mentions_reader(analysis, sent)


def _sent_hit(sent: Span, message: str | None = None) -> Hit:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return Hit(start, end, message)


def content_sentences(analysis: Analysis, scope: str) -> list[Span]:
    """Sentences with at least three words, outside polite formulas."""
    return analysis.memo(("content_sentences", scope), lambda: _content_sentences(analysis, scope))


def _content_sentences(analysis: Analysis, scope: str) -> list[Span]:
    out = []
    for s in analysis.sentences(scope):
        words = words_of(s)
        if len(words) < 3:
            continue
        if sum(t.idx in analysis.formula_offsets for t in words) >= len(words) - 1:
            continue
        out.append(s)
    return out


# Checks ---------------------------------------------------------------------


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
    if first is not None and self_centred(analysis, first):
        from .personal_reference import SHARED_CONTEXT

        if not SHARED_CONTEXT.search(first.text):
            yield _sent_hit(first)


@check("self-centred-sentences")
def self_centred_sentences(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """Most sentences have the sender as subject and never mention the reader.
    Each such sentence is a finding, so the writer sees which to rewrite."""
    sentences = content_sentences(analysis, options["scope"])
    selfish = [s for s in sentences if self_centred(analysis, s)]
    if len(selfish) < options.get("min_sentences", 3):
        return
    if len(selfish) / len(sentences) < options.get("min_share", 0.5):
        return
    for s in selfish:
        yield _sent_hit(s, f"About you, not the reader ({len(selfish)} of {len(sentences)} sentences are)")


@check("paragraphs-open-with-sender")
def paragraphs_open_with_sender(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """Paragraph after paragraph opens with the sender ("I...", "We...", "Our...")."""
    opening = []
    total = 0
    for a, b in paragraphs(analysis, options["scope"]):
        span = analysis.doc.char_span(a, b, alignment_mode="expand")
        if span is None or len(words_of(span)) < 5:
            continue
        total += 1
        first = next((s for s in span.sents if s.start_char >= a and words_of(s)), None)
        if first is None:
            continue
        lead = _lead(first)
        if lead is not None and analysis.is_first_person(lead) and not mentions_reader(analysis, first):
            opening.append(first)
    if len(opening) >= options.get("min_paragraphs", 3) and len(opening) / max(1, total) >= options.get("min_share", 0.6):
        for s in opening:
            yield _sent_hit(s, f"{len(opening)} of {total} paragraphs open with you")


#: Elevator-pitch markers: who we are, what we do, our clients, our awards.
PITCH_MARKERS = (
    "we are a", "we are the", "we're a", "we are an", "i am the founder", "i'm the founder", "i am the ceo",
    "our company", "our firm", "our agency", "our team", "our clients", "our customers", "our client list",
    "our mission", "our services", "our products", "our product", "our solution", "our solutions", "our platform",
    "our expertise", "our experience", "our track record", "our portfolio", "our award", "our awards",
    "we specialize", "we specialise", "we specialize in", "specializing in", "specialising in", "we help", "we provide", "we offer", "we deliver",
    "we have helped", "we've helped", "we work with", "we have worked with", "we've worked with",
    "founded in", "was founded", "award-winning", "award winning", "award", "awards", "leading provider",
    "industry leader", "market leader", "years of experience", "trusted by", "who we are", "what we do",
    "about us", "fortune 500", "clients include", "customers include",
)


@check("about-us-paragraph")
def about_us_paragraph(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A paragraph with two or more elevator-pitch markers is an "about us"
    pitch; one marker alone ("our team") is ordinary mail."""
    matcher = phrase_matcher(analysis, "about-us", PITCH_MARKERS)
    need = options.get("min_markers", 2)
    for a, b in paragraphs(analysis, options["scope"]):
        span = analysis.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        from spacy.util import filter_spans

        found = filter_spans(matcher(span, as_spans=True))
        distinct = {s.text.lower() for s in found}
        if len(distinct) >= need:
            text = analysis.text[a:b]
            start = a + len(text) - len(text.lstrip())
            line_end = analysis.text.find("\n", start, b)
            yield Hit(start, line_end if line_end > 0 else b, f"An 'about us' paragraph ({', '.join(sorted(distinct)[:4])})")


@check("reader-absent")
def reader_absent(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A body of some length that never addresses the reader: no "you",
    no "your", no name (formulas like "thank you" do not count)."""
    sentences = content_sentences(analysis, options["scope"])
    words = sum(len(words_of(s)) for s in sentences)
    if words < options.get("min_words", 80):
        return
    if any(mentions_reader(analysis, s) for s in sentences):
        return
    yield _sent_hit(sentences[0], f"{words} words and not one addressed to the reader")

