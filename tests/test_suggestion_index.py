"""Partner suggestions from the in-process index: the same answer as the query, and only when it may answer.

The index (``maillage.queries.suggestion_index``) holds what does not depend on the target, for one graph
version and one day; ``partner_suggestions(..., index=...)`` uses it only when it was built at the graph's
current version for the requested date, and falls back to the query otherwise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import REFERENCE_FILES, eventually, wipe

from maillage.analysis.suggestions import suggestion_index, wait_for_suggestion_index
from maillage.graph.connection import Graph
from maillage.graph.errors import MaillageError
from maillage.importers import import_paths
from maillage.importers.synthetic import generate
from maillage.queries.horizontal import partner_suggestions
from maillage.queries.results import today
from maillage.queries.suggestion_index import build, cypher_round

AS_OF = dt.date(2025, 6, 1)

SECTOR = """
themes:
  - {id: fle, name: Français langue étrangère}
  - {id: isp, name: Insertion socioprofessionnelle}
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: prov-namur, name: Province de Namur, level: province, parent: wallonie}
  - {id: com-namur, name: Namur, level: commune, parent: prov-namur}
organisations:
  - {id: cible, name: Cible, kind: ili, sector: integration, themes: [fle, isp], location: com-namur}
  - {id: alpha, name: Alpha, kind: operateur, sector: formation, themes: [fle, isp], location: com-namur}
  - {id: bravo, name: Bravo, kind: operateur, sector: formation, themes: [fle], location: com-namur}
  - {id: provincial, name: Provincial, kind: operateur, sector: formation, themes: [fle], territories: [prov-namur]}
  - {id: pont, name: Pont, kind: cpas, sector: action_sociale, location: com-namur}
relations:
  - {type: PARTNER_OF, from: cible, to: pont}
  - {type: PARTNER_OF, from: alpha, to: pont}
  - {type: PARTNER_OF, from: bravo, to: pont, validFrom: 2025-01-01}
"""

ARRIVAL = """
organisations:
  - {id: nouveau, name: Nouveau, kind: operateur, sector: formation, themes: [fle, isp], location: com-namur}
