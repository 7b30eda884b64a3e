"""The words and line shapes warmcheck recognises in mail, written once.

Reading a draft (``warmcheck.mail``) and judging it (``warmcheck.checks``)
both need to know what a reply subject, a reply intro, a forwarded header
block, an unsubscribe line, a greeting or a sign-off looks like. Each is
defined here, once, so that the reader and the rules agree and a language
added here is known everywhere.

Languages: English first; French, Spanish, German, Portuguese and Dutch
throughout; some Scandinavian, Italian and Russian forms where mail clients
write them. Word tuples hold the words as people write them (accents and
all); the compiled patterns built from them also accept the spellings of
a keyboard without accents: "Grüße" as "Gruesse", "à bientôt" as "a
bientot" (a German umlaut is spelled out, not dropped). Patterns are
matched regardless of case.

This module imports only the standard library.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .options import compile_fast

_I = re.IGNORECASE

#: Letters a writer may spell without their accent (or, in German, spelled out).
_LOOSE = {
    "ä": "(?:ä|ae)", "ö": "(?:ö|oe)", "ü": "(?:ü|ue)", "ß": "(?:ß|ss)",
    "à": "[àa]", "á": "[áa]", "â": "[âa]", "ã": "[ãa]",
    "é": "[ée]", "è": "[èe]", "ê": "[êe]",
    "í": "[íi]", "ó": "[óo]", "ô": "[ôo]", "õ": "[õo]", "ú": "[úu]", "ç": "[çc]",
    "'": "['’]", "’": "['’]",
}  # fmt: skip


def _loose(phrase: str) -> str:
    """A phrase as a regex fragment: escaped, accents optional. A one-letter
    word keeps its accent (French "à" is not "a")."""
    if len(phrase) == 1:
        return re.escape(phrase)
    return "".join(_LOOSE.get(ch.lower(), " " if ch == " " else re.escape(ch)) for ch in phrase)


def _alternation(phrases: Iterable[str]) -> str:
    """``(?:a|b|...)`` of the phrases, longest first (so that "thanks again"
    is tried before "thanks")."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_loose(p) for p in ordered) + ")"


# Subjects --------------------------------------------------------------------

#: Subject prefixes mail clients put before a reply's subject: English "Re",
#: German "AW" (Antwort), Scandinavian "SV" (svar) and Finnish "VS" (vastaus),
#: Dutch "Antw", French "Réf"/"Ref", Italian "R", Brazilian Portuguese "RES"
#: (resposta). Spanish, French and Portuguese Outlook write "RE".
REPLY_PREFIXES: tuple[str, ...] = ("re", "aw", "sv", "vs", "antw", "ref", "réf", "r", "res")

#: Subject prefixes of a forward: English "Fw"/"Fwd", German "WG"
#: (weitergeleitet), French "TR" (transféré), Spanish "RV" (reenviado),
#: Portuguese "ENC" (encaminhado), Dutch "Doorst" (doorgestuurd).
FORWARD_PREFIXES: tuple[str, ...] = ("fw", "fwd", "wg", "tr", "rv", "enc", "doorst")

_PREFIX = r"\s*(?:\[\d+\])?\s*:\s*"  # "Re:", "RE :", "Re[2]:"

#: One or more reply prefixes opening a subject ("Re: Re[2]: AW: ..."): the
#: mail answers an earlier one. ``.match`` it against the subject.
REPLY_SUBJECT = re.compile(rf"^\s*(?:{_alternation(REPLY_PREFIXES)}{_PREFIX})+", _I)

#: A forward prefix opening a subject, maybe after reply prefixes ("Fwd:",
#: "Re: Fw:", "TR : ..."): the mail passes an earlier one on.
FORWARD_SUBJECT = re.compile(
    rf"^\s*(?:{_alternation(REPLY_PREFIXES)}{_PREFIX})*{_alternation(FORWARD_PREFIXES)}{_PREFIX}", _I
)

def subject_marks(subject: str | None) -> tuple[bool, bool]:
    """Whether a subject marks its mail as a reply, and as a forward."""
    if not subject:
        return False, False
    return bool(REPLY_SUBJECT.match(subject)), bool(FORWARD_SUBJECT.match(subject))


#: Every reply and forward prefix opening a subject, for stripping them: the
#: words after it are the subject someone wrote.
SUBJECT_PREFIXES = re.compile(rf"^\s*(?:{_alternation(REPLY_PREFIXES + FORWARD_PREFIXES)}{_PREFIX})+", _I)


# Quoted history: reply intros, forward separators, forwarded headers --------

#: The verb of a reply intro ("On ... Ana wrote:"), by language.
REPLY_INTRO_VERBS: tuple[str, ...] = (
    "wrote", "writes", "schrieb", "a écrit", "escribió", "escreveu", "schreef", "geschreven", "skrev",
    "ha scritto",
)  # fmt: skip

