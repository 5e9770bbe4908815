"""Errors as the GraphQL client sees them: a clear message and a stable ``extensions.code``.

Domain errors (``maillage.graph.errors``) keep their message and code, except a query Neo4j refused
(``QueryError``: our fault, and its message quotes Neo4j), which becomes ``INTERNAL``; limits refused by the
validation rules get ``TOO_COMPLEX``; malformed queries ``INVALID_QUERY``; anything unexpected
becomes ``INTERNAL`` with a generic message (the detail goes to the server log, never a traceback
to the client).
"""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from maillage.graph.errors import MaillageError, QueryError

from .outage import UNAVAILABLE_MESSAGE

log = logging.getLogger("maillage.api")

LIMIT_MARKERS = ("exceeds maximum operation depth", "aliases", "token", "trop", "coût", "cost")
INTERNAL_MESSAGE = "Erreur interne du serveur ; l'équipe technique peut la retrouver dans le journal."


def coded(error: GraphQLError) -> GraphQLError:
    """``error`` with its stable code in ``extensions.code`` (and an internal error's detail hidden)."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    message = error.message
    if isinstance(original, QueryError):  # a fault of ours or Neo4j's words: the log gets them, not the client
        log.error("requête refusée dans %s : %s", error.path, original)
        extensions["code"] = "INTERNAL"
        message = INTERNAL_MESSAGE
    elif isinstance(original, MaillageError):
        extensions["code"] = original.code
        if original.code == "UNAVAILABLE":  # the outage contract: one message for every caller
            message = UNAVAILABLE_MESSAGE
    elif isinstance(original, GraphQLError) and original.extensions and "code" in original.extensions:
        extensions["code"] = original.extensions["code"]
    elif isinstance(original, GraphQLError) and error.path is None:  # a variable's value that does not fit its type
        extensions["code"] = "INVALID_QUERY"
    elif original is None:  # refused by parsing or validation: a safety limit, or a malformed query
        lowered = message.lower()
        extensions.setdefault("code", "TOO_COMPLEX" if any(m in lowered for m in LIMIT_MARKERS) else "INVALID_QUERY")
    else:
        log.error("erreur interne dans %s", error.path, exc_info=original)
        extensions["code"] = "INTERNAL"
        message = INTERNAL_MESSAGE
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


class ErrorCodes(SchemaExtension):
    """Gives every error of a response its stable code (see :func:`coded`)."""

    def on_operation(self):  # type: ignore[no-untyped-def]
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [coded(error) for error in result.errors]
