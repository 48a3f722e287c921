"""Every kind of editor mistake, with the exact message it gets.

Each case writes one file into the valid fixture site and lists every line the
check reports, as `path:line:col: field: message`. Warnings are included: a
case that should be clean except for its error shows only that error.
"""

from __future__ import annotations

import pytest
from conftest import copy_fixture_site

from factcheck.editors.cli import run_check

CLAIM = "content/claims/new-claim.yaml"
PERSON = "content/people/new-person.yaml"
SOURCES = "content/sources/more.yaml"
EXPLAINER = "content/explainers/new-explainer.md"

VALID_CLAIM = """\
claim: Taxes went down.
claimant: jane-doe
date: 2025-04-01
appearances: [paper-2025-03-02]
rating: false
verdict: They went up.
analysis: The report says so [@city-2025-01-10].
sources: [city-2025-01-10]
published: 2025-05-30
"""


def claim_with(old: str, new: str) -> str:
    assert old in VALID_CLAIM
    return VALID_CLAIM.replace(old, new)


CASES = [
    # -- YAML itself ------------------------------------------------------
    (
        "syntax-error",
        CLAIM,
        claim_with("appearances: [paper-2025-03-02]", "appearances: [paper-2025-03-02"),
        [
            f"{CLAIM}:4:14: YAML syntax error: a list opened with '[' is not closed with ']': "
            "close it, and put an item that contains ',' or ']' in quotes "
            "(line 4 reads 'appearances: [paper-2025-03-02')"
        ],
    ),
    (
        "colon-inside-text",
        CLAIM,
        claim_with("claim: Taxes went down.", "claim: The mayor said: taxes went down."),
        [
            f"{CLAIM}:1:22: YAML syntax error: a ': ' inside a value: put text that contains "
            "': ' in quotes, or line the field up with the fields above "
            "(line 1 reads 'claim: The mayor said: taxes went down.')"
        ],
    ),
    (
        "text-on-the-line-of-a-block-marker",
        CLAIM,
        claim_with("verdict: They went up.", "verdict: >- They went up."),
        [
            f"{CLAIM}:6:10: YAML syntax error: text after '>-' or '|' must start on the next "
            "line, indented (line 6 reads 'verdict: >- They went up.')"
        ],
    ),
    (
        "unclosed-quotation-mark",
        CLAIM,
        claim_with("verdict: They went up.", 'verdict: "They went up.'),
        [
            f"{CLAIM}:6:10: YAML syntax error: a quotation mark opened here is never closed "
            "(line 6 reads 'verdict: \"They went up.')"
        ],
    ),
    (
        "tab-indentation",
        CLAIM,
        claim_with("sources: [city-2025-01-10]", "sources:\n\t- city-2025-01-10"),
        [
            f"{CLAIM}:9:1: YAML syntax error: a tab character: indent with spaces only "
            "(line 9 reads '- city-2025-01-10')"
        ],
    ),
    (
        "value-starting-with-at-sign",
        CLAIM,
        claim_with("verdict: They went up.", "verdict: @mayor is wrong."),
        [
            f"{CLAIM}:6:10: YAML syntax error: a value cannot start with '@': put the whole "
            "value in quotes (line 6 reads 'verdict: @mayor is wrong.')"
        ],
    ),
    (
        "duplicate-key",
        CLAIM,
        VALID_CLAIM + "rating: true\n",
        [f"{CLAIM}:10:1: rating: duplicate key 'rating' (first defined at line 5)"],
    ),
    (
        "anchor-and-alias",
        CLAIM,
        claim_with("claim: Taxes went down.", "claim: &c Taxes went down.").replace(
            "verdict: They went up.", "verdict: *c"
        ),
        [
            f"{CLAIM}:1:8: YAML anchor '&c' is not allowed: write the value out in full",
            f"{CLAIM}:6:10: YAML alias '*c' is not allowed: write the value out in full",
        ],
    ),
    (
        "python-tag",
        CLAIM,
        claim_with("claim: Taxes went down.", "claim: !!python/object/apply:os.system [ls]"),
        [
            f"{CLAIM}:1:8: claim: YAML tag '!!python/object/apply:os.system' is not allowed: remove it",
            f"{CLAIM}:1:8: claim: expected text, found a list",
        ],
    ),
    (
        "custom-tag",
        CLAIM,
        claim_with("verdict: They went up.", "verdict: !shout They went up."),
        [f"{CLAIM}:6:10: verdict: YAML tag '!shout' is not allowed: remove it"],
    ),
    ("empty-file", CLAIM, "", [f"{CLAIM}:1:1: the file is empty: expected a mapping of fields"]),
    (
        "comments-only",
        CLAIM,
        "# nothing yet\n",
        [f"{CLAIM}:1:1: the file is empty: expected a mapping of fields"],
    ),
    (
        "top-level-list",
        CLAIM,
        "- claim: Taxes went down.\n",
        [
            f"{CLAIM}:1:1: expected a mapping of fields (key: value) at the top of the file, found a list"
        ],
    ),
    (
        "top-level-text",
        CLAIM,
        "Taxes went down.\n",
        [
            f"{CLAIM}:1:1: expected a mapping of fields (key: value) at the top of the file, found 'Taxes went down.'"
        ],
    ),
    (
        "not-utf8",
        CLAIM,
        VALID_CLAIM.replace("They went up.", "They went up \N{EURO SIGN}.").encode("cp1252"),
        [f"{CLAIM}:6:23: the file is not UTF-8 (byte 0x80): save it with UTF-8 encoding"],
    ),
    # -- fields -------------------------------------------------------------
    (
        "unknown-field-with-suggestion",
        CLAIM,
        claim_with("verdict:", "verdcit:"),
        [
            f"{CLAIM}:1:1: verdict: required field is missing",
            f"{CLAIM}:6:1: verdcit: unknown field 'verdcit' (did you mean 'verdict'?)",
        ],
    ),
    (
        "unknown-field-without-suggestion",
        CLAIM,
        VALID_CLAIM + "colour: red\n",
        [
            f"{CLAIM}:10:1: colour: unknown field 'colour' (expected one of: claim, claim_short, claimant, "
            "claimant_name, claimant_kind, date, appearances, about, rating, verdict, analysis, sources, "
            "published, first_published_at, updates, privacy)"
        ],
    ),
    (
        "missing-required-field",
        CLAIM,
        claim_with("analysis: The report says so [@city-2025-01-10].\n", ""),
        [f"{CLAIM}:1:1: analysis: required field is missing"],
    ),
    (
        "claimant-and-claimant-name",
        CLAIM,
        claim_with("claimant: jane-doe", "claimant: jane-doe\nclaimant_name: A spokesperson"),
        [
            f"{CLAIM}:3:16: claimant: give either claimant (the file name of a person's page, without .yaml) or claimant_name, not both"
        ],
    ),
    (
        "no-claimant",
        CLAIM,
        claim_with("claimant: jane-doe\n", ""),
        [
            f"{CLAIM}:1:1: claimant: required field is missing: give claimant (the file name of a person's page, without .yaml) "
            "or claimant_name (a plain name)"
        ],
    ),
    (
        "list-where-text-expected",
        CLAIM,
        claim_with("verdict: They went up.", "verdict: [They, went, up]"),
        [f"{CLAIM}:6:10: verdict: expected text, found a list"],
    ),
    (
        "text-where-list-expected",
        CLAIM,
        claim_with("appearances: [paper-2025-03-02]", "appearances: paper-2025-03-02"),
        [f"{CLAIM}:4:14: appearances: expected a list, found 'paper-2025-03-02'"],
    ),
    (
        "empty-text",
        CLAIM,
        claim_with("verdict: They went up.", 'verdict: "  "'),
        [f"{CLAIM}:6:10: verdict: must not be empty"],
    ),
    (
        "no-is-text-not-false",
        CLAIM,
        claim_with("verdict: They went up.", "verdict: no"),
        [],
    ),
    (
        "direction-override-in-text",
        CLAIM,
        claim_with("claim: Taxes went down.", "claim: Taxes went \u202enwod."),
        [
            f"{CLAIM}:1:8: claim: contains the invisible direction control U+202E, which can "
            "disguise text: remove it"
        ],
    ),
    (
        "short-claim-too-long",
        CLAIM,
        claim_with("claim: Taxes went down.", "claim: Taxes went down.\nclaim_short: " + "x" * 76),
        [f"{CLAIM}:2:14: claim_short: is 76 characters long: keep it to 75 or fewer"],
    ),
    (
        "long-claim-without-short-form",
        CLAIM,
        claim_with(
            "claim: Taxes went down.",
            "claim: The mayor raised every municipal tax twice last year and then blamed the state for it.",
        ),
        [
            f"{CLAIM}:1:8: claim_short: warning: the claim is 86 characters long and has "
            "no claim_short: add one of 75 characters or fewer for titles and search engines"
        ],
    ),
    # -- dates ----------------------------------------------------------
    (
        "month-thirteen",
        CLAIM,
        claim_with("date: 2025-04-01", "date: 2025-13-01"),
        [f"{CLAIM}:3:7: date: '2025-13-01' is not a valid date: there is no month 13"],
    ),
    (
        "february-thirtieth",
        CLAIM,
        claim_with("published: 2025-05-30", "published: 2025-02-30"),
        [f"{CLAIM}:9:12: published: '2025-02-30' is not a valid date: February 2025 has 28 days"],
    ),
    (
        "date-in-other-format",
        CLAIM,
        claim_with("date: 2025-04-01", "date: 04/01/2025"),
        [f"{CLAIM}:3:7: date: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found '04/01/2025'"],
    ),
    (
        "month-only-where-day-needed",
        CLAIM,
        claim_with("published: 2025-05-30", "published: 2025-05"),
        [
            f"{CLAIM}:9:12: published: expected a date as YYYY-MM-DD, found '2025-05' "
            "(a month or a year alone is allowed only in timelines and claim dates)"
        ],
    ),
    # -- references ---------------------------------------------------------
    (
        "unknown-source-with-suggestion",
        CLAIM,
        claim_with("sources: [city-2025-01-10]", "sources: [city-2025-1-10]"),
        [
            f"{CLAIM}:8:11: sources[0]: unknown source 'city-2025-1-10' (did you mean 'city-2025-01-10'?)"
        ],
    ),
    (
        "unknown-person",
        CLAIM,
        claim_with("claimant: jane-doe", "claimant: jane-do"),
        [
            f"{CLAIM}:2:11: claimant: unknown person or organization 'jane-do' (did you mean 'jane-doe'?)"
        ],
    ),
    (
        "unknown-rating",
        CLAIM,
        claim_with("rating: false", "rating: flase"),
        [f"{CLAIM}:5:9: rating: unknown rating 'flase' (did you mean 'false'?)"],
    ),
    (
        "unknown-rating-far-off",
        CLAIM,
        claim_with("rating: false", "rating: todo-rating"),
        [
            f"{CLAIM}:5:9: rating: unknown rating 'todo-rating' (expected one of: true, "
            "mostly-true, mixed, mostly-false, false, unproven)"
        ],
    ),
    (
        "rating-written-as-its-label",
        CLAIM,
        claim_with("rating: false", "rating: Mostly False"),
        [f"{CLAIM}:5:9: rating: unknown rating 'Mostly False' (did you mean 'mostly-false'?)"],
    ),
    (
        "rating-with-underscore",
        CLAIM,
        claim_with("rating: false", "rating: mostly_false"),
        [f"{CLAIM}:5:9: rating: unknown rating 'mostly_false' (did you mean 'mostly-false'?)"],
    ),
    (
        "rating-synonym-half-true",
        CLAIM,
        claim_with("rating: false", "rating: half-true"),
        [f"{CLAIM}:5:9: rating: unknown rating 'half-true' (did you mean 'mixed'?)"],
    ),
    (
        "rating-synonym-pants-on-fire",
        CLAIM,
        claim_with("rating: false", "rating: pants-on-fire"),
        [f"{CLAIM}:5:9: rating: unknown rating 'pants-on-fire' (did you mean 'false'?)"],
    ),
    (
        "rating-synonym-unsupported",
        CLAIM,
        claim_with("rating: false", "rating: unsupported"),
        [f"{CLAIM}:5:9: rating: unknown rating 'unsupported' (did you mean 'unproven'?)"],
    ),
    (
        "rating-in-spanish",
        CLAIM,
        claim_with("rating: false", "rating: Sin probar"),
        [f"{CLAIM}:5:9: rating: unknown rating 'Sin probar' (did you mean 'unproven'?)"],
    ),
    (
        "unknown-citation",
        CLAIM,
        claim_with("[@city-2025-01-10].", "[@city-2025-01-11]."),
        [
            f"{CLAIM}:7:30: analysis: unknown source 'city-2025-01-11' in citation "
            "[@city-2025-01-11] (did you mean 'city-2025-01-10'?)"
        ],
    ),
    (
        "citation-in-block-text",
        CLAIM,
        claim_with(
            "analysis: The report says so [@city-2025-01-10].",
            "analysis: |\n  First paragraph.\n\n  Then [@nowhere].",
        ),
        [f"{CLAIM}:10:8: analysis: unknown source 'nowhere' in citation [@nowhere]"],
    ),
    (
        "link-to-missing-file",
        CLAIM,
        claim_with(
            "analysis: The report says so [@city-2025-01-10].",
            "analysis: See [Jane]({filename}/people/jane-deo.yaml) [@city-2025-01-10].",
        ),
        [
            f"{CLAIM}:7:22: analysis: link to a file that does not exist: "
            "{filename}/people/jane-deo.yaml (did you mean '{filename}/people/jane-doe.yaml'?)"
        ],
    ),
    (
        "javascript-link-in-markdown",
        CLAIM,
        claim_with("verdict: They went up.", "verdict: They went [up](javascript:alert(1))."),
        [
            f"{CLAIM}:6:25: verdict: only http and https links are allowed, found 'javascript:alert(1'"
        ],
    ),
    (
        "empty-sources",
        CLAIM,
        claim_with("sources: [city-2025-01-10]", "sources: []"),
        [f"{CLAIM}:8:10: sources: at least one source is required"],
    ),
    (
        "evidence-entry-typo",
        CLAIM,
        claim_with(
            "sources: [city-2025-01-10]",
            "sources:\n  - sorce: city-2025-01-10\n    quote: a third",
        ),
        [
            f"{CLAIM}:9:5: sources[0].sorce: unknown field 'sorce' (did you mean 'source'?)",
            f"{CLAIM}:9:5: sources[0].source: required field is missing",
        ],
    ),
    (
        "invalid-file-name",
        "content/claims/Taxes_Down.yaml",
        VALID_CLAIM,
        [
            "content/claims/Taxes_Down.yaml:1:1: file name: 'Taxes_Down' is not a valid slug (the name used in file names and web addresses): "
            "use lower-case ASCII letters, digits and hyphens (did you mean 'taxes-down'?)"
        ],
    ),
    (
        "slug-shared-by-person-and-claim",
        "content/claims/jane-doe.yaml",
        VALID_CLAIM,
        [
            "content/claims/jane-doe.yaml:1:1: duplicate slug 'jane-doe': also used by "
            "content/people/jane-doe.yaml; slugs (file names, which become page addresses) "
            "are unique across people, claims and explainers"
        ],
    ),
    # -- people -----------------------------------------------------------
    (
        "image-without-alt-and-credit",
        PERSON,
        "name: New Person\nsummary: Someone.\npublished: 2025-05-30\nimage:\n  file: missing.jpg\n",
        [
            f"{PERSON}:5:3: image.alt: required field is missing",
            f"{PERSON}:5:3: image.credit: required field is missing",
            f"{PERSON}:5:9: image.file: image 'missing.jpg' not found in content/images/",
        ],
    ),
    (
        "image-path-leaving-images-folder",
        PERSON,
        "name: New Person\nsummary: Someone.\npublished: 2025-05-30\nimage:\n"
        "  file: ../../pelicanconf.py\n  alt: A file\n  credit: Nobody\n",
        [
            f"{PERSON}:5:9: image.file: '../../pelicanconf.py' is not an image file name: give "
            "the name of a .jpg, .png, .webp, .gif, .avif or .svg file in content/images/, "
            "without folders"
        ],
    ),
    (
        "unsourced-timeline-entry",
        PERSON,
        "name: New Person\nsummary: Someone.\npublished: 2025-05-30\ntimeline:\n"
        "  - date: 2025\n    text: Born.\n",
        [f"{PERSON}:5:5: timeline[0].sources: required field is missing"],
    ),
    (
        "unknown-kind",
        PERSON,
        "name: New Person\nkind: persn\nsummary: Someone.\npublished: 2025-05-30\n",
        [
            f"{PERSON}:2:7: kind: 'persn' is not one of: person, organization (did you mean 'person'?)"
        ],
    ),
    (
        "update-with-unknown-kind",
        PERSON,
        "name: New Person\nsummary: Someone.\npublished: 2025-05-30\nupdates:\n"
        "  - {date: 2025-06-01, kind: fix, text: Fixed.}\n",
        [
            f"{PERSON}:5:30: updates[0].kind: 'fix' is not one of: update, correction, clarification, retraction"
        ],
    ),
    (
        "noindex-not-boolean",
        PERSON,
        "name: New Person\nsummary: Someone.\npublished: 2025-05-30\nprivacy:\n  noindex: yes\n",
        [f"{PERSON}:5:12: privacy.noindex: expected true or false, found 'yes'"],
    ),
    # -- sources -----------------------------------------------------------
    (
        "duplicate-source-id",
        SOURCES,
        "city-2025-01-10:\n  title: Again\n  publisher: P\n  url: https://example.org/a\n"
        "  date: 2025-01-10\n  archive_url: https://web.archive.org/a\n",
        [
            f"{SOURCES}:1:1: city-2025-01-10: duplicate source id 'city-2025-01-10' "
            "(also defined at content/sources/main.yaml:2:3)"
        ],
    ),
    (
        "ftp-address",
        SOURCES,
        "report:\n  title: Report\n  publisher: P\n  url: ftp://example.org/report.pdf\n"
        "  date: 2025-01-10\n  archive_url: https://web.archive.org/a\n",
        [
            f"{SOURCES}:4:8: report.url: only http and https addresses are allowed, found "
            "'ftp://example.org/report.pdf'"
        ],
    ),
    (
        "address-without-scheme",
        SOURCES,
        "report:\n  title: Report\n  publisher: P\n  url: www.example.org/report\n"
        "  date: 2025-01-10\n  archive_url: https://web.archive.org/a\n",
        [
            f"{SOURCES}:4:8: report.url: 'www.example.org/report' is not a full address: start "
            "it with https://"
        ],
    ),
    (
        "source-without-address",
        SOURCES,
        "report:\n  title: Report\n  publisher: P\n  date: 2025-01-10\n",
        [
            f"{SOURCES}:2:3: report.url: required field is missing (for a source with no "
            "address, set offline: true and give a citation)"
        ],
    ),
    (
        "invalid-source-id",
        SOURCES,
        "Report 1:\n  title: Report\n  publisher: P\n  url: https://example.org/r\n"
        "  date: 2025-01-10\n",
        [
            f"{SOURCES}:1:1: Report 1: source id: 'Report 1' is not a valid slug (the name used in file names and web addresses): use lower-case "
            "ASCII letters, digits and hyphens (did you mean 'report-1'?)"
        ],
    ),
    (
        "source-without-archive-is-a-warning",
        SOURCES,
        "report:\n  title: Report\n  publisher: P\n  url: https://example.org/r\n  date: 2025-01-10\n",
        [
            f"{SOURCES}:2:3: report: warning: no page cites this source: cite it or remove it",
            f"{SOURCES}:2:3: report.archive_url: warning: no archived copy: add archive_url",
        ],
    ),
    # -- explainers -------------------------------------------------------
    (
        "explainer-missing-summary-and-bad-person",
        EXPLAINER,
        "Title: New\nDate: 2025-05-30\nPeople: jane-doe, jon-doe\n\nBody.\n",
        [
            f"{EXPLAINER}:1:1: summary: required field is missing",
            f"{EXPLAINER}:3:19: people[1]: unknown person or organization 'jon-doe' (did you mean 'jane-doe'?)",
        ],
    ),
    (
        "explainer-bad-update-line",
        EXPLAINER,
        "Title: New\nDate: 2025-05-30\nSummary: S.\nUpdates: 2025-06-01 update: Fine.\n"
        "    June 2 correction: Not a date.\n\nBody.\n",
        [
            f"{EXPLAINER}:5:5: updates[1]: expected 'YYYY-MM-DD kind: text', found 'June 2 correction: Not a date.'",
        ],
    ),
    (
        "explainer-unknown-citation-in-body",
        EXPLAINER,
        "Title: New\nDate: 2025-05-30\nSummary: S.\n\nFirst line.\n\nAs shown [@paper-2025-03-20].\n",
        [
            f"{EXPLAINER}:7:10: body: unknown source 'paper-2025-03-20' in citation "
            "[@paper-2025-03-20] (did you mean 'paper-2025-03-02'?)"
        ],
    ),
    (
        "explainer-header-typo",
        EXPLAINER,
        "Title: New\nDate: 2025-05-30\nSumary: S.\n\nBody.\n",
        [
            f"{EXPLAINER}:1:1: summary: required field is missing",
            f"{EXPLAINER}:3:1: sumary: unknown field 'sumary' (did you mean 'summary'?)",
        ],
    ),
    (
        "claimant-kind-with-a-claimant-page",
        CLAIM,
        claim_with("claimant: jane-doe", "claimant: jane-doe\nclaimant_kind: organization"),
        [
            f"{CLAIM}:3:16: claimant_kind: claimant_kind goes with claimant_name: a claimant's "
            "own page says whether it is a person or an organization"
        ],
    ),
    # -- A history the check can verify (factcheck.content.chronology) -------------
    (
        "date-in-the-future",
        CLAIM,
        claim_with("published: 2025-05-30", "published: 2999-01-01"),
        [
            f"{CLAIM}:9:12: published: '2999-01-01' is in the future: "
            "a date records what has already happened"
        ],
    ),
    (
        "partial-date-in-the-future",
        CLAIM,
        claim_with("date: 2025-04-01", "date: 2999-03"),
        [
            f"{CLAIM}:3:7: date: '2999-03' is in the future: a date records what has already happened"
        ],
    ),
    (
        "update-before-publication",
        CLAIM,
        VALID_CLAIM + "updates:\n  - date: 2025-05-29\n    kind: update\n    text: Added.\n",
        [
            f"{CLAIM}:11:11: updates[0].date: this update is dated 2025-05-29, before the page "
            "was published (published: 2025-05-30): an update can only follow publication"
        ],
    ),
    (
        "explainer-update-before-publication",
        EXPLAINER,
        "Title: New\nDate: 2025-05-30\nSummary: S.\nUpdates: 2025-06-01 update: Fine.\n"
        "    2025-05-01 correction: Too early.\n\nBody.\n",
        [
            f"{EXPLAINER}:5:5: updates[1].date: this update is dated 2025-05-01, before the page "
            "was published (date: 2025-05-30): an update can only follow publication"
        ],
    ),
    (
        "source-after-the-last-change",
        CLAIM,
        claim_with("published: 2025-05-30", "published: 2025-02-01"),
        [
            f"{CLAIM}:4:15: appearances[0]: source 'paper-2025-03-02' is dated 2025-03-02, after "
            "this page's last dated change (2025-02-01): add an update entry dated 2025-03-02 "
            "or later that says what it added"
        ],
    ),
    (
        "source-after-the-last-update",
        CLAIM,
        claim_with("published: 2025-05-30", "published: 2025-01-20")
        + "updates:\n  - date: 2025-02-01\n    kind: update\n    text: Added.\n",
        [
            f"{CLAIM}:4:15: appearances[0]: source 'paper-2025-03-02' is dated 2025-03-02, after "
            "this page's last dated change (2025-02-01): add an update entry dated 2025-03-02 "
            "or later that says what it added"
        ],
    ),
    (
        "explainer-cites-a-later-source",
        EXPLAINER,
        "Title: New\nDate: 2025-02-01\nSummary: S.\n\nAs shown [@paper-2025-03-02], twice "
        "[@paper-2025-03-02].\n",
        [
            f"{EXPLAINER}:5:10: body: source 'paper-2025-03-02' is dated 2025-03-02, after this "
            "page's last dated change (2025-02-01): add an update entry dated 2025-03-02 or "
            "later that says what it added"
        ],
    ),
]


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_mistake_is_reported_exactly(project, relative, text, expected):
    project.write(relative, text, dedent=False)
    assert project.report() == expected


