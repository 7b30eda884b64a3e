"""Suppression during one check: which directive silenced which finding.

The directives themselves are found once, when the draft is read
(:mod:`warmcheck.mail.suppress`, ``Draft.suppressions``), and never change.
What a check learns about them (which of their rule references suppressed a
finding, so that the others can be reported as unused) is kept here, in
objects made afresh for each check: a draft checked twice starts clean.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..mail.suppress import Suppression as Directive
from ..mail.suppress import blank

if TYPE_CHECKING:
    from ..core import Finding
    from ..message import Draft


@dataclass
class Suppression:
    """One directive as one check uses it."""

    directive: Directive
    #: The directive as written (the rules read it blanked out).
    written: str
    #: The references of the directive that suppressed something in this check.
    used: set[str] = field(default_factory=set)

    @property
    def refs(self) -> tuple[str, ...]:
        return self.directive.refs

    @property
    def line(self) -> int:
        return self.directive.line

    @property
    def start(self) -> int:
        return self.directive.start

    @property
    def end(self) -> int:
        return self.directive.end

    def covers(self, line: int) -> bool:
        return self.directive.covers(line)


def as_written(finding: Finding, sup: Suppression) -> Finding:
    """A finding about a directive, quoting it as written; one about a
    header's directive is on line 0, with the headers."""
    if sup.directive.kind == "header":
        return dataclasses.replace(finding, text=sup.written, line=0, column=1, end_line=0, end_column=1, start=0, end=0)
    return dataclasses.replace(finding, text=sup.written)


def prepare(draft: Draft) -> tuple[Draft, list[Suppression]]:
    """The draft as the rules read it (its directives blanked out) and fresh
    bookkeeping for its directives, for one check."""
    if not draft.suppressions:
        return draft, []
    text = blank(draft.text, draft.suppressions)
    written = [Suppression(d, d.written or draft.text[d.start : d.end]) for d in draft.suppressions]
    return dataclasses.replace(draft, text=text), written


def restore(text: str, suppressions: list[Suppression]) -> str:
    """The draft's text as it was read, its directives as written (the
    rules read them blanked out; positions are the same either way)."""
    for sup in suppressions:
        if sup.end > sup.start:
            text = text[: sup.start] + sup.written + text[sup.end :]
    return text
