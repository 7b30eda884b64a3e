"""Scores and verdict from findings: the formula the README documents.

    family score = max(0, 100 - sum of the points of that family's findings)
    warmth       = max(0, 100 - sum of the points of all findings)

The verdict is ``fail`` under ``fail_under`` or on any error-severity finding,
``warn`` under ``warn_under``, else ``pass``. These tests build findings by
hand, so they pin the arithmetic whatever the shipped rules are tuned to.
"""

from __future__ import annotations

import pytest

from warmcheck.core import FAMILIES, FAMILY_SCORE, SCORES, VERDICTS, Finding
from warmcheck.engine.score import scores, verdict


def finding(family: str, points: int, severity: str = "warning", number: int = 901) -> Finding:
    return Finding(
        rule=f"{family}{number}",
        name=f"made-up-{family.lower()}-{number}",
        family=family,
        severity=severity,
        points=points,
        message="made up for a test",
        suggestion="none",
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        text="x",
    )


# scores ---------------------------------------------------------------------


def test_the_four_scores_are_the_documented_ones() -> None:
    assert SCORES == ("warmth", "reader_focus", "one_to_one", "personal_reference")
    assert set(FAMILY_SCORE) == set(FAMILIES)


def test_no_findings_is_a_full_hundred_everywhere() -> None:
    assert scores([]) == {"warmth": 100, "reader_focus": 100, "one_to_one": 100, "personal_reference": 100}


def test_each_family_comes_off_its_own_score_and_off_warmth() -> None:
    found = [finding("SF", 12), finding("SF", 3, number=902), finding("BL", 15), finding("PR", 8)]
    assert scores(found) == {"warmth": 62, "reader_focus": 85, "one_to_one": 85, "personal_reference": 92}


def test_newsletter_and_blast_findings_both_come_off_one_to_one() -> None:
    assert scores([finding("NL", 10), finding("BL", 5)]) == {
        "warmth": 85,
        "reader_focus": 100,
        "one_to_one": 85,
        "personal_reference": 100,
    }


def test_newsletter_findings_alone_come_off_one_to_one() -> None:
    assert scores([finding("NL", 7)]) == {"warmth": 93, "reader_focus": 100, "one_to_one": 93, "personal_reference": 100}


def test_shape_findings_lower_warmth_only() -> None:
    assert scores([finding("SH", 5), finding("SH", 1, number=902)]) == {
        "warmth": 94,
        "reader_focus": 100,
        "one_to_one": 100,
        "personal_reference": 100,
    }


def test_warmcheck_findings_come_off_no_family_score() -> None:
    # The engine's own findings (WC001) cost nothing today; were one to cost
    # points, the formula still takes them off warmth and nothing else.
    assert scores([finding("WC", 0, severity="info")]) == dict.fromkeys(SCORES, 100)
    assert scores([finding("WC", 4)]) == {"warmth": 96, "reader_focus": 100, "one_to_one": 100, "personal_reference": 100}


def test_zero_point_findings_cost_nothing() -> None:
    assert scores([finding("SF", 0), finding("BL", 0), finding("PR", 0), finding("SH", 0)]) == dict.fromkeys(SCORES, 100)


def test_every_score_floors_at_zero() -> None:
    found = [finding("SF", 70), finding("SF", 45, number=902), finding("PR", 60), finding("NL", 100), finding("BL", 1)]
    assert scores(found) == {"warmth": 0, "reader_focus": 0, "one_to_one": 0, "personal_reference": 40}


def test_a_score_at_exactly_zero_is_zero_not_clamped_from_below() -> None:
    assert scores([finding("BL", 60), finding("NL", 40)]) == {
        "warmth": 0,
        "reader_focus": 100,
        "one_to_one": 0,
        "personal_reference": 100,
    }


def test_warmth_is_the_sum_over_families_not_the_worst_family() -> None:
    found = [finding("SF", 20), finding("BL", 20), finding("PR", 20), finding("SH", 20)]
    assert scores(found)["warmth"] == 20


def test_scores_take_any_iterable_once() -> None:
    assert scores(iter([finding("PR", 30)])) == {
        "warmth": 70,
        "reader_focus": 100,
        "one_to_one": 100,
        "personal_reference": 70,
    }


# verdict --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("warmth", "expected"),
    [
        (0, "fail"),
        (49, "fail"),
        (50, "warn"),  # exactly fail_under: not under it
        (51, "warn"),
        (74, "warn"),
        (75, "pass"),  # exactly warn_under: not under it
        (76, "pass"),
        (100, "pass"),
    ],
)
def test_verdict_thresholds_at_the_defaults(warmth: int, expected: str) -> None:
    assert verdict(warmth, [], 50, 75) == expected


@pytest.mark.parametrize(
    ("warmth", "fail_under", "warn_under", "expected"),
    [
        (30, 30, 30, "pass"),  # equal thresholds: at them is a pass
        (29, 30, 30, "fail"),
        (90, 90, 95, "warn"),
        (89, 90, 95, "fail"),
        (95, 90, 95, "pass"),
        (0, 0, 0, "pass"),  # thresholds of 0: nothing is under them
        (100, 100, 100, "pass"),
        (99, 0, 100, "warn"),
    ],
)
def test_verdict_thresholds_are_strictly_under(warmth: int, fail_under: int, warn_under: int, expected: str) -> None:
    assert verdict(warmth, [], fail_under, warn_under) == expected


def test_an_error_finding_fails_even_a_perfect_warmth() -> None:
    assert verdict(100, [finding("BL", 0, severity="error")], 50, 75) == "fail"


def test_an_error_finding_fails_whatever_its_family_or_position() -> None:
    found = [finding("SH", 1, severity="info"), finding("SF", 2), finding("WC", 0, severity="error")]
    assert verdict(100, found, 0, 0) == "fail"


@pytest.mark.parametrize("severity", ["warning", "info"])
def test_warnings_and_infos_leave_the_verdict_to_warmth(severity: str) -> None:
    found = [finding("BL", 10, severity=severity)]
    assert verdict(100, found, 50, 75) == "pass"
    assert verdict(60, found, 50, 75) == "warn"


def test_verdict_takes_findings_as_any_iterable() -> None:
    assert verdict(80, iter([finding("PR", 3, severity="error")]), 50, 75) == "fail"


def test_verdicts_are_the_three_documented_words() -> None:
    assert VERDICTS == ("pass", "warn", "fail")
