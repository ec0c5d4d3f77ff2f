#!/usr/bin/env python3
"""Whole-process benchmarks of ``decision-check validate`` against the PyYAML C loader.

    python benchmarks/run.py [--sizes 1,1000,10000] [--repeat 5] [--profile]

For each corpus size (generated into ``benchmarks/out/corpus-N`` by ``generate.py`` when missing
or stale) it times these separate processes, each the median of ``--repeat`` rounds after a warm-up
round (within a round the four commands run in turn):

* baseline A: a Python process that only parses every file with ``yaml.load(f, Loader=yaml.CSafeLoader)``;
* baseline B: the same with ``yaml.compose(f, Loader=yaml.CSafeLoader)`` (C composer, keeps marks);
* ``decision-check validate DIR --format json --output FILE`` with ``--jobs 1`` and with the default.

In one extra run of each validate variant it records the peak RSS of the largest single process
(``/usr/bin/time -f %M``) and the summed PSS of the whole process tree (workers included) sampled
from ``/proc``. It also records the import time of ``decision_check.cli.app``, the wall time of
``decision-check --help``, and which heavy optional modules a one-file ``validate`` imports. Prints a
table and writes ``benchmarks/out/results.json``. ``--profile`` runs validate -j1 on the 1,000 corpus under cProfile.

Stdlib only; the child processes use the project's virtualenv (PyYAML comes from there).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
OUT = BENCH / "out"
GENERATOR = BENCH / "generate.py"

# Budgets from the project brief (whole-process wall clock).
ONE_RECORD_BUDGET_S = 0.25
LOAD_SCHEMA_RATIO_BUDGET = 2.0  # load + schema only; not measurable separately from the CLI
ALL_RULES_RATIO_BUDGET = 3.0

HEAVY_MODULES = ("sqlmodel", "jinja2", "docx")

_PARSE_SNIPPET = """\
import sys
from pathlib import Path
import yaml
parse = yaml.{function}
count = errors = 0
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".yaml", ".yml") and path.is_file():
        with path.open("rb") as handle:
            try:
                parse(handle, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                errors += 1
        count += 1
print(count, errors)
"""

_MODULES_SNIPPET = """\
import json, sys
from decision_check.cli.app import main
sys.argv = ["decision-check", "validate", sys.argv[1], "--format", "json", "--output", sys.argv[2]]
code = None
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({{"exit_code": code, "modules_loaded": len(sys.modules),
                  **{{name: name in sys.modules for name in {heavy!r}}}}}))
