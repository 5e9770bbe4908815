"""Importing files: everything is written, with provenance, idempotently, or nothing is."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from maillage.graph.connection import Graph
from maillage.graph.errors import ImportValidationError, Problem
from maillage.importers import ImportReport, import_paths, validate_paths

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BASE = [FIXTURES / "base" / "base.yaml", FIXTURES / "base" / "platforms.csv"]


def snapshot(graph: Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every node and relationship with its labels and properties, in a stable order."""
    nodes = graph.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels(n)[0]")
    rels = graph.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props ORDER BY r.key"
    )
    return nodes, rels


def node(graph: Graph, id_: str) -> dict[str, Any]:
    rows = graph.read("MATCH (n:Entity {id: $id}) RETURN properties(n) AS props, labels(n) AS labels", {"id": id_})
    assert len(rows) == 1, f"{id_} : {len(rows)} nœud(s)"
    return {**rows[0]["props"], "_labels": set(rows[0]["labels"])}


def relation(graph: Graph, rel_type: str, a: str, b: str) -> dict[str, Any]:
    rows = graph.read(
        "MATCH (:Entity {id: $a})-[r]->(:Entity {id: $b}) WHERE type(r) = $type RETURN properties(r) AS props",
        {"a": a, "b": b, "type": rel_type},
    )
    assert len(rows) == 1, f"{rel_type} {a} → {b} : {len(rows)} relation(s)"
    return rows[0]["props"]


def graph_version(graph: Graph) -> int | None:
    rows = graph.read("MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version")
    return rows[0]["version"] if rows else None


def counts(report: ImportReport) -> dict[str, tuple[int, int, int]]:
    return {name: (c.created, c.updated, c.unchanged) for name, c in {**report.nodes, **report.relations}.items()}


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def imported(empty_graph: Graph) -> Graph:
    """The graph holding the base fixture dataset."""
    import_paths(empty_graph, BASE)
    return empty_graph


# --- a valid import ------------------------------------------------------------------------------------------


def test_a_valid_import_creates_every_node_with_its_label(empty_graph: Graph) -> None:
    report = import_paths(empty_graph, BASE)
    assert {label: c.created for label, c in report.nodes.items()} == {
        "Theme": 1,
        "Territory": 2,
        "Organisation": 3,
        "Platform": 1,
    }
    assert node(empty_graph, "cai")["_labels"] == {"Entity", "Organisation"}
    assert node(empty_graph, "cai")["acronym"] == "CAI"
    assert node(empty_graph, "com-namur")["nis"] == "92094"


def test_a_valid_import_creates_the_relations_records_imply(empty_graph: Graph) -> None:
    report = import_paths(empty_graph, BASE)
    assert {t: c.created for t, c in report.relations.items()} == {
        "PART_OF": 1,
        "WORKS_ON": 1,
        "LOCATED_IN": 1,
        "MEMBER_OF": 1,
        "HAS_THEME": 1,
        "COVERS": 1,
    }
    membership = relation(empty_graph, "MEMBER_OF", "ili-a", "aleap")
    assert membership["role"] == "affilie"
    assert membership["validFrom"] == dt.date(2020, 1, 1)


def test_provenance_is_the_yaml_source_and_the_record_lines(imported: Graph) -> None:
    cai = node(imported, "cai")
    assert (cai["source"], cai["locator"], cai["confidence"]) == ("seed-test.txt", "L10-12", "haute")


def test_without_lines_the_locator_is_the_line_of_the_file(imported: Graph) -> None:
    assert node(imported, "aleap")["locator"] == "ligne 17"
    assert node(imported, "ili-a")["confidence"] == "moyenne"


def test_a_csv_record_without_source_has_the_file_name_as_source(imported: Graph) -> None:
    platform = node(imported, "pf-fle")
    assert (platform["source"], platform["locator"]) == ("platforms.csv", "ligne 2")


def test_relations_implied_by_a_record_carry_its_provenance(imported: Graph) -> None:
    works_on = relation(imported, "WORKS_ON", "cai", "fle")
    assert (works_on["source"], works_on["locator"]) == ("seed-test.txt", "L10-12")