#: A line (or a wrapped intro joined into one) that introduces a quoted
#: message: "On Tue, 3 May 2022, Ana <ana@...> wrote:", "Am ... schrieb Ana:",
#: "Le ... a écrit :", "El ... escribió:", "Em ... escreveu:", "Op ... schreef
#: Ana:", "Den ... skrev:", "Il ... ha scritto:", "... написал:", a bare
#: "2022-05-03 ... <ana@...>:", or any line with an address, a time or a date
#: and a reply verb. ``.match`` it against one line.
REPLY_INTRO = re.compile(
    r"^[ \t]*(?:on\b.{0,250}\bwrote:|am\b.{0,250}\bschrieb\b.{0,120}:|le\b.{0,250}\ba [ée]crit ?:"
    r"|el\b.{0,250}\bescribi[óo] ?:|em\b.{0,250}\bescreveu ?:|op\b.{0,250}\b(?:schreef|geschreven)\b.{0,120}:"
    r"|den\b.{0,250}\bskrev\b.{0,120}:|il\b.{0,250}\bha scritto:|.{1,250}написал(?:\(а\))?:"
    r"|\d{4}-\d{2}-\d{2}\b.{0,120}<[^<>\s]+@[^<>\s]+>:?"
    rf"|.{{0,120}}(?:@|\d:\d\d|\d/\d).{{0,120}}\b(?:wrote|writes|{_alternation(REPLY_INTRO_VERBS[2:])} ?):"
    r")[ \t]*$",
    _I | re.MULTILINE,
)

#: The first word of a reply intro that mail clients may wrap onto a second
#: line ("On Tue, 3 May 2022, Ana Lopez <ana@...>\nwrote:").
REPLY_INTRO_OPENING = re.compile(r"^[ \t]*(?:on|am|le|el|em|op|den|il)\b", _I)

#: The names mail clients give an earlier message they quote or pass on:
#: Outlook's "-----Original Message-----" and Gmail's "---------- Forwarded message ---------", in each language.
FORWARD_SEPARATOR_NAMES: tuple[str, ...] = (
    "original message", "forwarded message", "forwarded by", "reply message", "original message follows",
    "message d'origine", "message original", "message transféré",
    "mensaje original", "mensaje reenviado",
    "ursprüngliche nachricht", "weitergeleitete nachricht", "original-nachricht",
    "mensagem original", "mensagem encaminhada", "mensagem reencaminhada",
    "oorspronkelijk bericht", "doorgestuurd bericht",
)  # fmt: skip

#: Apple Mail's (and others') line above a forwarded message, in each language.
FORWARD_INTROS: tuple[str, ...] = (
    "begin forwarded message", "forwarded message",
    "début du message réexpédié", "début du message transféré",
    "inicio del mensaje reenviado",
    "anfang der weitergeleiteten e-mail", "anfang der weitergeleiteten nachricht",
    "início da mensagem encaminhada", "início da mensagem reencaminhada",
    "begin doorgestuurd bericht",
)  # fmt: skip

#: A line that starts an earlier message below the sender's own words:
#: "-----Original Message-----", "-------- Message transféré --------",
#: "Begin forwarded message:". ``.match`` one line, or ``.search`` a text.
FORWARD_SEPARATOR = re.compile(
    r"^[ \t]*(?:"
    rf"-{{2,}}[ \t]*{_alternation(FORWARD_SEPARATOR_NAMES)}\b.*"
    rf"|{_alternation(FORWARD_INTROS)}[ \t]*:?[ \t]*"
    r")$",
    _I | re.MULTILINE,
)

#: Header labels of a forwarded or quoted message (Outlook's From:/Sent:/To:
#: block, in each language), each with the English field it stands for.
HEADER_LABELS: dict[str, str] = {
    # English
    "from": "from", "sent": "sent", "date": "date", "to": "to", "cc": "cc", "bcc": "bcc",
    "subject": "subject", "reply-to": "reply-to",
    # German
    "von": "from", "gesendet": "sent", "datum": "date", "an": "to", "betreff": "subject",
    # French
    "de": "from", "envoyé": "sent", "à": "to", "cci": "bcc", "objet": "subject",
    # Spanish
    "enviado": "sent", "enviado el": "sent", "fecha": "date", "para": "to", "cco": "bcc", "asunto": "subject",
    # Portuguese
    "enviado em": "sent", "enviada em": "sent", "data": "date", "assunto": "subject",
    # Dutch
    "van": "from", "verzonden": "sent", "aan": "to", "onderwerp": "subject",
}  # fmt: skip

#: One header field of a forwarded block: "From: Ana", "**Envoyé :** lundi",
#: "Onderwerp: ...". Group 1 is the label; ``HEADER_LABELS[label.lower()]``
#: says which field it is.
FORWARDED_HEADER_FIELD = re.compile(
    rf"^[ \t]*\*{{0,2}}({_alternation(HEADER_LABELS)})[ \t]*:\*{{0,2}}(?:[ \t]|$)", _I
)