"""

# The validate runs write their report here: never to /dev/null, because the CLI writes atomically
# (temporary file + rename) and would replace the device node with a regular file.
REPORTS = OUT / "reports"
LOGS = OUT / "logs"

# Children cache their bytecode under benchmarks/out/pycache, as an installed tool would beside its
# sources: the measured start-up is then the warm one a user sees, even where the environment sets
# PYTHONDONTWRITEBYTECODE (which would recompile the editable sources in every process).
# Set by main(); --no-bytecode-cache leaves the environment as it is.
CHILD_ENV: dict[str, str] = dict(os.environ)


@dataclass
class Run:
    """One timed process."""

    seconds: float
    exit_code: int


@dataclass
class Measure:
    """A command run ``repeat`` times after a warm-up."""

    command: list[str]
    log: Path  # its output (the last run's)
    ok_codes: tuple[int, ...] = (0,)
    runs: list[Run] = field(default_factory=list)
    failure: str | None = None

    @property
    def median_s(self) -> float:
        return statistics.median(r.seconds for r in self.runs) if self.runs else float("nan")

    def summary(self) -> dict[str, object]:
        return {
            "command": self.command,
            "median_s": round(self.median_s, 4),
            "min_s": round(min((r.seconds for r in self.runs), default=float("nan")), 4),
            "max_s": round(max((r.seconds for r in self.runs), default=float("nan")), 4),
            "runs_s": [round(r.seconds, 4) for r in self.runs],
            "exit_codes": sorted({r.exit_code for r in self.runs}),
            "failure": self.failure,
        }


@dataclass
class SizeResult:
    """Everything measured on one corpus."""

    size: int
    files: int
    corpus_mb: float
    load: Measure
    compose: Measure
    validate_j1: Measure
    validate_default: Measure
    memory_j1: TreeMemory
    memory_default: TreeMemory
    findings: dict[str, object] | None
    load_average: tuple[float, float]  # 1-minute load average before and after: other work on the machine

    @property
    def ratio_j1(self) -> float:
        return self.validate_j1.median_s / self.load.median_s

    @property
    def ratio_default(self) -> float:
        return self.validate_default.median_s / self.load.median_s

    def to_json(self) -> dict[str, object]:
        return {
            "size": self.size,
            "files": self.files,
            "corpus_mb": round(self.corpus_mb, 2),
            "c_loader": self.load.summary(),
            "c_composer": self.compose.summary(),
            "validate_j1": self.validate_j1.summary(),
            "validate_default": self.validate_default.summary(),
            "ratio_validate_j1_to_c_loader": round(self.ratio_j1, 2),
            "ratio_validate_default_to_c_loader": round(self.ratio_default, 2),
            "max_rss_mb_j1": round(self.memory_j1.max_rss_mb, 1),
            "max_rss_mb_default": round(self.memory_default.max_rss_mb, 1),
            "tree_peak_pss_mb_j1": round(self.memory_j1.peak_pss_mb, 1),
            "tree_peak_pss_mb_default": round(self.memory_default.peak_pss_mb, 1),
            "tree_pss_timeline_j1": self.memory_j1.timeline,
            "tree_pss_timeline_default": self.memory_default.timeline,
            "load_average_before_after": self.load_average,
            "findings": self.findings,
        }


# --------------------------------------------------------------------------------------------
# Running and measuring processes
# --------------------------------------------------------------------------------------------


def timed(command: Sequence[str], log: Path, cwd: Path) -> Run:
    """Run ``command`` to completion: wall time and exit code."""
    with log.open("wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=cwd, env=CHILD_ENV)
        exit_code = process.wait()
        elapsed = time.perf_counter() - started
    return Run(elapsed, exit_code)


def measure(measures: Sequence[Measure], repeat: int, cwd: Path) -> None:
    """A warm-up round, then ``repeat`` rounds that each run every command once, in turn.

    Interleaving spreads a burst of other work on the machine over all the commands compared
    instead of penalising whichever happened to be running. A command that exits with a code
    outside its ``ok_codes`` is recorded as failed and not run again.
    """
    for round_no in range(repeat + 1):
        for item in measures:
            if item.failure:
                continue
            run = timed(item.command, item.log, cwd)
            if run.exit_code not in item.ok_codes:
                tail = item.log.read_text(encoding="utf-8", errors="replace")[-2000:]
                item.failure = f"exit code {run.exit_code}: {tail.strip()}"
            elif round_no:  # the first round only warms the caches
                item.runs.append(run)


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class TreeMemory:
    """The memory of one run: largest single process, and the summed PSS of the tree over time."""

    max_rss_mb: float  # peak RSS of the largest process, from /usr/bin/time (NaN without it)
    peak_pss_mb: float  # peak of the summed PSS of the process and its workers (NaN without /proc)
    timeline: list[tuple[float, float]]  # (seconds since start, summed PSS MB), about 40 points


# Why /usr/bin/time and not os.wait4 / RUSAGE_CHILDREN: Linux carries the spawning process's
# high-water RSS into the child across exec, so a child of this (growing) script reports at least
# this script's RSS. /usr/bin/time is tiny when it spawns the command, so its %M is the command's own.
TIME = Path("/usr/bin/time")


def tree_memory(command: Sequence[str], log: Path, cwd: Path, interval: float = 0.02) -> TreeMemory:
    """Run ``command`` once, sampling the summed PSS of it and its descendants every ``interval`` s.

    PSS (proportional set size) splits shared pages between the processes that map them, so forked
    workers are not counted twice.
    """
    rss_file = log.with_suffix(".rss")
    wrapped = [str(TIME), "-o", str(rss_file), "-f", "%M", *command] if TIME.exists() else list(command)
    sampling = Path(f"/proc/{os.getpid()}/smaps_rollup").exists()
    samples: list[tuple[float, int]] = []
    with log.open("wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=sink, stderr=subprocess.STDOUT, cwd=cwd, env=CHILD_ENV)
        done = threading.Event()

        def sample() -> None:
            while sampling and not done.is_set():
                total = sum(_pss_kib(p) for p in _descendants(process.pid))
                samples.append((time.perf_counter() - started, total))
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        process.wait()
        done.set()
        sampler.join()
    max_rss = float("nan")
    if TIME.exists() and rss_file.exists():  # "Command exited with non-zero status 1" may precede %M
        lines = rss_file.read_text().split()
        max_rss = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else max_rss
    step = max(1, len(samples) // 40)
    timeline = [(round(t, 2), round(kib / 1024, 1)) for t, kib in samples[::step]]
    peak = max((kib for _, kib in samples), default=0) / 1024 if sampling else float("nan")
    return TreeMemory(max_rss, peak, timeline)


# --------------------------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------------------------


def _generator_digest() -> str:
    return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]


def ensure_corpus(size: int, seed: int, python: str) -> Path:
    """``benchmarks/out/corpus-N``, (re)generated when missing or made by another generator/seed."""
    folder = OUT / f"corpus-{size}"
    manifest = folder.with_name(folder.name + ".json")
    wanted = {"count": size, "seed": seed, "generator": _generator_digest()}
    if folder.is_dir() and manifest.is_file() and json.loads(manifest.read_text()) == wanted:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    subprocess.run([python, str(GENERATOR), str(folder), "--count", str(size), "--seed", str(seed)], check=True)
    print(f"  generated {folder.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    manifest.write_text(json.dumps(wanted))
    return folder


def corpus_files(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 1e6


def findings_summary(report: Path) -> dict[str, object] | None:
    """The report's summary block and its rule counts (what the checker said about the corpus)."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rules: dict[str, int] = {}
    for finding in data.get("findings", []):
        key = f"{finding.get('rule')}:{finding.get('severity')}"
        rules[key] = rules.get(key, 0) + 1
    return {"summary": data.get("summary"), "rules": dict(sorted(rules.items(), key=lambda kv: -kv[1]))}


