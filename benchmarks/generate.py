#!/usr/bin/env python3
"""Write a synthetic corpus of realistic decision records for benchmarking ``decision-check``.

    python benchmarks/generate.py OUT_DIR --count N [--seed S]

Writes N decision records (重大行政决策档案, ~5–6 KB each) named by id and spread over one folder
per year (``OUT_DIR/2021/ST-2021-014.yaml``), plus the organ files (``OUT_DIR/organs/``) and the
yearly catalogues (``OUT_DIR/catalogs/``) of the organs the decisions belong to. The records follow
``shared/spec/decision-format.md``: a handful of townships, a subdistrict and three counties in
Chongqing, decisions dated 2020–2023, meetings of 5–9 members shared by the decisions discussed at
them (same attendance in each), evidence registers whose ids every step cites, and a realistic
share (~30 %) of decisions with one procedural defect (a short comment period, a missing expert
review, the head not speaking last, …). A few are in progress, a few are excluded emergency
decisions, and a very few break YAML with a full-width colon.

Deterministic for a seed; stdlib only (plain string templates, no YAML library): 10,000 files take
1–5 s, mostly file-system time. Each deliberate defect is named in the file's header comment.
"""

# ruff: noqa: E501 -- tables of Chinese text; ruff counts each CJK character as two columns
from __future__ import annotations

import argparse
import bisect
import random
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

YEARS = (2020, 2021, 2022, 2023)
DEFECT_RATE = 0.30
EXCLUDED_RATE = 0.02  # emergency decisions (township level only)
IN_PROGRESS_RATE = 0.04
C337_IN_FORCE = date(2020, 9, 1)  # before it, 189号 binds counties: experts, risk and alternatives always

# --------------------------------------------------------------------------------------------
# Calendar: weekends and the main public holidays (approximate official ranges; make-up working
# Saturdays are ignored, which only makes the generated dates more conservative).
# --------------------------------------------------------------------------------------------

_HOLIDAYS: tuple[tuple[str, str], ...] = (
    ("2020-01-01", "2020-01-01"),
    ("2020-01-24", "2020-02-02"),
    ("2020-04-04", "2020-04-06"),
    ("2020-05-01", "2020-05-05"),
    ("2020-06-25", "2020-06-27"),
    ("2020-10-01", "2020-10-08"),
    ("2021-01-01", "2021-01-03"),
    ("2021-02-11", "2021-02-17"),
    ("2021-04-03", "2021-04-05"),
    ("2021-05-01", "2021-05-05"),
    ("2021-06-12", "2021-06-14"),
    ("2021-09-19", "2021-09-21"),
    ("2021-10-01", "2021-10-07"),
    ("2022-01-01", "2022-01-03"),
    ("2022-01-31", "2022-02-06"),
    ("2022-04-03", "2022-04-05"),
    ("2022-04-30", "2022-05-04"),
    ("2022-06-03", "2022-06-05"),
    ("2022-09-10", "2022-09-12"),
    ("2022-10-01", "2022-10-07"),
    ("2022-12-31", "2023-01-02"),
    ("2023-01-21", "2023-01-27"),
    ("2023-04-05", "2023-04-05"),
    ("2023-04-29", "2023-05-03"),
    ("2023-06-22", "2023-06-24"),
    ("2023-09-29", "2023-10-06"),
    ("2023-12-30", "2024-01-01"),
    ("2024-02-10", "2024-02-17"),
    ("2024-04-04", "2024-04-06"),
    ("2024-05-01", "2024-05-05"),
)


def _holiday_set() -> frozenset[date]:
    days: set[date] = set()
    for first, last in _HOLIDAYS:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


class WorkingDays:
    """Working days 2019-07-01 … 2024-06-30 as a sorted list, for O(1) shifting."""

    def __init__(self) -> None:
        holidays = _holiday_set()
        day, end = date(2019, 7, 1), date(2024, 6, 30)
        self.days: list[date] = []
        while day <= end:
            if day.weekday() < 5 and day not in holidays:
                self.days.append(day)
            day += timedelta(days=1)

    def index(self, day: date) -> int:
        """Index of ``day``, or of the next working day when it is not one."""
        return bisect.bisect_left(self.days, day)

    def shift(self, day: date, n: int) -> date:
        """The working day ``n`` working days after (n < 0: before) ``day``."""
        return self.days[self.index(day) + n]

    def on_or_before(self, day: date) -> date:
        return self.days[bisect.bisect_right(self.days, day) - 1]

    def between(self, first: date, last: date) -> list[date]:
        return self.days[self.index(first) : bisect.bisect_right(self.days, last)]

    def count(self, first: date, last: date) -> int:
        """Working days strictly after ``first`` up to and including ``last``."""
        return bisect.bisect_right(self.days, last) - bisect.bisect_right(self.days, first)


# --------------------------------------------------------------------------------------------
# Organs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganSpec:
    name: str
    code: str
    level: str  # township | subdistrict | county
    jurisdiction: str
    place: str  # how titles name the place: 龙河镇, 丰都县
    head_title: str
    deputy_title: str
    fonds: str
    weight: float
    gov_body: str  # enum code of the collective-discussion body
    gov_meeting: str  # how its meetings are named: 镇政府班子会, 县政府常务会议
    bodies: tuple[str, ...]
    doc_prefix: str  # 龙河府发
    minutes_prefix: str  # 龙河府纪
    party_name: str  # 党委会, 党工委会, 中共丰都县委…常委会会议
    party_minutes_prefix: str  # "" when the organ does not hold the party committee's records
    party_secretary: str
    reviewer: str
    legal_adviser: str
    rules_of_procedure: tuple[str, str]
    channels: tuple[str, ...]
    sponsors: tuple[str, ...]
    villages: tuple[str, ...]
    location: str

    @property
    def own_party(self) -> bool:
        """Township party committees: the organ holds their minutes and lists their members."""
        return bool(self.party_minutes_prefix)

    @property
    def file_stem(self) -> str:
        return self.code.lower()


_TOWN_BODIES = (
    "township_government_meeting",
    "mayor_office_meeting",
    "joint_party_government_meeting",
    "party_committee",
)


def _town(
    short: str,
    code: str,
    jurisdiction: str,
    fonds: str,
    weight: float,
    offices: tuple[str, ...],
    villages: tuple[str, ...],
    room: str,
    *,
    subdistrict: bool = False,
) -> OrganSpec:
    """A township (镇) or subdistrict (街道): its own party committee, offices as sponsors."""
    place = short + ("街道" if subdistrict else "镇")
    name = f"丰都县{place}办事处" if subdistrict else f"丰都县{place}人民政府"
    mark = short + ("街" if subdistrict else "府")
    return OrganSpec(
        name=name,
        code=code,
        level="subdistrict" if subdistrict else "township",
        jurisdiction=jurisdiction,
        place=place,
        head_title="主任" if subdistrict else "镇长",
        deputy_title="副主任" if subdistrict else "副镇长",
        fonds=fonds,
        weight=weight,
        gov_body="mayor_office_meeting" if subdistrict else "township_government_meeting",
        gov_meeting="主任办公会" if subdistrict else "镇政府班子会",
        bodies=_TOWN_BODIES[1:] if subdistrict else _TOWN_BODIES,
        doc_prefix=f"{mark}发",
        minutes_prefix=f"{mark}纪",
        party_name="党工委会" if subdistrict else "党委会",
        party_minutes_prefix=f"{short}{'党工委' if subdistrict else '党委'}纪",
        party_secretary="党工委书记" if subdistrict else "党委书记",
        reviewer=f"{place}司法所",
        legal_adviser=f"重庆某律师事务所（{name.removeprefix('丰都县')}常年法律顾问）",
        rules_of_procedure=(f"{name.removeprefix('丰都县')}工作规则", f"{mark}发〔2019〕5号"),
        channels=(
            f"{place}人民政府网站" if not subdistrict else f"丰都县人民政府网站{place}栏目",
            f"{place}微信公众号",
            "社区公示栏" if subdistrict else "场镇公示栏",
        ),
        sponsors=tuple(place + office for office in offices),
        villages=villages,
        location=room,
    )


