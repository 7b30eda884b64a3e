"""Configuration: ``[tool.warmcheck]`` in ``pyproject.toml`` or a ``warmcheck.toml``.

Every key is checked: an unknown key or a bad value is a :class:`ConfigError`
naming the file, the key and what is allowed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .core import PROFILES, SEVERITIES, Severity, WarmcheckError
from .ledger.location import is_url
from .mail.sources import MAX_BYTES
from .nlp import CHOICES as MODELS


class ConfigError(WarmcheckError):
    """A configuration that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class RuleSettings:
    """What a configuration changes for one rule."""

    severity: Severity | None = None
    points: int | None = None
    #: Options that replace the rule's own (flat: ``min_share = 0.5``).
    options: dict[str, Any] = field(default_factory=dict)
    #: Items added to the rule's list options (``markers = ["our roadmap"]``).
    extend: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    profile: str | None = None
    model: str = "auto"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: Verdict thresholds on warmth: under ``fail_under`` fails, under ``warn_under`` warns.
    fail_under: int = 50
    warn_under: int = 75
    #: The sender's own names, company and product names: mentions count as first person.
    sender_names: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    packs: tuple[Path, ...] = ()
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    #: Inputs larger than this are refused, to protect memory.
    max_bytes: int = MAX_BYTES
    #: The follow-up ledger: a path or a ``postgresql://`` URL, ``False`` for
    #: none, ``None`` for the default place (``WARMCHECK_LEDGER`` moves it).
    ledger: str | bool | None = None
    #: Seconds a pre-send hook may take to check a message; past it the
    #: message is held (exit 75), or sent unchecked with ``--fail-open``.
    deadline: float = 10.0
    #: Where the configuration came from, for error messages.
    origin: str = "defaults"

    def sender_terms(self) -> tuple[str, ...]:
        return tuple(t for t in (*self.sender_names, *self.company, *self.products) if t.strip())

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the given fields changed; ``None`` values are left alone."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_LISTS = {"select", "ignore", "packs"}
_SENDER_KEYS = {"names": "sender_names", "company": "company", "products": "products"}
_RULE_KEYS = {"severity", "points", "options", "extend"}


def _expect(cond: bool, where: str, key: str, allowed: str) -> None:
    if not cond:
        raise ConfigError(f"{where}: bad value for {key!r}: {allowed}")


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    _expect(isinstance(value, list) and all(isinstance(v, str) for v in value), where, key, "a list of strings")
    return tuple(value)


def from_mapping(data: dict[str, Any], origin: str, base: Path | None = None) -> Config:
    """Build a config from the ``[tool.warmcheck]`` table."""
    known = {
        "profile", "model", "select", "ignore", "fail_under", "warn_under", "ledger",
        "sender", "packs", "rules", "max_bytes", "deadline",
    }  # fmt: skip
    values: dict[str, Any] = {"origin": origin}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{origin}: unknown key {key!r}; allowed: {', '.join(sorted(known))}")
        if key == "profile":
            _expect(value in PROFILES, origin, key, f"one of {', '.join(PROFILES)}")
            values[key] = value
        elif key == "model":
            _expect(value in MODELS, origin, key, f"one of {', '.join(MODELS)}")
            values[key] = value
        elif key in ("fail_under", "warn_under", "max_bytes"):
            limit = 10**12 if key == "max_bytes" else 100
            _expect(
                isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit,
                origin, key, f"a whole number from 0 to {limit}",
            )  # fmt: skip
            values[key] = value
        elif key == "deadline":
            _expect(
                isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 3600,
                origin, key, "a number of seconds above 0, at most 3600",
            )  # fmt: skip
            values[key] = float(value)
        elif key == "ledger":
            _expect(
                isinstance(value, bool) or (isinstance(value, str) and bool(value.strip())),
                origin, key, "a path or a postgresql:// URL, or false to keep no ledger",
            )  # fmt: skip
            values[key] = _ledger_setting(value, base)
        elif key in _LISTS:
            items = _str_list(value, origin, key)
            if key == "packs":
                values[key] = tuple((base / p) if base else Path(p) for p in items)
            else:
                values[key] = items
        elif key == "sender":
            _expect(isinstance(value, dict), origin, key, "a table with names, company, products")
            for sub, sub_value in value.items():
                if sub not in _SENDER_KEYS:
                    raise ConfigError(
                        f"{origin}: unknown key 'sender.{sub}'; allowed: {', '.join(_SENDER_KEYS)}"
                    )
                values[_SENDER_KEYS[sub]] = _str_list(sub_value, origin, f"sender.{sub}")
        elif key == "rules":
            _expect(isinstance(value, dict), origin, key, "a table of rule code or name -> settings")
            values[key] = {ref: _rule_settings(ref, s, origin) for ref, s in value.items()}
    config = Config(**values)
    if config.fail_under > config.warn_under:
        raise ConfigError(f"{origin}: 'fail_under' ({config.fail_under}) is above 'warn_under' ({config.warn_under})")
    return config


def _ledger_setting(value: str | bool, base: Path | None) -> str | bool:
    """``ledger``: a relative path is relative to the configuration file; a URL stays as it is."""
    if isinstance(value, bool) or is_url(value):
        return value
    path = Path(value.strip()).expanduser()
    return str(base / path if base is not None and not path.is_absolute() else path)


def _rule_settings(ref: str, value: Any, origin: str) -> RuleSettings:
    where = f"rules.{ref}"
    _expect(isinstance(value, dict), origin, where, "a table with severity, points, options, extend")
    for key in value:
        if key not in _RULE_KEYS:
            raise ConfigError(f"{origin}: unknown key '{where}.{key}'; allowed: {', '.join(sorted(_RULE_KEYS))}")
    severity = value.get("severity")
    _expect(severity is None or severity in SEVERITIES, origin, f"{where}.severity", f"one of {', '.join(SEVERITIES)}")
    points = value.get("points")
    _expect(
        points is None or (isinstance(points, int) and not isinstance(points, bool) and 0 <= points <= 100),
        origin, f"{where}.points", "a whole number from 0 to 100",
    )  # fmt: skip
    options = value.get("options", {})
    _expect(isinstance(options, dict), origin, f"{where}.options", "a table")
    extend = value.get("extend", {})
    _expect(isinstance(extend, dict), origin, f"{where}.extend", "a table of option -> list of items to add")
    for key, items in extend.items():
        _expect(isinstance(items, list), origin, f"{where}.extend.{key}", "a list of items to add")
    return RuleSettings(severity=severity, points=points, options=options, extend=extend)


def load_file(path: Path) -> Config:
    """Read one configuration file (``pyproject.toml`` or ``warmcheck.toml``)."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("warmcheck", {})
    return from_mapping(data, str(path), path.parent)


def find(start: Path) -> Path | None:
    """The nearest ``warmcheck.toml``, or ``pyproject.toml`` with a
    ``[tool.warmcheck]`` table, walking up from ``start``."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        own = candidate / "warmcheck.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file():
            try:
                with project.open("rb") as fh:
                    if "warmcheck" in tomllib.load(fh).get("tool", {}):
                        return project
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def discover(start: Path) -> Config:
    path = find(start)
    return load_file(path) if path else Config()