# --------------------------------------------------------------------------------------------
# Start-up costs
# --------------------------------------------------------------------------------------------


@dataclass
class ImportTimes:
    """``-X importtime`` of one process: the median run's total and its heaviest packages."""

    total_ms: float  # the anchor module's cumulative time, or every top-level import summed
    runs_ms: list[float]
    modules_imported: int
    own_code_ms: float  # self time of decision_check.* modules
    heaviest_ms: dict[str, float]  # outermost import of each top-level package, cumulative
    own_heaviest_ms: dict[str, float]  # decision_check modules by self time (e.g. pydantic model classes)


def _importtime_rows(stderr: str) -> list[tuple[int, int, str, int]]:
    """(self µs, cumulative µs, dotted name, nesting depth) for every ``-X importtime`` line."""
    rows = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "[us]" not in line:
            self_us, cumulative_us, name = line.removeprefix("import time:").split("|", 2)
            depth = (len(name) - len(name.lstrip())) // 2
            rows.append((int(self_us), int(cumulative_us), name.strip(), depth))
    return rows


def _summarise_imports(runs: list[tuple[int, list[tuple[int, int, str, int]]]]) -> ImportTimes:
    runs.sort(key=lambda item: item[0])
    total, rows = runs[len(runs) // 2]
    packages: dict[str, int] = {}
    for _, cumulative, name, _ in rows:  # a package's outermost import has the largest cumulative time
        root = name.split(".")[0]
        packages[root] = max(packages.get(root, 0), cumulative)
    packages.pop("decision_check", None)
    heaviest = sorted(packages.items(), key=lambda kv: -kv[1])[:10]
    own = sorted(((us, name) for us, _, name, _ in rows if name.startswith("decision_check")), reverse=True)
    return ImportTimes(
        total_ms=round(total / 1000, 1),
        runs_ms=[round(t / 1000, 1) for t, _ in runs],
        modules_imported=len(rows),
        own_code_ms=round(sum(s for s, _, n, _ in rows if n.startswith("decision_check")) / 1000, 1),
        heaviest_ms={name: round(us / 1000, 1) for name, us in heaviest},
        own_heaviest_ms={name: round(us / 1000, 1) for us, name in own[:6]},
    )


def import_time(python: str, repeat: int) -> ImportTimes:
    """``python -X importtime -c "import decision_check.cli.app"``, ``repeat`` times."""
    runs = []
    for _ in range(repeat):
        command = [python, "-X", "importtime", "-c", "import decision_check.cli.app"]
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=CHILD_ENV)
        rows = _importtime_rows(done.stderr)
        runs.append((next(c for _, c, n, _ in reversed(rows) if n == "decision_check.cli.app"), rows))
    return _summarise_imports(runs)


