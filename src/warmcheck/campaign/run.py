"""The campaign run: render every copy, lint it, then judge the batch.

:class:`Campaign` streams one report per copy (each naming its recipient)
and fills in a :class:`Summary`: verdict counts, sameness, consent, the
worst copies, and the findings about the batch itself. What the recipient
data and the batch show goes on the drafts as context (a copy's consent,
the batch's sameness on the template) and the campaign rules
(``rules/campaign.yaml``) judge it, so every copy is scored once, by the
linter. :func:`check_campaign` is the one-call library form.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import checks
from .. import message as messages
from ..core import Finding, Report
from ..mail.templates import analyse, syntax_problem
from ..message import Draft
from . import CampaignError
from .recipients import _clean, read_consent, read_recipients, recipient_id
from .sameness import Sameness, SamenessSettings
from .worker import Limits, _Renderer

if TYPE_CHECKING:
    from ..config import Config
    from ..engine.linter import Linter


@dataclass
class Summary:
    """What a campaign came to; complete once :meth:`Campaign.run` is exhausted.
    Plain data: ``to_dict()`` is the JSON report's ``"campaign"`` object, and
    ``warmcheck.report.campaign`` words it for people."""

    template: str
    recipients: str
    profile: str | None = None
    variables: tuple[str, ...] = ()
    copies: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: {"pass": 0, "warn": 0, "fail": 0})
    sameness: dict[str, Any] = field(default_factory=dict)
    consent: dict[str, Any] | None = None
    worst: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: What the template itself reads as (merge fields masked): found once
    #: for the batch, where every copy would repeat it.
    template_findings: list[Finding] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.verdicts["fail"] or any(f.severity == "error" for f in self.findings):
            return "fail"
        return "warn" if self.verdicts["warn"] else "pass"

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "recipients": self.recipients,
            "profile": self.profile,
            "variables": list(self.variables),
            "copies": self.copies,
            "verdicts": dict(self.verdicts),
            "verdict": self.verdict,
            "sameness": dict(self.sameness),
            "consent": self.consent,
            "worst": list(self.worst),
            "findings": [f.to_dict() for f in self.findings],
            "template_findings": [f.to_dict() for f in self.template_findings],
        }


@dataclass(frozen=True)
class CampaignResult:
    reports: tuple[Report, ...]
    summary: Summary

    @property
    def verdict(self) -> str:
        return self.summary.verdict


class Campaign:
    """One template, many recipients: ``run()`` streams a report per copy,
    then ``summary`` holds the batch's figures."""

    def __init__(
        self,
        template: str | Path,
        recipients: Path | str | Iterable[Mapping[str, Any]],
        *,
        consent: Path | str | Iterable[str] | None = None,
        config: Config | None = None,
        profile: str | None = None,
        linter: Linter | None = None,
        limits: Limits | None = None,
        sameness: SamenessSettings | None = None,
    ) -> None:
        from ..engine.linter import Linter

        if isinstance(template, Path):
            try:
                self.source = template.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CampaignError(f"{template}: cannot read the template: {getattr(exc, 'strerror', None) or exc}") from None
            self.name = str(template)
        else:
            self.source, self.name = template, "<template>"
        problem = syntax_problem(self.source)
        if problem:
            raise CampaignError(f"{self.name}: {problem}")
        self.info = analyse(self.source)
        if isinstance(recipients, str | Path):
            path = Path(recipients)
            if not path.is_file():
                raise CampaignError(f"{path}: no such recipients file")
            self._rows: Iterable[Mapping[str, Any]] = read_recipients(path)
            recipients_name = str(path)
        else:
            self._rows, recipients_name = recipients, "<recipients>"
        if consent is None:
            self.consent: frozenset[str] | None = None
        elif isinstance(consent, str | Path):
            if not Path(consent).is_file():
                raise CampaignError(f"{consent}: no such consent file")
            self.consent = read_consent(consent)
        else:
            self.consent = frozenset(c.strip().lower() for c in consent)
        self.consent_name = str(consent) if isinstance(consent, str | Path) else "the consent list"
        self.linter = linter or Linter(config)
        self.profile = profile
        self.limits = limits or Limits()
        self.sameness_settings = sameness or SamenessSettings()
        self.summary = Summary(template=self.name, recipients=recipients_name, variables=self.info.variables)
        self._started = False

    def _consented(self, values: Mapping[str, Any]) -> bool | None:
        """Whether this recipient is on the consent list (None: no list)."""
        if self.consent is None:
            return None
        email = values.get("email") or values.get("e-mail")
        return isinstance(email, str) and email.lower() in self.consent

    def _drafts(self, pending: deque[tuple[str, int, dict[str, Any], str]]) -> Iterator[Draft]:
        cleaned = (_clean(r) for r in self._rows)
        numbered = ((recipient_id(r, n), r) for n, r in enumerate(cleaned, start=1))
        with _Renderer(self.source, self.name, self.limits) as renderer:
            for number, (rid, values, rendered) in enumerate(renderer.render(numbered), start=1):
                draft = messages.from_text(rendered.text, f"{self.name}[{rid}]")
                context = {
                    "campaign_copy": True,
                    "merge_gaps": list(rendered.gaps),
                    "recipient": rid,
                    "consent": self._consented(values),
                    "consent_list": self.consent_name,
                }
                pending.append((rid, number, values, rendered.text))
                yield dataclasses.replace(draft, context=context)

    def run(self) -> Iterator[Report]:
        """Render, lint and judge every copy; yields one report per copy, in
        order. A campaign runs once: the recipients may be a stream."""
        if self._started:
            raise RuntimeError("a Campaign runs once; make a new one to run it again")
        self._started = True

        pending: deque[tuple[str, int, dict[str, Any], str]] = deque()
        sameness = Sameness(self.sameness_settings)
        summary = self.summary
        worst: list[tuple[int, int, dict[str, Any]]] = []
        consent_missing = 0
        for report in self.linter.check_many(self._drafts(pending), profile=self.profile):
            rid, number, values, text = pending.popleft()
            consented = self._consented(values)
            consent_missing += consented is False
            extra = {**report.extra, "recipient": rid, "row": number, "sameness": sameness.add(text, values)}
            if consented is not None:
                extra["consent"] = consented
            report = dataclasses.replace(report, extra=extra)
            summary.copies += 1
            summary.profile = summary.profile or report.profile
            summary.verdicts[report.verdict] += 1
            entry = {
                "recipient": rid,
                "source": report.source,
                "warmth": report.warmth,
                "verdict": report.verdict,
                "rules": sorted({f.rule for f in report.findings}),
            }
            # The five lowest warmths (the earlier copy first on ties), kept in a bounded heap.
            heapq.heappush(worst, (-report.warmth, -number, entry))
            if len(worst) > 5:
                heapq.heappop(worst)
            yield report
        if not summary.copies:
            raise CampaignError(f"{summary.recipients}: no recipients: nothing to render or check")
        summary.worst = [e for *_, e in sorted(worst, key=lambda t: (-t[0], -t[1]))]
        if self.consent is not None:
            summary.consent = {
                "list": self.consent_name,
                "consented": summary.copies - consent_missing,
                "missing": consent_missing,
                "blocking": summary.profile == "newsletter",
            }
        self._judge(sameness)

    def _judge(self, sameness: Sameness) -> None:
        """The batch's figures, and the campaign rules' findings about it:
        judged on the template, with the figures as its context."""
        s = self.sameness_settings
        summary = self.summary
        threshold = self._rule_option("campaign-blast", "threshold")
        summary.sameness = {
            "measure": f"MinHash Jaccard of {s.shingle_words}-word shingles with the most similar other copy "
            f"(merge values of up to {s.swap_words} words set aside)",
            "median": sameness.quantile(0.5),
            "p90": sameness.quantile(0.9),
            "threshold": threshold,
            "near_duplicates": sameness.at_least(threshold),
            "compared": sum(sameness.histogram),
        }
        context = {"campaign_sameness": {"copies": summary.copies, **summary.sameness}}
        template = dataclasses.replace(messages.from_template(self.source, self.name), context=context)
        report = self.linter.check(template, profile=summary.profile)
        summary.findings = [f for f in report.findings if f.scope == "campaign"]
        summary.template_findings = [f for f in report.findings if f.scope != "campaign"]
        summary.sameness["blast"] = any(f.name == "campaign-blast" for f in summary.findings)

    def _rule_option(self, check_name: str, option: str) -> Any:
        """An option of the loaded rule that runs ``check_name`` (as the
        configuration set it), else the check's declared default."""
        for rule in self.linter.rules:
            if rule.options.get("check") == check_name:
                return rule.options[option]
        declared = checks.get(check_name)
        assert declared is not None
        return declared.options[option][1]


def check_campaign(
    template: str | Path,
    recipients: Path | str | Iterable[Mapping[str, Any]],
    **options: Any,
) -> CampaignResult:
    """Check a whole campaign at once: every copy's report and the summary.
    ``template`` is the template's text (or a Path to it); ``recipients`` a
    path to a CSV/JSON/JSONL file or an iterable of mappings. Options are
    those of :class:`Campaign` (``consent``, ``config``, ``profile``,
    ``limits``, ``sameness``). For very large campaigns, iterate
    ``Campaign(...).run()`` instead, which keeps memory flat."""
    campaign = Campaign(template, recipients, **options)
    reports = tuple(campaign.run())
    return CampaignResult(reports, campaign.summary)
