"""The audit log is complete and structured: every sign-in, account change, tip entered by staff or the command
line, import, build and export is an event code with parameters, said in the reader's language."""

from __future__ import annotations

import csv
import io
import json

import pyotp
import pytest
from sqlalchemy import select

from coldcase.audit import service as audit
from coldcase.audit.models import AuditEvent
from coldcase.extensions import db


def events(action=None) -> list[AuditEvent]:
    db.session.expire_all()
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query))


def test_sign_ins_failures_and_sign_outs_are_recorded_with_codes(client, create_user):
    user = create_user("admin", totp_secret=pyotp.random_base32())
    client.post("/staff/login", data={"email": user.email, "password": "not the password"})
    client.post("/staff/login", data={"email": "nobody@police.example", "password": "not the password"})
    client.post("/staff/login", data={"email": user.email, "password": user.password})
    client.post("/staff/2fa/", data={"code": "000000"})
    client.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
    client.post("/staff/logout")
    assert [(e.action, e.params) for e in events()] == [
        ("login_failed", {"email": user.email, "reason": "wrong_password"}),
        ("login_failed", {"email": "nobody@police.example", "reason": "wrong_password"}),
        ("login_2fa_failed", {"reason": "wrong_code"}),
        ("login", {"method": "password_totp"}),
        ("logout", {}),
    ]


def test_a_recovery_code_signs_in_once_and_is_recorded(client, create_user):
    from coldcase.auth import recovery

    user = create_user("investigator", totp_secret=pyotp.random_base32())
    codes = recovery.make_codes(user)
    db.session.commit()
    client.post("/staff/login", data={"email": user.email, "password": user.password})
    assert client.post("/staff/2fa/recovery", data={"recovery_code": "WRONG-CODES"}).status_code == 401
    response = client.post("/staff/2fa/recovery", data={"recovery_code": codes[3].lower().replace("-", " ")})
    assert response.status_code == 302 and client.get("/staff/").status_code == 200
    client.post("/staff/logout")
    client.post("/staff/login", data={"email": user.email, "password": user.password})
    assert client.post("/staff/2fa/recovery", data={"recovery_code": codes[3]}).status_code == 401  # used
    assert [e.params for e in events("2fa_recovery_code_used")] == [{"left": 9}]
    assert [e.params["method"] for e in events("login")] == ["password_recovery_code"]
    assert [e.params["reason"] for e in events("login_2fa_failed")] == ["wrong_recovery_code"] * 2


def test_accounts_made_on_the_command_line_are_recorded(runner):
    result = runner.invoke(args=["users", "create", "erik@police.example", "--role", "analyst"])
    assert result.exit_code == 0, result.output
    (event,) = events("user_created")
    assert event.actor_label == "command line" and event.actor_id is None
    assert event.params == {"email": "erik@police.example", "roles": ["analyst"]}


def test_ensure_admin_prints_the_address_it_is_told(runner):
    result = runner.invoke(args=["users", "ensure-admin", "--url", "http://127.0.0.1:8123"])
    assert "Sign in at http://127.0.0.1:8123/staff/login" in result.output
    assert events("user_created")[0].params["email"] == "admin@localhost"


