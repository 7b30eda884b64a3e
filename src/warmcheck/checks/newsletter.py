"""Newsletter checks (NL): a newsletter is one-to-many by nature, so it is
judged on consent and an easy way out, not on being a blast.

An unsubscribe way out may be a line of text, a ``List-Unsubscribe`` header
or an unsubscribe link (``Draft.facts["unsubscribe_links"]``, from HTML).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..vocabulary import UNSUBSCRIBE_WORDING
from . import check, first_line_hit

if TYPE_CHECKING:
    from ..metrics import Analysis



@check("no-unsubscribe", options={"min_words": (int, 0)})
def no_unsubscribe(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """No way to leave: no unsubscribe wording anywhere in the text (footer
    included), no List-Unsubscribe header, no unsubscribe link."""
    if analysis.metric("words") < options["min_words"]:
        return
    if analysis.draft.headers.list_unsubscribe or analysis.draft.facts.unsubscribe_links:
        return
    if any(UNSUBSCRIBE_WORDING.search(analysis.text, a, b) for a, b in analysis.ranges("all")):
        return
    yield first_line_hit(analysis)
