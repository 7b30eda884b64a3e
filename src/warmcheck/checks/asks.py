"""How the checks read asks and offers: a request (a meeting, a favour, a
reply), an offer of something the reader may value, a question, and the
clauses of a body with what each does, read once per draft for the checks
that weigh asks against offers (personal reference, cold pitches).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..core import Hit
from ..options import compile_fast
from ..vocabulary import ASKED_IN_QUESTION, ASKED_TIME
from .reading import content_sentences, sentence_hit

if TYPE_CHECKING:
    from ..metrics import Analysis, Passage


class Clause(NamedTuple):
    """A sentence (or sentences the parser split apart, joined) and what it
    does: ask for something (:func:`is_request`), give something (``GIVE``)."""

    hit: Hit
    text: str
    asks: bool
    gives: bool


def scope_clauses(analysis: Analysis, scope: str) -> list[Clause]:
    """:func:`clauses` of the content sentences, read once per draft for
    the several checks that weigh asks against offers."""
    return analysis.memo(
        ("clauses", scope),
        lambda: [
            Clause(hit, text, is_request(text), bool(GIVE.search(text)))
            for hit, text in clauses(content_sentences(analysis, scope), analysis.doc_text)
        ],
    )


#: A favour asked as thanks in advance: "I'd be so grateful if you could…",
#: "I'd really appreciate it if you…", "I'd also love it if you…", "…and would love any introductions".
_FAVOUR = (
    r"(?:(?:i|we)(?:['’]d| would)|and would) (?:also |really |truly |greatly |so |very |most |be )*"
    r"(?:(?:grateful|thankful|obliged|appreciate(?: it)?|love it) if you\b"
    r"|love (?:any|some) (?:introductions?|intros|advice|feedback|pointers|referrals?|help)\b)"
)

#: A question that asks for something (time, a meeting, a favour) is a request.
REQUEST_QUESTION = re.compile(
    r"^\W*(?:(?:and|so|also|but)\W+)?(?:"
    r"(?:can|could|would|will|may|might|shall) (?:you|we|i|u)\b"
    # "Are you open…?", and the same said in two words: "You looking?"
    r"|(?:(?:are|were) )?you (?:currently |still |now |at all )?"
    r"(?:free|available|open|around|interested|willing|able|looking\b(?! forward))"
    r"|do you have (?:time|a minute|availability|a moment|some time"
    r"|(?:a few|a couple of|\d+|five|ten|fifteen|twenty|thirty) (?:spare |free )?(?:minutes|mins))"
    r"|(?:is|would) (?:there|it be) (?:a )?(?:good |convenient |possible |ok |okay )?(?:time|day|chance|possible)"
    # An ask made light of: "Would it be crazy to explore…?", "Would it be silly to ask…?"
    r"|(?:is|would) it be (?:crazy|silly|mad|too much|unreasonable|okay|ok) to"
    rf"|{_FAVOUR}"
    # "Is this something worth exploring?", "Would this be of interest?"
    r"|(?:is|would) (?:this|that|it) (?:be )?(?:something )?(?:(?:you(?:['’]d| would) be )?(?:interested|keen)|worth|of interest|relevant"
    r"|make sense)|does (?:it|this|that) make sense"
    r"|when (?:are|would|will|can|could) you\b"
    # "When would be a good time to chat?", "How does your calendar look?"
    r"|(?:when|what) (?:would|is|might) (?:be )?(?:a |the )?(?:good|best|convenient|suitable) time"
    r"|(?:when|what)['’]s (?:a |the )?(?:good|best|convenient|suitable) time"
    r"|how does your (?:calendar|schedule|diary|week|availability) look"
    r"|does (?:next |this )?(?:week|monday|tuesday|wednesday|thursday|friday|morning|afternoon|that|it|this) (?:work|suit)\b"
    # A buyer's ask for a price: "What price would you accept?", "What would you want for it?"
    r"|what (?:price|amount|sum|figure) (?:would|do|will|could) you|what would you (?:want|ask|accept|take|charge) for"
    r"|what(?:['’]s| is| are) your (?:\w+ )?(?:price|rate|fee|charge)s?\b"
    # A seller's question for work to bid on: "Do you have any upcoming projects we could help with?"
    r"|do you have any (?:\w+ )?(?:projects?|needs?|requirements?)\b"
    r"|what time|any chance|interested|thoughts\W*$|want to|wanna|let's"
    r"|worth (?:a|an|\d+|it|five|ten|fifteen|twenty|thirty)\b|open to|available|free (?:for|to|on|this|next)\b|any interest"  # "Worth a quick chat?", "Free for a call?"
    r")",
    re.IGNORECASE,
)
#: Asks made outside a question.
ASK = compile_fast(
    r"\b(?:"
    # "Please let us know if you have any questions" offers help.
    r"(?:please|kindly) (?:call|send|let (?:me|us) know(?! if you have (?:any )?(?:other |further |more )?(?:questions|concerns|comments))"
    r"|contact|reply|respond|revert|review|sign|register|schedule|book|visit|click|forward|submit|donate|"
    r"fill|complete|confirm|get back|give me|find|take a look|have a look|consider|introduce|share|provide|advise)"
    r"|(?:let's|lets) (?:schedule|set up|book|find|hop|jump|grab|get|meet|connect|talk|chat|discuss|plan)"
    # A demand put politely: "I politely request that you remove the link", "please can these be removed".
    r"|(?:i|we) (?:\w+ )?request that you|please can (?:you|these|this|those|the|it)\b"
    r"|(?:i['’]m|i am|we['’]re|we are) (?:\w+ )?available (?:for|to) (?:a|an|have a) (?:\w+ )?(?:call|chat|meeting|demo)\b"
    r"|(?:schedule|book|set up|arrange|hop on|jump on|to have|grab|up for|open to) an? (?:quick |short |brief |free )?"
    r"(?:phone |video |zoom |skype |teams )?(?:call|meeting|demo|chat|time|consultation|audit|valuation)"
    # A stranger's CV, rate or number asked for: "send me your updated CV", "reply with your resume".
    r"|(?:send|share|forward|email|shoot|reply with|revert with|revert back with|get back with|attach)(?: me| us| over)* your "
    r"(?:updated |latest |current |most recent )?(?:cv|resume|résumé|rate|availability|phone number|number|details|profile)\b"
    r"|(?:\d+|fifteen|twenty|thirty)[ -](?:minutes?|mins?) (?:with you|of your time|to (?:chat|talk|discuss|connect|speak|meet|show|tell|walk|"
    r"learn|explore|hear)|for an? (?:call|chat|meeting|demo))"
    r"|(?:i|we) (?:would|'d) (?:love|like) (?:to|for you to) (?:schedule|set up|book|meet|get|have|show|pick|introduce|invite|ask)"
    # A reply asked for in a closing line: "Would love to connect", "Let me know if this sounds
    # interesting", "Feel free to reply if...", "Shoot me a note".
    r"|(?:(?:i|we)(?:['’]d| would)|would) (?:love|like) to (?:connect|chat|talk|speak|catch up)\b"
    r"|let me know if (?:this|that|it) (?:sounds|seems|looks|is|could be|might be) (?:interesting|of interest|relevant|like)"
    r"|let me know if you(?:['’]d| would) be (?:up for|open to|interested|keen)"
    r"|feel free to (?:reply|respond)\b|^\W*(?:just |simply )?(?:reply|respond|write back)\b"
    r"|(?:shoot|drop|send) me (?:a note|a line|a message|an email|an e-mail)"
    # A seller's or buyer's call to get in touch: "Talk to us on WhatsApp", "Add me on Skype", "answer this
    # email with your details", "reply with a price".
    r"|(?:talk to|contact|call|text|message|reach|write to) (?:us|me) (?:on|at|via|by|now|today)\b"
    r"|add (?:me|us) on (?:skype|telegram|whatsapp|wechat|signal|linkedin)\b"
    r"|(?:answer|reply to) this (?:e-?mail|message|letter)\b"
    r"|reply with (?:a|an|your) (?:price|number|figure|quote|offer)\b"
    r"|(?:i|we) (?:need|want) you to|could you|can you|would you|will you|would it be possible"
    r"|(?:looking forward to|look forward to) (?:your|hearing)"
    r"|if you(?:'re| are) interested|let (?:me|us) know (?:if|when|what) you(?:'re| are|'d| would)? ?(?:interested|keen|free|available)"
    r"|(?:grateful|glad|happy) for (?:the|an) opportunity to (?:quote|bid|tender|pitch|present)"
    # A seller's ask for the reader's figures: "let me know the monthly revenue", "let me know your price".
    r"|let me know (?:the|your) (?:\w+ )?(?:price|revenue|rate|numbers|figures|budget|traffic)"
    r"|let me know if you(?:'d| would) like to (?:talk|chat|connect|hear|learn|discuss|speak|get started|sign up|join|try"
    r"|make an offer|buy|purchase|order|book)"
    r"|(?:see|know|ask|check) if you(?:'d| would) be (?:interested|open|up for|keen)|reply (?:with )?[\"'“]?(?:yes|now|today|verify|interested|start)\b"
    # A seat, a survey or a form asked of a list: "save yours now", "take the survey here".
    r"|(?:save|reserve|claim|grab|secure) (?:your|a) (?:free )?(?:seat|spot|place|ticket)s?\b|(?:save|reserve|claim|grab) yours\b"
    r"|(?:register|sign up|rsvp) (?:here|now|today|for free)\b"
    r"|(?:take|fill (?:out|in)|complete) (?:the|our|a|this) (?:short |quick |brief |\d+[ -]minute )?(?:survey|questionnaire|poll|form)\b"
    # A favour or a purchase asked of a list: "it would mean the world to us if you could...",
    # "leave an upvote", "use the code EARLY30 at checkout".
    r"|(?:would|it['’]d) mean (?:the world|a lot|so much|a great deal) (?:to (?:us|me) )?if you\b"
    rf"|{_FAVOUR}"
    r"|leave (?:an upvote|a review|a rating|a comment|feedback)\b|(?:use|enter|apply) (?:the |our |this )?(?:code|coupon)\b"
    r"|apply (?:through|via|using|at|here|now|today|before|by)\b"
    # Work, names or a sign-up asked of a stranger: "let us know if you have any translation requirements",
    # "I'd be grateful for any names", "join free today", "grab time on my calendar".
    r"|let (?:me|us) know if you have (?:any )?(?:[\w-]+ )?(?:requirements?|needs?|projects?|enquiries|inquiries)\b"
    r"|\bany names\b|wonder(?:ing)? (?:if|whether) you(?:['’]d| would| could| can| might)\b"
    r"|join (?:free|for free|now|today)\b|create your (?:free )?(?:profile|account)\b"
    r"|(?:grab|book|pick) (?:some )?(?:time|a (?:time|slot)) (?:on|in|from) my (?:calendar|diary)\b"
    r"|let me know if (?:you|your team)(?:['’]d| would) like (?:the|a|our) (?:[\w-]+ )?(?:prospectus|brochure|deck|demo|media kit"
    r"|rate card|price list|proposal|quote|pricing)\b"
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
    r"['’]m (?:happy|glad) to|['’]re (?:happy|glad) to| are (?:happy|glad) to|(?:['’]d| would) (?:happily|gladly|be delighted to))"
    r" (?:also |just |gladly |easily |certainly )?(?:send|share|split|chip in|pay for|introduce|help|connect|forward|pass|put you|lend|review|provide|bring you|bring over|"
    r"look|answer|show you|give you|make an introduction|dig|find|get you|cover|take care|handle|walk you)"
    r"|happy to (?:help|share|send|introduce|connect|answer|review)"
    # The work offered: "I'm happy to do it", "Would you take a PR that fixes it?"
    r"|(?:happy|glad) to (?:do|fix|make) (?:it|that|this|the (?:change|fix))\b"
    r"|(?:take|accept|want|welcome|like) (?:a|my) (?:pr|pull request|patch|fix)\b"
    # Done for the reader already: "I've booked the carpenter", "we've refunded the delivery charge".
    r"|(?:i|we)(?:['’]ve| have) (?:also |just |already )?(?:booked|refunded|arranged|reserved|credited|replaced|waived|"
    r"cancell?ed|set aside|put aside|fixed)\b"
    r"|(?:i|we)(?:['’]d| would) love to (?:share|send) (?:it |them |this |these |that |those )?with you"
    r"|(?:is|are)(?: also)? (?:happy|glad|keen) to (?:meet|talk to|speak to|chat with|help|show) you"  # an introduction
    # Information: "here's where the move stands".
    r"|here(?:['’]s| is) (?:where|how|what|why|when)\b"
    # The sender's own CV or brochure attached sells; it gives the reader nothing.
    r"|(?:here is|here['’]s|here are|attached is|i['’]ve attached|i have attached|i attached|enclosed is) "
    r"(?:the|a|an|my|some|that|those|what)\b(?! (?:\w+ )?(?:cv|resume|résumé|portfolio|cover letter|deck|pitch deck|brochure"
    r"|catalog(?:ue)?|media kit|rate card|price list|company profile|credentials|(?:fundraising|donation|crowdfunding|launch) page"
    # The sender's calendar asks for the reader's time.
    r"|calendar|calendly|diary|availability|(?:booking|scheduling|meeting) (?:link|page))\b)"
    r"|(?:might|may|could) (?:help|be useful|be of use|be helpful|interest you)|you (?:might|may) (?:like|enjoy|find)"
    r"|(?:useful|helpful) (?:for|to) you|in case it helps|if it helps|for what it['’]s worth"
    r"|(?:an? )?(?:introduction|intro) to|someone (?:you should|who could|who can)|i know (?:someone|a person|two|a few)"
    r"|let me know if (?:i|we) can|if (?:i|we) can (?:help|be of)|anything (?:i|we) can do"
    r"|if you have (?:any )?(?:questions|concerns|comments)|(?:would like|want|need) (?:more|further) (?:details|information)"
    rf"|{_OFFER_QUESTION}"
    r")",
    re.IGNORECASE,
)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def clauses(sentences: list[Passage], doc_text: str) -> list[tuple[Hit, str]]:
    """Sentences as (where, text), with fragments the parser split off a
    sentence ("Could we meet next week" + "so I can show you?") joined back;
    a paragraph with no full stop at its end is a sentence of its own."""
    out: list[tuple[Hit, str]] = []
    for s in sentences:
        hit = sentence_hit(s)
        text = " ".join(s.text.split()).replace("’", "'")
        if (
            out
            and not re.search(r"[.!?:;)\]\"'”]$", out[-1][1])
            and not _BLANK_LINE.search(doc_text, out[-1][0].end, hit.start)
        ):
            out[-1] = (Hit(out[-1][0].start, hit.end), f"{out[-1][1]} {text}")
        else:
            out.append((hit, text))
    return out


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


#: What a sales step offers: "Can I send you a demo?" asks for the reader's time.
_SALES_STEP = re.compile(
    r"\b(?:demo|deck|pitch|brochure|pricing|price list|rate card|media kit|one-?sheet|sign-?up (?:link|form)|profiles|cvs|resumes"
    r"|proposal|quote|catalog(?:ue)?|trial|walkthrough"
    r"|give you a (?:quick |short |brief )?(?:call|ring|buzz)"
    # "Shall we book a call?" asks for the reader's time ("Shall I book the room?" offers).
    r"|(?:book|schedule|set up|arrange) (?:a|an) (?:quick |short |brief )?(?:call|meeting|chat)(?! room))\b",
    re.IGNORECASE,
)


def is_request(text: str) -> bool:
    if OFFER_QUESTION.search(text) and not _SALES_STEP.search(text):
        return False
    if ASKED_TIME.search(text):
        return True
    return bool(REQUEST_QUESTION.search(text) or ASKED_IN_QUESTION.search(text)) if is_question(text) else bool(ASK.search(text))


