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
