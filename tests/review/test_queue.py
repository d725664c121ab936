"""The queue: order, filters, tips nobody opened, pages, and a fixed number of SQL statements per page."""

import datetime

import pytest
from sqlalchemy import event

from coldcase.extensions import db
from coldcase.review import grading
from coldcase.review.queue import QueueFilter, overdue_count, queue_page

TODAY = datetime.date(2027, 3, 15)


def numbers(page):
    return [row.tip.number for row in page.rows]


def test_open_tips_come_by_score_then_age_and_unscored_last(app, make_tip):
    make_tip(number="T-OLD-LOW", triage_score=10, created_at=TODAY - datetime.timedelta(days=3))
    make_tip(number="T-NEW-HIGH", triage_score=80, created_at=TODAY)
    make_tip(number="T-OLD-HIGH", triage_score=80, created_at=TODAY - datetime.timedelta(days=1))
    make_tip(number="T-UNSCORED", triage_score=None)
    make_tip(number="T-CLOSED", triage_score=99, status="closed")
    assert numbers(queue_page(today=TODAY)) == ["T-OLD-HIGH", "T-NEW-HIGH", "T-OLD-LOW", "T-UNSCORED"]
    assert numbers(queue_page(QueueFilter(status="closed"), today=TODAY)) == ["T-CLOSED"]


def test_filters_narrow_the_queue(app, make_tip, create_user):
    investigator = create_user("investigator")
    a = make_tip(number="T-A", case_id="case-a", edition=2027, channel="web", point_code="PI-01", triage_score=70)
    make_tip(number="T-B", case_id="case-b", edition=2026, channel="phone", triage_score=40)
    make_tip(number="T-C", triage_score=20)
    review = grading.review_for(a)
    review.assignee_id, review.source_grade, review.information_grade, review.outcome = investigator.id, "B", 2, "usable"
    db.session.commit()
    cases = {
        QueueFilter(case_id="case-a"): ["T-A"],
        QueueFilter(case_id="-"): ["T-C"],
        QueueFilter(edition=2026): ["T-B"],
        QueueFilter(channel="phone"): ["T-B"],
        QueueFilter(point_code="PI-01"): ["T-A"],
        QueueFilter(assignee_id=investigator.id): ["T-A"],
        QueueFilter(assignee_id=0): ["T-B", "T-C"],
        QueueFilter(min_score=30, max_score=60): ["T-B"],
        QueueFilter(grade="B"): ["T-A"],
        QueueFilter(grade="b2"): ["T-A"],
        QueueFilter(grade="C"): [],
        QueueFilter(outcome="usable"): ["T-A"],
        QueueFilter(outcome="-"): ["T-B", "T-C"],
        QueueFilter(status="new"): ["T-A", "T-B", "T-C"],
    }
    for wanted, expected in cases.items():
        assert numbers(queue_page(wanted, today=TODAY)) == expected, wanted


def test_tips_nobody_opened_for_seven_days_stand_out(client, login_as, make_tip, time_machine):
    # Frozen (at noon, so that the day is the same in any time zone near UTC): the ages of the tips are counted
    # in days from today, and midnight between making them and reading the queue would shift them by one.
    time_machine.move_to(datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC), tick=False)
    login_as("investigator")
    today = datetime.date(2026, 11, 22)
    late = make_tip(number="T-LATE", created_at=today - datetime.timedelta(days=7), triage_score=10)
    make_tip(number="T-FRESH", created_at=today - datetime.timedelta(days=6), triage_score=20)
    page = queue_page()
    assert {row.tip.number: row.overdue for row in page.rows} == {"T-LATE": True, "T-FRESH": False}
    html = client.get("/staff/review/").get_data(as_text=True)
    assert "not opened after 7 days" in html and "1 new tip waited 7 days or more" in html
    client.get(f"/staff/review/tips/{late.number}")  # opening it acknowledges it
    assert overdue_count() == 0 and not queue_page().rows[1].overdue


def test_the_queue_is_paginated_and_keeps_its_filters(client, login_as, make_tip):
    login_as("investigator")
    for score in range(60):
        make_tip(number=f"T-P{score:03d}", triage_score=score, channel="letter")
    first = client.get("/staff/review/?channel=letter").get_data(as_text=True)
    assert "T-P059" in first and "T-P009" not in first
    assert 'href="/staff/review/?page=2&amp;channel=letter"' in first
    second = client.get("/staff/review/?channel=letter&page=2").get_data(as_text=True)
    assert "T-P009" in second and "T-P059" not in second and "Next page" not in second


def test_a_page_costs_the_same_number_of_queries_however_many_tips_it_shows(app, client, login_as, make_tip,
                                                                             create_user):
    login_as("investigator")
    helpers = [create_user("investigator") for _ in range(3)]

    def count_queries():
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/staff/review/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    for index in range(3):
        tip = make_tip(number=f"T-Q{index}", triage_score=index)
        grading.review_for(tip).assignee_id = helpers[index].id
    db.session.commit()
    few = count_queries()
    for index in range(3, 50):
        tip = make_tip(number=f"T-Q{index}", triage_score=index)
        grading.review_for(tip).assignee_id = helpers[index % 3].id
        db.session.add_all([])
    db.session.commit()
    assert count_queries() == few <= 10


HUGE = "99999999999999999999"


@pytest.mark.parametrize("name", ["page", "min_score", "max_score", "edition", "assignee"])
def test_huge_numbers_in_the_queue_filters_are_ignored(client, login_as, make_tip, name):
    login_as("investigator")
    tip = make_tip(triage_score=40)
    for value in (HUGE, "-" + HUGE, str(2**31), "1e400"):
        response = client.get("/staff/review/", query_string={name: value})
        assert response.status_code == 200, (name, value)
        assert tip.number in response.get_data(as_text=True)


def test_a_page_far_beyond_the_queue_is_empty_not_an_error(client, login_as, make_tip):
    login_as("investigator")
    make_tip(triage_score=40)
    assert client.get("/staff/review/", query_string={"page": str(2**31 - 1)}).status_code == 200
