"""Every fact of the reference dataset says where it comes from, and what it cites says it.

- A fact citing a source document's lines: those lines name the node (name, acronym, title or a declared
  alias), or, for a relationship, one of its two ends (seed 002 l. 4153 is « FEI … »: it cannot support a
  fact about the DisCRI, named l. 4147).
- A fact from outside the documents cites a declared external reference and the entry it uses, never a
  line of a document (the commune → arrondissement links come from Statbel, not from the report).
"""

from __future__ import annotations

from typing import Any

import pytest

from maillage.graph.connection import Graph
from maillage.graph.model import Label
from maillage.graph.sources import PACKAGED
from maillage.graph.vocabulary import SourceKind
from maillage.importers.citations import SeedLibrary, mention_forms, mentions

NAMELESS = {Label.MANDATE.value, Label.STATUS_CHANGE.value, Label.FIGURE.value}
"""Nodes without a name of their own: their cited lines must name one of their neighbours instead
(a mandate's line names the person or the body, a status's the recommendation, a figure's the office, or
the office's commune: the report heads each office's figures with the commune's name, « Namur »)."""


@pytest.fixture(scope="module")
def seeds() -> SeedLibrary:
    return SeedLibrary(PACKAGED)


@pytest.fixture(scope="module")
def sources(reference_graph: Graph) -> dict[str, str]:
    rows = reference_graph.read("MATCH (s:SourceDocument) RETURN s.id AS id, s.kind AS kind")
    return {r["id"]: r["kind"] for r in rows}


