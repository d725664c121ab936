"""The field checker on its own: the ``text`` helper every text field is built with, and number ranges that no
field of today's case or edition format uses (only a maximum)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coldcase.cases import rules


def test_the_text_helper_passes_every_setting_on_and_defaults_to_an_optional_unlimited_field():
    assert rules.text() == rules.Spec("text", required=False, max_length=None, room="are allowed")
    pattern = re.compile("[a-z]+")
    built = rules.text(required=True, max_length=12, room="fit on the cover", pattern=pattern, pattern_hint="words")
    assert built == rules.Spec("text", required=True, max_length=12, room="fit on the cover", pattern=pattern,
                               pattern_hint="words")  # fmt: skip


def _check(value: str, spec: rules.Spec):
    findings = rules.Findings(Path("case.md"))
    result = rules.check(yaml.compose(f"field: {value}").value[0][1], spec, "field", findings)
    return result, [problem.message for problem in findings.problems]


@pytest.mark.parametrize(("value", "problem"), [
    ("-1000", None), ("5", None), ("6", "'field' must be at most 5, not 6"), ("1000000", "'field' must be at most 5, not 1,000,000"),
])  # fmt: skip
def test_a_number_with_only_a_maximum(value, problem):
    result, problems = _check(value, rules.Spec("int", maximum=5))
    assert problems == ([] if problem is None else [problem])
    assert result == (int(value) if problem is None else None)


def test_a_number_with_no_range_takes_any_whole_number():
    assert _check("-123456789", rules.Spec("int")) == (-123456789, [])


def _problems(yaml_text: str, spec: rules.Spec):
    findings = rules.Findings(Path("case.md"))
    values = rules.check_mapping(yaml.compose(yaml_text), spec, "", findings)
    return values, [(p.line, p.message, p.field) for p in findings.problems], findings


SPEC = rules.Spec("mapping", fields={
    "name": rules.text(required=True, max_length=5, pattern=re.compile("[a-z]+"), pattern_hint="lowercase"),
    "count": rules.Spec("int", minimum=1),
    "kind": rules.Spec("choice", choices=("a", "b")),
    "items": rules.Spec("list", item=rules.text(), min_items=2, item_noun="item"),
    "sub": rules.Spec("mapping", fields={"x": rules.text()}),
})  # fmt: skip


@pytest.mark.parametrize(("yaml_text", "problem"), [
    ("name: [x]", (1, "'name' must be text, not a list", "name")),
    ("name: ''", (1, "required field 'name' is empty", "name")),
    ("name: abcdef", (1, "'name' is 6 characters; at most 5 are allowed", "name")),
    ("name: ABC", (1, "'name' must be lowercase, not 'ABC'", "name")),
    ("name: abc\ncount: 0", (2, "'count' must be at least 1, not 0", "count")),
    ("name: abc\nkind: c", (2, "'kind' must be one of a, b, not 'c'", "kind")),
    ("name: abc\nitems: x", (2, "'items' must be a list, not 'x'", "items")),
    ("name: abc\nitems: [x]", (2, "'items' must list at least 2 items", "items")),
    ("name: abc\nitems: [x, ~]", (2, "items item 2 is empty", "items[2]")),
    ("name: abc\nsub: x", (2, "'sub' must be a set of fields (x), not 'x'", "sub")),
    ("name: abc\nname: abd", (2, "field 'name' is given twice (also on line 1)", "name")),
])  # fmt: skip
def test_each_rule_names_its_field_and_line(yaml_text, problem):
    values, problems, findings = _problems(yaml_text, SPEC)
    assert problems == [problem]


def test_an_empty_list_item_keeps_its_line_for_later_checks():
    values, problems, findings = _problems("name: abc\nitems:\n  - x\n  -\n", SPEC)
    assert findings.lines["items[2]"] == 4 and values["items"] == ["x", None]


def test_a_field_name_that_is_not_a_word_is_reported_and_the_rest_still_read():
    values, problems, findings = _problems("? [a, b]\n: 1\nname: abc\ncount: x\n", SPEC)
    assert problems == [
        (1, "a field name must be a plain word", None),
        (4, "'count' must be a whole number, not 'x'", "count"),
    ]  # fmt: skip
    assert values["name"] == "abc"


def test_a_front_matter_that_is_not_a_set_of_fields_names_no_field():
    findings = rules.Findings(Path("case.md"))
    assert rules.check_mapping(yaml.compose("[1, 2]"), SPEC, "", findings) is None
    assert [(p.message, p.field) for p in findings.problems] == [
        ("the front matter must be a set of fields (name, count, kind, items, sub), not a list", None)
    ]
