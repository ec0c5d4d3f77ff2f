"""The SARIF report against the parts of the SARIF 2.1.0 schema that consumers rely on.

The schema is not fetched (tests run without network): ``SARIF_SUBSET`` below writes down, from
the OASIS SARIF 2.1.0 schema (sarif-schema-2.1.0.json), the objects this reporter emits — their
required properties, the enumerations, the minimums and the rule that objects accept no property
the standard does not define (custom data goes into ``properties`` bags). ``_validate`` checks the
small JSON Schema vocabulary used here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from decision_check.findings import Finding, Result, Severity, Span
from decision_check.i18n import Lang, Text
from decision_check.reporters import ReportMeta
from decision_check.reporters.sarif import artifact_uri, camel_name, render

_MESSAGE_STRING = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "properties": {"type": "object"}},
    "additionalProperties": False,
}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_POSITIVE = {"type": "integer", "minimum": 1}

SARIF_SUBSET: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "pattern": r"^https?://"},
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "semanticVersion": {"type": "string"},
                                    "informationUri": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "name": {"type": "string"},
                                                "shortDescription": _MESSAGE_STRING,
                                                "fullDescription": _MESSAGE_STRING,
                                                "help": _MESSAGE_STRING,
                                                "helpUri": {"type": "string"},
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "enabled": {"type": "boolean"},
                                                        "level": _LEVEL,
                                                        "rank": {"type": "number"},
                                                        "parameters": {"type": "object"},
                                                        "properties": {"type": "object"},
                                                    },
                                                    "additionalProperties": False,
                                                },
                                                "properties": {"type": "object"},
                                            },
                                            "additionalProperties": False,
                                        },
                                    },
                                    "properties": {"type": "object"},
                                },
                                "additionalProperties": False,
                            },
                            "properties": {"type": "object"},
                        },
                        "additionalProperties": False,
                    },
                    "language": {"type": "string", "pattern": r"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"},
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": _LEVEL,
                                "message": {
                                    "type": "object",
                                    "required": ["text"],
                                    "properties": {
                                        "text": {"type": "string"},
                                        "markdown": {"type": "string"},
                                        "id": {"type": "string"},
                                        "arguments": {"type": "array"},
                                        "properties": {"type": "object"},
                                    },
                                    "additionalProperties": False,
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "properties": {
                                                            "uri": {"type": "string", "pattern": r"^[^\s\\]*$"},
                                                            "uriBaseId": {"type": "string"},
                                                            "index": {"type": "integer"},
                                                        },
                                                        "additionalProperties": False,
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": _POSITIVE,
                                                            "startColumn": _POSITIVE,
                                                            "endLine": _POSITIVE,
                                                            "endColumn": _POSITIVE,
                                                        },
                                                        "additionalProperties": False,
                                                    },
                                                },
                                                "additionalProperties": False,
                                            },
                                        },
                                        "additionalProperties": False,
                                    },
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "suppressions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["kind"],
                                        "properties": {
                                            "kind": {"enum": ["inSource", "external"]},
                                            "status": {"enum": ["accepted", "underReview", "rejected"]},
                                            "justification": {"type": "string"},
                                            "guid": {"type": "string"},
                                            "properties": {"type": "object"},
                                        },
                                        "additionalProperties": False,
                                    },
                                },
                                "properties": {"type": "object"},
                            },
                            "additionalProperties": False,
                        },
                    },
                    "properties": {"type": "object"},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


def _validate(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Errors of ``value`` against ``schema`` (type, enum, required, properties,
    additionalProperties, items, uniqueItems, minimum, pattern)."""
    errors: list[str] = []
    if "type" in schema and not _TYPES[schema["type"]](value):
        return [f"{where}: expected {schema['type']}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        errors.extend(f"{where}: missing {key}" for key in schema.get("required", []) if key not in value)
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                errors.extend(_validate(item, properties[key], f"{where}.{key}"))
            elif extra is False:
                errors.append(f"{where}: property {key!r} is not defined by SARIF 2.1.0")
            elif isinstance(extra, dict):
                errors.extend(_validate(item, extra, f"{where}.{key}"))
    if isinstance(value, list):
        if schema.get("uniqueItems"):
            dumped = [json.dumps(v, sort_keys=True) for v in value]
            if len(set(dumped)) != len(dumped):
                errors.append(f"{where}: items are not unique")
        if "items" in schema:
            for position, item in enumerate(value):
                errors.extend(_validate(item, schema["items"], f"{where}[{position}]"))
    return errors


def test_validator_catches_what_it_should() -> None:
    bad = {"version": "2.0.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "info", "oops": 1}]}]}
    errors = _validate(bad, SARIF_SUBSET)
    assert any("2.0.0" in e for e in errors)
    assert any("missing name" in e for e in errors)
    assert any("'info'" in e for e in errors)
    assert any("'oops'" in e for e in errors)
    assert any("missing message" in e for e in errors)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_follows_the_schema(result: Result, meta_for: Callable[..., ReportMeta], lang: Lang) -> None:
    log = json.loads(render(result, meta_for(lang)))
    assert _validate(log, SARIF_SUBSET) == []
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(log["runs"]) == 1


def test_every_result_points_at_its_rule(result: Result, meta: ReportMeta) -> None:
    run = json.loads(render(result, meta))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids)), "one entry per rule id"
    assert {r.id for r in meta.rules} | {"LOAD", "SCHEMA", "DUP-ID", "REG-00", "WAIVER"} <= set(ids)
    assert run["results"]
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]


