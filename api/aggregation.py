"""GraphQL field for counts of organisations in groups (kind, sector, territory, theme, mesh)."""

from __future__ import annotations

import strawberry
from strawberry.experimental.pydantic import type as from_model

from maillage.graph.vocabulary import OrgKind, Sector, TerritoryLevel
from maillage.queries import aggregation

from . import types as _types  # noqa: F401  (registers the vocabulary enums)
from .context import Info

Dimension = strawberry.enum(aggregation.Dimension, description="Ce par quoi des organisations sont regroupées.")


@from_model(model=aggregation.GroupKey, all_fields=True, name="GroupKey", description="La valeur d'un groupe.")
class GroupKey:
    pass


@from_model(model=aggregation.CountGroup, all_fields=True, name="CountGroup", description="Un groupe et son effectif.")
class CountGroup:
    pass


@from_model(
    model=aggregation.Counts,
    all_fields=True,
    name="OrganisationCounts",
    description="Des organisations comptées par groupes, les plus grands d'abord.",
)
class OrganisationCounts:
    pass


@strawberry.type
class AggregationQuery:
    @strawberry.field(
        description=(
            "Compte les organisations (filtrées) par type, secteur, territoire du siège (au niveau choisi), "
            "thème ou maillage ; par exemple les ILI par arrondissement et par thème. Une organisation qui "
            "travaille sur trois thèmes compte dans chacun des trois groupes."
        )
    )
    def organisation_counts(
        self,
        info: Info,
        group_by: list[Dimension],  # type: ignore[valid-type]
        kinds: list[OrgKind] | None = None,  # type: ignore[valid-type]
        sectors: list[Sector] | None = None,  # type: ignore[valid-type]
        theme: strawberry.ID | None = None,
        territory: strawberry.ID | None = None,
        level: TerritoryLevel = TerritoryLevel.ARRONDISSEMENT,  # type: ignore[valid-type]
    ) -> OrganisationCounts:
        counts = aggregation.count_organisations(
            info.context.graph,
            group_by,
            aggregation.OrganisationSet(kinds=kinds, sectors=sectors, theme=theme, territory=territory),
            level=level,
        )
        return OrganisationCounts.from_pydantic(counts)
