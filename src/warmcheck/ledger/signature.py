"""MinHash signatures of a text's word shingles: how alike two texts are,
kept without keeping a word of either.

A text's words (lower-cased; names and other short values set aside as one
placeholder) are cut into shingles of three words, and the shingles hashed
into a MinHash of 128 permutations: the ``affine32`` scheme of datasketch
2.0 with seed 1, made here in a few lines of numpy and bit for bit the same
(tests/test_signature.py compares them), so that signing loads neither
datasketch nor the SciPy it imports (half a second at every start with a
ledger). The share of equal values between two signatures estimates the Jaccard similarity of their shingle sets (standard error about
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


#: The seed of the permutations (with ``SCHEME``: what makes signatures comparable).
SEED = 1
#: Shingles hashed in one numpy pass: bounds the memory of a long text's
#: signature (a pass holds ``CHUNK * permutations`` values).
CHUNK = 4096


class Signer:
    """Signs word lists; made once, then used for many texts."""

    def __init__(self, permutations: int = PERMUTATIONS, shingle_words: int = SHINGLE_WORDS) -> None:
        import numpy as np

        self.permutations = permutations
        self.shingle_words = shingle_words
        # datasketch's affine32 permutations, h -> a * h + b modulo 2**32 (a
        # odd, so each is a bijection), drawn as it draws them: numpy's legacy
        # RandomState, whose stream numpy keeps unchanged for this very use.
        draw = np.random.RandomState(SEED)
        self._a = draw.randint(0, 1 << 31, permutations, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        self._b = draw.randint(0, 1 << 32, permutations, dtype=np.uint32)

    def sign(self, text_words: list[str]) -> Any:
        """The MinHash values (a numpy array of uint32) of the words'
        shingles, or None for a text with no words."""
        if not text_words:
            return None
        import numpy as np

        k = self.shingle_words
        shingles = list({" ".join(text_words[i : i + k]).encode() for i in range(max(1, len(text_words) - k + 1))})
        values = np.full(self.permutations, 0xFFFFFFFF, dtype=np.uint32)
        for start in range(0, len(shingles), CHUNK):
            chunk = shingles[start : start + CHUNK]
            # SHA-1's first four bytes, little-endian (datasketch's sha1_hash32).
            digests = b"".join(hashlib.sha1(s).digest()[:4] for s in chunk)
            hashed = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32)).reshape(-1, 1)
            np.minimum(values, (hashed * self._a + self._b).min(axis=0), out=values)
        return values

    def signature(self, text_words: list[str]) -> bytes | None:
        """What the ledger stores: the values as little-endian 32-bit words."""
        values = self.sign(text_words)
        return None if values is None else values.astype("<u4").tobytes()


def _fmix32(values: Any) -> Any:
    """MurmurHash3's 32-bit finalizer, a bijection that spreads the bits
    before the permutations (datasketch's pre-mix); wraps modulo 2**32."""
    import numpy as np

    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


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
