"""docs/import-format.md describes every section, field and accepted value; its examples import cleanly."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from maillage.graph import vocabulary
from maillage.graph.connection import Graph
from maillage.graph.model import REL_SPECS
from maillage.graph.records import NODE_RECORDS, ROLE_VOCABULARY, SECTIONS, RelationRecord
from maillage.importers import READERS, import_paths
from maillage.importers.tabular import section_fields

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDE = (DOCS / "import-format.md").read_text(encoding="utf-8")
EXAMPLES = sorted(p for p in (DOCS / "examples").iterdir() if p.suffix in READERS)


def _enums_of(annotation: object) -> set[type[vocabulary.LabelledEnum]]:
    if isinstance(annotation, type) and issubclass(annotation, vocabulary.LabelledEnum):
        return {annotation}
    return set().union(*(_enums_of(arg) for arg in typing.get_args(annotation)))


MODELS: tuple[type[BaseModel], ...] = (*NODE_RECORDS.values(), RelationRecord)
ENUMS = sorted(
    {enum for model in MODELS for info in model.model_fields.values() for enum in _enums_of(info.annotation)}
    | set(ROLE_VOCABULARY.values()),
    key=lambda e: e.__name__,
)
"""Every vocabulary a file may use: those of the records' fields and the relationship roles."""


def test_every_example_file_imports_together_without_error(empty_graph: Graph) -> None:
    report = import_paths(empty_graph, EXAMPLES)
    assert set(report.nodes) == {record.label.value for record in NODE_RECORDS.values()}
    assert report.totals().created > 90
    assert not import_paths(empty_graph, EXAMPLES).changed


def test_every_section_has_an_example_csv_file() -> None:
    assert {p.stem for p in EXAMPLES if p.suffix == ".csv"} == set(SECTIONS)


@pytest.mark.parametrize("section", SECTIONS)
def test_the_guide_describes_every_field_of_every_section(section: str) -> None:
    assert f"### `{section}`" in GUIDE or f"section `{section}`" in GUIDE
    fields, _ = section_fields(section)
    missing = [name for name in fields if f"`{name}`" not in GUIDE]
    assert missing == []


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_the_guide_lists_every_accepted_value_with_its_label(enum: type[vocabulary.LabelledEnum]) -> None:
    missing = [m.value for m in enum if f"| `{m.value}` | {m.label} |" not in GUIDE]
    assert missing == []


def test_the_guide_lists_every_relationship_type() -> None:
    missing = [t.value for t, spec in REL_SPECS.items() if f"| `{t.value}` | {spec.label} |" not in GUIDE]
    assert missing == []


def test_the_vocabularies_a_file_may_use_are_all_checked() -> None:
    assert len(ENUMS) == 16
