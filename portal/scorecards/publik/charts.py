"""Small SVG charts drawn on the server: no script, readable in print, and each page puts the same
numbers in a table next to it (the chart itself is ``aria-hidden``; the table is what a screen
reader reads). Presentation attributes only (fill, stroke), so the CSP's style-src holds."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from markupsafe import Markup, escape

from portal.core.templating import format_number

WIDTH, HEIGHT = 320, 150
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 34, 26, 14, 24
BRAND = "#1d70b8"
GRID = "#d0d3d6"
INK = "#505a64"


def _fmt(value: float, places: int) -> str:
    """As the tables write it: the reader's locale ("2,79" in Indonesian), the same decimals."""
    return format_number(value, places)


def _wrapped(name: str, width: int = 30, lines: int = 2) -> list[str]:
    """A label on at most two lines that fit the label column (none clipped at the edge)."""
    parts = textwrap.wrap(name, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:width - 1].rstrip() + "…"
    return parts


def line_chart(points: Sequence[tuple[str, float | None]], *, y_min: float, y_max: float,
               label: str, places: int = 1) -> Markup:
    """A line over periods; a missing value (suppressed or no data) breaks the line. Axis and
    point labels have ``places`` decimals, like the table beside the chart."""
    if not points:
        return Markup("")
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = inner_w / max(1, len(points) - 1) if len(points) > 1 else 0
    span = (y_max - y_min) or 1

    def x(i: int) -> float:
        return PAD_LEFT + (i * step if len(points) > 1 else inner_w / 2)

    def y(value: float) -> float:
        clamped = min(max(value, y_min), y_max)
        return PAD_TOP + inner_h - (clamped - y_min) / span * inner_h

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
             f'<title>{escape(label)}</title>']
    for tick in (y_min, (y_min + y_max) / 2, y_max):
        ty = y(tick)
        parts.append(f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{ty:.1f}" '
                     f'y2="{ty:.1f}" stroke="{GRID}" stroke-width="1"/>'
                     f'<text x="{PAD_LEFT - 4}" y="{ty + 4:.1f}" text-anchor="end" '
                     f'font-size="10" fill="{INK}">{_fmt(tick, 0 if tick == int(tick) else 1)}</text>')
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, (_period, value) in enumerate(points):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            parts.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{BRAND}" '
                         f'stroke-width="2.5"/>')
    for i, (period, value) in enumerate(points):
        anchor = ("middle" if len(points) == 1 else "start" if i == 0
                  else "end" if i == len(points) - 1 else "middle")
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - 6}" text-anchor="{anchor}" '
                     f'font-size="10" fill="{INK}">{escape(period)}</text>')
        if value is not None:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3.5" fill="{BRAND}"/>'
                         f'<text x="{x(i):.1f}" y="{y(value) - 7:.1f}" text-anchor="middle" '
                         f'font-size="10" fill="#1b1f24">{_fmt(value, places)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(bars: Sequence[tuple[str, float | None]], *, maximum: float, label: str,
              places: int = 2) -> Markup:
    """Horizontal bars (e.g. the nine NRR on the 1–4 scale); a long name wraps onto two lines."""
    if not bars:
        return Markup("")
    line_h, label_w = 12, 180
    names = [_wrapped(name) for name, _value in bars]
    heights = [line_h * len(lines) + 8 for lines in names]
    height = sum(heights) + 4
    inner = WIDTH - label_w - 34
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-hidden="true" '
             f'focusable="false" xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}'
             f'</title>']
    top = 2
    for (_name, value), lines, row_h in zip(bars, names, heights, strict=True):
        text_top = top + (row_h - line_h * len(lines)) / 2 + 9
        spans = "".join(f'<tspan x="{label_w - 4}" y="{text_top + i * line_h:.1f}">'
                        f'{escape(line)}</tspan>' for i, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" font-size="10" fill="{INK}">{spans}</text>')
        if value is not None:
            w = max(1.0, value / maximum * inner)
            mid = top + row_h / 2
            parts.append(f'<rect x="{label_w}" y="{mid - 6.5:.1f}" width="{w:.1f}" height="13" '
                         f'fill="{BRAND}"/><text x="{label_w + w + 3:.1f}" y="{mid + 3.5:.1f}" '
                         f'font-size="10" fill="#1b1f24">{_fmt(value, places)}</text>')
        top += row_h
    parts.append("</svg>")
    return Markup("".join(parts))
