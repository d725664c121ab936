"""A figure as a table: named columns of a kind (count, share, rate ...) and rows of raw values. The page, the
CSV export and the PDF report all render these, so each figure is computed once and shown three ways.

Titles, labels, notes and words in cells are :class:`~coldcase.analytics.words.Text`: English until shown, then
said by the reader's :class:`~coldcase.analytics.words.Translator`, which also chooses the number separators."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from coldcase.analytics.words import ENGLISH, N_, Text, Translator

#: How each kind of value reads on a page: ``None`` is a dash (the table's notes say why).
DASH = "–"


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is text, int, rate (one decimal), share (0-1, shown as a percentage), ratio (two
    decimals) or days."""

    key: str
    label: Text
    kind: str = "int"

    @property
    def numeric(self) -> bool:
        """True for columns of numbers (right-aligned, numbers in the CSV)."""
        return self.kind != "text"


@dataclass
class Table:
    """One figure's table. ``notes`` explain dashes and limits; ``empty`` is said when there are no rows."""

    key: str
    title: Text
    columns: tuple[Column, ...]
    rows: list[tuple] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    empty: Text = N_("No tips match the filter.")

    def column(self, key: str) -> list:
        """The values of one column, top to bottom."""
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


@functools.cache
def _separators(language: str) -> dict[int, str]:
    """How English number separators (``,`` groups, ``.`` decimals) read in ``language``."""
    try:
        symbols = Locale.parse(language).number_symbols["latn"]
    except (UnknownLocaleError, ValueError, KeyError):
        return {}
    return str.maketrans({",": symbols["group"], ".": symbols["decimal"]})


def localized(text: str, say: Translator) -> str:
    """A number written the English way (``1,234.5``) with ``say``'s language's separators."""
    return text if say.language == "en" else text.translate(_separators(say.language))


def show(value, kind: str, say: Translator = ENGLISH) -> str:
    """``value`` as it reads on the page and in the report, in ``say``'s language."""
    if value is None:
        return DASH
    if kind == "text" or isinstance(value, str):
        return say(value)
    if kind == "share":
        return localized(f"{value * 100:.1f}", say) + "%"
    if kind == "rate":
        return localized(f"{value:,.2f}", say)
    if kind == "ratio" and isinstance(value, int):
        return localized(f"{value:,}", say)
    if kind == "ratio":
        return "∞" if value == float("inf") else localized(f"{value:,.2f}", say)
    if kind == "days":
        return say(N_("%(days)s d", days=localized(f"{value:,}", say)))
    return localized(f"{value:,}", say)


#: Rows already rendered, by language, the columns' kinds and the row's values (see :func:`body_html`).
_rendered: dict[tuple, str] = {}
#: At most this many rendered rows are kept (a few dashboards' worth); then they are dropped all at once.
RENDERED_ROWS = 50_000


def _row_key(row: tuple) -> tuple:
    """What a row's HTML depends on: its values, and for a text its msgid (two texts that read alike in English
    may not in another language) or else its type (a case id that reads like a text is not translated)."""
    return row, tuple(value.msgid if isinstance(value, Text) else type(value) for value in row)


def _row_html(row: tuple, kinds: list[str], numeric: list[bool], say: Translator) -> str:
    cells = [f'<th scope="row">{escape(show(row[0], kinds[0], say))}</th>']
    cells += [f'<td class="num">{escape(show(value, kind, say))}</td>' if is_number
              else f"<td>{escape(show(value, kind, say))}</td>"
              for value, kind, is_number in zip(row[1:], kinds[1:], numeric[1:], strict=True)]
    return "<tr>" + "".join(cells) + "</tr>"


def body_html(table: Table, say: Translator = ENGLISH) -> Markup:
    """The table's rows as HTML ``<tr>`` elements (the first cell a row header), every value escaped and said in
    ``say``'s language. Built here rather than cell by cell in the template: a dashboard over ten editions has
    thousands of cells. A row is rendered once per language and kinds of column: after a change most rows of
    the large tables (the other editions' weeks, cases and uplift) are the same as before."""
    numeric = [column.numeric for column in table.columns]
    kinds = [column.kind for column in table.columns]
    prefix = (say.language, tuple(kinds))
    if len(_rendered) > RENDERED_ROWS:
        _rendered.clear()
    parts = []
    for row in table.rows:
        key = (prefix, _row_key(row))
        try:
            html = _rendered.get(key)
        except TypeError:  # a value that cannot be a key: rendered every time
            parts.append(_row_html(row, kinds, numeric, say))
            continue
        if html is None:
            html = _rendered[key] = _row_html(row, kinds, numeric, say)
        parts.append(html)
    return Markup("\n".join(parts))
