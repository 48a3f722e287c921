"""The standards editor's review of the example site, as regression tests.

The review (sections 1, 2, 3 and 7 of the content review of commit 4e5a668)
found backdated page histories, a misattributed claim, misquoted tattoos, a
rating that contradicted its own definition, absolute wording, a misdated
quotation, a missing court finding, a compound claim under one badge, a
Supreme Court order cited only to a newsletter, a review step that never
happened, placeholder contacts and a Spanish edition in need of a copy-edit.
Each finding a machine can check is one test here, named after its point
(E1 to E10, §2, §3, §7), so that the defect cannot quietly return.

The site is loaded as the build loads it: the project's own settings, then
``check_content``. "Running text" means the fields a reader reads (claim,
verdict, analysis, notes, quotes, summaries, facts, timelines, bodies), not
the YAML date fields; update entries are left out of the wording tests,
because a correction has to name the defect it corrects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from factcheck.content.chronology import first_commit_days
from factcheck.content.dates import PartialDate
from factcheck.content.schema import ListOf, Text
from factcheck.content.validate import check_content
from factcheck.editors.cli import read_pelican_settings
from factcheck.settings import FactcheckSettings

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"

# The day of the repository's first content commit (f5ea8a9, 2026-11-29). No
# page of the site existed before it, whatever its header says.
FIRST_CONTENT_DAY = PartialDate(2026, 11, 29)

COURT_DOMAINS = ("supremecourt.gov", "uscourts.gov", "courtlistener.com")


@pytest.fixture(scope="module")
def loaded():
    settings = read_pelican_settings(REPO / "pelicanconf.py")
    return check_content(FactcheckSettings.from_pelican(settings))


@pytest.fixture(scope="module")
def site(loaded):
    return loaded[0]


# -- reading the site ---------------------------------------------------------


def texts(model, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every text field of a model, nested lists included.

    Markdown fields are Text fields too; an explainer's or page's body is added.
    """
    for name, spec in type(model).fields.items():
        value = getattr(model, name, None)
        if value is None:
            continue
        item = spec.item if isinstance(spec, ListOf) else spec
        values = value if isinstance(spec, ListOf) else (value,)
        for index, entry in enumerate(values):
            path = prefix + name + (f"[{index}]" if isinstance(spec, ListOf) else "")
            if isinstance(item, Text) and isinstance(entry, str):
                yield path, entry
            elif hasattr(type(entry), "fields"):
                yield from texts(entry, path + ".")
    if isinstance(getattr(model, "body", None), str):
        yield prefix + "body", model.body


def documents(site, lang: str | None = None) -> Iterator[tuple[str, object]]:
    """(file path, model) for every content file of `lang` (None: both languages)."""
    if lang in (None, "en"):
        for group in (site.people, site.claims, site.explainers, site.pages):
            for item in group.values():
                yield item.location.path, item
    if lang in (None, "es"):
        for translation in site.sheet_translations:
            if translation.lang == "es":
                yield translation.path, translation.model
        for document in site.translations:
            if document.lang == "es":
                yield document.location.path, document


def running_text(site, lang: str | None = None) -> Iterator[tuple[str, str, str]]:
    """(file, field, text) of what a reader reads, without the update entries.

    Citation markers ``[@id]``, link targets ``({filename}...)`` and addresses
    are removed, and whitespace is collapsed, so a phrase broken across lines
    of the YAML is found whole.
    """
    for path, model in documents(site, lang):
        for field, text in texts(model):
            if field.startswith("updates["):
                continue
            yield path, field, plain(text)


def plain(text: str) -> str:
    """`text` without citation markers, link targets and addresses.

    Whitespace inside a paragraph is collapsed; paragraphs stay apart.
    """
    text = re.sub(r"\[@[^\]]*\]|\(\{filename\}[^)]*\)|https?://\S+", "", text)
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(re.sub(r"\s+", " ", p).strip() for p in paragraphs)


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?;])\s+", text)


def translation_of(site, kind: str, slug: str, lang: str = "es"):
    for translation in site.sheet_translations:
        if (translation.kind, translation.slug, translation.lang) == (kind, slug, lang):
            return translation.model
    raise AssertionError(f"no {lang} translation of {kind}/{slug}")


