"""The closed vocabulary of rule types.

Each type declares the options it takes (name -> kind, default), the values
its hits fill into a rule's message, and how to find hits in an analysed
draft. Options are validated when a pack is loaded; anything costly (spaCy
matchers) is compiled once per engine and reused.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import checks
from ..checks import first_line_hit
from ..core import Hit
from ..metrics import METRICS
from ..options import REQUIRED, OptionError, OptionSpec, compile_regex, resolve

if TYPE_CHECKING:
    from ..core import Rule
    from ..metrics import Analysis
    from ..nlp import Engine

__all__ = ["TYPES", "OptionError", "RuleType", "check_options", "message_fields", "shown_message"]


@dataclass(frozen=True)
class RuleType:
    name: str
    #: option -> (accepted Python types, default or REQUIRED)
    options: OptionSpec
    #: Validate options beyond their kinds; raise OptionError.
    validate: Callable[[dict[str, Any]], None]
    #: Build what ``run`` needs, once per engine (matchers, compiled regexes).
    #: ``shared`` is one dict per Linter: rules of the matcher types add their
    #: patterns to one spaCy matcher there, so one pass over a draft serves all.
    compile: Callable[[dict[str, Any], Engine, dict[str, Any]], Any]
    #: Find hits: (compiled, analysis, rule) -> hits. Offsets are into the
    #: draft's text, or into the subject for subject-scoped rules.
    run: Callable[[Any, Analysis, Rule], Iterable[Hit]]
    #: Placeholders its hits fill in a rule's message -> what each holds.
    values: Mapping[str, str] = field(default_factory=dict)

    def spec(self, given: Mapping[str, Any]) -> tuple[OptionSpec, Mapping[str, str], str]:
        """The options a rule of this type may give, the message values it
        fills, and the owner's name for messages. A ``check`` rule takes
        the options its check declares, beside ``check`` itself; an
        ``engine`` rule's values are those of the finding it names."""
        if self.name == "engine":
            made = ENGINE_MADE.get(str(given.get("finding")))
            return self.options, made or {}, f"engine finding {given.get('finding')!r}"
        if self.name != "check":
            return self.options, self.values, f"type {self.name!r}"
        name = given.get("check")
        if not isinstance(name, str):
            raise OptionError("type 'check' needs option 'check', the name of a check")
        found = checks.get(name)
        if found is None:
            raise OptionError(f"unknown check {name!r} (known: {', '.join(checks.names()) or 'none'})")
        return {**self.options, **found.options}, found.values, f"check {name!r}"


def check_options(rule_type: RuleType, given: Mapping[str, Any]) -> dict[str, Any]:
    """Options with defaults filled in; OptionError on anything off."""
    declared, _, owner = rule_type.spec(given)
    out = resolve(declared, given, owner)
    rule_type.validate(out)
    return out


def message_fields(message: str) -> set[str]:
    """The placeholders of a message: ``{count}`` and ``{value:.0%}`` name
    ``count`` and ``value``."""
    try:
        return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(message) if f}
    except ValueError as exc:
        raise OptionError(f"bad message: {exc}") from None


def check_message(rule_type: RuleType, options: Mapping[str, Any], message: str) -> None:
    """Every placeholder in ``message`` is an option of the rule or a value
    its hits give; OptionError names the first that is neither."""
    _, values, owner = rule_type.spec(options)
    for name in sorted(message_fields(message)):
        if name not in options and name not in values:
            known = ", ".join(sorted({*values, *(k for k in options if k != "check")})) or "none"
            raise OptionError(f"message names {{{name}}}, which {owner} does not give (known: {known})")


def shown_message(rule: Rule) -> str:
    """The message as a rule listing shows it: options filled in, the values
    a finding fills described (``<how many sentences are about you>``)."""
    _, values, _ = TYPES[rule.type].spec(rule.options)
    fields = {k: v for k, v in rule.options.items() if isinstance(v, int | float | str) and not isinstance(v, bool)}
    described = {name: "<" + what.format_map(_Shown(fields)) + ">" for name, what in values.items()}
    return rule.message.format_map(_Shown({**fields, **described}))


class _Shown(dict[str, Any]):
    """Values for ``str.format_map`` that ignore a format spec on a described
    value, and leave a placeholder nothing fills as it is."""

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        return _Plain(value) if isinstance(value, str) and value.startswith("<") else value

    def __missing__(self, key: str) -> str:
        return _Plain("{" + key + "}")


