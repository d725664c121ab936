"""The staff are Dutch police: without a language choice the staff pages speak Dutch, and every string of the
site's catalog has a Dutch translation."""

from pathlib import Path

import pyotp
import pytest
from babel.messages.pofile import read_po

from coldcase.auth import totp_crypto
from coldcase.extensions import db
from coldcase.review.models import TipReview

CATALOG = Path(__file__).resolve().parents[2] / "coldcase" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"


@pytest.fixture
def app_config(app_config):
    """The configured default (Dutch), not the English that the other review tests read."""
    app_config["DEFAULT_LANGUAGE"] = "nl"
    return app_config


def test_every_message_of_the_site_has_a_dutch_translation():
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    missing = [message.id for message in catalog if message.id and (message.fuzzy or not all(
        message.string if isinstance(message.string, tuple) else [message.string]))]
    assert missing == []


def test_sign_in_second_factor_queue_and_tip_are_in_dutch(client, create_user, make_tip):
    user = create_user("investigator")
    assert "Inloggen voor medewerkers" in client.get("/staff/login").get_data(as_text=True)
    client.post("/staff/login", data={"email": user.email, "password": user.password})
    page = client.get("/staff/2fa/enrol").get_data(as_text=True)
    assert "Stel uw tweede factor in" in page and "Code uit uw authenticator-app" in page
    response = client.post("/staff/2fa/enrol", data={"code": "12345"})
    assert "De code bestaat uit zes cijfers." in response.get_data(as_text=True)
    db.session.refresh(user)
    secret = totp_crypto.decrypt_secret(user.totp_pending_token)
    assert client.post("/staff/2fa/enrol", data={"code": pyotp.TOTP(secret).now()}).status_code == 200  # the recovery codes

    tip = make_tip(triage_score=55, triage_reasons=[])
    queue = client.get("/staff/review/").get_data(as_text=True)
    assert "Werkvoorraad tips" in queue and "Geen tips gevonden." not in queue and 'lang="nl"' in queue
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    for dutch in ("Wat de melder schreef", "Triagescore", "Beoordeling, status en toewijzing", "Geschiedenis",
                  "Antwoord aan de melder", "niet beoordeeld", "nieuw"):
        assert dutch in page, dutch
    english = client.get(f"/staff/review/tips/{tip.number}?lang=en").get_data(as_text=True)
    assert "What the tipster wrote" in english


def test_a_wrong_password_and_a_locked_account_are_told_in_dutch(client, create_user):
    user = create_user("analyst")
    response = client.post("/staff/login", data={"email": user.email, "password": "not the password"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Onjuist e-mailadres of wachtwoord." in page and "Wrong email or password." not in page
    for _ in range(4):
        client.post("/staff/login", data={"email": user.email, "password": "not the password"})
    locked = client.post("/staff/login", data={"email": user.email, "password": user.password})
    assert "Te veel mislukte inlogpogingen." in locked.get_data(as_text=True)
    # The audit log keeps a code, whatever the page's language.
    from coldcase.audit.models import AuditEvent

    reasons = {event.params["reason"] for event in db.session.query(AuditEvent).filter_by(action="login_failed")}
    assert reasons == {"wrong_password", "delayed"}


def test_score_reasons_history_and_menu_are_in_dutch(client, login_as, make_tip):
    user = login_as("investigator")
    assert "Werkvoorraad tips" in client.get("/staff/").get_data(as_text=True)
    tip = make_tip(triage_score=45, triage_reasons=[[15, "case_place", "Stadsgracht"], [10, "first_hand", None],
                                                    [-15, "very_short", 6],
                                                    "+5 names someone: Piet Bakker"])
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert "<span>noemt een plaats uit de zaak: Stadsgracht</span>" in page
    assert "<span>uit eigen waarneming</span>" in page and "<span>zeer kort (6 woorden)</span>" in page
    # A reason stored by an older version is shown as it was written.
    assert "<span>names someone: Piet Bakker</span>" in page
    assert '<span class="points">30</span>' in page  # the starting value: 45 - (15 + 10 - 15 + 5)

    version = str(db.session.get(TipReview, tip.id).version)
    response = client.post(f"/staff/review/tips/{tip.number}/review", follow_redirects=True, data={
        "version": version, "source_grade": "B", "information_grade": "2", "outcome": "usable",
        "status": "in_review", "close_reason": "", "assignee": str(user.id), "tags": "auto"})
    page = response.get_data(as_text=True)
    assert "Opgeslagen: beoordeeld als B2, bruikbaar" in page
    for dutch in ("toegewezen aan " + user.email, "status nieuw → in behandeling", "labels: auto"):
        assert dutch in page, dutch
    english = client.get(f"/staff/review/tips/{tip.number}?lang=en").get_data(as_text=True)
    assert "graded B2, usable" in english and "names a place from the case: Stadsgracht" in english
