"""Checking in several processes: ``Linter.check_many(..., jobs=N)``.

The drafts are read in the calling process (so a stream stays a stream and
an unreadable one is known at once), sent to the workers in small batches,
and the reports come back in input order: the output is the same as one
process gives. At most two batches per worker are in flight, so memory stays
flat however many drafts there are. Each worker builds its Linter once from
the configuration; where processes are forked, it inherits the engine the
caller had already loaded.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config
    from ..core import Report
    from .linter import Item, Linter

_linter: Linter | None = None


def _start(make: type[Linter], config: Config) -> None:
    global _linter
    _linter = make(config)


def _check(batch: list[Item], profile: str | None) -> list[Report]:
    assert _linter is not None, "worker started without a linter"
    return _linter.check_prepared(batch, profile)


def default_jobs() -> int:
    """Worker processes worth starting here: one a CPU, at most four."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def check_in_processes(
    linter: Linter, items: Iterable[Item], profile: str | None, batch_size: int, jobs: int
) -> Iterator[Report]:
    """Reports for ``items`` (read drafts, or why they could not be read),
    checked by ``jobs`` worker processes, in input order."""
    linter.engine  # noqa: B018 - loaded once here, so forked workers inherit it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pending: deque[concurrent.futures.Future[list[Report]]] = deque()
    batch: list[Item] = []
    # The Linter class goes with the configuration, so this module need not import it back.
    with concurrent.futures.ProcessPoolExecutor(jobs, context, _start, (type(linter), linter.config)) as pool:
        for item in items:
            batch.append(item)
            if len(batch) == batch_size:
                pending.append(pool.submit(_check, batch, profile))
                batch = []
                if len(pending) >= 2 * jobs:
                    yield from pending.popleft().result()
        if batch:
            pending.append(pool.submit(_check, batch, profile))
        while pending:
            yield from pending.popleft().result()
