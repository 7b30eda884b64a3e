"""Personal-reference checks (PR): does the message show the sender knows the reader?

Shared moments and first contact are read in :mod:`warmcheck.checks.context`,
sentences and the reader in :mod:`warmcheck.checks.reading`, details and asks
in :mod:`warmcheck.checks.details` and :mod:`warmcheck.checks.asks`, shared
with the other families.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..options import Regex, Regexes, compile_regex
from ..vocabulary import PLAIN_HEADER_BLOCK
from . import check
from .asks import GIVE, REQUEST_QUESTION, is_question, scope_clauses
from .context import MEETING_NOD, SHARED_CONTEXT, SUBSTANCE, awaited, pitched_at, real_context, unprompted_body
from .details import specific_details
from .reading import (
    answers_reader,
    body_words,
    content_sentences,
    known_reader_name,
    reader_first_name,
    scope_sentences,
    sender_subject,
    sentence_hit,
    template_slots,
)

if TYPE_CHECKING:
    from ..metrics import Analysis


@check("no-shared-context", options={"min_words": (int, 40)})
def no_shared_context(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """In a body of ``min_words`` or more, nothing refers to a shared moment or to the reader's own words. A reply
    that answers the reader's message (quoted history, or marked as a reply)
    refers to their words by being one, so it passes. A bare "Great meeting
    you last week!" names no shared moment (PR010) and does not count."""
    scope = options["scope"]
    if body_words(analysis, scope) < options["min_words"]:
        return
    if answers_reader(analysis) or template_slots(analysis, scope):
        return
    for a, b in analysis.ranges(scope):
        if any(real_context(analysis.text, m) for m in SHARED_CONTEXT.finditer(analysis.text, a, b)):
            return
    sentences = content_sentences(analysis, scope)
    if sentences:
        yield sentence_hit(sentences[0])


_PRESSURE = re.compile(
    r"\b(?:act now|act fast|order now|buy now|call now|sign up now|register now|reply now|respond now|book now|shop now|"
    r"(?:reply|respond|review|sign|decide|order|buy) (?:\w+ ){0,3}?today)\b",
    re.IGNORECASE,
)

#: "Looking forward to hearing from you", "I will wait for your answer": a
#: formula, but one that asks for a reply.
_AWAITS_REPLY = re.compile(
    r"\blook(?:ing)? forward to (?:hearing (?:back )?from you|your (?:reply|response|thoughts)|connecting|chatting|speaking)\b"
    r"|\b(?:(?:wait|waiting|await|awaiting) (?:for )?|look(?:ing)? forward to receiving |(?:happy|glad) to (?:receive|get|have) )"
    r"(?:any (?:of )?|an |your )?(?:answer|reply|response)s?\b",
    re.IGNORECASE,
)

#: What follows "I saw your", "I came across your" when it is only the
#: reader's address that was found.
_FOUND_CONTACT = re.compile(
    r"[ \t]{0,5}(?:\w{1,30}[ \t]{1,5}){0,2}?(?:profile|information|info|details|email|e-mail|address|contact|name|linkedin|website|site|"
    r"resume|cv)\b",
    re.IGNORECASE,
)

#: The reader's product only found, as a crawler of app stores finds every
#: one: "I came across your extension", "I was reviewing your app". What the
#: sender did with it ("I used your app on a trip") is still a reason.
_FOUND_PRODUCT = re.compile(
    r"\b(?:came across|come across|found|stumbled (?:up)?on|stumbled across|discovered|noticed|saw|(?:was|were) reviewing|"
    r"reviewed|(?:took|had) a (?:quick )?look at|looked at|looking at|checked out) (?:[\w-]{1,30} ){0,2}?your (?:[\w-]{1,30} ){0,2}?"
    r"(?:extension|app|application|plugin|plug-in|add-on|addon|product|game|listing|channel|shop|store|restaurant|menu|"
    r"website|site|page|feed|photos)s?\b",
    re.IGNORECASE,
)

