"""warmcheck inside a distributed engine: examples/dask_check.py on a real
local Dask cluster (worker processes, TCP on 127.0.0.1) gives the same
reports as one Linter, and each worker builds its Linter once."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import warmcheck

distributed = pytest.importorskip("distributed")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dask_check.py"
DRAFTS = [
    "Hi Ana,\n\nHow was the first week at the bakery? I found the flour supplier you asked about.\n",
    "Dear valued customer,\n\nOur award-winning platform is the leading provider of everything. Act now!!!\n",
    "Hi Tomas,\n\nThanks for the tour of the workshop on Friday. Shall I send the photos of the lathe?\n",
]


def _example():
    spec = importlib.util.spec_from_file_location("dask_check", EXAMPLE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_local_cluster_gives_the_same_reports_as_one_linter(tmp_path: Path) -> None:
    paths = []
    for i in range(30):
        path = tmp_path / f"{i:02d}.txt"
        path.write_text(DRAFTS[i % len(DRAFTS)])
        paths.append(path)
    config = warmcheck.Config(model="light")
    example = _example()
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    )
    with cluster, distributed.Client(cluster) as client:
        reports = list(example.check_on_cluster(client, paths, config, batch_size=4))
        # The rules and configuration went to each worker once, with the plugin.
        built = client.run(lambda dask_worker: dask_worker.plugins["warmcheck"].linter.config.model)
    expected = list(warmcheck.Linter(config).check_many([(str(p), p.read_bytes()) for p in paths]))
    assert [r.to_dict() for r in reports] == [r.to_dict() for r in expected]
    assert sorted(built.values()) == ["light", "light"]
