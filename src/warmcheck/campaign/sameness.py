"""Batch sameness: how much of each copy's text the other copies share.

The README documents it. Each copy's words, with the recipient's short merge
values (names, companies: up to ``swap_words`` words) set aside as one
placeholder, are cut into 3-word shingles and hashed into a MinHash
(128 permutations; signed as the ledger signs texts,
:mod:`warmcheck.ledger.signature`). A copy's *sameness* is the estimated
Jaccard similarity with the most similar earlier copy among a fixed-size
reservoir sample of them, so memory and work per copy do not grow with the
number of recipients and no pair of copies is compared in full. The
campaign's figure is the median over copies; the campaign rule BL065
(``rules/campaign.yaml``) judges it against its threshold.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..ledger.signature import Signer
from ..ledger.signature import words as signed_words


@dataclass(frozen=True)
class SamenessSettings:
    """How sameness is measured (when it is a blast is BL065's to say)."""

    #: Words in a shingle.
    shingle_words: int = 3
    #: MinHash permutations (the estimate's standard error is about 0.035 at 0.8).
    permutations: int = 128
    #: Earlier copies kept (a reservoir sample) to compare each copy with.
    sample: int = 512
    #: Merge values of at most this many words are swaps (a name, a company)
    #: and are set aside; longer ones (a personal note) are the copy's own text.
    swap_words: int = 4


_WORD = re.compile(r"\w+")


class Sameness:
    """Streaming batch sameness with flat memory (see the module docstring)."""

    def __init__(self, settings: SamenessSettings | None = None) -> None:
        import numpy as np

        self.settings = s = settings or SamenessSettings()
        self._np = np
        self._signer = Signer(permutations=s.permutations, shingle_words=s.shingle_words)
        self._bank = np.zeros((s.sample, s.permutations), dtype=np.uint64)
        self._kept = 0
        self._seen = 0
        self._rng = random.Random(1)
        #: Per-copy sameness in hundredths: a histogram, so the median needs no list.
        self.histogram = [0] * 101

    def words(self, text: str, values: Mapping[str, Any]) -> list[str]:
        swaps = [
            str(v)
            for v in values.values()
            if isinstance(v, str | int | float) and not isinstance(v, bool)
            and 0 < len(_WORD.findall(str(v))) <= self.settings.swap_words
        ]  # fmt: skip
        return signed_words(text, swaps)

    def add(self, text: str, values: Mapping[str, Any]) -> float | None:
        """Score one copy against the earlier ones; None for the first copy or an empty one."""
        words = self.words(text, values)
        if not words:
            return None
        hashes = self._signer.sign(words)
        score: float | None = None
        if self._kept:
            same = self._np.count_nonzero(self._bank[: self._kept] == hashes, axis=1)
            score = float(same.max()) / self.settings.permutations
            self.histogram[round(score * 100)] += 1
        # Reservoir sampling (Algorithm R, fixed seed): a uniform sample of the copies so far.
        if self._kept < self.settings.sample:
            self._bank[self._kept] = hashes
            self._kept += 1
        else:
            slot = self._rng.randrange(self._seen + 1)
            if slot < self.settings.sample:
                self._bank[slot] = hashes
        self._seen += 1
        return score

    def quantile(self, q: float) -> float | None:
        total = sum(self.histogram)
        if not total:
            return None
        wanted, running = q * total, 0
        for hundredths, count in enumerate(self.histogram):
            running += count
            if running >= wanted:
                return hundredths / 100
        return 1.0

    def at_least(self, value: float) -> int:
        return sum(self.histogram[round(value * 100) :])