def test_results_carry_fingerprints_levels_and_suppressions(result: Result, meta: ReportMeta) -> None:
    run = json.loads(render(result, meta))["runs"][0]
    findings = result.sorted_findings()
    assert len(run["results"]) == len(findings)
    for finding, item in zip(findings, run["results"], strict=True):
        assert item["partialFingerprints"] == {"decisionCheck/v1": finding.fingerprint}
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.value]
        assert item["message"]["text"] == finding.message.zh
        assert [c["text"] for c in item["properties"]["citations"]] == [c.text for c in finding.citations]
        if finding.waived:
            (suppression,) = item["suppressions"]
            assert suppression["kind"] == "inSource"
            assert finding.waiver_reason and finding.waiver_reason in suppression["justification"]
            assert finding.waiver_basis and finding.waiver_basis in suppression["justification"]
        else:
            assert "suppressions" not in item
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in run["tool"]["driver"]["rules"]}
    assert levels["PP-05"] == "note"
    assert levels["REG-00"] == "note"
    assert levels["PUB-02"] == "warning"


def test_rule_descriptors(result: Result, meta_for: Callable[..., ReportMeta]) -> None:
    zh = {r["id"]: r for r in json.loads(render(result, meta_for("zh")))["runs"][0]["tool"]["driver"]["rules"]}
    en = {r["id"]: r for r in json.loads(render(result, meta_for("en")))["runs"][0]["tool"]["driver"]["rules"]}
    assert zh["PP-03"]["name"] == en["PP-03"]["name"] == "CommentPeriod"
    assert zh["PP-03"]["shortDescription"]["text"] == "征求意见期限"
    assert en["PP-03"]["shortDescription"]["text"] == "Comment period"
    assert zh["PP-03"]["help"]["text"] == "《重大行政决策程序暂行条例》第十五条第一款"
    assert "informationUri" not in json.loads(render(result, meta_for("zh")))["runs"][0]["tool"]["driver"]


def test_a_rule_missing_from_the_rule_book_still_gets_an_index(meta_for: Callable[..., ReportMeta]) -> None:
    finding = Finding("NEW-01", Severity.WARNING, "d.yaml", Span(2, 1, 2, 5), "x", Text("问题", "problem"))
    bare = ReportMeta(lang="zh")
    run = json.loads(render(Result(files=1, findings=[finding]), bare))["runs"][0]
    (item,) = run["results"]
    assert run["tool"]["driver"]["rules"][item["ruleIndex"]]["id"] == "NEW-01"
    assert _validate({"version": "2.1.0", "runs": [run]}, SARIF_SUBSET) == []


def test_a_finding_without_a_place_points_at_line_one() -> None:
    finding = Finding("LOAD", Severity.ERROR, "d.yaml", None, "", Text("读不了", "unreadable"))
    run = json.loads(render(Result(files=1, findings=[finding]), ReportMeta()))["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("decisions/2020/LH-2020-003.yaml", "decisions/2020/LH-2020-003.yaml"),
        ("decisions/2020/a b,副本.yaml", "decisions/2020/a%20b,%E5%89%AF%E6%9C%AC.yaml"),
        ("decisions\\2020\\x.yaml", "decisions/2020/x.yaml"),
        ("/srv/town/d.yaml", "file:///srv/town/d.yaml"),
        ("C:\\town\\d.yaml", "file:///C:/town/d.yaml"),
        ("100%.yaml", "100%25.yaml"),
    ],
)
def test_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


@pytest.mark.parametrize(
    ("title", "name"),
    [("Comment period", "CommentPeriod"), ("notice: draft & explanation", "NoticeDraftExplanation"), ("", "X-1")],
)
def test_camel_name(title: str, name: str) -> None:
    assert camel_name(title, "X-1") == name
