"""The one place where the GraphQL schema is assembled."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from maillage.graph.errors import MaillageError

from .aggregation import AggregationQuery
from .analysis import AnalysisQuery
from .entities import EntitiesQuery
from .errors import ErrorCodes, log
from .gaps import GapsQuery
from .history import HistoryQuery
from .horizontal import HorizontalQuery
from .limits import MAX_RESULT_ITEMS, ResultSizeLimit
from .merging import MergingQuery
from .mutations import CurationQuery, Mutation
from .network import NetworkQuery
from .proposals import ProposalQuery
from .registry import RegistryQuery
from .search import SearchQuery
from .tracing import TracingQuery
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
    """The Strawberry schema, logging a refused request in one line instead of a traceback.

    Database outages, wrong ids and invalid arguments are the caller's or the database's state, not a
    bug: a traceback for each would bury the real ones. Unexpected errors keep their traceback (logged
    where they are turned into ``INTERNAL``, see ``errors.coded``).
    """

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if error.original_error is None or isinstance(error.original_error, MaillageError):
                log.info("requête refusée : %s", error.message)


def build_schema(*, production: bool, max_result_items: int = MAX_RESULT_ITEMS) -> strawberry.Schema:
    """The schema, with the safety limits; introspection and suggestions off in production."""
    extensions: list = [  # factories: Strawberry builds fresh extensions for each request
        ErrorCodes,
        lambda: ResultSizeLimit(max_items=max_result_items),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
    ]
    if production:
        from strawberry.extensions import DisableIntrospection

        extensions.append(DisableIntrospection)
    return MaillageSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
    )
