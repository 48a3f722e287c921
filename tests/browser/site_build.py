"""Build the example site with the project's Pelican settings, as a reader would get it."""

import json
import subprocess
import sys
from pathlib import Path

from factcheck.outputs.search import index_search

REPO_ROOT = Path(__file__).resolve().parents[2]


class SiteBuildFailed(RuntimeError):
    """A build step exited with an error; the message carries its whole output."""


def build_example_site(output_dir: Path, site_url: str | None = None) -> Path:
    """Build content/ into ``output_dir`` as `invoke build` does; raise with the build log.

    Pelican writes the pages, then Pagefind indexes them as builds do: the search page
    loads Pagefind's files, so a site without them is not the one readers get.
    ``site_url`` sets SITEURL, for a build whose canonical links must be
    absolute, as published ones are (the audit serves it at that address).
    """
    extra = ["-e", f"SITEURL={json.dumps(site_url)}"] if site_url else []
    _run(
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-o",
        str(output_dir),
        "-s",
        "pelicanconf.py",
        *extra,
    )
    try:
        index_search(output_dir)
    except RuntimeError as error:  # Pagefind's own output is in the message
        raise SiteBuildFailed(str(error)) from error
    return output_dir


def _run(*command: str) -> None:
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SiteBuildFailed(
            f"`{' '.join(command)}` exited with {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
