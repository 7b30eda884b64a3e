"""Named Python checks: the escape hatch for rules that data cannot express.

A check is a small function ``(analysis, options) -> iterable of Hit``,
registered with :func:`check`, which declares in one place the options it
takes (kinds and defaults, validated when a pack or a configuration gives
them) and the values its hits fill into the rule's message. ``options``
holds the rule's resolved options and its ``scope``. A rule of
``type: check`` names the check; its message, with those placeholders,
lives in the rule pack. Third-party checks come through the
``warmcheck.checks`` entry point group: each entry point names a module,
which is imported so that its ``@check`` functions register (a shipped
check's name is taken: a plugin cannot replace it).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from ..core import Hit
from ..options import OptionSpec, spec

if TYPE_CHECKING:
    from ..metrics import Analysis


def first_line_hit(analysis: Analysis, scope: str = "all") -> Hit:
    """Where a finding about a whole scope or message points: its first line
    with words (of the whole message when the scope has none)."""
    return Hit(*(analysis.first_line(scope) or analysis.first_line("all") or (0, 0)))


CheckFn = Callable[["Analysis", dict[str, Any]], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    name: str
    run: CheckFn
    #: The options a rule may give, with kinds and defaults.
    options: OptionSpec = field(default_factory=dict)
    #: Placeholders its hits fill in the rule's message -> what each holds.
    values: Mapping[str, str] = field(default_factory=dict)


_CHECKS: dict[str, Check] = {}
_loaded: set[str] = set()


def check(
    name: str,
    *,
    options: Mapping[str, tuple[type | tuple[type, ...], Any]] | None = None,
    values: Mapping[str, str] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a function as the check called ``name``, with its declared
    ``options`` (``{"min_words": (int, 40)}``) and message ``values``
    (``{"count": "how many sentences are about the sender"}``)."""

    def register(fn: CheckFn) -> CheckFn:
        _CHECKS.setdefault(name, Check(name, fn, spec(**(options or {})), dict(values or {})))
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


def get(name: str) -> Check | None:
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
