"""YAML syntax errors are told in Chinese (libyaml's text kept in English); a non-YAML file says so."""

from __future__ import annotations

from pathlib import Path

from decision_check.loader import load_file
from decision_check.yamlerrors import translate


def _load_message(tmp_path: Path, name: str, text: str) -> tuple[str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path)
    finding = next(f for f in loaded.findings if f.rule == "LOAD")
    return finding.message.zh, finding.message.en


def test_syntax_error_in_chinese_keeps_english(tmp_path: Path) -> None:
    zh, en = _load_message(tmp_path, "a.yaml", "id: x\ntitle: 污水: 管网\n")
    assert "YAML 语法错误（第 2 行" in zh and "此处不能出现“键: 值”" in zh and "mapping values" not in zh
    assert "mapping values are not allowed" in en


def test_unclosed_quote_in_chinese(tmp_path: Path) -> None:
    zh, en = _load_message(tmp_path, "a.yaml", 'id: "x\ntitle: y\n')
    assert "读取带引号的文字时" in zh and "文件意外结束" in zh
    assert "while scanning a quoted scalar" in en


def test_non_yaml_file_given_explicitly(tmp_path: Path) -> None:
    zh, en = _load_message(tmp_path, "notes.md", "# 标题\n\n`code`: x\n@x\n")
    assert "这不是 YAML 文件（扩展名 .md）" in zh and "not a YAML file (.md)" in en


def test_translate_keeps_unknown_text() -> None:
    assert translate("while parsing a block mapping; expected <block end>, but found '<scalar>'") == (
        "解析“键: 值”映射时；缩进层次不对：这里本应结束上一层，却出现了 '文字'"
    )
    assert translate("something new") == "something new"
