"""Checks of the auth exercise, Django: `python3 dev.py exercise auth/django`."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from guide_tools.exercises.support import as_json, assert_no_header_makes_an_editor


@pytest.fixture
def get(db):  # pytest-django: a test database with Django's auth tables
    editors = Group.objects.create(name="editors")
    User.objects.create_user("ada").groups.add(editors)
    User.objects.create_user("bob")
    User.objects.create_user("grace").groups.add(editors)  # a second editor, and a non-editor in another group:
    User.objects.create_user("eve").groups.add(Group.objects.create(name="readers"))  # the rule is the group
    User.objects.create_user("fred").groups.add(Group.objects.create(name="former-editors"))  # its exact name

    def get(username: str | None, headers: dict[str, str] | None = None):
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        return client.get("/reports/new", headers=headers or {})

    return get


def test_anonymous_is_sent_to_log_in(get):
    response = get(None)
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code}, expected 302 to the login page"
    assert response.headers["location"].startswith("/login"), f"redirected to {response.headers['location']!r}"


def test_editor_is_let_in(get):
    response = get("ada")
    assert response.status_code == 200, f"ada (an editor) got {response.status_code}, expected 200"
    assert response.json() == {"editor": "ada"}, f"ada got {response.json()!r}"
    response = get("grace")
    assert response.status_code == 200, (
        f"[editor_by_name] grace (another member of editors) got {response.status_code}, expected 200")


def test_non_editor_gets_403(get):
    response = get("bob")
    assert response.status_code != 302, (
        f"[non_editor_sent_to_log_in] bob (logged in, not an editor) was redirected to {response.headers['location']!r}")
    assert response.status_code == 403, f"bob (logged in, not an editor) got {response.status_code}, expected 403"
    page = response.json() if response.headers.get("content-type") == "application/json" else None
    assert not (isinstance(page, dict) and "editor" in page), (
        f"[page_sent_with_403] bob got 403, but with the editors' page in the body: {as_json(page)}")
    response = get("eve")
    assert response.status_code == 403, (
        f"[not_the_editors_group] eve (in the group readers, not editors) got {response.status_code}, expected 403")
    response = get("fred")
    assert response.status_code == 403, (
        f"[not_the_editors_group] fred (in the group former-editors, not editors) got {response.status_code}, expected 403")


def test_a_header_cannot_make_a_non_editor_one(get):
    assert_no_header_makes_an_editor(lambda headers: get("bob", headers), "role_from_header")