"""Checks of the serialization exercise, FastAPI: `python3 dev.py exercise serialization/fastapi`."""

import logging

import app as module
import pytest
from app import app
from fastapi.testclient import TestClient
from pwdlib import PasswordHash

BAD = 422
SECRET = "correct horse battery"
ELEVEN = "Tr0ub4dor&3"  # one character short of the minimum


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


@pytest.fixture(autouse=True)
def no_users():
    """Each check starts with no user: they all sign up ada."""
    users = getattr(module, "USERS", None)
    if isinstance(users, dict):
        users.clear()


@pytest.fixture
def post(client):
    def post(body):
        response = client.post("/users", json=body)
        try:
            answer = response.json()
        except ValueError:  # not JSON: the checks read the text
            answer = {}
        return response.status_code, answer if isinstance(answer, dict) else {}, response.text

    return post


def documented_fields(client) -> set[str] | None:
    """The fields the OpenAPI schema gives the answer of POST /users: its response model's
    (None when there is no model: `response_model=None`, a return type of `dict`)."""
    schema = client.get("/openapi.json").json()
    responses = schema.get("paths", {}).get("/users", {}).get("post", {}).get("responses", {})
    success = [answer for status, answer in sorted(responses.items()) if status.startswith("2")]  # 201, or 200
    answer = (success or [{}])[0].get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in answer:
        answer = schema.get("components", {}).get("schemas", {}).get(answer["$ref"].rsplit("/", 1)[-1], {})
    return set(answer["properties"]) if "properties" in answer else None


def test_a_user_is_created(post):
    status, body, _ = post({"username": "ada", "password": SECRET})
    assert status == 201, f"POST /users answered {status}, expected 201"
    assert body.get("username") == "ada", f"POST /users answered {body!r}"
    status, body, _ = post({"username": "grace", "password": SECRET})
    assert status == 201 and body.get("username") == "grace", (
        f"[constant_answer] POST /users for the user grace answered {status} {body!r}, expected 201 and the username grace")

    users = getattr(module, "USERS", None)
    stored = users.get("ada") if isinstance(users, dict) else None
    assert isinstance(stored, str), (
        f"[user_not_stored] after POST /users for ada, app.USERS['ada'] is {stored!r}, expected the password's hash")
    try:
        hashed = SECRET not in stored and PasswordHash.recommended().verify(SECRET, stored)
    except Exception:  # pwdlib cannot read it: no Argon2 hash
        hashed = False
    assert hashed, (f"[password_not_hashed] app.USERS['ada'] holds {stored[:40]!r}, not an Argon2 hash of the password: "
                    "a leak of the stored users would give away every password")
    status, body, _ = post({"username": "ada", "password": "another long password"})
    kept = users.get("ada") == stored
    assert status == 409 and kept, (
        f"[account_replaced] a second POST /users for ada, with another password, answered {status} {body!r} and "
        f"kept her password hash; expected 409 and her hash kept" if kept else
        f"[account_replaced] a second POST /users for ada, with another password, answered {status} {body!r} and "
        f"replaced her password hash; expected 409 and her hash kept")


def test_the_password_is_not_sent_back(client, post, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    _, body, text = post({"username": "ada", "password": SECRET})
    fields = documented_fields(client)
    tag = "[no_response_model] " if fields is None else ""
    assert "password" not in body or body["password"] != SECRET, f"{tag}the response has a 'password' field: {body!r}"
    assert "password" not in body, f"[password_masked] the response still has a 'password' field: {body!r}"
    assert SECRET not in text, f"{tag}the password appears in the response"
    stored = getattr(module, "USERS", {}).get("ada")
    assert not stored or stored not in text, f"[hash_sent_back] the response holds the stored password hash, in the fields {sorted(body)}"
    assert body == {"username": "ada"}, f"[extra_fields] POST /users answered {body!r}, expected the username only"
    assert fields == {"username"}, (
        "[no_response_model] the OpenAPI schema gives the answer of POST /users no model, "
        "expected a response model with the username only" if fields is None else
        f"[no_response_model] the OpenAPI schema gives the answer of POST /users the fields {sorted(fields)}, "
        "expected a response model with the username only")
    output = capsys.readouterr()
    leaked = [line.strip() for line in (output.out + output.err + caplog.text).splitlines() if SECRET in line]
    assert not leaked, f"[password_logged] the password appears in what the app printed or logged: {leaked[0][:200]!r}"


def test_a_refused_password_is_not_sent_back(post):
    status, _, text = post({"username": "bob", "password": ELEVEN})
    if 200 <= status < 300:
        raise AssertionError(f"[validation_bypassed] a password of 11 characters answered {status}, expected {BAD}: "
                             "the password was not validated")
    assert status == BAD, f"[error_status_changed] a password of 11 characters answered {status}, expected {BAD}"
    assert ELEVEN not in text, f"the {BAD} answer to a refused password repeats it: {text[:300]}"
    assert "password" in text, (
        f"[error_says_nothing] the {BAD} answer to a refused password does not say that the password is wrong: {text[:300]}")


def test_a_short_password_is_still_refused(post):
    for password in ("short", ELEVEN):
        status, _, _ = post({"username": "bob", "password": password})
        if 200 <= status < 300:
            raise AssertionError(f"[validation_bypassed] a password of {len(password)} characters answered {status}, "
                                 f"expected {BAD}: the password was not validated")
        assert status == BAD, f"a password of {len(password)} characters answered {status}, expected {BAD}"
    status, body, _ = post({"username": "bob", "password": ELEVEN + "!"})
    assert 200 <= status < 300, f"a password of 12 characters answered {status} {body!r}, expected 201: 12 is the minimum"


def test_the_username_is_still_validated(post):
    for username in ("", "x" * 31):
        status, _, _ = post({"username": username, "password": SECRET})
        assert status == BAD, f"a username of {len(username)} characters answered {status}, expected {BAD}"
    status, body, _ = post({"username": "x" * 30, "password": SECRET})
    assert 200 <= status < 300, f"a username of 30 characters answered {status} {body!r}, expected 201"
