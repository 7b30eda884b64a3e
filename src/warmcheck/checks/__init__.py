"""Named Python checks: the escape hatch for rules that data cannot express.

A check is a function ``(analysis, options) -> iterable of Hit``, registered
with :func:`check`. A rule of ``type: check`` names it. Third-party checks
come through the ``warmcheck.checks`` entry point group: each entry point
names a module, which is imported so that its ``@check`` functions register
(a shipped check's name is taken: a plugin cannot replace it).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from ..core import Hit

if TYPE_CHECKING:
    from ..metrics import Analysis


def first_line_hit(analysis: Analysis, scope: str = "all") -> Hit:
    """Where a finding about a whole scope or message points: its first line
    with words (of the whole message when the scope has none)."""
    return Hit(*(analysis.first_line(scope) or analysis.first_line("all") or (0, 0)))


CheckFn = Callable[["Analysis", dict[str, Any]], Iterable[Hit]]
_CHECKS: dict[str, CheckFn] = {}
_loaded: set[str] = set()


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a function as the check called ``name``."""

    def register(fn: CheckFn) -> CheckFn:
        _CHECKS[name] = fn
        return fn

    return register


def _load(what: str) -> None:
    """Import the shipped checks (``builtin``) or the third-party ones
    (``plugins``), once."""
    if what in _loaded:
        return
    _loaded.add(what)
    if what == "builtin":
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
    else:
        for ep in entry_points(group="warmcheck.checks"):
            ep.load()


def get(name: str) -> CheckFn | None:
    # Scanning installed packages for entry points costs a noticeable part of
    # a cold start: do it only for a name the shipped checks do not have.
    _load("builtin")
    if name not in _CHECKS:
        _load("plugins")
    return _CHECKS.get(name)


def names() -> list[str]:
    _load("builtin")
    _load("plugins")
    return sorted(_CHECKS)
