"""Never lose a tip: with the database down, tips go to the spool and still get receipts; when the database is
back they are imported exactly once, automatically and by ``coldcase tips import-spool``."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from coldcase import create_app
from coldcase.extensions import db
from coldcase.tips import spool
from coldcase.tips.models import Tip
from tests.tips.conftest import CASE, UNREACHABLE, receipt_code, send, tip_number, wait_until


def tip_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Tip))


def test_tips_sent_while_the_database_is_down_are_kept_and_imported_once(app, client, down_client, runner):
    receipts = []
    for index in range(3):
        response = send(down_client, f"/cases/{CASE}/tip?e=2027&d=PI-VUGHT", text=f"Tip {index} tijdens storing",
                        contact="geheim-telefoon-0612345678" if index == 0 else "")
        assert response.status_code == 200
        receipts.append((tip_number(response), receipt_code(response)))
    folder = app.config["SPOOL_DIR"]
    files = spool.pending(folder)
    assert len(files) == 3
    assert all("0612345678" not in path.read_text() for path in files)  # encrypted in the spool too
    assert tip_count() == 0

    result = runner.invoke(args=["tips", "import-spool"])
    assert result.exit_code == 0, result.output
    assert "Imported 3 spooled tip(s)" in result.output
    assert tip_count() == 3
    assert spool.pending(folder) == []
    again = runner.invoke(args=["tips", "import-spool"])
    assert "Imported 0 spooled tip(s)" in again.output
    assert tip_count() == 3

    for number, code in receipts:
        status = client.post("/tips/status", data={"code": code})
        assert status.status_code == 200
        assert number in status.get_data(as_text=True)
    tips = db.session.scalars(select(Tip).order_by(Tip.text)).all()
    assert {(t.case_id, t.edition, t.point_code) for t in tips} == {(CASE, 2027, "PI-VUGHT")}
    from coldcase.tips.intake import contact_details

    assert contact_details(tips[0]) == "geheim-telefoon-0612345678"


def test_a_spool_file_imported_twice_makes_one_tip(app, down_client, runner, tmp_path):
    send(down_client, text="Eén keer")
    (path,) = spool.pending(app.config["SPOOL_DIR"])
    copy = shutil.copy(path, tmp_path / "copy.json")
    runner.invoke(args=["tips", "import-spool"])
    shutil.copy(copy, path)  # as if a crash came between the commit and the removal of the file
    result = runner.invoke(args=["tips", "import-spool"])
    assert "1 were already stored" in result.output
    assert tip_count() == 1


def test_double_click_while_down_spools_one_tip(app, down_client):
    from tests.tips.conftest import form_fields

    fields = {**form_fields(down_client.get("/tips/new")), "text": "dubbel"}
    first = down_client.post("/tips/new", data=fields)
    second = down_client.post("/tips/new", data=fields)
    assert receipt_code(first) == receipt_code(second)
    assert len(spool.pending(app.config["SPOOL_DIR"])) == 1


def test_a_tipsters_request_never_imports_the_spool(app, client, down_client):
    # Importing thousands of spooled tips inside a request would let the server's timeout kill it: the request
    # only stores its own tip; the background importer (off in this test) brings in the rest.
    send(down_client, text="Tijdens de storing")
    response = send(client, text="Na de storing")
    assert response.status_code == 200
    assert tip_count() == 1
    assert len(spool.pending(app.config["SPOOL_DIR"])) == 1


def test_spooled_tips_are_imported_in_the_background_once_a_tip_reaches_the_database(importing, client, down_client):
    send(down_client, text="Tijdens de storing")
    assert tip_count() == 0
    response = send(client, text="Na de storing")
    assert response.status_code == 200
    assert wait_until(lambda: tip_count() == 2)
    assert spool.pending(importing.config["SPOOL_DIR"]) == []


def test_the_background_importer_looks_into_the_spool_by_itself(importing, client, down_client):
    client.get("/tips/new")  # the worker's first request starts its importer
    send(down_client, text="Tijdens de storing")
    assert wait_until(lambda: tip_count() == 1)  # no tip reached the database since: the importer looked itself


def test_import_spool_reports_when_the_database_is_still_down(down_client, app_config):
    send(down_client, text="Wacht")
    config = {**app_config, "SQLALCHEMY_DATABASE_URI": UNREACHABLE,
              "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}}}
    down = create_app(config)
    result = down.test_cli_runner().invoke(args=["tips", "import-spool"])
    assert result.exit_code != 0
    assert "1 tip(s) still wait" in result.output
    assert len(spool.pending(down.config["SPOOL_DIR"])) == 1
    with down.app_context():
        db.engine.dispose()


def test_no_receipt_when_neither_database_nor_spool_can_keep_the_tip(app_config, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the spool folder should be")
    config = {**app_config, "SQLALCHEMY_DATABASE_URI": UNREACHABLE, "SPOOL_DIR": blocked,
              "PROPAGATE_EXCEPTIONS": False,
              "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}}}
    down = create_app(config)
    response = send(down.test_client(), text="Nergens te bewaren")
    assert response.status_code >= 500
    assert 'id="receipt-code"' not in response.get_data(as_text=True)
    with down.app_context():
        db.engine.dispose()


def test_a_spool_file_keeps_only_the_day_it_was_written(app, down_client, time_machine):
    import datetime

    # The last second of a day (UTC): the file must carry that day's midnight, not the next one's.
    time_machine.move_to(datetime.datetime(2026, 11, 1, 23, 59, 59, 999_000, tzinfo=datetime.UTC), tick=False)
    send(down_client, text="Hoe laat was het?")
    (path,) = spool.pending(app.config["SPOOL_DIR"])
    midnight = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC).timestamp()
    assert path.stat().st_mtime == midnight
    assert path.stat().st_atime == midnight


def test_a_form_sent_again_while_the_database_is_down_adds_to_the_stored_tip(app, client, down_client, runner):
    from coldcase.tips.intake import contact_details
    from tests.tips.conftest import form_fields

    fields = {**form_fields(client.get("/tips/new")), "text": "Eerst zonder telefoon"}
    client.post("/tips/new", data=fields)
    down_client.post("/tips/new", data={**fields, "contact": "0687654321"})
    result = runner.invoke(args=["tips", "import-spool"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    (tip,) = db.session.scalars(select(Tip)).all()
    assert contact_details(tip) == "0687654321"
    assert spool.pending(app.config["SPOOL_DIR"]) == []


def test_a_form_sent_twice_with_changes_while_the_database_is_down_keeps_both(app, down_client, runner):
    # The tipster went back, added to the text and left a phone number, while the database was still down:
    # both sends were accepted with the same receipt, so neither may overwrite the other in the spool.
    from coldcase.tips.intake import contact_details
    from tests.tips.conftest import form_fields

    fields = {**form_fields(down_client.get("/tips/new")), "text": "Eerste versie"}
    first = down_client.post("/tips/new", data=fields)
    second = down_client.post("/tips/new", data={**fields, "text": "Eerste versie, en nog iets", "contact": "0612345678"})
    assert receipt_code(first) == receipt_code(second)
    assert len(spool.pending(app.config["SPOOL_DIR"])) == 2
    result = runner.invoke(args=["tips", "import-spool"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    (tip,) = db.session.scalars(select(Tip)).all()
    assert tip.text == "Eerste versie"
    assert [message.body for message in tip.messages] == ["Eerste versie, en nog iets"]
    assert contact_details(tip) == "0612345678"
    assert spool.pending(app.config["SPOOL_DIR"]) == []
