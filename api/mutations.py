"""Curation mutations: staff create, update and end organisations, mandates, memberships, platform
participations, recommendations and their status. Inputs are the importers' records (one validation);
every write is audited and bumps the graph version (see ``maillage.queries.curation``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from pydantic import ValidationError
from strawberry.experimental.pydantic import input as input_of
from strawberry.experimental.pydantic import type as type_of
from strawberry.scalars import JSON

from maillage.graph import records
from maillage.graph.errors import InvalidInput
from maillage.graph.model import Label, RelType
from maillage.graph.vocabulary import MembershipRole, ParticipationRole, Role
from maillage.importers.messages import translate
from maillage.queries import curation, merging

from . import types as _types  # noqa: F401  (registers the vocabulary enums)
from .context import Info
from .types import served

R = TypeVar("R")


@input_of(model=records.Organisation, description="Une organisation (mêmes règles que l'import).")
class OrganisationInput:
    id: strawberry.auto
    name: strawberry.auto
    nameNl: strawberry.auto
    nameDe: strawberry.auto
    acronym: strawberry.auto
    kind: strawberry.auto
    sector: strawberry.auto
    enterpriseNumber: strawberry.auto
    address: strawberry.auto
    legalForm: strawberry.auto
    naceCodes: strawberry.auto
    website: strawberry.auto
    description: strawberry.auto
    themes: strawberry.auto
    location: strawberry.auto
    territories: strawberry.auto
    confidence: strawberry.auto


@input_of(model=records.Mandate, description="Un mandat : siège d'une organisation dans une instance.")
class MandateInput:
    id: strawberry.auto
    title: strawberry.auto
    body: strawberry.auto
    holder: strawberry.auto
    seat: strawberry.auto
    person: strawberry.auto
    substitute: strawberry.auto
    onBehalfOf: strawberry.auto
    validFrom: strawberry.auto
    validTo: strawberry.auto
    confidence: strawberry.auto


@input_of(model=records.Recommendation, description="Une recommandation d'un mémorandum.")
class RecommendationInput:
    id: strawberry.auto
    memorandum: strawberry.auto
    number: strawberry.auto
    title: strawberry.auto
    text: strawberry.auto
    themes: strawberry.auto
    addressees: strawberry.auto
    supporters: strawberry.auto


@strawberry.input(description="Un nouveau statut d'une recommandation, daté.")
class StatusInput:
    recommendation: strawberry.ID
    status: records.RecommendationStatus  # type: ignore[valid-type]
    date: dt.date
    note: str | None = None


@type_of(model=curation.AuditEntry, name="AuditEntry", description="Une écriture : qui, quand, quoi, avant, après.")
class AuditEntry:
    id: strawberry.auto
    at: strawberry.auto
    actor: strawberry.auto
    role: strawberry.auto
    operation: strawberry.auto
    target: strawberry.auto
    before: JSON | None
    after: JSON | None
    import_run: strawberry.auto = strawberry.field(description="L'import qui a fait cette écriture (sinon null).")
    file: strawberry.auto = strawberry.field(description="Le fichier importé d'où vient l'écriture (sinon null).")
    row: strawberry.auto = strawberry.field(description="La ligne de ce fichier, quand elle est connue.")


@strawberry.type(description="Une page de l'historique d'un élément, du plus récent au plus ancien.")
class HistoryPage:
    id: strawberry.ID = strawberry.field(description="L'élément (un identifiant fusionné désigne l'élément gardé).")
    ids: list[strawberry.ID] = strawberry.field(
        description="Son identifiant et ceux des éléments fusionnés en lui : l'historique les couvre tous."
    )
    entries: list[AuditEntry]
    end_cursor: str | None = strawberry.field(description="À passer en « after » pour la page suivante.")
    has_next_page: bool


@strawberry.type(description="Le résultat d'une écriture : l'élément, sa révision et l'entrée du journal.")
class WriteResult:
    id: strawberry.ID
    revision: int | None
    properties: JSON
    audit: AuditEntry


@strawberry.type(description="Ce qu'une fusion a fait.")
class MergeResult:
    merge: strawberry.ID = strawberry.field(description="Identifiant de la fusion (pour l'annuler).")
    kept: strawberry.ID
    merged: strawberry.ID
    moved: int = strawberry.field(description="Liens déplacés vers l'élément gardé.")
    kept_existing: int = strawberry.field(description="Liens que l'élément gardé avait déjà (gardés tels quels).")
    dropped_loops: int = strawberry.field(description="Liens entre les deux éléments (sans objet après fusion).")
    copied: list[str] = strawberry.field(description="Propriétés recopiées de l'élément fondu.")
    audit: AuditEntry


def _merge_result(found: merging.MergeResult) -> MergeResult:
    """The GraphQL face of a merge's result."""
    return MergeResult(
        merge=strawberry.ID(found.merge),
        kept=strawberry.ID(found.kept),
        merged=strawberry.ID(found.merged),
        moved=found.moved,
        kept_existing=found.kept_existing,
        dropped_loops=found.dropped_loops,
        copied=found.copied,
        audit=AuditEntry.from_pydantic(found.audit),
    )


