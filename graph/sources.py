"""The source documents the reference dataset was built from: where they are and what they are called.

They ship with maillage: ``data/sources/`` in the repository, the package data ``maillage.sources`` once
installed (wheel, Docker image). Provenance (``source`` + ``locator``) names one of their files; the
manifest ``sources.yaml`` beside them gives each file the French title people read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

import maillage.sources

from .errors import ConfigError

PACKAGED = Path(maillage.sources.__file__).resolve().parent
"""The folder of the documents shipped with maillage (inside the repository or the installed package)."""

MANIFEST = "sources.yaml"
DOCUMENT_NAME = re.compile(r"^[0-9A-Za-z_.-]+\.txt$")
"""What a document id looks like (a plain file name: no folder, no ``..``)."""


@dataclass(frozen=True)
class SourceDocument:
    """One source document: ``id`` is its file name (what provenance cites), ``title`` what people read."""

    id: str
    title: str
    description: str = ""

    @property
    def url(self) -> str:
        """Where the API serves it with numbered lines."""
        return f"/sources/{self.id}"


@cache
def catalogue(folder: Path = PACKAGED) -> dict[str, SourceDocument]:
    """The documents of ``folder`` by id, titled by its ``sources.yaml`` (a file it does not list keeps its name).

    Raises :class:`ConfigError` naming the manifest and the entry when the manifest is malformed or lists a
    file that is not there.
    """
    manifest = folder / MANIFEST
    titled: dict[str, SourceDocument] = {}
    if manifest.is_file():
        entries = yaml.safe_load(manifest.read_text(encoding="utf-8")) or []
        if not isinstance(entries, list):
            raise ConfigError(f"{manifest} : une liste de documents (file, title, description) est attendue")
        for number, entry in enumerate(entries, start=1):
            where = f"{manifest}, document {number}"
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) or not entry.get("title"):
                raise ConfigError(f"{where} : les champs file et title sont obligatoires")
            name = entry["file"]
            if not DOCUMENT_NAME.match(name) or not (folder / name).is_file():
                raise ConfigError(f"{where} : le fichier {name!r} est absent de {folder}")
            titled[name] = SourceDocument(name, str(entry["title"]), str(entry.get("description") or ""))
    found = sorted(p.name for p in folder.glob("*.txt") if DOCUMENT_NAME.match(p.name)) if folder.is_dir() else []
    return {name: titled.get(name) or SourceDocument(name, name) for name in found}


def document_path(folder: Path, id: str) -> Path | None:
    """The file of document ``id`` in ``folder``, or None when ``id`` names no document there."""
    if not DOCUMENT_NAME.match(id):
        return None
    path = folder / id
    return path if path.is_file() else None
