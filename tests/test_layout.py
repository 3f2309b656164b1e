"""The package's shape: one folder per concern, imports in one direction, no cycle.

The import graph is read from the source with `ast` (every `import`, at module level
or inside a function), so a lazy import cannot hide a cycle or a wrong direction.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from registry.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "registry"
# Folders below registry/ and the folders (or shell modules) each may import from.
# The shell's infrastructure (config, extensions, models) may be imported by anyone.
BASE = {"registry.config", "registry.database", "registry.extensions", "registry.models",
        "registry.tokens"}
MAY_IMPORT = {
    "content": {"content"},
    "search": {"content", "search"},
    "checklist": {"content", "checklist"},
    "insights": {"content", "insights"},
    "accounts": {"accounts"},
    "rereading": {"content", "accounts", "rereading"},
    "proposals": {"content", "accounts", "mail", "proposals"},
    "mail": {"mail"},
    "web": {"content", "search", "checklist", "insights", "accounts", "rereading",
            "proposals", "mail", "web", "services"},
}
# Third-party packages a folder must not import.
FORBIDDEN = {
    "content": {"flask", "flask_babel", "flask_wtf", "flask_sqlalchemy", "werkzeug", "whoosh"},
    "search": {"flask", "flask_babel", "werkzeug"},
    "insights": {"flask", "flask_babel", "werkzeug", "whoosh"},
    "accounts": {"whoosh", "flask_babel"},
    "rereading": {"whoosh", "flask_babel"},
    "proposals": {"whoosh", "flask_babel"},
    "mail": {"whoosh", "flask_babel"},
    "checklist": {"whoosh"},
    "web": {"whoosh"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "translations" not in p.parts}


MODULES = modules()


def imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names imported from it, line) for every import in a module."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [alias.name for alias in node.names]
            # `from package import module` depends on the module itself.
            submodules = [n for n in names if f"{base}.{n}" in MODULES]
            found += [(f"{base}.{n}", [], node.lineno) for n in submodules]
            rest = [n for n in names if n not in submodules]
            if rest or not submodules:
                found.append((base, rest, node.lineno))
    return found


GRAPH = {name: imports(name, path) for name, path in MODULES.items()}


def folder(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and name not in MODULES_AT_TOP) else None


MODULES_AT_TOP = {n for n, p in MODULES.items() if p.parent == PACKAGE and p.name != "__init__.py"}


def internal_edges():
    for name, found in GRAPH.items():
        for target, names, line in found:
            if target in MODULES:
                yield name, target, names, line


def test_no_import_cycle():
    """Tarjan's strongly connected components over every internal import."""
    edges: dict[str, set[str]] = {n: set() for n in MODULES}
    for source, target, _names, _line in internal_edges():
        if source != target:
            edges[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert cycles == []


def test_folders_import_one_way():
    wrong = []
    for source, target, _names, line in internal_edges():
        home, away = folder(source), folder(target)
        if home is None or target in BASE:
            continue
        allowed = MAY_IMPORT[home]
        if (away or target.split(".")[-1]) not in allowed:
            wrong.append(f"{source}:{line} imports {target}")
    assert wrong == []


def test_views_do_not_import_views():
    """A blueprint module imports helpers, never another blueprint module."""
    wrong = [f"{s}:{line} imports {t}" for s, t, _n, line in internal_edges()
             if s.startswith(("registry.web.views.", "registry.web.api."))
             and t.startswith(("registry.web.views.", "registry.web.api."))
             and t not in ("registry.web.views", "registry.web.api", "registry.web.api.blueprint",
                           "registry.web.api.openapi")]
    assert wrong == []


def test_third_party_imports_stay_in_their_folder():
    wrong = []
    for name, found in GRAPH.items():
        home = folder(name)
        for target, _names, line in found:
            top = target.split(".")[0]
            if home and top in FORBIDDEN.get(home, ()):
                wrong.append(f"{name}:{line} imports {target}")
            if top == "whoosh" and home != "search":
                wrong.append(f"{name}:{line} imports {target} outside registry/search")
    assert wrong == []


def test_no_private_name_from_another_folder():
    wrong = [f"{s}:{line} imports {n} from {t}" for s, t, names, line in internal_edges()
             for n in names if n.startswith("_") and folder(s) != folder(t)]
    assert wrong == []


@pytest.mark.parametrize("module, absent", [
    ("registry.models", ("whoosh", "markdown", "bleach")),
    ("registry.content.catalog", ("flask", "whoosh")),
    ("registry.search.service", ("flask",)),
])
def test_module_does_not_pull_in(module, absent):
    """Checked in a fresh interpreter: what importing the module loads, transitively."""
    code = (f"import sys, {module}; "
            f"print(' '.join(m for m in {absent!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=PROJECT_ROOT, check=True).stdout.strip()
    assert out == ""


def test_the_graph_reader_sees_lazy_imports():
    """The checks above would be hollow if function-level imports were missed."""
    found = {t for t, _n, _l in GRAPH["registry"]}
    assert "registry.models" in found  # imported inside register_extensions()
