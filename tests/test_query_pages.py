"""Pages cut in the database: keyset cursors on the stored folded sort keys, one query per access pattern,
NOT_FOUND naming a wrong id given to a list filter, and the migration that fills the keys of old nodes."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import import_paused_at

from maillage.graph.connection import Graph
from maillage.graph.errors import InvalidInput, NotFound
from maillage.graph.folding import ID_KEY, SORT_KEY, sort_key
from maillage.graph.model import Label
from maillage.graph.schema import fill_sort_keys
from maillage.importers.writing import PUBLISHING
from maillage.queries.diagonal import seats_by_body
from maillage.queries.entities import (
    LISTABLE,
    MAX_PAGE,
    SORT_KEYS,
    EntityFilter,
    EntityPage,
    decode_cursor,
    encode_cursor,
    list_entities,
)
from maillage.queries.gaps import cpas_without_cri_link
from maillage.queries.horizontal import sector_bridges

NAMES = """
source: test
territories:
  - {id: wallonie, name: Wallonie, level: region}
  - {id: com-namur, name: Namur, level: commune, parent: wallonie}
themes:
  - {id: fle, name: Français langue étrangère}
organisations:
  - {id: o1, name: Écrivain public, kind: association, sector: integration, location: com-namur}
  - {id: o2, name: ecole des devoirs, kind: association, sector: integration}
  - {id: o3, name: Ecole de Devoirs, kind: ili, sector: integration, themes: [fle]}
  - {id: o4, name: Zèbre, kind: association, sector: logement}
  - {id: o5, name: avenir, kind: cpas, sector: action_sociale, location: com-namur}
