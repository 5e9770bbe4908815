"""GraphQL fields for the facts the BCE/KBO register proposes: listed for staff, accepted or refused."""

from __future__ import annotations

import strawberry
from strawberry.experimental.pydantic import type as from_model
from strawberry.scalars import JSON

from maillage.graph.vocabulary import ProposalStatus, Role
from maillage.queries import proposals

from . import types as _types  # noqa: F401  (registers the vocabulary enums)
from .context import Info
from .types import Provenance, provenance_in


@from_model(
    model=proposals.Proposal,
    name="Proposal",
    description="Une valeur proposée par la BCE/KBO pour un champ d'une organisation, avec sa source.",
)
class Proposal:
    id: strawberry.auto
    target: strawberry.auto
    targetName: strawberry.auto
    field: strawberry.auto
    current: JSON | None
    proposed: JSON
    source: strawberry.auto
    locator: strawberry.auto
    status: strawberry.auto
    createdAt: strawberry.auto
    decidedBy: strawberry.auto
    decidedAt: strawberry.auto

    @strawberry.field(description="D'où vient la valeur proposée (le registre BCE/KBO et sa ligne).")
    def provenance(self) -> Provenance:
        return provenance_in({"source": self.source, "locator": self.locator})


@strawberry.type
class ProposalQuery:
    @strawberry.field(description="Les propositions de la BCE/KBO, les plus récentes d'abord (équipe seulement).")
    def proposals(
        self, info: Info, status: ProposalStatus = ProposalStatus.PENDING, limit: int = 100
    ) -> list[Proposal]:
        info.context.viewer.require(Role.STAFF)
        return [Proposal.from_pydantic(p) for p in proposals.proposals(info.context.graph, status, limit)]
