"""The HTML report's trend chart: open findings per category at each
recorded run, and a dashed line of the findings fixed so far, as one inline
SVG (no script, no network). Labels are escaped: category names come from
rule files."""

from __future__ import annotations

import datetime as dt
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 44, 190, 16, 40
#: distinct colours for up to 14 categories (then they repeat)
PALETTE = ["#1e6fd9", "#c62828", "#2e7d32", "#d98e04", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#546e7a",
           "#9e9d24", "#283593", "#ef6c00", "#00695c", "#8e24aa"]
FIXED_COLOUR = "#1d2330"


def _ticks(top: int) -> list[int]:
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


def trend_svg(points: list[tuple[dt.datetime, dict[str, int], int]]) -> Markup:
    """``points``: each run's time, open findings by category and fixed so far."""
    categories = sorted({c for _, by_category, _ in points for c in by_category})
    top = max([n for _, by_category, _ in points for n in by_category.values()] + [p[2] for p in points] + [1])
    ticks = _ticks(top)
    top = ticks[-1]
    first, last = points[0][0], points[-1][0]
    span = (last - first).total_seconds()
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(moment: dt.datetime) -> float:
        return LEFT + (plot_w / 2 if span == 0 else plot_w * (moment - first).total_seconds() / span)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    out = [f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="trend-title"><title id="trend-title">Open findings per category at each of '
           f'{len(points)} recorded runs, and findings fixed so far</title>']
    for tick in ticks:
        out.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
                   f'<text class="tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    dates = sorted({p[0].date() for p in points})
    shown = dates if len(dates) <= 6 else [dates[round(i * (len(dates) - 1) / 5)] for i in range(6)]
    for day in dict.fromkeys(shown):
        moment = next(p[0] for p in points if p[0].date() == day)
        out.append(f'<text class="tick" x="{x(moment):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
                   f'{day:%Y-%m-%d}</text>')
    out.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>')
    series = [(c, PALETTE[i % len(PALETTE)], [p[1].get(c, 0) for p in points], "") for i, c in enumerate(categories)]
    series.append(("fixed so far", FIXED_COLOUR, [p[2] for p in points], ' stroke-dasharray="6 4"'))
    for index, (label, colour, values, dash) in enumerate(series):
        coords = " ".join(f"{x(p[0]):.1f},{y(v):.1f}" for p, v in zip(points, values))
        name = escape(label)
        out.append(f'<g class="series" data-series="{name}"><polyline fill="none" stroke="{colour}" stroke-width="2"'
                   f'{dash} points="{coords}"/>')
        out += [f'<circle cx="{x(p[0]):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"><title>{name}: {v} '
                f'({p[0]:%Y-%m-%d})</title></circle>' for p, v in zip(points, values)]
        legend_y = TOP + 8 + 18 * index
        out.append(f'<line x1="{WIDTH - RIGHT + 14}" x2="{WIDTH - RIGHT + 38}" y1="{legend_y}" y2="{legend_y}" '
                   f'stroke="{colour}" stroke-width="2"{dash}/><text class="key" x="{WIDTH - RIGHT + 44}" '
                   f'y="{legend_y + 4}">{name}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))
