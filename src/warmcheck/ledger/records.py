"""Mail as the ledger is told of it: a message that was handed on becomes a
:class:`~.store.SentMail`, a received one a :class:`~.store.ReceivedMail`,
and ``warmcheck ledger import`` reads a maildir or an mbox of either.

Only headers and the words of the body are read, to be hashed and signed
at once; nothing read here is kept.
"""

from __future__ import annotations

import hashlib
import mailbox
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from .. import message as messages
from ..message import Draft, InputError
from . import signature as signatures
from .backends import LedgerError
from .store import Ledger, ReceivedMail, SentMail

_RECIPIENT_HEADERS = ("to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc")


def _headers(data: bytes | Message) -> Message:
    return data if isinstance(data, Message) else BytesHeaderParser(policy=compat32).parsebytes(data)


def _values(msg: Message, name: str) -> list[str]:
    try:
        return [str(v) for v in msg.get_all(name, [])]
    except Exception:  # a header the parser cannot decode: leave it out
        return []


def addresses(msg: Message, *names: str) -> list[str]:
    """The addresses the headers ``names`` hold, each once, in order."""
    try:
        pairs = getaddresses([v for name in names for v in _values(msg, name)])
    except Exception:
        return []
    return list(dict.fromkeys(a.strip() for _, a in pairs if "@" in a))


def _message_ids(msg: Message, *names: str) -> tuple[str, ...]:
    import re

    found = (i for name in names for v in _values(msg, name) for i in re.findall(r"<([^<>\s]+)>", v))
    return tuple(dict.fromkeys(found))


def _date(msg: Message) -> float | None:
    value = (_values(msg, "date") or [""])[0]
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # no zone: read as UTC
        from datetime import UTC

        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def reading_words(draft: Draft) -> list[str]:
    """The words a draft's signature is made of: its body (what the writer
    wrote now, without greeting, signature or quoted history; the whole
    text when there is no body), with the reader's name set aside so that
    the same text to Ana and to Bo reads the same."""
    text = draft.scope_text("body") or draft.scope_text("all")
    name = draft.headers.reader_name or ""
    swaps = [name, *name.split()] if name else []
    return signatures.words(text, swaps)


def sent_mail(
    data: bytes | Message,
    signer: signatures.Signer | None,
    *,
    draft: Draft | None = None,
    recipients: Iterable[str] = (),
    at: float | None = None,
) -> SentMail:
    """What the ledger records of a mail handed on: its recipients (To, Cc,
    Bcc and ``recipients`` given beside it, as a sendmail command line
    names them), its ids, and the signature of its words (``draft``, or the
    message read now)."""
    msg = _headers(data)
    if draft is None and signer is not None:
        try:
            draft = messages.read(data) if isinstance(data, Message) else messages.from_bytes(data, "<message>", "email")
        except InputError:
            draft = None  # no readable text: recorded without a signature
    text_words = reading_words(draft) if draft is not None else []
    return SentMail(
        recipients=tuple(dict.fromkeys([*addresses(msg, *_RECIPIENT_HEADERS), *recipients])),
        at=time.time() if at is None else at,
        message_id=next(iter(_message_ids(msg, "message-id")), None),
        references=_message_ids(msg, "in-reply-to", "references"),
        signature=signer.signature(text_words) if signer is not None else None,
    )


def received_mail(data: bytes | Message, fallback_at: float | None = None) -> ReceivedMail | None:
    """What the ledger records of a received mail, or None when it names no
    sender or no date."""
    msg = _headers(data)
    senders = addresses(msg, "from") or addresses(msg, "sender")
    at = _date(msg) or fallback_at
    if not senders or at is None:
        return None
    ids = _message_ids(msg, "message-id")
    if ids:
        message_id = ids[0]
    else:  # no Message-ID: the same mail imported twice still counts once
        basis = "\n".join(_values(msg, h)[0] if _values(msg, h) else "" for h in ("from", "date", "subject"))
        message_id = "no-id:" + hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()
    return ReceivedMail(senders[0], at, message_id, _message_ids(msg, "in-reply-to", "references"))


# ledger import --------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What ``ledger import`` did: mails recorded, already known, and left
    out (no sender or date, or not readable)."""

    new: int = 0
    known: int = 0
    skipped: int = 0


def open_mailbox(path: Path) -> mailbox.Mailbox:
    """A maildir (a folder with ``cur`` and ``new``) or an mbox file; a
    :class:`LedgerError` for anything else."""
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            return mailbox.Maildir(path, factory=None, create=False)
        raise LedgerError(f"{path}: not a maildir (it has no cur/ and new/ folders)")
    if not path.exists():
        raise LedgerError(f"{path}: no such file or folder")
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).lstrip(b"\r\n")
    except OSError as exc:
        raise LedgerError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not head.startswith(b"From "):
        raise LedgerError(f"{path}: not an mbox (it does not start with a 'From ' line)")
    return mailbox.mbox(path, factory=None, create=False)


def _messages(box: mailbox.Mailbox) -> Iterator[tuple[bytes | None, float | None]]:
    """Each message's bytes (None when it cannot be read) and, for a
    maildir message with no usable Date header, when it was delivered."""
    for key in box.iterkeys():
        try:
            data = box.get_bytes(key)
        except (OSError, KeyError, ValueError):
            yield None, None
            continue
        delivered = None
        if isinstance(box, mailbox.Maildir) and _date(_headers(data)) is None:
            try:  # a maildir message knows when it was delivered (its file's time)
                delivered = box.get_message(key).get_date()
            except (OSError, KeyError, ValueError):
                delivered = None
        yield data, delivered


def import_mailbox(ledger: Ledger, path: Path, *, sent: bool = False, batch: int = 500) -> Imported:
    """Record every mail of a maildir or mbox: as received mail (sender,
    date, ids), or with ``sent`` as mail that was sent (a Sent folder of a
    client that no hook watches). Importing twice records nothing twice."""
    box = open_mailbox(path)
    new = known = skipped = 0
    signer = signatures.Signer() if sent else None
    pending: list[ReceivedMail] = []

    def flush() -> None:
        nonlocal new, known
        added, had = ledger.record_received(pending)
        new, known = new + added, known + had
        pending.clear()

    try:
        for data, delivered in _messages(box):
            if data is None:
                skipped += 1
                continue
            if sent:
                msg = _headers(data)
                at = _date(msg) or delivered
                if at is None:
                    skipped += 1
                    continue
                record = sent_mail(data, signer, at=at)
                if not record.recipients:
                    skipped += 1
                elif ledger.record_sent(record):
                    new += 1
                else:
                    known += 1
                continue
            received = received_mail(data, delivered)
            if received is None:
                skipped += 1
                continue
            pending.append(received)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
    finally:
        box.close()
    return Imported(new, known, skipped)
