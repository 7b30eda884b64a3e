"""What other points would buy: refit what each rule costs, and the verdict
thresholds, on labelled mail, then judge the fit on mail it was not fit to.

    python bench/calibrate.py --outreach /work/outreach-dev/texts ../shared/corpus/dev

Every rule keeps what it finds; only its price changes. Each rule's points
(and its cap) are scaled by one of ``FACTORS``, and ``fail_under`` and
``warn_under`` are picked from ``FAIL_UNDER`` and ``WARN_UNDER``, by
coordinate ascent on one objective: the outreach warmth AUC plus the shared
corpus's, less half of (cold mail passing + warm mail not passing + 3 x warm
mail failing), less 1 for each of the shared corpus's own targets missed
(personal mail failing <= 1%, blasts passing <= 20%). A change is kept only
if it gains ``MIN_GAIN``: the points the packs give win ties.

Four sets of points are measured, each on the outreach set's parts (see
``bench/evaluate.py``) and the shared corpus:

- now: the points the rule packs give;
- fit on dev: fit to the outreach set's dev part and the shared corpus; its
  held-out figures are mail the fit never saw;
- one source out: each source's items scored with points fit to all the
  other sources (and the shared corpus): what refitting buys on mail from a
  source it has not seen;
- fit on all: fit to every item. It tests nothing; it is the ceiling, the
  best any choice of points makes of what the rules find today.

Then the factors of the dev fit and of the all fit, rule by rule. The light
engine only: a rule's points are the same on both engines.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

import warmcheck
from evaluate import DEFAULT_CORPUS, good_bad_pairs, load_corpus, load_outreach, run, run_outreach
from warmcheck.engine.linter import all_rules

FACTORS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
FAIL_UNDER = (40, 45, 50, 55, 60)
WARN_UNDER = (65, 70, 75, 80, 85)
MIN_GAIN = 0.003
PASS, WARN, FAIL = 0, 1, 2


@dataclass(frozen=True)
class Mail:
    """Every item, one row each: what each rule cost it, which rules fired as
    errors, and what it is."""

    points: np.ndarray  # items x rules
    errors: np.ndarray  # items x rules, bool
    warm: np.ndarray  # warm or personal (True), cold or blast (False)
    shared: np.ndarray  # from the shared corpus (True) or the outreach set
    heldout: np.ndarray
    source: list[str]  # the outreach source ("" in the shared corpus)
    pairs: list[tuple[int, int]]  # (good, bad) versions of the same mail, as row numbers


@dataclass(frozen=True)
class Prices:
    factors: np.ndarray  # one per rule
    fail_under: int
    warn_under: int


def judge(mail: Mail, prices: Prices) -> tuple[np.ndarray, np.ndarray]:
    """Warmth and verdict of every item, as warmcheck's scoring gives them."""
    warmth = np.maximum(0.0, 100.0 - mail.points @ prices.factors)
    return warmth, verdicts(mail, prices, warmth)


def verdicts(mail: Mail, prices: Prices, warmth: np.ndarray) -> np.ndarray:
    """Each item's verdict for its warmth: an error rule that still costs fails it."""
    erred = (mail.errors & (prices.factors > 0)).any(axis=1)
    return np.where(erred | (warmth < prices.fail_under), FAIL, np.where(warmth < prices.warn_under, WARN, PASS))


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a warm item scores higher than a cold one), ties counted half."""
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


@dataclass(frozen=True)
class Figures:
    auc: float
    cold_pass: float
    warm_pass: float
    warm_fail: float
    pairs_won: int
    pairs: int


def figures(mail: Mail, rows: np.ndarray, warmth: np.ndarray, verdict: np.ndarray) -> Figures:
    warm, cold = rows & mail.warm, rows & ~mail.warm
    pairs = [(g, b) for g, b in mail.pairs if rows[g] and rows[b]]
    return Figures(
        auc(warmth[warm], warmth[cold]),
        float((verdict[cold] == PASS).mean()),
        float((verdict[warm] == PASS).mean()),
        float((verdict[warm] == FAIL).mean()),
        sum(bool(warmth[g] > warmth[b]) for g, b in pairs),
        len(pairs),
    )


def objective(mail: Mail, rows: np.ndarray, prices: Prices) -> float:
    warmth, verdict = judge(mail, prices)
    o = figures(mail, rows & ~mail.shared, warmth, verdict)
    s = figures(mail, mail.shared, warmth, verdict)
    missed = (s.warm_fail > 0.01) + (s.cold_pass > 0.20)
    return o.auc + s.auc - 0.5 * (o.cold_pass + (1 - o.warm_pass) + 3 * o.warm_fail) - missed


def fit(mail: Mail, rows: np.ndarray, start: Prices) -> Prices:
    """Coordinate ascent from ``start`` on the items in ``rows`` (and the shared corpus)."""
    best, score = start, objective(mail, rows, start)
    for _ in range(3):
        moved = False
        candidates: list[Callable[[Prices], Prices]] = [
            *(lambda p, r=r, f=f: replace(p, factors=_with(p.factors, r, f)) for r in range(len(start.factors)) for f in FACTORS),
            *(lambda p, v=v: replace(p, fail_under=min(v, p.warn_under)) for v in FAIL_UNDER),
            *(lambda p, v=v: replace(p, warn_under=max(v, p.fail_under)) for v in WARN_UNDER),
        ]
        for change in candidates:
            trial = change(best)
            value = objective(mail, rows, trial)
            if value > score + MIN_GAIN:
                best, score, moved = trial, value, True
        if not moved:
            break
    return best


def packs_prices(codes: Sequence[str]) -> Prices:
    """The points the rule packs give, and the default thresholds."""
    config = warmcheck.Config()
    return Prices(np.ones(len(codes)), config.fail_under, config.warn_under)


def _with(factors: np.ndarray, rule: int, factor: float) -> np.ndarray:
    out = factors.copy()
    out[rule] = factor
    return out


def one_source_out(mail: Mail, start: Prices) -> tuple[np.ndarray, np.ndarray]:
    """Each outreach item's warmth and verdict under points fit without its source."""
    warmth = np.zeros(len(mail.warm))
    verdict = np.zeros(len(mail.warm), dtype=int)
    for source in sorted({s for s in mail.source if s}):
        held = np.array([s == source for s in mail.source])
        w, v = judge(mail, fit(mail, ~held & ~mail.shared, start))
        warmth[held], verdict[held] = w[held], v[held]
    shared_w, shared_v = judge(mail, start)  # the shared corpus is never left out: its figures are "now"
    warmth[mail.shared], verdict[mail.shared] = shared_w[mail.shared], shared_v[mail.shared]
    return warmth, verdict


