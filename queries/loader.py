"""Load the ``.cypher`` files of this folder: one query per file, named by its path.

Each file opens with ``//`` header lines::

    // Purpose in one sentence.
    // params: $id, $asOf
    // returns: id, name, kind
    // mode: read

``queries/vertical/chain.cypher`` is the query ``vertical.chain``. The loader checks that every
parameter the body uses is declared and every declared one is used, and that the mode is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from maillage.graph.errors import QueryError

QUERY_DIR = Path(__file__).parent
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_HEADER = re.compile(r"^//\s*(params|returns|mode)\s*:\s*(.*)$")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
MODES = ("read", "write")


@dataclass(frozen=True)
class Query:
    """A parsed ``.cypher`` file."""

    name: str
    path: Path
    purpose: str
    params: frozenset[str]
    returns: tuple[str, ...]
    mode: str
    text: str

    @property
    def writes(self) -> bool:
        """True for a write query (run in a write transaction)."""
        return self.mode == "write"


def parse_query(name: str, path: Path, source: str) -> Query:
    """Parse one file's text; raise QueryError naming ``file:line`` when it is malformed."""
    purpose: list[str] = []
    fields: dict[str, str] = {}
    body_lines: list[str] = []
    in_header = True
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            match = _HEADER.match(stripped)
            if match:
                fields[match.group(1)] = match.group(2).strip()
            else:
                purpose.append(stripped.lstrip("/").strip())
            continue
        if in_header and not stripped:
            continue
        if in_header:
            in_header = False
            body_start = number
        body_lines.append(line)
    body = "\n".join(body_lines).strip()
    if not body:
        raise QueryError(f"{path}:1 : la requête « {name} » est vide")
    mode = fields.get("mode")
    if mode not in MODES:
        raise QueryError(f"{path}:1 : en-tête « // mode: read|write » manquant ou invalide ({mode!r})")
    declared = frozenset(_PARAM.findall(fields.get("params", "")))
    used = frozenset(_PARAM.findall(_STRING.sub("''", _strip_comments(body))))
    if used - declared:
        raise QueryError(
            f"{path}:{body_start} : paramètre(s) utilisé(s) mais non déclaré(s) : {', '.join(sorted(used - declared))}"
        )
    if declared - used:
        raise QueryError(f"{path}:1 : paramètre(s) déclaré(s) mais inutilisé(s) : {', '.join(sorted(declared - used))}")
    returns = tuple(c.strip() for c in fields.get("returns", "").split(",") if c.strip())
    return Query(name, path, " ".join(purpose), declared, returns, mode, body)


def _strip_comments(body: str) -> str:
    return "\n".join(
        line.split("//", 1)[0] if "//" in line and "://" not in line else line for line in body.splitlines()
    )


def _name_of(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts)


@cache
def catalogue(root: Path = QUERY_DIR) -> dict[str, Query]:
    """Every query under ``root``, by name (parsed once per process)."""
    queries: dict[str, Query] = {}
    for path in sorted(root.rglob("*.cypher")):
        name = _name_of(path, root)
        queries[name] = parse_query(name, path, path.read_text(encoding="utf-8"))
    return queries


def load(name: str) -> Query:
    """The query called ``name``; QueryError listing close names when there is none."""
    queries = catalogue()
    try:
        return queries[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, queries, n=3)
        hint = f" Vouliez-vous dire : {', '.join(close)} ?" if close else ""
        raise QueryError(f"Aucune requête « {name} » dans {QUERY_DIR}.{hint}") from None


def available() -> list[str]:
    """The names of every query, sorted."""
    return sorted(catalogue())
