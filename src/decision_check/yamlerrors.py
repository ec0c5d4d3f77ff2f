"""Files that are not valid YAML: libyaml's error phrases in Chinese, and the LOAD findings that point
at the exact place (a full-width ``：`` or ``，`` that broke the YAML, a tab in the indentation).

The English message keeps libyaml's own text; the Chinese one translates the phrases libyaml uses
(context and problem) and keeps the untranslatable remainder (quoted characters, marks) as it is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

from decision_check.findings import Finding, Span
from decision_check.i18n import Text
from decision_check.schema_findings import file_finding

if TYPE_CHECKING:
    from decision_check.loader import LoadedFile

LOAD = "LOAD"

# Longest phrases first: "mapping values are not allowed in this context" before "... here".
_PHRASES: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed in this context", "此处不能出现“键: 值”（常见原因：文字里有未加引号的“: ”）"),
    ("mapping values are not allowed here", "此处不能出现“键: 值”（常见原因：文字里有未加引号的“: ”，或缩进不对）"),
    ("could not find expected ':'", "找不到应有的冒号“:”"),
    ("did not find expected key", "找不到应有的键（常见原因：缩进不齐）"),
    ("did not find expected '-' indicator", "找不到列表项开头的“-”（常见原因：缩进不齐）"),
    ("did not find expected ',' or '}'", "缺少“,”或“}”"),
    ("did not find expected ',' or ']'", "缺少“,”或“]”"),
    ("did not find expected node content", "缺少应有的内容"),
    (
        "found character that cannot start any token",
        "出现了不能开始任何内容的字符（常见原因：制表符 Tab、“@”或“`”开头）",
    ),
    ("found unexpected end of stream", "文件意外结束（常见原因：引号或括号没有成对）"),
    ("found unexpected ':'", "出现了多余的冒号“:”"),
    ("found undefined alias", "引用了未定义的锚点（*名称）"),
    ("found unknown escape character", "出现了无法识别的转义字符（双引号中的“\\”）"),
    ("expected <block end>, but found", "缩进层次不对：这里本应结束上一层，却出现了"),
    ("expected <document start>, but found", "文档开头不对：出现了"),
    ("while scanning a simple key", "读取一个键时"),
    ("while scanning a quoted scalar", "读取带引号的文字时"),
    ("while scanning a plain scalar", "读取文字时"),
    ("while scanning an alias", "读取锚点引用时"),
    ("while scanning an anchor", "读取锚点时"),
    ("while scanning a block scalar", "读取多行文字时"),
    ("while scanning a directive", "读取指令时"),
    ("while scanning a tag", "读取标签时"),
    ("while scanning for the next token", "读取下一项内容时"),
    ("while parsing a block mapping", "解析“键: 值”映射时"),
    ("while parsing a block collection", "解析列表时"),
    ("while parsing a flow mapping", "解析 {…} 映射时"),
    ("while parsing a flow sequence", "解析 […] 列表时"),
    ("while parsing a block node", "解析内容时"),
    ("while parsing a flow node", "解析内容时"),
    ("while parsing a node", "解析内容时"),
)
_TOKENS = {
    "<block mapping start>": "新的映射",
    "<block sequence start>": "新的列表",
    "<block end>": "一层结束",
    "<scalar>": "文字",
    "<stream end>": "文件结尾",
    "<block mapping end>": "映射结束",
}
_TOKEN = re.compile("|".join(re.escape(t) for t in _TOKENS))


def translate(detail: str) -> str:
    """``detail`` (libyaml's context and problem, ``; ``-joined) with its known phrases in Chinese."""
    out = detail
    for english, chinese in _PHRASES:
        out = out.replace(english, chinese)
    out = _TOKEN.sub(lambda m: _TOKENS[m.group(0)], out)
    return out.replace("; ", "；")


# ----------------------------------------------------------------- findings of a file that is not YAML

_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:#：，'\"\[\]{}][^:#：]*?)(：)")
_FULLWIDTH_COMMA = re.compile(r"^[^#]*\[[^\]]*(，)")


def reader_finding(text: str, exc: yaml.reader.ReaderError, loaded: LoadedFile) -> Finding:
    """A character YAML refuses (NUL, other control characters), at its line and column."""
    position = exc.position if isinstance(exc.position, int) else 0
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return file_finding(
        loaded,
        LOAD,
        Span(line, column, line, column + 1),
        Text(
            f"第 {line} 行第 {column} 列有 YAML 不允许的控制字符 U+{code:04X}",
            f"line {line}, column {column}: control character U+{code:04X} is not allowed in YAML",
        ),
        Text("删去该不可见字符；确需写入的，用双引号字符串中的转义（如 \\t）", "remove the invisible character"),
    )


def syntax_finding(text: str, exc: yaml.MarkedYAMLError, loaded: LoadedFile) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.splitlines()
    # A full-width colon makes a key line a plain scalar; libyaml then fails on that line or the next.
    for candidate in range(min(line, len(lines)), max(0, line - 3), -1):
        found = _fullwidth_at(lines[candidate - 1], candidate)
        if found is not None:
            span, char, name = found
            return file_finding(
                loaded,
                LOAD,
                span,
                Text(
                    f"第 {span.line} 行使用了全角{name}“{char}”，YAML 无法识别",
                    f"line {span.line} uses a full-width {'colon' if char == '：' else 'comma'} "
                    f"'{char}' that YAML does not recognise",
                ),
                Text(
                    f"把“{char}”改为半角“{':' if char == '：' else ','}”{'并在其后加一个空格' if char == '：' else ''}",
                    f"replace '{char}' with an ASCII '{':' if char == '：' else ','}'"
                    f"{' followed by a space' if char == '：' else ''}",
                ),
            )
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    detail = "; ".join(p for p in (context, problem) if p)
    from decision_check.loader import SUFFIXES  # the loader imports this module

    if loaded.path.suffix and loaded.path.suffix.lower() not in SUFFIXES:  # a file given explicitly
        return file_finding(
            loaded,
            LOAD,
            Span(line, column, line, column + 1),
            Text(
                f"这不是 YAML 文件（扩展名 {loaded.path.suffix}），不能作为决策档案读取",
                f"not a YAML file ({loaded.path.suffix}): cannot be read as a record"
                f" (YAML error at {line}:{column}: {detail})",
            ),
            Text(
                "只给出决策档案（.yaml / .yml 文件）或它们所在的文件夹", "give record files (.yaml / .yml) or folders"
            ),
        )
    return file_finding(
        loaded,
        LOAD,
        Span(line, column, line, column + 1),
        Text(
            f"YAML 语法错误（第 {line} 行第 {column} 列）：{translate(detail)}",
            f"YAML syntax error at {line}:{column}: {detail}",
        ),
        _tab_hint(lines, line)
        or Text(
            "检查该行及上一行的缩进、冒号后的空格和引号是否成对",
            "check indentation, the space after each colon and matching quotes on this line and the one above",
        ),
    )


def _fullwidth_at(line_text: str, line: int) -> tuple[Span, str, str] | None:
    key = _FULLWIDTH_KEY.match(line_text)
    if key is not None and ":" not in line_text[: key.start(3)]:
        col = key.start(3) + 1
        return Span(line, col, line, col + 1), "：", "冒号"
    comma = _FULLWIDTH_COMMA.match(line_text)
    if comma is not None:
        col = comma.start(1) + 1
        return Span(line, col, line, col + 1), "，", "逗号"
    return None


def fullwidth_hint(text: str, line: int) -> Text | None:
    lines = text.splitlines()
    if 0 < line <= len(lines) and _fullwidth_at(lines[line - 1], line):
        return Text("该行使用了全角冒号“：”，请改为半角“: ”", "the line uses a full-width colon; write ': '")
    return None


def _tab_hint(lines: list[str], line: int) -> Text | None:
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return Text("YAML 不允许用 Tab 缩进，请改用空格", "YAML does not allow tabs for indentation: use spaces")
    return None
