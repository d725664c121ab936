"""The application factory, configuration and error pages."""

import logging
import stat

import pytest
from flask import Flask

from coldcase import create_app
from coldcase.extensions import db


def test_factory_builds_an_app_without_touching_the_database(tmp_path):
    app = create_app({"SECRET_KEY": "x", "INSTANCE_PATH": tmp_path / "inst"})
    assert isinstance(app, Flask)
    # Building the app creates no database file: that is `coldcase db upgrade`'s job.
    assert not (tmp_path / "inst" / "coldcase.sqlite3").exists()


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("COLDCASE_DATABASE_URL", raising=False)
    app = create_app({"SECRET_KEY": "x", "INSTANCE_PATH": tmp_path / "inst"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'coldcase.sqlite3'}"


def test_environment_variables_configure_the_app(tmp_path, monkeypatch):
    monkeypatch.setenv("COLDCASE_DATABASE_URL", "sqlite:///" + str(tmp_path / "other.db"))
    monkeypatch.setenv("COLDCASE_CASES_DIR", str(tmp_path / "my-cases"))
    monkeypatch.setenv("COLDCASE_OUTPUT_DIR", str(tmp_path / "out"))
    monkeypatch.setenv("COLDCASE_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("COLDCASE_INSTANCE_PATH", str(tmp_path / "elsewhere"))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("other.db")
    assert app.config["CASES_DIR"] == tmp_path / "my-cases"
    assert app.config["OUTPUT_DIR"] == tmp_path / "out"
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.instance_path == str(tmp_path / "elsewhere")


def test_instance_file_overrides_defaults(tmp_path):
    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "coldcase.cfg").write_text("PUBLIC_BASE_URL = 'https://tips.politie.example'\n")
    app = create_app({"SECRET_KEY": "x", "INSTANCE_PATH": instance})
    assert app.config["PUBLIC_BASE_URL"] == "https://tips.politie.example"


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("COLDCASE_SECRET_KEY", raising=False)
    instance = tmp_path / "inst"
    first = create_app({"INSTANCE_PATH": instance}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": instance}).config["SECRET_KEY"]
    assert first == second and len(first) >= 64
    key_file = instance / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    other = create_app({"INSTANCE_PATH": tmp_path / "other"}).config["SECRET_KEY"]
    assert other != first


def test_unknown_page_gets_a_404_in_the_site_style(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "site-header" in page and "404" in page


def test_server_error_rolls_back_and_shows_the_500_page(app, client, create_user):
    from coldcase.auth.models import User

    @app.route("/boom")
    def boom():
        db.session.add(User(email="half@police.example", password_hash="x"))
        db.session.flush()
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(email="half@police.example").count() == 0


def test_database_that_is_down_gets_a_clear_503(tmp_path, database_url):
    from tests.conftest import make_test_config

    config = make_test_config("postgresql+psycopg://nobody@127.0.0.1:1/none", tmp_path)
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"connect_timeout": 1}}
    app = create_app(config)
    response = app.test_client().post("/staff/login", data={"email": "a@b.c", "password": "whatever"},
                                      headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "database cannot be reached" in response.get_data(as_text=True)


def test_request_log_never_holds_the_client_address(app, caplog):
    from coldcase.privacy import DropClientAddress

    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1,
                               '203.0.113.9 - - [22/Nov/2026 10:00:00] "GET /tips/new HTTP/1.1" 200 -', None, None)
    assert DropClientAddress().filter(record)
    assert "203.0.113.9" not in record.getMessage()
    assert '"GET /tips/new HTTP/1.1" 200' in record.getMessage()
    assert any(isinstance(f, DropClientAddress) for f in logging.getLogger("werkzeug").filters)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_lang_parameter_sets_the_page_language_and_is_remembered(client, lang):
    response = client.get(f"/staff/login?lang={lang}")
    assert f'<html lang="{lang}"' in response.get_data(as_text=True)
    assert client.get("/staff/login").get_data(as_text=True).count(f'<html lang="{lang}"') == 1


def test_browser_language_chooses_the_page_language(client):
    response = client.get("/staff/login", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en"' in response.get_data(as_text=True)
    response = client.get("/staff/login", headers={"Accept-Language": "ar"})
    page = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page


def test_list_and_number_settings_are_read_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COLDCASE_TWO_FACTOR_ROLES", "admin, investigator,analyst")
    monkeypatch.setenv("COLDCASE_RETENTION_DAYS_CONTACT", "90")
    app = create_app({"SECRET_KEY": "x", "INSTANCE_PATH": tmp_path / "inst"})
    assert app.config["TWO_FACTOR_ROLES"] == ("admin", "investigator", "analyst")
    assert app.config["RETENTION_DAYS_CONTACT"] == 90
