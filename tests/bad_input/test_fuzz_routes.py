"""Every route, every role, hostile input: no answer is a 5xx, and no log holds a traceback or the client's address.

The routes come from ``app.url_map``, so a route added tomorrow is fuzzed without a change here. Each example
is one request, as the anonymous visitor or one of the staff roles (the roles a route is for are drawn more
often), with URL parts, query and form fields drawn from what the site's own pages offer (so that requests get
past the first check) mixed with hostile text (NUL, lone surrogates, bidi controls, huge numbers, bytes that are
not UTF-8), fields missing or doubled, bodies url-encoded, multipart, JSON or garbage, with a valid, forged or
no CSRF token. Every example starts from the same signed-in sessions and accounts: an admin who disables the
fuzzing investigator does not blind the rest of the run.

Not fuzzed (by design): HEAD and OPTIONS, which Flask answers from the GET view or by itself.

Profiles and running it longer: see :mod:`tests.bad_input.fuzz`. A case the fuzz finds becomes a named test in
test_regressions.py.
"""

from __future__ import annotations

import html
import logging
import re
import tempfile
from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes

import pyotp
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete

from coldcase import create_app
from coldcase.auth.models import Role, User, UserRole
from coldcase.extensions import db
from coldcase.publish import jobs
from coldcase.publish.build import BuildResult
from tests.bad_input import fuzz
from tests.conftest import empty_database, make_test_config
from tests.tips.conftest import CASE

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS] + [role.value for role in Role]
#: The client's address and a forwarded one: neither may appear in any log line.
CLIENT_ADDRESS, FORWARDED_ADDRESS = "203.0.113.77", "198.51.100.23"
CSRF_CHOICES = ["valid", "valid", "missing", "forged", "doubled"]
BODIES = ["urlencoded"] * 3 + ["multipart"] * 3 + ["none", "json", "garbage"]


def _routes() -> list[tuple[str, str]]:
    """(rule, method) for every route and method of a freshly built app."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"SECRET_KEY": "list-routes", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                          "INSTANCE_PATH": instance})
        return sorted((rule.rule, method) for rule in app.url_map.iter_rules()
                      for method in rule.methods - {"HEAD", "OPTIONS"})


ROUTES = _routes()


def _no_build(library, year, variant, out_dir, **options) -> BuildResult:
    """A calendar builder that refuses at once: the fuzz tests the pages, not a minute-long build."""
    return BuildResult(year, variant, problems=["not built during the fuzz"])


class _Records(logging.Handler):
    """Keeps every log record of the run."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass(repr=False)  # hypothesis prints the arguments of a failing example; these are long and no help
class Site:
    app: object
    sessions: dict[str, tuple[str | None, str]]  # role -> (session cookie, CSRF token)
    accounts: list[dict]  # the fuzzing users' rows and roles, to put back after every example
    harvest: fuzz.Harvest
    forms: dict[str, list[list[tuple[str, str]]]] = field(default_factory=dict)  # endpoint -> forms' fields
    log: _Records = field(default_factory=_Records)


def _token(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]*)"', page)
    assert match, page[:2000]
    return match.group(1)


def _sign_in(app, user_id: int, email: str, password: str) -> tuple[str, str]:
    """Sign in through the real forms (password, then the code where the role needs one); the session cookie
    and its CSRF token."""
    browser = app.test_client()
    token = _token(browser.get("/staff/login").get_data(as_text=True))
    response = browser.post("/staff/login", data={"email": email, "password": password, "csrf_token": token})
    if response.headers.get("Location", "").startswith("/staff/2fa"):
        token = _token(browser.get("/staff/2fa/").get_data(as_text=True))
        with app.app_context():
            secret = db.session.get(User, user_id).totp_secret
        response = browser.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    token = _token(browser.get("/staff/password").get_data(as_text=True))
    return browser.get_cookie("session").value, token


def _snapshot(user: User) -> dict:
    columns = {column.key: getattr(user, column.key) for column in User.__mapper__.column_attrs}
    return {"columns": columns, "roles": sorted(link.role for link in user.role_links)}


