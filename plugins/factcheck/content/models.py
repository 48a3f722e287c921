"""The content types, declared once. Validation and the editor's guide derive from here.

The contract with editors is ``docs/editing.md``; a test fails when a field
declared here is missing from it.
"""

from __future__ import annotations

import re
from typing import Unpack

from yaml.nodes import MappingNode, Node, ScalarNode

from .schema import (
    INVALID,
    Bool,
    Choice,
    Date,
    DefaultT,
    Field,
    FieldOptions,
    ListOf,
    Location,
    Markdown,
    Model,
    Nested,
    RatingRef,
    Reader,
    Ref,
    RequiredT,
    ScalarField,
    Slug,
    Text,
    Url,
    join_path,
)

UPDATE_KINDS = ("update", "correction", "clarification", "retraction")
SOURCE_TYPES = ("news", "press-release", "court", "government", "transcript", "video", "other")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# Google's advice for ClaimReview's claimReviewed: longer claims are cut short.
SHORT_CLAIM_LIMIT = 75
IMAGE_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(?:jpe?g|png|webp|gif|avif|svg)")


def sources_field(doc: str) -> ListOf[str]:
    return ListOf(
        Ref("source"),
        min_items=1,
        required=True,
        empty_message="at least one source is required",
        doc=doc,
    )


class LanguageCode(ScalarField[str, RequiredT, DefaultT]):
    type_name = "a language code"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        if LANGUAGE_RE.fullmatch(value):
            return value
        return r.error(node, where, f"{value!r} is not a language code such as en or es")


class ShortText(Text[RequiredT, DefaultT]):
    """Plain text of at most ``max_length`` characters."""

    def __init__(
        self, *, max_length: int, **options: Unpack[FieldOptions[RequiredT, DefaultT]]
    ) -> None:
        super().__init__(**options)
        self.max_length = max_length

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        value = super().convert(value, node, where, r)
        if value is not INVALID and len(value) > self.max_length:
            return r.error(
                node,
                where,
                f"is {len(value)} characters long: keep it to {self.max_length} or fewer",
            )
        return value


class ImageFile(ScalarField[str, RequiredT, DefaultT]):
    """A file name in content/images/: no folders, so it cannot leave that folder."""

    type_name = "a file name"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        if IMAGE_NAME_RE.fullmatch(value) and ".." not in value:
            r.refer("image", value, node, where)
            return value
        return r.error(
            node,
            where,
            f"{value!r} is not an image file name: give the name of a .jpg, .png, .webp, "
            ".gif, .avif or .svg file in content/images/, without folders",
        )


FIRST_PUBLISHED_DOC = (
    "Where the page first appeared, for content moved from an older site: "
    "lets its publication date precede this repository."
)


def check_updates_follow(
    published_field: str,
    item: Person | Claim | Explainer | Page,
    nodes: dict[str, Node],
    where: str,
    r: Reader,
) -> None:
    """An update entry dated before the page was published is a history that never happened.

    Reported without rejecting the item, so that the pages that link to it
    do not gain errors of their own.
    """
    published = getattr(item, published_field)
    updates_node = nodes.get("updates")
    if published is None or updates_node is None:
        return
    for index, (update, entry) in enumerate(zip(item.updates, updates_node.value, strict=False)):
        if update.date < published:
            date_node = next((value for key, value in entry.value if key.value == "date"), entry)
            r.error(
                date_node,
                join_path(where, f"updates[{index}].date"),
                f"this update is dated {update.date}, before the page was published "
                f"({published_field}: {published}): an update can only follow publication",
            )


class Update(Model):
    date = Date(required=True, doc="When the page changed.")
    kind = Choice(
        *UPDATE_KINDS, required=True, doc="update, correction, clarification or retraction."
    )
    text = Markdown(inline=True, required=True, doc="What changed, in a sentence.")


class Privacy(Model):
    noindex = Bool(
        default=False,
        doc="true keeps the page out of search engines, the sitemap and site search.",
    )


class Image(Model):
    file = ImageFile(required=True, doc="A file name in content/images/.")
    alt = Text(required=True, doc="What the picture shows, for screen readers.")
    credit = Text(required=True, doc="Who took or owns the picture.")


class Fact(Model):
    label = Text(required=True, doc="What the fact is about, e.g. Nationality.")
    value = Markdown(inline=True, required=True, doc="The fact itself.")
    sources = sources_field("Source ids that support the fact.")


class TimelineEntry(Model):
    date = Date(partial=True, required=True, doc="YYYY-MM-DD, YYYY-MM or YYYY.")
    text = Markdown(inline=True, required=True, doc="What happened.")
    sources = sources_field("Source ids that report it.")


