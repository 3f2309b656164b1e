"""Server-side SVG charts: accessible (title, description) and drawn without JavaScript.

Each chart comes with the data it draws; pages show that data as a table too.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0..1 of the scale; None = no value (drawn as a note)
    text: str  # the value as written beside the bar


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar],
              empty_text: str = "—") -> Markup:
    """A horizontal bar chart scaled 0–1, as an inline <svg> with <title> and <desc>."""
    label_w, bar_w, row_h, top = 260, 300, 32, 8
    width, height = label_w + bar_w + 80, top * 2 + row_h * max(len(bars), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line class="chart-axis" x1="{label_w}" y1="{top}" x2="{label_w}" '
        f'y2="{height - top}"/>',
    ]
    for i, bar in enumerate(bars):
        y = top + i * row_h
        label = bar.label if len(bar.label) <= 38 else bar.label[:37] + "…"
        parts.append(f'<text class="chart-label" x="{label_w - 8}" y="{y + 20}" '
                     f'text-anchor="end">{escape(label)}</text>')
        if bar.value is None:
            parts.append(f'<text class="chart-value" x="{label_w + 8}" y="{y + 20}">'
                         f'{escape(empty_text)}</text>')
            continue
        length = round(max(0.0, min(1.0, bar.value)) * bar_w, 1)
        parts.append(f'<rect class="chart-bar" x="{label_w}" y="{y + 6}" width="{length}" '
                     f'height="{row_h - 12}"/>')
        parts.append(f'<text class="chart-value" x="{label_w + length + 8}" y="{y + 20}">'
                     f'{escape(bar.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# Fill classes of the map, by number of practices: none, one, two, three or more.
MAP_STEPS = ((0, "map-0"), (1, "map-1"), (2, "map-2"), (3, "map-3"))


def map_step(count: int) -> str:
    return [cls for floor, cls in MAP_STEPS if count >= floor][-1]


def region_choropleth(chart_id: str, title: str, description: str, rmap,
                      counts: dict[str, int], tooltip) -> Markup:
    """The regions of `rmap` shaded by `counts` (region code → practices), the count
    written on each region that has some, as an inline <svg> with <title> and <desc>.
    `tooltip(region, count)` gives each region's own <title>."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="region-map" viewBox="{rmap.view_box}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for region in rmap.regions.values():
        if region.box:
            x, y, w, h = region.box
            parts.append(f'<rect class="map-inset" x="{x}" y="{y}" width="{w}" height="{h}"/>')
    for region in rmap.regions.values():
        count = counts.get(region.code, 0)
        parts.append(f'<path class="map-region {map_step(count)}" d="{region.path}">'
                     f'<title>{escape(tooltip(region, count))}</title></path>')
    for region in rmap.regions.values():
        count = counts.get(region.code, 0)
        if count:
            x, y = region.label
            parts.append(f'<text class="map-count" x="{x}" y="{y}" text-anchor="middle" '
                         f'dominant-baseline="central">{count}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
