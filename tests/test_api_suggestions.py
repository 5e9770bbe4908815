"""partnerSuggestions over HTTP: the same answers while the server builds its suggestion index in the background,
once it answers from it, and right after a write (the index of the older version gives way to the query)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx

from maillage.graph.connection import Graph
from maillage.importers import import_paths
from maillage.queries.horizontal import partner_suggestions

QUERY = """query($id: ID!, $theme: ID, $limit: Int!) {
  partnerSuggestions(id: $id, theme: $theme, limit: $limit) {
    organisation { id name } score parts { factor value weight explanation } sharedThemes { id name }
    commonPartners { id name }
  }
}"""

TARGETS = [
    ("cai", None),
    ("cai", "fle"),
    ("plateforme-fle-namur", None),
    ("ssm-balances", None),
    ("plateforme-forem-dinant", None),
]

ARRIVAL = """
organisations:
  - {id: nouvel-operateur, name: Aaa nouvel opérateur, kind: operateur, sector: formation,
     themes: [fle], location: com-namur}
"""


def over_http(url: str, target: str, theme: str | None) -> list[dict[str, Any]]:
    body = httpx.post(
        f"{url}/graphql", json={"query": QUERY, "variables": {"id": target, "theme": theme, "limit": 20}}, timeout=60
    ).json()
    assert "errors" not in body, body.get("errors")
    found: list[dict[str, Any]] = body["data"]["partnerSuggestions"]
    return found


def from_the_query(graph: Graph, target: str, theme: str | None) -> list[dict[str, Any]]:
    """The answer of the query path (no index), in the API's shape."""
    return [
        {
            "organisation": {"id": s.organisation.id, "name": s.organisation.name},
            "score": s.score,
            "parts": [
                {"factor": p.factor, "value": p.value, "weight": p.weight, "explanation": p.explanation}
                for p in s.parts
            ],
            "sharedThemes": [{"id": t.id, "name": t.name} for t in s.shared_themes],
            "commonPartners": [{"id": p.id, "name": p.name} for p in s.common_partners],
        }
        for s in partner_suggestions(graph, target, theme=theme, as_of=dt.date.today())
    ]


def test_the_api_answers_suggestions_as_the_query_before_during_and_after_its_index_and_after_a_write(
    reference_graph: Graph,
    serve: Callable[..., AbstractContextManager[str]],
    test_server: dict[str, str],
    tmp_path: Path,
) -> None:
    expected = {key: from_the_query(reference_graph, *key) for key in TARGETS}
    with serve(test_server, tmp_path / "serve.log") as url:
        deadline = time.monotonic() + 20  # the first request starts the build; later ones find it done
        while time.monotonic() < deadline:
            for key in TARGETS:
                assert over_http(url, *key) == expected[key], key
            time.sleep(0.5)
        (tmp_path / "arrival.yaml").write_text(ARRIVAL, encoding="utf-8")
        import_paths(reference_graph, [tmp_path / "arrival.yaml"])  # the module's own copy of the reference
        after = from_the_query(reference_graph, "cai", "fle")
        assert "nouvel-operateur" in [s["organisation"]["id"] for s in after]
        assert over_http(url, "cai", "fle") == after  # at once: the index of the older version is not used
        time.sleep(5)  # the rebuilt index answers the same
        assert over_http(url, "cai", "fle") == after
