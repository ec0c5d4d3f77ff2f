"""Context of the annual report's section on decisions (法治政府建设年度报告 · 重大行政决策): pure.

Counts come from :mod:`decision_check.summary` only; this module turns them into sentences in the
register of a Chinese annual report — the seed's section (四) — and never writes a sentence the
counts do not carry: no 均 / 全部 / 一律 / 100%, a missing step is said as missing, a year with
problems has a 存在的问题 part that names them, rule by rule, with the decisions.

Every number in the text is a :class:`~decision_check.summary.Figure`. A paragraph is a list of
*segments* — plain text, or a figure with a footnote number and the ids it counts — so the Markdown
template writes ``16[^3]``, the HTML template ``<span title="LH-2020-001、…">16</span>``, and the
Word template the plain ``text``. :class:`Writer` numbers the footnotes (one per distinct set of
ids) and keeps the trace: every figure used, with its key, value, ids, rule and sentence.

Context (plain values)::

    parts: [{organ, year, title, subtitle, sections: [{heading, paragraphs: [{text, segments}]}],
             table: {caption, header, rows: [[cell]]}, appendix: {caption, header, rows: [[str]]}}]
    notes: [{number, ids}]          footnotes (Markdown) — the ids behind each figure
    footer, sources, tool_version, as_of
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from decision_check.documents.minutes import Source
from decision_check.documents.report_words import (
    OVERCLAIMS,
    STATUS,
    STEP_NAMES,
    RuleInfo,
    Writer,
    citations_text,
    cn_number,
    listing,
    months,
    regime_clauses,
    titled,
    we,
)
from decision_check.findings import Severity
from decision_check.summary import Figure, Problem, StepCount, YearSummary


class _Part:
    """Builds one organ's section."""

    def __init__(self, summary: YearSummary, writer: Writer, rules: Mapping[str, RuleInfo], unreadable: Figure) -> None:
        self.unreadable = unreadable
        self.s = summary
        self.w = writer
        self.rules = rules
        self.we = we(summary.organ)

    def build(self) -> dict[str, Any]:
        s = self.s
        sections = [
            {"heading": "一、决策程序规定的适用", "paragraphs": self.regime()},
            {"heading": "二、决策事项", "paragraphs": self.counts()},
            {"heading": "三、履行法定程序情况", "paragraphs": self.steps()},
            {"heading": "四、存在的问题", "paragraphs": self.problems()},
        ]
        return {
            "organ": s.organ,
            "year": s.year,
            "title": f"{s.organ}{s.year}年重大行政决策情况",
            "subtitle": "（法治政府建设年度报告“推进科学民主依法决策”部分）",
            "sections": sections,
            "table": self.table(),
            "appendix": self.appendix(),
        }

    # -- 一
    def regime(self) -> list[dict[str, Any]]:
        s, w = self.s, self.w
        out = []
        clauses = regime_clauses(s.regimes)
        if len(clauses) == 1:
            when, what, period = clauses[0]
            out.append(w.para(f"{s.year}年，{self.we}重大行政决策{what}，本年度作出决策{{n}}项。", n=period.decisions))
        else:
            text: list[str] = []
            values: dict[str, Figure | str | int] = {}
            for index, (when, what, period) in enumerate(clauses):
                text.append(f"{when}{what}，此期间作出决策{{p{index}}}项")
                values[f"p{index}"] = period.decisions
            out.append(w.para(f"{s.year}年，{self.we}重大行政决策" + "；".join(text) + "。", **values))
        organ = s.organ_file
        if organ is None:
            out.append(w.para("决策文件库中没有本机关的机关文件，议事规则、合法性审查机构和法律顾问情况未写入本节。"))
            return out
        facts = []
        if organ.rules_of_procedure is not None and organ.rules_of_procedure.title:
            number = f"（{organ.rules_of_procedure.doc_no}）" if organ.rules_of_procedure.doc_no else ""
            facts.append(f"{self.we}议事规则为《{organ.rules_of_procedure.title}》{number}")
        if organ.bodies:
            facts.append("议事机构为" + "、".join(b.zh for b in organ.bodies))
        if organ.legality_reviewers:
            facts.append("合法性审查由" + "、".join(organ.legality_reviewers) + "承担")
        if organ.legal_adviser:
            facts.append(f"法律顾问为{organ.legal_adviser}")
        if facts:
            out.append(w.para("；".join(facts) + "。"))
        return out

    # -- 二
    def counts(self) -> list[dict[str, Any]]:
        s, w = self.s, self.w
        out = []
        if s.taken.value:
            text = f"{s.year}年，{self.we}作出重大行政决策{{n}}项"
            values: dict[str, Figure | str | int] = {"n": s.taken}
            if s.by_category:
                listed, names = listing(s.by_category, w)
                several = sum(f.value for _, f in s.by_category) > s.taken.value
                text += f"，其中{listed}" + ("（一项决策属于多个类别的，分别计入）" if several else "")
                values.update(names)
            if s.livelihood.value:
                listed, names = listing(s.by_livelihood, w)
                names = {f"l{k}": v for k, v in names.items()}
                listed = listed.replace("{c", "{lc")
                text += f"；涉及民生领域的{{lv}}项（{listed}）"
                values.update(names)
                values["lv"] = s.livelihood
            out.append(w.para(text + "。", **values))
        else:
            out.append(w.para(f"{s.year}年，{self.we}没有作出重大行政决策。"))
        others = []
        values = {}
        if s.in_progress.value:
            others.append(f"正在办理的决策{{ip}}项（{titled(s.items, s.in_progress.ids)}）")
            values["ip"] = s.in_progress
        if s.not_adopted.value:
            others.append(f"提交集体讨论未通过或暂缓的{{na}}项（{titled(s.items, s.not_adopted.ids)}）")
            values["na"] = s.not_adopted
        if s.excluded.value:
            others.append(f"依法不适用重大行政决策程序的决定{{ex}}项（{titled(s.items, s.excluded.ids)}）")
            values["ex"] = s.excluded
        if others:
            out.append(w.para("另有" + "，".join(others) + "，未计入上述决策数。", **values))
        if self.unreadable.value:
            out.append(
                w.para(
                    f"决策文件库中另有{{u}}个文件因格式错误无法读取（{'、'.join(self.unreadable.ids)}），"
                    "是否属于本年度无法判断，未计入本节，须改正后重新生成。",
                    u=self.unreadable,
                )
            )
        c = s.catalog
        if c.catalog is None:
            out.append(w.para(f"决策文件库中没有{self.we}{s.year}年度重大行政决策事项目录。"))
        else:
            text = f"{s.year}年度重大行政决策事项目录列入事项{{e}}项，已作出决策{{t}}项"
            values = {"e": c.entries, "t": c.taken}
            if c.in_progress.value:
                text += "，正在办理{ip}项"
                values["ip"] = c.in_progress
            if c.not_started.value:
                text += f"，尚未启动{{ns}}项（{'、'.join(c.not_started_titles)}）"
                values["ns"] = c.not_started
            text += "。"
            if c.outside.value:
                text += f"目录外作出决策{{o}}项（{titled(s.items, c.outside.ids)}）。"
                values["o"] = c.outside
            else:
                text += "本年度作出的决策都在目录之内。" if s.taken.value else ""
            out.append(w.para(text, **values))
        return out

    # -- 三
    def _step(
        self, count: StepCount, name: str, verb: tuple[str, str] = ("应开展", "已开展")
    ) -> tuple[str, dict[str, Figure | str | int]]:
        due, done = verb
        text = f"{due}{name}的决策{{r}}项，{done}{{d}}项"
        values: dict[str, Figure | str | int] = {"r": count.required, "d": count.done}
        if count.missing.value:
            text += f"，应开展而未开展或尚未完成的{{m}}项（{'、'.join(count.missing.ids)}）"
            values["m"] = count.missing
        if count.extra.value:
            text += f"；另有{{x}}项不属必经情形，也{done.removeprefix('已')}了{name}"
            values["x"] = count.extra
        return text, values

    def steps(self) -> list[dict[str, Any]]:
        s, w = self.s, self.w
        if not s.taken.value:
            return [w.para("本年度没有作出的决策，不统计程序履行情况。")]
        by = {c.step: c for c in s.steps}
        out = []
        p = s.participation
        text, values = self._step(by["public_participation"], "公众参与")
        extra = []
        if p.notices.value:
            extra.append("向社会公开征求意见{pn}项")
            values["pn"] = p.notices
            if p.shortest_period is not None and p.longest_period is not None:
                if p.shortest_period.value == p.longest_period.value:
                    extra.append("征求意见期限为{ps}日")
                else:
                    extra.append("征求意见期限最短{ps}日、最长{pl}日")
                    values["pl"] = p.longest_period
                values["ps"] = p.shortest_period
        if p.opinions_received.value:
            extra.append("收到意见{or_}条、采纳{oa}条")
            values["or_"] = p.opinions_received
            values["oa"] = p.opinions_adopted
        if p.surveys.value:
            extra.append("开展民意调查{sv}次" + ("、调查{rs}人次" if p.respondents.value else ""))
            values["sv"] = p.surveys
            values["rs"] = p.respondents
        if p.hearings.value:
            extra.append("举行听证会{hg}次")
            values["hg"] = p.hearings
        out.append(w.para("（一）公众参与。" + text + ("。其中" + "，".join(extra) if extra else "") + "。", **values))

        text, values = self._step(by["expert_review"], "专家论证")
        if s.experts.value:
            text += "，参加论证的专家和专业机构共{ex}名（家）"
            values["ex"] = s.experts
        out.append(w.para("（二）专家论证。" + text + "。", **values))

        text, values = self._step(by["risk_assessment"], "风险评估")
        if s.risk_by_level:
            listed, names = listing([(f"{k}风险" if k in "低中高" else k, v) for k, v in s.risk_by_level], w)
            text += f"，评估结论为{listed}"
            values.update(names)
        out.append(w.para("（三）风险评估。" + text + "。", **values))

        text, values = self._step(by["legality_review"], "合法性审查")
        if s.legality_by_conclusion:
            listed, names = listing(s.legality_by_conclusion, w)
            text += f"，审查结论为{listed}"
            values.update(names)
        if s.legality_days is not None:
            low, high = s.legality_days
            if low.value == high.value:
                text += "，自送审至出具审查意见用时{lo}个工作日"
            else:
                text += "，自送审至出具审查意见用时{lo}至{hi}个工作日"
                values["hi"] = high
            values["lo"] = low
        out.append(w.para("（四）合法性审查。" + text + "。", **values))

        text, values = self._step(by["meetings"], "", ("应经集体讨论决定", "已经集体讨论决定"))
        if s.bodies:
            listed, names = listing(s.bodies, w)
            text += f"，其中{listed}"
            values.update(names)
        if s.party.value:
            text += "；报党委审议（请示报告）的{pt}项"
            values["pt"] = s.party
        out.append(w.para("（五）集体讨论决定。" + text + "。", **values))

        pub, values = self._step(s.publication, "", ("应公布", "已公布"))
        arc, more = self._step(s.archive, "", ("应归档", "已归档"))
        more = {f"a{k}": v for k, v in more.items()}
        arc = arc.replace("{r}", "{ar}").replace("{d}", "{ad}").replace("{m}", "{am}").replace("{x}", "{ax}")
        values.update(more)
        out.append(
            w.para(
                "（六）决策公布和归档。"
                + pub
                + "；"
                + arc.replace("应开展归档的决策", "应归档的决策").replace("已开展", "已归档")
                + "。",
                **values,
            )
        )
        return out

    # -- 四
    def problems(self) -> list[dict[str, Any]]:
        s, w = self.s, self.w
        if not s.problems:
            if not s.taken.value:
                return [w.para("本年度没有作出的决策，未发现程序问题。")]
            return [
                w.para(
                    "对照决策文件检查，本年度作出的{n}项决策未发现违反程序规定的错误或需要改进的事项。"
                    "检查以决策文件的记载为准，文件未记载的情况未作判断。",
                    n=s.taken,
                )
            ]
        errors = sum(1 for p in s.problems if p.severity is Severity.ERROR)
        out = [
            w.para(
                "对照决策文件检查，本年度决策存在以下问题"
                + ("（“需改进”为不违反强制性规定、但应当改进的事项）" if errors < len(s.problems) else "")
                + "："
            )
        ]
        for index, problem in enumerate(s.problems, start=1):
            out.append(self._problem(index, problem))
        return out

    def _problem(self, index: int, problem: Problem) -> dict[str, Any]:
        first = next(i for i in self.s.items if i.id in problem.decisions.ids)
        info = self.rules.get(problem.rule)
        title = info.title([u.id for u in first.outcome.rule_sets]) if info else problem.rule
        error = problem.severity is Severity.ERROR
        cited = citations_text(c for f in problem.findings for c in f.citations)
        basis = f"{problem.rule}，{cited}" if cited else problem.rule
        which = titled(self.s.items, problem.decisions.ids)
        said = f"不符合“{title}”要求" if error else f"未达到“{title}”要求（需改进）"
        text = f"{cn_number(index)}是{said}的决策{{n}}项（{basis}）：{which}。"
        values: dict[str, Figure | str | int] = {"n": problem.decisions}
        if problem.waived.value:
            reasons = sorted({f.waiver_reason for f in problem.findings if f.waived and f.waiver_reason})
            text += (
                "其中{wv}项经批准豁免"
                + (f"（理由：{'；'.join(reasons)}）" if reasons else "")
                + "，豁免不改变程序缺失的事实。"
            )
            values["wv"] = problem.waived
        return self.w.para(text, **values)

    # -- table and appendix
    def table(self) -> dict[str, Any]:
        w = self.w
        rows = []
        for count in (*self.s.steps, self.s.publication, self.s.archive):
            label = STEP_NAMES[count.step]
            rows.append([w.cell(label), w.cell(count.required), w.cell(count.done), w.cell(count.missing)])
            for value, column in ((count.required, "应开展"), (count.done, "已开展"), (count.missing, "未开展")):
                w.record(value, f"表1 {label} {column} {value.value}")
        return {
            "caption": f"表1 {self.s.organ}{self.s.year}年重大行政决策程序履行情况统计",
            "header": ["程序", "应开展（项）", "已开展（项）", "应开展未开展（项）"],
            "rows": rows,
        }

    def appendix(self) -> dict[str, Any]:
        rows = []
        for item in self.s.items:
            status = "依法不适用程序" if item.outcome.excluded else STATUS.get(item.decision.effective_status.value, "")
            meeting = item.decision.governing_meeting()
            day = meeting.date.isoformat() if meeting and meeting.date and status != "正在办理" else "—"
            open_ = sorted(
                {
                    f"{f.rule}（{'错误' if f.severity is Severity.ERROR else '警告'}{'，已豁免' if f.waived else ''}）"
                    for f in item.findings
                    if f.severity is not Severity.INFO
                }
            )
            rows.append([item.id, item.decision.title, day, status, "、".join(open_) or "无"])
        return {
            "caption": f"附：{self.s.organ}{self.s.year}年重大行政决策事项清单",
            "header": ["编号", "决策事项", "决策日期", "状态", "检查发现的问题"],
            "rows": rows,
        }


