"""The horizontal mesh: partners by ring, co-members of platforms, bridges between sectors, suggestions.

A tie of the horizontal mesh is a direct partnership or referral, a platform two organisations take
part in, or a reception office one refers people to and the other runs; every tie comes back as a
:class:`Path` whose relationships say why the two are partners. A suggestion is an organisation that
works on the target's themes in its territory and has no relationship with it yet, ranked by an
explained score (see :data:`WEIGHTS`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.model import LAYER_REL_TYPES, Label, RelType
from maillage.graph.vocabulary import RING_LABELS, Layer, Sector, TerritoryLevel

from .diagonal import path_order, to_path
from .results import NodeRef, Path, ScorePart, require, today
from .run import run
from .suggestion_index import Search, SuggestionIndex, Weights, rank

MAX_SUGGESTIONS = 100
WEIGHTS = {"themes": 0.4, "territory": 0.3, "common_partners": 0.2, "centrality": 0.1}
"""How much each factor counts in a suggestion's score (they add up to 1)."""
COMMON_PARTNERS_FOR_FULL_MARK = 3
SCORING = Weights(**WEIGHTS, common_for_full=COMMON_PARTNERS_FOR_FULL_MARK)
MESH_TYPES = tuple(sorted(t.value for layer in (Layer.HORIZONTAL, Layer.VERTICAL) for t in LAYER_REL_TYPES[layer]))
DIRECT_TIE_TYPES = tuple(sorted(t.value for t in LAYER_REL_TYPES[Layer.HORIZONTAL] if t is not RelType.PARTICIPATES_IN))
"""Relationship types that make two organisations partners by themselves (platforms are ties of their own)."""
OUTSIDE_RINGS_LABEL = "Hors cercles : pouvoirs publics"
MAX_BRIDGES = 200
LEVEL_ORDER = [TerritoryLevel.COMMUNE, TerritoryLevel.ARRONDISSEMENT, TerritoryLevel.PROVINCE, TerritoryLevel.REGION]


class PartnerSuggestion(BaseModel):
    """An organisation to approach, its score (0 to 1) and the parts that make it up."""

    organisation: NodeRef
    score: float
    parts: list[ScorePart]
    shared_themes: list[NodeRef]
    common_partners: list[NodeRef]


class Partner(BaseModel):
    """An organisation tied to another in the horizontal mesh, and every tie that makes them partners."""

    organisation: NodeRef
    sector: str | None
    ring: int | None
    ties: list[Path]


class RingOfPartners(BaseModel):
    """The partners of an organisation in one ring of the horizontal mesh (``ring`` None: public authorities)."""

    ring: int | None
    label: str
    partners: list[Partner]


class CoMember(BaseModel):
    """An organisation that takes part in some of the same platforms, and which ones."""

    organisation: NodeRef
    shared: int
    platforms: list[NodeRef]


class SectorReach(BaseModel):
    """The partners a bridge organisation has in one other sector."""

    sector: str
    label: str
    ring: int | None
    partners: list[NodeRef]


class SectorBridge(BaseModel):
    """An organisation of one sector with ties to organisations of other sectors, and those ties."""

    organisation: NodeRef
    sectors: int
    reached: list[SectorReach]
    ties: list[Path]
    cursor: str = ""
    """Pass it as ``after`` to get the bridges that follow this one."""


def _ties(graph: Graph, ids: list[str], as_of: dt.date) -> list[tuple[str, dict[str, Any], Path]]:
    rows = run(graph, "horizontal.ties", ids=ids, directTypes=list(DIRECT_TIE_TYPES), asOf=as_of)
    return [(row["origin"], row["partner"], to_path(row["nodes"], row["relationships"])) for row in rows]


def _ref(partner: dict[str, Any]) -> NodeRef:
    return NodeRef.model_validate(partner)  # sector and ring, also in the map, are not NodeRef fields


def _by_name(ref: NodeRef) -> tuple[str, str]:
    return ((ref.name or "").lower(), ref.id)


def _partners(ties: list[tuple[str, dict[str, Any], Path]]) -> list[Partner]:
    grouped: dict[str, Partner] = {}
    for _, partner, path in ties:
        entry = grouped.setdefault(
            partner["id"],
            Partner(organisation=_ref(partner), sector=partner["sector"], ring=partner["ring"], ties=[]),
        )
        entry.ties.append(path)
    for entry in grouped.values():
        entry.ties.sort(key=path_order)
    return sorted(grouped.values(), key=lambda p: _by_name(p.organisation))


