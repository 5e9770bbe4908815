"""Schema migrations: constraints and indexes, applied once each and recorded in the graph.

Each migration has an id and a list of statements; applied ids are kept on
``(:SchemaMigration {id})`` nodes, so running :func:`migrate` twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .connection import Graph
from .folding import ID_KEY, SORT_KEY, SORTED_LABELS, keys_of
from .model import ENTITY, REL_SPECS, Bookkeeping, Label, RelType

FULLTEXT_INDEX = "entity_names"
"""Full-text index over public names, acronyms and titles (case- and accent-insensitive)."""
PERSON_FULLTEXT_INDEX = "person_names"
"""Full-text index over people's names (personal data: staff only)."""
FULLTEXT_ANALYZER = "standard-folding"
"""Lucene StandardAnalyzer plus ASCII folding: `Fédération` is indexed as `federation`."""
FULLTEXT_STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these they "
    "this to was will with".split()
)
"""Words the analyzer never indexes (Lucene's English stop set; « à » folds to `a`): a query must not require them."""
MIGRATION_LABEL = "SchemaMigration"


@dataclass(frozen=True)
class Migration:
    """One step of the schema, applied at most once."""

    id: str
    statements: tuple[str, ...]
    fill: Callable[[Graph], int] | None = None
    """Run after the statements: fills what they cannot (data written before the migration existed)."""


def _uniqueness(label: str) -> str:
    return f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def _relationship_key(rel_type: str) -> str:
    return (
        f"CREATE CONSTRAINT rel_{rel_type.lower()}_key IF NOT EXISTS FOR ()-[r:{rel_type}]-() REQUIRE r.key IS UNIQUE"
    )


FILL_BATCH = 10_000


def fill_sort_keys(graph: Graph) -> int:
    """Store the sort keys on every listable node that has none (nodes written before migration 009).

    Works in batches of ``FILL_BATCH`` nodes, one transaction each; returns the number of nodes filled.
    """
    labels = sorted(label.value for label in SORTED_LABELS)
    filled = 0
    while True:
        rows = graph.read(
            f"MATCH (n:{ENTITY}) WHERE n.{SORT_KEY} IS NULL AND any(l IN labels(n) WHERE l IN $labels) "
            "RETURN n.id AS id, n.name AS name, n.title AS title, "
            "head([l IN labels(n) WHERE l IN $labels]) AS label LIMIT $batch",
            {"labels": labels, "batch": FILL_BATCH},
        )
        if not rows:
            return filled
        keys = [{"id": row["id"], "keys": keys_of(row["label"], row)} for row in rows]
        graph.write(
            f"UNWIND $keys AS k MATCH (n:{ENTITY} {{id: k.id}}) SET n += k.keys",
            {"keys": keys},
        )
        filled += len(keys)


