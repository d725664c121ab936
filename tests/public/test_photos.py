"""The photo route serves the photos a case names, in web sizes, and nothing else from the case folder."""

from __future__ import annotations

import io

from PIL import Image

from tests.public.library import make_photo

ANNA = "/cases/anna-de-vries-1994"


def test_a_named_photo_is_served_with_caching_headers(client):
    response = client.get(f"{ANNA}/photos/photo.jpg")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert response.cache_control.public and response.cache_control.max_age >= 24 * 3600
    again = client.get(f"{ANNA}/photos/photo.jpg", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_web_sizes_are_smaller_copies(client):
    response = client.get(f"{ANNA}/photos/photo.jpg?w=480")
    assert response.status_code == 200
    with Image.open(io.BytesIO(response.data)) as image:
        assert image.size == (480, 360)
    # An arbitrary width would let anyone fill the disk with copies.
    assert client.get(f"{ANNA}/photos/photo.jpg?w=481").status_code == 404
    assert client.get(f"{ANNA}/photos/photo.jpg?w=big").status_code == 404
    assert client.get(f"{ANNA}/photos/photo.jpg", query_string={"w": "²"}).status_code == 404


def test_pages_use_web_sizes_and_change_the_address_when_the_photo_changes(page, cases_dir):
    first = page(ANNA).find("img")[0]["src"]
    assert first.startswith(f"{ANNA}/photos/photo.jpg?w=960&v=")
    photo = cases_dir / "anna-de-vries-1994" / "photo.jpg"
    photo.unlink()  # it is a hard link shared with other cases: replace it, do not write through it
    make_photo(photo, (1600, 1200), (10, 20, 30))
    assert page(ANNA).find("img")[0]["src"] != first


def test_files_the_case_does_not_name_are_refused(cases_dir, client):
    make_photo(cases_dir / "anna-de-vries-1994" / "not-listed.jpg")
    (cases_dir / "secret.txt").write_text("the content of a file outside the case")
    for name in (
        "not-listed.jpg",
        "case.md",
        "case.en.md",
        "../zaak-01/photo.jpg",
        "..%2Fzaak-01%2Fphoto.jpg",
        "%2e%2e/%2e%2e/secret.txt",
        "../../secret.txt",
        "/etc/passwd",
        "./photo.jpg",
        "PHOTO.JPG",
    ):
        response = client.get(f"{ANNA}/photos/{name}", follow_redirects=True)
        assert response.status_code == 404, name
        assert b"the content of a file" not in response.data


def test_photos_of_unknown_and_broken_cases_are_not_served(cases_dir, client):
    assert client.get("/cases/nobody-1900/photos/photo.jpg").status_code == 404
    (cases_dir / "zaak-05" / "case.md").write_text("---\nid: zaak-05\n---\n")
    assert client.get("/cases/zaak-05/photos/photo.jpg").status_code == 404
    assert client.get("/cases/zaak-06/photos/photo.jpg").status_code == 200


def test_a_photo_gone_since_the_case_was_loaded_gives_a_placeholder(cases_dir, client, monkeypatch):
    from coldcase.cases import views

    loaded = views.case_library()
    # The store would notice the deletion on the next request; keep the old library to act out the moment
    # between the deletion and the reload.
    monkeypatch.setattr(views, "case_library", lambda: loaded)
    (cases_dir / "anna-de-vries-1994" / "fiets.jpg").unlink()
    for url in (f"{ANNA}/photos/fiets.jpg", f"{ANNA}/photos/fiets.jpg?w=480"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "image/svg+xml", url
    assert client.get(ANNA).status_code == 200
