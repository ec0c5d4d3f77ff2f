#!/usr/bin/env python3
"""Peak memory and time per 1,000 records of ``decision-check validate`` at 1,000 / 10,000 / 100,000 records.

    python benchmarks/memory.py [--sizes 1000,10000,100000] [--jobs 1,2] [--seed 713] [--repeat 3] [--repeat-large 1]

After one untimed run on a single record (so that no measured run compiles the caches), for each
size (corpora made by ``generate.py`` under ``benchmarks/out/corpus-N``, as ``run.py`` makes
them; 100,000 records are ~560 MB of YAML and take ~30 s to write) and each ``--jobs`` value it runs
``decision-check validate corpus-N --format json --output FILE --jobs J`` (``--repeat`` times, and
``--repeat-large`` times from 100,000 records: the medians are reported, with every run's peak) under
``/usr/bin/time -f %M`` (the peak RSS of the largest single process: the main one or a worker) and
reports the wall time, the time per 1,000 records and the peak RSS, with the 1-minute load average
before and after each run. Writes ``benchmarks/out/memory.json``. Stdlib only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # the sibling script: corpora, paths, child environment


def measure(cli: str, corpus: Path, size: int, jobs: int) -> dict[str, object]:
    """One run: wall time, peak RSS (KB) of the largest process, exit code."""
    report = bench.REPORTS / f"memory-{size}-j{jobs}.json"
    timing = bench.LOGS / f"memory-{size}-j{jobs}.time"
    command = ["/usr/bin/time", "-o", str(timing), "-f", "%M"]
    command += [cli, "validate", str(corpus), "--format", "json", "--output", str(report), "--jobs", str(jobs)]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with (bench.LOGS / f"memory-{size}-j{jobs}.log").open("w") as log:
        done = subprocess.run(command, cwd=bench.OUT, env=bench.CHILD_ENV, stdout=log, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - started
    peak_kb = int(timing.read_text().split()[-1])
    summary = bench.findings_summary(report)
    return {
        "records": size,
        "jobs": jobs,
        "exit_code": done.returncode,
        "wall_s": round(wall, 2),
        "per_1000_s": round(wall / size * 1000, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "load_average": (round(load_before, 2), round(os.getloadavg()[0], 2)),
        "summary": summary["summary"] if isinstance(summary, dict) else None,
    }


LARGE = 100_000  # from this size on, --repeat-large runs (each is minutes)


def _median(runs: list[dict[str, object]]) -> dict[str, object]:
    """The runs of one size and --jobs as one row: median wall time and median peak RSS, every peak listed."""
    row = dict(runs[0])
    row["peak_rss_mb"] = round(statistics.median(_number(r, "peak_rss_mb") for r in runs), 1)
    row["wall_s"] = round(statistics.median(_number(r, "wall_s") for r in runs), 2)
    row["per_1000_s"] = round(_number(row, "wall_s") / _number(row, "records") * 1000, 3)
    row["peaks_mb"] = [_number(r, "peak_rss_mb") for r in runs]
    row["exit_code"] = max(int(_number(r, "exit_code")) for r in runs)
    return row


def _number(row: dict[str, object], key: str) -> float:
    value = row[key]
    assert isinstance(value, int | float)
    return float(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes (default 1000,10000,100000)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values (default 1,2)")
    parser.add_argument("--seed", type=int, default=713, help="generator seed (default 713)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below 100,000 (median; default 3)")
    parser.add_argument("--repeat-large", type=int, default=1, help="runs per size from 100,000 (default 1)")
    args = parser.parse_args(argv)
    bench.CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    bench.CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(bench.OUT / "pycache")
    for folder in (bench.OUT, bench.REPORTS, bench.LOGS):
        folder.mkdir(parents=True, exist_ok=True)
    config = bench.OUT / "decision-check.toml"
    if not config.exists():
        config.write_text("# benchmarks: default configuration\n", encoding="utf-8")
    python = bench._venv_tool("python", sys.executable)
    cli = bench._venv_tool("decision-check", None)
    rows = []
    # One untimed run first: after a change to the code, the first run compiles the rule book and the
    # models' schemas (importing pydantic, ~6 MB more) — it must not be the one measured.
    warm = bench.ensure_corpus(min(int(s) for s in args.sizes.split(",") if s.strip()), args.seed, python)
    one = next(p for p in sorted(warm.rglob("*.yaml")) if "catalogs" not in p.parts and "organs" not in p.parts)
    subprocess.run([cli, "validate", str(one)], cwd=bench.OUT, env=bench.CHILD_ENV, capture_output=True)
    print(f"decision-check memory — {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, checker at {bench._git_head()}")
    print(f"{'records':>8} {'jobs':>4} {'wall s':>8} {'s/1000':>7} {'peak RSS MB':>11}  exit  load")
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        corpus = bench.ensure_corpus(size, args.seed, python)
        for jobs in (int(j) for j in args.jobs.split(",") if j.strip()):
            times = args.repeat if size < LARGE else args.repeat_large
            row = _median([measure(cli, corpus, size, jobs) for _ in range(max(1, times))])
            rows.append(row)
            print(
                f"{size:>8} {jobs:>4} {row['wall_s']:>8} {row['per_1000_s']:>7} {row['peak_rss_mb']:>11}"
                f"  {row['exit_code']:>4}  {row['load_average']}  (runs: {row['peaks_mb']})",
                flush=True,
            )
    least = min(_number(x, "records") for x in rows)
    smallest = {r["jobs"]: r["peak_rss_mb"] for r in rows if _number(r, "records") == least}
    for row in rows:
        base = smallest.get(row["jobs"])
        if isinstance(base, float) and isinstance(row["peak_rss_mb"], float):
            row["rss_vs_smallest"] = round(row["peak_rss_mb"] / base, 3)
    (bench.OUT / "memory.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    relative = [(r["records"], r["jobs"], r.get("rss_vs_smallest")) for r in rows]
    print("peak RSS relative to the smallest size:", relative)
    failed = [r for r in rows if r["exit_code"] not in (0, 1)]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
