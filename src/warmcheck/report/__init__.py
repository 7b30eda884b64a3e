"""Formatters: a list of reports in, text out.

Each takes the reports and returns the whole output; ``rules`` (the rules
that ran) lets SARIF describe them and HTML show each finding's why, and
JSON takes extra top-level members. ``html`` imports Jinja2 when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core import SEVERITIES, Report, Severity
from .github import render as render_github
from .json import render as render_json
from .sarif import render as render_sarif
from .text import render as render_text


def version() -> str:
    """warmcheck's version, as installed (the report layer does not import
    the package's top)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("warmcheck")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def render_html(reports: Iterable[Report], **options: Any) -> str:
    from .html import render

    return render(reports, **options)


FORMATS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "html": render_html,
}


def at_least(report: Report, severity: Severity) -> Report:
    """The report with only the findings of ``severity`` or worse (Vale's
    ``--minAlertLevel``); the scores and verdict stay the draft's, and
    ``extra["hidden_findings"]`` counts what was left out."""
    import dataclasses

    rank = SEVERITIES.index(severity)
    kept = tuple(f for f in report.findings if SEVERITIES.index(f.severity) <= rank)
    if len(kept) == len(report.findings):
        return report
    extra = {**report.extra, "hidden_findings": len(report.findings) - len(kept)}
    return dataclasses.replace(report, findings=kept, extra=extra)
