"""How the checks read a draft: sentences and paragraphs, who the reader is,
whether the sender is the subject, and shared moments (specific details are
read in :mod:`warmcheck.checks.details`, asks and offers in
:mod:`warmcheck.checks.asks`). One home for what several checks of different
families ask, so that no check module imports another.

Every helper runs on both engines. Where the full model is loaded
(``analysis.engine.has_parse``) the grammatical subject comes from the
dependency parse and details from the entity recogniser; on the light
engine they fall back to facts of English, documented on each function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..options import compile_fast
from ..vocabulary import (
    EARLIER_MAIL,
    FIRST_CONTACT,
    GREETING,
    GREETING_WORDS,
    PARAGRAPH,
    PITCH_LEAD,
    READERS_THING,
    RECALL,
    REPLY_INTRO,
    SHARED_MOMENT_ELSEWHERE,
)

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Token

    from ..message import Draft
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


#: Words that tie the message to a shared moment or to the reader's own words.
SHARED_CONTEXT = compile_fast(
    r"\b(?:"
    r"(?:when|where|since|after|before) (?:we|you and i) (?:first )?(?:met|spoke|talked|chatted|sat|worked|had)"
    r"|we (?:met|spoke|talked|chatted|discussed)"
    r"|you (?:mentioned|said|asked|told me|shared|wrote|suggested|raised|pointed out|recommended|described|sent|showed)"
    # "gave me your email", "your email from the list": how a stranger found the address, not their mail.
    r"|(?<!gave me )(?<!passed me )(?<!found )(?:your|you gave a|you gave the|you ran the) (?:talk|article|post|tweet|write-?up|book|paper|presentation|question|questions|point|"
    r"points|project|panel|message|e-?mail(?! (?:address )?(?:from|via|through|off)\b)|note|letter|memo|comments?|idea|ideas|draft|proposal|request|reply|"
    r"answer|suggestion|suggestions|concerns?|thoughts|news|team's|demo|work on|launch|trip|visit|call|voicemail)"
    # "your email list", "your email marketing": the reader's mail as a channel, not a message of theirs;
    # "your note-taking app": a compound, not their note; "your postal address": not their post.
    r"\b(?!-\w)(?![ -](?:lists?|address(?:es)?|blast(?:s|ing)?|marketing|campaigns?|inbox|accounts?|deliverability|automation|"
    r"outreach|sequences?|open rates?|subscribers)\b)"
    r"|(?:great|good|nice|lovely|a pleasure) (?:to meet|meeting|talking|chatting|seeing|to see|to talk|to chat|to hear)"
    r"|(?:as|like) (?:we )?(?:discussed|agreed|promised)|(?:i|we) promised (?!my)|the agreed (?:price|fee|total|budget|quote|date|time|[£$€]\s?\d)"
    r"|per (?:our|your) (?:conversation|call|discussion|meeting|request|email)"
    r"|following (?:up on )?our (?:call|chat|conversation|meeting|talk|discussion)"
    r"|(?:our|the) (?:conversation|chat|call|talk|meeting|discussion) (?:at|on|last|yesterday|this)"
    r"|(?:at|after|during) the (?:\w+ ){0,3}(?:meetup|conference|event|dinner|workshop|summit|panel|session|offsite|retreat)"
    r"|(?:re|regarding|about) your\b"
    r"|(?:since|after|during|from|about|on) our (?:\w+ ){0,2}(?:walk|lunch|dinner|coffee|chat|call|talk|conversation|"
    r"meeting|trip|hike|visit|drinks|breakfast|run|ride)\b"
    # "Thanks for walking me through the redesign", "thank you for the tour on Friday"
    r"|thanks? (?:you )?(?:so much |again |very much )?for (?:walking me|showing me|taking me|talking me|explaining|"
    r"the (?:tour|demo|walkthrough|chat|call|coffee|lunch|dinner|conversation|talk|introduction|intro|advice|tips|pointers|"
    r"invitation|invite|help|lift|ride|loan|referral|time (?:on|last|yesterday|this))|your (?:time|advice|help|tips|feedback|pointers|questions?) (?:on|at|last|yesterday|this))"
    # "again": the reader was thanked before, so they have met.
    r"|thanks? (?:you )?again\b"
    r"|(?:good|great|nice|lovely) (?:to )?(?:catch(?:ing)? up|bump(?:ing)? into you|run(?:ning)? into you)"
    r"|(?:taking|took) the time to (?:meet|speak|talk|chat|see)|(?:enjoyed|appreciated|loved) (?:speaking|talking|meeting|chatting) "
    r"(?:with|to) you"
    # An apology for what happened to the reader, or for what they told: "I'm sorry the table arrived
    # cracked", "sorry to hear about the move" ("sorry for the cold email" apologises for this mail).
    r"|(?:i['’]m|i am|we['’]re|we are) (?:so |very |really |truly )?sorry (?:that |about )?(?:the|your|you)\b"
    r"|sorry to hear"
    # Old acquaintance: "I remember you mentioning a man in Leeds", "Long time no see!"
    r"|(?:remember|recall|remembered|recalled) (?:you|your) (?:mentioning|saying|telling me|talking about|showing me)"
    r"|long time(?: no (?:see|speak|talk|chat))?!"
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


#: A note's nod to a meeting or a thank-you for one ("Great meeting you at
#: the mixer", "Thanks for the chat"): a follow-up, with or without substance.
MEETING_NOD = re.compile(
    r"\b(?:(?:great|good|nice|lovely|a pleasure|pleased|glad|wonderful) (?:to )?(?:meet|meeting|see|seeing|talk|talking|chat|"
    r"chatting|speak|speaking|connect|connecting)|thanks? (?:you )?(?:so much |again |very much )?for (?:meeting|coming|stopping by|"
    r"the (?:chat|call|coffee|meeting|conversation|talk)|your time|taking the time)|(?:enjoyed|appreciated|loved) "
    r"(?:speaking|talking|meeting|chatting) (?:with|to) you)\b",
    re.IGNORECASE,
)
#: What makes a follow-up worth answering: what the reader said or asked,
#: what was talked about, a topic of theirs.
SUBSTANCE = re.compile(
    r"\b(?:you (?:mentioned|said|asked|told me|shared|suggested|raised|pointed out|recommended|described|showed|explained|"
    r"were (?:saying|telling))|(?:your|the) (?:point|question|idea|advice|tips?|story|suggestion|take|view|thoughts?|work|"
    r"project|talk|research|plan|work) (?:about|on|for|with|of)|(?:we|you and i) (?:talked|spoke|chatted|discussed)|"
    r"(?:our|the) (?:conversation|chat|talk|discussion) (?:about|on|around)|(?:about|on) (?:your|the) \w+ "
    r"(?:project|plan|idea|question|work|launch|trip|team)"
    # "speaking with you today about the position" names no topic of theirs.
    r"|(?:talking|chatting|speaking) (?:about|with you (?:\w+ )?about)(?! (?:the|this|your|our) (?:position|role|job|opportunity|company)\b))",
    re.IGNORECASE,
)


def pitched_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:]`` names the reader's project or team only to pitch to it ("I'd love to
    discuss your project"): its sentence holds the sender's wish, offer or ask, recalls nothing and
    does not give the thing as the reason ("because of your crate").
    Their newsletter or show named as a place to buy space in ("sponsor an issue of your
    newsletter") is pitched at, whatever it is."""
    if _SPONSORS.search(text, max(0, start - 40), start):
        return True
    if not READERS_THING.match(text, start):
        return False
    sentence = _sentence_around(text, start, end, (". ", "! ", "? ", "\n\n"), (".", "!", "?", "\n\n"))
    return bool(PITCH_LEAD.search(sentence)) and not RECALL.search(sentence) and not _AS_REASON.search(sentence)


