"""Staff are signed out after SESSION_MINUTES idle; a tipster's form still works after a long time writing."""

import re
import time

_REAL_TIME = time.time


def _shift_clock(monkeypatch, seconds: float) -> None:
    """From now on the clock reads ``seconds`` later than the real one."""
    monkeypatch.setattr(time, "time", lambda: _REAL_TIME() + seconds)


def test_staff_are_signed_out_after_the_idle_minutes(client, login_as, monkeypatch):
    login_as("analyst")
    assert client.get("/staff/?lang=en").status_code == 200
    _shift_clock(monkeypatch, 31 * 60)
    response = client.get("/staff/?lang=en")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")
    page = client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "signed out after 30 minutes without activity" in page
    assert client.get("/staff/").status_code == 302


def test_staff_who_keep_working_stay_signed_in(client, login_as, monkeypatch):
    login_as("analyst")
    for minute in (20, 40, 60):  # a request every 20 minutes keeps the session alive
        _shift_clock(monkeypatch, minute * 60)
        assert client.get("/staff/").status_code == 200


def test_a_tipster_who_writes_for_45_minutes_still_gets_a_receipt(app, client, monkeypatch):
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/tips/new?lang=en").get_data(as_text=True)
    fields = {name: re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1)
              for name in ("csrf_token", "token")}
    _shift_clock(monkeypatch, 45 * 60)
    response = client.post("/tips/new", data={**fields, "text": "Ik weet wie het was, het duurde even."})
    assert response.status_code == 200 and 'id="receipt-code"' in response.get_data(as_text=True)
