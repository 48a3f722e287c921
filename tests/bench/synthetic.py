"""A deterministic synthetic newsroom site, and the plain-Pelican site to compare it with.

Both sites are written from one in-memory corpus drawn from a seeded
``random.Random``, so the plain site has exactly as many Markdown articles as
the fact-check site has people, claims and explainers, with the same words.
Nothing depends on the clock, the file system order or hash order: two
generations with the same scale and seed are byte-identical.

    uv run python tests/bench/synthetic.py .bench/site --quick
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# A claim longer than this needs a short form (factcheck.content.models.SHORT_CLAIM_LIMIT).
SHORT_CLAIM_LIMIT = 75

# The same shape as tests/conftest.py's SETTINGS: the repository's settings,
# with the theme and plugin found by absolute path from anywhere on disk.
FACTCHECK_SETTINGS = f"""\
import runpy

globals().update(
    {{k: v for k, v in runpy.run_path({str(REPO / "pelicanconf.py")!r}).items() if k.isupper()}}
)
PATH = "content"
THEME = {str(REPO / "theme")!r}
PLUGIN_PATHS = [{str(REPO / "plugins")!r}]
SITENAME = "Synthetic fact-checks"
SITE_DESCRIPTION = "A generated site for benchmarks."
GITHUB_REPO = ""
"""

# Pelican's defaults, except the theme (the bundled "simple" one) and feeds,
# which the fact-check site's local settings also leave off.
PLAIN_SETTINGS = """\
SITENAME = "Synthetic plain Pelican site"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = {theme!r}
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


@dataclass(frozen=True)
class Scale:
    """How much content to generate. The defaults are a desk after a few years."""

    people: int = 1000
    claims: int = 10_000
    sources: int = 5000
    explainers: int = 300
    seed: int = 20250530

    @property
    def source_files(self) -> int:
        # Editors group sources by month or publisher: about a hundred per file.
        return max(1, round(self.sources / 100))

    def as_dict(self) -> dict[str, int]:
        """The scale's fields and the derived number of source files, for reports."""
        return {**asdict(self), "source_files": self.source_files}


DEFAULT_SCALE = Scale()
# Small enough that the whole benchmark (six builds, three checks, the edit loop
# with its search index) takes under a minute on an idle 2-core machine: 30
# people and 300 claims took 75 s once every page was built in two languages.
# Start-up (about 0.8 s per process) weighs more here than at the default
# scale, so ratios are nearer 1 than they are there.
QUICK_SCALE = Scale(people=20, claims=200, sources=100, explainers=8)


def _word_list(text: str) -> list[str]:
    return text.split()


# Words for body text: common enough that paragraphs read like newsroom prose
# to Markdown's parsers (no markup characters), varied enough to not compress trivially.
VOCABULARY = _word_list("""
the a of to and in that for on with as by at from was said were has had have not
court judge hearing asylum case official officials government department agency
report reported records record document documents statement statements claim claims
evidence witness lawyer lawyers family letter council budget city county state
federal national public policy law laws order orders filed filing appeal ruling
decision vote voted members member committee press release interview video
transcript spokesperson office mayor senator representative minister director
year years month months week weeks day days time later earlier before after during
million thousand percent figures data numbers total increase decrease rose fell
according however although because while since until whether which who whom whose
first second third last next new old former current local regional international
police prison detention border security immigration removal deportation flight
tattoo tattoos gang membership designation proclamation act section article
spending revenue tax taxes school schools hospital health housing transport
election campaign candidate party support opposed approved rejected announced
confirmed denied disputed questioned explained described showed found shows
nothing something everything several many most some few no any each every other
""")

