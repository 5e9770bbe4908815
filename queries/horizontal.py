"""The horizontal mesh: partner suggestions for an organisation or a platform.

A suggestion is an organisation that works on the target's themes in its territory and has no
relationship with it yet, ranked by an explained score (see :data:`WEIGHTS`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.model import LAYER_REL_TYPES, Label
from maillage.graph.vocabulary import Layer, TerritoryLevel

from .results import NodeRef, ScorePart, require, today
from .run import run

MAX_SUGGESTIONS = 100
WEIGHTS = {"themes": 0.4, "territory": 0.3, "common_partners": 0.2, "centrality": 0.1}
"""How much each factor counts in a suggestion's score (they add up to 1)."""
COMMON_PARTNERS_FOR_FULL_MARK = 3
MESH_TYPES = tuple(sorted(t.value for layer in (Layer.HORIZONTAL, Layer.VERTICAL) for t in LAYER_REL_TYPES[layer]))
LEVEL_ORDER = [TerritoryLevel.COMMUNE, TerritoryLevel.ARRONDISSEMENT, TerritoryLevel.PROVINCE, TerritoryLevel.REGION]


class PartnerSuggestion(BaseModel):
    """An organisation to approach, its score (0 to 1) and the parts that make it up."""

    organisation: NodeRef
    score: float
    parts: list[ScorePart]
    shared_themes: list[NodeRef]
    common_partners: list[NodeRef]


def _narrowest(territories: list[dict[str, str]]) -> dict[str, str] | None:
    def rank(territory: dict[str, str]) -> int:
        level = territory.get("level")
        values = [lvl.value for lvl in LEVEL_ORDER]
        return values.index(level) if level in values else len(values)

    return min(territories, key=rank) if territories else None


def partner_suggestions(
    graph: Graph,
    target_id: str,
    *,
    theme: str | None = None,
    territory: str | None = None,
    as_of: dt.date | None = None,
    limit: int = 20,
) -> list[PartnerSuggestion]:
    """Organisations to suggest as partners of ``target_id`` (an organisation or a platform), best first.

    ``theme`` replaces the target's themes, ``territory`` its territory (default: the narrowest one it
    is located in or covers; without any, territory is not a criterion). Ties are broken by name then id.
    Raises NotFound for a wrong id, InvalidInput when there is no theme to look for or a bad limit.

    >>> partner_suggestions(graph, "plateforme-fle-namur")[0].parts[0].explanation  # doctest: +SKIP
    'Travaille sur 1 des 2 thèmes recherchés : Français langue étrangère'
    """
    if not 1 <= limit <= MAX_SUGGESTIONS:
        raise InvalidInput(f"limit doit être compris entre 1 et {MAX_SUGGESTIONS} (reçu : {limit}).")
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
        asOf=as_of or today(),
        meshTypes=list(MESH_TYPES),
    )
    most_connected = max((row["degree"] for row in rows), default=0)
    suggestions = [_suggestion(row, len(themes), place, most_connected) for row in rows]
    suggestions.sort(key=lambda s: (-s.score, (s.organisation.name or "").lower(), s.organisation.id))
    return suggestions[:limit]


def _suggestion(
    row: dict[str, Any], wanted_themes: int, place: dict[str, str] | None, most_connected: int
) -> PartnerSuggestion:
    shared = [NodeRef(id=t["id"], label=Label.THEME.value, name=t["name"]) for t in row["sharedThemes"]]
    common = [NodeRef.model_validate(p) for p in row["commonPartners"]]
    fit = row["territoryFit"]
    degree = row["degree"]
    names = ", ".join(sorted(t.name or t.id for t in shared))
    parts = [
        ScorePart(
            factor="themes",
            value=round(len(shared) / wanted_themes, 4),
            weight=WEIGHTS["themes"],
            explanation=f"Travaille sur {len(shared)} des {wanted_themes} thèmes recherchés : {names}",
        ),
        ScorePart(
            factor="territory",
            value=1.0 if fit == "inside" else 0.5,
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
            value=round(min(1.0, len(common) / COMMON_PARTNERS_FOR_FULL_MARK), 4),
            weight=WEIGHTS["common_partners"],
            explanation=(
                f"{len(common)} partenaire(s) en commun : {', '.join(p.name or p.id for p in common)}"
                if common
                else "Aucun partenaire en commun"
            ),
        ),
        ScorePart(
            factor="centrality",
            value=round(degree / most_connected, 4) if most_connected else 0.0,
            weight=WEIGHTS["centrality"],
            explanation=f"{degree} lien(s) dans les maillages vertical et horizontal (maximum : {most_connected})",
        ),
    ]
    score = round(sum(p.value * p.weight for p in parts), 4)
    return PartnerSuggestion(
        organisation=NodeRef.model_validate(row["organisation"]),
        score=score,
        parts=parts,
        shared_themes=shared,
        common_partners=common,
    )
