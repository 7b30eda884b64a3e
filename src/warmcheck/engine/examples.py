"""Running every rule's own examples: the test suite does it for the shipped
packs, and ``warmcheck rules --check-examples`` does it for a user's packs."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from ..core import Example, Finding, Rule
from .linter import Linter


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    kind: str  # "fail" (must be flagged) or "pass" (must not be)
    index: int
    example: Example
    #: The rule's first finding on the example, if it fired.
    finding: Finding | None

    @property
    def flagged(self) -> bool:
        return self.finding is not None

    @property
    def problem(self) -> str | None:
        """What is wrong, or None when the example behaves."""
        if self.kind == "pass":
            return "flags its pass example" if self.finding else None
        if self.finding is None:
            return "does not flag its fail example"
        f, ex = self.finding, self.example
        if ex.at is not None and ex.at != f"{f.line}:{f.column}":
            return f"flags its fail example at {f.line}:{f.column}, not {ex.at}"
        if ex.message is not None and ex.message != f.message:
            return f"gives the message {f.message!r}, not {ex.message!r}"
        return None

    @property
    def ok(self) -> bool:
        return self.problem is None


def first_finding(linter: Linter, rule: Rule, example: Example) -> Finding | None:
    """The first finding of ``rule`` on ``example``, checked under the
    example's profile (else the rule's first), and as mail when it is a
    whole message."""
    draft = linter.read(example.text.encode())
    if example.context:
        draft = dataclasses.replace(draft, context=example.context)
    report = linter.check(draft, profile=example.profile or rule.profiles[0])
    return next((f for f in report.findings if f.rule == rule.code), None)


def flags(linter: Linter, rule: Rule, example: Example) -> bool:
    """Whether ``rule`` fires on ``example``."""
    return first_finding(linter, rule, example) is not None


def run_examples(linter: Linter, rules: list[Rule] | None = None) -> Iterator[ExampleResult]:
    """Every example of every rule, checked with ``linter``."""
    for rule in linter.rules if rules is None else rules:
        for kind, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples)):
            for index, example in enumerate(examples):
                yield ExampleResult(rule, kind, index, example, first_finding(linter, rule, example))
