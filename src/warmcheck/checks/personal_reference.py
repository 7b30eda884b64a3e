"""Personal-reference checks (PR): does the message show the sender knows the reader?

Every check runs on both engines. Named entities come from the full model
where it is loaded; the light engine falls back to surface facts (numbers,
month and day names, capitalised words inside a sentence), documented on
each function.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import Hit, check
from .reader_focus import _sent_hit, answers_reader, content_sentences, known_reader_name, reader_first_name, words_of

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..metrics import Analysis

#: Words that tie the message to a shared moment or to the reader's own words.
SHARED_CONTEXT = re.compile(
    r"\b(?:"
    r"(?:when|where|since|after|before) (?:we|you and i) (?:first )?(?:met|spoke|talked|chatted|sat|worked|had)"
    r"|we (?:met|spoke|talked|chatted|discussed)"
    r"|you (?:mentioned|said|asked|told me|shared|wrote|suggested|raised|pointed out|recommended|described|sent|showed)"
    r"|(?:your|you gave a|you gave the|you ran the) (?:talk|article|post|book|paper|presentation|question|questions|point|"
    r"points|project|panel|message|email|e-mail|note|letter|memo|comments?|idea|ideas|draft|proposal|request|reply|"
    r"answer|suggestion|suggestions|concerns?|thoughts|news|team's|team|demo|work on|launch|trip|visit|call|voicemail)"
    r"|(?:great|good|nice|lovely|a pleasure) (?:to meet|meeting|talking|chatting|seeing|to see|to talk|to chat|to hear)"
    r"|(?:as|like) (?:we )?(?:discussed|agreed|promised)|per (?:our|your) (?:conversation|call|discussion|meeting|request|email)"
    r"|following (?:up on )?our (?:call|chat|conversation|meeting|talk|discussion)"
    r"|(?:our|the) (?:conversation|chat|call|talk|meeting|discussion) (?:at|on|last|yesterday|this)"
    r"|(?:at|after|during) the (?:\w+ ){0,3}(?:meetup|conference|event|dinner|workshop|summit|panel|session|offsite|retreat)"
    r"|(?:re|regarding|about) your\b"
    r"|(?:since|after|during|from|about|on) our (?:\w+ ){0,2}(?:walk|lunch|dinner|coffee|chat|call|talk|conversation|"
    r"meeting|trip|hike|visit|drinks|breakfast|run|ride)\b"
    r")",
    re.IGNORECASE,
)


#: What follows a "great to meet" that names nothing ("Great meeting you last
#: week!"): PR010's vague reference, which is no shared context.
_VAGUE_MEETING_TAIL = re.compile(
    r"(?:[ \t]+(?:with|to))?[ \t]+you(?:[ \t]+(?:all|everyone|today|yesterday|recently|again|earlier"
    r"|(?:last|this|the other)[ \t]+(?:week|night|month|weekend|evening|day)"
    r"|at[ \t]+(?:the|our|your)[ \t]+(?:(?:networking|trade|industry)[ \t]+)?(?:event|conference|expo|show|fair|booth|stand|meetup|summit|mixer|night)))?"
    r"[ \t]*[.!]",
    re.IGNORECASE,
)
_MEETING_FORMULA = re.compile(r"(?:great|good|nice|lovely|a pleasure) (?:to meet|meeting|talking|chatting|seeing|to see|to talk|to chat)$", re.IGNORECASE)


def _real_context(text: str, match: re.Match[str]) -> bool:
    """A shared-context match that says something: not a bare "Great meeting you!"."""
    if _MEETING_FORMULA.search(match.group(0)):
        return not _VAGUE_MEETING_TAIL.match(text, match.end())
    return True


def _body_words(analysis: Analysis, scope: str) -> int:
    """Words in the content sentences of ``scope``; several checks ask."""
    return analysis.memo(
        ("body_words", scope), lambda: sum(len(words_of(s)) for s in content_sentences(analysis, scope))
    )


def _clauses(analysis: Analysis, scope: str) -> list[tuple[Hit, str]]:
    """:func:`clauses` of the content sentences, once per draft."""
    return analysis.memo(("clauses", scope), lambda: clauses(content_sentences(analysis, scope)))


@check("no-shared-context")
def no_shared_context(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """Nothing refers to a shared moment or to the reader's own words. A reply
    that answers the reader's message (quoted history, or marked as a reply)
    refers to their words by being one, so it passes. A bare "Great meeting
    you last week!" names no shared moment (PR010) and does not count."""
    scope = options["scope"]
    if _body_words(analysis, scope) < options.get("min_words", 40):
        return
    if answers_reader(analysis):
        return
    for a, b in analysis.ranges(scope):
        if any(_real_context(analysis.text, m) for m in SHARED_CONTEXT.finditer(analysis.text, a, b)):
            return
    sentences = content_sentences(analysis, scope)
    if sentences:
        yield _sent_hit(sentences[0])


