"""The kept yield counts: every write through the services updates them in its own transaction, and they equal
both a rebuild from scratch and the plain GROUP BY queries over the tips."""

import datetime

import pytest
from sqlalchemy import delete, event, text

from coldcase.analytics import kept, queries, summaries
from coldcase.analytics.summary_models import YieldCell, YieldTipFact
from coldcase.extensions import db
from coldcase.review import grading, retention, triage
from coldcase.tips import conversation, intake
from coldcase.tips.scoring import Score


def _sorted(counts):
    return {name: sorted(rows, key=repr) for name, rows in counts.items()}


def _kept():
    return _sorted(kept.count(db.session, queries.Scope()))


def _grouped():
    return _sorted(queries.count_grouped(queries.Scope()))


def _change(status="in_review", outcome=None, close_reason=None):
    return grading.ReviewChange(source_grade="B" if outcome else None, information_grade=2 if outcome else None,
                                outcome=outcome, status=status, close_reason=close_reason, assignee_id=None)


def _input(day, **fields):
    fields.setdefault("channel", "letter")
    return intake.TipInput(text="Ik zag een rode auto bij de dijk.", how_known="saw", created_at=day, **fields)


@pytest.fixture
def mixed_history(app, create_user, monkeypatch):
    """Tips written and changed every way the app writes them; returns the tips."""
    user = create_user("investigator")
    tips = intake.add_staff_tips([
        _input(datetime.date(2018, 3, 5), edition=2018, case_id="case-a", point_code="PI-01"),
        _input(datetime.date(2018, 3, 7), edition=2018, case_id="case-a", channel="visit"),
        _input(datetime.date(2018, 9, 1), edition=2018, case_id="case-b", point_code="PI-02"),
        _input(datetime.date(2019, 1, 8), edition=2019, case_id="case-c"),
        _input(datetime.date(2019, 2, 1)),  # no edition, no case
    ], user)
    web, _code = intake.add_staff_tip(_input(datetime.date(2019, 2, 3), edition=2019, channel="phone"), user,
                                      with_receipt=True)
    tips.append(web)
    first, second, third, fourth, loose, _ = tips

    def save(tip, change):
        grading.save_review(tip, user, grading.review_for(tip).version, change)
        db.session.commit()

    grading.record_view(first, user)  # the first look: a bulk UPDATE of the review
    db.session.commit()
    save(first, _change(outcome="usable"))
    save(first, _change(outcome="reopened"))  # regraded
    save(second, _change(outcome="not_usable"))
    save(second, _change("closed", "not_usable", "no_lead"))
    save(second, _change("in_review", "not_usable"))  # opened again
    save(third, _change("closed", "usable", "passed_on"))
    grading.move_to_case(fourth, user, grading.review_for(fourth).version, "case-a", {"case-a", "case-b"})
    db.session.commit()
    conversation.add_staff_message(web, user, "Welke kleur had de auto?")
    db.session.commit()
    conversation.add_tipster_message(web, "Rood.")
    db.session.commit()
    retention.purge("system", now=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    db.session.commit()
    monkeypatch.setattr(triage, "score_stored_tip", lambda tip, weights: Score(value=tip.id * 7 % 101,
                                                                                        reasons=()))
    triage.rescore_all()
    db.session.delete(loose)  # a tip erased altogether
    db.session.commit()
    return tips


def test_the_kept_counts_follow_every_write(mixed_history):
    kept = _kept()
    assert kept == _grouped()
    assert kept["editions"] == [(2018, 3, 3, 2, 1, 0), (2019, 2, 0, 0, 0, 0)]
    assert kept["returning"] == [(2018, 3, 0, 0, 0, 0), (2019, 2, 1, 1, 1, 1)]
    assert (2019, "case-a", 1, 0, 0, 0, 0) in kept["cases"]  # moved from case-c
    assert not any(row[1] == "case-c" for row in kept["cases"])
    assert sum(row[2] for row in kept["review_days"]) == 1  # only the first tip was looked at


def test_a_rebuild_gives_the_same_counts(mixed_history):
    kept = _kept()
    summaries.rebuild(db.session)
    db.session.commit()
    assert _kept() == kept


def test_a_rolled_back_change_leaves_the_counts(app, make_tip):
    tip = make_tip(datetime.date(2018, 3, 5), edition=2018)
    before = _kept()
    tip.edition = 2019
    db.session.flush()
    db.session.rollback()
    make_tip(datetime.date(2018, 3, 6), edition=2018)
    assert _kept()["editions"] == [(2018, 2, 0, 0, 0, 0)] != before["editions"]
    assert _kept() == _grouped()


def test_the_rebuild_command_counts_tips_written_outside_the_app(app, make_tip):
    make_tip(datetime.date(2018, 3, 5), edition=2018)
    db.session.execute(text("UPDATE tips SET edition = 2019"))  # not through the ORM: not seen
    db.session.commit()
    assert _kept()["editions"] == [(2018, 1, 0, 0, 0, 0)]
    result = app.test_cli_runner().invoke(args=["yield", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Counted the yield figures again from 1 tips" in result.output
    assert _kept()["editions"] == [(2019, 1, 0, 0, 0, 0)] == _grouped()["editions"]


def test_a_rebuild_of_nothing_leaves_nothing(app, make_tip):
    make_tip(datetime.date(2018, 3, 5), edition=2018)
    db.session.execute(delete(YieldCell))
    db.session.execute(delete(YieldTipFact))
    db.session.commit()
    assert all(rows == [] for rows in _kept().values())
    db.session.execute(text("DELETE FROM tips"))
    summaries.rebuild(db.session)
    db.session.commit()
    assert all(rows == [] for rows in _kept().values())


@pytest.mark.parametrize("query", ["", "?since=2018-03-06", "?kind=homicide", "?channel=letter&since=2018-03-06"])
def test_the_dashboard_reads_counts_not_tips(app, make_tip, analyst, query):
    for day in (datetime.date(2018, 3, 5), datetime.date(2018, 4, 2), datetime.date(2019, 1, 8)):
        make_tip(day, edition=day.year, outcome="usable", reviewed=day, closed=day)
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        seen.append(" ".join(statement.lower().split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        response = analyst.get(f"/staff/yield/{query}")
        make_tip(datetime.date(2019, 1, 9), edition=2019)  # a change: the page must still not count tips
        seen.clear()
        again = analyst.get(f"/staff/yield/{query}")
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert response.status_code == 200 and again.status_code == 200
    assert seen and not [s for s in seen if "group by" in s and ("from tips" in s or "tip_reviews" in s)]
    assert any("from yield_cells" in s or "from yield_tip_facts" in s for s in seen)


D = datetime.date
#: Filters along one dimension read slices of the cells (a set of cases: its cases' slices; dates: the whole
#: months, and the days of a cut month from the fact rows); along two or more, the fact rows alone.
FILTERED = [
    {}, {"channel": "letter"}, {"channel": "phone"}, {"point": "PI-01"}, {"point": "PI-02", "edition": 2018},
    {"edition": 2019},
    {"since": D(2018, 3, 1)}, {"since": D(2018, 3, 6)}, {"until": D(2018, 9, 1)}, {"until": D(2019, 1, 31)},
    {"since": D(2018, 3, 6), "until": D(2018, 3, 31)}, {"since": D(2018, 3, 7), "until": D(2018, 3, 7)},
    {"since": D(2018, 3, 2), "until": D(2019, 2, 2)}, {"since": D(2018, 4, 1), "until": D(2018, 8, 31)},
    {"since": D(2018, 3, 6), "edition": 2018}, {"since": D(2018, 1, 1), "until": D(2019, 12, 31)},
    {"cases": {"case-a"}}, {"cases": {"case-a", "case-b"}}, {"cases": set()}, {"cases": {"case-b"}, "edition": 2018},
    {"cases": {"case-a"}, "since": D(2018, 3, 6)}, {"channel": "letter", "point": "PI-01"},
    {"channel": "visit", "point": "PI-01"}, {"point": "PI-02", "until": D(2018, 12, 31)},
    {"channel": "letter", "since": D(2018, 9, 1)}, {"channel": "letter", "cases": {"case-a", "case-b"}},
    # A channel, point or set of cases with dates covering most of an edition's year: its slice less the fact
    # rows outside the range, for the editions counted again after a change.
    {"cases": {"case-a", "case-b"}, "since": D(2018, 1, 15), "until": D(2018, 11, 30)},
    {"channel": "letter", "until": D(2019, 6, 30)}, {"cases": set(), "since": D(2018, 1, 1)},
    {"point": "PI-01", "since": D(2017, 6, 1)}, {"cases": {"case-a"}, "since": D(2018, 3, 6), "edition": 2018},
]


def _scope(wanted: dict) -> queries.Scope:
    wanted = dict(wanted)
    cases = wanted.pop("cases", None)
    return queries.Scope(queries.YieldFilter(**wanted), None if cases is None else frozenset(cases))


@pytest.mark.parametrize("wanted", FILTERED, ids=repr)
def test_every_filter_reads_the_same_counts_as_the_plain_queries(mixed_history, wanted):
    scope = _scope(wanted)
    assert _sorted(queries.count_all(scope)) == _sorted(queries.count_grouped(scope))
    # As the remembered figures ask after a change: some editions only (None: the tips of no edition).
    for editions in ((2018, None), (2018, 2019)):
        some = queries.Scope(scope.wanted, scope.case_ids, editions=editions)
        assert _sorted(queries.count_all(some)) == _sorted(queries.count_grouped(some))


def test_the_filters_find_what_the_tips_hold(mixed_history):
    def tips(**wanted):
        return sorted((row[0], row[1]) for row in queries.count_all(_scope(wanted))["editions"])

    assert tips(channel="letter") == [(2018, 2), (2019, 1)]
    assert tips(since=D(2018, 3, 6)) == [(2018, 2), (2019, 2)]
    assert tips(since=D(2018, 3, 6), until=D(2018, 3, 31)) == [(2018, 1)]
    assert tips(since=D(2018, 4, 1), until=D(2018, 8, 31)) == []
    assert tips(cases={"case-a"}) == [(2018, 2), (2019, 1)]  # the 2019 tip was moved to case-a
    assert tips(cases={"case-a"}, since=D(2018, 3, 6)) == [(2018, 1), (2019, 1)]
    assert tips(cases=set()) == []
    assert tips(channel="letter", point="PI-02") == [(2018, 1)]


def test_filters_read_kept_counts_never_the_tips(mixed_history):
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        seen.append(" ".join(statement.lower().split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        for wanted in FILTERED:
            queries.count_all(_scope(wanted))
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert len(seen) == len(FILTERED)  # one statement each
    assert not [statement for statement in seen if "from tips" in statement or "tip_reviews" in statement]


def test_a_date_range_of_whole_months_reads_only_cells(mixed_history):
    db.session.execute(delete(YieldTipFact))  # so that reading the fact rows would find nothing
    db.session.commit()
    whole = _scope({"since": D(2018, 3, 1), "until": D(2018, 9, 30)})
    assert [row[:2] for row in queries.count_all(whole)["editions"]] == [(2018, 3)]
    cut = _scope({"since": D(2018, 3, 6), "until": D(2018, 9, 30)})
    assert [row[:2] for row in queries.count_all(cut)["editions"]] == [(2018, 1)]  # March's days are not there


def test_the_first_look_counts_without_touching_the_tip(app, make_tip, create_user):
    # Acknowledging is a bulk UPDATE of the review alone: the tip itself is not changed in the session.
    tip = make_tip(datetime.date(2018, 3, 5), edition=2018)
    grading.review_for(tip)
    db.session.commit()
    grading.record_view(tip, create_user("investigator"))
    db.session.commit()
    assert sum(row[2] for row in _kept()["review_days"]) == 1
    assert _kept() == _grouped()


def test_the_migration_counts_the_tips_already_stored(tmp_path):
    from flask_migrate import upgrade

    from coldcase import create_app

    url = f"sqlite:///{tmp_path / 'old.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "migrate", "INSTANCE_PATH": tmp_path})
    with app.app_context():
        upgrade(revision="0008")
        db.session.execute(text(
            "INSERT INTO tips (uuid, number, channel, edition, text, how_known, when_where, status, created_at) "
            "VALUES ('u-1', 'T-OLD-1', 'letter', 2018, 'x', 'saw', '', 'new', '2018-03-05')"))
        db.session.commit()
        upgrade()
        assert kept.count(db.session, queries.Scope())["editions"] == [(2018, 1, 0, 0, 0, 0)]
        assert kept.count(db.session, queries.Scope()) == queries.count_grouped(queries.Scope())
        db.session.remove()


def test_the_migration_adds_the_case_and_month_slices_to_counts_already_kept(tmp_path):
    from flask_migrate import upgrade

    from coldcase import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'kept.db'}", "SECRET_KEY": "migrate",
                      "INSTANCE_PATH": tmp_path})
    with app.app_context():
        upgrade(revision="0009")
        db.session.execute(text(
            "INSERT INTO tips (uuid, number, channel, edition, case_id, text, how_known, when_where, status, "
            "created_at) VALUES ('u-1', 'T-OLD-1', 'letter', 2018, 'case-a', 'x', 'saw', '', 'new', '2018-03-05')"))
        db.session.commit()
        summaries.rebuild(db.session)
        # As 0009's code kept them: no case or month slices.
        db.session.execute(text("DELETE FROM yield_cells WHERE part LIKE 'case=%' OR part LIKE 'month=%'"))
        db.session.commit()
        upgrade()
        for wanted in ({"cases": {"case-a"}}, {"since": D(2018, 3, 1), "until": D(2018, 3, 31)}):
            assert queries.count_all(_scope(wanted))["editions"] == [(2018, 1, 0, 0, 0, 0)]
        db.session.remove()


def test_a_case_id_of_the_longest_length_is_kept_as_a_slice(app, make_tip):
    longest = "c" * 64
    make_tip(D(2018, 3, 5), edition=2018, case_id=longest)
    scope = _scope({"cases": {longest}})
    assert queries.count_all(scope)["cases"] == [(2018, longest, 1, 0, 0, 0, 0)]
    assert _sorted(queries.count_all(scope)) == _sorted(queries.count_grouped(scope))



def test_a_slice_with_dates_over_most_of_a_year_reads_the_slice_less_the_days_outside(mixed_history):
    wanted = {"cases": {"case-a"}, "since": D(2018, 3, 6)}
    scope = _scope(wanted)
    [(how, editions)] = kept._plans(scope, [2018])
    assert editions == [2018] and how.cells is not None and how.minus is not None and how.facts is None
    # An edition whose year lies mostly outside the range reads the fact rows in it.
    assert kept._plans(_scope({"channel": "letter", "since": D(2018, 9, 1)}), [2018])[0][0].minus is None
    some = queries.Scope(scope.wanted, scope.case_ids, editions=(2018,))
    assert [row[:2] for row in queries.count_all(some)["editions"]] == [(2018, 1)]
