"""Every tip is scored when it is stored, and a failing scorer never costs a tip."""

from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips.models import Tip
from tests.tips.conftest import CASE


def test_a_tip_about_a_case_is_scored_with_its_reasons_at_intake(send_tip):
    response = send_tip(f"/cases/{CASE}/tip", text="Ik zag Anna op 15 maart 1994 bij de Stadsgracht met Piet Visser "
                        "in een witte Opel.", how_known="saw")
    assert response.status_code == 200
    tip = db.session.scalars(select(Tip)).one()
    assert tip.triage_score is not None and 0 <= tip.triage_score <= 100
    reasons = {code: detail for _points, code, detail in tip.triage_reasons}
    assert reasons["new_name"] == "Piet Visser" and reasons["new_vehicle"] == "Opel"
    assert "Stadsgracht" not in str(reasons)  # the case's own place earns nothing


def test_a_failing_scorer_leaves_the_tip_stored_and_unscored(send_tip, monkeypatch, caplog):
    import coldcase.review.triage as hook

    def broken(tip):
        raise ValueError("a bug in the scorer")

    monkeypatch.setattr(hook, "score_new_tip", broken)
    response = send_tip(f"/cases/{CASE}/tip", text="Een tip die niet gescoord kan worden.")
    assert response.status_code == 200 and 'id="receipt-code"' in response.get_data(as_text=True)
    tip = db.session.scalars(select(Tip)).one()
    assert tip.triage_score is None
    assert "stored unscored" in caplog.text


def _duplicate_of(tip: Tip) -> list:
    return [detail for _, code, detail in tip.triage_reasons if code == "near_duplicate"]


def test_an_edited_tip_is_compared_by_its_new_text(send_tip):
    """Scoring remembers the word triples of texts it has seen (so that each new tip does not re-read every
    earlier one); a tip whose text was changed must be compared by what it says now, not by what it said."""
    old = "De buurman van nummer twaalf reed die nacht weg in een witte bestelbus zonder lichten aan."
    new = "Een vrouw met een rode jas stond om middernacht bij de brug te wachten op iemand in een boot."
    assert send_tip(f"/cases/{CASE}/tip", text=old).status_code == 200
    first = db.session.scalars(select(Tip)).one()
    assert send_tip(f"/cases/{CASE}/tip", text=old + " Echt waar.").status_code == 200
    second = db.session.scalars(select(Tip).where(Tip.id != first.id)).one()
    assert _duplicate_of(second) == [first.number]  # the old text is now remembered

    first.text = new  # e.g. an investigator corrected a transcription
    second.text = "Iets heel anders: een hond blafte de hele nacht bij het tankstation aan de ringweg."
    db.session.commit()
    assert send_tip(f"/cases/{CASE}/tip", text=old + " Nogmaals.").status_code == 200
    third = db.session.scalars(select(Tip).order_by(Tip.id.desc())).first()
    assert _duplicate_of(third) == []  # nothing says the old text any more
    assert send_tip(f"/cases/{CASE}/tip", text=new + " Dat weet ik zeker.").status_code == 200
    fourth = db.session.scalars(select(Tip).order_by(Tip.id.desc())).first()
    assert _duplicate_of(fourth) == [first.number]
