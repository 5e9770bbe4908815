"""Fuzzing of the GraphQL API with schemathesis (GraphQL mode), in production mode::

    .venv/bin/python bench/fuzz.py --requests 10000

The script starts a disposable Neo4j, loads the reference dataset, creates a staff token, starts
``maillage serve`` with ``MAILLAGE_ENV=production`` (no introspection: the schema is read from
``api/schema.graphql``) and sends, round after round, schemathesis-generated queries and mutations for
every root field of the schema, alternately anonymously and with the staff token, until ``--requests``
requests were sent. A fixed set of hostile HTTP requests (wrong Content-Types, JSON bodies that are not
objects, a 5000-digit integer, deep nesting, invisible names…) is sent too. The requirement is
**0 responses with a 5xx status other than 503** (503 is the outage contract, and the database stays
up here, so any 503 is reported too) and no traceback in the server log.
Results go to bench/results/fuzz.{json,md}; the exit status is 1 if the requirement is not met.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import requests
import schemathesis
from api_latency import running_api
from common import REPO, disposable_graph, save
from hypothesis import HealthCheck, Phase, given, settings

from maillage.importers import import_paths
from maillage.queries.tokens import create_token

REFERENCE = sorted((REPO / "data" / "reference").glob("*.yaml"))
SCHEMA = REPO / "api" / "schema.graphql"

HOSTILE: list[tuple[str, dict[str, str], bytes]] = [
    ("x-application/json, objet", {"content-type": "x-application/json"}, b'{"query": "{ viewer { role } }"}'),
    ('x-application/json, "x"', {"content-type": "x-application/json"}, b'"x"'),
    ("x-application/json, 123", {"content-type": "x-application/json"}, b"123"),
    ("x-application/json, null", {"content-type": "x-application/json"}, b"null"),
    ("x-application/json, entier de 5000 chiffres", {"content-type": "x-application/json"}, b"9" * 5000),
    ("application/json, entier de 5000 chiffres", {"content-type": "application/json"}, b"9" * 5000),
    (
        "text/plain, application/json",
        {"content-type": "text/plain, application/json"},
        b'{"query": "{ viewer { role } }"}',
    ),
    ('application/json, "x"', {"content-type": "application/json"}, b'"x"'),
    ("application/json, null", {"content-type": "application/json"}, b"null"),
    ("application/json, [] ", {"content-type": "application/json"}, b"[]"),
    ("application/json, imbrication profonde", {"content-type": "application/json"}, b"[" * 60000),
    ("sans Content-Type", {}, b'{"query": "{ viewer { role } }"}'),
    ("multipart", {"content-type": "multipart/form-data; boundary=x"}, b"--x--"),
    (
        "variables: entier de 5000 chiffres",
        {"content-type": "application/json"},
        b'{"query": "query($n: Int) { themes(first: $n) { totalCount } }", "variables": {"n": ' + b"9" * 5000 + b"}}",
    ),
    (
        "variables: 1e999",
        {"content-type": "application/json"},
        b'{"query": "query($n: Int) { themes(first: $n) { totalCount } }", "variables": {"n": 1e999}}',
    ),
]


def _send_hostile(url: str, token: str) -> list[dict[str, Any]]:
    rows = []
    for name, headers, body in HOSTILE:
        for who, extra in (("anonyme", {}), ("équipe", {"authorization": f"Bearer {token}"})):
            response = requests.post(f"{url}/graphql", data=body, headers={**headers, **extra}, timeout=30)
            rows.append({"case": name, "caller": who, "status": response.status_code, "body": response.text[:300]})
    return rows


class Tally:
    """Statuses, per-operation counts and the 5xx answers seen."""

    def __init__(self) -> None:
        self.statuses: Counter[int] = Counter()
        self.codes: Counter[str] = Counter()
        self.operations: Counter[str] = Counter()
        self.failures: list[dict[str, Any]] = []
        self.sent = 0
        self.on_progress: Any = None

    def record(self, operation: str, caller: str, body: Any, response: requests.Response) -> None:
        self.sent += 1
        self.statuses[response.status_code] += 1
        self.operations[operation] += 1
        try:
            errors = response.json().get("errors") or []
            for error in errors[:1]:
                self.codes[str((error.get("extensions") or {}).get("code", "SANS_CODE"))] += 1
        except (ValueError, AttributeError):
            self.codes["NON_JSON"] += 1
        if self.on_progress is not None and self.sent % 500 == 0:
            self.on_progress()
        if response.status_code >= 500 and len(self.failures) < 50:
            self.failures.append(
                {
                    "operation": operation,
                    "caller": caller,
                    "request": body,
                    "status": response.status_code,
                    "response": response.text[:1000],
                }
            )


def _campaign(
    operation: Any, caller: str, headers: dict[str, str], url: str, session: Any, examples: int, tally: Tally
) -> Any:
    """A hypothesis test sending ``examples`` cases of ``operation`` as ``caller``."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(base_url=f"{url}/graphql", session=session, headers=headers, timeout=60)
        tally.record(operation.label, caller, case.body, response)

    return run


