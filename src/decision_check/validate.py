"""One validation run over files and folders: discover, load, judge, gather — fast and in bounded memory.

Organ and catalogue files are found first (:mod:`decision_check.survey`: a first pass over the
folders, a cheap scan for their ``kind``) because decisions are judged against them; in a spooled run
a catalogue's entries and places go to the catalogue index (:mod:`decision_check.catalog_index`),
from which the catalogue checks judge it at the end. Decision files are then loaded and judged one at
a time — in a pool of worker processes when there are many and more than one core — and what they
yield goes to a spool (:mod:`decision_check.spool`): :func:`run` keeps it in memory and returns a
:class:`~decision_check.findings.Result`; :func:`spooled_run` keeps a large run on disk, so memory does
not grow with the number of records. Cross-file checks (``DUP-ID``, ``MEET-09``, ``CAT-03``) run last,
over the facts kept.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from decision_check.checks import REGISTRY
from decision_check.checks.base import Corpus
from decision_check.crash import internal_finding, processing
from decision_check.engine import Candidate, Engine, EngineOptions, finalize
from decision_check.errors import UsageError
from decision_check.findings import DecisionOutcome, Finding, Result, ResultView, Severity, Span
from decision_check.i18n import Text
from decision_check.loader import DUP_ID, LOAD, LoadedFile, discover, load_file, read_yaml
from decision_check.models.enums import OrganLevel
from decision_check.models.records import Catalog, Decision, Organ
from decision_check.rulesets import RuleBook
from decision_check.schema_findings import file_finding
from decision_check.sourcemap import SourceMap
from decision_check.spool import DiskSpool, MemorySpool
from decision_check.survey import Survey, in_child, is_side_file, survey

PARALLEL_THRESHOLD = 400
SPOOL_THRESHOLD = 400  # decision files from which spooled_run keeps findings on disk
_CHUNK = 64
_TASKS_PER_WORKER = 16


@dataclass
class _FileResult:
    findings: list[Finding] = field(default_factory=list)
    outcome: DecisionOutcome | None = None
    candidates: list[Candidate] = field(default_factory=list)
    identity: tuple[str, str, Span | None] | None = None  # organ, id, span of `id`
    level: OrganLevel | None = None


def display_path(path: Path, base: Path) -> str:
    """The path as reports show it: relative to ``base`` when inside it, POSIX separators."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_jobs(jobs: int | None) -> None:
    """``--jobs`` is a positive count of worker processes (``None``: one per core)."""
    if jobs is not None and jobs < 1:
        raise UsageError(
            f"--jobs 必须至少为 1（不写则按 CPU 核数），而不是 {jobs}",
            f"--jobs must be at least 1 (leave it out for one per core), not {jobs}",
        )


def run(
    paths: Sequence[Path],
    book: RuleBook,
    options: EngineOptions,
    *,
    base: Path | None = None,
    root: Path | None = None,
    jobs: int | None = None,
    context: Sequence[Path] = (),
) -> Result:
    """Validate every record under ``paths``; the whole result in memory.

    ``context`` names the project's record folders: organ files and catalogues found there are read
    as facts (so that one decision checked alone is judged with its organ's quorum, bodies and
    reviewers) but are not themselves reported unless they are also under ``paths``.
    """
    spool = _run(paths, book, options, base, root, jobs, context, disk_from=None)
    assert isinstance(spool, MemorySpool)
    return spool.finish()


@contextmanager
def spooled_run(
    paths: Sequence[Path],
    book: RuleBook,
    options: EngineOptions,
    *,
    base: Path | None = None,
    root: Path | None = None,
    jobs: int | None = None,
    context: Sequence[Path] = (),
    disk_from: int = SPOOL_THRESHOLD,
) -> Iterator[ResultView]:
    """:func:`run` for reports written as they are read: from ``disk_from`` decision files on, the
    findings and outcomes go to a temporary SQLite file (removed on exit) instead of memory, so
    memory stays flat however many records there are. Same findings, same report order."""
    spool = _run(paths, book, options, base, root, jobs, context, disk_from=disk_from)
    try:
        yield spool.finish()
    finally:
        spool.close()


