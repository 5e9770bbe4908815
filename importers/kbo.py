"""The public open data of the Crossroads Bank for Enterprises (BCE/KBO) as proposals for review.

The KBO publishes its register as CSV files (``enterprise.csv``, ``denomination.csv``,
``address.csv``, ``activity.csv`` and the ``code.csv`` that names their codes). This module reads
them, keeps the rows of the organisations of the graph that carry an enterprise number, and turns
every value that differs from the graph into a *proposal*: nothing is overwritten, staff accept or
refuse each one (``decideProposal`` in the API, see ``maillage.queries.curation``).

    >>> report = import_register(graph, Path("KboOpenData_2026_11"))  # doctest: +SKIP

The register is read in one streaming pass per file (the full KBO holds millions of rows); rows
of enterprises that are not in the graph are skipped. Every problem (a missing file or column) is
reported before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError, Problem
from maillage.queries.run import run

REQUIRED_FILES: dict[str, tuple[str, ...]] = {
    "enterprise.csv": ("EnterpriseNumber", "JuridicalForm"),
    "denomination.csv": ("EntityNumber", "Language", "TypeOfDenomination", "Denomination"),
    "address.csv": (
        "EntityNumber",
        "TypeOfAddress",
        "Zipcode",
        "MunicipalityFR",
        "MunicipalityNL",
        "StreetFR",
        "StreetNL",
        "HouseNumber",
        "Box",
    ),
    "activity.csv": ("EntityNumber", "NaceVersion", "NaceCode", "Classification"),
}
"""The register's files this importer reads, with the columns it needs from each."""
CODE_FILE = "code.csv"
"""Optional: the names of the register's codes (legal forms…), in French, Dutch and German."""

NAME_FIELD_BY_LANGUAGE = {"1": "name", "2": "nameNl", "3": "nameDe"}
"""KBO ``Language`` codes: 1 French, 2 Dutch, 3 German (0 unknown, 4 English)."""
OFFICIAL_NAME, ABBREVIATION = "001", "002"
REGISTERED_OFFICE = "REGO"
MAIN_ACTIVITY, CURRENT_NACE = "MAIN", "2008"
PROPOSED_FIELDS = ("name", "nameNl", "nameDe", "acronym", "address", "legalForm", "naceCodes")


@dataclass(frozen=True)
class Fact:
    """One value the register states for an enterprise, with the file and row that state it."""

    field: str
    value: str | list[str]
    file: str
    row: int


@dataclass(frozen=True)
class ProposedChange:
    """A value of the register that differs from the graph's, for one organisation."""

    target: str
    field: str
    current: Any
    proposed: Any
    source: str
    locator: str

    @property
    def id(self) -> str:
        """Stable id: the same organisation, field and value always give the same proposal."""
        text = json.dumps([self.target, self.field, self.proposed], ensure_ascii=False)
        return "kbo-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]

    def write_row(self) -> dict[str, Any]:
        """What ``proposals.record`` receives (values as JSON text: a register value may be a list)."""
        return {
            "id": self.id,
            "target": self.target,
            "field": self.field,
            "current": json.dumps(self.current, ensure_ascii=False),
            "proposed": json.dumps(self.proposed, ensure_ascii=False),
            "source": self.source,
            "locator": self.locator,
        }


@dataclass
class RegisterReport:
    """What an import of the register found and proposed."""

    folder: str
    matched: list[str] = field(default_factory=list)
    """Organisations of the graph found in the register (ids)."""
    missing: list[str] = field(default_factory=list)
    """Organisations whose enterprise number the register does not hold (ids)."""
    proposals: int = 0
    """Proposals found (differences with the graph)."""
    created: int = 0
    """Proposals recorded now (the others had been proposed before)."""


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of one register file with their line numbers (the header is line 1)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        absent = [c for c in columns if c not in (reader.fieldnames or [])]
        if absent:
            raise ImportValidationError(
                [Problem(path.name, 1, c, "colonne absente de l'en-tête du fichier de la BCE.") for c in absent]
            )
        for row in reader:
            yield reader.line_num, row


def check_folder(folder: Path) -> None:
    """Raise :class:`ImportValidationError` naming every missing file or column, before any work."""
    if not folder.is_dir():
        raise ImportValidationError([Problem(str(folder), None, None, "dossier introuvable.")])
    problems: list[Problem] = []
    for name, columns in REQUIRED_FILES.items():
        path = folder / name
        if not path.is_file():
            problems.append(Problem(str(path), None, None, "fichier de la BCE absent du dossier."))
            continue
        try:
            next(_rows(path, columns), None)
        except ImportValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ImportValidationError(problems)


