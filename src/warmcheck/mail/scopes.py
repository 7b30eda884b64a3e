"""Text -> scopes: which lines the sender is writing now, and which are not.

A draft is read line by line, in this order:

1. Leading pseudo-headers of a plain draft (a ``Subject:`` line near the
   top) belong to no scope; the subject is returned.
2. Quoted history. A ``>`` line is quoted. So is everything from the first
   start of an earlier message: a reply intro (``On ... wrote:``, in several
   languages, wrapped or not), a separator (``-----Original Message-----``,
   ``Forwarded by ...``, ``Begin forwarded message:``, an Outlook rule of
   underscores), or a block of forwarded header fields (Outlook's
   From:/Sent:/To:, Lotus Notes' name, date, To:/cc:/Subject:). An intro that
   is followed by ``>`` lines only quotes itself: the sender may answer below.
3. Footer: trailing paragraphs that are legal notices, list or unsubscribe
   lines; a short "view in browser" or unsubscribe paragraph anywhere.
4. Signature: from a ``-- `` line, a "Sent from my phone" line, or a sign-off
   line ("Best,") near the end (that line is the sign-off); or a trailing
   contact block (name, title, phone, address).
5. Greeting: the salutation that opens the draft, the whole line or its
   first words ("Hi Ana," of "Hi Ana, thanks for...").
6. Everything else the sender wrote is the body.

The words and line shapes (greetings, sign-offs, reply intros, forward
separators, header labels, unsubscribe wording) come from
:mod:`warmcheck.vocabulary`, in every language it knows; this module holds
the order they are looked for in. Every pattern is a guess about how people
write mail; ``warmcheck --show-text`` shows the result so a user can see why
a line was or was not judged.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .. import vocabulary
from ..options import compile_fast

#: (scope, start, end) character ranges, in order, adjacent ranges merged.
Ranges = list[tuple[str, int, int]]

#: "-Ana", "— Ana": a name signed on its own line.
_DASH_NAME = re.compile(r"^[ \t]*(?:-{1,2}|–|—|~)[ \t]?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?[ \t]*$")
_SIG_DELIMITER = re.compile(r"^(?:-- ?|--|__)$")

_RULE = re.compile(r"^[ \t]*_{10,}[ \t]*$")
#: Lines Lotus Notes puts above its forwarded header fields: a name@org, a date.
_NOTES_LEAD = re.compile(r"@|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d\d")


#: Paragraphs that are footers wherever they stand (when short).
_FOOTER_ANYWHERE = compile_fast(
    r"(?:view|read|open|see)\b[^\n]{0,40}\b(?:in|on) (?:your|a|the) (?:web[ -]?)?browser"
    r"|\bweb version\b|having trouble (?:viewing|reading|seeing)|(?:not|isn't|doesn't) display(?:ing)? (?:correctly|properly)"
    r"|\byou (?:are receiving|received|have received|get|were sent) this\b|this (?:e-?mail|message|newsletter) was sent (?:to|by)\b"
    r"|\bmailing list\b.{0,40}\b(?:info|options|subscribe)"
    r"|\(un\)subscri|/mailman/|/listinfo\b|\blist (?:info|archives?)\b"
    r"|" + vocabulary.UNSUBSCRIBE_FOOTER.pattern,
    re.IGNORECASE | re.MULTILINE,
)
#: Paragraphs that are footers when they close the draft: legal notices.
_FOOTER_TAIL = compile_fast(
    r"\bconfidential(?:ity)? (?:notice|information|communication|and (?:may be )?(?:privileged|proprietary))"
    r"|\b(?:privileged and|strictly) confidential|\bintended (?:solely |only )?for the (?:use of the )?(?:individual|addressee|named|person|recipient)"
    r"|\bnot the intended recipient\b|\bdisclaimer\b|©|\(c\) ?\d{4}|\bcopyright\b|\ball rights reserved\b"
    r"|\bprivacy (?:policy|notice|statement)\b|\bregistered (?:office|in england|company)\b"
    r"|\bthis (?:e-?mail|message|communication) (?:and any (?:attachments|files) )?(?:is|are|may|contains?)\b"
    r"|\bterms (?:of use|and conditions)\b|\bsent (?:with|by|via) (?:mailchimp|constant contact|sendgrid|hubspot|substack)"
    r"|" + _FOOTER_ANYWHERE.pattern,
    re.IGNORECASE | re.MULTILINE,
)
_URL_ONLY = re.compile(r"^\s*(?:<?https?://|www\.)\S+\s*$", re.IGNORECASE)
#: A name signed alone at the end: "Vince", "Ana Lopez", "mcs".
_NAME_ONLY = re.compile(r"^[ \t]*(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}|[a-z]{2,3})[ \t]*$")
_NOT_NAMES = frozenset(
    "ok okay yes no sure done agreed great fine thanks thx ty fyi noted perfect absolutely cool nice "
    "good excellent correct right understood will do see below see attached attached enjoy congrats".split()
)
# An address is looked for from the start of a run of its characters only:
# tried from every letter of a long word, it took time in the square.
_CONTACT = re.compile(
    r"\+?\d[\d ().-]{7,}\d|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.|https?://|\b(?:tel|phone|mobile|cell|fax|office|direct|m|t|p|e)\b ?[:.]"
    r"|\|",
    re.IGNORECASE,
)


class _Lines:
    """The text cut at ``\\n``, with offsets; ``bare[i]`` lacks the line break."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.bare: list[str] = []
        pos = 0
        for piece in text.split("\n"):
            self.starts.append(pos)
            end = pos + len(piece)
            self.bare.append(piece.rstrip("\r"))
            pos = end + 1
            self.ends.append(min(pos, len(text)))
        if text.endswith("\n"):  # no empty last line after the final break
            for seq in (self.starts, self.ends, self.bare):
                seq.pop()

    def __len__(self) -> int:
        return len(self.bare)


