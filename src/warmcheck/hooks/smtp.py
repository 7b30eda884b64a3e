"""The guard for Python scripts that build a message and send it with
:mod:`smtplib`: :func:`guard` returns the report, or raises
:class:`ColdDraftError` and the script sends nothing.

Library code, imported by ``import warmcheck``: it loads neither click nor
the report formatters.
"""

from __future__ import annotations

from collections.abc import Callable
from email.message import Message

from ..config import Config
from ..core import Report, WarmcheckError
from ..engine.linter import Linter
from .common import blocked, within_deadline
from .record import record_sent


class ColdDraftError(WarmcheckError):
    """A message that :func:`guard` stopped; ``report`` says why."""

    def __init__(self, report: Report) -> None:
        self.report = report
        reasons = "; ".join(f"{f.rule} {f.message}" for f in report.findings if f.points) or "no finding"
        super().__init__(f"cold draft: warmth {report.warmth}, verdict {report.verdict} ({reasons})")


def guard(
    message: Message | bytes | str,
    *,
    threshold: int | None = None,
    profile: str | None = None,
    config: Config | None = None,
    deadline: float | None = None,
    send: Callable[[Message | bytes | str], object] | None = None,
) -> Report:
    """Check a message before a script sends it.

    Returns the report when the message may go; raises :class:`ColdDraftError`
    (with ``.report``) when it fails, or scores under ``threshold``::

        report = warmcheck.guard(msg)        # raises ColdDraftError if cold
        smtp.send_message(msg)

    The check has ``deadline`` seconds (default: the configuration's, 10;
    the rules and the NLP engine are loaded before it starts): past it,
    :class:`~warmcheck.hooks.DeadlineExceeded` (a ``WarmcheckError``) is
    raised, and the script sends nothing. The message is read, never changed.

    With ``send`` the guard sends the message itself once it may go, then
    records it in the follow-up ledger (only once ``send`` has returned)::

        warmcheck.guard(msg, send=smtp.send_message)
    """
    linter = _linter(config)
    linter.engine  # loaded once, before the clock starts  # noqa: B018
    seconds = linter.config.deadline if deadline is None else deadline
    report = within_deadline(seconds, lambda: linter.check(message, profile=profile))
    if blocked(report, threshold):
        raise ColdDraftError(report)
    if send is not None:
        send(message)
        record_sent(message.encode() if isinstance(message, str) else message, config=linter.config)
    return report


_DEFAULT_LINTER: Linter | None = None


def _linter(config: Config | None) -> Linter:
    """One Linter for the default configuration, kept: a script that guards
    many messages loads the rules once."""
    global _DEFAULT_LINTER
    if config is not None:
        return Linter(config)
    if _DEFAULT_LINTER is None:
        _DEFAULT_LINTER = Linter()
    return _DEFAULT_LINTER