@dataclass
class OneFile:
    """``validate`` on one record, run in-process by a small script (under ``-X importtime``)."""

    exit_code: object
    modules_loaded: int
    heavy_modules: dict[str, bool]  # sqlmodel, jinja2, docx: loaded or not
    imports: ImportTimes | None
    failure: str | None = None


def one_file(python: str, record: Path) -> OneFile:
    """Which modules ``validate`` on one record pulls in, and what importing them costs."""
    report = REPORTS / "one-file.json"
    command = [python, "-X", "importtime", "-c", _MODULES_SNIPPET.format(heavy=HEAVY_MODULES), str(record), str(report)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=OUT, env=CHILD_ENV)
    if done.returncode != 0 or not done.stdout.strip():
        return OneFile(None, 0, {}, None, failure=done.stderr[-2000:])
    data = json.loads(done.stdout.strip().splitlines()[-1])
    rows = _importtime_rows(done.stderr)
    imports = _summarise_imports([(sum(c for _, c, _, d in rows if d == 0), rows)])
    heavy = {name: bool(data[name]) for name in HEAVY_MODULES}
    return OneFile(data["exit_code"], int(data["modules_loaded"]), heavy, imports)


# --------------------------------------------------------------------------------------------
# Profile
# --------------------------------------------------------------------------------------------


def profile(python: str, corpus: Path, top: int = 25) -> str:
    """validate -j1 on ``corpus`` under cProfile; the ``top`` functions by cumulative time."""
    stats_file = OUT / f"profile-{corpus.name}.pstats"
    report = REPORTS / f"profile-{corpus.name}.json"
    command = [
        python,
        "-m",
        "cProfile",
        "-o",
        str(stats_file),
        "-m",
        "decision_check",
        "validate",
        str(corpus),
        "--format",
        "json",
        "--output",
        str(report),
        "--jobs",
        "1",
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=OUT, env=CHILD_ENV)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        return f"profile run failed with exit code {done.returncode}:\n{done.stderr[-2000:]}"
    from io import StringIO

    sections = []
    for key, count, title in (("cumulative", top, "by cumulative time"), ("tottime", 15, "by own time (tottime)")):
        text = StringIO()
        stats = pstats.Stats(str(stats_file), stream=text)
        stats.strip_dirs().sort_stats(key).print_stats(count)
        body = text.getvalue()
        sections.append(f"top {count} {title}:\n" + (body[body.find("   ncalls") :] if "   ncalls" in body else body))
    header = f"cProfile of validate --jobs 1 on {corpus.name} ({elapsed:.2f} s wall under the profiler)\n"
    body = "\n".join(section.rstrip() + "\n" for section in sections)
    (OUT / f"profile-{corpus.name}.txt").write_text(header + body, encoding="utf-8")
    return header + body


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def _venv_tool(name: str, fallback: str | None) -> str:
    candidate = ROOT / ".venv" / "bin" / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    if fallback:
        return fallback
    raise SystemExit(f"cannot find {name}: install the project (pip install -e .) or pass --cli")


STARTUP_RATIO_BUDGET = 1.5  # validate one record ≤ 1.5 × yamllint on the same file (issue 7)


