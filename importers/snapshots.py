"""Snapshot files: the whole graph (or a subgraph) as JSON, CSV or GraphML, and back.

* JSON (``{"format": "maillage-graph/1", "nodes": […], "relationships": […]}``, one entry a line) is exact:
  ``maillage import`` and ``maillage db restore`` read it back to the same graph (same canonical hash). A backup
  (:func:`backup`) streams the whole graph to it as it is read; :func:`entries` reads it back one entry at a
  time (``json_reader.members``), and ``restoring.py`` restores it.
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
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

import networkx as nx

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError, Problem
from maillage.graph.folding import KEYS
from maillage.graph.model import LAYER_REL_TYPES, REL_SPECS, RelType
from maillage.graph.vocabulary import Layer
from maillage.queries import snapshot
from maillage.queries.snapshot import SnapshotNode, SnapshotRelationship

from . import json_reader
from .reading import utf8_problem

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
class _JsonWriter:
    """A :class:`~maillage.queries.snapshot.Sink` that writes a snapshot JSON file as it comes, one node or
    relationship per line, and computes its :class:`~maillage.queries.snapshot.Fingerprint` on the way; ``nodes``
    and ``relationships`` count what it wrote."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self.fingerprint = snapshot.Fingerprint()
        self._in_relationships = False
        self.nodes = self.relationships = 0  # written (the fingerprint leaves the GraphVersion node out)

    def begin(self) -> None:
        self._out.seek(0)
        self._out.truncate()
        self.fingerprint = snapshot.Fingerprint()
        self._in_relationships = False
        self.nodes = self.relationships = 0
        header = {"format": snapshot.FORMAT, "exportedAt": dt.datetime.now(dt.UTC).isoformat()}
        self._out.write(json.dumps(header)[:-1] + ',\n"nodes": [\n')

    def node(self, node: dict[str, Any]) -> None:
        line = snapshot.entry_line(node)
        self._out.write(("," if self.nodes else "") + line + "\n")
        self.nodes += 1
        self.fingerprint.add_node(node, line)

    def relationship(self, rel: dict[str, Any]) -> None:
        if not self._in_relationships:
            self._close_nodes()
        line = snapshot.entry_line(rel)
        self._out.write(("," if self.relationships else "") + line + "\n")
        self.relationships += 1
        self.fingerprint.add_relationship(line)

    def _close_nodes(self) -> None:
        self._out.write('],\n"relationships": [\n')
        self._in_relationships = True

    def end(self) -> None:
        if not self._in_relationships:
            self._close_nodes()
        self._out.write("]}\n")


@dataclass(frozen=True)
class Backup:
    """What a backup wrote: how many nodes and relationships, and the graph's fingerprint."""

    nodes: int
    relationships: int
    fingerprint: str


def backup(graph: Graph, path: Path) -> Backup:
    """Write the whole graph, read at one moment (:func:`~maillage.queries.snapshot.stream_consistent`), to the
    snapshot JSON file ``path`` as it is read: memory stays flat whatever the size of the graph. The file is
    written beside ``path`` under a temporary name and renamed when complete: a failed backup leaves no file
    and an earlier file at ``path`` whole."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partiel")
    try:
        with partial.open("w", encoding="utf-8") as out:
            writer = _JsonWriter(out)
            snapshot.stream_consistent(graph, writer)
            writer.end()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(writer.nodes, writer.relationships, writer.fingerprint.hexdigest())


def _replay(data: Snapshot, sink: snapshot.Sink) -> None:
    sink.begin()
    for node in data.nodes:
        sink.node(node.model_dump())
    for rel in data.relationships:
        sink.relationship({"type": rel.type, "from": rel.from_, "to": rel.to, "properties": rel.properties})


def write_json(data: Snapshot, path: Path) -> None:
    """Write ``data`` as a snapshot JSON file, one node or relationship per line."""
    with path.open("w", encoding="utf-8") as out:
        writer = _JsonWriter(out)
        _replay(data, writer)
        writer.end()


def is_snapshot_file(path: Path) -> bool:
    """True when ``path`` is a snapshot JSON file (it starts with the snapshot format tag)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as head:
        return f'"format": "{snapshot.FORMAT}"'.encode() in head.read(200)


# --- Reading (JSON or CSV) -----------------------------------------------------------------------
NODES, RELATIONSHIPS = "nodes", "relationships"


