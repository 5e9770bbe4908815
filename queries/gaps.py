"""Coordination gaps (REFUFAM policy brief, seed 004): silent communes, CPAS cut off from their CRI,
territories without an operator for a theme."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.model import Label, reading
from maillage.graph.vocabulary import OrgKind, TerritoryLevel

from .cursors import decode_cursor, encode_cursor
from .results import NodeRef, Provenance, require, today
from .run import run

MIN_YEAR, MAX_YEAR = 1900, 2100
DEFAULT_PAGE = 100
MAX_PAGE = 500
GRAPH_CURSOR, CRI_CURSOR = "cpas-cri", "cpas-du-cri"
CPAS_SEPARATOR = "\x1d"
"""Between the CPAS's sort key and the rest of a row key (see gaps/cpas_without_cri_link.cypher)."""


class Referrer(BaseModel):
    """An organisation of a commune and the number of people it referred."""

    organisation: NodeRef
    count: int
    provenance: list[Provenance] = []


class CommuneReferrals(BaseModel):
    """A commune of a CRI's territory, what it referred to the CRI in a year, and the offices serving it.

    ``provenance`` is the one of the links that put the commune in the CRI's territory (an office serving
    it, the CRI covering a territory containing it); each referrer gives the referrals it adds up."""

    commune: NodeRef
    referrals: int
    referrers: list[Referrer]
    offices: list[NodeRef]
    provenance: list[Provenance] = []


class CpasWithoutCriLink(BaseModel):
    """A CPAS with no direct link to the CRI of its territory; platforms shared with it, if any."""

    cpas: NodeRef
    place: NodeRef
    cri: NodeRef
    shared_platforms: list[NodeRef]
    cursor: str = ""
    """Pass it as ``after`` to get the rows that follow this one."""


class WiderOperator(BaseModel):
    """An organisation working on the theme that covers (or is located in) a territory containing the gap:
    it may serve it from afar, but is not a local operator."""

    organisation: NodeRef
    territory: NodeRef
    link: str
    link_label: str
    provenance: Provenance
    theme_provenance: Provenance


class TerritoryGap(BaseModel):
    """A territory where no organisation works on a theme locally, and the operators covering it from wider.

    ``provenance`` is the territory's, ``parent_provenance`` the one of its inclusion in ``parent``."""

    territory: NodeRef
    parent: NodeRef | None = None
    provenance: Provenance
    parent_provenance: Provenance | None = None
    wider_operators: list[WiderOperator] = []


def referral_years(graph: Graph, cri_id: str) -> list[int]:
    """The years for which referrals to a CRI (or its reception offices) are recorded, latest first.

    Raises NotFound when the id names no organisation.
    """
    require(graph, cri_id, Label.ORGANISATION)
    return [row["year"] for row in run(graph, "gaps.referral_years", criId=cri_id) if row["year"] is not None]


def silent_communes(graph: Graph, cri_id: str, year: int, *, threshold: int = 1) -> list[CommuneReferrals]:
    """Communes of a CRI's territory that referred fewer than ``threshold`` people to it in ``year``.

    The territory is the communes the CRI's reception offices serve (RUNS → SERVES) plus the communes inside
    the territories it covers (COVERS, PART_OF). A commune's referrals are the ``year`` counts of REFERS_TO
    from organisations located in it (commune administration, CPAS, associations…) to one of the CRI's
    offices or to the CRI itself. ``threshold`` 1 (the default) lists the communes that referred nobody.
    Sorted by referrals, then name. Raises NotFound for a wrong id, InvalidInput for a bad year or threshold.
    """
    require(graph, cri_id, Label.ORGANISATION)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"L'année doit être comprise entre {MIN_YEAR} et {MAX_YEAR} (reçu : {year}).")
    if threshold < 1:
        raise InvalidInput(f"Le seuil doit être d'au moins 1 personne orientée (reçu : {threshold}).")
    rows = run(
        graph,
        "gaps.commune_referrals",
        criId=cri_id,
        year=year,
        threshold=threshold,
        level=TerritoryLevel.COMMUNE.value,
    )
    return [CommuneReferrals.model_validate(row) for row in rows]


