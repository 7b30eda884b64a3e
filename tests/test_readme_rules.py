"""The README's rule list is generated from the packs and must not go stale."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _rules_doc():
    spec = importlib.util.spec_from_file_location("rules_doc", ROOT / "bench" / "rules_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_rule_list_matches_the_packs() -> None:
    doc = _rules_doc()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert doc.splice(readme, doc.render()) == readme, "README rule list is stale: run python bench/rules_doc.py"


def test_every_rule_is_listed() -> None:
    from warmcheck.engine.linter import all_rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"| {rule.code} | `{rule.name}` |" in readme, rule.code


def test_splice_needs_the_markers() -> None:
    doc = _rules_doc()
    with pytest.raises(ValueError):
        doc.splice("# no markers here\n", "x\n")
    assert doc.splice(f"a\n{doc.START}\nold\n{doc.END}\nb\n", "new\n") == f"a\n{doc.START}\nnew\n{doc.END}\nb\n"
