"""Points a rule takes off a draft: its points per finding, at most its cap.

The README: "A rule costs its points each time it fires, until it has cost
its max_points (by default, its points: most rules count once per draft)."
The rules here come from a pack written for the test, so the numbers do not
move when the shipped rules are retuned.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import warmcheck
from warmcheck.config import load_file

#: Five rules, one per family that has a score, each firing several times.
PACK = r"""
rules:
  - code: SF901
    name: test-we-again
    severity: warning
    points: 4
    max_points: 10
    type: regex
    options:
      regex: "\\bwe\\b"
    message: The sender talks about themselves
    why: A test rule with a cap of two and a half findings.
    suggestion: Talk about the reader.
    examples:
      fail: ["we went"]
      pass: ["you went"]
  - code: BL901
    name: test-shouting
    severity: warning
    points: 7
    type: regex
    options:
      regex: "!!+"
    message: Shouting
    why: A test rule with no max_points, so it counts once.
    suggestion: One exclamation mark at most.
    examples:
      fail: ["Great!!!"]
      pass: ["Great."]
  - code: NL901
    name: test-subscribers
    severity: warning
    points: 6
    max_points: 6
    type: regex
    options:
      regex: "\\bsubscribers\\b"
    message: Written to subscribers
    why: A test rule whose max_points equals its points, so it counts once.
    suggestion: Write to one reader.
    examples:
      fail: ["Dear subscribers"]
      pass: ["Dear Ana"]
  - code: PR901
    name: test-someone
    severity: warning
    points: 5
    max_points: 15
    type: regex
    options:
      regex: "\\bsomeone\\b"
    message: Nobody in particular
    why: A test rule that fires under its cap.
    suggestion: Name the person.
    examples:
      fail: ["someone said"]
      pass: ["Ana said"]
  - code: SH901
    name: test-very
    severity: info
    points: 3
    max_points: 5
    type: regex
    options:
      regex: "\\bvery\\b"
    message: Very
    why: A test rule of the shape family, which has no score of its own.
    suggestion: Pick a stronger word.
    examples:
      fail: ["very good"]
      pass: ["good"]
"""

CODES = ("SF901", "BL901", "NL901", "PR901", "SH901")

#: SF901 x5, BL901 x3, NL901 x2, PR901 x2, SH901 x3; all in the body.
DRAFT = """\
Hi Priya,

we tried the new glaze and we loved it!! we think the kiln runs hot, so we
turned it down. Is it true that we can fire twice a day?!!! Someone at the
studio said someone else had a very very good batch. A very odd week!!
A note for subscribers: subscribers get the glaze chart first.

Cheers,
Lena
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "test-rules.yaml"
    path.write_text(textwrap.dedent(PACK).lstrip("\n"), encoding="utf-8")
    return path


def check(pack: Path, **config: object) -> warmcheck.Report:
    settings = {"model": "light", "packs": (pack,), "select": CODES, **config}
    return warmcheck.check(DRAFT, config=warmcheck.Config(**settings))  # type: ignore[arg-type]


def costs(report: warmcheck.Report, code: str) -> list[int]:
    """The points of a rule's findings, in the order they appear in the draft."""
    return [f.points for f in report.findings if f.rule == code]


def test_a_rule_that_fires_many_times_costs_at_most_its_cap(pack: Path) -> None:
    report = check(pack)
    # 4 + 4 + 2: the third finding takes only what is left under the cap of 10.
    assert costs(report, "SF901") == [4, 4, 2, 0, 0]
    # No max_points: the rule counts once, later findings are listed at 0.
    assert costs(report, "BL901") == [7, 0, 0]
    # max_points equal to points: once, too.
    assert costs(report, "NL901") == [6, 0]
    # Under its cap, every finding costs its points.
    assert costs(report, "PR901") == [5, 5]
    assert costs(report, "SH901") == [3, 2, 0]


def test_scores_follow_the_documented_formula_with_the_cap(pack: Path) -> None:
    report = check(pack)
    assert report.scores == {
        "warmth": 100 - (10 + 7 + 6 + 10 + 5),
        "reader_focus": 100 - 10,
        "one_to_one": 100 - (7 + 6),
        "personal_reference": 100 - 10,
    }
    assert report.warmth == 62
    assert report.verdict == "warn"


def test_the_first_findings_in_the_draft_carry_the_points(pack: Path) -> None:
    report = check(pack)
    first = [(f.line, f.column, f.points) for f in report.findings if f.rule == "SF901"]
    assert first == [(3, 1, 4), (3, 28, 4), (3, 42, 2), (3, 73, 0), (4, 33, 0)]
    assert [(f.line, f.column, f.points) for f in report.findings if f.rule == "BL901"] == [
        (3, 39, 7),
        (4, 57, 0),
        (5, 69, 0),
    ]


