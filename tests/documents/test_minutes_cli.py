"""``decision-check minutes`` end to end on a copy of the bundled records.

Golden files: ``tests/golden/minutes/``. Regenerate after a deliberate change with
``UPDATE_GOLDEN=1 python -m pytest tests/documents/test_minutes_cli.py``.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "minutes"
AS_OF = "2021-06-30"
DISSENT_REASON = (
    "    decider_reason: 处置方案已经评估、合法性审查，拍卖公开透明，可防止资产闲置贬值；"
    "两位副镇长的意见在评估和拍卖方式中予以吸收\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding a copy of decisions/, with LH-2020-011's decider's reason recorded."""
    shutil.copytree(REPO / "decisions", tmp_path / "decisions")
    record = tmp_path / "decisions" / "2020" / "LH-2020-011.yaml"
    text = record.read_text(encoding="utf-8")
    marker = "    # 缺 decider_reason：镇长决定与多数意见不一致，纪要未记载其理由\n"
    assert marker in text
    record.write_text(text.replace(marker, DISSENT_REASON), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["minutes", "--as-of", AS_OF, *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 after a deliberate change"


CASES = {
    "LH-2020-003": "township government meeting + party committee (dissent, head decides with the majority)",
    "FD-2020-006": "county executive meeting (请假 with written opinion, 列席, 分管领导 recommendation)",
    "LH-2020-011": "majority dissents, the mayor decides and records his reason",
}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("decision", sorted(CASES))
def test_golden_documents(project: Path, decision: str, fmt: str) -> None:
    out = project / f"{decision}.{fmt}"
    code, _, err = invoke(decision, "--format", fmt, "--output", str(out))
    assert code == 0, err
    check_golden(f"{decision}.{fmt}", out.read_text(encoding="utf-8"))


def test_dissent_and_reason_are_recorded(project: Path) -> None:
    code, out, _ = invoke("LH-2020-011")
    assert code == 0
    assert "钱某（副镇长）：**不同意**。建议先委托评估，再公开拍卖" in out
    assert "决定与多数意见不一致的理由：处置方案已经评估" in out
    assert "中共龙河镇委员会会议纪要" in out and "龙河镇镇长办公会议纪要" in out


def test_meeting_with_two_decisions(project: Path) -> None:
    code, out, err = invoke("--meeting", "龙河府纪〔2020〕20号")
    assert code == 0, err
    check_golden("meeting-20.md", out)
    assert out.index("一、关于《龙河镇场镇污水管网改造工程》") < out.index("二、关于《龙河镇集镇消防通道改造工程》")
    assert out.count("**出席**") == 1


def test_meeting_attendance_must_agree(project: Path) -> None:
    record = project / "decisions" / "2020" / "LH-2020-010.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace(
            "{name: 李某某, role: 副镇长, present: false",
            "{name: 李某某, role: 副镇长, present: true, opinion: agree",
            1,
        ),
        encoding="utf-8",
    )
    code, out, err = invoke("--meeting", "龙河府纪〔2020〕20号")
    assert code == 1 and out == ""
    assert "decisions/2020/LH-2020-010.yaml:" in err and "MEET-09" in err


def test_refusal_lists_problems_with_file_and_line(project: Path) -> None:
    code, out, err = invoke("LH-2020-004", "--output", "x.md")
    assert code == 1 and out == ""
    assert "decisions/2020/LH-2020-004.yaml:103 MEET-07" in err
    assert not (project / "x.md").exists()


def test_draft_marks_every_part_and_lists_findings_last(project: Path) -> None:
    code, _, err = invoke("LH-2020-004", "--draft", "--output", "x.md")
    assert code == 0, err
    text = (project / "x.md").read_text(encoding="utf-8")
    assert text.count("**草稿（DRAFT）**") == 3  # two 纪要 and the 决策过程记录表
    last = text[text.rindex("## 草稿：尚未解决的问题") :]
    assert "decisions/2020/LH-2020-004.yaml:103 MEET-07" in last
    code, _, _ = invoke("LH-2020-004", "--draft", "--format", "html", "--output", "x.html")
    html = (project / "x.html").read_text(encoding="utf-8")
    assert 'class="watermark"' in html and "position: fixed" in html and "MEET-07" in html


