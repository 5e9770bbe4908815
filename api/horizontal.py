"""GraphQL fields of the horizontal mesh: partners by ring, co-members, bridges between sectors, suggestions."""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.analysis.suggestions import suggestion_index
from maillage.graph.vocabulary import Sector
from maillage.queries import horizontal
from maillage.queries.results import today

from .context import Info
from .types import CoMember, PartnerSuggestion, RingOfPartners, SectorBridge, served


@strawberry.type
class HorizontalQuery:
    @strawberry.field(
        description="Les partenaires d'une organisation par cercle (1, 2, 3, puis pouvoirs publics), chacun avec "
        "les liens qui en font un partenaire : partenariat, orientation, plateforme commune."
    )
    def partners_by_ring(
        self, info: Info, id: strawberry.ID, ring: int | None = None, as_of: dt.date | None = None
    ) -> list[RingOfPartners]:
        found = horizontal.partners_by_ring(info.context.graph, id, ring=ring, as_of=as_of)
        return served(found)

    @strawberry.field(
        description="Les organisations qui participent aux mêmes plateformes, avec le nombre de plateformes communes."
    )
    def co_members(
        self, info: Info, id: strawberry.ID, min_shared: int = 1, as_of: dt.date | None = None
    ) -> list[CoMember]:
        found = horizontal.co_members(info.context.graph, id, min_shared=min_shared, as_of=as_of)
        return served(found)

    @strawberry.field(
        description="Les organisations d'un secteur (par défaut l'intégration) liées à des organisations d'autres "
        "secteurs (par défaut tous ceux des trois cercles), avec les liens ; par ordre alphabétique, `limit` par "
        "page, la suite après le `cursor` du dernier pont (`after`) ; `minSectors` : au moins autant de secteurs."
    )
    def sector_bridges(
        self,
        info: Info,
        sector: Sector = Sector.INTEGRATION,
        towards: list[Sector] | None = None,
        as_of: dt.date | None = None,
        limit: int = 50,
        min_sectors: int = 1,
        after: str | None = None,
    ) -> list[SectorBridge]:
        found = horizontal.sector_bridges(
            info.context.graph,
            sector=sector,
            towards=towards,
            as_of=as_of,
            limit=limit,
            min_sectors=min_sectors,
            after=after,
        )
        return served(found)

    @strawberry.field(
        description="Organisations qui travaillent sur les thèmes d'une organisation ou d'une plateforme, dans son "
        "territoire, et qui n'y sont pas encore reliées ; classées par un score expliqué."
    )
    def partner_suggestions(
        self,
        info: Info,
        id: strawberry.ID,
        theme: strawberry.ID | None = None,
        territory: strawberry.ID | None = None,
        as_of: dt.date | None = None,
        limit: int = 20,
    ) -> list[PartnerSuggestion]:
        graph = info.context.graph
        # the index counts degrees today; it never waits: None (and its build started) answers with the query
        index = suggestion_index(graph) if as_of is None or as_of == today() else None
        found = horizontal.partner_suggestions(
            graph, id, theme=theme, territory=territory, as_of=as_of, limit=limit, index=index
        )
        return served(found)
