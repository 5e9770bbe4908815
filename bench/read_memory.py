"""Peak memory of the JSON or YAML reader alone (no database) on ``synth --scale N`` files: flat whatever the size.

For each scale, ``maillage synth`` writes one ``synth.json`` (with ``--format yaml``, the same data is then written
as ``synth.yaml`` in block style, one ``- id: …`` record after another, as people write it), then a fresh Python
process reads every item of it through ``importers/json_reader.read_json`` or ``importers/yaml_reader.read_yaml``
(both passes: the check and the records) and reports its peak resident memory, the time taken (wall clock and
the process's CPU time, the steadier figure on a busy machine) and the items read per CPU second. With
``--before REV``, the reader of that git revision (``git show REV:importers/<format>_reader.py``, loaded under
another module name) is measured on the same files, after checking that it yields the same items.

Peak memory is the process's ``VmHWM`` (/proc/self/status), not ``ru_maxrss``: a child process keeps the
``ru_maxrss`` of the process it was forked from, so a child of a big parent reports the parent's peak. It is
read once after imports (baseline) and once after the last item; ``growth`` is the difference.

    .venv/bin/python bench/read_memory.py --scales 10 100 300 --before cacd013
    .venv/bin/python bench/read_memory.py --format yaml --scales 10 100 --before bfc0ca4

Results go to ``bench/results/read_memory.{json,md}`` (JSON) or ``read_memory_yaml.{json,md}`` (YAML).

Target (issue 15, item 3): memory flat, independent of the file size within a few MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import REPO, save

MEASURE = """
import importlib, importlib.util, json, sys, time, zlib
from pathlib import Path

def peak_mib():
    line = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024

reader, path, form = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
if reader == "current":
    module = importlib.import_module(f"maillage.importers.{form}_reader")
else:  # a file holding an older version of the module
    spec = importlib.util.spec_from_file_location(f"maillage.importers._{form}_reader_before", reader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
read = getattr(module, f"read_{form}")
baseline = peak_mib()
started, cpu = time.perf_counter(), time.process_time()
items = problems = 0
digest = 0
for item in read(path, path.name):
    items += 1
    problems += type(item).__name__ == "Problem"
    digest = zlib.crc32(repr(item).encode(), digest)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"items": items, "problems": problems, "digest": digest, "seconds": round(seconds, 2),
                  "cpu_seconds": round(cpu, 2), "items_per_cpu_s": round(items / cpu),
                  "baseline_mib": round(baseline, 1), "peak_mib": round(peak_mib(), 1),
                  "growth_mib": round(peak_mib() - baseline, 1)}))
"""


TO_YAML = """
import json, sys, yaml
with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8") as target:
    yaml.dump(json.load(source), target, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
              default_flow_style=False, width=200)
"""


def measure(reader: str, path: Path, form: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", MEASURE, reader, str(path), form], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return dict(json.loads(out.stdout))


def synth(scale: int, folder: Path, form: str) -> Path:
    """``maillage synth`` in its own process (this one stays small), then written as YAML if asked."""
    output = folder / f"scale{scale}"
    maillage = Path(sys.executable).with_name("maillage")
    subprocess.run([str(maillage), "synth", "--scale", str(scale), "--output", str(output)], check=True)
    path = output / "synth.json"
    if form == "yaml":
        subprocess.run([sys.executable, "-c", TO_YAML, str(path), str(path.with_suffix(".yaml"))], check=True)
        path.unlink()
        path = path.with_suffix(".yaml")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[10, 100, 300])
    parser.add_argument("--format", choices=["json", "yaml"], default="json", help="the reader measured")
    parser.add_argument("--before", help="a git revision whose reader is measured too, on the same files")
    args = parser.parse_args()
    load_before = os.getloadavg()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="maillage-read-") as name:
        folder = Path(name)
        readers = {"current": "current"}
        if args.before:
            old = folder / f"{args.format}_reader_before.py"
            source = subprocess.run(
                ["git", "show", f"{args.before}:importers/{args.format}_reader.py"],
                cwd=REPO,
                capture_output=True,
                check=True,
            ).stdout
            old.write_bytes(source)
            readers["before"] = str(old)
        for scale in args.scales:
            path = synth(scale, folder, args.format)
            measured = {label: measure(reader, path, args.format) for label, reader in readers.items()}
            if "before" in measured:  # the same items, in the same order
                assert (measured["before"]["items"], measured["before"]["digest"]) == (
                    measured["current"]["items"],
                    measured["current"]["digest"],
                ), f"scale {scale}: the readers disagree"
            for label, figures in measured.items():
                rows.append(
                    {"scale": scale, "file_mib": round(path.stat().st_size / 2**20, 1), "reader": label, **figures}
                )
                print(json.dumps(rows[-1]), flush=True)
            path.unlink()
    results = {
        "rows": rows,
        "before": args.before,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "note": "measured while other agents were running on the same 2-core machine",
    }
    columns = [
        "scale",
        "file_mib",
        "reader",
        "items",
        "seconds",
        "cpu_seconds",
        "items_per_cpu_s",
        "baseline_mib",
        "peak_mib",
        "growth_mib",
    ]
    markdown = "\n".join(
        [
            "| " + " | ".join(columns) + " |",
            "|" + "---|" * len(columns),
            *("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |" for row in rows),
        ]
    )
    scales = " ".join(map(str, args.scales))
    before = f" --before {args.before}" if args.before else ""
    form = "" if args.format == "json" else f" --format {args.format}"
    name = "read_memory" if args.format == "json" else f"read_memory_{args.format}"
    save(name, f"python bench/read_memory.py{form} --scales {scales}{before}", results, markdown)
    print(markdown)


if __name__ == "__main__":
    main()
