"""The command line, in-process and as the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from warmcheck.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WARM, BLAST = EXAMPLES / "warm.txt", EXAMPLES / "blast.txt"


def run(*args: str, input: str | None = None, color: bool = False, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), input=input, color=color, env=env)


def test_a_warm_draft_passes_with_exit_0() -> None:
    result = run(str(WARM))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{WARM}: warmth ")
    assert result.output.splitlines()[0].endswith(" pass")
    assert result.output.splitlines()[-1] == "1 draft checked: 1 pass, 0 warn, 0 fail; 0 findings"


def test_a_blast_fails_with_exit_1_and_findings_with_suggestions() -> None:
    result = run(str(BLAST))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith(" fail")
    greeting = next(i for i, line in enumerate(lines) if " BL001 " in line)
    assert lines[greeting] == f"{BLAST}:3:1 BL001 generic-greeting Generic greeting that would fit anyone on a list [-15]"
    assert any(line.startswith("    -> ") for line in lines[greeting + 1 : greeting + 3])


def test_fail_under_turns_a_low_score_into_exit_1_and_says_so() -> None:
    assert run(str(WARM), "--fail-under", "100", "--select", "BL001").exit_code == 0
    draft = "Hi there,\n\nHow did the launch go?\n"
    result = run("-", "--fail-under", "90", "--select", "BL001", input=draft)
    assert result.exit_code == 1
    assert "<stdin>: warmth 85 is under --fail-under 90" in result.output.splitlines()


def test_standard_input_is_read_with_a_dash() -> None:
    result = run("-", "--format", "json", input="Dear Sir or Madam,\n\nHow are things?\n")
    report = json.loads(result.output)["reports"][0]
    assert report["source"] == "<stdin>"
    assert "BL001" in {f["rule"] for f in report["findings"]}


def test_json_is_the_documented_document() -> None:
    result = run(str(BLAST), str(WARM), "--format", "json")
    doc = json.loads(result.output)
    assert doc["schema"] == "warmcheck.report/1"
    assert [r["source"] for r in doc["reports"]] == [str(BLAST), str(WARM)]
    report = doc["reports"][0]
    assert {"source", "profile", "engine", "scores", "verdict", "metrics", "findings"} <= set(report)
    assert set(report["scores"]) == {"warmth", "reader_focus", "one_to_one", "personal_reference"}
    assert {"words", "questions", "grade"} <= set(report["metrics"])
    finding_keys = {
        "rule", "name", "family", "severity", "points", "message", "suggestion",
        "line", "column", "end_line", "end_column", "text",
    }  # fmt: skip
    assert report["findings"] and all(finding_keys <= set(f) for f in report["findings"])
    assert result.exit_code == 1


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    assert "\x1b[" not in run(str(BLAST)).output
    assert "\x1b[" in run(str(BLAST), color=True).output
    assert "\x1b[" not in run(str(BLAST), color=True, env={"NO_COLOR": "1"}).output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "warmcheck: missing.txt: no such file"),
        (["--config", "nope.toml", "x.txt"], "warmcheck: nope.toml: no such configuration file"),
        (["--select", "ZZ9", "x.txt"], "unknown rule code or name 'ZZ9'"),
        (["--model", "light", "--profile", "spam", "x.txt"], "Invalid value for '--profile'"),
    ],
)
def test_bad_usage_and_unreadable_input_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unreadable_input_does_not_stop_the_others() -> None:
    result = run("missing.txt", str(WARM))
    assert result.exit_code == 2
    assert f"{WARM}: warmth" in result.output


def test_rules_lists_every_rule_code_first() -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("BL001  generic-greeting") for line in lines)
    assert [line[:5] for line in lines] == sorted(line[:5] for line in lines)
    assert all(line[:2] in {"SF", "BL", "PR", "SH", "NL", "FU", "WC"} and line[2:5].isdigit() for line in lines)


@pytest.mark.parametrize("ref", ["BL001", "generic-greeting", "bl001"])
def test_explain_shows_why_suggestion_and_examples(ref: str) -> None:
    result = run("explain", ref)
    assert result.exit_code == 0
    assert result.output.startswith("BL001 generic-greeting (one-to-one, warning, 15 points)")
    for part in ("Why: ", "Instead: ", "Flags:", "Passes:"):
        assert part in result.output


@pytest.mark.parametrize(("ref", "head"), [("WC001", "WC001 unused-suppression"), ("campaign-blast", "BL065 campaign-blast")])
def test_explain_covers_findings_made_outside_the_packs(ref: str, head: str) -> None:
    result = run("explain", ref)
    assert result.exit_code == 0
    assert result.output.startswith(head) and "Why: " in result.output and "Instead: " in result.output


def test_explain_an_unknown_rule_exits_2() -> None:
    result = run("explain", "XX123")
    assert result.exit_code == 2
    assert "no rule 'XX123'" in result.output


def test_configuration_is_found_next_to_the_draft(tmp_path: Path) -> None:
    (tmp_path / "warmcheck.toml").write_text('ignore = ["BL001"]\n')
    draft = tmp_path / "d.txt"
    draft.write_text("Dear Sir or Madam,\n\nHow did the launch go?\n")
    result = run(str(draft), "--format", "json")
    assert "BL001" not in {f["rule"] for f in json.loads(result.output)["reports"][0]["findings"]}


# The installed console script -------------------------------------------------

SCRIPT = shutil.which("warmcheck", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(SCRIPT is None, reason="console script not installed")
def test_the_installed_console_script_runs_from_another_folder(tmp_path: Path) -> None:
    ok = subprocess.run([SCRIPT, str(WARM)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([SCRIPT, str(BLAST)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "\x1b[" not in bad.stdout  # piped: no colour
    missing = subprocess.run([SCRIPT, "nope.txt"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (missing.returncode, missing.stderr) == (2, "warmcheck: nope.txt: no such file\n")


BLOCK_SOCKETS = """
import socket, os
def _blocked(*args, **kwargs):
    with open(os.environ["WARMCHECK_NET_LOG"], "a") as log:
        log.write(repr(args[:2]) + "\\n")
    raise OSError("network access blocked by the test")
socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
"""


@pytest.mark.skipif(SCRIPT is None, reason="console script not installed")
@pytest.mark.parametrize("model", ["light", "auto"])
def test_the_cli_path_makes_no_network_access(tmp_path: Path, model: str) -> None:
    (tmp_path / "sitecustomize.py").write_text(BLOCK_SOCKETS)
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "WARMCHECK_NET_LOG": str(log)}
    for draft in sorted(EXAMPLES.glob("*.*")):
        if draft.suffix in {".txt", ".md", ".eml", ".html"}:
            subprocess.run(
                [SCRIPT, "--model", model, "--format", "json", str(draft)],
                cwd=tmp_path, env=env, capture_output=True, timeout=120,
            )  # fmt: skip
    assert not log.exists(), log.read_text()


def test_importing_warmcheck_does_not_import_spacy() -> None:
    code = "import sys, warmcheck; print(sorted(m for m in ('spacy', 'textstat', 'thinc') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_a_finding_on_a_long_passage_shows_its_first_words() -> None:
    from warmcheck.core import Finding
    from warmcheck.report.text import finding_lines

    passage = "We are the leading provider of planning tools, trusted by teams in forty countries,\nand more."
    finding = Finding("SF004", "about-us-paragraph", "SF", "warning", 12, "About us", "Cut it.", 3, 1, 4, 10, passage)
    lines = [click.unstyle(line) for line in finding_lines("d.txt", finding)]
    assert lines[1] == "    | We are the leading provider of planning tools, trusted by teams in forty ..."


def test_rules_check_examples_finds_a_custom_rule_whose_example_is_wrong(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "rules:\n"
        "  - code: BL901\n    name: circle-back\n    severity: info\n    points: 5\n    type: phrase\n"
        "    options:\n      phrases: [circle back]\n    message: Corporate filler\n"
        "    why: Stock phrases fit anyone.\n    suggestion: Say the plain thing.\n"
        "    examples:\n      fail: [\"Let's circle back.\"]\n      pass: [\"Let's circle back on Monday.\"]\n",
        encoding="utf-8",
    )
    (tmp_path / "warmcheck.toml").write_text('packs = ["house.yaml"]\nselect = ["BL901"]\n')
    result = run("rules", "--check-examples", "--model", "light", "--config", str(tmp_path / "warmcheck.toml"))
    assert result.exit_code == 1
    assert "house.yaml:2 BL901 flags its pass example (pass example 1: \"Let's circle back on Monday.\")" in result.output
    assert "1 of 2 examples behave (1 rules, engine light)" in result.output
