"""GraphQL fields for tracing recommendations to decision-makers."""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.queries import tracing

from .context import Info
from .types import Carrier, MemorandumSummary, RecommendationSummary, RecommendationTrace, StatusTimeline, served


@strawberry.type
class TracingQuery:
    @strawberry.field(description="Les mémorandums, avec leurs auteurs et leur nombre de recommandations.")
    def memoranda(self, info: Info) -> list[MemorandumSummary]:
        return served(tracing.memoranda(info.context.graph))

    @strawberry.field(description="Les recommandations d'un mémorandum, avec leur statut à la date.")
    def recommendations_of(
        self, info: Info, memorandum_id: strawberry.ID, as_of: dt.date | None = None
    ) -> list[RecommendationSummary]:
        found = tracing.recommendations_of(info.context.graph, memorandum_id, as_of=as_of)
        return served(found)

    @strawberry.field(description="Une recommandation, ses destinataires et les meilleurs chemins pour les atteindre.")
    def trace_recommendation(
        self, info: Info, id: strawberry.ID, k: int = 3, max_depth: int = 4, as_of: dt.date | None = None
    ) -> RecommendationTrace:
        found = tracing.trace_recommendation(info.context.graph, id, k=k, max_depth=max_depth, as_of=as_of)
        return served(found)

    @strawberry.field(description="Les organisations qui siègent là où siège un destinataire de la recommandation.")
    def carriers(self, info: Info, id: strawberry.ID, as_of: dt.date | None = None) -> list[Carrier]:
        return served(tracing.carriers(info.context.graph, id, as_of=as_of))

    @strawberry.field(description="L'historique des statuts d'une recommandation.")
    def status_timeline(self, info: Info, id: strawberry.ID, as_of: dt.date | None = None) -> StatusTimeline:
        return served(tracing.status_timeline(info.context.graph, id, as_of=as_of))