def _run(
    paths: Sequence[Path],
    book: RuleBook,
    options: EngineOptions,
    base: Path | None,
    root: Path | None,
    jobs: int | None,
    context: Sequence[Path],
    *,
    disk_from: int | None,
) -> MemorySpool | DiskSpool:
    check_jobs(jobs)
    base = base or Path.cwd()
    overrides = list(options.overrides.values())
    found = survey(paths, apart=disk_from is not None)  # first pass: count; the organ files and catalogues
    try:
        spool: MemorySpool | DiskSpool
        if disk_from is not None and found.decision_count >= disk_from:
            spool = DiskSpool(found.files, options.as_of, overrides)
        else:
            spool = MemorySpool(found.files, options.as_of, overrides)
        try:
            _judge_all(spool, found, book, options, base, root, jobs, context)
        except BaseException:
            spool.close()
            raise
    finally:
        found.close()
    return spool


def _judge_all(
    spool: MemorySpool | DiskSpool,
    found: Survey,
    book: RuleBook,
    options: EngineOptions,
    base: Path,
    root: Path | None,
    jobs: int | None,
    context: Sequence[Path],
) -> None:
    catalog_files: list[tuple[Path, str, Catalog]] = []  # judged once the decision ids are known
    side = found.side
    organs, catalogs, unreadable, early = _context_facts(context, {p.resolve() for p in side}, base, spool)
    late_decisions: list[Path] = []  # decisions that mention `kind: organ` in a block
    for path in side:
        shown = display_path(path, base)
        try:
            loaded = _side_file(path, shown, spool)
        except Exception as exc:  # a crash in one file is a finding for it; the run goes on
            early.append(internal_finding(shown, exc))
            continue
        early.extend(loaded.findings)
        if loaded.record is None and loaded.kind == "organ" and not loaded.is_decision:
            unreadable.extend(_organ_name(path))
        elif isinstance(loaded.record, Organ):
            organs[loaded.record.name] = loaded.record
        elif isinstance(loaded.record, Catalog):
            catalogs[(loaded.record.organ, loaded.record.year)] = loaded.record  # kept by _side_file
            catalog_files.append((path, shown, loaded.record))
        elif loaded.is_decision:
            late_decisions.append(path)
            early = [f for f in early if f.file != loaded.file]
    spool.add_findings(early)
    del early
    corpus = Corpus(
        organs=organs,
        catalogs=catalogs,
        root=(root or base).resolve(),
        unreadable_organs=frozenset(name for name in unreadable if name not in organs),
        entries=spool.catalog_entries(),
    )
    engine = Engine(book, options, corpus)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    decisions = itertools.chain(found.decisions(), late_decisions)
    count = found.decision_count + len(late_decisions)
    outcomes = (
        _parallel(engine, decisions, base, workers)
        if workers > 1 and count >= PARALLEL_THRESHOLD
        else (_judge(engine, path, base) for path in decisions)
    )
    levels: dict[str, OrganLevel] = {}
    for item in outcomes:
        spool.add_findings(item.findings)
        spool.add_candidates(item.candidates)
        if item.outcome is not None:
            spool.add_outcome(item.outcome)
            if item.level is not None:
                levels.setdefault(item.outcome.organ, item.level)
        if item.identity is not None:
            organ, decision_id, span = item.identity
            spool.add_identity(organ, decision_id, item.outcome.file if item.outcome else "", span)
    # One meeting's candidates at a time, its findings spooled as they come (not held for the run).
    spool.add_findings(f for group in spool.candidate_groups() for f in finalize(group, REGISTRY, book))
    spool.add_findings(_duplicate_ids(spool.identities()))
    for path, shown, catalog in catalog_files:
        try:
            judged = _judge_catalog(engine, spool, path, shown, catalog, levels.get(catalog.organ))
        except Exception as exc:
            judged = [internal_finding(shown, exc)]
        spool.add_findings(judged)


