"""Checks of the serialization exercise, DRF: `python3 dev.py exercise serialization/django`."""

import views as module
import pytest
from rest_framework.test import APIClient

BAD = 400


@pytest.fixture(autouse=True)
def no_users():
    """Each check starts with no user: they all sign up ada."""
    users = getattr(module, "USERS", None)
    if isinstance(users, dict):
        users.clear()


@pytest.fixture
def post():
    client = APIClient()

    def post(body):
        response = client.post("/users", body, format="json")
        try:
            answer = response.json()
        except ValueError:  # not JSON: the checks read the text
            answer = {}
        return response.status_code, answer if isinstance(answer, dict) else {}, response.content.decode()

    return post

SECRET = "correct horse battery"


def test_a_user_is_created(post):
    status, body, _ = post({"username": "ada", "password": SECRET})
    assert status == 201, f"POST /users answered {status}, expected 201"
    assert body.get("username") == "ada", f"POST /users answered {body!r}"
    stored = getattr(module, "USERS", {}).get("ada")
    status, body, _ = post({"username": "ada", "password": "another long password"})
    kept = getattr(module, "USERS", {}).get("ada") == stored
    assert status == 409 and kept, (
        f"[account_replaced] a second POST /users for ada, with another password, answered {status} {body!r} and "
        f"kept her password hash; expected 409 and her hash kept" if kept else
        f"[account_replaced] a second POST /users for ada, with another password, answered {status} {body!r} and "
        f"replaced her password hash; expected 409 and her hash kept")


def test_the_password_is_not_sent_back(post):
    _, body, text = post({"username": "ada", "password": SECRET})
    assert "password" not in body or body["password"] != SECRET, f"the response has a 'password' field: {body!r}"
    assert "password" not in body, f"[password_masked] the response still has a 'password' field: {body!r}"
    assert SECRET not in text, "the password appears in the response"
    stored = getattr(module, "USERS", {}).get("ada")
    assert not stored or stored not in text, f"[hash_sent_back] the response holds the stored password hash, in the fields {sorted(body)}"
    assert body == {"username": "ada"}, f"[extra_fields] POST /users answered {body!r}, expected the username only"


def test_a_short_password_is_still_refused(post):
    for password in ("short", "Tr0ub4dor&3"):  # 11 characters, one short of the minimum
        status, _, text = post({"username": "bob", "password": password})
        if status == 201:
            raise AssertionError(f"[validation_bypassed] a password of {len(password)} characters answered 201, "
                                 f"expected {BAD}: the password was not validated")
        assert status == BAD, f"a password of {len(password)} characters answered {status}, expected {BAD}"
        assert password not in text, f"[refused_password_echoed] the {BAD} answer to a refused password repeats it: {text[:300]}"
