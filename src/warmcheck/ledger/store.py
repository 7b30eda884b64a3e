"""The ledger: what was sent to whom, and what came back, with nothing
readable kept.

Every address and message id is stored as a keyed hash (HMAC-SHA-256, cut
to 128 bits) with a random key made when the ledger is created and kept in
it; a text is stored as its MinHash signature (:mod:`.signature`) and the
LSH buckets that index it. Times are whole seconds since 1970 (UTC). No
address, name, subject or word of a message is stored: ``show`` and
``forget`` take the address a person types and hash it the same way.

Tables (the same on SQLite and PostgreSQL):

- ``meta``: the key, the schema version, the signature scheme, when made;
- ``sent`` (when, message-id key, signature), ``sent_to`` (reader keys),
  ``sent_refs`` (keys of the ids it answers), ``sent_bands`` (LSH buckets);
- ``received`` (when, sender key, message-id key), ``received_refs``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from . import signature as signatures
from .backends import Connection, Cursor, LedgerError, NoLedger, connect, marks
from .location import Location

SCHEMA_VERSION = "1"
#: How many ids go in one ``IN (...)``.
_CHUNK = 500


@dataclass(frozen=True)
class SentMail:
    """One mail that was handed on, as the ledger is told of it (nothing
    here is stored as it is)."""

    recipients: tuple[str, ...]
    at: float
    message_id: str | None = None
    #: The ids it answers (In-Reply-To, References).
    references: tuple[str, ...] = ()
    #: Its text's signature (:meth:`.signature.Signer.signature`), if it has words.
    signature: bytes | None = None


@dataclass(frozen=True)
class ReceivedMail:
    sender: str
    at: float
    #: Its Message-ID, or a stand-in made from its headers when it has none.
    message_id: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    """What the ledger knows, in numbers: safe to show in any report."""

    sent: int
    received: int
    #: The oldest record, or when the ledger was made if that is older (UTC).
    since: datetime | None

    def to_dict(self) -> dict[str, object]:
        return {"sent": self.sent, "received": self.received, "since": self.since.date().isoformat() if self.since else None}


@dataclass(frozen=True)
class AddressFacts:
    """What the ledger holds for one address (``warmcheck ledger show``)."""

    sent: int = 0
    first_sent: datetime | None = None
    last_sent: datetime | None = None
    received: int = 0
    first_received: datetime | None = None
    last_received: datetime | None = None


@dataclass(frozen=True)
class Earlier:
    """An earlier mail to a reader."""

    at: int
    message_key: bytes | None
    signature: bytes | None
    #: It answered a mail received (its In-Reply-To or References name one).
    answers: bool = False


@dataclass(frozen=True)
class Similar:
    """An earlier mail whose text is like the one in hand."""

    at: int
    similarity: float
    readers: tuple[bytes, ...] = field(default_factory=tuple)


def _when(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(int(seconds), UTC)


def _chunks(items: list[bytes] | list[int]) -> Iterable[list[bytes] | list[int]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def normal_address(address: str) -> str:
    """An address as the ledger keys it: no angle brackets or spaces, lower case."""
    return address.strip().strip("<>").strip().lower()


class Ledger:
    """An open ledger. Use :func:`open_ledger`; close it when done (it is a
    context manager)."""

    def __init__(self, conn: Connection, key: bytes, created: int | None) -> None:
        self.conn = conn
        self.location = conn.location
        self._key = key
        self._created = created

    # Keys ---------------------------------------------------------------------
    def key(self, kind: str, value: str) -> bytes:
        """The keyed hash the ledger stores for an address (``kind``
        ``address``) or a message id (``message``)."""
        text = normal_address(value) if kind == "address" else value.strip().strip("<>").strip()
        return hmac.new(self._key, f"{kind}:{text}".encode(), hashlib.sha256).digest()[:16]

    # Writing ------------------------------------------------------------------
    def record_sent(self, mail: SentMail) -> bool:
        """Record a mail that was handed on; False when the ledger already
        had it (the same Message-ID) and only its recipients were added."""
        readers = sorted({self.key("address", r) for r in mail.recipients if normal_address(r)})
        message_key = self.key("message", mail.message_id) if mail.message_id else None
        refs = sorted({self.key("message", r) for r in mail.references})
        with self.conn.write() as cur:
            sent_id = None
            if message_key is not None:
                row = cur.execute("SELECT id FROM sent WHERE message_key = ?", (message_key,)).one()
                sent_id = row[0] if row else None
            new = sent_id is None
            if new:
                sent_id = cur.execute(
                    "INSERT INTO sent (at, message_key, signature) VALUES (?, ?, ?) RETURNING id",
                    (int(mail.at), message_key, mail.signature),
                ).one()[0]
                cur.executemany("INSERT INTO sent_refs (sent_id, ref_key) VALUES (?, ?)", [(sent_id, r) for r in refs])
                if mail.signature:
                    buckets = sorted(set(signatures.bands(mail.signature)))
                    cur.executemany("INSERT INTO sent_bands (bucket, sent_id) VALUES (?, ?)", [(b, sent_id) for b in buckets])
            cur.executemany(
                "INSERT INTO sent_to (reader_key, sent_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(r, sent_id) for r in readers],
            )
        return new

    def record_received(self, mails: Iterable[ReceivedMail]) -> tuple[int, int]:
        """Record received mail; (new, already known)."""
        new = known = 0
        with self.conn.write() as cur:
            for mail in mails:
                row = cur.execute(
                    "INSERT INTO received (at, sender_key, message_key) VALUES (?, ?, ?) "
                    "ON CONFLICT (message_key) DO NOTHING RETURNING id",
                    (int(mail.at), self.key("address", mail.sender), self.key("message", mail.message_id)),
                ).one()
                if row is None:
                    known += 1
                    continue
                new += 1
                refs = sorted({self.key("message", r) for r in mail.references})
                cur.executemany("INSERT INTO received_refs (ref_key, received_id) VALUES (?, ?)", [(r, row[0]) for r in refs])
        return new, known

    def forget(self, address: str) -> tuple[int, int]:
        """Delete what the ledger holds for ``address``: it as a reader of
        sent mail (a mail sent to no one else goes whole) and the mail
        received from it. Returns (sent, received) records removed."""
        reader = self.key("address", address)
        with self.conn.write() as cur:
            ids = [r[0] for r in cur.execute("SELECT sent_id FROM sent_to WHERE reader_key = ?", (reader,)).all()]
            cur.execute("DELETE FROM sent_to WHERE reader_key = ?", (reader,))
            for chunk in _chunks(ids):
                cur.execute(
                    f"DELETE FROM sent WHERE id IN ({marks(len(chunk))}) "
                    "AND NOT EXISTS (SELECT 1 FROM sent_to t WHERE t.sent_id = sent.id)",
                    chunk,
                )
            received = cur.execute("SELECT COUNT(*) FROM received WHERE sender_key = ?", (reader,)).one()[0]
            cur.execute("DELETE FROM received WHERE sender_key = ?", (reader,))
        self.conn.after_forget()
        return len(ids), int(received)

    def forget_all(self) -> None:
        """Delete every record, and make a new key: nothing left can be tied
        to an address again."""
        with self.conn.write() as cur:
            for table in ("received_refs", "received", "sent_bands", "sent_refs", "sent_to", "sent"):
                cur.execute(f"DELETE FROM {table}")
            self._key = secrets.token_bytes(32)
            cur.execute("UPDATE meta SET value = ? WHERE name = 'key'", (self._key.hex(),))
            self._created = int(time.time())
            cur.execute("UPDATE meta SET value = ? WHERE name = 'created'", (str(self._created),))
        self.conn.after_forget()

    # Reading ------------------------------------------------------------------
    def summary(self) -> Summary:
        with self.conn.read() as cur:
            # The key again: ``forget --all`` from another process makes a new one.
            row = cur.execute("SELECT value FROM meta WHERE name = 'key'").one()
            if row:
                self._key = bytes.fromhex(row[0])
            sent, first_sent = cur.execute("SELECT COUNT(*), MIN(at) FROM sent").one()
            received, first_received = cur.execute("SELECT COUNT(*), MIN(at) FROM received").one()
        starts = [int(t) for t in (first_sent, first_received, self._created) if t is not None]
        return Summary(int(sent), int(received), _when(min(starts)) if starts else None)

    def about(self, address: str) -> AddressFacts:
        reader = self.key("address", address)
        with self.conn.read() as cur:
            sent, first, last = cur.execute(
                "SELECT COUNT(*), MIN(s.at), MAX(s.at) FROM sent s JOIN sent_to t ON t.sent_id = s.id "
                "WHERE t.reader_key = ?",
                (reader,),
            ).one()
            received, first_r, last_r = cur.execute(
                "SELECT COUNT(*), MIN(at), MAX(at) FROM received WHERE sender_key = ?", (reader,)
            ).one()
        return AddressFacts(int(sent), _when(first), _when(last), int(received), _when(first_r), _when(last_r))

    def earlier_to(self, cur: Cursor, reader: bytes, limit: int) -> list[Earlier]:
        """The latest mails sent to ``reader``, newest first."""
        rows = cur.execute(
            "SELECT s.id, s.at, s.message_key, s.signature FROM sent s JOIN sent_to t ON t.sent_id = s.id "
            "WHERE t.reader_key = ? ORDER BY s.at DESC, s.id DESC LIMIT ?",
            (reader, limit),
        ).all()
        ids = [r[0] for r in rows]
        answering: set[int] = set()
        for chunk in _chunks(ids):
            answering.update(
                r[0]
                for r in cur.execute(
                    f"SELECT DISTINCT r.sent_id FROM sent_refs r JOIN received v ON v.message_key = r.ref_key "
                    f"WHERE r.sent_id IN ({marks(len(chunk))})",
                    chunk,
                ).all()
            )
        return [Earlier(int(r[1]), _bytes(r[2]), _bytes(r[3]), r[0] in answering) for r in rows]

    def replies_from(self, cur: Cursor, reader: bytes, answered: list[bytes], limit: int) -> list[int]:
        """When mail came back: from ``reader``, or (from any address)
        naming one of the ``answered`` message keys. Newest first."""
        times = {int(r[0]) for r in cur.execute(
            "SELECT at FROM received WHERE sender_key = ? ORDER BY at DESC LIMIT ?", (reader, limit)
        ).all()}  # fmt: skip
        for chunk in _chunks(answered):
            times.update(
                int(r[0])
                for r in cur.execute(
                    f"SELECT v.at FROM received v JOIN received_refs x ON x.received_id = v.id "
                    f"WHERE x.ref_key IN ({marks(len(chunk))})",
                    chunk,
                ).all()
            )
        return sorted(times, reverse=True)

    def answers_received(self, cur: Cursor, refs: list[bytes]) -> bool:
        """Whether one of ``refs`` (message keys) is a mail received."""
        for chunk in _chunks(refs):
            if cur.execute(f"SELECT 1 FROM received WHERE message_key IN ({marks(len(chunk))}) LIMIT 1", chunk).one():
                return True
        return False

    def similar(
        self, cur: Cursor, signature: bytes, since: int, floor: float, limit: int, exclude: bytes | None = None
    ) -> list[Similar]:
        """The latest mails since ``since`` whose text is at least ``floor``
        alike (found through the LSH buckets), with their readers' keys;
        ``exclude`` is a message key left out (the draft itself)."""
        buckets = sorted(set(signatures.bands(signature)))
        rows = cur.execute(
            f"SELECT s.id, s.at, s.signature, s.message_key FROM sent s WHERE s.at >= ? AND s.id IN "
            f"(SELECT sent_id FROM sent_bands WHERE bucket IN ({marks(len(buckets))})) "
            "ORDER BY s.at DESC, s.id DESC LIMIT ?",
            (since, *buckets, limit),
        ).all()
        kept: dict[int, tuple[int, float]] = {}
        for sent_id, at, other, message_key in rows:
            if exclude is not None and _bytes(message_key) == exclude:
                continue
            score = signatures.similarity(signature, _bytes(other))
            if score is not None and score >= floor:
                kept[sent_id] = (int(at), score)
        readers: dict[int, list[bytes]] = {i: [] for i in kept}
        ids = list(kept)
        for chunk in _chunks(ids):
            for sent_id, reader in cur.execute(
                f"SELECT sent_id, reader_key FROM sent_to WHERE sent_id IN ({marks(len(chunk))})", chunk
            ).all():
                readers[sent_id].append(bytes(reader))
        return [Similar(at, score, tuple(sorted(readers[i]))) for i, (at, score) in kept.items()]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _bytes(value: object) -> bytes | None:
    return None if value is None else bytes(value)  # type: ignore[call-overload]


def _meta(conn: Connection) -> dict[str, str] | None:
    """The ledger's meta table, or None when there is none."""
    try:
        with conn.read() as cur:
            return dict(cur.execute("SELECT name, value FROM meta").all())
    except LedgerError as exc:
        if "no such table" not in str(exc) and "does not exist" not in str(exc):
            raise
        return None