def test_the_table_covers_at_least_thirty_mistakes():
    assert len([case for case in CASES if case[3]]) >= 30


def test_three_errors_in_one_file_are_reported_in_one_run(project):
    project.write(
        CLAIM,
        claim_with("rating: false", "rating: flase")
        .replace("date: 2025-04-01", "date: 2025-04-31")
        .replace("claimant: jane-doe", "claimant: jane"),
        dedent=False,
    )
    assert project.report() == [
        f"{CLAIM}:2:11: claimant: unknown person or organization 'jane' (did you mean 'jane-doe'?)",
        f"{CLAIM}:3:7: date: '2025-04-31' is not a valid date: April 2025 has 30 days",
        f"{CLAIM}:5:9: rating: unknown rating 'flase' (did you mean 'false'?)",
    ]


def test_errors_in_several_files_are_sorted_by_file_and_line(project):
    project.write(
        PERSON,
        "name: X\nsummary: S.\npublished: 2025-05-30\nfacts:\n"
        "  - {label: L, value: V, sources: [nowhere]}\n",
        dedent=False,
    )
    project.write(CLAIM, claim_with("rating: false", "rating: maybe"), dedent=False)
    lines = project.report()
    assert [line.split(":")[0] for line in lines] == [CLAIM, PERSON]


