"""Two-factor sign-in for admins and investigators, and the audit of logins."""

import re
import time

import pyotp
import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from sqlalchemy import select

from coldcase.audit.models import AuditEvent
from coldcase.extensions import db


def actions():
    return [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def password_step(client, user):
    return client.post("/staff/login", data={"email": user.email, "password": user.password})


def test_first_sign_in_of_an_investigator_enrols_an_authenticator(client, create_user):
    user = create_user("investigator")
    response = password_step(client, user)
    assert response.headers["Location"] == "/staff/2fa/enrol"
    assert client.get("/staff/").status_code == 302  # not signed in yet
    page = client.get("/staff/2fa/enrol").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    assert "<svg" in page and "otpauth://totp/" in page and "style=" not in page.split("<svg", 1)[1].split("</svg>")[0]
    assert client.post("/staff/2fa/enrol", data={"code": "000000"}).status_code == 401
    response = client.post("/staff/2fa/enrol", data={"code": pyotp.TOTP(secret).now()})
    # Signed in, and shown the recovery codes once, in this page only (never stored by the browser).
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    codes = re.findall(r"<code>([A-Z2-9]{5}-[A-Z2-9]{5})</code>", response.get_data(as_text=True))
    assert len(set(codes)) == 10
    assert client.get("/staff/").status_code == 200
    db.session.refresh(user)
    assert user.totp_secret == secret and len(user.recovery_codes) == 10
    assert not any(code.replace("-", "") in str(user.recovery_codes) for code in codes)  # stored as hashes
    assert actions() == ["login_2fa_failed", "2fa_enrolled", "2fa_recovery_codes", "login"]


def test_enrolled_user_needs_the_current_code(client, create_user):
    user = create_user("admin", totp_secret=pyotp.random_base32())
    assert password_step(client, user).headers["Location"] == "/staff/2fa/"
    page = client.post("/staff/2fa/", data={"code": "12345"}).get_data(as_text=True)
    assert "The code is six digits." in page
    response = client.post("/staff/2fa/", data={"code": "000000"})
    assert response.status_code == 401 and "not right" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302
    client.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert client.get("/staff/").status_code == 200


def test_five_wrong_codes_lock_the_account(client, create_user):
    user = create_user("investigator", totp_secret=pyotp.random_base32())
    password_step(client, user)
    for _ in range(4):
        assert client.post("/staff/2fa/", data={"code": "000000"}).status_code == 401
    response = client.post("/staff/2fa/", data={"code": "000000"})
    assert response.headers["Location"] == "/staff/login"
    db.session.refresh(user)
    assert user.locked_until is not None
    # Even the right password and code do not open a locked account.
    assert "Too many failed logins" in password_step(client, user).get_data(as_text=True)


def test_signing_in_with_the_password_again_does_not_wipe_wrong_codes(client, create_user):
    user = create_user("investigator", totp_secret=pyotp.random_base32())
    for _ in range(2):  # four wrong codes, then the password again, twice: eight guesses must lock
        password_step(client, user)
        for _ in range(4):
            client.post("/staff/2fa/", data={"code": "000000"})
    db.session.refresh(user)
    assert user.locked_until is not None


def test_analysts_sign_in_with_a_password_only(client, create_user):
    user = create_user("analyst")
    assert password_step(client, user).headers["Location"] == "/staff/yield/"  # their landing page
    assert actions() == ["login"]


def test_the_roles_that_need_a_second_factor_are_configurable(app, client, create_user):
    app.config["TWO_FACTOR_ROLES"] = ["analyst"]
    analyst = create_user("analyst")
    assert password_step(client, analyst).headers["Location"] == "/staff/2fa/enrol"
    app.config["TWO_FACTOR_ROLES"] = []
    client.get("/staff/2fa/")  # forget the pending login
    investigator = create_user("investigator")
    assert password_step(client, investigator).headers["Location"] == "/staff/"


def test_second_step_without_a_password_goes_back_to_login(client):
    assert client.get("/staff/2fa/").headers["Location"] == "/staff/login"
    assert client.post("/staff/2fa/", data={"code": "123456"}).headers["Location"] == "/staff/login"
    assert client.get("/staff/2fa/enrol").headers["Location"] == "/staff/login"


def test_a_pending_password_expires(client, create_user):
    user = create_user("investigator", totp_secret=pyotp.random_base32())
    password_step(client, user)
    with client.session_transaction() as session:
        pending = dict(session["twofactor_pending"])
        pending["since"] -= 3600
        session["twofactor_pending"] = pending
    response = client.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert response.headers["Location"] == "/staff/login"
    assert client.get("/staff/").status_code == 302


def test_one_time_password_is_changed_after_the_second_factor(client, create_user):
    user = create_user("investigator", must_change_password=True, totp_secret=pyotp.random_base32())
    password_step(client, user)
    client.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert client.get("/staff/").headers["Location"] == "/staff/password"


def test_next_page_survives_the_second_step(client, create_user):
    user = create_user("investigator", totp_secret=pyotp.random_base32())
    client.post("/staff/login?next=/staff/password", data={"email": user.email, "password": user.password})
    response = client.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert response.headers["Location"] == "/staff/password"


def test_failed_logins_and_logouts_are_audited(client, create_user):
    user = create_user("analyst")
    client.post("/staff/login", data={"email": user.email, "password": "wrong password!!"})
    client.post("/staff/login", data={"email": "nobody@police.example", "password": "wrong password!!"})
    password_step(client, user)
    client.post("/staff/logout")
    events = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    assert [(e.action, e.target) for e in events] == [
        ("login_failed", f"email:{user.email}"),
        ("login_failed", "email:nobody@police.example"),
        ("login", f"user:{user.id}"),
        ("logout", f"user:{user.id}"),
    ]
    assert events[0].actor_id is None and events[2].actor_label == user.email


def test_login_as_fixture_passes_the_second_factor(client, login_as):
    login_as("investigator")
    assert client.get("/staff/").status_code == 200


# Hardening: a code signs in once, secrets are encrypted at rest, the unconfirmed secret stays on the server.

def stored(column, user):
    return db.session.execute(sa.text(f"SELECT {column} FROM users WHERE id = :id"), {"id": user.id}).scalar()


def enrolled(create_user, role="investigator"):
    secret = pyotp.random_base32()
    user = create_user(role, totp_secret=secret)
    return user, secret


#: A frozen moment in the middle of a 30-second TOTP step, so that no step ends during a test.
MID_STEP = 30 * 59_666_666 + 15.0  # 15 s into a step, in 2026


def test_a_code_signs_in_only_once(client, create_user, time_machine):
    time_machine.move_to(MID_STEP, tick=False)
    user, secret = enrolled(create_user)
    code = pyotp.TOTP(secret).now()
    password_step(client, user)
    assert client.post("/staff/2fa/", data={"code": code}).status_code == 302
    client.post("/staff/logout")
    password_step(client, user)
    response = client.post("/staff/2fa/", data={"code": code}, headers={"Accept-Language": "en"})
    assert response.status_code == 401 and "used already" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.params) == ("login_2fa_failed", {"reason": "code_used"})


