"""GraphQL fields of the network analysis: ranked lists per mesh, one node's scores, brokers."""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.analysis import MEASURES, analyse
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.vocabulary import Layer

from . import types as _types  # noqa: F401  (registers the vocabulary enums)
from .context import Info
from .types import ENTITY_PROVENANCE, Provenance, entity_provenance

MAX_TOP = 500


@strawberry.type(description="La valeur d'un acteur pour une mesure, son rang et son percentile.")
class CentralityScore:
    id: strawberry.ID
    name: str | None
    measure: str
    value: float
    rank: int
    percentile: float
    community: int

    @strawberry.field(description=ENTITY_PROVENANCE)
    async def provenance(self, info: Info) -> Provenance | None:
        return await entity_provenance(info, self.id)


@strawberry.type(description="Un courtier : il relie des secteurs ou des communautés, et pourquoi.")
class BrokerResult:
    id: strawberry.ID
    name: str | None
    betweenness: float
    sectors: list[str]
    explanation: str

    @strawberry.field(description=ENTITY_PROVENANCE)
    async def provenance(self, info: Info) -> Provenance | None:
        return await entity_provenance(info, self.id)


def _check(measure: str, top: int) -> None:
    if measure not in MEASURES:
        raise InvalidInput(f"Mesure inconnue « {measure} » ; mesures : {', '.join(MEASURES)}.")
    if not 1 <= top <= MAX_TOP:
        raise InvalidInput(f"top doit être compris entre 1 et {MAX_TOP} (reçu : {top}).")


@strawberry.type
class AnalysisQuery:
    @strawberry.field(description="Les acteurs classés par une mesure de centralité, dans un maillage (ou les trois).")
    def centrality_ranking(
        self,
        info: Info,
        measure: str = "betweenness",
        layer: Layer | None = None,
        as_of: dt.date | None = None,
        territory: strawberry.ID | None = None,
        top: int = 20,
    ) -> list[CentralityScore]:
        _check(measure, top)
        result = analyse(info.context.graph, layer, as_of=as_of, territory=territory)
        return [
            CentralityScore(
                id=strawberry.ID(n.id),
                name=n.name,
                measure=measure,
                value=n.scores[measure].value,
                rank=n.scores[measure].rank,
                percentile=n.scores[measure].percentile,
                community=n.community,
            )
            for n in result.top(measure, top)
        ]

    @strawberry.field(description="Toutes les mesures d'un acteur dans un maillage (ou les trois).")
    def node_centrality(
        self, info: Info, id: strawberry.ID, layer: Layer | None = None, as_of: dt.date | None = None
    ) -> list[CentralityScore]:
        result = analyse(info.context.graph, layer, as_of=as_of)
        node = result.nodes.get(id)
        if node is None:
            raise NotFound(f"« {id} » n'a aucun lien dans ce maillage à cette date.")
        return [
            CentralityScore(
                id=strawberry.ID(node.id),
                name=node.name,
                measure=m,
                value=s.value,
                rank=s.rank,
                percentile=s.percentile,
                community=node.community,
            )
            for m, s in node.scores.items()
        ]

    @strawberry.field(
        description="Les courtiers : forte intermédiarité, voisins de secteurs ou communautés différents."
    )
    def brokers(self, info: Info, layer: Layer | None = None, as_of: dt.date | None = None) -> list[BrokerResult]:
        result = analyse(info.context.graph, layer, as_of=as_of)
        return [
            BrokerResult(
                id=strawberry.ID(b.node),
                name=result.nodes[b.node].name,
                betweenness=b.betweenness,
                sectors=list(b.sectors),
                explanation=b.explanation,
            )
            for b in result.brokers
        ]
