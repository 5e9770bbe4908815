"""maillage's API against its peer, Neo4j's own GraphQL library, and against the bare driver (the floor)::

    .venv/bin/python bench/peer.py --scale 100 --requests 1000 --clients 1 20

One disposable Neo4j (``common.stoppable_graph``) is loaded with ``maillage synth --scale N``. Three
servers then answer the same three operations over the same data:

- maillage: ``maillage serve`` (``--workers``), its GraphQL API over HTTP;
- the peer: @neo4j/graphql 7 on graphql-yoga (``bench/peer/``: pinned npm packages installed with
  ``npm ci`` from the committed lock file, type definitions in ``bench/peer/schema.graphql``), one Node
  process over HTTP;
- the floor: the Cypher maillage sends for the operation (captured from its query functions: the same
  files and parameters), replayed through the Python driver in this process, without GraphQL or HTTP.

The operations: one organisation with its links (``neighbourhood``), the first 100 organisations of a kind
with their total (``organisations``), the seats of one body (``seatsByBody``), each over a rotation of ids.
Their answers are first checked equal (same ids and fields, dates and links) for every id of the rotation;
then, after ``--warmup`` requests, ``--requests`` requests are timed with 1 client (p50, p95) and with 20
concurrent clients (requests/s), ``--rounds`` times with the sides taking turns (each keeps its round of median
req/s; on a shared machine the load changes during a run, and measuring the sides one after the other put the
whole change on one of them). When maillage answers with errors, the end of its server's log is kept with the
figures. Targets: maillage's p50 ≤ 1.5 × the floor's at 1 client, maillage's req/s
≥ 1.0 × the peer's at 20 clients. Results in bench/results/peer.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from api_latency import Api, Outcome, hammer, running_api
from common import REPO, save, stop, stoppable_graph

from maillage.graph import server
from maillage.graph.connection import Graph
from maillage.graph.model import REL_SPECS, Label
from maillage.graph.settings import load_settings
from maillage.importers import import_paths
from maillage.importers.synthetic import generate
from maillage.queries import diagonal, network
from maillage.queries.entities import EntityFilter, list_entities

PEER = REPO / "bench" / "peer"
ROTATION = 10
"""Distinct ids (or kinds) each operation rotates over."""

# --- the operations, as each side asks them ----------------------------------------------------------

M_NEIGHBOURHOOD = """query ($id: ID!) { neighbourhood(id: $id) {
  id labels properties relationships { type outgoing other { id } properties }
} }"""
M_ORGANISATIONS = """query ($kind: OrgKind!) { organisations(kind: [$kind], first: 100) {
  totalCount edges { node { id name kind } }
} }"""
M_SEATS = """query ($id: ID!) { seatsByBody(bodyId: $id) {
  body { id name } seats { id seat validFrom validTo holder { id name } }
} }"""

VALID_EDGE = (
    "{ edge: { AND: [{ OR: [{ validFrom: { eq: null } }, { validFrom: { lte: $asOf } }] },"
    " { OR: [{ validTo: { eq: null } }, { validTo: { gte: $asOf } }] }] } }"
)
VALID_NODE = (
    "{ AND: [{ OR: [{ validFrom: { eq: null } }, { validFrom: { lte: $asOf } }] },"
    " { OR: [{ validTo: { eq: null } }, { validTo: { gte: $asOf } }] }] }"
)


def peer_link_fields() -> list[tuple[str, str, bool]]:
    """(field, relationship type, outgoing) of every link of an organisation in the peer's schema.

    The types of ``REL_SPECS`` starting or ending at an organisation, WORKS_FOR (from a person) left out as
    maillage leaves people out for anonymous callers; :func:`peer_type_defs` writes them into the peer's schema.
    """

    def camel(rel: str) -> str:
        first, *rest = rel.lower().split("_")
        return first + "".join(part.title() for part in rest)

    org = Label.ORGANISATION
    fields = [(f"{camel(t.value)}Out", t.value, True) for t, s in REL_SPECS.items() if org in s.sources]
    fields += [
        (f"{camel(t.value)}In", t.value, False)
        for t, s in REL_SPECS.items()
        if org in s.targets and Label.PERSON not in s.sources
    ]
    return fields


LINKS_MARK = "  # LINKS:"
"""The line of ``bench/peer/schema.graphql`` that the link fields replace."""


def peer_type_defs() -> str:
    """``bench/peer/schema.graphql`` with an organisation's link fields in place of its ``# LINKS`` line."""
    template = (PEER / "schema.graphql").read_text()
    fields = "".join(
        f'  {name}: [Entity!]! @relationship(type: "{rel}", direction: {"OUT" if out else "IN"}, properties: "Link")\n'
        for name, rel, out in peer_link_fields()
    )
    lines = template.splitlines(keepends=True)
    return "".join(fields if line.startswith(LINKS_MARK) else line for line in lines)


