"""The conventions of linters people already use: --quiet, --statistics,
--min-severity, --exit-zero, --color, --stdin-filename, rules --format
json, a progress line for long runs on a terminal only, and a campaign's
summary on its own."""

from __future__ import annotations

import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from warmcheck import Config, Linter
from warmcheck.cli import cli
from warmcheck.report import output
from warmcheck.report.output import Output, Progress, colour_choice

BLAST = "Subject: AMAZING NEWS\n\nDear Sir or Madam,\n\nWe are the best!!! Buy now!!!\n"
#: As the folder's configuration has it.
LINTER = Linter(Config(model="light", fail_under=90, warn_under=95))
WARM = "Hi Ana,\n\nHow did the 1909 sheets turn out? I found a copy of the river map you mentioned.\n\nBest,\nBo\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "blast.txt").write_text(BLAST, encoding="utf-8")
    (tmp_path / "warm.txt").write_text(WARM, encoding="utf-8")
    # The blast fails, the warm note passes.
    (tmp_path / "warmcheck.toml").write_text('model = "light"\nfail_under = 90\nwarn_under = 95\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def run(*args: str, input: str | None = None, color: bool = False, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), input=input, color=color, env=env)


def findings_of(text: str) -> list[str]:
    return [line.split()[1] for line in text.splitlines() if line.startswith(("blast.txt:", "warm.txt:")) and ": warmth" not in line]


def test_the_last_line_sums_up_the_run(folder: Path) -> None:
    result = run("blast.txt", "warm.txt", "missing.txt")
    assert result.exit_code == 2
    report = LINTER.check(folder / "blast.txt")
    assert result.stdout.splitlines()[-1] == (
        f"2 drafts checked: 1 pass, 0 warn, 1 fail; 1 could not be read; {len(report.findings)} findings"
    )


def test_quiet_prints_only_failing_drafts_and_no_summary(folder: Path) -> None:
    result = run("-q", "blast.txt", "warm.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("blast.txt: warmth ")
    assert "warm.txt" not in result.stdout and "drafts checked" not in result.stdout
    assert run("--quiet", "warm.txt").stdout == ""
    quiet_json = json.loads(run("-q", "--format", "json", "blast.txt", "warm.txt").stdout)
    assert [r["source"] for r in quiet_json["reports"]] == ["blast.txt"]


def test_statistics_count_findings_per_rule_instead_of_listing_them(folder: Path) -> None:
    report = LINTER.check(folder / "blast.txt")
    result = run("--statistics", "blast.txt", "blast.txt", "warm.txt")
    lines = result.stdout.splitlines()
    assert not findings_of(result.stdout)
    assert lines[-1].startswith("3 drafts checked: 1 pass, 0 warn, 2 fail;")
    counts = {line.split()[1]: int(line.split()[0]) for line in lines[:-1]}
    expected: dict[str, int] = {}
    for f in report.findings:
        expected[f.rule] = expected.get(f.rule, 0) + 2
    assert counts == expected
    bl006 = next(line for line in lines if " BL006 " in line)
    assert bl006.split()[0] == "4" and bl006.endswith("in 2 drafts")
    doc = json.loads(run("--statistics", "--format", "json", "blast.txt", "warm.txt").stdout)
    assert doc["schema"] == "warmcheck.statistics/1"
    assert {row["rule"]: row["count"] for row in doc["statistics"]} == {k: v // 2 for k, v in expected.items()}


def test_statistics_are_text_or_json_only(folder: Path) -> None:
    result = run("--statistics", "--format", "sarif", "blast.txt")
    assert result.exit_code == 2
    assert result.output == "warmcheck: --statistics prints text or json, not sarif\n"


def test_min_severity_hides_lesser_findings_and_says_how_many(folder: Path) -> None:
    report = LINTER.check(folder / "blast.txt")
    shown = [f.rule for f in report.findings if f.severity in ("error", "warning")]
    hidden = len(report.findings) - len(shown)
    assert shown and hidden
    result = run("--min-severity", "warning", "blast.txt")
    assert findings_of(result.stdout) == shown
    assert result.stdout.splitlines()[0] == click.unstyle(run("blast.txt").stdout.splitlines()[0])  # same scores
    plural = "" if len(shown) == 1 else "s"
    assert result.stdout.splitlines()[-1].endswith(f"; {len(shown)} finding{plural} ({hidden} more below the severity shown)")
    doc = json.loads(run("--min-severity", "warning", "--format", "json", "blast.txt").stdout)
    assert doc["reports"][0]["hidden_findings"] == hidden


def test_exit_zero_keeps_2_for_errors(folder: Path) -> None:
    assert run("blast.txt").exit_code == 1
    assert run("--exit-zero", "blast.txt").exit_code == 0
    assert run("--exit-zero", "blast.txt", "missing.txt").exit_code == 2


@pytest.mark.parametrize(
    ("flag", "env", "terminal", "coloured"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_color_auto_always_never(folder: Path, flag: str, env: dict[str, str], terminal: bool, coloured: bool) -> None:
    # CliRunner's color=True stands for a terminal (click keeps styles).
    result = run("--color", flag, "blast.txt", color=terminal, env=env)
    assert ("\x1b[" in result.stdout) is coloured
    assert click.unstyle(result.stdout) == click.unstyle(run("blast.txt").stdout)


def test_colour_choice_reads_the_environment() -> None:
    assert colour_choice("auto", {}) is None
    assert colour_choice("auto", {"FORCE_COLOR": "0"}) is None
    assert colour_choice("auto", {"FORCE_COLOR": "true"}) is True
    assert colour_choice("auto", {"NO_COLOR": ""}) is None


def test_stdin_filename_reads_standard_input_as_that_kind_of_file(folder: Path) -> None:
    markdown = "Dear Sir or Madam,\n\nWe are **the best**!!! [Buy now](https://example.org)\n"
    result = run("--format", "json", "-", "--stdin-filename", "notes/offer.md", input=markdown)
    [report] = json.loads(result.stdout)["reports"]
    assert report["source"] == "notes/offer.md"
    shout = next(f for f in report["findings"] if f["rule"] == "BL006")
    # Read as Markdown: the markup is blanked, the words keep their columns.
    assert (shout["line"], shout["column"], shout["text"]) == (3, 20, "!!!")
    plain = json.loads(run("--format", "json", "-", input=markdown).stdout)["reports"][0]
    assert plain["source"] == "<stdin>"


def test_stdin_filename_finds_the_configuration_from_its_folder(folder: Path) -> None:
    sub = folder / "team"
    sub.mkdir()
    (sub / "warmcheck.toml").write_text('model = "light"\nignore = ["BL001"]\n', encoding="utf-8")
    result = run("--format", "json", "-", "--stdin-filename", "team/draft.txt", input=BLAST)
    rules = {f["rule"] for f in json.loads(result.stdout)["reports"][0]["findings"]}
    assert "BL001" not in rules and "BL006" in rules


def test_stdin_filename_needs_standard_input(folder: Path) -> None:
    result = run("blast.txt", "--stdin-filename", "x.md")
    assert (result.exit_code, result.output) == (2, "warmcheck: --stdin-filename names standard input: give - as the input\n")


def test_rules_as_json(folder: Path) -> None:
    doc = json.loads(run("rules", "--format", "json").stdout)
    assert doc["schema"] == "warmcheck.rules/1"
    rules = {r["code"]: r for r in doc["rules"]}
    assert set(rules) == {r.code for r in LINTER.rules}
    assert rules["BL001"]["name"] == "generic-greeting"
    assert rules["BL001"]["family_name"] == "one-to-one"
    assert {"why", "suggestion", "severity", "points", "max_points", "profiles", "options", "scope", "type"} <= set(rules["BL001"])
    only = json.loads(run("rules", "--format", "json", "--family", "wc").stdout)["rules"]
    assert [r["code"] for r in only] == ["WC001"]


# progress -------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_half_a_second_and_is_wiped(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(output.time, "monotonic", clock)
    stream = Terminal()
    progress = Progress(stream)
    progress.tick()
    assert stream.getvalue() == ""  # a short run shows nothing
    clock.now += 1.0
    progress.tick()
    assert stream.getvalue() == "\r\x1b[Kwarmcheck: checked 2 drafts (2/s)"
    progress.tick()  # within a tenth of a second: not redrawn
    assert stream.getvalue().count("checked") == 1
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_progress_when_standard_error_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(output.time, "monotonic", clock)
    piped = io.StringIO()
    progress = Progress(piped)
    for _ in range(5):
        clock.now += 1
        progress.tick()
    assert piped.getvalue() == ""


@pytest.mark.parametrize(
    ("fmt", "quiet", "stdout_tty", "stderr_tty", "shown"),
    [
        ("json", False, False, True, True),  # a document at the end: progress meanwhile
        ("text", True, True, True, True),  # quiet: little printed, progress between
        ("text", False, False, True, True),  # reports go to a file or a pipe
        ("text", False, True, True, False),  # reports stream to the same terminal: they are the progress
        ("json", False, True, False, False),  # standard error is not a terminal
    ],
)
def test_when_progress_is_shown(
    monkeypatch: pytest.MonkeyPatch, fmt: str, quiet: bool, stdout_tty: bool, stderr_tty: bool, shown: bool
) -> None:
    monkeypatch.setattr(output, "_is_terminal", lambda s: stdout_tty if s is output.sys.stdout else stderr_tty)
    assert Output(fmt, quiet=quiet).progress.enabled is shown


def test_a_folder_run_through_a_pipe_has_no_progress_on_stderr(folder: Path) -> None:
    for n in range(30):
        (folder / f"copy{n:02}.txt").write_text(BLAST, encoding="utf-8")
    result = run("--format", "json", ".")
    assert result.stderr == ""
    assert len(json.loads(result.stdout)["reports"]) == 32


# campaigns ------------------------------------------------------------------

TEMPLATE = "Subject: Hello {{ first_name }}\n\nHi {{ first_name | default('there') }},\n\nI hope this email finds you well. We are the best!\n"


def test_a_campaign_can_print_only_its_summary_with_the_template_findings_once(folder: Path) -> None:
    (folder / "t.j2").write_text(TEMPLATE, encoding="utf-8")
    (folder / "people.csv").write_text("email,first_name\na@x.example,Ana\nb@x.example,Bo\nc@x.example,\n", encoding="utf-8")
    full = run("campaign", "t.j2", "--recipients", "people.csv")
    short = run("campaign", "t.j2", "--recipients", "people.csv", "--summary-only")
    assert short.exit_code == full.exit_code
    assert "t.j2[" not in short.stdout and "t.j2[" in full.stdout
    assert short.stdout.startswith("campaign t.j2 with people.csv: 3 copies")
    assert short.stdout == full.stdout[full.stdout.index("campaign t.j2 with") :]
    section = short.stdout.split("the template itself (merge fields masked): ", 1)[1]
    assert section.count(" BL050 template-fallback ") == 1
    assert section.count(" BL004 mass-mail-phrasing ") == 1
    doc = json.loads(run("campaign", "t.j2", "--recipients", "people.csv", "--summary-only", "--format", "json").stdout)
    assert doc["reports"] == []
    assert "BL050" in {f["rule"] for f in doc["campaign"]["template_findings"]}

