"""``maillage import``: load YAML, CSV, XLSX or JSON files into the graph, all or nothing."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.settings import Settings, load_settings
from maillage.importers import ImportReport, import_paths, restoring
from maillage.importers.snapshots import is_snapshot_file

IMPORT_TX_TIMEOUT = 3600.0
"""Seconds one transaction of an import (a batch), of a backup (its one read) or of a restore's wipes may last
(MAILLAGE_TX_TIMEOUT applies when it is longer)."""


def with_long_transactions(settings: Settings) -> Settings:
    """``settings`` whose transactions may last :data:`IMPORT_TX_TIMEOUT` at least: the commands that write or
    read the whole graph (import, backup, restore), where the API keeps its short timeout."""
    return dataclasses.replace(settings, tx_timeout=max(settings.tx_timeout, IMPORT_TX_TIMEOUT))


ProgressCallback = Callable[[str, int, int | None], None]


@contextmanager
def progress_bar() -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def tell(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield tell


def report_table(report: ImportReport) -> Table:
    """The report as a table: one line per label and per relationship type."""
    title = "Simulation (rien n'a été enregistré)" if report.dry_run else "Import terminé"
    table = Table(title=f"{title} : {report.rows} ligne(s) lue(s)")
    table.add_column("Type")
    table.add_column("Nom")
    for heading in ("créés", "modifiés", "inchangés"):
        table.add_column(heading, justify="right")
    for kind, counts_by_name in (("nœud", report.nodes), ("relation", report.relations)):
        for name, counts in sorted(counts_by_name.items()):
            table.add_row(kind, name, str(counts.created), str(counts.updated), str(counts.unchanged))
    total = report.totals()
    table.add_row("total", "", str(total.created), str(total.updated), str(total.unchanged), style="bold")
    return table


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Vérifie et compte tout sans rien écrire.")
@click.option(
    "--bulk/--no-bulk",
    default=None,
    help="Chargement initial rapide (base sans entités) : imposé, ou refusé. Par défaut : choisi selon la base.",
)
def command(paths: tuple[Path, ...], dry_run: bool, bulk: bool | None) -> None:
    """Importe des fichiers YAML, CSV, XLSX ou JSON (voir docs/import-format.md), ou un export maillage.

    Tout ou rien : au moindre problème, rien n'est importé et tous les problèmes sont listés ; une
    erreur pendant l'écriture (par lots) annule ce qui a été écrit. Réimporter les mêmes fichiers ne
    change rien.
    """
    graph = Graph.from_settings(with_long_transactions(load_settings()))
    snapshot_files = [p for p in paths if is_snapshot_file(p) or (p / "nodes.csv").is_file()]
    try:
        if snapshot_files:
            if len(snapshot_files) != len(paths) or dry_run:
                raise InvalidInput(
                    "Un export maillage (JSON « maillage-graph/1 » ou dossier CSV) s'importe seul et sans --dry-run."
                )
            with progress_bar() as progress:
                nodes, relationships = restoring.restore(graph, snapshot_files, progress=progress)
            click.echo(f"Export restauré : {nodes} nœud(s), {relationships} relation(s).")
            return
        with progress_bar() as progress:
            report = import_paths(graph, paths, dry_run=dry_run, progress=progress, bulk=bulk)
    finally:
        graph.close()
    Console(soft_wrap=True).print(report_table(report))
    if report.graph_version is not None and not dry_run:
        click.echo(f"Version du graphe : {report.graph_version}")