def peer_neighbourhood() -> str:
    links = "\n".join(
        f"  {name}Connection(where: {VALID_EDGE}) {{ edges {{ node {{ id }} "
        "properties { validFrom validTo role source locator } } }"
        for name, _, _ in peer_link_fields()
    )
    return (
        "query ($id: ID!, $asOf: Date!) { organisations(where: { id: { eq: $id } }) {\n"
        f"  id name kind\n{links}\n}} }}"
    )


P_ORGANISATIONS = """query ($kind: String!) {
  organisationsConnection(first: 100, where: { kind: { eq: $kind } }, sort: [{ sortKey: ASC }]) {
    totalCount edges { node { id name kind } }
  }
}"""
P_SEATS = (
    "query ($id: ID!, $asOf: Date!) { bodies(where: { id: { eq: $id } }) { id name "
    f"seats(where: {VALID_NODE}) {{ id seat validFrom validTo holder {{ id name }} }} }} }}"
)


# --- answers made comparable ---------------------------------------------------------------------------


def _day(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


def _link(type_: str, outgoing: bool, other: str, props: dict[str, Any]) -> tuple[Any, ...]:
    return (
        type_,
        outgoing,
        other,
        _day(props.get("validFrom")),
        _day(props.get("validTo")),
        props.get("role"),
        props.get("source"),
        props.get("locator"),
    )


def same_neighbourhood(m: dict[str, Any], p: dict[str, Any], floor: list[dict[str, Any]]) -> Any:
    mine = m["neighbourhood"]
    org = p["organisations"][0]
    props = mine["properties"]
    heads = {
        "maillage": (mine["id"], props.get("name"), props.get("kind")),
        "peer": (org["id"], org["name"], org["kind"]),
        "floor": (
            floor[0]["entity"]["properties"]["id"],
            floor[0]["entity"]["properties"].get("name"),
            floor[0]["entity"]["properties"].get("kind"),
        ),
    }
    links = {
        "maillage": sorted(
            _link(r["type"], r["outgoing"], r["other"]["id"], r["properties"]) for r in mine["relationships"]
        ),
        "peer": sorted(
            _link(rel, out, e["node"]["id"], e["properties"])
            for name, rel, out in peer_link_fields()
            for e in org[f"{name}Connection"]["edges"]
        ),
        "floor": sorted(
            _link(r["type"], r["outgoing"], r["other"]["id"], r["properties"]) for r in floor[0]["relationships"]
        ),
    }
    return {k: (heads[k], links[k]) for k in heads}


def same_organisations(m: dict[str, Any], p: dict[str, Any], floor: list[dict[str, Any]]) -> Any:
    mine, peer = m["organisations"], p["organisationsConnection"]
    row = floor[0]
    return {
        "maillage": (mine["totalCount"], [(e["node"]["id"], e["node"]["name"]) for e in mine["edges"]]),
        "peer": (peer["totalCount"], [(e["node"]["id"], e["node"]["name"]) for e in peer["edges"]]),
        # the page query reads one item more than the page, to tell whether a next page exists
        "floor": (row["total"], [(i["id"], i["properties"].get("name")) for i in row["items"][: len(mine["edges"])]]),
    }


def _seat(id_: str, seat: str, valid_from: Any, valid_to: Any, holder: str) -> tuple[Any, ...]:
    return (id_, seat.lower(), _day(valid_from), _day(valid_to), holder)


def same_seats(m: dict[str, Any], p: dict[str, Any], floor: list[dict[str, Any]]) -> Any:
    (mine,) = m["seatsByBody"]
    (body,) = p["bodies"]
    seat_rows = [row for row in floor if "seats" in row]
    return {
        "maillage": (
            mine["body"]["id"],
            sorted(_seat(s["id"], s["seat"], s["validFrom"], s["validTo"], s["holder"]["id"]) for s in mine["seats"]),
        ),
        "peer": (
            body["id"],
            sorted(
                _seat(s["id"], s["seat"], s["validFrom"], s["validTo"], s["holder"][0]["id"]) for s in body["seats"]
            ),
        ),
        "floor": (
            seat_rows[0]["body"]["id"],
            sorted(
                _seat(s["id"], s["seat"], s["validFrom"], s["validTo"], s["holder"]["id"])
                for s in seat_rows[0]["seats"]
            ),
        ),
    }


# --- the floor: maillage's own Cypher, replayed through the driver -------------------------------------


class Recorder:
    """Wraps a Graph's ``read`` to keep the Cypher text and parameters each query function sends."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self._read = graph.read

    def __enter__(self) -> Recorder:
        def read(cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
            self.sent.append((cypher, dict(params or {})))
            return self._read(cypher, params)

        self.graph.read = read  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        self.graph.read = self._read  # type: ignore[method-assign]


def captured(graph: Graph, call: Callable[[], Any]) -> list[tuple[str, dict[str, Any]]]:
    """The queries ``call`` sends (run once, recorded)."""
    with Recorder(graph) as recorder:
        call()
    return recorder.sent


def replay(graph: Graph, sent: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Send the recorded queries again through the driver; the rows of all of them."""
    rows: list[dict[str, Any]] = []
    for cypher, params in sent:
        rows += graph.read(cypher, params)
    return rows


# --- the peer process ---------------------------------------------------------------------------------


def npm_ci() -> None:
    """Install the peer's pinned packages (``npm ci``: exactly the lock file), unless already installed."""
    stamp = PEER / "node_modules" / ".package-lock.json"
    lock = PEER / "package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER, check=True)


@contextmanager
def running_peer(env: dict[str, str], timeout: float = 120) -> Iterator[str]:
    """The peer server on a free loopback port; its base URL; always stopped."""
    port = server.free_port()
    with tempfile.TemporaryDirectory(prefix="maillage-peer-") as folder:
        log = Path(folder) / "peer.log"
        type_defs = Path(folder) / "schema.graphql"
        type_defs.write_text(peer_type_defs())
        with open(log, "wb") as out:
            process = subprocess.Popen(
                ["node", "server.mjs"],
                cwd=PEER,
                env={**os.environ, **env, "PORT": str(port), "TYPE_DEFS": str(type_defs)},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while "ready" not in log.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"le pair n'a pas démarré : {log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.2)
            yield url
        finally:
            stop(process)


# --- the cases ------------------------------------------------------------------------------------------


@dataclass
class Case:
    """One operation: how each side asks it for one key of the rotation, and how answers compare."""

    name: str
    keys: list[str]
    maillage: Callable[[str], tuple[str, dict[str, Any]]]
    peer: Callable[[str], tuple[str, dict[str, Any]]]
    call: Callable[[Graph, str], Any]
    compare: Callable[[dict[str, Any], dict[str, Any], list[dict[str, Any]]], Any]


SORT_KEY = "sortKey"
"""The stored folded sort key maillage's lists sort on (migration 009); the peer sorts on it too."""


def ensure_sort_keys(graph: Graph) -> int:
    """Give every organisation without a stored sort key the one maillage's list query sorts by.

    The peer can only sort on a stored property; maillage sorts on its stored key when the data has one.
    For data written before that key existed, the bench stores what maillage's query computes instead
    (lower-cased name, then id): both sides then order the same way. Returns the number of keys written.
    """
    return int(
        graph.write(
            f"MATCH (o:Organisation) WHERE o.{SORT_KEY} IS NULL "
            f"SET o.{SORT_KEY} = toLower(coalesce(o.name, o.title, o.id)) + '\\u001f' + o.id "
            "RETURN count(o) AS n"
        )[0]["n"]
    )


def pick(graph: Graph) -> dict[str, list[str]]:
    """Organisations with 5 to 60 links, the three commonest kinds, the bodies with most seats."""
    orgs = graph.read(
        "MATCH (o:Organisation) WITH o, COUNT { (o)--() } AS links WHERE 5 <= links <= 60 "
        "RETURN o.id AS id ORDER BY id LIMIT $n",
        {"n": ROTATION},
    )
    kinds = graph.read(
        "MATCH (o:Organisation) WITH o.kind AS kind, count(*) AS n RETURN kind ORDER BY n DESC, kind LIMIT 3"
    )
    bodies = graph.read(
        "MATCH (b:Body)<-[:SEAT_IN]-(m:Mandate) WITH b, count(m) AS seats "
        "RETURN b.id AS id ORDER BY seats DESC, id LIMIT $n",
        {"n": ROTATION},
    )
    return {
        "organisations": [r["id"] for r in orgs],
        "kinds": [r["kind"] for r in kinds],
        "bodies": [r["id"] for r in bodies],
    }


def cases(picked: dict[str, list[str]], as_of: str) -> list[Case]:
    neighbourhood_query = peer_neighbourhood()
    return [
        Case(
            "neighbourhood (une organisation et ses liens)",
            picked["organisations"],
            lambda k: (M_NEIGHBOURHOOD, {"id": k}),
            lambda k: (neighbourhood_query, {"id": k, "asOf": as_of}),
            lambda g, k: network.neighbourhood(g, k),
            same_neighbourhood,
        ),
        Case(
            "organisations (100 premières d'un genre)",
            picked["kinds"],
            lambda k: (M_ORGANISATIONS, {"kind": k.upper()}),
            lambda k: (P_ORGANISATIONS, {"kind": k}),
            lambda g, k: list_entities(g, Label.ORGANISATION, EntityFilter(kinds=[k]), first=100),
            same_organisations,
        ),
        Case(
            "seatsByBody (sièges d'une instance)",
            picked["bodies"],
            lambda k: (M_SEATS, {"id": k}),
            lambda k: (P_SEATS, {"id": k, "asOf": as_of}),
            lambda g, k: diagonal.seats_by_body(g, body_id=k),
            same_seats,
        ),
    ]


def post(url: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables}, timeout=600
    ).json()
    if body.get("errors"):
        raise RuntimeError(f"{url} : {body['errors'][:2]}")
    return body["data"]  # type: ignore[no-any-return]


def check_equal(case: Case, api: str, peer: str, graph: Graph, sent: dict[str, Any]) -> None:
    """Every key of the rotation gives the same answer on the three sides, or the bench stops here."""
    for key in case.keys:
        answers = case.compare(post(api, *case.maillage(key)), post(peer, *case.peer(key)), replay(graph, sent[key]))
        if not answers["maillage"] == answers["peer"] == answers["floor"]:
            raise SystemExit(f"{case.name} [{key}] : réponses différentes\n{answers}")


def requester(url: str, ask: Callable[[str], tuple[str, dict[str, Any]]], keys: list[str]) -> Any:
    rotation = itertools.cycle(keys)

    def send(client: httpx.AsyncClient) -> Any:
        query, variables = ask(next(rotation))
        return client.post(f"{url}/graphql", json={"query": query, "variables": variables})

    return send


def floor_run(graph: Graph, sent: dict[str, Any], keys: list[str], *, requests: int, clients: int) -> Outcome:
    """``requests`` replays of the recorded queries through ``clients`` threads (the driver's pool)."""
    outcome = Outcome()
    rotation = itertools.cycle(keys)
    lock = threading.Lock()

    def one(_: int) -> None:
        with lock:
            key = next(rotation)
        start = time.perf_counter()
        replay(graph, sent[key])
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            outcome.times_ms.append(elapsed)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(requests)))
    outcome.wall_s = time.perf_counter() - start
    return outcome


