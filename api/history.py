"""GraphQL fields for the network between two dates: what began or ended, how centrality moved."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.experimental.pydantic import type as from_model
from strawberry.scalars import JSON

from maillage.analysis import State, compare
from maillage.graph.errors import InvalidInput
from maillage.graph.vocabulary import Layer
from maillage.queries import history

from . import types as _types  # noqa: F401  (registers the vocabulary enums)
from .analysis import AnalysisStatus, check_measure_and_top, snapshot_of, status_of
from .context import Info
from .types import ENTITY_PROVENANCE, Provenance, entity_provenance, provenance_in


@from_model(model=history.TieChange, name="TieChange", description="Un lien qui a commencé ou pris fin.")
class TieChange:
    change: strawberry.auto
    date: strawberry.auto
    type: strawberry.auto
    reading: strawberry.auto
    layer: strawberry.auto
    source: strawberry.auto
    target: strawberry.auto
    properties: JSON = strawberry.field(description="Propriétés du lien, dont sa provenance (source, locator).")

    @strawberry.field(description="D'où vient ce lien (source, lignes ou ligne du fichier importé).")
    def provenance(self) -> Provenance:
        return provenance_in(self.properties)


@from_model(
    model=history.MandateChange,
    all_fields=True,
    name="MandateChange",
    description="Un mandat qui a commencé ou pris fin, avec son détenteur, son instance et sa provenance.",
)
class MandateChange:
    @strawberry.field(description="D'où vient ce mandat (source, lignes ou ligne du fichier importé).")
    def provenance(self) -> Provenance:
        return provenance_in({"source": self.source, "locator": self.locator})  # type: ignore[attr-defined]


@strawberry.type(description="La valeur et le rang d'un acteur pour une mesure aux deux dates, et l'écart.")
class CentralityChange:
    id: strawberry.ID
    name: str | None
    before: float | None = strawberry.field(description="Valeur à la première date (absent du réseau : null).")
    after: float | None = strawberry.field(description="Valeur à la seconde date (absent du réseau : null).")
    delta: float
    rank_before: int | None
    rank_after: int | None

    @strawberry.field(description=ENTITY_PROVENANCE)
    async def provenance(self, info: Info) -> Provenance | None:
        return await entity_provenance(info, self.id)


@from_model(model=history.PeriodChanges, all_fields=True, name="PeriodChanges", description="Ce qui a changé.")
class PeriodChanges:
    pass


STATE_ORDER = (State.READY, State.STALE, State.COMPUTING)


@strawberry.type(description="L'évolution de la centralité, et l'état des analyses dont elle vient.")
class CentralityChanges:
    analysis: AnalysisStatus
    changes: list[CentralityChange]


@strawberry.type
class HistoryQuery:
    @strawberry.field(
        description=(
            "Les liens des maillages choisis (tous par défaut) et les mandats qui ont commencé ou pris fin "
            "entre deux dates, du plus ancien au plus récent."
        )
    )
    def changes(
        self,
        info: Info,
        since: dt.date,
        until: dt.date,
        layers: list[Layer] | None = None,  # type: ignore[valid-type]
        limit: int = 500,
    ) -> PeriodChanges:
        found = history.changes_between(
            info.context.graph,
            since,
            until,
            layers=layers,
            with_people=info.context.viewer.sees_people,
            limit=limit,
        )
        return PeriodChanges.from_pydantic(found)

    @strawberry.field(
        description=(
            "Comment la centralité des acteurs a évolué entre deux dates, les plus grands écarts d'abord "
            "(avec l'état des deux analyses : jamais attendues, calculées en arrière-plan)."
        )
    )
    def centrality_change(
        self,
        info: Info,
        since: dt.date,
        until: dt.date,
        measure: str = "degree",
        layer: Layer | None = None,  # type: ignore[valid-type]
        top: int = 20,
    ) -> CentralityChanges:
        if until <= since:
            raise InvalidInput(f"until ({until}) doit suivre since ({since}).")
        check_measure_and_top(measure, top)
        before, after = snapshot_of(info, layer, since), snapshot_of(info, layer, until)
        # the answer is as current as the less current of the two analyses
        worst = max((before, after), key=lambda found: STATE_ORDER.index(found.state))
        if before.analysis is None or after.analysis is None:
            return CentralityChanges(analysis=status_of(worst), changes=[])
        return CentralityChanges(
            analysis=status_of(worst),
            changes=[
                CentralityChange(
                    id=strawberry.ID(c.id),
                    name=c.name,
                    before=c.before,
                    after=c.after,
                    delta=c.delta,
                    rank_before=c.rank_before,
                    rank_after=c.rank_after,
                )
                for c in compare(before.analysis, after.analysis, measure, top)
            ],
        )
