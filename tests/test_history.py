"""The update-log rule, checked against a real temporary git repository.

Each test commits a small valid site, edits the claim in the working tree and
compares with ``HEAD``, exactly as a pull request compares with
``origin/main``. The messages are asserted in full.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from gitrepo import commit_all, git, init_repository, isolate_git

from factcheck.content.history import check_rating_changes
from factcheck.content.validate import check_content
from factcheck.editors.cli import run_check
from factcheck.settings import FactcheckSettings

PERSON = """\
name: Jane Doe
summary: A person who says things about the moon.
published: 2025-05-30
"""

SOURCES = """\
paper-2025-03-01:
  title: What the moon is made of
  publisher: Example Journal
  url: https://example.org/moon
  archive_url: https://web.archive.org/web/2025/https://example.org/moon
  date: 2025-03-01
"""

# The rating is on line 7, its value at column 9.
CLAIM = """\
claim: The moon is made of cheese.
claimant: jane-doe
date: 2025-03
appearances: [paper-2025-03-01]
verdict: Samples returned from the moon are rock.
analysis: Lunar samples are basalt and breccia [@paper-2025-03-01].
rating: {rating}
sources:
  - paper-2025-03-01
published: 2025-05-30
{updates}"""

OLD_CORRECTION = """\
updates:
  - date: 2025-06-01
    kind: correction
    text: The sample was from Apollo 12, not Apollo 11.
"""
OLD_CLARIFICATION = """\
updates:
  - date: 2025-06-01
    kind: clarification
    text: Added the sample's catalogue number.
"""
NEW_CORRECTION = """\
updates:
  - date: 2025-07-01
    kind: correction
    text: New lab results show the claim is false.
"""
NEW_UPDATE = """\
updates:
  - date: 2025-07-01
    kind: update
    text: Added the new lab results.
"""
NEW_CLARIFICATION = """\
updates:
  - date: 2025-07-01
    kind: clarification
    text: Explained what breccia is.
"""
OLD_CLARIFICATION_RELABELLED = OLD_CLARIFICATION.replace("clarification", "correction")
OLD_CORRECTION_REWORDED = OLD_CORRECTION.replace("not Apollo 11.", "not Apollo 11; rated false.")
OLD_CORRECTION_REDATED = OLD_CORRECTION.replace("2025-06-01", "2025-07-02")
OLD_CORRECTION_PLUS_NEW = OLD_CORRECTION + NEW_CORRECTION.removeprefix("updates:\n")

CHANGED = (
    "content/claims/moon.yaml:7:9: rating: the rating changed from 'mixed' to 'false' "
    "since HEAD without a new update entry of kind correction, update or retraction"
)


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch):
    isolate_git(monkeypatch)
    # The fixture pages say they were published on 2025-05-30: commit them then,
    # so that the rule on publication dates (factcheck.content.chronology) holds.
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2025-05-30T12:00:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2025-05-30T12:00:00+00:00")


def write_site(project: Path, claim: str | None) -> None:
    (project / "pelicanconf.py").write_text('PATH = "content"\n', encoding="utf-8")
    files = {
        "content/people/jane-doe.yaml": PERSON,
        "content/sources/2025-03.yaml": SOURCES,
    }
    if claim is not None:
        files["content/claims/moon.yaml"] = claim
    for name, text in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def edit_claim(project: Path, text: str) -> None:
    (project / "content/claims/moon.yaml").write_text(text, encoding="utf-8")


def check(project: Path, since: str = "HEAD") -> list[str]:
    """Only the rule's problems, formatted as editors see them."""
    settings = FactcheckSettings.from_pelican({"PATH": str(project / "content")})
    site, problems = check_content(settings)
    assert [p.format() for p in problems if p.is_error] == [], "the fixture site must be valid"
    return [p.format() for p in check_rating_changes(site, since)]


