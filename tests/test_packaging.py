"""`pip install .` must carry every subpackage, the templates, the static files and the migrations."""

import configparser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _listed_packages() -> set[str]:
    parser = configparser.ConfigParser()
    parser.read(REPO / "setup.cfg")
    return {line.strip() for line in parser["options"]["packages"].splitlines() if line.strip()}


def test_every_python_package_is_listed_in_setup_cfg():
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "coldcase").rglob("__init__.py")
        if "migrations" not in init.parts and "translations" not in init.parts
    }
    missing = on_disk - _listed_packages()
    assert not missing, f"add these to [options] packages in setup.cfg: {sorted(missing)}"


def test_templates_and_static_files_are_installed_with_the_package():
    assert {"coldcase._templates", "coldcase._static"} <= _listed_packages()