class _Plain(str):
    def __format__(self, spec: str) -> str:
        return str(self)


# Scope-aware helpers shared by the types -------------------------------------


def _scope_anchor(analysis: Analysis, scope: str) -> Hit:
    """Where a finding about a whole scope points: its first line."""
    if scope == "subject":
        return Hit(0, len(analysis.draft.headers.subject or ""))
    return first_line_hit(analysis, scope)


# phrase ----------------------------------------------------------------------


def _validate_phrases(opts: dict[str, Any]) -> None:
    phrases = opts["phrases"]
    if not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise OptionError("option 'phrases' must be a non-empty list of non-empty strings")


def _compile_phrases(opts: dict[str, Any], engine: Engine, shared: dict[str, Any]) -> tuple[Any, str]:
    from spacy.matcher import PhraseMatcher

    # NORM folds case, curly apostrophes and contractions ("I’m" == "i am"... "'m").
    attr = "ORTH" if opts["case_sensitive"] else "NORM"
    matcher = shared.setdefault(f"phrase {attr}", PhraseMatcher(engine.nlp.vocab, attr=attr))
    key = f"phrase {attr} {len(matcher)}"
    matcher.add(key, [engine.nlp.make_doc(p) for p in opts["phrases"]])
    return matcher, key


def _match_spans(compiled: tuple[Any, str], analysis: Analysis, rule: Rule) -> Iterable[Hit]:
    """Matcher hits in the rule's scope, overlaps resolved to the longest."""
    from spacy.util import filter_spans

    matcher, key = compiled
    subject = rule.scope == "subject"
    found = analysis.memo(("matches " + rule.scope if subject else "matches", str(id(matcher))), lambda: _by_key(matcher, analysis, subject))
    for span in sorted(filter_spans(found.get(key, [])), key=lambda s: s.start):
        if subject or analysis.in_scope(span.start_char, rule.scope):
            yield Hit(span.start_char, span.end_char)


def _by_key(matcher: Any, analysis: Analysis, subject: bool) -> dict[str, list[Any]]:
    """One pass of a shared matcher over the draft (or its subject): each
    rule's spans under its key."""
    doc = analysis.engine.nlp.make_doc(analysis.draft.headers.subject or "") if subject else analysis.doc
    found: dict[str, list[Any]] = {}
    for span in matcher(doc, as_spans=True):
        found.setdefault(span.label_, []).append(span)
    return found


PHRASE = RuleType(
    "phrase",
    {"phrases": ((list,), REQUIRED), "case_sensitive": ((bool,), False)},
    _validate_phrases,
    _compile_phrases,
    _match_spans,
)


# pattern (spaCy Matcher) -----------------------------------------------------


def _validate_patterns(opts: dict[str, Any]) -> None:
    for key in ("patterns", "light_patterns"):
        value = opts[key]
        if value is None:
            continue
        if not value or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in value):
            raise OptionError(f"option {key!r} must be a list of token patterns (lists of attribute tables)")
        # The Matcher's own validator gives the precise reason without loading a model.
        from spacy.matcher import Matcher

        try:
            Matcher(_validation_vocab(), validate=True).add("pattern", value)
        except (ValueError, KeyError, TypeError) as exc:
            first = str(exc).strip().splitlines()
            raise OptionError(f"bad token pattern in {key!r}: {' '.join(first[-3:])}") from None


@cache
def _validation_vocab() -> Any:
    """An empty vocabulary to validate token patterns against (making one
    costs a noticeable part of loading the packs: one is enough)."""
    from spacy.vocab import Vocab

    return Vocab()


def _compile_patterns(opts: dict[str, Any], engine: Engine, shared: dict[str, Any]) -> tuple[Any, str]:
    from spacy.matcher import Matcher

    patterns = opts["patterns"]
    if not engine.has_parse and opts["light_patterns"] is not None:
        patterns = opts["light_patterns"]
    matcher = shared.setdefault("pattern", Matcher(engine.nlp.vocab))
    key = f"pattern {len(matcher)}"
    matcher.add(key, patterns, greedy="LONGEST")
    return matcher, key


PATTERN = RuleType(
    "pattern",
    # light_patterns: used on the light engine, which has no tags or parses.
    {"patterns": ((list,), REQUIRED), "light_patterns": ((list, type(None)), None)},
    _validate_patterns,
    _compile_patterns,
    _match_spans,
)


# regex -----------------------------------------------------------------------


