"""Configuration: defaults, then the instance folder's ``coldcase.cfg``, then ``COLDCASE_*`` environment variables,
then the mapping given to :func:`coldcase.create_app` (tests use that).

No secret lives in code: when no secret key is configured, one is generated into the instance folder the first
time the app is built and reused afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any


def _words(value: str) -> tuple[str, ...]:
    """Read a comma-separated list such as ``admin,investigator``."""
    return tuple(word.strip() for word in value.split(",") if word.strip())


#: Environment variable -> config key, with how to read the value. Documented in the README's table.
ENVIRONMENT = {
    "COLDCASE_DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "COLDCASE_SECRET_KEY": ("SECRET_KEY", str),
    "COLDCASE_CASES_DIR": ("CASES_DIR", Path),
    "COLDCASE_OUTPUT_DIR": ("OUTPUT_DIR", Path),
    "COLDCASE_PUBLIC_BASE_URL": ("PUBLIC_BASE_URL", str),
    "COLDCASE_DEFAULT_LANGUAGE": ("DEFAULT_LANGUAGE", str),
    "COLDCASE_SESSION_MINUTES": ("SESSION_MINUTES", int),
    "COLDCASE_REDIS_URL": ("REDIS_URL", str),
    "COLDCASE_SPOOL_DIR": ("SPOOL_DIR", Path),
    "COLDCASE_ENCRYPTION_KEY": ("ENCRYPTION_KEY", str),
    "COLDCASE_TWO_FACTOR_ROLES": ("TWO_FACTOR_ROLES", _words),
    "COLDCASE_RETENTION_DAYS_CONTACT": ("RETENTION_DAYS_CONTACT", int),
    "COLDCASE_RETENTION_DAYS_ATTACHMENTS": ("RETENTION_DAYS_ATTACHMENTS", int),
    "COLDCASE_CASES_RECHECK_SECONDS": ("CASES_RECHECK_SECONDS", float),
    "COLDCASE_DB_CONNECT_TIMEOUT": ("DB_CONNECT_TIMEOUT", int),
    "COLDCASE_DB_STATEMENT_TIMEOUT": ("DB_STATEMENT_TIMEOUT", float),
    "COLDCASE_HTTPS": ("HTTPS", lambda value: value.strip().lower() in ("1", "true", "yes", "on")),
}


def defaults(instance_path: Path) -> dict[str, Any]:
    """Return the embedded defaults: SQLite in the instance folder, sample cases and output in the working
    directory (where `make run` starts the app)."""
    cwd = Path.cwd()
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'coldcase.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Every wait on the database ends: a database that hangs (a full disk, a partition, a lock) must cost a
        # tipster seconds, not the worker's whole timeout, so that the tip can still go to the spool in time.
        "DB_CONNECT_TIMEOUT": 3,
        "DB_STATEMENT_TIMEOUT": 5.0,
        # Spooled tips are imported by a background thread in each worker (one at a time across processes),
        # never inside a tipster's request; it looks this often while tips wait.
        "SPOOL_IMPORTER": True,
        "SPOOL_IMPORT_SECONDS": 10.0,
        "CASES_DIR": cwd / "cases",
        "OUTPUT_DIR": cwd / "output",
        "SPOOL_DIR": instance_path / "spool",
        "PUBLIC_BASE_URL": "https://example.org",
        # Languages of the interface; case texts come in whatever translations the case folder holds.
        "LANGUAGES": ["nl", "en", "es", "ar", "ru", "pl"],
        "DEFAULT_LANGUAGE": "nl",
        "SESSION_MINUTES": 30,
        # The session cookie's signature expires after this long, for everyone: it also carries a tipster's CSRF
        # token, and a tip may take long to write. Staff are signed out after SESSION_MINUTES without a request
        # (coldcase.auth.views.staff_session_rules).
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "REDIS_URL": None,
        "ENCRYPTION_KEY": None,
        # Served over HTTPS (also behind a proxy that ends TLS): Secure __Host- cookies and HSTS
        # (coldcase.auth.cookies).
        "HTTPS": False,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,  # a tipster may take an hour to write; the token lives as long as the session
        "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "nl",
        # The tip form's catalogs and the site's; Flask-Babel merges them in this order. The site's come last on
        # purpose: the last catalog also decides the plural rule, and the site has one for every UI language.
        "BABEL_TRANSLATION_DIRECTORIES": ";".join(
            str(Path(__file__).resolve().parent / folder) for folder in ("tips/translations", "translations")
        ),
    }


def load(app, config: Mapping[str, Any] | None = None) -> None:
    """Fill ``app.config`` from defaults, the instance file, the environment and ``config``, in that order."""
    instance_path = Path(app.instance_path)
    app.config.update(defaults(instance_path))
    app.config.from_pyfile("coldcase.cfg", silent=True)
    for variable, (key, kind) in ENVIRONMENT.items():
        value = os.environ.get(variable)
        if value not in (None, ""):
            app.config[key] = kind(value)
    if config:
        app.config.update(config)
    for key in ("CASES_DIR", "OUTPUT_DIR", "SPOOL_DIR"):
        app.config[key] = Path(app.config[key])
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(instance_path)


def engine_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """SQLAlchemy's engine options with the connect and statement timeouts for the configured database.

    Options set explicitly in ``SQLALCHEMY_ENGINE_OPTIONS`` (including its ``connect_args``) win. PostgreSQL gets
    libpq's ``connect_timeout`` (the whole connection set-up, also against a server that accepts and never
    answers), server-side statement and lock timeouts, and a TCP user timeout with keepalives (a partition during
    a statement). SQLite waits at most the statement timeout for a lock held by another writer.
    """
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    connect = max(1, int(config["DB_CONNECT_TIMEOUT"]))
    statement_ms = max(1, int(float(config["DB_STATEMENT_TIMEOUT"]) * 1000))
    url = str(config.get("SQLALCHEMY_DATABASE_URI") or "")
    if url.startswith("postgresql"):
        defaults = {
            # libpq counts whole seconds and treats 1 as 2.
            "connect_timeout": max(2, connect),
            "options": f"-c statement_timeout={statement_ms} -c lock_timeout={statement_ms} "
                       f"-c idle_in_transaction_session_timeout={10 * statement_ms}",
            "tcp_user_timeout": statement_ms + 1000,
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 2,
            "keepalives_count": 3,
        }
    elif url.startswith("sqlite"):
        defaults = {"timeout": statement_ms / 1000}
    else:
        defaults = {}
    options["connect_args"] = {**defaults, **dict(options.get("connect_args") or {})}
    if ":memory:" not in url and url not in ("sqlite://", "sqlite+pysqlite://"):
        # Waiting for a free connection in the pool is a wait too (an in-memory SQLite database has no pool).
        options.setdefault("pool_timeout", connect)
    return options


def instance_secret(instance_path: Path) -> str:
    """Return the secret key kept in ``instance/secret_key``, generating it (mode 0600) on first use."""
    return instance_key_file(instance_path / "secret_key", lambda: secrets.token_hex(32))


def instance_key_file(path: Path, make: Callable[[], str]) -> str:
    """Return the key kept in ``path``, writing ``make()`` there first (mode 0600, fsync'd) if there is none.

    Two workers starting at once agree on one key: the file is created exclusively, and the loser reads the
    winner's key.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = make()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    return key
