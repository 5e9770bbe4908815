"""GraphQL fields of the diagonal mesh: the mandate registry, bodies without a sector seat, seat
concentration and access paths to decision-makers."""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.queries import diagonal

from .context import Info
from .selection import selects
from .types import BodySeats, BodyWithoutSeat, ExpiringSeat, OrganisationLoad, Path, PersonLoad, served

SEAT_DETAILS = [("seats", field) for field in ("person", "substitute", "onBehalfOf")]
"""The fields of a seat that ``diagonal.seats_by_body`` reads only when ``details`` is asked."""


@strawberry.type
class RegistryQuery:
    @strawberry.field(description="Les sièges de chaque instance à une date (titulaire, personne, suppléant, période).")
    def seats_by_body(
        self,
        info: Info,
        body_id: strawberry.ID | None = None,
        holder_id: strawberry.ID | None = None,
        expiring_within_days: int | None = None,
        as_of: dt.date | None = None,
    ) -> list[BodySeats]:
        found = diagonal.seats_by_body(
            info.context.graph,
            body_id=body_id,
            holder_id=holder_id,
            expiring_within_days=expiring_within_days,
            as_of=as_of,
            details=selects(info, *SEAT_DETAILS),
        )
        return served(found)

    @strawberry.field(description="Les mandats qui se terminent dans les N jours suivant la date.")
    def expiring_mandates(self, info: Info, within_days: int = 90, as_of: dt.date | None = None) -> list[ExpiringSeat]:
        found = diagonal.expiring_mandates(info.context.graph, within_days=within_days, as_of=as_of)
        return served(found)

    @strawberry.field(description="Les instances où le secteur de l'intégration n'a aucun siège à la date.")
    def bodies_without_sector_seat(self, info: Info, as_of: dt.date | None = None) -> list[BodyWithoutSeat]:
        return served(diagonal.bodies_without_sector_seat(info.context.graph, as_of=as_of))

    @strawberry.field(description="Les personnes qui cumulent au moins `threshold` sièges (noms réservés à l'équipe).")
    def seats_per_person(self, info: Info, threshold: int = 2, as_of: dt.date | None = None) -> list[PersonLoad]:
        found = diagonal.seats_per_person(info.context.graph, threshold=threshold, as_of=as_of)
        return served(found)

    @strawberry.field(description="Les organisations qui détiennent au moins `threshold` sièges.")
    def seats_per_organisation(
        self, info: Info, threshold: int = 2, as_of: dt.date | None = None
    ) -> list[OrganisationLoad]:
        found = diagonal.seats_per_organisation(info.context.graph, threshold=threshold, as_of=as_of)
        return served(found)

    @strawberry.field(description="Les k plus courts chemins d'une acteur (la Coupole par défaut) vers un décideur.")
    def access_paths(
        self,
        info: Info,
        target_id: strawberry.ID,
        source_id: strawberry.ID | None = None,
        k: int = 3,
        max_depth: int = diagonal.MAX_DEPTH,
        as_of: dt.date | None = None,
    ) -> list[Path]:
        found = diagonal.access_paths(
            info.context.graph,
            target_id,
            source_id=source_id or diagonal.DEFAULT_ORIGIN,
            k=k,
            max_depth=max_depth,
            as_of=as_of,
        )
        return served(found)