def measure(case: Case, api: Api, peer: str, graph: Graph, sent: dict[str, Any], args: argparse.Namespace) -> Any:
    """Each side timed at each client count, ``--rounds`` times, the sides taking turns (a round runs every side
    once, each round starting with the next side), so that a change of the machine's load during the run falls
    on every side alike; each side keeps its round of median req/s, and every round's figures are kept too."""
    keys = case.keys
    entry: dict[str, Any] = {"keys": keys}
    sides = {
        "maillage": lambda n, c: asyncio.run(hammer(requester(api.url, case.maillage, keys), requests=n, clients=c)),
        "peer": lambda n, c: asyncio.run(hammer(requester(peer, case.peer, keys), requests=n, clients=c)),
        "floor": lambda n, c: floor_run(graph, sent, keys, requests=n, clients=c),
    }
    order = list(sides)
    for run in sides.values():
        run(args.warmup, 1)
    for clients in args.clients:
        rounds: dict[str, list[dict[str, Any]]] = {side: [] for side in order}
        for round_ in range(args.rounds):
            for side in order[round_ % len(order) :] + order[: round_ % len(order)]:
                rounds[side].append(summary := sides[side](args.requests, clients).summary())
                print(
                    f"{case.name:<48} {side:<9} {clients:>3} clients {summary['rps']:>8.1f} req/s "
                    f"p50 {summary.get('p50', 0):>7.2f} p95 {summary.get('p95', 0):>7.2f} erreurs {summary['errors']}",
                    flush=True,
                )
        for side, summaries in rounds.items():
            entry[f"{side}_{clients}"] = sorted(summaries, key=lambda s: s["rps"])[len(summaries) // 2]
            entry[f"{side}_{clients}_rps_rounds"] = [s["rps"] for s in summaries]
            if side == "maillage" and any(s["errors"] for s in summaries):
                entry[f"maillage_{clients}_log_tail"] = api.log_text()[-4000:]
    lo, hi = min(args.clients), max(args.clients)
    entry["p50_ratio_to_floor"] = round(entry[f"maillage_{lo}"]["p50"] / entry[f"floor_{lo}"]["p50"], 2)
    entry["rps_ratio_to_peer"] = round(entry[f"maillage_{hi}"]["rps"] / entry[f"peer_{hi}"]["rps"], 2)
    return entry


PACKAGES = {
    "graphql": "graphql-core (parse, validate, execute)",
    "strawberry": "Strawberry",
    "neo4j": "pilote neo4j (Python)",
    "pydantic": "pydantic",
    "maillage": "maillage",
}


def _package(filename: str, function: str) -> str:
    if filename == "~":  # a C function: where a thread waits or the interpreter works
        return "attente réseau (Neo4j)" if any(w in function for w in ("recv", "select", "poll")) else "C (autres)"
    parts = Path(filename).parts
    if "site-packages" in parts:
        top = parts[parts.index("site-packages") + 1]
        return PACKAGES.get(top, "autres bibliothèques")
    if str(REPO) in filename:
        return "maillage"
    return "Python (stdlib)"


def profile(case: Case, graph: Graph, env: dict[str, str], runs: int) -> dict[str, float]:
    """Where the time of ``runs`` executions of the operation goes, in this process (no HTTP): cProfile's own
    time per package, as shares of the total."""
    import cProfile
    import pstats

    from maillage.api.context import Context
    from maillage.api.schema import build_schema

    schema = build_schema(production=False)
    context = Context(settings=load_settings(env), graph=graph)
    rotation = itertools.cycle(case.keys)
    for _ in range(20):
        schema.execute_sync(*_op(case, next(rotation)), context_value=context)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        schema.execute_sync(*_op(case, next(rotation)), context_value=context)
    profiler.disable()
    shares: dict[str, float] = {}
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, _line, function), (_cc, _nc, own, _cum, _callers) in stats.items():
        key = _package(filename, function)
        shares[key] = shares.get(key, 0.0) + own
    total = sum(shares.values())
    return {k: round(100 * v / total, 1) for k, v in sorted(shares.items(), key=lambda kv: -kv[1])}


