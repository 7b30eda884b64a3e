"""The Linter: rules and the NLP engine loaded once, drafts checked many times.

input -> Draft (message) -> Analysis (nlp, metrics) -> hits (rule types)
-> findings (suppression, points) -> scores and verdict -> Report
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator
from email.message import Message
from pathlib import Path
from typing import Any, Literal

from .. import message as messages
from ..checks.context import first_contact
from ..config import Config, ConfigError, RuleSettings
from ..core import PROFILES, SCORES, Finding, Hit, Profile, Report, Rule
from ..ledger import LedgerReader, report_extra
from ..mail.html import newsletter_signals as html_newsletter_signals
from ..message import Draft, InputError
from ..metrics import Analysis, reading_text
from ..nlp import Engine, judged_text, load
from ..options import OptionError
from ..vocabulary import LANGUAGES, guess_language
from . import score, suppress
from .loader import load_packs, shipped_packs
from .types import TYPES, check_options

DraftInput = str | bytes | Path | Message | Draft
#: What ``check_many`` does with a draft that cannot be read.
OnError = Literal["raise", "skip", "report"]

def matches(rule: Rule, ref: str) -> bool:
    """A reference names a rule by code, name, or a code prefix (``BL``, ``BL0``)."""
    return ref == rule.name or rule.code.startswith(ref.upper())


def select_rules(rules: list[Rule], config: Config) -> list[Rule]:
    """Apply select/ignore and per-rule settings; unknown references are errors."""
    for key, refs in (("select", config.select), ("ignore", config.ignore), ("rules", tuple(config.rules))):
        for ref in refs:
            if not any(matches(r, ref) for r in rules):
                raise ConfigError(f"{config.origin}: {key}: unknown rule code or name {ref!r} (see `warmcheck rules`)")
    chosen = []
    for rule in rules:
        if config.select and not any(matches(rule, ref) for ref in config.select):
            continue
        if any(matches(rule, ref) for ref in config.ignore):
            continue
        for ref, settings in config.rules.items():
            if matches(rule, ref):
                changes: dict[str, Any] = {}
                if settings.severity:
                    changes["severity"] = settings.severity
                if settings.points is not None:
                    changes["points"] = settings.points
                    # A rule that counts once keeps counting once; a cap stays a cap.
                    if rule.max_points == rule.points:
                        changes["max_points"] = settings.points
                    elif rule.max_points is not None:
                        changes["max_points"] = max(settings.points, rule.max_points)
                if settings.options or settings.extend:
                    changes["options"] = _configured_options(rule, settings, f"{config.origin}: rules.{ref}")
                rule = dataclasses.replace(rule, **changes)
        chosen.append(rule)
    return chosen


def _configured_options(rule: Rule, settings: RuleSettings, where: str) -> dict[str, Any]:
    """The rule's options with a configuration's replaced and extended, checked
    as strictly as a pack's."""
    options = {**rule.options, **settings.options}
    for key, items in settings.extend.items():
        if not isinstance(options.get(key), list):
            raise ConfigError(f"{where}.extend: {rule.code} has no list option {key!r} to extend")
        options[key] = [*options[key], *items]
    try:
        return check_options(TYPES[rule.type], options)
    except OptionError as exc:
        raise ConfigError(f"{where}.options: {exc}") from None


def all_rules(config: Config | None = None) -> list[Rule]:
    """Every rule the configuration loads: shipped packs, then its own packs."""
    config = config or Config()
    return load_packs([*shipped_packs(), *config.packs])


