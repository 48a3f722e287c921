"""Build the example site with the project's Pelican settings, as a reader would get it."""

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


class SiteBuildFailed(RuntimeError):
    """Pelican exited with an error; the message carries its whole output."""


def build_example_site(output_dir: Path) -> Path:
    """Run Pelican on content/ into ``output_dir`` and return it; raise with the build log."""
    command = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-o",
        str(output_dir),
        "-s",
        "pelicanconf.py",
    ]
    result = subprocess.run(
        command,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SiteBuildFailed(
            f"`{' '.join(command)}` exited with {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return output_dir
