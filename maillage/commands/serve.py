"""``maillage serve``: the API (and the web explorer) with uvicorn, in one or several processes."""

from __future__ import annotations

import socket

import click
import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

from maillage.graph.settings import load_settings

APP = "maillage.api.app:create_app"
WORKER_HEALTHCHECK = 60
"""Seconds a worker may take to start or answer the supervisor (uvicorn's 5 s default restarts, over and over,
workers that import and build the schema on a busy machine)."""

HTTP = "httptools"
"""uvicorn's HTTP parser: httptools (C, llhttp) rather than h11 (pure Python), which took a fifth of the
server's CPU per request."""
LOOP = "uvloop"
"""The event loop of the server's main thread: uvloop (libuv), cheaper per request than asyncio's own."""


class TcpConfig(uvicorn.Config):
    """uvicorn's settings, with the workers' shared socket declared as TCP so answers leave at once.

    With ``--workers`` > 1 uvicorn binds one socket in the supervisor (``socket.socket(family)``, protocol
    0) and hands it to the workers. asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets whose
    protocol is ``IPPROTO_TCP``, and an accepted connection inherits the listening socket's protocol
    number, so every answer waited for the client's delayed ACK: about 40 ms added to each request
    (uvicorn issue 3149). The same socket, re-declared with ``IPPROTO_TCP``, fixes it; one worker binds
    through ``loop.create_server`` and was never affected.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
            sock.set_inheritable(True)
        return sock


def serve(host: str, port: int, workers: int, *, access_log: bool = False) -> None:
    """Run the API until interrupted: in this process, or in ``workers`` processes sharing one socket.

    ``access_log``: one line per request on standard output (uvicorn's access logger). Off unless asked, as in
    gunicorn: a proxy in front usually keeps that log, and uvicorn's formatting of the line took about a tenth
    of the event loop's time per request.
    """
    config = TcpConfig(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http=HTTP,
        loop=LOOP,
        log_level="info",
        access_log=access_log,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK,
    )
    if workers > 1:
        try:
            Multiprocess(config, sockets=[config.bind_socket()]).run()
        except KeyboardInterrupt:
            pass
    else:
        server = uvicorn.Server(config)
        server.run()
        if not server.started:
            raise SystemExit(STARTUP_FAILURE)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8000, show_default=True, help="Port d'écoute.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1), help="Nombre de processus.")
@click.option(
    "--access-log/--no-access-log",
    default=False,
    show_default=True,
    help="Une ligne par requête sur la sortie standard (adresse, requête, statut).",
)
def command(host: str, port: int, workers: int, access_log: bool) -> None:
    """Sert l'API GraphQL (et l'explorateur web) et affiche son adresse."""
    load_settings()  # fail now, naming the variable, rather than in every worker
    click.echo(f"maillage sert l'API sur http://{host}:{port}/graphql", err=True)
    serve(host, port, workers, access_log=access_log)
