"""`coldcase calendar build`: files, summary line, and a non-zero exit on problems."""

from __future__ import annotations

import json

import pytest
from conftest import write_edition
from flask import Flask

from coldcase.publish.cli import calendar_cli


def _app(cases_dir, output_dir):
    # A bare Flask app: the command reads only these three settings.
    app = Flask(__name__)
    app.config.update(CASES_DIR=cases_dir, OUTPUT_DIR=output_dir, PUBLIC_BASE_URL="https://cold-case-kalender.nl")
    app.cli.add_command(calendar_cli)
    return app


def test_build_screen_writes_files_to_output_year_and_prints_a_summary(sample_root, tmp_path, monkeypatch):
    # Build only two week pages: the command passes everything else through unchanged.
    from coldcase.publish import build

    original = build.build_calendar
    monkeypatch.setattr(build, "build_calendar",
                        lambda library, year, options, **k: original(
                            library, year, options.replace(weeks=(1, 2), workers=1), **k))
    runner = _app(sample_root, tmp_path).test_cli_runner()
    result = runner.invoke(args=["calendar", "build", "2027", "--variant", "screen", "--distribution", "PI-VUGHT"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2027" / "calendar-2027-screen-PI-VUGHT.pdf").exists()
    assert (tmp_path / "2027" / "calendar-2027-screen-PI-VUGHT.json").exists()
    assert "calendar 2027 screen: ok, 6 pages" in result.output


def test_build_with_a_broken_edition_exits_non_zero_and_lists_problems(copy_root, tmp_path):
    ids = [f"case-{n:02d}" for n in range(1, 52)] + ["no-such-case"]
    write_edition(copy_root, 2027, ids)
    runner = _app(copy_root, tmp_path).test_cli_runner()
    result = runner.invoke(args=["calendar", "build", "2027", "--variant", "all", "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "no-such-case" in result.output
    assert "NOT BUILT" in result.output
    assert not (tmp_path / "x").exists() or not list((tmp_path / "x").glob("*.pdf"))


def test_build_refuses_an_unknown_size(sample_root, tmp_path):
    runner = _app(sample_root, tmp_path).test_cli_runner()
    result = runner.invoke(args=["calendar", "build", "2027", "--size", "B5"])
    assert result.exit_code == 2
    assert "B5" in result.output


def test_distribution_all_builds_one_copy_per_point_with_its_code(copy_root, tmp_path, monkeypatch):
    from coldcase.publish import build

    edition = copy_root / "editions" / "2027.yaml"
    edition.write_text(edition.read_text() + "  - code: PI-ZWOLLE\n    name: PI Zwolle\n    kind: prison\n"
                                             "    copies: 450\n")
    original = build.build_calendar
    monkeypatch.setattr(build, "build_calendar",
                        lambda library, year, options, **k: original(
                            library, year, options.replace(weeks=(1,), workers=1), **k))
    result = _app(copy_root, tmp_path).test_cli_runner().invoke(
        args=["calendar", "build", "2027", "--variant", "screen", "--distribution", "all"])
    assert result.exit_code == 0, result.output
    for code, copies in (("PI-VUGHT", 700), ("PI-ZWOLLE", 450)):
        manifest = json.loads((tmp_path / "2027" / f"calendar-2027-screen-{code}.json").read_text())
        assert manifest["distribution"] == code and manifest["job"]["copies"] == {code: copies}
        assert manifest["job"]["preflight"]["ok"] is True
    assert "calendar-2027-screen-PI-ZWOLLE.pdf" in result.output


def test_distribution_all_in_print_lays_the_pages_out_once_for_every_copy(copy_root, tmp_path, monkeypatch):
    from coldcase.publish import build

    edition = copy_root / "editions" / "2027.yaml"
    edition.write_text(edition.read_text() + "  - code: PI-ZWOLLE\n    name: PI Zwolle\n    kind: prison\n"
                                             "    copies: 450\n")
    original = build.build_copies
    monkeypatch.setattr(build, "build_copies",
                        lambda library, year, options, codes, **k: original(
                            library, year, options.replace(weeks=(1,), workers=1), codes, **k))
    monkeypatch.setattr(build, "build_calendar", lambda *a, **k: pytest.fail("a copy was built on its own"))
    result = _app(copy_root, tmp_path).test_cli_runner().invoke(
        args=["calendar", "build", "2027", "--variant", "print", "--distribution", "all"])
    assert result.exit_code == 0, result.output
    assert "calendar-2027-print-PI-VUGHT.pdf" in result.output and "5 rendered, 0 from cache" in result.output
    assert "calendar-2027-print-PI-ZWOLLE.pdf" in result.output and "0 rendered, 5 from cache" in result.output
    for code, copies in (("PI-VUGHT", 700), ("PI-ZWOLLE", 450)):
        manifest = json.loads((tmp_path / "2027" / f"calendar-2027-print-{code}.json").read_text())
        assert manifest["distribution"] == code and manifest["job"]["copies"] == {code: copies}


def test_preflight_findings_are_printed_as_sentences_with_their_check(sample_root, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from coldcase.publish import build
    from coldcase.publish.preflight.report import Finding

    report = SimpleNamespace(errors=[Finding("crop-marks", "no crop marks", page=3)],
                             warnings=[Finding("contact", "the tip line is not set", severity="warning")])

    def fake_build(library, year, options, progress=None):
        return build.BuildResult(year, options.variant, pages=1, preflight=report)

    monkeypatch.setattr(build, "build_calendar", fake_build)
    result = _app(sample_root, tmp_path).test_cli_runner().invoke(
        args=["calendar", "build", "2027", "--variant", "screen"])
    assert "preflight error: crop-marks: page 3: no crop marks" in result.output
    assert "preflight warning: contact: the tip line is not set" in result.output
    assert "Finding(" not in result.output
