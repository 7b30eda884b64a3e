"""The house's shape: layers only look down, and no module imports, however
late (inside a function), one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import warmcheck

SRC = Path(warmcheck.__file__).resolve().parent

#: Lowest first. A module may import its own layer and those below it.
LAYERS = (
    # packs: the shipped rule packs (data), installed from rules/.
    ("core", "options", "vocabulary", "packs"),
    ("mail", "message"),
    # The ledger is read by the engine (facts for the FU rules) and written by the hooks.
    ("nlp", "config", "metrics", "ledger"),
    ("checks",),
    ("engine",),
    ("report",),
    ("campaign", "hooks", "lsp"),
    ("cli", "cli_ledger", "__init__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
MAX_LINES = 600


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, modules: set[str], here: str | None = None) -> set[str]:
    """warmcheck modules that ``path`` imports at run time, at any depth
    (imports for type checkers only are left out)."""
    here = here or _module(path)
    package = here.split(".") if path.name == "__init__.py" and here != "__init__" else here.split(".")[:-1]
    if here == "__init__":
        package = []
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - (child.level - 1)] if child.level > 1 else package
                    stem = ".".join([*base, *(child.module.split(".") if child.module else [])])
                elif child.module and child.module.startswith("warmcheck"):
                    stem = child.module.removeprefix("warmcheck").lstrip(".")
                else:
                    continue
                for alias in child.names:
                    target = f"{stem}.{alias.name}" if stem else alias.name
                    found.add(target if target in modules else (stem or "__init__"))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("warmcheck."):
                        found.add(alias.name.removeprefix("warmcheck."))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(here)
    return {m for m in found if m in modules}


def _graph() -> dict[str, set[str]]:
    paths = sorted(SRC.rglob("*.py"))
    modules = {_module(p) for p in paths}
    return {_module(p): _imports(p, modules) for p in paths}


def _layer(module: str) -> int:
    return RANK[module.split(".")[0]]


def test_every_module_has_a_layer() -> None:
    assert all(m.split(".")[0] in RANK for m in _graph()), sorted(m for m in _graph() if m.split(".")[0] not in RANK)


def test_layers_only_look_down() -> None:
    upward = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        for target in targets
        # A package's __init__ may re-export its own modules.
        if _layer(target) > _layer(module) and not target.startswith(module + ".")
    ]
    assert not upward, upward


def test_no_import_cycles() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            # A package importing its own submodules is how packages re-export.
            if nxt.startswith(node + ".") or node == "__init__":
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    assert not cycles, cycles


def test_no_module_is_over_600_lines() -> None:
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def test_the_checker_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from .engine import linter\n\nif TYPE_CHECKING:\n    from .cli import main\n")
    assert _imports(source, {"engine.linter", "cli", "m"}, here="m") == {"engine.linter"}
