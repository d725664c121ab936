"""Where the package's resource folders are, whether coldcase runs from a checkout or from an installed wheel.

The project keeps ``templates/`` and ``static/`` at the top of the repository; a wheel carries them inside the
package as ``coldcase/_templates`` and ``coldcase/_static`` (see ``setup.cfg``). Every module that reads a template,
a stylesheet, a font or a profile asks here, so nothing depends on the source tree being present.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``templates`` or ``static``: inside the installed package when it is there (a wheel), else at the
    top of the source tree (a checkout or an editable install)."""
    installed = PACKAGE_DIR / f"_{name}"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


TEMPLATES_DIR = resource_dir("templates")
STATIC_DIR = resource_dir("static")
