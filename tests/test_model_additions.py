"""The model's additions for issue 16: partnerships told apart by project, notes, figures, reforms, sources."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from maillage.graph.connection import Graph
from maillage.graph.model import RelType
from maillage.graph.records import Figure, RelationRecord

PAIR = """
organisations:
  - {id: cri-a, name: CRI A, kind: cri, sector: integration}
  - {id: cpas-b, name: CPAS B, kind: cpas, sector: action_sociale}
relations:
"""


def _partnerships(graph: Graph) -> list[dict[str, object]]:
    """The partnerships of the pair, the one without project first."""
    rows = graph.read(
        "MATCH (:Organisation {id: 'cri-a'})-[r:PARTNER_OF]->(:Organisation {id: 'cpas-b'}) "
        "RETURN r.project AS project, r.note AS note"
    )
    return sorted(rows, key=lambda r: (r["project"] is not None, str(r["project"])))


def test_a_partnership_without_project_keeps_the_key_it_had_before_projects_existed() -> None:
    record = RelationRecord.model_validate({"type": "PARTNER_OF", "from": "cri-a", "to": "cpas-b"})
    assert record.key == hashlib.sha1(b"PARTNER_OF|cri-a|cpas-b").hexdigest()[:20]


def test_two_projects_between_the_same_pair_are_two_partnerships(load_yaml: Callable[[str], Graph]) -> None:
    graph = load_yaml(
        PAIR
        + "  - {type: PARTNER_OF, from: cri-a, to: cpas-b, note: Réunions}\n"
        + "  - {type: PARTNER_OF, from: cri-a, to: cpas-b, project: Traduction du PIIS}\n"
        + "  - {type: PARTNER_OF, from: cri-a, to: cpas-b, project: Étude logement}\n"
    )
    assert [r["project"] for r in _partnerships(graph)] == [None, "Traduction du PIIS", "Étude logement"]


def test_an_existing_partnership_is_updated_not_duplicated_when_projects_are_added(
    load_yaml: Callable[[str], Graph],
) -> None:
    load_yaml(PAIR + "  - {type: PARTNER_OF, from: cri-a, to: cpas-b, note: Avant}\n")
    graph = load_yaml(
        PAIR
        + "  - {type: PARTNER_OF, from: cri-a, to: cpas-b, note: Après}\n"
        + "  - {type: PARTNER_OF, from: cri-a, to: cpas-b, project: Nouveau projet}\n"
    )
    assert [(r["project"], r["note"]) for r in _partnerships(graph)] == [(None, "Après"), ("Nouveau projet", None)]


def test_a_project_has_no_meaning_on_a_membership() -> None:
    with pytest.raises(ValidationError, match="project"):
        RelationRecord.model_validate({"type": "MEMBER_OF", "from": "a", "to": "b", "role": "membre", "project": "x"})


@pytest.mark.parametrize(
    "type_, extra", [("PARTICIPATES_IN", {"role": "membre"}), ("ADDRESSES", {"channel": "courrier"})]
)
def test_participations_and_interpellations_take_a_note(type_: str, extra: dict[str, str]) -> None:
    record = RelationRecord.model_validate({"type": type_, "from": "a", "to": "b", "note": "précision", **extra})
    assert record.properties("f.yaml")["note"] == "précision"


def test_a_figure_of_arrivals_needs_its_channel() -> None:
    with pytest.raises(ValidationError, match="canal"):
        Figure.model_validate({"id": "f", "subject": "ba-x", "measure": "arrivees", "year": 2023, "value": 3})


def test_only_a_figure_of_arrivals_takes_a_channel() -> None:
    with pytest.raises(ValidationError, match="canal"):
        Figure.model_validate(
            {
                "id": "f",
                "subject": "ba-x",
                "measure": "personnes_accompagnees",
                "year": 2023,
                "value": 3,
                "channel": "bouche_a_oreille",
            }
        )


def test_a_figure_is_linked_to_its_subject(load_yaml: Callable[[str], Graph]) -> None:
    graph = load_yaml(
        "organisations:\n  - {id: cri-a, name: CRI A, kind: cri, sector: integration}\n"
        "figures:\n  - {id: f-1, subject: cri-a, measure: personnes_accompagnees, year: 2023, value: 12}\n"
    )
    rows = graph.read(f"MATCH (f:Figure)-[:{RelType.FIGURE_OF}]->(o) RETURN f.value AS value, o.id AS subject")
    assert rows == [{"value": 12, "subject": "cri-a"}]


def test_memoranda_and_recommendations_concern_reforms(load_yaml: Callable[[str], Graph]) -> None:
    graph = load_yaml(
        "organisations:\n  - {id: cri-a, name: CRI A, kind: cri, sector: integration}\n"
        "reforms:\n  - {id: ref-1, name: Réforme, year: 2023, stage: avant_projet, followers: [cri-a]}\n"
        "memoranda:\n  - {id: memo-1, title: Propositions, reforms: [ref-1]}\n"
        "recommendations:\n  - {id: rec-1, memorandum: memo-1, title: Remarque, reforms: [ref-1]}\n"
    )
    rows = graph.read(
        "MATCH (x)-[:CONCERNS]->(:Reform {id: 'ref-1'})<-[:FOLLOWS]-(:Organisation {id: 'cri-a'}) "
        "RETURN x.id AS id ORDER BY id"
    )
    assert [r["id"] for r in rows] == ["memo-1", "rec-1"]


def test_a_memorandum_may_have_no_year(load_yaml: Callable[[str], Graph]) -> None:
    graph = load_yaml("memoranda:\n  - {id: memo-1, title: Notes propositionnelles}\n")
    assert graph.read("MATCH (m:Memorandum) RETURN m.year AS year") == [{"year": None}]
