"""One reader per format: records with the row a person sees, or a problem naming what is wrong with the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from maillage.importers import Problem, RawRow, read


def rows(path: Path) -> list[RawRow]:
    items = list(read(path))
    assert all(isinstance(item, RawRow) for item in items), items
    return [item for item in items if isinstance(item, RawRow)]


def problems(path: Path) -> list[Problem]:
    return [item for item in read(path) if isinstance(item, Problem)]


def test_csv_rows_are_numbered_as_in_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "themes.csv"
    path.write_text("id,name\nfle,FLE\n\nisp,ISP\n", encoding="utf-8")
    assert [(r.row, r.section, r.data) for r in rows(path)] == [
        (2, "themes", {"id": "fle", "name": "FLE"}),
        (4, "themes", {"id": "isp", "name": "ISP"}),
    ]


def test_csv_empty_cells_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "organisations.csv"
    path.write_text("id,name,acronym,kind,sector\ncai,CAI,  ,cri,integration\n", encoding="utf-8")
    assert rows(path)[0].data == {"id": "cai", "name": "CAI", "kind": "cri", "sector": "integration"}


def test_csv_with_semicolons_as_excel_writes_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "platforms.csv"
    path.write_text('id;name;kind;themes\np;"FLE, Namur";reseau;"fle; isp"\n', encoding="utf-8")
    assert rows(path)[0].data == {"id": "p", "name": "FLE, Namur", "kind": "reseau", "themes": "fle; isp"}


def test_csv_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "themes.csv"
    path.write_bytes("\ufeffid,name\nfle,Français\n".encode())
    assert rows(path)[0].data == {"id": "fle", "name": "Français"}


def test_csv_header_names_ignore_case(tmp_path: Path) -> None:
    path = tmp_path / "themes.csv"
    path.write_text("ID,Name\nfle,FLE\n", encoding="utf-8")
    assert rows(path)[0].data == {"id": "fle", "name": "FLE"}


def test_csv_a_value_outside_the_header_columns_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "themes.csv"
    path.write_text("id,name\nfle,FLE,surplus\n", encoding="utf-8")
    [problem] = problems(path)
    assert (problem.row, problem.value) == (2, "surplus")


def test_csv_a_column_given_twice_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "themes.csv"
    path.write_text("id,name,name\nfle,FLE,FLE\n", encoding="utf-8")
    assert [(p.row, p.field, p.message) for p in problems(path)] == [(1, "name", "colonne présente deux fois")]


def test_csv_a_non_utf8_byte_is_reported_on_its_row(tmp_path: Path) -> None:
    path = tmp_path / "themes.csv"
    path.write_bytes(b"id,name\nfle,FLE\nisp,Insertion\nsoc,Soci\xe9t\xe9\n")
    items = list(read(path))
    assert [r.row for r in items if isinstance(r, RawRow)] == [2, 3]
    [problem] = [p for p in items if isinstance(p, Problem)]
    assert problem.row == 4
    assert "UTF-8" in problem.message


def test_yaml_rows_are_the_lines_where_records_start(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("source: doc.txt\nthemes:\n  - id: fle\n    name: FLE\n\n  - id: isp\n    name: ISP\n")
    assert [(r.row, r.data["id"]) for r in rows(path)] == [(3, "fle"), (6, "isp")]


def test_yaml_source_is_the_default_source_of_every_record(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("source: doc.txt\nthemes:\n  - {id: fle, name: FLE}\n  - {id: isp, name: ISP, source: autre.txt}\n")
    assert [r.data["source"] for r in rows(path)] == ["doc.txt", "autre.txt"]


def test_yaml_dates_stay_text_so_that_a_bad_date_is_reported_on_its_record(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("statuses:\n  - {id: s, recommendation: r, status: portee, date: 2024-13-01}\n")
    assert rows(path)[0].data["date"] == "2024-13-01"


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("themes:\n  - id: fle\n    name: [FLE\n  - id: isp\n")
    [problem] = problems(path)
    assert problem.row is not None and problem.row >= 3
    assert problem.message.startswith("YAML invalide")


def test_yaml_unclosed_quote_is_reported_on_the_line_the_quote_opens(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text('organisations:\n  - id: a\n    name: "Sans fin\n  - id: b\n    name: B\n\n')
    [problem] = problems(path)
    assert problem.row == 3
    assert "guillemet" in problem.message and "ligne 3" in problem.message


@pytest.mark.parametrize(
    ("value", "tag"), [("!!int abc", "!!int"), ("!!float x", "!!float"), ("!!bool peut-être", "!!bool")]
)
def test_yaml_a_value_its_explicit_tag_refuses_is_a_problem_on_its_line(tmp_path: Path, value: str, tag: str) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(f"themes:\n  - id: fle\n    name: FLE\n  - id: isp\n    name: {value}\n")
    items = list(read(path))
    assert isinstance(items[0], RawRow)
    assert items[1:] == [
        Problem(str(path), 5, None, f"YAML invalide : « {value.split()[1]} » n'est pas une valeur {tag}")
    ]


def test_yaml_a_source_its_explicit_tag_refuses_is_a_problem_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("themes:\n  - id: fle\nsource: !!int document\n")
    assert problems(path) == [Problem(str(path), 3, None, "YAML invalide : « document » n'est pas une valeur !!int")]


def test_yaml_a_section_that_is_not_a_list_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("themes:\n  id: fle\n")
    [problem] = problems(path)
    assert (problem.row, problem.message) == (1, "la section « themes » doit être une liste d'éléments (« - id: … »)")


def test_json_rows_are_the_lines_where_records_start(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(
        '{"themes": [\n  {"id": "fle",\n   "name": "FLE"},\n  {"id": "isp", "name": "ISP"}\n],\n"source": "x"}'
    )
    assert [(r.row, r.data) for r in rows(path)] == [
        (2, {"id": "fle", "name": "FLE", "source": "x"}),
        (4, {"id": "isp", "name": "ISP", "source": "x"}),
    ]


def test_json_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"themes": [\n  {"id": "fle"},\n  {"id" "isp"}\n]}')
    [problem] = problems(path)
    assert (problem.row, problem.message) == (3, "JSON invalide : Expecting ':' delimiter")


def test_xlsx_rows_come_from_every_sheet_with_cells_as_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "platforms"
    sheet.append(["id", "name", "kind", "year"])
    sheet.append(["p", "P", "reseau", 2024])
    sheet.append([None, None, None, None])
    sheet.append(["q", "Q", "reseau", 2023.0])
    statuses = workbook.create_sheet("statuses")
    statuses.append(["id", "recommendation", "status", "date"])
    statuses.append(["s", "r", "portee", dt.datetime(2024, 3, 1)])
    path = tmp_path / "classeur.xlsx"
    workbook.save(path)
    assert [(r.row, r.section, r.data) for r in rows(path)] == [
        (2, "platforms", {"id": "p", "name": "P", "kind": "reseau", "year": "2024"}),
        (4, "platforms", {"id": "q", "name": "Q", "kind": "reseau", "year": "2023"}),
        (2, "statuses", {"id": "s", "recommendation": "r", "status": "portee", "date": "2024-03-01"}),
    ]
    assert rows(path)[0].file == f"{path} [feuille platforms]"


def test_xlsx_a_sheet_with_an_unknown_name_is_a_problem(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Plateformes"
    sheet.append(["id", "name", "kind"])
    path = tmp_path / "classeur.xlsx"
    workbook.save(path)
    [problem] = problems(path)
    assert problem.message.startswith("section inconnue « Plateformes » (vouliez-vous dire « platforms » ?)")


def test_xlsx_a_file_that_is_not_a_workbook_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "faux.xlsx"
    path.write_text("id,name\n")
    [problem] = problems(path)
    assert problem.message.startswith("classeur illisible")


def test_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    [problem] = problems(tmp_path / "themes.csv")
    assert problem.message == "fichier introuvable"
