"""The BCE/KBO open data: matched by enterprise number, differences proposed for review, never overwritten."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import KBO_ORGANISATIONS, KBO_REGISTER

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError, ImportValidationError, NotFound
from maillage.graph.vocabulary import ProposalStatus
from maillage.importers.kbo import import_register
from maillage.queries import curation
from maillage.queries.proposals import proposals
from maillage.queries.search import search

STAFF = curation.Actor(name="Équipe test", role="staff")


def _pending(graph: Graph) -> dict[tuple[str, str], object]:
    return {(p.target, p.field): p.proposed for p in proposals(graph)}


def test_the_register_proposes_the_values_that_differ_from_the_graph(registered: Graph) -> None:
    import_register(registered, KBO_REGISTER)
    assert _pending(registered) == {
        ("cai", "name"): "Centre d'action interculturelle de la province de Namur",
        ("cai", "nameNl"): "Centrum voor interculturele actie van de provincie Namen",
        ("cai", "address"): "Rue Docteur Haibe 2, 5000 Namur",
        ("cai", "legalForm"): "Association sans but lucratif",
        ("cai", "naceCodes"): ["88991"],
        ("fede-test", "nameDe"): "Föderation der LII Test",
        ("fede-test", "address"): "Rue de test 12 bte 3, 4000 Liège",
        ("fede-test", "legalForm"): "Association sans but lucratif",
        ("fede-test", "naceCodes"): ["94991"],
    }


def test_proposals_leave_the_organisations_unchanged(registered: Graph) -> None:
    before = registered.read("MATCH (n:Organisation) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    import_register(registered, KBO_REGISTER)
    assert registered.read("MATCH (n:Organisation) RETURN n.id AS id, properties(n) AS p ORDER BY id") == before


def test_each_proposal_cites_the_register_file_and_row(registered: Graph) -> None:
    import_register(registered, KBO_REGISTER)
    name = next(p for p in proposals(registered) if (p.target, p.field) == ("cai", "nameNl"))
    assert name.source.endswith("kbo/denomination.csv")
    assert name.locator == "ligne 3"


def test_the_report_names_matched_and_missing_organisations(registered: Graph) -> None:
    report = import_register(registered, KBO_REGISTER)
    assert (report.matched, report.missing) == (["cai", "fede-test"], ["absente"])


def test_importing_the_register_twice_proposes_nothing_new(registered: Graph) -> None:
    first = import_register(registered, KBO_REGISTER)
    second = import_register(registered, KBO_REGISTER)
    assert (first.created, second.created, len(proposals(registered))) == (9, 0, 9)


def test_accepting_a_proposal_sets_the_value_and_audits_it(registered: Graph) -> None:
    import_register(registered, KBO_REGISTER)
    proposal = next(p for p in proposals(registered) if (p.target, p.field) == ("cai", "nameNl"))
    entry = curation.decide_proposal(registered, proposal.id, accept=True, actor=STAFF)
    stored = registered.read("MATCH (n:Organisation {id: 'cai'}) RETURN n.nameNl AS nl")[0]["nl"]
    assert stored == proposal.proposed
    assert entry.after is not None
    assert (entry.operation, entry.target, entry.after["nameNl"]) == ("acceptProposal", "cai", stored)


def test_an_accepted_dutch_name_is_found_by_search(registered: Graph) -> None:
    import_register(registered, KBO_REGISTER)
    proposal = next(p for p in proposals(registered) if (p.target, p.field) == ("cai", "nameNl"))
    curation.decide_proposal(registered, proposal.id, accept=True, actor=STAFF)
    assert [hit.id for hit in search(registered, "interculturele actie Namen")] == ["cai"]


def test_refusing_a_proposal_changes_nothing_and_is_not_proposed_again(registered: Graph) -> None:
    import_register(registered, KBO_REGISTER)
    proposal = next(p for p in proposals(registered) if (p.target, p.field) == ("cai", "name"))
    curation.decide_proposal(registered, proposal.id, accept=False, actor=STAFF)
    import_register(registered, KBO_REGISTER)
    name = registered.read("MATCH (n:Organisation {id: 'cai'}) RETURN n.name AS name")[0]["name"]
    assert name == "Centre d'Action Interculturelle"
    assert [p.id for p in proposals(registered, ProposalStatus.REJECTED)] == [proposal.id]
    assert ("cai", "name") not in _pending(registered)


def test_a_proposal_cannot_be_decided_twice(registered: Graph) -> None:
    import_register(registered, KBO_REGISTER)
    proposal = proposals(registered)[0]
    curation.decide_proposal(registered, proposal.id, accept=False, actor=STAFF)
    with pytest.raises(ConflictError, match="déjà refusée"):
        curation.decide_proposal(registered, proposal.id, accept=True, actor=STAFF)


def test_a_proposal_on_a_value_changed_since_is_refused(registered: Graph) -> None:
    import_register(registered, KBO_REGISTER)
    proposal = next(p for p in proposals(registered) if (p.target, p.field) == ("cai", "name"))
    registered.write("MATCH (n:Organisation {id: 'cai'}) SET n.name = 'Nom changé entre-temps'")
    with pytest.raises(ConflictError, match="a changé depuis la proposition"):
        curation.decide_proposal(registered, proposal.id, accept=True, actor=STAFF)
    assert registered.read("MATCH (n {id: 'cai'}) RETURN n.name AS n")[0]["n"] == "Nom changé entre-temps"


def test_an_unknown_proposal_is_not_found(registered: Graph) -> None:
    with pytest.raises(NotFound, match="kbo-nope"):
        curation.decide_proposal(registered, "kbo-nope", accept=True, actor=STAFF)


def test_a_missing_register_file_is_named_and_nothing_is_proposed(registered: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "bce"
    shutil.copytree(KBO_REGISTER, folder)
    (folder / "activity.csv").unlink()
    with pytest.raises(ImportValidationError, match="activity.csv"):
        import_register(registered, folder)
    assert proposals(registered) == []


def test_a_missing_column_is_named_with_its_file(registered: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "bce"
    shutil.copytree(KBO_REGISTER, folder)
    text = (folder / "denomination.csv").read_text(encoding="utf-8")
    (folder / "denomination.csv").write_text(text.replace('"Denomination"', '"Nom"', 1), encoding="utf-8")
    with pytest.raises(ImportValidationError) as caught:
        import_register(registered, folder)
    assert [(p.file, p.field) for p in caught.value.problems] == [("denomination.csv", "Denomination")]


def test_an_invalid_enterprise_number_in_an_import_is_refused_by_row_and_field(
    load_yaml: Callable[[str], Graph],
) -> None:
    with pytest.raises(ImportValidationError) as caught:
        load_yaml(KBO_ORGANISATIONS.read_text(encoding="utf-8").replace("BE0418547872", "BE0418547873"))
    problem = caught.value.problems[0]
    assert (problem.field, "contrôle" in problem.message) == ("enterpriseNumber", True)


def test_two_organisations_cannot_share_an_enterprise_number(
    load_yaml: Callable[[str], Graph], empty_graph: Graph
) -> None:
    with pytest.raises(ConflictError, match="0418.547.872"):
        load_yaml(KBO_ORGANISATIONS.read_text(encoding="utf-8").replace('"0452.001.291"', '"0418.547.872"'))
    assert empty_graph.read("MATCH (n:Organisation) RETURN count(n) AS n")[0]["n"] == 0
