"""What a run of many drafts came to: the last line of the text output and
``--statistics`` (findings per rule, as ruff counts them).

    3 drafts checked: 1 pass, 1 warn, 1 fail; 23 findings

A :class:`Tally` is filled one report at a time, so that a folder of
thousands of drafts is counted without keeping its reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core import Report


@dataclass
class _Rule:
    code: str
    name: str
    severity: str
    count: int = 0
    points: int = 0
    drafts: int = 0


@dataclass
class Tally:
    verdicts: dict[str, int] = field(default_factory=lambda: {"pass": 0, "warn": 0, "fail": 0})
    findings: int = 0
    #: Findings left out by a severity filter.
    hidden: int = 0
    unreadable: int = 0
    rules: dict[str, _Rule] = field(default_factory=dict)

    def add(self, report: Report) -> None:
        if report.error is not None:
            self.unreadable += 1
            return
        self.verdicts[report.verdict] += 1
        self.findings += len(report.findings)
        self.hidden += int(report.extra.get("hidden_findings", 0))
        seen = set()
        for f in report.findings:
            rule = self.rules.setdefault(f.rule, _Rule(f.rule, f.name, f.severity))
            rule.count += 1
            rule.points += f.points
            if f.rule not in seen:
                rule.drafts += 1
                seen.add(f.rule)

    @property
    def drafts(self) -> int:
        return sum(self.verdicts.values())

    def line(self) -> str:
        """The last line of the text output."""
        v = self.verdicts
        n = self.drafts
        out = f"{n} draft{'' if n == 1 else 's'} checked: {v['pass']} pass, {v['warn']} warn, {v['fail']} fail"
        if self.unreadable:
            out += f"; {self.unreadable} could not be read"
        out += f"; {self.findings} finding{'' if self.findings == 1 else 's'}"
        if self.hidden:
            out += f" ({self.hidden} more below the severity shown)"
        return out

    def statistics(self) -> list[dict[str, Any]]:
        """Findings per rule, the most frequent first."""
        rows = sorted(self.rules.values(), key=lambda r: (-r.count, r.code))
        return [{"rule": r.code, "name": r.name, "severity": r.severity, "count": r.count,
                 "points": r.points, "drafts": r.drafts} for r in rows]  # fmt: skip

    def render_statistics(self) -> str:
        rows = self.statistics()
        if not rows:
            return ""
        width = max(len(r["name"]) for r in rows)
        lines = [
            f"{r['count']:>6}  {r['rule']}  {r['name']:<{width}}  {r['severity']:<7}  "
            f"{-r['points'] if r['points'] else 0} points in {r['drafts']} draft{'' if r['drafts'] == 1 else 's'}"
            for r in rows
        ]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """``--statistics --format json``."""
        return {
            "schema": "warmcheck.statistics/1",
            "drafts": self.drafts,
            "verdicts": dict(self.verdicts),
            "unreadable": self.unreadable,
            "findings": self.findings,
            "statistics": self.statistics(),
        }
