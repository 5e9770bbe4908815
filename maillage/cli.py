"""The ``maillage`` command line: parses arguments, calls the layers, maps errors to exit codes."""

from __future__ import annotations

import importlib
import sys

import click

from maillage import __version__
from maillage.graph.errors import MaillageError

COMMAND_MODULES = ("db", "importing", "exporting", "synth", "analyze", "serve", "token", "kbo")
"""Modules of ``maillage.commands`` whose ``command`` is added to the CLI when present."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="maillage")
def cli() -> None:
    """maillage : le graphe du secteur de l'intégration en Wallonie."""


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"maillage.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"maillage.commands.{name}":
                continue
            raise
        cli.add_command(module.command)


_register()


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
