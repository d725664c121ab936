"""``coldcase demo seed-history``: the published totals, on the dashboard, in its CSV and in
``coldcase yield summary --format json``; the PDF report; seeding refuses to run twice."""

import json

PUBLISHED = {2017: (78, 32, 9), 2018: (302, 40, 13), 2019: (202, 31, 2)}


def test_seeded_history_shows_the_published_totals_everywhere(app, runner, create_user):
    result = runner.invoke(args=["demo", "seed-history"])
    assert result.exit_code == 0, result.output
    assert "2017: 78 tips, 2018: 302 tips, 2019: 202 tips" in result.output

    summary = json.loads(runner.invoke(args=["yield", "summary", "--format", "json"]).output)
    assert {e["year"]: (e["tips"], e["usable"], e["reopened"], e["solved"]) for e in summary["editions"]} == {
        year: (*totals, 0) for year, totals in PUBLISHED.items()}
    assert summary["editions"][0]["tips_per_1000"] == 2.6  # 78 tips, 30,000 copies

    browser = app.test_client()
    user = create_user("analyst")
    browser.post("/staff/login", data={"email": user.email, "password": user.password})
    csv_lines = browser.get("/staff/yield/editions.csv").get_data().decode("utf-8-sig").splitlines()
    assert csv_lines[1].startswith("2017;30000;78;32;41,03;9;0;2,6;")
    assert csv_lines[2].startswith("2018;48000;302;40;")
    assert csv_lines[3].startswith("2019;48000;202;31;")
    page = browser.get("/staff/yield/").get_data(as_text=True)
    row = page.split('<th scope="row">2018</th>', 1)[1].split("</tr>", 1)[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:6]] == ["48,000", "302", "40", "13.2%", "13", "0"]

    again = runner.invoke(args=["demo", "seed-history"])
    assert again.exit_code == 1 and "already seeded (582 tips" in again.output
    quiet = runner.invoke(args=["demo", "seed-history", "--if-needed"])
    assert quiet.exit_code == 0 and "Nothing to do" in quiet.output

    report = browser.get("/staff/yield/report.pdf?edition=2017")
    assert report.status_code == 200 and report.get_data().startswith(b"%PDF")


def test_summary_of_an_unknown_edition_is_refused(runner, app):
    result = runner.invoke(args=["yield", "summary", "--edition", "1999"])
    assert result.exit_code == 1 and "There is no edition 1999" in result.output


def test_summary_table_of_no_tips(runner, app):
    result = runner.invoke(args=["yield", "summary"])
    assert result.exit_code == 0 and "No tips match the filter." in result.output


def test_report_command_writes_a_pdf(runner, app, tmp_path):
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["yield", "report", "2018", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_seeding_without_the_history_editions_is_refused(app, runner, tmp_path):
    app.config["CASES_DIR"] = tmp_path  # an empty cases folder
    from coldcase.cases.store import store_for

    app.extensions.pop("coldcase.cases", None)
    assert store_for(app).library().editions == {}
    result = runner.invoke(args=["demo", "seed-history"])
    assert result.exit_code == 1 and "No valid edition file for 2017, 2018, 2019" in result.output
    relaxed = runner.invoke(args=["demo", "seed-history", "--if-needed"])
    assert relaxed.exit_code == 0 and "Nothing seeded" in relaxed.output
