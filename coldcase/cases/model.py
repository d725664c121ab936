"""The case library as plain, immutable data: cases, their translations and photos, calendar editions and
the problems found while loading them.

Nothing here touches Flask, the database or the file system (paths are only carried along), so the web
pages, the calendar build and the tests can all share these objects.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: Languages written right to left; a page in one of them needs ``dir="rtl"``.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

Severity = Literal["error", "warning"]


@functools.total_ordering
@dataclass(frozen=True, eq=True)
class PartialDate:
    """A date of which perhaps only the year, or the year and month, is known (``1994``, ``1994-03``)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Let datetime check the calendar (months 1-12, 30 February, ...).
        datetime.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, value: int | str | datetime.date | PartialDate) -> PartialDate:
        """Read ``1994``, ``"1994"``, ``"1994-03"``, ``"1994-03-15"`` or a ``datetime.date``.

        Raises ``ValueError`` for anything else, including impossible dates such as ``1994-02-30``.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):  # bool is an int; True is not a year
            raise ValueError(f"{value!r} is not a date")
        if isinstance(value, int):
            return cls(value)
        if isinstance(value, str):
            parts = value.strip().split("-")
            widths = (4, 2, 2)
            if 1 <= len(parts) <= 3 and all(
                part.isascii() and part.isdigit() and len(part) == width
                for part, width in zip(parts, widths, strict=False)
            ):
                try:
                    return cls(*(int(part) for part in parts))
                except ValueError:
                    raise ValueError(f"{value!r} is not a real date") from None
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """The date as written in a case file: ``1994``, ``1994-03`` or ``1994-03-15``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def first_day(self) -> datetime.date:
        """The earliest day this date can mean (1 January for a bare year)."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """The latest day this date can mean (31 December for a bare year)."""
        if self.day is not None:
            return datetime.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.month == 12:  # no "1 January next year" to count back from: 9999-12 has none
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, self.month + 1, 1) - datetime.timedelta(days=1)

    def _key(self) -> tuple[int, int, int]:
        # An unknown month or day sorts before any known one: 1994 < 1994-01 < 1994-01-01.
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Photo:
    """An image of a case; ``path`` is resolved and known to lie inside the case folder."""

    file: str
    path: Path
    caption: str | None
    credit: str | None
    width: int
    height: int
    #: A drawing or reconstruction, not a photograph (pages say so in the reader's language).
    illustration: bool = False


@dataclass(frozen=True)
class KeyDate:
    """A day marked on the calendar every year, such as the day a victim was last seen."""

    date: datetime.date
    label: str


@dataclass(frozen=True)
class Victim:
    """Who the case is about. ``age`` is the age in whole years at the time of the case."""

    name: str
    born: PartialDate | None = None
    age: int | None = None


def _render(markdown_text: str) -> str:
    # Imported here so that loading a thousand cases does not need the renderer until a page asks for it.
    from coldcase.cases.markdown import render_markdown

    return render_markdown(markdown_text)


@dataclass(frozen=True, eq=False)
class Translation:
    """The translatable text of a case in one more language (from ``case.<language>.md``).

    Fields the translation leaves out are ``None`` (or empty) and fall back to the primary text.
    """

    language: str
    title: str | None
    place: str | None
    summary: str | None
    question: str | None
    key_date_labels: dict[datetime.date, str]
    photo_captions: tuple[str | None, ...]
    body_markdown: str
    source: Path
    #: The victim's name in this language, for an unidentified person ("Unknown man"); None keeps the name.
    victim_name: str | None = None
    photo_credits: tuple[str | None, ...] = ()

    @functools.cached_property
    def body_html(self) -> str:
        """The body as sanitised HTML, rendered on first use."""
        return _render(self.body_markdown)


@dataclass(frozen=True, eq=False)
class Case:
    """One valid cold case, read from ``<folder>/case.md`` and its translations."""

    id: str
    folder: Path
    language: str
    title: str
    kind: Literal["homicide", "missing", "unidentified"]
    status: Literal["open", "solved", "closed"]
    victim: Victim
    date: PartialDate
    place: str
    unit: str
    reference: str | None
    reward: int | None
    photos: tuple[Photo, ...]
    key_dates: tuple[KeyDate, ...]
    summary: str
    question: str
    consent_recorded: datetime.date
    tags: tuple[str, ...]
    body_markdown: str
    translations: dict[str, Translation] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()

    @functools.cached_property
    def body_html(self) -> str:
        """The body as sanitised HTML, rendered on first use (not at load: a library holds many cases)."""
        return _render(self.body_markdown)

    @property
    def is_open(self) -> bool:
        """Whether the case is still unsolved and may go into a new edition."""
        return self.status == "open"

    @property
    def printed_photo(self) -> Photo:
        """The photo printed on the calendar page (the first one)."""
        return self.photos[0]

    @property
    def languages(self) -> tuple[str, ...]:
        """The primary language first, then the translations in alphabetical order."""
        return (self.language, *sorted(self.translations))

    def localized(self, lang: str | None = None) -> LocalizedCase:
        """The case as shown in ``lang``: translated text where there is some, the primary text elsewhere.

        An unknown or missing ``lang`` gives the primary language.
        """
        translation = self.translations.get(lang) if lang and lang != self.language else None
        if translation is None:
            return LocalizedCase(
                case=self,
                lang=self.language,
                is_translation=False,
                title=self.title,
                place=self.place,
                summary=self.summary,
                question=self.question,
                key_dates=self.key_dates,
                photos=self.photos,
                body_markdown=self.body_markdown,
            )
        key_dates = tuple(
            KeyDate(key.date, translation.key_date_labels.get(key.date, key.label)) for key in self.key_dates
        )
        photos = tuple(_translated_photo(photo, translation, index) for index, photo in enumerate(self.photos))
        return LocalizedCase(
            case=self,
            lang=translation.language,
            is_translation=True,
            title=translation.title or self.title,
            place=translation.place or self.place,
            summary=translation.summary or self.summary,
            question=translation.question or self.question,
            key_dates=key_dates,
            photos=photos,
            # An empty translated body shows the primary story rather than nothing.
            body_markdown=translation.body_markdown
            if translation.body_markdown.strip()
            else self.body_markdown,
            translation=translation,
        )


def _translated_photo(photo: Photo, translation: Translation, index: int) -> Photo:
    """``photo`` with the caption and credit that ``translation`` gives it (each where it gives one)."""

    def given(values: tuple[str | None, ...]) -> str | None:
        return values[index] if index < len(values) and values[index] else None

    caption, credit = given(translation.photo_captions), given(translation.photo_credits)
    if caption is None and credit is None:
        return photo
    return Photo(photo.file, photo.path, caption or photo.caption, credit or photo.credit, photo.width,
                 photo.height, photo.illustration)


@dataclass(frozen=True, eq=False)
class LocalizedCase:
    """A case's text in one language. Fields that are not translated (``id``, ``victim``, ``reward``, ...) are
    read from the case itself, so a template can use this wherever it would use a ``Case``."""

    case: Case
    lang: str
    is_translation: bool
    title: str
    place: str
    summary: str
    question: str
    key_dates: tuple[KeyDate, ...]
    photos: tuple[Photo, ...]
    body_markdown: str
    translation: Translation | None = None

    @property
    def dir(self) -> Literal["ltr", "rtl"]:
        """The writing direction for the HTML ``dir`` attribute."""
        return "rtl" if self.lang in RTL_LANGUAGES else "ltr"

    @functools.cached_property
    def body_html(self) -> str:
        """The body as sanitised HTML, shared with the case or translation it came from."""
        if self.translation is not None and self.body_markdown is self.translation.body_markdown:
            return self.translation.body_html
        if self.body_markdown is self.case.body_markdown:
            return self.case.body_html
        return _render(self.body_markdown)

    @property
    def victim(self) -> Victim:
        """The victim, with the name in this language where the translation gives one."""
        name = self.translation.victim_name if self.translation is not None else None
        if not name:
            return self.case.victim
        return Victim(name, self.case.victim.born, self.case.victim.age)

    @property
    def printed_photo(self) -> Photo:
        """The photo printed on the calendar page, with its localized caption."""
        return self.photos[0]

    def __getattr__(self, name: str):
        # Only called for attributes not defined here: the untranslated fields of the case.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.case, name)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a case or edition file, with the place to fix it."""

    path: Path
    line: int | None
    message: str
    severity: Severity = "error"
    field: str | None = None
    case_id: str | None = None

    def format(self, root: Path | None = None) -> str:
        """``path:line: message``, the path relative to ``root`` when it lies inside it.

        Warnings are marked ``warning:`` so that they stand out from errors in a long list.
        """
        path = self.path
        if root is not None:
            try:
                path = path.relative_to(root)
            except ValueError:
                pass
        where = f"{path}:{self.line}" if self.line is not None else str(path)
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    def sort_key(self) -> tuple[str, int, str]:
        """Orders problems by file, then line."""
        return (str(self.path), self.line or 0, self.message)


