"""The follow-up ledger: a private memory of what was sent, to whom, and
whether they answered, so that a check can tell a first note from the
fourth unanswered chaser, or a personal note from the 200th copy of one text
sent one by one.

    location.py   where the ledger is (SQLite file, PostgreSQL URL, or off)
    backends.py   the two back ends behind one small interface
    store.py      the ledger: keyed hashes in, facts out; show, forget
    signature.py  MinHash signatures of a text (shared with campaign sameness)
    records.py    mail -> records; ``warmcheck ledger import`` of a maildir or mbox
    facts.py      what the ledger knows of a draft, for the FU rules

The send hooks record each mail after it was handed on
(:func:`record_message`); the Linter reads the ledger for every draft
(:class:`LedgerReader`). Nothing readable is stored: see :mod:`.store`.

Light at import: numpy is loaded when a text is first signed, psycopg
when a PostgreSQL ledger is opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from email.message import Message

from ..message import Draft
from .backends import LedgerError, NoLedger
from .facts import LedgerReader, report_extra
from .location import ENV, Location, default_path, locate
from .store import AddressFacts, Ledger, ReceivedMail, SentMail, Summary, open_ledger


def record_message(
    location: Location,
    data: bytes | Message,
    *,
    draft: Draft | None = None,
    recipients: Iterable[str] = (),
    at: float | None = None,
) -> bool:
    """Record one mail that was handed on, making the ledger if it is not
    there. Returns False when it has no recipient to record (nothing is
    written). Raises :class:`LedgerError` when the ledger cannot be written:
    the caller (a hook) warns and goes on."""
    from . import signature as signatures
    from .records import sent_mail

    sent = sent_mail(data, signatures.Signer(), draft=draft, recipients=recipients, at=at)
    if not sent.recipients:
        return False
    with open_ledger(location, create=True) as ledger:
        ledger.record_sent(sent)
    return True


__all__ = [
    "ENV",
    "AddressFacts",
    "Ledger",
    "LedgerError",
    "LedgerReader",
    "Location",
    "NoLedger",
    "ReceivedMail",
    "SentMail",
    "Summary",
    "default_path",
    "locate",
    "open_ledger",
    "record_message",
    "report_extra",
]
