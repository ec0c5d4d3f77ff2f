"""Build the evidence package of one decision: a BagIt bag (RFC 8493) as a folder or a zip.

Layout of the payload (``data/``), Chinese names normalised to Unicode NFC so that they survive zip
and unzip on every system::

    决策记录/<record file>            the decision record as filed
    证据材料/<doc id>-<file name>     every registered evidence file that exists
    检查报告/validation.json, .md     the validation result the package was made with
    生成文书/…                        documents generated from the record (minutes, process record)
    归档文件目录.csv / .xlsx          DA/T 22-2015 catalogue (CSV in UTF-8 with BOM, for Excel)

The bag is assembled in a temporary folder beside the output and moved into place only when
complete, so an interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from decision_check.archive import catalogue
from decision_check.findings import Finding
from decision_check.fsutil import atomic_write
from decision_check.models.records import Decision

CHECKSUMS = ("sha256", "sha512")
RECORD_DIR = "决策记录"
EVIDENCE_DIR = "证据材料"
REPORT_DIR = "检查报告"
GENERATED_DIR = "生成文书"
CATALOGUE_NAME = "归档文件目录"


def nfc(name: str) -> str:
    """File names are stored in Unicode NFC (the form macOS would otherwise decompose)."""
    return unicodedata.normalize("NFC", name)


@dataclass
class PackageInput:
    """Everything a package holds, gathered by the caller from the record and its validation run."""

    decision: Decision
    record_path: Path
    evidence: Mapping[str, Path]  # document id → file inside the repository (existing files only)
    missing: Mapping[str, str]  # document id → why its file is not in the package
    reports: Mapping[str, bytes]  # file name → content, under 检查报告/
    generated: Mapping[str, bytes] = field(default_factory=dict)  # file name → content, under 生成文书/
    open_findings: Sequence[Finding] = ()
    rule_sets: Sequence[str] = ()
    tool_version: str = ""


@dataclass(frozen=True)
class PackageSummary:
    """What was written."""

    path: Path
    payload_files: int
    open_findings: int


def bag_info(item: PackageInput) -> dict[str, str]:
    """``bag-info.txt``: the archive's identifying facts and how the package was made."""
    decision = item.decision
    archive = decision.steps.archive
    info = {
        "Source-Organization": decision.organ,
        "External-Identifier": decision.id,
        "External-Description": decision.title,
        "决策编号": decision.id,
        "决策机关": decision.organ,
        "档号": (archive.archive_no if archive and archive.archive_no else "（记录未填写）"),
        "保管期限": (archive.retention.zh if archive and archive.retention else "（记录未填写）"),
        "适用规则": "、".join(item.rule_sets) or "（无）",
        "未处理问题": str(len(item.open_findings)),
        "Unicode-Normalization": "NFC",
        "Bag-Software-Agent": f"decision-check {item.tool_version}",
    }
    return info


def _write_payload(item: PackageInput, data: Path) -> int:
    count = 0

    def put(relative: str, content: bytes) -> None:
        nonlocal count
        target = data / nfc(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        count += 1

    put(f"{RECORD_DIR}/{item.record_path.name}", item.record_path.read_bytes())
    for doc_id, source in item.evidence.items():
        target = data / EVIDENCE_DIR / nfc(f"{doc_id}-{source.name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        count += 1
    for name, content in item.reports.items():
        put(f"{REPORT_DIR}/{name}", content)
    for name, content in item.generated.items():
        put(f"{GENERATED_DIR}/{name}", content)
    table = catalogue.rows(item.decision, dict(item.missing))
    put(f"{CATALOGUE_NAME}.csv", catalogue.to_csv(table))
    title = f"{item.decision.organ}归档文件目录（{item.decision.id}）"
    put(f"{CATALOGUE_NAME}.xlsx", catalogue.to_xlsx(table, title))
    return count


def build(item: PackageInput, output: Path, *, force: bool = False) -> PackageSummary:
    """Write the package to ``output``: a folder, or a zip when the name ends in ``.zip``."""
    import bagit  # the maintained Library of Congress implementation; imported only here

    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".archive-", dir=output.parent))
    try:
        bag_dir = staging / nfc(item.decision.id)
        bag_dir.mkdir()
        count = _write_payload(item, bag_dir)  # make_bag then moves it all into data/
        bagit.make_bag(str(bag_dir), bag_info(item), checksums=list(CHECKSUMS))
        if output.suffix.lower() == ".zip":
            atomic_write(output, _zip_bytes(bag_dir))
        else:
            if output.exists():
                if not force:
                    raise FileExistsError(output)
                shutil.rmtree(output) if output.is_dir() else output.unlink()
            os.replace(bag_dir, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return PackageSummary(output, count, len(item.open_findings))


def _zip_bytes(bag_dir: Path) -> bytes:
    """The bag as a zip whose top folder is the bag's name; entries carry UTF-8 names (flag bit 11)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(bag_dir.rglob("*")):
            if path.is_file():
                name = nfc(f"{bag_dir.name}/{path.relative_to(bag_dir).as_posix()}")
                archive.write(path, name)
    return buffer.getvalue()
