"""The review workspace from an investigator's chair: queue, tip page, grading, replies, closing, conflicts."""


import pyotp
import pytest
from sqlalchemy import select

from coldcase.audit.models import AuditEvent
from coldcase.extensions import db
from coldcase.review.models import TipLink, TipNote, TipReview, TipTag
from coldcase.tips.models import Tip, TipMessage


def audit_actions(target=None):
    query = select(AuditEvent).order_by(AuditEvent.id)
    if target:
        query = query.where(AuditEvent.target == target)
    return [e.action for e in db.session.scalars(query)]


def review_form(tip, **changes):
    version = db.session.get(TipReview, tip.id).version
    data = {"version": str(version), "source_grade": "", "information_grade": "", "outcome": "",
            "status": tip.status, "close_reason": "", "assignee": "", "tags": ""}
    data.update(changes)
    return data


def test_an_investigator_takes_the_top_tip_grades_replies_and_closes_it(client, create_user, make_tip):
    make_tip("A weaker tip that arrived first.", triage_score=20)
    top = make_tip("Ik zag Piet Bakker aan de Stadsgracht.", triage_score=75,
                   triage_reasons=["+15 names a place from the case: Stadsgracht", "+5 names someone: Piet Bakker"])
    user = create_user("investigator", totp_secret=pyotp.random_base32())
    client.post("/staff/login", data={"email": user.email, "password": user.password})
    client.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})

    queue = client.get("/staff/review/").get_data(as_text=True)
    assert queue.index(top.number) < queue.index("A weaker tip")

    page = client.get(f"/staff/review/tips/{top.number}").get_data(as_text=True)
    assert "+15</strong> <span>names a place from the case: Stadsgracht</span>" in page
    assert '<span class="points">55</span> <span>starting value</span>' in page

    response = client.post(f"/staff/review/tips/{top.number}/review",
                           data=review_form(top, source_grade="F", information_grade="2", outcome="usable",
                                            status="in_review", assignee=str(user.id), tags="vehicle, Alibi"))
    assert response.status_code == 302
    response = client.post(f"/staff/review/tips/{top.number}/reply",
                           data={"message": "Dank u. Welke kleur had de auto?"})
    assert response.status_code == 302
    response = client.post(f"/staff/review/tips/{top.number}/review",
                           data=review_form(top, source_grade="F", information_grade="2", outcome="usable",
                                            status="closed", close_reason="passed_on", assignee=str(user.id),
                                            tags="vehicle, alibi"))
    assert response.status_code == 302

    db.session.expire_all()
    tip = db.session.get(Tip, top.id)
    review = db.session.get(TipReview, top.id)
    assert tip.status == "closed" and review.close_reason == "passed_on"
    assert review.grade == "F2" and review.outcome == "usable" and review.assignee_id == user.id
    assert sorted(db.session.scalars(select(TipTag.tag))) == ["alibi", "vehicle"]
    assert [m.body for m in tip.messages] == ["Dank u. Welke kleur had de auto?"]
    assert audit_actions() == ["login", "tip_viewed", "tip_graded", "tip_assigned", "tip_status", "tip_tagged",
                               "tip_replied", "tip_status"]
    page = client.get(f"/staff/review/tips/{top.number}").get_data(as_text=True)
    assert "status in review → closed (passed on)" in page and "Dank u. Welke kleur" in page


