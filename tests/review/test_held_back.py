"""Held-back facts: kept by investigators of the case's unit, encrypted at rest, a strong signal in the score
and in the queue, audited, and never on a public page, a PDF, an export or a log."""

import logging
import re
import subprocess

import pytest
from sqlalchemy import select, text

from coldcase.audit.models import AuditEvent
from coldcase.extensions import db
from coldcase.review import held_back
from coldcase.tips.models import Tip
from tests.tips.conftest import form_fields

CASE = "yvonne-bakker-2016"
UNIT = "Team Cold Cases Midden-Nederland"
LABEL = "aansteker met gravure"
TERMS = "aansteker gravure\nzippo aansteker\nengraved lighter"
#: Words that no case, page or template holds: any of them on a public page came from the held-back fact.
SECRET_WORDS = ("aansteker", "gravure", "zippo", "engraved lighter")


@pytest.fixture
def unit_member(login_as):
    return login_as("investigator", unit=UNIT)


def _add(client, label=LABEL, terms=TERMS):
    page = client.get(f"/staff/review/cases/{CASE}/held-back")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True))
    data = {"label": label, "terms": terms}
    if token:
        data["csrf_token"] = token.group(1)
    return client.post(f"/staff/review/cases/{CASE}/held-back", data=data)


def _send_tip(client, body):
    page = client.get(f"/cases/{CASE}/tip")
    return client.post(f"/cases/{CASE}/tip", data={**form_fields(page), "text": body},
                       content_type="multipart/form-data")


def test_an_investigator_of_the_unit_records_a_fact_stored_encrypted_and_audited_without_its_words(
        client, unit_member):
    response = _add(client)
    assert response.status_code == 302
    page = client.get(f"/staff/review/cases/{CASE}/held-back").get_data(as_text=True)
    assert LABEL in page and "engraved lighter" in page
    raw = db.session.execute(text("SELECT label_encrypted, terms_encrypted FROM held_back_facts")).one()
    assert not any(word.encode() in bytes(raw[0]) + bytes(raw[1]) for word in SECRET_WORDS)
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.target == f"case:{CASE}")))
    assert {event.action for event in events} >= {held_back.HELD_BACK_ADDED, held_back.HELD_BACK_VIEWED}
    assert not any(word in f"{event.detail} {event.params}" for event in events for word in SECRET_WORDS)


@pytest.mark.parametrize("fields", [{"unit": "Team Cold Cases Oost-Nederland"}, {}])
def test_investigators_of_another_unit_or_none_cannot_read_or_record(client, login_as, fields):
    login_as("investigator", **fields)
    assert client.get(f"/staff/review/cases/{CASE}/held-back").status_code == 403
    assert client.post(f"/staff/review/cases/{CASE}/held-back", data={"label": "x"}).status_code in (400, 403)
    assert db.session.scalar(select(held_back.WithheldFact.id)) is None


def test_the_unit_is_compared_without_case_or_accents(client, login_as):
    login_as("investigator", unit="team cold cases MIDDEN-nederland ")
    assert client.get(f"/staff/review/cases/{CASE}/held-back").status_code == 200


def test_an_unknown_case_is_not_found(client, unit_member):
    assert client.get("/staff/review/cases/no-such-case/held-back").status_code == 404


@pytest.mark.parametrize("label, terms, message", [
    ("", "", "Say in a few words what the fact is."),
    ("x" * 201, "", "Field cannot be longer than 200 characters."),
])
def test_an_empty_or_too_long_fact_is_refused(client, unit_member, label, terms, message):
    response = _add(client, label, terms)
    assert response.status_code == 400
    assert db.session.scalar(select(held_back.WithheldFact.id)) is None


def test_the_service_refuses_too_many_words_and_outsiders(app, create_user):
    from coldcase.review.triage import case_for

    case = case_for(CASE)
    member = create_user("investigator", unit=UNIT)
    with app.test_request_context():
        with pytest.raises(held_back.HeldBackError, match="the words that mention it at most 1000"):
            held_back.add(member, case, "mes", "x" * 1001)
        with pytest.raises(held_back.HeldBackError, match="Say in a few words"):
            held_back.add(member, case, "  ", "")
        outsider = create_user("investigator", unit="Team Cold Cases Amsterdam")
        with pytest.raises(held_back.HeldBackError, match="Only investigators of"):
            held_back.add(outsider, case, "mes", "")
        with pytest.raises(held_back.HeldBackError, match="no such held-back fact"):
            held_back.remove(member, case, 12345)


def test_a_fact_can_be_removed(client, unit_member):
    _add(client)
    fact = db.session.scalar(select(held_back.WithheldFact))
    page = client.get(f"/staff/review/cases/{CASE}/held-back").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(f"/staff/review/cases/{CASE}/held-back/{fact.id}/delete", data={"csrf_token": token})
    assert response.status_code == 302
    assert db.session.scalar(select(held_back.WithheldFact.id)) is None