class Entry(NamedTuple):
    """One node or relationship of a snapshot as read from its file (not checked yet): which list it is in, its
    rank there (from 1), the line it starts at, and its raw value."""

    file: str
    kind: str
    rank: int
    line: int | None
    raw: Any

    def problem(self, message: str) -> Problem:
        """A problem with this entry, naming the file, line and entry."""
        return Problem(self.file, self.line, f"{self.kind}[{self.rank}]", message)


def entries(source: Path) -> Iterator[Entry]:
    """Every node then every relationship of a snapshot JSON file or CSV folder, one at a time (bounded memory);
    ImportValidationError naming the file and line when the file cannot be read."""
    if source.is_dir():
        yield from _csv_entries(source)
    else:
        yield from _json_entries(source)


def _json_entries(path: Path) -> Iterator[Entry]:
    file = str(path)
    wrong_format = ImportValidationError([Problem(file, None, "format", f"format « {snapshot.FORMAT} » attendu")])
    tagged = False
    counts = {NODES: 0, RELATIONSHIPS: 0}
    for member in json_reader.members(path, file):
        if member.key == "format" and not member.element:
            tagged = member.value == snapshot.FORMAT
        if member.key not in counts:
            continue
        if not tagged:
            raise wrong_format
        if member.key == NODES and counts[RELATIONSHIPS]:
            raise ImportValidationError([Problem(file, member.line, NODES, "les nœuds doivent précéder les relations")])
        if not member.element:
            if member.value is None or member.value == []:
                continue
            raise ImportValidationError([Problem(file, member.line, member.key, "une liste est attendue")])
        counts[member.key] += 1
        yield Entry(file, member.key, counts[member.key], member.line, member.value)
    if not tagged:
        raise wrong_format


def _csv_entries(folder: Path) -> Iterator[Entry]:
    for name, kind in (("nodes.csv", NODES), ("relationships.csv", RELATIONSHIPS)):
        path = folder / name
        if not path.is_file():
            raise ImportValidationError([Problem(str(path), None, None, "fichier absent du dossier d'export")])
        with path.open(encoding="utf-8", newline="") as source:
            reader = csv.DictReader(source)
            try:
                for index, row in enumerate(reader, start=1):
                    line = reader.line_num
                    cells = {k: restore_cell(v) for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
                    try:
                        properties = json.loads(cells.get("properties", ""))
                    except json.JSONDecodeError as exc:
                        yield Entry(str(path), kind, index, line, _Unreadable(f"propriétés illisibles ({exc.msg})"))
                        continue
                    if kind == NODES:
                        raw: Any = {"labels": cells.get("labels", "").split(";"), "properties": properties}
                    else:
                        raw = {
                            "type": cells.get("type"),
                            "from": cells.get("from"),
                            "to": cells.get("to"),
                            "properties": properties,
                        }
                    yield Entry(str(path), kind, index, line, raw)
            except UnicodeDecodeError as exc:
                raise ImportValidationError([utf8_problem(str(path), None, exc)]) from None


class _Unreadable(str):
    """The raw value of an entry whose file cell could not be read: what is wrong with it."""


def checked_node(entry: Entry) -> dict[str, Any]:
    """The write form of a node entry ``{labels, properties}`` (temporal values decoded, sort keys added);
    ValueError saying what is wrong with it."""
    if isinstance(entry.raw, _Unreadable):
        raise ValueError(str(entry.raw))
    node = SnapshotNode.model_validate(entry.raw)
    if not node.labels or not isinstance(node.properties.get("id"), str):
        raise ValueError("labels et id obligatoires")
    reserved = sorted(set(node.labels) & snapshot.NOT_RESTORED)
    if reserved:
        raise ValueError(f"étiquette réservée : {', '.join(reserved)}")
    properties = {key: snapshot.decode(value) for key, value in node.properties.items()}
    return {"labels": node.labels, "properties": snapshot.with_sort_key(node.labels, properties)}


def checked_relationship(entry: Entry) -> dict[str, Any]:
    """The write form of a relationship entry ``{type, from, to, properties}``; ValueError saying what is wrong."""
    raw = entry.raw
    if isinstance(raw, _Unreadable):
        raise ValueError(str(raw))
    rel = SnapshotRelationship.model_validate({**raw, "from_": raw.get("from")} if isinstance(raw, dict) else raw)
    RelType(rel.type)
    properties = {key: snapshot.decode(value) for key, value in rel.properties.items()}
    return {"type": rel.type, "from": rel.from_, "to": rel.to, "properties": properties}


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