#: What follows "I noticed your", "I saw that you" when it is only what a
#: profile lists, what a keyword search of profiles returns: the
#: reader's experience, skills, background, title or employer ("your
#: extensive experience in Go", "you have a background in data", "you're a
#: senior engineer at", "you currently work at", "you've been doing it for
#: a while"). Their work on something ("your work on the parser") is still
#: a reason.
_PROFILE_FACT = re.compile(
    r" (?:(?:\w{1,30} ){0,2}?(?:experience|background|expertise|skills?|skill ?set|career|credentials|qualifications|"
    r"track record|role|title|position|job)\b"
    r"|(?:currently |also )?(?:have|had|bring) (?:\w{1,30} ){0,5}?(?:experience|background|expertise|skills?)\b"
    r"|(?:currently |now )?(?:work|are working|worked) (?:as|at|for|in)\b"
    r"|(?:specialize|specialise|focus) (?:in|on)\b)"
    r"|(?:['’]ve| have) been (?:doing (?:it|this|that)|working in|in (?:the|this) (?:field|industry))\b"
    r"|(?:['’]re| are| were)(?: currently| now)? (?:an? |the )?(?:\w{1,30} ){0,3}?(?:engineer|developer|programmer|designer|"
    r"manager|director|lead|architect|scientist|analyst|consultant|specialist|professional|expert|recruiter|founder|"
    r"executive|head|vp|cto|ceo|student|graduate)s?\b",
    re.IGNORECASE,
)


