"""The language server's budget (DESIGN.md, Budgets): an edit answered in a
twentieth of a cold run or less, and memory flat over 10,000 edits.

    python bench/lsp_bench.py [--runs 5] [--latency-edits 300] [--edits 10000] [--model auto]

In one run:

1. Cold ``warmcheck draft.txt`` on a 150-word draft (examples/introduction.txt):
   median wall time of ``--runs`` fresh processes.
2. ``warmcheck lsp --debounce 0`` driven over stdio by pygls's LanguageClient,
   as an editor drives it: the draft is opened (first answer: engine loaded,
   first check), then ``--latency-edits`` incremental edits, one at a time,
   each a word replaced by a new one; the time from sending didChange to
   receiving the diagnostics published for that version. Median and 90th percentile, and the
   ratio to the cold run. (The debounce an editor adds while you type is a
   deliberate wait on top, 200 ms by default, and is left out.)
3. Memory over ``--edits`` edits of varied text (every edit brings new
   words): the server's resident memory and spaCy's string count
   (``warmcheck/status``) after the first 100 edits and at the end.
4. For comparison, the same kind of edits parsed by the same spaCy pipeline
   outside any memory zone (a tenth as many): what the zone saves.

Not part of the test run. The model is as configured (``auto``: the full
model where it is installed) unless ``--model`` says otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "examples" / "introduction.txt"


def cold_runs(runs: int, model: str | None) -> list[float]:
    exe = shutil.which("warmcheck", path=str(Path(sys.executable).parent)) or "warmcheck"
    extra = ["--model", model] if model else []
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, *extra, str(DRAFT)], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def new_word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 11)))


class Session:
    """One server, one open draft, and the edits sent to it."""

    def __init__(self, model: str | None) -> None:
        self.client = LanguageClient("warmcheck-bench", "1")
        self.model = model
        self.arrived: dict[int, float] = {}
        self.waiters: dict[int, asyncio.Future[float]] = {}
        self.uri = DRAFT.resolve().as_uri()
        self.text = DRAFT.read_text(encoding="utf-8")
        self.version = 1
        self.findings = 0
        self.verdict = ""

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.findings = len(params.diagnostics)
            waiter = self.waiters.pop(params.version or 0, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(now)

        @self.client.feature("warmcheck/report")
        def on_report(params: Any) -> None:
            self.verdict = params.verdict

    async def start(self) -> float:
        extra = ["--model", self.model] if self.model else []
        await self.client.start_io(sys.executable, "-c", "from warmcheck.cli import main; main()", "lsp", "--debounce", "0", *extra)
        await self.client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
        self.client.initialized(lsp.InitializedParams())
        start = time.perf_counter()
        waiter = self._wait(1)
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(uri=self.uri, language_id="plaintext", version=1, text=self.text)
            )
        )
        return await asyncio.wait_for(waiter, 300) - start

    def _wait(self, version: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters[version] = future
        return future

    async def edit(self, rng: random.Random) -> float:
        """Replace one word of the draft with a new one; seconds to the answer."""
        lines = self.text.split("\n")
        candidates = [(i, line) for i, line in enumerate(lines) if len(line.split()) > 3]
        index, line = rng.choice(candidates)
        words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{3,}", line)]
        a, b = rng.choice(words)
        word = new_word(rng)
        lines[index] = line[:a] + word + line[b:]
        self.text = "\n".join(lines)
        self.version += 1
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(index, a), end=lsp.Position(index, b)), text=word
        )
        waiter = self._wait(self.version)
        start = time.perf_counter()
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[change],
            )
        )
        return await asyncio.wait_for(waiter, 300) - start

    async def status(self) -> Any:
        return await self.client.protocol.send_request_async("warmcheck/status", {})

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def serve_and_edit(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(12)
    session = Session(args.model)
    first = await session.start()
    latencies = [await session.edit(rng) for _ in range(args.latency_edits)]
    done = args.latency_edits
    settle = max(0, 100 - done)
    for _ in range(settle):
        await session.edit(rng)
    done += settle
    early = await session.status()
    t0 = time.perf_counter()
    while done < args.edits:
        await session.edit(rng)
        done += 1
        if done % 2000 == 0:
            print(f"  ... {done} edits", file=sys.stderr)
    spent = time.perf_counter() - t0
    late = await session.status()
    await session.stop()
    return {"first": first, "latencies": latencies, "early": early, "late": late, "edits": done, "spent": spent, "after": 100}


def without_zone(edits: int, model: str | None) -> tuple[int, int, int, int]:
    """spaCy's strings and RSS when the same kind of edited texts go through
    the pipeline outside any memory zone (what the Linter's zone saves)."""
    code = f"""
import random, sys
sys.path.insert(0, {str(ROOT / 'bench')!r})
from lsp_bench import new_word
from warmcheck.lsp.checker import Checker, rss_kib
text = open({str(DRAFT)!r}, encoding="utf-8").read()
checker = Checker(model={model!r})
checker.check(text, "text")
nlp = checker.linter_for(None).engine.nlp
rng = random.Random(12)
words = text.split(" ")
s0, r0 = len(nlp.vocab.strings), rss_kib()
for _ in range({edits}):
    words[rng.randrange(len(words))] = new_word(rng)
    nlp(" ".join(words))
print(s0, len(nlp.vocab.strings), r0, rss_kib())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    s0, s1, r0, r1 = map(int, out.stdout.split())
    return s0, s1, r0, r1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="cold CLI runs (median)")
    parser.add_argument("--latency-edits", type=int, default=300, help="edits timed one by one")
    parser.add_argument("--edits", type=int, default=10_000, help="edits in all, for memory")
    parser.add_argument("--model", default=None, help="engine (default: as configured, else auto)")
    args = parser.parse_args()

    words = len(DRAFT.read_text(encoding="utf-8").split())
    print(f"draft: {DRAFT.relative_to(ROOT)} ({words} words); model: {args.model or 'as configured (auto)'}")
    cold = cold_runs(args.runs, args.model)
    cold_median = statistics.median(cold)
    print(f"cold `warmcheck {DRAFT.name}`: median {cold_median * 1000:.0f} ms over {args.runs} runs")

    result = asyncio.run(serve_and_edit(args))
    lat = sorted(result["latencies"])
    median = statistics.median(lat)
    p90 = lat[int(len(lat) * 0.9) - 1] if lat else 0.0
    print(f"server, first draft opened: answered in {result['first'] * 1000:.0f} ms (engine loaded, first check)")
    print(
        f"server, an edit (didChange -> publishDiagnostics, debounce 0): median {median * 1000:.1f} ms, "
        f"p90 {p90 * 1000:.1f} ms over {len(lat)} edits"
    )
    print(f"ratio cold run / edit: {cold_median / median:.0f}x (budget: 20x or more)")
    early, late = result["early"], result["late"]
    per = result["spent"] / max(1, result["edits"] - result["after"])
    print(
        f"server memory, after {result['after']} edits -> after {result['edits']} edits: "
        f"RSS {early.rss_kib / 1024:.1f} -> {late.rss_kib / 1024:.1f} MiB, "
        f"spaCy strings {early.strings} -> {late.strings} ({per * 1000:.1f} ms an edit)"
    )
    n = max(1, result["edits"] // 10)
    s0, s1, r0, r1 = without_zone(n, args.model)
    print(
        f"for comparison, {n} edited texts parsed outside any memory zone (in process): "
        f"spaCy strings {s0} -> {s1} (+{s1 - s0}), RSS {r0 / 1024:.1f} -> {r1 / 1024:.1f} MiB"
    )


if __name__ == "__main__":
    main()
