"""What the reporters share: bilingual labels, diagnostic descriptions, phrasings, grouping.

Every reporter prints the same step states, statuses, column headings, summary line and waiver
justification, and groups findings by decision the same way; the advisories several decisions share
and the files with errors or warnings are found here too. All of that lives here once,
Chinese first, English complete. No rendering happens here and nothing heavy is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from decision_check.findings import DecisionOutcome, Finding, Override, Result, Severity
from decision_check.i18n import Lang, Text

STATE: dict[str, Text] = {
    "done": Text("已完成", "done"),
    "missing": Text("缺失", "missing"),
    "pending": Text("未完成", "pending"),
    "not_applicable": Text("不适用", "not applicable"),
    "not_required": Text("—", "—"),
}

REQUIRED: dict[str, Text] = {
    "yes": Text("必经", "required"),
    "no": Text("否", "no"),
    "conditional": Text("视情形", "if triggered"),
}

STATUS: dict[str, Text] = {
    "in_progress": Text("进行中", "in progress"),
    "decided": Text("已决定", "decided"),
    "rejected": Text("未通过", "rejected"),
    "shelved": Text("搁置", "shelved"),
    "adjusted": Text("已调整", "adjusted"),
    "terminated": Text("已终止", "terminated"),
}

LABEL: dict[str, Text] = {
    "title": Text("重大行政决策程序检查报告", "Major administrative decision procedure check"),
    "file": Text("文件", "file"),
    "files": Text("文件数", "files"),
    "decision": Text("决策", "decision"),
    "decisions": Text("决策数", "decisions"),
    "organ": Text("决策机关", "organ"),
    "governing": Text("决策日期", "governing date"),
    "waiver_date": Text("豁免到期判断日", "waiver expiry judged at"),
    "basis_governing_date": Text("决策日期", "the governing date"),
    "basis_as_of": Text("核查日期（进行中）", "the as-of date (in progress)"),
    "from": Text("取自", "from"),
    "regime": Text("适用规定", "rules applied"),
    "no_regime": Text("未适用任何规则集", "no rule set applied"),
    "step": Text("程序步骤", "step"),
    "required": Text("是否必经", "required?"),
    "state": Text("情况", "state"),
    "date": Text("日期", "date"),
    "line": Text("行", "line"),
    "severity": Text("级别", "severity"),
    "rule": Text("规则", "rule"),
    "problem": Text("问题", "problem"),
    "basis": Text("依据", "basis"),
    "hint": Text("处理建议", "what to do"),
    "path": Text("数据位置", "data path"),
    "findings": Text("发现的问题", "findings"),
    "waived": Text("已豁免", "waived"),
    "waivers": Text("豁免", "waivers"),
    "waiver_reason": Text("豁免理由", "waiver reason"),
    "waiver_basis": Text("豁免依据", "waiver basis"),
    "clean": Text("未发现问题", "no findings"),
    "summary": Text("汇总", "summary"),
    "errors": Text("错误", "errors"),
    "warnings": Text("警告", "warnings"),
    "infos": Text("提示", "infos"),
    "unread": Text("无法读取或格式错误的文件", "files that could not be read"),
    "overrides": Text("配置调整的规则严重程度", "severity overrides from configuration"),
    "override_to": Text("调整为", "set to"),
    "reason": Text("理由", "reason"),
    "status": Text("状态", "status"),
    "excluded": Text(
        "已排除适用重大行政决策程序：程序规则不检查，只检查排除的理由和依据及证据文件",
        "excluded from the procedure: its steps are not checked, only the exclusion and the evidence",
    ),
    "not_decided": Text(
        "尚未决定，按检查日 {day} 有效的规定检查", "not decided yet: checked against the rules in force on {day}"
    ),
    "as_of": Text("评价日期", "judged as of"),
    "tool": Text("检查工具", "tool"),
    "rule_sets": Text("规则集版本", "rule-set versions"),
    "waived_note": Text(
        "豁免的问题仍是问题，不计为合规。", "Waived findings remain problems; they never count as compliance."
    ),
}

OFF = Text("关闭", "off")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding code that is not a rule of any rule set (load, schema, duplicate id, regime, waiver)."""

    title: Text
    description: Text
    severity: Severity


