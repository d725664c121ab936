"""Read case folders and editions from disk, check every rule of docs/case-format.md and build a ``Library``.

Every problem in every file is collected (a broken case never hides the next one); a case with an error is
left out of ``Library.cases`` and an edition with an error out of ``Library.editions``. Plain Python: no
Flask, no database.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

import yaml
from PIL import Image, UnidentifiedImageError

from coldcase.cases import rules
from coldcase.cases.editions import load_edition
from coldcase.cases.model import Case, Edition, KeyDate, Library, Photo, Problem, Translation, Victim
from coldcase.cases.rules import Findings

__all__ = ["CaseLoad", "assemble_library", "case_folders", "load_case", "load_edition", "load_library"]

CASE_FILE = "case.md"
EDITIONS_FOLDER = "editions"
#: The longest case, translation or edition file accepted (a long case file is some 10 KB).
MAX_FILE_BYTES = 256 * 1024
_TRANSLATION_FILE = re.compile(r"case\.([^.]+)\.md")


@dataclass
class CaseLoad:
    """What reading one case folder gave: the case if it has no errors, its problems, and the id it declares
    (for the duplicate check across folders)."""

    folder: Path
    case: Case | None
    problems: list[Problem]
    declared_id: str | None = None
    id_line: int | None = None
    source: Path | None = None
    files: tuple[Path, ...] = field(default=())


def load_library(root: Path, today: datetime.date | None = None) -> Library:
    """Load every case folder and edition under ``root``; never raises for a problem in the files."""
    root = Path(root)
    today = today or datetime.date.today()
    if not root.is_dir():
        problem = Problem(root, None, f"the cases folder {root} does not exist or is not a folder")
        return Library(root, {}, {}, [problem])
    loads = [read_case(folder, today) for folder in case_folders(root)]
    return assemble_library(root, loads, today)


def load_case(folder: Path, today: datetime.date | None = None) -> tuple[Case | None, list[Problem]]:
    """Load one case folder: the case (``None`` if it has an error) and all of its problems."""
    result = read_case(Path(folder), today or datetime.date.today())
    return result.case, result.problems


def case_folders(root: Path) -> list[Path]:
    """The case folders under ``root``: every folder except ``editions`` and names starting with '.' or '_'."""
    with os.scandir(root) as entries:
        names = sorted(
            entry.name
            for entry in entries
            if entry.is_dir() and entry.name != EDITIONS_FOLDER and not entry.name.startswith((".", "_"))
        )
    return [root / name for name in names]


def edition_files(root: Path) -> list[Path]:
    """The YAML files in ``root/editions``, sorted."""
    folder = root / EDITIONS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml") and path.is_file())


def assemble_library(root: Path, loads: Iterable[CaseLoad], today: datetime.date) -> Library:
    """Combine loaded case folders into a ``Library``: check ids across folders, then load the editions."""
    loads = list(loads)
    problems = [problem for load in loads for problem in load.problems]
    by_id: dict[str, list[CaseLoad]] = {}
    for load in loads:
        if load.declared_id is not None:
            by_id.setdefault(load.declared_id, []).append(load)
    duplicates: set[str] = set()
    for case_id, users in by_id.items():
        if len(users) < 2:
            continue
        for this in users:
            others = ", ".join(
                _relative(other.source or other.folder, root) for other in users if other is not this
            )
            # The folder named after the id keeps it (its case stays on the site, with a warning); every other
            # folder claiming the id is in error, as its id does not match its folder name either.
            severity = "warning" if this.folder.name == case_id else "error"
            if severity == "error":
                duplicates.add(this.folder.name)
            problems.append(
                Problem(
                    this.source or this.folder / CASE_FILE,
                    this.id_line,
                    f"case id '{case_id}' is also used by {others}",
                    severity,
                    "id",
                    this.folder.name,
                )
            )
    cases = {
        load.case.id: load.case
        for load in loads
        if load.case is not None and load.folder.name not in duplicates
    }
    invalid = {load.folder.name for load in loads if load.case is None} | duplicates
    editions: dict[int, Edition] = {}
    for path in edition_files(root):
        edition, edition_problems = load_edition(path, cases, today, invalid_case_ids=invalid, root=root)
        problems.extend(edition_problems)
        if edition is not None:
            editions[edition.year] = edition
    problems.sort(key=Problem.sort_key)
    return Library(root, cases, dict(sorted(editions.items())), problems)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# --- Files -----------------------------------------------------------------------------------------------------


def read_text(path: Path, findings: Findings) -> str | None:
    """The text of a file, or ``None`` after recording why it cannot be used (missing, empty, not UTF-8)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never read more of a huge file than it takes to refuse it
    except OSError as exc:
        findings.error(None, f"{path.name} cannot be read: {exc.strerror or exc}")
        return None
    if len(data) > MAX_FILE_BYTES:
        findings.error(
            None, f"{path.name} is larger than {MAX_FILE_BYTES // 1024} KB; is this a case or edition file?"
        )
        return None
    try:
        text = data.decode("utf-8-sig")  # tolerate the byte order mark some Windows editors write
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        findings.error(
            line, f"{path.name} is not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        )
        return None
    if not text.strip():  # after removing the byte order mark: a file holding only one is empty too
        findings.error(1, f"{path.name} is empty")
        return None
    return text


def split_front_matter(text: str, path: Path, findings: Findings) -> tuple[str, str, int] | None:
    """Split a Markdown file into its YAML front matter and body.

    Returns ``(yaml_text, body, body_first_line)``, or ``None`` after recording the problem.
    """
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != "---":
        findings.error(1, f"{path.name} has no front matter: it must start with a line '---'")
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    findings.error(1, "the front matter is not closed: end it with a line '---' before the story")
    return None


# --- Cases -----------------------------------------------------------------------------------------------------


def read_case(folder: Path, today: datetime.date) -> CaseLoad:
    """Read and check one case folder (``case.md``, its translations and photos).

    Never raises: should a rule fail on input nobody foresaw, that becomes a problem of this case alone, so
    one odd folder cannot take the other cases off the site.
    """
    try:
        return _read_case(folder, today)
    except Exception as exc:  # noqa: BLE001 - deliberately broad, see above
        problem = Problem(
            folder / CASE_FILE,
            None,
            f"could not be checked ({type(exc).__name__}: {exc})",
            "error",
            None,
            folder.name,
        )
        return CaseLoad(folder, None, [problem], source=folder / CASE_FILE)


def _read_case(folder: Path, today: datetime.date) -> CaseLoad:
    source = folder / CASE_FILE
    findings = Findings(source, case_id=folder.name, first_line=2)
    files = _folder_files(folder)
    result = CaseLoad(folder, None, findings.problems, source=source, files=files)
    if not source.is_file():
        findings.error(
            None,
            f"the folder {folder.name} has no {CASE_FILE} "
            "(folders that are not cases must have a name starting with '_' or '.')",
        )
        return result
    folder_resolved = folder.resolve()
    if _inside_folder(CASE_FILE, folder, folder_resolved) is None:
        findings.error(None, f"{CASE_FILE} is a link to a file outside the case folder")
        _read_translations(folder, files, {}, findings.problems, today)
        return result
    values, body, body_line = _read_front_matter(source, rules.CASE, findings)
    if values is None:
        # Nothing to check translations against, but their own form can still be checked.
        _read_translations(folder, files, {}, findings.problems, today)
        return result
    result.declared_id, result.id_line = values.get("id"), findings.lines.get("id")
    _check_id(values.get("id"), folder, findings)
    _check_dates(values, findings, today)
    _check_consent(values, findings)
    photos = _check_photos(values.get("photos") or [], folder, folder_resolved, files, findings)
    language = values.get("language") or rules.DEFAULT_LANGUAGE
    translations = _read_translations(folder, files, values, findings.problems, today)
    if not body.strip():
        findings.warning(body_line, "case.md has no story below the front matter: the web page will be empty")
    if any(problem.severity == "error" for problem in findings.problems):
        return result
    victim = values["victim"]
    result.case = Case(
        id=values["id"],
        folder=folder,
        language=language,
        title=values["title"],
        kind=values["kind"],
        status=values["status"],
        victim=Victim(victim["name"], victim.get("born"), victim.get("age")),
        date=values["date"],
        place=values["place"],
        unit=values["unit"],
        reference=values.get("reference"),
        reward=values.get("reward"),
        photos=tuple(photos),
        key_dates=tuple(KeyDate(item["date"], item["label"]) for item in values.get("key_dates") or []),
        summary=values["summary"],
        question=values["question"],
        consent_recorded=values["consent"]["recorded"],
        tags=tuple(values.get("tags") or ()),
        body_markdown=body.lstrip("\n"),
        translations={translation.language: translation for translation in translations},
        sources=(source, *(translation.source for translation in translations)),
    )
    return result


def _folder_files(folder: Path) -> tuple[Path, ...]:
    try:
        with os.scandir(folder) as entries:
            return tuple(sorted(folder / entry.name for entry in entries if entry.is_file()))
    except OSError:
        return ()


def _read_front_matter(path: Path, spec: rules.Spec, findings: Findings) -> tuple[dict | None, str, int]:
    """Read, split and check one Markdown file's front matter against ``spec``."""
    text = read_text(path, findings)
    if text is None:
        return None, "", 1
    parts = split_front_matter(text, path, findings)
    if parts is None:
        return None, "", 1
    yaml_text, body, body_line = parts
    if not yaml_text.strip():
        node = None
    else:
        node = rules.compose_yaml(yaml_text, findings)
        if node is None:
            return None, body, body_line
    if node is None:  # an empty front matter: report every required field as missing
        node = yaml.MappingNode("tag:yaml.org,2002:map", [])
    values = rules.check_mapping(node, spec, "", findings, owner_line=1)
    return values, body, body_line


def _check_id(case_id: str | None, folder: Path, findings: Findings) -> None:
    if case_id is None:
        return
    line = findings.lines.get("id")
    if not rules.CASE_ID.fullmatch(case_id):
        findings.error(
            line,
            f"'id' {case_id} is not a valid id: use a-z, 0-9 and '-', 3 to 64 characters, "
            "starting and ending with a letter or digit",
            "id",
        )
    if case_id != folder.name:
        findings.error(line, f"'id' {case_id} must equal the folder name '{folder.name}'", "id")


def _check_dates(values: dict, findings: Findings, today: datetime.date) -> None:
    """Dates must not lie in the future, and the victim cannot be born after the case."""
    date = values.get("date")
    if date is not None and date.first_day() > today:
        findings.error(findings.lines.get("date"), f"'date' {date.iso()} is in the future", "date")
    for index, item in enumerate(values.get("key_dates") or [], 1):
        if item and item.get("date") and item["date"] > today:
            name = f"key_dates[{index}].date"
            findings.error(findings.lines.get(name), f"'{name}' {item['date']} is in the future", name)
    recorded = (values.get("consent") or {}).get("recorded")
    if recorded is not None and recorded > today:
        findings.error(
            findings.lines.get("consent.recorded"),
            f"'consent.recorded' {recorded} is in the future",
            "consent.recorded",
        )
    victim = values.get("victim") or {}
    born, age = victim.get("born"), victim.get("age")
    if born is not None and date is not None and born.first_day() > date.last_day():
        findings.error(
            findings.lines.get("victim.born"),
            f"'victim.born' {born.iso()} is after 'date' {date.iso()}",
            "victim.born",
        )
    elif born is not None and date is not None and age is not None:
        # A wrong age on a printed page is a known embarrassment (South Carolina's cards): flag a mismatch.
        youngest = _whole_years(born.last_day(), date.first_day())
        oldest = _whole_years(born.first_day(), date.last_day())
        if not youngest <= age <= oldest:
            expected = str(youngest) if youngest == oldest else f"{youngest} to {oldest}"
            findings.warning(
                findings.lines.get("victim.age"),
                f"'victim.age' {age} does not match 'victim.born' {born.iso()} and 'date' {date.iso()} "
                f"(that gives {expected})",
                "victim.age",
            )
    elif born is not None and born.first_day() > today:
        findings.error(
            findings.lines.get("victim.born"), f"'victim.born' {born.iso()} is in the future", "victim.born"
        )


def _whole_years(start: datetime.date, end: datetime.date) -> int:
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return max(years, 0)


def _check_consent(values: dict, findings: Findings) -> None:
    consent = values.get("consent") or {}
    if consent.get("family") is False:
        whose = "the prosecutor's" if values.get("kind") == "unidentified" else "the family's"
        findings.error(
            findings.lines.get("consent.family"),
            f"{whose} consent to publication is not given (consent.family must be true)",
            "consent.family",
        )


# --- Photos ----------------------------------------------------------------------------------------------------


def _check_photos(
    items: list, folder: Path, folder_resolved: Path, files: tuple[Path, ...], findings: Findings
) -> list[Photo]:
    photos = []
    printed = True  # the first photo named is the one printed (an empty item before it is reported elsewhere)
    for index, item in enumerate(items, 1):
        if not item or not item.get("file"):
            continue
        is_printed, printed = printed, False
        name = item["file"]
        field_name = f"photos[{index}].file"
        line = findings.lines.get(field_name)
        path = _inside_folder(name, folder, folder_resolved)
        if path is None:
            findings.error(line, f"photo '{name}' lies outside the case folder", field_name)
            continue
        if not path.is_file():
            findings.error(line, f"photo '{name}' is missing{_closest_file(name, files)}", field_name)
            continue
        size = _image_size(path)
        if isinstance(size, str):
            findings.error(line, f"photo '{name}' {size}", field_name)
            continue
        width, height = size
        need_w, need_h = rules.PRINT_PIXELS
        if is_printed and (width < need_w or height < need_h):
            mm_w, mm_h = rules.PRINT_SIZE_MM
            findings.error(
                line,
                f"photo '{name}' is {width}×{height} px; printing at {mm_w}×{mm_h} mm needs {need_w}×{need_h} px",
                field_name,
            )
            continue
        if not is_printed and width < rules.WEB_MIN_WIDTH:
            findings.warning(
                line,
                f"photo '{name}' is {width} px wide; the web page needs at least {rules.WEB_MIN_WIDTH}",
                field_name,
            )
        photos.append(Photo(name, path, item.get("caption"), item.get("credit"), width, height,
                            bool(item.get("illustration"))))
    return photos


def _inside_folder(name: str, folder: Path, folder_resolved: Path) -> Path | None:
    """The resolved path of a photo, or ``None`` if it leaves the case folder (``..``, absolute, a symlink)."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or name.startswith("\\"):
        return None
    try:
        # resolve() follows symlinks, so a link pointing out of the folder is caught as well.
        path = (folder / name).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte in the name
        return None
    return path if path.is_relative_to(folder_resolved) else None


def _closest_file(name: str, files: tuple[Path, ...]) -> str:
    names = [path.name for path in files if not path.name.endswith(".md")]
    lowered = {candidate.lower(): candidate for candidate in names}
    if name.lower() in lowered:
        return f" (did you mean '{lowered[name.lower()]}'? names are case-sensitive)"
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _image_size(path: Path) -> tuple[int, int] | str:
    """The pixel size of a JPEG or PNG, or what is wrong with the file. Reads only the image header.

    Pillow's own decompression-bomb limit stays in force for the whole process (the web resizer and builds
    decode photos); a photo above ``rules.MAX_PHOTO_PIXELS`` is reported here, with its size.
    """
    try:
        with warnings.catch_warnings():
            # Between Pillow's limit and twice it, Image.open only warns; the problem is reported below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in rules.PHOTO_FORMATS:
                    return f"is a {image.format} image; use JPEG or PNG"
                size = image.size
    except Image.DecompressionBombError:
        size = _header_size(path)
        if size is None:
            return f"is larger than {rules.MAX_PHOTO_PIXELS // 1_000_000} megapixels; no more are accepted"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "is not an image (it does not open as a JPEG or PNG)"
    width, height = size
    if width * height > rules.MAX_PHOTO_PIXELS:
        return f"is {width}×{height} px; at most {rules.MAX_PHOTO_PIXELS // 1_000_000} megapixels are accepted"
    return size


def _header_size(path: Path) -> tuple[int, int] | None:
    """The size in a JPEG or PNG header that Image.open refused to open (a decompression bomb)."""
    from PIL import JpegImagePlugin, PngImagePlugin

    for plugin in (PngImagePlugin.PngImageFile, JpegImagePlugin.JpegImageFile):
        try:
            with plugin(str(path)) as image:  # the plugin class reads the header without the size check
                return image.size
        except (OSError, SyntaxError, ValueError):
            continue
    return None


# --- Translations ----------------------------------------------------------------------------------------------


def _read_translations(
    folder: Path, files: tuple[Path, ...], primary: dict, problems: list[Problem], today: datetime.date
) -> list[Translation]:
    """Read every ``case.<language>.md``; problems go into ``problems`` (the case's list)."""
    translations = []
    primary_language = primary.get("language") or rules.DEFAULT_LANGUAGE
    folder_resolved = folder.resolve()
    for path in files:
        match = _TRANSLATION_FILE.fullmatch(path.name)
        if not match:
            continue
        findings = Findings(path, case_id=folder.name, first_line=2)
        if _inside_folder(path.name, folder, folder_resolved) is None:
            # Like a photo: a link out of the folder would publish whatever file it points at.
            findings.error(None, f"{path.name} is a link to a file outside the case folder")
            problems.extend(findings.problems)
            continue
        language = match.group(1)
        if not rules.LANGUAGE.fullmatch(language):
            findings.error(
                None,
                f"{path.name} is not a translation file name: use case.<language>.md with a two-letter code "
                "such as case.en.md",
            )
        elif language == primary_language:
            findings.error(None, f"{path.name} translates into '{language}', the language of case.md itself")
        values, body, _ = _read_front_matter(path, rules.TRANSLATION, findings)
        if values is not None and primary:
            _check_translation_against_primary(values, primary, findings)
        problems.extend(findings.problems)
        if values is None or findings.has_errors:
            continue
        translations.append(
            Translation(
                language=language,
                title=values.get("title"),
                place=values.get("place"),
                summary=values.get("summary"),
                question=values.get("question"),
                key_date_labels={item["date"]: item["label"] for item in values.get("key_dates") or []},
                photo_captions=tuple(item.get("caption") for item in values.get("photos") or []),
                body_markdown=body.lstrip("\n"),
                source=path,
                victim_name=(values.get("victim") or {}).get("name"),
                photo_credits=tuple(item.get("credit") for item in values.get("photos") or []),
            )
        )
    return translations


def _check_translation_against_primary(values: dict, primary: dict, findings: Findings) -> None:
    """A translation may only translate what case.md has: its key dates and its photos."""
    key_dates = values.get("key_dates")
    if key_dates:
        primary_items = primary.get("key_dates") or []
        primary_dates = [item["date"] for item in primary_items if item and item.get("date")]
        # A key date of case.md that failed its own check (1981-02-30) is not in primary_dates, so the
        # translation's (perhaps correct) date for it cannot be matched: say nothing rather than blame every
        # translation for case.md's mistake, which is reported there.
        primary_failed = len(primary_dates) < len(primary_items)
        if "key_dates" not in primary:
            findings.error(
                findings.lines.get("key_dates"), "case.md has no key dates to translate", "key_dates"
            )
        else:
            first_line: dict[datetime.date, int | None] = {}
            for index, item in enumerate(key_dates, 1):
                if not item or not item.get("date"):
                    continue
                date, line = item["date"], findings.lines.get(f"key_dates[{index}].date")
                if date not in primary_dates:
                    if not primary_failed:
                        findings.error(line, f"key date {date} is not in case.md", "key_dates")
                elif date in first_line and primary_dates.count(date) < 2:
                    findings.error(
                        line, f"key date {date} is listed twice (also on line {first_line[date]})", "key_dates"
                    )
                first_line.setdefault(date, line)
    captions = values.get("photos")
    if captions is not None and "photos" in primary and primary["photos"] is not None:
        if len(captions) > len(primary["photos"]):
            findings.error(
                findings.lines.get("photos"),
                f"{len(captions)} photo captions, but case.md has {len(primary['photos'])} "
                f"photo{'s' if len(primary['photos']) != 1 else ''}",
                "photos",
            )
