"""One-to-one checks (BL) that need more than a phrase list: header facts,
shouting, a forward with no note, an unsubscribe footer in a personal note,
a brochure as the message.

Header facts come from ``Draft.headers``; a plain-text draft has none, so the
header checks stay silent on it rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..options import REQUIRED, Regex, compile_regex
from ..vocabulary import EARLIER_MAIL, FORWARD_SUBJECT, MAILING_NOTICE, REPLY_SUBJECT, UNSUBSCRIBE_WORDING
from . import check, first_line_hit
from .asks import is_request
from .details import specific_details
from .reading import content_sentences, phrase_matcher, template_slots

if TYPE_CHECKING:
    from ..metrics import Analysis, Passage


# Headers ---------------------------------------------------------------------


@check("many-recipients", options={"min": (int, 10)}, values={"count": "number"})
def many_recipients(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """To + Cc + Bcc at or above ``min``: a room, not a reader."""
    count = analysis.draft.headers.recipients
    if count >= options["min"]:
        anchor = first_line_hit(analysis)
        yield Hit(anchor.start, anchor.end, {"count": count})


@check("hidden-recipients")
def hidden_recipients(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """Bcc recipients, or "undisclosed recipients" in To: the reader cannot
    see who else got it, which is how a blast is addressed."""
    headers = analysis.draft.headers
    if headers.bcc > 0 or headers.undisclosed:
        yield first_line_hit(analysis)


@check("unthreaded-reply")
def unthreaded_reply(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A "Re:" subject on a message that answers none: no reply headers
    (In-Reply-To, References) and nothing quoted. Mass mail dresses up this
    way as part of a conversation; a plain draft has no headers to tell by."""
    if analysis.draft.headers.unthreaded_reply and not analysis.ranges("quoted"):
        yield first_line_hit(analysis)


# Text ------------------------------------------------------------------------