class Person(Model):
    """A person or an organization: content/people/<slug>.yaml."""

    name = Text(required=True, doc="Full name.")
    kind = Choice("person", "organization", default="person", doc="person or organization.")
    aliases = ListOf(Text(), doc="Other names the person is known by.")
    summary = Markdown(inline=True, required=True, doc="One or two sentences.")
    published = Date(required=True, doc="First publication of this sheet.")
    first_published_at = Url(doc=FIRST_PUBLISHED_DOC)
    image = Nested(Image, doc="A picture with alt text and credit.")
    facts = ListOf(Nested(Fact), doc="Key facts, each sourced.")
    timeline = ListOf(Nested(TimelineEntry), doc="Dated events, each sourced.")
    updates = ListOf(Nested(Update), doc="The page's update log.")
    privacy = Nested(Privacy, doc="Optional: noindex for sensitive subjects.")

    slug: str

    def check(self, node: MappingNode, nodes: dict[str, Node], where: str, r: Reader) -> bool:
        check_updates_follow("published", self, nodes, where, r)
        return True


class Evidence(Model):
    source = Ref("source", required=True, doc="The source id.")
    quote = Text(doc="The passage that supports the verdict, quoted.")
    note = Text(doc="Context for the quote, e.g. who said it where.")


class EvidenceEntry(Field[Evidence, RequiredT, DefaultT]):
    """A claim's evidence: a source id, or a mapping with a quote and a note."""

    type_name = "a source id or a mapping"

    def parse(self, node: Node, where: str, r: Reader) -> Evidence:
        if isinstance(node, ScalarNode):
            source = Evidence.fields["source"].parse(node, where, r)
            if source is INVALID:
                return INVALID
            evidence = Evidence.__new__(Evidence)
            evidence.__dict__.update(source=source, quote=None, note=None)
            evidence.location = _location(r, node)
            return evidence
        return Evidence.parse(node, where, r)

    model = Evidence


class Claim(Model):
    """A fact-check: content/claims/<slug>.yaml."""

    claim = Text(required=True, doc="The claim as made.")
    claim_short = ShortText(
        max_length=SHORT_CLAIM_LIMIT,
        doc=f"The claim in {SHORT_CLAIM_LIMIT} characters or fewer, faithful to it: "
        "used in page titles, feeds and search engines' fact-check listings. "
        "Give one when the claim is longer.",
    )
    claimant = Ref("person", doc="Who made it: a slug in content/people/.")
    claimant_name = Text(doc="Or a plain name for someone without a page.")
    claimant_kind = Choice(
        "person",
        "organization",
        doc="With claimant_name: person (the default) or organization, for search engines.",
    )
    date = Date(partial=True, required=True, doc="When the claim was made.")
    appearances = ListOf(
        Ref("source"),
        min_items=1,
        required=True,
        empty_message="at least one appearance is required: where the claim was made",
        doc="Source ids where the claim was made or reported; the first is its first appearance.",
    )
    about = ListOf(Ref("person"), doc="People the claim is about.")
    rating = RatingRef(required=True, doc="A key of the rating scale.")
    verdict = Markdown(inline=True, required=True, doc="The conclusion in one or two sentences.")
    analysis = Markdown(citations=True, required=True, doc="The explanation, citing [@source-id].")
    sources = ListOf(
        EvidenceEntry(),
        min_items=1,
        required=True,
        empty_message="at least one source is required",
        doc="The evidence: source ids, or mappings with source, quote and note.",
    )
    published = Date(required=True, doc="First publication of the fact-check.")
    first_published_at = Url(doc=FIRST_PUBLISHED_DOC)
    updates = ListOf(Nested(Update), doc="The page's update log.")
    privacy = Nested(Privacy, doc="Optional: noindex for sensitive subjects.")

    slug: str

    def check(self, node: MappingNode, nodes: dict[str, Node], where: str, r: Reader) -> bool:
        check_updates_follow("published", self, nodes, where, r)
        if self.claim_short is None and len(self.claim) > SHORT_CLAIM_LIMIT:
            r.warn(
                nodes["claim"],
                join_path(where, "claim_short"),
                f"the claim is {len(self.claim)} characters long and has no claim_short: "
                f"add one of {SHORT_CLAIM_LIMIT} characters or fewer for titles and search engines",
                "no-short-claim",
            )
        if (self.claimant is None) == (self.claimant_name is None):
            both = self.claimant is not None
            r.error(
                nodes.get("claimant_name", node) if both else node,
                "claimant",
                "give either claimant (the file name of a person's page, without .yaml) or claimant_name, not both"
                if both
                else "required field is missing: give claimant (the file name of a person's page, without .yaml) "
                "or claimant_name (a plain name)",
            )
            return False
        if self.claimant_kind is not None and self.claimant is not None:
            r.error(
                nodes["claimant_kind"],
                "claimant_kind",
                "claimant_kind goes with claimant_name: a claimant's own page says "
                "whether it is a person or an organization",
            )
            return False
        return True