_FIRST_LABELS = (
    Label.ORGANISATION,
    Label.PERSON,
    Label.TERRITORY,
    Label.RECEPTION_OFFICE,
    Label.PLATFORM,
    Label.BODY,
    Label.MANDATE,
    Label.MEMORANDUM,
    Label.RECOMMENDATION,
    Label.STATUS_CHANGE,
    Label.THEME,
)
"""The labels migration 001 constrained; later labels get their constraints from the migration that adds them."""
_FIRST_REL_TYPES = tuple(t for t in REL_SPECS if t not in (RelType.CONCERNS, RelType.FOLLOWS, RelType.FIGURE_OF))
_PUBLIC_NAMED = "|".join(
    label for label in _FIRST_LABELS if label not in (Label.PERSON, Label.MANDATE, Label.STATUS_CHANGE)
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "001-uniqueness",
        (
            _uniqueness(ENTITY),
            *(_uniqueness(label) for label in _FIRST_LABELS),
            _uniqueness(MIGRATION_LABEL),
        ),
    ),
    Migration("002-relationship-keys", tuple(_relationship_key(t) for t in _FIRST_REL_TYPES)),
    Migration(
        "003-lookup-indexes",
        (
            "CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)",
            "CREATE INDEX organisation_sector IF NOT EXISTS FOR (n:Organisation) ON (n.sector)",
            "CREATE INDEX organisation_ring IF NOT EXISTS FOR (n:Organisation) ON (n.ring)",
            "CREATE INDEX territory_level IF NOT EXISTS FOR (n:Territory) ON (n.level)",
            "CREATE INDEX platform_kind IF NOT EXISTS FOR (n:Platform) ON (n.kind)",
            "CREATE INDEX body_kind IF NOT EXISTS FOR (n:Body) ON (n.kind)",
            "CREATE INDEX mandate_valid_to IF NOT EXISTS FOR (n:Mandate) ON (n.validTo)",
            "CREATE INDEX status_date IF NOT EXISTS FOR (n:StatusChange) ON (n.date)",
            "CREATE INDEX entity_source IF NOT EXISTS FOR (n:Entity) ON (n.source)",
        ),
    ),
    Migration(
        "004-fulltext",
        (
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{_PUBLIC_NAMED}) "
            f"ON EACH [n.name, n.acronym, n.title] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{FULLTEXT_ANALYZER}'}}}}",
            f"CREATE FULLTEXT INDEX {PERSON_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Person) ON EACH [n.name] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{FULLTEXT_ANALYZER}'}}}}",
        ),
    ),
    Migration(
        "005-tokens-and-audit",
        (
            _uniqueness(Bookkeeping.API_TOKEN),
            f"CREATE CONSTRAINT apitoken_hash IF NOT EXISTS FOR (t:{Bookkeeping.API_TOKEN}) REQUIRE t.hash IS UNIQUE",
            _uniqueness(Bookkeeping.AUDIT_ENTRY),
            f"CREATE INDEX auditentry_target IF NOT EXISTS FOR (a:{Bookkeeping.AUDIT_ENTRY}) ON (a.target)",
            f"CREATE INDEX auditentry_at IF NOT EXISTS FOR (a:{Bookkeeping.AUDIT_ENTRY}) ON (a.at)",
        ),
    ),
    Migration(
        "006-enterprise-numbers-and-languages",
        (
            "CREATE CONSTRAINT organisation_enterprise_number IF NOT EXISTS "
            "FOR (n:Organisation) REQUIRE n.enterpriseNumber IS UNIQUE",
            # A full-text index cannot gain properties: drop it and build it again with the Dutch and German names.
            f"DROP INDEX {FULLTEXT_INDEX} IF EXISTS",
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{_PUBLIC_NAMED}) "
            f"ON EACH [n.name, n.acronym, n.title, n.nameNl, n.nameDe] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{FULLTEXT_ANALYZER}'}}}}",
            _uniqueness(Bookkeeping.PROPOSAL),
            f"CREATE INDEX proposal_status IF NOT EXISTS FOR (p:{Bookkeeping.PROPOSAL}) ON (p.status)",
            "CREATE INDEX mandate_valid_from IF NOT EXISTS FOR (n:Mandate) ON (n.validFrom)",
            _uniqueness(Bookkeeping.ENTITY_MERGE),
            f"CREATE INDEX entitymerge_merged IF NOT EXISTS FOR (m:{Bookkeeping.ENTITY_MERGE}) ON (m.merged)",
        ),
    ),
    Migration(
        "007-reforms-figures-sources",
        (
            *(_uniqueness(label) for label in Label if label not in _FIRST_LABELS),
            *(_relationship_key(t) for t in REL_SPECS if t not in _FIRST_REL_TYPES),
            f"CREATE INDEX partner_of_project IF NOT EXISTS FOR ()-[r:{RelType.PARTNER_OF}]-() ON (r.project)",
            f"CREATE INDEX reform_year IF NOT EXISTS FOR (n:{Label.REFORM}) ON (n.year)",
            f"CREATE INDEX figure_year IF NOT EXISTS FOR (n:{Label.FIGURE}) ON (n.year)",
        ),
    ),
    Migration(
        "008-import-staging",
        (
            _uniqueness(Bookkeeping.IMPORT_STAGED),
            f"CREATE INDEX importstaged_import IF NOT EXISTS FOR (n:{Bookkeeping.IMPORT_STAGED}) ON (n._import)",
            f"CREATE INDEX importundo_import IF NOT EXISTS FOR (n:{Bookkeeping.IMPORT_UNDO}) ON (n._import)",
            _uniqueness(Bookkeeping.IMPORT_RUN),
            _uniqueness(Bookkeeping.IMPORT_LOCK),
        ),
    ),
    Migration(
        "009-sort-keys",
        (
            f"CREATE INDEX entity_sort_key IF NOT EXISTS FOR (n:{ENTITY}) ON (n.{SORT_KEY})",
            f"CREATE INDEX entity_id_key IF NOT EXISTS FOR (n:{ENTITY}) ON (n.{ID_KEY})",
            f"CREATE INDEX organisation_kind_sort_key IF NOT EXISTS FOR (n:Organisation) ON (n.kind, n.{SORT_KEY})",
            f"CREATE INDEX organisation_sector_sort_key IF NOT EXISTS FOR (n:Organisation) ON (n.sector, n.{SORT_KEY})",
        ),
        fill=fill_sort_keys,
    ),
    Migration(
        "010-entity-history",
        (
            f"CREATE INDEX auditentry_from IF NOT EXISTS FOR (a:{Bookkeeping.AUDIT_ENTRY}) ON (a.from)",
            f"CREATE INDEX auditentry_to IF NOT EXISTS FOR (a:{Bookkeeping.AUDIT_ENTRY}) ON (a.to)",
        ),
    ),
)
"""Migration 007 also needs no data rewrite: a partnership without ``project`` keeps the key it had (see
``RelationRecord.key``), so the PARTNER_OF relationships of an existing database stay the same relationships."""


def applied_migrations(graph: Graph) -> set[str]:
    """Ids of the migrations already applied to this database."""
    rows = graph.read(f"MATCH (m:{MIGRATION_LABEL}) RETURN m.id AS id")
    return {row["id"] for row in rows}


def migrate(graph: Graph) -> list[str]:
    """Apply the migrations not yet applied, in order; return the ids applied now.

    Every statement is idempotent (``IF NOT EXISTS``), so a run interrupted midway is
    completed by the next one.
    """
    done = applied_migrations(graph)
    applied: list[str] = []
    for migration in MIGRATIONS:
        if migration.id in done:
            continue
        for statement in migration.statements:
            graph.auto_commit(statement)
        if migration.fill is not None:
            migration.fill(graph)
        graph.write(
            f"MERGE (m:{MIGRATION_LABEL} {{id: $id}}) ON CREATE SET m.appliedAt = datetime()",
            {"id": migration.id},
        )
        applied.append(migration.id)
    graph.auto_commit("CALL db.awaitIndexes(300)")
    return applied


def is_current(graph: Graph) -> bool:
    """True when every migration has been applied (used by the readiness probe)."""
    return {m.id for m in MIGRATIONS} <= applied_migrations(graph)
