"""Every route of the app, with every role and anonymously: who may open what.

A new route under /staff/ that is missing from EXPECTED fails this test, so every staff page gets a decision.
"""

import pytest
from werkzeug.routing.converters import NumberConverter

from coldcase.auth.models import Role

ANONYMOUS = "anonymous"
ROLES = [role.value for role in Role]
SIGNED_IN = set(ROLES)

#: URL prefix -> who may open it; the longest matching prefix decides. "public" means anyone, signed in or not.
EXPECTED = {
    "/staff/login": "public",
    "/staff/2fa": "public",
    "/staff/logout": "public",  # always ends on the login page; signing out while signed out is harmless
    "/staff/password": SIGNED_IN,
    "/staff/": SIGNED_IN,
    "/staff/review": {"investigator"},
    "/staff/audit": {"admin"},
    "/staff/admin": {"admin"},
    "/staff/print": {"print_staff"},
    "/staff/yield": {"analyst", "admin"},
}


def _who_may(path: str):
    matches = [prefix for prefix in EXPECTED if path.startswith(prefix)]
    if not matches:
        return "public" if not path.startswith("/staff") else None
    return EXPECTED[max(matches, key=len)]


def _url(rule) -> str:
    path = rule.rule
    for argument in rule.arguments:
        converter = rule._converters[argument]
        if hasattr(converter, "items"):  # any(...)
            value = sorted(converter.items)[0]
        elif isinstance(converter, NumberConverter):
            value = "999999"
        else:
            value = "no-such-thing"
        path = path.replace(f"<{argument}>", value)
        for part in path.split("<")[1:]:
            token = "<" + part.split(">")[0] + ">"
            if token.endswith(f":{argument}>"):
                path = path.replace(token, value)
    return path


def _allowed(response) -> bool:
    if response.status_code in (401, 403):
        return False
    return not (response.status_code == 302 and response.headers["Location"].startswith("/staff/login"))


@pytest.fixture
def clients(app, create_user):
    """A signed-in client per role (with the second factor where needed), and an anonymous one."""
    import pyotp

    from coldcase.auth import twofactor

    result = {ANONYMOUS: app.test_client()}
    for role in ROLES:
        browser = app.test_client()
        user = create_user(role, totp_secret=pyotp.random_base32())
        browser.post("/staff/login", data={"email": user.email, "password": user.password})
        if twofactor.required_for(user):
            browser.post("/staff/2fa/", data={"code": pyotp.TOTP(user.totp_secret).now()})
        result[role] = browser
    return result


def test_every_route_checks_its_role(app, clients):
    rules = sorted((r for r in app.url_map.iter_rules() if r.endpoint != "static"),
                   key=lambda r: r.rule.startswith("/staff/logout"))  # sign out last
    unknown, wrong = [], []
    for rule in rules:
        path = _url(rule)
        who = _who_may(path)
        if who is None:
            unknown.append(rule.rule)
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            for name, browser in clients.items():
                response = browser.open(path, method=method)
                assert response.status_code < 500, (method, path, name)
                if who == "public":
                    continue
                expected = name in who
                if _allowed(response) != expected:
                    wrong.append(f"{method} {path} as {name}: {response.status_code}, expected "
                                 f"{'allowed' if expected else 'denied'}")
                elif not expected:
                    assert response.status_code == (302 if name == ANONYMOUS else 403), (method, path, name)
    assert unknown == [], "staff routes without an expectation in EXPECTED"
    assert wrong == []