def build_report_context(
    summaries: Sequence[YearSummary],
    rules: Mapping[str, RuleInfo],
    sources: Sequence[Source],
    tool_version: str,
    as_of: date,
    unreadable: Sequence[str] = (),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``report`` document's context and its trace (every figure with the ids it counts).

    ``unreadable``: record files that could not be read (their year and organ are unknown): each part
    says so, and that they are not counted.
    """
    writer = Writer()
    parts = []
    broken = Figure("files.unreadable", len(set(unreadable)), tuple(sorted(set(unreadable))))
    for summary in summaries:
        writer.organ = summary.organ
        parts.append(_Part(summary, writer, rules, broken).build())
    notes = [{"number": n, "ids": "、".join(ids)} for ids, n in sorted(writer.notes.items(), key=lambda kv: kv[1])]
    context = {
        "title": parts[0]["title"] if len(parts) == 1 else f"{summaries[0].year}年重大行政决策情况",
        "parts": parts,
        "notes": notes,
        "as_of": as_of.isoformat(),
        "sources": [{"path": s.path, "sha256": s.sha256} for s in sources],
        "tool_version": tool_version,
        "footer": (
            f"本节由 decision-check {tool_version} 根据 {len(sources)} 个文件（决策文件、机关文件和决策事项目录）"
            f"生成，检查日 {as_of.isoformat()}；"
            "文中数字对应的决策见脚注和追溯文件（--trace）。"
        ),
    }
    trace = {
        "version": 1,
        "tool": f"decision-check {tool_version}",
        "year": summaries[0].year,
        "organs": [s.organ for s in summaries],
        "as_of": as_of.isoformat(),
        "sources": context["sources"],
        "figures": writer.trace,
        "notes": {str(n): list(ids) for ids, n in writer.notes.items()},
    }
    return context, trace


__all__ = ["OVERCLAIMS", "RuleInfo", "Writer", "build_report_context", "months", "we"]
