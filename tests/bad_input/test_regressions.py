"""Inputs that once gave a 500 (found by hand or by the fuzz in test_fuzz_routes.py), one named test each: each
now gets a clear message or a 4xx, stores nothing and leaves the app serving."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coldcase.extensions import db
from coldcase.tips.models import Tip
from tests.tips.conftest import CASE


def tips_stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Tip))


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True


def test_post_to_an_unknown_case_without_csrf_token_is_404(csrf_on, client):
    response = client.post("/cases/no-such-case/tip", data={"text": "hallo"})
    assert response.status_code == 404
    assert "This page does not exist" in response.get_data(as_text=True)
    assert client.get("/tips/new").status_code == 200


def test_nul_in_the_login_email_is_refused(client, create_user):
    create_user("investigator", email="anna@police.example")
    response = client.post("/staff/login", data={"email": "anna@police.example\x00", "password": "x"})
    assert response.status_code == 400
    assert "characters that cannot be read" in response.get_data(as_text=True)


def test_nul_in_a_queue_filter_is_refused(client, login_as):
    login_as("investigator")
    response = client.get("/staff/review/", query_string={"case": "a\x00b"})
    assert response.status_code == 400
    assert "characters that cannot be read" in response.get_data(as_text=True)


def test_nul_in_an_audit_filter_is_refused(client, login_as):
    login_as("admin")
    for name in ("action", "actor", "target"):
        response = client.get("/staff/audit/", query_string={name: "x\x00"})
        assert response.status_code == 400, name


def test_nul_in_a_tip_number_is_refused(client, login_as):
    login_as("investigator")
    assert client.get("/staff/review/tips/T-1%00").status_code == 400


@pytest.mark.parametrize("path", [
    "/staff/admin/users/99999999999999999999999",
    "/staff/admin/users/9223372036854775808",
    "/staff/admin/users/2147483648",
])
def test_an_id_out_of_range_is_404(client, login_as, path):
    login_as("admin")
    assert client.get(path).status_code == 404
    assert client.post(path + "/disable").status_code == 404


def test_a_build_number_out_of_range_is_404(client, login_as):
    login_as("print_staff")
    assert client.get("/staff/print/builds/99999999999999999999").status_code == 404
    assert client.get("/staff/print/builds/1/pages/99999999999999999999.png").status_code == 404


@pytest.mark.parametrize("name", ["edition", "assignee", "min_score", "max_score", "page"])
def test_huge_numbers_in_queue_filters_are_ignored(client, login_as, name):
    login_as("investigator")
    for value in ("9" * 30, "-" + "9" * 30, "9" * 5000):
        assert client.get("/staff/review/", query_string={name: value}).status_code == 200


def test_huge_page_number_in_the_audit_log_shows_an_empty_page(client, login_as):
    login_as("admin")
    for value in ("9" * 30, "9" * 5000):
        assert client.get("/staff/audit/", query_string={"page": value}).status_code == 200


def test_a_tip_in_latin_1_is_refused_not_stored_mangled(client):
    response = client.post("/tips/new", data=b"text=caf%E9+au+lait&token=" + b"t" * 32,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "not sent as UTF-8" in response.get_data(as_text=True)
    assert tips_stored() == 0


def test_raw_latin_1_bytes_in_a_form_are_refused(client):
    response = client.post("/tips/new", data=b"text=caf\xe9&token=" + b"t" * 32,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "not sent as UTF-8" in response.get_data(as_text=True)


def test_a_lone_surrogate_encoded_in_a_form_is_refused(client):
    # CESU/"WTF-8" bytes of a lone surrogate: no valid UTF-8, so no text.
    response = client.post("/tips/new", data=b"text=%ED%A0%80&token=" + b"t" * 32,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert tips_stored() == 0


def test_a_query_in_latin_1_is_refused(client):
    response = client.get("/cases?q=caf%E9")
    assert response.status_code == 400
    assert "not sent as UTF-8" in response.get_data(as_text=True)


def test_an_address_in_latin_1_is_refused(client):
    assert client.get("/cases/caf%E9").status_code == 400


def test_a_literal_percent_sign_in_text_is_stored_as_written(client, send_tip):
    response = send_tip(text="100% zeker: caf%E9 stond op het bord")
    assert response.status_code == 200
    assert db.session.scalars(select(Tip.text)).one() == "100% zeker: caf%E9 stond op het bord"


def test_a_tip_with_a_nul_keeps_nothing_and_says_why(send_tip):
    response = send_tip(text="ik zag\x00iets")
    assert response.status_code == 400
    assert "characters that cannot be read" in response.get_data(as_text=True)
    assert tips_stored() == 0


def test_a_case_tip_still_works_after_bad_input(client, send_tip):
    client.get("/cases/caf%E9")
    client.post("/staff/login", data={"email": "\x00"})
    assert send_tip(url=f"/cases/{CASE}/tip").status_code == 200


def test_the_refusal_speaks_the_visitors_language(client):
    response = client.get("/cases?q=caf%E9", headers={"Accept-Language": "nl"})
    assert response.status_code == 400
    assert "niet als UTF-8 verstuurd" in response.get_data(as_text=True)
    response = client.get("/cases?q=%00", headers={"Accept-Language": "nl"})
    assert "tekens die niet kunnen worden gelezen" in response.get_data(as_text=True)


def test_a_nul_in_a_doubled_field_or_a_field_name_is_refused(client):
    for body in (b"email=a%40b.example&email=x%00&password=x", b"email=a%40b.example&pass%00word=x"):
        response = client.post("/staff/login", data=body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400, body
    response = client.post("/staff/login", data={"email": ["a@b.example", "x\x00"], "password": "x"},
                           content_type="multipart/form-data")
    assert response.status_code == 400
