"""What evidence of another kind would add: a text model learned from the
outreach set's own labels, beside the rules.

    python bench/learned.py --outreach /work/outreach-dev/texts ../shared/corpus/dev

The rules find what the principles name; this asks what is left in the
labels for any reader of the words. A logistic regression over hashed word
and character n-grams of each draft's text as warmcheck reads it (a
template's fields masked; no word list is kept, only hash buckets) is
trained with each source left out, so no item is scored by a model that
saw its source or its author. First the AUCs of the rules' warmth and of
the model's probability, on the whole set and within each kind (most warm
items are templates and most cold ones whole mails, a difference a model
learns and a linter must not use). Then that probability moves warmth by
up to ``K / 2`` points either way, and the figures are printed as
``bench/calibrate.py`` prints them, for each ``K`` in ``STRENGTHS``. The
shared corpus is scored by a model trained on every outreach item.

Analysis only: warmcheck ships no learned model. Most of the set's sources
carry no licence that would allow one, and a finding must say where and why.
The light engine; numpy only.
"""

from __future__ import annotations

import itertools
import re
import sys
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

import warmcheck
from calibrate import Mail, auc, judge, open_sets, packs_prices, table, verdicts
from evaluate import load_corpus, load_outreach, read_corpus, read_outreach

BUCKETS = 2**14
STRENGTHS = (0, 10, 20, 30, 40)
PENALTY = 1e-3  # L2, per item
STEPS = 400
_WORD = re.compile(r"[a-z0-9'’]+")


def features(text: str) -> np.ndarray:
    """Word unigrams and bigrams and character 3- to 5-grams of the words,
    hashed into ``BUCKETS``, counts damped (1 + log) and the row scaled to length 1."""
    words = _WORD.findall(text.lower())
    joined = f" {' '.join(words)} "
    grams = [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words)),
             *(joined[i : i + n] for n in (3, 4, 5) for i in range(len(joined) - n + 1))]
    row = np.zeros(BUCKETS)
    for bucket, count in Counter(zlib.crc32(g.encode()) % BUCKETS for g in grams).items():
        row[bucket] = 1 + np.log(count)
    norm = np.linalg.norm(row)
    return row / norm if norm else row


def train(x: np.ndarray, warm: np.ndarray) -> np.ndarray:
    """Weights (bias last) of a class-balanced, L2-penalised logistic
    regression, by gradient descent (the rows have length 1, so a fixed step converges)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    share = warm.mean()
    weight = np.where(warm, 0.5 / share, 0.5 / (1 - share)) / len(x)
    w = np.zeros(xb.shape[1])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(xb @ w)))
        w -= 4.0 * (xb.T @ (weight * (p - warm)) + PENALTY * np.append(w[:-1], 0))
    return w


def warm_chance(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The model's probability that each row is warm."""
    return 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))


def texts(corpus: Path, outreach: Path) -> list[str]:
    """Each item's text as warmcheck reads it, in the rows' order of :func:`calibrate.collect`."""
    max_bytes = warmcheck.Config().max_bytes
    items = load_corpus(corpus)
    shared = [d.text for d, i in zip(read_corpus(items, max_bytes)[0], items, strict=True) if i.label in ("personal", "blast")]
    return shared + [d.text for d in read_outreach(load_outreach(outreach), max_bytes)]


def source_out_chances(mail: Mail, x: np.ndarray) -> np.ndarray:
    """Every item's probability of being warm: an outreach item's from a model
    trained on the other sources, the shared corpus's from one trained on all."""
    outreach = ~mail.shared
    p = np.zeros(len(x))
    p[mail.shared] = warm_chance(train(x[outreach], mail.warm[outreach]), x[mail.shared])
    for source in sorted({s for s in mail.source if s}):
        held = np.array([s == source for s in mail.source])
        p[held] = warm_chance(train(x[outreach & ~held], mail.warm[outreach & ~held]), x[held])
    return p


def main(argv: Sequence[str] | None = None) -> int:
    found = open_sets("learned", __doc__.split("\n\n")[0], argv)
    if found is None:
        return 2
    args, mail, codes = found
    x = np.array([features(t) for t in texts(args.corpus, args.outreach)])
    p = source_out_chances(mail, x)
    prices = packs_prices(codes)
    now, _ = judge(mail, prices)
    # Most warm items are templates and most cold ones whole mails: within
    # each kind is what is left for a reader of the words.
    kinds = np.array([""] * int(mail.shared.sum()) + [i.kind for i in load_outreach(args.outreach)])
    print(f"{'AUC, outreach':28} {'rules':>6} {'model':>6}")
    for part, rows in (("all", ~mail.shared), ("held-out", ~mail.shared & mail.heldout),
                       ("whole mails", kinds == "mail"), ("whole mails, held-out", (kinds == "mail") & mail.heldout),
                       ("templates", kinds == "template")):
        pos, neg = rows & mail.warm, rows & ~mail.warm
        print(f"{part:28} {auc(now[pos], now[neg]):6.3f} {auc(p[pos], p[neg]):6.3f}")
    for k in STRENGTHS:
        warmth = np.clip(now + k * (p - 0.5), 0, 100)
        print(f"\nwarmth moved by up to {k / 2:g} points either way:")
        print("\n".join(table(mail, warmth, verdicts(mail, prices, warmth))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
