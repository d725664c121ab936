"""CSV for Excel in Dutch settings, and the summary's JSON shape, on hand-made tables."""

import math

from coldcase.analytics.exports import editions_data, table_csv
from coldcase.analytics.tables import Column, Table


def test_numbers_for_a_dutch_spreadsheet_and_formulas_defused():
    table = Table("uplift", "Featured-week uplift", (
        Column("case", "Case", "text"), Column("tips", "Tips"), Column("ratio", "Rate ratio", "ratio"),
        Column("high", "95% high", "ratio"), Column("share", "Usable %", "share")),
        [("=HYPERLINK(\"x\")", 12, 2.5, math.inf, 0.4103), ("café-1990", 0, None, None, None)],
        notes=["A note."])
    text = table_csv(table, "edition 2018")
    assert text.startswith("\ufeffCase;Tips;Rate ratio;95% high;Usable %\r\n")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[1] == "\"'=HYPERLINK(\"\"x\"\")\";12;2,5;inf;41,03"
    assert lines[2] == "café-1990;0;;;"
    assert lines[4:6] == ["Filter: edition 2018", "A note."]


def test_empty_table_says_so_in_the_file():
    table = Table("points", "Per point", (Column("code", "Point", "text"),), empty="No tips match the filter.")
    assert "No tips match the filter." in table_csv(table)


def test_summary_json_shape():
    table = Table("editions", "Editions", (
        Column("edition", "Edition", "text"), Column("tips", "Tips"), Column("usable", "Usable"),
        Column("tips_per_1000", "Tips per 1,000 copies", "rate")),
        [(2017, 78, 32, 2.6), ("no edition", 3, 0, None)])
    assert editions_data(table) == {"editions": [{"year": 2017, "tips": 78, "usable": 32, "tips_per_1000": 2.6}],
                                    "without_edition": {"tips": 3, "usable": 0, "tips_per_1000": None}}
