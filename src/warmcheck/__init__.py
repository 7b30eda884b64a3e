"""warmcheck: a linter for outgoing mail that catches cold, self-centred,
blast-style writing before it is sent.

    >>> import warmcheck
    >>> report = warmcheck.check("Hi Ana, how did the launch go?")
    >>> report.verdict in ("pass", "warn", "fail")
    True
"""

from __future__ import annotations

from typing import Any

from .config import Config
from .engine.linter import DraftInput, Linter
from .core import Finding, Report
from .hooks import ColdDraftError, guard

__all__ = ["ColdDraftError", "Config", "Finding", "Linter", "Report", "check", "check_campaign", "guard"]
__version__ = "0.1.0"


def check(draft: DraftInput, *, config: Config | None = None, profile: str | None = None) -> Report:
    """Check one draft (text, bytes, a path, or an ``email.message.Message``)."""
    return Linter(config).check(draft, profile=profile)


def check_campaign(template: Any, recipients: Any, **options: Any) -> Any:
    """Render a Jinja2 template (text, or a Path) for every recipient (a
    CSV/JSON/JSONL path, or mappings), check each copy and the batch; returns
    a ``CampaignResult`` with ``reports`` and ``summary``. See
    :mod:`warmcheck.campaign` (imported on first use: it needs Jinja2 and datasketch)."""
    from .campaign import check_campaign as run

    return run(template, recipients, **options)
