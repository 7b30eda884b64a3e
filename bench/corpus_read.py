"""Read every message of the dev corpus and count what was found in it.

    python bench/corpus_read.py [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpus/dev beside the repository. Prints,
per stratum and in total, how many messages were read, how many hold each
scope, how many carry warnings, and every message that could not be read
(there should be none). Exit status 1 if any message failed.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from warmcheck import message

SCOPES = ("greeting", "body", "signoff", "signature", "quoted", "footer")
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DEFAULT
    msgs = root / "msgs"
    if not msgs.is_dir():
        print(f"no corpus at {root}", file=sys.stderr)
        return 2
    strata: dict[str, str] = {}
    manifest = root / "manifest.csv"
    if manifest.is_file():
        with manifest.open(newline="") as fh:
            strata = {Path(row["file"]).name: row["stratum"] for row in csv.DictReader(fh)}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    failures = []
    started = time.perf_counter()
    for path in sorted(msgs.iterdir()):
        group = strata.get(path.name, "?")
        if group.startswith("template_"):
            group = "template_*"
        try:
            draft = message.read(path)
        except message.InputError as exc:
            failures.append(f"{path.name}: {exc}")
            continue
        for key in (group, "total"):
            tally = counts[key]
            tally["read"] += 1
            tally["warnings"] += bool(draft.warnings)
            tally["newsletter"] += draft.suggested_profile == "newsletter"
            for scope in {s.scope for s in draft.segments if draft.text[s.start : s.end].strip()}:
                tally[scope] += 1
    elapsed = time.perf_counter() - started
    columns = ("read", *SCOPES, "warnings", "newsletter")
    print(f"{'stratum':<24}" + "".join(f"{c:>11}" for c in columns))
    for key in sorted(counts, key=lambda k: (k == "total", k)):
        print(f"{key:<24}" + "".join(f"{counts[key][c]:>11}" for c in columns))
    total = counts["total"]["read"] + len(failures)
    print(f"\n{counts['total']['read']} of {total} read in {elapsed:.2f} s; {len(failures)} failed")
    for failure in failures:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