def header_key(label: str) -> str:
    """The English field a header label stands for ("Betreff" -> "subject");
    an unknown label stands for itself, lower-cased."""
    low = label.lower()
    if low in HEADER_LABELS:
        return HEADER_LABELS[low]
    for known, key in HEADER_LABELS.items():  # a label written without its accent ("Envoye")
        if re.fullmatch(_loose(known), low, _I):
            return key
    return low


def _labels(*keys: str) -> tuple[str, ...]:
    return tuple(label for label, key in HEADER_LABELS.items() if key in keys)


#: The labels a plain draft may put above its text for its subject
#: ("Subject:", "Objet :", "Asunto:", "Betreff:", "Assunto:", "Onderwerp:").
SUBJECT_LABELS: tuple[str, ...] = _labels("subject")

#: The labels of a plain draft's own recipient line ("To:", "À :", "Para:", "An:", "Aan:").
TO_LABELS: tuple[str, ...] = _labels("to")

#: A plain draft's own subject line; group 1 is the subject. A space before
#: the colon is allowed: French writes "Objet : ...".
PLAIN_SUBJECT_LINE = re.compile(rf"^[ \t]*{_alternation(SUBJECT_LABELS)}[ \t\u00a0]?:[ \t]*(.*?)[ \t]*$", _I)

#: A plain draft's own recipient line; group 1 is the address list. ``.search``
#: it in the header block (multi-line).
PLAIN_TO_LINE = re.compile(rf"^{_alternation(TO_LABELS)}[ \t\u00a0]?:[ \t]*([^\n]*)", _I | re.MULTILINE)

#: One of the header lines a plain draft may open with (To:, Cc:, Bcc:, From:, Subject:, in each language).
PLAIN_HEADER_LINE = re.compile(
    rf"^[ \t]*{_alternation(_labels('to', 'cc', 'bcc', 'from', 'subject'))}[ \t\u00a0]?:", _I
)

#: The header lines a plain draft may open with, continuation lines
#: included: "To: Ana Lima <ana@example.org>\nSubject: ...\n", "À : Marie
#: <marie@...>\nObjet : ...\n". Whatever the label (one word, then a colon,
#: maybe after a space); matched at the start of the text. These lines are
#: not the sender's words.
PLAIN_HEADER_BLOCK = re.compile(r"\A(?:[^\W\d_][\w-]*[ \t\u00a0]?:[^\n]*\n(?:[ \t][^\n]*\n)*)+")


# Paragraphs ------------------------------------------------------------------

#: One paragraph: from a non-space character to the last line before a blank
#: line (a line of spaces and tabs is blank). ``finditer`` it over a text.
PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")


# Unsubscribe wording ---------------------------------------------------------

#: Ways off a list in French, Spanish, German, Portuguese and Dutch, as
#: newsletters word them. Words that also mean something else ("abmelden",
#: to sign off; "afmelden", to cancel) count only in their newsletter forms.
_UNSUBSCRIBE_ELSEWHERE = (
    r"\b(?:pour (?:vous )?|se |vous )d[ée](?:sabonner|sinscrire)\b|\bd[ée]sinscription\b|\bd[ée]sabonnement\b"
    r"|\bpour ne plus recevoir\b"
    r"|\bdar(?:se|te) de baja\b|\bcancelar (?:la |su |tu )?suscripci[óo]n\b|\bdesuscribir(?:se|te)?\b"
    r"|\bdejar de recibir\b"
    r"|\b(?:hier|zum|sofort) abmelden\b|\bvom newsletter abmelden\b|\bnewsletter abbestellen\b"
    r"|\bum (?:sich|dich|sie) abzumelden\b"
    r"|\bdescadastr(?:ar|e-se)\b|\bcancelar (?:a |sua )?(?:inscri[çc][ãa]o|assinatura)\b|\bdeixar de receber\b"
    r"|\buitschrijven\b|\b(?:je|u) af te melden\b|\bhier afmelden\b|\bafmelden voor (?:de|deze|onze) nieuwsbrief\b"
)

#: Phrases that offer the reader a way off a list as a paragraph of small
#: print says them ("To unsubscribe, click here", "Pour vous désabonner..."):
#: on their own they make a short paragraph a footer. A personal note may
#: still say "unsubscribe" in passing; these are the footer's forms.
UNSUBSCRIBE_FOOTER = re.compile(
    r"click here to (?:unsubscribe|opt[ -]out)|\bto unsubscribe\b|\bunsubscribe (?:here|from|at|link|below|now)\b"
    r"|^[ \t]*unsubscribe\b|\bopt[ -]out\b|update (?:your )?(?:e-?mail |subscription )?preferences|manage (?:your )?(?:e-?mail )?(?:preferences|subscriptions?)"
    r"|if you (?:no longer )?(?:wish|want) to (?:stop |no longer )?receiv|to stop receiving"
    r"|remove (?:yourself|me) from (?:this|our|the) (?:mailing )?list|you are subscribed to\b"
    r"|" + _UNSUBSCRIBE_ELSEWHERE,
    _I | re.MULTILINE,
)

