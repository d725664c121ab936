"""Anonymity: after a tip is sent through a real HTTP server, neither the database, nor the instance folder,
nor the app's logs (werkzeug's request log included) hold the tipster's address, user agent or referrer."""

from __future__ import annotations

import http.cookiejar
import io
import logging
import re
import urllib.parse
import urllib.request
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips.intake import decode_attachment
from coldcase.tips.models import TipAttachment
from tests.tips.conftest import CASE

USER_AGENT = "Mozilla/5.0 (TipsterPhone; SecretModel-7731)"
REFERRER = "https://referrer.example/the-page-the-tipster-came-from"
FORWARDED = "203.0.113.77"
CONTACT = "Kees, 06-55501234"
MARKERS = ("127.0.0.1", "SecretModel-7731", "referrer.example", FORWARDED, "55501234")



def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (10, 120, 30))
    exif = Image.Exif()
    exif[0x010F] = "TipsterCam"  # Make
    exif[0x0131] = "SecretModel-7731 firmware"  # Software
    gps = {1: "N", 2: (52.0, 30.0, 12.5), 3: "E", 4: (6.0, 5.0, 1.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----coldcase-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: image/jpeg\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_nothing_about_the_tipster_is_stored_or_logged(app, live_server, caplog):
    photo = _jpeg_with_gps()  # made before the log is captured: Pillow logs the tags it writes
    assert not logging.getLogger("werkzeug").disabled  # the request log is on, as in a real server
    caplog.set_level(logging.DEBUG)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    headers = {"User-Agent": USER_AGENT, "Referer": REFERRER, "X-Forwarded-For": FORWARDED,
               "X-Real-IP": FORWARDED, "Forwarded": f"for={FORWARDED}"}
    url = f"{live_server}/cases/{CASE}/tip?e=2027&d=PI-VUGHT"
    page = opener.open(urllib.request.Request(url, headers=headers)).read().decode()
    fields = dict(re.findall(r'name="(token|e|d|csrf_token)" type="hidden" value="([^"]*)"', page))
    fields.update(text="Ik zag de auto van de buurman", contact=CONTACT, how_known="saw")
    body, content_type = _multipart(fields, {"attachments": ("IMG_kees_thuis.jpg", photo)})
    request = urllib.request.Request(url.split("?")[0], data=body, headers={**headers, "Content-Type": content_type})
    receipt = opener.open(request).read().decode()
    assert 'id="receipt-code"' in receipt
    code = re.search(r'id="receipt-code"[^>]*>([^<]+)<', receipt).group(1)
    opener.open(urllib.request.Request(f"{live_server}/tips/status", headers=headers,
                                       data=urllib.parse.urlencode({"code": code}).encode())).read()

    # Every row of every table, as text.
    db.session.expire_all()
    dump = []
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(table.select()):
                dump.append(repr(tuple(row)))
    everything = "\n".join(dump)
    assert "Ik zag de auto van de buurman" in everything  # the dump did find the tip
    for marker in (*MARKERS, "kees_thuis", code):
        assert marker not in everything, marker
    # The logs were written (werkzeug logs every request) and hold nothing of the tipster either.
    log = "\n".join(f"{record.name} {record.getMessage()}" for record in caplog.records)
    assert "POST /cases/" in log and "werkzeug" in log
    for marker in (*MARKERS, "Ik zag", "kees_thuis", code, "TipsterCam", "GPS"):
        assert marker not in log, marker
    # Nor any file the app wrote in its instance folder or spool.
    for folder in (app.config["SPOOL_DIR"], app.instance_path):
        for path in Path(folder).rglob("*"):
            if path.is_file():
                text = path.read_bytes()
                assert not any(marker.encode() in text for marker in MARKERS), path

    attachment = db.session.scalars(select(TipAttachment)).one()
    assert attachment.filename == "attachment-1.jpg"
    clean = Image.open(io.BytesIO(decode_attachment(attachment)))
    assert clean.format == "JPEG" and clean.size == (64, 48)
    assert not clean.getexif() and "exif" not in clean.info
    assert b"TipsterCam" not in decode_attachment(attachment)
