"""maillage as a user installs it: the wheel, built by scripts/install-wheel into a fresh virtualenv outside the
repository (the install the Docker image runs), then run from another folder against the test database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from maillage.graph.connection import Graph

REPO = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
COMMANDS = ("analyze", "db", "export", "import", "serve", "synth", "token")


def _folder_packages() -> set[str]:
    """The package name of every folder under a package-dir mapping that holds a file (what the wheel must carry)."""
    names: set[str] = set()
    for package, folder in SETUPTOOLS["package-dir"].items():
        root = REPO / folder
        for path in root.rglob("*"):
            relative = path.parent.relative_to(root)
            if path.is_file() and "__pycache__" not in relative.parts and not path.name.startswith("."):
                names.add(".".join([package, *relative.parts]))
    return names


def test_every_folder_of_the_package_is_listed_as_a_package() -> None:
    """An unlisted folder is left out of the wheel, or installed with a setuptools warning."""
    assert sorted(_folder_packages() - set(SETUPTOOLS["packages"])) == []


@dataclass(frozen=True)
class Installed:
    """A virtualenv outside the repository where scripts/install-wheel installed maillage."""

    bin: Path
    output: str
    elsewhere: Path

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run the installed ``maillage`` from a folder outside the repository."""
        return subprocess.run(
            [str(self.bin / "maillage"), *args],
            cwd=self.elsewhere,
            env={**_clean_env(), **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
        )


def _clean_env() -> dict[str, str]:
    """This environment without what would point the installed maillage back at the repository."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "MAILLAGE_SOURCES", "VIRTUAL_ENV"}}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    venv = tmp_path_factory.mktemp("wheel") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run(
        [str(REPO / "scripts" / "install-wheel"), str(venv / "bin" / "python")],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return Installed(venv / "bin", output, tmp_path_factory.mktemp("elsewhere"))


def test_the_wheel_builds_and_installs_without_a_warning(installed: Installed) -> None:
    assert [line for line in installed.output.splitlines() if re.search(r"warn|deprecat", line, re.I)] == []


def test_the_installed_maillage_runs_its_own_files_not_the_repositorys(installed: Installed) -> None:
    probe = "import maillage.api.web as w, maillage.graph.settings as s; print(w.STATIC_DIR); print(s.DEFAULT_SOURCES)"
    done = subprocess.run(
        [str(installed.bin / "python"), "-c", probe],
        cwd=installed.elsewhere,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    venv = installed.bin.parent.resolve()
    assert [Path(line).resolve().is_relative_to(venv) for line in done.stdout.split()] == [True, True]


def test_the_installed_maillage_lists_every_command(installed: Installed) -> None:
    done = installed.run("--help")
    assert done.returncode == 0, done.stderr
    assert [name for name in COMMANDS if re.search(rf"^  {name} ", done.stdout, re.M) is None] == []


def test_the_installed_maillage_reports_the_test_database(installed: Installed, test_server: dict[str, str]) -> None:
    done = installed.run("db", "status", env=test_server)
    assert done.returncode == 0, done.stderr
    assert f"Base externe {test_server['NEO4J_URI']} : Neo4j Kernel 5.26." in done.stdout


@pytest.fixture(scope="module")
def installed_api(
    installed: Installed,
    reference_graph: Graph,
    test_server: dict[str, str],
    serve: Callable[..., AbstractContextManager[str]],
) -> Iterator[str]:
    """The installed ``maillage serve``, run from outside the repository, on the reference dataset."""
    with serve(test_server, installed.elsewhere / "serve.log", installed.bin / "maillage", installed.elsewhere) as url:
        yield url


def test_the_installed_api_answers_a_graphql_request(installed_api: str) -> None:
    query = '{ entity(id: "coupole") { name } sourceDocuments { title } }'
    body = httpx.post(f"{installed_api}/graphql", json={"query": query}, timeout=30).json()
    assert "errors" not in body, body
    assert body["data"]["entity"]["name"] == "Coupole des fédérations d'ILI"
    assert "Genèse de la Coupole (présentation)" in [d["title"] for d in body["data"]["sourceDocuments"]]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "<title>"),
        ("/static/js/main.js", "loadVocabularies"),
        ("/static/vendor/cytoscape.esm.min.mjs", "cytoscape"),
        ("/sources/002_d66ab93602949589.txt", "<h1>CAI, rapport d&#x27;activités 2023</h1>"),
    ],
)
def test_the_installed_api_serves_the_explorer_and_the_sources(installed_api: str, path: str, expected: str) -> None:
    response = httpx.get(f"{installed_api}{path}", timeout=30)
    assert response.status_code == 200
    assert expected in response.text
