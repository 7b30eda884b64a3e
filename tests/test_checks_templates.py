"""The template checks (src/warmcheck/checks/templates.py), through the public
path: one rule selected, light engine. A template is read as a user gives it:
a ``.j2`` file (a template draft, merge fields masked, positions the
template's own) or Jinja2 pasted into a plain draft; rendered copies come
from ``warmcheck.check_campaign``.

BL050 template-fallback, BL051 missing-merge-value, BL052
name-only-template, BL053 template-fields. None of them has options.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

import warmcheck


@cache
def _config(code: str) -> warmcheck.Config:
    return warmcheck.Config(model="light", select=(code,))


@cache
def _linter(code: str) -> warmcheck.Linter:
    return warmcheck.Linter(_config(code))


def findings(code: str, draft: str | Path) -> list[warmcheck.Finding]:
    return [f for f in _linter(code).check(draft).findings if f.rule == code]


def where(found: list[warmcheck.Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.text) for f in found]


@pytest.fixture
def j2(tmp_path: Path) -> Any:
    def write(text: str) -> Path:
        path = tmp_path / "mail.j2"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def copies(code: str, template: str, people: list[dict[str, str]]) -> dict[str, list[warmcheck.Finding]]:
    result = warmcheck.check_campaign(template, people, config=_config(code))
    return {r.source: [f for f in r.findings if f.rule == code] for r in result.reports}


FALLBACK = 'Hi {{ first_name | default("there") }},\n\nHow did the launch go?\n'
PLAIN_FIELDS = "Hi {{ first_name }},\n\n{{ note }}\n\nSee you at the next meetup.\n"
NAME_ONLY = "Hi {{ first_name }},\n\nWe help teams at {{ company }} plan their week.\n"


# BL050 template-fallback -----------------------------------------------------------


def test_bl050_a_fallback_is_flagged_at_its_field_with_what_the_reader_would_read(j2: Any) -> None:
    found = findings("BL050", j2(FALLBACK))
    assert where(found) == [(1, 4, "")]
    assert found[0].message == 'Fallback "there" for first_name: a reader without it would read "Hi there,"'


@pytest.mark.parametrize(
    ("template", "fallback"),
    [
        ('Hi {{ first_name or "friend" }},\n\nHow did it go?\n', "friend"),
        ('Hi {{ first_name|d("there") }},\n\nHow did it go?\n', "there"),
        ('Hi {{ first_name if first_name else "pal" }},\n\nHow did it go?\n', "pal"),
    ],
)
def test_bl050_each_way_of_writing_a_fallback(j2: Any, template: str, fallback: str) -> None:
    (found,) = findings("BL050", j2(template))
    assert (found.line, found.column) == (1, 4)
    assert found.message == f'Fallback "{fallback}" for first_name: a reader without it would read "Hi {fallback},"'


def test_bl050_each_fallback_is_a_finding_and_a_long_line_is_cut_around_it(j2: Any) -> None:
    template = (
        'Hi {{ first_name | default("there") }},\n\nHow is {{ company | default("your team") }} doing after the long '
        "winter and the move to the new office by the river?\n"
    )
    found = findings("BL050", j2(template))
    assert [(f.line, f.column) for f in found] == [(1, 4), (3, 8)]
    assert found[1].message == (
        'Fallback "your team" for company: a reader without it would read '
        '"How is your team doing after the long winter and the move to..."'
    )


def test_bl050_a_template_pasted_as_a_draft_is_read_too() -> None:
    assert where(findings("BL050", FALLBACK)) == [(1, 4, "")]


def test_bl050_no_fallback_no_finding(j2: Any) -> None:
    assert findings("BL050", j2(PLAIN_FIELDS)) == []
    assert findings("BL050", "Hi Ana,\n\nHow did the launch go? There is a default setting for that.\n") == []


def test_bl050_rendered_copies_are_not_read_as_templates() -> None:
    assert copies("BL050", FALLBACK, [{"email": "bea@example.org", "first_name": "Bea"}]) == {"<template>[bea@example.org]": []}
    # Not even when a recipient's own value holds Jinja2 syntax.
    braces = {"email": "bea@example.org", "first_name": "Bea", "note": 'Write {{ name | default("there") }} in yours.'}
    assert copies("BL050", PLAIN_FIELDS, [braces]) == {"<template>[bea@example.org]": []}


# BL051 missing-merge-value ---------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "at"),
    [
        ("Hi ,\n\nHow did the launch go last week?\n", (1, 1, "Hi ,")),
        ("Dear ,\n\nThanks for the chat at the meetup.\n", (1, 1, "Dear ,")),
        ("Good morning !\n\nThanks for the chat.\n", (1, 1, "Good morning !")),
        ("Hey\t;\n\nThanks for the chat.\n", (1, 1, "Hey\t;")),
    ],
)
def test_bl051_a_greeting_whose_name_came_out_empty_is_flagged(draft: str, at: tuple[int, int, str]) -> None:
    found = findings("BL051", draft)
    assert where(found) == [at]
    reads = " ".join(at[2].split())
    assert found[0].message == f'No value for the name in the greeting for this recipient: the copy reads "{reads}"'


@pytest.mark.parametrize("draft", ["Hi,\n\nHow did it go?\n", "Hi Ana,\n\nHow did it go?\n", "Hi there ,\n\nHow did it go?\n"])
def test_bl051_a_greeting_with_a_name_or_none_at_all_passes(draft: str) -> None:
    assert findings("BL051", draft) == []


def test_bl051_a_rendered_copy_names_the_field_with_no_value() -> None:
    template = "Hi {{ first_name }},\n\nHow did the {{ topic }} go?\n"
    people = [
        {"email": "ana@example.org", "first_name": "Ana", "topic": "launch"},
        {"email": "bea@example.org", "first_name": "", "topic": "move"},
    ]
    found = copies("BL051", template, people)
    assert found["<template>[ana@example.org]"] == []
    (gap,) = found["<template>[bea@example.org]"]
    assert (gap.line, gap.column) == (1, 4)
    assert gap.message == 'No value for "first_name" for this recipient: the copy reads "Hi ,"'


def test_bl051_a_rendered_copy_says_when_a_fallback_stood_in() -> None:
    found = copies("BL051", FALLBACK, [{"email": "bea@example.org"}])
    (gap,) = found["<template>[bea@example.org]"]
    assert gap.message == 'No value for "first_name" (the fallback "there" stands in) for this recipient: the copy reads "Hi there,"'


# BL052 name-only-template ---------------------------------------------------------


def test_bl052_a_template_whose_fields_only_swap_in_the_reader_is_flagged(j2: Any) -> None:
    found = findings("BL052", j2(NAME_ONLY))
    # At the first tag of the first such field by name (company), as the rule's own example pins.
    assert where(found) == [(3, 18, "")]
    assert found[0].message == (
        "Every copy of this template will be the same text: its only merge fields (company, first_name) swap in who the reader is"
    )
    assert where(findings("BL052", j2(FALLBACK))) == [(1, 4, "")]


def test_bl052_a_field_for_a_real_note_passes(j2: Any) -> None:
    assert findings("BL052", j2(PLAIN_FIELDS)) == []
    assert findings("BL052", j2("Hi {{ name }},\n\n{% if note %}{{ note }}{% endif %}\n")) == []


def test_bl052_field_names_are_matched_in_any_case(j2: Any) -> None:
    (found,) = findings("BL052", j2("Hi {{ Name }},\n\nSee you.\n"))
    assert found.message.endswith("its only merge fields (Name) swap in who the reader is")


def test_bl052_a_template_file_with_no_fields_is_flagged_but_a_plain_draft_is_not(j2: Any) -> None:
    found = findings("BL052", j2("{# one text for all #}Hi there,\n\nSee you at the fair.\n"))
    assert where(found) == [(1, 1, "")]
    assert found[0].message == "Every copy of this template will be the same text: it has no merge fields"
    assert findings("BL052", "Hi Ana,\n\nHow did the launch go?\n") == []
    # Jinja2 pasted into a plain draft with no fields is not judged as a template file would be.
    assert findings("BL052", "Hi Ana,\n\n{% if true %}See you at the fair.{% endif %}\n") == []


# BL053 template-fields --------------------------------------------------------------


def test_bl053_the_fields_are_listed_at_the_first_one(j2: Any) -> None:
    found = findings("BL053", j2(PLAIN_FIELDS))
    assert where(found) == [(1, 4, "")]
    assert found[0].message == "The fields each recipient needs a value for: first_name, note"
    later = findings("BL053", j2("Hi there,\n\n{{ note }} and {{ first_name }}\n"))
    assert where(later) == [(3, 1, "")]
    assert later[0].message == "The fields each recipient needs a value for: first_name, note"


def test_bl053_no_fields_or_no_template_no_finding(j2: Any) -> None:
    assert findings("BL053", j2("{# one text for all #}Hi there,\n\nSee you.\n")) == []
    assert findings("BL053", "Hi Ana,\n\nHow did the launch go?\n") == []
    assert copies("BL053", PLAIN_FIELDS, [{"email": "ana@example.org", "first_name": "Ana", "note": "Hi."}]) == {
        "<template>[ana@example.org]": []
    }
