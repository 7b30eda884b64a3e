"""Rule packs: YAML files of rules, loaded and validated strictly.

A pack is a mapping with ``rules:``, a list of rule tables. Anything off (an
unknown key, an unknown type, a bad option or pattern, a duplicate code or
name, a rule without a failing and a passing example) is a
:class:`PackError` naming the pack file, the line and the reason.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import checks
from ..core import FAMILIES, PROFILES, SCOPES, SEVERITIES, Example, Rule, WarmcheckError
from ..nlp import collector_paused
from ..options import OptionError, trust
from ..vocabulary import LANGUAGES
from . import pack_cache
from .types import TYPES, check_message, check_options

if TYPE_CHECKING:
    import yaml


class PackError(WarmcheckError):
    """A rule pack that cannot be used."""


_LINE = "__line__"
_CODE = re.compile(r"^[A-Z]{2}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_AT = re.compile(r"^\d+:\d+$")
_REQUIRED = ("code", "name", "severity", "points", "type", "message", "why", "suggestion", "examples")
_OPTIONAL = ("scope", "profiles", "max_points", "options", "languages")


@cache
def _line_loader() -> Any:
    """A safe loader that remembers the line each mapping starts on: libyaml's
    when present (several times faster). Made on first use: a run whose packs
    all come from the cache never imports PyYAML."""
    import yaml

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[str, Any]:
        mapping = loader.construct_mapping(node, deep=True)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def shipped_packs() -> list[Path]:
    """The packs inside the installed package, in name order."""
    root = resources.files("warmcheck.packs")
    return sorted((Path(str(p)) for p in root.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)


def _examples(value: Any, where: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(value, dict) or set(value) - {"fail", "pass", _LINE}:
        raise PackError(f"{where}: 'examples' must be a table with 'fail' and 'pass' lists")
    out = []
    for kind in ("fail", "pass"):
        items = value.get(kind)
        if not isinstance(items, list) or not items:
            raise PackError(f"{where}: a rule needs at least one {kind!r} example")
        examples = []
        keys = {"text", "profile", "context", _LINE} | ({"at", "message"} if kind == "fail" else set())
        for item in items:
            if isinstance(item, str):
                examples.append(Example(item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= keys:
                if item.get("profile", PROFILES[0]) not in PROFILES:
                    raise PackError(f"{where}: example profile must be one of {', '.join(PROFILES)}")
                at, message = item.get("at"), item.get("message")
                if at is not None and not (isinstance(at, str) and _AT.match(at)):
                    raise PackError(f"{where}: example 'at' must be \"line:column\", like \"3:1\" (line 0 is the subject)")
                if message is not None and not isinstance(message, str):
                    raise PackError(f"{where}: example 'message' must be a string")
                context = item.get("context", {})
                if not isinstance(context, dict):
                    raise PackError(f"{where}: example 'context' must be a table")
                examples.append(Example(item["text"], item.get("profile"), at, message, _strip_lines(context)))
            else:
                allowed = "'text' (and 'profile', 'context', 'at', 'message')" if kind == "fail" else "'text' (and 'profile', 'context')"
                raise PackError(f"{where}: an example is a string or a table with {allowed}")
        out.append(tuple(examples))
    return out[0], out[1]


def _rule(raw: Any, pack: Path) -> Rule:
    if not isinstance(raw, dict):
        raise PackError(f"{pack}: each item under 'rules' must be a table")
    where = f"{pack}:{raw.get(_LINE, '?')}"
    keys = set(raw) - {_LINE}
    unknown = keys - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        allowed = ", ".join((*_REQUIRED, *_OPTIONAL))
        raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r} (allowed: {allowed})")
    missing = [k for k in _REQUIRED if k not in keys]
    if missing:
        raise PackError(f"{where}: rule is missing {missing[0]!r}")

    code, name = raw["code"], raw["name"]
    if not isinstance(code, str) or not _CODE.match(code) or code[:2] not in FAMILIES:
        raise PackError(
            f"{where}: code {code!r} must be a family ({', '.join(FAMILIES)}) and three digits, like BL001"
        )
    where = f"{where} ({code})"
    if not isinstance(name, str) or not _NAME.match(name):
        raise PackError(f"{where}: name {name!r} must be kebab-case, like generic-greeting")
    for key in ("message", "why", "suggestion"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise PackError(f"{where}: {key!r} must be a non-empty string")
    if raw["severity"] not in SEVERITIES:
        raise PackError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    points = raw["points"]
    if not isinstance(points, int) or isinstance(points, bool) or not 0 <= points <= 100:
        raise PackError(f"{where}: points must be a whole number from 0 to 100")
    max_points = raw.get("max_points")
    if max_points is not None and (not isinstance(max_points, int) or not points <= max_points <= 100):
        raise PackError(f"{where}: max_points must be a whole number from points to 100")
    scope = raw.get("scope", "body")
    if scope not in SCOPES:
        raise PackError(f"{where}: scope must be one of {', '.join(SCOPES)}")
    profiles = raw.get("profiles", list(PROFILES))
    if not isinstance(profiles, list) or not profiles or any(p not in PROFILES for p in profiles):
        raise PackError(f"{where}: profiles must be a list from {', '.join(PROFILES)}")
    languages = raw.get("languages", [])
    if not isinstance(languages, list) or any(code not in LANGUAGES for code in languages):
        raise PackError(f"{where}: languages must be a list from {', '.join(LANGUAGES)}")
    rule_type = TYPES.get(raw["type"])
    if rule_type is None:
        raise PackError(f"{where}: unknown type {raw['type']!r} (known: {', '.join(TYPES)})")
    options = raw.get("options", {})
    if not isinstance(options, dict):
        raise PackError(f"{where}: 'options' must be a table")
    try:
        options = check_options(rule_type, _strip_lines(options))
        check_message(rule_type, options, raw["message"])
    except OptionError as exc:
        raise PackError(f"{where}: {exc}") from None
    fail, passing = _examples(raw["examples"], where)
    return Rule(
        code=code,
        name=name,
        family=code[:2],
        severity=raw["severity"],
        points=points,
        scope=scope,
        type=rule_type.name,
        message=raw["message"].strip(),
        why=" ".join(raw["why"].split()),
        suggestion=" ".join(raw["suggestion"].split()),
        options=options,
        fail_examples=fail,
        pass_examples=passing,
        profiles=tuple(profiles),
        max_points=max_points,
        origin=f"{pack.name}:{raw.get(_LINE, '?')}",
        languages=tuple(languages),
    )


#: The largest rule pack read, in bytes: packs are hand-written YAML.
MAX_PACK_BYTES = 4_000_000


def _read_pack(path: Path) -> str:
    """A pack's text: a regular file (a FIFO would wait for a writer for
    ever, /dev/zero never ends) of at most :data:`MAX_PACK_BYTES`, in UTF-8."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise PackError(f"{path}: cannot read rule pack: not a regular file (a FIFO, socket or device)")
        with path.open("rb") as fh:
            data = fh.read(MAX_PACK_BYTES + 1)
        if len(data) > MAX_PACK_BYTES:
            raise PackError(f"{path}: cannot read rule pack: larger than {MAX_PACK_BYTES:,} bytes")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {getattr(exc, 'strerror', None) or exc}") from None


