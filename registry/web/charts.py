"""Server-side SVG charts: accessible (title, description) and drawn without JavaScript.

Each chart comes with the data it draws; pages show that data as a table too.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_CHARS = 34  # characters a line of label holds beside the bars


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0..1 of the scale; None = no value (drawn as a note)
    text: str  # the value as written beside the bar


def wrap(text: str, width: int = LABEL_CHARS) -> list[str]:
    """`text` cut at spaces into lines of at most `width` characters (a longer word
    keeps its own line): chart labels are never cut short."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar],
              empty_text: str = "—") -> Markup:
    """A horizontal bar chart scaled 0–1, as an inline <svg> with <title> and <desc>.
    Long labels run on several lines; each row is as tall as its label."""
    label_w, bar_w, line_h, pad, top = 260, 300, 18, 14, 8
    labels = [wrap(bar.label) for bar in bars]
    heights = [max(32, len(lines) * line_h + pad) for lines in labels]
    width, height = label_w + bar_w + 80, top * 2 + (sum(heights) or 32)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line class="chart-axis" x1="{label_w}" y1="{top}" x2="{label_w}" '
        f'y2="{height - top}"/>',
    ]
    y = top
    for bar, lines, row_h in zip(bars, labels, heights, strict=True):
        first = y + (row_h - len(lines) * line_h) / 2 + 13  # baseline of the first line
        spans = "".join(f'<tspan x="{label_w - 8}" dy="{0 if i == 0 else line_h}">'
                        f'{escape(line)}</tspan>' for i, line in enumerate(lines))
        parts.append(f'<text class="chart-label" x="{label_w - 8}" y="{first:g}" '
                     f'text-anchor="end">{spans}</text>')
        middle = y + row_h / 2
        if bar.value is None:
            parts.append(f'<text class="chart-value" x="{label_w + 8}" y="{middle + 5:g}">'
                         f'{escape(empty_text)}</text>')
        else:
            length = round(max(0.0, min(1.0, bar.value)) * bar_w, 1)
            parts.append(f'<rect class="chart-bar" x="{label_w}" y="{middle - 10:g}" '
                         f'width="{length}" height="20"/>')
            parts.append(f'<text class="chart-value" x="{label_w + length + 8}" '
                         f'y="{middle + 5:g}">{escape(bar.text)}</text>')
        y += row_h
    parts.append("</svg>")
    return Markup("".join(parts))


# Fill classes of the map, by number of practices: none, one, two, three or more.
MAP_STEPS = ((0, "map-0"), (1, "map-1"), (2, "map-2"), (3, "map-3"))


def map_step(count: int) -> str:
    return [cls for floor, cls in MAP_STEPS if count >= floor][-1]


def region_choropleth(chart_id: str, title: str, description: str, rmap,
                      counts: dict[str, int], tooltip, link=None) -> Markup:
    """The regions of `rmap` shaded by `counts` (region code → practices), the count
    written on each region that has some, as an inline <svg> with <title> and <desc>.
    `tooltip(region, count)` gives each region's own <title>; `link(region)`, when
    given, makes each region with practices a link (to their list)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="region-map" viewBox="{rmap.view_box}" '
        f'role="{"group" if link else "img"}" '  # a picture may not hold links
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for region in rmap.regions.values():
        if region.box:
            x, y, w, h = region.box
            parts.append(f'<rect class="map-inset" x="{x}" y="{y}" width="{w}" height="{h}"/>')
    for region in rmap.regions.values():
        count = counts.get(region.code, 0)
        shape = (f'<path class="map-region {map_step(count)}" d="{region.path}">'
                 f'<title>{escape(tooltip(region, count))}</title></path>')
        if link and count:
            # Out of the tab order: keyboards reach the same lists through the page.
            shape = (f'<a class="map-link" href="{escape(link(region))}" tabindex="-1">'
                     f'{shape}</a>')
        parts.append(shape)
    for region in rmap.regions.values():
        count = counts.get(region.code, 0)
        if count:
            x, y = region.label
            parts.append(f'<text class="map-count" x="{x}" y="{y}" text-anchor="middle" '
                         f'dominant-baseline="central">{count}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
