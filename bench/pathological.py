"""Pathological inputs, doubled from about 8 KB to 1 MB: the time and the
peak memory of each, at each size. Time should grow about linearly: each
line's ratio to the one before about 2 (below 3 is taken as linear here).

    python bench/pathological.py                  # every case
    python bench/pathological.py html-depth to-header
    python bench/pathological.py --list
    python bench/pathological.py --limit 60       # seconds per run (default 120)

Each run is a fresh process on the light engine, the engine and the rules
loaded before the clock starts; "peak MB" is that process's peak resident
memory (the engine alone is about the first line's). A run over the limit
is stopped and the case's larger sizes are skipped. Inputs are made here;
nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = [1_000_000 >> k for k in range(7, -1, -1)]  # 7,812 ... 1,000,000 bytes
GREETING = "Hi Ana,\n\n"
SIGNOFF = "\n\nBest,\nBo\n"


def _fit(unit: str, size: int, around: tuple[str, str] = (GREETING, SIGNOFF)) -> str:
    """``unit`` repeated to fill ``size`` bytes (UTF-8) between ``around``."""
    room = size - len((around[0] + around[1]).encode())
    return around[0] + unit * max(1, room // len(unit.encode())) + around[1]


def _mail(header: str, body: str) -> bytes:
    return (f"From: Bo <bo@example.org>\nSubject: Lisbon maps\n{header}\n\n{body}").encode()


# Each case: size -> (what to run, input). What to run: "check" (a draft
# file of the given suffix), "template", "pack", "recipients", "sendmail".
CASES: dict[str, tuple[str, Callable[[int], tuple[str, Any]]]] = {
    "spaces": ("one line of spaces (BL015's forward marker)", lambda n: (".txt", _fit(" ", n))),
    "dashes-under-signoff": ("a run of dashes under a sign-off (BL018's team name)", lambda n: (".txt", _fit("-", n, ("Hi Ana,\n\nHow is the 1909 sheet?\n\nBest,\n", "\n")))),
    "bangs": ("a run of '!' (spaCy's tokenizer: the lead's)", lambda n: (".txt", _fit("!", n))),
    "emoji": ("a run of emoji (spaCy's tokenizer: the lead's)", lambda n: (".txt", _fit("\U0001f600", n))),
    "long-word": ("one word with no space", lambda n: (".txt", _fit("a", n))),
    "short-lines": ("many one-word lines", lambda n: (".txt", _fit("maps\n", n))),
    "quoted-lines": ("many quoted lines", lambda n: (".txt", _fit("> the maps came\n", n))),
    "word-run": ("a long word of letters and dots (contact pattern)", lambda n: (".txt", _fit("a.b", n))),
    "urls": ("web addresses", lambda n: (".txt", _fit("https://maps.example/1909 ", n))),
    "merge-tags": ("merge tags in a draft (BL002)", lambda n: (".txt", _fit("{first_name} ", n))),
    "html-depth": ("HTML nested deep", lambda n: (".html", "<div>" * (n // 11) + "Hi Ana" + "</div>" * (n // 11))),
    "html-links": ("HTML of many links", lambda n: (".html", "<p>" + '<a href="https://x.example/">maps</a> ' * (n // 40) + "</p>")),
    "markdown-markup": ("Markdown markup blanked to spaces", lambda n: (".md", _fit("**maps** [sheet](https://x.example/) ", n))),
    "markdown-quotes": ("Markdown quotes nested deep", lambda n: (".md", GREETING + ">" * (n - 40) + " maps\n")),
    "markdown-lists": ("Markdown lists nested deep", lambda n: (".md", GREETING + "".join("  " * i + "- x\n" for i in range(int((n / 2) ** 0.5))))),
    "mime-depth": ("MIME parts nested deep (refused past 100)", lambda n: (".eml", _nested_mime(n))),
    "mime-parts": ("MIME parts side by side", lambda n: (".eml", _many_parts(n))),
    "to-header": ("a To header of many addresses", lambda n: (".eml", _mail("To: " + ", ".join(f"Person {i} <p{i}@example.org>" for i in range(n // 30)), "Hi Ana,\n\nHow is the 1909 sheet?\n"))),
    "encoded-subject": ("a subject of many encoded words", lambda n: (".eml", _mail("To: a@example.org\nSubject: " + "=?utf-8?q?caf=C3=A9?= " * (n // 22), "Hi Ana,\n\nThe maps.\n"))),
    "mbox-messages": ("an mbox of many small messages", lambda n: (".mbox", "".join(f"From bo Mon Mar  3 10:00:00 2025\nFrom: b@x.example\nSubject: m{i}\n\nHi Ana, map {i}.\n\n" for i in range(n // 80)))),
    "template-fields": ("a template of many fields (BL053)", lambda n: (".j2", "Hi {{ first_name }},\n\n" + " ".join(f"{{{{ f{i} }}}}" for i in range(n // 10)) + "\n")),
    "template-fallbacks": ("a template of many fallbacks", lambda n: (".j2", "Hi,\n\n" + " ".join(f'{{{{ f{i} | default("x") }}}}' for i in range(n // 25)) + "\n")),
    "user-regex": ("a user rule (a+)+$ on a line of a's", lambda n: ("pack-regex", _fit("a", n, (GREETING, "b\n")))),
    "yaml-aliases": ("a rule pack of string aliases (refused past its length)", lambda n: ("pack", "x: &s " + "m" * 60 + "\nl: [" + ", ".join(["*s"] * (n // 4)) + "]\nrules: []\n")),
    "recipients-deep": ("a recipients JSON nested deep", lambda n: ("recipients", "[" * n + "]" * n)),
    "recipients-many": ("a recipients CSV of many rows", lambda n: ("recipients", "email,first_name\n" + "".join(f"p{i}@example.org,Ana\n" for i in range(n // 22)))),
    "sendmail-attachment": ("warmcheck sendmail with an attachment (x50: 0.4 to 50 MB; the whole process)", lambda n: ("sendmail", n * 50)),
}


def _nested_mime(size: int) -> str:
    depth = size // 60
    head = "From: Bo <bo@example.org>\nTo: Ana <ana@example.org>\nSubject: deep\n"
    opening = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    closing = "".join(f"--b{i}--\n" for i in reversed(range(depth)))
    return head + opening + "Content-Type: text/plain\n\nHi Ana, the maps.\n" + closing


def _many_parts(size: int) -> str:
    parts = "".join(f"--b\nContent-Type: text/plain\n\npart {i}\n" for i in range(size // 40))
    return 'From: b@x.example\nTo: a@y.example\nSubject: s\nContent-Type: multipart/mixed; boundary="b"\n\n' + parts + "--b--\n"


PACK_RULE = """rules:
  - code: BL901
    name: runaway
    severity: warning
    points: 5
    type: regex
    options: {regex: "(a+)+$"}
    message: A run
    why: A test.
    suggestion: Less.
    examples: {fail: ["aaa"], pass: ["b"]}
