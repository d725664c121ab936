"""Shared fixtures: ``app``, ``client``, ``runner``, ``create_user`` and ``login_as``.

The suite runs on SQLite by default. With ``COLDCASE_TEST_POSTGRES_URL`` (an administrative URL, as `make test`
sets when PostgreSQL answers) it runs on a throwaway PostgreSQL database created for the run and dropped after.
The schema is made by the migrations, so every run also proves that ``coldcase db upgrade`` works.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
import sqlalchemy as sa

from coldcase import create_app
from coldcase.extensions import db

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CASES = REPO / "cases"


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Hash passwords with argon2 at its cheapest settings: the suite hashes hundreds of passwords, and the
    production cost (tens of milliseconds each) would only make it slow. Production code is unchanged."""
    from argon2 import PasswordHasher

    from coldcase.auth import passwords

    production = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    passwords._hasher = production


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The URL of this run's database, with its schema migrated to the newest revision."""
    admin_url = os.environ.get("COLDCASE_TEST_POSTGRES_URL")
    if admin_url:
        name = f"coldcase_test_{secrets.token_hex(4)}"
        admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    _migrate(url, tmp_path_factory.mktemp("migrate-instance"))
    yield url
    if admin_url:
        sa.create_engine(url).dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate(url: str, instance: Path) -> None:
    from flask_migrate import upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "migrate", "INSTANCE_PATH": instance})
    with app.app_context():
        upgrade()
        db.engine.dispose()


def make_test_config(database_url: str, tmp_path: Path, **overrides) -> dict:
    """The configuration every test app starts from."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": tmp_path / "instance",
        "CASES_DIR": SAMPLE_CASES,
        "OUTPUT_DIR": tmp_path / "output",
        "SPOOL_DIR": tmp_path / "spool",
        "WTF_CSRF_ENABLED": False,  # the CSRF tests switch it back on
        "ENCRYPTION_KEY": None,
        # No background importer thread outliving a test; the spool tests switch it on and stop it.
        "SPOOL_IMPORTER": False,
    }
    config.update(overrides)
    return config


@pytest.fixture
def app_config(database_url, tmp_path):
    """Overrides for the ``app`` fixture: a test may change this dict before asking for ``app``."""
    return make_test_config(database_url, tmp_path)


@pytest.fixture
def app(app_config):
    """A fresh app on this run's database; every table is emptied after the test."""
    application = create_app(app_config)
    with application.app_context():
        yield application
        empty_database()


def empty_database() -> None:
    """Empty every table of the current app's database and close its connections (inside an app context)."""
    db.session.remove()
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # The audit log's triggers refuse DELETE and TRUNCATE (migration 0006). Ordinary triggers do not
            # fire under session_replication_role = replica, which only a superuser may set: the suite's
            # administrative connection, never the app's role in production. Only tests do it.
            connection.execute(sa.text("SET LOCAL session_replication_role = replica"))
            names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
    db.engine.dispose()


@pytest.fixture(autouse=True)
def _user_per_request(request):
    """Tests keep one app context open, so Flask's ``g`` (where Flask-Login caches the signed-in user) would
    be shared by every request of every test client; forget the user at each request, as production does.
    Only for tests that use the ``app`` fixture."""
    if "app" not in request.fixturenames:
        yield
        return
    from flask import g, request_started

    app = request.getfixturevalue("app")

    def forget(sender, **extra):
        g.pop("_login_user", None)

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


@pytest.fixture
def client(app):
    """A test client for ``app``."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for ``app``'s commands."""
    return app.test_cli_runner()


@pytest.fixture
def create_user(app):
    """Return a function that adds a user with the given roles and returns it (password on ``.password``)."""
    from coldcase.auth.accounts import create_user as create

    counter = iter(range(1, 10_000))

    def make(*roles, email=None, password="correct horse battery", **fields):
        user, password = create(email or f"user{next(counter)}@police.example", roles or ["investigator"],
                                password=password)
        for key, value in fields.items():
            setattr(user, key, value)
        db.session.commit()
        user.password = password
        return user

    return make


@pytest.fixture
def login_as(client, create_user):
    """Return a function that signs the test client in as a new user holding ``roles`` (through the real login
    form) and returns that user."""

    def sign_in(*roles, **fields):
        from coldcase.auth import twofactor

        user = create_user(*roles, **fields)
        response = client.post("/staff/login", data={"email": user.email, "password": user.password})
        assert response.status_code == 302, response.get_data(as_text=True)
        if twofactor.required_for(user):  # admins and investigators pass the second step with a real code
            if not user.totp_secret:
                user.totp_secret = twofactor.new_secret()
                db.session.commit()
            import pyotp

            response = client.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
            assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in
