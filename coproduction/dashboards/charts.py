"""Charts drawn on the server as SVG, from figures already counted in the database.

Why templates and not a charting library: the charts are two simple shapes (horizontal bars and
lines), they must work without JavaScript, in print and in WeasyPrint PDFs, carry a <title> and
<desc>, and never rely on colour alone. Working out coordinates here (a few dozen numbers) and
drawing them in `templates/dashboards/_chart.html` does all of that with no new dependency and
keeps every label under our control. Each line has its own dash pattern and marker shape and is
named at its end; each bar carries its value as text."""

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 720
# Colours with at least 4.5:1 contrast on white (GOV.UK palette), and never the only cue.
COLOURS = ["#1d70b8", "#0b0c0c", "#00703c", "#912b88"]
DASHES = ["", "8 4", "2 4", "12 4 2 4"]
MARKERS = ["circle", "square", "triangle", "diamond"]


@dataclass
class Series:
    name: str
    values: list  # numbers or None (no figure), one for each x


@dataclass
class Chart:
    """What to draw. kind is "bar" (one horizontal bar per category) or "line"."""

    title: str
    description: str
    kind: str
    categories: list[str]
    series: list[Series]
    unit: str = ""  # "%" or "£" or ""
    x_values: list | None = None  # numeric x positions for a line chart (default 0, 1, 2 …)
    x_label: str = ""
    y_label: str = ""
    y_max: float | None = None
    drawing: dict = field(default_factory=dict)

    def __post_init__(self):
        self.drawing = bar_drawing(self) if self.kind == "bar" else line_drawing(self)


def _text(value, unit):
    if value is None:
        return "no figure"
    if isinstance(value, float | Decimal) and value != int(value):
        value = f"{value:,.1f}" if unit != "£" else f"{value:,.2f}"
    elif isinstance(value, float | Decimal):
        value = f"{int(value):,}"
    else:
        value = f"{value:,}"
    return f"£{value}" if unit == "£" else f"{value}{unit}"


def _nice_max(value):
    """The top of the axis: four equal whole-number steps of a round size, at least `value`."""
    for power in range(10):
        for mantissa in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8):
            tick = mantissa * 10 ** power
            if tick == int(tick) and tick * 4 >= value:
                return int(tick * 4)
    return value


def bar_drawing(chart: Chart) -> dict:
    values = chart.series[0].values if chart.series else []
    label_width, bar_height, gap, top = 230, 22, 10, 10
    plot_width = WIDTH - label_width - 90
    top_value = chart.y_max or _nice_max(max([float(v) for v in values if v] or [0]))
    bars = []
    for index, (category, value) in enumerate(zip(chart.categories, values, strict=True)):
        y = top + index * (bar_height + gap)
        width = 0 if not value else max(1.0, float(value) / top_value * plot_width)
        bars.append({"label": category, "y": y, "width": round(width, 1),
                     "text_y": y + bar_height / 2 + 5, "value_x": label_width + width + 6,
                     "value": _text(value, chart.unit)})
    height = top + len(bars) * (bar_height + gap) + 10
    return {"width": WIDTH, "height": max(height, 40), "bars": bars, "label_width": label_width,
            "bar_height": bar_height, "colour": COLOURS[0]}


def _marker(kind, x, y, size=5):
    """The points of a polygon marker (None for a circle), so each line has its own shape."""
    shapes = {
        "square": [(-size, -size), (size, -size), (size, size), (-size, size)],
        "triangle": [(0, -size - 1), (size + 1, size), (-size - 1, size)],
        "diamond": [(0, -size - 1), (size + 1, 0), (0, size + 1), (-size - 1, 0)],
    }
    if kind not in shapes:
        return None
    return " ".join(f"{round(x + dx, 1)},{round(y + dy, 1)}" for dx, dy in shapes[kind])


def line_drawing(chart: Chart) -> dict:
    left, right, top, bottom = 70, 190, 20, 60
    height = 320
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    xs = chart.x_values or list(range(len(chart.categories)))
    x_min, x_max = (min(xs), max(xs)) if xs else (0, 1)
    span = (x_max - x_min) or 1
    numbers = [float(v) for s in chart.series for v in s.values if v is not None]
    y_top = chart.y_max or _nice_max(max(numbers or [0]))

    def x_at(x):
        return round(left + (x - x_min) / span * plot_w, 1)

    def y_at(value):
        return round(top + plot_h - float(value) / y_top * plot_h, 1)

    y_ticks = [{"y": y_at(y_top * step / 4), "label": _text(int(y_top * step / 4), chart.unit)}
               for step in range(5)]
    every = max(1, -(-len(xs) // 8))  # at most eight labels on the x axis
    x_ticks = [{"x": x_at(x), "label": label} for i, (x, label)
               in enumerate(zip(xs, chart.categories, strict=True)) if i % every == 0]
    lines = []
    for index, series in enumerate(chart.series):
        points, path, gap = [], [], True
        for x, v, label in zip(xs, series.values, chart.categories, strict=True):
            if v is None:
                gap = True  # no figure: the line stops and starts again after it
                continue
            points.append((x_at(x), y_at(v), _text(v, chart.unit), label))
            path.append(f"{'M' if gap else 'L'}{x_at(x)},{y_at(v)}")
            gap = False
        path = " ".join(path)
        last = points[-1] if points else (left, top + plot_h, "", "")
        lines.append({"name": series.name, "path": path, "colour": COLOURS[index % 4],
                      "dash": DASHES[index % 4], "marker": MARKERS[index % 4],
                      "points": [{"x": x, "y": y, "value": v, "label": label,
                                  "shape": _marker(MARKERS[index % 4], x, y)}
                                 for x, y, v, label in points],
                      "end_x": last[0] + 18, "end_y": last[1] + 4 + index * 2})
    # Names at the ends of lines must not sit on top of each other.
    ends = sorted(lines, key=lambda line: line["end_y"])
    for before, after in zip(ends, ends[1:], strict=False):
        if after["end_y"] - before["end_y"] < 16:
            after["end_y"] = before["end_y"] + 16
    for line in lines:
        line["legend_shape"] = _marker(line["marker"], line["end_x"], line["end_y"] - 4, 4)
    return {"width": WIDTH, "height": height, "left": left, "top": top,
            "plot_right": left + plot_w, "plot_bottom": top + plot_h,
            "y_ticks": y_ticks, "x_ticks": x_ticks, "lines": lines,
            "x_label_y": height - 12, "x_label_x": left + plot_w / 2}
