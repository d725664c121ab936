"""Field rules for case files and editions, kept as data, and the checker that applies them to YAML nodes.

Each field of a case, translation or edition is described by a ``Spec`` (its kind, whether it is required, its
length limit, allowed values, ...). ``check`` walks a composed YAML node against a spec, turns it into plain
Python values and records every problem it meets with its line, so one run reports everything at once.
Rules that relate several fields (the id and the folder, photos on disk, dates in the future) live in the
loader.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from coldcase.cases.model import PartialDate, Problem

try:  # libyaml is several times faster; the pure-Python loader gives the same nodes and marks
    YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    YamlLoader = yaml.SafeLoader

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

_ALIAS_MESSAGE = "'{name}' repeats other fields with a YAML alias; write it out"
#: ASCII digits only: \d alone also matches Arabic-Indic, Devanagari or full-width digits, which PartialDate
#: does not read (they get their own hint instead).
_DATE_SHAPE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)
_YAML_TRUE = {"true", "yes", "on"}
_YAML_FALSE = {"false", "no", "off"}
_scalar_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Spec:
    """What one field may hold.

    ``kind`` is one of ``text``, ``int``, ``bool``, ``date`` (a full date), ``partial_date``, ``choice``,
    ``mapping`` (with ``fields``) and ``list`` (with ``item``).
    """

    kind: str
    required: bool = False
    max_length: int | None = None
    #: Ends the "too long" message: where the text has to fit.
    room: str = "are allowed"
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    #: What a whole number stands for, in messages: "a whole number of euros".
    noun: str = "a whole number"
    pattern: re.Pattern[str] | None = None
    #: Says what ``pattern`` wants, in messages.
    pattern_hint: str = ""
    fields: Mapping[str, Spec] | None = None
    item: Spec | None = None
    min_items: int = 0
    #: What a list holds, in messages: "'photos' must list at least 1 photo".
    item_noun: str = "item"
    #: Known fields that a translation must not carry.
    not_translatable: frozenset[str] = frozenset()


def text(required: bool = False, max_length: int | None = None, room: str = "are allowed", **kw) -> Spec:
    """A text field."""
    return Spec("text", required=required, max_length=max_length, room=room, **kw)


@dataclass
class Findings:
    """The problems found in one file, and the line of each field that was read (for cross-field rules)."""

    path: Path
    case_id: str | None = None
    #: File line of the YAML text's first line: 2 for front matter after '---', 1 for a whole YAML file.
    first_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    #: Lists and mappings already checked: an alias (``*name``) that repeats one is refused, so that a few
    #: nested aliases cannot make the check walk billions of nodes.
    seen: set[int] = field(default_factory=set)

    def line(self, node: yaml.Node | None) -> int | None:
        """The file line a YAML node starts on."""
        return None if node is None else node.start_mark.line + self.first_line

    def error(self, line: int | None, message: str, field: str | None = None) -> None:
        """Record an error: the case or edition will be left out."""
        self.problems.append(Problem(self.path, line, message, "error", field, self.case_id))

    def warning(self, line: int | None, message: str, field: str | None = None) -> None:
        """Record a warning: worth fixing, but nothing is left out."""
        self.problems.append(Problem(self.path, line, message, "warning", field, self.case_id))

    @property
    def has_errors(self) -> bool:
        """Whether any error was recorded."""
        return any(problem.severity == "error" for problem in self.problems)


#: Lists and sets of fields may nest this deep. libyaml's C composer recurses once per level and crashes the
#: whole process (a segmentation fault, not an exception) some tens of thousands of levels down, so deeper
#: text is refused before it is composed. Real case files nest three or four levels.
MAX_DEPTH = 50
#: A front matter passes without the exact depth count when it has at most this many '[' and '{' (flow
#: collections) and no line whose indentation and leading '- ', '? ', ': ' indicators are this long: a block
#: collection must start further right than the one holding it (a list under a key may start at the key's
#: column), so those lines cannot nest more than 2 * (_FAST_COLUMNS + 1) + _FAST_BRACKETS < MAX_DEPTH levels.
_FAST_BRACKETS = 4
_FAST_COLUMNS = 20
_DEEP_LINE = re.compile(rf"^[ \t?:-]{{{_FAST_COLUMNS},}}", re.MULTILINE)
_OPEN_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _too_deep(yaml_text: str) -> yaml.Mark | None:
    """Where the YAML first nests deeper than ``MAX_DEPTH``, or ``None``.

    Cheap for ordinary files (two counts and one regular expression); otherwise the parser's events are
    counted, which needs no recursion and so is safe at any depth. The count uses PyYAML's pure-Python parser
    because libyaml's scanner reads ahead and (from PyYAML 6.0.4) stops deep text with its own error before
    the first events arrive, which would hide our message. A syntax error ends the count: compose reports it.
    """
    if (
        yaml_text.count("[") + yaml_text.count("{") <= _FAST_BRACKETS
        and _DEEP_LINE.search(yaml_text) is None
    ):
        return None
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(event, _OPEN_EVENTS):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, _CLOSE_EVENTS):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def compose_yaml(yaml_text: str, findings: Findings, what: str = "a case file") -> yaml.Node | None:
    """Parse YAML into nodes (which keep their lines). On a syntax error, record it and return ``None``.

    ``what`` names the kind of file in the message for text nested too deep to be one.
    """
    deep = _too_deep(yaml_text)
    if deep is not None:
        findings.error(
            deep.line + findings.first_line,
            f"{findings.path.name}: nested more than {MAX_DEPTH} levels deep; is this {what}?",
        )
        return None
    try:
        return yaml.compose(yaml_text, Loader=YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + findings.first_line if mark is not None else findings.first_line
        position = getattr(exc, "position", None)
        if mark is None and isinstance(position, int):
            # A reader error (a NUL, BEL or form feed) has no mark, only an offset: in characters from the
            # pure-Python reader, in UTF-8 bytes from libyaml's.
            before = yaml_text[:position] if YamlLoader is yaml.SafeLoader else yaml_text.encode()[:position]
            line = before.count("\n" if isinstance(before, str) else b"\n") + findings.first_line
        lines = yaml_text.splitlines()
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
            problem += " (a tab? indent with spaces)"
        findings.error(line, f"YAML does not parse: {problem}")
        return None


def describe(node: yaml.Node) -> str:
    """A YAML value as a user would recognise it in a message."""
    if isinstance(node, yaml.MappingNode):
        return "a set of fields"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return repr(value)


def is_empty(node: yaml.Node) -> bool:
    """Whether a field was written without a value (``place:`` or ``place: ~``)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def check(node: yaml.Node, spec: Spec, name: str, findings: Findings):
    """Check ``node`` against ``spec`` and return its value, or ``None`` if it is empty or wrong.

    ``name`` is the field's dotted path (``victim.name``, ``photos[1].file``) used in messages.
    """
    findings.lines[name] = findings.line(node)
    if isinstance(node, yaml.CollectionNode):
        if id(node) in findings.seen:
            findings.error(findings.line(node), _ALIAS_MESSAGE.format(name=name), name)
            return None
        findings.seen.add(id(node))
    if is_empty(node):
        if spec.required:
            findings.error(findings.line(node), f"required field '{name}' is empty", name)
        return None
    return _CHECKERS[spec.kind](node, spec, name, findings)


