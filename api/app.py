"""The Starlette application: GraphQL, health and readiness probes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL

from maillage.graph.connection import Graph
from maillage.graph.errors import MaillageError
from maillage.graph.schema import is_current
from maillage.graph.settings import Settings, load_settings

from .context import Context, Viewer
from .gate import GraphQLGate
from .schema import build_schema
from .web import web_routes


class MaillageGraphQL(GraphQL):
    """The GraphQL endpoint: POST only, a fresh context per request."""

    def __init__(self, settings: Settings, graph: Graph) -> None:
        super().__init__(
            build_schema(production=settings.production, max_result_items=settings.max_result_items),
            graphql_ide=None if settings.production else "graphiql",
            allow_queries_via_get=False,
        )
        self.settings = settings
        self.graph = graph

    async def get_context(self, request: Any, response: Any) -> Context:
        viewer = request.scope.get("state", {}).get("viewer") or Viewer()
        return Context(settings=self.settings, graph=self.graph, request=request, viewer=viewer)


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the application; the Graph is opened at startup and closed at shutdown."""
    settings = settings or load_settings()
    graph = Graph.from_settings(settings, retry_time=settings.api_retry_time)

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> JSONResponse:
        try:
            current = await run_in_threadpool(is_current, graph)
        except MaillageError as exc:
            return JSONResponse({"status": "unavailable", "code": exc.code, "detail": str(exc)}, status_code=503)
        if not current:
            return JSONResponse({"status": "unavailable", "detail": "migrations non appliquées"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        graph.close()

    return Starlette(
        routes=[
            Route("/health", health),
            Route("/ready", ready),
            Route("/graphql", GraphQLGate(MaillageGraphQL(settings, graph), graph), methods=["GET", "POST"]),
            *web_routes(settings.sources),
        ],
        lifespan=lifespan,
    )
