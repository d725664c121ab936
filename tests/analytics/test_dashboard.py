"""The yield dashboard, its filters, exports and report, on small hand-made data (edition 2018 of the sample
history: hanneke-smits-1975 is featured in week 1, PI Vught received 3,200 copies)."""

import datetime

import pytest
from sqlalchemy import func, select

from coldcase.analytics import figures
from coldcase.analytics.filters import YieldFilter
from coldcase.audit.models import AuditEvent
from coldcase.cases.store import store_for
from coldcase.extensions import db

D = datetime.date
TODAY = D(2026, 12, 1)


def compute(app, **wanted):
    return figures.compute(YieldFilter(**wanted), store_for(app).library(), TODAY)


def test_per_thousand_copies_per_point_and_edition(app, make_tip):
    make_tip(D(2018, 3, 1), edition=2018, point_code="PI-VUGHT", outcome="usable")
    make_tip(D(2018, 3, 2), edition=2018, point_code="PI-VUGHT", outcome="not_usable")
    result = compute(app)
    vught = next(row for row in result["points"].rows if row[1] == "PI-VUGHT")
    assert vught[4:] == (3200, 2, 1, pytest.approx(0.625), pytest.approx(0.3125))
    zwolle = next(row for row in result["points"].rows if row[1] == "PI-ZWOLLE")
    assert zwolle[5:7] == (0, 0) and zwolle[7] == 0  # a point whose copies drew nothing is listed
    edition = result["editions"].rows[0]
    assert edition[:7] == (2018, 48_000, 2, 1, 0.5, 0, 0)
    assert edition[7] == pytest.approx(2 / 48)


def test_point_without_copy_count_says_so(app, make_tip):
    make_tip(D(2018, 3, 1), edition=2018, point_code="UNKNOWN")
    result = compute(app)
    row = next(row for row in result["points"].rows if row[1] == "UNKNOWN")
    assert row[2] == "not in the edition file" and row[4] is None and row[7] is None
    assert any("no copy count" in note for note in result["points"].notes)


def test_featured_week_uplift_compares_the_case_with_itself(app, make_tip):
    # hanneke-smits-1975, featured in week 1 of 2018: window weeks 1-5 (5 weeks), other weeks 6-52 (47).
    for day in range(8):
        make_tip(D(2018, 1, 1) + datetime.timedelta(days=day * 3), edition=2018, case_id="hanneke-smits-1975")
    for week in (10, 20, 30, 40):
        make_tip(D.fromisocalendar(2018, week, 2), edition=2018, case_id="hanneke-smits-1975")
    # A case that drew many tips elsewhere does not change hanneke-smits-1975's ratio.
    for week in range(1, 40):
        make_tip(D.fromisocalendar(2018, week, 3), edition=2018, case_id="arie-van-der-linden-1990")
    rows = {row[1]: row for row in compute(app)["uplift"].rows}
    hanneke = rows["hanneke-smits-1975"]
    assert hanneke[2:7] == (1, 8, 5, 4, 47)
    assert hanneke[7] == pytest.approx((8 / 5) / (4 / 47))
    assert hanneke[8] > 1 and hanneke[10] == "more tips in the featured weeks"


def test_thin_case_is_too_few_to_say(app, make_tip):
    make_tip(D(2018, 1, 2), edition=2018, case_id="hanneke-smits-1975")
    row = compute(app)["uplift"].rows[0]
    assert row[7] is None and row[10].startswith("too few tips to say")


def test_handling_times(app, make_tip):
    start = D(2018, 5, 1)
    for days, closed in ((1, None), (3, 20), (10, 40)):
        make_tip(start, edition=2018, reviewed=start + datetime.timedelta(days=days),
                 closed=start + datetime.timedelta(days=closed) if closed else None,
                 messages=[("staff", start + datetime.timedelta(days=days))])
    make_tip(D(2026, 11, 28), edition=2018)  # open, 3 days old
    rows = {row[0]: row for row in compute(app)["handling"].rows}
    assert rows["first review"][1:] == (3, 3, 10, pytest.approx(2 / 3))
    assert rows["first reply"][1:4] == (3, 3, 10)
    assert rows["closing"][1:4] == (2, 20, 40)
    ages = dict(compute(app)["open_age"].rows)
    assert ages["0–7 days"] == 1 and ages["8–30 days"] == 0 and ages["over 365 days"] == 1


def test_returning_tipsters(app, make_tip):
    make_tip(D(2018, 5, 1), receipt_hash="a", messages=[("staff", D(2018, 5, 2)), ("tipster", D(2018, 5, 3))])
    make_tip(D(2018, 5, 1), receipt_hash="b", messages=[("staff", D(2018, 5, 2))])
    make_tip(D(2018, 5, 1))
    rows = {row[0]: row for row in compute(app)["returning"].rows}
    assert rows["tips with a receipt code"][1:3] == (2, 3)
    assert rows["receipt code used again to write"][1:] == (1, 2, 0.5)
    assert rows["tipster answered the team"][1:] == (1, 2, 0.5)


