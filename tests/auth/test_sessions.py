"""Sessions that end: signing out, a new password, a reset or a disabled account end every session of that
person at once; cookies travel only where they should; sign-ins are limited per connection."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coldcase.audit.models import AuditEvent
from coldcase.extensions import db


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(app, value: str):
    """Another browser that carries a copy of a session cookie."""
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def test_a_cookie_copied_before_signing_out_no_longer_works_afterwards(app, client, login_as):
    login_as("analyst")
    copied = _cookie(client)
    assert _replay(app, copied).get("/staff/").status_code == 200
    client.post("/staff/logout")
    replayed = _replay(app, copied).get("/staff/")
    assert replayed.status_code == 302 and replayed.headers["Location"].startswith("/staff/login")


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(app, client, login_as):
    user = login_as("analyst")
    elsewhere = _replay(app, _cookie(client))
    response = client.post("/staff/password", data={"current": user.password, "new": "a brand new password",
                                                    "repeat": "a brand new password"})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert elsewhere.get("/staff/").status_code == 302
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.actor_id) == ("password_changed", user.id)


@pytest.mark.parametrize("action", ["password", "2fa", "disable"])
def test_an_admin_reset_or_disable_ends_the_person_s_sessions(app, client, login_as, create_user, action):
    from coldcase.admin import accounts

    user = login_as("analyst")
    copied = _cookie(client)
    admin = create_user("admin")
    {"password": lambda: accounts.reset_password(admin, user),
     "2fa": lambda: accounts.reset_second_factor(admin, user),
     "disable": lambda: accounts.set_active(admin, user, False)}[action]()
    db.session.commit()
    assert _replay(app, copied).get("/staff/").status_code == 302


@pytest.mark.parametrize("value", ["forged", "eyJfdXNlcl9pZCI6IjEuMSJ9.Zz.forged", "", "x" * 3000])
def test_a_forged_session_cookie_gets_the_login_page(app, client, login_as, value):
    login_as("analyst")
    response = _replay(app, value).get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")


def test_a_session_signed_with_the_key_but_naming_an_old_or_odd_id_is_refused(app, client, create_user):
    user = create_user("analyst")
    for user_id in (str(user.id), f"{user.id}.0", f"{user.id}.x", "99999999999999999999999.1", "."):
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
        assert client.get("/staff/").status_code == 302, user_id


def test_cookies_are_http_only_and_same_site(client, create_user):
    user = create_user("analyst")
    response = client.post("/staff/login", data={"email": user.email, "password": user.password})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Strict-Transport-Security" not in response.headers


def test_over_https_the_cookie_is_secure_even_without_the_setting(client, create_user):
    user = create_user("analyst")
    response = client.post("/staff/login", data={"email": user.email, "password": user.password},
                           base_url="https://coldcase.example")
    assert "Secure" in response.headers["Set-Cookie"]


def test_the_https_setting_gives_host_cookies_and_hsts(app_config, create_user):
    from coldcase import create_app

    https = create_app({**app_config, "HTTPS": True})
    client = https.test_client()
    with https.app_context():
        user = create_user("analyst")
        response = client.post("/staff/login", data={"email": user.email, "password": user.password},
                               base_url="https://coldcase.example")
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Path=/" in cookie
        assert "Domain" not in cookie
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        page = client.get("/staff/", base_url="https://coldcase.example")
        assert page.status_code == 200  # the __Host- cookie carries the session


def test_sign_ins_from_one_connection_are_limited_whatever_the_account(app, client, create_user):
    app.config["LOGIN_RATE_LIMIT"] = (3, 600)
    user = create_user("analyst")
    for number in range(3):
        client.post("/staff/login?lang=en", data={"email": f"someone{number}@police.example", "password": "x" * 12})
    response = client.post("/staff/login?lang=en", data={"email": user.email, "password": user.password})
    assert response.status_code == 429
    assert "Too many sign-in attempts from your connection" in response.get_data(as_text=True)
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "login_failed" and event.params == {"email": user.email, "reason": "throttled"}
    # The account itself is not held back: from another connection its owner signs in.
    other = app.test_client()
    assert other.post("/staff/login", data={"email": user.email, "password": user.password},
                      environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code == 302