#: Any wording that offers a way off a list, anywhere in a text:
#: "unsubscribe", "opt out", "manage your email preferences", "stop
#: receiving", "se désabonner", "darse de baja", "descadastrar",
#: "uitschrijven"... Wider than :data:`UNSUBSCRIBE_FOOTER`: it says the text
#: mentions a way out, not that a paragraph is small print.
UNSUBSCRIBE_WORDING = compile_fast(
    r"\b(?:unsubscribe|opt[- ]?out|(?:manage|update|change) (?:your )?(?:email |subscription |mailing )?(?:preferences|subscription)"
    r"|remove (?:yourself|you|me) from (?:this|our|the) (?:list|mailing)"
    r"|(?:to be removed|remove your (?:e-?mail )?(?:address|name)) from (?:this|our|the|all|any|future|further) "
    r"(?:[\w-]+ ){0,2}(?:list|mailings?|e-?mails?)"
    r"|stop receiving|no longer wish to receive|leave (?:this|the) list)\b"
    r"|" + _UNSUBSCRIBE_ELSEWHERE,
    _I,
)

#: A mailing system's notice of why a message came ("You are receiving this
#: because...", "This email was sent to ana@..."): no way out, but the mark
#: of a list.
MAILING_NOTICE = re.compile(r"\b(?:you (?:are|were) receiving this|this (?:e-?mail|message) was sent to)\b", _I)

#: The words of a link to a web copy of a mailing ("View in your browser",
#: "Web version", "View this online").
VIEW_IN_BROWSER = re.compile(
    r"(?:view|read|open|see)\b.{0,30}\b(?:in|on) (?:your|a|the) (?:web[ -]?)?browser|web version|view (?:it |this )?online|view as (?:a )?web ?page",
    _I,
)

#: A link that takes the reader off a list, by its address or its text
#: ("/unsubscribe?u=...", "Opt out", "Manage preferences", "Se désabonner").
UNSUBSCRIBE_LINK = re.compile(
    r"unsub|opt[-_ ]?out|optout|manage (?:your )?(?:e-?mail )?(?:preferences|subscription)|email preferences"
    r"|update (?:your )?preferences"
    r"|d[ée]sabonn|d[ée]sinscri|darse[-_ ]de[-_ ]baja|desuscri|abmeld|abbestell|descadastr|uitschrijv|afmeld",
    _I,
)


# Merge fields ----------------------------------------------------------------

#: Words that open a field the sender fills with their own details ("[Your
#: Name]", "{{ sender_company }}", "[Votre prénom]", "[Tu nombre]"): left in a
#: draft, they show a template, but they say nothing false about the reader.
SENDER_FIELD_WORDS: tuple[str, ...] = (
    "your", "my", "sender", "signature",
    "votre", "vos", "mon", "ma", "mes", "tu", "tus", "su", "sus", "dein", "deine", "ihr", "ihre",
    "seu", "sua", "teu", "tua", "uw", "jouw", "je",
)  # fmt: skip

_SENDER_FIELD = re.compile(rf"^\W*(?:{_alternation(SENDER_FIELD_WORDS)})(?:\b|_)|^\W*signature\W*$", _I)


def is_sender_field(inside: str) -> bool:
    """Whether a merge field's inner text names the sender's own details."""
    return bool(_SENDER_FIELD.search(inside))


#: The merge fields of the common mail-merge tools other than Jinja2's own,
#: as a template holds them: ``{first_name}`` (Python, Salesforce),
#: ``${name}``, ``*|FNAME|*`` (Mailchimp), ``%FIRSTNAME%`` and ``%%name%%``,
#: ``<<Name>>`` (Word), ``[[name]]``, ``[First Name]`` (any bracketed words
#: not followed by a link), ``<name>`` and ``<first name>`` (words in angle
#: brackets that are not an HTML tag). In a template every one of them is a
#: field; group 1 (or 2...) is the inner text. ``{{First Name}}`` (words
#: Jinja2 cannot parse) is told apart where the template is parsed.
TEMPLATE_FIELD = re.compile(
    r"\*\|([A-Z0-9_:]{1,40})\|\*"
    r"|%%?([A-Za-z][A-Za-z0-9_]{1,40})%%?"
    r"|<<[ \t]*([^<>\n]{1,40}?)[ \t]*>>"
    r"|\[\[[ \t]*([^\[\]\n]{1,40}?)[ \t]*\]\]"
    r"|\$\{([A-Za-z_][\w.]{0,40})\}"
    r"|(?<![{\w$])\{!?([^\W\d][\w. '’-]{0,40})\}(?!\})"
    r"|\[([^\[\]]{1,200})\](?!\()"
    r"|<(?!(?:a|b|i|u|p|br|hr|em|li|ol|ul|dd|dl|dt|td|th|tr|div|span|strong|small|code|pre|sub|sup|img|table|body|head|html)\b[^<>]*>)"
    r"([^\W\d][^<>@/=\n]{0,40}?)>",
)


