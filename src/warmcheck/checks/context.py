"""How the checks tell a shared moment from first contact: the words that
tie a draft to a moment the two shared or to the reader's own words
(``SHARED_CONTEXT``, weighed by :func:`real_context`), the reader's project
named only to pitch to it (:func:`pitched_at`), and whether a draft is
unprompted or plainly a first mail (:func:`unprompted_body`;
:func:`first_contact`, by which the engine chooses the cold profile). Text
patterns: both engines read them alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..options import compile_fast
from ..vocabulary import (
    EARLIER_MAIL,
    FIRST_CONTACT,
    PITCH_LEAD,
    READERS_THING,
    RECALL,
    REPLY_INTRO,
    SHARED_MOMENT_ELSEWHERE,
)

if TYPE_CHECKING:
    from ..message import Draft


#: The reader's published work as the sender names it ("your article", "you gave a talk"): in
#: ``SHARED_CONTEXT`` with the rest of what is theirs, and in ``_PUBLIC_WORK``, which tells a
#: stranger's reason from a moment the two shared.
_THEIR = r"(?:your|you gave a|you gave the|you ran the)"
_PUBLISHED = r"talk|article|post|tweet|write-?up|book|paper|presentation"

#: Words that tie the message to a shared moment or to the reader's own words.
SHARED_CONTEXT = compile_fast(
    r"\b(?:"
    r"(?:when|where|since|after|before) (?:we|you and i) (?:first )?(?:met|spoke|talked|chatted|sat|worked|had)"
    r"|we (?:met|spoke|talked|chatted|discussed)"
    r"|you (?:mentioned|said|asked|told me|shared|wrote|suggested|raised|pointed out|recommended|described|sent|showed)"
    # "gave me your email", "your email from the list": how a stranger found the address, not their mail.
    rf"|(?<!gave me )(?<!passed me )(?<!found ){_THEIR} (?:{_PUBLISHED}|question|questions|point|"
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
    rf"|{_THEIR} (?:{_PUBLISHED}))\b",
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