def _restore(accounts: list[dict]) -> None:
    """Put the fuzzing users back as they were (a fuzzed admin may have disabled one, or reset its password)."""
    for account in accounts:
        user = db.session.get(User, account["columns"]["id"])
        for key, value in account["columns"].items():
            setattr(user, key, value)
        db.session.execute(delete(UserRole).where(UserRole.user_id == user.id))
        db.session.add_all(UserRole(user_id=user.id, role=role) for role in account["roles"])
    db.session.commit()


def _forms_of(app, path: str, page: str) -> dict[str, list[list[tuple[str, str]]]]:
    """The forms on the page at ``path``, by the endpoint they are sent to (a form without an action goes to its
    own page), with their fields' names and first values."""
    adapter = app.url_map.bind("localhost")
    found: dict[str, list[list[tuple[str, str]]]] = {}
    for attributes, body in re.findall(r"<form\b([^>]*)>(.*?)</form>", page, flags=re.S):
        action = re.search(r'action="([^"]*)"', attributes)
        method = "POST" if re.search(r'method="post"', attributes, flags=re.I) else "GET"
        try:
            target = html.unescape(action.group(1)).split("?")[0] if action and action.group(1) else path
            endpoint, _ = adapter.match(target, method=method)
        except Exception:  # noqa: BLE001 - a form sent elsewhere (or to an unknown page) teaches nothing
            continue
        fields, seen = [], set()
        for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>", body):
            name = re.search(r'\bname="([^"]*)"', tag)
            if name and name.group(1) not in seen:
                seen.add(name.group(1))
                value = re.search(r'\bvalue="([^"]*)"', tag)
                fields.append((name.group(1), value.group(1) if value else ""))
        found.setdefault(endpoint, []).append(fields)
    return found


def _explore(app, site: Site) -> None:
    """Open every page without parameters, and the pages they link to (two per kind of page), as each role:
    learn the names and values its forms and links use."""
    adapter = app.url_map.bind("localhost")
    starts = sorted(rule.rule for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods and not rule.arguments)
    for cookie, _ in site.sessions.values():
        browser = app.test_client()
        if cookie:
            browser.set_cookie("session", cookie)
        queue, visited, per_endpoint = list(starts), set(), {}
        while queue:
            path = queue.pop(0)
            if path in visited or path.startswith(("/static", "/staff/logout")):
                continue
            visited.add(path)
            try:
                endpoint = adapter.match(path)[0]
            except Exception:  # noqa: BLE001 - a link to no page of ours
                continue
            per_endpoint[endpoint] = per_endpoint.get(endpoint, 0) + 1
            if per_endpoint[endpoint] > 2:
                continue
            with browser.get(path) as response:  # closed: a streamed page holds its app context until then
                page = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
            site.harvest.read(page)
            for endpoint, forms in _forms_of(app, path, page).items():
                site.forms.setdefault(endpoint, []).extend(forms)
            queue.extend(sorted(site.harvest.paths - visited))


