"""``warmcheck rules --format json``: every loaded rule as data, for tools
that build on warmcheck (an editor's rule picker, a docs page, a CI check
that a pack still loads).

    {"schema": "warmcheck.rules/1", "rules": [{"code": "BL001", ...}, ...]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..core import FAMILIES, Rule

SCHEMA = "warmcheck.rules/1"


def rule_dict(rule: Rule) -> dict[str, Any]:
    from ..engine.types import shown_message

    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "family_name": FAMILIES.get(rule.family, rule.family),
        "severity": rule.severity,
        "points": rule.points,
        "max_points": rule.cap,
        "scope": rule.scope,
        "type": rule.type,
        "profiles": list(rule.profiles),
        "message": shown_message(rule),
        "why": " ".join(rule.why.split()),
        "suggestion": rule.suggestion,
        "options": {k: v for k, v in rule.options.items() if k != "check"},
        "origin": rule.origin,
    }


def render(rules: Iterable[Rule]) -> str:
    document = {"schema": SCHEMA, "rules": [rule_dict(r) for r in sorted(rules, key=lambda r: r.code)]}
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