def _op(case: Case, key: str) -> tuple[str, dict[str, Any]]:
    query, variables = case.maillage(key)
    return query, variables


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="`maillage synth --scale`")
    parser.add_argument("--requests", type=int, default=1000, help="requêtes mesurées par côté et par concurrence")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--rounds", type=int, default=1, help="mesures par côté et par concurrence, en alternance")
    parser.add_argument("--workers", type=int, default=1, help="processus de `maillage serve --workers`")
    parser.add_argument("--note", default="aucune", help="ce qui tournait d'autre sur la machine pendant la mesure")
    parser.add_argument("--profile", type=int, default=300, help="exécutions profilées par opération (0 : aucune)")
    args = parser.parse_args(argv)
    npm_ci()
    as_of = dt.date.today().isoformat()
    results: dict[str, Any] = {"scale": args.scale, "workers": args.workers, "note": args.note, "cases": {}}
    with stoppable_graph() as (_config, graph, env), tempfile.TemporaryDirectory(prefix="maillage-synth-") as out:
        started = time.perf_counter()
        reference = sorted((REPO / "data" / "reference").glob("*.yaml"))
        files = generate(reference, scale=args.scale, seed=1, output=Path(out))
        loader = Graph.from_settings(load_settings({**env, "MAILLAGE_TX_TIMEOUT": "3600"}))
        try:
            import_paths(loader, files)
        finally:
            loader.close()
        counts = graph.read("MATCH (n) RETURN count(n) AS nodes, COUNT { ()-->() } AS relationships")[0]
        results["graph"] = {**counts, "load_s": round(time.perf_counter() - started, 1)}
        print(f"synth --scale {args.scale} : {counts} ({results['graph']['load_s']} s)", flush=True)
        results["sort_keys_written_by_bench"] = ensure_sort_keys(graph)
        picked = pick(graph)
        results["picked"] = picked
        with running_api(env, workers=args.workers, timeout=120) as api, running_peer(env) as peer:
            for case in cases(picked, as_of):
                sent = {key: captured(graph, partial(case.call, graph, key)) for key in case.keys}
                check_equal(case, api.url, peer, graph, sent)
                print(f"{case.name} : réponses identiques sur {len(case.keys)} clés", flush=True)
                results["cases"][case.name] = measure(case, api, peer, graph, sent, args)
                if args.profile:
                    results["cases"][case.name]["profile"] = shares = profile(case, graph, env, args.profile)
                    print(f"{case.name} : temps propre par paquet (%) {shares}", flush=True)
                report(results, args, final=False)  # kept after each operation: a long run stopped keeps its figures
            results["peak_rss_mib"] = api.peak_rss_mib()
    report(results, args, final=True)


