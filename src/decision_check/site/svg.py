"""Inline SVG charts and timelines. Every chart also has its numbers as a table beside it (the
templates), so meaning never rests on colour alone; colours are paired with patterns of shape."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

BAR_COLOURS = ("#1f4e79", "#b85c00", "#5b7f2b", "#7a3b69", "#3d6f8e", "#8e6c3d")


def bar_chart(title: str, rows: Sequence[tuple[str, int]], *, width: int = 520) -> str:
    """Horizontal bars, one per row, labelled with their value; ``title`` is the accessible name."""
    bar_height, gap, label_width = 22, 8, 170
    height = max(1, len(rows)) * (bar_height + gap) + gap
    top = max((value for _, value in rows), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = int((width - label_width - 60) * value / top)
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" class="label">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{bar_height}" fill="{colour}"/>'
            f'<text x="{label_width + max(length, 1) + 6}" y="{y + 15}" class="value">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Event:
    """One procedural step on the timeline: a day, or a span (comment window, legality review)."""

    key: str  # the data path it belongs to (``steps.legality_review``, ``meetings[0]``)
    label: str
    start: date
    end: date | None = None
    note: str = ""
    flagged: bool = False  # a finding points here


def timeline(title: str, events: Sequence[Event], *, width: int = 860) -> str:
    """Steps on a date axis, one row each; spans as bars, days as diamonds, flagged ones marked ✕."""
    if not events:
        return ""
    row, left, right = 30, 230, 30
    first = min(e.start for e in events)
    last = max((e.end or e.start) for e in events)
    days = max((last - first).days, 1)
    height = len(events) * row + 40

    def x(day: date) -> float:
        return left + (width - left - right) * (day - first).days / days

    parts = [
        f'<svg class="timeline" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="{height - 25}" x2="{width - right}" y2="{height - 25}" class="axis"/>',
        f'<text x="{left}" y="{height - 8}" class="tick">{first.isoformat()}</text>',
        f'<text x="{width - right}" y="{height - 8}" text-anchor="end" class="tick">{last.isoformat()}</text>',
    ]
    for index, event in enumerate(events):
        y = 10 + index * row
        cls = "event flagged" if event.flagged else "event"
        label = escape(event.label + (f"（{event.note}）" if event.note else ""))
        parts.append(f'<g class="{cls}" data-key="{escape(event.key)}">')
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end" class="label">{label}</text>')
        if event.end is not None and event.end != event.start:
            parts.append(
                f'<rect x="{x(event.start):.1f}" y="{y + 4}" width="{max(x(event.end) - x(event.start), 2):.1f}" '
                f'height="14" class="span"/>'
            )
        else:
            cx = x(event.start)
            parts.append(
                f'<polygon points="{cx:.1f},{y + 3} {cx + 7:.1f},{y + 11} {cx:.1f},{y + 19} {cx - 7:.1f},{y + 11}" '
                f'class="day"/>'
            )
        if event.flagged:
            mark = x(event.end or event.start) + 12
            parts.append(f'<text x="{mark:.1f}" y="{y + 16}" class="mark">✕ 有问题</text>')
        parts.append(
            f"<title>{label}：{event.start.isoformat()}"
            + (f" — {event.end.isoformat()}" if event.end else "")
            + "</title></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
