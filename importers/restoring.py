"""Restoring a snapshot (``maillage db restore``, or ``maillage import`` of an export): all or nothing, in batches
that each commit on their own, in bounded memory whatever the size of the snapshot.

1. **Check**: every entry of every file is read (one at a time: ``snapshots.entries``) and checked; on any
   problem, all of them (up to :data:`MAX_PROBLEMS`) are reported and nothing is written. The write form of each
   relationship is spooled to a temporary file meanwhile.
2. Under the import lock (one import or restore at a time; what dead ones left is recovered first, see
   ``journal.py``), the database must hold no data, unless the restore replaces it (``--force``): that data is
   then first backed up, read at one moment and streamed like ``maillage db backup``, to a file kept until the
   restore ends (its **previous** data), then deleted in batches.
3. The journal is opened (an ``ImportRun`` of kind ``restore``, which names the previous data's file); the nodes
   are **staged** in batches from a second reading of the files (hidden: label ``ImportStaged`` only, as an
   import stages its new nodes), then the relationships are created between staged nodes, in batches, from the
   spool. A relationship whose end the snapshot does not hold stops the restore.
4. **Commit point**: the journal moves to ``publishing``; the staged nodes take their labels, batch by batch;
   the journal is closed and the previous data's file deleted.

**Rollback** (any failure in this process before the end, including a constraint refusing a publish batch, a
server error or Ctrl-C): every node and relationship is deleted (schema and journal aside; the database was
empty, or emptied by the restore), then the previous data, if any, is restored from its file the same way; the
database is as it was. **Recovery** (the process died): the next import or restore finds the journal; a restore
left ``publishing`` is finished, any other is rolled back the same way (from the previous data's file: it must
still be there).

Limits: what another writer (the API) writes while a restore runs is lost if the restore fails or is forced;
readers see the published nodes from their batch of the publish phase on (not isolated until the end), and a
forced restore's database empty between its deletion and its publish.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from maillage.graph.connection import Graph
from maillage.graph.errors import ConflictError, ImportValidationError, InvalidInput, Problem
from maillage.graph.model import ENTITY
from maillage.queries import load, run

from . import journal
from .snapshots import NODES, RELATIONSHIPS, Entry, backup, checked_node, checked_relationship, entries
from .writing import PUBLISHING, WRITING_NODES, WRITING_RELATIONS, Progress

BATCH = 5_000
"""Nodes or relationships per transaction."""
MAX_PROBLEMS = 50
"""Problems listed at most when a snapshot is refused."""
SAVING = "Sauvegarde des données remplacées"
WIPING = "Effacement des données"

Place = tuple[str, int | None, int]
"""The file, line and rank (in its list) of a relationship entry, for a problem that names it."""


class _Spool:
    """The write form of every relationship, pickled in batches (with each one's place) to a temporary file."""

    def __init__(self, batch: int) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()
        self._size = batch
        self._rows: list[dict[str, Any]] = []
        self._places: list[Place] = []
        self._batches = 0

    def add(self, row: dict[str, Any], place: Place) -> None:
        self._rows.append({**row, "at": len(self._rows)})
        self._places.append(place)
        if len(self._rows) >= self._size:
            self._dump()

    def _dump(self) -> None:
        pickle.dump((self._rows, self._places), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._batches += 1
        self._rows, self._places = [], []

    def batches(self) -> Iterator[tuple[list[dict[str, Any]], list[Place]]]:
        if self._rows:
            self._dump()
        self._file.seek(0)
        for _ in range(self._batches):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


def restore(
    graph: Graph,
    files: Iterable[Path],
    *,
    replace: bool = False,
    batch: int = BATCH,
    previous_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Restore snapshot files (JSON files or CSV folders) into the graph, all or nothing; return the number of
    nodes and relationships restored.

    The database must hold no data unless ``replace``; its data is then kept in a file of ``previous_dir``
    (default: the system's temporary folder) until the restore ends. ``batch``: nodes or relationships per
    transaction. ImportValidationError when a file or an entry is wrong (nothing written), ConflictError for a
    database that holds data; any failure while writing leaves the database as it was."""
    sources = list(files)
    spool = _Spool(batch)
    try:
        nodes, relationships = _check(sources, spool)
        if not nodes:
            raise InvalidInput("La sauvegarde ne contient aucun nœud.")
        run_id = journal.new_run()
        with journal.locked(graph, run_id, progress):
            existing = run(graph, "export.count")[0]["nodes"]
            if existing and not replace:
                raise ConflictError(
                    f"La base contient déjà {existing} nœud(s) : restaurez dans une base vide, "
                    "ou avec --force pour la remplacer."
                )
            previous = _keep_previous(graph, run_id, previous_dir, progress) if existing else None
            run(graph, "restoring.begin", run=run_id, previous=str(previous) if previous else None)
            try:
                if previous is not None:
                    _wipe(graph, progress)
                _write(graph, run_id, sources, spool, batch, progress, (nodes, relationships))
                journal.commit_point(graph, run_id)
                _publish(graph, run_id, batch, nodes, progress)
            except BaseException:
                _roll_back(graph, run_id, previous, batch, progress)
                raise
            run(graph, "importing.end", run=run_id)
        if previous is not None:
            previous.unlink(missing_ok=True)
        return nodes, relationships
    finally:
        spool.close()


def recover(graph: Graph, left: dict[str, Any], progress: Progress | None = None) -> None:
    """Close a restore whose process died (``left``: its journal, from ``importing.unfinished``; call with the
    import lock held): finish it when it had passed its commit point, roll it back otherwise."""
    previous = Path(left["previous"]) if left.get("previous") else None
    if left["state"] == journal.PUBLISHING:
        _publish(graph, left["id"], journal.UNDO_BATCH, None, progress)
        run(graph, "importing.end", run=left["id"])
        if previous is not None:
            previous.unlink(missing_ok=True)
    else:
        _roll_back(graph, left["id"], previous, BATCH, progress)


def _check(sources: list[Path], spool: _Spool) -> tuple[int, int]:
    """Read and check every entry; spool the relationships; the number of nodes and relationships."""
    problems: list[Problem] = []
    counts = {NODES: 0, RELATIONSHIPS: 0}
    for source in sources:
        try:
            for entry in entries(source):
                counts[entry.kind] += 1
                try:
                    if entry.kind == NODES:
                        checked_node(entry)
                    else:
                        spool.add(checked_relationship(entry), (entry.file, entry.line, entry.rank))
                except (ValueError, InvalidInput) as exc:
                    problems.append(entry.problem(str(exc).splitlines()[0]))
                    if len(problems) >= MAX_PROBLEMS:
                        break
        except ImportValidationError as exc:  # the file cannot be read on from there
            problems.extend(exc.problems)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise ImportValidationError(problems[:MAX_PROBLEMS])
    return counts[NODES], counts[RELATIONSHIPS]


def _keep_previous(graph: Graph, run_id: str, folder: Path | None, progress: Progress | None) -> Path:
    """Back the database's data up to a file kept until the restore ends."""
    _tell(progress, SAVING, 0, None)
    where = folder or Path(tempfile.gettempdir())
    where.mkdir(parents=True, exist_ok=True)
    path = (where / f"avant-restauration-{run_id}.json").resolve()
    kept = backup(graph, path)
    _tell(progress, SAVING, kept.nodes, kept.nodes)
    return path


def _wipe(graph: Graph, progress: Progress | None) -> None:
    """Delete every relationship, then every node but the schema's and the journal (batches of its own)."""
    _tell(progress, WIPING, 0, None)
    graph.auto_commit(load("restoring.wipe_relationships").text, timeout=graph.tx_timeout)
    graph.auto_commit(load("restoring.wipe_nodes").text, timeout=graph.tx_timeout)


def _write(
    graph: Graph,
    run_id: str,
    sources: list[Path],
    spool: _Spool,
    batch: int,
    progress: Progress | None,
    totals: tuple[int, int] | None = None,
) -> None:
    """Stage every node (from the files, read again), then create every relationship (from the spool). One batch
    at a time, in this thread: reading the next batch in a worker thread while the database writes this one (as
    the import does) was measured to grow the process by 60 MiB on a 42 MiB file (memory freed across threads)."""
    done = 0
    for rows in _node_batches(sources, batch):
        done += _stage(graph, run_id, rows)
        _tell(progress, WRITING_NODES, done, totals[0] if totals else None)
    created = 0
    for rel_rows, places in spool.batches():
        missing = _link(graph, run_id, rel_rows)
        if missing:
            raise ImportValidationError([_missing_end(rel_rows[at], places[at]) for at in missing[:MAX_PROBLEMS]])
        created += len(rel_rows)
        _tell(progress, WRITING_RELATIONS, created, totals[1] if totals else None)


def _node_batches(sources: list[Path], batch: int) -> Iterator[list[dict[str, Any]]]:
    """The staging rows of every node, in batches."""
    rows: list[dict[str, Any]] = []
    for entry in _nodes(sources):
        rows.append(_staged(checked_node(entry)))
        if len(rows) >= batch:
            yield rows
            rows = []
    if rows:
        yield rows


def _nodes(sources: list[Path]) -> Iterator[Entry]:
    """The node entries of every file (each file's nodes come before its relationships: its reading stops there)."""
    for source in sources:
        for entry in entries(source):
            if entry.kind != NODES:
                break
            yield entry


def _staged(node: dict[str, Any]) -> dict[str, Any]:
    """A node's staging row: a node that is not an entity holds its id in ``_id`` until published (only entity ids
    are unique across labels)."""
    if ENTITY in node["labels"]:
        return node
    properties = dict(node["properties"])
    properties["_id"] = properties.pop("id")
    return {"labels": node["labels"], "properties": properties}


def _stage(graph: Graph, run_id: str, rows: list[dict[str, Any]]) -> int:
    return int(run(graph, "restoring.stage_nodes", rows=rows, run=run_id)[0]["count"])


def _link(graph: Graph, run_id: str, rows: list[dict[str, Any]]) -> list[int]:
    """Create a batch of relationships between staged nodes; the ``at`` of the rows whose ends are not staged."""
    return list(run(graph, "restoring.stage_relationships", rows=rows, run=run_id)[0]["missing"])


def _missing_end(row: dict[str, Any], place: Place) -> Problem:
    file, line, index = place
    return Problem(
        file,
        line,
        f"relationships[{index}]",
        f"la relation {row['type']} « {row['from']} » → « {row['to']} » désigne un nœud absent de la sauvegarde",
    )


def _publish(graph: Graph, run_id: str, size: int, total: int | None, progress: Progress | None) -> None:
    """Give every staged node of the restore its labels, a batch per transaction."""
    done = 0
    while count := run(graph, "restoring.publish_nodes", run=run_id, size=size)[0]["count"]:
        done += count
        _tell(progress, PUBLISHING, done, total)


def _roll_back(graph: Graph, run_id: str, previous: Path | None, batch: int, progress: Progress | None) -> None:
    """Delete everything (schema and journal aside), then restore the previous data, if any, from its file; close
    the journal. If this fails too, the journal stays open (state ``rolling back``) and the next import or restore
    tries again."""
    _tell(progress, journal.ROLLBACK, 0, None)
    run(graph, "importing.set_state", run=run_id, state=journal.ROLLING_BACK)
    _wipe(graph, progress)
    if previous is not None:
        if not previous.is_file():
            raise ConflictError(
                f"Restauration interrompue : les données remplacées devaient être remises depuis {previous}, "
                "introuvable ; la base est vide."
            )
        spool = _Spool(batch)
        try:
            nodes, relationships = _check([previous], spool)
            _write(graph, run_id, [previous], spool, batch, progress, (nodes, relationships))
            _publish(graph, run_id, batch, nodes, progress)
        finally:
            spool.close()
    run(graph, "importing.end", run=run_id)
    if previous is not None:
        previous.unlink(missing_ok=True)
    _tell(progress, journal.ROLLBACK, 1, 1)


def _tell(progress: Progress | None, phase: str, done: int, total: int | None) -> None:
    if progress is not None:
        progress(phase, done, total)