def partners_by_ring(
    graph: Graph, organisation_id: str, *, ring: int | None = None, as_of: dt.date | None = None
) -> list[RingOfPartners]:
    """The partners of an organisation at ``as_of``, grouped by ring, each with the ties that make it a partner.

    Rings 1, 2 and 3 always come back (possibly empty), in that order, then public authorities (outside the
    rings) when there are any; ``ring`` keeps only that ring. Partners are in name order, their ties
    shortest first. Raises NotFound for a wrong id, InvalidInput for a ring other than 1, 2 or 3.

    >>> [len(r.partners) for r in partners_by_ring(graph, "cai")]  # doctest: +SKIP
    [12, 30, 4, 9]
    """
    if ring is not None and ring not in RING_LABELS:
        raise InvalidInput(f"ring doit valoir 1, 2 ou 3 (reçu : {ring}).")
    require(graph, organisation_id, Label.ORGANISATION)
    partners = _partners(_ties(graph, [organisation_id], as_of or today()))
    rings: list[RingOfPartners] = [
        RingOfPartners(ring=number, label=label, partners=[p for p in partners if p.ring == number])
        for number, label in sorted(RING_LABELS.items())
    ]
    outside = [p for p in partners if p.ring not in RING_LABELS]
    if outside:
        rings.append(RingOfPartners(ring=None, label=OUTSIDE_RINGS_LABEL, partners=outside))
    return [r for r in rings if ring is None or r.ring == ring]


def co_members(
    graph: Graph, organisation_id: str, *, min_shared: int = 1, as_of: dt.date | None = None
) -> list[CoMember]:
    """Organisations that take part in at least ``min_shared`` of the same platforms at ``as_of``.

    Most shared platforms first, then by name. Raises NotFound for a wrong id, InvalidInput for
    ``min_shared`` < 1.
    """
    if min_shared < 1:
        raise InvalidInput(f"minShared doit être au moins 1 (reçu : {min_shared}).")
    require(graph, organisation_id, Label.ORGANISATION)
    shared: dict[str, tuple[NodeRef, dict[str, NodeRef]]] = {}
    for _, partner, path in _ties(graph, [organisation_id], as_of or today()):
        if path.length == 2 and path.nodes[1].label == Label.PLATFORM.value:
            shared.setdefault(partner["id"], (_ref(partner), {}))[1][path.nodes[1].id] = path.nodes[1]
    found = [
        CoMember(organisation=member, shared=len(platforms), platforms=sorted(platforms.values(), key=_by_name))
        for member, platforms in shared.values()
        if len(platforms) >= min_shared
    ]
    return sorted(found, key=lambda m: (-m.shared, *_by_name(m.organisation)))


def sector_bridges(
    graph: Graph,
    *,
    sector: Sector | str = Sector.INTEGRATION,
    towards: list[Sector] | list[str] | None = None,
    as_of: dt.date | None = None,
    limit: int = 50,
    min_sectors: int = 1,
    after: str | None = None,
) -> list[SectorBridge]:
    """A page of the organisations of ``sector`` with horizontal ties to organisations of the ``towards`` sectors.

    ``towards`` defaults to every other sector of the three rings (public authorities are the diagonal
    mesh, not a sector to bridge to). Each bridge lists the sectors it reaches with the partners
    there, and the ties themselves. ``min_sectors`` keeps those reaching at least that many sectors.
    Bridges come in name order (case and accents ignored), at most ``limit``, starting after the bridge
    whose ``cursor`` is ``after``: each page reads only the organisations up to its last bridge, whatever
    the size of the graph. Raises InvalidInput for an unknown sector, a bad limit or a foreign cursor.

    >>> sector_bridges(graph, towards=["logement", "sante"])[0].reached[0].label  # doctest: +SKIP
    'Logement'
    """
    if not 1 <= limit <= MAX_BRIDGES:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_BRIDGES} (reçu : {limit}).")
    if min_sectors < 1:
        raise InvalidInput(f"minSectors doit être au moins 1 (reçu : {min_sectors}).")
    origin = _sector(sector, "sector")
    targets = {_sector(s, "towards") for s in towards} if towards else {s for s in Sector if s.ring is not None}
    targets.discard(origin)
    page = run(
        graph,
        "horizontal.bridges_page",
        sector=origin.value,
        towards=sorted(t.value for t in targets),
        minSectors=min_sectors,
        directTypes=list(DIRECT_TIE_TYPES),
        asOf=as_of or today(),
        after=_bridge_key(after),
        limit=limit,
    )
    return [
        _bridge(
            [(tie["partner"], to_path(tie["nodes"], tie["relationships"])) for tie in row["ties"]],
            _bridge_cursor(row["key"]),
        )
        for row in page
    ]