def segment(
    text: str, *, quoted_lines: Collection[int] = (), find_subject: bool = False
) -> tuple[Ranges, str | None]:
    """Scopes of ``text`` as character ranges, and the subject a plain draft gives.

    ``quoted_lines`` are line numbers (0-based) known to be quoted from the
    markup (an HTML ``<blockquote>``, a Markdown ``>`` whose marker is blanked).
    """
    lines = _Lines(text)
    n = len(lines)
    scopes: list[str | None] = [None] * n
    forced = set(quoted_lines)
    subject = None
    first = 0
    if find_subject:
        first, subject = _pseudo_headers(lines)
        for i in range(first):
            scopes[i] = "header"

    def is_quote(i: int) -> bool:
        return i in forced or lines.bare[i].lstrip().startswith(">")

    # 2. Quoted history.
    history = n
    top = _next_text(lines, first)
    i = first
    while i < n:
        line = lines.bare[i]
        if is_quote(i):
            scopes[i] = "quoted"
            i += 1
            continue
        if not line.strip():
            i += 1
            continue
        intro_end = _intro(lines, i)
        if intro_end is not None:
            after = _next_text(lines, intro_end + 1)
            if after is not None and is_quote(after):
                for j in range(i, intro_end + 1):
                    scopes[j] = "quoted"
                i = intro_end + 1
                continue
            history = i
            break
        if vocabulary.FORWARD_SEPARATOR.match(line) or (_RULE.match(line) and _header_block(lines, _next_text(lines, i + 1))):
            history = i
            break
        # Header fields that open the draft are a memo's own, not a forward's.
        if i != top and _header_block(lines, i):
            history = _notes_lead(lines, i, first)
            break
        i += 1
    for j in range(history, n):
        scopes[j] = "quoted"

    # The sender's own lines, in paragraphs (a quoted line ends a paragraph).
    own = [j for j in range(first, history) if scopes[j] is None and lines.bare[j].strip()]
    paragraphs = _paragraphs(own, lines)

    # 3. Footer: trailing legal or list paragraphs; list lines anywhere.
    # The first paragraph is never a footer: a message is not all small print.
    body_paragraphs = list(paragraphs)
    while len(body_paragraphs) > 1 and _footer_sized(lines, body_paragraphs[-1]) and _FOOTER_TAIL.search(
        _joined(lines, body_paragraphs[-1])
    ):
        for j in body_paragraphs.pop():
            scopes[j] = "footer"
    follows_footer = False
    for para in list(body_paragraphs):
        text = _joined(lines, para)
        short = len(para) <= 3 and len(text) <= 200
        if len(body_paragraphs) > 1 and short and (_FOOTER_ANYWHERE.search(text) or (follows_footer and _URL_ONLY.match(text))):
            for j in para:
                scopes[j] = "footer"
            body_paragraphs.remove(para)
            # "To unsubscribe, click on:" and the link on the next line.
            follows_footer = text.rstrip().endswith(":")
        else:
            follows_footer = False
    # A footer after the quoted history (list software appends one). A
    # forwarded message's own footer stays in the forward: the sender did not
    # write it.
    forwarded = history < n and vocabulary.FORWARD_SEPARATOR.match(lines.bare[history]) is not None
    tail = [] if forwarded else [j for j in range(history, n) if lines.bare[j].strip() and not is_quote(j)]
    for para in reversed(_paragraphs(tail, lines)):
        if not _FOOTER_ANYWHERE.search(_joined(lines, para)):
            break
        for j in para:
            scopes[j] = "footer"

    # 4. Signature and sign-off, then 5. greeting, in the remaining lines.
    remaining = [j for para in body_paragraphs for j in para]
    greeting_line = remaining[0] if remaining else None
    # A newsletter may put a one-line title above its salutation.
    first_line = lines.bare[remaining[0]] if remaining else ""
    if len(body_paragraphs) > 1 and len(body_paragraphs[0]) == 1 and not (
        vocabulary.GREETING_LINE.match(first_line) or vocabulary.GREETING_LEAD.match(first_line)
    ):
        title = lines.bare[remaining[0]].strip()
        if len(title.split()) <= 8 and not title.endswith((".", "?", "!", ",")):
            greeting_line = body_paragraphs[1][0]
    bare = lines.bare[greeting_line] if greeting_line is not None else ""
    if greeting_line is not None and not (vocabulary.GREETING_LINE.match(bare) or vocabulary.GREETING_LEAD.match(bare)):
        greeting_line = None
    _mark_signature(lines, scopes, [j for j in remaining if j != greeting_line], body_paragraphs)
    for j in remaining:
        if scopes[j] is None:
            scopes[j] = "body"

    ranges: Ranges = []
    greeting_cut = None
    if greeting_line is not None:
        scopes[greeting_line] = "greeting"
        if not vocabulary.GREETING_LINE.match(lines.bare[greeting_line]):
            lead = vocabulary.GREETING_LEAD.match(lines.bare[greeting_line])
            assert lead is not None
            greeting_cut = (greeting_line, lines.starts[greeting_line] + lead.end())
    _fill_blank_lines(scopes, lines)
    for j, scope in enumerate(scopes):
        if scope == "header" or scope is None:
            continue
        start, end = lines.starts[j], lines.ends[j]
        if greeting_cut and greeting_cut[0] == j:
            _add(ranges, "greeting", start, greeting_cut[1])
            _add(ranges, "body", greeting_cut[1], end)
            continue
        _add(ranges, scope, start, end)
    return ranges, subject


