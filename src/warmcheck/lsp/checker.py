"""Checking buffers for the language server: the configuration each one
reads, a Linter per configuration kept for the next edit, and memory that
stays flat.

Configuration is found as the CLI finds it, walking up from the document's
folder (``warmcheck.config.discover``). Which files that walk would read is
cheap to watch: each check compares their modification times and sizes with
the last ones seen (a few ``stat`` calls), so an edited ``warmcheck.toml`` is
picked up on the next check even where the editor does not report file
changes; :meth:`Checker.forget` drops everything at once when it does.

Memory stays flat over an editing session, where every edit brings new
words: the Linter parses each batch inside spaCy's memory zone (spaCy
3.8), so the words a check adds to spaCy's string store are dropped when
it ends, and a Report is plain data. Zones must not be nested, so none is
opened here. What a zone does not cover, the full model's lemmatizer cache,
is trimmed after each check (:func:`_trim_caches`).
"""

from __future__ import annotations

import contextlib
import os
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config, ConfigError, discover
from ..core import Finding, Report, Rule, WarmcheckError
from ..engine.linter import Linter
from . import drafts

#: Linters kept at once (one per configuration in play).
MAX_LINTERS = 8
_CONFIG_NAMES = ("warmcheck.toml", "pyproject.toml")


@dataclass(frozen=True)
class Located:
    """A finding and where its words are in the buffer (code-point offsets)."""

    finding: Finding
    start: int
    end: int


@dataclass(frozen=True)
class Checked:
    """One check of one buffer: plain data, safe to keep."""

    text: str
    kind: str
    report: Report | None = None
    located: tuple[Located, ...] = ()
    #: Why there is no report: a configuration or an input that cannot be used.
    problem: str | None = None
    #: The rules that ran, by code (for hovers: why, and what to do instead).
    rules: dict[str, Rule] = field(default_factory=dict)
    reader_name: str | None = None
    #: The mail buffer's header block, when it has one.
    header: drafts.HeaderBlock | None = None


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The configuration files the walk up from ``folder`` could read, with
    their modification times and sizes."""
    found = []
    for place in (folder, *folder.parents):
        for name in _CONFIG_NAMES:
            path = place / name
            with contextlib.suppress(OSError):
                st = path.stat()
                found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(found)


def _stamp(paths: Iterator[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in paths:
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


class Checker:
    """Checks buffers. Not thread-safe: the server calls it from one worker thread."""

    def __init__(self, *, root: Path | None = None, model: str | None = None) -> None:
        #: Where an unsaved buffer's configuration is looked for.
        self.root = root
        self.model = model
        self._configs: dict[Path, tuple[Any, Config | ConfigError]] = {}
        self._linters: OrderedDict[Any, Linter] = OrderedDict()

    def forget(self) -> None:
        """Configuration files changed: read them again on the next check."""
        self._configs.clear()
        self._linters.clear()

    def config_for(self, path: Path | None) -> Config:
        """The configuration a document at ``path`` reads (raises ConfigError)."""
        folder = (path.parent if path is not None else self.root) or Path.cwd()
        signature = _signature(folder)
        cached = self._configs.get(folder)
        if cached is None or cached[0] != signature:
            try:
                loaded: Config | ConfigError = discover(folder / "_")
            except ConfigError as exc:
                loaded = exc
            if len(self._configs) > 256:
                self._configs.clear()
            cached = self._configs[folder] = (signature, loaded)
        if isinstance(cached[1], ConfigError):
            raise cached[1]
        return cached[1].with_overrides(model=self.model)

    def linter_for(self, path: Path | None) -> Linter:
        config = self.config_for(path)
        origin = Path(config.origin)
        key = (config.origin, config.model, _stamp(iter([origin, *config.packs])) if origin.is_file() else ())
        linter = self._linters.get(key)
        if linter is None:
            linter = Linter(config)
            self._linters[key] = linter
            while len(self._linters) > MAX_LINTERS:
                self._linters.popitem(last=False)
        self._linters.move_to_end(key)
        return linter

    def check(self, text: str, kind: str, *, path: Path | None = None, source: str = "<buffer>") -> Checked:
        """Check one buffer's text; never raises for a bad configuration or input."""
        try:
            linter = self.linter_for(path)
            if len(text.encode("utf-8", "surrogatepass")) > linter.config.max_bytes:
                return Checked(text, kind, problem=f"larger than max_bytes ({linter.config.max_bytes:,})")
            draft = drafts.read(text, kind, source)
            report = linter.check(draft)
            _trim_caches(linter.engine.nlp)
        except WarmcheckError as exc:
            return Checked(text, kind, problem=str(exc))
        placer = drafts.Placer(text, draft, kind)
        # The draft was read as the command reads it: an X-Warmcheck-Disable header has already silenced its rules.
        located = tuple(Located(f, *placer.place(f)) for f in report.findings)
        return Checked(
            text,
            kind,
            report=report,
            located=located,
            rules={r.code: r for r in linter.rules},
            reader_name=draft.headers.reader_name,
            header=placer.header,
        )

    def strings(self) -> int:
        """How many strings spaCy's store holds (the engines loaded so far)."""
        seen = {id(linter.engine.nlp): len(linter.engine.nlp.vocab.strings) for linter in self._linters.values()}
        return sum(seen.values())


#: Entries a pipe's own cache may hold before it is emptied.
CACHE_LIMIT = 20_000


def _trim_caches(nlp: Any) -> None:
    """spaCy's rule lemmatizer (the full model's) keeps every word it has
    lemmatized, outside any memory zone: in an editor session, where every
    edit brings new words, that grows without end. Emptied when large; it
    is only a cache."""
    for _, pipe in getattr(nlp, "pipeline", ()):
        cache = getattr(pipe, "cache", None)
        if isinstance(cache, dict) and len(cache) > CACHE_LIMIT:
            cache.clear()


def rss_kib() -> int:
    """This process's resident memory, in KiB (0 where /proc is not there)."""
    with contextlib.suppress(OSError), open(f"/proc/{os.getpid()}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
