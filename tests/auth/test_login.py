"""Staff login, logout, lockout, one-time passwords and role checks."""

from datetime import UTC, datetime, timedelta

import pytest
from flask import Blueprint

from coldcase.auth.access import role_required
from coldcase.auth.accounts import AccountError, authenticate, create_user
from coldcase.auth.models import Role, User
from coldcase.auth.passwords import verify_password
from coldcase.extensions import db


def test_password_is_stored_as_an_argon2_hash(app, create_user):
    user = create_user("investigator", password="correct horse battery")
    assert user.password_hash.startswith("$argon2")
    assert "correct horse" not in user.password_hash
    assert verify_password(user.password_hash, "correct horse battery")


def test_login_with_right_password_opens_the_staff_page(client, create_user):
    user = create_user("analyst")
    response = client.post("/staff/login", data={"email": user.email.upper(), "password": user.password})
    assert response.status_code == 302
    page = client.get("/staff/?lang=en").get_data(as_text=True)
    assert user.email in page and "analyst" in page


def test_wrong_password_and_unknown_email_get_the_same_message(client, create_user):
    user = create_user("analyst")
    wrong = client.post("/staff/login?lang=en", data={"email": user.email, "password": "not the password"})
    unknown = client.post("/staff/login?lang=en", data={"email": "nobody@police.example", "password": "x" * 12})
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong email or password." in wrong.get_data(as_text=True)
    assert "Wrong email or password." in unknown.get_data(as_text=True)


def test_empty_login_form_names_the_missing_fields(client):
    page = client.post("/staff/login?lang=en", data={}).get_data(as_text=True)
    assert "Enter your email address." in page and "Enter your password." in page


def test_after_five_failed_logins_the_account_waits_a_little_longer_each_time(app, create_user):
    user = create_user("investigator")
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    for _ in range(5):
        assert authenticate(user.email, "wrong password!", now=now).user is None
    db.session.commit()
    # The fifth failure makes the account wait 30 seconds: even the right password is not checked before then.
    waiting = authenticate(user.email, user.password, now=now + timedelta(seconds=10))
    assert waiting.user is None and "Try again in 20 seconds" in waiting.message and waiting.detail == "delayed"
    # A sixth failure after the wait doubles it; the seventh doubles it again.
    authenticate(user.email, "wrong password!", now=now + timedelta(seconds=31))
    db.session.commit()
    assert "Try again in 59 seconds" in authenticate(user.email, user.password,
                                                    now=now + timedelta(seconds=32)).message
    later = authenticate(user.email, user.password, now=now + timedelta(seconds=92))
    assert later.user is not None


def test_a_stranger_cannot_lock_an_account_for_long(app, create_user):
    from coldcase.auth.accounts import LONGEST_DELAY, delay_after

    assert delay_after(4) == timedelta(0)
    assert delay_after(5) == timedelta(seconds=30)
    assert delay_after(1000) == LONGEST_DELAY == timedelta(minutes=5)
    user = create_user("investigator")
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    for attempt in range(40):  # a stranger trying all day: each failure comes after the last wait
        now += delay_after(attempt) + timedelta(seconds=1)
        authenticate(user.email, "wrong password!", now=now)
        db.session.commit()
    assert authenticate(user.email, user.password, now=now + timedelta(minutes=5, seconds=1)).user is not None


def test_failed_logins_at_the_same_time_all_count(app, create_user):
    # Four wrong passwords are counted, then a fifth arrives while this request still holds the count it read
    # before a parallel request added one: the parallel one must not be lost, so the account locks.
    from sqlalchemy import update

    from coldcase.auth.accounts import find_user

    user = create_user("investigator")
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    for _ in range(3):
        authenticate(user.email, "wrong password!", now=now)
    db.session.commit()
    stale = find_user(user.email)
    assert stale.failed_logins == 3
    with db.engine.begin() as other_request:
        other_request.execute(update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1))
    authenticate(user.email, "wrong password!", now=now)
    db.session.commit()
    locked = authenticate(user.email, user.password, now=now + timedelta(seconds=10))
    assert locked.user is None and "Too many failed logins" in locked.message