def _pseudo_headers(lines: _Lines) -> tuple[int, str | None]:
    """A plain draft may open with ``Subject: ...`` (and To:/Cc: lines), or a
    title line then ``Subject:``. Returns the first line after them."""
    seen = 0
    for i in range(len(lines)):
        line = lines.bare[i]
        if not line.strip():
            if seen:  # a title line must sit right above the Subject: line
                break
            continue
        match = vocabulary.PLAIN_SUBJECT_LINE.match(line)
        if match:
            end = i + 1
            while end < len(lines) and vocabulary.PLAIN_HEADER_LINE.match(lines.bare[end]):
                end += 1
            return end, " ".join(match.group(1).split())
        if not vocabulary.PLAIN_HEADER_LINE.match(line):
            seen += 1
            if seen > 1:
                break
    return 0, None


def _next_text(lines: _Lines, i: int) -> int | None:
    """The first line from ``i`` with text on it."""
    while i < len(lines):
        if lines.bare[i].strip():
            return i
        i += 1
    return None


def _intro(lines: _Lines, i: int) -> int | None:
    """The last line of a reply intro starting at line ``i``, if one does."""
    line = lines.bare[i]
    if len(line) > 300:
        return None
    if vocabulary.REPLY_INTRO.match(line):
        return i
    if vocabulary.REPLY_INTRO_OPENING.match(line):
        joined = line
        for j in range(i + 1, min(i + 3, len(lines))):
            if not lines.bare[j].strip():
                return None
            joined = f"{joined.rstrip()} {lines.bare[j].strip()}"
            if vocabulary.REPLY_INTRO.match(joined):
                return j
    return None


def _header_block(lines: _Lines, i: int | None) -> bool:
    """Forwarded header fields start at line ``i``: two or more distinct
    fields within a few lines, of which one says whose message it was."""
    if i is None or not vocabulary.FORWARDED_HEADER_FIELD.match(lines.bare[i]):
        return False
    keys: set[str] = set()
    text_lines = 0
    details = False
    for j in range(i, min(i + 10, len(lines))):
        line = lines.bare[j]
        match = vocabulary.FORWARDED_HEADER_FIELD.match(line)
        if match:
            keys.add(vocabulary.header_key(match.group(1)))
            details |= bool(_NOTES_LEAD.search(line))
        elif line.strip():
            text_lines += 1
            if text_lines > 2:
                break
    if len(keys) < 2:
        return False
    # "From: 6pm / To: 8pm" in an event's details is not a forwarded message.
    return bool(keys & {"subject", "sent"}) or (details and bool(keys & {"from", "date"}))


