"""What an import did: nodes and relationships created, updated or unchanged, by label and by type."""

from __future__ import annotations

from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged")


@dataclass
class Counts:
    """How many nodes (or relationships) of one kind were created, updated or left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        """Every record of this kind the import held."""
        return self.created + self.updated + self.unchanged

    def add(self, outcome: str, count: int) -> None:
        """Count ``count`` more of ``outcome`` (one of :data:`OUTCOMES`)."""
        setattr(self, outcome, getattr(self, outcome) + count)


@dataclass
class ImportReport:
    """The outcome of an import (or of a dry run: the same counts, nothing kept)."""

    files: list[str]
    rows: int = 0
    nodes: dict[str, Counts] = field(default_factory=dict)
    relations: dict[str, Counts] = field(default_factory=dict)
    dry_run: bool = False
    graph_version: int | None = None

    def count_node(self, label: str, outcome: str, count: int) -> None:
        """Add a count returned by the node-writing query."""
        self.nodes.setdefault(label, Counts()).add(outcome, count)

    def count_relation(self, rel_type: str, outcome: str, count: int) -> None:
        """Add a count returned by the relationship-writing query."""
        self.relations.setdefault(rel_type, Counts()).add(outcome, count)

    @property
    def changed(self) -> bool:
        """True when the import created or updated anything."""
        return any(c.created or c.updated for c in (*self.nodes.values(), *self.relations.values()))

    def totals(self) -> Counts:
        """Nodes and relationships together."""
        total = Counts()
        for counts in (*self.nodes.values(), *self.relations.values()):
            for outcome in OUTCOMES:
                total.add(outcome, getattr(counts, outcome))
        return total
