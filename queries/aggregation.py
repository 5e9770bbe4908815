"""Counts of organisations grouped by kind, sector, territory, theme and mesh, for any filtered set.

"How many ILIs per arrondissement per theme?" is ``count_organisations(graph,
[Dimension.TERRITORY, Dimension.THEME], OrganisationSet(kinds=["ili"]))``. An organisation that works
on three themes counts once in each of the three theme groups (and once in each mesh it has ties in);
one without a value for a dimension counts in that dimension's "none" group.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput
from maillage.graph.model import REL_SPECS, Label
from maillage.graph.vocabulary import Layer, OrgKind, Sector, TerritoryLevel

from .results import require
from .run import run


class Dimension(StrEnum):
    """What organisations can be grouped by."""

    KIND = "kind"
    SECTOR = "sector"
    TERRITORY = "territory"
    THEME = "theme"
    LAYER = "layer"


NONE_LABELS = {
    Dimension.KIND: "type inconnu",
    Dimension.SECTOR: "secteur inconnu",
    Dimension.TERRITORY: "siège inconnu",
    Dimension.THEME: "aucun thème",
    Dimension.LAYER: "aucun lien dans les maillages",
}
MAX_DIMENSIONS = 3


@dataclass(frozen=True)
class OrganisationSet:
    """Which organisations to count: each field ``None`` keeps every organisation."""

    kinds: list[OrgKind] | None = None
    sectors: list[Sector] | None = None
    theme: str | None = None
    territory: str | None = None


class GroupKey(BaseModel):
    """One dimension's value for a group: the value (None: the organisation has none) and its French label."""

    dimension: Dimension
    value: str | None
    label: str


class CountGroup(BaseModel):
    """A group of organisations sharing one value per dimension, and how many they are."""

    keys: list[GroupKey]
    count: int


class Counts(BaseModel):
    """The groups, largest first, and the number of organisations in the set."""

    groups: list[CountGroup]
    organisations: int


def group_counts(rows: Iterable[dict[str, Any]], dimensions: Sequence[Dimension]) -> Counter[tuple[Any, ...]]:
    """How many rows share each combination of the ``dimensions``' values (multi-valued ones expanded)."""
    counts: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        values = []
        for dimension in dimensions:
            value = row[dimension.value]
            values.append((value or [None]) if isinstance(value, list) else [value])
        counts.update(itertools.product(*values))
    return counts


def _labeller(
    graph: Graph, rows: list[dict[str, Any]], dimensions: Sequence[Dimension]
) -> dict[Dimension, dict[Any, str]]:
    labels: dict[Dimension, dict[Any, str]] = {
        Dimension.KIND: {k.value: k.label for k in OrgKind},
        Dimension.SECTOR: {s.value: s.label for s in Sector},
        Dimension.LAYER: {layer.value: layer.label for layer in Layer},
        Dimension.TERRITORY: {row["territory"]: row["territoryName"] for row in rows if row["territory"]},
    }
    if Dimension.THEME in dimensions:
        labels[Dimension.THEME] = {row["id"]: row["name"] for row in run(graph, "aggregation.themes")}
    return labels


def count_organisations(
    graph: Graph,
    dimensions: Sequence[Dimension],
    selection: OrganisationSet = OrganisationSet(),
    *,
    level: TerritoryLevel = TerritoryLevel.ARRONDISSEMENT,
) -> Counts:
    """The organisations of ``selection`` counted in groups by ``dimensions`` (territory: the seat's, at ``level``).

    Raises InvalidInput for no dimension, a repeated one or more than three; NotFound for a theme or
    territory id that names no theme or territory.
    """
    if not 1 <= len(dimensions) <= MAX_DIMENSIONS or len(set(dimensions)) != len(dimensions):
        raise InvalidInput(f"groupBy : de 1 à {MAX_DIMENSIONS} dimensions différentes (reçu : {list(dimensions)}).")
    if selection.theme is not None:
        require(graph, selection.theme, Label.THEME)
    if selection.territory is not None:
        require(graph, selection.territory, Label.TERRITORY)
    rows = run(
        graph,
        "aggregation.organisation_facets",
        kinds=[k.value for k in selection.kinds or OrgKind],
        sectors=[s.value for s in selection.sectors or Sector],
        theme=selection.theme,
        territory=selection.territory,
        level=level.value,
        layerOf={t.value: spec.layer.value for t, spec in REL_SPECS.items() if spec.layer is not None},
    )
    labels = _labeller(graph, rows, dimensions)
    groups = [
        CountGroup(
            keys=[
                GroupKey(
                    dimension=dimension,
                    value=value,
                    label=NONE_LABELS[dimension] if value is None else labels[dimension].get(value, str(value)),
                )
                for dimension, value in zip(dimensions, combination, strict=True)
            ],
            count=count,
        )
        for combination, count in group_counts(rows, dimensions).items()
    ]
    groups.sort(key=lambda g: (-g.count, [k.label for k in g.keys]))
    return Counts(groups=groups, organisations=len(rows))
