"""Charts of the yield figures as SVG, drawn on the server with matplotlib, the same on the page and in the PDF.

Deterministic: the bundled Noto Sans (drawn as paths, so no font is needed to show them), a fixed hash salt for
the SVG's ids and no date in its metadata, so the same figures give the same bytes. Each chart is drawn from
its :class:`~coldcase.analytics.tables.Table`, which the page shows beside it (for screen readers and for the
exact numbers). Drawn charts are remembered by their data and the reader's language (the figures are shared by
readers of every language; the words are said when drawn), so an unchanged dashboard does not draw again.
"""

from __future__ import annotations

import functools
import io
import math
import re
import threading

import matplotlib

matplotlib.use("Agg")  # no display; must precede any other matplotlib import

from matplotlib import font_manager, ticker  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from coldcase.analytics.tables import Table, localized  # noqa: E402
from coldcase.analytics.words import ENGLISH, N_, Translator  # noqa: E402
from coldcase.resources import STATIC_DIR

INK, USABLE, MUTED, ACCENT = "#1f2933", "#1b7f5b", "#9aa5b1", "#c0392b"
PALETTE = ("#2563eb", "#1b7f5b", "#d97706", "#7c3aed", "#c0392b", "#64748b")
TIPS, TIPS_PER_1000, USABLE_PER_1000 = N_("tips"), N_("tips per 1,000 copies"), N_("usable per 1,000 copies")
_lock = threading.Lock()  # matplotlib's font cache and rcParams are shared by threads


@functools.cache
def _fonts() -> None:
    """Register the bundled Noto Sans with matplotlib, once per process."""

    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        font_manager.fontManager.addfont(str(STATIC_DIR / "fonts" / name))
    matplotlib.rcParams.update({
        "font.family": "Noto Sans", "font.size": 9, "svg.fonttype": "path", "svg.hashsalt": "coldcase-yield",
        "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
        "axes.spines.top": False, "axes.spines.right": False, "axes.unicode_minus": False,
    })


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg"):]  # no XML prolog or doctype: the SVG goes inline into HTML
    # The pages' Content-Security-Policy refuses inline styles, so style="fill: ..." would paint everything
    # black; the same properties as presentation attributes are allowed.
    text = _STYLE_ELEMENT.sub("", text)
    return _STYLE_ATTRIBUTE.sub(_as_attributes, text)


_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')


def _as_attributes(match: re.Match) -> str:
    pairs = (item.split(":", 1) for item in match.group(1).split(";") if ":" in item)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _figure(width: float = 7.0, height: float = 2.8) -> tuple[Figure, object]:
    figure = Figure(figsize=(width, height))
    return figure, figure.add_subplot()


def _editions(table: Table, ax, say: Translator) -> None:
    rows = [r for r in table.rows if isinstance(r[0], int)]
    labels = [str(r[0]) for r in rows]
    tips = [r[7] or 0 for r in rows]
    usable = [r[8] or 0 for r in rows]
    xs = range(len(rows))
    ax.bar([x - 0.2 for x in xs], tips, 0.4, label=say(TIPS_PER_1000), color=PALETTE[0])
    ax.bar([x + 0.2 for x in xs], usable, 0.4, label=say(USABLE_PER_1000), color=USABLE)
    ax.set_xticks(list(xs), labels)
    ax.legend(frameon=False)


def _weeks(table: Table, ax, say: Translator) -> None:
    for index, edition in enumerate(dict.fromkeys(r[0] for r in table.rows)):
        rows = [r for r in table.rows if r[0] == edition]
        ax.plot([r[1] for r in rows], [r[4] for r in rows], color=PALETTE[index % len(PALETTE)],
                label=say(N_("%(edition)s: all tips", edition=edition)), linewidth=1.5)
        ax.plot([r[1] for r in rows], [r[5] for r in rows], color=PALETTE[index % len(PALETTE)],
                linestyle=":", label=say(N_("%(edition)s: about the featured case", edition=edition)),
                linewidth=1.2)
    ax.set_xlabel(say(N_("ISO week")))
    ax.set_ylabel(say(TIPS))
    ax.legend(frameon=False, fontsize=7, ncol=2)


