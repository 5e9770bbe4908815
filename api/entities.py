"""GraphQL lists of entities (organisations, platforms, bodies, territories…): filters, sorting and
cursor pagination with total counts, and lookup by id."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from maillage.graph.model import Label
from maillage.graph.vocabulary import SECTOR_RING, VOCABULARIES, OrgKind, Sector
from maillage.queries.entities import (
    EntityFilter,
    EntityItem,
    get_entity,
    list_entities,
)

from . import types as _types  # noqa: F401  (registers the vocabulary enums)
from .context import Info
from .types import Provenance, provenance_in, served


@strawberry.enum(description="Ordre d'une liste.")
class SortKey(StrEnum):
    NAME = "name"
    ID = "id"


def _property(entity: Any, key: str) -> Any:
    """One stored property of an entity (the root may be the query's ``EntityItem``, served as it is)."""
    return cast("dict[str, Any]", entity.properties).get(key)


@strawberry.type(description="Un élément du graphe : identifiant, type, nom, genre, secteur et toutes ses propriétés.")
class Entity:
    id: strawberry.ID
    label: str
    properties: JSON = strawberry.field(description="Toutes les propriétés, provenance comprise (source, locator).")

    @strawberry.field(description="Nom (ou titre).")
    def name(self) -> str | None:
        return _property(self, "name") or _property(self, "title")

    @strawberry.field(description="Sigle.")
    def acronym(self) -> str | None:
        return _property(self, "acronym")

    @strawberry.field(description="Genre (type d'organisation, de plateforme, d'instance, niveau de territoire).")
    def kind(self) -> str | None:
        return _property(self, "kind") or _property(self, "level")

    @strawberry.field(description="Libellé français du genre.")
    def kind_label(self) -> str | None:
        kind = _property(self, "kind") or _property(self, "level")
        vocabulary = {
            "Organisation": "OrgKind",
            "Platform": "PlatformKind",
            "Body": "BodyKind",
            "Territory": "TerritoryLevel",
        }.get(self.label)
        if kind is None or vocabulary is None:
            return None
        enum = VOCABULARIES[vocabulary]
        return enum(kind).label if kind in enum._value2member_map_ else str(kind)

    @strawberry.field(description="Secteur de l'organisation.")
    def sector(self) -> Sector | None:
        value = _property(self, "sector")
        return Sector(value) if value in Sector._value2member_map_ else None

    @strawberry.field(description="Cercle du maillage horizontal (1 intégration, 2 secteurs proches, 3 non-marchand).")
    def ring(self) -> int | None:
        value = _property(self, "sector")
        return SECTOR_RING[Sector(value)] if value in Sector._value2member_map_ else None

    @strawberry.field(description="Document source du fait.")
    def source(self) -> str | None:
        return _property(self, "source")

    @strawberry.field(description="Endroit dans la source (lignes, ligne du fichier).")
    def locator(self) -> str | None:
        return _property(self, "locator")

    @strawberry.field(description="D'où vient ce fait (source, lignes ou ligne du fichier importé).")
    def provenance(self) -> Provenance:
        return provenance_in(self.properties)


@strawberry.type
class EntityEdge:
    cursor: str
    node: Entity


@strawberry.type
class PageInfo:
    end_cursor: str | None
    has_next_page: bool


@strawberry.type(description="Une page d'éléments, le nombre total d'éléments correspondants et la suite.")
class EntityConnection:
    total_count: int
    page_info: PageInfo
    edges: list[EntityEdge]


def _entity(item: EntityItem) -> Entity:
    """The listed item as the ``Entity`` type: same fields (its resolvers read ``properties``), not copied."""
    return served(item)  # type: ignore[no-any-return]


def _page(
    info: Info,
    label: Label,
    filters: EntityFilter,
    sort_by: SortKey,
    descending: bool,
    first: int,
    after: str | None,
) -> EntityConnection:
    page = list_entities(
        info.context.graph, label, filters, sort_key=sort_by.value, descending=descending, first=first, after=after
    )
    return EntityConnection(
        total_count=page.total,
        page_info=PageInfo(end_cursor=page.end_cursor, has_next_page=page.has_next_page),
        edges=[EntityEdge(cursor=item.cursor or "", node=_entity(item)) for item in page.items],
    )


@strawberry.type
class EntitiesQuery:
    @strawberry.field(description="Un élément par son identifiant (une personne : équipe seulement).")
    def entity(self, info: Info, id: strawberry.ID) -> Entity:
        return _entity(get_entity(info.context.graph, id, with_people=info.context.viewer.sees_people))

    @strawberry.field(description="Les organisations, filtrées, triées et paginées.")
    def organisations(
        self,
        info: Info,
        kind: list[OrgKind] | None = None,
        sector: list[Sector] | None = None,
        ring: int | None = None,
        theme: strawberry.ID | None = None,
        territory: strawberry.ID | None = None,
        platform: strawberry.ID | None = None,
        body: strawberry.ID | None = None,
        text: str | None = None,
        sort_by: SortKey = SortKey.NAME,
        descending: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        sectors = [s.value for s in sector] if sector else None
        if ring is not None:
            in_ring = [s.value for s, r in SECTOR_RING.items() if r == ring]
            sectors = [s for s in sectors if s in in_ring] if sectors else in_ring
        filters = EntityFilter(
            kinds=[k.value for k in kind] if kind else None,
            sectors=sectors,
            theme=theme,
            territory=territory,
            platform=platform,
            body=body,
            text=text,
        )
        return _page(info, Label.ORGANISATION, filters, sort_by, descending, first, after)

    @strawberry.field(description="Les plateformes, espaces de concertation et coordinations locales.")
    def platforms(
        self,
        info: Info,
        theme: strawberry.ID | None = None,
        territory: strawberry.ID | None = None,
        text: str | None = None,
        sort_by: SortKey = SortKey.NAME,
        descending: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        filters = EntityFilter(theme=theme, territory=territory, text=text)
        return _page(info, Label.PLATFORM, filters, sort_by, descending, first, after)

    @strawberry.field(description="Les instances où siègent des mandats (conseils, commissions, observatoires…).")
    def bodies(
        self,
        info: Info,
        text: str | None = None,
        sort_by: SortKey = SortKey.NAME,
        descending: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        return _page(info, Label.BODY, EntityFilter(text=text), sort_by, descending, first, after)

    @strawberry.field(description="Les territoires (régions, provinces, arrondissements, communes).")
    def territories(
        self,
        info: Info,
        within: strawberry.ID | None = None,
        text: str | None = None,
        sort_by: SortKey = SortKey.NAME,
        descending: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        filters = EntityFilter(territory=within, text=text)
        return _page(info, Label.TERRITORY, filters, sort_by, descending, first, after)

    @strawberry.field(description="Les thèmes de travail.")
    def themes(
        self,
        info: Info,
        sort_by: SortKey = SortKey.NAME,
        descending: bool = False,
        first: int = 100,
        after: str | None = None,
    ) -> EntityConnection:
        return _page(info, Label.THEME, EntityFilter(), sort_by, descending, first, after)

    @strawberry.field(description="Les bureaux d'accueil des CRI.")
    def reception_offices(
        self,
        info: Info,
        territory: strawberry.ID | None = None,
        sort_by: SortKey = SortKey.NAME,
        descending: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        filters = EntityFilter(territory=territory)
        return _page(info, Label.RECEPTION_OFFICE, filters, sort_by, descending, first, after)
