"""The loader: every malformed input is a finding with the right line — never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision_check.loader import MAX_BYTES, load_file, load_text
from decision_check.models.records import Decision

MINIMAL = "id: LH-2020-099\ntitle: 测试\norgan: 丰都县龙河镇人民政府\norgan_level: township\nsponsor: 党政办\n"


def codes(text: str) -> list[tuple[str, int, str]]:
    loaded = load_text(text, "t.yaml")
    return [(f.rule, f.line, f.path) for f in loaded.findings]


def test_minimal_record_loads_with_spans() -> None:
    loaded = load_text(MINIMAL + "launched:\n  date: 2020年3月1日\n")
    assert isinstance(loaded.record, Decision)
    assert loaded.findings == []
    assert loaded.record.launched is not None
    assert loaded.record.launched.date is not None and loaded.record.launched.date.isoformat() == "2020-03-01"
    span = loaded.source.locate(("launched", "date"))
    assert span is not None and (span.line, span.column) == (7, 9)


@pytest.mark.parametrize("spelling", ["2020-03-01", "2020年3月1日", "2020.3.1", "2020/3/1", "2020 年 3 月 1 日"])
def test_chinese_date_spellings(spelling: str) -> None:
    loaded = load_text(MINIMAL + f"launched:\n  date: {spelling}\n")
    assert isinstance(loaded.record, Decision) and loaded.record.launched is not None
    assert str(loaded.record.launched.date) == "2020-03-01"


def test_impossible_date_is_a_finding_on_its_line() -> None:
    loaded = load_text(MINIMAL + "launched:\n  date: 2020-02-30\n")
    assert [(f.rule, f.line, f.path) for f in loaded.findings] == [("SCHEMA", 7, "launched.date")]
    assert "不存在" in loaded.findings[0].message.zh


def test_full_width_colon_is_named() -> None:
    found = load_text("id: A\ntitle：测试\norgan: o\n").findings
    assert [(f.rule, f.line, f.column) for f in found] == [("LOAD", 2, 6)]
    assert "全角冒号" in found[0].message.zh and "full-width colon" in found[0].message.en


def test_full_width_colon_inside_nested_mapping() -> None:
    found = load_text(MINIMAL + "launched:\n  date：2020-01-01\n  proposer: leader\n").findings
    assert [(f.rule, f.line) for f in found] == [("LOAD", 7)]


def test_full_width_comma_in_flow_list() -> None:
    found = load_text(MINIMAL + "category: [public_policy，resources]\n").findings
    assert found[0].rule == "SCHEMA" and found[0].line == 6 and "全角逗号" in found[0].hint.zh


def test_duplicate_key_reported_at_second_occurrence() -> None:
    found = load_text(MINIMAL + "title: 又一个标题\n").findings
    assert [(f.rule, f.line, f.path) for f in found] == [("SCHEMA", 6, "title")]
    assert "第 2 行" in found[0].message.zh


def test_unknown_key_did_you_mean() -> None:
    text = MINIMAL + "steps:\n  public_participation:\n    comment_peroid: {start: 2020-01-01}\n"
    found = load_text(text).findings
    assert [(f.rule, f.line, f.path) for f in found] == [("SCHEMA", 8, "steps.public_participation.comment_peroid")]
    assert "comment_period" in found[0].hint.zh


def test_yaml_11_words_stay_text() -> None:
    loaded = load_text(MINIMAL.replace("title: 测试", "title: no") + "catalog:\n  year: 2020\n  entry: on\n")
    assert isinstance(loaded.record, Decision)
    assert loaded.record.title == "no" and loaded.record.catalog is not None and loaded.record.catalog.entry == "on"


def test_number_where_text_expected_and_chinese_booleans() -> None:
    loaded = load_text(MINIMAL + "catalog: {year: 2020, entry: 3}\nflags:\n  technical: 是\n  npc_matter: 否\n")
    assert isinstance(loaded.record, Decision) and loaded.record.catalog is not None
    assert loaded.record.catalog.entry == "3"
    assert loaded.record.flags.technical is True and loaded.record.flags.npc_matter is False


def test_enum_accepts_chinese_label() -> None:
    loaded = load_text(MINIMAL.replace("organ_level: township", "organ_level: 乡镇") + "category: [重大公共建设项目]\n")
    assert isinstance(loaded.record, Decision)
    assert loaded.record.category[0].value == "public_construction"


def test_bad_enum_lists_the_choices() -> None:
    found = load_text(MINIMAL.replace("organ_level: township", "organ_level: 村")).findings
    assert found[0].path == "organ_level" and "township" in found[0].hint.zh


def test_missing_required_key() -> None:
    found = load_text(MINIMAL.replace("title: 测试\n", "")).findings
    assert [(f.rule, f.path) for f in found] == [("SCHEMA", "title")]


def test_list_instead_of_mapping() -> None:
    assert codes("- a\n- b\n") == [("LOAD", 1, "")]


def test_empty_and_comment_only_files() -> None:
    assert codes("") == [("LOAD", 1, "")]
    assert codes("# 只有注释\n") == [("LOAD", 1, "")]


def test_syntax_error_has_line() -> None:
    found = load_text("id: A\ntitle: [unclosed\norgan: o\n").findings
    assert found[0].rule == "LOAD" and found[0].line >= 2


def test_tab_indentation_hint() -> None:
    found = load_text("id: A\nlaunched:\n\tdate: 2020-01-01\n").findings
    assert found[0].rule == "LOAD" and "Tab" in found[0].hint.zh


def test_alias_bomb_is_stopped() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    found = load_text("\n".join(lines) + "\n").findings
    assert [f.rule for f in found] == ["LOAD"] and "别名" in found[0].message.zh


def test_deep_nesting_is_stopped() -> None:
    found = load_text("a: " + "[" * 200 + "]" * 200 + "\n").findings
    assert [f.rule for f in found] == ["LOAD"]


def test_multiple_documents() -> None:
    found = load_text(MINIMAL + "---\nid: B\n").findings
    assert found[0].rule == "LOAD"


def test_wrong_kind_suggests() -> None:
    found = load_text("kind: organs\nname: x\n").findings
    assert found[0].path == "kind" and "organ" in found[0].hint.zh


def test_gbk_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(MINIMAL.encode("gbk"))
    found = load_file(path).findings
    assert found[0].rule == "LOAD" and "GBK/GB18030" in found[0].message.zh and "iconv" in found[0].hint.zh
    assert found[0].line == 2


def test_utf16_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "u16.yaml"
    path.write_bytes(MINIMAL.encode("utf-16"))
    found = load_file(path).findings
    assert "UTF-16" in found[0].message.zh


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    loaded = load_file(path)
    assert loaded.findings == [] and isinstance(loaded.record, Decision)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * (MAX_BYTES + 10) + b"\n")
    found = load_file(path).findings
    assert found[0].rule == "LOAD" and "过大" in found[0].message.zh


def test_unreadable_path_is_a_finding(tmp_path: Path) -> None:
    found = load_file(tmp_path / "missing.yaml").findings
    assert found[0].rule == "LOAD"


def test_messages_are_bilingual() -> None:
    for text in ("id: A\ntitle：x\n", MINIMAL + "launched:\n  date: 2020-13-01\n", "- a\n", MINIMAL + "x: 1\n"):
        for finding in load_text(text).findings:
            assert finding.message.zh and finding.message.en, finding


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_no_bytes_make_the_loader_raise(data: bytes) -> None:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".yaml") as handle:
        handle.write(data)
        handle.flush()
        loaded = load_file(Path(handle.name))
    assert loaded.record is not None or loaded.findings


_yaml_atoms = st.sampled_from(
    [
        "id",
        "title",
        "steps",
        "meetings",
        ":",
        "：",
        "，",
        "- ",
        "  ",
        "\n",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "'",
        '"',
        "2020-02-30",
        "是",
        "no",
        "on",
        "~",
        "!!python/object",
        "\t",
        "#",
        "---",
        "%YAML 1.1",
        "？",
        "\ufeff",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_yaml_atoms | st.text(max_size=8), max_size=60).map("".join))
def test_no_yaml_like_text_makes_the_loader_raise(text: str) -> None:
    loaded = load_text(MINIMAL + text)
    assert loaded.record is not None or loaded.findings
