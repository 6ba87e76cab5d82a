"""REST APIs: the same /tasks resource in Flask (+ Pydantic), FastAPI and Django REST framework,
driven end to end by one scripted conversation per framework: create, list (paginated, following
the `next` link), read, PATCH, PUT, delete, 404, and the invalid requests.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows,
of the requests snippets/compare/rest_apis/drive.py declares for it, sent to a fresh app with an
empty database (the page's Run button sends the same ones in the browser: tests/browser/test_run.py).
The DRF conversation runs in a fresh interpreter with the example's own settings module: DRF
reads DEFAULT_PAGINATION_CLASS and PAGE_SIZE into class attributes when `rest_framework.generics`
and `rest_framework.pagination` are imported, so they cannot be switched on inside the shared
test process (`test_drf_reads_pagination_settings_at_import` proves it). The small apps defined
in the tests below are counter-examples for the page's warnings, never shown as code to copy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from contextlib import contextmanager
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from guide_tools.website.content import ROOT, SNIPPETS
from compare.rest_apis import drive
from guide_tools.runtime.drive import converse, django_settings, make_app
from tests.support.databases import dispose_flask_db
from tests.support.nesting import depths_near_the_limit, nested
from tests.support.responses import json_of
from tests.support.services import python_env
from tests.support.shell import shown_commands

OUT = "compare/rest_apis/out"
FRAMEWORKS = ["flask", "fastapi", "django"]
DRF_SETTINGS = "compare.rest_apis.django_app.settings"

FIRST = {"title": "Write the chapter", "priority": 2}
MORE = [{"title": "Review it"}, {"title": "Publish it", "done": True}]
INVALID = {"title": "   ", "priority": "high"}
NOTHING = object()
OTHER_HOST = "evil.example"  # a Host header the apps do not serve

# The frameworks are imported inside the fixtures and tests that use them: this module is also
# imported by the DRF subprocess (drf_main), which needs none of them.


# --------------------------------------------------------------------------- one conversation, three clients


class Api:
    """One calling convention for the three test clients; every exchange is recorded as plain
    data (status, parsed JSON body, two headers) so the DRF subprocess can send it back."""

    def __init__(self, name: str, client):
        self.name, self.client = name, client

    def url(self, task_id: int | None = None, query: str = "") -> str:
        path = "/tasks" + (f"/{task_id}" if task_id is not None else "")
        if self.name == "django":
            path += "/"  # Django's convention: URLs end with a slash
        return path + (f"?{query}" if query else "")

    @property
    def first_page(self) -> str:
        # Flask and FastAPI let the client choose the page size; DRF's PageNumberPagination
        # does not (PAGE_SIZE is 2 for this run, see drf_main()).
        return self.url() if self.name == "django" else self.url(query="per_page=2")

    def __call__(self, method: str, path: str, data=NOTHING) -> dict:
        kwargs = {}
        if data is not NOTHING:
            kwargs = {"data": data, "format": "json"} if self.name == "django" else {"json": data}
        response = getattr(self.client, method)(path, **kwargs)
        raw = response.get_data() if hasattr(response, "get_data") else response.content
        return {
            "status": response.status_code,
            "body": json.loads(raw) if raw else None,
            "content_type": response.headers.get("Content-Type"),
            "allow": response.headers.get("Allow"),
        }


@contextmanager
def flask_app_in_memory():
    """The Flask app on an in-memory database, whose one connection is closed afterwards."""
    from compare.rest_apis.flask_app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    try:
        yield app
    finally:
        dispose_flask_db(app)


def run_flow(api: Api) -> dict:
    """The conversation the page shows, identical for the three frameworks."""
    steps: dict = {"create": api("post", api.url(), FIRST)}
    steps["create_more"] = [api("post", api.url(), task) for task in MORE]
    steps["list"] = api("get", api.first_page)
    following = urlsplit(steps["list"]["body"]["next"])
    steps["list_next"] = api("get", f"{following.path}?{following.query}")
    steps["read"] = api("get", api.url(1))
    steps["patch"] = api("patch", api.url(1), {"done": True})
    steps["put"] = api("put", api.url(1), {"title": "Write the REST chapter"})
    steps["delete"] = api("delete", api.url(1))
    steps["gone"] = api("get", api.url(1))
    steps["invalid"] = api("post", api.url(), INVALID)
    steps["priority_true"] = api("post", api.url(), {"title": "Strict", "priority": True})
    steps["too_long"] = api("post", api.url(), {"title": "x" * 101, "priority": 0})
    steps["not_an_object"] = api("post", api.url(), [FIRST])
    steps["patch_null"] = api("patch", api.url(2), {"title": None})
    steps["put_without_title"] = api("put", api.url(2), {"done": True})
    steps["task_2"] = api("get", api.url(2))  # untouched by the rejected requests
    steps["choose_id"] = api("post", api.url(), {"id": 99, "title": "Pick my own id"})
    steps["page_out_of_range"] = api("get", api.url(query="page=9"))
    steps["page_zero"] = api("get", api.url(query="page=0"))
    steps["page_text"] = api("get", api.url(query="page=two"))
    steps["page_20_digits"] = api("get", api.url(query="page=" + "9" * 20))
    size_param = "page_size" if api.name == "django" else "per_page"
    steps["huge_page"] = api("get", api.url(query=f"{size_param}=500"))
    steps["wrong_method"] = api("delete", api.url())
    # What a TLS-ending proxy sends: the app, which trusts no proxy here, keeps the scheme it was reached by.
    forwarded = api.client.get(api.first_page, headers={"X-Forwarded-Proto": "https"})
    steps["forwarded_https_next"] = json.loads(forwarded.get_data() if hasattr(forwarded, "get_data") else forwarded.content)["next"]
    if api.name != "django":  # the next link of a request for another host (DRF's is in drf_main)
        steps["other_host_next"] = json_of(api.client.get(api.first_page, headers={"Host": OTHER_HOST}))["next"]
    return steps


def drf_main() -> None:
    """The DRF conversation, run in a fresh interpreter by `drf_flow()` (JSON on stdout)."""
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings, setup_test_environment

    django.setup()  # the example's own settings: DJANGO_SETTINGS_MODULE=compare.rest_apis.django_app.settings
    setup_test_environment()  # what Django's test runner does: "testserver" becomes an allowed host
    # Changed before any DRF view module is imported, so the generic views see it (see the module
    # doc): PAGE_SIZE 2, as drive.py's APPS declares it for the page's Run too.
    _, changes = drive.APPS["django"]
    values = django_settings(drive.APPS["django"])
    override_settings(**{name: values[name] for name in changes}).enable()
    assert settings.REST_FRAMEWORK["PAGE_SIZE"] == 2
    call_command("migrate", run_syncdb=True, verbosity=0)

    from django.test import Client

    shown = {}
    for output, (framework, *_) in drive.OUTPUTS.items():  # each on an empty database, as on the page
        if framework == "django":
            call_command("flush", interactive=False, verbosity=0)  # and the ids start at 1 again
            shown[output] = converse(Client(), drive, output)
    call_command("flush", interactive=False, verbosity=0)  # the conversation below starts empty too

    from rest_framework.test import APIClient

    api = Api("django", APIClient())
    steps = run_flow(api)
    # settings.py's DEFAULT_RENDERER_CLASSES: JSON only, so a browser's Accept gets no browsable API.
    steps["accept_html"] = api.client.get(api.url(), HTTP_ACCEPT="text/html").status_code
    steps["other_host"] = api.client.get(api.first_page, HTTP_HOST=OTHER_HOST).status_code
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:  # what a PATCH of one field writes
        api.client.patch(api.url(2), {"priority": 1}, format="json")
    steps["patch_sql"] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    print(json.dumps({"steps": steps, "shown": shown}))


def drf_flow() -> dict:
    env = {
        **os.environ, **python_env(),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(SNIPPETS)]),
        "DJANGO_SETTINGS_MODULE": DRF_SETTINGS,
        "DATABASE_PATH": ":memory:",
    }
    code = "from tests.compare.test_rest_apis import drf_main; drf_main()"
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def declared_outputs(tmp_path) -> dict[str, str]:
    """{output: its transcript} for Flask's and FastAPI's outputs drive.py declares, each
    conversation on a fresh app with an empty database (DRF's are drf_main's)."""
    from fastapi.testclient import TestClient

    shown = {}
    for index, (output, (framework, *_)) in enumerate(drive.OUTPUTS.items()):
        if framework == "flask":
            app = make_app(drive.APPS["flask"])
            try:
                shown[output] = converse(app.test_client(), drive, output)
            finally:
                dispose_flask_db(app)
        elif framework == "fastapi":
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("DATABASE_URL", f"sqlite:///{tmp_path / f'tasks{index}.db'}")
                with TestClient(make_app(drive.APPS["fastapi"])) as client:  # the lifespan makes the tables
                    shown[output] = converse(client, drive, output)
    return shown


@pytest.fixture(scope="module")
def flows(tmp_path_factory) -> dict[str, dict]:
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    with flask_app_in_memory() as flask_app:
        found = {"flask": run_flow(Api("flask", flask_app.test_client()))}
    url = f"sqlite:///{tmp_path_factory.mktemp('rest_apis') / 'tasks.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", url)
        with TestClient(fastapi_app) as client:  # runs the lifespan: engine, tables
            found["fastapi"] = run_flow(Api("fastapi", client))
    django = drf_flow()
    found["django"] = django["steps"]
    found["shown"] = {**declared_outputs(tmp_path_factory.mktemp("rest_apis_outputs")), **django["shown"]}
    return found


@pytest.fixture(scope="module")
def shown(flows) -> dict[str, str]:
    """{output file name: the transcript of the requests drive.py declares for it}."""
    return flows["shown"]


@pytest.fixture(params=FRAMEWORKS)
def flow(request, flows) -> tuple[str, dict]:
    return request.param, flows[request.param]


def task(task_id: int, title: str, *, done: bool = False, priority: int = 3) -> dict:
    return {"id": task_id, "title": title, "done": done, "priority": priority}


# --------------------------------------------------------------------------- create, list, read


def test_create(flow, outputs, shown):
    name, steps = flow
    created = steps["create"]
    assert created["status"] == 201
    assert created["body"] == task(1, "Write the chapter", priority=2)  # defaults filled in
    assert [step["status"] for step in steps["create_more"]] == [201, 201]
    outputs.check(f"{OUT}/{name}_create.txt", shown[f"{name}_create.txt"])


def test_drf_renders_json_only(flows):
    assert flows["django"]["accept_html"] == 406  # Not Acceptable: the browsable API is off


def test_list_is_paginated(flow, outputs, shown):
    name, steps = flow
    page = steps["list"]
    assert page["status"] == 200
    first_two = [task(1, "Write the chapter", priority=2), task(2, "Review it")]
    if name == "django":  # PageNumberPagination's envelope
        assert page["body"] == {"count": 3, "next": "http://testserver/tasks/?page=2", "previous": None,
                                "results": first_two}
    else:  # the envelope this guide chose for Flask and FastAPI (TaskPage)
        assert page["body"]["items"] == first_two
        assert page["body"]["total"] == 3
        assert (page["body"]["page"], page["body"]["per_page"]) == (1, 2)
        # Both links are absolute, built from the request's host; the query order differs.
        assert page["body"]["next"] == {
            "flask": "http://localhost/tasks?page=2&per_page=2",
            "fastapi": "http://testserver/tasks?per_page=2&page=2",
        }[name]
    outputs.check(f"{OUT}/{name}_list.txt", shown[f"{name}_list.txt"])


def test_next_link_leads_to_the_last_page(flow):
    name, steps = flow
    last = steps["list_next"]
    assert last["status"] == 200
    items = last["body"]["results" if name == "django" else "items"]
    assert items == [task(3, "Publish it", done=True)]
    assert last["body"]["next"] is None
    if name == "django":
        assert last["body"]["previous"] == "http://testserver/tasks/"


def test_read(flow):
    _, steps = flow
    assert steps["read"]["status"] == 200
    assert steps["read"]["body"] == task(1, "Write the chapter", priority=2)


# --------------------------------------------------------------------------- update: PATCH, then PUT


def test_patch_changes_only_what_is_sent(flow):
    _, steps = flow
    assert steps["patch"]["status"] == 200
    assert steps["patch"]["body"] == task(1, "Write the chapter", done=True, priority=2)


def test_put_without_the_optional_fields(flow, outputs, shown):
    """PUT {"title": ...} on a task that is done with priority 2. With TaskIn, the omitted
    fields take their defaults (a full replacement); DRF skips omitted fields that are not
    required, so they keep their values: its PUT acts like a PATCH for them."""
    name, steps = flow
    assert steps["put"]["status"] == 200
    if name == "django":
        assert steps["put"]["body"] == task(1, "Write the REST chapter", done=True, priority=2)
    else:
        assert steps["put"]["body"] == task(1, "Write the REST chapter")
    outputs.check(f"{OUT}/{name}_update.txt", shown[f"{name}_update.txt"])


def test_drf_patch_writes_only_the_fields_sent(flows):
    """ModelSerializer.update() saves every column: two clients PATCHing different fields of one
    task at once would lose one change. The example's update() saves only the fields sent."""
    (statement,) = flows["django"]["patch_sql"]
    assert re.search(r'SET "priority" = \S+ WHERE', statement), statement


