"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and the
other tools that read static analysis results.

One run: ``tool.driver`` is warmcheck with every rule that was loaded (its
message as ``shortDescription``, why as ``fullDescription``, why and what to
do instead as ``help``, severity as the default level), one result per
finding, and one artifact per draft with its scores and verdict. Columns
are counted in Unicode code points, as warmcheck counts them. A finding
that is not on the file's own lines (the subject of a mail, the body of an
encoded one) says where it is in its message (see :mod:`.locate`). A draft
that could not be read is a tool notification, not a result.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..core import FAMILIES, Report, Rule
from .locate import place

VERSION = "2.1.0"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def uri(source: str) -> str:
    """A draft's source as a URI reference: a relative path stays relative
    (code scanning resolves it against the repository), an absolute one is a
    ``file://`` URI; an mbox message (``box.mbox#3``) is its file."""
    path = source.rsplit("#", 1)[0] if "#" in source and not Path(source).exists() else source
    if path.startswith("<") and path.endswith(">"):  # <stdin>, <string>
        path = path[1:-1]
    as_path = Path(path)
    if as_path.is_absolute():
        return as_path.as_uri()
    return quote(as_path.as_posix(), safe="/-._~")


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    from ..engine.types import shown_message

    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": shown_message(rule)},
        "fullDescription": {"text": " ".join(rule.why.split())},
        "help": {
            "text": f"{' '.join(rule.why.split())}\n\nInstead: {rule.suggestion}",
            "markdown": f"{' '.join(rule.why.split())}\n\n**Instead:** {rule.suggestion}",
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": ["warmcheck", FAMILIES.get(rule.family, rule.family)],
            "family": rule.family,
            "points": rule.points,
            "scope": rule.scope,
        },
    }


def document(reports: Iterable[Report], rules: Sequence[Rule] | None = None) -> dict[str, Any]:
    """The SARIF log as a dict. ``rules``: the rules that ran (by default the
    shipped ones); a finding of a rule not among them is still described."""
    from ..engine.linter import all_rules
    from . import version

    known = list(rules) if rules is not None else all_rules()
    reports = list(reports)
    descriptors = {r.code: _rule_descriptor(r) for r in sorted(known, key=lambda r: r.code)}
    for report in reports:
        for f in report.findings:
            if f.rule not in descriptors:
                descriptors[f.rule] = {"id": f.rule, "name": f.name, "shortDescription": {"text": f.message},
                                       "help": {"text": f.suggestion}}  # fmt: skip
    index = {code: i for i, code in enumerate(descriptors)}
    results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        location: dict[str, Any] = {"uri": uri(report.source)}
        if report.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": f"{report.source}: {report.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": location}}],
            })  # fmt: skip
            continue
        location["index"] = len(artifacts)
        artifacts.append({
            "location": {"uri": location["uri"]},
            "properties": {"source": report.source, "profile": report.profile, "scores": dict(report.scores),
                           "verdict": report.verdict, "engine": report.engine},
        })  # fmt: skip
        for f in report.findings:
            where = place(report, f)
            region: dict[str, Any] = {
                "startLine": where.line,
                "startColumn": where.column,
                "endLine": max(where.end_line, where.line),
                "endColumn": where.end_column if where.end_line >= where.line else where.column,
            }
            if f.text.strip() and not where.note:
                region["snippet"] = {"text": f.text}
            message = f.message + (f" ({where.note})" if where.note else "")
            results.append({
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVELS[f.severity],
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": dict(location), "region": region}}],
                "properties": {"points": f.points, "scope": f.scope, "suggestion": f.suggestion,
                               "warmcheck": {"line": f.line, "column": f.column, "text": f.text}},
            })  # fmt: skip
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "warmcheck",
                "version": version(),
                "semanticVersion": version(),
                "rules": list(descriptors.values()),
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def render(reports: Iterable[Report], rules: Sequence[Rule] | None = None, **_: Any) -> str:
    return json.dumps(document(reports, rules), indent=2, ensure_ascii=False) + "\n"
