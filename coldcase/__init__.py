"""coldcase: cold-case calendars, anonymous tip intake and tip yield for police cold-case units."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from coldcase.resources import PACKAGE_DIR, STATIC_DIR, TEMPLATES_DIR


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints and commands, and nothing else.

    ``config`` overrides everything else (tests pass their database and flags here). The instance folder is
    ``COLDCASE_INSTANCE_PATH``, ``config["INSTANCE_PATH"]``, or Flask's default.
    """
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or os.environ.get("COLDCASE_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(STATIC_DIR),
        # The same URL whether the folder is static/ (a checkout) or _static/ (a wheel): proxies and caches
        # are configured for /static.
        static_url_path="/static",
    )

    from coldcase import config as settings

    settings.load(app, config)

    from coldcase import errors, i18n, privacy, web_input
    from coldcase.auth import cookies
    from coldcase.extensions import csrf, db, login_manager, migrate

    web_input.init_app(app)  # first: its check runs before every other, and the int converter before any route
    privacy.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    cookies.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)

    from coldcase import models  # noqa: F401  (every table known to the metadata and to migrations)

    _register_blueprints(app)

    from coldcase.cli import register_commands

    register_commands(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Register each feature's blueprint, explicitly: the public site, then the staff pages."""
    from coldcase.admin.views import bp as admin_bp
    from coldcase.analytics.views import bp as analytics_bp
    from coldcase.audit.views import bp as audit_bp
    from coldcase.auth.twofactor import bp as twofactor_bp
    from coldcase.auth.views import bp as auth_bp
    from coldcase.cases.views import bp as public_bp
    from coldcase.publish.views import bp as print_staff_bp
    from coldcase.review.held_back_views import bp as held_back_bp
    from coldcase.review.views import bp as review_bp
    from coldcase.tips.views import bp as tips_bp

    for blueprint in (public_bp, tips_bp, auth_bp, twofactor_bp, review_bp, held_back_bp, print_staff_bp, analytics_bp,
                      audit_bp, admin_bp):
        app.register_blueprint(blueprint)
