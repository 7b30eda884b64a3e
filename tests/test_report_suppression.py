"""Suppression that never reaches the reader: line, block and file
directives in the draft, and the ``X-Warmcheck-Disable`` header for mail
(removed by ``warmcheck sendmail`` before the message goes)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from warmcheck import Config, Linter, message
from warmcheck.hooks import SendmailOptions, sendmail
from warmcheck.hooks.wrapper import remove_disable_header
from warmcheck.mail import suppress

LINTER = Linter(Config(model="light"))

SHOUTY = "Subject: AMAZING NEWS\n\nDear Sir or Madam,\n\nWe are great!!! We are the best!!!\n"


def found(draft: str | bytes) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in LINTER.check(draft).findings]


def test_the_draft_without_directives_has_the_findings_the_tests_silence() -> None:
    assert {("SH007", 0), ("BL001", 3), ("BL006", 5)} <= set(found(SHOUTY))


@pytest.mark.parametrize(
    "directive",
    ["warmcheck: disable-file=SH007,BL006", "<!-- warmcheck: disable-file=SH007, BL006 -->", "warmcheck: disable-file=SH007,shouting,BL006"],
)
def test_a_file_directive_silences_its_rules_everywhere_subject_included(directive: str) -> None:
    draft = SHOUTY.replace("\n\nWe are", f"\n{directive}\nWe are")
    got = found(draft)
    assert not [rule for rule, _ in got if rule in ("SH007", "BL006")]
    assert ("BL001", 3) in got
    # "shouting" (BL005) finds nothing here: the unused name is reported, not the others.
    assert [r for r, _ in got if r == "WC001"] == (["WC001"] if "shouting" in directive else [])


def test_a_file_directive_may_name_a_family() -> None:
    got = found(SHOUTY + "warmcheck: disable-file=BL\n")
    assert not [r for r, _ in got if r.startswith("BL")]
    assert ("SH007", 0) in got


def test_an_off_block_silences_every_rule_until_on() -> None:
    draft = "Hi Ana,\n\nHow was Porto?\nwarmcheck: off\nWe are great!!!\nDear Sir or Madam,\nwarmcheck: on\nBuy now!!!\n"
    got = found(draft)
    assert not [line for _, line in got if 4 <= line <= 7]
    assert ("BL006", 8) in got


def test_an_off_block_with_rules_silences_only_those_and_runs_to_the_end_without_on() -> None:
    draft = "Hi Ana,\n\nHow was Porto?\n<!-- warmcheck: off=BL006 -->\nWe are great!!!\n\nBuy now!!! Really!!!\n"
    got = found(draft)
    assert not [r for r, _ in got if r == "BL006"]
    assert ("BL007", 7) in got  # "Buy now" is another rule


def test_an_unused_block_directive_is_reported_like_a_line_one() -> None:
    draft = "Hi Ana,\n\nwarmcheck: off=BL001\nHow was Porto?\nwarmcheck: on\n"
    [line] = [n for r, n in found(draft) if r == "WC001"]
    assert line == 3


def test_the_directives_are_blanked_for_the_rules_and_kept_in_report_text() -> None:
    draft = "Hi Ana,\nwarmcheck: off\nWe we we we we.\nwarmcheck: on\nHow are you?\n"
    blanked, directives = suppress.extract(draft)
    assert len(blanked) == len(draft) and "warmcheck" not in blanked
    assert [(d.kind, d.line, d.until) for d in directives] == [("block", 2, 4), ("on", 4, None)]
    report = LINTER.check(draft)
    assert report.text == draft
    assert report.metrics["words"] == 2 + 5 + 3  # the directives are not words of the mail


def test_on_alone_and_words_that_only_start_like_a_switch_are_not_directives() -> None:
    _, directives = suppress.extract("warmcheck: online now\nwarmcheck: offer\nwarmcheck: on\n")
    assert [(d.kind, d.line) for d in directives] == [("on", 3)]


MAIL = (
    b"From: Bo Berg <bo@berg-tea.example>\r\n"
    b"To: Ana Lopez <ana@rivermaps.example>\r\n"
    b"Subject: AMAZING NEWS\r\n"
    b"X-Warmcheck-Disable: SH007,\r\n"
    b"  BL001\r\n"
    b"\r\n"
    b"Dear Sir or Madam,\r\n"
    b"\r\n"
    b"How did the 1909 sheets turn out?\r\n"
)


def test_a_mail_header_silences_its_rules_in_the_whole_message() -> None:
    bare = found(MAIL.replace(b"X-Warmcheck-Disable: SH007,\r\n  BL001\r\n", b""))
    assert {("SH007", 0), ("BL001", 1)} <= set(bare)
    got = found(MAIL)
    assert not [r for r, _ in got if r in ("SH007", "BL001")]
    assert not [r for r, _ in got if r == "WC001"]


def test_an_unused_header_directive_is_reported_on_line_0_as_written() -> None:
    report = LINTER.check(MAIL.replace(b"  BL001\r\n", b"  BL001, PR003\r\n"))
    [unused] = [f for f in report.findings if f.rule == "WC001"]
    assert (unused.line, unused.column, unused.end_line) == (0, 1, 0)
    assert unused.text == "X-Warmcheck-Disable: SH007, BL001, PR003"
    assert unused.message == "suppression of 'PR003' suppresses nothing"


def test_the_header_is_not_a_directive_in_a_plain_draft_body() -> None:
    draft = message.read("Dear Sir or Madam,\n\nX-Warmcheck-Disable: BL001\n")
    assert draft.suppressions == ()


def test_the_wrapper_removes_the_header_and_nothing_else() -> None:
    cleaned = remove_disable_header(MAIL)
    assert cleaned == MAIL.replace(b"X-Warmcheck-Disable: SH007,\r\n  BL001\r\n", b"")
    body_mention = b"From: a@b.example\nSubject: x\n\nX-Warmcheck-Disable: BL001\n"
    assert remove_disable_header(body_mention) == body_mention


@pytest.mark.parametrize("skip", [False, True])
def test_warmcheck_sendmail_never_sends_the_header(tmp_path: Path, skip: bool) -> None:
    out = tmp_path / "sent.eml"
    # A stand-in for the real sendmail: it writes what it is handed to a file.
    command = [sys.executable, "-c", f"import sys, pathlib; pathlib.Path({str(out)!r}).write_bytes(sys.stdin.buffer.read())"]
    data = MAIL.replace(b"Dear Sir or Madam,", b"Hi Ana,")
    if skip:
        data = b"X-Warmcheck: skip\r\n" + data
    status = sendmail(command, data, config=Config(model="light"), options=SendmailOptions(warn_only=True))
    assert status == 0
    sent = out.read_bytes()
    assert b"X-Warmcheck-Disable" not in sent
    assert sent == data.replace(b"X-Warmcheck: skip\r\n", b"").replace(b"X-Warmcheck-Disable: SH007,\r\n  BL001\r\n", b"")