def test_a_stale_form_is_a_conflict_and_shows_the_first_change(app, client, second_client, create_user, make_tip):
    tip = make_tip()
    first = create_user("investigator", totp_secret=pyotp.random_base32())
    second = create_user("investigator", totp_secret=pyotp.random_base32())
    for browser, user in ((client, first), (second_client, second)):
        browser.post("/staff/login", data={"email": user.email, "password": user.password})
        browser.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
    client.get(f"/staff/review/tips/{tip.number}")
    second_client.get(f"/staff/review/tips/{tip.number}")
    seen = review_form(tip)  # both forms were rendered at this version

    assert client.post(f"/staff/review/tips/{tip.number}/review",
                       data={**seen, "source_grade": "B", "information_grade": "2"}).status_code == 302
    response = second_client.post(f"/staff/review/tips/{tip.number}/review",
                                  data={**seen, "source_grade": "E", "information_grade": "5"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f"Not saved: {first.email} changed this tip" in page
    assert 'id="tip-grade">B2' in page and '<option selected value="B">' in page
    db.session.expire_all()
    assert db.session.get(TipReview, tip.id).grade == "B2"


@pytest.mark.parametrize("changes, message", [
    ({"status": "closed"}, "Say why the tip is closed."),
    ({"status": "follow_up"}, "A tip that is new cannot go to follow-up."),
    ({"close_reason": "spam"}, "only given when the tip is closed"),
    ({"source_grade": "G"}, "nothing was saved"),
])
def test_rules_of_grading_and_status_are_explained_and_nothing_is_saved(client, login_as, make_tip, changes,
                                                                          message):
    login_as("investigator")
    tip = make_tip()
    client.get(f"/staff/review/tips/{tip.number}")
    response = client.post(f"/staff/review/tips/{tip.number}/review", data=review_form(tip, **changes))
    assert response.status_code in (400, 422)
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Tip, tip.id).status == "new" and db.session.get(TipReview, tip.id).version == 1


def test_tips_are_assigned_only_to_active_investigators(client, login_as, create_user, make_tip):
    login_as("investigator")
    analyst = create_user("analyst")
    tip = make_tip()
    client.get(f"/staff/review/tips/{tip.number}")
    response = client.post(f"/staff/review/tips/{tip.number}/review", data=review_form(tip, assignee=str(analyst.id)))
    assert response.status_code == 422 and "only be assigned to active investigators" in response.get_data(as_text=True)


def test_tip_text_is_shown_escaped(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip("<script>alert('x')</script> en <b>vet</b>")
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_unknown_tip_numbers_are_not_found(client, login_as):
    login_as("investigator")
    assert client.get("/staff/review/tips/T-NOPE-NOPE").status_code == 404
    assert client.post("/staff/review/tips/T-NOPE-NOPE/review", data={}).status_code == 404
    assert client.post("/staff/review/tips/T-NOPE-NOPE/reply", data={"message": "x"}).status_code == 404


def test_private_notes_are_kept_apart_from_the_conversation(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip()
    assert client.post(f"/staff/review/tips/{tip.number}/notes", data={"body": "Check alibi of the brother."}
                       ).status_code == 302
    assert client.post(f"/staff/review/tips/{tip.number}/notes", data={"body": "  "}).status_code == 400
    assert db.session.scalar(select(TipNote.body)) == "Check alibi of the brother."
    assert db.session.scalars(select(TipMessage)).all() == []
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert "private note by" in page and "Check alibi of the brother." in page


def test_an_empty_reply_is_refused(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip()
    response = client.post(f"/staff/review/tips/{tip.number}/reply", data={"message": ""})
    assert response.status_code == 400 and "Write the reply first." in response.get_data(as_text=True)


def test_tips_can_be_linked_once_and_not_to_themselves(client, login_as, make_tip):
    login_as("investigator")
    one, two = make_tip(), make_tip("Another tip about the same car and the same night, seen elsewhere.")
    assert client.post(f"/staff/review/tips/{two.number}/links", data={"number": one.number.lower()}
                       ).status_code == 302
    assert "linked already" in client.post(f"/staff/review/tips/{one.number}/links",
                                           data={"number": two.number}).get_data(as_text=True)
    assert "cannot be linked to itself" in client.post(f"/staff/review/tips/{one.number}/links",
                                                       data={"number": one.number}).get_data(as_text=True)
    assert "There is no tip" in client.post(f"/staff/review/tips/{one.number}/links",
                                            data={"number": "T-XXXX"}).get_data(as_text=True)
    link = db.session.scalar(select(TipLink))
    assert (link.tip_id, link.other_tip_id) == (one.id, two.id)
    assert two.number in client.get(f"/staff/review/tips/{one.number}").get_data(as_text=True)


def test_a_general_tip_moves_to_its_case(app, client, login_as, make_tip):
    from coldcase.cases.store import store_for

    case_id, other_case = sorted(store_for(app).library().cases)[:2]
    login_as("investigator")
    tip = make_tip()
    client.get(f"/staff/review/tips/{tip.number}")
    version = str(db.session.get(TipReview, tip.id).version)
    assert client.post(f"/staff/review/tips/{tip.number}/case", data={"version": version, "case_id": "no-such"}
                       ).status_code == 400
    assert client.post(f"/staff/review/tips/{tip.number}/case", data={"version": version, "case_id": case_id}
                       ).status_code == 302
    db.session.expire_all()
    assert db.session.get(Tip, tip.id).case_id == case_id
    # The old form is stale now.
    assert client.post(f"/staff/review/tips/{tip.number}/case", data={"version": version, "case_id": other_case}
                       ).status_code == 409


def test_staff_record_a_tip_from_the_phone_through_intake(client, login_as):
    user = login_as("investigator")
    response = client.post("/staff/review/new", data={"channel": "phone", "text": "Beller zegt: de broer wist het.",
                                                      "how_known": "heard", "with_receipt": "y"})
    assert response.status_code == 200
    tip = db.session.scalar(select(Tip))
    assert tip.channel == "phone" and tip.entered_by_id == user.id and tip.receipt_hash
    assert "tip_entered" in audit_actions(f"tip:{tip.number}")
    bad = client.post("/staff/review/new", data={"channel": "phone", "text": "x", "edition": "1850"})
    assert bad.status_code == 400 and "edition &#39;1850&#39; is unknown" in bad.get_data(as_text=True)


def test_huge_numbers_posted_to_the_forms_are_reported_not_a_server_error(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip()
    client.get(f"/staff/review/tips/{tip.number}")
    huge = "99999999999999999999"
    response = client.post(f"/staff/review/tips/{tip.number}/review", data=review_form(tip, assignee=huge))
    assert response.status_code == 422
    assert "only be assigned to active investigators" in response.get_data(as_text=True)
    response = client.post(f"/staff/review/tips/{tip.number}/review", data=review_form(tip, version=huge,
                                                                                       source_grade="B"))
    assert response.status_code == 409
    response = client.post(f"/staff/review/tips/{tip.number}/case", data={"version": huge, "case_id": "x"})
    assert response.status_code in (400, 409)
    db.session.expire_all()
    review = db.session.get(TipReview, tip.id)
    assert review.version == 1 and review.source_grade is None and review.assignee_id is None


def test_the_history_is_in_time_order_across_messages_notes_and_changes(client, login_as, make_tip):
    import datetime

    from coldcase.audit import service as audit

    user = login_as("investigator")
    tip = make_tip()
    day = datetime.date(2026, 3, 2)
    at = lambda hour: datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)  # noqa: E731
    # Stored out of time order: ids of the two tables say nothing about when.
    db.session.add(TipNote(tip_id=tip.id, author_id=user.id, body="Afternoon note.", created_at=at(15)))
    db.session.add(TipNote(tip_id=tip.id, author_id=user.id, body="Morning note.", created_at=at(8)))
    db.session.flush()
    db.session.add(AuditEvent(actor_id=user.id, actor_label=user.email, action=audit.TIP_GRADED,
                              target=audit.tip_target(tip), params={"grade": "B2", "outcome": "usable"}, at=at(11)))
    db.session.add(AuditEvent(actor_id=user.id, actor_label=user.email, action=audit.TIP_TAGGED,
                              target=audit.tip_target(tip), params={"tags": ["vehicle"]}, at=at(7)))
    db.session.add(TipMessage(tip_id=tip.id, author="tipster", body="Message that day.", created_at=day,
                              sent_at=at(9)))
    # Stored by a version before times were kept: a day only, so it goes after that day's events.
    db.session.add(TipMessage(tip_id=tip.id, author="tipster", body="Old message without a time.", created_at=day))
    db.session.add(TipMessage(tip_id=tip.id, author="tipster", body="Message the next day.",
                              created_at=day + datetime.timedelta(days=1),
                              sent_at=at(6) + datetime.timedelta(days=1)))
    db.session.commit()
    page = client.get(f"/staff/review/tips/{tip.number}?lang=en").get_data(as_text=True)
    order = ["tags: vehicle", "Morning note.", "Message that day.", "graded B2, usable", "Afternoon note.",
             "Old message without a time.", "Message the next day."]
    positions = [page.index(text) for text in order]
    # Each entry says its time of day in the reader's language; the tipster's to the hour only.
    assert "Mar 2, 2026, 9:00\u202fAM–10:00\u202fAM" in page or "Mar 2, 2026, 9:00 AM–10:00 AM" in page
    assert "Mar 2, 2026, 11:00" in page
    assert positions == sorted(positions), [text for _, text in sorted(zip(positions, order, strict=True))]


def test_saving_an_unchanged_form_keeps_the_version_so_a_colleague_can_still_save(client, second_client,
                                                                                  create_user, make_tip):
    tip = make_tip()
    first = create_user("investigator", totp_secret=pyotp.random_base32())
    second = create_user("investigator", totp_secret=pyotp.random_base32())
    for browser, user in ((client, first), (second_client, second)):
        browser.post("/staff/login", data={"email": user.email, "password": user.password})
        browser.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
        browser.get(f"/staff/review/tips/{tip.number}")
    seen = review_form(tip)
    response = client.post(f"/staff/review/tips/{tip.number}/review", data=seen, follow_redirects=True)
    assert response.status_code == 200 and "Nothing changed." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(TipReview, tip.id).version == 1
    assert "tip_graded" not in audit_actions(f"tip:{tip.number}")
    response = second_client.post(f"/staff/review/tips/{tip.number}/review", data={**seen, "source_grade": "B"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(TipReview, tip.id).version == 2
    # A form that changes nothing but is stale is still a conflict (the page shows what is stored now).
    response = client.post(f"/staff/review/tips/{tip.number}/review", data={**seen, "source_grade": "B"})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(TipReview, tip.id).version == 2


def test_a_receipt_code_is_shown_in_the_page_and_never_put_in_the_session_cookie(client, login_as):
    import re

    login_as("investigator")
    response = client.post("/staff/review/new", data={"channel": "letter", "text": "De broer wist het, schrijft zij.",
                                                      "how_known": "heard", "with_receipt": "y"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    code = re.search(r'<code id="receipt-code">([^<]+)</code>', page).group(1).strip()
    tip = db.session.scalar(select(Tip))
    assert len(code) >= 8 and tip.number in page and "Receipt code for the tipster (shown once)" in page
    with client.session_transaction() as session:
        assert code not in repr(dict(session))
    for header in response.headers.getlist("Set-Cookie"):
        assert code not in header
    # The tip page shown next does not repeat it either.
    assert code not in client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)


def test_a_tip_without_receipt_is_recorded_with_a_message(client, login_as):
    login_as("investigator")
    response = client.post("/staff/review/new", data={"channel": "phone", "text": "Beller zegt: de broer wist het."},
                           follow_redirects=True)
    tip = db.session.scalar(select(Tip))
    assert response.status_code == 200 and f"Tip {tip.number} recorded." in response.get_data(as_text=True)
    assert tip.receipt_hash is None


def test_moving_a_tip_scores_it_again_against_its_new_case(client, login_as, make_tip):
    from coldcase.review.triage import score_new_tip

    login_as("investigator")
    tip = make_tip("Ik zag die avond in Tilburg aan de Korvelseweg een man wegrennen, met een tas onder de arm.",
                   case_id="anja-hermans-1986")
    score_new_tip(tip)
    db.session.commit()
    # Korvelseweg is not on anja-hermans-1986's page: new information there.
    assert "new_place" in [code for _, code, _ in tip.triage_reasons]
    before = tip.triage_score
    client.get(f"/staff/review/tips/{tip.number}")
    version = str(db.session.get(TipReview, tip.id).version)
    assert client.post(f"/staff/review/tips/{tip.number}/case",
                       data={"version": version, "case_id": "adriaan-mol-1981"}).status_code == 302
    db.session.expire_all()
    moved = db.session.get(Tip, tip.id)
    # adriaan-mol-1981 published Korvelseweg: naming it adds nothing there.
    assert "new_place" not in [code for _, code, _ in moved.triage_reasons]
    assert moved.triage_score < before
    version = str(db.session.get(TipReview, tip.id).version)
    assert client.post(f"/staff/review/tips/{tip.number}/case",
                       data={"version": version, "case_id": "anja-hermans-1986"}).status_code == 302
    db.session.expire_all()
    back = db.session.get(Tip, tip.id)
    assert "new_place" in [code for _, code, _ in back.triage_reasons] and back.triage_score == before
