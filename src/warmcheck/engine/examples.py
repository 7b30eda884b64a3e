"""Running every rule's own examples: the test suite does it for the shipped
packs, and ``warmcheck rules --check-examples`` does it for a user's packs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .linter import Linter
from ..core import Example, Rule


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    kind: str  # "fail" (must be flagged) or "pass" (must not be)
    index: int
    example: Example
    flagged: bool

    @property
    def ok(self) -> bool:
        return self.flagged == (self.kind == "fail")


def flags(linter: Linter, rule: Rule, example: Example) -> bool:
    """Whether ``rule`` fires on ``example``, checked under the example's
    profile (else the rule's first), and as mail when it is a whole message."""
    report = linter.check(example.text.encode(), profile=example.profile or rule.profiles[0])
    return any(f.rule == rule.code for f in report.findings)


def run_examples(linter: Linter, rules: list[Rule] | None = None) -> Iterator[ExampleResult]:
    """Every example of every rule, checked with ``linter``."""
    for rule in linter.rules if rules is None else rules:
        for kind, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples)):
            for index, example in enumerate(examples):
                yield ExampleResult(rule, kind, index, example, flags(linter, rule, example))