@pytest.mark.django_db
@pytest.mark.parametrize("update", ["as_shown", "model_serializer_update"])
def test_drf_two_patches_at_once_keep_both_changes(update):
    """The race the note speaks of, forced: two clients PATCH different fields of one task at the
    same moment, so each view has loaded the task before either saves. The example's update()
    keeps both changes; ModelSerializer.update() writes every column, and the later save puts back
    the `done` it read, undoing the first client's change."""
    from rest_framework import serializers

    from compare.rest_apis.django_app.models import Task
    from compare.rest_apis.django_app.serializers import TaskSerializer

    chosen = TaskSerializer if update == "as_shown" else type(
        "EveryColumn", (TaskSerializer,), {"update": serializers.ModelSerializer.update})
    task = Task.objects.create(title="Write the chapter", priority=3)
    loaded_by_one, loaded_by_two = Task.objects.get(pk=task.pk), Task.objects.get(pk=task.pk)
    for loaded, patch in ((loaded_by_one, {"done": True}), (loaded_by_two, {"priority": 1})):
        serializer = chosen(loaded, data=patch, partial=True)
        assert serializer.is_valid(), serializer.errors
        serializer.save()
    task.refresh_from_db()
    assert (task.done, task.priority) == ((True, 1) if update == "as_shown" else (False, 1))


@pytest.mark.django_db(transaction=True)  # the schema editor cannot run inside a test's transaction on SQLite
def test_drf_update_leaves_out_auto_now_and_many_to_many(monkeypatch):
    """The note's limits: the example's update() is for plain columns like Task's. Given a model with
    an auto_now field, QuerySet.update() does not call save() and so no pre_save(): updated_at stays
    as it was (ModelSerializer.update() bumps it); given a many-to-many field, setattr() raises
    TypeError, where ModelSerializer.update() calls .set() after save()."""
    from datetime import datetime, timezone

    from django.db import connection, models
    from django.test.utils import isolate_apps
    from rest_framework import serializers

    from compare.rest_apis.django_app import serializers as example
    from compare.rest_apis.django_app.serializers import TaskSerializer

    with isolate_apps("compare.rest_apis.django_app"):
        class Label(models.Model):
            name = models.CharField(max_length=20)

            class Meta:
                app_label = "rest_apis_tasks"

        class Card(models.Model):
            title = models.CharField(max_length=100)
            updated_at = models.DateTimeField(auto_now=True)
            labels = models.ManyToManyField(Label)

            class Meta:
                app_label = "rest_apis_tasks"

        class DRFCardSerializer(serializers.ModelSerializer):
            class Meta:
                model = Card
                fields = ["id", "title", "updated_at", "labels"]

        class CardSerializer(DRFCardSerializer):
            update = TaskSerializer.update  # the example's update(), on another model:

        monkeypatch.setattr(example, "Task", Card)  # its Task.objects is Card.objects here

        def patch(serializer_class, card, data):
            serializer = serializer_class(card, data=data, partial=True)
            serializer.is_valid(raise_exception=True)
            return serializer.save()

        with connection.schema_editor() as editor:
            editor.create_model(Label)
            editor.create_model(Card)
        try:
            card = Card.objects.create(title="a")
            created = datetime(2020, 1, 1, tzinfo=timezone.utc)
            Card.objects.update(updated_at=created)  # a queryset update() leaves auto_now alone
            card.refresh_from_db()
            patch(CardSerializer, card, {"title": "b"})
            assert (Card.objects.get().title, Card.objects.get().updated_at) == ("b", created)
            patch(DRFCardSerializer, card, {"title": "c"})
            assert Card.objects.get().updated_at > created
            label = Label.objects.create(name="x")
            with pytest.raises(TypeError, match="Direct assignment to the forward side of a many-to-many set"):
                patch(CardSerializer, card, {"labels": [label.pk]})
            patch(DRFCardSerializer, card, {"labels": [label.pk]})
            assert list(card.labels.all()) == [label]
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Card)
                editor.delete_model(Label)


