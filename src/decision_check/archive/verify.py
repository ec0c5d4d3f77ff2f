"""Verify an evidence package: completeness and every checksum, reporting *all* problems.

``bagit``'s own ``validate`` stops at the first kind of problem (an incomplete bag is reported
without its checksums); an archivist needs the whole list. The manifests are read with ``bagit`` and
every file is then checked here: missing (in a manifest, not on disk), extra (on disk, in no
manifest), altered (a checksum differs) — payload and tag files alike.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from decision_check.archive.package import nfc
from decision_check.i18n import Lang, Text

Kind = Literal["missing", "extra", "altered", "invalid"]

_LABELS: dict[Kind, Text] = {
    "missing": Text("缺失", "missing"),
    "extra": Text("多出", "extra"),
    "altered": Text("被改动", "altered"),
    "invalid": Text("无效", "invalid"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of a package, naming its file (relative to the bag)."""

    kind: Kind
    file: str
    detail: Text

    def text(self, lang: Lang) -> str:
        label = _LABELS[self.kind]
        return (
            f"{label.get(lang)}：{self.file}（{self.detail.get(lang)}）"
            if lang == "zh"
            else (f"{label.get(lang)}: {self.file} ({self.detail.get(lang)})")
        )


def verify(path: Path) -> list[Problem]:
    """Every problem of the package at ``path`` (a bag folder or a zip holding one)."""
    if path.is_file() and zipfile.is_zipfile(path):
        scratch = Path(tempfile.mkdtemp(prefix="decision-check-verify-"))
        try:
            bag = _unzip(path, scratch)
            return bag if isinstance(bag, list) else verify_folder(bag)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    if path.is_dir():
        return verify_folder(path)
    return [Problem("invalid", path.name, Text("不是 BagIt 文件夹或 zip 文件", "not a BagIt folder or zip file"))]


def _unzip(path: Path, scratch: Path) -> Path | list[Problem]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for name in names:
            posix = PurePosixPath(name)
            if posix.is_absolute() or ".." in posix.parts:
                return [Problem("invalid", name, Text("zip 中的路径越出包外", "a zip entry leaves the package"))]
        for info in archive.infolist():
            target = scratch / nfc(info.filename)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink)
    tops = {PurePosixPath(n).parts[0] for n in names if n}
    if (scratch / "bagit.txt").exists():
        return scratch
    if len(tops) == 1:
        return scratch / nfc(next(iter(tops)))
    return [Problem("invalid", path.name, Text("zip 中没有唯一的包文件夹", "the zip holds no single bag folder"))]


def _digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_folder(folder: Path) -> list[Problem]:
    """Every problem of the bag in ``folder``."""
    import bagit

    if not (folder / "bagit.txt").is_file():
        return [
            Problem("missing", "bagit.txt", Text("不是 BagIt 包（没有 bagit.txt）", "not a BagIt bag (no bagit.txt)"))
        ]
    try:
        bag = bagit.Bag(str(folder))
    except bagit.BagError as exc:
        return [Problem("invalid", folder.name, Text(f"包结构无法读取：{exc}", f"the bag cannot be read: {exc}"))]
    problems: list[Problem] = []
    listed: set[str] = set()
    for relative, hashes in sorted(bag.entries.items()):
        name = nfc(relative)
        listed.add(name)
        target = folder / name
        if not target.is_file():
            problems.append(Problem("missing", name, Text("清单中有，文件不存在", "listed in a manifest, not on disk")))
            continue
        for algorithm, expected in sorted(hashes.items()):
            actual = _digest(target, algorithm)
            if actual != expected.lower():
                problems.append(
                    Problem(
                        "altered",
                        name,
                        Text(
                            f"{algorithm} 校验值不符",
                            f"{algorithm} checksum differs: expected {expected}, found {actual}",
                        ),
                    )
                )
                break
    exempt = {"bagit.txt"} | {Path(m).name for m in bag.tagmanifest_files()}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = nfc(path.relative_to(folder).as_posix())
        if name in listed or name in exempt:
            continue
        problems.append(Problem("extra", name, Text("文件不在任何清单中", "on disk, in no manifest")))
    return problems
