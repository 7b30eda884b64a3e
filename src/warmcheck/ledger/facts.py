"""What the ledger knows of a draft, put in ``Draft.context["ledger"]``
before the rules read it (the FU rules in ``rules/followup.yaml``).

The facts are plain data, so that a rule's examples can give them too::

    ledger:
      sent: 42              # what the ledger holds: mails sent, mails received,
      received: 7           # and the date of its oldest record (the report shows these)
      since: "2025-10-01"
      earlier:              # mails to this draft's reader, newest first
        - {days_ago: 3.0, similarity: 0.91, answers: false}
      replies:              # mail back from that reader (or answering a mail to them)
        - {days_ago: 20.5}
      answers: false        # this draft answers a mail received
      similar:              # earlier mails to others whose text is like this one
        - {days_ago: 1.2, similarity: 0.97, readers: [1, 2]}

``days_ago`` is counted from the moment of the check; ``readers`` are
numbers that stand for other readers within this one draft's facts (the
same number, the same reader), never their keys.

A ledger that is not there gives no facts; one that cannot be read gives a
warning on the report instead, and the draft is checked as if there were no
ledger: a ledger never stops a check or a send.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..message import Draft
from . import signature as signatures
from .backends import LedgerError, NoLedger
from .location import Location, locate
from .records import reading_words
from .store import Ledger, Summary, open_ledger

#: Earlier mails to one reader, and replies from them, looked at.
EARLIER_LIMIT = 100
#: How far back, in days, similar texts are looked for.
HORIZON_DAYS = 366
#: Similar texts below this similarity are not listed (FU thresholds are at or above it).
FLOOR = 0.5
#: At most this many similar earlier mails are listed, the latest first.
SIMILAR_LIMIT = 2000
DAY = 86400.0
#: Seconds a ledger that could not be read is left alone before it is tried again.
RETRY = 10.0
#: Seconds the counts a report shows are kept before they are taken again.
RECOUNT = 2.0


def _days(now: float, at: int) -> float:
    return round(max(0.0, now - at) / DAY, 2)


class LedgerReader:
    """The ledger a Linter reads: located once, opened on first use (only
    when it exists), kept open, shared between threads."""

    def __init__(self, setting: str | bool | None, environ: Mapping[str, str] | None = None) -> None:
        self.location: Location | None = locate(setting, environ)
        self._ledger: Ledger | None = None
        self._signer: signatures.Signer | None = None
        self._lock = threading.Lock()
        self._counted: tuple[float, Summary] | None = None
        self._problem: str | None = None
        self._problem_until = 0.0
        self._pid = os.getpid()

    def add_facts(self, draft: Draft) -> Draft:
        """The draft with the ledger's facts in its context; a draft whose
        context already has them (a rule's example) is left alone. A ledger
        that cannot be read adds a warning instead, and is not tried again
        for ``RETRY`` seconds (a folder of drafts does not wait on a dead
        server for each)."""
        if self.location is None or "ledger" in draft.context:
            return draft
        now = time.time()
        with self._lock:
            problem = self._problem if now < self._problem_until else None
        if problem is None:
            try:
                ledger = self._open()
                if ledger is None:
                    return draft
                facts = self.facts(ledger, draft, now, self._summary(ledger, now))
                return dataclasses.replace(draft, context={**draft.context, "ledger": facts})
            except Exception as exc:  # a ledger never stops a check
                problem = str(exc) if isinstance(exc, LedgerError) else f"ledger {self.location.shown}: {type(exc).__name__}: {exc}"
                self.close()
                with self._lock:
                    self._problem, self._problem_until = problem, now + RETRY
        return dataclasses.replace(draft, warnings=(*draft.warnings, f"{problem}; checked without it"))

    def _summary(self, ledger: Ledger, now: float) -> Summary:
        """What the ledger holds, counted at most once every ``RECOUNT`` seconds."""
        with self._lock:
            if self._counted is not None and now - self._counted[0] < RECOUNT:
                return self._counted[1]
        summary = ledger.summary()
        with self._lock:
            self._counted = (now, summary)
        return summary

    def _open(self) -> Ledger | None:
        with self._lock:
            if self._ledger is not None and self._pid != os.getpid():
                # Inherited through fork(): SQLite connections must not cross it. Left, not closed.
                self._ledger = None
            if self._ledger is None:
                self._pid = os.getpid()
                assert self.location is not None
                if self.location.kind == "sqlite" and not Path(self.location.target).exists():
                    return None
                try:
                    self._ledger = open_ledger(self.location, create=False)
                except NoLedger:
                    return None
            return self._ledger

    def _signature(self, draft: Draft) -> bytes | None:
        text_words = reading_words(draft)
        if not text_words:
            return None
        with self._lock:
            if self._signer is None:
                self._signer = signatures.Signer()
            signer = self._signer
        return signer.signature(text_words)

    def facts(self, ledger: Ledger, draft: Draft, now: float, summary: Summary) -> dict[str, Any]:
        """The facts of one draft (the module docstring shows them)."""
        headers = draft.headers
        reader = ledger.key("address", headers.reader_address) if headers.reader_address else None
        own = ledger.key("message", headers.message_id) if headers.message_id else None
        facts: dict[str, Any] = {**summary.to_dict(), "earlier": [], "replies": [], "answers": False, "similar": []}
        if not summary.sent and not summary.received:
            return facts
        signature = self._signature(draft) if summary.sent else None
        with ledger.conn.read() as cur:
            if reader is not None:
                # The draft itself, checked again after it was sent, is not an earlier mail.
                earlier = [e for e in ledger.earlier_to(cur, reader, EARLIER_LIMIT) if own is None or e.message_key != own]
                facts["earlier"] = [
                    {"days_ago": _days(now, e.at), "similarity": signatures.similarity(signature, e.signature), "answers": e.answers}
                    for e in earlier
                ]
                answered = [e.message_key for e in earlier if e.message_key]
                facts["replies"] = [{"days_ago": _days(now, at)} for at in ledger.replies_from(cur, reader, answered, EARLIER_LIMIT)]
            if headers.references:
                facts["answers"] = ledger.answers_received(cur, [ledger.key("message", r) for r in headers.references])
            if signature is not None:
                since = int(now - HORIZON_DAYS * DAY)
                numbers: dict[bytes, int] = {}
                for found in ledger.similar(cur, signature, since, FLOOR, SIMILAR_LIMIT, exclude=own):
                    others = [numbers.setdefault(r, len(numbers) + 1) for r in found.readers if r != reader]
                    facts["similar"].append(
                        {"days_ago": _days(now, found.at), "similarity": round(found.similarity, 4), "readers": others}
                    )
        return facts

    def close(self) -> None:
        with self._lock:
            if self._ledger is not None:
                self._ledger.close()
                self._ledger = None


def report_extra(context: Mapping[str, object]) -> dict[str, Any]:
    """What a report says of the ledger: how many mails it knows and since
    when, nothing more (``{}`` when the draft was checked without one)."""
    facts = context.get("ledger")
    if not isinstance(facts, Mapping) or "sent" not in facts:
        return {}
    return {"ledger": {key: facts.get(key) for key in ("sent", "received", "since")}}
