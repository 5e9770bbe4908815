"""The vertical mesh: affiliation chains up to the Coupole, the base of a federation, a mandate or a
representative, the ILIs no federation represents, and each mandate's representativeness.

Memberships (``MEMBER_OF``) count when valid at ``as_of`` (default today); chains and bases follow at
most ``MAX_DEPTH`` steps (operators → federations → Coupole is two; four covers networks of networks).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.model import Label
from maillage.graph.vocabulary import OrgKind

from .diagonal import to_path
from .results import NodeRef, Path, ScorePart, require, today
from .run import run

MAX_DEPTH = 4
MAX_CHAINS = 10


class Member(BaseModel):
    """An organisation of a base and how many membership steps separate it from the top."""

    organisation: NodeRef
    distance: int


class Base(BaseModel):
    """The operators an organisation, a mandate or a person stands for (transitively), and how many."""

    of: list[str]
    count: int
    ilis: int
    members: list[Member]


class Representativeness(BaseModel):
    """A mandate, whom it stands for, its base and its share of all ILIs, explained."""

    mandate: NodeRef
    principals: list[str]
    base: int
    ilis: int
    share_of_ilis: float
    explanation: ScorePart


def _check_depth(max_depth: int) -> None:
    if not 1 <= max_depth <= MAX_DEPTH:
        raise InvalidInput(f"max_depth doit être compris entre 1 et {MAX_DEPTH} (reçu : {max_depth}).")


def affiliation_chains(
    graph: Graph, organisation_id: str, *, k: int = 3, max_depth: int = MAX_DEPTH, as_of: dt.date | None = None
) -> list[Path]:
    """The ``k`` shortest membership chains from ``organisation_id`` up to the Coupole, relationships named.

    An empty list means the organisation is not (or no longer) affiliated up to the Coupole. Raises
    NotFound for a wrong id, InvalidInput for ``k`` outside 1..10 or ``max_depth`` outside 1..4.
    """
    require(graph, organisation_id, Label.ORGANISATION)
    _check_depth(max_depth)
    if not 1 <= k <= MAX_CHAINS:
        raise InvalidInput(f"k doit être compris entre 1 et {MAX_CHAINS} (reçu : {k}).")
    rows = run(graph, "vertical.chain", id=organisation_id, asOf=as_of or today(), maxDepth=max_depth, k=k)
    return [to_path(row["nodes"], row["relationships"]) for row in rows]


def _base(graph: Graph, ids: list[str], max_depth: int, as_of: dt.date) -> Base:
    rows = run(graph, "vertical.base", ids=ids, asOf=as_of, maxDepth=max_depth)
    members = [Member.model_validate(row) for row in rows]
    ilis = sum(1 for m in members if m.organisation.kind == OrgKind.ILI.value)
    return Base(of=ids, count=len(members), ilis=ilis, members=members)


def base_of_organisation(
    graph: Graph, organisation_id: str, *, max_depth: int = MAX_DEPTH, as_of: dt.date | None = None
) -> Base:
    """Every organisation ``organisation_id`` stands for through memberships (a federation: its operators)."""
    require(graph, organisation_id, Label.ORGANISATION)
    _check_depth(max_depth)
    return _base(graph, [organisation_id], max_depth, as_of or today())


def base_of_mandate(graph: Graph, mandate_id: str, *, max_depth: int = MAX_DEPTH, as_of: dt.date | None = None) -> Base:
    """Whom a mandate stands for: the bases of its holder and of those on whose behalf it is held."""
    require(graph, mandate_id, Label.MANDATE)
    _check_depth(max_depth)
    day = as_of or today()
    rows = run(graph, "vertical.mandate_principals_of_mandate", mandate=mandate_id, asOf=day)
    principals = sorted({p for row in rows for p in row["principals"]})
    return _base(graph, principals, max_depth, day) if principals else Base(of=[], count=0, ilis=0, members=[])


def base_of_person(graph: Graph, person_id: str, *, max_depth: int = MAX_DEPTH, as_of: dt.date | None = None) -> Base:
    """Whom a representative stands for: the bases of every mandate the person exercises at ``as_of``."""
    require(graph, person_id, Label.PERSON)
    _check_depth(max_depth)
    day = as_of or today()
    rows = run(graph, "vertical.mandate_principals_of_person", person=person_id, asOf=day)
    principals = sorted({p for row in rows for p in row["principals"]})
    return _base(graph, principals, max_depth, day) if principals else Base(of=[], count=0, ilis=0, members=[])


def unrepresented_ilis(graph: Graph, *, as_of: dt.date | None = None) -> list[NodeRef]:
    """The ILIs with no valid membership chain to any federation at ``as_of``, by name."""
    return [
        NodeRef.model_validate(row["organisation"])
        for row in run(graph, "vertical.unrepresented_ilis", asOf=as_of or today())
    ]


def representativeness(graph: Graph, *, as_of: dt.date | None = None) -> list[Representativeness]:
    """Every mandate valid at ``as_of`` with the size of its base and its share of all ILIs, largest first.

    Mandates with the same principals share one base, computed once; three database round trips in all.
    """
    day = as_of or today()
    total = run(graph, "vertical.ili_count")[0]["ilis"]
    mandates = run(graph, "vertical.mandate_principals", asOf=day)
    groups = sorted({tuple(sorted(set(row["principals"]))) for row in mandates} - {()})
    sizes = {
        groups[row["group"]]: (row["count"], row["ilis"])
        for row in run(
            graph,
            "vertical.base_sizes",
            groups=[list(g) for g in groups],
            asOf=day,
            maxDepth=MAX_DEPTH,
            iliKind=OrgKind.ILI.value,
        )
    }
    found = []
    for row in mandates:
        principals = sorted(set(row["principals"]))
        count, ilis = sizes.get(tuple(principals), (0, 0))
        share = round(ilis / total, 4) if total else 0.0
        found.append(
            Representativeness(
                mandate=NodeRef.model_validate(row["mandate"]),
                principals=principals,
                base=count,
                ilis=ilis,
                share_of_ilis=share,
                explanation=ScorePart(
                    factor="share_of_ilis",
                    value=share,
                    weight=1.0,
                    explanation=(
                        f"Au nom de {', '.join(principals) or 'personne'} : {count} organisation(s) affiliée(s), "
                        f"dont {ilis} ILI sur les {total} connues"
                    ),
                ),
            )
        )
    found.sort(key=lambda r: (-r.base, r.mandate.id))
    return found
