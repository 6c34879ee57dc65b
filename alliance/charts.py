"""Charts drawn on the server as SVG, from the platform's own numbers: no script, no CDN.

A chart is readable without colour: every series has its own line pattern (solid, dashed,
dotted) or bar hatching and its own marker shape, the legend repeats them beside the names, each
point carries a tooltip, and the full data table sits below the drawing."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string

WIDTH, HEIGHT = 720, 260
TOP, BOTTOM = 16, 36
# The side margins hold the axis labels: as wide as the longest one (an amount such as
# "CN¥12,400.00" needs far more room than a count), never narrower than MARGIN.
MARGIN = 16
TICK_GAP = 6  # between a tick label and the plot
TICK_FONT = 11  # px, as .chart-drawing .tick in app.css
TICKS = 4
MARKERS_UP_TO = 31  # beyond a month of days, markers crowd the line: the patterns carry it

# (stroke colour, dash pattern, marker shape, hatch angle) per series, in order.
STYLES = [
    ("#c2410c", "", "circle", 45),
    ("#1d4ed8", "7 4", "square", -45),
    ("#047857", "2 3", "triangle", 0),
    ("#7c3aed", "10 3 2 3", "diamond", 90),
]


@dataclass
class Series:
    name: str
    values: Sequence[int | Decimal | float]
    # Series of another size (orders beside clicks) go on the right-hand axis.
    axis: str = "left"


@dataclass
class Chart:
    title: str
    labels: Sequence[date | str]
    series: list[Series] = field(default_factory=list)
    kind: str = "line"
    value_format: str = "number"  # or "money": how the axis, tooltips and table show values


def _axis_top(values, *, whole: bool) -> Decimal:
    """The top of an axis: TICKS round steps (1, 2, 2.5, 5 times 10^k) that reach the largest
    value; counts get whole steps so that no tick reads 0.25 orders."""
    largest = max((Decimal(v) for v in values), default=Decimal(0))
    wanted = largest / TICKS
    if wanted <= 0:
        return Decimal(TICKS) if whole else Decimal(1)
    magnitude = Decimal(1)
    while magnitude * 10 <= wanted:
        magnitude *= 10
    while magnitude > wanted:
        magnitude /= 10
    steps = (1, 2, 5, 10) if whole else (1, 2, Decimal("2.5"), 5, 10)
    step = next(magnitude * s for s in steps if magnitude * s >= wanted)
    if whole:
        step = max(step, Decimal(1))
    return step * TICKS


def text_width(text: str) -> float:
    """A generous estimate of the width of `text` at TICK_FONT in the system UI font: Latin
    letters and digits take up to 0.62 em, Chinese characters and the yen sign's full-width
    forms a whole em."""
    return sum(TICK_FONT * (1.0 if ord(char) >= 0x2E80 else 0.62) for char in text)


def _margin(labels: list[str]) -> int:
    if not labels:
        return MARGIN
    return max(MARGIN, int(max(text_width(label) for label in labels)) + TICK_GAP + 4)


def _label(value: date | str) -> str:
    return f"{value.month}/{value.day}" if isinstance(value, date) else str(value)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 4.5:.1f} {x - 4:.1f},{y + 3.5:.1f} '
            f'{x + 4:.1f},{y + 3.5:.1f}" fill="{colour}"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} '
        f'{x - 4.5:.1f},{y:.1f}" fill="{colour}"/>'
    )


@dataclass
class _Frame:
    """Where a chart's plot sits in the drawing, and how a value and an index map onto it."""

    count: int
    scales: dict[str, Decimal]  # the top of each axis that has values ("left", "right")
    ticks: dict[str, list[str]]
    left: float
    right: int
    slot: float  # the width each label's points or bars take
    plot_height: int = HEIGHT - TOP - BOTTOM

    def x_of(self, index: int) -> float:
        return self.left + self.slot * (index + 0.5)

    def y_of(self, value, axis: str) -> float:
        top = self.scales[axis]
        return TOP + self.plot_height - float(Decimal(value) / top) * self.plot_height


def _frame(chart: Chart, shown: Callable) -> _Frame:
    """Each axis's top and tick labels, and the side margins wide enough for those labels."""
    tops = {}
    for axis in ("left", "right"):
        values = [v for s in chart.series if s.axis == axis for v in s.values]
        whole = all(isinstance(v, int) for v in values)
        tops[axis] = _axis_top(values, whole=whole) if values else None
    ticks = {
        axis: [str(shown(top * tick / TICKS)) for tick in range(TICKS + 1)] if top else []
        for axis, top in tops.items()
    }
    left, right = _margin(ticks["left"]), _margin(ticks["right"])
    count = len(chart.labels)
    return _Frame(
        count=count,
        scales={axis: top for axis, top in tops.items() if top is not None},
        ticks=ticks,
        left=left,
        right=right,
        slot=(WIDTH - left - right) / max(count, 1),
    )


