"""The command line end to end: real files, real processes where start-up matters, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "rule_cases" / "_base" / "longhe" / "decision.yaml"
runner = CliRunner()


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_missing_path_is_exit_2() -> None:
    code, _, err = invoke("validate", "no/such/folder")
    assert code == 2 and "路径不存在" in err


def test_folder_without_records_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("x", encoding="utf-8")
    code, _, err = invoke("validate", str(tmp_path))
    assert code == 2 and "没有决策文件" in err


def test_unknown_format_is_exit_2() -> None:
    code, _, err = invoke("validate", str(EXAMPLE), "--format", "pdf")
    assert code == 2 and "未知的输出格式" in err


def test_bad_as_of_is_exit_2() -> None:
    code, _, err = invoke("validate", str(EXAMPLE), "--as-of", "2020-02-30")
    assert code == 2 and "--as-of" in err


def test_malformed_file_is_exit_1_and_others_still_checked(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: A\ntitle：x\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = invoke("validate", str(tmp_path), "--format", "json", "--as-of", "2021-06-30")
    report = json.loads(out)
    assert code == 1
    assert report["summary"]["files"] == 2 and report["summary"]["decisions"] == 1
    bad = [f for f in report["findings"] if f["file"].endswith("bad.yaml")]
    assert bad and bad[0]["rule"] == "LOAD" and bad[0]["line"] == 2


def test_json_contract_fields() -> None:
    code, out, _ = invoke("validate", str(EXAMPLE), "--format", "json", "--as-of", "2021-06-30")
    report = json.loads(out)
    assert report["version"] == 1
    assert set(report["summary"]) == {"files", "decisions", "errors", "warnings", "infos", "waived"}
    decision = report["decisions"][0]
    assert decision["id"] == "LH-2020-003"
    assert decision["governing_date"] == "2020-10-12" and decision["governing_date_source"] == "meetings[0]"
    assert decision["rule_sets"] == ["national", "longhe"]
    assert code in (0, 1)


def test_output_file_and_english(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()  # a missing parent is a usage error (issue 13), not silently created
    code, out, _ = invoke("--lang", "en", "validate", str(EXAMPLE), "--format", "json", "--output", str(target))
    assert code == 0 and out == ""
    report = json.loads(target.read_text(encoding="utf-8"))
    assert "applies" in report["decisions"][0]["rule_set_reasons"][0]["reason"]
    assert not list(target.parent.glob(".*.tmp"))


def test_fail_on_warning(tmp_path: Path) -> None:
    # Without `adoption_explained`, PUB-03 (a warning) fires on this widely-concerned decision.
    record = EXAMPLE.read_text(encoding="utf-8").replace("    adoption_explained: true\n", "")
    (tmp_path / "r.yaml").write_text(record, encoding="utf-8")
    lenient, out, _ = invoke("validate", str(tmp_path), "--format", "json", "--as-of", "2021-06-30")
    assert lenient == 0 and json.loads(out)["summary"]["warnings"] == 1
    strict, _, _ = invoke(
        "validate", str(tmp_path), "--fail-on", "warning", "--format", "json", "--as-of", "2021-06-30"
    )
    assert strict == 1


def test_schema_command_outputs_json_schema() -> None:
    code, out, _ = invoke("schema")
    schema = json.loads(out)
    assert code == 0 and "steps" in schema["properties"]
    levels = json.dumps(schema, ensure_ascii=False)
    assert "乡镇" in levels and "township" in levels


def test_config_show_reports_origin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "decision-check.toml").write_text('jurisdiction = "longhe"\nlang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("config", "show")
    assert code == 0 and "longhe" in out and "decision-check.toml" in out


def test_bad_config_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "decision-check.toml").write_text('jurisdicton = "longhe"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("validate", str(EXAMPLE))
    assert code == 2 and "jurisdicton" in err


def test_bad_config_says_why_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "decision-check.toml").write_text('jurisdicton = "longhe"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("validate", str(EXAMPLE))
    assert code == 2 and "没有这个配置项（是否应为 jurisdiction？）" in err
    code, _, err = invoke("--lang", "en", "validate", str(EXAMPLE))
    assert code == 2 and "no such key (did you mean jurisdiction?)" in err
    (tmp_path / "decision-check.toml").write_text('fail_on = "info"\n', encoding="utf-8")
    code, _, err = invoke("validate", str(EXAMPLE))
    assert code == 2 and "fail_on" in err and "取值“info”不正确，可选：'error'、'warning'" in err


def test_config_cannot_switch_off_legality_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "decision-check.toml").write_text(
        '[severity]\n"LEGAL-01" = {severity = "off", reason = "省事"}\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("validate", str(EXAMPLE))
    assert code == 2 and "LEGAL-01" in err


def test_bad_rule_set_is_exit_2_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "id: mine\ntitle: 测试\nlevel: county\nin_force: {from: 2020-01-01}\napplies_to: {county: direct}\n"
        "rules:\n  - id: X-01\n    title: 测试\n    step: scope\n    check: {name: no_such_check}\n"
        "    citations: [{instrument: 测试}]\n    message: 测试\n",
        encoding="utf-8",
    )
    code, _, err = invoke("rules", "check", str(tmp_path))
    assert code == 2 and "mine.yaml:10" in err and "no_such_check" in err


def test_loosening_a_parameter_is_refused(tmp_path: Path) -> None:
    (tmp_path / "loose.yaml").write_text(
        "id: loose\ntitle: 测试\nlevel: county\nin_force: {from: 2020-01-01}\napplies_to: {county: direct}\n"
        "extends: [national]\nparams:\n  comment_days: {value: 20, min: true}\n",
        encoding="utf-8",
    )
    code, _, err = invoke("rules", "check", str(tmp_path))
    assert code == 2 and "loose.yaml:8" in err and "宽松" in err


def test_rules_show_and_list() -> None:
    code, out, _ = invoke("rules", "show", "PP-03")
    assert code == 0 and "第十五条第一款" in out and "不少于 30（参数 comment_days）" in out
    code, out, _ = invoke("rules", "list")
    assert code == 0 and "PP-03" in out


def test_help_and_validate_do_not_import_heavy_modules() -> None:
    probe = (
        "import sys\n"
        "from decision_check.cli.app import main\n"
        f"sys.argv = ['decision-check', 'validate', {str(EXAMPLE)!r}, '--format', 'json', '--output', '/dev/null']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'jinja2', 'docx', 'openpyxl') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_python_dash_m_entry_point() -> None:
    done = subprocess.run([sys.executable, "-m", "decision_check", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "decision-check" in done.stdout


def test_rules_coverage_maps_articles_to_rules() -> None:
    code, out, _ = invoke("rules", "coverage")
    assert code == 0
    assert "第十五条 公开征求意见: PP-02, PP-03" in out
    assert "第四十四条 施行日期: REG-00" in out
    # every article of 713号, each with the rules that check it or why a record cannot show it (issue 15)
    section = out.split("《重大行政决策程序暂行条例》 国务院令第713号\n", 1)[1].split("\n《", 1)[0]
    assert [line.strip() for line in section.splitlines() if line.startswith("  第")] == COVERAGE_713
    assert "未编码" not in section


COVERAGE_713 = [
    "第一条 立法目的和依据: （不可检查：立法目的和依据，不对决策设定程序要求）",
    "第二条 适用范围: REG-00",
    "第三条 决策事项范围、目录: CAT-01, CAT-02, CAT-03, SCOPE-01, SCOPE-02",
    "第四条 党的领导: （不可检查：依赖决策实质判断（可检查的请示报告见第三十一条））",
    "第五条 科学民主依法决策原则: （不可检查：原则性规定，依赖决策实质判断）",
    "第六条 科学决策: （不可检查：原则性规定（科学决策），依赖决策实质判断）",
    "第七条 民主决策: （不可检查：原则性规定（民主决策），依赖决策实质判断）",
    "第八条 人大讨论决定或报告: FLAG-01, NPC-01",
    "第九条 监督: （不可检查：规定上级机关、人大、社会的监督，不是决策档案记录的程序步骤）",
    "第十条 决策启动: LAUNCH-01, LAUNCH-03",
    "第十一条 决策承办单位: LAUNCH-02",
    "第十二条 决策草案拟订: DRAFT-01",
    "第十三条 征求有关部门和下级政府意见: CONS-01, CONS-02",
    "第十四条 公众参与方式: FLAG-01, PP-01, PP-04",
    "第十五条 公开征求意见: PP-02, PP-03, PP-11",
    "第十六条 听证: FLAG-01, PP-05, PP-06, PP-07, PP-08, PP-12",
    "第十七条 听证程序: PP-09, PP-12",
    "第十八条 意见归纳整理和采纳: PP-10",
    "第十九条 专家论证: EXP-01, EXP-02, FLAG-01",
    "第二十条 专家选择、利害关系回避: EXP-03, EXP-05",
    "第二十一条 专家库: （不可检查：专家库由省级政府建立、市县可以建立，属机关职责而非单项决策的程序步骤）",
    "第二十二条 风险评估: FLAG-01, RISK-01",
    "第二十三条 风险评估报告: RISK-02",
    "第二十四条 风险评估结果运用: RISK-03, RISK-04",
    "第二十五条 合法性审查: LEGAL-01, LEGAL-02",
    "第二十六条 送审材料、审查时间: LEGAL-03, LEGAL-05",
    "第二十七条 审查内容: LEGAL-06",
    "第二十八条 法律顾问、公职律师意见: LEGAL-04",
    "第二十九条 提交集体讨论的材料: FCR-01, FLAG-01, MEET-10, ORDER-01, PP-10",
    "第三十条 集体讨论决定: MEET-01, MEET-04, MEET-05, MEET-07, MEET-09",
    "第三十一条 向同级党委请示报告: PARTY-01",
    "第三十二条 决策公布: FLAG-01, PUB-01, PUB-02, PUB-03",
    "第三十三条 决策过程记录和归档: ARC-01, DOC-01, DOC-02, DOC-03, EVID-01, MEET-09",
    "第三十四条 决策执行: IMPL-01, IMPL-02",
    "第三十五条 执行中的问题报告: IMPL-02",
    "第三十六条 决策后评估: EVAL-01, EVAL-02",
    "第三十七条 决策调整: ADJ-01",
    "第三十八条 法律责任（决策机关）: （不可检查：法律责任条款，依赖事后追责认定）",
    "第三十九条 法律责任（承办单位）: （不可检查：法律责任条款，依赖事后追责认定）",
    "第四十条 法律责任（执行单位）: （不可检查：法律责任条款，依赖事后追责认定）",
    "第四十一条 法律责任（专家、第三方）: （不可检查：法律责任条款，依赖事后追责认定）",
    "第四十二条 部门和乡级政府参照执行: MEET-01, REG-00",
    "第四十三条 省级细则: （不可检查：授权省级政府制定实施细则，不是单项决策的程序要求）",
    "第四十四条 施行日期: REG-00",
]


def test_unknown_jurisdiction_option_is_exit_2() -> None:
    code, _, err = invoke("validate", str(EXAMPLE), "--jurisdiction", "shanghai")
    assert code == 2 and "shanghai" in err and "longhe" in err


def test_user_calendar_file_from_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A local adjustment declares 2020-10-09 (a Friday) a holiday: the review of 9月24日 → 10月12日 then has
    # 6 working days instead of 7, and LEGAL-03 fires.
    record = EXAMPLE.read_text(encoding="utf-8").replace("submitted: 2020-09-01", "submitted: 2020-09-24")
    (tmp_path / "decisions").mkdir()
    (tmp_path / "decisions" / "r.yaml").write_text(record, encoding="utf-8")
    (tmp_path / "calendar.yaml").write_text("years:\n  2020:\n    holidays: [2020-10-09]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "decisions", "--format", "json", "--as-of", "2021-06-30")
    assert code == 0
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "LEGAL-03"]
    (tmp_path / "decision-check.toml").write_text('calendar = "calendar.yaml"\n', encoding="utf-8")
    code, out, _ = invoke("validate", "decisions", "--format", "json", "--as-of", "2021-06-30")
    assert code == 0  # LEGAL-03 is a warning
    legal = [f for f in json.loads(out)["findings"] if f["rule"] == "LEGAL-03"]
    assert len(legal) == 1 and "6 个工作日" in legal[0]["message"]


def test_one_file_is_judged_with_its_organ_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The organ file names the designated legality reviewers; a record reviewed by someone else
    # fails LEGAL-01 even when validated alone, because the project's decisions/ folder is context.
    folder = tmp_path / "decisions"
    (folder / "organs").mkdir(parents=True)
    (folder / "organs" / "longhe.yaml").write_text(
        (ROOT / "decisions" / "organs" / "longhe.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    record = EXAMPLE.read_text(encoding="utf-8").replace("reviewer: 龙河镇司法所", "reviewer: 镇党政办")
    (folder / "r.yaml").write_text(record, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "decisions/r.yaml", "--format", "json", "--as-of", "2021-06-30")
    report = json.loads(out)
    assert code == 1 and report["summary"]["files"] == 1
    assert [f["rule"] for f in report["findings"] if f["severity"] == "error"] == ["LEGAL-01"]


def test_override_of_unknown_rule_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "decision-check.toml").write_text(
        '[severity]\n"PP-3" = {severity = "info", reason = "笔误"}\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("validate", str(EXAMPLE))
    assert code == 2 and "PP-3" in err and "PP-03" in err