def _notes_lead(lines: _Lines, i: int, first: int) -> int:
    """Back up over the name@org and date lines Lotus Notes puts above
    forwarded header fields."""
    start = i
    j = i - 1
    backed = 0
    while j >= first and backed < 4:
        line = lines.bare[j]
        if not line.strip():
            j -= 1
            continue
        if len(line) < 90 and _NOTES_LEAD.search(line) and not line.rstrip().endswith((".", "?", "!")):
            start = j
            backed += 1
            j -= 1
            continue
        break
    # The sender's name on the line just above the date ("\tAna Lopez").
    if start < i and start - 1 >= first and _NAME_ONLY.match(lines.bare[start - 1]):
        start -= 1
    return start


def _paragraphs(own: list[int], lines: _Lines) -> list[list[int]]:
    """Runs of consecutive line numbers."""
    paragraphs: list[list[int]] = []
    for j in own:
        if paragraphs and paragraphs[-1][-1] == j - 1:
            paragraphs[-1].append(j)
        else:
            paragraphs.append([j])
    return paragraphs


def _footer_sized(lines: _Lines, para: list[int]) -> bool:
    return len(para) <= 15 and sum(len(lines.bare[j]) for j in para) <= 1500


def _joined(lines: _Lines, para: list[int]) -> str:
    return "\n".join(lines.bare[j] for j in para)


def _mark_signature(lines: _Lines, scopes: list[str | None], candidates: list[int], paragraphs: list[list[int]]) -> None:
    if not candidates:
        return
    # A delimiter or a "Sent from my phone" line: the rest is signature, up
    # to quoted lines (an answer written below a quote is body again).
    for k, j in enumerate(candidates):
        line = lines.bare[j]
        if _SIG_DELIMITER.match(line) or vocabulary.SENT_FROM_DEVICE.match(line):
            for m in _until_quote(scopes, candidates[k:]):
                scopes[m] = "signature"
            candidates = candidates[:k]
            break
    # The last sign-off line, after some body, that leaves only a short tail.
    for k in range(len(candidates) - 1, 0, -1):
        line = lines.bare[candidates[k]]
        if vocabulary.SIGNOFF_LINE.match(line) or (_DASH_NAME.match(line) and len(candidates) - k <= 6):
            rest = _until_quote(scopes, candidates[k:])[1:]
            if _short_tail(lines, rest):
                scopes[candidates[k]] = "signature" if _DASH_NAME.match(line) else "signoff"
                for m in rest:
                    scopes[m] = "signature"
                return
            break
    # No sign-off: a trailing contact block (name, title, phone, address).
    left = set(candidates)
    own_paragraphs = [[j for j in para if j in left] for para in paragraphs]
    own_paragraphs = [p for p in own_paragraphs if p]
    if len(own_paragraphs) >= 2:
        last = own_paragraphs[-1]
        text = _joined(lines, last)
        if len(last) == 1 and _NAME_ONLY.match(text) and text.strip().lower() not in _NOT_NAMES:
            scopes[last[0]] = "signature"
            return
        if (
            len(last) <= 8
            and all(len(lines.bare[j].strip()) <= 60 for j in last)
            and _CONTACT.search(text)
            and not re.search(r"[.?!]\s*$", lines.bare[last[0]])
        ):
            for j in last:
                scopes[j] = "signature"


def _until_quote(scopes: list[str | None], run: list[int]) -> list[int]:
    """The lines of ``run`` before the first quoted line between two of them."""
    for k in range(1, len(run)):
        if any(scopes[m] == "quoted" for m in range(run[k - 1] + 1, run[k])):
            return run[:k]
    return run


def _short_tail(lines: _Lines, rest: list[int]) -> bool:
    """What follows a sign-off is a signature only if it is a few short lines."""
    if len(rest) > 8:
        return False
    return all(len(lines.bare[j].split()) <= 10 for j in rest)


def _fill_blank_lines(scopes: list[str | None], lines: _Lines) -> None:
    """A blank line joins the scope around it; between two scopes it goes
    with the one before, except that a greeting or quoted lines hand it on."""
    following: list[str | None] = [None] * len(scopes)
    nxt: str | None = None
    for j in range(len(scopes) - 1, -1, -1):
        following[j] = nxt
        if scopes[j] is not None:
            nxt = scopes[j]
    prev: str | None = None
    for j, scope in enumerate(scopes):
        if scope is not None:
            prev = scope
            continue
        after = following[j]
        if prev in (None, "header", "greeting"):
            scopes[j] = after if after not in (None, "header", "greeting") else "body"
        elif after is None or after == prev or prev != "quoted":
            scopes[j] = prev
        else:
            scopes[j] = after


def _add(ranges: Ranges, scope: str, start: int, end: int) -> None:
    if end <= start:
        return
    if ranges and ranges[-1][0] == scope and ranges[-1][2] == start:
        ranges[-1] = (scope, ranges[-1][1], end)
    else:
        ranges.append((scope, start, end))
