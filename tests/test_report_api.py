"""What a report gives a program: the text its positions refer to, each
finding's offsets into it, a source of the caller's choosing, and a stream
that goes on past a draft it cannot read."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

import warmcheck
from warmcheck import Config, Linter, WarmcheckError

LINTER = Linter(Config(model="light"))

PLAIN = "Subject: AMAZING NEWS\n\nDear Sir or Madam,\n\nWe are the best!!! Café tour? warmcheck: disable=BL001\n"


def test_every_finding_points_into_report_text_or_the_subject() -> None:
    report = LINTER.check(PLAIN)
    assert report.text == PLAIN  # the file's text, directives as written
    assert report.subject == "AMAZING NEWS"
    assert report.findings
    for f in report.findings:
        where = report.subject if f.line == 0 else report.text
        assert where is not None
        assert where[f.start : f.end] == f.text, f.rule
        if f.line:
            # The offsets agree with line and column.
            lines = report.text.split("\n")
            assert sum(len(x) + 1 for x in lines[: f.line - 1]) + f.column - 1 == f.start


def test_offsets_highlight_mail_without_reading_it_again() -> None:
    msg = EmailMessage()
    msg["From"] = "Bo <bo@example.org>"
    msg["To"] = "Ana <ana@example.net>"
    msg["Subject"] = "Tea"
    # Quoted-printable on the wire: the offsets are into the decoded text.
    msg.set_content("Dear Sir or Madam,\n\nWe are the best tea house in Lisbon!!! Caf\u00e9 visits?\n", cte="quoted-printable")
    report = LINTER.check(msg)
    assert "Café" in report.text and "=C3" not in report.text
    shout = next(f for f in report.findings if f.rule == "BL006")
    assert report.text[shout.start : shout.end] == "!!!"


def test_json_findings_carry_the_offsets() -> None:
    [finding] = [f.to_dict() for f in LINTER.check("Hi Ana,\n\nGreat!!! How was it?\n").findings if f.rule == "BL006"]
    assert (finding["start"], finding["end"]) == (14, 17)  # after "Hi Ana,\n\nGreat"


def test_a_string_draft_can_carry_its_own_source() -> None:
    assert LINTER.check("Hi Ana, how was Porto?", source="crm/4411").source == "crm/4411"
    assert warmcheck.check("Hi Ana, how was Porto?", config=Config(model="light"), source="x").source == "x"
    pairs = [("a", "Hi Ana, how was Porto?"), ("b", b"Hi Bo, how was Rome?")]
    assert [r.source for r in LINTER.check_many(pairs)] == ["a", "b"]


@pytest.mark.parametrize("text", ["", "  \n\t"])
def test_the_empty_string_is_the_input_error_an_empty_file_is(tmp_path: Path, text: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text(text)
    with pytest.raises(WarmcheckError) as from_file:
        LINTER.check(empty)
    with pytest.raises(WarmcheckError) as from_string:
        LINTER.check(text)
    assert str(from_file.value) == f"{empty}: {from_string.value}" == f"{empty}: empty: no text to check"
    with pytest.raises(WarmcheckError, match=r"^note-7: empty"):
        LINTER.check(text, source="note-7")


STREAM = ["Hi Ana, how was Porto?", "", Path("/no/such/draft.txt"), ("id-9", b"\x00\x01\x02binary"), "Hi Bo, how was Rome?"]


def test_check_many_raises_at_the_first_unreadable_draft_by_default() -> None:
    seen = []
    with pytest.raises(WarmcheckError, match="empty: no text to check"):
        for report in LINTER.check_many(STREAM):
            seen.append(report.source)
    assert len(seen) <= 1


def test_check_many_can_skip_unreadable_drafts() -> None:
    reports = list(LINTER.check_many(STREAM, on_error="skip"))
    assert [r.source for r in reports] == ["<string>", "<string>"]
    assert all(r.error is None for r in reports)


def test_check_many_can_report_unreadable_drafts_in_their_place() -> None:
    reports = list(LINTER.check_many(STREAM, on_error="report", profile="cold"))
    assert [(r.source, r.error) for r in reports] == [
        ("<string>", None),
        ("<string>", "empty: no text to check"),
        ("/no/such/draft.txt", "no such file"),
        ("id-9", "binary data, not a mail draft"),
        ("<string>", None),
    ]
    bad = reports[2]
    assert (bad.verdict, bad.findings, bad.profile, set(bad.scores.values())) == ("fail", (), "cold", {0})
    assert bad.to_dict()["error"] == "no such file"
    assert "error" not in reports[0].to_dict()


def test_check_many_refuses_an_unknown_on_error() -> None:
    with pytest.raises(ValueError, match="on_error"):
        list(LINTER.check_many(["Hi"], on_error="ignore"))  # type: ignore[arg-type]
