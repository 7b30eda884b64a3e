"""The two places a ledger can live, behind one small interface: a SQLite
file (standard library, WAL mode) and a PostgreSQL database (psycopg 3,
imported only for a ``postgresql://`` ledger).

SQL is written once, with ``?`` placeholders; the PostgreSQL connection
turns them into ``%s``. Every error of either driver leaves this module as a
:class:`LedgerError` that names the ledger (never a password) and the problem.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..core import WarmcheckError
from .location import Location

#: Seconds a writer waits for another writer (four hooks at once) before it gives up.
WRITE_WAIT = 5.0
#: Seconds a check waits to read: a check never waits long for its ledger.
READ_WAIT = 2.0
#: Seconds to reach a PostgreSQL server: to record, and (shorter: a check
#: inside a hook's deadline) to read. libpq waits at least 2.
CONNECT_WAIT = 5
READ_CONNECT_WAIT = 2


class LedgerError(WarmcheckError):
    """A ledger that cannot be opened, read or written; the message names it."""


class NoLedger(LedgerError):
    """There is no ledger at that place yet (nothing was ever recorded)."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sent (
    id {id}, at BIGINT NOT NULL, message_key {blob} UNIQUE, signature {blob});
CREATE INDEX IF NOT EXISTS sent_at ON sent (at);
CREATE TABLE IF NOT EXISTS sent_to (
    reader_key {blob} NOT NULL, sent_id BIGINT NOT NULL REFERENCES sent (id) ON DELETE CASCADE,
    PRIMARY KEY (reader_key, sent_id));
CREATE INDEX IF NOT EXISTS sent_to_sent ON sent_to (sent_id);
CREATE TABLE IF NOT EXISTS sent_refs (
    sent_id BIGINT NOT NULL REFERENCES sent (id) ON DELETE CASCADE, ref_key {blob} NOT NULL,
    PRIMARY KEY (sent_id, ref_key));
CREATE TABLE IF NOT EXISTS sent_bands (
    bucket BIGINT NOT NULL, sent_id BIGINT NOT NULL REFERENCES sent (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, sent_id));
CREATE INDEX IF NOT EXISTS sent_bands_sent ON sent_bands (sent_id);
CREATE TABLE IF NOT EXISTS received (
    id {id}, at BIGINT NOT NULL, sender_key {blob} NOT NULL, message_key {blob} NOT NULL UNIQUE);
CREATE INDEX IF NOT EXISTS received_sender ON received (sender_key, at);
CREATE TABLE IF NOT EXISTS received_refs (
    ref_key {blob} NOT NULL, received_id BIGINT NOT NULL REFERENCES received (id) ON DELETE CASCADE,
    PRIMARY KEY (ref_key, received_id));
