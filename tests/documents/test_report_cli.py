"""``decision-check report`` end to end: golden text, independent counts, no overclaiming, traceability.

Golden files: ``tests/golden/report/``. Regenerate after a deliberate change with
``UPDATE_GOLDEN=1 python -m pytest tests/documents/test_report_cli.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.documents.report import OVERCLAIMS

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "report"
AS_OF = "2021-02-26"  # the report is written before 1 March of the next year
LONGHE = "丰都县龙河镇人民政府"
FENGDU = "丰都县人民政府"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled decisions/ as the working directory."""
    shutil.copytree(REPO / "decisions", tmp_path / "decisions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", "--as-of", AS_OF, *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 after a deliberate change"


def body(markdown: str) -> str:
    """The report's text without the footnote definitions and the footer."""
    return markdown.split("\n---\n", 1)[0]


def figures(trace: dict[str, Any], organ: str = LONGHE) -> dict[str, Any]:
    return {f["key"]: f for f in trace["figures"] if f["organ"] == organ}


# ----------------------------------------------------------------------------- golden and structure


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("--organ", "龙河镇"), "longhe-2020.md"),
        (("--organ", FENGDU), "fengdu-2020.md"),
        (("--organ", "龙河镇", "--format", "html"), "longhe-2020.html"),
    ],
)
def test_golden_reports(project: Path, args: tuple[str, ...], name: str) -> None:
    code, out, err = invoke("--year", "2020", *args)
    assert code == 0, err
    check_golden(name, out)


def test_county_2020_names_both_regimes_by_month(project: Path) -> None:
    code, out, _ = invoke("--year", "2020", "--organ", FENGDU)
    assert code == 0
    first = out.split("## 一、决策程序规定的适用", 1)[1].split("##", 1)[0]
    assert "1—8月适用《重大行政决策程序暂行条例》（国务院令第713号）和《重庆市政府重大决策程序规定》" in first
    assert (
        "9月起适用《重大行政决策程序暂行条例》（国务院令第713号）和《重庆市重大行政决策程序规定》（重庆市人民政府令第337号）"
        in first
    )
    assert "我县" in first


def test_township_refers_to_the_regulation(project: Path) -> None:
    _, out, _ = invoke("--year", "2020", "--organ", "龙河镇")
    first = out.split("## 一、决策程序规定的适用", 1)[1].split("##", 1)[0]
    assert "我镇重大行政决策参照《重大行政决策程序暂行条例》（国务院令第713号）" in first
    # organ-level facts come from the organ file, and only from it
    assert "《龙河镇人民政府工作规则》（龙河府发〔2019〕5号）" in first
    assert "合法性审查由龙河镇司法所、龙河镇人民政府法律顾问承担" in first
    assert "法律顾问为重庆某律师事务所" in first


def test_organ_facts_missing_from_the_organ_file_are_not_claimed(project: Path) -> None:
    organ = project / "decisions" / "organs" / "longhe.yaml"
    text = organ.read_text(encoding="utf-8")
    text = re.sub(r"legal_adviser: .*\n", "", text)
    text = re.sub(r"rules_of_procedure:\n(  .*\n)+", "", text)
    organ.write_text(text, encoding="utf-8")
    code, out, _ = invoke("--year", "2020", "--organ", "龙河镇")
    assert code == 0
    assert "法律顾问为" not in out and "议事规则为" not in out
    assert "合法性审查由龙河镇司法所" in out


def test_several_organs_in_one_repository(project: Path) -> None:
    code, out, _ = invoke("--year", "2020")
    assert code == 0
    titles = re.findall(r"^# (.+)$", out, flags=re.M)
    assert titles == [f"{FENGDU}2020年重大行政决策情况", f"{LONGHE}2020年重大行政决策情况"]


def test_organ_filter_exact_part_ambiguous_unknown(project: Path) -> None:
    code, out, _ = invoke("--year", "2020", "--organ", "龙河")
    assert code == 0 and FENGDU + "2020" not in out and LONGHE in out
    code, _, err = invoke("--year", "2020", "--organ", "丰都县")  # both names contain 丰都县; neither is exact
    assert code == 2 and "对应多个机关" in err
    code, out, err = invoke("--year", "2020", "--organ", "虎威镇")
    assert code == 1 and out == "" and "没有 2020 年度的决策文件" in err and LONGHE in err


