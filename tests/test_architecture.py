"""The map in docs/architecture.md stays true: every module is on it, and imports point one way.

The layers, lowest first: ``content`` (with ``settings``) reads and checks what
editors wrote; ``views`` turn it into what templates see; ``outputs`` write
what is not a page; the Pelican adapters (``generator``, ``reader``,
``writer``) connect all of it to Pelican; ``building`` runs builds atomically
and incrementally; ``editors`` are the commands people run. A module may
import from its own layer and the layers below, never above.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import REPO

PLUGIN = REPO / "plugins" / "factcheck"
ARCHITECTURE = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")

# What each part of the plugin may import from the plugin, besides itself.
MAY_IMPORT = {
    "settings": {"content"},
    "content": {"settings"},
    "views": {"content", "settings"},
    "outputs": {"views", "content", "settings"},
    "generator": {"outputs", "views", "content", "settings"},
    "reader": {"views", "content", "settings"},
    "writer": {"content", "settings"},
    "building": {"generator", "writer", "outputs", "views", "content", "settings"},
    "editors": {"views", "content", "settings"},
    "__main__": {"editors"},
    "__init__": {
        "generator",
        "reader",
        "writer",
        "building",
        "outputs",
        "views",
        "content",
        "settings",
    },
}
# Parts that must run without Pelican: the check, pre-commit and the editors' commands.
WITHOUT_PELICAN = {"settings", "content", "views", "editors"}


def modules() -> list[Path]:
    return sorted(p.relative_to(PLUGIN) for p in PLUGIN.rglob("*.py"))


def part_of(path: Path) -> str:
    """The layer a module belongs to: its top-level folder, or its own name at the top."""
    return path.parts[0] if len(path.parts) > 1 else path.stem


def imports_of(path: Path) -> tuple[set[str], bool]:
    """The plugin parts a module imports (relatively), and whether it imports Pelican."""
    tree = ast.parse((PLUGIN / path).read_text(encoding="utf-8"))
    package = list(path.parent.parts)
    parts: set[str] = set()
    uses_pelican = False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            names = node.module.split(".") if node.module else [node.names[0].name]
            target = base + names
            parts.add(target[0])
        elif isinstance(node, ast.ImportFrom) and node.module:
            uses_pelican |= node.module.split(".")[0] == "pelican"
        elif isinstance(node, ast.Import):
            uses_pelican |= any(alias.name.split(".")[0] == "pelican" for alias in node.names)
    return parts, uses_pelican


def test_every_module_is_on_the_architecture_map():
    missing = [str(path) for path in modules() if f"`{path.as_posix()}`" not in ARCHITECTURE]
    assert missing == []


def test_every_module_on_the_map_exists():
    """A module renamed or removed does not linger on the map (its bullet list)."""
    named = re.findall(r"^- `([\w/]+\.py)`", ARCHITECTURE, re.M)
    existing = {path.as_posix() for path in modules()}
    assert named, "the map lists modules as '- `folder/module.py`: ...'"
    assert [name for name in named if name not in existing] == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.as_posix())
def test_imports_point_down_the_layers(path):
    part = part_of(path)
    parts, uses_pelican = imports_of(path)
    upward = sorted(parts - MAY_IMPORT[part] - {part})
    assert upward == [], f"{path} imports {upward}; {part} may import {sorted(MAY_IMPORT[part])}"
    if part in WITHOUT_PELICAN:
        assert not uses_pelican, f"{path} imports Pelican; {part} must run without it"


def test_the_layer_rules_name_every_part():
    assert {part_of(path) for path in modules()} <= set(MAY_IMPORT)


# Each function small enough to follow, and each module small enough to read in one sitting.
MAX_COMPLEXITY = 15
MAX_LINES = 400


def _functions(blocks):
    """Radon's blocks with the methods of classes and the functions nested in others."""
    for block in blocks:
        yield block
        yield from _functions(getattr(block, "methods", []))
        yield from _functions(getattr(block, "closures", []))


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.as_posix())
def test_functions_stay_simple_and_modules_short(path):
    """Radon's cyclomatic complexity per function; a longer module says why in its docstring."""
    from radon.complexity import cc_visit

    text = (PLUGIN / path).read_text(encoding="utf-8")
    complex_ = [
        f"{block.name} ({block.complexity})"
        for block in _functions(cc_visit(text))
        if block.complexity > MAX_COMPLEXITY
    ]
    assert complex_ == [], f"split these into named steps: {complex_}"
    lines = text.count("\n")
    docstring = ast.get_docstring(ast.parse(text)) or ""
    assert lines <= MAX_LINES or "longer than" in docstring, (
        f"{path} has {lines} lines; split it, or say in its docstring why it is longer than {MAX_LINES}"
    )