def report(results: dict[str, Any], args: argparse.Namespace, *, final: bool) -> None:
    lo, hi = min(args.clients), max(args.clients)
    lines = [
        f"`maillage synth --scale {args.scale}` ({results['graph']['nodes']} nœuds, "
        f"{results['graph']['relationships']} liens) sur un Neo4j jetable ; `maillage serve --workers {args.workers}`, "
        "@neo4j/graphql 7.6.3 sur graphql-yoga 5.24.1 (un processus Node) et, comme plancher, le Cypher de maillage "
        "rejoué par le pilote Python dans le processus du banc. Réponses vérifiées identiques d'abord ; "
        f"{args.requests} requêtes par mesure après {args.warmup} de chauffe ; {args.rounds} mesure(s) par côté et "
        "par concurrence, les côtés à tour de rôle, la mesure de req/s médiane retenue ; clients httpx sur la même "
        "machine.",
        "",
        f"Note : {results['note']}.",
        "",
        f"| opération | côté | p50 ms ({lo} client) | p95 ms ({lo} client) | req/s ({hi} clients) "
        f"| req/s de chaque mesure ({hi} clients) | erreurs |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, entry in results["cases"].items():
        for side in ("maillage", "peer", "floor"):
            one, many = entry[f"{side}_{lo}"], entry[f"{side}_{hi}"]
            errors = {**one["errors"], **many["errors"]} or 0
            each = ", ".join(map(str, entry.get(f"{side}_{hi}_rps_rounds", [many["rps"]])))
            lines.append(
                f"| {name} | {side} | {one.get('p50', '–')} | {one.get('p95', '–')} | {many['rps']} | {each} "
                f"| {errors} |"
            )
    lines += [
        "",
        f"| opération | p50 maillage / plancher (cible ≤ 1,5) | req/s maillage / pair à {hi} clients (cible ≥ 1,0) |",
        "|---|---|---|",
    ]
    for name, entry in results["cases"].items():
        p50, rps = entry["p50_ratio_to_floor"], entry["rps_ratio_to_peer"]
        lines.append(f"| {name} | {p50} {'✓' if p50 <= 1.5 else '✗'} | {rps} {'✓' if rps >= 1.0 else '✗'} |")
    lines += [
        "",
        f"Où va le temps de maillage (cProfile, {args.profile} exécutions par opération dans le processus du banc, "
        "sans HTTP ; temps propre par paquet, % du total) :",
        "",
    ]
    for name, entry in results["cases"].items():
        if "profile" in entry:
            parts = ", ".join(f"{k} {v}" for k, v in entry["profile"].items())
            lines.append(f"- {name} : {parts}")
    command = (
        f"python bench/peer.py --scale {args.scale} --requests {args.requests} --warmup {args.warmup} "
        f"--clients {' '.join(map(str, args.clients))} --rounds {args.rounds} --workers {args.workers} "
        f"--profile {args.profile}"
    )
    if not final:
        lines += ["", "(Résultats partiels : le banc n'a pas encore mesuré toutes les opérations.)"]
    save("peer", command, results, "\n".join(lines))
    if final:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