@dataclass(frozen=True)
class Tipline:
    """How tipsters reach the team, as printed in an edition."""

    phone: str
    postal: str
    email: str
    web: str


@dataclass(frozen=True)
class DistributionPoint:
    """A place copies of an edition go to; its code attributes tips to it."""

    code: str
    name: str
    kind: Literal["prison", "probation", "clinic", "other"]
    copies: int


@dataclass(frozen=True, eq=False)
class Edition:
    """One year's calendar: 52 cases, one a week, and where the copies go."""

    year: int
    title: str
    languages: tuple[str, ...]
    tipline: Tipline
    weeks: tuple[str, ...]
    distribution: tuple[DistributionPoint, ...]
    source: Path
    #: The press's colour profile: "fogra39" (European coated offset) or "swop" (US web offset).
    print_profile: str = "fogra39"
    #: (country, English holiday name) pairs from the `holidays` library: days the readers keep.
    observances: tuple[tuple[str, str], ...] = ()
    #: A sample edition: invented cases and fictional contacts, never for distribution (see preflight's `contact`).
    sample: bool = False

    @property
    def primary_language(self) -> str:
        """The language the calendar is printed in first."""
        return self.languages[0]

    def point(self, code: str) -> DistributionPoint | None:
        """The distribution point with this attribution code (case-insensitive), or ``None``."""
        wanted = code.strip().upper()
        for point in self.distribution:
            if point.code == wanted:
                return point
        return None


