"""`invoke summary --since REF`: what a change does for readers, in Markdown.

Tested on a real temporary git repository, as tests/test_history.py does: a
small site is committed, then the working tree changes a rating (with its
correction), adds a claim, and adds a source without an archived copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import commit_all, init_repository, isolate_git
from test_history import CLAIM, NEW_CORRECTION, write_site

from factcheck.editors.change_summary import SummaryError, summarize_changes
from factcheck.settings import FactcheckSettings

NEW_SOURCE = """\
paper-2025-04-01:
  title: More about the moon
  publisher: Example Journal
  url: https://example.org/moon-2
  date: 2025-04-01
"""

NEW_CLAIM = """\
claim: The moon has *no* gravity.
claimant: jane-doe
date: 2025-04
appearances: [paper-2025-04-01]
verdict: It has about a sixth of Earth's.
analysis: Measured many times [@paper-2025-04-01].
rating: false
sources: [paper-2025-04-01]
published: 2025-05-30
"""


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch):
    isolate_git(monkeypatch)
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2025-05-30T12:00:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2025-05-30T12:00:00+00:00")


def settings_for(project: Path) -> FactcheckSettings:
    return FactcheckSettings.from_pelican({"PATH": str(project / "content")})


def test_the_summary_lists_new_claims_rating_changes_pages_and_new_warnings(tmp_path):
    project = tmp_path / "site"
    init_repository(project)
    write_site(project, CLAIM.format(rating="mixed", updates=""))
    commit_all(project)

    (project / "content/claims/moon.yaml").write_text(
        CLAIM.format(rating="false", updates=NEW_CORRECTION), encoding="utf-8"
    )
    (project / "content/claims/moon-gravity.yaml").write_text(NEW_CLAIM, encoding="utf-8")
    (project / "content/sources/2025-04.yaml").write_text(NEW_SOURCE, encoding="utf-8")

    assert summarize_changes(settings_for(project), "HEAD") == (
        "## What this change does for readers\n"
        "\n"
        "Compared with `HEAD`.\n"
        "\n"
        "### New fact-checks (1)\n"
        "\n"
        "- The moon has \\*no\\* gravity. (`claims/moon-gravity/`): rated **False**\n"
        "\n"
        "### Ratings changed (1)\n"
        "\n"
        "- The moon is made of cheese. (`claims/moon/`): **Mixed** → **False**\n"
        "  - 2025-07-01 correction: New lab results show the claim is false.\n"
        "\n"
        "### Pages that change (3 files)\n"
        "\n"
        "- `/claims/moon-gravity/` (added), from `content/claims/moon-gravity.yaml`\n"
        "- `/claims/moon/`, from `content/claims/moon.yaml`\n"
        "- `/sources/` and the pages citing its sources (added), from "
        "`content/sources/2025-04.yaml`\n"
        "\n"
        "### New warnings (1)\n"
        "\n"
        "- `content/sources/2025-04.yaml:2:3: paper-2025-04-01.archive_url: warning: "
        "no archived copy: add archive_url`\n"
    )


def test_an_unchanged_site_says_so(tmp_path):
    project = tmp_path / "site"
    init_repository(project)
    write_site(project, CLAIM.format(rating="mixed", updates=""))
    commit_all(project)
    assert summarize_changes(settings_for(project), "HEAD").endswith(
        "\n\nNothing changes for readers.\n"
    )


def test_a_rating_change_without_an_entry_is_pointed_out(tmp_path):
    project = tmp_path / "site"
    init_repository(project)
    write_site(project, CLAIM.format(rating="mixed", updates=""))
    commit_all(project)
    (project / "content/claims/moon.yaml").write_text(
        CLAIM.format(rating="false", updates=""), encoding="utf-8"
    )
    summary = summarize_changes(settings_for(project), "HEAD")
    assert "**Mixed** → **False**\n  - no new update entry explains the change\n" in summary


def test_an_unknown_revision_is_one_clear_error(tmp_path):
    project = tmp_path / "site"
    init_repository(project)
    write_site(project, CLAIM.format(rating="mixed", updates=""))
    commit_all(project)
    with pytest.raises(SummaryError, match="cannot compare with an earlier revision"):
        summarize_changes(settings_for(project), "no-such-branch")
