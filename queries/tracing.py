"""Tracing a recommendation to its decision-makers: addressees, access paths, carriers, status over time.

The paths are the diagonal mesh's access paths (:func:`maillage.queries.diagonal.paths_between`), from the
recommendation's *sources*: the authors of its memorandum and the organisations supporting it at ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.model import REL_SPECS, Label, RelType
from maillage.graph.vocabulary import RecommendationStatus, SeatType

from .diagonal import MAX_DEPTH, check_path_bounds, native, paths_between
from .results import NodeRef, Path, Provenance, require, today
from .run import run


class AddresseePaths(BaseModel):
    """An addressee of a recommendation and the best paths to it from the recommendation's sources.

    ``is_source`` is true when the addressee is itself an author or supporter (no path needed).
    """

    addressee: NodeRef
    is_source: bool
    paths: list[Path]


class RecommendationTrace(BaseModel):
    """A recommendation, who stands behind it, and how each of its addressees can be reached."""

    recommendation: NodeRef
    number: str | None = None
    text: str | None = None
    memorandum: NodeRef | None = None
    authors: list[NodeRef]
    supporters: list[NodeRef]
    addressees: list[AddresseePaths]


class CarrierRoute(BaseModel):
    """One way a carrier meets an addressee: a body both are in, and how each is in it.

    ``provenance`` is the one of the carrier's seat (SITS_IN or its mandate), ``addressee_provenance`` the one
    of the addressee's link to the body."""

    body: NodeRef
    addressee: NodeRef
    carrier_link: str
    carrier_link_label: str
    mandate_id: str | None = None
    seat: SeatType | None = None
    addressee_link: str
    addressee_link_label: str
    provenance: Provenance
    addressee_provenance: Provenance


class Carrier(BaseModel):
    """An organisation that can carry a recommendation to its addressees, and through which bodies."""

    organisation: NodeRef
    is_author: bool
    is_supporter: bool
    addressees_reached: int
    routes: list[CarrierRoute]


class StatusStep(BaseModel):
    """A dated status of a recommendation, with its French label and provenance."""

    id: str
    status: RecommendationStatus
    label: str
    date: dt.date
    note: str | None = None
    source: str | None = None
    locator: str | None = None
    provenance: Provenance


class StatusTimeline(BaseModel):
    """The status history of a recommendation, oldest first, and its status at the reference date."""

    recommendation_id: str
    steps: list[StatusStep]
    current: StatusStep | None = None


class MemorandumSummary(BaseModel):
    """A memorandum as a picker lists it; ``provenance`` is the memorandum's, ``authorship`` the one of each
    author's AUTHORED link, in the order of ``authors``."""

    id: str
    title: str
    year: int | None = None
    levels: list[str]
    authors: list[NodeRef]
    recommendations: int
    provenance: Provenance
    authorship: list[Provenance] = []


class RecommendationSummary(BaseModel):
    """A recommendation as a picker lists it, with its status at the reference date; ``provenance`` is the
    recommendation's, ``status_provenance`` the one of the status change giving ``status``."""

    id: str
    number: str | None = None
    title: str
    themes: list[NodeRef]
    addressees: list[NodeRef]
    status: RecommendationStatus | None = None
    status_label: str | None = None
    status_date: dt.date | None = None
    provenance: Provenance
    status_provenance: Provenance | None = None


def trace_recommendation(
    graph: Graph, recommendation_id: str, *, k: int = 3, max_depth: int = MAX_DEPTH, as_of: dt.date | None = None
) -> RecommendationTrace:
    """The addressees of a recommendation and, for each, the ``k`` best paths from its authors and supporters.

    Paths are access paths (see :func:`maillage.queries.diagonal.access_paths`) valid at ``as_of``: at most
    ``k`` (1 to 10) per addressee, each of at most ``max_depth`` (1 to 6) relationships, else InvalidInput.
    They are ranked by length, then paths from an author before paths from a supporter, then by the ids
    along them. Raises NotFound when the id names no recommendation.
    """
    check_path_bounds(k, max_depth)
    as_of = as_of or today()
    row = _recommendation(graph, recommendation_id, as_of)
    authors = [NodeRef.model_validate(ref) for ref in row["authors"]]
    supporters = [NodeRef.model_validate(ref) for ref in row["supporters"]]
    addressees = [NodeRef.model_validate(ref) for ref in row["addressees"]]
    sources = list(dict.fromkeys(ref.id for ref in [*authors, *supporters]))
    author_ids = {ref.id for ref in authors}
    found = paths_between(
        graph,
        sources,
        [addressee.id for addressee in addressees],
        k=k,
        max_depth=max_depth,
        as_of=as_of,
        rank=lambda source: source not in author_ids,  # equal-length paths: from an author first
    )

    return RecommendationTrace(
        recommendation=row["recommendation"],
        number=row["number"],
        text=row["text"],
        memorandum=row["memorandum"],
        authors=authors,
        supporters=supporters,
        addressees=[
            AddresseePaths(
                addressee=addressee,
                is_source=addressee.id in sources,
                paths=found[addressee.id],
            )
            for addressee in addressees
        ],
    )


