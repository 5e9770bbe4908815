"""What a GraphQL request must pass before it is executed: a bounded body and, when it carries one,
a valid bearer token. The caller it identifies (the viewer) is left in the request scope.

A POST must declare the media type ``application/json`` exactly (parameters such as ``charset`` allowed;
``x-application/json`` or ``text/plain, application/json`` are not JSON), and its body must be an object
(or a list of them: a batch) whose strings are valid Unicode and whose numbers Python can read.
Refusals are GraphQL-shaped JSON with a stable code: ``TOO_LARGE`` (413), ``UNSUPPORTED_MEDIA_TYPE`` (415),
``INVALID_QUERY`` (400), ``UNAUTHENTICATED`` (401) and, when the database cannot check a token,
``UNAVAILABLE`` (503, the outage contract of every caller: see ``maillage.api.outage``).
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from maillage.graph.connection import Graph
from maillage.graph.errors import GraphUnavailable, MaillageError
from maillage.queries.tokens import holder_of

from .context import Viewer
from .outage import RETRY_AFTER, UNAVAILABLE_MESSAGE, UNAVAILABLE_STATUS

MAX_BODY_BYTES = 64 * 1024
"""The largest GraphQL request body accepted (a query, its variables and a few batched operations)."""


JSON_MEDIA_TYPE = "application/json"


def is_json(content_type: str) -> bool:
    """True when the ``Content-Type`` header names the media type ``application/json`` (parameters allowed)."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == JSON_MEDIA_TYPE


def malformed(body: bytes) -> str | None:
    """Why a JSON request body cannot be a GraphQL request, or None when it can.

    JSON lets a string escape half a UTF-16 pair (``"\\ud800"``); such a string cannot be encoded for
    the database, so it is refused here rather than failing deep inside a query.
    """
    try:
        document = json.loads(body)
    except RecursionError:
        return "Le corps de la requête est imbriqué trop profondément."
    except (ValueError, UnicodeDecodeError):  # also an integer of more than 4300 digits
        return "Le corps de la requête n'est pas du JSON valide."
    operations = document if isinstance(document, list) else [document]
    if not operations or not all(isinstance(operation, dict) for operation in operations):
        return 'Le corps de la requête doit être un objet JSON : {"query": "…", "variables": {…}}.'
    if not _valid_unicode(document):
        return "Le corps de la requête contient un caractère Unicode invalide (une moitié de paire UTF-16)."
    return None


def _valid_unicode(value: object) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


async def _refuse(send: Send, status: int, code: str, message: str, *, retry: bool = False) -> None:
    body = json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="maillage"'))
    if retry:
        headers.append((b"retry-after", RETRY_AFTER.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class GraphQLGate:
    """ASGI wrapper of the GraphQL endpoint: body size limit, then token → viewer."""

    def __init__(self, app: ASGIApp, graph: Graph, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.graph = graph
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        too_large = f"Requête trop volumineuse : {self.max_body} octets au plus."
        if int(headers.get("content-length") or 0) > self.max_body:
            await _refuse(send, 413, "TOO_LARGE", too_large)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _refuse(send, 413, "TOO_LARGE", too_large)
                return
        if scope.get("method") == "POST":
            if not is_json(headers.get("content-type", "")):
                shown = headers.get("content-type", "")[:80] or "aucun"
                await _refuse(
                    send,
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    f"Type de contenu refusé ({shown}) : envoyez « Content-Type: application/json ».",
                )
                return
            problem = malformed(body)
            if problem is not None:
                await _refuse(send, 400, "INVALID_QUERY", problem)
                return
            # Strawberry compares the header as written: pass it on in the one spelling it accepts.
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-type"] + [
                (b"content-type", b"application/json")
            ]
        viewer = Viewer()
        authorization = headers.get("authorization", "")
        if authorization:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                await _refuse(send, 401, "UNAUTHENTICATED", "En-tête Authorization attendu : « Bearer <jeton> ».")
                return
            try:
                holder = await run_in_threadpool(holder_of, self.graph, token.strip())
            except GraphUnavailable:
                await _refuse(send, UNAVAILABLE_STATUS, "UNAVAILABLE", UNAVAILABLE_MESSAGE, retry=True)
                return
            except MaillageError as exc:
                if exc.code != "UNAUTHENTICATED":
                    raise
                await _refuse(send, 401, exc.code, str(exc))
                return
            viewer = Viewer(role=holder.role, name=holder.name)
        scope.setdefault("state", {})["viewer"] = viewer
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
