"""GraphQL fields of the vertical mesh: chains to the Coupole, bases, unrepresented ILIs, representativeness."""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.graph.errors import InvalidInput
from maillage.graph.vocabulary import Role
from maillage.queries import vertical

from .context import Info
from .types import Base, NodeRef, Path, Representativeness, served


@strawberry.type
class VerticalQuery:
    @strawberry.field(description="Les chaînes d'affiliation d'une organisation jusqu'à la Coupole.")
    def affiliation_chains(
        self,
        info: Info,
        id: strawberry.ID,
        k: int = 3,
        max_depth: int = vertical.MAX_DEPTH,
        as_of: dt.date | None = None,
    ) -> list[Path]:
        found = vertical.affiliation_chains(info.context.graph, id, k=k, max_depth=max_depth, as_of=as_of)
        return served(found)

    @strawberry.field(description="La base d'une organisation, d'un mandat ou d'une personne (qui ils représentent).")
    def base(
        self,
        info: Info,
        organisation: strawberry.ID | None = None,
        mandate: strawberry.ID | None = None,
        person: strawberry.ID | None = None,
        as_of: dt.date | None = None,
    ) -> Base:
        graph = info.context.graph
        if person is not None:
            info.context.viewer.require(Role.STAFF)  # whom a named person represents is personal data
            return served(vertical.base_of_person(graph, person, as_of=as_of))
        if mandate is not None:
            return served(vertical.base_of_mandate(graph, mandate, as_of=as_of))
        if organisation is not None:
            return served(vertical.base_of_organisation(graph, organisation, as_of=as_of))
        raise InvalidInput("Précisez organisation, mandate ou person.")

    @strawberry.field(description="Les ILI qu'aucune fédération ne représente.")
    def unrepresented_ilis(self, info: Info, as_of: dt.date | None = None) -> list[NodeRef]:
        return served(vertical.unrepresented_ilis(info.context.graph, as_of=as_of))

    @strawberry.field(description="La représentativité de chaque mandat : sa base et sa part des ILI.")
    def representativeness(self, info: Info, as_of: dt.date | None = None) -> list[Representativeness]:
        return served(vertical.representativeness(info.context.graph, as_of=as_of))
