"""The follow-up ledger on both back ends: where it is, what it stores (and
that nothing stored is readable), what it tells the FU rules, show and
forget, and many writers at once."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_ledger_support import (  # noqa: F401 - location is a fixture
    DAY,
    KILN,
    SALE,
    dump,
    location,
    mail,
)
from warmcheck import Config, Linter
from warmcheck.config import ConfigError, from_mapping
from warmcheck.ledger import (
    ENV,
    LedgerError,
    Location,
    NoLedger,
    default_path,
    locate,
    open_ledger,
    record_message,
)
from warmcheck.ledger.records import received_mail
from warmcheck.ledger.store import ReceivedMail

# Where it is ------------------------------------------------------------------------


def test_the_default_place_is_under_xdg_data_home_and_the_environment_moves_it(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    assert locate(None, env) == Location("sqlite", str(tmp_path / "data" / "warmcheck" / "ledger.sqlite3"))
    assert default_path({"XDG_DATA_HOME": "relative/ignored", "HOME": str(tmp_path)}).parts[-3:] == (
        "share", "warmcheck", "ledger.sqlite3",
    )  # fmt: skip
    moved = {**env, ENV: str(tmp_path / "elsewhere.db")}
    assert locate(None, moved) == Location("sqlite", str(tmp_path / "elsewhere.db"))
    assert locate(True, moved) == Location("sqlite", str(tmp_path / "elsewhere.db"))
    # The configuration (or the command line) names one: it wins over the environment.
    assert locate(str(tmp_path / "team.db"), moved) == Location("sqlite", str(tmp_path / "team.db"))
    assert locate(False, moved) is None
    assert locate("postgresql://team@db.example/mail", env) == Location("postgresql", "postgresql://team@db.example/mail")


def test_a_url_is_shown_without_its_password() -> None:
    where = Location("postgresql", "postgresql://team:s3cret@db.example:5433/mail?sslmode=require")
    assert where.shown == "postgresql://team:***@db.example:5433/mail?sslmode=require"
    assert "s3cret" not in where.shown


def test_the_configuration_key(tmp_path: Path) -> None:
    assert from_mapping({"ledger": False}, "w.toml", tmp_path).ledger is False
    assert from_mapping({"ledger": "mail/ledger.db"}, "w.toml", tmp_path).ledger == str(tmp_path / "mail" / "ledger.db")
    assert from_mapping({"ledger": "postgresql://t@h/d"}, "w.toml", tmp_path).ledger == "postgresql://t@h/d"
    for bad in ("", 3, ["a"]):
        with pytest.raises(ConfigError, match=r"w\.toml: bad value for 'ledger'"):
            from_mapping({"ledger": bad}, "w.toml", tmp_path)


# What it stores -------------------------------------------------------------------------


def test_a_check_never_makes_a_ledger(tmp_path: Path) -> None:
    target = tmp_path / "none" / "ledger.sqlite3"
    report = Linter(Config(model="light", ledger=str(target))).check(mail("Ana Lopez <ana@example.org>", SALE))
    assert not target.exists() and not target.parent.exists()
    assert "ledger" not in report.extra and not report.warnings
    with pytest.raises(NoLedger):
        open_ledger(Location("sqlite", str(target)))


def test_the_sqlite_ledger_is_private_to_its_owner(tmp_path: Path) -> None:
    where = Location("sqlite", str(tmp_path / "new" / "ledger.sqlite3"))
    record_message(where, mail("Ana Lopez <ana@example.org>", SALE))
    assert stat.S_IMODE(os.stat(where.target).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o700


def test_nothing_readable_is_stored(location: Location) -> None:
    people = ["Ana Lopez <Ana.Lopez@rivermaps.example>", "Bo Berg <bo@berg-tea.example>"]
    for n, person in enumerate(people):
        data = mail(person, KILN, subject="Glaze trials at Cerámica Norte", message_id=f"glaze-{n}@studio.example",
                    cc="Mika Tanaka <mika@kiln.example>", in_reply_to=f"question-{n}@rivermaps.example")  # fmt: skip
        assert record_message(location, data, recipients=["Extra Reader <extra@reader.example>"])
    with open_ledger(location, writable=True) as ledger:
        ledger.record_received([ReceivedMail("Ana.Lopez@rivermaps.example", time.time(), "answer@rivermaps.example",
                                             ("glaze-0@studio.example",))])  # fmt: skip
        assert ledger.summary().sent == 2 and ledger.about("ana.lopez@RIVERMAPS.example").received == 1
    raw = dump(location).lower()
    readable = [
        "ana.lopez", "rivermaps", "berg-tea", "mika@kiln", "extra@reader", "studio.example", "jonas",
        "lopez", "tanaka", "glaze", "cerámica".encode().decode(), "norte", "kiln", "shelf", "saturday", "photos",
        "glaze-0", "question-1", "answer@",
    ]  # fmt: skip
    found = [w for w in readable if w.encode() in raw or w.encode("utf-16-le") in raw]
    assert not found, f"readable in the ledger: {found}"


def test_the_same_message_is_one_record_and_its_recipients_add_up(location: Location) -> None:
    first = mail("Ana Lopez <ana@example.org>", SALE, message_id="one@studio.example")
    again = mail("Bo Berg <bo@example.org>", SALE, message_id="one@studio.example")
    record_message(location, first)
    record_message(location, again)
    record_message(location, first)
    with open_ledger(location) as ledger:
        assert ledger.summary().sent == 1
        assert ledger.about("ana@example.org").sent == 1 and ledger.about("bo@example.org").sent == 1


def test_a_mail_with_no_recipient_is_not_recorded(location: Location) -> None:
    assert not record_message(location, b"Subject: a note to nobody\n\nJust words here.\n")


def test_received_mail_is_recorded_once(location: Location) -> None:
    reply = mail("Jonas Weber <jonas@studio.example>", "Sounds good.", sender="Ana <ana@example.org>",
                 message_id="r1@example.org", in_reply_to="one@studio.example")  # fmt: skip
    parsed = received_mail(reply)
    assert parsed is not None and parsed.sender == "ana@example.org" and parsed.references == ("one@studio.example",)
    no_id = b"From: Ana <ana@example.org>\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nSubject: hi\n\nhello\n"
    with open_ledger(location, create=True) as ledger:
        assert ledger.record_received([parsed, received_mail(no_id)]) == (2, 0)  # type: ignore[list-item]
        assert ledger.record_received([parsed, received_mail(no_id)]) == (0, 2)  # type: ignore[list-item]
    assert received_mail(b"Subject: no sender\n\nhi\n") is None


def test_forget_an_address_and_forget_everything(location: Location) -> None:
    record_message(location, mail("Ana Lopez <ana@example.org>", SALE, cc="bo@example.org", message_id="a@x"))
    record_message(location, mail("Ana Lopez <ana@example.org>", KILN, message_id="b@x"))
    record_message(location, mail("Cy <cy@example.org>", KILN, message_id="c@x"))
    with open_ledger(location, writable=True) as ledger:
        ledger.record_received([ReceivedMail("ana@example.org", time.time(), "r@x")])
        ana_key = ledger.key("address", "ana@example.org")
        assert ledger.forget("ANA@example.org") == (2, 1)
        assert ledger.about("ana@example.org") == type(ledger.about("x@y"))()
        # The mail that also went to Bo stays, for Bo; the one to Ana alone is gone.
        assert ledger.about("bo@example.org").sent == 1 and ledger.summary().sent == 2
    assert ana_key not in dump(location)
    with open_ledger(location, writable=True) as ledger:
        old_key = ledger.key("address", "cy@example.org")
        ledger.forget_all()
        assert ledger.summary().sent == 0 and ledger.summary().received == 0
        assert ledger.key("address", "cy@example.org") != old_key  # a new key: leftovers tie to no one
    assert old_key not in dump(location)


# Many writers at once -----------------------------------------------------------------------

WRITER = """
import sys, time
from warmcheck.ledger import Location, record_message
kind, target, who, count, start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
time.sleep(max(0.0, start - time.time()))  # all four write at the same moment
for n in range(count):
    data = (f"From: jonas@studio.example\\nTo: r{n}@{who}.example\\nMessage-ID: <{who}-{n}@studio.example>\\n"
            f"Subject: note {n}\\n\\nHi,\\n\\nThis is note {n} from writer {who}, about the kiln shelf.\\n").encode()
    record_message(Location(kind, target), data)