def test_a_tip_that_mentions_one_stands_out_and_the_match_is_audited(client, app, unit_member, login_as,
                                                                     caplog):
    caplog.set_level(logging.DEBUG)
    _add(client)
    fact = db.session.scalar(select(held_back.WithheldFact))
    client.post("/staff/logout")
    assert _send_tip(client, "Hij had zo'n aansteker met een gravure erop, dat zag ik.").status_code == 200
    tip = db.session.scalars(select(Tip)).one()
    assert [detail for _, code, detail in tip.triage_reasons if code == "held_back"] == [fact.ref]
    matched = db.session.scalar(select(AuditEvent).where(AuditEvent.action == held_back.HELD_BACK_MATCHED))
    assert matched.target == f"tip:{tip.number}" and matched.params == {"refs": [fact.ref]}

    # The unit's investigator sees the fact named and the words highlighted; the queue marks the tip.
    login_as("investigator", unit=UNIT)
    queue = client.get("/staff/review/").get_data(as_text=True)
    assert "mentions a held-back fact" in queue and LABEL not in queue
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert f"mentions a held-back fact: {LABEL}" in page
    assert 'tip-word--held_back' in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == held_back.HELD_BACK_VIEWED,
                                                      AuditEvent.target == f"tip:{tip.number}"))

    # An investigator of another unit sees that a fact matched, never which.
    client.post("/staff/logout")
    login_as("investigator", unit="Team Cold Cases Amsterdam")
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert "mentions a held-back fact" in page and LABEL not in page
    assert "only investigators of Team Cold Cases Midden-Nederland see which" in page
    assert 'tip-word--held_back' not in page
    assert not any(word in caplog.text for word in SECRET_WORDS)


def test_the_tip_page_highlights_new_and_published_words(client, login_as):
    _send_tip(client, "Yvonne Bakker stapte bij Ricky de Wit in een witte Opel.")
    tip = db.session.scalars(select(Tip)).one()
    login_as("investigator")
    page = client.get(f"/staff/review/tips/{tip.number}").get_data(as_text=True)
    assert re.search(r'<mark class="tip-word tip-word--new"[^>]*>Ricky de Wit</mark>', page)
    assert re.search(r'<mark class="tip-word tip-word--published"[^>]*>Yvonne Bakker</mark>', page)


def test_held_back_facts_never_reach_a_public_page_a_pdf_an_export_or_a_log(client, app, unit_member, caplog,
                                                                            tmp_path, monkeypatch):
    caplog.set_level(logging.DEBUG)
    _add(client)
    client.get(f"/staff/review/cases/{CASE}/held-back")
    client.post("/staff/logout")
    _send_tip(client, "Ik zag een aansteker met gravure bij het water liggen.")

    # Every public page, in every language, for every case.
    from coldcase.cases.store import store_for

    library = store_for(app).library()
    pages = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staff") or "GET" not in rule.methods or "filename" in rule.arguments:
            continue
        ids = sorted(library.cases) if "case_id" in rule.arguments else [None]
        for case_id in ids:
            url = rule.rule.replace("<case_id>", case_id) if case_id else rule.rule
            for lang in app.config["LANGUAGES"]:
                pages.append(client.get(f"{url}?lang={lang}").get_data(as_text=True))
    assert len(pages) > 100
    for page in pages:
        assert not any(word in page.lower() for word in SECRET_WORDS)

    # The audit log's CSV export.
    from coldcase.audit import service as audit

    exported = "".join(audit.csv_rows(audit.AuditFilter()))
    assert "held_back_added" in exported
    assert not any(word in exported.lower() for word in SECRET_WORDS)

    # The calendar PDF of the week that shows this case.
    import dataclasses

    from coldcase.publish import build

    original = build.build_calendar
    monkeypatch.setattr(build, "build_calendar", lambda library, year, options, **k: original(
        library, year, dataclasses.replace(options, weeks=(1,), workers=1), **k))
    app.config["OUTPUT_DIR"] = tmp_path
    result = app.test_cli_runner().invoke(args=["calendar", "build", "2027", "--variant", "screen"])
    assert result.exit_code == 0, result.output
    words = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
                    for pdf in tmp_path.rglob("*.pdf"))
    assert "Yvonne Bakker" in words  # the case's own week was printed
    assert not any(word in words.lower() for word in SECRET_WORDS)

    assert not any(word in caplog.text.lower() for word in SECRET_WORDS)


def test_rotate_key_reencrypts_held_back_facts(app, runner, create_user):
    from cryptography.fernet import Fernet

    from coldcase.review.triage import case_for

    old = Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEY"] = old
    member = create_user("investigator", unit=UNIT)
    with app.test_request_context():
        held_back.add(member, case_for(CASE), LABEL, TERMS)
    db.session.commit()
    new = Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEY"] = f"{new},{old}"
    result = runner.invoke(args=["tips", "rotate-key"])
    assert result.exit_code == 0 and "1 held-back fact(s)" in result.output
    app.config["ENCRYPTION_KEY"] = new
    db.session.expire_all()
    assert held_back.for_scoring(CASE)[0].label == LABEL


def test_an_admin_sets_the_unit_on_the_account_page(client, login_as, create_user):
    investigator = create_user("investigator")
    login_as("admin")
    page = client.get(f"/staff/admin/users/{investigator.id}").get_data(as_text=True)
    assert 'name="unit"' in page
    response = client.post(f"/staff/admin/users/{investigator.id}", data={"roles": ["investigator"], "unit": UNIT})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(investigator), investigator.id).unit == UNIT
    assert db.session.scalar(select(AuditEvent.params).where(AuditEvent.action == "user_unit"))["unit"] == UNIT
    assert UNIT in client.get(f"/staff/admin/users/{investigator.id}").get_data(as_text=True)