def test_put_needs_the_required_fields(flow):
    name, steps = flow
    response = steps["put_without_title"]
    assert response["status"] == (422 if name == "fastapi" else 400)
    if name == "django":
        assert response["body"] == {"title": ["This field is required."]}
    else:
        errors = response["body"]["detail" if name == "fastapi" else "errors"]
        assert [(e["type"], e["loc"][-1]) for e in errors] == [("missing", "title")]


# --------------------------------------------------------------------------- delete, 404


def test_delete_then_not_found(flow, outputs, shown):
    name, steps = flow
    assert steps["delete"]["status"] == 204
    assert steps["delete"]["body"] is None
    # The Content-Type of an empty 204 differs, and means nothing: there is no body.
    assert steps["delete"]["content_type"] == {
        "flask": "text/html; charset=utf-8", "fastapi": "application/json", "django": None,
    }[name]
    gone = steps["gone"]
    assert gone["status"] == 404
    assert gone["body"] == {
        "flask": {"error": "task not found"},
        "fastapi": {"detail": "task not found"},
        "django": {"detail": "No Task matches the given query."},
    }[name]
    outputs.check(f"{OUT}/{name}_delete.txt", shown[f"{name}_delete.txt"])


# --------------------------------------------------------------------------- validation errors


def test_validation_error_shape(flow, outputs, shown):
    """The same invalid body: a title of spaces and a priority that is not a number."""
    name, steps = flow
    response = steps["invalid"]
    assert response["status"] == (422 if name == "fastapi" else 400)
    body = response["body"]
    if name == "django":  # field name -> list of messages
        assert body == {"title": ["This field may not be blank."], "priority": ["A valid integer is required."]}
    elif name == "fastapi":  # Pydantic's errors; the app's handler leaves the echoed input out
        assert [(e["type"], e["loc"]) for e in body["detail"]] == [
            ("string_too_short", ["body", "title"]), ("int_type", ["body", "priority"])]
        assert not [e for e in body["detail"] if "input" in e]
    else:  # Pydantic's errors, trimmed by our invalid() helper
        assert body == {"errors": [
            {"type": "string_too_short", "loc": ["title"], "msg": "String should have at least 1 character"},
            {"type": "int_type", "loc": ["priority"], "msg": "Input should be a valid integer"},
        ]}
    outputs.check(f"{OUT}/{name}_invalid.txt", shown[f"{name}_invalid.txt"])


def test_priority_true_is_not_an_integer(flow):
    """`true` is an int to Python (bool subclasses int): lax Pydantic stored it as priority 1.
    Field(strict=True) refuses it in Flask and FastAPI, as DRF's IntegerField does; the flow's
    integer priorities (2, 3) still pass."""
    name, steps = flow
    response = steps["priority_true"]
    assert response["status"] == (422 if name == "fastapi" else 400), response["body"]
    assert steps["create"]["body"]["priority"] == 2


def test_limits_are_checked(flow):
    """max_length and the 1-5 range, declared once, checked by each framework."""
    name, steps = flow
    body = steps["too_long"]["body"]
    if name == "django":
        assert body == {"title": ["Ensure this field has no more than 100 characters."],
                        "priority": ["Ensure this value is greater than or equal to 1."]}
    else:
        errors = body["detail" if name == "fastapi" else "errors"]
        assert [e["type"] for e in errors] == ["string_too_long", "greater_than_equal"]


def test_body_that_is_not_an_object(flow):
    """A JSON list where an object is expected: an error of no single field."""
    name, steps = flow
    response = steps["not_an_object"]
    assert response["status"] == (422 if name == "fastapi" else 400)
    if name == "django":
        assert response["body"] == {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}
    else:
        [error] = response["body"]["detail" if name == "fastapi" else "errors"]
        assert error["type"] == ("model_attributes_type" if name == "fastapi" else "model_type")
        assert error["loc"] == (["body"] if name == "fastapi" else [])


def test_patch_null(flow, outputs, shown):
    """PATCH {"title": null}: every framework refuses it (TaskPatch's not_null validator in
    Flask and FastAPI; DRF because the model field is not null=True)."""
    name, steps = flow
    response = steps["patch_null"]
    assert response["status"] == (422 if name == "fastapi" else 400)
    if name == "django":
        assert response["body"] == {"title": ["This field may not be null."]}
    else:
        [error] = response["body"]["detail" if name == "fastapi" else "errors"]
        assert error["msg"] == "Value error, may not be null"
    outputs.check(f"{OUT}/{name}_patch_null.txt", shown[f"{name}_patch_null.txt"])
    assert steps["task_2"]["body"] == task(2, "Review it")  # rejected requests changed nothing


def test_patch_model_without_the_validator_lets_null_through():
    """Why TaskPatch has not_null: `str | None = None` alone accepts an explicit null, which
    then reaches a NOT NULL column."""
    from pydantic import BaseModel, ValidationError

    from compare.rest_apis.task_schemas import TaskPatch

    class Naive(BaseModel):
        title: str | None = None

    assert Naive.model_validate({"title": None}).model_dump(exclude_unset=True) == {"title": None}
    with pytest.raises(ValidationError, match="may not be null"):
        TaskPatch.model_validate({"title": None})
    assert TaskPatch.model_validate({}).model_dump(exclude_unset=True) == {}  # omitted is fine


def test_client_cannot_choose_the_id(flow):
    _, steps = flow
    assert steps["choose_id"]["status"] == 201
    assert steps["choose_id"]["body"]["id"] == 4  # "id": 99 was ignored


def test_json_errors_for_other_http_errors(flows):
    """Flask's errorhandler turns every HTTPException into JSON; FastAPI and DRF answer JSON."""
    assert flows["flask"]["wrong_method"]["body"] == {"error": "The method is not allowed for the requested URL."}
    assert flows["fastapi"]["wrong_method"]["body"] == {"detail": "Method Not Allowed"}
    assert flows["django"]["wrong_method"]["body"] == {"detail": 'Method "DELETE" not allowed.'}
    assert {flows[name]["wrong_method"]["status"] for name in FRAMEWORKS} == {405}


def test_a_405_keeps_its_allow_header(flows):
    """RFC 9110 requires Allow on a 405: Flask's JSON handler passes on the exception's headers, except its HTML type."""
    allowed = {name: set(flows[name]["wrong_method"]["allow"].replace(" ", "").split(",")) for name in FRAMEWORKS}
    assert allowed["flask"] == {"GET", "HEAD", "OPTIONS", "POST"}
    assert allowed["django"] == {"GET", "HEAD", "OPTIONS", "POST"}
    assert allowed["fastapi"] == {"GET"}  # Starlette names the methods of the first route matching the path only
    assert flows["flask"]["wrong_method"]["content_type"] == "application/json"


def test_flask_bodies_that_are_not_json():
    """get_json() raises 415 and 400; the app's error handler makes them JSON too."""
    with flask_app_in_memory() as app:
        client = app.test_client()
        wrong_type = client.post("/tasks", data="title=x", content_type="application/x-www-form-urlencoded")
        broken = client.post("/tasks", data='{"title": ', content_type="application/json")
    assert wrong_type.status_code == 415 and wrong_type.is_json
    assert "Content-Type was not 'application/json'" in wrong_type.get_json()["error"]
    assert broken.status_code == 400 and broken.is_json
    assert broken.get_json() == {"error": "The browser (or proxy) sent a request that this server could not understand."}


def test_sqlalchemy_engines_check_pooled_connections(tmp_path, monkeypatch):
    """Both SQLAlchemy apps create their engine with pool_pre_ping, as the ORM chapter teaches (its
    test_a_database_restart_costs_no_request shows what the option saves on PostgreSQL)."""
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    with flask_app_in_memory() as app, app.app_context():
        assert app.extensions["sqlalchemy"].engine.pool._pre_ping is True
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    with TestClient(fastapi_app):
        engine = fastapi_app.state.sessionmaker.kw["bind"]
        assert engine.pool._pre_ping is True



