"""Site search with Pagefind, run on the finished tree before it is swapped in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index_search(site: Path) -> None:
    """Write Pagefind's index into site/pagefind/; pages opt in with data-pagefind-body."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}{result.stderr}")