def dated_pages(site) -> Iterator[tuple[str, str, PartialDate]]:
    """(file, field, date) of every page's publication or translation date."""
    for group in (site.people, site.claims):
        for item in group.values():
            yield item.location.path, "published", item.published
    for group in (site.explainers.values(), site.pages.values(), site.translations):
        for item in group:
            if item.date is not None:
                yield item.location.path, "Date", item.date
    for translation in site.sheet_translations:
        yield translation.path, "translated", translation.model.translated


def update_entries(site) -> Iterator[tuple[str, object]]:
    for group in (site.people, site.claims, site.explainers, site.pages):
        for item in group.values():
            for update in item.updates:
                yield item.location.path, update
    for document in site.translations:
        for update in document.updates:
            yield document.location.path, update


# -- E1: honest dates and a consistent history --------------------------------


def test_no_page_is_dated_before_its_file_entered_the_repository(site):
    """E1: pages said they were published on 29-30 May 2025 and updated in July
    and September 2025; all of them were written on 29 November 2026.

    A page's publication date (``published``, an explainer's or page's
    ``Date``, a translation's ``translated``) may not precede the repository's
    first content commit, nor, where git can tell, the day its own file was
    first committed.
    """
    committed = first_commit_days(CONTENT)
    if committed:
        assert min(committed.values()) == FIRST_CONTENT_DAY, "the first content commit moved"
    prefix = "content/"
    early = []
    for path, field, date in dated_pages(site):
        floor = max(FIRST_CONTENT_DAY, committed.get(path.removeprefix(prefix), FIRST_CONTENT_DAY))
        if date < floor:
            early.append(f"{path}: {field} {date} is before {floor}")
    assert early == []


def test_no_update_entry_predates_the_site(site):
    """E1: the backdated update entries of 2025 (30 May, 24 July, 1 September)
    must not return: no update entry is dated before 29 November 2026."""
    early = [
        f"{path}: update of {update.date}"
        for path, update in update_entries(site)
        if update.date < FIRST_CONTENT_DAY
    ]
    assert early == []


def test_the_history_rules_hold(loaded):
    """E1: three pages cited sources published after their last dated change,
    which the corrections policy forbids. ``check_content`` applies the history
    rules (sources precede changes, publication after the first commit,
    translations not older than their originals): the site passes them all."""
    _, problems = loaded
    assert [p.format() for p in problems if p.is_error] == []


# -- E2: the "legal recourse" claim is the Bay Area Reporter's -----------------


def test_legal_recourse_claim_is_attributed_to_the_bay_area_reporter(site):
    """E2: the "without any legal recourse" claim was attributed to the
    Associated Press, whose text the site had not seen; the Bay Area Reporter
    wrote the sentence on 29 May 2025."""
    claim = site.claims["alien-enemies-act-no-legal-recourse"]
    assert claim.claimant == "bay-area-reporter"
    assert claim.claimant_name is None
    assert claim.date == PartialDate(2025, 5, 29)
    assert claim.appearances[0] == "ebar-2025-05-29"
    named = [
        c.slug
        for c in site.claims.values()
        if "associated press" in (c.claimant_name or "").lower()
    ]
    assert named == []


# -- E3: "Mom" and "Dad" -------------------------------------------------------


def test_tattoo_words_are_mom_and_dad(site):
    """E3: the tattoos read "Mom" and "Dad". The lowercase "mum"/"dad" may
    appear only where the text says that this is El Salvador Now's rendering:
    in the same sentence as the outlet's name, or in the note of an
    El Salvador Now source."""
    for slug in ("tattoos-parents-and-crowns", "tren-de-aragua-membership"):
        for model in (site.claims[slug], translation_of(site, "claims", slug)):
            joined = " ".join(text for _, text in texts(model))
            assert re.search(r"\bMom\b", joined) and re.search(r"\bDad\b", joined), slug
    unattributed = []
    for path, field, text in running_text(site):
        for sentence in sentences(text):
            if not re.search(r"\b[Mm][Uu][Mm]\b|\bdad\b", sentence):
                continue
            if "El Salvador Now" in sentence or _cites_el_salvador_now(site, path, field):
                continue
            unattributed.append(f"{path}: {field}: {sentence}")
    assert unattributed == []


