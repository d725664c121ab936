"""``coldcase cases check``: every problem as path:line: message, a summary, and an exit status for scripts."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from coldcase.cases.cli import cases_cli


@pytest.fixture
def run_check(scenario):
    """Run ``cases check`` in a minimal app whose CASES_DIR is a copy of the scenario."""

    def run(name, *args):
        root = scenario(name)
        app = Flask(__name__)
        app.config["CASES_DIR"] = str(root)
        app.cli.add_command(cases_cli)
        return root, app.test_cli_runner().invoke(args=["cases", "check", *args])

    return run


def test_valid_cases_pass(run_check):
    _, result = run_check("valid")
    assert result.exit_code == 0
    assert result.output == "52 cases, 0 with errors, 0 warnings\n"


def test_errors_are_listed_with_file_and_line_and_fail(run_check):
    _, result = run_check("duplicate-ids")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "anna-copy/case.md:2: 'id' anna-de-vries-1994 must equal the folder name 'anna-copy'",
        "anna-copy/case.md:2: case id 'anna-de-vries-1994' is also used by anna-de-vries-1994/case.md",
        "anna-de-vries-1994/case.md:2: warning: case id 'anna-de-vries-1994' is also used by anna-copy/case.md",
        "3 cases, 1 with errors, 1 warning",
    ]


def test_warnings_alone_do_not_fail(run_check, scenario):
    root, _ = run_check("valid")
    path = root / "anna-de-vries-1994" / "case.md"
    path.write_text(path.read_text().replace("age: 22", "age: 30"))
    app = Flask(__name__)
    app.cli.add_command(cases_cli)
    result = app.test_cli_runner().invoke(args=["cases", "check", str(root)])
    assert result.exit_code == 0
    assert result.output.endswith("52 cases, 0 with errors, 1 warning\n")
    assert result.output.startswith("anna-de-vries-1994/case.md:9: warning: 'victim.age' 30 does not match")


def test_directory_argument_overrides_the_setting(run_check, scenario):
    other = scenario("files")
    _, result = run_check("valid", str(other))
    assert result.exit_code == 1
    assert "a-empty/case.md:1: case.md is empty" in result.output.splitlines()
    assert result.output.endswith("10 cases, 9 with errors, 0 warnings\n")


def test_json_output_for_scripts(run_check):
    _, result = run_check("photos", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid_cases"] == ["photo-in-subfolder", "photo-second-narrow"]
    assert report["errors"] == 9 and report["warnings"] == 1
    first = report["problems"][0]
    assert first == {
        "path": "photo-absolute/case.md",
        "line": 15,
        "severity": "error",
        "message": "photo '/etc/passwd' lies outside the case folder",
        "field": "photos[1].file",
        "case": "photo-absolute",
    }


def test_missing_directory_fails_with_a_message(run_check, tmp_path):
    _, result = run_check("valid", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "does not exist" in result.output
