"""Structural tests of the reporters: what holds whatever the exact wording (JSON contract, JUnit
counts, GitHub escaping, Markdown cells, colour, imports)."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from decision_check.findings import Finding, Result, Severity, Span
from decision_check.i18n import Lang, Text
from decision_check.reporters import FORMATS, ReportMeta, github, junit, markdown, renderer, terminal
from decision_check.reporters.common import group

ANSI = re.compile(r"\x1b\[")


def test_formats_table_names_every_format() -> None:
    assert set(FORMATS) == {"rich", "json", "sarif", "junit", "markdown", "github"}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_reporter_is_deterministic_and_ends_with_a_newline(name: str, result: Result, meta: ReportMeta) -> None:
    first = renderer(name)(result, meta)
    assert first == renderer(name)(result, meta)
    assert first.endswith("\n")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_reporter_renders_an_empty_result(name: str, meta: ReportMeta) -> None:
    renderer(name)(Result(files=0), meta)


# ------------------------------------------------------------------------------------------- JSON


def test_json_contract(result: Result, meta: ReportMeta) -> None:
    data = json.loads(renderer("json")(result, meta))
    assert data["version"] == 1
    assert (
        data["summary"]
        == result.summary()
        == {
            "files": 4,
            "decisions": 3,
            "errors": 2,
            "warnings": 1,
            "infos": 2,
            "waived": 1,
        }
    )
    assert [d["id"] for d in data["decisions"]] == ["LH-2020-001", "LH-2020-003", "LH-2020-015"]
    assert data["decisions"][2]["governing_date_source"] == "as_of"
    assert len(data["findings"]) == len(result.findings)
    waived = [f for f in data["findings"] if f["waived"]]
    assert len(waived) == 1
    assert waived[0]["waiver"]["reason"] and waived[0]["waiver"]["basis"]
    assert len(waived[0]["citations"]) == 2
    assert data["overrides"] == [{"rule": "PUB-02", "severity": "info", "reason": result.overrides[0].reason}]


# ------------------------------------------------------------------------------------------ JUnit


def test_junit_parses_and_counts_match(result: Result, meta: ReportMeta) -> None:
    text = junit.render(result, meta)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert sorted(s.get("name") or "" for s in suites) == sorted(
        {f.file for f in result.findings} | {d.file for d in result.decisions}
    )
    cases = root.findall("testsuite/testcase")
    assert root.get("tests") == str(len(cases)) == "4"
    for element in [root, *suites]:
        own = element.findall(".//testcase")
        assert element.get("tests") == str(len(own))
        failed = [c for c in own if c.find("failure") is not None and c.find("error") is None]
        errored = [c for c in own if c.find("error") is not None]
        assert element.get("failures") == str(len(failed))
        assert element.get("errors") == str(len(errored))
    decision_files = {d.file for d in result.decisions}
    blocking = [f for f in result.findings if not f.waived and f.severity is not Severity.INFO]
    assert len(root.findall(".//failure")) == sum(1 for f in blocking if f.file in decision_files) == 2
    assert len(root.findall(".//error")) == sum(1 for f in blocking if f.file not in decision_files) == 1
    assert sorted(e.get("type") or "" for e in root.findall(".//failure")) == ["LH-04", "PP-03"]
    by_name = {c.get("name"): c for c in cases}
    faulty = by_name["LH-2020-003 龙河镇场镇污水管网改造工程"]
    assert faulty.get("classname") == "丰都县龙河镇人民政府"
    out = faulty.findtext("system-out") or ""
    assert "EXP-02" in out and "已豁免" in out and "PUB-02" in out
    pp03 = faulty.find("failure[@type='PP-03']")
    assert pp03 is not None and pp03.text is not None
    assert ":21:5" in pp03.text and "第十五条第一款" in pp03.text and "处理建议" in pp03.text


def test_junit_escapes_markup_and_control_characters(meta: ReportMeta) -> None:
    message = Text('<b>&"引号"</b>\x07', '<b>&"quotes"</b>\x07')
    finding = Finding("LOAD", Severity.ERROR, "a&b<c>.yaml", Span(1, 1, 1, 2), "", message)
    root = ET.fromstring(junit.render(Result(files=1, findings=[finding]), meta).encode("utf-8"))
    error = root.find(".//error")
    assert error is not None
    assert error.get("message") == '错误：<b>&"引号"</b>\ufffd'
    assert root.find("testsuite[@name='a&b<c>.yaml']") is not None


# ----------------------------------------------------------------------------------------- GitHub


def test_github_one_line_per_finding_with_the_right_command(result: Result, meta: ReportMeta) -> None:
    lines = github.render(result, meta).splitlines()
    assert len(lines) == len(result.findings)
    commands = [line.split(" ", 1)[0] for line in lines]
    assert commands == ["::error", "::notice", "::warning", "::notice", "::error", "::notice"]


def test_github_escapes_newline_in_message_and_comma_in_file(result: Result, meta: ReportMeta) -> None:
    (load,) = [line for line in github.render(result, meta).splitlines() if "title=LOAD" in line]
    assert "file=decisions/2020/LH-2020-009%2C副本.yaml," in load
    assert "第 12 列%0A  此处不允许出现映射值" in load
    assert "\r" not in load


def test_github_escaping_rules() -> None:
    assert github.escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    finding = Finding("R-1", Severity.WARNING, "x,y:z.yaml", None, "", Text("第一行\n第二行, 50%", "a\nb"))
    line = github.annotation(finding, "zh")
    assert line == "::warning file=x%2Cy%3Az.yaml,title=R-1::第一行%0A第二行, 50%25"


@pytest.mark.parametrize(
    ("span", "place"),
    [
        (Span(4, 3, 4, 9), "line=4,col=3,endLine=4,endColumn=9"),
        (Span(4, 3, 9, 1), "line=4,endLine=8"),
        (Span(4, 3, 9, 5), "line=4,endLine=9"),
        (Span(4, 3, 5, 1), "line=4,endLine=4"),
    ],
)
def test_github_columns_only_on_one_line(span: Span, place: str) -> None:
    finding = Finding("R-1", Severity.ERROR, "d.yaml", span, "", Text("问题", "problem"))
    assert f"file=d.yaml,{place},title=R-1::" in github.annotation(finding, "zh")


# --------------------------------------------------------------------------------------- Markdown


def test_markdown_escapes_pipes_and_keeps_rows_whole(meta: ReportMeta) -> None:
    finding = Finding(
        "PP-03",
        Severity.ERROR,
        "d.yaml",
        Span(3, 1, 3, 9),
        "steps",
        Text("期限 a|b\n第二行 <x>", "period a|b\nsecond <x>"),
        hint=Text("改 | 正", "fix | it"),
        decision="D-1",
        organ="某镇人民政府",
    )
    text = markdown.render(Result(files=1, findings=[finding]), meta)
    assert "期限 a\\|b<br>第二行 &lt;x&gt;" in text
    assert "改 \\| 正" in text
    for line in text.splitlines():
        if line.startswith("| 3:1"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 7  # six cells


def test_markdown_sections(result: Result, meta_for: Callable[..., ReportMeta]) -> None:
    zh = markdown.render(result, meta_for("zh"))
    assert "| 行 | 级别 | 规则 | 问题 | 依据 | 处理建议 |" in zh
    assert "### 豁免" in zh and "签名原件由县住房城乡建委存档" in zh
    assert "## 配置调整的规则严重程度" in zh
    assert "尚未决定，按检查日 2020-12-31 有效的规定检查" in zh and "取自 `as_of`" not in zh
    en = markdown.render(result, meta_for("en"))
    assert "| line | severity | rule | problem | basis | what to do |" in en
    assert "### waivers" in en


def test_markdown_code_spans() -> None:
    assert markdown.code("a`b") == "``a`b``"
    assert markdown.code("`x") == "`` `x ``"


# ------------------------------------------------------------------------------------------- rich


def test_rich_without_colour_has_no_ansi(
    result: Result, meta_for: Callable[..., ReportMeta], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not ANSI.search(terminal.render(result, meta_for("zh", color=False)))


def test_no_color_wins_over_meta_color(
    result: Result, meta_for: Callable[..., ReportMeta], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ANSI.search(terminal.render(result, meta_for("zh", color=True)))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(terminal.render(result, meta_for("zh", color=True)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rich_shows_steps_lines_and_citations(result: Result, meta_for: Callable[..., ReportMeta], lang: Lang) -> None:
    text = terminal.render(result, dataclasses.replace(meta_for(lang), width=220))
    headers = ("程序步骤", "是否必经", "情况", "日期") if lang == "zh" else ("step", "required?", "state", "date")
    for header in headers:
        assert header in text
    for finding in result.findings:
        assert f"{finding.line}:{finding.column}" in text
        assert finding.citation in text
        assert finding.message.get(lang).splitlines()[0] in text


# ------------------------------------------------------------------------------------ shared parts


def test_findings_without_a_decision_id_stay_with_their_decision_file(result: Result) -> None:
    stray = Finding("SCHEMA", Severity.ERROR, result.decisions[1].file, Span(5, 1, 5, 3), "x", Text("类型", "type"))
    result.findings.append(stray)
    grouped = group(result)
    assert stray in grouped.of(1)
    assert list(grouped.by_file) == ["decisions/2020/LH-2020-009,副本.yaml"]


def test_reporters_import_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from decision_check.reporters import sarif, junit, markdown, github, json_report\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = {'rich', 'jinja2', 'sqlmodel', 'sqlalchemy', 'docx', 'typer'} & loaded\n"
        "print(sorted(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
