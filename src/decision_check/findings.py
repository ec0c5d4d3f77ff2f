"""Findings and the result of a run: what every reporter, document and the store consume.

A finding is immutable. Its *fingerprint* (rule + organ + decision + data path + item) is stable
when lines move: waivers, auditors' dispositions and SARIF ``partialFingerprints`` key on it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal, Protocol

from decision_check.i18n import EMPTY, Lang, Text


class Severity(StrEnum):
    """How serious a finding is. ``error`` breaks a legal requirement; ``info`` only informs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: for comparisons and sorting."""
        return _RANK[self]

    def label(self, lang: Lang) -> str:
        """The printed name: 错误 / 警告 / 提示 in Chinese."""
        return _LABELS[self].get(lang)

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Accept the English code or the Chinese label."""
        for member in cls:
            if value in (member.value, _LABELS[member].zh):
                return member
        raise ValueError(value)


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}
_LABELS = {
    Severity.ERROR: Text("错误", "error"),
    Severity.WARNING: Text("警告", "warning"),
    Severity.INFO: Text("提示", "info"),
}

Confidence = Literal["high", "med", "unconfirmed"]


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a file, 1-based, end inclusive of its last character's column + 1."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Citation:
    """One legal basis of a rule: instrument, article (``None`` when the number is not confirmed)."""

    instrument: str
    article: str | None
    confidence: Confidence = "high"
    note: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # One shared object per distinct citation after unpickling (every finding carries several).
        return (_citation, (self.instrument, self.article, self.confidence, self.note))

    @property
    def text(self) -> str:
        """《instrument》article, with a mark when the article is not confirmed."""
        article = self.article or "（条文待核实）"
        mark = "（待核实）" if self.confidence == "unconfirmed" and self.article else ""
        return f"《{self.instrument}》{article}{mark}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing found in one file: a rule's verdict, or a load/schema diagnostic."""

    rule: str
    severity: Severity
    file: str
    span: Span | None
    path: str
    message: Text
    hint: Text = EMPTY
    decision: str | None = None
    organ: str | None = None
    citations: tuple[Citation, ...] = ()
    item: str | None = None
    waived: bool = False
    waiver_reason: str | None = None
    waiver_basis: str | None = None

    @property
    def fingerprint(self) -> str:
        """Stable identity: rule + organ + decision (or file, before the record is known) + path + item."""
        subject = self.decision if self.decision is not None else f"file:{self.file}"
        key = "\x1f".join((self.rule, self.organ or "", subject, self.path, self.item or ""))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    @property
    def citation(self) -> str:
        """All citations as one line, 、-separated."""
        return "、".join(c.text for c in self.citations)

    @property
    def line(self) -> int:
        """1-based line, 1 when the finding has no precise place."""
        return self.span.line if self.span else 1

    @property
    def column(self) -> int:
        """1-based column, 1 when the finding has no precise place."""
        return self.span.column if self.span else 1

    def sort_key(self) -> tuple[str, int, int, int, str]:
        """Order of reports: file, line, column, most severe first, rule."""
        return (self.file, self.line, self.column, -self.severity.rank, self.rule)


@dataclass(frozen=True, slots=True)
class RuleSetUse:
    """A rule set applied to a decision, and why (in-force period, direct or by reference)."""

    id: str
    title: str
    reason: Text


# The procedure's steps as reports name them (also the rows of the step table).
STEP_LABELS: dict[str, Text] = {
    "departmental_consultation": Text(
        "征求有关部门和下级政府意见", "consultation of departments and lower governments"
    ),
    "public_participation": Text("公众参与", "public participation"),
    "hearing": Text("听证", "hearing"),
    "expert_review": Text("专家论证", "expert review"),
    "risk_assessment": Text("风险评估", "risk assessment"),
    "fair_competition_review": Text("公平竞争审查", "fair-competition review"),
    "legality_review": Text("合法性审查", "legality review"),
    "npc_report": Text("人大讨论决定或报告", "people's congress step"),
    "publication": Text("决策公布", "publication"),
    "archive": Text("归档", "archiving"),
    "implementation": Text("决策执行", "implementation"),
    "post_evaluation": Text("决策后评估", "post-evaluation"),
    "meetings": Text("集体讨论决定", "collective discussion"),
    "party": Text("党委审议（请示报告）", "party committee consideration"),
}