def test_disabled_account_cannot_sign_in(app, create_user):
    user = create_user("investigator", active=False)
    result = authenticate(user.email, user.password)
    assert result.user is None and "disabled" in result.message


def test_logout_needs_a_post_and_signs_out(client, login_as):
    login_as("analyst")
    assert client.get("/staff/logout").status_code == 405
    assert client.post("/staff/logout").status_code == 302
    assert client.get("/staff/").status_code == 302  # back to the login page


def test_next_parameter_cannot_redirect_to_another_site(client, create_user):
    user = create_user("analyst")
    response = client.post("/staff/login?next=https://evil.example/", data={"email": user.email, "password": user.password})
    assert response.headers["Location"] == "/staff/yield/"  # the analyst's landing page, not the other site
    client.post("/staff/logout")
    response = client.post("/staff/login?next=/staff/password", data={"email": user.email, "password": user.password})
    assert response.headers["Location"] == "/staff/password"


def test_one_time_password_must_be_changed_before_anything_else(app, client):
    user, one_time = create_user("new@police.example", ["analyst"])  # no second factor for this role
    db.session.commit()
    assert user.must_change_password
    client.post("/staff/login?lang=en", data={"email": user.email, "password": one_time})  # English from here on
    assert client.get("/staff/").headers["Location"] == "/staff/password"
    short = client.post("/staff/password", data={"current": one_time, "new": "short", "repeat": "short"})
    assert "at least 12 characters" in short.get_data(as_text=True)
    mismatch = client.post("/staff/password", data={"current": one_time, "new": "a long new password", "repeat": "another one here"})
    assert "The two new passwords differ." in mismatch.get_data(as_text=True)
    wrong = client.post("/staff/password", data={"current": "nope", "new": "a long new password", "repeat": "a long new password"})
    assert "The current password is wrong." in wrong.get_data(as_text=True)
    done = client.post("/staff/password", data={"current": one_time, "new": "a long new password", "repeat": "a long new password"})
    assert done.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert verify_password(db.session.get(User, user.id).password_hash, "a long new password")


def test_create_user_rejects_bad_input(app):
    with pytest.raises(AccountError, match="not an email address"):
        create_user("not-an-email", ["analyst"])
    with pytest.raises(AccountError, match="Unknown role"):
        create_user("a@police.example", ["sheriff"])
    with pytest.raises(AccountError, match="at least one role"):
        create_user("a@police.example", [])
    with pytest.raises(AccountError, match="at least 12 characters"):
        create_user("a@police.example", ["analyst"], password="short")
    create_user("a@police.example", ["analyst"])
    with pytest.raises(AccountError, match="already a user"):
        create_user("A@police.example", ["analyst"])


def test_one_person_may_hold_several_roles(app, create_user):
    user = create_user("analyst", "print_staff")
    assert user.roles == {Role.ANALYST, Role.PRINT_STAFF}
    assert user.has_role("analyst") and not user.has_role(Role.ADMIN)


def test_role_required_sends_anonymous_to_login_and_refuses_other_roles(app, client, login_as):
    bp = Blueprint("probe", __name__)

    @bp.route("/probe")
    @role_required(Role.PRINT_STAFF)
    def probe():
        return "print staff only"

    app.register_blueprint(bp)
    anonymous = client.get("/probe")
    assert anonymous.status_code == 302 and "/staff/login" in anonymous.headers["Location"]
    login_as("analyst")
    assert client.get("/probe").status_code == 403
    client.post("/staff/logout")
    login_as("print_staff", "analyst")
    assert client.get("/probe").get_data(as_text=True) == "print staff only"


def test_login_needs_a_csrf_token_when_protection_is_on(app, client, create_user):
    app.config["WTF_CSRF_ENABLED"] = True
    user = create_user("analyst")
    response = client.post("/staff/login", data={"email": user.email, "password": user.password})
    assert response.status_code == 400
