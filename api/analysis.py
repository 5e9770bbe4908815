"""GraphQL fields of the network analysis: ranked lists per mesh, one node's scores, brokers.

An analysis takes seconds on a large graph: a request never waits for one. Each field answers with the
analysis available now (``maillage.analysis.snapshot``) and says which graph version it was computed on,
when, and whether it is stale (the current version is being computed in the background) or not there yet
("en cours de calcul", an empty list).
"""

from __future__ import annotations

import datetime as dt

import strawberry

from maillage.analysis import MEASURES, NodeAnalysis, Snapshot, State, snapshot
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


AnalysisState = strawberry.enum(
    State,
    name="AnalysisState",
    description="État de l'analyse donnée : à jour, d'une version précédente du graphe, ou en cours de calcul.",
)

MESSAGES = {
    State.READY: "Analyse à jour.",
    State.STALE: "Analyse d'une version précédente du graphe ; la version actuelle est en cours de calcul.",
    State.COMPUTING: "Analyse en cours de calcul : réessayez dans quelques secondes.",
}


@strawberry.type(description="Version du graphe analysée, date du calcul, et si l'analyse est à jour.")
class AnalysisStatus:
    state: AnalysisState  # type: ignore[valid-type]
    message: str = strawberry.field(description="L'état en une phrase.")
    stale: bool = strawberry.field(description="Vrai si l'analyse date d'une version précédente du graphe.")
    graph_version: int | None = strawberry.field(description="Version du graphe analysée (nulle : aucune encore).")
    current_graph_version: int = strawberry.field(description="Version actuelle du graphe.")
    computed_at: dt.datetime | None = strawberry.field(description="Date et heure du calcul (UTC).")
    error: str | None = strawberry.field(description="Pourquoi le dernier calcul a échoué (il sera relancé).")


def status_of(found: Snapshot) -> AnalysisStatus:
    return AnalysisStatus(
        state=found.state,
        message=MESSAGES[found.state],
        stale=found.state is State.STALE,
        graph_version=found.analysis.graph_version if found.analysis else None,
        current_graph_version=found.graph_version,
        computed_at=found.analysis.computed_at if found.analysis else None,
        error=found.error,
    )


@strawberry.type(description="Les acteurs classés par une mesure, et l'état de l'analyse dont ils viennent.")
class CentralityRanking:
    analysis: AnalysisStatus
    scores: list[CentralityScore]


@strawberry.type(description="Toutes les mesures d'un acteur, et l'état de l'analyse dont elles viennent.")
class NodeCentrality:
    analysis: AnalysisStatus
    scores: list[CentralityScore]


@strawberry.type(description="Les courtiers, et l'état de l'analyse dont ils viennent.")
class Brokers:
    analysis: AnalysisStatus
    brokers: list[BrokerResult]


def snapshot_of(info: Info, layer: Layer | None, as_of: dt.date | None, territory: str | None = None) -> Snapshot:
    settings = info.context.settings
    return snapshot(info.context.graph, layer, as_of=as_of, territory=territory, store=settings.analysis_cache)


def check_measure_and_top(measure: str, top: int) -> None:
    """InvalidInput for an unknown measure or a ``top`` out of 1..MAX_TOP."""
    if measure not in MEASURES:
        raise InvalidInput(f"Mesure inconnue « {measure} » ; mesures : {', '.join(MEASURES)}.")
    if not 1 <= top <= MAX_TOP:
        raise InvalidInput(f"top doit être compris entre 1 et {MAX_TOP} (reçu : {top}).")


def _score(node: NodeAnalysis, measure: str) -> CentralityScore:
    """One actor's value, rank and percentile for ``measure``."""
    score = node.scores[measure]
    return CentralityScore(
        id=strawberry.ID(node.id),
        name=node.name,
        measure=measure,
        value=score.value,
        rank=score.rank,
        percentile=score.percentile,
        community=node.community,
    )


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
    ) -> CentralityRanking:
        check_measure_and_top(measure, top)
        found = snapshot_of(info, layer, as_of, territory)
        nodes = found.analysis.top(measure, top) if found.analysis else []
        return CentralityRanking(
            analysis=status_of(found),
            scores=[_score(n, measure) for n in nodes],
        )

    @strawberry.field(description="Toutes les mesures d'un acteur dans un maillage (ou les trois).")
    def node_centrality(
        self, info: Info, id: strawberry.ID, layer: Layer | None = None, as_of: dt.date | None = None
    ) -> NodeCentrality:
        found = snapshot_of(info, layer, as_of)
        if found.analysis is None:
            return NodeCentrality(analysis=status_of(found), scores=[])
        node = found.analysis.nodes.get(id)
        if node is None:
            raise NotFound(f"« {id} » n'a aucun lien dans ce maillage à cette date.")
        return NodeCentrality(
            analysis=status_of(found),
            scores=[_score(node, m) for m in node.scores],
        )

    @strawberry.field(
        description="Les courtiers : forte intermédiarité, voisins de secteurs ou communautés différents."
    )
    def brokers(self, info: Info, layer: Layer | None = None, as_of: dt.date | None = None) -> Brokers:
        found = snapshot_of(info, layer, as_of)
        result = found.analysis
        return Brokers(
            analysis=status_of(found),
            brokers=[
                BrokerResult(
                    id=strawberry.ID(b.node),
                    name=result.nodes[b.node].name if result else None,
                    betweenness=b.betweenness,
                    sectors=list(b.sectors),
                    explanation=b.explanation,
                )
                for b in (result.brokers if result else [])
            ],
        )