def _uplift(table: Table, ax, say: Translator) -> None:
    rows = [r for r in table.rows if r[7] is not None and math.isfinite(r[7]) and r[7] > 0][:25]
    rows.reverse()
    for y, row in enumerate(rows):
        low, high = max(row[8], 0.01), min(row[9], 1000)
        colour = USABLE if row[8] > 1 else (ACCENT if row[9] < 1 else MUTED)
        ax.plot([low, high], [y, y], color=colour, linewidth=2)
        ax.plot([row[7]], [y], "o", color=colour)
    ax.axvline(1, color=INK, linewidth=0.8)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: localized(f"{value:g}", say)))
    ax.set_yticks(range(len(rows)), [f"{r[1]} ({r[0]})" for r in rows], fontsize=7)
    ax.set_xlabel(say(N_("rate ratio, featured window against the other weeks (%(level)d%% interval, log scale)",
                         level=95)))


def _channels(table: Table, ax, say: Translator) -> None:
    months = [r[0] for r in table.rows]
    bottom = [0] * len(months)
    for index, column in enumerate(table.columns[1:], 1):
        values = [r[index] for r in table.rows]
        ax.bar(range(len(months)), values, bottom=bottom, label=say(column.label),
               color=PALETTE[(index - 1) % len(PALETTE)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = max(1, len(months) // 12)
    ax.set_xticks(range(0, len(months), step), months[::step], rotation=45, ha="right", fontsize=7)
    ax.set_ylabel(say(TIPS))
    ax.legend(frameon=False, fontsize=7, ncol=3)


def _points(table: Table, ax, say: Translator) -> None:
    rows = [r for r in table.rows if r[7] is not None]
    rows.sort(key=lambda r: (r[7], r[0]))
    labels = [f"{r[1]} ({r[0]})" for r in rows]
    ax.barh(range(len(rows)), [r[7] for r in rows], color=[ACCENT if r[5] == 0 else PALETTE[0] for r in rows],
            label=say(TIPS_PER_1000))
    ax.barh(range(len(rows)), [r[8] for r in rows], color=USABLE, height=0.4, label=say(USABLE_PER_1000))
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.legend(frameon=False, fontsize=7)


def _calibration(table: Table, ax, say: Translator) -> None:
    labels = [r[0] for r in table.rows]
    rates = [(r[3] or 0) * 100 for r in table.rows]
    ax.bar(range(len(labels)), rates, color=USABLE)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_xlabel(say(N_("triage score")))
    ax.set_ylabel(say(N_("usable %")))


def _open_age(table: Table, ax, say: Translator) -> None:
    ax.bar(range(len(table.rows)), [r[1] for r in table.rows], color=PALETTE[2])
    ax.set_xticks(range(len(table.rows)), [say(r[0]) for r in table.rows])
    ax.set_ylabel(say(N_("open tips")))


DRAWERS = {"editions": _editions, "weeks": _weeks, "uplift": _uplift, "channels": _channels, "points": _points,
           "calibration": _calibration, "open_age": _open_age}


def _height(table: Table) -> float:
    if table.key == "points":
        return max(2.4, 0.16 * sum(1 for r in table.rows if r[7] is not None) + 0.8)
    if table.key == "uplift":
        return max(2.4, 0.2 * min(25, len(table.rows)) + 0.8)
    return 2.8


@functools.lru_cache(maxsize=256)
def _draw(key: str, title: str, columns: tuple, rows: tuple, say: Translator) -> str:
    # ``say`` is equal for equal languages: the cache keeps one drawing per language and data.
    table = Table(key, title, columns, list(rows))
    figure, ax = _figure(height=_height(table))
    DRAWERS[key](table, ax, say)
    for axis in (ax.xaxis, ax.yaxis):  # numbers on the axes with the language's decimal separator
        if type(axis.get_major_formatter()) is ticker.ScalarFormatter:
            axis.set_major_formatter(_Localized(say))
    return _svg(figure)


class _Localized(ticker.ScalarFormatter):
    """Matplotlib's usual tick numbers, written with the separators of ``say``'s language."""

    def __init__(self, say: Translator) -> None:
        super().__init__()
        self.say = say

    def __call__(self, x, pos=None) -> str:
        return localized(super().__call__(x, pos), self.say)


def has_chart(table: Table) -> bool:
    """True when ``table`` has a chart with something to draw."""
    if table.key not in DRAWERS or not table.rows:
        return False
    # No open tips: the table says so, an empty chart would only take room.
    return table.key != "open_age" or any(row[1] for row in table.rows)


def chart_svg(table: Table, say: Translator = ENGLISH) -> str | None:
    """The chart of ``table`` as SVG markup (to go inline or as an image) with its words in ``say``'s language,
    or ``None`` when it has none."""
    if not has_chart(table):
        return None
    with _lock:
        _fonts()
        return _draw(table.key, table.title, table.columns, tuple(table.rows), say)
