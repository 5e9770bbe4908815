"""``maillage analyze``: centralities, communities and brokers of a mesh, as a table or a CSV file.

The result is also kept in the analysis folder (``MAILLAGE_ANALYSIS_CACHE``) that the API reads: run
after an import, it precomputes what the API will answer, so no request finds the analysis missing.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from maillage.analysis import MEASURES, analyse
from maillage.graph.connection import Graph
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import Layer
from maillage.importers.snapshots import neutralise


@click.command("analyze")
@click.option("--layer", type=click.Choice([layer.value for layer in Layer]), help="Un maillage (défaut : les trois).")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date de référence (défaut : aujourd'hui).")
@click.option("--territory", help="Seulement ce territoire (id) et ce qu'il contient.")
@click.option("--top", default=15, show_default=True, help="Nombre d'acteurs affichés.")
@click.option("--by", "measure", type=click.Choice(MEASURES), default="betweenness", show_default=True)
@click.option("--csv", "csv_file", type=click.Path(path_type=Path), help="Écrit toutes les mesures de tous les nœuds.")
def command(
    layer: str | None, as_of: dt.datetime | None, territory: str | None, top: int, measure: str, csv_file: Path | None
) -> None:
    """Centralités (degré, intermédiarité, proximité, vecteur propre, PageRank), communautés et courtiers."""
    settings = load_settings()
    graph = Graph.from_settings(settings)
    console = Console(stderr=True)
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console, transient=True) as bar:
            task = bar.add_task("Analyse")
            result = analyse(
                graph,
                Layer(layer) if layer else None,
                as_of=as_of.date() if as_of else None,
                territory=territory,
                progress=lambda step: bar.update(task, description=step),
                store=settings.analysis_cache,
            )
    finally:
        graph.close()
    table = Table(
        title=f"{result.layer.label if result.layer else 'Les trois maillages'} au {result.as_of} — par {measure}"
    )
    for heading in ("rang", "acteur", "genre", measure, "percentile", "communauté"):
        table.add_column(heading)
    for node in result.top(measure, top):
        score = node.scores[measure]
        table.add_row(
            str(score.rank),
            node.name or node.id,
            node.kind or node.label,
            f"{score.value:.4f}",
            f"{score.percentile:.1f}",
            str(node.community),
        )
    Console().print(table)
    click.echo(
        f"{len(result.nodes)} nœuds, {result.communities} communautés, version du graphe {result.graph_version} "
        f"(calculée le {result.computed_at:%Y-%m-%d à %H:%M} UTC, gardée pour l'API dans {settings.analysis_cache})."
    )
    for broker in result.brokers[:top]:
        click.echo(f"Courtier : {result.nodes[broker.node].name or broker.node} — {broker.explanation}")
    if csv_file:
        with csv_file.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(
                [
                    "id",
                    "nom",
                    "type",
                    "genre",
                    "secteur",
                    "communauté",
                    *[f"{m}_{part}" for m in MEASURES for part in ("valeur", "rang", "percentile")],
                ]
            )
            for node in sorted(result.nodes.values(), key=lambda n: n.id):
                cells = [node.id, node.name or "", node.label, node.kind or "", node.sector or "", str(node.community)]
                for m in MEASURES:
                    s = node.scores[m]
                    cells += [str(s.value), str(s.rank), str(s.percentile)]
                writer.writerow([neutralise(c) for c in cells])
        click.echo(f"Mesures écrites dans {csv_file}.")