def test_tips_added_or_imported_on_the_command_line_are_recorded_with_them(runner, tmp_path):
    result = runner.invoke(args=["tips", "add", "--channel", "phone", "--text", "Beller zag de auto"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "tips.csv"
    path.write_text("channel,case,edition,point,date,text,how_known,when_where,contact,status\n"
                    "letter,,,,2018-03-02,Brief,heard,,,closed\n"
                    "phone,,,,2019-11-30,Anonieme beller,saw,Zwolle,,new\n", encoding="utf-8")
    imported = runner.invoke(args=["tips", "import", str(path)])
    assert imported.exit_code == 0, imported.output
    entered = events("tip_entered")
    assert [(e.actor_label, e.params["source"], e.params["channel"]) for e in entered] == [
        ("command line", "command_line", "phone"), ("command line", "csv_import", "letter"),
        ("command line", "csv_import", "phone")]
    (imported,) = events("tips_imported")
    assert imported.params == {"count": 2, "source": "tips.csv"}


def test_a_tip_entered_by_staff_is_recorded_in_the_same_transaction(client, login_as, monkeypatch):
    from coldcase.tips import intake

    user = login_as("investigator")
    data = {"channel": "phone", "case": "", "edition": "", "point": "", "date": "", "text": "Beller zag de auto",
            "how_known": "", "when_where": "", "contact": ""}
    assert client.post("/staff/review/new", data=data).status_code == 302
    (event,) = events("tip_entered")
    assert (event.actor_id, event.params) == (user.id, {"channel": "phone", "source": "staff_form"})

    # If the audit event cannot be written, the tip is not stored either.
    def broken(*args, **kwargs):
        raise RuntimeError("audit failed")

    monkeypatch.setattr(intake, "_entered", broken)
    from coldcase.tips.models import Tip

    before = len(db.session.scalars(select(Tip)).all())
    try:
        client.post("/staff/review/new", data=data)
    except RuntimeError:
        pass
    db.session.rollback()
    assert len(db.session.scalars(select(Tip)).all()) == before


def test_the_log_page_says_events_in_the_reader_s_language(client, login_as):
    login_as("admin")
    audit.record("system", audit.TIP_STATUS, "tip:T-AAAA", {"old": "new", "new": "closed", "reason": "spam"})
    audit.record("system", audit.USER_ROLES, "user:9", {"email": "a@b.example", "old": ["analyst"],
                                                         "new": ["admin", "analyst"]})
    db.session.commit()
    english = client.get("/staff/audit/?lang=en").get_data(as_text=True)
    assert "status new → closed (spam)" in english and "a@b.example: roles analyst → admin, analyst" in english
    dutch = client.get("/staff/audit/?lang=nl").get_data(as_text=True)
    assert "status nieuw → afgesloten (spam)" in dutch
    assert "<td><bdi>systeem</bdi></td>" in dutch  # the app's own actors in the reader's language


def test_a_filter_with_control_characters_is_refused_with_a_message(client, login_as):
    login_as("admin")
    for name in ("actor", "target", "action"):
        response = client.get("/staff/audit/", query_string={name: "tip:\x00T-1", "lang": "en"})
        assert response.status_code == 400
        # Refused by the site's input layer (coldcase/web_input.py) before the filter is read.
        assert "contains characters that cannot be read" in response.get_data(as_text=True)
    assert client.get("/staff/audit/export.csv", query_string={"actor": "a\x00"}).status_code == 400
    assert events("export") == []  # nothing was exported, so nothing recorded


def test_the_export_carries_the_parameters_and_the_english_sentence(client, login_as):
    admin = login_as("admin")
    audit.record(admin, audit.TIP_GRADED, "tip:T-1", {"grade": "B2", "outcome": "usable"})
    db.session.commit()
    rows = list(csv.DictReader(io.StringIO(client.get("/staff/audit/export.csv?lang=nl").get_data(as_text=True))))
    graded = next(row for row in rows if row["action"] == "tip_graded")
    assert graded["detail"] == "graded B2, usable"
    assert json.loads(graded["params"]) == {"grade": "B2", "outcome": "usable"}
    (export,) = events("export")
    assert export.params == {"what": "audit log (CSV)", "filter": {"lang": "nl"}}


def test_a_calendar_built_on_the_command_line_is_recorded(runner, monkeypatch, tmp_path):
    from coldcase.publish import build

    def fake_build(library, year, options, progress=None):
        pdf = tmp_path / f"calendar-{year}-{options.variant}.pdf"
        pdf.write_bytes(b"%PDF-1.7\n")
        return build.BuildResult(year, options.variant, pdf_path=pdf, pages=4)

    monkeypatch.setattr(build, "build_calendar", fake_build)
    result = runner.invoke(args=["calendar", "build", "2027", "--variant", "screen", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (event,) = events("calendar_built")
    assert event.actor_label == "command line" and event.target == "calendar:2027"
    assert event.params == {"year": 2027, "variant": "screen", "distribution": None, "size": "A4",
                            "result": "passed", "file": "calendar-2027-screen.pdf"}


@pytest.mark.parametrize(("action", "params", "words"), [
    ("user_unit", {"email": "a@example.org", "unit": "Team Oost"}, "a@example.org: unit Team Oost"),
    ("held_back_added", {"ref": "#3"}, "held-back fact #3 added"),
    ("held_back_removed", {"ref": "#3"}, "held-back fact #3 removed"),
    ("held_back_matched", {"refs": ["#3", "#4"]}, "the tip mentions held-back fact #3, #4"),
    ("held_back_viewed", {"refs": ["#3"]}, "held-back fact #3 named on the tip page"),
    ("held_back_viewed", {"count": 2}, "2 held-back facts shown"),
    ("demo_seeded", {"tips": {"2018": 302, "2017": 78}}, "synthetic history: 2017: 78, 2018: 302"),
    ("export", {"what": "yield cases (CSV)", "filter": {"edition": "2018"}}, "yield cases (CSV) exported (edition: 2018)"),
])
def test_events_of_other_features_are_said_in_words(app, action, params, words):
    from types import SimpleNamespace

    from coldcase.audit.describe import ACTION_LABELS, describe

    with app.test_request_context("/?lang=en"):
        assert describe(SimpleNamespace(action=action, params=params, detail="")) == words
        assert action in ACTION_LABELS  # each code has a short name for the audit log's filter
