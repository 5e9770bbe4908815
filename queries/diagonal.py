"""The diagonal mesh: the mandate registry (who sits where, for whom, until when) and access paths.

A mandate is *valid at* a date when ``(validFrom IS NULL OR validFrom <= asOf) AND (validTo IS NULL OR
validTo >= asOf)``; every function takes ``as_of`` (default: today) and reads the registry at that date.
Person names are personal data: they only appear in ``NodeRef``s whose label is ``Person``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.model import Direction, Label, influence_types
from maillage.graph.rows import PYTHON_SCALARS
from maillage.graph.vocabulary import MandateRole, SeatType, Sector

from .results import NodeRef, Path, Provenance, RelRef, plain_properties, require, today
from .run import run

DEFAULT_ORIGIN = "coupole"
"""The organisation access paths start from when none is given: the Coupole (seed 000)."""
MAX_K = 10
MAX_DEPTH = 6
SEARCHED_WALKS = 40
"""Walks an access-path search keeps per pair before dropping those with a repeated node (diagonal.access_paths)."""
FIRST_SEARCHED = 2
"""With a rank (paths_between), the open pairs of a group searched first at each depth, before the others."""
MAX_DAYS = 3660
SECTOR_RING = Sector.INTEGRATION.ring

FORWARD_TYPES: tuple[str, ...] = tuple(sorted(influence_types(Direction.FORWARD)))
"""Relationship types an access path may walk from their start node to their end node (graph/model.py
INFLUENCE): memberships (a member carries its concerns up), accompaniment, coordination, partnerships,
platform participation, mandates, institutional seats, bodies, funding, interpellation, people at work."""
BACKWARD_TYPES: tuple[str, ...] = tuple(sorted(influence_types(Direction.BACKWARD)))
"""Relationship types an access path may walk from their end node back to their start node: the same but
memberships (a federation does not reach a third party through its members) and interpellations."""
ACCESS_TYPES: tuple[str, ...] = tuple(sorted({*FORWARD_TYPES, *BACKWARD_TYPES}))
"""Relationship types an access path may use in at least one direction."""


class Seat(BaseModel):
    """A mandate: a seat held by an organisation in a body, exercised by people, for a period."""

    id: str
    title: str | None = None
    seat: SeatType
    seat_label: str
    body: NodeRef
    holder: NodeRef
    person: NodeRef | None = None
    substitute: NodeRef | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    on_behalf_of: list[NodeRef] = []
    provenance: Provenance


class ExpiringSeat(Seat):
    """A seat whose mandate ends soon, with the days left from the reference date."""

    days_left: int


class BodySeats(BaseModel):
    """A body, the organisations it belongs to, and the seats held in it."""

    body: NodeRef
    organisations: list[NodeRef]
    seats: list[Seat]


class BodyWithoutSeat(BaseModel):
    """A body where the integration sector holds no seat at the reference date."""

    body: NodeRef
    organisations: list[NodeRef]
    other_seats: int
    last_sector_seat_end: dt.date | None = None


class PersonLoad(BaseModel):
    """How many valid mandates a person exercises, as titulaire or substitute, and where."""

    person: NodeRef
    seats: int
    titular: int
    substitute: int
    bodies: list[NodeRef]
    holders: list[NodeRef]


class OrganisationLoad(BaseModel):
    """How many valid mandates an organisation holds, and in which bodies."""

    organisation: NodeRef
    seats: int
    bodies: list[NodeRef]


def native(value: Any) -> Any:
    """``value`` with the driver's temporal types turned into Python ones, in nested lists and maps too."""
    kind = type(value)
    if kind in PYTHON_SCALARS:
        return value
    if kind is dict or isinstance(value, Mapping):
        return {key: item if type(item) in PYTHON_SCALARS else native(item) for key, item in value.items()}
    if kind is list or isinstance(value, list):
        return [native(item) for item in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def to_path(nodes: Sequence[Mapping[str, Any]], relationships: Sequence[Mapping[str, Any]]) -> Path:
    """A :class:`Path` from the node and relationship maps a path query returns (``key`` dropped).

    Step ``i`` walks from ``nodes[i]`` to ``nodes[i + 1]``: its reading is the one of that direction."""
    return Path(
        nodes=[NodeRef.model_validate(node) for node in nodes],
        relationships=[
            RelRef.of(
                rel["type"],
                rel["source"],
                rel["target"],
                plain_properties({name: value for name, value in rel["properties"].items() if name != "key"}),
                from_id=nodes[i]["id"],
            )
            for i, rel in enumerate(relationships)
        ],
    )


def _seat(row: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a :class:`Seat` from a seat map of the seat queries (its dates are its only temporal values)."""
    people = {person["role"]: person for person in row["people"]}
    titular = people.get(MandateRole.TITULAIRE.value)
    substitute = people.get(MandateRole.SUPPLEANT.value)
    seat = SeatType(row["seat"] or SeatType.EFFECTIF.value)
    return {
        "id": row["id"],
        "title": row["title"],
        "seat": seat,
        "seat_label": seat.label,
        "body": row["body"],
        "holder": row["holder"],
        "person": _without_role(titular),
        "substitute": _without_role(substitute),
        "valid_from": native(row["validFrom"]),
        "valid_to": native(row["validTo"]),
        "on_behalf_of": _sorted(row["onBehalfOf"]),
        "provenance": Provenance.of(row["provenance"]),
    }


def _without_role(person: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if person is None else {k: v for k, v in person.items() if k != "role"}


def _until(as_of: dt.date, days: int) -> dt.date:
    """``as_of`` plus ``days`` (0 to MAX_DAYS); InvalidInput when out of range or past the calendar's end."""
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput(f"Le nombre de jours doit être compris entre 0 et {MAX_DAYS} (reçu : {days}).")
    try:
        return as_of + dt.timedelta(days=days)
    except OverflowError:
        raise InvalidInput(f"{as_of.isoformat()} plus {days} jours dépasse la dernière date possible.") from None


def seats_by_body(
    graph: Graph,
    *,
    body_id: str | None = None,
    holder_id: str | None = None,
    expiring_within_days: int | None = None,
    as_of: dt.date | None = None,
    details: bool = True,
) -> list[BodySeats]:
    """The seats held in each body at ``as_of``: holder, titulaire, substitute, seat type, period, principals.

    Filters: ``body_id`` (that body only, listed even when it has no seat), ``holder_id`` (seats of that
    organisation), ``expiring_within_days`` (mandates ending within N days of ``as_of``). Bodies with no
    matching seat are left out otherwise. Bodies are sorted by name, seats by holder then seat type.
    With ``details`` false, who exercises each seat (``person``, ``substitute``) and on whose behalf
    (``on_behalf_of``) are not read and come back empty: for a caller that does not show them.
    Raises NotFound for an unknown body or holder id.
    """
    as_of = as_of or today()
    until = None
    if expiring_within_days is not None:
        until = _until(as_of, expiring_within_days)
    if body_id is not None:
        row = run(
            graph,
            "diagonal.seats_of_body",
            asOf=as_of,
            bodyId=body_id,
            holderId=holder_id,
            until=until,
            details=details,
        )[0]
        _raise_missing(row["missing"], {"bodyId": (body_id, "instance"), "holderId": (holder_id, "organisation")})
        rows = [row]
    elif holder_id is not None:
        row = run(graph, "diagonal.seats_of_holder", asOf=as_of, holderId=holder_id, until=until, details=details)[0]
        if not row["found"]:
            _raise_missing(["holderId"], {"holderId": (holder_id, "organisation")})
        rows = row["bodies"]
    elif until is not None:
        rows = run(graph, "diagonal.seats_expiring", asOf=as_of, until=until, details=details)
    else:
        rows = run(graph, "diagonal.seats_by_body", asOf=as_of, details=details)
    return [
        BodySeats(
            body=row["body"],
            organisations=row["organisations"],
            seats=[Seat.model_validate(_seat(seat)) for seat in row["seats"]],
        )
        for row in rows
    ]


def _raise_missing(missing: Sequence[str], ids: Mapping[str, tuple[str | None, str]]) -> None:
    """NotFound naming the first argument in ``missing`` (an id that names nothing of the expected label)."""
    if missing:
        argument = missing[0]
        value, expected = ids[argument]
        raise NotFound(f"{argument} : aucun(e) {expected} d'identifiant « {value} » dans le graphe.")


def expiring_mandates(graph: Graph, *, within_days: int = 90, as_of: dt.date | None = None) -> list[ExpiringSeat]:
    """Mandates valid at ``as_of`` that end within ``within_days`` days (0 to 3660), soonest first."""
    as_of = as_of or today()
    rows = run(graph, "diagonal.expiring_mandates", asOf=as_of, until=_until(as_of, within_days))
    seats = [_seat(row["seat"]) for row in rows]
    return [ExpiringSeat.model_validate({**seat, "days_left": (seat["valid_to"] - as_of).days}) for seat in seats]


def bodies_without_sector_seat(graph: Graph, *, as_of: dt.date | None = None) -> list[BodyWithoutSeat]:
    """Bodies where no organisation of the integration sector (ring 1) holds a mandate valid at ``as_of``.

    Each comes with the organisations it belongs to, the number of seats others hold there and, when the
    sector used to sit there, the end date of its last seat.
    """
    rows = run(graph, "diagonal.bodies_without_sector_seat", asOf=as_of or today(), ring=SECTOR_RING)
    return [
        BodyWithoutSeat(
            body=row["body"],
            organisations=row["organisations"],
            other_seats=row["otherSeats"],
            last_sector_seat_end=native(row["lastSectorSeatEnd"]),
        )
        for row in rows
    ]


def _check_threshold(threshold: int) -> None:
    if threshold < 1:
        raise InvalidInput(f"Le seuil doit être d'au moins 1 mandat (reçu : {threshold}).")


def seats_per_person(graph: Graph, *, threshold: int = 2, as_of: dt.date | None = None) -> list[PersonLoad]:
    """People exercising at least ``threshold`` mandates valid at ``as_of`` (titulaire or substitute), most first.

    Ties are ordered by name. The result holds personal data (names of people).
    """
    _check_threshold(threshold)
    rows = run(graph, "diagonal.seats_per_person", asOf=as_of or today(), threshold=threshold)
    return [
        PersonLoad(
            person=row["person"],
            seats=row["seats"],
            titular=row["roles"].count(MandateRole.TITULAIRE.value),
            substitute=row["roles"].count(MandateRole.SUPPLEANT.value),
            bodies=_sorted(row["bodies"]),
            holders=_sorted(row["holders"]),
        )
        for row in rows
    ]


def seats_per_organisation(graph: Graph, *, threshold: int = 2, as_of: dt.date | None = None) -> list[OrganisationLoad]:
    """Organisations holding at least ``threshold`` mandates valid at ``as_of``, most first, ties by name."""
    _check_threshold(threshold)
    rows = run(graph, "diagonal.seats_per_organisation", asOf=as_of or today(), threshold=threshold)
    return [
        OrganisationLoad(organisation=row["organisation"], seats=row["seats"], bodies=_sorted(row["bodies"]))
        for row in rows
    ]


def _sorted(refs: Iterable[Mapping[str, Any]]) -> list[NodeRef]:
    return sorted((NodeRef.model_validate(ref) for ref in refs), key=lambda ref: (ref.name or "", ref.id))


def check_path_bounds(k: int, max_depth: int) -> None:
    """Refuse with InvalidInput a ``k`` outside 1..10 or a ``max_depth`` outside 1..6."""
    if not 1 <= k <= MAX_K:
        raise InvalidInput(f"Le nombre de chemins demandé doit être compris entre 1 et {MAX_K} (reçu : {k}).")
    if not 1 <= max_depth <= MAX_DEPTH:
        raise InvalidInput(
            f"La longueur maximale d'un chemin doit être comprise entre 1 et {MAX_DEPTH} (reçu : {max_depth})."
        )


def paths_between(
    graph: Graph,
    pairs: Iterable[tuple[str, str]],
    *,
    k: int,
    max_depth: int,
    as_of: dt.date,
    group: Callable[[tuple[str, str]], Hashable] | None = None,
    rank: Callable[[tuple[str, str]], Any] | None = None,
) -> dict[tuple[str, str], list[Path]]:
    """The ``k`` shortest access paths of each (source, target) pair; ids are not checked.

    Pairs whose ends are the same entity are skipped. Within a pair, paths are sorted by length, then by
    the ids along them, so equal-length paths come in a stable order. All pairs are searched in one query,
    to ``max_depth`` at once.

    With ``group``, the search deepens instead, one relationship at a time from 2 (the query bounds the
    search itself by the depth), all pairs in one query per depth, and pairs are settled together: a group
    (say every pair ending at one addressee) stops deepening as soon as its pairs hold ``k`` paths between
    them, because every path found later is longer: then each pair holds its paths among the group's ``k``
    best, not necessarily ``k`` of its own. A pair whose search was cut at 40 walks is settled at that depth
    (deeper, the 40 shortest walks would be the same). The group's ``k`` best are those the full-depth
    search gives, and a source near the target spares the deep searches from the distant ones; a group
    with fewer than ``k`` paths within ``max_depth`` costs about twice the single search.

    ``rank`` (with ``group``) orders the pairs of a group the way the caller ranks equal-length paths (a
    path of a better-ranked pair before any path of the same length of a worse-ranked one). Each depth after
    the first then searches first the ``FIRST_SEARCHED`` best-ranked open pairs of each group, and the others
    only for the groups still holding fewer than ``k`` paths: a group settled by its first pairs has its ``k``
    best among the paths found (the unsearched pairs' paths of that length rank after them, and their shorter
    ones were found at the depth before, where every open pair was searched), so the caller's ``k`` best are
    unchanged; an unsearched pair keeps the paths of the depth before.
    """
    check_path_bounds(k, max_depth)
    wanted = list(dict.fromkeys((source, target) for source, target in pairs if source != target))
    found: dict[tuple[str, str], list[Path]] = {pair: [] for pair in wanted}
    key = group or (lambda pair: pair)
    open_pairs = sorted(wanted, key=rank) if group and rank else list(wanted)

    def held() -> dict[Hashable, int]:
        counts: dict[Hashable, int] = {}
        for pair in wanted:
            counts[key(pair)] = counts.get(key(pair), 0) + len(found[pair])
        return counts

    first_depth = min(2, max_depth) if group else max_depth
    for depth in range(first_depth, max_depth + 1):
        if not open_pairs:
            break
        capped: set[tuple[str, str]] = set()
        ranked = group is not None and rank is not None and depth > first_depth  # shorter paths all known
        for batch in _batches(open_pairs, key) if ranked else [open_pairs]:
            counts = held()
            batch = [pair for pair in batch if counts[key(pair)] < k]  # groups settled by the batch before
            if not batch:
                continue
            rows = run(
                graph,
                "diagonal.access_paths",
                pairs=[{"source": source, "target": target} for source, target in batch],
                forward=list(FORWARD_TYPES),
                backward=list(BACKWARD_TYPES),
                asOf=as_of,
                k=k,
                depth=depth,
            )
            for row in rows:
                pair = (row["source"], row["target"])
                found[pair] = sorted((to_path(p["nodes"], p["relationships"]) for p in row["paths"]), key=path_order)
                if row["walks"] >= SEARCHED_WALKS:
                    capped.add(pair)
        counts = held()
        open_pairs = [pair for pair in open_pairs if pair not in capped and counts[key(pair)] < k]
    return found


def _batches(ranked: list[tuple[str, str]], key: Callable[[tuple[str, str]], Hashable]) -> list[list[tuple[str, str]]]:
    """Ranked pairs in two batches: the ``FIRST_SEARCHED`` first of each group, then the others."""
    seen: dict[Hashable, int] = {}
    first: list[tuple[str, str]] = []
    rest: list[tuple[str, str]] = []
    for pair in ranked:
        seen[key(pair)] = seen.get(key(pair), 0) + 1
        (first if seen[key(pair)] <= FIRST_SEARCHED else rest).append(pair)
    return [first, rest]


def path_order(path: Path) -> tuple[int, list[str]]:
    """Sort key of paths: shortest first, then by the ids along the path."""
    return path.length, [node.id for node in path.nodes]


def access_paths(
    graph: Graph,
    target_id: str,
    *,
    source_id: str = DEFAULT_ORIGIN,
    k: int = 3,
    max_depth: int = MAX_DEPTH,
    as_of: dt.date | None = None,
) -> list[Path]:
    """The ``k`` shortest paths from ``source_id`` (default: the Coupole) to a decision-maker or institution.

    Paths walk each relationship type only in the directions in which it carries influence (graph/model.py
    ``INFLUENCE``: a member reaches the federation it belongs to, not the other way round; an interpellation
    goes from the interpellant to the interpellated); dated relationships and mandates must be valid at
    ``as_of``. Bounds: ``k`` from 1 to 10, ``max_depth``
    from 1 to 6 relationships, else InvalidInput. A path never goes through the same node twice. Each
    path lists its nodes and, for each step, the relationship walked with its reading in the direction walked.
    Raises NotFound when an id is unknown or not an organisation, InvalidInput when both ids are the same.
    """
    check_path_bounds(k, max_depth)
    require(graph, source_id, Label.ORGANISATION)
    require(graph, target_id, Label.ORGANISATION)
    if source_id == target_id:
        raise InvalidInput("Le point de départ et la cible d'un chemin doivent être différents.")
    found = paths_between(graph, [(source_id, target_id)], k=k, max_depth=max_depth, as_of=as_of or today())
    return found[(source_id, target_id)]
