"""The calmer rich report: advisories several decisions share are listed once, the summary names files.

Hand-built results (no rule set loaded) for the grouping itself, and the bundled examples through the
real command for the closing table, whose rows are checked against counts taken from the JSON report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.findings import Citation, DecisionOutcome, Finding, Result, Severity, Span
from decision_check.i18n import Lang, Text
from decision_check.reporters import ReportMeta, terminal

ROOT = Path(__file__).resolve().parents[2]
ORGAN = "丰都县龙河镇人民政府"
SEED = "丰都县龙河镇2020年法治政府建设情况报告"
N = "重大行政决策程序暂行条例"

SURVEY = Text("重大民生决策未开展民意调查", "no opinion survey for a major livelihood decision")
PARTY = Text("未记录向镇党委请示报告", "no request to the town party committee is recorded")
LONE = Text("会议未记录记录人", "the meeting names no recorder")
HEARING = Text("可以召开听证会（未举行）", "a hearing may be held (none was)")


def _outcome(number: int) -> DecisionOutcome:
    return DecisionOutcome(
        id=f"LH-2020-00{number}",
        organ=ORGAN,
        title=f"第{number}项决策",
        file=f"decisions/2020/LH-2020-00{number}.yaml",
        status="decided",
        governing_date=date(2020, 6, number),
        governing_date_source="meetings[0]",
    )


def _finding(number: int, rule: str, severity: Severity, message: Text, line: int, **more: object) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        file=f"decisions/2020/LH-2020-00{number}.yaml",
        span=Span(line, 3, line, 9),
        path=str(more.pop("path", "steps.survey")),
        message=message,
        hint=Text("补记民意调查", "record the survey"),
        decision=f"LH-2020-00{number}",
        organ=ORGAN,
        citations=(Citation(SEED, "第四部分", "med"),),
        **more,  # type: ignore[arg-type]
    )


def _result() -> Result:
    """Three decisions: a warning 1 and 2 share word for word, an error they share, a warning only 3
    has, an info 1 and 2 share, IMPL-02 on 1 and 2 with each its own date, a waived warning on 1 and 2."""
    findings = [
        _finding(1, "LH-01", Severity.WARNING, SURVEY, 11),
        _finding(2, "LH-01", Severity.WARNING, SURVEY, 12),
        _finding(1, "PARTY-01", Severity.ERROR, PARTY, 21, path="party"),
        _finding(2, "PARTY-01", Severity.ERROR, PARTY, 22, path="party"),
        _finding(3, "LH-04", Severity.WARNING, LONE, 31, path="meetings[0].recorder"),
        _finding(1, "PP-05", Severity.INFO, HEARING, 41, path="steps.hearing"),
        _finding(2, "PP-05", Severity.INFO, HEARING, 42, path="steps.hearing"),
        *(
            _finding(
                n, "IMPL-02", Severity.WARNING, Text(f"决策自 2020-06-0{n} 作出", f"decided on 2020-06-0{n}"), 50 + n
            )
            for n in (1, 2)
        ),
        *(
            _finding(n, "LH-03", Severity.WARNING, Text("未经镇党委会议研究", "no party meeting"), 60 + n, waived=True)
            for n in (1, 2)
        ),
    ]
    return Result(files=3, decisions=[_outcome(1), _outcome(2), _outcome(3)], findings=findings)


def _blocks(text: str) -> dict[str, str]:
    """The report's panels by the first word of their title (a decision id, 汇总, 多项决策…)."""
    blocks: dict[str, str] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("╭"):
            current = [line]
            title = line.strip("╭╮─ ").split(" ")[0]
            blocks[title] = ""
        elif current is not None:
            current.append(line)
            if line.startswith("╰"):
                blocks[title] = "\n".join(current)
                current = None
    return blocks


def _render(result: Result, lang: Lang, *, show_info: bool = False) -> str:
    meta = ReportMeta(lang=lang, width=200, show_info=show_info)
    return terminal.render(result, meta)