def _judge_catalog(
    engine: Engine,
    spool: MemorySpool | DiskSpool,
    path: Path,
    shown: str,
    catalog: Catalog,
    level: OrganLevel | None,
) -> list[Finding]:
    """CAT-02, CAT-03 (…) of one catalogue, once the run's decision ids are known. A spooled run judges
    it from the catalogue index (entries one at a time, places from the table), a small run reads it again."""
    ids = spool.ids_of(catalog.organ)
    if isinstance(spool, DiskSpool):
        index = spool.catalog_entries()
        loaded = LoadedFile(shown, path, "catalog", catalog, index.source(catalog.organ, catalog.year))
        return engine.evaluate_catalog(loaded, ids, level, index.entries(catalog.organ, catalog.year))
    loaded = load_file(path, shown)
    if not isinstance(loaded.record, Catalog):  # changed since it was first read
        changed = Text(
            "目录文件在检查过程中被改动，未能按年度目录规则检查",
            "the catalogue changed while it was being checked; its catalogue rules were not applied",
        )
        again = Text("文件改好后重新运行检查", "run the check again once the file is saved")
        return [file_finding(loaded, LOAD, Span(1, 1, 1, 1), changed, again)]  # not what the new text holds
    return engine.evaluate_catalog(loaded, ids, level)


def _context_facts(
    folders: Sequence[Path], already: set[Path], base: Path, spool: MemorySpool | DiskSpool | None = None
) -> tuple[dict[str, Organ], dict[tuple[str, int], Catalog], list[str], list[Finding]]:
    """Organs and catalogues of the project's record folders that the run was not asked to check.

    Also the names of organs whose file there could not be read, with that file's findings: they are
    reported, because the decisions of that organ are judged without its facts."""
    organs: dict[str, Organ] = {}
    catalogs: dict[tuple[str, int], Catalog] = {}
    unreadable: list[str] = []
    findings: list[Finding] = []
    existing = [folder for folder in folders if folder.is_dir()]
    for path in discover(existing):
        if path.resolve() in already or not is_side_file(path):
            continue
        with processing(display_path(path, base)):
            loaded = _side_file(path, display_path(path, base), spool)
        record = loaded.record
        if isinstance(record, Organ):
            organs[record.name] = record
        elif isinstance(record, Catalog):
            catalogs[(record.organ, record.year)] = record
        elif record is None and loaded.kind == "organ":
            names = _organ_name(path)
            unreadable.extend(names)
            if names:
                findings.extend(loaded.findings)
    return organs, catalogs, unreadable, findings


@dataclass
class _Side:
    """What the run keeps of an organ file or catalogue: its findings and record (a catalogue as
    :meth:`~decision_check.spool.MemorySpool.keep_catalog` keeps it), not its node tree."""

    file: str
    kind: str | None
    record: Organ | Catalog | None  # None for a decision (judged later) and for a file that failed
    findings: list[Finding]
    is_decision: bool = False


def _side_file(path: Path, shown: str, spool: MemorySpool | DiskSpool | None) -> _Side:
    """Load an organ file or catalogue. In a spooled run this happens in a forked child: a catalogue of
    thousands of entries is ~20 MB while it is read, and the heap it fragments is the child's."""

    def load() -> _Side:
        loaded = load_file(path, shown)
        record = loaded.record
        if isinstance(record, Catalog) and spool is not None:
            assert isinstance(loaded.source, SourceMap)  # a file just read keeps its node tree
            record = spool.keep_catalog(record, loaded.source)
        if isinstance(record, Decision):
            return _Side(loaded.file, loaded.kind, None, list(loaded.findings), is_decision=True)
        return _Side(loaded.file, loaded.kind, record, list(loaded.findings))

    return in_child(load) if isinstance(spool, DiskSpool) else load()