def test_a_file_that_did_not_load_is_reported_first(project):
    """Its error is the root cause: it comes before errors in files sorted earlier."""
    project.write(PERSON, "name: X\nsummary: S.\npublished: 2025-5-30\n", dedent=False)
    project.write(CLAIM, claim_with("rating: false", "rating: maybe"), dedent=False)
    lines = project.report()
    assert [line.split(":")[0] for line in lines] == [PERSON, CLAIM]


def test_check_prints_every_problem_then_a_count_and_fails(project, capsys):
    import io

    project.write(CLAIM, claim_with("rating: false", "rating: flase"), dedent=False)
    out = io.StringIO()
    status = run_check(project.settings_file, out=out)
    lines = out.getvalue().splitlines()
    assert status == 1
    assert lines[0] == f"{CLAIM}:5:9: rating: unknown rating 'flase' (did you mean 'false'?)"
    assert lines[1] == "1 error, 0 warnings"
    assert lines[2].startswith("check failed: ")


def test_warnings_fail_only_in_strict_mode(project):
    import io

    (text,) = [case[2] for case in CASES if case[0] == "source-without-archive-is-a-warning"]
    project.write(SOURCES, text, dedent=False)
    assert run_check(project.settings_file, out=io.StringIO()) == 0
    assert run_check(project.settings_file, strict=True, out=io.StringIO()) == 1