#: A plain draft's own header lines ("To: Ana Lima <ana@...>") are not the sender's words.
_HEADER_BLOCK = re.compile(r"\A(?:[A-Za-z][\w-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+")


@check("reader-name-unused")
def reader_name_unused(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """The reader's name is known from the To header but appears nowhere
    in what the sender wrote (greeting, body, sign-off). "Hi Ana" counts,
    and so does the family name ("Dear Ms Lima"). Replies are left alone:
    names drop out of a running exchange."""
    if answers_reader(analysis):
        return
    name = known_reader_name(analysis)
    if not name:
        return
    first = reader_first_name(analysis)
    tokens = [p for p in re.split(r"[\s,.]+", name) if len(p) > 1]
    if not tokens:
        return
    own = analysis.draft.scope_text("all")
    block = _HEADER_BLOCK.match(own)
    if block:  # a plain draft's own header lines are not the sender's words
        own = own[block.end() :]
    if any(re.search(rf"\b{re.escape(t)}\b", own, re.IGNORECASE) for t in {first or "", *tokens} if t):
        return
    if _body_words(analysis, options["scope"]) < options.get("min_words", 0):
        return
    sentences = content_sentences(analysis, options["scope"])
    anchor = _sent_hit(sentences[0]) if sentences else Hit(0, 0)
    yield Hit(anchor.start, anchor.end, f"The reader's name ({first or tokens[0]}) is not used")


_MONTHS_DAYS = frozenset(
    "january february march april june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday yesterday tomorrow tonight".split()
)
_SPECIFIC_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "DATE", "TIME", "NORP", "LAW"})
#: Capitalised words that are no detail: pronouns, greetings, sentence glue.
_GENERIC_CAPS = frozenset("i i'm i've i'll i'd ok okay hi hello dear thanks thank please mr mrs ms dr re fw fwd ps".split())


def specific_details(analysis: Analysis, sentences: list[Span]) -> list[tuple[int, int]]:
    """Specific details: named entities, dates, numbers.

    Full model: the entity recogniser's people, places, organisations, dates,
    events, works and products. Light engine: numbers, month and day names,
    (in digits: "two" is no detail), and capitalised words that do not open a sentence (a name or place
    mid-sentence), leaving out "I" and greetings."""
    found: list[tuple[int, int]] = []
    for s in sentences:
        if analysis.engine.has_parse:
            found.extend((e.start_char, e.end_char) for e in s.ents if e.label_ in _SPECIFIC_ENTS)
            continue
        first = True
        for t in s:
            if t.is_space or t.is_punct:
                continue
            if (t.like_num and any(c.isdigit() for c in t.text)) or t.lower_ in _MONTHS_DAYS:
                found.append((t.idx, t.idx + len(t)))
            elif not first and t.is_title and t.is_alpha and t.lower_ not in _GENERIC_CAPS:
                found.append((t.idx, t.idx + len(t)))
            first = False
    return found


