"""warmcheck: a linter for outgoing mail that catches cold, self-centred,
blast-style writing before it is sent.

    >>> import warmcheck
    >>> report = warmcheck.check("Hi Ana, how did the launch go?")
    >>> report.verdict in ("pass", "warn", "fail")
    True
"""

from __future__ import annotations

from .config import Config
from .engine.linter import DraftInput, Linter
from .engine.model import Finding, Report

__all__ = ["Config", "Finding", "Linter", "Report", "check"]
__version__ = "0.1.0"


def check(draft: DraftInput, *, config: Config | None = None, profile: str | None = None) -> Report:
    """Check one draft (text, bytes, a path, or an ``email.message.Message``)."""
    return Linter(config).check(draft, profile=profile)
