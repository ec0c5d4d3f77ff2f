"""Fuzz loader + engine with many Hypothesis inputs (issue 13); save every failure, shrunk, as a regression.

    python benchmarks/fuzz.py                      # 100,000 inputs, at most one hour
    python benchmarks/fuzz.py --count 5000 --time-limit 300 --seed 7

Inputs come from ``tests/robustness/fuzz_harness.py`` (bundled records mutated, and parts drawn
from the JSON Schema). Runs in batches, each a Hypothesis run with its own seed; stops at ``--count``
inputs or ``--time-limit`` seconds, whichever comes first. A failing batch is shrunk by Hypothesis
and its smallest input is written to ``tests/examples/fuzz_regressions/`` (checked by the normal test
suite from then on). Prints how many inputs, how long, and each failure; exit 1 when any failed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

import fuzz_harness  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402


@dataclass
class _State:
    inputs: int = 0
    last_failing: str | bytes | None = None  # the input the checker failed on (None: none in this batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000, help="inputs to run (default 100000)")
    parser.add_argument("--time-limit", type=float, default=3600.0, help="seconds at most (default 3600)")
    parser.add_argument("--batch", type=int, default=1000, help="examples per Hypothesis run (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first batch (default 0)")
    parser.add_argument("--mix", type=int, default=9, help="mutated inputs per schema-drawn one (default 9)")
    parser.add_argument("--save", type=Path, default=fuzz_harness.REGRESSIONS, help="where failures are saved")
    args = parser.parse_args(argv)
    if args.count < 1 or args.batch < 1 or args.time_limit <= 0:
        parser.error("--count, --batch and --time-limit must be positive")

    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="dc-fuzz-", dir=shm if shm.is_dir() else None))
    fuzz_harness._engine()  # rule book and organs once, outside the timing of the first batch
    state = _State()
    failures: list[tuple[Path, str]] = []
    harness_errors: list[str] = []
    started = time.perf_counter()
    batch_index = 0
    while state.inputs < args.count and time.perf_counter() - started < args.time_limit:
        remaining = args.count - state.inputs
        state.last_failing = None

        @seed(args.seed + batch_index)
        @settings(
            max_examples=min(args.batch, remaining),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(fuzz_harness.inputs(args.mix))
        def one(text: str | bytes) -> None:
            state.inputs += 1
            try:
                fuzz_harness.check_text(text, folder)
            except BaseException:
                state.last_failing = text  # Hypothesis replays the shrunk example last
                raise

        try:
            one()
        except Exception as exc:  # a failure, shrunk: save it and go on with the next batch
            text = state.last_failing
            if text is None:  # the input generator itself failed: a bug of the harness, not of the checker
                where = "".join(traceback.format_exception(exc)[-3:]).strip()
                harness_errors.append(where.splitlines()[-1][:300])
                print(f"HARNESS ERROR in batch {batch_index} (no input reached the checker):\n{where}", flush=True)
                batch_index += 1
                continue
            raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
            args.save.mkdir(parents=True, exist_ok=True)
            target = args.save / f"fuzz-{hashlib.sha256(raw).hexdigest()[:12]}.yaml"
            target.write_bytes(raw)
            summary = "".join(traceback.format_exception_only(exc)).strip().splitlines()[0][:300]
            failures.append((target, summary))
            print(f"FAILURE in batch {batch_index}: {summary}\n  smallest input saved to {target}", flush=True)
        batch_index += 1
        elapsed = time.perf_counter() - started
        print(f"  {state.inputs:>7} inputs  {elapsed:7.1f} s  {state.inputs / elapsed:6.1f}/s", flush=True)
    elapsed = time.perf_counter() - started
    stopped = "count reached" if state.inputs >= args.count else "time limit reached"
    print(
        f"fuzz: {state.inputs} inputs in {elapsed:.1f} s ({state.inputs / elapsed:.1f}/s), "
        f"{batch_index} batches, {len(failures)} failures of the checker, {len(harness_errors)} errors of the "
        f"input generator; {stopped}"
    )
    for target, summary in failures:
        print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {summary}")
    for error in harness_errors:
        print(f"  input generator: {error}")
    return 1 if failures or harness_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