def test_every_finding_is_listed_even_past_the_cap(pack: Path) -> None:
    report = check(pack)
    assert len(report.findings) == 5 + 3 + 2 + 2 + 3
    assert sum(f.points for f in report.findings) == 100 - report.warmth


def test_a_rule_on_its_own_costs_its_cap(pack: Path) -> None:
    report = check(pack, select=("SF901",))
    assert report.scores == {"warmth": 90, "reader_focus": 90, "one_to_one": 100, "personal_reference": 100}
    report = check(pack, select=("BL901",))
    assert report.scores == {"warmth": 93, "reader_focus": 100, "one_to_one": 93, "personal_reference": 100}


def test_a_suppressed_finding_does_not_use_up_the_cap(pack: Path) -> None:
    draft = DRAFT.replace("turned it down.", "turned it down. warmcheck: disable=SF901", 1)
    config = warmcheck.Config(model="light", packs=(pack,), select=("SF901",))
    report = warmcheck.check(draft, config=config)
    # Line 4's "we" is suppressed: four findings, the cap still reached in line 3.
    assert [(f.line, f.points) for f in report.findings if f.rule == "SF901"] == [(3, 4), (3, 4), (3, 2), (3, 0)]
    assert report.warmth == 90


def write_config(tmp_path: Path, pack: Path, rules: str) -> warmcheck.Config:
    path = tmp_path / "warmcheck.toml"
    path.write_text(
        f'model = "light"\npacks = ["{pack.name}"]\nselect = {list(CODES)!r}\n'.replace("'", '"') + rules,
        encoding="utf-8",
    )
    return load_file(path)


def test_configured_points_replace_the_packs_points(tmp_path: Path, pack: Path) -> None:
    config = write_config(
        tmp_path,
        pack,
        "[rules.BL901]\npoints = 12\n"  # counts once: once, at the new points
        "[rules.test-we-again]\npoints = 6\n"  # by name; the cap of 10 stays
        "[rules.PR901]\npoints = 0\n",  # switched off in the score, still listed
    )
    report = warmcheck.check(DRAFT, config=config)
    assert costs(report, "BL901") == [12, 0, 0]
    assert costs(report, "SF901") == [6, 4, 0, 0, 0]
    assert costs(report, "PR901") == [0, 0]
    assert costs(report, "NL901") == [6, 0]
    assert costs(report, "SH901") == [3, 2, 0]
    assert report.scores == {
        "warmth": 100 - (12 + 10 + 0 + 6 + 5),
        "reader_focus": 90,
        "one_to_one": 100 - (12 + 6),
        "personal_reference": 100,
    }


def test_configured_points_above_the_cap_raise_the_cap(tmp_path: Path, pack: Path) -> None:
    config = write_config(tmp_path, pack, "[rules.SH901]\npoints = 8\n[rules.NL901]\npoints = 9\n")
    report = warmcheck.check(DRAFT, config=config)
    assert costs(report, "SH901") == [8, 0, 0]
    assert costs(report, "NL901") == [9, 0]
    assert report.warmth == 100 - (10 + 7 + 9 + 10 + 8)


def test_lower_configured_points_keep_a_count_once_rule_counting_once(tmp_path: Path, pack: Path) -> None:
    config = write_config(tmp_path, pack, "[rules.NL901]\npoints = 2\n")
    report = warmcheck.check(DRAFT, config=config)
    assert costs(report, "NL901") == [2, 0]


def test_a_configured_severity_of_error_fails_the_draft(tmp_path: Path, pack: Path) -> None:
    config = write_config(tmp_path, pack, '[rules.SH901]\nseverity = "error"\n')
    report = warmcheck.check(DRAFT, config=config)
    assert report.warmth == 62
    assert report.verdict == "fail"
    assert {f.severity for f in report.findings if f.rule == "SH901"} == {"error"}


@pytest.mark.parametrize(
    ("fail_under", "warn_under", "expected"),
    [(62, 63, "warn"), (63, 70, "fail"), (50, 62, "pass"), (62, 62, "pass")],
)
def test_the_verdict_is_taken_at_exactly_the_capped_warmth(
    pack: Path, fail_under: int, warn_under: int, expected: str
) -> None:
    report = check(pack, fail_under=fail_under, warn_under=warn_under)
    assert report.warmth == 62
    assert report.verdict == expected


def test_an_unused_suppression_costs_nothing(pack: Path) -> None:
    draft = DRAFT.replace("Cheers,", "warmcheck: disable=PR901\nCheers,")
    report = warmcheck.check(draft, config=warmcheck.Config(model="light", packs=(pack,), select=("PR901", "WC001")))
    engine = [f for f in report.findings if f.rule == "WC001"]
    assert len(engine) == 1 and engine[0].points == 0 and engine[0].family == "WC"
    assert report.scores == {"warmth": 90, "reader_focus": 100, "one_to_one": 100, "personal_reference": 90}