def _shared(blocks: dict[str, str]) -> str:
    """The panel of the findings several decisions share."""
    (title,) = [t for t in blocks if t.startswith(("多项决策共有的", "Warnings", "Infos"))]
    return blocks[title]


POINTER = {
    "zh": "另有 1 条与其他决策相同的警告 LH-01，见下文“多项决策共有的警告”",
    "en": "1 more warning shared with other decisions (LH-01)",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_warning_two_decisions_share_is_listed_once_naming_both(lang: Lang) -> None:
    text = _render(_result(), lang)
    assert text.count(SURVEY.get(lang)) == 1
    blocks = _blocks(text)
    shared = _shared(blocks)
    assert SURVEY.get(lang) in shared and "LH-01" in shared
    for number, line in ((1, 11), (2, 12)):
        assert re.search(rf"{line}:3 LH-2020-00{number} decisions/2020/LH-2020-00{number}\.yaml", shared)
        panel = blocks[f"LH-2020-00{number}"]
        assert POINTER[lang] in panel and "LH-01" in panel
    assert "LH-2020-003" not in shared
    assert text.index(shared) > text.index(blocks["LH-2020-003"])  # after every decision, before the summary


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_warning_of_one_decision_stays_in_its_panel(lang: Lang) -> None:
    blocks = _blocks(_render(_result(), lang))
    assert LONE.get(lang) in blocks["LH-2020-003"]
    assert LONE.get(lang) not in _shared(blocks)
    assert "LH-04" not in _shared(blocks)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_errors_waived_findings_and_own_facts_are_never_grouped(lang: Lang) -> None:
    text = _render(_result(), lang)
    blocks = _blocks(text)
    shared = _shared(blocks)
    assert text.count(PARTY.get(lang)) == 2  # the same error in both panels: each file is fixed on its own
    for number in (1, 2):
        panel = blocks[f"LH-2020-00{number}"]
        assert PARTY.get(lang) in panel
        own = Text(f"决策自 2020-06-0{number} 作出", f"decided on 2020-06-0{number}").get(lang)
        assert own in panel and own not in shared
        assert "LH-03" in panel  # waived: its panel carries the waiver
    assert "PARTY-01" not in shared and "IMPL-02" not in shared and "LH-03" not in shared


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shared_infos_are_hidden_without_show_info_and_grouped_with_it(lang: Lang) -> None:
    quiet = _render(_result(), lang)
    assert HEARING.get(lang) not in quiet
    assert ("另有 1 条提示未列出" if lang == "zh" else "1 info finding(s) not listed") in quiet
    loud = _render(_result(), lang, show_info=True)
    assert loud.count(HEARING.get(lang)) == 1
    title = "多项决策共有的警告和提示" if lang == "zh" else "Warnings and infos shared by several decisions"
    assert title in _shared(_blocks(loud))
    pointer = "另有 2 条与其他决策相同的警告和提示 LH-01、PP-05" if lang == "zh" else "2 more warnings and infos shared"
    assert pointer in _blocks(loud)["LH-2020-001"]


def test_without_shared_findings_there_is_no_shared_section() -> None:
    result = _result()
    result.findings = [f for f in result.findings if f.rule != "LH-01"]
    text = _render(result, "zh")
    assert "多项决策共有" not in text and "与其他决策相同" not in text


def _table_rows(text: str) -> list[tuple[str, str, int, int]]:
    summary = _blocks(text).get("汇总") or _blocks(text)["summary"]
    rows = re.findall(r"│ (\S+\.yaml)\s+(\S+)\s+(\d+)\s+(\d+)\s+│", summary)
    return [(file, ids, int(errors), int(warnings)) for file, ids, errors, warnings in rows]


def test_the_table_of_the_fixture_counts_neither_waived_nor_infos(
    result: Result, meta_for: Callable[..., ReportMeta]
) -> None:
    rows = _table_rows(terminal.render(result, meta_for("zh")))
    # LH-2020-003: PP-03 (error) and LH-04 (warning); its EXP-02 error is waived, PUB-02 an info.
    assert rows == [
        ("decisions/2020/LH-2020-003.yaml", "LH-2020-003", 1, 1),
        ("decisions/2020/LH-2020-009,副本.yaml", "—", 1, 0),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_closing_table_lists_exactly_the_files_with_errors_or_warnings(
    lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = ["--lang", lang, "validate", "decisions", "--as-of", "2021-06-30", "--jobs", "1"]
    report = json.loads(CliRunner().invoke(app, [*args, "--format", "json"]).stdout)
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for finding in report["findings"]:
        if finding["waived"]:
            continue
        if finding["severity"] == "error":
            errors[finding["file"]] += 1
        elif finding["severity"] == "warning":
            warnings[finding["file"]] += 1
    expected = {file: (errors[file], warnings[file]) for file in set(errors) | set(warnings)}
    assert len(expected) >= 10  # the bundled examples are meant to show problems
    rows = _table_rows(CliRunner().invoke(app, args).stdout)
    assert {file: (e, w) for file, _, e, w in rows} == expected
    assert len(rows) == len(expected)
    assert [(-e, -w, f) for f, _, e, w in rows] == sorted((-e, -w, f) for f, _, e, w in rows)
    ids = {d["file"]: d["id"] for d in report["decisions"]}
    assert all(ids[file] == shown for file, shown, _, _ in rows)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_closing_table_names_twenty_files_and_counts_the_rest(lang: Lang) -> None:
    outcomes = [_outcome(1)]
    findings = []
    for number in range(25):
        file = f"decisions/big/R-{number:02}.yaml"
        outcomes.append(DecisionOutcome(f"R-{number:02}", ORGAN, "x", file, "decided", date(2020, 6, 1), "meetings[0]"))
        severity = Severity.ERROR if number >= 20 else Severity.WARNING  # the last five have errors
        findings.append(
            Finding(
                "X-01",
                severity,
                file,
                Span(1, 1, 1, 2),
                "",
                Text(f"问题{number}", f"p{number}"),
                decision=f"R-{number:02}",
                organ=ORGAN,
                citations=(Citation(N, "第一条"),),
            )
        )
    text = _render(Result(files=26, decisions=outcomes, findings=findings), lang)
    rows = _table_rows(text)
    assert len(rows) == terminal.SUMMARY_ROWS == 20
    assert [row[0] for row in rows[:5]] == [f"decisions/big/R-{n}.yaml" for n in range(20, 25)]
    assert [row[0] for row in rows[5:]] == [f"decisions/big/R-{n:02}.yaml" for n in range(15)]
    more = "另有 5 个有错误或警告的文件不在本表中" if lang == "zh" else "5 more file(s) with errors or warnings"
    assert more in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rule_naming_each_decisions_facts_stays_in_the_panels_even_where_two_agree(lang: Lang) -> None:
    """IMPL-02 says when each decision was taken: two decided the same day say the same sentence, a
    third says another; the rule speaks of each record's facts, so none of them is grouped."""
    result = _result()
    said = {1: "2020-06-01", 2: "2020-06-01", 3: "2020-06-03"}
    result.findings = [f for f in result.findings if f.rule != "IMPL-02"] + [
        _finding(n, "IMPL-02", Severity.WARNING, Text(f"决策自 {day} 作出", f"decided on {day}"), 70 + n)
        for n, day in said.items()
    ]
    text = _render(result, lang)
    blocks = _blocks(text)
    assert "IMPL-02" not in _shared(blocks)  # LH-01 is still shared
    for number, day in said.items():
        assert Text(f"决策自 {day} 作出", f"decided on {day}").get(lang) in blocks[f"LH-2020-00{number}"]
    # Without the third decision the sentence is the rule's only one: an advisory, listed once.
    result.findings = [f for f in result.findings if not (f.rule == "IMPL-02" and f.decision == "LH-2020-003")]
    assert _render(result, lang).count(Text("决策自 2020-06-01 作出", "decided on 2020-06-01").get(lang)) == 1