def _county(
    name: str,
    short: str,
    code: str,
    weight: float,
    departments: tuple[str, ...],
    districts: tuple[str, ...],
    room: str,
    channels: tuple[str, str],
    party: str,
) -> OrganSpec:
    """A county government: 县政府常务会议, the county party committee's records held elsewhere."""
    place = short if short.endswith("县") else short + "县"
    mark = short.removesuffix("县") + "府"  # 丰都府发, 忠府发
    return OrganSpec(
        name=name,
        code=code,
        level="county",
        jurisdiction="chongqing",
        place=place,
        head_title="县长",
        deputy_title="副县长",
        fonds="0001",
        weight=weight,
        gov_body="executive_meeting",
        gov_meeting="县政府常务会议",
        bodies=("executive_meeting", "plenary_meeting"),
        doc_prefix=f"{mark}发",
        minutes_prefix=f"{mark}纪",
        party_name=party,
        party_minutes_prefix="",
        party_secretary="县委书记",
        reviewer=f"{name.removesuffix('人民政府')}司法局",
        legal_adviser=f"{place}人民政府法律顾问团",
        rules_of_procedure=(f"{name}工作规则", f"{mark}发〔2018〕10号"),
        channels=(f"{place}人民政府网站", *channels),
        sponsors=tuple(place + d for d in departments),
        villages=districts,
        location=room,
    )


# fmt: off
ORGANS: tuple[OrganSpec, ...] = (
    _town("龙河", "LH", "longhe", "0231", 3.0,
          ("建设环保办公室", "社会事务办公室", "经济发展办公室", "农业服务中心", "村镇建设服务中心", "财政所"),
          ("龙河", "白鹤", "黄草", "石龙", "观音", "太平"), "镇政府三楼会议室"),
    _town("社坛", "ST", "chongqing", "0236", 2.0,
          ("规划建设管理环保办公室", "社会事务办公室", "经济发展办公室", "农业服务中心", "财政所"),
          ("社坛", "蒋家", "白水", "坪坝", "东坪"), "镇政府二楼会议室"),
    _town("虎威", "HW", "chongqing", "0228", 2.0,
          ("建设环保办公室", "社会事务办公室", "经济发展办公室", "农业服务中心", "平安建设办公室"),
          ("虎威", "五孔", "大堰", "黄家", "平安"), "镇政府会议室"),
    _town("三合", "SH", "chongqing", "0205", 2.0,
          ("城市管理办公室", "社会事务办公室", "经济发展办公室", "社区服务中心"),
          ("名山", "双桂", "南天湖", "龙城", "滨江"), "街道办事处四楼会议室", subdistrict=True),
    _county("丰都县人民政府", "丰都", "FD", 2.0,
            ("规划和自然资源局", "住房和城乡建设委员会", "交通运输委员会", "水利局", "卫生健康委员会",
             "教育委员会", "生态环境局", "民政局", "文化和旅游发展委员会", "财政局"),
            ("中心城区", "名山", "三合", "湛普", "高家"), "县行政中心会议室", ("县政府政务新媒体", "丰都日报"),
            "中共丰都县委常委会会议"),
    _county("石柱土家族自治县人民政府", "石柱", "SZ", 1.5,
            ("住房和城乡建设委员会", "规划和自然资源局", "农业农村委员会", "文化和旅游发展委员会",
             "卫生健康委员会", "城市管理局", "水利局"),
            ("县城", "黄水", "西沱", "悦来", "中益"), "县政府第一会议室", ("石柱发布", "石柱报"),
            "中共石柱土家族自治县委常委会会议"),
    _county("忠县人民政府", "忠县", "ZX", 1.5,
            ("住房和城乡建设委员会", "规划和自然资源局", "交通局", "教育委员会", "生态环境局",
             "卫生健康委员会", "商务委员会"),
            ("县城", "忠州", "白公", "新生", "拔山"), "县行政中心三楼会议室", ("忠县发布", "忠州日报"),
            "中共忠县县委常委会会议"),
)
# fmt: on

# --------------------------------------------------------------------------------------------
# Subjects: (title template, categories, livelihood areas, flag tendencies, expert fields, sponsor keywords)
# {p} = the place (龙河镇 / 丰都县), {v} = a village or district, {y} = the year.
# Flag tendencies: t technical, r stability risk, m market entities, g specific groups,
# n npc matter, d divergent views, w widely concerned.
# --------------------------------------------------------------------------------------------

