"""The newsletter check (src/warmcheck/checks/newsletter.py), through the
public path: NL001 no-unsubscribe selected alone, light engine, under the
newsletter profile it runs in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

import warmcheck


@cache
def _linter(options: tuple[tuple[str, Any], ...]) -> warmcheck.Linter:
    rules = {"NL001": warmcheck.RuleSettings(options=dict(options))} if options else {}
    return warmcheck.Linter(warmcheck.Config(model="light", select=("NL001",), rules=rules))


def report(draft: str | bytes, *, profile: str | None = "newsletter", **options: Any) -> warmcheck.Report:
    return _linter(tuple(sorted(options.items()))).check(draft, profile=profile)


def where(draft: str | bytes, **kwargs: Any) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.text) for f in report(draft, **kwargs).findings if f.rule == "NL001"]


#: 15 words (greeting and body), no way out.
ISSUE = "Hello readers,\n\nThis month: three tips for spring planting and a recipe for leek soup.\n"


def test_nl001_a_newsletter_with_no_way_out_is_flagged_at_its_first_line() -> None:
    found = [f for f in report(ISSUE).findings if f.rule == "NL001"]
    assert [(f.line, f.column, f.text) for f in found] == [(1, 1, "Hello readers,")]
    assert found[0].message == "No way to unsubscribe"
    indented = ISSUE.replace("Hello readers,\n\n", "\n\n   ")
    assert where(indented) == [(3, 4, "This month: three tips for spring planting and a recipe for leek soup.")]


@pytest.mark.parametrize(
    "way_out",
    [
        "To stop receiving these notes, reply with the word stop.",
        "Unsubscribe: reply stop.",
        "Best,\nThe garden club\nManage your preferences at the club desk.",  # in the signature
        "Leave this list any time: reply with one word.",
    ],
)
def test_nl001_unsubscribe_wording_anywhere_in_the_text_passes(way_out: str) -> None:
    assert where(ISSUE + "\n" + way_out + "\n") == []


def test_nl001_a_list_unsubscribe_header_or_link_passes() -> None:
    header = (
        b"From: Club <club@example.org>\nTo: ana@example.org\nSubject: April\nList-Unsubscribe: <mailto:leave@example.org>\n\n"
        + ISSUE.encode()
    )
    assert where(header) == []
    html = (
        b"From: Club <club@example.org>\nTo: ana@example.org\nSubject: April\nMIME-Version: 1.0\n"
        b"Content-Type: text/html; charset=utf-8\n\n<p>Hello readers,</p><p>This month: three tips for spring planting.</p>"
        b'<p><a href="https://example.org/unsubscribe?u=1">here</a></p>\n'
    )
    assert where(html) == []


def test_nl001_quoted_history_is_no_way_out() -> None:
    assert where(ISSUE + "\n> Unsubscribe me please.\n") == [(1, 1, "Hello readers,")]


def test_nl001_runs_under_the_newsletter_profile_only() -> None:
    assert where(ISSUE, profile="follow-up") == []
    assert where(ISSUE, profile="cold") == []
    # With no profile asked for, a plain draft is a follow-up.
    assert where(ISSUE, profile=None) == []


def test_nl001_by_default_every_newsletter_is_judged_however_short() -> None:
    only_signature = report("-- \nThe garden club\n")
    assert only_signature.metrics["words"] == 0
    assert [(f.line, f.column, f.text) for f in only_signature.findings] == [(1, 1, "--")]


@pytest.mark.parametrize(("min_words", "fires"), [(14, True), (15, True), (16, False)])
def test_nl001_min_words_boundary(min_words: int, fires: bool) -> None:
    assert report(ISSUE).metrics["words"] == 15
    assert bool(where(ISSUE, min_words=min_words)) is fires