DIAGNOSTICS: dict[str, Diagnostic] = {
    "LOAD": Diagnostic(
        Text("文件无法读取", "File unreadable"),
        Text(
            "文件无法读取：编码不是 UTF-8、YAML 语法错误、全角标点破坏了 YAML、文件过大或别名过多",
            "the file could not be read: not UTF-8, YAML syntax, full-width punctuation, too large, alias bomb",
        ),
        Severity.ERROR,
    ),
    "SCHEMA": Diagnostic(
        Text("格式错误", "Record shape error"),
        Text(
            "格式错误：类型或取值不对、未知键、重复键、不存在的日期",
            "the record's shape is wrong: type, value, unknown key, duplicate key, impossible date",
        ),
        Severity.ERROR,
    ),
    "DUP-ID": Diagnostic(
        Text("决策编号重复", "Duplicate decision id"),
        Text("同一机关的决策编号在多个文件中重复", "the same decision id is used twice within one organ"),
        Severity.ERROR,
    ),
    "REG-00": Diagnostic(
        Text("无有约束力的程序规定", "No binding regime"),
        Text(
            "决策日期时没有对该机关有约束力的程序规定，只适用本地做法（仅提示）",
            "no statutory rule set binds the organ on the governing date; only local practice applies (info)",
        ),
        Severity.INFO,
    ),
    "INTERNAL": Diagnostic(
        Text("内部错误", "Internal error"),
        Text(
            "检查该文件时 decision-check 自身出错（程序缺陷，请报告）；该文件未检查完，其他文件照常检查",
            "decision-check itself failed while checking the file (a bug: please report it); the others are checked",
        ),
        Severity.ERROR,
    ),
    "CONTEXT": Diagnostic(
        Text("未找到机关文件或年度目录", "Organ file or catalogue not found"),
        Text(
            "检查时没有找到决策机关的机关文件或当年的决策事项目录：依赖它们的规则未运行或按内置默认值运行",
            "the organ file or the year's catalogue was not found: rules that read them did not run or used defaults",
        ),
        Severity.INFO,
    ),
    "WAIVER": Diagnostic(
        Text("豁免无效", "Waiver not applied"),
        Text(
            "豁免缺少理由或依据、已过期、所涉规则不可豁免，或没有覆盖任何问题",
            "a waiver lacks a reason or basis, has expired, names a rule that cannot be waived, or covers nothing",
        ),
        Severity.ERROR,
    ),
}


def label(key: str, lang: Lang) -> str:
    """A shared label in ``lang``."""
    return LABEL[key].get(lang)


def status_label(status: str, lang: Lang) -> str:
    """A decision's status in words (the code itself when unknown)."""
    return STATUS[status].get(lang) if status in STATUS else status


def override_severity(override: Override, lang: Lang) -> str:
    """The severity an override sets, in words: 错误 / 警告 / 提示 / 关闭."""
    return OFF.get(lang) if override.severity == "off" else Severity(override.severity).label(lang)


def colon(lang: Lang) -> str:
    """The colon after a label: full-width in Chinese."""
    return ": " if lang == "en" else "："


def aside(text: str, lang: Lang) -> str:
    """A parenthetical remark, with full-width brackets in Chinese."""
    return f" ({text})" if lang == "en" else f"（{text}）"


def where(finding: Finding) -> str:
    """``line:column``, or ``—`` when the finding has no place in the file."""
    return f"{finding.line}:{finding.column}" if finding.span else "—"


def waiver_justification(finding: Finding, lang: Lang) -> str:
    """A waived finding's reason and basis as one phrase: 理由（依据：…）."""
    reason = finding.waiver_reason or ""
    basis = finding.waiver_basis or ""
    if not basis:
        return reason
    said = f"{LABEL['basis'].get(lang)}{colon(lang)}{basis}"
    return f"{reason}{aside(said, lang)}" if reason else said


def summary_line(result: Result, lang: Lang) -> str:
    """One sentence with the summary counts."""
    s = result.summary()
    if lang == "en":

        def many(count: int, noun: str) -> str:
            return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

        return (
            f"{many(s['files'], 'file')}, {many(s['decisions'], 'decision')}: {many(s['errors'], 'error')}, "
            f"{many(s['warnings'], 'warning')}, {many(s['infos'], 'info')}, {s['waived']} waived"
        )
    return (
        f"共 {s['files']} 个文件、{s['decisions']} 项决策：错误 {s['errors']} 个，警告 {s['warnings']} 个，"
        f"提示 {s['infos']} 个，已豁免 {s['waived']} 个"
    )


@dataclass(frozen=True, slots=True)
class Grouped:
    """Findings in report order, by decision, and the rest by file (files that failed to load)."""

    by_decision: dict[int, list[Finding]] = field(default_factory=dict)
    by_file: dict[str, list[Finding]] = field(default_factory=dict)

    def of(self, index: int) -> list[Finding]:
        """The findings of ``result.decisions[index]``."""
        return self.by_decision.get(index, [])