def _check_text(node, spec: Spec, name: str, findings: Findings) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        findings.error(findings.line(node), f"'{name}' must be text, not {describe(node)}", name)
        return None
    # Numbers, dates and yes/no are fine as text ("reference: 12345"): keep them as written.
    value = node.value.strip()
    if not value:
        if spec.required:
            findings.error(findings.line(node), f"required field '{name}' is empty", name)
        return None
    if spec.max_length is not None and len(value) > spec.max_length:
        findings.error(
            findings.line(node),
            f"'{name}' is {len(value)} characters; at most {spec.max_length} {spec.room}",
            name,
        )
        return None
    if spec.pattern is not None and not spec.pattern.fullmatch(value):
        findings.error(
            findings.line(node), f"'{name}' must be {spec.pattern_hint}, not {describe(node)}", name
        )
        return None
    return value


def _check_int(node, spec: Spec, name: str, findings: Findings) -> int | None:
    if not (isinstance(node, yaml.ScalarNode) and node.tag == INT_TAG):
        findings.error(findings.line(node), f"'{name}' must be {spec.noun}, not {describe(node)}", name)
        return None
    value = _scalar_constructor.construct_yaml_int(node)
    low, high = spec.minimum, spec.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        if high is None:
            allowed = f"at least {low:,}"
        elif low is None:
            allowed = f"at most {high:,}"
        else:
            allowed = f"from {low:,} to {high:,}"
        findings.error(findings.line(node), f"'{name}' must be {allowed}, not {value:,}", name)
        return None
    return value