def _sentence_around(text: str, start: int, end: int, opens: Sequence[str], closes: Sequence[str]) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``: from after the last of ``opens`` before
    it to the first of ``closes`` after it, looked for within ``_SENTENCE_REACH`` characters either side."""
    low, high = max(0, start - _SENTENCE_REACH), min(len(text), end + _SENTENCE_REACH)
    first = max(low, max(text.rfind(stop, low, start) for stop in opens) + 1)
    ends = [i for i in (text.find(stop, end, high) for stop in closes) if i >= 0]
    return text[first : min(ends, default=high)]


#: The reader's thing given as the reason, whatever else the sentence sells:
#: "writing to you because of your geometry crate", "your paper is why I want to".
_AS_REASON = re.compile(r"\bbecause of your\b|\byour\b[^.!?]{0,80}?\b(?:is|was) (?:why|the reason)\b", re.IGNORECASE)

#: Space bought in the reader's thing: "sponsor an issue of", "advertise on".
_SPONSORS = re.compile(
    r"\b(?:sponsor|sponsoring|advertise (?:in|on)|advertising (?:in|on)|an? (?:ad|advert) (?:in|on)"
    r"|(?:ad|advert|sponsored) (?:space|slot|placement)s? (?:in|on))\s+(?:[\w-]+\s+){0,4}?$",
    re.IGNORECASE,
)

#: How far before and after a mention of the reader's thing its sentence is
#: looked for (characters): a bounded reach keeps a text of many mentions and
#: no full stop linear.
_SENTENCE_REACH = 400


#: The reader's view asked for on the sender's own thing, on an open
#: question, or on nothing named: "I'd love to get your thoughts on what
#: we're building", "we'd value your comments on our app", "your thoughts
#: on the opportunity", "sharing your thoughts on what slows your team
#: down", "Let me know your thoughts." (a pitch for
#: feedback, not a shared moment; "your thoughts on the draft" names
#: something both know, and "I valued your thoughts" recalls).
_VIEWS = re.compile(r"your (?:thoughts|ideas|comments?|suggestions?)\b", re.IGNORECASE)
_VIEW_ASKED_FOR = re.compile(r"\b(?:get|hear|have|know|welcome|appreciate|value|want|need|ask for|seek|love|like|share|sharing)\s+$", re.IGNORECASE)
_ON_OWN_THING_OR_NOTHING = re.compile(
    r"\s{1,3}(?:on|about)\s{1,3}(?:what |how |why |whether |(?:our|my) |(?:the|this) (?:opportunity|role|position|opening|offer)\b)"
    r"|\s{0,3}(?:[.!?]|$)",
    re.IGNORECASE,
)


#: The reader's words still to come, not said: "I will wait for your
#: answer", "any of your questions will be answered", "glad to receive
#: your reply", "invite you to submit your paper".
_AWAITED = re.compile(
    r"\b(?:any (?:of )?|(?:wait|waiting|await|awaiting|expect|expecting|hope for|look(?:ing)? forward to) (?:for )?"
    r"|(?:to|will) receive |receiving |(?:submit|send us|send in|contribute) )$",
    re.IGNORECASE,
)

#: An event the reader is invited to is still to come, not shared: "we invite you to speak at the
#: summit", "invite you as a keynote speaker at the summit", "would you attend the conference".
_INVITED_TO = re.compile(
    r"\b(?:(?:invite|inviting|invited|welcome) you to (?:\w+ ){0,2}|(?:invite|inviting|invited) you as (?:[\w/-]+ ){1,4}"
    r"|(?:to|will|would|could|can) (?:you )?"
    r"(?:speak|attend|exhibit|sponsor|present|participate|join us|join)(?: us)? )$",
    re.IGNORECASE,
)


def awaited(text: str, start: int) -> bool:
    """Whether the reader's words named at ``start`` ("your answer") are
    still to come, not said."""
    return _AWAITED.search(text, max(0, start - 30), start) is not None


def real_context(text: str, match: re.Match[str]) -> bool:
    """A shared-context match that says something: not a bare "Great meeting
    you!", nor the reader's project or team named only to pitch to it, nor
    their view asked for, nor their answer or an event still to come."""
    if _MEETING_FORMULA.search(match.group(0)):
        return not _VAGUE_MEETING_TAIL.match(text, match.end())
    if (
        _VIEWS.fullmatch(match.group(0))
        and _VIEW_ASKED_FOR.search(text, max(0, match.start() - 30), match.start())
        and _ON_OWN_THING_OR_NOTHING.match(text, match.end())
    ):
        return False
    if awaited(text, match.start()) or _INVITED_TO.search(text, max(0, match.start() - 40), match.start()):
        return False
    if _AT_EVENT.match(match.group(0)) and not _shared_event(text, match):
        return False
    return not pitched_at(text, match.start(), match.end())


#: "at the summit", "after the dinner": an event, shared once it has happened, or when the reader goes too.
_AT_EVENT = re.compile(r"(?:at|after|during) the ", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:met|was|were|had|spoke|saw|gave|said|told|ran|heard|took|sat|got|came|went|bought|left|felt|\w{3,}ed"
    r"|yesterday|last (?:week|month|night|year|time|weekend|\w+day)|earlier|ago|the other day)\b",
    re.IGNORECASE,
)
_TO_COME = re.compile(
    r"\b(?:will|taking place|to be held|upcoming|secure|register|registration|join us|invit\w*|tickets?|book your|"
    r"reserve)\b",
    re.IGNORECASE,
)
_READER_GOES = re.compile(
    r"\byou(?:['’]re| are)? (?:planning (?:on|to) )?(?:attending|going to)\b|\byou['’]ll be at\b|\bsee you at\b",
    re.IGNORECASE,
)


def _shared_event(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence naming an event says it is past ("we spoke at
    the meetup last week") and nothing says it is to come ("secure your
    place at the gala dinner", "taking place in May"), or that the reader
    goes too ("if you're attending the conference, we'll be at the event")."""
    # A line of a list ("- Two seats at the Gala Dinner") is a sentence of its own here.
    sentence = _sentence_around(text, match.start(), match.end(), ".!?\n", ".!?\n")
    return bool((_PAST.search(sentence) and not _TO_COME.search(sentence)) or _READER_GOES.search(sentence))


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


