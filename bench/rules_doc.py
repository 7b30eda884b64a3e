"""The README's list of rules, generated from the shipped packs.

    python bench/rules_doc.py           # rewrite the list in README.md
    python bench/rules_doc.py --check   # exit 1 if README.md is stale

The list lives between ``<!-- rules:start -->`` and ``<!-- rules:end -->``;
everything else in the README is left alone. tests/test_readme_rules.py fails
when the list no longer matches the packs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def _cell(text: str) -> str:
    """One table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def render(rules: Iterable[object] | None = None) -> str:
    """Markdown for every shipped rule, by family, in code order."""
    from warmcheck.core import FAMILIES
    from warmcheck.engine.linter import all_rules
    from warmcheck.engine.types import shown_message

    rules = list(rules if rules is not None else all_rules())
    lines = [f"{len(rules)} rules in {len({r.family for r in rules})} families. "
             "`warmcheck explain CODE` shows a rule's why and examples.", ""]
    for family, title in FAMILIES.items():
        members = sorted((r for r in rules if r.family == family), key=lambda r: r.code)
        if not members:
            continue
        lines += [f"### {family}: {title}", "", "| code | name | severity | points | flags |", "|---|---|---|---|---|"]
        for r in members:
            points = str(r.points) if r.cap == r.points else f"{r.points} (max {r.cap})"
            lines.append(f"| {r.code} | `{r.name}` | {r.severity} | {points} | {_cell(shown_message(r))} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def splice(readme: str, block: str) -> str:
    """The README with the text between the markers replaced by ``block``."""
    if START not in readme or END not in readme or readme.index(START) > readme.index(END):
        raise ValueError(f"README.md needs the markers {START} and {END}, in that order")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{block}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the README's rule list from the packs.")
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is out of date")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")
    try:
        wanted = splice(current, render())
    except ValueError as exc:
        print(f"rules_doc: {args.readme}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if wanted != current:
            print(f"rules_doc: {args.readme} is stale; run python bench/rules_doc.py", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        args.readme.write_text(wanted, encoding="utf-8")
        print(f"rules_doc: updated {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
