"""The staff are Dutch police: without a language choice the staff pages speak Dutch, and every string of the
site's catalog has a Dutch translation."""

from pathlib import Path

import pyotp
import pytest
from babel.messages.pofile import read_po

from coldcase.auth import totp_crypto
from coldcase.extensions import db

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
    assert client.post("/staff/2fa/enrol", data={"code": pyotp.TOTP(secret).now()}).status_code == 302

    tip = make_tip(triage_score=55, triage_reasons=[])
    queue = client.get("/staff/review/").get_data(as_text=True)
    assert "Werkvoorraad tips" in queue and "Geen tips gevonden." not in queue and 'lang="nl"' in queue
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    for dutch in ("Wat de melder schreef", "Triagescore", "Beoordeling, status en toewijzing", "Geschiedenis",
                  "Antwoord aan de melder", "niet beoordeeld", "nieuw"):
        assert dutch in page, dutch
    english = client.get(f"/staff/review/tips/{tip.number}?lang=en").get_data(as_text=True)
    assert "What the tipster wrote" in english
