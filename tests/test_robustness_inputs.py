"""Inputs that once broke or slipped past warmcheck (issue 15), each with its
expected outcome: a warning and a best reading, one clear line, or a check
like any other. Through the library where that says enough, through the
installed command for exit statuses and standard error. Time bounds here
catch hangs, tens of seconds wide; figures are in bench/pathological.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from warmcheck import Config, Linter, message
from warmcheck.campaign import CampaignError
from warmcheck.campaign.recipients import read_consent, read_recipients
from warmcheck.message import InputError

WARMCHECK = Path(sys.executable).parent / "warmcheck"
BODY = "Hi Ana,\n\nThe flood lines you showed at the Lisbon meetup stayed with me. Did the archive find the 1911 sheet?\n\nBest,\nBo\n"


def run(*args: str | Path, stdin: bytes = b"") -> tuple[int, str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("WARMCHECK_DEBUG", None)
    done = subprocess.run([str(WARMCHECK), *map(str, args)], input=stdin, capture_output=True, timeout=120, env=env)
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    return done.returncode, done.stdout.decode("utf-8", "replace"), err


def mail(body: bytes, charset: str = "utf-8", cte: str = "8bit", extra: str = "") -> bytes:
    head = (f"From: Bo <bo@berg.example>\nTo: Ana <ana@maps.example>\nSubject: The 1909 sheets\n{extra}"
            f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n\n")  # fmt: skip
    return head.encode() + body


# Charsets ----------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["base64", "hex", "rot13", "uu", "zlib", "punycode", "idna", "no-such-charset"])
def test_a_charset_that_is_not_a_text_encoding_is_a_warning(charset: str) -> None:
    draft = message.read(mail(BODY.encode(), charset=charset))
    assert "flood lines" in draft.text
    assert any(charset in w for w in draft.warnings), draft.warnings


def test_ascii_labelled_utf16_is_read_again_with_a_warning() -> None:
    """It decoded to CJK ideographs: 0 words, warmth 100, pass."""
    draft = message.read(mail(BODY.encode("ascii"), charset="utf-16"))
    assert "flood lines" in draft.text
    assert any("nothing readable" in w for w in draft.warnings)
    real = message.read(mail(BODY.encode("utf-16"), charset="utf-16", cte="binary"))
    assert "flood lines" in real.text and not real.warnings


def test_text_unreadable_under_its_label_is_read_again() -> None:
    draft = message.read(mail(BODY.encode(), charset="cp037"))  # EBCDIC: UTF-8 bytes read as control characters
    assert "flood lines" in draft.text and any("nothing readable" in w for w in draft.warnings)


def test_a_folder_goes_on_past_odd_charsets_and_deep_mime(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(mail(BODY.encode(), charset="base64"))
    (tmp_path / "b.eml").write_bytes(_nested(1000))
    (tmp_path / "c.txt").write_text(BODY, encoding="utf-8")
    rc, out, err = run(tmp_path)
    assert f"{tmp_path / 'a.eml'}: warmth" in out and f"{tmp_path / 'c.txt'}: warmth" in out
    assert "nested too deeply" in err and rc == 2


# Structure --------------------------------------------------------------------------------


def _nested(depth: int) -> bytes:
    opening = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    closing = "".join(f"--b{i}--\n" for i in reversed(range(depth)))
    return (f"From: bo@berg.example\nTo: ana@maps.example\nSubject: deep\n{opening}Content-Type: text/plain\n\n"
            f"{BODY}{closing}").encode()  # fmt: skip


@pytest.mark.parametrize("depth", [150, 1000, 5000])
def test_deep_mime_is_one_clear_error(depth: int) -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        message.read(_nested(depth))


def test_mime_nested_within_the_limit_is_read() -> None:
    assert "flood lines" in message.read(_nested(40)).text


def test_html_nested_a_hundred_thousand_deep_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 100_000 + "Hi Ana" + "</div>" * 100_000, encoding="utf-8")
    started = time.monotonic()
    rc, _, err = run(path)
    assert rc == 2 and "nested too deeply" in err and time.monotonic() - started < 60
    shallow = "<table><tr><td>" * 50 + "<p>Hi Ana, the maps came.</p>" + "</td></tr></table>" * 50
    assert "maps came" in message.read(shallow.encode(), name="x.html").text


def test_a_utf8_byte_order_mark_before_the_header_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.eml"
    path.write_bytes(b"\xef\xbb\xbf" + mail(BODY.encode()))
    draft = message.read(path)
    assert draft.kind == "email" and draft.headers.reader_name == "Ana" and "flood lines" in draft.text
    assert message.read(b"\xef\xbb\xbf" + mail(BODY.encode())).kind == "email"


def test_nul_bytes_after_the_first_8_kb_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(BODY.encode() + b"x" * 9000 + b"\x00tail\n")
    rc, _, err = run(path)
    assert rc == 2 and "binary" in err
    # In mail, stray NULs are read around, and the report says so.
    draft = message.read(mail(BODY.encode() + b"x" * 9000 + b"\x00"))
    assert "\x00" not in draft.text and any("NUL" in w for w in draft.warnings)
    with pytest.raises(InputError, match="binary"):
        message.read(b"From: bo@berg.example\nTo: a\x00@maps.example\n\n" + BODY.encode())


def test_a_binary_attachment_does_not_stop_the_check() -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "bo@berg.example", "Ana <ana@maps.example>", "Scans"
    msg.set_content(BODY)
    msg.add_attachment(bytes(range(256)) * 40, maintype="application", subtype="octet-stream", filename="scan.bin",
                       cte="base64")  # fmt: skip
    data = msg.as_bytes().replace(b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: binary")
    start = data.rindex(b"\n\n", 0, data.rindex(b"scan.bin") + 200)
    raw = data[: start + 2] + bytes(range(256)) * 40 + b"\n" + data[data.rindex(b"\n--") :]
    draft = message.read(raw)
    assert "flood lines" in draft.text and [a.name for a in draft.attachments] == ["scan.bin"]


def test_a_50_mb_attachment_is_listed_not_read(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "bo@berg.example", "Ana <ana@maps.example>", "Scans"
    msg.set_content(BODY)
    msg.add_attachment(os.urandom(50_000_000), maintype="application", subtype="pdf", filename="scans.pdf")
    path = tmp_path / "big.eml"
    path.write_bytes(msg.as_bytes())
    rc, out, err = run("--format", "json", path)
    assert rc in (0, 1), err
    report = json.loads(out)["reports"][0]
    assert report["source"] == str(path) and report["metrics"]["words"] > 10
    draft = message.read(path)
    assert draft.attachments[0].name == "scans.pdf" and draft.attachments[0].size > 50_000_000


def test_a_text_of_its_own_over_max_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.eml"
    path.write_bytes(mail((BODY * 3000).encode()))
    with pytest.raises(InputError, match="size limit without its attachments"):
        message.read(path, max_bytes=100_000)


# Headers ----------------------------------------------------------------------------------


def test_a_to_header_of_40000_addresses_is_counted_in_reasonable_time() -> None:
    to = ", ".join(f'"Lopez, Ana{i}" <ana{i}@maps.example>' for i in range(40_000))
    data = mail(BODY.encode(), extra=f"Cc: {to}\n")
    started = time.monotonic()
    draft = message.read(data)
    assert draft.headers.cc == 40_000 and draft.headers.to == 1
    assert time.monotonic() - started < 30


def test_many_pitches_at_the_readers_project_without_a_full_stop_are_checked_in_reasonable_time() -> None:
    """Each mention's sentence is looked for within a bounded reach: reading
    back to the start of the text for each one took over a minute at 80 KB."""
    text = "Hi,\n\n" + "I would love to discuss your project and " * 4_000 + "\n"
    started = time.monotonic()
    report = Linter(Config(model="light")).check(text)
    assert report.verdict in ("pass", "warn", "fail")
    assert time.monotonic() - started < 60


def test_a_comment_cannot_hide_the_recipients() -> None:
    """Unclosed parentheses sent the standard library's address parser into
    a recursion that gave up: no recipients at all."""
    to = ", ".join(f"p{i}@maps.example" for i in range(200)) + ", " + "(" * 5000
    draft = message.read(mail(BODY.encode(), extra=f"Cc: {to}\n"))
    assert draft.headers.cc == 200


def test_a_long_header_is_read_past_the_first_8_kb_from_a_file_without_suffix(tmp_path: Path) -> None:
    to = ", ".join(f"Person {i} <p{i}@maps.example>" for i in range(600))
    path = tmp_path / "message"
    path.write_bytes(mail(BODY.encode(), extra=f"Cc: {to}\n"))
    draft = message.read(path)
    assert draft.kind == "email" and draft.headers.recipients == 601


# Templates --------------------------------------------------------------------------------


def test_a_template_with_20000_fields_is_checked_in_reasonable_time(tmp_path: Path) -> None:
    path = tmp_path / "many.j2"
    path.write_text("Hi {{ first_name }},\n\n" + " ".join(f"{{{{ f{i} }}}}" for i in range(20_000)) + "\n", encoding="utf-8")
    started = time.monotonic()
    report = Linter(Config(model="light")).check(path)
    assert report.verdict in ("pass", "warn", "fail")
    assert time.monotonic() - started < 60


# Recipients files -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "problem"), [
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("digits.json", '[{"email": "a@maps.example", "n": ' + "9" * 100_000 + "}]", "a number too long to read"),
    ("deep.jsonl", "[" * 100_000 + "\n", "nested too deeply"),
])  # fmt: skip
def test_hostile_recipients_json_is_one_clear_error(tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CampaignError, match=problem):
        list(read_recipients(path))
    with pytest.raises(CampaignError, match=problem):
        read_consent(path)


def test_a_fifo_or_a_device_as_recipients_is_one_clear_error(tmp_path: Path) -> None:
    fifo = tmp_path / "people.csv"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(CampaignError, match="not a regular file"):
            list(read_recipients(path))
        with pytest.raises(CampaignError, match="not a regular file"):
            read_consent(path)


def test_the_campaign_command_gives_one_line_for_deep_recipients(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("Hi {{ first_name }},\n\nHow was Lisbon?\n", encoding="utf-8")
    (tmp_path / "r.json").write_text("[" * 100_000, encoding="utf-8")
    rc, _, err = run("campaign", tmp_path / "t.j2", "--recipients", tmp_path / "r.json")
    assert rc == 2 and len(err.splitlines()) == 1 and "nested too deeply" in err


# Special files named on the command line ----------------------------------------------------


def test_a_fifo_named_as_a_draft_is_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    rc, _, err = run(fifo)
    assert rc == 2 and "empty" in err
