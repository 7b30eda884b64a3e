"""How the checks read a draft: sentences and paragraphs, who the reader is,
whether the sender is the subject, and a template's fields for the reader
(shared moments and first contact are read in :mod:`warmcheck.checks.context`,
specific details in :mod:`warmcheck.checks.details`, asks and offers in
:mod:`warmcheck.checks.asks`). One home for what several checks of different
families ask, so that no check module imports another.

Every helper runs on both engines. Where the full model is loaded
(``analysis.engine.has_parse``) the grammatical subject comes from the
dependency parse and details from the entity recogniser; on the light
engine they fall back to facts of English, documented on each function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..vocabulary import GREETING, GREETING_WORDS, PARAGRAPH

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Token

    from ..metrics import Analysis, Passage

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

# Matchers compiled once per spaCy vocabulary (one per engine) and phrase
# list, not per draft.
_MATCHERS: dict[tuple[int, str, tuple[str, ...]], tuple[Any, PhraseMatcher]] = {}


def phrase_matcher(analysis: Analysis, phrases: Iterable[str], attr: str = "LOWER") -> PhraseMatcher:
    """A PhraseMatcher for ``phrases``, built once per engine vocabulary."""
    vocab = analysis.engine.nlp.vocab
    wanted = tuple(sorted(set(phrases)))
    slot = (id(vocab), attr, wanted)
    cached = _MATCHERS.get(slot)
    if cached is None or cached[0] is not vocab:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(vocab, attr=attr)
        # Built inside a check's memory zone, the matcher outlives it: its
        # label must not be a string the zone forgets.
        vocab.strings.add("phrases", allow_transient=False)  # type: ignore[call-arg]  # spaCy 3.8, not in its stubs
        matcher.add("phrases", [analysis.engine.nlp.make_doc(p) for p in wanted])
        cached = (vocab, matcher)
        _MATCHERS[slot] = cached
    return cached[1]


def paragraphs(analysis: Analysis, scope: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (split on blank lines) of a scope,
    without their surrounding white space."""
    out = []
    for a, b in analysis.ranges(scope):
        for m in PARAGRAPH.finditer(analysis.text[a:b]):
            out.append((a + m.start(), a + len(m.group(0).rstrip()) + m.start()))
    return out


def words_of(span: Passage) -> list[Token]:
    return [t for t in span if t.is_alpha or t.like_num]


def mentions_reader(analysis: Analysis, sent: Passage) -> bool:
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
    m = _GREETING_NAME.search(greeting)
    # "Good morning," is a greeting with no name, not a reader called Good.
    if m and m.group(1)[:1].isupper() and (m.group(1)[1:2].islower() or "." in m.group(1)) and m.group(1).lower() not in _NOT_NAMES and not GREETING.match(greeting, m.start(1)):
        return m.group(1)
    return None


#: "Hi Ana," "Bonjour Marie," "Dear Dr. Lee", "Hi T.J.,": the first capitalised
#: word, or initials, after the greeting word (any case: "Hi", "hi", "HI").
#: Group 1 is the name ("T.J" for initials, so that a word boundary ends it).
_GREETING_NAME = re.compile(
    rf"^\W*(?:(?i:{GREETING.pattern})\s+)?(?:(?i:dr|mr|mrs|ms|prof)\.?\s+)?((?:[^\W\d_]\.){{1,3}}[^\W\d_]\b|[^\W\d_][\w'-]*)",
    re.UNICODE,
)
#: Words after a greeting that address no one in particular: a crowd, or a
#: role as a list of its holders is greeted ("Dear Hiring Manager", "Hi
#: Developer", "Dear Researcher": BL001's generic greetings).
_NOT_NAMES = frozenset(
    "there all everyone everybody team folks friend friends sir madam customer colleague colleagues".split()
    + "hiring sales purchasing recruiter recruiters recruiting manager director developer developers webmaster blogger".split()
    + "author editor publisher ceo founder founders homeowner homeowners home resident residents creator entrepreneur".split()
    + "admin administrator researcher researchers scholar scientist valued member subscriber reader user partner".split()
    + "client owner business website site applicant candidate winner recipient supporter supporters donor donors".split()
) | frozenset(GREETING_WORDS)


def sender_subject(analysis: Analysis, sent: Passage) -> Token | None:
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
    candidates: list[Token | None] = [lead_word(sent)]
    words = [t for t in sent if not t.is_space][:6]
    comma = next((i for i, t in enumerate(words) if t.text == ","), None)
    if comma is not None and comma + 1 < len(words):
        candidates.append(words[comma + 1])
    for word in candidates:
        if word is not None and word.lower_ in NOMINATIVE_SELF and _opinion_follows(word):
            return None
        if word is not None and word.lower_ in NOMINATIVE_SELF | SELF_POSSESSIVE and is_sender(word):
            return word
        if word is not None and word.idx in sender:
            return word
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


