"""The dashboards' SVG charts: where the bars of several series stand."""

import re
from decimal import Decimal

from alliance.charts import WIDTH, Chart, Series, render


def _bars(svg: str) -> list[tuple[float, float]]:
    """The plotted bars (the legend's swatches carry no tooltip)."""
    bar = r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" [^>]*><title>'
    return [(float(x), float(width)) for x, width in re.findall(bar, svg)]


def test_bar_series_stand_side_by_side_in_each_label_slot():
    chart = Chart(
        title="GMV and commission",
        labels=[f"d{i}" for i in range(6)],
        series=[
            Series("GMV", [Decimal("900.00")] * 6),
            Series("Commission", [Decimal("90.00")] * 6),
        ],
        kind="bar",
    )

    bars = _bars(render(chart, number_format=str, money_format=str))

    gmv, commission = bars[:6], bars[6:]
    assert len(commission) == 6
    # Every bar is inside the drawing, and each commission bar sits right after the GMV bar of
    # its own label, not after the last GMV bar of the chart.
    assert all(x >= 0 and x + width <= WIDTH for x, width in bars)
    for (gmv_x, gmv_width), (commission_x, _) in zip(gmv, commission, strict=True):
        assert abs(commission_x - (gmv_x + gmv_width + 1)) < 0.2
