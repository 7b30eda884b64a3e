"""Facts computed once per draft, shared by every rule.

An :class:`Analysis` holds the draft, its spaCy ``Doc`` and the metrics; rules
only read it. Metrics are computed on first use and cached, so a rule pack
that never asks for the reading grade never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

from .message import Draft
from .options import compile_fast

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .config import Config
    from .nlp import Engine

FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves ya".split())

#: Polite formulas whose pronouns say nothing about focus ("thank you").
FORMULAS = compile_fast(
    r"\b(?:thank(?:s| you)(?: (?:so|very) much)?(?: for\b[^.!?\n]*)?|see you(?: soon| there| then)?|"
    r"talk (?:to you )?soon|(?:hope|trust) (?:you(?:'re| are)|this finds you)[^.!?\n]{0,20}well|"
    r"(?:let me|please let me) know|look(?:ing)? forward to (?:hearing from you|seeing you)|"
    r"i hope (?:you(?:'re| are| had) )?[^.!?\n]{0,25}(?:well|great|good)|have a (?:good|great|nice) \w+|"
    r"best wishes|kind regards|regards)\b",
    re.IGNORECASE,
)

#: A line break inside a sentence: plain-text mail is wrapped at ~72
#: characters, and a phrase split by the wrap ("added you to our⏎monthly
#: newsletter") must still be found. A break after a word or a comma, with the
#: next line going on in lower case, is read as a space.
_SOFT_BREAK = re.compile(r"(?<=[\w,;\-])[ \t]*\n(?=[ \t]*[a-z])")


def reading_text(text: str) -> str:
    """The text the rules read: soft line breaks become spaces. The length is
    unchanged, so every offset still points into the draft's own text."""
    return _SOFT_BREAK.sub(lambda m: " " * len(m.group(0)), text)


#: Metric name -> function of an analysis. Rules name these in packs.
METRICS: dict[str, Callable[[Analysis], float]] = {}
#: Metrics every report carries.
REPORTED = ("words", "sentences", "questions", "grade", "first_person", "second_person", "recipients")


def metric(name: str) -> Callable[[Callable[[Analysis], float]], Callable[[Analysis], float]]:
    def register(fn: Callable[[Analysis], float]) -> Callable[[Analysis], float]:
        METRICS[name] = fn
        return fn

    return register


class Passage:
    """Tokens ``start`` to ``end`` of a draft's doc: a sentence, a scope's
    range, a paragraph. It reads like a spaCy ``Span`` (iterate, index,
    slice, ``text``, ``start_char``, ``end_char``), but from the tokens and
    text made once per draft: a ``Span`` makes a new ``Token`` at every step
    and joins their texts for its own, and the checks read the same
    sentences many times."""

    __slots__ = ("_analysis", "end", "start")

    def __init__(self, analysis: Analysis, start: int, end: int) -> None:
        self._analysis = analysis
        self.start = start
        self.end = end

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self._analysis.token_list[self.start : self.end])

    @overload
    def __getitem__(self, key: int) -> Token: ...
    @overload
    def __getitem__(self, key: slice) -> Passage: ...
    def __getitem__(self, key: int | slice) -> Token | Passage:
        if isinstance(key, slice):
            start, end, _ = key.indices(len(self))
            return Passage(self._analysis, self.start + start, self.start + max(start, end))
        at = key + len(self) if key < 0 else key
        if not 0 <= at < len(self):
            raise IndexError(key)
        return self._analysis.token_list[self.start + at]

    @property
    def start_char(self) -> int:
        tokens = self._analysis.token_list
        return tokens[self.start].idx if self.start < len(tokens) else len(self._analysis.doc_text)

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return self.start_char
        last = self._analysis.token_list[self.end - 1]
        return last.idx + len(last)

    @property
    def text(self) -> str:
        """As ``Span.text``: the tokens' text without the last one's space."""
        return self._analysis.doc_text[self.start_char : self.end_char]