class Linter:
    """Checks drafts against the configured rules.

    Rules are loaded and validated when the Linter is made; the spaCy engine is
    loaded on the first check and kept for the Linter's life.
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.rules = select_rules(all_rules(self.config), self.config)
        self._engine: Engine | None = None
        self._compiled: dict[str, Any] = {}
        #: The follow-up ledger, read for every draft when an FU rule is on; opened on first use.
        self.ledger = LedgerReader(self.config.ledger if any(r.family == "FU" for r in self.rules) else False)
        # Quoted history (and any part no rule reads) is never parsed.
        self._parsed_scopes = sorted({"greeting", "body"} | {r.scope for r in self.rules} - {"subject", "campaign"})

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = load(self.config.model)
            shared: dict[str, Any] = {}
            self._compiled = {r.code: TYPES[r.type].compile(r.options, self._engine, shared) for r in self.rules}
        return self._engine

    # Public API ---------------------------------------------------------
    def check(self, draft: DraftInput, *, profile: str | None = None, source: str | None = None) -> Report:
        """Check one draft: a str (the text), bytes, a path, an email message,
        or a Draft. ``source`` names it in the report (an id of your own)."""
        return next(self.check_many([draft if source is None else (source, draft)], profile=profile))

    def check_many(
        self,
        drafts: Iterable[DraftInput | tuple[str, DraftInput]],
        *,
        profile: str | None = None,
        batch_size: int = 64,
        on_error: OnError = "raise",
        jobs: int = 1,
    ) -> Iterator[Report]:
        """Check drafts as a stream, parsed in batches through ``nlp.pipe``;
        a report for each, in order.

        An item may be a pair ``(source, draft)``: ``source`` names the draft
        in its report. A draft that cannot be read raises :class:`InputError`
        (``on_error="raise"``), is left out (``"skip"``), or is reported in
        its place as a report whose ``error`` says why (``"report"``).
        With ``jobs`` above 1, drafts are checked in that many processes;
        the reports are the same, in the same order.
        """
        if on_error not in ("raise", "skip", "report"):
            raise ValueError(f"on_error must be 'raise', 'skip' or 'report', not {on_error!r}")
        items = self._readable(drafts, on_error)
        if jobs > 1:
            from .parallel import check_in_processes

            yield from check_in_processes(self, items, profile, min(batch_size, 16), jobs)
            return
        while batch := list(itertools.islice(items, batch_size)):
            yield from self.check_prepared(batch, profile)

    def check_prepared(self, batch: list[Item], profile: str | None) -> list[Report]:
        """Reports for a batch of read drafts, parsed together inside one
        memory zone: nothing of spaCy's outlives it, the reports are plain data."""
        engine = self.engine
        readable = [item for item in batch if not isinstance(item, _Unreadable)]
        texts = [reading_text(draft.text) for draft, _ in readable]
        judged = [judged_text(text, self._judged_ranges(draft)) for text, (draft, _) in zip(texts, readable, strict=True)]
        with engine.zone():
            docs = engine.parse(judged)
            analyses = iter(
                Analysis(draft, doc, engine, self.config, text, parsed)
                for (draft, _), doc, text, parsed in zip(readable, docs, texts, judged, strict=True)
            )
            return [
                self._unreadable(item, profile) if isinstance(item, _Unreadable)
                else self._report(next(analyses), item[1], profile)
                for item in batch
            ]  # fmt: skip

    def _judged_ranges(self, draft: Draft) -> list[tuple[int, int]]:
        """Where spaCy must read a draft: the scopes the loaded rules read
        with tokens, and what metrics count (greeting, body)."""
        return [r for scope in self._parsed_scopes for r in draft.ranges(scope)]

    def read(self, draft: DraftInput, *, source: str | None = None) -> Draft:
        """The draft as the rules read it; ``source`` names it."""
        try:
            return self._read(draft, source)
        except InputError as exc:
            # In a stream of drafts, say which one could not be read.
            if source is not None:
                raise InputError(f"{source}: {exc}") from None
            if isinstance(draft, Path):
                raise InputError(f"{draft}: {exc}") from None
            raise

    def _read(self, draft: DraftInput, source: str | None) -> Draft:
        if isinstance(draft, Draft):
            return draft if source is None else dataclasses.replace(draft, source=source)
        return messages.read(draft, name=source, max_bytes=self.config.max_bytes)

    def _readable(
        self, drafts: Iterable[DraftInput | tuple[str, DraftInput]], on_error: OnError
    ) -> Iterator[Item]:
        """What the report needs of each draft, or why it could not be read."""
        for item in drafts:
            source, draft = item if isinstance(item, tuple) else (None, item)
            if on_error == "raise":
                read = self.read(draft, source=source)
            else:
                try:
                    read = self._read(draft, source)
                except InputError as exc:
                    if on_error == "report":
                        yield _Unreadable(source or _name_of(draft), str(exc))
                    continue
            yield self._prepare(self.ledger.add_facts(read))

    # Steps --------------------------------------------------------------
    @staticmethod
    def _prepare(draft: Draft) -> tuple[Draft, list[suppress.Suppression]]:
        # Directives were found when the draft was read (draft.suppressions);
        # the "used" bookkeeping is made fresh here, for this check only.
        return suppress.prepare(draft)

    def resolve_profile(self, draft: Draft, profile: str | None) -> tuple[Profile, str]:
        """The profile to judge a draft with, and why."""
        if chosen := self._chosen_profile(profile):
            return chosen
        if draft.suggested_profile:
            if why := _pitch_through_a_list(draft):
                return _profile("cold"), why
            return _profile(draft.suggested_profile), "the message looks like a newsletter"
        if why := first_contact(draft):
            return _profile("cold"), why
        return PROFILES[0], "default"

    def _chosen_profile(self, profile: str | None) -> tuple[Profile, str] | None:
        """The profile asked for, or set in the configuration, and why."""
        if profile:
            return _profile(profile), "asked for"
        if self.config.profile:
            return _profile(self.config.profile), f"set in {self.config.origin}"
        return None

    def _unreadable(self, item: _Unreadable, profile: str | None) -> Report:
        """The report that stands for a draft that could not be read."""
        chosen, why = self._chosen_profile(profile) or (PROFILES[0], "default")
        return Report(
            source=item.source, profile=chosen, engine=self.engine.name, scores=dict.fromkeys(SCORES, 0),
            verdict="fail", metrics={}, findings=(), error=item.problem, extra={"profile_reason": why},
        )  # fmt: skip

    def _report(self, analysis: Analysis, suppressions: list[suppress.Suppression], profile: str | None) -> Report:
        draft = analysis.draft
        profile, why_profile = self.resolve_profile(draft, profile)
        lines = _LineIndex(draft.text)
        findings: list[Finding] = []
        running = [r for r in self.rules if profile in r.profiles]
        # A draft in another language is not judged on English words.
        language = guess_language(draft.scope_text("body"))
        unjudged = [r.code for r in running if language and r.languages and language not in r.languages]
        running = [r for r in running if r.code not in unjudged]
        # Engine findings last: they report on what the other rules did.
        for rule in sorted(running, key=lambda r: r.type == "engine"):
            if rule.type == "engine":
                hits: Iterable[Hit] = _unused(suppressions, self.rules)
            else:
                hits = TYPES[rule.type].run(self._compiled[rule.code], analysis, rule)
            spent = 0
            for hit in hits:
                finding = _finding(rule, hit, analysis, lines, min(rule.points, rule.cap - spent))
                if rule.type == "engine":  # the rules read the directives blanked out
                    finding = suppress.as_written(finding, suppressions[hit.values["directive"]])
                if _suppressed(finding, rule, suppressions):
                    continue
                spent += finding.points
                findings.append(finding)
        findings.sort(key=lambda f: (f.line, f.column, f.rule))
        scores = score.scores(findings)
        verdict = score.verdict(scores["warmth"], findings, self.config.fail_under, self.config.warn_under)
        extra: dict[str, Any] = {"profile_reason": why_profile, **report_extra(draft.context)}
        return Report(
            source=draft.source,
            profile=profile,
            engine=analysis.engine.name,
            scores=scores,
            verdict=verdict,
            metrics=analysis.reported_metrics(),
            findings=tuple(findings),
            warnings=draft.warnings + _language_warning(language, unjudged),
            extra=extra,
            text=suppress.restore(draft.text, suppressions),
            subject=draft.headers.subject,
        )