# fmt: off
_SUBJECTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("{p}场镇污水管网改造工程", "public_construction", "environmental_protection public_utilities", "t r w", "市政工程 环境工程 工程造价", "建设 环保 生态 城市"),
    ("{p}卫生院迁建工程", "public_construction", "healthcare", "t r n d w", "医疗建筑设计 卫生事业管理 岩土工程", "社会事务 卫生"),
    ("{p}场镇农贸市场搬迁", "public_construction", "", "r m g d w", "城乡规划 市场管理 工程造价", "经济 商务 建设"),
    ("{p}场镇停车秩序管理和临时停车收费办法", "public_policy", "public_utilities", "m w", "交通工程 价格管理 行政法", "建设 城市 交通"),
    ("{p}乡村旅游发展规划（{y1}—{y5}年）", "development_plan", "resource_development", "t w", "旅游规划 城乡规划 农业经济", "经济 文化 旅游 农业"),
    ("{p}{v}河道采砂规划（{y}—{y2}年）", "resources", "resource_development environmental_protection", "t r m", "水利工程 砂石资源开发 生态环境", "水利 自然资源 建设环保 农业"),
    ("{p}农村人居环境整治提升三年行动方案（{y1}—{y3}年）", "other_major", "environmental_protection", "w", "环境工程 农村规划 财政管理", "建设 环保 农业"),
    ("{p}农村饮水安全巩固提升工程（{y}年度）", "public_construction", "public_utilities", "t w", "给排水工程 水文地质 工程造价", "水利 农业 建设"),
    ("{p}集镇消防通道改造工程", "public_construction", "public_utilities", "t r", "消防工程 市政工程 工程造价", "建设 平安 城市"),
    ("{p}属闲置国有资产公开处置方案", "other_major state_assets", "", "m", "资产评估 财务管理 行政法", "财政"),
    ("{p}场镇生活垃圾压缩中转站建设项目", "public_construction", "environmental_protection public_utilities", "t r w", "环境工程 市政工程 工程造价", "建设 环保 城市"),
    ("{p}农村公路安全生命防护工程（{y}年度）", "public_construction", "public_utilities", "t", "道路工程 交通安全 工程造价", "交通 建设"),
    ("{p}农村公益性公墓建设项目", "public_construction", "public_utilities", "r g d w", "殡葬管理 土地规划 工程造价", "社会事务 民政"),
    ("{p}场镇路灯亮化改造工程", "public_construction", "public_utilities", "t", "电气工程 市政工程 工程造价", "建设 城市"),
    ("{p}敬老院改扩建工程", "public_construction", "healthcare", "t g", "建筑设计 养老服务管理 工程造价", "社会事务 民政"),
    ("{p}场镇老旧小区改造项目", "public_construction", "public_utilities", "t r g w", "建筑结构 给排水工程 工程造价", "建设 住房"),
    ("{p}村级小学及教学点布局调整方案", "public_policy", "culture_education", "r g d w", "教育管理 城乡规划 人口统计", "社会事务 教育"),
    ("{p}{v}文化广场建设项目", "public_construction", "culture_education", "t", "景观设计 建筑结构 工程造价", "文化 社会事务 建设"),
    ("{p}{v}传统村落保护利用方案", "resources", "culture_education resource_development", "t g", "文物保护 传统建筑 旅游规划", "文化 规划 建设"),
    ("{p}古树名木保护管理办法", "resources", "environmental_protection", "t", "林学 生态保护 行政法", "农业 规划 自然资源"),
    ("{p}特色产业发展扶持资金管理办法", "public_policy", "", "m w", "农业经济 财政管理 行政法", "经济 农业 财政 商务"),
    ("{p}农村建房风貌管控导则", "public_policy", "", "t g w", "村镇规划 建筑设计 行政法", "建设 规划"),
    ("{p}困难群众临时救助实施细则", "public_policy", "", "g w", "社会保障 财政管理 行政法", "社会事务 民政 社区"),
    ("{p}殡葬改革实施方案", "public_policy", "", "r g d w", "殡葬管理 社会学 行政法", "社会事务 民政"),
    ("{p}{v}供水管网延伸工程", "public_construction", "public_utilities", "t", "给排水工程 水文地质 工程造价", "水利 建设"),
    ("{p}属门面公开招租方案", "other_major state_assets", "", "m", "资产评估 商业运营 行政法", "财政 经济"),
    ("{p}{v}饮用水水源地保护区划定方案", "resources", "environmental_protection", "t r g", "水环境 水文地质 生态保护", "生态 环保 水利"),
    ("{p}农村集体经营性建设用地入市实施方案", "resources", "resource_development", "t r m g", "土地管理 农业经济 行政法", "规划 自然资源 农业"),
    ("{p}{v}幼儿园建设项目", "public_construction", "culture_education", "t w", "学前教育 建筑设计 工程造价", "社会事务 教育"),
    ("{p}{v}山洪灾害防治工程", "public_construction", "public_utilities", "t r", "水利工程 地质灾害 工程造价", "水利 平安 建设"),
    ("{p}城乡公交一体化实施方案", "public_policy", "public_utilities", "m w", "交通规划 公共管理 价格管理", "交通 经济"),
    ("{p}畜禽养殖禁养区划定方案", "public_policy", "environmental_protection", "t r m g d", "畜牧兽医 环境工程 行政法", "农业 生态 环保"),
    ("{p}{v}人行便桥建设工程", "public_construction", "public_utilities", "t", "桥梁工程 水文 工程造价", "建设 交通"),
    ("{p}特色产业园区建设规划（{y1}—{y5}年）", "development_plan", "resource_development", "t m", "产业经济 城乡规划 环境工程", "经济 商务 规划"),
    ("{p}全民健身中心建设项目", "public_construction", "culture_education", "t w", "体育设施 建筑设计 工程造价", "文化 社会事务 教育"),
    ("{p}生活垃圾分类实施方案", "public_policy", "environmental_protection public_utilities", "m g w", "环境工程 公共管理 行政法", "城市 环保 生态 建设"),
    ("{p}城区供水价格调整方案", "public_policy", "public_utilities", "m r d w", "价格管理 给排水工程 财务审计", "水利 财政 经济"),
)

_SURNAMES = (
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方"
    "俞任袁柳鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹"
)
_ABSENCE = ("外出培训", "在县里参加会议", "因公出差", "带队督查防汛工作", "病假", "在村组一线处置信访事项", "参加上级调研")
_REMARKS = ("建议分期实施", "建议加强资金监管", "建议做好群众工作", "建议细化实施方案", "建议同步完善配套设施", "注意施工安全")
_SURVEY = ("入户问卷", "网络问卷", "村民代表座谈问卷", "电话调查")
_RISK_POINTS = (
    ("施工期间交通与商户经营受影响", "分段施工，错峰作业", "设立临时通道，安排专人疏导"),
    ("征地拆迁补偿引发群众诉求", "补偿标准公开，一户一档", "设立群众诉求接待窗口，村干部包户化解"),
    ("收费标准调整引发群众不满", "分步调整，同步出台困难群众减免措施", "开通咨询热线，及时回应舆情"),
    ("项目选址邻近居民区引发邻避情绪", "优化选址，加强环保设施建设并公开监测数据", "成立矛盾纠纷调处小组"),
    ("资金不到位导致工程停滞", "资金分年度纳入预算，专款专用", "建立工程款支付预警机制"),
)
_SHORTENED = ("上级下达的项目申报时限紧迫", "防汛安全形势紧迫，须在汛期前实施", "中央预算内资金申报截止时间临近")

# fmt: on

# The deliberate defects: (code, relative weight, what the file's header comment says, with the rule)
_DEFECTS: tuple[tuple[str, float, str], ...] = (
    ("short_comment_period", 0.16, "征求意见期不足30日，公告未说明缩短理由（PP-03）"),
    ("missing_expert_review", 0.12, "认定专业性、技术性较强，但未组织专家论证（EXP-01）"),
    ("head_not_last", 0.12, "行政首长第一个发言，而非最后发言（MEET-04）"),
    ("late_legality_review", 0.10, "送合法性审查至上会不足7个工作日（LEGAL-03）"),
    ("member_opinion_missing", 0.08, "一名出席人员的意见未记录（MEET-07）"),
    ("head_overrides_majority", 0.06, "多数出席人员不同意，行政首长仍决定通过，未记载理由（MEET-05）"),
    ("expert_conflict", 0.06, "一名论证专家与决策事项有直接利害关系（EXP-03）"),
    ("no_interpretation", 0.08, "公布时没有政策解读（PUB-03）"),
    ("archive_gap", 0.08, "归档文件目录漏列一份已引用的文件（ARC-01）"),
    ("no_party_consideration", 0.05, "印发前未报党委审议（PARTY-01）"),
    ("flag_undetermined", 0.06, "一项触发事实未确定（FLAG-01）"),
    ("fullwidth_colon", 0.03, "一行使用全角冒号，YAML 无法解析（LOAD）"),
)


# --------------------------------------------------------------------------------------------
# Planning: which decisions each organ has each year, and the meetings that discuss them.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    head: bool = False


@dataclass
class Meeting:
    """One sitting, shared by every decision discussed at it (same attendance in each)."""

    number: int
    date: date
    name: str
    minutes_no: str
    members: tuple[Member, ...]
    absent: dict[str, str]  # name → absence reason
    written: frozenset[str] = frozenset()  # absent members who sent a written opinion


@dataclass
class Sitting:
    """A government meeting and the party consideration that follows it."""

    gov: Meeting
    party: Meeting


