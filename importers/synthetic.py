"""A synthetic sector graph ``scale`` times the reference dataset, for benchmarks.

Each reference record (organisation, platform, body, mandate, memorandum, recommendation, status, office,
person) is copied ``scale`` times with fresh ids (``syn<copy>-<id>``); the themes and territories stay the
real ones, so kinds, themes and territories keep the reference proportions. Relationships are copied too,
each endpoint staying in its copy except a share (``REWIRE``) sent to the same entity of another random
copy, which joins the copies into one sector while keeping every node's degree. Deterministic for a seed;
every record says it is synthetic (``source``).

    >>> files = generate(Path("data/reference").glob("*.yaml"), scale=2, seed=1, output=Path("/tmp/synth"))
    ... # doctest: +SKIP
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

SHARED_SECTIONS = ("themes", "territories")
COPIED_SECTIONS = (
    "organisations",
    "people",
    "reception_offices",
    "platforms",
    "bodies",
    "mandates",
    "memoranda",
    "recommendations",
    "statuses",
    "reforms",
    "figures",
)
REFERENCE_FIELDS = (
    "organisation",
    "cri",
    "body",
    "holder",
    "person",
    "substitute",
    "onBehalfOf",
    "authors",
    "memorandum",
    "addressees",
    "supporters",
    "recommendation",
    "subject",
    "followers",
    "reforms",
)
SAME_COPY_FIELDS = frozenset({"memorandum", "recommendation", "body", "cri", "subject"})
"""References that stay inside their copy (a recommendation belongs to its own memorandum)."""
REWIRE = 0.2
"""Share of relationship ends sent to another copy (the copies form one connected sector)."""


def _load(paths: Iterable[Path]) -> dict[str, list[dict[str, Any]]]:
    sections: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(paths):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section, records in document.items():
            if section == "source" or not isinstance(records, list):
                continue
            sections.setdefault(section, []).extend(records)
    return sections


def generate(reference: Iterable[Path], *, scale: int, seed: int, output: Path) -> list[Path]:
    """Write ``synth.json`` (the import format) into ``output``: ``scale`` copies of the reference data."""
    if scale < 1:
        raise ValueError("scale doit être au moins 1")
    rng = random.Random(seed)
    sections = _load(reference)
    copied_ids = {r["id"] for s in COPIED_SECTIONS for r in sections.get(s, [])}
    source = f"synth --scale {scale} --seed {seed}"

    def remap(value: Any, copy: int) -> Any:
        if isinstance(value, list):
            return [remap(v, copy) for v in value]
        if isinstance(value, str) and value in copied_ids:
            return f"syn{copy}-{value}"
        return value

    def other_copy(copy: int) -> int:
        return rng.randrange(1, scale + 1) if rng.random() < REWIRE else copy

    document: dict[str, Any] = {"source": source}
    for section in SHARED_SECTIONS:
        document[section] = [_clean(r) for r in sections.get(section, [])]
    for section in COPIED_SECTIONS:
        out = []
        for copy in range(1, scale + 1):
            for record in sections.get(section, []):
                new = _clean(record)
                new["id"] = f"syn{copy}-{record['id']}"
                for field in REFERENCE_FIELDS:
                    if field in new:
                        new[field] = remap(
                            new[field],
                            other_copy(copy) if field not in ("memorandum", "recommendation", "body", "cri") else copy,
                        )
                out.append(new)
        document[section] = out
    relations = []
    seen: set[tuple[str, ...]] = set()
    for copy in range(1, scale + 1):
        for relation in sections.get("relations", []):
            new = _clean(relation)
            new["from"] = remap(relation["from"], copy)
            new["to"] = remap(relation["to"], other_copy(copy))
            key = (
                new["type"],
                new["from"],
                new["to"],
                str(new.get("role")),
                str(new.get("year")),
                str(new.get("channel")),
                str(new.get("programme")),
                str(new.get("project")),
            )
            if key in seen or new["from"] == new["to"]:
                continue
            seen.add(key)
            relations.append(new)
    document["relations"] = relations
    output.mkdir(parents=True, exist_ok=True)
    path = output / "synth.json"
    # one record per line: the importer names problems (and tells repeated rows apart) by line
    path.write_text(json.dumps(document, ensure_ascii=False, default=str, indent=0), encoding="utf-8")
    return [path]


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` without its seed provenance (the file's ``source`` says it is synthetic)."""
    return {k: v for k, v in record.items() if k not in ("source", "lines", "locator")}
