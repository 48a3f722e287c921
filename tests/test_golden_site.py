"""The fixture site builds to exactly the committed expected output.

After an intended change to the theme or the generator, regenerate the
expected tree with `uv run invoke golden` and review the diff in git.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from conftest import FIXTURE_SITE, copy_fixture_site, tree

from factcheck.building.atomic import build

EXPECTED = FIXTURE_SITE / "expected"
# Settings the golden build uses beyond the defaults: edit links on.
GOLDEN_SETTINGS = {"GITHUB_REPO": "example/factcheck-site"}


def build_golden(tmp: Path) -> Path:
    project = copy_fixture_site(tmp / "site", **GOLDEN_SETTINGS)
    out = tmp / "output"
    build(project.settings_file, out)
    return out


def test_fixture_site_builds_to_the_expected_output(tmp_path):
    built = tree(build_golden(tmp_path))
    expected = tree(EXPECTED)
    assert sorted(built) == sorted(expected), "files added or missing: run `uv run invoke golden`"
    for name, content in built.items():
        if content != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode(errors="replace").splitlines(),
                content.decode(errors="replace").splitlines(),
                f"expected/{name}",
                f"built/{name}",
                lineterm="",
            )
            raise AssertionError("\n".join(list(diff)[:60]))


def regenerate(destination: Path = EXPECTED) -> None:
    """Rebuild expected/ from the fixture site (used by `invoke golden`)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = build_golden(Path(tmp))
        if destination.exists():
            shutil.rmtree(destination)
        shutil.copytree(out, destination)
    os.utime(destination)
