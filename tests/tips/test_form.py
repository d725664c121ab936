"""The tip form: what is recorded, what is asked, and what a tipster sees when something is wrong."""

from __future__ import annotations

from sqlalchemy import func, select

from coldcase.extensions import db
from coldcase.tips.models import Tip, TipMessage
from tests.tips.conftest import CASE, form_fields, receipt_code, tip_number


def count_tips() -> int:
    return db.session.scalar(select(func.count()).select_from(Tip))


def only_tip() -> Tip:
    db.session.expire_all()
    (tip,) = db.session.scalars(select(Tip)).all()
    return tip


def test_tip_without_case_goes_to_general_queue(send_tip):
    response = send_tip("/tips/new", how_known="saw", when_where="Zwolle, maart 1994")
    assert response.status_code == 200
    tip = only_tip()
    assert (tip.channel, tip.case_id, tip.edition, tip.point_code) == ("web", None, None, None)
    assert (tip.how_known, tip.when_where, tip.status) == ("saw", "Zwolle, maart 1994", "new")
    assert tip.is_anonymous
    assert tip_number(response) == tip.number


def test_case_tip_names_the_case_and_records_the_calendar_link(client, send_tip):
    page = client.get(f"/cases/{CASE}/tip?e=2027&d=pi-vught")
    assert "Anna de Vries" in page.get_data(as_text=True)
    response = send_tip(f"/cases/{CASE}/tip?e=2027&d=pi-vught")
    assert response.status_code == 200
    tip = only_tip()
    assert (tip.case_id, tip.edition, tip.point_code) == (CASE, 2027, "PI-VUGHT")


def test_forged_distribution_code_is_recorded_as_unknown(send_tip):
    send_tip(f"/cases/{CASE}/tip?e=2027&d=PI-NOWHERE")
    tip = only_tip()
    assert (tip.edition, tip.point_code) == (2027, "unknown")


def test_forged_edition_is_dropped(send_tip):
    send_tip("/tips/new?e=1888&d=PI-VUGHT")
    tip = only_tip()
    assert (tip.edition, tip.point_code) == (None, "unknown")


def test_code_without_edition_is_looked_up_in_the_current_edition(send_tip):
    send_tip("/tips/new?d=RN-ZWOLLE")
    assert (only_tip().edition, only_tip().point_code) == (2027, "RN-ZWOLLE")


def test_unknown_case_is_404(client):
    assert client.get("/cases/no-such-case/tip").status_code == 404
    assert client.post("/cases/no-such-case/tip", data={"text": "x"}).status_code == 404
    assert count_tips() == 0


def test_text_is_required(send_tip):
    response = send_tip(text="   ")
    assert response.status_code == 400
    assert "Please write what you know." in response.get_data(as_text=True)
    assert 'aria-describedby="text-hint text-error"' in response.get_data(as_text=True)
    assert count_tips() == 0


def test_too_long_fields_get_a_clear_message(send_tip):
    response = send_tip(text="a" * 10_001, when_where="b" * 2_001, contact="c" * 501)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert html.count("Please keep this under") == 3
    assert "10,000" in html and "2,000" in html and "500" in html
    assert count_tips() == 0


def test_unknown_how_known_answer_is_refused(send_tip):
    response = send_tip(how_known="psychic")
    assert response.status_code == 400
    assert "Please choose one of the answers." in response.get_data(as_text=True)
    assert count_tips() == 0


def test_honeypot_filled_in_is_refused(send_tip):
    response = send_tip(website="http://spam.example")
    assert response.status_code == 400
    assert "Please leave this field empty." in response.get_data(as_text=True)
    assert count_tips() == 0


def test_post_without_form_token_is_refused(client):
    response = client.post("/tips/new", data={"text": "hallo"})
    assert response.status_code == 400
    assert "Please reload the page" in response.get_data(as_text=True)
    assert count_tips() == 0


def test_double_click_makes_one_tip_with_the_same_receipt(client):
    fields = form_fields(client.get("/tips/new?e=2027&d=PI-VUGHT"))
    data = {**fields, "text": "Twee keer geklikt"}
    first = client.post("/tips/new", data=data)
    second = client.post("/tips/new", data=data)
    assert first.status_code == second.status_code == 200
    assert receipt_code(first) == receipt_code(second)
    assert tip_number(first) == tip_number(second)
    assert count_tips() == 1


