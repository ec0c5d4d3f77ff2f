"""Enumerations of the record format. Each value is written as its English code or its Chinese label.

A member carries its Chinese label (``zh``), English name (``en``) and any accepted aliases
(``retention`` accepts the DA/T 22-2015 codes ``Y``/``D30``/``D10``). Reports print ``zh``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:  # only for the JSON Schema hook; kept off the start-up path
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema


class LabeledEnum(StrEnum):
    """A string enum whose members also accept their Chinese label and aliases on input."""

    zh: str
    en: str
    aliases: tuple[str, ...]

    def __new__(cls, code: str, zh: str, en: str, *aliases: str) -> LabeledEnum:
        member = str.__new__(cls, code)
        member._value_ = code
        member.zh = zh
        member.en = en
        member.aliases = aliases
        return member

    @classmethod
    def _missing_(cls, value: object) -> LabeledEnum | None:
        if not isinstance(value, str):
            return None
        text = value.strip()
        for member in cls:
            if text == member.zh or text in member.aliases or text.lower() == member.value:
                return member
        return None

    @classmethod
    def parse(cls, value: str) -> Self:
        """The member for a code, label or alias; ``ValueError`` otherwise."""
        return cls(value)  # type: ignore[call-arg]

    @classmethod
    def choices(cls) -> str:
        """``code（label）`` for every member, for messages."""
        return "、".join(f"{m.value}（{m.zh}）" for m in cls)

    def label(self, lang: str = "zh") -> str:
        """The printed name of the value."""
        return self.en if lang == "en" else self.zh

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema: dict[str, Any] = handler(schema)
        json_schema = handler.resolve_ref_schema(json_schema)
        values: list[str] = []
        for member in cls:
            values.extend([member.value, member.zh, *member.aliases])
        json_schema["enum"] = values
        json_schema["type"] = "string"
        json_schema["description"] = "；".join(f"{m.value} = {m.zh} ({m.en})" for m in cls)
        return json_schema


class OrganLevel(LabeledEnum):
    TOWNSHIP = ("township", "乡镇", "township", "乡", "镇")
    SUBDISTRICT = ("subdistrict", "街道", "subdistrict")
    COUNTY = ("county", "区县", "county or district", "县", "区")
    CITY = ("city", "市", "city")
    DEPARTMENT = ("department", "政府部门", "government department")


class Category(LabeledEnum):
    PUBLIC_POLICY = ("public_policy", "重大公共政策和措施", "major public policy and measures")
    DEVELOPMENT_PLAN = ("development_plan", "重要规划", "important plan")
    RESOURCES = ("resources", "自然和文化资源开发利用保护", "natural and cultural resources")
    PUBLIC_CONSTRUCTION = ("public_construction", "重大公共建设项目", "major public construction project")
    STATE_ASSETS = ("state_assets", "处置重大国有资产", "disposal of major state assets")
    OTHER_MAJOR = ("other_major", "其他重大事项", "other major matter")


class LivelihoodArea(LabeledEnum):
    CULTURE_EDUCATION = ("culture_education", "文化教育", "culture and education")
    HEALTHCARE = ("healthcare", "医疗卫生", "healthcare")
    RESOURCE_DEVELOPMENT = ("resource_development", "资源开发", "resource development")
    ENVIRONMENTAL_PROTECTION = ("environmental_protection", "环境保护", "environmental protection")
    PUBLIC_UTILITIES = ("public_utilities", "公用事业", "public utilities")


class ExclusionReason(LabeledEnum):
    EMERGENCY = ("emergency", "突发事件应急处置", "emergency response")
    MACRO_CONTROL = ("macro_control", "宏观调控", "macro-economic control")
    LEGISLATION = ("legislation", "政府立法", "government legislation")
    SPECIAL_PROCEDURE = ("special_procedure", "法律、行政法规另有规定", "procedure set by other laws")


class DisclosureScope(LabeledEnum):
    PARTICIPATION = ("participation", "公众参与", "public participation")
    PUBLICATION = ("publication", "决策公布", "publication")


class Proposer(LabeledEnum):
    LEADER = ("leader", "领导", "leader")
    DEPARTMENT = ("department", "部门", "department")
    LOWER_GOVERNMENT = ("lower_government", "下级政府", "lower-level government")
    DEPUTY = ("deputy", "人大代表/政协委员", "NPC deputy or CPPCC member", "人大代表", "政协委员")
    PUBLIC = ("public", "公众", "the public")


class DecisionStatus(LabeledEnum):
    IN_PROGRESS = ("in_progress", "进行中", "in progress")
    DECIDED = ("decided", "已决定", "decided")
    REJECTED = ("rejected", "未通过", "rejected")
    SHELVED = ("shelved", "搁置", "shelved")
    ADJUSTED = ("adjusted", "已调整", "adjusted")
    TERMINATED = ("terminated", "已终止", "terminated")


class StepStatus(LabeledEnum):
    DONE = ("done", "已完成", "done")
    NOT_APPLICABLE = ("not_applicable", "不适用", "not applicable")
    PENDING = ("pending", "未完成", "pending")


class ParticipationMethod(LabeledEnum):
    PUBLIC_COMMENT = ("public_comment", "向社会公开征求意见", "public comment")
    WRITTEN_COMMENT = ("written_comment", "书面征求意见", "written comments")
    SYMPOSIUM = ("symposium", "座谈会", "symposium")
    HEARING = ("hearing", "听证会", "hearing")
    FIELD_VISIT = ("field_visit", "实地走访", "field visit")
    QUESTIONNAIRE = ("questionnaire", "问卷调查", "questionnaire")
    OPINION_SURVEY = ("opinion_survey", "民意调查", "opinion survey")


class Consulted(LabeledEnum):
    PUBLIC = ("public", "社会公众", "the public")
    NPC_DEPUTIES = ("npc_deputies", "人大代表", "NPC deputies")
    CPPCC_MEMBERS = ("cppcc_members", "政协委员", "CPPCC members")
    PEOPLES_ORGANIZATIONS = ("peoples_organizations", "人民团体", "people's organisations")
    GRASSROOTS_ORGANIZATIONS = ("grassroots_organizations", "基层组织", "grassroots organisations")
    SOCIAL_ORGANIZATIONS = ("social_organizations", "社会组织", "social organisations")
    MASS_REPRESENTATIVES = ("mass_representatives", "群众代表", "representatives of the people")
    STAKEHOLDERS = ("stakeholders", "利害关系人", "stakeholders")
    DEPARTMENTS = ("departments", "相关部门", "departments concerned")
    LOWER_GOVERNMENTS = ("lower_governments", "下级政府", "lower-level governments")


class ExpertMethod(LabeledEnum):
    MEETING = ("meeting", "论证会", "review meeting")
    WRITTEN = ("written", "书面咨询", "written consultation")
    COMMISSIONED = ("commissioned", "委托咨询论证", "commissioned review")


class ExpertKind(LabeledEnum):
    PERSON = ("person", "个人", "person")
    INSTITUTION = ("institution", "机构", "institution")


class ExpertOpinion(LabeledEnum):
    AGREE = ("agree", "同意", "agree")
    DISAGREE = ("disagree", "不同意", "disagree")
    CONDITIONAL = ("conditional", "有条件同意", "agree with conditions")


class RiskLevel(LabeledEnum):
    LOW = ("low", "低", "low", "低风险")
    MEDIUM = ("medium", "中", "medium", "中风险")
    HIGH = ("high", "高", "high", "高风险")


class FairCompetitionConclusion(LabeledEnum):
    COMPLIANT = ("compliant", "符合", "compliant")
    NON_COMPLIANT = ("non_compliant", "不符合", "not compliant")


class LegalityConclusion(LabeledEnum):
    LAWFUL = ("lawful", "合法", "lawful")
    LAWFUL_WITH_CHANGES = ("lawful_with_changes", "修改后合法", "lawful after changes")
    UNLAWFUL = ("unlawful", "不合法", "unlawful")


class Retention(LabeledEnum):
    PERMANENT = ("permanent", "永久", "permanent", "Y")
    D30 = ("d30", "30年", "30 years", "D30")
    D10 = ("d10", "10年", "10 years", "D10")

    @property
    def code(self) -> str:
        """The DA/T 22-2015 code used in a 档号: Y, D30, D10."""
        return self.aliases[0]


class EvaluationTrigger(LabeledEnum):
    INEFFECTIVE = ("ineffective", "未达预期", "not achieving its aims")
    COMPLAINTS = ("complaints", "公众意见较多", "many public complaints")
    BASIS_CHANGED = ("basis_changed", "依据或情况重大变化", "basis or circumstances changed")
    DEEMED_NECESSARY = ("deemed_necessary", "决策机关认为有必要", "deemed necessary")


class EvaluationConclusion(LabeledEnum):
    CONTINUE = ("continue", "继续执行", "continue")
    ADJUST = ("adjust", "调整", "adjust")
    SUSPEND = ("suspend", "暂缓", "suspend")
    TERMINATE = ("terminate", "终止", "terminate")


class MeetingPurpose(LabeledEnum):
    DECIDE = ("decide", "讨论决定", "discussion and decision")
    PARTY_CONSIDERATION = ("party_consideration", "党委审议", "party committee consideration", "请示报告")
    REDELIBERATION = ("redeliberation", "再次审议", "re-deliberation")
    ADJUSTMENT = ("adjustment", "调整决策", "adjustment")


class PartyForm(LabeledEnum):
    COMMITTEE_MEETING = ("committee_meeting", "党委会议审议", "committee meeting")
    REQUEST = ("request", "请示", "written request")
    REPORT = ("report", "报告", "written report")


class MeetingBody(LabeledEnum):
    EXECUTIVE_MEETING = ("executive_meeting", "政府常务会议", "executive meeting", "常务会议")
    PLENARY_MEETING = ("plenary_meeting", "政府全体会议", "plenary meeting", "全体会议")
    MAYOR_OFFICE_MEETING = ("mayor_office_meeting", "镇长办公会", "mayor's office meeting")
    TOWNSHIP_GOVERNMENT_MEETING = ("township_government_meeting", "镇政府班子会", "township government meeting")
    DEPARTMENT_MEETING = ("department_meeting", "部门办公会议", "department meeting", "局务会议")
    JOINT_PARTY_GOVERNMENT_MEETING = (
        "joint_party_government_meeting",
        "党政联席会议",
        "joint party-government meeting",
    )
    PARTY_COMMITTEE = ("party_committee", "党委会", "party committee", "党委会议")

    @property
    def is_party(self) -> bool:
        """A party body or a joint party-government meeting (decides by majority by default)."""
        return self in (MeetingBody.PARTY_COMMITTEE, MeetingBody.JOINT_PARTY_GOVERNMENT_MEETING)


class DecisionRule(LabeledEnum):
    HEAD_DECIDES = ("head_decides", "行政首长决定", "the head decides")
    MAJORITY = ("majority", "少数服从多数", "majority vote")


class MemberOpinion(LabeledEnum):
    AGREE = ("agree", "同意", "agree")
    DISAGREE = ("disagree", "不同意", "disagree")
    ABSTAIN = ("abstain", "弃权", "abstain")
    DEFER = ("defer", "缓议", "defer")


class Outcome(LabeledEnum):
    APPROVED = ("approved", "同意", "approved", "通过")
    REJECTED = ("rejected", "不同意", "rejected", "不通过")
    AMENDED = ("amended", "修改后同意", "approved with amendments")
    SHELVED = ("shelved", "搁置", "shelved")
    REDELIBERATE = ("redeliberate", "再次审议", "to be re-deliberated")


class DocType(LabeledEnum):
    LAUNCH_MEMO = ("launch_memo", "启动论证材料", "launch memo")
    LEGAL_BASIS = ("legal_basis", "法律依据清单", "list of legal bases")
    DRAFT = ("draft", "决策草案", "draft decision")
    EXPLANATION = ("explanation", "起草说明", "drafting explanation")
    CONSULTATION_NOTICE = ("consultation_notice", "征求意见公告", "consultation notice")
    OPINION_SUMMARY = ("opinion_summary", "意见汇总及采纳情况", "summary of opinions and their adoption")
    HEARING_RECORD = ("hearing_record", "听证笔录", "hearing record")
    EXPERT_OPINION = ("expert_opinion", "专家论证意见", "expert opinion")
    RISK_REPORT = ("risk_report", "风险评估报告", "risk assessment report")
    FAIR_COMPETITION_RECORD = ("fair_competition_record", "公平竞争审查记录", "fair-competition review record")
    LEGALITY_SUBMISSION = ("legality_submission", "合法性审查送审材料", "legality review submission")
    LEGALITY_OPINION = ("legality_opinion", "合法性审查意见书", "legality review opinion")
    MEETING_MINUTES = ("meeting_minutes", "会议纪要", "meeting minutes")
    DECISION_DOCUMENT = ("decision_document", "决定文件", "decision document")
    PUBLICATION_PROOF = ("publication_proof", "公布证明", "proof of publication")
    INTERPRETATION = ("interpretation", "政策解读", "policy interpretation")
    IMPLEMENTATION_REPORT = ("implementation_report", "执行情况报告", "implementation report")
    EVALUATION_REPORT = ("evaluation_report", "后评估报告", "post-evaluation report")
    OTHER = ("other", "其他", "other")


class LegalityMaterial(LabeledEnum):
    """What was submitted for legality review (713号 art 26(1))."""

    DRAFT = ("draft", "决策草案", "the draft")
    LEGAL_BASIS = ("legal_basis", "法律、法规、规章等依据", "the legal basis", "法律依据", "依据")
    PROCEDURE_EXPLANATION = (
        "procedure_explanation",
        "履行决策法定程序的说明",
        "an account of the statutory procedure performed",
        "程序说明",
    )
    EXPLANATION = ("explanation", "起草说明", "the explanation of the draft")
    OPINIONS = ("opinions", "各方意见及采纳情况", "the opinions received and their adoption", "意见")
    OTHER = ("other", "其他材料", "other materials")


class ReviewScope(LabeledEnum):
    """What a legality opinion addresses (713号 art 27)."""

    AUTHORITY = ("authority", "职权", "statutory authority", "法定权限", "权限")
    PROCEDURE = ("procedure", "程序", "procedure", "法定程序")
    CONTENT = ("content", "内容", "content")