def test_an_explicit_locator_is_kept_as_is(imported: Graph) -> None:
    assert relation(imported, "MEMBER_OF", "ili-a", "aleap")["locator"] == "p. 4"


def test_sector_gives_the_organisation_its_ring(imported: Graph) -> None:
    assert node(imported, "cai")["ring"] == 1


# --- idempotence, updates, dry run, graph version -------------------------------------------------------------


def test_importing_the_same_files_again_changes_nothing(imported: Graph) -> None:
    before = snapshot(imported)
    report = import_paths(imported, BASE)
    assert report.totals().created == report.totals().updated == 0
    assert report.totals().unchanged == 13
    assert not report.changed
    assert snapshot(imported) == before


def test_a_changed_value_is_reported_as_updated_and_written(imported: Graph, tmp_path: Path) -> None:
    changed = write(
        tmp_path,
        "platforms.csv",
        "id,name,kind,themes,territory\npf-fle,FLE Namur,plateforme_thematique,fle,prov-namur\n",
    )
    report = import_paths(imported, [changed])
    assert counts(report)["Platform"] == (0, 1, 0)
    assert counts(report)["HAS_THEME"] == (0, 0, 1)
    assert node(imported, "pf-fle")["name"] == "FLE Namur"


def test_a_property_absent_from_the_file_is_kept(imported: Graph, tmp_path: Path) -> None:
    import_paths(imported, [write(tmp_path, "organisations.csv", "id,name,kind,sector\ncai,CAI,cri,integration\n")])
    assert node(imported, "cai")["acronym"] == "CAI"


def test_a_dry_run_reports_the_same_counts_and_writes_nothing(empty_graph: Graph) -> None:
    before = snapshot(empty_graph)
    dry = import_paths(empty_graph, BASE, dry_run=True)
    assert snapshot(empty_graph) == before
    assert dry.dry_run
    real = import_paths(empty_graph, BASE)
    assert counts(dry) == counts(real)


def test_a_dry_run_of_invalid_files_raises_the_same_problems(empty_graph: Graph, tmp_path: Path) -> None:
    bad = write(tmp_path, "themes.csv", "id,name\nfle,\n")
    with pytest.raises(ImportValidationError) as raised:
        import_paths(empty_graph, [bad], dry_run=True)
    assert [p.field for p in raised.value.problems] == ["name"]


def test_an_import_that_changes_something_bumps_the_graph_version(imported: Graph, tmp_path: Path) -> None:
    first = graph_version(imported)
    assert first is not None
    report = import_paths(imported, [write(tmp_path, "themes.csv", "id,name\nlogement,Logement\n")])
    assert report.graph_version == first + 1
    assert graph_version(imported) == first + 1


def test_an_import_that_changes_nothing_keeps_the_graph_version(imported: Graph) -> None:
    before = graph_version(imported)
    assert import_paths(imported, BASE).graph_version is None
    assert graph_version(imported) == before


def test_a_dry_run_keeps_the_graph_version(imported: Graph, tmp_path: Path) -> None:
    before = graph_version(imported)
    import_paths(imported, [write(tmp_path, "themes.csv", "id,name\nlogement,Logement\n")], dry_run=True)
    assert graph_version(imported) == before


# --- references and duplicates ---------------------------------------------------------------------------------


def test_a_reference_may_name_an_id_already_in_the_database(imported: Graph, tmp_path: Path) -> None:
    relations = write(tmp_path, "relations.csv", "type,from,to\nACCOMPANIES,cai,ili-a\n")
    report = import_paths(imported, [relations])
    assert counts(report) == {"ACCOMPANIES": (1, 0, 0)}


def test_a_reference_may_name_an_id_defined_in_another_imported_file(empty_graph: Graph, tmp_path: Path) -> None:
    themes = write(tmp_path, "themes.csv", "id,name\nsante,Santé\n")
    orgs = write(tmp_path, "organisations.csv", "id,name,kind,sector,themes\nx,X,ili,integration,sante\n")
    import_paths(empty_graph, [orgs, themes])
    assert relation(empty_graph, "WORKS_ON", "x", "sante")["source"] == "organisations.csv"