def _legal_form_names(folder: Path) -> dict[str, str]:
    path = folder / CODE_FILE
    if not path.is_file():
        return {}
    return {
        row["Code"]: row["Description"]
        for _, row in _rows(path, ("Category", "Code", "Language", "Description"))
        if row["Category"] == "JuridicalForm" and row["Language"] == "FR"
    }


def _address(row: dict[str, str]) -> str:
    street = row["StreetFR"] or row["StreetNL"]
    number = row["HouseNumber"] + (f" bte {row['Box']}" if row["Box"] else "")
    municipality = row["MunicipalityFR"] or row["MunicipalityNL"]
    return ", ".join(
        part for part in (f"{street} {number}".strip(), f"{row['Zipcode']} {municipality}".strip()) if part
    )


def read_register(folder: Path, numbers: set[str]) -> dict[str, list[Fact]]:
    """The facts the register states for the enterprise ``numbers`` (``0123.456.789``), by number."""
    facts: dict[str, list[Fact]] = defaultdict(list)
    legal_forms = _legal_form_names(folder)
    for line, row in _rows(folder / "enterprise.csv", REQUIRED_FILES["enterprise.csv"]):
        number = row["EnterpriseNumber"]
        if number in numbers and row["JuridicalForm"]:
            form = legal_forms.get(row["JuridicalForm"], f"code {row['JuridicalForm']}")
            facts[number].append(Fact("legalForm", form, "enterprise.csv", line))
    for line, row in _rows(folder / "denomination.csv", REQUIRED_FILES["denomination.csv"]):
        number, kind = row["EntityNumber"], row["TypeOfDenomination"]
        if number not in numbers:
            continue
        if kind == OFFICIAL_NAME and row["Language"] in NAME_FIELD_BY_LANGUAGE:
            facts[number].append(
                Fact(NAME_FIELD_BY_LANGUAGE[row["Language"]], row["Denomination"], "denomination.csv", line)
            )
        elif kind == ABBREVIATION and row["Language"] in ("1", "0"):
            facts[number].append(Fact("acronym", row["Denomination"], "denomination.csv", line))
    for line, row in _rows(folder / "address.csv", REQUIRED_FILES["address.csv"]):
        if row["EntityNumber"] in numbers and row["TypeOfAddress"] == REGISTERED_OFFICE:
            facts[row["EntityNumber"]].append(Fact("address", _address(row), "address.csv", line))
    nace: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for line, row in _rows(folder / "activity.csv", REQUIRED_FILES["activity.csv"]):
        if (
            row["EntityNumber"] in numbers
            and row["Classification"] == MAIN_ACTIVITY
            and row["NaceVersion"] == CURRENT_NACE
        ):
            nace[row["EntityNumber"]].append((row["NaceCode"], line))
    for number, codes in nace.items():
        facts[number].append(Fact("naceCodes", sorted({c for c, _ in codes}), "activity.csv", min(n for _, n in codes)))
    return dict(facts)


def proposed_changes(target: str, current: dict[str, Any], facts: list[Fact], folder_name: str) -> list[ProposedChange]:
    """The register's values that differ from the graph's ``current`` properties (first value per field)."""
    changes: list[ProposedChange] = []
    seen: set[str] = set()
    for fact in facts:
        if fact.field in seen:
            continue
        seen.add(fact.field)
        if current.get(fact.field) == fact.value:
            continue
        changes.append(
            ProposedChange(
                target=target,
                field=fact.field,
                current=current.get(fact.field),
                proposed=fact.value,
                source=f"BCE/KBO open data {folder_name}/{fact.file}",
                locator=f"ligne {fact.row}",
            )
        )
    return changes


def import_register(graph: Graph, folder: Path) -> RegisterReport:
    """Read the register in ``folder`` and record, for staff review, every value that differs from the graph.

    Raises :class:`ImportValidationError` (nothing written) when a file or a column is missing.
    Recording is idempotent: a proposal made before, pending or decided, is not made again.
    """
    check_folder(folder)
    organisations = run(graph, "proposals.registered_organisations")
    by_number = {row["enterpriseNumber"]: row for row in organisations}
    facts = read_register(folder, set(by_number))
    report = RegisterReport(folder=str(folder))
    changes: list[ProposedChange] = []
    for number, row in sorted(by_number.items(), key=lambda item: item[1]["id"]):
        if number not in facts:
            report.missing.append(row["id"])
            continue
        report.matched.append(row["id"])
        changes.extend(proposed_changes(row["id"], row["properties"], facts[number], folder.name))
    report.proposals = len(changes)
    if changes:
        rows = run(graph, "proposals.record", rows=[change.write_row() for change in changes])
        report.created = rows[0]["created"]
    return report