def _validated(build: Callable[[], R], argument: str) -> R:
    """Build a record from an input, turning pydantic's errors into one French INVALID_INPUT message."""
    try:
        return build()
    except ValidationError as exc:
        model: Any = exc.title and getattr(records, exc.title, None)
        problems = translate(exc, model or records.RelationRecord, argument, 0, {}, tabular=False)
        raise InvalidInput(" ; ".join(f"{argument}.{p.field or ''} : {p.message}" for p in problems)) from None


def _actor(info: Info) -> curation.Actor:
    viewer = info.context.viewer
    viewer.require(Role.STAFF)
    return curation.Actor(name=viewer.name or viewer.role.value, role=viewer.role.value)


def _result(found: curation.WriteResult) -> WriteResult:
    return WriteResult(
        id=strawberry.ID(found.id),
        revision=found.revision,
        properties=JSON(found.properties),
        audit=served(found.audit),
    )


@strawberry.type
class Mutation:
    """Écritures de l'équipe (jeton staff ou admin), toutes journalisées."""

    @strawberry.mutation(description="Crée une organisation.")
    def create_organisation(self, info: Info, input: OrganisationInput) -> WriteResult:
        actor = _actor(info)
        record = _validated(input.to_pydantic, "input")
        return _result(curation.save_entity(info.context.graph, record, actor, create=True))

    @strawberry.mutation(description="Remplace les données d'une organisation (expectedRevision : la révision lue).")
    def update_organisation(
        self, info: Info, input: OrganisationInput, expected_revision: int | None = None
    ) -> WriteResult:
        actor = _actor(info)
        record = _validated(input.to_pydantic, "input")
        found = curation.save_entity(
            info.context.graph, record, actor, create=False, expected_revision=expected_revision
        )
        return _result(found)

    @strawberry.mutation(description="Crée un mandat (titulaire, personne, suppléant·e, période).")
    def create_mandate(self, info: Info, input: MandateInput) -> WriteResult:
        actor = _actor(info)
        record = _validated(input.to_pydantic, "input")
        return _result(curation.save_entity(info.context.graph, record, actor, create=True))

    @strawberry.mutation(description="Termine un mandat à une date (il reste dans l'historique).")
    def end_mandate(
        self, info: Info, id: strawberry.ID, valid_to: dt.date, expected_revision: int | None = None
    ) -> WriteResult:
        actor = _actor(info)
        found = curation.end_entity(
            info.context.graph, id, Label.MANDATE, valid_to, actor, expected_revision=expected_revision
        )
        return _result(found)

    @strawberry.mutation(description="Affilie une organisation à une autre (ILI → fédération, fédération → Coupole…).")
    def add_membership(
        self,
        info: Info,
        member: strawberry.ID,
        of: strawberry.ID,
        role: MembershipRole,
        valid_from: dt.date | None = None,
    ) -> AuditEntry:
        actor = _actor(info)
        relation = _validated(
            lambda: curation.relation_record(RelType.MEMBER_OF, member, of, role=role.value, validFrom=valid_from),
            "membership",
        )
        return served(curation.save_relationship(info.context.graph, relation, actor))

    @strawberry.mutation(description="Termine une affiliation à une date (elle reste dans l'historique).")
    def end_membership(
        self, info: Info, member: strawberry.ID, of: strawberry.ID, role: MembershipRole, valid_to: dt.date
    ) -> AuditEntry:
        actor = _actor(info)
        relation = _validated(
            lambda: curation.relation_record(RelType.MEMBER_OF, member, of, role=role.value), "membership"
        )
        return served(curation.end_relationship(info.context.graph, relation, valid_to, actor))

    @strawberry.mutation(description="Inscrit une organisation dans une plateforme (coordinateur, membre…).")
    def add_participation(
        self,
        info: Info,
        organisation: strawberry.ID,
        platform: strawberry.ID,
        role: ParticipationRole,
        valid_from: dt.date | None = None,
    ) -> AuditEntry:
        actor = _actor(info)
        relation = _validated(
            lambda: curation.relation_record(
                RelType.PARTICIPATES_IN, organisation, platform, role=role.value, validFrom=valid_from
            ),
            "participation",
        )
        return served(curation.save_relationship(info.context.graph, relation, actor))

    @strawberry.mutation(description="Termine la participation d'une organisation à une plateforme.")
    def end_participation(
        self,
        info: Info,
        organisation: strawberry.ID,
        platform: strawberry.ID,
        role: ParticipationRole,
        valid_to: dt.date,
    ) -> AuditEntry:
        actor = _actor(info)
        relation = _validated(
            lambda: curation.relation_record(RelType.PARTICIPATES_IN, organisation, platform, role=role.value),
            "participation",
        )
        return served(curation.end_relationship(info.context.graph, relation, valid_to, actor))

    @strawberry.mutation(description="Crée une recommandation dans un mémorandum.")
    def create_recommendation(self, info: Info, input: RecommendationInput) -> WriteResult:
        actor = _actor(info)
        record = _validated(input.to_pydantic, "input")
        return _result(curation.save_entity(info.context.graph, record, actor, create=True))

    @strawberry.mutation(
        description=(
            "Fond un doublon dans l'élément gardé : tous ses liens, ses propriétés manquantes et sa source "
            "passent à l'élément gardé ; son identifiant désigne désormais l'élément gardé. Annulable."
        )
    )
    def merge_entities(self, info: Info, kept: strawberry.ID, merged: strawberry.ID) -> MergeResult:
        actor = _actor(info)
        return _merge_result(merging.merge_entities(info.context.graph, str(kept), str(merged), actor))

    @strawberry.mutation(description="Annule une fusion : l'élément fondu revient avec ses liens et ses propriétés.")
    def undo_merge(self, info: Info, merge: strawberry.ID) -> AuditEntry:
        actor = _actor(info)
        return AuditEntry.from_pydantic(merging.undo_merge(info.context.graph, str(merge), actor))

    @strawberry.mutation(
        description="Accepte (l'organisation prend la valeur proposée) ou refuse une proposition de la BCE/KBO."
    )
    def decide_proposal(self, info: Info, id: strawberry.ID, accept: bool) -> AuditEntry:
        actor = _actor(info)
        entry = curation.decide_proposal(info.context.graph, str(id), accept=accept, actor=actor)
        return AuditEntry.from_pydantic(entry)

    @strawberry.mutation(description="Enregistre un nouveau statut d'une recommandation, à une date.")
    def record_recommendation_status(self, info: Info, input: StatusInput) -> WriteResult:
        actor = _actor(info)
        status_id = f"statut-{input.recommendation}-{input.date.isoformat()}-{input.status.value}"
        record = _validated(
            lambda: records.StatusChange(
                id=status_id,
                recommendation=input.recommendation,
                status=input.status,
                date=input.date,
                note=input.note,
            ),
            "input",
        )
        return _result(curation.save_entity(info.context.graph, record, actor, create=True))


