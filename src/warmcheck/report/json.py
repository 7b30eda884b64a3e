"""``--format json``: one document, ``warmcheck.report/1``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..core import Report

SCHEMA = "warmcheck.report/1"


def document(reports: Iterable[Report], **extra: Any) -> dict[str, Any]:
    return {"schema": SCHEMA, "reports": [r.to_dict() for r in reports], **extra}


def render(reports: Iterable[Report], **extra: Any) -> str:
    return json.dumps(document(reports, **extra), indent=2, ensure_ascii=False) + "\n"