def _reading(link: str) -> str:
    return REL_SPECS[RelType(link)].label


def _recommendation(graph: Graph, recommendation_id: str, as_of: dt.date) -> dict[str, Any]:
    """The row of tracing.recommendation for ``recommendation_id``; NotFound, saying what the id names if
    anything, when it names no recommendation."""
    rows = run(graph, "tracing.recommendation", id=recommendation_id, asOf=as_of)
    if not rows:
        require(graph, recommendation_id, Label.RECOMMENDATION)
    return rows[0]


def carriers(graph: Graph, recommendation_id: str, *, as_of: dt.date | None = None) -> list[Carrier]:
    """The organisations that can carry a recommendation, each with the bodies where it meets an addressee.

    A carrier holds a mandate valid at ``as_of`` in, or sits in (SITS_IN), a body where an addressee sits,
    holds a valid mandate, or which is a body of the addressee (BODY_OF). Authors and supporters come
    first, then the carriers reaching most addressees, then by name. Raises NotFound for a wrong id.
    """
    as_of = as_of or today()
    stance = _recommendation(graph, recommendation_id, as_of)
    author_ids = {ref["id"] for ref in stance["authors"]}
    supporter_ids = {ref["id"] for ref in stance["supporters"]}
    grouped: dict[str, dict[str, Any]] = {}
    for row in run(graph, "tracing.carriers", id=recommendation_id, asOf=as_of):
        entry = grouped.setdefault(row["carrier"]["id"], {"organisation": row["carrier"], "routes": []})
        entry["routes"].append(
            CarrierRoute(
                body=row["body"],
                addressee=row["addressee"],
                carrier_link=row["carrierLink"],
                carrier_link_label=_reading(row["carrierLink"]),
                mandate_id=row["mandate"],
                seat=row["seat"],
                addressee_link=row["addresseeLink"],
                addressee_link_label=_reading(row["addresseeLink"]),
                provenance=Provenance.of(row["carrierProvenance"]),
                addressee_provenance=Provenance.of(row["addresseeProvenance"]),
            )
        )
    found = [
        Carrier(
            organisation=entry["organisation"],
            is_author=id_ in author_ids,
            is_supporter=id_ in supporter_ids,
            addressees_reached=len({route.addressee.id for route in entry["routes"]}),
            routes=entry["routes"],
        )
        for id_, entry in grouped.items()
    ]
    found.sort(
        key=lambda c: (
            not (c.is_author or c.is_supporter),
            -c.addressees_reached,
            c.organisation.name or "",
            c.organisation.id,
        )
    )
    return found


def _step(row: dict[str, Any]) -> StatusStep:
    status = RecommendationStatus(row["status"])
    fields = native(row)
    return StatusStep.model_validate(
        {**fields, "status": status, "label": status.label, "provenance": Provenance.of(fields)}
    )


def status_timeline(graph: Graph, recommendation_id: str, *, as_of: dt.date | None = None) -> StatusTimeline:
    """The status history of a recommendation, oldest first, with French labels; ``current`` is the last
    step dated on or before ``as_of`` (None when there is none yet). Raises NotFound for a wrong id."""
    require(graph, recommendation_id, Label.RECOMMENDATION)
    as_of = as_of or today()
    steps = [_step(row) for row in run(graph, "tracing.timeline", id=recommendation_id)]
    past = [step for step in steps if step.date <= as_of]
    return StatusTimeline(recommendation_id=recommendation_id, steps=steps, current=past[-1] if past else None)


def memoranda(graph: Graph) -> list[MemorandumSummary]:
    """Every memorandum with its authors and number of recommendations, newest first."""
    return [MemorandumSummary.model_validate(row) for row in run(graph, "tracing.memoranda")]


def recommendations_of(
    graph: Graph, memorandum_id: str, *, as_of: dt.date | None = None
) -> list[RecommendationSummary]:
    """The recommendations of a memorandum, by number, with their status at ``as_of``.

    Raises NotFound when the id names no memorandum.
    """
    require(graph, memorandum_id, Label.MEMORANDUM)
    rows = run(graph, "tracing.recommendations", memorandumId=memorandum_id, asOf=as_of or today())
    summaries = []
    for row in rows:
        status = RecommendationStatus(row["status"]) if row["status"] else None
        summaries.append(
            RecommendationSummary(
                id=row["id"],
                number=row["number"],
                title=row["title"],
                themes=row["themes"],
                addressees=row["addressees"],
                status=status,
                status_label=status.label if status else None,
                status_date=native(row["statusDate"]),
                provenance=Provenance.of(row["provenance"]),
                status_provenance=None if row["statusProvenance"] is None else Provenance.of(row["statusProvenance"]),
            )
        )
    return summaries
