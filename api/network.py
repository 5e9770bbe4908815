"""GraphQL field for the explorer's network view: the nodes and named edges of the chosen layers."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from maillage.graph.errors import InvalidInput
from maillage.graph.sources import catalogue
from maillage.graph.vocabulary import VOCABULARIES, Layer
from maillage.queries import network as network_queries
from maillage.queries.network import neighbourhood, network

from . import types as _types  # noqa: F401  (registers the vocabulary enums)
from .context import Info
from .types import ENTITY_PROVENANCE, Provenance, entity_provenance, provenance_in, served


@strawberry.type(description="Un acteur (ou une instance, un mandat, une plateforme) du réseau dessiné.")
class NetworkNode:
    id: strawberry.ID
    label: str
    name: str | None
    kind: str | None
    sector: str | None
    ring: int | None = strawberry.field(description="Cercle du maillage horizontal (1, 2 ou 3).")
    province: str | None = strawberry.field(
        default=None, description="La province où se trouve l'acteur (lieu, territoire couvert ou desservi)."
    )

    @strawberry.field(description=ENTITY_PROVENANCE)
    async def provenance(self, info: Info) -> Provenance | None:
        return await entity_provenance(info, self.id)


@strawberry.type(description="Un lien nommé du réseau, avec sa lecture en français et sa provenance.")
class NetworkEdge:
    type: str
    reading: str
    source: strawberry.ID
    target: strawberry.ID
    layer: Layer  # type: ignore[valid-type]
    properties: JSON = strawberry.field(description="Propriétés du lien, dont sa provenance (source, locator).")

    @strawberry.field(description="D'où vient ce fait (source, lignes ou ligne du fichier importé).")
    def provenance(self) -> Provenance:
        return provenance_in(self.properties)


@strawberry.type(description="Le réseau d'un ou plusieurs maillages à une date.")
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool = strawberry.field(description="Vrai si la limite a coupé des liens.")


@strawberry.type(description="Le nœud à l'autre bout d'un lien.")
class NeighbourNode:
    id: strawberry.ID
    label: str
    name: str | None
    kind: str | None

    @strawberry.field(description=ENTITY_PROVENANCE)
    async def provenance(self, info: Info) -> Provenance | None:
        return await entity_provenance(info, self.id)


@strawberry.type(description="Un lien d'un élément, vu depuis lui.")
class Neighbour:
    type: str
    reading: str
    outgoing: bool = strawberry.field(description="Vrai si le lien part de l'élément.")
    other: NeighbourNode
    properties: JSON = strawberry.field(description="Propriétés du lien, dont sa provenance (source, locator).")

    @strawberry.field(description="D'où vient ce fait (source, lignes ou ligne du fichier importé).")
    def provenance(self) -> Provenance:
        return provenance_in(self.properties)


@strawberry.type(description="Un élément du graphe avec ses propriétés (provenance comprise) et ses liens.")
class Neighbourhood:
    id: strawberry.ID
    labels: list[str]
    properties: JSON
    relationships: list[Neighbour]

    @strawberry.field(description="D'où vient ce fait (source, lignes ou ligne du fichier importé).")
    def provenance(self) -> Provenance:
        return provenance_in(self.properties)


@strawberry.type(description="Une page des liens d'un élément, triés par le nom de l'autre bout.")
class NeighbourPage:
    relationships: list[Neighbour]
    total: int = strawberry.field(description="Nombre de liens en tout (toutes pages).")
    end_cursor: str | None = strawberry.field(description="À passer en « after » pour la page suivante.")
    has_next_page: bool


def _neighbour(found: network_queries.Neighbour) -> Neighbour:
    """The query's relationship served as the ``Neighbour`` type (same field names, not copied)."""
    return served(found)  # type: ignore[no-any-return]


@strawberry.type(description="Une valeur d'un vocabulaire contrôlé et son libellé français.")
class VocabularyEntry:
    value: str
    label: str


@strawberry.type(description="Un vocabulaire contrôlé (types d'organisation, secteurs, statuts…).")
class Vocabulary:
    name: str
    entries: list[VocabularyEntry]


@strawberry.type(description="Un document source cité par la provenance des faits (ouvert à une ligne par son url).")
class SourceDocument:
    id: str = strawberry.field(description="Nom du fichier, tel que la provenance le cite (propriété source).")
    title: str = strawberry.field(description="Titre du document, en français.")
    description: str
    url: str = strawberry.field(description="Adresse de la page du document ; ajouter #L120 pour la ligne 120.")


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="Les documents sources que la provenance des faits peut citer, avec leur titre.")
    def source_documents(self, info: Info) -> list[SourceDocument]:
        return [
            SourceDocument(id=d.id, title=d.title, description=d.description, url=d.url)
            for d in catalogue(info.context.settings.sources).values()
        ]

    @strawberry.field(description="Les vocabulaires contrôlés avec leurs libellés français (tous, ou ceux nommés).")
    def vocabularies(self, names: list[str] | None = None) -> list[Vocabulary]:
        chosen = names if names is not None else list(VOCABULARIES)
        unknown = [name for name in chosen if name not in VOCABULARIES]
        if unknown:
            raise InvalidInput(f"Vocabulaire inconnu : {', '.join(unknown)} ; connus : {', '.join(VOCABULARIES)}")
        return [
            Vocabulary(name=name, entries=[VocabularyEntry(value=m.value, label=m.label) for m in VOCABULARIES[name]])
            for name in chosen
        ]

    @strawberry.field(description="Un élément et tous ses liens à une date (fiche de l'explorateur).")
    def neighbourhood(self, info: Info, id: strawberry.ID, as_of: dt.date | None = None) -> Neighbourhood:
        # the query's models are served as they are: same field names, nothing copied (see types.served)
        return served(neighbourhood(info.context.graph, id, as_of=as_of, with_people=info.context.viewer.sees_people))

    @strawberry.field(
        description="Les liens d'un élément page par page (tous, ou ceux des maillages choisis), à une date."
    )
    def neighbours(
        self,
        info: Info,
        id: strawberry.ID,
        layers: list[Layer] | None = None,  # type: ignore[valid-type]
        as_of: dt.date | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> NeighbourPage:
        page = network_queries.neighbours_page(
            info.context.graph,
            id,
            layers=layers,
            as_of=as_of,
            with_people=info.context.viewer.sees_people,
            first=first,
            after=after,
        )
        return NeighbourPage(
            relationships=[_neighbour(r) for r in page.relationships],
            total=page.total,
            end_cursor=page.end_cursor,
            has_next_page=page.has_next_page,
        )

    @strawberry.field(description="Le réseau des maillages choisis (tous par défaut) à une date, dans un territoire.")
    def network(
        self,
        info: Info,
        layers: list[Layer] | None = None,  # type: ignore[valid-type]
        as_of: dt.date | None = None,
        territory: strawberry.ID | None = None,
        limit: int = 2000,
    ) -> Network:
        return served(network(info.context.graph, layers, as_of=as_of, territory=territory, limit=limit))
