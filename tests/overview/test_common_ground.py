"""What they share: the same plain caller runs each app through the WSGI or ASGI standard."""

from __future__ import annotations

import pytest

from overview.common_ground.standards import call_asgi, call_wsgi

OUT = "overview/common_ground/out"
# call_asgi waits for messages: a receive() that never answers hangs rather than fails. Seconds, not
# the run's ten minutes, so such a bug (or a mutant of it) fails here with its stack.
pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def apps(settings):
    settings.ROOT_URLCONF = "compare.routing.django_app.urls"
    from overview.common_ground import callables

    return callables


def test_every_app_speaks_a_standard(apps, outputs):
    calls = [
        ("call_wsgi", "flask_app", call_wsgi, apps.flask_app),
        ("call_wsgi", "django_wsgi", call_wsgi, apps.django_wsgi),
        ("call_asgi", "fastapi_app", call_asgi, apps.fastapi_app),
        ("call_asgi", "django_asgi", call_asgi, apps.django_asgi),
    ]
    lines = []
    for caller, name, function, app in calls:
        status, body = function(app, "/blog/7")
        assert status in ("200 OK", 200)
        assert body.replace(b" ", b"").strip() == b'{"post_id":7}'
        lines.append(f'{caller}({name}, "/blog/7")'.ljust(36) + f"-> {(status, body)!r}")
    outputs.check(f"{OUT}/standards.txt", "\n".join(lines) + "\n")


def test_not_found_through_the_standards(apps):
    assert call_wsgi(apps.flask_app, "/nowhere")[0] == "404 NOT FOUND"
    assert call_wsgi(apps.django_wsgi, "/nowhere")[0] == "404 Not Found"
    assert call_asgi(apps.fastapi_app, "/nowhere")[0] == 404
    assert call_asgi(apps.django_asgi, "/nowhere")[0] == 404


def test_call_wsgi_closes_the_body_once_read():
    """PEP 3333: the server calls the iterable's close() if it has one, also when reading it
    fails, and a body without close() (a list) is read as it is."""

    class Body:
        def __init__(self, chunks):
            self.chunks, self.closed = chunks, False

        def __iter__(self):
            for chunk in self.chunks:
                if isinstance(chunk, Exception):
                    raise chunk
                yield chunk

        def close(self):
            self.closed = True

    def app_returning(body):
        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return body
        return app

    body = Body([b"read ", b"me"])
    assert call_wsgi(app_returning(body), "/") == ("200 OK", b"read me") and body.closed
    failing = Body([b"half", OSError("the disk went away")])
    with pytest.raises(OSError):
        call_wsgi(app_returning(failing), "/")
    assert failing.closed
    assert call_wsgi(app_returning([b"a ", b"list"]), "/") == ("200 OK", b"a list")


def test_call_asgi_tells_an_app_that_waits_for_it_that_the_client_left():
    """After the response, call_asgi's receive() answers http.disconnect once the body is sent.
    Whether a framework asks (and waits for the answer) is its own business, so a bare ASGI app
    that does so checks it on every stack."""
    seen = []

    async def app(scope, receive, send):
        seen.append((await receive())["type"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"bye"})
        seen.append((await receive())["type"])

    assert call_asgi(app, "/") == (200, b"bye")
    assert seen == ["http.request", "http.disconnect"]


def test_call_asgi_keeps_the_client_until_the_last_body_message():
    """Between the start and the last body message the client is still there: an app that listens
    for a disconnect while it streams hears nothing until it has sent `more_body: False`."""
    import asyncio

    heard = []

    async def app(scope, receive, send):
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for chunk in (b"one ", b"two"):
            try:
                heard.append((await asyncio.wait_for(receive(), 0.05))["type"])
            except TimeoutError:
                heard.append("nothing")
            await send({"type": "http.response.body", "body": chunk, "more_body": chunk != b"two"})
        heard.append((await receive())["type"])

    assert call_asgi(app, "/") == (200, b"one two")
    assert heard == ["nothing", "nothing", "http.disconnect"]


def test_flask_is_wsgi_and_fastapi_is_asgi(apps):
    import inspect

    # A WSGI app is a plain callable; an ASGI app is called and awaited.
    assert not inspect.iscoroutinefunction(apps.flask_app.wsgi_app)
    assert inspect.iscoroutinefunction(apps.fastapi_app.__call__)
    assert inspect.iscoroutinefunction(type(apps.django_asgi).__call__)


def test_fastapi_templates_need_jinja2():
    from importlib.metadata import requires

    from tests.overview.lockfile import runtime_requirements

    assert "jinja2" not in runtime_requirements("fastapi")  # not with a plain `pip install fastapi`
    assert any(r.startswith("jinja2") and 'extra == "standard"' in r for r in requires("fastapi"))
    import starlette.templating

    assert hasattr(starlette.templating, "Jinja2Templates")


def test_django_can_render_jinja2():
    from django.template.backends.jinja2 import Jinja2

    assert Jinja2.app_dirname == "jinja2"


def test_a_str_parameter_of_a_post_route_comes_from_the_query_string():
    """The note's chat endpoint: `async def chat(prompt: str)` on a POST route."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()

    @app.post("/chat")
    async def chat(prompt: str) -> dict[str, str]:
        return {"prompt": prompt}

    with TestClient(app) as client:
        as_json = client.post("/chat", json={"prompt": "hi"})
        assert as_json.status_code == 422
        assert as_json.json()["detail"][0]["loc"] == ["query", "prompt"]
        assert client.post("/chat?prompt=hi").json() == {"prompt": "hi"}


def test_a_django_view_answers_every_method_until_it_is_limited(apps):
    """Django's 405 comes from the view (here `require_http_methods`), not from the URL pattern:
    the routing chapter's `items` view without its decorator answers DELETE like GET."""
    from django.test import RequestFactory

    from compare.routing.django_app.views import items

    request = RequestFactory().delete("/items")
    assert items(request).status_code == 405
    unlimited = items.__wrapped__(request)
    assert unlimited.status_code == 200
    assert unlimited.content == b'{"items": []}'


def test_fastapi_test_client_needs_httpx2():
    """Like jinja2, the package Starlette's TestClient is built on comes with fastapi[standard] only."""
    import inspect
    from importlib.metadata import requires

    import starlette.testclient

    from tests.overview.lockfile import runtime_requirements

    assert not {"httpx2", "httpx"} & set(runtime_requirements("fastapi"))
    assert any(r.startswith("httpx2") and 'extra == "standard"' in r for r in requires("fastapi"))
    assert "requires the httpx2 package" in inspect.getsource(starlette.testclient)
