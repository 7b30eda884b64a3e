"""MinHash signatures: warmcheck's own numpy MinHash signs exactly as
datasketch 2.0's ``affine32`` scheme does, so every signature a ledger
already stores keeps comparing true, and signing loads neither datasketch
nor SciPy."""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
from typing import Any

import pytest

from warmcheck.ledger.signature import CHUNK, SCHEME, Signer, similarity, words

TEXT = "Hi Ana, thanks for showing me the river survey maps on Thursday. How did the count at the north bank go?"


def datasketch_values(text_words: list[str], permutations: int = 128, shingle_words: int = 3) -> Any:
    """What datasketch makes of the same shingles (as warmcheck signed
    before it had a MinHash of its own)."""
    datasketch = pytest.importorskip("datasketch")
    k = shingle_words
    shingles = {" ".join(text_words[i : i + k]).encode() for i in range(max(1, len(text_words) - k + 1))}
    seeded = datasketch.MinHash(num_perm=permutations, seed=1, scheme="affine32").permutations
    minhash = datasketch.MinHash(num_perm=permutations, permutations=seeded, scheme="affine32")
    minhash.update_batch(list(shingles))
    return minhash.hashvalues


def test_a_known_text_signs_as_it_always_has() -> None:
    # Made by datasketch 2.0.0 (affine32, seed 1) before the switch: a stored
    # signature must stay what it was, with or without datasketch installed.
    assert SCHEME == "minhash-affine32-128-seed1-words3"
    signature = Signer().signature(words(TEXT, ["Ana"]))
    assert signature is not None and len(signature) == 128 * 4
    assert hashlib.sha256(signature).hexdigest() == "35bf79dc665e47dd1bc33c8708e18199d1eb635ab5a16a4e5d711c4b8af93d52"


def test_signatures_are_bit_for_bit_datasketchs_on_many_texts() -> None:
    rng = random.Random(13)
    vocabulary = ["".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(1, 8))) for _ in range(5000)]
    signer = Signer()
    lengths = [1, 2, 3, 4, 5, 12, 150, 800, CHUNK + 7, 3 * CHUNK]
    for n in lengths + [rng.randint(1, 400) for _ in range(200)]:
        text_words = [rng.choice(vocabulary) for _ in range(n)]
        ours, theirs = signer.sign(text_words), datasketch_values(text_words)
        assert ours.dtype == theirs.dtype and ours.tolist() == theirs.tolist(), n


def test_other_sizes_sign_as_datasketch_does_too() -> None:
    text_words = words(TEXT * 3)
    for permutations, shingle_words in ((64, 2), (256, 3), (7, 1)):
        ours = Signer(permutations=permutations, shingle_words=shingle_words).sign(text_words)
        assert ours.tolist() == datasketch_values(text_words, permutations, shingle_words).tolist()


def test_a_text_without_words_has_no_signature_and_alike_texts_score_high() -> None:
    signer = Signer()
    assert signer.signature([]) is None
    one = signer.signature(words(TEXT))
    other = signer.signature(words(TEXT.replace("Thursday", "Friday")))
    assert similarity(one, one) == 1.0
    assert 0.5 < (similarity(one, other) or 0) < 1.0


def test_signing_loads_neither_datasketch_nor_scipy() -> None:
    code = (
        "import sys; from warmcheck.ledger.signature import Signer, words\n"
        "Signer().signature(words('Hi Ana, how did the river survey go last week?'))\n"
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stderr