def test_references_to_a_file_that_did_not_load_wait_for_it(project):
    """One typo in a person's file: its error first, then one line for what depends on it."""
    person = "content/people/jane-doe.yaml"
    text = project.read(person)
    first_line = text.splitlines()[0]
    project.write(person, text.replace(first_line, "name: Jane: Doe", 1), dedent=False)
    report = project.report(errors_only=True)
    assert report[0].startswith(f"{person}:1:11: YAML syntax error: a ': ' inside a value")
    assert report[1:] == [
        f"{person}:1:11: 2 references to 'jane-doe' cannot be checked until {person} loads: "
        "fix the error above first"
    ]


def test_a_sources_file_that_did_not_load_holds_back_its_citations(project):
    text = project.read("content/sources/main.yaml")
    project.write("content/sources/main.yaml", text + "broken: [a, b\nmore: x\n", dedent=False)
    report = project.report(errors_only=True)
    assert report[0].startswith("content/sources/main.yaml:")
    assert "YAML syntax error: a list opened with '['" in report[0]
    assert all("unknown source" not in line for line in report), report
    assert all(
        "cannot be checked until content/sources/main.yaml loads" in line for line in report[1:]
    )


def test_rating_synonyms_follow_the_configured_scale(tmp_path):
    """The engine knows no scale: a site whose key is 'unsupported' gets the other way round."""
    from factcheck.content.rating_words import meant_rating
    from factcheck.settings import read_ratings

    scale = read_ratings(
        [
            {"key": "correct", "label": "Correct", "definition": "d"},
            {"key": "unsupported", "label": "Not backed up", "definition": "d"},
            {"key": "half-true", "label": "Half true", "definition": "d"},
        ]
    )
    assert meant_rating("unproven", scale) == "unsupported"
    assert meant_rating("Not Backed Up", scale) == "unsupported"
    assert meant_rating("true", scale) == "correct"
    assert meant_rating("mixed", scale) == "half-true"
    assert meant_rating("mostly-false", scale) is None


