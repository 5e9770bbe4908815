"""The diagonal mesh: the mandate registry (who sits where, for whom, until when) and access paths.

A mandate is *valid at* a date when ``(validFrom IS NULL OR validFrom <= asOf) AND (validTo IS NULL OR
validTo >= asOf)``; every function takes ``as_of`` (default: today) and reads the registry at that date.
Person names are personal data: they only appear in ``NodeRef``s whose label is ``Person``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.model import Direction, Label, influence_types
from maillage.graph.rows import PYTHON_SCALARS
from maillage.graph.vocabulary import MandateRole, SeatType, Sector

from . import access
from .results import NodeRef, Path, Provenance, RelRef, plain_properties, require, today
from .run import run

DEFAULT_ORIGIN = "coupole"
"""The organisation access paths start from when none is given: the Coupole (seed 000)."""
MAX_K = 10
MAX_DEPTH = 6
SMALL_LAYER = 64
"""A round of the access-path search (paths_between) expands both sides when neither frontier costs more than
this (sum of degrees); else the cheaper side alone."""
BRIDGE_COST = 300
"""Above this cost of the cheaper frontier, the access-path search fetches only the steps between the two sides
(a bridge) when they are one step short of the length searched, rather than a whole layer."""
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
    sources: Sequence[str],
    targets: Sequence[str],
    *,
    k: int,
    max_depth: int,
    as_of: dt.date,
    rank: Callable[[str], Any] | None = None,
) -> dict[str, list[Path]]:
    """The ``k`` best access paths to each target from any of the sources; ids naming no entity get none.

    The answer of the straightforward search (:func:`searched`) run for every (source, target) pair, the ids
    being different, to ``max_depth``: per pair the ``k`` best paths among its 40 shortest walks (see
    queries/diagonal/access_paths.cypher), then per target the ``k`` best of all its pairs' paths, ranked by
    length, then by ``rank`` of their source id (default: all equal), then by the ids along them (then, for
    paths through the same nodes, by the element ids of their relationships). Where the straightforward search
    leaves a choice to the database (the order of paths through the same nodes; which walks count when the 40th
    falls among several of one length), this one decides by ids (:mod:`maillage.queries.access`): the same
    question always gets the same answer.

    Found by a bidirectional search instead (:mod:`maillage.queries.access`): layers of steps fetched forward from
    all the sources at once and backward from each target (queries/diagonal/access_layers.cypher), the side whose
    frontier has the smaller degree expanded next (both while they are small), until the layers cover the next
    length (the last step between them alone when that is all they lack: a bridge); then the walks of that length
    are enumerated in memory, and a target stops as soon as its pairs hold ``k`` paths (every path found later is
    longer). Paths of five relationships through a hub of 250 ties cost a layer or two from each side, not a search
    per pair and per depth.
    The nodes and relationships of the paths kept are read once at the end (access_path_parts.cypher).
    """
    check_path_bounds(k, max_depth)
    if not targets:
        return {}
    search = _Search(graph, as_of)
    forward, backward = search.start(list(dict.fromkeys(sources)), list(dict.fromkeys(targets)))
    ids = search.ids
    ranks = {key: (rank(ids[key]) if rank else 0) for key in forward.start}
    searches = {
        target: access.TargetSearch(
            layers.start[0], forward.start, k=k, max_depth=max_depth, ids=ids, rank=ranks.__getitem__
        )
        for target, layers in backward.items()
    }
    while active := [target for target, found in searches.items() if not found.done]:
        search.cover(forward, [(backward[target], searches[target].length + 1) for target in active])
        for target in active:
            searches[target].advance(search.steps)
    wanted = list(dict.fromkeys(targets))
    paths = paths_of(graph, [searches[target].best() if target in searches else [] for target in wanted])
    return dict(zip(wanted, paths, strict=True))


class _Layers:
    """One side of the bidirectional search: the nodes it starts from, the nodes reached with their distance (in
    steps) from them, the frontier (the nodes of the last layer, not expanded yet) with their degrees, and its depth."""

    def __init__(self) -> None:
        self.start: list[str] = []
        self.reached: dict[str, int] = {}
        self.frontier: dict[str, int] = {}
        self.next: dict[str, int] = {}
        self.depth = 0

    @property
    def cost(self) -> int:
        """What expanding the frontier costs: the degrees of its nodes."""
        return sum(self.frontier.values())

    @property
    def exhausted(self) -> bool:
        """True when nothing is left to expand: every step from (or to) the nodes it reaches is known."""
        return not self.frontier

    def covers(self, backward: _Layers, length: int) -> bool:
        """True when the steps known hold every walk of ``length`` steps from this (forward) side's start to
        ``backward``'s: each step of such a walk leaves a node expanded forward or enters one expanded backward."""
        return self.exhausted or backward.exhausted or self.depth + backward.depth >= length