BRIDGE_CURSOR = "pont:"


def _bridge_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(f"{BRIDGE_CURSOR}{key}".encode()).decode()


def _bridge_key(cursor: str | None) -> str:
    """The sort key a bridge cursor points after ('' for none); InvalidInput for a foreign cursor."""
    if cursor is None:
        return ""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeError, binascii.Error):
        text = ""
    if not text.startswith(BRIDGE_CURSOR):
        raise InvalidInput(f"after : curseur invalide « {cursor} » (utilisez le cursor d'un pont de cette liste).")
    return text[len(BRIDGE_CURSOR) :]


def _sector(value: Sector | str, argument: str) -> Sector:
    try:
        return Sector(value)
    except ValueError:
        known = ", ".join(s.value for s in Sector)
        raise InvalidInput(f"{argument} : secteur inconnu « {value} » (valeurs : {known}).") from None


def _bridge(ties: list[tuple[dict[str, Any], Path]], cursor: str) -> SectorBridge:
    reached: dict[str, dict[str, NodeRef]] = {}
    for partner, _ in ties:
        reached.setdefault(partner["sector"], {})[partner["id"]] = _ref(partner)
    return SectorBridge(
        organisation=ties[0][1].nodes[0],
        sectors=len(reached),
        reached=[
            SectorReach(
                sector=sector,
                label=Sector(sector).label,
                ring=Sector(sector).ring,
                partners=sorted(partners.values(), key=_by_name),
            )
            for sector, partners in sorted(reached.items())
        ],
        ties=sorted((path for _, path in ties), key=path_order),
        cursor=cursor,
    )


def _narrowest(territories: list[dict[str, str]]) -> dict[str, str] | None:
    """The territory of the narrowest level; between two of the same level, the smaller id (the query's order
    depends on how the store was written, so without it the answer changed from one database to another)."""

    def rank(territory: dict[str, str]) -> int:
        level = territory.get("level")
        values = [lvl.value for lvl in LEVEL_ORDER]
        return values.index(level) if level in values else len(values)

    return min(territories, key=lambda territory: (rank(territory), territory["id"])) if territories else None


def partner_suggestions(
    graph: Graph,
    target_id: str,
    *,
    theme: str | None = None,
    territory: str | None = None,
    as_of: dt.date | None = None,
    limit: int = 20,
    index: SuggestionIndex | None = None,
) -> list[PartnerSuggestion]:
    """Organisations to suggest as partners of ``target_id`` (an organisation or a platform), best first.

    ``theme`` replaces the target's themes, ``territory`` its territory (default: the narrowest one it
    is located in or covers; without any, territory is not a criterion). Ties are broken by name then id.
    Raises NotFound for a wrong id, InvalidInput when there is no theme to look for or a bad limit.

    With an ``index`` (:mod:`maillage.queries.suggestion_index`) built at the graph's current version for
    ``as_of``, the candidates are scored from it and only what depends on the target is read from the graph;
    otherwise (no index, another version or another day) the query ``horizontal.suggestion_candidates``
    scores them. Both give the same answer.

    >>> partner_suggestions(graph, "plateforme-fle-namur")[0].parts[0].explanation  # doctest: +SKIP
    'Travaille sur 1 des 2 thèmes recherchés : Français langue étrangère'
    """
    if not 1 <= limit <= MAX_SUGGESTIONS:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_SUGGESTIONS} (reçu : {limit}).")
    day = as_of or today()
    if index is not None and index.day == day:
        found = _from_index(graph, index, target_id, theme, territory, day, limit)
        if found is not None:
            return found
    require(graph, target_id, Label.ORGANISATION, Label.PLATFORM)
    if theme is not None:
        require(graph, theme, Label.THEME)
    if territory is not None:
        require(graph, territory, Label.TERRITORY)
    profile = run(graph, "horizontal.target_profile", id=target_id, territory=territory)[0]
    themes = [theme] if theme else profile["themes"]
    if not themes:
        raise InvalidInput(f"« {target_id} » n'a aucun thème connu : précisez le thème recherché (theme).")
    place = profile["requested"] or _narrowest(profile["territories"])
    rows = run(
        graph,
        "horizontal.suggestion_candidates",
        id=target_id,
        themes=themes,
        territory=place["id"] if place else None,
        asOf=day,
        meshTypes=list(MESH_TYPES),
        weights=WEIGHTS,
        commonForFull=COMMON_PARTNERS_FOR_FULL_MARK,
        limit=limit,
    )
    return [_suggestion(row, len(themes), place) for row in rows]


