"""The send hooks and the ledger: a record only once a mail was handed on,
never for one held or refused; four hooks at once lose no record; a locked,
corrupt or read-only ledger never stops a mail (a warning on stderr). End to
end with msmtp and mutt against a local SMTP server, as tests/test_hooks.py."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from test_hooks_support import (  # noqa: F401 - smtp_server is a fixture
    BLAST_BODY,
    TIMEOUT,
    WARM_BODY,
    WARMCHECK,
    Server,
    env_with_bin,
    message,
    msmtprc,
    needs,
    smtp_server,
)
from test_ledger_support import dump, location, mail  # noqa: F401 - location is a fixture
from warmcheck import Config, hooks
from warmcheck.hooks import ColdDraftError, SendmailOptions
from warmcheck.ledger import Location, NoLedger, backends, locate, open_ledger

KEEP = "import os, sys; open(os.environ['KEEP_TO'], 'wb').write(sys.stdin.buffer.read()); sys.exit(int(os.environ.get('KEEP_RC', '0')))"


def default_ledger() -> Location:
    where = locate(None)  # the test's own XDG_DATA_HOME (tests/conftest.py)
    assert where is not None
    return where


def sent_to(where: Location, address: str) -> int:
    try:
        with open_ledger(where) as ledger:
            return ledger.about(address).sent
    except NoLedger:
        return 0


def wrapper(data: bytes, *args: str, command: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(WARMCHECK), "sendmail", *args, "--", *command], input=data, capture_output=True,
                          timeout=TIMEOUT, env=env_with_bin(**env))  # fmt: skip


# msmtp and mutt, for real -------------------------------------------------------------------


def test_a_mail_msmtp_delivered_is_recorded_and_nothing_readable_is_kept(tmp_path: Path, smtp_server: Server) -> None:
    msmtp = needs("msmtp")
    done = wrapper(message(), command=[msmtp, "-C", str(msmtprc(tmp_path, smtp_server)), "-t"])
    assert done.returncode == 0, done.stderr.decode()
    assert len(smtp_server.received) == 1 and b"ledger" not in done.stderr
    where = default_ledger()
    assert sent_to(where, "priya@example.com") == 1
    raw = dump(where).lower()
    for readable in ("priya", "example.com", "sam@example.org", "onboarding", "tomás".encode().decode(), "zürich",
                     "designer", "warmcheck-test-1"):  # fmt: skip
        assert readable.encode() not in raw, readable


def test_a_refused_or_undelivered_mail_is_never_recorded(tmp_path: Path, smtp_server: Server) -> None:
    msmtp = needs("msmtp")
    blocked = wrapper(message(BLAST_BODY), command=[msmtp, "-C", str(msmtprc(tmp_path, smtp_server)), "-t"])
    assert blocked.returncode == hooks.EX_DATAERR and smtp_server.received == []
    closed = Server("127.0.0.1", 9)  # nothing listens there: msmtp fails after the check passed
    failed = wrapper(message(), command=[msmtp, "-C", str(msmtprc(tmp_path, closed)), "-t"])
    assert failed.returncode not in (0, hooks.EX_DATAERR)
    kept = tmp_path / "kept.eml"
    refused = wrapper(message(), command=[sys.executable, "-c", KEEP], KEEP_TO=str(kept), KEEP_RC="69")
    assert refused.returncode == 69 and kept.exists()
    assert not Path(default_ledger().target).exists()  # nothing was ever recorded


def test_mutt_through_the_wrapper_is_recorded(tmp_path: Path, smtp_server: Server) -> None:
    from test_hooks import mutt_send

    done = mutt_send(tmp_path, smtp_server, WARM_BODY, "Your onboarding talk")
    assert done.returncode == 0, done.stderr.decode()
    assert len(smtp_server.received) == 1
    assert sent_to(default_ledger(), "priya@example.com") == 1


def test_a_skipped_check_still_records_what_was_sent_and_the_command_lines_recipients(tmp_path: Path) -> None:
    kept = tmp_path / "kept.eml"
    data = message(BLAST_BODY).replace(b"Subject:", b"X-Warmcheck: skip\r\nSubject:", 1)
    done = wrapper(data, command=[sys.executable, "-c", KEEP, "-f", "sam@example.org", "--", "hidden@example.net"],
                   KEEP_TO=str(kept))  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    where = default_ledger()
    assert sent_to(where, "priya@example.com") == 1 and sent_to(where, "hidden@example.net") == 1
    assert sent_to(where, "sam@example.org") == 0  # -f names the sender, not a reader


def test_no_ledger_records_nothing(tmp_path: Path) -> None:
    kept = tmp_path / "kept.eml"
    done = wrapper(message(), "--no-ledger", command=[sys.executable, "-c", KEEP], KEEP_TO=str(kept))
    assert done.returncode == 0 and kept.exists()
    assert not Path(default_ledger().target).exists()


def test_the_recipients_a_sendmail_command_line_names() -> None:
    from warmcheck.hooks.record import command_recipients

    assert command_recipients(["msmtp", "-t"]) == []
    assert command_recipients(["sendmail", "-oi", "-f", "me@x.org", "-F", "Me", "ana@x.org", "Bo <bo@y.org>"]) == ["ana@x.org", "bo@y.org"]
    assert command_recipients(["msmtp", "--from=me@x.org", "--", "-odd@x.org", "cy@z.org"]) == ["-odd@x.org", "cy@z.org"]


# Four hooks at once ---------------------------------------------------------------------------


def test_four_hooks_at_once_lose_no_record(location: Location, tmp_path: Path) -> None:
    # Four cold starts at once on a loaded machine: a deadline that cannot be what fails here.
    config = tmp_path / "warmcheck.toml"
    config.write_text('model = "light"\ndeadline = 600\n')
    sends = []
    for n in range(4):
        data = mail(f"Reader {n} <reader{n}@example.org>", f"Thank you for the tour of the dye garden, number {n}. "
                    "Which of the madder roots would you dig up first in spring?", message_id=f"hook-{n}@studio.example")  # fmt: skip
        command = [str(WARMCHECK), "sendmail", "--config", str(config), "--ledger", location.target, "--", sys.executable, "-c", KEEP]
        env = env_with_bin(KEEP_TO=str(tmp_path / f"kept-{n}.eml"))
        sends.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env))
        sends[-1].stdin.write(data)  # type: ignore[union-attr]
        sends[-1].stdin.close()  # type: ignore[union-attr]
    for n, send in enumerate(sends):
        err = send.stderr.read()  # type: ignore[union-attr]
        assert send.wait(timeout=TIMEOUT) == 0, err.decode()
        assert b"ledger" not in err, err.decode()
        assert (tmp_path / f"kept-{n}.eml").exists()
    with open_ledger(location) as ledger:
        assert ledger.summary().sent == 4
        assert [ledger.about(f"reader{n}@example.org").sent for n in range(4)] == [1, 1, 1, 1]


# A ledger that cannot take the record ----------------------------------------------------------


@contextlib.contextmanager
def held_lock(where: Location) -> Iterator[None]:
    """Another process holds the ledger's write lock for as long as this lasts."""
    if where.kind == "sqlite":
        code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()")  # fmt: skip
    else:
        code = ("import psycopg, sys; c = psycopg.connect(sys.argv[1]); "
                "c.execute('LOCK TABLE sent IN ACCESS EXCLUSIVE MODE'); print('locked', flush=True); sys.stdin.read()")  # fmt: skip
    holder = subprocess.Popen([sys.executable, "-c", code, where.target], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        yield
    finally:
        holder.stdin.close()  # type: ignore[union-attr]
        holder.wait(timeout=TIMEOUT)


def test_a_locked_ledger_delays_nothing_but_its_own_record(
    location: Location, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "kept.eml"
    monkeypatch.setenv("KEEP_TO", str(kept))
    monkeypatch.setattr(backends, "WRITE_WAIT", 0.5)
    monkeypatch.setattr(backends, "READ_WAIT", 0.5)
    hooks.record_sent(mail("Ana <ana@example.org>", WARM_BODY), ledger=location.target)  # the ledger exists
    err = io.StringIO()
    with held_lock(location):
        status = hooks.sendmail([sys.executable, "-c", KEEP], message(), options=SendmailOptions(ledger=location.target),
                                stderr=err, environ={})  # fmt: skip
    assert status == 0 and kept.read_bytes() == message()
    assert "warmcheck: the mail was sent, but the ledger did not record it: ledger " in err.getvalue()
    assert sent_to(location, "priya@example.com") == 0


def test_a_corrupt_ledger_is_a_warning_and_the_mail_goes(tmp_path: Path) -> None:
    broken = tmp_path / "ledger.sqlite3"
    broken.write_bytes(b"definitely not sqlite " * 500)
    kept = tmp_path / "kept.eml"
    done = wrapper(message(), "--ledger", str(broken), command=[sys.executable, "-c", KEEP], KEEP_TO=str(kept))
    assert done.returncode == 0 and kept.read_bytes() == message()
    err = done.stderr.decode()
    assert f"the ledger did not record it: ledger {broken}: file is not a database" in err and "Traceback" not in err


def test_a_ledger_on_a_read_only_disk_is_a_warning_and_the_mail_goes(tmp_path: Path) -> None:
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("needs root to mount a read-only file system (CI runs as root)")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        where = Location("sqlite", str(disk / "ledger.sqlite3"))
        hooks.record_sent(mail("Ana <ana@example.org>", WARM_BODY), ledger=where.target)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
        kept = tmp_path / "kept.eml"
        done = wrapper(message(), "--ledger", where.target, command=[sys.executable, "-c", KEEP], KEEP_TO=str(kept))
        assert done.returncode == 0 and kept.read_bytes() == message(), done.stderr.decode()
        assert "the ledger did not record it" in done.stderr.decode()
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


# git send-email and the smtplib guard ---------------------------------------------------------------


def cover_letter(tmp_path: Path, body: str) -> Path:
    msg = EmailMessage()
    msg["From"] = "Sam Reyes <sam@example.org>"
    msg["To"] = "Maintainers <maint@lists.example.org>"
    msg["Cc"] = "Priya Nair <priya@example.com>"
    msg["Subject"] = "[PATCH 0/2] Faster map tiles"
    msg["Message-ID"] = "<cover-1@example.org>"
    msg.set_content(body)
    path = tmp_path / "0000-cover-letter.patch"
    path.write_bytes(msg.as_bytes())
    return path


def test_git_records_a_cover_letter_it_lets_through_and_not_one_it_stops(location: Location, tmp_path: Path) -> None:
    note = ("Priya, this follows your review of the tile cache last week: the two patches drop the second "
            "lookup you spotted, and the cache is now warm after a restart. Does the benchmark in patch 2 "
            "match what you see on your machine?\n")  # fmt: skip
    config = Config(model="light", ledger=location.target)
    assert hooks.sendemail_validate(cover_letter(tmp_path, BLAST_BODY), config=config, stderr=io.StringIO(), environ={}) == hooks.EX_DATAERR
    assert sent_to(location, "priya@example.com") == 0
    assert hooks.sendemail_validate(cover_letter(tmp_path, note), config=config, stderr=io.StringIO(), environ={}) == 0
    assert sent_to(location, "priya@example.com") == 1 and sent_to(location, "maint@lists.example.org") == 1


def test_the_guard_records_only_after_its_send_returned(location: Location) -> None:
    config = Config(model="light", ledger=location.target)
    sent: list[object] = []
    warm = mail("Priya Nair <priya@example.com>", WARM_BODY.split("\n\n", 1)[1])
    hooks.guard(warm, config=config, send=sent.append)
    assert sent == [warm] and sent_to(location, "priya@example.com") == 1

    def broken_send(msg: object) -> None:
        raise OSError("the server hung up")

    with pytest.raises(OSError):
        hooks.guard(mail("Bo Berg <bo@example.org>", WARM_BODY.split("\n\n", 1)[1]), config=config, send=broken_send)
    assert sent_to(location, "bo@example.org") == 0
    with pytest.raises(ColdDraftError):
        hooks.guard(mail("Cy <cy@example.org>", BLAST_BODY), config=config, send=sent.append)
    assert len(sent) == 1 and sent_to(location, "cy@example.org") == 0


def test_a_hook_reads_the_ledger_it_records_in(tmp_path: Path) -> None:
    where = tmp_path / "team.sqlite3"
    body = WARM_BODY.split("\n\n", 1)[1]
    for n in range(2):
        hooks.record_sent(mail("Priya Nair <priya@example.com>", body, message_id=f"p{n}@example.org"), ledger=str(where))
    with sqlite3.connect(where) as conn:  # the two mails went out 3 and 6 days ago
        conn.execute("UPDATE sent SET at = at - 86400 * 3 * id")
    kept = tmp_path / "kept.eml"
    done = wrapper(message(), "--ledger", str(where), command=[sys.executable, "-c", KEEP], KEEP_TO=str(kept))
    assert done.returncode == 0, done.stderr.decode()  # a warning, not a block
    err = done.stderr.decode()
    assert "FU001 unanswered-run 2 earlier mails to this reader in the last 14 days" in err
    assert "FU002 nothing-new" in err
    with open_ledger(Location("sqlite", str(where))) as ledger:
        assert ledger.about("priya@example.com").sent == 3
