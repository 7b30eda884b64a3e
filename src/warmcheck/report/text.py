"""The human format: a score line per draft, then one line per finding.

    draft.txt: warmth 40 (reader focus 80, one-to-one 45, personal reference 85) fail
    draft.txt:1:1 BL001 generic-greeting Generic greeting that would fit anyone on a list
        -> Greet the reader by name ("Hi Ana,").

Colour is added with click.style; click drops it when the output is not a
terminal, and the CLI turns it off for NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Iterable

import click

from ..core import Finding, Report

_VERDICT_COLOUR = {"pass": "green", "warn": "yellow", "fail": "red"}
_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def score_line(report: Report) -> str:
    s = report.scores
    verdict = click.style(report.verdict, fg=_VERDICT_COLOUR[report.verdict], bold=True)
    return (
        f"{click.style(report.source, bold=True)}: warmth {s['warmth']} "
        f"(reader focus {s['reader_focus']}, one-to-one {s['one_to_one']}, "
        f"personal reference {s['personal_reference']}) {verdict}"
    )


def _excerpt(text: str, width: int = 80) -> str:
    """The words a finding points at: its first line, cut to ``width``."""
    first = text.strip().splitlines()[0]
    more = len(first) > width or "\n" in text.strip()
    if not more:
        return first
    cut = first[: width - 4]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " ..."


def finding_lines(source: str, f: Finding) -> list[str]:
    code = click.style(f.rule, fg=_SEVERITY_COLOUR[f.severity], bold=True)
    points = f" [-{f.points}]" if f.points else ""
    lines = [f"{source}:{f.line}:{f.column} {code} {f.name} {f.message}{points}"]
    if f.text.strip():
        lines.append(click.style(f"    | {_excerpt(f.text)}", dim=True))
    lines.append(f"    -> {f.suggestion}")
    return lines


def render(reports: Iterable[Report]) -> str:
    out: list[str] = []
    for report in reports:
        out.append(score_line(report))
        if report.profile != "follow-up":
            out.append(f"  profile: {report.profile} ({report.extra.get('profile_reason', '')})")
        for warning in report.warnings:
            out.append(click.style(f"  warning: {warning}", fg="yellow"))
        known = report.extra.get("ledger")
        if isinstance(known, dict) and any(f.family == "FU" for f in report.findings):
            # What the FU findings stand on: how much the ledger holds, and since when.
            out.append(f"  ledger: {known.get('sent')} sent and {known.get('received')} received mails since {known.get('since')}")
        for f in report.findings:
            out.extend(finding_lines(report.source, f))
    return "\n".join(out) + "\n" if out else ""
