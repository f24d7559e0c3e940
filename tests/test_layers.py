"""The layers of the code, read from the imports (``ast``, nothing run): ``portal/core`` at the
bottom imports no domain, and each domain imports only those below it, so no two domains import
each other and a view's module never imports a routes module back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parents[1] / "portal"

#: bottom first; a package may import itself and the packages before it, never one after it
LAYERS = ("core", "org", "auth", "notifications", "complaints", "appraisals", "pembinaan",
          "scorecards", "site", "demo")
#: shared plumbing every layer may use; they import no layer themselves
BASE = ("extensions", "config")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PORTAL.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``portal.…`` module the file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return [(line, name) for line, name in found if name == "portal" or name.startswith("portal.")]


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _files(package: str) -> list[Path]:
    target = PORTAL / package
    return sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]


def test_every_package_has_a_layer():
    packages = {p.name for p in PORTAL.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(LAYERS), "add the new package to LAYERS, at its place"


@pytest.mark.parametrize("package", BASE)
def test_shared_plumbing_imports_no_layer(package):
    wrong = [f"{path.name}:{line} imports {name}" for path in _files(package)
             for line, name in _imports(path) if _package(name) in LAYERS]
    assert not wrong, wrong


@pytest.mark.parametrize("package", LAYERS)
def test_imports_run_down_the_layers(package):
    allowed = set(LAYERS[:LAYERS.index(package) + 1]) | set(BASE)
    wrong = [f"{path.relative_to(PORTAL)}:{line} imports {name}"
             for path in _files(package) for line, name in _imports(path)
             if _package(name) is not None and _package(name) not in allowed]
    assert not wrong, f"{package} may import only {sorted(allowed)}: {wrong}"


def test_no_module_imports_a_routes_module_of_its_own_package():
    """A blueprint lives in its own module; the views add themselves to it, and nothing
    imports a routes module back (the old routes ↔ admin/review/kelola cycles)."""
    wrong = []
    for path in sorted(PORTAL.rglob("*.py")):
        if path.parent == PORTAL:
            continue  # the app factory registers every blueprint
        for line, name in _imports(path):
            if name.endswith(".routes") and _package(name) == _package(_module_name(path)):
                wrong.append(f"{path.relative_to(PORTAL)}:{line} imports {name}")
    assert not wrong, wrong
