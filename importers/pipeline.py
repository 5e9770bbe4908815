"""Import files into the graph: read → validate everything → write in batches, all or nothing.

1. Every file is read and every row validated with the records of ``graph/records.py``; what the
   cross-row checks need (ids, labels, relationship keys, references) goes to an on-disk index.
2. Checks across rows and files: an id defined twice with different values, a reference to an id
   the files give a label the relationship does not accept.
3. Holding the import lock: checks against the database (ids it gives another label, references only
   it can resolve), then the spooled rows are written in batches of their own transactions (bulk
   first load into an empty graph, or incremental with created/updated/unchanged counts), the new
   nodes published, and the graph version bumped when anything changed (``writing.py``).

Any problem, at any step, means nothing is kept: all problems found (up to :data:`MAX_PROBLEMS`)
are raised together in one :class:`ImportValidationError`; a failure while writing rolls back what
was written (``journal.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError, InvalidInput, Problem
from maillage.queries import run as run_in_graph
from maillage.queries.curation import Actor

from . import journal
from .checks import database_problems
from .formats import READERS, read
from .history import ImportHistory, command_line_actor
from .index import Index
from .merged_ids import MergedIds
from .report import ImportReport
from .validation import Checked, check_row
from .writing import Mode, Progress, RowSpool, Writer

MAX_PROBLEMS = 1000
"""The checks stop once this many problems have been found."""
READING = "Lecture et vérification"
_TELL_EVERY = 1000
TABULAR = frozenset({".csv", ".xlsx"})
NOT_EMPTY = "Chargement initial (--bulk) demandé, mais la base contient déjà des entités : rien n'a été importé."


class _Problems:
    """The problems found so far, up to a limit."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.items: list[Problem] = []
        self.limit = limit

    @property
    def full(self) -> bool:
        return len(self.items) >= self.limit

    @property
    def room(self) -> int:
        return self.limit - len(self.items)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if self.full:
                return
            self.items.append(problem)

    def final(self) -> list[Problem]:
        if not self.full:
            return self.items
        last = self.items[-1]
        notice = Problem(last.file, None, None, f"{self.limit} problèmes trouvés : la vérification s'est arrêtée là")
        return [*self.items, notice]


def unique_paths(paths: Iterable[Path | str]) -> list[Path]:
    """The paths in the order given, each file once (a file named twice is read once).

    A folder stands for the importable files it holds (their extension has a reader), in name order,
    subfolders included; a folder without any stays as it is, so that reading it reports the problem.
    """
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in _expanded(paths):
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    return unique


def _expanded(paths: Iterable[Path | str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
            yield from inside or [path]
        else:
            yield path


def _read_and_check(
    paths: Sequence[Path],
    index: Index,
    problems: _Problems,
    progress: Progress | None,
    spool: RowSpool | None = None,
) -> None:
    """Step 1 and 2: validate every row, index what it defines and references (and spool its write form
    for the write pass), check across rows."""
    rows = 0
    for path in paths:
        tabular = path.suffix.lower() in TABULAR
        for item in read(path):
            if isinstance(item, Problem):
                problems.extend([item])
            else:
                rows += 1
                checked = check_row(item, tabular=tabular)
                if isinstance(checked, Checked):
                    index.add(checked)
                    if spool is not None:
                        spool.add(checked, path.name)
                else:
                    problems.extend(checked)
                if progress is not None and rows % _TELL_EVERY == 0:
                    progress(READING, rows, None)
            if problems.full:
                return
    if progress is not None:
        progress(READING, rows, rows)
    index.finish()
    problems.extend(index.conflicts())
    problems.extend(index.misplaced_references())


def validate_paths(graph: Graph, paths: Iterable[Path | str], *, progress: Progress | None = None) -> list[Problem]:
    """Every problem of the files (up to :data:`MAX_PROBLEMS`), without writing anything.

    Checks each row against the records' rules, ids defined twice with different values, and
    references against the files and the database. An empty list means the import would succeed.
    """
    files = unique_paths(paths)
    index = Index()
    try:
        problems = _Problems()
        _read_and_check(files, index, problems, progress)
        if not problems.full:
            merged = MergedIds.load(graph)
            problems.extend(graph.execute(lambda tx: database_problems(tx, index, problems.room, merged)))
        return problems.final()
    finally:
        index.close()


def import_paths(
    graph: Graph,
    paths: Iterable[Path | str],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    bulk: bool | None = None,
    batch: int | None = None,
    actor: Actor | None = None,
) -> ImportReport:
    """Import the files, all or nothing, and report what was created, updated or unchanged.

    Nothing is written when any file holds any problem: :class:`ImportValidationError` carries them all.
    The rows are written in batches, each its own transaction (memory stays flat); a failure at any point
    rolls back what the earlier batches wrote (see ``journal.py``). Into a graph without entities, the bulk
    first-load path is taken (``bulk``: None to decide by the graph, True to require it, False to refuse it).
    ``batch``: rows per transaction (default: :data:`~.writing.BATCH`, :data:`~.writing.BULK_BATCH` in bulk).
    With ``dry_run`` the same checks run and the counts come from read-only queries: nothing is written.
    ``progress(phase, done, total)`` is called as the import advances.

    Every entity and relationship created or changed leaves an audit entry (operation ``import``: ``actor``,
    by default the system user running the command line, the file and row, before and after), visible once
    the import has finished; a rolled-back import leaves none. An id a merge folded into another entity stands
    for that entity (see ``merged_ids.py``).
    """
    files = unique_paths(paths)
    index = Index()
    spool = RowSpool()
    try:
        problems = _Problems()
        _read_and_check(files, index, problems, progress, spool)
        if problems.items:
            if not problems.full:
                merged = MergedIds.load(graph)
                problems.extend(graph.execute(lambda tx: database_problems(tx, index, problems.room, merged)))
            raise ImportValidationError(problems.final())
        report = ImportReport(files=[str(f) for f in files], rows=index.rows, dry_run=dry_run)
        if dry_run:
            merged = MergedIds.load(graph)
            _check_database(graph, index, merged)
            Writer(graph, "", index, report, progress, Mode.DRY_RUN, batch, merged=merged).write(spool)
            return report
        run_id = journal.new_run()
        history = ImportHistory(run_id, actor or command_line_actor())
        with journal.locked(graph, run_id, progress):
            empty = journal.begin(graph, run_id)
            try:
                if bulk and not empty:
                    raise InvalidInput(NOT_EMPTY)
                merged = MergedIds() if empty else MergedIds.load(graph)
                _check_database(graph, index, merged)
                mode = Mode.BULK if empty and bulk is not False else Mode.INCREMENTAL
                writer = Writer(graph, run_id, index, report, progress, mode, batch, history=history, merged=merged)
                writer.write(spool)
                journal.commit_point(graph, run_id)
                writer.publish()
            except BaseException:
                journal.rollback(graph, run_id, index, progress)
                raise
            if report.changed:
                report.graph_version = run_in_graph(graph, "importing.bump_graph_version")[0]["version"]
            journal.finish(graph, run_id)
        return report
    finally:
        spool.close()
        index.close()


def _check_database(graph: Graph, index: Index, merged: MergedIds) -> None:
    found = graph.execute(lambda tx: database_problems(tx, index, MAX_PROBLEMS, merged))
    if found:
        problems = _Problems()
        problems.extend(found)
        raise ImportValidationError(problems.final())
