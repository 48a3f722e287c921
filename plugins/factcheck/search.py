"""Site search with Pagefind, run on the finished tree before it is swapped in."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def index_search(site: Path, bundle: Path | None = None) -> None:
    """Write Pagefind's index into site/pagefind/ (or `bundle`); pages opt in with data-pagefind-body."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
    if bundle is not None:
        command += ["--output-path", str(bundle)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}{result.stderr}")


def refresh_search_index(site: Path) -> None:
    """Re-index a live site: the new index replaces the old one in one rename."""
    fresh, retired = site / ".pagefind-fresh", site / ".pagefind-retired"
    for leftover in (fresh, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    index_search(site, fresh)
    current = site / "pagefind"
    if current.exists():
        current.rename(retired)
    fresh.rename(current)
    shutil.rmtree(retired, ignore_errors=True)
