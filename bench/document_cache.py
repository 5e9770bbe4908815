"""What the process-wide document cache saves on each GraphQL request::

    .venv/bin/python bench/document_cache.py --runs 500

For the three operations of ``bench/peer.py``, the CPU time (``time.process_time``, so other processes on the
machine weigh less) of parsing and validating the document as every request did before the cache (graphql-core
``parse`` + ``validate`` with the schema's rules: the specified ones, depth and alias limits), against the
cached path (``DocumentStore.get``). No database is involved. Results in bench/results/document_cache.{json,md}.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from common import save
from graphql import parse, specified_rules, validate
from peer import M_NEIGHBOURHOOD, M_ORGANISATIONS, M_SEATS
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from maillage.api.documents import DocumentStore
from maillage.api.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, build_schema


def cpu_ms(work: Callable[[], Any], runs: int) -> float:
    """Median CPU milliseconds of ``work`` over ``runs`` calls (after 20 unmeasured ones)."""
    for _ in range(20):
        work()
    times = []
    for _ in range(runs):
        start = time.process_time_ns()
        work()
        times.append((time.process_time_ns() - start) / 1e6)
    return round(statistics.median(times), 3)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--note", default="aucune", help="ce qui tournait d'autre sur la machine pendant la mesure")
    args = parser.parse_args(argv)
    schema = build_schema(production=False)._schema
    rules = (
        *specified_rules,
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    )
    store = DocumentStore()
    results: dict[str, Any] = {"runs": args.runs, "note": args.note, "cases": {}}
    operations = (("neighbourhood", M_NEIGHBOURHOOD), ("organisations", M_ORGANISATIONS), ("seatsByBody", M_SEATS))
    for name, text in operations:
        document = parse(text, max_tokens=MAX_TOKENS)
        assert validate(schema, document, rules) == []
        store.put(schema, text, document)

        def uncached(text: str = text) -> None:
            validate(schema, parse(text, max_tokens=MAX_TOKENS), rules)

        def cached(text: str = text) -> None:
            assert store.get(schema, text) is not None

        before, after = cpu_ms(uncached, args.runs), cpu_ms(cached, args.runs)
        results["cases"][name] = {"parse_validate_ms": before, "cached_ms": after}
        print(f"{name:<14} parse + validate {before:>7.3f} ms CPU   cache {after:>7.4f} ms CPU", flush=True)
    lines = [
        f"Temps CPU médian par requête ({args.runs} mesures), dans un seul processus, sans base de données.",
        "",
        f"Note : {args.note}.",
        "",
        "| opération | parse + validate (avant) ms | document en cache ms |",
        "|---|---|---|",
    ]
    for name, entry in results["cases"].items():
        lines.append(f"| {name} | {entry['parse_validate_ms']} | {entry['cached_ms']} |")
    save("document_cache", f"python bench/document_cache.py --runs {args.runs}", results, "\n".join(lines))


if __name__ == "__main__":
    main()
