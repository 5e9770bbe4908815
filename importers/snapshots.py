"""Snapshot files: the whole graph (or a subgraph) as JSON, CSV or GraphML, and back.

* JSON (``{"format": "maillage-graph/1", "nodes": […], "relationships": […]}``) is exact: ``maillage
  import`` and ``maillage db restore`` read it back to the same graph (same canonical hash).
* CSV is a folder with ``nodes.csv`` and ``relationships.csv`` (properties as tagged JSON); a cell that
  a spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) is
  written with a leading apostrophe, which the reader removes again.
* GraphML opens in Gephi: each node has a ``label`` (its name), its labels, kind and scalar properties;
  each edge its type as ``label`` and its French reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError, InvalidInput, Problem
from maillage.graph.folding import KEYS
from maillage.graph.model import LAYER_REL_TYPES, REL_SPECS, RelType
from maillage.graph.vocabulary import Layer
from maillage.queries import snapshot
from maillage.queries.snapshot import SnapshotNode, SnapshotRelationship

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NODE_COLUMNS = ["id", "labels", "properties"]
REL_COLUMNS = ["type", "from", "to", "properties"]


@dataclass(frozen=True)
class Subgraph:
    """Which part of the graph to export: a mesh layer, and/or the neighbourhood of an entity."""

    layer: Layer | None = None
    around: str | None = None
    depth: int = 1


@dataclass
class Snapshot:
    """Nodes and relationships read from the graph or from a file."""

    nodes: list[SnapshotNode]
    relationships: list[SnapshotRelationship]


def take(graph: Graph, subgraph: Subgraph | None = None) -> Snapshot:
    """The graph (or ``subgraph``) as a snapshot."""
    part = subgraph or Subgraph()
    types = sorted(t.value for t in LAYER_REL_TYPES[part.layer]) if part.layer else None
    nodes, rels = snapshot.read_consistent(graph, types)
    if part.layer or part.around:
        keep = _around(rels, part.around, part.depth) if part.around else None
        if keep is not None:
            rels = [r for r in rels if r.from_ in keep and r.to in keep]
        ends = {r.from_ for r in rels} | {r.to for r in rels} | ({part.around} if part.around else set())
        nodes = [n for n in nodes if n.properties.get("id") in ends]
    return Snapshot(nodes, rels)


def _around(rels: list[SnapshotRelationship], start: str, depth: int) -> set[str]:
    neighbours: dict[str, set[str]] = {}
    for r in rels:
        neighbours.setdefault(r.from_, set()).add(r.to)
        neighbours.setdefault(r.to, set()).add(r.from_)
    seen = {start}
    frontier = {start}
    for _ in range(depth):
        frontier = {n for f in frontier for n in neighbours.get(f, ())} - seen
        seen |= frontier
    return seen


# --- JSON ----------------------------------------------------------------------------------------
def write_json(data: Snapshot, path: Path) -> None:
    """Write ``data`` as a snapshot JSON file, one node or relationship per line."""
    with path.open("w", encoding="utf-8") as out:
        header = {"format": snapshot.FORMAT, "exportedAt": dt.datetime.now(dt.UTC).isoformat()}
        out.write(json.dumps(header)[:-1] + ',\n"nodes": [\n')
        for i, node in enumerate(data.nodes):
            out.write(("," if i else "") + json.dumps(node.model_dump(), ensure_ascii=False, sort_keys=True) + "\n")
        out.write('],\n"relationships": [\n')
        for i, rel in enumerate(data.relationships):
            row = {"type": rel.type, "from": rel.from_, "to": rel.to, "properties": rel.properties}
            out.write(("," if i else "") + json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        out.write("]}\n")


def is_snapshot_file(path: Path) -> bool:
    """True when ``path`` is a snapshot JSON file (it starts with the snapshot format tag)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as head:
        return f'"format": "{snapshot.FORMAT}"'.encode() in head.read(200)


