"""The Starlette application: GraphQL, health and readiness probes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL

from maillage.graph.connection import WARMING_MESSAGE, Graph
from maillage.graph.errors import GraphUnavailable, MaillageError
from maillage.graph.schema import is_current
from maillage.graph.settings import Settings, load_settings

from .context import Context, Viewer
from .gate import GraphQLGate
from .outage import RETRY_AFTER, UNAVAILABLE_STATUS, is_outage
from .schema import build_schema
from .web import web_routes


class MaillageGraphQL(GraphQL[Context, None]):
    """The GraphQL endpoint: POST only, a fresh context per request, each operation in a worker thread.

    The resolvers are synchronous (the driver's blocking API). Run on the event loop, each would hold the
    whole server while its query runs: requests would be served one at a time and ``/health`` would wait
    behind them. So each operation runs, whole, in a thread of the endpoint's own pool, on an event loop of
    its own (a plain executor: anyio's thread pool, behind Starlette's ``run_in_threadpool``, costs more per
    call, on the event loop's thread that every request shares).
    """

    def __init__(self, settings: Settings, graph: Graph) -> None:
        super().__init__(
            build_schema(production=settings.production, max_result_items=settings.max_result_items),
            graphql_ide=None if settings.production else "graphiql",
            allow_queries_via_get=False,
        )
        self.settings = settings
        self.graph = graph
        self.operations = ThreadPoolExecutor(max_workers=OPERATION_THREADS, thread_name_prefix="maillage-graphql")

    async def execute_single(self, *args: Any, **kwargs: Any) -> Any:
        operation = super().execute_single
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.operations, lambda: _thread_loop().run_until_complete(operation(*args, **kwargs))
        )

    def encode_json(self, data: object) -> bytes:
        """A response body as JSON: orjson (compiled), which encodes a page of 100 items several times faster
        than the standard library, on the event loop's thread that every request shares."""
        return orjson.dumps(data)

    def create_response(self, response_data: Any, sub_response: Any) -> Any:
        """The JSON response; HTTP 503 with ``Retry-After`` when the database was unavailable (the outage
        contract, the same for every caller: see ``maillage.api.outage``)."""
        response = super().create_response(response_data, sub_response)
        if is_outage(response_data):
            response.status_code = UNAVAILABLE_STATUS
            response.headers["retry-after"] = RETRY_AFTER
        return response

    async def get_context(self, request: Any, response: Any) -> Context:
        viewer = request.scope.get("state", {}).get("viewer") or Viewer()
        return Context(settings=self.settings, graph=self.graph, request=request, viewer=viewer)


OPERATION_THREADS = 40
"""GraphQL operations run at once in one process (the size of Starlette's thread pool, used before)."""

HOLD_UNREACHABLE = 1.0
"""Seconds during which, once Neo4j was found unreachable, requests get UNAVAILABLE at once (no retry wait);
then until a background probe reaches it (``maillage.graph.circuit``): a starting Neo4j keeps a transaction
waiting until its database is up, and only the probe waits for that."""

API_CONNECTION_TIMEOUT = 0.5
"""Seconds to open a connection to Neo4j (loopback or a near network: a healthy server answers in ms)."""
API_ACQUISITION_TIMEOUT = 1.5
"""Seconds to get a connection, login included: a server that is starting or stopping holds none up longer,
and no retry begins after MAILLAGE_API_RETRY_TIME, so an outage is answered within 2 s (the outage contract)."""

_threads = threading.local()


def _thread_loop() -> asyncio.AbstractEventLoop:
    """The event loop of the current worker thread, made once (making one per request costs more)."""
    loop: asyncio.AbstractEventLoop | None = getattr(_threads, "loop", None)
    if loop is None:
        loop = _threads.loop = asyncio.new_event_loop()
    return loop


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the application; the Graph is opened at startup and closed at shutdown."""
    settings = settings or load_settings()
    graph = Graph.from_settings(
        settings,
        retry_time=settings.api_retry_time,
        hold_unreachable=HOLD_UNREACHABLE,
        connection_timeout=API_CONNECTION_TIMEOUT,
        acquisition_timeout=API_ACQUISITION_TIMEOUT,
    )

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> JSONResponse:
        try:
            if graph.warming:
                raise GraphUnavailable(WARMING_MESSAGE)
            current = await run_in_threadpool(is_current, graph)
        except MaillageError as exc:
            return JSONResponse(
                {"status": "unavailable", "code": exc.code, "detail": str(exc)},
                status_code=UNAVAILABLE_STATUS,
                headers={"retry-after": RETRY_AFTER},
            )
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
            *web_routes(settings.sources, graph),
        ],
        lifespan=lifespan,
    )