def test_empty_year_writes_nothing(project: Path) -> None:
    code, out, err = invoke("--year", "2019", "--output", "r.md", "--trace", "r.json")
    assert code == 1 and out == ""
    assert "没有 2019 年度的决策文件" in err and "no decisions of 2019" in err
    assert not (project / "r.md").exists() and not (project / "r.json").exists()


def test_no_overwrite_without_force(project: Path) -> None:
    (project / "r.md").write_text("kept", encoding="utf-8")
    code, _, err = invoke("--year", "2020", "--organ", "龙河镇", "--output", "r.md")
    assert code == 2 and "--force" in err and (project / "r.md").read_text(encoding="utf-8") == "kept"
    code, _, _ = invoke("--year", "2020", "--organ", "龙河镇", "--output", "r.md", "--force")
    assert code == 0 and (project / "r.md").read_text(encoding="utf-8").startswith("# 丰都县龙河镇")


def test_usage_errors(project: Path) -> None:
    assert invoke("--year", "2020", "--format", "pdf")[0] == 2
    assert invoke("--year", "2020", "--output", "same.json", "--trace", "same.json")[0] == 2
    assert CliRunner().invoke(app, ["report"]).exit_code == 2  # --year is required


# --------------------------------------------------------------------- counts against the YAML files