def _organ_name(path: Path) -> list[str]:
    """The ``name`` of an organ file that failed validation (empty when it has none to read)."""
    data, _ = read_yaml(path)
    name = data.get("name") if data is not None else None
    return [str(name).strip()] if isinstance(name, str | int) and str(name).strip() else []


def _judge(engine: Engine, path: Path, base: Path) -> _FileResult:
    """Load and judge one decision file; an unexpected exception becomes an ``INTERNAL`` finding for it."""
    shown = display_path(path, base)
    try:
        return _judge_file(engine, path, shown)
    except Exception as exc:  # the other files of the run are still checked and reported
        return _FileResult(findings=[internal_finding(shown, exc)])


def _judge_file(engine: Engine, path: Path, shown: str) -> _FileResult:
    loaded = load_file(path, shown)
    out = _FileResult(findings=list(loaded.findings))
    decision = loaded.record
    if isinstance(decision, Decision):
        evaluation = engine.evaluate(loaded)
        out.findings.extend(evaluation.findings)
        out.outcome = evaluation.outcome
        out.candidates = evaluation.candidates
        out.identity = (decision.organ, decision.id, loaded.source.locate(("id",)))
        out.level = decision.organ_level
    elif loaded.record is not None:  # an organ or catalogue file the scan did not recognise
        out.findings.append(
            Finding(
                rule="LOAD",
                severity=Severity.WARNING,
                file=loaded.file,
                span=loaded.source.locate(("kind",)),
                path="kind",
                message=Text(
                    "机关或目录文件的 kind 应写在行首（kind: organ / kind: catalog），否则不会先于决策文件读取",
                    "write `kind: organ` / `kind: catalog` at the start of a line so the file is read first",
                ),
            )
        )
    return out


_WORKER: tuple[Engine, Path] | None = None


def _work(paths: list[Path]) -> list[_FileResult]:
    assert _WORKER is not None
    engine, base = _WORKER
    return [_judge(engine, path, base) for path in paths]


def _chunks(paths: Iterable[Path]) -> Iterator[list[Path]]:
    iterator = iter(paths)
    while chunk := list(itertools.islice(iterator, _CHUNK)):
        yield chunk


def _parallel(engine: Engine, paths: Iterable[Path], base: Path, workers: int) -> Iterator[_FileResult]:
    import multiprocessing

    global _WORKER
    _WORKER = (engine, base)  # inherited by forked workers: no pickling of rule sets or calendars
    chunks = _chunks(paths)  # read by the pool's task thread, a chunk at a time
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        yield from (_judge(engine, path, base) for path in paths)
        return
    # Workers are replaced every _TASKS_PER_WORKER chunks: parsing leaves fragmented arenas behind,
    # and a fresh process keeps a worker's memory flat however many files there are.
    with context.Pool(processes=workers, maxtasksperchild=_TASKS_PER_WORKER) as pool:
        for batch in pool.imap(_work, chunks):
            yield from batch
    _WORKER = None


def _duplicate_ids(identities: Iterable[tuple[tuple[str, str], list[tuple[str, Span | None]]]]) -> list[Finding]:
    findings: list[Finding] = []
    for (organ, decision_id), places in identities:
        if len(places) < 2:
            continue
        files = "、".join(sorted(file for file, _ in places))
        for file, span in places:
            findings.append(
                Finding(
                    rule=DUP_ID,
                    severity=Severity.ERROR,
                    file=file,
                    span=span,
                    path="id",
                    message=Text(
                        f"决策编号 {decision_id} 在{organ}内重复：{files}",
                        f"decision id {decision_id} is used more than once for {organ}: {files}",
                    ),
                    hint=Text(
                        "同一机关的决策编号必须唯一；改正其中一个文件的 id", "ids must be unique within an organ"
                    ),
                    decision=decision_id,
                    organ=organ,
                    item=file,
                )
            )
    return findings