def test_an_id_defined_twice_with_the_same_values_is_written_once(empty_graph: Graph, tmp_path: Path) -> None:
    one = write(tmp_path, "themes.csv", "id,name\nsante,Santé\n")
    other = write(tmp_path, "themes.yaml", "themes:\n  - id: sante\n    name: Santé\n")
    report = import_paths(empty_graph, [one, other])
    assert counts(report) == {"Theme": (1, 0, 0)}
    assert node(empty_graph, "sante")["source"] == "themes.csv"
    assert import_paths(empty_graph, [one, other]).changed is False


def test_a_relation_given_by_a_record_and_by_the_relations_section_is_written_once(
    empty_graph: Graph, tmp_path: Path
) -> None:
    data = write(
        tmp_path,
        "data.yaml",
        "themes:\n  - {id: sante, name: Santé}\n"
        "organisations:\n  - {id: x, name: X, kind: ili, sector: sante, themes: [sante, sante]}\n"
        "relations:\n  - {type: WORKS_ON, from: x, to: sante}\n",
    )
    report = import_paths(empty_graph, [data])
    assert counts(report)["WORKS_ON"] == (1, 0, 0)
    assert import_paths(empty_graph, [data]).changed is False


def test_a_file_named_twice_is_imported_once(empty_graph: Graph) -> None:
    report = import_paths(empty_graph, [*BASE, BASE[0]])
    assert counts(report)["Organisation"] == (3, 0, 0)


def test_a_folder_imports_the_files_it_holds_and_skips_the_others(empty_graph: Graph, tmp_path: Path) -> None:
    for source in BASE:
        (tmp_path / "nested").mkdir(exist_ok=True)
        (tmp_path / "nested" / Path(source).name).write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "LISEZMOI.md").write_text("pas des données", encoding="utf-8")
    report = import_paths(empty_graph, [tmp_path])
    assert counts(report)["Organisation"] == (3, 0, 0)


def test_a_folder_without_importable_files_is_a_problem_naming_it(empty_graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "LISEZMOI.md").write_text("pas des données", encoding="utf-8")
    with pytest.raises(ImportValidationError, match="aucun fichier importable"):
        import_paths(empty_graph, [tmp_path])


# --- formats ---------------------------------------------------------------------------------------------------


