"""The README's sample output, made by running warmcheck on the examples.

    python bench/readme_samples.py           # rewrite the samples in README.md
    python bench/readme_samples.py --check   # exit 1 if a sample is stale

A sample is the block between ``<!-- sample: ARGS -->`` and
``<!-- /sample -->``: a fenced block holding ``$ warmcheck ARGS`` and what
that prints (standard output, colour off, run from the repository's root
with the light engine, which the examples read the same as the full
model). After ``|`` in the marker, ``head N`` keeps the first N lines and
the last one, and ``one-finding`` cuts a JSON or SARIF document to its
first finding. tests/test_readme_samples.py fails when one is stale.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SAMPLE = re.compile(r"<!-- sample: (?P<spec>.+?) -->\n(?P<body>.*?)<!-- /sample -->", re.DOTALL)


def _one_finding(text: str) -> str:
    doc = json.loads(text)
    if "runs" in doc:  # SARIF: the first result and its rule
        run = doc["runs"][0]
        first = run["results"][:1]
        rule_id = first[0]["ruleId"] if first else None
        run["tool"]["driver"]["rules"] = [r for r in run["tool"]["driver"]["rules"] if r["id"] == rule_id]
        for result in first:
            result["ruleIndex"] = 0
        run["results"] = first
        run["artifacts"] = run["artifacts"][:1]
    else:
        for report in doc["reports"]:
            report["findings"] = report["findings"][:1]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def output(spec: str) -> str:
    """The fenced block for one sample."""
    import os

    from click.testing import CliRunner

    from warmcheck.cli import cli

    command, *steps = (part.strip() for part in spec.split("|"))
    args = shlex.split(command)
    assert args[0] == "warmcheck", spec
    args = args[1:]
    run_args = args if args and args[0] in ("rules", "explain", "campaign") else ["--model", "light", *args]
    if args and args[0] == "campaign":
        run_args = [*args, "--model", "light"]
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, run_args, env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    finally:
        os.chdir(old)
    text = result.stdout
    lang = ""
    for step in steps:
        if step == "one-finding":
            text, lang = _one_finding(text), "json"
        elif step.startswith("head "):
            n = int(step.split()[1])
            lines = text.splitlines()
            if len(lines) > n + 1:
                text = "\n".join([*lines[:n], "...", lines[-1]]) + "\n"
        else:
            raise ValueError(f"unknown step {step!r} in sample {spec!r}")
    if lang == "json":
        return f"```json\n{text}```\n"
    return f"```\n$ {command}\n{text}```\n"


def refresh(readme: str) -> str:
    """The README with every sample made anew."""
    return SAMPLE.sub(lambda m: f"<!-- sample: {m['spec']} -->\n{output(m['spec'])}<!-- /sample -->", readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the README's sample output anew.")
    parser.add_argument("--check", action="store_true", help="exit 1 if a sample in README.md is stale")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    fresh = refresh(text)
    if args.check:
        if fresh != text:
            print(f"{args.readme}: sample output is stale; run python bench/readme_samples.py", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        args.readme.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