def test_calibration_needs_enough_graded_tips(app, make_tip):
    make_tip(D(2018, 5, 1), triage_score=80, outcome="usable")
    bands, summary = compute(app)["calibration"], compute(app)["score"]
    assert bands.rows == [] and "Not enough graded tips: 1" in bands.empty
    assert summary.rows == [("Graded tips with a score", 1)]


def test_calibration_auc_and_brier(app, make_tip):
    for index in range(40):
        usable = index % 4 == 0
        make_tip(D(2018, 5, 1), triage_score=90 if usable else 10, outcome="usable" if usable else "not_usable")
    result = compute(app)
    summary = dict(result["score"].rows)
    assert summary["Graded tips with a score"] == 40
    assert summary["ROC AUC (0.5 is chance, 1 is perfect)"] == 1.0
    assert summary["Brier score of score/100 (lower is better; 0.25 is a coin)"] == pytest.approx(0.01)
    assert result["calibration"].rows[0] == ("0–19", 30, 0, 0.0)


def test_dashboard_shows_every_section(analyst, make_tip):
    make_tip(D(2018, 3, 1), edition=2018, point_code="PI-VUGHT", outcome="usable", case_id="hanneke-smits-1975")
    page = analyst.get("/staff/yield/").get_data(as_text=True)
    for title in ("Editions side by side", "Per case", "Per ISO week", "Featured-week uplift per case",
                  "Per channel over time", "Per distribution point", "Handling times", "Tipsters coming back",
                  "Triage score calibration"):
        assert title in page
    # Charts are images drawn on the server: no script, nothing from another host.
    assert '<img src="/staff/yield/chart/editions.svg"' in page
    assert "<script" not in page and 'href="http' not in page and 'src="http' not in page
    chart = analyst.get("/staff/yield/chart/editions.svg")
    assert chart.mimetype == "image/svg+xml" and chart.get_data(as_text=True).startswith("<svg")
    assert analyst.get("/staff/yield/chart/returning.svg").status_code == 404  # a table without a chart


@pytest.mark.parametrize(("query", "message"), [
    ("edition=1999", "There is no edition 1999"),
    ("edition=99999999999999999999999", "is not an edition"),
    ("edition=20x8", "is not an edition"),
    ("since=2019-01-01&until=2018-01-01", "The date range is impossible"),
    ("since=2018-13-45", "is not a date"),
    ("until=99999-01-01", "is not a date"),
    ("since=1800-01-01", "lies outside"),
    ("channel=pigeon", "is not a channel"),
    ("kind=arson", "is not a kind of case"),
    ("point=%3Cscript%3E", "There is no distribution point"),
    ("unit=" + "x" * 500, "too long"),
])
def test_bad_filter_gives_a_message_and_the_way_back(analyst, query, message):
    response = analyst.get(f"/staff/yield/?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page and "Show all tips without a filter" in page
    assert "Editions side by side" in page  # the rest of the dashboard still shows


def test_good_filter_narrows_and_stays_in_the_links(analyst, make_tip):
    make_tip(D(2018, 3, 1), edition=2018, channel="phone")
    make_tip(D(2018, 3, 1), edition=2018, channel="letter")
    response = analyst.get("/staff/yield/?channel=phone&edition=2018")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "edition 2018, channel phone" in page
    assert "/staff/yield/editions.csv?edition=2018&amp;channel=phone" in page


def test_edition_without_tips_says_so(analyst):
    page = analyst.get("/staff/yield/?edition=2027").get_data(as_text=True)
    assert "Edition 2027 has no tips." in page
    assert "Not enough graded tips: 0" in page


def test_csv_for_excel_in_dutch_settings_and_audited(analyst, make_tip, app):
    make_tip(D(2018, 3, 1), edition=2018, point_code="PI-VUGHT", outcome="usable")
    make_tip(D(2018, 3, 2), edition=2018, outcome="not_usable")
    response = analyst.get("/staff/yield/editions.csv?edition=2018")
    body = response.get_data()
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # once: Excel reads the charset
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Edition;Copies printed;Tips;Usable;Usable %")
    assert lines[1] == "2018;48000;2;1;50,00;0;0;0,0417;0,0208"
    assert "Filter: edition 2018" in body.decode("utf-8")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
    assert event.target == "yield:editions" and event.params["filter"] == {"edition": "2018"}


@pytest.mark.parametrize("path", ["/staff/yield/editions.csv", "/staff/yield/report.pdf",
                                  "/staff/yield/chart/editions.svg"])
def test_a_download_with_a_wrong_filter_is_refused_in_words_not_exported_unfiltered(analyst, make_tip, path):
    make_tip(D(2018, 3, 1), edition=2018)
    response = analyst.get(path + "?since=notadate&channel=zzz")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "nothing was exported" in text
    assert "'notadate'" in text and "zzz" in text
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "export")) == 0


