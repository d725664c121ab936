"""``coldcase tips``: staff-entered tips, CSV import (all or nothing, every error with its row), key rotation."""

from __future__ import annotations

from cryptography.fernet import Fernet
from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips.intake import contact_details
from coldcase.tips.models import Tip
from tests.tips.conftest import CASE


def tips() -> list[Tip]:
    db.session.expire_all()
    return db.session.scalars(select(Tip).order_by(Tip.id)).all()


def test_add_phone_tip_with_channel_and_point(runner):
    result = runner.invoke(args=["tips", "add", "--channel", "phone", "--case", CASE, "--edition", "2027",
                                 "--point", "pi-vught", "--text", "Beller zag de auto", "--contact", "06-1"])
    assert result.exit_code == 0, result.output
    (tip,) = tips()
    assert (tip.channel, tip.case_id, tip.edition, tip.point_code) == ("phone", CASE, 2027, "PI-VUGHT")
    assert tip.receipt_hash is None and contact_details(tip) == "06-1"
    assert tip.number in result.output


def test_add_with_receipt_prints_a_working_code(runner, client):
    result = runner.invoke(args=["tips", "add", "--channel", "letter", "--text", "Brief", "--receipt"])
    code = result.output.split("(shown once): ")[1].strip()
    assert client.post("/tips/status", data={"code": code}).status_code == 200


def test_add_refuses_unknown_point_and_case(runner):
    result = runner.invoke(args=["tips", "add", "--channel", "visit", "--case", "nobody-1900", "--edition", "2027",
                                 "--point", "PI-NOWHERE", "--text", "x"])
    assert result.exit_code != 0
    assert "case 'nobody-1900' is not in the case library" in result.output
    assert "point 'PI-NOWHERE' is not a distribution point of 2027" in result.output
    assert tips() == []


def test_import_csv(runner, tmp_path):
    path = tmp_path / "tips.csv"
    path.write_text(
        "channel,case,edition,point,date,text,how_known,when_where,contact,status\n"
        f"letter,{CASE},2027,PI-VUGHT,2018-03-02,\"Brief uit PI Vught, met komma\",heard,,,closed\n"
        "phone,,,,2019-11-30,Anonieme beller,saw,Zwolle,,new\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["tips", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 2 tip(s)" in result.output
    first, second = tips()
    assert (first.channel, first.point_code, first.created_at.isoformat(), first.status) == (
        "letter", "PI-VUGHT", "2018-03-02", "closed")
    assert (second.case_id, second.how_known, second.when_where) == (None, "saw", "Zwolle")


def test_import_reports_every_error_with_its_row_and_imports_nothing(runner, tmp_path):
    path = tmp_path / "tips.csv"
    path.write_text(
        "channel,case,edition,point,date,text\n"
        "phone,,,,,Goed\n"
        "pigeon,,,,,Slecht kanaal\n"
        f"letter,{CASE},2031,,,Onbekende editie\n"
        "email,,,,2999-01-01,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["tips", "import", str(path)])
    assert result.exit_code != 0
    assert "row 3: channel 'pigeon' is not one of" in result.output
    assert "row 4: edition '2031' is unknown" in result.output
    assert "row 5: text is required" in result.output
    assert "row 5: date 2999-01-01 is in the future" in result.output
    assert "nothing was imported" in result.output
    assert tips() == []


def test_import_refuses_unknown_columns_and_non_utf8(runner, tmp_path):
    path = tmp_path / "tips.csv"
    path.write_text("channel,txt\nphone,hallo\n")
    result = runner.invoke(args=["tips", "import", str(path)])
    assert "row 1: unknown column txt" in result.output and "missing column text" in result.output
    path.write_bytes("channel,text\nphone,caf\xe9\n".encode("latin-1"))
    result = runner.invoke(args=["tips", "import", str(path)])
    assert "not UTF-8" in result.output
    assert tips() == []


def test_rotate_key_reencrypts_with_the_new_key(app, runner):
    old = Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEY"] = old
    runner.invoke(args=["tips", "add", "--channel", "phone", "--text", "x", "--contact", "geheim"])
    new = runner.invoke(args=["tips", "new-key"]).output.strip()
    app.config["ENCRYPTION_KEY"] = f"{new},{old}"
    result = runner.invoke(args=["tips", "rotate-key"])
    assert result.exit_code == 0, result.output
    assert "contact details of 1 tip(s)" in result.output
    app.config["ENCRYPTION_KEY"] = new  # the old key is gone and everything still reads
    (tip,) = tips()
    assert contact_details(tip) == "geheim"
    assert Fernet(new.encode()).decrypt(tip.contact_encrypted) == b"geheim"


def test_rotate_key_without_the_old_key_changes_nothing(app, runner):
    app.config["ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    runner.invoke(args=["tips", "add", "--channel", "phone", "--text", "x", "--contact", "geheim"])
    before = tips()[0].contact_encrypted
    app.config["ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    result = runner.invoke(args=["tips", "rotate-key"])
    assert result.exit_code != 0 and "nothing was changed" in result.output
    assert tips()[0].contact_encrypted == before


def test_bad_key_is_reported(app, runner):
    app.config["ENCRYPTION_KEY"] = "not-a-key"
    result = runner.invoke(args=["tips", "rotate-key"])
    assert result.exit_code != 0 and "Fernet keys" in result.output