def _parse(text: str, path: Path) -> Any:
    """The pack's YAML, with aliases held in check: an alias of a table or a
    list is refused (nested, a few hundred bytes of them expand to
    gigabytes), and aliased text may add at most the pack's own length."""
    loader = _line_loader()(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_aliases(node, path, len(text))
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _check_aliases(root: yaml.Node, path: Path, budget: int) -> None:
    """Walk the node graph once (a shared node is an alias) without expanding it."""
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            if not isinstance(node, yaml.ScalarNode):
                raise PackError(
                    f"{path}:{node.start_mark.line + 1}: this table or list is used again through a YAML alias: "
                    "aliases of tables or lists are not allowed in a rule pack (an alias of a string is)"
                )
            budget -= len(node.value)
            if budget < 0:
                raise PackError(f"{path}: YAML aliases repeat more text than the pack holds; write it out instead")
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)


def _shipped(path: Path) -> bool:
    try:
        return path.resolve().parent == Path(str(resources.files("warmcheck.packs"))).resolve()
    except OSError:
        return False


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def load_pack(path: Path) -> list[Rule]:
    text = _read_pack(path)
    where = path.resolve()
    kept = pack_cache.lookup(where, text)
    if kept is not None:
        rules, trusted = kept
        trust(trusted)
        return rules
    with collector_paused():
        rules, trusted = _load(text, path)
    if all(_own_check(rule) for rule in rules):
        pack_cache.store(where, text, rules, trusted)
    return rules


def _own_check(rule: Rule) -> bool:
    """Whether a rule names no check from a plugin (whose defaults could
    change under the same pack text: such a pack is not cached)."""
    found = checks.get(rule.options["check"]) if rule.type == "check" else None
    return found is None or found.run.__module__.startswith(f"{checks.__name__}.")


def _load(text: str, path: Path) -> tuple[list[Rule], list[str]]:
    """The rules of a pack, and the patterns it may run on Python's re."""
    import yaml

    try:
        data = _parse(text, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PackError(f"{path}{line}: not valid YAML: {problem}") from None
    except RecursionError:
        raise PackError(f"{path}: not valid YAML: nested too deeply") from None
    trusted: list[str] = []
    if _shipped(path) and isinstance(data, dict):
        # The shipped packs' patterns are tested not to backtrack badly
        # (tests/test_robustness_patterns.py): they run on Python's re.
        trusted = [s for raw in data.get("rules") or [] if isinstance(raw, dict) for s in _strings(raw.get("options"))]
        trust(trusted)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}: a rule pack is a table with a 'rules' list")
    unknown = set(data) - {"rules", _LINE}
    if unknown:
        raise PackError(f"{path}: unknown top-level key {sorted(unknown)[0]!r} (allowed: rules)")
    return [_rule(raw, path) for raw in data["rules"]], trusted


def load_packs(paths: Iterable[Path]) -> list[Rule]:
    """Every rule of every pack, refusing duplicate codes and names."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in paths:
        for rule in load_pack(path):
            for key in (rule.code, rule.name):
                if key in seen:
                    raise PackError(f"{path}:{rule.origin.rsplit(':', 1)[1]}: duplicate rule {key!r} (first in {seen[key]})")
                seen[key] = rule.origin
            rules.append(rule)
    return rules
