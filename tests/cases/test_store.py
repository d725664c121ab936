"""CaseStore keeps the library in memory and picks up edits without a restart."""

from __future__ import annotations

import datetime
import os
import threading

from coldcase.cases.store import CaseStore, store_for
from tests.cases.conftest import FILLER_CASE, TODAY, make_photo


def _touch_later(path):
    # Make sure the change is visible even on file systems with coarse timestamps.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_unchanged_files_give_the_same_library(scenario):
    store = CaseStore(scenario("valid"), clock=lambda: TODAY)
    first = store.library()
    assert store.library() is first
    assert store.last_reloaded == 0


def test_edited_case_is_picked_up_and_only_it_is_read_again(scenario):
    root = scenario("valid")
    store = CaseStore(root, clock=lambda: TODAY)
    store.library()
    path = root / "anna-de-vries-1994" / "case.md"
    path.write_text(path.read_text().replace("reward: 15000", "reward: 20000"))
    _touch_later(path)
    library = store.library()
    assert library.cases["anna-de-vries-1994"].reward == 20000
    assert store.last_reloaded == 1


def test_case_broken_by_an_edit_leaves_the_site_and_is_reported_in_its_edition(scenario):
    root = scenario("valid")
    store = CaseStore(root, clock=lambda: TODAY)
    assert 2027 in store.library().editions
    path = root / "anna-de-vries-1994" / "case.md"
    path.write_text(path.read_text().replace("kind: homicide", "kind: murder"))
    _touch_later(path)
    library = store.library()
    assert "anna-de-vries-1994" not in library.cases
    assert store.case("anna-de-vries-1994") is None
    # The edition stays (its other cases are still shown) but says which week is broken.
    assert 2027 in library.editions
    assert any("case 'anna-de-vries-1994' has errors" in p.message for p in library.errors
               if p.path.name == "2027.yaml")


def test_new_and_removed_case_folders_are_noticed(scenario):
    root = scenario("valid")
    store = CaseStore(root, clock=lambda: TODAY)
    store.library()
    (root / "filler-99").mkdir()
    (root / "filler-99" / "case.md").write_text(FILLER_CASE.format(id="filler-99", number=99))
    make_photo(root / "filler-99" / "photo.jpg")
    assert "filler-99" in store.library().cases
    for path in (root / "filler-99").iterdir():
        path.unlink()
    (root / "filler-99").rmdir()
    assert "filler-99" not in store.library().cases


def test_replaced_photo_is_checked_again(scenario):
    root = scenario("valid")
    store = CaseStore(root, clock=lambda: TODAY)
    store.library()
    make_photo(root / "unknown-man-zeeland-2003" / "photo.jpg", 400, 300)
    library = store.library()
    assert "unknown-man-zeeland-2003" in library.invalid_case_ids


def test_edited_edition_is_checked_again(scenario):
    root = scenario("valid")
    store = CaseStore(root, clock=lambda: TODAY)
    store.library()
    path = root / "editions" / "2027.yaml"
    path.write_text(path.read_text().replace("copies: 700", "copies: 0"))
    _touch_later(path)
    assert store.library().editions == {}


def test_a_new_day_checks_dates_again(scenario):
    root = scenario("fields")
    today = [TODAY]
    store = CaseStore(root, clock=lambda: today[0])
    assert "key-date-future" not in store.library().cases
    today[0] = datetime.date(2027, 6, 1)
    assert "key-date-future" in store.library().cases


def test_concurrent_callers_share_one_library(scenario):
    store = CaseStore(scenario("valid"), clock=lambda: TODAY)
    results = []
    threads = [threading.Thread(target=lambda: results.append(store.library())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(library) for library in results}) == 1


def test_missing_folder_gives_a_problem(tmp_path):
    library = CaseStore(tmp_path / "nowhere").library()
    assert library.cases == {} and len(library.errors) == 1


def test_store_for_app_is_created_once(scenario):
    class App:  # the two attributes of a Flask app that store_for uses
        extensions: dict = {}
        config = {"CASES_DIR": str(scenario("valid"))}

    app = App()
    assert store_for(app) is store_for(app)
