"""`coldcase tips purge` and `coldcase tips rescore`."""

import datetime

from sqlalchemy import select

from coldcase.audit.models import AuditEvent
from coldcase.extensions import db
from coldcase.review import grading
from coldcase.tips.models import Tip, TipAttachment


def closed_tip(make_tip, number, days_ago, contact=b"token", files=0):
    tip = make_tip(number=number, status="closed", contact_encrypted=contact)
    for index in range(files):
        db.session.add(TipAttachment(tip_id=tip.id, media_type="image/png", filename=f"attachment-{index}.png",
                                     size=3, content_encrypted=b"abc"))
    review = grading.review_for(tip)
    review.updated_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days_ago)
    db.session.commit()
    return tip


def test_purge_removes_contact_and_attachments_after_their_periods_and_audits_it(app, runner, make_tip):
    app.config.update(RETENTION_DAYS_CONTACT=30, RETENTION_DAYS_ATTACHMENTS=90)
    old = closed_tip(make_tip, "T-OLD", 100, files=2)
    middle = closed_tip(make_tip, "T-MIDDLE", 40, files=1)
    recent = closed_tip(make_tip, "T-RECENT", 5, files=1)
    still_open = make_tip(number="T-OPEN", contact_encrypted=b"token")

    dry = runner.invoke(args=["tips", "purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would remove contact details of 2 tip(s): T-OLD, T-MIDDLE" in dry.output
    assert "Would remove 2 attachment(s) of 1 tip(s): T-OLD" in dry.output
    db.session.expire_all()
    assert db.session.get(Tip, old.id).contact_encrypted is not None
    assert db.session.scalars(select(AuditEvent)).all() == []

    result = runner.invoke(args=["tips", "purge"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Tip, old.id).contact_encrypted is None
    assert db.session.get(Tip, middle.id).contact_encrypted is None
    assert db.session.get(Tip, recent.id).contact_encrypted is not None
    assert db.session.get(Tip, still_open.id).contact_encrypted is not None
    remaining = sorted(db.session.scalars(select(TipAttachment.tip_id)))
    assert remaining == sorted([middle.id, recent.id])
    events = [(e.actor_label, e.target) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert events == [("command line", "tip:T-OLD"), ("command line", "tip:T-MIDDLE"), ("command line", "tip:T-OLD")]
    assert "Removed contact details of 0 tip(s)." in runner.invoke(args=["tips", "purge"]).output


def test_rescore_recomputes_scores_with_the_configured_weights(app, runner, make_tip):
    tip = make_tip("Ik zag het zelf gebeuren, echt waar, die avond bij de haven van de stad.", how_known="saw")
    result = runner.invoke(args=["tips", "rescore"])
    assert result.exit_code == 0 and "Scored 1 tips again; 1 scores changed." in result.output
    db.session.expire_all()
    assert db.session.get(Tip, tip.id).triage_score == 34
    assert db.session.get(Tip, tip.id).triage_reasons == [[-10, "nothing_new", None], [8, "first_hand", None],
                                                          [6, "first_hand_text", "Ik zag"]]
    app.config["TRIAGE_WEIGHTS"] = {"first_hand": 30}
    runner.invoke(args=["tips", "rescore"])
    db.session.expire_all()
    assert db.session.get(Tip, tip.id).triage_score == 56
    assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "tips_rescored"


def test_rescore_refuses_a_misspelt_weight(app, runner):
    app.config["TRIAGE_WEIGHTS"] = {"frist_hand": 30}
    result = runner.invoke(args=["tips", "rescore"])
    assert result.exit_code != 0 and "unknown triage weight 'frist_hand'" in result.output


def test_rescore_compares_with_earlier_tips_of_the_same_case(app, make_tip):
    from coldcase.review.triage import score_new_tip

    text = "De buurman van nummer twaalf reed die nacht weg in een witte bestelbus zonder lichten."
    make_tip(text, number="T-FIRST", case_id="case-a")
    second = make_tip(text + " Echt.", number="T-SECOND", case_id="case-a")
    other_case = make_tip(text, number="T-ELSEWHERE", case_id="case-b")
    assert "-20 nearly the same as tip T-FIRST" in [str(r) for r in score_new_tip(second).reasons]
    assert score_new_tip(other_case).duplicates == ()


def test_purge_waits_while_the_tipster_still_writes_after_closing(app, runner, make_tip):
    from coldcase.tips.models import TipMessage

    app.config.update(RETENTION_DAYS_CONTACT=30, RETENTION_DAYS_ATTACHMENTS=90)
    today = datetime.date.today()
    writing = closed_tip(make_tip, "T-WRITING", 100, files=1)
    silent = closed_tip(make_tip, "T-SILENT", 100, files=1)
    replied = closed_tip(make_tip, "T-REPLIED", 100, files=1)
    db.session.add_all([
        # The tipster wrote 10 days ago, long after the tip was closed: the conversation is still going on.
        TipMessage(tip_id=writing.id, author="tipster", body="Nog iets:", created_at=today - datetime.timedelta(10)),
        # Their last message is older than both periods: the clock runs.
        TipMessage(tip_id=silent.id, author="tipster", body="Dag.", created_at=today - datetime.timedelta(200)),
        # Only the team wrote lately: that does not stop the clock.
        TipMessage(tip_id=replied.id, author="staff", body="Dank u.", created_at=today - datetime.timedelta(5)),
    ])
    db.session.commit()

    dry = runner.invoke(args=["tips", "purge", "--dry-run"])
    assert "Would remove contact details of 2 tip(s): T-SILENT, T-REPLIED" in dry.output, dry.output
    result = runner.invoke(args=["tips", "purge"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Tip, writing.id).contact_encrypted is not None
    assert db.session.get(Tip, silent.id).contact_encrypted is None
    assert db.session.get(Tip, replied.id).contact_encrypted is None
    assert list(db.session.scalars(select(TipAttachment.tip_id))) == [writing.id]
    # Once the tipster has been silent for the period, the contact details go too.
    now = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=31)
    with app.test_request_context():
        from coldcase.review.retention import purge

        assert purge("command line", dry_run=True, now=now).contacts == ["T-WRITING"]
