"""The human summary of a campaign, printed after the per-copy reports.

    campaign blast.j2 with people.csv: 6 copies, profile follow-up
      fields: company, first_name
      verdicts: 0 pass, 5 warn, 1 fail
      sameness: median 100%, 90th percentile 100%; 5 of 5 compared copies at or above 80% (MinHash ...)
      worst copies:
        kofi.mensah@example.org: warmth 20 fail (BL004, BL051, PR001, PR005, SF004)
        ana.lopez@example.org: warmth 60 warn (BL004, PR001, PR005, SF004)
    blast.j2:1:1 BL065 campaign-blast The copies are 100% the same (median sameness; ...)
        -> Give each copy a real per-person paragraph ({{ note }}: where you met, what they said), ...
    campaign verdict: fail

The figures come from :class:`warmcheck.campaign.Summary` (in JSON, its
``to_dict()`` is the ``"campaign"`` object); only the wording is here.
Colour is added with click.style, as in the text report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .text import finding_lines

if TYPE_CHECKING:
    from ..campaign import Summary

_VERDICT_COLOUR = {"pass": "green", "warn": "yellow", "fail": "red"}


def render(summary: Summary) -> str:
    """The human summary, after the per-copy reports."""
    v = summary.verdicts
    out = [
        click.style(f"campaign {summary.template}", bold=True)
        + f" with {summary.recipients}: {summary.copies} copies, profile {summary.profile or '-'}",
        f"  fields: {', '.join(summary.variables) or 'none'}",
        f"  verdicts: {v['pass']} pass, {v['warn']} warn, {v['fail']} fail",
    ]
    same = summary.sameness
    if same.get("median") is None:
        out.append("  sameness: too few copies to compare")
    else:
        out.append(
            f"  sameness: median {same['median']:.0%}, 90th percentile {same['p90']:.0%}; "
            f"{same['near_duplicates']} of {same['compared']} compared copies at or above "
            f"{same['threshold']:.0%} ({same['measure']})"
        )
    if summary.consent is not None:
        c = summary.consent
        blocked = "blocked" if c["blocking"] else "not blocked: only the newsletter profile needs consent"
        out.append(f"  consent: {c['consented']} on {c['list']}, {c['missing']} missing ({blocked})")
    if summary.worst:
        out.append("  worst copies:")
        for w in summary.worst:
            rules = f" ({', '.join(w['rules'])})" if w["rules"] else ""
            out.append(f"    {w['recipient']}: warmth {w['warmth']} {w['verdict']}{rules}")
    if summary.template_findings:
        n = len(summary.template_findings)
        out.append(f"  the template itself (merge fields masked): {n} finding{'' if n == 1 else 's'}, once for every copy")
        for f in summary.template_findings:
            out.extend("  " + line for line in finding_lines(summary.template, f))
    for f in summary.findings:
        out.extend(finding_lines(summary.template, f))
    verdict = click.style(summary.verdict, fg=_VERDICT_COLOUR[summary.verdict], bold=True)
    out.append(f"campaign verdict: {verdict}")
    return "\n".join(out) + "\n"