"""


def test_four_writers_at_once_lose_no_record(location: Location) -> None:
    command = [sys.executable, "-c", WRITER, location.kind, location.target]
    open_ledger(location, create=True).close()  # made first: this test is about writing, not making
    start = str(time.time() + 3)
    writers = [subprocess.Popen([*command, f"w{i}", "60", start], stderr=subprocess.PIPE) for i in range(4)]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    with open_ledger(location) as ledger:
        assert ledger.summary().sent == 240
        assert all(ledger.about(f"r{n}@w{i}.example").sent == 1 for i in range(4) for n in (0, 59))


# What it tells the rules ---------------------------------------------------------------------


def linter(location: Location) -> Linter:
    return Linter(Config(model="light", ledger=location.target))


def fu(report: object) -> dict[str, str]:
    return {f.rule: f.message for f in report.findings if f.family == "FU"}  # type: ignore[attr-defined]


def test_two_unanswered_mails_make_the_third_a_chaser_until_they_answer(location: Location) -> None:
    ana = "Ana Lopez <ana@example.org>"
    now = time.time()
    record_message(location, mail(ana, SALE, message_id="s1@studio.example"), at=now - 9 * DAY)
    record_message(location, mail(ana, KILN, message_id="s2@studio.example"), at=now - 2 * DAY)
    draft = mail(ana, "Did either of my notes reach you? I would love to hear what you think of the idea.")
    report = linter(location).check(draft)
    assert fu(report) == {"FU001": "2 earlier mails to this reader in the last 14 days and no reply since the first, 9 days ago"}
    assert report.extra["ledger"]["sent"] == 2 and report.extra["ledger"]["received"] == 0
    assert set(report.extra["ledger"]) == {"sent", "received", "since"}
    # Her answer, from another address, names the first mail: now she has answered.
    with open_ledger(location, writable=True) as ledger:
        ledger.record_received([ReceivedMail("ana.home@example.net", now - DAY, "her@example.net", ("s1@studio.example",))])
    assert "FU001" not in fu(linter(location).check(draft))


def test_an_answer_to_their_mail_is_not_a_chaser(location: Location) -> None:
    ana = "Ana Lopez <ana@example.org>"
    now = time.time()
    with open_ledger(location, create=True) as ledger:
        ledger.record_received([ReceivedMail("ana@example.org", now - 20 * DAY, "q@example.org")])
    record_message(location, mail(ana, SALE, message_id="s1@x"), at=now - 9 * DAY)
    record_message(location, mail(ana, KILN, message_id="s2@x"), at=now - 2 * DAY)
    answer = mail(ana, "Thank you for the question about the glazes: the recipe is below.", in_reply_to="q@example.org")
    assert "FU001" not in fu(linter(location).check(answer))
    assert "FU001" in fu(linter(location).check(mail(ana, "Any news on the shelf?")))
    # An earlier mail that answered hers is not part of a run of chasers either.
    record_message(location, mail(ana, "Here is the recipe you asked for.", message_id="s0@x", in_reply_to="q@example.org"),
                   at=now - 5 * DAY)  # fmt: skip
    assert fu(linter(location).check(mail(ana, "Any news on the shelf?")))["FU001"].startswith("2 earlier mails")


def test_the_same_text_again_is_nothing_new(location: Location) -> None:
    record_message(location, mail("Ana Lopez <ana@example.org>", KILN, message_id="k1@x"), at=time.time() - 3 * DAY)
    same = linter(location).check(mail("Ana Lopez <ana@example.org>", KILN))
    assert fu(same) == {"FU002": "100% the same as your last mail to this reader, sent 3 days ago: nothing new for them"}
    assert "FU002" not in fu(linter(location).check(mail("Ana Lopez <ana@example.org>", SALE)))
    # To someone else it is not a repeat, and the sent mail checked again is not compared with itself.
    assert "FU002" not in fu(linter(location).check(mail("Bo Berg <bo@example.org>", KILN)))
    assert "FU002" not in fu(linter(location).check(mail("Ana Lopez <ana@example.org>", KILN, message_id="k1@x")))


def test_one_text_to_many_readers_one_by_one_is_a_blast(location: Location) -> None:
    names = ["Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo"]
    now = time.time()
    for n, name in enumerate(names[:9]):
        record_message(location, mail(f"{name} Example <{name.lower()}@example.org>", SALE), at=now - n * 3600)
    check = linter(location)
    assert "FU003" not in fu(check.check(mail("Kim Park <kim@example.org>", SALE)))
    record_message(location, mail("Jo Example <jo@example.org>", SALE), at=now - 60)
    report = linter(location).check(mail("Kim Park <kim@example.org>", SALE))
    assert fu(report) == {"FU003": "At least 80% the same as mails to 10 other readers in the last 30 days: a blast sent one by one"}
    # A text of its own to the same people is not.
    assert "FU003" not in fu(linter(location).check(mail("Kim Park <kim@example.org>", KILN)))


def test_off_means_off(location: Location) -> None:
    ana = "Ana Lopez <ana@example.org>"
    record_message(location, mail(ana, KILN), at=time.time() - DAY)
    report = Linter(Config(model="light", ledger=False)).check(mail(ana, KILN))
    assert not fu(report) and "ledger" not in report.extra


def test_a_corrupt_ledger_is_a_warning_not_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "ledger.sqlite3"
    broken.write_bytes(b"this is not a database at all " * 200)
    report = Linter(Config(model="light", ledger=str(broken))).check(mail("Ana Lopez <ana@example.org>", KILN))
    assert report.verdict in ("pass", "warn") and not fu(report)
    assert len(report.warnings) == 1 and report.warnings[0].startswith(f"ledger {broken}: ")
    assert report.warnings[0].endswith("; checked without it")


def test_another_sqlite_database_is_not_taken_for_a_ledger(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text)")
    report = Linter(Config(model="light", ledger=str(other))).check("Hi Ana,\n\nHow was the trip?\n")
    assert report.warnings == (f"ledger {other}: not a warmcheck ledger (it has no meta table); checked without it",)
    with pytest.raises(LedgerError, match=r"not a warmcheck ledger \(it holds other tables\)"):
        record_message(Location("sqlite", str(other)), mail("Ana Lopez <ana@example.org>", KILN))
    with sqlite3.connect(other) as conn:  # nothing was written into it
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]


def test_import_warmcheck_loads_no_database_driver_nor_minhash() -> None:
    code = "import sys, warmcheck; print(sorted(m for m in ('psycopg', 'datasketch', 'scipy') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr
