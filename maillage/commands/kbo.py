"""``maillage kbo``: compare the organisations with the BCE/KBO open data; differences become proposals."""

from __future__ import annotations

from pathlib import Path

import click

from maillage.graph.connection import Graph
from maillage.graph.schema import migrate
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import ProposalStatus
from maillage.importers.kbo import import_register
from maillage.queries.proposals import proposals


@click.group("kbo")
def command() -> None:
    """Banque-Carrefour des Entreprises (BCE/KBO) : propositions à relire, jamais d'écrasement."""


@command.command("import")
@click.argument("folder", type=click.Path(path_type=Path))
def import_(folder: Path) -> None:
    """Lit les fichiers ouverts de la BCE (enterprise.csv, denomination.csv, address.csv, activity.csv,
    code.csv facultatif) et propose, pour chaque organisation ayant un numéro d'entreprise, les valeurs
    qui diffèrent du graphe. L'équipe les accepte ou les refuse (API : decideProposal)."""
    graph = Graph.from_settings(load_settings())
    try:
        migrate(graph)
        report = import_register(graph, folder)
    finally:
        graph.close()
    click.echo(f"{len(report.matched)} organisation(s) trouvée(s) dans la BCE.")
    if report.missing:
        click.echo(f"Absentes de la BCE : {', '.join(report.missing)}")
    click.echo(f"{report.proposals} différence(s), dont {report.created} nouvelle(s) proposition(s) à relire.")


@command.command("proposals")
@click.option(
    "--status",
    type=click.Choice([s.value for s in ProposalStatus]),
    default=ProposalStatus.PENDING.value,
    show_default=True,
    help="Propositions à lister.",
)
def list_(status: str) -> None:
    """Liste les propositions de la BCE."""
    graph = Graph.from_settings(load_settings())
    try:
        found = proposals(graph, ProposalStatus(status), limit=500)
    finally:
        graph.close()
    if not found:
        click.echo("Aucune proposition.")
    for p in found:
        click.echo(
            f"{p.id}  {p.targetName or p.target}  {p.field} : {p.current!r} → {p.proposed!r}  ({p.source}, {p.locator})"
        )