def startup_race(cli: str, record: Path, repeat: int) -> dict[str, object]:
    """``decision-check validate one.yaml`` against ``yamllint one.yaml`` and ``decision-check --help``,
    interleaved, median of ``repeat`` (≥ 10) runs each after a warm-up; the ratio to yamllint."""
    yamllint = _venv_tool("yamllint", "/work/venv/bin/yamllint")
    report = REPORTS / "startup-one.json"
    validate = Measure(
        [cli, "validate", str(record), "--format", "json", "--output", str(report)],
        LOGS / "startup-validate.log",
        ok_codes=(0, 1),
    )
    lint = Measure([yamllint, "-d", "relaxed", str(record)], LOGS / "startup-yamllint.log", ok_codes=(0, 1))
    help_run = Measure([cli, "--help"], LOGS / "startup-help.log")
    load_before = os.getloadavg()[0]
    measure([validate, lint, help_run], max(10, repeat), OUT)
    ratio = validate.median_s / lint.median_s if lint.runs and validate.runs else float("nan")
    return {
        "record": str(record),
        "validate": validate.summary(),
        "yamllint": lint.summary(),
        "help": help_run.summary(),
        "ratio_validate_to_yamllint": round(ratio, 3),
        "ratio_help_to_yamllint": round(help_run.median_s / lint.median_s, 3) if lint.runs else None,
        "budget": STARTUP_RATIO_BUDGET,
        "load_average": (round(load_before, 2), round(os.getloadavg()[0], 2)),
    }


def print_startup(race: dict[str, object]) -> None:
    validate, lint, help_run = (race[k] for k in ("validate", "yamllint", "help"))
    assert isinstance(validate, dict) and isinstance(lint, dict) and isinstance(help_run, dict)
    ratio = race["ratio_validate_to_yamllint"]
    assert isinstance(ratio, float)
    verdict = "ok" if ratio <= STARTUP_RATIO_BUDGET else "OVER"
    runs = len(validate["runs_s"])
    print(f"\nstart-up, one record ({runs} runs each, medians; load {race['load_average']}):")
    print(f"  yamllint                  {lint['median_s']:.3f} s")
    print(
        f"  decision-check validate   {validate['median_s']:.3f} s   ratio {ratio:.2f}× yamllint — {verdict}"
        f" (budget {STARTUP_RATIO_BUDGET}×)"
    )
    print(
        f"  decision-check --help     {help_run['median_s']:.3f} s   ratio {race['ratio_help_to_yamllint']}× yamllint"
    )


def _fmt(value: float, digits: int = 3) -> str:
    return "—" if value != value else f"{value:.{digits}f}"  # NaN → —


def _git_head() -> str | None:
    try:  # read-only: the commit the checker was measured at
        done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src", "rules"], capture_output=True, text=True
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    changed = len(dirty.stdout.splitlines())
    return done.stdout.strip() + (f" + {changed} uncommitted changes in src/ rules/" if changed else "")


