"""Ids a merge folded into another entity, as an import meets them: they stand for the kept entity.

After ``mergeEntities`` the merged id resolves to the kept entity (``queries/aliases.py``). An import that
still uses it (a file imported again, another source with the old id) must not bring the duplicate back:

* a relationship whose end is a merged id is written to the kept entity (its key computed again from its new
  ends, as the merge did); one between the two merged entities is left out (the merge dropped it too), and
  one the kept entity is given twice (by its own row and by the merged id's) is written once, the first;
* a node row of a merged id only completes the kept entity: the properties it lacks are added, the ones it
  has stay (the merge's own rule), so re-importing the file that held both ids changes nothing. It is left
  out when the files give the kept entity a row of its own, or another merged id of the same entity came
  first: an import writes each entity once (its rollback restores the one copy it kept);
* a reference to a merged id is checked against the kept entity's labels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from maillage.graph.connection import Graph
from maillage.graph.model import RelType
from maillage.graph.records import relation_key
from maillage.queries import run
from maillage.queries.aliases import alias_map
from maillage.queries.merging import NOT_COPIED

MERGED_FROM = "mergedFrom"
"""Key of a node write row rewritten from a merged id: the id the file gave (not a stored property)."""


@dataclass
class MergedIds:
    """The merged ids in force whose kept entity exists (``kept_of``: merged id → kept id)."""

    kept_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, graph: Graph) -> MergedIds:
        """The merges in force, read from the graph (only those whose kept entity is there)."""
        aliases = alias_map(graph)
        if not aliases:
            return cls()
        present = {row["id"] for row in run(graph, "importing.entity_labels", ids=sorted(set(aliases.values())))}
        return cls({merged: kept for merged, kept in aliases.items() if kept in present})

    def __bool__(self) -> bool:
        return bool(self.kept_of)

    @cached_property
    def kept_ids(self) -> set[str]:
        """The entities that merged ids stand for (read for every relationship row: computed once)."""
        return set(self.kept_of.values())

    def node(self, node: dict[str, Any], defined: Callable[[str], bool], written: set[str]) -> dict[str, Any] | None:
        """A node write row, rewritten to the kept entity when its id was merged (marked ``MERGED_FROM``); None
        when the files define the kept entity themselves (``defined``) or the pass has already written it
        from another merged id (``written``: the kept ids written so far)."""
        kept = self.kept_of.get(node["id"])
        if kept is None:
            return node
        if kept in written or defined(kept):
            return None
        written.add(kept)
        return {**node, "id": kept, "props": {**node["props"], "id": kept}, MERGED_FROM: node["id"]}

    def relation(self, relation: dict[str, Any], seen: set[str]) -> dict[str, Any] | None:
        """A relationship write row with its merged ends replaced by the kept entities; None when it joins the
        two merged entities or repeats one already written to a kept entity by this pass (``seen``: the keys of
        the relationships of kept entities the pass has written)."""
        start = self.kept_of.get(relation["from"], relation["from"])
        end = self.kept_of.get(relation["to"], relation["to"])
        if (start, end) != (relation["from"], relation["to"]):
            if start == end:
                return None
            key = relation_key(RelType(relation["type"]), start, end, relation["props"])
            relation = {**relation, "from": start, "to": end, "key": key, "props": {**relation["props"], "key": key}}
        kept = self.kept_ids
        if relation["from"] in kept or relation["to"] in kept:
            if relation["key"] in seen:
                return None
            seen.add(relation["key"])
        return relation


def completing(rows: list[dict[str, Any]], current: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Node write rows where each one rewritten from a merged id only adds what the kept entity lacks
    (``current``: the kept entities' stored properties by id)."""
    completed = []
    for row in rows:
        if MERGED_FROM in row:
            had = current.get(row["id"], {})
            props = {k: v for k, v in row["props"].items() if k not in had and k not in NOT_COPIED and v is not None}
            row = {**row, "props": props}
        completed.append(row)
    return completed