@strawberry.type
class CurationQuery:
    @strawberry.field(description="Qui appelle l'API : son rôle et, pour un jeton, son nom.")
    def viewer(self, info: Info) -> Viewer:
        viewer = info.context.viewer
        return Viewer(role=viewer.role, name=viewer.name)

    @strawberry.field(
        description=(
            "Le journal des écritures (modifications, fusions, imports), du plus récent au plus ancien, "
            "toutes ou celles d'une cible (équipe seulement)."
        )
    )
    def audit_trail(self, info: Info, target: strawberry.ID | None = None, limit: int = 100) -> list[AuditEntry]:
        info.context.viewer.require(Role.STAFF)
        return served(curation.audit_trail(info.context.graph, target=target, limit=limit))

    @strawberry.field(
        description=(
            "L'historique d'un élément, du plus récent au plus ancien, page par page : chaque écriture qui l'a "
            "touché (modification, fusion, import), y compris celles de ses liens et des éléments fusionnés en "
            "lui ; qui, quand, d'où (fichier, ligne), avant, après (équipe seulement)."
        )
    )
    def history(self, info: Info, id: strawberry.ID, first: int = 50, after: str | None = None) -> HistoryPage:
        info.context.viewer.require(Role.STAFF)
        page = curation.entity_history(info.context.graph, str(id), first=first, after=after)
        return HistoryPage(
            id=strawberry.ID(page.id),
            ids=[strawberry.ID(i) for i in page.ids],
            entries=[AuditEntry.from_pydantic(e) for e in page.entries],
            end_cursor=page.end_cursor,
            has_next_page=page.has_next_page,
        )


@strawberry.type(description="L'appelant de l'API.")
class Viewer:
    role: Role
    name: str | None