# First contact -----------------------------------------------------------------

#: Words of a first mail to someone: the writer introduces themselves, says
#: they are reaching out, how they found the reader, or what they offer
#: people like them; in English, French, Spanish, German, Portuguese and Dutch.
FIRST_CONTACT = compile_fast(
    r"\b(?:my name is|allow me to introduce myself|let me introduce myself|i(?:['’]m| am) [A-Z][a-z]+,? (?:from|at|and i|a |an |the )"
    r"|(?:i|we)(?:['’]m| am| are)? (?:reaching|writing) (?:out|to you)|\breaching out\b|wanted to (?:introduce|connect|reach)"
    r"|came across|stumbled (?:up)?on|(?:i|we) noticed (?:that )?(?:you|your)|(?:i|we) (?:found|saw) your|i(?:['’]ve| have) been following"
    r"|(?:we|i) help (?:companies|teams|businesses|brands|agencies|people|founders|startups|leaders|professionals)"
    r"|(?:are|would) you (?:be )?(?:open|interested|available) (?:to|for|in)|quick (?:question|call|chat)"
    r"|je (?:me permets de vous|vous) (?:contacter|écris|ecris)|je m['’]appelle|je suis \w+ (?:de|chez)"
    r"|me (?:pongo en contacto|permito escribir)|me llamo|mi nombre es"
    r"|mein name ist|ich (?:bin|heiße|heisse) \w+ (?:von|bei)|ich wende mich an sie"
    r"|meu nome é|meu nome e|entro em contato"
    r"|mijn naam is|ik neem contact met u op)",
    _I,
)


#: Words of a mail that follows an earlier one of the writer's ("I haven't heard back", "circling back on the
#: proposal I sent", "my last email"): the reader has heard from the writer before, so it is no first contact.
EARLIER_MAIL = compile_fast(
    r"\b(?:(?:haven['’]t|have not|hadn['’]t|didn['’]t|did not) (?:yet )?(?:heard(?: back)?|(?:had|gotten|got|received) (?:a |any )?"
    r"(?:reply|response|answer))|no (?:response|reply|answer) yet|final reminder|circling back|following up (?:again|on (?:my|our|the))"
    r"|(?:just )?checking in (?:on|about) (?:my|our|the)|(?:my|our) (?:last|previous|earlier|prior) (?:e-?mail|note|message|letter)|bump(?:ing)? this"
    r"|(?:heard|had|got|gotten|received) nothing (?:back|from you)|(?:sent|e-?mailed|written|wrote|messaged)(?: you| over)?"
    r"(?: (?:this|it|the|my|our)(?: \w+)?)? (?:twice|(?:two|three|four|five|several|a few|a couple of|\d+) times)"
    r"|(?:the|my) (?:e-?mail|note|message|proposal|invitation|application) (?:i|we) sent"
    r"|je (?:me permets de )?reviens vers vous|suite à mon (?:dernier |précédent )?(?:e-?mail|mail|message)"
    r"|mi (?:último|ultimo|anterior) (?:correo|mensaje)|no he recibido respuesta"
    r"|meine (?:letzte|vorherige) (?:e-?mail|nachricht)|ich melde mich noch einmal"
    r"|meu (?:último|ultimo|e-?mail anterior) (?:e-?mail|mensagem)?|mijn (?:vorige|laatste) (?:e-?mail|mail|bericht))",
    _I,
)

#: The sender's wish, offer or ask in a sentence ("I'd love to", "we help",
#: "can we", "would you", "a perfect fit for"): a sentence that names the
#: reader's project or team around one of these pitches to it.
PITCH_LEAD = re.compile(
    r"\b(?:(?:i|we)(?:['’]d| would) (?:love|like|be (?:happy|glad|keen|delighted|grateful))|(?:i|we)(?:['’]re| am| are) "
    r"(?:happy|glad|keen|excited|pleased|delighted|here) to"
    # A pain put to the reader as a question, the sales opener: "Is your app struggling to...?"
    r"|struggling|spending too much|tired of|missing out|losing (?:customers|sales|money|revenue)"
    r"|(?:i|we) (?:want|can|could|offer|provide|specialise|specialize|work with|place|supply|staff|deliver|build)"
    r"|let(?:['’]s| me| us)|(?:can|could|may|shall) (?:i|we)|(?:would|are|do|could) you|(?:reaching|writing) (?:out|to you|about|regarding)"
    r"|help(?:s|ing)?|(?:fit|match|perfect|ideal|tailored|built|value) (?:for|to)|what (?:we|i)(?:['’]re| are| am) building"
    r"|(?:our|my) (?:agency|company|firm|services?|products?|platform|tool|solution)s?"
    r"|(?:right|best) person)\b",
    _I,
)