def test_resending_the_same_form_with_more_text_adds_it_to_the_tip(client):
    fields = form_fields(client.get("/tips/new"))
    client.post("/tips/new", data={**fields, "text": "Eerste versie"})
    client.post("/tips/new", data={**fields, "text": "Eerste versie, en de auto was blauw"})
    tip = only_tip()
    assert tip.text == "Eerste versie"
    assert [m.body for m in db.session.scalars(select(TipMessage))] == ["Eerste versie, en de auto was blauw"]


def test_contact_details_are_encrypted(send_tip):
    from coldcase.tips.intake import contact_details

    send_tip(contact="06-12345678, vraag naar Kees")
    tip = only_tip()
    assert b"12345678" not in tip.contact_encrypted
    assert contact_details(tip) == "06-12345678, vraag naar Kees"


def test_receipt_page_shows_a_long_code_once_and_is_not_cached(send_tip):
    response = send_tip()
    code = receipt_code(response)
    assert len(code.replace("-", "")) == 16  # 16 base32 characters: 80 bits
    assert response.headers["Cache-Control"] == "no-store"
    tip = only_tip()
    assert code not in (tip.receipt_hash or "") and tip.receipt_hash
    assert "tips-receipt.js" in response.get_data(as_text=True)


def test_language_switch_keeps_the_calendar_link(client):
    html = client.get(f"/cases/{CASE}/tip?e=2027&d=PI-VUGHT").get_data(as_text=True)
    assert f"/cases/{CASE}/tip?e=2027&amp;d=PI-VUGHT&amp;lang=ar" in html


def test_form_works_without_javascript_and_has_labels(client):
    html = client.get("/tips/new").get_data(as_text=True)
    for field in ("text", "when_where", "attachments", "contact"):
        assert f'for="{field}"' in html
    assert "<legend" in html
    assert "<script" not in html and "style=" not in html


def _jpeg(colour) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "JPEG")
    return out.getvalue()


def test_sending_the_form_again_adds_new_contact_details_and_files_encrypted(client):
    import io

    from coldcase.tips.intake import contact_details, decode_attachment

    page = client.get("/tips/new")
    fields = {**form_fields(page), "text": "Ik zag een blauwe auto."}
    first = client.post("/tips/new", data={**fields, "attachments": [(io.BytesIO(_jpeg("red")), "a.jpg")]},
                        content_type="multipart/form-data")
    assert first.status_code == 200 and "receipt-added" not in first.get_data(as_text=True)
    # The tipster goes back, adds a phone number and a second photo (the first one again too), and sends again.
    second = client.post("/tips/new", data={
        **fields, "contact": "0612345678",
        "attachments": [(io.BytesIO(_jpeg("red")), "a.jpg"), (io.BytesIO(_jpeg("blue")), "b.jpg")],
    }, content_type="multipart/form-data")
    assert receipt_code(second) == receipt_code(first)
    html = second.get_data(as_text=True)
    assert 'id="receipt-added"' in html and "your contact details" in html and "1 file" in html
    tip = only_tip()
    assert contact_details(tip) == "0612345678"
    assert b"0612345678" not in tip.contact_encrypted
    assert [a.filename for a in tip.attachments] == ["attachment-1.jpg", "attachment-2.jpg"]
    assert decode_attachment(tip.attachments[1])[:3] == b"\xff\xd8\xff"
    assert db.session.scalars(select(TipMessage)).all() == []

    # Other contact details later: kept with the first ones, encrypted, never in a message (stored in clear).
    third = client.post("/tips/new", data={**fields, "contact": "kees@example.org"},
                        content_type="multipart/form-data")
    assert "your contact details" in third.get_data(as_text=True)
    tip = only_tip()
    assert contact_details(tip) == "0612345678\nkees@example.org"
    assert all("kees@" not in m.body for m in tip.messages)
    # The same again: nothing new, nothing added.
    fourth = client.post("/tips/new", data={**fields, "contact": "kees@example.org"},
                         content_type="multipart/form-data")
    assert 'id="receipt-added"' not in fourth.get_data(as_text=True)
    assert contact_details(only_tip()) == "0612345678\nkees@example.org"
    assert len(only_tip().attachments) == 2
