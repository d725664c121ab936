"""Two-factor sign-in for admins and investigators, and the audit of logins."""

import re

import pyotp
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
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    db.session.refresh(user)
    assert user.totp_secret == secret
    assert actions() == ["login_2fa_failed", "2fa_enrolled", "login"]


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


def test_analysts_sign_in_with_a_password_only(client, create_user):
    user = create_user("analyst")
    assert password_step(client, user).headers["Location"] == "/staff/"
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
