"""libyaml's error phrases in Chinese, for the LOAD findings of files that are not valid YAML.

The English message keeps libyaml's own text; the Chinese one translates the phrases libyaml uses
(context and problem) and keeps the untranslatable remainder (quoted characters, marks) as it is.
"""

from __future__ import annotations

import re

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