@pytest.mark.parametrize(
    ("old_rating", "old_updates", "new_rating", "new_updates", "expected"),
    [
        pytest.param("mixed", "", "mixed", "", [], id="unchanged-rating-needs-no-entry"),
        pytest.param(
            "mixed", OLD_CORRECTION, "mixed", "", [], id="removing-an-entry-is-not-a-rating-change"
        ),
        pytest.param("mixed", "", "false", "", [CHANGED], id="changed-without-any-entry"),
        pytest.param("mixed", "", "false", NEW_CORRECTION, [], id="changed-with-new-correction"),
        pytest.param("mixed", "", "false", NEW_UPDATE, [], id="changed-with-new-update"),
        pytest.param(
            "mixed", "", "false", NEW_CLARIFICATION, [CHANGED], id="a-clarification-is-not-enough"
        ),
        pytest.param(
            "mixed",
            OLD_CORRECTION,
            "false",
            OLD_CORRECTION,
            [CHANGED],
            id="an-old-correction-does-not-cover-a-new-change",
        ),
        pytest.param(
            "mixed",
            OLD_CLARIFICATION,
            "false",
            OLD_CLARIFICATION_RELABELLED,
            [CHANGED],
            id="relabelling-an-old-entry-is-not-a-new-entry",
        ),
        pytest.param(
            "mixed",
            OLD_CORRECTION,
            "false",
            OLD_CORRECTION_PLUS_NEW,
            [],
            id="new-correction-after-old-ones",
        ),
        pytest.param(
            "mixed",
            OLD_CORRECTION,
            "false",
            OLD_CORRECTION_REWORDED,
            [],
            id="an-entry-with-new-text-counts-as-new",
        ),
        pytest.param(
            "mixed",
            OLD_CORRECTION,
            "false",
            OLD_CORRECTION_REDATED,
            [],
            id="an-entry-with-a-new-date-counts-as-new",
        ),
    ],
)
def test_rating_change_needs_a_new_update_entry(
    tmp_path, old_rating, old_updates, new_rating, new_updates, expected
):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating=old_rating, updates=old_updates))
    commit_all(tmp_path)
    edit_claim(tmp_path, CLAIM.format(rating=new_rating, updates=new_updates))
    assert check(tmp_path) == expected


def test_a_claim_absent_at_the_revision_is_new_and_fine(tmp_path):
    init_repository(tmp_path)
    write_site(tmp_path, claim=None)
    commit_all(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="false", updates=""))
    assert check(tmp_path) == []


def test_a_committed_change_is_compared_with_the_named_revision(tmp_path):
    """In a pull request the change is committed; the base branch is the reference."""
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    edit_claim(tmp_path, CLAIM.format(rating="false", updates=""))
    commit_all(tmp_path, "Rerate")
    assert check(tmp_path, since="HEAD") == []
    assert check(tmp_path, since="HEAD~1") == [CHANGED.replace("since HEAD", "since HEAD~1")]


def test_a_project_in_a_subfolder_of_the_repository(tmp_path):
    """git paths are relative to the repository's top level, not to the project."""
    init_repository(tmp_path)
    project = tmp_path / "site"
    project.mkdir()
    write_site(project, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    edit_claim(project, CLAIM.format(rating="false", updates=""))
    assert check(project) == [CHANGED]


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        pytest.param(
            "origin/no-such-branch",
            "content:1:1: --since: unknown git revision 'origin/no-such-branch': check the "
            "name, and in a shallow clone fetch the history first (git fetch origin, or "
            "fetch-depth: 0 in a workflow)",
            id="unknown-branch",
        ),
        pytest.param(
            "--output=/tmp/x",
            "content:1:1: --since: unknown git revision '--output=/tmp/x'",
            id="an-option-is-not-a-revision",
        ),
    ],
)
def test_an_unknown_revision_is_one_clear_problem(tmp_path, since, expected):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    assert check(tmp_path, since=since) == [expected]