@dataclass
class Decision:
    organ: OrganSpec
    year: int
    kind: str  # decided | in_progress | excluded
    seq: int = 0
    sitting: Sitting | None = None
    emergency: Meeting | None = None
    rng_seed: int = 0

    @property
    def id(self) -> str:
        if self.kind == "excluded":
            return f"{self.organ.code}-{self.year}-YJ{self.seq:02d}"
        return f"{self.organ.code}-{self.year}-{self.seq:03d}"


@dataclass
class OrganYear:
    organ: OrganSpec
    year: int
    decisions: list[Decision] = field(default_factory=list)
    gov_roster: tuple[Member, ...] = ()
    party_roster: tuple[Member, ...] = ()
    staff: tuple[str, ...] = ()  # recorder, presenters …


def _names(rng: random.Random, count: int) -> list[str]:
    pool = list(_SURNAMES)
    rng.shuffle(pool)
    names: list[str] = []
    for i in range(count):
        surname = pool[i % len(pool)]
        names.append(surname + ("某" if i < len(pool) else "某某"))
    return names


def _rosters(rng: random.Random, organ: OrganSpec) -> tuple[tuple[Member, ...], tuple[Member, ...], tuple[str, ...]]:
    gov_size, party_size = rng.choices(range(5, 10), (3, 3, 2, 1, 1), k=2)
    names = _names(rng, gov_size + party_size + 4)
    head = Member(names[0], organ.head_title, head=True)
    deputies = [
        Member(names[i], ("常务" + organ.deputy_title) if i == 1 and organ.level == "county" else organ.deputy_title)
        for i in range(1, gov_size)
    ]
    gov = (head, *deputies)
    if organ.own_party:
        roles = ("人大主席", "纪委书记", "组织委员", "宣传委员", "武装部长", "统战委员", "政法委员")
        if organ.level == "subdistrict":
            roles = ("纪工委书记", "组织委员", "宣传委员", "武装部长", "统战委员", "政法委员", "副书记")
        others = [Member(names[gov_size + 1 + i], roles[i]) for i in range(party_size - 2)]
        party = (
            Member(names[gov_size], organ.party_secretary, head=True),
            Member(head.name, organ.head_title),
            *others,
        )
    else:
        party = ()
    staff = tuple(names[gov_size + party_size :])
    return gov, party, staff