def collect(corpus: Path, outreach: Path) -> tuple[Mail, list[str]]:
    items = load_outreach(outreach)  # first: a folder not built yet is told before any mail is read
    shared = [r for r in run(load_corpus(corpus), "light")[1] if r.item.label in ("personal", "blast")]
    out = run_outreach(items, "light")
    codes = sorted({c for r in [*shared, *out] for c in r.points})
    spent = [*(r.points for r in shared), *(r.points for r in out)]
    erred = [*(r.errors for r in shared), *(r.errors for r in out)]
    mail = Mail(
        np.array([[p.get(c, 0) for c in codes] for p in spent], dtype=float),
        np.array([[c in e for c in codes] for e in erred], dtype=bool),
        np.array([r.item.label == "personal" for r in shared] + [r.item.label == "warm" for r in out]),
        np.array([True] * len(shared) + [False] * len(out)),
        np.array([False] * len(shared) + [r.item.split == "heldout" for r in out]),
        [""] * len(shared) + [r.item.source for r in out],
        [(g + len(shared), b + len(shared)) for g, b in good_bad_pairs([r.item for r in out])],
    )
    return mail, codes


def open_sets(tool: str, description: str, argv: Sequence[str] | None) -> tuple[argparse.Namespace, Mail, list[str]] | None:
    """The command line of a tool that reads both sets, and :func:`collect`'s
    rows; None once a missing or unreadable set is told in one line."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="shared corpus folder (manifest.csv)")
    parser.add_argument("--outreach", type=Path, metavar="DIR", required=True,
                        help="the outreach set built into DIR by bench/outreach/build.py")
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.csv").is_file():
        print(f"{tool}: {args.corpus}: no manifest.csv here (give the corpus folder)", file=sys.stderr)
        return None
    try:
        return (args, *collect(args.corpus, args.outreach))
    except (OSError, ValueError) as exc:
        print(f"{tool}: {exc}", file=sys.stderr)
        return None


def table(mail: Mail, warmth: np.ndarray, verdict: np.ndarray) -> list[str]:
    outreach = ~mail.shared
    parts = (("outreach, all", outreach), ("outreach, dev", outreach & ~mail.heldout),
             ("outreach, held-out", outreach & mail.heldout), ("shared corpus", mail.shared))
    lines = [f"  {'part':20} {'AUC':>6} {'cold pass':>10} {'warm pass':>10} {'warm fail':>10} {'pairs':>7}"]
    for name, rows in parts:
        f = figures(mail, rows, warmth, verdict)
        pairs = f"{f.pairs_won}/{f.pairs}" if f.pairs else "-"
        lines.append(f"  {name:20} {f.auc:6.3f} {f.cold_pass:10.0%} {f.warm_pass:10.0%} {f.warm_fail:10.1%} {pairs:>7}")
    return lines


def changes(prices: Prices, start: Prices, codes: Sequence[str], points: dict[str, int]) -> str:
    moved = [f"{c} {points.get(c, 0)} -> {points.get(c, 0) * f:g} (x{f:g})"
             for c, f in zip(codes, prices.factors, strict=True) if f != 1.0]
    moved += [f"{name} {getattr(start, name)} -> {getattr(prices, name)}"
              for name in ("fail_under", "warn_under") if getattr(prices, name) != getattr(start, name)]
    return "; ".join(moved) or "none"


def main(argv: Sequence[str] | None = None) -> int:
    found = open_sets("calibrate", __doc__.split("\n\n")[0], argv)
    if found is None:
        return 2
    _, mail, codes = found
    start = packs_prices(codes)
    points = {r.code: r.points for r in all_rules()}
    outreach = ~mail.shared
    dev_fit = fit(mail, outreach & ~mail.heldout, start)
    all_fit = fit(mail, outreach, start)
    runs = (
        ("now: the packs' points", judge(mail, start)),
        ("fit on dev (outreach dev part + shared corpus); held-out unseen", judge(mail, dev_fit)),
        ("one source out: each source scored with points fit without it", one_source_out(mail, start)),
        ("fit on all: the ceiling of what the rules find today", judge(mail, all_fit)),
    )
    print(f"{int(outreach.sum())} outreach items, {int(mail.shared.sum())} shared-corpus messages, {len(codes)} rules that fired\n")
    for title, (warmth, verdict) in runs:
        print(title)
        print("\n".join(table(mail, warmth, verdict)) + "\n")
    print(f"dev fit: {changes(dev_fit, start, codes, points)}")
    print(f"all fit: {changes(all_fit, start, codes, points)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