def _records(project: Path, organ: str) -> list[dict[str, Any]]:
    out = []
    for path in sorted((project / "decisions").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("organ") == organ and "title" in data and data.get("kind") is None:
            out.append(data)
    return out


def _taken(records: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """Decided, not excluded, decision meeting in ``year`` — counted here without the tool's code."""
    out = []
    for r in records:
        if r.get("excluded") or r.get("status") == "in_progress":
            continue
        deciding = [m for m in r.get("meetings", []) if m.get("purpose", "decide") == "decide" and m.get("outcome")]
        if deciding and str(deciding[-1]["date"]).startswith(str(year)):
            out.append(r)
    return out


def test_every_figure_matches_an_independent_count(project: Path) -> None:
    code, _, err = invoke("--year", "2020", "--organ", "龙河镇", "--trace", "t.json", "--output", "r.md")
    assert code == 0, err
    f = figures(json.loads((project / "t.json").read_text(encoding="utf-8")))
    taken = _taken(_records(project, LONGHE), 2020)
    ids = sorted(r["id"] for r in taken)
    assert f["decisions.taken"]["ids"] == ids and f["decisions.taken"]["value"] == len(ids) == 16

    categories = Counter(c for r in taken for c in r.get("category", []))
    assert f["category.重大公共建设项目"]["value"] == categories["public_construction"]
    areas = Counter(a for r in taken for a in r.get("livelihood_areas", []))
    assert f["livelihood.公用事业"]["value"] == areas["public_utilities"]
    assert f["livelihood"]["value"] == sum(1 for r in taken if r.get("livelihood_areas"))

    steps = [r["steps"] for r in taken]
    pp = [s["public_participation"] for s in steps if "public_participation" in s]
    assert f["public_participation.opinions_received"]["value"] == sum(p.get("opinions_received", 0) for p in pp)
    assert f["public_participation.opinions_adopted"]["value"] == sum(p.get("opinions_adopted", 0) for p in pp)
    surveys = [p["survey"] for p in pp if p.get("survey", {}).get("date")]
    assert f["public_participation.surveys"]["value"] == len(surveys)
    assert f["public_participation.respondents"]["value"] == sum(s.get("respondents", 0) for s in surveys)
    assert f["public_participation.notices"]["value"] == sum(1 for p in pp if p.get("notice", {}).get("date"))
    reviews = [s["expert_review"] for s in steps if s.get("expert_review", {}).get("date")]
    assert f["expert_review.experts"]["value"] == sum(len(r.get("experts", [])) for r in reviews)
    assert f["steps.expert_review.done"]["value"] == len(reviews)
    risks = Counter(s["risk_assessment"].get("level") for s in steps if s.get("risk_assessment", {}).get("date"))
    assert f["risk_assessment.level.低"]["value"] == risks["low"]
    assert f["risk_assessment.level.中"]["value"] == risks["medium"]
    legal = Counter(
        s["legality_review"].get("conclusion") for s in steps if s.get("legality_review", {}).get("concluded")
    )
    assert f["legality_review.conclusion.合法"]["value"] == legal["lawful"]
    bodies = Counter(
        [m for m in r["meetings"] if m.get("purpose", "decide") == "decide" and m.get("outcome")][-1]["body"]
        for r in taken
    )
    assert f["meetings.body.镇政府班子会"]["value"] == bodies["township_government_meeting"]
    assert f["meetings.body.镇长办公会"]["value"] == bodies["mayor_office_meeting"]
    party = [r for r in taken if any(m.get("purpose") == "party_consideration" for m in r["meetings"])]
    assert f["meetings.party"]["value"] == len(party)

    catalog = yaml.safe_load((project / "decisions" / "catalogs" / "longhe-2020.yaml").read_text(encoding="utf-8"))
    assert f["catalog.entries"]["value"] == len(catalog["entries"])
    assert f["catalog.not_started"]["ids"] == [
        f"目录第{e['entry']}项" for e in catalog["entries"] if e.get("decision_id") is None
    ]
    in_progress = [r["id"] for r in _records(project, LONGHE) if r.get("status") == "in_progress"]
    assert f["decisions.in_progress"]["ids"] == in_progress
    excluded = [r["id"] for r in _records(project, LONGHE) if r.get("excluded")]
    assert f["decisions.excluded"]["ids"] == excluded


def test_problems_match_the_validation_report(project: Path) -> None:
    """存在的问题 names each rule with an error or warning on the year's decisions, and those decisions."""
    invoke("--year", "2020", "--organ", "龙河镇", "--trace", "t.json", "--output", "r.md")
    f = figures(json.loads((project / "t.json").read_text(encoding="utf-8")))
    done = CliRunner().invoke(app, ["validate", "decisions/", "--as-of", AS_OF, "--format", "json"])
    report = json.loads(done.stdout)
    year = {
        d["id"]
        for d in report["decisions"]
        if d["organ"] == LONGHE and not d["excluded"] and d["status"] != "in_progress"
    }
    expected: dict[str, set[str]] = {}
    for finding in report["findings"]:
        if finding.get("decision") in year and finding["severity"] in ("error", "warning"):
            expected.setdefault(finding["rule"], set()).add(finding["decision"])
    found = {
        k.split(".")[1]: set(v["ids"]) for k, v in f.items() if k.startswith("problems.") and k.endswith(".decisions")
    }
    assert found == expected
    text = (project / "r.md").read_text(encoding="utf-8")
    for rule in expected:
        assert f"（{rule}，" in text


# ------------------------------------------------------------------------------------- honesty


def _clean_project(root: Path) -> None:
    """One organ, its catalogue and the format's compliant example: a year with nothing wrong."""
    (root / "decisions" / "organs").mkdir(parents=True)
    shutil.copyfile(REPO / "decisions" / "organs" / "longhe.yaml", root / "decisions" / "organs" / "longhe.yaml")
    shutil.copyfile(
        REPO / "tests" / "examples" / "valid" / "spec-example-LH-2020-003.yaml", root / "decisions" / "LH-2020-003.yaml"
    )
    (root / "decisions" / "catalog.yaml").write_text(
        "kind: catalog\nyear: 2020\norgan: 丰都县龙河镇人民政府\n"
        "adopted: {date: 2020-01-10, meeting: 2020年第1次镇政府班子会}\n"
        "party_consent: 2020-01-14\npublished: {date: 2020-01-17, url: http://www.cqfd.gov.cn/}\n"
        "entries:\n  - entry: '3'\n    title: 龙河镇场镇污水管网改造工程\n    decision_id: LH-2020-003\n",
        encoding="utf-8",
    )


def test_clean_year_and_year_with_problems_read_differently(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, troubled, _ = invoke("--year", "2020", "--organ", "龙河镇")
    clean_root = tmp_path_factory.mktemp("clean")
    _clean_project(clean_root)
    monkeypatch.chdir(clean_root)
    check = CliRunner().invoke(app, ["validate", "decisions/", "--as-of", AS_OF, "--format", "json"])
    summary = json.loads(check.stdout)["summary"]
    assert summary["errors"] == 0 and summary["warnings"] == 0, "the clean corpus must be clean"
    code, clean, err = invoke("--year", "2020")
    assert code == 0, err
    problems_clean = body(clean).split("## 四、存在的问题", 1)[1].split("表1", 1)[0]
    problems_troubled = body(troubled).split("## 四、存在的问题", 1)[1].split("表1", 1)[0]
    assert "未发现违反程序规定的错误或需要改进的事项" in problems_clean
    assert "文件未记载的情况未作判断" in problems_clean
    assert "存在以下问题" in problems_troubled and "未发现" not in problems_troubled
    assert "一是不符合" in problems_troubled and "一是" not in problems_clean
    for text in (clean, troubled):
        prose = re.sub(r"“[^”]*”|《[^》]*》", "", body(text))  # quoted rule titles and names are not claims
        for word in OVERCLAIMS:
            assert word not in prose, f"overclaiming word {word!r} in the report"


def test_waived_findings_stay_problems_with_their_reason(project: Path) -> None:
    record = project / "decisions" / "2020" / "LH-2020-013.yaml"
    text = record.read_text(encoding="utf-8")
    assert "waivers:" not in text
    record.write_text(
        text + "waivers:\n  - rule: LH-01\n    reason: 该路段安全防护工程由县交通局统一组织民意调查\n"
        "    basis: 丰都县交通局通知\n    approved_by: 镇长办公会\n    date: 2020-06-01\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("--year", "2020", "--organ", "龙河镇", "--trace", "t.json")
    assert code == 0
    line = next(x for x in out.splitlines() if "（LH-01，" in x)
    assert "LH-2020-013" in line and "经批准豁免" in line and "县交通局统一组织民意调查" in line
    assert "豁免不改变程序缺失的事实" in line
    f = figures(json.loads((project / "t.json").read_text(encoding="utf-8")))
    assert f["problems.LH-01.waived"]["ids"] == ["LH-2020-013"]


def test_a_missing_step_is_said_as_missing(project: Path) -> None:
    _, out, _ = invoke("--year", "2020", "--organ", "龙河镇")
    line = next(x for x in out.splitlines() if x.startswith("（二）专家论证"))
    assert re.search(
        r"应开展专家论证的决策11\[\^\d+\]项，已开展10\[\^\d+\]项，应开展而未开展或尚未完成的1\[\^\d+\]项（LH-2020-012）",
        line,
    )


# ---------------------------------------------------------------------------------- traceability

# Numbers that are not figures: dates, years, months, decision ids, document numbers, rule ids.
NOT_FIGURES = [
    r"\d{4}-\d{2}-\d{2}",
    r"[A-Z]{2,}-\d{4}-[A-Z0-9]+",
    r"[A-Z]+-\d+",
    r"〔\d{4}〕\d+号",
    r"第\d+号",
    r"\d{4}年",
    r"\d{1,2}(?:—\d{1,2})?月(?:\d{1,2}日)?",
    r"表\d",
    r"\d+(?:\.\d+)+",  # clause numbers of standards (DA/T 22—2015 5.4)
]


def test_trace_covers_every_number_in_the_text(project: Path) -> None:
    code, out, _ = invoke("--year", "2020", "--trace", "t.json")
    assert code == 0
    trace = json.loads((project / "t.json").read_text(encoding="utf-8"))
    notes = {int(k): v for k, v in trace["notes"].items()}
    by_note: dict[int, set[int]] = {}
    for item in trace["figures"]:
        if item["note"] is not None:
            by_note.setdefault(item["note"], set()).add(item["value"])
            assert notes[item["note"]] == item["ids"]
        else:
            assert item["ids"] == [] and item["value"] == 0
    text = re.sub(r"“[^”]*”|《[^》]*》", "", body(out))  # quotations of rule titles and document names
    for record in _records(project, LONGHE) + _records(project, FENGDU):
        text = text.replace(record["title"], "")  # the appendix names each decision by its title
    marked = re.findall(r"(\d+)\[\^(\d+)\]", text)
    assert len(marked) > 60
    for value, note in marked:
        assert int(value) in by_note[int(note)], f"{value}[^{note}] is not a traced figure"
    rest = re.sub(r"\d+\[\^\d+\]", "", text)
    for pattern in NOT_FIGURES:
        rest = re.sub(pattern, "", rest)
    zeros = re.findall(r"\| 0 ", rest)  # table cells of nothing: traced with no ids
    rest = rest.replace("| 0 ", "")
    assert re.findall(r"\d+", rest) == [], "a number in the report is neither a traced figure nor a date or id"
    assert zeros and sum(1 for f in trace["figures"] if f["value"] == 0) >= len(zeros)
    # the footnotes list exactly the ids of their figures
    for number, ids in notes.items():
        assert f"[^{number}]: {'、'.join(ids)}" in out


def test_html_carries_the_ids_in_title_attributes(project: Path) -> None:
    _, out, _ = invoke("--year", "2020", "--organ", "龙河镇", "--format", "html")
    spans = re.findall(r'<span class="figure" title="([^"]+)" data-note="\d+">(\d+)</span>', out)
    assert len(spans) > 60
    assert ("LH-2020-012", "1") in spans  # the expert review that is missing
    assert "<script" not in out


# ------------------------------------------------------------------------------------------- Word


def test_docx_holds_the_text_and_the_tables(project: Path) -> None:
    code, _, err = invoke("--year", "2020", "--organ", "龙河镇", "--format", "docx", "--output", "r.docx")
    assert code == 0, err
    document = docx.Document(str(project / "r.docx"))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == f"{LONGHE}2020年重大行政决策情况"
    assert document.paragraphs[[p.text for p in document.paragraphs].index(texts[0])].style.name == "DC Title"
    assert "四、存在的问题" in texts and any(t.startswith("一是不符合") for t in texts)
    assert not any("[^" in t or "{{" in t or "{%" in t for t in texts)
    statistics, appendix = document.tables
    assert [c.text for c in statistics.rows[2].cells] == ["专家论证", "11", "10", "1"]
    assert len(appendix.rows) == 1 + 18
    assert appendix.rows[1].cells[0].text == "LH-2020-001"


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) not installed: apt-get install libreoffice-writer fonts-noto-cjk (.ci/run does)",
)
def test_docx_converts_to_pdf_with_libreoffice(project: Path) -> None:
    invoke("--year", "2020", "--organ", "龙河镇", "--format", "docx", "--output", "r.docx")
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{project}/lo", "--convert-to", "pdf", "r.docx"],
        check=True,
        capture_output=True,
        timeout=180,
        cwd=project,
    )
    assert (project / "r.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: the PDF's text is not checked")
    text = subprocess.run(["pdftotext", "r.pdf", "-"], check=True, capture_output=True, text=True, cwd=project).stdout
    pages = [re.sub(r"\s+", "", page) for page in text.split("\f")]  # pdftotext breaks lines and spaces digits
    assert "丰都县龙河镇人民政府2020年重大行政决策情况" in pages[0] and len(pages) >= 4
    assert "表1" in "".join(pages) and "LH-2020-YJ01" in "".join(pages)


def test_an_unreadable_file_is_said_not_silently_dropped(project: Path) -> None:
    broken = project / "decisions" / "2020" / "LH-2020-099.yaml"
    broken.write_text("id: LH-2020-099\ntitle： 全角冒号\n", encoding="utf-8")
    code, out, err = invoke("--year", "2020", "--organ", "龙河镇", "--trace", "t.json")
    assert code == 0
    assert "decisions/2020/LH-2020-099.yaml 无法读取" in err
    line = next(x for x in out.splitlines() if "因格式错误无法读取" in x)
    assert "decisions/2020/LH-2020-099.yaml" in line and "未计入本节" in line
    f = figures(json.loads((project / "t.json").read_text(encoding="utf-8")))
    assert f["files.unreadable"]["ids"] == ["decisions/2020/LH-2020-099.yaml"]


def test_user_template_overrides_by_name_and_errors_name_the_line(project: Path) -> None:
    folder = project / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").write_text(
        "{% for part in parts %}{{ part.title }}：{{ part.sections[1].paragraphs[0].text }}\n{% endfor %}",
        encoding="utf-8",
    )
    code, out, err = invoke("--year", "2020", "--organ", "龙河镇", "--templates", str(folder))
    assert code == 0, err
    assert out.startswith(f"{LONGHE}2020年重大行政决策情况：2020年，我镇作出重大行政决策16项")
    (folder / "report.md.j2").write_text("line one\n{{ parts[0].no_such_value }}\n", encoding="utf-8")
    code, out, err = invoke("--year", "2020", "--organ", "龙河镇", "--templates", str(folder), "--output", "r.md")
    assert code == 2 and "report.md.j2:2" in err and "no_such_value" in err
    assert not (project / "r.md").exists()
