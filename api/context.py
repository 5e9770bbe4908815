"""The per-request context every resolver receives, and who is asking (the viewer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import strawberry
from starlette.requests import Request

from maillage.graph.connection import Graph
from maillage.graph.settings import Settings


class Role(StrEnum):
    """What a caller may do: anonymous reads public data, staff also sees people and writes, admin manages tokens."""

    ANONYMOUS = "anonymous"
    STAFF = "staff"
    ADMIN = "admin"


@dataclass(frozen=True)
class Viewer:
    """The caller of a request: a role and, for a token, its name."""

    role: Role = Role.ANONYMOUS
    name: str | None = None

    @property
    def sees_people(self) -> bool:
        """True when people's names may be shown (staff and admin)."""
        return self.role is not Role.ANONYMOUS


@dataclass
class Context:
    """What a resolver may use: the settings, the process's one Graph, the request and the viewer."""

    settings: Settings
    graph: Graph
    request: Request | None = None
    viewer: Viewer = field(default_factory=Viewer)


Info = strawberry.Info[Context, Any]
