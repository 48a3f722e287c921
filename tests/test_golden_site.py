"""The fixture site builds to exactly the committed expected output.

After an intended change to the theme or the generator, regenerate the
expected tree with `uv run invoke golden` (tests/golden.py) and review the
diff in git.
"""

from __future__ import annotations

import difflib

from conftest import tree
from golden import EXPECTED, build_golden


def test_fixture_site_builds_to_the_expected_output(tmp_path):
    built = tree(build_golden(tmp_path))
    expected = tree(EXPECTED)
    assert sorted(built) == sorted(expected), "files added or missing: run `uv run invoke golden`"
    for name, content in built.items():
        if content != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode(errors="replace").splitlines(),
                content.decode(errors="replace").splitlines(),
                f"expected/{name}",
                f"built/{name}",
                lineterm="",
            )
            raise AssertionError("\n".join(list(diff)[:60]))