def test_an_older_code_is_refused_after_a_newer_one(client, create_user, time_machine):
    time_machine.move_to(MID_STEP, tick=False)
    user, secret = enrolled(create_user)
    now = time.time()
    password_step(client, user)
    assert client.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).at(now)}).status_code == 302
    client.post("/staff/logout")
    password_step(client, user)
    # Still inside the window for a slow clock, but older than the code that was accepted.
    assert client.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).at(now - 30)}).status_code == 401


def test_a_code_used_in_two_requests_at_once_wins_once(app, create_user, time_machine):
    from coldcase.auth import twofactor

    time_machine.move_to(MID_STEP, tick=False)
    user, secret = enrolled(create_user)
    step = twofactor.matching_step(secret, pyotp.TOTP(secret).now())
    assert twofactor.claim_step(user, step) is True
    db.session.expire(user)  # a second request that read the row before the first one wrote it
    assert twofactor.claim_step(user, step) is False


@pytest.mark.parametrize(("offset", "accepted"), [
    (-60, False), (-30, True), (0, True), (30, True), (60, False),
])  # fmt: skip
@pytest.mark.parametrize("moment", [MID_STEP - 15, MID_STEP, MID_STEP + 14.999])
def test_a_code_is_accepted_one_step_either_side_of_now_and_no_further(client, create_user, time_machine,
                                                                       offset, accepted, moment):
    # At the first instant of a step, in its middle and at its last instant: a phone's clock may be up to one
    # 30-second step off either way.
    time_machine.move_to(moment, tick=False)
    user, secret = enrolled(create_user)
    password_step(client, user)
    response = client.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).at(moment + offset)},
                           headers={"Accept-Language": "en"})
    if accepted:
        assert response.status_code == 302 and client.get("/staff/").status_code == 200
    else:
        assert response.status_code == 401 and "That code is not right" in response.get_data(as_text=True)


