#!/usr/bin/env python3
"""Benchmark of ``decision-check report``: the annual section of one year for every organ of a corpus.

    python benchmarks/report.py [--counts 1000,10000] [--repeat 3] [--format md|docx]

For each corpus size (``generate.py``; ``benchmarks/out/report-corpus-N``, regenerated when missing)
it runs ``decision-check report --year 2021 --as-of 2024-01-01 --trace …`` as a whole process
``--repeat`` times and prints the median wall time and the peak RSS (``/usr/bin/time -f %M`` when
present, else the children's ``ru_maxrss``), with the 1-minute load average. The report checks the
whole corpus once (as ``validate``) and reads again only the year's decision files, without their
source maps.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def corpus(count: int, python: str) -> Path:
    folder = OUT / f"report-corpus-{count}"
    if not (folder / "decisions").is_dir():
        subprocess.run(
            [python, str(ROOT / "benchmarks" / "generate.py"), str(folder / "decisions"), "--count", str(count)],
            check=True,
            capture_output=True,
        )
    return folder


def once(cli: str, folder: Path, fmt: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out, trace = Path(tmp) / f"r.{fmt}", Path(tmp) / "t.json"
        command = [
            cli,
            "report",
            "--year",
            "2021",
            "--as-of",
            "2024-01-01",
            "-f",
            fmt,
            "-o",
            str(out),
            "--trace",
            str(trace),
        ]
        timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
        if timer:
            command = [timer, "-f", "%M", *command]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"report failed ({done.returncode}): {done.stderr[-2000:]}")
        if timer:
            rss_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
        else:
            rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, rss_mb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="md", choices=("md", "html", "docx"))
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--cli", default=str(ROOT / ".venv" / "bin" / "decision-check"))
    args = parser.parse_args(argv)
    print(f"{'records':>8} {'median s':>9} {'runs':>24} {'peak RSS':>9} {'load':>5}")
    for count in (int(c) for c in args.counts.split(",")):
        folder = corpus(count, args.python)
        runs = [once(args.cli, folder, args.format) for _ in range(args.repeat)]
        times = [t for t, _ in runs]
        shown = ", ".join(f"{t:.2f}" for t in times)
        load = os.getloadavg()[0]
        print(f"{count:>8} {statistics.median(times):>9.2f} {shown:>24} {max(r for _, r in runs):>7.0f}MB {load:>5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