def _checker_fingerprint() -> str:
    """A digest of the checker's sources and rule files: tells whether it changed during a run."""
    digest = hashlib.sha256()
    for folder in (ROOT / "src" / "decision_check", ROOT / "rules"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".toml"):
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1,1000,10000", help="comma-separated corpus sizes (default 1,1000,10000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command after one warm-up (default 5)")
    parser.add_argument("--seed", type=int, default=713, help="generator seed (default 713)")
    parser.add_argument("--profile", action="store_true", help="also profile validate -j1 on the 1,000 corpus")
    parser.add_argument("--profile-only", action="store_true", help="only the profile")
    parser.add_argument(
        "--startup-only", action="store_true", help="only validate one record vs yamllint vs --help (≥ 10 runs each)"
    )
    parser.add_argument("--python", default=None, help="interpreter with PyYAML and decision_check (default: .venv)")
    parser.add_argument("--cli", default=None, help="decision-check executable (default: .venv/bin/decision-check)")
    parser.add_argument(
        "--no-bytecode-cache", action="store_true", help="run children in this environment as is (see CHILD_ENV)"
    )
    args = parser.parse_args(argv)
    if not args.no_bytecode_cache:
        CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    python = args.python or _venv_tool("python", sys.executable)
    cli = args.cli or _venv_tool("decision-check", None)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for folder in (OUT, REPORTS, LOGS):
        folder.mkdir(parents=True, exist_ok=True)
    # An empty configuration file pins the run to the defaults: no project config is picked up
    # by walking up from benchmarks/out/ (the commands run with it as working directory).
    config = OUT / "decision-check.toml"
    if not config.exists():
        config.write_text("# benchmarks: default configuration\n", encoding="utf-8")

    if args.profile_only:
        print(profile(python, ensure_corpus(1000, args.seed, python)))
        return 0
    if args.startup_only:
        record = sorted(ensure_corpus(1, args.seed, python).glob("20*/*.yaml"))[0]
        race = startup_race(cli, record, args.repeat)
        print_startup(race)
        (OUT / "startup.json").write_text(json.dumps(race, ensure_ascii=False, indent=2), encoding="utf-8")
        return 0

    started_at = dt.datetime.now().astimezone()
    checker_at_start = _git_head()
    print(
        f"decision-check benchmarks — {started_at:%Y-%m-%d %H:%M %Z}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, checker at {checker_at_start}",
        file=sys.stderr,
    )
    results: list[SizeResult] = []
    failures: list[str] = []
    for size in sizes:
        corpus = ensure_corpus(size, args.seed, python)
        files, megabytes = corpus_files(corpus)
        print(f"size {size}: {files} files, {megabytes:.1f} MB", file=sys.stderr)
        load_before = os.getloadavg()[0]
        fingerprint = _checker_fingerprint()
        load = Measure([python, "-c", _PARSE_SNIPPET.format(function="load"), str(corpus)], LOGS / f"load-{size}.log")
        compose = Measure(
            [python, "-c", _PARSE_SNIPPET.format(function="compose"), str(corpus)], LOGS / f"compose-{size}.log"
        )
        report_j1 = REPORTS / f"corpus-{size}-j1.json"
        report_default = REPORTS / f"corpus-{size}-default.json"
        base = [cli, "validate", str(corpus), "--format", "json"]
        j1_command = [*base, "--output", str(report_j1), "--jobs", "1"]
        default_command = [*base, "--output", str(report_default)]
        validate_j1 = Measure(j1_command, LOGS / f"validate-{size}-j1.log", ok_codes=(0, 1))
        validate_default = Measure(default_command, LOGS / f"validate-{size}.log", ok_codes=(0, 1))
        measure([load, compose, validate_j1, validate_default], args.repeat, OUT)
        if _checker_fingerprint() != fingerprint:  # others edit src/ while this runs
            failures.append(f"size {size}: the checker's sources changed during the measurement; rerun it")
        memory_j1 = tree_memory(j1_command, LOGS / f"validate-{size}-j1-pss.log", OUT)
        memory_default = tree_memory(default_command, LOGS / f"validate-{size}-pss.log", OUT)
        for label, item in (
            ("C loader", load),
            ("C composer", compose),
            ("validate -j1", validate_j1),
            ("validate", validate_default),
        ):
            if item.failure:
                failures.append(f"size {size}, {label}: {item.failure}")
        results.append(
            SizeResult(
                size,
                files,
                megabytes,
                load,
                compose,
                validate_j1,
                validate_default,
                memory_j1,
                memory_default,
                findings_summary(report_default),
                (round(load_before, 2), round(os.getloadavg()[0], 2)),
            )
        )

    one = sorted(ensure_corpus(1, args.seed, python).glob("20*/*.yaml"))[0]
    imports = import_time(python, max(3, args.repeat))
    help_run = Measure([cli, "--help"], LOGS / "help.log")
    measure([help_run], args.repeat, OUT)
    single = one_file(python, one)
    race = startup_race(cli, one, args.repeat)
    startup = {
        "import_time": asdict(imports),
        "help": help_run.summary(),
        "one_file": asdict(single),
        "versus_yamllint": race,
    }

    print_table(results)
    print(
        f"\nimport decision_check.cli.app: {imports.total_ms} ms, {imports.modules_imported} modules "
        f"(decision_check's own code {imports.own_code_ms} ms); heaviest packages (cumulative): "
        + ", ".join(f"{k} {v} ms" for k, v in list(imports.heaviest_ms.items())[:8])
    )
    print(f"decision-check --help: {_fmt(help_run.median_s)} s")
    print_startup(race)
    if single.failure:
        print(f"validate one file in-process FAILED: {single.failure}")
    else:
        loaded = ", ".join(
            f"{name} {'LOADED' if flag else 'not loaded'}" for name, flag in single.heavy_modules.items()
        )
        print(
            f"validate one file in-process: exit {single.exit_code}, {single.modules_loaded} modules in sys.modules; "
            f"{loaded}"
        )
        if single.imports:
            print(
                f"  its imports: {single.imports.total_ms} ms; heaviest packages (cumulative): "
                + ", ".join(f"{k} {v} ms" for k, v in list(single.imports.heaviest_ms.items())[:8])
                + "; own modules (self): "
                + ", ".join(f"{k} {v} ms" for k, v in single.imports.own_heaviest_ms.items())
            )
    payload = {
        "date": started_at.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "checker": {"at_start": checker_at_start, "at_end": _git_head()},
        "repeat": args.repeat,
        "seed": args.seed,
        "bytecode_cache": not args.no_bytecode_cache,
        "budgets": {
            "one_record_s": ONE_RECORD_BUDGET_S,
            "load_schema_ratio": LOAD_SCHEMA_RATIO_BUDGET,
            "all_rules_ratio": ALL_RULES_RATIO_BUDGET,
        },
        "sizes": [r.to_json() for r in results],
        "startup": startup,
        "failures": failures,
    }
    (OUT / "results.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {(OUT / 'results.json').relative_to(ROOT)}")
    if args.profile:
        print()
        print(profile(python, ensure_corpus(1000, args.seed, python)))
    for failure in failures:
        print(f"FAILURE: {failure}", file=sys.stderr)
    return 1 if failures else 0


def print_table(results: list[SizeResult]) -> None:
    headers = (
        "size",
        "files",
        "C-loader s",
        "C-composer s",
        "validate -j1 s",
        "validate s",
        "ratio -j1",
        "ratio",
        "RSS -j1 MB",
        "RSS MB",
        "tree PSS MB",
    )
    rows = [
        (
            str(r.size),
            str(r.files),
            _fmt(r.load.median_s),
            _fmt(r.compose.median_s),
            _fmt(r.validate_j1.median_s),
            _fmt(r.validate_default.median_s),
            _fmt(r.ratio_j1, 2) + "×",
            _fmt(r.ratio_default, 2) + "×",
            _fmt(r.memory_j1.max_rss_mb, 0),
            _fmt(r.memory_default.max_rss_mb, 0),
            _fmt(r.memory_default.peak_pss_mb, 0),
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    print("  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    print(
        "\nmedians of whole-process wall times; ratio = validate / C-loader; RSS = peak of the largest single "
        "process (/usr/bin/time); tree PSS = peak summed PSS of validate and its workers (sampled, default jobs)"
    )
    for r in results:
        if r.size == 1:
            best = min(r.validate_j1.median_s, r.validate_default.median_s)
            verdict = "ok" if best <= ONE_RECORD_BUDGET_S else "OVER"
            print(f"budget, one record ≤ {ONE_RECORD_BUDGET_S} s: {best:.3f} s — {verdict}")
        elif r.size == 1000:
            verdict = "ok" if r.ratio_j1 <= ALL_RULES_RATIO_BUDGET else "OVER"
            print(
                f"budget, 1,000 records ≤ {ALL_RULES_RATIO_BUDGET:g}× C-loader (all rules): "
                f"-j1 {r.ratio_j1:.2f}×, default {r.ratio_default:.2f}× — {verdict} (judged on -j1)"
            )
    big = [r for r in results if r.size >= 1000]
    if len(big) >= 2:
        small, large = big[0], big[-1]
        print(
            f"memory {small.size}→{large.size} records: tree PSS {small.memory_default.peak_pss_mb:.0f}→"
            f"{large.memory_default.peak_pss_mb:.0f} MB, largest process "
            f"{small.memory_default.max_rss_mb:.0f}→{large.memory_default.max_rss_mb:.0f} MB"
        )
    for r in results:
        timeline = r.memory_j1.timeline
        if r.size >= 1000 and timeline:
            points = [timeline[min(len(timeline) - 1, len(timeline) * q // 4)] for q in (1, 2, 3, 4)]
            print(
                f"{r.size} records, validate -j1 PSS over the run: "
                + ", ".join(f"{mb:.0f} MB at {t:.1f} s" for t, mb in points)
                + f"; peak {r.memory_j1.peak_pss_mb:.0f} MB"
            )
    for r in results:
        if r.size >= 1000:
            speedup = r.validate_j1.median_s / r.validate_default.median_s
            print(f"{r.size} records: default jobs {speedup:.2f}× the speed of -j1")
    print(
        "1-minute load average before → after each size: "
        + ", ".join(f"{r.size}: {r.load_average[0]} → {r.load_average[1]}" for r in results)
    )


if __name__ == "__main__":
    raise SystemExit(main())