@pytest.fixture(scope="module")
def site(database_url, tmp_path_factory, tip_cases):
    """The app with CSRF on, a case library, a tip, a user per staff role with their signed-in sessions, and
    what its pages offer. Every log record of the module is kept."""
    from coldcase.auth.accounts import create_user

    config = make_test_config(
        database_url, tmp_path_factory.mktemp("fuzz"), CASES_DIR=tip_cases, WTF_CSRF_ENABLED=True,
        DEFAULT_LANGUAGE="en", TIPS_RATE_LIMITS={"submit": (10**6, 60), "status": (10**6, 60)},
        SESSION_MINUTES=24 * 60, CALENDAR_BUILDER=_no_build,
    )
    app = create_app(config)
    records = _Records()
    root, ours = logging.getLogger(), logging.getLogger(app.logger.name)
    level = ours.level
    root.addHandler(records)
    ours.setLevel(logging.DEBUG)
    try:
        browser = app.test_client()
        anonymous = browser.get(f"/cases/{CASE}/tip").get_data(as_text=True)
        fields = dict(re.findall(r'name="(token|e|d|csrf_token)" type="hidden" value="([^"]*)"', anonymous))
        sent = browser.post(f"/cases/{CASE}/tip", data={**fields, "text": "Een blauwe auto bij de gracht."})
        assert sent.status_code == 200, sent.get_data(as_text=True)[:2000]
        sessions = {ANONYMOUS: (browser.get_cookie("session").value, fields["csrf_token"])}
        accounts = []
        with app.app_context():
            users = []
            for role in ROLES[1:]:
                user, password = create_user(f"fuzz-{role}@police.example", [role], password="correct horse battery")
                user.totp_secret = pyotp.random_base32()
                db.session.commit()
                users.append((role, user.id, user.email, password))
        for role, user_id, email, password in users:
            sessions[role] = _sign_in(app, user_id, email, password)
        with app.app_context():
            accounts = [_snapshot(db.session.get(User, user_id)) for _, user_id, _, _ in users]
        result = Site(app, sessions, accounts, fuzz.Harvest(), log=records)
        _explore(app, result)
        records.records.clear()  # setup's own lines do not count
        yield result
    finally:
        root.removeHandler(records)
        ours.setLevel(level)
        for thread in list(jobs._threads.values()):
            thread.join(30)
        with app.app_context():
            empty_database()


def _path(rule, draw, harvest: fuzz.Harvest) -> str:
    """The rule's address with every converter filled: a value the site uses, or a hostile one."""
    segments = harvest.sorted("segments")
    path = rule.rule
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if hasattr(converter, "items"):  # any(...)
            value = draw(st.one_of(st.sampled_from(sorted(converter.items)), fuzz.fuzz_text))
        elif "Integer" in kind or "Number" in kind:
            numbers = [segment for segment in segments if segment.isascii() and segment.isdigit()] or ["1"]
            value = draw(st.one_of(st.sampled_from(numbers), st.integers(-(2**70), 2**70).map(str),
                                   fuzz.hostile, fuzz.fuzz_text))
        else:
            value = draw(st.one_of(st.sampled_from(segments), fuzz.fuzz_text, st.sampled_from(fuzz.NOT_UTF8)))
        safe = "/" if "Path" in kind else ""
        encoded = quote_from_bytes(fuzz.as_bytes(value), safe=safe) or "x"
        path = re.sub(rf"<(?:[^<>]*:)?{name}>", lambda _, value=encoded: value, path)
    return path


def _pairs(draw, names: list[str], values: list[str], base: list[tuple[str, str]]):
    """Form or query fields. Either a real form filled soundly with one field made bad (to get past every other
    check), or a real form's fields dropped, changed or doubled at random, plus drawn ones."""
    if base and draw(st.booleans()):
        bad = draw(st.sampled_from([name for name, _ in base]))
        return [(name, draw(fuzz.hostile) if name == bad else default or draw(st.sampled_from(fuzz.PLAUSIBLE)))
                for name, default in base]
    value = fuzz.values(values)
    kept = [(name, draw(st.one_of(st.just(default), value))) for name, default in base if draw(st.booleans())]
    doubled = [(name, draw(value)) for name, _ in kept if draw(st.integers(0, 7)) == 0]
    name = st.one_of(st.sampled_from(names), fuzz.fuzz_text) if names else fuzz.fuzz_text
    extra = draw(st.lists(st.tuples(name, value), max_size=4))
    return kept + doubled + extra


