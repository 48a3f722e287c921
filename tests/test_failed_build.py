"""A build with a content error writes nothing: the previous output stays as it was."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factcheck.build import build
from factcheck.problems import ContentInvalid


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def broken(project):
    project.write(
        "content/claims/budget-doubled.yaml",
        project.read("content/claims/budget-doubled.yaml").replace(
            "rating: mostly-false", "rating: mostly-flase"
        ),
    )
    return project


def test_pelican_cli_fails_before_writing_into_an_existing_output(broken, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous site")
    before = snapshot(out)
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(out), "-s", "pelicanconf.py"],
        cwd=broken.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        "content/claims/budget-doubled.yaml:6:9: rating: unknown rating 'mostly-flase' "
        "(did you mean 'mostly-false'?)" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_atomic_build_leaves_previous_output_untouched(broken, tmp_path):
    out = tmp_path / "build" / "output"
    out.mkdir(parents=True)
    (out / "index.html").write_text("previous site")
    before = snapshot(out)
    with pytest.raises(ContentInvalid):
        build(broken.settings_file, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.lock", "output"]
