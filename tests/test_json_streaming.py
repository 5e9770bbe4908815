"""The JSON reader reads the file in chunks: records, lines and errors are the same wherever the chunks end.

The chunk size is lowered (``CHUNK_SIZE``) so that small files cross many chunk boundaries; a last test reads a
large file in a separate process and checks that its peak memory does not grow with the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import read_in_child

from maillage.importers import Problem, RawRow, json_reader, read


def items(path: Path) -> list[RawRow | Problem]:
    return list(read(path))


def records_file(path: Path, records: list[dict[str, object]], tail: str = "") -> list[int]:
    """One record per line after a first line ``{"organisations": [``; returns the line of each record."""
    lines = ['{"organisations": ['] + [json.dumps(r, ensure_ascii=False) + "," for r in records]
    lines[-1] = lines[-1].rstrip(",")
    path.write_text("\n".join(lines) + '\n],\n"source": "doc"' + tail + "}\n", encoding="utf-8")
    return list(range(2, len(records) + 2))


def organisation(i: int) -> dict[str, object]:
    return {"id": f"org-{i}", "name": f"Organisation numéro {i}", "kind": "ili"}


LongFile = tuple[Path, list[int]]


@pytest.fixture
def long_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LongFile:
    """2,000 organisations in a file read in chunks of 256 bytes (hundreds of chunks), with each record's line."""
    monkeypatch.setattr(json_reader, "CHUNK_SIZE", 256)
    path = tmp_path / "data.json"
    return path, records_file(path, [organisation(i) for i in range(2000)])


def test_records_that_cross_chunk_boundaries_are_read_whole_on_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_reader, "CHUNK_SIZE", 7)
    records = [organisation(i) for i in range(50)]
    lines = records_file(tmp_path / "data.json", records)
    assert items(tmp_path / "data.json") == [
        RawRow(str(tmp_path / "data.json"), line, "organisations", {**record, "source": "doc"})
        for line, record in zip(lines, records, strict=True)
    ]


def test_a_character_split_between_two_chunks_is_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.json"
    head = '{"organisations": [\n{"id": "a", "name": "'
    name = "Café ’ 😀 日本"
    path.write_text(head + name + '"}\n]}', encoding="utf-8")
    split = len(head.encode("utf-8")) + len("Café ’ ".encode()) + 2  # inside the 4 bytes of 😀
    monkeypatch.setattr(json_reader, "CHUNK_SIZE", split)
    assert items(path) == [RawRow(str(path), 2, "organisations", {"id": "a", "name": name})]


def test_a_byte_order_mark_cut_by_the_first_chunk_is_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b"\xef\xbb\xbf" + '{"themes": [{"id": "fle", "name": "Français"}]}'.encode())
    monkeypatch.setattr(json_reader, "CHUNK_SIZE", 2)
    assert items(path) == [RawRow(str(path), 1, "themes", {"id": "fle", "name": "Français"})]


def test_a_record_larger_than_a_chunk_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_reader, "CHUNK_SIZE", 64)
    records = [organisation(1), {**organisation(2), "description": "Très longue description. " * 2000}, organisation(3)]
    path = tmp_path / "data.json"
    records_file(path, records)
    read_records = [item for item in items(path) if isinstance(item, RawRow)]
    assert [(r.row, r.data["id"], len(str(r.data.get("description", "")))) for r in read_records] == [
        (2, "org-1", 0),
        (3, "org-2", len("Très longue description. " * 2000)),
        (4, "org-3", 0),
    ]


CUT_ANYWHERE = (
    '\ufeff{"figures": [\n{"id": "f-1", "value": 123.5e-2, "exact": true, "note": null},\n'
    ' -12.75e+3 ,\n{"id": "f-2", "name": "Caf\\u00e9 \\ud83d\\ude00 \\"cité\\" ’ 😀", "empty": false}\n],\n'
    '"source": "Rapport – 2024"}\n'
)


@pytest.mark.parametrize("chunk", range(1, len(CUT_ANYWHERE.encode("utf-8")) + 1))
def test_a_chunk_boundary_anywhere_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """Numbers, literals, escapes and characters of several bytes cut at every place give the same items."""
    path = tmp_path / "data.json"
    path.write_text(CUT_ANYWHERE, encoding="utf-8")
    monkeypatch.setattr(json_reader, "CHUNK_SIZE", chunk)
    source = "Rapport – 2024"
    assert items(path) == [
        RawRow(str(path), 2, "figures", {"id": "f-1", "value": 1.235, "exact": True, "source": source}),
        Problem(str(path), 3, None, "chaque élément doit être un objet de champs"),
        RawRow(str(path), 4, "figures", {"id": "f-2", "name": 'Café 😀 "cité" ’ 😀', "empty": False, "source": source}),
    ]


def test_the_source_given_after_the_sections_applies_to_records_of_every_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_reader, "CHUNK_SIZE", 16)
    path = tmp_path / "data.json"
    path.write_text('{"themes": [\n{"id": "a"},\n{"id": "b"}\n],\n"source": "Rapport 2024"\n}', encoding="utf-8")
    assert [(r.row, r.data) for r in items(path) if isinstance(r, RawRow)] == [
        (2, {"id": "a", "source": "Rapport 2024"}),
        (3, {"id": "b", "source": "Rapport 2024"}),
    ]


def test_invalid_json_far_into_the_file_names_its_line_and_yields_no_record(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace('{"id": "org-1500", ', '{"id": "org-1500" ')
    path.write_text(text, encoding="utf-8")
    assert items(path) == [Problem(str(path), lines[1500], None, "JSON invalide : Expecting ',' delimiter")]


def test_a_file_cut_far_into_a_record_names_the_line_where_its_text_opens(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("Organisation numéro 1999") + 5], encoding="utf-8")
    assert items(path) == [Problem(str(path), lines[1999], None, "JSON invalide : Unterminated string starting at")]


def test_a_non_utf8_byte_far_into_the_file_is_reported_on_its_line(long_file: LongFile) -> None:
    path, lines = long_file
    data = path.read_bytes().replace("numéro 1700".encode(), b"num\xe9ro 1700")  # é in Latin-1
    path.write_bytes(data)
    [problem] = items(path)
    assert isinstance(problem, Problem)
    assert problem.row == lines[1700]
    assert problem.message.startswith("le fichier n'est pas encodé en UTF-8 (octet 0xE9 illisible)")


def test_a_non_utf8_byte_after_a_syntax_error_is_the_problem_reported(long_file: LongFile) -> None:
    path, lines = long_file
    text = path.read_text(encoding="utf-8").replace('{"id": "org-10", ', '{"id" "org-10", ')
    path.write_bytes(text.encode().replace("numéro 1900".encode(), b"num\xe9ro 1900"))
    [problem] = items(path)
    assert isinstance(problem, Problem)
    assert problem.row == lines[1900]
    assert problem.message.startswith("le fichier n'est pas encodé en UTF-8 (octet 0xE9 illisible)")


def test_a_large_file_is_read_in_memory_that_does_not_grow_with_it(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    description = "Organisation fictive – générée pour vérifier la lecture en continu ’ " * 3  # not Latin-1
    records = [{**organisation(i), "description": description} for i in range(120_000)]
    records_file(path, records)
    size = path.stat().st_size
    assert size > 30 * 2**20
    count, growth = read_in_child(json_reader.read_json, path)
    assert count == len(records)
    assert growth < 8 * 2**20, f"{growth / 2**20:.1f} MiB for a file of {size / 2**20:.0f} MiB"
