"""The figures as CSV (for a spreadsheet) and as plain data (for ``coldcase yield summary --format json``).

CSV is written for Excel with Dutch settings, which is what analysts here open it with: ``;`` between fields,
UTF-8 with a byte order mark (so Excel reads ``é`` and ``ë`` right), whole numbers as they are, other numbers
with a decimal comma and no thousands separator (``2,60``), shares as percentages (``41,03``), an empty cell
where the page shows a dash, and ``inf`` for an upper limit without bound. LibreOffice asks for the separator
and reads the same file. A text cell that a spreadsheet would take for a formula gets a leading quote. Headers,
words in cells and notes are in the reader's language (the numbers stay in the format above, whatever it is).
"""

from __future__ import annotations

import csv
import io
import math

from coldcase.analytics.tables import Table
from coldcase.analytics.words import ENGLISH, N_, Translator

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _number(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    if kind == "share":
        return f"{value * 100:.2f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",") if isinstance(value, float) else str(value)


def _text(value, say: Translator) -> str:
    text = say(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_csv(table: Table, description: str = "", say: Translator = ENGLISH) -> str:
    """One table as CSV text (with the byte order mark): a header line, the rows, then the notes as lines of
    one cell each after an empty line, so that nothing said on the page is lost in the file. Words in ``say``'s
    language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(column.label, say) for column in table.columns])
    for row in table.rows:
        writer.writerow([_number(value, column.kind) if column.numeric and not isinstance(value, str)
                         else _text(value, say) for column, value in zip(table.columns, row, strict=True)])
    if table.notes or description or not table.rows:
        writer.writerow([])
        if not table.rows:
            writer.writerow([say(table.empty)])
        if description:
            writer.writerow([say(N_("Filter: %(filter)s", filter=description))])
        for note in table.notes:
            writer.writerow([say(note)])
    return BOM + buffer.getvalue()


def editions_data(table: Table) -> dict:
    """The editions table as ``{"editions": [{"year": 2017, "tips": 78, "usable": 32, ...}, ...]}``; tips
    that belong to no edition go under ``"without_edition"`` when there are any."""
    keys = [column.key for column in table.columns]
    result: dict = {"editions": []}
    for row in table.rows:
        item = dict(zip(keys, row, strict=True))
        year = item.pop("edition")
        entry = {"year": year if isinstance(year, int) else None, **item}
        for key, value in entry.items():
            if isinstance(value, float):
                entry[key] = round(value, 4)
        if isinstance(year, int):
            result["editions"].append(entry)
        else:
            entry.pop("year")
            result["without_edition"] = entry
    return result
