"""The print staff's pages: who may see them, starting and watching a build, and what may be downloaded.

The real build takes a minute; these tests give the app a stand-in builder (`CALENDAR_BUILDER`) that
writes a small PDF made by `preflight_fixtures`, so the job, preflight and thumbnails run for real.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from sqlalchemy import select

from coldcase.extensions import db
from coldcase.publish import jobs
from coldcase.publish.build import BuildResult
from coldcase.publish.models import CalendarBuild
from tests.publish.preflight_fixtures import good_print_spec, with_page, write_calendar_pdf

PAGES = ["/staff/print/", "/staff/print/builds/1", "/staff/print/builds/1/files/pdf",
         "/staff/print/builds/1/pages/1.png", "/staff/print/print_staff.css"]


class FakeBuilder:
    """Writes a four-page calendar PDF and its manifest, as `build_calendar` would, in a blink."""

    def __init__(self, spec=None, problems=None, hold: threading.Event | None = None, error=None):
        self.spec = spec or good_print_spec()
        self.problems = problems or []
        self.hold = hold
        self.error = error
        self.calls = []

    def __call__(self, library, year, options, progress=None):
        variant, out_dir, distribution, size = options.variant, options.out_dir, options.distribution, options.size
        self.calls.append(dict(year=year, variant=variant, distribution=distribution, size=size))
        result = BuildResult(year, variant, problems=list(self.problems), warnings=["case-07: no 'ar' translation"])
        if self.problems:
            return result
        total = len(self.spec.pages)
        if progress:
            progress(1, total)
        if self.hold is not None:
            self.hold.wait(10)
        if self.error:
            raise self.error
        result.pdf_path = write_calendar_pdf(out_dir, self.spec, name=f"calendar-{year}-{variant}")
        result.manifest_path = result.pdf_path.with_suffix(".json")
        result.pages = total
        if progress:
            progress(total, total)
        return result


@pytest.fixture
def use_builder(app):
    """Return a function that installs a FakeBuilder in the app and returns it."""

    def install(builder=None):
        builder = builder or FakeBuilder()
        app.config["CALENDAR_BUILDER"] = builder
        return builder

    return install


def start(client, **fields):
    data = {"year": 2027, "variant": "print", "distribution": "", "size": "A4", **fields}
    return client.post("/staff/print/builds", data=data)


def finished_build(client, response) -> tuple[int, str]:
    """Follow a start's redirect once the build's thread has ended; returns (id, page text)."""
    assert response.status_code == 302, response.get_data(as_text=True)
    build_id = int(re.search(r"/builds/(\d+)$", response.headers["Location"]).group(1))
    assert jobs.wait_for(build_id, timeout=30)
    page = client.get(f"/staff/print/builds/{build_id}")
    assert page.status_code == 200
    return build_id, page.get_data(as_text=True)


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["investigator", "analyst", "admin"])
def test_other_roles_are_refused(client, login_as, role):
    login_as(role)
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    assert start(client).status_code == 403


def test_staff_menu_offers_calendar_builds_to_print_staff_only(client, login_as):
    login_as("print_staff")
    assert "Calendar builds" in client.get("/staff/").get_data(as_text=True)


def test_start_page_shows_editions_checklist_and_no_history(client, login_as):
    login_as("print_staff")
    page = client.get("/staff/print/?year=2027").get_data(as_text=True)
    assert "Checklist for edition 2027" in page
    assert "52 cases, one a week" in page and "consent" in page and "photos print at 300 dpi" in page
    assert "translation of every case" in page
    assert "No calendar has been built from this site yet." in page


def test_a_passing_build_can_be_watched_downloaded_and_seen_page_by_page(client, login_as, use_builder):
    builder = use_builder()
    user = login_as("print_staff")
    build_id, page = finished_build(client, start(client, distribution="PI-VUGHT"))
    assert builder.calls == [dict(year=2027, variant="print", distribution="PI-VUGHT", size="A4")]
    assert "Preflight passed" in page and 'http-equiv="refresh"' not in page
    assert "calendar-2027-print.pdf" in page

    pdf = client.get(f"/staff/print/builds/{build_id}/files/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    manifest = client.get(f"/staff/print/builds/{build_id}/files/manifest")
    assert manifest.status_code == 200 and manifest.json["variant"] == "print"

    for number in range(1, 5):
        thumb = client.get(f"/staff/print/builds/{build_id}/pages/{number}.png")
        assert thumb.status_code == 200 and thumb.data.startswith(b"\x89PNG")
        assert f"pages/{number}.png" in page

    history = client.get("/staff/print/").get_data(as_text=True)
    assert f"#{build_id}" in history and user.email in history and "2027 print PI-VUGHT" in history

    # The start and each download are in the audit log, with who, what and which file.
    from coldcase.audit.models import AuditEvent
    from coldcase.extensions import db as database

    events = database.session.scalars(select(AuditEvent).where(AuditEvent.target == f"build:{build_id}")
                                      .order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_id) for e in events] == [("calendar_built", user.id)] + [
        ("calendar_downloaded", user.id)] * 2
    assert events[0].params["distribution"] == "PI-VUGHT" and events[0].params["result"] == "started"
    assert events[1].params["file"] == "calendar-2027-print.pdf" and events[2].params["kind"] == "manifest"


def test_a_build_that_fails_preflight_is_shown_and_named_not_for_print(client, login_as, use_builder):
    use_builder(FakeBuilder(with_page(good_print_spec(), 2, photo_px=(800, 600))))
    login_as("print_staff")
    build_id, page = finished_build(client, start(client))
    assert "NOT FOR PRINT" in page
    assert "jan-bakker-1988" in page and "169 dpi" in page  # the problem and its case
    pdf = client.get(f"/staff/print/builds/{build_id}/files/pdf")
    assert pdf.status_code == 200
    assert "calendar-2027-print-NOT-FOR-PRINT.pdf" in pdf.headers["Content-Disposition"]
    assert "NOT FOR PRINT" in client.get("/staff/print/").get_data(as_text=True)


def test_an_edition_with_problems_is_not_built_and_says_why(client, login_as, use_builder):
    use_builder(FakeBuilder(problems=["week 3: case 'x-1990' is solved; only open cases are printed"]))
    login_as("print_staff")
    build_id, page = finished_build(client, start(client))
    assert "Not built." in page and "x-1990" in page
    assert client.get(f"/staff/print/builds/{build_id}/files/pdf").status_code == 404


def test_a_builder_that_breaks_leaves_a_failed_record(client, login_as, use_builder):
    use_builder(FakeBuilder(error=RuntimeError("disk full")))
    login_as("print_staff")
    _, page = finished_build(client, start(client))
    assert "the build broke: disk full" in page


def test_a_running_build_shows_progress_and_refreshes_itself(client, login_as, use_builder):
    hold = threading.Event()
    use_builder(FakeBuilder(hold=hold))
    login_as("print_staff")
    response = start(client)
    build_id = int(response.headers["Location"].rsplit("/", 1)[1])
    try:
        deadline = time.monotonic() + 10
        while True:  # the thread reports its first page soon after it starts
            page = client.get(f"/staff/print/builds/{build_id}").get_data(as_text=True)
            if "1 of 4" in page or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert '<meta http-equiv="refresh" content="2">' in page
        assert "<progress" in page and "1 of 4 pages rendered" in page
        # Asking again for the same edition and variant leads to the running build, not a second one.
        again = start(client)
        assert again.headers["Location"].endswith(f"/builds/{build_id}")
        assert db.session.query(CalendarBuild).count() == 1
        # Another variant may be built at the same time.
        other = start(client, variant="screen")
        assert not other.headers["Location"].endswith(f"/builds/{build_id}")
    finally:
        hold.set()
    assert jobs.wait_for(build_id) and jobs.wait_for(build_id + 1)
    page = client.get(f"/staff/print/builds/{build_id}").get_data(as_text=True)
    assert "http-equiv" not in page


def test_downloads_are_refused_for_anything_but_the_recorded_files(client, login_as, use_builder):
    use_builder()
    login_as("print_staff")
    build_id, _ = finished_build(client, start(client))
    for url in [f"/staff/print/builds/{build_id}/files/calendar-2027-print.pdf",
                f"/staff/print/builds/{build_id}/files/..%2F..%2Fsecret_key",
                f"/staff/print/builds/{build_id}/files/../../instance/secret_key",
                f"/staff/print/builds/{build_id}/pages/0.png",
                f"/staff/print/builds/{build_id}/pages/99.png",
                f"/staff/print/builds/{build_id + 1}/files/pdf",
                "/staff/print/builds/999/pages/1.png"]:
        assert client.get(url).status_code == 404, url


def test_an_unknown_edition_is_refused_by_the_form(client, login_as, use_builder):
    builder = use_builder()
    login_as("print_staff")
    response = start(client, year=1999)
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/print/")
    assert builder.calls == []


def test_checklist_is_read_for_the_chosen_paper_size(client, login_as):
    login_as("print_staff")
    a4 = client.get("/staff/print/?year=2027&size=A4").get_data(as_text=True)
    a3 = client.get("/staff/print/?year=2027&size=A3").get_data(as_text=True)
    assert "photos print at 300 dpi (A4" in a4 and "needs" not in a4
    # The unidentified victims' photos are scenes of 1800×1350 px: enough for A4, too small for A3, and the
    # page says which.
    assert "photos print at 300 dpi (A3" in a3 and "is 1800×1350 px; printing at" in a3 and "needs 1336×1503 px" in a3
    assert '<option selected value="A3">' in a3