FIRST_NAMES = _word_list("""
Maria Jose Ana Luis Carmen Juan Sofia Pedro Elena Carlos Lucia Miguel Laura Diego
Sarah James Emily Michael Grace David Hannah Daniel Olivia Samuel Amara Kwame Priya
Arjun Mei Wei Yusuf Fatima Omar Leila Ivan Olga Tomas Ingrid Kofi Nia
""")
LAST_NAMES = _word_list("""
Garcia Rodriguez Lopez Martinez Hernandez Gonzalez Perez Sanchez Ramirez Torres
Smith Johnson Brown Taylor Wilson Walker Young Allen King Wright Okafor Mensah Patel
Sharma Chen Wang Khan Haddad Petrov Novak Larsen Berg Moreau Rossi Costa Silva
""")
ORGANIZATION_KINDS = [
    "City Council",
    "Department of Public Works",
    "Chamber of Commerce",
    "Teachers Union",
    "Civil Liberties Union",
    "Border Agency",
    "Health Authority",
    "Election Commission",
]
PLACES = _word_list("""
Exampleton Northbridge Riverside Lakeview Hillcrest Eastport Westfield Southgate
Oakridge Maplewood Brookside Fairview
""")
PUBLISHERS = [
    ("Exampleton Herald", "herald", "news"),
    ("Riverside Post", "post", "news"),
    ("Northbridge Times", "times", "news"),
    ("Regional Public Radio", "radio", "news"),
    ("City of Exampleton", "city", "government"),
    ("State Department of Justice", "doj", "government"),
    ("District Court", "court", "court"),
    ("Governor's Office", "governor", "press-release"),
    ("Council Hearing Transcripts", "hearings", "transcript"),
    ("Newsroom Video", "video", "video"),
]
FACT_LABELS = ["Nationality", "Office", "Born", "Party", "Employer", "Founded", "Based in"]
SECTION_HEADINGS = [
    "Background",
    "What the record shows",
    "What officials said",
    "What remains disputed",
    "The legal question",
    "How the numbers compare",
    "What happens next",
]
RATINGS = ["true", "mostly-true", "mixed", "mostly-false", "false", "unproven"]
UPDATE_KINDS = ["update", "correction", "clarification"]
FIRST_DAY = date(2019, 1, 1)
DAYS = 6 * 365
# Pages go out after every source they cite, and updates follow within a
# year: the check refuses a page that cites a source newer than its history.
PUBLISHING_STARTS = FIRST_DAY + timedelta(days=DAYS)
PUBLISHING_DAYS = 200


# -- the corpus: text as tokens, so each site renders links and citations its own way


@dataclass(frozen=True)
class Cite:
    """One inline citation of one or more sources."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A link to another page of the site, by its content folder and slug."""

    folder: str
    slug: str
    text: str


Token = str | Cite | Link
Sentence = list[Token]
Paragraph = list[Sentence]


@dataclass
class SourceItem:
    id: str
    title: str
    publisher: str
    url: str
    date: date
    type: str
    language: str | None


@dataclass
class UpdateItem:
    date: date
    kind: str
    text: str


@dataclass
class PersonItem:
    slug: str
    name: str
    kind: str
    aliases: list[str]
    summary: str
    published: date
    facts: list[tuple[str, str, list[str]]]
    timeline: list[tuple[str, str, list[str]]]
    updates: list[UpdateItem]


@dataclass
class EvidenceItem:
    source: str
    quote: str | None
    note: str | None


@dataclass
class ClaimItem:
    slug: str
    claim: str
    claimant: str | None
    claimant_name: str | None
    date: str
    appearances: list[str]
    about: list[str]
    rating: str
    verdict: Sentence
    analysis: list[Paragraph]
    evidence: list[EvidenceItem]
    published: date
    updates: list[UpdateItem]


@dataclass
class ExplainerItem:
    slug: str
    title: str
    date: date
    summary: str
    people: list[str]
    extra_sources: list[str]
    updates: list[UpdateItem]
    sections: list[tuple[str, list[Paragraph]]]


@dataclass
class PageItem:
    slug: str
    title: str
    summary: str
    paragraphs: list[Paragraph]


@dataclass
class Corpus:
    scale: Scale
    sources: list[SourceItem] = field(default_factory=list)
    people: list[PersonItem] = field(default_factory=list)
    claims: list[ClaimItem] = field(default_factory=list)
    explainers: list[ExplainerItem] = field(default_factory=list)
    pages: list[PageItem] = field(default_factory=list)
    sources_by_id: dict[str, SourceItem] = field(default_factory=dict)

    def source(self, source_id: str) -> SourceItem:
        return self.sources_by_id[source_id]


