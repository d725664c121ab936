"""Every tip is scored when it is stored, and a failing scorer never costs a tip."""

from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips.models import Tip
from tests.tips.conftest import CASE


def test_a_tip_about_a_case_is_scored_with_its_reasons_at_intake(send_tip):
    response = send_tip(f"/cases/{CASE}/tip", text="Ik zag Anna op 15 maart 1994 bij de Stadsgracht met een man.",
                        how_known="saw")
    assert response.status_code == 200
    tip = db.session.scalars(select(Tip)).one()
    assert tip.triage_score is not None and 0 <= tip.triage_score <= 100
    assert any("Stadsgracht" in reason for reason in tip.triage_reasons)


def test_a_failing_scorer_leaves_the_tip_stored_and_unscored(send_tip, monkeypatch, caplog):
    import coldcase.tips.scoring as hook

    def broken(tip):
        raise ValueError("a bug in the scorer")

    monkeypatch.setattr(hook, "score_new_tip", broken)
    response = send_tip(f"/cases/{CASE}/tip", text="Een tip die niet gescoord kan worden.")
    assert response.status_code == 200 and 'id="receipt-code"' in response.get_data(as_text=True)
    tip = db.session.scalars(select(Tip)).one()
    assert tip.triage_score is None
    assert "stored unscored" in caplog.text