def _cites_el_salvador_now(site, path: str, field: str) -> bool:
    """Whether `field` is the note or quote of an El Salvador Now source entry."""
    match = re.fullmatch(r"sources\[(\d+)\]\.(note|quote)", field)
    if not match:
        return False
    slug = Path(path).name.split(".")[0]
    claim = site.claims.get(slug)
    if claim is None:
        return False
    return claim.sources[int(match[1])].source.startswith("elsalvadornow-")


# -- E5: the Tren de Aragua rating and its definition --------------------------


def test_gang_claim_is_rated_unproven_by_a_definition_that_fits(site):
    """E5: the Tren de Aragua claim was rated "Unsupported", defined as "no
    evidence has been offered", although its verdict named the evidence that
    was offered (the tattoos). It is rated unproven, and the scale's
    definition of that rating, in both languages, allows offered evidence."""
    claim = site.claims["tren-de-aragua-membership"]
    assert claim.rating == "unproven"
    assert "unsupported" not in site.ratings
    rating = site.ratings["unproven"]
    definitions = [rating.definition, *(definition for _, _, definition in rating.translations)]
    for definition in definitions:
        assert "no evidence has been offered" not in definition.lower()
        assert "no se ha presentado ninguna prueba" not in definition.lower()
    assert "evidence offered" in rating.definition.lower()


ABSOLUTE_WORDING = re.compile(
    r"\bin any source\b(?! we)|\bany sources?\b(?! we)|\bno sources? (?!we)"
    r"|\bninguna fuente\b(?! que)|\balguna fuente\b(?! que)|\bcualquier fuente\b(?! que)",
    re.I,
)


def test_no_absolute_claims_about_all_sources(site):
    """E5: "The only evidence reported in any source" and "no source reports
    evidence beyond the tattoos" (and the Spanish "que menciona alguna fuente",
    "ninguna fuente informa") claimed to know every source. The site can speak
    only of the sources it reviewed: "no source we reviewed", "ninguna de las
    fuentes que revisamos"."""
    absolute = [
        f"{path}: {field}: ...{text[max(0, m.start() - 60) : m.end() + 40]}..."
        for path, field, text in running_text(site)
        for m in ABSOLUTE_WORDING.finditer(text)
    ]
    assert absolute == []


# -- E7: the "court orders" check ----------------------------------------------


def test_court_orders_claim_is_not_turned_into_a_prediction(site):
    """E7: "The government cannot be expected to obey a Supreme Court order"
    turned the spokesperson's aside into a prediction; the claim uses her
    words: based on recent events, the government has not been following
    court orders."""
    claim = site.claims["government-not-following-court-orders"]
    assert "cannot be expected" not in claim.claim.lower()
    assert "recent events" in claim.claim.lower()
    spanish = translation_of(site, "claims", "government-not-following-court-orders")
    assert not re.search(r"no (se puede|cabe) esperar", spanish.claim, re.I)
    assert "hechos recientes" in spanish.claim


def test_garcia_quote_is_dated_20_april(site):
    """E7: Rep. Garcia said "Trump is defying a Supreme Court order" on Sunday
    20 April 2025, before leaving Washington, not on 21 April."""
    claim = site.claims["government-not-following-court-orders"]
    spanish = translation_of(site, "claims", "government-not-following-court-orders")
    for model, quote, right, wrong in (
        (claim, "defying a Supreme Court order", "April 20", "April 21"),
        (spanish, "desafiando una orden de la Corte Suprema", "20 de abril", "21 de abril"),
    ):
        analysis = plain(model.analysis)
        start = analysis.index(quote)
        said = analysis[max(0, start - 120) : start]  # the words that introduce the quote
        assert right in said and wrong not in said, said
    notes = [e.note or "" for e in claim.sources if e.source == "elsalvadornow-2025-04-22"]
    assert any("April 20" in note for note in notes)
    assert not any("April 21" in note for note in notes)