#: "your" and a thing of the reader's that is not their own words, view or work: a pitch can name it to anyone.
READERS_THING = re.compile(
    r"(?:(?:re|regarding|about)\s+)?your\s+(?!(?:(?!(?:to|on|at|about|for|and|with|in|of)\s)[\w-]+\s+){0,3}?(?:talk|keynote|article|post|blog|essay|book|paper|thesis"
    r"|presentation|slides|podcast|episode|video|newsletter|thread|questions?|points?|panel|message|e-?mail|note|letter"
    r"|memo|comments?|draft|proposal|request|reply|answer|suggestions?|demo|call|voicemail|research|study|report|survey"
    r"|repo|repository|library|package|pull request|issue|review|interview|course|class|workshop|thoughts|concerns|feedback"
    r"|views?|opinion|take)\b)",
    _I,
)

#: The reader's time asked for in any sentence: a time that suits them, a
#: slot to pick ("Does Thursday work for you?", "Let me know what time
#: suits you", "Just pick a slot"): a meeting asked for, however worded.
ASKED_TIME = re.compile(
    r"\b(?:(?:works?|suits?) (?:best |better |well )?(?:for )?you\b(?! (?:and|to|because|since|as)\b)"
    r"|(?:let me know|tell me|send me|reply with|drop me) (?:\w+ ){0,3}?(?:time|slot|day|date|window)s?\b"
    r"|(?:^\W*|\b(?:just|please|simply|feel free to|you can) )(?:pick|choose|grab|book) (?:a|any|some|the) (?:\w+ )?"
    r"(?:time|slot|day|date|window)\b)",
    _I,
)

#: A question to the reader about their time or their interest in what is offered, anywhere in it ("When works
#: best?", "Is this something you'd be interested in?", "Who is the right person to talk to?", "Any funding needs
#: this year?", "I was wondering if you could refer me?", "…and wanted to see if you're open to hearing about them?",
#: "…would you know anyone?", "…but would you be up for a 30-minute call?"): a reply, a meeting, a favour or a sale.
ASKED_IN_QUESTION = re.compile(
    r"\b(?:your (?:calendar|schedule|diary|availability)|when (?:works|suits|would work|is (?:good|best|convenient))"
    r"|(?<!get )(?<!got )(?<!become )(?<!became )interested\b|of interest|any interest|a (?:good |great |right |natural )?fit\b"
    r"|on your radar|(?:right|best) person|make sense for you|(?:sound|sounds) (?:good|interesting|useful|like something)"
    r"|when are you (?:free|available|around)|best (?:number|time|way) to (?:reach|call|contact)"
    r"|any (?:[\w-]+ ){0,4}?needs\b|wonder(?:ing)? (?:if|whether) you(?:['’]d| would| could| can| might)\b"
    r"|if (?:you(?:['’]re| are)|your|youre) (?:open|keen|available|free)\b|(?:do|would) you know (?:any(?:one|body)|someone|somebody)\b"
    r"|\ba (?:quick |short |brief |(?:\d+|five|ten|fifteen|twenty|thirty)[- ]min(?:ute)?s? )(?:call|chat|meeting|demo|coffee|conversation)\b)",
    _I,
)

#: Words that recall something the reader said, wrote or did, or a time the
#: sender and reader shared ("I read", "you mentioned", "last week", "at the").
RECALL = re.compile(
    r"\b(?:read|saw|seen|heard|enjoyed|loved|liked|watched|attended|mentioned|met|spoke|talked|chatted|discussed|told|showed"
    r"|said|wrote|asked|thanks?|thank you|last|yesterday|ago|earlier|again|remember|recall|at the"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    _I,
)

