"""GraphQL fields of the horizontal mesh: partner suggestions."""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.queries import horizontal

from .context import Info
from .types import PartnerSuggestion


@strawberry.type
class HorizontalQuery:
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
        found = horizontal.partner_suggestions(
            info.context.graph, id, theme=theme, territory=territory, as_of=as_of, limit=limit
        )
        return [PartnerSuggestion.from_pydantic(s) for s in found]
