"""Hostile input for the importers, property-based: random malformed rows always give a clear error
that names the file, row and field, and never change the database."""

from __future__ import annotations

import csv
import io
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError
from maillage.graph.model import RelType
from maillage.graph.vocabulary import OrgKind, Sector
from maillage.importers import import_paths

BASE = """
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration}
  - {id: aleap, name: ALEAP, kind: federation, sector: integration}
"""

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

# Values that are sometimes valid and often not: the importer must tell which.
text_values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "=1+1", "-3", "@cmd", "null", "None", "é", "\u202e", "x" * 2000, "2024-02-30", "1e309"]),
)
ids = st.one_of(st.sampled_from(["coupole", "aleap", "nouvelle", "Majuscule", "a b", "", "ili-1"]), text_values)
kinds = st.one_of(st.sampled_from([k.value for k in OrgKind]), text_values)
sectors = st.one_of(st.sampled_from([s.value for s in Sector]), text_values)
dates = st.one_of(st.sampled_from(["2024-01-01", "2023-12-31", "", "31/12/2024", "2024-13-01"]), text_values)
rel_types = st.one_of(st.sampled_from([t.value for t in RelType]), text_values)

organisation_rows = st.lists(
    st.fixed_dictionaries({"id": ids, "name": text_values, "kind": kinds, "sector": sectors, "website": text_values}),
    min_size=1,
    max_size=6,
)
relation_rows = st.lists(
    st.fixed_dictionaries(
        {"type": rel_types, "from": ids, "to": ids, "role": text_values, "validFrom": dates, "validTo": dates}
    ),
    min_size=1,
    max_size=6,
)


def snapshot(graph: Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes = graph.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels(n)[0]")
    rels = graph.read("MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS props ORDER BY r.key")
    return nodes, rels


def as_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def base(load_yaml: Any) -> Graph:
    graph: Graph = load_yaml(BASE)
    return graph


def check_all_or_nothing(graph: Graph, path: Path) -> None:
    """Import ``path``: it succeeds, or it fails with located problems and the database unchanged."""
    before = snapshot(graph)
    try:
        import_paths(graph, [path])
    except ImportValidationError as error:
        assert error.problems, "une erreur d'import doit lister ses problèmes"
        for problem in error.problems:
            assert problem.file == str(path)
            assert problem.message.strip()
            assert problem.row is None or problem.row >= 1
        assert snapshot(graph) == before


@FUZZ
@given(rows=organisation_rows)
def test_random_organisation_rows_are_imported_or_refused_with_located_errors(
    base: Graph, tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "organisations.csv"
    path.write_text(as_csv(rows), encoding="utf-8")
    check_all_or_nothing(base, path)


@FUZZ
@given(rows=relation_rows)
def test_random_relation_rows_are_imported_or_refused_with_located_errors(
    base: Graph, tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "relations.csv"
    path.write_text(as_csv(rows), encoding="utf-8")
    check_all_or_nothing(base, path)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes_are_refused_with_a_clear_error(
    base: Graph, tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "organisations.csv"
    path.write_bytes(raw)
    check_all_or_nothing(base, path)


@FUZZ
@given(
    document=st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(alphabet=string.printable, max_size=20)),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.text(string.ascii_letters, max_size=12), children, max_size=4),
        ),
        max_leaves=20,
    )
)
def test_random_yaml_documents_are_refused_or_imported_never_crashing(
    base: Graph, tmp_path_factory: pytest.TempPathFactory, document: object
) -> None:
    import yaml

    path = tmp_path_factory.mktemp("fuzz") / "donnees.yaml"
    path.write_text(yaml.safe_dump({"organisations": document}, allow_unicode=True), encoding="utf-8")
    check_all_or_nothing(base, path)
