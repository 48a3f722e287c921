"""The golden fixture site: how it is built, and how its expected output is regenerated.

`uv run invoke golden` runs this file after an intended change to the theme or
the generator; review the diff in git before committing it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from conftest import FIXTURE_SITE, copy_fixture_site

from factcheck.building.atomic import build

EXPECTED = FIXTURE_SITE / "expected"
# Settings the golden build uses beyond the defaults: edit links on.
GOLDEN_SETTINGS = {"GITHUB_REPO": "example/factcheck-site"}


def build_golden(tmp: Path) -> Path:
    project = copy_fixture_site(tmp / "site", **GOLDEN_SETTINGS)
    out = tmp / "output"
    build(project.settings_file, out)
    return out


def regenerate(destination: Path = EXPECTED) -> None:
    """Rebuild expected/ from the fixture site."""
    with tempfile.TemporaryDirectory() as tmp:
        out = build_golden(Path(tmp))
        if destination.exists():
            shutil.rmtree(destination)
        shutil.copytree(out, destination)
    os.utime(destination)


if __name__ == "__main__":
    regenerate()
    root = Path(__file__).resolve().parents[1]
    print(
        f"rebuilt {EXPECTED.relative_to(root)}/; review it with `git diff --stat`", file=sys.stdout
    )