def _grid(chart: Chart, frame: _Frame) -> list[str]:
    """The grid lines with each axis's tick labels, and the labels of the days under the plot."""
    parts = []
    left, right, plot_height = frame.left, frame.right, frame.plot_height
    for tick in range(TICKS + 1):
        y = TOP + plot_height - plot_height * tick / TICKS
        parts.append(
            f'<line class="grid" x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        sides = (("left", "end", left - TICK_GAP), ("right", "start", WIDTH - right + TICK_GAP))
        for axis, anchor, x in sides:
            if frame.ticks[axis]:
                parts.append(
                    f'<text class="tick" x="{x}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                    f"{_escape(frame.ticks[axis][tick])}</text>"
                )
    count = frame.count
    every = max(1, -(-count // 8))
    for index, label in enumerate(chart.labels):
        # The last day is labelled too, unless a tick label already sits right beside it.
        is_last = index == count - 1 and index % every >= every / 2
        if index % every == 0 or is_last:
            parts.append(
                f'<text class="tick" x="{frame.x_of(index):.1f}" y="{HEIGHT - 12}" '
                f'text-anchor="middle">{_escape(_label(label))}</text>'
            )
    return parts


def _hatch(number: int) -> str:
    """The fill pattern of the bar series `number`: its colour, hatched at its own angle."""
    colour, _dash, _shape, angle = STYLES[number % len(STYLES)]
    return (
        f'<pattern id="{{uid}}-h{number}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate({angle})">'
        f'<rect width="6" height="6" fill="{colour}" opacity="0.35"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{colour}" stroke-width="3"/></pattern>'
    )


def _bars(frame: _Frame, number: int, bar_count: int, points, tips) -> list[str]:
    """The bars of series `number`, hatched with its pattern, each with its tooltip."""
    colour = STYLES[number % len(STYLES)][0]
    slot = frame.slot
    width = slot * 0.8 / bar_count
    parts = []
    for (x, y), tip in zip(points, tips, strict=True):
        left = x - slot * 0.4 + width * number
        height = TOP + frame.plot_height - y
        parts.append(
            f'<rect x="{left:.1f}" y="{y:.1f}" width="{max(width - 1, 1):.1f}" '
            f'height="{height:.1f}" fill="url(#{{uid}}-h{number})" stroke="{colour}">'
            f"<title>{_escape(tip)}</title></rect>"
        )
    return parts


def _line(frame: _Frame, number: int, points, tips) -> list[str]:
    """The line of series `number` in its dash pattern, and a marker and a tooltip per point."""
    colour, dash, shape, _angle = STYLES[number % len(STYLES)]
    slot = frame.slot
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    parts = [
        f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
        f"{dash_attribute}/>"
    ]
    for (x, y), tip in zip(points, tips, strict=True):
        mark = _marker(shape, x, y, colour) if frame.count <= MARKERS_UP_TO else ""
        parts.append(
            f'<g class="point">{mark}<rect x="{x - slot / 2:.1f}" y="{TOP}" '
            f'width="{slot:.1f}" height="{frame.plot_height}" fill="transparent">'
            f"<title>{_escape(tip)}</title></rect></g>"
        )
    return parts


def _legend(chart: Chart, shown: Callable) -> list[dict]:
    """Each series' name, line or hatch, marker and total, as the legend shows them."""
    legend = []
    for number, series in enumerate(chart.series):
        colour, dash, shape, _angle = STYLES[number % len(STYLES)]
        legend.append(
            {
                "name": series.name,
                "colour": colour,
                "dash": dash,
                "marker": _marker(shape, 14, 8, colour),
                "hatch": chart.kind == "bar",
                "number": number,
                "total": shown(sum((Decimal(v) for v in series.values), Decimal(0))),
                "axis": series.axis,
            }
        )
    return legend


def render(chart: Chart, *, number_format: Callable, money_format: Callable) -> str:
    shown = money_format if chart.value_format == "money" else number_format
    frame = _frame(chart, shown)
    parts = _grid(chart, frame)
    defs = []
    for number, series in enumerate(chart.series):
        axis = series.axis if series.axis in frame.scales else "left"
        points = [(frame.x_of(i), frame.y_of(v, axis)) for i, v in enumerate(series.values)]
        tips = [
            f"{_label(chart.labels[i])} · {series.name}: {shown(v)}"
            for i, v in enumerate(series.values)
        ]
        if chart.kind == "bar":
            defs.append(_hatch(number))
            parts.extend(_bars(frame, number, len(chart.series), points, tips))
        else:
            parts.extend(_line(frame, number, points, tips))
    uid = f"chart-{id(chart):x}"
    rows = [
        {"label": label, "values": [shown(s.values[i]) for s in chart.series]}
        for i, label in enumerate(chart.labels)
    ]
    return render_to_string(
        "includes/chart.html",
        {
            "chart": chart,
            "uid": uid,
            "width": WIDTH,
            "height": HEIGHT,
            "defs": "".join(defs).replace("{uid}", uid),
            "body": "".join(parts).replace("{uid}", uid),
            "legend": _legend(chart, shown),
            "rows": rows,
            "has_right_axis": "right" in frame.scales,
        },
    )


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
