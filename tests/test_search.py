"""Search ignores case and accents and ranks whole words first (DOMAIN.md: `fédé`, `cpas`)."""

from __future__ import annotations

import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.queries.search import fold, fulltext_query, search


@pytest.fixture
def named_graph(empty_graph: Graph) -> Graph:
    empty_graph.write(
        "UNWIND $rows AS row CREATE (n:Entity:Organisation) SET n = row",
        {
            "rows": [
                {"id": "fdss", "name": "Fédération des Services Sociaux", "acronym": "FdSS"},
                {"id": "cpas-namur", "name": "CPAS de Namur"},
                {"id": "cai", "name": "Centre d'Action Interculturelle", "acronym": "CAI"},
                {"id": "plateforme-fle", "name": "Plateforme de formation à la langue française"},
            ]
        },
    )
    empty_graph.write("CREATE (:Entity:Person {id: 'p1', name: 'Fédérica Dupont'})")
    return empty_graph


def test_a_prefix_without_accent_finds_an_accented_name(named_graph: Graph) -> None:
    assert [hit.id for hit in search(named_graph, "fede")] == ["fdss"]


def test_lower_case_finds_an_upper_case_acronym(named_graph: Graph) -> None:
    assert [hit.id for hit in search(named_graph, "cpas")] == ["cpas-namur"]


def test_accented_upper_case_input_is_folded(named_graph: Graph) -> None:
    assert [hit.id for hit in search(named_graph, "FÉDÉ")] == ["fdss"]


def test_every_word_must_match(named_graph: Graph) -> None:
    assert [hit.id for hit in search(named_graph, "cpas namur")] == ["cpas-namur"]
    assert search(named_graph, "cpas liege") == []


def test_people_are_not_in_the_public_search(named_graph: Graph) -> None:
    assert all("Person" not in hit.labels for hit in search(named_graph, "federica"))


def test_lucene_syntax_in_the_input_is_neutralised() -> None:
    query = fulltext_query('name:"x" OR *')
    assert query.startswith("(name^2 OR name* OR d'name*")
    assert ":" not in query and '"' not in query and " * " not in query


def test_a_word_after_an_elision_is_found(named_graph: Graph) -> None:
    assert [hit.id for hit in search(named_graph, "action interculturelle")] == ["cai"]
    assert [hit.id for hit in search(named_graph, "Centre d'action")] == ["cai"]


def test_an_elided_letter_alone_is_still_a_search(named_graph: Graph) -> None:
    assert "cai" in [hit.id for hit in search(named_graph, "c")]


def test_an_input_without_letters_is_refused() -> None:
    with pytest.raises(InvalidInput):
        fulltext_query("  *** ")


def test_fold_strips_accents_and_case() -> None:
    assert fold("Fédération Éducation") == "federation education"


def test_an_exact_acronym_comes_first(named_graph: Graph) -> None:
    named_graph.write("CREATE (:Entity:Body {id: 'ca-cai', name: 'Conseil d administration du CAI'})")
    assert [hit.id for hit in search(named_graph, "cai")][0] == "cai"


def test_a_full_name_with_a_word_the_index_drops_is_found(named_graph: Graph) -> None:
    """Seed 002: « à » folds to « a », an English stop word the analyzer never indexes."""
    assert [hit.id for hit in search(named_graph, "Plateforme de formation à la langue française")] == [
        "plateforme-fle"
    ]


def test_a_stop_word_of_the_analyzer_is_not_a_required_term() -> None:
    assert fulltext_query("formation à la langue") == fulltext_query("formation la langue")