def test_outside_a_git_repository_is_one_clear_problem(tmp_path, monkeypatch):
    # Stop git from finding a repository above the temporary folder.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    [problem] = check(tmp_path)
    assert problem.startswith(
        "content:1:1: --since: cannot compare ratings with an earlier revision: "
        "fatal: not a git repository"
    )


def test_run_check_fails_and_reports_the_rating_line(tmp_path):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    edit_claim(tmp_path, CLAIM.format(rating="false", updates=""))
    out = io.StringIO()
    status = run_check(tmp_path / "pelicanconf.py", since="HEAD", out=out)
    lines = out.getvalue().splitlines()
    assert status == 1
    assert lines[:2] == [CHANGED, "1 error, 0 warnings"]
    assert lines[2].startswith("check failed: 2 pages and 1 sources in 3 files, ")


def test_run_check_passes_once_the_correction_is_logged(tmp_path):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    edit_claim(tmp_path, CLAIM.format(rating="false", updates=NEW_CORRECTION))
    out = io.StringIO()
    assert run_check(tmp_path / "pelicanconf.py", since="HEAD", out=out) == 0
    assert out.getvalue().startswith("check passed: 2 pages and 1 sources in 3 files, ")


# -- Renames, moves and deletions ---------------------------------------------

RENAMED = CHANGED.replace("content/claims/moon.yaml", "content/claims/moon-cheese.yaml")
GONE = (
    "content/claims/moon.yaml:1:1: this published claim is gone since HEAD: a fact-check is "
    "never deleted; restore the file and retract it with an update entry of kind retraction"
)
OTHER_CLAIM = """\
claim: Mars has two moons.
claimant: jane-doe
date: 2025-04
appearances: [paper-2025-03-01]
verdict: Phobos and Deimos.
analysis: Both were found in 1877 [@paper-2025-03-01].
rating: "true"
sources:
  - paper-2025-03-01
published: 2025-05-30
"""


def rename_claim(project: Path, new_name: str, text: str, *, with_git: bool) -> None:
    claims = project / "content" / "claims"
    if with_git:
        git(project, "mv", "content/claims/moon.yaml", f"content/claims/{new_name}")
    else:
        (claims / "moon.yaml").unlink()
    (claims / new_name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("with_git", [True, False], ids=["git-mv", "moved-by-hand"])
def test_a_renamed_claim_keeps_its_history(tmp_path, with_git):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    rename_claim(
        tmp_path, "moon-cheese.yaml", CLAIM.format(rating="false", updates=""), with_git=with_git
    )
    assert check(tmp_path) == [RENAMED]


def test_a_renamed_claim_with_its_correction_logged_passes(tmp_path):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    text = CLAIM.format(rating="false", updates=NEW_CORRECTION)
    rename_claim(tmp_path, "moon-cheese.yaml", text, with_git=True)
    assert check(tmp_path) == []


def test_a_published_claim_cannot_be_deleted(tmp_path):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    (tmp_path / "content/claims/moon.yaml").unlink()
    (tmp_path / "content/claims/mars.yaml").write_text(OTHER_CLAIM, encoding="utf-8")
    assert check(tmp_path) == [GONE]


def test_a_deleted_claim_is_reported_by_run_check(tmp_path):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    git(tmp_path, "rm", "--quiet", "content/claims/moon.yaml")
    commit_all(tmp_path, "Remove the moon claim")
    out = io.StringIO()
    assert run_check(tmp_path / "pelicanconf.py", since="HEAD~1", out=out) == 1
    assert GONE.replace("since HEAD", "since HEAD~1") in out.getvalue()


def test_a_retracted_claim_stays_and_passes(tmp_path):
    init_repository(tmp_path)
    write_site(tmp_path, CLAIM.format(rating="mixed", updates=""))
    commit_all(tmp_path)
    retraction = (
        "updates:\n  - date: 2025-07-01\n    kind: retraction\n"
        "    text: The lab results we relied on were withdrawn.\n"
    )
    edit_claim(tmp_path, CLAIM.format(rating="mixed", updates=retraction))
    assert check(tmp_path) == []
