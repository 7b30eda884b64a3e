"""warmcheck: a linter for outgoing mail that catches cold, self-centred,
blast-style writing before it is sent.

    >>> import warmcheck
    >>> report = warmcheck.check("Hi Ana, how did the launch go?")
    >>> report.verdict in ("pass", "warn", "fail")
    True

This module is the public API, and nothing else. Importing it loads neither
click, spaCy nor Jinja2: the NLP engine is loaded on the first check, and
:func:`check_campaign` imports the campaign code (Jinja2) when it is
called.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, RuleSettings
from .core import Finding, Report, Rule, WarmcheckError
from .engine.linter import DraftInput, Linter, all_rules, select_rules
from .message import Draft, read

if TYPE_CHECKING:
    from .campaign import CampaignResult, Limits, SamenessSettings
    from .hooks.smtp import ColdDraftError, guard

__all__ = [
    "ColdDraftError",
    "Config",
    "Draft",
    "Finding",
    "Linter",
    "Report",
    "RuleSettings",
    "WarmcheckError",
    "check",
    "check_campaign",
    "guard",
    "read",
    "rules",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """:func:`guard` and :class:`ColdDraftError` come from the hooks, which a
    check does not need: they are imported when first asked for."""
    if name in ("guard", "ColdDraftError"):
        from .hooks import smtp

        return getattr(smtp, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check(
    draft: DraftInput, *, config: Config | None = None, profile: str | None = None, source: str | None = None
) -> Report:
    """Check one draft (text, bytes, a path, an ``email.message.Message`` or a
    :class:`Draft`); ``source`` names it in the report."""
    return Linter(config).check(draft, profile=profile, source=source)


def rules(config: Config | None = None) -> list[Rule]:
    """The rules a :class:`Linter` with ``config`` runs (the default
    configuration when none is given): the shipped packs, then the
    configuration's own packs, less what it leaves out with ``select`` and
    ``ignore``, with its severity, points and options applied. This is the
    list ``warmcheck rules`` prints.

    Raises :class:`WarmcheckError` (a ``PackError`` or ``ConfigError``) for a
    pack or a rule setting that cannot be used.
    """
    config = config or Config()
    return select_rules(all_rules(config), config)


def check_campaign(
    template: str | Path,
    recipients: Path | str | Iterable[Mapping[str, object]],
    *,
    consent: Path | str | Iterable[str] | None = None,
    config: Config | None = None,
    profile: str | None = None,
    linter: Linter | None = None,
    limits: Limits | None = None,
    sameness: SamenessSettings | None = None,
) -> CampaignResult:
    """Render a Jinja2 template (its text, or a Path) for every recipient (a
    CSV/JSON/JSONL path, or mappings), check each copy and the batch; returns
    a ``CampaignResult`` with ``reports`` and ``summary``.

    The options are those of ``warmcheck.campaign.Campaign``; for a very large
    campaign, iterate ``Campaign(...).run()`` instead, which keeps memory
    flat. :mod:`warmcheck.campaign` is imported on first use: it needs
    Jinja2.
    """
    from .campaign import check_campaign as run

    return run(
        template,
        recipients,
        consent=consent,
        config=config,
        profile=profile,
        linter=linter,
        limits=limits,
        sameness=sameness,
    )
