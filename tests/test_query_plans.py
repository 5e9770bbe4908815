"""Every query plans on an index or a bounded expansion from the nodes its parameters name.

Each ``.cypher`` file under queries/ is planned (EXPLAIN, nothing runs) on the reference graph (the same plans
were checked on ``synth --scale 10``),
with representative parameters; its plan may hold no AllNodesScan, and no NodeByLabelScan of a large
label, unless the file is listed in :data:`SCANS` with the reason it reads everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from maillage.graph.connection import Graph
from maillage.graph.folding import label_range, sort_key
from maillage.queries import available, load
from maillage.queries.search import fulltext_query
from maillage.queries.snapshot import IMPORT_JOURNAL

SMALL_LABELS = frozenset({"Theme", "Memorandum", "SchemaMigration", "ApiToken", "GraphVersion"})
"""Labels whose nodes number a few dozen whatever the size of the graph: scanning them is bounded."""
# NodeIndexScan is not a full scan here: every one left reads an index in order under a LIMIT (a page).
FULL_SCANS = frozenset({"AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan"})

SCANS: dict[str, str] = {
    "export.count": "counts every node before a restore: the count store, no read of the nodes",
    "export.nodes": "export and backup: every node of the graph",
    "export.relationships": "export and backup: every relationship of the graph",
    "restoring.wipe_relationships": "restore --force, or a failed restore: deletes every relationship",
    "restoring.wipe_nodes": "restore --force, or a failed restore: deletes every node",
    "diagonal.seats_by_body": "the whole mandate registry, body by body (no parameter selects)",
    "diagonal.bodies_without_sector_seat": "every body, to find those without a sector seat (no parameter selects)",
    "diagonal.seats_per_person": "every person's mandates, to rank the busiest (no parameter selects)",
    "diagonal.seats_per_organisation": "every holder's mandates, to rank the busiest (no parameter selects)",
    "vertical.mandate_principals": "every valid mandate, to size every base (the base-size ranking)",
    "aggregation.organisation_facets": "counts of every organisation by kind, sector, territory, theme and mesh",
    "merging.list": "the merges made by the curators: bookkeeping nodes, a handful",
    "merging.aliases": "the merges in force, for an import to rewrite merged ids: bookkeeping nodes, a handful",
    "merging.named_entities": "duplicate detection compares every entity of a label (dynamic label: AllNodesScan)",
    "history.tie_changes": "changes between two dates: every relationship of the chosen types (no index on dates)",
    "network.edges": "the network view of the whole graph: every edge of the chosen layers, cut at $limit",
    "importing.begin": "is the graph empty? the scan stops at the first entity (LIMIT 1)",
    "importing.unfinished": "imports left unfinished by a killed importer: bookkeeping nodes, at most one",
    "privacy.person_names": "masking a source page for an anonymous reader needs every person's name",
    "horizontal.suggestion_territories": "the territory tree, once per graph version into the suggestion index",
}
"""Files that read a whole label on purpose, with the reason."""

ON = dt.date(2025, 6, 1)
START, END = label_range("Organisation")
PARAMS: dict[str, Any] = {
    "activeOnly": False,
    "actor": "admin",
    "after": None,
    "afterKey": "",
    "afterName": "",
    "afterCpas": "",
    "afterAt": None,
    "afterId": None,
    "asOf": ON,
    "backward": ["MEMBER_OF"],
    "forward": ["MEMBER_OF", "PARTNERS_WITH"],
    "before": None,
    "body": None,
    "bodyId": "observatoire",
    "commonForFull": 3,
    "cpasKind": "cpas",
    "criId": "cai",
    "criKind": "cri",
    "depth": 4,
    "descending": False,
    "details": True,
    "entries": [],
    "directTypes": ["PARTNERS_WITH", "MEMBER_OF"],
    "from": "cai",
    "groups": [{"id": "x", "kinds": ["ili"]}],
    "hash": "0" * 64,
    "holderId": "cai",
    "id": "cai",
    "ids": ["cai", "coupole"],
    "in": ["4:00000000-0000-0000-0000-000000000000:1"],
    "into": ["4:00000000-0000-0000-0000-000000000000:1"],
    "iliKind": "ili",
    "includeWider": True,
    "k": 3,
    "kept": "cai",
    "key": "k",
    "keys": ["4:00000000-0000-0000-0000-000000000000:0"],
    "kinds": None,
    "label": "Organisation",
    "labels": ["Organisation"],
    "left_out": IMPORT_JOURNAL,
    "layerOf": {"PARTNERS_WITH": "horizontal", "MEMBER_OF": "vertical"},
    "level": "commune",
    "limit": 20,
    "mandate": "m",
    "maxDepth": 4,
    "memorandumId": "memorandum-2024",
    "merged": "cai-bis",
    "meshTypes": ["PARTNERS_WITH", "MEMBER_OF"],
    "minSectors": 1,
    "operation": None,
    "out": ["4:00000000-0000-0000-0000-000000000000:0"],
    "pairs": [{"source": "coupole", "target": "cocom"}],
    "person": "p",
    "platform": None,
    "properties": {"validTo": ON},
    "provinceLevel": "province",
    "query": fulltext_query("centre"),
    "ring": 1,
    "role": "staff",
    "run": "import-1",
    "previous": None,
    "relKeys": ["5:00000000-0000-0000-0000-000000000000:0"],
    "rows": [],
    "sector": "integration",
    "since": dt.date(2024, 1, 1),
    "size": 1000,
    "snapshot": "{}",
    "state": "writing",
    "sectors": None,
    "sources": ["coupole"],
    "sortKey": "name",
    "status": "pending",
    "target": "cai",
    "targets": ["cai"],
    "territory": None,
    "theme": None,
    "themeId": "fle",
    "themes": ["fle"],
    "threshold": 2,
    "to": "cocom",
    "token": "t",
    "tokenName": "t",
    "towards": ["logement", "sante"],
    "type": "PARTNERS_WITH",
    "types": ["PARTNERS_WITH"],
    "until": dt.date(2025, 12, 31),
    "validTo": ON,
    "weights": {"themes": 0.4, "territory": 0.3, "common_partners": 0.2, "centrality": 0.1},
    "withPeople": False,
    "withinId": "prov-namur",
    "year": 2023,
}
"""A representative value of each parameter, by name."""
OVERRIDES: dict[str, dict[str, Any]] = {
    "network.edges_in_territory": {"territory": "prov-namur"},
    "entities.page_by_values": {"kinds": ["cri", "cpas"], "sortKey": "id"},
    "entities.page_by_theme": {"theme": "fle"},
    "entities.page_by_territory": {"territory": "prov-namur"},
    "entities.page_by_platform": {"platform": "plateforme-fle-namur"},
    "entities.page_by_body": {"body": "observatoire"},
    "entities.page_by_label": {"after": START, "start": START, "end": END},
    "entities.page_by_label_desc": {"start": START, "end": END, "after": END},
    "entities.page_by_label_id": {"start": START, "end": END, "after": START},
    "entities.page_by_label_id_desc": {"start": START, "end": END, "after": END},
    "entities.page_by_kind": {"kinds": ["cri", "cpas"], "after": START},
    "entities.page_by_kind_desc": {"kinds": ["cri", "cpas"], "after": END},
    "entities.page_by_sector": {"sectors": ["integration"], "after": START},
    "entities.page_by_sector_desc": {"sectors": ["integration"], "after": END},
    "horizontal.bridges_page": {"after": START},
    "gaps.cpas_without_cri_link": {"afterCpas": sort_key("Organisation", "cpas-ciney", "CPAS de Ciney")},
    "diagonal.access_bridges_in": {"from": ["4:00000000-0000-0000-0000-000000000000:0"]},
}


def params_of(name: str) -> dict[str, Any]:
    query = load(name)
    values = {**PARAMS, **OVERRIDES.get(name, {})}
    missing = query.params - values.keys()
    assert not missing, f"{query.path}: ajoutez une valeur représentative pour {sorted(missing)} dans PARAMS"
    return {p: values[p] for p in query.params}


def operators(plan: Any) -> Iterator[tuple[str, str]]:
    """(operator, details) of every operator of a plan, the plan's own first."""
    yield plan.get("operatorType", "").split("@")[0], str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from operators(child)


def plan_of(graph: Graph, name: str) -> list[tuple[str, str]]:
    query = load(name)
    summary = graph.execute(lambda tx: tx.run("EXPLAIN " + query.text, params_of(name)).consume())
    return list(operators(summary.plan))


def scanned_labels(operator: str, details: str) -> set[str]:
    """The labels a scanning operator reads whole (AllNodesScan: every label)."""
    if operator == "AllNodesScan":
        return {"*"}
    return {part.split(")")[0].split(" ")[0].split("|")[0] for part in details.split(":")[1:]}


@pytest.mark.parametrize("name", [n for n in available() if n not in SCANS])
def test_the_query_plans_without_scanning_a_large_label(reference_graph: Graph, name: str) -> None:
    scans = [
        f"{operator} {details}"
        for operator, details in plan_of(reference_graph, name)
        if operator in FULL_SCANS and scanned_labels(operator, details) - SMALL_LABELS
    ]
    assert not scans, f"{load(name).path}: {scans}"


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_query_listed_as_scanning_exists(name: str) -> None:
    """The list of whole-graph queries names real files (a renamed file must not keep its exemption)."""
    assert name in available()
