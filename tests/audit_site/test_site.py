"""The audit site, checked against counts made here from the YAML, in a real headless Chromium."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _records() -> list[dict[str, Any]]:
    out = []
    for path in sorted((ROOT / "decisions").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind", "decision") in ("decision", "决策"):
            out.append(data)
    return out


def _decided(record: dict[str, Any]) -> bool:
    return any(m.get("outcome") for m in record.get("meetings", []) or [])


def _year(record: dict[str, Any]) -> int | None:
    """The year as the annual report counts it: the deciding meeting's; in progress, the catalogue's."""
    if _decided(record):
        return int(str([m for m in record["meetings"] if m.get("outcome")][-1]["date"])[:4])
    return (record.get("catalog") or {}).get("year")


def _open(browser: Any, url: str, **context: Any) -> tuple[Any, list[str], list[str]]:
    page = browser.new_context(**context).new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    return page, errors, requests


def test_overview_counts_agree_with_the_files(browser: Any, site_dir: Path) -> None:
    records = _records()
    page, errors, requests = _open(browser, (site_dir / "index.html").as_uri())
    assert page.locator("#count-decisions").inner_text() == str(len(records))
    rows = page.locator("#decisions tbody tr")
    assert rows.count() == len(records)
    status = dict(
        zip(
            page.locator("#table-status tbody th").all_inner_texts(),
            page.locator("#table-status tbody td").all_inner_texts(),
            strict=True,
        )
    )
    assert status.get("进行中", "0") == str(sum(not _decided(r) for r in records))
    catalog = yaml.safe_load((ROOT / "decisions" / "catalogs" / "longhe-2020.yaml").read_text(encoding="utf-8"))
    catalogue = page.locator("#table-catalogue tbody tr").first.locator("td").inner_text()
    assert catalogue == str(len(catalog["entries"]))
    assert errors == []
    assert all(url.startswith(site_dir.as_uri()) for url in requests), requests
    page.screenshot(path=str(site_dir.parent / "overview.png"), full_page=True)


def test_filter_hides_and_shows_the_right_rows(browser: Any, site_dir: Path) -> None:
    records = _records()
    page, errors, _ = _open(browser, (site_dir / "index.html").as_uri())
    visible = page.locator("#decisions tbody tr:visible")
    page.select_option("select[name=status]", "进行中")
    assert visible.count() == sum(not _decided(r) for r in records)
    page.select_option("select[name=status]", "")
    assert visible.count() == len(records)
    page.select_option("select[name=rule]", "PP-03")
    ids = set(visible.locator("td:first-child").all_inner_texts())
    assert "LH-2020-007" in ids and "LH-2020-003" not in ids
    page.select_option("select[name=rule]", "")
    page.select_option("select[name=year]", "2020")
    assert visible.count() == sum(_year(r) == 2020 for r in records)
    assert page.locator("#shown").inner_text() == f"显示 {visible.count()} / {len(records)} 项"
    assert errors == []


def test_everything_is_readable_without_javascript(browser: Any, site_dir: Path) -> None:
    page, _, _ = _open(browser, (site_dir / "index.html").as_uri(), java_script_enabled=False)
    assert page.locator("#filters").is_hidden()
    assert page.locator("#decisions tbody tr:visible").count() == len(_records())


def test_decision_page_timeline_has_every_dated_step(browser: Any, site_dir: Path) -> None:
    record = yaml.safe_load((ROOT / "decisions" / "2020" / "LH-2020-007.yaml").read_text(encoding="utf-8"))
    steps = record["steps"]
    participation = steps["public_participation"]
    dated = [
        participation.get("notice", {}).get("date"),
        participation.get("comment_period", {}).get("start"),
        steps.get("legality_review", {}).get("submitted"),
        *(m.get("date") for m in record["meetings"]),
        steps.get("publication", {}).get("date"),
        steps.get("archive", {}).get("date"),
        *(
            steps.get(s, {}).get("date")
            for s in ("hearing", "expert_review", "risk_assessment")
            if isinstance(steps.get(s), dict)
        ),
    ]
    page, errors, requests = _open(browser, (site_dir / "decisions" / "LH-2020-007.html").as_uri())
    assert page.locator("svg.timeline g.event").count() == sum(1 for d in dated if d)
    assert page.locator("svg.timeline g.flagged").count() >= 1  # PP-03 marks the comment window
    assert page.locator("#events tbody tr").count() == sum(1 for d in dated if d)
    assert "PP-03" in page.locator("#findings").inner_text()
    assert "个工作日" in page.locator("#events").inner_text()
    assert errors == [] and all(u.startswith(site_dir.as_uri()) for u in requests)
    page.screenshot(path=str(site_dir.parent / "decision.png"), full_page=True)


def test_pages_are_accessible(site_dir: Path) -> None:
    for page in [site_dir / "index.html", *sorted((site_dir / "decisions").glob("*.html"))[:5]]:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html
        levels = [int(h) for h in re.findall(r"<h([1-6])", html)]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels)), page
        for table in re.findall(r"<table.*?</table>", html, flags=re.S):
            assert "<th" in table
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html


def _private_strings() -> set[str]:
    found: set[str] = set()
    for record in _records():
        for meeting in record.get("meetings", []) or []:
            for key in ("chair", "recorder", "presenter"):
                if meeting.get(key):
                    found.add(str(meeting[key]))
            for member in meeting.get("members", []) or []:
                found.add(str(member["name"]))
                if member.get("remarks"):
                    found.add(str(member["remarks"]))
            for attendee in meeting.get("nonvoting_attendees", []) or []:
                found.add(str(attendee["name"]))
        steps = record.get("steps", {}) or {}
        for expert in (steps.get("expert_review") or {}).get("experts", []) or []:
            found.add(str(expert["name"]))
        for participant in (steps.get("hearing") or {}).get("participants", []) or []:
            found.add(str(participant["name"]))
        for document in record.get("documents", []) or []:
            if document.get("classification") and document.get("title"):
                found.add(str(document["title"]))
    return {s for s in found if len(s) >= 2}


def test_public_site_holds_no_views_personal_data_or_classified_documents(public_dir: Path, site_dir: Path) -> None:
    private = _private_strings()
    assert len(private) > 10  # the bundled records do name people: the test would catch a leak
    leaks = []
    for path in public_dir.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            leaks += [(path.name, s) for s in private if s in text]
            assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), path  # mobile numbers
            assert not re.search(r"(?<!\d)\d{17}[\dXx](?!\d)", text), path  # ID card numbers
    assert leaks == []
    internal = (site_dir / "decisions" / "LH-2020-007.html").read_text(encoding="utf-8")
    assert any(s in internal for s in private)  # the internal site does show the meeting


def test_no_overwrite_without_force_and_empty_selection(tmp_path: Path, make_site: Any) -> None:
    from typer.testing import CliRunner

    from decision_check.cli.app import app

    make_site(tmp_path)
    again = CliRunner().invoke(app, ["site", str(ROOT / "decisions"), "--output", str(tmp_path / "site")])
    assert again.exit_code == 2 and "--force" in again.output
    empty = CliRunner().invoke(
        app, ["site", str(ROOT / "decisions"), "--output", str(tmp_path / "x"), "--year", "1999"]
    )
    assert empty.exit_code == 2 and not (tmp_path / "x").exists()


@pytest.mark.parametrize("page", ["index.html", "decisions/LH-2020-003.html", "rules/PP-03.html"])
def test_pages_exist_and_link_inside(site_dir: Path, page: str) -> None:
    html = (site_dir / page).read_text(encoding="utf-8")
    for link in re.findall(r'(?:href|src)="([^"#]+)"', html):
        assert (site_dir / page).parent.joinpath(link).resolve().is_file(), link