def unprompted_body(draft: Draft) -> str | None:
    """The body of a draft nobody asked for, or None: it answers nothing (no
    reply mark, no quoted history, not a forward) and names no shared moment
    (the reader's project named only to pitch to it is none). A chaser of
    the writer's own unanswered mail is unprompted too: the reader never
    wrote back."""
    # A "Re:" subject with no reply headers and nothing quoted answers nothing (BL054),
    # nor does a reply that quotes only the writer's own mail.
    headers = draft.headers
    body = draft.scope_text("body")
    quoted = bool(draft.ranges("quoted"))
    # A plain draft has no reply headers to tell by; its "Re:" over a chaser
    # with nothing quoted is the writer's own thread ("Following up on my note").
    own_thread = headers.is_reply and not quoted and EARLIER_MAIL.search(body) is not None
    answers = (headers.is_reply and not headers.unthreaded_reply and not own_thread) or quoted
    if headers.is_forward or (answers and not quotes_only_own_mail(draft)):
        return None
    shared = (m for m in SHARED_CONTEXT.finditer(body) if not _PUBLIC_WORK.match(body, m.start(), m.end() + 40))
    if any(real_context(body, m) for m in shared) or SHARED_MOMENT_ELSEWHERE.search(body):
        return None
    return body


#: The reader's public work or business ("your article", "about your
#: distinguished research", "regarding your website"): a reason a stranger may
#: give for writing (PR011 judges it), not a moment the two of them shared.
_PUBLIC_WORK = re.compile(
    r"(?:(?:re|regarding|about) your (?:[\w-]+ ){0,2}?(?:research|work|website|site|company|business|app|blog|shop|store|"
    r"products?|services?|brand|channel|podcast|repo(?:sitory)?|publications?)"
    r"|(?:your|you gave a|you gave the|you ran the) (?:talk|article|post|tweet|write-?up|book|paper|presentation))\b",
    re.IGNORECASE,
)


