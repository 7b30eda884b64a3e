"""MinHash signatures of a text's word shingles: how alike two texts are,
kept without keeping a word of either.

A text's words (lower-cased; names and other short values set aside as one
placeholder) are cut into shingles of three words, and the shingles hashed
into a MinHash (``datasketch``, 128 permutations, a fixed seed, the
``affine32`` scheme). The share of equal values between two signatures
estimates the Jaccard similarity of their shingle sets (standard error about
0.035 at 0.8). Campaign sameness (:mod:`warmcheck.campaign.sameness`) and the
ledger sign texts here, the same way.

For the ledger, a signature is also cut into bands (LSH): two texts at least
half alike share a band with a probability of 0.87 or more (0.9998 at 0.8),
so similar earlier mails are found through an index instead of by reading
every signature.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

#: What the stored signatures are: changing any part makes old ones incomparable.
SCHEME = "minhash-affine32-128-seed1-words3"
PERMUTATIONS = 128
SHINGLE_WORDS = 3
#: Bands of ``ROWS`` values each: PERMUTATIONS == BANDS * ROWS.
BANDS, ROWS = 32, 4

_WORD = re.compile(r"\w+")
#: What a set-aside value (a name) reads as.
PLACEHOLDER = "_merge_"


def words(text: str, swaps: Iterable[str] = ()) -> list[str]:
    """The text's words, lower-cased, with each of ``swaps`` (a reader's
    name, a campaign's short merge values) set aside as one placeholder."""
    aside = sorted({s.strip() for s in swaps if s.strip()}, key=len, reverse=True)
    if aside:
        pattern = "|".join(re.escape(s) for s in aside)
        text = re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", f" {PLACEHOLDER} ", text, flags=re.IGNORECASE)
    return _WORD.findall(text.lower())


class Signer:
    """Signs word lists; made once, then used for many texts (datasketch and
    its permutations are loaded when it is made)."""

    def __init__(self, permutations: int = PERMUTATIONS, shingle_words: int = SHINGLE_WORDS) -> None:
        from datasketch import MinHash

        self.permutations = permutations
        self.shingle_words = shingle_words
        self._minhash = MinHash
        base = MinHash(num_perm=permutations, seed=1, scheme="affine32")
        self._seeded, self._scheme = base.permutations, base.scheme

    def sign(self, text_words: list[str]) -> Any:
        """The MinHash values (a numpy array) of the words' shingles, or None
        for a text with no words."""
        if not text_words:
            return None
        k = self.shingle_words
        shingles = {" ".join(text_words[i : i + k]).encode() for i in range(max(1, len(text_words) - k + 1))}
        mh = self._minhash(num_perm=self.permutations, permutations=self._seeded, scheme=self._scheme)
        mh.update_batch(list(shingles))
        return mh.hashvalues

    def signature(self, text_words: list[str]) -> bytes | None:
        """What the ledger stores: the values as little-endian 32-bit words."""
        values = self.sign(text_words)
        return None if values is None else values.astype("<u4").tobytes()


def similarity(a: bytes | None, b: bytes | None) -> float | None:
    """The estimated Jaccard similarity of two stored signatures (None when
    either is missing or they are of different sizes)."""
    if not a or not b or len(a) != len(b):
        return None
    import numpy as np

    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)


def bands(signature: bytes) -> list[int]:
    """The LSH buckets of a stored signature, one per band, as signed 64-bit
    integers (what both SQLite and PostgreSQL store as a plain integer)."""
    width = ROWS * 4
    out = []
    for band in range(len(signature) // width):
        digest = hashlib.blake2b(signature[band * width : (band + 1) * width], digest_size=8, person=b"band%04d" % band)
        out.append(int.from_bytes(digest.digest(), "little", signed=True))
    return out