def open_ledger(location: Location, *, create: bool = False, writable: bool | None = None) -> Ledger:
    """Open the ledger at ``location``. With ``create`` it is made when it
    is not there (a random key, the tables); without it, a missing ledger
    is :class:`NoLedger`. ``writable`` defaults to ``create``."""
    conn = connect(location, create=create, writable=create if writable is None else writable)
    try:
        meta = _meta(conn)
        if create and (meta is None or "key" not in meta):
            conn.create_schema()
            with conn.write() as cur:
                for name, value in (
                    ("key", secrets.token_bytes(32).hex()),
                    ("schema", SCHEMA_VERSION),
                    ("signature", signatures.SCHEME),
                    ("created", str(int(time.time()))),
                ):
                    # Two first writers at once: the first key stays, both use it.
                    cur.execute("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (name, value))
            meta = _meta(conn)
        if meta is None:
            raise LedgerError(f"ledger {location.shown}: not a warmcheck ledger (it has no meta table)")
        if "key" not in meta:
            raise LedgerError(f"ledger {location.shown}: not a warmcheck ledger (it has no key)")
        if meta.get("schema") != SCHEMA_VERSION:
            raise LedgerError(f"ledger {location.shown}: made by another version of warmcheck (schema {meta.get('schema')!r})")
        created = int(meta["created"]) if meta.get("created", "").isdigit() else None
        return Ledger(conn, bytes.fromhex(meta["key"]), created)
    except BaseException:
        conn.close()
        raise


__all__ = [
    "AddressFacts",
    "Earlier",
    "Ledger",
    "LedgerError",
    "NoLedger",
    "ReceivedMail",
    "SentMail",
    "Similar",
    "Summary",
    "normal_address",
    "open_ledger",
]
