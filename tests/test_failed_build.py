"""A build with a content error writes nothing: the previous output stays as it was."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, tree

from factcheck.building.atomic import build, build_lock, recover
from factcheck.content.problems import ContentInvalid


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
    before = tree(out)
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
    assert tree(out) == before


def test_atomic_build_leaves_previous_output_untouched(broken, tmp_path):
    out = tmp_path / "build" / "output"
    out.mkdir(parents=True)
    (out / "index.html").write_text("previous site")
    before = tree(out)
    with pytest.raises(ContentInvalid):
        build(broken.settings_file, out)
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.lock", "output"]


# -- Pelican's own command is atomic too (factcheck.building.pelican_staging) ----------


def pelican(project, out, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-o",
            str(out),
            "-s",
            "pelicanconf.py",
            *extra,
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def published(project, tmp_path):
    """A site built by Pelican's command, then edited: the next build would change pages."""
    out = tmp_path / "served" / "output"
    assert pelican(project, out).returncode == 0
    project.write("content/pages/about.md", "Title: About\n\nChanged.\n", dedent=False)
    return out, tree(out)


def own_theme(project) -> Path:
    theme = project.root / "theme"
    shutil.copytree(REPO / "theme", theme)
    with project.settings_file.open("a", encoding="utf-8") as handle:
        handle.write(f"THEME = {str(theme)!r}\n")
    return theme


def test_a_template_error_half_way_leaves_pelicans_output_as_it_was(project, published):
    out, before = published
    # The claim page is rendered after the people's pages have been written.
    template = own_theme(project) / "templates" / "claim.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "{% block content %}", "{% block content %}{{ no_such_function() }}", 1
        ),
        encoding="utf-8",
    )
    result = pelican(project, out)
    assert result.returncode == 1
    assert "claim.html" in result.stdout + result.stderr
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.lock", "output"]


FAILING_PLUGIN = """\
from pelican import signals

calls = []


def fail(sender, *args, **kwargs):
    calls.append(sender)
    if {condition}:
        raise RuntimeError("the plugin failed")


def register():
    signals.{signal}.connect(fail)
"""


# Each handler fails once some changed pages have been written, so that a
# build writing straight into output/ would leave it mixed.
@pytest.mark.parametrize(
    ("signal", "condition"),
    [
        ("page_generator_write_page", "len(calls) == 2"),  # after the edited page
        ("content_written", "'claims' in str(sender)"),
        ("finalized", "True"),  # after every page
    ],
    ids=["page_generator_write_page", "content_written", "finalized"],
)
def test_an_exception_in_any_signal_handler_leaves_pelicans_output_as_it_was(
    project, published, signal, condition
):
    out, before = published
    plugin = FAILING_PLUGIN.format(signal=signal, condition=condition)
    project.write("failing_plugin.py", plugin, dedent=False)
    with project.settings_file.open("a", encoding="utf-8") as handle:
        handle.write(
            f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(project.root)!r}]\n"
            'PLUGINS = ["factcheck", "failing_plugin"]\n'
        )
    result = pelican(project, out)
    assert result.returncode != 0
    assert "the plugin failed" in result.stdout + result.stderr
    assert tree(out) == before


def test_pelicans_command_replaces_the_whole_tree_on_success(project, published):
    out, before = published
    (out / "left-over.html").write_text("a page no content makes any more")
    result = pelican(project, out)
    assert result.returncode == 0, result.stderr
    after = tree(out)
    assert "Changed." in after["about/index.html"].decode()
    assert "left-over.html" not in after  # a fresh tree, as invoke build makes
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.lock", "output"]


def test_pelicans_command_killed_at_random_moments_never_leaves_a_mixed_output(project, published):
    """Killed anywhere, output/ is the old tree or the new one, once recovered as any build does."""
    out, before = published
    expected_dir = out.parent.parent / "expected" / "output"
    assert pelican(project, expected_dir).returncode == 0
    after = tree(expected_dir)
    started = time.perf_counter()
    assert pelican(project, out.parent.parent / "timing" / "output").returncode == 0
    duration = time.perf_counter() - started
    rng = random.Random(20261202)
    outcomes = set()
    for _ in range(6):
        process = subprocess.Popen(
            [sys.executable, "-m", "pelican", "content", "-o", str(out), "-s", "pelicanconf.py"],
            cwd=project.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 1.1) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with build_lock(out):
            recover(out)
        state = tree(out)
        assert state in (before, after)
        outcomes.add("new" if state == after else "old")
        if state == after:  # start again from the old tree
            shutil.rmtree(out)
            for name, data in before.items():
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                (out / name).write_bytes(data)
    assert pelican(project, out).returncode == 0  # the next build cleans up and succeeds
    assert tree(out) == after
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.lock", "output"]


# A plugin that warns as Pelican does when, say, an image has no alt text. Its
# handler stays connected to Pelican's signals: it is loaded in a subprocess.
WARNING_PLUGIN = """\
import logging
from pelican import signals

def warn(pelican):
    logging.getLogger("pelican.readers").warning("Empty alt attribute for image x.png")

def register():
    signals.finalized.connect(warn)
"""

STRICT_BUILD = """\
import sys
from factcheck.building.atomic import StrictModeFailed, build
try:
    build(sys.argv[1], sys.argv[2], strict=sys.argv[3] == "strict")
except StrictModeFailed as error:
    sys.exit(str(error))
"""


def test_a_warning_from_pelican_fails_a_strict_build_and_leaves_output_as_it_was(project, tmp_path):
    project.write("warning_plugin.py", WARNING_PLUGIN, dedent=False)
    with project.settings_file.open("a", encoding="utf-8") as handle:
        handle.write(
            f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(project.root)!r}]\n"
            'PLUGINS = ["factcheck", "warning_plugin"]\n'
        )
    out = tmp_path / "build" / "output"

    def build_in_a_subprocess(mode: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", STRICT_BUILD, str(project.settings_file), str(out), mode],
            cwd=project.root,
            capture_output=True,
            text=True,
        )

    lenient = build_in_a_subprocess("lenient")
    assert lenient.returncode == 0, lenient.stderr  # a warning alone does not fail a build
    before = tree(out)
    strict = build_in_a_subprocess("strict")
    assert strict.returncode == 1
    assert (
        "strict mode: 1 warning while building, the first: Empty alt attribute for image x.png"
        in strict.stderr
    )
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.lock", "output"]
