"""Every import leaves history readable per entity: who ran it, when, from which file and row, and for each
entity and relationship it created or changed, before and after; a failed import leaves none. The history of
an entity (``history(id:)``) gathers mutations, merges and imports, newest first, page by page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError, InvalidInput, NotFound
from maillage.graph.records import RelationRecord
from maillage.importers import import_paths
from maillage.importers.history import COMMAND_LINE, IMPORT
from maillage.queries import curation
from maillage.queries.curation import audit_trail, entity_history
from maillage.queries.merging import merge_entities
from maillage.queries.tokens import create_token

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BASE = [FIXTURES / "base" / "base.yaml", FIXTURES / "base" / "platforms.csv"]
IMPORTER = curation.Actor(name="Import nocturne", role="staff")
STAFF = curation.Actor(name="Équipe test", role="staff")
ORGANISATIONS_CSV = "id,name,kind,sector\nili-b,ILI B,ili,integration\nili-c,ILI C,ili,integration\n"


@pytest.fixture
def imported(empty_graph: Graph) -> Graph:
    """The base fixture dataset, imported (bulk first load) by :data:`IMPORTER`."""
    import_paths(empty_graph, BASE, actor=IMPORTER)
    return empty_graph


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def entries(graph: Graph, target: str) -> list[curation.AuditEntry]:
    return audit_trail(graph, target=target)


def test_a_first_load_records_each_created_entity_with_who_when_and_the_file(imported: Graph) -> None:
    [entry] = entries(imported, "cai")
    assert (entry.operation, entry.actor, entry.role) == (IMPORT, "Import nocturne", "staff")
    assert entry.before is None
    assert entry.after is not None and entry.after["name"] == "Centre d'Action Interculturelle"
    assert entry.file is not None and entry.file.endswith("base.yaml")
    assert entry.import_run is not None and entry.at


def test_a_csv_import_records_the_row_each_entity_comes_from(imported: Graph, tmp_path: Path) -> None:
    import_paths(imported, [write(tmp_path, "organisations.csv", ORGANISATIONS_CSV)], actor=IMPORTER)
    assert [(e.file, e.row) for e in entries(imported, "ili-c")] == [(str(tmp_path / "organisations.csv"), 3)]


def history_of_every_entity(graph: Graph) -> dict[str, list[tuple[Any, ...]]]:
    """What the history of each entity says of the import, leaving out what differs between two runs of it
    (the import's id, the entries' ids and times)."""
    ids = [row["id"] for row in graph.read("MATCH (n:Entity) RETURN n.id AS id")]
    return {
        id_: [
            (e.operation, e.actor, e.role, e.target, e.before, e.after, e.file, e.row, e.import_run is not None)
            for e in entity_history(graph, id_, first=100).entries
        ]
        for id_ in ids
    }


def test_a_first_load_leaves_the_same_history_as_an_import_into_a_graph_with_data(
    empty_graph: Graph, wiper: Any
) -> None:
    import_paths(empty_graph, BASE, actor=IMPORTER, bulk=False)
    incremental = history_of_every_entity(empty_graph)
    wiper(empty_graph)
    import_paths(empty_graph, BASE, actor=IMPORTER)
    bulk = history_of_every_entity(empty_graph)
    assert bulk == incremental
    assert len(bulk) == 7 and all(bulk.values())  # every entity of the base has its creation


def test_a_first_load_records_the_relationships_with_their_properties_and_row(imported: Graph) -> None:
    [entry] = [e for e in entity_history(imported, "pf-fle").entries if e.target == "HAS_THEME:pf-fle->fle"]
    assert (entry.operation, entry.before, entry.row) == (IMPORT, None, 2)
    assert entry.file is not None and entry.file.endswith("platforms.csv")
    assert entry.after is not None and entry.after["source"] == "platforms.csv"


def test_an_import_that_changes_an_entity_records_before_and_after(imported: Graph, tmp_path: Path) -> None:
    changed = "organisations:\n  - {id: aleap, name: ALEAP renommée, kind: federation, sector: integration}\n"
    import_paths(imported, [write(tmp_path, "rename.yaml", changed)], actor=IMPORTER)
    latest, first = entries(imported, "aleap")
    assert latest.before is not None and latest.after is not None
    assert (latest.before["name"], latest.after["name"]) == ("ALEAP", "ALEAP renommée")
    assert latest.file is not None and latest.file.endswith("rename.yaml")
    assert first.before is None


def test_an_import_that_changes_nothing_adds_no_history(imported: Graph) -> None:
    before = len(audit_trail(imported, limit=500))
    import_paths(imported, BASE, actor=IMPORTER)
    assert len(audit_trail(imported, limit=500)) == before


def test_a_relationship_an_import_creates_is_in_the_history_of_both_its_ends(imported: Graph) -> None:
    for end in ("ili-a", "aleap"):
        targets = {e.target for e in entity_history(imported, end).entries}
        assert "MEMBER_OF:ili-a->aleap" in targets


def test_a_changed_relationship_records_its_properties_before_and_after(imported: Graph, tmp_path: Path) -> None:
    moved = "relations:\n  - {type: MEMBER_OF, from: ili-a, to: aleap, role: affilie, validFrom: 2021-06-01}\n"
    import_paths(imported, [write(tmp_path, "moved.yaml", moved)], actor=IMPORTER)
    latest = entries(imported, "MEMBER_OF:ili-a->aleap")[0]
    assert latest.before is not None and latest.after is not None
    assert (latest.before["validFrom"], latest.after["validFrom"]) == ("2020-01-01", "2021-06-01")


def test_the_command_line_records_the_system_user_as_the_actor(imported: Graph, tmp_path: Path) -> None:
    import_paths(imported, [write(tmp_path, "organisations.csv", ORGANISATIONS_CSV)])
    [entry] = entries(imported, "ili-b")
    assert entry.role == COMMAND_LINE and entry.actor


def test_a_failed_import_leaves_no_history(imported: Graph, tmp_path: Path) -> None:
    late = RelationRecord.model_validate({"type": "MEMBER_OF", "from": "cai", "to": "aleap", "role": "affilie"})
    # a relationship already holds the key the last row computes, between other ends: the key constraint refuses it
    imported.write(
        "MATCH (a:Entity {id: 'ili-a'}), (b:Entity {id: 'cai'}) CREATE (a)-[:MEMBER_OF {key: $key}]->(b)",
        {"key": late.key},
    )
    organisations = "".join(f"  - {{id: org-{i}, name: Org {i}, kind: ili, sector: integration}}\n" for i in range(120))
    failing = write(
        tmp_path,
        "failing.yaml",
        "organisations:\n  - {id: aleap, name: ALEAP modifiée, kind: federation, sector: integration}\n"
        + organisations
        + "relations:\n  - {type: MEMBER_OF, from: cai, to: aleap, role: affilie}\n",
    )
    count = "MATCH (a:AuditEntry) RETURN count(a) AS n"
    before = imported.read(count)
    with pytest.raises(ConflictError):
        import_paths(imported, [failing], batch=50, actor=IMPORTER)
    assert imported.read(count) == before
    assert [e.after and e.after["name"] for e in entries(imported, "aleap")] == ["ALEAP"]


def test_the_history_of_an_import_is_hidden_until_the_import_finishes(imported: Graph, tmp_path: Path) -> None:
    seen: list[int] = []

    def look(phase: str, done: int, total: int | None) -> None:
        if phase.startswith("Publication"):
            seen.append(len(entries(imported, "ili-c")))

    import_paths(imported, [write(tmp_path, "organisations.csv", ORGANISATIONS_CSV)], actor=IMPORTER, progress=look)
    assert seen and set(seen) == {0}
    assert len(entries(imported, "ili-c")) == 1


def test_the_history_gathers_imports_mutations_and_merges_newest_first(imported: Graph, tmp_path: Path) -> None:
    import_paths(imported, [write(tmp_path, "organisations.csv", ORGANISATIONS_CSV)], actor=IMPORTER)
    merge_entities(imported, "ili-b", "ili-c", STAFF)
    operations = [e.operation for e in entity_history(imported, "ili-b").entries]
    assert operations == ["merge", IMPORT, IMPORT]  # the merge, then the creations of ili-c and ili-b


def test_the_history_of_a_merged_id_is_that_of_the_kept_entity(imported: Graph, tmp_path: Path) -> None:
    import_paths(imported, [write(tmp_path, "organisations.csv", ORGANISATIONS_CSV)], actor=IMPORTER)
    merge_entities(imported, "ili-b", "ili-c", STAFF)
    page = entity_history(imported, "ili-c")
    assert (page.id, page.ids) == ("ili-b", ["ili-b", "ili-c"])
    assert {e.target for e in page.entries} == {"ili-b", "ili-c"}


def test_the_history_comes_page_by_page_without_repeats(imported: Graph, tmp_path: Path) -> None:
    for name in ("Un", "Deux", "Trois"):
        renamed = f"organisations:\n  - {{id: aleap, name: ALEAP {name}, kind: federation, sector: integration}}\n"
        import_paths(imported, [write(tmp_path, f"{name}.yaml", renamed)], actor=IMPORTER)
    whole = [e.id for e in entity_history(imported, "aleap", first=100).entries]
    pages: list[str] = []
    after = None
    while True:
        page = entity_history(imported, "aleap", first=2, after=after)
        pages.extend(e.id for e in page.entries)
        if not page.has_next_page:
            break
        after = page.end_cursor
    assert pages == whole and len(whole) == len(set(whole)) >= 5


def test_the_history_of_an_unknown_id_is_not_found(imported: Graph) -> None:
    with pytest.raises(NotFound):
        entity_history(imported, "inconnu")


def test_a_forged_history_cursor_is_refused_naming_after(imported: Graph) -> None:
    with pytest.raises(InvalidInput, match="after"):
        entity_history(imported, "aleap", after="pas-un-curseur")


def post(url: str, query: str, variables: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers, timeout=60)
    return dict(response.json())


HISTORY = """query($id: ID!, $first: Int!, $after: String) {
  history(id: $id, first: $first, after: $after) {
    id ids endCursor hasNextPage
    entries { operation actor role target file row importRun before after }
  }
}"""


def test_staff_read_an_entitys_import_history_over_http(imported: Graph, api_server: str, tmp_path: Path) -> None:
    import_paths(imported, [write(tmp_path, "organisations.csv", ORGANISATIONS_CSV)], actor=IMPORTER)
    token = create_token(imported, "Équipe historique", "staff")[1]
    body = post(api_server, HISTORY, {"id": "ili-c", "first": 10}, token)
    page = body["data"]["history"]
    assert (page["id"], page["hasNextPage"]) == ("ili-c", False)
    [entry] = page["entries"]
    assert (entry["operation"], entry["actor"], entry["row"]) == (IMPORT, "Import nocturne", 3)
    assert entry["file"].endswith("organisations.csv") and entry["before"] is None and entry["after"]["name"] == "ILI C"


def test_staff_read_the_history_of_an_entity_of_a_first_load_over_http(imported: Graph, api_server: str) -> None:
    token = create_token(imported, "Équipe historique", "staff")[1]
    page = post(api_server, HISTORY, {"id": "pf-fle", "first": 10}, token)["data"]["history"]
    expected = entity_history(imported, "pf-fle", first=10)
    assert [(e["target"], e["operation"], e["actor"], e["role"], e["file"], e["row"]) for e in page["entries"]] == [
        (e.target, e.operation, e.actor, e.role, e.file, e.row) for e in expected.entries
    ]
    entity = next(e for e in page["entries"] if e["target"] == "pf-fle")
    assert (entity["operation"], entity["actor"], entity["row"], entity["before"]) == (
        IMPORT,
        "Import nocturne",
        2,
        None,
    )
    assert entity["file"].endswith("platforms.csv") and entity["after"]["name"] == "Plateforme FLE"


def test_the_history_is_refused_to_an_anonymous_caller(imported: Graph, api_server: str) -> None:
    body = post(api_server, HISTORY, {"id": "aleap", "first": 10})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_history_page_size_out_of_range_is_refused_over_http(imported: Graph, api_server: str) -> None:
    token = create_token(imported, "Équipe historique", "staff")[1]
    body = post(api_server, HISTORY, {"id": "aleap", "first": 0}, token)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INVALID_INPUT" and "first" in error["message"]
