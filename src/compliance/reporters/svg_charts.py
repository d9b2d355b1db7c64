"""Inline SVG charts for the HTML report: horizontal bars (pass rate per rule, the weakest
reports) and a histogram (reports by score). Plain SVG text, no script, no fonts fetched:
the page stays one self-contained file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "font-family=\"inherit\""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: a label, a value in [0, 1], the text at its end, an optional link and tooltip."""

    label: str
    value: float
    text: str
    href: str | None = None
    tip: str | None = None


def colour(value: float) -> str:
    """Red below 60 %, amber below 90 %, green from 90 %."""
    if value < 0.6:
        return "#c62828"
    if value < 0.9:
        return "#ef8f00"
    return "#2e7d32"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def hbars(bars: Sequence[Bar], *, label_width: int = 330, width: int = 760, row: int = 22,
          title: str = "") -> str:
    """Horizontal bars, one per row, with a 0–100 % scale."""
    plot = width - label_width - 96
    top = 26 if title else 8
    height = top + row * len(bars) + 24
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-label="{escape(title)}" class="chart">']
    if title:
        out.append(f'<text x="0" y="16" font-size="14" font-weight="600" {FONT}>{escape(title)}</text>')
    for tick in (0, 25, 50, 75, 100):
        x = label_width + plot * tick / 100
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + row * len(bars)}" stroke="#e3e6ea"/>')
        out.append(f'<text x="{x:.1f}" y="{top + row * len(bars) + 16}" font-size="11" fill="#69707a" '
                   f'text-anchor="middle" {FONT}>{tick}%</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        value = min(max(bar.value, 0.0), 1.0)
        label = escape(_clip(bar.label, label_width // 13))
        text = (f'<text x="{label_width - 8}" y="{y + row * 0.68:.1f}" font-size="12" text-anchor="end" {FONT}>'
                f"{label}</text>")
        if bar.href:
            text = f'<a href="{escape(bar.href)}">{text}</a>'
        tip = f"<title>{escape(bar.tip or bar.label)}</title>"
        out.append(f"<g>{tip}{text}"
                   f'<rect x="{label_width}" y="{y + 4}" width="{plot}" height="{row - 8}" fill="#f1f3f5" rx="2"/>'
                   f'<rect x="{label_width}" y="{y + 4}" width="{plot * value:.1f}" height="{row - 8}" '
                   f'fill="{colour(value)}" rx="2"/>'
                   f'<text x="{label_width + plot * value + 6:.1f}" y="{y + row * 0.68:.1f}" font-size="11" '
                   f'fill="#333" {FONT}>{escape(bar.text)}</text></g>')
    out.append("</svg>")
    return "".join(out)


def histogram(scores: Sequence[float], *, width: int = 760, height: int = 220, title: str = "",
              x_label: str = "", y_label: str = "") -> str:
    """Reports by score in ten bins (0–10 … 90–100), each bar coloured by its score."""
    bins = [0] * 10
    for score in scores:
        bins[min(int(score // 10), 9)] += 1
    peak = max(bins) or 1
    left, top, bottom = 44, 30 if title else 10, 40
    plot_w, plot_h = width - left - 10, height - top - bottom
    step = plot_w / 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-label="{escape(title)}" class="chart">']
    if title:
        out.append(f'<text x="0" y="16" font-size="14" font-weight="600" {FONT}>{escape(title)}</text>')
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#e3e6ea"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" fill="#69707a" text-anchor="end" '
                   f'{FONT}>{round(peak * frac)}</text>')
    for i, count in enumerate(bins):
        h = plot_h * count / peak
        x = left + i * step
        out.append(f'<g><title>{i * 10}–{i * 10 + 10}: {count}</title>'
                   f'<rect x="{x + 3:.1f}" y="{top + plot_h - h:.1f}" width="{step - 6:.1f}" height="{h:.1f}" '
                   f'fill="{colour((i * 10 + 5) / 100)}" rx="2"/>')
        if count:
            out.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h - h - 4:.1f}" font-size="11" '
                       f'text-anchor="middle" {FONT}>{count}</text>')
        out.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h + 15:.1f}" font-size="11" fill="#69707a" '
                   f'text-anchor="middle" {FONT}>{i * 10}–{i * 10 + 10}</text></g>')
    if x_label:
        out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" font-size="12" fill="#444" '
                   f'text-anchor="middle" {FONT}>{escape(x_label)}</text>')
    if y_label:
        out.append(f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="12" fill="#444" text-anchor="middle" '
                   f'transform="rotate(-90 12 {top + plot_h / 2:.1f})" {FONT}>{escape(y_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def donut(parts: Sequence[tuple[str, int, str]], *, size: int = 120, center: str = "") -> str:
    """A ring of ``(label, count, colour)`` parts with a text in the middle."""
    total = sum(count for _, count, _ in parts) or 1
    radius, stroke = size / 2 - 10, 16
    circumference = 2 * 3.141592653589793 * radius
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
           f'role="img" class="donut">',
           f'<circle cx="{size / 2}" cy="{size / 2}" r="{radius:.1f}" fill="none" stroke="#eef0f2" '
           f'stroke-width="{stroke}"/>']
    offset = 0.0
    for label, count, fill in parts:
        length = circumference * count / total
        if count:
            out.append(f'<circle cx="{size / 2}" cy="{size / 2}" r="{radius:.1f}" fill="none" stroke="{fill}" '
                       f'stroke-width="{stroke}" stroke-dasharray="{length:.2f} {circumference - length:.2f}" '
                       f'stroke-dashoffset="{-offset:.2f}" transform="rotate(-90 {size / 2} {size / 2})">'
                       f"<title>{escape(label)}: {count}</title></circle>")
        offset += length
    out.append(f'<text x="{size / 2}" y="{size / 2 + 6}" font-size="18" font-weight="700" text-anchor="middle" '
               f'{FONT}>{escape(center)}</text></svg>')
    return "".join(out)
