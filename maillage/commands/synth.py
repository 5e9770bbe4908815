"""``maillage synth``: a synthetic sector graph N times the reference dataset, for benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from maillage.importers.synthetic import generate

REFERENCE = Path("data/reference")


@click.command("synth")
@click.option("--scale", default=10, show_default=True, help="Combien de fois le jeu de référence.")
@click.option("--seed", default=1, show_default=True, help="Graine (même graine, même graphe).")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True, help="Dossier de sortie.")
@click.option("--reference", type=click.Path(exists=True, path_type=Path), default=REFERENCE, show_default=True)
def command(scale: int, seed: int, output: Path, reference: Path) -> None:
    """Écrit un graphe synthétique réaliste (mêmes genres, degrés et territoires) à importer ensuite."""
    files = generate(sorted(reference.glob("*.yaml")), scale=scale, seed=seed, output=output)
    for file in files:
        click.echo(f"{file} ({file.stat().st_size // 1024} Kio) — importez-le avec : maillage import {file}")
