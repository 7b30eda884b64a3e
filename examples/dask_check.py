"""Check outgoing mail at platform scale: warmcheck inside a Dask cluster.

A sending platform that checks millions of messages a day already runs a
distributed engine; warmcheck goes inside it as a library. Each worker
builds one ``warmcheck.Linter`` when it joins (rules loaded and validated,
configuration read, the NLP engine loaded: once, not per task), and every
task hands it a batch of messages through ``Linter.check_many``. Reports
come back as plain data (frozen dataclasses), in the order the batches were
given.

    pip install 'warmcheck[scale]'
    python examples/dask_check.py drafts/                 # a local cluster, one worker a CPU
    python examples/dask_check.py drafts/ --scheduler tcp://10.0.0.5:8786

It prints one line a draft (source, verdict, warmth) and a count of verdicts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from distributed import Client, LocalCluster, Worker, WorkerPlugin, get_worker

import warmcheck


class WarmcheckPlugin(WorkerPlugin):
    """Gives every worker its Linter, built once when the worker starts."""

    name = "warmcheck"

    def __init__(self, config: warmcheck.Config) -> None:
        self.config = config

    def setup(self, worker: Worker) -> None:
        self.linter = warmcheck.Linter(self.config)
        self.linter.engine  # noqa: B018 - load the NLP engine now, not in the first task


def check_batch(batch: list[tuple[str, bytes]]) -> list[warmcheck.Report]:
    """A task: check a batch of (source, message bytes) with the worker's Linter."""
    plugin = get_worker().plugins[WarmcheckPlugin.name]
    return list(plugin.linter.check_many(batch, on_error="report"))


def batches(paths: Sequence[Path], size: int) -> Iterator[list[tuple[str, bytes]]]:
    batch: list[tuple[str, bytes]] = []
    for path in paths:
        batch.append((str(path), path.read_bytes()))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_on_cluster(
    client: Client, paths: Sequence[Path], config: warmcheck.Config | None = None, batch_size: int = 32
) -> Iterator[warmcheck.Report]:
    """Reports for ``paths``, checked on the cluster ``client`` talks to, in order."""
    client.register_plugin(WarmcheckPlugin(config or warmcheck.Config()))
    futures = client.map(check_batch, list(batches(paths, batch_size)), pure=False)
    for future in futures:
        yield from future.result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=None, help="local workers (default: one a CPU)")
    parser.add_argument("--model", default="auto", help="NLP engine: auto, light, en_core_web_sm...")
    args = parser.parse_args(argv)
    paths = sorted(p for p in args.folder.rglob("*") if p.is_file())
    config = warmcheck.Config(model=args.model)
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    verdicts: Counter[str] = Counter()
    with client:
        for report in check_on_cluster(client, paths, config):
            verdicts[report.verdict] += 1
            print(f"{report.source}: {report.verdict} (warmth {report.warmth})")
    print(", ".join(f"{n} {v}" for v, n in sorted(verdicts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
