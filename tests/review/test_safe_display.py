"""Tipster text is shown safely on staff pages, and staff pages look like staff pages."""

from __future__ import annotations

from coldcase.extensions import db
from coldcase.review.display import bidi_controls, tipster_text
from coldcase.tips.conversation import add_tipster_message
from coldcase.tips.crypto import encrypt_text

RLO, PDF = "\u202e", "\u202c"


def test_direction_controls_are_isolated_and_made_visible():
    shown = str(tipster_text(f"open {RLO}gnp.exe{PDF} <b>now</b>"))
    assert shown.startswith('<bdi dir="auto" class="tipster-text">')
    assert RLO not in shown and PDF not in shown
    assert "⟨U+202E⟩" in shown and "⟨U+202C⟩" in shown and "&lt;b&gt;now&lt;/b&gt;" in shown
    assert bidi_controls("plain", None, f"{RLO}x{PDF}", "\u2067y\u2069") == 4


def test_the_tip_page_isolates_every_tipster_text_and_flags_controls(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip(text=f"Zie bijlage {RLO}gnp.exe{PDF} voor details over de auto bij de gracht die avond.",
                   when_where=f"{RLO}gracht", contact_encrypted=encrypt_text(f"06-{RLO}1234"))
    add_tipster_message(tip, f"Nog iets: {RLO}cod.exe")
    db.session.commit()
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert RLO not in page and PDF not in page
    assert page.count('<bdi dir="auto" class="tipster-text">') >= 4  # text, when and where, contact, message
    assert 'id="bidi-warning"' in page and "5 invisible direction characters" in page
    queue = client.get("/staff/review/").get_data(as_text=True)
    assert RLO not in queue and '<bdi dir="auto" class="tipster-text">' in queue


def test_a_tip_without_controls_has_no_warning(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip(text="مرحبا، رأيت سيارة زرقاء بالقرب من القناة في تلك الليلة مع رجلين.")
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert 'id="bidi-warning"' not in page and "مرحبا" in page


def test_staff_pages_use_the_staff_layout(client, login_as):
    login_as("investigator", "admin", "print_staff")
    for url in ("/staff/", "/staff/review/", "/staff/audit/", "/staff/admin/users", "/staff/print/"):
        page = client.get(url).get_data(as_text=True)
        assert "Give a tip" not in page and "All cases" not in page, url
        assert 'aria-label="Staff menu"' in page and "Tip queue" in page, url
    login_page = client.__class__(client.application).get("/staff/login").get_data(as_text=True)
    assert "Give a tip" not in login_page


def test_move_to_a_case_lists_case_names(client, login_as, make_tip):
    login_as("investigator")
    tip = make_tip()
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    select = page.split('name="case_id"', 1)[1].split("</select>", 1)[0]
    assert ">Adriaan Mol: Who killed Adriaan Mol" in select and "(adriaan-mol-1981)</option>" in select


def test_a_favicon_is_served_from_the_site_itself(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data
    assert 'rel="icon" href="/static/img/favicon.svg"' in client.get("/").get_data(as_text=True)
