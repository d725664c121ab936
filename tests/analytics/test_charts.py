"""Charts: deterministic SVG that the pages' Content-Security-Policy lets show (no inline styles)."""

from coldcase.analytics import charts
from coldcase.analytics.tables import Column, Table


def _table():
    return Table("calibration", "Triage score calibration",
                 (Column("band", "Triage score", "text"), Column("graded", "Graded tips"), Column("usable", "Usable"),
                  Column("usable_rate", "Usable rate", "share")),
                 [("0–19", 10, 1, 0.1), ("20–39", 10, 5, 0.5)])


def test_same_figures_give_the_same_svg_bytes():
    first = charts.chart_svg(_table())
    charts._draw.cache_clear()
    assert charts.chart_svg(_table()) == first
    assert first.startswith("<svg") and "<dc:date>" not in first


def test_svg_has_no_inline_style_and_nothing_from_elsewhere():
    svg = charts.chart_svg(_table())
    assert "style=" not in svg and "<style" not in svg
    assert 'fill="#1b7f5b"' in svg  # the colours as presentation attributes
    assert "<image" not in svg and "<script" not in svg


def test_no_open_tips_draws_no_chart():
    table = Table("open_age", "Open tips by age", (Column("age", "Age", "text"), Column("tips", "Open tips")),
                  [("0–7 days", 0)])
    assert charts.chart_svg(table) is None
