"""Backup and restore at ``synth --scale N`` (default 100): time and peak memory of ``maillage db backup`` and
``maillage db restore`` (into the emptied graph, then ``--force`` over the full graph), each a fresh process
measured by ``/usr/bin/time -v`` (maximum resident set size), on a disposable Neo4j.

The graph is imported first (``maillage import``, default settings); each restore is checked: the fingerprint
it prints equals the one the backup printed. ``--maillage`` runs another installation's command (e.g. the code
before a change, for a before/after comparison). ``--backup-only URI-ENV`` measures only a backup of a running
database (read only: nothing is written to it), e.g. the scale-1000 server of another session::

    .venv/bin/python bench/backup_restore.py --scale 100
    .venv/bin/python bench/backup_restore.py --scale 100 --maillage /tmp/base/.venv/bin/maillage --name before
    .venv/bin/python bench/backup_restore.py --backup-only MAILLAGE_HOME=/tmp/m1000/neo4j,MAILLAGE_BOLT_PORT=7791 \
        --name backup_restore_scale1000

The machine's load average is kept with the results (other agents may be running).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, save, stoppable_graph

from maillage.importers.synthetic import generate

WIPE = "MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
FINGERPRINT = re.compile(r"Empreinte : ([0-9a-f]{64})")


def measured(maillage: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``maillage args`` under /usr/bin/time -v: seconds, peak RSS (MiB), the fingerprint it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", maillage, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    found = FINGERPRINT.search(done.stdout)
    failure = None
    if done.returncode != 0:  # kept as a result (the code before a change may fail where the new one does not)
        failure = next((line for line in done.stderr.splitlines() if line.startswith("Erreur")), done.stderr[-500:])
        print(f"maillage {' '.join(args)} a échoué : {failure}", flush=True)
    return {
        "failed": failure,
        "seconds": round(seconds, 2),
        "peak_rss_mib": round(int(rss.group(1)) / 1024, 1) if rss else None,
        "fingerprint": found.group(1) if found else None,
        "output": done.stdout.strip().splitlines()[-2:],
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--maillage", default=str(REPO / ".venv" / "bin" / "maillage"), help="the command to measure")
    parser.add_argument("--name", default=None, help="results file name (default backup_restore_scale<N>)")
    parser.add_argument("--backup-only", default=None, help="KEY=VALUE,… of a running database: back it up only")
    args = parser.parse_args()
    name = args.name or f"backup_restore_scale{args.scale}"
    command = f"bench/backup_restore.py --scale {args.scale} --maillage {args.maillage}"
    with tempfile.TemporaryDirectory(prefix="maillage-backup-") as folder:
        file = Path(folder) / "sauvegarde.json"
        if args.backup_only:
            env = dict(pair.split("=", 1) for pair in args.backup_only.split(","))
            backup = measured(args.maillage, ["db", "backup", str(file)], env)
            backup["file_mib"] = round(file.stat().st_size / 2**20, 1)
            results: dict[str, Any] = {"database": args.backup_only, "backup": backup}
            markdown = _table(results)
            save(
                name,
                f"bench/backup_restore.py --maillage {args.maillage} --backup-only {args.backup_only}",
                results,
                markdown,
            )
            print(markdown)
            return
        with stoppable_graph() as (_config, graph, env):
            graph.tx_timeout = 3600.0
            references = sorted((REPO / "data" / "reference").glob("*.yaml"))
            [path] = generate(references, scale=args.scale, seed=1, output=Path(folder) / "synth")
            imported = measured(args.maillage, ["import", str(path)], env)
            backup = measured(args.maillage, ["db", "backup", str(file)], env)
            backup["file_mib"] = round(file.stat().st_size / 2**20, 1)
            graph.auto_commit(WIPE, timeout=3600.0)
            restore = measured(args.maillage, ["db", "restore", str(file)], env)
            forced = measured(args.maillage, ["db", "restore", "--force", str(file)], env)
        results = {
            "scale": args.scale,
            "import": imported,
            "backup": backup,
            "restore_into_empty": restore,
            "restore_force_over_full": forced,
            "fingerprints_equal": backup["fingerprint"] == restore["fingerprint"] == forced["fingerprint"],
        }
        markdown = _table(results)
        save(name, command, results, markdown)
        print(markdown)


def _table(results: dict[str, Any]) -> str:
    lines = ["| step | seconds | peak RSS (MiB) | load average after |", "|---|---|---|---|"]
    failures = [f"- {step}: {f['failed']}" for step, f in results.items() if isinstance(f, dict) and f.get("failed")]
    for step, figures in results.items():
        if isinstance(figures, dict) and "seconds" in figures:
            seconds = figures["seconds"] if not figures.get("failed") else f"failed after {figures['seconds']}"
            lines.append(f"| {step} | {seconds} | {figures['peak_rss_mib']} | {figures['load_average']} |")
    if "fingerprints_equal" in results:
        lines.append(f"\nFingerprints of backup and both restores equal: {results['fingerprints_equal']}")
    if failures:
        lines.extend(["", "Failures:", *failures])
    return "\n".join(lines)


if __name__ == "__main__":
    main()
