"""The Dockerfile (no Docker engine needed): what it copies exists, and it installs maillage as CI checks it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINES = (REPO / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
INSTRUCTIONS = [line.split(None, 1) for line in LINES if line.strip() and not line.lstrip().startswith("#")]


def _copies() -> list[tuple[str | None, list[str]]]:
    """Each COPY as (stage it copies from or None for the build context, its source paths)."""
    found = []
    for keyword, rest in INSTRUCTIONS:
        if keyword.upper() == "COPY":
            words = shlex.split(rest)
            stage = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
            paths = [w for w in words if not w.startswith("--")][:-1]
            found.append((stage, paths))
    return found


def test_every_path_the_dockerfile_copies_from_the_repository_exists() -> None:
    missing = [p for stage, paths in _copies() if stage is None for p in paths if not (REPO / p).exists()]
    assert missing == []


def test_every_package_folder_of_the_wheel_is_copied_into_the_image() -> None:
    import tomllib

    folders = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    copied = {p.rstrip("/") for stage, paths in _copies() if stage is None for p in paths}
    assert sorted(f for f in folders.values() if not any(f == c or f.startswith(c + "/") for c in copied)) == []


def test_the_image_builds_the_explorer_assets_with_scripts_assets() -> None:
    stages = {
        rest.split()[-1] for keyword, rest in INSTRUCTIONS if keyword.upper() == "FROM" and " AS " in rest.upper()
    }
    runs = [rest for keyword, rest in INSTRUCTIONS if keyword.upper() == "RUN"]
    vendor = re.search(r"^vendor=(\S+)$", (REPO / "scripts" / "assets").read_text(encoding="utf-8"), re.M)
    assert vendor is not None
    assert any(run.split()[0] == "scripts/assets" for run in runs)
    assert [(s, p) for s, p in _copies() if s is not None] == [("assets", [f"/src/{vendor[1]}"])]
    assert stages == {"assets"}


def test_the_image_installs_maillage_with_the_wheel_install_ci_checks() -> None:
    runs = [rest for keyword, rest in INSTRUCTIONS if keyword.upper() == "RUN"]
    installs = [run for run in runs if "pip" in run or "install" in run]
    assert len(installs) == 1 and installs[0].startswith("scripts/install-wheel python ")
    assert '"install-wheel"' in (REPO / "tests" / "test_package.py").read_text(encoding="utf-8")
