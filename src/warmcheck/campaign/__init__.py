"""Mail-merge campaigns: one Jinja2 template, many recipients.

:class:`Campaign` renders one copy per recipient, lints every copy (a report
each, naming its recipient) and then judges the batch: sameness, consent,
verdict counts, the worst copies. :func:`check_campaign` is the one-call
library form. Reading a template on its own (``warmcheck t.j2``: fields
masked, the template rules) is input, in :mod:`warmcheck.mail.templates`.

One module a job:

    recipients.py  recipients files (CSV, TSV, JSON, JSON Lines) and consent lists
    worker.py      the render worker: a separate process, Jinja2's sandbox, the limits
    sameness.py    MinHash sameness of the copies, with flat memory
    run.py         the run: render, lint, judge; the summary's figures

The summary's human format is a formatter, ``warmcheck.report.campaign``.
The names below are imported on first use, so the render worker
(``python -m warmcheck.campaign.worker``) loads only what it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..core import WarmcheckError

if TYPE_CHECKING:
    from .recipients import ID_COLUMNS, count_recipients, read_consent, read_recipients, recipient_id
    from .run import Campaign, CampaignResult, Summary, check_campaign
    from .sameness import Sameness, SamenessSettings
    from .worker import Limits, Rendered


class CampaignError(WarmcheckError):
    """A template, recipients or consent file that cannot be used. The
    message names the file and says what is wrong."""


#: Public name -> the module that defines it.
_HOMES = {
    "Campaign": "run",
    "CampaignResult": "run",
    "Summary": "run",
    "check_campaign": "run",
    "read_recipients": "recipients",
    "read_consent": "recipients",
    "count_recipients": "recipients",
    "recipient_id": "recipients",
    "ID_COLUMNS": "recipients",
    "Limits": "worker",
    "Rendered": "worker",
    "Sameness": "sameness",
    "SamenessSettings": "sameness",
    # Not public: bench/bench_campaign.py wraps the worker's close to read its peak memory.
    "_Renderer": "worker",
}

__all__ = [
    "ID_COLUMNS",
    "Campaign",
    "CampaignError",
    "CampaignResult",
    "Limits",
    "Rendered",
    "Sameness",
    "SamenessSettings",
    "Summary",
    "check_campaign",
    "count_recipients",
    "read_consent",
    "read_recipients",
    "recipient_id",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
