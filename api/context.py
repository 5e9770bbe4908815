"""The per-request context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry
from starlette.requests import Request

from maillage.graph.connection import Graph
from maillage.graph.settings import Settings


@dataclass
class Context:
    """What a resolver may use: the settings, the process's one Graph, the request."""

    settings: Settings
    graph: Graph
    request: Request | None = None


Info = strawberry.Info[Context, Any]
