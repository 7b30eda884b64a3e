"""Declared options: each rule type and each Python check says which options
it takes, of which kind, with which default, in one place. A rule pack and
a configuration give options flat (``[rules.SF003.options] min_share = 0.5``);
anything unknown or of the wrong kind is refused here, so a misspelt option
can never load silently and leave a check on a default of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The default of an option that a rule must give.
REQUIRED: Any = object()

#: option name -> (accepted Python types, default or REQUIRED)
OptionSpec = Mapping[str, tuple[tuple[type, ...], Any]]


class OptionError(ValueError):
    """An option that is missing, unknown or of the wrong kind; the message
    names the option, and the caller adds the file and the rule."""


def spec(**declared: tuple[type | tuple[type, ...], Any]) -> dict[str, tuple[tuple[type, ...], Any]]:
    """An option spec from ``name=(kind or kinds, default)``. A float option
    takes whole numbers too (``min_share: 1``)."""
    out = {}
    for name, (kinds, default) in declared.items():
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if float in kinds and int not in kinds:
            kinds = (*kinds, int)
        out[name] = (kinds, default)
    return out


def resolve(declared: OptionSpec, given: Mapping[str, Any], what: str) -> dict[str, Any]:
    """``given`` checked against ``declared``, with defaults filled in.
    ``what`` names the owner in messages ("type 'metric'", "check 'chaser'")."""
    for key in given:
        if key not in declared:
            allowed = ", ".join(sorted(declared)) or "none"
            raise OptionError(f"unknown option {key!r} for {what} (allowed: {allowed})")
    out: dict[str, Any] = {}
    for key, (kinds, default) in declared.items():
        if key not in given:
            if default is REQUIRED:
                raise OptionError(f"{what} needs option {key!r}")
            out[key] = default
            continue
        value = given[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join("none" if k is type(None) else k.__name__ for k in kinds)
            raise OptionError(f"option {key!r} must be {names}, not {type(value).__name__}")
        out[key] = value
    return out