@check("opening-line", options={"regex": (Regex, REQUIRED)})
def opening_line(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The first line with words (greeting or body) matches ``regex``: for
    salutations, which only mean something where a mail opens ("Members:"
    further down is a heading)."""
    pattern = compile_regex(options["regex"], re.IGNORECASE)
    line = analysis.first_line("greeting", "body")
    if line and pattern.fullmatch(analysis.text[line[0] : line[1]]) and not _names_after(analysis.text, line[1]):
        yield Hit(*line)


#: The rest of a salutation's line when it is a name ("Greetings, Ana!").
_NAME_REST = re.compile(r"[ \t]*[^\W\d_][\w'’-]*[ \t]*[,!.:]?[ \t]*(?:\n|$)")


def _names_after(text: str, end: int) -> bool:
    """The salutation's line goes on with one name only: it greets a person."""
    match = _NAME_REST.match(text, end)
    return match is not None and text[end:match.end()].strip()[:1].isupper()


@check("shouting", options={"min_run": (int, 3)})
def shouting(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A run of ``min_run`` or more words in capitals that contains at least
    one ordinary word (a stop word such as THE, YOU, NOW), so that runs of
    acronyms ("FERC ISO RTO") are not taken for shouting. Token attributes
    only: the same on every engine."""
    min_run = options["min_run"]
    if _capital_words(analysis) < min_run:  # most mail: no need to walk the tokens
        return
    run: list[Any] = []

    def flush() -> Iterable[Hit]:
        # The run holds only words in capitals: the punctuation between them is passed over.
        if len(run) >= min_run and any(t.is_stop for t in run) and sum(len(t) >= 2 for t in run) >= min_run:
            yield Hit(run[0].idx, run[-1].idx + len(run[-1]))

    for token in analysis.tokens(options["scope"]):
        if _capital_word(token) and (len(token) > 1 or token.text in ("A", "I")):
            run.append(token)
        elif run and (token.is_punct and token.text in "-&',") and "\n" not in token.whitespace_:
            continue
        else:
            yield from flush()
            run = []
    yield from flush()


def _capital_word(token: Any) -> bool:
    """A word in capitals: letters, or a contraction ("DON'T", "WE'RE")."""
    return bool(token.is_upper and (token.is_alpha or _CONTRACTION.fullmatch(token.text)))


# Starts only where a word starts, and never gives letters back: linear on a long line.
_CONTRACTION = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:['’][^\W\d_]++)+")


def _capital_words(analysis: Analysis) -> int:
    """Tokens of two or more characters in capitals anywhere in the doc
    (counted in its token arrays): a shouted run needs some."""
    from spacy.attrs import IS_UPPER, LENGTH

    upper, length = analysis.doc.to_array([IS_UPPER, LENGTH]).T
    return int(((upper == 1) & (length >= 2)).sum())


# Written so that no two repeats can share the same characters (a line of
# spaces or dashes is read once, not once per split): "[ \t>]*[- ]*" is
# "[ \t>]*(?:-[- ]*)?", the same lines.
_FORWARD = re.compile(
    r"^[ \t>]*(?:-{3,}[ \t]*Forwarded (?:message|by)|Begin forwarded message:|(?:-[- ]*)?Forwarded by\b)",
    re.IGNORECASE | re.MULTILINE,
)


@check("forward-without-note", options={"min_words": (int, 8)})
def forward_without_note(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A forward (``Fw:`` subject or a forwarded-message marker) with fewer
    than ``min_words`` words of the sender's own before the forwarded part."""
    min_words = options["min_words"]
    headers = analysis.draft.headers
    subject = headers.subject or ""
    forward = bool(FORWARD_SUBJECT.match(subject) or headers.is_forward)
    marker = _FORWARD.search(analysis.text)
    if not (forward or marker) or REPLY_SUBJECT.match(subject):
        return
    quoted = [a for a, _ in analysis.ranges("quoted")]
    if marker and quoted and re.search(r"[A-Za-z]", analysis.text[min(quoted) : marker.start()]):
        # The marker sits inside earlier quoted history: a reply to a forward.
        marker = None
        if not forward:
            return
    # The sender's own words: greeting and body, before any forwarded marker.
    limit = marker.start() if marker else len(analysis.text)
    own = sum(
        1
        for scope in ("greeting", "body")
        for t in analysis.tokens(scope)
        if t.idx < limit and (t.is_alpha or t.like_num)
    )
    if own < min_words:
        if marker:
            end = analysis.text.find("\n", marker.start())
            yield Hit(marker.start(), end if end > 0 else len(analysis.text))
        else:
            yield first_line_hit(analysis)




@check("unsubscribe-footer")
def unsubscribe_footer(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """An unsubscribe line, a List-Unsubscribe header, or an unsubscribe link
    in a message judged as a personal note (the rule's profiles)."""
    for scope in ("footer", "signature", "body"):
        for start, end in analysis.ranges(scope):
            found = [m for p in (UNSUBSCRIBE_WORDING, MAILING_NOTICE) if (m := p.search(analysis.text, start, end))]
            if found:
                match = min(found, key=lambda m: m.start())
                yield Hit(match.start(), match.end())
                return
    if analysis.draft.headers.list_unsubscribe or analysis.draft.facts.unsubscribe_links:
        yield first_line_hit(analysis)


_BROCHURE_WORDS = (
    r"brochure|catalog(?:ue)?|price ?list|pricelist|rate ?card|business card|v-?card|company profile"
    r"|media kit|sales deck|pitch deck|one-pager|product sheet|capabilities (?:deck|statement)|flyer|leaflet"
)
_BROCHURE_TEXT = re.compile(
    rf"\b(?:(?:attached|enclosed|here) (?:is|are) (?:our|my)|(?:please )?(?:find|see) (?:attached )?(?:our|my)"
    rf"|i(?:'ve| have)? (?:attached|enclosed) (?:our|my)|(?:our|my) (?:latest |new |full |current )?)(?:{_BROCHURE_WORDS})\b"
    # "Here's my card again": a card is handed out, not a word written.
    r"|\b(?:here(?:['’]s| is) (?:my|our) (?:contact |visiting )?card|(?:my|our) (?:contact |visiting )?card again)\b",
    re.IGNORECASE,
)
_BROCHURE_FILE = re.compile(rf"(?:{_BROCHURE_WORDS}|\.vcf$)", re.IGNORECASE)


@check("brochure-as-message", options={"max_words": (int, 120)}, values={"what": "brochure words or file name"})
def brochure_as_message(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A brochure, price list or business card offered as the message, with
    little of the sender's own text around it (under ``max_words``)."""
    if analysis.metric("words") >= options["max_words"]:
        return
    for start, end in analysis.ranges(options["scope"]):
        match = _BROCHURE_TEXT.search(analysis.text, start, end)
        if match:
            yield Hit(match.start(), match.end(), {"what": " ".join(match.group().split())})
            return
    for attachment in analysis.draft.attachments:
        if attachment.name and _BROCHURE_FILE.search(attachment.name):
            anchor = first_line_hit(analysis)
            yield Hit(anchor.start, anchor.end, {"what": f"attachment {attachment.name!r}"})
            return


# The dash run before a name is taken whole (possessive): a word may also
# hold dashes, and a line of dashes split every way took time in its square.
_TEAM_NAME = re.compile(
    r"[ \t]*(?:[-–—~]++[ \t]*)?(?:(?:the[ \t]+)?(?:[\w&.'’-]+[ \t]+){0,3}(?:team|department|dept\.?|crew)"
    r"|team[ \t]+[\w&.'’-]+|the[ \t]+team[ \t]+(?:at|from)[ \t]+[\w&.'’ -]{1,40})[ \t]*[.!]?[ \t]*",
    re.IGNORECASE,
)


@check("team-signature")
def team_signature(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The name under the message is a team or a department ("The Sales
    Team", "Team Acme"), not a person. Only the first line of the signature
    is read, so a person's name with their team on the next line passes."""
    line = analysis.first_line(options["scope"])
    if line and _TEAM_NAME.fullmatch(analysis.text[line[0] : line[1]]):
        yield Hit(*line)


@check("chaser", options={"phrases": (list, REQUIRED), "max_words": (int, 80)})
def chaser(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """A chaser whose only news is that the reader has not answered: one of
    the chasing ``phrases`` ("touching base", "bubbling this up"), or words
    that say the mail follows the writer's own (``EARLIER_MAIL``, which the
    profile is chosen by: "my previous email", "I haven't heard back"), in a
    short body (under ``max_words``) with no specific detail in it (a name,
    a date, a number; entities on the full model, see PR003) and no link
    written into it (something to look at is news). A detail the chaser
    only restates or asks for is no news: one in a sentence that says so
    ("We still have $180K earmarked"), with the title of what the first
    mail offered ("a chat about the Senior Data Scientist role"), in an ask
    ("Are you free for 10 mins tomorrow?"), in the "Re:" subject it
    answers, or in the chasing itself ("I've written three times and heard
    nothing", "If I don't hear back by Friday, I'll close your file").
    Phrases match on normalised words: "haven't" is "have not"."""
    scope = options["scope"]
    if analysis.metric("words") >= options["max_words"]:
        return
    text = analysis.draft.scope_text(scope)
    if any(link.url in text for link in analysis.draft.facts.links):
        return
    matcher = phrase_matcher(analysis, options["phrases"], attr="NORM")
    chasing = sorted(
        [(s.start_char, s.end_char) for s in matcher(analysis.doc, as_spans=True) if analysis.in_scope(s.start_char, scope)]
        + [(m.start(), m.end()) for a, b in analysis.ranges(scope) for m in EARLIER_MAIL.finditer(analysis.text, a, b)]
    )
    # A template's field in the body leaves room for the news ("[one new
    # sentence of value]").
    if not chasing or template_slots(analysis, scope):
        return
    headers = analysis.draft.headers
    subject = (headers.subject or "").lower() if headers.is_reply else ""
    for part in _parts(content_sentences(analysis, scope)):
        if _RESTATES.search(part.text) or is_request(part.text) or _CHASING.search(part.text):
            continue
        if any(a < part.end_char and part.start_char < b for a, b in chasing):
            continue
        if any(analysis.doc_text[a:b].lower() not in subject for a, b in specific_details(analysis, [part])):
            return
    yield Hit(*chasing[0])


def _parts(sentences: list[Passage]) -> Iterator[Passage]:
    """The sentences cut at colons and semicolons: "Bubbling this up: the
    flat is free from 1 June" chases in one part and brings news in the other."""
    for sent in sentences:
        start = 0
        for at, token in enumerate(sent):
            if token.text in (":", ";"):
                if at > start:
                    yield sent[start:at]
                start = at + 1
        if start < len(sent):
            yield sent[start:]


#: More of the chasing said in its own words (besides the chasing phrases
#: and ``EARLIER_MAIL``): the answer awaited, the last try ("If I don't hear
#: back, I'll close your file"). A deadline on the offer ("the early-bird
#: price ends Friday") is news.
_CHASING = re.compile(
    r"\b(?:don['’]t|do not) hear (?:back|from you)\b|\bclose (?:your|the) file\b"
    r"|\b(?:final|last) (?:attempt|try)\b|\blast reminder\b|\breached out\b",
    re.IGNORECASE,
)


#: A sentence that says its details are not new: "still", "again", "as I
#: mentioned", or the offer of the first mail named by its title ("the
#: Senior Data Scientist role").
_RESTATES = re.compile(
    # The writer's offer "still" standing, not the reader's wish ("if you still want it").
    r"\b(?:i|we|it|this|that|there)(?:['’]s|['’]re| is| are| am| can| could| would| will)? still\b"
    r"|\bstill (?:stands|holds|available|open|valid|on the table)\b"
    r"|\bagain\b|\bas (?:i |we )?(?:mentioned|said|wrote)\b"
    r"|\b(?:the|that) (?-i:[A-Z][\w-]*\s+){1,4}(?:role|position|opening|job|offer|proposal)\b",
    re.IGNORECASE,
)