CREATE INDEX IF NOT EXISTS received_refs_received ON received_refs (received_id);
"""
TABLES = ("received_refs", "received", "sent_bands", "sent_refs", "sent_to", "sent")


class Connection:
    """One connection to a ledger, of either kind. ``read()`` and ``write()``
    give a cursor inside a transaction; a lock makes the connection safe to
    share between threads (a language server checks in more than one)."""

    kind: str

    def __init__(self, location: Location) -> None:
        self.location = location
        self._lock = threading.RLock()

    def problem(self, exc: BaseException) -> LedgerError:
        text = " ".join(str(exc).split()) or type(exc).__name__
        return LedgerError(f"ledger {self.location.shown}: {text}")

    @contextlib.contextmanager
    def guarded(self) -> Iterator[None]:
        """Driver and system errors as :class:`LedgerError`."""
        try:
            yield
        except LedgerError:
            raise
        except (sqlite3.Error, OSError, ValueError) as exc:
            raise self.problem(exc) from None
        except Exception as exc:
            if _is_psycopg_error(exc):
                raise self.problem(exc) from None
            raise

    def read(self) -> contextlib.AbstractContextManager[Cursor]:
        raise NotImplementedError

    def write(self) -> contextlib.AbstractContextManager[Cursor]:
        raise NotImplementedError

    def create_schema(self) -> None:
        raise NotImplementedError

    def after_forget(self) -> None:
        """Make deleted rows unreadable where the back end allows it."""

    def close(self) -> None:
        raise NotImplementedError


def _is_psycopg_error(exc: BaseException) -> bool:
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(exc, psycopg.Error)


class Cursor:
    """A cursor that takes ``?`` placeholders on either back end."""

    def __init__(self, raw: Any, marker: str) -> None:
        self.raw = raw
        self.marker = marker

    def _sql(self, sql: str) -> str:
        return sql if self.marker == "?" else sql.replace("?", self.marker)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        self.raw.execute(self._sql(sql), tuple(params))
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.raw.executemany(self._sql(sql), [tuple(r) for r in rows])

    def one(self) -> Any:
        return self.raw.fetchone()

    def all(self) -> list[Any]:
        return list(self.raw.fetchall())


def marks(count: int) -> str:
    """``?, ?, ?`` for an ``IN (...)`` of ``count`` values."""
    return ", ".join("?" * count)


# SQLite ---------------------------------------------------------------------


class SQLiteConnection(Connection):
    kind = "sqlite"

    def __init__(self, location: Location, *, create: bool, writable: bool) -> None:
        super().__init__(location)
        path = Path(location.target)
        with self.guarded():
            if create:
                _make_private_file(path)
            elif not path.exists():
                raise NoLedger(f"no ledger at {location.shown} (nothing has been recorded there yet)")
            elif path.is_dir():
                raise LedgerError(f"ledger {location.shown}: is a folder, not a ledger file")
            mode = "rwc" if create else ("rw" if writable else "ro")
            wait = WRITE_WAIT if writable or create else READ_WAIT
            uri = f"file:{quote(str(path.absolute()))}?mode={mode}"
            self.raw = sqlite3.connect(uri, uri=True, timeout=wait, isolation_level=None, check_same_thread=False)
            try:
                self.raw.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
                self.raw.execute("PRAGMA foreign_keys = ON")
                # Forgotten rows are overwritten, not left in free pages.
                self.raw.execute("PRAGMA secure_delete = ON")
                if writable or create:
                    # A record survives a crash of the machine once the hook has returned.
                    self.raw.execute("PRAGMA synchronous = FULL")
            except BaseException:
                self.raw.close()
                raise

    @contextlib.contextmanager
    def _transaction(self, begin: str) -> Iterator[Cursor]:
        with self._lock, self.guarded():
            self.raw.execute(begin)
            try:
                yield Cursor(self.raw.cursor(), "?")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.raw.execute("ROLLBACK")
                raise
            self.raw.execute("COMMIT")

    def read(self) -> contextlib.AbstractContextManager[Cursor]:
        return self._transaction("BEGIN")

    def write(self) -> contextlib.AbstractContextManager[Cursor]:
        # IMMEDIATE: take the write lock at once, so two writers queue on the
        # busy timeout instead of one failing half-way through.
        return self._transaction("BEGIN IMMEDIATE")

    def create_schema(self) -> None:
        with self._lock, self.guarded():
            self.raw.execute("PRAGMA journal_mode = WAL")
        with self.write() as cur:
            others = cur.execute(
                f"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ({marks(len(TABLES) + 1)})",
                (*TABLES, "meta"),
            ).all()
            if others:  # someone else's database: never write into it
                raise LedgerError(f"ledger {self.location.shown}: not a warmcheck ledger (it holds other tables)")
            for statement in _statements(id="INTEGER PRIMARY KEY", blob="BLOB"):
                cur.execute(statement)

    def after_forget(self) -> None:
        with self._lock, self.guarded():
            # Deleted pages may still sit in the write-ahead log: fold it in and empty it.
            self.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.raw.execute("VACUUM")
            self.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self.raw.close()


def _make_private_file(path: Path) -> None:
    """The ledger's folder (0700 when made here) and file (0600): only its
    owner can read it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.is_dir():
        raise LedgerError(f"ledger {path}: is a folder, not a ledger file")
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def _statements(**types: str) -> list[str]:
    return [s.strip() for s in _SCHEMA.format(**types).split(";") if s.strip()]


# PostgreSQL -----------------------------------------------------------------


class PostgresConnection(Connection):
    kind = "postgresql"

    def __init__(self, location: Location, *, create: bool, writable: bool) -> None:
        super().__init__(location)
        try:
            import psycopg
        except ImportError:
            raise LedgerError(
                f"ledger {location.shown}: a PostgreSQL ledger needs psycopg 3 (pip install 'warmcheck[postgres]')"
            ) from None
        self.writable = writable or create
        with self.guarded():
            wait_to_connect = CONNECT_WAIT if self.writable else READ_CONNECT_WAIT
            self.raw = psycopg.connect(location.target, autocommit=True, connect_timeout=wait_to_connect)
            wait = WRITE_WAIT if self.writable else READ_WAIT
            self.raw.execute(f"SET statement_timeout = {int(wait * 1000)}")
            self.raw.execute(f"SET lock_timeout = {int(wait * 1000)}")
            if not create:
                found = self.raw.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()
                if not found or not found[0]:
                    self.raw.close()
                    raise NoLedger(f"no ledger at {location.shown} (nothing has been recorded there yet)")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        with self._lock, self.guarded(), self.raw.transaction(), self.raw.cursor() as cur:
            yield Cursor(cur, "%s")

    def read(self) -> contextlib.AbstractContextManager[Cursor]:
        return self._transaction()

    def write(self) -> contextlib.AbstractContextManager[Cursor]:
        return self._transaction()

    def create_schema(self) -> None:
        with self.write() as cur:
            # Two first hooks at once must not both create the tables.
            cur.execute("SELECT pg_advisory_xact_lock(?)", (0x7761726D636B,))
            for statement in _statements(id="BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", blob="BYTEA"):
                cur.execute(statement)

    def after_forget(self) -> None:
        with self._lock, self.guarded():
            for table in TABLES:
                try:
                    self.raw.execute(f"VACUUM {table}")
                except Exception as exc:  # not the tables' owner: the rows are deleted all the same
                    if not _is_psycopg_error(exc):
                        raise

    def close(self) -> None:
        with self._lock, contextlib.suppress(Exception):
            self.raw.close()


def connect(location: Location, *, create: bool = False, writable: bool = False) -> Connection:
    """A connection to the ledger at ``location``. ``create`` makes the
    ledger (file and tables) when it is not there; without it a missing
    ledger is :class:`NoLedger`."""
    if location.kind == "postgresql":
        return PostgresConnection(location, create=create, writable=writable)
    return SQLiteConnection(location, create=create, writable=writable)