@check("no-specific-detail")
def no_specific_detail(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A body of some length without one specific detail: no name, place,
    date, number, event or work. Such a message would fit anyone."""
    if _body_words(analysis, options["scope"]) < options.get("min_words", 50):
        return
    sentences = content_sentences(analysis, options["scope"])
    if specific_details(analysis, sentences):
        return
    yield _sent_hit(sentences[0])


# Asks, offers and questions ------------------------------------------------------

#: A question that asks for something (time, a meeting, a favour) is a request.
REQUEST_QUESTION = re.compile(
    r"^\W*(?:and |so |also |but )?(?:"
    r"(?:can|could|would|will|may|might|shall) (?:you|we|i|u)\b"
    r"|(?:are|were) you (?:free|available|open|around|interested|willing|able)"
    r"|do you have (?:time|a few minutes|\d+ minutes|a minute|availability|a moment|some time)"
    r"|(?:is|would) (?:there|it be) (?:a )?(?:good |convenient |possible |ok |okay )?(?:time|day|chance|possible)"
    r"|when (?:are|would|will|can|could) you\b"
    r"|what time|any chance|interested|want to|wanna|let's"
    r")",
    re.IGNORECASE,
)
#: Asks made outside a question.
ASK = re.compile(
    r"\b(?:"
    r"please (?:call|send|let me know|contact|reply|respond|review|sign|register|schedule|book|visit|click|forward|"
    r"fill|complete|confirm|get back|give me|find|take a look|have a look|consider|introduce|share|provide|advise)"
    r"|(?:let's|lets) (?:schedule|set up|book|find|hop|jump|grab|get|meet|connect|talk|chat)"
    r"|(?:schedule|book|set up|arrange|hop on|jump on) an? (?:quick |short |brief )?(?:call|meeting|demo|chat|time)"
    r"|(?:\d+|fifteen|twenty|thirty)[ -](?:minutes?|mins?) (?:of your time|to (?:chat|talk|discuss|connect|speak|meet|show|walk|"
    r"learn|explore|hear)|for an? (?:call|chat|meeting|demo))"
    r"|(?:i|we) (?:would|'d) (?:love|like) (?:to|for you to) (?:schedule|set up|book|meet|get|have|show|pick|introduce|invite|ask)"
    r"|(?:i|we) (?:need|want) you to|could you|can you|would you|will you|would it be possible"
    r"|(?:looking forward to|look forward to) (?:your|hearing)"
    r"|if you(?:'re| are) interested|let me know (?:if|when|what) you(?:'re| are|'d| would)? ?(?:interested|free|available)"
    r")",
    re.IGNORECASE,
)
#: An offer put as a question ("Would you like me to send...?", "Shall I
#: introduce you?"): something given, not asked for.
_OFFER_QUESTION = (
    r"(?:(?:would|do) you (?:like|want) (?:me|us) to|(?:want|like) me to|want us to"
    r"|(?:shall|should|can|could|may) (?:i|we) (?:send|share|introduce|put you|connect you|forward|pass|lend|give you|"
    r"give (?:her|him|them) your|bring|drop off|help)"
    r"|(?:shall|should) (?:i|we) (?:find|dig|check|ask|hold|book|save|keep))"
)
OFFER_QUESTION = re.compile(rf"\b{_OFFER_QUESTION}\b", re.IGNORECASE)
#: Offers of value to the reader: a resource, an introduction, an answer, help.
#: "(show you) how we can help" is a pitch, not an offer.
GIVE = re.compile(
    r"\b(?:"
    r"(?<!how )(?:i|we)(?:['’]ll| can| could| will| would be (?:happy|glad) to| am (?:happy|glad) to|['’]d be (?:happy|glad) to|"
    r"['’]m (?:happy|glad) to|['’]re (?:happy|glad) to| are (?:happy|glad) to)"
    r" (?:also |just |gladly |easily |certainly )?(?:send|share|introduce|help|connect|forward|pass|put you|lend|review|"
    r"look|answer|show you|give you|make an introduction|dig|find|get you|cover|take care|handle|walk you)"
    r"|happy to (?:help|share|send|introduce|connect|answer|review)"
    r"|(?:here is|here['’]s|here are|attached is|i['’]ve attached|i have attached|i attached|enclosed is) "
    r"(?:the|a|an|my|some|that|those|what)"
    r"|(?:might|may|could) (?:help|be useful|be of use|be helpful|interest you)|you (?:might|may) (?:like|enjoy|find)"
    r"|(?:useful|helpful) (?:for|to) you|in case it helps|if it helps|for what it['’]s worth"
    r"|(?:an? )?(?:introduction|intro) to|someone (?:you should|who could|who can)|i know (?:someone|a person|two|a few)"
    r"|let me know if (?:i|we) can|if (?:i|we) can (?:help|be of)|anything (?:i|we) can do"
    r"|if you have (?:any )?(?:questions|concerns|comments)|(?:would like|want|need) (?:more|further) (?:details|information)"
    rf"|{_OFFER_QUESTION}"
    r")",
    re.IGNORECASE,
)


def clauses(sentences: list[Span]) -> list[tuple[Hit, str]]:
    """Sentences as (where, text), with fragments the parser split off a
    sentence ("Could we meet next week" + "so I can show you?") joined back."""
    out: list[tuple[Hit, str]] = []
    for s in sentences:
        hit = _sent_hit(s)
        text = " ".join(s.text.split()).replace("’", "'")
        if out and not re.search(r"[.!?:;)\]\"'”]$", out[-1][1]):
            out[-1] = (Hit(out[-1][0].start, hit.end), f"{out[-1][1]} {text}")
        else:
            out.append((hit, text))
    return out


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def is_request(text: str) -> bool:
    if OFFER_QUESTION.search(text):
        return False
    return bool(REQUEST_QUESTION.search(text)) if is_question(text) else bool(ASK.search(text))


@check("no-question-about-reader")
def no_question_about_reader(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """No question that is about the reader's world rather than a request.
    "How did the launch go?" counts; "Can we book 30 minutes?" does not.
    A reply is left alone: the reader's own message is the context."""
    if answers_reader(analysis):
        return
    if _body_words(analysis, options["scope"]) < options.get("min_words", 60):
        return
    units = _clauses(analysis, options["scope"])
    if any(is_question(t) and not REQUEST_QUESTION.search(t) for _, t in units):
        return
    asks = [hit for hit, t in units if is_request(t)]
    if options.get("only_with_ask", True) and not asks:
        return
    yield asks[0] if asks else units[0][0]


@check("ask-without-offer")
def ask_without_offer(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """The message asks for something (a meeting, a favour, a reply) and
    offers nothing the reader might value in return. A reply is left alone:
    asks go back and forth in a running exchange ("Shall we go through it
    on Thursday?")."""
    if answers_reader(analysis):
        return
    if _body_words(analysis, options["scope"]) < options.get("min_words", 25):
        return
    units = _clauses(analysis, options["scope"])
    asks = [hit for hit, t in units if is_request(t)]
    if not asks or any(GIVE.search(t) for _, t in units):
        return
    yield asks[0]


@check("ask-before-give")
def ask_before_give(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """The first ask comes before any offer: the reader is asked before being
    given anything. Replies are left alone, as for ask-without-offer."""
    if answers_reader(analysis):
        return
    units = _clauses(analysis, options["scope"])
    first_ask = next((i for i, (_, t) in enumerate(units) if is_request(t) and not GIVE.search(t)), None)
    first_give = next((i for i, (_, t) in enumerate(units) if GIVE.search(t)), None)
    if first_ask is not None and first_give is not None and first_ask < first_give:
        yield units[first_ask][0]