def test_an_xlsx_workbook_imports_each_sheet_as_its_section(empty_graph: Graph, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    themes = workbook.active
    assert themes is not None
    themes.title = "themes"
    themes.append(["id", "name"])
    themes.append(["sante", "Santé"])
    orgs = workbook.create_sheet("organisations")
    orgs.append(["id", "name", "kind", "sector", "themes"])
    orgs.append(["x", "X", "ili", "sante", "sante"])
    orgs.append(["y", "Y", "cpas", "action_sociale", None])
    relations = workbook.create_sheet("relations")
    relations.append(["type", "from", "to", "year", "count"])
    relations.append(["REFERS_TO", "y", "x", 2023, 42])
    workbook.create_sheet("Feuil1")
    path = tmp_path / "classeur.xlsx"
    workbook.save(path)

    report = import_paths(empty_graph, [path])

    assert counts(report) == {
        "Theme": (1, 0, 0),
        "Organisation": (2, 0, 0),
        "WORKS_ON": (1, 0, 0),
        "REFERS_TO": (1, 0, 0),
    }
    assert node(empty_graph, "y")["locator"] == "ligne 3"
    assert node(empty_graph, "y")["source"] == "classeur.xlsx"
    refers = relation(empty_graph, "REFERS_TO", "y", "x")
    assert (refers["year"], refers["count"]) == (2023, 42)


def test_an_xlsx_date_cell_is_read_as_a_date(empty_graph: Graph, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "organisations"
    sheet.append(["id", "name", "kind", "sector"])
    sheet.append(["a", "A", "ili", "integration"])
    sheet.append(["b", "B", "federation", "integration"])
    relations = workbook.create_sheet("relations")
    relations.append(["type", "from", "to", "role", "validFrom"])
    relations.append(["MEMBER_OF", "a", "b", "affilie", dt.datetime(2021, 9, 1)])
    path = tmp_path / "dates.xlsx"
    workbook.save(path)
    import_paths(empty_graph, [path])
    assert relation(empty_graph, "MEMBER_OF", "a", "b")["validFrom"] == dt.date(2021, 9, 1)


def test_a_json_file_imports_like_yaml(empty_graph: Graph, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "export.json",
        '{\n  "source": "base-exportee",\n  "themes": [\n    {"id": "sante", "name": "Santé"},\n'
        '    {"id": "fle", "name": "FLE", "locator": "theme:fle"}\n  ]\n}\n',
    )
    import_paths(empty_graph, [path])
    assert (node(empty_graph, "sante")["source"], node(empty_graph, "sante")["locator"]) == ("base-exportee", "ligne 4")
    assert node(empty_graph, "fle")["locator"] == "theme:fle"


# --- nothing is written when anything is wrong ----------------------------------------------------------------


def _fails(graph: Graph, paths: list[Path]) -> list[Problem]:
    """Import ``paths``, expect it to fail, check that nothing changed, return the problems."""
    before = snapshot(graph)
    with pytest.raises(ImportValidationError) as raised:
        import_paths(graph, paths)
    assert snapshot(graph) == before
    return raised.value.problems


def _one(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_a_missing_id_is_reported_on_its_row_and_column(imported: Graph, tmp_path: Path) -> None:
    path = write(
        tmp_path, "organisations.csv", "id,name,kind,sector\nok,OK,ili,integration\n,Sans id,ili,integration\n"
    )
    problem = _one(_fails(imported, [path]))
    assert (problem.file, problem.row, problem.field) == (str(path), 3, "id")
    assert problem.message == "champ obligatoire manquant"


def test_an_unknown_enum_value_lists_the_accepted_ones_and_suggests_the_closest(
    imported: Graph, tmp_path: Path
) -> None:
    path = write(tmp_path, "organisations.csv", "id,name,kind,sector\nx,X,federatoin,integration\n")
    problem = _one(_fails(imported, [path]))
    assert (problem.row, problem.field, problem.value) == (2, "kind", "federatoin")
    assert problem.message.startswith("valeur inconnue « federatoin » ; valeurs admises : coupole (Coupole")
    assert problem.message.endswith("(vouliez-vous dire « federation » ?)")


def test_a_french_label_instead_of_the_value_is_suggested_its_value(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "platforms.csv", "id,name,kind\np,P,Groupe de travail\n")
    assert _one(_fails(imported, [path])).message.endswith("(vouliez-vous dire « groupe_travail » ?)")


def test_a_dangling_reference_names_the_file_row_field_and_id(imported: Graph, tmp_path: Path) -> None:
    path = write(
        tmp_path, "relations.csv", "type,from,to,role\nMEMBER_OF,cai,aleap,affilie\nMEMBER_OF,ili-a,aleapp,membre\n"
    )
    problem = _one(_fails(imported, [path]))
    assert (problem.file, problem.row, problem.field, problem.value) == (str(path), 3, "to", "aleapp")
    assert "référence introuvable : aucun(e) organisation « aleapp »" in problem.message


def test_a_dangling_reference_in_a_record_field_names_that_field(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "organisations.csv", "id,name,kind,sector,themes\nx,X,ili,integration,fle; sante\n")
    problem = _one(_fails(imported, [path]))
    assert (problem.row, problem.field, problem.value) == (2, "themes", "sante")


def test_a_reference_to_an_entity_of_the_wrong_kind_is_refused(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "organisations.csv", "id,name,kind,sector,location\nx,X,ili,integration,fle\n")
    problem = _one(_fails(imported, [path]))
    assert problem.field == "location"
    assert problem.message == "« fle » est un(e) thème, alors que la relation LOCATED_IN attend : territoire"


def test_an_id_defined_twice_with_different_values_names_both_places(imported: Graph, tmp_path: Path) -> None:
    first = write(tmp_path, "themes.csv", "id,name\nsante,Santé\n")
    second = write(tmp_path, "themes.yaml", "themes:\n  - id: sante\n    name: Santé et bien-être\n")
    problem = _one(_fails(imported, [first, second]))
    assert (problem.file, problem.row, problem.field) == (str(second), 2, "id")
    assert problem.message == f"l'identifiant « sante » est déjà défini avec d'autres valeurs ({first}, ligne 2)"


def test_an_id_the_database_gives_to_another_kind_is_refused(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "themes.csv", "id,name\naleap,ALEAP\n")
    problem = _one(_fails(imported, [path]))
    assert (problem.row, problem.field) == (2, "id")
    assert problem.message == "l'identifiant « aleap » désigne déjà un(e) organisation dans la base ; ici : thème"


def test_an_invalid_date_asks_for_the_expected_format(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "relations.csv", "type,from,to,role,validFrom\nMEMBER_OF,cai,aleap,membre,2024-02-30\n")
    problem = _one(_fails(imported, [path]))
    assert (problem.row, problem.field, problem.value) == (2, "validFrom", "2024-02-30")
    assert problem.message == "date invalide, format attendu AAAA-MM-JJ"


def test_a_valid_to_before_valid_from_is_refused(imported: Graph, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "relations.yaml",
        "relations:\n  - type: MEMBER_OF\n    from: cai\n    to: aleap\n    role: membre\n"
        "    validFrom: 2024-01-01\n    validTo: 2023-06-30\n",
    )
    problem = _one(_fails(imported, [path]))
    assert (problem.row, problem.field) == (2, "validTo")
    assert problem.message == "validTo (2023-06-30) précède validFrom (2024-01-01)"


def test_a_referral_needs_either_a_count_or_a_group_count(imported: Graph, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "relations.csv",
        "type,from,to,year,count,groupCount\nREFERS_TO,cai,aleap,2023,4,9\nREFERS_TO,cai,aleap,2022,,\n",
    )
    problems = _fails(imported, [path])
    assert [(p.row, p.field) for p in problems] == [(2, "year"), (3, "year")]
    assert all("groupCount" in p.message for p in problems)


def test_a_group_count_is_stored_apart_from_count(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "relations.csv", "type,from,to,year,groupCount\nREFERS_TO,cai,aleap,2023,9\n")
    import_paths(imported, [path])
    referral = relation(imported, "REFERS_TO", "cai", "aleap")
    assert (referral.get("count"), referral["groupCount"]) == (None, 9)


def test_lines_may_list_several_ranges(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "themes.yaml", 'themes:\n  - {id: asile, name: Asile, lines: "12-20, 31"}\n')
    import_paths(imported, [path])
    assert node(imported, "asile")["locator"] == "L12-20, L31"


def test_an_unknown_role_suggests_the_closest(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "relations.csv", "type,from,to,role\nMEMBER_OF,cai,aleap,afilie\n")
    problem = _one(_fails(imported, [path]))
    assert problem.field == "role"
    assert problem.message.endswith("(vouliez-vous dire « affilie » ?)")


def test_a_file_that_is_not_utf8_is_refused_naming_the_row(imported: Graph, tmp_path: Path) -> None:
    content = "id,name\nsante,Sante\nlogement,Société du logement\n".encode("latin-1")
    path = write(tmp_path, "themes.csv", content)
    problem = _one(_fails(imported, [path]))
    assert problem.row == 3
    assert problem.message.startswith("le fichier n'est pas encodé en UTF-8 (octet 0xE9 illisible)")


def test_an_empty_file_is_refused(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "themes.csv", "")
    problem = _one(_fails(imported, [path]))
    assert (problem.file, problem.row, problem.message) == (str(path), None, "le fichier est vide")


def test_an_unknown_column_is_refused_with_the_closest_name(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "themes.csv", "id,nmae\nsante,Santé\n")
    problems = _fails(imported, [path])
    assert [(p.row, p.field) for p in problems] == [(1, "nmae"), (1, "name")]
    assert problems[0].message.startswith("colonne inconnue (vouliez-vous dire « name » ?)")
    assert problems[1].message == "colonne obligatoire absente de l'en-tête"


def test_an_unknown_yaml_field_is_refused(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "themes:\n  - id: sante\n    name: Santé\n    nom: Santé\n")
    problem = _one(_fails(imported, [path]))
    assert (problem.row, problem.field) == (2, "nom")
    assert problem.message.startswith("champ inconnu (vouliez-vous dire « name » ?)")


def test_an_unknown_section_is_refused_with_the_closest_name(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "organisation.csv", "id,name,kind,sector\nx,X,ili,integration\n")
    problem = _one(_fails(imported, [path]))
    assert problem.message.startswith("section inconnue « organisation » (vouliez-vous dire « organisations » ?)")


def test_an_unknown_yaml_section_is_reported_on_its_line(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "source: s.txt\nthemes: []\nplatform:\n  - id: p\n")
    problem = _one(_fails(imported, [path]))
    assert problem.row == 3
    assert "vouliez-vous dire « platforms »" in problem.message


def test_an_unsupported_extension_is_refused(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "bonjour")
    problem = _one(_fails(imported, [path]))
    assert problem.message.startswith("format non pris en charge « .txt » ; formats admis : .csv, .json, .xlsx")


def test_every_bad_row_of_a_file_is_reported(imported: Graph) -> None:
    problems = _fails(imported, [FIXTURES / "bad" / "organisations.csv"])
    assert [(p.row, p.field) for p in problems] == [
        (3, "id"),
        (4, "kind"),
        (5, "sector"),
        (6, "website"),
        (7, "location"),
    ]


def test_problems_of_several_files_are_reported_together(imported: Graph, tmp_path: Path) -> None:
    themes = write(tmp_path, "themes.csv", "id,name\nSanté,Santé\n")
    platforms = write(tmp_path, "platforms.csv", "id,name,kind\np,,reseau\n")
    problems = _fails(imported, [themes, platforms])
    assert [(Path(p.file).name, p.row, p.field) for p in problems] == [
        ("themes.csv", 2, "id"),
        ("platforms.csv", 2, "name"),
    ]
    assert problems[0].message.endswith("(vouliez-vous dire « sante » ?)")


def test_the_check_stops_after_a_thousand_problems(imported: Graph, tmp_path: Path) -> None:
    path = write(tmp_path, "themes.csv", "id,name\n" + "".join(f"t{i},\n" for i in range(1500)))
    problems = _fails(imported, [path])
    assert len(problems) == 1001
    assert problems[-1].message == "1000 problèmes trouvés : la vérification s'est arrêtée là"


def test_an_error_in_the_middle_of_the_writes_leaves_the_database_unchanged(imported: Graph, tmp_path: Path) -> None:
    rows = "".join(f"t{i},Thème {i}\n" for i in range(12_000))
    path = write(tmp_path, "themes.csv", "id,name\n" + rows)
    before = snapshot(imported)

    class Crash(Exception):
        pass

    def crash_after_first_batch(phase: str, done: int, total: int | None) -> None:
        if phase.startswith("Écriture") and done >= 5000:
            assert imported.read("MATCH (n:Theme) RETURN count(n) AS n")[0]["n"] == 1  # not visible outside
            raise Crash

    with pytest.raises(Crash):
        import_paths(imported, [path], progress=crash_after_first_batch)
    assert snapshot(imported) == before


# --- validation without writing --------------------------------------------------------------------------------


def test_validate_paths_returns_no_problem_for_valid_files(empty_graph: Graph) -> None:
    assert validate_paths(empty_graph, BASE) == []
    assert empty_graph.read("MATCH (n:Entity) RETURN count(n) AS n") == [{"n": 0}]


def test_validate_paths_returns_the_problems_instead_of_raising(imported: Graph) -> None:
    problems = validate_paths(imported, [FIXTURES / "bad" / "organisations.csv"])
    assert len(problems) == 5


@pytest.mark.parametrize("name", ["\u0000", "\u202egnp.exe", "\u200b", "\u202d\u202c", "\\\x8e"])
def test_a_name_of_control_or_invisible_characters_is_refused_naming_the_field(
    empty_graph: Graph, tmp_path: Path, name: str
) -> None:
    path = tmp_path / "invisible.json"
    path.write_text(
        json.dumps({"organisations": [{"id": "invisible", "name": name, "kind": "coupole", "sector": "integration"}]})
    )
    with pytest.raises(ImportValidationError) as raised:
        import_paths(empty_graph, [path])
    [problem] = raised.value.problems
    assert problem.field == "name" and ("invisible" in problem.message or "illisible" in problem.message)
    assert empty_graph.read("MATCH (o:Organisation) RETURN o") == []