def test_the_second_step_waits_five_minutes_for_the_code(client, create_user, time_machine):
    from coldcase.auth.twofactor import PENDING_SECONDS

    assert PENDING_SECONDS == 300
    for waited, signed_in in ((PENDING_SECONDS, True), (PENDING_SECONDS + 1, False)):
        time_machine.move_to(MID_STEP, tick=False)
        user, secret = enrolled(create_user)
        password_step(client, user)
        time_machine.move_to(MID_STEP + waited, tick=False)
        response = client.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).now()})
        assert (response.headers["Location"] != "/staff/login") is signed_in
        assert (client.get("/staff/").status_code == 200) is signed_in
        client.post("/staff/logout")


def test_the_secret_is_encrypted_at_rest_with_a_key_derived_from_the_secret_key(app, create_user):
    from coldcase.auth.totp_crypto import derived_key

    user, secret = enrolled(create_user)
    token = stored("totp_secret", user)
    assert secret not in token and token.startswith("gAAAAA")
    assert derived_key(app.config["SECRET_KEY"]).decrypt(token.encode()).decode() == secret
    db.session.expire(user)
    assert user.totp_secret == secret


def test_with_an_encryption_key_the_secret_uses_it_and_older_secrets_move_to_it_at_sign_in(app, client,
                                                                                          create_user):
    user, secret = enrolled(create_user)  # enrolled while no ENCRYPTION_KEY was configured
    key = Fernet.generate_key()
    app.config["ENCRYPTION_KEY"] = key.decode()
    assert user.totp_secret == secret  # the key derived from SECRET_KEY still reads it
    password_step(client, user)
    assert client.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert Fernet(key).decrypt(stored("totp_secret", user).encode()).decode() == secret


def test_a_secret_no_key_can_read_is_refused_with_a_way_out(app, client, create_user):
    user, secret = enrolled(create_user)
    app.config["SECRET_KEY"] = "a-new-secret-key"
    password_step(client, user)
    response = client.get("/staff/2fa/", headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/staff/login"
    assert "Ask an administrator to reset" in client.get("/staff/login?lang=en").get_data(as_text=True)
    app.config["SECRET_KEY_FALLBACKS"] = ["test-secret"]  # the old key kept as a fallback reads it again
    password_step(client, user)
    assert client.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).now()}).status_code == 302


def test_the_unconfirmed_secret_stays_out_of_the_cookie_and_changes_with_each_password(client, create_user):
    user = create_user("investigator")
    password_step(client, user)
    page = client.get("/staff/2fa/enrol").get_data(as_text=True)
    first = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    with client.session_transaction() as session:
        assert first not in repr(dict(session))
    pending = stored("totp_pending_secret", user)
    assert first not in pending and pending.startswith("gAAAAA")
    assert client.get("/staff/2fa/enrol").get_data(as_text=True).count(first[:4]) >= 1  # a reload keeps it
    password_step(client, user)  # someone signs in with the password again: the first secret is forgotten
    page = client.get("/staff/2fa/enrol").get_data(as_text=True)
    second = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    assert second != first
    assert client.post("/staff/2fa/enrol", data={"code": pyotp.TOTP(first).now()}).status_code == 401
    assert client.post("/staff/2fa/enrol", data={"code": pyotp.TOTP(second).now()}).status_code == 200
    db.session.expire(user)
    assert user.totp_secret == second and stored("totp_pending_secret", user) is None


def test_resetting_the_second_factor_forgets_the_pending_secret_and_the_last_step(app, create_user):
    from coldcase.admin.accounts import reset_second_factor

    admin = create_user("admin")
    user, secret = enrolled(create_user)
    user.totp_pending_token, user.totp_last_step = "x", 123
    reset_second_factor(admin, user)
    db.session.commit()
    assert (user.totp_secret, user.totp_pending_token, user.totp_last_step) == (None, None, None)
