"""New content files with every required field, for ``invoke new-person`` and friends.

A scaffold is a correctly named file whose comments explain each field (the
wording comes from the field declarations in :mod:`factcheck.content.models`, so it
cannot drift from them) and whose placeholders are chosen so that the check
*fails* until an editor fills them in: empty text marked ``# TODO``, dates
left as ``YYYY-MM-DD``, and references to ``todo-source-id``,
``todo-person-slug`` and ``todo-rating``, which name nothing. A forgotten
placeholder therefore never reaches the published site.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..content.models import (
    SOURCE_TYPES,
    Claim,
    Evidence,
    Explainer,
    Fact,
    Image,
    Person,
    Privacy,
    Source,
    TimelineEntry,
    Update,
)
from ..content.schema import SLUG_RE, Model, slug_problem

__all__ = ["KINDS", "ScaffoldError", "scaffold"]

# Placeholders that name nothing, so that the check reports them until replaced.
TODO_SOURCE = "todo-source-id"
TODO_PERSON = "todo-person-slug"
TODO_RATING = "todo-rating"
TODO_DATE = "YYYY-MM-DD"

# People, claims and explainers share one namespace of slugs (see validate.py).
SLUG_FOLDERS = {"people": ".yaml", "claims": ".yaml", "explainers": ".md"}


class ScaffoldError(ValueError):
    """The file cannot be created: a bad kind or slug, or it would overwrite something."""


def _doc(model: type[Model], name: str, note: str | None = None) -> str:
    """A field's documentation as written in models.py, then `note`.

    The note says by default whether the field is required; "" leaves it out.
    """
    spec = model.fields[name]
    if note is None:
        note = "Required." if spec.required else "Optional."
    return " ".join(part for part in (spec.doc, note) if part)


def _comment(model: type[Model], name: str, indent: str = "", note: str | None = None) -> str:
    return f"{indent}# {_doc(model, name, note)}"


def _person(slug: str) -> str:
    p = Person
    return "\n".join(
        [
            f"# Fact sheet of a person or an organization; its slug is the file name, {slug}.",
            "# Replace every TODO, then run `uv run invoke check`: it fails until each",
            "# placeholder is filled in. Every field is described in docs/editing.md.",
            "",
            _comment(p, "name"),
            "name:  # TODO: the full name",
            _comment(p, "kind", note="Optional; the default is person."),
            "kind: person",
            _comment(p, "aliases"),
            "aliases: []",
            _comment(p, "summary", note="Required. Inline Markdown."),
            "summary: >-  # TODO: one or two sentences, on indented lines below this one",
            _comment(p, "published"),
            f"published: {TODO_DATE}",
            "",
            '# Optional sections: remove the leading "# " from the lines you use.',
            "#",
            _comment(p, "image"),
            "# image:",
            f"#   file:    # TODO: {_doc(Image, 'file')}",
            f"#   alt:     # TODO: {_doc(Image, 'alt')}",
            f"#   credit:  # TODO: {_doc(Image, 'credit')}",
            "#",
            _comment(p, "facts"),
            "# facts:",
            f"#   - label:  # TODO: {_doc(Fact, 'label')}",
            f"#     value:  # TODO: {_doc(Fact, 'value')}",
            f"#     sources: [{TODO_SOURCE}]  # {_doc(Fact, 'sources')}",
            "#",
            _comment(p, "timeline", note="Optional; oldest first on the page."),
            "# timeline:",
            f"#   - date: {TODO_DATE}  # {_doc(TimelineEntry, 'date')}",
            f"#     text:  # TODO: {_doc(TimelineEntry, 'text')}",
            f"#     sources: [{TODO_SOURCE}]  # {_doc(TimelineEntry, 'sources')}",
            "#",
            *_updates_example(p),
            "#",
            _comment(p, "first_published_at", note=""),
            "# first_published_at: https://",
            "#",
            _comment(p, "privacy", note=""),
            "# privacy:",
            f"#   noindex: true  # {_doc(Privacy, 'noindex')}",
            "",
        ]
    )


def _updates_example(model: type[Model]) -> list[str]:
    return [
        _comment(model, "updates", note="Optional; add an entry whenever the page changes."),
        "# updates:",
        f"#   - date: {TODO_DATE}  # {_doc(Update, 'date')}",
        f"#     kind: update  # {_doc(Update, 'kind')}",
        f"#     text:  # TODO: {_doc(Update, 'text')}",
    ]


def _claim(slug: str) -> str:
    c = Claim
    return "\n".join(
        [
            f"# Fact-check of one claim; its slug is the file name, {slug}.",
            "# Replace every TODO, then run `uv run invoke check`: it fails until each",
            "# placeholder is filled in. Every field is described in docs/editing.md.",
            "",
            _comment(c, "claim"),
            "claim:  # TODO: the claim, as it was made",
            _comment(c, "claim_short", note="Optional."),
            "# claim_short:  # TODO",
            _comment(c, "claimant", note="Required, or claimant_name instead."),
            f"claimant: {TODO_PERSON}",
            _comment(c, "claimant_name", note="Give either claimant or claimant_name."),
            "# claimant_name:  # TODO",
            _comment(c, "claimant_kind", note="Optional."),
            "# claimant_kind: organization",
            _comment(c, "date", note="Required. YYYY-MM-DD, or YYYY-MM or YYYY."),
            f"date: {TODO_DATE}",
            _comment(c, "appearances", note="Required."),
            f"appearances: [{TODO_SOURCE}]",
            _comment(c, "about"),
            "about: []",
            _comment(c, "rating", note="Required; the check lists the keys if this one is wrong."),
            f"rating: {TODO_RATING}",
            _comment(c, "verdict", note="Required. Inline Markdown."),
            "verdict: >-  # TODO: the conclusion, on indented lines below this one",
            _comment(c, "analysis", note="Required. Markdown."),
            "analysis: |  # TODO: the full explanation, on indented lines below this one",
            _comment(c, "sources", note="Required: at least one."),
            "sources:",
            f"  - {TODO_SOURCE}",
            "  # A source with the passage that supports the verdict:",
            f"  # - source: {TODO_SOURCE}  # {_doc(Evidence, 'source')}",
            f"  #   quote:  # {_doc(Evidence, 'quote')}",
            f"  #   note:  # {_doc(Evidence, 'note')}",
            _comment(c, "published"),
            f"published: {TODO_DATE}",
            "",
            '# Optional sections: remove the leading "# " from the lines you use.',
            "#",
            *_updates_example(c),
            "#",
            _comment(c, "first_published_at", note=""),
            "# first_published_at: https://",
            "#",
            _comment(c, "privacy", note=""),
            "# privacy:",
            f"#   noindex: true  # {_doc(Privacy, 'noindex')}",
            "",
        ]
    )


def _source(slug: str) -> str:
    s = Source
    return "\n".join(
        [
            "# Sources of the bibliography: this file maps source ids to sources. Add",
            "# more sources to it if you like; ids are unique across content/sources/.",
            "# Replace every TODO, then run `uv run invoke check`: it fails until each",
            "# placeholder is filled in. Every field is described in docs/editing.md.",
            "",
            f"{slug}:",
            _comment(s, "title", "  "),
            "  title:  # TODO: the title as published",
            _comment(s, "publisher", "  "),
            "  publisher:  # TODO",
            _comment(s, "url", "  ", note=""),
            "  url:  # TODO: https://...",
            _comment(s, "date", "  "),
            f"  date: {TODO_DATE}",
            _comment(s, "accessed", "  ", note="Optional; delete the line if unknown."),
            f"  accessed: {TODO_DATE}",
            _comment(s, "archive_url", "  ", note="Optional, but the check warns without it."),
            "  # archive_url:  # TODO: https://web.archive.org/web/...",
            _comment(s, "archived", "  ", note="Optional."),
            "  # archived:  # TODO: YYYY-MM-DD",
            _comment(s, "dead", "  ", note="Optional."),
            "  # dead:  # TODO: YYYY-MM-DD",
            _comment(s, "type", "  ", note="Optional; the default is other."),
            f"  type:  # TODO: one of {', '.join(SOURCE_TYPES)}",
            _comment(s, "language", "  "),
            "  language: en",
            "  # For a source with no address, instead of url:",
            _comment(s, "offline", "  "),
            "  # offline: true",
            _comment(s, "citation", "  ", note=""),
            "  # citation:  # TODO",
            "",
        ]
    )


def _explainer(slug: str) -> str:
    e = Explainer
    optional = [
        f"{name.capitalize()}: {_doc(e, name)}"
        for name in (
            "modified",
            "people",
            "sources",
            "updates",
            "first_published_at",
            "slug",
            "lang",
            "status",
        )
    ]
    # The Markdown header has no comment syntax, so the explanations go in an
    # HTML comment in the body, which the editor replaces with the text.
    return "\n".join(
        [
            "Title:",
            f"Date: {TODO_DATE}",
            "Summary:",
            "",
            "<!--",
            f"TODO: this is a new explainer; its slug is the file name, {slug}. Fill in",
            "the header above (the lines before the first blank line), replace this",
            "note and the paragraph below with the text, then run",
            "`uv run invoke check`: it fails until every placeholder is filled in.",
            "Every field is described in docs/editing.md.",
            "",
            f"Title: {_doc(e, 'title')}",
            f"Date: {_doc(e, 'date')} As YYYY-MM-DD.",
            f"Summary: {_doc(e, 'summary')}",
            "",
            "Optional header lines, added above the first blank line:",
            *optional,
            "Continue an Updates entry on the next line by indenting it four spaces.",
            "-->",
            "",
            f"TODO: write the explainer here, citing each source inline as [@{TODO_SOURCE}].",
            "",
        ]
    )


KINDS = {
    "person": ("people", ".yaml", _person),
    "claim": ("claims", ".yaml", _claim),
    "source": ("sources", ".yaml", _source),
    "explainer": ("explainers", ".md", _explainer),
}


def scaffold(kind: str, slug: str, content_dir: str | Path) -> Path:
    """Create the file for a new `kind` named `slug` in `content_dir`; return its path.

    Raises ScaffoldError, without writing anything, for an unknown kind, an
    invalid slug, or a slug or source id that is already taken.
    """
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    if not SLUG_RE.fullmatch(slug):
        raise ScaffoldError(slug_problem(slug))
    content = Path(content_dir)
    folder, extension, template = KINDS[kind]
    path = content / folder / f"{slug}{extension}"
    shown = _shown(path, content)
    if path.exists():
        raise ScaffoldError(f"{shown} already exists: edit it, or choose another slug")
    if kind == "source":
        _refuse_taken_source_id(slug, content)
    else:
        _refuse_taken_slug(slug, content)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x" creates the file only if it does not exist, even if another
        # process creates it between the check above and this line.
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(template(slug))
    except FileExistsError:
        raise ScaffoldError(f"{shown} already exists: edit it, or choose another slug") from None
    return path


def _shown(path: Path, content: Path) -> str:
    """The path as editors see it, e.g. content/claims/x.yaml."""
    return (Path(content.name) / path.relative_to(content)).as_posix()


def _refuse_taken_slug(slug: str, content: Path) -> None:
    for folder, extension in SLUG_FOLDERS.items():
        for other in sorted((content / folder).glob(f"{slug}{extension}")):
            raise ScaffoldError(
                f"the slug {slug!r} is already used by {_shown(other, content)}: slugs are "
                "unique across people, claims and explainers"
            )


def _refuse_taken_source_id(slug: str, content: Path) -> None:
    defined = re.compile(rf"^(?:{re.escape(slug)}|['\"]{re.escape(slug)}['\"])\s*:", re.M)
    for other in sorted((content / "sources").glob("*.yaml")):
        if defined.search(other.read_text(encoding="utf-8", errors="replace")):
            raise ScaffoldError(
                f"the source id {slug!r} is already defined in {_shown(other, content)}: "
                "source ids are unique across content/sources/"
            )
