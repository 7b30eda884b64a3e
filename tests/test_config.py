"""Configuration files: discovery, validation, and what they change."""

from __future__ import annotations

from pathlib import Path

import pytest

import warmcheck
from warmcheck import config as configs
from warmcheck.config import ConfigError


def test_pyproject_table_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.warmcheck]\nprofile = "cold"\nfail_under = 40\n')
    drafts = tmp_path / "mail" / "drafts"
    drafts.mkdir(parents=True)
    config = configs.discover(drafts / "note.txt")
    assert (config.profile, config.fail_under, config.origin) == ("cold", 40, str(tmp_path / "pyproject.toml"))


def test_warmcheck_toml_wins_over_a_pyproject_without_a_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "warmcheck.toml").write_text('ignore = ["SH"]\n')
    assert configs.discover(tmp_path / "sub" / "a.txt").ignore == ("SH",)
    assert configs.discover(tmp_path / "a.txt").origin == "defaults"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('colour = "red"\n', "unknown key 'colour'"),
        ('profile = "spam"\n', "bad value for 'profile': one of follow-up, cold, newsletter"),
        ("fail_under = 101\n", "bad value for 'fail_under': a whole number from 0 to 100"),
        ("fail_under = 80\nwarn_under = 60\n", "'fail_under' (80) is above 'warn_under' (60)"),
        ("[sender]\nnickname = ['x']\n", "unknown key 'sender.nickname'"),
        ('[rules.BL001]\nseverity = "fatal"\n', "bad value for 'rules.BL001.severity'"),
        ("select = 3\n", "bad value for 'select': a list of strings"),
        ("profile = \n", "not valid TOML"),
    ],
)
def test_bad_configuration_names_file_key_and_what_is_allowed(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "warmcheck.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as err:
        configs.load_file(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)


def test_an_unknown_rule_code_in_configuration_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "warmcheck.toml"
    path.write_text('ignore = ["BL999"]\n')
    with pytest.raises(ConfigError, match=r"warmcheck.toml: ignore: unknown rule code or name 'BL999'"):
        warmcheck.Linter(configs.load_file(path))


def test_bad_rule_options_in_configuration_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "warmcheck.toml"
    path.write_text("[rules.sender-centred-pronouns.options]\nmax = 'high'\n")
    with pytest.raises(ConfigError, match=r"rules.sender-centred-pronouns.options: option 'max' must be"):
        warmcheck.Linter(configs.load_file(path))


def test_per_rule_severity_points_and_options(tmp_path: Path) -> None:
    path = tmp_path / "warmcheck.toml"
    path.write_text(
        '[rules.generic-greeting]\nseverity = "error"\npoints = 30\n'
        "[rules.SH001.options]\nmax = 5\n"
    )
    linter = warmcheck.Linter(configs.load_file(path))
    report = linter.check("Hi there,\n\nHow did the launch go last week, and the team?\n")
    greeting = next(f for f in report.findings if f.rule == "BL001")
    assert (greeting.severity, greeting.points) == ("error", 30)
    assert report.verdict == "fail"
    assert any(f.rule == "SH001" for f in report.findings)


def test_the_senders_company_counts_as_talking_about_yourself() -> None:
    draft = (
        "Hi Ana,\n\nAcme builds planning tools. Acme has clients in ten countries and Acme won an award. "
        "Acme Cloud is the fastest planner. Acme is hiring and Acme Cloud is growing. Would you like a demo?\n"
    )
    plain = warmcheck.check(draft)
    aware = warmcheck.check(draft, config=warmcheck.Config(company=("Acme",), products=("Acme Cloud",)))
    assert plain.metrics["first_person"] == 0
    assert aware.metrics["first_person"] == 6
    assert aware.scores["reader_focus"] < plain.scores["reader_focus"]


def test_lowering_a_rules_points_keeps_it_counting_once(tmp_path: Path) -> None:
    path = tmp_path / "warmcheck.toml"
    path.write_text("[rules.generic-greeting]\npoints = 5\n")
    rule = next(r for r in warmcheck.Linter(configs.load_file(path)).rules if r.code == "BL001")
    assert (rule.points, rule.cap) == (5, 5)