@dataclasses.dataclass(frozen=True)
class _Unreadable:
    """A draft in a stream that could not be read, and why."""

    source: str
    problem: str


#: A draft read and ready to check (with its suppression bookkeeping), or
#: why it could not be read.
Item = tuple[Draft, list[suppress.Suppression]] | _Unreadable


def _name_of(draft: DraftInput) -> str:
    """What a draft is called in a report when no source was given."""
    if isinstance(draft, Path):
        return str(draft)
    return "<string>" if isinstance(draft, str) else "<bytes>" if isinstance(draft, bytes) else "<message>"


def _language_warning(language: str | None, unjudged: list[str]) -> tuple[str, ...]:
    if not language or not unjudged:
        return ()
    return (f"the draft reads as {LANGUAGES[language]}: {len(unjudged)} rules read English words and did not judge it "
            f"({', '.join(unjudged)})",)


_NEWLINE = re.compile("\n")


class _LineIndex:
    """Offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


#: Words of body under which list mail that is plainly a first contact is a note, not an issue.
_LIST_NOTE_WORDS = 150
#: A newsletter speaks of itself as an issue, or to its many readers.
_ISSUE_WORDING = re.compile(
    r"\b(?:(?:this|last|next) (?:month|week|issue|edition|quarter|season)\b|in this (?:issue|edition)|newsletter|digest"
    r"|round-?up|news from|readers|subscribers|members|everyone|(?:hi|hello|dear) all)\b",
    re.IGNORECASE,
)


def _pitch_through_a_list(draft: Draft) -> str | None:
    """Why a message whose only newsletter signs are its list headers is
    judged as a first mail, or None. Cold-mail tools add List-Unsubscribe
    to every mail (bulk senders must, since 2024) and a group relay adds
    List-Id and "Precedence: list"; a short body that is plainly a first
    contact ("Hello, we help businesses rank… Reply YES") is a pitch, not
    an issue of a newsletter. Newsletter markup (a "view in browser" link,
    many links) or a newsletter's words ("This month:", "Hello readers")
    keep the newsletter profile."""
    body = draft.scope_text("body")
    if html_newsletter_signals(draft.facts) or len(body.split()) >= _LIST_NOTE_WORDS or _ISSUE_WORDING.search(body):
        return None
    why = first_contact(draft)
    return f"{why}; only its list headers look like a newsletter" if why else None


def _profile(name: str) -> Profile:
    for known in PROFILES:
        if name == known:
            return known
    raise ConfigError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}")


def _finding(rule: Rule, hit: Hit, analysis: Analysis, lines: _LineIndex, points: int) -> Finding:
    if rule.scope == "subject":
        # Line 0: the message headers, before the first line of the body.
        subject = analysis.draft.headers.subject or ""
        line, col, end_line, end_col = 0, hit.start + 1, 0, hit.end + 1
        text = subject[hit.start : hit.end]
    else:
        line, col = lines.position(hit.start)
        end_line, end_col = lines.position(hit.end)
        # The draft's own words: the rules read soft line breaks as spaces.
        text = analysis.draft.text[hit.start : hit.end]
    return Finding(
        rule=rule.code,
        name=rule.name,
        family=rule.family,
        severity=rule.severity,
        points=points,
        # Placeholders were checked against the options and values when the pack loaded.
        message=rule.message.format(**rule.options, **hit.values),
        suggestion=rule.suggestion,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        text=text,
        scope=rule.scope,
        start=hit.start,
        end=hit.end,
    )


def _suppressed(finding: Finding, rule: Rule, suppressions: list[suppress.Suppression]) -> bool:
    for sup in suppressions:
        if sup.covers(finding.line):
            if not sup.refs:  # ``warmcheck: off``: every rule
                return True
            for ref in sup.refs:
                if matches(rule, ref):
                    sup.used.add(ref)
                    return True
    return False


def _unused(suppressions: list[suppress.Suppression], rules: list[Rule]) -> Iterator[Hit]:
    """Where a directive names a rule that found nothing on its line."""
    for index, sup in enumerate(suppressions):
        for ref in sup.refs:
            if ref not in sup.used:
                known = any(matches(r, ref) for r in rules)
                note = "" if known else " (no loaded rule has that code or name)"
                yield Hit(sup.start, sup.end, {"ref": ref, "unknown": note, "directive": index})
