"""A figure as a table: named columns of a kind (count, share, rate ...) and rows of raw values. The page, the
CSV export and the PDF report all render these, so each figure is computed once and shown three ways."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: How each kind of value reads on a page: ``None`` is a dash (the table's notes say why).
DASH = "–"


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is text, int, rate (one decimal), share (0-1, shown as a percentage), ratio (two
    decimals) or days."""

    key: str
    label: str
    kind: str = "int"

    @property
    def numeric(self) -> bool:
        """True for columns of numbers (right-aligned, numbers in the CSV)."""
        return self.kind != "text"


@dataclass
class Table:
    """One figure's table. ``notes`` explain dashes and limits; ``empty`` is said when there are no rows."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: str = "No tips match the filter."

    def column(self, key: str) -> list:
        """The values of one column, top to bottom."""
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


def show(value, kind: str) -> str:
    """``value`` as it reads on the page and in the report."""
    if value is None:
        return DASH
    if kind == "text":
        return str(value)
    if kind == "share":
        return f"{value * 100:.1f}%"
    if kind == "rate":
        return f"{value:,.2f}"
    if kind == "ratio" and isinstance(value, int):
        return f"{value:,}"
    if kind == "ratio":
        return "∞" if value == float("inf") else f"{value:,.2f}"
    if kind == "days":
        return f"{value:,} d"
    return f"{value:,}"


def body_html(table: Table) -> Markup:
    """The table's rows as HTML ``<tr>`` elements (the first cell a row header), every value escaped. Built here
    rather than cell by cell in the template: a dashboard over ten editions has thousands of cells."""
    numeric = [column.numeric for column in table.columns]
    kinds = [column.kind for column in table.columns]
    parts = []
    for row in table.rows:
        cells = [f'<th scope="row">{escape(show(row[0], kinds[0]))}</th>']
        cells += [f'<td class="num">{escape(show(value, kind))}</td>' if is_number
                  else f"<td>{escape(show(value, kind))}</td>"
                  for value, kind, is_number in zip(row[1:], kinds[1:], numeric[1:], strict=True)]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    return Markup("\n".join(parts))