#: (month, day) from which next year's edition is the current one.
NEXT_EDITION_FROM = (10, 1)


@dataclass(frozen=True, eq=False)
class Library:
    """Everything loaded from a cases folder: the valid cases and editions, and every problem found."""

    root: Path
    cases: dict[str, Case]
    editions: dict[int, Edition]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """The problems that leave a case or edition out."""
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth fixing that do not leave anything out."""
        return [problem for problem in self.problems if problem.severity == "warning"]

    def case_problems(self, case_id: str) -> list[Problem]:
        """Every problem of one case, errors and warnings."""
        return [problem for problem in self.problems if problem.case_id == case_id]

    @property
    def invalid_case_ids(self) -> list[str]:
        """Ids (folder names) of the cases left out because of errors, sorted."""
        return sorted(
            {p.case_id for p in self.problems if p.severity == "error" and p.case_id} - set(self.cases)
        )

    def current_edition(self, today: datetime.date | None = None) -> Edition | None:
        """The edition on the walls now: next year's from 1 October when it exists (calendars are printed and
        hung before their year begins), else this year's, else the latest one, else ``None``."""
        today = today or datetime.date.today()
        if (today.month, today.day) >= NEXT_EDITION_FROM and today.year + 1 in self.editions:
            return self.editions[today.year + 1]
        if today.year in self.editions:
            return self.editions[today.year]
        return self.editions[max(self.editions)] if self.editions else None
