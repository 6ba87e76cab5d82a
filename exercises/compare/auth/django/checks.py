"""Checks of the auth exercise, Django: `python3 dev.py exercise auth/django`."""

import json
from urllib.parse import urlencode

import pytest
import views
from django.apps import apps
from django.contrib import auth
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.module_loading import import_string
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.core.handlers.wsgi import WSGIRequest
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve
from exercises.batteries import cookies, csrf, debug, django_settings, hosts, routes, secrets
from exercises.compare.auth import shared_checks as shared
from exercises.compare.auth.shared_checks import Answer
from guide_tools.exercises.support import media_type


def login_view():
    """The view `settings.LOGIN_URL` resolves to (a path or a URL name), whatever it is: the chapter's
    `LoginView` or a view of the reader's. None when it resolves to nothing."""
    try:
        return resolve(resolve_url(settings.LOGIN_URL).split("?")[0]).func
    except (Resolver404, NoReverseMatch):
        return None


def recording_request(monkeypatch, read: dict[str, set[str]]) -> None:
    """Django's request notes what the reader's code reads: `GET`, `POST`, `COOKIES`, `headers`, and
    the `HTTP_*` keys of `META` (as headers)."""
    for name, kind in (("GET", "query"), ("POST", "form"), ("COOKIES", "cookies"), ("headers", "headers")):
        prop = next(vars(cls)[name] for cls in WSGIRequest.__mro__ if name in vars(cls))
        monkeypatch.setattr(WSGIRequest, name, shared.recording(prop, kind, read))
    monkeypatch.setattr(shared.RecordingEnviron, "read", read)
    base_init = WSGIRequest.__init__

    def init(request, environ):
        base_init(request, environ)
        request.META = shared.RecordingEnviron(request.META)

    monkeypatch.setattr(WSGIRequest, "__init__", init)


class Site(shared.Site):
    """The app as the shared checks drive it: Django's users and groups, a Client per session."""

    groups = True

    def names(self) -> set[str]:
        return set(User.objects.values_list("username", flat=True))

    def add_user(self, name: str, editor: bool) -> None:
        User.objects.create_user(name)
        self.set_editor(name, editor)

    def set_editor(self, name: str, editor: bool) -> None:
        user = User.objects.get(username=name)
        (user.groups.add if editor else user.groups.remove)(self.group)

    def stored(self) -> dict[str, str]:
        """What the app keeps: its modules' globals and every row of every model but the sessions
        (the login itself)."""
        rows = {model._meta.label: repr(list(model.objects.order_by("pk").values()))
                for model in apps.get_models() if model._meta.app_label != "sessions"}
        return {**super().stored(), **rows}

    def protected(self):
        login = login_view()
        return [(path, None) for path, view in routes.django_routes(get_resolver()) if view is not login]

    def log_in(self, user: str | None, fresh: bool = False):  # every session is a new login
        client = Client()
        if user:
            client.force_login(User.objects.get(username=user))
        return client

    @staticmethod
    def request(client, method: str, path: str, claims: shared.Claims) -> Answer:
        for name, value in claims.cookies.items():
            client.cookies[name] = value
        url = f"{path}?{urlencode(claims.query)}" if claims.query else path
        if claims.json is not None:
            body, content_type = json.dumps(claims.json), "application/json"
        else:
            body, content_type = urlencode(claims.form), "application/x-www-form-urlencoded"
        response = client.generic(method, url, body, content_type=content_type, headers=claims.headers)
        for name in claims.cookies:
            del client.cookies[name]
        # the media type, whatever its case and parameters (`application/json; charset=utf-8`); not HEAD's empty body
        is_json = media_type(response.headers.get("content-type"))[0] == "application/json" and response.content
        body = response.json() if is_json else None
        return Answer(response.status_code, response.headers.get("location"), body)


@pytest.fixture
def site(db, monkeypatch):  # pytest-django: a test database with Django's auth tables
    rng = shared.new_rng("views")
    site = Site(rng)
    recording_request(monkeypatch, site.read)
    readers = Group.objects.create(name="readers")  # made before editors: an editor's first group is not editors
    site.group = Group.objects.create(name="editors")
    authors = Group.objects.create(name="authors")
    User.objects.create_user("ada").groups.add(site.group)
    User.objects.create_user("bob")
    site.editors = shared.draw_names(rng, 2, {"ada", "bob"})  # editors of this run, each in another group too,
    site.others = shared.draw_names(rng, 4, {"ada", "bob", *site.editors})  # before and after editors
    for name, other in zip(site.editors, (readers, authors)):
        groups = [site.group, other]
        rng.shuffle(groups)
        User.objects.create_user(name).groups.add(*groups)
    other_case = Group.objects.create(name=rng.choice(("Editors", "EDITORS", "eDitors")))  # another group: names
    containing = Group.objects.create(name=rng.choice(("former-editors", "editors-old", "sub-editors")))  # are exact
    for name, group in zip(site.others, (readers, authors, other_case, containing)):
        User.objects.create_user(name).groups.add(group)
    return site


def test_anonymous_is_sent_to_log_in(site):
    shared.check_anonymous_is_sent_to_log_in(site)


def test_editor_is_let_in(site):
    shared.check_editor_is_let_in(site)


def test_non_editor_gets_403(site):
    response = site.get("bob")
    assert response.status != 302, (
        f"[non_editor_sent_to_log_in] bob (logged in, not an editor) was redirected to {response.location!r}")
    shared.check_bob_gets_403(response)
    for name in site.others:
        response = site.get(name)
        group = User.objects.get(username=name).groups.get().name
        assert response.status == 403, (
            f"[not_the_editors_group] a user in the group {group}, not editors, got {response.status}, expected 403")


def test_every_route_and_method_is_for_editors(site):
    shared.check_every_route_is_for_editors(site, shared.sent_to_log_in)


def test_a_role_change_counts_at_the_next_request(site):
    shared.check_role_change_counts_at_once(site)


def test_a_refused_request_changes_nothing(site):
    shared.check_refusals_change_nothing(site)


def test_a_request_cannot_claim_a_role(site):
    shared.check_claims_change_nothing(site)


def test_no_secret_in_the_source(monkeypatch):
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)


def test_the_chapters_settings_are_kept():
    django_settings.check_csrf_middleware(settings)


def test_every_post_needs_the_csrf_token(site):
    client = Client(enforce_csrf_checks=True)  # as in production: the test Client skips the check by default
    client.force_login(User.objects.get(username="ada"))  # an editor: let in, so only CSRF can refuse
    csrf.refused_without_token(
        lambda method, path, data: client.generic(method, path, urlencode(data),
                                                  "application/x-www-form-urlencoded").status_code,
        csrf.django_routes(get_resolver()), {"title": "Q3"})


def test_debug_off_and_hosts_listed(monkeypatch):
    # The test environment forces DEBUG off, so read what the project's settings.py asks for, however it is started.
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    hosts.check_no_wildcard_host("settings")


def test_the_session_cookie_is_safe(site):
    def log_in(request):  # what the app sends when ada logs in: the project's middleware around auth.login
        auth.login(request, User.objects.get(username="ada"))
        return HttpResponse("")

    handler = log_in
    for path in reversed(settings.MIDDLEWARE):
        handler = import_string(path)(handler)
    response = handler(RequestFactory().post("/login"))
    session = response.cookies.get(settings.SESSION_COOKIE_NAME)  # the session's cookie (CSRF's is read by scripts)
    cookies.check_login_cookies([session.OutputString()] if session else [])
