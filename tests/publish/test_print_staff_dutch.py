"""The print staff's pages in Dutch, the staff's default language (the other tests read them in English)."""

from __future__ import annotations

import pytest

from tests.publish.test_print_staff import FakeBuilder, finished_build, start, use_builder  # noqa: F401


@pytest.fixture
def app_config(app_config):
    app_config["DEFAULT_LANGUAGE"] = "nl"
    return app_config


def test_menu_checklist_and_a_build_are_in_dutch(client, login_as, use_builder):  # noqa: F811
    use_builder(FakeBuilder())
    login_as("print_staff")
    assert "Kalenders opmaken" in client.get("/staff/").get_data(as_text=True)
    page = client.get("/staff/print/?year=2027").get_data(as_text=True)
    for dutch in ("Controlelijst voor editie 2027", "52 zaken, één per week", "foto's worden gedrukt op 300 dpi",
                  "Opmaak starten", "Op deze site is nog geen kalender opgemaakt."):
        assert dutch in page.replace("&#39;", "'"), dutch
    assert "Checklist for edition" not in page

    _build_id, page = finished_build(client, start(client))
    for dutch in ("Preflight geslaagd.", "lettertypen ingesloten", "Bestanden", "geslaagd"):
        assert dutch in page, dutch
    assert "Preflight passed" not in page
