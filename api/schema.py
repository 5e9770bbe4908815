"""The one place where the GraphQL schema is assembled."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from maillage.graph.errors import MaillageError

from .aggregation import AggregationQuery
from .analysis import AnalysisQuery
from .completion import PlannedExecutionContext
from .cost import CostLimit
from .documents import DocumentCache
from .entities import EntitiesQuery
from .errors import ErrorCodes, log
from .gaps import GapsQuery
from .history import HistoryQuery
from .horizontal import HorizontalQuery
from .limits import MAX_RESULT_ITEMS, ResultSizeLimit
from .merging import MergingQuery
from .mutations import CurationQuery, Mutation
from .network import NetworkQuery
from .privacy import guard
from .proposals import ProposalQuery
from .registry import RegistryQuery
from .resolvers import call_directly
from .search import SearchQuery
from .tracing import TracingQuery
from .type_checks import check_once_per_type
from .vertical import VerticalQuery

MAX_DEPTH = 10
MAX_ALIASES = 20
MAX_TOKENS = 2000


@strawberry.type
class Query(
    EntitiesQuery,
    SearchQuery,
    NetworkQuery,
    RegistryQuery,
    TracingQuery,
    GapsQuery,
    HorizontalQuery,
    CurationQuery,
    ProposalQuery,
    MergingQuery,
    AnalysisQuery,
    AggregationQuery,
    HistoryQuery,
    VerticalQuery,
):
    """Lecture du graphe."""


class MaillageSchema(strawberry.Schema):
    """The Strawberry schema, behind the privacy boundary (:func:`maillage.api.privacy.guard`, applied to
    every field once the schema is built), with the shorter paths of :mod:`maillage.api.resolvers` and
    :mod:`maillage.api.type_checks`, logging a refused request in one line instead of a traceback.

    Database outages, wrong ids and invalid arguments are the caller's or the database's state, not a
    bug: a traceback for each would bury the real ones. Unexpected errors keep their traceback (logged
    where they are turned into ``INTERNAL``, see ``errors.coded``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        call_directly(
            self._schema, exception_handlers=bool(getattr(self.schema_converter, "_exception_handler_specs", ()))
        )
        guard(self._schema)
        check_once_per_type(self._schema)

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if error.original_error is None or isinstance(error.original_error, MaillageError):
                log.info("requête refusée : %s", error.message)


def build_schema(
    *, production: bool, max_result_items: int = MAX_RESULT_ITEMS, query: type = Query
) -> strawberry.Schema:
    """The schema, with the safety limits; introspection and suggestions off in production.

    Strawberry builds fresh extensions for each request (factories). The validation rules of the limits
    are made here, once: the depth and alias limiters make a new rule class per instance, and the rules
    must stay the same for a document validated once to be reused (``DocumentCache``). ``query`` lets
    tests assemble a schema with extra fields (the privacy boundary must cover fields nobody wrote yet).
    """
    rules = [
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    ]
    if production:
        rules += DisableIntrospection().validation_rules
    extensions: list = [
        ErrorCodes,
        DocumentCache,
        CostLimit,
        lambda: ResultSizeLimit(max_items=max_result_items),
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
    ]
    return MaillageSchema(
        query=query,
        mutation=Mutation,
        extensions=extensions,
        execution_context_class=PlannedExecutionContext,
        config=StrawberryConfig(disable_field_suggestions=production),
    )
