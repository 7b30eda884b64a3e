"""Where ``warmcheck check`` sends its reports, one at a time as they are
made: printed at once (text, github), or kept for one document at the end
(json, sarif, html); cut down by ``--quiet`` (failing drafts only) and a
severity filter; counted for the last summary line and ``--statistics``;
with a progress line on standard error for long runs on a terminal.

The command is a thin face over this; what each format looks like is in
its own module.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import IO

import click

from ..core import SCORES, Report, Rule, Severity
from . import FORMATS, at_least
from .summary import Tally

#: Formats written as one document once every draft is checked.
DOCUMENTS = ("json", "sarif", "html")


def colour_choice(choice: str, environ: dict[str, str] | None = None) -> bool | None:
    """``--color``: ``always`` and ``never`` say it; ``auto`` is off under
    ``NO_COLOR``, else on under ``FORCE_COLOR``, else on for a terminal
    (None: click decides)."""
    env = os.environ if environ is None else environ
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return None


class Progress:
    """``checked 1,200 drafts (310/s)`` on one line of standard error, kept
    up to date; only on a terminal, only once a run has lasted half a
    second, and wiped before anything else is printed."""

    def __init__(self, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.count = 0
        self.start = time.monotonic()
        self._shown = 0.0
        self._dirty = False

    def tick(self) -> None:
        self.count += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < 0.5 or now - self._shown < 0.1:
            return
        self._shown = now
        rate = self.count / (now - self.start)
        self.stream.write(f"\r\x1b[Kwarmcheck: checked {self.count:,} drafts ({rate:,.0f}/s)")
        self.stream.flush()
        self._dirty = True

    def clear(self) -> None:
        if self._dirty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._dirty = False


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Output:
    """The reports of one ``warmcheck check`` run, as the options ask."""

    def __init__(
        self,
        fmt: str,
        *,
        quiet: bool = False,
        statistics: bool = False,
        min_severity: Severity | None = None,
        colour: bool | None = None,
        fail_under: int | None = None,
        progress: Progress | None = None,
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.fmt = fmt
        self.quiet = quiet
        self.statistics = statistics
        self.min_severity = min_severity
        self.colour = colour
        self.fail_under = fail_under
        self.tally = Tally()
        self.kept: list[Report] = []
        if progress is None:
            # Not over reports printed to the same terminal as they come.
            shown = self.streams and (not quiet) and _is_terminal(sys.stdout)
            progress = Progress(enabled=_is_terminal(sys.stderr) and not shown)
        self.progress = progress

    @property
    def streams(self) -> bool:
        """Whether reports are printed as they come."""
        return self.fmt not in DOCUMENTS and not self.statistics

    def failed(self, report: Report) -> bool:
        """Fails the run: a fail verdict, or warmth under ``--fail-under``."""
        return report.verdict == "fail" or (self.fail_under is not None and report.warmth < self.fail_under)

    def add(self, report: Report) -> None:
        self.progress.tick()
        if self.min_severity is not None:
            report = at_least(report, self.min_severity)
        self.tally.add(report)
        if self.quiet and not self.failed(report):
            return
        if not self.streams:
            if not self.statistics:
                self.kept.append(report)
            return
        self._echo(FORMATS[self.fmt]([report]))
        if self.fmt == "text" and self.fail_under is not None and report.warmth < self.fail_under:
            self._echo(f"{report.source}: warmth {report.warmth} is under --fail-under {self.fail_under}\n")

    def unreadable(self, source: str, problem: str) -> None:
        """A draft that could not be read (already said on standard error):
        SARIF lists it as a tool notification, github and html show it."""
        report = Report(source=source, profile="follow-up", engine="", scores=dict.fromkeys(SCORES, 0),
                        verdict="fail", metrics={}, findings=(), error=problem)  # fmt: skip
        self.tally.add(report)
        if self.statistics or self.fmt in ("text", "json"):
            return
        if self.fmt == "github":
            self._echo(FORMATS["github"]([report]))
        else:
            self.kept.append(report)

    def finish(self, rules: Sequence[Rule] = ()) -> None:
        """The document, the statistics, the summary line: what comes last."""
        self.progress.clear()
        if self.statistics:
            if self.fmt == "json":
                import json

                self._echo(json.dumps(self.tally.to_dict(), indent=2, ensure_ascii=False) + "\n")
            else:
                self._echo(self.tally.render_statistics() + self.tally.line() + "\n")
            return
        if self.fmt in DOCUMENTS:
            options = {"rules": list(rules)} if self.fmt in ("sarif", "html") else {}
            self._echo(FORMATS[self.fmt](self.kept, **options))
        elif self.fmt == "text" and not self.quiet and self.tally.drafts:
            # Not when nothing could be checked: then the errors say it all.
            self._echo(self.tally.line() + "\n")

    def _echo(self, text: str) -> None:
        if text:
            self.progress.clear()
            click.echo(text, nl=False, color=self.colour)
