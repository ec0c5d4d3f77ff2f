"""Streaming a large run changes nothing: a run spooled to disk reports what the in-memory run does.

A generated corpus of a few hundred real files (above PARALLEL_THRESHOLD and SPOOL_THRESHOLD), with
a duplicated decision id (DUP-ID) and a meeting recorded differently in two files (MEET-09), is
checked in memory and spooled; the JSON and GitHub reports must be the same bytes, and the CLI's
streamed report with --jobs 1 and --jobs 2 the same as the whole-result report.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from decision_check import __version__, survey
from decision_check import validate as validation
from decision_check.cli.validate_run import rule_infos
from decision_check.engine import EngineOptions
from decision_check.findings import Result
from decision_check.loader import SUFFIXES, discover
from decision_check.reporters import STREAMING, ReportMeta, chunk_renderer, renderer, sarif, stream_renderer
from decision_check.rulesets import RuleBook, load_rulebook

ROOT = Path(__file__).resolve().parents[1]
COUNT = validation.PARALLEL_THRESHOLD + 60
AS_OF = date(2026, 12, 1)


def _corrupt(corpus: Path) -> None:
    """One decision id used twice, and one meeting's attendance told differently in one of its files."""
    decisions = sorted(p for p in corpus.glob("20*/*.yaml"))
    copy = corpus / "2099" / "copy-of-first.yaml"
    copy.parent.mkdir()
    shutil.copyfile(decisions[0], copy)
    by_minutes: dict[str, list[Path]] = {}
    for path in decisions:
        for number in re.findall(r"minutes_no: (\S+)", path.read_text(encoding="utf-8")):
            by_minutes.setdefault(number, []).append(path)
    shared = next(files for files in by_minutes.values() if len(files) >= 2)
    text = shared[0].read_text(encoding="utf-8")
    member = re.compile(r"(- \{name: [^,]+, role: [^,]+, )present: true(?!.*head: true)")
    changed, count = member.subn(r"\1present: false, absence_reason: 请假", text, count=1)
    assert count == 1
    shared[0].write_text(changed, encoding="utf-8")
    # CAT-01 through the catalogue index: one record without its `catalog`, one naming another's entry.
    listed = [
        p
        for p in decisions
        if p not in shared and re.search(r'(?m)^catalog:\n  year: \d+\n  entry: "\d+"', p.read_text(encoding="utf-8"))
    ]
    first, second = listed[1], listed[2]
    text = first.read_text(encoding="utf-8")
    first.write_text(re.sub(r'(?m)^catalog:\n  year: \d+\n  entry: "\d+"\n', "", text), encoding="utf-8")
    text = second.read_text(encoding="utf-8")
    second.write_text(re.sub(r'(?m)^(catalog:\n  year: \d+\n  entry: )"\d+"', r'\1"9999"', text), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stream") / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(folder), "--count", str(COUNT), "--seed", "7"],
        check=True,
        capture_output=True,
    )
    _corrupt(folder)
    return folder


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook([])


@pytest.fixture(scope="module")
def whole(corpus: Path, book: RuleBook) -> Result:
    return validation.run([corpus], book, EngineOptions(as_of=AS_OF), base=corpus, jobs=1)


def test_corpus_exercises_the_cross_file_checks(whole: Result) -> None:
    rules = Counter(f.rule for f in whole.findings)
    assert rules["DUP-ID"] == 2 and rules["MEET-09"] >= 1 and rules["CAT-03"] >= 1 and rules["CAT-01"] >= 2
    assert len(whole.decisions) > validation.SPOOL_THRESHOLD


@pytest.mark.parametrize("jobs", [1, 2])
def test_spooled_run_reports_the_same_bytes(
    corpus: Path, book: RuleBook, whole: Result, jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    meta = ReportMeta(version="test", rules=rule_infos(book), rule_set_versions=("a@1",))
    with validation.spooled_run([corpus], book, EngineOptions(as_of=AS_OF), base=corpus, jobs=jobs) as view:
        assert not isinstance(view, Result)  # really on disk
        assert list(tmp_path.iterdir())
        for name in sorted(STREAMING):
            assert "".join(stream_renderer(name)(view, meta)) == "".join(chunk_renderer(name)(whole, meta))
        again = view.to_result()  # type: ignore[attr-defined]
        assert view.summary() == whole.summary() and view.crashed_files() == whole.crashed_files()
    assert again.findings == whole.findings and again.decisions == whole.decisions
    assert not list(tmp_path.iterdir())  # the temporary database is gone


def test_small_runs_stay_in_memory(corpus: Path, book: RuleBook) -> None:
    one = sorted(corpus.glob("20*/*.yaml"))[:3]
    with validation.spooled_run(one, book, EngineOptions(as_of=AS_OF), base=corpus) as view:
        assert isinstance(view, Result)


def test_cli_streams_the_whole_result_report_with_one_or_two_jobs(
    corpus: Path, book: RuleBook, whole: Result, tmp_path: Path
) -> None:
    (tmp_path / "decision-check.toml").write_text("", encoding="utf-8")
    script = Path(sys.executable).with_name("decision-check")
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.json"
        command = [str(script), "validate", str(corpus), "--format", "json", "--output", str(out)]
        done = subprocess.run(
            [*command, "--as-of", AS_OF.isoformat(), "--jobs", jobs],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "TMPDIR": str(tmp_path)},
        )
        assert done.returncode == 1, done.stderr
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    relative = validation.run([corpus], book, EngineOptions(as_of=AS_OF), base=tmp_path, jobs=1)
    meta = ReportMeta(version=__version__, rule_set_versions=tuple(s.version for s in book.sets.values()))
    assert reports[0].decode("utf-8") == "".join(chunk_renderer("json")(relative, meta))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decision-check.toml", "report-1.json", "report-2.json"]
    assert relative.summary() == whole.summary()


def test_discover_walks_in_the_order_of_sorted_rglob(tmp_path: Path) -> None:
    for name in ("b/z.yaml", "b-x/a.yml", "a.YAML", "b/.hidden/x.yaml", ".git/c.yaml", "b/c/d.yaml", "b/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("kind: decision\n", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "b" / "z.yaml")
    (tmp_path / "linked-folder").symlink_to(tmp_path / "b", target_is_directory=True)
    expected = sorted(
        p
        for p in tmp_path.rglob("*")
        if p.suffix.lower() in SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)
    )
    assert list(discover([tmp_path])) == expected
    assert [p.relative_to(tmp_path).as_posix() for p in expected] == [
        "a.YAML",
        "b/c/d.yaml",
        "b/z.yaml",
        "b-x/a.yml",
        "link.yaml",
    ]


def test_overlapping_paths_are_read_once(corpus: Path) -> None:
    inner = corpus / "2099"
    assert list(survey.record_files([corpus, inner])) == survey.collect_files([corpus, inner])
    assert list(survey.record_files([inner, inner / "copy-of-first.yaml"])) == [inner / "copy-of-first.yaml"]


@pytest.mark.parametrize("name", sorted(STREAMING))
def test_streamed_text_of_a_whole_result_is_its_rendered_text(name: str, whole: Result, book: RuleBook) -> None:
    meta = ReportMeta(version="test", rules=rule_infos(book), lang="en")
    for result in (whole, Result(files=0, as_of=AS_OF)):
        assert "".join(stream_renderer(name)(result, meta)) == renderer(name)(result, meta)
    assert sarif.render(Result(files=0), meta).count('"results": []') == 1