def group(result: Result) -> Grouped:
    """Attach each finding to its decision (same file and id; a finding without a decision id goes
    to the first decision of its file); what no decision takes stays with its file."""
    first_of_file: dict[str, int] = {}
    by_key: dict[tuple[str, str], int] = {}
    for position, outcome in enumerate(result.decisions):
        first_of_file.setdefault(outcome.file, position)
        by_key.setdefault((outcome.file, outcome.id), position)
    grouped = Grouped()
    for finding in result.sorted_findings():
        index: int | None
        if finding.decision is not None:
            index = by_key.get((finding.file, finding.decision))
        else:
            index = first_of_file.get(finding.file)
        if index is None:
            grouped.by_file.setdefault(finding.file, []).append(finding)
        else:
            grouped.by_decision.setdefault(index, []).append(finding)
    return grouped


def outcome_heading(outcome: DecisionOutcome) -> str:
    """``ID title``."""
    return f"{outcome.id} {outcome.title}".strip()


def waiver_date_line(outcome: DecisionOutcome, lang: Lang) -> tuple[str, str] | None:
    """The day the record's waivers were judged against and which day that is; None without waivers."""
    if outcome.waiver_date is None:
        return None
    basis = outcome.waiver_date_basis
    key = f"basis_{basis}"
    return outcome.waiver_date.isoformat(), (LABEL[key].get(lang) if key in LABEL else basis)


# Two decisions with the same advisory are already a repetition to read twice, and a sign that the
# cause is common (a town practice, a template), so the rich report lists it once from two on.
SHARED_MINIMUM = 2


@dataclass(frozen=True, slots=True)
class Shared:
    """A warning or info that several decisions have word for word, and where each of them has it."""

    finding: Finding  # the first occurrence: severity, rule, message, basis and hint are the same in all
    occurrences: tuple[tuple[int, Finding], ...]  # (index in ``result.decisions``, finding), report order

    @property
    def decisions(self) -> tuple[int, ...]:
        """The indices of the decisions concerned, each once."""
        return tuple(dict.fromkeys(index for index, _ in self.occurrences))


def shared_findings(grouped: Grouped, *, include_info: bool, minimum: int = SHARED_MINIMUM) -> list[Shared]:
    """Warnings (and infos when ``include_info``) of a rule whose message is one and the same sentence
    wherever it fires, found in at least ``minimum`` decisions with the same hint and basis; warnings
    first, then the most widespread.

    Such a rule speaks of the practice (no opinion survey, no interpretation published), not of one
    record. A rule whose message differs between decisions names each decision's own facts — a date
    and a day count, a meeting, a person — and stays with each decision, even where two decisions share
    those facts (decided at the same meeting). Errors are never shared (each file is fixed on its own)
    and neither are waived findings (each carries its record's waiver)."""
    candidates: list[tuple[int, Finding]] = []
    sentences: dict[tuple[str, Severity], set[Text]] = {}
    for index in sorted(grouped.by_decision):
        for finding in grouped.by_decision[index]:
            if finding.severity is Severity.ERROR or finding.waived:
                continue
            if finding.severity is Severity.INFO and not include_info:
                continue
            candidates.append((index, finding))
            sentences.setdefault((finding.rule, finding.severity), set()).add(finding.message)
    buckets: dict[tuple[object, ...], list[tuple[int, Finding]]] = {}
    for index, finding in candidates:
        if len(sentences[finding.rule, finding.severity]) == 1:
            key = (finding.rule, finding.severity, finding.hint, finding.citations)
            buckets.setdefault(key, []).append((index, finding))
    shared = [Shared(items[0][1], tuple(items)) for items in buckets.values()]
    shared = [s for s in shared if len(s.decisions) >= minimum]
    shared.sort(key=lambda s: (-s.finding.severity.rank, -len(s.decisions), s.finding.rule))
    return shared


@dataclass(frozen=True, slots=True)
class FileCount:
    """A file's unwaived errors and warnings (the counts of the summary line), with its decision ids."""

    file: str
    decisions: tuple[str, ...]
    errors: int
    warnings: int


def files_with_problems(result: Result) -> list[FileCount]:
    """Every file with an unwaived error or warning: most errors first, then most warnings, then by name.
    Its decision ids are those of its records, or, for a file with no record read, those its findings name."""
    counts: dict[str, list[int]] = {}
    named: dict[str, dict[str, None]] = {}
    for finding in result.findings:
        if finding.decision:
            named.setdefault(finding.file, {})[finding.decision] = None
        if finding.waived or finding.severity is Severity.INFO:
            continue
        counts.setdefault(finding.file, [0, 0])[0 if finding.severity is Severity.ERROR else 1] += 1
    records: dict[str, dict[str, None]] = {}
    for outcome in result.decisions:
        records.setdefault(outcome.file, {})[outcome.id] = None
    rows = [
        FileCount(file, tuple(records.get(file) or named.get(file) or ()), errors, warnings)
        for file, (errors, warnings) in counts.items()
    ]
    rows.sort(key=lambda row: (-row.errors, -row.warnings, row.file))
    return rows
