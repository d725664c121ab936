"""Tips that reach the team by phone, letter, email or a prison visit, entered by staff (``coldcase tips add``
and ``coldcase tips import``). Every field is checked and every problem reported, in words staff understand."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Mapping

from coldcase.cases.model import Library
from coldcase.tips.attribution import edition_for
from coldcase.tips.intake import TipInput
from coldcase.tips.rules import (
    CHANNELS,
    HOW_KNOWN,
    MAX_CONTACT,
    MAX_TEXT,
    MAX_WHEN_WHERE,
    STATUSES,
    check_text,
    tidy,
)

#: The columns of a CSV import, in the documented order (docs/tips.md). Only ``channel`` and ``text`` are required.
CSV_COLUMNS = ("channel", "case", "edition", "point", "date", "text", "how_known", "when_where", "contact", "status")
REQUIRED_COLUMNS = ("channel", "text")

_TEXT_PROBLEMS = {
    "required": "is required",
    "too_long": "is longer than {limit:,} characters",
    "unreadable": "holds control characters or bytes that are not text",
}


def check_staff_tip(fields: Mapping[str, str | None], library: Library,
                    today: datetime.date | None = None) -> tuple[TipInput | None, list[str]]:
    """Check one staff-entered tip (field name -> text, as in :data:`CSV_COLUMNS`).

    Returns the tip to store, or ``None`` and every problem found.
    """
    today = today or datetime.date.today()
    problems: list[str] = []

    def value(name: str) -> str:
        return tidy(fields.get(name))

    channel = value("channel").lower()
    if channel not in CHANNELS:
        problems.append(f"channel '{channel}' is not one of {', '.join(CHANNELS)}" if channel
                        else f"channel is required ({', '.join(CHANNELS)})")

    for name, limit, required in (("text", MAX_TEXT, True), ("when_where", MAX_WHEN_WHERE, False),
                                  ("contact", MAX_CONTACT, False)):
        problem = check_text(fields.get(name), required=required, limit=limit)
        if problem:
            problems.append(f"{name} {_TEXT_PROBLEMS[problem].format(limit=limit)}")

    case_id = value("case") or None
    if case_id and case_id not in library.cases and case_id not in library.invalid_case_ids:
        problems.append(f"case '{case_id}' is not in the case library")

    edition_year, point_code = None, None
    if value("edition"):
        edition = edition_for(library, value("edition"))
        if edition is None:
            known = ", ".join(str(year) for year in sorted(library.editions)) or "none"
            problems.append(f"edition '{value('edition')}' is unknown (known editions: {known})")
        else:
            edition_year = edition.year
            if value("point"):
                point = edition.point(value("point"))
                if point is None:
                    codes = ", ".join(p.code for p in edition.distribution)
                    problems.append(f"point '{value('point')}' is not a distribution point of {edition.year} ({codes})")
                else:
                    point_code = point.code
    elif value("point"):
        problems.append("point needs an edition (the point codes belong to one edition)")

    how_known = value("how_known").lower() or None
    if how_known and how_known not in HOW_KNOWN:
        problems.append(f"how_known '{how_known}' is not one of {', '.join(HOW_KNOWN)}")

    received = today
    if value("date"):
        try:
            received = datetime.date.fromisoformat(value("date"))
        except ValueError:
            problems.append(f"date '{value('date')}' is not a date like 2027-03-15")
        else:
            if received > today:
                problems.append(f"date {received.isoformat()} is in the future")

    status = value("status").lower() or "new"
    if status not in STATUSES:
        problems.append(f"status '{status}' is not one of {', '.join(STATUSES)}")

    if problems:
        return None, problems
    return TipInput(
        text=value("text"),
        how_known=how_known,
        when_where=value("when_where"),
        contact=value("contact") or None,
        case_id=case_id,
        edition=edition_year,
        point_code=point_code,
        channel=channel,
        created_at=received,
        status=status,
    ), []


def read_csv(data: bytes, library: Library, today: datetime.date | None = None) -> tuple[list[TipInput], list[str]]:
    """Check every row of a CSV file of tips. Returns the tips and the problems as ``row N: ...`` lines (row 1 is
    the header). Any problem means nothing should be imported."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [], [f"the file is not UTF-8 text (byte {error.start + 1}); save it as 'CSV UTF-8'"]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    problems = []
    unknown = [name for name in header if name not in CSV_COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if unknown:
        problems.append(f"row 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                        f"(columns: {', '.join(CSV_COLUMNS)})")
    if missing:
        problems.append(f"row 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if problems:
        return [], problems
    reader.fieldnames = header
    tips = []
    try:
        for row in reader:
            number = reader.line_num
            if None in row:
                problems.append(f"row {number}: more values than columns")
                continue
            if not any((v or "").strip() for v in row.values()):
                continue  # a blank line
            tip, row_problems = check_staff_tip(row, library, today)
            problems.extend(f"row {number}: {problem}" for problem in row_problems)
            if tip is not None:
                tips.append(tip)
    except csv.Error as error:
        problems.append(f"row {reader.line_num}: {error}")
    if not tips and not problems:
        problems.append("the file holds no tips")
    return tips, problems
