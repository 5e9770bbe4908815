"""One cache for the process of the GraphQL documents already parsed and found valid.

Parsing and validating a document costs more than running most queries (graphql-core walks the whole
document once per validation rule). The texts a client sends repeat (the explorer and scripts send a
few dozen distinct documents), so each distinct text is parsed and validated once per schema and the
parsed document is reused afterwards.

Why not Strawberry's ``ParserCache``/``ValidationCache``: the schema's extensions are built per request
(factories, see ``schema.build_schema``), and the depth and alias limiters make a new validation rule
class per instance, so a validation cache keyed by the rule classes never hits. Here the key is the
schema and the document's text; the limits' rules are built once with the schema, so a document valid
once stays valid for that schema.

Only documents that parsed and validated without error are kept (an invalid document is refused again,
at its full cost, each time: caching errors would share mutable error objects between requests), and
the cache is bounded (least recently used first out) so distinct texts cannot grow memory without limit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator

from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

MAX_DOCUMENTS = 512
"""Distinct valid documents kept per process (all schemas together)."""


class DocumentStore:
    """A bounded, thread-safe map of (schema, document text) to the parsed, valid document."""

    def __init__(self, size: int = MAX_DOCUMENTS) -> None:
        self.size = size
        self._documents: OrderedDict[tuple[object, str], DocumentNode] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, schema: object, text: str) -> DocumentNode | None:
        """The cached document for ``text`` under ``schema``, or None (counted as a miss)."""
        key = (schema, text)
        with self._lock:
            document = self._documents.get(key)
            if document is None:
                self.misses += 1
                return None
            self._documents.move_to_end(key)
            self.hits += 1
            return document

    def put(self, schema: object, text: str, document: DocumentNode) -> None:
        """Keep ``document``, parsed from ``text`` and valid under ``schema``."""
        with self._lock:
            self._documents[(schema, text)] = document
            self._documents.move_to_end((schema, text))
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)

    def clear(self) -> None:
        """Forget every document (and the hit counts)."""
        with self._lock:
            self._documents.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._documents)


class DocumentCache(SchemaExtension):
    """Reuses the parsed document of a text already found valid under this schema; skips parse and validation.

    The key holds the graphql-core schema object itself (not its id, which a later schema could reuse):
    a schema built later in the same process, e.g. with introspection off, gets its own entries.
    """

    store = DocumentStore()

    def __init__(self) -> None:
        self._hit = False

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            document = self.store.get(context.schema._schema, context.query)
            if document is not None:
                context.graphql_document = document
                self._hit = True
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self._hit:
            context.pre_execution_errors = []  # validated when it was first seen
        yield
        if not self._hit and context.pre_execution_errors == [] and context.query and context.graphql_document:
            self.store.put(context.schema._schema, context.query, context.graphql_document)
