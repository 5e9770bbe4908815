"""``maillage db``: the managed Neo4j server (start, stop, status, logs) and schema migrations."""

from __future__ import annotations

from pathlib import Path

import click

from maillage.commands.importing import progress_bar, with_long_transactions
from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.graph.schema import migrate
from maillage.graph.settings import Settings, load_settings
from maillage.importers import restoring, snapshots
from maillage.queries import run
from maillage.queries.snapshot import canonical_hash


def server_config(settings: Settings) -> server.ServerConfig:
    """The managed server's configuration drawn from the settings."""
    return server.ServerConfig(
        home=settings.home,
        dist=settings.dist,
        bolt_port=settings.bolt_port,
        http_port=settings.http_port,
        heap=settings.heap,
        page_cache=settings.page_cache,
    )


def _describe(graph: Graph) -> str:
    rows = run(graph, "admin.components")
    return ", ".join(f"{r['name']} {r['version']} {r['edition']}" for r in rows)


@click.group("db")
def command() -> None:
    """Serveur Neo4j géré et schéma de la base."""


@command.command("start")
@click.option("--timeout", default=120.0, show_default=True, help="Secondes d'attente de Bolt.")
def start(timeout: float) -> None:
    """Démarre le serveur géré (l'installe au besoin), attend Bolt puis applique les migrations."""
    settings = load_settings()
    if settings.external:
        click.echo(f"NEO4J_URI est défini ({settings.neo4j_uri}) : base externe, aucun serveur n'est démarré.")
        return
    config = server_config(settings)
    server.install(config)
    status = server.start(config, timeout=timeout)
    graph = Graph.from_settings(settings)
    try:
        applied = migrate(graph)
    finally:
        graph.close()
    click.echo(f"Neo4j {status.version} {status.edition} à l'écoute sur {status.bolt_uri} (pid {status.pid}).")
    if applied:
        click.echo(f"Migrations appliquées : {', '.join(applied)}")


@command.command("stop")
def stop() -> None:
    """Arrête le serveur géré."""
    settings = load_settings()
    if settings.external:
        click.echo("NEO4J_URI est défini : la base externe n'est pas arrêtée par maillage.")
        return
    was_running = server.stop(server_config(settings))
    click.echo("Serveur arrêté." if was_running else "Le serveur n'était pas démarré.")


@command.command("status")
def status() -> None:
    """Affiche la version et l'édition du serveur (CALL dbms.components())."""
    settings = load_settings()
    if settings.external:
        graph = Graph.from_settings(settings)
        try:
            click.echo(f"Base externe {settings.neo4j_uri} : {_describe(graph)}")
        finally:
            graph.close()
        return
    state = server.status(server_config(settings))
    if not state.running:
        click.echo(f"Serveur géré arrêté ({settings.home}).")
        raise SystemExit(1)
    click.echo(f"Serveur géré en marche (pid {state.pid}) sur {state.bolt_uri} : Neo4j {state.version} {state.edition}")


@command.command("logs")
@click.option("-n", "--lines", default=50, show_default=True, help="Nombre de lignes.")
def logs(lines: int) -> None:
    """Affiche la fin du journal du serveur géré."""
    click.echo(server.log_tail(server_config(load_settings()), lines))


@command.command("migrate")
def migrate_command() -> None:
    """Applique les migrations de schéma manquantes (sans effet si tout est à jour)."""
    graph = Graph.from_settings(load_settings())
    try:
        applied = migrate(graph)
    finally:
        graph.close()
    click.echo(f"Migrations appliquées : {', '.join(applied)}" if applied else "Schéma à jour.")


@command.command("backup")
@click.argument("file", type=click.Path(path_type=Path))
def backup(file: Path) -> None:
    """Sauvegarde cohérente de toute la base (données, jetons, journal) dans un fichier JSON, écrite au fil de la
    lecture (mémoire constante) ; le fichier n'apparaît qu'une fois complet."""
    graph = Graph.from_settings(with_long_transactions(load_settings()))
    try:
        done = snapshots.backup(graph, file)  # nodes and relationships read at one moment, written as they come
    finally:
        graph.close()
    click.echo(f"Sauvegarde : {done.nodes} nœud(s), {done.relationships} relation(s) → {file}")
    click.echo(f"Empreinte : {done.fingerprint}")


@command.command("restore")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Remplace les données présentes (gardées dans un fichier jusqu'à la fin : remises en cas d'échec).",
)
def restore(file: Path, force: bool) -> None:
    """Restaure une sauvegarde dans une base vide (ou la remplace avec --force), par lots ; tout ou rien, même si
    le processus est interrompu (le prochain import ou la prochaine restauration remet la base en état)."""
    settings = load_settings()
    graph = Graph.from_settings(with_long_transactions(settings))
    try:
        migrate(graph)
        with progress_bar() as progress:
            nodes, relationships = restoring.restore(
                graph, [file], replace=force, previous_dir=settings.home / "restores", progress=progress
            )
        fingerprint = canonical_hash(graph)
    finally:
        graph.close()
    click.echo(f"Restauré : {nodes} nœud(s), {relationships} relation(s). Empreinte : {fingerprint}")
