"""Checking in several processes gives the same reports, in the same order."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import warmcheck
from warmcheck.cli import cli

DRAFTS = [
    "Hi Ana,\n\nHow did the tasting at the co-op go on Saturday? I kept the list of growers you asked for.\n\nBest,\nSam\n",
    "Dear Sir or Madam,\n\nWe are the leading provider of garden tools. Act now!!! Limited time only.\n",
    "",  # unreadable: no text
    "Hi Tomas,\n\nThanks for the ride home after the meetup. Shall I send you the map of the bike lanes?\n",
] * 9


def _dicts(reports: list[warmcheck.Report]) -> list[dict[str, object]]:
    return [r.to_dict() for r in reports]


def test_several_processes_give_the_same_reports_in_order() -> None:
    linter = warmcheck.Linter(warmcheck.Config(model="light"))
    named = [(f"draft-{i}", text) for i, text in enumerate(DRAFTS)]
    one = list(linter.check_many(named, on_error="report", batch_size=4))
    two = list(linter.check_many(named, on_error="report", batch_size=4, jobs=2))
    assert [r.source for r in two] == [f"draft-{i}" for i in range(len(DRAFTS))]
    assert _dicts(two) == _dicts(one)
    assert sum(r.error is not None for r in two) == 9


def test_the_command_line_prints_the_same_with_jobs(tmp_path: Path) -> None:
    for i, text in enumerate(t for t in DRAFTS if t):
        (tmp_path / f"{i:02d}.txt").write_text(text)
    runs = [CliRunner().invoke(cli, ["--model", "light", "--format", "json", "--jobs", n, str(tmp_path)]) for n in ("1", "3")]
    assert runs[0].exit_code == runs[1].exit_code
    assert runs[0].output == runs[1].output and runs[0].output.count("\"source\"") == 27
