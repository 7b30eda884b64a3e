"""The README's sample output is warmcheck's real output and must not go
stale (bench/readme_samples.py makes it anew)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _samples():
    spec = importlib.util.spec_from_file_location("readme_samples", ROOT / "bench" / "readme_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_samples_are_what_warmcheck_prints() -> None:
    samples = _samples()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(samples.SAMPLE.findall(readme)) >= 6
    assert samples.refresh(readme) == readme, "README sample output is stale: run python bench/readme_samples.py"


def test_a_stale_sample_is_caught_and_made_anew() -> None:
    samples = _samples()
    stale = "x\n<!-- sample: warmcheck --format github examples/warm.txt -->\n```\nold output\n```\n<!-- /sample -->\ny\n"
    fresh = samples.refresh(stale)
    # warm.txt passes with no finding: github prints nothing for it.
    assert fresh == "x\n<!-- sample: warmcheck --format github examples/warm.txt -->\n```\n$ warmcheck --format github examples/warm.txt\n```\n<!-- /sample -->\ny\n"
    assert samples.refresh(fresh) == fresh