def read_json(path: Path) -> Snapshot:
    """Read a snapshot JSON file; ImportValidationError naming the file and the entry on any problem."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ImportValidationError([Problem(str(path), None, None, f"fichier non UTF-8 ({exc.reason})")]) from None
    except json.JSONDecodeError as exc:
        raise ImportValidationError(
            [Problem(str(path), exc.lineno, None, f"JSON invalide ou tronqué : {exc.msg}")]
        ) from None
    if not isinstance(document, dict) or document.get("format") != snapshot.FORMAT:
        raise ImportValidationError([Problem(str(path), None, "format", f"format « {snapshot.FORMAT} » attendu")])
    problems: list[Problem] = []
    nodes: list[SnapshotNode] = []
    rels: list[SnapshotRelationship] = []
    for i, raw in enumerate(document.get("nodes", []), start=1):
        try:
            node = SnapshotNode.model_validate(raw)
            if not node.labels or not isinstance(node.properties.get("id"), str):
                raise ValueError("labels et id obligatoires")
            nodes.append(node)
        except ValueError as exc:
            problems.append(Problem(str(path), None, f"nodes[{i}]", str(exc).splitlines()[0]))
    for i, raw in enumerate(document.get("relationships", []), start=1):
        try:
            rel = SnapshotRelationship.model_validate(
                {**raw, "from_": raw.get("from")} if isinstance(raw, dict) else raw
            )
            RelType(rel.type)
            rels.append(rel)
        except ValueError as exc:
            problems.append(Problem(str(path), None, f"relationships[{i}]", str(exc).splitlines()[0]))
    if problems:
        raise ImportValidationError(problems)
    return Snapshot(nodes, rels)


# --- CSV -----------------------------------------------------------------------------------------
def neutralise(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def restore_cell(cell: str) -> str:
    """The inverse of :func:`neutralise`."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def write_csv(data: Snapshot, folder: Path) -> list[Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes_path, rels_path = folder / "nodes.csv", folder / "relationships.csv"
    with nodes_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(NODE_COLUMNS)
        for node in data.nodes:
            cells = [str(node.properties["id"]), ";".join(node.labels), json.dumps(node.properties, ensure_ascii=False)]
            writer.writerow([neutralise(c) for c in cells])
    with rels_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(REL_COLUMNS)
        for rel in data.relationships:
            cells = [rel.type, rel.from_, rel.to, json.dumps(rel.properties, ensure_ascii=False)]
            writer.writerow([neutralise(c) for c in cells])
    return [nodes_path, rels_path]


def read_csv(folder: Path) -> Snapshot:
    """Read a CSV snapshot folder written by :func:`write_csv`."""
    nodes: list[SnapshotNode] = []
    rels: list[SnapshotRelationship] = []
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            cells = {k: restore_cell(v) for k, v in row.items()}
            nodes.append(SnapshotNode(labels=cells["labels"].split(";"), properties=json.loads(cells["properties"])))
    with (folder / "relationships.csv").open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            cells = {k: restore_cell(v) for k, v in row.items()}
            rels.append(
                SnapshotRelationship(
                    type=cells["type"], from_=cells["from"], to=cells["to"], properties=json.loads(cells["properties"])
                )
            )
    return Snapshot(nodes, rels)


# --- GraphML -------------------------------------------------------------------------------------
def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, dict):
        return str(next(iter(value.values())))
    if isinstance(value, list):
        return ", ".join(str(_scalar(v)) for v in value)
    return value  # type: ignore[no-any-return]


def write_graphml(data: Snapshot, path: Path) -> None:
    """Write ``data`` as GraphML for Gephi: node ``label`` = name, edge ``label`` = relationship type."""
    g = nx.MultiDiGraph()
    for node in data.nodes:
        # the sort keys are left out: their separators are control characters, which XML 1.0 cannot hold
        props = {k: _scalar(v) for k, v in node.properties.items() if not k.startswith("_") and k not in KEYS}
        name = props.get("name") or props.get("title") or props["id"]
        g.add_node(props["id"], **{**props, "label": str(name), "labels": ";".join(node.labels)})
    for rel in data.relationships:
        props = {k: _scalar(v) for k, v in rel.properties.items()}
        reading = REL_SPECS[RelType(rel.type)].label if rel.type in RelType._value2member_map_ else rel.type
        g.add_edge(rel.from_, rel.to, **{**props, "label": rel.type, "reading": reading})
    nx.write_graphml(g, path)


def load(graph: Graph, files: Iterable[Path], *, replace: bool = False) -> tuple[int, int]:
    """Restore snapshot files (JSON files or CSV folders) into the graph, all in one transaction."""
    nodes: list[SnapshotNode] = []
    rels: list[SnapshotRelationship] = []
    for file in files:
        data = read_csv(file) if file.is_dir() else read_json(file)
        nodes += data.nodes
        rels += data.relationships
    if not nodes:
        raise InvalidInput("La sauvegarde ne contient aucun nœud.")
    return snapshot.restore(graph, nodes, rels, replace=replace)
