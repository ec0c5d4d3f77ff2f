"""Checks of scope, launch, catalogues, publication, archiving, evidence, implementation and evaluation.

The generic checks (``checks/generic.py``) cover most of these rules (launch fields, sponsor, the
launch memo and legal-basis documents, publication timeliness and explanation, the implementing
unit); what they cannot say is here: which categories a regime lists, flags left undetermined, a
decision's agreement with its catalogue, the catalogue's own adoption, archiving completeness and
the 档号, and the integrity of the evidence register (files, dates, references).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from pydantic import Field

from decision_check.checks.base import (
    CatalogContext,
    CheckDef,
    Context,
    NoOptions,
    Options,
    PathKey,
    Violation,
    check,
)
from decision_check.i18n import Text
from decision_check.models.enums import Category, DocType, ExpertKind, Retention
from decision_check.models.records import FLAG_NAMES, STEP_NAMES, Decision, Document

FLAG_LABELS: dict[str, Text] = {
    "public_interest": Text("直接涉及切身利益或经济社会发展全局", "directly affects vital interests"),
    "specific_groups": Text("涉及特定群体利益", "affects specific groups"),
    "technical": Text("专业性、技术性较强", "specialised or technical"),
    "stability_risk": Text("可能对社会稳定、公共安全等造成不利影响", "may affect social stability or safety"),
    "market_entities": Text("涉及市场主体经济活动", "concerns market entities' economic activity"),
    "npc_matter": Text("应由人大及其常委会讨论决定或出台前报告", "for the people's congress"),
    "divergent_views": Text("存在较大分歧", "sharply divided views"),
    "widely_concerned": Text("社会公众普遍关心", "of wide public concern"),
}


def _zh_list(items: list[str]) -> str:
    return "、".join(items)


def _en_list(items: list[str]) -> str:
    return ", ".join(items)


# ------------------------------------------------------------------------------------------ scope


class CategoryOptions(Options):
    allowed: list[Category] = Field(min_length=1)


@check(
    "category_listed",
    CategoryOptions,
    Text(
        "决策事项至少有一个适用规则集所列的类别（allowed）。"
        "通过：713号下 category: [public_construction]；不通过：没有 category（默认结果），"
        "或713号下只有 state_assets（结果 unlisted：该类别不在所列类别中）。"
        "只要有一个所列类别即通过。",
        "At least one category listed for the regime (`allowed`). Pass: [public_construction] under 713. "
        "Fail: no category (default), or only state_assets under 713 alone (outcome `unlisted`). "
        "One listed category suffices.",
    ),
)
def category_listed(ctx: Context, options: CategoryOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no category), ``unlisted`` (none of the categories is listed)."""
    categories = ctx.decision.category
    allowed_zh = _zh_list([c.zh for c in options.allowed])
    allowed_en = _en_list([c.en for c in options.allowed])
    if not categories:
        yield Violation(("category",), {"allowed": allowed_zh, "allowed_en": allowed_en})
        return
    if any(c in options.allowed for c in categories):
        return
    yield Violation(
        ("category",),
        {
            "actual": _zh_list([c.zh for c in categories]),
            "actual_en": _en_list([c.en for c in categories]),
            "allowed": allowed_zh,
            "allowed_en": allowed_en,
        },
        outcome="unlisted",
    )


