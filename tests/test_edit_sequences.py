"""Random sequences of edits never leave `invoke serve` showing a stale page.

A hypothesis state machine edits the fixture site the way editors do, across
every kind of content and both languages: it changes a claim, a person, a
source, an explainer, a page and their translations, breaks a file and fixes
it later, renames a claim, deletes files and adds new ones. After every step
the tree the rebuilder serves must be exactly the tree a cold build of the
same content gives, byte for byte; while the content has an error, the cold
build fails and the served tree must stay what it was.

Cold builds are kept by content state, so a state visited twice is built
once. ``uv run pytest`` runs at least 200 steps; ``HYPOTHESIS_PROFILE=long``
(``invoke fuzz``) runs many more.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from conftest import copy_fixture_site, tree
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from test_incremental import TRANSLATIONS

from factcheck.building.atomic import build
from factcheck.building.incremental import Rebuilder
from factcheck.content.problems import ContentInvalid

NEW_CLAIM = """\
claim: The council met twice in March.
claimant: city-council
date: 2025-03
appearances: [paper-2025-03-02]
rating: "true"
verdict: The minutes list two meetings.
analysis: The minutes list two meetings [@city-2025-01-10].
sources: [city-2025-01-10]
published: 2025-05-30
"""


def replace(old: str, new: str):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def gone(text: str) -> None:
    return None


def added(text: str | None) -> str:
    return NEW_CLAIM


# Each file the machine edits, and what it can become: variant 0 is the file
# as the fixture has it (None: absent), the others an edit of it, a broken
# version or its removal. Renaming the claim is removing it at one path and
# adding it at the other.
CLAIM = "claims/budget-doubled.yaml"
VARIANTS = {
    CLAIM: [
        replace("rating: mostly-false", "rating: false"),
        replace("claimant: jane-doe", "claimant: city-council"),
        replace("claim: The city budget doubled", "claim: The city budget grew"),
        replace("rating: mostly-false", "rating: mostly-flase"),  # broken
        replace("  - date: 2025-06-01\n", "  - date: 2025-06-01\n    date: 2025-06-02\n"),
        gone,  # renamed away, or deleted: the explainer's link then breaks
    ],
    "claims/budget-grew.yaml": [added],  # the renamed claim, or a new one
    "claims/council-met.yaml": [added],
    "people/jane-doe.yaml": [
        replace("name: Jane Doe", "name: Jane Q. Doe"),
        replace("text: Took office.", "text: Took office in January."),
        replace("kind: person", "kind: persn"),  # broken
    ],
    "people/jane-doe.es.yaml": [
        replace("Una alcaldesa que habla", "Una alcaldesa que suele hablar"),
        gone,
    ],
    "people/city-council.yaml": [
        replace("summary: The city's elected council.", "summary: The elected council."),
    ],
    "sources/main.yaml": [
        replace("title: Mayor says budget doubled", "title: Mayor says the budget doubled"),
        replace("title: Budget report 2025", "title: Budget 2025"),
        replace("title: Budget report 2025", "title: [Budget 2025"),  # broken YAML
    ],
    "explainers/city-budget.md": [
        replace("council votes", "council decides"),
        replace("Title: How the city budget works", "Title: How the budget works"),
        replace("People: jane-doe, city-council", "People: city-council"),
        replace("Date: 2025-05-30", "Date: 2025-05-30\nStatus: draft"),
        replace("Date: 2025-05-30", "Date: 2025-13-30"),  # broken
    ],
    "explainers/city-budget.es.md": [
        replace("el concejo lo vota", "el concejo decide"),
        gone,
    ],
    "pages/about.md": [
        replace("claims about the city", "claims in the city"),
    ],
}

PROFILE = settings(
    max_examples=8,
    stateful_step_count=25,  # 8 x 25 = 200 steps
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
if os.environ.get("HYPOTHESIS_PROFILE") == "long":
    PROFILE = settings(PROFILE, max_examples=200, stateful_step_count=50)

# Cold builds by content state: the same content always builds the same tree.
COLD: dict[tuple, dict[str, bytes] | None] = {}


class EditSequences(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="edit-sequences-"))
        self.project = copy_fixture_site(self.root / "site")
        for relative, text in TRANSLATIONS.items():
            self.project.write(relative, text, dedent=False)
        content = self.project.root / "content"
        self.originals = {
            name: (content / name).read_text(encoding="utf-8")
            if (content / name).exists()
            else None
            for name in VARIANTS
        }
        self.variant = dict.fromkeys(VARIANTS, 0)
        self.out = self.root / "served" / "output"
        self.rebuilder = Rebuilder(self.project.settings_file, self.out)
        self.rebuilder.build_all()
        self.served = tree(self.out)

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    @rule(name=st.sampled_from(sorted(VARIANTS)), data=st.data())
    def edit(self, name: str, data) -> None:
        choices = len(VARIANTS[name]) + 1
        variant = data.draw(st.integers(0, choices - 1).filter(lambda v: v != self.variant[name]))
        self.variant[name] = variant
        path = self.project.root / "content" / name
        original = self.originals[name]
        text = original if variant == 0 else VARIANTS[name][variant - 1](original)
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")
        # invoke serve reports a failed rebuild and keeps serving the last good tree.
        with contextlib.suppress(ContentInvalid, SystemExit):
            self.rebuilder.rebuild([path])

    @invariant()
    def serves_what_a_cold_build_gives(self) -> None:
        expected = self.cold_build()
        served = tree(self.out)
        if expected is None:
            assert served == self.served, "a failed rebuild changed what is served"
        else:
            assert served == expected, self.describe(served, expected)
        self.served = served

    def cold_build(self) -> dict[str, bytes] | None:
        state = tuple(sorted(self.variant.items()))
        if state not in COLD:
            cold = self.root / "cold" / str(len(COLD)) / "output"
            try:
                build(self.project.settings_file, cold)
            except (ContentInvalid, SystemExit):
                COLD[state] = None
            else:
                COLD[state] = tree(cold)
                shutil.rmtree(cold.parent, ignore_errors=True)
        return COLD[state]

    def describe(self, served: dict, expected: dict) -> str:
        differ = sorted(
            name
            for name in served.keys() | expected.keys()
            if served.get(name) != expected.get(name)
        )
        return f"after edits {self.variant}: {len(differ)} files differ: {differ[:10]}"


EditSequences.TestCase.settings = PROFILE
test_random_edit_sequences_serve_what_a_cold_build_gives = EditSequences.TestCase