def _check_bool(node, spec: Spec, name: str, findings: Findings) -> bool | None:
    word = node.value.lower() if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG else None
    if word in _YAML_TRUE:
        return True
    if word in _YAML_FALSE:
        return False
    findings.error(findings.line(node), f"'{name}' must be true or false, not {describe(node)}", name)
    return None


def _check_partial_date(node, spec: Spec, name: str, findings: Findings) -> PartialDate | None:
    if not isinstance(node, yaml.ScalarNode) or not _DATE_SHAPE.fullmatch(node.value.strip()):
        digits = isinstance(node, yaml.ScalarNode) and any(c.isdigit() and not c.isascii() for c in node.value)
        findings.error(
            findings.line(node),
            f"'{name}' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not {describe(node)}"
            + (" (write it with the digits 0-9)" if digits else ""),
            name,
        )
        return None
    try:
        return PartialDate.parse(node.value.strip())
    except ValueError:
        findings.error(findings.line(node), f"'{name}' {node.value.strip()} is not a real date", name)
        return None


def _check_date(node, spec: Spec, name: str, findings: Findings) -> datetime.date | None:
    value = _check_partial_date(node, spec, name, findings)
    if value is None:
        return None
    if value.day is None:
        findings.error(
            findings.line(node), f"'{name}' must be a full date YYYY-MM-DD, not {value.iso()}", name
        )
        return None
    return value.first_day()


def _check_choice(node, spec: Spec, name: str, findings: Findings) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.value.strip() in spec.choices:
        return node.value.strip()
    findings.error(
        findings.line(node), f"'{name}' must be one of {', '.join(spec.choices)}, not {describe(node)}", name
    )
    return None


def _check_list(node, spec: Spec, name: str, findings: Findings) -> list | None:
    if not isinstance(node, yaml.SequenceNode):
        findings.error(findings.line(node), f"'{name}' must be a list, not {describe(node)}", name)
        return None
    if len(node.value) < spec.min_items:
        noun = spec.item_noun if spec.min_items == 1 else spec.item_noun + "s"
        findings.error(findings.line(node), f"'{name}' must list at least {spec.min_items} {noun}", name)
    assert spec.item is not None
    values = []
    for index, item in enumerate(node.value, 1):
        if is_empty(item):
            # A stray '-'. Said plainly, rather than skipping it; no list may hold a null either (a tag of None,
            # a caption item of None).
            findings.lines[f"{name}[{index}]"] = findings.line(item)
            findings.error(findings.line(item), f"{name} item {index} is empty", f"{name}[{index}]")
            values.append(None)
            continue
        values.append(check(item, spec.item, f"{name}[{index}]", findings))
    return values