@pytest.mark.slow
@pytest.mark.parametrize("pre_ping", [True, False], ids=["as_shown", "without_pool_pre_ping"])
def test_a_database_restart_costs_the_apis_no_request(postgres_dsn, monkeypatch, pre_ping):
    """Review 10b R3: what pool_pre_ping does in these two apps, not only that it is set. On
    PostgreSQL (SQLite has no server to restart), the server closes the pooled connection; as
    shown, the next GET /tasks still answers 200. The second run drops the option from each app's
    engine and gets a 500 there, so the first run's 200 is the option's doing."""
    from fastapi.testclient import TestClient

    import compare.rest_apis.fastapi_app as fastapi_module
    from compare.rest_apis.flask_app import create_app
    from tests.compare.test_orm import database, restart  # the ORM chapter's restart, reused

    statuses = {}
    with database(postgres_dsn, "rest_apis_flask") as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url} | ({} if pre_ping else {"SQLALCHEMY_ENGINE_OPTIONS": {}}))
        try:
            client = app.test_client()
            assert client.get("/tasks").status_code == 200  # the pool now holds one connection
            restart(postgres_dsn, "rest_apis_flask")
            statuses["flask"] = client.get("/tasks").status_code
        finally:
            dispose_flask_db(app)
    if not pre_ping:
        real = fastapi_module.create_engine
        monkeypatch.setattr(fastapi_module, "create_engine", lambda url, **options: real(url))
    with database(postgres_dsn, "rest_apis_fastapi") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        with TestClient(fastapi_module.app, raise_server_exceptions=False) as client:
            assert client.get("/tasks").status_code == 200
            restart(postgres_dsn, "rest_apis_fastapi")
            statuses["fastapi"] = client.get("/tasks").status_code
    assert statuses == ({"flask": 200, "fastapi": 200} if pre_ping else {"flask": 500, "fastapi": 500})

def test_fastapi_one_session_per_request(tmp_path, monkeypatch):
    """get_task_or_404 and the route both ask for SessionDep; FastAPI runs it once per request."""
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    with TestClient(fastapi_app) as client:
        real, opened = fastapi_app.state.sessionmaker, []

        def counting():
            opened.append(real())
            return opened[-1]

        fastapi_app.state.sessionmaker = counting
        assert client.post("/tasks", json={"title": "One"}).status_code == 201
        assert client.patch("/tasks/1", json={"done": True}).json()["done"] is True  # loaded, then saved
        assert client.delete("/tasks/1").status_code == 204
    assert len(opened) == 3  # one per request


def test_fastapi_threads_and_the_pool_are_not_sized_together(tmp_path, monkeypatch):
    """The page: the endpoints are plain def functions, which FastAPI runs on AnyIO's worker threads,
    at most 40 at once, while the engine lends 5 connections and 10 more (compare/orm shows the wait)."""
    import inspect

    import anyio.to_thread
    from fastapi.routing import APIRoute
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    endpoints = [route.endpoint for route in fastapi_app.routes if isinstance(route, APIRoute)]
    assert endpoints and not [e for e in endpoints if inspect.iscoroutinefunction(e)]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    with TestClient(fastapi_app) as client:
        pool = fastapi_app.state.sessionmaker.kw["bind"].pool
        assert (pool.size(), pool._max_overflow) == (5, 10)
        threads = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
        assert threads == 40


def test_a_burst_to_every_fastapi_endpoint_gets_every_answer(tmp_path, monkeypatch):
    """The page's endpoints, not a sleep: twice threads + pool requests at once (held until all have
    arrived) to each read and write, at the page's ratio of threads to connections scaled down as in
    compare/orm (8 threads, 2 + 1 connections, a 1 s pool timeout). Every one is answered. A session
    that keeps its connection until the response is sent holds it while FastAPI waits for a thread
    to check the return value: a circular wait, which fails part of the burst with 500."""
    import anyio.to_thread
    from fastapi.testclient import TestClient

    import compare.rest_apis.fastapi_app as fastapi_module
    from tests.compare.test_orm import BURST, MAX_OVERFLOW, POOL_SIZE, THREADS, at_once
    from tests.support.bursts import AllAtOnce

    real = fastapi_module.create_engine
    monkeypatch.setattr(fastapi_module, "create_engine", lambda url, **options: real(
        url, **options, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW, pool_timeout=1))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'burst.db'}")

    def limit_threads() -> None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS

    with TestClient(AllAtOnce(fastapi_module.app), raise_server_exceptions=False) as client:
        client.portal.call(limit_threads)
        client.app.expect(1)
        assert client.post("/tasks", json=FIRST).status_code == 201
        statuses = {
            "GET /tasks/1": at_once(client, "/tasks/1", BURST),
            "GET /tasks": at_once(client, "/tasks", BURST),
            "PATCH /tasks/1": at_once(client, "/tasks/1", BURST, "PATCH", lambda i: {"priority": 1 + i % 5}),
            "PUT /tasks/1": at_once(client, "/tasks/1", BURST, "PUT", lambda i: {"title": f"Title {i}"}),
            "POST /tasks": at_once(client, "/tasks", BURST, "POST", lambda i: {"title": f"Task {i}"}),
        }
    assert {what: sorted(set(s)) for what, s in statuses.items()} == {
        "GET /tasks/1": [200], "GET /tasks": [200], "PATCH /tasks/1": [200], "PUT /tasks/1": [200],
        "POST /tasks": [201]}


