"""``maillage token``: create, list and revoke API tokens (admin work, on the server's machine)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from maillage.graph.connection import Graph
from maillage.graph.schema import migrate
from maillage.graph.settings import load_settings
from maillage.graph.vocabulary import Role
from maillage.queries.tokens import create_token, list_tokens, revoke_token


@contextmanager
def _graph() -> Iterator[Graph]:
    graph = Graph.from_settings(load_settings())
    try:
        migrate(graph)
        yield graph
    finally:
        graph.close()


@click.group("token")
def command() -> None:
    """Jetons d'accès à l'API (rôles staff et admin)."""


@command.command("create")
@click.option("--role", type=click.Choice(["staff", "admin"]), required=True, help="Rôle du jeton.")
@click.option("--name", required=True, help="Personne ou outil qui l'utilisera.")
def create(role: str, name: str) -> None:
    """Crée un jeton et l'affiche une seule fois (seule son empreinte est gardée)."""
    with _graph() as graph:
        info, token = create_token(graph, name, Role(role))
    click.echo(f"Jeton « {info.name} » ({info.role.value}) créé. Copiez-le maintenant, il ne sera plus affiché :")
    click.echo(token)


@command.command("list")
def list_() -> None:
    """Liste les jetons (jamais leur valeur)."""
    with _graph() as graph:
        tokens = list_tokens(graph)
    if not tokens:
        click.echo("Aucun jeton.")
    for info in tokens:
        state = f"révoqué le {info.revokedAt}" if info.revokedAt else "actif"
        click.echo(f"{info.id}  {info.name}  {info.role.value}  créé le {info.createdAt}  {state}")


@command.command("revoke")
@click.argument("token")
def revoke(token: str) -> None:
    """Révoque un jeton, désigné par son identifiant ou son nom."""
    with _graph() as graph:
        info = revoke_token(graph, token)
    click.echo(f"Jeton « {info.name} » révoqué.")
