"""The per-request context every resolver receives, and who is asking (the viewer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from maillage.graph.connection import Graph
from maillage.graph.errors import AuthenticationFailed, Forbidden
from maillage.graph.settings import Settings
from maillage.graph.vocabulary import Role
from maillage.queries.results import Provenance, provenance_of


@dataclass(frozen=True)
class Viewer:
    """The caller of a request: a role and, for a token, its name."""

    role: Role = Role.ANONYMOUS
    name: str | None = None

    @property
    def sees_people(self) -> bool:
        """True when people's names may be shown (staff and admin)."""
        return self.role is not Role.ANONYMOUS

    def require(self, role: Role) -> None:
        """Raise unless the viewer has ``role`` (admin includes staff): UNAUTHENTICATED when anonymous."""
        if self.role is Role.ANONYMOUS:
            raise AuthenticationFailed("Action réservée à l'équipe : connectez-vous avec un jeton (Bearer).")
        if role is Role.ADMIN and self.role is not Role.ADMIN:
            raise Forbidden("Action réservée aux administrateurs.")


@dataclass
class Context:
    """What a resolver may use: the settings, the process's one Graph, the request and the viewer."""

    settings: Settings
    graph: Graph
    request: Request | None = None
    viewer: Viewer = field(default_factory=Viewer)
    _provenance: DataLoader[str, Provenance | None] | None = field(default=None, repr=False)

    @property
    def provenance(self) -> DataLoader[str, Provenance | None]:
        """Loads the provenance of entities by id, every id asked during one request in one query."""
        if self._provenance is None:

            async def load(ids: list[str]) -> list[Provenance | None]:
                found = provenance_of(self.graph, ids)
                return [found.get(id) for id in ids]

            self._provenance = DataLoader(load_fn=load)
        return self._provenance


Info = strawberry.Info[Context, Any]