def quotes_only_own_mail(draft: Draft) -> bool:
    """Whether every quoted mail is the writer's own ("On Tue, Olivia Brandt
    wrote:" under a mail signed Olivia Brandt): the next step of a sequence
    quotes the last, which the reader never answered."""
    sender = draft.headers.sender_name or next(iter(draft.scope_text("signature").strip().splitlines()), "")
    sender = sender.strip(" ,-–—")
    intros = [line for line in draft.scope_text("quoted").splitlines() if REPLY_INTRO.match(line)]
    return len(sender) > 2 and bool(intros) and all(sender.lower() in line.lower() for line in intros)


def first_contact(draft: Draft) -> str | None:
    """Why a draft is plainly a first mail to its reader, or None: it is
    unprompted (see ``unprompted_body``) and follows no earlier mail of the
    writer's. The reason quotes how the writer introduces themselves ("my
    name is", "I came across your") when they do."""
    body = unprompted_body(draft)
    # A line or two ("Great!!!", "See you then") is plainly nothing.
    if body is None or len(body.split()) < 10 or EARLIER_MAIL.search(body):
        return None
    headers = draft.headers
    reply = 'not a reply (a "Re:" subject, but no reply headers)' if headers.unthreaded_reply else "not a reply"
    reason = f"first contact: {reply}, no quoted history, no shared moment named"
    introduction = FIRST_CONTACT.search(body) or FIRST_CONTACT.search(draft.headers.subject or "")
    if introduction is not None:
        reason += f', and "{" ".join(introduction.group(0).split())}"'
    return reason


def body_words(analysis: Analysis, scope: str) -> int:
    """Words in the content sentences of ``scope``; several checks ask."""
    return analysis.memo(
        ("body_words", scope), lambda: sum(len(words_of(s)) for s in content_sentences(analysis, scope))
    )
