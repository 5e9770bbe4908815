"""The web explorer: one page and its static files, served by the API itself, with strict headers.

The page only talks to the public GraphQL API; every script is a file (no inline script), so the
Content-Security-Policy can forbid inline code and any other origin.
"""

from __future__ import annotations

import html
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from maillage.graph.connection import Graph
from maillage.graph.errors import AuthenticationFailed, GraphUnavailable
from maillage.graph.sources import SourceDocument, catalogue, document_path
from maillage.graph.vocabulary import Role
from maillage.queries.privacy import lines_naming_people, name_pattern, person_names
from maillage.queries.tokens import holder_of

from .outage import RETRY_AFTER, UNAVAILABLE_MESSAGE, UNAVAILABLE_STATUS

STATIC_DIR = Path(__file__).parent / "static"

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
"""Headers of every explorer response (the page and its files)."""


class SecurityHeaders:
    """ASGI wrapper adding ``SECURITY_HEADERS`` to every HTTP response of the wrapped app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


MASKED_LINE = "[ligne masquée : elle nomme une personne ; réservée à l'équipe]"
"""What an anonymous reader sees instead of a source line that names a person."""


def _source_page(document: SourceDocument, text: str, masked: set[int] | frozenset[int] = frozenset()) -> str:
    lines = "".join(
        f'<li id="L{number}"><a href="#L{number}">{number}</a> '
        + (f'<em class="masque">{MASKED_LINE}</em>' if number in masked else html.escape(line))
        + "</li>"
        for number, line in enumerate(text.splitlines(), start=1)
    )
    title = html.escape(document.title)
    about = f"<p>{html.escape(document.description)}</p>" if document.description else ""
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/static/source.css"></head><body>'
        f'<nav><a href="/">← Retour à l\'explorateur</a></nav><h1>{title}</h1>{about}'
        f'<p class="file">Document source <code>{html.escape(document.id)}</code> : seules les lignes que les '
        "faits du graphe citent sont reproduites.</p>"
        f"<ol>{lines}</ol></body></html>"
    )


def source_route(sources: Path, graph: Graph) -> Route:
    """``/sources/{name}``: a source document with numbered, linkable lines (``#L120``), for provenance links.

    The privacy rule of source documents: a line that names a person of the graph (full name, or surname
    as a whole word, case and accents ignored) is masked for an anonymous reader; a reader sending a
    valid token (``Authorization: Bearer …``) sees every line. Without the database the names cannot be
    checked, so an anonymous reader gets 503 rather than an unmasked page.
    """

    async def page(request: Request) -> Response:
        name = request.path_params["name"]
        path = document_path(sources, name)
        if path is None:
            return PlainTextResponse(f"Document source inconnu : {name}", status_code=404, headers=SECURITY_HEADERS)
        document = catalogue(sources).get(name) or SourceDocument(name, name)
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            staff = await run_in_threadpool(_is_staff, graph, request.headers.get("authorization", ""))
            if staff:
                return HTMLResponse(_source_page(document, text), headers=SECURITY_HEADERS)
            names = await run_in_threadpool(person_names, graph)
        except GraphUnavailable:
            headers = {**SECURITY_HEADERS, "Retry-After": RETRY_AFTER}
            return PlainTextResponse(UNAVAILABLE_MESSAGE, status_code=UNAVAILABLE_STATUS, headers=headers)
        masked = lines_naming_people(text.splitlines(), name_pattern(names))
        return HTMLResponse(_source_page(document, text, masked), headers=SECURITY_HEADERS)

    return Route("/sources/{name}", page)


def _is_staff(graph: Graph, authorization: str) -> bool:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return False
    try:
        return holder_of(graph, token.strip()).role is not Role.ANONYMOUS
    except AuthenticationFailed:
        return False


async def _page(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8", headers=SECURITY_HEADERS)


def web_routes(sources: Path, graph: Graph) -> list[BaseRoute]:
    """The explorer's routes: ``/`` (the page), ``/static`` (its files) and ``/sources`` (the source documents)."""
    return [
        Route("/", _page),
        source_route(sources, graph),
        Mount("/static", app=SecurityHeaders(StaticFiles(directory=STATIC_DIR)), name="static"),
    ]
