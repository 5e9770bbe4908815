"""``maillage serve``: the API (and the web explorer) with uvicorn."""

from __future__ import annotations

import click
import uvicorn

from maillage.graph.settings import load_settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8000, show_default=True, help="Port d'écoute.")
@click.option("--workers", default=1, show_default=True, help="Nombre de processus.")
def command(host: str, port: int, workers: int) -> None:
    """Sert l'API GraphQL (et l'explorateur web) et affiche son adresse."""
    load_settings()  # fail now, naming the variable, rather than in every worker
    click.echo(f"maillage sert l'API sur http://{host}:{port}/graphql", err=True)
    uvicorn.run(
        "maillage.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