def test_existing_output_needs_force(project: Path) -> None:
    (project / "x.md").write_text("old", encoding="utf-8")
    code, _, err = invoke("LH-2020-003", "--output", "x.md")
    assert code == 2 and "--force" in err
    assert (project / "x.md").read_text(encoding="utf-8") == "old"
    code, _, _ = invoke("LH-2020-003", "--output", "x.md", "--force")
    assert code == 0 and "龙河镇人民政府班子会议纪要" in (project / "x.md").read_text(encoding="utf-8")


def test_all_writes_one_file_per_decision_and_refuses_the_unfit(project: Path) -> None:
    (project / "out").mkdir()
    code, _, err = invoke("--all", "--year", "2020", "--output-dir", "out")
    written = sorted(p.name for p in (project / "out").iterdir())
    assert code == 1
    assert "LH-2020-003.md" in written and "FD-2020-006.md" in written
    assert "LH-2020-004.md" not in written and "LH-2020-004" in err


def test_template_error_is_exit_2_naming_template_and_line(project: Path) -> None:
    (project / "tpl").mkdir()
    (project / "tpl" / "minutes.md.j2").write_text("{{ footer }}\n{{ no_such_value }}\n", encoding="utf-8")
    code, _, err = invoke("LH-2020-003", "--templates", "tpl")
    assert code == 2 and "minutes.md.j2:2" in err and "no_such_value" in err


def test_sandbox_refuses_python_internals(project: Path) -> None:
    (project / "tpl").mkdir()
    (project / "tpl" / "minutes.md.j2").write_text(
        "{{ meetings.__class__.__base__.__subclasses__() }}\n", encoding="utf-8"
    )
    code, _, err = invoke("LH-2020-003", "--templates", "tpl")
    assert code == 2 and "沙箱" in err and "minutes.md.j2:1" in err


def test_templates_from_config(project: Path) -> None:
    (project / "mine").mkdir()
    (project / "mine" / "minutes.md.j2").write_text("本单位：{{ meetings[0].title }}\n", encoding="utf-8")
    (project / "decision-check.toml").write_text('templates = "mine"\n', encoding="utf-8")
    code, out, _ = invoke("LH-2020-003")
    assert code == 0 and out == "本单位：龙河镇人民政府班子会议纪要\n"


def test_usage_errors(project: Path) -> None:
    assert invoke()[0] == 2
    assert invoke("LH-2020-003", "--all")[0] == 2
    assert invoke("--all")[0] == 2
    assert invoke("LH-2020-003", "--format", "pdf")[0] == 2
    code, _, err = invoke("LH-2099-999")
    assert code == 2 and "LH-2099-999" in err