#: A shared moment named in French, Spanish, German, Portuguese or Dutch ("notre échange au salon",
#: "gracias por la charla", "unser Gespräch", "nossa conversa", "ons gesprek"): the mail follows up.
SHARED_MOMENT_ELSEWHERE = compile_fast(
    r"\b(?:notre (?:échange|echange|rencontre|conversation|discussion|entretien|appel|déjeuner|dejeuner|café|cafe)"
    r"|merci (?:encore |beaucoup )?(?:pour|de) (?:notre|votre|le |la |l['’]|ce |cette )|suite à notre|comme convenu|comme promis"
    r"|gracias (?:de nuevo |otra vez )?por (?:la|el|tu|su|nuestra|nuestro)|nuestra (?:charla|conversación|conversacion|reunión|reunion)"
    r"|como (?:hablamos|quedamos|prometí|prometi)"
    r"|(?:vielen )?dank für (?:das|die|den|ihre|deine|unser)|unser(?:em|en)? (?:gespräch|gespraech|treffen|telefonat)"
    r"|wie (?:besprochen|versprochen)"
    r"|obrigad[oa] (?:de novo )?(?:pela|pelo|por)|nossa (?:conversa|reunião|reuniao)|como combinado|como prometido"
    r"|bedankt voor|ons gesprek|zoals (?:besproken|beloofd))",
    _I,
)


# Greetings and sign-offs -----------------------------------------------------

#: Words that open a salutation ("Hi Ana,", "Bonjour Marie,", "Beste Jan,").
#: A line that starts with one and is short is the draft's greeting.
GREETING_WORDS: tuple[str, ...] = (
    # English
    "hi", "hello", "hey", "hiya", "dear", "greetings", "good morning", "good afternoon", "good evening",
    "good day", "to whom", "howdy", "ahoy",
    # French
    "bonjour", "bonsoir", "salut", "cher", "chère", "chers", "chères",
    # Spanish
    "hola", "estimado", "estimada", "estimados", "estimadas", "querido", "querida", "buenos días",
    "buenas tardes", "buenas noches",
    # German
    "hallo", "liebe", "lieber", "sehr geehrte", "sehr geehrter", "guten tag", "guten morgen", "guten abend",
    # Portuguese
    "olá", "prezado", "prezada", "prezados", "bom dia", "boa tarde", "boa noite",
    # Dutch
    "beste", "hoi", "geachte", "goedemorgen", "goedemiddag", "goedenavond", "lieve",
)  # fmt: skip

#: A greeting word or phrase, as whole words. Built from :data:`GREETING_WORDS`.
GREETING = re.compile(rf"\b{_alternation(GREETING_WORDS)}\b", _I)

#: A whole line that is a salutation: "Hi Ana,", "Dear Dr. Lee:", "Bonjour
#: Marie !", a name and a comma alone ("Ana,"), or a mail-merge's greeting
#: to the reader's address ("Hi, ana@example.org").
GREETING_LINE = re.compile(
    rf"^[ \t]*(?:{GREETING.pattern}[^.?!,:;\n]{{0,50}}[,!:.;—–-]?"
    rf"|{GREETING.pattern}[ \t]*,?[ \t]*[\w.+-]+@[\w-]+(?:\.[\w-]+)+[ \t]*[,!:.]?"
    r"|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?,)[ \t]*$",
    _I,
)

#: A salutation that opens a line with more text after it: "Hi Ana, thanks
#: for ..."; the match ends at the salutation's comma (or ! or :).
GREETING_LEAD = re.compile(rf"^[ \t]*{GREETING.pattern}[^,!:\n]{{0,40}}[,!:]", _I)

_ENGLISH_SIGNOFFS: tuple[str, ...] = (
    "best", "best wishes", "best regards", "kind regards", "warm regards", "warmest regards", "regards",
    "warmly", "cheers", "thanks", "thanks again", "thanks so much", "thanks a lot", "thanks very much",
    "thank you", "thank you again", "thank you so much", "thank you very much", "many thanks", "sincerely",
    "yours", "yours truly", "yours sincerely", "all the best", "with the best", "talk soon", "take care",
    "speak soon", "all best", "respectfully", "cordially", "ciao", "love", "hugs",
)  # fmt: skip

#: Phrases that close a message above the sender's name ("Best,", "Bien à
#: toi,", "Un abrazo,", "Viele Grüße,", "Abraços,", "Met vriendelijke groet,").
SIGNOFF_PHRASES: tuple[str, ...] = (
    *_ENGLISH_SIGNOFFS,
    # French
    "cordialement", "bien cordialement", "bien à toi", "bien à vous", "amicalement", "bien amicalement",
    "à bientôt", "bonne journée", "bonne soirée", "merci", "merci beaucoup", "merci encore", "salutations",
    "sincères salutations", "meilleures salutations", "bises", "bisous",
    # Spanish
    "un abrazo", "un fuerte abrazo", "abrazos", "saludos", "un saludo", "saludos cordiales", "atentamente",
    "cordialmente", "gracias", "muchas gracias", "hasta pronto", "besos",
    # German
    "mit freundlichen grüßen", "freundliche grüße", "viele grüße", "liebe grüße", "beste grüße",
    "herzliche grüße", "schöne grüße", "mit besten grüßen", "grüße", "gruß", "danke", "vielen dank",
    "bis bald",
    # Portuguese
    "abraços", "um abraço", "abraço", "atenciosamente", "cumprimentos", "melhores cumprimentos",
    "obrigado", "obrigada", "muito obrigado", "muito obrigada", "beijos", "saudações", "até breve",
    # Dutch
    "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "vriendelijke groeten",
    "hartelijke groet", "hartelijke groeten", "groetjes", "groeten", "groet", "bedankt", "dank je wel",
    "dank u wel", "tot snel",
)  # fmt: skip

