"""GraphQL fields for accent-insensitive search."""

from __future__ import annotations

import strawberry

from maillage.queries.search import search

from .context import Info
from .types import ENTITY_PROVENANCE, Provenance, entity_provenance


@strawberry.type(description="Un résultat de recherche.")
class SearchHit:
    id: strawberry.ID
    labels: list[str]
    name: str | None
    acronym: str | None
    kind: str | None
    score: float

    @strawberry.field(description=ENTITY_PROVENANCE)
    async def provenance(self, info: Info) -> Provenance | None:
        return await entity_provenance(info, self.id)


@strawberry.type
class SearchQuery:
    @strawberry.field(description="Recherche insensible à la casse et aux accents (noms, sigles, titres).")
    def search(self, info: Info, text: str, limit: int = 20) -> list[SearchHit]:
        hits = search(info.context.graph, text, limit)
        return [SearchHit(**hit.model_dump()) for hit in hits]
