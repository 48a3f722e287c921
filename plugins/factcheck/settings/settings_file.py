"""The settings file: read it as Pelican does, and find where each setting is written in it.

A mistake in a setting is reported like a mistake in content, as
``pelicanconf.py:LINE:COL: FACTCHECK_RATINGS[2].colour.light: message``: the
file is parsed with :mod:`ast`, the setting's last assignment found (through
``from pelicanconf import *`` in publishconf.py too), and the place inside
its value followed as far as the value is written out literally. A setting
that does not come from the file (a build's override, a value computed
elsewhere) is reported against the file alone.
"""

from __future__ import annotations

import ast
import os
import runpy
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.problems import ContentInvalid, Problem
from .options import Key, Where

DEFAULT_SETTINGS_FILE = "pelicanconf.py"  # what Pelican reads when given no file
# Set by read_pelican_settings (and by the build): which file the settings came from.
SETTINGS_FILE_SETTING = "FACTCHECK_SETTINGS_FILE"


def read_pelican_settings(settings_file: str | os.PathLike) -> dict[str, Any]:
    """The settings file's upper-case names, with PATH made absolute as Pelican does.

    Importing Pelican takes about a second; checking content needs only a few
    settings, so the file is run directly.
    """
    settings_path = Path(settings_file).resolve()
    folder = settings_path.parent
    # publishconf.py imports pelicanconf.py beside it: that one, not a module of
    # the same name imported earlier from another folder (tests read many sites).
    neighbours = [path.stem for path in folder.glob("*.py")]
    shadowed = {name: sys.modules.pop(name) for name in neighbours if name in sys.modules}
    sys.path.insert(0, str(folder))
    try:
        namespace = runpy.run_path(str(settings_path))
    finally:
        sys.path.remove(str(folder))
        for name in neighbours:
            sys.modules.pop(name, None)
        sys.modules.update(shadowed)
    settings = {name: value for name, value in namespace.items() if name.isupper()}
    settings["PATH"] = str(settings_path.parent / settings.get("PATH", "."))
    settings[SETTINGS_FILE_SETTING] = str(settings_path)
    return settings


@dataclass(frozen=True, slots=True, order=True)
class SettingProblem(Problem):
    """A mistake in a setting; line 0 when it is not written in the settings file."""

    def format(self) -> str:
        if self.line:
            return Problem.format(self)
        return f"{self.path}: {self.field}: {self.message}"

    def format_github(self) -> str:
        if self.line:
            return Problem.format_github(self)
        annotation = Problem.format_github(self)
        return annotation.replace(",line=0,col=0", "", 1)


class SettingsInvalid(ContentInvalid):
    """Raised when a setting is wrong: the build stops before writing, as for content errors."""


def shown_path(name: str, where: Where) -> str:
    """FACTCHECK_RATINGS[2].colour.light, FACTCHECK_EXTRA_FILES['.nojekyll']."""
    text = name
    for step in where:
        if isinstance(step, int):
            text += f"[{step}]"
        elif isinstance(step, str) and step.replace("_", "a").replace("-", "a").isalnum():
            text += f".{step}"
        else:
            text += f"[{step!r}]"
    return text