@dataclass(frozen=True, slots=True)
class StepRow:
    """One row of a decision's step table: required? state? date?"""

    step: str
    label: Text
    required: Literal["yes", "no", "conditional"]
    state: Literal["done", "missing", "pending", "not_applicable", "not_required"]
    date: date | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Results cross process boundaries by pickle: re-share the label instead of copying it per row.
        return (_step_row, (self.step, self.label, self.required, self.state, self.date))


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    """What the engine decided about one decision record: its regime and its counts."""

    id: str
    organ: str
    title: str
    file: str
    status: str
    governing_date: date | None
    governing_date_source: str
    rule_sets: tuple[RuleSetUse, ...] = ()
    regime_note: Text = EMPTY
    steps: tuple[StepRow, ...] = ()
    excluded: bool = False
    # The day a waiver's ``expires`` was judged against (None when the record has no waivers) and why:
    # "governing_date" for a decision taken, "as_of" for one still in progress.
    waiver_date: date | None = None
    waiver_date_basis: str = ""
    # The year the decision belongs to in annual counts (Decision.year(): its decision date's; one in
    # progress by its catalogue or launch year) — what the report, the site and the store count by.
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Override:
    """A configured departure from a rule's default severity, listed in every report."""

    rule: str
    severity: Severity | Literal["off"]
    reason: str


@dataclass
class Result:
    """Everything one run found. Reporters render it; the CLI maps it to an exit code."""

    files: int
    decisions: list[DecisionOutcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    as_of: date | None = None

    def sorted_findings(self) -> list[Finding]:
        """Findings in report order."""
        return sorted(self.findings, key=Finding.sort_key)

    def count(self, severity: Severity, *, waived: bool | None = False) -> int:
        """Findings of ``severity``; by default not waived ones (``waived=None`` counts all)."""
        return sum(1 for f in self.findings if f.severity is severity and (waived is None or f.waived is waived))

    @property
    def waived(self) -> int:
        """Findings covered by a waiver (they stay problems, never compliance)."""
        return sum(1 for f in self.findings if f.waived)

    def summary(self) -> dict[str, int]:
        """The JSON ``summary`` object."""
        return {
            "files": self.files,
            "decisions": len(self.decisions),
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "waived": self.waived,
        }

    def exit_code(self, fail_on: Severity) -> int:
        """0 when no unwaived finding is at or above ``fail_on``, else 1."""
        failing = any(not f.waived and f.severity.rank >= fail_on.rank for f in self.findings)
        return 1 if failing else 0

    def by_file(self) -> dict[str, list[Finding]]:
        """The findings grouped by file, each file's in run order."""
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.file, []).append(finding)
        return grouped

    def for_file(self, file: str) -> list[Finding]:
        """The findings of one file, in report order."""
        return sorted((f for f in self.findings if f.file == file), key=Finding.sort_key)

    def iter_findings(self) -> Iterator[Finding]:
        """Findings in report order (:class:`ResultView`)."""
        return iter(self.sorted_findings())

    def iter_decisions(self) -> Iterator[tuple[DecisionOutcome, Mapping[Severity, int]]]:
        """Decisions in report order, each with its unwaived finding counts (:class:`ResultView`)."""
        counts = counts_by_decision(self.findings)
        zero = dict.fromkeys(Severity, 0)
        for outcome in self.decisions:
            yield outcome, counts.get((outcome.organ, outcome.id), zero)

    def crashed_files(self) -> list[str]:
        """Files with an ``INTERNAL`` finding (decision-check itself failed on them), sorted."""
        return sorted({f.file for f in self.findings if f.rule == "INTERNAL"})


class ResultView(Protocol):
    """What a streaming reporter reads of a run: a :class:`Result`, or a run spooled to disk
    (:class:`decision_check.spool.DiskSpool`) that never holds every finding at once."""

    files: int
    overrides: list[Override]
    as_of: date | None

    def summary(self) -> dict[str, int]: ...

    def exit_code(self, fail_on: Severity) -> int: ...

    def crashed_files(self) -> list[str]: ...

    def iter_findings(self) -> Iterator[Finding]: ...

    def iter_decisions(self) -> Iterator[tuple[DecisionOutcome, Mapping[Severity, int]]]: ...


def counts_by_decision(findings: Iterable[Finding]) -> dict[tuple[str, str], dict[Severity, int]]:
    """Unwaived finding counts per (organ, decision id)."""
    counts: dict[tuple[str, str], dict[Severity, int]] = {}
    for f in findings:
        if f.decision is None or f.waived:
            continue
        per = counts.setdefault((f.organ or "", f.decision), dict.fromkeys(Severity, 0))
        per[f.severity] += 1
    return counts


def worst(findings: Sequence[Finding]) -> Severity | None:
    """The most severe unwaived severity among ``findings``."""
    ranks = [f.severity for f in findings if not f.waived]
    return max(ranks, key=lambda s: s.rank) if ranks else None


def _step_row(step: str, label: Text, required: Any, state: Any, day: date | None) -> StepRow:
    shared = STEP_LABELS.get(step)
    return StepRow(step, shared if shared == label else label, required, state, day)


@functools.lru_cache(maxsize=1024)
def _citation(instrument: str, article: str | None, confidence: Confidence, note: str | None) -> Citation:
    return Citation(instrument, article, confidence, note)
