"""Facts proposed by an outside register (the BCE/KBO), waiting for or past staff review."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.vocabulary import ProposalStatus

from .run import run

MAX_PROPOSALS = 500


class Proposal(BaseModel):
    """One proposed value for one field of one organisation, with the register's file and row."""

    id: str
    target: str
    targetName: str | None
    field: str
    current: Any
    proposed: Any
    source: str
    locator: str
    status: ProposalStatus
    createdAt: str
    decidedBy: str | None
    decidedAt: str | None


def proposals(graph: Graph, status: ProposalStatus = ProposalStatus.PENDING, limit: int = 100) -> list[Proposal]:
    """The proposals with ``status``, newest first."""
    if not 1 <= limit <= MAX_PROPOSALS:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_PROPOSALS} (reçu : {limit}).")
    return [
        Proposal(
            **{
                **row,
                "current": json.loads(row["current"]),
                "proposed": json.loads(row["proposed"]),
                "createdAt": row["createdAt"].iso_format(),
                "decidedAt": row["decidedAt"].iso_format() if row["decidedAt"] else None,
            }
        )
        for row in run(graph, "proposals.list", status=status.value, limit=limit)
    ]
