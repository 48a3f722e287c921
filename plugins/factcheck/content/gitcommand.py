"""git as the checks call it: one process, and its output or one line saying why not.

The update-log rule (``history``), the pull-request summary (``change_summary``)
and the publication-date rule (``chronology``) all read the repository's
history; each says in its own words what it could not do, from this one
reason.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitFailed(Exception):
    """git is missing or refused; the message is git's own last line, for editors."""


def git(cwd: Path, *args: str, stdin: bytes | None = None, timeout: float = 120) -> bytes:
    """The standard output of ``git ARGS`` run in `cwd`."""
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, timeout=timeout
        )
    except FileNotFoundError as error:
        raise GitFailed("git is not installed") from error
    except subprocess.TimeoutExpired as error:
        raise GitFailed(f"git {args[0]} took longer than {timeout:g} s") from error
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(detail[-1] if detail else f"git {args[0]} failed")
    return completed.stdout