class _Search:
    """The steps fetched so far, and the round trips that fetch more: a layer of either side or of both, or the
    steps where the two sides meet (a bridge)."""

    def __init__(self, graph: Graph, as_of: dt.date) -> None:
        self.graph = graph
        self.ids: dict[str, str] = {}
        self.common: dict[str, Any] = {"forward": list(FORWARD_TYPES), "backward": list(BACKWARD_TYPES), "asOf": as_of}
        self.steps = access.Steps()
        self.bridged: set[tuple[int, int, int]] = set()

    def start(self, sources: list[str], targets: list[str]) -> tuple[_Layers, dict[str, _Layers]]:
        """The first layer of both sides: forward from the sources together, backward from each target (by id;
        ids naming no entity are left out)."""
        forward = _Layers()
        backward: dict[str, _Layers] = {}
        for row in run(self.graph, "diagonal.access_start", sources=sources, targets=targets, **self.common):
            key = row["key"]
            self.ids[key] = row["id"]
            layers = forward if row["outward"] else backward.setdefault(row["id"], _Layers())
            layers.start.append(key)
            layers.reached[key] = 0
            for step in row["steps"]:
                self.ids[step["node"]] = step["id"]
                self.steps.add(step["rel"], *((key, step["node"]) if row["outward"] else (step["node"], key)))
                layers.next[step["node"]] = step["degree"]
        for layers in [forward, *backward.values()]:
            layers.depth = 1
            layers.frontier = {node: degree for node, degree in layers.next.items() if node not in layers.reached}
            layers.reached.update(dict.fromkeys(layers.frontier, 1))
            layers.next = {}
        return forward, backward

    def cover(self, forward: _Layers, wanted: Sequence[tuple[_Layers, int]]) -> None:
        """Fetch steps until they hold every walk of the wanted length from the sources (``forward``) to each
        target (its backward layers): every step of such a walk leaves a node expanded forward, or enters a node
        expanded backward, or goes from the last forward layer to the last backward one when the depths of the
        two sides add up to one less than the length (then only the steps between them are fetched: a bridge).

        A round expands both sides when their costs (degrees of their frontiers) are alike or small, else the
        cheaper one alone; a bridge is read from the cheaper side."""
        while short := [(back, length) for back, length in wanted if not forward.covers(back, length)]:
            backs = list({id(back): back for back, _ in short}.values())
            out, back_cost = forward.cost, sum(back.cost for back in backs)
            if min(out, back_cost) > BRIDGE_COST and all(forward.covers(back, length - 1) for back, length in short):
                fresh = [back for back in backs if (id(back), forward.depth, back.depth) not in self.bridged]
                if fresh:
                    self.bridge(forward, fresh)
                return
            both = max(out, back_cost) <= SMALL_LAYER
            self.expand(forward if both or out <= back_cost else None, backs if both or back_cost < out else [])

    def expand(self, forward: _Layers | None, backs: Sequence[_Layers]) -> None:
        """Fetch the next layer of ``forward`` (the steps leaving its frontier) and of each of ``backs`` (the
        steps entering their frontiers), in one round trip."""
        entering = list(dict.fromkeys(node for back in backs for node in back.frontier))
        rows = run(
            self.graph,
            "diagonal.access_layers",
            out=list(forward.frontier) if forward else [],
            **{"in": entering},
            **self.common,
        )
        sides: list[tuple[_Layers, bool]] = [(back, False) for back in backs]
        if forward:
            sides.append((forward, True))
        for layers, _ in sides:
            layers.depth += 1
            layers.next = {}
        for left, rel, entered, id_, degree, outward in rows[0]["steps"]:
            self.steps.add(rel, left, entered)
            node, expanded = (entered, left) if outward else (left, entered)
            self.ids[node] = id_
            for layers, forward_side in sides:
                if forward_side is outward and expanded in layers.frontier and node not in layers.reached:
                    layers.reached[node] = layers.depth
                    layers.next[node] = degree
        for layers, _ in sides:
            layers.frontier, layers.next = layers.next, {}

    def bridge(self, forward: _Layers, backs: Sequence[_Layers]) -> None:
        """Fetch the steps from the forward frontier to the backward frontiers ``backs``, from the cheaper side."""
        into = list(dict.fromkeys(node for back in backs for node in back.frontier))
        if forward.cost <= sum(back.cost for back in backs):
            rows = run(self.graph, "diagonal.access_bridges_out", keys=list(forward.frontier), into=into, **self.common)
        else:
            rows = run(
                self.graph, "diagonal.access_bridges_in", keys=into, **{"from": list(forward.frontier)}, **self.common
            )
        for left, rel, entered in rows[0]["steps"]:
            self.steps.add(rel, left, entered)
        self.bridged.update((id(back), forward.depth, back.depth) for back in backs)


