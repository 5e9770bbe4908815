"""Analyses kept on disk, so that every process (the API's workers, ``maillage analyze``) reuses them.

One JSON file per question (mesh, date, territory) and graph state (epoch and version), written whole
then renamed into place, so a reader never sees half a file. The epoch is a random id given when the
graph's version counter is created: two databases never share a file name. A lock file per question and
state lets one process compute while the others wait for its file (``computing``).

The folder is ``MAILLAGE_ANALYSIS_CACHE`` (default ``./var/analysis``); old files are removed when more
than ``KEEP`` remain.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from maillage.graph.vocabulary import Layer

from .communities import Broker
from .measures import Score

KEEP = 64
"""Files kept in the folder (the most recent); older ones are deleted after each write."""

Question = tuple[Layer | None, dt.date, str | None]
"""What an analysis answers: the mesh (None: the three), the date and the territory (None: everywhere)."""


def question_name(question: Question) -> str:
    """A file-name-safe name of ``question`` (the territory id is hashed: ids may hold any character)."""
    layer, day, territory = question
    where = hashlib.sha256(territory.encode()).hexdigest()[:12] if territory else "all"
    return f"{layer.value if layer else 'all'}-{day.isoformat()}-{where}"


def file_name(question: Question, epoch: str | None, version: int) -> str:
    """The file of ``question`` at the graph state (``epoch``, ``version``)."""
    return f"{question_name(question)}--{epoch or 'none'}-{version}.json"


@contextmanager
def computing(folder: Path, question: Question, epoch: str | None, version: int) -> Iterator[None]:
    """Hold the lock of one question and graph state: other processes (and threads) wait here."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / (file_name(question, epoch, version) + ".lock")
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read(folder: Path, question: Question, epoch: str | None, version: int) -> dict[str, Any] | None:
    """The stored analysis of ``question`` at that graph state, as written by :func:`write`, or None."""
    return _load(folder / file_name(question, epoch, version))


def latest(folder: Path, question: Question) -> dict[str, Any] | None:
    """The most recently computed stored analysis of ``question``, whatever the graph state, or None."""
    if not folder.is_dir():
        return None
    found = sorted(folder.glob(f"{question_name(question)}--*.json"), key=_mtime, reverse=True)
    for path in found:
        data = _load(path)
        if data is not None:
            return data
    return None


def write(folder: Path, question: Question, epoch: str | None, version: int, data: dict[str, Any]) -> Path:
    """Store ``data`` (see :func:`encode`) atomically; prune the folder to the ``KEEP`` newest files."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(question, epoch, version)
    with tempfile.NamedTemporaryFile("w", dir=folder, suffix=".tmp", delete=False, encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
    os.replace(out.name, target)
    files = sorted(folder.glob("*.json"), key=_mtime, reverse=True)
    for old in files[KEEP:]:
        for path in (old, old.with_name(old.name + ".lock")):
            path.unlink(missing_ok=True)
    return target


def encode_scores(scores: dict[str, Score]) -> dict[str, list[float]]:
    """A node's scores as ``{measure: [value, rank, percentile]}``."""
    return {m: [s.value, s.rank, s.percentile] for m, s in scores.items()}


def decode_scores(data: dict[str, list[float]]) -> dict[str, Score]:
    """The inverse of :func:`encode_scores`."""
    return {m: Score(value=v[0], rank=int(v[1]), percentile=v[2]) for m, v in data.items()}


def encode_broker(broker: Broker) -> dict[str, Any]:
    return {
        "node": broker.node,
        "betweenness": broker.betweenness,
        "sectors": list(broker.sectors),
        "communities": list(broker.communities),
        "explanation": broker.explanation,
    }


def decode_broker(data: dict[str, Any]) -> Broker:
    return Broker(
        node=data["node"],
        betweenness=data["betweenness"],
        sectors=tuple(data["sectors"]),
        communities=tuple(data["communities"]),
        explanation=data["explanation"],
    )


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _load(path: Path) -> dict[str, Any] | None:
    try:
        with path.open(encoding="utf-8") as handle:
            data: dict[str, Any] = json.load(handle)
    except (OSError, ValueError):
        return None  # absent, or removed meanwhile: the caller computes
    return data
