"""The source documents ship with maillage, are titled in French, and the API serves them by id."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import yaml

from maillage.graph.errors import ConfigError
from maillage.graph.settings import load_settings
from maillage.graph.sources import PACKAGED, catalogue

REPO = Path(__file__).resolve().parent.parent


def _cited_documents() -> set[str]:
    """Every ``source`` of data/reference/*.yaml that is a document (not ``maillage``), file-level or per record."""
    cited: set[str] = set()
    for path in sorted((REPO / "data" / "reference").glob("*.yaml")):
        cited |= set(re.findall(r"\bsource: *\"?([0-9A-Za-z_.-]+\.txt)", path.read_text(encoding="utf-8")))
    return cited


def test_the_default_sources_are_the_ones_shipped_inside_the_repository() -> None:
    assert load_settings({}).sources == PACKAGED == REPO / "data" / "sources"


def test_every_document_the_reference_dataset_cites_ships_with_a_french_title() -> None:
    documents = catalogue()
    cited = _cited_documents()
    assert cited, "the reference dataset cites source documents"
    assert sorted(cited - documents.keys()) == []
    assert [d.id for d in documents.values() if d.title == d.id or not d.description] == []


def test_a_manifest_entry_naming_a_missing_file_is_refused_naming_the_entry(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("texte\n", encoding="utf-8")
    entries = [{"file": "a.txt", "title": "A"}, {"file": "absent.txt", "title": "B"}]
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sources\.yaml, document 2 : le fichier 'absent.txt' est absent"):
        catalogue(tmp_path)


def test_a_document_the_manifest_does_not_list_keeps_its_file_name_as_title(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("texte\n", encoding="utf-8")
    assert catalogue(tmp_path)["note.txt"].title == "note.txt"


def test_the_api_lists_the_source_documents_with_their_titles_and_pages(api: str) -> None:
    response = httpx.post(f"{api}/graphql", json={"query": "{ sourceDocuments { id title url } }"}, timeout=30)
    found = {d["id"]: d for d in response.json()["data"]["sourceDocuments"]}
    assert found["002_d66ab93602949589.txt"] == {
        "id": "002_d66ab93602949589.txt",
        "title": "CAI, rapport d'activités 2023",
        "url": "/sources/002_d66ab93602949589.txt",
    }
    assert found.keys() == catalogue().keys()


def test_the_source_page_shows_the_title_the_lines_and_a_link_back_to_the_explorer(api: str) -> None:
    response = httpx.get(f"{api}/sources/000_053d1c7d8ae3c1b0.txt", timeout=30)
    assert response.status_code == 200
    assert "<h1>Genèse de la Coupole (présentation)</h1>" in response.text
    assert "<title>Genèse de la Coupole (présentation)</title>" in response.text
    assert '<nav><a href="/">← Retour à l\'explorateur</a></nav>' in response.text
    assert '<li id="L2"><a href="#L2">2</a>' in response.text


@pytest.mark.parametrize("name", ["inconnu.txt", "..%2Fpyproject.toml", "sources.yaml", "__init__.py"])
def test_a_name_that_is_not_a_source_document_is_not_found(api: str, name: str) -> None:
    response = httpx.get(f"{api}/sources/{name}", timeout=30)
    assert response.status_code == 404
    assert "[project]" not in response.text and "file:" not in response.text


def test_the_shipped_documents_keep_only_the_lines_facts_cite() -> None:
    from maillage.importers.citation_extract import REFERENCE, cited_lines

    cited = cited_lines(sorted(REFERENCE.glob("*.yaml")))
    for document in sorted((REPO / "data" / "sources").glob("*.txt")):
        kept = {n for n, line in enumerate(document.read_text(encoding="utf-8").splitlines(), 1) if line.strip()}
        assert kept <= cited.get(document.name, set()), (
            f"{document.name} : lignes non citées {sorted(kept - cited.get(document.name, set()))[:10]}"
        )
