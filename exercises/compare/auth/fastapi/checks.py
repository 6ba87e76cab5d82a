"""Checks of the auth exercise, FastAPI: `python3 dev.py exercise auth/fastapi`."""

import secrets

import pytest
from app import TOKENS, User, app
from exercises.batteries import debug, routes
from exercises.compare.auth import shared_checks as shared
from exercises.compare.auth.shared_checks import PAGE, Answer
from fastapi.routing import APIRoute
from starlette.requests import HTTPConnection
from fastapi.testclient import TestClient
from guide_tools.exercises.support import as_json

NOT_PROTECTED = ("/login", "/token")  # where a token is got, if the app has such a route


class Site(shared.Site):
    """The app as the shared checks drive it: users by token in TOKENS, one TestClient."""

    def __init__(self, rng, monkeypatch, client):
        super().__init__(rng)
        self.monkeypatch, self.client = monkeypatch, client
        self.tokens = {user.name: token for token, user in TOKENS.items()}

    def names(self) -> set[str]:
        return set(self.tokens)

    def add_user(self, name: str, editor: bool) -> None:
        token = self.tokens.setdefault(name, secrets.token_hex(12))  # no "-": a word of it is no one's prefix
        self.monkeypatch.setitem(TOKENS, token, User(name, is_editor=editor))

    set_editor = add_user  # a new record, as a database would load

    def protected(self):
        return [(path, sorted(methods - {"HEAD", "OPTIONS"})) for path, methods, route in routes.starlette_served(app)
                if isinstance(route, APIRoute) and path not in NOT_PROTECTED]  # mounted apps and included routers too

    def log_in(self, user: str | None, fresh: bool = False):
        token = self.tokens.get(user) if user else None
        if fresh and token:  # a new login: a new token for the same record
            token = secrets.token_hex(12)
            self.monkeypatch.setitem(TOKENS, token, TOKENS[self.tokens[user]])
        return token

    def request(self, token, method: str, path: str, claims: shared.Claims) -> Answer:
        headers = {**claims.headers, **({"Authorization": f"Bearer {token}"} if token else {})}
        if claims.cookies:  # a Cookie header: per-request cookies= is deprecated in httpx
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in claims.cookies.items())
        body = {"json": claims.json} if claims.json is not None else {"data": claims.form or None}
        response = self.client.request(method, path, params=claims.query, headers=headers, **body)
        try:
            body = response.json()
        except ValueError:
            body = None
        return Answer(response.status_code, response.headers.get("location"), body)


def declared(dependant, found: dict[str, set[str]]) -> dict[str, set[str]]:
    """The query parameters, headers, cookies and form fields the app's endpoints and dependencies
    declare (`Query()`, `Header()`, `Cookie()`, `Form()`, a plain `str` argument): FastAPI reads them
    for the app, so a Recorder never sees the lookup."""
    for kind, fields in (("query", dependant.query_params), ("headers", dependant.header_params),
                         ("cookies", dependant.cookie_params), ("form", dependant.body_params)):
        for field in fields:
            names = {field.alias, field.name}
            found.setdefault(kind, set()).update(names | ({n.replace("_", "-") for n in names} if kind == "headers" else set()))
    for sub in dependant.dependencies:
        declared(sub, found)
    return found


def recording_request(monkeypatch, read: dict[str, set[str]]) -> None:
    """Starlette's request notes what the reader's code reads from it: `query_params`, `headers`, `cookies`."""
    for name, kind in (("query_params", "query"), ("headers", "headers"), ("cookies", "cookies")):
        monkeypatch.setattr(HTTPConnection, name, shared.recording(vars(HTTPConnection)[name], kind, read))


@pytest.fixture
def site(monkeypatch):
    with TestClient(app) as client:
        site = Site(shared.new_rng("app"), monkeypatch, client)
        recording_request(monkeypatch, site.read)
        for _path, _methods, route in routes.starlette_served(app):
            if isinstance(route, APIRoute):
                declared(route.dependant, site.declared)
        site.draw_users()
        yield site


def raw_get(site, token: str, scheme: str = "Bearer"):
    return site.client.get(PAGE, headers={"Authorization": f"{scheme} {token}"})