class _Writer:
    """Draws the corpus from one seeded generator, in a fixed order."""

    def __init__(self, scale: Scale) -> None:
        self.scale = scale
        self.rng = random.Random(scale.seed)

    def day(self, after: date = FIRST_DAY, within: int = DAYS) -> date:
        return after + timedelta(days=self.rng.randrange(within))

    def publication_day(self) -> date:
        return self.day(PUBLISHING_STARTS, PUBLISHING_DAYS)

    def some(self, items: list, low: int, high: int) -> list:
        """Between low and high distinct items, fewer if a tiny site has fewer."""
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def words(self, count: int) -> list[str]:
        return self.rng.choices(VOCABULARY, k=count)

    def sentence_text(self, low: int, high: int) -> str:
        words = self.words(self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def sentence(self, low: int = 8, high: int = 22) -> Sentence:
        tokens: Sentence = list(self.words(self.rng.randint(low, high)))
        tokens[0] = tokens[0].capitalize()
        roll = self.rng.random()
        if roll < 0.12:  # some emphasis, as editors use it
            at = self.rng.randrange(1, len(tokens))
            tokens[at] = f"*{tokens[at]}*"
        elif roll < 0.16:
            at = self.rng.randrange(1, len(tokens))
            tokens[at] = f"**{tokens[at]}**"
        return tokens

    def prose(self, word_target: int, sentences_per_paragraph=(3, 6)) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        words = 0
        while words < word_target:
            paragraph: Paragraph = []
            for _ in range(self.rng.randint(*sentences_per_paragraph)):
                sentence = self.sentence()
                paragraph.append(sentence)
                words += len(sentence)
                if words >= word_target:
                    break
            paragraphs.append(paragraph)
        return paragraphs

    def sprinkle(self, paragraphs: list[Paragraph], tokens: list[Token]) -> None:
        """Put each token at the end of a random sentence, as citations and links sit."""
        sentences = [s for p in paragraphs for s in p]
        for token in tokens:
            self.rng.choice(sentences).append(token)

    def updates(self, after: date, chance: float) -> list[UpdateItem]:
        if self.rng.random() >= chance:
            return []
        return [
            UpdateItem(
                self.day(after, 300), self.rng.choice(UPDATE_KINDS), self.sentence_text(6, 14)
            )
            for _ in range(self.rng.randint(1, 2))
        ]

    def sources(self) -> list[SourceItem]:
        items = []
        for number in range(1, self.scale.sources + 1):
            publisher, prefix, kind = self.rng.choice(PUBLISHERS)
            published = self.day()
            source_id = f"{prefix}-{published.isoformat()}-{number:05d}"
            path = "-".join(self.words(4))
            items.append(
                SourceItem(
                    id=source_id,
                    title=self.sentence_text(5, 12).rstrip("."),
                    publisher=publisher,
                    url=f"https://example.com/{prefix}/{published:%Y/%m/%d}/{path}-{number}",
                    date=published,
                    type=kind,
                    language=self.rng.choice([None, None, None, "en", "es"]),
                )
            )
        return items

    def people(self, source_ids: list[str]) -> list[PersonItem]:
        items = []
        for number in range(1, self.scale.people + 1):
            if self.rng.random() < 0.15:
                kind = "organization"
                name = f"{self.rng.choice(PLACES)} {self.rng.choice(ORGANIZATION_KINDS)}"
            else:
                kind = "person"
                name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            slug = f"{name.lower().replace(' ', '-')}-{number}"
            published = self.publication_day()
            aliases = []
            if kind == "person" and self.rng.random() < 0.2:
                aliases = [f"{name.split()[0][0]}. {name.split()[-1]}"]
            facts = [
                (label, self.sentence_text(2, 6).rstrip("."), self.some(source_ids, 1, 1))
                for label in self.some(FACT_LABELS, 1, 3)
            ]
            timeline = []
            for _ in range(self.rng.randint(1, 4)):
                when = self.day()
                precision = self.rng.random()
                when_text = (
                    when.isoformat()
                    if precision < 0.7
                    else when.strftime("%Y-%m")
                    if precision < 0.9
                    else str(when.year)
                )
                timeline.append(
                    (
                        when_text,
                        self.sentence_text(6, 16),
                        self.some(source_ids, 1, 2),
                    )
                )
            timeline.sort(key=lambda entry: entry[0])
            items.append(
                PersonItem(
                    slug=slug,
                    name=name,
                    kind=kind,
                    aliases=aliases,
                    summary=self.sentence_text(14, 30),
                    published=published,
                    facts=facts,
                    timeline=timeline,
                    updates=self.updates(published, 0.15),
                )
            )
        return items

    def claims(self, source_ids: list[str], people: list[PersonItem]) -> list[ClaimItem]:
        items = []
        for number in range(1, self.scale.claims + 1):
            claim_words = self.words(self.rng.randint(7, 16))
            slug = "-".join(claim_words[:4]) + f"-{number}"
            claimant = self.rng.choice(people) if self.rng.random() < 0.9 else None
            about = self.some(people, 0, 2)
            evidence_ids = self.some(source_ids, 2, 4)
            cited = evidence_ids + [s for s in self.some(source_ids, 5, 5) if s not in evidence_ids]
            cited = cited[: self.rng.randint(3, 5)]
            analysis = self.prose(self.rng.randint(300, 600))
            citations: list[Token] = [Cite((source_id,)) for source_id in cited]
            if self.rng.random() < 0.3:  # a grouped citation, [@a; @b]
                citations.append(Cite(tuple(cited[:2])))
            linked = ([claimant] if claimant else []) + about
            links: list[Token] = [Link("people", p.slug, p.name) for p in linked[:2]]
            self.sprinkle(analysis, citations + links)
            made = self.day()
            published = self.publication_day()
            evidence = []
            for source_id in evidence_ids:
                if self.rng.random() < 0.3:
                    evidence.append(
                        EvidenceItem(
                            source_id,
                            " ".join(self.words(self.rng.randint(5, 12))),
                            self.sentence_text(3, 8).rstrip("."),
                        )
                    )
                else:
                    evidence.append(EvidenceItem(source_id, None, None))
            items.append(
                ClaimItem(
                    slug=slug,
                    claim=" ".join(claim_words).capitalize() + ".",
                    claimant=claimant.slug if claimant else None,
                    claimant_name=None if claimant else f"{self.rng.choice(PLACES)} officials",
                    date=made.isoformat() if self.rng.random() < 0.7 else made.strftime("%Y-%m"),
                    appearances=self.some(source_ids, 1, 2),
                    about=[p.slug for p in about],
                    rating=self.rng.choice(RATINGS),
                    verdict=self.sentence(12, 28),
                    analysis=analysis,
                    evidence=evidence,
                    published=published,
                    updates=self.updates(published, 0.1),
                )
            )
        return items

    def explainers(
        self, source_ids: list[str], people: list[PersonItem], claims: list[ClaimItem]
    ) -> list[ExplainerItem]:
        items = []
        for number in range(1, self.scale.explainers + 1):
            title_words = self.words(self.rng.randint(4, 9))
            slug = "explainer-" + "-".join(title_words[:3]) + f"-{number}"
            target = self.rng.randint(700, 900)
            headings = self.some(SECTION_HEADINGS, 3, 5)
            sections = [(h, self.prose(target // len(headings))) for h in headings]
            mentioned = self.some(people, 1, 3)
            tokens: list[Token] = [Cite((s,)) for s in self.some(source_ids, 3, 8)]
            tokens += [Link("people", p.slug, p.name) for p in mentioned]
            tokens += [Link("claims", c.slug, "this fact-check") for c in self.some(claims, 1, 2)]
            self.sprinkle([p for _, paragraphs in sections for p in paragraphs], tokens)
            published = self.publication_day()
            items.append(
                ExplainerItem(
                    slug=slug,
                    title=" ".join(title_words).capitalize(),
                    date=published,
                    summary=self.sentence_text(10, 20),
                    people=[p.slug for p in mentioned],
                    extra_sources=self.some(source_ids, 0, 2),
                    updates=self.updates(published, 0.3),
                    sections=sections,
                )
            )
        return items

    def pages(self, people: list[PersonItem]) -> list[PageItem]:
        items = []
        for slug, title in (
            ("about", "About"),
            ("methodology", "How we check claims"),
            ("corrections", "Corrections policy"),
        ):
            paragraphs = self.prose(self.rng.randint(250, 400))
            self.sprinkle(paragraphs, [Link("people", people[0].slug, people[0].name)])
            items.append(PageItem(slug, title, self.sentence_text(8, 14), paragraphs))
        return items


def build_corpus(scale: Scale) -> Corpus:
    """Draw the whole site's content from the scale's seed."""
    if min(scale.people, scale.claims, scale.sources) < 1:
        raise ValueError("a synthetic site needs at least one person, claim and source")
    writer = _Writer(scale)
    corpus = Corpus(scale)
    corpus.sources = writer.sources()
    source_ids = [s.id for s in corpus.sources]
    corpus.people = writer.people(source_ids)
    corpus.claims = writer.claims(source_ids, corpus.people)
    corpus.explainers = writer.explainers(source_ids, corpus.people, corpus.claims)
    corpus.pages = writer.pages(corpus.people)
    corpus.sources_by_id = {s.id: s for s in corpus.sources}
    return corpus


# -- rendering text


def _wrap(chunks: list[str], indent: str = "", width: int = 78) -> str:
    """Join unbreakable chunks into lines, as an editor's wrapped Markdown looks."""
    lines: list[str] = []
    line = indent
    for chunk in chunks:
        if len(line) > len(indent) and len(line) + 1 + len(chunk) > width:
            lines.append(line)
            line = indent + chunk
        elif len(line) > len(indent):
            line += " " + chunk
        else:
            line += chunk
    if len(line) > len(indent):
        lines.append(line)
    return "\n".join(lines)


def _chunks(sentence: Sentence, render_token) -> list[str]:
    chunks = [token if isinstance(token, str) else render_token(token) for token in sentence]
    chunks[-1] += "."
    return chunks


def _markdown(paragraphs: list[Paragraph], render_token, indent: str = "") -> str:
    return "\n\n".join(
        _wrap([c for s in paragraph for c in _chunks(s, render_token)], indent)
        for paragraph in paragraphs
    )


def _yaml_string(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, whatever it contains.
    return json.dumps(text, ensure_ascii=False)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


# -- the fact-check site


def _factcheck_token(token: Cite | Link) -> str:
    if isinstance(token, Cite):
        return "[" + "; ".join(f"@{source_id}" for source_id in token.ids) + "]"
    extension = "yaml" if token.folder in ("people", "claims") else "md"
    return f"[{token.text}]({{filename}}/{token.folder}/{token.slug}.{extension})"


def _yaml_updates(updates: list[UpdateItem], indent: str = "") -> list[str]:
    if not updates:
        return []
    lines = [f"{indent}updates:"]
    for update in updates:
        lines += [
            f"{indent}  - date: {update.date.isoformat()}",
            f"{indent}    kind: {update.kind}",
            f"{indent}    text: {_yaml_string(update.text)}",
        ]
    return lines


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def person_yaml(person: PersonItem) -> str:
    lines = [f"name: {_yaml_string(person.name)}", f"kind: {person.kind}"]
    if person.aliases:
        lines.append("aliases: [" + ", ".join(_yaml_string(a) for a in person.aliases) + "]")
    lines += ["summary: >-", _wrap(person.summary.split(), "  ")]
    lines.append(f"published: {person.published.isoformat()}")
    lines.append("facts:")
    for label, value, sources in person.facts:
        lines += [
            f"  - label: {_yaml_string(label)}",
            f"    value: {_yaml_string(value)}",
            f"    sources: {_flow_list(sources)}",
        ]
    lines.append("timeline:")
    for when, text, sources in person.timeline:
        lines += [
            f"  - date: {when}" if len(when) == 10 else f'  - date: "{when}"',
            f"    text: {_yaml_string(text)}",
            f"    sources: {_flow_list(sources)}",
        ]
    lines += _yaml_updates(person.updates)
    return "\n".join(lines) + "\n"


def claim_yaml(claim: ClaimItem) -> str:
    lines = [f"claim: {_yaml_string(claim.claim)}"]
    if len(claim.claim) > SHORT_CLAIM_LIMIT:  # as an editor must: a short form for titles
        short = claim.claim[: SHORT_CLAIM_LIMIT - 1].rsplit(" ", 1)[0] + "."
        lines.append(f"claim_short: {_yaml_string(short)}")
    if claim.claimant:
        lines.append(f"claimant: {claim.claimant}")
    else:
        lines.append(f"claimant_name: {_yaml_string(claim.claimant_name or '')}")
    lines.append(f"date: {claim.date}" if len(claim.date) == 10 else f'date: "{claim.date}"')
    lines.append(f"appearances: {_flow_list(claim.appearances)}")
    if claim.about:
        lines.append(f"about: {_flow_list(claim.about)}")
    lines.append(f"rating: {claim.rating}")
    lines += ["verdict: >-", _wrap(_chunks(claim.verdict, _factcheck_token), "  ")]
    lines += ["analysis: |", _markdown(claim.analysis, _factcheck_token, "  ")]
    lines.append("sources:")
    for evidence in claim.evidence:
        if evidence.quote is None:
            lines.append(f"  - {evidence.source}")
        else:
            lines += [
                f"  - source: {evidence.source}",
                f"    quote: {_yaml_string(evidence.quote)}",
                f"    note: {_yaml_string(evidence.note or '')}",
            ]
    lines.append(f"published: {claim.published.isoformat()}")
    lines += _yaml_updates(claim.updates)
    return "\n".join(lines) + "\n"


def sources_yaml(sources: list[SourceItem]) -> str:
    lines = []
    for source in sources:
        archived = f"https://web.archive.org/web/{source.date:%Y%m%d}000000/{source.url}"
        lines += [
            f"{source.id}:",
            f"  title: {_yaml_string(source.title)}",
            f"  publisher: {_yaml_string(source.publisher)}",
            f"  url: {source.url}",
            f"  date: {source.date.isoformat()}",
            f"  archive_url: {archived}",
            f"  type: {source.type}",
        ]
        if source.language:
            lines.append(f"  language: {source.language}")
    return "\n".join(lines) + "\n"


def _header_updates(updates: list[UpdateItem]) -> list[str]:
    if not updates:
        return []
    entries = [f"{u.date.isoformat()} {u.kind}: {u.text}" for u in updates]
    return ["Updates: " + entries[0], *("    " + entry for entry in entries[1:])]


def explainer_markdown(explainer: ExplainerItem) -> str:
    header = [
        f"Title: {explainer.title}",
        f"Date: {explainer.date.isoformat()}",
        f"Summary: {explainer.summary}",
        "People: " + ", ".join(explainer.people),
    ]
    if explainer.extra_sources:
        header.append("Sources: " + ", ".join(explainer.extra_sources))
    header += _header_updates(explainer.updates)
    body = [
        f"## {heading}\n\n{_markdown(paragraphs, _factcheck_token)}"
        for heading, paragraphs in explainer.sections
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def page_markdown(page: PageItem, render_token) -> str:
    return (
        f"Title: {page.title}\nSummary: {page.summary}\n\n"
        f"{_markdown(page.paragraphs, render_token)}\n"
    )


def write_factcheck_site(corpus: Corpus, root: Path) -> None:
    """The synthetic site as editors would write it, with settings that use this repository."""
    content = root / "content"
    for person in corpus.people:
        _write(content / "people" / f"{person.slug}.yaml", person_yaml(person))
    for claim in corpus.claims:
        _write(content / "claims" / f"{claim.slug}.yaml", claim_yaml(claim))
    files = corpus.scale.source_files
    # Contiguous slices: each file holds sources numbered close together.
    bounds = [number * len(corpus.sources) // files for number in range(files + 1)]
    for number in range(files):
        share = corpus.sources[bounds[number] : bounds[number + 1]]
        _write(content / "sources" / f"sources-{number + 1:03d}.yaml", sources_yaml(share))
    for explainer in corpus.explainers:
        _write(content / "explainers" / f"{explainer.slug}.md", explainer_markdown(explainer))
    for page in corpus.pages:
        _write(content / "pages" / f"{page.slug}.md", page_markdown(page, _factcheck_token))
    _write(root / "pelicanconf.py", FACTCHECK_SETTINGS)


# -- the plain Pelican site: the same articles, as Pelican's own Markdown


def _plain_token_renderer(corpus: Corpus):
    def render(token: Cite | Link) -> str:
        if isinstance(token, Cite):
            return ", ".join(
                f"[{source_id}]({corpus.source(source_id).url})" for source_id in token.ids
            )
        return f"[{token.text}]({{filename}}/{token.folder}/{token.slug}.md)"

    return render


def _source_line(source: SourceItem) -> str:
    return f"- [{source.title}]({source.url}), {source.publisher}, {source.date.isoformat()}"


def plain_person(person: PersonItem, corpus: Corpus) -> str:
    lines = [
        f"Title: {person.name}",
        f"Slug: {person.slug}",
        f"Date: {person.published.isoformat()}",
        "",
        person.summary,
        "",
        "## Facts",
        "",
        *(f"- **{label}**: {value}" for label, value, _ in person.facts),
        "",
        "## Timeline",
        "",
        *(f"- {when}: {text}" for when, text, _ in person.timeline),
        "",
        "## Sources",
        "",
        *sorted(
            {
                _source_line(corpus.source(s))
                for _, _, ids in person.facts + person.timeline
                for s in ids
            }
        ),
    ]
    return "\n".join(lines) + "\n"


def plain_claim(claim: ClaimItem, corpus: Corpus, render_token) -> str:
    lines = [
        f"Title: {claim.claim}",
        f"Slug: {claim.slug}",
        f"Date: {claim.published.isoformat()}",
        f"Tags: {claim.rating}",
        "",
        f"**{claim.rating}**: " + " ".join(_chunks(claim.verdict, render_token)),
        "",
        _markdown(claim.analysis, render_token),
        "",
        "## Sources",
        "",
        *(_source_line(corpus.source(e.source)) for e in claim.evidence),
    ]
    return "\n".join(lines) + "\n"


def plain_explainer(explainer: ExplainerItem, render_token) -> str:
    body = [
        f"## {heading}\n\n{_markdown(paragraphs, render_token)}"
        for heading, paragraphs in explainer.sections
    ]
    header = [
        f"Title: {explainer.title}",
        f"Slug: {explainer.slug}",
        f"Date: {explainer.date.isoformat()}",
        f"Summary: {explainer.summary}",
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def write_plain_site(corpus: Corpus, root: Path) -> None:
    """One Pelican article per person, claim and explainer (categories by folder), and the pages."""
    import pelican

    render = _plain_token_renderer(corpus)
    content = root / "content"
    for person in corpus.people:
        _write(content / "people" / f"{person.slug}.md", plain_person(person, corpus))
    for claim in corpus.claims:
        _write(content / "claims" / f"{claim.slug}.md", plain_claim(claim, corpus, render))
    for explainer in corpus.explainers:
        _write(content / "explainers" / f"{explainer.slug}.md", plain_explainer(explainer, render))
    for page in corpus.pages:
        _write(content / "pages" / f"{page.slug}.md", page_markdown(page, render))
    theme = Path(pelican.__file__).resolve().parent / "themes" / "simple"
    _write(root / "pelicanconf.py", PLAIN_SETTINGS.format(theme=str(theme)))


def generate_sites(
    scale: Scale, factcheck_root: Path | None = None, plain_root: Path | None = None
) -> Corpus:
    """Write the fact-check site and/or the plain site, replacing any earlier ones there."""
    corpus = build_corpus(scale)
    for root, write in ((factcheck_root, write_factcheck_site), (plain_root, write_plain_site)):
        if root is None:
            continue
        if root.exists():
            shutil.rmtree(root)
        write(corpus, root)
    return corpus


def scale_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that choose a scale, shared with run.py."""
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a small site ({QUICK_SCALE.people} people, {QUICK_SCALE.claims} claims, "
        f"{QUICK_SCALE.sources} sources, {QUICK_SCALE.explainers} explainers)",
    )
    for name in ("people", "claims", "sources", "explainers"):
        parser.add_argument(
            f"--{name}",
            type=int,
            metavar="N",
            help=f"number of {name} (default {getattr(DEFAULT_SCALE, name):,})",
        )
    parser.add_argument("--seed", type=int, help=f"random seed (default {DEFAULT_SCALE.seed})")


def scale_from_arguments(args: argparse.Namespace) -> Scale:
    base = QUICK_SCALE if args.quick else DEFAULT_SCALE
    chosen = {
        name: getattr(args, name)
        for name in ("people", "claims", "sources", "explainers", "seed")
        if getattr(args, name) is not None
    }
    return replace(base, **chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the fact-check site")
    parser.add_argument(
        "--plain", type=Path, metavar="FOLDER", help="also write the plain site here"
    )
    scale_arguments(parser)
    args = parser.parse_args(argv)
    scale = scale_from_arguments(args)
    generate_sites(scale, args.folder, args.plain)
    print(
        f"wrote {args.folder}"
        + (f" and {args.plain}" if args.plain else "")
        + f": {scale.as_dict()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
