"""RFC 822 / MIME -> body text, header facts and attachments.

The standard library's ``email`` package, modern policy, does the parsing.
The body is the text/plain part, else the HTML part as text; either way an
HTML part's link and image facts are kept. Parts are decoded from any
transfer encoding and charset; a charset that is unknown or wrong gives a
warning and a best reading, not an error. Attachments are listed, not read.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses
from typing import Any

from .. import vocabulary
from . import Attachment, Facts


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


_UNDISCLOSED = re.compile(r"undisclosed[- _]recipients?|recipient list (?:not shown|suppressed)", re.IGNORECASE)
#: A message id as headers write it: ``<local@domain>``.
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")


def parse_bytes(data: bytes) -> EmailMessage:
    """Parse a message; never raises for bad structure (defects are recorded)."""
    if b"\x00" in data[:8192]:
        raise MimeError("binary data, not a mail message")
    if not data.strip():
        raise MimeError("empty: no text to check")
    head = data.lstrip()[:1000].split(b"\n", 1)[0]
    if not re.match(rb"^(?:From |[!-9;-~]+[ \t]*:)", head):
        raise MimeError("not an RFC 822 message: it does not start with header lines")
    msg = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(msg, EmailMessage)
    return msg


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
        converted = html_module.to_text(source)
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
    charset = (part.get_content_charset() or "us-ascii").strip().strip("\"'")
    try:
        codec = _codec(charset)
    except LookupError:
        warnings.append(f"unknown charset {charset!r}; read as UTF-8, unreadable bytes replaced")
        return _lenient(payload)
    try:
        return payload.decode(codec)
    except UnicodeDecodeError:
        pass
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


def _codec(charset: str) -> str:
    import codecs

    return codecs.lookup(charset).name


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
    try:
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            return len(payload)
        from .sources import as_bytes

        return len(as_bytes(part))
    except Exception:
        return 0


# Header facts ---------------------------------------------------------------


def _values(msg: Message, name: str) -> list[str]:
    """A header's values, decoded; raw when the modern parser chokes on them."""
    try:
        return [str(v) for v in msg.get_all(name, [])]
    except Exception:
        from email.header import decode_header, make_header

        out = []
        for key, value in msg.raw_items() if hasattr(msg, "raw_items") else msg.items():
            if key.lower() == name.lower():
                try:
                    out.append(str(make_header(decode_header(str(value)))))
                except Exception:
                    out.append(str(value))
        return out


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    values = _values(msg, name)
    try:
        pairs = getaddresses(values)
    except Exception:
        return []
    return [(n.strip(), a.strip()) for n, a in pairs if a.strip()]


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
        "is_reply": bool(_values(msg, "in-reply-to") or _values(msg, "references")) or reply_subject,
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