def fuzz(url: str, token: str, target: int, tally: Tally) -> int:
    """Rounds of schemathesis cases over every operation until ``target`` requests were sent; the rounds."""
    schema = schemathesis.graphql.from_path(SCHEMA)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    per_operation = max(10, target // (2 * len(operations)) + 1)
    session = requests.Session()
    rounds = 0
    while tally.sent < target:
        rounds += 1
        for operation in operations:
            for caller, headers in (("anonyme", {}), ("équipe", {"Authorization": f"Bearer {token}"})):
                _campaign(operation, caller, headers, url, session, per_operation, tally)()
        print(f"tour {rounds} : {tally.sent} requêtes, statuts {dict(tally.statuses)}", flush=True)
    return rounds


def report(argv: list[str], target: int, tally: Tally, hostile: list[dict[str, Any]], wall: float, log: str) -> bool:
    """Save the results so far in bench/results/fuzz.{json,md}; True if the requirement is met."""
    hostile_5xx = [row for row in hostile if row["status"] >= 500]
    server_errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    tracebacks = log.count("Traceback")
    complete = tally.sent >= target
    results = {
        "schemathesis": schemathesis.__version__ if hasattr(schemathesis, "__version__") else "4.32.5",
        "mode": "production",
        "target": target,
        "requests": tally.sent,
        "complete": complete,
        "operations": len(tally.operations),
        "wall_s": round(wall, 1),
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "error_codes": dict(tally.codes.most_common()),
        "server_errors_5xx": server_errors,
        "failures": tally.failures,
        "hostile": hostile,
        "hostile_5xx": len(hostile_5xx),
        "server_log_tracebacks": tracebacks,
        "passed": complete and server_errors == 0 and not hostile_5xx and tracebacks == 0,
    }
    statuses = ", ".join(f"{k} : {v}" for k, v in dict(results["statuses"]).items())  # type: ignore[call-overload]
    hostile_lines = "\n".join(f"| {r['case']} | {r['caller']} | {r['status']} |" for r in hostile)
    state = "terminé" if complete else f"INTERROMPU ou en cours (objectif {target})"
    markdown = (
        f"Fuzzing GraphQL (schemathesis {results['schemathesis']}, mode production, {state}) : {tally.sent} "
        f"requêtes générées sur {len(tally.operations)} champs racine, anonymes et avec jeton, en {wall:.0f} s.\n\n"
        f"Statuts HTTP : {statuses}.\n\n"
        f"**Réponses 5xx : {server_errors}** ; tracebacks dans le journal du serveur : {tracebacks}.\n\n"
        f"Codes d'erreur (premier de chaque réponse) : {json.dumps(results['error_codes'], ensure_ascii=False)}\n\n"
        f"Requêtes hostiles ({len(hostile)}, 5xx : {len(hostile_5xx)}) :\n\n"
        "| cas | appelant | statut |\n|---|---|---|\n"
        f"{hostile_lines}\n\n"
        f"Exigence ({target} requêtes, 0 5xx, 0 traceback) : {'respectée' if results['passed'] else 'NON respectée'}."
    )
    save("fuzz", " ".join(["bench/fuzz.py", *argv]), results, markdown)
    print(markdown, flush=True)
    return bool(results["passed"])


def main(argv: list[str] | None = None) -> int:
    argv = list(argv if argv is not None else sys.argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000, help="requêtes générées au moins (défaut 10000)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    with disposable_graph() as (graph, env):
        graph.tx_timeout = 600  # the machine may be loaded: the import must not time out
        import_paths(graph, REFERENCE)
        token = create_token(graph, "Fuzzing", "staff")[1]
        with running_api({**env, "MAILLAGE_ENV": "production"}) as api:
            started = time.monotonic()
            hostile = _send_hostile(api.url, token)
            tally = Tally()

            def progress() -> None:  # partial results survive an interrupted run
                report(argv, args.requests, tally, hostile, time.monotonic() - started, api.log_text())

            tally.on_progress = progress
            try:
                fuzz(api.url, token, args.requests, tally)
            finally:
                passed = report(argv, args.requests, tally, hostile, time.monotonic() - started, api.log_text())
    return 0 if passed else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
