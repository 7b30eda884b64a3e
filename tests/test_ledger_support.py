"""Shared pieces for the ledger tests: a ledger on each back end (a SQLite
file, and a schema of its own on the PostgreSQL server that .ci/run starts
and names in WARMCHECK_TEST_POSTGRES), mail to record, and the raw bytes of
a ledger to search for anything readable. Holds no tests of its own."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from warmcheck.ledger import Location

POSTGRES = os.environ.get("WARMCHECK_TEST_POSTGRES", "").strip()
BACKENDS = ["sqlite", "postgresql"]
DAY = 86400.0

#: Texts of our own, long enough to be judged by FU002 and FU003.
SALE = (
    "Our pottery studio opens its doors for a spring sale this weekend, with new bowls, jugs "
    "and plates at friendly prices, and tea in the yard for everyone who drops by."
)
KILN = (
    "The shared kiln has a free shelf on the first Saturday of each month; if your studio wants it, "
    "I can put your glaze tests on it and send you photos of how they came out."
)


def with_schema(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to ``schema``."""
    return f"{url}{'&' if '?' in url else '?'}options=-c%20search_path%3D{schema}"


def postgres_location() -> Iterator[Location]:
    """A ledger in a fresh schema of the test server, dropped afterwards."""
    if not POSTGRES:
        pytest.skip("WARMCHECK_TEST_POSTGRES is not set (.ci/run starts a PostgreSQL server and sets it)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is in the test extra")
    schema = "ledger_test_" + secrets.token_hex(6)
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield Location("postgresql", with_schema(POSTGRES, schema))
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Location]:
    """A ledger place on each back end (nothing is there until it is made)."""
    if request.param == "sqlite":
        yield Location("sqlite", str(tmp_path / "ledger" / "ledger.sqlite3"))
    else:
        yield from postgres_location()


def dump(location: Location) -> bytes:
    """Every byte the ledger keeps: the SQLite file with its write-ahead log
    and shared memory, or every table of the schema copied out as text."""
    if location.kind == "sqlite":
        base = Path(location.target)
        return b"".join(p.read_bytes() for p in (base, Path(f"{base}-wal"), Path(f"{base}-shm")) if p.exists())
    import psycopg

    out = []
    with psycopg.connect(location.target) as conn, conn.cursor() as cur:
        tables = [r[0] for r in cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
        assert tables
        for table in tables:
            with cur.copy(f"COPY {table} TO STDOUT") as copy:
                out.extend(bytes(block) for block in copy)
    return b"".join(out)


def mail(
    to: str,
    body: str,
    *,
    subject: str = "Spring sale",
    sender: str = "Jonas Weber <jonas@studio.example>",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    when: datetime | None = None,
    cc: str | None = None,
) -> bytes:
    """An RFC 822 message: the body after a greeting with the reader's first name."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when or datetime.now(UTC))
    if message_id:
        msg["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    first = to.split("<")[0].strip().split(" ")[0] or "there"
    msg.set_content(f"Hi {first},\n\n{body}\n\nBest,\nJonas\n")
    return msg.as_bytes()