def _regex_flags(opts: dict[str, Any]) -> int:
    return re.MULTILINE | (0 if opts["case_sensitive"] else re.IGNORECASE)


def _validate_regex(opts: dict[str, Any]) -> None:
    # A pattern not shipped with warmcheck must run on RE2 (linear time):
    # compile_regex refuses one that cannot.
    compile_regex(opts["regex"], _regex_flags(opts))


def _run_regex(pattern: Any, analysis: Analysis, rule: Rule) -> Iterable[Hit]:
    if rule.scope == "subject":
        for m in pattern.finditer(analysis.draft.headers.subject or ""):
            yield Hit(m.start(), m.end())
        return
    for a, b in analysis.ranges(rule.scope):
        for m in pattern.finditer(analysis.text, a, b):
            if m.end() > m.start():
                yield Hit(m.start(), m.end())


REGEX = RuleType(
    "regex",
    {"regex": ((str,), REQUIRED), "case_sensitive": ((bool,), False)},
    _validate_regex,
    lambda opts, engine, shared: compile_regex(opts["regex"], _regex_flags(opts)),
    _run_regex,
)


# metric ----------------------------------------------------------------------

_NUMBER = (int, float, type(None))


def _validate_metric(opts: dict[str, Any]) -> None:
    for key in [k for k in ("metric", "of", "against") if k in opts]:
        name = opts[key]
        if isinstance(name, str) and name not in METRICS:
            raise OptionError(f"unknown metric {name!r} (known: {', '.join(sorted(METRICS))})")
    if opts.get("min") is None and opts.get("max") is None:
        raise OptionError("give 'min', 'max' or both")


def _out_of_bounds(value: float, opts: dict[str, Any]) -> bool:
    return (opts["min"] is not None and value < opts["min"]) or (opts["max"] is not None and value > opts["max"])


def _shown(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _run_metric(_: Any, analysis: Analysis, rule: Rule) -> Iterable[Hit]:
    opts = rule.options
    if analysis.metric("words") < opts["min_words"]:
        return
    value = analysis.metric(opts["metric"])
    if _out_of_bounds(value, opts):
        anchor = _scope_anchor(analysis, rule.scope)
        yield Hit(anchor.start, anchor.end, {"value": _shown(value)})


METRIC = RuleType(
    "metric",
    {
        "metric": ((str,), REQUIRED),
        "min": (_NUMBER, None),
        "max": (_NUMBER, None),
        # Short drafts tell too little for a threshold to mean anything.
        "min_words": ((int,), 0),
    },
    _validate_metric,
    lambda opts, engine, shared: None,
    _run_metric,
    {"value": "{metric}"},
)


# ratio -----------------------------------------------------------------------


def _run_ratio(_: Any, analysis: Analysis, rule: Rule) -> Iterable[Hit]:
    """The share of ``of`` in ``of + against``, e.g. first person among all
    person pronouns."""
    opts = rule.options
    part, other = analysis.metric(opts["of"]), analysis.metric(opts["against"])
    if part + other < opts["min_total"] or analysis.metric("words") < opts["min_words"]:
        return
    share = part / (part + other)
    if _out_of_bounds(share, opts):
        anchor = _scope_anchor(analysis, rule.scope)
        yield Hit(anchor.start, anchor.end, {"value": f"{share:.0%}", "part": int(part), "other": int(other)})


RATIO = RuleType(
    "ratio",
    {
        "of": ((str,), REQUIRED),
        "against": ((str,), REQUIRED),
        "min": (_NUMBER, None),
        "max": (_NUMBER, None),
        # Below this many counted items the share is noise.
        "min_total": ((int,), 1),
        "min_words": ((int,), 0),
    },
    _validate_metric,
    lambda opts, engine, shared: None,
    _run_ratio,
    {"value": "share", "part": "{of}", "other": "{against}"},
)


# conditional -----------------------------------------------------------------
# A condition is a table with one of: phrases, regex, metric (+min/max).
_CONDITION_KEYS = {"phrases", "regex", "metric", "min", "max", "scope"}


def _validate_condition(cond: Any, key: str) -> None:
    if not isinstance(cond, dict):
        raise OptionError(f"option {key!r} must be a table with phrases, regex or metric")
    unknown = set(cond) - _CONDITION_KEYS
    if unknown:
        raise OptionError(f"unknown key {sorted(unknown)[0]!r} in {key!r} (allowed: {', '.join(sorted(_CONDITION_KEYS))})")
    kinds = [k for k in ("phrases", "regex", "metric") if k in cond]
    if len(kinds) != 1:
        raise OptionError(f"{key!r} needs exactly one of phrases, regex, metric")
    if "phrases" in cond:
        _validate_phrases({"phrases": cond["phrases"]})
    if "regex" in cond:
        _validate_regex({"regex": cond["regex"], "case_sensitive": False})
    if "metric" in cond:
        _validate_metric({"metric": cond["metric"], "min": cond.get("min"), "max": cond.get("max")})


def _validate_conditional(opts: dict[str, Any]) -> None:
    if opts["if"] is not None:
        _validate_condition(opts["if"], "if")
    _validate_condition(opts["require"], "require")


def _compile_condition(cond: dict[str, Any] | None) -> Any:
    if cond is None:
        return None
    if "phrases" in cond:
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in cond["phrases"])
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    if "regex" in cond:
        return compile_regex(cond["regex"], re.IGNORECASE | re.MULTILINE)
    return None