def searched(
    graph: Graph, pairs: Iterable[tuple[str, str]], *, k: int, depth: int, as_of: dt.date
) -> tuple[dict[tuple[str, str], list[access.Trail]], dict[str, str]]:
    """The straightforward search (queries/diagonal/access_paths.cypher) of each (source, target) pair of
    different ids to ``depth``: the ``k`` best paths among the 40 shortest walks, by length then by ids, as
    trails whose keys are element ids (:func:`paths_of` reads them as paths), and the id of each node key.
    :func:`paths_between` gives the same answers faster (and decides by ids where this leaves the choice to the
    database); this stays as its reference, for the tests and bench/trace_equality.py."""
    check_path_bounds(k, depth)
    wanted = list(dict.fromkeys((source, target) for source, target in pairs if source != target))
    found: dict[tuple[str, str], list[access.Trail]] = {pair: [] for pair in wanted}
    ids: dict[str, str] = {}
    rows = run(
        graph,
        "diagonal.access_paths",
        pairs=[{"source": source, "target": target} for source, target in wanted],
        forward=list(FORWARD_TYPES),
        backward=list(BACKWARD_TYPES),
        asOf=as_of,
        k=k,
        depth=depth,
    )
    for row in rows:
        found[(row["source"], row["target"])] = [
            access.Trail(tuple(node["key"] for node in path["nodes"]), tuple(path["relationships"]))
            for path in row["paths"]
        ]
        ids.update({node["key"]: node["id"] for path in row["paths"] for node in path["nodes"]})
    return found, ids


def paths_of(graph: Graph, trails: Sequence[Sequence[access.Trail]]) -> list[list[Path]]:
    """Each list of trails (keys: element ids) as paths, their nodes and relationships read in one query."""
    nodes = list(dict.fromkeys(node for group in trails for trail in group for node in trail.nodes))
    rels = list(dict.fromkeys(rel for group in trails for trail in group for rel in trail.rels))
    if not nodes:
        return [[] for _ in trails]
    (row,) = run(graph, "diagonal.access_path_parts", keys=nodes, relKeys=rels)
    node_of = {node.pop("key"): node for node in row["nodes"]}
    rel_of = {rel.pop("key"): rel for rel in row["relationships"]}
    return [
        [to_path([node_of[n] for n in trail.nodes], [rel_of[r] for r in trail.rels]) for trail in group]
        for group in trails
    ]


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
    return paths_between(graph, [source_id], [target_id], k=k, max_depth=max_depth, as_of=as_of or today())[target_id]