"""


def run_one(case: str, size: int) -> dict[str, Any]:
    """One measurement, in this process."""
    from warmcheck import Config, Linter
    from warmcheck.core import WarmcheckError

    kind, payload = CASES[case][1](size)
    folder = Path(tempfile.mkdtemp(prefix="warmcheck-bench-"))
    if kind == "sendmail":
        return _sendmail(payload, folder)
    config = Config(model="light")
    if kind == "pack-regex":
        (folder / "pack.yaml").write_text(PACK_RULE, encoding="utf-8")
        config = Config(model="light", packs=(folder / "pack.yaml",))
    linter = Linter(config)
    linter.check("Hi Ana,\n\nHow did the talk go?\n")  # the engine loaded before the clock starts
    outcome = "checked"
    started = time.perf_counter()
    try:
        if kind in ("pack",):
            from warmcheck.engine.loader import load_pack

            (folder / "p.yaml").write_text(payload, encoding="utf-8")
            load_pack(folder / "p.yaml")
        elif kind == "recipients":
            from warmcheck.campaign import count_recipients

            path = folder / ("r.json" if payload.startswith("[") else "r.csv")
            path.write_text(payload, encoding="utf-8")
            outcome = f"{count_recipients(path)} recipients"
        else:
            suffix = ".txt" if kind == "pack-regex" else kind
            path = folder / f"draft{suffix}"
            path.write_bytes(payload if isinstance(payload, bytes) else payload.encode())
            for report in linter.check_many(list(_drafts(path))):
                outcome = f"warmth {report.warmth}"
    except WarmcheckError as exc:
        outcome = f"refused: {str(exc)[:60]}"
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}


def _drafts(path: Path) -> Any:
    from warmcheck import message

    return message.read_all(path)


def _sendmail(size: int, folder: Path) -> dict[str, Any]:
    """The wrapper as a mail client runs it, on a message written here in
    pieces (this process stays small: a child's peak counts what it was
    forked from): the wrapper's whole process tree's time and peak."""
    import base64
    import hashlib

    boundary = "warmcheck-bench-boundary"
    path = folder / "message"
    digest = hashlib.sha256()
    with path.open("wb") as out:

        def write(piece: bytes) -> None:
            out.write(piece)
            digest.update(piece)

        write((f"From: Bo <bo@example.org>\nTo: Ana <ana@example.org>\nSubject: Lisbon maps\nMIME-Version: 1.0\n"
               f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n'
               "Hi Ana,\n\nHow did the flood-map talk go? The 1909 sheet came today.\n\nBest,\nBo\n\n"
               f"--{boundary}\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
               'Content-Disposition: attachment; filename="scan.bin"\n\n').encode())  # fmt: skip
        left = size
        while left > 0:
            chunk = os.urandom(min(left, 57 * 1000))
            left -= len(chunk)
            write(b"".join(base64.b64encode(chunk[i : i + 57]) + b"\n" for i in range(0, len(chunk), 57)))
        write(f"--{boundary}--\n".encode())
    warmcheck = Path(sys.executable).parent / "warmcheck"
    started = time.perf_counter()
    # The real command is cat, which holds nothing in memory: the peak is warmcheck's.
    with path.open("rb") as message:
        done = subprocess.run([str(warmcheck), "sendmail", "--deadline", "600", "--", "sh", "-c", f"cat > '{folder}/kept'"],
                              stdin=message, capture_output=True, check=False)  # fmt: skip
    seconds = time.perf_counter() - started
    kept = hashlib.sha256()
    with (folder / "kept").open("rb") as fh:
        while piece := fh.read(1 << 20):
            kept.update(piece)
    same = kept.digest() == digest.digest()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "outcome": f"exit {done.returncode}, {'same bytes' if same else 'NOT the same bytes'}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the cases")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per run before it is stopped")
    parser.add_argument("--one", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]))))
        return
    if args.list:
        for name, (what, _) in CASES.items():
            print(f"{name:<22} {what}")
        return
    # The wrapper records what it hands on in the follow-up ledger: a
    # throw-away one here, never the user's.
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="warmcheck-bench-ledger-")
    os.environ.pop("WARMCHECK_LEDGER", None)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]!r} (see --list)")
    print(f"{'case':<22} {'bytes':>9} {'seconds':>8} {'x prev':>6} {'peak MB':>8}  outcome")
    for case in args.cases or list(CASES):
        previous = None
        for size in SIZES:
            try:
                done = subprocess.run([sys.executable, __file__, "--one", case, str(size)], capture_output=True,
                                      text=True, timeout=args.limit, check=False)  # fmt: skip
            except subprocess.TimeoutExpired:
                print(f"{case:<22} {size:>9,} {'>' + format(args.limit, 'g'):>8} {'':>6} {'':>8}  stopped; larger sizes skipped")
                break
            if done.returncode != 0 or not done.stdout.strip():
                problem = (done.stderr.strip().splitlines() or ["no output"])[-1]
                print(f"{case:<22} {size:>9,} {'':>8} {'':>6} {'':>8}  failed: {problem[:70]}")
                break
            result = json.loads(done.stdout.strip().splitlines()[-1])
            seconds = result["seconds"]
            ratio = f"{seconds / previous:.1f}" if previous and previous > 0.005 else ""
            print(f"{case:<22} {size:>9,} {seconds:>8.3f} {ratio:>6} {result['peak_mb']:>8.0f}  {result['outcome']}")
            sys.stdout.flush()
            previous = seconds


if __name__ == "__main__":
    main()
