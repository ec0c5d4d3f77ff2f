"""YAML files → records, with a map from every data path to its place in the file.

The loader owns everything that can be wrong with a file *before* the law is applied, and turns each
problem into a finding with file, line and column — never an exception:

* unreadable or huge files, encodings other than UTF-8 (GBK/GB18030 and UTF-16 are named, with the
  command that converts them), empty files;
* YAML syntax errors, with a precise message when a full-width colon or comma (``：`` ``，``) broke
  the YAML; several documents in one file; alias bombs and runaway nesting;
* duplicate keys (YAML says they are an error; PyYAML silently keeps the last one);
* shape: the wrong kind, unknown keys (with did-you-mean), wrong types, impossible dates.

Scalars are resolved the YAML 1.2 way: only ``true``/``false``/``null`` are special; ``no``, ``on``,
``3.10`` and ``2020-03-01`` stay text until the model, which knows the expected type, converts them.
It uses libyaml's C composer, which keeps a line and column on every node at C speed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from decision_check.findings import Finding, Span
from decision_check.i18n import Text
from decision_check.models.records import Catalog, Decision, Organ
from decision_check.schema_findings import file_finding, validate_shape
from decision_check.schema_findings import format_path as format_path  # re-exported: data paths as reports write them
from decision_check.sourcemap import Locator, PathKey, SourceMap, span_of
from decision_check.yamlerrors import fullwidth_hint, reader_finding, syntax_finding

_BASE_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml: marks at C speed


class _YamlLoader(_BASE_LOADER):  # type: ignore[misc]
    """libyaml's composer without tag resolution: the models type every scalar, so the per-scalar
    Python ``resolve`` call of PyYAML (a third of the load time) is reduced to a constant."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]


_DEFAULT_TAGS: dict[type[yaml.Node], str] = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

MAX_BYTES = 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
SUFFIXES = (".yaml", ".yml")

LOAD = "LOAD"
SCHEMA = "SCHEMA"
DUP_ID = "DUP-ID"


# ------------------------------------------------------------------------------------------ results


@dataclass
class LoadedFile:
    """One file as loaded: its record (when its shape is valid), source map, and diagnostics."""

    file: str
    path: Path
    kind: str | None = None
    record: Decision | Catalog | Organ | None = None
    source: Locator = field(default_factory=SourceMap)  # SourceMap, or a FlatMap from the catalogue index
    findings: list[Finding] = field(default_factory=list)
    sha256: str = ""


# ------------------------------------------------------------------------------------- entry points


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every YAML file under ``paths`` (files are taken as given), sorted, hidden folders skipped."""
    for root in paths:
        if root.is_dir():
            yield from _walk(root)
        else:
            yield root


def _walk(folder: Path) -> Iterator[Path]:
    """The record files under ``folder`` in the order of ``sorted(folder.rglob(...))`` — one folder's
    names in memory at a time, not every path of the tree (100,000 paths are ~150 MB in a set and a
    sorted list). Symlinked folders are not entered (as ``rglob``); hidden names are skipped."""
    try:
        with os.scandir(folder) as entries:
            listing = sorted((e.name, _is_folder(e)) for e in entries if not e.name.startswith("."))
    except PermissionError:
        return
    for name, is_folder in listing:
        path = folder / name
        if is_folder:
            yield from _walk(path)
        elif name.lower().endswith(SUFFIXES) and path.is_file():
            yield path


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir() and not entry.is_symlink()
    except OSError:
        return False


def load_file(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Load one file. Never raises for anything in the file; every problem is a finding."""
    data, loaded = read_yaml(path, display, max_bytes=max_bytes)
    if data is not None:
        validate_shape(data, loaded)
    return loaded


