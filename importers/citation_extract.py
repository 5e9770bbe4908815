"""The source documents as the project may keep them: only the lines its facts cite.

The documents' own terms allow their facts to be used but not their sentences to be copied, beyond short
names, titles and quotations kept as provenance. So ``data/sources/`` holds each document with every line
that no fact of the reference dataset cites left empty: line numbers, and so every ``L12-14`` locator and
``/sources/<file>#L12`` link, stay right, and what remains is exactly the quotations kept as provenance.

    python -m maillage.importers.citation_extract <dossier des documents complets> data/sources

rewrites the extracts from the full documents (run it when the reference dataset cites new lines; a test
fails until then). The API serves the full documents instead when ``MAILLAGE_SOURCES`` points at them.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"


def line_numbers(lines: str) -> set[int]:
    """The line numbers of a ``lines`` value: ``"12"``, ``"12-14"``, ``"12-14, 20"``."""
    numbers: set[int] = set()
    for part in str(lines).split(","):
        start, _, end = part.strip().partition("-")
        numbers.update(range(int(start), int(end or start) + 1))
    return numbers


def _items(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _items(item)
    elif isinstance(value, list):
        for item in value:
            yield from _items(item)


def cited_lines(files: Iterable[Path]) -> dict[str, set[int]]:
    """Every line of every document that a fact of ``files`` (reference YAML) cites, by document."""
    cited: dict[str, set[int]] = defaultdict(set)
    for path in files:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        default = document.get("source") if isinstance(document, dict) else None
        for item in _items(document):
            if item.get("lines") is not None:
                source = item.get("source", default)
                if isinstance(source, str):
                    cited[source].update(line_numbers(item["lines"]))
    return dict(cited)


def extract(text: str, keep: set[int]) -> str:
    """``text`` with every line not in ``keep`` (1-based) left empty."""
    return "".join(
        line if number in keep else ("\n" if line.endswith("\n") else "")
        for number, line in enumerate(text.splitlines(keepends=True), start=1)
    )


def main(argv: list[str]) -> int:
    """Write the extract of each document of ``argv[0]`` that the reference dataset cites into ``argv[1]``."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    full, target = Path(argv[0]), Path(argv[1])
    for name, keep in sorted(cited_lines(sorted(REFERENCE.glob("*.yaml"))).items()):
        if (full / name).is_file():
            (target / name).write_text(extract((full / name).read_text(encoding="utf-8"), keep), encoding="utf-8")
            print(f"{name} : {len(keep)} ligne(s) citée(s) gardée(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
