"""A fresh decision record: the next id in the repository's own pattern, and the YAML template.

The template is written from a string (no round-trip editing here): every key carries a Chinese
comment, and the steps the rules require for the record — as the engine judges a draft holding the
chosen organ and categories — are pre-filled as pending sections. Steps that depend on facts not yet
determined (the ``flags``) are listed as comments, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from decision_check.findings import StepRow
from decision_check.loader import discover
from decision_check.models.enums import Category, OrganLevel

_ID_LINE = re.compile(r"(?m)^id[ \t]*:[ \t]*['\"]?([^'\"#\s]+)")
_ORGAN_LINE = re.compile(r"(?m)^organ[ \t]*:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")

# The keys of each step the template pre-fills (scalars only: a list left empty is written as a comment).
_STEP_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "public_participation": (
        ("# methods", "参与方式，如 [public_comment, symposium]（向社会公开征求意见、座谈会……）"),
        ("notice", "征求意见公告"),
        ("  date", "公告发布日期"),
        ("comment_period", "征求意见期"),
        ("  start", "开始接受意见的第一天"),
        ("  end", "接受意见的最后一天（发布当日不计，期限见 decision-check rules show PP-03）"),
        ("shortened_reason", "征求意见期短于规定期限时，公告所载的理由"),
        ("opinions_received", "收到意见条数"),
        ("opinions_adopted", "采纳意见条数"),
        ("adoption_summary", "意见采纳情况的证据编号（documents 中的 id）"),
    ),
    "hearing": (
        ("date", "听证会日期"),
        ("notice_date", "听证公告日期"),
        ("materials_delivered", "听证材料送达参加人的日期（提前日数见 decision-check rules show PP-08）"),
    ),
    "expert_review": (
        ("date", "专家论证日期"),
        ("method", "论证方式：meeting 论证会 / written 书面咨询 / commissioned 委托"),
    ),
    "risk_assessment": (
        ("date", "风险评估日期"),
        ("assessor", "评估单位"),
        ("level", "风险等级：low 低 / medium 中 / high 高"),
        ("controllable", "风险是否可控：true / false"),
    ),
    "fair_competition_review": (
        ("date", "公平竞争审查日期"),
        ("reviewer", "审查单位"),
        ("conclusion", "结论：compliant 符合 / non_compliant 不符合"),
    ),
    "legality_review": (
        ("submitted", "送交合法性审查日期"),
        ("concluded", "审查办结日期"),
        ("reviewer", "审查机构，如 司法所"),
        ("conclusion", "结论：lawful 合法 / lawful_with_changes 修改后合法 / unlawful 不合法"),
        ("legal_adviser_opinion", "法律顾问或公职律师意见：true 或证据编号"),
    ),
    "npc_report": (("date", "提请人大讨论决定或报告的日期"), ("body", "人大机关")),
    "publication": (("date", "决策公布日期"), ("url", "公布网址")),
    "archive": (
        ("date", "归档日期"),
        ("archive_no", "档号，如 0231-WS·2020-Y-0019"),
        ("retention", "保管期限：permanent 永久 / d30 30年 / d10 10年"),
    ),
    "implementation": (("unit", "决策执行单位"),),
}


@dataclass(frozen=True)
class Draft:
    """What the author chose for a new record."""

    id: str
    title: str
    organ: str
    organ_level: OrganLevel
    sponsor: str
    categories: tuple[Category, ...]
    jurisdiction: str | None = None
    year: int = 0  # the year of the id and of its catalogue
    catalog: tuple[int, str] | None = None  # (year, entry) when the year's catalogue lists the title
    steps: tuple[StepRow, ...] = field(default=())


def existing_ids(folders: Iterable[Path], organ: str) -> list[str]:
    """Ids of the decision files of ``organ`` under ``folders`` (a quick scan of the top-level keys)."""
    ids = []
    for path in discover([f for f in folders if f.exists()]):
        head = path.read_bytes()[:65536].decode("utf-8", errors="replace")
        found_id, found_organ = _ID_LINE.search(head), _ORGAN_LINE.search(head)
        if found_id and found_organ and found_organ.group(1).strip() == organ:
            ids.append(found_id.group(1))
    return ids


def next_id(existing: Sequence[str], year: int, code: str | None = None) -> str:
    """The next id in the pattern most of ``existing`` follow for ``year`` (``LH-2020-019`` after
    ``LH-2020-018``); the same pattern with the year changed when ``year`` has none yet; else
    ``{code}-{year}-001``."""
    numbered = [(m.group(1), m.group(2)) for m in map(_NUMBERED.match, existing) if m]
    this_year = [(prefix, digits) for prefix, digits in numbered if str(year) in prefix]
    if this_year:
        prefix, _ = Counter(p for p, _ in this_year).most_common(1)[0]
        numbers = [d for p, d in this_year if p == prefix]
        width = max(len(d) for d in numbers)
        return f"{prefix}{max(int(d) for d in numbers) + 1:0{width}d}"
    dated = [(p, d) for p, d in numbered if _YEAR.search(p)]
    if dated:
        prefix, _ = Counter(p for p, _ in dated).most_common(1)[0]
        width = max(len(d) for p, d in dated if p == prefix)
        return f"{_YEAR.sub(str(year), prefix, count=1)}{1:0{width}d}"
    return f"{code or 'D'}-{year}-001"


def _scalar(value: str) -> str:
    """A YAML scalar for a text value (quoted when YAML would read it as something else)."""
    plain = re.fullmatch(r"[^\s:#'\"\[\]{},&*!|>%@`-][^:#\n]*", value) and not re.fullmatch(r"[\d.\-]+", value)
    return value if plain and value.strip() == value else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(draft: Draft) -> str:
    """The YAML text of the new record; every key with a Chinese comment."""
    lines = [
        "# 重大行政决策记录（decision-check new 生成）。按程序推进逐项填写，随时运行",
        f"# decision-check validate 本文件 查看尚缺内容，decision-check plan {draft.id} 查看下一步及最早日期。",
        f"id: {_scalar(draft.id)}  # 决策编号（机关内唯一）",
        f"title: {_scalar(draft.title)}  # 决策事项名称",
        f"organ: {_scalar(draft.organ)}  # 决策机关",
        f"organ_level: {draft.organ_level.value}  # 机关层级：{draft.organ_level.zh}",
    ]
    if draft.jurisdiction:
        lines.append(f"jurisdiction: {draft.jurisdiction}  # 适用的管辖（决定适用哪些规则集）")
    lines.append(f"sponsor: {_scalar(draft.sponsor)}  # 决策承办单位")
    lines.append("category:  # 决策事项类别（条例第三条）")
    lines += [f"  - {c.value}  # {c.zh}" for c in draft.categories]
    lines += [
        "# livelihood_areas: []  # 重大民生决策领域：culture_education 文化教育 / healthcare 医疗卫生 / …",
        "flags:  # 启动时认定的事实，逐项填 true 或 false（未认定的保持空白）",
        "  public_interest:  # 直接涉及公民、法人或者其他组织切身利益或经济社会发展全局（可听证）",
        "  specific_groups:  # 涉及特定群体利益（征求人民团体、社会组织、群众代表意见）",
        "  technical:  # 专业性、技术性较强（专家论证）",
        "  stability_risk:  # 可能对社会稳定、公共安全等造成不利影响（风险评估）",
        "  market_entities:  # 涉及市场主体经济活动（公平竞争审查）",
        "  npc_matter:  # 应当由人大讨论决定或向其报告",
        "  divergent_views:  # 存在较大分歧（可听证）",
        "  widely_concerned:  # 社会公众普遍关心（公布时解读）",
    ]
    if draft.catalog:
        year, entry = draft.catalog
        lines += [
            "catalog:  # 在年度决策事项目录中的位置",
            f"  year: {year}  # 目录年度",
            f'  entry: "{entry}"  # 目录序号',
        ]
    else:
        lines.append(f'# catalog: {{year: {draft.year}, entry: "序号"}}  # 列入年度决策事项目录的，写明年度和序号')
    lines += [
        "launched:  # 决策启动",
        "  date:  # 启动日期",
        "  proposer:  # 提出者：leader 领导 / department 部门 / lower_government 下级政府 / deputy 代表委员"
        " / public 公众",
        "  approved_by:  # 批准启动的机关或会议",
        "  determined_by:  # 认定上列 flags 的机关或会议",
        "status: in_progress  # 进行中；有决定会议后按会议结论确定",
    ]
    steps_at = len(lines)
    later: list[StepRow] = []
    for row in draft.steps:
        if row.step in ("meetings", "party") or row.step not in _STEP_KEYS:
            continue
        if row.required == "yes" or row.step in ("publication", "archive"):
            when = "（决定后）" if row.required != "yes" else ""
            lines.append(f"  {row.step}:  # {row.label.zh}{when}")
            lines.append("    status: pending  # 未完成；完成后删去此行或改为 done，并填写日期")
            lines += [f"    {key}:  # {comment}" for key, comment in _STEP_KEYS[row.step]]
        elif row.required == "conditional":
            later.append(row)
    filled = len(lines) > steps_at
    lines.insert(steps_at, f"steps:{'' if filled else ' {}'}  # 决策程序：以下为规则要求的步骤，完成一项填一项")
    if later:
        lines.append("  # 视 flags 的认定，规则可能还要求：" + "、".join(f"{r.step}（{r.label.zh}）" for r in later))
    lines += [
        "meetings: []  # 集体讨论决定的会议和党委审议（请示报告），按时间先后列出",
        "# issued: {date: , doc_no: }  # 决定文件的印发日期和文号",
        "documents: []  # 证据登记：{id, type, title, date, path}，各步骤以 documents: [id] 引用",
    ]
    return "\n".join(lines) + "\n"