def _condition_hits(cond: dict[str, Any], compiled: Any, analysis: Analysis, default_scope: str) -> list[Hit]:
    scope = cond.get("scope", default_scope)
    if "metric" in cond:
        value = analysis.metric(cond["metric"])
        return [_scope_anchor(analysis, scope)] if _out_of_bounds(value, {"min": cond.get("min"), "max": cond.get("max")}) else []
    if scope == "subject":
        return [Hit(m.start(), m.end()) for m in compiled.finditer(analysis.draft.headers.subject or "")]
    return [Hit(m.start(), m.end()) for a, b in analysis.ranges(scope) for m in compiled.finditer(analysis.text, a, b)]


def _run_conditional(compiled: Any, analysis: Analysis, rule: Rule) -> Iterable[Hit]:
    """Fires when ``if`` holds (or is not given) and ``require`` does not."""
    opts = rule.options
    when_compiled, require_compiled = compiled
    if analysis.metric("words") < opts["min_words"]:
        return
    triggers = [_scope_anchor(analysis, rule.scope)]
    if opts["if"] is not None:
        triggers = _condition_hits(opts["if"], when_compiled, analysis, rule.scope)
        if not triggers:
            return
    if _condition_hits(opts["require"], require_compiled, analysis, rule.scope):
        return
    yield triggers[0]


CONDITIONAL = RuleType(
    "conditional",
    {"if": ((dict, type(None)), None), "require": ((dict,), REQUIRED), "min_words": ((int,), 0)},
    _validate_conditional,
    lambda opts, engine, shared: (_compile_condition(opts["if"]), _compile_condition(opts["require"])),
    _run_conditional,
)


# check (named Python function) -----------------------------------------------


def _compile_check(opts: dict[str, Any], engine: Engine, shared: dict[str, Any]) -> checks.CheckFn:
    found = checks.get(opts["check"])
    assert found is not None  # validated when the pack was loaded
    return found.run


def _run_check(fn: checks.CheckFn, analysis: Analysis, rule: Rule) -> Iterable[Hit]:
    return fn(analysis, {**rule.options, "scope": rule.scope})


# The check's own options are declared with it (see RuleType.spec).
CHECK = RuleType("check", {"check": ((str,), REQUIRED)}, lambda opts: None, _compile_check, _run_check)


# engine (findings the linter makes itself) ------------------------------------

#: Findings the linter makes itself, once every other rule has run, from
#: what the check learnt (a directive that silenced nothing) -> the values
#: their messages may name. A rule of ``type: engine`` declares one, so that
#: it has a code, a message, examples and settings like any rule.
ENGINE_MADE: dict[str, dict[str, str]] = {
    "unused-suppression": {"ref": "rule", "unknown": "note"},
}


def _validate_engine(opts: dict[str, Any]) -> None:
    if opts["finding"] not in ENGINE_MADE:
        raise OptionError(f"unknown engine finding {opts['finding']!r} (known: {', '.join(ENGINE_MADE)})")


ENGINE = RuleType(
    "engine",
    {"finding": ((str,), REQUIRED)},
    _validate_engine,
    lambda opts, engine, shared: None,
    lambda compiled, analysis, rule: (),  # the linter makes these hits (Linter._report)
)


TYPES: dict[str, RuleType] = {t.name: t for t in (PHRASE, PATTERN, REGEX, METRIC, RATIO, CONDITIONAL, CHECK, ENGINE)}
