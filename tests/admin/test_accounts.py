"""Account management by admins; every change audited."""

import re
from datetime import UTC

import pyotp
from sqlalchemy import select

from coldcase.audit.models import AuditEvent
from coldcase.auth.models import User
from coldcase.extensions import db


def last_action():
    return db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()))


def test_admin_creates_an_account_with_a_one_time_password(client, login_as):
    login_as("admin")
    response = client.post("/staff/admin/users/new", data={"email": "New@Police.example", "roles": ["analyst"]})
    password = re.search(r'id="one-time-password">([^<]+)<', response.get_data(as_text=True)).group(1)
    user = db.session.scalar(select(User).where(User.email == "new@police.example"))
    assert user.must_change_password and user.has_role("analyst") and last_action() == "user_created"
    other = client.application.test_client()
    assert other.post("/staff/login", data={"email": user.email, "password": password}).status_code == 302
    taken = client.post("/staff/admin/users/new", data={"email": "new@police.example", "roles": ["analyst"]})
    assert taken.status_code == 400 and "There is already a user" in taken.get_data(as_text=True)
    assert "Choose at least one role." in client.post("/staff/admin/users/new",
                                                      data={"email": "x@police.example"}).get_data(as_text=True)


def test_admin_changes_roles_but_not_their_own_admin_role(client, login_as, create_user):
    admin = login_as("admin")
    user = create_user("analyst")
    assert client.post(f"/staff/admin/users/{user.id}", data={"roles": ["analyst", "investigator"]}).status_code == 302
    db.session.refresh(user)
    assert user.has_role("investigator") and last_action() == "user_roles"
    response = client.post(f"/staff/admin/users/{admin.id}", data={"roles": ["analyst"]})
    assert response.status_code == 400 and "your own admin role" in response.get_data(as_text=True)


def test_disabled_accounts_are_signed_out_and_admins_cannot_disable_themselves(app, client, login_as, create_user):
    admin = login_as("admin")
    user = create_user("analyst")
    browser = app.test_client()
    browser.post("/staff/login", data={"email": user.email, "password": user.password})
    assert browser.get("/staff/").status_code == 200
    client.post(f"/staff/admin/users/{user.id}/disable")
    assert browser.get("/staff/").status_code == 302 and last_action() == "user_disabled"
    client.post(f"/staff/admin/users/{admin.id}/disable")
    db.session.refresh(admin)
    assert admin.active
    client.post(f"/staff/admin/users/{user.id}/enable")
    db.session.refresh(user)
    assert user.active and last_action() == "user_enabled"


def test_password_reset_gives_a_one_time_password_and_lifts_a_lockout(client, login_as, create_user):
    login_as("admin")
    from datetime import datetime, timedelta

    user = create_user("analyst", locked_until=datetime.now(UTC) + timedelta(minutes=10))
    page = client.post(f"/staff/admin/users/{user.id}/reset-password").get_data(as_text=True)
    password = re.search(r'id="one-time-password">([^<]+)<', page).group(1)
    db.session.refresh(user)
    assert user.must_change_password and user.locked_until is None and last_action() == "user_password_reset"
    other = client.application.test_client()
    other.post("/staff/login", data={"email": user.email, "password": password})
    assert other.get("/staff/").headers["Location"] == "/staff/password"


def test_second_factor_reset_makes_the_user_enrol_again(client, login_as, create_user):
    login_as("admin")
    user = create_user("investigator", totp_secret=pyotp.random_base32())
    client.post(f"/staff/admin/users/{user.id}/reset-2fa")
    db.session.refresh(user)
    assert user.totp_secret is None and last_action() == "user_2fa_reset"
    other = client.application.test_client()
    response = other.post("/staff/login", data={"email": user.email, "password": user.password})
    assert response.headers["Location"] == "/staff/2fa/enrol"


def test_forged_account_requests_change_nothing(app, client, login_as, create_user):
    login_as("admin")
    assert client.get("/staff/admin/users/99999").status_code == 404
    assert client.post("/staff/admin/users/99999/disable").status_code == 404
    assert client.post("/staff/admin/users/1/explode").status_code == 404
    app.config["WTF_CSRF_ENABLED"] = True
    user = create_user("analyst")
    assert client.post(f"/staff/admin/users/{user.id}/disable").status_code == 400
    db.session.refresh(user)
    assert user.active
