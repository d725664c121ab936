"""Coming back: the status page takes the receipt code (POSTed), shows the tip, its status and the replies, and
lets the tipster answer. A wrong code reveals nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips import conversation, receipts
from coldcase.tips.conversation import MessageError, add_staff_message
from coldcase.tips.models import Tip, TipMessage
from tests.tips.conftest import receipt_code


@pytest.fixture
def sent(send_tip):
    """A tip sent through the form; returns its receipt code."""
    return receipt_code(send_tip(text="De man droeg een rode jas."))


def test_code_shows_the_tip_status_and_staff_replies(client, sent, create_user):
    tip = db.session.scalars(select(Tip)).one()
    investigator = create_user("investigator")
    add_staff_message(tip, investigator, "Dank u. Weet u nog welke dag het was?")
    tip.status = "follow_up"
    db.session.commit()
    html = client.post("/tips/status", data={"code": sent}).get_data(as_text=True)
    assert "De man droeg een rode jas." in html
    assert "Weet u nog welke dag het was?" in html
    assert 'id="tip-status"' in html and "following it up" in html
    assert investigator.email not in html  # staff stay as anonymous to the tipster as the tipster to them


def test_code_is_accepted_in_any_case_with_spaces_and_confusable_letters(client, sent):
    typed = sent.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert client.post("/tips/status", data={"code": typed}).status_code == 200


@pytest.mark.parametrize("code", ["", "nonsense", "0000-0000-0000-0000", "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"])
def test_wrong_code_reveals_nothing(client, sent, code, monkeypatch):
    hashed = []
    original = receipts.hash_code
    monkeypatch.setattr(receipts, "hash_code", lambda value, *args: hashed.append(value) or original(value, *args))
    assert client.post("/tips/status", data={"code": sent}).status_code == 200
    right = len(hashed)
    hashed.clear()
    response = client.post("/tips/status", data={"code": code})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "We found no tip with this code." in html
    assert "rode jas" not in html
    # A wrong or malformed code costs the same slow hashes as a right one: one per parameter set in use.
    assert len(hashed) == right == len(receipts.VERIFIED_PARAMS)


def test_the_code_is_never_read_from_the_url(client, sent):
    response = client.get(f"/tips/status?code={sent}")
    assert "rode jas" not in response.get_data(as_text=True)


def test_tipster_can_answer(client, sent):
    response = client.post("/tips/status", data={"code": sent, "message": "Het was een dinsdag."})
    assert response.status_code == 200
    assert "Your message was added" in response.get_data(as_text=True)
    message = db.session.scalars(select(TipMessage)).one()
    assert (message.author, message.body, message.staff_user_id) == ("tipster", "Het was een dinsdag.", None)


def test_too_long_answer_gets_a_message_and_is_not_stored(client, sent):
    response = client.post("/tips/status", data={"code": sent, "message": "x" * 10_001})
    assert response.status_code == 400
    assert "Please keep this under" in response.get_data(as_text=True)
    assert db.session.scalars(select(TipMessage)).all() == []


def test_staff_message_must_have_a_readable_body(sent, create_user):
    tip = db.session.scalars(select(Tip)).one()
    user = create_user("investigator")
    for body in ("", "  ", "a\x00b", "x" * 10_001):
        with pytest.raises(MessageError):
            add_staff_message(tip, user, body)


def test_lookups_are_rate_limited(app, client, sent):
    app.config["TIPS_RATE_LIMITS"] = {"status": (3, 600)}
    for _ in range(3):
        assert client.post("/tips/status", data={"code": "AAAA-AAAA-AAAA-AAAA"}).status_code == 404
    response = client.post("/tips/status", data={"code": sent})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert "rode jas" not in response.get_data(as_text=True)


def test_tip_submissions_are_rate_limited_and_keep_the_text(app, send_tip):
    app.config["TIPS_RATE_LIMITS"] = {"submit": (2, 600)}
    assert send_tip(text="een").status_code == 200
    assert send_tip(text="twee").status_code == 200
    response = send_tip(text="drie, met veel moeite geschreven")
    assert response.status_code == 429
    assert "drie, met veel moeite geschreven" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Tip)).all()) == 2


def test_rate_limit_counters_hold_no_address(app, client):
    client.post("/tips/status", data={"code": "x"}, environ_base={"REMOTE_ADDR": "198.51.100.23"})
    backend = app.extensions["coldcase.tips.ratelimit"]
    assert backend._counters
    assert not any("198.51.100.23" in key or "198" in key.split(":")[0] for key in backend._counters)


def test_status_page_is_not_cached(client, sent):
    assert client.post("/tips/status", data={"code": sent}).headers["Cache-Control"] == "no-store"


def test_the_lookup_uses_a_well_formed_dummy_for_malformed_codes():
    assert receipts.normalize_code(conversation._NO_CODE) is not None


def test_new_hashes_store_their_parameters(sent):
    tip = db.session.scalars(select(Tip)).one()
    assert tip.receipt_hash.startswith("scrypt$11$8$1$") and receipts.is_current(tip.receipt_hash)
    assert tip.receipt_hash == receipts.hash_code(receipts.normalize_code(sent))


def test_code_hashed_with_the_old_parameters_still_works_and_is_upgraded(client, sent):
    code = receipts.normalize_code(sent)
    tip = db.session.scalars(select(Tip)).one()
    legacy = receipts.hash_code(code, receipts.LEGACY_PARAMS)
    assert len(legacy) == 64 and "$" not in legacy  # a bare hex digest, as stored before
    tip.receipt_hash = legacy
    db.session.commit()
    response = client.post("/tips/status", data={"code": sent})
    assert response.status_code == 200 and "rode jas" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalars(select(Tip)).one().receipt_hash == receipts.hash_code(code)
    assert client.post("/tips/status", data={"code": sent}).status_code == 200
    assert client.post("/tips/status", data={"code": "0000-0000-0000-0000"}).status_code == 404