@check(
    "flags_determined",
    NoOptions,
    Text(
        "启动时应确定全部触发事实（flags 各项为 是 或 否，未填写即未确定；缺少的逐一列出）。"
        "通过：8 项 flags 均为 true/false；不通过：缺少 technical。",
        "Every trigger flag is determined (true or false; absent = undetermined; the missing ones are named). "
        "Pass: all 8 flags true/false. Fail: technical absent.",
    ),
)
def flags_determined(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    missing = [name for name in FLAG_NAMES if getattr(ctx.decision.flags, name) is None]
    if missing:
        yield Violation(
            ("flags",),
            {
                "missing": _zh_list([f"{FLAG_LABELS[n].zh}（{n}）" for n in missing]),
                "missing_en": _en_list([f"{n} ({FLAG_LABELS[n].en})" for n in missing]),
                "count": len(missing),
            },
        )


# -------------------------------------------------------------------------------------- catalogue


@check(
    "catalog_listed",
    NoOptions,
    Text(
        "决策列入当年的决策事项目录，且决策文件的 catalog 与目录一致。"
        "通过：catalog {year: 2020, entry: '3'}，目录第3项 decision_id 为本决策；"
        "不通过：目录中没有本决策（默认结果）、目录没有该项（no_entry）、"
        "该项登记的是另一决策（mismatch）、决策文件未写 catalog 而目录列有本决策（unreferenced）。",
        "The decision is in the year's catalogue and its `catalog` agrees with it. Pass: entry 3 lists this "
        "decision. Fail: not listed (default), no such entry (no_entry), the entry names another decision "
        "(mismatch), or the file has no `catalog` although the catalogue lists it (unreferenced).",
    ),
)
def catalog_listed(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default``, ``no_entry``, ``mismatch``, ``unreferenced``."""
    decision = ctx.decision
    year = decision.catalog.year if decision.catalog else ctx.governing_date.year
    catalog = ctx.corpus.catalogs.get((decision.organ, year))
    if catalog is None:
        return
    listed = ctx.corpus.catalog_listing(catalog, decision.id)
    base = {"year": year, "id": decision.id}
    if decision.catalog is None:
        if listed is not None:
            yield Violation(("catalog",), {**base, "entry": listed.entry}, outcome="unreferenced")
        else:
            yield Violation(("id",), {**base, "entry": ""})
        return
    wanted = decision.catalog.entry
    entry = ctx.corpus.catalog_entry(catalog, wanted)
    if entry is None:
        yield Violation(("catalog", "entry"), {**base, "entry": wanted}, outcome="no_entry")
    elif entry.decision_id and entry.decision_id != decision.id:
        yield Violation(
            ("catalog", "entry"),
            {**base, "entry": wanted, "other": entry.decision_id, "title": entry.title or ""},
            outcome="mismatch",
        )


class CatalogAdoptionOptions(Options):
    adoption: bool = False  # 337号第三条第二款: adopted at a government meeting before the party consents
    adoption_meetings: list[str] = Field(default_factory=list)  # words naming the allowed meetings


@check(
    "catalog_adopted",
    CatalogAdoptionOptions,
    subject="catalog",
    doc=Text(
        "决策事项目录经同级党委同意后向社会公布（713号第三条第三款）；adoption 为真时还须先经政府会议通过"
        "（337号第三条第二款），会议名称含 adoption_meetings 之一。通过：adopted 1月10日、party_consent 1月14日、"
        "published 1月17日；不通过：没有 party_consent（no_party_consent）、没有 published（not_published）、"
        "没有 adopted（not_adopted）、公布早于党委同意（order）、党委同意早于会议通过（order_adoption）、"
        "会议不是全体会议或常务会议（wrong_body）。",
        "The catalogue has the party committee's consent and was published after it (713 art 3(3)); with "
        "`adoption`, it was first adopted at a government meeting named by one of `adoption_meetings` "
        "(337 art 3(2)). Pass: adopted 10 Jan, consent 14 Jan, published 17 Jan. Fail: no consent, not "
        "published, not adopted, published before consent (order), consent before adoption (order_adoption), "
        "another meeting (wrong_body).",
    ),
)
def catalog_adopted(ctx: CatalogContext, options: CatalogAdoptionOptions) -> Iterator[Violation]:
    """Outcomes: ``no_party_consent``, ``not_published``, ``not_adopted``, ``order``, ``order_adoption``,
    ``wrong_body``."""
    catalog = ctx.catalog
    base = {"year": catalog.year, "organ": catalog.organ}
    consent = catalog.party_consent
    published = catalog.published.date if catalog.published else None
    adopted = catalog.adopted.date if catalog.adopted else None
    meeting = catalog.adopted.meeting if catalog.adopted else None
    if options.adoption:
        if adopted is None:
            yield Violation(("adopted",), base, outcome="not_adopted", item="adopted")
        else:
            if options.adoption_meetings and meeting and not any(w in meeting for w in options.adoption_meetings):
                yield Violation(
                    ("adopted", "meeting"),
                    {**base, "meeting": meeting, "allowed": "、".join(options.adoption_meetings)},
                    outcome="wrong_body",
                    item="adopted.meeting",
                )
            if consent is not None and consent < adopted:
                yield Violation(
                    ("party_consent",),
                    {**base, "consent": consent, "adopted": adopted},
                    outcome="order_adoption",
                    item="order_adoption",
                )
    if consent is None:
        yield Violation(("party_consent",), base, outcome="no_party_consent", item="party_consent")
    if published is None:
        yield Violation(("published",), base, outcome="not_published", item="published")
    if consent is not None and published is not None and published < consent:
        yield Violation(
            ("published", "date"),
            {**base, "consent": consent, "published": published},
            outcome="order",
            item="order",
        )


@check(
    "catalog_entries_filed",
    NoOptions,
    subject="catalog",
    doc=Text(
        "年度结束后，目录每一项都有决策文件（decision_id 对应一个决策文件）或写明未办理的理由（reason）。"
        "通过：第18项 reason: 因上级规划调整年内未启动；不通过：既无 decision_id 也无 reason（默认结果），"
        "或 decision_id 没有对应的决策文件（no_file）。",
        "After the year, every entry has a decision file or a stated reason. Pass: entry 18 with a reason. "
        "Fail: neither (default), or its decision_id has no file (no_file).",
    ),
)
def catalog_entries_filed(ctx: CatalogContext, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no decision id, no reason), ``no_file`` (the id has no decision file)."""
    for index, entry in enumerate(ctx.catalog.entries):
        if entry.reason:
            continue
        values = {"year": ctx.catalog.year, "entry": entry.entry, "title": entry.title or ""}
        if not entry.decision_id:
            yield Violation(("entries", index), values, item=f"entry:{entry.entry}")
        elif entry.decision_id not in ctx.decision_ids:
            yield Violation(
                ("entries", index, "decision_id"),
                {**values, "id": entry.decision_id},
                outcome="no_file",
                item=f"entry:{entry.entry}",
            )


# ------------------------------------------------------------------------------------ publication


# ---------------------------------------------------------------------------------------- archive


def _is_doc_id(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def referenced_documents(decision: Decision, *, performed_only: bool, archive: bool) -> list[tuple[str, PathKey]]:
    """Document ids referenced by the record, with the data path of each reference.

    ``performed_only``: only steps that were performed (ARC-01); ``archive``: include
    ``archived_documents`` (DOC-03).
    """
    refs: list[tuple[str, PathKey]] = []
    for name in STEP_NAMES:
        step = decision.steps.get(name)
        if step is None or (performed_only and not step.done):
            continue
        if name == "archive" and not archive:
            continue
        base: PathKey = ("steps", name)
        refs.extend((doc, (*base, "documents", i)) for i, doc in enumerate(step.documents))
        for key in ("adoption_summary", "existing", "interpretation", "legal_adviser_opinion", "disagreement_reported"):
            value = getattr(step, key, None)
            if _is_doc_id(value):
                refs.append((str(value), (*base, key)))
        if name == "archive" and archive:
            archived = getattr(step, "archived_documents", [])
            refs.extend((doc, (*base, "archived_documents", i)) for i, doc in enumerate(archived))
    for index, meeting in enumerate(decision.meetings):
        base = ("meetings", index)
        refs.extend((doc, (*base, "materials", i)) for i, doc in enumerate(meeting.materials))
        refs.extend((doc, (*base, "documents", i)) for i, doc in enumerate(meeting.documents))
    return refs


class ArchiveOptions(Options):
    due_days: int = Field(ge=1)


@check(
    "archive_complete",
    ArchiveOptions,
    Text(
        "决策作出后（自发文日，无发文日时自决定会议日起，首日不计）due_days 日内归档（机关文件 archive.due_days"
        "优先），期限末日为节假日的顺延；已归档的，已完成步骤和各次会议引用的文件都列入 archived_documents。"
        "通过：发文10月16日、归档11月5日，归档目录列全 D1–D10；不通过：期限已过未归档（默认结果）、"
        "归档目录漏列 D5（incomplete）、归档日期晚于期限（late）；期限未到时分别为 not_due、incomplete_not_due。",
        "Archived within `due_days` (the organ file's archive.due_days wins) of issuance (else the governing "
        "meeting), and every document a performed step or a meeting references is among archived_documents. "
        "Pass: issued 16 Oct, archived 5 Nov with D1–D10. Fail: not archived after the due date (default), "
        "D5 missing (incomplete), archived after the due date (late); before it: not_due, incomplete_not_due.",
    ),
    requires_step=True,
)
def archive_complete(ctx: Context, options: ArchiveOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (not archived, due date passed), ``not_due``, ``late`` (archived after the due
    date), ``incomplete``, ``incomplete_not_due``."""
    decision = ctx.decision
    organ_days = ctx.organ.archive.due_days if ctx.organ and ctx.organ.archive else None
    days = organ_days or options.due_days
    issued = decision.issued.date if decision.issued else None
    meeting = ctx.meeting.date if ctx.meeting else None
    start = issued or meeting or ctx.governing_date
    start_label = Text("发文日", "issuance") if issued else Text("决定会议日", "the governing meeting")
    due = ctx.calendar.deadline(start, days)
    not_due = ctx.as_of <= due
    values: dict[str, object] = {
        "due": due,
        "days": days,
        "start": start,
        "start_label": start_label.zh,
        "start_label_en": start_label.en,
        "days_source": "机关文件" if organ_days else "本工具默认",
        "days_source_en": "organ file" if organ_days else "tool default",
    }
    step = decision.steps.archive
    path: PathKey = ("steps", "archive")
    if step is None or not step.done:
        where = path if step is None else (*path, "status")
        yield Violation(where, values, outcome="not_due" if not_due else "default")
        return
    if step.date is not None and step.date > due:
        yield Violation((*path, "date"), {**values, "archived_on": step.date}, outcome="late", item="late")
    archived = set(step.archived_documents)
    missing: list[str] = []
    for doc, _ in referenced_documents(decision, performed_only=True, archive=False):
        if doc not in archived and doc not in missing:
            missing.append(doc)
    if missing:
        yield Violation(
            (*path, "archived_documents"),
            {**values, "missing": "、".join(missing), "missing_en": ", ".join(missing), "archived_on": step.date or ""},
            outcome="incomplete_not_due" if not_due else "incomplete",
            item="incomplete",
        )


# DA/T 22-2015 §5.4: 全宗号-档案门类代码·年度-保管期限-机构（问题）代码-件号; 机构代码 optional, 件号 4 digits.
ARCHIVE_NO = re.compile(
    r"^(?P<fonds>[0-9A-Za-z]+)-WS·(?P<year>\d{4})-(?P<retention>Y|D30|D10)(?:-(?P<unit>[0-9A-Za-z]+))?-(?P<no>\d{4})$"
)


@check(
    "archive_number",
    NoOptions,
    Text(
        "档号符合 DA/T 22-2015：全宗号-WS·年度-保管期限（Y/D30/D10）-（机构代码-）件号（4位）；"
        "保管期限段与 retention 一致；全宗号与机关文件 archive.fonds_no 一致。"
        "通过：0231-WS·2020-Y-0003；不通过：0231-2020-Y-016（默认结果）、未填写（missing）、"
        "0231-WS·2020-D10-0003 而 retention 为永久（retention_mismatch）、全宗号不同（fonds_mismatch）。",
        "The 档号 follows DA/T 22-2015 (fonds-WS·year-retention-(unit-)item, item 4 digits), its retention "
        "segment matches `retention` and its fonds the organ's fonds_no. Pass: 0231-WS·2020-Y-0003. "
        "Fail: 0231-2020-Y-016 (default), none (missing), retention_mismatch, fonds_mismatch.",
    ),
)
def archive_number(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (malformed), ``missing``, ``retention_mismatch``, ``fonds_mismatch``."""
    step = ctx.decision.steps.archive
    if step is None or not step.done:
        return
    path: PathKey = ("steps", "archive", "archive_no")
    number = step.archive_no
    if not number:
        yield Violation(path, {}, outcome="missing")
        return
    match = ARCHIVE_NO.match(number.strip())
    if match is None:
        yield Violation(path, {"actual": number})
        return
    if step.retention is not None and match["retention"] != step.retention.code:
        yield Violation(
            path,
            {
                "actual": number,
                "segment": match["retention"],
                "retention": step.retention.zh,
                "retention_en": step.retention.en,
                "code": step.retention.code,
            },
            outcome="retention_mismatch",
            item="retention",
        )
    fonds = ctx.organ.archive.fonds_no if ctx.organ and ctx.organ.archive else None
    if fonds and match["fonds"] != fonds:
        yield Violation(
            path, {"actual": number, "segment": match["fonds"], "fonds": fonds}, outcome="fonds_mismatch", item="fonds"
        )


@check(
    "retention_permanent",
    NoOptions,
    Text(
        "重大行政决策的归档文件保管期限为永久。通过：retention: permanent（Y）；"
        "不通过：retention: d10（默认结果）、未填写（missing）。",
        "A major decision's records are kept permanently. Pass: permanent (Y). Fail: d10 (default), none (missing).",
    ),
)
def retention_permanent(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (a fixed term), ``missing``."""
    step = ctx.decision.steps.archive
    if step is None or not step.done:
        return
    path: PathKey = ("steps", "archive", "retention")
    if step.retention is None:
        yield Violation(path, {}, outcome="missing")
    elif step.retention is not Retention.PERMANENT:
        yield Violation(path, {"actual": step.retention.zh, "actual_en": step.retention.en})


# --------------------------------------------------------------------------------------- evidence

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The file ``relative`` names under ``root``, or ``None`` when it would lie outside ``root``.

    Rejects absolute paths, drive letters and ``..`` components before touching the file system;
    then resolves symbolic links (which reads only link targets, never file content) and rejects a
    target outside the resolved root. A path with control characters (NUL) is caught before this, by
    :func:`_invalid_path`; a ``ValueError`` of the operating system is still treated as "outside".
    """
    text = relative.strip().replace("\\", "/")
    posix = PurePosixPath(text)
    if not text or posix.is_absolute() or PureWindowsPath(text).drive or ".." in posix.parts:
        return None
    try:
        real_root = root.resolve()
        candidate = (real_root / posix).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, an unreadable link, an embedded NUL
        return None
    if candidate != real_root and real_root not in candidate.parents:
        return None
    return candidate


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _invalid_path(text: str) -> str | None:
    """``text`` with its control characters made visible (``\\x00``) when it has any, else ``None``."""
    if not _CONTROL.search(text):
        return None
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@check(
    "evidence_files",
    NoOptions,
    Text(
        "证据登记中写了 path 的文件：位于仓库之内（不得是绝对路径、不得含 ..、符号链接不得指向仓库之外），"
        "文件存在，写了 sha256 的须一致。通过：path: evidence/LH-2020-003/D5.pdf 且文件存在；"
        "不通过：文件不存在（默认结果）、../other/D5.pdf（outside）、sha256 不符（hash_mismatch）、"
        "sha256 不是64位十六进制（hash_invalid）、路径含控制字符如 NUL（invalid_path）。",
        "A registered file's `path` stays inside the repository (no absolute path, no `..`, no symlink out), "
        "exists, and matches `sha256` when given. Pass: evidence/LH-2020-003/D5.pdf exists. Fail: missing "
        "(default), ../other/D5.pdf (outside), hash_mismatch, hash_invalid, invalid_path (control characters, NUL).",
    ),
)
def evidence_files(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no such file), ``outside``, ``hash_mismatch``, ``hash_invalid``, ``invalid_path``."""
    for index, document in enumerate(ctx.decision.documents):
        if not document.path:
            continue
        path: PathKey = ("documents", index, "path")
        values: dict[str, object] = {"doc": document.id, "path": document.path}
        shown = _invalid_path(document.path)
        if shown is not None:  # a NUL byte makes every file-system call raise ValueError
            yield Violation(path, {**values, "path": shown}, outcome="invalid_path", item=document.id)
            continue
        target = resolve_inside(ctx.corpus.root, document.path)
        if target is None:
            yield Violation(path, values, outcome="outside", item=document.id)
            continue
        if not target.is_file():
            yield Violation(path, values, item=document.id)
            continue
        if document.sha256 is None:
            continue
        expected = document.sha256.strip()
        if not _SHA256.match(expected):
            yield Violation(
                ("documents", index, "sha256"), {**values, "sha256": expected}, outcome="hash_invalid", item=document.id
            )
            continue
        try:
            actual = file_sha256(target)
        except OSError:  # unreadable (permissions): as good as missing
            yield Violation(path, values, item=document.id)
            continue
        if actual != expected.lower():
            yield Violation(
                ("documents", index, "sha256"),
                {**values, "sha256": expected, "actual": actual},
                outcome="hash_mismatch",
                item=document.id,
            )


_DATE_OF: dict[DocType, Text] = {
    DocType.LEGALITY_OPINION: Text(
        "合法性审查办结日期（steps.legality_review.concluded）", "the review's concluded date"
    ),
    DocType.RISK_REPORT: Text("风险评估日期（steps.risk_assessment.date）", "the risk assessment date"),
    DocType.EXPERT_OPINION: Text("专家论证日期（steps.expert_review.date）", "the expert review date"),
    DocType.CONSULTATION_NOTICE: Text("征求意见公告日期（notice.date）", "the notice date"),
    DocType.HEARING_RECORD: Text("听证会日期（steps.hearing.date）", "the hearing date"),
    DocType.DECISION_DOCUMENT: Text("发文日期（issued.date）", "the issue date"),
}


def _expected_date(decision: Decision, document: Document) -> tuple[date | None, Text]:
    steps = decision.steps
    kind = document.type
    if kind is DocType.LEGALITY_OPINION and steps.legality_review:
        return steps.legality_review.concluded, _DATE_OF[kind]
    if kind is DocType.RISK_REPORT and steps.risk_assessment and steps.risk_assessment.existing != document.id:
        return steps.risk_assessment.date, _DATE_OF[kind]
    if kind is DocType.EXPERT_OPINION and steps.expert_review:
        return steps.expert_review.date, _DATE_OF[kind]
    if kind is DocType.CONSULTATION_NOTICE and steps.public_participation and steps.public_participation.notice:
        return steps.public_participation.notice.date, _DATE_OF[kind]
    if kind is DocType.HEARING_RECORD and steps.hearing:
        return steps.hearing.date, _DATE_OF[kind]
    if (
        kind is DocType.DECISION_DOCUMENT
        and decision.issued
        and (document.doc_no is None or document.doc_no == decision.issued.doc_no)
    ):
        return decision.issued.date, _DATE_OF[kind]
    if kind is DocType.MEETING_MINUTES:
        for index, meeting in enumerate(decision.meetings):
            if document.id in meeting.documents or (document.doc_no and document.doc_no == meeting.minutes_no):
                name = meeting.name or f"meetings[{index}]"
                return meeting.date, Text(f"会议“{name}”的日期（meetings[{index}].date）", f"the date of {name}")
    return None, Text("", "")


@check(
    "document_dates",
    NoOptions,
    Text(
        "登记文件的日期与其步骤一致：合法性审查意见书＝concluded，会议纪要＝所属会议日期，风险评估报告＝"
        "风险评估日期（引用的已有评估 existing 除外），专家论证意见＝专家论证日期，征求意见公告＝公告日期，"
        "听证笔录＝听证日期，决定文件＝发文日期。通过：D5 合法性审查意见书 9月15日、concluded 9月15日；"
        "不通过：D5 为 9月18日。",
        "Registered documents' dates fit their steps (legality opinion = concluded, minutes = the meeting, "
        "risk report, expert opinion, notice, hearing record, decision document). Pass: D5 dated 15 Sept = "
        "concluded. Fail: D5 dated 18 Sept.",
    ),
)
def document_dates(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    for index, document in enumerate(ctx.decision.documents):
        if document.date is None:
            continue
        expected, what = _expected_date(ctx.decision, document)
        if expected is None or expected == document.date:
            continue
        yield Violation(
            ("documents", index, "date"),
            {
                "doc": document.id,
                "type": document.type.zh,
                "type_en": document.type.en,
                "actual": document.date,
                "expected": expected,
                "what": what.zh,
                "what_en": what.en,
            },
            item=document.id,
        )


@check(
    "document_refs",
    NoOptions,
    Text(
        "记录中引用的每个文件编号（步骤 documents、adoption_summary、existing、interpretation、"
        "legal_adviser_opinion，会议 materials、documents，archived_documents）都在 documents 中登记。"
        "通过：archived_documents 的 D1–D10 均已登记；不通过：引用了未登记的 D12。",
        "Every document id the record references is in `documents`. Pass: D1–D10 all registered. "
        "Fail: D12 referenced but not registered.",
    ),
)
def document_refs(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    known = {d.id for d in ctx.decision.documents}
    for doc, path in referenced_documents(ctx.decision, performed_only=False, archive=True):
        if doc not in known:
            yield Violation(path, {"doc": doc}, item=doc)


# ---------------------------------------------------------------------------------- post-decision

_REMARK = re.compile(r"[（(][^）)]*[）)]")


def _unit(name: str | None) -> str:
    """A unit's name without remarks in brackets and spaces, for comparison."""
    return re.sub(r"\s+", "", _REMARK.sub("", name or ""))


@check(
    "evaluator_independent",
    NoOptions,
    Text(
        "委托第三方开展决策后评估的，评估单位不是决策前承担主要论证评估工作的单位（风险评估单位、"
        "承担专家论证的机构）。评估单位是决策机关或承办单位本身的，不属委托第三方，不检查。"
        "通过：evaluator 为某研究院、风险评估由镇综治办完成；不通过：evaluator 与风险评估 assessor 相同。",
        "A third-party post-evaluator is not the unit that did the main pre-decision assessment (the risk "
        "assessor or an expert institution). Pass: another institute. Fail: the risk assessor again.",
    ),
)
def evaluator_independent(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    decision = ctx.decision
    step = decision.steps.post_evaluation
    if step is None or not step.done or not step.evaluator:
        return
    evaluator = _unit(step.evaluator)
    own = {_unit(decision.organ), *(_unit(s) for s in decision.sponsor)}
    if not evaluator or evaluator in own:
        return
    assessors: list[tuple[str, Text]] = []
    risk = decision.steps.risk_assessment
    if risk is not None and risk.done and risk.assessor:
        assessors.append((risk.assessor, Text("风险评估", "risk assessment")))
    experts = decision.steps.expert_review
    if experts is not None and experts.done:
        for expert in experts.experts:
            if expert.kind is ExpertKind.INSTITUTION:
                assessors.append((expert.name, Text("专家论证", "expert review")))
                if expert.affiliation:
                    assessors.append((expert.affiliation, Text("专家论证", "expert review")))
    for name, role in assessors:
        if _unit(name) == evaluator:
            yield Violation(
                ("steps", "post_evaluation", "evaluator"),
                {"evaluator": step.evaluator, "role": role.zh, "role_en": role.en},
            )
            return


CHECKS: tuple[CheckDef, ...] = (
    category_listed,
    flags_determined,
    catalog_listed,
    catalog_adopted,
    catalog_entries_filed,
    archive_complete,
    archive_number,
    retention_permanent,
    evidence_files,
    document_dates,
    document_refs,
    evaluator_independent,
)
