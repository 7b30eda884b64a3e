"""The text and JSON reports, line by line and key by key.

The rules come from a pack written for the test, so the lines do not move
when the shipped rules' messages or points change.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import warmcheck
from warmcheck.cli import cli
from warmcheck.report import FORMATS

PACK = r"""
rules:
  - code: BL901
    name: test-shouting
    severity: warning
    points: 7
    type: regex
    options:
      regex: "!!+"
    message: Shouting
    why: A test rule that counts once.
    suggestion: One exclamation mark at most.
    examples:
      fail: ["Great!!!"]
      pass: ["Great."]
  - code: SH902
    name: test-subject-shout
    severity: info
    points: 2
    scope: subject
    type: regex
    options:
      regex: "!!+"
    message: The subject shouts
    why: A test rule on the subject.
    suggestion: Write the subject calmly.
    examples:
      fail: ["Great!!!"]
      pass: ["Great."]
  - code: PR902
    name: test-cafe-tour
    severity: warning
    points: 5
    type: regex
    options:
      regex: "café tour"
    message: A tour again
    why: A test rule whose words are not all ASCII.
    suggestion: Ask about their work instead.
    examples:
      fail: ["the café tour of it"]
      pass: ["the tour"]
"""

CODES = ["BL901", "SH902", "PR902"]

#: Line 1 is the subject; the body's first words are on line 3.
DRAFT = """\
Subject: Kiln notes!!

Hi Zoë,

Thanks for the café tour of the wood kiln!! The ash glaze on your
bowls was lovely. Could we swap recipes some time?!!

Best,
Lena
"""

EXPECTED_TEXT = """\
draft.txt: warmth 86 (reader focus 100, one-to-one 93, personal reference 95) pass
draft.txt:0:11 SH902 test-subject-shout The subject shouts [-2]
    | !!
    -> Write the subject calmly.
draft.txt:5:16 PR902 test-cafe-tour A tour again [-5]
    | café tour
    -> Ask about their work instead.
draft.txt:5:42 BL901 test-shouting Shouting [-7]
    | !!
    -> One exclamation mark at most.
draft.txt:6:51 BL901 test-shouting Shouting
    | !!
    -> One exclamation mark at most.
"""

#: The last line of the text output.
SUMMARY = "1 draft checked: 1 pass, 0 warn, 0 fail; 4 findings\n"

FINDING_KEYS = {
    "rule",
    "name",
    "family",
    "severity",
    "points",
    "message",
    "suggestion",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the draft, the pack and a configuration; the current directory."""
    (tmp_path / "pack.yaml").write_text(textwrap.dedent(PACK).lstrip("\n"), encoding="utf-8")
    # The profile is pinned: these tests are about the formats, not how a profile is chosen.
    (tmp_path / "warmcheck.toml").write_text(
        f'model = "light"\nprofile = "follow-up"\npacks = ["pack.yaml"]\nselect = {json.dumps(CODES)}\n', encoding="utf-8"
    )
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def run(*args: str, color: bool = False, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["--config", "warmcheck.toml", *args], color=color, env=env)


def report(workdir: Path) -> warmcheck.Report:
    config = warmcheck.Config(model="light", packs=(workdir / "pack.yaml",), select=tuple(CODES), profile="follow-up")
    return warmcheck.check(Path("draft.txt"), config=config)


# text -----------------------------------------------------------------------


def test_the_text_report_line_by_line(workdir: Path) -> None:
    result = run("draft.txt")
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED_TEXT + SUMMARY


def test_the_text_formatter_gives_the_same_lines_without_colour(workdir: Path) -> None:
    assert click.unstyle(FORMATS["text"]([report(workdir)])) == EXPECTED_TEXT


def test_no_color_turns_colour_off_even_on_a_terminal(workdir: Path) -> None:
    coloured = run("draft.txt", color=True)
    assert "\x1b[" in coloured.output
    assert click.unstyle(coloured.output) == EXPECTED_TEXT + SUMMARY
    plain = run("draft.txt", color=True, env={"NO_COLOR": "1"})
    assert plain.output == EXPECTED_TEXT + SUMMARY


def test_a_profile_other_than_follow_up_is_named(workdir: Path) -> None:
    lines = run("--profile", "cold", "draft.txt").output.splitlines()
    assert lines[0].startswith("draft.txt: warmth 86 ")
    assert lines[1] == "  profile: cold (asked for)"
    assert lines[2:] == [*EXPECTED_TEXT.splitlines()[1:], SUMMARY.strip()]


def test_a_failing_draft_says_fail_and_exits_1(workdir: Path) -> None:
    (workdir / "warmcheck.toml").write_text(
        f'model = "light"\npacks = ["pack.yaml"]\nselect = {json.dumps(CODES)}\nfail_under = 87\nwarn_under = 90\n',
        encoding="utf-8",
    )
    result = run("draft.txt")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "draft.txt: warmth 86 (reader focus 100, one-to-one 93, personal reference 95) fail"
    )


def test_a_clean_draft_is_one_line_and_the_summary(workdir: Path) -> None:
    (workdir / "clean.txt").write_text("Hi Zoë,\n\nHow did the firing go?\n\nBest,\nLena\n", encoding="utf-8")
    result = run("clean.txt")
    assert result.exit_code == 0
    assert result.output == (
        "clean.txt: warmth 100 (reader focus 100, one-to-one 100, personal reference 100) pass\n"
        "1 draft checked: 1 pass, 0 warn, 0 fail; 0 findings\n"
    )


# JSON -----------------------------------------------------------------------