@check("no-reason-for-this-reader", options={"min_words": (int, 15), "reasons": (Regex, "")})
def no_reason_for_this_reader(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A first mail of ``min_words`` or more that shows no reason it goes to
    this reader: none of the ``reasons`` (their work, their words, who sent
    you) in the body. In a template, a field left for something of the
    reader's ("[their recent post]") is that reason, to be written in."""
    scope = options["scope"]
    if body_words(analysis, scope) < options["min_words"] or _shows_reason(analysis, scope, options["reasons"]):
        return
    sentences = content_sentences(analysis, scope)
    if sentences:
        yield sentence_hit(sentences[0])


def _shows_reason(analysis: Analysis, scope: str, pattern: str, *, for_pitch: bool = False) -> bool:
    """Whether the body says why it goes to this reader (one of
    :func:`_reasons`), or, in a template, leaves a field for it.
    ``for_pitch``: the reason must hold up for a pitch or an ask of a
    stranger, so what the reader's profile lists does not count; it names
    why a search returned them, which a blast to its results says too."""
    if template_slots(analysis, scope):
        return True
    # PR011, PR013 and PR014 all ask: the body is read once per draft.
    profile_only = analysis.memo((f"reasons in {scope}", pattern), lambda: _reasons(analysis, scope, pattern))
    return any(not (for_pitch and only) for only in profile_only)


#: A reason that names the reader's thing after it: "I came across your" +
#: " blog", "a customer of your" + " bakery" (a mention that starts at
#: "your" names it itself).
_PRAISED_YOUR = re.compile(
    r"(?:(?:loved|enjoyed|liked|read|saw|watched|noticed|heard|listened to|came across|found|stumbled (?:up)?on)"
    r"(?:\s+(?:reading|watching|listening to|browsing))?"
    r"|been (?:using|listening to|buying from|ordering from|shopping at)"
    r"|(?:customer|user|subscriber|reader|listener|patron|client|backer|donor|supporter|member)s? (?:of|at))\s+your$",
    re.IGNORECASE,
)
#: Where the clause that names it ends: "your podcast, and I…", "your blog; we…".
#: A run of spaces before "and" is entered only at its first character, or a
#: long run is read again from each of its characters (time in its square).
_CLAUSE_END = re.compile(
    r"[.!?;:()—–]|\s-\s|(?:,|(?<!\s))\s++and\s++(?:i|we|would|i['’]d|we['’]d)\b|,\s++(?:i|we|so|but|your)\b", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
#: Words that say nothing of what is in the reader's thing: praise, finding
#: it, where anyone finds it, and the kinds of thing it is.
_SAYS_NOTHING = frozenset(
    """great cool amazing awesome impressive informative helpful interesting insightful useful valuable well-written
    fantastic excellent brilliant nice good inspiring beautiful aesthetic fascinating wonderful incredible remarkable
    outstanding stellar solid neat distinguished honestly really truly absolutely definitely totally highly deeply
    immediately very recent recently latest new loved love enjoyed liked impressed interested inspired amazed found
    came across noticed saw seen read reading stumbled browsing looked looks look seems went checked stood stands
    caught work works content stuff things site website page channel blog post posts article articles
    app repo repository project research paper papers community github gitlab linkedin medium youtube google play
    store online web internet resource readers audience thought think glad happy excited quite pretty adored
    admired appreciated entitled titled called named appeared published open-source essay talk keynote presentation
    slides thesis book podcast episode video newsletter thread tweet tweets comment answer tool library package
    launch release study report survey shop studio course class workshop portfolio crate gem framework guide
    tutorial dataset piece column eye""".split()
)


def _bare_mention(text: str, match: re.Match[str]) -> bool:
    """A mention of the reader's thing that names nothing a list could not
    share (like PR007's "I love your work."): past the names any crawler
    reads (capitalised, as "Quiet Ledger"), stop words, praise and the words
    of finding it, its clause has fewer than two words left. "I am very
    interested in your research.", "your repo "tidewatch" on GitHub and was
    really impressed", "Your research really stood out to me", "I loved your
    post about hiring."; but "your post on splitting a slow test suite"."""
    said = match.group(0)
    if not (said[:4].lower() == "your" or _PRAISED_YOUR.search(said)):
        return False
    from spacy.lang.en.stop_words import STOP_WORDS

    end = _CLAUSE_END.search(text, match.end())
    clause = text[match.start() : end.start() if end else len(text)]
    words = [w.lower() for w in _WORD.findall(clause) if not w[0].isupper() or w in ("I", "Your", "You")]
    return sum(w not in STOP_WORDS and w not in _SAYS_NOTHING and len(w) > 2 for w in words) < 2


def _reasons(analysis: Analysis, scope: str, pattern: str) -> list[bool]:
    """The ``reasons`` matches in ``scope`` that say why the mail goes to
    this reader, each as whether it is only what their profile lists."""
    reasons = compile_regex(pattern, re.IGNORECASE)
    out: list[bool] = []
    for a, b in analysis.ranges(scope):
        text = " ".join(analysis.text[a:b].split())
        found = [(f.start(), f.end()) for f in _FOUND_PRODUCT.finditer(text)]
        # Finding the reader's address or product is no reason to write to
        # them (PR009). Nor is their project or team named only to pitch to it.
        out.extend(
            _PROFILE_FACT.match(text, m.end()) is not None
            for m in reasons.finditer(text)
            if not _FOUND_CONTACT.match(text, m.end())
            and not any(start < m.end() and m.start() < end for start, end in found)
            and not awaited(text, m.start())
            and not pitched_at(text, m.start(), m.end())
            and not _bare_mention(text, m)
        )
    return out


@check(
    "cold-pitch",
    options={"min_words": (int, 8), "reasons": (Regex, ""), "pitch": (list, []), "pitch_shapes": (Regexes, [])},
    values={"phrase": "phrase"},
)
def cold_pitch(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A first mail that pitches the sender (one of the ``pitch`` phrases:
    "we help", "our platform", or one of the ``pitch_shapes``: the sender as a
    business, "I'm a freelance designer", "our firm handles"), asks for the
    reader's time or a reply, and shows no reason it goes to this reader
    (PR011's ``reasons``): a sales blast in the form of a note. An offer put
    as a question ("Can I send you the notes?") is no ask. Only unprompted
    mail is judged: a first mail, or a chaser of the writer's own unanswered
    one, which sends the same pitch again (a reply or a shared moment is no
    cold pitch)."""
    scope = options["scope"]
    if body_words(analysis, scope) < options["min_words"] or unprompted_body(analysis.draft) is None:
        return
    if _shows_reason(analysis, scope, options["reasons"], for_pitch=True):
        return
    units = scope_clauses(analysis, scope)
    # Pressure ("Act now", "Reply today") asks as much as a question does.
    asks = [c.hit for c in units if c.asks or _PRESSURE.search(c.text)] or _closing_asks(analysis, scope)
    if not asks:
        return
    text = " ".join(c.text for c in units).lower()
    found = next((p for p in options["pitch"] if re.search(rf"(?<!\w){re.escape(p.lower())}(?!\w)", text)), None)
    if found is None:
        shaped = (compile_regex(shape, re.IGNORECASE).search(text) for shape in options["pitch_shapes"])
        found = next((m.group(0) for m in shaped if m), None)
    if found is not None:
        yield Hit(asks[0].start, asks[0].end, {"phrase": found})


def _closing_asks(analysis: Analysis, scope: str) -> list[Hit]:
    """Asks too short or too formulaic to be content sentences: a one-word
    question ("Interested?") or a formula that waits for a reply ("Looking
    forward to hearing from you")."""
    for sent in scope_sentences(analysis, scope):
        text = " ".join(sent.text.split())
        if len(text.split()) < 3 and is_question(text) and REQUEST_QUESTION.search(text):
            return [sentence_hit(sent)]
    awaits = (_AWAITS_REPLY.search(analysis.text, a, b) for a, b in analysis.ranges(scope))
    return [Hit(m.start(), m.end()) for m in awaits if m][:1]


@check("cold-ask-to-no-one", options={"min_words": (int, 12), "reasons": (Regex, "")})
def cold_ask_to_no_one(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A first mail that names no one (no name in the greeting or the body),
    shows no reason it goes to this reader (PR011's ``reasons``), and asks
    for their time, their CV or a reply with nothing offered: "Are you open
    to new roles? Send me your CV." Short ones too, from ``min_words``."""
    if not _names_reader(analysis):
        yield from _bare_ask(analysis, options, for_pitch=True)


@check("cold-ask-by-name-only", options={"min_words": (int, 12), "reasons": (Regex, "")})
def cold_ask_by_name_only(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """The same ask of a stranger, in a mail whose only personal touch is the
    reader's name and which opens on the sender ("Hi Tom, We make a
    dashboard... Worth a quick look?", "I'd love to add you to my network"):
    what a mail-merge tool swaps into the same text for everyone on its
    list. A mail that opens on the reader ("Any chance you're in town on the
    5th?") is written to someone. Named, a reader asked for advice on what
    their profile lists ("you work at Stripe") has been chosen, as PR011
    reads it."""
    if _names_reader(analysis) and _opens_on_sender(analysis, options["scope"]):
        yield from _bare_ask(analysis, options, for_pitch=False)


def _opens_on_sender(analysis: Analysis, scope: str) -> bool:
    """One of the body's first two content sentences has the sender as its
    subject ("We make…", "I'd love to add you to my network")."""
    return any(sender_subject(analysis, s) is not None for s in content_sentences(analysis, scope)[:2])


def _bare_ask(analysis: Analysis, options: dict[str, Any], *, for_pitch: bool) -> Iterator[Hit]:
    """A first mail of ``min_words`` or more with no reason for this reader
    (see :func:`_shows_reason` for ``for_pitch``) that asks for their time or
    a reply and gives nothing: its first ask."""
    scope = options["scope"]
    if body_words(analysis, scope) < options["min_words"]:
        return
    if _shows_reason(analysis, scope, options["reasons"], for_pitch=for_pitch):
        return
    units = scope_clauses(analysis, scope)
    asks = [c.hit for c in units if c.asks]
    if asks and not any(c.gives for c in units):
        yield asks[0]


def _names_reader(analysis: Analysis) -> bool:
    """Whether the sender's greeting or body names the reader: a "Hi Ana,"
    greeting, or the name the headers give used in the text."""
    name = reader_first_name(analysis)
    if not name:
        return False
    own = f"{analysis.draft.scope_text('greeting')} {analysis.draft.scope_text('body')}"
    return re.search(rf"\b{re.escape(name)}\b", own, re.IGNORECASE) is not None


@check("nothing-to-answer", options={"max_words": (int, 80)})
def nothing_to_answer(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A short follow-up (``max_words`` words or fewer) that nods to the
    meeting ("Great meeting you at the mixer. Let's stay in touch!") and
    stops there: no word of what was said, no question, nothing offered.
    It would fit anyone met that day, and gives the reader nothing to answer."""
    scope = options["scope"]
    # Read whole: a thank-you sentence is a formula the content sentences leave out.
    text = " ".join(analysis.draft.scope_text(scope).split()).replace("’", "'")
    if answers_reader(analysis) or len(text.split()) > options["max_words"]:
        return
    if not MEETING_NOD.search(text) or SUBSTANCE.search(text) or GIVE.search(text) or "?" in text:
        return
    for sent in analysis.sentences(scope):
        if MEETING_NOD.search(" ".join(sent.text.split())):
            yield sentence_hit(sent)
            return


@check("reader-name-unused", options={"min_words": (int, 15)}, values={"name": "name"})
def reader_name_unused(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """In a body of ``min_words`` or more, the reader's name is known from the To header but appears nowhere
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
    block = PLAIN_HEADER_BLOCK.match(own)
    if block:  # a plain draft's own header lines are not the sender's words
        own = own[block.end() :]
    if any(re.search(rf"\b{re.escape(t)}\b", own, re.IGNORECASE) for t in {first or "", *tokens} if t):
        return
    if body_words(analysis, options["scope"]) < options["min_words"]:
        return
    sentences = content_sentences(analysis, options["scope"])
    anchor = sentence_hit(sentences[0]) if sentences else Hit(0, 0)
    yield Hit(anchor.start, anchor.end, {"name": first or tokens[0]})


@check("no-specific-detail", options={"min_words": (int, 50)})
def no_specific_detail(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A body of ``min_words`` or more without one specific detail: no name, place,
    date, number, event or work. Such a message would fit anyone."""
    if body_words(analysis, options["scope"]) < options["min_words"]:
        return
    sentences = content_sentences(analysis, options["scope"])
    if specific_details(analysis, sentences) or template_slots(analysis, options["scope"]):
        return
    yield sentence_hit(sentences[0])


#: A request for the reader's own account is a question about them: "Would you
#: have a call to share what shifted for you?", "Could I ask how your team
#: handles refunds?"; "Could I show you how we do it?" is not.
_TELL_ME = re.compile(
    r"\b(?:share|tell (?:me|us)|hear|learn|ask|understand)(?:\s+(?:more\s+)?about)?\s+(?:what|how|why|where|when|which|whether)\b"
    r"[^?]{0,80}?\byou(?:r|['’]ve|['’]re|['’]d)?\b",
    re.IGNORECASE,
)


@check("no-question-about-reader", options={"min_words": (int, 50), "only_with_ask": (bool, True)})
def no_question_about_reader(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """In a body of ``min_words`` or more (and, with ``only_with_ask``, one
    that asks for something), no question that is about the reader's world rather than a request.
    "How did the launch go?" counts; "Can we book 30 minutes?" does not.
    A reply is left alone: the reader's own message is the context."""
    if answers_reader(analysis):
        return
    if body_words(analysis, options["scope"]) < options["min_words"]:
        return
    units = scope_clauses(analysis, options["scope"])
    if any(is_question(c.text) and (not REQUEST_QUESTION.search(c.text) or _TELL_ME.search(c.text)) for c in units):
        return
    asks = [c.hit for c in units if c.asks]
    if options["only_with_ask"] and not asks:
        return
    yield asks[0] if asks else units[0].hit


@check("ask-without-offer", options={"min_words": (int, 25)})
def ask_without_offer(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """A body of ``min_words`` or more asks for something (a meeting, a favour, a reply) and
    offers nothing the reader might value in return. A reply is left alone:
    asks go back and forth in a running exchange ("Shall we go through it
    on Thursday?")."""
    if answers_reader(analysis):
        return
    if body_words(analysis, options["scope"]) < options["min_words"]:
        return
    units = scope_clauses(analysis, options["scope"])
    asks = [c.hit for c in units if c.asks]
    if not asks or any(c.gives for c in units):
        return
    yield asks[0]


@check("ask-before-give")
def ask_before_give(analysis: Analysis, options: dict[str, Any]) -> Iterator[Hit]:
    """The first ask comes before any offer: the reader is asked before being
    given anything. Replies are left alone, as for ask-without-offer."""
    if answers_reader(analysis):
        return
    units = scope_clauses(analysis, options["scope"])
    first_ask = next((i for i, c in enumerate(units) if c.asks and not c.gives), None)
    first_give = next((i for i, c in enumerate(units) if c.gives), None)
    if first_ask is not None and first_give is not None and first_ask < first_give:
        yield units[first_ask].hit
