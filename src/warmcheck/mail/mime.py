"""RFC 822 / MIME -> body text, header facts and attachments.

The standard library's ``email`` package, modern policy, does the parsing.
The body is the text/plain part, else the HTML part as text; either way an
HTML part's link and image facts are kept. Parts are decoded from any
transfer encoding and charset; a charset that is unknown or wrong gives a
warning and a best reading, not an error. Attachments are listed, not read.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses
from typing import Any

from .. import vocabulary
from . import Attachment, Facts
from .slim import SIZE_HEADER


class MimeError(Exception):
    """A message with no text that can be read."""


@dataclass
class Parsed:
    text: str
    headers: dict[str, Any]
    facts: Facts = field(default_factory=Facts)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Quoted line numbers, when the text came from HTML (``<blockquote>``...).
    html_quoted: set[int] | None = None
    #: The values of the ``X-Warmcheck-Disable`` fields: rules the writer
    #: silenced for this message (``mail.suppress.from_header``).
    disabled: list[str] = field(default_factory=list)


#: The stand-ins mail programs write when the real readers are hidden:
#: "undisclosed-recipients:;", "Undisclosed.Recipients@host", "Undisclosed
#: Recipients <...>", sendmail's "unlisted-recipients:;", Apple Mail's
#: "Recipient list not shown:;".
_UNDISCLOSED = re.compile(
    r"\b(?:undisclosed|unlisted)[-._ ]?recipients?\b|\brecipient[-._ ]list[-._ ](?:not[-._ ]shown|suppressed)\b",
    re.IGNORECASE,
)
#: A message id as headers write it: ``<local@domain>``.
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")


#: MIME parts nested deeper than this are refused: no mail client writes them.
MAX_DEPTH = 100


def _header_block(data: bytes) -> bytes:
    """The bytes up to the blank line that ends the header."""
    ends = [i for i in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if i >= 0]
    return data[: min(ends)] if ends else data


def parse_bytes(data: bytes) -> EmailMessage:
    """Parse a message; never raises for bad structure (defects are recorded).
    A UTF-8 byte-order mark before the header is skipped. The header may not
    hold NUL bytes; the body may (a ``binary`` attachment; in a text part
    they are read as U+FFFD, with a warning)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if not data.strip():
        raise MimeError("empty: no text to check")
    if b"\x00" in _header_block(data):
        raise MimeError("binary data, not a mail message")
    head = data.lstrip()[:1000].split(b"\n", 1)[0]
    if not re.match(rb"^(?:From |[!-9;-~]+[ \t]*:)", head):
        raise MimeError("not an RFC 822 message: it does not start with header lines")
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except RecursionError:
        raise MimeError(f"MIME parts nested too deeply (more than {MAX_DEPTH} levels)") from None
    assert isinstance(msg, EmailMessage)
    if _depth(msg) > MAX_DEPTH:
        raise MimeError(f"MIME parts nested too deeply (more than {MAX_DEPTH} levels)")
    return msg


def _depth(msg: Message) -> int:
    """How deep the parts of a message are nested (walked without recursion)."""
    deepest = 0
    stack = [(msg, 1)]
    while stack:
        part, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((p, depth + 1) for p in payload if isinstance(p, Message))
    return deepest


def parse(msg: Message) -> Parsed:
    warnings: list[str] = []
    plain, html = _body_parts(msg)
    defects = _defects(msg)
    if plain is None and html is None:
        # What it holds as a reader sees it: a forwarded message is one thing, not its insides.
        found = ", ".join(sorted({p.content_type for p in _attachments(msg, set())})) or "nothing"
        if defects:
            raise MimeError(f"malformed MIME ({defects[0]}); no readable text part")
        raise MimeError(f"no text part to check (the message holds {found})")
    for defect in defects:
        warnings.append(f"malformed MIME: {defect}")

    facts = Facts()
    html_quoted: set[int] | None = None
    html_text = None
    if html is not None:
        from . import html as html_module

        source = _decode(html, warnings)
        try:
            converted = html_module.to_text(source)
        except html_module.TooDeep as exc:
            raise MimeError(str(exc)) from None
        facts = converted.facts
        html_text = converted
    if plain is not None:
        text = _decode(plain, warnings)
        # Links come from the HTML part where there is one, else from the text.
        facts = dataclasses.replace(facts if html is not None else Facts.of_text(text), body_format="plain")
    else:
        assert html_text is not None
        text = html_text.text
        html_quoted = html_text.quoted_lines
        facts = dataclasses.replace(facts, body_format="html")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        warnings.append("the message body has no text")

    return Parsed(
        text=text,
        headers=header_facts(msg),
        facts=facts,
        attachments=_attachments(msg, {id(plain), id(html)}),
        warnings=_unique(warnings),
        html_quoted=html_quoted,
        disabled=_values(msg, "x-warmcheck-disable"),
    )


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _defects(msg: Message) -> list[str]:
    """What the parser found wrong, in words."""
    out = []
    for part in msg.walk():
        for defect in getattr(part, "defects", []):
            doc = (type(defect).__doc__ or type(defect).__name__).strip().splitlines()[0].rstrip(".")
            out.append(doc[0].lower() + doc[1:] if doc else type(defect).__name__)
    return _unique(out)


