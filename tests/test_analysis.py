"""Centrality and network analysis: hand-computed answers on small graphs, layer selection, the cache
keyed on the graph version, the path measures against networkx (exact) and their sampling error, and
what the reference data implies."""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from maillage.analysis import analyse, brokers, compute, louvain, measures, paths, ranked
from maillage.analysis.measures import SEED, betweenness, closeness, path_measures, pivots_of, power_iteration
from maillage.graph.connection import Graph
from maillage.graph.vocabulary import Layer

AS_OF = dt.date(2025, 6, 1)


def directed(g: nx.Graph) -> nx.DiGraph:
    """``g`` directed, its nodes named like the graph's ids (strings)."""
    return nx.relabel_nodes(nx.DiGraph(g.edges), str)


def test_the_centre_of_a_star_ranks_first_on_every_path_measure() -> None:
    scores = compute(directed(nx.star_graph(5)))
    for measure in ("degree", "betweenness", "closeness", "eigenvector"):
        assert scores[measure]["0"].rank == 1, measure
    assert scores["betweenness"]["0"].value == 1.0
    assert scores["betweenness"]["1"].value == 0.0
    assert scores["degree"]["0"].value == 5.0


def test_on_a_path_the_middle_is_most_between() -> None:
    scores = compute(directed(nx.path_graph(5)))
    assert [scores["betweenness"][str(n)].value for n in range(5)] == [0.0, 0.5, pytest.approx(0.666667), 0.5, 0.0]


def test_direction_counts_for_in_and_out_degree() -> None:
    g = nx.DiGraph([("ili-1", "fede"), ("ili-2", "fede"), ("fede", "coupole")])
    scores = compute(g)
    assert (scores["in_degree"]["fede"].value, scores["out_degree"]["fede"].value) == (2.0, 1.0)


def test_ties_share_a_rank_and_percentiles_count_from_the_bottom() -> None:
    result = ranked({"a": 3.0, "b": 2.0, "c": 2.0, "d": 1.0})
    assert [result[n].rank for n in "abcd"] == [1, 2, 2, 4]
    assert (result["a"].percentile, result["d"].percentile) == (100.0, 25.0)


def test_two_cliques_joined_by_a_bridge_make_two_communities() -> None:
    g = nx.barbell_graph(5, 0)
    assert sorted(len(c) for c in louvain(g)) == [5, 5]


def test_the_ends_of_the_bridge_are_the_brokers() -> None:
    g = nx.barbell_graph(5, 0)
    nx.set_node_attributes(g, {n: "integration" if n < 5 else "sante" for n in g}, "sector")
    communities = louvain(g)
    membership = {n: i for i, c in enumerate(communities) for n in c}
    scores = ranked(nx.betweenness_centrality(g))
    found = brokers(g, scores, membership)
    assert {b.node for b in found} == {4, 5}
    assert "relie 2 secteurs" in found[0].explanation


def _awkward_graphs() -> dict[str, nx.Graph]:
    """Disconnected graphs, isolated nodes, a path, a star, two cliques and a bridge, random graphs."""
    disconnected = nx.gnp_random_graph(120, 0.02, seed=3)
    disconnected.add_nodes_from(["seul-1", "seul-2"])
    with_loop = nx.gnp_random_graph(60, 0.08, seed=5)
    with_loop.add_edge(0, 0)
    return {
        "path": nx.path_graph(9),
        "star": nx.star_graph(7),
        "barbell": nx.barbell_graph(6, 0),
        "bridge and tail": nx.barbell_graph(4, 3),
        "isolated only": nx.empty_graph(4),
        "one node": nx.empty_graph(1),
        "two nodes": nx.path_graph(2),
        "disconnected with isolated nodes": disconnected,
        "self-loop": with_loop,
        "random sparse": nx.gnp_random_graph(300, 0.006, seed=11),
        "random dense": nx.gnp_random_graph(150, 0.1, seed=13),
        "preferential": nx.barabasi_albert_graph(400, 2, seed=17),
        "string nodes": nx.relabel_nodes(nx.karate_club_graph(), lambda v: f"org-{v}"),
    }


@pytest.mark.parametrize("name", list(_awkward_graphs()))
def test_exact_path_measures_equal_networkx(name: str) -> None:
    g = _awkward_graphs()[name]
    ours = path_measures(g)
    expected_betweenness = nx.betweenness_centrality(g, normalized=True)
    expected_closeness = nx.closeness_centrality(g, wf_improved=True)
    assert ours["betweenness"].keys() == expected_betweenness.keys()
    for v in g:
        assert ours["betweenness"][v] == pytest.approx(expected_betweenness[v], abs=1e-9), v
        assert ours["closeness"][v] == pytest.approx(expected_closeness[v], abs=1e-12), v


