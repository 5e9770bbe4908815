"""The YAML reader streams the file: records, lines and problems are those of the file parsed whole, whatever
the size of the chunks it is read in, and its memory does not grow with the file.

The chunk size is lowered (``CHUNK_SIZE``) so that small files cross many chunk boundaries; a last test reads a
large file in a separate process and checks that its peak memory does not grow with the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_in_child

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError
from maillage.importers import Problem, RawRow, import_paths, read, yaml_reader


def items(path: Path) -> list[RawRow | Problem]:
    return list(read(path))


def records_file(path: Path, count: int, head: str = "", fields: tuple[str, ...] = ("kind: ili",)) -> list[int]:
    """``head`` (whole lines), then ``count`` organisations in block style under ``organisations:``, each with its
    id, name and ``fields``; returns the line where each record starts."""
    lines = head.splitlines() + ["organisations:"]
    starts = []
    for i in range(count):
        starts.append(len(lines) + 1)
        lines += [f"  - id: org-{i}", f"    name: Organisation numéro {i}", *(f"    {field}" for field in fields)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return starts


LongFile = tuple[Path, list[int]]


@pytest.fixture
def long_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LongFile:
    """2,000 organisations in a file read in chunks of 256 bytes (hundreds of chunks), with each record's line."""
    monkeypatch.setattr(yaml_reader, "CHUNK_SIZE", 256)
    path = tmp_path / "data.yaml"
    return path, records_file(path, 2000)


CUT_ANYWHERE = (
    "\ufeff# Relevé – 2024\r\n"
    "themes:\r\n"
    "  - id: fle\r\n"
    "    name: Français langue étrangère ’ 😀\r\n"
    "    aliases: [FLE, « français »]\r\n"
    "  - pas un dictionnaire\r\n"
    "  - {id: \"caf\\u00e9\", name: 'Café 日本', note: ~, date: 2024-13-01}\r\n"
    "source: Rapport – 2024\r\n"
)


@pytest.mark.parametrize("chunk", [1, 2, 3, 4, 5, 7, 64, 1 << 16])
def test_a_chunk_boundary_anywhere_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """A byte order mark, characters of several bytes and line ends cut at every place give the same items."""
    path = tmp_path / "data.yaml"
    path.write_text(CUT_ANYWHERE, encoding="utf-8", newline="")
    monkeypatch.setattr(yaml_reader, "CHUNK_SIZE", chunk)
    source = "Rapport – 2024"
    assert items(path) == [
        RawRow(
            str(path),
            3,
            "themes",
            {
                "id": "fle",
                "name": "Français langue étrangère ’ 😀",
                "aliases": ["FLE", "« français »"],
                "source": source,
            },
        ),
        Problem(str(path), 6, None, "chaque élément doit être un dictionnaire de champs (« champ: valeur »)"),
        RawRow(str(path), 7, "themes", {"id": "café", "name": "Café 日本", "date": "2024-13-01", "source": source}),
    ]


def test_the_source_given_after_the_sections_applies_to_records_of_every_chunk(long_file: LongFile) -> None:
    path, lines = long_file
    path.write_text(path.read_text(encoding="utf-8") + "source: Rapport 2024\n", encoding="utf-8")
    records = [item for item in items(path) if isinstance(item, RawRow)]
    assert [(r.row, r.data["id"]) for r in records] == [(line, f"org-{i}") for i, line in enumerate(lines)]
    assert {r.data["source"] for r in records} == {"Rapport 2024"}