def _request(site: Site, rule, method: str, draw):
    """Draw one request: who sends it, the address, query, body and CSRF token."""
    view = site.app.view_functions[rule.endpoint]
    meant_for = [role.value for role in getattr(view, "required_roles", ())]
    role = draw(st.sampled_from(ROLES + meant_for * 3))
    harvest = site.harvest
    names, values = harvest.sorted("names"), harvest.sorted("values")
    forms = site.forms.get(rule.endpoint, [])
    base = [field for field in draw(st.sampled_from(forms)) if field[0] != "csrf_token"] if forms else []
    request = {"method": method, "path": _path(rule, draw, harvest),
               "environ_base": {"REMOTE_ADDR": CLIENT_ADDRESS},
               "headers": {"X-Forwarded-For": FORWARDED_ADDRESS, "User-Agent": "fuzz/1.0",
                           "Accept-Language": draw(fuzz.accept_language)}}
    if method == "GET":
        request["query_string"] = fuzz.urlencode(_pairs(draw, names, values, base)).decode("ascii")
        return role, request
    request["query_string"] = fuzz.urlencode(draw(st.lists(st.tuples(fuzz.fuzz_text, fuzz.fuzz_text),
                                                           max_size=2))).decode("ascii")
    pairs = _pairs(draw, names, values, base)
    token = site.sessions[role][1]
    csrf = draw(st.sampled_from(CSRF_CHOICES))
    if csrf in ("valid", "doubled"):
        pairs.insert(0, ("csrf_token", token))
    if csrf in ("forged", "doubled"):
        pairs.append(("csrf_token", draw(st.one_of(fuzz.fuzz_text, st.just(token[:-2] + "xx")))))
    body = draw(st.sampled_from(BODIES))
    if body == "urlencoded":
        request.update(data=fuzz.urlencode(pairs), content_type="application/x-www-form-urlencoded")
    elif body == "multipart":
        files = draw(st.lists(st.tuples(st.sampled_from(["attachments", *names[:1]]), fuzz.fuzz_text,
                                        st.binary(max_size=64)), max_size=2))
        request["data"], request["content_type"] = fuzz.multipart(pairs, files)
    elif body == "json":
        request.update(data=fuzz.json_body(pairs), content_type="application/json")
    elif body == "garbage":
        request.update(data=draw(st.binary(max_size=200)),
                       content_type=draw(st.sampled_from(["application/x-www-form-urlencoded", "text/plain",
                                                          "multipart/form-data", "multipart/form-data; boundary=",
                                                          "application/octet-stream; charset=latin-1"])))
    return role, request


def _complaints(records: list[logging.LogRecord]) -> list[str]:
    """Log lines that must not be: a traceback, or the client's address."""
    problems = []
    for record in records:
        text = record.getMessage()
        if record.exc_info or "Traceback" in text:
            problems.append(f"traceback logged: {text[:300]}")
        if CLIENT_ADDRESS in text or FORWARDED_ADDRESS in text:
            problems.append(f"client address logged: {text[:300]}")
    return problems


@pytest.mark.parametrize(("rule_text", "method"), ROUTES, ids=[f"{method} {rule}" for rule, method in ROUTES])
@fuzz.fuzz_settings()
@given(data=st.data())
def test_no_input_gives_a_server_error(site, rule_text, method, data):
    rule = next(rule for rule in site.app.url_map.iter_rules() if rule.rule == rule_text)
    role, request = _request(site, rule, method, data.draw)
    with site.app.app_context():
        _restore(site.accounts)
    browser = site.app.test_client()
    cookie = site.sessions[role][0]
    if cookie:
        browser.set_cookie("session", cookie)
    site.log.records.clear()
    with browser.open(**request) as response:
        assert response.status_code < 500, (role, request, response.get_data(as_text=True)[:1000])
    assert _complaints(site.log.records) == [], (role, request)


def test_the_site_still_serves_after_the_fuzz(site):
    browser = site.app.test_client()
    assert browser.get("/").status_code == 200
    assert browser.get(f"/cases/{CASE}/tip").status_code == 200


def test_the_fuzz_learnt_the_forms_of_the_site(site):
    """The fuzz reaches past the first check only if it knows the forms: the login form, the tip form and the
    review forms at least."""
    assert {"auth.login", "tips.case_tip", "review.save_review", "review.add_note"} <= set(site.forms)
    assert any(segment.startswith("T-") or segment[:1].isdigit() for segment in site.harvest.segments)
