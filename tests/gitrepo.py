"""Real temporary git repositories for the rules that read a site's history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env=None if env is None else {**os.environ, **env},
    ).stdout


def isolate_git(monkeypatch) -> None:
    """Keep the developer's git configuration (signing, hooks, templates) out of the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def init_repository(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "--quiet")
    git(repo, "config", "user.name", "Test Editor")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "commit.gpgsign", "false")


def commit_all(repo: Path, message: str = "Publish", *, when: str | None = None) -> None:
    """Commit everything; `when` (ISO 8601) dates the commit, otherwise it is now."""
    env = None if when is None else {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message, env=env)
