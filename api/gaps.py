"""GraphQL fields for the coordination gaps of a CRI's territory (policy brief 004)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from maillage.queries import gaps

from .context import Info
from .types import CommuneReferrals, CpasWithoutCriLink, TerritoryGap, served


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
        return served(found)

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
        return served(found)

    @strawberry.field(
        description="Les territoires où aucune organisation ne travaille localement sur un thème, chacun avec "
        "les opérateurs qui le couvrent seulement depuis un territoire plus large (province, région)."
    )
    def territories_without_operator(
        self,
        info: Info,
        theme_id: strawberry.ID,
        within_id: strawberry.ID | None = None,
        level: str = "commune",
        include_wider: Annotated[
            bool,
            strawberry.argument(
                description="Compter aussi comme opérateur une organisation qui couvre un territoire plus large "
                "(la province, la région) : les territoires ainsi couverts ne sont plus listés. Faux par défaut : "
                "seule une présence locale compte."
            ),
        ] = False,
    ) -> list[TerritoryGap]:
        found = gaps.territories_without_operator(
            info.context.graph, theme_id, level=level, within_id=within_id, include_wider=include_wider
        )
        return served(found)
