"""Hostile input: every kind gets a clear message or a 400, and nothing is stored half."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from coldcase.extensions import db
from coldcase.tips.models import Tip, TipAttachment, TipMessage
from tests.tips.conftest import CASE, form_fields, receipt_code


def stored() -> tuple[int, int, int]:
    return tuple(db.session.scalar(select(func.count()).select_from(model)) for model in (Tip, TipAttachment,
                                                                                            TipMessage))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Please write what you know."),
        ("\n\t  \n", "Please write what you know."),
        ("x" * 10_001, "Please keep this under"),
        ("binary \x00\x01\x02 data", "characters that cannot be read"),
        ("bad utf-8 \ufffd here", "characters that cannot be read"),
    ],
    ids=["empty", "blank", "oversized", "binary", "replacement-char"],
)
def test_bad_text_gets_a_message_and_nothing_is_stored(send_tip, text, message):
    response = send_tip(text=text)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert stored() == (0, 0, 0)


def test_invalid_utf8_bytes_in_the_post_are_refused(client):
    fields = form_fields(client.get("/tips/new"))
    parts = [f'--XX\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(b'--XX\r\nContent-Disposition: form-data; name="text"\r\n\r\ncaf\xc3\xa9 \xff\xfe\xc0 kapot\r\n--XX--\r\n')
    response = client.post("/tips/new", data=b"".join(parts), content_type="multipart/form-data; boundary=XX")
    assert response.status_code == 400
    assert "characters that cannot be read" in response.get_data(as_text=True)
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script><b>vet</b>",
        "'; DROP TABLE tips; -- and 1=1 OR ''='",
        "رأيت سيارة زرقاء 🚗 bij de gracht ‏שלום‎ 👀",
    ],
    ids=["html", "sql", "rtl-emoji"],
)
def test_odd_text_is_stored_as_written_and_shown_escaped(client, send_tip, text):
    response = send_tip(text=text)
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.scalars(select(Tip.text)).one() == text
    status = client.post("/tips/status", data={"code": receipt_code(response)})
    html = status.get_data(as_text=True)
    assert "<script>alert" not in html and "<b>vet</b>" not in html
    if "<" in text:
        assert "&lt;script&gt;" in html
    else:
        assert text.replace("'", "&#39;") in html


def test_forged_case_id_is_404_and_nothing_is_stored(client):
    fields = form_fields(client.get("/tips/new"))
    for case_id in ("../../etc/passwd", "anna-de-vries-1994' OR 1=1", "x" * 500):
        response = client.post(f"/cases/{case_id}/tip", data={**fields, "text": "hallo"})
        assert response.status_code == 404
    assert stored() == (0, 0, 0)


def test_forged_attribution_in_the_hidden_fields_is_not_stored_as_given(client):
    fields = form_fields(client.get(f"/cases/{CASE}/tip?e=2027&d=PI-VUGHT"))
    fields.update(e="2027", d="<script>PI-FAKE</script>")
    assert client.post(f"/cases/{CASE}/tip", data={**fields, "text": "hallo"}).status_code == 200
    tip = db.session.scalars(select(Tip)).one()
    assert (tip.edition, tip.point_code) == (2027, "unknown")


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"MZ\x90\x00 this is really a windows program", "is not a photo (JPEG or PNG) or a PDF"),
        ("report.pdf", b"<html><script>alert(1)</script></html>", "is not a photo (JPEG or PNG) or a PDF"),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg at all", "could not be read"),
        ("empty.png", b"", "is empty"),
    ],
    ids=["exe-as-jpg", "html-as-pdf", "truncated-jpeg", "empty-file"],
)
def test_file_that_lies_about_its_type_is_refused(send_tip, name, content, message):
    response = send_tip(attachments=[(io.BytesIO(content), name)])
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and name in html
    assert stored() == (0, 0, 0)


def test_an_empty_file_part_without_a_name_is_no_file(send_tip):
    # What a browser sends for a file input left empty: the tip goes in, without attachments.
    response = send_tip(attachments=[(io.BytesIO(b""), "")])
    assert response.status_code == 200 and receipt_code(response)
    assert stored() == (1, 0, 0)


def test_too_many_files_are_refused(send_tip):
    files = [(io.BytesIO(_jpeg()), f"p{i}.jpg") for i in range(4)]
    response = send_tip(attachments=files)
    assert response.status_code == 400
    assert "at most 3 files" in response.get_data(as_text=True)
    assert stored() == (0, 0, 0)


def test_too_big_file_is_refused(send_tip, monkeypatch):
    from coldcase.tips import attachments

    monkeypatch.setattr(attachments, "MAX_BYTES", 1000)
    response = send_tip(attachments=[(io.BytesIO(_jpeg() + b"\0" * 2000), "big.jpg")])
    assert response.status_code == 400
    assert "is larger than" in response.get_data(as_text=True)
    assert stored() == (0, 0, 0)


def test_request_larger_than_the_limit_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    fields = form_fields(client.get("/tips/new"))
    response = client.post("/tips/new", data={**fields, "text": "x" * 20_000})
    assert response.status_code == 413
    assert stored() == (0, 0, 0)


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_form_without_csrf_token_is_400(csrf_on, client):
    page = client.get("/tips/new")
    fields = form_fields(page)
    assert "csrf_token" in fields
    del fields["csrf_token"]
    response = client.post("/tips/new", data={**fields, "text": "zonder token"})
    assert response.status_code == 400
    assert stored() == (0, 0, 0)
    response = client.post("/tips/status", data={"code": "0000-0000-0000-0000"})
    assert response.status_code == 400


def test_a_form_whose_token_expired_comes_back_with_the_text_and_then_goes_through(csrf_on, client):
    fields = form_fields(client.get("/tips/new"))
    fields["csrf_token"] = "expired-or-forged"
    response = client.post("/tips/new", data={**fields, "text": "Ik schreef hier een uur aan."})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and stored() == (0, 0, 0)
    assert "open for a long time" in page and "Ik schreef hier een uur aan." in page
    again = form_fields(response)
    assert again["csrf_token"] != "expired-or-forged"
    response = client.post("/tips/new", data={**again, "text": "Ik schreef hier een uur aan."})
    assert response.status_code == 200 and stored() == (1, 0, 0)


def test_a_case_tip_form_whose_token_expired_keeps_its_case(csrf_on, client):
    fields = form_fields(client.get(f"/cases/{CASE}/tip"))
    fields["csrf_token"] = "expired"
    response = client.post(f"/cases/{CASE}/tip", data={**fields, "text": "Over deze zaak."})
    assert response.status_code == 400 and "Anna de Vries" in response.get_data(as_text=True)


def test_form_with_csrf_token_is_accepted(csrf_on, client):
    fields = form_fields(client.get("/tips/new"))
    response = client.post("/tips/new", data={**fields, "text": "met token"})
    assert response.status_code == 200
    assert stored() == (1, 0, 0)