def _attendance(rng: random.Random, members: Sequence[Member]) -> dict[str, str]:
    absent: dict[str, str] = {}
    limit = max(0, len(members) // 2 - 1)  # keep well above a half quorum
    for member in members[1:]:
        if len(absent) < limit and rng.random() < 0.12:
            absent[member.name] = rng.choice(_ABSENCE)
    return absent


def plan(count: int, seed: int) -> list[OrganYear]:
    """Assign ``count`` decisions to organs and years and schedule their meetings."""
    rng = random.Random(seed)
    calendar = WorkingDays()
    groups: dict[tuple[int, int], OrganYear] = {}
    weights = [o.weight for o in ORGANS]
    for _ in range(count):
        organ_index = rng.choices(range(len(ORGANS)), weights)[0]
        organ, year = ORGANS[organ_index], rng.choice(YEARS)
        group = groups.setdefault((organ_index, year), OrganYear(organ, year))
        roll = rng.random()
        if roll < EXCLUDED_RATE and organ.own_party:
            kind = "excluded"
        elif roll < EXCLUDED_RATE + IN_PROGRESS_RATE:
            kind = "in_progress"
        else:
            kind = "decided"
        group.decisions.append(Decision(organ, year, kind, rng_seed=rng.getrandbits(48)))
    for key in sorted(groups):
        group = groups[key]
        organ, year = group.organ, group.year
        group.gov_roster, group.party_roster, group.staff = _rosters(rng, organ)
        decided = [d for d in group.decisions if d.kind == "decided"]
        window = calendar.between(date(year, 4, 20), date(year, 12, 15))
        sittings = max(1, min(len(window) // 2, round(len(decided) / rng.uniform(1.5, 3.0))))
        dates = sorted(rng.sample(window[::2], min(sittings, len(window[::2]))))
        schedule: list[Sitting] = []
        for k, day in enumerate(dates, start=2):  # the 1st sitting of the year adopted the catalogue
            gov = Meeting(
                k,
                day,
                f"{year}年第{k}次{organ.gov_meeting}",
                f"{organ.minutes_prefix}〔{year}〕{k}号",
                group.gov_roster,
                _attendance(rng, group.gov_roster),
            )
            gov.written = frozenset(n for n in gov.absent if rng.random() < 0.3)
            party_day = calendar.shift(day, 1)
            if organ.own_party:
                party = Meeting(
                    k,
                    party_day,
                    f"{year}年第{k}次{organ.party_name}",
                    f"{organ.party_minutes_prefix}〔{year}〕{k}号",
                    group.party_roster,
                    _attendance(rng, group.party_roster),
                )
            else:
                party = Meeting(k, party_day, f"{organ.party_name.replace('会议', '')}{year}年第{k}次会议", "", (), {})
            schedule.append(Sitting(gov, party))
        for decision in decided:
            decision.sitting = rng.choice(schedule)
        decided.sort(key=lambda d: d.sitting.gov.date if d.sitting else date.min)
        in_progress = [d for d in group.decisions if d.kind == "in_progress"]
        for seq, decision in enumerate([*decided, *in_progress], start=1):
            decision.seq = seq
        emergencies = [d for d in group.decisions if d.kind == "excluded"]
        joint = (
            *group.party_roster,
            *(m for m in group.gov_roster if m.name not in {p.name for p in group.party_roster}),
        )
        for seq, decision in enumerate(emergencies, start=1):
            day = rng.choice(calendar.between(date(year, 5, 15), date(year, 9, 15)))
            decision.seq = seq
            decision.emergency = Meeting(
                seq,
                day,
                f"{year}年第{seq}次党政联席会议",
                f"{organ.doc_prefix[:-2]}党政纪〔{year}〕{seq}号",  # 龙河党政纪〔2021〕1号
                joint,
                _attendance(rng, joint),
            )
        group.decisions = [*decided, *in_progress, *emergencies]
    return [groups[key] for key in sorted(groups)]


# --------------------------------------------------------------------------------------------
# Rendering (plain string templates; values never need quoting except `entry`)
# --------------------------------------------------------------------------------------------


class Register:
    """The evidence register: documents numbered D1, D2, … in the order they are added."""

    def __init__(self) -> None:
        self.rows: list[str] = []

    def add(self, kind: str, title: str, day: date, doc_no: str | None = None) -> str:
        doc_id = f"D{len(self.rows) + 1}"
        number = f", doc_no: {doc_no}" if doc_no else ""
        self.rows.append(f"  - {{id: {doc_id}, type: {kind}, title: {title}{number}, date: {day}}}")
        return doc_id

    @property
    def ids(self) -> list[str]:
        return [f"D{i}" for i in range(1, len(self.rows) + 1)]


def _ids(values: Iterable[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _member_line(member: Member, meeting: Meeting, opinion: str | None, remarks: str | None = None) -> str:
    parts = [f"name: {member.name}", f"role: {member.role}"]
    if member.head:
        parts.append("head: true")
    if member.name in meeting.absent:
        parts += ["present: false", f"absence_reason: {meeting.absent[member.name]}"]
        if member.name in meeting.written:
            parts += ["written_opinion: 同意提交会议审议", "opinion: agree"]
    else:
        parts.append("present: true")
        if opinion:
            parts.append(f"opinion: {opinion}")
        if remarks:
            parts.append(f"remarks: {remarks}")
    return "      - {" + ", ".join(parts) + "}"


def _members_block(
    rng: random.Random, meeting: Meeting, *, dissent: int = 0, skip_opinion: bool = False, head_first: bool = False
) -> tuple[list[str], str]:
    """The ``members`` lines and the ``speaking_order`` line of one meeting for one decision."""
    present = [m for m in meeting.members if m.name not in meeting.absent]
    others = [m for m in present if not m.head]
    dissenters = set(rng.sample([m.name for m in others], min(dissent, len(others))))
    silent = rng.choice(others).name if skip_opinion and others else None
    lines = []
    for member in meeting.members:
        opinion: str | None = "agree"
        remarks = None
        if member.name in dissenters:
            opinion = "disagree" if len(dissenters) == 1 or member.name != min(dissenters) else "abstain"
            remarks = rng.choice(_REMARKS)
        elif rng.random() < 0.04:
            remarks = rng.choice(_REMARKS)
        if member.name == silent:
            opinion, remarks = None, None
        lines.append(_member_line(member, meeting, opinion, remarks))
    head = next(m for m in present if m.head)
    order = [head, *others] if head_first else [*others, head]
    return lines, f"    speaking_order: {_ids(m.name for m in order)}"


def _flags(
    rng: random.Random, tendency: str, *, dropped: str | None, forced: str | None, chinese: bool
) -> tuple[dict[str, bool], list[str]]:
    """The eight flags (likely true when the subject's tendency says so); ``dropped`` left out, ``forced`` true."""
    codes = {
        "t": "technical",
        "r": "stability_risk",
        "m": "market_entities",
        "g": "specific_groups",
        "n": "npc_matter",
        "d": "divergent_views",
        "w": "widely_concerned",
    }
    marks = set(tendency.split())
    values = {"public_interest": rng.random() < 0.8}
    for mark, flag in codes.items():
        values[flag] = rng.random() < (0.85 if mark in marks else 0.06)
    if forced:
        values[forced] = True
    yes, no = ("是", "否") if chinese else ("true", "false")
    order = (
        "public_interest",
        "specific_groups",
        "technical",
        "stability_risk",
        "market_entities",
        "npc_matter",
        "divergent_views",
        "widely_concerned",
    )
    lines = [f"  {flag}: {yes if values[flag] else no}" for flag in order if flag != dropped]
    return values, lines


def _title(rng: random.Random, organ: OrganSpec, year: int) -> tuple[str, tuple[str, str, str, str, str, str]]:
    subject = rng.choice(_SUBJECTS)
    place = organ.place
    if organ.level == "county":
        template = subject[0].replace("{p}场镇", "{p}城区").replace("{p}集镇", "{p}").replace("{p}村级", "{p}农村")
    else:
        template = subject[0]
    village = rng.choice(organ.villages) + ("" if organ.level in ("county", "subdistrict") else "村")
    title = template.format(p=place, v=village, y=year, y1=year + 1, y2=year + 2, y3=year + 3, y5=year + 5)
    if rng.random() < 0.1 and "（" not in title:
        title += rng.choice(("（一期）", "（二期）", f"（{year}年度）"))
    return title, subject


def _sponsors(rng: random.Random, organ: OrganSpec, keywords: str) -> list[str]:
    """The lead unit is one whose name fits the subject; sometimes a second unit co-sponsors."""
    fitting = [s for s in organ.sponsors if any(k in s for k in keywords.split())] or list(organ.sponsors)
    lead = rng.choice(fitting)
    if rng.random() < 0.2:
        return [lead, rng.choice([s for s in organ.sponsors if s != lead])]
    return [lead]


def _subject(title: str, organ: OrganSpec) -> str:
    """The title without the place prefix, for document titles."""
    return title.removeprefix(organ.place).removeprefix("属") or title


def render_decision(group: OrganYear, decision: Decision, calendar: WorkingDays) -> tuple[str, str]:
    if decision.kind == "excluded":
        return _render_emergency(group, decision, calendar)
    rng = random.Random(decision.rng_seed)
    organ, year = group.organ, group.year
    title, (_, categories, livelihood, tendency, fields, keywords) = _title(rng, organ, year)
    short = _subject(title, organ)
    defect = None
    if decision.kind == "decided" and rng.random() < DEFECT_RATE:
        defect = rng.choices([d for d, _, _ in _DEFECTS], [w for _, w, _ in _DEFECTS])[0]
    dropped = (
        rng.choice(("divergent_views", "npc_matter", "specific_groups")) if defect == "flag_undetermined" else None
    )
    forced = {"missing_expert_review": "technical", "no_interpretation": "widely_concerned"}.get(defect or "")
    flags, flag_lines = _flags(rng, tendency, dropped=dropped, forced=forced, chinese=rng.random() < 0.03)
    sponsors = _sponsors(rng, organ, keywords)
    c189 = organ.level == "county" and decision.sitting is not None and decision.sitting.gov.date < C337_IN_FORCE
    staff = group.staff
    recorder = staff[0]

    # ---- the timeline, worked backwards from the meeting that decides -------------------------
    if decision.sitting is not None:
        meeting_day = decision.sitting.gov.date
    else:  # in progress: the procedure stops before the legality review, at the end of the year
        meeting_day = calendar.on_or_before(date(year, 12, 28))
    lead = rng.randint(13, 24) if defect != "late_legality_review" else rng.randint(3, 6)
    submitted = calendar.shift(meeting_day, -lead)
    concluded = calendar.shift(submitted, rng.randint(min(3, lead - 2), min(10, lead - 2)))
    cursor = submitted
    fair_day = risk_day = expert_day = None
    if flags["market_entities"]:
        fair_day = cursor = calendar.shift(cursor, -rng.randint(1, 3))
    do_risk = flags["stability_risk"] or c189 or rng.random() < 0.3
    if do_risk:
        risk_day = cursor = calendar.shift(cursor, -rng.randint(1, 3))
    do_expert = flags["technical"] or c189 or defect == "expert_conflict" or rng.random() < 0.25
    do_expert = do_expert and defect != "missing_expert_review"
    if do_expert:
        expert_day = cursor = calendar.shift(cursor, -rng.randint(1, 4))
    feedback = cursor = calendar.shift(cursor, -rng.randint(1, 4))
    hearing_day = None
    if flags["public_interest"] and (flags["divergent_views"] or rng.random() < 0.05):
        hearing_day = cursor = calendar.shift(cursor, -rng.randint(1, 3))
    comment_end = cursor - timedelta(days=rng.randint(2, 8))
    shortened = None
    if defect == "short_comment_period":
        period = rng.randint(10, 25)
    elif rng.random() < 0.04:
        period, shortened = rng.randint(15, 25), rng.choice(_SHORTENED)
    else:
        period = rng.randint(32, 45)
    notice = calendar.on_or_before(comment_end - timedelta(days=period))
    draft_day = calendar.shift(notice, -rng.randint(1, 3))
    basis_day = calendar.shift(draft_day, -rng.randint(2, 8))
    launched = calendar.shift(basis_day, -rng.randint(3, 15))
    memo_day = calendar.shift(launched, -rng.randint(1, 4))

    # ---- header -------------------------------------------------------------------------------
    docs = Register()
    out: list[str] = [
        f"# {organ.name}{year}年重大行政决策档案（基准测试数据，虚构）。",
        *(f"# 刻意设置的缺陷：{label}" for code, _, label in _DEFECTS if code == defect),
        *([f"# 征求意见期缩短为{(comment_end - notice).days}日，公告说明了理由（PP-03 警告）"] if shortened else []),
        f"id: {decision.id}",
        f"title: {title}",
        f"organ: {organ.name}",
        f"organ_level: {organ.level}",
        f"jurisdiction: {organ.jurisdiction}",
    ]
    out += ["sponsor:", *(f"  - {s}" for s in sponsors)] if len(sponsors) > 1 else [f"sponsor: {sponsors[0]}"]
    out += ["category:", *(f"  - {c}" for c in categories.split())]
    if livelihood:
        out += ["livelihood_areas:", *(f"  - {a}" for a in livelihood.split())]
    out += ["flags:", *flag_lines]
    out += ["catalog:", f"  year: {year}", f'  entry: "{decision.seq}"']
    if decision.kind == "in_progress":
        out.append("status: in_progress")
    launch_date = f"{launched.year}年{launched.month}月{launched.day}日" if rng.random() < 0.03 else str(launched)
    proposer = "department" if rng.random() < 0.8 else rng.choice(("leader", "deputy", "public"))
    approver = f"{organ.head_title}办公会" if organ.level != "county" else "县长办公会议"
    out += [
        "launched:",
        f"  date: {launch_date}",
        f"  proposer: {proposer}",
        f"  approved_by: {approver}",
        f"  determined_by: {approver}",
    ]
    if proposer == "department":
        docs.add("launch_memo", "启动请示及论证材料", memo_day)
    docs.add("legal_basis", "法律依据清单", basis_day)
    docs.add("draft", "决策草案（征求意见稿）及起草说明", draft_day)

    # ---- public participation -----------------------------------------------------------------
    out.append("steps:")
    notice_doc = docs.add("consultation_notice", f"关于征求{short}意见的公告", notice)
    methods = ["public_comment", rng.choice(("symposium", "written_comment", "field_visit"))]
    if hearing_day:
        methods.append("hearing")
    survey = livelihood != ""
    if survey:
        methods.append(rng.choice(("opinion_survey", "questionnaire")))
    consulted = ["public", "npc_deputies", "grassroots_organizations", "stakeholders"]
    if flags["specific_groups"]:
        consulted += ["peoples_organizations", "social_organizations", "mass_representatives"]
    elif flags["public_interest"] and organ.jurisdiction == "longhe":  # the town consults all sectors
        consulted += ["peoples_organizations", "social_organizations"]
    if organ.level == "county":
        consulted += ["cppcc_members", "departments", "lower_governments"]
    received = rng.randint(8, 90)
    step_docs = [notice_doc]
    summarising = decision.kind == "in_progress" and rng.random() < 0.5  # comments still being summarised
    pp = [
        "  public_participation:",
        *(["    status: pending"] if summarising else []),
        f"    methods: {_ids(methods)}",
        "    notice:",
        f"      date: {notice}",
        f"      channels: {_ids(rng.sample(organ.channels, 2))}",
        "      draft_published: true",
        "      explanation_published: true",
        "    comment_period:",
        f"      start: {notice + timedelta(days=1)}",
        f"      end: {comment_end}",
    ]
    if shortened:
        pp.append(f"    shortened_reason: {shortened}")
    pp.append(f"    consulted: {_ids(consulted)}")
    hearing_doc = docs.add("hearing_record", "听证会笔录", hearing_day) if hearing_day else None
    summary_doc = None
    if not summarising:
        summary_doc = docs.add("opinion_summary", "意见汇总及采纳情况", feedback)
        step_docs.append(summary_doc)
        pp += [
            f"    opinions_received: {received}",
            f"    opinions_adopted: {rng.randint(0, received // 2)}",
            f"    adoption_summary: {summary_doc}",
            f"    feedback_published: {feedback}",
        ]
    if survey:
        survey_day = calendar.on_or_before(notice + timedelta(days=rng.randint(7, 20)))
        pp += [
            "    survey:",
            f"      date: {survey_day}",
            f"      respondents: {rng.randint(80, 600)}",
            f"      method: {rng.choice(_SURVEY)}",
        ]
    pp.append(f"    documents: {_ids(step_docs)}")
    out += pp
    if hearing_day and hearing_doc:
        participants = _names(rng, 5)
        sides = ("周边居民代表", "村民代表", "人大代表", "企业代表", "老年协会代表")
        out += [
            "  hearing:",
            f"    date: {hearing_day}",
            f"    notice_date: {calendar.on_or_before(hearing_day - timedelta(days=rng.randint(18, 24)))}",
            f"    participants_published: {calendar.on_or_before(hearing_day - timedelta(days=12))}",
            f"    materials_delivered: {calendar.on_or_before(hearing_day - timedelta(days=rng.randint(9, 11)))}",
            "    participants:",
            *(f"      - {{name: {n}, side: {s}}}" for n, s in zip(participants, sides, strict=True)),
            "    record_signed: true",
            f"    documents: [{hearing_doc}]",
        ]
    if decision.kind == "in_progress":
        out += _pending_steps(rng, flags, organ)
        out += ["documents:", *docs.rows]
        return title, "\n".join(out) + "\n"

    # ---- expert review, risk, fair competition, legality --------------------------------------
    referenced: list[str] = [d for d in (summary_doc, hearing_doc) if d]
    if expert_day:
        expert_doc = docs.add("expert_opinion", "专家论证意见", expert_day)
        referenced.append(expert_doc)
        names = _names(rng, 5)
        experts = []
        conflict_at = rng.randrange(3) if defect == "expert_conflict" else -1
        for i, field_name in enumerate(fields.split()):
            affiliation = rng.choice(
                ("重庆某高校", "县设计院", "重庆某规划设计研究院", "某造价咨询公司", "某律师事务所")
            )
            conflict = i == conflict_at
            if conflict:
                affiliation = f"{organ.place}某建设工程有限公司"
            experts.append(
                f"      - {{name: {names[i]}, kind: person, field: {field_name}, affiliation: {affiliation}, "
                f"conflict_of_interest: {'true' if conflict else 'false'}, "
                f"opinion: {'conditional' if rng.random() < 0.25 else 'agree'}, signed: true}}"
            )
        out += [
            "  expert_review:",
            f"    date: {expert_day}",
            f"    method: {rng.choice(('meeting', 'meeting', 'written'))}",
            "    experts:",
            *experts,
            f"    adoption_summary: {expert_doc}",
            f"    documents: [{expert_doc}]",
        ]
    elif not flags["technical"]:
        out += [
            "  expert_review:",
            "    status: not_applicable",
            f"    reason: 经{approver}认定，本事项不属于专业性、技术性较强的事项",
        ]
    if risk_day:
        risk_doc = docs.add("risk_report", "社会稳定风险评估报告", risk_day)
        referenced.append(risk_doc)
        points, measures, contingency = rng.choice(_RISK_POINTS)
        out += [
            "  risk_assessment:",
            f"    date: {risk_day}",
            f"    assessor: {sponsors[0]}",
            "    level: low",
            "    controllable: true",
            f"    risk_points: {points}",
            f"    measures: {measures}",
            f"    contingency_plan: {contingency}",
            f"    departments_consulted: {_ids(rng.sample([s for s in organ.sponsors if s != sponsors[0]], 2))}",
            f"    documents: [{risk_doc}]",
        ]
    if fair_day:
        fair_doc = docs.add("fair_competition_record", "公平竞争审查表", fair_day)
        referenced.append(fair_doc)
        out += [
            "  fair_competition_review:",
            f"    date: {fair_day}",
            f"    reviewer: {sponsors[0]}",
            "    conclusion: compliant",
            f"    documents: [{fair_doc}]",
        ]
    submission = docs.add("legality_submission", "合法性审查送审材料", submitted)
    opinion_doc = docs.add("legality_opinion", "合法性审查意见书", concluded)
    referenced.append(opinion_doc)
    out += [
        "  legality_review:",
        f"    submitted: {submitted}",
        f"    concluded: {concluded}",
        f"    reviewer: {organ.reviewer}",
        "    conclusion: lawful",
        "    legal_adviser_opinion: true",
        f"    documents: [{submission}, {opinion_doc}]",
    ]

    # ---- meetings -----------------------------------------------------------------------------
    sitting = decision.sitting
    assert sitting is not None
    gov = sitting.gov
    gov_doc = docs.add("meeting_minutes", f"{organ.gov_meeting}会议纪要", gov.date, gov.minutes_no)
    dissent = 1 if rng.random() < 0.15 else 0  # one dissenting voice, recorded
    if defect == "head_overrides_majority":  # most present members against, the head approves anyway
        others = sum(1 for m in gov.members if m.name not in gov.absent and not m.head)
        dissent = others - (1 if others >= 5 else 0)
    alternatives: list[str] = []
    if c189:  # 189号: alternatives approved by the leader in charge go to the meeting
        deputy = gov.members[1].name
        alternatives_day = calendar.shift(gov.date, -rng.randint(2, 5))
        referenced.append(docs.add("other", "决策备选方案及说明（分管副县长审核同意）", alternatives_day))
        alternatives = [
            f"    leader_in_charge_recommendation: {deputy}（分管副县长）：同意提交会议审议",
            "    alternatives:",
            f"      count: {rng.randint(2, 3)}",
            f"      approved_by: {deputy}（分管副县长）",
            f"      date: {alternatives_day}",
        ]
    members, order = _members_block(
        rng, gov, dissent=dissent, skip_opinion=defect == "member_opinion_missing", head_first=defect == "head_not_last"
    )
    head = gov.members[0]
    outcome = "amended" if rng.random() < 0.1 else "approved"
    out += [
        "meetings:",
        "  - purpose: decide",
        f"    body: {organ.gov_body}",
        f"    name: {gov.name}",
        f"    minutes_no: {gov.minutes_no}",
        f"    date: {gov.date}",
        f"    location: {organ.location}",
        f"    chair: {head.name}",
        f"    recorder: {recorder}",
        f"    presenter: {sponsors[0]}负责人 {staff[1]}",
        "    members:",
        *members,
        order,
        *alternatives,
        f"    head_conclusion: 同意实施，{rng.choice(_REMARKS).removeprefix('建议')}",
        f"    materials: {_ids(referenced)}",
        f"    outcome: {outcome}",
        f"    resolution: 原则同意《{short}》，由{sponsors[0]}牵头组织实施。",
        f"    documents: [{gov_doc}]",
    ]
    if defect == "fullwidth_colon":  # a clerk's full-width colon turns the mapping into a plain scalar
        at = next(i for i, line in enumerate(out) if line.startswith("    head_conclusion: "))
        out[at] = out[at].replace("head_conclusion: ", "head_conclusion：")
    party = sitting.party
    party_last = gov.date
    if defect != "no_party_consideration":
        party_last = party.date
        if organ.own_party:
            party_doc = docs.add("meeting_minutes", f"{organ.party_name}会议纪要", party.date, party.minutes_no)
            p_members, p_order = _members_block(rng, party)
            out += [
                "  - purpose: party_consideration",
                "    body: party_committee",
                f"    name: {party.name}",
                f"    minutes_no: {party.minutes_no}",
                f"    date: {party.date}",
                f"    chair: {party.members[0].name}",
                f"    recorder: {recorder}",
                "    members:",
                *p_members,
                p_order,
                "    outcome: approved",
                f"    resolution: 同意{organ.gov_meeting}意见。",
                f"    documents: [{party_doc}]",
            ]
        else:
            docs.add("other", f"提请{organ.party_name.replace('会议', '')}审议的请示", gov.date)
            out += [
                "  - purpose: party_consideration",
                "    form: committee_meeting",
                "    body: party_committee",
                f"    name: {party.name}",
                f"    date: {party.date}",
            ]
    npc_day = None
    if flags["npc_matter"]:
        npc_day = calendar.shift(party_last, rng.randint(1, 3))
        party_last = npc_day
    issued = calendar.shift(party_last, rng.randint(1, 3))
    doc_no = f"{organ.doc_prefix}〔{year}〕{decision.seq + 10}号"

    # ---- after the meeting --------------------------------------------------------------------
    steps_tail: list[str] = []
    if npc_day:
        npc_body = {
            "township": f"{organ.place}人民代表大会主席团",
            "county": f"{organ.place}人民代表大会常务委员会",
        }.get(organ.level, "丰都县人民代表大会常务委员会")
        npc_doc = docs.add("other", f"向{npc_body}的报告", npc_day)
        steps_tail += ["  npc_report:", f"    date: {npc_day}", f"    body: {npc_body}", f"    documents: [{npc_doc}]"]
    docs.add("decision_document", f"关于实施{short}的决定", issued, doc_no)
    published = calendar.shift(issued, rng.randint(1, 5))
    interpretation = None
    if (flags["widely_concerned"] or flags["technical"]) and defect != "no_interpretation":
        interpretation = docs.add("interpretation", "政策解读", published)
    steps_tail += ["  publication:", f"    date: {published}", f"    channels: [{organ.channels[0]}]"]
    if interpretation:
        steps_tail.append(f"    interpretation: {interpretation}")
    steps_tail.append("    adoption_explained: true")
    archived = docs.ids
    if defect == "archive_gap" and len(archived) > 4:
        archived = [d for d in archived if d != referenced[0]]
    archive_day = calendar.shift(issued, rng.randint(8, 30))
    steps_tail += [
        "  archive:",
        f"    date: {archive_day}",
        f"    archive_no: {organ.fonds}-WS·{year}-Y-{decision.seq:04d}",
        "    retention: permanent",
        f"    archived_documents: {_ids(archived)}",
        "  implementation:",
        f"    unit: {sponsors[0]}",
    ]
    # steps must precede meetings in the file for readability: splice them in before "meetings:"
    at = out.index("meetings:")
    out[at:at] = steps_tail
    out += ["issued:", f"  date: {issued}", f"  doc_no: {doc_no}", "documents:", *docs.rows]
    return title, "\n".join(out) + "\n"


def _pending_steps(rng: random.Random, flags: dict[str, bool], organ: OrganSpec) -> list[str]:
    lines: list[str] = []
    if flags["technical"]:
        lines += ["  expert_review:", "    status: pending", "    notes: 拟于次年1月中旬召开论证会"]
    if flags["stability_risk"]:
        lines += [
            "  risk_assessment:",
            "    status: pending",
            f"    notes: 拟由{rng.choice(organ.sponsors)}开展社会稳定风险评估",
        ]
    lines += ["  legality_review:", "    status: pending", f"    notes: 专家论证、风险评估完成后送{organ.reviewer}审查"]
    return lines


def _render_emergency(group: OrganYear, decision: Decision, calendar: WorkingDays) -> tuple[str, str]:
    rng = random.Random(decision.rng_seed)
    organ, year = group.organ, group.year
    meeting = decision.emergency
    assert meeting is not None
    hazard = rng.choice(
        (
            "防汛Ⅳ级应急响应并紧急转移沿河低洼地带群众",
            "地质灾害Ⅲ级应急响应并转移滑坡隐患点群众",
            "森林防火Ⅳ级应急响应并实施封山管控",
        )
    )
    title = f"{organ.place}启动{hazard}的决定"
    members, order = _members_block(rng, meeting)
    archive = calendar.shift(meeting.date, rng.randint(10, 30))
    number = f"{organ.doc_prefix.removesuffix('府发').removesuffix('街发')}防指发〔{year}〕{decision.seq}号"
    out = [
        f"# {organ.name}{year}年突发事件应急处置决策——不适用重大行政决策程序（条例第三条第二款）。",
        f"id: {decision.id}",
        f"title: {title}",
        f"organ: {organ.name}",
        f"organ_level: {organ.level}",
        f"jurisdiction: {organ.jurisdiction}",
        f"sponsor: {organ.place}应急管理办公室",
        "excluded:",
        "  reason: emergency",
        "  basis: 《重大行政决策程序暂行条例》第三条第二款；《中华人民共和国突发事件应对法》",
        "launched:",
        f"  date: {meeting.date}",
        "  proposer: leader",
        f"  approved_by: {organ.place}防汛抗旱指挥部",
        "meetings:",
        "  - purpose: decide",
        "    body: joint_party_government_meeting",
        f"    name: {meeting.name}",
        f"    minutes_no: {meeting.minutes_no}",
        f"    date: {meeting.date}",
        "    location: 应急指挥部值班室",
        f"    chair: {meeting.members[0].name}",
        f"    recorder: {group.staff[0]}",
        "    members:",
        *members,
        order,
        "    outcome: approved",
        "    resolution: 即时启动应急响应，当日完成受威胁群众转移安置。",
        "    documents: [D1]",
        "issued:",
        f"  date: {meeting.date}",
        f"  doc_no: {number}",
        "steps:",
        "  publication:",
        f"    date: {meeting.date}",
        f"    channels: [{organ.channels[1]}, 应急广播]",
        "  archive:",
        f"    date: {archive}",
        f"    archive_no: {organ.fonds}-WS·{year}-Y-{900 + decision.seq:04d}",
        "    retention: permanent",
        "    archived_documents: [D1, D2]",
        "documents:",
        f"  - {{id: D1, type: meeting_minutes, title: 党政联席会议纪要, doc_no: {meeting.minutes_no}, date: {meeting.date}}}",
        f"  - {{id: D2, type: decision_document, title: 关于启动应急响应的决定, doc_no: {number}, date: {meeting.date}}}",
    ]
    return title, "\n".join(out) + "\n"


def render_organ(organ: OrganSpec) -> str:
    title, doc_no = organ.rules_of_procedure
    return (
        "\n".join(
            [
                f"# 决策机关：{organ.name}（基准测试数据，虚构）。",
                "kind: organ",
                f"name: {organ.name}",
                f"code: {organ.code}",
                f"level: {organ.level}",
                f"jurisdiction: {organ.jurisdiction}",
                f"head_title: {organ.head_title}",
                "bodies:",
                *(f"  - {b}" for b in organ.bodies),
                "quorum:",
                "  fraction: 0.5",
                "  inclusive: true",
                f"  basis: 《{title}》：会议须有半数以上组成人员出席方可召开",
                "legality_reviewers:",
                f"  - {organ.reviewer}",
                f"legal_adviser: {organ.legal_adviser}",
                "rules_of_procedure:",
                f"  title: {title}",
                f"  doc_no: {doc_no}",
                "archive:",
                f'  fonds_no: "{organ.fonds}"',
                "  due_days: 60",
            ]
        )
        + "\n"
    )


def render_catalog(group: OrganYear, titles: dict[str, str], calendar: WorkingDays) -> str:
    organ, year = group.organ, group.year
    adopted = calendar.shift(date(year, 1, 6), 0)
    out = [
        f"# {organ.place}{year}年度重大行政决策事项目录（基准测试数据，虚构）。",
        "kind: catalog",
        f"year: {year}",
        f"organ: {organ.name}",
        f"owner: {organ.name}",
        "adopted:",
        f"  date: {adopted}",
        f"  meeting: {year}年第1次{organ.gov_meeting}",
        f"party_consent: {calendar.shift(adopted, 2)}",
        "published:",
        f"  date: {calendar.shift(adopted, 5)}",
        "  url: http://www.cqfd.gov.cn/",
        "entries:",
    ]
    for decision in group.decisions:
        if decision.kind == "excluded":
            continue
        out += [f'  - entry: "{decision.seq}"', f"    title: {titles[decision.id]}", f"    decision_id: {decision.id}"]
    return "\n".join(out) + "\n"


def generate(out_dir: Path, count: int, seed: int) -> dict[str, int]:
    """Write the corpus; returns counts of what was written."""
    calendar = WorkingDays()
    groups = plan(count, seed)
    (out_dir / "organs").mkdir(parents=True, exist_ok=True)
    (out_dir / "catalogs").mkdir(parents=True, exist_ok=True)
    written: defaultdict[str, int] = defaultdict(int)
    organs_used: dict[str, OrganSpec] = {}
    for group in groups:
        organs_used[group.organ.code] = group.organ
        folder = out_dir / str(group.year)
        folder.mkdir(exist_ok=True)
        titles: dict[str, str] = {}
        for decision in group.decisions:
            titles[decision.id], text = render_decision(group, decision, calendar)
            (folder / f"{decision.id}.yaml").write_text(text, encoding="utf-8")
            written["decisions"] += 1
            written["bytes"] += len(text.encode("utf-8"))
        (out_dir / "catalogs" / f"{group.organ.file_stem}-{group.year}.yaml").write_text(
            render_catalog(group, titles, calendar), encoding="utf-8"
        )
        written["catalogs"] += 1
    for organ in organs_used.values():
        (out_dir / "organs" / f"{organ.file_stem}.yaml").write_text(render_organ(organ), encoding="utf-8")
        written["organs"] += 1
    return dict(written)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, help="folder to write (emptied first when --clean)")
    parser.add_argument("--count", type=int, required=True, help="number of decision records")
    parser.add_argument("--seed", type=int, default=713, help="random seed (default 713)")
    parser.add_argument("--clean", action="store_true", help="delete OUT_DIR first")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if args.clean and args.out_dir.exists():
        shutil.rmtree(args.out_dir)
    started = time.perf_counter()
    written = generate(args.out_dir, args.count, args.seed)
    elapsed = time.perf_counter() - started
    average = written["bytes"] / written["decisions"]
    print(
        f"{args.out_dir}: {written['decisions']} decisions (avg {average / 1024:.1f} KB), "
        f"{written['organs']} organ files, {written['catalogs']} catalogues in {elapsed:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
