"""``maillage export``: the graph (or part of it) as JSON (exact, re-importable), CSV or GraphML (Gephi)."""

from __future__ import annotations

from pathlib import Path

import click

from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import Layer
from maillage.importers import snapshots


@click.command("export")
@click.option("--format", "format_", type=click.Choice(["json", "csv", "graphml"]), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True, help="Fichier (ou dossier pour CSV).")
@click.option("--layer", type=click.Choice([layer.value for layer in Layer]), help="Seulement un maillage.")
@click.option("--around", help="Seulement le voisinage de cet élément (id).")
@click.option("--depth", default=1, show_default=True, help="Profondeur du voisinage (--around).")
def command(format_: str, output: Path, layer: str | None, around: str | None, depth: int) -> None:
    """Exporte le graphe : JSON (réimportable à l'identique), CSV (tableur) ou GraphML (Gephi)."""
    graph = Graph.from_settings(load_settings())
    if format_ == "json" and not layer and not around:  # the whole graph: streamed to the file, as a backup
        try:
            done = snapshots.backup(graph, output)
        finally:
            graph.close()
        click.echo(f"{done.nodes} nœud(s) et {done.relationships} relation(s) exportés dans {output}.")
        return
    try:
        subgraph = snapshots.Subgraph(layer=Layer(layer) if layer else None, around=around, depth=depth)
        data = snapshots.take(graph, subgraph)
    finally:
        graph.close()
    if format_ == "json":
        snapshots.write_json(data, output)
    elif format_ == "csv":
        snapshots.write_csv(data, output)
    else:
        snapshots.write_graphml(data, output)
    click.echo(f"{len(data.nodes)} nœud(s) et {len(data.relationships)} relation(s) exportés dans {output}.")