def test_boasberg_finding_of_16_april_is_reported(site):
    """E7: the analysis left out Chief Judge Boasberg's finding, on 16 April
    2025 in J.G.G., of probable cause that the government willfully disobeyed
    his orders of 15 March; it must be there, in both languages, and sourced."""
    claim = site.claims["government-not-following-court-orders"]
    analysis = plain(claim.analysis)
    assert re.search(r"On April 16, 2025, (Chief )?Judge (James )?Boasberg", analysis)
    assert "probable cause" in analysis
    assert "not a Supreme Court order" in analysis
    assert "probable cause" in claim.verdict
    boasberg = [s for s in sentences(claim.analysis) if "Boasberg" in s]
    assert any("[@" in s for s in boasberg), "the finding must cite its source"
    spanish = plain(
        translation_of(site, "claims", "government-not-following-court-orders").analysis
    )
    assert "Boasberg" in spanish and "16 de abril de 2025" in spanish


# -- E9: the Noem claim --------------------------------------------------------


def test_noem_claim_rates_only_where_he_was(site):
    """E9: the claim under the single "True" badge included her view that
    inquiries "should go to that country's president and government", which is
    not rated; the claim is trimmed to "is in El Salvador"."""
    claim = site.claims["noem-he-is-in-el-salvador"]
    assert "president" not in claim.claim.lower()
    assert "is in El Salvador" in claim.claim
    spanish = translation_of(site, "claims", "noem-he-is-in-el-salvador")
    assert "presidente" not in spanish.claim.lower()


# -- E10 and §3: court orders are cited from the courts ------------------------


def test_court_orders_are_cited_from_the_courts(site):
    """E10, §3 (transparency of sources): a Supreme Court order was sourced
    only to a personal Substack. Every source of type court points to a
    court's own site, and the two Supreme Court orders the site relies on are
    such sources."""
    courts = {key: s for key, s in site.sources.items() if s.type == "court"}
    elsewhere = [
        f"{key}: {s.url}"
        for key, s in courts.items()
        if not (urlsplit(s.url or "").hostname or "").endswith(COURT_DOMAINS)
    ]
    assert elsewhere == []
    for key in ("scotus-trump-v-jgg-2025-04-07", "scotus-noem-v-abrego-garcia-2025-04-10"):
        assert key in courts
    orders = [key for key, s in site.sources.items() if re.search(r"\bNo\. \d+A\d+", s.title)]
    assert sorted(orders) == sorted(k for k in orders if k in courts)
    claim = site.claims["abrego-garcia-administrative-error"]
    assert site.sources[claim.appearances[0]].type == "court"


# -- §2 and §3: what the site says about itself ---------------------------------


SECOND_REVIEWER = re.compile(
    r"second (contributor|editor|reviewer)|one another's work"
    r"|segundo (colaborador|editor|revisor)|revisan el trabajo de los demás",
    re.I,
)
NEGATION = re.compile(r"\b(no|not|never|should|ningún|ninguno|nadie|debería)\b", re.I)


def test_methodology_claims_no_second_editor(site):
    """§2, §3 (IFCN): the methodology said "a second contributor reviews" every
    fact-check, which the history does not bear out (one author, one evening).
    Any sentence of the methodology or about page that mentions a second
    reviewer must deny it or say a newsroom should have one."""
    claims = []
    for path, model in documents(site):
        if Path(path).name.split(".")[0] not in ("methodology", "about"):
            continue
        for sentence in sentences(plain(model.body)):
            if SECOND_REVIEWER.search(sentence) and not NEGATION.search(sentence):
                claims.append(f"{path}: {sentence}")
    assert claims == []


PLACEHOLDER = re.compile(
    r"example\.(org|com|net)|@example|\bTODO\b|\bFIXME\b|placeholder|dirección provisional"
    r"|[\w.+-]+@[\w-]+\.\w+",
    re.I,
)


def test_about_and_corrections_give_no_placeholder_contact(site):
    """§3 (IFCN, transparency of organization): the about and corrections
    pages gave placeholder addresses (contact@example.org,
    corrections@example.org). They give no placeholder, and no address at all
    that the site does not have."""
    found = [
        f"{path}: {field}: {m.group()}"
        for path, field, text in running_text(site)
        if Path(path).name.split(".")[0] in ("about", "corrections")
        for m in PLACEHOLDER.finditer(text)
    ]
    assert found == []


