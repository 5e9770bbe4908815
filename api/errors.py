"""Errors as the GraphQL client sees them: a clear message and a stable ``extensions.code``.

Domain errors (``maillage.graph.errors``) keep their message and code, except a query Neo4j refused
(``QueryError``: our fault, and its message quotes Neo4j), which becomes ``INTERNAL``; limits refused by the
validation rules get ``TOO_COMPLEX``; malformed queries ``INVALID_QUERY``; anything unexpected
becomes ``INTERNAL`` with a generic message (the detail goes to the server log, never a traceback
to the client).
"""

from __future__ import annotations

import logging
import re

from graphql import ArgumentNode, DocumentNode, GraphQLError, Node, VariableDefinitionNode, VariableNode, visit
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from maillage.graph.errors import MaillageError, QueryError

from .outage import UNAVAILABLE_MESSAGE

log = logging.getLogger("maillage.api")

LIMIT_MARKERS = ("exceeds maximum operation depth", "aliases", "token", "trop", "coût", "cost")
INTERNAL_MESSAGE = "Erreur interne du serveur ; l'équipe technique peut la retrouver dans le journal."


_BAD_DATE = re.compile(r'Value cannot represent a Date: "(?P<value>.*?)"\.')
"""How the Date scalar refuses a value (a literal, or a variable's value)."""
DATE_FORMAT = "format attendu AAAA-MM-JJ, par exemple 2024-06-30"


def _same_place(one: Node, other: Node) -> bool:
    """Whether two nodes are the same text of the query (the document may have been parsed again)."""
    if one.loc is None or other.loc is None:
        return False
    return (one.loc.start, one.loc.end) == (other.loc.start, other.loc.end)


class _Arguments(Visitor):
    """Collects the arguments of a document that receive a given node, a given variable, or (when the error
    points at no node) a literal of the given text."""

    def __init__(self, node: Node | None, text: str) -> None:
        super().__init__()
        self.node = node
        self.variable = node.variable.name.value if isinstance(node, VariableDefinitionNode) else None
        self.text = text
        self.names: list[str] = []

    def enter_argument(self, argument: ArgumentNode, *_: object) -> None:
        value = argument.value
        if isinstance(value, VariableNode):
            found = value.name.value == self.variable
        elif self.node is not None:
            found = _same_place(value, self.node)
        else:
            found = str(getattr(value, "value", None)) == self.text
        if found:
            self.names.append(argument.name.value)


def _bad_date(error: GraphQLError, document: DocumentNode | None) -> str | None:
    """A French message naming the argument for a date the Date scalar refused; None for another error."""
    found = _BAD_DATE.search(error.message)
    if found is None:
        return None
    names: list[str] = []
    node = error.nodes[0] if error.nodes else None
    if document is not None:
        arguments = _Arguments(node, found.group("value"))
        visit(document, arguments)
        names = list(dict.fromkeys(arguments.names))
    where = " / ".join(names) or "argument"
    if isinstance(node, VariableDefinitionNode):
        where = f"{where} (variable ${node.variable.name.value})"
    return f"{where} : date invalide « {found.group('value')} » ({DATE_FORMAT})."


def coded(error: GraphQLError, document: DocumentNode | None = None) -> GraphQLError:
    """``error`` with its stable code in ``extensions.code`` (and an internal error's detail hidden).

    ``document``: the request's parsed query, to name the argument a refused date was given to."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    message = error.message
    bad_date = _bad_date(error, document)
    if bad_date is not None:
        extensions["code"] = "INVALID_INPUT"
        message = bad_date
    elif isinstance(original, QueryError):  # a fault of ours or Neo4j's words: the log gets them, not the client
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
            document = self.execution_context.graphql_document
            result.errors = [coded(error, document) for error in result.errors]