#: A question about the sender in the reader's own words ("What have you
#: been up to?", "How was the move?", "Tell me about your trip").
_ASKS_ABOUT_SENDER = re.compile(
    r"\b(?:what(?:['’]s| is| have| has| are| were)? (?:new|up|you|been)|how (?:are|have|were|did) you|how(?:['’]s| is| was) "
    r"(?:it going|life|things|the|your)|tell me (?:more )?about|what (?:are|have|were) you (?:up to|doing|working on)"
    r"|how did (?:the|your)|any news)\b[^?\n]{0,80}\?",
    re.IGNORECASE,
)


def asked_about_sender(analysis: Analysis) -> bool:
    """The reply answers the reader's question about the sender ("What have
    you been up to?"): talking about oneself is what was asked for."""
    if not answers_reader(analysis):
        return False
    quoted = analysis.draft.scope_text("quoted")
    return bool(_ASKS_ABOUT_SENDER.search(" ".join(quoted.replace(">", " ").split())))


def lead_word(sent: Passage) -> Token | None:
    for t in sent:
        if t.is_space or t.is_punct or t.lower_ in LEAD_FILLERS:
            continue
        return t
    return None


def self_centred(analysis: Analysis, sent: Passage) -> bool:
    """About the sender and not the reader: the sender is the subject and the
    reader is nowhere in the sentence."""
    return len(words_of(sent)) >= 3 and sender_subject(analysis, sent) is not None and not mentions_reader(analysis, sent)


def sentence_hit(sent: Passage) -> Hit:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return Hit(start, end)


def content_sentences(analysis: Analysis, scope: str) -> list[Passage]:
    """Sentences with at least three words, outside polite formulas."""
    return analysis.memo(("content_sentences", scope), lambda: _content_sentences(analysis, scope))


def scope_sentences(analysis: Analysis, scope: str) -> list[Passage]:
    """The sentences of ``scope``; for the body, with the part of a greeting
    line's sentence that is body ("Hi there, I'd love to send you…", "Hey,
    you looking?"): the body goes on the greeting's line, and its sentence
    starts in the greeting; it is body all the same."""
    sentences = list(analysis.sentences(scope))
    if scope == "body":
        body = analysis.ranges("body")
        sentences[:0] = [
            s[_first_in(s, body):] for s in analysis.sentences("greeting")
            if any(s.start_char < b and s.end_char > a + 1 for a, b in body)
        ]
    return sentences


def _content_sentences(analysis: Analysis, scope: str) -> list[Passage]:
    out = []
    for s in scope_sentences(analysis, scope):
        if not len(s):
            continue
        words = words_of(s)
        if len(words) < 3:
            continue
        if sum(t.idx in analysis.formula_offsets for t in words) >= len(words) - 1:
            continue
        out.append(s)
    return out


def _first_in(sent: Passage, ranges: list[tuple[int, int]]) -> int:
    """The index in ``sent`` of its first token inside ``ranges``."""
    for i, t in enumerate(sent):
        if any(a <= t.idx < b for a, b in ranges) and not t.is_punct and not t.is_space:
            return i
    return len(sent)



def template_slots(analysis: Analysis, scope: str = "body") -> list[tuple[int, int]]:
    """In a template, where a field stands for something of this reader's
    beyond who they are ("[their recent post]", "{{ shared_topic }}"): the
    sender will write a specific detail there. Fields that only swap in a
    name or company, and the sender's own fields, are no such slot."""
    if analysis.draft.kind != "template" or analysis.draft.facts.template is None:
        return []

    def reader_slot(name: str) -> bool:
        from ..mail.templates import SWAP_FIELDS
        from ..vocabulary import is_sender_field

        return name.lower() not in SWAP_FIELDS and not is_sender_field(name)

    def compute() -> list[tuple[int, int]]:
        from ..mail.templates import template_info

        info = template_info(analysis.draft.facts.template or "")
        if info is None:
            return []
        ranges = analysis.ranges(scope)
        # Each output tag's fields, in one pass (asking every field for every
        # tag took time in the square of the template's fields).
        fields_of: dict[object, list[str]] = {}
        for name in info.variables:
            for field_tag in info.field_tags(name):
                fields_of.setdefault(field_tag, []).append(name)
        slots = []
        for tag in info.tags:
            if tag.kind == "f":
                names = [tag.name]
            elif tag.kind == "{":
                names = fields_of.get(tag, [])
            else:
                continue
            if any(reader_slot(n) for n in names) and any(a <= tag.start < b for a, b in ranges):
                slots.append((tag.start, tag.end))
        return slots

    return analysis.memo(("template_slots", scope), compute)


def body_words(analysis: Analysis, scope: str) -> int:
    """Words in the content sentences of ``scope``; several checks ask."""
    return analysis.memo(
        ("body_words", scope), lambda: sum(len(words_of(s)) for s in content_sentences(analysis, scope))
    )