def _from_index(
    graph: Graph,
    index: SuggestionIndex,
    target_id: str,
    theme: str | None,
    territory: str | None,
    day: dt.date,
    limit: int,
) -> list[PartnerSuggestion] | None:
    """The suggestions scored from ``index`` after one read of the target (``horizontal.suggestion_context``),
    or None for the query to answer: the index was not built at the graph's version (read in the same
    transaction), or the request is one the query refuses (it then says why: no such target, theme or
    territory, no theme to look for)."""
    rows = run(
        graph,
        "horizontal.suggestion_context",
        id=target_id,
        theme=theme,
        territory=territory,
        asOf=day,
        meshTypes=list(MESH_TYPES),
    )
    if not rows:
        return None
    context = rows[0]
    if not index.answers(context["epoch"], context["version"], day):
        return None
    refused = (
        not {Label.ORGANISATION.value, Label.PLATFORM.value} & set(context["labels"])
        or (theme is not None and not context["themeFound"])
        or (territory is not None and context["requested"] is None)
    )
    themes: list[str] = [theme] if theme else context["themes"]
    if refused or not themes:
        return None
    place = context["requested"] or _narrowest(context["territories"])
    inside, wider = index.around(place["id"]) if place else (None, [])
    search = Search(
        target=target_id,
        themes=themes,
        inside=inside,
        wider=wider,
        tied=frozenset(context["tied"]),
        common={near["id"]: near["common"] for near in context["commons"]},
        theme_names=index.theme_names,
        limit=limit,
    )
    return [_suggestion(row, len(themes), place) for row in rank(index, search, SCORING)]


def _suggestion(row: dict[str, Any], wanted_themes: int, place: dict[str, str] | None) -> PartnerSuggestion:
    """A suggestion from a candidate row: the factor values come from the query, the explanations from here."""
    shared = [NodeRef(id=t["id"], label=Label.THEME.value, name=t["name"]) for t in row["sharedThemes"]]
    common = sorted((NodeRef.model_validate(p) for p in row["commonPartners"]), key=lambda p: p.id)
    fit = row["territoryFit"]
    degree = row["degree"]
    most_connected = row["mostConnected"]
    values = row["values"]
    names = ", ".join(sorted(t.name or t.id for t in shared))
    parts = [
        ScorePart(
            factor="themes",
            value=round(values["themes"], 4),
            weight=WEIGHTS["themes"],
            explanation=f"Travaille sur {len(shared)} des {wanted_themes} thèmes recherchés : {names}",
        ),
        ScorePart(
            factor="territory",
            value=values["territory"],
            weight=WEIGHTS["territory"],
            explanation=(
                "Aucun territoire demandé"
                if place is None
                else f"Situé ou actif à {place['name']}"
                if fit == "inside"
                else f"Actif sur un territoire plus large qui contient {place['name']}"
            ),
        ),
        ScorePart(
            factor="common_partners",
            value=round(values["common_partners"], 4),
            weight=WEIGHTS["common_partners"],
            explanation=(
                f"{len(common)} partenaire(s) en commun : {', '.join(p.name or p.id for p in common)}"
                if common
                else "Aucun partenaire en commun"
            ),
        ),
        ScorePart(
            factor="centrality",
            value=round(values["centrality"], 4),
            weight=WEIGHTS["centrality"],
            explanation=f"{degree} lien(s) dans les maillages vertical et horizontal (maximum : {most_connected})",
        ),
    ]
    return PartnerSuggestion(
        organisation=NodeRef.model_validate(row["organisation"]),
        score=row["score"],
        parts=parts,
        shared_themes=shared,
        common_partners=common,
    )
