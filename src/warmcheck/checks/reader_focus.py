"""Reader-focus checks that need more than a phrase list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import Hit, check

if TYPE_CHECKING:
    from ..metrics import Analysis


@check("opens-with-sender")
def opens_with_sender(analysis: Analysis, options: dict[str, Any]) -> Iterable[Hit]:
    """The body's first sentence has the sender as its subject: it starts with
    I/we/our/my or one of the sender's configured names, outside a formula."""
    sentences = analysis.sentences(options["scope"])
    if not sentences:
        return
    first = sentences[0]
    words = [t for t in first if not t.is_space and not t.is_punct]
    if not words:
        return
    lead = words[0]
    sender = analysis.sender_mentions(options["scope"])
    if analysis.is_first_person(lead) or any(a == lead.idx for a, _ in sender):
        yield Hit(first.start_char, first.end_char)
