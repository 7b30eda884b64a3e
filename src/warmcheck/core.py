"""What every layer shares: the vocabularies (scopes, profiles, families,
severities), the values that flow through the engine (rules in, hits,
findings and reports out), and the error every failure a caller can meet
derives from. This module imports nothing of warmcheck's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


class WarmcheckError(Exception):
    """The base of every error warmcheck raises for a caller to handle: an
    input, configuration, rule pack, engine or campaign that cannot be used.
    Its message is one line that names the file and the problem."""


#: The parts of a draft a rule can read. ``all`` is every part of the body
#: text but the quoted history; the subject lives in the headers;
#: ``campaign`` is a whole campaign, judged on its template once the batch
#: is rendered (the campaign checker reports these findings in its summary).
SCOPES = ("subject", "greeting", "body", "signoff", "signature", "quoted", "footer", "all", "campaign")

Severity = Literal["error", "warning", "info"]
Verdict = Literal["pass", "warn", "fail"]
Profile = Literal["follow-up", "cold", "newsletter"]

FAMILIES = {
    "SF": "reader focus",
    "BL": "one-to-one",
    "PR": "personal reference",
    "SH": "shape",
    "NL": "newsletter",
    "FU": "follow-up memory",
    "WC": "warmcheck itself",
}

#: Which score each family's points come off. Every family also lowers warmth.
FAMILY_SCORE = {
    "SF": "reader_focus",
    "BL": "one_to_one",
    "NL": "one_to_one",
    # What the ledger of sent mail shows: chasing, repeating, one text sent to many.
    "FU": "one_to_one",
    "PR": "personal_reference",
    "SH": None,
    "WC": None,
}
SCORES = ("warmth", "reader_focus", "one_to_one", "personal_reference")
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
PROFILES: tuple[Profile, ...] = ("follow-up", "cold", "newsletter")
VERDICTS: tuple[Verdict, ...] = ("pass", "warn", "fail")


@dataclass(frozen=True)
class Hit:
    """Where a rule fired: ``text[start:end]`` of the draft (or of the subject,
    for subject-scoped rules), and the values the rule's message names
    (``{count}`` in the message is ``values["count"]``)."""

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Example:
    """A draft a rule must flag (``fail``) or leave alone (``pass``). A fail
    example may pin its first finding: where it lands (``at``, ``"line:column"``)
    and the message it gives."""

    text: str
    profile: Profile | None = None
    at: str | None = None
    message: str | None = None
    #: What the caller knows of the draft (``Draft.context``), as a campaign gives it.
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """One rule, as loaded and validated from a pack."""

    code: str
    name: str
    family: str
    severity: Severity
    points: int
    scope: str
    type: str
    message: str
    why: str
    suggestion: str
    options: dict[str, Any]
    fail_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    #: Profiles the rule runs under.
    profiles: tuple[Profile, ...] = PROFILES
    #: The most points the rule can take off one draft, however often it fires.
    max_points: int | None = None
    #: Where the rule was defined: ``pack.yaml:line``.
    origin: str = ""
    #: Languages the rule can judge (``en``...): it reads their words. Empty:
    #: any language (it counts, measures or reads the headers).
    languages: tuple[str, ...] = ()

    @property
    def cap(self) -> int:
        return self.points if self.max_points is None else self.max_points


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    family: str
    severity: Severity
    points: int
    message: str
    suggestion: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    scope: str = "body"
    #: Character offsets of the finding's words, ``start`` included and ``end``
    #: not: into :attr:`Report.text`, or into :attr:`Report.subject` for a
    #: finding on line 0 (the message headers).
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "family": self.family,
            "severity": self.severity,
            "points": self.points,
            "message": self.message,
            "suggestion": self.suggestion,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "scope": self.scope,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Report:
    source: str
    profile: Profile
    engine: str
    scores: dict[str, int]
    verdict: Verdict
    metrics: dict[str, Any]
    findings: tuple[Finding, ...]
    #: Problems met while reading that did not stop the check.
    warnings: tuple[str, ...] = ()
    #: Extra facts about this report (a campaign's recipient, why a profile was chosen).
    extra: dict[str, Any] = field(default_factory=dict)
    #: The text the positions refer to (the file's for plain text and
    #: Markdown, the decoded body text otherwise), suppression directives and
    #: all: ``text[f.start:f.end]`` is a body finding's words.
    text: str = ""
    #: The subject, which line-0 findings point into.
    subject: str | None = None
    #: Why the draft could not be checked, in a report that stands for an
    #: unreadable draft (``Linter.check_many(..., on_error="report")``): it has
    #: no findings, scores of 0 and the verdict ``fail``.
    error: str | None = None

    @property
    def warmth(self) -> int:
        return self.scores["warmth"]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "profile": self.profile,
            "engine": self.engine,
            "scores": dict(self.scores),
            "verdict": self.verdict,
            "metrics": dict(self.metrics),
            "findings": [f.to_dict() for f in self.findings],
            "warnings": list(self.warnings),
        }
        if self.error is not None:
            out["error"] = self.error
        out.update(self.extra)
        return out