def test_the_json_report_follows_the_schema(workdir: Path) -> None:
    result = run("--format", "json", "draft.txt")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["schema"] == "warmcheck.report/1"
    (one,) = document["reports"]
    assert {"source", "profile", "engine", "scores", "verdict", "metrics", "findings"} <= set(one)
    assert one["source"] == "draft.txt"
    assert one["profile"] == "follow-up"
    assert one["engine"] == "light"
    assert one["scores"] == {"warmth": 86, "reader_focus": 100, "one_to_one": 93, "personal_reference": 95}
    assert one["verdict"] == "pass"
    assert {"words", "questions", "grade"} <= set(one["metrics"])
    assert one["metrics"]["words"] == 2 + 9 + 8 + 6
    for finding in one["findings"]:
        assert set(finding) >= FINDING_KEYS
    assert [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["points"]) for f in one["findings"]] == [
        ("SH902", 0, 11, 0, 13, 2),
        ("PR902", 5, 16, 5, 25, 5),
        ("BL901", 5, 42, 5, 44, 7),
        ("BL901", 6, 51, 6, 53, 0),
    ]
    first_body = one["findings"][1]
    assert first_body == {
        **first_body,
        "rule": "PR902",
        "name": "test-cafe-tour",
        "family": "PR",
        "severity": "warning",
        "points": 5,
        "message": "A tour again",
        "suggestion": "Ask about their work instead.",
        "text": "café tour",
    }


def test_json_points_add_up_to_the_scores(workdir: Path) -> None:
    one = json.loads(run("--format", "json", "draft.txt").output)["reports"][0]
    assert one["scores"]["warmth"] == 100 - sum(f["points"] for f in one["findings"])
    assert one["scores"]["one_to_one"] == 100 - sum(f["points"] for f in one["findings"] if f["family"] == "BL")


def test_json_positions_point_at_the_words_in_the_file(workdir: Path) -> None:
    lines = (workdir / "draft.txt").read_text(encoding="utf-8").split("\n")
    one = json.loads(run("--format", "json", "draft.txt").output)["reports"][0]
    body = [f for f in one["findings"] if f["line"] > 0]
    assert len(body) == 3
    for f in body:
        assert f["line"] == f["end_line"]
        # 1-based, end exclusive, counted in characters ("café" is in PR902 and before BL901).
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]


def test_a_subject_finding_is_on_line_0_and_points_into_the_subject(workdir: Path) -> None:
    one = json.loads(run("--format", "json", "draft.txt").output)["reports"][0]
    (subject,) = [f for f in one["findings"] if f["rule"] == "SH902"]
    assert (subject["line"], subject["end_line"]) == (0, 0)
    assert "Kiln notes!!"[subject["column"] - 1 : subject["end_column"] - 1] == subject["text"] == "!!"


def test_a_finding_across_a_wrapped_line_spans_both_lines(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        textwrap.dedent(PACK).lstrip("\n").replace('regex: "café tour"', 'regex: "glaze\\\\s+on\\\\s+your\\\\s+bowls"'),
        encoding="utf-8",
    )
    config = warmcheck.Config(model="light", packs=(pack,), select=("PR902",))
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    (finding,) = warmcheck.check(draft, config=config).findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (5, 53, 6, 6)
    lines = DRAFT.split("\n")
    in_file = lines[4][finding.column - 1 :] + "\n" + lines[5][: finding.end_column - 1]
    assert in_file == "glaze on your\nbowls"
    assert finding.text.split() == in_file.split()


def test_a_finding_across_a_wrapped_line_quotes_the_file_exactly(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        textwrap.dedent(PACK).lstrip("\n").replace('regex: "café tour"', 'regex: "glaze\\\\s+on\\\\s+your\\\\s+bowls"'),
        encoding="utf-8",
    )
    config = warmcheck.Config(model="light", packs=(pack,), select=("PR902",))
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    (finding,) = warmcheck.check(draft, config=config).findings
    assert finding.text == "glaze on your\nbowls"


def test_the_json_formatter_keeps_non_ascii_and_ends_with_a_newline(workdir: Path) -> None:
    text = FORMATS["json"]([report(workdir)])
    assert text.endswith("}\n")
    assert json.loads(text)["reports"][0]["findings"][1]["text"] == "café tour"
    assert "\\u" not in text


def test_several_drafts_make_one_document_in_order(workdir: Path) -> None:
    (workdir / "clean.txt").write_text("Hi Zoë,\n\nHow did the firing go?\n\nBest,\nLena\n", encoding="utf-8")
    document = json.loads(run("--format", "json", "draft.txt", "clean.txt").output)
    assert document["schema"] == "warmcheck.report/1"
    assert [(r["source"], r["verdict"], r["scores"]["warmth"]) for r in document["reports"]] == [
        ("draft.txt", "pass", 86),
        ("clean.txt", "pass", 100),
    ]
    assert document["reports"][1]["findings"] == []


def test_an_error_severity_finding_fails_in_the_json_report(workdir: Path) -> None:
    (workdir / "warmcheck.toml").write_text(
        f'model = "light"\npacks = ["pack.yaml"]\nselect = {json.dumps(CODES)}\n[rules.PR902]\nseverity = "error"\n',
        encoding="utf-8",
    )
    result = run("--format", "json", "draft.txt")
    assert result.exit_code == 1
    one = json.loads(result.output)["reports"][0]
    assert (one["scores"]["warmth"], one["verdict"]) == (86, "fail")
    assert [f["severity"] for f in one["findings"] if f["rule"] == "PR902"] == ["error"]