class SettingsFile:
    """Where each setting is assigned in a settings file and the files it star-imports."""

    def __init__(
        self,
        path: Path | None,
        root: Path | None = None,
        *,
        guessed_for: Mapping[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.root = root
        # The settings, when the file is only a guess (Pelican's default file):
        # a setting is located there only if the value written there is the one read.
        self.guessed_for = guessed_for
        self._trees: dict[Path, tuple[list[str], dict[str, ast.expr]] | None] = {}

    def shown(self, path: Path | None) -> str:
        """A settings file as editors see it: relative to the project."""
        if path is None:
            return DEFAULT_SETTINGS_FILE
        if self.root is None:
            return path.as_posix()
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, name: str, where: Where, message: str) -> SettingProblem:
        path, line, col = self.position(name, where)
        return SettingProblem(self.shown(path), line, col, shown_path(name, where), message)

    def position(self, name: str, where: Where) -> tuple[Path | None, int, int]:
        """The file, line and column of the value at `where` in setting `name`; line 0 if unknown."""
        found = self._assignment(self.path, name, set()) if self.path else None
        if found is None:
            return self.path, 0, 0
        path, lines, node = found
        if self.guessed_for is not None and not _may_hold(node, self.guessed_for.get(name)):
            return self.path, 0, 0
        node = _follow(node, where)
        text = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
        column = len(text.encode("utf-8")[: node.col_offset].decode("utf-8", "replace"))
        return path, node.lineno, column + 1

    def _assignment(
        self, path: Path, name: str, seen: set[Path]
    ) -> tuple[Path, list[str], Any] | None:
        parsed = self._parse(path)
        if parsed is None or path in seen:
            return None
        seen.add(path)
        lines, assigned = parsed
        if name in assigned:
            return path, lines, assigned[name]
        for module in _star_imports(path, self._parse_tree(path)):
            found = self._assignment(module, name, seen)
            if found is not None:
                return found
        return None

    def _parse(self, path: Path) -> tuple[list[str], dict[str, ast.expr]] | None:
        if path not in self._trees:
            tree = self._parse_tree(path)
            self._trees[path] = None if tree is None else (_lines(path), _assignments(tree))
        return self._trees[path]

    @staticmethod
    def _parse_tree(path: Path) -> ast.Module | None:
        try:
            return ast.parse(path.read_text(encoding="utf-8"), str(path))
        except (OSError, SyntaxError, ValueError):
            return None


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _assignments(tree: ast.Module) -> dict[str, Any]:
    """Each name's last assignment: the value node, or the name itself when not literal."""
    assigned: dict[str, Any] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and _later(target, assigned.get(target.id)):
                assigned[target.id] = _Assigned(target, value)
    return assigned


def _later(target: ast.Name, previous: Any) -> bool:
    return previous is None or (target.lineno, target.col_offset) > (
        previous.lineno,
        previous.col_offset,
    )


class _Assigned:
    """A setting's assignment: it is found at its name, and its value is followed inside."""

    def __init__(self, target: ast.Name, value: ast.expr) -> None:
        self.value = value
        self.lineno, self.col_offset = target.lineno, target.col_offset


def _follow(assigned: Any, where: Where) -> Any:
    """The node of the value at `where`, as deep as the value is written literally."""
    node: Any = assigned
    value = assigned.value
    for step in where:
        child = _child(value, step)
        if child is None:
            break
        node = value = child
    return node


def _child(node: ast.expr, step: str | int) -> ast.expr | None:
    if isinstance(node, (ast.List, ast.Tuple)) and isinstance(step, int):
        return node.elts[step] if 0 <= step < len(node.elts) else None
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == step:
                return key if isinstance(step, Key) else value
    return None


def _star_imports(path: Path, tree: ast.Module | None) -> list[Path]:
    """Sibling modules imported with `from x import *` (publishconf.py's pelicanconf)."""
    found = []
    for node in tree.body if tree else ():
        if not isinstance(node, ast.ImportFrom) or not node.module or node.level:
            continue
        module = path.parent / (node.module.replace(".", "/") + ".py")
        if any(alias.name == "*" for alias in node.names) and module.is_file():
            found.append(module)
    return found


def _may_hold(assigned: _Assigned, value: Any) -> bool:
    """Whether the assignment may be where `value` came from: a literal must equal it."""
    try:
        return ast.literal_eval(assigned.value) == value
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return True  # computed in the file: it may well be


def settings_file_of(settings: Mapping[str, Any], root: Path) -> SettingsFile:
    """The file these settings were read from, if known; else Pelican's default, if present.

    Pelican does not say which file it read; the commands that read one name it
    (FACTCHECK_SETTINGS_FILE).
    """
    named = settings.get(SETTINGS_FILE_SETTING)
    if named:
        return SettingsFile(Path(named).resolve(), root)
    default = root / DEFAULT_SETTINGS_FILE
    if not default.is_file():
        return SettingsFile(None, root)
    return SettingsFile(default, root, guessed_for=settings)
