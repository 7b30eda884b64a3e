"""Rule packs, rule types, suppression and scoring."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import warmcheck
from warmcheck.engine.loader import PackError, load_pack, load_packs

GOOD_RULE = """
  - code: BL901
    name: test-shout
    severity: warning
    points: 7
    type: regex
    options:
      regex: "!!+"
    message: Shouting
    why: Shouting reads as a blast.
    suggestion: One exclamation mark at most.
    examples:
      fail: ["Great!!!"]
      pass: ["Great."]
"""


def write_pack(tmp_path: Path, body: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text("rules:\n" + textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    (rule,) = load_pack(write_pack(tmp_path, GOOD_RULE))
    assert (rule.code, rule.family, rule.points, rule.scope) == ("BL901", "BL", 7, "body")
    assert rule.origin == "pack.yaml:2"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("    points: 7", "    points: 7\n    colour: red"), "unknown key 'colour'"),
        (("type: regex", "type: sparkle"), "unknown type 'sparkle'"),
        (('regex: "!!+"', 'regex: "(unclosed"'), "bad regex"),
        (('regex: "!!+"', 'regex: "!!+"\n      flavour: 1'), "unknown option 'flavour'"),
        (("code: BL901", "code: XX901"), "must be a family"),
        (("name: test-shout", "name: Test Shout"), "kebab-case"),
        (("severity: warning", "severity: fatal"), "severity must be one of"),
        (("points: 7", "points: 700"), "points must be"),
        (('      pass: ["Great."]', ""), "at least one 'pass' example"),
        (("    scope: body", ""), None),
    ],
)
def test_a_bad_rule_is_refused_with_file_line_and_reason(tmp_path: Path, change: tuple[str, str], reason: str | None) -> None:
    body = GOOD_RULE.replace("    points: 7", "    points: 7\n    scope: body")
    path = write_pack(tmp_path, body.replace(*change))
    if reason is None:
        load_pack(path)
        return
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert str(err.value).startswith(f"{path}:2")
    assert reason in str(err.value)


def test_a_bad_token_pattern_is_refused(tmp_path: Path) -> None:
    body = GOOD_RULE.replace("type: regex", "type: pattern").replace(
        'regex: "!!+"', 'patterns: [[{"LOWERR": "hello"}]]'
    )
    with pytest.raises(PackError, match=r"pack.yaml:2 \(BL901\): bad token pattern"):
        load_pack(write_pack(tmp_path, body))


def test_duplicate_codes_and_names_are_refused(tmp_path: Path) -> None:
    one = write_pack(tmp_path, GOOD_RULE, "one.yaml")
    two = write_pack(tmp_path, GOOD_RULE.replace("BL901", "BL902"), "two.yaml")
    with pytest.raises(PackError, match="duplicate rule 'test-shout'"):
        load_packs([one, two])


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("rules:\n  - code: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"broken.yaml:\d+: not valid YAML"):
        load_pack(path)


def test_extra_packs_come_from_configuration(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, GOOD_RULE)
    report = warmcheck.check("Hi Ana,\n\nThat was great!!!\n", config=warmcheck.Config(packs=(pack,), select=("BL901",)))
    assert [f.rule for f in report.findings] == ["BL901"]
    assert (report.findings[0].line, report.findings[0].column, report.findings[0].text) == (3, 15, "!!!")


# Suppression ---------------------------------------------------------------

BLAST = "Dear Sir or Madam,\n\nI hope this finds you well.\n"


def test_a_directive_on_the_line_suppresses_that_rule() -> None:
    draft = "Dear Sir or Madam,  warmcheck: disable=generic-greeting\n\nHow did the launch go?\n"
    report = warmcheck.check(draft)
    assert "BL001" not in {f.rule for f in report.findings}
    assert "WC001" not in {f.rule for f in report.findings}


def test_a_comment_alone_on_its_line_applies_to_the_next_line() -> None:
    draft = "<!-- warmcheck: disable=BL001 -->\nDear Sir or Madam,\n\nHow did the launch go?\n"
    report = warmcheck.check(draft)
    assert "BL001" not in {f.rule for f in report.findings}


def test_a_suppression_that_suppresses_nothing_is_reported() -> None:
    draft = "Hi Ana,  warmcheck: disable=BL001,no-such-rule\n\nHow did the launch go?\n"
    report = warmcheck.check(draft)
    unused = [f for f in report.findings if f.rule == "WC001"]
    assert [f.message for f in unused] == [
        "suppression of 'BL001' suppresses nothing",
        "suppression of 'no-such-rule' suppresses nothing (no loaded rule has that code or name)",
    ]
    assert all(f.points == 0 and f.line == 1 for f in unused)


def test_the_directive_is_not_read_as_the_senders_words() -> None:
    draft = "Hi Ana,\n\nwarmcheck: disable=SH001\nHow did the launch go?\n"
    report = warmcheck.check(draft)
    assert report.metrics["words"] == warmcheck.check("Hi Ana,\n\nHow did the launch go?\n").metrics["words"]


# Scoring -------------------------------------------------------------------


def test_every_point_lost_is_traceable_to_a_finding() -> None:
    report = warmcheck.check(Path(__file__).parents[1] / "examples" / "blast.txt")
    assert report.verdict == "fail"
    lost = sum(f.points for f in report.findings)
    assert report.scores["warmth"] == max(0, 100 - lost)
    by_family = {"reader_focus": "SF", "one_to_one": "BL", "personal_reference": "PR"}
    for score, family in by_family.items():
        family_lost = sum(f.points for f in report.findings if f.family == family or (score == "one_to_one" and f.family == "NL"))
        assert report.scores[score] == max(0, 100 - family_lost)


def test_a_rule_costs_at_most_its_cap() -> None:
    draft = "Hi there,\n\nHi there, hello there, hey there.\n"
    report = warmcheck.check(draft, config=warmcheck.Config(select=("BL001",)))
    costs = [f.points for f in report.findings if f.rule == "BL001"]
    assert costs and sum(costs) <= 15


def test_verdict_thresholds_come_from_configuration() -> None:
    draft = "Dear Sir or Madam,\n\nHow did the launch go?\n"
    strict = warmcheck.check(draft, config=warmcheck.Config(select=("BL001",), fail_under=90, warn_under=95))
    lenient = warmcheck.check(draft, config=warmcheck.Config(select=("BL001",), fail_under=10, warn_under=20))
    assert (strict.verdict, lenient.verdict) == ("fail", "pass")


def test_an_error_severity_finding_fails_the_draft() -> None:
    report = warmcheck.check("Hi {{ first_name }},\n\nHow did the launch go?\n", config=warmcheck.Config(select=("BL002",)))
    assert report.scores["warmth"] >= 50
    assert report.verdict == "fail"


def test_selection_by_family_prefix_name_and_code() -> None:
    linter = warmcheck.Linter(warmcheck.Config(select=("BL",), ignore=("unfilled-merge-tag",)))
    assert {r.family for r in linter.rules} == {"BL"}
    assert "BL002" not in {r.code for r in linter.rules}


def test_a_rule_runs_only_under_its_profiles(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, GOOD_RULE.replace("    points: 7", "    points: 7\n    profiles: [cold]"))
    config = warmcheck.Config(packs=(pack,), select=("BL901",))
    assert not warmcheck.check("Great!!!\n", config=config).findings
    assert warmcheck.check("Great!!!\n", config=config, profile="cold").findings


# Third-party checks ------------------------------------------------------------

PLUGIN = '''
from warmcheck.checks import Hit, check

@check("mentions-pineapple")
def mentions_pineapple(analysis, options):
    start = analysis.text.find("pineapple")
    if start >= 0:
        yield Hit(start, start + len("pineapple"))
'''

PLUGIN_PACK = GOOD_RULE.replace("type: regex", "type: check").replace('regex: "!!+"', "check: mentions-pineapple").replace(
    '["Great!!!"]', '["I like pineapple."]'
)


def test_a_third_party_check_comes_through_the_entry_point(tmp_path: Path) -> None:
    (tmp_path / "pineapple_checks.py").write_text(PLUGIN)
    dist = tmp_path / "pineapple_checks-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: pineapple-checks\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[warmcheck.checks]\npineapple = pineapple_checks\n")
    pack = write_pack(tmp_path, PLUGIN_PACK)
    code = (
        "import sys, warmcheck; from pathlib import Path\n"
        f"config = warmcheck.Config(packs=(Path({str(pack)!r}),), select=('BL901',))\n"
        "print([f.text for f in warmcheck.check('Hi, I like pineapple.', config=config).findings])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.strip() == "['pineapple']", out.stderr


def test_a_phrase_wrapped_across_lines_is_still_found() -> None:
    wrapped = "Hi Ana,\n\nThe slides are attached. I hope this email\nfinds you well and that we can act\nnow on it.\n"
    report = warmcheck.check(wrapped, config=warmcheck.Config(select=("BL004", "BL007")))
    # The rules read the wrap as a space; positions and text stay the file's own.
    assert [(f.rule, f.line, f.column, f.end_line, f.text) for f in report.findings] == [
        ("BL004", 3, 26, 4, "I hope this email\nfinds you"),
        ("BL007", 4, 32, 5, "act\nnow"),
    ]
