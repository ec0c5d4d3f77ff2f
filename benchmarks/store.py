#!/usr/bin/env python3
"""Benchmark of the store's index: sync N records from empty, then re-sync after changing one file.

    python benchmarks/store.py [--count 10000] [--db URL …] [--jobs J]

For each database (default: a fresh SQLite file under ``benchmarks/out/``; add PostgreSQL with
``--db postgresql+psycopg://…`` or ``DECISION_CHECK_TEST_PG``, e.g. under
``scripts/with-postgres.sh``) it runs, each in its own process so peak memory is per phase:

* ``full``: ``sync`` of the whole corpus into an empty store (validation included);
* ``noop``: re-sync with nothing changed;
* ``one``: re-sync after one decision file's title changed (target ≤ 1 s on SQLite at 10,000).

Times are wall clock of the ``sync`` call (the store already opened and migrated, the rule book
loaded), and of the whole ``decision-check index`` process for ``one``. Peak memory is the peak
RSS of the phase's process (``ru_maxrss``; worker processes of the full validation separately).
The corpus comes from ``generate.py`` (``benchmarks/out/corpus-N``, regenerated when missing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"

_PHASE = """\
import json, resource, sys, time
from datetime import date
from pathlib import Path
from decision_check.config import load_config
from decision_check.calendar import WorkingCalendar
from decision_check.engine import EngineOptions
from decision_check.rulesets import load_rulebook
from decision_check.store.engine import open_store
from decision_check.store.sync import sync

url, corpus, jobs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
book = load_rulebook([])
options = EngineOptions(as_of=date(2024, 6, 1), calendar=WorkingCalendar())
store = open_store(url)
start, cpu = time.perf_counter(), time.process_time()
report = sync(store, [corpus], book, options, base=corpus.parent, context=[corpus], jobs=jobs)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
store.close()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
out = {"seconds": seconds, "cpu_s": cpu, "rss_mb": rss, "children_rss_mb": children, "report": vars(report)}
print(json.dumps(out))
"""


def corpus(count: int, python: str) -> Path:
    folder = OUT / f"corpus-{count}"
    if not (folder / "organs").is_dir():
        subprocess.run(
            [python, str(ROOT / "benchmarks" / "generate.py"), str(folder), "--count", str(count)], check=True
        )
    return folder


def phase(python: str, url: str, folder: Path, jobs: int) -> dict[str, object]:
    done = subprocess.run(
        [python, "-c", _PHASE, url, str(folder), str(jobs)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def cli_one(cli: str, url: str, folder: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([cli, "index", str(folder), "--db", url], capture_output=True, text=True, cwd=folder.parent)
    if done.returncode != 0:
        raise SystemExit(f"decision-check index failed ({done.returncode}): {done.stderr}")
    return time.perf_counter() - start


def reset(url: str, python: str) -> None:
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    snippet = (
        "import sys; from sqlalchemy import create_engine, text; e = create_engine(sys.argv[1]);\n"
        "with e.begin() as c: c.execute(text('DROP SCHEMA public CASCADE; CREATE SCHEMA public'))"
    )
    subprocess.run([python, "-c", snippet, url.replace("postgresql://", "postgresql+psycopg://")], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--db", action="append", default=[])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--cli", default=str(ROOT / ".venv" / "bin" / "decision-check"))
    args = parser.parse_args()
    urls = args.db or [f"sqlite:///{(OUT / 'store-bench.db').as_posix()}"]
    if not args.db and os.environ.get("DECISION_CHECK_TEST_PG"):
        urls.append(os.environ["DECISION_CHECK_TEST_PG"])
    OUT.mkdir(parents=True, exist_ok=True)
    source = corpus(args.count, args.python)
    folder = OUT / f"store-corpus-{args.count}"
    results = []
    for url in urls:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(source, folder)
        reset(url, args.python)
        full = phase(args.python, url, folder, args.jobs)
        noop = phase(args.python, url, folder, args.jobs)
        target = sorted((folder / "2021").glob("*.yaml"))[0]
        text = target.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        target.write_text(text.replace(title, title + "（修订）", 1), encoding="utf-8")
        one = phase(args.python, url, folder, args.jobs)
        target.write_text(text, encoding="utf-8")
        whole = cli_one(args.cli, url, folder)
        engine = url.split(":", 1)[0].split("+", 1)[0]
        row = {"engine": engine, "count": args.count, "full": full, "noop": noop, "one": one, "cli_one_s": whole}
        results.append(row)
        print(
            f"{engine:10} N={args.count}: full {full['seconds']:.1f} s (peak {full['rss_mb']:.0f} MB, "
            f"workers {full['children_rss_mb']:.0f} MB); unchanged {noop['seconds']:.2f} s wall, "
            f"{noop['cpu_s']:.2f} s CPU; one changed {one['seconds']:.2f} s wall, {one['cpu_s']:.2f} s CPU "
            f"(peak {one['rss_mb']:.0f} MB); `index` process with one change {whole:.2f} s"
        )
    (OUT / "store-results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    load = os.getloadavg()
    print(f"load average during the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