# -- §7: the Spanish edition ---------------------------------------------------


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-(0[1-9]|1[0-2])\b")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_iso_dates_in_running_text(site, lang):
    """§7.7: "El 2025-04-07, semanas antes..." and other ISO dates in running
    text (the English files had the same defect). Dates in text are written
    out: «el 7 de abril de 2025», "April 7, 2025". YAML date fields and
    citation markers are not running text."""
    iso = [
        f"{path}: {field}: {m.group()}"
        for path, field, text in running_text(site, lang)
        for m in ISO_DATE.finditer(text)
    ]
    for path, update in update_entries(site):
        if (lang == "es") == path.endswith((".es.md", ".es.yaml")):
            iso += [f"{path}: update: {m.group()}" for m in ISO_DATE.finditer(plain(update.text))]
    for translation in site.sheet_translations:
        if translation.lang == lang:
            for update in translation.model.updates:
                iso += [
                    f"{translation.path}: update: {m.group()}"
                    for m in ISO_DATE.finditer(plain(update.text))
                ]
    assert iso == []


def test_spanish_quotations_use_angle_quotes(site):
    """§7.8: the Spanish content used straight "" and English ‘ ’ quotation
    marks; RAE and El País use « » at the first level. No straight double
    quote appears in Spanish text, update entries included, and curly quotes
    appear only inside « » (the second and third levels)."""
    wrong = []
    for path, model in documents(site, "es"):
        for field, text in texts(model):
            outside = re.sub(r"«[^»]*»", "«»", text)
            for m in re.finditer(r'"', text):
                wrong.append(
                    f"{path}: {field}: ...{text[max(0, m.start() - 30) : m.end() + 30]}..."
                )
            for m in re.finditer(r"[“”‘’]", outside):
                wrong.append(
                    f"{path}: {field}: ...{outside[max(0, m.start() - 30) : m.end() + 30]}..."
                )
    assert wrong == []


def test_spanish_writes_abrego_garcia_with_accents(site):
    """§7.8: "Abrego Garcia" was written without accents, where the
    Spanish-language press writes «Ábrego García»; the edition chose the
    accented form for the person and keeps the case caption *Noem v. Abrego
    Garcia* as filed."""
    wrong = [
        f"{path}: {field}"
        for path, field, text in running_text(site, "es")
        if re.search(r"(?<!v\. )Abrego Garcia", text)
    ]
    assert wrong == []


# Forms the review found in Spanish running text instead of the scale's labels.
OLD_SPANISH_LABELS = re.compile(
    r"\b(mayormente verdadera|mayormente falsa|mixt[oa]|sin sustento|sin fundamento)\b", re.I
)


def test_spanish_rating_labels_match_the_scale(site):
    """§7.1: the badge said «Mayormente verdadero» while the text said
    "mayormente verdadera", "mayormente falsa", "mixta". Wherever Spanish text
    names a rating («la calificamos como «...»», «se califica como «...»»,
    «la calificación es «...»»), the quoted words are the scale's Spanish
    label exactly, and the old forms appear only where the text says the
    label was replaced."""
    labels = {
        label
        for rating in site.ratings.values()
        for lang, label, _ in rating.translations
        if lang == "es"
    }
    assert labels, "the scale has no Spanish labels"
    named = re.compile(r"calific\w*(?: (?:es|como))? \[?«([^»]+)»")
    unquoted = re.compile(r"calific\w* como (?!\[?«)(\w+(?: \w+)?)")
    wrong = []
    for path, field, text in running_text(site, "es"):
        for paragraph in text.split("\n\n"):
            replaced = re.search(r"se sustituyó|sustituida|reemplaz", paragraph)
            for m in named.finditer(paragraph):
                if m[1] not in labels and not replaced:
                    wrong.append(f"{path}: {field}: «{m[1]}»")
            for m in unquoted.finditer(paragraph):
                wrong.append(f"{path}: {field}: unquoted label {m[1]!r}")
            if not replaced:
                wrong += [
                    f"{path}: {field}: {m.group()}" for m in OLD_SPANISH_LABELS.finditer(paragraph)
                ]
    assert wrong == []
