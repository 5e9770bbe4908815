"""The ``maillage`` command line: parses arguments, calls the layers, maps errors to exit codes."""

from __future__ import annotations

import sys

import click

from maillage import __version__
from maillage.commands import analyze, db, exporting, importing, kbo, serve, synth, token
from maillage.graph.errors import MaillageError

COMMAND_MODULES = (db, importing, exporting, synth, analyze, serve, token, kbo)
"""The modules of ``maillage.commands``; each exposes its click ``command``."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="maillage")
def cli() -> None:
    """maillage : le graphe du secteur de l'intégration en Wallonie."""


for _module in COMMAND_MODULES:
    cli.add_command(_module.command)


def main() -> None:
    """Entry point of the console script: maillage errors become a message and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Interrompu.", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except MaillageError as exc:
        click.echo(f"Erreur [{exc.code}] : {exc}", err=True)
        sys.exit(exc.exit_code)