def _node_facts(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(
        "MATCH (n:Entity) "
        "OPTIONAL MATCH (n)--(m:Entity) "
        "WITH n, collect(DISTINCT properties(m)) AS neighbours "
        "OPTIONAL MATCH (n:Figure)-[:FIGURE_OF]->()-[:LOCATED_IN]->(place:Territory) "
        "WITH n, neighbours, collect(properties(place)) AS places "
        "WITH n, neighbours + places AS neighbours "
        "RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props, neighbours"
    )


def _forms_by_id(facts: list[dict[str, Any]]) -> dict[str, list[str]]:
    """How the documents may mention each node (a nameless node: by naming one of its neighbours)."""
    forms = {}
    for fact in facts:
        own = mention_forms(fact["props"])
        if fact["label"] in NAMELESS:
            own += [f for n in fact["neighbours"] for f in mention_forms(n)]
        forms[fact["id"]] = own
    return forms


def _unsupported(seeds: SeedLibrary, source: str, locator: str, forms: list[str]) -> str | None:
    try:
        text = seeds.text(source, locator)
    except ValueError as error:
        return str(error)
    if mentions(text, forms) is None:
        return f"{locator} ne nomme aucun de {forms[:4]}"
    return None


def test_every_cited_line_names_the_node_it_supports(reference_graph: Graph, seeds: SeedLibrary) -> None:
    facts = _node_facts(reference_graph)
    forms = _forms_by_id(facts)
    wrong = []
    for fact in facts:
        props = fact["props"]
        if props["source"] not in seeds:
            continue
        problem = _unsupported(seeds, props["source"], props["locator"], forms[fact["id"]])
        if problem:
            wrong.append(f"{fact['id']} ({props['source']}) : {problem}")
    assert wrong == []


def test_every_cited_line_names_an_end_of_the_relationship(reference_graph: Graph, seeds: SeedLibrary) -> None:
    forms = _forms_by_id(_node_facts(reference_graph))
    rows = reference_graph.read(
        "MATCH (a:Entity)-[r]->(b:Entity) "
        "RETURN type(r) AS type, a.id AS from, b.id AS to, r.source AS source, r.locator AS locator"
    )
    wrong = []
    for fact in rows:
        if fact["source"] not in seeds:
            continue
        problem = _unsupported(seeds, fact["source"], fact["locator"], forms[fact["from"]] + forms[fact["to"]])
        if problem:
            wrong.append(f"{fact['type']} {fact['from']} → {fact['to']} : {problem}")
    assert wrong == []


def test_the_check_catches_a_line_that_names_another_entity(seeds: SeedLibrary) -> None:
    """Seed 002 l. 4153 is « FEI Fonds européen d'intégration »; the DisCRI is l. 4147."""
    discri = ["Dispositif de concertation et d'appui aux Centres régionaux d'intégration", "DisCRI"]
    source = "002_d66ab93602949589.txt"
    assert _unsupported(seeds, source, "L4153", discri) is not None
    assert _unsupported(seeds, source, "L4147", discri) is None
    assert _unsupported(seeds, source, "L4107", ["Centre d'action interculturelle de la province de Namur", "CAI"])


def test_every_fact_cites_a_declared_source(reference_graph: Graph, sources: dict[str, str]) -> None:
    undeclared = reference_graph.read(
        "MATCH (n:Entity) WHERE NOT n.source IN $ids RETURN n.id AS fact, n.source AS source "
        "UNION MATCH (a)-[r]->(b) WHERE NOT r.source IN $ids RETURN type(r) + ' ' + a.id + ' → ' + b.id AS fact, "
        "r.source AS source",
        {"ids": list(sources)},
    )
    assert undeclared == []


def test_facts_from_a_document_cite_its_lines(reference_graph: Graph, sources: dict[str, str]) -> None:
    documents = [id_ for id_, kind in sources.items() if kind == SourceKind.DOCUMENT.value]
    rows = reference_graph.read(
        "MATCH (n:Entity) WHERE n.source IN $docs AND NOT n.locator =~ 'L[0-9].*' RETURN n.id AS fact "
        "UNION MATCH (a)-[r]->(b) WHERE r.source IN $docs AND NOT r.locator =~ 'L[0-9].*' "
        "RETURN type(r) + ' ' + a.id + ' → ' + b.id AS fact",
        {"docs": documents},
    )
    assert documents and rows == []


def test_facts_from_an_external_reference_name_their_entry(reference_graph: Graph, sources: dict[str, str]) -> None:
    external = [id_ for id_, kind in sources.items() if kind == SourceKind.EXTERNAL.value]
    rows = reference_graph.read(
        "MATCH (n:Entity) WHERE n.source IN $ext AND (n.locator IS NULL OR n.locator = '' "
        "OR n.locator =~ 'L[0-9].*') RETURN n.id AS fact "
        "UNION MATCH (a)-[r]->(b) WHERE r.source IN $ext AND (r.locator IS NULL OR r.locator = '' "
        "OR r.locator =~ 'L[0-9].*') RETURN type(r) + ' ' + a.id + ' → ' + b.id AS fact",
        {"ext": external},
    )
    assert external and rows == []


def test_the_external_reference_says_who_publishes_it_and_which_version(reference_graph: Graph) -> None:
    rows = reference_graph.read(
        "MATCH (s:SourceDocument {kind: 'reference_externe'}) RETURN s.publisher AS publisher, s.version AS version"
    )
    assert rows and all(r["publisher"] and r["version"] for r in rows)


def test_communes_belong_to_their_arrondissement_by_statbel_not_by_a_report_line(reference_graph: Graph) -> None:
    rows = reference_graph.read(
        "MATCH (c:Territory {level: 'commune'})-[r:PART_OF]->(:Territory {level: 'arrondissement'}) "
        "RETURN r.source AS source, r.locator AS locator"
    )
    assert len(rows) == 38
    assert {r["source"] for r in rows} == {"statbel-refnis"}
    assert {r["locator"] for r in rows} == {
        "arrondissement de Namur (92000)",
        "arrondissement de Dinant (91000)",
        "arrondissement de Philippeville (93000)",
    }


def test_the_vocabulary_source_holds_only_themes_and_source_declarations(
    reference_graph: Graph, sources: dict[str, str]
) -> None:
    vocabulary = [id_ for id_, kind in sources.items() if kind == SourceKind.VOCABULARY.value]
    labels = reference_graph.read(
        "MATCH (n:Entity) WHERE n.source IN $v UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label "
        "RETURN DISTINCT label ORDER BY label",
        {"v": vocabulary},
    )
    assert {r["label"] for r in labels} <= {"Theme", "SourceDocument"}


def test_a_mention_ignores_case_accents_and_line_end_hyphens() -> None:
    assert mentions("le bureau d’ac-\ncueil de DINANT", ["Bureau d'accueil de Dinant"])
    assert mentions("Plans de Cohésion Sociale (Namur, Hastière)", ["Plan de cohésion sociale de Hastière"])
    assert mentions("la plateforme intersectorielle du sud de l’Entre-Sambre-et-\nMeuse", ["Entre-Sambre-et-Meuse"])


def test_a_mention_needs_every_content_word_of_a_form() -> None:
    assert mentions("Plans de Cohésion Sociale (Namur, Sambreville)", ["Plan de cohésion sociale de Hastière"]) is None
    assert mentions("CAR  Centre d’accueil pour réfugiés", ["Centre d'action interculturelle", "CAI"]) is None


def test_a_locator_past_the_end_of_the_document_is_reported(seeds: SeedLibrary) -> None:
    assert "sort du document" in (_unsupported(seeds, "000_053d1c7d8ae3c1b0.txt", "L9999", ["Coupole"]) or "")
