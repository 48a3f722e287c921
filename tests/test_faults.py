"""Faults: an internal error is one located line; concurrent builds never mix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import REPO, tree

from factcheck.building.atomic import build

BUILD = "import sys; from factcheck.building.atomic import build; build(sys.argv[1], sys.argv[2])"


def broken_theme(
    project,
    template: str = "person.html",
    old: str = "{{ p.name }}</h1>",
    new: str = "{{ p.name | nosuchfilter }}</h1>",
):
    """A copy of the theme in which one template calls something that does not exist."""
    theme = project.root / "theme"
    shutil.copytree(REPO / "theme", theme)
    path = theme / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with project.settings_file.open("a") as handle:
        handle.write(f"THEME = {str(theme)!r}\n")


def run_pelican(project, out, **env):
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(out), "-s", "pelicanconf.py"],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def test_an_internal_error_is_one_line_naming_the_file_and_template(project, tmp_path):
    broken_theme(project)
    result = run_pelican(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "content/people/city-council.yaml (template person.html): internal error: "
        "TemplateAssertionError: No filter named 'nosuchfilter'."
    )


def test_the_traceback_is_shown_on_request(project, tmp_path):
    broken_theme(project)
    result = run_pelican(project, tmp_path / "out", FACTCHECK_DEBUG="1")
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_two_builds_at_once_leave_one_complete_tree(project, tmp_path):
    reference = tmp_path / "reference"
    build(project.settings_file, reference)
    out = tmp_path / "shared" / "output"
    out.parent.mkdir()
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", BUILD, str(project.settings_file), str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(run.wait(), run.stderr.read()) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert any("another build of" in err for _, err in results)  # one waited for the other
    assert tree(out) == tree(reference)
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.lock", "output"]


def test_an_error_in_a_template_pelican_renders_is_one_located_line_too(project, tmp_path):
    """Explainers go through Pelican's own generator and writer, and get the same one line."""
    broken_theme(
        project,
        "article.html",
        "{% block content %}",
        "{% block content %}{{ no_such_function() }}",
    )
    result = run_pelican(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "content/explainers/city-budget.md (template article.html): internal error: "
        "UndefinedError: 'no_such_function' is undefined"
    )
