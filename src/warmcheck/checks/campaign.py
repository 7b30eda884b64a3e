"""Campaign checks: what the recipient data and the whole batch show, which
no single text does. The campaign checker puts what it knows in the draft's
context; these checks judge it, so that the findings are rules like any other,
with a message, examples and settings, scored once by the linter.

Context read here:
- ``consent`` (a copy: is its recipient on the consent list? ``None`` when
  no list was given), with ``recipient`` and ``consent_list`` to name them;
- ``campaign_sameness`` (the template, once the batch is rendered):
  ``copies``, ``median`` (the median sameness), ``near_duplicates`` and
  ``compared`` (copies at or above the threshold, among those compared).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core import Hit
from . import check, first_line_hit

if TYPE_CHECKING:
    from ..metrics import Analysis


@check("no-consent", values={"recipient": "recipient", "list": "consent list"})
def no_consent(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The recipient of this copy is not on the consent list."""
    context = analysis.draft.context
    if context.get("consent") is False:
        anchor = first_line_hit(analysis)
        values = {"recipient": context.get("recipient", "this recipient"), "list": context.get("consent_list", "the consent list")}
        yield Hit(anchor.start, anchor.end, values)


@check(
    "campaign-blast",
    options={"threshold": (float, 0.80), "min_copies": (int, 3)},
    values={"median": "median sameness", "near": "count", "compared": "count"},
)
def campaign_blast(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """``min_copies`` copies or more whose median sameness is at or above
    ``threshold``: the same text sent to many, with only short merge values
    (names, companies) swapped."""
    sameness = analysis.draft.context.get("campaign_sameness")
    if not isinstance(sameness, dict) or sameness.get("median") is None:
        return
    if sameness["copies"] >= options["min_copies"] and sameness["median"] >= options["threshold"]:
        values = {"median": sameness["median"], "near": sameness["near_duplicates"], "compared": sameness["compared"]}
        yield Hit(0, 0, values)