"""


def answers(graph: Graph, target: str, **options: Any) -> list[dict[str, Any]] | str:
    """The suggestions as plain data (or the error's message: both paths must refuse alike)."""
    try:
        return [s.model_dump() for s in partner_suggestions(graph, target, **options)]
    except MaillageError as exc:
        return f"{type(exc).__name__}: {exc}"


def suggested(graph: Graph, target: str, **options: Any) -> list[str]:
    return [s.organisation.id for s in partner_suggestions(graph, target, **options)]


def targets(graph: Graph, prefix: str = "") -> list[str]:
    rows = graph.read(
        "MATCH (n:Organisation|Platform) WHERE n.id STARTS WITH $prefix RETURN n.id AS id ORDER BY id",
        {"prefix": prefix},
    )
    return [row["id"] for row in rows]


@pytest.fixture
def sector(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(SECTOR)


def test_the_index_answers_as_the_query_for_every_organisation_and_platform_of_the_reference(
    reference_graph: Graph,
) -> None:
    index = build(reference_graph, AS_OF)
    assert index is not None and len(index) > 40
    found = targets(reference_graph)
    assert len(found) > 100
    for target in found:
        for limit in (20, 100):
            expected = answers(reference_graph, target, as_of=AS_OF, limit=limit)
            assert answers(reference_graph, target, as_of=AS_OF, limit=limit, index=index) == expected, target


def test_the_index_answers_as_the_query_with_a_theme_or_a_territory_given(reference_graph: Graph) -> None:
    index = build(reference_graph, AS_OF)
    assert index is not None
    themes = [row["id"] for row in reference_graph.read("MATCH (t:Theme) RETURN t.id AS id ORDER BY id")]
    places = [row["id"] for row in reference_graph.read("MATCH (t:Territory) RETURN t.id AS id ORDER BY id")]
    chosen = random.Random(15).sample(targets(reference_graph), 12)
    for target in chosen:
        for options in [*({"theme": t} for t in themes[:6]), *({"territory": p} for p in places[::4])]:
            expected = answers(reference_graph, target, as_of=AS_OF, **options)
            assert answers(reference_graph, target, as_of=AS_OF, index=index, **options) == expected, (target, options)


@pytest.fixture(scope="module")
def synthetic(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """The test graph holding ``synth --scale 5`` (five copies of the reference on the same territories)."""
    wipe(graph)
    files = generate(REFERENCE_FILES, scale=5, seed=1, output=tmp_path_factory.mktemp("synth"))
    import_paths(graph, files)
    yield graph
    wipe(graph)


def test_the_index_answers_as_the_query_at_a_synthetic_scale(synthetic: Graph) -> None:
    """Five copies of each organisation on the same territories: many equal scores, ordered by name and id."""
    day = today()
    index = build(synthetic, day)
    assert index is not None
    found = targets(synthetic, "syn1-") + targets(synthetic, "syn4-")[::3]
    assert len(found) > 100
    for target in found:
        expected = answers(synthetic, target, limit=20)
        assert answers(synthetic, target, limit=20, index=index) == expected, target


def test_a_current_index_is_what_answers(sector: Graph) -> None:
    """An index built at the graph's version and the date answers: what it says (here, no relationship for
    anyone) is what comes back."""
    index = build(sector, AS_OF)
    assert index is not None
    flattened = dataclasses.replace(index, degree=index.degree * 0)
    [first, *_] = partner_suggestions(sector, "cible", as_of=AS_OF, index=flattened)
    centrality = next(p for p in first.parts if p.factor == "centrality")
    assert centrality.explanation == "0 lien(s) dans les maillages vertical et horizontal (maximum : 0)"
    assert (
        next(p for p in partner_suggestions(sector, "cible", as_of=AS_OF)[0].parts if p.factor == "centrality").value
        > 0
    )


def test_after_a_write_the_index_of_the_earlier_version_gives_way_to_the_query(
    sector: Graph, load_yaml: Callable[[str], Graph]
) -> None:
    index = build(sector, AS_OF)
    assert index is not None and "nouveau" not in index.position
    load_yaml(ARRIVAL)  # a second import: the graph version changes
    assert "nouveau" in suggested(sector, "cible", as_of=AS_OF, index=index)
    assert answers(sector, "cible", as_of=AS_OF, index=index) == answers(sector, "cible", as_of=AS_OF)


def test_an_index_of_another_day_gives_way_to_the_query(sector: Graph) -> None:
    """Bravo's partnership starts in 2025: on a date in 2024 its degree is 0, not the index's 1."""
    index = build(sector, AS_OF)
    assert index is not None and index.degree[index.position["bravo"]] == 1
    earlier = dt.date(2024, 6, 1)
    found = partner_suggestions(sector, "cible", as_of=earlier, index=index)
    bravo = next(s for s in found if s.organisation.id == "bravo")
    assert next(p for p in bravo.parts if p.factor == "centrality").value == 0.0
    assert answers(sector, "cible", as_of=earlier, index=index) == answers(sector, "cible", as_of=earlier)


def test_the_kept_index_is_built_in_the_background_and_rebuilt_after_a_write(
    sector: Graph, load_yaml: Callable[[str], Graph]
) -> None:
    first = wait_for_suggestion_index(sector)
    assert first is not None and first.day == today()
    assert suggestion_index(sector) is first
    load_yaml(ARRIVAL)
    assert suggestion_index(sector) is None  # an older version: not given, its rebuild started
    assert eventually(lambda: suggestion_index(sector) is not None, timeout=60)
    rebuilt = suggestion_index(sector)
    assert rebuilt is not None and rebuilt.version > first.version and "nouveau" in rebuilt.position


def test_scores_are_rounded_as_cypher_rounds(graph: Graph) -> None:
    """Python's round is half-even on the binary value, Cypher's half-up on the decimal form: the index's
    rounding must give Cypher's on the values a score can take, halfway cases included."""
    rng = random.Random(15)
    values = [
        k / 3 * 0.2 + d / m * 0.1 + t / n * 0.4 + 0.3
        for k in range(4)
        for m in range(1, 40)
        for d in range(m)
        for n, t in [(15, 7), (4, 3), (2, 1)]
    ]
    values += [round(rng.random(), 5) for _ in range(2000)] + [k / 10000 + 0.00005 for k in range(0, 10000, 7)]
    rows = graph.read("UNWIND $values AS v RETURN v, round(v, 4) AS r", {"values": values})
    assert [cypher_round(row["v"]) for row in rows] == [row["r"] for row in rows]
