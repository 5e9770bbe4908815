"""GraphQL fields for the coordination gaps of a CRI's territory (policy brief 004)."""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.queries import gaps

from .context import Info
from .types import CommuneReferrals, CpasWithoutCriLink, TerritoryGap


@strawberry.type
class GapsQuery:
    @strawberry.field(description="Les années pour lesquelles des orientations vers ce CRI sont connues.")
    def referral_years(self, info: Info, cri_id: strawberry.ID) -> list[int]:
        return gaps.referral_years(info.context.graph, cri_id)

    @strawberry.field(description="Les communes du territoire d'un CRI qui ont orienté moins de `threshold` personnes.")
    def silent_communes(
        self, info: Info, cri_id: strawberry.ID, year: int, threshold: int = 1
    ) -> list[CommuneReferrals]:
        found = gaps.silent_communes(info.context.graph, cri_id, year, threshold=threshold)
        return [CommuneReferrals.from_pydantic(c) for c in found]

    @strawberry.field(
        description="Les CPAS sans aucun lien avec le CRI de leur territoire, par pages : `first` lignes (500 au "
        "plus) après la ligne dont le `cursor` est `after`."
    )
    def cpas_without_cri_link(
        self,
        info: Info,
        cri_id: strawberry.ID | None = None,
        as_of: dt.date | None = None,
        first: int = gaps.DEFAULT_PAGE,
        after: str | None = None,
    ) -> list[CpasWithoutCriLink]:
        found = gaps.cpas_without_cri_link(info.context.graph, cri_id=cri_id, as_of=as_of, first=first, after=after)
        return [CpasWithoutCriLink.from_pydantic(c) for c in found]

    @strawberry.field(description="Les territoires où aucune organisation ne travaille sur un thème.")
    def territories_without_operator(
        self, info: Info, theme_id: strawberry.ID, within_id: strawberry.ID | None = None, level: str = "commune"
    ) -> list[TerritoryGap]:
        found = gaps.territories_without_operator(info.context.graph, theme_id, level=level, within_id=within_id)
        return [TerritoryGap.from_pydantic(t) for t in found]