#: A sign-off phrase, as whole words. Built from :data:`SIGNOFF_PHRASES`.
SIGNOFF = re.compile(rf"\b{_alternation(SIGNOFF_PHRASES)}\b", _I)

#: A whole line that is a sign-off, maybe with the name after it: "Best,",
#: "Thanks again!", "Cheers, Ana", "Kind regards -- Ana", "Bien à toi,",
#: "Viele Grüße, Jan". English phrases are matched without a word end, as
#: they always were (so "Thanksgiving" alone on a line still counts); the
#: other languages need one ("Mercier" is a name, not "merci").
SIGNOFF_LINE = re.compile(
    rf"^[ \t]*(?:{_alternation(_ENGLISH_SIGNOFFS)}|{_alternation(SIGNOFF_PHRASES[len(_ENGLISH_SIGNOFFS):])}\b)"
    r"[ \t]*[,!.]?(?:[ \t]*(?:,|-{1,2}|–|—)?[ \t]*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?)?[ \t]*$",
    _I,
)

#: The line a phone or web mail client signs with: "Sent from my iPhone",
#: "Envoyé de mon iPhone", "Enviado desde mi móvil", "Von meinem iPhone
#: gesendet", "Enviado do meu iPhone", "Verzonden vanaf mijn iPhone". What
#: follows it is signature.
SENT_FROM_DEVICE = re.compile(
    r"^[ \t]*(?:sent from my \w+|sent from (?:outlook|mail|yahoo mail|gmail)\b|get outlook for \w+|sent via \w+"
    r"|envoy[ée] (?:de|depuis) mon \w+|obtenir outlook pour \w+"
    r"|enviado (?:desde|de) mi \w+|obtener outlook para \w+"
    r"|von meinem \w+ gesendet|gesendet von meinem \w+|outlook für \w+ herunterladen"
    r"|enviado (?:do|de) meu \w+|obter o outlook para \w+"
    r"|(?:verzonden|verstuurd) (?:vanaf|met|van) mijn \w+|outlook voor \w+ downloaden)",
    _I,
)


# Languages -------------------------------------------------------------------

#: The languages warmcheck tells apart, by ISO 639-1 code and name.
LANGUAGES: dict[str, str] = {
    "en": "English", "fr": "French", "es": "Spanish", "de": "German", "pt": "Portuguese", "nl": "Dutch",
}  # fmt: skip

#: Short, frequent words of each language: a light test of what a text is
#: written in, enough to tell the six apart in a few sentences.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and you your to of is for that with this are have be it on i we my our would will can at "
        "me about was not but if what how just do so all an from they there been".split()
    ),
    "fr": frozenset(
        "le la les et vous votre vos des est pour que une dans sur avec je nous mais pas ce cette qui au aux "
        "du sont être ai très merci bonjour notre nos mon ma mes suis serait".split()
    ),
    "es": frozenset(
        "el los las y usted su sus que para con es una por del se lo como pero muy está estoy gracias hola "
        "nuestro nuestra también le mi mis usted tu".split()
    ),
    "de": frozenset(
        "der die das und ich sie ist nicht mit für ein eine zu den dem auf wir es sich auch bei ihr ihre "
        "haben sind wie danke ihnen mein meine uns".split()
    ),
    "pt": frozenset(
        "o os as e você seu sua que para com não uma um do da dos das em na no por mais muito obrigado "
        "olá está estou nosso nossa também meu minha".split()
    ),
    "nl": frozenset(
        "de het een en ik je u uw van voor met op te dat niet zijn wij we ook maar bij naar graag bedankt "
        "hoi mijn onze jullie".split()
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Each stop word and the languages it belongs to, for one lookup per word.
_LANGUAGES_OF = {w: tuple(c for c, ws in STOPWORDS.items() if w in ws) for words in STOPWORDS.values() for w in words}


def guess_language(text: str, min_hits: int = 6) -> str | None:
    """The language a text is mostly written in (a code of :data:`LANGUAGES`),
    by its frequent short words; None when it has too few to tell. A text
    leans English unless another language has clearly more of its words."""
    counts = dict.fromkeys(STOPWORDS, 0)
    for word, times in Counter(_WORD.findall(text.lower())).items():
        for code in _LANGUAGES_OF.get(word, ()):
            counts[code] += times
    best = max(counts, key=lambda code: counts[code])
    if counts[best] < min_hits:
        return None
    if best != "en" and counts[best] >= 1.5 * counts["en"]:
        return best
    return "en"