def _body_parts(msg: Message) -> tuple[Message | None, Message | None]:
    """The text/plain and text/html parts that make the body."""
    if not isinstance(msg, EmailMessage):
        return None, None
    try:
        plain = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
    except Exception:  # get_body on a structure the parser could not make sense of
        plain = html = None
    if plain is None and html is None and not msg.is_multipart():
        maintype = msg.get_content_maintype()
        # A part without a Content-Type is text/plain by default; "text/*" of
        # any other subtype (enriched, x-...) is read as plain text.
        if maintype == "text":
            plain = msg
    if plain is not None and plain.is_attachment():
        plain = None
    return plain, html


def _decode(part: Message, warnings: list[str]) -> str:
    """A text part's content: transfer encoding undone, charset applied."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    assert isinstance(payload, bytes)
    text = _decode_payload(payload, part, warnings)
    if "\x00" in text:
        # Stray NULs happen in real mail: read around them, and say so.
        count = text.count("\x00")
        warnings.append(f"{count} NUL character{'s' if count != 1 else ''} in the text; read as \ufffd")
        text = text.replace("\x00", "\ufffd")
    return text


def _decode_payload(payload: bytes, part: Message, warnings: list[str]) -> str:
    charset = (part.get_content_charset() or "us-ascii").strip().strip("\"'")
    codec = _codec(charset)
    if codec is None:
        warnings.append(f"unknown charset {charset!r}; read as UTF-8, unreadable bytes replaced")
        return _lenient(payload)
    try:
        text = payload.decode(codec)
    except UnicodeError:  # UnicodeDecodeError, and the errors of codecs such as utf-7
        text = None
    if text is not None:
        if _mislabelled(codec, payload, text) or (not _readable(text) and _readable(_lenient(payload))):
            warnings.append(f"the text reads as nothing readable under its declared charset {charset!r}; read as UTF-8 instead")
            return _lenient(payload)
        return text
    if codec in ("ascii", "us-ascii"):
        # Mislabelled 8-bit text: UTF-8 if it is, else Windows-1252 (a
        # superset of Latin-1 that mail clients actually write).
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("cp1252", "replace")
    text = payload.decode(codec, "replace")
    bad = text.count("\ufffd")
    warnings.append(f"{bad} character{'s' if bad != 1 else ''} could not be decoded as {charset}; replaced with \ufffd")
    return text


#: Codecs that are not how anyone labels the text of a mail: their names are
#: read as unknown charsets (punycode and idna also take time that grows
#: faster than the text).
_NOT_CHARSETS = frozenset({"punycode", "idna", "raw_unicode_escape", "unicode_escape", "undefined", "mbcs", "oem"})


def _codec(charset: str) -> str | None:
    """The codec of a text encoding, or None: unknown, or a codec that is not
    a text encoding at all (``base64``, ``rot13``, ``zlib``...)."""
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


#: Charsets made to travel as 7-bit ASCII bytes: their ASCII reading is wrong.
_SEVEN_BIT = ("utf_7", "iso2022", "hz")
_PRINTABLE_ASCII = re.compile(rb"[\t\n\r\x20-\x7e]*")


def _mislabelled(codec: str, payload: bytes, text: str) -> bool:
    """A label that cannot be right: plain ASCII that its charset reads as
    something else (EBCDIC, UTF-16), or 8-bit text labelled UTF-16 or UTF-32
    (read so, it is CJK ideographs; real text in those encodings has NUL
    bytes, one in every space and line break, and this has none)."""
    codec = codec.replace("-", "_")  # codecs names some "utf-16", others "iso2022_jp"
    if codec.startswith(_SEVEN_BIT):
        return False
    if _PRINTABLE_ASCII.fullmatch(payload):
        return text != payload.decode("ascii")
    if not codec.startswith(("utf_16", "utf_32")) or b"\x00" in payload:
        return False
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _readable(text: str) -> bool:
    """Whether a decoded text is something a person could read: not mostly
    control, unassigned, private-use or replacement characters (its first
    20,000 characters are looked at)."""
    sample = text[:20_000]
    # Character by character only where a category must be looked up.
    odd = len(_ASCII_CONTROL.findall(sample))
    if not sample.isascii():
        odd += sum(1 for ch in _NOT_ASCII.findall(sample) if _odd(ch))
    return odd <= len(sample) * 0.3


#: ASCII control characters but tab, line feed, form feed and carriage return.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _odd(ch: str) -> bool:
    if ch in "\n\r\t\f":
        return False
    return unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") or ch == "\ufffd"


def _lenient(payload: bytes) -> str:
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("utf-8", "replace")


def _attachments(msg: Message, body_ids: set[int]) -> list[Attachment]:
    """Every part that is not the body: name, type, size. A forwarded message
    (message/rfc822) is one attachment, not opened."""
    out: list[Attachment] = []
    stack = [msg]
    while stack:
        part = stack.pop()
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            inner = part.get_payload()
            inner_msg = inner[0] if isinstance(inner, list) and inner else None
            subject = str(inner_msg.get("subject", "")) if isinstance(inner_msg, Message) else ""
            out.append(Attachment(part.get_filename() or subject or None, content_type, _size(part), _inline(part)))
            continue
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(p for p in reversed(payload) if isinstance(p, Message))
            continue
        if id(part) in body_ids:
            continue
        if content_type in ("text/plain", "text/html") and not part.get_filename() and part.get_content_disposition() != "attachment":
            continue  # an alternative text of the body, or a signature line part
        out.append(Attachment(_filename(part), content_type, _size(part), _inline(part)))
    return out


def _filename(part: Message) -> str | None:
    try:
        return part.get_filename()
    except Exception:
        return None


def _inline(part: Message) -> bool:
    try:
        return part.get_content_disposition() == "inline" or bool(part.get("content-id"))
    except Exception:
        return False


def _size(part: Message) -> int:
    omitted = part.get(SIZE_HEADER)
    if omitted is not None and str(omitted).strip().isdigit():
        return int(str(omitted).strip())  # a body left out of a message over max_bytes (slim)
    try:
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            return len(payload)
        from .sources import as_bytes

        return len(as_bytes(part))
    except Exception:
        return 0


# Header facts ---------------------------------------------------------------

# Header values are read from their raw text in one linear pass: the standard
# library's header parsers cost most of the time of reading a mail, and take
# time that grows faster than the header (a To of 40,000 addresses: over 30
# seconds).

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(?<=\?=)[ \t\r\n]+(?==\?)")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ADDRESS_TOKEN = re.compile(r'[^",()<>\\]+|\\.|.', re.DOTALL)


def _raw_values(msg: Message, name: str) -> list[str]:
    items = msg.raw_items() if hasattr(msg, "raw_items") else msg.items()
    return [_eight_bit(str(value)) for key, value in items if key.lower() == name.lower()]


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _eight_bit(value: str) -> str:
    """Raw 8-bit bytes in a header (unencoded "Réf : Atelier", which the
    parser keeps as escapes) read as UTF-8, else as Latin-1."""
    if not _ESCAPED_BYTE.search(value):
        return value
    data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded, folding undone; linear in the value."""
    import base64
    import binascii
    from email import quoprimime

    def word(match: re.Match[str]) -> str:
        charset, encoding, text = match.groups()
        try:
            if encoding in "Bb":
                data = base64.b64decode(text + "=" * (-len(text) % 4))
            else:
                data = quoprimime.header_decode(text).encode("latin-1")
        except (binascii.Error, ValueError, UnicodeError):
            return match.group(0)
        codec = _codec(charset.split("*", 1)[0]) or "utf-8"
        return data.decode(codec, "replace")

    value = _FOLD.sub("", value)
    return _ENCODED_WORD.sub(word, _BETWEEN_WORDS.sub("", value))