def websocket_opened(site, path: str, token: str | None) -> bool:
    """Whether a WebSocket connection to the path, with that bearer token (None: none), is accepted."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with site.client.websocket_connect(path, headers=headers):
            return True
    except Exception:  # noqa: BLE001 - closed before accept, a denial response, or an error: not opened
        return False


def test_anonymous_gets_401(site):
    response = site.get(None)
    assert response.status == 401, f"a request without a token got {response.status}, expected 401"
    response = raw_get(site, "forged-token")
    assert response.status_code == 401, (
        f"[bad_token_not_401] a request with an unknown token got {response.status_code}, expected 401")
    challenge = response.headers.get("www-authenticate") or ""  # RFC 6750: Bearer, maybe with error="invalid_token"
    assert challenge.lower().split(None, 1)[:1] == ["bearer"], (
        f"[bad_token_not_401] a 401 needs WWW-Authenticate: Bearer, got {response.headers.get('www-authenticate')!r}")
    for token in ("ada-token-forged", "ada-tokenX", "ADA-TOKEN", "xada-token", "ada"):  # near a real token is not one
        response = raw_get(site, token)
        assert response.status_code == 401, (
            f"[token_not_matched_whole] the token {token!r} is no one's, and got {response.status_code}, expected 401: "
            "look the whole token up, exactly")
    # A token that stops being valid (a logout, a revoked token) is refused from the next request on.
    name = site.others[0]
    token = site.tokens[name]
    response = raw_get(site, token)
    assert response.status_code != 401, (
        f"[revoked_token_accepted] a valid token got {response.status_code}, expected 403 (not an editor)")
    del TOKENS[token]  # the fixture's monkeypatch puts it back
    response = raw_get(site, token)
    assert response.status_code == 401, (
        f"[revoked_token_accepted] a token removed from TOKENS after one request got {response.status_code}, "
        "expected 401: the token is checked again on every request")


def test_editor_is_let_in(site):
    shared.check_editor_is_let_in(site)


def test_non_editor_gets_403(site):
    response = raw_get(site, site.tokens["bob"])
    tag = "[not_403_for_a_right] " if response.status_code in (401, 404) else ""
    assert response.status_code == 403, (
        f"{tag}bob (a valid token, not an editor) got {response.status_code}, expected 403")
    page = response.json()
    assert not (isinstance(page, dict) and "editor" in page), (
        f"[page_sent_with_403] bob got 403, but with the editors' page in the body: {as_json(page)}")
    assert "www-authenticate" not in response.headers, (
        f"[www_authenticate_on_403] a 403 needs no WWW-Authenticate: another token would not help; got "
        f"WWW-Authenticate: {response.headers.get('www-authenticate')!r}")
    for name in site.others:
        response = site.get(name)
        assert response.status == 403, (
            f"[non_editor_by_name] another non-editor, added by the check, got {response.status}, expected 403")
    for scheme in ("bearer", "BEARER", "bEaReR"):  # RFC 9110, section 11.1: the scheme is case-insensitive
        response = raw_get(site, site.tokens["bob"], scheme)
        assert response.status_code == 403, (
            f"[bearer_scheme_case] bob's token sent as Authorization: {scheme} ... got {response.status_code}, "
            "expected 403: the scheme Bearer is case-insensitive")


def test_every_route_and_method_is_for_editors(site):
    shared.check_every_route_is_for_editors(site, lambda answer: answer.status == 401)
    for path, methods, _route in routes.starlette_served(app):
        if methods is None:  # a WebSocket route: the same rule for its connection
            for token in (site.tokens["bob"], None):
                assert not websocket_opened(site, path, token), (
                    f"[websocket_left_open] the WebSocket {path} accepted bob's connection, expected it refused: "
                    "a WebSocket route is for editors too" if token else
                    f"[websocket_left_open] the WebSocket {path} accepted a connection without a token, expected it "
                    "refused: a WebSocket route is for editors too")


def test_a_role_change_counts_at_the_next_request(site):
    shared.check_role_change_counts_at_once(site)


def test_a_refused_request_changes_nothing(site):
    shared.check_refusals_change_nothing(site)


def test_a_request_cannot_claim_a_role(site):
    shared.check_claims_change_nothing(site)


def test_debug_mode_stays_off(monkeypatch):
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)
