"""``warmcheck ledger ...`` and ``--ledger``/``--no-ledger``: on both back
ends, with the words a person reads, and one clear line with exit 2 for
bad input."""

from __future__ import annotations

import json
import mailbox
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from test_ledger_support import (  # noqa: F401 - location is a fixture
    DAY,
    KILN,
    SALE,
    location,
    mail,
)
from warmcheck.cli import cli
from warmcheck.ledger import Location, open_ledger, record_message


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def ledger(where: Location, *args: str) -> Result:
    return run("ledger", *args, "--ledger", where.target)


def one_error_line(result: Result, text: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warmcheck: ") and text in lines[0], result.stderr
    assert "Traceback" not in result.output


def maildir(folder: Path, *messages: bytes) -> Path:
    box = mailbox.Maildir(folder, create=True)
    for data in messages:
        box.add(data)
    box.close()
    return folder


def test_info_show_and_forget_with_no_ledger_yet(tmp_path: Path) -> None:
    where = Location("sqlite", str(tmp_path / "nothing.sqlite3"))
    for args in (("info",), ("show", "ana@example.org"), ("forget", "ana@example.org"), ("forget", "--all")):
        result = ledger(where, *args)
        assert result.exit_code == 0 and result.output == f"no ledger at {where.target}: nothing has been recorded there yet\n"
    assert not Path(where.target).exists()


def test_the_default_ledger_is_where_the_environment_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    record_message(Location("sqlite", str(tmp_path / "warmcheck" / "ledger.sqlite3")), mail("Ana <ana@example.org>", SALE))
    result = run("ledger", "info")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"ledger: {tmp_path / 'warmcheck' / 'ledger.sqlite3'} (sqlite)"
    assert result.output.splitlines()[1].startswith("  1 sent and 0 received mails, since ")


def test_import_received_mail_then_show_and_forget(location: Location, tmp_path: Path) -> None:
    record_message(location, mail("Ana Lopez <ana@example.org>", KILN, message_id="k1@studio.example"), at=time.time() - 5 * DAY)
    reply = mail("Jonas <jonas@studio.example>", "Yes please, the shelf would be lovely.",
                 sender="Ana Lopez <ana@example.org>", message_id="a1@example.org", in_reply_to="k1@studio.example")
    box = maildir(
        tmp_path / "Inbox",
        reply,
        b"From: Bo <bo@example.org>\nDate: Tue, 3 Mar 2026 09:00:00 +0000\nSubject: hello\n\nNo Message-ID here.\n",
        b"Subject: a note with no sender\n\nnobody\n",
    )
    result = ledger(location, "import", str(box))
    assert result.exit_code == 0, result.output
    assert result.output == f"{box}: 2 received mails recorded, 0 already known, 1 left out (no address or date, or unreadable)\n"
    assert ledger(location, "import", str(box)).output.startswith(f"{box}: 0 received mails recorded, 2 already known")
    shown = ledger(location, "show", "Ana Lopez <ANA@example.org>")
    assert shown.exit_code == 0
    assert shown.output.splitlines() == [
        "ANA@example.org (kept as a keyed hash, not as the address)",
        f"  sent to it: 1 mail, on {time.strftime('%Y-%m-%d', time.gmtime(time.time() - 5 * DAY))}",
        f"  received from it: 1 mail, on {time.strftime('%Y-%m-%d', time.gmtime(time.time()))}",
    ]
    assert ledger(location, "show", "cy@example.org").output == "cy@example.org: nothing recorded\n"
    assert ledger(location, "forget", "ana@example.org").output == "forgot ana@example.org: 1 sent and 1 received mails\n"
    assert ledger(location, "show", "ana@example.org").output == "ana@example.org: nothing recorded\n"
    assert ledger(location, "forget", "--all").output == "forgot everything: 0 sent and 1 received mails; a new key was made\n"
    with open_ledger(location) as opened:
        assert opened.summary().received == 0


def test_import_a_sent_mbox_and_the_check_knows_the_blast(location: Location, tmp_path: Path) -> None:
    sent = mailbox.mbox(tmp_path / "Sent")
    for n, name in enumerate(["Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo"]):
        sent.add(mail(f"{name} Example <{name.lower()}@example.org>", SALE, message_id=f"sale-{n}@studio.example"))
    sent.close()
    result = ledger(location, "import", "--sent", str(tmp_path / "Sent"))
    assert result.output == f"{tmp_path / 'Sent'}: 10 sent mails recorded, 0 already known\n"
    draft = tmp_path / "next.eml"
    draft.write_bytes(mail("Kim Park <kim@example.org>", SALE))
    checked = run("check", "--model", "light", "--format", "json", "--ledger", location.target, str(draft))
    report = json.loads(checked.stdout)["reports"][0]
    assert [f["rule"] for f in report["findings"] if f["family"] == "FU"] == ["FU003"]
    assert report["ledger"] == {"sent": 10, "received": 0, "since": time.strftime("%Y-%m-%d", time.gmtime())}
    text = run("check", "--model", "light", "--ledger", location.target, str(draft)).output
    assert f"  ledger: 10 sent and 0 received mails since {report['ledger']['since']}\n" in text
    assert " FU003 same-text-to-many At least 80% the same as mails to 10 other readers" in text
    quiet = run("check", "--model", "light", "--format", "json", "--no-ledger", str(draft))
    assert "ledger" not in json.loads(quiet.stdout)["reports"][0]


def test_a_postgresql_ledger_is_named_without_its_password(location: Location) -> None:
    record_message(location, mail("Ana <ana@example.org>", SALE))
    result = ledger(location, "info")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"ledger: {location.shown} ({location.kind})"
    if location.kind == "postgresql":
        assert ":***@" in result.output


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    where = Location("sqlite", str(tmp_path / "l.sqlite3"))
    one_error_line(ledger(where, "show", "not an address"), "'not an address' is not an email address")
    one_error_line(ledger(where, "forget"), "forget ADDRESS, or forget --all")
    one_error_line(ledger(where, "forget", "ana@example.org", "--all"), "forget ADDRESS, or forget --all")
    (tmp_path / "notes.txt").write_text("just some notes\n")
    one_error_line(ledger(where, "import", str(tmp_path / "notes.txt")), "not an mbox (it does not start with a 'From ' line)")
    (tmp_path / "plain").mkdir()
    one_error_line(ledger(where, "import", str(tmp_path / "plain")), "not a maildir (it has no cur/ and new/ folders)")
    one_error_line(ledger(where, "import", str(tmp_path / "missing")), "no such file or folder")
    assert not Path(where.target).exists()  # nothing made for bad input
    one_error_line(run("check", "--ledger", "x.db", "--no-ledger", "-"), "--ledger and --no-ledger cannot go together")
    config = tmp_path / "warmcheck.toml"
    config.write_text("ledger = false\n")
    one_error_line(run("ledger", "info", "--config", str(config)), "the ledger is turned off in the configuration")
    config.write_text("ledger = 12\n")
    one_error_line(run("ledger", "info", "--config", str(config)), "bad value for 'ledger'")
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database " * 300)
    one_error_line(run("ledger", "info", "--ledger", str(broken)), f"ledger {broken}: file is not a database")


def test_a_configured_ledger_is_relative_to_its_file(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "warmcheck.toml").write_text('ledger = "state/ledger.sqlite3"\n')
    record_message(Location("sqlite", str(tmp_path / "team" / "state" / "ledger.sqlite3")), mail("Ana <ana@example.org>", KILN))
    result = run("ledger", "info", "--config", str(tmp_path / "team" / "warmcheck.toml"))
    assert result.output.splitlines()[0] == f"ledger: {tmp_path / 'team' / 'state' / 'ledger.sqlite3'} (sqlite)"
