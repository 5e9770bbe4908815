"""The history an import leaves: one audit entry per entity or relationship it created or changed.

The entries have the shape of every other write's (``AuditEntry``: who, with which role, when, what, on which
target, before and after as JSON), with operation ``import``, the import's id, and the file and row the element
comes from. They are built here from what each batch's write query returns (the ids created, the properties
an update replaced) and written by one more ``UNWIND`` query in the batch's own transaction: no round trip per
element. On a bulk first load (every row a creation) the write query itself creates each element's entry with
the element, from fields added to its row here. An unchanged element leaves no entry.

While the import runs, its entries are hidden (the trail leaves out entries whose ``ImportRun`` is still open);
a rollback deletes them with the rest (``journal.py``): a failed import leaves no history.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from maillage.queries.curation import Actor, audit_json, relation_target

IMPORT = "import"
"""The audit operation of an import's writes."""
COMMAND_LINE = "cli"
"""The role recorded for an import run from the command line (the system user is the actor)."""

Place = tuple[str, int | None]
"""The file a written element comes from and its row there (None when the format has no rows)."""


def command_line_actor() -> Actor:
    """The person running the importer on this machine: the system user's name."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor the password database
        name = "inconnu"
    return Actor(name=name, role=COMMAND_LINE)


def _stored(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as the graph keeps them: nulls are removals, bookkeeping (``_…``) is not data."""
    return {k: v for k, v in props.items() if v is not None and not k.startswith("_")}


@dataclass
class ImportHistory:
    """Builds the audit entries of one import (``run``) made by ``actor``.

    Entry ids are the run's id and a counter: unique, and increasing within an import, so that the uniqueness
    index takes them in order (a random id per entry scatters its inserts) and entries written at the same
    instant keep the order of the rows (the trail sorts by time, then id)."""

    run: str
    actor: Actor
    _count: int = 0

    def _entry(
        self,
        target: str,
        before: dict[str, Any] | None,
        after: dict[str, Any],
        place: Place,
        ends: tuple[str, str] | None,
    ) -> dict[str, Any]:
        return {
            "id": self._next_id(),
            "actor": self.actor.name,
            "role": self.actor.role,
            "operation": IMPORT,
            "target": target,
            "before": audit_json(before),
            "after": audit_json(after),
            "importRun": self.run,
            "file": place[0],
            "row": place[1],
            "from": ends[0] if ends else None,
            "to": ends[1] if ends else None,
        }

    def _next_id(self) -> str:
        self._count += 1
        return f"{self.run}-{self._count:010d}"

    def created_nodes(self, rows: Sequence[dict[str, Any]], places: Sequence[Place]) -> list[dict[str, Any]]:
        """The rows of a bulk first load, each with its audit entry's own fields (``entry``: its id, ``after``,
        ``file``, ``row``) for ``importing.create_nodes``, which writes the entity and its entry together (the
        entry's fields common to the import are parameters of the query). Every row is a creation."""
        return [
            {
                **row,
                "entry": self._next_id(),
                "after": audit_json(_stored({**row["props"], "id": row["id"]})),
                "file": place[0],
                "row": place[1],
            }
            for row, place in zip(rows, places, strict=True)
        ]

    def created_relations(self, rows: Sequence[dict[str, Any]], places: Sequence[Place]) -> list[dict[str, Any]]:
        """The relationship rows of a bulk first load, each with its audit entry's own fields (see
        :meth:`created_nodes`; ``target``: the relationship's type and ends)."""
        return [
            {
                **row,
                "entry": self._next_id(),
                "target": relation_target(row["type"], row["from"], row["to"]),
                "after": audit_json(_stored(row["props"])),
                "file": place[0],
                "row": place[1],
            }
            for row, place in zip(rows, places, strict=True)
        ]

    def nodes(
        self, rows: Sequence[dict[str, Any]], places: Sequence[Place], changed: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The entries of a batch of node rows: ``changed`` lists ``{id, before}`` of those created (before
        null) or updated."""
        by_id = {row["id"]: (row, place) for row, place in zip(rows, places, strict=True)}
        entries = []
        for change in changed:
            row, place = by_id[change["id"]]
            before = _stored(change["before"]) if change["before"] is not None else None
            after = _stored({**(before or {}), **row["props"], "id": row["id"]})
            entries.append(self._entry(row["id"], before, after, place, None))
        return entries

    def relations(
        self, rows: Sequence[dict[str, Any]], places: Sequence[Place], changed: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The entries of a batch of relationship rows: ``changed`` lists ``{key, before}`` of those created
        or updated."""
        by_key = {row["key"]: (row, place) for row, place in zip(rows, places, strict=True)}
        entries = []
        for change in changed:
            row, place = by_key[change["key"]]
            before = _stored(change["before"]) if change["before"] is not None else None
            after = _stored({**(before or {}), **row["props"]})
            target = relation_target(row["type"], row["from"], row["to"])
            entries.append(self._entry(target, before, after, place, (row["from"], row["to"])))
        return entries
