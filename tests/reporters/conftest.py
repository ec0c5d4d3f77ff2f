"""A hand-built ``Result`` every reporter test renders: fixed dates, no rule set loaded.

Four files: one that failed to load (a comma in its name, a two-line YAML error), a clean decision,
a decision with an error, a warning, an info (its severity lowered by a configured override) and a
waived finding with two citations and a hint, and a decision still in progress judged as of the
run's date. The rule metadata SARIF lists is hand-written here too, so that rule-set edits elsewhere
never change these outputs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from decision_check.findings import (
    Citation,
    DecisionOutcome,
    Finding,
    Override,
    Result,
    RuleSetUse,
    Severity,
    Span,
    StepRow,
)
from decision_check.i18n import Lang, Text
from decision_check.reporters import ReportMeta, RuleInfo

ORGAN = "丰都县龙河镇人民政府"
BROKEN = "decisions/2020/LH-2020-009,副本.yaml"
CLEAN = "decisions/2020/LH-2020-001.yaml"
FAULTY = "decisions/2020/LH-2020-003.yaml"
PENDING = "decisions/2020/LH-2020-015.yaml"

N = "重大行政决策程序暂行条例"
C337 = "重庆市重大行政决策程序规定"
SEED = "丰都县龙河镇2020年法治政府建设情况报告"


def _national(day: str) -> RuleSetUse:
    return RuleSetUse(
        "national",
        "重大行政决策程序暂行条例",
        Text(
            f"适用《重大行政决策程序暂行条例》（参照，第四十二条）：决策日期 {day} 在其施行期间（2019-09-01 起）",
            f"《重大行政决策程序暂行条例》 applies (by reference, art. 42): {day} is within its period "
            "(from 2019-09-01)",
        ),
    )


def _longhe(day: str) -> RuleSetUse:
    return RuleSetUse(
        "longhe",
        "龙河镇重大行政决策本地做法",
        Text(
            f"适用龙河镇重大行政决策本地做法（直接适用）：决策日期 {day} 在其施行期间（2020-01-01 起）",
            f"龙河镇's local practice applies (directly): {day} is within its period (from 2020-01-01)",
        ),
    )


def _step(step: str, zh: str, en: str, required: str, state: str, day: date | None) -> StepRow:
    return StepRow(step, Text(zh, en), required, state, day)  # type: ignore[arg-type]


CLEAN_STEPS = (
    _step("public_participation", "公众参与", "public participation", "yes", "done", date(2020, 4, 8)),
    _step("expert_review", "专家论证", "expert review", "conditional", "done", date(2020, 5, 26)),
    _step("risk_assessment", "风险评估", "risk assessment", "conditional", "done", date(2020, 5, 28)),
    _step("legality_review", "合法性审查", "legality review", "yes", "done", date(2020, 6, 1)),
    _step("meetings", "集体讨论决定", "collective discussion", "yes", "done", date(2020, 6, 22)),
    _step("publication", "决策公布", "publication", "yes", "done", date(2020, 7, 3)),
    _step("implementation", "决策执行", "implementation", "no", "not_required", None),
)

FAULTY_STEPS = (
    _step("public_participation", "公众参与", "public participation", "yes", "done", date(2020, 7, 15)),
    _step("hearing", "听证", "hearing", "conditional", "not_applicable", None),
    _step("expert_review", "专家论证", "expert review", "conditional", "done", date(2020, 8, 25)),
    _step("legality_review", "合法性审查", "legality review", "yes", "done", date(2020, 9, 1)),
    _step("meetings", "集体讨论决定", "collective discussion", "yes", "done", date(2020, 10, 12)),
    _step("publication", "决策公布", "publication", "yes", "done", date(2020, 11, 20)),
)

PENDING_STEPS = (
    _step("public_participation", "公众参与", "public participation", "yes", "done", date(2020, 11, 2)),
    _step("legality_review", "合法性审查", "legality review", "yes", "pending", None),
    _step("meetings", "集体讨论决定", "collective discussion", "yes", "missing", None),
)


def build_result() -> Result:
    """The fixture result (a fresh object each call)."""
    decisions = [
        DecisionOutcome(
            id="LH-2020-001",
            organ=ORGAN,
            title="龙河镇卫生院迁建工程",
            file=CLEAN,
            status="decided",
            governing_date=date(2020, 6, 22),
            governing_date_source="meetings[0]",
            rule_sets=(_national("2020-06-22"), _longhe("2020-06-22")),
            steps=CLEAN_STEPS,
        ),
        DecisionOutcome(
            id="LH-2020-003",
            organ=ORGAN,
            title="龙河镇场镇污水管网改造工程",
            file=FAULTY,
            status="decided",
            governing_date=date(2020, 10, 12),
            governing_date_source="meetings[0]",
            rule_sets=(_national("2020-10-12"), _longhe("2020-10-12")),
            steps=FAULTY_STEPS,
            waiver_date=date(2020, 10, 12),
            waiver_date_basis="governing_date",
        ),
        DecisionOutcome(
            id="LH-2020-015",
            organ=ORGAN,
            title="龙河镇2021年农村人居环境整治方案",
            file=PENDING,
            status="in_progress",
            governing_date=date(2020, 12, 31),
            governing_date_source="as_of",
            rule_sets=(_national("2020-12-31"), _longhe("2020-12-31")),
            regime_note=Text(
                "决策尚在进行中，按评价日期 2020-12-31 确定适用的规定",
                "the decision is in progress: the rules are those in force on the as-of date 2020-12-31",
            ),
            steps=PENDING_STEPS,
        ),
    ]
    findings = [
        Finding(
            rule="LOAD",
            severity=Severity.ERROR,
            file=BROKEN,
            span=Span(7, 12, 7, 13),
            path="",
            message=Text(
                "YAML 语法错误：第 7 行第 12 列\n  此处不允许出现映射值",
                "YAML syntax error at line 7, column 12\n  mapping values are not allowed here",
            ),
            hint=Text(
                "检查该行的冒号：键和值之间用半角冒号加空格（例如 date: 2020-07-15）",
                "check the colon on that line: a key and its value take a colon and a space (date: 2020-07-15)",
            ),
        ),
        Finding(
            rule="PP-03",
            severity=Severity.ERROR,
            file=FAULTY,
            span=Span(21, 5, 21, 29),
            path="steps.public_participation.comment_period",
            message=Text(
                "征求意见期间为 2020-07-15 至 2020-08-08，不计公告当日只有 24 日，少于 30 日，且公告未说明缩短理由",
                "the comment period 2020-07-15 to 2020-08-08 is 24 days without the publication day, "
                "under 30, and the notice gives no reason for shortening it",
            ),
            hint=Text(
                "重新公开征求意见不少于 30 日；确需缩短的，在公告中说明理由",
                "consult again for at least 30 days, or state the reason for a shorter period in the notice",
            ),
            decision="LH-2020-003",
            organ=ORGAN,
            citations=(Citation(N, "第十五条第一款"),),
        ),
        Finding(
            rule="EXP-02",
            severity=Severity.ERROR,
            file=FAULTY,
            span=Span(33, 7, 33, 41),
            path="steps.expert_review.opinions[1]",
            message=Text(
                "第 2 份专家论证意见没有专家签名",
                "the second expert opinion is not signed by the expert",
            ),
            hint=Text(
                "取得有专家签名的书面意见原件并登记到 documents",
                "obtain the signed original and register it under documents",
            ),
            decision="LH-2020-003",
            organ=ORGAN,
            citations=(
                Citation(N, "第十九条第二款"),
                Citation(C337, "第二十二条", "unconfirmed"),
            ),
            item="opinions[1]",
            waived=True,
            waiver_reason="签名原件由县住房城乡建委存档，本镇留存复印件",
            waiver_basis="丰都县住房和城乡建设委员会 2020年9月3日 情况说明",
        ),
        Finding(
            rule="LH-04",
            severity=Severity.WARNING,
            file=FAULTY,
            span=Span(52, 5, 52, 20),
            path="meetings[0].recorder",
            message=Text(
                "镇政府常务会议（2020年第14次）未记录记录人",
                "the town executive meeting (2020, no. 14) names no recorder",
            ),
            hint=Text("在 meetings[0] 填写 recorder（记录人姓名）", "fill in meetings[0].recorder"),
            decision="LH-2020-003",
            organ=ORGAN,
            citations=(Citation(SEED, "第四部分", "med"),),
        ),
        Finding(
            rule="PUB-02",
            severity=Severity.INFO,
            file=FAULTY,
            span=Span(88, 3, 88, 25),
            path="publication.date",
            message=Text(
                "决策于 2020-10-12 作出，2020-11-20 才公布，超过 20 个工作日",
                "decided on 2020-10-12 but published only on 2020-11-20, more than 20 working days later",
            ),
            hint=Text("决策作出后及时公布", "publish the decision promptly"),
            decision="LH-2020-003",
            organ=ORGAN,
            citations=(Citation("中华人民共和国政府信息公开条例", "第二十六条"),),
        ),
        Finding(
            rule="LEGAL-01",
            severity=Severity.INFO,
            file=PENDING,
            span=Span(40, 3, 40, 18),
            path="steps.legality_review",
            message=Text(
                "合法性审查尚未完成（决策进行中）",
                "the legality review is not done yet (decision in progress)",
            ),
            hint=Text(
                "提交集体讨论前送司法所审查，并留足不少于 7 个工作日",
                "submit the draft to the legal office at least 7 working days before the meeting",
            ),
            decision="LH-2020-015",
            organ=ORGAN,
            citations=(Citation(N, "第二十五条第一款"),),
        ),
    ]
    overrides = [
        Override(
            rule="PUB-02",
            severity=Severity.INFO,
            reason="本镇政务公开栏每周更新一次，公布时限按周掌握（镇政府常务会议 2020年第3次 决定）",
        )
    ]
    return Result(files=4, decisions=decisions, findings=findings, overrides=overrides, as_of=date(2020, 12, 31))


RULES = (
    RuleInfo(
        "PP-03",
        "征求意见期限",
        "Comment period",
        "公开征求意见的期限一般不少于 30 日",
        "the public comment period is in general at least 30 days",
        "《重大行政决策程序暂行条例》第十五条第一款",
        "error",
    ),
    RuleInfo(
        "EXP-02",
        "专家论证意见签名",
        "Expert opinions signed",
        "专家书面意见应当签名，专业机构的意见应当盖章",
        "written expert opinions are signed; institutions' opinions are sealed",
        "《重大行政决策程序暂行条例》第十九条第二款、《重庆市重大行政决策程序规定》第二十二条（待核实）",
        "error",
    ),
    RuleInfo(
        "LEGAL-01",
        "合法性审查",
        "Legality review",
        "集体讨论前由指定的合法性审查机构完成审查",
        "the designated reviewer concludes the legality review before the governing meeting",
        "《重大行政决策程序暂行条例》第二十五条第一款",
        "error",
    ),
    RuleInfo(
        "PUB-02",
        "及时公布",
        "Published in time",
        "决策作出后 20 个工作日内公布",
        "published within 20 working days of the decision",
        "《中华人民共和国政府信息公开条例》第二十六条",
        "warning",
    ),
    RuleInfo(
        "LH-04",
        "会议记录完整",
        "Meetings recorded and archived",
        "每次会议有编号、记录人，纪要如实记录、完整存档",
        "every meeting numbered with a recorder, its minutes archived",
        "《丰都县龙河镇2020年法治政府建设情况报告》第四部分",
        "warning",
    ),
    RuleInfo(
        "PP-05",
        "可以听证",
        "Hearing may be held",
        "涉及公众切身利益或分歧较大的，可以举行听证",
        "a hearing may be held where the public interest is concerned or views diverge",
        "《重大行政决策程序暂行条例》第十六条第一款",
        "info",
    ),
)


def build_meta(lang: Lang = "zh", *, color: bool = False) -> ReportMeta:
    """Report context with a fixed version and the hand-written rules."""
    return ReportMeta(
        lang=lang,
        version="0.1.0",
        rules=RULES,
        rule_set_versions=("national@2019-09-01", "longhe@2020-01-01"),
        color=color,
        width=100,
    )


@pytest.fixture
def result() -> Result:
    return build_result()


@pytest.fixture
def meta() -> ReportMeta:
    return build_meta()


@pytest.fixture
def meta_for() -> Callable[..., ReportMeta]:
    """``build_meta`` itself, for tests that need another language or colour."""
    return build_meta
