"""The per-request context every resolver receives, and who is asking (the viewer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from starlette.requests import Request

from maillage.graph.connection import Graph
from maillage.graph.errors import AuthenticationFailed, Forbidden
from maillage.graph.settings import Settings
from maillage.graph.vocabulary import Role


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


Info = strawberry.Info[Context, Any]
