"""Rule-set files → a compiled :class:`~decision_check.rulesets.book.RuleBook`, or a clear error.

This module owns reading the rule-set files (bundled and a project's own), validating them against
:mod:`decision_check.rulesets.schema`, and compiling them: ``extends`` (inherited parameters and
rules, cycles), parameters that may only be tightened, rules patched over inherited ones, checks
looked up in the registry with their options validated, ``when`` conditions compiled, and the
honesty rule for error-level rules. Every problem is a
:class:`~decision_check.errors.RuleSetError` naming the file, line and rule, Chinese first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from decision_check.checks import REGISTRY
from decision_check.checks.base import CheckDef, Options
from decision_check.errors import RuleSetError
from decision_check.findings import Severity
from decision_check.i18n import EMPTY, Text
from decision_check.loader import format_path, read_yaml
from decision_check.models.validator_cache import ValidationError, validate
from decision_check.predicates import compile_predicates
from decision_check.rulesets.book import Article, Outcome, Param, Rule, RuleBook, RuleSet, _freeze
from decision_check.rulesets.files import JURISDICTIONS_FILE, shown_path
from decision_check.rulesets.schema import JurisdictionsSpec, RuleSetSpec, RuleSpec
from decision_check.sourcemap import Locator

_M = TypeVar("_M", bound=BaseModel)


def _load(files: Sequence[Path]) -> RuleBook:
    specs: dict[str, tuple[RuleSetSpec, Locator, str, str]] = {}
    jurisdictions: dict[str, list[str]] = {}
    for path in files:
        data, source, file = _read(path)
        if path.name == JURISDICTIONS_FILE:
            parsed = _validated(JurisdictionsSpec, data, source, file, None)
            jurisdictions.update(parsed.jurisdictions)
            continue
        spec = _validated(RuleSetSpec, data, source, file, None)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if spec.id in specs:
            if specs[spec.id][3] == digest:
                continue
            raise RuleSetError(
                f"{file}: 规则集 {spec.id} 与 {specs[spec.id][2]} 重复；扩展已有规则集请另起 id 并写 extends",
                f"{file}: rule set {spec.id} duplicates {specs[spec.id][2]}; use a new id with `extends`",
            )
        specs[spec.id] = (spec, source, file, digest)
    book = RuleBook(jurisdictions=jurisdictions)
    for set_id in specs:
        _compile(set_id, specs, book, ())
    for name, members in jurisdictions.items():
        for member in members:
            if member not in book.sets:
                raise RuleSetError(
                    f"管辖 {name} 引用了不存在的规则集 {member}",
                    f"jurisdiction {name} names an unknown rule set {member}",
                )
    return book


def _read(path: Path) -> tuple[dict[str, Any], Locator, str]:
    file = shown_path(path)
    data, loaded = read_yaml(path)
    if data is None:
        first = loaded.findings[0] if loaded.findings else None
        where = f"{file}:{first.line}" if first else file
        raise RuleSetError(
            f"{where}: 规则集文件无法读取：{first.message.zh if first else ''}",
            f"{where}: cannot read the rule-set file: {first.message.en if first else ''}",
        )
    if loaded.findings:
        first = loaded.findings[0]
        raise RuleSetError(f"{file}:{first.line}: {first.message.zh}", f"{file}:{first.line}: {first.message.en}")
    return data, loaded.source, file


def _validated(model: type[_M], data: Any, source: Locator, file: str, prefix: tuple[str | int, ...] | None) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = (*(prefix or ()), *error["loc"])
        span = source.locate(loc)
        line = span.line if span else 1
        raise RuleSetError(
            f"{file}:{line}: {format_path(loc)}：{error['msg']}",
            f"{file}:{line}: {format_path(loc)}: {error['msg']}",
        ) from None


def _compile(
    set_id: str,
    specs: Mapping[str, tuple[RuleSetSpec, Locator, str, str]],
    book: RuleBook,
    chain: tuple[str, ...],
) -> RuleSet:
    if set_id in book.sets:
        return book.sets[set_id]
    spec, source, file, digest = specs[set_id]
    if set_id in chain:
        raise RuleSetError(f"{file}: extends 循环：{' → '.join((*chain, set_id))}", f"{file}: extends cycle")
    params: dict[str, Param] = {}
    rules: dict[str, Rule] = {}
    for parent_id in spec.extends:
        if parent_id not in specs:
            raise RuleSetError(
                f"{file}: extends 引用了不存在的规则集 {parent_id}",
                f"{file}: extends names unknown rule set {parent_id}",
            )
        parent = _compile(parent_id, specs, book, (*chain, set_id))
        params.update(parent.params)
        rules.update(parent.rules)
    for name, param_spec in spec.params.items():
        line = _line(source, ("params", name))
        if param_spec.min and param_spec.max:
            raise RuleSetError(
                f"{file}:{line}: 参数 {name} 不能同时为 min 和 max", f"{file}:{line}: {name}: min and max"
            )
        direction: Literal["min", "max", "exact"] = "min" if param_spec.min else "max" if param_spec.max else "exact"
        param = Param(name, param_spec.value, direction)
        inherited = params.get(name)
        if inherited is not None and param.loosens(inherited):
            raise RuleSetError(
                f"{file}:{line}: 参数 {name} = {param.value} 比所扩展规则集的 {inherited.value} 宽松；下级只能从严",
                f"{file}:{line}: parameter {name} = {param.value} loosens the inherited {inherited.value}; "
                "a rule set may only tighten",
            )
        params[name] = param
    instrument = spec.instrument or spec.title.strip("《》")
    seen: set[str] = set()
    for index, rule_spec in enumerate(spec.rules):
        where = ("rules", index)
        line = _line(source, where)
        if rule_spec.id in seen:
            raise RuleSetError(
                f"{file}:{line}: 规则 {rule_spec.id} 重复", f"{file}:{line}: duplicate rule id {rule_spec.id}"
            )
        seen.add(rule_spec.id)
        base = rules.get(rule_spec.id)
        rules[rule_spec.id] = _compile_rule(rule_spec, base, spec, params, source, file, where, line)
    articles = tuple(Article(a.number, a.title, a.checkable, a.confidence, a.reason) for a in spec.articles)
    rule_set = RuleSet(
        id=spec.id,
        title=spec.title,
        instrument=instrument,
        source=spec.source,
        level=spec.level,
        in_force_from=spec.in_force.from_,
        in_force_to=spec.in_force.to,
        applies_to=dict(spec.applies_to),
        reference_article=spec.reference_article,
        extends=tuple(spec.extends),
        params=params,
        articles=articles,
        rules=rules,
        file=file,
        digest=digest,
    )
    book.sets[set_id] = rule_set
    return rule_set


def _line(source: Locator, path: tuple[str | int, ...]) -> int:
    span = source.locate(path)
    return span.line if span else 1


def _compile_rule(
    spec: RuleSpec,
    base: Rule | None,
    set_spec: RuleSetSpec,
    params: Mapping[str, Param],
    source: Locator,
    file: str,
    where: tuple[str | int, ...],
    line: int,
) -> Rule:
    """A full rule definition, or a patch over the inherited rule of the same id."""

    def fail(zh: str, en: str, sub: tuple[str | int, ...] = ()) -> RuleSetError:
        at = _line(source, (*where, *sub)) if sub else line
        return RuleSetError(f"{file}:{at}: 规则 {spec.id}：{zh}", f"{file}:{at}: rule {spec.id}: {en}")

    if base is None and (spec.check is None or spec.title is None or spec.step is None):
        raise fail("新规则须有 title、step 和 check", "a new rule needs title, step and check")
    own_citations = tuple(c.citation() for c in spec.citations)
    own_on_findings = tuple(c.citation() for c in spec.citations if c.on_findings)
    if base is not None:
        if spec.severity is not None and spec.severity.rank < base.severity.rank:
            raise fail(
                f"不能把严重程度从 {base.severity.value} 降为 {spec.severity.value}（降低须在配置中写明理由）",
                f"cannot lower severity from {base.severity.value} to {spec.severity.value} "
                "(lowering is a configuration override with a reason)",
                ("severity",),
            )
        if spec.waivable is True and not base.waivable:
            raise fail("不可豁免的规则不能改为可豁免", "a non-waivable rule cannot be made waivable", ("waivable",))
    check_raw = spec.check if spec.check is not None else None
    if check_raw is not None:
        name = check_raw.get("name")
        check_def = REGISTRY.get(str(name))
        if check_def is None:
            known = "、".join(sorted(REGISTRY))
            raise fail(f"未知的检查函数“{name}”；可用：{known}", f"no such check: {name!r}", ("check",))
        options = {k: v for k, v in check_raw.items() if k != "name"}
    else:
        assert base is not None
        check_def, options = base.check, dict(base.options)
    validated, options_key = _validate_options(check_def, options, params, fail)
    when = tuple(spec.when) if spec.when is not None else (base.when if base else ())
    try:
        predicates = compile_predicates(when)
    except ValueError as exc:
        raise fail(f"条件无效：{exc}", f"invalid condition: {exc}", ("when",)) from None
    severity = spec.severity or (base.severity if base else Severity.ERROR)
    citations = (base.citations if base else ()) + own_citations
    finding_citations = (base.cites_on_findings if base else ()) + own_on_findings
    if not citations:
        raise fail("缺少法律依据（citations）", "no citation", ("citations",))
    basis = spec.basis_kind or (base.basis_kind if base else "statute")
    honest = basis in ("statute", "standard") and any(c.confidence != "unconfirmed" for c in citations)
    if severity is Severity.ERROR and not honest:
        raise fail(
            "依据为本地做法、参照标准或未经核实的条文的规则，最高只能是 warning",
            "a rule resting on practice, a proxy or unconfirmed articles can be at most a warning",
            ("severity",),
        )
    if check_def.subject == "catalog" and spec.step not in (None, "catalog"):
        raise fail("目录检查的 step 应为 catalog", "a catalogue check needs step: catalog", ("step",))
    message = spec.message.text() if spec.message else (base.message if base else EMPTY)
    if not message:
        raise fail("缺少 message", "no message", ())
    outcomes: dict[str, Outcome] = dict(base.outcomes) if base else {}
    hint = spec.hint.text() if spec.hint else (base.hint if base else EMPTY)
    for name, outcome_spec in spec.outcomes.items():
        previous = outcomes.get(name)
        outcome_severity = outcome_spec.severity or (previous.severity if previous else severity)
        outcomes[name] = Outcome(
            severity=outcome_severity,
            message=outcome_spec.message.text()
            if outcome_spec.message
            else (previous.message if previous else message),
            hint=outcome_spec.hint.text() if outcome_spec.hint else (previous.hint if previous else hint),
            citations=tuple(c.citation() for c in outcome_spec.citations) + (previous.citations if previous else ()),
        )
    title = Text(spec.title or (base.title.zh if base else ""), spec.title_en or (base.title.en if base else ""))
    return Rule(
        id=spec.id,
        title=Text(title.zh, title.en or title.zh),
        description=spec.description.text() if spec.description else (base.description if base else EMPTY),
        step=spec.step or (base.step if base else "scope"),
        severity=severity,
        waivable=spec.waivable if spec.waivable is not None else (base.waivable if base else True),
        when=when,
        predicates=predicates,
        check=check_def,
        options=options,
        citations=citations,
        basis_kind=basis,
        message=message,
        hint=hint,
        outcomes=outcomes,
        rule_set=set_spec.id,
        file=file,
        line=line,
        validated=validated,
        options_key=options_key,
        finding_citations=None if finding_citations == citations else finding_citations,
    )


def _validate_options(
    check_def: CheckDef, options: Mapping[str, Any], params: Mapping[str, Param], fail: Any
) -> tuple[Options, Any]:
    resolved = {}
    for key, value in options.items():
        if isinstance(value, str) and value.startswith("$"):
            param = params.get(value[1:])
            if param is None:
                raise fail(f"选项 {key} 引用了未定义的参数 {value}", f"option {key} names undefined parameter {value}")
            resolved[key] = param.value
        else:
            resolved[key] = value
    try:
        validated = validate(check_def.options, resolved)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise fail(
            f"检查 {check_def.name} 的选项 {format_path(error['loc'])} 无效：{error['msg']}",
            f"check {check_def.name}: option {format_path(error['loc'])}: {error['msg']}",
            ("check",),
        ) from None
    return validated, (check_def.name, _freeze(tuple(resolved.items())))