class Analysis:
    """One draft with its parse and metrics: what every rule reads."""

    def __init__(self, draft: Draft, doc: Doc, engine: Engine, config: Config, text: str, doc_text: str) -> None:
        self.draft = draft
        #: The parse of what the rules judge (``nlp.judged_text``): the same
        #: length as the draft's text, the rest blanked.
        self.doc = doc
        #: The doc's text, as given to spaCy (``Doc.text`` joins every token's anew).
        self.doc_text = doc_text
        self.engine = engine
        self.config = config
        #: ``reading_text(draft.text)``: the whole text as the rules read it
        #: (soft line breaks as spaces), offsets as in the draft.
        self.text = text
        self._metrics: dict[str, float] = {}
        # Rules ask for the same scopes over and over: compute each once.
        self._ranges: dict[str, list[tuple[int, int]]] = {}
        self._sentences: dict[str, list[Passage]] = {}
        self._memo: dict[tuple[str, str], Any] = {}

    def metric(self, name: str) -> float:
        if name not in self._metrics:
            self._metrics[name] = METRICS[name](self)
        return self._metrics[name]

    def memo(self, key: tuple[str, str], compute: Callable[[], Any]) -> Any:
        """A value that several checks derive from this draft, computed once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def reported_metrics(self) -> dict[str, Any]:
        return {name: self.metric(name) for name in REPORTED}

    # Scope helpers -------------------------------------------------------
    def ranges(self, scope: str) -> list[tuple[int, int]]:
        if scope not in self._ranges:
            self._ranges[scope] = self.draft.ranges(scope)
        return self._ranges[scope]

    def in_scope(self, start: int, scope: str) -> bool:
        return any(a <= start < b for a, b in self.ranges(scope))

    def first_line(self, *scopes: str) -> tuple[int, int] | None:
        """Offsets of the first line with words in ``scopes``, in text order,
        without its surrounding white space."""
        for start, end in sorted(r for scope in scopes for r in self.ranges(scope)):
            chunk = self.text[start:end]
            stripped = chunk.lstrip()
            if stripped:
                first = start + len(chunk) - len(stripped)
                return first, first + len(stripped.split("\n", 1)[0].rstrip())
        return None

    @cached_property
    def token_list(self) -> list[Token]:
        """Every token of the doc, each made once."""
        return list(self.doc)

    def passage(self, start_char: int, end_char: int) -> Passage | None:
        """The tokens that the text from ``start_char`` to ``end_char`` touches."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        return None if span is None else Passage(self, span.start, span.end)

    def tokens(self, scope: str = "body") -> Iterator[Token]:
        for a, b in self.ranges(scope):
            if (passage := self.passage(a, b)) is not None:
                yield from passage

    def words(self, scope: str = "body") -> list[Token]:
        """The words (and numbers) of a scope, found once per draft."""
        return self.memo(("words", scope), lambda: [t for t in self.tokens(scope) if t.is_alpha or t.like_num])

    @cached_property
    def all_sentences(self) -> list[Passage]:
        """Every sentence of the doc, as ``Doc.sents`` gives them, found in
        one array of sentence starts."""
        import numpy

        starts = [0, *(int(i) for i in numpy.flatnonzero(self.doc.to_array("SENT_START") == 1) if i)]
        return [Passage(self, a, b) for a, b in zip(starts, [*starts[1:], len(self.doc)], strict=True) if a < b]

    def sentences(self, scope: str = "body") -> list[Passage]:
        """Sentences that start inside ``scope``, blank ones left out."""
        if scope not in self._sentences:
            self._sentences[scope] = [
                s
                for s in self.all_sentences
                if s.text.strip() and self.in_scope(s[0].idx if not s[0].is_space else s.end_char - 1, scope)
            ]
        return self._sentences[scope]

    @cached_property
    def formula_offsets(self) -> set[int]:
        """Character offsets covered by polite formulas."""
        covered: set[int] = set()
        for m in FORMULAS.finditer(self.text):
            covered.update(range(m.start(), m.end()))
        return covered

    @cached_property
    def sender_terms(self) -> re.Pattern[str] | None:
        """The sender's own names, company and products, as one pattern."""
        names = self.config.sender_terms()
        if not names:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)

    def is_first_person(self, token: Token) -> bool:
        if token.idx in self.formula_offsets:
            return False
        if token.lower_ in FIRST_PERSON:
            # "US" in capitals is the country more often than the pronoun.
            return token.text != "US"
        return False

    def sender_mentions(self, scope: str = "body") -> list[tuple[int, int]]:
        if self.sender_terms is None:
            return []
        return [
            (m.start(), m.end())
            for a, b in self.ranges(scope)
            for m in self.sender_terms.finditer(self.text, a, b)
            if m.start() not in self.formula_offsets
        ]

    def is_second_person(self, token: Token) -> bool:
        return token.lower_ in SECOND_PERSON and token.idx not in self.formula_offsets


@metric("words")
def _words(a: Analysis) -> float:
    """Words the sender writes now: greeting and body."""
    return len(a.words("greeting")) + len(a.words("body"))


@metric("sentences")
def _sentences(a: Analysis) -> float:
    return len(a.sentences("body"))


@metric("questions")
def _questions(a: Analysis) -> float:
    return sum(1 for s in a.sentences("body") if s.text.rstrip().endswith("?"))


@metric("grade")
def _grade(a: Analysis) -> float:
    """US school grade of the body (Coleman-Liau: letters and sentences only,
    so no syllable dictionary has to be loaded)."""
    body = a.draft.scope_text("body")
    if len(body.split()) < 10:
        return 0.0
    import textstat

    return round(max(0.0, float(textstat.coleman_liau_index(body))), 1)


@metric("first_person")
def _first_person(a: Analysis) -> float:
    # Pronouns are words: the body's words are read once for all the metrics.
    return sum(1 for t in a.words("body") if a.is_first_person(t)) + len(a.sender_mentions("body"))


@metric("second_person")
def _second_person(a: Analysis) -> float:
    return sum(1 for t in a.words("body") if a.is_second_person(t))


@metric("recipients")
def _recipients(a: Analysis) -> float:
    return a.draft.headers.recipients