def test_a_source_that_is_not_a_text_is_reported_before_the_records(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("themes:\n  - {id: fle, name: FLE}\nsource: [a, b]\nsource: doc.txt\n", encoding="utf-8")
    assert items(path) == [
        Problem(str(path), 3, "source", "« source » doit être un texte (le document d'origine)"),
        RawRow(str(path), 2, "themes", {"id": "fle", "name": "FLE", "source": "doc.txt"}),
    ]


def test_a_syntax_error_far_into_the_file_is_the_only_problem_and_no_record_is_read(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace("numéro 1500\n    kind", "numéro 1500\n   kind")
    path.write_text(text, encoding="utf-8")
    assert items(path) == [
        Problem(str(path), lines[1500] + 2, None, "YAML invalide : did not find expected '-' indicator")
    ]


def test_a_quote_left_open_far_into_the_file_is_reported_where_it_opens(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace("name: Organisation numéro 1999", 'name: "Organisation numéro 1999')
    path.write_text(text, encoding="utf-8")
    line = lines[1999] + 1
    assert items(path) == [
        Problem(str(path), line, None, f"YAML invalide : guillemet ouvert ligne {line} et jamais fermé")
    ]


def test_an_alias_to_no_anchor_far_into_the_file_is_the_only_problem(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace("  - id: org-1800\n", "  - *nulle-part\n  - id: org-1800\n")
    path.write_text(text, encoding="utf-8")
    assert items(path) == [Problem(str(path), lines[1800], None, "YAML invalide : found undefined alias")]


def test_a_second_document_after_the_records_is_the_only_problem(long_file: LongFile) -> None:
    path, lines = long_file
    path.write_text(path.read_text(encoding="utf-8") + "---\nthemes: []\n", encoding="utf-8")
    assert items(path) == [Problem(str(path), lines[-1] + 3, None, "YAML invalide : but found another document")]


def test_a_non_utf8_byte_far_into_the_file_is_reported_on_its_line(long_file: LongFile) -> None:
    path, lines = long_file
    path.write_bytes(path.read_bytes().replace("numéro 1700\n".encode(), b"num\xe9ro 1700\n"))  # é in Latin-1
    [problem] = items(path)
    assert isinstance(problem, Problem)
    assert problem.row == lines[1700] + 1
    assert problem.message.startswith("le fichier n'est pas encodé en UTF-8 (octet 0xE9 illisible)")


def test_a_non_utf8_byte_after_a_syntax_error_is_the_problem_reported(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace("numéro 10\n", "[numéro 10\n")
    path.write_bytes(text.encode().replace("numéro 1900\n".encode(), b"num\xe9ro 1900\n"))
    [problem] = items(path)
    assert isinstance(problem, Problem)
    assert problem.row == lines[1900] + 1
    assert problem.message.startswith("le fichier n'est pas encodé en UTF-8 (octet 0xE9 illisible)")


@pytest.mark.parametrize("text", ["\n  \n\t\n", "# rien pour l'instant\n", "\u3000\r\n", "\ufeff\n"])
def test_a_file_with_nothing_but_white_space_or_comments_is_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    assert items(path) == [Problem(str(path), None, None, "le fichier est vide")]


def test_an_alias_refers_to_a_record_anchored_anywhere_earlier(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace("  - id: org-3\n", "  - &modele\n    id: org-3\n")
    path.write_text(text + "  - {<<: *modele, id: copie}\n", encoding="utf-8")
    line = lines[-1] + 4  # after the last record (3 lines) and the line the anchor adds
    assert items(path)[-1] == RawRow(
        str(path), line, "organisations", {"id": "copie", "name": "Organisation numéro 3", "kind": "ili"}
    )


def test_a_value_that_cannot_be_built_ends_the_file_on_its_line(long_file: LongFile) -> None:
    """As when the file was composed whole: the records before it are read, the problem stops the reading."""
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace("  - id: org-1200\n", "  - id: !inconnu org-1200\n")
    path.write_text(text, encoding="utf-8")
    read_items = items(path)
    assert [r.row for r in read_items if isinstance(r, RawRow)] == lines[:1200]
    assert read_items[-1] == Problem(
        str(path), lines[1200], None, "YAML invalide : could not determine a constructor for the tag '!inconnu'"
    )


COUNT = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships"


def test_a_file_refused_after_records_were_read_imports_none_of_them(
    empty_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records before a value that cannot be built are read and valid, yet the file is refused whole."""
    monkeypatch.setattr(yaml_reader, "CHUNK_SIZE", 256)
    path = tmp_path / "organisations.yaml"
    lines = records_file(path, 300, head="source: essai.txt\n", fields=("kind: ili", "sector: integration"))
    text = path.read_text(encoding="utf-8").replace("  - id: org-299\n", "  - id: !inconnu org-299\n")
    path.write_text(text, encoding="utf-8")
    before = empty_graph.read(COUNT)
    with pytest.raises(ImportValidationError) as error:
        import_paths(empty_graph, [path])
    assert [(p.row, p.message) for p in error.value.problems] == [
        (lines[299], "YAML invalide : could not determine a constructor for the tag '!inconnu'")
    ]
    assert empty_graph.read(COUNT) == before
    assert empty_graph.read("MATCH (o:Organisation) RETURN count(o) AS n") == [{"n": 0}]


def test_a_large_file_is_read_in_memory_that_does_not_grow_with_it(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    count = 20_000
    records_file(path, count)
    size = path.stat().st_size
    read_count, growth = read_in_child(yaml_reader.read_yaml, path)
    assert read_count == count
    assert growth < 4 * 2**20, f"{growth / 2**20:.1f} MiB for a file of {size / 2**20:.1f} MiB"
