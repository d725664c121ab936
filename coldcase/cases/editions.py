"""Read and check one calendar edition (``editions/YEAR.yaml``) against the cases that loaded."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Collection, Mapping
from pathlib import Path

from coldcase.cases import rules
from coldcase.cases.model import Case, DistributionPoint, Edition, Problem, Tipline
from coldcase.cases.rules import Findings

_EDITION_FILE = re.compile(r"(\d{4})\.yaml")


def load_edition(
    path: Path,
    cases: Mapping[str, Case],
    today: datetime.date | None = None,
    *,
    invalid_case_ids: Collection[str] = (),
    root: Path | None = None,
) -> tuple[Edition | None, list[Problem]]:
    """Load one edition file and check it against ``cases`` (the valid cases).

    ``invalid_case_ids`` names the case folders that exist but have errors, so that the message can say so
    rather than "unknown case". Returns the edition and its problems; the edition is ``None`` when the file
    itself is wrong (it does not parse, a field is missing or wrong, a distribution point is wrong), and kept
    when only some of its weeks are (so that the rest of it can still be shown; builds refuse it).
    """
    # Imported here: the loader imports this module, and both share read_text.
    from coldcase.cases.loader import read_text

    path = Path(path)
    today = today or datetime.date.today()
    findings = Findings(path, first_line=1)
    name_match = _EDITION_FILE.fullmatch(path.name)
    if not name_match:
        findings.error(
            None, f"{path.name} is not an edition file name: name it after its year, such as 2027.yaml"
        )
    text = read_text(path, findings)
    if text is None:
        return None, findings.problems
    errors_before = _error_count(findings)
    node = rules.compose_yaml(text, findings, what="an edition file")
    if node is None or rules.is_empty(node):
        # Only comments, or only '---': nothing to load, and saying nothing would hide the edition silently.
        if _error_count(findings) == errors_before:
            findings.error(1, f"{path.name} has no fields")
        return None, findings.problems
    values = rules.check_mapping(node, rules.EDITION, "", findings, owner_line=1)
    if values is None:
        return None, findings.problems

    year = values.get("year")
    if year is not None and name_match and year != int(name_match.group(1)):
        findings.error(
            findings.lines.get("year"), f"'year' {year} must equal the file name {path.name}", "year"
        )
    languages = [language for language in values.get("languages") or [] if language]
    for index, language in enumerate(languages):
        if language in languages[:index]:
            findings.error(
                findings.lines.get(f"languages[{index + 1}]"),
                f"language '{language}' is listed twice",
                "languages",
            )
    # Errors in the week list (a case with errors, an unknown, closed or repeated case) are reported but keep
    # the edition: the site still shows its good cases, and a calendar build re-checks every week and refuses.
    errors_before_weeks = _error_count(findings)
    _check_weeks(
        values, year, languages, cases, invalid_case_ids, findings, today, root or path.parent.parent
    )
    week_errors = _error_count(findings) - errors_before_weeks
    points = _check_distribution(values.get("distribution") or [], findings)
    if _error_count(findings) > week_errors or "weeks" not in values:
        return None, findings.problems
    tipline = values["tipline"]
    edition = Edition(
        year=year,
        title=values["title"],
        languages=tuple(languages),
        tipline=Tipline(tipline["phone"], tipline["postal"], tipline["email"], tipline["web"]),
        weeks=tuple(values["weeks"]),
        distribution=tuple(points),
        source=path,
        print_profile=values.get("print_profile") or "fogra39",
        observances=tuple((item["country"], item["holiday"]) for item in values.get("observances") or [] if item),
        sample=bool(values.get("sample")),
    )
    return edition, findings.problems


def _error_count(findings: Findings) -> int:
    return sum(problem.severity == "error" for problem in findings.problems)


def _check_weeks(
    values: dict,
    year: int | None,
    languages: list[str],
    cases: Mapping[str, Case],
    invalid_case_ids: Collection[str],
    findings: Findings,
    today: datetime.date,
    root: Path,
) -> None:
    weeks = values.get("weeks")
    if weeks is None:
        return
    if len(weeks) != rules.WEEKS_PER_EDITION:
        findings.error(
            findings.lines.get("weeks"),
            f"'weeks' lists {len(weeks)} case{'' if len(weeks) == 1 else 's'}; an edition needs exactly {rules.WEEKS_PER_EDITION}, one a week",
            "weeks",
        )
    # A past edition may name cases solved since; that is good news, not a mistake.
    is_new = year is None or year >= today.year
    first_week: dict[str, int] = {}
    untranslated: dict[str, list[str]] = {}
    for week, case_id in enumerate(weeks, 1):
        if not case_id:
            continue
        line = findings.lines.get(f"weeks[{week}]")
        if case_id in first_week:
            findings.error(
                line, f"week {week}: case '{case_id}' is already in week {first_week[case_id]}", "weeks"
            )
            continue
        first_week[case_id] = week
        case = cases.get(case_id)
        if case is None:
            if case_id in invalid_case_ids:
                findings.error(
                    line,
                    f"week {week}: case '{case_id}' has errors (see {case_id}/case.md) and is left out",
                    "weeks",
                )
            else:
                close = difflib.get_close_matches(case_id, list(cases), n=1, cutoff=0.8)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                findings.error(line, f"week {week}: unknown case '{case_id}'{hint}", "weeks")
            continue
        if is_new and not case.is_open:
            findings.error(
                line,
                f"week {week}: case '{case_id}' is {case.status}; only open cases go into a new edition",
                "weeks",
            )
        for language in languages:
            if language not in case.languages:
                untranslated.setdefault(language, []).append(case_id)
    # One warning per language rather than one per week: a missing translation is common and not urgent.
    for language, case_ids in untranslated.items():
        shown = ", ".join(case_ids[:5]) + (f" and {len(case_ids) - 5} more" if len(case_ids) > 5 else "")
        findings.warning(
            findings.lines.get("languages"),
            f"{len(case_ids)} of {len(weeks)} cases have no translation into '{language}' ({shown}); "
            "their own text will be printed",
            "languages",
        )


def _check_distribution(items: list, findings: Findings) -> list[DistributionPoint]:
    points = []
    first_line: dict[str, int | None] = {}
    for index, item in enumerate(items, 1):
        if not item:
            continue
        code = item.get("code")
        line = findings.lines.get(f"distribution[{index}].code")
        if code is not None and code in first_line:
            findings.error(
                line,
                f"distribution code '{code}' is used twice (also on line {first_line[code]})",
                "distribution",
            )
            continue
        if code is not None:
            first_line[code] = line
        if all(item.get(key) is not None for key in ("code", "name", "kind", "copies")):
            points.append(DistributionPoint(item["code"], item["name"], item["kind"], item["copies"]))
    return points
