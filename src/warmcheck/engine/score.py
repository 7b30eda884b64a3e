"""Scores and verdict, straight from the findings.

Each finding carries the points it costs. A family score is 100 minus the
points of its family's findings; warmth is 100 minus the points of every
finding; both floor at 0. The verdict is ``fail`` under ``fail_under`` or on
any error-severity finding, ``warn`` under ``warn_under``, else ``pass``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core import FAMILY_SCORE, SCORES, Finding, Verdict


def scores(findings: Iterable[Finding]) -> dict[str, int]:
    lost = dict.fromkeys(SCORES, 0)
    for f in findings:
        lost["warmth"] += f.points
        family_score = FAMILY_SCORE.get(f.family)
        if family_score:
            lost[family_score] += f.points
    return {name: max(0, 100 - lost[name]) for name in SCORES}


def verdict(warmth: int, findings: Iterable[Finding], fail_under: int, warn_under: int) -> Verdict:
    if warmth < fail_under or any(f.severity == "error" for f in findings):
        return "fail"
    if warmth < warn_under:
        return "warn"
    return "pass"