class Source(Model):
    """One entry of the bibliography, in any file of content/sources/."""

    title = Text(required=True, doc="The title as published.")
    publisher = Text(required=True, doc="Who published it.")
    url = Url(doc="Its address (http or https). Required unless offline.")
    date = Date(required=True, doc="Publication date.")
    accessed = Date(doc="When an editor last checked it.")
    archive_url = Url(doc="An archived copy, e.g. on the Wayback Machine.")
    archived = Date(doc="The day the archived copy was captured (written by invoke archive).")
    dead = Date(
        doc="The day an editor found the url gone for good (invoke check-links reports dead "
        "links): without an archived copy, pages citing the source say it is no longer online."
    )
    type = Choice(*SOURCE_TYPES, default="other", doc=", ".join(SOURCE_TYPES) + ".")
    language = LanguageCode(default="en", doc="Language code, default en.")
    offline = Bool(default=False, doc="true for a source with no address.")
    citation = Text(doc="How to find an offline source (required when offline).")

    id: str
    key_location: Location  # where the id is written, set by loading

    def check(self, node: MappingNode, nodes: dict[str, Node], where: str, r: Reader) -> bool:
        if self.offline:
            if self.citation is None:
                r.error(node, f"{where}.citation", "an offline source needs a citation")
                return False
        elif self.url is None:
            r.error(
                node,
                f"{where}.url",
                "required field is missing (for a source with no address, "
                "set offline: true and give a citation)",
            )
            return False
        if self.archive_url is None and not self.offline:
            r.warn(node, f"{where}.archive_url", "no archived copy: add archive_url", "no-archive")
        return True


class Explainer(Model):
    """The metadata header of content/explainers/<slug>.md."""

    title = Text(required=True, doc="The headline.")
    date = Date(required=True, doc="First publication.")
    first_published_at = Url(doc=FIRST_PUBLISHED_DOC)
    summary = Markdown(inline=True, required=True, doc="One sentence, shown in lists.")
    modified = Date(doc="Last substantial change.")
    people = ListOf(Ref("person"), doc="Slugs of people the explainer mentions, comma-separated.")
    sources = ListOf(Ref("source"), doc="Further source ids, beyond the ones cited inline.")
    updates = ListOf(Nested(Update), doc="One per line: YYYY-MM-DD kind: text.")
    slug = Slug(doc="Defaults to the file name; translations share their original's slug.")
    lang = LanguageCode(doc="Language of a translation, e.g. es.")
    status = Choice("published", "draft", "hidden", default="published", doc="Pelican status.")

    body: str
    source_path: str  # relative to the content folder, set by loading

    def check(self, node: MappingNode, nodes: dict[str, Node], where: str, r: Reader) -> bool:
        check_updates_follow("date", self, nodes, where, r)
        return True


class Page(Model):
    """The metadata header of content/pages/<slug>.md."""

    title = Text(required=True, doc="The page title.")
    date = Date(doc="When the page (or this translation) was written; optional.")
    first_published_at = Url(doc=FIRST_PUBLISHED_DOC)
    summary = Markdown(inline=True, doc="One sentence for search results.")
    slug = Slug(doc="Defaults to the file name; the page is served at /<slug>/.")
    lang = LanguageCode(doc="Language of a translation, e.g. es.")
    modified = Date(doc="Last substantial change.")
    updates = ListOf(Nested(Update), doc="One per line: YYYY-MM-DD kind: text.")
    status = Choice("published", "draft", "hidden", default="published", doc="Pelican status.")

    body: str
    source_path: str  # relative to the content folder, set by loading

    def check(self, node: MappingNode, nodes: dict[str, Node], where: str, r: Reader) -> bool:
        check_updates_follow("date", self, nodes, where, r)
        return True


def _location(r: Reader, node: Node) -> Location:
    return Location(r.path, node.start_mark.line + 1, node.start_mark.column + 1)


CONTENT_TYPES: dict[str, type[Model]] = {
    "person": Person,
    "claim": Claim,
    "source": Source,
    "explainer": Explainer,
    "page": Page,
}