def check_mapping(
    node, spec: Spec, name: str, findings: Findings, owner_line: int | None = None
) -> dict | None:
    """Check a set of fields: unknown, repeated, missing and invalid ones are all reported.

    Returns the values of the fields that were given (``None`` for the invalid ones).
    """
    assert spec.fields is not None
    prefix = f"{name}." if name else ""
    line = findings.line(node) if owner_line is None else owner_line
    if not isinstance(node, yaml.MappingNode):
        what = f"'{name}'" if name else "the front matter"
        fields = ", ".join(spec.fields)
        findings.error(line, f"{what} must be a set of fields ({fields}), not {describe(node)}", name or None)
        return None
    values: dict = {}
    seen: dict[str, int | None] = {}
    for key_node, value_node in node.value:
        key_line = findings.line(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            findings.error(key_line, "a field name must be a plain word", name or None)
            continue
        key = key_node.value
        dotted = prefix + key
        if key in seen:
            findings.error(key_line, f"field '{dotted}' is given twice (also on line {seen[key]})", dotted)
            continue
        seen[key] = key_line
        if key in spec.not_translatable:
            findings.error(key_line, f"'{dotted}' is not translatable", dotted)
            continue
        if key not in spec.fields:
            findings.error(key_line, unknown_field_message(dotted, key, spec.fields), dotted)
            continue
        findings.lines[dotted] = key_line
        if isinstance(value_node, yaml.CollectionNode) and id(value_node) in findings.seen:
            # Reported here, not in check(): an alias's node carries the line of its anchor, not of this field.
            findings.error(key_line, _ALIAS_MESSAGE.format(name=dotted), dotted)
            continue
        values[key] = check(value_node, spec.fields[key], dotted, findings)
        findings.lines[dotted] = key_line  # the key's line reads better than a block value's first line
    for key, field_spec in spec.fields.items():
        if field_spec.required and key not in seen:
            findings.error(line, f"required field '{prefix}{key}' is missing", prefix + key)
    return values


def unknown_field_message(dotted: str, key: str, known) -> str:
    """``unknown field 'palce' (did you mean 'place'?)``: a typo is the usual cause, so name the closest field."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field '{dotted}'{hint}"


_CHECKERS = {
    "text": _check_text,
    "int": _check_int,
    "bool": _check_bool,
    "partial_date": _check_partial_date,
    "date": _check_date,
    "choice": _check_choice,
    "list": _check_list,
    "mapping": lambda node, spec, name, findings: check_mapping(node, spec, name, findings),
}

# --- The fields of a case ------------------------------------------------------------------------------------

CASE_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,62}[a-z0-9]")
LANGUAGE = re.compile(r"[a-z]{2}")
COUNTRY = re.compile(r"[A-Z]{2}")
DEFAULT_LANGUAGE = "nl"

#: The first photo is printed 120 x 90 mm; at 300 dpi that is 1417 x 1063 pixels.
PRINT_SIZE_MM = (120, 90)
PRINT_PIXELS = (1417, 1063)
#: Narrower photos look blurred on the web page.
WEB_MIN_WIDTH = 800
PHOTO_FORMATS = {"JPEG", "PNG"}
#: The largest photo accepted, in pixels (80 megapixels; a print photo needs 1.5). Above it, decoding the file
#: could take gigabytes of memory: a "decompression bomb". Below Pillow's own limit, so Pillow never warns
#: about a photo that is accepted.
MAX_PHOTO_PIXELS = 80_000_000

_PAGE = "fit on the calendar page"

PHOTO = Spec(
    "mapping",
    fields={
        "file": text(required=True),
        "caption": text(max_length=120, room="fit under the photo"),
        "credit": text(max_length=80),
        # A drawing or reconstruction rather than a photograph: the site marks it in the reader's language.
        "illustration": Spec("bool"),
    },
)
KEY_DATE = Spec(
    "mapping",
    fields={
        "date": Spec("date", required=True),
        "label": text(required=True, max_length=40, room="fit in a day of the calendar"),
    },
)

CASE = Spec(
    "mapping",
    fields={
        "id": text(required=True),
        "language": text(pattern=LANGUAGE, pattern_hint="a two-letter language code such as 'nl'"),
        "title": text(required=True, max_length=70, room="fit in the page heading"),
        "kind": Spec("choice", required=True, choices=("homicide", "missing", "unidentified")),
        "status": Spec("choice", required=True, choices=("open", "solved", "closed")),
        "victim": Spec(
            "mapping",
            required=True,
            fields={
                "name": text(required=True, max_length=60),
                "born": Spec("partial_date"),
                "age": Spec("int", minimum=0, maximum=120, noun="a whole number of years"),
            },
        ),
        "date": Spec("partial_date", required=True),
        "place": text(required=True, max_length=80),
        "unit": text(required=True, max_length=80),
        "reference": text(max_length=32),
        "reward": Spec("int", minimum=1, maximum=1_000_000, noun="a whole number of euros"),
        "photos": Spec("list", required=True, item=PHOTO, min_items=1, item_noun="photo"),
        "key_dates": Spec("list", item=KEY_DATE),
        "summary": text(required=True, max_length=600, room=_PAGE),
        "question": text(required=True, max_length=240, room=_PAGE),
        "consent": Spec(
            "mapping",
            required=True,
            fields={"family": Spec("bool", required=True), "recorded": Spec("date", required=True)},
        ),
        "tags": Spec("list", item=text(max_length=32)),
    },
)

TRANSLATABLE = ("title", "victim", "place", "summary", "question", "key_dates", "photos")

TRANSLATION = Spec(
    "mapping",
    fields={
        "title": replace(CASE.fields["title"], required=False),
        # Only the name, for a person without one ("Onbekende man" is "Unknown man" in English).
        "victim": Spec("mapping", fields={"name": text(max_length=60)}, not_translatable=frozenset({"born", "age"})),
        "place": text(max_length=80),
        "summary": text(max_length=600, room=_PAGE),
        "question": text(max_length=240, room=_PAGE),
        "key_dates": Spec("list", item=KEY_DATE),
        "photos": Spec(
            "list",
            item=Spec(
                "mapping",
                fields={"caption": PHOTO.fields["caption"], "credit": PHOTO.fields["credit"]},
                not_translatable=frozenset({"file", "illustration"}),
            ),
        ),
    },
    not_translatable=frozenset(CASE.fields) - set(TRANSLATABLE),
)

# --- The fields of an edition ----------------------------------------------------------------------------------

WEEKS_PER_EDITION = 52
POINT_CODE = re.compile(r"[A-Z0-9-]{2,32}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
HTTPS_URL = re.compile(r"https://[^\s/]+\.[^\s/]+(/\S*)?")

EDITION = Spec(
    "mapping",
    fields={
        "year": Spec("int", required=True, minimum=2000, maximum=2100, noun="a year such as 2027"),
        "title": text(required=True, max_length=80, room="fit on the cover"),
        "languages": Spec(
            "list",
            required=True,
            min_items=1,
            item_noun="language",
            item=text(pattern=LANGUAGE, pattern_hint="a two-letter language code such as 'nl'"),
        ),
        "tipline": Spec(
            "mapping",
            required=True,
            fields={
                "phone": text(required=True, max_length=32),
                "postal": text(required=True, max_length=120),
                "email": text(required=True, pattern=EMAIL, pattern_hint="an email address"),
                "web": text(required=True, pattern=HTTPS_URL, pattern_hint="an https:// address"),
            },
        ),
        "weeks": Spec("list", required=True, item=text(required=True)),
        "distribution": Spec(
            "list",
            required=True,
            min_items=1,
            item_noun="distribution point",
            item=Spec(
                "mapping",
                fields={
                    "code": text(
                        required=True,
                        pattern=POINT_CODE,
                        pattern_hint="A-Z, 0-9 and '-', 2 to 32 characters",
                    ),
                    "name": text(required=True, max_length=80),
                    "kind": Spec("choice", required=True, choices=("prison", "probation", "clinic", "other")),
                    "copies": Spec("int", required=True, minimum=1, noun="a whole number of copies"),
                },
            ),
        ),
        # The press's colour profile (the print's output intent): fogra39 (European offset on coated paper,
        # the default) or swop (US web offset, for a printer that asks for it).
        "print_profile": Spec("choice", choices=("fogra39", "swop")),
        # A sample edition (invented cases, fictional contact details): preflight then warns about placeholder
        # contacts instead of refusing them, so the whole build can be tried; a real edition must not say so.
        "sample": Spec("bool"),
        # Days the readers keep besides the Dutch holidays, from another country's calendar in the
        # `holidays` library: {country: SR, holiday: Eid al-Fitr}.
        "observances": Spec(
            "list",
            item_noun="observance",
            item=Spec(
                "mapping",
                fields={
                    "country": text(required=True, pattern=COUNTRY,
                                    pattern_hint="a two-letter country code such as 'SR'"),
                    "holiday": text(required=True, max_length=80),
                },
            ),
        ),
    },
)
