"""The conversation never dead-ends: a tipster's message on any tip, closed or not, reaches an investigator."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from sqlalchemy import func, select

from coldcase.audit import service as audit
from coldcase.audit.models import AuditEvent
from coldcase.extensions import db
from coldcase.tips.intake import TipInput, add_staff_tip
from coldcase.tips.models import Tip, TipMessage


@pytest.fixture
def tip_with_code(app, create_user):
    """A tip with a receipt code, as staff enter one from a phone call: returns (tip, code)."""
    clerk = create_user("investigator")
    data = TipInput(text="Ik zag een blauwe auto bij de gracht, die avond laat, met twee mannen erin.",
                    channel="phone", created_at=datetime.date(2026, 11, 20))
    return add_staff_tip(data, clerk, with_receipt=True)


def _close(client, tip, reason="no_lead"):
    from coldcase.review.grading import review_for

    client.get(f"/staff/review/tips/{tip.number}")
    version = review_for(tip).version
    response = client.post(f"/staff/review/tips/{tip.number}/review", data={
        "version": version, "source_grade": "", "information_grade": "", "outcome": "", "status": "in_review",
        "close_reason": "", "assignee": "", "tags": ""})
    assert response.status_code == 302
    version = review_for(tip).version
    response = client.post(f"/staff/review/tips/{tip.number}/review", data={
        "version": version, "source_grade": "", "information_grade": "", "outcome": "", "status": "closed",
        "close_reason": reason, "assignee": "", "tags": ""})
    assert response.status_code == 302


def test_a_tipster_answering_a_closed_tip_puts_it_at_the_top_of_the_queue_unread(
        client, second_client, login_as, make_tip, tip_with_code):
    tip, code = tip_with_code
    login_as("investigator")
    for score in (90, 80, 70):  # better-scored tips that nobody has to answer
        make_tip(triage_score=score)
    _close(client, tip)
    assert db.session.get(Tip, tip.id).status == "closed"
    assert tip.number not in client.get("/staff/review/").get_data(as_text=True)

    with time_machine.travel(datetime.datetime(2026, 11, 25, 14, 47, tzinfo=datetime.UTC)):
        answer = second_client.post("/tips/status?lang=en", data={"code": code, "message": "It was a Volvo."})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "marked unread for the investigators" in page
    assert "also if they had closed your tip" in page  # the page promises what happens

    db.session.expire_all()
    tip = db.session.get(Tip, tip.id)
    assert (tip.status, tip.unread, tip.waiting_for) == ("in_review", True, "us")
    message = db.session.scalars(select(TipMessage).where(TipMessage.tip_id == tip.id)).one()
    # Kept to the hour only: a time to the minute could single the tipster out.
    assert message.sent_at.replace(tzinfo=datetime.UTC) == datetime.datetime(2026, 11, 25, 14, 0, tzinfo=datetime.UTC)

    queue = client.get("/staff/review/").get_data(as_text=True)
    first_row = queue.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert tip.number in first_row and "unread message" in first_row
    assert "1 tip has a message from the tipster that nobody has read yet" in queue
    # The staff menu counts unread tips on every staff page.
    assert 'class="badge badge--count"' in client.get("/staff/").get_data(as_text=True)

    history = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert "status closed → in review: the tipster wrote again" in history
    assert "It was a Volvo." in history
    reopened = db.session.scalars(select(AuditEvent).where(AuditEvent.action == audit.TIP_STATUS)
                                  .order_by(AuditEvent.id.desc())).first()
    assert reopened.actor_label == "tipster" and reopened.params["cause"] == "tipster_message"
    # Opening the tip reads it: the marker and the count go.
    db.session.expire_all()
    assert db.session.get(Tip, tip.id).unread is False
    assert 'class="badge badge--count"' not in client.get("/staff/").get_data(as_text=True)


def test_the_queue_filters_whose_turn_it_is(client, second_client, login_as, make_tip, tip_with_code):
    tip, code = tip_with_code
    login_as("investigator")
    quiet = make_tip(text="Niemand heeft hier iets over geschreven, het is een rustige tip zonder gesprek.")
    asked = make_tip(text="Hier heeft het team een vraag gesteld en wacht het nog op antwoord van de tipgever.")
    client.post(f"/staff/review/tips/{asked.number}/reply", data={"message": "Welke kleur had de jas?"})
    second_client.post("/tips/status", data={"code": code, "message": "Nog iets: het was rond middernacht."})
    for_us = client.get("/staff/review/?waiting=us").get_data(as_text=True)
    for_them = client.get("/staff/review/?waiting=tipster").get_data(as_text=True)
    assert tip.number in for_us and asked.number not in for_us and quiet.number not in for_us
    assert asked.number in for_them and tip.number not in for_them and quiet.number not in for_them
    # An unknown value filters nothing rather than failing; a NUL is refused by the input layer with a message.
    assert client.get("/staff/review/?waiting=nobody").status_code == 200
    assert client.get("/staff/review/?waiting=%00nobody").status_code == 400


def test_a_message_to_a_purged_tip_still_reaches_the_team(app, client, second_client, login_as, tip_with_code):
    from coldcase.review.retention import purge

    tip, code = tip_with_code
    login_as("investigator")
    _close(client, tip)
    purge("command line", now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=800))
    db.session.commit()
    response = second_client.post("/tips/status", data={"code": code, "message": "Ik ben het weer."})
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Tip, tip.id).status == "in_review" and db.session.get(Tip, tip.id).unread


def test_a_too_long_message_changes_nothing(client, second_client, login_as, tip_with_code):
    tip, code = tip_with_code
    login_as("investigator")
    _close(client, tip)
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    response = second_client.post("/tips/status", data={"code": code, "message": "x" * 20_001})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Tip, tip.id).status == "closed" and not db.session.get(Tip, tip.id).unread
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_reply_to_a_tampered_tip_number_is_a_404_and_writes_nothing(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip()
    before = db.session.scalar(select(func.count()).select_from(TipMessage))
    for number in ("T-NOPE-NOPE", "../" + tip.number, "x" * 500):
        response = client.post(f"/staff/review/tips/{number}/reply", data={"message": "Hallo"})
        assert response.status_code == 404
    # A NUL in the address is refused before any view (coldcase/web_input.py).
    assert client.post(f"/staff/review/tips/{tip.number}%00/reply", data={"message": "Hallo"}).status_code == 400
    assert db.session.scalar(select(func.count()).select_from(TipMessage)) == before