def test_unknown_csv_is_not_found(analyst):
    assert analyst.get("/staff/yield/nothing.csv").status_code == 404


def test_analyst_lands_on_the_dashboard(client, create_user):
    user = create_user("analyst")
    response = client.post("/staff/login", data={"email": user.email, "password": user.password})
    assert response.headers["Location"] == "/staff/yield/"


def test_investigator_still_lands_on_the_staff_page(client, create_user):
    user = create_user("print_staff")
    response = client.post("/staff/login", data={"email": user.email, "password": user.password})
    assert response.headers["Location"] == "/staff/"


def test_remembered_figures_follow_new_tips_and_grades(analyst, make_tip, app, create_user):
    from coldcase.audit import service as audit

    tip = make_tip(D(2018, 3, 1), edition=2018)
    first = analyst.get("/staff/yield/editions.csv").get_data().decode("utf-8-sig").splitlines()[1]
    assert first.startswith("2018;48000;1;0;")
    make_tip(D(2018, 3, 2), edition=2018)
    second = analyst.get("/staff/yield/editions.csv").get_data().decode("utf-8-sig").splitlines()[1]
    assert second.startswith("2018;48000;2;0;")
    # A grade is audited in its transaction; the audit event tells the dashboard to count again.
    from coldcase.review.models import TipReview
    db.session.add(TipReview(tip_id=tip.id, version=1, outcome="usable"))
    audit.record("test", audit.TIP_GRADED, audit.tip_target(tip), "graded")
    db.session.commit()
    third = analyst.get("/staff/yield/editions.csv").get_data().decode("utf-8-sig").splitlines()[1]
    assert third.startswith("2018;48000;2;1;")


def test_a_change_counts_again_only_its_edition(app, make_tip):
    from coldcase.analytics import memo, summaries
    from coldcase.review.models import TipReview

    library = store_for(app).library()
    make_tip(D(2017, 3, 1), edition=2017)
    tip = make_tip(D(2018, 3, 1), edition=2018, outcome="not_usable")
    memo.figures_for(YieldFilter(), library, TODAY)
    assert memo.last_recount(YieldFilter()) == ["all"]
    make_tip(D(2018, 3, 2), edition=2018)
    result = memo.figures_for(YieldFilter(), library, TODAY)
    assert memo.last_recount(YieldFilter()) == [2018]
    assert [row[:3] for row in result["editions"].rows] == [(2017, 30_000, 1), (2018, 48_000, 2)]
    db.session.get(TipReview, tip.id).outcome = "usable"  # graded again
    db.session.commit()
    result = memo.figures_for(YieldFilter(), library, TODAY)
    assert memo.last_recount(YieldFilter()) == [2018]
    assert [row[:4] for row in result["editions"].rows] == [(2017, 30_000, 1, 0), (2018, 48_000, 2, 1)]
    tip.edition = 2017  # moved: both editions change
    db.session.commit()
    memo.figures_for(YieldFilter(), library, TODAY)
    assert memo.last_recount(YieldFilter()) == [2017, 2018]
    summaries.rebuild(db.session)
    db.session.commit()
    memo.figures_for(YieldFilter(), library, TODAY)
    assert memo.last_recount(YieldFilter()) == ["all"]
    # Unchanged: the same figures, nothing counted.
    assert memo.figures_for(YieldFilter(), library, TODAY) is memo.figures_for(YieldFilter(), library, TODAY)


def test_a_date_filter_reads_only_the_changed_edition_again(app, make_tip):
    from coldcase.analytics import memo

    library = store_for(app).library()
    wanted = YieldFilter(since=D(2017, 1, 1))
    make_tip(D(2017, 3, 1), edition=2017, channel="letter")
    memo.figures_for(wanted, library, TODAY)
    make_tip(D(2018, 3, 2), edition=2018, channel="letter")
    result = memo.figures_for(wanted, library, TODAY)
    assert memo.last_recount(wanted) == [2018]
    assert [row[:3] for row in result["editions"].rows] == [(2017, 30_000, 1), (2018, 48_000, 1)]


def test_figures_after_a_change_equal_figures_computed_afresh(app, make_tip):
    # After a change only the changed edition's weeks are folded again; every table is as a fresh computation.
    from coldcase.analytics import memo

    library = store_for(app).library()
    make_tip(D(2017, 3, 1), edition=2017)
    make_tip(D(2018, 3, 1), edition=2018, outcome="usable")
    before = memo.figures_for(YieldFilter(), library, TODAY)
    make_tip(D(2018, 3, 6), edition=2018)
    make_tip(D(2018, 12, 31), edition=2018)  # outside the edition's weeks 1-52
    after = memo.figures_for(YieldFilter(), library, TODAY)
    assert after.folded[2017] is before.folded[2017] and after.folded[2018] is not before.folded[2018]
    fresh = figures.compute(YieldFilter(), library, TODAY)
    for key, table in fresh.tables.items():
        assert (after[key].rows, after[key].notes) == (table.rows, table.notes), key
