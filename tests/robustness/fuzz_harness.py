"""Schema-driven fuzzing of loader + engine (issue 13): strategies, and the property every input must keep.

Used by ``tests/robustness/test_fuzz.py`` (a few hundred examples in the normal run) and by
``benchmarks/fuzz.py`` (100,000 and more). Inputs are record texts made two ways:

* **schema**: a bundled record with one of its parts (a top-level key, or one step) replaced by a
  value hypothesis-jsonschema draws from that part of ``decision-check schema``;
* **mutations**: a bundled record (``decisions/`` and the rule-case base) with one to four edits:
  deleted and extra keys, wrong types, odd Unicode, NUL and control characters, very long strings,
  impossible dates (2020-02-30), negative counts, self-referencing documents; sometimes raw text
  damage after dumping.

:func:`check_text` judges one input the way ``validate`` does, but *without* its per-file crash
guard, so that a crash reaches Hypothesis (which shrinks it); it then asserts that every finding has
a rule id, a file and a line, and that the JSON report is valid JSON with the documented keys.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from decision_check import validate as validation
from decision_check.checks import REGISTRY
from decision_check.checks.base import Corpus
from decision_check.crash import INTERNAL
from decision_check.engine import Engine, EngineOptions, finalize
from decision_check.findings import Result
from decision_check.models.records import Decision
from decision_check.models.validator_cache import json_schema
from decision_check.reporters import ReportMeta
from decision_check.reporters.json_report import render_chunks
from decision_check.rulesets import load_rulebook

ROOT = Path(__file__).resolve().parents[2]
REGRESSIONS = ROOT / "tests" / "examples" / "fuzz_regressions"
REPORT_KEYS = ["version", "tool", "as_of", "summary", "overrides", "decisions", "findings"]
FINDING_KEYS = {"rule", "severity", "file", "line", "message"}
RECORD_NAME = "fuzz.yaml"


# ------------------------------------------------------------------------------------- the judge


@cache
def _engine() -> Engine:
    book = load_rulebook()
    organs, catalogs, _unreadable, _broken = validation._context_facts([ROOT / "decisions"], set(), ROOT)
    corpus = Corpus(organs=organs, catalogs=catalogs, root=ROOT)
    return Engine(book, EngineOptions(as_of=date(2021, 6, 30)), corpus)


def check_text(text: str | bytes, folder: Path) -> Result:
    """Load and judge one record text; raise ``AssertionError`` when the checker misbehaves."""
    engine = _engine()
    path = folder / RECORD_NAME
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    item = validation._judge_file(engine, path, RECORD_NAME)  # no crash guard: exceptions escape
    result = Result(files=1, as_of=date(2021, 6, 30))
    result.findings.extend(item.findings)
    if item.outcome is not None:
        result.decisions.append(item.outcome)
    result.findings.extend(finalize(item.candidates, REGISTRY, engine.book))
    for finding in result.findings:
        assert finding.rule and finding.rule != INTERNAL, finding
        assert finding.file == RECORD_NAME, finding
        assert finding.span is not None and finding.span.line >= 1, f"finding without a line: {finding}"
    for lang in ("zh", "en"):
        report = json.loads("".join(render_chunks(result, ReportMeta(lang=lang, version="fuzz"))))
        assert list(report) == REPORT_KEYS, list(report)
        for entry in report["findings"]:
            assert set(entry) >= FINDING_KEYS, entry
            assert isinstance(entry["line"], int) and entry["line"] >= 1, entry
    return result


# ------------------------------------------------------------------------------------- the inputs


@cache
def bundled_records() -> tuple[dict[str, Any], ...]:
    """The decision records shipped with the project, parsed (dates as ISO strings)."""
    paths = [*sorted((ROOT / "decisions").rglob("*.yaml")), ROOT / "tests/rule_cases/_base/longhe/decision.yaml"]
    records = []
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if isinstance(data, dict) and data.get("kind", "decision") == "decision" and "steps" in data:
            records.append(json.loads(json.dumps(data, default=str, ensure_ascii=False)))
    return tuple(records)


@cache
def _schema() -> dict[str, Any]:
    return json_schema(Decision)


def _parts() -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """(place in a record, its JSON Schema): every top-level key, and every step separately."""
    schema = _schema()
    defs = schema["$defs"]
    parts: list[tuple[tuple[str, ...], dict[str, Any]]] = []
    for name, sub in schema["properties"].items():
        if name == "steps":
            continue
        parts.append(((name,), {**sub, "$defs": defs}))
    steps_ref = schema["properties"]["steps"]
    ref = steps_ref.get("$ref") or next(x["$ref"] for x in steps_ref.get("anyOf", []) if "$ref" in x)
    steps = defs[ref.rsplit("/", 1)[-1]]
    for name, sub in steps["properties"].items():
        parts.append((("steps", name), {**sub, "$defs": defs}))
    return parts


@cache
def _part_strategies() -> tuple[tuple[tuple[str, ...], st.SearchStrategy[Any]], ...]:
    """One hypothesis-jsonschema strategy per part, built once (building one costs more than drawing)."""
    from hypothesis_jsonschema import from_schema

    return tuple((place, from_schema(schema)) for place, schema in _parts())


@st.composite
def schema_records(draw: st.DrawFn) -> str:
    """A bundled record with one part drawn from its JSON Schema."""
    record = json.loads(json.dumps(draw(st.sampled_from(bundled_records()))))
    place, strategy = draw(st.sampled_from(_part_strategies()))
    value = draw(strategy)
    target = record
    for key in place[:-1]:
        target = target.setdefault(key, {})
        if not isinstance(target, dict):
            return _dump(record)
    target[place[-1]] = value
    return _dump(record)


_ODD = st.sampled_from(
    [
        "\x00",
        "x\x00y",
        "\x01\x02\x1b[31m",
        "\u202e",
        "\ufeff",
        "\u200b",
        "𠀀𪚥",
        "é",
        "ｋｉｎｄ",
        "\u3000",
        "：",
        "*alias",
        "&anchor",
        "!!python/object:os.system",
        "{{doc}}",
        "{path}",
        "%s",
        "../../etc/passwd",
        "/etc/passwd",
        "C:\\x",
        "2020-02-30",
        "2020-13-01",
        "0000-00-00",
        "2020-2-3",
        "二〇二〇年二月三十日",
        "9999-12-31",
        "null",
        "~",
        "yes",
        "NaN",
        "-1",
        "1e309",
        "",
        " ",
    ]
)
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
_SCALARS = st.one_of(
    _ODD,
    _TEXT,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=-1),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=1000, max_value=200_000).map(lambda n: "长" * n),
    st.dates().map(str),
)
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=8
)


def _places(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_places(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_places(value, (*prefix, index)))
    return out


def _parent(record: Any, place: tuple[Any, ...]) -> Any:
    for key in place[:-1]:
        record = record[key]
    return record


@st.composite
def mutated_records(draw: st.DrawFn) -> str | bytes:
    """A bundled record with one to four hostile edits (and sometimes damaged text)."""
    record: Any = json.loads(json.dumps(draw(st.sampled_from(bundled_records()))))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = _places(record)
        place = draw(st.sampled_from(places))
        operation = draw(st.sampled_from(["replace", "replace", "delete", "extra", "self", "count", "date"]))
        if not place:
            if operation == "replace":
                record = draw(_VALUES)
            continue
        parent = _parent(record, place)
        key = place[-1]
        try:
            if operation == "delete":
                del parent[key]
            elif operation == "extra" and isinstance(parent, dict):
                parent[draw(_TEXT | _ODD)] = draw(_VALUES)
            elif operation == "self":
                _self_reference(record, draw)
            elif operation == "count":
                parent[key] = draw(st.integers(min_value=-(10**9), max_value=-1) | st.just(0) | st.just(10**12))
            elif operation == "date":
                parent[key] = draw(
                    st.sampled_from(["2020-02-30", "2021-02-29", "2020-04-31", "1899-12-31", "2020-00-10"])
                )
            else:
                parent[key] = draw(_VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    text = _dump(record)
    damage = draw(st.sampled_from(["none", "none", "none", "insert", "cut", "bytes"]))
    if damage == "insert":
        at = draw(st.integers(min_value=0, max_value=len(text)))
        return text[:at] + draw(_ODD | _TEXT) + text[at:]
    if damage == "cut":
        return text[: draw(st.integers(min_value=0, max_value=len(text)))]
    if damage == "bytes":
        raw = text.encode("utf-8")
        at = draw(st.integers(min_value=0, max_value=len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return text


def _self_reference(record: Any, draw: st.DrawFn) -> None:
    """Documents that point at the record itself, at each other, or at their own ids."""
    if not isinstance(record, dict):  # an earlier edit replaced the whole record (a list, a scalar)
        return
    documents = record.get("documents")
    if not isinstance(documents, list) or not documents or not isinstance(documents[0], dict):
        record["documents"] = [{"id": "D1", "type": "draft", "title": "x", "date": "2020-01-01", "path": RECORD_NAME}]
        return
    first = documents[0]
    choice = draw(st.sampled_from(["path", "dup", "existing", "sha", "dir"]))
    if choice == "path":
        first["path"] = RECORD_NAME
    elif choice == "dup":
        documents.append(dict(first))
    elif choice == "existing" and isinstance(record.get("steps"), dict):
        record["steps"]["risk_assessment"] = {"existing": first.get("id")}
    elif choice == "sha":
        first["path"] = "decisions"
        first["sha256"] = "0" * 64
    else:
        first["path"] = "."


def _dump(record: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: ten times faster
    return yaml.dump(record, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10**6)


def inputs(mutations_per_schema_input: int = 4) -> st.SearchStrategy[str | bytes]:
    """Mostly mutations (cheap); one schema-drawn input per ``mutations_per_schema_input`` of them."""
    strategies: list[st.SearchStrategy[str | bytes]] = [mutated_records()] * mutations_per_schema_input
    return st.one_of(*strategies, schema_records())
