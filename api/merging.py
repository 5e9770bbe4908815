"""GraphQL fields for duplicates: candidates and past merges (staff), read by the explorer's curation view."""

from __future__ import annotations

import strawberry
from strawberry.experimental.pydantic import type as from_model

from maillage.graph.errors import InvalidInput
from maillage.graph.model import Label
from maillage.graph.vocabulary import Role
from maillage.queries import merging

from .context import Info


@from_model(
    model=merging.DuplicateCandidate,
    all_fields=True,
    name="DuplicateCandidate",
    description="Deux éléments qui pourraient n'en faire qu'un, pourquoi, et la ressemblance de leurs noms (0 à 1).",
)
class DuplicateCandidate:
    pass


@from_model(
    model=merging.MergeRecord,
    all_fields=True,
    name="MergeRecord",
    description="Une fusion : l'élément gardé, celui fondu dedans, qui, quand, et si elle tient toujours.",
)
class MergeRecord:
    pass


@strawberry.type
class MergingQuery:
    @strawberry.field(
        description=(
            "Les paires d'organisations (ou d'autres éléments du type choisi) qui pourraient être des doublons : "
            "même nom aux formes juridiques et accents près, noms très proches, même sigle et même type "
            "(équipe seulement)."
        )
    )
    def duplicate_candidates(
        self, info: Info, label: str = "Organisation", limit: int = 100
    ) -> list[DuplicateCandidate]:
        info.context.viewer.require(Role.STAFF)
        if label not in Label._value2member_map_:
            raise InvalidInput(f"label : type inconnu « {label} » ; types : {', '.join(Label)}.")
        return [
            DuplicateCandidate.from_pydantic(c)
            for c in merging.duplicate_candidates(info.context.graph, Label(label), limit)
        ]

    @strawberry.field(description="Les fusions, les plus récentes d'abord (équipe seulement).")
    def merges(self, info: Info, active_only: bool = False, limit: int = 100) -> list[MergeRecord]:
        info.context.viewer.require(Role.STAFF)
        return [
            MergeRecord.from_pydantic(m)
            for m in merging.merges(info.context.graph, active_only=active_only, limit=limit)
        ]