def test_fastapi_each_request_sends_only_its_own_statements(tmp_path, monkeypatch):
    """Review 48 F1: with sessionmaker()'s default expire_on_commit=True, every commit() expires the
    task, and the next attribute read reloads it. get_task_or_404 commits, so a PATCH read the task
    three times (the load, a reload before the change, a reload while FastAPI checked the return
    value) and a GET or a POST once more than needed, each reload taking a pooled connection again
    after the endpoint had given it back. With expire_on_commit=False, each request sends only the
    statements its work needs, and the answers still carry every field."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from compare.rest_apis.fastapi_app import app as fastapi_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    sent: list[str] = []
    with TestClient(fastapi_app) as client:
        event.listen(fastapi_app.state.sessionmaker.kw["bind"], "before_cursor_execute",
                     lambda conn, cursor, statement, *rest: sent.append(statement.split()[0]))

        def statements(method: str, path: str, body=None) -> tuple[int, dict | None, list[str]]:
            sent.clear()
            response = client.request(method, path, json=body)
            return response.status_code, response.json() if response.content else None, list(sent)

        assert statements("POST", "/tasks", {"title": "One"}) == (201, task(1, "One"), ["INSERT"])
        assert statements("GET", "/tasks/1") == (200, task(1, "One"), ["SELECT"])
        assert statements("PATCH", "/tasks/1", {"done": True}) == (200, task(1, "One", done=True), ["SELECT", "UPDATE"])
        assert statements("PUT", "/tasks/1", {"title": "Two"}) == (200, task(1, "Two"), ["SELECT", "UPDATE"])
        assert statements("GET", "/tasks")[2] == ["SELECT", "SELECT"]  # the count and the page
        assert statements("DELETE", "/tasks/1") == (204, None, ["DELETE"])


RACED = [("DELETE", None, 404), ("PATCH", {"done": True}, 404), ("PUT", {"title": "Two"}, 404), ("GET", None, 200)]


@pytest.mark.parametrize("second, body, status", RACED, ids=[method for method, *_ in RACED])
@pytest.mark.parametrize("database_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
@pytest.mark.parametrize("name", FRAMEWORKS)
def test_a_request_that_loses_a_race_with_a_delete_is_not_a_500(
        name, second, body, status, database_kind, tmp_path, monkeypatch, request, django_db_blocker):
    """Review 48 F2, the interleaving forced, in each app: a second request to task 1 has read what it
    reads first (the app's load of the task, if it has one) when a DELETE of the task runs, and goes on
    only once that DELETE has been answered. A second DELETE, PATCH or PUT answers 404, as it would
    have a moment later; a GET answers with the task it read. Before, FastAPI answered each with a
    500: the task, expired by get_task_or_404's commit, was reloaded after it had gone
    (ObjectDeletedError). Without the expiry, an UPDATE that matches no row still raises
    StaleDataError (a 500 unless caught: Flask's PATCH and PUT did), and the ORM's session.delete()
    of a row already gone only warns (SAWarning, so 204 in production and a 500 here, where warnings
    are errors: Flask's second DELETE did). DRF's save(update_fields=...) raised DatabaseError
    (Task.NotUpdated from Django 6.1), a 500, and its destroy() answered a second DELETE with 204."""
    import contextvars
    import threading
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import ExitStack

    stack = ExitStack()
    request.addfinalizer(stack.close)
    database_name = f"rest_apis_race_{name}"
    if database_kind == "postgresql":  # the ORM chapter's fresh database, on the suite's server
        from tests.compare.test_orm import database

        url = stack.enter_context(database(request.getfixturevalue("postgres_dsn"), database_name))
    else:
        url = f"sqlite:///{tmp_path / 'race.db'}"

    role = contextvars.ContextVar("role", default="")  # which request a statement belongs to
    second_has_read, first_answered, seen = threading.Event(), threading.Event(), []

    def before(statement: str) -> None:
        write = not statement.lstrip().upper().startswith("SELECT")
        if role.get() == "first" and write:
            assert second_has_read.wait(10)
        elif role.get() == "second":
            if seen or write:  # everything after its first read waits for the DELETE's answer
                second_has_read.set()
                assert first_answered.wait(10)
            seen.append(statement)

    def after() -> None:
        if role.get() == "second":
            second_has_read.set()

    if name == "django":
        send_one, create = drf_race_client(url, database_kind, tmp_path, before, after, stack, django_db_blocker)
    else:
        send_one, create = sqlalchemy_race_client(name, url, monkeypatch, role, before, after, stack)

    def send(who: str, method: str, body=None) -> int:
        role.set(who)
        try:
            return send_one(who, method, body)
        finally:
            if who == "first":
                first_answered.set()

    assert create({"title": "One"}) == 201
    with ThreadPoolExecutor(2) as clients:
        deleting = clients.submit(contextvars.copy_context().run, send, "first", "DELETE")
        racing = clients.submit(contextvars.copy_context().run, send, "second", second, body)
        statuses = (deleting.result(), racing.result())
    assert statuses == (204, status)


@pytest.mark.parametrize("expire_on_commit", [False, True], ids=["as_shown", "expire_on_commit"])
@pytest.mark.parametrize("method, path, body, status", [
    ("POST", "/tasks", {"title": "Two"}, 201), ("PATCH", "/tasks/1", {"done": True}, 200),
    ("PUT", "/tasks/1", {"title": "Two"}, 200)], ids=["POST", "PATCH", "PUT"])
def test_flask_a_write_answers_what_it_wrote_when_a_delete_follows_its_commit(
        tmp_path, monkeypatch, method, path, body, status, expire_on_commit):
    """The Flask app's setup note: a DELETE of the task runs after a POST, PATCH or PUT has committed
    and before it builds its answer. With expire_on_commit=False the write answers with what it wrote;
    with Flask-SQLAlchemy's default, True, the commit expired the task, TaskOut reloaded it after it
    had gone (ObjectDeletedError), and the write, already done, answered 500."""
    from sqlalchemy import delete

    from compare.rest_apis import flask_app

    app = flask_app.create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tasks.db'}"})
    try:
        if expire_on_commit:  # Flask-SQLAlchemy's default
            monkeypatch.setitem(flask_app.db.session.session_factory.kw, "expire_on_commit", True)
        client = app.test_client()
        assert client.post("/tasks", json={"title": "One"}).status_code == 201
        with app.app_context():
            engine = flask_app.db.engine
        shown = flask_app.TaskOut

        class AfterADelete(shown):
            @classmethod
            def model_validate(cls, task, **kwargs):  # the write has committed: another request deletes
                with engine.begin() as connection:
                    connection.execute(delete(flask_app.Task))
                return shown.model_validate(task, **kwargs)

        monkeypatch.setattr(flask_app, "TaskOut", AfterADelete)
        response = client.open(path, method=method, json=body)
    finally:
        dispose_flask_db(app)
    if expire_on_commit:
        assert response.status_code == 500
    else:
        assert response.status_code == status and response.get_json().items() >= body.items()


def sqlalchemy_race_client(name, url, monkeypatch, role, before, after, stack):
    """The Flask or FastAPI app on `url`, every statement it sends passed to before() and after()."""
    from sqlalchemy import event

    if name == "flask":
        from compare.rest_apis.flask_app import create_app

        app = create_app({"SQLALCHEMY_DATABASE_URI": url})
        stack.callback(dispose_flask_db, app)
        with app.app_context():
            engine = app.extensions["sqlalchemy"].engine
        clients = {who: app.test_client() for who in ("first", "second", "setup")}
        path = "/tasks/1"
    else:
        from fastapi.testclient import TestClient

        from compare.rest_apis.fastapi_app import app

        monkeypatch.setenv("DATABASE_URL", url)

        async def tagged(scope, receive, send):  # copied into the worker threads with the context
            role.set(dict(scope.get("headers", [])).get(b"x-role", b"").decode())
            await app(scope, receive, send)

        client = stack.enter_context(TestClient(tagged, raise_server_exceptions=False))
        engine = app.state.sessionmaker.kw["bind"]
        clients = {who: client for who in ("first", "second", "setup")}
        path = "/tasks/1"

    event.listen(engine, "before_cursor_execute", lambda conn, cursor, statement, *rest: before(statement))
    event.listen(engine, "after_cursor_execute", lambda *args: after())

    def send_one(who: str, method: str, body=None) -> int:
        if name == "flask":
            return clients[who].open(path, method=method, json=body).status_code
        return clients[who].request(method, path, json=body, headers={"X-Role": who}).status_code

    def create(body: dict) -> int:
        return clients["setup"].post("/tasks", json=body).status_code

    return send_one, create


def drf_race_client(url, database_kind, tmp_path, before, after, stack, django_db_blocker):
    """The DRF app's views on `url`'s database: each request runs in its own thread, whose `default`
    connection is made for it (Django's connections are per thread), every statement passed to
    before() and after()."""
    import contextvars
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQL
    from django.db.backends.sqlite3.base import DatabaseWrapper as SQLite
    from django.test import Client, override_settings

    from compare.rest_apis.django_app.models import Task

    if database_kind == "postgresql":
        dsn = urlsplit(url)
        settings_dict = {**connection.settings_dict, "ENGINE": "django.db.backends.postgresql",
                         "NAME": dsn.path.lstrip("/"), "USER": dsn.username or "", "PASSWORD": dsn.password or "",
                         "HOST": dsn.hostname, "PORT": str(dsn.port), "OPTIONS": {}}
        wrapper = PostgreSQL
    else:
        settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "race.sqlite3"), "OPTIONS": {}}
        wrapper = SQLite
    stack.enter_context(django_db_blocker.unblock())
    stack.enter_context(override_settings(ROOT_URLCONF="compare.rest_apis.django_app.urls"))

    def watched(execute, sql, params, many, context):
        before(sql)
        try:
            return execute(sql, params, many, context)
        finally:
            after()

    def in_its_own_thread(work):
        def run():
            own = wrapper(settings_dict, alias="default")
            connections["default"] = own  # this thread's only
            try:
                with own.execute_wrapper(watched):
                    return work()
            finally:
                own.close()

        with ThreadPoolExecutor(1) as thread:  # with the caller's context: its role
            return thread.submit(contextvars.copy_context().run, run).result()

    def create_table():
        from django.db import connection as own

        with own.schema_editor() as editor:
            editor.create_model(Task)

    in_its_own_thread(create_table)

    def send_one(who: str, method: str, body=None) -> int:
        data = json.dumps(body) if body is not None else ""
        return in_its_own_thread(lambda: Client(raise_request_exception=False).generic(
            method, "/tasks/1/", data=data, content_type="application/json").status_code)

    def create(body: dict) -> int:
        return in_its_own_thread(lambda: Client().post("/tasks/", body, content_type="application/json").status_code)

    return send_one, create


# --------------------------------------------------------------------------- pagination edges


def test_page_out_of_range(flow):
    name, steps = flow
    response = steps["page_out_of_range"]
    # Flask-SQLAlchemy's paginate() aborts with 404, DRF answers 404 "Invalid page.";
    # the FastAPI endpoint (our code) returns an empty page.
    assert response["status"] == {"flask": 404, "fastapi": 200, "django": 404}[name]
    if name == "fastapi":
        assert response["body"]["items"] == [] and response["body"]["total"] == 3
    if name == "django":
        assert response["body"] == {"detail": "Invalid page."}
    # Not a positive integer: Flask-SQLAlchemy and DRF answer 404, FastAPI 422 (Query(ge=1), int).
    for bad in ("page_zero", "page_text"):
        assert steps[bad]["status"] == {"flask": 404, "fastapi": 422, "django": 404}[name]
    # A page far past the last is not sent to the database, whose integers it would overflow
    # (SQLite: OverflowError, a 500): Flask 404 like any page after the last, FastAPI 422 (le=),
    # DRF 404 (Paginator compares the number with the page count).
    assert steps["page_20_digits"]["status"] == {"flask": 404, "fastapi": 422, "django": 404}[name]


def test_page_size_limit(flow):
    """?per_page=500 (Flask, FastAPI) and ?page_size=500 (DRF)."""
    name, steps = flow
    response = steps["huge_page"]
    if name == "flask":  # clamped to max_per_page, silently
        assert response["status"] == 200 and response["body"]["per_page"] == 100
    elif name == "fastapi":  # Query(le=100)
        assert response["status"] == 422
        assert response["body"]["detail"][0]["type"] == "less_than_equal"
    else:  # no page_size_query_param: the parameter is ignored
        assert response["status"] == 200 and len(response["body"]["results"]) == 2


def test_next_link_uses_the_host_the_client_sent(flows):
    # Flask and FastAPI build the absolute link from any Host header; Django checks it against ALLOWED_HOSTS first.
    for name in ("flask", "fastapi"):
        assert flows[name]["other_host_next"].startswith(f"http://{OTHER_HOST}/tasks?"), name
    assert flows["django"]["other_host"] == 400


def test_next_link_keeps_http_behind_a_tls_proxy_it_does_not_trust(flows):
    # X-Forwarded-Proto: https, as nginx sends it after ending TLS: none of the three apps trusts a proxy,
    # so every next link says http:// (the fix, per framework: deployment.md#reverse-proxy).
    for name in FRAMEWORKS:
        assert flows[name]["forwarded_https_next"].startswith("http://"), (name, flows[name]["forwarded_https_next"])


def test_next_link_says_https_once_the_proxy_is_trusted(tmp_path, monkeypatch):
    """The fix the page names: Flask's ProxyFix(x_proto=1), and Uvicorn's proxy headers, which trust
    the loopback addresses by default (`--forwarded-allow-ips` defaults to "127.0.0.1,::1", which
    `uvicorn` hands to its ProxyHeadersMiddleware; the middleware's own default is 127.0.0.1 alone),
    not any other address."""
    from fastapi.testclient import TestClient
    from uvicorn.config import Config
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware
    from werkzeug.middleware.proxy_fix import ProxyFix

    from compare.rest_apis.fastapi_app import app as fastapi_app

    forwarded = {"X-Forwarded-Proto": "https"}
    with flask_app_in_memory() as app:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)
        app.test_client().post("/tasks", json=FIRST)
        app.test_client().post("/tasks", json=MORE[0])
        assert json_of(app.test_client().get("/tasks?per_page=1", headers=forwarded))["next"].startswith("https://")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    trusted = Config(fastapi_app).forwarded_allow_ips  # what `uvicorn` without the option trusts
    assert trusted == "127.0.0.1,::1"
    behind_uvicorn = ProxyHeadersMiddleware(fastapi_app, trusted_hosts=trusted)
    nexts = {}
    for client in ("127.0.0.1", "::1", "203.0.113.7"):
        with TestClient(behind_uvicorn, client=(client, 50000)) as api:
            if client == "127.0.0.1":
                api.post("/tasks", json=FIRST)
                api.post("/tasks", json=MORE[0])
            nexts[client] = api.get("/tasks?per_page=1", headers=forwarded).json()["next"]
    assert nexts["127.0.0.1"].startswith("https://"), nexts  # nginx on the same host: trusted
    assert nexts["::1"].startswith("https://"), nexts  # the same over IPv6 loopback
    assert nexts["203.0.113.7"].startswith("http://"), nexts  # anyone else: the header is ignored


def test_next_link_at_the_exact_end_and_the_size_limits(tmp_path, monkeypatch):
    """The boundaries of the shown pagination: a total that is an exact multiple of the page size
    has no `next` on its last page (and no empty page after it), and the page size is accepted up
    to 100 and refused from 101 (FastAPI, our code; Flask and DRF are checked by the flow above)."""
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    with TestClient(fastapi_app) as client:
        for n in range(4):
            assert client.post("/tasks", json={"title": f"task {n}"}).status_code == 201
        first = client.get("/tasks?per_page=2").json()
        assert first["next"] == "http://testserver/tasks?per_page=2&page=2"
        last = client.get("/tasks?per_page=2&page=2").json()
        assert [len(last["items"]), last["total"], last["next"]] == [2, 4, None]  # 2 x 2 = 4: the end
        assert client.get("/tasks?per_page=3&page=1").json()["next"] is not None  # 3 < 4
        assert client.get("/tasks?per_page=4").json()["next"] is None  # one full page
        assert client.get("/tasks?per_page=1&page=4").json()["next"] is None
        assert client.get("/tasks?per_page=100").status_code == 200
        assert client.get("/tasks?per_page=101").status_code == 422
        assert client.get("/tasks?per_page=0").status_code == 422


# --------------------------------------------------------------------------- FastAPI: response_model and OpenAPI


def test_openapi_schema(outputs, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")  # the lifespan opens it
    with TestClient(fastapi_app) as client:
        served = client.get("/openapi.json").json()
        assert client.get("/docs").status_code == 200  # Swagger UI, built from that schema
    assert served == fastapi_app.openapi()
    paths = served["paths"]
    assert set(paths) == {"/tasks", "/tasks/{task_id}"}
    assert set(paths["/tasks"]) == {"get", "post"}
    assert set(paths["/tasks/{task_id}"]) == {"get", "put", "patch", "delete"}

    listing = paths["/tasks"]["get"]
    per_page = next(p for p in listing["parameters"] if p["name"] == "per_page")
    assert (per_page["in"], per_page["schema"]["minimum"], per_page["schema"]["maximum"]) == ("query", 1, 100)
    ok = listing["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/TaskPage"}
    assert "422" in listing["responses"]  # validation errors are documented ...
    assert "404" not in paths["/tasks/{task_id}"]["get"]["responses"]  # ... an HTTPException is not
    assert set(paths["/tasks"]["post"]["responses"]) == {"201", "422"}  # status_code=201, no 200
    assert paths["/tasks/{task_id}"]["delete"]["responses"]["204"]["description"] == "Successful Response"

    schemas = served["components"]["schemas"]
    assert schemas["TaskPage"]["required"] == ["items", "total", "page", "per_page", "next"]
    assert schemas["TaskPage"]["properties"]["items"]["items"] == {"$ref": "#/components/schemas/TaskOut"}
    assert schemas["TaskIn"]["required"] == ["title"]  # done and priority have defaults
    assert schemas["TaskIn"]["properties"]["title"]["maxLength"] == 100
    assert "required" not in schemas["TaskPatch"]
    assert schemas["TaskOut"]["required"] == ["id", "title", "done", "priority"]

    excerpt = {
        "paths": {"/tasks": {"get": {"parameters": listing["parameters"],
                                     "responses": {"200": listing["responses"]["200"]}}}},
        "components": {"schemas": {name: schemas[name] for name in ("TaskIn", "TaskPage")}},
    }
    outputs.check(f"{OUT}/fastapi_openapi.txt",
                  "GET /openapi.json  (excerpt)\n\n" + json.dumps(excerpt, indent=2) + "\n")


def test_declared_404_appears_in_the_schema():
    """An HTTPException is invisible to the schema; `responses=` on the route documents it."""
    from fastapi import FastAPI, HTTPException

    app = FastAPI()

    @app.get("/things/{thing_id}", responses={404: {"description": "Thing not found"}})
    def get_thing(thing_id: int) -> dict:
        raise HTTPException(status_code=404, detail="thing not found")

    responses = app.openapi()["paths"]["/things/{thing_id}"]["get"]["responses"]
    assert responses["404"] == {"description": "Thing not found"}


def test_response_model_reads_attributes_without_from_attributes():
    """FastAPI validates a response_model with from_attributes=True itself, so an ORM object
    passes even if the model lacks the setting; a direct model_validate() needs it."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from pydantic import BaseModel, ValidationError

    from compare.rest_apis.task_schemas import TaskOut

    class Plain(BaseModel):
        id: int
        title: str

    app = FastAPI()

    @app.get("/thing", response_model=Plain)
    def thing():
        return SimpleNamespace(id=1, title="from an object", secret="not in the model")

    with TestClient(app) as client:
        assert client.get("/thing").json() == {"id": 1, "title": "from an object"}  # filtered
    with pytest.raises(ValidationError, match="model_type"):
        Plain.model_validate(SimpleNamespace(id=1, title="x"))
    assert TaskOut.model_validate(SimpleNamespace(id=1, title="x", done=False, priority=3)).id == 1


def test_fastapi_post_without_status_code_answers_200():
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()

    @app.post("/items")
    def create(item: dict) -> dict:
        return item

    with TestClient(app) as client:
        assert client.post("/items", json={"a": 1}).status_code == 200


# --------------------------------------------------------------------------- DRF settings and serializers (in process)


def test_drf_reads_pagination_settings_at_import(settings):
    """DRF's settings object follows settings.REST_FRAMEWORK, but the generic views and the
    paginator copied their defaults into class attributes when they were imported."""
    from rest_framework import generics, pagination
    from rest_framework.settings import api_settings

    page_size, paginator = pagination.PageNumberPagination.page_size, generics.GenericAPIView.pagination_class
    settings.REST_FRAMEWORK = {"DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
                               "PAGE_SIZE": 7}
    assert api_settings.PAGE_SIZE == 7
    assert api_settings.DEFAULT_PAGINATION_CLASS is pagination.LimitOffsetPagination
    assert pagination.PageNumberPagination.page_size == page_size != 7
    assert generics.GenericAPIView.pagination_class is paginator is not pagination.LimitOffsetPagination


def test_drf_page_size_alone_paginates_nothing(settings):
    """Since DRF 3.7 DEFAULT_PAGINATION_CLASS defaults to None: PAGE_SIZE alone gets a warning."""
    from rest_framework.checks import pagination_system_check
    from rest_framework.settings import DEFAULTS

    assert DEFAULTS["DEFAULT_PAGINATION_CLASS"] is None
    settings.REST_FRAMEWORK = {"PAGE_SIZE": 20}
    assert [w.id for w in pagination_system_check(None)] == ["rest_framework.W001"]
    settings.REST_FRAMEWORK = {"DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
                               "PAGE_SIZE": 20}
    assert pagination_system_check(None) == []


def test_drf_removed_pagination_settings_are_ignored(settings):
    """PAGINATE_BY (DRF < 3.1) is silently ignored by the settings object: no error, no check."""
    from rest_framework.checks import pagination_system_check
    from rest_framework.settings import REMOVED_SETTINGS, api_settings

    assert "PAGINATE_BY" in REMOVED_SETTINGS
    settings.REST_FRAMEWORK = {"PAGINATE_BY": 10}
    assert api_settings.PAGE_SIZE is None
    assert api_settings.DEFAULT_PAGINATION_CLASS is None
    assert pagination_system_check(None) == []


def test_drf_default_permission_is_allow_any():
    from rest_framework.settings import DEFAULTS

    assert DEFAULTS["DEFAULT_PERMISSION_CLASSES"] == ["rest_framework.permissions.AllowAny"]
    # The default renderers include the browsable API; the example keeps JSON only.
    assert DEFAULTS["DEFAULT_RENDERER_CLASSES"] == [
        "rest_framework.renderers.JSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"]


def test_drf_example_settings():
    """The settings the page shows: pagination on, JSON only, and the permission spelled out."""
    from compare.rest_apis.django_app import settings as example

    assert example.REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] == "rest_framework.pagination.PageNumberPagination"
    assert example.REST_FRAMEWORK["PAGE_SIZE"] == 20


@pytest.mark.django_db
def test_drf_unordered_queryset_warns():
    """Paginating a queryset without an order: Django's Paginator warns (an error in this suite)."""
    from django.core.paginator import UnorderedObjectListWarning
    from rest_framework.pagination import PageNumberPagination
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from compare.rest_apis.django_app.models import Task

    paginator = PageNumberPagination()
    paginator.page_size = 2
    request = Request(APIRequestFactory().get("/tasks/"))
    with pytest.warns(UnorderedObjectListWarning, match="unordered object_list"):
        paginator.paginate_queryset(Task.objects.all(), request)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paginator.paginate_queryset(Task.objects.order_by("id"), request)  # what TaskList uses


@pytest.mark.django_db
def test_model_validators_do_not_run_on_save():
    from django.core.exceptions import ValidationError as DjangoValidationError

    from compare.rest_apis.django_app.models import Task

    task = Task(title="Too urgent", priority=9)
    task.save()  # accepted: save() does not run validators
    with pytest.raises(DjangoValidationError, match="less than or equal to 5"):
        task.full_clean()


def test_drf_serializer_fields():
    from rest_framework import serializers

    from compare.rest_apis.django_app.models import Task
    from compare.rest_apis.django_app.serializers import TaskSerializer

    fields = TaskSerializer().fields
    assert list(fields) == ["id", "title", "done", "priority"]
    assert fields["id"].read_only  # the client cannot set it
    assert fields["title"].required and fields["title"].max_length == 100
    assert not fields["done"].required and not fields["priority"].required  # model defaults
    assert (fields["priority"].min_value, fields["priority"].max_value) == (1, 5)  # from the validators
    assert fields["title"].trim_whitespace  # CharField's default: "   " becomes "" (blank)

    class Everything(serializers.ModelSerializer):
        class Meta:
            model = Task
            fields = "__all__"

    assert list(Everything().fields) == ["id", "title", "done", "priority"]  # every field, writable


def test_drf_serializer_default_applies_to_put_only():
    """A serializer field with default= is filled in on a full update (PUT), not on a partial one."""
    from rest_framework import serializers

    from compare.rest_apis.django_app.models import Task
    from compare.rest_apis.django_app.serializers import TaskSerializer

    class ResettingSerializer(TaskSerializer):
        done = serializers.BooleanField(default=False)

    current = Task(id=1, title="Write", done=True, priority=2)
    full = ResettingSerializer(current, data={"title": "Rewrite"})
    assert full.is_valid() and full.validated_data == {"title": "Rewrite", "done": False}
    partial = ResettingSerializer(current, data={"title": "Rewrite"}, partial=True)
    assert partial.is_valid() and partial.validated_data == {"title": "Rewrite"}
    plain = TaskSerializer(current, data={"title": "Rewrite"})
    assert plain.is_valid() and plain.validated_data == {"title": "Rewrite"}  # done, priority skipped


def test_drf_generic_views():
    from rest_framework import generics

    from compare.rest_apis.django_app import views

    assert issubclass(views.TaskList, generics.ListCreateAPIView)
    assert issubclass(views.TaskDetail, generics.RetrieveUpdateDestroyAPIView)
    assert views.TaskDetail.lookup_field == "pk"  # the URL argument in urls.py
    assert views.TaskList.queryset.ordered and not views.TaskDetail.queryset.ordered


# --------------------------------------------------------------------------- what older examples get wrong


def test_orm_mode_is_not_from_attributes():
    """A Pydantic v1 `class Config: orm_mode = True` still imports, warns, and does nothing."""
    from pydantic import BaseModel, PydanticDeprecatedSince20, PydanticUserError, ValidationError

    from compare.rest_apis.task_schemas import TaskOut

    with pytest.warns(PydanticDeprecatedSince20, match="class-based `config` is deprecated"), \
            pytest.warns(UserWarning, match="'orm_mode' has been renamed to 'from_attributes'"):
        class Old(BaseModel):
            id: int

            class Config:
                orm_mode = True

    assert "from_attributes" not in Old.model_config
    with pytest.raises(ValidationError, match="model_type"):
        Old.model_validate(SimpleNamespace(id=1))
    with pytest.warns(PydanticDeprecatedSince20, match="from_orm"), pytest.raises(PydanticUserError):
        Old.from_orm(SimpleNamespace(id=1))
    with pytest.warns(PydanticDeprecatedSince20, match="`dict` method is deprecated"):
        TaskOut(id=1, title="x", done=False, priority=3).dict()


# --------------------------------------------------------------------------- run it yourself


def run_commands() -> dict[str, str]:
    """The commands of snippets/compare/rest_apis/run.sh, by section name."""
    return shown_commands(SNIPPETS / "compare/rest_apis/run.sh")


@pytest.mark.slow
@pytest.mark.parametrize("name", FRAMEWORKS)
def test_run_command_serves_the_api(name, tmp_path):
    import httpx2

    from tests.support.services import run_server

    env = {**python_env(), "DATABASE_URL": f"sqlite:///{tmp_path / 'tasks.db'}",
           "DATABASE_PATH": str(tmp_path / "tasks.sqlite3")}
    slash = "/" if name == "django" else ""
    with run_server(run_commands()[name], cwd=SNIPPETS, env=env, timeout=90) as server:
        created = httpx2.post(f"{server.url}/tasks{slash}", json={"title": "Try it"}, timeout=10)
        listed = httpx2.get(f"{server.url}/tasks{slash}", timeout=10)
    assert created.status_code == 201
    assert created.json() == {"id": 1, "title": "Try it", "done": False, "priority": 3}
    items = listed.json()["results" if name == "django" else "items"]
    assert items == [created.json()]


# --------------------------------------------------------------------------- hostile bodies (review 10b R1)


def too_deep() -> bytes:
    """A JSON body nested deeper than this interpreter's json module decodes. Where that depth lies
    moves with each Python release (about 1,000 on 3.11, 20,000 on 3.13), so it is found, not assumed."""
    for depth in (10**4, 10**5, 10**6):
        body = b'{"title": ' + b"[" * depth + b"]" * depth + b"}"
        try:
            json.loads(body)
        except RecursionError:
            return body
    pytest.fail("json.loads decoded a body nested 1,000,000 deep: find another body it refuses")


HOSTILE_BODIES = {
    "deep": too_deep(),
    "broken": b'{"title": ',  # JSON that does not parse, for comparison
    "latin1": '{"title": "Café"}'.encode("latin-1"),  # not UTF-8
    "utf16": '{"title": "UTF-16"}'.encode("utf-16"),  # json.loads(bytes) detects UTF-16 and -32 by itself
    "form": b"title=A+form",
    # Not UTF-8 and not sent as JSON: FastAPI's default 422 handler decoded the bytes it echoes as `input`.
    "latin1_text": '{"title": "Café"}'.encode("latin-1"),
    "latin1_form": "title=Café".encode("latin-1"),
}
CONTENT_TYPES = {"form": "application/x-www-form-urlencoded", "latin1_form": "application/x-www-form-urlencoded",
                 "latin1_text": "text/plain"}


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name, "application/json")


HUGE = json.dumps({"title": "Huge", "notes": "x" * 3_000_000}).encode()  # 3 MB, valid JSON


def drf_bodies_main(which: str = "HOSTILE_BODIES") -> None:
    """Each body of `which` posted to the DRF app with the example's own settings (fresh interpreter)."""
    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    call_command("migrate", run_syncdb=True, verbosity=0)
    from rest_framework.test import APIClient

    client = APIClient(raise_request_exception=False)
    found = {}
    bodies = {"huge": HUGE} if which == "HUGE" else HOSTILE_BODIES
    for name, data in bodies.items():
        response = client.generic("POST", "/tasks/", data, content_type=content_type(name))
        found[name] = {"status": response.status_code, "type": response.headers.get("Content-Type"),
                       "body": response.content.decode()}
    print(json.dumps(found))


def test_a_body_nested_too_deep_or_not_utf8_is_a_400_not_a_500(tmp_path, monkeypatch):
    """json.loads raises RecursionError, not ValueError, for a body nested past its limit; get_json()
    and DRF's JSONParser turn only ValueError into a 400, so without the app's JSONProvider (Flask) and
    parsers.JSONParser (DRF) such a body is a 500 with a traceback in the log. FastAPI answers 400 by
    itself. Bytes that are not UTF-8 are a 400 in all three; UTF-16 is JSON to Flask and FastAPI, a
    400 to DRF. A form body is a 415 where only JSON is parsed (Flask's get_json(), DRF here)."""
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    found = {name: {} for name in FRAMEWORKS}
    with flask_app_in_memory() as app:
        app.config["PROPAGATE_EXCEPTIONS"] = False  # a server's answer to an uncaught exception, not the test client's
        client = app.test_client()
        for name, data in HOSTILE_BODIES.items():
            response = client.post("/tasks", data=data, content_type=content_type(name))
            found["flask"][name] = {"status": response.status_code, "type": response.content_type,
                                    "body": response.get_data(as_text=True)}
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    with TestClient(fastapi_app, raise_server_exceptions=False) as client:
        for name, data in HOSTILE_BODIES.items():
            response = client.post("/tasks", content=data, headers={"Content-Type": content_type(name)})
            found["fastapi"][name] = {"status": response.status_code, "type": response.headers["Content-Type"],
                                      "body": response.text}
    env = {**os.environ, **python_env(), "PYTHONPATH": os.pathsep.join([str(ROOT), str(SNIPPETS)]),
           "DJANGO_SETTINGS_MODULE": DRF_SETTINGS, "DATABASE_PATH": ":memory:"}
    result = subprocess.run([sys.executable, "-c", "from tests.compare.test_rest_apis import drf_bodies_main; drf_bodies_main()"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    found["django"] = json.loads(result.stdout)

    statuses = {name: {body: answer["status"] for body, answer in answers.items()} for name, answers in found.items()}
    assert statuses == {
        "flask": {"deep": 400, "broken": 400, "latin1": 400, "utf16": 201, "form": 415,
                  "latin1_text": 415, "latin1_form": 415},
        "fastapi": {"deep": 400, "broken": 422, "latin1": 400, "utf16": 201, "form": 422,
                    "latin1_text": 422, "latin1_form": 422},
        "django": {"deep": 400, "broken": 400, "latin1": 400, "utf16": 400, "form": 415,
                   "latin1_text": 415, "latin1_form": 415},
    }, found
    for name in FRAMEWORKS:  # each refusal in the API's own JSON, not a server error page
        assert all(answer["type"].startswith("application/json") for answer in found[name].values()), found[name]
    assert json.loads(found["flask"]["deep"]["body"]) == json.loads(found["flask"]["broken"]["body"])  # get_json()'s one 400
    assert json.loads(found["fastapi"]["deep"]["body"]) == {"detail": "There was an error parsing the body"}
    assert json.loads(found["fastapi"]["broken"]["body"])["detail"][0]["type"] == "json_invalid"
    assert json.loads(found["django"]["deep"]["body"]) == {"detail": "JSON parse error - nested too deeply"}


@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_a_wrong_field_nested_just_under_the_parse_limit_is_refused_not_a_500(name, tmp_path, monkeypatch):
    """A title nested close to the limit parses, then fails validation: FastAPI's default 422 handler
    sent each error's `input` back and could not encode this one (RecursionError, a 500, from about
    960 levels on 3.11 and 970 on 3.13 up to the limit). The app's handler leaves `input` out. Flask's
    error handler never echoed it; DRF's serializer errors carry no input."""
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app

    def check(post):
        statuses = depths_near_the_limit(lambda depth: post(nested('{"title": ', depth)).status_code)
        assert set(statuses.values()) <= {400, 422}, {d: c for d, c in statuses.items() if c == 500}

    if name == "flask":
        with flask_app_in_memory() as app:
            app.config["PROPAGATE_EXCEPTIONS"] = False
            client = app.test_client()
            check(lambda body: client.post("/tasks", data=body, content_type="application/json"))
    else:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
        with TestClient(fastapi_app, raise_server_exceptions=False) as client:
            check(lambda body: client.post("/tasks", content=body, headers={"Content-Type": "application/json"}))


def test_drf_opens_a_connection_per_request():
    """The page: DRF needs no pre-ping because Django opens a connection in each request
    (CONN_MAX_AGE = 0, its default); a connection kept longer needs CONN_HEALTH_CHECKS, or the
    first request after a database restart uses the dead connection and answers 500."""
    import importlib

    database = importlib.import_module(DRF_SETTINGS).DATABASES["default"]
    keeps = database.get("CONN_MAX_AGE", 0)
    assert keeps == 0 or database.get("CONN_HEALTH_CHECKS") is True, database


def test_a_body_over_the_size_limit(tmp_path, monkeypatch):
    """Review 10b R4. A 3 MB body: the Flask app's MAX_CONTENT_LENGTH (1 MiB) refuses it with 413, in
    JSON through its error handler; Flask's default is no limit. FastAPI has no limit and reads it
    whole (201). DRF refuses it through Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): Django's HTML 400
    page without the example's EXCEPTION_HANDLER, a JSON 413 with it."""
    from fastapi.testclient import TestClient

    from compare.rest_apis.fastapi_app import app as fastapi_app
    from compare.rest_apis.flask_app import create_app

    with flask_app_in_memory() as app:
        assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
        client = app.test_client()
        huge = client.post("/tasks", data=HUGE, content_type="application/json")
        small = client.post("/tasks", json={"title": "Small"})
    assert (huge.status_code, huge.content_type, small.status_code) == (413, "application/json", 201)
    bare = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "MAX_CONTENT_LENGTH": None})  # Flask's default
    try:
        assert bare.test_client().post("/tasks", data=HUGE, content_type="application/json").status_code == 201
    finally:
        dispose_flask_db(bare)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.db'}")
    with TestClient(fastapi_app) as client:
        assert client.post("/tasks", content=HUGE, headers={"Content-Type": "application/json"}).status_code == 201
    env = {**os.environ, **python_env(), "PYTHONPATH": os.pathsep.join([str(ROOT), str(SNIPPETS)]),
           "DJANGO_SETTINGS_MODULE": DRF_SETTINGS, "DATABASE_PATH": ":memory:"}
    result = subprocess.run([sys.executable, "-c", "from tests.compare.test_rest_apis import drf_bodies_main; drf_bodies_main('HUGE')"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    drf = json.loads(result.stdout)["huge"]
    # Django raises RequestDataTooBig, which DRF's own handler leaves to Django's HTML 400 page; the
    # example's EXCEPTION_HANDLER answers 413 in JSON, as the Flask app does (fr-eng, fix32c).
    assert (drf["status"], drf["type"], json.loads(drf["body"])) == (413, "application/json", {"detail": "Request body too large."}), drf