def test_each_path_measure_alone_equals_networkx() -> None:
    g = nx.gnp_random_graph(200, 0.015, seed=23)
    assert betweenness(g) == pytest.approx(nx.betweenness_centrality(g), abs=1e-9)
    assert closeness(g) == pytest.approx(nx.closeness_centrality(g), abs=1e-12)


def test_batches_of_any_size_give_the_same_answer() -> None:
    g = nx.gnp_random_graph(90, 0.04, seed=29)
    nodes, a = paths.adjacency(g)
    one = paths.sweep(a, np.arange(len(nodes)), batch=1)
    many = paths.sweep(a, np.arange(len(nodes)), batch=7)
    assert one.dependency == pytest.approx(many.dependency, abs=1e-12)
    assert (one.source_total == many.source_total).all() and (one.node_sources == many.node_sources).all()


@pytest.mark.parametrize("k", [2, 40, 250])
def test_sampled_betweenness_is_networkx_with_the_same_pivots(k: int) -> None:
    g = nx.gnp_random_graph(300, 0.01, seed=31)
    g.add_node("seul")
    ours = betweenness(g, exact_max=10, pivots=k)
    expected = nx.betweenness_centrality(g, k=k, seed=SEED, normalized=True)
    assert ours == pytest.approx(expected, abs=1e-9)


def test_sampled_closeness_is_exact_for_pivots_and_small_components() -> None:
    g = nx.barabasi_albert_graph(600, 2, seed=37)
    g.add_edges_from(nx.relabel_nodes(nx.path_graph(12), lambda v: f"queue-{v}").edges)  # too small to hold pivots
    g.add_node("seul")
    sampled = closeness(g, exact_max=100, pivots=60)
    exact = nx.closeness_centrality(g)
    chosen = pivots_of(g, 60)
    assert all(sampled[v] == pytest.approx(exact[v], abs=1e-12) for v in chosen)
    assert all(sampled[f"queue-{i}"] == pytest.approx(exact[f"queue-{i}"], abs=1e-12) for i in range(12))
    assert sampled["seul"] == 0.0


def test_a_large_component_without_enough_pivots_gets_its_own() -> None:
    """Two components, one far bigger: few pivots fall in the smaller one, which is too big to be exact."""
    g = nx.disjoint_union(nx.barabasi_albert_graph(2000, 2, seed=41), nx.barabasi_albert_graph(150, 2, seed=43))
    sampled = closeness(g, exact_max=100, pivots=40)
    exact = nx.closeness_centrality(g)
    assert _spearman(exact, sampled, list(range(2000, 2150))) > 0.8
    assert _spearman(exact, sampled, list(range(2000))) > 0.8


def _spearman(exact: dict, estimate: dict, nodes: list) -> float:  # type: ignore[type-arg]
    exact_rank = {n: r for r, n in enumerate(sorted(nodes, key=lambda n: -exact[n]))}
    estimate_rank = {n: r for r, n in enumerate(sorted(nodes, key=lambda n: -estimate[n]))}
    n = len(nodes)
    return 1 - 6 * sum((exact_rank[v] - estimate_rank[v]) ** 2 for v in nodes) / (n * (n * n - 1))


def _top(exact: dict, estimate: dict, nodes: list, size: int = 10) -> int:  # type: ignore[type-arg]
    best = set(sorted(nodes, key=lambda v: -exact[v])[:size])
    return len(best & set(sorted(nodes, key=lambda v: -estimate[v])[:size]))


def test_sampled_closeness_stays_close_to_the_exact_one_on_a_mid_size_graph() -> None:
    """The trade-off of docs/analysis.md: 300 pivots on 1,500 nodes keep the ranking and the top 10."""
    g = nx.barabasi_albert_graph(1500, 2, seed=7)
    exact = closeness(g, exact_max=10_000)
    sampled = closeness(g, exact_max=100, pivots=300)
    nodes = sorted(g)
    assert _spearman(exact, sampled, nodes) > 0.95
    assert _top(exact, sampled, nodes) >= 7
    worst = max(abs(sampled[v] - exact[v]) / exact[v] for v in nodes)
    assert worst < 0.1


def test_the_examples_of_the_docstrings_hold() -> None:
    for module in (measures, paths):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_path_measures_want_an_undirected_graph() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        betweenness(nx.DiGraph([(1, 2)]))


def test_sampled_betweenness_stays_close_to_the_exact_one_on_a_mid_size_graph() -> None:
    """The trade-off of docs/analysis.md: 300 pivots on 1,500 nodes keep the ranking and the top 10."""
    g = nx.barabasi_albert_graph(1500, 2, seed=7)
    exact = betweenness(g, exact_max=10_000)
    sampled = betweenness(g, exact_max=100, pivots=300)
    nodes = sorted(g)
    exact_rank = {n: r for r, n in enumerate(sorted(nodes, key=lambda n: -exact[n]))}
    sampled_rank = {n: r for r, n in enumerate(sorted(nodes, key=lambda n: -sampled[n]))}
    n = len(nodes)
    spearman = 1 - 6 * sum((exact_rank[v] - sampled_rank[v]) ** 2 for v in nodes) / (n * (n * n - 1))
    top = len(set(sorted(nodes, key=lambda v: -exact[v])[:10]) & set(sorted(nodes, key=lambda v: -sampled[v])[:10]))
    assert spearman > 0.85
    assert top >= 7