def _values(msg: Message, name: str) -> list[str]:
    """A header's values, decoded."""
    return [_decode_words(v) for v in _raw_values(msg, name)]


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    return [pair for value in _raw_values(msg, name) for pair in _split_addresses(value)]


def _split_addresses(value: str) -> list[tuple[str, str]]:
    """(name, address) of each address in a header value, read in one pass:
    commas inside quotes, comments and angle brackets do not split."""
    items: list[str] = []
    current: list[str] = []
    quoted = angle = False
    depth = 0
    for token in _ADDRESS_TOKEN.findall(value):
        if quoted:
            quoted = token != '"'
        elif token == '"':
            quoted = True
        elif token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif token == "<" and not depth:
            angle = True
        elif token == ">" and not depth:
            angle = False
        elif token == "," and not depth and not angle:
            items.append("".join(current))
            current = []
            continue
        current.append(token)
    items.append("".join(current))
    return [pair for item in items if "@" in item and (pair := _one_address(item))[1]]


def _one_address(item: str) -> tuple[str, str]:
    item = _decode_words(item).strip()
    if len(item) <= 1000:
        try:
            found = getaddresses([item])
            if found and found[0][1].strip():
                return found[0][0].strip(), found[0][1].strip()
        except Exception:
            pass
    bracket = re.search(r"<([^<>]*@[^<>]*)>", item)
    if bracket:
        return item[: bracket.start()].strip().strip('"'), bracket.group(1).strip()
    word = next((w for w in item.split() if "@" in w), "")
    return "", word.strip("<>(),;\"'")