def read_yaml(
    path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES
) -> tuple[dict[str, Any] | None, LoadedFile]:
    """Read and parse a YAML mapping with its source map, without validating it against a model.

    Returns ``None`` as data when the file could not be read as a mapping (see the findings).
    """
    loaded = LoadedFile(file=display or path.as_posix(), path=path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            loaded.findings.append(
                file_finding(
                    loaded,
                    LOAD,
                    Span(1, 1, 1, 1),  # the file as a whole
                    Text(
                        f"文件过大（{size:,} 字节，上限 {max_bytes:,} 字节）",
                        f"file too large ({size:,} bytes; the limit is {max_bytes:,})",
                    ),
                    Text(
                        "一个决策一个文件；证据材料请放在单独文件中并在 documents 中登记路径",
                        "keep one decision per file; register evidence files by path in `documents`",
                    ),
                )
            )
            return None, loaded
        raw = path.read_bytes()
    except OSError as exc:
        loaded.findings.append(
            file_finding(
                loaded,
                LOAD,
                Span(1, 1, 1, 1),
                Text(f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc.strerror or exc}"),
                Text("检查文件是否存在及读取权限", "check that the file exists and is readable"),
            )
        )
        return None, loaded
    loaded.sha256 = hashlib.sha256(raw).hexdigest()
    text = _decode(raw, loaded)
    if text is None:
        return None, loaded
    return _parse(text, loaded), loaded


def load_text(text: str, file: str = "<text>") -> LoadedFile:
    """Load YAML given as text (tests, editors, stdin)."""
    loaded = LoadedFile(file=file, path=Path(file))
    loaded.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    data = _parse(text, loaded)
    if data is not None:
        validate_shape(data, loaded)
    return loaded


# ----------------------------------------------------------------------------------------- encoding


_CONVERT = "iconv -f {enc} -t UTF-8 原文件 > 新文件（或在编辑器中“另存为 UTF-8”）"
_CONVERT_EN = "convert it: iconv -f {enc} -t UTF-8 old.yaml > new.yaml (or 'save as UTF-8' in an editor)"


def _decode(raw: bytes, loaded: LoadedFile) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        encoding = "UTF-16LE" if raw.startswith(b"\xff\xfe") or raw[1:2] == b"\x00" else "UTF-16BE"
        loaded.findings.append(
            file_finding(
                loaded,
                LOAD,
                Span(1, 1, 1, 1),
                Text(f"文件是 {encoding} 编码，应为 UTF-8", f"the file is {encoding}-encoded, not UTF-8"),
                Text(_CONVERT.format(enc="UTF-16"), _CONVERT_EN.format(enc="UTF-16")),
            )
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        span = Span(line, column, line, column + 1)
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            message = Text(
                f"文件不是 UTF-8 编码（第 {line} 行第 {column} 列起无法解码），也不是 GBK/GB18030",
                f"the file is not UTF-8 (undecodable from line {line}, column {column}), nor GBK/GB18030",
            )
            hint = Text("请用编辑器以 UTF-8 重新保存", "re-save the file as UTF-8")
        else:
            message = Text(
                f"文件是 GBK/GB18030 编码（第 {line} 行起），应为 UTF-8",
                f"the file is GBK/GB18030-encoded (from line {line}), not UTF-8",
            )
            hint = Text(_CONVERT.format(enc="GB18030"), _CONVERT_EN.format(enc="GB18030"))
        loaded.findings.append(file_finding(loaded, LOAD, span, message, hint))
        return None


# -------------------------------------------------------------------------------------------- YAML


class _TooBig(Exception):
    """Alias expansion or nesting beyond the limits."""


def _parse(text: str, loaded: LoadedFile) -> dict[str, Any] | None:
    if not text.strip():
        loaded.findings.append(
            file_finding(
                loaded,
                LOAD,
                Span(1, 1, 1, 1),
                Text("文件为空", "the file is empty"),
                Text(
                    "删除该文件，或用 decision-check new 生成模板",
                    "delete it, or scaffold one with `decision-check new`",
                ),
            )
        )
        return None
    try:
        node = yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as exc:
        loaded.findings.append(syntax_finding(text, exc, loaded))
        return None
    except yaml.reader.ReaderError as exc:  # a control character (NUL…) that YAML does not allow
        loaded.findings.append(reader_finding(text, exc, loaded))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its other errors
        loaded.findings.append(
            file_finding(loaded, LOAD, Span(1, 1, 1, 1), Text(f"YAML 错误：{exc}", f"YAML error: {exc}"))
        )
        return None
    if node is None:
        loaded.findings.append(
            file_finding(
                loaded, LOAD, Span(1, 1, 1, 1), Text("文件中没有内容（只有注释）", "the file holds only comments")
            )
        )
        return None
    loaded.source = SourceMap(node)
    builder = _Builder(loaded)
    try:
        data = builder.build(node, ())
    except _TooBig as exc:
        loaded.findings.append(
            file_finding(
                loaded,
                LOAD,
                span_of(node),
                Text(
                    f"文件结构过大或嵌套过深（{exc}），可能是 YAML 别名炸弹", f"structure too large or too deep ({exc})"
                ),
                Text("不要用别名（&/*）复制大段内容", "do not use anchors and aliases (&/*) to repeat content"),
            )
        )
        return None
    if not isinstance(data, dict):
        found = "列表" if isinstance(data, list) else "单个值"
        found_en = "a list" if isinstance(data, list) else "a single value"
        hint = fullwidth_hint(text, 1) or Text(
            "文件顶层应为“键: 值”的映射，例如 id: LH-2020-001",
            "the top level must be a mapping of `key: value` lines, e.g. `id: LH-2020-001`",
        )
        loaded.findings.append(
            file_finding(
                loaded,
                LOAD,
                span_of(node),
                Text(f"文件顶层是{found}，应为映射（键: 值）", f"the file is {found_en}, not a mapping of keys"),
                hint,
            )
        )
        return None
    return data


class _Builder:
    """Turns a composed node tree into plain data, reporting duplicate keys and enforcing limits."""

    __slots__ = ("count", "loaded")

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.count = 0

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(f"超过 {MAX_NODES:,} 个节点 / over {MAX_NODES:,} nodes")
        if len(path) > MAX_DEPTH:
            raise _TooBig(f"嵌套超过 {MAX_DEPTH} 层 / nested over {MAX_DEPTH} levels")
        if isinstance(node, yaml.ScalarNode):
            value: str = node.value
            # Plain scalars (libyaml marks them "", pure Python None) follow the YAML 1.2 core schema
            # for null and booleans only; everything else stays text until the model types it.
            if not node.style:
                if value in _NULLS:
                    return None
                if value in _TRUES:
                    return True
                if value in _FALSES:
                    return False
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        mapping: dict[str, Any] = {}
        first_keys: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.loaded.findings.append(
                    file_finding(
                        self.loaded,
                        SCHEMA,
                        span_of(key_node),
                        Text("键必须是简单文字，不能是列表或映射", "a key must be plain text, not a list or mapping"),
                        path=format_path(path),
                    )
                )
                continue
            key: str = key_node.value
            if key in first_keys:
                first = first_keys[key].start_mark.line + 1
                self.loaded.findings.append(
                    file_finding(
                        self.loaded,
                        SCHEMA,
                        span_of(key_node),
                        Text(
                            f"重复的键“{key}”（已在第 {first} 行出现）",
                            f"duplicate key '{key}' (already at line {first})",
                        ),
                        Text(
                            "删除或合并重复的键；以第一次出现的为准",
                            "remove or merge the duplicate; the first one is used",
                        ),
                        path=format_path((*path, key)),
                        item="duplicate",
                    )
                )
                continue
            first_keys[key] = key_node
            mapping[key] = self.build(value_node, (*path, key))
        return mapping


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))