def test_docx_from_bundled_template(project: Path) -> None:
    import docx

    code, _, err = invoke("FD-2020-006", "--format", "docx", "--output", "fd.docx")
    assert code == 0, err
    document = docx.Document(io.BytesIO((project / "fd.docx").read_bytes()))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "丰都县人民政府常务会议纪要"
    order = [
        "丰都府纪〔2020〕12号",
        "一、关于《",
        "与会人员逐一发表意见：",
        "陈某某（常务副县长）：同意。",
        "主持人总结：",
        "议定事项：",
        "出席：",
        "请假：",
        "列席：",
        "记录：",
        "决策过程记录表",
    ]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(o)) for o in order]
    assert positions == sorted(positions), texts
    assert not any("{%" in t or "{{" in t for t in texts)
    title = next(p for p in document.paragraphs if p.text == "丰都县人民政府常务会议纪要")
    assert title.style.name == "DC Title"
    label = next(p for p in document.paragraphs if p.text.startswith("出席："))
    from docx.oxml.ns import qn

    assert label.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    rows = document.tables[0].rows
    assert rows[0].cells[0].text == "程序环节" and any(r.cells[0].text == "合法性审查" for r in rows)
    section = document.sections[0]
    assert [round(v.mm) for v in (section.page_width, section.page_height)] == [210, 297]
    assert [
        round(v.mm) for v in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [37, 35, 28, 26]


def test_docx_user_template_is_used(project: Path) -> None:
    import docx
    from docxtpl import DocxTemplate  # noqa: F401  (the office's template is a docxtpl template)

    user = docx.Document()
    user.add_paragraph("某某县人民政府办公室（红头）")
    user.add_paragraph("{%p for m in meetings %}")
    user.add_paragraph("{{ m.title }}｜{{ m.present_line }}")
    user.add_paragraph("{%p endfor %}")
    (project / "tpl").mkdir()
    user.save(str(project / "tpl" / "minutes.docx"))
    code, _, err = invoke("LH-2020-003", "--format", "docx", "--output", "a.docx", "--templates", "tpl")
    assert code == 0, err
    texts = [p.text for p in docx.Document(str(project / "a.docx")).paragraphs if p.text]
    assert texts == [
        "某某县人民政府办公室（红头）",
        "龙河镇人民政府班子会议纪要｜赵某（镇长）、钱某（副镇长）、孙某（副镇长）",
        "中共龙河镇委员会会议纪要｜刘某（党委书记）、赵某（镇长）、周某（纪委书记）、郑某（宣传委员）",
    ]


def test_docx_draft_header_on_every_section(project: Path) -> None:
    import docx

    code, _, _ = invoke("LH-2020-004", "--format", "docx", "--draft", "--output", "d.docx")
    assert code == 0
    document = docx.Document(str(project / "d.docx"))
    assert all("草稿" in s.header.paragraphs[0].text for s in document.sections)
    assert "PowerPlusWaterMarkObject1" in document.sections[0].header._element.xml
    texts = [p.text for p in document.paragraphs if p.text]
    assert "草稿：尚未解决的问题" in texts and any("MEET-07" in t for t in texts)


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) not installed: apt-get install libreoffice-writer fonts-noto-cjk",
)
def test_docx_converts_to_pdf_with_libreoffice(project: Path) -> None:
    import subprocess

    code, _, _ = invoke("LH-2020-003", "--format", "docx", "--output", "lh.docx")
    assert code == 0
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{project}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(project),
            "lh.docx",
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (project / "lh.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: the PDF's text is not checked")
    text = subprocess.run(["pdftotext", "lh.pdf", "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert "龙河镇人民政府班子会议纪要" in pages[0] and "出席：" in text
    assert any("中共龙河镇委员会会议纪要" in p for p in pages[1:]) and "决策过程记录表" in text


def test_file_argument_and_process_record_alone(project: Path) -> None:
    from decision_check.documents.archive import Record
    from decision_check.documents.minutes import build_minutes_context
    from decision_check.documents.process_record import build_process_record_context
    from decision_check.documents.render import render_document

    code, out, _ = invoke("decisions/county/FD-2020-006.yaml")
    assert code == 0 and out.startswith("# 丰都县人民政府常务会议纪要")
    # the 决策过程记录表 on its own (the API the report uses): same context shape, no meetings
    from decision_check.cli.session import Session
    from decision_check.documents import archive
    from decision_check.loader import load_file
    from decision_check.validate import run

    session = Session.open()
    book = session.rulebook()
    options = session.engine_options(book, None, None)
    files = [Path("decisions/county/FD-2020-006.yaml")]
    result = run(files, book, options, base=project, context=[Path("decisions")])
    record: Record = archive.records([load_file(files[0], files[0].as_posix())], result)[0]
    assert record.outcome is not None
    process = build_process_record_context(
        record.decision,
        record.outcome,
        record.findings,
        [record.source],
        "t",
        archive.step_basis(archive.basis_table(book), record.outcome),
    )
    context = build_minutes_context([], [record.source], "t", [], process)
    for fmt in ("md", "html", "docx"):
        data = render_document("process_record", fmt, context)
        assert (b"PK" if fmt == "docx" else "决策过程记录表".encode()) in data[:4000]
    md = render_document("process_record", "md", context).decode()
    assert "| 合法性审查 | 必经（LEGAL-01" in md and "丰都县人民政府常务会议纪要" not in md
