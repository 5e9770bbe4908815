"""How the actors' centrality changed between two analyses of the network (two dates).

>>> before, after = analyse(graph, as_of=date(2023, 1, 1)), analyse(graph, as_of=date(2025, 1, 1))  # doctest: +SKIP
>>> compare(before, after, "degree")[0].delta  # doctest: +SKIP
0.12
"""

from __future__ import annotations

from dataclasses import dataclass

from maillage.graph.errors import InvalidInput

from .measures import MEASURES
from .suite import Analysis


@dataclass(frozen=True)
class ScoreChange:
    """One actor's value and rank for a measure at both dates (None: absent from that date's network)."""

    id: str
    name: str | None
    before: float | None
    after: float | None
    rank_before: int | None
    rank_after: int | None

    @property
    def delta(self) -> float:
        """The change of value (an actor absent at a date counts 0 there)."""
        return (self.after or 0.0) - (self.before or 0.0)


def compare(before: Analysis, after: Analysis, measure: str, top: int | None = None) -> list[ScoreChange]:
    """Every actor of either analysis with its ``measure`` at both dates, largest change first.

    Parameters: ``before`` and ``after`` two analyses (usually one layer at two dates); ``measure``
    one of ``MEASURES``; ``top`` keep only that many (None: all). Ties are ordered by id.
    """
    if measure not in MEASURES:
        raise InvalidInput(f"Mesure inconnue « {measure} » ; mesures : {', '.join(MEASURES)}.")
    changes = []
    for node in sorted(before.nodes.keys() | after.nodes.keys()):
        old, new = before.nodes.get(node), after.nodes.get(node)
        known = new or old
        assert known is not None  # the node is in one of the two analyses
        changes.append(
            ScoreChange(
                id=node,
                name=known.name,
                before=old.scores[measure].value if old else None,
                after=new.scores[measure].value if new else None,
                rank_before=old.scores[measure].rank if old else None,
                rank_after=new.scores[measure].rank if new else None,
            )
        )
    changes.sort(key=lambda c: (-abs(c.delta), c.id))
    return changes if top is None else changes[:top]