# FACTCHECK_REQUIRE_ARCHIVE = True: each case writes these files into the fixture site.
REPORT = (
    "report:\n  title: Report\n  publisher: P\n  url: https://example.org/r\n  date: 2025-01-10\n"
)
REQUIRED_ARCHIVE = (
    "no archived copy, which FACTCHECK_REQUIRE_ARCHIVE requires of every source a published "
    "page cites: run `uv run invoke archive --only report` or add archive_url"
)
ARCHIVE_POLICY_CASES = [
    (
        "cited-by-a-published-claim",
        {SOURCES: REPORT, CLAIM: claim_with("[@city-2025-01-10]", "[@report]")},
        [f"{SOURCES}:2:3: report.archive_url: {REQUIRED_ARCHIVE}"],
    ),
    (
        "cited-only-by-a-draft",
        {
            SOURCES: REPORT,
            EXPLAINER: "Title: New\nDate: 2025-05-30\nSummary: S.\nStatus: draft\n\n"
            "Body [@report].\n",
        },
        [f"{SOURCES}:2:3: report.archive_url: warning: no archived copy: add archive_url"],
    ),
    (
        "offline-source",
        {
            SOURCES: "report:\n  title: Report\n  publisher: P\n  date: 2025-01-10\n"
            "  offline: true\n  citation: The printed report\n",
            CLAIM: claim_with("[@city-2025-01-10]", "[@report]"),
        },
        [],
    ),
    ("the-fixture-site-archives-every-source", {}, []),
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [case[1:] for case in ARCHIVE_POLICY_CASES],
    ids=[case[0] for case in ARCHIVE_POLICY_CASES],
)
def test_an_archived_copy_can_be_required_of_cited_sources(tmp_path, files, expected):
    project = copy_fixture_site(tmp_path / "site", FACTCHECK_REQUIRE_ARCHIVE=True)
    for relative, text in files.items():
        project.write(relative, text, dedent=False)
    assert project.report() == expected


def test_a_key_with_a_line_break_is_reported_on_one_line(project):
    """Found by tests/test_fuzz.py: a quoted key may hold a line break."""
    project.write(CLAIM, VALID_CLAIM + '"rat\\ning": a\n"rat\\ning": b\n', dedent=False)
    assert project.report() == [
        f"{CLAIM}:10:1: rat\\ning: unknown field 'rat\\ning' (did you mean 'rating'?)",
        f"{CLAIM}:11:1: rat\\ning: duplicate key 'rat\\ning' (first defined at line 10)",
    ]