def person_name(name: str, address: str) -> str | None:
    """A display name as a person would write it: "Lopez, Ana" -> "Ana Lopez"."""
    name = name.strip().strip("\"'").strip()
    if not name or "@" in name:
        return None
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(parts) and " " not in parts[0]:
        name = f"{parts[1]} {parts[0]}"
    return name


def header_facts(msg: Message) -> dict[str, Any]:
    """What the headers say about who the mail is from and for."""
    to, cc, bcc = (_addresses(msg, h) for h in ("to", "cc", "bcc"))
    senders = _addresses(msg, "from")
    subject_values = _values(msg, "subject")
    subject = re.sub(r"\s+", " ", subject_values[0]).strip() if subject_values else None
    recipients_raw = " ".join(_values(msg, "to") + _values(msg, "cc"))
    precedence = (_values(msg, "precedence") or [""])[0].strip().lower() or None
    list_id = (_values(msg, "list-id") or [""])[0].strip() or None
    reader = to[0] if to else (cc[0] if cc else None)
    sender = senders[0] if senders else None
    sender_domain = sender[1].rsplit("@", 1)[1].lower().strip(">") if sender and "@" in sender[1] else None
    reply_subject, forward_subject = vocabulary.subject_marks(subject)
    threaded = bool(_values(msg, "in-reply-to") or _values(msg, "references"))
    return {
        "subject": subject,
        "to": len(to),
        "cc": len(cc),
        "bcc": len(bcc),
        "undisclosed": bool(_UNDISCLOSED.search(recipients_raw)),
        "reader_name": person_name(*reader) if reader else None,
        "reader_address": reader[1] if reader else None,
        "sender_name": person_name(*sender) if sender else None,
        "sender_address": sender[1] if sender else None,
        "sender_domain": sender_domain,
        "is_reply": threaded or reply_subject,
        "unthreaded_reply": reply_subject and not (threaded or _values(msg, "thread-index")),
        "is_forward": forward_subject,
        "list_unsubscribe": bool(_values(msg, "list-unsubscribe")),
        "precedence": precedence,
        "list_id": list_id,
        "message_id": next(iter(_message_ids(msg, "message-id")), None),
        "references": _message_ids(msg, "in-reply-to", "references"),
    }


def _message_ids(msg: Message, *names: str) -> tuple[str, ...]:
    """The message ids the headers ``names`` hold, in order, each once."""
    found = (i for name in names for value in _values(msg, name) for i in _MESSAGE_ID.findall(value))
    return tuple(dict.fromkeys(found))


def newsletter_signals(headers: Any, facts: Facts) -> list[str]:
    """Why a message looks like a newsletter or list mail, if it does."""
    from .html import newsletter_signals as html_signals

    signals = []
    if headers.list_unsubscribe:
        signals.append("a List-Unsubscribe header")
    if headers.precedence in ("bulk", "list", "junk"):
        signals.append(f"Precedence: {headers.precedence}")
    if headers.list_id:
        signals.append("a List-Id header")
    return signals + html_signals(facts)