SECTOR = """
organisations:
  - {id: coupole, name: Coupole, kind: coupole, sector: integration}
  - {id: fede, name: Fédération, kind: federation, sector: integration}
  - {id: ili, name: ILI, kind: ili, sector: integration}
  - {id: cpas, name: CPAS, kind: cpas, sector: action_sociale}
bodies:
  - {id: observatoire, name: Observatoire, kind: observatoire}
mandates:
  - {id: m1, body: observatoire, holder: coupole}
relations:
  - {type: MEMBER_OF, from: fede, to: coupole, role: fondateur}
  - {type: MEMBER_OF, from: ili, to: fede, role: affilie}
  - {type: PARTNER_OF, from: ili, to: cpas}
"""


@pytest.fixture
def sector(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(SECTOR)


def test_each_layer_projects_only_its_relationships(sector: Graph) -> None:
    assert set(analyse(sector, Layer.VERTICAL, as_of=AS_OF).nodes) == {"coupole", "fede", "ili"}
    assert set(analyse(sector, Layer.HORIZONTAL, as_of=AS_OF).nodes) == {"ili", "cpas"}
    assert set(analyse(sector, Layer.DIAGONAL, as_of=AS_OF).nodes) == {"coupole", "m1", "observatoire"}


def test_a_repeated_analysis_comes_from_the_cache(sector: Graph) -> None:
    first = analyse(sector, Layer.VERTICAL, as_of=AS_OF)
    assert analyse(sector, Layer.VERTICAL, as_of=AS_OF) is first


def test_a_write_invalidates_the_cache(sector: Graph) -> None:
    first = analyse(sector, Layer.VERTICAL, as_of=AS_OF)
    sector.write("MATCH (v:GraphVersion) SET v.version = v.version + 1")
    sector.write(
        "MATCH (a:Organisation {id: 'cpas'}), (b:Organisation {id: 'fede'}) "
        "CREATE (a)-[:MEMBER_OF {key: 'test', role: 'membre'}]->(b)"
    )
    second = analyse(sector, Layer.VERTICAL, as_of=AS_OF)
    assert second is not first
    assert "cpas" in second.nodes


def test_in_the_reference_data_the_coupole_is_linked_to_the_five_federations(reference_graph: Graph) -> None:
    """Seed 000 l.21-22 and 102-110: the five federations founded the Coupole."""
    vertical = analyse(reference_graph, Layer.VERTICAL)
    coupole = vertical.nodes["coupole"]
    assert coupole.scores["in_degree"].value >= 5
    assert {"aleap", "caips", "codef", "fdss", "risome"} <= set(vertical.nodes)


def test_every_node_of_the_reference_data_has_every_measure(reference_graph: Graph) -> None:
    result = analyse(reference_graph)
    assert result.nodes and all(len(n.scores) == 7 for n in result.nodes.values())
    assert result.communities >= 1


def test_the_analyze_command_writes_every_measure_to_csv(
    reference_graph: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "mesures.csv"
    command = [str(Path(sys.executable).parent / "maillage"), "analyze", "--layer", "vertical", "--csv", str(out)]
    done = subprocess.run(command, env={**os.environ, **test_server}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    coupole = next(r for r in rows if r["id"] == "coupole")
    assert float(coupole["in_degree_valeur"]) >= 5
    assert "Coupole" in done.stdout


def test_an_emptied_and_refilled_graph_is_not_served_from_the_cache(
    sector: Graph, load_yaml: Callable[[str], Graph]
) -> None:
    """The version counter restarts with the graph; its epoch does not, so the cache is not fooled."""
    first = analyse(sector, Layer.VERTICAL, as_of=AS_OF)
    refilled = load_yaml(SECTOR.replace("ili, name: ILI,", "ili, name: ILI renommée,"))
    second = analyse(refilled, Layer.VERTICAL, as_of=AS_OF)
    assert second is not first
    assert second.nodes["ili"].name == "ILI renommée"


def test_eigenvector_on_a_disconnected_graph_is_networkxs_power_iteration() -> None:
    """The numpy solver refuses a disconnected graph; the vectorised iteration gives networkx's own answer."""
    g = nx.disjoint_union(nx.gnm_random_graph(200, 600, seed=3), nx.gnm_random_graph(40, 90, seed=4))
    expected = nx.eigenvector_centrality(g, max_iter=1000, tol=1e-6)
    found = power_iteration(g)
    assert max(abs(found[n] - expected[n]) for n in g) < 1e-12