"""


@pytest.fixture
def names(load_yaml: Callable[[str], Graph]) -> Graph:
    return load_yaml(NAMES)


def walk(
    graph: Graph, label: Label, filters: EntityFilter | None = None, *, first: int = 2, **options: object
) -> list[str]:
    """Every id of a list, page by page (pages of ``first``), following the cursors."""
    seen: list[str] = []
    after = None
    while True:
        page: EntityPage = list_entities(graph, label, filters, first=first, after=after, **options)  # type: ignore[arg-type]
        seen += [item.id for item in page.items]
        if not page.has_next_page:
            return seen
        after = page.end_cursor


def test_names_sort_without_case_or_accents(names: Graph) -> None:
    assert walk(names, Label.ORGANISATION) == ["o5", "o3", "o2", "o1", "o4"]


def test_the_descending_order_is_the_reverse(names: Graph) -> None:
    assert walk(names, Label.ORGANISATION, descending=True) == ["o4", "o1", "o2", "o3", "o5"]


def test_the_id_order_pages_through_every_entity(names: Graph) -> None:
    assert walk(names, Label.ORGANISATION, sort_key="id", descending=True) == ["o5", "o4", "o3", "o2", "o1"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EntityFilter(kinds=["association", "cpas"]), ["o5", "o2", "o1", "o4"]),
        (EntityFilter(sectors=["integration"]), ["o3", "o2", "o1"]),
        (EntityFilter(kinds=["association"], sectors=["integration"]), ["o2", "o1"]),
        (EntityFilter(territory="wallonie"), ["o5", "o1"]),
        (EntityFilter(theme="fle"), ["o3"]),
        (EntityFilter(text="ecole"), ["o3", "o2"]),
        (EntityFilter(text="ÉCOLE", kinds=["ili"]), ["o3"]),
    ],
)
def test_every_access_pattern_pages_in_name_order(names: Graph, filters: EntityFilter, expected: list[str]) -> None:
    assert walk(names, Label.ORGANISATION, filters) == expected


def test_the_total_counts_every_match_not_the_page(names: Graph) -> None:
    page = list_entities(names, Label.ORGANISATION, EntityFilter(kinds=["association"]), first=1)
    assert (page.total, len(page.items), page.has_next_page) == (3, 1, True)


@pytest.mark.parametrize("label", sorted(LISTABLE), ids=str)
def test_the_total_of_a_whole_label_is_the_number_of_entities_it_lists(names: Graph, label: Label) -> None:
    assert list_entities(names, label, first=1).total == len(walk(names, label, first=MAX_PAGE))


def test_the_total_of_a_whole_label_is_the_same_in_every_order(names: Graph) -> None:
    totals = {
        list_entities(names, Label.ORGANISATION, first=1, sort_key=key, descending=descending).total
        for key in SORT_KEYS
        for descending in (False, True)
    }
    assert totals == {5}


def test_while_an_import_publishes_the_total_counts_what_the_list_shows(
    names: Graph, test_server: dict[str, str], tmp_path: Path
) -> None:
    row = "  - {{id: new-{0}, name: Nouvelle {0}, kind: association, sector: integration}}\n"
    rows = "".join(row.format(i) for i in range(120))
    path = tmp_path / "new.yaml"
    path.write_text(f"source: test\norganisations:\n{rows}", encoding="utf-8")
    with import_paused_at(PUBLISHING, [path], test_server):
        listed = walk(names, Label.ORGANISATION, first=MAX_PAGE)
        total = list_entities(names, Label.ORGANISATION, first=1).total
    assert 5 < len(listed) < 5 + 120  # the import stood between two of its publish batches
    assert total == len(listed)


def test_a_cursor_of_another_sort_is_refused(names: Graph) -> None:
    cursor = list_entities(names, Label.ORGANISATION, first=1).end_cursor
    with pytest.raises(InvalidInput, match="triée autrement"):
        list_entities(names, Label.ORGANISATION, first=1, after=cursor, descending=True)


def test_an_offset_cursor_of_the_former_api_is_refused(names: Graph) -> None:
    with pytest.raises(InvalidInput, match="Curseur invalide"):
        list_entities(names, Label.ORGANISATION, after="YXByZXM6MjA=")  # « apres:20 »


@pytest.mark.parametrize(
    ("filters", "argument"),
    [
        (EntityFilter(territory="nope"), "territory"),
        (EntityFilter(theme="com-namur"), "theme"),
        (EntityFilter(platform="nope", kinds=["cpas"]), "platform"),
        (EntityFilter(body="nope", text="ecole"), "body"),
        (EntityFilter(theme="fle", territory="nope"), "territory"),
    ],
)
def test_a_wrong_id_in_a_filter_is_not_found_naming_the_argument(
    names: Graph, filters: EntityFilter, argument: str
) -> None:
    with pytest.raises(NotFound, match=f"^{argument} : "):
        list_entities(names, Label.ORGANISATION, filters)


def test_importers_store_both_sort_keys(names: Graph) -> None:
    [row] = names.read(f"MATCH (n:Organisation {{id: 'o1'}}) RETURN n.{SORT_KEY} AS s, n.{ID_KEY} AS i")
    assert (row["s"], row["i"]) == (sort_key("Organisation", "o1", "Écrivain public"), "Organisation\x1eo1")


def test_the_keys_stay_out_of_the_listed_properties(names: Graph) -> None:
    [item] = list_entities(names, Label.ORGANISATION, first=1).items
    assert SORT_KEY not in item.properties and ID_KEY not in item.properties


def test_the_migration_fills_the_keys_of_nodes_written_before_it(names: Graph) -> None:
    names.write(f"MATCH (n:Entity) REMOVE n.{SORT_KEY}, n.{ID_KEY}")
    assert fill_sort_keys(names) == 8  # 5 organisations, 2 territories, 1 theme
    assert walk(names, Label.ORGANISATION) == ["o5", "o3", "o2", "o1", "o4"]


# --- registry, gaps and bridges ------------------------------------------------------------------


def test_seats_of_an_unknown_body_are_not_found_naming_body_id(reference_graph: Graph) -> None:
    with pytest.raises(NotFound, match="^bodyId : .*« nope »"):
        seats_by_body(reference_graph, body_id="nope")


def test_seats_of_an_unknown_holder_are_not_found_naming_holder_id(reference_graph: Graph) -> None:
    with pytest.raises(NotFound, match="^holderId : "):
        seats_by_body(reference_graph, holder_id="nope")


def test_the_seats_of_one_body_are_those_of_the_whole_registry(reference_graph: Graph) -> None:
    day = dt.date(2025, 6, 1)
    everything = {row.body.id: row for row in seats_by_body(reference_graph, as_of=day)}
    body = next(iter(everything))
    assert seats_by_body(reference_graph, body_id=body, as_of=day) == [everything[body]]


def test_the_seats_of_one_holder_are_its_seats_in_the_whole_registry(reference_graph: Graph) -> None:
    day = dt.date(2025, 6, 1)
    everything = seats_by_body(reference_graph, as_of=day)
    holder = everything[0].seats[0].holder.id
    expected = [(b.body.id, [s.id for s in b.seats if s.holder.id == holder]) for b in everything]
    found = [(b.body.id, [s.id for s in b.seats]) for b in seats_by_body(reference_graph, holder_id=holder, as_of=day)]
    assert found == [(body, seats) for body, seats in expected if seats]


def test_expiring_seats_are_those_of_the_registry_ending_in_time(reference_graph: Graph) -> None:
    day = dt.date(2025, 6, 1)
    until = day + dt.timedelta(days=3660)
    everything = seats_by_body(reference_graph, as_of=day)
    expected = [
        (b.body.id, [s.id for s in b.seats if s.valid_to is not None and s.valid_to <= until]) for b in everything
    ]
    found = seats_by_body(reference_graph, expiring_within_days=3660, as_of=day)
    assert [(b.body.id, [s.id for s in b.seats]) for b in found] == [(b, s) for b, s in expected if s]


def test_cpas_of_an_unknown_cri_are_not_found_naming_cri_id(reference_graph: Graph) -> None:
    with pytest.raises(NotFound, match="^criId : "):
        cpas_without_cri_link(reference_graph, cri_id="nope")


def test_bridge_pages_follow_each_other_in_name_order(reference_graph: Graph) -> None:
    whole = [b.organisation.id for b in sector_bridges(reference_graph, limit=200)]
    paged: list[str] = []
    after = None
    while page := sector_bridges(reference_graph, limit=2, after=after):
        paged += [b.organisation.id for b in page]
        after = page[-1].cursor
    assert paged == whole and len(whole) > 2


def test_a_second_page_of_bridges_continues_the_first_with_the_same_ties(reference_graph: Graph) -> None:
    whole = sector_bridges(reference_graph, limit=4)
    first = sector_bridges(reference_graph, limit=2)
    second = sector_bridges(reference_graph, limit=2, after=first[-1].cursor)
    assert len(whole) > 2
    assert first + second == whole


def test_bridges_can_require_several_sectors(reference_graph: Graph) -> None:
    found = sector_bridges(reference_graph, min_sectors=2, limit=200)
    assert found and all(b.sectors >= 2 for b in found)
    assert len(found) < len(sector_bridges(reference_graph, limit=200))


def test_an_entity_cursor_keeps_its_format_so_that_cursors_given_before_still_work() -> None:
    given_before = base64.urlsafe_b64encode('apres-cle:["name",true,"Ça \\"x\\"\\u0000"]'.encode()).decode()
    assert encode_cursor("name", True, 'Ça "x"\u0000') == given_before
    assert decode_cursor(given_before, "name", True) == 'Ça "x"\u0000'