def cpas_without_cri_link(
    graph: Graph,
    *,
    cri_id: str | None = None,
    as_of: dt.date | None = None,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
) -> list[CpasWithoutCriLink]:
    """A page of the CPAS with no direct relationship, valid at ``as_of``, with the CRI of their territory.

    The CRI of a CPAS's territory is a CRI whose reception office serves the place the CPAS is located in,
    or which covers a territory containing it. Any relationship between the two, in either direction,
    counts as a link, and so does a referral (REFERS_TO) to one of the CRI's offices. A CPAS whose location
    is unknown has no known CRI and is not listed. Platforms where both take part are given as indirect ties.

    Over the whole graph, rows come in (CPAS, CRI, place) name order; ``cri_id`` restricts the list to one
    CRI (NotFound naming ``criId`` when it names no CRI), rows then in (place, CPAS) order. At most
    ``first`` rows (1 to ``MAX_PAGE``), starting after the row whose ``cursor`` is ``after``: each page
    reads only the CPAS it shows. InvalidInput for a bad size or a foreign cursor.
    """
    _check_page(first)
    common = {"cpasKind": OrgKind.CPAS.value, "criKind": OrgKind.CRI.value, "asOf": as_of or today()}
    if cri_id is not None:
        after_key = _decode(after, CRI_CURSOR)
        result = run(graph, "gaps.cpas_without_cri_link_of_cri", **common, criId=cri_id, after=after_key, limit=first)
        if not result[0]["found"]:
            raise NotFound(f"criId : aucun CRI d'identifiant « {cri_id} » dans le graphe.")
        rows, kind = result[0]["rows"], CRI_CURSOR
    else:
        after_key = _decode(after, GRAPH_CURSOR)
        after_cpas = after_key.split(CPAS_SEPARATOR, 1)[0] if after_key else ""
        rows = run(graph, "gaps.cpas_without_cri_link", **common, afterCpas=after_cpas, after=after_key, limit=first)
        kind = GRAPH_CURSOR
    return [
        CpasWithoutCriLink(
            cpas=row["cpas"],
            place=row["place"],
            cri=row["cri"],
            shared_platforms=row["sharedPlatforms"],
            cursor=encode_cursor(kind, row["key"]),
        )
        for row in rows
    ]


ROW_CURSOR_HINT = "utilisez le cursor d'une ligne de cette liste"


def _check_page(first: int) -> None:
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput(f"first doit être compris entre 1 et {MAX_PAGE} (reçu : {first}).")


def _decode(cursor: str | None, kind: str) -> str | None:
    """The row key a cursor points after; InvalidInput for a cursor another list (or no list) gave."""
    if cursor is None:
        return None
    return decode_cursor(cursor, 2, valid=lambda parts: parts[0] == kind, hint=ROW_CURSOR_HINT)[1]


def territories_without_operator(
    graph: Graph,
    theme_id: str,
    *,
    level: TerritoryLevel | str = TerritoryLevel.COMMUNE,
    within_id: str | None = None,
    include_wider: bool = False,
) -> list[TerritoryGap]:
    """Territories of ``level`` (communes by default, or provinces…) with no local operator for a theme.

    A territory has a local operator when an organisation working on the theme (WORKS_ON) is located in or
    covers it or a territory inside it (an FLE school in Ciney is an operator for the province of Namur).
    Coverage of a territory containing it (a CRI covering its whole province, the DisCRI covering Wallonia)
    does not make a local operator: such organisations are given with each territory as ``wider_operators``,
    so the user sees who might serve it from afar. With ``include_wider`` they count as operators and the
    territories they cover are not listed. ``within_id`` keeps the territories inside that one. Sorted by
    name. Raises NotFound for a wrong theme or territory id, InvalidInput for an unknown level.
    """
    try:
        level = TerritoryLevel(level)
    except ValueError:
        raise InvalidInput(
            f"Niveau de territoire inconnu « {level} » ; valeurs admises : {TerritoryLevel.choices()}"
        ) from None
    require(graph, theme_id, Label.THEME)
    if within_id is not None:
        require(graph, within_id, Label.TERRITORY)
    [found] = run(
        graph,
        "gaps.territories_without_operator",
        themeId=theme_id,
        level=level.value,
        withinId=within_id,
        includeWider=include_wider,
    )
    operators = [
        (
            op["territory"]["id"],
            WiderOperator(
                organisation=op["organisation"],
                territory=op["territory"],
                link=op["link"],
                link_label=reading(op["link"]),
                provenance=Provenance.of(op["provenance"]),
                theme_provenance=Provenance.of(op["themeProvenance"]),
            ),
        )
        for op in found["operators"]
    ]
    gaps = []
    for row in found["territories"]:
        above = set(row["above"])
        gaps.append(
            TerritoryGap(
                territory=row["territory"],
                parent=row["parent"],
                provenance=Provenance.of(row["provenance"]),
                parent_provenance=None if row["parentProvenance"] is None else Provenance.of(row["parentProvenance"]),
                wider_operators=[op for place, op in operators if place in above],
            )
        )
    return gaps
